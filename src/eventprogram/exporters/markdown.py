"""The ``markdown`` format: a CommonMark programme to paste into a CMS.

The layout follows the printed programme: the title, the date with times and
venue, the organisers, then one heading per slot (``## 10:05 Uhr – Entschluss
zum Handeln``) with its subtitle, description, room and people, and one
heading per parallel session (``### 1. Generation Z …``) and sub-session
(``#### Kleingruppe 1: …``) under it. A programme of several days gets a
``##`` heading per day, and everything below moves down a level.

Every text that comes from the programme is escaped so that it renders
literally under CommonMark (and the common GitHub-flavoured extensions):
``Akteur*innen`` stays a word, not the start of italics; ``<script>``,
``[x](javascript:…)`` and ``&copy;`` stay text. The only markup in the output
is the exporter's own: headings, paragraphs, ``-`` lists and links.

An item that runs from its start on (an open start, an open end) shows its start
alone: ``## ab 19:00 Uhr – Abendessen``. What conference tools add to a slot or
session follows its room: a line with the count of its unnamed groups
(``In drei Gruppen``), a session's own kind, the track and, where it differs
from the programme's, the language by name
(``Vortrag · Track: Security · Sprache: Englisch``); then a line of links, the
item's own page as ``Details`` and the others by title or host
(``Links: [Details](<https://…>) · [Folien](<https://…>)``). Only ``http``,
``https`` and ``mailto`` URLs become links, written as ``<…>`` destinations with
``<``, ``>`` and the backslash escaped; any other URL is shown as text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from .._assemble import PARALLEL_KIND
from .._changes import Changes, Status, details, heading, since, when
from .._i18n import (
    Language,
    access_word,
    format_day,
    format_from,
    format_span,
    groups_line,
    language_name,
    language_of,
    organiser_line,
    person_line,
    provisions_line,
    role_groups,
    room_access_line,
    venue_line,
    word,
)
from .._marked import Marked
from .._model import Day, Programme, Room
from .._text import clean
from .._timeline import Appearance, Item, Timeline, timeline
from .._urls import link_text, safe_url
from . import Format, RenderOptions

__all__ = ["FORMAT", "render"]

_ESCAPED_ANYWHERE: Final = frozenset("\\`*_[]<>&|~#{}")
"""Characters that may open markup wherever they stand: emphasis, code, links, HTML,
entities, GFM tables and strikethrough, heading closers, attribute lists."""

_ESCAPES: Final = {char: f"\\{char}" for char in _ESCAPED_ANYWHERE} | {"\t": "&#9;"}
"""What :func:`_escape_line` writes for each character that needs it."""

_TO_ESCAPE: Final = re.compile(f"[{''.join(re.escape(char) for char in sorted(_ESCAPES))}]")
"""Any of them: one search and replace is many times quicker than a look at each character."""

_LINE_BREAK: Final = re.compile(r"\r\n|\r|\n")
"""CommonMark's line endings, and only those (unlike :meth:`str.splitlines`)."""

_LIST_NUMBER: Final = re.compile(r"\d{1,9}(?=[.)])")
"""The number of an ordered list item (``1.``, ``2)``) at the start of a line."""

_ESCAPED_IN_DESTINATION: Final = frozenset("\\<>")
"""What would end or break a ``<…>`` link destination; safe URLs hold no blank or line break."""

_SEPARATOR: Final = " · "
"""Between the parts of a meta line and between links."""

_BLANKS: Final = " \t"
"""What CommonMark counts as indentation and as a blank line."""

_MAX_LEVEL: Final = 6


def render(programme: Programme, options: RenderOptions) -> str:
    """Write *programme* as CommonMark; the same programme and options give the same text."""
    language = language_of(programme, options.language)
    marked = Marked.of(timeline(programme), options.changes)
    blocks = list(_blocks(programme, marked, language))
    return "\n\n".join(blocks) + "\n"


FORMAT = Format(
    name="markdown",
    suffix=".md",
    media_type="text/markdown; charset=utf-8; variant=CommonMark",
    render=render,
    description="Markdown (CommonMark): the programme to paste into a CMS such as TYPO3",
)


