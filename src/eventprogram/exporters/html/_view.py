"""The page's view model: frozen records of everything the template shows.

The template only lays these out; every decision (what to show, in which words,
where a fact was said already) is made here, from :func:`eventprogram.timeline`.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import uuid
from collections.abc import Iterator, Mapping
from typing import Final

import attrs

from ... import _i18n
from ..._i18n import Language
from ..._ids import stable_uuid
from ..._marked import Marked
from ..._model import AccessibilityStatement, ImageKind, Layout, Programme, Session, Slot
from ..._timeline import Item, Provided, Timeline, span_of, timeline
from ..._urls import link_text, safe_href, web_address
from .. import RenderOptions, ical
from ..ical import _sequence, _stamp  # the iCal writer's own DTSTAMP and SEQUENCE
from . import _markup
from ._changes import ChangesView, Mark, changes_view, mark_of
from ._timetable import Timetable, build_timetable, choose_layout

__all__ = [
    "EMBEDDED_CALENDAR_BYTES",
    "EMBEDDED_CALENDAR_EVENTS",
    "Page",
    "build_page",
    "image_type",
    "paragraphs",
    "short_uid",
]

EMBEDDED_CALENDAR_EVENTS: Final = 100
"""A programme of at most this many calendar events carries its whole calendar inside the page."""
EMBEDDED_CALENDAR_BYTES: Final = 96 * 1024
"""… if that calendar is at most this long (128 KiB as base64); else the page links the file."""

_MAX_LEVEL: Final = 6


@attrs.frozen
class Instant:
    """A moment as the page shows it: ``10:05`` and ``2025-05-15T10:05:00+02:00``."""

    clock: str
    iso: str


@attrs.frozen
class Span:
    """A time or a span of time: ``10:05–10:30 Uhr``; ``end`` is ``None`` for a bare time."""

    start: Instant
    end: Instant | None
    suffix: str
    """``Uhr`` in German, nothing in English."""
    prefix: str | None = None
    """``ab`` / ``from`` for an item that runs from its start on (``Item.runs_from``)."""
    joiner: str = "–"
    """What stands between start and end: `` bis `` / `` until `` where the end is on a later
    date than the start (``22:00 bis Sa 01:00 Uhr``)."""


@attrs.frozen
class Link:
    """A text and, where its URL is safe to follow, the URL."""

    text: str
    href: str | None


@attrs.frozen
class ItemLink:
    """A link of a slot or session: its own page, slides, a recording.

    Where its URL is safe to follow it is a link whose accessible name ends with
    the item's title (``Details: Generation Z``), hidden from sight; else it is text.
    """

    text: str
    href: str | None
    context: str
    """The item's title, for the accessible name."""
    lang: str | None
    """The ``lang`` of the item's title, where it differs from the page's."""


@attrs.frozen
class PersonView:
    """``Dr. Frank Nitzsche`` and ``G.I.B.``: the name and what follows it."""

    name: str
    details: str


@attrs.frozen
class GroupView:
    """People who share roles: ``Moderation`` and the people; no label for speakers."""

    label: str | None
    people: tuple[PersonView, ...]


@attrs.frozen
class Calendar:
    """What the page's script needs for one item's calendar file; the whole calendar's link.

    The page shows the link with or without JavaScript. The script reads the rest from the
    page: each event's UID (``data-uid``), its instants (``<time datetime>``), its title and
    room as shown.
    """

    name: str
    """The programme's id: files are named ``<id>.<item>.ics``, as ``build --split`` names them."""
    prodid: str
    stamp: str
    """DTSTAMP in UTC (``20250515T080000Z``), as the iCal writer stamps its events."""
    sequence: int
    venue: str
    """The venue in one line: the LOCATION follows the room's name, or stands alone."""
    url: str | None
    """Where the page is published (``page_url``), if known: URL is the item's anchor on it."""
    href: str
    """The whole calendar: a ``data:`` URL in a small programme, else the file beside the page."""
    download: str


