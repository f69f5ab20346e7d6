"""The ``ical`` format: an iCalendar (RFC 5545) feed that calendars subscribe to.

One VEVENT per slot (breaks included, the end marker not), one per parallel
session and one per sub-session, each sub-session ``RELATED-TO`` its parent.
Times are local with ``TZID`` and a VTIMEZONE for the programme's zone. UIDs
come from ids alone, so a calendar recognises an event after any other change;
DTSTAMP and SEQUENCE come from the programme's revision, so the same programme
gives the same bytes.

What conference tools add to a slot or session goes where calendars look for
it: its own ``http``/``https`` page is the ``URL`` (else the programme's page
with the item's anchor), its track a second ``CATEGORIES`` value after the kind
(a session's own kind where it has one), its language the ``LANGUAGE`` of the
``SUMMARY``, and its links ``title: url`` lines at the end of the ``DESCRIPTION``.
The description mixes the item's text with labels in the output language, so it
carries no ``LANGUAGE``.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Final

import attrs

from .. import _i18n
from .._i18n import Language
from .._ids import stable_uuid
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


@attrs.frozen
class _Feed:
    """What every event of one calendar shares."""

    programme: Programme
    language: Language
    stamp: dt.datetime
    sequence: int
    venue: str


def render(programme: Programme, options: RenderOptions) -> bytes:
    """Write *programme* as one iCalendar file with every slot and session."""
    return bytes(_calendar(programme, options, list(_events(programme, options))).to_ical())


def split(programme: Programme, options: RenderOptions) -> Mapping[str, bytes]:
    """Write one iCalendar file per slot and session, by id: for "add to calendar" links."""
    return {
        event.id: bytes(_calendar(programme, options, [event]).to_ical())
        for event in _events(programme, options)
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
    if programme.revision is None:
        return 0
    return int(programme.revision.timestamp() // 60)


def _calendar(
    programme: Programme, options: RenderOptions, events: list[_Event]
) -> icalendar.Calendar:
    import icalendar  # noqa: PLC0415 -- heavy; only when a calendar is written

    language = _i18n.language_of(programme, options.language)
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
    feed = _Feed(
        programme=programme,
        language=language,
        stamp=_stamp(programme, options),
        sequence=_sequence(programme),
        venue=_i18n.venue_line(programme.venue),
    )
    for event in events:
        calendar.add_component(_vevent(feed, event))
    dates = [day.date for day in programme.days]
    first, last = min(dates) - dt.timedelta(days=1), max(dates) + dt.timedelta(days=2)
    # What calendar.add_missing_timezones does, with each VTIMEZONE made once (see _timezone).
    missing = [
        timezone
        for tzid in sorted(calendar.get_missing_tzids())
        if (timezone := _timezone(tzid, first, last)) is not None
    ]
    calendar.subcomponents[len(calendar.timezones) : len(calendar.timezones)] = missing
    return calendar


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


def _vevent(feed: _Feed, event: _Event) -> icalendar.Event:
    import icalendar  # noqa: PLC0415 -- heavy; only when a calendar is written

    programme, language = feed.programme, feed.language
    vevent = icalendar.Event()
    _add(vevent, "uid", str(stable_uuid(programme.id, event.id)))
    _add(vevent, "dtstamp", feed.stamp)
    _add(vevent, "sequence", feed.sequence)
    _add(vevent, "dtstart", programme.localize(event.start))
    if event.end is not None:
        _add(vevent, "dtend", programme.localize(event.end))
    if event.language:
        _add(vevent, "summary", event.summary, parameters={"LANGUAGE": event.language})
    else:
        _add(vevent, "summary", event.summary)
    if event.description:
        _add(vevent, "description", event.description)
    room = event.room
    _add(vevent, "location", f"{room}, {feed.venue}" if room else feed.venue)
    categories = [event.kind.label(language)]
    if event.track and event.track not in categories:
        categories.append(event.track)
    _add(vevent, "categories", categories)
    _add(vevent, "transp", "TRANSPARENT" if event.kind.is_break else "OPAQUE")
    _add(vevent, "status", "CONFIRMED")
    if event.url:
        _add(vevent, "url", event.url)
    elif page := web_address(programme.page_url):  # the event's anchor on the published page
        _add(vevent, "url", f"{page.split('#', 1)[0]}#{event.id}")
    if event.parent is not None:
        _add(vevent, "related-to", str(stable_uuid(programme.id, event.parent)))
    return vevent


def _add(
    component: icalendar.Component,
    name: str,
    value: object,
    parameters: dict[str, str] | None = None,
) -> None:
    """Add a property: the one door for text, which loses its control characters here."""
    if isinstance(value, str):
        value = clean(value)
    elif isinstance(value, list):
        value = [clean(part) if isinstance(part, str) else part for part in value]
    component.add(name, value, parameters=parameters or {})


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


def _description(programme: Programme, item: Item, language: Language) -> str:
    """Subtitle, description, people with role, function and organisation, links, sessions."""
    source = item.source
    parts = [p for p in (source.subtitle, source.description) if p]
    if people := _people(item, language):
        parts.append("\n".join(people))
    if links := _links(source, language):
        parts.append("\n".join(links))
    children = item.children
    if item.is_slot and len(children) == 1:
        # A slot with one session is one event: the session's text belongs to it.
        parts.append(_description(programme, children[0], language))
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
    for item in timeline(programme).items:
        if item.is_marker:
            continue
        nearest = item.parent
        while nearest is not None and id(nearest) not in evented:
            nearest = nearest.parent
        if item.depth == 1 and not item.parallel:
            continue  # a slot's only session: its slot's event says it
        evented[id(item)] = item
        only = item.children[0] if item.is_slot and len(item.children) == 1 else None
        url = web_address(item.source.url)
        if url is None and only is not None:
            url = web_address(only.source.url)
        own_language = item.source.language is not None
        yield _Event(
            id=item.id,
            summary=item.numbered_title,
            start=item.start,
            end=item.end if item.end_utc > item.start_utc else None,
            kind=item.kind,
            room=item.room.name if item.room is not None else None,
            description=_description(programme, item, language),
            parent=nearest.id if nearest is not None else None,
            url=url,
            track=item.track or (only.track if only is not None else None),
            language=item.language if own_language or item.language != programme.language else None,
        )


FORMAT = Format(
    name="ical",
    suffix=".ics",
    media_type="text/calendar; charset=utf-8",
    render=render,
    description="iCalendar: every slot and session, for calendar apps",
    split=split,
)
