"""District settings: defaults, explorer.toml, EXPLORER_* variables, and values that must stop the app."""
from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from explorer import auth, budget, privacy, settings
from explorer.paths import ROOT


@pytest.fixture
def toml(tmp_path, monkeypatch):
    """Write a settings file and point EXPLORER_SETTINGS at it; no EXPLORER_* variable leaks in."""
    for name in [n for n in __import__("os").environ if n.startswith(settings.PREFIX)]:
        monkeypatch.delenv(name)
    path = tmp_path / "explorer.toml"

    def write(text: str, encoding: str = "utf-8") -> None:
        path.write_bytes(text.encode(encoding))
        monkeypatch.setenv(settings.FILE_VARIABLE, str(path))

    return write


def readme_rows() -> dict[str, list[str]]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `([a-z_]+)` \| `(EXPLORER_[A-Z_]+)` \| ([^|]*) \| ([^|]*) \|$", text, flags=re.M)
    return {key: [variable, default.strip(), meaning.strip()] for key, variable, default, meaning in rows}


def test_defaults_without_file_or_variables(toml, tmp_path, monkeypatch):
    monkeypatch.setenv(settings.FILE_VARIABLE, "")  # the default ./explorer.toml; absent in a fresh clone
    monkeypatch.setattr(settings, "DEFAULT_FILE", tmp_path / "absent.toml")
    loaded = settings.load()
    assert loaded.settings == settings.Settings()
    assert set(loaded.origins.values()) == {"default"}
    fields = settings.Settings.model_fields
    assert privacy.min_group() == fields["min_group"].default
    assert budget.default_monthly() == {item: fields[f"budget_{item}"].default for item in budget.LABELS}
    assert auth.max_failures() == fields["login_max_failures"].default


def test_the_file_overrides_defaults_and_variables_override_the_file(toml, monkeypatch):
    toml('min_group = 12\nbudget_tax_share = 0.2\npublic_url = "https://careers.example.org/explorer/"\n')
    loaded = settings.loaded()
    assert (loaded.settings.min_group, loaded.settings.budget_tax_share) == (12, 0.2)
    assert loaded.origins["min_group"].endswith("explorer.toml") and loaded.origins["long_commute_minutes"] == "default"
    assert privacy.min_group() == 12
    assert budget.check({"food": 100}).yearly_before_tax == pytest.approx(1200 / 0.8)
    assert settings.app_url("family?share=t", "http://10.0.0.5:8501/portfolio?x=1") == (
        "https://careers.example.org/explorer/family?share=t")
    monkeypatch.setenv("EXPLORER_MIN_GROUP", "15")
    monkeypatch.setenv("EXPLORER_BUDGET_TAX_SHARE", " ")  # empty: not set, as in a systemd EnvironmentFile
    loaded = settings.loaded()
    assert loaded.settings.min_group == 15 and loaded.origins["min_group"] == "EXPLORER_MIN_GROUP"
    assert loaded.settings.budget_tax_share == 0.2
    assert privacy.min_group() == 15


def test_the_public_address_falls_back_to_the_browsers_then_localhost(toml):
    toml("")
    assert settings.app_url("family?share=t", "https://school.example.org/portfolio?code=1") == (
        "https://school.example.org/family?share=t")
    assert settings.app_url("family?share=t") == settings.FALLBACK_URL + "family?share=t"


@pytest.mark.parametrize("text,problem", [
    ("min_group = 4", "min_group must be at least 5, not 4"),
    ('min_group = "12"', "min_group must be a whole number"),
    ("min_group = 12.0", "min_group must be a whole number"),
    ("budget_tax_share = 1.5", "budget_tax_share must be at most 0.6"),
    ("min_grup = 12", "min_grup is not a setting; did you mean min_group?"),
    ("[budget]\nhousing = 900", "budget is not a setting"),
    ('public_url = "ftp://files.example.org"', "public_url must be an http:// or https:// address"),
    ("min_group = ", "is not valid TOML"),
])
def test_a_bad_file_names_the_key_and_the_problem(toml, text, problem):
    toml(text + "\n")
    with pytest.raises(settings.SettingsError) as caught:
        settings.current()
    assert problem in str(caught.value) and "explorer.toml" in str(caught.value)
    with pytest.raises(settings.SettingsError):
        privacy.min_group()  # no silent fallback to the default


def test_a_file_that_is_not_utf8_is_refused(toml):
    toml("public_url = \"https://é.example.org/\"\n", encoding="latin-1")
    with pytest.raises(settings.SettingsError, match="not valid TOML"):
        settings.current()


