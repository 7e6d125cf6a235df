"""The pathway page as text: every step of a plan formatted for one reader, ready to lay out.

:func:`pathway_view` turns a :class:`~explorer.pathways.Pathway` into one typed view per step, with
every sentence already translated, every number formatted and every catalog text escaped for
Markdown; the page only decides where each piece goes (explorer/ui/pathway_steps.py). No streamlit here.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from explorer import labor, skills, training_view
from explorer.i18n import Locale
from explorer.pathways import (
    BARRIER_TEXT,
    DELIVERY_TEXT,
    MISSING_TEXT,
    PLAN_STEPS,
    STEP_TITLES,
    SUPPORT_TEXT,
    VALUE_LABELS,
    WBL_TYPE_TEXT,
    CredentialEvidence,
    CredentialItem,
    CredentialTotals,
    DualEnrollmentItem,
    DualEnrollmentTotals,
    EnrollProgram,
    JobItem,
    LookAtTraining,
    NearbyCertificates,
    NearbyColleges,
    Pathway,
    PostsecondaryItem,
    ProgramItem,
    RegisteredApprenticeships,
    Step,
    TryWorkBasedLearning,
    WorkBasedLearningItem,
)
from explorer.views import bls_label
from explorer.views import md_escape as esc

GRADES = (6, 7, 8, 9, 10, 11, 12)
# Missing steps that change the plan (no program to start from, no such job here) are warnings;
# the others say what to do instead.
WARNING_GAPS = ("not_in_area", "no_program")


def default_grade(band: str | None) -> int:
    """The grade a pathway starts from before the student picks theirs: the top of a middle-school
    band, else grade 10."""
    return {"6-8": 8, "9-12": 10}.get(band or "", 10)


@dataclass(frozen=True)
class ListView:
    """Steps that are a list of Markdown lines (this year, programs, after high school)."""

    lines: list[str]


@dataclass(frozen=True)
class PublicRowsView:
    """What public data add to a step, after the district's rows: a label, bullets and their sources."""

    label: str
    lines: list[str]
    sources: list[str]


@dataclass(frozen=True)
class DualEnrollmentView:
    courses: list[str]
    total: str = ""  # "" when the catalog has no course toward the job
    short_of_target: str = ""  # "" when the courses reach the credit target
    barriers: str = ""
    supports: str = ""
    public: PublicRowsView | None = None


@dataclass(frozen=True)
class RungView:
    """One work-based learning opportunity and its captions (each "" when there is nothing to say)."""

    line: str
    barriers: str = ""
    supports: str = ""
    skills: str = ""


@dataclass(frozen=True)
class WorkBasedLearningView:
    rungs: list[RungView]
    public: PublicRowsView | None = None


@dataclass(frozen=True)
class CredentialView:
    line: str
    details: list[str]  # how it is earned and what it stacks into, when the catalog says (Markdown sub-items)
    evidence: list[str]  # why the value label: one line per local job it leads to


@dataclass(frozen=True)
class CredentialsView:
    credentials: list[CredentialView]
    public: PublicRowsView | None = None


@dataclass(frozen=True)
class PostsecondaryView:
    lines: list[str]  # BLS typical entry and on-the-job training, as context
    training: training_view.TrainingView | None  # colleges near the student (None: no place chosen)
    comparison: str  # the job's local median pay beside the graduates' figures, said to be another measure


@dataclass(frozen=True)
class JobView:
    line: str
    note: str  # whose figures these are ("" when the occupation's own)
    source: str
    show_where_else: bool  # no jobs here: show where the job exists
    oews_code: str | None
    published_anywhere: bool


Body = ListView | DualEnrollmentView | WorkBasedLearningView | CredentialsView | PostsecondaryView | JobView


@dataclass(frozen=True)
class StepView:
    kind: str
    title: str
    body: Body
    checkable: bool  # the student can tick it off in their plan
    missing: str = ""  # what the catalog lacks for this step, and what to do instead
    missing_is_warning: bool = False
    district_label: str = ""  # "From your district's catalog:" when public rows follow the district's


@dataclass(frozen=True)
class PathwayHeader:
    heading: str
    caption: str


def _now(step: Step, loc: Locale) -> ListView:
    _ = loc._
    lines = []
    for item in step.items:
        if isinstance(item, EnrollProgram):
            lines.append(_("- Sign up for **{course}** ({program}).").format(course=esc(item.course),
                                                                             program=esc(item.program)))
        elif isinstance(item, TryWorkBasedLearning):
            lines.append(_("- Ask about **{title}** with {employer}.").format(title=esc(item.title),
                                                                              employer=esc(item.employer)))
        elif isinstance(item, LookAtTraining):
            lines.append(_("- Look at the **{program}** program at {college}, {miles} away: read its website, or ask "
                           "your counselor about a visit. (Public data: {source})").format(
                program=esc(item.program), college=esc(item.institution),
                miles=training_view.miles_text(item.miles, loc), source=_(training_view.IPEDS_CITATION)))
    return ListView(lines)


