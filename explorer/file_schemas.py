"""The JSON files people hand us: a portfolio export (restored on the portfolio page) and an answer
sheet (``python -m explorer score --answers``).

Each file is checked in full before anything reads it, in three steps, so a malformed file can
neither crash the app nor leave half a portfolio in the database:

1. the bytes (``parse_json``): at most ``MAX_FILE_BYTES``, UTF-8 with or without a byte-order mark,
   JSON, nested at most ``MAX_DEPTH`` levels;
2. the shape (the pydantic models ``PortfolioFile`` and ``AnswerSheet``): strict types, so "3" is
   not 3 and true is not 1; every time is ISO 8601 with a UTC offset; text no longer than the
   database column it lands in (read from ``explorer.models``); unknown keys are refused, because
   a misspelt key ("favorites") would otherwise drop data without a word, and a newer format
   carries a new version number anyway;
3. the meaning (``portfolio_problems``, ``sheet_problems``): the grade band has that form, every
   item is on it, every answer is on its scale, every career is one we know, no quiz twice.

Every problem says where it is (``quizzes[2].answers.HR01``; list positions count from 1, as people
count) and why, as an English message id with parameters, so the page can say it in Spanish. The
published JSON Schema (``docs/portfolio.schema.json``, ``docs/answer-sheet.schema.json``) is
``model_json_schema()`` of these models; regenerate it with ``python -m explorer.file_schemas``.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal, TypeAlias, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StrictStr,
    StringConstraints,
    ValidationError,
)
from pydantic_core import PydanticCustomError
from sqlmodel import SQLModel

from explorer import attempts, quiz
from explorer.i18n import LANGUAGES, N_, Translator
from explorer.models import Answer, PlanStep, QuizAttempt, table_of
from explorer.paths import ROOT

SCHEMA = "career-pathways-explorer/portfolio"
VERSION = 1
MAX_FILE_BYTES = 2_000_000  # a portfolio with 20 full quizzes is about 60 kB
MAX_DEPTH = 32  # a portfolio is 4 levels deep (file, quizzes, a quiz, its answers)
MAX_QUIZZES = 200
MAX_ANSWERS = 6 * max(quiz.FORMS.values())  # the full form
MAX_FAVOURITES = 1_000  # the knowledge base has 923 occupations
MAX_PLAN_STEPS = 10_000
MAX_SHOWN = 10  # problems listed in a message; the error keeps them all
# Pathway steps a student can check off: pathways.STEP_TITLES without "job" (a test keeps them equal;
# importing pathways here would load pandas for every `score` on the command line).
PLAN_STEPS = ("now", "program", "dual_enrollment", "work_based_learning", "credentials", "postsecondary")
# Times outside these years cannot come from this app, and year 1 or 9999 with an offset overflows.
EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
LATEST = datetime(2100, 1, 1, tzinfo=UTC)
TIME_EXAMPLE = "2026-10-01T09:30:00+00:00"
SCHEMA_DIR = ROOT / "docs"
M = TypeVar("M", bound=BaseModel)


def _column_length(model: type[SQLModel], column: str) -> int:
    """The VARCHAR length the database enforces (PostgreSQL refuses longer text mid-write)."""
    length = getattr(table_of(model).c[column].type, "length", None)  # String, or SQLModel's AutoString
    if not isinstance(length, int):
        raise TypeError(f"{model.__name__}.{column} is not a text column with a length")
    return length


RESUME_CODE_LENGTH = _column_length(QuizAttempt, "resume_code")
ITEM_ID_LENGTH = _column_length(Answer, "item_id")
ONET_CODE_LENGTH = _column_length(PlanStep, "onet_code")


# ----- problems ---------------------------------------------------------------------------------


def _english(text: str) -> str:
    return text


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file: where (``""`` = the whole file), and why as a message id + params."""

    where: str
    message_id: str
    params: Mapping[str, object] = field(default_factory=dict)

    def message(self, _: Translator = _english) -> str:
        text = _(self.message_id).format(**self.params)
        return f"{self.where}: {text}" if self.where else text


