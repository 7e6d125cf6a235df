"""The interest profile page (and the advising summary) as text: what a scored quiz says, in words.

A confident profile names its areas (in kid words for grades 3-5, with no letter codes); a doubtful
one says honestly why nothing is ranked. No streamlit here: pages only lay these strings out.
"""
from __future__ import annotations

from dataclasses import dataclass

from explorer import explain, quiz
from explorer.i18n import Locale
from explorer.quiz import Profile
from explorer.riasec import ranked, theme_names

KIDS_BAND = "3-5"


@dataclass(frozen=True)
class Meaning:
    line: str  # "**Area** (score/max): what it means"
    examples: str  # kids only: activities like these; "" otherwise


@dataclass(frozen=True)
class ProfileView:
    heading: str
    strongest: str  # "Your strongest areas ..." ("" for kids and for a doubtful profile)
    tied: str  # a caption when tied letters could be in either order
    cautions: list[str]  # shown as notes
    warnings: list[str]  # why a doubtful profile is not ranked
    offer_retake: bool  # cautions or a doubtful profile: taking the quiz again may help
    kids: bool  # grades 3-5: no jobs, no pay, no family-report download
    meanings: list[Meaning]  # the top three areas ([] for a doubtful profile)
    prompts: list[str]
    not_measured: str
    scores_caption: str


def profile_view(result: Profile, resume_code: str, loc: Locale) -> ProfileView:
    _ = loc._
    kids = result.band == KIDS_BAND
    area_names = theme_names(result.band)
    heading, strongest, tied, meanings = _(explain.heading(result)), "", "", []
    if result.confident:
        names = ", ".join(_(area_names[t]) for t in result.code.letters)
        # no letter codes or theory words for 8-year-olds
        heading = (_("What you like most: {names}").format(names=names) if kids
                   else _("Your interest code: {code}").format(code=result.code.letters))
        strongest = "" if kids else _("Your strongest areas, in order: {names}.").format(names=names)
        tied = (_("Some of your scores are tied, so the order of tied letters could have gone either way.")
                if result.code.ambiguous else "")
        meanings = _meanings(result, loc)
    return ProfileView(
        heading=heading, strongest=strongest, tied=tied,
        cautions=[_(m) for m in explain.caution_messages(result)] if result.confident else [],
        warnings=[] if result.confident else [_(m) for m in explain.honest_messages(result)],
        offer_retake=bool(result.cautions) or not result.confident, kids=kids, meanings=meanings,
        prompts=[f"- {_(prompt)}" for prompt in explain.prompts(result)], not_measured=_(explain.NOT_MEASURED),
        scores_caption=_("Resume code: {code}. Scores are sums of your answers (0 to {max} per area).").format(
            code=resume_code, max=result.max_score))


def _meanings(result: Profile, loc: Locale) -> list[Meaning]:
    _ = loc._
    kids = result.band == KIDS_BAND
    area_names = theme_names(result.band)
    bank = quiz.item_bank(result.band, loc.lang) if kids else []
    out = []
    for theme in ranked(result.scores)[:3]:
        meaning = explain.THEME_MEANING_KIDS[theme] if kids else explain.THEME_MEANING[theme]
        examples = [f"{i.emoji} {i.text}" for i in bank if i.theme == theme][:3]
        out.append(Meaning(
            line=f"**{_(area_names[theme])}** ({result.scores[theme]}/{result.max_score}): {_(meaning)}",
            examples=_("Activities like: {examples}").format(examples=" · ".join(examples)) if kids else ""))
    return out
