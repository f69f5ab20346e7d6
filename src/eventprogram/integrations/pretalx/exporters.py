"""pretalx exporters that publish a schedule through eventprogram's own formats.

Each exporter turns the event's schedule into a :class:`eventprogram.Programme`
with :func:`.adapter.programme_of` and renders it with the format registered in
:mod:`eventprogram.exporters`: the pretalx plugin writes nothing itself.
"""

from __future__ import annotations

import json
from typing import Any, ClassVar

from django.utils.translation import get_language
from django_scopes import scope
from pretalx.common.exporter import BaseExporter
from pretalx.schedule.models import Schedule

from eventprogram import exporters
from eventprogram._assemble import PARALLEL_KIND
from eventprogram._changes import Changes, diff
from eventprogram._feed import changes_page
from eventprogram._text import escape_surrogates

from .adapter import programme_of
from .releases import released_programme


class ProgrammeExporter(BaseExporter):
    """A pretalx exporter for one of eventprogram's formats.

    pretalx up to 2026.2 constructs exporters with the event; its next release
    with the schedule. Both are accepted, and pretalx's views may still set
    :attr:`schedule` after construction. Without a schedule the event's current
    (released) one is exported.
    """

    format_name: ClassVar[str]
    """The name of the format in :func:`eventprogram.exporters.available`."""
    extension: ClassVar[str]
    identifier: ClassVar[str]
    icon: ClassVar[str]
    verbose_name: ClassVar[str]

    filename_identifier = "eventprogram"
    public = True
    show_qrcode = False
    group = "submission"

    def __init__(self, event_or_schedule: Any, *args: Any, **kwargs: Any) -> None:  # noqa: ARG002 -- whatever later pretalx releases pass
        """Take the event, or a schedule and its event.

        ``BaseExporter.__init__`` is not called: its one argument is the event
        in pretalx 2025 and 2026, the schedule in later releases.
        """
        if isinstance(event_or_schedule, Schedule):
            self.event = event_or_schedule.event
            self.schedule: Any = event_or_schedule
        else:
            self.event = event_or_schedule
            self.schedule = None

    @property
    def content_type(self) -> str:
        """The media type of the format."""
        return exporters.get(self.format_name).media_type

    @property
    def filename(self) -> str:
        """The event's slug and the format's suffix; no time stamp, the content is stable."""
        return f"{self.event.slug}{exporters.get(self.format_name).suffix}"

    def get_data(self, request: Any = None, **kwargs: Any) -> str | bytes:  # noqa: ARG002 -- pretalx's signature
        """Render the schedule in the format.

        The language is the one pretalx activated for a ``?lang=`` request,
        otherwise the event's own.

        Raises:
            LookupError: The event has no released schedule and none was given.
        """
        programme = programme_of(self.event, self.schedule)
        language = _requested_language(request)
        options = exporters.RenderOptions(language=language, calendar_url=self.calendar_url())
        return exporters.get(self.format_name).render(programme, options)

    def calendar_url(self) -> str | None:
        """Where the page links the whole calendar when it is too large to embed it.

        Only the HTML page links it; see :class:`HtmlExporter`.
        """
        return None


def _requested_language(request: Any) -> str | None:
    """The language pretalx activated for a ``?lang=`` request; ``None``: the event's own."""
    if request is not None and "lang" in getattr(request, "GET", {}):
        return str(get_language())
    return None


class HtmlExporter(ProgrammeExporter):
    """The accessible, printable HTML programme."""

    format_name = "html"
    extension = "html"
    identifier = "eventprogram.html"
    icon = "fa-file-text-o"
    verbose_name = "eventprogram: accessible HTML programme"

    def calendar_url(self) -> str:
        """The full URL of this plugin's iCalendar export of the event.

        pretalx builds it (``exporter.urls.base.full()``): the event's custom domain, or
        the site's URL, and the event's export path. The page links it where the whole
        calendar is too large to embed; ``<id>.ics`` beside the page would not exist.
        """
        return str(ICalExporter(self.event).urls.base.full())


class MarkdownExporter(ProgrammeExporter):
    """The programme as CommonMark, for a CMS."""

    format_name = "markdown"
    extension = "md"
    identifier = "eventprogram.md"
    icon = "fa-file-text-o"
    verbose_name = "eventprogram: Markdown"


