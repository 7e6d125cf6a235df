"""Build from the job back: which local jobs a district's catalog prepares students for, and the gaps.

The audit covers occupations found in the area whose typical entry needs at most an associate's
degree (BLS EP) or an apprenticeship. A job is *in demand* when its estimated local openings are at
least ``in_demand_openings`` a year (a district setting, default 20) and its local median pay is at or
above the area's median for all occupations. Student counts come from finished, confident quiz
profiles and are hidden below the district's minimum (``privacy.min_group()``).

Rows are BLS occupations, counted once. Where the BLS row is an "all other" group (several
different O*NET occupations pooled, e.g. "Installation, Maintenance, and Repair Workers, All
Other"), its openings and pay belong to no one of them: such rows are marked, never called "in
demand", and listed after the others.
"""
from __future__ import annotations

import pandas as pd

from explorer import exports, labor, privacy, settings, training
from explorer.data import KnowledgeBase
from explorer.pathways import SUB_ASSOCIATE_EDUCATION, Catalog, codes


def _linked(rows, attribute: str) -> set[str]:
    return {code for row in rows for code in codes(getattr(row, attribute))}


def reachable(kb: KnowledgeBase, area_code: str) -> pd.DataFrame:
    """Local occupations open with at most an associate's degree or through an apprenticeship.

    One row per BLS code (O*NET specialties share their parent's figures): the occupation whose
    own figures they are leads (else the first code), and ``members`` lists every O*NET title in it.
    """
    local = labor.local_occupations(kb, area_code)
    ok = local["in_area"] & (local["ep_typical_education"].isin(SUB_ASSOCIATE_EDUCATION)
                             | (local["ep_training"] == "Apprenticeship"))
    rows = local[ok].sort_index().assign(_own=lambda t: t["wage_basis"] != "exact")
    rows = rows.sort_values(["oews_code", "_own"], kind="stable")
    members = rows.groupby("oews_code")["title"].apply(list)
    rows = rows[~rows["oews_code"].duplicated()].drop(columns="_own").sort_index()
    return rows.assign(members=rows["oews_code"].map(members))


def audit(kb: KnowledgeBase, catalog: Catalog, area_code: str,
          student_counts: dict[str, int] | None = None) -> pd.DataFrame:
    """One row per reachable local job: demand, pay, what the catalog offers toward it, training made
    nearby (public data), and gaps.

    ``training_awards`` counts the awards (certificates and degrees, first majors) colleges within the
    district's training radius of the area's middle made in 2023-24 in the programs the NCES crosswalk
    links to the job (every SOC code of the row's BLS group, each program once); ``training_colleges``
    counts those colleges. A graduate can count under several jobs, so the column does not add up.
    """
    rows = reachable(kb, area_code)
    area_median = kb.regions.loc[area_code, "all_occupations_annual_median"]
    program_socs = {p.code: set(codes(p.soc_codes)) for p in catalog.programs}
    de_socs = {s for c in catalog.dual_enrollment for p in codes(c.program_codes) for s in program_socs.get(p, set())}
    offers = {"program": set().union(*program_socs.values()) if program_socs else set(),
              "dual_enrollment": de_socs,
              "work_based_learning": _linked(catalog.work_based_learning, "soc_codes"),
              "credential": _linked(catalog.credentials, "soc_codes")}
    table = pd.DataFrame(index=rows.index)
    table["title"] = rows["title"]
    table["soc_code"] = rows["oews_code"]
    table["figures_for"] = rows["figures_title"].where(rows["figures_shared"])
    table["all_other"] = rows["all_other"].to_numpy(dtype=bool)
    table["members"] = rows["members"]
    table["local_openings"] = rows["local_openings"]
    table["annual_median"] = rows["annual_median"]
    table["entry_education"] = rows["ep_typical_education"]
    table["in_demand"] = (rows["local_openings"] >= settings.current().in_demand_openings).to_numpy() & (
        rows["annual_median"].astype("Float64") >= area_median).fillna(False).to_numpy(dtype=bool) & ~table["all_other"]
    for name, socs in offers.items():
        table[f"has_{name}"] = [bool({soc, o} & socs) for soc, o in zip(rows["soc_code"], rows["oews_code"])]
    flags = table[[f"has_{n}" for n in offers]]
    table["complete_pathway"] = flags.all(axis=1)
    table["gap"] = "none"
    table.loc[table["in_demand"] & ~table["complete_pathway"], "gap"] = "incomplete"
    table.loc[table["in_demand"] & ~flags.any(axis=1), "gap"] = "no_pathway"
    origin = training.origin_of(kb, None, area_code)
    local = labor.local_occupations(kb, area_code)
    group_socs = local.groupby("oews_code")["soc_code"].agg(set)
    table["local_employment"] = rows["employment"]
    if origin is not None:
        supply = training.supply_near(kb, origin)
        made = [training.supply_for(kb, supply, set(group_socs.get(o, {soc})) | {soc})
                for soc, o in zip(rows["soc_code"], rows["oews_code"], strict=True)]
        table["training_awards"] = [awards for awards, _colleges in made]
        table["training_colleges"] = [colleges for _awards, colleges in made]
        table["no_training_nearby"] = table["in_demand"] & (table["training_awards"] == 0)
    counts = student_counts or {}
    table["students"] = [counts.get(code, 0) for code in table.index]
    k = privacy.min_group()
    table["students_shown"] = ["" if n == 0 else privacy.shown(n, privacy.small(n, k), k) for n in table["students"]]
    order = table["in_demand"].astype(int) * 2 + (table["gap"] != "none").astype(int) - table["all_other"].astype(int) * 10
    return table.assign(_o=order).sort_values(["_o", "local_openings", "annual_median"],
                                              ascending=False, na_position="last").drop(columns="_o")


