"""The page's most frequent pieces written in Python: each text escaped once, no macro call.

A congress has ten thousand sessions, each with its time, paragraphs and people; as Jinja
macros these pieces cost a call, a loop object and an escape through the template's
machinery per line and per person, which was most of the page's time. These functions
write exactly what the macros of the same name wrote (``tests/test_golden.py`` holds the
bytes), and every text passes through :func:`clean` and then the escaping that Jinja's
autoescape uses (markupsafe's), as the template's ``finalize`` would have it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from markupsafe import Markup

from ..._text import clean
from . import _changes

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ._view import (
        GroupView,
        ItemAccess,
        ItemLink,
        Labels,
        PersonView,
        ProvisionView,
        SessionView,
        Span,
    )

__all__ = [
    "ICONS",
    "access",
    "groups",
    "icon",
    "links",
    "meta",
    "paragraphs",
    "provision",
    "session",
    "span",
]

_BREAK = "<br>\n"


def _text(value: str) -> str:
    """*value* cleaned and escaped for HTML, as the template writes a ``{{ value }}``.

    The replacements are markupsafe's own (``markupsafe._native``), without its wrapper's
    type tests and the ``Markup`` made of every piece: a plain ``str`` from ``str.replace``.
    """
    return (
        clean(value)
        .replace("&", "&amp;")
        .replace(">", "&gt;")
        .replace("<", "&lt;")
        .replace("'", "&#39;")
        .replace('"', "&#34;")
    )


def span(s: Span) -> Markup:
    """``<time datetime="…">10:05</time>–<time …>10:30</time> Uhr``, with ``ab`` before."""
    parts: list[str] = []
    if s.prefix:
        parts += (_text(s.prefix), " ")
    parts += ('<time datetime="', _text(s.start.iso), '">', _text(s.start.clock), "</time>")
    if s.end:
        parts += (
            s.joiner,
            '<time datetime="',
            _text(s.end.iso),
            '">',
            _text(s.end.clock),
            "</time>",
        )
    if s.suffix:
        parts += (" ", _text(s.suffix))
    return Markup("".join(parts))  # noqa: S704 -- every text above is escaped


def paragraphs(ps: Sequence[Sequence[str]], lang: str | None = None) -> Markup:
    """Each paragraph a ``<p>`` (with ``lang`` where given), its lines parted by ``<br>``."""
    start = f'<p lang="{_text(lang)}">' if lang else "<p>"
    return Markup(  # noqa: S704 -- every line is escaped
        "".join(f"{start}{_BREAK.join(map(_text, lines))}</p>\n" for lines in ps)
    )


def _person(p: PersonView) -> str:
    name = f'<span class="name">{_text(p.name)}</span>'
    return f"{name}, {_text(p.details)}" if p.details else name


def groups(gs: Sequence[GroupView]) -> Markup:
    """The people of an item, a list item per group with a label, else one per person."""
    if not gs:
        return Markup()
    parts = ['<ul class="people">\n']
    for g in gs:
        if g.label:
            people = "; ".join(map(_person, g.people))
            parts.append(f'<li><span class="role">{_text(g.label)}:</span> {people}</li>\n')
        else:
            parts += (f"<li>{_person(p)}</li>\n" for p in g.people)
    parts.append("</ul>\n")
    return Markup("".join(parts))  # noqa: S704 -- every text is escaped


def meta(kind: str | None, parts: Sequence[str]) -> Markup:
    """What tools add under a heading: the kind as a tag, then the facts, parted by ``·``."""
    if not (kind or parts):
        return Markup()
    tag = f'<span class="tag">{_text(kind)}</span>{" " if parts else ""}' if kind else ""
    facts = " · ".join(f"<span>{_text(m)}</span>" for m in parts)
    return Markup(f'<p class="facts meta">{tag}{facts}</p>\n')  # noqa: S704 -- all escaped


def _item_link(link: ItemLink) -> str:
    if not link.href:
        return f"<li>{_text(link.text)}</li>\n"
    context = _text(link.context)
    if link.lang:
        context = f'<span lang="{_text(link.lang)}">{context}</span>'
    return (
        f'<li><a href="{_text(link.href)}">{_text(link.text)}'
        f'<span class="visually-hidden">: {context}</span></a></li>\n'
    )


def links(ls: Sequence[ItemLink]) -> Markup:
    """An item's links, each with the item's title, hidden from sight, in its name."""
    if not ls:
        return Markup()
    items = "".join(map(_item_link, ls))
    return Markup(f'<ul class="links">\n{items}</ul>\n')  # noqa: S704 -- all escaped


def session(s: SessionView, labels: Labels) -> Markup:
    """A session as a list item, its sub-sessions nested: what the ``session`` macro wrote."""
    parts: list[str] = []
    _session(parts, s, labels.room)
    return Markup("".join(parts))  # noqa: S704 -- every text is escaped


def _session(parts: list[str], s: SessionView, room_label: str) -> None:
    parts.append(_head(s, room_label))
    if s.access is not None:
        parts.append(access(s.access))
    if s.kind or s.meta:
        parts.append(meta(s.kind, s.meta))
    if s.paragraphs:
        parts.append(paragraphs(s.paragraphs, s.lang))
    if s.groups:
        parts.append(groups(s.groups))
    if s.links:
        parts.append(links(s.links))
    if s.sessions:
        parts.append('<ol class="subsessions">\n')
        for sub in s.sessions:
            _session(parts, sub, room_label)
        parts.append("</ol>\n")
    parts.append("</li>\n")


def _head(s: SessionView, room_label: str) -> str:
    """A session's opening tag, its heading, subtitle and line of time and room."""
    attributes = f' data-uid="{_text(s.uid)}"' if s.uid else ""
    if s.nominal_end:
        attributes += f' data-end="{_text(s.nominal_end)}"'
    if s.calendar_number is not None:
        attributes += f' data-number="{_text(s.calendar_number)}"'
    if s.access is not None and s.access.ids:
        attributes += f' data-provisions="{_text(s.access.ids)}"'
    lang = _text(s.lang) if s.lang else None
    title = f"<s>{_text(s.title)}</s>" if s.mark and s.mark.struck else _text(s.title)
    title = f'<span lang="{lang}">{title}</span>' if lang else title
    if s.mark:
        title += str(_changes.mark(s.mark))  # str: Markup would escape the title on +
    number = f'<span class="number">{_text(s.label)}</span> ' if s.label else ""
    head = (
        f'<li class="session{" is-cancelled" if s.mark and s.mark.struck else ""}"'
        f' id="{_text(s.id)}"{attributes}>\n'
        f"<h{s.level}>{number}{title}</h{s.level}>\n"
    )
    if s.subtitle:
        lang_attribute = f' lang="{lang}"' if lang else ""
        head += f'<p class="subtitle"{lang_attribute}>{_text(s.subtitle)}</p>\n'
    if s.span or s.room:
        time = f'<span class="time">{span(s.span)}</span>' if s.span else ""
        between = " · " if s.span and s.room else ""
        room = f'<span class="room">{_text(room_label)}: {_text(s.room)}</span>' if s.room else ""
        head += f'<p class="facts">{time}{between}{room}</p>\n'
    return head


