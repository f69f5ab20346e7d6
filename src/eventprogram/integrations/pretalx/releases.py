"""The released state of each schedule, kept when pretalx releases it, for the change export.

pretalx versions the slots of a schedule (room, start, end) but not the talks in
them: a released schedule shows a talk's current title and speakers, whatever they
were at its release. So a change of speakers or title cannot be seen by comparing
two schedules afterwards, and pretalx's own changelog does not report it.

When pretalx releases a schedule of an event that has the plugin enabled, the
plugin keeps the programme eventprogram makes of it, as canonical JSON
(:func:`eventprogram.dumps`), in the event's settings under
``eventprogram_release_<schedule pk>``. The change export compares these. For a
schedule released before the plugin was enabled, none is kept: the export reads
the schedule as it is now (its slots as released, its talks as they are now).
"""

from __future__ import annotations

from typing import Any

from django_scopes import scope

from eventprogram._model import Programme
from eventprogram._source import dumps, loads
from eventprogram.errors import SourceError

from .adapter import programme_of

KEY = "eventprogram_release_{pk}"
"""The event setting that holds the released state of the schedule with this pk."""


def keep(event: Any, schedule: Any) -> None:
    """Keep the programme of the just released *schedule* in the event's settings."""
    programme = programme_of(event, schedule)
    with scope(event=event):
        event.settings.set(KEY.format(pk=schedule.pk), dumps(programme))


def released_programme(event: Any, schedule: Any) -> Programme:
    """The programme of *schedule* as it was released, where kept; else as it is now."""
    with scope(event=event):
        text = event.settings.get(KEY.format(pk=schedule.pk), as_type=str, default=None)
    if text:
        try:
            return loads(text, "json", source=KEY.format(pk=schedule.pk))
        except SourceError:
            pass  # kept by another version of the plugin, unreadable now: read it anew
    return programme_of(event, schedule)
