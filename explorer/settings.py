"""District policy in one place: every value a district may choose, its default, its allowed range.

Values come from, in increasing priority: the defaults below, an optional TOML file (``explorer.toml``
in the project folder, or the file named by ``EXPLORER_SETTINGS``), and environment variables named
``EXPLORER_`` + the key in capitals (``EXPLORER_MIN_GROUP=12``). The file holds flat ``key = value``
lines with the keys of ``Settings``, e.g.::

    min_group = 12
    public_url = "https://careers.example.org/"

Why refuse rather than default: a typo in a privacy minimum or a lockout that silently fell back to
the default would look like it worked. So a wrong type, a value out of range, an unknown key in the
file or a file that cannot be read is a ``SettingsError`` naming the key, where it came from and what
is wrong, and the CLI and the app stop with it (``python -m explorer settings`` shows the effective
values and where each came from).

Settings are read again whenever the ``EXPLORER_*`` variables or the file change, so a test can set a
variable and see it; an unchanged environment costs one dictionary lookup.
"""
from __future__ import annotations

import difflib
import functools
import os
import re
import tomllib
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from explorer.paths import ROOT

PREFIX = "EXPLORER_"
FILE_VARIABLE = "EXPLORER_SETTINGS"
DEFAULT_FILE = ROOT / "explorer.toml"
FALLBACK_URL = "http://localhost:8501/"  # where `python -m explorer serve` listens by default
# EXPLORER_* variables that are not settings (they configure the machinery, not district policy).
NOT_SETTINGS = frozenset({FILE_VARIABLE, "EXPLORER_CLOCK_STEP_SECONDS"})
WHOLE = re.compile(r"[+-]?[0-9]+")
DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")


def _monthly_default(dollars: int, item: str) -> Any:
    """A budget item's starting amount: whole dollars a month, 0 to 20,000 like every other item."""
    return Field(dollars, ge=0, le=20_000, description=f"budget default: {item}, a month")


