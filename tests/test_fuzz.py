"""Fuzzing: arbitrary TOML, JSON and XML structures end in a programme or a SourceError.

Each property builds documents from hypothesis — shaped like the formats
eventprogram reads, so that they get past the first check and reach the deep
code — and sends them through ``loads``, ``validate`` and every exporter. The
only outcomes allowed are a result or a :class:`eventprogram.SourceError`;
anything else (a traceback from deep inside) fails, and hypothesis shrinks it.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import math
import tomllib
import xml.etree.ElementTree as ET
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

import eventprogram as ep
from conftest import SLOW_FORMATS
from eventprogram import exporters
from sources import paths

# -- plain values, with the ones that broke things before among them --------------------------

_AWKWARD_TEXT = st.sampled_from(
    [
        "",
        " ",
        "\t\n",
        "10:00",
        "25:61",
        "02:30+01:00",
        "2025-10-26T02:30:00+02:00",
        "2025-06-02",
        "0001-01-01",
        "9999-12-31",
        "Europe",
        "Europe/Berlin",
        "x" * 300,
        "javascript:alert(1)",
        "https://attacker.example\\@bank.example/",
        "a\x00b",
        "\x1b[31mrot",
        "<b>&amp;</b>",
        "1" * 5000,
        "PT1H",
        "-01:00",
        "99:99",
    ]
)
_TEXT = st.text(max_size=16) | _AWKWARD_TEXT
_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-(10**6), 10**6)
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | _TEXT
)
_KEYS = st.sampled_from(
    [
        "format",
        "id",
        "title",
        "language",
        "timezone",
        "revision",
        "venue",
        "name",
        "rooms",
        "days",
        "date",
        "slots",
        "start",
        "end",
        "kind",
        "room",
        "sessions",
        "number",
        "people",
        "person",
        "roles",
        "url",
        "links",
        "images",
        "src",
        "alt",
        "capacity",
        "kinds",
        "de",
        "en",
    ]
)


def _values(max_leaves: int = 20) -> st.SearchStrategy[Any]:
    return st.recursive(
        _SCALARS,
        lambda inner: (
            st.lists(inner, max_size=3)
            | st.dictionaries(_KEYS | st.text(max_size=4), inner, max_size=4)
        ),
        max_leaves=max_leaves,
    )


MINI = """\
id = "mini"
title = "Fachtag Sozialplanung"
language = "de"
timezone = "Europe/Berlin"
revision = 2025-05-08T09:00:00+02:00
url = "https://example.org/fachtag"

[venue]
name = "Lohnhalle"
city = "Bottrop"
rooms = [{ id = "saal", name = "Großer Saal", capacity = 120 }, { id = "foyer", name = "Foyer" }]

[[organisations]]
id = "mags"
name = "Ministerium"
short_name = "MAGS"

[[people]]
id = "gabi"
honorific = "Dr."
given_name = "Gabi"
family_name = "Schmidt"
function = "Referentin"
organisation = "mags"

[[days]]
date = 2025-05-15

[[days.slots]]
id = "keynote"
start = "10:00"
kind = "keynote"
title = "Keynote"
room = "saal"
people = [{ person = "gabi", roles = ["keynote"] }]
links = [{ url = "https://example.org/folien", title = "Folien" }]

[[days.slots]]
id = "ags"
start = "11:00"
end = "12:30"
kind = "working-groups"
title = "Arbeitsgruppen"

[[days.slots.sessions]]
id = "ag1"
number = 1
title = "Generation Z"
room = "saal"
people = [{ person = "gabi", roles = ["input", "moderation"] }]
sessions = [{ id = "k1", number = 1, title = "Kleingruppe", start = "11:30" }]

[[days.slots.sessions]]
id = "ag2"
number = 2
title = "Daten"
room = "foyer"
kind = "talk"

