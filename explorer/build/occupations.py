"""The occupations table: one row per O*NET-SOC code with interest data (923 in O*NET 30.1).

Joins O*NET interests, job zones, education, titles and related occupations with the BLS codes
that publish wages (OEWS) and projections (EP), the Bright Outlook list and career clusters.
Only facts and figures are kept; O*NET's descriptive sentences stay out of the project.
"""
from __future__ import annotations

import pandas as pd

from explorer.build.sources import BuildError, Sources, onet_file, read_table
from explorer.riasec import THEMES

ONET_CODE = "O*NET-SOC Code"
# O*NET element ids of the six Occupational Interest (OI) scores and the three high points (IH).
OI_ELEMENTS = dict(zip(["1.B.1.a", "1.B.1.b", "1.B.1.c", "1.B.1.d", "1.B.1.e", "1.B.1.f"], THEMES))
HIGH_POINT_ELEMENTS = {"1.B.1.g": "high_point_1", "1.B.1.h": "high_point_2", "1.B.1.i": "high_point_3"}
HIGH_POINT_LETTERS = {"0": "", "1": "R", "2": "I", "3": "A", "4": "S", "5": "E", "6": "C"}

EP_COLUMNS = {
    "2024 National Employment Matrix code": "ep_code",
    "Occupation type": "ep_type",
    "Employment, 2024": "ep_employment_2024_thousands",
    "Employment, 2034": "ep_employment_2034_thousands",
    "Employment change, numeric, 2024–34": "ep_change_thousands",
    "Employment change, percent, 2024–34": "ep_change_percent",
    "Occupational openings, 2024–34 annual average": "ep_openings_thousands",
    "Typical education needed for entry": "ep_typical_education",
    "Work experience in a related occupation": "ep_work_experience",
    "Typical on-the-job training needed to attain competency in the occupation": "ep_training",
}
EP_NUMBERS = ["ep_employment_2024_thousands", "ep_employment_2034_thousands", "ep_change_thousands",
              "ep_change_percent", "ep_openings_thousands"]


def interests(sources: Sources) -> pd.DataFrame:
    """Six OI scores (1-7) and the three high-point letters per O*NET code."""
    raw = onet_file(sources, "Interests.txt", [ONET_CODE, "Element ID", "Scale ID", "Data Value"])
    oi = raw[raw["Scale ID"] == "OI"]
    if oi.empty:
        raise BuildError(f"{sources.onet_dir / 'Interests.txt'}: no rows with Scale ID 'OI' (expected 6 per occupation)")
    scores = oi.pivot(index=ONET_CODE, columns="Element ID", values="Data Value")
    missing = [e for e in OI_ELEMENTS if e not in scores.columns]
    if missing:
        raise BuildError(f"{sources.onet_dir / 'Interests.txt'}: OI element(s) {missing} missing")
    scores = scores[list(OI_ELEMENTS)].rename(columns=OI_ELEMENTS).astype("float64")
    ih = raw[(raw["Scale ID"] == "IH") & raw["Element ID"].isin(HIGH_POINT_ELEMENTS)]
    high = ih.pivot(index=ONET_CODE, columns="Element ID", values="Data Value").rename(columns=HIGH_POINT_ELEMENTS)
    high = high.apply(lambda col: col.str.split(".").str[0].map(HIGH_POINT_LETTERS))
    return scores.join(high[list(HIGH_POINT_ELEMENTS.values())], how="left")


