r"""Reading and writing programme sources: organiser TOML and canonical JSON.

TOML is what organisers write: times as local wall-clock (``"10:05"``) on the
day they belong to. JSON is the canonical, lossless form that other tools read:
``loads(dumps(p)) == p``. Both become plain data, are brought to one shape,
and are structured by the one converter; everything wrong comes out as a
:class:`~eventprogram.errors.SourceError` naming file, line and field, with its
message in German and English.

Hostile input ends the same way. The limits, none of which a real programme
comes near (see "Limits" in the source format reference):

- a source file of at most :data:`LARGEST_SOURCE` bytes, and a regular file;
- data nested at most :data:`DEEPEST_NESTING` levels (tables and lists);
- sub-sessions at most :data:`DEEPEST_SESSIONS` levels below a slot;
- whole numbers of at most 4,300 digits when read (Python's limit) and from 1 to
  1,000,000 where the model takes them; dates from 1900 to 2999;
- text without lone surrogates (U+D800 to U+DFFF, written ``\ud800`` in JSON);
- images that are regular files inside the source's folder, of at most
  :data:`LARGEST_IMAGE` bytes.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import stat
import tomllib
import zoneinfo
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Final, Literal

import attrs
import cattrs

from . import _convert
from ._bilingual import Text
from ._convert import FieldProblem
from ._json_text import indented
from ._locate import JsonLocator, TomlLocator
from ._model import FIRST_DATE, ID_PATTERN, LAST_DATE, Programme, _check_zone
from ._references import Suggestions, dangling_references, duplicate_ids
from ._timeline import collector_paused
from .errors import Problem, SourceError

__all__ = [
    "DEEPEST_NESTING",
    "DEEPEST_SESSIONS",
    "FORMAT_MARKER",
    "LARGEST_IMAGE",
    "LARGEST_SOURCE",
    "SourceFormat",
    "dumps",
    "load",
    "load_images",
    "loads",
    "source_file",
]

FORMAT_MARKER: Final = "eventprogram/1"
"""The value of the ``format`` key that marks eventprogram's JSON, version 1."""

DEEPEST_NESTING: Final = 32
"""How many levels of tables and lists a source may nest; a programme needs about 25."""
DEEPEST_SESSIONS: Final = 8
"""How many levels of sessions a slot may hold: sessions, their sub-sessions, and so on."""
LARGEST_SOURCE: Final = 100 * 2**20
"""The largest source file read, in bytes (100 MiB): 50,000 events take about 30 MiB."""
LARGEST_IMAGE: Final = 5 * 2**20
"""The largest image file read, in bytes (5 MiB): a logo or picture for a web page."""

SourceFormat = Literal["toml", "json", "frab-xml", "c3voc-json"]

_SUFFIXES: Final[dict[str, SourceFormat]] = {".toml": "toml", ".json": "json", ".xml": "frab-xml"}
_FOLDER_FILES: Final = ("programme.toml", "programme.json")
_OFFSET: Final = r"(Z|[+-]\d{2}:\d{2})"
_TIME = re.compile(rf"^(\d{{1,2}}):(\d{{2}})(?::(\d{{2}}))?{_OFFSET}?$")
_GERMAN_TIME = re.compile(r"^(\d{1,2})\.(\d{2})(?: ?Uhr)?$")
_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)$")
_TOML_END = re.compile(r"\(at end of document\)$")
_LONG_NUMBER = re.compile(r"\d{4301,}")
_SURROGATE_ESCAPE = re.compile(
    r"\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F])"
    r"|(?<!\\u[dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2}"
)
"""A JSON escape of half a surrogate pair without its other half."""
_SESSIONS_TOO_DEEP: Final = Text(
    f"Sessions sind tiefer als {DEEPEST_SESSIONS} Ebenen verschachtelt",
    f"sessions are nested deeper than {DEEPEST_SESSIONS} levels",
)
_PLACEHOLDER_DATE: Final = dt.date(2000, 1, 1)
"""Times of a day whose date is broken are read on this date: only the date is reported."""


class _Problems(Exception):  # noqa: N818 -- internal carrier, never escapes this module
    def __init__(self, problems: list[FieldProblem]) -> None:
        self.problems = problems


