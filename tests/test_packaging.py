"""The install and test commands the README gives, the lock files they use and the package metadata
agree with each other (a drifted lock installs something nobody tested; a CI that runs another
command than the README's proves nothing about the README)."""
from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent


def _commands(text: str) -> list[str]:
    return re.findall(r"```bash\n(.*?)\n```", text, re.S)


def _requirements(name: str) -> list[Requirement]:
    """The requirements a pip requirements file names (following -r), without the comments."""
    out = []
    for line in (ROOT / name).read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line.startswith("-r "):
            out += _requirements(line[3:].strip())
        elif line:
            out.append(Requirement(line))
    return out


def _locked(name: str) -> dict[str, tuple[str, int]]:
    """Package -> (pinned version, number of hashes) of a pip-compile --generate-hashes file."""
    pins: dict[str, tuple[str, int]] = {}
    for block in re.split(r"\n(?=[A-Za-z0-9])", (ROOT / name).read_text()):
        found = re.match(r"([A-Za-z0-9._-]+)==(\S+)", block)
        if found:
            pins[canonicalize_name(found[1])] = (found[2], block.count("--hash=sha256:"))
    return pins


def test_ci_runs_exactly_the_readme_test_command():
    readme = (ROOT / "README.md").read_text()
    test_command = next(c for c in _commands(readme) if "python -m pytest" in c)
    last_line = [line for line in (ROOT / ".ci/run").read_text().splitlines() if line.strip()][-1]
    assert last_line == test_command
    assert ".ci/check" in test_command and "--require-hashes -r requirements-dev.lock" in test_command


def test_readme_installs_the_app_from_its_lock_file():
    install = next(c for c in _commands((ROOT / "README.md").read_text()) if "explorer serve" in c)
    assert install.startswith("pip install --require-hashes -r requirements.lock")


@pytest.mark.parametrize("listed, lock", [("requirements.txt", "requirements.lock"),
                                          ("requirements-dev.txt", "requirements-dev.lock")])
def test_every_listed_requirement_is_pinned_with_hashes_in_its_lock(listed, lock):
    pins = _locked(lock)
    for requirement in _requirements(listed):
        version, _hashes = pins[canonicalize_name(requirement.name)]
        assert requirement.specifier.contains(version, prereleases=True), (requirement, version)
    assert all(hashes > 0 for _version, hashes in pins.values())


def test_the_dev_lock_pins_the_app_exactly_as_the_app_lock():
    app, dev = _locked("requirements.lock"), _locked("requirements-dev.lock")
    assert {name: dev[name][0] for name in app} == {name: pin[0] for name, pin in app.items()}


def test_package_metadata_reads_the_same_lists_and_script_as_python_m():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    dynamic = project["tool"]["setuptools"]["dynamic"]
    assert dynamic["dependencies"]["file"] == ["requirements.txt"]
    assert dynamic["optional-dependencies"]["test"]["file"] == ["requirements-test.txt"]
    assert project["project"]["scripts"]["explorer"] == "explorer.cli:main"
    assert "from explorer.cli import main" in (ROOT / "explorer/__main__.py").read_text()
    # setuptools reads these files line by line: a `-r` include there would be an invalid requirement.
    for name in ("requirements.txt", "requirements-test.txt"):
        assert not any(line.startswith("-") for line in (ROOT / name).read_text().splitlines())
