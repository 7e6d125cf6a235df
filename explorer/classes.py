"""Classes: a counselor creates one, students join anonymously with its code, and the dashboard
summarises the class with every group of fewer than 10 students suppressed.
"""
from __future__ import annotations

import json
import secrets

import pandas as pd
from sqlmodel import select

from explorer import attempts, db, labor, portfolio
from explorer.data import KnowledgeBase
from explorer.models import ClassGroup, ClassMember, Favourite

MIN_GROUP = 10
SUPPRESSED = "<10"


class ClassError(ValueError):
    """A class code or join request that cannot be used."""


def new_class_code() -> str:
    raw = "".join(secrets.choice(attempts.ALPHABET) for _ in range(6))
    return f"C-{raw}"


def create_class(name: str, counselor: str, group_fields: list[str], url: str | None = None) -> str:
    if not name.strip():
        raise ClassError("give the class a name")
    fields = [f.strip() for f in group_fields if f.strip()]
    code = new_class_code()
    with db.session(url) as s:
        s.add(ClassGroup(class_code=code, name=name.strip(), created_by=counselor, group_fields="; ".join(fields)))
    return code


def get_class(code: str, url: str | None = None) -> ClassGroup:
    cleaned = (code or "").strip().upper()
    with db.session(url) as s:
        group = s.get(ClassGroup, cleaned)
    if group is None:
        raise ClassError(f"no class has the code {cleaned or '(empty)'}; check it with your teacher")
    return group


def classes(counselor: str | None = None, url: str | None = None) -> list[ClassGroup]:
    with db.session(url) as s:
        query = select(ClassGroup)
        if counselor:
            query = query.where(ClassGroup.created_by == counselor)
        return list(s.exec(query).all())


def join(class_code: str, resume_code: str, grade: int | None = None, groups: dict[str, str] | None = None,
         url: str | None = None) -> None:
    """Add a student's portfolio to a class; self-reported fields are optional and checked against the class."""
    group = get_class(class_code, url)
    allowed = [f for f in group.group_fields.split("; ") if f]
    given = {k: v for k, v in (groups or {}).items() if v}
    unknown = set(given) - set(allowed)
    if unknown:
        raise ClassError(f"this class does not ask for {', '.join(sorted(unknown))}")
    if grade is not None and not 3 <= grade <= 12:
        raise ClassError("grade must be between 3 and 12")
    owner = portfolio.portfolio_code(resume_code, url)
    with db.session(url) as s:
        row = s.get(ClassMember, (group.class_code, owner)) or ClassMember(class_code=group.class_code,
                                                                           portfolio_code=owner)
        row.grade, row.groups = grade, json.dumps(given, sort_keys=True)
        s.add(row)


def members(class_code: str, url: str | None = None) -> pd.DataFrame:
    """One row per student: portfolio code, grade, each group field, and the latest quiz's state."""
    group = get_class(class_code, url)
    fields = [f for f in group.group_fields.split("; ") if f]
    with db.session(url) as s:
        rows = s.exec(select(ClassMember).where(ClassMember.class_code == group.class_code)).all()
        favourites = {}
        for f in s.exec(select(Favourite)):
            favourites.setdefault(f.portfolio_code, []).append(f.onet_code)
    out = []
    for row in rows:
        latest = portfolio.attempt_codes(row.portfolio_code, url)[-1]
        saved = attempts.load(latest, url)
        profile = attempts.profile(saved) if saved.finished else None
        out.append({"portfolio_code": row.portfolio_code, "grade": row.grade, **{f: "" for f in fields},
                    **json.loads(row.groups or "{}"), "finished": saved.finished,
                    "code": profile.code.letters if profile and profile.confident else None,
                    "scores": profile.scores if profile else None,
                    "favourites": favourites.get(row.portfolio_code, [])})
    return pd.DataFrame(out, columns=["portfolio_code", "grade", *fields, "finished", "code", "scores", "favourites"])


def suppress(counts: pd.Series) -> pd.Series:
    """Counts as text, with every count between 1 and 9 replaced by "<10"."""
    return counts.map(lambda n: SUPPRESSED if 0 < n < MIN_GROUP else str(int(n)))


def dashboard(kb: KnowledgeBase, class_code: str, area_code: str, by: str | None = None,
              url: str | None = None) -> dict[str, pd.DataFrame]:
    """Completion, first interest letters and favoured occupations, optionally split by one group field."""
    people = members(class_code, url)
    if by and by not in people.columns:
        raise ClassError(f"this class has no field {by!r}")
    split = people[by].replace("", "(not given)") if by else pd.Series("all", index=people.index)
    completion = people.assign(group=split).groupby("group").agg(students=("portfolio_code", "size"),
                                                                 finished=("finished", "sum"))
    completion["students_shown"] = suppress(completion["students"])
    completion["finished_shown"] = [SUPPRESSED if s < MIN_GROUP else str(int(f))
                                    for s, f in zip(completion["students"], completion["finished"])]
    letters = people.assign(group=split, letter=people["code"].str[0]).dropna(subset=["letter"])
    code_table = letters.groupby(["group", "letter"]).size().unstack(fill_value=0)
    group_sizes = completion["students"]
    code_table = code_table.apply(lambda col: col.where(group_sizes.reindex(code_table.index) >= MIN_GROUP))
    code_shown = code_table.apply(lambda col: col.map(lambda n: SUPPRESSED if pd.isna(n) else
                                                      (SUPPRESSED if 0 < n < MIN_GROUP else str(int(n)))))
    # Full three-letter codes, whole class only (split further, nearly every cell would be under 10).
    full = people["code"].dropna().value_counts().rename("students").to_frame()
    full["students_shown"] = suppress(full["students"])
    favoured = people.explode("favourites").dropna(subset=["favourites"])
    local = labor.local_occupations(kb, area_code)
    fav = favoured.groupby("favourites").size().rename("students").sort_values(ascending=False).to_frame()
    fav["title"] = local.loc[fav.index, "title"]
    fav["local_openings"] = local.loc[fav.index, "local_openings"]
    fav["students_shown"] = suppress(fav["students"])
    return {"completion": completion, "codes": code_shown, "full_codes": full, "favourites": fav}


def export_csv(tables: dict[str, pd.DataFrame]) -> str:
    """The dashboard's shown (suppressed) figures as one CSV, never the raw small counts."""
    parts = [tables["completion"][["students_shown", "finished_shown"]].to_csv(),
             tables["codes"].to_csv(),
             tables["full_codes"][["students_shown"]].to_csv(),
             tables["favourites"][["title", "local_openings", "students_shown"]].to_csv()]
    return "\n".join(parts)
