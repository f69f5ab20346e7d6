"""The one converter between the model and plain data (dicts, lists, strings).

Built like cattrs' ``preconf``: explicit hooks for the types the model uses,
strict about types (a number is no title, a string is no list), unknown keys
rejected. Errors leave through :func:`structuring_problems` as field paths.
"""

from __future__ import annotations

import datetime as dt
import difflib
import enum
import functools
import re
import typing
from collections.abc import Callable
from typing import Any

import attrs
import cattrs
from cattrs.errors import ForbiddenExtraKeysError

from ._model import Programme

_MISSING = "required field missing"
_TYPE_NAMES = {str: "text", int: "a whole number", bool: "true or false"}


def _structure_exact(expected: type) -> Callable[[Any, type], Any]:
    """Structure a scalar only from a value of exactly that type: no silent ``str(5)``.

    The hook is registered for the class, so it is also asked for its subclasses
    (``StrEnum``); those are handed on to the enum structuring.
    """

    def structure(value: Any, target: type) -> Any:
        if issubclass(target, enum.Enum):
            return _structure_enum(value, target)
        # bool is an int in Python, but `capacity = true` is a mistake.
        if type(value) is not expected:
            raise TypeError(f"expected {_TYPE_NAMES[expected]}, got {_describe(value)}")
        return value

    return structure


def _describe(value: Any) -> str:
    """Name a value of plain data for an error message: ``text 'x'``, ``a list``."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, str):
        return f"text {value!r}"
    for types, name in (
        ((list, tuple), "a list"),
        (dict, "a table"),
        (dt.datetime, "a date and time"),
        (dt.date, "a date"),
        (dt.time, "a time"),
    ):
        if isinstance(value, types):
            iso = getattr(value, "isoformat", None)
            return f"{name} {iso()}" if iso else name
    return repr(value)


def _structure_datetime(value: Any, _: type) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        try:
            return dt.datetime.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError(
        f"expected a date and time such as '2025-05-15T10:05:00', got {_describe(value)}"
    )


def _structure_date(value: Any, _: type) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError(f"expected a date such as 2025-05-15, got {_describe(value)}")


def _is_homogeneous_tuple(type_: Any) -> bool:
    args = typing.get_args(type_)
    return typing.get_origin(type_) is tuple and len(args) == 2 and args[1] is Ellipsis


def _structure_enum(value: Any, target: type[enum.Enum]) -> enum.Enum:
    try:
        return target(value)
    except ValueError:
        choices = ", ".join(repr(m.value) for m in target)
        raise ValueError(f"expected one of {choices}, got {_describe(value)}") from None


def make_converter() -> cattrs.Converter:
    """Build the converter for the model: strict structuring, canonical unstructuring."""
    converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    for scalar in (str, int, bool):
        converter.register_structure_hook(scalar, _structure_exact(scalar))
    converter.register_structure_hook(dt.datetime, _structure_datetime)
    converter.register_structure_hook(dt.date, _structure_date)
    converter.register_unstructure_hook(dt.datetime, dt.datetime.isoformat)
    converter.register_unstructure_hook(dt.date, dt.date.isoformat)
    converter.register_structure_hook_func(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum), _structure_enum
    )

    def tuple_factory(type_: Any) -> Callable[[Any, type], tuple[Any, ...]]:
        (item_type, _) = typing.get_args(type_)

        def structure(value: Any, _: type) -> tuple[Any, ...]:
            if not isinstance(value, (list, tuple)):
                raise TypeError(f"expected a list, got {_describe(value)}")
            # Looked up late: Session holds sessions, and its hook is still being made here.
            return _structure_items(value, item_type, converter.get_structure_hook(item_type))

        return structure

    converter.register_structure_hook_factory(_is_homogeneous_tuple, tuple_factory)
    return converter


def _structure_items(
    value: list[Any] | tuple[Any, ...], item_type: Any, hook: Callable[[Any, Any], Any]
) -> tuple[Any, ...]:
    """Structure every item, collecting failures with their index like cattrs does."""
    result = []
    errors: list[Exception] = []
    for index, item in enumerate(value):
        try:
            result.append(hook(item, item_type))
        except Exception as exc:  # noqa: BLE001 -- collected and re-raised as a group
            exc.__notes__ = [
                *getattr(exc, "__notes__", []),
                cattrs.IterableValidationNote(
                    f"Structuring item @ index {index}", index, item_type
                ),
            ]
            errors.append(exc)
    if errors:
        raise cattrs.IterableValidationError("While structuring a list", errors, tuple)
    return tuple(result)


@functools.cache
def converter() -> cattrs.Converter:
    """Return the shared converter, built on first use."""
    return make_converter()


def _format_exception(exc: BaseException, _: type | None) -> str:
    if isinstance(exc, ForbiddenExtraKeysError):
        known = [f.name for f in attrs.fields(exc.cl)]
        parts = []
        for key in sorted(exc.extra_fields):
            close = difflib.get_close_matches(key, known, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            parts.append(f"unknown key {key!r}{hint}")
        return "; ".join(parts)
    if isinstance(exc, KeyError):
        return _MISSING
    if isinstance(exc, (ValueError, TypeError)):
        return str(exc)
    return f"unexpected error ({exc})"


_SUGGESTION = re.compile(r"unknown key '[^']+' \(did you mean '([^']+)'\?\)")


def structuring_problems(exc: BaseException) -> list[tuple[str, str]]:
    """Turn a cattrs structuring error into ``(field path, message)`` pairs.

    Paths are written like ``days[0].slots[2].title``; the root is ``""``. A field
    reported missing because its key is misspelt is left out: the unknown key's
    message already names it (``unknown key 'titel' (did you mean 'title'?)``).
    """
    pairs = []
    for line in cattrs.transform_error(exc, path="$", format_exception=_format_exception):
        message, _, path = line.rpartition(" @ ")
        pairs.append((path.removeprefix("$").removeprefix("."), message))
    suggested = {
        f"{path}.{name}" if path else name
        for path, message in pairs
        for name in _SUGGESTION.findall(message)
    }
    return [
        (path, message)
        for path, message in pairs
        if not (message == _MISSING and path in suggested)
    ]


def structure(data: Any) -> Programme:
    """Structure plain data into a programme; raises cattrs' errors."""
    return converter().structure(data, Programme)


def unstructure(programme: Programme) -> dict[str, Any]:
    """Unstructure a programme into plain JSON-compatible data."""
    data: dict[str, Any] = converter().unstructure(programme)
    return data
