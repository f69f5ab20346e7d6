"""The one converter between the model and plain data (dicts, lists, strings).

Built like cattrs' ``preconf``: explicit hooks for the types the model uses,
strict about types (a number is no title, a string is no list, a text is no
table), unknown keys rejected. Errors leave through :func:`structuring_problems`
as field paths with messages in German and English.
"""

from __future__ import annotations

import datetime as dt
import difflib
import enum
import functools
import typing
import zoneinfo
from collections.abc import Callable, Iterator
from typing import Any, Final, NamedTuple

import attrs
import cattrs
import cattrs.gen
from cattrs.errors import ForbiddenExtraKeysError

from ._bilingual import FieldError, Text, TextError
from ._model import Omitted, Programme, Room, Session, Slot

_MISSING = Text("Pflichtfeld fehlt", "required field missing")
_TYPE_NAMES = {
    str: Text("Text", "text"),
    int: Text("eine ganze Zahl", "a whole number"),
    bool: Text("true oder false", "true or false"),
}
_LONGEST_SHOWN = 60
"""Values in messages are cut to this many characters: a message is one line."""


class FieldProblem(NamedTuple):
    """One problem with a field of plain data, before it is placed in a file.

    Attributes:
        path: The field, such as ``days[0].slots[2].title``; the root is ``""``.
        text: What is wrong.
        hint: How to mend it, where one helps.
        key: An unknown key the problem is about, to find its line.
        line: The line, where the problem's finder knows it.
    """

    path: str
    text: Text
    hint: Text | None = None
    key: str | None = None
    line: int | None = None


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
            raise _expected(_TYPE_NAMES[expected], value)
        return value

    return structure


def _expected(what: Text, value: Any) -> TextError:
    """The error for a value that is not *what* was expected."""
    got = describe(value)
    return TextError(
        Text(f"erwartet {what.de}, angegeben ist {got.de}", f"expected {what.en}, got {got.en}")
    )


def _shorten(text: str) -> str:
    return text if len(text) <= _LONGEST_SHOWN else f"{text[:_LONGEST_SHOWN]}…"


def describe(value: Any) -> Text:
    """Name a value of plain data for an error message: ``text 'x'``, ``a list``."""
    if isinstance(value, bool):
        return Text.same(str(value).lower())
    if isinstance(value, str):
        shown = _shorten(repr(value))
        return Text(f"der Text {shown}", f"text {shown}")
    for types, name in (
        ((list, tuple), Text("eine Liste", "a list")),
        (dict, Text("eine Tabelle", "a table")),
        (dt.datetime, Text("Datum und Uhrzeit", "a date and time")),
        (dt.date, Text("das Datum", "a date")),
        (dt.time, Text("die Uhrzeit", "a time")),
    ):
        if isinstance(value, types):
            iso = getattr(value, "isoformat", None)
            return Text(f"{name.de} {iso()}", f"{name.en} {iso()}") if iso else name
    if isinstance(value, int) and abs(value) >= 10**_LONGEST_SHOWN:
        # str() of an int of more than 4,300 digits raises; a long number is named, not shown.
        return Text(
            f"eine Zahl mit mehr als {_LONGEST_SHOWN} Ziffern",
            f"a number of more than {_LONGEST_SHOWN} digits",
        )
    return Text.same(_shorten(repr(value)))


def _structure_datetime(value: Any, _: type) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        try:
            return dt.datetime.fromisoformat(value)
        except ValueError:
            pass
    raise _expected(
        Text(
            "Datum und Uhrzeit wie '2025-05-15T10:05:00'",
            "a date and time such as '2025-05-15T10:05:00'",
        ),
        value,
    )


def _structure_date(value: Any, _: type) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise _expected(Text("ein Datum wie 2025-05-15", "a date such as 2025-05-15"), value)


_WORDING: Any = str | Omitted | None


