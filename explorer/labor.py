"""Local labor-market facts for one region, each carrying its source, area and release.

OEWS marks values it does not publish with a footnote, which we keep beside the value:
4 = paid only hourly or only annually, 5 = at or above the top-coding limit ($115.00 an hour,
$239,200 a year), 8 = estimate not released. A missing value is never shown as a number.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from explorer import text_search, words
from explorer.data import KnowledgeBase
from explorer.i18n import N_, Locale, Translator

NATIONAL = "0000000"  # the OEWS area code of the whole country
WAGE_COLUMNS = [f"{unit}_{p}" for unit in ("hourly", "annual") for p in ("p10", "p25", "median", "p75", "p90")]
LOCAL_COLUMNS = ["employment", *WAGE_COLUMNS, "location_quotient"]


class UnknownArea(LookupError):
    """The area code is not one of the 583 OEWS areas."""

    def __init__(self, code: str):
        super().__init__(
            f"unknown area code {code!r}: expected one of the 583 OEWS May 2025 area codes (7 digits, "
            "e.g. 0000000 national, 4800000 Texas, 0012420 Austin); list them with `python -m explorer regions`"
        )
        self.code = code


def footnote_status(column: str, footnote: float | None) -> str | None:
    """Why a value is missing or limited, in words a program can test: top_coded, not_released ...

    ``footnote`` is the BLS footnote code of the cell (a small number; None or pd.NA for none).
    """
    if footnote is None or pd.isna(footnote):
        return None
    code = int(footnote)
    if code == 5:
        return "top_coded"
    if code == 8:
        return "not_released"
    if code == 4:
        # On an annual column: BLS publishes only an hourly wage, and the reverse.
        return "hourly_only" if column.startswith("annual_") else "annual_only"
    return None


def region(kb: KnowledgeBase, area_code: str) -> pd.Series:
    if area_code not in kb.regions.index:
        raise UnknownArea(area_code)
    return kb.regions.loc[area_code]


def oews_citation(kb: KnowledgeBase, area_code: str, loc: Locale | None = None) -> str:
    """e.g. "BLS OEWS May 2025, Austin-Round Rock-San Marcos, TX": the area is a proper name and stays
    as BLS writes it; the release month is in the reader's language when ``loc`` is given."""
    return citation(kb.oews_release, str(region(kb, area_code)["name"]), loc)


def citation(release: str, area_name: str, loc: Locale | None = None) -> str:
    """The OEWS citation from its parts (for figures carried away from the knowledge base)."""
    return f"BLS OEWS {loc.month(release) if loc is not None else release}, {area_name}"


def ep_citation(kb: KnowledgeBase, loc: Locale | None = None) -> str:
    """"BLS Employment Projections 2024-34, United States", the country in the reader's language."""
    country = loc._("United States") if loc is not None else "United States"
    return f"BLS Employment Projections {kb.ep_release}, {country}"


@lru_cache(maxsize=4)
def _figures_by_area(kb: KnowledgeBase) -> dict[str, pd.DataFrame]:
    """Local figures split by area once per process (a boolean filter over 223k rows costs ~10 ms)."""
    return {area: rows.drop(columns="area_code").set_index("oews_code")
            for area, rows in kb.local_figures.groupby("area_code", sort=False)}


def area_figures(kb: KnowledgeBase, area_code: str) -> pd.DataFrame:
    """OEWS figures for one area, indexed by OEWS code (empty if the area publishes none)."""
    region(kb, area_code)
    found = _figures_by_area(kb).get(area_code)
    return found if found is not None else kb.local_figures.iloc[:0].drop(columns="area_code").set_index("oews_code")


SHARED_BASES = ("parent_soc", "bls_aggregate")


@lru_cache(maxsize=4)
def _published_codes(kb: KnowledgeBase) -> frozenset[str]:
    """OEWS codes BLS publishes in at least one area (some, e.g. Fishing and Hunting Workers, in none)."""
    return frozenset(kb.local_figures["oews_code"].dropna().unique())


def _group_titles_es(kb: KnowledgeBase, base: pd.DataFrame) -> pd.Series:
    """The Spanish name of the BLS row whose figures each occupation shows: our title of the O*NET
    occupation it is named after (same title, or the SOC code's .00 occupation), else our name for the
    BLS group (data/bls_group_words.csv), else BLS's English title."""
    spanish = base["title_es"]
    by_title = dict(zip(base["title"], spanish))
    by_soc = {soc: spanish[code] for code, soc in base["soc_code"].items() if code.endswith(".00")}
    groups = words.bls_group_titles()
    out = [by_title.get(title) or by_soc.get(oews) or groups.get(oews) or title
           for title, oews in zip(base["figures_title"], base["oews_code"])]
    return pd.Series(out, index=base.index, dtype="string").where(base["figures_title"].notna())


