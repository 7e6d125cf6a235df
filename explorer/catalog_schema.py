"""One pydantic schema per catalog table: every CSV cell is parsed and bounded before the database sees it.

Why a schema in front of the database: PostgreSQL and SQLite refuse different values, and both do it
with a traceback in the middle of a transaction, naming no file, line or column. PostgreSQL refuses
a text longer than its VARCHAR(n), an integer outside its 32-bit INTEGER and a NUL byte; SQLite an
integer beyond 64 bits. So each cell is checked here first, against limits read from the SQLModel
tables in ``explorer/models.py`` (the column's length, the integer type's range) and the plausible
ranges declared on the model fields (``models.catalog_column``), and the database only ever sees
values both engines store.

Cells are read strictly, because a lenient reader silently changes data: only ASCII digits with an
optional sign and decimal point are numbers (``1,2,3`` is not 123, ``1_000`` and Arabic-Indic ``٣``
are not numbers), dates are only ``YYYY-MM-DD`` (not ISO week dates such as ``2026-W38-2``), and a
cell may not hold control or invisible characters (NUL, tab, zero-width space, byte-order mark,
bidirectional overrides ...), which would make two keys that look the same differ. Line breaks are
refused in every column, free text included: catalog text is shown inside sentences, Markdown and
PDF table cells, where a line break (``Title`` then ``---``) can turn into a heading or split a row.

Every reason is an English message id marked with ``N_()`` plus its parameters, so the page can show
it in the reader's language (``CellError.message_id`` / ``.params``).
"""
from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any, NamedTuple

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    create_model,
)
from sqlalchemy import BigInteger, Integer, SmallInteger
from sqlmodel import SQLModel

from explorer.exports import FORMULA_STARTS
from explorer.i18n import N_
from explorer.models import LIST_SEPARATOR, table_of

if TYPE_CHECKING:
    from explorer.catalog import Column, TableSpec

# Text columns the models leave unbounded (PostgreSQL VARCHAR without a length, SQLite TEXT) still get
# a plausible limit: no catalog cell needs more, and a pasted document would fill every pathway page.
TEXT_MAX_LENGTH = 2000
# Bits of each SQLAlchemy integer type as PostgreSQL stores it (SQLite stores up to 64 bits); a
# subclass comes before its parent (BigInteger and SmallInteger are Integers).
INTEGER_BITS = ((BigInteger, 64), (SmallInteger, 16), (Integer, 32))
# The Python type each catalog column kind parses to; it must be the model field's annotation.
KIND_TYPES = {"int": int, "number": float, "money": float, "bool": bool, "date": date}
TRUE_WORDS, FALSE_WORDS = frozenset({"yes", "true", "1", "y"}), frozenset({"no", "false", "0", "n"})
# Character classes a cell may not contain: control (Cc: NUL, tab, CR, LF ...), format (Cf: zero-width
# space, byte-order mark, bidi overrides, soft hyphen), surrogates, private use, unassigned, and the
# Unicode line and paragraph separators.
INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})
CONTROL_NAMES = {"\x00": "NUL", "\t": "TAB", "\n": "LINE FEED", "\r": "CARRIAGE RETURN", "\x0b": "LINE TABULATION",
                 "\x0c": "FORM FEED", "\x1b": "ESCAPE", "\x7f": "DELETE"}
LINE_BREAKS = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")

INTEGER = re.compile(r"[+-]?[0-9]+")
DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
# Digits grouped by commas, underscores, apostrophes or spaces, or a decimal comma: "1,500", "1_000", "3,5".
GROUPED = re.compile(r"[+-]?[0-9]+(?:[,_' ][0-9]+)+(?:\.[0-9]*)?")
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
GRADE_RANGE = re.compile(r"([0-9]{1,2}) ?[-\u2013] ?([0-9]{1,2})")  # "9-12"; an en dash from a word processor too
SHOWN_LENGTH = 40  # characters of a cell quoted back in a reason


class CellError(ValueError):
    """Why one cell cannot be stored: an English message id (translated where shown) and its parameters."""

    def __init__(self, message_id: str, **params: object):
        super().__init__(message_id.format(**params))
        self.message_id, self.params = message_id, params


def shown(text: str) -> str:
    """A cell as quoted back in a reason: invisible characters made visible by ``repr``, long text cut."""
    return repr(text if len(text) <= SHOWN_LENGTH else text[:SHOWN_LENGTH] + "…")


def plain_number(value: float) -> str:
    """1000000 rather than 1e+06 or 1,000,000, and 0.00001 rather than 1e-05: the way a reason asks
    the number to be written, and the way an export writes it (so the export imports back)."""
    if float(value).is_integer():
        return str(int(value))
    return format(Decimal(repr(float(value))), "f")  # the shortest exact digits, never an exponent


def plain_text(value: str) -> str:
    """A stored text cell as the import accepts it back: a line break (a release before the cell
    checks took them) becomes a space, invisible and control characters go."""
    spaced = "".join(" " if c in LINE_BREAKS or c == "\t" else c for c in value)
    return "".join(c for c in spaced if unicodedata.category(c) not in INVISIBLE_CATEGORIES)


