"""Where a student lives -> the OEWS May 2025 area, from ZIP (ZCTA) or town, plus county points.

Reads ``../shared/data/geo`` (see its PROVENANCE.md): the Census 2020 ZCTA-to-county parts with
their OEWS area, the Census 2023 Gazetteer ZCTA and county internal points, and GeoNames towns
(population >= 500, CC BY 4.0: credit "GeoNames" wherever a town is shown). Only facts are kept:
codes, land shares, points and names.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from explorer.build.sources import BuildError, read_table

GEO_INPUTS = ["zcta_to_county_2020rel.csv", "zip_primary_county_oews.csv", "us_places_geonames_oews.csv",
              "oews_county_to_area_m2025.csv"]


def zip_areas(geo_dir: Path, known_areas: set[str]) -> pd.DataFrame:
    """One row per (ZCTA, OEWS area) with the share of the ZCTA's land in that area, largest first.

    A ZIP that spans several areas (4,650 do) offers the choice; ``lat``/``lon`` are the ZCTA's
    Census internal point (for distances to other areas).
    """
    parts = read_table(geo_dir / "zcta_to_county_2020rel.csv", ["zcta", "county_fips", "land_share", "oews_area_code"],
                       what="ZCTA-to-county relationship with OEWS areas")
    points = read_table(geo_dir / "zip_primary_county_oews.csv", ["zcta", "state_abbr", "lat", "lon"],
                        what="ZCTA primary county and internal point")
    # American Samoa and the N. Mariana Islands have no OEWS area.
    parts = parts.loc[parts["oews_area_code"] != "", ["zcta", "oews_area_code", "land_share"]].copy()
    parts["land_share"] = pd.to_numeric(parts["land_share"], errors="raise")
    unknown = set(parts["oews_area_code"]) - known_areas
    if unknown:
        raise BuildError(f"{geo_dir / 'zcta_to_county_2020rel.csv'}: OEWS area codes not in the OEWS area list: "
                         f"{sorted(unknown)[:5]}")
    areas = parts.groupby(["zcta", "oews_area_code"], as_index=False)["land_share"].sum()
    areas = areas.merge(points[["zcta", "state_abbr", "lat", "lon"]], on="zcta", how="left")
    if areas["lat"].isna().any():
        raise BuildError(f"{geo_dir / 'zip_primary_county_oews.csv'}: no point for ZCTA(s) "
                         f"{sorted(areas.loc[areas['lat'].isna(), 'zcta'])[:5]}")
    areas = areas.rename(columns={"oews_area_code": "area_code", "state_abbr": "state"})
    areas["land_share"] = areas["land_share"].round(4)
    for col in ("lat", "lon"):
        areas[col] = pd.to_numeric(areas[col]).round(4)
    areas = areas.sort_values(["zcta", "land_share", "area_code"], ascending=[True, False, True]).reset_index(drop=True)
    return areas.astype({"zcta": "string", "area_code": "string", "state": "string"})[
        ["zcta", "state", "area_code", "land_share", "lat", "lon"]]


def towns(geo_dir: Path, known_areas: set[str]) -> pd.DataFrame:
    """GeoNames places (population >= 500) with their state, point and OEWS area (via the nearest ZCTA)."""
    raw = read_table(geo_dir / "us_places_geonames_oews.csv",
                     ["geonameid", "name", "state_abbr", "lat", "lon", "population", "oews_area_code"],
                     what="GeoNames US places with OEWS areas")
    raw = raw[raw["oews_area_code"].isin(known_areas)]
    out = pd.DataFrame({
        "geonameid": pd.to_numeric(raw["geonameid"]).astype("int64"),
        "name": raw["name"].astype("string"), "state": raw["state_abbr"].astype("string"),
        "lat": pd.to_numeric(raw["lat"]).round(4), "lon": pd.to_numeric(raw["lon"]).round(4),
        "population": pd.to_numeric(raw["population"]).astype("int64"),
        "area_code": raw["oews_area_code"].astype("string"),
    })
    return out.sort_values(["population", "geonameid"], ascending=[False, True]).reset_index(drop=True)


def county_points(geo_dir: Path, known_areas: set[str]) -> pd.DataFrame:
    """Each county's Census internal point and OEWS area: distance to an area = to its nearest county."""
    raw = read_table(geo_dir / "oews_county_to_area_m2025.csv", ["county_fips", "oews_area_code", "county_lat",
                                                                  "county_lon"], what="county to OEWS area")
    unknown = set(raw["oews_area_code"]) - known_areas
    if unknown:
        raise BuildError(f"{geo_dir / 'oews_county_to_area_m2025.csv'}: unknown OEWS area codes {sorted(unknown)[:5]}")
    return pd.DataFrame({
        "county_fips": raw["county_fips"].astype("string"), "area_code": raw["oews_area_code"].astype("string"),
        "lat": pd.to_numeric(raw["county_lat"]).round(4), "lon": pd.to_numeric(raw["county_lon"]).round(4),
    }).sort_values("county_fips").reset_index(drop=True)
