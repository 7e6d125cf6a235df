"""Where a student lives: a ZIP code or a town name -> the OEWS area whose jobs and pay they see.

Students do not know BLS area names ("Central Louisiana nonmetropolitan area"); they know their
ZIP code or town. A ZIP is a Census ZCTA (2020); one that spans several OEWS areas offers each,
the area holding most of its land first. PO-box ZIPs have no ZCTA, so an unknown ZIP points to
town search. Towns are GeoNames places with at least 500 people (CC BY 4.0, credited where shown).
Distances are great-circle miles from the student's point to the nearest county point of an area.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from explorer.data import KnowledgeBase
from explorer.i18n import N_

EARTH_RADIUS_MILES = 3958.8
MAX_TOWNS = 8
GEONAMES_CREDIT = N_("Town names and points: GeoNames (geonames.org), CC BY 4.0.")

PROBLEMS = {
    "empty": N_("Type your 5-digit ZIP code or the name of your town."),
    "zip_format": N_("A ZIP code has 5 digits, like 71301. Check it, or type the name of your town."),
    "zip_unknown": N_("We don't know the ZIP code {text} (PO-box ZIP codes are not on the map). Type the name of "
                      "your town instead."),
    "town_unknown": N_("No town called “{text}” with 500 people or more. Check the spelling, add the state "
                       "(e.g. Pineville, LA), or type your ZIP code."),
}


@dataclass(frozen=True)
class Place:
    """One answer to "where do you live?": a point and the OEWS area it belongs to."""

    key: str  # "z:71301" or "t:4337291": kept in the page address so a refresh keeps the place
    label: str  # "ZIP 71301 (LA)", "Pineville, LA"
    area_code: str
    lat: float
    lon: float
    share: float = 1.0  # for a ZIP: the share of its land in this area


@dataclass(frozen=True)
class Lookup:
    places: list[Place]
    problem: str | None = None  # a key of PROBLEMS
    text: str = ""


def _fold(text: str) -> str:
    """Case- and accent-insensitive form for matching town names (Doña Ana = dona ana)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold().strip()


@lru_cache(maxsize=4)
def _folded_names(kb: KnowledgeBase) -> pd.Series:
    """Every town name folded once per process (folding 21,783 names costs ~20 ms)."""
    return kb.towns["name"].map(_fold)


def zip_places(kb: KnowledgeBase, zcta: str) -> list[Place]:
    rows = kb.zip_areas[kb.zip_areas["zcta"] == zcta]
    return [Place(key=f"z:{zcta}", label=f"ZIP {zcta} ({row.state})", area_code=str(row.area_code),
                  lat=float(row.lat), lon=float(row.lon), share=float(row.land_share))
            for row in rows.itertuples()]


def _town_place(row) -> Place:
    return Place(key=f"t:{row.geonameid}", label=f"{row.name}, {row.state}", area_code=str(row.area_code),
                 lat=float(row.lat), lon=float(row.lon))


def town_places(kb: KnowledgeBase, text: str, limit: int = MAX_TOWNS) -> list[Place]:
    """Towns whose name matches (exactly first, then starting with the text), largest first."""
    name, _comma, state = text.partition(",")
    towns, folded = kb.towns, _folded_names(kb)
    if state.strip():
        keep = (towns["state"].str.upper() == state.strip().upper()).to_numpy(dtype=bool)
        towns, folded = towns[keep], folded[keep]
    needle = _fold(name)
    exact = towns[folded == needle]
    starts = towns[folded.str.startswith(needle) & (folded != needle)]
    return [_town_place(row) for row in pd.concat([exact, starts]).head(limit).itertuples()]


