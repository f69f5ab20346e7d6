"""Reading a C3VOC ``schedule.json`` (v1: frab, pretalx, the CCC hub) into records.

JSON gives no lines; every message names the field's path instead. What the
document holds is checked on the way in: a wrong type where a list or an
object belongs is an error naming the path, and text is text whatever JSON
type it came as (numbers become text; objects, lists and booleans count as
missing).
"""

from __future__ import annotations

import json
import re
from typing import Any, Final

import attrs

from ..errors import Problem, SourceError
from ._records import EVENT_TEXTS, RawDay, RawEvent, RawLink, RawPerson, RawRoom, RawSchedule, Where

__all__ = ["MAX_DIGITS", "load_json", "read_json", "text_of"]

MAX_DIGITS: Final = 30
"""Longer integers are kept as text: no id or capacity is that long, and Python refuses
to turn more than 4,300 digits into a number."""

_SURROGATE: Final = re.compile("[\ud800-\udfff]")
_ESCAPED_SURROGATE: Final = re.compile(r"\\u[dD][89a-fA-F]")

_EVENT_TEXTS: Final = (*EVENT_TEXTS, "guid", "code")


def _integer(digits: str) -> int | str:
    return int(digits) if len(digits.lstrip("-")) <= MAX_DIGITS else digits


def load_json(data: bytes, source: str) -> Any:
    r"""Parse *data* as JSON, with every failure a :class:`SourceError` naming *source*.

    Lone surrogates (``"\ud800"``, half of a character that a broken tool cut in
    two) become U+FFFD, the replacement character, as a UTF-8 decoder does.

    Raises:
        SourceError: The data is not UTF-8, not JSON, or nested too deep to read.
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SourceError(
            [Problem(f"the file is not UTF-8 text (at byte {exc.start})", file=source)]
        ) from None
    try:
        document = json.loads(text, parse_int=_integer)
    except json.JSONDecodeError as exc:
        raise SourceError(
            [Problem(f"not valid JSON: {exc.msg}", file=source, line=exc.lineno)]
        ) from None
    except RecursionError:
        raise SourceError(
            [
                Problem(
                    "the JSON is nested too deep to read (hundreds of levels of lists or "
                    "objects); a schedule.json is nested about eight levels deep",
                    file=source,
                )
            ]
        ) from None
    return _without_surrogates(document) if _ESCAPED_SURROGATE.search(text) else document


def _without_surrogates(document: Any) -> Any:
    """*document* with lone surrogates replaced; iterative, so that no depth can overflow."""

    def clean(value: Any) -> Any:
        return _SURROGATE.sub("\ufffd", value) if isinstance(value, str) else value

    root = [clean(document)]
    stack: list[Any] = [root]
    while stack:
        container = stack.pop()
        if isinstance(container, list):
            for index, value in enumerate(container):
                container[index] = clean(value)
                if isinstance(value, (list, dict)):
                    stack.append(value)
        else:
            for key in list(container):
                value = clean(container.pop(key))
                container[clean(key)] = value
                if isinstance(value, (list, dict)):
                    stack.append(value)
    return root[0]


def text_of(value: Any) -> str | None:
    """Text, or ``None`` for what is missing or empty; numbers become text."""
    if value is None or isinstance(value, (dict, list, bool)):
        return None
    text = str(value).strip()
    return text or None


def _json_type(value: Any) -> str:
    """What a JSON value is, in the words of an error message."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    text = str(value)
    return f"the text {text[:60] + '…' if len(text) > 60 else text!r}"


def read_json(data: bytes, source: str) -> RawSchedule:
    """Read the schedule.json *data* into records.

    Raises:
        SourceError: The data is no JSON, or not shaped like a schedule.json.
    """
    document = load_json(data, source)
    reader = _Reader(source)
    shape = "expected a C3VOC schedule.json: {'schedule': {'conference': {'days': [...]}}}"
    schedule = document.get("schedule") if isinstance(document, dict) else None
    conference = schedule.get("conference") if isinstance(schedule, dict) else None
    if not isinstance(schedule, dict) or not isinstance(conference, dict):
        raise SourceError([Problem(shape, file=source, path="schedule.conference")])
    raw_days = conference.get("days")
    if not isinstance(raw_days, list):
        raise SourceError([Problem(shape, file=source, path="schedule.conference.days")])
    known_rooms = conference.get("rooms")
    generator = document.get("generator")
    return RawSchedule(
        title=text_of(conference.get("title")),
        acronym=text_of(conference.get("acronym")),
        subtitle=text_of(conference.get("subtitle")),
        description=text_of(conference.get("description")),
        url=text_of(conference.get("url")),
        base_url=text_of(schedule.get("base_url")) or text_of(conference.get("base_url")),
        venue=text_of(conference.get("venue")),
        city=text_of(conference.get("city")),
        time_zone_name=text_of(conference.get("time_zone_name")),
        day_change=text_of(conference.get("day_change")),
        version=text_of(schedule.get("version")),
        generator=text_of(generator.get("name")) if isinstance(generator, dict) else None,
        rooms=tuple(
            reader.known_room(room)
            for room in (known_rooms if isinstance(known_rooms, list) else ())
            if isinstance(room, dict)
        ),
        days=tuple(
            reader.day(day, f"schedule.conference.days[{index}]")
            for index, day in enumerate(raw_days)
        ),
        days_where=Where("schedule.conference.days"),
    )


