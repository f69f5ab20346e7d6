"""The ``frab-xml`` and ``c3voc-json`` formats: the schedules conference apps read.

``schedule.xml`` (frab, pentabarf, pretalx) and the C3VOC ``schedule.json`` v1
are what Giggity, EventFahrplan, ConfClerk and the C3VOC tools read. Both list
events one by one, each in a room of a day; both are written so that they are
valid against the official schemas (``schedule.xml.xsd`` and ``schema.json``,
with format checks).

Every event is an item of the resolved view (:func:`eventprogram.timeline`):
its times (an open end as its resolved end), kind, room, track, language and
people are the view's, never worked out here. What becomes an event: every
slot that is not the end marker and has no sessions; every session and
sub-session; a slot with sessions where it says something they do not
(:func:`_says_more`: not where an importer would make it again from them).
Events of a room come by start, in the programme's order where starts tie. A
numbered session carries its number in the title, as the calendar prints it
(``3. DIFIS-TransferLab``, ``3.1 Ressource``), so that parallel sessions keep
their order and numbers through a round trip; an event inside another written
event names that one's id in its slug (:func:`~eventprogram._ids.event_slug`).

Guids are the item's id where that is a UUID, else a UUID made from the
programme's and the item's ids (:func:`~eventprogram._ids.stable_uuid`), so
that an app recognises an event after the programme changes. Integer ids
count events in the programme's order and people in the order of
``programme.people``.

Rooms are told apart by id: two rooms of one name are written as ``Saal`` and
``Saal (2)``, as both formats name a room once per day. An item with no room,
not even an inherited one, goes into a placeholder room named after where it
would be: the venue (``Lohnhalle``) for a slot, the venue and the session's
number for a session (``Lohnhalle 3.1``), so that parallel sessions stay apart
in the apps. A placeholder's guid is
:func:`~eventprogram._ids.placeholder_room_guid` of its name: a reader tells it
from a real room (:func:`~eventprogram._ids.is_placeholder_room`).

Neither format knows a cancellation, so a cancelled item (marked ``cancelled``, or
inside a cancelled slot or session) is left out, as frab and pretalx leave a cancelled
talk out of their published schedules: the apps that compare versions of a schedule
(EventFahrplan, Giggity) then drop it or show it as cancelled themselves, and the
C3VOC tools plan no recording for it. Kept with a note in its title, it would stay in
people's favourites and alarms as a talk that takes place. The page, the Markdown and
the calendar show it as cancelled (``docs/how-to/publish-changes.md``). The integer ids
of the other events stay as they were: a cancelled item keeps its number unused.

Neither format knows roles: a person's roles other than speaker become lines of
the event's description (``Moderation: Denise Anton``). Nor do they know open
starts, open ends or unnamed groups: an item that runs from its start on has
its resolved duration, and its description starts with what iCal's does
(``Ab 19:00 Uhr, Ende offen``, ``In drei Gruppen``). Output is the same for
the same programme and options: no clock, no package version.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterator
from typing import Any, Final

import attrs

from .. import _i18n
from .._assemble import PARALLEL_KIND
from .._i18n import Language
from .._ids import (
    GENERATOR,
    canonical_uuid,
    event_slug,
    placeholder_room_guid,
    slugify,
    stable_uuid,
)
from .._json_text import indented
from .._model import KINDS, Programme, Room
from .._text import clean
from .._timeline import Appearance, Item, collector_paused, timeline
from .._urls import safe_url, web_address
from . import Format, RenderOptions

__all__ = ["JSON_FORMAT", "XML_FORMAT", "render_json", "render_xml"]

JSON_SCHEMA_URL: Final = "https://c3voc.de/schedule/schema.json"
TIMESLOT_DURATION: Final = "00:05"
_ACRONYM_LENGTH: Final = 4
_LONGEST_XML_DURATION: Final = "99:59"

_JSON_ZONE: Final = re.compile(r"^([A-Z][a-z]+/[A-Z][a-z]+)|UTC$")
"""``time_zone_name`` as ``schema.json`` allows it (searched, not matched, as JSON Schema does)."""


# -- what both formats say ------------------------------------------------------


@attrs.frozen
class _Person:
    id: int
    guid: str
    name: str


@attrs.frozen
class _Link:
    url: str
    title: str | None


@attrs.frozen(kw_only=True)
class _Event:
    """One event of the output, with every value both formats need."""

    id: int
    guid: str
    start: dt.datetime
    """Aware, in the programme's zone."""
    end: dt.datetime
    """Aware, in the programme's zone; the start where the item ends before it starts."""
    elapsed: dt.timedelta
    """The real time from start to end (instants), right across a change of the clocks."""
    room: str
    title: str
    subtitle: str | None
    type: str
    is_break: bool
    track: str | None
    language: str
    url: str | None
    """An absolute http(s) URL, or ``None``."""
    links: tuple[_Link, ...]
    slug: str
    description: str | None
    persons: tuple[_Person, ...]

    @property
    def clock(self) -> str:
        """The wall-clock start, ``09:30``."""
        return self.start.strftime("%H:%M")

    @property
    def duration(self) -> str:
        """The real elapsed time, ``01:30``."""
        return _hours_minutes(self.elapsed)


