"""How AI is used in this work: the "Working with AI" applicability data, said plainly.

Source: Kiran Tomlinson, Sonia Jaffe, Will Wang, Scott Counts, Siddharth Suri, *Working with AI:
Measuring the Applicability of Generative AI to Occupations*, arXiv:2507.07935 (2025), CC BY 4.0.
The data are U.S. conversations with a consumer AI assistant (Bing Copilot) from January to
September 2024, sorted into O*NET work activities (IWAs). The score says where people *used* an AI
assistant for an occupation's activities and how well that went. The authors warn that it does not
measure whether AI can replace the job, so nothing here speaks of risk or safety.

``percentile`` is the share of the paper's 785 occupations with a strictly lower score (0-100).
An activity's ``share`` is its share of all the AI conversations (user goals), in percent.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from explorer import labor, words
from explorer.data import KnowledgeBase
from explorer.i18n import N_, Locale, Translator

STUDIED_OCCUPATIONS = 785
SOURCE = N_("“Working with AI”, Tomlinson, Jaffe, Wang, Counts and Suri, arXiv:2507.07935 (2025), CC BY 4.0; "
            "work activity titles from O\\*NET")
DATE_RANGE = N_("U.S. conversations with a consumer AI assistant (Bing Copilot), January to September 2024")
WHAT_IT_MEASURES = N_("This shows where people used an AI assistant for this job's work activities in 2024, "
                      "and how well it went.")
CAVEAT = N_("The authors say this is not the chance of losing the job: it measures how people used AI, not "
            "whether AI can do the whole job.")
# Only what the study measured: how often people asked an AI assistant for help with an activity in
# 2024 and how well it went. It measures nothing about which activities AI will or will not do later.
PREPARING = N_("What this measures: how often people asked an AI assistant for help with each activity in 2024, "
               "and how well it went. Rare AI help means few people asked for it then; it does not say what AI "
               "will or will not do in this job later.")


@dataclass(frozen=True)
class Activity:
    iwa_id: str
    title: str  # the O*NET IWA title (English), a short label
    share: float  # percent of all the AI conversations that asked for help with this activity
    completion: float  # percent of those where the assistant completed the goal


@dataclass(frozen=True)
class AiUse:
    """One occupation's AI applicability, with everything the page must say beside it."""

    score: float  # the paper's score, 0 .. about 0.5
    percentile: int  # among the paper's 785 occupations
    ai_code: str  # the SOC code the figures are for
    ai_title: str
    basis: str  # exact / parent_soc / bls_aggregate
    most: list[Activity]
    least: list[Activity]
    source: str  # message id (translate with _)
    date_range: str  # message id
    caveat: str  # message id
    ai_title_es: str = ""  # our Spanish name for ai_title


@lru_cache(maxsize=4)
def _by_code(kb: KnowledgeBase) -> pd.DataFrame:
    return kb.ai_applicability.set_index("onet_code")


def activities(kb: KnowledgeBase, ai_code: str, n: int = 3) -> tuple[list[Activity], list[Activity]]:
    """The occupation's activities where AI help was most and least common (``n`` each, no overlap)."""
    rows = kb.ai_activities[(kb.ai_activities["soc_code"] == ai_code) & (kb.ai_activities["weight"] > 0)]
    rows = rows.sort_values(["share_user", "weight"], ascending=[False, False], kind="stable")
    items = [Activity(r.iwa_id, r.iwa_title, 100 * float(r.share_user), 100 * float(r.completion_user))
             for r in rows.itertuples()]
    most = [a for a in items[:n] if a.share > 0]
    least = [a for a in reversed(items) if a not in most][:n]
    return most, least


def ai_use(kb: KnowledgeBase, onet_code: str) -> AiUse | None:
    """The AI applicability of one occupation, or None when the paper does not cover it."""
    table = _by_code(kb)
    if onet_code not in table.index:
        return None
    row = table.loc[onet_code]
    most, least = activities(kb, str(row["ai_code"]))
    title = str(row["ai_title"])
    return AiUse(float(row["score"]), int(row["percentile"]), str(row["ai_code"]), title,
                 str(row["ai_basis"]), most, least, SOURCE, DATE_RANGE, CAVEAT,
                 labor.soc_title_es(kb, str(row["ai_code"]), title))


def percentile_text(use: AiUse, _: Translator) -> str:
    return _("People used AI help for this job's activities more than for {p}% of the {n} occupations "
             "studied.").format(p=use.percentile, n=STUDIED_OCCUPATIONS)


def ai_note(use: AiUse, loc: Locale) -> str:
    """Whose figures these are when they come from a broader occupation or BLS group ("" when its own)."""
    if use.basis in ("parent_soc", "bls_aggregate"):
        group = use.ai_title_es if loc.lang == "es" else use.ai_title
        return loc._("These AI figures are for all {group} (SOC {code}): the study did not look at this occupation "
                     "separately.").format(group=group, code=use.ai_code)
    return ""


def percentiles(kb: KnowledgeBase, codes: pd.Index) -> pd.Series:
    """AI applicability percentile (0-100) for each O*NET-SOC code (<NA> where not covered)."""
    return _by_code(kb)["percentile"].reindex(codes).astype("Int64")


def activity_text(activity: Activity, loc: Locale) -> str:
    """One activity line: the IWA title (O*NET's English, or our Spanish words) and its share of the AI conversations."""
    from babel.numbers import format_decimal

    share = format_decimal(activity.share, format="#,##0.0#" if activity.share >= 0.1 else "#,##0.000",
                           locale=loc.number_locale)
    title = words.activity_title(activity.iwa_id, activity.title, loc.lang)
    return loc._("{activity} ({share}% of the AI conversations)").format(activity=title, share=share)


def json_fields(kb: KnowledgeBase, onet_code: str) -> dict:
    """The AI applicability for JSON output (CLI), with its source, date range and the authors' caveat."""
    use = ai_use(kb, onet_code)
    if use is None:
        return {"ai_applicability": None}
    return {"ai_applicability": {
        "score": round(use.score, 4), "percentile_among_785": use.percentile,
        "for_soc_code": use.ai_code, "for_title": use.ai_title, "basis": use.basis,
        "most_common_activities": [a.title for a in use.most],
        "least_common_activities": [a.title for a in use.least],
        "source": SOURCE.replace("\\*", "*"), "data": DATE_RANGE,
        "measures": WHAT_IT_MEASURES, "caveat": CAVEAT,
    }}
