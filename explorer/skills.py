"""Skills a job uses most: BLS Employment Projections percentile ranks on 17 skills, in plain words.

A percentile rank (0-100) is BLS's: the share of all detailed occupations whose score on that
skill is strictly lower. 90 means the job uses the skill more than 90% of occupations do. The ranks
are for the job's EP occupation, which for O*NET specialties (.01, .02 ...) and a few BLS groups is
a broader occupation: :func:`skills_note` says whose ranks they are, in words.

The plain words for each skill (``data/skill_words.csv``) are our own, in English and Spanish.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from explorer import labor, words
from explorer.data import KnowledgeBase
from explorer.i18n import N_, Locale, Translator
from explorer.paths import DATA_DIR, SKILL_WORDS

# The 17 skills of BLS EP Table 6.5, in BLS's order (ids used in data/, the catalog and the CLI).
SKILLS: tuple[str, ...] = (
    "adaptability", "computers", "creativity", "critical_thinking", "customer_service", "detail", "fine_motor",
    "interpersonal", "leadership", "mathematics", "mechanical", "physical", "problem_solving",
    "project_management", "science", "speaking_listening", "writing_reading",
)
SOURCE = N_("BLS Employment Projections {release}, skills data (Table 6.5)")
RANK_MEANING = N_("A rank of {rank} means this job uses the skill more than {rank}% of all occupations do.")


@dataclass(frozen=True)
class SkillWords:
    skill: str
    label: str  # the skill's name (BLS's English name; our Spanish)
    plain: str  # our own plain words for what it means


@dataclass(frozen=True)
class SkillRank:
    """One skill of one job: ``percentile_rank`` 0-100 among all occupations, with its source."""

    skill: str
    label: str
    plain: str
    percentile_rank: int
    source: str
    ep_code: str


@lru_cache(maxsize=4)
def skill_words(lang: str, data_dir: Path = DATA_DIR) -> dict[str, SkillWords]:
    """The name and plain words of every skill in ``lang`` ("en" or "es"; others fall back to English)."""
    frame = pd.read_csv(data_dir / SKILL_WORDS, dtype=str, keep_default_na=False).set_index("skill")
    suffix = "es" if lang == "es" else "en"
    return {skill: SkillWords(skill, frame.at[skill, f"label_{suffix}"], frame.at[skill, f"plain_{suffix}"])
            for skill in SKILLS}


def source_text(kb: KnowledgeBase, _: Translator) -> str:
    return _(SOURCE).format(release=kb.ep_release)


def ranks(kb: KnowledgeBase, ep_code: object) -> dict[str, int]:
    """Percentile rank of every skill for one EP code ({} when BLS has no skills data for it)."""
    table = _ranks_by_code(kb)
    if ep_code is None or pd.isna(ep_code) or str(ep_code) not in table.index:
        return {}
    row = table.loc[str(ep_code)]
    return {skill: int(row[skill]) for skill in SKILLS}


@lru_cache(maxsize=4)
def _ranks_by_code(kb: KnowledgeBase) -> pd.DataFrame:
    return kb.skill_ranks.pivot(index="ep_code", columns="skill", values="percentile_rank")[list(SKILLS)]


def _ep_info(kb: KnowledgeBase, ep_code: str) -> pd.Series | None:
    rows = kb.skill_ranks[kb.skill_ranks["ep_code"] == ep_code]
    return None if rows.empty else rows.iloc[0]


def top_skills(kb: KnowledgeBase, occupation: pd.Series, loc: Locale, n: int = 5) -> list[SkillRank]:
    """The ``n`` skills this job ranks highest on (ties: BLS's order), each with its source."""
    found = ranks(kb, occupation["ep_code"])
    words = skill_words(loc.lang)
    source = source_text(kb, loc._)
    ordered = sorted(found, key=lambda s: (-found[s], SKILLS.index(s)))[:n]
    return [SkillRank(s, words[s].label, words[s].plain, found[s], source, str(occupation["ep_code"]))
            for s in ordered]


def skills_note(kb: KnowledgeBase, occupation: pd.Series, _: Translator, lang: str = "en") -> str:
    """Whose skill ranks these are, when not the job's own ("" when its own), and BLS's imputation."""
    ep_code = occupation["ep_code"]
    info = None if ep_code is None or pd.isna(ep_code) else _ep_info(kb, str(ep_code))
    if info is None:
        return ""
    parts = []
    if occupation["ep_basis"] in ("parent_soc", "bls_aggregate"):
        parts.append(_("Skill ranks are for all {group}: BLS ranks skills for that broader occupation, "
                       "not for this one separately.").format(group=_group(kb, str(ep_code), str(info["ep_title"]),
                                                                           lang)))
    if bool(info["imputed"]):
        parts.append(_("BLS filled in these ranks from similar occupations."))
    return " ".join(parts)


def _group(kb: KnowledgeBase, ep_code: str, title: str, lang: str) -> str:
    """The EP occupation's name as BLS writes it, or our Spanish name for it."""
    return labor.soc_title_es(kb, ep_code, title) if lang == "es" else title


def names(skill_ids: list[str], lang: str) -> str:
    """Skill ids as their names in ``lang``, comma-separated (unknown ids are left out)."""
    words = skill_words(lang)
    return ", ".join(words[s].label for s in skill_ids if s in words)


def skill_options(lang: str) -> dict[str, str]:
    """Skill id -> name in ``lang``, for pickers."""
    return {skill: words.label for skill, words in skill_words(lang).items()}


def skill_chart_rows(kb: KnowledgeBase, ep_code: object, lang: str) -> list[dict]:
    """Rows for the skills chart: every skill's name and rank (highest first)."""
    found = ranks(kb, ep_code)
    words = skill_words(lang)
    return [{"skill": words[s].label, "rank": found[s]} for s in sorted(found, key=lambda s: (-found[s], SKILLS.index(s)))]


def skill_fit(kb: KnowledgeBase, ep_codes: pd.Series, wanted: list[str]) -> pd.Series:
    """For each EP code, the mean percentile rank on the ``wanted`` skills (<NA> without skills data)."""
    table = _ranks_by_code(kb)
    if not wanted:
        return pd.Series(pd.NA, index=ep_codes.index, dtype="Float64")
    means = table[list(wanted)].mean(axis=1)
    return ep_codes.map(means).astype("Float64")


def unknown_skills(values: list[str]) -> list[str]:
    return [v for v in values if v not in SKILLS]


def work_styles(kb: KnowledgeBase, onet_code: str, lang: str = "en") -> list[str]:
    """O*NET 30.1's most distinctive work styles for the job, most distinctive first (O*NET's short
    English names, or our Spanish words for them; source: O*NET 30.1 Work Styles, CC BY 4.0)."""
    rows = kb.work_styles[kb.work_styles["onet_code"] == onet_code].sort_values("rank")
    return [words.work_style_name(e, n, lang) for e, n in zip(rows["element_id"], rows["name"])]


def json_fields(kb: KnowledgeBase, occupation: pd.Series) -> dict:
    """The skill ranks for JSON output (CLI), with whose ranks they are and their source."""
    ep_code = occupation["ep_code"]
    found = ranks(kb, ep_code)
    info = _ep_info(kb, str(ep_code)) if found else None
    if info is None:  # no ranks for this code (found ranks always come with their code's row)
        return {"skill_ranks": None}
    return {"skill_ranks": {
        "percentile_ranks": found,
        "for_ep_code": str(ep_code), "for_ep_title": str(info["ep_title"]),
        "basis": str(occupation["ep_basis"]), "imputed_by_bls": bool(info["imputed"]),
        "source": f"BLS Employment Projections {kb.ep_release}, skills data (Table 6.5)",
        "meaning": "percentile rank 0-100: the share of all detailed occupations with a lower score on the skill",
    }}


def compare_table(kb: KnowledgeBase, occupations: pd.DataFrame, codes: list[str], loc: Locale) -> pd.DataFrame:
    """Skill ranks and AI applicability of two or three occupations side by side (rows = facts)."""
    from explorer import ai_use, labor

    _ = loc._
    words = skill_words(loc.lang)
    titles = labor.occupation_titles(kb, loc.lang)  # the jobs as the facts table above names them
    facts = {}
    for code in codes:
        row = occupations.loc[code]
        found = ranks(kb, row["ep_code"])
        info = _ep_info(kb, str(row["ep_code"])) if found else None
        use = ai_use.ai_use(kb, code)
        column = {_("Skill ranks for"): (_("this occupation") if row["ep_basis"] == "exact" or info is None
                                         else _("all {group}").format(group=info["ep_title"]))}
        column.update({words[s].label: str(found[s]) if found else "" for s in SKILLS})
        column[_("AI use: percentile among 785 occupations")] = "" if use is None else str(use.percentile)
        column[_("AI figures for")] = ("" if use is None else _("this occupation") if use.basis == "exact"
                                       else _("all {group}").format(group=use.ai_title))
        facts[titles[code]] = column
    return pd.DataFrame(facts)


# A job "uses" the skills a student picked when its mean rank on them is at least this (0-100):
# it uses them more than half of all occupations do.
USES_SKILLS_RANK = 50


def keep_jobs_using(kb: KnowledgeBase, ranked: pd.DataFrame, wanted: list[str]) -> pd.DataFrame:
    """The ranked rows whose mean BLS rank on the ``wanted`` skills is at least :data:`USES_SKILLS_RANK`,
    in their ranked order (rows without skills data are left out). No skills wanted: unchanged."""
    if not wanted:
        return ranked
    fit = skill_fit(kb, ranked["ep_code"], list(wanted))
    return ranked[(fit >= USES_SKILLS_RANK).fillna(False).to_numpy(dtype=bool)]