@attrs.frozen
class _Room:
    name: str
    guid: str
    description: str | None = None
    capacity: int | None = None


@attrs.frozen(kw_only=True)
class _Day:
    index: int
    date: dt.date
    start: dt.datetime
    end: dt.datetime
    rooms: tuple[tuple[_Room, tuple[_Event, ...]], ...]


@attrs.frozen(kw_only=True)
class _Schedule:
    """The programme as both formats see it."""

    version: str
    title: str
    acronym: str
    start: dt.date
    end: dt.date
    time_zone_name: str
    url: str | None
    rooms: tuple[_Room, ...]
    tracks: tuple[str, ...]
    days: tuple[_Day, ...]


_RoomKey = tuple[str, str]
"""A room of the output: ``("room", id)`` for one of the programme's, ``("placeholder", name)``."""


@attrs.frozen(kw_only=True)
class _Draft:
    """An event before it is numbered: the resolved item and its room."""

    item: Item
    room: _RoomKey
    number: int
    """The event's integer id: its place in the programme's order."""
    holder: int | None
    """The integer id of the event it is nested in (its slot's or session's), if that is one."""


def _schedule(programme: Programme, language: Language) -> _Schedule:
    """Days of rooms of events, numbered; rooms by id, the venue's first, in its order."""
    drafts_by_day: list[list[_Draft]] = [[] for _ in programme.days]
    wanted: dict[_RoomKey, Room | None] = {("room", r.id): r for r in programme.venue.rooms}
    numbers: dict[str, int] = {}
    for number, item in enumerate(_events(programme), 1):
        if item.cancelled:
            continue  # left out, its number kept: the others keep theirs
        numbers[item.id] = number
        key: _RoomKey = (
            ("room", item.room.id) if item.room else ("placeholder", _where(programme, item))
        )
        wanted.setdefault(key, item.room)
        holder = numbers.get(item.parent.id) if item.parent is not None else None
        drafts_by_day[item.day].append(_Draft(item=item, room=key, number=number, holder=holder))
    rooms = _rooms(programme, wanted)
    rank = {key: position for position, key in enumerate(rooms)}
    people = _People(programme)
    acronym = _acronym(programme.id)
    days = []
    for index, (day, drafts) in enumerate(zip(programme.days, drafts_by_day, strict=True), 1):
        by_room: dict[_RoomKey, list[_Event]] = {}
        # A stable sort: events of a room that start together keep the programme's order.
        for draft in sorted(drafts, key=lambda d: (rank[d.room], d.item.start_utc)):
            room = rooms[draft.room]
            event = _event(programme, draft, room, acronym, people, language)
            by_room.setdefault(draft.room, []).append(event)
        events = [event for room_events in by_room.values() for event in room_events]
        if events:
            start = min((e.start for e in events), key=lambda t: t.astimezone(dt.UTC))
            end = max((e.end for e in events), key=lambda t: t.astimezone(dt.UTC))
        else:
            midnight = dt.datetime.combine(day.date, dt.time())
            start = programme.localize(midnight)
            end = programme.localize(midnight + dt.timedelta(days=1))
        days.append(
            _Day(
                index=index,
                date=day.date,
                start=start,
                end=end,
                rooms=tuple((rooms[key], tuple(listed)) for key, listed in by_room.items()),
            )
        )
    tracks = {
        event.track for day in days for _, events in day.rooms for event in events if event.track
    }
    dates = [day.date for day in programme.days]
    return _Schedule(
        version=_version(programme),
        title=programme.title,
        acronym=acronym,
        start=min(dates),
        end=max(dates),
        time_zone_name=_zone_name(programme.timezone),
        url=web_address(programme.url),
        rooms=tuple(rooms.values()),
        tracks=tuple(sorted(tracks)),
        days=tuple(days),
    )


