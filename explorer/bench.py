"""Benchmarks that print numbers (``python -m explorer bench match``); speed targets live here, not in tests."""
from __future__ import annotations

import statistics
import time
from collections.abc import Callable

import numpy as np
import pandas as pd

from explorer import labor, matching
from explorer.data import KnowledgeBase
from explorer.riasec import THEMES


def _timed(run: Callable[[], object], repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def naive_match(kb: KnowledgeBase, scores: dict[str, float], area_code: str) -> pd.DataFrame:
    """The same result built row by row with pandas: the baseline the vectorised path is compared with."""
    area = kb.local_figures[kb.local_figures["area_code"] == area_code]
    student = pd.Series([float(scores[t]) for t in THEMES])
    rows = []
    for code, occupation in kb.occupations.iterrows():
        r = student.corr(pd.Series(occupation[list(THEMES)].to_numpy(dtype=float)))
        band = matching.fit_band(r)
        if band is None:
            continue
        local = area[area["oews_code"] == occupation["oews_code"]]
        rows.append({"onet_code": code, "r": r, "band": band, "in_area": len(local) > 0,
                     "employment": local["employment"].iloc[0] if len(local) else pd.NA,
                     "annual_median": local["annual_median"].iloc[0] if len(local) else pd.NA})
    table = pd.DataFrame(rows).set_index("onet_code")
    table["band_rank"] = table["band"].map({"best": 0, "great": 1, "good": 2})
    return table.sort_values(["band_rank", "in_area", "r"], ascending=[True, False, False], kind="stable")


def corrcoef_match(kb: KnowledgeBase, scores: dict[str, float], area_code: str) -> pd.DataFrame:
    """A fair vectorised peer: one ``np.corrcoef`` over all profiles plus a pandas merge and sort."""
    profiles = kb.occupations[list(THEMES)].to_numpy(dtype=float)
    student = np.array([float(scores[t]) for t in THEMES])
    r = np.corrcoef(np.vstack([student, profiles]))[0, 1:]
    table = pd.DataFrame({"onet_code": kb.occupations.index, "oews_code": kb.occupations["oews_code"].to_numpy(),
                          "r": r})
    local = labor.area_figures(kb, area_code)[["employment", "annual_median"]].reset_index()
    table = table.merge(local, on="oews_code", how="left")
    return table[table["r"] >= 0].sort_values("r", ascending=False).set_index("onet_code")


def bench_match(kb: KnowledgeBase, area_code: str = "0012420", repeat: int = 5) -> dict[str, float]:
    scores = {"R": 5, "I": 20, "A": 0, "S": 15, "E": 10, "C": 3}
    matcher = matching.Matcher.from_occupations(kb.occupations)
    labor.area_figures(kb, area_code)  # split the local figures by area once, as the running app has

    def fast() -> pd.DataFrame:
        local = labor.local_occupations.__wrapped__(kb, area_code)  # include the local join, uncached
        return matching.rank(matcher, scores, local, priorities=["fit"])

    fast_s, _fast_result = _timed(fast, repeat)
    peer_s, peer_result = _timed(lambda: corrcoef_match(kb, scores, area_code), repeat)
    naive_s, naive_result = _timed(lambda: naive_match(kb, scores, area_code), max(1, repeat // 2))
    r = matcher.correlations(scores)
    same_r = (np.allclose(r[naive_result.index].to_numpy(), naive_result["r"].to_numpy())
              and np.allclose(r[peer_result.index].to_numpy(), peer_result["r"].to_numpy()))
    return {"occupations": len(kb.occupations), "vectorised_ms": fast_s * 1000, "corrcoef_ms": peer_s * 1000,
            "naive_ms": naive_s * 1000, "vs_corrcoef": peer_s / fast_s, "speedup": naive_s / fast_s,
            "same_result": float(same_r)}


def bench_validate(kb: KnowledgeBase, cases: int = 500, seed: int = 2026) -> list:
    """The README's validation table: recovery and stability for each form and ordering (national figures)."""
    from explorer import validation

    matcher = matching.Matcher.from_occupations(kb.occupations)
    national = labor.local_occupations(kb, "0000000")
    return [row for form in ("quick", "full") for row in validation.recovery(matcher, national, form, cases=cases,
                                                                            seed=seed)]