class _Reader:
    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, message: str, path: str) -> SourceError:
        return SourceError([Problem(message, file=self.source, path=path)])

    def known_room(self, room: dict[str, Any]) -> RawRoom:
        capacity = room.get("capacity")
        description = room.get("description")
        if isinstance(description, dict):  # {"de": "…", "en": "…"}
            description = " / ".join(t for v in description.values() if (t := text_of(v)))
        return RawRoom(
            name=text_of(room.get("name")) or "",
            guid=text_of(room.get("guid")),
            capacity=capacity
            if isinstance(capacity, int) and not isinstance(capacity, bool) and capacity > 0
            else None,
            description=text_of(description),
        )

    def day(self, day: Any, path: str) -> RawDay:
        if not isinstance(day, dict):
            raise self.fail("expected an object for a day", path)
        raw_rooms = day.get("rooms") or {}
        if not isinstance(raw_rooms, dict):
            raise self.fail("expected an object of rooms", f"{path}.rooms")
        rooms = []
        for name, events in raw_rooms.items():
            where = f"{path}.rooms[{name!r}]"
            if not isinstance(events, list):
                raise self.fail("expected a list of events", where)
            rooms.append(
                RawRoom(
                    name=name,
                    events=tuple(self.event(e, f"{where}[{i}]") for i, e in enumerate(events)),
                )
            )
        return RawDay(
            date=text_of(day.get("date")),
            where=Where(f"{path}.date"),
            start=text_of(day.get("day_start")),
            end=text_of(day.get("day_end")),
            rooms=tuple(rooms),
        )

    def event(self, event: Any, path: str) -> RawEvent:
        if not isinstance(event, dict):
            raise self.fail("expected an object for an event", path)
        persons = []
        for index, entry in enumerate(self.listed(event, "persons", path)):
            person = self.text_or_object(entry, f"{path}.persons[{index}]")
            persons.append(
                RawPerson(
                    name=text_of(person.get("public_name"))
                    or text_of(person.get("name"))
                    or text_of(person.get("")),
                    guid=text_of(person.get("guid")),
                    code=text_of(person.get("code")),
                    number=text_of(person.get("id")),
                )
            )
        links = []
        for key in ("links", "attachments"):
            for index, entry in enumerate(self.listed(event, key, path)):
                link = self.text_or_object(entry, f"{path}.{key}[{index}]")
                links.append(
                    RawLink(
                        url=text_of(link.get("url"))
                        or text_of(link.get("href"))
                        or text_of(link.get("")),
                        title=text_of(link.get("title")),
                    )
                )
        read = RawEvent(
            where=Where(path),
            number=text_of(event.get("id")),
            persons=tuple(persons),
            links=tuple(links),
        )
        texts: dict[str, Any] = {key: text_of(event.get(key)) for key in _EVENT_TEXTS}
        return attrs.evolve(read, **texts)

    def listed(self, event: dict[str, Any], key: str, path: str) -> list[Any]:
        """The list under *key*; nothing for a missing or empty value."""
        value = event.get(key)
        if value is None or value in ("", {}):
            return []
        if not isinstance(value, list):
            raise self.fail(f"expected a list, not {_json_type(value)}", f"{path}.{key}")
        return value

    def text_or_object(self, value: Any, where: str) -> dict[str, Any]:
        """An object as it is; text as ``{"": text}`` (links and names given as plain strings)."""
        if isinstance(value, dict):
            return value
        if isinstance(value, str):
            return {"": value}
        raise self.fail(f"expected an object or text, not {_json_type(value)}", where)