class ICalExporter(ProgrammeExporter):
    """Every talk and break as iCalendar, with the event's time zone."""

    format_name = "ical"
    extension = "ics"
    identifier = "eventprogram.ics"
    icon = "fa-calendar"
    verbose_name = "eventprogram: iCalendar with breaks"


class JsonExporter(ProgrammeExporter):
    """The programme as canonical eventprogram JSON."""

    format_name = "json"
    extension = "json"
    identifier = "eventprogram.json"
    icon = "fa-code"
    verbose_name = "eventprogram: JSON"


class ChangesExporter(ProgrammeExporter):
    """The changes between the released schedule and the one released before it.

    pretalx's own changelog (``Schedule.changes``) keys a talk on its room and local
    start only; this one compares the programmes eventprogram made of the two
    schedules when they were released (:mod:`.releases`) with :func:`eventprogram.diff`,
    so it also reports a new duration, title, kind or set of speakers, and breaks.
    Talks are matched by their code; a break, which has no code, by its start: a
    moved break is one cancelled and one new.
    Where no schedule was released before, nothing has changed.
    """

    filename_identifier = "eventprogram-changes"

    def changes(self) -> Changes:
        """What changed from the schedule released before this one to this one.

        Raises:
            LookupError: The event has no released schedule and none was given.
        """
        with scope(event=self.event):
            schedule = self.schedule or self.event.current_schedule
            if schedule is None:
                raise LookupError(f"the event {self.event.slug!r} has released no schedule")
            previous = schedule.previous_schedule
        new = released_programme(self.event, schedule)
        old = released_programme(self.event, previous) if previous is not None else new
        return _without_wrappers(diff(old, new))

    @property
    def filename(self) -> str:
        """The event's slug and ``.changes.html`` or ``.changes.json``."""
        return f"{self.event.slug}.changes.{self.extension}"


def _without_wrappers(changes: Changes) -> Changes:
    """*changes* without those of the slots that only hold talks in parallel.

    The adapter puts talks that overlap into a slot of kind ``parallel``
    (:func:`eventprogram._assemble.assemble`); such a slot comes and goes, starts and
    ends with its talks, which are reported themselves. pretalx has no such slot.
    """
    kept = tuple(
        change
        for change in changes
        if not (change.item.is_slot and change.item.kind.id == PARALLEL_KIND)
    )
    return Changes(
        old=changes.old,
        new=changes.new,
        changes=kept,
        _by_id={change.id: change for change in kept},
    )


class ChangesHtmlExporter(ChangesExporter):
    """The changes since the previous release as a small HTML page."""

    format_name = "html"
    extension = "html"
    identifier = "eventprogram.changes.html"
    icon = "fa-history"
    verbose_name = "eventprogram: changes since the previous release (HTML)"

    def get_data(self, request: Any = None, **kwargs: Any) -> str:  # noqa: ARG002 -- pretalx's signature
        """The change list as an HTML page, in the requested or the event's language."""
        return changes_page(self.changes(), _requested_language(request))


class ChangesJsonExporter(ChangesExporter):
    """The changes since the previous release as eventprogram's changes document."""

    format_name = "json"
    extension = "json"
    identifier = "eventprogram.changes.json"
    icon = "fa-history"
    verbose_name = "eventprogram: changes since the previous release (JSON)"

    def get_data(self, request: Any = None, **kwargs: Any) -> str:  # noqa: ARG002 -- pretalx's signature
        """The changes document (``changes.schema.json``); no earlier release: no changes."""
        changes = self.changes()
        document = changes.to_dict()
        if changes.old.programme is changes.new.programme:  # nothing released before
            document["old_revision"] = None
        return escape_surrogates(json.dumps(document, ensure_ascii=False, indent=2) + "\n")


class PdfExporter(ProgrammeExporter):
    """The printed programme as a tagged A4 PDF (the ``pdf`` extra: WeasyPrint)."""

    format_name = "pdf"
    extension = "pdf"
    identifier = "eventprogram.pdf"
    icon = "fa-file-pdf-o"
    verbose_name = "eventprogram: printable PDF programme (PDF/UA)"


class FlyerExporter(ProgrammeExporter):
    """Times and titles on a folded A4 flyer, as a tagged PDF (the ``pdf`` extra)."""

    format_name = "pdf-flyer"
    extension = "pdf"
    identifier = "eventprogram.flyer.pdf"
    icon = "fa-file-pdf-o"
    verbose_name = "eventprogram: A4 flyer, times and titles (PDF/UA)"