def bounds(column: Column) -> tuple[float, float]:
    """A numeric or grades column's (low, high); explorer.catalog gives every such column both."""
    if column.low is None or column.high is None:
        raise TypeError(f"catalog column {column.name!r} ({column.kind}) has no range")
    return column.low, column.high


def describe_character(char: str) -> str:
    name = CONTROL_NAMES.get(char) or unicodedata.name(char, "")
    return f"U+{ord(char):04X}" + (f" {name}" if name else "")


def clean_text(value: object) -> str:
    """A cell as it would be stored, before its kind is checked.

    Unicode-normalised (NFC), so an accented key typed two ways is one key; other Unicode spaces (a
    no-break space from a word processor) become plain spaces; surrounding spaces go. A cell that
    begins with an apostrophe and then ``= + - @``, tab or CR is a cell our own export neutralised
    against spreadsheet formulas (explorer/exports.py), so the apostrophe is dropped: an export
    imports back unchanged.
    """
    text = "" if value is None else str(value)
    text = unicodedata.normalize("NFC", text)
    text = "".join(" " if unicodedata.category(c) == "Zs" else c for c in text).strip()
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        text = text[1:]
    return text


def check_visible(text: str) -> None:
    """Refuse control and invisible characters, naming the first one and where it is."""
    for position, char in enumerate(text, start=1):
        if char in LINE_BREAKS:
            raise CellError(N_("contains a line break at character {position}; write each cell on one line"),
                            position=position)
        if unicodedata.category(char) in INVISIBLE_CATEGORIES:
            raise CellError(N_("contains the invisible or control character {character} at character {position}; "
                               "delete it (retype the cell if you cannot see it)"),
                            character=describe_character(char), position=position)


def _number(text: str, column: Column) -> float | int:
    """A numeric cell: ASCII digits, an optional sign and (unless whole) decimal point; money may
    start with a dollar sign."""
    whole = column.kind == "int"
    candidate = re.sub(r"^([+-]?)\$", r"\1", text) if column.kind == "money" else text
    if (INTEGER if whole else DECIMAL).fullmatch(candidate):
        if len(candidate) > 100:  # out of every range; int() refuses more than 4300 digits anyway
            low, high = bounds(column)
            raise CellError(N_("{value} is out of range: use a number from {low} to {high}"), value=shown(text),
                            low=plain_number(low), high=plain_number(high))
        return int(candidate) if whole else float(candidate)
    if GROUPED.fullmatch(candidate):
        raise CellError(N_("{value} has a thousands separator or a decimal comma; write the number with digits "
                           "only, such as 1500 or 3.5"), value=shown(text))
    if whole:
        raise CellError(N_("{value} is not a whole number: use only the digits 0-9 with an optional minus sign, "
                           "such as 40"), value=shown(text))
    raise CellError(N_("{value} is not a number: use only the digits 0-9 with an optional decimal point, such as "
                       "3.5"), value=shown(text))


def parse_cell(column: Column, value: object, context: Mapping[str, Any]) -> object:
    """Text from a CSV cell -> the typed value to store; ``CellError`` says why it cannot be one.

    Lengths and ranges are checked afterwards by the schema's constraints (see ``row_schema``).
    """
    text = clean_text(value)
    check_visible(text)
    if not text:
        if column.required:
            raise CellError(N_("is required"))
        return ""  # every optional catalog column is text
    kind = column.kind
    if kind in {"int", "number", "money"}:
        return _number(text, column)
    if kind == "bool":
        low = text.lower()
        if low in TRUE_WORDS | FALSE_WORDS:
            return low in TRUE_WORDS
        raise CellError(N_("{value} is not yes or no"), value=shown(text))
    if kind == "date":
        try:
            moment = date.fromisoformat(text) if ISO_DATE.fullmatch(text) else None
        except ValueError:
            moment = None
        if moment is None:
            raise CellError(N_("{value} is not a date written YYYY-MM-DD, such as 2026-09-15"), value=shown(text))
        if moment > context["today"]:
            raise CellError(N_("{value} is in the future"), value=text)
        return moment
    if kind == "choice":
        if text not in column.choices:
            raise CellError(N_("{value} is not one of {choices}"), value=shown(text), choices=", ".join(column.choices))
        return text
    if kind == "grades":
        match = GRADE_RANGE.fullmatch(text)
        lowest, highest = bounds(column)
        if not (match and lowest <= int(match[1]) <= int(match[2]) <= highest):
            raise CellError(N_("{value} is not a grade range such as 9-12 (grades {low} to {high}, lowest first)"),
                            value=shown(text), low=plain_number(lowest), high=plain_number(highest))
        return f"{int(match[1])}-{int(match[2])}"
    if kind == "choice_list":  # e.g. skills_practiced: some of the 17 BLS skills, "; "-separated
        parts = [p.strip() for p in text.split(";") if p.strip()]
        wrong = [p for p in parts if p not in column.choices]
        if wrong:
            raise CellError(N_("{value} is not one of {choices}"), value=", ".join(shown(p) for p in wrong[:5]),
                            choices=", ".join(column.choices))
        return LIST_SEPARATOR.join(dict.fromkeys(parts))
    if kind in {"soc_list", "text_list", "program_list"}:
        parts = [p.strip() for p in text.split(";") if p.strip()]
        if kind == "soc_list":
            unknown = [p for p in parts if p not in context["known_soc"]]
            if unknown:
                raise CellError(N_("unknown SOC code(s) {codes} (use 6-digit SOC codes such as 29-2061)"),
                                codes=", ".join(shown(p)[1:-1] for p in unknown[:5]))
        return LIST_SEPARATOR.join(parts)
    return text