class InputError(ValueError):
    """A file or request that cannot be used. ``problems`` lists every problem; ``message(_)`` says
    the first ``MAX_SHOWN`` in any language (``str()`` is English, for logs and the command line)."""

    def __init__(self, problems: Sequence[Problem] | str, **params: object):
        if isinstance(problems, str):  # one message for the whole request
            problems = [Problem("", problems, params)]
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__(self.message())

    def messages(self, _: Translator = _english, limit: int = MAX_SHOWN) -> list[str]:
        shown = [p.message(_) for p in self.problems[:limit]]
        if len(self.problems) > limit:
            shown.append(_(N_("… and {count} more problems")).format(count=len(self.problems) - limit))
        return shown

    def message(self, _: Translator = _english) -> str:
        return "; ".join(self.messages(_))


# ----- step 1: bytes -> JSON ------------------------------------------------------------------------


def _refuse_constant(name: str) -> None:
    raise ValueError(name)


class _DuplicateKey(ValueError):
    """A JSON object that names one key twice: ``json`` would silently keep the last value."""


def _refuse_duplicates(pairs: list[tuple[str, object]]) -> dict[str, object]:
    seen: dict[str, object] = {}
    for key, value in pairs:
        if key in seen:
            raise _DuplicateKey(key)
        seen[key] = value
    return seen


def parse_json(raw: bytes, max_bytes: int = MAX_FILE_BYTES) -> object:
    """The JSON value in ``raw``, or ``InputError`` saying in one line why there is none.

    A byte-order mark is allowed (Windows Notepad writes one). NaN and Infinity are refused (they
    are not JSON). Nesting is limited twice: json.loads stops at Python's recursion limit (caught),
    and anything deeper than ``MAX_DEPTH`` that it did read is refused by an iterative walk.
    """
    if len(raw) > max_bytes:
        raise InputError(N_("the file is larger than {limit} MB"), limit=f"{max_bytes / 1e6:g}")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(N_("the file is not UTF-8 text (byte {position} cannot be read)"),
                         position=exc.start + 1) from None
    try:
        data = json.loads(text, parse_constant=_refuse_constant, object_pairs_hook=_refuse_duplicates)
    except _DuplicateKey as exc:
        raise InputError(N_("the key {key} appears twice in one object; keep the one you mean and delete the other"),
                         key=shown_value(str(exc))) from None
    except json.JSONDecodeError as exc:
        raise InputError(N_("the file is not JSON (a mistake at line {line}, column {column})"),
                         line=exc.lineno, column=exc.colno) from None
    except RecursionError:
        raise InputError(N_("the file is nested more than {limit} levels deep"), limit=MAX_DEPTH) from None
    except ValueError as exc:  # NaN / Infinity, or an integer over Python's 4,300-digit limit
        if str(exc) in ("NaN", "Infinity", "-Infinity"):
            raise InputError(N_("the file contains {constant}, which is not a JSON number"),
                             constant=str(exc)) from None
        raise InputError(N_("the file contains a number too long to read")) from None
    check_depth(data)
    return data


def check_depth(data: object, limit: int = MAX_DEPTH) -> None:
    """Refuse lists and objects nested deeper than ``limit`` (walked with a stack, not recursion,
    so a deep or even self-containing value cannot exhaust the interpreter's stack)."""
    stack = [(data, 1)] if isinstance(data, (dict, list)) else []
    while stack:
        node, depth = stack.pop()
        if depth > limit:
            raise InputError(N_("the file is nested more than {limit} levels deep"), limit=limit)
        children = node.values() if isinstance(node, dict) else node
        stack.extend((child, depth + 1) for child in children if isinstance(child, (dict, list)))


# ----- step 2: the shape -------------------------------------------------------------------------


