"""Reading and writing programme sources: organiser TOML and canonical JSON.

TOML is what organisers write: times as local wall-clock (``"10:05"``) on the
day they belong to. JSON is the canonical, lossless form that other tools read:
``loads(dumps(p)) == p``. Both become plain data, are brought to one shape,
and are structured by the one converter; everything wrong comes out as a
:class:`~eventprogram.errors.SourceError` naming file, line and field.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import tomllib
from pathlib import Path
from typing import Any, Final, Literal

import cattrs

from . import _convert
from ._locate import locate_toml
from ._model import Programme
from ._rules import dangling_references, duplicate_ids
from .errors import Problem, SourceError

__all__ = ["FORMAT_MARKER", "SourceFormat", "dumps", "load", "load_images", "loads", "source_file"]

FORMAT_MARKER: Final = "eventprogram/1"
"""The value of the ``format`` key that marks eventprogram's JSON, version 1."""

SourceFormat = Literal["toml", "json", "frab-xml", "c3voc-json"]

_SUFFIXES: Final[dict[str, SourceFormat]] = {".toml": "toml", ".json": "json", ".xml": "frab-xml"}
_FOLDER_FILES: Final = ("programme.toml", "programme.json")
_TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?$")
_GERMAN_TIME = re.compile(r"^(\d{1,2})\.(\d{2})(?: ?Uhr)?$")
_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)$")


class _Problems(Exception):  # noqa: N818 -- internal carrier, never escapes this module
    def __init__(self, problems: list[tuple[str, str, str | None]]) -> None:
        self.problems = problems


def source_file(path: str | os.PathLike[str]) -> Path:
    """Return the file a source path means: the path itself, or a folder's programme file.

    Raises:
        SourceError: A folder holds no programme file.
    """
    source = Path(path)
    if not source.is_dir():
        return source
    found = [source / name for name in _FOLDER_FILES if (source / name).is_file()]
    if not found:
        raise SourceError(
            [
                Problem(
                    "the folder holds no programme",
                    file=str(source),
                    hint="put the programme into programme.toml there",
                )
            ]
        )
    return found[0]


def load_images(
    programme: Programme, path: str | os.PathLike[str]
) -> tuple[dict[str, bytes], list[Problem]]:
    """Read the image files that *programme* names, relative to its source *path*.

    Images given by URL or without ``src`` are left out. A file that cannot be read
    is left out too, and named in the problems: a programme copied without its
    pictures still builds.

    Returns:
        The bytes by image id, and a problem for each file that could not be read.
    """
    file = source_file(path)
    images: dict[str, bytes] = {}
    problems = []
    for index, image in enumerate(programme.images):
        if image.src is None or "://" in image.src or image.src.startswith("data:"):
            continue
        picture = file.parent / image.src
        try:
            images[image.id] = picture.read_bytes()
        except OSError as exc:
            problems.append(
                Problem(
                    f"cannot read the image {str(picture)!r} ({exc.strerror}); it is left out",
                    file=str(file),
                    path=f"images[{index}].src",
                )
            )
    return images, problems


def load(path: str | os.PathLike[str]) -> Programme:
    """Read a programme from a TOML or JSON file, a folder's ``programme.toml``, or a schedule.

    A ``schedule.xml`` (frab, pretalx, the CCC hub, FOSDEM) or a C3VOC
    ``schedule.json`` is recognised by its content and imported
    (:mod:`eventprogram.importers`).

    Args:
        path: A file, or a folder holding ``programme.toml`` (or ``programme.json``).

    Returns:
        The programme.

    Raises:
        SourceError: The file cannot be read or holds no valid programme.
    """
    source = source_file(path)
    try:
        data = source.read_bytes()
    except OSError as exc:
        raise SourceError([Problem(f"cannot read: {exc.strerror}", file=str(source))]) from None
    return loads(data, format=_SUFFIXES.get(source.suffix.lower()), source=str(source))


def loads(
    text: str | bytes,
    format: SourceFormat | None = None,  # noqa: A002 -- the word users expect
    *,
    source: str = "<string>",
) -> Programme:
    """Read a programme from TOML or JSON text, or from a schedule.xml or schedule.json.

    Args:
        text: The source, as text or as UTF-8 bytes.
        format: ``"toml"``, ``"json"``, ``"frab-xml"`` or ``"c3voc-json"``; when
            ``None``, or ``"json"`` for a file that holds a ``schedule``, told
            from the content.
        source: The name used in error messages, usually the file's path.

    Returns:
        The programme.

    Raises:
        SourceError: The text holds no valid programme.
    """
    from .importers import read_schedule, sniff  # noqa: PLC0415 -- they import this module's users

    raw = text.encode("utf-8") if isinstance(text, str) else text
    schedule = sniff(raw) if format in {None, "json"} else None
    if format in {"frab-xml", "c3voc-json"} or schedule is not None:
        return read_schedule(raw, schedule or format, source=source)  # type: ignore[arg-type]
    text = _decode(text, source)
    if not text.strip():
        raise SourceError([Problem("the file is empty: there is no programme in it", file=source)])
    if format is None:
        format = "json" if text.lstrip().startswith("{") else "toml"  # noqa: A001
    data = _parse_json(text, source) if format == "json" else _parse_toml(text, source)

    def fail(problems: list[tuple[str, str, str | None]]) -> SourceError:
        return SourceError(
            [
                Problem(
                    message,
                    file=source,
                    line=locate_toml(text, path, message) if format == "toml" else None,
                    path=path or None,
                    hint=hint,
                )
                for path, message, hint in problems
            ]
        )

    try:
        data = _normalise(data, format)
    except _Problems as exc:
        raise fail(exc.problems) from None
    try:
        programme = _convert.structure(data)
    except (cattrs.BaseValidationError, ValueError, TypeError, KeyError) as exc:
        problems = _convert.structuring_problems(exc)
        raise fail([(path, message, None) for path, message in problems]) from None
    # What loading must check: without these, references would point nowhere or to two places.
    violations = [v for rule in (duplicate_ids, dangling_references) for v in rule.check(programme)]
    if violations:
        raise fail([(v.path, v.message_en, v.hint_en) for v in violations])
    return programme


