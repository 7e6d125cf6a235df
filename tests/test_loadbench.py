"""``bench class``: simulated students speak Streamlit's websocket protocol to a real app server."""
from __future__ import annotations

import pytest

from explorer import attempts, quiz
from explorer.benchmarks import loadbench


def test_percentile_interpolates_like_numpy():
    assert loadbench.percentile([10.0], 95) == 10.0
    assert loadbench.percentile([1.0, 2.0, 3.0, 4.0, 5.0], 50) == 3.0
    assert loadbench.percentile([0.0, 100.0], 95) == pytest.approx(95.0)


def test_widget_key_is_read_from_the_id_streamlit_builds():
    answer = loadbench.Widget("$$ID-0f3a-answer_K7M-Q4T-X9B_HR01", "radio", "Repair a car engine", (), None, False, "")
    assert answer.key == "answer_K7M-Q4T-X9B_HR01"
    assert loadbench._split_answer_key(answer.key) == ("K7M-Q4T-X9B", "HR01")
    assert loadbench.Widget("$$ID-0f3a-None", "button", "Start the quiz", (), None, False, "").key is None


def test_two_students_finish_the_journey_and_every_answer_is_saved(tmp_path):
    database = f"sqlite:///{tmp_path / 'bench.db'}"
    with loadbench.Cluster(1, database, tmp_path / "cluster") as cluster:
        run = loadbench.run_class(cluster.url, 2, think=(0.05, 0.2), timeout=75, arrival_s=0.5)
        # Streamlit's own gauge: both students' tabs are closed, so the server holds no session for them.
        assert loadbench.live_sessions([cluster.url]) == 0
    assert run.errors == []
    assert run.finished == 2
    kinds = {i.kind for i in run.interactions}
    assert set(loadbench.REPORTED) <= kinds
    # An answer reruns only the quiz screen (st.fragment); the bench sends the fragment id the frontend would.
    assert all(i.fragment for i in run.interactions if i.kind == "answer")
    scale = [value for value, _label, _emoji in quiz.scale("9-12")]
    for student in run.students:
        assert student.results_table, "the results page showed no table of careers"
        assert len(student.acknowledged) == 30
        saved = attempts.load(student.resume_code, database)
        assert saved.finished
        assert saved.answers == {item: scale[index] for item, index in student.acknowledged.items()}
