"""From the records of a schedule.xml or schedule.json to a programme.

One builder serves both readers. It works out the zone, each event's start
and end as wall-clock time (with PEP 495's ``fold`` for the hour the autumn
clock change repeats), the rooms — leaving out those a writer made up only
because its format wants one (:func:`~eventprogram._ids.is_placeholder_room`)
— the kinds and the people, and hands the events to
:func:`~eventprogram._assemble.assemble` in the file's own order.
"""

from __future__ import annotations

import collections
import datetime as dt
import re
import zoneinfo
from collections.abc import Iterator
from typing import Final
from urllib.parse import urljoin

import attrs
from babel.core import get_global

from .._assemble import Entry, Kinds, assemble
from .._ids import (
    GENERATOR,
    Ids,
    canonical_uuid,
    is_placeholder_room,
    slug_holder,
    slugify,
    stable_uuid,
)
from .._model import (
    FIRST_DATE,
    LARGEST_NUMBER,
    LAST_DATE,
    Contribution,
    Link,
    Person,
    Programme,
    Room,
    Venue,
    is_language_tag,
)
from ..errors import Problem, SourceError
from ._records import RawDay, RawEvent, RawSchedule, Where

__all__ = ["build"]

_DURATION: Final = re.compile(r"^\d+(:\d{1,2}){1,3}$")
_DURATION_UNITS: Final = {2: (60, 3600), 3: (1, 60, 3600), 4: (1, 60, 3600, 86400)}
"""Seconds per part, from the right: HH:MM, HH:MM:SS, D:HH:MM:SS."""
_LONGEST: Final = dt.timedelta(days=14)
"""The longest event read: longer ones are mistakes (or would overflow the calendar)."""
_LONGEST_TEXT: Final = 20
"""Longer durations (as text) are longer than :data:`_LONGEST` whatever their digits."""
_CLOCK: Final = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?$")
_EARLIEST: Final = FIRST_DATE
_LATEST: Final = LAST_DATE
"""Dates read: those the model takes."""


def build(raw: RawSchedule, source: str) -> Programme:
    """Return the programme of *raw*.

    Raises:
        SourceError: Days or events that cannot be read (no date, no time); every one is named.
    """
    return _Builder(raw, source).programme()


