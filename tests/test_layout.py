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


def _full_imports(path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names |= {f"{node.module}.{alias.name}" for alias in node.names}
    return names


def test_explorer_outside_ui_never_imports_streamlit():
    """Only the UI package draws; the benchmarks drive Streamlit from outside (its test harness and
    websocket protocol) and are never imported by the app."""
    offenders = [p.relative_to(ROOT) for p in (ROOT / "explorer").rglob("*.py")
                 if p.relative_to(ROOT / "explorer").parts[0] not in ("ui", "benchmarks")
                 and "streamlit" in imported_modules(p)]
    assert offenders == []


def test_nothing_the_app_or_a_deployment_runs_imports_the_benchmarks():
    production = [ROOT / "app.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "deploy").rglob("*.py"),
                  *(p for p in (ROOT / "explorer").rglob("*.py")
                    if p.relative_to(ROOT / "explorer").parts[0] != "benchmarks" and p.name != "cli.py")]
    offenders = [p.relative_to(ROOT) for p in production
                 if any(name.startswith("explorer.benchmarks") for name in _full_imports(p))]
    assert offenders == []


def test_pages_are_layout_only():
    for page in (ROOT / "pages").glob("*.py"):
        used = imported_modules(page)
        assert not used & {"pandas", "sqlalchemy", "sqlmodel", "sqlite3", "numpy"}, page.name
        assert "SELECT " not in page.read_text(), page.name


def test_usage_stats_are_off():
    config = (ROOT / ".streamlit" / "config.toml").read_text()
    assert "gatherUsageStats = false" in config and "postScriptGC = false" in config
