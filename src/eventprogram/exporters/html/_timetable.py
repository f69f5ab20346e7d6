"""The timetable layout of the page: per day a table of rooms by time, for large programmes.

A congress of a thousand talks in seventy rooms reads badly as a document: the page then
shows each day as a table, rooms as its columns (``<th scope="col">``), times down its side
(``<th scope="row">``), and each item as one cell that spans the rows of its real length. A
table is read row by row, so a screen reader meets the items in the order they start, each
announced with its room and time. On a narrow screen the same table is restyled (CSS only) as
a list grouped by start time, with the room on each item: one DOM, nothing said twice.

What the grid is made of:

- **Entries.** The items that stand in the grid: each session of a slot that holds sessions
  (a slot's parallel sessions, or an imported congress's one block per day), else the slot
  itself; never the end marker. A session's sub-sessions stay inside its cell.
- **Rows.** One per :func:`step` minutes (15, 10 or 5: the largest that every start and end
  of the day falls on; 5, rounding outward, where some fall between). An entry spans the
  rows from its start, rounded down, to its end, rounded up: at least one.
- **Columns.** One per room in use that day, in the venue's order, then rooms the venue does
  not list, then "no room" for items without one. A room where items overlap (a clash, which
  validation reports) gets a column per overlapping item, side by side under one header.

The layout is chosen by :func:`choose_layout`: see :data:`MAX_DOCUMENT_ROOMS`. Navigation
needs no server: jump links to each day and each day's rooms, a legend of tracks and
languages, and a filter (the page's second script, ``timetable.js``) whose state is the
URL's fragment (``#day=2&room=saal-1``); without JavaScript the filter does not show and
every item does. Where the programme states accessibility provisions the filter has them too
(``#provision=sign-language``, the document layout's key), and each cell shows its item's,
inherited ones included; the document layout's own filter by provision is then left out.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Final

import attrs
from markupsafe import Markup

from ... import _i18n
from ..._model import Layout, Programme, Room
from ..._timeline import Item, Provided, Timeline, span_of
from . import _changes, _markup
from ._markup import _text

if TYPE_CHECKING:
    from .. import RenderOptions
    from ._view import Labels, SessionView, Span, _Context

__all__ = [
    "MAX_DOCUMENT_PARALLEL",
    "MAX_DOCUMENT_ROOMS",
    "Timetable",
    "build_timetable",
    "choose_layout",
    "entries_of",
    "step",
    "timetable",
]

MAX_DOCUMENT_ROOMS: Final = 12
"""``auto`` lays a programme out as a document up to this many rooms in use on one day …"""
MAX_DOCUMENT_PARALLEL: Final = 12
"""… and up to this many items at once; beyond either, as a timetable.

