"""Tables as students read them: text cells with units and honest gaps, built from data (no streamlit)."""
from __future__ import annotations

import re

import pandas as pd

from explorer import families, labor, matching, places, words
from explorer.data import KnowledgeBase
from explorer.i18n import N_, Locale, Translator
from explorer.riasec import THEME_NAMES, THEMES

JOB_ZONE_LABELS = {1: N_("little or no preparation"), 2: N_("some preparation"), 3: N_("medium preparation"),
                   4: N_("considerable preparation"), 5: N_("extensive preparation")}
# BLS typical entry-level education, as BLS words it (translated for display).
EDUCATION_LABELS = [N_("No formal educational credential"), N_("High school diploma or equivalent"),
                    N_("Some college, no degree"), N_("Postsecondary nondegree award"), N_("Associate's degree"),
                    N_("Bachelor's degree"), N_("Master's degree"), N_("Doctoral or professional degree")]
EXPERIENCE_LABELS = [N_("None"), N_("Less than 5 years"), N_("5 years or more")]
TRAINING_LABELS = [N_("Short-term on-the-job training"), N_("Moderate-term on-the-job training"),
                   N_("Long-term on-the-job training"), N_("Apprenticeship"), N_("Internship/residency")]


def preparation(row: pd.Series, _: Translator, band: str = "9-12") -> str:
    zone = row["job_zone"]
    text = zone_label(int(zone), _, band)
    education = bls_label(row["ep_typical_education"], _)
    return f"{text} · {education}" if education else text


def bls_label(value: object, _: Translator) -> str:
    """A BLS category ("Bachelor's degree", "None" ...) in the reader's language; blank when unpublished."""
    return _(value) if isinstance(value, str) else ""


SORT_HEADERS = {"fit": N_("Fit"), "openings": N_("Openings a year here (estimate)"), "wage": N_("Median pay"),
                "growth": N_("U.S. growth 2024-34"), "training": N_("Preparation")}
SORT_MARK = {"fit": " ▼", "openings": " ▼", "wage": " ▼", "growth": " ▼", "training": " ▲"}


def fit_meter(r: float) -> str:
    """Closeness of fit as five dots (no correlation coefficient on a student's screen)."""
    filled = int(min(5, max(0, round(float(r) * 5))))
    return "●" * filled + "○" * (5 - filled)


def also_titles(also: list[str], titles: pd.Series) -> str:
    return "; ".join(str(titles[c]) for c in also)


def results_table(ranked: pd.DataFrame, consistent: pd.Series | None, titles: pd.Series, loc: Locale,
                  priority: str = "fit", band: str = "9-12") -> pd.DataFrame:
    """The ranked list: fit, occupation, median and starting (p25) pay, local jobs and openings, growth, preparation.

    ``titles`` (title by code) names the occupations in "Also in this group" and "Same job, other
    subjects"; the "Occupation" column is in the reader's language (:func:`explorer.labor.shown_titles`),
    so pass Spanish titles for Spanish readers (:func:`explorer.labor.occupation_titles`).
    One row per BLS labour market; occupations that share it are named in "Also in this group",
    and "Jobs and pay for" says in words when the figures belong to a broader BLS group. A family of
    near-identical jobs (:mod:`explorer.families`, folded by :mod:`explorer.local_results`) is one row
    naming the others. Pay comes right after the title so a laptop screen shows it without scrolling
    sideways. The column that sets the order inside each fit band carries an arrow.
    """
    _ = loc._
    rows = ranked
    headers = {key: _(label) + (SORT_MARK[key] if key == priority else "") for key, label in SORT_HEADERS.items()}
    members = rows["family_members"] if "family_members" in rows else pd.Series([[]] * len(rows), index=rows.index)
    family = rows["family"] if "family" in rows else pd.Series(pd.NA, index=rows.index)
    return pd.DataFrame({
        _("#"): rows["rank"].to_numpy(),
        headers["fit"]: [f"{_(matching.BAND_LABELS[b])} {fit_meter(r)}" for b, r in zip(rows["band"], rows["r"])],
        _("Occupation"): labor.shown_titles(rows, loc.lang).to_numpy(),
        headers["wage"]: [labor.pay_text(row, "median", loc) for _c, row in rows.iterrows()],
        starting_pay_header(band, _): [labor.pay_text(row, "p25", loc) for _c, row in rows.iterrows()],
        _("Local jobs"): [labor.jobs_text(row, loc) for _c, row in rows.iterrows()],
        headers["openings"]: ["" if pd.isna(v) else loc.count(v) for v in rows["local_openings"]],
        headers["growth"]: [loc.percent(v) for v in rows["ep_change_percent"]],
        headers["training"]: [preparation(row, _, band) for _code, row in rows.iterrows()],
        _("Consistent pick"): ["✔" if consistent is not None and consistent.get(code, 0) >= matching.CONSISTENT_SHARE
                               else "" for code in rows.index],
        _("Bright Outlook"): ["☀️" if b else "" for b in rows["bright_outlook"]],
        _("Same job, other subjects or specialties"): [family_text(f, m, titles, _)
                                                        for f, m in zip(family, members)],
        _("Jobs and pay for"): [labor.figures_label(row, _, loc.lang) for _c, row in rows.iterrows()],
        _("Also in this group"): [also_titles(a, titles) for a in rows["also"]],
        _("Code"): rows.index,
    })


