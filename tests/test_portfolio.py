"""Portfolio (favourites, plan, retakes, JSON export/import, share links), classes and advising."""
from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone

import pytest

from explorer import advising, attempts, classes, portfolio, quiz

START = datetime(2026, 10, 1, 9, 0, tzinfo=timezone.utc)


def finished(url: str, values: dict[str, int], band: str = "9-12", retake_of: str | None = None) -> str:
    code = portfolio.start_retake(retake_of, band, "quick", "en", url) if retake_of else attempts.start(band, "quick", "en", url)
    for k, item in enumerate(quiz.form_items(band, "quick")):
        value = values[item.theme] if k % 5 else max(0, values[item.theme] - 1)
        attempts.save_answer(code, item.id, value, url, now=START + timedelta(seconds=5 * k))
    attempts.finish(code, url)
    return code


SOCIAL = {"R": 0, "I": 1, "A": 2, "S": 4, "E": 3, "C": 1}
REALISTIC = {"R": 4, "I": 2, "A": 0, "S": 1, "E": 1, "C": 3}


def test_retakes_favourites_plan_and_round_trip(database_url, kb, tmp_path):
    first = finished(database_url, SOCIAL)
    second = finished(database_url, REALISTIC, retake_of=first)
    assert portfolio.portfolio_code(second, database_url) == first
    assert [p.code.letters[0] for _s, p, _t in portfolio.history(first, database_url)] == ["S", "R"]
    portfolio.set_favourite(first, "29-1141.00", True, database_url)
    portfolio.set_favourite(first, "47-2111.00", True, database_url)
    portfolio.set_favourite(first, "47-2111.00", False, database_url)
    portfolio.set_step(first, "29-1141.00", "program", True, database_url)
    assert portfolio.favourites(first, database_url) == ["29-1141.00"]
    assert portfolio.plan(first, database_url) == {"29-1141.00": {"program": True}}

    data = json.loads(json.dumps(portfolio.export(first, database_url)))
    assert data["schema"] == portfolio.SCHEMA and len(data["quizzes"]) == 2
    other = f"sqlite:///{tmp_path / 'other.db'}"
    assert portfolio.import_portfolio(data, set(kb.occupations.index), other) == first
    assert portfolio.export(first, other)["quizzes"] == data["quizzes"]
    assert portfolio.favourites(first, other) == ["29-1141.00"]
    restored = portfolio.history(first, other)
    assert [p.confident for _s, p, _t in restored] == [True, True]


@pytest.mark.parametrize("mutate,message", [
    (lambda d: d.update(schema="something else"), "not a portfolio file"),
    (lambda d: d["quizzes"][0]["answers"].update(HR01=9), "not one of"),
    (lambda d: d.update(favourites=["99-9999.00"]), "favourites"),
    (lambda d: d.update(portfolio_code="0O1"), "portfolio_code"),
])
def test_bad_import_files_write_nothing(database_url, kb, tmp_path, mutate, message):
    code = finished(database_url, SOCIAL)
    data = portfolio.export(code, database_url)
    mutate(data)
    target = f"sqlite:///{tmp_path / 'target.db'}"
    with pytest.raises(portfolio.PortfolioError, match=message):
        portfolio.import_portfolio(data, set(kb.occupations.index), target)
    with pytest.raises(attempts.ResumeCodeError):
        attempts.load(code, target)


def test_share_link_can_be_revoked(database_url):
    code = finished(database_url, SOCIAL)
    token = portfolio.create_share_link(code, database_url)
    assert portfolio.open_share_link(token, database_url) == code
    portfolio.revoke_share_link(code, token, database_url)
    with pytest.raises(portfolio.PortfolioError, match="revoked"):
        portfolio.open_share_link(token, database_url)


def test_family_report_link_is_the_revocable_family_link(database_url):
    code = finished(database_url, {"R": 1, "I": 4, "A": 0, "S": 3, "E": 2, "C": 1})
    token = portfolio.family_link(code, database_url)
    assert token != code and portfolio.open_share_link(token, database_url) == code
    assert portfolio.family_link(code, database_url) == token  # reused, not a new link per download
    portfolio.revoke_share_link(code, token, database_url)
    fresh = portfolio.family_link(code, database_url)
    assert fresh != token and portfolio.open_share_link(fresh, database_url) == code


def test_class_dashboard_suppresses_groups_under_ten(database_url, kb):
    class_code = classes.create_class("Period 3", "counselor", ["campus"], database_url)
    for n in range(15):
        code = finished(database_url, SOCIAL if n % 2 else REALISTIC)
        classes.join(class_code, code, grade=10, groups={"campus": "North" if n < 3 else "South"}, url=database_url)
        portfolio.set_favourite(code, "29-1141.00", True, database_url)
    tables = classes.dashboard(kb, class_code, "2200002", by="campus", url=database_url)
    completion = tables["completion"]
    assert completion.loc["North", "students_shown"] == "<10" and completion.loc["North", "finished_shown"] == "<10"
    assert completion.loc["South", "students_shown"] == "12" and completion.loc["South", "finished_shown"] == "12"
    codes = tables["codes"]
    assert set(codes.loc["North"]) == {"<10"}
    assert codes.loc["South", "R"] == "<10"  # 6 realistic students in a group of 12: the cell is still too small
    full = tables["full_codes"]
    assert full["students"].sum() == 15 and set(full["students_shown"]) <= {"<10"} | {str(n) for n in range(10, 16)}
    csv = classes.export_csv(tables)
    assert "North,<10,<10" in csv and ",3," not in csv
    assert tables["favourites"].loc["29-1141.00", "students_shown"] == "15"


def test_joining_needs_a_real_class_and_known_fields(database_url):
    code = finished(database_url, SOCIAL)
    with pytest.raises(classes.ClassError, match="no class has the code"):
        classes.join("C-ZZZZZZ", code, url=database_url)
    class_code = classes.create_class("Period 1", "counselor", ["campus"], database_url)
    with pytest.raises(classes.ClassError, match="does not ask for"):
        classes.join(class_code, code, groups={"ethnicity": "x"}, url=database_url)


def test_advising_view_and_notes(database_url):
    code = finished(database_url, SOCIAL)
    portfolio.set_favourite(code, "21-1012.00", True, database_url)
    view = advising.look_up(code.lower(), database_url)
    assert view.profile.code.letters[0] == "S" and view.favourites == ["21-1012.00"] and view.prompts
    advising.add_note(view.portfolio_code, "counselor", "Talked about health careers", "Job shadow at the clinic",
                      date(2026, 12, 1), database_url)
    advising.add_note(view.portfolio_code, "counselor", "Follow-up", url=database_url)
    history = advising.notes(view.portfolio_code, database_url)
    assert [n.note for n in history] == ["Follow-up", "Talked about health careers"]
    assert history[1].due_on == date(2026, 12, 1)
    with pytest.raises(ValueError):
        advising.add_note(view.portfolio_code, "counselor", "  ", url=database_url)
