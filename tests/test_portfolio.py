"""Portfolio (favourites, plan, retakes, JSON export/import, share links), classes and advising."""
from __future__ import annotations

import copy
import functools
import json
import re
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer import advising, attempts, classes, file_schemas, portfolio, quiz

START = datetime(2026, 10, 1, 9, 0, tzinfo=UTC)


def finished(url: str, values: dict[str, int], band: str = "9-12", retake_of: str | None = None) -> str:
    code = portfolio.start_retake(retake_of, band, "quick", "en", url) if retake_of else attempts.start(band, "quick", "en", url)
    for k, item in enumerate(quiz.form_items(band, "quick")):
        value = values[item.theme] if k % 5 else max(0, values[item.theme] - 1)
        attempts.save_answer(code, item.id, value, url, now=START + timedelta(seconds=5 * k))
    attempts.finish(code, url)
    return code


SOCIAL = {"R": 0, "I": 1, "A": 2, "S": 4, "E": 3, "C": 1}
REALISTIC = {"R": 4, "I": 2, "A": 0, "S": 1, "E": 1, "C": 3}


@pytest.fixture(scope="session")
def known() -> set[str]:
    """The O*NET-SOC codes a restore accepts (the knowledge base's index), read from the committed table."""
    import pandas as pd

    from explorer.paths import DATA_DIR

    return set(pd.read_parquet(DATA_DIR / "occupations.parquet", columns=["onet_code"])["onet_code"])


def test_retakes_favourites_plan_and_round_trip(database_url, known, tmp_path):
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
    file_schemas.read_portfolio(data, known)  # every export passes the published schema
    other = f"sqlite:///{tmp_path / 'other.db'}"
    assert portfolio.import_portfolio(data, known, other) == first
    assert portfolio.export(first, other)["quizzes"] == data["quizzes"]
    assert portfolio.favourites(first, other) == ["29-1141.00"]
    restored = portfolio.history(first, other)
    assert [p.confident for _s, p, _t in restored] == [True, True]


def test_round_trip_from_sqlite_into_each_database(database_url, source_export, known):
    """Export from one database, restore into SQLite and PostgreSQL, export again: the same file."""
    owner = portfolio.import_portfolio(copy.deepcopy(source_export), known, database_url)
    again = portfolio.export(owner, database_url)
    assert again["quizzes"] == source_export["quizzes"] and again["plan"] == source_export["plan"]
    assert again["favourites"] == source_export["favourites"]
    assert [p.code.letters[0] for _s, p, _t in portfolio.history(owner, database_url)] == ["S", "R"]


# ----- malformed files: each defect the district's IT team found, and the checks around it -----------


