"""Reading the schedules that pretalx, frab, the CCC hub and FOSDEM publish.

Both ``schedule.xml`` and ``schedule.json`` (v1) are first read into the same
plain shape — a conference, its days, each day's rooms and their events — and
then turned into a :class:`~eventprogram.Programme` by one piece of code.

Reading is lenient, like the apps that read these files: unknown elements and
keys are ignored, empty and missing fields are the same, durations may have
seconds, links may be plain strings, relative URLs are resolved against
``base_url``, guids need not be UUIDs, events after midnight stay with the day
that lists them, and legacy zone names such as ``US/Eastern`` are understood.
What cannot be read at all (no time, no day) is an error that names the file,
the line where XML gives one, and the field.
"""

from __future__ import annotations

import collections
import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
import zoneinfo
from collections.abc import Iterator
from typing import Any, Final, Literal
from urllib.parse import urljoin

import attrs
from babel.core import get_global

from .._assemble import Entry, Kinds, assemble
from .._ids import Ids, canonical_uuid, slugify, stable_uuid
from .._model import (
    Contribution,
    Link,
    Person,
    Programme,
    Room,
    Venue,
    is_language_tag,
)
from ..errors import Problem, SourceError
from ._xml import Lines, parse

__all__ = ["ScheduleFormat", "read_schedule", "sniff"]

ScheduleFormat = Literal["frab-xml", "c3voc-json"]

_DURATION: Final = re.compile(r"^\d+(:\d{1,2}){1,3}$")
_DURATION_UNITS: Final = {2: (60, 3600), 3: (1, 60, 3600), 4: (1, 60, 3600, 86400)}
"""Seconds per part, from the right: HH:MM, HH:MM:SS, D:HH:MM:SS."""
_LONGEST: Final = dt.timedelta(days=14)
"""The longest event read: longer ones are mistakes (or would overflow the calendar)."""
_CLOCK: Final = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?$")


