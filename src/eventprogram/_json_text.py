"""JSON text as ``json.dumps(value, ensure_ascii=False, indent=2)`` writes it, but faster.

With ``indent``, the standard library leaves its C encoder aside and writes through
nested Python generators: for 10,000 sessions that was most of the time of the
``json`` and ``c3voc-json`` formats. :func:`indented` writes the same text, byte for
byte, into one list of parts with the C string encoder; the tests compare the two.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from json.encoder import encode_basestring
from typing import Any, Final

from ._text import clean

__all__ = ["indented"]

_INDENT: Final = "  "


def indented(value: Any, *, cleaned: bool = False, end: str = "") -> str:
    """*value* as ``json.dumps(value, ensure_ascii=False, indent=2)`` writes it.

    Args:
        value: JSON-like data: dicts, lists, tuples, strings, numbers, booleans, ``None``.
        cleaned: Pass every string, keys too, through :func:`~eventprogram._text.clean`
            first, as ``json.dumps(clean_data(value), …)`` would (keys that become
            equal are one key, where the first stood, with the last one's value).
        end: Written after the value (a line break for a file), without copying the text again.

    Raises:
        TypeError: *value* holds something JSON cannot write.
    """
    parts = _Writer(clean if cleaned else None).write(value)
    parts.append(end)
    return "".join(parts)


class _Writer:
    def __init__(self, text: Callable[[str], str] | None) -> None:
        self.text = text
        self.parts: list[str] = []
        self.keys: dict[Any, str] = {}
        """String keys as written, by key; one that cleaning changes is never in here."""

    def write(self, value: Any) -> list[str]:
        self.value(value, "\n")
        return self.parts

    def value(self, value: Any, newline: str) -> None:
        """Append *value*; *newline* is the line break and indentation of its level."""
        if isinstance(value, dict):
            self.object(value, newline)
        elif isinstance(value, list | tuple):
            self.array(value, newline)
        else:
            self.parts.append(self.scalar(value))

    def object(self, value: dict[Any, Any], newline: str) -> None:
        if not value:
            self.parts.append("{}")
            return
        keys, parts, text = self.keys, self.parts, self.text
        start = len(parts)
        inner = newline + _INDENT
        separator = "{" + inner
        for key, item in value.items():
            name = keys.get(key)
            if name is None:
                name = self.key(key)
                if name is None:  # cleaning changes the key: write the cleaned object instead
                    del parts[start:]
                    self.object(self.cleaned_keys(value), newline)
                    return
            head = f"{separator}{name}: "
            kind = type(item)
            if kind is str:
                parts.append(head + encode_basestring(item if text is None else text(item)))
            elif item is None:
                parts.append(head + "null")
            elif kind is dict or kind is list or kind is tuple or not _is_scalar(item):
                parts.append(head)
                self.value(item, inner)
            else:
                parts.append(head + self.scalar(item))
            separator = "," + inner
        parts.append(newline + "}")

    def cleaned_keys(self, value: dict[Any, Any]) -> dict[Any, Any]:
        """*value* with its keys cleaned; keys that become equal are one, the last value wins."""
        text = self.text
        assert text is not None  # noqa: S101 -- only keys that cleaning changes come here
        return {text(k) if isinstance(k, str) else k: v for k, v in value.items()}

    def array(self, value: list[Any] | tuple[Any, ...], newline: str) -> None:
        if not value:
            self.parts.append("[]")
            return
        inner = newline + _INDENT
        separator = "[" + inner
        text, parts = self.text, self.parts
        for item in value:
            if type(item) is str:
                parts.append(separator + encode_basestring(item if text is None else text(item)))
            else:
                parts.append(separator)
                self.value(item, inner)
            separator = "," + inner
        parts.append(newline + "]")

    def key(self, key: Any) -> str | None:
        """A dict key as :mod:`json` writes it: a string, or a number, boolean or null as one.

        ``None`` for a string key that cleaning changes; a string key is noted once written.
        """
        if isinstance(key, str):
            text = key if self.text is None else self.text(key)
            if text is not key:
                return None
            written = self.keys[key] = encode_basestring(key)
            return written
        if isinstance(key, float):
            return encode_basestring(_float(key))
        if key is True or key is False or key is None:
            return encode_basestring(json.dumps(key))
        if isinstance(key, int):
            return encode_basestring(int.__repr__(key))
        msg = f"keys must be str, int, float, bool or None, not {type(key).__name__}"
        raise TypeError(msg)

    def scalar(self, value: Any) -> str:
        if isinstance(value, str):
            return encode_basestring(value if self.text is None else self.text(value))
        if value is None:
            return "null"
        if value is True:
            return "true"
        if value is False:
            return "false"
        if isinstance(value, int):
            return int.__repr__(value)
        if isinstance(value, float):
            return _float(value)
        msg = f"Object of type {type(value).__name__} is not JSON serializable"
        raise TypeError(msg)


def _is_scalar(value: Any) -> bool:
    return not isinstance(value, dict | list | tuple)


def _float(value: float) -> str:
    """A float as :mod:`json` writes it, ``NaN`` and ``Infinity`` included."""
    if math.isfinite(value):
        return float.__repr__(value)
    return json.dumps(value)