def _structure_wording(value: Any, _: type) -> str | bool | None:
    """A text, ``false`` (print nothing here) or nothing: a contribution's own wording."""
    if value is None or value is False or isinstance(value, str):
        return value
    raise _expected(Text("Text oder false", "text or false"), value)


def _is_homogeneous_tuple(type_: Any) -> bool:
    args = typing.get_args(type_)
    return typing.get_origin(type_) is tuple and len(args) == 2 and args[1] is Ellipsis


def _structure_enum(value: Any, target: type[enum.Enum]) -> enum.Enum:
    try:
        return target(value)
    except ValueError:
        choices = ", ".join(repr(m.value) for m in target)
        raise _expected(Text(f"eines von {choices}", f"one of {choices}"), value) from None


def make_converter() -> cattrs.Converter:
    """Build the converter for the model: strict structuring, canonical unstructuring."""
    converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    for scalar in (str, int, bool):
        converter.register_structure_hook(scalar, _structure_exact(scalar))
    converter.register_structure_hook(dt.datetime, _structure_datetime)
    converter.register_structure_hook(dt.date, _structure_date)
    converter.register_structure_hook_func(lambda t: t == _WORDING, _structure_wording)
    converter.register_unstructure_hook(dt.datetime, dt.datetime.isoformat)
    converter.register_unstructure_hook(dt.date, dt.date.isoformat)
    converter.register_structure_hook_func(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum), _structure_enum
    )

    def tuple_factory(type_: Any) -> Callable[[Any, type], tuple[Any, ...]]:
        (item_type, _) = typing.get_args(type_)

        def structure(value: Any, _: type) -> tuple[Any, ...]:
            if not isinstance(value, (list, tuple)):
                raise _expected(Text("eine Liste", "a list"), value)
            # Looked up late: Session holds sessions, and its hook is still being made here.
            return _structure_items(value, item_type, converter.get_structure_hook(item_type))

        return structure

    def table_factory(cl: type) -> Callable[[Any, type], Any]:
        # cattrs' own hook asks `"title" in value`: for a number that is a TypeError
        # about Python ("argument of type 'int' is not iterable"), not about the file.
        inner: Callable[[Any, type], Any] = cattrs.gen.make_dict_structure_fn(cl, converter)

        def structure(value: Any, target: type) -> Any:
            if not isinstance(value, dict):
                raise _expected(Text("eine Tabelle", "a table"), value)
            return inner(value, target)

        return structure

    converter.register_structure_hook_factory(_is_homogeneous_tuple, tuple_factory)
    converter.register_structure_hook_factory(attrs.has, table_factory)
    _omit_when_unsaid(converter)
    return converter


WRITTEN_WHEN_SAID: Final = {
    Room: ("step_free", "induction_loop", "wheelchair_places", "accessibility"),
    Session: ("cancelled", "provisions"),
    Slot: ("cancelled", "provisions"),
    Programme: ("provisions", "settings", "accessibility_statement", "layout"),
}
"""Fields canonical JSON writes only where they differ from their default.

They came after version 1 of the format was in use: a programme that cancels nothing
and says nothing of accessibility is written byte for byte as before, and older
readers still read it. ``cancelled`` is written only where it is true.
"""


def _omit_when_unsaid(converter: cattrs.Converter) -> None:
    """Unstructure the classes of :data:`WRITTEN_WHEN_SAID` without their unsaid fields.

    Each hook is made after those of the classes it holds: a hook looks up theirs when made.
    """
    for cls, names in WRITTEN_WHEN_SAID.items():
        overrides = {name: cattrs.gen.override(omit_if_default=True) for name in names}
        hook: Callable[[Any], dict[str, Any]] = cattrs.gen.make_dict_unstructure_fn(
            cls,
            converter,
            **overrides,  # type: ignore[arg-type]
        )
        converter.register_unstructure_hook(cls, hook)


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


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _leaves(exc: BaseException, path: str) -> Iterator[tuple[str, BaseException]]:
    """Yield every error in cattrs' tree of *exc* with the path of its field."""
    if isinstance(exc, cattrs.IterableValidationError):
        indexed, others = exc.group_exceptions()
        for sub, item in indexed:
            yield from _leaves(sub, f"{path}[{item.index}]")
    elif isinstance(exc, cattrs.ClassValidationError):
        named, others = exc.group_exceptions()
        for sub, attribute in named:
            yield from _leaves(sub, _join(path, attribute.name))
    elif isinstance(exc, FieldError):
        yield _join(path, exc.field), exc
        return
    else:
        yield path, exc
        return
    for sub in others:
        yield from _leaves(sub, path)


