"""Where to train for a job near the student, from public data on any fresh install.

O*NET-SOC occupation -> its SOC 2018 code -> the CIP 2020 programs NCES's crosswalk links to it
(expert judgment, not empirical) -> active colleges that awarded that program in 2023-24 (IPEDS)
-> great-circle miles from the student's point. Beside each program, what its field's graduates
earned (College Scorecard): figures for a four-digit field at one college, for federal-aid
recipients who were working and not enrolled, one figure per OPEID6 (campuses that share one are
not counted twice), and "too few graduates to report" where Scorecard suppressed it.

Registered apprenticeship comes from the DOL list of apprenticeable occupations (2019): it says
one exists somewhere in the U.S., not that a sponsor is near.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import pandas as pd

from explorer import places, settings
from explorer.build.training import SCORECARD_LEVEL
from explorer.data import KnowledgeBase
from explorer.i18n import N_

# Award levels a student can aim for, grouped as a student thinks of them (IPEDS AWLEVEL codes).
AWARD_GROUPS: dict[str, tuple[int, ...]] = {
    "short_certificate": (20,),
    "certificate": (21, 2, 4),
    "associate": (3,),
    "bachelor_plus": (5, 6, 7, 8, 17, 18, 19),
}
GROUP_OF_LEVEL = {level: group for group, levels in AWARD_GROUPS.items() for level in levels}
GROUP_TITLES = {"short_certificate": N_("Short certificates (under 12 weeks)"),
                "certificate": N_("Certificates (12 weeks to 4 years)"),
                "associate": N_("Associate's degrees (about 2 years)"),
                "bachelor_plus": N_("Bachelor's degrees and above")}
AWARD_LABELS = {20: N_("certificate, under 12 weeks"), 21: N_("certificate, 12 weeks to 1 year"),
                2: N_("certificate, 1 to 2 years"), 4: N_("certificate, 2 to 4 years"), 3: N_("associate's degree"),
                5: N_("bachelor's degree"), 6: N_("postbaccalaureate certificate"), 7: N_("master's degree"),
                8: N_("post-master's certificate"), 17: N_("doctor's degree (research)"),
                18: N_("doctor's degree (professional practice)"), 19: N_("doctor's degree (other)")}
SECTOR_LABELS = {1: N_("public, 4-year"), 2: N_("private nonprofit, 4-year"), 3: N_("private for-profit, 4-year"),
                 4: N_("public, 2-year"), 5: N_("private nonprofit, 2-year"), 6: N_("private for-profit, 2-year"),
                 7: N_("public, under 2-year"), 8: N_("private nonprofit, under 2-year"),
                 9: N_("private for-profit, under 2-year")}
NEAREST_ANYWHERE = 5  # programs listed, with their miles, when none is within the radius
MAX_PER_GROUP = 25  # nearest programs kept per award group (a city can have 900 for one job); the rest are counted
MAX_RADIUS = 500

IPEDS_CITATION = N_("NCES IPEDS 2024-25 (colleges; programs and completers 2023-24)")
CROSSWALK_NOTE = N_("Which programs lead to which jobs follows the NCES CIP 2020 to SOC 2018 crosswalk, which NCES "
                    "built by expert judgment, not from where graduates actually work.")
SCORECARD_NOTE = N_("What graduates earned: median yearly earnings 1 and 4 years after finishing, and median debt, "
                    "for graduates of programs in this field at this college (graduates of about 2015-2020) who "
                    "received federal student aid and were working and not enrolled; not all graduates. Campuses "
                    "that share one federal aid ID share one figure, shown once.")
APPRENTICESHIP_CITATION = N_("DOL list of apprenticeable occupations, 2019")
APPRENTICESHIP_NOTE = N_("It says a registered apprenticeship exists for this job somewhere in the U.S., not that a "
                         "sponsor is near you; ask your counselor or apprenticeship.gov who offers one here.")

PROBLEMS = {
    "unknown_occupation": N_("No occupation has the code {code}. Codes look like 29-1141.00 (see `occupations`)."),
    "radius": N_("The radius must be a whole number of miles from 1 to {max}; {radius} is not."),
}


class TrainingError(ValueError):
    """A lookup the data cannot answer: the message says what was wrong."""


@dataclass(frozen=True)
class Origin:
    """Where miles are measured from: the student's ZIP or town, or the middle of their area."""

    label: str
    lat: float
    lon: float
    area_centre: bool  # True: only a region was chosen, so miles are from the middle of its counties


