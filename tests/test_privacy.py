"""Small counts cannot be read or worked out by subtraction from the class dashboard (both databases)."""
from __future__ import annotations

import numpy as np
import pytest
from scipy.optimize import linprog

from explorer import attempts, classes, portfolio, privacy, quiz, settings, validation
from explorer.riasec import THEMES

AUSTIN = "0012420"


def _student(url: str, rng: np.random.Generator) -> str:
    items = quiz.form_items("9-12", "quick")
    answers = validation.simulated_answers(rng, rng.normal(0, 1.5, 6), items, validation.item_popularity(items))
    code = attempts.start("9-12", "quick", "en", url)
    for item_id, value in answers.items():
        attempts.save_answer(code, item_id, value, url)
    attempts.finish(code, url)
    return code


def _class(url: str, campuses: list[str], grades: list[int | None], seed: int = 3, unfinished: int = 0) -> str:
    rng = np.random.default_rng(seed)
    class_code = classes.create_class("Period 3", "counselor", ["campus"], url)
    for n, (campus, grade) in enumerate(zip(campuses, grades)):
        code = _student(url, rng) if n >= unfinished else attempts.start("9-12", "quick", "en", url)
        classes.join(class_code, code, grade=grade, groups={"campus": campus}, url=url)
        if n % 3 == 0:
            portfolio.set_favourite(code, "29-1141.00", True, url)
    return class_code


def _range(values: dict, hidden: set, bounds: dict, lines: list[tuple[list, int]]) -> dict:
    """For each hidden cell, the smallest and largest value consistent with everything shown
    (linear programme over the hidden cells; row/column-sum systems have integral vertices)."""
    cells = sorted(hidden)
    if not cells:
        return {}
    a_eq, b_eq = [], []
    for members, total in lines:
        a_eq.append([1.0 if c in members else 0.0 for c in cells])
        b_eq.append(total - sum(values[c] for c in members if c not in hidden))
    out = {}
    for j, cell in enumerate(cells):
        ends = []
        for sign in (1, -1):
            cost = [0.0] * len(cells)
            cost[j] = sign
            res = linprog(cost, A_eq=a_eq or None, b_eq=b_eq or None, bounds=[bounds[c] for c in cells])
            assert res.status == 0
            ends.append(sign * res.fun)
        out[cell] = (round(ends[0]), round(ends[1]))
    return out


HIDDEN = ("<10", privacy.SUPPRESSED)


def _hidden_cells(table, k: int) -> set:
    return {(g, c) for g in table.index for c in table.columns if table.loc[g, c] in (privacy.hidden_text(k),
                                                                                        privacy.SUPPRESSED)}


def _reader_bounds(shown: dict, upper: dict, k: int) -> dict:
    """What a reader knows of each cell from how it is shown: "<k" is 1..k-1, "—" k or more."""
    return {c: (1, k - 1) if v == privacy.hidden_text(k) else (k, upper[c]) if v == privacy.SUPPRESSED
            else (0, upper[c]) for c, v in shown.items()}


