"""Anonymous item-response matrices from the database, and their export for researchers.

A matrix holds one row per finished quiz of one grade band and form (both languages), one column
per item, the 0-4 answers, and beside them only what an analysis needs: the form's language, the
day it was finished, seconds between answers, the quiz's quality flags, and the self-reported class
fields (e.g. campus) of its student. Resume codes are read to link a quiz to its class fields and
are dropped before anything leaves ``load``; rows are ordered by day and answers, not by code or
time, so a row number says nothing about who or when.

The export (``export_csv`` / ``export_json``) goes further, because a file travels: a matrix with
fewer than the district minimum of rows is not exported at all; a self-reported value held by fewer
than the minimum is pooled (``privacy.recode_groups``); a day with fewer than the minimum quizzes
is written as its month, a month with fewer as nothing; if some combination of the remaining
columns still describes fewer than the minimum, group columns are dropped until none does; a quiz
that would still stand alone is left out.
"""
from __future__ import annotations

import itertools
import json
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime

import numpy as np
import pandas as pd
from sqlmodel import col, select

from explorer import db, exports, privacy, quiz
from explorer.i18n import N_
from explorer.models import Answer, ClassMember, QuizAttempt, Retake

OTHER = N_("other or not given")  # the pooled value of groups too small to name (as on the class dashboard)
# A quiz with one of these flags carries no information about how items differ (every answer
# equal or nearly), and the quiz itself refuses to rank careers for it: left out of the statistics.
EXCLUDED_FLAGS = ("incomplete", "all_same", "nearly_all_same")
EXPORT_SCHEMA = "career-pathways-explorer/item-responses"


@dataclass(frozen=True)
class ResponseMatrix:
    """Finished quizzes of one band and form, anonymous. ``answers``, ``seconds`` and ``meta`` share
    one index (0..n-1); ``answers`` has NaN for an item a finished quiz left unanswered."""

    band: str
    form: str
    items: tuple[quiz.Item, ...]  # English wording; ids are the same in every language
    answers: pd.DataFrame
    seconds: pd.DataFrame  # seconds since the previous answer (NaN for each quiz's first answer)
    meta: pd.DataFrame  # lang, finished_on (date), flags (tuple of str), one column per self-reported field
    started: dict[str, int]  # language -> quizzes started (finished or not)
    group_fields: tuple[str, ...]
    finished_all: dict[str, int] = field(default_factory=dict)  # language -> finished, released or not
    release_k: int | None = None  # rows are the first whole batches of this many per language (meta "batch")

    @property
    def theme_of(self) -> dict[str, str]:
        return {i.id: i.theme for i in self.items}

    def usable(self, lang: str | None = None) -> pd.Series:
        """Rows the statistics use: complete, not straight-lined, in ``lang`` (None: both languages)."""
        keep = ~self.meta["flags"].map(lambda flags: any(f in EXCLUDED_FLAGS for f in flags))
        if lang:
            keep &= self.meta["lang"] == lang
        return keep

    def finished(self, lang: str | None = None) -> int:
        return int((self.meta["lang"] == lang).sum()) if lang else len(self.meta)