@pytest.fixture(scope="session")
def source_export(tmp_path_factory) -> dict:
    """A real two-quiz portfolio with favourites and plan steps, exported once (as JSON data)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('source') / 'source.db'}"
    first = finished(url, SOCIAL)
    finished(url, REALISTIC, retake_of=first)
    portfolio.set_favourite(first, "29-1141.00", True, url)
    portfolio.set_favourite(first, "21-1012.00", True, url)
    portfolio.set_step(first, "29-1141.00", "program", True, url)
    portfolio.set_step(first, "29-1141.00", "credentials", False, url)
    return json.loads(json.dumps(portfolio.export(first, url)))


def snapshot(url: str) -> dict[str, list[tuple]]:
    """Every row of every table, to prove a refused restore wrote nothing."""
    from sqlalchemy import select as sa_select
    from sqlmodel import SQLModel

    from explorer import db

    with db.get_engine(url).connect() as con:
        return {t.name: sorted(map(repr, con.execute(sa_select(t)).all())) for t in SQLModel.metadata.sorted_tables}


def first_quiz(d: dict) -> dict:
    return d["quizzes"][0]


LONG = "K" * 10_000
MALFORMED = [  # (what, mutation, where the message points, what it says)
    ("time without offset", lambda d: first_quiz(d).update(started_at="2026-10-01T09:00:00"),
     "quizzes[1].started_at", "has no UTC offset"),
    ("answer time without offset", lambda d: first_quiz(d)["answered_at"].update(HR01="2026-10-01 09:00:05"),
     "quizzes[1].answered_at.HR01", "has no UTC offset"),
    ("export time without offset", lambda d: d.update(exported_at="2026-10-01T09:00"), "exported_at", "no UTC offset"),
    ("date only", lambda d: first_quiz(d).update(finished_at="2026-10-01"), "quizzes[1].finished_at", "no UTC offset"),
    ("not a time", lambda d: first_quiz(d).update(started_at="yesterday"), "quizzes[1].started_at", "not an ISO 8601"),
    ("time as a number", lambda d: first_quiz(d).update(started_at=1759309200), "quizzes[1].started_at",
     "expected a date and time in quotes"),
    ("offset pushes past year 9999", lambda d: first_quiz(d).update(started_at="9999-12-31T23:59:59-05:00"),
     "quizzes[1].started_at", "not between the years 2000 and 2099"),
    ("year 1", lambda d: first_quiz(d).update(finished_at="0001-01-01T00:00:00+05:00"), "quizzes[1].finished_at",
     "not between"),
    ("number for a code", lambda d: d.update(portfolio_code=123456789), "portfolio_code", "expected text in quotes"),
    ("number for a resume code", lambda d: first_quiz(d).update(resume_code=2), "quizzes[1].resume_code",
     "expected text"),
    ("number for a band", lambda d: first_quiz(d).update(band=9), "quizzes[1].band", "expected '3-5', '6-8' or '9-12'"),
    ("string answer", lambda d: first_quiz(d)["answers"].update(HR01="3"), "quizzes[1].answers.HR01",
     'expected a whole number without quotes, found "3"'),
    ("float answer", lambda d: first_quiz(d)["answers"].update(HR01=3.0), "quizzes[1].answers.HR01", "found 3.0"),
    ("bool answer", lambda d: first_quiz(d)["answers"].update(HR01=True), "quizzes[1].answers.HR01", "found true"),
    ("huge answer", lambda d: first_quiz(d)["answers"].update(HR01=2**63), "quizzes[1].answers.HR01",
     "answer 9223372036854775808 is not one of 0, 1, 2, 3, 4"),
    ("answer off the scale", lambda d: first_quiz(d)["answers"].update(HR01=9), "quizzes[1].answers.HR01",
     "answer 9 is not one of"),
    ("unknown item", lambda d: first_quiz(d)["answers"].update(MR01=2), "quizzes[1].answers.MR01",
     "not an item of the grades 9-12 quick form"),
    ("NUL in an item id", lambda d: first_quiz(d)["answers"].update({"HR01\x00": 2}), 'quizzes[1].answers["HR01\\u0000"]',
     "not an item"),
    ("time for an unanswered item", lambda d: first_quiz(d)["answered_at"].update(HR99="2026-10-01T09:00:00Z"),
     "quizzes[1].answered_at.HR99", "no answer"),
    ("list where the quizzes object belongs", lambda d: d.update(quizzes={"a": 1}), "quizzes", "expected a list"),
    ("list where a quiz belongs", lambda d: d["quizzes"].insert(0, [1, 2]), "quizzes[1]", "expected an object, found […]"),
    ("list where answers belong", lambda d: first_quiz(d).update(answers=[4, 4]), "quizzes[1].answers",
     "expected an object"),
    ("no quizzes", lambda d: d.update(quizzes=[]), "quizzes", "at least 1 entry"),
    ("favourites as text", lambda d: d.update(favourites="29-1141.00"), "favourites", "expected a list"),
    ("number as a favourite", lambda d: d["favourites"].append(291141), "favourites[3]", "expected text"),
    ("unknown favourite", lambda d: d.update(favourites=["99-9999.00"]), "favourites[1]", "99-9999.00"),
    ("favourite twice", lambda d: d["favourites"].append(d["favourites"][0]), "favourites[3]", "already listed"),
    ("plan as an object", lambda d: d.update(plan={"29-1141.00": "program"}), "plan", "expected a list"),
    ("list as a plan step", lambda d: d["plan"].append(["29-1141.00", "now", True]), "plan[3]", "expected an object"),
    ("done as a number", lambda d: d["plan"][0].update(done=1), "plan[1].done", "expected true or false, found 1"),
    ("unknown step", lambda d: d["plan"][0].update(step="job"), "plan[1].step", "expected 'now', 'program'"),
    ("unknown career in the plan", lambda d: d["plan"][0].update(onet_code="11-1111.11"), "plan[1].onet_code",
     "not an O*NET-SOC occupation code"),
    ("same step twice", lambda d: d["plan"].append(dict(d["plan"][0])), "plan[3]", "same career and step as plan[1]"),
    ("unknown key", lambda d: first_quiz(d).update(favorite=True), "quizzes[1].favorite", "unknown key"),
    ("misspelt top-level key", lambda d: d.update(favorites=d.pop("favourites")), "favorites", "unknown key"),
    ("missing key", lambda d: first_quiz(d).pop("started_at"), "quizzes[1].started_at", "missing"),
    ("very long code", lambda d: d.update(portfolio_code=LONG), "portfolio_code", "longer than 16 characters"),
    ("code with wrong letters", lambda d: d.update(portfolio_code="0O1"), "portfolio_code", "never contains"),
    ("code of no quiz", lambda d: d.update(portfolio_code="ZZZ-ZZZ-ZZZ"), "portfolio_code",
     "not the resume code of any quiz"),
    ("same quiz twice", lambda d: d["quizzes"].append(copy.deepcopy(first_quiz(d))), "quizzes[3].resume_code",
     "already in quizzes[1]"),
    ("unknown language", lambda d: first_quiz(d).update(lang="fr"), "quizzes[1].lang", "expected 'en' or 'es'"),
    ("grades 3-5 full form", lambda d: first_quiz(d).update(band="3-5", form="full", answers={}, answered_at={}),
     "quizzes[1].form", "grades 3-5 have no full form"),
    ("too many favourites", lambda d: d.update(favourites=["29-1141.00"] * 1001), "favourites", "more than 1000"),
    # Impossible times (#23): each is refused, not stored.
    ("finished before started", lambda d: first_quiz(d).update(finished_at="2026-01-01T00:00:00+00:00"),
     "quizzes[1].finished_at", "cannot finish (2026-01-01T00:00:00+00:00) before it started"),
    ("started in 2099", lambda d: first_quiz(d).update(started_at="2099-06-01T09:00:00+00:00"),
     "quizzes[1].started_at", "2099-06-01T09:00:00+00:00 is in the future"),
    ("answered in the future", lambda d: first_quiz(d)["answered_at"].update(HR01="2098-01-01T00:00:00Z"),
     "quizzes[1].answered_at.HR01", "is in the future"),
]


@pytest.mark.parametrize("mutate,where,says", [m[1:] for m in MALFORMED], ids=[m[0] for m in MALFORMED])
def test_malformed_file_is_refused_with_its_place_and_nothing_is_written(database_url, source_export, known,
                                                                          mutate, where, says):
    data = copy.deepcopy(source_export)
    mutate(data)
    before = snapshot(database_url)
    with pytest.raises(portfolio.PortfolioError) as refused:
        portfolio.import_portfolio(data, known, database_url)
    messages = [p.message() for p in refused.value.problems]
    assert any(m.startswith(f"{where}: ") and says in m for m in messages), messages
    assert snapshot(database_url) == before


@pytest.mark.parametrize("data,says", [
    ({"schema": "something else"}, "not a portfolio file"),
    ([1, 2, 3], "not a portfolio file"),
    ("career-pathways-explorer/portfolio", "not a portfolio file"),
    ({"schema": portfolio.SCHEMA, "version": 2}, "version 2 cannot be read here"),
    ({"schema": portfolio.SCHEMA, "version": True}, "version true cannot be read here"),
    ({"schema": portfolio.SCHEMA, "version": "1"}, 'version "1" cannot be read here'),
])
def test_not_a_portfolio_file_is_one_line(database_url, known, data, says):
    with pytest.raises(portfolio.PortfolioError, match=says) as refused:
        portfolio.import_portfolio(data, known, database_url)
    assert len(refused.value.problems) == 1


def test_many_problems_are_all_kept_and_the_message_lists_ten(source_export, known, tmp_path):
    data = copy.deepcopy(source_export)
    first_quiz(data)["answers"] = dict.fromkeys(first_quiz(data)["answers"], "4")
    with pytest.raises(portfolio.PortfolioError) as refused:
        portfolio.import_portfolio(data, known, f"sqlite:///{tmp_path / 'x.db'}")
    assert len(refused.value.problems) == 30
    shown = refused.value.messages()
    assert len(shown) == 11 and shown[-1] == "… and 20 more problems"


def nested_lists(depth: int) -> bytes:
    return b"[" * depth + b"]" * depth


@pytest.mark.parametrize("raw,says", [
    (nested_lists(10_000), "nested more than 32 levels deep"),  # json.loads alone raises RecursionError
    (b'{"a":' + nested_lists(40) + b"}", "nested more than 32 levels deep"),  # readable, but too deep
    (b"\xff\xfe{}", "not UTF-8 text (byte 1"),
    ('{"schema": "café"}'.encode("latin-1"), "not UTF-8 text"),
    (b'{"schema": ', "not JSON (a mistake at line 1, column 12)"),
    (b"", "not JSON"),
    (b'{"version": NaN}', "contains NaN"),
    (b'{"version": -Infinity}', "contains -Infinity"),
    (b'{"version": ' + b"9" * 5000 + b"}", "number too long to read"),
    (b" " * 2_000_001, "larger than 2 MB"),
    (b'{"schema": "a", "quizzes": [{"answers": {"HR01": 4, "HR01": 0}}]}',
     'the key "HR01" appears twice in one object'),  # JSON itself would keep the last value silently
])
def test_unreadable_bytes_are_one_clear_line(raw, says):
    with pytest.raises(portfolio.PortfolioError, match=re.escape(says)) as refused:
        portfolio.parse_file(raw)
    assert len(refused.value.problems) == 1 and "\n" not in str(refused.value)


def test_a_file_cannot_add_another_students_quiz(database_url, source_export, known):
    """A restore may bring back a student's own quizzes, never claim a quiz this server has under
    another portfolio (its answers would then show in the wrong portfolio)."""
    someone = finished(database_url, SOCIAL)
    data = copy.deepcopy(source_export)
    stolen = copy.deepcopy(first_quiz(data))
    stolen["resume_code"] = someone
    data["quizzes"].append(stolen)
    before = snapshot(database_url)
    with pytest.raises(portfolio.PortfolioError) as refused:
        portfolio.import_portfolio(data, known, database_url)
    assert [p.message() for p in refused.value.problems] == [
        f"quizzes[3].resume_code: the quiz {someone} belongs to another portfolio on this server; a file can only "
        "restore the quizzes of its own portfolio"]
    assert snapshot(database_url) == before
    # Its own file restores twice over (the quizzes the server has are its own).
    owner = portfolio.import_portfolio(copy.deepcopy(source_export), known, database_url)
    assert portfolio.import_portfolio(copy.deepcopy(source_export), known, database_url) == owner


def test_a_file_with_a_byte_order_mark_restores(database_url, source_export, known):
    raw = b"\xef\xbb\xbf" + json.dumps(source_export, indent=1).encode("utf-8")
    owner = portfolio.import_portfolio(portfolio.parse_file(raw), known, database_url)
    assert owner == source_export["portfolio_code"]
    assert portfolio.export(owner, database_url)["quizzes"] == source_export["quizzes"]


def test_times_with_any_offset_are_stored_as_the_same_instant(database_url, source_export, known):
    data = copy.deepcopy(source_export)
    quiz_ = first_quiz(data)
    utc = {item: datetime.fromisoformat(t) for item, t in quiz_["answered_at"].items()}
    new_york = timezone(timedelta(hours=-5))
    quiz_["answered_at"] = {item: t.astimezone(new_york).isoformat() for item, t in utc.items()}
    quiz_["started_at"] = quiz_["started_at"].replace("+00:00", "Z")
    owner = portfolio.import_portfolio(data, known, database_url)
    again = first_quiz(portfolio.export(owner, database_url))
    assert {item: datetime.fromisoformat(t) for item, t in again["answered_at"].items()} == utc
    assert again["started_at"] == source_export["quizzes"][0]["started_at"]


def test_a_quiz_already_on_the_server_keeps_the_servers_copy(database_url, source_export, known):
    owner = portfolio.import_portfolio(copy.deepcopy(source_export), known, database_url)
    data = copy.deepcopy(source_export)
    first_quiz(data)["answers"] = dict.fromkeys(first_quiz(data)["answers"], 0)
    next(p for p in data["plan"] if p["step"] == "program")["done"] = False
    portfolio.import_portfolio(data, known, database_url)
    assert first_quiz(portfolio.export(owner, database_url))["answers"] == first_quiz(source_export)["answers"]
    assert portfolio.plan(owner, database_url)["29-1141.00"]["program"] is False  # plan steps follow the file


def test_problems_are_translated_with_their_parameters(source_export, known):
    data = copy.deepcopy(source_export)
    first_quiz(data)["answers"]["HR01"] = 9
    first_quiz(data)["started_at"] = "2026-10-01T09:00:00"
    with pytest.raises(file_schemas.InputError) as refused:
        file_schemas.read_portfolio(data, known)
    fake_spanish = {"answer {value} is not one of {allowed}": "la respuesta {value} no es una de {allowed}",
                    "{found} has no UTC offset; add one, such as {example} (or Z for UTC)":
                        "{found} no tiene desfase UTC; ponga uno, como {example} (o Z para UTC)"}
    messages = portfolio.PortfolioError(refused.value.problems).messages(lambda text: fake_spanish.get(text, text))
    assert "quizzes[1].answers.HR01: la respuesta 9 no es una de 0, 1, 2, 3, 4" in messages
    assert 'quizzes[1].started_at: "2026-10-01T09:00:00" no tiene desfase UTC; ponga uno, como ' \
           "2026-10-01T09:30:00+00:00 (o Z para UTC)" in messages


def test_every_problem_message_is_marked_for_translation(source_export, known):
    """The lead's `pybabel extract` must find every message a refused file can show."""
    from tests.test_i18n import source_msgids

    ids = set()
    for _what, mutate, _where, _says in MALFORMED:
        data = copy.deepcopy(source_export)
        mutate(data)
        with pytest.raises(file_schemas.InputError) as refused:
            file_schemas.read_portfolio(data, known)
        ids |= {p.message_id for p in refused.value.problems}
    for raw in (nested_lists(100), b"\xff", b"{", b"[NaN]", b"1" * 5000, b" " * 2_000_001):
        with pytest.raises(file_schemas.InputError) as refused:
            file_schemas.parse_json(raw)
        ids |= {p.message_id for p in refused.value.problems}
    ids.add("… and {count} more problems")
    assert len(ids) > 25
    assert not ids - source_msgids()