def elsewhere_note(area: str, oews_source: str, from_place: bool, _: Translator) -> str:
    """The caption of the "not found near here" list: what is absent, and how "nearest" was measured."""
    if from_place:
        return _("BLS publishes no jobs or pay for these occupations in {area}. Miles in a straight line to the "
                 "nearest county of each area (Census 2023 county points); jobs: {source}.").format(
            area=area, source=oews_source)
    return _("BLS publishes no jobs or pay for these occupations in {area}. Other areas of your state with the most "
             "of these jobs (give your ZIP code or town on Home to see miles); jobs: {source}.").format(
        area=area, source=oews_source)


def family_text(family: object, members: list[str], titles: pd.Series, _: Translator) -> str:
    """ "Physicians and surgeons (by specialty): 4 more here — Psychiatrists; ..." ("" for a row alone)."""
    if not members:
        return ""
    return _("{family}: {count} more — {titles}").format(
        family=_(families.family_name(str(family))), count=len(members), titles=also_titles(members, titles))


def few_rows_note(count: int, good_more: int, _: Translator, few: int = 10) -> str:
    """When fewer than ``few`` Best or Great fits exist here, say how many Good fits the toggle adds ("" otherwise)."""
    if count >= few or good_more <= 0:
        return ""
    return _("Only {count} jobs here fit you at the Best or Great level. Turn on “Also show Good fits” to see "
             "{more} more that fit you somewhat.").format(count=count, more=good_more)


def card_texts(display: pd.DataFrame, _: Translator) -> list[str]:
    """Each row of the results table as one card's Markdown: "**1. Title**", then every non-empty cell
    as "column: value" (the family column is left out: its members have their own buttons)."""
    hidden = {_("#"), _("Occupation"), _("Code"), _("Same job, other subjects or specialties")}
    return [f"**{row[_('#')]}. {md_escape(row[_('Occupation')])}**\n\n" + "  \n".join(
        f"{md_escape(column)}: {md_escape(value)}" for column, value in row.items()
        if column not in hidden and str(value).strip()) for _i, row in display.iterrows()]


def elsewhere_table(rows: pd.DataFrame, nearest: list[str], loc: Locale, from_place: bool = True) -> pd.DataFrame:
    """Fits BLS does not publish in the student's area, with the nearest areas that have them
    (``from_place``: in miles from the student's ZIP or town; else the state's areas with the most jobs)."""
    _ = loc._
    where = _("Nearest areas where BLS publishes it") if from_place else _("Areas of your state where BLS publishes it")
    return pd.DataFrame({
        _("Fit"): [f"{_(matching.BAND_LABELS[b])} {fit_meter(r)}" for b, r in zip(rows["band"], rows["r"])],
        _("Occupation"): labor.shown_titles(rows, loc.lang).to_numpy(),
        where: nearest,
        _("Similar jobs folded in"): [str(len(m)) if m else "" for m in rows["family_members"]],
        _("Code"): rows.index,
    })


def cluster_table(clusters: pd.DataFrame, loc: Locale) -> pd.DataFrame:
    _ = loc._
    return pd.DataFrame({
        _("Career cluster"): [words.cluster_name(c, loc.lang) for c in clusters.index],
        _("Occupations"): clusters["occupations"].to_numpy(),
        _("Local jobs"): [loc.count(v) for v in clusters["local_jobs"]],
        _("Examples here"): [", ".join(e) if isinstance(e, list) else "" for e in clusters["examples"]],
    })


def area_name(kb: KnowledgeBase, area_code: str, _: Translator) -> str:
    """The region as a student reads it (OEWS calls the whole country "National")."""
    if area_code == labor.NATIONAL:
        return _("United States")
    return str(kb.regions.loc[area_code, "name"])


