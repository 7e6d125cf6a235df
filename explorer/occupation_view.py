"""The occupation page as text: every figure and sentence formatted for one reader, ready to lay out.

Missing figures (BLS does not publish every cell) are tested with ``pd.isna`` and shown in words
("not published"), never as a number. No streamlit here: the page only places these strings.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from explorer import ai_use, attempts, budget, explain, labor, quiz, skills, views
from explorer.attempts import SavedQuiz
from explorer.data import KnowledgeBase
from explorer.i18n import Locale
from explorer.matching import Matcher
from explorer.views import md_escape


@dataclass(frozen=True)
class FitView:
    """Why this job fits the student, from their own answers (only for a confident profile)."""

    headline: str
    shared: str  # "" when no theme is shared
    answers: list[tuple[str, list[str]]]  # (heading, lines) for likes used and dislikes unneeded, when any
    counselor_note: str
    contributions: tuple[tuple[str, float], ...]  # for the contribution chart
    scores: tuple[tuple[str, float], ...]  # the student's theme scores, for the comparison chart
    max_score: int


@dataclass(frozen=True)
class AiView:
    what: str
    percentile: str
    most_heading: str
    most: str
    least_heading: str
    least: str
    caveat: str
    caption: str


@dataclass(frozen=True)
class OccupationView:
    title: str
    description: str  # Markdown-escaped; "" when O*NET gives none
    english_title: str  # "" when the title shown is already the English one
    code_caption: str
    onet_link: str
    figures_note: str  # whose jobs and pay are shown ("" when the occupation's own)
    holland: str
    absent: str  # "" when BLS publishes the job in this area
    wages_caption: str
    outlook: str
    bright_outlook: str
    outlook_caption: str
    preparation: list[str]
    skills: list[str]  # one line per top skill; empty when BLS publishes none
    skills_caption: str  # the ranks' meaning and source, or that there are none
    work_styles: str
    ai: AiView | None
    wages: pd.DataFrame  # jobs and pay here, in the state and the nation, as text cells; no rows when unpublished
    related: dict[str, str]  # O*NET code -> title of the closest related occupations


def _count_or_unpublished(value: float | None, loc: Locale, scale: float = 1) -> str:
    return loc._("not published") if value is None or pd.isna(value) else loc.count(float(value) * scale)


def outlook_text(occupation: pd.Series, loc: Locale) -> str:
    """Growth and openings, nationally and here, each "not published" when BLS gives none."""
    _ = loc._
    return _("- U.S. growth 2024-34: **{growth}**\n- Openings per year in the U.S.: **{openings}**\n"
             "- Estimated openings per year here: **{local}**").format(
        growth=loc.percent(occupation["ep_change_percent"]) or _("not published"),
        openings=_count_or_unpublished(occupation["ep_openings_thousands"], loc, 1000),
        local=_count_or_unpublished(occupation["local_openings"], loc))


def _skills(kb: KnowledgeBase, occupation: pd.Series, loc: Locale) -> tuple[list[str], str]:
    _ = loc._
    top = skills.top_skills(kb, occupation, loc)
    if not top:
        return [], _("BLS publishes no skills data for this occupation.")
    lines = [_("- **{skill}**: {plain} (rank {rank} of 100)").format(skill=s.label, plain=s.plain, rank=s.percentile_rank)
             for s in top]
    note = skills.skills_note(kb, occupation, _, loc.lang)
    caption = " ".join(filter(None, [_(skills.RANK_MEANING).format(rank=top[0].percentile_rank),
                                     _("Source: {source}.").format(source=top[0].source), note]))
    return lines, caption


def _ai(kb: KnowledgeBase, code: str, loc: Locale) -> AiView | None:
    _ = loc._
    use = ai_use.ai_use(kb, code)
    if use is None:
        return None
    titles = (_("Activity titles: O\\*NET's, in our own words in this language.") if loc.lang != "en"
              else _("Activity titles as O\\*NET names them."))
    caption = _("Source: {source}. Data: {dates}.").format(source=_(use.source), dates=_(use.date_range)) + " " + titles
    return AiView(
        what=_(ai_use.WHAT_IT_MEASURES), percentile="**" + ai_use.percentile_text(use, _) + "**",
        most_heading=_("Activities where AI help was most common:"),
        most="\n".join("- " + md_escape(ai_use.activity_text(a, loc)) for a in use.most),
        least_heading=_("Activities where AI help was least common:"),
        least="\n".join("- " + md_escape(ai_use.activity_text(a, loc)) for a in use.least),
        caveat=_(ai_use.CAVEAT) + " " + _(ai_use.PREPARING),
        caption=" ".join(filter(None, [caption, ai_use.ai_note(use, loc)])))


def occupation_view(kb: KnowledgeBase, occupation: pd.Series, area_code: str, loc: Locale) -> OccupationView:
    """Everything the occupation page writes about one occupation (a row of labor.local_occupations
    for ``area_code``)."""
    _ = loc._
    area_name, oews_source = views.area_name(kb, area_code, _), labor.oews_citation(kb, area_code, loc)
    code = str(occupation.name)
    text = labor.occupation_text(kb, code, loc.lang)
    note = labor.figures_note(occupation, _, loc.lang)
    wages_caption = " ".join(filter(None, [
        _("Source: {source}; state and national rows: BLS OEWS {release}.").format(source=oews_source,
                                                                                   release=loc.month(kb.oews_release)),
        _(labor.TOP_CODE_NOTE), _("The chart draws only published percentiles: a range ends at the highest one BLS "
                                   "publishes."), note]))
    outlook_caption = " ".join(filter(None, [
        _("Source: {ep}. Local openings = U.S. openings × this area's share of U.S. jobs in the occupation.").format(
            ep=labor.ep_citation(kb, loc)), note if occupation["figures_shared"] else ""]))
    preparation = ["- " + views.preparation(occupation, _)] + [
        f"- {label}: {value}" for label, value in ((_("Work experience"), views.bls_label(occupation["ep_work_experience"], _)),
                                                  (_("On-the-job training"), views.bls_label(occupation["ep_training"], _)))
        if value]
    skill_lines, skills_caption = _skills(kb, occupation, loc)
    wages = views.wage_rows(kb, occupation["oews_code"], area_code)
    styles = skills.work_styles(kb, code, loc.lang)
    return OccupationView(
        title=text.title, description=md_escape(text.description) if text.description else "",
        english_title=_("English title: {title}").format(title=occupation["title"])
        if text.title != occupation["title"] else "",
        code_caption=_("O\\*NET-SOC {code}").format(code=code),
        onet_link=_("[Full description on O\\*NET OnLine](https://www.onetonline.org/link/summary/{code})").format(
            code=code),
        figures_note=note,
        holland=_("Holland code of this occupation: **{code}**").format(code=occupation["holland_code"]),
        absent="" if occupation["in_area"] else labor.absent_text(occupation, _, area_name),
        wages_caption=wages_caption, outlook=outlook_text(occupation, loc),
        bright_outlook="☀️ " + _("O\\*NET Bright Outlook occupation") if occupation["bright_outlook"] else "",
        outlook_caption=outlook_caption, preparation=preparation, skills=skill_lines, skills_caption=skills_caption,
        work_styles=_("**What sets this job apart (work styles, most distinctive first):** {styles}").format(
            styles=md_escape(", ".join(styles))) if styles else "",
        ai=_ai(kb, code, loc),
        wages=views.wage_table(wages, loc) if len(wages) else pd.DataFrame(),
        related=views.related(kb, code, lang=loc.lang))


def fit_view(matcher: Matcher, saved: SavedQuiz | None, occupation: pd.Series, loc: Locale) -> FitView | None:
    """The student's reasons for (or against) this job, quoting their own answers; None without a
    finished, confident profile (no fit is claimed from a flat or doubtful one)."""
    profile = attempts.profile(saved) if saved is not None else None
    if saved is None or profile is None or not profile.confident:
        return None
    _ = loc._
    items = {i.id: i for i in quiz.form_items(saved.band, saved.form, loc.lang)}
    fit = explain.fit_explanation(matcher, profile.scores, saved.answers, items, occupation)
    labels = {value: _(label) for value, label, _emoji in quiz.scale(saved.band)}
    answers = [(heading, [_("- {activity} (you answered “{answer}”)").format(
                   activity=md_escape(items[item_id].text), answer=labels[saved.answers[item_id]]) for item_id in ids])
               for heading, ids in ((_("Things you like that this job uses:"), fit.likes_used),
                                    (_("Things you dislike that this job doesn't need:"), fit.dislikes_unneeded))
               if ids]
    return FitView(
        headline=_(fit.headline),
        shared=_("You and this job share: {themes}.").format(themes=views.theme_list(fit.shared, _)) if fit.shared else "",
        answers=answers,
        counselor_note=_("Pearson correlation of the student's six theme scores with the occupation's six O\\*NET "
                         "interest scores: r = {r}. Bands: Best r ≥ .729, Great ≥ .608, Good ≥ 0. The chart splits r "
                         "into each theme's share (they add up to r).").format(r=f"{fit.r:.2f}"),
        contributions=tuple(fit.contributions.items()), scores=tuple(sorted(profile.scores.items())),
        max_score=profile.max_score)


def budget_lines(costs: dict[str, float], occupation: pd.Series, loc: Locale) -> list[str]:
    """What the student's monthly costs add up to, and how much of it this job's pay covers here."""
    _ = loc._
    need = budget.check(costs)
    lines = [_("You would spend **{month}** a month, **{year}** a year. Before taxes (about {tax}%), that takes "
               "about **{gross}** a year.").format(month=loc.money(need.monthly_total),
                                                   year=loc.money(need.yearly_after_tax), tax=round(100 * need.tax_share),
                                                   gross=loc.money(need.yearly_before_tax))]
    for label, percentile in ((_("Starting pay here"), "p25"), (_("Median pay here"), "median")):
        share = need.covered_share(occupation[f"annual_{percentile}"])
        lines.append(_("- {label}: {pay}").format(label=label, pay=labor.pay_text(occupation, percentile, loc)) + (
            "" if share is None else " · " + _("covers {share}% of it").format(share=round(100 * share))))
    return lines