@dataclass(frozen=True)
class GraduateEarnings:
    """College Scorecard figures for the program's field at the college (None: suppressed or absent)."""

    status: str  # "reported", "suppressed" (too few graduates to report) or "none" (no Scorecard row)
    earnings_1yr: float | None = None
    earnings_4yr: float | None = None
    debt: float | None = None
    shown_with: str = ""  # the nearer campus under the same OPEID6 whose row already shows this one figure


@dataclass(frozen=True)
class TrainingProgram:
    """One program at one college that leads to the job."""

    unitid: int
    institution: str
    city: str
    state: str
    sector: int  # a key of SECTOR_LABELS
    website: str
    cip: str  # six-digit CIP 2020 code, e.g. "51.3801"
    program: str  # CIP 2020 title, as NCES writes it
    award_level: int  # a key of AWARD_LABELS
    group: str  # a key of AWARD_GROUPS
    completers: int  # awards made in 2023-24 (first majors)
    miles: float
    earnings: GraduateEarnings


@dataclass(frozen=True, eq=False)  # identity equality: one shared, read-only object per lookup (a cache key)
class TrainingOptions:
    """Programs near the student that lead to one occupation, nearest first."""

    onet_code: str
    origin: Origin
    radius: int
    within_radius: bool  # False: nothing within the radius, so ``programs`` are the nearest anywhere
    programs: list[TrainingProgram] = field(default_factory=list)
    within_count: int = 0  # programs within the radius in all, including those beyond MAX_PER_GROUP per group

    def group(self, name: str) -> list[TrainingProgram]:
        return [p for p in self.programs if p.group == name]

    @property
    def nearest(self) -> TrainingProgram | None:
        return min(self.programs, key=lambda p: p.miles) if self.programs else None


@dataclass(frozen=True)
class Apprenticeship:
    """One registered apprenticeship of the DOL list for this job."""

    rapids_code: str
    title: str  # as DOL lists it (capitals)
    term_hours: str  # "8000", "4000-5000", or "" for competency-based
    kind: str  # TB time-based, HY hybrid, CB competency-based


@dataclass(frozen=True)
class _Index:
    """Arrays built once per knowledge base: every program row with its college's point and key."""

    awards: pd.DataFrame  # program_awards joined to institutions and titles, positional
    lat: np.ndarray
    lon: np.ndarray
    rows_by_cip: dict[str, np.ndarray]
    cips_by_soc: dict[str, list[str]]
    earnings_keys: pd.MultiIndex  # (opeid6, cip4, credential_level) of program_earnings
    earnings: np.ndarray  # earnings_1yr, earnings_4yr, debt per key
    group_codes: np.ndarray  # position in AWARD_GROUPS of each program row's award level

    def rows(self, soc: str) -> np.ndarray:
        found = [self.rows_by_cip[c] for c in self.cips_by_soc.get(soc, []) if c in self.rows_by_cip]
        return np.sort(np.concatenate(found)) if found else np.empty(0, dtype=np.int64)


@lru_cache(maxsize=2)
def _index(kb: KnowledgeBase) -> _Index:
    colleges = kb.institutions.set_index("unitid")
    awards = kb.program_awards.join(colleges, on="unitid").join(kb.cip_titles.set_index("cip"), on="cip")
    rows_by_cip = {str(cip): rows for cip, rows in awards.groupby("cip").indices.items()}
    cips_by_soc = {str(soc): list(cips) for soc, cips in kb.cip_soc.groupby("soc")["cip"]}
    e = kb.program_earnings
    keys = pd.MultiIndex.from_arrays([e["opeid6"].astype(str), e["cip4"].astype(str), e["credential_level"].astype(int)])
    return _Index(awards=awards, lat=awards["lat"].to_numpy(float), lon=awards["lon"].to_numpy(float),
                  rows_by_cip=rows_by_cip, cips_by_soc=cips_by_soc, earnings_keys=keys,
                  earnings=e[["earnings_1yr", "earnings_4yr", "debt"]].to_numpy(float),
                  group_codes=awards["award_level"].map(
                      {level: list(AWARD_GROUPS).index(g) for level, g in GROUP_OF_LEVEL.items()}).to_numpy(int))


