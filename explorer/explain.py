"""Plain-language explanations of a profile: what each theme means, prompts to talk about, limits.

All wording here is our own. Strings are marked with N_ and translated where they are shown.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from explorer import matching
from explorer.i18n import N_
from explorer.quiz import BLOCKING_FLAGS, Item, Profile

# The quiz's forms as a reader says them ("grades 9-12, quick form").
FORM_NAMES: dict[str, str] = {"quick": N_("quick"), "full": N_("full")}

THEME_MEANING: dict[str, str] = {
    "R": N_("You like hands-on work with tools, machines, plants or animals, often outdoors, where you can "
            "see what you made or fixed."),
    "I": N_("You like figuring things out: asking why, testing ideas, working with facts, numbers and "
            "experiments until a puzzle makes sense."),
    "A": N_("You like making things that are new and your own: pictures, music, stories, designs, "
            "performances, with room to try your own way."),
    "S": N_("You like helping, teaching and caring for people, and working with others more than with "
            "things."),
    "E": N_("You like leading, persuading and starting things: setting goals, making deals and getting "
            "people behind a plan."),
    "C": N_("You like order and accuracy: keeping records, organizing information and following clear "
            "steps so nothing gets missed."),
}

# The same areas told to a family about their child (the family report and the family page).
THEME_MEANING_FAMILY: dict[str, str] = {
    "R": N_("Likes hands-on work with tools, machines, plants or animals, often outdoors, where the result can "
            "be seen."),
    "I": N_("Likes figuring things out: asking why, testing ideas, working with facts, numbers and experiments."),
    "A": N_("Likes making new things of their own: pictures, music, stories, designs or performances."),
    "S": N_("Likes helping, teaching and caring for people, and working with others more than with things."),
    "E": N_("Likes leading, persuading and starting things: setting goals, making deals, getting people behind "
            "a plan."),
    "C": N_("Likes order and accuracy: keeping records, organizing information and following clear steps."),
}

THEME_MEANING_KIDS: dict[str, str] = {
    "R": N_("You like to build, fix and grow things with your hands."),
    "I": N_("You like to ask why and find out how things work."),
    "A": N_("You like to draw, make music, act or make up stories."),
    "S": N_("You like to help, teach and take care of people."),
    "E": N_("You like to lead, sell and get others excited about a plan."),
    "C": N_("You like to sort, count and keep things neat and in order."),
}

PROMPTS: dict[str, tuple[str, ...]] = {
    "one_peak": (
        N_("Your strongest area stands out. Which activity in it did you like most, and why?"),
        N_("Have you done anything like this at school, at home or in a club? What did it feel like?"),
        N_("Who do you know who works in this area? What could you ask them about their day?"),
        N_("What is one class or activity this year that would let you try this area for real?"),
    ),
    "two_peaks": (
        N_("Your top two areas are close. Can you think of a job that mixes both?"),
        N_("When you picture a good day at work, which of the two areas shows up more?"),
        N_("Pick one activity from each area and try both this year. Which one kept your interest longer?"),
        N_("Look at the careers that fit both areas: which surprise you, and why?"),
    ),
    "flat": (
        N_("Your answers show broad interests: no area stands out yet. That is common, and it is useful to know."),
        N_("Think of a time you lost track of time doing something. What were you doing?"),
        N_("Try short, real experiences in two or three areas (a club, a job shadow, a project) and notice what "
           "you want to do again."),
        N_("Explore careers by career cluster instead of by match, and mark the ones you want to learn about."),
    ),
}

# Grades 3-5: short questions an 8-year-old can answer with a grown-up.
PROMPTS_KIDS: tuple[str, ...] = (
    N_("Which activity in the quiz would you most like to try this week?"),
    N_("What do you like to do so much that you forget the time?"),
    N_("Who do you know who does work like this? What could you ask them?"),
    N_("What could you try at school, at home or in a club to find out more?"),
)

QUALITY_MESSAGES: dict[str, str] = {
    "incomplete": N_("You have not answered every activity yet, so these results are not complete. Finish the "
                     "quiz to see your real profile."),
    "all_same": N_("You gave every activity the same answer, so your answers don't show clear favourites yet. "
                   "Try again and think about each activity on its own."),
    "nearly_all_same": N_("Nearly all of your answers were the same, so only a few answers decide your top areas and they "
                      "could honestly have been others. It can help to imagine actually doing each activity for a "
                      "day, then take the quiz again."),
    "too_fast": N_("You answered very quickly, faster than most people can read each activity. Take the quiz "
                   "again when you have a few quiet minutes."),
    "flat": N_("Your answers show broad interests: no area stands out above the others. Here's how to explore: "
               "look through career clusters, try activities in a few areas, and take the quiz again later."),
}

# Gentle cautions: the results still show, because the profile has clear favourites.
CAUTION_MESSAGES: dict[str, str] = {
    "mostly_same": N_("Many of your answers were the same. Your top areas still stand out, so your results are "
                      "below; if you were not sure about many activities, taking the quiz again can sharpen them."),
    "too_fast": N_("You answered quickly, faster than most people read each activity. Your top areas still stand "
                   "out, so your results are below; if you rushed, take the quiz again when you have a few quiet "
                   "minutes."),
}

NOT_MEASURED = N_("What this does not measure: interests are not abilities. This quiz shows what kinds of work "
                  "you might enjoy, not what you are good at or what you should do. Use it to explore, not to "
                  "choose or to be chosen.")


def honest_messages(profile: Profile) -> list[str]:
    """Why a profile gets no confident code: one message per blocking flag, plus flatness.

    "Broad interests" is said only of a flat profile; other doubts get their own words.
    """
    if profile.confident:
        return []
    messages = [QUALITY_MESSAGES[flag] for flag in profile.flags if flag in QUALITY_MESSAGES]
    if profile.shape == "flat" and "all_same" not in profile.flags:
        messages.append(QUALITY_MESSAGES["flat"])
    return messages


def caution_messages(profile: Profile) -> list[str]:
    """Gentle words for results that still show: quick answers, many equal answers."""
    return [CAUTION_MESSAGES[flag] for flag in profile.cautions]


def heading(profile: Profile) -> str:
    """What to call a profile with no confident code: broad interests only when it is flat."""
    if profile.shape == "flat" and not any(f in profile.flags for f in BLOCKING_FLAGS):
        return N_("Broad interests")
    return N_("Your answers need another look")


def prompts(profile: Profile) -> tuple[str, ...]:
    """Discussion prompts for the profile's shape; a doubtful profile is treated as broad interests."""
    if profile.band == "3-5":
        return PROMPTS_KIDS
    return PROMPTS[profile.shape if profile.confident else "flat"]