def soc_title_es(kb: KnowledgeBase, soc_code: str, title: str) -> str:
    """Our Spanish name for a SOC occupation or BLS group named ``title`` in English (``title`` when none)."""
    base, _national = _occupations_with_national(kb)
    if f"{soc_code}.00" in base.index:  # the SOC occupation itself (never one of its specialties)
        return str(base.at[f"{soc_code}.00", "title_es"])
    found = base.loc[base["title"].str.lower() == title.lower(), "title_es"]
    return str(found.iloc[0]) if len(found) else words.bls_group_titles().get(soc_code, title)


@lru_cache(maxsize=4)
def _occupations_with_national(kb: KnowledgeBase) -> tuple[pd.DataFrame, np.ndarray]:
    base = kb.occupations.drop(columns=["onet_code"])
    # Whose figures these are: the occupation's own, or a broader BLS row it shares (never shown as its own).
    base["figures_shared"] = base["wage_basis"].isin(SHARED_BASES).to_numpy(dtype=bool)
    base["all_other"] = base["figures_title"].str.contains(", All Other", regex=False).to_numpy(dtype=bool,
                                                                                                  na_value=False)
    # One key per labour market: occupations sharing a BLS row share a group (unpublished ones stand alone).
    base["figures_group"] = base["oews_code"].fillna(pd.Series(base.index, index=base.index)).astype("string")
    # Names a student may search for: the Spanish title (ours) and other titles O*NET lists, most common first.
    base["title_es"] = kb.occupation_text["title_es"].reindex(base.index).fillna(base["title"])
    base["figures_title_es"] = _group_titles_es(kb, base)
    others = kb.alternate_titles.sort_values(["onet_code", "rank"]).groupby("onet_code")["title"].agg(tuple)
    base["other_titles"] = [others.get(code, ()) for code in base.index]
    national = area_figures(kb, NATIONAL)["employment"].reindex(base["oews_code"].to_numpy())
    return base, national.to_numpy(dtype=np.float64, na_value=np.nan)


@lru_cache(maxsize=64)
def local_occupations(kb: KnowledgeBase, area_code: str) -> pd.DataFrame:
    """Every occupation with its local OEWS figures in ``area_code`` (``in_area`` False where absent).

    Rows follow the occupations table (923); several O*NET specialties share their parent SOC's
    local row, which ``wage_basis`` records. ``local_openings`` scales BLS EP national openings
    by the area's share of national OEWS employment in the occupation. Cached: treat as read-only.
    """
    base, national = _occupations_with_national(kb)
    local = area_figures(kb, area_code)
    figures = local.reindex(base["oews_code"].to_numpy())
    figures.index = base.index
    table = pd.concat([base, figures], axis=1)
    table["in_area"] = base["oews_code"].isin(local.index).to_numpy()
    table["published_anywhere"] = base["oews_code"].isin(_published_codes(kb)).to_numpy()
    share = figures["employment"].to_numpy(dtype=np.float64, na_value=np.nan) / national
    table["local_openings"] = np.round(base["ep_openings_thousands"].to_numpy(dtype=np.float64, na_value=np.nan)
                                       * 1000 * share)
    return table


def figures_for(row: pd.Series) -> dict[str, str] | None:
    """The BLS occupation whose figures this occupation borrows ({code, title}), or None when they are its own."""
    if not row["figures_shared"]:
        return None
    return {"code": str(row["oews_code"]), "title": str(row["figures_title"])}


def group_title(row: pd.Series, lang: str) -> str:
    """The name of the BLS row whose figures an occupation shows, in ``lang`` (Spanish: ours)."""
    if lang == "es" and not pd.isna(row.get("figures_title_es", pd.NA)):
        return str(row["figures_title_es"])
    return str(row["figures_title"])


def figures_label(row: pd.Series, _: Translator, lang: str = "en") -> str:
    """Short words for a table cell: whose jobs and pay are shown ("" when the occupation's own)."""
    if not row["figures_shared"]:
        return ""
    if row["all_other"]:
        return _("BLS group “{group}”").format(group=group_title(row, lang))
    return _("all {group}").format(group=group_title(row, lang))


def figures_note(row: pd.Series, _: Translator, lang: str = "en") -> str:
    """A sentence for pages and reports that says whose jobs and pay are shown ("" when its own)."""
    if not row["figures_shared"]:
        return ""
    if row["all_other"]:
        return _("Jobs and pay are for the whole BLS group “{group}”, which mixes several different occupations; "
                 "BLS does not count this one separately.").format(group=group_title(row, lang))
    return _("Jobs and pay are for all {group}: BLS does not count this specialty separately.").format(
        group=group_title(row, lang))