class Settings(BaseModel):
    """The district's choices. Each field's description is what the README's table says of it."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    # Pathways
    dual_enrollment_target_credits: int = Field(
        12, ge=1, le=60, description="college credits a pathway's dual enrollment is measured against")
    long_commute_minutes: int = Field(
        30, ge=0, le=600, description="a work-based learning commute longer than this, one way and without "
                                      "transportation, is shown as a barrier")
    training_radius_miles: int = Field(
        60, ge=1, le=500, description="colleges and training programs within this many miles of the student are "
                                      "listed as near (the nearest few anywhere when none is)")
    # Pathway audit
    in_demand_openings: int = Field(
        20, ge=0, le=100_000, description="estimated openings a year at or above which a local job counts as in "
                                          "demand (with median pay at or above the area's)")
    low_demand_openings: int = Field(
        10, ge=0, le=100_000, description="a program whose linked jobs have fewer openings a year than this in total "
                                          "is listed as low demand")
    # Privacy
    min_group: int = Field(
        10, ge=5, le=1000, description="the smallest group of students any figure may describe (class dashboard, "
                                       "audit, quiz quality, exports)")
    # Budget reality check (monthly dollars for one adult on their own, for the student to change)
    budget_housing: int = _monthly_default(1100, "housing (rent)")
    budget_utilities: int = _monthly_default(180, "utilities")
    budget_food: int = _monthly_default(400, "food")
    budget_transportation: int = _monthly_default(550, "car or transportation")
    budget_phone: int = _monthly_default(100, "phone and internet")
    budget_health: int = _monthly_default(250, "health care")
    budget_savings_and_other: int = _monthly_default(300, "savings and everything else")
    budget_tax_share: float = Field(
        0.15, ge=0, le=0.6, description="share of pay estimated to go to income tax, Social Security and Medicare "
                                        "(shown as an estimate)")
    # Counselor accounts
    login_max_failures: int = Field(5, ge=1, le=100, description="failed sign-ins before a username is locked")
    login_lockout_minutes: int = Field(15, ge=1, le=1440, description="how long a locked username stays locked")
    counselor_idle_minutes: int = Field(30, ge=1, le=1440, description="a counselor's sign-in ends after this long "
                                                                       "without use")
    min_password_length: int = Field(12, ge=12, le=128, description="shortest password a new account may have "
                                                                    "(may be raised, not lowered)")
    login_checks_per_minute: int = Field(30, ge=1, le=1000, description="password checks one app process makes in "
                                                                         "a minute, for every username together; "
                                                                         "further sign-ins wait for the next minute")
    login_tries_per_browser: int = Field(10, ge=1, le=1000, description="sign-in tries one browser session may make "
                                                                         "in login_lockout_minutes, whatever the "
                                                                         "usernames")
    wrong_codes_per_browser: int = Field(10, ge=1, le=1000, description="wrong resume or class codes one browser "
                                                                         "session may try in 10 minutes")
    wrong_codes_per_minute: int = Field(60, ge=1, le=100000, description="wrong resume or class codes one app "
                                                                          "process accepts in a minute, from every "
                                                                          "browser together")
    login_parallel_checks: int = Field(2, ge=1, le=16, description="password checks running at once in one app "
                                                                    "process (each takes about 64 MB while it "
                                                                    "runs)")
    # Uploads
    catalog_max_mb: int = Field(10, ge=1, le=200, description="the largest catalog import, all its CSV files "
                                                               "together, in MB (also the server's upload limit)")
    catalog_max_rows: int = Field(20000, ge=100, le=1000000, description="the most rows one catalog CSV file may "
                                                                         "have")
    # Single sign-on (OpenID Connect through st.login; the provider itself is set in .streamlit/secrets.toml)
    sso_allowed_domains: str = Field("", max_length=500, description="e-mail domains whose staff may sign in with "
                                                                     "the district's identity provider, separated "
                                                                     "by ';' (empty: any domain, if a group is "
                                                                     "required)")
    sso_required_group: str = Field("", max_length=120, description="a value the identity provider's groups claim "
                                                                    "must hold for a counselor (empty: none "
                                                                    "needed, if domains are set)")
    local_accounts: bool = Field(True, description="counselors may also sign in with a local username and "
                                                   "password (false: only through the identity provider)")
    # Links that leave the browser
    public_url: str = Field("", max_length=500, description="the app's address as families reach it, for family "
                                                            "links and QR codes (empty: the address the browser used, "
                                                            f"or {FALLBACK_URL})")

    @field_validator("public_url")
    @classmethod
    def _web_address(cls, value: str) -> str:
        if value:
            parts = urllib.parse.urlsplit(value)
            if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
                raise ValueError("must be an http:// or https:// address without ? or #, such as "
                                 "https://careers.example.org/")
        return value

    @property
    def budget_monthly(self) -> dict[str, int]:
        """The budget defaults by item (the keys of explorer.budget.LABELS)."""
        return {name.removeprefix("budget_"): getattr(self, name) for name in type(self).model_fields
                if name.startswith("budget_") and name != "budget_tax_share"}


KEYS: tuple[str, ...] = tuple(Settings.model_fields)


def variable(key: str) -> str:
    """The environment variable of a setting: EXPLORER_ + the key in capitals."""
    return PREFIX + key.upper()


def allowed(key: str) -> str:
    """A setting's allowed range in words ("1 to 60"), from the field's own bounds; "" when it has none."""
    field = Settings.model_fields[key]
    low = next((m.ge for m in field.metadata if hasattr(m, "ge")), None)
    high = next((m.le for m in field.metadata if hasattr(m, "le")), None)
    return f"{low:,} to {high:,}" if low is not None and high is not None else ""


ENV_EXAMPLE_HEADER = "# District settings: this block is written by `python -m explorer settings --env-example`."


def env_example() -> str:
    """Every setting as a commented-out ``EXPLORER_*`` line with its default, each under a one-line comment
    (its description and allowed range): the settings block of deploy/explorer.env.example.

    Commented out, because a variable that is set always wins; a district uncomments only what it changes,
    and a default changed here still reaches every setting it left alone.
    """
    lines = [ENV_EXAMPLE_HEADER,
             "# Each is optional: uncomment a line to change it from its default (an empty value means not set).",
             "# `python -m explorer settings` shows the values in effect and where each came from."]
    for key, field in Settings.model_fields.items():
        bounds = allowed(key)
        lines.append(f"# {field.description}" + (f"; allowed {bounds}" if bounds else ""))
        lines.append(f"# {variable(key)}={field.default}")
    return "\n".join(lines) + "\n"


class SettingsError(ValueError):
    """Settings that cannot be used: one line per problem, each naming its key and source."""

    def __init__(self, problems: list[str]):
        super().__init__("the settings cannot be used: " + "; ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Loaded:
    settings: Settings
    origins: dict[str, str]  # key -> "default", the file's path, or the environment variable
    ignored: tuple[str, ...]  # EXPLORER_* variables that are no setting (a typo, usually)


def settings_path(environ: Mapping[str, str]) -> tuple[Path, bool]:
    """The settings file and whether it was named explicitly (then it must exist)."""
    named = environ.get(FILE_VARIABLE, "").strip()
    return (Path(named), True) if named else (DEFAULT_FILE, False)


def _from_environment(text: str, key: str) -> object:
    """An environment string as the type its field holds; a string that is not one stays a string, so
    strict validation names the problem ("1_000", "١٢" or "ten" are not whole numbers)."""
    annotation = Settings.model_fields[key].annotation
    text = text.strip()
    if annotation is int and WHOLE.fullmatch(text):
        return int(text)
    if annotation is float and DECIMAL.fullmatch(text):
        return float(text)
    if annotation is bool and text.lower() in ("true", "false"):
        return text.lower() == "true"
    return text


def _read_file(path: Path, required: bool) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        if required:
            raise SettingsError([f"{FILE_VARIABLE} names {path}, which does not exist"]) from None
        return {}
    except OSError as exc:
        raise SettingsError([f"{path} cannot be read ({exc.strerror or type(exc).__name__})"]) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SettingsError([f"{path} is not valid TOML ({exc})"]) from None


def _describe(error: Mapping[str, Any]) -> str:
    """A pydantic error in the words a district's IT person reads."""
    kind, ctx = error["type"], error.get("ctx") or {}
    if kind == "extra_forbidden":
        guess = difflib.get_close_matches(str(error["loc"][0]), KEYS, 1)
        return "is not a setting" + (f"; did you mean {guess[0]}?" if guess else f" (the settings are {', '.join(KEYS)})")
    if kind in {"int_type", "int_parsing", "int_from_float"}:
        return f"must be a whole number written with the digits 0-9, not {error['input']!r}"
    if kind in {"float_type", "float_parsing", "finite_number"}:
        return f"must be a number written with the digits 0-9 and an optional decimal point, not {error['input']!r}"
    if kind == "string_type":
        return f"must be text, not {error['input']!r}"
    if kind == "greater_than_equal":
        return f"must be at least {ctx['ge']}, not {error['input']!r}"
    if kind == "less_than_equal":
        return f"must be at most {ctx['le']}, not {error['input']!r}"
    if kind == "value_error":
        return f"{ctx.get('error', error['msg'])}, not {error['input']!r}"
    return f"{error['msg']}, not {error['input']!r}"