@attrs.frozen
class SessionView:
    """A parallel session (a working group) or a sub-session (a Kleingruppe)."""

    id: str
    level: int
    label: str | None
    """``1.`` for a session, ``Kleingruppe 1:`` for a sub-session; ``None`` without a number."""
    title: str
    subtitle: str | None
    paragraphs: tuple[tuple[str, ...], ...]
    lang: str | None
    """The ``lang`` of its title and texts, where it differs from the page's."""
    span: Span | None
    room: str | None
    kind: str | None
    """Its own kind's label (``Workshop``), where it differs from what holds it."""
    meta: tuple[str, ...]
    """``Track: Security``, ``Sprache: Englisch``: what its meta line shows."""
    links: tuple[ItemLink, ...]
    groups: tuple[GroupView, ...]
    uid: str | None
    """Its calendar event's UID, where it is an event of its own (see :func:`_event`), in
    :func:`short_uid`'s form."""
    nominal_end: str | None
    """Where it shows its own start only: the nominal end its calendar event has, in UTC."""
    calendar_number: str | None
    """Where the page numbers it otherwise than calendars (``Kleingruppe 1:``), the number its
    event's SUMMARY has instead (``3.1``; empty for none): the iCal writer's ``numbered_title``."""
    sessions: tuple[SessionView, ...]
    mark: Mark | None = None
    """Its badge ("neu", "abgesagt", …) where it changed or is cancelled (``_changes``)."""
    access: ItemAccess | None = None
    """Its accessibility provisions and its room's access, where the programme states any."""


@attrs.frozen
class SlotView:
    """A block of the day, with its parallel sessions."""

    id: str
    level: int
    span: Span
    tag: str | None
    """The kind's label (``Plenum``), where it says more than the title."""
    title: str
    subtitle: str | None
    paragraphs: tuple[tuple[str, ...], ...]
    lang: str | None
    """The ``lang`` of its title and texts, where it differs from the page's."""
    room: str | None
    meta: tuple[str, ...]
    """``Track: Security``, ``Sprache: Englisch``: what its meta line shows."""
    links: tuple[ItemLink, ...]
    groups: tuple[GroupView, ...]
    uid: str | None
    """Its calendar event's UID in :func:`short_uid`'s form; ``None`` for the end marker."""
    nominal_end: str | None
    """Where it shows its start only: the nominal end its calendar event has, in UTC."""
    is_break: bool
    is_end: bool
    parallel: bool
    sessions: tuple[SessionView, ...]
    mark: Mark | None = None
    """Its badge ("neu", "abgesagt", …) where it changed or is cancelled (``_changes``)."""
    access: ItemAccess | None = None
    """Its accessibility provisions and its room's access, where the programme states any."""


@attrs.frozen
class DayView:
    """One day: its heading and its slots."""

    heading_id: str
    heading: str
    slots: tuple[SlotView, ...]


@attrs.frozen
class DayLine:
    """``Donnerstag, 15. Mai 2025, 09:30–16:30 Uhr`` for the page's head."""

    date: str
    span: Span | None


@attrs.frozen
class ImageView:
    """An image to show, inlined; an empty ``alt`` marks it decorative."""

    src: str
    alt: str
    kind: str


@attrs.frozen
class Labels:
    """The page's own words in the output language."""

    skip: str
    calendar: str
    whole_calendar: str
    room: str
    organisers: str
    revision: str
    online: str


@attrs.frozen
class Page:
    """Everything the template shows, prepared and in order."""

    lang: str
    title: str
    subtitle: str | None
    summary: str | None
    """The ``<meta name="description">``: the description or the subtitle."""
    dates: tuple[DayLine, ...]
    venue: Link
    address: str | None
    organisers: str | None
    paragraphs: tuple[tuple[str, ...], ...]
    logos: tuple[ImageView, ...]
    pictures: tuple[ImageView, ...]
    days: tuple[DayView, ...]
    organisations: tuple[Link, ...]
    online: Link | None
    revision: str | None
    labels: Labels
    calendar: Calendar
    changes: ChangesView | None = None
    """The change list since the previous release, where it is known (``_changes``)."""
    marked: bool = False
    """Whether the page shows a change list or a mark: it then carries their styles."""
    access: AccessView | None = None
    """The provisions near the top, the filter's words, the statement: ``None`` for none."""
    timetable: Timetable | None = None
    """The timetable layout's days, navigation and filter; ``None`` in the document layout."""


# -- accessibility (issue #16) ---------------------------------------------------------------


def _icon(provision: str) -> str:
    """The name of the sign shown beside a provision: its own, or ``other``."""
    return provision if provision in _markup.ICONS else "other"


