"""Classes: a counselor creates one, students join anonymously with its code, and the dashboard
summarises the class with no figure about fewer than the district's minimum of students
(``explorer.privacy``).
"""
from __future__ import annotations

import json
import secrets
from datetime import UTC, datetime

import pandas as pd
from sqlmodel import col, select

from explorer import attempts, db, exports, labor, portfolio, privacy
from explorer.data import KnowledgeBase
from explorer.i18n import N_, Translator
from explorer.models import LIST_SEPARATOR, ClassGroup, ClassMember, Favourite, split_list
from explorer.riasec import THEMES

ALL = "all"  # the one row of an unsplit dashboard
OTHER = N_("other or not given")  # the pooled row of groups too small to list by name


class ClassError(ValueError):
    """A class code or join request that cannot be used; ``message(_)`` says why in any language."""

    def __init__(self, message: str, **params: object):
        super().__init__(message.format(**params))
        self.message_id, self.params = message, params

    def message(self, _: Translator) -> str:
        return _(self.message_id).format(**self.params)


CLASS_CODE_LENGTH = 9  # 30 ** 9: 44 bits (the six characters of the first releases were 29.4 bits)


def new_class_code() -> str:
    raw = "".join(secrets.choice(attempts.ALPHABET) for _ in range(CLASS_CODE_LENGTH))
    return f"C-{raw[:3]}-{raw[3:6]}-{raw[6:]}"


def normalize_class_code(text: str) -> str:
    """A typed class code as stored: any case, spaces and dashes accepted ("c k7m q4t x9b"); the
    six-character codes of classes made by earlier releases still work."""
    cleaned = "".join(c for c in (text or "").upper() if c.isalnum())
    body = cleaned[1:] if cleaned.startswith("C") else cleaned
    if len(body) == CLASS_CODE_LENGTH:
        return f"C-{body[:3]}-{body[3:6]}-{body[6:]}"
    return f"C-{body}" if body else ""


def create_class(name: str, counselor: str, group_fields: list[str], url: str | None = None,
                 area_code: str = "") -> str:
    """A new class and its join code; ``area_code`` (an OEWS area, or "") is where students who join
    start, so a class in Alexandria, LA does not begin on national figures."""
    if not name.strip():
        raise ClassError(N_("give the class a name"))
    fields = [f.strip() for f in group_fields if f.strip()]
    code = new_class_code()
    with db.session(url) as s:
        s.add(ClassGroup(class_code=code, name=name.strip(), created_by=counselor,
                         group_fields=LIST_SEPARATOR.join(fields), area_code=area_code))
    return code


def get_class(code: str, url: str | None = None) -> ClassGroup:
    cleaned = normalize_class_code(code)
    with db.session(url) as s:
        group = s.get(ClassGroup, cleaned)
    if group is None:
        raise ClassError(N_("no class has the code {code}; check it with your teacher"), code=cleaned or "—")
    return group


def classes(counselor: str | None = None, url: str | None = None) -> list[ClassGroup]:
    with db.session(url) as s:
        query = select(ClassGroup)
        if counselor:
            query = query.where(ClassGroup.created_by == counselor)
        return list(s.exec(query).all())


def check_join(group: ClassGroup, grade: int | None = None, groups: dict[str, str] | None = None) -> dict[str, str]:
    """The self-reported answers a join would store, or ClassError (so a caller can check before it
    writes anything)."""
    if group.archived:
        raise ClassError(N_("this class has ended (it is no longer in the district's roster)"))
    given = {k: v for k, v in (groups or {}).items() if v}
    unknown = set(given) - set(group_fields(group))
    if unknown:
        raise ClassError(N_("this class does not ask for {fields}"), fields=", ".join(sorted(unknown)))
    if grade is not None and not 3 <= grade <= 12:
        raise ClassError(N_("grade must be between 3 and 12"))
    return given


def join(class_code: str, resume_code: str, grade: int | None = None, groups: dict[str, str] | None = None,
         url: str | None = None) -> None:
    """Add a student's portfolio to a class; self-reported fields are optional and checked against the class."""
    group = get_class(class_code, url)
    given = check_join(group, grade, groups)
    owner = portfolio.portfolio_code(resume_code, url)
    with db.session(url) as s:
        row = s.get(ClassMember, (group.class_code, owner)) or ClassMember(class_code=group.class_code,
                                                                           portfolio_code=owner)
        row.grade, row.groups = grade, json.dumps(given, sort_keys=True)
        s.add(row)


