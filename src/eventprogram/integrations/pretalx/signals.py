"""Receivers of pretalx's ``register_data_exporters``: one per format.

pretalx sends the signal only to receivers of plugins that are enabled for the
event, and takes one exporter class from each receiver.
"""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver
from pretalx.common.signals import register_data_exporters

from .exporters import (
    HtmlExporter,
    ICalExporter,
    JsonExporter,
    MarkdownExporter,
    ProgrammeExporter,
)


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