# -- accessibility (issue #16) ---------------------------------------------------------------


ICONS: dict[str, str] = {
    # Drawn on a 24-pixel grid in the text's colour: a hand, captions, two speech bubbles, a
    # book, "AD", a moon, an ear, a wheelchair user, a tick.
    "sign-language": (
        '<path d="M7 11V5a1.5 1.5 0 0 1 3 0v5M10 10V3.5a1.5 1.5 0 0 1 3 0V10M13 10V4.5a1.5'
        " 1.5 0 0 1 3 0V11M16 11V7a1.5 1.5 0 0 1 3 0v7a7 7 0 0 1-7 7h-1a6 6 0 0 1-5-3l-3-5a1.5"
        ' 1.5 0 0 1 2.5-1.6L7 13"/>'
    ),
    "captioning": (
        '<rect x="2" y="5" width="20" height="14" rx="2"/>'
        '<path d="M10.5 10.2a2 2 0 1 0 0 3.6M17.5 10.2a2 2 0 1 0 0 3.6"/>'
    ),
    "interpretation": '<path d="M3 4h11v8H8l-3 3v-3H3zM17 9h4v8h-2v3l-3-3h-5v-2"/>',
    "easy-language": '<path d="M4 19V5a2 2 0 0 1 2-2h14v16H6a2 2 0 0 0 0 4h14M8 7h8M8 11h8"/>',
    "audio-description": (
        '<rect x="2" y="5" width="20" height="14" rx="2"/>'
        '<path d="M6 16l2.5-8 2.5 8M7 13.5h3M14 8v8h1.5a3.5 4 0 0 0 0-8z"/>'
    ),
    "quiet-room": '<path d="M21 12.8A9 9 0 1 1 11.2 3a7 7 0 0 0 9.8 9.8z"/>',
    "induction-loop": (
        '<path d="M6 8.5a6 6 0 1 1 12 0c0 3-2 4.5-3.5 5.5S12 16 12 18a3 3 0 0 1-6 0'
        'M9.5 8.5a2.5 2.5 0 0 1 5 0"/>'
    ),
    "step-free": (
        '<circle cx="10" cy="4" r="2"/><path d="M10 7v6h6l2 5M10 10h5M7.5 11a5 5 0 1 0 6.5 7"/>'
    ),
    "other": '<path d="M5 12l4 4 10-10"/>',
}
"""The signs beside the provisions' labels, as inline SVG: no font needed, no request made."""


def icon(name: str) -> Markup:
    """The sign *name* (see :data:`ICONS`) as inline SVG, hidden from assistive technology."""
    return Markup(  # noqa: S704 -- our own drawing, no text of the programme
        '<svg class="icon" aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="20"'
        ' height="20" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round"'
        f' stroke-linejoin="round">{ICONS.get(name, ICONS["other"])}</svg>'
    )


def provision(p: ProvisionView) -> Markup:
    """A provision's sign and label together: the sign hidden from screen readers, never alone."""
    return Markup(  # noqa: S704 -- the label is escaped
        f'<span class="provision">{icon(p.icon)} {_text(p.label)}</span>'
    )


def access(a: ItemAccess | None) -> Markup:
    """An item's provisions, then what its room says of its access, each a line.

    ``Barrierefreiheit: 🤟 Gebärdensprachdolmetschen (DGS)``, ``Zugang: stufenlos erreichbar``.
    """
    if a is None:
        return Markup()
    parts = []
    if a.provisions:
        listed = " · ".join(map(provision, a.provisions))
        parts.append(
            f'<p class="access"><span class="access-label">{_text(a.label)}:</span> {listed}</p>\n'
        )
    if a.room:
        parts.append(
            f'<p class="access room-access"><span class="access-label">{_text(a.room_label)}:'
            f"</span> {_text(a.room)}</p>\n"
        )
    return Markup("".join(parts))  # noqa: S704 -- every text is escaped