@attrs.frozen
class ProvisionView:
    """One provision as the page shows it: a sign and its label, always together."""

    id: str
    icon: str
    """The name of its sign (:data:`_markup.ICONS`): a built-in provision's id, or ``other``."""
    label: str
    """``Gebärdensprachdolmetschen (DGS)``: the label with its sign language or languages."""


@attrs.frozen
class ItemAccess:
    """What an item shows of its access, and what the filter reads."""

    provisions: tuple[ProvisionView, ...]
    """Its provisions where they differ from what holds it: what shows under it."""
    ids: str
    """The ids of all its provisions, inherited too, parted by spaces: ``data-provisions``."""
    room: str | None
    """What its room says of its access, where it names that room: ``stufenlos erreichbar``."""
    label: str = ""
    """The word before its provisions: ``Barrierefreiheit``."""
    room_label: str = ""
    """The word before its room's access: ``Zugang``."""


@attrs.frozen
class ProvisionEntry:
    """A provision in the list near the top, with the items that have it."""

    provision: ProvisionView
    items: tuple[Link, ...]
    """Each item that has it, linked to its anchor (``#plenum``)."""


@attrs.frozen
class StatementView:
    """The accessibility statement (Erklärung zur Barrierefreiheit), ready to lay out."""

    conformance: str
    issues: tuple[tuple[str, ...], ...]
    prepared: str | None
    contacts: tuple[tuple[str, Link], ...]
    """``(E-Mail, link)``, ``(Telefon, link)``, ``(Kontaktformular, link)``."""
    enforcement: Link | None


@attrs.frozen
class AccessView:
    """The page's accessibility parts and their words."""

    entries: tuple[ProvisionEntry, ...]
    statement: StatementView | None
    words: dict[str, str]
    """The words of :data:`eventprogram._i18n.ACCESS_WORDS` in the page's language."""


@attrs.frozen
class _Context:
    """What every part of the page needs."""

    programme: Programme
    language: Language
    lang: str
    """The page's ``lang``."""
    labels: Labels
    timeline: Timeline
    marked: Marked
    """The timeline with deleted items put back and changes marked (``RenderOptions.changes``)."""
    instants: dict[tuple[dt.datetime, dt.date], Instant] = attrs.field(factory=dict)
    """Each moment as shown, made once: Babel's clock is slow, and slots share their times."""


def build_page(programme: Programme, options: RenderOptions) -> Page:
    """Everything the page shows of *programme*, in the output language of *options*."""
    language = _i18n.language_of(programme, options.language)
    word = functools.partial(_i18n.word, language=language)
    labels = Labels(
        skip=word("skip_to_programme"),
        calendar=word("add_to_calendar"),
        whole_calendar=word("whole_programme_to_calendar"),
        room=word("room"),
        organisers=word("organisers"),
        revision=word("revision"),
        online=word("online"),
    )
    lang = programme.language if options.language is None else language
    context = _Context(
        programme=programme,
        language=language,
        lang=lang,
        labels=labels,
        timeline=(resolved := timeline(programme)),
        marked=Marked.of(resolved, options.changes),
    )
    images = tuple(_images(programme, options.images))
    venue = programme.venue
    timetable = (
        build_timetable(context)
        if choose_layout(programme, context.timeline, options) is Layout.TIMETABLE
        else None
    )
    return Page(
        lang=lang,
        title=_line(programme.title),
        subtitle=_optional_line(programme.subtitle),
        summary=_optional_line(programme.description or programme.subtitle),
        dates=tuple(
            DayLine(
                date=_i18n.format_day(day.date, language),
                span=_day_span(context, slots, day.date),
            )
            for day, slots in zip(programme.days, context.timeline.days, strict=True)
        ),
        venue=Link(text=venue.name, href=safe_href(venue.url)),
        address=", ".join(_address_parts(programme)) or None,
        organisers=_i18n.organiser_line(programme, language),
        paragraphs=paragraphs(programme.description),
        logos=tuple(i for i in images if i.kind == ImageKind.LOGO),
        pictures=tuple(i for i in images if i.kind != ImageKind.LOGO),
        days=() if timetable is not None else tuple(_days(context)),
        organisations=tuple(_organisations(programme)),
        online=_online(programme),
        revision=(
            _i18n.format_day(programme.revision.date(), language) if programme.revision else None
        ),
        labels=labels,
        calendar=_calendar(context, options),
        changes=changes_view(context.marked, language),
        marked=options.changes is not None
        or any(context.marked.cancelled(item) for item in context.marked.walk()),
        access=_access(context, timetable=timetable is not None),
        timetable=timetable,
    )


