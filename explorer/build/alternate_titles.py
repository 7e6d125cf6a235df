"""Other names people use for each occupation, so a search for "RN" or "barista" finds the job.

Built from O*NET 30.1 ``Alternate Titles.txt`` (56,505 titles for 1,016 codes) and ``Sample of
Reported Titles.txt`` (the titles incumbents report most, up to 10 a code). Only short job titles
are kept, never O*NET sentences, and only a few per occupation so the table stays small:

1. titles incumbents report (``Shown in My Next Move`` first), then titles listed by more of
   O*NET's sources, then shorter titles (alphabetical among equals);
2. a title the O*NET title already contains (e.g. "Nurse" for "Registered Nurses") adds nothing to a
   search and is skipped, as are case-insensitive duplicates;
3. at most :data:`PER_OCCUPATION` titles per occupation.
"""
from __future__ import annotations

import pandas as pd

from explorer.build.sources import BuildError, Sources, onet_file
from explorer.text_search import fold

INPUTS = ["Alternate Titles.txt", "Sample of Reported Titles.txt"]
PER_OCCUPATION = 8
ONET_CODE = "O*NET-SOC Code"


def build_alternate_titles(sources: Sources, titles: pd.Series) -> pd.DataFrame:
    """(onet_code, rank, title) for every occupation in ``titles`` (O*NET title by O*NET-SOC code).

    ``rank`` is 1 for the most common other title. Codes without interest data are left out.
    """
    alternates = onet_file(sources, "Alternate Titles.txt", [ONET_CODE, "Alternate Title", "Source(s)"])
    reported = onet_file(sources, "Sample of Reported Titles.txt", [ONET_CODE, "Reported Job Title",
                                                                      "Shown in My Next Move"])
    alternates = alternates[alternates[ONET_CODE].isin(titles.index)].copy()
    if alternates.empty:
        raise BuildError(f"{sources.onet_dir / 'Alternate Titles.txt'}: no titles for the occupations with "
                         "interest data (expected several per O*NET-SOC code)")
    alternates["title"] = alternates["Alternate Title"].str.strip()
    shown = reported.rename(columns={"Reported Job Title": "title"})
    shown["reported"] = shown["Shown in My Next Move"].map({"Y": 2, "N": 1}).fillna(1).astype(int)
    alternates = alternates.merge(shown[[ONET_CODE, "title", "reported"]], on=[ONET_CODE, "title"], how="left")
    alternates["reported"] = alternates["reported"].fillna(0).astype(int)
    alternates["sources"] = alternates["Source(s)"].str.count(",") + 1
    alternates["length"] = alternates["title"].str.len()
    alternates["folded"] = alternates["title"].map(fold)
    own = alternates[ONET_CODE].map(titles.map(fold))
    redundant = [alt in title for alt, title in zip(alternates["folded"], own)]
    alternates = alternates[~pd.Series(redundant, index=alternates.index) & (alternates["title"] != "")]
    alternates = alternates.sort_values([ONET_CODE, "sources", "reported", "length", "title"],
                                        ascending=[True, False, False, True, True], kind="stable")
    alternates = alternates.drop_duplicates([ONET_CODE, "folded"])
    alternates["rank"] = alternates.groupby(ONET_CODE).cumcount() + 1
    kept = alternates[alternates["rank"] <= PER_OCCUPATION]
    out = kept.rename(columns={ONET_CODE: "onet_code"})[["onet_code", "rank", "title"]].reset_index(drop=True)
    return out.astype({"onet_code": "string", "rank": "int8", "title": "string"})