def education_summary(sources: Sources) -> pd.DataFrame:
    """Summarise O*NET's required-education (RL) distribution: most common level and shares."""
    raw = onet_file(sources, "Education, Training, and Experience.txt",
                    [ONET_CODE, "Scale ID", "Category", "Data Value"])
    rl = raw[raw["Scale ID"] == "RL"].copy()
    rl["category"] = rl["Category"].astype(int)
    rl["pct"] = rl["Data Value"].astype(float)
    rl = rl.sort_values([ONET_CODE, "pct", "category"], ascending=[True, False, True])
    mode = rl.groupby(ONET_CODE).first()[["category", "pct"]]
    mode.columns = ["onet_education_mode", "onet_education_mode_pct"]
    shares = rl.assign(post=rl["pct"].where(rl["category"] >= 3, 0.0),
                       bachelor=rl["pct"].where(rl["category"] >= 6, 0.0))
    shares = shares.groupby(ONET_CODE)[["post", "bachelor"]].sum().round(2)
    shares.columns = ["onet_education_pct_postsecondary", "onet_education_pct_bachelor_plus"]
    out = mode.join(shares)
    out["onet_education_mode"] = out["onet_education_mode"].astype("Int8")
    return out


def projections(sources: Sources) -> pd.DataFrame:
    """BLS EP 2024-34 line items, keyed by EP code. Accepts the tidy CSV or the original xlsx."""
    if sources.ep.suffix.lower() == ".xlsx":
        if not sources.ep.is_file():
            raise BuildError(f"missing source file: {sources.ep} (expected BLS EP occupation.xlsx)")
        try:
            raw = pd.read_excel(sources.ep, sheet_name="Table 1.2", header=1, dtype=str, keep_default_na=False)
        except ValueError as exc:
            raise BuildError(f"{sources.ep}: no sheet 'Table 1.2' ({exc})") from exc
        raw.columns = [str(c).strip() for c in raw.columns]
        missing = [c for c in EP_COLUMNS if c not in raw.columns]
        if missing:
            raise BuildError(f"{sources.ep}: expected column(s) {missing} in sheet 'Table 1.2'")
    else:
        raw = read_table(sources.ep, list(EP_COLUMNS), what="BLS EP Table 1.2 (2024-34) as CSV")
    ep = raw[list(EP_COLUMNS)].rename(columns=EP_COLUMNS)
    ep = ep[ep["ep_type"] == "Line item"].drop(columns="ep_type")
    if ep.empty:
        raise BuildError(f"{sources.ep}: no 'Line item' rows (expected 832 detailed occupations)")
    for col in EP_NUMBERS:
        # "—" marks a value BLS did not publish.
        ep[col] = pd.to_numeric(ep[col].replace("—", None), errors="raise").astype("Float64")
    for col in ["ep_typical_education", "ep_work_experience", "ep_training"]:
        ep[col] = ep[col].replace("—", None)
    return ep.set_index("ep_code")


def bright_outlook(sources: Sources) -> pd.DataFrame:
    raw = read_table(sources.bright_outlook, ["Code", "Categories"], what="O*NET Bright Outlook CSV")
    return raw.rename(columns={"Code": "onet_code", "Categories": "bright_outlook_categories"}).set_index("onet_code")[
        ["bright_outlook_categories"]
    ]


def cluster_rows(sources: Sources) -> pd.DataFrame:
    """Advance CTE cluster and sub-cluster rows, keyed by SOC/BLS code (one code may have several)."""
    raw = read_table(sources.clusters, ["SOC Code", "Career Cluster", "Sub-Cluster"],
                     what="Advance CTE SOC - Career Cluster - Sub-Cluster crosswalk as CSV")
    return raw.rename(columns={"SOC Code": "cluster_code", "Career Cluster": "cluster", "Sub-Cluster": "subcluster"})[
        ["cluster_code", "cluster", "subcluster"]
    ]


