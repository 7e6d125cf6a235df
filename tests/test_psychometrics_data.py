"""Reading anonymous item-response matrices from the database (SQLite and PostgreSQL), the report
built on them, the researchers' export and the command line."""
from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta

from explorer import attempts, classes, psychometrics_report, psychometrics_views
from explorer import psychometrics_data as pdata
from explorer import psychometrics_sim as sim

CODE = re.compile(r"[2-9A-Z]{3}-[2-9A-Z]{3}-[2-9A-Z]{3}")
K = 10


def everything_as_text(matrix: pdata.ResponseMatrix) -> str:
    return " ".join([matrix.answers.to_csv(), matrix.seconds.to_csv(), matrix.meta.to_csv(), repr(matrix.started)])


def test_matrix_is_anonymous_and_counts_every_quiz(database_url):
    finished = sim.fill_database(database_url, students=60, band="9-12", form="quick", seed=4)
    matrix = pdata.load("9-12", "quick", database_url)
    assert matrix.answers.shape == (finished, 30) and list(matrix.answers.columns)[:6] == [
        "HR01", "HI01", "HA01", "HS01", "HE01", "HC01"]
    assert sum(matrix.started.values()) > finished  # unfinished quizzes count as started only
    assert not CODE.search(everything_as_text(matrix))  # no resume code leaves the module
    assert set(matrix.meta.columns) == {"lang", "finished_on", "flags", "campus"}
    assert all(type(d).__name__ == "date" for d in matrix.meta["finished_on"])  # the day, never the time
    assert pdata.load("9-12", "full", database_url).answers.empty


def test_straight_lined_and_unfinished_quizzes_are_counted_not_analysed(tmp_path):
    url = f"sqlite:///{tmp_path / 'q.db'}"
    sim.fill_database(url, students=200, band="6-8", form="quick", straight_share=0.1, seed=9)
    code = attempts.start("6-8", "quick", "en", url=url)  # started, never finished
    attempts.save_answer(code, "MR01", 3, url=url)
    matrix = pdata.load("6-8", "quick", url)
    quality = pdata.response_quality(matrix, "en")
    assert quality.unfinished >= 1 and quality.flagged["all_same"] > 0
    assert quality.used == quality.finished - quality.flagged["all_same"] - quality.flagged["nearly_all_same"]
    assert 3.0 < quality.median_seconds_per_item < 5.0  # the simulation answers about every 4 s


def test_report_shows_nothing_under_the_minimum(tmp_path):
    url = f"sqlite:///{tmp_path / 'q.db'}"
    sim.fill_database(url, students=8, band="9-12", form="quick", unfinished_share=0, seed=1)
    report = psychometrics_report.report("9-12", "quick", "en", url, draws=20, k=K)
    assert not report.enough and report.reliability == [] and report.order is None
    out = report.as_dict()
    # Finished is a count of quizzes, shown exactly; nothing is released until a whole batch of K has finished.
    assert "reliability" not in out and out["quality"]["finished"] == report.quality.finished > 0
    assert out["quality"]["released"] == 0
    assert "nothing is computed" in psychometrics_views.text_report(report)


def test_report_and_its_readings(tmp_path):
    url = f"sqlite:///{tmp_path / 'q.db'}"
    sim.fill_database(url, students=1000, band="9-12", form="quick", spanish_share=0.45, seed=3)
    report = psychometrics_report.report("9-12", "quick", "en", url, draws=50, k=K)
    assert report.enough and report.n > 400 and len(report.reliability) == 6
    assert report.language_dif.enough and report.language_dif.n_focal >= 300
    view = psychometrics_views.reliability_view(report, lambda m: m)
    # Model alpha .76-.80 on the quick form, read at the interval's lower end: never "not consistent".
    assert view["Reading"].str.contains("consistent").all() and not view["Reading"].str.startswith("not").any()
    assert report.order.p < 0.05
    json.dumps(report.as_dict(), allow_nan=False)  # strict JSON all the way down (no NaN)


def test_small_self_reported_groups_are_never_named(tmp_path):
    url = f"sqlite:///{tmp_path / 'q.db'}"
    sim.fill_database(url, students=300, band="9-12", form="quick", seed=5)
    east = classes.create_class("Period 9", "counselor", ["campus"], url)
    for code in _codes_without_a_class(url)[:3]:  # three students say campus East
        classes.join(east, code, groups={"campus": "East"}, url=url)
    matrix = pdata.load("9-12", "quick", url)
    assert (matrix.meta["campus"] == "East").sum() == 3  # read, to be pooled
    report = psychometrics_report.build(matrix, "en", k=K, draws=20)
    named = {c.reference for c in report.group_dif} | {c.focal for c in report.group_dif}
    assert named == {"North", "South"}
    assert "East" not in pdata.export_csv(matrix, "en", K) and "East" not in json.dumps(report.as_dict())
    assert "East" not in psychometrics_views.text_report(report)


