"""The ``door-sign`` format: one line per slot and session, for the sign beside a door."""

from __future__ import annotations

from eventprogram import Programme, timeline
from eventprogram.exporters import Format, RenderOptions


def render(programme: Programme, options: RenderOptions) -> str:  # noqa: ARG001 -- the Exporter contract
    """One line per slot and session: time, room, number and title.

    Reads the resolved view, as every format does: times, rooms and numbers are those the
    web page and the calendar show. Plain text needs no escaping; a line break in a title
    would start a new line on the sign, so it becomes a space.

    Args:
        programme: The programme.
        options: Unused: a door sign has no language of its own and no time stamp.

    Returns:
        The timetable, one line each, ending with a line break.
    """
    lines = []
    for item in timeline(programme).items:
        if item.is_marker:
            continue
        room = f" [{item.room.name}]" if item.room else ""
        number = f"{item.numbering} " if item.numbering else ""
        indent = "  " * item.depth
        title = " ".join(item.title.split())
        lines.append(f"{item.start:%H:%M}–{item.end:%H:%M}{room} {indent}{number}{title}")
    return "\n".join(lines) + "\n"


FORMAT = Format(
    name="door-sign",
    suffix=".txt",
    media_type="text/plain; charset=utf-8",
    render=render,
    description="plain text timetable for a door sign",
)