def test_published_json_schemas_match_the_models():
    """docs/*.schema.json are generated; regenerate with `python -m explorer.file_schemas`."""
    for name, model in file_schemas.PUBLISHED.items():
        assert (file_schemas.SCHEMA_DIR / name).read_text(encoding="utf-8") == file_schemas.json_schema_text(model), name


def test_schema_vocabularies_follow_the_app_and_fit_the_columns():
    from typing import get_args

    from explorer import pathways
    from explorer.models import PlanStep, QuizAttempt

    assert set(file_schemas.PLAN_STEPS) == set(pathways.STEP_TITLES) - {"job"}
    fields = file_schemas.QuizEntry.model_fields
    for column, values in [("band", quiz.BANDS), ("form", quiz.FORMS), ("lang", get_args(fields["lang"].annotation))]:
        assert max(map(len, values)) <= QuizAttempt.__table__.c[column].type.length
    assert max(map(len, file_schemas.PLAN_STEPS)) <= PlanStep.__table__.c["step"].type.length


# ----- fuzz: random damage to a real export -----------------------------------------------------------

ITEM_IDS = [i.id for i in quiz.form_items("9-12", "full")] + [i.id for i in quiz.form_items("3-5", "quick")]
OFFSETS = st.builds(lambda minutes: timezone(timedelta(minutes=minutes)), st.integers(-23 * 60 - 59, 23 * 60 + 59))
LEAVES = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(),
    st.sampled_from([0, 1, 2, 3, 4, 9, -1, 2**31, 2**31 - 1, 2**63, -(2**63) - 1, 10**30]),
    st.text(max_size=30), st.sampled_from(["", "\x00", "HR01\x00", "\ud800", "K7M-Q4T-X9B\x00", "null", "3"]),
    st.builds(lambda ch, n: ch * n, st.characters(), st.integers(15, 3000)),  # long strings
    st.datetimes().map(datetime.isoformat),  # naive timestamps
    st.datetimes(timezones=OFFSETS).map(datetime.isoformat),  # aware ones, any year and offset
    st.sampled_from(ITEM_IDS), st.sampled_from(["29-1141.00", "21-1012.00", "47-2111.00", "99-9999.00"]),
    st.sampled_from(["3-5", "6-8", "9-12", "quick", "full", "en", "es", "now", "program", "job"]),
    st.text(alphabet=attempts.ALPHABET, min_size=9, max_size=9),  # a fresh, valid resume code
)
KEYS = st.one_of(st.text(max_size=10), st.sampled_from(["schema", "version", "answers", "answered_at", "plan",
                                                        "favourites", "resume_code", "band", "form", *ITEM_IDS[:12]]))