def _public_label(has_district_rows: bool, loc: Locale) -> str:
    return loc._("Also from public data:") if has_district_rows else loc._("From public data:")


def _program(step: Step, loc: Locale) -> ListView:
    items: list[ProgramItem] = step.items
    return ListView([loc._("**{name}** (grades {grades}): {courses}").format(
        name=esc(p.name), grades=esc(p.grades), courses=" → ".join(esc(c) for c in p.courses)) for p in items])


def _captions(keys: list[str], texts: dict[str, str], mark: str, loc: Locale) -> str:
    return mark + " " + ", ".join(loc._(texts[k]) for k in keys) if keys else ""


def _dual_enrollment(step: Step, loc: Locale) -> DualEnrollmentView:
    _ = loc._
    items: list[DualEnrollmentItem] = step.items
    public = None
    if isinstance(step.public, NearbyColleges):
        public = PublicRowsView(label=_public_label(bool(items), loc),
                                lines=[training_view.program_line(p, loc) for p in step.public.programs],
                                sources=training_view.sources(loc, earnings=False))
    if not items:
        return DualEnrollmentView(courses=[], public=public)
    courses = [_("- {college}, {code} {title}: {credits} credits, {cost}, {delivery}. {schedule}").format(
        college=esc(c.college), code=esc(c.course_code), title=esc(c.title), credits=f"{c.credits:g}",
        cost=loc.money(c.cost), delivery=_(DELIVERY_TEXT[c.delivery]), schedule=esc(c.schedule)) for c in items]
    totals = step.totals
    assert isinstance(totals, DualEnrollmentTotals)
    total = _("**Total: {credits} college credits, {cost} to you.** Target: {target} credits or more.").format(
        credits=f"{totals.credits:g}", cost=loc.money(totals.cost), target=totals.target_credits)
    short = "" if totals.meets_target else _("The catalog offers fewer than {target} credits toward this job.").format(
        target=totals.target_credits)
    return DualEnrollmentView(courses=courses, total=total, short_of_target=short,
                              barriers=_captions(step.barriers, BARRIER_TEXT, "⚠️", loc),
                              supports=_captions(step.supports, SUPPORT_TEXT, "✅", loc), public=public)


def _rung(item: WorkBasedLearningItem, loc: Locale) -> RungView:
    _ = loc._
    details = [_(WBL_TYPE_TEXT[item.type]), esc(item.employer)]
    if not item.virtual_alternative:
        details.append(_("{hours} hours, from grade {grade}, {minutes} min away").format(
            hours=item.hours, grade=item.min_grade, minutes=item.commute_minutes))
    practised = _("Skills it practises: {skills}").format(skills=skills.names(item.skills, loc.lang)) if item.skills else ""
    return RungView(line=f"- **{esc(item.title)}** · " + " · ".join(details),
                    barriers=_captions(item.barriers, BARRIER_TEXT, "⚠️", loc),
                    supports=_captions(item.supports, SUPPORT_TEXT, "✅", loc), skills=practised)


def _work_based_learning(step: Step, loc: Locale) -> WorkBasedLearningView:
    public = None
    if isinstance(step.public, RegisteredApprenticeships):
        district = [item for item in step.items if not item.virtual_alternative]
        head, listed, note = training_view.apprenticeship_lines(step.public.items, step.public.typical_hours, loc)
        public = PublicRowsView(label=_public_label(bool(district), loc), lines=[f"- {head}", f"- {listed}"],
                                sources=[note])
    return WorkBasedLearningView([_rung(item, loc) for item in step.items], public=public)


def _evidence(e: CredentialEvidence, loc: Locale) -> str:
    _ = loc._
    return _("- {title}: {openings} openings a year here, median pay {pay} (area median {area})").format(
        title=esc(e.title), openings="—" if e.local_openings is None else loc.count(e.local_openings),
        pay=loc.money(e.annual_median) if e.annual_median else _("not released"),
        area=loc.money(e.area_median) if e.area_median else "—")