def sniff(data: bytes) -> ScheduleFormat | None:
    """Tell a schedule file from its first bytes: XML, or JSON holding ``"schedule"``."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"<"):
        return "frab-xml"
    # A key "schedule" holding an object: in any order, after "$schema" or "generator" too.
    # Inside a string it would be escaped (\"schedule\"), so a description cannot fake it.
    if head.startswith(b"{") and re.search(rb'"schedule"\s*:\s*\{', head):
        return "c3voc-json"
    return None


def read_schedule(data: bytes, format: ScheduleFormat, *, source: str = "<string>") -> Programme:  # noqa: A002
    """Read a ``schedule.xml`` or ``schedule.json`` into a programme.

    Args:
        data: The file's bytes.
        format: ``"frab-xml"`` or ``"c3voc-json"``.
        source: The name used in error messages, usually the file's path.

    Raises:
        SourceError: The file is no schedule, or one that cannot be read.
    """
    raw = _from_xml(data, source) if format == "frab-xml" else _from_json(data, source)
    return _Builder(raw, source).programme()


# -- one plain shape for both formats ----------------------------------------------


@attrs.frozen
class _Field:
    """A value read from the file, with where it was."""

    value: Any
    path: str
    line: int | None = None


@attrs.define
class _Raw:
    """A schedule in plain form: everything the builder reads, with its place in the file."""

    conference: dict[str, Any]
    rooms: list[dict[str, Any]]
    days: list[dict[str, Any]]  # {"date", "index", "path", "line", "rooms": [(name, [event])]}
    version: str | None
    base_url: str | None
    days_path: str
    """Where the days are in this format, for messages."""


def _text(element: ET.Element | None) -> str | None:
    if element is None:
        return None
    text = "".join(element.itertext()).strip()
    return text or None


def _from_xml(data: bytes, source: str) -> _Raw:
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
    conference_element = root.find("conference")
    if conference_element is None:
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
    conference: dict[str, Any] = {
        child.tag: _text(child) for child in conference_element if child.tag != "track"
    }
    conference["tracks"] = [
        t.get("name") for t in conference_element.findall("track") if t.get("name")
    ]
    days = []
    for d_index, day in enumerate(root.findall("day")):
        path = f"schedule.day[{d_index}]"
        rooms = []
        for r_index, room in enumerate(day.findall("room")):
            events = [
                _xml_event(event, lines, f"{path}.room[{r_index}].event[{e_index}]")
                | {"_day_start": day.get("start"), "_day_end": day.get("end")}
                for e_index, event in enumerate(room.findall("event"))
            ]
            rooms.append((room.get("name") or "", room.get("guid"), events))
        days.append(
            {
                "date": _Field(day.get("date"), f"{path}@date", lines.of(day)),
                "start": day.get("start"),
                "rooms": rooms,
            }
        )
    return _Raw(
        conference=conference,
        rooms=[],
        days=days,
        version=_text(root.find("version")),
        base_url=conference.get("base_url"),
        days_path="schedule.day",
    )


def _xml_event(event: ET.Element, lines: Lines, path: str) -> dict[str, Any]:
    line = lines.of(event)
    fields: dict[str, Any] = {"_path": path, "_line": line}
    for key in ("guid", "id", "code"):
        fields[key] = event.get(key)
    for child in event:
        if child.tag in {"persons", "links", "attachments", "recording", "answers"}:
            continue
        fields[child.tag] = _text(child)
        fields[f"_line_{child.tag}"] = lines.of(child)
    fields["persons"] = [
        {"id": p.get("id"), "guid": p.get("guid"), "code": p.get("code"), "name": _text(p)}
        for p in event.iterfind("persons/person")
    ]
    fields["links"] = [
        # <link href="…">title</link>, or the address as the text: <link>https://…</link>
        {"url": link.get("href") or _text(link), "title": _text(link) if link.get("href") else None}
        for link in (*event.iterfind("links/link"), *event.iterfind("attachments/attachment"))
    ]
    return fields


def _from_json(data: bytes, source: str) -> _Raw:
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise SourceError([Problem("the file is not UTF-8 text", file=source)]) from None
    except json.JSONDecodeError as exc:
        raise SourceError(
            [Problem(f"not valid JSON: {exc.msg}", file=source, line=exc.lineno)]
        ) from None
    shape = "expected a C3VOC schedule.json: {'schedule': {'conference': {'days': [...]}}}"
    schedule = document.get("schedule") if isinstance(document, dict) else None
    conference = schedule.get("conference") if isinstance(schedule, dict) else None
    if not isinstance(conference, dict):
        raise SourceError([Problem(shape, file=source, path="schedule.conference")])
    raw_days = conference.get("days")
    if not isinstance(raw_days, list):
        raise SourceError([Problem(shape, file=source, path="schedule.conference.days")])
    days = []
    for d_index, day in enumerate(raw_days):
        path = f"schedule.conference.days[{d_index}]"
        if not isinstance(day, dict):
            raise SourceError([Problem("expected an object for a day", file=source, path=path)])
        rooms = []
        raw_rooms = day.get("rooms") or {}
        if not isinstance(raw_rooms, dict):
            raise SourceError(
                [Problem("expected an object of rooms", file=source, path=f"{path}.rooms")]
            )
        for name, events in raw_rooms.items():
            if not isinstance(events, list):
                raise SourceError(
                    [
                        Problem(
                            "expected a list of events", file=source, path=f"{path}.rooms[{name!r}]"
                        )
                    ]
                )
            rooms.append(
                (
                    name,
                    None,
                    [
                        _json_event(e, f"{path}.rooms[{name!r}][{i}]", source)
                        | {"_day_start": day.get("day_start"), "_day_end": day.get("day_end")}
                        for i, e in enumerate(events)
                    ],
                )
            )
        days.append(
            {
                "date": _Field(day.get("date"), f"{path}.date"),
                "start": day.get("day_start"),
                "rooms": rooms,
            }
        )
    known_rooms = conference.get("rooms")
    return _Raw(
        conference=conference,
        rooms=[r for r in known_rooms if isinstance(r, dict)]
        if isinstance(known_rooms, list)
        else [],
        days=days,
        version=_string(document["schedule"].get("version")),
        base_url=_string(document["schedule"].get("base_url"))
        or _string(conference.get("base_url")),
        days_path="schedule.conference.days",
    )


def _json_event(event: Any, path: str, source: str) -> dict[str, Any]:
    if not isinstance(event, dict):
        raise SourceError([Problem("expected an object for an event", file=source, path=path)])
    fields = {
        key: value for key, value in event.items() if key not in {"persons", "links", "attachments"}
    }
    fields["_path"] = path

    fields["persons"] = []
    for index, entry in enumerate(_listed(event, "persons", path, source)):
        person = _text_or_object(entry, f"{path}.persons[{index}]", source)
        fields["persons"].append(
            {
                "id": person.get("id"),
                "guid": person.get("guid"),
                "code": person.get("code"),
                "name": person.get("public_name") or person.get("name") or person.get(""),
            }
        )
    fields["links"] = []
    for key in ("links", "attachments"):
        for index, entry in enumerate(_listed(event, key, path, source)):
            link = _text_or_object(entry, f"{path}.{key}[{index}]", source)
            fields["links"].append(
                {
                    "url": link.get("url") or link.get("href") or link.get(""),
                    "title": link.get("title"),
                }
            )
    return fields


def _listed(event: dict[str, Any], key: str, path: str, source: str) -> list[Any]:
    """The list under *key*; nothing for a missing or empty value."""
    value = event.get(key)
    if value in (None, "", {}):
        return []
    if not isinstance(value, list):
        raise SourceError(
            [
                Problem(
                    f"expected a list, not {_json_type(value)}", file=source, path=f"{path}.{key}"
                )
            ]
        )
    return value


def _text_or_object(value: Any, where: str, source: str) -> dict[str, Any]:
    """An object as it is; text as ``{"": text}`` (links and names given as plain strings)."""
    if isinstance(value, dict):
        return value
    if isinstance(value, str):
        return {"": value}
    raise SourceError(
        [Problem(f"expected an object or text, not {_json_type(value)}", file=source, path=where)]
    )


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
    return f"the text {value!r}"


def _string(value: Any) -> str | None:
    """Text, or ``None`` for what is missing or empty; numbers become text."""
    if value is None or isinstance(value, (dict, list, bool)):
        return None
    text = str(value).strip()
    return text or None


# -- from the plain shape to a programme ----------------------------------------------------


class _Builder:
    def __init__(self, raw: _Raw, source: str) -> None:
        self.raw = raw
        self.source = source
        self.problems: list[Problem] = []
        conference = raw.conference
        title = _string(conference.get("title")) or _string(conference.get("acronym")) or "Schedule"
        self.title = title
        self.id = slugify(_string(conference.get("acronym")) or title) or "schedule"
        self.timezone = self._zone()
        self.zone = zoneinfo.ZoneInfo(self.timezone)
        self.kinds = Kinds()
        self.entry_ids = Ids()
        self.person_ids = Ids()
        self.people: dict[str, Person] = {}
        self.person_keys: dict[str, str] = {}
        self.rooms: dict[str, Room] = {}
        self.room_ids = Ids()
        for room in raw.rooms:
            self._room(_string(room.get("name")) or "", _string(room.get("guid")), room)

    def fail(
        self,
        message: str,
        field: _Field | None = None,
        *,
        path: str | None = None,
    ) -> None:
        self.problems.append(
            Problem(
                message,
                file=self.source,
                line=field.line if field else None,
                path=field.path if field else path,
            )
        )

    def programme(self) -> Programme:
        entries: list[Entry] = []
        dates: list[dt.date] = []
        for day in self.raw.days:
            date = self._date(day["date"])
            if date is None:
                continue
            dates.append(date)
            for room_name, room_guid, events in day["rooms"]:
                for event in events:
                    entry = self._entry(event, date, room_name, room_guid)
                    if entry is not None:
                        entries.append(entry)
        if not dates and not self.problems:
            self.fail("the schedule has no days", path=self.raw.days_path)
        if self.problems:
            raise SourceError(self.problems)
        # The programme speaks the language most events are in (a tie: the first by name);
        # events only say theirs where it differs.
        languages = collections.Counter(e.language for e in entries if e.language)
        language = min(languages, key=lambda tag: (-languages[tag], tag), default="en")
        entries = [attrs.evolve(e, language=None) if e.language == language else e for e in entries]
        conference = self.raw.conference
        url = _string(conference.get("url")) or self.raw.base_url
        return Programme(
            id=self.id,
            title=self.title,
            subtitle=_string(conference.get("subtitle")),
            description=_string(conference.get("description")),
            url=url,
            language=language,
            timezone=self.timezone,
            version=self.raw.version,
            # pentabarf (FOSDEM) names the venue and the town; frab and pretalx do not.
            venue=Venue(
                name=_string(conference.get("venue")) or self.title,
                city=_string(conference.get("city")),
                rooms=tuple(self.rooms.values()),
            ),
            days=assemble(entries, days=dates, language=language, ids=self.entry_ids),
            # Sorted, so that the order of the file's rooms and events does not matter.
            people=tuple(
                sorted(self.people.values(), key=lambda p: (p.family_name.casefold(), p.id))
            ),
            kinds=tuple(sorted(self.kinds.custom, key=lambda k: k.id)),
            # Conference tools do not record who moderates; every talk would be reported.
            disabled_rules=("no-moderation",),
        )

    # -- parts ---------------------------------------------------------------------

    def _uuid(self, guid: str | None, name: str) -> str:
        """The schedule's guid where it is a UUID, else one made from the schedule's own ids.

        Exporters write a UUID id back as the guid: import, export, import is stable.
        """
        return canonical_uuid(guid) or str(stable_uuid(self.id, name))

    def _zone(self) -> str:
        name = _string(self.raw.conference.get("time_zone_name"))
        if name:
            name = str(get_global("zone_aliases").get(name, name))
            try:
                zoneinfo.ZoneInfo(name)
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                pass
            else:
                return name
        # No zone, or one nobody knows: take the offset of the first event.
        for event in self._events():
            stamp = _aware(event.get("date"))
            if stamp is not None and (offset := stamp.utcoffset()) is not None:
                hours, rest = divmod(int(offset.total_seconds()), 3600)
                if rest == 0 and hours and -12 <= hours <= 14:  # the Etc/GMT zones there are
                    return f"Etc/GMT{-hours:+d}"
                break
        return "UTC"

    def _events(self) -> Iterator[dict[str, Any]]:
        for day in self.raw.days:
            for _name, _guid, events in day["rooms"]:
                yield from events

    def _date(self, field: _Field) -> dt.date | None:
        value = _string(field.value)
        if value is None:
            self.fail("the day has no date", field)
            return None
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            self.fail(f"the day's date {value!r} is not a date such as 2025-05-15", field)
            return None

    def _room(self, name: str, guid: str | None, extra: dict[str, Any] | None = None) -> str:
        key = name
        if key not in self.rooms:
            capacity = extra.get("capacity") if extra else None
            description = extra.get("description") if extra else None
            if isinstance(description, dict):
                description = " / ".join(str(v) for v in description.values() if v)
            self.rooms[key] = Room(
                id=self.room_ids.make(
                    # A guid two rooms share (a copy-and-paste slip) goes to the first.
                    canonical_uuid(guid),
                    self._uuid(None, f"room:{name}"),
                ),
                name=name or "—",
                capacity=capacity
                if isinstance(capacity, int) and not isinstance(capacity, bool) and capacity > 0
                else None,
                description=_string(description),
            )
        return self.rooms[key].id

    def _entry(
        self, event: dict[str, Any], date: dt.date, room_name: str, room_guid: str | None
    ) -> Entry | None:
        path: str = event["_path"]

        def field(key: str) -> _Field:
            return _Field(
                event.get(key), f"{path}.{key}", event.get(f"_line_{key}", event.get("_line"))
            )

        start = self._start(event, date, field)
        duration = self._duration(field("duration"))
        if start is None or duration is None:
            return None
        if start.tzinfo is None:  # a wall-clock time already
            local_start, local_end = start, start + duration
        else:  # elapsed time, right across a change of the clocks
            given_end = _aware(event.get("end")) if event.get("duration") is None else None
            end = given_end or start.astimezone(dt.UTC) + duration
            local_start = start.astimezone(self.zone).replace(tzinfo=None)
            local_end = end.astimezone(self.zone).replace(tzinfo=None)
        room = _string(event.get("room")) or room_name
        guid = _string(event.get("guid"))
        code = _string(event.get("code"))
        number = _string(event.get("id"))
        entry_id = self.entry_ids.make(self._uuid(guid, f"event:{guid or code or number or path}"))
        abstract, description = _string(event.get("abstract")), _string(event.get("description"))
        texts = [t.replace("\r\n", "\n") for t in (abstract, description) if t]
        if len(texts) == 2 and texts[0] == texts[1]:
            texts.pop()
        language = _string(event.get("language"))
        return Entry(
            id=entry_id,
            day=date,
            start=local_start,
            end=local_end,
            kind=self.kinds.id_for(_string(event.get("type"))),
            title=_string(event.get("title")) or _string(event.get("slug")) or "—",
            room=self._room(room, room_guid if room == room_name else None) if room else None,
            subtitle=_string(event.get("subtitle")),
            description="\n\n".join(texts) or None,
            track=_string(event.get("track")),
            language=language if language and is_language_tag(language) else None,
            url=self._url(_string(event.get("url")) or _string(event.get("origin_url"))),
            links=tuple(self._links(event)),
            people=tuple(self._people(event)),
        )

    def _start(self, event: dict[str, Any], date: dt.date, field: Any) -> dt.datetime | None:
        stamp = _string(event.get("date"))
        if stamp and len(stamp) > 10:
            try:
                value = dt.datetime.fromisoformat(stamp)
            except ValueError:
                self.fail(
                    f"the start {stamp!r} is not a date-time such as 2025-05-15T10:00:00+02:00",
                    field("date"),
                )
                return None
            return value
        clock = _string(event.get("start"))
        match = _CLOCK.fullmatch(clock or "")
        if match is None:
            self.fail(
                f"the event has no start time I can read ({clock!r}); expected HH:MM",
                field("start"),
            )
            return None
        hours, minutes = int(match[1]), int(match[2])
        if hours > 23 or minutes > 59:
            self.fail(f"the start {clock!r} is not a time of day", field("start"))
            return None
        value = dt.datetime.combine(date, dt.time(hours, minutes))
        if self._after_midnight(event, value):
            value += dt.timedelta(days=1)  # listed under the day before, after midnight
        return value.replace(tzinfo=self.zone)

    def _after_midnight(self, event: dict[str, Any], value: dt.datetime) -> bool:
        """Whether a time given as a clock alone means the night after the listed day.

        pentabarf says when its day changes (``day_change``); otherwise a time before
        the day's start is the night after only where that still lies within the day.
        """
        match = _CLOCK.fullmatch(_string(self.raw.conference.get("day_change")) or "")
        if match:
            return value.time() < dt.time(int(match[1]) % 24, int(match[2]))
        start, end = _aware(event.get("_day_start")), _aware(event.get("_day_end"))
        if start is None or end is None:
            return False
        local_start = start.astimezone(self.zone).replace(tzinfo=None)
        local_end = end.astimezone(self.zone).replace(tzinfo=None)
        return value < local_start and value + dt.timedelta(days=1) <= local_end

    def _duration(self, field: _Field) -> dt.timedelta | None:
        value = _string(field.value)
        if value is None:
            return dt.timedelta()
        if _DURATION.fullmatch(value) is None:
            self.fail(f"the duration {value!r} is not HH:MM or HH:MM:SS", field)
            return None
        parts = [int(part) for part in value.split(":")]
        seconds = sum(
            part * unit
            for part, unit in zip(reversed(parts), _DURATION_UNITS[len(parts)], strict=True)
        )
        if seconds > _LONGEST.total_seconds():
            self.fail(f"the duration {value!r} is longer than {_LONGEST.days} days", field)
            return None
        return dt.timedelta(seconds=seconds)

    def _url(self, url: str | None) -> str | None:
        if not url or url.startswith("urn:"):
            return None
        try:
            return urljoin(self.raw.base_url, url) if self.raw.base_url else url
        except ValueError:  # not a URL urllib can read ('http://[x'): kept as it is
            return url

    def _links(self, event: dict[str, Any]) -> Iterator[Link]:
        for link in event["links"]:
            url = _string(link.get("url"))
            if url:
                resolved = self._url(url) or url
                title = _string(link.get("title"))
                yield Link(url=resolved, title=title if title != resolved else None)

    def _people(self, event: dict[str, Any]) -> Iterator[Contribution]:
        for person in event["persons"]:
            name = _string(person.get("name")) or "N. N."
            guid, code, number = (_string(person.get(k)) for k in ("guid", "code", "id"))
            key = guid or code or (f"#{number}" if number else f"name:{name}")
            if key not in self.person_keys:
                person_id = self.person_ids.make(
                    self._uuid(guid, f"person:{code or number or name}")
                )
                self.person_keys[key] = person_id
                self.people[person_id] = Person(id=person_id, family_name=name)
            yield Contribution(person=self.person_keys[key], roles=("speaker",))


def _aware(value: Any) -> dt.datetime | None:
    text = _string(value)
    if not text or len(text) <= 10:
        return None
    try:
        stamp = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    return stamp if stamp.tzinfo is not None else None
