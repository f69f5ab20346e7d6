"""The page's change list and its marks: "Programmänderungen" and "neu", "abgesagt", … in place.

Where the page knows the changes since the previous release (``RenderOptions.changes``),
it opens its main part with a section "Programmänderungen" / "Programme changes": a
heading with the new revision, a line saying since when, and the changes grouped by what
happened, cancellations first (abgesagt, verschoben, geändert, neu), each group in the
order of the change list (by start). Each entry links to the item's place on the page,
with its day and time and, line by line, what changed (the old time, the old and new
room, title, people): the lines of :meth:`eventprogram.Changes.text_lines`.

In the programme, each changed item carries its mark after its title as a text badge:
"neu", "geändert", "verschoben", "abgesagt". A cancelled item, marked ``cancelled`` or
deleted since the previous release (:mod:`eventprogram._marked`), keeps its place with its
title struck through (``<s>``, "no longer accurate") and the word "abgesagt" as text, so
that it reads the same without styles and to a screen reader.
"""

from __future__ import annotations

import attrs
from markupsafe import Markup
from markupsafe import escape as _escape

from ... import _changes, _i18n
from ..._changes import Status
from ..._i18n import Language
from ..._marked import Marked
from ..._text import clean

__all__ = ["ChangesView", "Mark", "changes_section", "changes_view", "mark", "mark_of", "title"]

_ORDER = (Status.CANCELLED, Status.MOVED, Status.CHANGED, Status.ADDED)
"""The groups of the change list: what a reader must know first, first."""


@attrs.frozen
class Mark:
    """The badge of a changed or cancelled item: its word and its status."""

    label: str
    status: str
    """``added``, ``changed``, ``moved`` or ``cancelled``: the badge's class."""

    @property
    def struck(self) -> bool:
        """Whether the title is struck through: a cancelled item's."""
        return self.status == Status.CANCELLED.value


@attrs.frozen
class EntryView:
    """One changed item in the change list."""

    href: str | None
    """``#ag4``, where the item is on the page."""
    title: str
    when: str
    details: tuple[str, ...]


@attrs.frozen
class GroupView:
    """The changes of one kind: ``Abgesagt`` and the items."""

    heading_id: str
    heading: str
    status: str
    entries: tuple[EntryView, ...]


@attrs.frozen
class ChangesView:
    """The section "Programmänderungen"."""

    heading: str
    since: str | None
    """``Seit dem Stand vom Donnerstag, 8. Mai 2025, 09:00 Uhr.``"""
    empty: str | None
    """``Keine Änderungen.`` where nothing changed."""
    groups: tuple[GroupView, ...]


def mark_of(status: Status | None, language: Language) -> Mark | None:
    """The badge for an item of *status* (:meth:`Marked.status`), or ``None`` for none."""
    if status is None:
        return None
    return Mark(label=status.label(language), status=status.value)


def changes_view(marked: Marked, language: Language) -> ChangesView | None:
    """The change list of the page, or ``None`` where no changes are known."""
    changes = marked.changes
    if changes is None:
        return None
    shown = marked.shown()
    groups = []
    for status in _ORDER:
        entries = tuple(
            EntryView(
                href=f"#{change.id}" if change.id in shown else None,
                title=_line(change.item.numbered_title),
                when=_changes.when(change.item, language),
                details=tuple(_line(d) for d in _changes.details(changes, change, language)),
            )
            for change in changes.with_status(status)
        )
        if entries:
            label = status.label(language)
            groups.append(
                GroupView(
                    heading_id=f"_changes-{status.value}",
                    heading=f"{label[:1].upper()}{label[1:]}",
                    status=status.value,
                    entries=entries,
                )
            )
    return ChangesView(
        heading=_changes.heading(changes, language),
        since=_changes.since(changes, language),
        empty=None if changes else _i18n.word("no_changes", language),
        groups=tuple(groups),
    )


def _line(text: str) -> str:
    return " ".join(text.split())


def escape(text: str) -> Markup:
    """*text* without control characters, escaped: as the template writes every text."""
    return _escape(clean(text))


def changes_section(view: ChangesView | None) -> Markup:
    """The section's HTML: a heading, the since line, a heading and a list per group."""
    if view is None:
        return Markup()
    parts = [
        '<section class="changes" aria-labelledby="_changes">\n',
        f'<h2 id="_changes">{escape(view.heading)}</h2>\n',
    ]
    if view.since:
        parts.append(f'<p class="changes-since">{escape(view.since)}</p>\n')
    if view.empty:
        parts.append(f"<p>{escape(view.empty)}</p>\n")
    for group in view.groups:
        parts.append(
            f'<h3 id="{escape(group.heading_id)}">'
            f'<span class="change change-{escape(group.status)}">{escape(group.heading)}</span>'
            "</h3>\n"
        )
        parts.append(f'<ul class="change-list" aria-labelledby="{escape(group.heading_id)}">\n')
        parts.extend(_entry(entry) for entry in group.entries)
        parts.append("</ul>\n")
    parts.append("</section>\n")
    return Markup("".join(parts))  # noqa: S704 -- every text is escaped


def _entry(entry: EntryView) -> str:
    title = escape(entry.title)
    if entry.href:
        title = Markup(f'<a href="{escape(entry.href)}">{title}</a>')  # noqa: S704 -- escaped
    text = f'<li><span class="change-title">{title}</span><br>\n{escape(entry.when)}'
    if entry.details:
        items = "".join(f"<li>{escape(detail)}</li>\n" for detail in entry.details)
        text += f'\n<ul class="change-details">\n{items}</ul>\n'
    return f"{text}</li>\n"


def mark(m: Mark | None) -> Markup:
    """The badge after a title: `` <span class="change change-moved">verschoben</span>``."""
    if m is None:
        return Markup()
    return Markup(  # noqa: S704 -- escaped
        f' <span class="change change-{escape(m.status)}">{escape(m.label)}</span>'
    )


def title(text: str, m: Mark | None) -> Markup:
    """The title, struck through where the item is cancelled."""
    if m is not None and m.struck:
        return Markup(f"<s>{escape(text)}</s>")  # noqa: S704 -- escaped
    return escape(text)