def _events(programme: Programme) -> Iterator[Item]:
    """The items that become events, in the programme's order: each slot, then its sessions.

    A slot that holds sessions is an event of its own, around them, only where
    it says something they do not (:func:`_says_more`); otherwise a reader makes
    it again from them, as it makes the slots of a pretalx schedule. Cancelled
    items come too, for their numbers; :func:`_schedule` leaves them out.
    """
    for slot in timeline(programme).slots():
        if slot.is_marker:
            continue
        if not slot.children or _says_more(programme, slot):
            yield slot
        for session in slot.children:
            yield from session.walk()


_PARALLEL: Final = next(kind for kind in KINDS if kind.id == PARALLEL_KIND)


def _says_more(programme: Programme, slot: Item) -> bool:
    """Whether a slot with sessions says something its sessions do not, so is an event too.

    It does unless it is what a reader makes of events that overlap: of the
    built-in kind ``parallel``, titled as that kind in the programme's language,
    with no people, subtitle, description, page, links or room of its own, and
    spanning exactly its sessions, each of which starts before those before it
    end (a chain of overlaps, as importers group them).
    """
    source = slot.source
    return bool(
        source.kind != PARALLEL_KIND
        or slot.title != _PARALLEL.label(programme.language)
        or source.people
        or source.subtitle
        or source.description
        or source.url
        or source.links
        or source.room
        or not _chained(slot)
    )


def _chained(slot: Item) -> bool:
    """Whether the slot's sessions overlap one after another and span exactly the slot.

    As importers group them: by start (then end), each one starts before the
    latest end of those before it, so a zero-length session at the start, or
    sessions that only touch, are no chain.
    """
    spans = sorted((child.start_utc, child.end_utc) for child in slot.children)
    if not spans or spans[0][0] != slot.start_utc:
        return False
    reach = spans[0][1]
    for start, end in spans[1:]:
        if start >= reach:
            return False
        reach = max(reach, end)
    return reach == slot.end_utc


def _where(programme: Programme, item: Item) -> str:
    """The name of the placeholder room of an item that has no room, not even its parent's.

    ``Lohnhalle`` (the venue) for a slot, ``Lohnhalle 3.1`` for sub-session 1 of
    session 3 (an unnumbered session counts by its position): parallel sessions
    stay apart, as the apps show one column per room.
    """
    numbers = []
    above: Item | None = item
    while above is not None and not above.is_slot:
        numbers.append(str(above.number if above.number is not None else above.position))
        above = above.parent
    venue = programme.venue.name
    return f"{venue} {'.'.join(reversed(numbers))}" if numbers else venue


def _rooms(programme: Programme, wanted: dict[_RoomKey, Room | None]) -> dict[_RoomKey, _Room]:
    """The rooms as written, in *wanted*'s order, each under a name no other one has.

    Both formats name a room once per day (schedule.json by the keys of an
    object), so two rooms of one name would be one room: the second becomes
    ``Saal (2)``. The programme's rooms choose first, in order; placeholders
    make way for them. A name that some room has is never given to another.
    """
    # Without blanks around it: readers strip them from an event's <room>, which must name
    # the day's <room> (a made-up room after a venue called "Halle " would become real).
    names = {
        key: (room.name if room is not None else key[1]).strip() or "—"
        for key, room in wanted.items()
    }
    asked = set(names.values())
    taken: set[str] = set()
    written: dict[_RoomKey, _Room] = {}
    for key in sorted(wanted, key=lambda k: wanted[k] is None):  # stable: real rooms first
        name = names[key]
        if name in taken:
            name = next(
                candidate
                for number in itertools.count(2)
                if (candidate := f"{names[key]} ({number})") not in taken and candidate not in asked
            )
        taken.add(name)
        room = wanted[key]
        if room is None:
            written[key] = _Room(name=name, guid=placeholder_room_guid(name))
        else:
            guid = _guid(programme, room.id, f"room:{room.id}")
            written[key] = _Room(
                name=name, guid=guid, description=room.description, capacity=room.capacity
            )
    return {key: written[key] for key in wanted}


