"""Find the line of a field in TOML or JSON text, so that errors can name it.

``tomllib`` gives lines only for syntax errors. For a field path such as
``days[0].slots[8].people[0].person`` this follows the table headers
(``[[days]]``, ``[[days.slots]]``, ``[venue]``) to the right table and then
looks for the keys within it. It is a best effort: where it is unsure it names
the table's line, and where it finds nothing it names none. The headers are
indexed once (:class:`TomlLocator`), and the keys of each table once, when a
field in it is first looked for, so that locating every problem of a file with
thousands of them takes linear time, not quadratic: no table is read again for
each key.
"""

from __future__ import annotations

import bisect
import json
import re
from typing import Final

_SEGMENT: Final = re.compile(r"([^.\[\]]+)|\[(\d+)\]")
_HEADER: Final = re.compile(r"^\s*(\[\[?)\s*([^\[\]]+?)\s*\]\]?\s*(?:#.*)?$")
_UNKNOWN_KEY: Final = re.compile(r"unknown key '([^']+)'")


def _segments(path: str) -> list[str | int]:
    return [name or int(index) for name, index in _SEGMENT.findall(path)]


_KEY: Final = re.compile(
    r"""(?<![^{,\s])(?:"([^"\n]*)"|'([^'\n]*)'|["']?([A-Za-z0-9_-]+)["']?)\s*="""
)
"""A key where one is set (``key =``), at the start of a line or after ``{``, ``,`` or a blank:
bare, or in double or single quotes (its text, without them)."""


def _keys(lines: list[str], start: int, stop: int) -> dict[str, list[int]]:
    """Map each key set in lines ``start``..``stop`` (1-based, *stop* excluded) to its lines."""
    index: dict[str, list[int]] = {}
    for number in range(start, stop):
        for match in _KEY.finditer(lines[number - 1]):
            numbers = index.setdefault(match.group(1) or match.group(2) or match.group(3), [])
            if not numbers or numbers[-1] != number:
                numbers.append(number)
    return index


def _sections(lines: list[str]) -> list[tuple[list[str | int], int]]:
    """Return each table header as a concrete path, with its line number (1-based)."""
    sections: list[tuple[list[str | int], int]] = [([], 1)]
    indices: dict[tuple[str, ...], int] = {}
    for number, line in enumerate(lines, start=1):
        match = _HEADER.match(line)
        if not match:
            continue
        keys = tuple(k.strip().strip("\"'") for k in match.group(2).split("."))
        if match.group(1) == "[[":
            indices[keys] = indices.get(keys, -1) + 1
            # A new element of an array of tables starts its sub-arrays afresh.
            for deeper in [k for k in indices if len(k) > len(keys) and k[: len(keys)] == keys]:
                del indices[deeper]
        concrete: list[str | int] = []
        for depth in range(1, len(keys) + 1):
            concrete.append(keys[depth - 1])
            if keys[:depth] in indices and (depth < len(keys) or match.group(1) == "[["):
                concrete.append(indices[keys[:depth]])
        sections.append((concrete, number))
    return sections


class TomlLocator:
    """Finds the lines of many fields in one TOML text, each in time linear in its path.

    The text is split and its table headers indexed once; :func:`locate_toml` is
    the same for a single field.
    """

    def __init__(self, text: str) -> None:
        """Index the lines and table headers of the TOML *text*."""
        self._lines = text.splitlines()
        sections = _sections(self._lines)
        # The last header of each concrete path wins, as a later [venue] would.
        self._by_path = {tuple(concrete): number for concrete, number in sections}
        self._starts = [number for _, number in sections]
        self._keys: dict[int, dict[str, list[int]]] = {}  # by the table's first line

    def locate(self, path: str, message: str = "") -> int | None:
        """Return the line (1-based) of the field at *path*, if found.

        Args:
            path: A field path such as ``days[0].slots[2].start``.
            message: The error's message; an ``unknown key 'x'`` in it is looked for too.
        """
        target = _segments(path)
        if unknown := _UNKNOWN_KEY.search(message):
            target.append(unknown.group(1))
        if not target:
            return None
        for length in range(len(target), -1, -1):
            start = self._by_path.get(tuple(target[:length]))
            if start is not None:
                break
        else:  # pragma: no cover -- the empty path is always a section: the top of the file
            return None
        keys = self._keys.get(start)
        if keys is None:
            following = bisect.bisect_right(self._starts, start)
            stop = len(self._lines) + 1
            if following < len(self._starts):
                stop = self._starts[following]
            keys = self._keys[start] = _keys(self._lines, start, stop)
        return _find_keys(keys, target[length:], start, anchored=length > 0)