def load(environ: Mapping[str, str] | None = None) -> Loaded:
    """The effective settings from the defaults, the file and ``environ`` (``os.environ`` by default)."""
    environ = os.environ if environ is None else environ
    path, required = settings_path(environ)
    values = _read_file(path, required)
    origins = {key: str(path) for key in values}
    ignored = []
    for name, text in environ.items():
        if not name.startswith(PREFIX) or name in NOT_SETTINGS:
            continue
        key = name.removeprefix(PREFIX).lower()
        if key not in Settings.model_fields:
            ignored.append(name)
        elif text.strip():  # an empty variable means "not set", as in a systemd EnvironmentFile
            values[key], origins[key] = _from_environment(text, key), name
    try:
        settings = Settings.model_validate(values)
    except ValidationError as exc:
        problems = []
        for error in exc.errors(include_url=False):
            key = ".".join(str(part) for part in error["loc"]) or "?"
            problems.append(f"{origins.get(key, str(path))}: {key} {_describe(error)}")
        raise SettingsError(problems) from None
    return Loaded(settings, {key: origins.get(key, "default") for key in KEYS}, tuple(sorted(ignored)))


@functools.lru_cache(maxsize=16)
def _load_cached(variables: tuple[tuple[str, str], ...], stamp: tuple[str, int | None]) -> Loaded:
    return load(dict(variables))


def loaded() -> Loaded:
    """The settings of this process now (re-read when the EXPLORER_* variables or the file change)."""
    variables = tuple(sorted((k, v) for k, v in os.environ.items() if k.startswith(PREFIX)))
    path, _required = settings_path(os.environ)
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        stamp = None
    return _load_cached(variables, (str(path), stamp))


def current() -> Settings:
    """The effective settings; ``SettingsError`` if any value is wrong."""
    return loaded().settings


def app_url(page: str, seen_url: str | None = None) -> str:
    """The absolute address of ``page`` (e.g. "family?share=..."): under ``public_url`` when the district
    set one (a proxy or a QR code printed for families must not carry an internal address), otherwise
    under the address the browser used, otherwise under ``FALLBACK_URL``."""
    base = current().public_url or (seen_url or FALLBACK_URL).split("?")[0].rsplit("/", 1)[0]
    return base.rstrip("/") + "/" + page.lstrip("/")
