"""Reading the schedules that pretalx, frab, the CCC hub and FOSDEM publish.

A reader per format turns the file into the same records (:mod:`._records`):
:mod:`._read_xml` for ``schedule.xml``, :mod:`._read_json` for ``schedule.json``
(v1). One builder (:mod:`._build`) turns the records into a
:class:`~eventprogram.Programme`.

Reading is lenient, like the apps that read these files: unknown elements and
keys are ignored, empty and missing fields are the same, durations may have
seconds, links may be plain strings, relative URLs are resolved against
``base_url``, guids need not be UUIDs, events after midnight stay with the day
that lists them, and legacy zone names such as ``US/Eastern`` are understood.
What cannot be read at all (no time, no day) is an error that names the file,
the line where XML gives one, and the field.
"""

from __future__ import annotations

import re
from typing import Final, Literal

from .._model import Programme
from ..errors import SourceError
from ._build import build
from ._read_json import load_json, read_json
from ._read_xml import read_xml

__all__ = ["ScheduleFormat", "read_schedule", "sniff"]

ScheduleFormat = Literal["frab-xml", "c3voc-json"]

_SCHEDULE_KEY: Final = re.compile(rb'"schedule"\s*:\s*\{')
_LEADING: Final = b"\xef\xbb\xbf \t\r\n"


def sniff(data: bytes) -> ScheduleFormat | None:
    """Tell a schedule file from its content: XML, or a JSON object holding ``"schedule"``.

    JSON is told by its structure — a top-level key ``"schedule"`` holding an
    object, wherever it stands in the file. Where the JSON cannot be read at
    all (cut off, broken), a key ``"schedule"`` holding an object anywhere in it
    decides, so that the schedule reader names what is wrong.
    """
    first = data.lstrip(_LEADING)[:1]
    if first == b"<":
        return "frab-xml"
    if first != b"{":
        return None
    if not _SCHEDULE_KEY.search(data) and b"\\u" not in data:
        # No key "schedule" holding an object anywhere, not even one written with escapes:
        # eventprogram's own JSON, read without parsing it twice.
        return None
    try:
        document = load_json(data, "<sniff>")
    except SourceError:
        return "c3voc-json" if _SCHEDULE_KEY.search(data) else None
    schedule = document.get("schedule") if isinstance(document, dict) else None
    return "c3voc-json" if isinstance(schedule, dict) else None


def read_schedule(data: bytes, format: ScheduleFormat, *, source: str = "<string>") -> Programme:  # noqa: A002
    """Read a ``schedule.xml`` or ``schedule.json`` into a programme.

    Args:
        data: The file's bytes.
        format: ``"frab-xml"`` or ``"c3voc-json"``.
        source: The name used in error messages, usually the file's path.

    Raises:
        SourceError: The file is no schedule, or one that cannot be read.
    """
    raw = read_xml(data, source) if format == "frab-xml" else read_json(data, source)
    return build(raw, source)
