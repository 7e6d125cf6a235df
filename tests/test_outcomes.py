"""Graduates' outcomes: all-or-nothing imports on both databases, and publication that pins no one."""
from __future__ import annotations

import itertools
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog
from sqlmodel import select

from explorer import db, outcome_measures, outcomes, outcomes_sample
from explorer.i18n import locale
from explorer.models import GraduateOutcome
from explorer.paths import DATA_DIR

SECRET = b"test district secret"
SAMPLE = DATA_DIR / "sample_outcomes"
HEADER = "student_id,graduation_year,program_codes,credential_ids,dual_enrollment_credits,wbl_types,wbl_hours," \
         "status_6_months,status_12_months,occupation_soc,wage_band,group_campus\n"
GOOD = HEADER + "D-1001,2025,HS-ELEC,NCCER-CORE,6,internship,120,employed,employed,47-2111,40k_to_50k,North\n" \
                "D-1002,2025,HS-ELEC,,0,,0,enrolled,enrolled,,,South\n"


def _import(url: str, text: str, year: int) -> outcomes.ImportResult:
    with db.session(url) as session:
        return outcomes.import_year(text, year, session=session, secret=SECRET)


def _stored(url: str) -> list[tuple]:
    with db.session(url) as session:
        return sorted((r.graduation_year, r.student_hash, r.program_codes, r.status_12_months, r.sample)
                      for r in session.exec(select(GraduateOutcome)).all())


@pytest.fixture
def catalog_db(database_url, sample_catalog_into) -> str:
    sample_catalog_into(database_url)
    return database_url


def test_sample_years_import_and_reimport_replaces_the_year(catalog_db):
    for year in outcomes_sample.YEARS:
        result = _import(catalog_db, (SAMPLE / f"outcomes_{year}.csv").read_text(), year)
        assert result.sample and result.rows > 70 and result.replaced == 0
    before = _stored(catalog_db)
    again = _import(catalog_db, (SAMPLE / "outcomes_2024.csv").read_text(), 2024)
    assert again.replaced == again.rows and _stored(catalog_db) == before  # idempotent
    # The id is kept only as a keyed hash: neither the id nor anything derivable without the secret.
    assert not any("SAMPLE-" in h for _y, h, *_ in before)
    assert outcomes.student_hash("SAMPLE-2024-0001", SECRET) in {h for _y, h, *_ in before}


def test_sample_files_are_the_seeded_generator_output(tmp_path):
    written = outcomes_sample.write(tmp_path)
    assert [p.read_bytes() for p in written] == [(SAMPLE / p.name).read_bytes() for p in written]


def test_a_district_import_removes_the_sample(catalog_db):
    _import(catalog_db, (SAMPLE / "outcomes_2024.csv").read_text(), 2024)
    result = _import(catalog_db, GOOD, 2025)
    assert not result.sample and result.removed_sample > 70
    assert [(y, p, s) for y, _h, p, _st, s in _stored(catalog_db)] == [(2025, "HS-ELEC", False)] * 2


BAD_FILES = {
    "name column": (HEADER.replace("group_campus", "first_name"), "first_name"),
    "markup in a group column": (GOOD.replace("group_campus", "group_[x](http://evil.example)"), "1 to 40 letters"),
    "email value": (GOOD.replace("North", "jo@example.org"), "e-mail"),
    "birth date value": (GOOD.replace("North", "2007-04-12"), "date"),
    "wrong type": (GOOD.replace(",6,", ",six,"), "dual_enrollment_credits"),
    "unknown program": (GOOD.replace("HS-ELEC,NCCER", "HS-NOPE,NCCER"), "HS-NOPE"),
    "unknown credential": (GOOD.replace("NCCER-CORE", "NCCER-NOPE"), "NCCER-NOPE"),
    "duplicate id": (GOOD.replace("D-1002", "D-1001"), "appears twice"),
    "wrong year": (GOOD.replace("D-1002,2025", "D-1002,2024"), "one file holds one year"),
    "bad status": (GOOD.replace("enrolled,enrolled", "enrolled,retired"), "retired"),
    "wage without a job": (GOOD.replace("enrolled,enrolled,,,", "enrolled,enrolled,,30k_to_40k,"), "not employed"),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_a_bad_file_is_refused_whole_with_file_line_and_column(catalog_db, case):
    text, words = BAD_FILES[case]
    text = text if text.count("\n") > 1 else text + "D-1,2025,HS-ELEC,,0,,0,employed,employed,,,x\n"
    _import(catalog_db, GOOD.replace("2025", "2023").replace("D-", "E-"), 2023)
    before = _stored(catalog_db)
    with pytest.raises(outcomes.OutcomesError) as error:
        _import(catalog_db, text, 2025)
    messages = [p.message() for p in error.value.problems]
    assert any(words in m for m in messages), messages
    assert all(m.startswith("outcomes.csv") for m in messages)
    assert any(p.line >= 1 and p.column for p in error.value.problems)
    assert _stored(catalog_db) == before  # nothing written, nothing removed
    spanish = [p.message(locale("es")._) for p in error.value.problems]
    assert spanish != messages  # the same problems in the reader's language


CELLS = ["", "x", "0", "-1", "60.5", "2025", "HS-ELEC", "employed", "unknown", "47-2111", "a@b.co", "9" * 30,
         "NCCER-CORE; OSHA-10", "internship", "'=1+1", "é", "\x00"]


@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(1, 2), st.integers(0, 11), st.sampled_from(CELLS)), max_size=4))
def test_fuzzed_files_import_whole_or_not_at_all(catalog_db, edits):
    rows = [line.split(",") for line in GOOD.strip().split("\n")]
    for row, column, value in edits:
        rows[row][column] = value
    text = "\n".join(",".join(r) for r in rows) + "\n"
    before = _stored(catalog_db)
    try:
        result = _import(catalog_db, text, 2025)
    except outcomes.OutcomesError as error:
        assert error.problems and _stored(catalog_db) == before
    else:
        after = _stored(catalog_db)
        assert len([r for r in after if r[0] == 2025]) == result.rows == 2