def warm(kb: KnowledgeBase) -> None:
    """Build the lookup arrays before the first student asks (``serve`` calls it)."""
    index = _index(kb)
    index.earnings_keys.get_indexer([("", "", 0)])  # builds the key hash table (~10 ms) once


def check_radius(radius: int | None) -> int:
    """The radius to use: the district's setting when None; a clear error when out of range."""
    value = settings.current().training_radius_miles if radius is None else radius
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= MAX_RADIUS:
        raise TrainingError(PROBLEMS["radius"].format(max=MAX_RADIUS, radius=value))
    return value


def origin_of(kb: KnowledgeBase, place: places.Place | None, area_code: str | None) -> Origin | None:
    """Where miles start: the student's place, else the middle of the area's counties (None: no area)."""
    if place is not None:
        return Origin(label=place.label, lat=place.lat, lon=place.lon, area_centre=False)
    counties = kb.county_points[kb.county_points["area_code"] == area_code] if area_code else kb.county_points[:0]
    if counties.empty:
        return None
    return Origin(label=str(kb.regions.loc[area_code, "name"]), lat=float(counties["lat"].mean()),
                  lon=float(counties["lon"].mean()), area_centre=True)


def soc_of(kb: KnowledgeBase, onet_code: str) -> str:
    if onet_code not in kb.occupations.index:
        raise TrainingError(PROBLEMS["unknown_occupation"].format(code=onet_code))
    return str(kb.occupations.at[onet_code, "soc_code"])


def _earnings(index: _Index, keys: list[tuple[str, str, int]]) -> list[GraduateEarnings]:
    """Scorecard figures for each (opeid6, cip4, credential level): reported, suppressed or none."""
    found = index.earnings_keys.get_indexer(keys) if keys else np.empty(0, dtype=int)
    result = []
    for position in found:
        if position < 0:
            result.append(GraduateEarnings("none"))
            continue
        one, four, debt = (None if np.isnan(v) else float(v) for v in index.earnings[position])
        suppressed = one is None and four is None and debt is None
        result.append(GraduateEarnings("suppressed") if suppressed else GraduateEarnings("reported", one, four, debt))
    return result


def near(kb: KnowledgeBase, onet_code: str, origin: Origin, radius: int | None = None) -> TrainingOptions:
    """Programs leading to ``onet_code`` within ``radius`` miles of ``origin``, nearest first; when none
    is within it, the :data:`NEAREST_ANYWHERE` nearest anywhere (``within_radius`` False).

    The result is shared by every caller with the same arguments (a class opens the same jobs from the
    same place): read it, never change it.
    """
    return _near(kb, onet_code, origin, check_radius(radius))