class Limits(NamedTuple):
    """The bounds a catalog column's values must keep (see ``column_limits``)."""

    max_length: int | None
    low: float | None
    high: float | None


def column_limits(model: type[SQLModel], column: Column) -> Limits:
    """The bounds a column's values must keep: ``max_length`` for text, ``low``/``high`` for numbers.

    Read from the table, not restated: the text length is the VARCHAR(n) of the model's column
    (``TEXT_MAX_LENGTH`` where the model sets none), an integer stays inside its SQL type's range,
    and a plausible range declared with the catalog column narrows either.
    """
    sql_type = table_of(model).c[column.name].type
    annotation = model.model_fields[column.name].annotation
    if annotation is not KIND_TYPES.get(column.kind, str):
        raise TypeError(f"{model.__name__}.{column.name} is {annotation}, not what a {column.kind!r} column holds")
    if annotation is str:
        length = getattr(sql_type, "length", None)
        return Limits(length or TEXT_MAX_LENGTH, column.low, column.high)
    low, high = column.low, column.high
    if isinstance(sql_type, Integer):
        bits = next(b for kind, b in INTEGER_BITS if isinstance(sql_type, kind))
        type_low, type_high = -(2 ** (bits - 1)), 2 ** (bits - 1) - 1
        low = type_low if low is None else max(low, type_low)
        high = type_high if high is None else min(high, type_high)
    return Limits(None, low, high)


def _constraints(column: Column, annotation: type) -> Any:
    if annotation is str:
        return Field(max_length=column.max_length)
    if annotation is float:
        return Field(ge=column.low, le=column.high, allow_inf_nan=False)
    if annotation is int:
        return Field(ge=column.low, le=column.high)
    return Field()


@functools.cache
def row_schema(spec: TableSpec) -> type[BaseModel]:
    """The pydantic model of one CSV row of ``spec``: field types from the SQLModel table, each cell
    parsed by ``parse_cell`` and then held to the column's length or range."""
    fields: dict[str, Any] = {}
    for column in spec.columns:
        annotation = spec.model.model_fields[column.name].annotation
        if annotation is None:
            raise TypeError(f"{spec.model.__name__}.{column.name} has no type")

        def parse(value: object, info: ValidationInfo, column: Column = column) -> object:
            return parse_cell(column, value, info.context or {})

        fields[column.name] = (Annotated[annotation, BeforeValidator(parse), _constraints(column, annotation)], ...)
    return create_model(f"{spec.model.__name__}Row", __config__=ConfigDict(strict=True, extra="ignore"), **fields)


def _reason(error: Mapping[str, Any], column: Column, text: str) -> tuple[str, dict[str, object]]:
    """A pydantic error as (message id, params): our own CellError, or a length or range constraint."""
    cause = (error.get("ctx") or {}).get("error")
    if isinstance(cause, CellError):
        return cause.message_id, cause.params
    kind = error["type"]
    if kind in {"string_too_long", "too_long"}:
        return (N_("is {length} characters long; the most this column holds is {max_length}"),
                {"length": len(clean_text(text)), "max_length": column.max_length})
    if kind == "greater_than_equal" and column.low == 0:
        return N_("{value} is negative (it cannot be below 0)"), {"value": shown(clean_text(text))}
    if kind in {"greater_than_equal", "less_than_equal", "finite_number"}:
        low, high = bounds(column)
        return (N_("{value} is out of range: use a number from {low} to {high}"),
                {"value": shown(clean_text(text)), "low": plain_number(low), "high": plain_number(high)})
    return N_("is not valid ({detail})"), {"detail": error.get("msg", kind)}


def validate_row(spec: TableSpec, raw: Mapping[str, object], known_soc: set[str] | frozenset[str],
                 today: date) -> tuple[dict[str, object] | None, list[tuple[str, str, dict[str, object]]]]:
    """One row of text cells -> (typed record, []) or (None, [(column, message id, params), ...])."""
    cells = {c.name: "" if raw.get(c.name) is None else str(raw.get(c.name)) for c in spec.columns}
    try:
        row = row_schema(spec).model_validate(cells, context={"known_soc": known_soc, "today": today})
    except ValidationError as exc:
        columns = {c.name: c for c in spec.columns}
        problems = []
        for error in exc.errors(include_url=False):
            name = str(error["loc"][0]) if error["loc"] else ""
            if name in columns:
                problems.append((name, *_reason(error, columns[name], cells[name])))
            else:
                problems.append((name, N_("is not valid ({detail})"), {"detail": error.get("msg", "")}))
        return None, problems
    return row.model_dump(), []
