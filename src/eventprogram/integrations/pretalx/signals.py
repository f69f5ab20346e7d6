"""Receivers of pretalx's signals: the exporters, and keeping each released schedule.

``register_data_exporters`` gets one receiver per format; ``schedule_release`` one that
keeps the released schedule's programme for the change export (:mod:`.releases`).
pretalx sends these signals only to receivers of plugins that are enabled for the
event, and takes one exporter class from each receiver of ``register_data_exporters``.
"""

from __future__ import annotations

import importlib.util
from typing import Any

from django.dispatch import receiver
from pretalx.common.signals import register_data_exporters
from pretalx.schedule.signals import schedule_release

from .exporters import (
    ChangesHtmlExporter,
    ChangesJsonExporter,
    FlyerExporter,
    HtmlExporter,
    ICalExporter,
    JsonExporter,
    MarkdownExporter,
    PdfExporter,
    ProgrammeExporter,
)
from .releases import keep


@receiver(register_data_exporters, dispatch_uid="eventprogram_exporter_html")
def register_html_exporter(sender: Any, **kwargs: Any) -> type[ProgrammeExporter]:  # noqa: ARG001 -- the signal's arguments
    """Offer the accessible HTML programme."""
    return HtmlExporter


@receiver(register_data_exporters, dispatch_uid="eventprogram_exporter_markdown")
def register_markdown_exporter(sender: Any, **kwargs: Any) -> type[ProgrammeExporter]:  # noqa: ARG001 -- the signal's arguments
    """Offer the programme as Markdown."""
    return MarkdownExporter


@receiver(register_data_exporters, dispatch_uid="eventprogram_exporter_ical")
def register_ical_exporter(sender: Any, **kwargs: Any) -> type[ProgrammeExporter]:  # noqa: ARG001 -- the signal's arguments
    """Offer the programme as iCalendar, breaks included."""
    return ICalExporter


@receiver(register_data_exporters, dispatch_uid="eventprogram_exporter_json")
def register_json_exporter(sender: Any, **kwargs: Any) -> type[ProgrammeExporter]:  # noqa: ARG001 -- the signal's arguments
    """Offer the programme as eventprogram JSON."""
    return JsonExporter


@receiver(register_data_exporters, dispatch_uid="eventprogram_exporter_changes_html")
def register_changes_html_exporter(sender: Any, **kwargs: Any) -> type[ProgrammeExporter]:  # noqa: ARG001 -- the signal's arguments
    """Offer the changes since the previous release as HTML."""
    return ChangesHtmlExporter


@receiver(register_data_exporters, dispatch_uid="eventprogram_exporter_changes_json")
def register_changes_json_exporter(sender: Any, **kwargs: Any) -> type[ProgrammeExporter]:  # noqa: ARG001 -- the signal's arguments
    """Offer the changes since the previous release as JSON."""
    return ChangesJsonExporter


@receiver(schedule_release, dispatch_uid="eventprogram_keep_release")
def keep_release(sender: Any, schedule: Any, **kwargs: Any) -> None:  # noqa: ARG001 -- the signal's arguments
    """Keep the released schedule's programme: the change export compares these."""
    keep(sender, schedule)


# The PDF exports are offered where the ``pdf`` extra is installed. Whether WeasyPrint is
# there is asked without importing it (it is heavy, and pretalx imports this at start-up);
# where it cannot load Pango, the export answers with the error that says so.
if importlib.util.find_spec("weasyprint") is not None:

    @receiver(register_data_exporters, dispatch_uid="eventprogram_exporter_pdf")
    def register_pdf_exporter(sender: Any, **kwargs: Any) -> type[ProgrammeExporter]:  # noqa: ARG001 -- the signal's arguments
        """Offer the printable PDF programme."""
        return PdfExporter

    @receiver(register_data_exporters, dispatch_uid="eventprogram_exporter_flyer")
    def register_flyer_exporter(sender: Any, **kwargs: Any) -> type[ProgrammeExporter]:  # noqa: ARG001 -- the signal's arguments
        """Offer the A4 flyer."""
        return FlyerExporter
