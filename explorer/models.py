"""Database tables (SQLModel). Students are anonymous: a quiz attempt is found only by its resume code."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Table, inspect
from sqlmodel import Field, SQLModel, UniqueConstraint

from explorer.i18n import N_
from explorer.skills import SKILLS


def utcnow() -> datetime:
    return datetime.now(UTC)


def table_of(model: type[SQLModel]) -> Table:
    """The SQLAlchemy table of a table model, typed (SQLModel sets ``__table__`` on the class, but its
    type hints do not declare it), for statements written against the columns themselves."""
    table = inspect(model).local_table
    if not isinstance(table, Table):
        raise TypeError(f"{model.__name__} is not a table model")
    return table


class QuizAttempt(SQLModel, table=True):
    """One student's run through one quiz form. No name, no account: the resume code is the key."""

    id: int | None = Field(default=None, primary_key=True)
    resume_code: str = Field(index=True, unique=True, max_length=16)
    band: str = Field(max_length=8)  # "3-5", "6-8" or "9-12"
    form: str = Field(max_length=8)  # "quick" (30 items) or "full" (60)
    lang: str = Field(default="en", max_length=5)
    page: int = 0  # the item group the student last saw
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    finished_at: datetime | None = None


class Answer(SQLModel, table=True):
    """One answer, saved the moment it is given so a refresh or a new device loses nothing."""

    __table_args__ = (UniqueConstraint("attempt_id", "item_id"),)

    id: int | None = Field(default=None, primary_key=True)
    attempt_id: int = Field(foreign_key="quizattempt.id", index=True)
    item_id: str = Field(max_length=16)
    value: int  # 0-4 on every band (the 3-point scale of grades 3-5 is stored as 0, 2, 4)
    answered_at: datetime = Field(default_factory=utcnow)


class QuizResult(SQLModel, table=True):
    """What a finished quiz showed, written once when it finishes, so district counts read a few
    indexed rows instead of re-scoring and re-ranking every quiz ever taken."""

    attempt_id: int = Field(foreign_key="quizattempt.id", primary_key=True)
    area_code: str = Field(index=True, max_length=7)  # the area the student's results were ranked for
    band: str = Field(max_length=8)
    confident: bool  # a usable profile (not flat, not flagged); only these count in district figures
    holland_code: str = Field(default="", max_length=3)
    finished_at: datetime = Field(default_factory=utcnow)


class TopMatch(SQLModel, table=True):
    """One occupation in a finished quiz's top 10 (in the order the student saw)."""

    attempt_id: int = Field(foreign_key="quizresult.attempt_id", primary_key=True)
    rank: int = Field(primary_key=True)
    onet_code: str = Field(index=True, max_length=10)


# District catalog. Natural keys are primary keys, so a re-import updates rather than duplicates.
# Lists (courses in order, SOC codes, linked programs, a class's fields) are "; "-separated text, as in
# the CSV files: LIST_SEPARATOR joins them and split_list reads them back.
#
# These tables are the one description of the catalog's CSV files (explorer/catalog.py reads it): every
# field is a column, the table's own fields in the order declared and then the inherited ``Verified``
# ones; a field with a default is optional; the key is the primary key; the type says the kind (str:
# text, int, float: number, bool: yes/no, date) unless ``catalog_column`` names a narrower one, and
# ``catalog_column`` also carries the column's help and plausible range. Lengths and the integer
# ranges the databases store are read from the columns themselves (explorer/catalog_schema.py).
LIST_SEPARATOR = "; "
CATALOG_COLUMN = "catalog_column"  # the key of a catalog field's description in its json_schema_extra
WBL_TYPES = ("job_shadow", "internship", "pre_apprenticeship", "registered_youth_apprenticeship", "clinical", "virtual")
DELIVERY = ("on_campus", "at_high_school", "online")
GRADES = (3, 12)  # the grades the app serves
MONEY = (0, 250_000)  # dollars; more is a typo (cents typed as dollars, an extra zero)
HOURS = (0, 10_000)  # a registered apprenticeship is 2,000 hours a year for up to 4 years


def split_list(text: str | None) -> list[str]:
    """The items of a "; "-separated list column, in order, without empty items."""
    return [item for item in (text or "").split(LIST_SEPARATOR) if item]


def catalog_column(help: str = "", *, kind: str = "", choices: Sequence[str] = (),
                   bounds: tuple[float, float] | None = None) -> dict[str, Any]:
    """``schema_extra`` for a catalog field: what its CSV column holds, beyond what the type says.

    ``kind`` narrows the type (money, choice, choice_list, grades, soc_list, program_list,
    text_list); ``bounds`` is the plausible (low, high) range, appended to the help with the other
    limits. SQLModel passes ``json_schema_extra`` on to the pydantic field, where
    ``explorer.catalog`` reads it back; the values are plain JSON.
    """
    described: dict[str, Any] = {"help": help, "kind": kind, "choices": list(choices)}
    if bounds is not None:
        described["low"], described["high"] = bounds
    return {"json_schema_extra": {CATALOG_COLUMN: described}}