def wage_rows(kb: KnowledgeBase, oews_code: str | None, area_code: str) -> pd.DataFrame:
    """The occupation's wage percentiles in the student's area, its state and the nation (as published)."""
    areas = [area_code]
    state = kb.regions.loc[area_code, "state_code"]
    if isinstance(state, str) and f"{state}00000" not in areas:
        areas.append(f"{state}00000")
    if labor.NATIONAL not in areas:
        areas.append(labor.NATIONAL)
    rows = []
    for code in areas:
        figures = labor.area_figures(kb, code)
        if oews_code is not None and oews_code in figures.index:
            rows.append(figures.loc[oews_code].to_dict() | {"area_code": code, "area": kb.regions.loc[code, "name"]})
    return pd.DataFrame(rows)


def wage_table(wages: pd.DataFrame, loc: Locale) -> pd.DataFrame:
    _ = loc._
    columns = {"p10": _("10th percentile"), "p25": _("25th (starting)"), "median": _("Median"),
               "p75": _("75th"), "p90": _("90th percentile")}
    names = [_("United States") if code == labor.NATIONAL else name for code, name in zip(wages["area_code"], wages["area"])]
    out = {_("Area"): names,
           _("Jobs"): [labor.employment_text(v, f, True, loc)
                       for v, f in zip(wages["employment"], wages["employment_footnote"])]}
    for percentile, label in columns.items():
        out[label] = [labor.pay_text(row | {"in_area": True}, percentile, loc) for row in wages.to_dict("records")]
    return pd.DataFrame(out)


def where_else(kb: KnowledgeBase, oews_code: str | None, area_code: str, limit: int = 5) -> pd.DataFrame:
    """Other areas of the same state that publish this occupation, most jobs first.

    OEWS gives no coordinates, so "nearest" means "in your state"; the state figure is included.
    """
    if oews_code is None:
        return pd.DataFrame(columns=["area_code", "name", "employment"])
    state = kb.regions.loc[area_code, "state_code"]
    same_state = kb.regions[(kb.regions["state_code"] == state) & (kb.regions.index != area_code)]
    found = kb.local_figures[(kb.local_figures["oews_code"] == oews_code)
                             & kb.local_figures["area_code"].isin(same_state.index)]
    found = found.assign(name=found["area_code"].map(kb.regions["name"]))
    return found.sort_values("employment", ascending=False, na_position="last")[
        ["area_code", "name", "employment"]].head(limit)


def compare_table(kb: KnowledgeBase, local: pd.DataFrame, codes: list[str], loc: Locale) -> pd.DataFrame:
    """Two or three occupations side by side (rows = facts, columns = occupations)."""
    _ = loc._
    facts = {}
    titles = labor.occupation_titles(kb, loc.lang)
    for code in codes:
        row = local.loc[code]
        facts[titles[code]] = {
            _("Holland code"): row["holland_code"],
            _("Jobs and pay for"): labor.figures_label(row, _, loc.lang) or _("this occupation"),
            _("Local jobs"): labor.jobs_text(row, loc),
            _("Local openings per year (estimate)"): "" if pd.isna(row["local_openings"]) else loc.count(row["local_openings"]),
            _("Starting pay (25th percentile)"): labor.pay_text(row, "p25", loc),
            _("Median pay"): labor.pay_text(row, "median", loc),
            _("U.S. growth 2024-34"): loc.percent(row["ep_change_percent"]),
            _("Bright Outlook"): _("yes") if row["bright_outlook"] else _("no"),
            _("Preparation"): preparation(row, _),
            _("Work experience"): bls_label(row["ep_work_experience"], _),
            _("On-the-job training"): bls_label(row["ep_training"], _),
            _("Career cluster"): words.cluster_name(row["career_cluster"], loc.lang),
        }
    return pd.DataFrame(facts)


def theme_list(letters: list[str], _: Translator) -> str:
    return ", ".join(_(THEME_NAMES[t]) for t in letters)


def related(kb: KnowledgeBase, code: str, limit: int = 6, lang: str = "en") -> dict[str, str]:
    """O*NET's closest related occupations (Primary-Short tier first) that have interest data, titled
    in the reader's language."""
    rows = kb.related_occupations[kb.related_occupations["onet_code"] == code].sort_values("rank")
    codes = [c for c in rows["related_code"] if c in kb.occupations.index][:limit]
    titles = labor.occupation_titles(kb, lang)
    return {c: titles[c] for c in codes}


_MARKDOWN_SPECIALS = "\\`*_{}[]()<>#+!|~$"


_AUTOLINK_STARTS = re.compile(r"(?i)(https?|ftp|mailto|www)(?=[:.])|(?<=[\w.+-])(?=@)")
WORD_JOINER = "\u2060"  # invisible, zero width; stops Markdown from seeing a bare URL or e-mail address


