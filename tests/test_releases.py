"""The release rule (#23): students join a class and finish the quiz one at a time while someone
downloads the class dashboard (every breakdown) and the answers export after every single event.
Comparing consecutive downloads must never show one student's answers, top areas, grade or campus.

The attacker knows the order of arrivals (they watched the room) and the rules; they compare each
download with the one before. A change that adds one student's worth of data gives that student
away; a change that adds a batch gives away a value only when every student of the batch holds it.
"""
from __future__ import annotations

import numpy as np
import pytest

from explorer import attempts, classes, privacy, psychometrics_data, quiz, validation
from explorer.riasec import THEMES

AUSTIN = "0012420"
CAMPUSES = ("North", "South", "West")
SPLITS = (None, "grade", "campus")


def _answers(rng: np.random.Generator) -> dict[str, int]:
    items = quiz.form_items("9-12", "quick")
    return validation.simulated_answers(rng, rng.normal(0, 1.5, 6), items, validation.item_popularity(items))


def _observe(url: str, kb, class_code: str) -> dict:
    """Everything a counselor can download now: the dashboard CSV of every split (with its tables)
    and the answers export."""
    seen = {}
    for by in SPLITS:
        tables = classes.dashboard(kb, class_code, AUSTIN, by=by, url=url)
        seen[f"dashboard by {by}"] = (classes.export_csv(tables), tables)
    matrix = psychometrics_data.load("9-12", "quick", url, k=privacy.min_group())
    export = psychometrics_data.export_frame(matrix, "en")
    seen["answers export"] = (psychometrics_data.export_csv(matrix, "en"), export)
    return seen


def _released_count(kind: str, shown) -> tuple[int, int]:
    """What the download itself says about how many students it describes (joined, finished)."""
    if kind == "answers export":
        return 0, len(shown)
    completion = shown["completion"]
    numbers = [int(v) for v in completion["students_shown"] if v.isdigit()]
    finished = [int(v) for v in completion["finished_shown"] if v.isdigit()]
    return sum(numbers), sum(finished) if len(finished) == len(completion) else -1


def _cells(kind: str, shown) -> dict[tuple, int]:
    """The exact counts a download shows about students' attributes (hidden cells tell nothing exact)."""
    if kind == "answers export":
        items = [c for c in shown.columns if c[:1] == "H"]
        return {("answer", item, int(v)): int((shown[item] == v).sum()) for item in items for v in range(5)}
    out = {}
    for g, row in shown["completion"].iterrows():
        if row["students_shown"].isdigit() and g != classes.ALL:  # the whole class is no attribute
            out[("group", g)] = int(row["students_shown"])
    for g, row in shown["themes"].iterrows():
        for t in THEMES:
            if row[t].isdigit():
                out[("top three", g, t)] = int(row[t])
    return out


def _replay(url: str, kb, students: int, seed: int) -> tuple[list[str], dict[str, int]]:
    """Arrivals one at a time; returns what the attacker recovered and how often each download changed."""
    rng = np.random.default_rng(seed)
    class_code = classes.create_class("Period 3", "counselor", ["campus"], url)
    recovered: list[str] = []
    changes = dict.fromkeys([*(f"dashboard by {by}" for by in SPLITS), "answers export"], 0)
    before = _observe(url, kb, class_code)
    for n in range(students):
        code = attempts.start("9-12", "quick", "en", url)
        classes.join(class_code, code, grade=int(rng.integers(9, 13)), groups={"campus": str(rng.choice(CAMPUSES))},
                     url=url)
        after_join = _observe(url, kb, class_code)
        for item_id, value in _answers(rng).items():
            attempts.save_answer(code, item_id, value, url)
        attempts.finish(code, url)
        after_finish = _observe(url, kb, class_code)
        for step, (old, new) in enumerate(((before, after_join), (after_join, after_finish))):
            event = f"student {n + 1} {'joined' if step == 0 else 'finished'}"
            for kind, (csv_new, shown_new) in new.items():
                csv_old, shown_old = old[kind]
                if csv_new == csv_old:
                    continue
                changes[kind] += 1
                joined = _released_count(kind, shown_new)[0] - _released_count(kind, shown_old)[0]
                finished = _released_count(kind, shown_new)[1] - _released_count(kind, shown_old)[1]
                arrived = max(joined, finished)
                if arrived < privacy.min_group():
                    recovered.append(f"{kind} after {event}: changed for {arrived} students")
                    continue
                cells_old, cells_new = _cells(kind, shown_old), _cells(kind, shown_new)
                for cell, count in cells_new.items():
                    if cell in cells_old and count - cells_old[cell] == arrived:
                        recovered.append(f"{kind} after {event}: all {arrived} new students share {cell}")
        before = after_finish
    return recovered, changes


def test_one_at_a_time_arrivals_give_nobody_away(database_url, kb):
    recovered, changes = _replay(database_url, kb, students=35, seed=11)
    assert not recovered, "\n".join(recovered)
    # The downloads did change, in whole batches: 35 students make 3 releases of 10 who finished
    # (and of 10 who joined); the answers export grows by three batches of 10 rows.
    assert changes["answers export"] == 3
    assert 3 <= changes["dashboard by None"] <= 6


def test_without_the_release_rule_the_same_replay_gives_students_away(url, kb, monkeypatch):
    """The attack the rule stops (so the test above can fail): every download, every student."""
    monkeypatch.setattr(privacy, "released", lambda order, k: list(order))
    recovered, _changes = _replay(url, kb, students=14, seed=11)
    assert len([r for r in recovered if "changed for 1 students" in r]) >= 14


@pytest.mark.parametrize("k", [10, 12])
def test_batches_are_the_first_whole_groups_in_order_of_arrival(k):
    order = list(range(35))
    assert privacy.released(order, k) == order[:35 // k * k]
    assert privacy.released(order[:k - 1], k) == []


def test_a_retake_after_the_release_waits_for_the_next_batch(url, kb):
    """A released student's retake changes nobody's download on its own: it counts from the next release."""
    from explorer import portfolio

    rng = np.random.default_rng(5)
    class_code = classes.create_class("Period 3", "counselor", [], url)
    codes = []
    for _n in range(10):
        code = attempts.start("9-12", "quick", "en", url)
        classes.join(class_code, code, grade=10, url=url)
        for item_id, value in _answers(rng).items():
            attempts.save_answer(code, item_id, value, url)
        attempts.finish(code, url)
        codes.append(code)
    released = classes.export_csv(classes.dashboard(kb, class_code, AUSTIN, url=url))
    retake = portfolio.start_retake(codes[0], "9-12", "quick", "en", url)
    opposite = {i.id: 4 if i.theme in "CE" else 0 for i in quiz.form_items("9-12", "quick")}  # a new code: C/E
    for item_id, value in opposite.items():
        attempts.save_answer(retake, item_id, value, url)
    attempts.finish(retake, url)
    assert classes.members(class_code, url)["code"].iloc[0] != classes.released_members(
        classes.members(class_code, url), 10, url)[1]["code"].iloc[0]  # the retake did change the code
    assert classes.export_csv(classes.dashboard(kb, class_code, AUSTIN, url=url)) == released
