"""Finding links and images that user- or URL-supplied text could have turned into markup.

Streamlit renders Markdown (GitHub-flavoured: inline links and images, reference links, ``<...>``
autolinks and bare URLs, ``www.`` names and e-mail addresses) in almost every string it draws: body
text, captions, alerts, headings, widget labels, options, help, expander and tab titles. The
payloads below point at hosts no page of the app ever links to, so any link or image whose target
names one of them came from typed or URL text.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterator

from google.protobuf.message import Message
from streamlit.testing.v1 import AppTest

EVIL = ("evil.example", "attacker.example")
PAYLOADS = (
    "![i](http://attacker.example/p.png)[Session expired – sign in](https://evil.example/login)",
    "[Sign in again](https://evil.example)",
    "[..](https://evil.example/q)",
    "<https://evil.example/auto>",
    "https://evil.example/bare",
    "www.evil.example",
    "help@evil.example",
    "[ref][x]\n\n[x]: https://evil.example/ref",
)
PAYLOAD = " ".join(PAYLOADS)

_HOST = "(?i:" + "|".join(re.escape(h) for h in EVIL) + ")"
_LINKS = [
    ("inline link or image", re.compile(r"\]\s*\([^)]*" + _HOST)),
    ("reference definition", re.compile(r"(?m)^\s{0,3}\[[^\]]*\]:\s*\S*" + _HOST)),
    ("autolink", re.compile(r"<[A-Za-z][A-Za-z0-9+.-]*:[^>]*" + _HOST)),
    ("bare URL", re.compile(r"(?i)(?:https?://|www\.)\S*" + _HOST)),
    ("e-mail address", re.compile(r"[\w.+-]@" + _HOST)),
    ("raw HTML", re.compile(r"(?i)<(?:a|img)\b")),
]
# Proto fields that Streamlit shows as plain text or does not show: a widget's current value, data
# bytes, ids. Chart specs are checked apart (Vega-Lite renders no Markdown, only href/image marks).
_PLAIN_FIELDS = {"id", "form_id", "default", "value", "data", "spec", "datasets", "arrow_data", "raw_values",
                 "placeholder", "styler", "body_start_time"}
# A select box's options are drawn as plain text (unlike radio, pills and segmented control options).
_PLAIN_OPTIONS = ("Selectbox.options", "Multiselect.options")


def live_links(markdown: str) -> list[str]:
    """What in ``markdown`` would render as a link or image to one of the payload hosts."""
    unescaped = re.sub(r"\\[\\`*_{}\[\]()<>#+!|~$.-]", "", markdown)  # an escaped character is plain
    return [kind for kind, pattern in _LINKS if pattern.search(unescaped)]


def _items(value: object) -> list:
    """A field's value as a list: a repeated field's items, or the one value."""
    if isinstance(value, (str, bytes, Message)):
        return [value]
    try:
        return list(value)  # type: ignore[call-overload]  # protobuf's repeated containers
    except TypeError:
        return [value]


def _strings(message: Message, path: str) -> Iterator[tuple[str, str]]:
    for field, value in message.ListFields():
        where = f"{path}.{field.name}"
        if field.name in _PLAIN_FIELDS or where in _PLAIN_OPTIONS:
            continue
        for item in _items(value):
            if isinstance(item, Message):
                yield from _strings(item, where)
            elif isinstance(item, str):
                yield where, item


def _nodes(node) -> Iterator:
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _nodes(child)


def payload_shown(at: AppTest) -> int:
    """How many rendered strings show a payload as text (so a sweep knows it reached the screen)."""
    return sum(1 for node in _nodes(at._tree) if isinstance(getattr(node, "proto", None), Message)
               for _where, text in _strings(node.proto, "") if re.search(_HOST, text))


def markup_found(at: AppTest) -> list[str]:
    """Every rendered string of the app's current tree that carries a payload link or image, and
    every chart that could link or show an outside image."""
    found = []
    for node in _nodes(at._tree):
        proto = getattr(node, "proto", None)
        if not isinstance(proto, Message):
            continue
        for where, text in _strings(proto, type(node).__name__):
            if kinds := live_links(text):
                found.append(f"{where}: {kinds}: {text[:160]!r}")
        spec = getattr(proto, "spec", None)
        if isinstance(spec, str) and spec.startswith("{"):
            chart = json.dumps(json.loads(spec))
            if '"href"' in chart or '"image"' in chart:
                found.append(f"{type(node).__name__}: a chart with a link or image channel")
    return found
