"""Names the sources publish in English, said in the reader's language: our own Spanish words.

The tables are written by hand for this project (``data/cluster_words.csv``,
``data/work_style_words.csv``, ``data/ai_activity_words.csv``, ``data/bls_group_words.csv``; listed
in MANIFEST.json as authored files). A name with no row, or any language other than Spanish, is
shown as the source publishes it.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd

from explorer.paths import AI_ACTIVITY_WORDS, BLS_GROUP_WORDS, CLUSTER_WORDS, DATA_DIR, WORK_STYLE_WORDS


@lru_cache(maxsize=8)
def _table(name: str, key: str, data_dir: Path = DATA_DIR) -> dict[str, str]:
    frame = pd.read_csv(data_dir / name, dtype=str, keep_default_na=False)
    spanish = next(c for c in frame.columns if c.endswith("_es"))
    return dict(zip(frame[key], frame[spanish]))


def cluster_name(name: str, lang: str) -> str:
    """A career cluster (Advance CTE's English name) in ``lang``."""
    return _table(CLUSTER_WORDS, "name_en").get(name, name) if lang == "es" else name


def cluster_names(lang: str) -> dict[str, str]:
    """English cluster name -> its name in ``lang`` (every cluster in the table)."""
    return {en: cluster_name(en, lang) for en in _table(CLUSTER_WORDS, "name_en")}


def work_style_name(element_id: str, name: str, lang: str) -> str:
    """An O*NET work style (by element id) in ``lang``; ``name`` is O*NET's English name."""
    return _table(WORK_STYLE_WORDS, "element_id").get(element_id, name) if lang == "es" else name


def activity_title(iwa_id: str, title: str, lang: str) -> str:
    """An O*NET work activity (IWA, by id) in ``lang``; ``title`` is O*NET's English title."""
    return _table(AI_ACTIVITY_WORDS, "iwa_id").get(iwa_id, title) if lang == "es" else title


def bls_group_titles() -> dict[str, str]:
    """OEWS code -> our Spanish name for BLS groups that no O*NET occupation is titled after."""
    return _table(BLS_GROUP_WORDS, "oews_code")