def members(class_code: str, url: str | None = None) -> pd.DataFrame:
    """One row per student: portfolio code, grade, each group field, when they joined and first
    finished a quiz (NaT if never), and the latest finished quiz's code and scores (a retake still
    being answered does not make a student unfinished again)."""
    group = get_class(class_code, url)
    fields = group_fields(group)
    with db.session(url) as s:
        rows = s.exec(select(ClassMember).where(ClassMember.class_code == group.class_code)).all()
        owners = [row.portfolio_code for row in rows]
        favourites: dict[str, list[str]] = {}
        for f in s.exec(select(Favourite).where(col(Favourite.portfolio_code).in_(owners))):
            favourites.setdefault(f.portfolio_code, []).append(f.onet_code)
    out = []
    for row in rows:
        codes = portfolio.attempt_codes(row.portfolio_code, url)
        finished_at = {c: t for c, t in attempts.finish_times(codes, url).items() if t is not None}
        done = [c for c in codes if c in finished_at]
        profile = attempts.profile(attempts.load(done[-1], url)) if done else None
        out.append({"portfolio_code": row.portfolio_code, "grade": row.grade, **dict.fromkeys(fields, ""),
                    **json.loads(row.groups or "{}"), "joined_at": _utc(row.joined_at),
                    "first_finished_at": min(_utc(finished_at[c]) for c in done) if done else pd.NaT,
                    "finishes": sorted((_utc(finished_at[c]), c) for c in done),
                    "finished": bool(done), "code": profile.code.letters if profile and profile.confident else None,
                    "scores": profile.scores if profile else None,
                    "favourites": favourites.get(row.portfolio_code, [])})
    return pd.DataFrame(out, columns=["portfolio_code", "grade", *fields, "joined_at", "first_finished_at", "finishes",
                                      "finished", "code", "scores", "favourites"])


def _utc(moment: datetime) -> pd.Timestamp:
    """SQLite hands back naive datetimes (stored as UTC), PostgreSQL aware ones."""
    return pd.Timestamp(moment if moment.tzinfo else moment.replace(tzinfo=UTC))