def _explorer_error(message_id: str, **params: object) -> PydanticCustomError:
    """A pydantic error that carries our message id, so ``_problem`` can translate it."""
    return PydanticCustomError("explorer", message_id, {**params, "message_id": message_id, "params": params})


def _aware_time(value: object) -> datetime:
    """ISO 8601 text with a UTC offset -> an aware UTC datetime. A time without an offset is refused
    rather than guessed: the same clock time is five hours apart in New York and in UTC."""
    if isinstance(value, datetime) and value.tzinfo is not None:
        moment = value
    elif not isinstance(value, str):
        raise _explorer_error(N_("expected a date and time in quotes, such as {example}, found {found}"),
                              example=TIME_EXAMPLE, found=shown_value(value))
    else:
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            raise _explorer_error(N_("{found} is not an ISO 8601 date and time; write it like {example}"),
                                  found=shown_value(value), example=TIME_EXAMPLE) from None
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise _explorer_error(N_("{found} has no UTC offset; add one, such as {example} (or Z for UTC)"),
                              found=shown_value(value), example=TIME_EXAMPLE)
    utc: datetime | None
    try:
        utc = moment.astimezone(UTC)
    except OverflowError:  # year 1 or 9999 moved across midnight by its offset
        utc = None
    if utc is None or not EARLIEST <= utc < LATEST:
        raise _explorer_error(N_("{found} is not between the years {first} and {last}"),
                              found=shown_value(value), first=EARLIEST.year, last=LATEST.year - 1)
    return utc


def _resume_code(text: str) -> str:
    try:
        return attempts.normalize_code(text)
    except attempts.ResumeCodeError as exc:
        params = {key: _printable(str(value)) for key, value in exc.params.items()}
        raise _explorer_error(exc.TEMPLATES[exc.kind], **params) from None


AwareTime = Annotated[datetime, BeforeValidator(_aware_time),
                      Field(description=f"ISO 8601 date and time WITH a UTC offset, e.g. {TIME_EXAMPLE}")]
ResumeCode = Annotated[StrictStr, StringConstraints(max_length=RESUME_CODE_LENGTH), AfterValidator(_resume_code),
                       Field(description="a resume code such as K7M-Q4T-X9B (any case, dashes and spaces optional)",
                             examples=["K7M-Q4T-X9B"])]
ItemId = Annotated[StrictStr, StringConstraints(max_length=ITEM_ID_LENGTH),
                   Field(description="an item id of the quiz form, from data/items/ (e.g. HR01)")]
OnetCode = Annotated[StrictStr, StringConstraints(max_length=ONET_CODE_LENGTH),
                     Field(description="an O*NET-SOC occupation code", examples=["29-1141.00"])]
AnswerValue = Annotated[StrictInt, Field(description="0-4 (grades 3-5 answer 0, 2 or 4)")]


def _at_most_answers(value: object) -> object:
    """Refuse an oversized answers object before its entries are checked one by one (pydantic
    counts a dict only after validating every entry: 100,000 bad entries, 100,000 problems)."""
    if isinstance(value, dict) and len(value) > MAX_ANSWERS:
        raise _explorer_error(N_("more than {max_length} entries"), max_length=MAX_ANSWERS)
    return value


Answers = Annotated[dict[ItemId, AnswerValue], Field(max_length=MAX_ANSWERS, description="item id -> answer"),
                    BeforeValidator(_at_most_answers)]
AnswerTimes = Annotated[dict[ItemId, AwareTime],
                        Field(max_length=MAX_ANSWERS, description="item id -> when it was answered"),
                        BeforeValidator(_at_most_answers)]
if TYPE_CHECKING:
    # Built from the quiz's and the app's own tuples so the file format cannot drift from them;
    # a type checker cannot read a Literal made at run time, so it sees the plain types.
    Band: TypeAlias = str
    Form: TypeAlias = str
    Language: TypeAlias = str
    PlanStepName: TypeAlias = str
    SchemaName: TypeAlias = str
    SchemaVersion: TypeAlias = int
