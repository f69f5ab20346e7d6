"""What the readers of schedule.xml and schedule.json hand to the builder.

Both formats hold the same things — a conference, its days, each day's rooms
and their events — under other names. A reader puts them into these records:
text as text (``None`` for what is missing or empty), each value with the place
it came from, so that the builder's messages name the field and, for XML, the
line.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

import attrs

__all__ = [
    "EVENT_TEXTS",
    "RawDay",
    "RawEvent",
    "RawLink",
    "RawPerson",
    "RawRoom",
    "RawSchedule",
    "Where",
]


EVENT_TEXTS: Final = (
    "title",
    "subtitle",
    "slug",
    "type",
    "date",
    "start",
    "duration",
    "end",
    "room",
    "abstract",
    "description",
    "track",
    "language",
    "url",
    "origin_url",
)
"""The fields of an event both readers take as text (ids and guids are read apart)."""


@attrs.frozen
class Where:
    """Where a value was in the file: its field path and, where the format gives one, its line."""

    path: str
    line: int | None = None


@attrs.frozen(kw_only=True)
class RawPerson:
    """A speaker as the schedule names them, with whatever ids it gives."""

    name: str | None = None
    guid: str | None = None
    code: str | None = None
    number: str | None = None
    """The schedule's numeric ``id``."""


@attrs.frozen(kw_only=True)
class RawLink:
    """A link or an attachment."""

    url: str | None = None
    title: str | None = None


@attrs.frozen(kw_only=True)
class RawEvent:
    """One event of a room's list, its fields as text."""

    where: Where
    lines: Mapping[str, int] = attrs.field(factory=dict)
    """The line of each field, where XML gives one."""
    guid: str | None = None
    number: str | None = None
    """The schedule's numeric ``id``."""
    code: str | None = None
    title: str | None = None
    subtitle: str | None = None
    slug: str | None = None
    type: str | None = None
    date: str | None = None
    """The start as a date-time with offset (``2025-05-15T10:00:00+02:00``)."""
    start: str | None = None
    """The start as a clock time (``10:00``), for files without ``date``."""
    duration: str | None = None
    end: str | None = None
    room: str | None = None
    abstract: str | None = None
    description: str | None = None
    track: str | None = None
    language: str | None = None
    url: str | None = None
    origin_url: str | None = None
    persons: tuple[RawPerson, ...] = ()
    links: tuple[RawLink, ...] = ()

    def at(self, field: str) -> Where:
        """Where *field* of this event is: its own line where known, else the event's."""
        return Where(f"{self.where.path}.{field}", self.lines.get(field, self.where.line))


@attrs.frozen(kw_only=True)
class RawRoom:
    """A room: of a day's list with its events, or of the conference's list of rooms."""

    name: str
    guid: str | None = None
    capacity: int | None = None
    description: str | None = None
    events: tuple[RawEvent, ...] = ()


@attrs.frozen(kw_only=True)
class RawDay:
    """A day as the schedule lists it; events after midnight stay with it."""

    date: str | None
    where: Where
    start: str | None = None
    """When the day starts, as a date-time with offset, where the file says."""
    end: str | None = None
    rooms: tuple[RawRoom, ...] = ()


@attrs.frozen(kw_only=True)
class RawSchedule:
    """A whole schedule.xml or schedule.json, in the same form for both."""

    title: str | None = None
    acronym: str | None = None
    subtitle: str | None = None
    description: str | None = None
    url: str | None = None
    base_url: str | None = None
    venue: str | None = None
    city: str | None = None
    time_zone_name: str | None = None
    day_change: str | None = None
    version: str | None = None
    generator: str | None = None
    """The name of the program that wrote the file (``<generator name>``, ``generator.name``)."""
    rooms: tuple[RawRoom, ...] = ()
    """The conference's list of rooms (schedule.json), before the days'."""
    days: tuple[RawDay, ...] = ()
    days_where: Where
    """Where the days are in this format, for messages."""
