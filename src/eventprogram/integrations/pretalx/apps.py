"""The Django app that pretalx loads as a plugin."""

from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy

from eventprogram import __version__


class EventprogramPluginApp(AppConfig):
    """The plugin's app: its metadata for pretalx, and its signal receivers."""

    name = "eventprogram.integrations.pretalx"
    label = "eventprogram_pretalx"
    verbose_name = "eventprogram"
    default = True

    class PretalxPluginMeta:
        """What pretalx shows in an event's plugin settings."""

        name = gettext_lazy("eventprogram")
        author = "eventprogram developers"
        description = gettext_lazy(
            "The schedule as an accessible, printable HTML programme, Markdown for a CMS,"
            " iCalendar with breaks and eventprogram JSON."
        )
        visible = True
        version = __version__
        category = "EXPORTER"

    def ready(self) -> None:
        """Connect the receivers of pretalx's signals."""
        from . import signals  # noqa: F401, PLC0415 -- importing connects the receivers