def absent_text(row: pd.Series, _: Translator, area_name: str) -> str:
    """Why an occupation has no local figures: absent from this area, or published by BLS in no area at all."""
    if not row["published_anywhere"]:
        return _("BLS publishes no jobs or pay for this occupation in any area, not only in {area}.").format(
            area=area_name)
    return _("Not found in {area}: BLS publishes no estimate for this occupation here.").format(area=area_name)


STATUS_TEXT = {
    "not_released": N_("not released"),
    "hourly_only": N_("hourly pay only"),
    "annual_only": N_("yearly pay only"),
    "not_in_area": N_("not found in this area"),
    "top_coded": N_("not published by BLS (above its reporting limit)"),
    "not_published_anywhere": N_("not published by BLS"),
}
# BLS's footnote 5 says a cell's wage is "equal to or greater than $239,200" ($115.00/hr). That is a
# reporting limit, not a cap or a value: the same table publishes higher percentiles beside it (Orthopedic
# Surgeons, Minnesota: 75th percentile $809,530, 90th "≥ $239,200"), so the limit is never shown or drawn.
TOP_CODE_NOTE = N_("“not published by BLS (above its reporting limit)”: BLS gives no figure for this percentile "
                   "here, only that it is above the wage limit BLS reports; it can be far above the percentiles "
                   "beside it.")


def wage_text(column: str, value: float | None, footnote: float | None, in_area: bool, loc: Locale) -> str:
    """A wage as text: "$48,250", "not published by BLS (above its reporting limit)", "not released", "hourly pay only" ..."""
    _ = loc._
    hourly = column.startswith("hourly_")
    if value is not None and not pd.isna(value):
        return loc.money(float(value), cents=hourly) + (_("/hr") if hourly else "")
    status = footnote_status(column, footnote)
    if status is None:
        status = "not_released" if in_area else "not_in_area"
    return _(STATUS_TEXT[status])


def pay_text(row: pd.Series, percentile: str, loc: Locale) -> str:
    """Yearly pay at one percentile ("p25", "median" ...); hourly where BLS publishes only hourly wages.

    A few occupations (actors, dancers, musicians ...) are paid by the hour or the gig, so BLS
    publishes no yearly figure for them: the hourly wage is shown instead of nothing.
    """
    column = f"annual_{percentile}"
    if not row["in_area"] and not row.get("published_anywhere", True):
        return loc._(STATUS_TEXT["not_published_anywhere"])
    if footnote_status(column, row[f"{column}_footnote"]) == "hourly_only":
        hourly = f"hourly_{percentile}"
        return wage_text(hourly, row[hourly], row[f"{hourly}_footnote"], row["in_area"], loc)
    return wage_text(column, row[column], row[f"{column}_footnote"], row["in_area"], loc)


def jobs_text(row: pd.Series, loc: Locale) -> str:
    """Local jobs as text for one occupation row, saying when BLS publishes it in no area at all."""
    if not row["in_area"] and not row.get("published_anywhere", True):
        return loc._(STATUS_TEXT["not_published_anywhere"])
    return employment_text(row["employment"], row["employment_footnote"], row["in_area"], loc)


def employment_text(value: float | None, footnote: float | None, in_area: bool, loc: Locale) -> str:
    if value is not None and not pd.isna(value):
        return loc.count(float(value))
    status = "not_released" if in_area else "not_in_area"
    return loc._(STATUS_TEXT[status])


def shown_titles(rows: pd.DataFrame, lang: str) -> pd.Series:
    """Occupation titles in the reader's language: our Spanish title in Spanish, O*NET's English title otherwise."""
    if lang == "es" and "title_es" in rows.columns:
        return rows["title_es"].fillna(rows["title"])
    return rows["title"]


@dataclass(frozen=True)
class OccupationText:
    """What an occupation is, in the reader's language: its title and our plain-language description."""

    title: str
    description: str  # "" when none is written yet


def occupation_text(kb: KnowledgeBase, code: str, lang: str) -> OccupationText:
    """The title and description of one occupation in ``lang`` ("en" or "es"); English title as a fallback."""
    english = str(kb.occupations.loc[code, "title"])
    row = kb.occupation_text.loc[code]
    title = row["title_es"] if lang == "es" else english
    description = row["description_es"] if lang == "es" else row["description_en"]
    return OccupationText(title=english if pd.isna(title) else str(title),
                          description="" if pd.isna(description) else str(description))


def occupation_titles(kb: KnowledgeBase, lang: str) -> pd.Series:
    """Every occupation's title by code in the reader's language (English where no Spanish title is written)."""
    if lang == "es":
        return kb.occupation_text["title_es"].fillna(kb.occupations["title"])
    return kb.occupations["title"]


