"""The "Where our graduates landed" page and the pathway's outcome line, as text and tables.

Everything here is already published under :mod:`explorer.outcome_measures`' rules; this module only
words it for a reader (family, student or counselor) and builds the chart and the CSV.
"""
from __future__ import annotations

from dataclasses import dataclass

import altair as alt
import pandas as pd

from explorer import exports, outcome_measures, privacy
from explorer.i18n import N_, Locale
from explorer.models import Program, split_list
from explorer.outcome_measures import MEASURE_TEXT, MEASURES, Cell, ProgramOutcomes
from explorer.outcomes import Graduate
from explorer.views import md_escape

SAMPLE_NOTICE = N_("Sample data — made-up graduates of the sample catalog's programs, for a demonstration. They "
                   "disappear when the district imports its own outcomes.")
DEFINITIONS = N_("Each figure is a share of the program's graduates in those years. Credential: earned at least one "
                 "credential listed in the district catalog. College credit: more than 0 dual-enrollment credits. "
                 "Working or in college: employed, enrolled in postsecondary education, or both (\"unknown\" counts as "
                 "not confirmed). In a job it leads to: employed at 12 months in an occupation the program's SOC codes "
                 "name. Credential local jobs use: a credential linked to a job in demand here (the pathway audit's "
                 "rule). Groups of fewer than {k} graduates are not described; a share is exact only when at least "
                 "{k} graduates are on each side of it, and more cells are hidden where they could be worked out "
                 "from the others.")
SOURCE = N_("Source: the district's own records of its graduates, imported by the district (not public data).")


@dataclass(frozen=True)
class OutcomesPage:
    program: str
    headline: pd.DataFrame  # measure -> the window's figure
    trend: pd.DataFrame  # year rows x measures (text cells)
    chart: alt.Chart | None  # working or in college 12 months later, by year (exact shares only)
    groups: dict[str, pd.DataFrame]  # group field -> its groups x measures
    wage_band: str
    csv: str
    sample: bool


def relevant_credentials(catalog_credentials: list, in_demand_socs: set[str]) -> set[str]:
    """Credentials of the catalog linked to at least one job in demand here."""
    return {c.credential_id for c in catalog_credentials if set(split_list(c.soc_codes)) & in_demand_socs}


def _row(cell: Cell, k: int, loc: Locale) -> dict[str, str]:
    _ = loc._
    graduates = str(cell.graduates) if cell.graduates is not None else _("too few to report")
    return {_("Graduates"): graduates, **{_(MEASURE_TEXT[m]): cell.shares[m].text(k, loc) for m in MEASURES}}


def page_view(outcomes: ProgramOutcomes, program: Program, loc: Locale, k: int | None = None) -> OutcomesPage:
    _ = loc._
    k = k if k is not None else privacy.min_group()
    window = outcomes.window
    assert window is not None
    headline = pd.DataFrame({_("Measure"): [_("Graduates"), *(_(MEASURE_TEXT[m]) for m in MEASURES)],
                             window.label: [str(window.graduates), *(window.shares[m].text(k, loc) for m in MEASURES)]})
    trend = pd.DataFrame([{_("Year"): cell.label, **_row(cell, k, loc)} for cell in outcomes.years])
    points = [{"year": cell.label, "share": outcome_measures.percent_or_none(cell.shares["placed_12"])}
              for cell in outcomes.years]
    points = [p for p in points if p["share"] is not None]
    chart = None
    if points:
        chart = alt.Chart(pd.DataFrame(points), title=_("Working or in college 12 months later")).mark_line(
            point=True).encode(x=alt.X("year:O", title=_("Graduation year")),
                               y=alt.Y("share:Q", title="%", scale=alt.Scale(domain=[0, 100])),
                               tooltip=[alt.Tooltip("year:O", title=_("Graduation year")),
                                        alt.Tooltip("share:Q", title="%")]).properties(height=220)
    groups = {name: pd.DataFrame([{_("Group"): cell.label if cell.label != outcome_measures.OTHER_GROUP
                                   else _("other or not given"), **_row(cell, k, loc)} for cell in cells])
              for name, cells in outcomes.groups.items()}
    rows = [{"program": program.code, "years": window.label, "group": "all", **_row(window, k, loc)}]
    rows += [{"program": program.code, "years": cell.label, "group": "all", **_row(cell, k, loc)}
             for cell in outcomes.years]
    rows += [{"program": program.code, "years": window.label, "group": f"{name}={cell.label}", **_row(cell, k, loc)}
             for name, cells in outcomes.groups.items() for cell in cells]
    csv = exports.rows_csv(list(rows[0]), rows)
    return OutcomesPage(program=md_escape(program.name), headline=headline, trend=trend, chart=chart, groups=groups,
                        wage_band=outcome_measures.wage_band_text(window.median_wage_band, loc), csv=csv,
                        sample=outcomes.sample)


def pathway_lines(grads: list[Graduate], programs: list[Program], relevant: set[str], loc: Locale) -> list[str]:
    """The pathway page's line per district program toward the job (none when no outcomes are imported)."""
    if not grads:
        return []
    return [md_escape(outcome_measures.pathway_line(
        outcome_measures.program_outcomes(grads, p.code, set(split_list(p.soc_codes)), relevant), p.name, loc))
        for p in programs]


def programs_table(grads: list[Graduate], programs: list[Program], relevant: set[str], loc: Locale,
                   k: int | None = None) -> pd.DataFrame:
    """For the pathway audit: each catalog program with where its graduates landed (published figures only)."""
    _ = loc._
    k = k if k is not None else privacy.min_group()
    rows = []
    for program in programs:
        published = outcome_measures.program_outcomes(grads, program.code, set(split_list(program.soc_codes)),
                                                      relevant, k)
        cell = published.window
        texts = ({m: cell.shares[m].text(k, loc) for m in ("placed_12", "in_field", "relevant_credential")}
                 if cell else {m: _("too few to report") for m in ("placed_12", "in_field", "relevant_credential")})
        rows.append({_("Program"): program.name, _("Years"): cell.label if cell else "",
                     _("Graduates"): str(cell.graduates) if cell else _("too few to report"),
                     _(MEASURE_TEXT["placed_12"]): texts["placed_12"], _(MEASURE_TEXT["in_field"]): texts["in_field"],
                     _(MEASURE_TEXT["relevant_credential"]): texts["relevant_credential"]})
    return pd.DataFrame(rows)


def counselor_tables(grads: list[Graduate], published: ProgramOutcomes, program: Program, relevant: set[str],
                     loc: Locale, k: int | None = None) -> dict[str, pd.DataFrame]:
    """For counselors: each self-reported group field year by year (cells that pass the same rules)."""
    _ = loc._
    k = k if k is not None else privacy.min_group()
    out = {}
    for field in published.groups:
        table = outcome_measures.group_years(grads, published, program.code, field, set(split_list(program.soc_codes)),
                                             relevant, k)
        if table is None:
            continue
        out[field] = pd.DataFrame([{_("Year"): year, _("Group"): group if group != outcome_measures.OTHER_GROUP
                                    else _("other or not given"), **_row(table.cells[(year, group)], k, loc)}
                                   for year in table.years for group in table.groups])
    return out
