"""What a family reads about their child: the family page (the family link) and the family report.

Written to the family ("your child"), never to the student: what the interest code means in plain
words, and each favourite career with its local pay and jobs, cited with source and release.
"""
from __future__ import annotations

from dataclasses import dataclass

from explorer import explain, labor
from explorer.data import KnowledgeBase
from explorer.i18n import Locale
from explorer.quiz import Profile
from explorer.riasec import theme_names


@dataclass(frozen=True)
class Interests:
    heading: str  # "What your child likes most: Social, Investigative, Artistic"
    meanings: list[str]  # one plain line per top area, most liked first
    code_note: str  # what the letters are ("" for grades 3-5, who see no code)


def interests(profile: Profile, loc: Locale) -> Interests:
    """The top three interest areas told to a family, with what the code letters stand for."""
    _ = loc._
    names = theme_names(profile.band)
    if not profile.confident:
        return Interests(_("Broad interests: no single area stands out yet"),
                         [_("Your child liked several kinds of work about equally. That is common, and a good "
                            "reason to try different things this year.")], "")
    letters = profile.code.letters
    meanings = [_("{area}: {meaning}").format(area=_(names[t]), meaning=_(explain.THEME_MEANING_FAMILY[t]))
                for t in letters]
    heading = _("What your child likes most: {names}").format(names=", ".join(_(names[t]) for t in letters))
    note = "" if profile.band == "3-5" else _(
        "Interest code {code}: the first letters of these three areas, the one your child liked most first. The "
        "quiz asked how much your child would like to do everyday work activities. It shows interests, not "
        "abilities.").format(code=letters)
    return Interests(heading, meanings, note)


@dataclass(frozen=True)
class FamilyCareer:
    code: str
    title: str
    figures: str  # "starting pay $44,920, median $65,810; 40 jobs in Central Louisiana ..."
    note: str  # whose figures these are ("" when the occupation's own)


def careers(kb: KnowledgeBase, codes: list[str], area_code: str, loc: Locale) -> list[FamilyCareer]:
    """The favourite careers with their local figures in ``area_code`` (titles in the reader's language)."""
    _ = loc._
    local = labor.local_occupations(kb, area_code)
    titles = labor.occupation_titles(kb, loc.lang)
    area = area_label(kb, area_code, loc)
    out = []
    for code in codes:
        if code not in local.index:
            continue
        row = local.loc[code]
        if row["in_area"]:
            figures = _("starting pay {start}, median {median}; {jobs} jobs in {area}.").format(
                start=labor.pay_text(row, "p25", loc), median=labor.pay_text(row, "median", loc),
                jobs=labor.jobs_text(row, loc), area=area)
        else:
            figures = labor.absent_text(row, _, area)
        out.append(FamilyCareer(code, str(titles[code]), figures, labor.figures_note(row, _, loc.lang)))
    return out


def area_label(kb: KnowledgeBase, area_code: str, loc: Locale) -> str:
    """The area's name as BLS writes it; the whole country in the reader's words (never its code)."""
    if area_code == labor.NATIONAL:
        return loc._("the United States")
    return str(labor.region(kb, area_code)["name"])


def source(kb: KnowledgeBase, area_code: str, loc: Locale) -> str:
    return loc._("Pay and jobs: {source}.").format(source=labor.oews_citation(kb, area_code, loc))