def structuring_problems(exc: BaseException) -> list[FieldProblem]:
    """Turn a cattrs structuring error into problems with field paths.

    Paths are written like ``days[0].slots[2].title``; the root is ``""``. A field
    reported missing because its key is misspelt is left out: the unknown key's
    message already names it (``unknown key 'titel' (did you mean 'title'?)``).
    """
    problems: list[FieldProblem] = []
    suggested: set[str] = set()
    for path, error in _leaves(exc, ""):
        if isinstance(error, ForbiddenExtraKeysError):
            known = [f.name for f in attrs.fields(error.cl)]
            for key in sorted(error.extra_fields):
                close = difflib.get_close_matches(key, known, n=1)
                if close:
                    suggested.add(_join(path, close[0]))
                    text = Text(
                        f"unbekannter Schlüssel {key!r} (gemeint ist wohl {close[0]!r})",
                        f"unknown key {key!r} (did you mean {close[0]!r}?)",
                    )
                else:
                    text = Text(f"unbekannter Schlüssel {key!r}", f"unknown key {key!r}")
                problems.append(FieldProblem(path, text, key=key))
        elif isinstance(error, KeyError):
            problems.append(FieldProblem(path, _MISSING))
        elif isinstance(error, TextError):
            problems.append(FieldProblem(path, error.text))
        else:
            # Not one of ours: say what a person can act on, not Python's words.
            problems.append(
                FieldProblem(
                    path,
                    Text(
                        "dieser Wert hat nicht die Form, die hier stehen muss",
                        "this value does not have the form this field needs",
                    ),
                    Text(
                        "mit dem Format im Handbuch vergleichen",
                        "compare it with the source format reference",
                    ),
                )
            )
    return [p for p in problems if not (p.text == _MISSING and p.path in suggested)]


def structure(data: Any) -> Programme:
    """Structure plain data into a programme; raises cattrs' errors."""
    return converter().structure(data, Programme)


def unstructure(programme: Programme) -> dict[str, Any]:
    """Unstructure a programme into plain JSON-compatible data.

    Times are wall-clock times without offset, except one that happens twice when
    the clocks go back and means the second time (``fold=1``): it is written with
    its offset (``2025-10-26T02:10:00+01:00``), the only form that tells them apart.
    """
    data: dict[str, Any] = converter().unstructure(programme)
    zone = programme.zone
    for day, day_data in zip(programme.days, data["days"], strict=True):
        for slot, slot_data in zip(day.slots, day_data["slots"], strict=True):
            _write_offsets(slot, slot_data, zone)
    return data


def _write_offsets(item: Slot | Session, data: dict[str, Any], zone: zoneinfo.ZoneInfo) -> None:
    for key in ("start", "end"):
        value: dt.datetime | None = getattr(item, key)
        if value is not None and value.fold and is_ambiguous(value, zone):
            data[key] = value.replace(tzinfo=zone).isoformat()
    for session, session_data in zip(item.sessions, data["sessions"], strict=True):
        _write_offsets(session, session_data, zone)


def is_ambiguous(wall_clock: dt.datetime, zone: dt.tzinfo) -> bool:
    """Whether the naive *wall_clock* time happens twice in *zone* (the clocks go back)."""
    first = wall_clock.replace(tzinfo=zone, fold=0).utcoffset()
    second = wall_clock.replace(tzinfo=zone, fold=1).utcoffset()
    return first is not None and second is not None and first > second