def locate_toml(text: str, path: str, message: str = "") -> int | None:
    """Return the line (1-based) of the field at *path* in the TOML *text*, if found.

    To look up many fields in one text, make one :class:`TomlLocator`.

    Args:
        text: The TOML source.
        path: A field path such as ``days[0].slots[2].start``.
        message: The error's message; an ``unknown key 'x'`` in it is looked for too.
    """
    return TomlLocator(text).locate(path, message)


def _find_keys(
    keys: dict[str, list[int]], path: list[str | int], start: int, *, anchored: bool
) -> int | None:
    """Follow *path* through a table's *keys* from line *start*; an index picks the n-th line.

    Each key costs a binary search of the lines it is set on, not a pass over the table.
    """
    found = start if anchored else None
    cursor = start
    pending_index = 0
    for segment in path:
        if isinstance(segment, int):
            pending_index = segment
            continue
        numbers = keys.get(segment, [])
        at = bisect.bisect_left(numbers, cursor) + pending_index
        if at >= len(numbers):
            return found
        found = cursor = numbers[at]
        pending_index = 0
    return found


_JSON_TOKEN: Final = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\],:]|[^\s{}\[\],:"]+')
_DEEPEST_INDEXED: Final = 40
"""JSON nested deeper than this is not indexed: the loader refuses it anyway."""


class JsonLocator:
    """Finds the lines of fields in JSON text: every value's path, indexed in one pass.

    Paths are written as in errors: ``days[0].slots[2].title``. The text must be
    valid JSON (the loader locates only after parsing it).
    """

    def __init__(self, text: str) -> None:
        """Index where each value (and each key) of the JSON *text* starts."""
        self._lines: dict[str, int] = {}
        # One frame per open container: its path, and the key or index now being read.
        stack: list[list[str | int | None]] = []
        line, position = 1, 0
        expecting_key = False
        for match in _JSON_TOKEN.finditer(text):
            part = match.group()
            line += text.count("\n", position, match.start())
            position = match.start()
            if part in {",", ":", "}", "]"}:
                if part == "," and stack:
                    frame = stack[-1]
                    if isinstance(frame[1], int):
                        frame[1] += 1
                    else:
                        expecting_key = True
                elif part in {"}", "]"}:
                    expecting_key = False
                    if stack:
                        stack.pop()
                continue
            if expecting_key and stack:
                key = json.loads(part) if part.startswith('"') else part
                stack[-1][1] = str(key)
                if len(stack) <= _DEEPEST_INDEXED:
                    self._record(_child(stack[-1]), line, len(stack))
                expecting_key = False
                continue
            # Deeper than indexed, paths are not made: their length would grow with depth.
            deep = len(stack) > _DEEPEST_INDEXED
            path = "" if deep or not stack else _child(stack[-1])
            self._record(path, line, len(stack))
            if part in {"{", "["}:
                stack.append([path, None if part == "{" else 0])
                expecting_key = part == "{"

    def _record(self, path: str, line: int, depth: int) -> None:
        if depth <= _DEEPEST_INDEXED:
            self._lines.setdefault(path, line)

    def locate(self, path: str, key: str | None = None) -> int | None:
        """Return the line (1-based) of the value at *path*, or of its *key*, if found."""
        if key is not None:
            found = self._lines.get(f"{path}.{key}" if path else key)
            if found is not None:
                return found
        return self._lines.get(path)


def _child(frame: list[str | int | None]) -> str:
    """The path of the value a container's frame is at."""
    path, at = frame
    if isinstance(at, int):
        return f"{path}[{at}]"
    return f"{path}.{at}" if path else str(at)