# --- publication ---------------------------------------------------------------------------------------------

def _small_district(seed: int) -> list[outcomes.Graduate]:
    """One program of 12 graduates a year for 3 years, split by two self-reported groups."""
    rng = random.Random(seed)
    grads = []
    for year in (2023, 2024, 2025):
        for _ in range(12):
            employed = rng.random() < 0.6
            grads.append(outcomes.Graduate(
                year=year, programs=("HS-ELEC",), credentials=("NCCER-CORE",) if rng.random() < 0.7 else (),
                de_credits=rng.choice((0, 3)), wbl=rng.random() < 0.5, status_6=rng.choice(outcomes.STATUSES),
                status_12="employed" if employed else rng.choice(("enrolled", "neither", "unknown")),
                soc="47-2111" if employed and rng.random() < 0.7 else ("35-2014" if employed else ""),
                wage_band=rng.choice(outcomes.WAGE_BANDS[:5]) if employed else "",
                groups={"campus": rng.choice(("North", "South"))}))
    return grads


def _interval(cells: list[outcome_measures.Cell], measure: str, true: dict[str, int], total: int | None,
              k: int, sizes: dict[str, int]) -> dict[str, tuple[float, float]]:
    """For each cell not published exactly, the smallest and largest numerator consistent with
    everything published (a linear programme over those cells, with the line's total when shown)."""
    hidden = [c.label for c in cells if c.shares[measure].text_key != "exact"]
    bounds = {c.label: outcome_measures.published_range(c.shares[measure].text_key, sizes[c.label], k) for c in cells}
    shown_sum = sum(true[c.label] for c in cells if c.label not in hidden)
    a_eq = [[1.0] * len(hidden)] if total is not None and hidden else None
    b_eq = [total - shown_sum] if a_eq else None
    out = {}
    for j, label in enumerate(hidden):
        ends = []
        for sign in (1, -1):
            cost = [0.0] * len(hidden)
            cost[j] = sign
            res = linprog(cost, A_eq=a_eq, b_eq=b_eq, bounds=[bounds[h] for h in hidden])
            assert res.status == 0
            ends.append(sign * res.fun)
        out[label] = (ends[0], ends[1])
    return out


@pytest.mark.parametrize("seed", range(8))
def test_no_hidden_cell_of_a_small_program_can_be_worked_out(seed):
    k = 10
    grads = _small_district(seed)
    published = outcome_measures.program_outcomes(grads, "HS-ELEC", {"47-2111"}, {"NCCER-CORE"}, k=k)
    assert published.window is not None and published.window.graduates == 36
    lines = [("year", published.years, lambda g, c: str(g.year) == c)]
    lines += [("campus", cells, lambda g, c: g.groups.get("campus") == c) for cells in published.groups.values()]
    checked = 0
    for _name, cells, member in lines:
        sizes = {c.label: sum(1 for g in grads if member(g, c.label)) for c in cells}
        for cell in cells:
            assert cell.graduates is None or cell.graduates >= k  # no described group is small
        for measure in outcome_measures.MEASURES:
            rule = outcome_measures._meets(measure, frozenset({"47-2111"}), frozenset({"NCCER-CORE"}))
            true = {c.label: sum(1 for g in grads if member(g, c.label) and rule(g)) for c in cells}
            window = published.window.shares[measure]
            total = window.numerator if window.text_key == "exact" else None
            for label, (low, high) in _interval(cells, measure, true, total, k, sizes).items():
                assert low <= true[label] <= high
                assert high - low >= 1, (measure, label, low, high)  # never pinned to one value
                checked += 1
            for cell in cells:  # every exact share has both sides at least k
                share = cell.shares[measure]
                if share.text_key == "exact":
                    assert share.numerator >= k and share.base - share.numerator >= k
    assert checked > 0