# -- the document ---------------------------------------------------------------


def _blocks(programme: Programme, marked: Marked, language: Language) -> Iterator[str]:
    """Yield the document's blocks, headings, paragraphs and lists, in order."""
    yield _heading(1, _inline(programme.title))
    if programme.subtitle:
        yield _inline(programme.subtitle)
    several = len(programme.days) > 1
    resolved = marked.timeline
    if several:
        yield _list(
            [_day_line(day, resolved, index, language) for index, day in enumerate(programme.days)]
        )
        yield f"{_inline(word('venue', language))}: {_inline(venue_line(programme.venue))}"
    else:
        first = _day_line(programme.days[0], resolved, 0, language)
        yield f"{first}, {_inline(venue_line(programme.venue))}"
    if credit := organiser_line(programme, language):
        yield _inline(credit)
    if marked.changes is not None:
        yield from _changes(marked.changes, language)
    if programme.description:
        yield from _paragraphs(programme.description)
    yield from _provisions_overview(resolved, language)
    for index, day in enumerate(programme.days):
        if several:
            title = format_day(day.date, language)
            title = f"{title} – {day.title}" if day.title else title
            yield _heading(2, _inline(title))
        elif day.title:
            yield _inline(day.title)
        for slot in marked.days[index]:
            yield from _slot(programme, marked, slot, 3 if several else 2, language)


def _day_line(day: Day, resolved: Timeline, index: int, language: Language) -> str:
    """``Donnerstag, 15. Mai 2025, 09:30–16:30 Uhr``: the date and the day's times, escaped."""
    date = format_day(day.date, language)
    span = resolved.day_span(index)
    if span is None:
        return _inline(date)
    return _inline(f"{date}, {format_span(*span, language, day=day.date)}")


def _slot(
    programme: Programme, marked: Marked, slot: Item, level: int, language: Language
) -> Iterator[str]:
    """Yield the blocks of *slot*: its heading, texts, room, people and sessions."""
    title = f"{_inline(_time(slot, language))} – {_inline(slot.title)}"
    yield _heading(level, _marked(title, marked.status(slot), language))
    yield from _details(slot.source.subtitle, slot.source.description)
    if slot.room is not None:
        yield _room_line(slot.room, language)
    yield from _extras(slot, language)
    yield from _provisions(slot, language)
    if people := _people(slot.people, language):
        yield _list(people)
    for session in marked.children(slot):
        yield from _session(programme, marked, session, level + 1, language)


def _session(
    programme: Programme, marked: Marked, item: Item, level: int, language: Language
) -> Iterator[str]:
    """Yield the blocks of a parallel session and, one level down, of its sub-sessions.

    ``1. Generation Z …`` for a session; ``Kleingruppe 1: …`` for a sub-session.
    Its times, room and kind show where they are its own and differ from what
    holds it.
    """
    title = _inline(item.title)
    number = item.number
    block = _in_block(item)
    if block:
        # A congress's block of parallel sessions: each by its time and room, as a timetable.
        where = f", {_inline(item.room.name)}" if item.room is not None else ""
        numbered = f"{number}. {title}" if number is not None else title
        heading = f"{_inline(_time(item, language))}{where} – {numbered}"
    elif item.depth == 1:
        heading = f"{number}. {title}" if number is not None else title
    else:
        label = _inline(word("sub_group", language))
        heading = f"{label}{f' {number}' if number is not None else ''}: {title}"
    yield _heading(level, _marked(heading, marked.status(item), language))
    yield from _details(item.source.subtitle, item.source.description)
    facts = []
    if item.own_times and not block:
        facts.append(_inline(_time(item, language)))
    if item.new_room is not None and not block:
        facts.append(_room_line(item.new_room, language))
    if facts:
        yield ", ".join(facts)
    yield from _extras(item, language)
    yield from _provisions(item, language)
    if people := _people(item.people, language):
        yield _list(people)
    for sub in marked.children(item):
        yield from _session(programme, marked, sub, level + 1, language)


# -- programme changes --------------------------------------------------------------