@lru_cache(maxsize=4096)
def _near(kb: KnowledgeBase, onet_code: str, origin: Origin, radius: int) -> TrainingOptions:
    index = _index(kb)
    soc = soc_of(kb, onet_code)
    rows = index.rows(soc)
    if len(rows) == 0:
        return TrainingOptions(onet_code, origin, radius, within_radius=False)
    distance = places.miles(origin.lat, origin.lon, index.lat[rows], index.lon[rows])
    order = np.argsort(distance, kind="stable")
    inside = order[distance[order] <= radius]
    within = len(inside) > 0
    if within:  # the nearest MAX_PER_GROUP of each award group, still nearest first
        groups = index.group_codes[rows[inside]]
        keep = np.concatenate([np.flatnonzero(groups == g)[:MAX_PER_GROUP] for g in range(len(AWARD_GROUPS))])
        chosen = inside[np.sort(keep)]
    else:
        chosen = order[:NEAREST_ANYWHERE]
    picked = index.awards.iloc[rows[chosen]]
    keys = [(str(o), str(c)[:5], SCORECARD_LEVEL[int(a)])
            for o, c, a in zip(picked["opeid6"], picked["cip"], picked["award_level"], strict=True)]
    programs: list[TrainingProgram] = []
    shown: dict[tuple[str, str, int], str] = {}
    for row, miles, key, earnings in zip(picked.itertuples(index=False), distance[chosen], keys,
                                         _earnings(index, keys), strict=True):
        if earnings.status == "reported" and key in shown:
            # Scorecard gives one figure per OPEID6, field and credential level: a second campus, or a
            # second certificate length of one field, points to the row that shows it.
            earnings = GraduateEarnings(earnings.status, shown_with=shown[key])
        shown.setdefault(key, str(row.name))
        programs.append(TrainingProgram(
            unitid=int(row.unitid), institution=str(row.name), city=str(row.city), state=str(row.state),
            sector=int(row.sector), website=str(row.website) if isinstance(row.website, str) else "", cip=row.cip,
            program=str(row.title), award_level=int(row.award_level), group=GROUP_OF_LEVEL[int(row.award_level)],
            completers=int(row.completers), miles=float(miles), earnings=earnings))
    return TrainingOptions(onet_code, origin, radius, within_radius=within, programs=programs,
                           within_count=len(inside))


def apprenticeships(kb: KnowledgeBase, onet_code: str) -> list[Apprenticeship]:
    """Registered apprenticeships the DOL list (2019) names for this occupation, by title."""
    return list(_apprenticeships(kb).get(onet_code, ()))


@lru_cache(maxsize=2)
def _apprenticeships(kb: KnowledgeBase) -> dict[str, tuple[Apprenticeship, ...]]:
    return {str(code): tuple(_apprenticeship_items(rows)) for code, rows in kb.apprenticeships.groupby("onet_code")}


def _apprenticeship_items(rows: pd.DataFrame) -> list[Apprenticeship]:
    items = [Apprenticeship(rapids_code=str(r.rapids_code), title=str(r.title), term_hours=str(r.term_hours),
                            kind=str(r.type)) for r in rows.itertuples(index=False)]
    return sorted(items, key=lambda a: (a.title, a.rapids_code))


def typical_hours(items: list[Apprenticeship]) -> str:
    """The most common term of the listed apprenticeships ("8000", "4000-5000"), "" when none is time-based."""
    terms = pd.Series([a.term_hours for a in items if a.term_hours])
    return str(terms.mode().iloc[0]) if not terms.empty else ""


@dataclass(frozen=True)
class Supply:
    """Training made near a place in 2023-24, per CIP program: awards and the colleges that made them."""

    awards: pd.Series  # cip -> awards (first majors) by colleges within the radius
    colleges: pd.Series  # cip -> the set of UNITIDs that made them
    radius: int


def supply_near(kb: KnowledgeBase, origin: Origin, radius: int | None = None) -> Supply:
    """Awards by CIP program made by colleges within ``radius`` of ``origin`` (all of them, once per
    program row: a program leading to several jobs is counted once per job, never twice within one)."""
    radius = check_radius(radius)
    index = _index(kb)
    inside = places.miles(origin.lat, origin.lon, index.lat, index.lon) <= radius
    near_awards = index.awards.loc[inside, ["cip", "unitid", "completers"]]
    return Supply(awards=near_awards.groupby("cip")["completers"].sum(),
                  colleges=near_awards.groupby("cip")["unitid"].agg(set), radius=radius)


def supply_for(kb: KnowledgeBase, supply: Supply, socs: set[str]) -> tuple[int, int]:
    """(awards, colleges) near the place in the programs leading to any of ``socs`` (each program once)."""
    by_soc = _index(kb).cips_by_soc
    cips = {c for soc in socs for c in by_soc.get(soc, [])} & set(supply.awards.index)
    colleges: set[int] = set().union(*(supply.colleges[c] for c in cips)) if cips else set()
    return int(sum(int(supply.awards[c]) for c in cips)), len(colleges)