def _credential(c: CredentialItem, loc: Locale) -> CredentialView:
    _ = loc._
    line = _("- **{name}**, {issuer}: {cost}{waiver}, about {hours} hours of preparation. Value here: **{value}**").format(
        name=esc(c.name), issuer=esc(c.issuer), cost=loc.money(c.cost),
        waiver=_(" (fee waiver available)") if c.fee_waiver else "", hours=c.prep_hours, value=_(VALUE_LABELS[c.value]))
    details = [text for text in (
        _("  - How you earn it: {exam}").format(exam=esc(c.exam)) if c.exam else "",
        _("  - Leads on to: {next}").format(next=esc(c.stacks_into)) if c.stacks_into else "") if text]
    return CredentialView(line=line, details=details, evidence=[_evidence(e, loc) for e in c.evidence])


def _credentials(step: Step, loc: Locale) -> CredentialsView:
    assert step.totals is None or isinstance(step.totals, CredentialTotals)
    public = None
    if isinstance(step.public, NearbyCertificates):
        public = PublicRowsView(label=_public_label(bool(step.items), loc),
                                lines=[training_view.program_line(p, loc) for p in step.public.programs],
                                sources=training_view.sources(loc, earnings=False))
    return CredentialsView([_credential(c, loc) for c in step.items], public=public)


def _postsecondary(step: Step, loc: Locale) -> PostsecondaryView:
    _ = loc._
    item: PostsecondaryItem = step.items[0]
    lines = [_("- Typical entry: **{education}**").format(education=bls_label(item.education, _))]
    if isinstance(item.training, str) and item.training != "None":
        lines.append(_("- Training on the job: {training}").format(training=bls_label(item.training, _)))
    programs = training_view.training_view(item.programs, loc) if item.programs is not None else None
    return PostsecondaryView(lines=lines, training=programs, comparison="")


def _pay_comparison(plan: Pathway, loc: Locale) -> str:
    """The job's local median from OEWS beside the graduates' figures: two measures, never subtracted."""
    _ = loc._
    job: JobItem = plan.step("job").items[0]
    median = labor.pay_text(pd.Series(job.figures), "median", loc)
    return _("For comparison, the median pay of everyone working as {title} here is {median} "
             "({source}). That counts all workers in the job; the College Scorecard figures above count only recent "
             "graduates of one field who had federal aid. They are different measures: do not subtract one from the "
             "other.").format(title=esc(job.title), median=median,
                              source=labor.citation(job.release, job.area_name, loc))


def _job(step: Step, loc: Locale) -> JobView:
    _ = loc._
    item: JobItem = step.items[0]
    figures = pd.Series(item.figures)
    line = _("**{title}** here: starting pay {start}, median {median}, {jobs} jobs.").format(
        title=esc(item.title), start=labor.pay_text(figures, "p25", loc), median=labor.pay_text(figures, "median", loc),
        jobs=labor.employment_text(item.employment, None, item.in_area, loc))
    return JobView(line=line, note=labor.figures_note(figures, _, loc.lang),
                   source=_("Source: {source}").format(source=labor.citation(item.release, item.area_name, loc)),
                   show_where_else=step.missing == "not_in_area", oews_code=item.oews_code,
                   published_anywhere=item.published_anywhere)


BUILDERS: dict[str, Callable[[Step, Locale], Body]] = {"now": _now, "program": _program, "dual_enrollment": _dual_enrollment,
            "work_based_learning": _work_based_learning, "credentials": _credentials,
            "postsecondary": _postsecondary, "job": _job}


def _has_district_rows(step: Step) -> bool:
    return any(not getattr(item, "virtual_alternative", False) for item in step.items)


def step_view(step: Step, loc: Locale) -> StepView:
    both = step.public is not None and _has_district_rows(step)
    return StepView(kind=step.kind, title=loc._(STEP_TITLES[step.kind]), body=BUILDERS[step.kind](step, loc),
                    checkable=step.kind in PLAN_STEPS,
                    missing=loc._(MISSING_TEXT[step.missing]) if step.missing else "",
                    missing_is_warning=step.missing in WARNING_GAPS,
                    district_label=loc._("From your district's catalog:") if both else "")


def header(title: str, area_name: str, loc: Locale) -> PathwayHeader:
    """The page's title and what the plan is built from; ``title`` is the occupation in the reader's language."""
    _ = loc._
    return PathwayHeader(heading=_("Your pathway to {title}").format(title=title),
                         caption=_("Built backward from the job in {area}, from your district's catalog first, "
                                   "then public data on colleges and apprenticeships.").format(area=area_name))


def step_views(plan: Pathway, loc: Locale) -> list[StepView]:
    """Every step of the plan, in order, as the reader sees it."""
    views = [step_view(step, loc) for step in plan.steps]
    for index, view in enumerate(views):
        body = view.body
        if isinstance(body, PostsecondaryView) and body.training is not None and body.training.groups:
            views[index] = dataclasses.replace(
                view, body=PostsecondaryView(body.lines, body.training, _pay_comparison(plan, loc)))
    return views