A Fachtag of five working groups, or a youth congress of eight workshops, stays a document
(it reads like the printed programme it is, its parallel sessions side by side); a congress
of seventy rooms, such as an imported 38C3, becomes a timetable. Past a dozen parallel items
the document's cards fill more than two screens per block, and nobody can see what runs at
a time or in a room any more.
"""

_STEPS: Final = (15, 10, 5)
"""Row lengths in minutes, the longest first: the grid takes the longest that fits the day."""


def choose_layout(programme: Programme, resolved: Timeline, options: RenderOptions) -> Layout:
    """The page's layout: the option's, else the programme's, else by the programme's shape.

    ``auto`` is the timetable where some day uses more than :data:`MAX_DOCUMENT_ROOMS` rooms
    or has more than :data:`MAX_DOCUMENT_PARALLEL` entries running at once.
    """
    chosen = options.layout or programme.layout
    if chosen is not Layout.AUTO:
        return chosen
    for slots in resolved.days:
        entries = list(entries_of(slots))
        rooms = {item.room.id for item in entries if item.room is not None}
        if len(rooms) > MAX_DOCUMENT_ROOMS or _most_at_once(entries) > MAX_DOCUMENT_PARALLEL:
            return Layout.TIMETABLE
    return Layout.DOCUMENT


def _most_at_once(entries: Sequence[Item]) -> int:
    """How many of *entries* run at once at most (an end and a start at one instant don't)."""
    events = sorted(
        [(item.start_utc, 1) for item in entries]
        + [(max(item.end_utc, item.start_utc), -1) for item in entries],
        key=lambda event: (event[0], event[1]),
    )
    most = running = 0
    for _, change in events:
        running += change
        most = max(most, running)
    return most


def entries_of(slots: Sequence[Item]) -> Iterator[Item]:
    """The items of a day that stand in its grid: a slot's sessions, else the slot; no marker."""
    for slot in slots:
        if slot.is_marker:
            continue
        if slot.children:
            yield from slot.children
        else:
            yield slot


def step(entries: Sequence[Item]) -> int:
    """The row length in minutes: the longest of 15, 10, 5 that every start and end falls on."""
    minutes = {
        moment.hour * 60 + moment.minute + (1 if moment.second else 0)
        for item in entries
        for moment in (item.start, item.end)
    }
    for length in _STEPS:
        if all(value % length == 0 for value in minutes):
            return length
    return _STEPS[-1]


# -- the view model ------------------------------------------------------------------


@attrs.frozen
class Column:
    """A room's header: its name, its anchor, and how many columns it spans (lanes)."""

    first: str
    """The anchor of the room's first item that day: where its jump link leads, in either
    layout (the narrow one hides the column headers)."""
    name: str
    key: str
    """The room's id, as the filter names it; empty for "no room"."""
    lanes: int


@attrs.frozen
class Cell:
    """One cell of the grid: an entry, or a stretch of nothing (``entry`` ``None``)."""

    column: int
    rows: int
    entry: Entry | None


@attrs.frozen
class Entry:
    """An item in the grid: its view, and what the filter reads of it.

    ``values`` pairs each filter's name with the item's value (``("room", "saal-1")``); the
    cell writes them as ``data-room="saal-1"``, where they differ from the day's defaults
    (``Timetable.defaults``). A filter by something new is one more pair here and one more
    :class:`Dimension` in :func:`build_timetable` (with ``multiple`` for space-separated
    values, as ``("provision", "sign-language captioning")``); the page's script needs
    nothing new.
    """

    view: SessionView
    values: tuple[tuple[str, str], ...]


@attrs.frozen
class Row:
    """A time of the grid and the cells that start in it, in column order."""

    clock: str
    iso: str
    hour: bool
    """It starts a full hour: its time shows even where nothing starts."""
    cells: tuple[Cell, ...]


@attrs.frozen
class TimetableDay:
    """One day's table."""

    index: int
    heading_id: str
    heading: str
    span: Span | None
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    count: int
    step: int = 0
    """The rows' length in minutes (:func:`step`)."""


@attrs.frozen
class Option:
    """A choice in a filter: the value the fragment carries, and its text."""

    value: str
    text: str


@attrs.frozen
class Dimension:
    """A filter: its name (the fragment's key and the entries' ``data-`` attribute), its label."""

    name: str
    label: str
    options: tuple[Option, ...]
    multiple: bool = False
    """Items hold several values, space-separated (``data-provision="ramp loop"``)."""


@attrs.frozen
class Legend:
    """A named list of the tracks or languages, each a link that filters by it."""

    label: str
    name: str
    options: tuple[Option, ...]


@attrs.frozen
class Words:
    """The timetable's own words in the output language."""

    time: str
    rooms: str
    days: str
    filter: str
    all: str
    show_all: str
    shown: str
    abstract: str
    timetable: str


@attrs.frozen
class Timetable:
    """Everything the timetable layout shows below the page's head."""

    days: tuple[TimetableDay, ...]
    dimensions: tuple[Dimension, ...]
    legends: tuple[Legend, ...]
    words: Words
    total: int
    defaults: tuple[tuple[str, str], ...]
    """What an entry is unless its cell says otherwise: no track, the programme's language."""


def build_timetable(context: _Context) -> Timetable:
    """The timetable of *context*'s programme: a table per day, the filter, the legend."""
    from ._view import _span  # noqa: PLC0415 -- the view imports this module

    language = context.language
    word = functools.partial(_i18n.word, language=language)
    programme, resolved = context.programme, context.timeline
    order = {room.id: position for position, room in enumerate(programme.venue.rooms)}
    days = []
    rooms_seen: dict[str, str] = {}
    tracks: set[str] = set()
    languages: set[str] = set()
    provisions: dict[str, str] = {}
    for index, (day, slots) in enumerate(zip(programme.days, resolved.days, strict=True)):
        entries = list(entries_of(slots))
        for item in entries:
            if item.track:
                tracks.add(item.track)
            languages.add(item.language)
            for provided in _provided(item):
                provisions.setdefault(provided.id, _line(provided.provision.label(language)))
        heading = _i18n.format_day(day.date, language)
        if day.title:
            heading = f"{heading} – {_line(day.title)}"
        span = span_of(slots)
        days.append(
            _day(
                context,
                index=index,
                heading=heading,
                span=_span(context, *span, day=day.date) if span else None,
                entries=entries,
                order=order,
                rooms_seen=rooms_seen,
            )
        )
    room_options = tuple(Option(key, name) for key, name in rooms_seen.items())
    day_options = tuple(Option(str(d.index + 1), d.heading) for d in days)
    track_options = tuple(Option(t, _line(t)) for t in sorted(tracks, key=str.casefold))
    language_options = tuple(
        Option(tag, _i18n.language_name(tag, language)) for tag in sorted(languages)
    )
    dimensions = [
        Dimension("day", word("day"), day_options),
        Dimension("room", word("room"), room_options),
        Dimension("track", word("track"), track_options),
        Dimension("lang", word("language"), language_options),
        # Accessibility provisions (issue #16), in the order the programme first names them,
        # as the list near the top has them; the fragment's key is the document layout's.
        Dimension(
            "provision",
            _i18n.access_word("accessibility", language),
            tuple(Option(key, text) for key, text in provisions.items()),
            multiple=True,
        ),
    ]
    # A filter with no choice filters nothing, nor does one of a single day or language,
    # which every item has; one track or room still parts those items from the rest.
    filters = tuple(
        d for d in dimensions if len(d.options) > (1 if d.name in {"day", "lang"} else 0)
    )
    names = {d.name for d in filters}
    return Timetable(
        days=tuple(days),
        dimensions=filters,
        # The legend's entries are links that filter: where there is the filter.
        legends=tuple(
            Legend(label, name, options)
            for label, name, options in (
                (word("tracks"), "track", track_options),
                (word("languages"), "lang", language_options),
            )
            if name in names
        ),
        words=Words(
            time=word("time_column"),
            rooms=word("rooms"),
            days=word("days"),
            filter=word("filter"),
            all=word("all"),
            show_all=word("show_all"),
            shown=word("shown"),
            abstract=word("abstract"),
            timetable=word("timetable"),
        ),
        total=sum(d.count for d in days),
        defaults=(("track", ""), ("lang", programme.language)),
    )


def _day(  # noqa: PLR0913 -- what a day's table is made of
    context: _Context,
    *,
    index: int,
    heading: str,
    span: Span | None,
    entries: list[Item],
    order: dict[str, int],
    rooms_seen: dict[str, str],
) -> TimetableDay:
    from ._view import _instant  # noqa: PLC0415 -- the view imports this module

    if not entries:
        return TimetableDay(index, f"_day-{index + 1}", heading, span, (), (), 0)
    length = step(entries)
    first = min(_floor(item.start, length) for item in entries)
    placed = [(item, *_rows(item, first, length)) for item in entries]
    total_rows = max(end for _, _, end in placed)
    # Rooms in the venue's order, then rooms it does not list, then no room.
    by_room: dict[str | None, list[tuple[Item, int, int]]] = {}
    for entry in placed:
        room = entry[0].room
        by_room.setdefault(room.id if room is not None else None, []).append(entry)
    rooms = sorted(
        by_room,
        key=lambda key: (
            key is None,
            order.get(key, len(order)) if key is not None else 0,
            _first_position(by_room[key], entries),
        ),
    )
    columns = []
    cells: dict[int, list[Cell]] = {}
    column = 0
    no_room = _i18n.word("timetable_no_room", context.language)
    for key in rooms:
        lanes = _lanes(by_room[key])
        held: Room | None = by_room[key][0][0].room
        name = _line(held.name) if held is not None else no_room
        first_item = min(by_room[key], key=lambda e: (e[1], e[2]))[0]
        columns.append(Column(first=first_item.id, name=name, key=key or "", lanes=len(lanes)))
        if key is not None:
            rooms_seen.setdefault(key, name)
        for lane in lanes:
            at = 0
            for item, start, end in lane:
                if start > at:
                    cells.setdefault(at, []).append(Cell(column, start - at, None))
                cells.setdefault(start, []).append(
                    Cell(column, end - start, _entry(context, item, key or ""))
                )
                at = end
            if at < total_rows:
                cells.setdefault(at, []).append(Cell(column, total_rows - at, None))
            column += 1
    rows = []
    for number in range(total_rows):
        moment = first + dt.timedelta(minutes=number * length)
        instant = _instant(context, moment, entries[0].date)
        rows.append(
            Row(
                clock=instant.clock,
                iso=instant.iso,
                hour=moment.minute == 0,
                cells=tuple(sorted(cells.get(number, ()), key=lambda cell: cell.column)),
            )
        )
    return TimetableDay(
        index=index,
        heading_id=f"_day-{index + 1}",
        heading=heading,
        span=span,
        columns=tuple(columns),
        rows=tuple(rows),
        count=len(entries),
        step=length,
    )


def _first_position(placed: list[tuple[Item, int, int]], entries: list[Item]) -> int:
    return min(entries.index(item) for item, _, _ in placed[:1])


def _floor(moment: dt.datetime, length: int) -> dt.datetime:
    """*moment* rounded down to a whole row: a wall-clock time, without seconds."""
    minutes = moment.minute - moment.minute % length
    return moment.replace(minute=minutes, second=0, microsecond=0, tzinfo=None, fold=0)


def _rows(item: Item, first: dt.datetime, length: int) -> tuple[int, int]:
    """The rows *item* spans: from its start, rounded down, to its end, rounded up; one at least."""
    start = _minutes(item.start.replace(tzinfo=None) - first)
    end = _minutes(max(item.end, item.start).replace(tzinfo=None) - first)
    top = math.floor(start / length)
    bottom = max(math.ceil(end / length), top + 1)
    return top, bottom


def _minutes(delta: dt.timedelta) -> float:
    return delta.total_seconds() / 60


def _lanes(placed: list[tuple[Item, int, int]]) -> list[list[tuple[Item, int, int]]]:
    """The room's entries in columns side by side: a new one only where entries overlap."""
    lanes: list[list[tuple[Item, int, int]]] = []
    for entry in sorted(placed, key=lambda e: (e[1], e[2])):
        for lane in lanes:
            if lane[-1][2] <= entry[1]:
                lane.append(entry)
                break
        else:
            lanes.append([entry])
    return lanes


def _provided(item: Item) -> Iterator[Provided]:
    """The provisions of *item* and of the items inside it, each id once, in their order.

    An entry is what the filter shows or hides, whole: it matches a provision that it, or a
    sub-session inside its cell, has (as the document layout shows a slot that holds one).
    """
    seen: set[str] = set()
    for inner in item.walk():
        for provided in inner.provisions:
            if provided.id not in seen:
                seen.add(provided.id)
                yield provided


def _entry(context: _Context, item: Item, room: str) -> Entry:
    from ._view import _item_access, _item_span, _session, _uid  # noqa: PLC0415 -- imports us

    view = _session(context, item, level=3)
    kind = item.kind.label(context.language) if item.own_kind else None
    uid = view.uid
    if item.depth == 1 and not item.parallel and item.parent is not None:
        uid = _uid(context, item.parent)  # a slot's only session: the slot's event
    view = attrs.evolve(
        view,
        span=_item_span(context, item),
        room=_line(item.room.name) if item.room is not None else None,
        kind=_line(kind) if kind else None,
        uid=uid,
        label=f"{item.number}." if item.depth == 1 and item.number is not None else None,
        calendar_number=None,
        # The slot that holds it has no cell: the entry says all its provisions, inherited
        # too, and its room's access, as it says its room.
        access=_item_access(context, item, whole=True),
    )
    values: tuple[tuple[str, str], ...] = (
        ("room", room),
        ("track", item.track or ""),
        ("lang", item.language),
    )
    provided = " ".join(p.id for p in _provided(item))
    if provided:
        values += (("provision", provided),)
    return Entry(view=view, values=values)


def _line(text: str) -> str:
    return " ".join(text.split())


# -- the markup ------------------------------------------------------------------------


def timetable(t: Timetable, labels: Labels) -> Markup:
    """The timetable layout's HTML: navigation, legend, filter, a table per day."""
    parts: list[str] = []
    w = t.words
    parts.append(f'<nav class="tt-nav" aria-label="{_text(w.days)}">\n<ul class="tt-links">\n')
    parts += (
        f'<li><a href="#{d.heading_id}">{_text(d.heading)}</a></li>\n' for d in t.days if d.rows
    )
    parts.append("</ul>\n</nav>\n")
    if t.dimensions:
        parts.append(_filter(t))
    for legend in t.legends:
        parts.append(_legend(legend))
    for day in t.days:
        _table(parts, day, t, labels)
    return Markup("".join(parts))  # noqa: S704 -- every text is escaped


def _filter(t: Timetable) -> str:
    """The filter's controls, hidden until the script shows them: without it they'd do nothing."""
    w = t.words
    parts = [
        (
            f'<section class="tt-filter" id="_filter" aria-labelledby="_filter-h" hidden>\n'
            f'<h2 id="_filter-h">{_text(w.filter)}</h2>\n<div class="tt-controls">\n'
        )
    ]
    for d in t.dimensions:
        parts.append(
            f'<p><label for="_f-{d.name}">{_text(d.label)}</label>\n'
            f'<select id="_f-{d.name}" data-filter="{d.name}"'
            f"{' data-multiple' if d.multiple else ''}>\n"
            f'<option value="">{_text(w.all)}</option>\n'
        )
        parts += (f'<option value="{_text(o.value)}">{_text(o.text)}</option>\n' for o in d.options)
        parts.append("</select></p>\n")
    parts.append(
        f'<p><button type="button" id="_f-reset">{_text(w.show_all)}</button></p>\n</div>\n'
        f'<p class="tt-status" role="status" data-template="{_text(w.shown)}"'
        f' data-total="{t.total}"></p>\n</section>\n'
    )
    return "".join(parts)


def _legend(legend: Legend) -> str:
    items = "".join(
        f'<li><a href="#{legend.name}={_fragment(o.value)}">{_text(o.text)}</a></li>\n'
        for o in legend.options
    )
    return (
        f'<section class="tt-legend" aria-label="{_text(legend.label)}">\n'
        f"<p>{_text(legend.label)}:</p>\n<ul>\n{items}</ul>\n</section>\n"
    )


def _fragment(value: str) -> str:
    """*value* as the fragment carries it: percent-encoded, then escaped for the attribute."""
    from urllib.parse import quote  # noqa: PLC0415 -- small, only for the legend

    return _text(quote(value, safe=""))


def _table(parts: list[str], day: TimetableDay, t: Timetable, labels: Labels) -> None:
    w = t.words
    parts.append(
        f'<section class="day tt-day" aria-labelledby="{day.heading_id}"'
        f' data-day="{day.index + 1}"{_data(t.defaults)}>\n'
        f'<h2 id="{day.heading_id}">{_text(day.heading)}</h2>\n'
    )
    if day.span is not None:
        parts.append(f'<p class="when">{_markup.span(day.span)}</p>\n')
    if not day.rows:
        parts.append("</section>\n")
        return
    parts.append(
        f'<nav class="tt-rooms" aria-label="{_text(w.rooms)}: {_text(day.heading)}">\n'
        '<ul class="tt-links">\n'
    )
    parts += (f'<li><a href="#{_text(c.first)}">{_text(c.name)}</a></li>\n' for c in day.columns)
    parts.append("</ul>\n</nav>\n")
    caption = f"{w.timetable}: {day.heading}"
    parts.append(
        f'<div class="tt-scroll" tabindex="0" role="region" aria-label="{_text(caption)}">\n'
        f'<table class="tt" data-step="{day.step}">\n'
        f'<caption class="visually-hidden">{_text(caption)}</caption>\n'
        f'<thead>\n<tr><th scope="col">{_text(w.time)}</th>'
    )
    for c in day.columns:
        span = f' colspan="{c.lanes}"' if c.lanes > 1 else ""
        parts.append(f'<th scope="col"{span}>{_text(c.name)}</th>')
    parts.append("</tr>\n</thead>\n<tbody>\n")
    for row in day.rows:
        classes = "" if row.cells and any(c.entry for c in row.cells) else "q"
        if row.hour:
            classes = f"{classes} h".strip()
        attribute = f' class="{classes}"' if classes else ""
        parts.append(
            f'<tr{attribute}><th scope="row"><time datetime="{_text(row.iso)}">'
            f"{_text(row.clock)}</time></th>"
        )
        for cell in row.cells:
            rows = f' rowspan="{cell.rows}"' if cell.rows > 1 else ""
            if cell.entry is None:
                parts.append(f"<td{rows}></td>")
            else:
                _cell(parts, cell.entry, rows, w, labels, t.defaults)
        parts.append("</tr>\n")
    parts.append("</tbody>\n</table>\n</div>\n</section>\n")


def _data(values: tuple[tuple[str, str], ...]) -> str:
    """``data-NAME="value"`` for each pair, escaped."""
    return "".join(f' data-{name}="{_text(value)}"' for name, value in values)


def _cell(  # noqa: PLR0913, PLR0917 -- a cell and what it is written with
    parts: list[str],
    entry: Entry,
    rows: str,
    w: Words,
    labels: Labels,
    defaults: tuple[tuple[str, str], ...],
) -> None:
    s = entry.view
    # The filter reads the nearest data-NAME: the day's section holds the defaults (no track,
    # the programme's language), so that a cell names only its own.
    values = tuple(pair for pair in entry.values if pair not in defaults)
    parts.append(f'<td class="tt-e"{rows}{_data(values)}><ul>\n')
    attributes = f' data-uid="{_text(s.uid)}"' if s.uid else ""
    if s.nominal_end:
        attributes += f' data-end="{_text(s.nominal_end)}"'
    lang = _text(s.lang) if s.lang else None
    # A cancelled or changed item is marked as in the document layout (``_markup._head``).
    struck = s.mark is not None and s.mark.struck
    title = f"<s>{_text(s.title)}</s>" if struck else _text(s.title)
    title = f'<span lang="{lang}">{title}</span>' if lang else title
    if s.mark:
        title += str(_changes.mark(s.mark))  # str: Markup would escape the title on +
    number = f'<span class="number">{_text(s.label)}</span> ' if s.label else ""
    parts.append(
        f'<li class="session{" is-cancelled" if struck else ""}" id="{_text(s.id)}"{attributes}>\n'
        f"<h{s.level}>{number}{title}</h{s.level}>\n"
    )
    time = _markup.span(s.span) if s.span else ""
    room = f'<span class="room">{_text(labels.room)}: {_text(s.room)}</span>' if s.room else ""
    parts.append(f'<p class="facts">{time}{room}</p>\n')
    if s.access is not None:
        parts.append(_markup.access(s.access))
    if s.kind or s.meta:
        parts.append(_markup.meta(s.kind, s.meta))
    if s.groups:
        parts.append(_markup.groups(s.groups))
    _details(parts, s, w, labels)
    parts.append("</li>\n</ul></td>")


def _details(parts: list[str], s: SessionView, w: Words, labels: Labels) -> None:
    """The entry's texts, links and sub-sessions, folded: the grid shows its head alone."""
    lang = _text(s.lang) if s.lang else None
    if s.subtitle or s.paragraphs or s.links or s.sessions:
        parts.append(f"<details>\n<summary>{_text(w.abstract)}</summary>\n")
        if s.subtitle:
            lang_attribute = f' lang="{lang}"' if lang else ""
            parts.append(f'<p class="subtitle"{lang_attribute}>{_text(s.subtitle)}</p>\n')
        if s.paragraphs:
            parts.append(_markup.paragraphs(s.paragraphs, s.lang))
        if s.links:
            parts.append(_markup.links(s.links))
        if s.sessions:
            parts.append('<ol class="subsessions">\n')
            parts += (_markup.session(sub, labels) for sub in s.sessions)
            parts.append("</ol>\n")
        parts.append("</details>\n")