@pytest.mark.parametrize("value,problem", [("4", "at least 5"), ("ten", "whole number"), ("١٢", "whole number"),
                                           ("-10", "at least 5"), ("1_000", "whole number"), ("12.5", "whole number")])
def test_a_bad_variable_names_the_variable(toml, monkeypatch, value, problem):
    toml("")
    monkeypatch.setenv("EXPLORER_MIN_GROUP", value)
    with pytest.raises(settings.SettingsError, match=f"EXPLORER_MIN_GROUP: min_group must be .*{problem}"):
        privacy.min_group()


def test_a_named_file_that_is_missing_is_an_error(monkeypatch, tmp_path):
    monkeypatch.setenv(settings.FILE_VARIABLE, str(tmp_path / "nowhere.toml"))
    with pytest.raises(settings.SettingsError, match=r"nowhere\.toml, which does not exist"):
        settings.current()


def test_every_key_is_documented_in_the_readme_with_its_default():
    rows = readme_rows()
    assert list(rows) == list(settings.KEYS)
    for key, (variable, default, meaning) in rows.items():
        field = settings.Settings.model_fields[key]
        assert variable == settings.variable(key)
        assert default.strip("`") == (str(field.default).lower() if isinstance(field.default, bool) else
                                      f"{field.default:,}" if isinstance(field.default, int) else
                                      f"{field.default}" if field.default != "" else "(empty)"), key
        assert meaning, key


def test_every_setting_is_in_the_env_example_with_its_default(tmp_path):
    """deploy/explorer.env.example lists each field of the model, commented out, at its default."""
    no_file = tmp_path / "explorer.toml"
    no_file.write_text("", encoding="utf-8")
    text = (ROOT / "deploy" / "explorer.env.example").read_text(encoding="utf-8")
    listed = dict(re.findall(r"^# (EXPLORER_[A-Z_]+)=(.*)$", text, flags=re.M))
    for key, field in settings.Settings.model_fields.items():
        assert settings.variable(key) in listed, f"{settings.variable(key)} is missing from deploy/explorer.env.example"
        assert listed[settings.variable(key)] == str(field.default), key
        uncommented = {settings.FILE_VARIABLE: str(no_file), settings.variable(key): listed[settings.variable(key)]}
        assert settings.load(uncommented).settings == settings.Settings(), key  # the line as written is the default
    # The block is the generator's output, so its comments follow the model's descriptions and bounds.
    assert text[text.index(settings.ENV_EXAMPLE_HEADER):] == settings.env_example(), (
        "regenerate the settings block of deploy/explorer.env.example with `python -m explorer settings --env-example`")


def run_cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    import os

    clean = {k: v for k, v in os.environ.items() if not k.startswith(settings.PREFIX)}
    return subprocess.run([sys.executable, "-m", "explorer", *args], cwd=ROOT, env=clean | env,
                          capture_output=True, text=True, timeout=120)


def test_the_cli_prints_values_and_sources_and_refuses_bad_ones(tmp_path):
    path = tmp_path / "district.toml"
    path.write_text("long_commute_minutes = 45\n", encoding="utf-8")
    shown = run_cli("settings", "--json", env={settings.FILE_VARIABLE: str(path), "EXPLORER_MIN_GROUP": "11",
                                               "EXPLORER_MIN_GRUOP": "3"})
    assert shown.returncode == 0, shown.stderr
    values = json.loads(shown.stdout)
    assert values["long_commute_minutes"] == {"value": 45, "from": str(path), "variable": "EXPLORER_LONG_COMMUTE_MINUTES"}
    assert values["min_group"]["value"] == 11 and values["min_group"]["from"] == "EXPLORER_MIN_GROUP"
    assert values["budget_food"]["from"] == "default"
    text = run_cli("settings", env={settings.FILE_VARIABLE: str(path), "EXPLORER_MIN_GRUOP": "3"})
    assert re.search(r"long_commute_minutes +45 +from .*district.toml", text.stdout)
    assert "ignored: EXPLORER_MIN_GRUOP is not a setting" in text.stderr
    # Any command, not only `settings`, refuses to start with a wrong value.
    refused = run_cli("regions", "--search", "austin", env={"EXPLORER_LOGIN_MAX_FAILURES": "0"})
    assert refused.returncode == 2 and refused.stdout == ""
    assert refused.stderr.strip() == ("error: the settings cannot be used: EXPLORER_LOGIN_MAX_FAILURES: "
                                      "login_max_failures must be at least 1, not 0")