def search_matches(rows: pd.DataFrame, search: str, lang: str) -> pd.Series:
    """For each row the search finds, the name it was found by ("" when the shown title itself matches).

    A row matches when its code contains the text, when a title contains it (no case, no accents;
    from three letters on, so "rn" is not found inside "Government"), or when every word of the
    search starts a word of its English title, Spanish title or one of its other titles (see
    :mod:`explorer.text_search`: "enfermera" finds "Enfermeros registrados", "RN" finds "Registered
    Nurse (RN)"). The shown title is the one in the reader's language. Only matching rows, in order.
    """
    needle = text_search.fold(search)

    def matches(name: str) -> bool:
        return (len(needle) >= text_search.SHORT_WORD and needle in text_search.fold(name)) or \
            text_search.name_matches(search, name)

    spanish = rows["title_es"] if "title_es" in rows.columns else rows["title"]
    others = rows["other_titles"] if "other_titles" in rows.columns else pd.Series([()] * len(rows), index=rows.index)
    found = {}
    for code, title, title_es, other_titles in zip(rows.index, rows["title"], spanish, others):
        shown, other = (title_es, title) if lang == "es" else (title, title_es)
        if needle in code or matches(shown):
            found[code] = ""
        elif name := next((n for n in (other, *other_titles) if matches(n)), None):
            found[code] = name
    return pd.Series(found, dtype="string")


def search_ranked(rows: pd.DataFrame, search: str, lang: str) -> pd.Series:
    """:func:`search_matches`, best first: found by the shown title before found by another name,
    then the most jobs in the area (absent ones last), so "RN" opens Registered Nurses first."""
    found = search_matches(rows, search, lang)
    if found.empty:
        return found
    jobs = pd.to_numeric(rows.loc[found.index, "employment"], errors="coerce").fillna(-1)
    order = pd.DataFrame({"other": found != "", "jobs": -jobs, "code": found.index}, index=found.index)
    return found.loc[order.sort_values(["other", "jobs", "code"]).index]


def display_table(table: pd.DataFrame, loc: Locale, search: str = "") -> pd.DataFrame:
    """The occupations list as a student reads it: text cells that never disguise a gap as a number.

    ``search`` keeps the rows :func:`search_matches` finds; a row found by another name says so
    ("Solar Photovoltaic Installers (also called “Solar Electrician”)"). Titles are in the reader's
    language. Rows are sorted by local employment, largest first, with occupations absent from the area last.
    """
    _, lang = loc._, loc.lang
    rows = table
    titles = shown_titles(rows, lang)
    if search.strip():
        found = search_matches(rows, search.strip(), lang)
        rows = rows.loc[found.index]
        titles = pd.Series([_("{title} (also called “{name}”)").format(title=t, name=n) if n else t
                            for t, n in zip(titles.loc[found.index], found)], index=found.index)
    # A BLS group's members sit together, its own occupation first, so shared figures read as one group.
    rows = rows.assign(_own=rows["figures_shared"]).rename_axis("onet_code").sort_values(
        ["in_area", "employment", "figures_group", "_own", "onet_code"], ascending=[False, False, True, True, True],
        na_position="last")
    growth = rows["ep_change_percent"].map(loc.percent)
    return pd.DataFrame({
        _("Code"): rows.index,
        _("Occupation"): titles.reindex(rows.index).to_numpy(),
        _("Jobs and pay for"): [figures_label(row, _, lang) for _c, row in rows.iterrows()],
        _("Local jobs"): [jobs_text(row, loc) for _c, row in rows.iterrows()],
        _("Median yearly wage"): [pay_text(row, "median", loc) for _c, row in rows.iterrows()],
        _("U.S. growth 2024-34"): growth.to_numpy(),
        _("Job zone"): rows["job_zone"].to_numpy(),
    })


def records(table: pd.DataFrame) -> list[dict]:
    """The local table as JSON-ready dicts: missing values are None with a footnote, never 0."""
    out = []
    for code, row in table.iterrows():
        footnotes = {col: footnote_status(col, row[f"{col}_footnote"]) for col in LOCAL_COLUMNS}
        footnotes = {col: status for col, status in footnotes.items() if status}
        if not row["in_area"]:
            footnotes = {"all": "not_in_area" if row["published_anywhere"] else "not_published_anywhere"}
        item = {
            "onet_code": code, "title": row["title"], "oews_code": _plain(row["oews_code"]),
            "wage_basis": row["wage_basis"], "figures_for": figures_for(row), "in_area": bool(row["in_area"]),
            **{col: _plain(row[col]) for col in LOCAL_COLUMNS},
            "footnotes": footnotes,
            "job_zone": _plain(row["job_zone"]),
            "national_change_percent_2024_34": _plain(row["ep_change_percent"]),
            "national_openings_thousands_per_year": _plain(row["ep_openings_thousands"]),
        }
        out.append(item)
    return out


def _plain(value: object) -> object:
    """numpy/pandas scalars -> JSON scalars; pandas NA -> None."""
    if value is None or pd.isna(value):
        return None
    return value.item() if hasattr(value, "item") else value