def _event(  # noqa: PLR0913, PLR0917 -- the context an event needs
    programme: Programme,
    draft: _Draft,
    room: _Room,
    acronym: str,
    people: _People,
    language: Language,
) -> _Event:
    item, number = draft.item, draft.number
    source = item.source
    start = item.start.replace(tzinfo=programme.zone)  # the wall clock, its fold kept
    elapsed = item.duration
    end = item.end.replace(tzinfo=programme.zone)
    if elapsed <= dt.timedelta():  # a programme that failed validation
        end, elapsed = start, dt.timedelta()
    return _Event(
        id=number,
        guid=_guid(programme, item.id, item.id),
        start=start,
        end=end,
        elapsed=elapsed,
        room=room.name,
        title=item.numbered_title,
        subtitle=source.subtitle,
        type=item.kind.label(language),
        is_break=item.is_break,
        track=item.track,
        language=item.language,
        url=web_address(source.url),
        # Only what the URL policy accepts (http, https, mailto): a link to anything else
        # would be followed by the apps that read these files.
        links=tuple(
            _Link(url=url, title=link.title) for link in source.links if (url := safe_url(link.url))
        ),
        slug=event_slug(acronym, number, item.title, holder=draft.holder),
        description=_description(item, language),
        persons=tuple(people.get(appearance) for appearance in item.people),
    )


class _People:
    """Numbers people 1…n in the order of ``programme.people``; unknown ids after them."""

    def __init__(self, programme: Programme) -> None:
        self._programme = programme
        self._numbers = {person.id: n for n, person in enumerate(programme.people, 1)}
        self._written: dict[str, _Person] = {}

    def get(self, appearance: Appearance) -> _Person:
        """The person as written: made once per person, however many events they are in."""
        id_ = appearance.contribution.person
        person = self._written.get(id_)
        if person is None:
            number = self._numbers.setdefault(id_, len(self._numbers) + 1)
            guid = _guid(self._programme, id_, f"person:{id_}")
            person = _Person(id=number, guid=guid, name=appearance.name)
            self._written[id_] = person
        return person


def _guid(programme: Programme, id: str, name: str) -> str:  # noqa: A002 -- the domain's word
    """*id* itself where it is a UUID, else one made from the programme's id and *name*."""
    if canonical_uuid(id) == id.lower():
        return id
    return str(stable_uuid(programme.id, name))


def _description(item: Item, language: Language) -> str | None:
    """Notes, the description, then a line per role group where anyone is more than a speaker.

    The notes say what start and duration cannot (as in iCal): ``Ab 19:00 Uhr, Ende offen``
    for an item that runs from its start on, ``In drei Gruppen`` for unnamed groups.
    """
    description = item.source.description
    notes = [_i18n.time_note(item, language)]
    if item.groups is not None:
        notes.append(_i18n.groups_line(item.groups, language))
    notes.extend(_i18n.access_notes(item, language))
    parts = ["\n".join(note for note in notes if note)]
    if description:
        parts.append(description)
    if any(set(appearance.role_ids) - _i18n.UNLABELLED_ROLES for appearance in item.people):
        lines = []
        for group in _i18n.role_groups(item.people, language):
            label = group.label or _i18n.join(
                [role.label(language) for role in group.roles], language
            )
            lines.append(f"{label}: {'; '.join(a.name for a in group.appearances)}")
        parts.append("\n".join(lines))
    return "\n\n".join(part for part in parts if part) or None


def _acronym(programme_id: str) -> str:
    """The programme's id as both schemas' acronym patterns allow: ``nrw_sozialplanung_2025``."""
    return slugify(programme_id).replace("-", "_").ljust(_ACRONYM_LENGTH, "_")


def _version(programme: Programme) -> str:
    if programme.version:
        return programme.version
    if programme.revision is not None:
        return programme.revision.isoformat()
    return "1.0"


def _zone_name(zone: str) -> str:
    """The canonical IANA name: ``America/New_York`` for the legacy ``US/Eastern``."""
    from babel.core import get_global  # noqa: PLC0415 -- Babel is slow to import

    return str(get_global("zone_aliases").get(zone, zone))


def _hours_minutes(span: dt.timedelta) -> str:
    minutes = int(span.total_seconds()) // 60
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


# -- schedule.xml -----------------------------------------------------------------


def render_xml(programme: Programme, options: RenderOptions) -> bytes:
    """Write *programme* as a frab ``schedule.xml``; the same input gives the same bytes."""
    with collector_paused():  # an object for every event, all kept until the end
        return _schedule_xml(_schedule(programme, _i18n.language_of(programme, options.language)))