class Verified(SQLModel):
    """Every catalog row says who checked it and when."""

    verified_by: str = Field(schema_extra=catalog_column(N_("who checked this row (a role, not a student)")))
    verified_on: date = Field(schema_extra=catalog_column(N_("when it was checked, YYYY-MM-DD, not in the future")))


class Program(Verified, table=True):
    """A program of study / CTE program offered at the high school."""

    code: str = Field(primary_key=True, max_length=40,
                      schema_extra=catalog_column(N_("the district's short code, e.g. HS-HEALTH")))
    name: str
    grades: str = Field(max_length=10, schema_extra=catalog_column(N_("e.g. 9-12"), kind="grades", bounds=GRADES))
    courses: str = Field(schema_extra=catalog_column(N_("courses in the order students take them, separated by '; '"),
                                                     kind="text_list"))
    career_cluster: str
    subcluster: str = ""
    soc_codes: str = Field(schema_extra=catalog_column(N_("SOC codes the program leads toward, e.g. 29-2061; 31-1131"),
                                                       kind="soc_list"))


class DualEnrollmentCourse(Verified, table=True):
    college: str = Field(primary_key=True, max_length=120)
    course_code: str = Field(primary_key=True, max_length=40)
    title: str
    credits: float = Field(schema_extra=catalog_column(N_("college credits, e.g. 3 or 3.5"), bounds=(0, 60)))
    student_cost: float = Field(schema_extra=catalog_column(N_("what the student pays, in dollars (a $ sign is allowed)"),
                                                            kind="money", bounds=MONEY))
    delivery: str = Field(max_length=20, schema_extra=catalog_column(kind="choice", choices=DELIVERY))
    schedule: str = ""
    transfers_to: str = ""
    program_codes: str = Field(default="", schema_extra=catalog_column(N_("codes from programs.csv"),
                                                                       kind="program_list"))


class WorkBasedLearning(Verified, table=True):
    opportunity_id: str = Field(primary_key=True, max_length=40)
    type: str = Field(max_length=40, schema_extra=catalog_column(kind="choice", choices=WBL_TYPES))
    title: str
    employer: str
    soc_codes: str = Field(schema_extra=catalog_column(kind="soc_list"))
    paid: bool
    hours: int = Field(schema_extra=catalog_column(N_("total hours a student spends in it"), bounds=HOURS))
    min_grade: int = Field(schema_extra=catalog_column(N_("the lowest grade that may take part"), bounds=GRADES))
    location: str
    commute_minutes: int = Field(schema_extra=catalog_column(N_("one way, from the high school"), bounds=(0, 600)))
    transportation_provided: bool
    virtual_option: bool
    skills_practiced: str = Field(default="", schema_extra=catalog_column(
        N_("durable skills it practises, from the 17 BLS skills, separated by '; ' (e.g. interpersonal; "
           "problem_solving)"), kind="choice_list", choices=SKILLS))


class Credential(Verified, table=True):
    credential_id: str = Field(primary_key=True, max_length=40)
    name: str
    issuer: str
    cost: float = Field(schema_extra=catalog_column(N_("exam and fees, in dollars (a $ sign is allowed)"), kind="money",
                                                    bounds=MONEY))
    fee_waiver: bool
    prep_hours: int = Field(schema_extra=catalog_column(N_("hours of preparation or training before the exam"),
                                                        bounds=HOURS))
    exam: str = ""
    stacks_into: str = ""
    soc_codes: str = Field(schema_extra=catalog_column(kind="soc_list"))


class Counselor(SQLModel, table=True):
    """A staff account. Students never have one."""

    username: str = Field(primary_key=True, max_length=80)
    password_hash: str
    created_at: datetime = Field(default_factory=utcnow)


class LoginThrottle(SQLModel, table=True):
    """Login tries per typed username, whether or not the account exists, so a lockout neither
    reveals which usernames are real nor can be raced: each try is counted by one atomic UPDATE
    before the password is checked."""

    username: str = Field(primary_key=True, max_length=80)
    tries: int = 0
    locked_until: datetime | None = None


class CounselorSession(SQLModel, table=True):
    """A signed-in browser. Only a hash of its token is stored, so a copy of the database cannot be
    used to sign in; the token itself lives in a same-site cookie, never in the URL."""

    token_hash: str = Field(primary_key=True, max_length=64)
    username: str = Field(index=True, max_length=80)
    created_at: datetime = Field(default_factory=utcnow)
    last_seen: datetime = Field(default_factory=utcnow)


