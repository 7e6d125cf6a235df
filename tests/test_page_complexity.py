"""Pages stay layout scripts: a complexity budget per page file catches logic creeping back in.

The count is McCabe-style over the whole file: 1, plus one for each if/elif, for, while, except,
match case and conditional expression, one per extra operand of and/or, and one per comprehension
and each of its ifs. Formatting, NaN handling, step kinds and message choices belong in explorer/
(view-models such as explorer/pathway_view.py) or in a renderer in explorer/ui; a page that needs
more than the budget is a sign that some of it should move there.
"""
from __future__ import annotations

import ast

import pytest

from explorer.paths import ROOT

BUDGET = 9  # the largest page today (results, portfolio) is at 9; the pathway page is at 3
PAGES = [*sorted((ROOT / "pages").glob("*.py")), ROOT / "app.py"]
BRANCHES = (ast.If, ast.For, ast.AsyncFor, ast.While, ast.IfExp, ast.ExceptHandler, ast.match_case)


def complexity(source: str) -> int:
    """Decision points of a whole module (functions and all), plus one."""
    points = 1
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, BRANCHES):
            points += 1
        elif isinstance(node, ast.BoolOp):
            points += len(node.values) - 1
        elif isinstance(node, ast.comprehension):
            points += 1 + len(node.ifs)
    return points


def test_the_count_sees_each_kind_of_decision():
    assert complexity("x = 1") == 1
    assert complexity("if a:\n    pass\nelif b:\n    pass") == 3
    assert complexity("y = a if b and c or d else e") == 1 + 1 + 2
    assert complexity("z = [i for i in r if i if i > 1]") == 1 + 3
    assert complexity("for i in r:\n    try:\n        pass\n    except E:\n        pass") == 3
    assert complexity("match x:\n    case 1:\n        pass\n    case _:\n        pass") == 3


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_page_within_complexity_budget(page):
    assert complexity(page.read_text()) <= BUDGET, (
        f"{page.name} has complexity {complexity(page.read_text())} > {BUDGET}: move decisions and formatting "
        "into a view-model in explorer/ or a renderer in explorer/ui/")
