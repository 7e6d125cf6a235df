"""A pathway built backward from a real local job to the steps a student can take this school year.

Order of the plan, as a student walks it: this year -> high school program and courses -> dual
enrollment -> work-based learning (job shadow, then internship, then apprenticeship) -> credentials
-> postsecondary step -> the job, with its local starting (25th percentile) and median pay. Each step
carries time, cost, barriers and the supports the catalog lists; a step the catalog cannot fill says
so and offers what exists (virtual options, or where the job exists in the state).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
from sqlmodel import select

from explorer import db, labor, settings, training
from explorer.data import KnowledgeBase
from explorer.i18n import N_
from explorer.models import Credential, DualEnrollmentCourse, Program, WorkBasedLearning, split_list
from explorer.training import TrainingOptions

WBL_LADDER = ("job_shadow", "virtual", "clinical", "internship", "pre_apprenticeship", "registered_youth_apprenticeship")
SUB_ASSOCIATE_EDUCATION = ("No formal educational credential", "High school diploma or equivalent",
                           "Some college, no degree", "Postsecondary nondegree award", "Associate's degree")
VALUE_LABELS = {"strong": N_("strong local value"), "low": N_("low local value - check before investing"),
                "mixed": N_("some local value")}


SAMPLE_MARK = "sample data"  # every row of data/sample_catalog says "Sample data - replace with ..." in verified_by
SAMPLE_NOTICE = N_("Sample data — replace with your district's catalog. Programs, courses, employers and costs "
                   "here are made up for a demonstration.")


@dataclass(frozen=True)
class Catalog:
    """The district catalog as plain rows (read once per request from the database)."""

    programs: list[Program]
    dual_enrollment: list[DualEnrollmentCourse]
    work_based_learning: list[WorkBasedLearning]
    credentials: list[Credential]

    @property
    def is_sample(self) -> bool:
        """True while the made-up sample catalog (or any row of it) is in use: it must be labelled so."""
        rows = [*self.programs, *self.dual_enrollment, *self.work_based_learning, *self.credentials]
        return any((row.verified_by or "").lower().startswith(SAMPLE_MARK) for row in rows)

    @classmethod
    def load(cls, url: str | None = None) -> Catalog:
        with db.session(url) as s:
            return cls(programs=list(s.exec(select(Program)).all()),
                       dual_enrollment=list(s.exec(select(DualEnrollmentCourse)).all()),
                       work_based_learning=list(s.exec(select(WorkBasedLearning)).all()),
                       credentials=list(s.exec(select(Credential)).all()))


codes = split_list  # the items of a list column (SOC codes, courses, program codes)


def occupation_socs(kb: KnowledgeBase, onet_code: str) -> set[str]:
    """The SOC codes a catalog row may use for this occupation: its own SOC and the BLS code it is published under."""
    occ = kb.occupations.loc[onet_code]
    return {c for c in (occ["soc_code"], occ["oews_code"], occ["ep_code"]) if isinstance(c, str)}


# The steps of every plan, in the order a student walks them; all but the job can be checked off.
STEP_KINDS = ("now", "program", "dual_enrollment", "work_based_learning", "credentials", "postsecondary", "job")
PLAN_STEPS = STEP_KINDS[:-1]


@dataclass(frozen=True)
class EnrollProgram:
    """This school year: sign up for the first course of a program toward the job."""

    program: str
    course: str


@dataclass(frozen=True)
class TryWorkBasedLearning:
    """This school year: ask about the first rung of the work-based learning ladder."""

    title: str
    employer: str


@dataclass(frozen=True)
class LookAtTraining:
    """This school year, when the catalog has nothing yet: look at the nearest program that leads to the job."""

    program: str
    institution: str
    miles: float
    website: str


@dataclass(frozen=True)
class ProgramItem:
    code: str
    name: str
    grades: str
    courses: list[str]


@dataclass(frozen=True)
class DualEnrollmentItem:
    college: str
    course_code: str
    title: str
    credits: float
    cost: float  # to the student
    delivery: str  # a key of DELIVERY_TEXT
    schedule: str
    transfers_to: str


@dataclass(frozen=True)
class DualEnrollmentTotals:
    credits: float
    cost: float
    target_credits: int
    meets_target: bool


@dataclass(frozen=True)
class WorkBasedLearningItem:
    """One rung of the ladder; a virtual alternative (nothing local exists) carries no hours or commute."""

    id: str
    type: str  # a key of WBL_TYPE_TEXT
    title: str
    employer: str
    hours: int | None = None
    min_grade: int | None = None
    commute_minutes: int | None = None
    location: str = ""
    barriers: list[str] = field(default_factory=list)  # keys of BARRIER_TEXT
    supports: list[str] = field(default_factory=list)  # keys of SUPPORT_TEXT
    skills: list[str] = field(default_factory=list)  # BLS skill ids it practises
    virtual_alternative: bool = False


@dataclass(frozen=True)
class CredentialEvidence:
    """One local job a credential leads to, with the figures its value label rests on."""

    soc: str
    title: str
    in_area: bool
    local_openings: float | None
    annual_median: int | None
    area_median: int | None


@dataclass(frozen=True)
class CredentialItem:
    id: str
    name: str
    issuer: str
    cost: float
    fee_waiver: bool
    prep_hours: int
    value: str  # a key of VALUE_LABELS
    evidence: list[CredentialEvidence]
    exam: str = ""  # how it is earned, as the catalog words it ("" when not given)
    stacks_into: str = ""  # the next credential it leads to ("" when none is listed)


@dataclass(frozen=True)
class CredentialTotals:
    cost: float
    cost_after_waivers: float


@dataclass(frozen=True)
class PostsecondaryItem:
    """What comes after high school, as BLS words it (English category names)."""

    education: object  # BLS typical entry education; not a string when unpublished
    training: object
    experience: object
    job_zone: int
    apprenticeship: bool
    programs: TrainingOptions | None = None  # colleges near the student (None: no place to measure from)


@dataclass(frozen=True)
class JobItem:
    """The job itself in the student's area. ``figures`` holds the occupation's OEWS cells (wages at
    p25 and median, yearly and hourly, with footnotes) as labor.pay_text reads them."""

    title: str
    in_area: bool
    published_anywhere: bool
    employment: float | None
    oews_code: str | None
    release: str  # the OEWS release and area the figures come from, for the citation
    area_name: str
    figures: dict[str, object]


@dataclass(frozen=True)
class NearbyColleges:
    """Public data for dual enrollment: the nearest colleges that teach the field below a bachelor's
    (where dual enrollment usually happens). It never claims the district has an agreement with them."""

    programs: list[training.TrainingProgram]


@dataclass(frozen=True)
class RegisteredApprenticeships:
    """The DOL list (2019) says registered apprenticeships exist for the job (somewhere, not necessarily near)."""

    items: list[training.Apprenticeship]
    typical_hours: str


@dataclass(frozen=True)
class NearbyCertificates:
    """Public data for credentials: certificate programs near the student that lead to the job."""

    programs: list[training.TrainingProgram]


PublicData = NearbyColleges | RegisteredApprenticeships | NearbyCertificates
NEARBY_LIMIT = 3  # colleges or certificates a step lists from public data

StepItem = (EnrollProgram | TryWorkBasedLearning | LookAtTraining | ProgramItem | DualEnrollmentItem | WorkBasedLearningItem
            | CredentialItem | PostsecondaryItem | JobItem)


@dataclass
class Step:
    kind: str  # one of STEP_KINDS
    items: list = field(default_factory=list)  # StepItem of this kind (one class per kind)
    totals: DualEnrollmentTotals | CredentialTotals | None = None
    barriers: list[str] = field(default_factory=list)
    supports: list[str] = field(default_factory=list)
    missing: str | None = None  # why the catalog has nothing for this step, and what to do instead
    public: PublicData | None = None  # what public data add to the step (after the district's rows)


@dataclass
class Pathway:
    onet_code: str
    title: str
    area_code: str
    steps: list[Step]

    def step(self, kind: str) -> Step:
        return next(s for s in self.steps if s.kind == kind)


def credential_value(kb: KnowledgeBase, credential: Credential, area_code: str) -> tuple[str, list[CredentialEvidence]]:
    """Label a credential by the local jobs it leads to, with the evidence behind the label.

    strong: at least one linked occupation has local openings and a local median wage at or above
    the area's all-occupation median. low: every linked occupation is absent here or pays below
    that median. mixed: anything else (e.g. the wage is not released).
    """
    local = labor.local_occupations(kb, area_code)
    area_median = kb.regions.loc[area_code, "all_occupations_annual_median"]
    evidence = []
    for soc in codes(credential.soc_codes):
        rows = local[(local["soc_code"] == soc) | (local["oews_code"] == soc)].drop_duplicates("oews_code")
        for _code, row in rows.iterrows():
            evidence.append(CredentialEvidence(
                soc=soc, title=str(row["title"]), in_area=bool(row["in_area"]),
                local_openings=None if pd.isna(row["local_openings"]) else float(row["local_openings"]),
                annual_median=None if pd.isna(row["annual_median"]) else int(row["annual_median"]),
                area_median=None if pd.isna(area_median) else int(area_median)))
    strong = any(e.in_area and (e.local_openings or 0) > 0 and e.annual_median is not None
                 and e.area_median is not None and e.annual_median >= e.area_median for e in evidence)
    low = all(not e.in_area or (e.annual_median is not None and e.area_median is not None
                                and e.annual_median < e.area_median) for e in evidence)
    return ("strong" if strong else "low" if low else "mixed"), evidence


def postsecondary_step(occupation: pd.Series, programs: training.TrainingOptions | None = None) -> PostsecondaryItem:
    """What comes after high school: BLS typical entry education and training, the job zone, and the
    colleges near the student whose programs lead to the job."""
    on_the_job = occupation["ep_training"]
    return PostsecondaryItem(education=occupation["ep_typical_education"], training=on_the_job,
                             experience=occupation["ep_work_experience"], job_zone=int(occupation["job_zone"]),
                             apprenticeship=on_the_job == "Apprenticeship", programs=programs)


def _nearest_per_college(programs: list[training.TrainingProgram], groups: tuple[str, ...],
                         limit: int = NEARBY_LIMIT) -> list[training.TrainingProgram]:
    """The nearest program of each college among ``groups``, nearest colleges first."""
    seen: set[int] = set()
    picked = []
    for program in sorted((p for p in programs if p.group in groups), key=lambda p: p.miles):
        if program.unitid not in seen:
            seen.add(program.unitid)
            picked.append(program)
    return picked[:limit]


def build(kb: KnowledgeBase, catalog: Catalog, onet_code: str, area_code: str, grade: int,
          origin: training.Origin | None = None) -> Pathway:
    """The ordered plan for one occupation in one area for a student in ``grade``.

    ``origin`` is where the student lives (or the middle of the area); with it, public data fill the
    steps the district's catalog leaves empty: colleges near the student, certificates, registered
    apprenticeships. The district's rows always come first.
    """
    local = labor.local_occupations(kb, area_code)
    occupation = local.loc[onet_code]
    socs = occupation_socs(kb, onet_code)
    steps: list[Step] = []

    programs = [p for p in catalog.programs if socs & set(codes(p.soc_codes))]
    program_step = Step("program", items=[ProgramItem(code=p.code, name=p.name, grades=p.grades,
                                                      courses=codes(p.courses)) for p in programs])
    if not programs:
        program_step.missing = "no_program"
    program_codes = {p.code for p in programs}

    policy = settings.current()  # the credit target and the longest commute are the district's choice
    courses = [c for c in catalog.dual_enrollment if program_codes & set(codes(c.program_codes))]
    de_step = Step("dual_enrollment", items=[DualEnrollmentItem(
        college=c.college, course_code=c.course_code, title=c.title, credits=c.credits, cost=c.student_cost,
        delivery=c.delivery, schedule=c.schedule, transfers_to=c.transfers_to) for c in courses])
    de_step.totals = DualEnrollmentTotals(
        credits=sum(c.credits for c in courses), cost=sum(c.student_cost for c in courses),
        target_credits=policy.dual_enrollment_target_credits,
        meets_target=sum(c.credits for c in courses) >= policy.dual_enrollment_target_credits)
    if any(c.delivery == "on_campus" for c in courses):
        de_step.barriers.append("on_campus_schedule")
    if any(c.delivery in ("online", "at_high_school") for c in courses):
        de_step.supports.append("online_or_at_school")
    options = training.near(kb, onet_code, origin) if origin is not None else None
    below_bachelor = ("short_certificate", "certificate", "associate")
    nearby = _nearest_per_college(options.programs, below_bachelor) if options and options.within_radius else []
    if not courses:
        de_step.missing = "no_dual_enrollment_public" if nearby else "no_dual_enrollment"
    if nearby:
        de_step.public = NearbyColleges(nearby)

    ladder = sorted((w for w in catalog.work_based_learning if socs & set(codes(w.soc_codes))),
                    key=lambda w: (WBL_LADDER.index(w.type), w.min_grade, w.opportunity_id))
    wbl_items = []
    wbl_step = Step("work_based_learning")
    for w in ladder:
        barriers = []
        if w.commute_minutes > policy.long_commute_minutes and not w.transportation_provided:
            barriers.append("long_commute")
        if not w.paid:
            barriers.append("unpaid")
        if w.min_grade > grade:
            barriers.append("grade")
        supports = [s for s, on in (("transportation", w.transportation_provided), ("virtual", w.virtual_option),
                                    ("paid", w.paid)) if on]
        wbl_items.append(WorkBasedLearningItem(
            id=w.opportunity_id, type=w.type, title=w.title, employer=w.employer, hours=w.hours,
            min_grade=w.min_grade, commute_minutes=w.commute_minutes, location=w.location, barriers=barriers,
            supports=supports, skills=codes(w.skills_practiced)))
    wbl_step.items = wbl_items
    registered = training.apprenticeships(kb, onet_code)
    if registered:
        wbl_step.public = RegisteredApprenticeships(registered, training.typical_hours(registered))
    if not ladder:
        virtual = [w for w in catalog.work_based_learning if w.virtual_option]
        wbl_step.missing = ("no_wbl_apprenticeship" if registered else "no_wbl_virtual" if virtual else "no_wbl")
        wbl_step.items = [WorkBasedLearningItem(id=w.opportunity_id, type=w.type, title=w.title,
                                                employer=w.employer, virtual_alternative=True) for w in virtual]

    credentials = [c for c in catalog.credentials if socs & set(codes(c.soc_codes))]
    cred_items = []
    for c in credentials:
        label, evidence = credential_value(kb, c, area_code)
        cred_items.append(CredentialItem(id=c.credential_id, name=c.name, issuer=c.issuer, cost=c.cost,
                                         fee_waiver=c.fee_waiver, prep_hours=c.prep_hours, value=label,
                                         evidence=evidence, exam=c.exam, stacks_into=c.stacks_into))
    cred_step = Step("credentials", items=cred_items,
                     totals=CredentialTotals(cost=sum(c.cost for c in credentials),
                                             cost_after_waivers=sum(c.cost for c in credentials if not c.fee_waiver)))
    certificates = (_nearest_per_college(options.programs, ("short_certificate", "certificate"))
                    if options and options.within_radius else [])
    if certificates:
        cred_step.public = NearbyCertificates(certificates)
    if not credentials:
        cred_step.missing = "no_credential_public" if certificates else "no_credential"

    now_items: list[EnrollProgram | TryWorkBasedLearning | LookAtTraining] = []
    if programs:
        first = programs[0]
        now_items.append(EnrollProgram(program=first.name, course=codes(first.courses)[0]))
    if ladder:
        now_items.append(TryWorkBasedLearning(title=ladder[0].title, employer=ladder[0].employer))
    if not now_items and options is not None and options.within_radius and options.nearest is not None:
        nearest = options.nearest
        now_items.append(LookAtTraining(program=nearest.program, institution=nearest.institution,
                                        miles=nearest.miles, website=nearest.website))
    steps.append(Step("now", items=now_items, missing=None if now_items else "talk_to_counselor"))
    steps += [program_step, de_step, wbl_step, cred_step]
    steps.append(Step("postsecondary", items=[postsecondary_step(occupation, options)]))
    figure_fields = ["in_area", "published_anywhere", "figures_shared", "all_other", "figures_title", "figures_title_es",
                     *[f"{unit}_{p}{suffix}" for unit in ("annual", "hourly") for p in ("p25", "median")
                       for suffix in ("", "_footnote")]]
    figures = {name: occupation[name] for name in figure_fields} | {"in_area": bool(occupation["in_area"])}
    job_item = JobItem(title=str(occupation["title"]), in_area=bool(occupation["in_area"]),
                       published_anywhere=bool(occupation["published_anywhere"]),
                       employment=None if pd.isna(occupation["employment"]) else float(occupation["employment"]),
                       oews_code=occupation["oews_code"] if isinstance(occupation["oews_code"], str) else None,
                       release=kb.oews_release, area_name=str(labor.region(kb, area_code)["name"]),
                       figures=figures)
    job = Step("job", items=[job_item])
    if not occupation["in_area"]:
        job.missing = "not_in_area"
    steps.append(job)
    return Pathway(onet_code=onet_code, title=str(occupation["title"]), area_code=area_code, steps=steps)


STEP_TITLES = {
    "now": N_("1. This school year"),
    "program": N_("2. High school program and courses"),
    "dual_enrollment": N_("3. Dual enrollment: college credit in high school"),
    "work_based_learning": N_("4. Work-based learning: see the job, then do it"),
    "credentials": N_("5. Credentials"),
    "postsecondary": N_("6. After high school"),
    "job": N_("7. The job here"),
}
MISSING_TEXT = {
    "no_program": N_("The district catalog has no program toward this job yet. Ask your counselor which courses come "
                     "closest."),
    "no_dual_enrollment": N_("No dual enrollment course in the catalog leads here yet."),
    "no_dual_enrollment_public": N_("Your district's catalog lists no dual enrollment course toward this job yet. "
                                    "These colleges near you teach the field: ask your counselor whether you can take "
                                    "their courses for college credit while in high school."),
    "no_wbl_apprenticeship": N_("Your district's catalog lists no job shadow or internship toward this job yet. "
                                "Registered apprenticeships exist for it:"),
    "no_credential_public": N_("Your district's catalog lists no credential for this job yet. Certificates from "
                               "colleges near you lead to it:"),
    "no_wbl": N_("No job shadow, internship or apprenticeship toward this job is listed here yet."),
    "no_wbl_virtual": N_("Nothing local toward this job yet. These virtual options can give you a first look:"),
    "no_credential": N_("No credential for this job is listed in the catalog."),
    "not_in_area": N_("BLS publishes no jobs for this occupation in your area. Look at where it exists in your state "
                      "before you plan around it."),
    "talk_to_counselor": N_("Talk with your counselor about a first step this year; the catalog has nothing linked yet."),
}
BARRIER_TEXT = {"long_commute": N_("long commute, no transportation"), "unpaid": N_("unpaid"),
                "grade": N_("open from a later grade"), "on_campus_schedule": N_("some courses meet on the college campus")}
SUPPORT_TEXT = {"transportation": N_("transportation provided"), "virtual": N_("virtual option"), "paid": N_("paid"),
                "online_or_at_school": N_("some courses online or at your high school")}
WBL_TYPE_TEXT = {"job_shadow": N_("Job shadow"), "internship": N_("Internship"),
                 "pre_apprenticeship": N_("Pre-apprenticeship"),
                 "registered_youth_apprenticeship": N_("Registered youth apprenticeship"),
                 "clinical": N_("Clinical"), "virtual": N_("Virtual")}
DELIVERY_TEXT = {"on_campus": N_("on the college campus"), "at_high_school": N_("at your high school"),
                 "online": N_("online")}