JSONISH = st.recursive(LEAVES, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=4),
                       max_leaves=12)
DEEP = st.integers(30, 3000).map(lambda depth: functools.reduce(lambda value, _n: [value], range(depth), 0))


def places(value: object, path: tuple = (), depth: int = 8) -> list[tuple]:
    """Every path into a JSON value (the value itself is ``()``), at most ``depth`` levels down."""
    out = [path]
    if depth and isinstance(value, dict):
        for key, child in value.items():
            out += places(child, (*path, key), depth - 1)
    elif depth and isinstance(value, list):
        for n, child in enumerate(value):
            out += places(child, (*path, n), depth - 1)
    return out


def damage(document: dict, data) -> dict:
    """1-4 random edits of a real export: replace a value, delete a key or entry, add one, or nest deep."""
    document = copy.deepcopy(document)
    for _n in range(data.draw(st.integers(0, 4), label="edits")):
        path = data.draw(st.sampled_from(places(document)), label="where")
        if not path:
            continue
        parent = functools.reduce(lambda value, key: value[key], path[:-1], document)
        action = data.draw(st.sampled_from(["replace", "replace", "delete", "add", "deep"]), label="edit")
        if action == "delete":
            del parent[path[-1]]
        elif action == "add" and isinstance(parent, dict):
            parent[data.draw(KEYS, label="key")] = data.draw(JSONISH, label="value")
        elif action == "add":
            parent.insert(data.draw(st.integers(0, len(parent))), data.draw(JSONISH, label="value"))
        else:
            parent[path[-1]] = data.draw(DEEP if action == "deep" else JSONISH, label="value")
    return document