def in_demand_socs(kb: KnowledgeBase, area_code: str) -> set[str]:
    """SOC codes of the jobs in demand here by the audit's rule (openings and pay; "all other" groups never)."""
    local = labor.local_occupations(kb, area_code)
    area_median = kb.regions.loc[area_code, "all_occupations_annual_median"]
    hot = (local["in_area"] & (local["local_openings"] >= settings.current().in_demand_openings)
           & (local["annual_median"].astype("Float64") >= area_median).fillna(False)
           & ~local["all_other"].astype(bool))
    rows = local[hot.to_numpy(dtype=bool)]
    return {str(c) for c in (*rows["soc_code"], *rows["oews_code"]) if isinstance(c, str)}


def low_demand_programs(kb: KnowledgeBase, catalog: Catalog, area_code: str) -> pd.DataFrame:
    """Programs whose linked jobs are scarce here (fewer than the district's ``low_demand_openings``, default
    10, a year in total) or all pay below the area median."""
    scarce = settings.current().low_demand_openings
    local = labor.local_occupations(kb, area_code)
    area_median = kb.regions.loc[area_code, "all_occupations_annual_median"]
    out = []
    for program in catalog.programs:
        socs = set(codes(program.soc_codes))
        jobs = local[(local["soc_code"].isin(socs) | local["oews_code"].isin(socs)) & local["in_area"]]
        jobs = jobs[~jobs["oews_code"].duplicated()]
        openings = float(jobs["local_openings"].fillna(0).sum())
        best_pay = jobs["annual_median"].max() if len(jobs) else None
        low_pay = best_pay is None or pd.isna(best_pay) or best_pay < area_median
        if openings < scarce or low_pay:
            out.append({"program": program.code, "name": program.name, "local_openings": openings,
                        "best_median_pay": None if best_pay is None or pd.isna(best_pay) else int(best_pay),
                        "reason": "few_openings" if openings < scarce else "low_pay"})
    return pd.DataFrame(out, columns=["program", "name", "local_openings", "best_median_pay", "reason"])


def export_csv(table: pd.DataFrame) -> str:
    """The audit as CSV for district leaders (student counts under the district's minimum already hidden)."""
    out = table.drop(columns=["students"]).rename(columns={"students_shown": "students"})
    out["members"] = ["; ".join(m) if isinstance(m, list) else "" for m in out["members"]]
    return exports.frame_csv(out, index_label="onet_code")