def dumps(programme: Programme, format: Literal["json"] = "json") -> str:  # noqa: A002
    """Write *programme* as canonical JSON: lossless, stable key order, UTF-8 text.

    Args:
        programme: The programme.
        format: ``"json"``, the canonical form (the only one that is written back).

    Returns:
        The JSON text, ending in a newline. The same programme always gives the same text.
    """
    if format != "json":
        raise ValueError(f"cannot write programmes as {format!r}; use 'json'")
    data = {"format": FORMAT_MARKER, **_convert.unstructure(programme)}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


# -- reading ------------------------------------------------------------------------


def _decode(text: str | bytes, source: str) -> str:
    if isinstance(text, str):
        return text.removeprefix("\ufeff")
    if b"\x00" in text:
        raise SourceError(
            [Problem("this is a binary file, not a programme in TOML or JSON", file=source)]
        )
    try:
        return text.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = text[: exc.start].count(b"\n") + 1
        raise SourceError(
            [
                Problem(
                    "the file is not UTF-8 text",
                    file=source,
                    line=line,
                    hint="save it as UTF-8 in your editor",
                )
            ]
        ) from None


def _parse_toml(text: str, source: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        position = _TOML_POSITION.search(message)
        line = int(position.group(1)) if position else None
        message = _TOML_POSITION.sub("", message).strip()
        raise SourceError([Problem(f"not valid TOML: {message}", file=source, line=line)]) from None


def _parse_json(text: str, source: str) -> dict[str, Any]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        hint = "the file may be cut short" if exc.pos >= len(text.rstrip()) else None
        raise SourceError(
            [Problem(f"not valid JSON: {exc.msg}", file=source, line=exc.lineno, hint=hint)]
        ) from None
    if not isinstance(data, dict):
        raise SourceError([Problem("expected a JSON object holding a programme", file=source)])
    return data


def _normalise(data: dict[str, Any], format: SourceFormat) -> dict[str, Any]:  # noqa: A002
    """Check the format marker and turn wall-clock times into local date-times."""
    data = dict(data)
    marker = data.pop("format", None)
    if marker is None and format == "json":
        raise _Problems(
            [
                (
                    "format",
                    "no format marker: this is not an eventprogram JSON file",
                    f'eventprogram JSON starts with "format": "{FORMAT_MARKER}"',
                )
            ]
        )
    if marker is not None and marker != FORMAT_MARKER:
        raise _Problems(
            [("format", f"unsupported format {marker!r}", f"this version reads {FORMAT_MARKER!r}")]
        )
    problems: list[tuple[str, str, str | None]] = []
    days = data.get("days")
    if isinstance(days, list):
        data["days"] = [_normalise_day(day, f"days[{d}]", problems) for d, day in enumerate(days)]
    if problems:
        raise _Problems(problems)
    return data


def _normalise_day(day: Any, path: str, problems: list[tuple[str, str, str | None]]) -> Any:
    if not isinstance(day, dict):
        return day
    try:
        date = _convert.converter().structure(day.get("date"), dt.date)
    except (ValueError, TypeError):
        return day  # structuring reports the date
    day = dict(day)
    if isinstance(day.get("slots"), list):
        day["slots"] = [
            _normalise_timed(slot, date, f"{path}.slots[{s}]", problems)
            for s, slot in enumerate(day["slots"])
        ]
    return day


def _normalise_timed(
    item: Any, date: dt.date, path: str, problems: list[tuple[str, str, str | None]]
) -> Any:
    """Resolve ``start`` and ``end`` of a slot or session, and of its sessions."""
    if not isinstance(item, dict):
        return item
    item = dict(item)
    for key in ("start", "end"):
        if key in item:
            item[key] = _wall_clock(item[key], date, f"{path}.{key}", problems)
    if isinstance(item.get("sessions"), list):
        item["sessions"] = [
            _normalise_timed(session, date, f"{path}.sessions[{i}]", problems)
            for i, session in enumerate(item["sessions"])
        ]
    return item


def _wall_clock(
    value: Any, date: dt.date, path: str, problems: list[tuple[str, str, str | None]]
) -> Any:
    """Turn ``"10:05"`` (or a TOML time) into the local date-time on *date*."""
    if isinstance(value, dt.time):
        if value.tzinfo is not None:
            problems.append((path, "a time here carries no offset", "write it as '10:05'"))
        return dt.datetime.combine(date, value.replace(tzinfo=None))
    if not isinstance(value, str):
        return value  # structuring reports the type
    if match := _TIME.match(value):
        hour, minute, second = (int(g) if g else 0 for g in match.groups())
        if hour > 23 or minute > 59 or second > 59:
            problems.append(
                (path, f"{value!r} is not a time of day", "times run from 00:00 to 23:59")
            )
            return value
        return dt.datetime.combine(date, dt.time(hour, minute, second))
    if match := _GERMAN_TIME.match(value):
        problems.append(
            (
                path,
                f"{value!r} is not a time in the form HH:MM",
                f"write '{int(match.group(1)):02d}:{match.group(2)}'",
            )
        )
        return value
    try:
        dt.datetime.fromisoformat(value)
    except ValueError:
        problems.append(
            (
                path,
                f"{value!r} is not a time",
                "write a time such as '10:05', or a date and time such as '2025-05-16T00:30'",
            )
        )
    return value