def md_escape(text: object) -> str:
    """Show district- or user-entered text literally inside Markdown and widget labels: no links,
    images, emphasis or HTML, and no bare URL or e-mail address turned into a link (GFM autolinks
    them even when escaped, and then shows the escaping backslashes inside the link)."""
    escaped = "".join("\\" + ch if ch in _MARKDOWN_SPECIALS else ch for ch in str(text))
    return _AUTOLINK_STARTS.sub(lambda m: (m.group(1) or "") + WORD_JOINER, escaped)


def audit_view(table: pd.DataFrame, loc: Locale) -> pd.DataFrame:
    """The pathway audit as a counselor reads it: text cells, ✔ for what the catalog offers."""
    _ = loc._
    yes = "✔"
    gap_text = {"none": "", "incomplete": _("incomplete pathway"), "no_pathway": _("no pathway")}

    def whose(title: object, all_other: bool) -> str:
        if not isinstance(title, str):
            return _("this occupation")
        if all_other:
            return _("BLS group “{group}” (mixed: not rated for demand)").format(group=title)
        return _("all {group}").format(group=title)

    def made_nearby(awards: int, colleges: int) -> str:
        if colleges == 0:
            return _("none")
        return _("{awards} ({colleges} colleges)").format(awards=loc.count(awards), colleges=colleges)

    gaps = [gap_text[g] for g in table["gap"]]
    if "no_training_nearby" in table:
        gaps = ["; ".join(filter(None, [g, _("no training nearby") if none else ""]))
                for g, none in zip(gaps, table["no_training_nearby"], strict=True)]
    supply = {}
    if "training_awards" in table:
        supply = {_("Awards nearby 2023-24"): [made_nearby(a, c) for a, c in zip(
            table["training_awards"], table["training_colleges"], strict=True)]}
    return pd.DataFrame({
        _("Occupation"): table["title"].to_numpy(),
        _("Jobs and pay for"): [whose(t, a) for t, a in zip(table["figures_for"], table["all_other"])],
        _("Jobs here"): ["" if pd.isna(v) else loc.count(v) for v in table["local_employment"]],
        _("Openings a year here"): ["" if pd.isna(v) else loc.count(v) for v in table["local_openings"]],
        _("Median pay"): [_("not released") if pd.isna(v) else loc.money(v)
                          for v in table["annual_median"].astype("Float64").to_numpy(dtype=float, na_value=float("nan"))],
        _("In demand"): [yes if v else "" for v in table["in_demand"]],
        _("Program"): [yes if v else "" for v in table["has_program"]],
        _("Dual enrollment"): [yes if v else "" for v in table["has_dual_enrollment"]],
        _("Work-based learning"): [yes if v else "" for v in table["has_work_based_learning"]],
        _("Credential"): [yes if v else "" for v in table["has_credential"]],
        **supply,
        _("Gap"): gaps,
        _("Students matched"): table["students_shown"].to_numpy(),
    })


def low_demand_view(low: pd.DataFrame, loc: Locale) -> pd.DataFrame:
    _ = loc._
    reason = {"few_openings": _("few openings"), "low_pay": _("pay below the area median")}
    return pd.DataFrame({_("Program"): low["name"], _("Openings a year here"): [loc.count(v) for v in low["local_openings"]],
                         _("Best median pay"): ["" if v is None or pd.isna(v) else loc.money(v) for v in low["best_median_pay"]],
                         _("Why listed"): [reason[r] for r in low["reason"]]})


def history_points(history) -> list[dict]:
    """Chart rows for the retake history: one point per quiz and theme, as a share of that quiz's scale."""
    return [{"when": f"{started:%Y-%m-%d} ({saved.resume_code})", "theme": t, "share": profile.scores[t] / profile.max_score}
            for saved, profile, started in history for t in THEMES]


def group_label(group: object, _: Translator) -> str:
    """A dashboard row's name: the whole class, the pooled small groups, or what students typed."""
    from explorer import classes

    if group == classes.ALL:
        return _("whole class")
    return _(classes.OTHER) if group == classes.OTHER else str(group)


def place_labels(found: list[places.Place], regions: pd.DataFrame, _: Translator) -> list[str]:
    """How to tell apart several places that match what a student typed: for towns, the OEWS area each
    one's jobs and pay come from; for a ZIP code split across areas, the share of its land in each."""
    if found and found[0].key.startswith("t:"):
        return [_("{place} (jobs and pay: {area})").format(place=p.label, area=regions.loc[p.area_code, "name"])
                for p in found]
    return [p.label if p.share >= 1 else _("{place}: {share}% of its land is in {area}").format(
        place=p.label, share=round(100 * p.share), area=regions.loc[p.area_code, "name"]) for p in found]