def build_occupations(sources: Sources) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Return (occupations, clusters, related) tables, each keyed by ``onet_code``."""
    scores = interests(sources)
    titles = onet_file(sources, "Occupation Data.txt", [ONET_CODE, "Title"]).set_index(ONET_CODE)["Title"]
    zones = onet_file(sources, "Job Zones.txt", [ONET_CODE, "Job Zone"]).set_index(ONET_CODE)["Job Zone"]
    crosswalk = read_table(sources.crosswalk, ["onetsoc_code", "soc2018_code", "oews_code", "oews_match",
                                                "ep_code", "ep_match"], what="O*NET-SOC to OEWS/EP code crosswalk")
    crosswalk = crosswalk.set_index("onetsoc_code")

    occ = scores.copy()
    occ.index.name = "onet_code"
    unknown = occ.index.difference(titles.index)
    if len(unknown):
        raise BuildError(f"Interests.txt has codes missing from Occupation Data.txt: {list(unknown[:5])}")
    occ.insert(0, "title", titles.reindex(occ.index))
    occ.insert(1, "soc_code", occ.index.str[:7])
    cw = crosswalk.reindex(occ.index)
    if cw["soc2018_code"].isna().any():
        raise BuildError(f"{sources.crosswalk}: no row for {list(occ.index[cw['soc2018_code'].isna()][:5])}")
    bad_soc = cw.index[cw["soc2018_code"] != occ["soc_code"]]
    if len(bad_soc):
        raise BuildError(f"{sources.crosswalk}: soc2018_code is not the O*NET code's first 7 characters for {list(bad_soc[:5])}")
    occ["oews_code"] = cw["oews_code"].replace("", None)
    # Where the wage row is not this exact occupation: a parent SOC (.01/.02 specialties) or a BLS aggregate.
    occ["wage_basis"] = cw["oews_match"]
    specialty = ~occ.index.str.endswith(".00") & (cw["oews_match"] == "exact")
    occ.loc[specialty, "wage_basis"] = "parent_soc"
    occ["ep_code"] = cw["ep_code"].replace("", None)
    occ["ep_basis"] = cw["ep_match"]
    occ.loc[~occ.index.str.endswith(".00") & (cw["ep_match"] == "exact"), "ep_basis"] = "parent_soc"
    occ["holland_code"] = occ["high_point_1"] + occ["high_point_2"].fillna("") + occ["high_point_3"].fillna("")
    occ["job_zone"] = pd.to_numeric(zones.reindex(occ.index)).astype("Int8")
    occ = occ.join(education_summary(sources))

    ep = projections(sources)
    occ = occ.join(ep, on="ep_code")
    occ = occ.join(bright_outlook(sources))
    occ["bright_outlook"] = occ["bright_outlook_categories"].notna()

    clusters = cluster_rows(sources)
    key = occ["ep_code"].fillna(occ["soc_code"]).rename("cluster_code").reset_index()
    long = key.merge(clusters, on="cluster_code", how="inner")[["onet_code", "cluster", "subcluster"]]
    # Primary cluster: the one with the most sub-cluster rows for this code (ties: file order).
    counts = long.groupby(["onet_code", "cluster"], sort=False).size().rename("n").reset_index()
    primary = counts.sort_values("n", ascending=False, kind="stable").groupby("onet_code").first()["cluster"]
    occ["career_cluster"] = primary.reindex(occ.index)
    first_sub = long.merge(primary.reset_index(), on=["onet_code", "cluster"]).groupby("onet_code").first()["subcluster"]
    occ["career_subcluster"] = first_sub.reindex(occ.index)

    related_raw = onet_file(sources, "Related Occupations.txt",
                            [ONET_CODE, "Related O*NET-SOC Code", "Relatedness Tier", "Index"])
    related = related_raw.rename(columns={ONET_CODE: "onet_code", "Related O*NET-SOC Code": "related_code",
                                          "Relatedness Tier": "tier", "Index": "rank"})
    related["rank"] = related["rank"].astype("int8")
    related = related[related["onet_code"].isin(occ.index)].reset_index(drop=True)

    for col in ["title", "soc_code", "oews_code", "wage_basis", "ep_code", "ep_basis", "high_point_1", "high_point_2",
                "high_point_3", "holland_code", "ep_typical_education", "ep_work_experience", "ep_training",
                "bright_outlook_categories", "career_cluster", "career_subcluster"]:
        occ[col] = occ[col].astype("string")
    occ = occ.sort_index().reset_index()
    long = long.drop_duplicates().sort_values(["onet_code", "cluster", "subcluster"]).reset_index(drop=True)
    return occ, long.astype("string"), related.astype({"onet_code": "string", "related_code": "string", "tier": "string"})