def lookup(kb: KnowledgeBase, text: str) -> Lookup:
    """A ZIP code or a town name -> candidate places, or the problem in words a student can act on."""
    text = (text or "").strip()
    if not text:
        return Lookup([], "empty", text)
    if re.fullmatch(r"\d{5}", text):
        found = zip_places(kb, text)
        return Lookup(found, None if found else "zip_unknown", text)
    if re.fullmatch(r"[\d\s-]+", text):
        return Lookup([], "zip_format", text)
    found = town_places(kb, text)
    return Lookup(found, None if found else "town_unknown", text)


def resolve(kb: KnowledgeBase, key: str | None, area_code: str | None = None) -> Place | None:
    """A place from its key (as kept in the URL), in the given area when a ZIP spans several."""
    if not key or ":" not in key:
        return None
    kind, ident = key.split(":", 1)
    if kind == "z":
        candidates = zip_places(kb, ident)
    elif kind == "t" and ident.isdigit():
        rows = kb.towns[kb.towns["geonameid"] == int(ident)]
        candidates = [_town_place(row) for row in rows.itertuples()]
    else:
        return None
    for place in candidates:
        if area_code is None or place.area_code == area_code:
            return place
    return None


def miles(lat: float, lon: float, lats: np.ndarray, lons: np.ndarray) -> np.ndarray:
    """Great-circle (haversine) distance in miles from one point to many."""
    lats, lons = np.asarray(lats, dtype=float), np.asarray(lons, dtype=float)
    phi1, phi2 = np.radians(lat), np.radians(lats)
    dphi, dlmb = phi2 - phi1, np.radians(lons - lon)
    a = np.sin(dphi / 2) ** 2 + np.cos(phi1) * np.cos(phi2) * np.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_MILES * np.arcsin(np.sqrt(a))


@lru_cache(maxsize=4)
def _published_in(kb: KnowledgeBase) -> dict[str, pd.Series]:
    """Per OEWS code, employment by metro and nonmetro area where BLS publishes it (built once per
    process: filtering 223,000 figures for each row of a results page cost 20 ms a row)."""
    local_kinds = set(kb.regions.index[kb.regions["kind"].isin(["metropolitan", "nonmetropolitan"])])
    figures = kb.local_figures[kb.local_figures["area_code"].isin(local_kinds)]
    return {str(code): rows.set_index("area_code")["employment"] for code, rows in figures.groupby("oews_code")}


@lru_cache(maxsize=2048)
def _miles_to_areas(kb: KnowledgeBase, lat: float, lon: float) -> pd.Series:
    """Miles from one point to every area's nearest county point, by area code (once per place)."""
    counties = kb.county_points
    distance = miles(lat, lon, counties["lat"].to_numpy(float), counties["lon"].to_numpy(float))
    return pd.Series(distance, index=counties["area_code"].to_numpy()).groupby(level=0).min()


def warm(kb: KnowledgeBase) -> None:
    """Build the nearest-area index before the first student asks (``serve`` calls it)."""
    _published_in(kb)


def nearest_areas(kb: KnowledgeBase, oews_code: str | None, place: Place, limit: int = 3) -> pd.DataFrame:
    """The metro and nonmetro areas nearest the student where BLS publishes the occupation, with miles.

    Distance is to the area's nearest county point (an area can be large). Returns area_code,
    name, miles and employment, nearest first; empty when BLS publishes the occupation nowhere.
    """
    columns = ["area_code", "name", "miles", "employment"]
    jobs = _published_in(kb).get(oews_code) if oews_code is not None else None
    if jobs is None:
        return pd.DataFrame(columns=columns)
    distance = _miles_to_areas(kb, place.lat, place.lon).reindex(jobs.index.drop(place.area_code, errors="ignore"))
    nearest = distance.dropna().nsmallest(limit)
    if nearest.empty:
        return pd.DataFrame(columns=columns)
    return pd.DataFrame({"area_code": nearest.index, "name": kb.regions.loc[nearest.index, "name"].to_numpy(),
                         "miles": nearest.round().astype(int).to_numpy(),
                         "employment": jobs.reindex(nearest.index).to_numpy()})