_CHANGE_GROUPS: Final = (Status.CANCELLED, Status.MOVED, Status.CHANGED, Status.ADDED)
"""The groups of the change list, as on the web page: cancellations first."""


def _marked(heading: str, status: Status | None, language: Language) -> str:
    """An escaped heading with its mark: ``12:00 Uhr – Gallery Walk (abgesagt)``.

    CommonMark has no strikethrough (``~~`` is an extension), so the word alone says it.
    """
    if status is None:
        return heading
    return f"{heading} ({_inline(status.label(language))})"


def _changes(changes: Changes, language: Language) -> Iterator[str]:
    """Yield the section "Programmänderungen": a heading, since when, a list per kind of change.

    Each entry: the item's title and its day and time, then what changed, a line each.
    """
    yield _heading(2, _inline(heading(changes, language)))
    if line := since(changes, language):
        yield _inline(line)
    if not changes:
        yield _inline(word("no_changes", language))
        return
    for status in _CHANGE_GROUPS:
        group = changes.with_status(status)
        if not group:
            continue
        label = status.label(language)
        yield _heading(3, _inline(f"{label[:1].upper()}{label[1:]}"))
        entries = []
        for change in group:
            item = change.item
            entry = f"- {_inline(item.numbered_title)} – {_inline(when(item, language))}"
            lines = [f"  - {_inline(line)}" for line in details(changes, change, language)]
            entries.append("\n".join([entry, *lines]))
        yield "\n".join(entries)


def _in_block(item: Item) -> bool:
    """Whether *item* is a session of a block of parallel sessions (kind ``parallel``).

    Imported congresses have one such block a day: a session's heading then leads with its
    time and room.
    """
    parent = item.parent
    return parent is not None and parent.is_slot and parent.kind.id == PARALLEL_KIND


def _time(item: Item, language: Language) -> str:
    """``10:05 Uhr`` (a slot), ``14:30–16:00 Uhr`` (a session), ``ab 19:00 Uhr`` (from a start)."""
    if item.runs_from:
        return format_from(item.start, language)
    if item.is_slot:
        return format_span(item.start, None, language, day=item.date)
    return format_span(item.start, item.end, language, day=item.date)


def _extras(item: Item, language: Language) -> Iterator[str]:
    """Yield the meta line (kind, track, language) and the line of links, where there are any.

    ``Vortrag · Track: Security · Sprache: Englisch`` and
    ``Links: [Details](<https://…>) · [Folien](<https://…>)``: the kind, track and language
    where they differ from what holds the item, as on the web page.
    """
    meta = []
    if item.groups is not None:
        meta.append(_inline(groups_line(item.groups, language)))
    if item.new_kind is not None:
        meta.append(_inline(item.new_kind.label(language)))
    if item.new_track:
        meta.append(f"{_inline(word('track', language))}: {_inline(item.new_track)}")
    if item.new_language:
        name = language_name(item.new_language, language)
        meta.append(f"{_inline(word('language', language))}: {_inline(name)}")
    if meta:
        yield _SEPARATOR.join(meta)
    source = item.source
    links = []
    if source.url:
        links.append(_link(word("details", language), source.url))
    links.extend(_link(link.title, link.url) for link in source.links)
    if links:
        yield f"{_inline(word('links', language))}: {_SEPARATOR.join(links)}"


def _details(subtitle: str | None, description: str | None) -> Iterator[str]:
    """Yield the subtitle as a paragraph, then the description's paragraphs."""
    if subtitle:
        yield _inline(subtitle)
    if description:
        yield from _paragraphs(description)


def _room_line(room: Room, language: Language) -> str:
    """``Raum: Großer Saal``, escaped (an unknown room stands in with its id as the name).

    What the room says of its access follows in brackets: ``(stufenlos erreichbar, …)``.
    """
    line = f"{_inline(word('room', language))}: {_inline(room.name)}"
    if access := room_access_line(room, language):
        line = f"{line} ({_inline(access)})"
    return line


# -- accessibility ----------------------------------------------------------------