def test_a_program_too_small_for_any_year_is_reported_only_pooled_or_not_at_all():
    grads = _small_district(1)
    forestry = [outcomes.Graduate(year=y, programs=("HS-FOREST",), credentials=(), de_credits=0, wbl=False,
                                  status_6="employed", status_12="employed", soc="45-4022", wage_band="20k_to_30k")
                for y, _ in itertools.product((2023, 2024, 2025), range(4))]
    published = outcome_measures.program_outcomes(grads + forestry, "HS-FOREST", {"45-4022"}, set(), k=10)
    assert published.window is not None and published.window.graduates == 12
    assert all(c.graduates is None for c in published.years)  # 4 a year: no year of its own
    line = outcome_measures.pathway_line(published, "Forestry", locale("en"), k=10)
    assert "more than 2 of 12" in line  # all 12 employed is never published as "12 of 12"
    tiny = outcome_measures.program_outcomes(forestry[:8], "HS-FOREST", {"45-4022"}, set(), k=10)
    assert tiny.window is None
    assert "not enough graduates yet to report" in outcome_measures.pathway_line(tiny, "Forestry", locale("en"), k=10)


def _table_interval(cells, values, hidden, upper, rows, columns):
    """Smallest and largest value of each hidden cell given the shown cells and the known row and column totals."""
    order = sorted(hidden)
    a_eq, b_eq = [], []
    for key, total in rows.items():
        if total is not None:
            members = [c for c in cells if c[0] == key]
            a_eq.append([1.0 if c in members else 0.0 for c in order])
            b_eq.append(total - sum(values[c] for c in members if c not in hidden))
    for key, total in columns.items():
        if total is not None:
            members = [c for c in cells if c[1] == key]
            a_eq.append([1.0 if c in members else 0.0 for c in order])
            b_eq.append(total - sum(values[c] for c in members if c not in hidden))
    out = {}
    for j, cell in enumerate(order):
        ends = []
        for sign in (1, -1):
            cost = [0.0] * len(order)
            cost[j] = sign
            res = linprog(cost, A_eq=a_eq or None, b_eq=b_eq or None, bounds=[(0, upper[c]) for c in order])
            assert res.status in (0, 3)  # 3: unbounded, nothing shown limits the cell from above
            ends.append(sign * res.fun if res.status == 0 else float("inf"))
        out[cell] = tuple(ends)
    return out


@pytest.mark.parametrize("seed", range(6))
def test_counselors_year_by_group_cells_pin_no_one(seed):
    k = 10
    grads = []
    for district_seed in (seed, seed + 100):  # 24 graduates a year: groups of about 12 a year
        grads += _small_district(district_seed)
    published = outcome_measures.program_outcomes(grads, "HS-ELEC", {"47-2111"}, {"NCCER-CORE"}, k=k)
    table = outcome_measures.group_years(grads, published, "HS-ELEC", "campus", {"47-2111"}, {"NCCER-CORE"}, k=k)
    assert table is not None and table.cells
    cells = list(table.cells)
    sizes = {c: sum(1 for g in grads if str(g.year) == c[0] and g.groups.get("campus") == c[1]) for c in cells}
    assert all(table.cells[c].graduates in (None, sizes[c]) for c in cells)
    assert all(n is None or n >= k for n in (table.cells[c].graduates for c in cells))
    year_cells = {c.label: c for c in published.years}
    group_cells = {c.label: c for c in published.groups["campus"]}
    hidden_sizes = {c for c in cells if table.cells[c].graduates is None}
    if hidden_sizes:
        ranges = _table_interval(cells, sizes, hidden_sizes, dict.fromkeys(cells),  # a hidden size: any count
                                 {y: year_cells[y].graduates for y in table.years},
                                 {g: group_cells[g].graduates for g in table.groups})
        assert all(high - low >= 1 for low, high in ranges.values()), ranges
    for measure in outcome_measures.MEASURES:
        rule = outcome_measures._meets(measure, frozenset({"47-2111"}), frozenset({"NCCER-CORE"}))
        values = {c: sum(1 for g in grads if str(g.year) == c[0] and g.groups.get("campus") == c[1] and rule(g))
                  for c in cells}
        hidden = {c for c in cells if table.cells[c].shares[measure].text_key != "exact"}
        if not hidden:
            continue
        exact = lambda share: share.numerator if share.text_key == "exact" else None  # noqa: E731
        upper = {c: table.cells[c].graduates for c in cells}  # a share's base is shown with it, or nothing is
        ranges = _table_interval(cells, values, hidden, upper,
                                 {y: exact(year_cells[y].shares[measure]) for y in table.years},
                                 {g: exact(group_cells[g].shares[measure]) for g in table.groups})
        for cell, (low, high) in ranges.items():
            assert high - low >= 1, (measure, cell, low, high)