else:
    Band = Literal[quiz.BANDS]
    Form = Literal[tuple(quiz.FORMS)]
    Language = Literal[tuple(LANGUAGES)]
    PlanStepName = Literal[PLAN_STEPS]
    SchemaName = Literal[SCHEMA]
    SchemaVersion = Literal[VERSION]


class _Strict(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class PlanStepEntry(_Strict):
    """A pathway step the student checked off (or unchecked) for one occupation."""

    onet_code: OnetCode
    step: PlanStepName
    done: StrictBool


class QuizEntry(_Strict):
    """One quiz: a first quiz or a retake. ``answered_at`` may leave items out (they get the start time)."""

    resume_code: ResumeCode
    band: Band
    form: Form = Field(description='"quick" (30 items) or "full" (60 items; not for grades 3-5)')
    lang: Language = "en"
    started_at: AwareTime
    finished_at: AwareTime | None = Field(default=None, description="null while the quiz is unfinished")
    answers: Answers
    answered_at: AnswerTimes = Field(default_factory=dict)


class PortfolioFile(_Strict):
    """A student's portfolio as exported by Career Pathways Explorer: every quiz with its answers,
    favourite careers and checked-off pathway steps, under the resume code of the first quiz. No name."""

    model_config = ConfigDict(title="Career Pathways Explorer portfolio", json_schema_extra={
        "$schema": "https://json-schema.org/draft/2020-12/schema"})

    schema_id: SchemaName = Field(alias="schema")
    version: SchemaVersion
    portfolio_code: ResumeCode = Field(description="the resume code of the portfolio's first quiz")
    exported_at: AwareTime
    quizzes: list[QuizEntry] = Field(min_length=1, max_length=MAX_QUIZZES)
    favourites: list[OnetCode] = Field(default_factory=list, max_length=MAX_FAVOURITES)
    plan: list[PlanStepEntry] = Field(default_factory=list, max_length=MAX_PLAN_STEPS)


class AnswerSheet(_Strict):
    """Answers to one quiz form, to score on the command line (``python -m explorer score --answers``)."""

    model_config = ConfigDict(title="Career Pathways Explorer answer sheet", json_schema_extra={
        "$schema": "https://json-schema.org/draft/2020-12/schema"})

    band: Band
    form: Form
    answers: Answers


# ----- pydantic errors -> problems -----------------------------------------------------------------

_TYPE_MESSAGES = {
    "string_type": N_("expected text in quotes, found {found}"),
    "int_type": N_("expected a whole number without quotes, found {found}"),
    "bool_type": N_("expected true or false, found {found}"),
    "list_type": N_("expected a list, found {found}"),
    "dict_type": N_("expected an object, found {found}"),
    "model_type": N_("expected an object, found {found}"),
    "model_attributes_type": N_("expected an object, found {found}"),
    "literal_error": N_("expected {expected}, found {found}"),
}
_OTHER_MESSAGES = {
    "missing": N_("missing; add this key"),
    "extra_forbidden": N_("unknown key; remove it (the README lists the keys a file may have)"),
    "string_too_long": N_("longer than {max_length} characters"),
    "too_long": N_("more than {max_length} entries"),
    "too_short": N_("empty; at least {min_length} entry is needed"),
}
_SIMPLE_KEY = re.compile(r"[A-Za-z0-9_\-]{1,24}")


def _printable(text: str) -> str:
    """Text safe to print or show: control characters, NUL and lone surrogates become escapes."""
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape", "backslashreplace").decode("ascii")
                   for ch in text)