def source_file(path: str | os.PathLike[str]) -> Path:
    """Return the file a source path means: the path itself, or a folder's programme file.

    Raises:
        SourceError: A folder holds no programme file, or cannot be read.
    """
    source = Path(path)
    try:
        if not source.is_dir():
            return source
        found = [source / name for name in _FOLDER_FILES if (source / name).is_file()]
    except OSError as exc:
        raise SourceError(
            [
                Problem(
                    Text(
                        f"der Ordner kann nicht gelesen werden ({exc.strerror})",
                        f"cannot read the folder ({exc.strerror})",
                    ),
                    file=str(source),
                )
            ]
        ) from None
    if not found:
        raise SourceError(
            [
                Problem(
                    Text("der Ordner enthält kein Programm", "the folder holds no programme"),
                    file=str(source),
                    hint=Text(
                        "das Programm dort in programme.toml schreiben",
                        "put the programme into programme.toml there",
                    ),
                )
            ]
        )
    return found[0]


def _read_regular(path: Path, limit: int) -> bytes:
    """Read the regular file at *path*, of at most *limit* bytes.

    It is opened without blocking, so that a FIFO cannot hang the reader, and
    looked at before a byte is read, so that a device cannot flood it.

    Raises:
        _Refused: It is no regular file, or larger than *limit*.
        OSError: It cannot be read.
    """
    if not stat.S_ISREG(path.stat().st_mode):
        raise _Refused(Text("es ist keine gewöhnliche Datei", "it is not a regular file"))
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(descriptor, "rb") as file:
        status = os.fstat(file.fileno())
        if not stat.S_ISREG(status.st_mode):  # replaced since it was looked at
            raise _Refused(Text("es ist keine gewöhnliche Datei", "it is not a regular file"))
        data = file.read(limit + 1)
    if len(data) > limit:
        mib = limit // 2**20
        raise _Refused(
            Text(f"sie ist größer als {mib} MiB", f"it is larger than {mib} MiB"),
        )
    return data


class _Refused(Exception):  # noqa: N818 -- internal carrier, never escapes this module
    def __init__(self, text: Text) -> None:
        super().__init__(text.en)
        self.text = text


def _inside(folder: Path, src: str) -> Path | None:
    """The file *src* names relative to *folder*, if it lies inside it (links resolved)."""
    if "\x00" in src:
        return None
    root = folder.resolve()
    try:
        picture = (root / src).resolve()
    except (OSError, RuntimeError):  # a loop of links
        return None
    return picture if picture.is_relative_to(root) and picture != root else None