[[days.slots]]
id = "ende"
start = "12:30"
kind = "end"
title = "Ende"
"""


def _mutations(base: Any) -> st.SearchStrategy[Any]:
    """*base* (plain data) with one to three places replaced by arbitrary values or removed."""

    @st.composite
    def mutated(draw: st.DrawFn) -> Any:
        document = _copy(base)
        for _ in range(draw(st.integers(1, 3))):
            places = paths(document)[1:]
            if not places:
                break
            *parents, last = draw(st.sampled_from(places))
            holder = document
            for key in parents:
                holder = holder[key]
            choice = draw(st.integers(0, 5))
            if choice == 0 and isinstance(holder, dict):
                del holder[last]
            elif choice <= 2:
                holder[last] = draw(_values(8))
            else:
                holder[last] = draw(_alike(holder[last]))
        return document

    return mutated()


def _alike(value: Any) -> st.SearchStrategy[Any]:
    """Another value of the same type as *value*: what gets past the first check."""
    if isinstance(value, bool):
        return st.booleans()
    if isinstance(value, int):
        return st.integers(-5, 10**7) | st.integers()
    if isinstance(value, str):
        return _TEXT
    if isinstance(value, list) and value:
        return st.lists(st.sampled_from(value), max_size=4).map(
            lambda items: [_copy(i) for i in items]
        )
    if isinstance(value, dict):
        return st.just(_copy(value))
    return _values(4)


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _copy(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_copy(item) for item in value]
    return value


def _outcome(text: str | bytes) -> None:
    """Load *text*; validate and render what loads. A SourceError is a fine ending."""
    try:
        programme = ep.loads(text)
    except ep.SourceError as error:
        messages = [error.to_text(language) for language in ("de", "en")]
        programme = None
    if programme is None:
        assert all(message.strip() for message in messages)
        return
    report = ep.validate(programme)
    report.to_text("de")
    for fmt in exporters.available().values():
        if fmt.name not in SLOW_FORMATS:  # the PDFs: tests/test_pdf.py
            fmt.render(programme, exporters.RenderOptions())


# -- TOML ---------------------------------------------------------------------------------


def _toml_key(key: str) -> str:
    return json.dumps(key, ensure_ascii=False)


def _toml_value(value: Any) -> str:  # noqa: PLR0911 -- one return per TOML type
    """*value* as an inline TOML value; ``None`` becomes an empty inline table."""
    if value is None:
        return "{}"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else "nan"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    items = ", ".join(f"{_toml_key(k)} = {_toml_value(v)}" for k, v in value.items())
    return "{" + items + "}"


def _toml(document: dict[str, Any]) -> str:
    return "\n".join(f"{_toml_key(k)} = {_toml_value(v)}" for k, v in document.items()) + "\n"


_PROGRAMME = ep.loads(MINI)


@settings(deadline=None)
@given(document=_mutations(tomllib.loads(MINI)))
def test_arbitrary_toml_gives_a_programme_or_a_source_error(document):
    """A TOML programme with arbitrary values in arbitrary places builds, or fails cleanly."""
    _outcome(_toml(document))


@settings(deadline=None)
@given(document=_mutations(json.loads(ep.dumps(_PROGRAMME))))
def test_arbitrary_json_gives_a_programme_or_a_source_error(document):
    """An eventprogram JSON document, arbitrarily changed, loads and builds, or fails cleanly."""
    _outcome(json.dumps(document, allow_nan=False))


# -- schedule.json and schedule.xml -----------------------------------------------------------


def _rendered(name: str) -> str | bytes:
    return exporters.get(name).render(_PROGRAMME, exporters.RenderOptions())


@settings(deadline=None)
@given(document=_mutations(json.loads(_rendered("c3voc-json"))))
def test_arbitrary_schedule_json_gives_a_programme_or_a_source_error(document):
    """Any schedule.json structure is read, validated and written, or fails cleanly."""
    _outcome(json.dumps(document, allow_nan=False))


_XML_TEXT = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=12
).map(
    lambda text: "".join(ch for ch in text if ch in "\t\n\r" or ord(ch) >= 0x20)
) | st.sampled_from(
    [
        "",
        "10:00",
        "00:30",
        "25:00",
        "2025-06-02",
        "2025-06-02T10:00:00+02:00",
        "de",
        "99:99",
        "x" * 300,
    ]
)
_ATTRIBUTES = st.sampled_from(["id", "guid", "name", "index", "date", "start", "end", "href"])


@st.composite
def schedule_xml(draw: st.DrawFn) -> bytes:
    """The example's schedule.xml with one to three elements changed, removed or doubled."""
    rendered = _rendered("frab-xml")
    # Our own exporter's output, not untrusted input: the standard parser will do.
    root = ET.fromstring(rendered.encode() if isinstance(rendered, str) else rendered)  # noqa: S314
    for _ in range(draw(st.integers(1, 3))):
        parents = {child: parent for parent in root.iter() for child in parent}
        element = draw(st.sampled_from(list(root.iter())))
        action = draw(st.sampled_from(["text", "attribute", "remove", "double", "child"]))
        parent = parents.get(element)
        if action == "text":
            element.text = draw(st.none() | _XML_TEXT)
        elif action == "attribute":
            element.set(draw(_ATTRIBUTES), draw(_XML_TEXT))
        elif action == "remove" and parent is not None:
            parent.remove(element)
        elif action == "double" and parent is not None:
            parent.append(copy.deepcopy(element))
        elif action == "child":
            tag = draw(st.sampled_from(["event", "room", "day", "person", "title", "duration"]))
            ET.SubElement(element, tag).text = draw(st.none() | _XML_TEXT)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


@settings(deadline=None)
@given(document=schedule_xml())
def test_arbitrary_schedule_xml_gives_a_programme_or_a_source_error(document):
    """Any schedule.xml structure is read, validated and written, or fails cleanly."""
    _outcome(document)
