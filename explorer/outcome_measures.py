"""Outcome measures per pathway (catalog program) and graduation year, published safely.

Every measure is a share of the program's graduates (one denominator, so no hidden count can be
worked out from two shares of different bases):

- ``graduates``: graduates who completed the program that year;
- ``credential``: earned at least one credential listed in the district catalog;
- ``dual_credit``: earned dual-enrollment credit (more than 0 credits);
- ``work_based``: did work-based learning (a type or hours given);
- ``placed_6`` / ``placed_12``: employed, enrolled in postsecondary education, or both, 6 / 12 months
  after graduating ("unknown" counts as not confirmed);
- ``in_field``: employed at 12 months in an occupation the program's SOC codes lead to;
- ``relevant_credential``: earned a credential linked to a job in demand here (the audit's rule:
  estimated openings at least ``in_demand_openings`` and median pay at or above the area's);
- ``median_wage_band``: the middle wage band of those employed at 12 months (shown when at least
  ``min_group`` of them gave one).

Publication (k = the district's ``min_group``): a program is described for a window of up to
``WINDOW`` recent graduation years pooled, and year by year only for years with at least k
graduates. A share is shown as "a of n (p %)" only when both a and n - a are at least k; otherwise
"fewer than k of n" or "more than n - k of n". Within each line with a known total (the years of a
window, whose pooled figure is shown; the student groups of a program) further cells are hidden
until none can be worked out exactly from the shown ones, the total and each cell's range
(:func:`protect_line`, over :func:`explorer.privacy.pinned`). Student groups are recoded first (:func:`privacy.recode_groups`),
so every listed group holds at least k graduates. Programs are never summed into a district total.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TypeVar

from explorer import privacy
from explorer.i18n import N_, Locale
from explorer.outcomes import EMPLOYED, PLACED, WAGE_BAND_TEXT, WAGE_BANDS, Graduate

K = TypeVar("K", str, tuple[str, str])  # a cell of a line: a year or group, or a (year, group) pair
WINDOW = 3  # graduation years pooled for a program's headline figures
MEASURES = ("credential", "dual_credit", "work_based", "placed_6", "placed_12", "in_field", "relevant_credential")
MEASURE_TEXT = {"credential": N_("earned an industry credential"), "dual_credit": N_("earned college credit in high school"),
                "work_based": N_("did work-based learning"), "placed_6": N_("working or in college 6 months later"),
                "placed_12": N_("working or in college 12 months later"),
                "in_field": N_("working in a job this program leads to, 12 months later"),
                "relevant_credential": N_("earned a credential that in-demand local jobs use")}
OTHER_GROUP = "other or not given"


def _meets(name: str, socs: frozenset[str], relevant: frozenset[str]) -> Callable[[Graduate], bool]:
    rules: dict[str, Callable[[Graduate], bool]] = {
        "credential": lambda g: bool(g.credentials),
        "dual_credit": lambda g: g.de_credits > 0,
        "work_based": lambda g: g.wbl,
        "placed_6": lambda g: g.status_6 in PLACED,
        "placed_12": lambda g: g.status_12 in PLACED,
        "in_field": lambda g: g.status_12 in EMPLOYED and g.soc in socs,
        "relevant_credential": lambda g: any(c in relevant for c in g.credentials),
    }
    return rules[name]


@dataclass(frozen=True)
class Share:
    """One published share: ``exact`` with its numerator, else a bound that pins no one."""

    numerator: int | None  # None when not published exactly
    base: int | None  # graduates it is a share of (None: the group itself is not described)
    text_key: str  # "exact", "fewer", "more" or "hidden"

    def text(self, k: int, loc: Locale) -> str:
        _ = loc._
        if self.text_key == "exact" and self.numerator is not None and self.base:
            return _("{a} of {n} ({pct} %)").format(a=self.numerator, n=self.base,
                                                    pct=round(100 * self.numerator / self.base))
        if self.text_key == "fewer":
            return _("fewer than {k} of {n}").format(k=k, n=self.base)
        if self.text_key == "more" and self.base is not None:
            return _("more than {m} of {n}").format(m=self.base - k, n=self.base)
        return _("too few to report")


@dataclass(frozen=True)
class Cell:
    """A program's graduates for one year, one window or one student group."""

    label: str  # "2025", "2023-2025" or a group value
    graduates: int | None  # None: fewer than k (not described)
    shares: Mapping[str, Share]
    median_wage_band: str  # a key of WAGE_BANDS, or "" when not published