def shown_value(value: object) -> str:
    """A short, language-free picture of a value as JSON writes it: ``"3"``, ``3.5``, ``true``,
    ``[…]``, ``{…}``, ``null``; long text and huge numbers are cut."""
    if value is None or isinstance(value, bool):
        return json.dumps(value)
    if isinstance(value, str):
        cut = value[:24] + ("…" if len(value) > 24 else "")
        return _printable(json.dumps(cut, ensure_ascii=False))
    if isinstance(value, int):
        return str(value) if value.bit_length() <= 100 else ("-" if value < 0 else "") + f"~2^{value.bit_length()}"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, (list, tuple)):
        return "[…]"
    if isinstance(value, dict):
        return "{…}"
    return f"<{type(value).__name__}>"


def location(path: Iterable[object]) -> str:
    """``("quizzes", 0, "answers", "HR01")`` -> ``quizzes[1].answers.HR01`` (positions from 1)."""
    out = ""
    for part in path:
        if part == "[key]":  # pydantic's marker for "the key itself", already named
            continue
        if isinstance(part, int):
            out += f"[{part + 1}]"
        elif isinstance(part, str) and _SIMPLE_KEY.fullmatch(part):
            out += f".{part}" if out else part
        else:
            out += f"[{shown_value(str(part))}]"
    return out


def _at(prefix: str, *parts: object) -> str:
    """``_at("quizzes[2]", "answers", "HR01")`` -> ``quizzes[2].answers.HR01``."""
    rest = location(parts)
    if not prefix or not rest:
        return prefix or rest
    return prefix + (rest if rest.startswith("[") else "." + rest)


def _literal_choices(ctx: Mapping[str, object]) -> str:
    return _printable(str(ctx.get("expected", "")))


def _problem(error: Mapping) -> Problem:
    where, kind, ctx = location(error["loc"]), error["type"], error.get("ctx") or {}
    if kind == "explorer":
        return Problem(where, ctx["message_id"], ctx["params"])
    found = shown_value(error.get("input"))
    if kind in _TYPE_MESSAGES:
        return Problem(where, _TYPE_MESSAGES[kind], {"found": found, "expected": _literal_choices(ctx)})
    if kind in _OTHER_MESSAGES:
        return Problem(where, _OTHER_MESSAGES[kind], {k: ctx.get(k) for k in ("max_length", "min_length")})
    return Problem(where, N_("not valid here ({reason})"), {"reason": _printable(error.get("msg", kind))})


# ----- step 3: the meaning -------------------------------------------------------------------------


def _answer_problems(where: str, band: str, form: str, answers: Mapping[str, int]) -> list[Problem]:
    """Each answer off the form or off its scale, named by item (quiz.answer_problems, with places)."""
    try:
        quiz.check_band_form(band, form)
    except quiz.QuizInputError:
        return [Problem(_at(where, "form"), N_("grades {band} have no {form} form; use {forms}"),
                        {"band": band, "form": form, "forms": " or ".join(quiz.FORMS_BY_BAND[band])})]
    on_form = {item.id for item in quiz.form_items(band, form)}
    allowed = sorted(value for value, _label, _emoji in quiz.scale(band))
    problems = []
    for item_id, value in answers.items():
        here = _at(where, "answers", item_id)
        if item_id not in on_form:
            problems.append(Problem(here, N_("not an item of the grades {band} {form} form"),
                                    {"band": band, "form": form}))
        elif value not in allowed:
            problems.append(Problem(here, N_("answer {value} is not one of {allowed}"),
                                    {"value": shown_value(value), "allowed": ", ".join(map(str, allowed))}))
    if not problems and quiz.answer_problems(band, form, dict(answers)):  # the scorer's own rule, as a backstop
        problems.append(Problem(_at(where, "answers"), N_("these answers cannot be scored")))
    return problems


def _typed_answer_problems(where: str, part: object) -> list[Problem]:
    """The meaning of the whole-number answers of a quiz or sheet whose shape is wrong elsewhere
    (the wrong-typed ones are already named), so one pass names every problem."""
    if not isinstance(part, dict):
        return []
    band, form, answers = part.get("band"), part.get("form"), part.get("answers")
    if not (isinstance(band, str) and isinstance(form, str) and isinstance(answers, dict)):
        return []
    if band not in quiz.BANDS or form not in quiz.FORMS or len(answers) > MAX_ANSWERS:
        return []
    typed = {k: v for k, v in answers.items() if isinstance(k, str) and len(k) <= ITEM_ID_LENGTH and type(v) is int}
    return _answer_problems(where, band, form, typed)


