"""The ``ical`` format: an iCalendar (RFC 5545) feed that calendars subscribe to.

One VEVENT per slot (breaks included, the end marker not), one per parallel
session and one per sub-session, each sub-session ``RELATED-TO`` its parent.
Times are local with ``TZID`` and a VTIMEZONE for the programme's zone. UIDs
come from ids alone, so a calendar recognises an event after any other change;
DTSTAMP and SEQUENCE come from the programme's revision, so the same programme
gives the same bytes. Where the changes since the previous release are known
(``RenderOptions.changes``, and ``history`` for the releases before), each
event's SEQUENCE is that of the release at which it last changed
(:func:`sequences`), and a cancelled item, marked ``cancelled`` or deleted since,
stays in the file with ``STATUS:CANCELLED`` ("Abgesagt: " before its summary,
``TRANSP:TRANSPARENT``), at its old time.

What conference tools add to a slot or session goes where calendars look for
it: its own ``http``/``https`` page is the ``URL`` (else the programme's page
with the item's anchor), its track a second ``CATEGORIES`` value after the kind
(a session's own kind where it has one), its language the ``LANGUAGE`` of the
``SUMMARY``, and its links ``title: url`` lines at the end of the ``DESCRIPTION``.
An item that runs from its start on (an open start, an open end) gets its resolved
end, the next slot's start or :data:`~eventprogram.OPEN_END` after its start, and a
first line of the description that says so: ``Ab 19:00 Uhr, Ende offen``; unnamed
groups are counted there too (``In drei Gruppen``).
The description mixes the item's text with labels in the output language, so it
carries no ``LANGUAGE``.
"""

from __future__ import annotations

import datetime as dt
import functools
import zoneinfo
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Final

import attrs

from .. import _i18n
from .._changes import Changes
from .._i18n import Language
from .._ids import stable_uuid
from .._marked import Marked
from .._model import Kind, Programme, Session, Slot
from .._text import clean
from .._timeline import Item, timeline
from .._urls import web_address
from . import Format, RenderOptions

if TYPE_CHECKING:
    import icalendar

PRODID: Final = "-//eventprogram//eventprogram//EN"


@attrs.frozen
class _Event:
    """One VEVENT to be: a slot or a session with resolved times and its parent's id."""

    id: str
    summary: str
    start: dt.datetime
    end: dt.datetime | None
    kind: Kind
    room: str | None
    """The room's name."""
    description: str
    parent: str | None
    url: str | None = None
    """The item's own page, where it is an ``http`` or ``https`` URL."""
    track: str | None = None
    language: str | None = None
    cancelled: bool = False
    """Called off: marked ``cancelled``, or deleted since the previous release."""
    only: str | None = None
    """The id of a slot's only session, which this event stands for too."""


def render(programme: Programme, options: RenderOptions) -> bytes:
    """Write *programme* as one iCalendar file with every slot and session."""
    writer = _Writer(programme, options)
    return writer.calendar([writer.vevent(event) for event in _events(programme, options)])


def split(programme: Programme, options: RenderOptions) -> Mapping[str, bytes]:
    """Write one iCalendar file per slot and session, by id: for "add to calendar" links."""
    writer = _Writer(programme, options)
    return {
        event.id: writer.calendar([writer.vevent(event)]) for event in _events(programme, options)
    }


def _stamp(programme: Programme, options: RenderOptions) -> dt.datetime:
    """When the feed was made: the given time, else the revision, else the programme's start."""
    moment = options.generated_at or programme.revision
    if moment is None:
        start = programme.start
        moment = programme.localize(start) if start else dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC)


def _sequence(programme: Programme) -> int:
    """A number that grows with every revision: minutes since 1970 (fits 32 bits until 6053)."""
    return _minutes(programme.revision)


