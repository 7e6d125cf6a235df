"""Classes: a counselor creates one, students join anonymously with its code, and the dashboard
summarises the class with no figure about fewer than the district's minimum of students
(``explorer.privacy``).
"""
from __future__ import annotations

import json
import secrets

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


def new_class_code() -> str:
    raw = "".join(secrets.choice(attempts.ALPHABET) for _ in range(6))
    return f"C-{raw}"


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
    cleaned = (code or "").strip().upper()
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
    """One row per student: portfolio code, grade, each group field, and the latest quiz's state."""
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
        latest = portfolio.attempt_codes(row.portfolio_code, url)[-1]
        saved = attempts.load(latest, url)
        profile = attempts.profile(saved) if saved.finished else None
        out.append({"portfolio_code": row.portfolio_code, "grade": row.grade, **dict.fromkeys(fields, ""),
                    **json.loads(row.groups or "{}"), "finished": saved.finished,
                    "code": profile.code.letters if profile and profile.confident else None,
                    "scores": profile.scores if profile else None,
                    "favourites": favourites.get(row.portfolio_code, [])})
    return pd.DataFrame(out, columns=["portfolio_code", "grade", *fields, "finished", "code", "scores", "favourites"])


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
    codes and favoured careers; every figure protected as ``explorer.privacy`` describes, so no
    count of fewer than ``k`` students can be read or worked out from this page, another split of
    the same class or the CSV export."""
    k = k or privacy.min_group()
    people = members(class_code, url)
    if by and by not in people.columns:
        raise ClassError(N_("this class has no field {field}"), field=by)
    everyone, finished_all = len(people), int(people["finished"].sum())
    themes_all = _theme_counts(people)
    too_small = everyone < k
    if by and not too_small:
        typed = people[by].map(_typed).replace("", OTHER)
        recoded = typed.map(privacy.recode_groups(typed.value_counts().to_dict(), k, OTHER))
        split = recoded if recoded.nunique() > 1 else pd.Series(ALL, index=people.index)
    else:
        split = pd.Series(ALL, index=people.index)
    split_refused = bool(by) and split.nunique() == 1
    groups = sorted(split.unique(), key=lambda g: (g == OTHER, int(g) if g.isdigit() else 99, g))
    sizes = {g: int((split == g).sum()) for g in groups}
    finished = {g: int(people.loc[split == g, "finished"].sum()) for g in groups}
    coded = {g: int(people.loc[split == g, "code"].notna().sum()) for g in groups}

    hidden_finished = privacy.protect_line(finished, {g: (0, sizes[g]) for g in groups},
                                           {g for g in groups if privacy.small(finished[g], k)},
                                           finished_all if len(groups) > 1 else None)
    completion = pd.DataFrame({"students": sizes, "finished": finished}).rename_axis("group")
    completion["students_shown"] = [privacy.shown(sizes[g], too_small, k) for g in groups]
    completion["finished_shown"] = [privacy.shown(finished[g], too_small or g in hidden_finished, k) for g in groups]

    values = {}
    for g in groups:
        for t, n in _theme_counts(people[split == g]).items():
            values[(g, t)] = n
    hidden = privacy.protect_table(values, {(g, t): (0, coded[g]) for g, t in values},
                                   {g: 3 * coded[g] for g in groups},
                                   themes_all if len(groups) > 1 else {}, k)
    themes = pd.DataFrame([[privacy.shown(values[(g, t)], too_small or (g, t) in hidden, k) for t in THEMES]
                           for g in groups], index=pd.Index(groups, name="group"), columns=list(THEMES))

    # Whole class only, and only the codes and careers at least k students share: a row that exists
    # because one student holds a code would identify that student even with its count hidden.
    full = people["code"].dropna().value_counts().rename("students").to_frame()
    full = full[full["students"] >= k]
    full["students_shown"] = full["students"].astype(int).astype(str)
    favoured = people.explode("favourites").dropna(subset=["favourites"])
    fav = favoured.groupby("favourites").size().rename("students").sort_values(ascending=False).to_frame()
    fav = fav[fav["students"] >= k]
    local = labor.local_occupations(kb, area_code)
    fav["title"] = local.loc[fav.index, "title"]
    fav["local_openings"] = local.loc[fav.index, "local_openings"]
    fav["students_shown"] = fav["students"].astype(int).astype(str)
    notes = pd.Series({"too_small": too_small, "split_refused": split_refused, "min_group": k})
    return {"completion": completion, "themes": themes, "full_codes": full, "favourites": fav, "notes": notes}


def export_csv(tables: dict[str, pd.DataFrame]) -> str:
    """The dashboard's shown (protected) figures as one CSV, never the raw small counts."""
    parts = [exports.frame_csv(tables["completion"][["students_shown", "finished_shown"]]),
             exports.frame_csv(tables["themes"]),
             exports.frame_csv(tables["full_codes"][["students_shown"]]),
             exports.frame_csv(tables["favourites"][["title", "local_openings", "students_shown"]])]
    return "\n".join(parts)
