"""Reading a frab ``schedule.xml`` (pretalx, frab, the CCC hub, FOSDEM's pentabarf) into records."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any, Final

import attrs

from ..errors import Problem, SourceError
from ._records import EVENT_TEXTS, RawDay, RawEvent, RawLink, RawPerson, RawRoom, RawSchedule, Where
from ._xml import Lines, parse

__all__ = ["read_xml"]

_EVENT_TEXTS: Final = frozenset(EVENT_TEXTS)
"""The elements of an event read as text; others are ignored."""
_EVENT_IDS: Final = {"guid": "guid", "id": "number", "code": "code"}
"""Ids an event gives as attributes or elements, and their fields."""


def _text(element: ET.Element | None) -> str | None:
    if element is None:
        return None
    text = "".join(element.itertext()).strip()
    return text or None


def _generator(element: ET.Element | None) -> str | None:
    return (element.get("name") or None) if element is not None else None


def read_xml(data: bytes, source: str) -> RawSchedule:
    """Read the schedule.xml *data* into records.

    Raises:
        SourceError: The XML is not well-formed, refused, or no schedule.
    """
    root, lines = parse(data, source)
    for element in root.iter():  # <schedule xmlns="…">: the same schedule, in a namespace
        element.tag = element.tag.rpartition("}")[2]
    if root.tag != "schedule":
        raise SourceError(
            [
                Problem(
                    f"expected a schedule.xml with the root element <schedule>, not <{root.tag}>",
                    file=source,
                    line=lines.of(root),
                )
            ]
        )
    conference = root.find("conference")
    if conference is None:
        raise SourceError(
            [
                Problem(
                    "the schedule has no <conference>",
                    file=source,
                    line=lines.of(root),
                    path="schedule",
                )
            ]
        )
    texts = {child.tag: _text(child) for child in conference if child.tag != "track"}
    days = []
    for d_index, day in enumerate(root.findall("day")):
        path = f"schedule.day[{d_index}]"
        rooms = tuple(
            RawRoom(
                name=room.get("name") or "",
                guid=room.get("guid"),
                events=tuple(
                    _event(event, lines, f"{path}.room[{r_index}].event[{e_index}]")
                    for e_index, event in enumerate(room.findall("event"))
                ),
            )
            for r_index, room in enumerate(day.findall("room"))
        )
        days.append(
            RawDay(
                date=day.get("date"),
                where=Where(f"{path}@date", lines.of(day)),
                start=day.get("start"),
                end=day.get("end"),
                rooms=rooms,
            )
        )
    return RawSchedule(
        title=texts.get("title"),
        acronym=texts.get("acronym"),
        subtitle=texts.get("subtitle"),
        description=texts.get("description"),
        url=texts.get("url"),
        base_url=texts.get("base_url"),
        venue=texts.get("venue"),
        city=texts.get("city"),
        time_zone_name=texts.get("time_zone_name"),
        day_change=texts.get("day_change"),
        version=_text(root.find("version")),
        generator=_generator(root.find("generator")),
        days=tuple(days),
        days_where=Where("schedule.day"),
    )


def _event(event: ET.Element, lines: Lines, path: str) -> RawEvent:
    fields: dict[str, Any] = {
        name: event.get(key) for key, name in _EVENT_IDS.items() if event.get(key)
    }
    field_lines: dict[str, int] = {}
    for child in event:
        name = _EVENT_IDS.get(child.tag) or (child.tag if child.tag in _EVENT_TEXTS else None)
        if name is None:
            continue
        fields[name] = _text(child)  # an element wins over an attribute of the same name
        if (line := lines.of(child)) is not None:
            field_lines[name] = line
    read = RawEvent(
        where=Where(path, lines.of(event)),
        lines=field_lines,
        persons=tuple(
            RawPerson(name=_text(p), guid=p.get("guid"), code=p.get("code"), number=p.get("id"))
            for p in event.iterfind("persons/person")
        ),
        links=tuple(
            # <link href="…">title</link>, or the address as the text: <link>https://…</link>
            RawLink(
                url=link.get("href") or _text(link), title=_text(link) if link.get("href") else None
            )
            for link in (*event.iterfind("links/link"), *event.iterfind("attachments/attachment"))
        ),
    )
    return attrs.evolve(read, **fields)
