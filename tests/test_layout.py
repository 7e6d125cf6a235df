"""The house rules that code review would otherwise have to remember."""
from __future__ import annotations

import ast

from explorer.paths import ROOT


def imported_modules(path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_explorer_outside_ui_never_imports_streamlit():
    offenders = [p.relative_to(ROOT) for p in (ROOT / "explorer").rglob("*.py")
                 if "ui" not in p.relative_to(ROOT / "explorer").parts[:1] and "streamlit" in imported_modules(p)]
    assert offenders == []


def test_pages_are_layout_only():
    for page in (ROOT / "pages").glob("*.py"):
        used = imported_modules(page)
        assert not used & {"pandas", "sqlalchemy", "sqlmodel", "sqlite3", "numpy"}, page.name
        assert "SELECT " not in page.read_text(), page.name


def test_usage_stats_are_off():
    config = (ROOT / ".streamlit" / "config.toml").read_text()
    assert "gatherUsageStats = false" in config and "postScriptGC = false" in config