def released_members(people: pd.DataFrame, k: int, url: str | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The release rule (``privacy.released``) applied to a class: the first whole batches of ``k``
    students to join (in order of joining), and the first whole batches of ``k`` to finish a quiz
    (in order of first finishing). Every figure but the class's own joined and finished totals
    describes these, so a figure changes only when k more students have joined or finished."""
    joiners = people.sort_values(["joined_at", "portfolio_code"], kind="stable")
    finishers = people[people["finished"].astype(bool)].sort_values(["first_finished_at", "portfolio_code"], kind="stable")
    released = people.loc[privacy.released(list(finishers.index), k)]
    return people.loc[privacy.released(list(joiners.index), k)], _as_of_release(released, url)


def _as_of_release(finishers: pd.DataFrame, url: str | None) -> pd.DataFrame:
    """Each released student's interest code as of the release: from the latest quiz finished by the
    time the release's last student first finished. A retake finished later counts only from the next
    release, together with a new batch, so it never changes a download on its own."""
    if finishers.empty:
        return finishers
    cutoff = finishers["first_finished_at"].max()
    out = finishers.copy()
    for index, finishes in finishers["finishes"].items():
        kept = [code for moment, code in finishes if moment <= cutoff]
        if kept and kept[-1] != finishes[-1][1]:  # a retake after the release: use the quiz before it
            profile = attempts.profile(attempts.load(kept[-1], url))
            out.at[index, "code"] = profile.code.letters if profile.confident else None
            out.at[index, "scores"] = profile.scores
    return out


def own_counts(class_code: str, url: str | None = None) -> tuple[int, int]:
    """(joined, finished the quiz) for the whole class, exactly: for the class's own counselor, who
    sees these students in the room, never in the export or the group tables (those keep the
    release rules of :func:`dashboard`)."""
    people = members(class_code, url)
    return len(people), int(people["finished"].sum())


def group_fields(group: ClassGroup) -> list[str]:
    """The self-reported fields a class asks for, in the counselor's order."""
    return split_list(group.group_fields)


def _theme_counts(people: pd.DataFrame) -> dict[str, int]:
    """Students with each theme among the three letters of their interest code."""
    coded = people["code"].dropna()
    return {t: int(sum(t in code for code in coded)) for t in THEMES}


def _typed(value: object) -> str:
    """A self-reported value as text ("" when not given; grade 9, not 9.0, when pandas made it a float)."""
    if value is None or value != value:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def dashboard(kb: KnowledgeBase, class_code: str, area_code: str, by: str | None = None,
              url: str | None = None, k: int | None = None) -> dict[str, pd.DataFrame]:
    """Completion and interest themes (optionally split by grade or a class field), three-letter
    codes and favoured careers, for the class's released students (``released_members``); every
    figure protected as ``explorer.privacy`` describes, so no count of fewer than ``k`` students can
    be read or worked out from this page, another split, the CSV export or an earlier release. The
    class's own joined and finished totals (in ``notes``) are not about any student's answers and
    are exact."""
    k = k or privacy.min_group()
    people = members(class_code, url)
    if by and by not in people.columns:
        raise ClassError(N_("this class has no field {field}"), field=by)
    joined, finishers = released_members(people, k, url)
    too_small = len(joined) < k
    if by and not too_small:
        recode = privacy.recode_groups(joined[by].map(_typed).replace("", OTHER).value_counts().to_dict(), k, OTHER)

        def group_of(frame: pd.DataFrame) -> pd.Series:
            return frame[by].map(_typed).replace("", OTHER).map(lambda v: recode.get(v, OTHER))
        split_refused = len(set(recode.values())) < 2
    else:
        split_refused = bool(by)
    if not by or too_small or split_refused:
        def group_of(frame: pd.DataFrame) -> pd.Series:
            return pd.Series(ALL, index=frame.index, dtype=object)
    joined_group, finished_group = group_of(joined), group_of(finishers)
    groups = sorted(set(joined_group) | set(finished_group) or {ALL},
                    key=lambda g: (g == OTHER, int(g) if g.isdigit() else 99, g))
    sizes = {g: int((joined_group == g).sum()) for g in groups}
    finished = {g: int((finished_group == g).sum()) for g in groups}
    coded = {g: int(finishers.loc[finished_group == g, "code"].notna().sum()) for g in groups}

    hidden_finished = privacy.protect_line(finished, {g: len(finishers) for g in groups},
                                           {g for g in groups if privacy.small(finished[g], k)}, set(),
                                           len(finishers) if len(groups) > 1 else None, k)
    hidden_finished |= {g for g in groups if privacy.small(finished[g], k)}
    completion = pd.DataFrame({"students": sizes, "finished": finished}).rename_axis("group")
    completion["students_shown"] = [privacy.shown(sizes[g], privacy.small(sizes[g], k), k) for g in groups]
    completion["finished_shown"] = [privacy.shown(finished[g], g in hidden_finished, k) for g in groups]

    values = {(g, t): n for g in groups for t, n in _theme_counts(finishers[finished_group == g]).items()}
    whole = _theme_counts(finishers)
    hidden = privacy.protect_table(values, {(g, t): coded[g] for g, t in values}, {g: 3 * coded[g] for g in groups},
                                   whole if len(groups) > 1 else {}, k)
    themes = pd.DataFrame([[privacy.shown(values[(g, t)], (g, t) in hidden, k) for t in THEMES] for g in groups],
                          index=pd.Index(groups, name="group"), columns=list(THEMES))

    # Whole class only, and only the codes and careers at least k students share: a row that exists
    # because one student holds a code would identify that student even with its count hidden.
    full = finishers["code"].dropna().value_counts().rename("students").to_frame()
    full = full[full["students"] >= k]
    full["students_shown"] = full["students"].astype(int).astype(str)
    favoured = finishers.explode("favourites").dropna(subset=["favourites"])
    fav = favoured.groupby("favourites").size().rename("students").sort_values(ascending=False).to_frame()
    fav = fav[fav["students"] >= k]
    local = labor.local_occupations(kb, area_code)
    fav["title"] = local.loc[fav.index, "title"]
    fav["local_openings"] = local.loc[fav.index, "local_openings"]
    fav["students_shown"] = fav["students"].astype(int).astype(str)
    notes = pd.Series({"too_small": too_small, "split_refused": split_refused and not too_small, "min_group": k,
                       "joined": len(people), "finished": int(people["finished"].sum()),
                       "released_joined": len(joined), "released_finished": len(finishers)})
    return {"completion": completion, "themes": themes, "full_codes": full, "favourites": fav, "notes": notes}


def export_csv(tables: dict[str, pd.DataFrame]) -> str:
    """The dashboard's shown (protected) figures as one CSV, never the raw small counts."""
    parts = [exports.frame_csv(tables["completion"][["students_shown", "finished_shown"]]),
             exports.frame_csv(tables["themes"]),
             exports.frame_csv(tables["full_codes"][["students_shown"]]),
             exports.frame_csv(tables["favourites"][["title", "local_openings", "students_shown"]])]
    return "\n".join(parts)