FUTURE_SLACK = timedelta(minutes=10)  # clocks of two machines may disagree a little


def _time_problems(where: str, entry: QuizEntry) -> list[Problem]:
    """Times that cannot be: in the future, a quiz finished before it started. (Answer times are not
    held to the quiz's span: a district's demo clock, ``EXPLORER_CLOCK_STEP_SECONDS``, runs ahead.)"""
    latest = datetime.now(UTC) + FUTURE_SLACK
    problems = []
    times = [(("started_at",), entry.started_at), (("finished_at",), entry.finished_at),
             *((("answered_at", item_id), moment) for item_id, moment in entry.answered_at.items())]
    for parts, moment in times:
        if moment is not None and moment > latest:
            problems.append(Problem(_at(where, *parts), N_("{time} is in the future"), {"time": moment.isoformat()}))
    if entry.finished_at is not None and entry.finished_at < entry.started_at:
        problems.append(Problem(f"{where}.finished_at", N_("the quiz cannot finish ({finished}) before it started "
                                                           "({started})"),
                                {"finished": entry.finished_at.isoformat(), "started": entry.started_at.isoformat()}))
    return problems


def portfolio_problems(quizzes: Sequence[QuizEntry | None], favourites: Sequence[object],
                       plan: Sequence[PlanStepEntry | None], portfolio_code: str | None,
                       known_occupations: set[str]) -> list[Problem]:
    """What well-formed parts of a portfolio file still get wrong: forms, items, answers, careers,
    repeats. ``None`` (or a favourite that is not text) stands for a part already refused for its shape."""
    problems: list[Problem] = []
    first_seen: dict[str, int] = {}
    for n, entry in enumerate(quizzes, start=1):
        if entry is None:
            continue
        where = f"quizzes[{n}]"
        if entry.resume_code in first_seen:
            problems.append(Problem(f"{where}.resume_code", N_("the quiz {code} is already in quizzes[{first}]"),
                                    {"code": entry.resume_code, "first": first_seen[entry.resume_code]}))
        first_seen.setdefault(entry.resume_code, n)
        problems += _answer_problems(where, entry.band, entry.form, entry.answers)
        problems += [Problem(_at(where, "answered_at", item_id), N_("a time for an item that has no answer"))
                     for item_id in entry.answered_at if item_id not in entry.answers]
        problems += _time_problems(where, entry)
    if portfolio_code is not None and None not in quizzes and portfolio_code not in first_seen:
        problems.append(Problem("portfolio_code", N_("{code} is not the resume code of any quiz in the file"),
                                {"code": portfolio_code}))
    unknown = N_("{code} is not an O*NET-SOC occupation code this app knows (they look like 29-1141.00)")
    seen_favourites: dict[str, int] = {}
    for n, onet_code in enumerate(favourites, start=1):
        if not isinstance(onet_code, str):
            continue
        if onet_code not in known_occupations:
            problems.append(Problem(f"favourites[{n}]", unknown, {"code": shown_value(onet_code)}))
        elif onet_code in seen_favourites:
            problems.append(Problem(f"favourites[{n}]", N_("already listed at favourites[{first}]"),
                                    {"first": seen_favourites[onet_code]}))
        seen_favourites.setdefault(onet_code, n)
    seen_steps: dict[tuple[str, str], int] = {}
    for n, step in enumerate(plan, start=1):
        if step is None:
            continue
        key = (step.onet_code, step.step)
        if step.onet_code not in known_occupations:
            problems.append(Problem(f"plan[{n}].onet_code", unknown, {"code": shown_value(step.onet_code)}))
        elif key in seen_steps:
            problems.append(Problem(f"plan[{n}]", N_("the same career and step as plan[{first}]"),
                                    {"first": seen_steps[key]}))
        seen_steps.setdefault(key, n)
    return problems