def _codes_without_a_class(url: str) -> list[str]:
    from sqlmodel import select

    from explorer import db
    from explorer.models import ClassMember, QuizAttempt

    with db.session(url) as s:
        members = set(s.exec(select(ClassMember.portfolio_code)).all())
        finished = s.exec(select(QuizAttempt.resume_code).where(QuizAttempt.finished_at.is_not(None))).all()
    return sorted(set(finished) - members)


def test_export_protects_days_and_groups(tmp_path):
    url = f"sqlite:///{tmp_path / 'q.db'}"
    sim.fill_database(url, students=400, band="9-12", form="quick", seed=6)
    # One student finishes alone on a day of her own, far from the others.
    code = attempts.start("9-12", "quick", "en", url=url)
    lonely = datetime(2026, 6, 1, 9, tzinfo=UTC)
    for n, item in enumerate(i.id for i in pdata.quiz.form_items("9-12", "quick")):
        attempts.save_answer(code, item, n % 5, url=url, now=lonely + timedelta(seconds=5 * n))
    _finish_at(url, code, lonely + timedelta(minutes=5))
    matrix = pdata.load("9-12", "quick", url)
    frame = pdata.export_frame(matrix, "en", K)
    assert len(frame) == (matrix.meta["lang"] == "en").sum() - 1  # she alone is left out
    assert frame["finished_on"].str.startswith(lonely.strftime("%Y-%m")).sum() == 0
    described = [c for c in frame.columns if c in {"finished_on", "campus"}]
    assert frame.groupby(described).size().min() >= K
    assert frame["finished_on"].map(lambda d: d == "" or re.fullmatch(r"\d{4}-\d\d(-\d\d)?", d) is not None).all()
    text = pdata.export_csv(matrix, "en", K) + pdata.export_json(matrix, "en", K)
    assert not CODE.search(text) and not re.search(r"\d\d:\d\d", text)  # no codes, no times of day
    exported = json.loads(pdata.export_json(matrix, "en", K))
    assert len(exported["rows"]) == len(frame) and exported["items"][0]["id"] == "HR01"
    assert pdata.export_frame(matrix, "es", 10_000).empty  # fewer than the minimum: nothing at all


def _finish_at(url: str, code: str, moment: datetime) -> None:
    from sqlmodel import select

    from explorer import db
    from explorer.models import QuizAttempt

    with db.session(url) as s:
        attempt = s.exec(select(QuizAttempt).where(QuizAttempt.resume_code == code)).one()
        attempt.finished_at = moment
        s.add(attempt)


def test_a_formula_typed_as_a_group_is_neutralised(tmp_path):
    url = f"sqlite:///{tmp_path / 'q.db'}"
    sim.fill_database(url, students=200, band="9-12", form="quick", campuses=("=HYPERLINK(1)",), seed=8,
                      spanish_share=0)
    csv_text = pdata.export_csv(pdata.load("9-12", "quick", url), "en", K)
    assert "'=HYPERLINK(1)" in csv_text and ",=HYPERLINK" not in csv_text


def test_command_line_prints_the_report(tmp_path, monkeypatch, capsys):
    from explorer.cli import main

    url = f"sqlite:///{tmp_path / 'q.db'}"
    sim.fill_database(url, students=300, band="9-12", form="full", seed=2)
    monkeypatch.setenv("DATABASE_URL", url)
    assert main(["psychometrics", "--band", "9-12", "--lang", "en", "--form", "full", "--draws", "50"]) == 0
    text = capsys.readouterr().out
    # The model is a perfect hexagon; 216 English quizzes leave room for a few sampling slips.
    held = re.search(r"Circular order: (\d+) of 72", text)
    assert held and int(held.group(1)) >= 66 and "alpha 0.8" in text
    assert main(["psychometrics", "--band", "9-12", "--form", "full", "--json", "--draws", "50"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["computed"] and out["circular_order"]["predictions"] == 72 and len(out["reliability"]) == 6
    assert main(["psychometrics", "--band", "3-5", "--form", "full"]) == 2
    assert capsys.readouterr().err.strip() == "error: grades 3-5 have no 'full' form; use quick"