def _schedule_xml(schedule: _Schedule) -> bytes:
    """The text of schedule.xml, UTF-8 encoded."""
    lines = [
        "<schedule>",
        _leaf(1, "generator", name=GENERATOR),
        _leaf(1, "version", schedule.version),
    ]
    lines.append("  <conference>")
    lines.append(_leaf(2, "title", schedule.title))
    lines.append(_leaf(2, "acronym", schedule.acronym))
    lines.append(_leaf(2, "start", schedule.start.isoformat()))
    lines.append(_leaf(2, "end", schedule.end.isoformat()))
    lines.append(_leaf(2, "days", str(len(schedule.days))))
    lines.append(_leaf(2, "timeslot_duration", TIMESLOT_DURATION))
    if schedule.url:
        lines.append(_leaf(2, "base_url", schedule.url))
        lines.append(_leaf(2, "url", schedule.url))
    lines.append(_leaf(2, "time_zone_name", schedule.time_zone_name))
    lines.extend(_leaf(2, "track", name=track) for track in schedule.tracks)
    lines.append("  </conference>")
    for day in schedule.days:
        day_attributes = {
            "index": str(day.index),
            "date": day.date.isoformat(),
            "start": day.start.isoformat(),
            "end": day.end.isoformat(),
        }
        if not day.rooms:
            lines.append(_leaf(1, "day", **day_attributes))
            continue
        lines.append(f"  <day{_attributes(day_attributes)}>")
        for room, events in day.rooms:
            lines.append(f"    <room{_attributes({'name': room.name, 'guid': room.guid})}>")
            for event in events:
                _xml_event(lines, event)
            lines.append("    </room>")
        lines.append("  </day>")
    lines.append("</schedule>")
    lines.append("")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + "\n".join(lines)).encode()


def _xml_event(lines: list[str], event: _Event) -> None:
    """Append the lines of one ``<event>`` of a room (level 3)."""
    lines.append(f"      <event{_attributes({'guid': event.guid, 'id': str(event.id)})}>")
    lines.append(_leaf(4, "date", event.start.isoformat()))
    lines.append(_leaf(4, "start", event.clock))
    # The XSD allows two digits of hours: an event of 100 hours or more (a camp's villages,
    # open all week) is written as 99:59; JSON has its exact ``end``.
    duration = event.duration
    hours = duration.partition(":")[0]
    lines.append(_leaf(4, "duration", duration if len(hours) <= 2 else _LONGEST_XML_DURATION))
    lines.append(_leaf(4, "room", event.room))
    lines.append(_leaf(4, "slug", event.slug))
    if event.url:
        lines.append(_leaf(4, "url", event.url))
    lines.append("        <recording>")
    lines.append("          <license />")
    lines.append(_leaf(5, "optout", "true" if event.is_break else "false"))
    lines.append("        </recording>")
    lines.append(_leaf(4, "title", event.title))
    lines.append(_leaf(4, "subtitle", event.subtitle or ""))
    lines.append(_leaf(4, "track", event.track or ""))
    lines.append(_leaf(4, "type", event.type))
    lines.append(_leaf(4, "language", event.language))
    lines.append("        <abstract />")
    lines.append(_leaf(4, "description", event.description or ""))
    if event.persons:
        lines.append("        <persons>")
        lines.extend(
            _leaf(5, "person", person.name, id=str(person.id), guid=person.guid)
            for person in event.persons
        )
        lines.append("        </persons>")
    else:
        lines.append("        <persons />")
    if event.links:
        lines.append("        <links>")
        lines.extend(
            _leaf(5, "link", link.title or link.url, href=link.url) for link in event.links
        )
        lines.append("        </links>")
    else:
        lines.append("        <links />")
    lines.append("      </event>")


def _leaf(level: int, tag: str, text: str | None = None, **attributes: str) -> str:
    """One element without children on a line of its own, indented by two blanks per *level*.

    Written as ElementTree writes it after ``indent(space="  ")``: ``<tag />`` where
    it has no text. Text and attribute values lose their control characters
    (``_text``) and are escaped here and in :func:`_attributes`: the XML writer's one
    escaping point. What is left XML 1.0 can hold.
    """
    head = f"{'  ' * level}<{tag}{_attributes(attributes) if attributes else ''}"
    if text is not None and (text := clean(text)):
        return f"{head}>{_escape_text(text)}</{tag}>"
    return f"{head} />"


def _attributes(attributes: dict[str, str]) -> str:
    """`` name="value"`` for each attribute in order, cleaned and escaped as ElementTree does."""
    return "".join(
        f' {name}="{_escape_attribute(clean(value))}"' for name, value in attributes.items()
    )


