"""Exporters: turn a programme into a published format.

Every format, the built-in ones included, is found through the entry point
group ``eventprogram.exporters``. An entry point names a :class:`Format`: a
small record with the format's name, file suffix, media type and its
:data:`Exporter`, a pure function from a programme and :class:`RenderOptions`
to text or bytes. Exporters read no files and no clock.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Mapping
from typing import Final

import attrs

from .._changes import Changes
from .._model import Layout, Programme
from .._plugins import discover

__all__ = [
    "ENTRY_POINT_GROUP",
    "Exporter",
    "Format",
    "RenderOptions",
    "Splitter",
    "available",
    "get",
]

ENTRY_POINT_GROUP: Final = "eventprogram.exporters"


def _layout(value: Layout | str | None) -> Layout | None:
    """A layout, or its name (``"timetable"``); ``None`` stays."""
    return None if value is None else Layout(value)


@attrs.frozen
class RenderOptions:
    """What an exporter may be told besides the programme.

    Attributes:
        language: ``de`` or ``en``; ``None`` means the programme's own language.
        generated_at: When the output is made, for formats that stamp it; ``None``
            means the programme's revision, so that the same input gives the same bytes.
        images: The bytes of image files by image id, for formats that embed them.
        calendar_url: Where the whole programme's calendar is published; the page links it
            instead of ``<id>.ics`` when the page is too large to embed it.
        changes: What changed since the previous release, or ``None``.
        history: The changes between earlier releases, oldest first.
        layout: How the web page lays out the days (``document``, ``timetable``, ``auto``);
            ``None`` means the programme's own ``layout``.
    """

    language: str | None = None
    generated_at: dt.datetime | None = None
    images: Mapping[str, bytes] = attrs.field(factory=dict, hash=False)
    """The bytes of the programme's image files by image id, for formats that embed them
    (the HTML page inlines them as ``data:`` URLs). Whoever reads the source reads them too:
    :func:`eventprogram.load_images`."""
    calendar_url: str | None = None
    """Where the whole programme's calendar is published (an ``http`` or ``https`` URL);
    the HTML page links it instead of ``<id>.ics`` when the page is too large to embed the
    calendar. A small page still embeds it, so that it works offline. A URL that
    eventprogram's URL policy refuses is not linked: the page links ``<id>.ics``."""
    changes: Changes | None = attrs.field(default=None, eq=False, hash=False)
    """What changed since the previous release (:func:`eventprogram.diff` of the release
    and this programme), for formats that show a change list; ``None``: nothing to compare
    with. ``changes.new.programme`` is the programme being rendered."""
    history: tuple[Changes, ...] = attrs.field(default=(), eq=False, hash=False)
    """The changes between the earlier releases, one per pair of consecutive releases,
    oldest first, ending where ``changes`` begins: the whole chain of releases. The calendar
    gives each item the SEQUENCE of the release at which it last changed
    (``eventprogram.exporters.ical.sequences``); without it, only ``changes`` counts."""
    layout: Layout | None = attrs.field(default=None, converter=_layout)
    """How the web page lays out the days; ``None``: as the programme says (``Programme.layout``),
    whose default, ``auto``, chooses by the programme's shape. A text (``"timetable"``) is taken
    as its :class:`~eventprogram.Layout`."""


Exporter = Callable[[Programme, RenderOptions], str | bytes]
"""What an exporter is: ``render(programme, options) -> str | bytes``."""

Splitter = Callable[[Programme, RenderOptions], Mapping[str, str | bytes]]
"""What writes one file per slot or session: ``split(programme, options) -> {id: content}``."""


@attrs.frozen
class Format:
    """An output format and the exporter that writes it.

    Attributes:
        name: What users type after ``-f``: ``json``, ``ical``, ``html``.
        suffix: The file name's ending, such as ``.json`` or ``.ics``.
        media_type: The IANA media type, such as ``application/json``.
        render: The exporter.
        description: One line for ``eventprogram formats``.
        split: Where the format can also be written one file per slot and session
            (``eventprogram build --split``), the function that does it.
        missing: Where the format needs an optional part that may not be installed (the
            ``pdf`` format needs WeasyPrint), a function that says what is missing and how
            to install it, or returns ``None`` when all is there. ``eventprogram build``
            leaves such a format out of "all formats" with a note, and refuses it by name
            with the message.
    """

    name: str
    suffix: str
    media_type: str
    render: Exporter
    description: str
    split: Splitter | None = None
    missing: Callable[[], str | None] | None = None

    def unavailable(self) -> str | None:
        """What keeps this format from being written here, or ``None`` when it can be."""
        return None if self.missing is None else self.missing()


@functools.cache
def available() -> Mapping[str, Format]:
    """Return every installed format by name, sorted by name.

    Raises:
        PluginError: An entry point of the group names something that is not a :class:`Format`.
    """
    formats = {
        f.name: f for f in discover(ENTRY_POINT_GROUP, Format, "eventprogram.exporters.Format")
    }
    return dict(sorted(formats.items()))


def get(name: str) -> Format:
    """Return the format called *name*.

    Raises:
        KeyError: No installed format has that name.
    """
    return available()[name]
