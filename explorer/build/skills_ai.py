"""What a job asks of you, and how AI is used in it: four compact tables for issue #14.

* ``skill_ranks``: BLS Employment Projections 2024-34, ``skills.xlsx`` Table 6.5, each EP
  occupation's percentile rank (0-100) on 17 skills. BLS defines the rank as the share of all
  detailed occupations whose skill score is strictly lower. Rows flagged ``[1]`` in the source
  (skills imputed by BLS from similar O*NET occupations) keep that flag as ``imputed``.
* ``work_styles``: O*NET 30.1 ``Work Styles.txt``: per occupation the styles O*NET ranks as most
  distinctive (``DR`` is a rank, 1 = most distinctive; 0 = not ranked), with their impact (``WI``,
  -3..3). Only the style names are kept (short labels), never O*NET's definitions.
* ``ai_applicability``: "Working with AI" (Tomlinson, Jaffe, Wang, Counts, Suri, arXiv:2507.07935,
  2025; CC BY 4.0) joined to each of our O*NET-SOC codes: through its SOC 2018 code where the
  paper has it, else through its OEWS code (a broader BLS group, named in ``ai_title``).
* ``ai_activities``: for each SOC code of the paper, its work activities (O*NET IWAs, id and short
  title) with their weight in the occupation and the activity's share of the AI conversations and
  completion rate (user goals, U.S. Bing Copilot conversations, January-September 2024).
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from explorer.build.sources import BuildError, Sources, onet_file, read_table

SKILL_SHEET = "Table 6.5"
# BLS column name -> our id, in BLS's order (the 17 skills of Table 6.5).
SKILL_IDS = {
    "Adaptability": "adaptability",
    "Computers and information technology": "computers",
    "Creativity and innovation": "creativity",
    "Critical and analytical thinking": "critical_thinking",
    "Customer service": "customer_service",
    "Detail oriented": "detail",
    "Fine motor": "fine_motor",
    "Interpersonal": "interpersonal",
    "Leadership": "leadership",
    "Mathematics": "mathematics",
    "Mechanical": "mechanical",
    "Physical strength and stamina": "physical",
    "Problem solving and decision making": "problem_solving",
    "Project management": "project_management",
    "Science": "science",
    "Speaking and listening": "speaking_listening",
    "Writing and reading": "writing_reading",
}
WORK_STYLES_FILE = "Work Styles.txt"
WORK_STYLES_KEPT = 5
AI_FILES = ["soc_ai_applicability_scores.csv", "soc_metrics.csv", "iwa_metrics.csv", "soc_to_iwas.csv",
            "soc_iwa_weights.csv"]
ONET_CODE = "O*NET-SOC Code"


def skill_ranks(path: Path) -> pd.DataFrame:
    """(ep_code, ep_title, skill, percentile_rank, imputed): 17 rows per EP detailed occupation."""
    if not path.is_file():
        raise BuildError(f"missing source file: {path} (expected BLS EP skills.xlsx with {SKILL_SHEET})")
    try:
        raw = pd.read_excel(path, sheet_name=SKILL_SHEET, header=1, dtype=str, keep_default_na=False)
    except ValueError as exc:
        raise BuildError(f"{path}: no sheet {SKILL_SHEET!r} ({exc})") from exc
    raw.columns = [str(c).strip() for c in raw.columns]
    title_col, code_col = "2024 National Employment Matrix title", "2024 National Employment Matrix code"
    missing = [c for c in [title_col, code_col, *SKILL_IDS] if c not in raw.columns]
    if missing:
        raise BuildError(f"{path} {SKILL_SHEET}: expected column(s) {missing}; found {list(raw.columns)[:19]}")
    rows = raw[raw[code_col].str.fullmatch(r"\d{2}-\d{4}")].copy()
    if len(rows) < 800:
        raise BuildError(f"{path} {SKILL_SHEET}: expected about 832 detailed occupations, found {len(rows)}")
    rows["imputed"] = rows[title_col].str.contains(r"\[1\]", regex=True)
    rows["ep_title"] = rows[title_col].str.replace(r"\[\d+\]", "", regex=True).str.strip()
    long = rows.melt(id_vars=[code_col, "ep_title", "imputed"], value_vars=list(SKILL_IDS), var_name="bls_skill",
                     value_name="percentile_rank")
    ranks = pd.to_numeric(long["percentile_rank"], errors="coerce")
    if ranks.isna().any() or not ranks.between(0, 100).all():
        raise BuildError(f"{path} {SKILL_SHEET}: percentile ranks must be whole numbers 0-100")
    out = pd.DataFrame({"ep_code": long[code_col], "ep_title": long["ep_title"], "skill": long["bls_skill"].map(SKILL_IDS),
                        "percentile_rank": ranks.astype("int8"), "imputed": long["imputed"].astype(bool)})
    order = {skill: i for i, skill in enumerate(SKILL_IDS.values())}
    out = out.sort_values(["ep_code", "skill"], key=lambda s: s.map(order) if s.name == "skill" else s)
    return out.reset_index(drop=True).astype({"ep_code": "string", "ep_title": "string", "skill": "string"})


def work_styles(sources: Sources, codes: pd.Index) -> pd.DataFrame:
    """(onet_code, rank, element_id, name, distinctiveness, impact): the most distinctive styles."""
    raw = onet_file(sources, WORK_STYLES_FILE, [ONET_CODE, "Element ID", "Element Name", "Scale ID", "Data Value"])
    raw = raw[raw[ONET_CODE].isin(codes)]
    wide = raw.pivot_table(index=[ONET_CODE, "Element ID", "Element Name"], columns="Scale ID",
                           values="Data Value", aggfunc="first").reset_index()
    if not {"DR", "WI"} <= set(wide.columns):
        raise BuildError(f"{sources.onet_dir / WORK_STYLES_FILE}: expected scales DR and WI")
    wide["distinctiveness"] = pd.to_numeric(wide["DR"]).astype("int8")
    wide["impact"] = pd.to_numeric(wide["WI"]).astype("float32")
    # DR is a rank: 1 is the style that sets the job most apart (every ranked job has a 1; fewer have
    # a 6 or a 10). Keeping the highest DR values kept the least distinctive ones for 335 occupations.
    wide = wide[wide["distinctiveness"] > 0].sort_values([ONET_CODE, "distinctiveness", "impact"],
                                                        ascending=[True, True, False], kind="stable")
    wide["rank"] = (wide.groupby(ONET_CODE).cumcount() + 1).astype("int8")
    kept = wide[wide["rank"] <= WORK_STYLES_KEPT]
    out = kept.rename(columns={ONET_CODE: "onet_code", "Element ID": "element_id", "Element Name": "name"})
    out = out[["onet_code", "rank", "element_id", "name", "distinctiveness", "impact"]].reset_index(drop=True)
    return out.astype({"onet_code": "string", "element_id": "string", "name": "string"})


def _ai_csv(ai_dir: Path, name: str, columns: list[str]) -> pd.DataFrame:
    return read_table(ai_dir / name, columns, what=f"the 'Working with AI' results file {name!r}")


def ai_applicability(ai_dir: Path, occupations: pd.DataFrame) -> pd.DataFrame:
    """One row per O*NET-SOC code: the paper's score, its percentile among the paper's 785 codes,
    and which code it came from (``ai_basis``: exact / parent_soc / bls_aggregate)."""
    scores = _ai_csv(ai_dir, "soc_ai_applicability_scores.csv", ["SOC Code", "title", "ai_applicability_score"])
    metrics = _ai_csv(ai_dir, "soc_metrics.csv", ["SOC Code", "coverage_user", "completion_user"])
    scores["score"] = pd.to_numeric(scores["ai_applicability_score"])
    values = scores["score"].to_numpy()
    # Same definition as BLS's skill ranks: the share of the paper's occupations with a strictly lower score.
    scores["percentile"] = [round(100 * (values < v).sum() / len(values)) for v in values]
    scores = scores.merge(metrics[["SOC Code", "coverage_user", "completion_user"]], on="SOC Code", how="left")
    by_code = scores.set_index("SOC Code")
    occ = occupations.reset_index(drop=True)
    own = occ["soc_code"].isin(by_code.index)
    group = ~own & occ["oews_code"].isin(by_code.index)
    ai_code = occ["soc_code"].where(own, occ["oews_code"].where(group))
    basis = pd.Series("not_published", index=occ.index)
    basis[own] = [("exact" if str(c).endswith(".00") else "parent_soc") for c in occ.loc[own, "onet_code"]]
    basis[group] = "bls_aggregate"
    found = ai_code.notna()
    picked = by_code.reindex(ai_code[found])
    out = pd.DataFrame({
        "onet_code": occ.loc[found, "onet_code"].to_numpy(),
        "ai_code": ai_code[found].to_numpy(),
        "ai_basis": basis[found].to_numpy(),
        "ai_title": picked["title"].to_numpy(),
        "score": picked["score"].astype("float32").to_numpy(),
        "percentile": picked["percentile"].astype("int8").to_numpy(),
        "coverage_user": pd.to_numeric(picked["coverage_user"]).astype("float32").to_numpy(),
        "completion_user": pd.to_numeric(picked["completion_user"]).astype("float32").to_numpy(),
    })
    return out.astype({"onet_code": "string", "ai_code": "string", "ai_basis": "string", "ai_title": "string"})


def ai_activities(ai_dir: Path) -> pd.DataFrame:
    """(soc_code, iwa_id, iwa_title, weight, share_user, completion_user) for every SOC-IWA pair."""
    pairs = _ai_csv(ai_dir, "soc_to_iwas.csv", ["SOC Code", "IWA"])
    iwas = _ai_csv(ai_dir, "iwa_metrics.csv", ["IWA", "title", "share_user", "completion_user"])
    weights = pd.read_csv(ai_dir / "soc_iwa_weights.csv", dtype={"SOC Code": str}).set_index("SOC Code")
    unknown = sorted(set(pairs["IWA"]) - set(iwas["IWA"]))
    if unknown:
        raise BuildError(f"{ai_dir / 'soc_to_iwas.csv'}: IWA ids not in iwa_metrics.csv: {unknown[:5]}")
    stacked = weights.stack()
    stacked.index.names = ["SOC Code", "IWA"]
    out = pairs.merge(iwas, on="IWA", how="left")
    out["weight"] = [float(stacked.get((s, i), 0.0)) for s, i in zip(out["SOC Code"], out["IWA"])]
    out = pd.DataFrame({
        "soc_code": out["SOC Code"], "iwa_id": out["IWA"],
        # The paper's IWA titles are short O*NET labels; the trailing full stop is dropped.
        "iwa_title": out["title"].str.strip().str.rstrip("."),
        "weight": out["weight"].astype("float32"),
        "share_user": pd.to_numeric(out["share_user"]).astype("float32"),
        "completion_user": pd.to_numeric(out["completion_user"]).astype("float32"),
    }).sort_values(["soc_code", "iwa_id"]).reset_index(drop=True)
    return out.astype({"soc_code": "string", "iwa_id": "string", "iwa_title": "string"})
