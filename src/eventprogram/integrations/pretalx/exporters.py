"""pretalx exporters that publish a schedule through eventprogram's own formats.

Each exporter turns the event's schedule into a :class:`eventprogram.Programme`
with :func:`.adapter.programme_of` and renders it with the format registered in
:mod:`eventprogram.exporters`: the pretalx plugin writes nothing itself.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.utils.translation import get_language
from pretalx.common.exporter import BaseExporter
from pretalx.schedule.models import Schedule

from eventprogram import exporters

from .adapter import programme_of


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
        language = None
        if request is not None and "lang" in getattr(request, "GET", {}):
            language = get_language()
        options = exporters.RenderOptions(language=language, calendar_url=self.calendar_url())
        return exporters.get(self.format_name).render(programme, options)

    def calendar_url(self) -> str | None:
        """Where the page links the whole calendar when it is too large to embed it.

        Only the HTML page links it; see :class:`HtmlExporter`.
        """
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