def _provision_view(provided: Provided, language: Language) -> ProvisionView:
    return ProvisionView(
        id=provided.id,
        icon=_icon(provided.id),
        label=_line(_i18n.provision_line(provided, language)),
    )


def _item_access(context: _Context, item: Item, *, whole: bool = False) -> ItemAccess | None:
    """What *item* shows of its access, or ``None`` where it and its room state nothing.

    *whole*: all its provisions and its room's access, inherited too, for a timetable's cell,
    which stands without the slot that holds it; else what differs from what holds it.
    """
    room = item.new_room if not (item.is_slot or whole) else item.room
    room_line = None if room is None else _i18n.room_access_line(room, context.language)
    if not item.provisions and room_line is None:
        return None
    shown = item.provisions if whole else item.new_provisions
    return ItemAccess(
        provisions=tuple(_provision_view(p, context.language) for p in shown),
        ids=" ".join(p.id for p in item.provisions),
        room=None if room_line is None else _line(room_line),
        label=_i18n.access_word("accessibility", context.language),
        room_label=_i18n.access_word("access", context.language),
    )


def _access(context: _Context, *, timetable: bool = False) -> AccessView | None:
    """The provisions near the top and the statement, or ``None`` where there are neither.

    In the *timetable* layout a slot of sessions has no anchor (its sessions stand in the
    grid, each with the provisions it inherits): the list links those sessions instead.
    """
    programme, language = context.programme, context.language
    found: dict[str, tuple[ProvisionView, list[Link]]] = {}
    for item in context.timeline.items:
        if item.is_marker or (timetable and item.is_slot and item.children):
            continue
        for provided in item.provisions:
            # The list names each provision by its label alone: each item says the details.
            view = ProvisionView(
                id=provided.id,
                icon=_icon(provided.id),
                label=_line(provided.provision.label(language)),
            )
            entry = found.setdefault(provided.id, (view, []))
            entry[1].append(Link(text=_line(item.title), href=f"#{item.id}"))
    statement = programme.accessibility_statement
    if not found and statement is None:
        return None
    entries = tuple(
        ProvisionEntry(provision=view, items=tuple(links)) for view, links in found.values()
    )
    return AccessView(
        entries=entries,
        statement=None if statement is None else _statement(statement, language),
        words={key: words[language] for key, words in _i18n.ACCESS_WORDS.items()},
    )


def _statement(statement: AccessibilityStatement, language: Language) -> StatementView:
    word = functools.partial(_i18n.access_word, language=language)
    contacts = []
    if statement.contact_email:
        address = statement.contact_email.strip()
        contacts.append((word("email"), Link(text=address, href=safe_href(f"mailto:{address}"))))
    if statement.contact_phone:
        # Text, not a tel: link: the URL policy makes links of http, https and mailto only.
        contacts.append((word("phone"), Link(text=statement.contact_phone.strip(), href=None)))
    if statement.contact_url:
        url = statement.contact_url.strip()
        contacts.append((word("form"), Link(text=url, href=safe_href(url))))
    enforcement = statement.enforcement_url
    return StatementView(
        conformance=_i18n.conformance_line(statement.conformance, language),
        issues=paragraphs(statement.issues),
        prepared=None
        if statement.prepared is None
        else _i18n.format_day(statement.prepared, language),
        contacts=tuple(contacts),
        enforcement=None
        if enforcement is None
        else Link(text=enforcement.strip(), href=safe_href(enforcement.strip())),
    )


def _online(programme: Programme) -> Link | None:
    """Where the printed page says the programme is online: its own page, else the event's."""
    address = programme.page_url or programme.url
    return Link(text=address, href=safe_href(address)) if address else None


def _days(context: _Context) -> Iterator[DayView]:
    programme, language = context.programme, context.language
    for index, (day, slots) in enumerate(zip(programme.days, context.marked.days, strict=True)):
        heading = _i18n.format_day(day.date, language)
        if day.title:
            heading = f"{heading} – {_line(day.title)}"
        yield DayView(
            heading_id=f"_day-{index + 1}",
            heading=heading,
            slots=tuple(_slot(context, item) for item in slots),
        )