def zone_label(zone: int, _: Translator, band: str = "9-12") -> str:
    """A job zone as a student reads it: "Zone 3: medium preparation"; grades 6-8 read only the words
    ("Medium preparation"), no "zone"."""
    if band == "6-8":
        words = _(JOB_ZONE_LABELS[zone])
        return words[:1].upper() + words[1:]
    return _("Zone {zone}: {label}").format(zone=zone, label=_(JOB_ZONE_LABELS[zone]))


def zone_filter_words(band: str, _: Translator) -> tuple[str, str]:
    """The results page's preparation filter: its label and its glossary tooltip, in the grade's words
    (grades 6-8: no "job zone" in the label; the tooltip says where the levels come from)."""
    if band == "6-8":
        return (_("How much school and training do you want?"),
                _("From little or no preparation (learn on the job) to extensive preparation (most need a degree "
                  "after college). O\\*NET calls these levels “job zones”."))
    return (_("How much preparation do you want? (job zone)"),
            _("Job zones, as O\\*NET defines them: 1 = little or no preparation ... "
              "5 = extensive preparation (most need a graduate degree)."))


def starting_pay_header(band: str, _: Translator) -> str:
    """Grades 6-8 read what the 25th percentile means, not the word."""
    return _("Starting pay (1 in 4 workers earn less)") if band == "6-8" else _("Starting pay (25th percentile)")


def zone_fallback_text(count: int, fallback: dict[int, int], _: Translator, band: str = "9-12") -> str:
    """When the chosen preparation levels leave few results: how many, and the nearby levels with more
    (grades 6-8: the levels by their words, no "zone")."""
    options = (f"{zone_label(z, _, band).lower()} ({c})" if band == "6-8" else
               _("zone {zone} ({count})").format(zone=z, count=c) for z, c in fallback.items())
    return _("Only {n} occupations in the chosen preparation level fit your interests. Nearby levels have "
             "more: {options}.").format(n=count, options=", ".join(options))


def split_label(field: str | None, _: Translator) -> str:
    """A "Split by" choice of the class dashboard: the whole class, grade, or a field the class asks for."""
    if field is None:
        return _("whole class")
    return _("grade") if field == "grade" else field


def dashboard_notice(notes: pd.Series, _: Translator) -> str:
    """Why a dashboard shows less than asked ("" when it shows everything): a class or a split with
    groups under the minimum size."""
    k = int(notes["min_group"])
    if notes["too_small"]:
        return _("This class has fewer than {k} students, so its figures are hidden.").format(k=k)
    if notes["split_refused"]:
        return _("Split this way, some groups would have fewer than {k} students, so the whole class is shown.").format(k=k)
    return ""


def release_notice(notes: pd.Series, _: Translator) -> str:
    """The class's own totals (exact) and which students the figures below describe (the release rule)."""
    return _("{joined} students joined and {finished} finished the quiz. To keep each student's answers "
             "private, the figures below describe the first {released} to finish (and the first {joined_released} "
             "to join): they change only when {k} more have finished or joined, never for one student.").format(
        joined=int(notes["joined"]), finished=int(notes["finished"]), released=int(notes["released_finished"]),
        joined_released=int(notes["released_joined"]), k=int(notes["min_group"]))


def completion_view(completion, _):
    return pd.DataFrame({_("Group"): [group_label(g, _) for g in completion.index],
                         _("Students"): completion["students_shown"].to_numpy(),
                         _("Finished the quiz"): completion["finished_shown"].to_numpy()})


def themes_view(themes, _):
    """Students with each interest area among the three letters of their code, per group."""
    out = pd.DataFrame({_("Group"): [group_label(g, _) for g in themes.index]})
    for theme in THEMES:
        out[_(THEME_NAMES[theme])] = themes[theme].to_numpy()
    return out


def favourites_view(favourites: pd.DataFrame, loc: Locale) -> pd.DataFrame:
    _ = loc._
    return pd.DataFrame({_("Occupation"): favourites["title"].to_numpy(),
                         _("Students"): favourites["students_shown"].to_numpy(),
                         _("Openings a year here"): ["" if pd.isna(v) else loc.count(v) for v in favourites["local_openings"]]})


def full_codes_view(full, _):
    return pd.DataFrame({_("Interest code"): full.index.astype(str), _("Students"): full["students_shown"].to_numpy()})
