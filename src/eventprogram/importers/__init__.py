"""Importers: read the schedules that conference tools publish.

``frab-xml`` reads the ``schedule.xml`` of frab, pretalx, the CCC hub and
FOSDEM (pentabarf); ``c3voc-json`` reads the C3VOC ``schedule.json`` (v1) of
frab, pretalx and the hub. :func:`eventprogram.load` uses them for files it
recognises as schedules, so every command works on them as on a programme.
"""

from __future__ import annotations

from ._schedule import ScheduleFormat, read_schedule, sniff

__all__ = ["ScheduleFormat", "read_schedule", "sniff"]