def _valid_or_none(model: type[M], value: object) -> M | None:
    try:
        return model.model_validate(value)
    except ValidationError:
        return None


def _list(value: object, limit: int) -> list:
    """The first ``limit`` entries of a list (more are refused anyway; checking them costs time)."""
    return value[:limit] if isinstance(value, list) else []


def read_portfolio(data: object, known_occupations: set[str]) -> PortfolioFile:
    """A portfolio file's parsed JSON -> a checked ``PortfolioFile``, or ``InputError`` with every problem.

    A value that is not one of our files at all (wrong ``schema``) gets one line, not a list of
    every key it lacks; a newer version says so. When some parts have the wrong shape, the parts
    that have the right one are still checked for meaning, so one pass names every problem.
    """
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise InputError(N_("this is not a portfolio file (it needs \"schema\": \"{schema}\"); choose the JSON file "
                            "you downloaded from My portfolio"), schema=SCHEMA)
    version = data.get("version")
    if type(version) is not int or version != VERSION:  # type(): True == 1 in Python, not in JSON
        raise InputError(N_("portfolio file version {found} cannot be read here; this app reads version {version}"),
                         found=shown_value(version), version=VERSION)
    check_depth(data)
    try:
        file = PortfolioFile.model_validate(data)
    except ValidationError as exc:
        shape = [_problem(e) for e in exc.errors(include_url=False)]
        quizzes = [_valid_or_none(QuizEntry, q) for q in _list(data.get("quizzes"), MAX_QUIZZES)]
        raw_quizzes = _list(data.get("quizzes"), MAX_QUIZZES)
        shape += [problem for n, (raw, entry) in enumerate(zip(raw_quizzes, quizzes), start=1)
                  if entry is None for problem in _typed_answer_problems(f"quizzes[{n}]", raw)]
        plan = [_valid_or_none(PlanStepEntry, p) for p in _list(data.get("plan"), MAX_PLAN_STEPS)]
        favourites = [f if isinstance(f, str) and len(f) <= ONET_CODE_LENGTH else None
                      for f in _list(data.get("favourites"), MAX_FAVOURITES)]
        raise InputError(shape + portfolio_problems(quizzes, favourites, plan, None, known_occupations)) from None
    problems = portfolio_problems(file.quizzes, file.favourites, file.plan, file.portfolio_code, known_occupations)
    if problems:
        raise InputError(problems)
    return file


def read_answer_sheet(data: object) -> AnswerSheet:
    """An answer sheet's parsed JSON -> a checked ``AnswerSheet``, or ``InputError`` with every problem
    (answers with the right type are checked against the form even when others have the wrong one)."""
    check_depth(data)
    try:
        sheet = AnswerSheet.model_validate(data)
    except ValidationError as exc:
        shape = [_problem(e) for e in exc.errors(include_url=False)]
        raise InputError(shape + _typed_answer_problems("", data)) from None
    problems = _answer_problems("", sheet.band, sheet.form, sheet.answers)
    if problems:
        raise InputError(problems)
    return sheet


# ----- the published JSON Schema -------------------------------------------------------------------

PUBLISHED: dict[str, type[BaseModel]] = {"portfolio.schema.json": PortfolioFile,
                                         "answer-sheet.schema.json": AnswerSheet}


def json_schema_text(model: type[BaseModel]) -> str:
    return json.dumps(model.model_json_schema(), indent=2, ensure_ascii=False) + "\n"


def write_json_schemas(folder: Path = SCHEMA_DIR) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, model in PUBLISHED.items():
        (folder / name).write_text(json_schema_text(model), encoding="utf-8")
        written.append(folder / name)
    return written


if __name__ == "__main__":
    for path in write_json_schemas():
        print(path)