def _day_span(context: _Context, slots: tuple[Item, ...], day: dt.date) -> Span | None:
    """From the day's first start to its latest end that something says; ``None`` for no slots.

    An end after midnight says its weekday: ``10:30 bis Sa 09:00 Uhr``.
    """
    span = span_of(slots)
    return None if span is None else _span(context, *span, day=day)


def _slot(context: _Context, item: Item) -> SlotView:
    language = context.language
    slot = item.source
    is_end = item.is_marker
    tag = item.kind.label(language)
    title = _line(item.title)
    lang = _lang(context, item)
    return SlotView(
        id=item.id,
        level=3,
        span=_item_span(context, item),
        tag=None if tag.casefold() == slot.title.strip().casefold() else tag,
        title=title,
        subtitle=_optional_line(slot.subtitle),
        paragraphs=paragraphs(slot.description),
        lang=lang,
        room=_room(item),
        meta=_meta(context, item),
        links=_links(context, slot, title, lang),
        groups=_groups(item, language),
        uid=_uid(context, item),
        nominal_end=None if is_end else _nominal_end(item),
        is_break=item.is_break,
        is_end=is_end,
        parallel=len(item.children) > 1,
        sessions=tuple(
            _session(context, child, level=4) for child in context.marked.children(item)
        ),
        mark=mark_of(context.marked.status(item), language),
        access=_item_access(context, item),
    )


def _session(context: _Context, item: Item, *, level: int) -> SessionView:
    """A session's view; the only session of a slot adds its slot's event to a calendar."""
    language = context.language
    session = item.source
    if item.number is None:
        label = None
    elif item.depth == 1:
        label = f"{item.number}."
    else:
        label = f"{_i18n.word('sub_group', language)} {item.number}:"
    title = _line(item.title)
    lang = _lang(context, item)
    return SessionView(
        id=item.id,
        level=min(level, _MAX_LEVEL),
        label=label,
        title=title,
        subtitle=_optional_line(session.subtitle),
        paragraphs=paragraphs(session.description),
        lang=lang,
        span=_item_span(context, item) if item.own_times else None,
        room=_room(item),
        kind=_kind(item, language),
        meta=_meta(context, item),
        links=_links(context, session, f"{label} {title}" if label else title, lang),
        groups=_groups(item, language),
        uid=_uid(context, item),
        nominal_end=_nominal_end(item) if item.own_times else None,
        calendar_number=(item.numbering or "") if item.depth > 1 and label else None,
        sessions=tuple(
            _session(context, child, level=level + 1) for child in context.marked.children(item)
        ),
        mark=mark_of(context.marked.status(item), language),
        access=_item_access(context, item),
    )


def _item_span(context: _Context, item: Item) -> Span:
    """``10:05–10:30 Uhr``; ``ab 19:00 Uhr`` where it runs from its start; the end marker's time."""
    if item.runs_from:
        return attrs.evolve(
            _span(context, item.start, None, day=item.date),
            prefix=_i18n.word("from", context.language),
        )
    return _span(context, item.start, None if item.is_marker else item.end, day=item.date)


def _room(item: Item) -> str | None:
    """The item's room where it differs from what holds it: the page doesn't repeat it."""
    return _line(item.new_room.name) if item.new_room is not None else None


def _kind(item: Item, language: Language) -> str | None:
    """The label of the item's own kind, where it differs from the kind of what holds it."""
    return _line(item.new_kind.label(language)) if item.new_kind is not None else None


def _lang(context: _Context, item: Item) -> str | None:
    """The ``lang`` an item's title and texts carry (WCAG 3.1.2), where it differs from the page's.

    That is the language the item is held in, its own or inherited, where something names
    one: an item that speaks the programme's language by default carries none.
    """
    tag = item.language
    if item.source.language is None and _i18n.same_language(tag, context.programme.language):
        return None
    return tag if tag.casefold() != context.lang.casefold() else None


def _meta(context: _Context, item: Item) -> tuple[str, ...]:
    """``In drei Gruppen``; ``Track: Security``, ``Sprache: Englisch`` where they differ from above.

    The count of unnamed groups is the item's own. Track and language show where they
    differ from what holds the item; a slot's language where it is not the programme's.
    """
    language = context.language
    parts = []
    if item.groups is not None:
        parts.append(_i18n.groups_line(item.groups, language))
    if item.new_track:
        parts.append(f"{_i18n.word('track', language)}: {_line(item.new_track)}")
    if item.new_language:
        name = _i18n.language_name(item.new_language, language)
        parts.append(f"{_i18n.word('language', language)}: {name}")
    return tuple(parts)


