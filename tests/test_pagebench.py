"""The page bench times what a browser's rerun runs: app.py then the page, or only a fragment."""
from __future__ import annotations

from unittest import mock

import pytest

from explorer import attempts, quiz, ui
from explorer.benchmarks import pagebench


@pytest.fixture(autouse=True)
def app_database(monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'app.db'}")


def test_reruns_run_the_app_and_a_click_in_a_fragment_runs_only_the_fragment():
    code = attempts.start("9-12", "quick", "en")
    first = quiz.form_items("9-12", "quick")[0]
    with pagebench.like_a_server():
        at = pagebench._on_page("pages/quiz.py", code=code)
        shell_runs = []
        real = ui.attribution
        with mock.patch.object(ui, "attribution", lambda ctx: (shell_runs.append(1), real(ctx))):
            at.run()  # a whole rerun: app.py (its sidebar, navigation and credits), then the page
            assert len(shell_runs) == 1
            at.radio(key=f"answer_{code}_{first.id}").set_value(3)
            with pagebench._fragment_reruns(pagebench._fragment_id(at, "quiz_screen")):
                at.run()  # the answer, as the browser sends it: only the quiz screen reruns
        assert len(shell_runs) == 1 and not at.exception
    assert attempts.load(code).answers == {first.id: 3}


def test_a_page_without_the_fragment_says_so():
    with pagebench.like_a_server():
        at = pagebench._on_page("pages/home.py")
        with pytest.raises(RuntimeError, match="no fragment 'quiz_screen'"):
            pagebench._fragment_id(at, "quiz_screen")