def load_images(
    programme: Programme, path: str | os.PathLike[str]
) -> tuple[dict[str, bytes], list[Problem]]:
    """Read the image files that *programme* names, relative to its source *path*.

    Images given by URL or without ``src`` are left out. A file that cannot be read
    is left out too, and named in the problems: a programme copied without its
    pictures still builds. Only regular files inside the source's folder (symbolic
    links resolved) of at most :data:`LARGEST_IMAGE` bytes are read: a build
    service must not show files from elsewhere on its machine, nor wait on a FIFO
    or read a device without end.

    Returns:
        The bytes by image id, and a problem for each file that was not read.
    """
    file = source_file(path)
    images: dict[str, bytes] = {}
    problems = []
    for index, image in enumerate(programme.images):
        if image.src is None or "://" in image.src or image.src.startswith("data:"):
            continue
        shown = ascii(image.src) if "\x00" in image.src else repr(image.src)
        picture = _inside(file.parent, image.src)
        reason: Text | None = None
        if "\x00" in image.src:
            reason = Text("der Pfad enthält ein NUL-Zeichen", "the path holds a NUL character")
        elif picture is None:
            reason = Text(
                "es liegt nicht im Ordner des Programms", "it is not inside the programme's folder"
            )
        else:
            try:
                images[image.id] = _read_regular(picture, LARGEST_IMAGE)
            except _Refused as exc:
                reason = exc.text
            except OSError as exc:
                reason = Text.same(exc.strerror or type(exc).__name__)
        if reason is not None:
            problems.append(
                Problem(
                    Text(
                        f"das Bild {shown} wird weggelassen: {reason.de}",
                        f"cannot read the image {shown} ({reason.en}); it is left out",
                    ),
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
    reason: Text | None = None
    try:
        data = _read_regular(source, LARGEST_SOURCE)
    except _Refused as exc:
        reason = exc.text
    except OSError as exc:
        reason = Text.same(exc.strerror or type(exc).__name__)
    if reason is not None:
        raise SourceError(
            [
                Problem(
                    Text(f"kann nicht gelesen werden: {reason.de}", f"cannot read: {reason.en}"),
                    file=str(source),
                )
            ]
        )
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
    # Reading makes tens of thousands of objects, none of them garbage: see collector_paused.
    with collector_paused():
        return _loads(text, format, source)


def _loads(text: str | bytes, format: SourceFormat | None, source: str) -> Programme:  # noqa: A002
    from .importers import read_schedule, sniff  # noqa: PLC0415 -- they import this module's users

    raw = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text
    schedule = sniff(raw) if format in {None, "json"} else None
    if format in {"frab-xml", "c3voc-json"} or schedule is not None:
        return read_schedule(raw, schedule or format, source=source)  # type: ignore[arg-type]
    text = _decode(text, source)
    if not text.strip():
        raise SourceError(
            [
                Problem(
                    Text(
                        "die Datei ist leer: es steht kein Programm darin",
                        "the file is empty: there is no programme in it",
                    ),
                    file=source,
                )
            ]
        )
    if format is None:
        format = "json" if text.lstrip().startswith("{") else "toml"  # noqa: A001
    data = _parse_json(text, source) if format == "json" else _parse_toml(text, source)
    # An organiser's TOML without `language` is German (the model's default): so are its problems.
    default = attrs.fields(Programme).language.default if format == "toml" else None
    language = data.get("language", default)
    language = language if isinstance(language, str) else None

    def fail(problems: list[FieldProblem]) -> SourceError:
        locator = TomlLocator(text) if format == "toml" else JsonLocator(text)
        return SourceError(
            [
                Problem(
                    problem.text,
                    file=source,
                    line=_line(problem, locator),
                    path=problem.path or None,
                    hint=problem.hint,
                )
                for problem in problems
            ],
            language=language,
        )

    shape = _shape_problems(data, text)
    try:
        data = _normalise(data, format)
    except _Problems as exc:
        # Sessions nested too deep are told as such, not again as data nested too deep.
        sessions = tuple(p.path for p in exc.problems if p.text == _SESSIONS_TOO_DEEP)
        raise fail(
            [p for p in shape if not p.path.startswith(sessions) or not sessions] + exc.problems
        ) from None
    if shape:
        raise fail(shape)
    try:
        programme = _convert.structure(data)
    except (cattrs.BaseValidationError, ValueError, TypeError, KeyError) as exc:
        raise fail(_with_reference_hints(_convert.structuring_problems(exc), data)) from None
    # What loading must check: without these, references would point nowhere or to two places.
    violations = [v for rule in (duplicate_ids, dangling_references) for v in rule.check(programme)]
    if violations:
        raise fail(
            [
                FieldProblem(
                    v.path,
                    Text(v.message_de, v.message_en),
                    None if v.hint_en is None else Text(v.hint_de or v.hint_en, v.hint_en),
                )
                for v in violations
            ]
        )
    return programme


_REFERENCES: Final = (
    (re.compile(r"^days\[\d+\]\.slots\[\d+\](?:\.sessions\[\d+\])*\.kind$"), "kind"),
    (re.compile(r"\.room$"), "room"),
    (re.compile(r"\.people\[\d+\]\.person$"), "person"),
    (re.compile(r"\.provisions\[\d+\]\.provision$"), "provision"),
    (re.compile(r"\.people\[\d+\]\.roles$"), "role"),
    (re.compile(r"^(?:organisers|people|images)\[\d+\]\.organisation$"), "organisation"),
)
"""Fields that refer to something by id, by their paths, and the sort they refer to."""
_PATH_STEP: Final = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def _with_reference_hints(problems: list[FieldProblem], data: Any) -> list[FieldProblem]:
    """Add a "did you mean" to a reference that is no id at all (``room = "Großer Saal"``).

    Such a value fails as a bad id before references are looked at; an organiser
    who wrote a room's name, a person's name or a kind's label needs the id it
    means, taken from what the source defines and the built-ins.
    """
    suggestions: Suggestions | None = None
    found = []
    for problem in problems:
        sort = next((sort for pattern, sort in _REFERENCES if pattern.search(problem.path)), None)
        value = _at(data, problem.path) if sort is not None and problem.hint is None else None
        wrong = [v for v in (value if isinstance(value, list) else [value]) if isinstance(v, str)]
        wrong = [v for v in wrong if not ID_PATTERN.fullmatch(v)]
        hint = None
        if sort is not None and wrong:
            suggestions = suggestions or Suggestions(data)
            hint = suggestions.hint(sort, wrong[0])
        found.append(problem if hint is None else problem._replace(hint=hint))
    return found


def _at(data: Any, path: str) -> Any:
    """The value at *path* (``days[0].slots[2].room``) in plain data, or ``None``."""
    for name, index in _PATH_STEP.findall(path):
        if name and isinstance(data, dict):
            data = data.get(name)
        elif index and isinstance(data, list) and int(index) < len(data):
            data = data[int(index)]
        else:
            return None
    return data


def _line(problem: FieldProblem, locator: TomlLocator | JsonLocator) -> int | None:
    """The line of *problem* in the source, where it can be found."""
    if problem.line is not None:
        return problem.line
    if isinstance(locator, JsonLocator):
        return locator.locate(problem.path, problem.key)
    return locator.locate(problem.path, f"unknown key '{problem.key}'" if problem.key else "")


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
    with collector_paused():  # a dict or list for every part of the programme, all kept
        data = {"format": FORMAT_MARKER, **_convert.unstructure(programme)}
        # What json.dumps(data, ensure_ascii=False, indent=2) writes, and a line break.
        text = indented(data, end="\n")
        del data  # gone before the collector runs again, so that it walks none of it
    return text


# -- reading ------------------------------------------------------------------------


def _decode(text: str | bytes, source: str) -> str:
    if isinstance(text, str):
        return text.removeprefix("\ufeff")
    if b"\x00" in text:
        raise SourceError(
            [
                Problem(
                    Text(
                        "das ist eine Binärdatei, kein Programm in TOML oder JSON",
                        "this is a binary file, not a programme in TOML or JSON",
                    ),
                    file=source,
                )
            ]
        )
    try:
        return text.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = text[: exc.start].count(b"\n") + 1
        raise SourceError(
            [
                Problem(
                    Text("die Datei ist kein UTF-8-Text", "the file is not UTF-8 text"),
                    file=source,
                    line=line,
                    hint=Text(
                        "sie im Editor als UTF-8 speichern", "save it as UTF-8 in your editor"
                    ),
                )
            ]
        ) from None


def _too_deep(source: str) -> SourceError:
    return SourceError(
        [
            Problem(
                Text(
                    f"die Daten sind tiefer als {DEEPEST_NESTING} Ebenen verschachtelt",
                    f"the data is nested deeper than {DEEPEST_NESTING} levels",
                ),
                file=source,
            )
        ]
    )


def _too_long(text: str, source: str) -> SourceError:
    """The error for a number longer than Python reads (4,300 digits)."""
    found = _LONG_NUMBER.search(text)
    line = text.count("\n", 0, found.start()) + 1 if found else None
    return SourceError(
        [
            Problem(
                Text("eine Zahl hat mehr als 4300 Ziffern", "a number has more than 4,300 digits"),
                file=source,
                line=line,
                hint=Text(
                    "Zahlen im Programm liegen zwischen 1 und 1000000",
                    "numbers in a programme are from 1 to 1,000,000",
                ),
            )
        ]
    )


def _parse_toml(text: str, source: str) -> dict[str, Any]:
    # tomllib reads nested arrays and inline tables recursively, and Python's
    # int() refuses more than 4,300 digits: both end as errors, not tracebacks.
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        position = _TOML_POSITION.search(message)
        line = int(position.group(1)) if position else None
        column = int(position.group(2)) if position else None
        message = _TOML_END.sub("", _TOML_POSITION.sub("", message)).strip()
        if line is None and message.startswith("Unclosed"):
            line = text.count("\n") + 1  # at the end of the document: its last line
        lines = text.splitlines()
        line_text = lines[line - 1] if line is not None and line <= len(lines) else None
        from ._syntax import toml_syntax  # noqa: PLC0415 -- only a broken file needs it

        what, hint = toml_syntax(message, line_text, column)
        raise SourceError([Problem(what, file=source, line=line, hint=hint)]) from None
    except RecursionError:
        raise _too_deep(source) from None
    except ValueError:
        raise _too_long(text, source) from None


def _parse_json(text: str, source: str) -> dict[str, Any]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        from ._syntax import json_syntax  # noqa: PLC0415 -- only a broken file needs it

        # A string never closed runs to the end of the file: cut short, like one that stops early.
        cut = exc.pos >= len(text.rstrip()) or exc.msg.startswith("Unterminated string")
        raise SourceError(
            [
                Problem(
                    json_syntax(exc.msg),
                    file=source,
                    line=exc.lineno,
                    hint=Text("die Datei ist womöglich abgeschnitten", "the file may be cut short")
                    if cut
                    else None,
                )
            ]
        ) from None
    except RecursionError:
        raise _too_deep(source) from None
    except ValueError:
        raise _too_long(text, source) from None
    if not isinstance(data, dict):
        raise SourceError(
            [
                Problem(
                    Text(
                        "erwartet wird ein JSON-Objekt mit einem Programm",
                        "expected a JSON object holding a programme",
                    ),
                    file=source,
                )
            ]
        )
    return data


def _shape_problems(data: dict[str, Any], text: str) -> list[FieldProblem]:
    """Refuse data nested deeper than :data:`DEEPEST_NESTING`, and text with lone surrogates.

    It walks without recursion, before anything that recurses (the converter, the
    normalisation, the exporters) sees the data. It walks in the order of the
    source, so the n-th lone surrogate found is the n-th escape of one in *text*.
    """
    # No lone surrogate in the text, nor one written as an escape: only the depth is to be
    # checked, and paths are needed only where it is too deep.
    plain = not _has_surrogate(text) and ("\\u" not in text or not _SURROGATE_ESCAPE.search(text))
    if plain and _deepest(data) <= DEEPEST_NESTING:
        return []
    problems = []
    lines = _lines_of(_SURROGATE_ESCAPE, text)
    stack: list[tuple[Any, str, int]] = [(data, "", 1)]
    while stack:
        value, path, depth = stack.pop()
        if isinstance(value, str):
            if _has_surrogate(value):
                problems.append(
                    FieldProblem(
                        path,
                        Text(
                            "der Text enthält ein halbes Zeichen (ein einzelnes Surrogat"
                            " wie \\ud800), das kein Unicode-Zeichen ist",
                            "the text holds half a character (a lone surrogate such as"
                            " \\ud800), which is no Unicode character",
                        ),
                        line=next(lines, None),
                    )
                )
            continue
        if not isinstance(value, (dict, list)):
            continue
        if depth > DEEPEST_NESTING:
            problems.append(
                FieldProblem(
                    path,
                    Text(
                        f"die Daten sind hier tiefer als {DEEPEST_NESTING} Ebenen verschachtelt",
                        f"the data is nested deeper than {DEEPEST_NESTING} levels here",
                    ),
                )
            )
            continue
        items: Iterator[tuple[str, Any]]
        if isinstance(value, dict):
            if any(_has_surrogate(key) for key in value):
                problems.append(
                    FieldProblem(
                        path,
                        Text(
                            "ein Schlüssel enthält ein einzelnes Surrogat wie \\ud800",
                            "a key holds a lone surrogate such as \\ud800",
                        ),
                        line=next(lines, None),
                    )
                )
            items = ((f"{path}.{key}" if path else key, item) for key, item in value.items())
        else:
            items = ((f"{path}[{index}]", item) for index, item in enumerate(value))
        stack.extend(
            (item, item_path, depth + 1)
            for item_path, item in reversed(list(items))
            if not _has_surrogate(item_path)
        )
    return problems


def _deepest(data: dict[str, Any]) -> int:
    """How many levels of tables and lists *data* nests (1 for a table of plain values).

    Without recursion, and without the paths :func:`_shape_problems` names problems by:
    a quick look for the common case that nothing is wrong.
    """
    deepest = 0
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        deepest = max(deepest, depth)
        if depth > DEEPEST_NESTING:
            break
        items = value.values() if isinstance(value, dict) else value
        stack.extend((item, depth + 1) for item in items if isinstance(item, dict | list))
    return deepest


def _lines_of(pattern: re.Pattern[str], text: str) -> Iterator[int]:
    """Yield the line (1-based) of every match of *pattern* in *text*, in one pass."""
    line, position = 1, 0
    for match in pattern.finditer(text):
        line += text.count("\n", position, match.start())
        position = match.start()
        yield line


def _has_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _normalise(data: dict[str, Any], format: SourceFormat) -> dict[str, Any]:  # noqa: A002
    """Check the format marker and turn wall-clock times into local date-times."""
    data = dict(data)
    marker = data.pop("format", None)
    if marker is None and format == "json":
        raise _Problems(
            [
                FieldProblem(
                    "format",
                    Text(
                        "keine Formatangabe: das ist keine JSON-Datei von eventprogram",
                        "no format marker: this is not an eventprogram JSON file",
                    ),
                    Text(
                        f'JSON von eventprogram beginnt mit "format": "{FORMAT_MARKER}"',
                        f'eventprogram JSON starts with "format": "{FORMAT_MARKER}"',
                    ),
                )
            ]
        )
    if marker is not None and marker != FORMAT_MARKER:
        shown = _convert.describe(marker)
        raise _Problems(
            [
                FieldProblem(
                    "format",
                    Text(f"unbekanntes Format: {shown.de}", f"unsupported format: {shown.en}"),
                    Text(
                        f"diese Version liest {FORMAT_MARKER!r}",
                        f"this version reads {FORMAT_MARKER!r}",
                    ),
                )
            ]
        )
    problems: list[FieldProblem] = []
    reading = _Reading(_zone_of(data), problems, shorthand=format == "toml")
    days = data.get("days")
    if isinstance(days, list):
        data["days"] = [reading.day(day, f"days[{d}]") for d, day in enumerate(days)]
    if problems:
        raise _Problems(problems)
    return data


def _zone_of(data: dict[str, Any]) -> zoneinfo.ZoneInfo | None:
    """The programme's time zone, or ``None`` where it is no zone (structuring says so)."""
    name = data.get("timezone", attrs.fields(Programme).timezone.default)
    if not isinstance(name, str):
        return None
    try:
        _check_zone(None, attrs.fields(Programme).timezone, name)
    except ValueError:
        return None
    return zoneinfo.ZoneInfo(name)


@attrs.define
class _Reading:
    """Turns the times of the days into local date-times, collecting what is wrong."""

    zone: zoneinfo.ZoneInfo | None
    problems: list[FieldProblem]
    shorthand: bool = False
    """Whether a provision may be given by its id alone (TOML): ``provisions = ["captioning"]``."""

    def day(self, day: Any, path: str) -> Any:
        if not isinstance(day, dict):
            return day
        try:
            date = _convert.converter().structure(day.get("date"), dt.date)
        except (ValueError, TypeError):
            date = _PLACEHOLDER_DATE
        if not FIRST_DATE <= date <= LAST_DATE:
            # Structuring reports the date; the times are read on a stand-in date, so
            # that they are not reported as well.
            date = _PLACEHOLDER_DATE
        day = dict(day)
        if isinstance(day.get("slots"), list):
            day["slots"] = [
                self.timed(slot, date, f"{path}.slots[{s}]", 0)
                for s, slot in enumerate(day["slots"])
            ]
        return day

    def timed(self, item: Any, date: dt.date, path: str, depth: int) -> Any:
        """Resolve ``start`` and ``end`` of a slot or session, and of its sessions."""
        if not isinstance(item, dict):
            return item
        item = dict(item)
        for key in ("start", "end"):
            if key in item:
                item[key] = self.wall_clock(item[key], date, f"{path}.{key}")
        provisions = item.get("provisions")
        if self.shorthand and isinstance(provisions, list):
            item["provisions"] = [_offer_of(offer) for offer in provisions]
        sessions = item.get("sessions")
        if isinstance(sessions, list) and sessions:
            if depth >= DEEPEST_SESSIONS:
                self.problems.append(
                    FieldProblem(
                        f"{path}.sessions",
                        _SESSIONS_TOO_DEEP,
                        Text("die Sessions flacher gliedern", "give the sessions fewer levels"),
                    )
                )
                return item
            item["sessions"] = [
                self.timed(session, date, f"{path}.sessions[{i}]", depth + 1)
                for i, session in enumerate(sessions)
            ]
        return item

    def wall_clock(self, value: Any, date: dt.date, path: str) -> Any:  # noqa: PLR0911 -- one return per form of time
        """Turn ``"10:05"`` (or a TOML time, or one with an offset) into the local date-time."""
        if isinstance(value, dt.time) and not isinstance(value, dt.datetime):
            return self.local(dt.datetime.combine(date, value), path)
        if isinstance(value, dt.datetime):
            return self.local(value, path)
        if not isinstance(value, str):
            return value  # structuring reports the type
        if match := _TIME.match(value):
            hour, minute, second = (int(g) if g else 0 for g in match.groups()[:3])
            if hour > 23 or minute > 59 or second > 59:
                self.problems.append(
                    FieldProblem(
                        path,
                        Text(f"{value!r} ist keine Uhrzeit", f"{value!r} is not a time of day"),
                        Text(
                            "Uhrzeiten gehen von 00:00 bis 23:59", "times run from 00:00 to 23:59"
                        ),
                    )
                )
                return value
            offset = match.group(4)
            clock = f"{hour:02d}:{minute:02d}:{second:02d}{offset or ''}"
            return self.local(dt.datetime.fromisoformat(f"{date.isoformat()}T{clock}"), path)
        if match := _GERMAN_TIME.match(value):
            written = f"{int(match.group(1)):02d}:{match.group(2)}"
            self.problems.append(
                FieldProblem(
                    path,
                    Text(
                        f"{value!r} ist keine Uhrzeit in der Form HH:MM",
                        f"{value!r} is not a time in the form HH:MM",
                    ),
                    Text(f"'{written}' schreiben", f"write '{written}'"),
                )
            )
            return value
        try:
            parsed = dt.datetime.fromisoformat(value)
        except ValueError:
            self.problems.append(
                FieldProblem(
                    path,
                    Text(f"{value!r} ist keine Uhrzeit", f"{value!r} is not a time"),
                    Text(
                        "eine Uhrzeit wie '10:05' oder Datum und Uhrzeit wie"
                        " '2025-05-16T00:30' schreiben",
                        "write a time such as '10:05', or a date and time such as"
                        " '2025-05-16T00:30'",
                    ),
                )
            )
            return value
        return self.local(parsed, path)

    def local(self, value: dt.datetime, path: str) -> dt.datetime:
        """The wall-clock time *value* means in the programme's zone, ``fold`` set by its offset.

        A time without offset is taken as it is. One with an offset (``02:10+01:00``)
        becomes the wall-clock time with the ``fold`` that has this offset in the zone
        (the second 02:10 when the clocks go back); an offset the zone does not have
        then is an error.
        """
        offset = value.utcoffset()
        wall = value.replace(tzinfo=None)
        if offset is None or self.zone is None:
            return wall
        try:
            for fold in (0, 1):
                if wall.replace(tzinfo=self.zone, fold=fold).utcoffset() == offset:
                    return wall.replace(fold=fold)
        except (OverflowError, ValueError):
            return wall  # a date out of range: structuring reports it
        valid = sorted(
            {_offset_text(wall.replace(tzinfo=self.zone, fold=f).utcoffset()) for f in (0, 1)}
        )
        self.problems.append(
            FieldProblem(
                path,
                Text(
                    f"{value.isoformat()}: die Zeitzone {self.zone.key} hat um"
                    f" {wall.isoformat()} nicht den Versatz {_offset_text(offset)}",
                    f"{value.isoformat()}: the time zone {self.zone.key} is not at"
                    f" {_offset_text(offset)} at {wall.isoformat()}",
                ),
                Text(
                    f"den Versatz weglassen oder {' bzw. '.join(valid)} angeben",
                    f"leave the offset out, or give {' or '.join(valid)}",
                ),
            )
        )
        return wall


def _offer_of(offer: Any) -> Any:
    """A provision given by its id alone, ``"captioning"``, as the table it stands for."""
    return {"provision": offer} if isinstance(offer, str) else offer


def _offset_text(offset: dt.timedelta | None) -> str:
    """``+02:00`` for two hours east of UTC."""
    if offset is None:
        return "?"
    minutes = int(offset.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    hours, minutes = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}:{minutes:02d}"
