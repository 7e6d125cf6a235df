"""Training near the student as text: one line per program, what its graduates earned, and the sources.

Used by the pathway's steps, the occupation page, compare and the PDFs, so a program reads the same
everywhere. Institution and program names stay as NCES writes them (proper names) and are escaped
for Markdown; a college's website becomes a link only when it is a plain host name and path.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from explorer.build.training import SCORECARD_CREDIT
from explorer.i18n import Locale
from explorer.training import (
    APPRENTICESHIP_CITATION,
    APPRENTICESHIP_NOTE,
    AWARD_GROUPS,
    AWARD_LABELS,
    CROSSWALK_NOTE,
    GROUP_TITLES,
    IPEDS_CITATION,
    MAX_PER_GROUP,
    SCORECARD_NOTE,
    SECTOR_LABELS,
    Apprenticeship,
    TrainingOptions,
    TrainingProgram,
)
from explorer.views import md_escape as esc

PLAIN_WEBSITE = re.compile(r"(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}(?:/[A-Za-z0-9._~%/-]*)?")
SHOWN_PER_GROUP = 5  # programs a group shows before "more"


def website_link(website: str) -> str:
    """A Markdown link to the college's site (NCES WEBADDR), or "" when it is not a plain address."""
    address = website.strip().removeprefix("https://").removeprefix("http://")
    if not PLAIN_WEBSITE.fullmatch(address):
        return ""
    return f"[{esc(address.rstrip('/'))}](https://{address})"


def miles_text(miles: float, loc: Locale) -> str:
    return loc._("{miles} miles").format(miles=loc.count(round(miles))) if miles >= 1 else loc._("under 1 mile")


def program_facts(p: TrainingProgram, loc: Locale) -> str:
    """Program, award, college kind and completers, in plain text (no Markdown)."""
    _ = loc._
    return _("{program}, {award} · {sector} · {completers} completed it in 2023-24").format(
        program=p.program, award=_(AWARD_LABELS[p.award_level]), sector=_(SECTOR_LABELS.get(p.sector, "")),
        completers=loc.count(p.completers))


def program_line(p: TrainingProgram, loc: Locale, *, link: bool = True) -> str:
    """One Markdown bullet: college, town, distance, program, award, completers, website."""
    head = f"- **{esc(p.institution)}**, {esc(p.city)}, {esc(p.state)} · {miles_text(p.miles, loc)}"
    site = website_link(p.website) if link else ""
    return " · ".join(part for part in (head, esc(program_facts(p, loc)), site) if part)


def earnings_text(p: TrainingProgram, loc: Locale) -> str:
    """What graduates of the field at this college earned (College Scorecard), in plain words."""
    _ = loc._
    e = p.earnings
    if e.status == "none":
        return _("College Scorecard has no earnings figure for this field here.")
    if e.shown_with:
        return _("Graduates' earnings: one College Scorecard figure for this field, shown with {college} above.").format(
            college=e.shown_with)
    if e.status == "suppressed":
        return _("Graduates' earnings: too few graduates to report.")
    unknown = _("too few to report")
    return _("Graduates of this field here earned a median of {one} a year 1 year after finishing and {four} after "
             "4 years; median debt {debt}.").format(
        one=loc.money(e.earnings_1yr) if e.earnings_1yr is not None else unknown,
        four=loc.money(e.earnings_4yr) if e.earnings_4yr is not None else unknown,
        debt=loc.money(e.debt) if e.debt is not None else unknown)


@dataclass(frozen=True)
class ProgramGroupView:
    title: str
    lines: list[str]  # the first SHOWN_PER_GROUP programs, each a bullet with its earnings sub-bullet
    more: list[str]  # the rest, for a "more" box


@dataclass(frozen=True)
class TrainingView:
    """Programs near the student for one job, as the reader sees them."""

    heading: str  # where from and how far ("Within 60 miles of ZIP 71301 (LA)")
    groups: list[ProgramGroupView]
    note: str  # nothing within the radius, or no program leads to the job ("" otherwise)
    sources: list[str]  # citations and caveats, one caption each


def _bullet(p: TrainingProgram, loc: Locale) -> str:
    return program_line(p, loc) + "\n  - " + esc(earnings_text(p, loc))


def sources(loc: Locale, *, earnings: bool = True) -> list[str]:
    """The citation lines every list of programs carries."""
    _ = loc._
    lines = [_("Colleges and programs: {source}.").format(source=_(IPEDS_CITATION)) + " " + _(CROSSWALK_NOTE) + " "
             + _("College and program names are as NCES publishes them.")]
    if earnings:
        lines.append(_(SCORECARD_NOTE) + " " + _("Source: {source}.").format(source=_(SCORECARD_CREDIT)))
    return lines


