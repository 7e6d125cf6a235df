"""Small-count protection for every figure about students (class dashboard, audit, exports).

Hiding a count under the district's minimum ("<10") is not enough when a total is known: a class of
13 with 11 on campus North shows South as "<10", but 13 - 11 = 2. This module applies the two
standard remedies of statistical disclosure control (e.g. the U.S. Department of Education's PTAC
guidance on small cells, and Hundepool et al., *Statistical Disclosure Control*, 2012, ch. 4 and 5):

- **recoding**: categories students typed themselves (a campus, a grade) are listed only when at
  least the minimum number of students hold them; the rest are pooled as "other or not given", and
  when that pool itself would be small the smallest named groups join it, so no row exists only
  because one student holds a value;
- **complementary suppression**: in every line of a table whose total is known (from the same page,
  another split, or the whole-class view), more cells are hidden until no hidden cell can be worked
  out exactly from the shown ones, the total and each cell's possible range.

The minimum is a district setting: ``min_group`` (``EXPLORER_MIN_GROUP``, default 10; never below 5;
see explorer/settings.py). Every page, report and export hides small counts through this module.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TypeVar

from explorer import settings

T = TypeVar("T")


def min_group() -> int:
    """The smallest group of students any figure may describe (``settings.SettingsError`` if the
    district's value is not a whole number of at least 5)."""
    return settings.current().min_group


SUPPRESSED = "—"  # a count of at least k hidden so that a small count beside it cannot be worked out


def hidden_text(k: int) -> str:
    return f"<{k}"


def shown(value: int, hidden: bool, k: int) -> str:
    """A count as the page shows it: the number; when hidden, "<k" if it is small (1..k-1) and
    ``SUPPRESSED`` otherwise (a complementary cell: a count that is not small is never shown as "<k")."""
    if not hidden:
        return str(int(value))
    return hidden_text(k) if small(value, k) else SUPPRESSED


def small(value: int, k: int) -> bool:
    """A count that describes between 1 and k-1 students (primary suppression)."""
    return 0 < value < k


def lone_count(value: int, k: int) -> int | str:
    """A count shown with no total it could be worked out from (JSON, a single figure): the number,
    or "<k" when it describes 1..k-1 students; 0 stays 0."""
    return hidden_text(k) if small(value, k) else int(value)


def lone_text(value: int, k: int) -> str:
    """``lone_count`` as page text, with thousands separators ("1,400", "<10")."""
    return hidden_text(k) if small(value, k) else f"{int(value):,}"


def pinned(values: Mapping[str, int], bounds: Mapping[str, tuple[int, int]], hidden: set[str],
           total: int) -> set[str]:
    """Hidden cells whose value follows exactly from the line's total, the shown cells and every
    hidden cell's possible range [low, high]."""
    rest = total - sum(v for c, v in values.items() if c not in hidden)
    out = set()
    for cell in hidden:
        others = hidden - {cell}
        low = max(bounds[cell][0], rest - sum(bounds[o][1] for o in others))
        high = min(bounds[cell][1], rest - sum(bounds[o][0] for o in others))
        if low >= high:
            out.add(cell)
    return out


def reader_bounds(upper: Mapping[str, int], small_cells: set[str], complementary: set[str],
                  k: int) -> dict[str, tuple[int, int]]:
    """What a reader who knows these rules can tell of each hidden cell: "<k" is 1..k-1, a
    complementary ``SUPPRESSED`` cell is k up to its largest possible value."""
    return {**{c: (1, min(k - 1, upper[c])) for c in small_cells},
            **{c: (min(k, upper[c]), upper[c]) for c in complementary}}


def protect_line(values: Mapping[str, int], upper: Mapping[str, int], small_cells: set[str],
                 complementary: set[str], total: int | None, k: int) -> set[str]:
    """``complementary`` plus the cells a line with a known total needs hidden: while some hidden
    cell is pinned, also hide the smallest shown cell of at least k (ties by name, so the result is
    stable; a 0 stays shown, there is nobody to protect)."""
    complementary = set(complementary)
    if total is None:
        return complementary
    while True:
        hidden = small_cells | complementary
        if not hidden or not pinned(values, reader_bounds(upper, small_cells, complementary, k), hidden, total):
            return complementary
        candidates = [c for c in values if c not in hidden and values[c] >= k]
        if not candidates:
            return complementary  # every count hidden: only the total (already known) is left
        complementary.add(min(candidates, key=lambda c: (values[c], c)))


def protect_table(values: Mapping[tuple[str, str], int], upper: Mapping[tuple[str, str], int],
                  row_totals: Mapping[str, int | None], column_totals: Mapping[str, int | None],
                  k: int) -> set[tuple[str, str]]:
    """Hidden cells of a two-way table: every small cell, then complements row by row and column by
    column, repeated until nothing changes (hiding only grows, so this ends)."""
    small_cells = {cell for cell, v in values.items() if small(v, k)}
    complementary: set[tuple[str, str]] = set()
    rows = sorted({r for r, _ in values})
    columns = sorted({c for _, c in values})
    while True:
        before = len(complementary)
        for r in rows:
            line = {c: values[(r, c)] for c in columns if (r, c) in values}
            keep = protect_line(line, {c: upper[(r, c)] for c in line}, {c for c in line if (r, c) in small_cells},
                                {c for c in line if (r, c) in complementary}, row_totals.get(r), k)
            complementary |= {(r, c) for c in keep}
        for c in columns:
            line = {r: values[(r, c)] for r in rows if (r, c) in values}
            keep = protect_line(line, {r: upper[(r, c)] for r in line}, {r for r in line if (r, c) in small_cells},
                                {r for r in line if (r, c) in complementary}, column_totals.get(c), k)
            complementary |= {(r, c) for r in keep}
        if len(complementary) == before:
            return small_cells | complementary


def released(order: Sequence[T], k: int) -> list[T]:
    """The release rule for anything that grows one student at a time (class dashboards, answer
    exports): of the students in ``order`` (their order of arrival, which never changes: joining or
    finishing), only the first whole batches of ``k`` count. A new release appears only when k
    more students have arrived, so comparing two releases shows at least k students together,
    never the one who just arrived."""
    return list(order)[:len(order) // k * k]


def recode_groups(sizes: Mapping[str, int], k: int, other: str) -> dict[str, str]:
    """Each typed group value -> the row it is counted in: itself if at least ``k`` students hold
    it, else ``other``; if ``other`` would hold 1..k-1 students, the smallest named groups join it.
    Every row that remains holds 0 or at least ``k`` students."""
    named = {g: n for g, n in sizes.items() if n >= k and g != other}
    pooled = sum(n for g, n in sizes.items() if g not in named)
    while small(pooled, k) and named:
        smallest = min(named, key=lambda g: (named[g], g))
        pooled += named.pop(smallest)
    return {g: (g if g in named else other) for g in sizes}