def _links(
    context: _Context, item: Slot | Session, title: str, lang: str | None
) -> tuple[ItemLink, ...]:
    """The item's own page as "Details", then its links by title, or by host where untitled."""
    found = []
    if item.url:
        found.append(_item_link(_i18n.word("details", context.language), item.url, title, lang))
    for link in item.links:
        label = _line(link.title) if link.title else None
        found.append(_item_link(label, link.url, title, lang))
    return tuple(found)


def _item_link(label: str | None, url: str, title: str, lang: str | None) -> ItemLink:
    """A link named *label* (the URL's host without one); an unsafe URL is shown as text."""
    href = safe_href(url)
    if href is None:
        text = f"{label}: {_line(url)}" if label else _line(url)
    else:
        text = label or link_text(href)
    return ItemLink(text=text, href=href, context=title, lang=lang)


def _event(item: Item) -> bool:
    """Whether the item is a calendar event of its own, as the iCal writer makes them.

    Every slot but the end marker is, every parallel session and every sub-session. A slot's
    only session is not: its slot's event stands for it (``ical._events``; a test holds the
    two together).
    """
    return not item.is_marker and not (item.depth == 1 and not item.parallel)


def _uid(context: _Context, item: Item) -> str | None:
    """The UID of the item's calendar event, from the function the iCal writer takes it from.

    A cancelled item has none: nobody adds it to their calendar (no button).
    """
    if not _event(item) or context.marked.cancelled(item):
        return None
    return short_uid(stable_uuid(context.programme.id, item.id))


def short_uid(uid: uuid.UUID) -> str:
    """*uid*'s 16 bytes in unpadded base64url: 22 characters where the usual form has 36.

    Every event of the page carries one, so a congress's page is 150 kB lighter; the page's
    script writes it back in the usual form (``6f1e…-…``) into the calendar file.
    """
    return base64.urlsafe_b64encode(uid.bytes).decode("ascii").rstrip("=")


def _nominal_end(item: Item) -> str | None:
    """Where the page shows only a start, the end the iCal writer gives the event.

    That is where the item runs from its start (``runs_from``): an open end, whose end
    is nominal, or an open start ("ab 14:00 Uhr"), whose end the page leaves unsaid.
    """
    if not item.runs_from or item.end_utc <= item.start_utc:
        return None
    return _utc(item.end_utc)


def _utc(moment: dt.datetime) -> str:
    """*moment* as an iCalendar UTC time: ``20250515T080000Z``."""
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def _calendar(context: _Context, options: RenderOptions) -> Calendar:
    """The script's data, and the whole calendar: inside the page where it is small.

    A small programme (at most :data:`EMBEDDED_CALENDAR_EVENTS` events, a calendar of at most
    :data:`EMBEDDED_CALENDAR_BYTES`) carries it as one ``data:`` URL, so that the page alone
    adds it, with or without JavaScript; a larger one links where the calendar is
    published, ``options.calendar_url`` if the URL policy accepts it, else ``<id>.ics``, the
    file ``eventprogram build`` writes beside the page (docs/explanation/calendar-links.md).
    """
    programme = context.programme
    name = f"{programme.id}.ics"
    href = web_address(options.calendar_url) or name
    if sum(1 for item in context.timeline.items if _event(item)) <= EMBEDDED_CALENDAR_EVENTS:
        content = ical.render(programme, options)
        if len(content) <= EMBEDDED_CALENDAR_BYTES:
            encoded = base64.b64encode(content).decode("ascii")
            href = f"data:text/calendar;charset=utf-8;base64,{encoded}"
    page = web_address(programme.page_url)  # where the page is published
    return Calendar(
        name=programme.id,
        prodid=ical.PRODID,
        stamp=_utc(_stamp(programme, options)),
        sequence=_sequence(programme),
        venue=_i18n.venue_line(programme.venue),
        url=page.split("#", 1)[0] if page else None,
        href=href,
        download=name,
    )