def heading(options: TrainingOptions, loc: Locale) -> str:
    _ = loc._
    origin = esc(options.origin.label)
    if not options.within_radius:
        return _("Programs that lead to this job nearest to {place}, anywhere").format(place=origin)
    if options.origin.area_centre:
        return _("Programs that lead to this job within {radius} miles of the middle of {place} (choose your ZIP code "
                 "in the sidebar for miles from home)").format(radius=options.radius, place=origin)
    return _("Programs that lead to this job within {radius} miles of {place}").format(radius=options.radius,
                                                                                        place=origin)


@lru_cache(maxsize=4096)
def training_view(options: TrainingOptions, loc: Locale) -> TrainingView:
    """Every program near the student for the job, grouped by award level, nearest first (built once
    per lookup and language: :func:`explorer.training.near` shares its results)."""
    _ = loc._
    groups = []
    for group in AWARD_GROUPS:
        rows = [_bullet(p, loc) for p in options.group(group)]
        if rows:
            groups.append(ProgramGroupView(_(GROUP_TITLES[group]), rows[:SHOWN_PER_GROUP], rows[SHOWN_PER_GROUP:]))
    note = ""
    if not options.programs:
        note = _("No college program is linked to this job in the crosswalk: people usually learn it on the job or "
                 "through another field.")
    elif not options.within_radius:
        note = _("No program that leads to this job is within {radius} miles; these are the nearest.").format(
            radius=options.radius)
    elif options.within_count > len(options.programs):
        note = _("{n} programs within {radius} miles lead to this job; the nearest {shown} of each kind are "
                 "listed.").format(n=loc.count(options.within_count), radius=options.radius, shown=MAX_PER_GROUP)
    return TrainingView(heading=heading(options, loc), groups=groups, note=note, sources=sources(loc))


def top_programs(options: TrainingOptions, loc: Locale, limit: int = 3) -> list[str]:
    """The nearest programs (one per college) as bullets, for the occupation page and compare."""
    seen: set[int] = set()
    lines: list[str] = []
    for p in sorted(options.programs, key=lambda p: p.miles):
        if p.unitid not in seen and len(lines) < limit:
            seen.add(p.unitid)
            lines.append(_bullet(p, loc))
    return lines


def nearest_text(options: TrainingOptions | None, loc: Locale) -> str:
    """The nearest program within the radius in one plain sentence (PDFs, compare), or "" when there is none."""
    if options is None or not options.programs or not options.within_radius:
        return ""
    p = min(options.programs, key=lambda p: p.miles)
    return loc._("{program} ({award}) at {college}, {city}, {miles} away").format(
        program=p.program, award=loc._(AWARD_LABELS[p.award_level]), college=p.institution, city=p.city,
        miles=miles_text(p.miles, loc))


def apprenticeship_lines(items: list[Apprenticeship], hours: str, loc: Locale) -> list[str]:
    """Registered apprenticeship, with its vintage and what it does not say."""
    _ = loc._
    titles = sorted({a.title.split(" (")[0].title() for a in items})
    span = "–".join(loc.count(int(part)) if part.isdigit() else part for part in hours.split("-"))
    head = (_("Registered apprenticeships exist for this job ({source}): about {hours} hours of training on the "
              "job.").format(source=_(APPRENTICESHIP_CITATION), hours=span)
            if hours else _("Registered apprenticeships exist for this job ({source}), competency-based.").format(
                source=_(APPRENTICESHIP_CITATION)))
    listed = _("Listed as: {titles}").format(titles="; ".join(esc(t) for t in titles[:6]))
    return [head, listed, _(APPRENTICESHIP_NOTE)]


@dataclass(frozen=True)
class NearbyView:
    """The occupation page's short "Where to train near you": the three nearest colleges and apprenticeship."""

    heading: str
    lines: list[str]
    more: int  # programs near the student beyond the lines (shown on the pathway)
    note: str
    apprenticeship: list[str]
    sources: list[str]
    nearest: str  # the nearest program within the radius in one sentence ("" when none)


def nearby_view(options: TrainingOptions, registered: list[Apprenticeship], hours: str, loc: Locale) -> NearbyView:
    full = training_view(options, loc)
    lines = top_programs(options, loc)
    apprenticeship = apprenticeship_lines(registered, hours, loc) if registered else []
    total = options.within_count if options.within_radius else len(options.programs)
    return NearbyView(heading=full.heading, lines=lines, more=max(total - len(lines), 0),
                      note=full.note, apprenticeship=apprenticeship, sources=full.sources,
                      nearest=nearest_text(options, loc))