class _Builder:
    def __init__(self, raw: RawSchedule, source: str) -> None:
        self.raw = raw
        self.source = source
        self.problems: list[Problem] = []
        self.title = raw.title or raw.acronym or "Schedule"
        self.id = slugify(raw.acronym or self.title) or "schedule"
        self.timezone = self._zone()
        self.zone = zoneinfo.ZoneInfo(self.timezone)
        self.kinds = Kinds()
        self.entry_ids = Ids()
        self.person_ids = Ids()
        self.people: dict[str, Person] = {}
        self.person_keys: dict[str, str] = {}
        self.rooms: dict[str, Room] = {}
        self.room_ids = Ids()
        # eventprogram's own files: ids count events in the programme's order, and an event
        # nested in another names that one's id in its slug (_ids.event_slug).
        self.nested = raw.generator == GENERATOR
        self.order: dict[str, int] = {}
        self.by_number: dict[int, str] = {}
        self.holders: dict[str, int] = {}
        # Rooms a writer made up: named by the guid of a day's room or of the conference's list.
        self.placeholders = {
            room.name
            for room in (*raw.rooms, *(r for d in raw.days for r in d.rooms))
            if is_placeholder_room(room.name, room.guid)
        }
        for room in raw.rooms:
            if room.name not in self.placeholders:
                self._room(room.name, room.guid, room.capacity, room.description)

    def fail(self, message: str, where: Where) -> None:
        self.problems.append(Problem(message, file=self.source, line=where.line, path=where.path))

    def programme(self) -> Programme:
        entries: list[Entry] = []
        dates: list[dt.date] = []
        for day in self.raw.days:
            date = self._date(day)
            if date is None:
                continue
            dates.append(date)
            for room in day.rooms:
                for event in room.events:
                    entry = self._entry(event, day, date, room.name, room.guid)
                    if entry is not None:
                        entries.append(entry)
        if not dates and not self.problems:
            self.fail("the schedule has no days", self.raw.days_where)
        if self.problems:
            raise SourceError(self.problems)
        # The programme speaks the language most events are in (a tie: the first by name);
        # events only say theirs where it differs.
        # Events that start together: in the order of the venue's rooms, which is the order a
        # writer lists rooms in, then in the file's order (a day's rooms may be listed otherwise).
        rank = {room.id: position for position, room in enumerate(self.rooms.values())}
        entries.sort(key=lambda e: rank.get(e.room, len(rank)) if e.room else len(rank))
        if self.nested:  # the programme's order, as eventprogram's ids count it
            entries.sort(key=lambda e: self.order.get(e.id, len(self.order)))
            entries = [
                attrs.evolve(e, holder=self.by_number.get(self.holders[e.id]))
                if e.id in self.holders
                else e
                for e in entries
            ]
        languages = collections.Counter(e.language for e in entries if e.language)
        language = min(languages, key=lambda tag: (-languages[tag], tag), default="en")
        entries = [attrs.evolve(e, language=None) if e.language == language else e for e in entries]
        return Programme(
            id=self.id,
            title=self.title,
            subtitle=self.raw.subtitle,
            description=self.raw.description,
            url=self.raw.url or self.raw.base_url,
            language=language,
            timezone=self.timezone,
            version=self.raw.version,
            # pentabarf (FOSDEM) names the venue and the town; frab and pretalx do not.
            venue=Venue(
                name=self.raw.venue or self.title,
                city=self.raw.city,
                rooms=tuple(self.rooms.values()),
            ),
            days=assemble(
                entries,
                days=dates,
                language=language,
                ids=self.entry_ids,
                zone=self.zone,
                numbered=True,
                nested=self.nested,
            ),
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
        name = self.raw.time_zone_name
        if name:
            name = str(get_global("zone_aliases").get(name, name))
            try:
                zoneinfo.ZoneInfo(name)
            except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
                # OSError: a name that is a folder (Europe) or too long for the file system
                pass
            else:
                return name
        # No zone, or one nobody knows: take the offset of the first event.
        for event in self._events():
            stamp = _aware(event.date)
            if stamp is not None and (offset := stamp.utcoffset()) is not None:
                hours, rest = divmod(int(offset.total_seconds()), 3600)
                if rest == 0 and hours and -12 <= hours <= 14:  # the Etc/GMT zones there are
                    return f"Etc/GMT{-hours:+d}"
                break
        return "UTC"

    def _events(self) -> Iterator[RawEvent]:
        for day in self.raw.days:
            for room in day.rooms:
                yield from room.events

    def _date(self, day: RawDay) -> dt.date | None:
        value = day.date
        if value is None:
            self.fail("the day has no date", day.where)
            return None
        try:
            date = dt.date.fromisoformat(value[:10])
        except ValueError:
            self.fail(f"the day's date {value!r} is not a date such as 2025-05-15", day.where)
            return None
        if not _EARLIEST <= date <= _LATEST:
            self.fail(
                f"the day's date {value!r} is outside the years {_EARLIEST.year} to {_LATEST.year}",
                day.where,
            )
            return None
        return date

    def _room(
        self,
        name: str,
        guid: str | None,
        capacity: int | None = None,
        description: str | None = None,
    ) -> str:
        if name not in self.rooms:
            self.rooms[name] = Room(
                id=self.room_ids.make(
                    # A guid two rooms share (a copy-and-paste slip) goes to the first.
                    canonical_uuid(guid),
                    self._uuid(None, f"room:{name}"),
                ),
                name=name if name.strip() else "—",
                # More than the model takes is a mistake, not a room: left out.
                capacity=capacity if capacity is not None and capacity <= LARGEST_NUMBER else None,
                description=description,
            )
        return self.rooms[name].id

    def _entry(
        self, event: RawEvent, day: RawDay, date: dt.date, room_name: str, room_guid: str | None
    ) -> Entry | None:
        start = self._start(event, day, date)
        duration = self._duration(event)
        if start is None or duration is None:
            return None
        # Elapsed time, right across a change of the clocks; wall clock with fold (PEP 495).
        given_end = _aware(event.end) if event.duration is None else None
        end = given_end or start.astimezone(dt.UTC) + duration
        # The start is within the model's years: its wall clock and end can be computed.
        local_start = start.astimezone(self.zone).replace(tzinfo=None)
        local_end = end.astimezone(self.zone).replace(tzinfo=None)
        if local_start.date() < _EARLIEST or local_end.date() > _LATEST:
            self.fail(
                f"the event is not between the years {_EARLIEST.year} and {_LATEST.year}",
                event.at("date" if event.date else "start"),
            )
            return None
        room = event.room or room_name
        if room in self.placeholders:
            room_id = None  # made up by a writer: the item had no room
        elif room:
            room_id = self._room(room, room_guid if room == room_name else None)
        else:
            room_id = None
        guid, code, number = event.guid, event.code, event.number
        key = guid or code or number or event.where.path
        entry_id = self.entry_ids.make(self._uuid(guid, f"event:{key}"))
        # An id of more digits than any schedule has is kept as text, not turned into a number.
        if number is not None and number.isascii() and number.isdigit() and len(number) <= 18:
            self.order[entry_id] = int(number)
            self.by_number.setdefault(int(number), entry_id)
        holder = slug_holder(event.slug, self.raw.acronym, number) if self.nested else None
        if holder is not None:
            self.holders[entry_id] = holder
        texts = [t.replace("\r\n", "\n") for t in (event.abstract, event.description) if t]
        if len(texts) == 2 and texts[0] == texts[1]:
            texts.pop()
        language = event.language
        return Entry(
            id=entry_id,
            day=date,
            start=local_start,
            end=local_end,
            kind=self.kinds.id_for(event.type),
            title=event.title or event.slug or "—",
            room=room_id,
            subtitle=event.subtitle,
            description="\n\n".join(texts) or None,
            track=event.track,
            language=language if language and is_language_tag(language) else None,
            url=self._url(event.url or event.origin_url),
            links=tuple(self._links(event)),
            people=tuple(self._people(event)),
        )

    def _start(self, event: RawEvent, day: RawDay, date: dt.date) -> dt.datetime | None:
        """The start, aware: a date-time as given (wall clock in the zone without an offset)."""
        stamp = event.date
        if stamp and len(stamp) > 10:
            try:
                value = dt.datetime.fromisoformat(stamp)
            except ValueError:
                self.fail(
                    f"the start {stamp!r} is not a date-time such as 2025-05-15T10:00:00+02:00",
                    event.at("date"),
                )
                return None
            if not _EARLIEST <= value.date() <= _LATEST:
                self.fail(
                    f"the start {stamp!r} is outside the years {_EARLIEST.year} to {_LATEST.year}",
                    event.at("date"),
                )
                return None
            return value if value.tzinfo is not None else value.replace(tzinfo=self.zone)
        clock = event.start
        match = _CLOCK.fullmatch(clock or "")
        if match is None:
            self.fail(
                f"the event has no start time I can read ({clock!r}); expected HH:MM",
                event.at("start"),
            )
            return None
        hours, minutes = int(match[1]), int(match[2])
        if hours > 23 or minutes > 59:
            self.fail(f"the start {clock!r} is not a time of day", event.at("start"))
            return None
        value = dt.datetime.combine(date, dt.time(hours, minutes))
        if self._after_midnight(day, value):
            value += dt.timedelta(days=1)  # listed under the day before, after midnight
        return value.replace(tzinfo=self.zone)

    def _after_midnight(self, day: RawDay, value: dt.datetime) -> bool:
        """Whether a time given as a clock alone means the night after the listed day.

        pentabarf says when its day changes (``day_change``); otherwise a time before
        the day's start is the night after only where that still lies within the day.
        """
        match = _CLOCK.fullmatch(self.raw.day_change or "")
        if match:
            return value.time() < dt.time(int(match[1]) % 24, int(match[2]))
        start, end = _aware(day.start), _aware(day.end)
        if start is None or end is None:
            return False
        try:
            local_start = start.astimezone(self.zone).replace(tzinfo=None)
            local_end = end.astimezone(self.zone).replace(tzinfo=None)
        except OverflowError:
            return False
        return value < local_start and value + dt.timedelta(days=1) <= local_end

    def _duration(self, event: RawEvent) -> dt.timedelta | None:
        value = event.duration
        if value is None:
            return dt.timedelta()
        if _DURATION.fullmatch(value) is None:
            self.fail(f"the duration {value!r} is not HH:MM or HH:MM:SS", event.at("duration"))
            return None
        if len(value) > _LONGEST_TEXT:  # 4,300 digits and more cannot even be turned into a number
            self.fail(
                f"the duration {value[:20]!r}… is longer than {_LONGEST.days} days",
                event.at("duration"),
            )
            return None
        parts = [int(part) for part in value.split(":")]
        seconds = sum(
            part * unit
            for part, unit in zip(reversed(parts), _DURATION_UNITS[len(parts)], strict=True)
        )
        if seconds > _LONGEST.total_seconds():
            self.fail(
                f"the duration {value!r} is longer than {_LONGEST.days} days", event.at("duration")
            )
            return None
        return dt.timedelta(seconds=seconds)

    def _url(self, url: str | None) -> str | None:
        if not url or url.startswith("urn:"):
            return None
        try:
            return urljoin(self.raw.base_url, url) if self.raw.base_url else url
        except ValueError:  # not a URL urllib can read ('http://[x'): kept as it is
            return url

    def _links(self, event: RawEvent) -> Iterator[Link]:
        for link in event.links:
            if link.url:
                resolved = self._url(link.url) or link.url
                yield Link(url=resolved, title=link.title if link.title != resolved else None)

    def _people(self, event: RawEvent) -> Iterator[Contribution]:
        for person in event.persons:
            name = person.name or "N. N."
            guid, code, number = person.guid, person.code, person.number
            key = guid or code or (f"#{number}" if number else f"name:{name}")
            if key not in self.person_keys:
                person_id = self.person_ids.make(
                    self._uuid(guid, f"person:{code or number or name}")
                )
                self.person_keys[key] = person_id
                self.people[person_id] = Person(id=person_id, family_name=name)
            yield Contribution(person=self.person_keys[key], roles=("speaker",))


def _aware(value: str | None) -> dt.datetime | None:
    if not value or len(value) <= 10:
        return None
    try:
        stamp = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    return stamp if stamp.tzinfo is not None else None