def _span(context: _Context, start: dt.datetime, end: dt.datetime | None, *, day: dt.date) -> Span:
    """*start* to *end* as the page shows them on *day*: a time after midnight says its weekday."""
    has_end = end is not None and end != start
    later = has_end and end is not None and end.date() > start.date()
    return Span(
        start=_instant(context, start, day),
        # An end on its start's date says no weekday again: "Sa 01:00–02:00".
        end=_instant(context, end, max(day, start.date())) if has_end and end is not None else None,
        suffix=_i18n.word("o'clock", context.language),
        joiner=f" {_i18n.word('until', context.language)} " if later else "–",
    )


def _instant(context: _Context, moment: dt.datetime, day: dt.date) -> Instant:
    """*moment* as the page shows it on *day*; each is formatted once per page."""
    key = (moment, day)
    found = context.instants.get(key)
    if found is None:
        found = context.instants[key] = Instant(
            clock=_i18n.format_clock_on(moment, day, context.language),
            iso=context.programme.localize(moment).isoformat(timespec="seconds"),
        )
    return found


def _groups(item: Item, language: Language) -> tuple[GroupView, ...]:
    """The item's people grouped by their roles, in order of first appearance."""
    groups = []
    for group in _i18n.role_groups(item.people, language):
        views = []
        for appearance in group.appearances:
            parts = appearance.details
            details = ", ".join(_line(part) for part in parts if part.strip())
            views.append(PersonView(name=_line(appearance.name), details=details))
        label = _line(group.label) if group.label is not None else None
        groups.append(GroupView(label=label, people=tuple(views)))
    return tuple(groups)


def _address_parts(programme: Programme) -> Iterator[str]:
    venue = programme.venue
    if venue.street:
        yield _line(venue.street)
    yield " ".join(_line(p) for p in (venue.postal_code, venue.city) if p)


def _organisations(programme: Programme) -> Iterator[Link]:
    """The organisers by their full names, each a link where it has a safe URL."""
    for organiser in programme.organisers:
        try:
            organisation = programme.organisation(organiser.organisation)
        except KeyError:
            yield Link(text=organiser.organisation, href=None)
            continue
        name = organisation.name
        if organisation.short_name and organisation.short_name != name:
            name = f"{name} ({organisation.short_name})"
        yield Link(text=name, href=safe_href(organisation.url))


def _images(programme: Programme, files: Mapping[str, bytes]) -> Iterator[ImageView]:
    """The images whose bytes are at hand and of a known type, as ``data:`` URLs."""
    for image in programme.images:
        content = files.get(image.id)
        if content is None:
            continue
        media_type = image_type(content)
        if media_type is None:
            continue
        encoded = base64.b64encode(content).decode("ascii")
        yield ImageView(
            src=f"data:{media_type};base64,{encoded}",
            alt=_line(image.alt) if image.alt.strip() else "",
            kind=str(image.kind),
        )


def image_type(content: bytes) -> str | None:
    """The media type of an image file by its first bytes: SVG, PNG, JPEG, GIF or WebP."""
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if content.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if content.startswith((b"GIF87a", b"GIF89a")):
        return "image/gif"
    if content[:4] == b"RIFF" and content[8:12] == b"WEBP":
        return "image/webp"
    head = content[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"<svg") or (head.startswith((b"<?xml", b"<!--")) and b"<svg" in head):
        return "image/svg+xml"
    return None


def paragraphs(text: str | None) -> tuple[tuple[str, ...], ...]:
    """Split *text* into paragraphs at blank lines, and each paragraph into its lines."""
    if not text:
        return ()
    # One pass over the lines, no regular expression: a long description was scanned twice
    # by patterns that try a line break at every character. A paragraph ends at a line of
    # nothing but blanks and tabs; a line of other white space is left out. Every CR is a
    # line break of its own, that of CR LF too, so CR LF ends a paragraph, as it always did.
    text = text.strip()
    if "\r" in text:
        text = text.replace("\r", "\n")
    result = []
    lines: list[str] = []
    for line in text.split("\n"):
        if not line.strip(" \t"):
            if lines:
                result.append(tuple(lines))
                lines = []
        elif stripped := line.strip():
            lines.append(stripped)
    if lines:
        result.append(tuple(lines))
    return tuple(result)


def _line(text: str) -> str:
    """*text* on one line: line breaks and runs of blanks become one space."""
    return " ".join(text.split())


def _optional_line(text: str | None) -> str | None:
    return _line(text) if text else None
