"""Results as a student in one place reads them: jobs that exist here first, families folded.

:func:`explorer.matching.rank` orders every occupation by band, then found-here, then fit. Read
as one list that put every Best-fit job BLS does not publish in the area (21 "... Teachers,
Postsecondary" for a Social + Investigative student in Alexandria, LA) above every local Great
fit. :func:`split` makes two lists instead:

* ``here``: occupations BLS publishes in the student's area, Best and Great fits (Good on
  request), in the list's order (band, the chosen priority, closest fit);
* ``elsewhere``: the same bands, not published here, shown apart with the nearest areas that
  have them (:func:`nearest_text`).

In both, a family of near-identical jobs (:mod:`explorer.families`) is one row: its first member
in the list's order leads and the others are listed in ``family_members`` (codes, list order),
one tap away. Fit, band and local figures of every row stay its own.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from explorer import families, matching, places
from explorer.data import KnowledgeBase
from explorer.i18n import Locale

DEFAULT_BANDS = ("best", "great")
PAGE_SIZE = 20


@dataclass(frozen=True)
class SplitResults:
    here: pd.DataFrame  # published in the area: one row per BLS group and family, ranked 1..n
    elsewhere: pd.DataFrame  # the same fits not published in the area, ranked 1..n


def fold_families(ranked: pd.DataFrame, family_of: pd.Series) -> pd.DataFrame:
    """One row per family: the first member in ``ranked``'s order leads; ``family`` and ``family_members`` added.

    ``family_members`` holds the other members' codes (list order); a row outside any family has
    an empty list and ``family`` <NA>. ``rank`` is renumbered 1..n.
    """
    family = family_of.reindex(ranked.index).astype("string")
    key = family.fillna(pd.Series(ranked.index, index=ranked.index, dtype="string"))
    leader = ~key.duplicated().to_numpy()
    members: dict[str, list[str]] = {}
    for code, group, lead in zip(ranked.index, key, leader):
        if not lead:
            members.setdefault(str(group), []).append(code)
    table = ranked[leader].copy()
    table["family"] = family[leader]
    table["family_members"] = [members.get(str(g), []) for g in key[leader]]
    table["rank"] = np.arange(1, len(table) + 1)
    return table


def split(ranked: pd.DataFrame, family_of: pd.Series, bands: tuple[str, ...] = DEFAULT_BANDS) -> SplitResults:
    """``ranked`` (:func:`explorer.matching.rank`) as the two lists a student reads: found here, and not."""
    shown = ranked[ranked["band"].isin(bands)]
    in_area = shown["in_area"].to_numpy(dtype=bool)
    return SplitResults(here=fold_families(shown[in_area], family_of),
                        elsewhere=fold_families(shown[~in_area], family_of))


def rank_here(kb: KnowledgeBase, matcher: matching.Matcher, scores: Mapping[str, float], local: pd.DataFrame, *,
              bands: tuple[str, ...] = DEFAULT_BANDS, job_zones: set[int] | None = None,
              clusters: set[str] | None = None, priorities: list[str] | None = None) -> SplitResults:
    """Rank, then split into found-here and not, folding the knowledge base's families."""
    ranked = matching.rank(matcher, scores, local, job_zones=job_zones, clusters=clusters, priorities=priorities)
    return split(ranked, families.families(kb), bands)


def zone_fallback(kb: KnowledgeBase, matcher: matching.Matcher, scores: Mapping[str, float], local: pd.DataFrame,
                  job_zones: set[int], bands: tuple[str, ...] = DEFAULT_BANDS, minimum: int = 5) -> dict[int, int]:
    """When the chosen job zones give fewer than ``minimum`` rows of the found-here list, the rows the
    neighbouring zones would give, counted the same way ({zone: rows}; empty when the choice is enough)."""
    def rows(zones: set[int]) -> int:
        return len(rank_here(kb, matcher, scores, local, bands=bands, job_zones=zones).here)

    if rows(job_zones) >= minimum:
        return {}
    neighbours = sorted({z + d for z in job_zones for d in (-1, 1)} - set(job_zones) & set(range(1, 6)))
    return {z: rows({z}) for z in neighbours}


def listed_codes(rows: pd.DataFrame) -> list[str]:
    """Every occupation code the rows show: leaders, BLS group members and family members (with theirs)."""
    codes: list[str] = []
    for lead, also, members in zip(rows.index, rows["also"], rows["family_members"]):
        codes.extend([lead, *also, *members])
    return codes


def consistency_pool(rows: pd.DataFrame, local: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``rows`` and ``local`` with each family's members under one ``figures_group``, for
    :func:`explorer.matching.consistent_picks`: a folded family takes one of the top 10 places,
    as it takes one row of the list."""
    family_key = {code: f"family:{fam}" for code, fam, members in
                  zip(rows.index, rows["family"], rows["family_members"]) if members
                  for code in [code, *members]}
    pool = local.copy()
    pool["figures_group"] = [family_key.get(c, g) for c, g in zip(pool.index, pool["figures_group"])]
    ranked = rows.copy()
    ranked["figures_group"] = pool["figures_group"].reindex(ranked.index).to_numpy()
    ranked["also"] = [[*also, *members] for also, members in zip(rows["also"], rows["family_members"])]
    return ranked, pool


def nearest_text(kb: KnowledgeBase, row: pd.Series, place: places.Place | None, loc: Locale, area_code: str,
                 limit: int = 3) -> str:
    """Where an occupation not published here exists, nearest first, in miles from the student's place.

    Without a place (a region picked from the list) distance has no start, so the other areas of
    the region's state with the most such jobs are named instead (:func:`explorer.views.where_else`).
    """
    from explorer import views

    _ = loc._
    if not row.get("published_anywhere", True):
        return _("published by BLS in no area")
    if place is None:
        found = views.where_else(kb, row["oews_code"], area_code, limit + 1)
        local_kind = found["area_code"].map(kb.regions["kind"]).isin(["metropolitan", "nonmetropolitan"])
        return "; ".join(found.loc[local_kind, "name"].head(limit))  # areas, not the state's own row
    nearest = places.nearest_areas(kb, row["oews_code"], place, limit)
    return "; ".join(_("{area} ({miles} miles)").format(area=name, miles=loc.count(miles))
                     for name, miles in zip(nearest["name"], nearest["miles"]))