def test_fuzz_restore_refuses_cleanly_and_writes_nothing(database_url, source_export, known):
    """Random damage to a real export, on SQLite and PostgreSQL: every file is restored or refused with
    a PortfolioError (no other exception), a refused file leaves every table as it was, and a restored
    one can be exported and scored again."""
    counts = {"restored": 0, "refused": 0}

    @settings(max_examples=60, deadline=None, derandomize=True, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(st.data())
    def restore(data) -> None:
        document = damage(source_export, data)
        before = snapshot(database_url)
        try:
            owner = portfolio.import_portfolio(document, known, database_url)
        except portfolio.PortfolioError as refused:
            counts["refused"] += 1
            assert refused.problems and all(isinstance(m, str) for m in refused.messages())
            assert snapshot(database_url) == before
        else:
            counts["restored"] += 1
            json.dumps(portfolio.export(owner, database_url))
            portfolio.history(owner, database_url)

    restore()
    print(f"fuzz {database_url.split(':')[0]}: {counts}")
    assert counts["refused"] > 10 and counts["restored"] > 0
def test_share_link_can_be_revoked(database_url):
    code = finished(database_url, SOCIAL)
    token = portfolio.create_share_link(code, database_url)
    assert portfolio.open_share_link(token, database_url) == code
    portfolio.revoke_share_link(code, token, database_url)
    with pytest.raises(portfolio.PortfolioError, match="revoked"):
        portfolio.open_share_link(token, database_url)


def test_family_report_link_is_the_revocable_family_link(database_url):
    code = finished(database_url, {"R": 1, "I": 4, "A": 0, "S": 3, "E": 2, "C": 1})
    assert portfolio.family_link(code, database_url) is None  # only the student's request makes one
    token = portfolio.create_share_link(code, database_url)
    assert token != code and portfolio.family_link(code, database_url) == token
    later = portfolio.create_share_link(code, database_url)
    assert portfolio.family_link(code, database_url) == token  # the oldest active link, whatever came after
    portfolio.revoke_share_link(code, token, database_url)
    assert portfolio.family_link(code, database_url) == later
    portfolio.revoke_share_link(code, later, database_url)
    assert portfolio.family_link(code, database_url) is None


def test_class_dashboard_hides_groups_under_ten(database_url, kb):
    """Campus North has 3 of 15: it cannot be listed, and South (12) cannot be listed beside a pool
    of 3 either (15 - 12 = 3), so the split falls back to the whole class (tests/test_privacy.py
    checks every hidden cell against a differencing attack)."""
    class_code = classes.create_class("Period 3", "counselor", ["campus"], database_url)
    for n in range(15):
        code = finished(database_url, SOCIAL if n % 2 else REALISTIC)
        classes.join(class_code, code, grade=10, groups={"campus": "North" if n < 3 else "South"}, url=database_url)
        portfolio.set_favourite(code, "29-1141.00", True, database_url)
    tables = classes.dashboard(kb, class_code, "2200002", by="campus", url=database_url)
    completion = tables["completion"]
    assert tables["notes"]["split_refused"] and list(completion.index) == [classes.ALL]
    # 15 joined and finished (exact totals); the figures describe the first whole batch of 10.
    assert (tables["notes"]["joined"], tables["notes"]["finished"]) == (15, 15)
    assert completion.loc[classes.ALL, "students_shown"] == "10"
    assert completion.loc[classes.ALL, "finished_shown"] == "10"
    csv = classes.export_csv(tables)
    assert "North" not in csv and "South" not in csv
    assert tables["favourites"].loc["29-1141.00", "students_shown"] == "10"

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


def _restore_page(raw: bytes) -> None:
    """A one-widget page: what pages/portfolio.py shows after the Restore button."""
    import streamlit as st

    from explorer import ui

    st.session_state["lang"] = "es"
    ok, message = ui.restore_portfolio(raw)
    (st.success if ok else st.error)(message)


@pytest.mark.parametrize("raw,count", [(b"\xef\xbb\xbf[[[[", 1), (json.dumps({
    "schema": portfolio.SCHEMA, "version": 1, "portfolio_code": 5, "quizzes": [], "extra_*key": 1}).encode(), 4)])
def test_the_page_says_every_problem_in_spanish_and_escapes_the_files_text(monkeypatch, tmp_path, raw, count):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'app.db'}")
    at = AppTest.from_function(_restore_page, args=(raw,), default_timeout=30).run()
    assert not at.exception and len(at.error) == 1
    shown = at.error[0].value
    assert shown.startswith("No se restauró nada")
    assert shown.count("\n- ") == (count if count > 1 else 0)
    if count > 1:
        assert '\\["extra\\_\\*key"\\]' in shown  # the file's own key cannot turn into Markdown


def test_a_portfolio_upload_over_2_mb_is_refused_before_it_is_read():
    """A 100 MB "portfolio" was held and parsed; now its size alone refuses it (and Streamlit's own
    limit, server.maxUploadSize and the uploader's max_upload_size=2, refuses it before the script)."""
    from explorer import ui

    class Huge:
        name, size = "portfolio.json", 100_000_000

        def getvalue(self) -> bytes:
            raise AssertionError("a file over the limit was read")
    assert ui.restore_portfolio(Huge()) == (False, "Nothing was restored: the file is larger than 2 MB")