@dataclass(frozen=True)
class ProgramOutcomes:
    program: str
    window: Cell | None  # pooled recent years (None: fewer than k graduates in the window)
    years: list[Cell]
    groups: dict[str, list[Cell]]  # group field -> its groups over the window
    sample: bool


def _counts(grads: list[Graduate], socs: frozenset[str], relevant: frozenset[str]) -> dict[str, int]:
    return {m: sum(1 for g in grads if _meets(m, socs, relevant)(g)) for m in MEASURES}


def _primary(a: int, n: int, k: int) -> str:
    """How a share is published before complementary suppression: exact only when both the graduates
    who meet it and those who do not are at least k ("all" and "none" describe every member)."""
    if n < k:
        return "hidden"
    if a < k:
        return "fewer"
    if n - a < k:
        return "more"
    return "exact"


def published_range(kind: str, n: int, k: int) -> tuple[int, int]:
    """What a reader learns of a numerator from how it is published (exact cells that get hidden: all of 0..n)."""
    if kind == "fewer":
        return 0, min(k - 1, n)
    if kind == "more":
        return max(n - k + 1, 0), n
    return 0, n


def _median_band(grads: list[Graduate], k: int) -> str:
    bands = sorted(WAGE_BANDS.index(g.wage_band) for g in grads
                    if g.status_12 in EMPLOYED and g.wage_band and g.wage_band != "unknown")
    return WAGE_BANDS[bands[(len(bands) - 1) // 2]] if len(bands) >= k else ""


def protect_line(values: Mapping[K, int], bounds: Mapping[K, tuple[int, int]], hidden: set[K],
                 total: int | None) -> set[K]:
    """``hidden`` plus the complementary cells a line with a known total needs: while some hidden cell
    is pinned (its value follows from the total, the shown cells and every hidden cell's published
    range ``bounds``), also hide the smallest shown cell (ties by name, so the result is stable)."""
    hidden = set(hidden)
    if total is None:
        return hidden
    name = {cell: repr(cell) for cell in values}  # privacy.pinned reads cells by name

    def pinned() -> bool:
        return bool(privacy.pinned({name[c]: v for c, v in values.items()}, {name[c]: b for c, b in bounds.items()},
                                   {name[c] for c in hidden}, total))

    while hidden and pinned():
        candidates = [c for c in values if c not in hidden]
        if not candidates:
            break  # every cell hidden: only the total (already known) is left
        hidden.add(min(candidates, key=lambda c: (values[c], c)))
    return hidden


def _line(cells: dict[str, list[Graduate]], total: Cell | None, socs: frozenset[str], relevant: frozenset[str],
          k: int) -> list[Cell]:
    """Cells of one line (years, or groups) with primary and complementary suppression per measure."""
    sizes = {label: len(grads) for label, grads in cells.items()}
    whole = total.graduates if total is not None and total.graduates is not None else None
    small_sizes = {c for c, n in sizes.items() if n < k}
    size_bounds = {c: (0, min(k - 1, whole or 0) if c in small_sizes else whole or 0) for c in sizes}
    hidden_sizes = protect_line(sizes, size_bounds, small_sizes, whole)
    counts = {label: _counts(grads, socs, relevant) for label, grads in cells.items()}
    status: dict[str, dict[str, str]] = {label: {} for label in cells}
    for measure in MEASURES:
        values = {label: counts[label][measure] for label in cells}
        kinds = {label: "hidden" if label in hidden_sizes else _primary(values[label], sizes[label], k)
                 for label in cells}
        primary = {label for label in cells if kinds[label] != "exact"}
        known_total = None
        if total is not None and total.shares[measure].text_key == "exact":
            known_total = total.shares[measure].numerator
        bounds = {c: published_range(kinds[c], sizes[c], k) for c in cells}
        hidden = protect_line(values, bounds, primary, known_total)
        if known_total is not None and privacy.pinned(values, bounds, hidden, known_total):
            # A bound such as "fewer than k" can still pin a cell beside the total: publish those
            # cells as fully hidden (any value from 0 to the group's size) and protect the line again.
            kinds = {c: "hidden" if kinds[c] in ("fewer", "more") else kinds[c] for c in cells}
            bounds = {c: published_range(kinds[c], sizes[c], k) for c in cells}
            hidden = protect_line(values, bounds, primary, known_total)
        for label in cells:
            kind = kinds[label]
            status[label][measure] = kind if label not in hidden or kind != "exact" else "hidden"
    out = []
    for label, grads in cells.items():
        shown_size = None if label in hidden_sizes else sizes[label]
        shares = {m: Share(counts[label][m] if status[label][m] == "exact" else None, shown_size, status[label][m])
                  for m in MEASURES}
        out.append(Cell(label, shown_size, shares, _median_band(grads, k) if shown_size else ""))
    return out


def _window_cell(label: str, grads: list[Graduate], socs: frozenset[str], relevant: frozenset[str],
                 k: int) -> Cell | None:
    if len(grads) < k:
        return None
    counts = _counts(grads, socs, relevant)
    shares = {}
    for m in MEASURES:
        kind = _primary(counts[m], len(grads), k)
        shares[m] = Share(counts[m] if kind == "exact" else None, len(grads), kind)
    return Cell(label, len(grads), shares, _median_band(grads, k))


def program_outcomes(grads: list[Graduate], program: str, socs: set[str], relevant_credentials: set[str],
                     k: int | None = None) -> ProgramOutcomes:
    """The published figures of one program (see the module docstring for the rules)."""
    k = k if k is not None else privacy.min_group()
    mine = [g for g in grads if program in g.programs]
    all_years = sorted({g.year for g in mine})
    recent = all_years[-WINDOW:]
    in_window = [g for g in mine if g.year in recent]
    label = f"{recent[0]}-{recent[-1]}" if len(recent) > 1 else (str(recent[0]) if recent else "")
    soc_set, relevant = frozenset(socs), frozenset(relevant_credentials)
    window = _window_cell(label, in_window, soc_set, relevant, k)
    years = _line({str(y): [g for g in in_window if g.year == y] for y in recent}, window, soc_set, relevant, k) \
        if window else []
    groups: dict[str, list[Cell]] = {}
    if window:
        fields = sorted({f for g in in_window for f in g.groups})
        for name in fields:
            sizes: dict[str, int] = {}
            for g in in_window:
                value = g.groups.get(name) or OTHER_GROUP
                sizes[value] = sizes.get(value, 0) + 1
            row_of = privacy.recode_groups(sizes, k, OTHER_GROUP)
            cells: dict[str, list[Graduate]] = {}
            for g in in_window:
                cells.setdefault(row_of[g.groups.get(name) or OTHER_GROUP], []).append(g)
            if len(cells) > 1:
                groups[name] = _line(dict(sorted(cells.items())), window, soc_set, relevant, k)
    return ProgramOutcomes(program, window, years, groups, sample=any(g.sample for g in mine))


def pathway_line(outcomes: ProgramOutcomes, program_name: str, loc: Locale, k: int | None = None) -> str:
    """One sentence for the pathway page: "Of our 2023-2025 graduates of ...", or not enough yet."""
    _ = loc._
    k = k if k is not None else privacy.min_group()
    cell = outcomes.window
    if cell is None or cell.graduates is None:
        return _("Our graduates of {program}: not enough graduates yet to report.").format(program=program_name)
    return _("Of our {years} graduates of {program} ({n}): {placed} were working or in college a year later; "
             "{field} were working in a job it leads to.").format(
        years=cell.label, program=program_name, n=cell.graduates,
        placed=cell.shares["placed_12"].text(k, loc), field=cell.shares["in_field"].text(k, loc))


def wage_band_text(band: str, loc: Locale) -> str:
    return loc._(WAGE_BAND_TEXT[band]) if band else loc._("too few to report")


def percent_or_none(share: Share) -> float | None:
    """The exact share in percent, for charts (None when not published exactly)."""
    if share.text_key != "exact" or share.numerator is None or not share.base:
        return None
    return round(100 * share.numerator / share.base, 1)



@dataclass(frozen=True)
class GroupYears:
    """For counselors: one self-reported group field's cells year by year (finer than the public page)."""

    field: str
    years: list[str]
    groups: list[str]
    cells: dict[tuple[str, str], Cell]  # (year, group) -> its published cell


def _protect_table(values: Mapping[tuple[str, str], int], bounds: dict[tuple[str, str], tuple[int, int]],
                   hidden: set[tuple[str, str]], row_totals: Mapping[str, int | None],
                   column_totals: Mapping[str, int | None]) -> set[tuple[str, str]]:
    """Complementary suppression over every row and column whose total is known, until nothing changes."""
    lines = [([cell for cell in values if cell[0] == r], total) for r, total in row_totals.items()]
    lines += [([cell for cell in values if cell[1] == c], total) for c, total in column_totals.items()]
    hidden = set(hidden)
    changed = True
    while changed:
        before = len(hidden)
        for members, total in lines:
            hidden |= protect_line({m: values[m] for m in members}, {m: bounds[m] for m in members},
                                   hidden & set(members), total)
        changed = len(hidden) != before
    return hidden


def group_years(grads: list[Graduate], published: ProgramOutcomes, program: str, field: str, socs: set[str],
                relevant_credentials: set[str], k: int | None = None) -> GroupYears | None:
    """A program's graduates by year and self-reported group (counselors): every cell follows the same
    rules, and no hidden cell can be worked out from the year totals and group totals already shown."""
    k = k if k is not None else privacy.min_group()
    if published.window is None or field not in published.groups:
        return None
    soc_set, relevant = frozenset(socs), frozenset(relevant_credentials)
    years = [c.label for c in published.years]
    group_cells = {c.label: c for c in published.groups[field]}
    year_cells = {c.label: c for c in published.years}
    sizes_by_value: dict[str, int] = {}
    mine = [g for g in grads if program in g.programs and str(g.year) in years]
    for g in mine:
        value = g.groups.get(field) or OTHER_GROUP
        sizes_by_value[value] = sizes_by_value.get(value, 0) + 1
    row_of = privacy.recode_groups(sizes_by_value, k, OTHER_GROUP)
    members: dict[tuple[str, str], list[Graduate]] = {(y, grp): [] for y in years for grp in group_cells}
    for g in mine:
        members[(str(g.year), row_of[g.groups.get(field) or OTHER_GROUP])].append(g)
    sizes = {cell: len(people) for cell, people in members.items()}
    size_bounds = {cell: (0, n) for cell, n in sizes.items()}
    hidden_sizes = _protect_table(sizes, size_bounds, {c for c, n in sizes.items() if n < k},
                                  {y: year_cells[y].graduates for y in years},
                                  {grp: group_cells[grp].graduates for grp in group_cells})
    counts = {cell: _counts(people, soc_set, relevant) for cell, people in members.items()}
    status: dict[tuple[str, str], dict[str, str]] = {cell: {} for cell in members}
    for measure in MEASURES:
        values = {cell: counts[cell][measure] for cell in members}
        kinds = {cell: "hidden" if cell in hidden_sizes else _primary(values[cell], sizes[cell], k) for cell in members}
        rows = {y: year_cells[y].shares[measure].numerator if year_cells[y].shares[measure].text_key == "exact"
                else None for y in years}
        columns = {grp: group_cells[grp].shares[measure].numerator
                   if group_cells[grp].shares[measure].text_key == "exact" else None for grp in group_cells}
        # Bounds such as "fewer than k" are published as plain "hidden" here: a reader learns only 0..n.
        kinds = {cell: "hidden" if kind in ("fewer", "more") else kind for cell, kind in kinds.items()}
        bounds = {cell: (0, sizes[cell]) for cell in members}
        hidden = _protect_table(values, bounds, {c for c, kind in kinds.items() if kind != "exact"}, rows, columns)
        for cell in members:
            status[cell][measure] = "hidden" if cell in hidden else kinds[cell]
    cells = {}
    for cell, people in members.items():
        shown = None if cell in hidden_sizes else sizes[cell]
        shares = {m: Share(counts[cell][m] if status[cell][m] == "exact" else None, shown, status[cell][m])
                  for m in MEASURES}
        cells[cell] = Cell(f"{cell[0]} / {cell[1]}", shown, shares, _median_band(people, k) if shown else "")
    return GroupYears(field, years, list(group_cells), cells)