FIT_HEADLINES = {"best": N_("Strong fit: this job matches your interests closely"),
                 "great": N_("Good fit: this job matches much of what you like"),
                 "good": N_("Some fit: this job shares part of what you like"),
                 None: N_("Weak fit: this job is mostly about things you liked less")}


@dataclass(frozen=True)
class FitExplanation:
    """Why one occupation fits one student, in terms a student can check against their own answers."""

    band: str | None
    headline: str
    r: float  # for counselors only
    shared: list[str]  # themes among the student's top three and the job's high points
    likes_used: list[str]  # item ids: liked activities in themes this job is high on
    dislikes_unneeded: list[str]  # item ids: disliked activities in themes this job is low on
    contributions: dict[str, float]  # each theme's share of r (they add up to r)


def fit_explanation(matcher: matching.Matcher, scores: Mapping[str, float], answers: dict[str, int],
                    items: dict[str, Item], occupation: pd.Series, limit: int = 3) -> FitExplanation:
    """Plain-words reasons: the answers that raised the fit most, split into likes it uses and dislikes it skips.

    An answer "raised the fit" when r is higher with it than had it been "not sure" (2): liking an
    activity of a theme the job is high on, or disliking one of a theme the job is low on.
    """
    code = occupation.name
    r = float(matcher.correlations(scores)[code])
    band = matching.fit_band(r)
    theme_of = {item_id: item.theme for item_id, item in items.items()}
    moved = matching.influential_answers(matcher, answers, theme_of, code, limit=len(answers))
    likes = [i for i, _lift in moved if answers[i] > 2][:limit]
    dislikes = [i for i, _lift in moved if answers[i] < 2][:limit]
    return FitExplanation(band=band, headline=FIT_HEADLINES[band], r=r,
                          shared=matching.shared_themes(scores, occupation), likes_used=likes,
                          dislikes_unneeded=dislikes, contributions=matching.theme_contributions(matcher, scores, code))