# Portfolio, classes and advising. A student's portfolio code is the resume code of their first quiz;
# a retake is linked to it, so years of profiles stay together without a name or an account.


class Retake(SQLModel, table=True):
    resume_code: str = Field(primary_key=True, max_length=16)
    portfolio_code: str = Field(index=True, max_length=16)


class Favourite(SQLModel, table=True):
    portfolio_code: str = Field(primary_key=True, max_length=16)
    onet_code: str = Field(primary_key=True, max_length=10)
    created_at: datetime = Field(default_factory=utcnow)


class PlanStep(SQLModel, table=True):
    """A pathway step the student has checked off (or unchecked) for one occupation."""

    portfolio_code: str = Field(primary_key=True, max_length=16)
    onet_code: str = Field(primary_key=True, max_length=10)
    step: str = Field(primary_key=True, max_length=40)
    done: bool = False
    updated_at: datetime = Field(default_factory=utcnow)


class ShareLink(SQLModel, table=True):
    """A read-only link for a family member; revoking it makes the token useless at once."""

    token: str = Field(primary_key=True, max_length=64)
    portfolio_code: str = Field(index=True, max_length=16)
    created_at: datetime = Field(default_factory=utcnow)
    revoked_at: datetime | None = None


class ClassGroup(SQLModel, table=True):
    class_code: str = Field(primary_key=True, max_length=16)
    name: str
    created_by: str
    group_fields: str = ""  # district-configured self-reported fields, "; "-separated
    area_code: str = Field(default="", max_length=7)  # OEWS area students who join start in ("" = none)
    created_at: datetime = Field(default_factory=utcnow)
    sourced_id: str = Field(default="", index=True, max_length=255)  # the OneRoster class it was imported from
    grades: str = Field(default="", max_length=64)  # "; "-separated grades (OneRoster), "" when typed by hand
    archived: bool = False  # no longer in the district's roster: kept, not deleted, and not joinable


class ClassMember(SQLModel, table=True):
    class_code: str = Field(primary_key=True, max_length=16)
    portfolio_code: str = Field(primary_key=True, max_length=16)
    grade: int | None = None
    groups: str = ""  # JSON object {field: value}, self-reported and optional
    joined_at: datetime = Field(default_factory=utcnow)


class AdvisingNote(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    portfolio_code: str = Field(index=True, max_length=16)
    counselor: str
    note: str
    next_step: str = ""
    due_on: date | None = None
    created_at: datetime = Field(default_factory=utcnow)


# Graduates' outcomes (explorer/outcomes.py). One row per graduate and graduation year; the district's
# pseudonymous student id is never stored, only a keyed hash of it (HMAC-SHA256 with the district's
# secret), so the table cannot be joined back to the district's records without the secret.


class GraduateOutcome(SQLModel, table=True):
    graduation_year: int = Field(primary_key=True)
    student_hash: str = Field(primary_key=True, max_length=64)
    program_codes: str  # "; "-separated catalog program codes completed
    credential_ids: str = ""  # "; "-separated catalog credential ids earned
    dual_enrollment_credits: float = 0
    wbl_types: str = ""  # "; "-separated work-based learning types done
    wbl_hours: int = 0
    status_6_months: str = Field(max_length=16)  # employed / enrolled / both / neither / unknown
    status_12_months: str = Field(max_length=16)
    occupation_soc: str = Field(default="", max_length=7)  # SOC code of the job, when employed
    wage_band: str = Field(default="", max_length=16)  # a key of outcomes.WAGE_BANDS, "" when not employed
    groups: str = ""  # JSON object {group field: value}, self-reported, for breakdowns only
    sample: bool = False  # made-up rows of the labelled sample (never shown once a district imports its own)
    imported_at: datetime = Field(default_factory=utcnow)


class K2Visit(SQLModel, table=True):
    """One finished place of the K-2 activity by a child in a class: no child, no answers, just the
    place and the day, so a teacher sees how many visited each place."""

    id: int | None = Field(default=None, primary_key=True)
    class_code: str = Field(index=True, max_length=16)
    theme: str = Field(max_length=1)
    visited_on: date


class RosterStaff(SQLModel, table=True):
    """A staff member from the district's OneRoster export: the sourcedId and the sign-in e-mail only
    (no password: staff sign in with the district's identity provider; no names are kept)."""

    sourced_id: str = Field(primary_key=True, max_length=255)
    username: str = Field(index=True, max_length=254)  # the e-mail they sign in with
    role: str = Field(max_length=32)  # teacher, counselor, administrator ...
    active: bool = True