def _provisions_overview(resolved: Timeline, language: Language) -> Iterator[str]:
    """Yield the provisions the programme offers, near the top, each once with its items.

    ``Angebote zur Barrierefreiheit:`` and a list: ``Schriftdolmetschen: Keynote, Podium``.
    """
    offered: dict[str, tuple[str, list[str]]] = {}
    for item in resolved.items:
        for provided in item.new_provisions:
            label = provided.provision.label(language)
            offered.setdefault(provided.id, (label, []))[1].append(item.title)
    if not offered:
        return
    yield f"{_inline(access_word('provisions', language))}:"
    yield _list(
        [
            f"{_inline(label)}: {_inline(', '.join(dict.fromkeys(titles)))}"
            for label, titles in offered.values()
        ]
    )


def _provisions(item: Item, language: Language) -> Iterator[str]:
    """Yield the item's provisions, where they differ from what holds it, as one line."""
    if provisions := item.new_provisions:
        yield _inline(provisions_line(provisions, language))


def _people(people: tuple[Appearance, ...], language: Language) -> list[str]:
    """List items for *people*: one per speaker, one per labelled role group.

    ``Prof. Dr. Ute Klammer, Direktorin, DIFIS`` and
    ``Moderation: Gabi Schmidt, MAGS; Anne Sabine Meise, G.I.B.``.
    """
    items = []
    for group in role_groups(people, language):
        lines = [_inline(person_line(appearance)) for appearance in group.appearances]
        if group.label is None:
            items.extend(lines)
        else:
            items.append(f"{_inline(group.label)}: {'; '.join(lines)}")
    return items


# -- CommonMark -------------------------------------------------------------------


def _heading(level: int, text: str) -> str:
    """An ATX heading of already escaped *text*; levels beyond 6 stay at 6."""
    return f"{'#' * min(level, _MAX_LEVEL)} {text}"


def _list(items: list[str]) -> str:
    """A bullet list of already escaped one-line *items*."""
    return "\n".join(f"- {item}" for item in items)


def _link(title: str | None, url: str) -> str:
    """``[title](<url>)`` for a safe URL, named by its host where it has no title; else text.

    The text is escaped like every other; in the destination the backslash, ``<`` and
    ``>`` get a backslash, so the URL reads back as it is and cannot end the destination.
    """
    href = safe_url(url)
    if href is None:
        return _inline(f"{title}: {url}" if title else url)
    host = link_text(href)
    destination = "".join(f"\\{c}" if c in _ESCAPED_IN_DESTINATION else c for c in href)
    return f"[{_inline(title or host)}](<{destination}>)"


def _inline(text: str) -> str:
    """Escape *text* for one line of Markdown: line breaks become spaces."""
    parts = (part.strip(_BLANKS) for part in _LINE_BREAK.split(text))
    return _escape_line(" ".join(part for part in parts if part))


def _paragraphs(text: str) -> Iterator[str]:
    """Escape *text* as paragraphs: blank lines part them, each line is kept."""
    paragraph: list[str] = []
    for line in [*_LINE_BREAK.split(text), ""]:
        if line.strip(_BLANKS):
            paragraph.append(_escape_line(line))
        elif paragraph:
            yield "\n".join(paragraph)
            paragraph = []


def _escape_line(line: str) -> str:
    """Escape one line of text so that CommonMark shows it literally, wherever it stands.

    Characters that open markup anywhere get a backslash; so do those that open a
    block only at the start of a line (``-``, ``+``, ``=``, ``1.``, ``1)``), in case
    the text starts one. Leading and trailing blanks go (indentation would make
    code), and tabs become ``&#9;``, which renders as the tab it stands for.
    Control characters go first (``_text``): this is the Markdown's one escaping point.
    """
    line = " ".join(clean(line).split("\n")).strip(_BLANKS)
    if line[:1] in {"-", "+", "="}:
        head = "\\" + line[0]
        line = line[1:]
    elif number := _LIST_NUMBER.match(line):
        head = f"{number.group()}\\{line[number.end()]}"
        line = line[number.end() + 1 :]
    else:
        head = ""
    return head + _TO_ESCAPE.sub(lambda found: _ESCAPES[found.group()], line)
