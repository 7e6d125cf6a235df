"""Families of near-identical jobs that a results list folds into one row.

O*NET interest profiles are crowded (the median occupation has 15 others at r >= .95), so one job
split by subject or specialty can fill a page: a Social + Investigative student saw 21 "... Teachers,
Postsecondary" rows in a row. The rule (README, "Families"): a family is one job that the SOC
splits by subject, specialty, trade or workplace, found two ways:

* **shared job name**: at least :data:`MIN_MEMBERS` O*NET occupations of one SOC minor group
  (XX-X000) whose titles name the same job before ", " or "--" ("Cooks, Restaurant"; "Helpers--
  Carpenters") or the same qualifier after the last ", " ("Chemistry Teachers, Postsecondary"),
  a qualifier beginning with "and"/"or"/"Except" being the tail of a list, not a job's name;
* **named by specialty alone**: SOC's Physicians (29-1210, codes 29-1211 to 29-1229) and Surgeons
  (29-1240) broad groups, whose titles share no word ("Cardiologists", "Pediatric Surgeons").

Distinct jobs of one broad field (dietitians, occupational therapists, registered nurses: all
SOC 29-1000) share no job name and stay separate rows.
"""
from __future__ import annotations

from functools import lru_cache

import pandas as pd

from explorer.data import KnowledgeBase
from explorer.i18n import N_

MIN_MEMBERS = 5
# SOC groups named by specialty alone: (first detailed code, last detailed code, family key).
SPECIALTY_GROUPS = (("29-1211", "29-1249", "29-1200"),)
FAMILY_NAMES = {
    "29-1200": N_("Physicians and surgeons (by specialty)"),
    "25-1000": N_("College teachers (postsecondary, by subject)"),
    "25-2000": N_("Special education teachers (by grade)"),
    "35-2000": N_("Cooks (by workplace)"),
    "47-3000": N_("Construction trade helpers (by trade)"),
    "51-4000": N_("Metal and plastic machine setters and operators (by machine)"),
}
LIST_TAILS = ("and ", "or ", "Except")


def _name_keys(title: str) -> list[str]:
    """The job names a title shares with its family: head before ", " or "--", tail after the last ", "."""
    keys = []
    if "--" in title:
        keys.append("head:" + title.split("--", 1)[0])
    if ", " in title:
        keys.append("head:" + title.split(", ", 1)[0])
        tail = title.rsplit(", ", 1)[1]
        if not tail.startswith(LIST_TAILS):
            keys.append("tail:" + tail)
    return keys


def find_families(occupations: pd.DataFrame, min_members: int = MIN_MEMBERS) -> pd.Series:
    """Family key (an SOC minor group or "29-1200") by O*NET code, for the occupations the rule folds.

    ``occupations`` needs ``title`` and ``soc_code``, indexed by O*NET code.
    """
    minor = occupations["soc_code"].str[:4] + "000"
    rows = [(code, minor[code], key) for code, title in occupations["title"].items() for key in _name_keys(title)]
    named = pd.DataFrame(rows, columns=["code", "minor", "key"])
    sizes = named.groupby(["minor", "key"])["code"].transform("nunique")
    family = named[sizes >= min_members].drop_duplicates("code").set_index("code")["minor"]
    soc = occupations["soc_code"]
    for first, last, key in SPECIALTY_GROUPS:
        family = pd.concat([family[~family.index.isin(soc.index[(soc >= first) & (soc <= last)])],
                            pd.Series(key, index=soc.index[(soc >= first) & (soc <= last)])])
    return family.reindex(occupations.index.intersection(family.index)).rename("family")


@lru_cache(maxsize=4)
def families(kb: KnowledgeBase) -> pd.Series:
    """:func:`find_families` on the knowledge base's 923 occupations (cached)."""
    occupations = kb.occupations.set_index("onet_code") if "onet_code" in kb.occupations else kb.occupations
    return find_families(occupations)


def family_name(key: str) -> str:
    """The family's name (untranslated, a ``N_`` message); the SOC key itself for a family without one."""
    return FAMILY_NAMES.get(key, key)