def _as_utc(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes (stored as UTC), PostgreSQL aware ones."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _group_values(s, codes: list[str]) -> dict[str, dict[str, str]]:
    """Resume code -> self-reported fields of its student (through the portfolio; a field a student
    reported differently in two classes is left out rather than guessed)."""
    retaken: dict[str, str | None] = {}
    for i in range(0, len(codes), 500):
        chunk = codes[i:i + 500]
        retaken.update({r.resume_code: r.portfolio_code for r in s.execute(
            select(Retake.resume_code, Retake.portfolio_code).where(col(Retake.resume_code).in_(chunk)))})
    owner = {code: retaken.get(code) or code for code in codes}
    reported: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    portfolios = sorted(set(owner.values()))
    for i in range(0, len(portfolios), 500):
        chunk = portfolios[i:i + 500]
        for portfolio, groups in s.execute(select(ClassMember.portfolio_code, ClassMember.groups)
                                           .where(col(ClassMember.portfolio_code).in_(chunk))):
            for name, value in json.loads(groups or "{}").items():
                if str(value).strip():
                    reported[portfolio][name].add(str(value).strip())
    return {code: {name: next(iter(values)) for name, values in reported[portfolio].items() if len(values) == 1}
            for code, portfolio in owner.items()}


def form_in_use(url: str | None = None) -> tuple[str, str] | None:
    """The grade band and form with the most finished quizzes (the page opens on it; ties: the older
    band order 9-12, 6-8, 3-5 and the quick form first), or None when no quiz is finished."""
    with db.session(url) as s:
        counts = Counter(s.execute(select(QuizAttempt.band, QuizAttempt.form)
                                   .where(col(QuizAttempt.finished_at).is_not(None))).all())
    if not counts:
        return None
    order = {"9-12": 0, "6-8": 1, "3-5": 2}
    band, form = min(counts, key=lambda bf: (-counts[bf], order.get(bf[0], 9), bf[1] != "quick"))
    return str(band), str(form)


def load(band: str, form: str, url: str | None = None, k: int | None = None) -> ResponseMatrix:
    """Every finished quiz of one band and form in the database, as an anonymous matrix.

    With ``k`` (what the page, the command line and every export use) only the released quizzes:
    per language, the first whole batches of ``k`` in order of finishing (``privacy.released``), each
    row tagged with its batch in ``meta["batch"]``. Everything computed from the matrix then changes
    only when k more quizzes have finished, never for one student."""
    quiz.check_band_form(band, form)
    items = tuple(quiz.form_items(band, form, "en"))
    by_lang = {lang: {i.id: i for i in quiz.form_items(band, form, lang)} for lang in ("en", "es")}
    ids = [i.id for i in items]
    with db.session(url) as s:
        started = Counter(lang for (lang,) in s.execute(
            select(QuizAttempt.lang).where(QuizAttempt.band == band, QuizAttempt.form == form)))
        attempts_rows = s.execute(select(QuizAttempt.id, QuizAttempt.resume_code, QuizAttempt.lang,
                                         QuizAttempt.finished_at)
                                  .where(QuizAttempt.band == band, QuizAttempt.form == form,
                                         col(QuizAttempt.finished_at).is_not(None))).all()
        answers: dict[int, dict[str, tuple[int, datetime]]] = defaultdict(dict)
        for attempt_id, item_id, value, moment in s.execute(
                select(Answer.attempt_id, Answer.item_id, Answer.value, Answer.answered_at)
                .join(QuizAttempt, col(QuizAttempt.id) == Answer.attempt_id)
                .where(QuizAttempt.band == band, QuizAttempt.form == form, col(QuizAttempt.finished_at).is_not(None))):
            answers[attempt_id][item_id] = (value, _as_utc(moment))
        groups = _group_values(s, [r.resume_code for r in attempts_rows])
    finished_all = Counter(lang for _id, _code, lang, _at in attempts_rows)
    batch: dict[int, int] = {}
    if k:
        attempts_rows, batch = _released_rows(list(attempts_rows), k)
    records = []
    for attempt_id, code, lang, finished_at in attempts_rows:
        given = answers.get(attempt_id, {})
        values = {i: v for i, (v, _t) in given.items() if i in by_lang["en"]}
        moments = {i: t for i, (_v, t) in given.items() if i in by_lang["en"]}
        order = sorted(moments, key=moments.__getitem__)
        gaps = {b: (moments[b] - moments[a]).total_seconds() for a, b in itertools.pairwise(order)}
        flags = tuple(quiz.quality_flags(values, len(ids), moments, by_lang.get(lang, by_lang["en"])))
        released = {"batch": batch[attempt_id]} if k else {}
        records.append(({**values}, gaps, {"lang": lang, "finished_on": _as_utc(finished_at).date(), "flags": flags,
                                           **released, **groups.get(code, {})}))
    fields = tuple(sorted({name for _v, _g, meta in records for name in meta} - {"lang", "finished_on", "flags", "batch"}))
    answers_frame = pd.DataFrame([r[0] for r in records], columns=ids, dtype="float64")
    seconds = pd.DataFrame([r[1] for r in records], columns=ids, dtype="float64")
    meta = pd.DataFrame([r[2] for r in records], columns=["lang", "finished_on", "flags", *(["batch"] if k else []),
                                                          *fields])
    # Anonymous order: by day, language and answers (never by attempt id, code or time of day).
    keys = pd.concat([meta[["finished_on", "lang"]].astype(str), answers_frame.fillna(-1)], axis=1)
    keys.columns = range(keys.shape[1])
    order = keys.sort_values(list(keys.columns), kind="stable").index

    def reindex(frame: pd.DataFrame) -> pd.DataFrame:
        return frame.loc[order].reset_index(drop=True)
    return ResponseMatrix(band=band, form=form, items=items, answers=reindex(answers_frame),
                          seconds=reindex(seconds), meta=reindex(meta), started=dict(started), group_fields=fields,
                          finished_all=dict(finished_all), release_k=k)


def _released_rows(rows: list, k: int) -> tuple[list, dict[int, int]]:
    """The released attempts (id, code, lang, finished_at) and each one's batch number: per language,
    in order of finishing (ties by attempt id, which only grows)."""
    kept, batch = [], {}
    for lang in sorted({r[2] for r in rows}):
        in_order = sorted((r for r in rows if r[2] == lang), key=lambda r: (_as_utc(r[3]), r[0]))
        for rank, row in enumerate(privacy.released(in_order, k)):
            kept.append(row)
            batch[row[0]] = rank // k
    return kept, batch


# --- response quality --------------------------------------------------------------------------------

QUALITY_FLAGS: tuple[str, ...] = ("incomplete", "all_same", "nearly_all_same", "mostly_same", "too_fast")


@dataclass(frozen=True)
class ResponseQuality:
    """How the quizzes of one band x form x language were answered."""

    started: int
    finished: int  # every finished quiz (not about any one student's answers: shown exactly)
    released: int  # finished quizzes the figures describe (whole batches of k; all of them without a release)
    used: int  # finished quizzes the statistics use (complete, not straight-lined)
    flagged: dict[str, int]  # quality flag -> finished quizzes with it (flags can overlap)
    median_seconds_per_item: float | None  # median over quizzes of each quiz's median gap between answers

    @property
    def unfinished(self) -> int:
        return self.started - self.finished

    def used_shown(self, k: int) -> bool:
        """Released minus used is how many quizzes were left out for their answers: "used" is hidden
        when that would be a small count."""
        return not privacy.small(self.released - self.used, k)

    def as_dict(self, k: int) -> dict:
        """As JSON, counts of 1..k-1 quizzes written as "<k" (as everywhere else)."""
        def count(n: int) -> int | str:
            return privacy.lone_count(n, k)

        return {"started": self.started, "finished": self.finished, "unfinished": self.unfinished,
                "released": self.released, "used": self.used if self.used_shown(k) else privacy.SUPPRESSED,
                "flagged": {f: count(n) for f, n in self.flagged.items()},
                "median_seconds_per_item": None if self.median_seconds_per_item is None
                else round(self.median_seconds_per_item, 2)}


def response_quality(matrix: ResponseMatrix, lang: str) -> ResponseQuality:
    """Started, finished, each quality flag's count and the median time per item, for one language."""
    rows = matrix.meta["lang"] == lang
    flags = matrix.meta.loc[rows, "flags"]
    per_quiz = matrix.seconds[rows].median(axis=1, skipna=True).dropna()
    return ResponseQuality(started=matrix.started.get(lang, 0),
                           finished=matrix.finished_all.get(lang, int(rows.sum())), released=int(rows.sum()),
                           used=int(matrix.usable(lang).sum()),
                           flagged={f: int(flags.map(lambda fl, f=f: f in fl).sum()) for f in QUALITY_FLAGS},
                           median_seconds_per_item=float(statistics.median(per_quiz)) if len(per_quiz) else None)


def item_seconds(matrix: ResponseMatrix, lang: str) -> pd.Series:
    """Median seconds between the previous answer and this item's, per item (one language)."""
    return matrix.seconds[matrix.usable(lang)].median(axis=0, skipna=True)


def recoded_groups(matrix: ResponseMatrix, rows: pd.Series, name: str, k: int) -> pd.Series:
    """One self-reported field for ``rows``, with values held by fewer than ``k`` pooled as OTHER."""
    values = matrix.meta.loc[rows, name].map(lambda v: v if isinstance(v, str) and v else OTHER)
    return values.map(privacy.recode_groups(values.value_counts().to_dict(), k, OTHER))


# --- export --------------------------------------------------------------------------------------------

def _protect(out: pd.DataFrame, k: int) -> pd.DataFrame:
    """Generalise ``out`` (finished_on as ISO day, then self-reported fields) until every
    combination of its values is shared by at least ``k`` rows: the rows of a small combination
    first lose their day (kept as month), then their month, and only then is a whole field dropped
    (the one with the most distinct values: it splits rows the finest). Rows still alone after that
    (a quiz finished months away from any other) are left out. The index of the rows kept is kept."""
    out = out.copy()
    while True:
        keys = list(out.columns)
        small = out.groupby(keys, dropna=False)[keys[0]].transform("size") < k
        if not small.any():
            return out
        dates = out["finished_on"]
        if (small & (dates.str.len() > 7)).any():
            out.loc[small, "finished_on"] = dates[small].str[:7]
        elif (small & (dates != "")).any():
            out.loc[small, "finished_on"] = ""
        elif len(keys) > 1:
            worst = max(keys[1:], key=lambda c: (out[c].nunique(), c))
            out = out.drop(columns=worst)
        else:  # fewer than k quizzes with no date at all: they are left out (record suppression)
            return out[~small]


def export_frame(matrix: ResponseMatrix, lang: str, k: int | None = None) -> pd.DataFrame:
    """The anonymous item-response matrix of one language as researchers get it (see module doc):
    columns finished_on, lang, the self-reported fields that survive, then one per item. Empty when
    the language has fewer than ``k`` finished quizzes."""
    k = k or privacy.min_group()
    rows = matrix.meta["lang"] == lang
    ids = [i.id for i in matrix.items]
    if rows.sum() < k:
        return pd.DataFrame(columns=["finished_on", "lang", *ids])
    # Each released batch is made anonymous on its own, so the rows a new release adds are the same
    # whatever comes later and cannot be told apart within their batch (without a release: one batch).
    batches = matrix.meta["batch"] if "batch" in matrix.meta else pd.Series(0, index=matrix.meta.index)
    parts = []
    for number in sorted(batches[rows].unique()):
        in_batch = rows & (batches == number)
        described = pd.DataFrame({"finished_on": matrix.meta.loc[in_batch, "finished_on"].map(lambda d: d.isoformat())})
        for name in matrix.group_fields:
            described[name] = recoded_groups(matrix, in_batch, name, k)
        parts.append(_protect(described, k))
    # A field one batch had to drop is dropped from every batch: a column must mean the same in each row.
    kept = ["finished_on", *[c for c in matrix.group_fields if all(c in part for part in parts)]]
    described = pd.concat([part[kept] for part in parts])
    described.insert(1, "lang", lang)
    answers = matrix.answers.loc[described.index].astype("Int64")
    out = pd.concat([described, answers], axis=1)
    # Sort again: in the matrix's day order, a row whose day became a month would sit among the
    # rows of its day and give the day away.
    return out.sort_values(list(out.columns), kind="stable", na_position="first").reset_index(drop=True)


def export_csv(matrix: ResponseMatrix, lang: str, k: int | None = None) -> str:
    """The export as CSV (formula cells neutralised: group values are typed by students)."""
    return exports.frame_csv(export_frame(matrix, lang, k), index=False)


def export_json(matrix: ResponseMatrix, lang: str, k: int | None = None) -> str:
    """The export as JSON: the items (id, theme, wording in ``lang``), the privacy rules and one
    object per quiz (``answers`` item id -> 0..4, or null if unanswered)."""
    k = k or privacy.min_group()
    frame = export_frame(matrix, lang, k)
    ids = [i.id for i in matrix.items]
    wording = {i.id: i.text for i in quiz.form_items(matrix.band, matrix.form, lang)}
    extra = [c for c in frame.columns if c not in ids]
    rows = []
    for record in frame.to_dict(orient="records"):
        rows.append({**{c: record[c] for c in extra},
                     "answers": {i: None if pd.isna(record[i]) else int(record[i]) for i in ids}})
    return json.dumps({"schema": EXPORT_SCHEMA, "version": 1, "band": matrix.band, "form": matrix.form, "lang": lang,
                       "scale": sorted({v for v, _l, _e in quiz.scale(matrix.band)}),
                       "items": [{"id": i.id, "theme": i.theme, "text": wording[i.id]} for i in matrix.items],
                       "privacy": {"min_group": k, "rule": "every combination of finished_on and group values is shared "
                                   "by at least min_group rows: group values held by fewer are pooled as "
                                   f"'{OTHER}', then a small combination's day becomes its month (YYYY-MM), then "
                                   "empty, and only then is a group field dropped"},
                       "rows": rows}, ensure_ascii=False, indent=1)


def answers_array(matrix: ResponseMatrix, rows: pd.Series) -> pd.DataFrame:
    """The usable rows' answers as integers (no NaN: usable quizzes are complete)."""
    return matrix.answers[rows].astype(np.int64).reset_index(drop=True)