def _minutes(revision: dt.datetime | None) -> int:
    """Minutes since 1970 of *revision*; 0 for none."""
    return 0 if revision is None else int(revision.timestamp() // 60)


def sequences(history: Sequence[Changes]) -> Callable[[str], int]:
    """Each item's SEQUENCE, by id, across a chain of releases: where it last changed.

    *history* holds the changes between consecutive releases, oldest first, the last
    one ending at the programme being written (``RenderOptions.changes``). An item's
    SEQUENCE is the minutes since 1970 of the revision at which it last changed
    (added, changed, moved, cancelled); an item that did not change in the chain keeps
    the number of its first release, :func:`_sequence` of it. Where two releases fall in
    the same minute, a change still raises the number by one.

    So a subscriber who saw any release of the chain finds every item that changed
    since with a greater SEQUENCE, and every other item with the same one
    (docs/how-to/publish-changes.md).
    """
    if not history:
        msg = "sequences() needs the changes of at least one release"
        raise ValueError(msg)
    base = _minutes(history[0].old_revision)
    found: dict[str, int] = {}
    for changes in history:
        now = _minutes(changes.new_revision)
        for change in changes:
            found[change.id] = max(now, found.get(change.id, base) + 1)
    return lambda id_: found.get(id_, base)


_END: Final = b"END:VCALENDAR\r\n"


class _Writer:
    """Writes the calendars of one programme: icalendar's bytes, without icalendar per event.

    icalendar builds an object per property and parameter and folds lines one
    character at a time; for 10,000 events that took seconds. The calendar's own
    properties and its VTIMEZONE still come from icalendar, once per programme; each
    VEVENT is written here as icalendar writes it (:func:`_text`, :func:`_fold`, the
    properties in its order), with the parameters and date-time forms asked of
    icalendar once per zone and language. The tests hold it to icalendar's output.
    """

    def __init__(self, programme: Programme, options: RenderOptions) -> None:
        self.programme = programme
        self.language = _i18n.language_of(programme, options.language)
        self.venue = _i18n.venue_line(programme.venue)
        zone = _zone_form(programme.timezone)
        self.time_parameters, self.utc, self.tzid = zone
        self.stamp = _icalendar_line("dtstamp", _stamp(programme, options))
        self.sequence = _icalendar_line("sequence", _sequence(programme))
        changes = options.changes
        self.sequences = sequences((*options.history, changes)) if changes is not None else None
        page = web_address(programme.page_url)  # the event's anchor on the published page
        self.page = page.split("#", 1)[0] if page is not None else None
        self.heads: dict[str | None, bytes] = {}
        self.uids: dict[str, str] = {}

    def calendar(self, vevents: list[bytes]) -> bytes:
        """The calendar around *vevents*, with the VTIMEZONE their times need."""
        # Every event has a DTSTART; only UTC has no TZID (and needs no VTIMEZONE).
        tzid = self.tzid if vevents else None
        head = self.heads.get(tzid)
        if head is None:
            head = self.heads[tzid] = _head(self.programme, tzid)
        return b"".join((head, *vevents, _END))

    def vevent(self, event: _Event) -> bytes:
        """One VEVENT as icalendar writes it: its properties in icalendar's order, folded."""
        summary = _text(event.summary)
        if event.language:
            summary = f"SUMMARY{_parameters('LANGUAGE', event.language)}:{summary}"
        else:
            summary = f"SUMMARY:{summary}"
        lines = [
            "BEGIN:VEVENT",
            summary,
            f"DTSTART{self.time_parameters}:{self._time(event.start)}",
        ]
        if event.end is not None:
            lines.append(f"DTEND{self.time_parameters}:{self._time(event.end)}")
        lines.append(self.stamp)
        lines.append(f"UID:{self._uid(event.id)}")
        if self.sequences is None:
            lines.append(self.sequence)
        else:
            sequence = self.sequences(event.id)
            if event.only is not None:
                sequence = max(sequence, self.sequences(event.only))
            lines.append(f"SEQUENCE:{sequence}")
        categories = [event.kind.label(self.language)]
        if event.track and event.track not in categories:
            categories.append(event.track)
        lines.append(f"CATEGORIES:{','.join(_text(category) for category in categories)}")
        if event.description:
            lines.append(f"DESCRIPTION:{_text(event.description)}")
        room = event.room
        lines.append(f"LOCATION:{_text(f'{room}, {self.venue}' if room else self.venue)}")
        if event.parent is not None:
            lines.append(f"RELATED-TO:{self._uid(event.parent)}")
        lines.append("STATUS:CANCELLED" if event.cancelled else "STATUS:CONFIRMED")
        transparent = event.kind.is_break or event.cancelled  # a cancelled event blocks no time
        lines.append(f"TRANSP:{'TRANSPARENT' if transparent else 'OPAQUE'}")
        if event.url:
            lines.append(f"URL:{_uri(event.url)}")
        elif self.page is not None:
            lines.append(f"URL:{_uri(f'{self.page}#{event.id}')}")
        lines.append("END:VEVENT")
        return b"".join([_fold(line) + b"\r\n" for line in lines])

    def _uid(self, id_: str) -> str:
        """The UID of the item *id_*; a parent's is asked for by each of its sessions."""
        uid = self.uids.get(id_)
        if uid is None:
            uid = self.uids[id_] = str(stable_uuid(self.programme.id, id_))
        return uid

    def _time(self, moment: dt.datetime) -> str:
        """A wall-clock time as icalendar writes it in the programme's zone (``Z`` for UTC)."""
        text = (
            f"{moment.year:04}{moment.month:02}{moment.day:02}"
            f"T{moment.hour:02}{moment.minute:02}{moment.second:02}"
        )
        return f"{text}Z" if self.utc else text


def _head(programme: Programme, tzid: str | None) -> bytes:
    """The calendar's properties and, for *tzid*, its VTIMEZONE: icalendar's bytes, unclosed."""
    import icalendar  # noqa: PLC0415 -- heavy; only when a calendar is written

    calendar = icalendar.Calendar()
    _add(calendar, "prodid", PRODID)
    _add(calendar, "version", "2.0")
    _add(calendar, "calscale", "GREGORIAN")
    _add(calendar, "method", "PUBLISH")
    # NAME and X-WR-CALNAME are one line; a title from elsewhere may hold line breaks.
    _add(calendar, "name", " ".join(programme.title.split()))
    _add(calendar, "x-wr-calname", " ".join(programme.title.split()))
    _add(calendar, "x-wr-timezone", programme.timezone)
    if programme.subtitle:
        _add(calendar, "description", programme.subtitle)
    if tzid is not None:
        dates = [day.date for day in programme.days]
        first, last = min(dates) - dt.timedelta(days=1), max(dates) + dt.timedelta(days=2)
        # What calendar.add_missing_timezones does, with each VTIMEZONE made once.
        if (timezone := _timezone(tzid, first, last)) is not None:
            calendar.add_component(timezone)
    written = bytes(calendar.to_ical())
    if not written.endswith(_END):  # pragma: no cover -- icalendar always closes it so
        msg = "icalendar wrote a calendar that does not end with END:VCALENDAR"
        raise AssertionError(msg)
    return written.removesuffix(_END)


@functools.lru_cache(maxsize=8)
def _timezone(tzid: str, first: dt.date, last: dt.date) -> icalendar.Timezone | None:
    """The VTIMEZONE of *tzid* from *first* to *last*, computed once per zone and date range.

    icalendar searches the zone's offsets anew for every calendar, and in a zone
    without clock changes that search runs on to the year 9999 (about 65 ms);
    "add to calendar" files need it once per slot and session. Never changed once
    made: calendars only write it.
    """
    import icalendar  # noqa: PLC0415 -- heavy; only when a calendar is written

    try:
        return icalendar.Timezone.from_tzid(tzid, first_date=first, last_date=last)
    except ValueError:  # a zone icalendar doesn't know: left out, as add_missing_timezones does
        return None


def _add(
    component: icalendar.Component,
    name: str,
    value: object,
    parameters: dict[str, str] | None = None,
) -> None:
    """Add a property with icalendar; text loses its control characters, as in :func:`_text`."""
    if isinstance(value, str):
        value = clean(value)
    component.add(name, value, parameters=parameters or {})


def _icalendar_line(name: str, value: object) -> str:
    """The content line icalendar writes for one property, unfolded: for what every event shares."""
    import icalendar  # noqa: PLC0415 -- heavy; only when a calendar is written

    component = icalendar.Event()
    _add(component, name, value)
    _begin, line, *_ = component.content_lines()
    return str(line)


@functools.lru_cache(maxsize=8)
def _zone_form(timezone: str) -> tuple[str, bool, str | None]:
    """How icalendar writes a time of the zone *timezone*: its parameters, UTC or not, TZID.

    icalendar names a zone by the zone alone (``TZID=Europe/Berlin``), the same for
    every time in it, and writes UTC with ``Z`` and no TZID; asked once per zone.
    """
    from icalendar.prop import vDatetime  # noqa: PLC0415 -- heavy; only when a calendar is written

    sample = vDatetime(dt.datetime(2000, 1, 1, tzinfo=zoneinfo.ZoneInfo(timezone)))
    parameters = bytes(sample.params.to_ical()).decode()
    tzid = sample.params.get("TZID")
    return (f";{parameters}" if parameters else "", sample.is_utc(), tzid)


@functools.lru_cache(maxsize=64)
def _parameters(name: str, value: str) -> str:
    """``;LANGUAGE=de``: one parameter as icalendar writes it (quoted where it must be)."""
    import icalendar  # noqa: PLC0415 -- heavy; only when a calendar is written

    return f";{bytes(icalendar.Parameters({name: value}).to_ical()).decode()}"


def _text(value: str) -> str:
    r"""A TEXT value as icalendar writes it: control characters gone (``_text``), then escaped.

    The order of the replacements is icalendar's: ``\N`` first stands for a line break.
    """
    return (
        clean(value)
        .replace("\\N", "\n")
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def _uri(value: str) -> str:
    """A URI value: written as it is; one with a line break is refused, as icalendar does."""
    value = clean(value)
    if "\r" in value or "\n" in value:
        msg = f"A URI value may not contain CR or LF characters: {value!r}"
        raise ValueError(msg)
    return value


_FOLD_AT: Final = 74
"""The most octets of a line before a fold, as icalendar folds (RFC 5545 allows 75)."""


def _fold(line: str) -> bytes:
    r"""*line* in UTF-8, folded as icalendar folds it, but a slice at a time.

    Each piece holds as many whole characters as fit in 74 octets; a piece never
    ends with a backslash or ``^``, which goes on to the next (icalendar keeps an
    escape such as ``\,`` on one line). Continuations start with a space.
    """
    data = line.encode()
    size = len(data)
    if size <= _FOLD_AT:
        return data
    pieces = []
    start = 0
    while size - start > _FOLD_AT:
        end = start + _FOLD_AT
        while data[end] & 0xC0 == 0x80:  # inside a character: fold before it
            end -= 1
        if data[end - 1] in b"\\^":
            end -= 1
        pieces.append(data[start:end])
        start = end
    pieces.append(data[start:])
    return b"\r\n ".join(pieces)


def _people(item: Item, language: Language) -> list[str]:
    lines = []
    for group in _i18n.role_groups(item.people, language):
        names = "; ".join(_i18n.person_line(appearance) for appearance in group.appearances)
        lines.append(f"{group.label}: {names}" if group.label else names)
    return lines


def _links(item: Slot | Session, language: Language) -> list[str]:
    """``Folien: https://…`` per link, the URL alone where it has no title.

    The item's own page is its ``URL``; only one that cannot be (not ``http`` or
    ``https``) is shown here, as ``Details: …``, so nothing of it is lost.
    """
    lines = []
    if item.url and web_address(item.url) is None:
        lines.append(f"{_i18n.word('details', language)}: {item.url}")
    lines.extend(f"{link.title}: {link.url}" if link.title else link.url for link in item.links)
    return lines


def _description(
    programme: Programme, item: Item, language: Language, *, noted: bool = False
) -> str:
    """Notes, subtitle, description, people with role, function and organisation, links, sessions.

    The notes say what DTSTART and DTEND cannot: that the item runs from its start on
    (``Ab 19:00 Uhr, Ende offen``: the DTEND of an open end is nominal), and into how
    many unnamed groups it splits (``In drei Gruppen``). *noted*: the event's time note
    is written already (a slot's only session, told in the slot's event).
    """
    source = item.source
    notes = [] if noted else [_i18n.time_note(item, language)]
    if item.groups is not None:
        notes.append(_i18n.groups_line(item.groups, language))
    notes.extend(_i18n.access_notes(item, language, inherited=not noted))
    parts = ["\n".join(note for note in notes if note)]
    parts.extend(p for p in (source.subtitle, source.description) if p)
    if people := _people(item, language):
        parts.append("\n".join(people))
    if links := _links(source, language):
        parts.append("\n".join(links))
    children = item.children
    if item.is_slot and len(children) == 1:
        # A slot with one session is one event: the session's text belongs to it.
        parts.append(_description(programme, children[0], language, noted=True))
    elif children:
        parts.append("\n".join(child.numbered_title for child in children))
    return "\n\n".join(p for p in parts if p)


def _events(programme: Programme, options: RenderOptions) -> Iterator[_Event]:
    """One event per slot but the end marker, per parallel session and per sub-session.

    A slot's only session is no event of its own: the slot's event stands for it,
    and the session's sub-sessions are related to the slot.
    """
    language = _i18n.language_of(programme, options.language)
    evented: dict[int, Item] = {}
    marked = Marked.of(timeline(programme), options.changes)
    for item in marked.walk_all():  # deleted slots of a deleted day too: calendars drop them
        if item.is_marker:
            continue
        nearest = marked.parent(item)
        while nearest is not None and id(nearest) not in evented:
            nearest = marked.parent(nearest)
        if item.depth == 1 and not item.parallel:
            continue  # a slot's only session: its slot's event says it
        evented[id(item)] = item
        only = item.children[0] if item.is_slot and len(item.children) == 1 else None
        url = web_address(item.source.url)
        if url is None and only is not None:
            url = web_address(only.source.url)
        own_language = item.source.language is not None
        cancelled = marked.cancelled(item) or (only is not None and marked.cancelled(only))
        summary = item.numbered_title
        if cancelled:  # for calendars that show the event in spite of its STATUS
            summary = f"{_i18n.word('status_cancelled', language).capitalize()}: {summary}"
        yield _Event(
            id=item.id,
            summary=summary,
            start=item.start,
            end=item.end if item.end_utc > item.start_utc else None,
            kind=item.kind,
            room=item.room.name if item.room is not None else None,
            description=_description(programme, item, language),
            parent=nearest.id if nearest is not None else None,
            url=url,
            track=item.track or (only.track if only is not None else None),
            language=item.language if own_language or item.language != programme.language else None,
            cancelled=cancelled,
            only=only.id if only is not None else None,
        )


FORMAT = Format(
    name="ical",
    suffix=".ics",
    media_type="text/calendar; charset=utf-8",
    render=render,
    description="iCalendar: every slot and session, for calendar apps",
    split=split,
)