def _escape_text(text: str) -> str:
    """Character data as ElementTree escapes it: ``&``, ``<`` and ``>``."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


def _escape_attribute(text: str) -> str:
    """An attribute value as ElementTree escapes it: also quotes, CR, LF and TAB."""
    text = _escape_text(text)
    if '"' in text:
        text = text.replace('"', "&quot;")
    if "\r" in text:
        text = text.replace("\r", "&#13;")
    if "\n" in text:
        text = text.replace("\n", "&#10;")
    if "\t" in text:
        text = text.replace("\t", "&#09;")
    return text


# -- schedule.json ----------------------------------------------------------------


def render_json(programme: Programme, options: RenderOptions) -> str:
    """Write *programme* as a C3VOC ``schedule.json``; the same input gives the same text."""
    with collector_paused():  # an object and a dict for every event, all kept until the end
        return _schedule_json(_schedule(programme, _i18n.language_of(programme, options.language)))


def _schedule_json(schedule: _Schedule) -> str:
    """The text of schedule.json."""
    conference: dict[str, Any] = {
        "acronym": schedule.acronym,
        "title": schedule.title,
        "start": schedule.start.isoformat(),
        "end": schedule.end.isoformat(),
        "daysCount": len(schedule.days),
        "timeslot_duration": TIMESLOT_DURATION,
    }
    # The schema's pattern leaves out zones such as Etc/GMT+1; the key is optional.
    if _JSON_ZONE.search(schedule.time_zone_name):
        conference["time_zone_name"] = schedule.time_zone_name
    if schedule.url:
        conference["url"] = schedule.url
    conference["tracks"] = [{"name": track} for track in schedule.tracks]
    conference["rooms"] = [_json_room(room) for room in schedule.rooms]
    conference["days"] = [
        {
            "index": day.index,
            "date": day.date.isoformat(),
            "day_start": day.start.isoformat(),
            "day_end": day.end.isoformat(),
            "rooms": {room.name: [_json_event(e) for e in events] for room, events in day.rooms},
        }
        for day in schedule.days
    ]
    body: dict[str, Any] = {"version": schedule.version}
    if schedule.url:
        body["base_url"] = schedule.url
    body["conference"] = conference
    # "schedule" right after "$schema", as frab writes it: readers that sniff the start find it.
    document = {"$schema": JSON_SCHEMA_URL, "schedule": body, "generator": {"name": GENERATOR}}
    # Every string cleaned (keys too): the JSON writer's one escaping point.
    return indented(document, cleaned=True, end="\n")


def _json_room(room: _Room) -> dict[str, Any]:
    data: dict[str, Any] = {"name": room.name, "guid": room.guid}
    if room.description is not None:
        data["description"] = room.description
    if room.capacity is not None:
        data["capacity"] = room.capacity
    return data


def _json_event(event: _Event) -> dict[str, Any]:
    return {
        "guid": event.guid,
        "id": event.id,
        "date": event.start.isoformat(),
        "start": event.clock,
        "end": event.end.isoformat(),
        "duration": event.duration,
        "room": event.room,
        "slug": event.slug,
        # Required, and a URI: an event without a page of its own names itself.
        "url": event.url or f"urn:uuid:{event.guid}",
        "title": event.title,
        "subtitle": event.subtitle,
        "track": event.track,
        "type": event.type,
        "language": event.language,
        "abstract": None,
        "description": event.description,
        "do_not_record": event.is_break,
        # Only "name": with "public_name" too a person would match both of the schema's
        # person shapes, and its oneOf fails.
        "persons": [
            {"id": person.id, "guid": person.guid, "name": person.name} for person in event.persons
        ],
        # Every link is a URI (schema.json's format "uri"): the URL policy wrote it so.
        "links": [
            {"url": link.url, "title": link.title} if link.title else {"url": link.url}
            for link in event.links
        ],
    }


XML_FORMAT = Format(
    name="frab-xml",
    suffix=".schedule.xml",
    media_type="application/vnd.c3voc.schedule+xml",
    render=render_xml,
    description="frab schedule.xml: for conference apps (Giggity, EventFahrplan) and pretalx",
)

JSON_FORMAT = Format(
    name="c3voc-json",
    suffix=".schedule.json",
    media_type="application/json",
    render=render_json,
    description="C3VOC schedule.json v1: the JSON twin of schedule.xml, for conference apps",
)