def _assert_nothing_recoverable(url: str, kb, class_code: str, by: str) -> dict:
    k = privacy.min_group()
    _joined, people = classes.released_members(classes.members(class_code, url), k)
    whole = classes.dashboard(kb, class_code, AUSTIN, url=url)
    split = classes.dashboard(kb, class_code, AUSTIN, by=by, url=url)
    completion = split["completion"]
    # Every row that is listed holds at least k students: no row exists because one student holds a value.
    assert all(n >= k for n in completion["students"]) or whole["notes"]["too_small"]
    # Finished counts: the whole class's finished count is a known total for the split's column.
    known_total = len(people)
    hidden = {g for g in completion.index if completion.loc[g, "finished_shown"] in HIDDEN}
    values = completion["finished"].to_dict()
    bounds = _reader_bounds(completion["finished_shown"].to_dict(), dict.fromkeys(completion.index, known_total), k)
    ranges = _range(values, hidden, bounds, [(list(completion.index), known_total)])
    for cell, (low, high) in ranges.items():
        assert low < high, f"finished count of {cell} is recoverable: {low}"
    # Interest themes: row totals (3 letters per coded student) and the whole-class column totals.
    themes = split["themes"]
    truth = {}
    for g in themes.index:
        members = people if g == classes.ALL else people[_rows_of(people, by, g, completion.index)]
        for t in THEMES:
            truth[(g, t)] = int(sum(t in code for code in members["code"].dropna()))
    coded = {g: sum(truth[(g, t)] for t in THEMES) for g in themes.index}
    lines = [([(g, t) for t in THEMES], coded[g]) for g in themes.index]
    if len(themes.index) > 1:  # a split's columns add up to the whole-class counts, known from that view
        lines += [([(g, t) for g in themes.index], sum(truth[(g, t)] for g in themes.index)) for t in THEMES]
    shown = {(g, t): themes.loc[g, t] for g, t in truth}
    ranges = _range(truth, _hidden_cells(themes, k), _reader_bounds(shown, {c: coded[c[0]] // 3 for c in truth}, k),
                    lines)
    for cell, (low, high) in ranges.items():
        assert low < high, f"theme count {cell} is recoverable: {low}"
    # Nothing shown is a small count.
    for table in (completion[["students_shown", "finished_shown"]], themes):
        for value in table.to_numpy().ravel():
            assert value in HIDDEN or value == "0" or int(value) >= k
    assert all(split["full_codes"]["students"] >= k) and all(split["favourites"]["students"] >= k)
    return split


def _rows_of(people, by: str, group: str, listed) -> np.ndarray:
    values = people[by].map(lambda v: "" if v is None or v != v else str(v))
    if group != classes.OTHER:
        return (values == group).to_numpy()
    return (~values.isin([g for g in listed if g != classes.OTHER])).to_numpy()


def test_the_class_of_13_split_two_ways(database_url, kb):
    """The reported attack: 13 students, 11 on campus North, 2 on South; grades 9 (10) and 10 (3)."""
    class_code = _class(database_url, ["North"] * 11 + ["South"] * 2, [9] * 10 + [10] * 3)
    for by in ("campus", "grade"):
        split = _assert_nothing_recoverable(database_url, kb, class_code, by)
        # South (2) cannot be listed alone, and North cannot be listed beside a pool of 2: the split is refused.
        assert list(split["completion"].index) == [classes.ALL] and split["notes"]["split_refused"]
    whole = classes.dashboard(kb, class_code, AUSTIN, url=database_url)
    # The class's own totals are exact; the figures describe the first whole batch of 10.
    assert (whole["notes"]["joined"], whole["notes"]["finished"]) == (13, 13)
    assert whole["completion"].loc[classes.ALL, "students_shown"] == "10"
    csv = classes.export_csv(whole)
    assert "South" not in csv and "North" not in csv and "all,10,10" in csv


def test_a_class_of_30_keeps_useful_figures(database_url, kb):
    campuses = ["North"] * 14 + ["South"] * 12 + ["West"] * 3 + [""]
    class_code = _class(database_url, campuses, [9] * 15 + [10] * 15, seed=5, unfinished=2)
    split = _assert_nothing_recoverable(database_url, kb, class_code, "campus")
    completion = split["completion"]
    # West (3) and the blank one are pooled with the smallest named campus; North is listed.
    assert "West" not in completion.index and "North" in completion.index
    assert completion["students"].sum() == 30
    whole = _assert_nothing_recoverable(database_url, kb, class_code, "grade")
    shown_themes = (classes.dashboard(kb, class_code, AUSTIN, url=database_url)["themes"] != "<10").to_numpy().sum()
    assert shown_themes >= 4, "top-three theme counts should mostly show for a class of 30"
    assert whole["completion"]["students"].sum() == 30


def test_a_class_below_the_minimum_shows_no_figure(database_url, kb):
    class_code = _class(database_url, ["North"] * 6, [9] * 6)
    tables = classes.dashboard(kb, class_code, AUSTIN, url=database_url)
    assert tables["notes"]["too_small"] and (tables["notes"]["joined"], tables["notes"]["finished"]) == (6, 6)
    assert set(tables["completion"][["students_shown", "finished_shown"]].to_numpy().ravel()) == {"0"}
    assert set(tables["themes"].to_numpy().ravel()) == {"0"}  # nobody released yet: nothing to describe
    assert tables["full_codes"].empty and tables["favourites"].empty


def test_the_minimum_is_a_district_setting(monkeypatch):
    assert privacy.min_group() == settings.Settings.model_fields["min_group"].default
    monkeypatch.setenv("EXPLORER_MIN_GROUP", "12")
    assert privacy.min_group() == 12
    for bad in ("4", "ten", "١٢", "-10"):
        monkeypatch.setenv("EXPLORER_MIN_GROUP", bad)
        with pytest.raises(settings.SettingsError, match="EXPLORER_MIN_GROUP: min_group must be"):
            privacy.min_group()


def test_a_lone_count_hides_only_small_groups():
    k = 10
    assert [privacy.lone_count(n, k) for n in (0, 1, k - 1, k, 1400)] == [0, "<10", "<10", k, 1400]
    assert [privacy.lone_text(n, k) for n in (0, k - 1, 1400)] == ["0", "<10", "1,400"]


def test_complementary_suppression_hides_a_partner_for_a_lone_small_cell():
    values = {"a": 11, "b": 2, "c": 15}
    upper = dict.fromkeys(values, 20)
    complementary = privacy.protect_line(values, upper, {"b"}, set(), total=28, k=10)
    assert complementary == {"a"}
    assert not privacy.pinned(values, privacy.reader_bounds(upper, {"b"}, {"a"}, 10), {"a", "b"}, 28)
    assert privacy.protect_line(values, upper, {"b"}, set(), total=None, k=10) == set()
    # A hidden count that is not small is shown as hidden, never as "<10".
    assert privacy.shown(11, True, 10) == privacy.SUPPRESSED and privacy.shown(2, True, 10) == "<10"
    assert privacy.recode_groups({"North": 11, "South": 2}, 10, "other") == {"North": "other", "South": "other"}
    assert privacy.recode_groups({"N": 14, "S": 12, "W": 3, "": 1}, 10, "other") == {
        "N": "N", "S": "other", "W": "other", "": "other"}
