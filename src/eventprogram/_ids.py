"""Ids, slugs and UUIDs: how eventprogram names things, in one place.

Importers, exporters, rules and adapters all need the same answers: whether a
guid is a UUID, which UUID an item without one gets, what the slug of a title
is, and which rooms a writer made up only because its format wants one.
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from collections.abc import Iterable
from typing import Final

from ._model import ID_PATTERN

__all__ = [
    "GENERATOR",
    "Ids",
    "canonical_uuid",
    "event_slug",
    "is_placeholder_room",
    "placeholder_room_guid",
    "slug_holder",
    "slugify",
    "stable_uuid",
]

GENERATOR: Final = "eventprogram"
"""The name eventprogram's schedule writers give as ``generator``.

A reader that finds it knows the file follows the round-trip protocol: event
ids count events in the programme's order, and an event nested in another
event says so in its slug (:func:`event_slug`, :func:`slug_holder`); see
``docs/reference/schedule-formats.md``.
"""

_UUID_NAMESPACE: Final = uuid.UUID("5b0cf3a4-1d5e-5c1e-9f0a-7e1b0c6d2a10")
"""The namespace of :func:`stable_uuid`; changing it changes every guid and calendar UID."""

_UUID_DIGITS: Final = 32
"""A UUID has 32 hex digits, however it is written (braces, hyphens, ``urn:uuid:``)."""

_PLACEHOLDER_NAMESPACE: Final = uuid.UUID("0d6c5a8e-3f0b-5e7a-8c41-2a9e6b1f4d37")
"""The namespace of placeholder rooms' guids, apart from :func:`stable_uuid`'s."""

_GERMAN: Final = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"}
)
_NOT_SLUG: Final = re.compile(r"[^a-z0-9]+")


def canonical_uuid(text: str | None) -> str | None:
    """*text* as a UUID in its canonical form (``"6f1e…-…"``, lower case), or ``None``.

    Schedules write guids in any case and with or without braces; an id is a
    UUID in eventprogram's sense when it equals this form.
    """
    if not text or len(text) < _UUID_DIGITS:  # most ids: no exception to raise and catch
        return None
    try:
        return str(uuid.UUID(text))
    except ValueError:
        return None


def stable_uuid(programme_id: str, item_id: str | None = None) -> uuid.UUID:
    """Return a UUID made from ids alone: the same ids give the same UUID, run after run.

    Calendars (UIDs) and schedule formats (guids) rely on it to recognise an event
    after the programme changes.
    """
    name = programme_id if item_id is None else f"{programme_id}/{item_id}"
    return uuid.uuid5(_UUID_NAMESPACE, _encodable(name))


def placeholder_room_guid(name: str) -> str:
    """The guid a writer gives a room it made up only because its format wants one.

    schedule.xml and schedule.json put every event in a room; an item of the
    programme without a room goes into one named after where it would be
    (``"Lohnhalle 3.1"``). Its guid is made from the name in a namespace of its
    own, so a reader recognises it with :func:`is_placeholder_room` and does not
    take it for a real room.
    """
    return str(uuid.uuid5(_PLACEHOLDER_NAMESPACE, _encodable(name)))


def _encodable(name: str) -> str:
    r"""*name* as UTF-8 can hold it: a lone surrogate (``\ud800``) becomes U+FFFD, not an error."""
    return name.encode("utf-8", "surrogatepass").decode("utf-8", "replace")


def is_placeholder_room(name: str, guid: str | None) -> bool:
    """Whether the room *name* with *guid* was made up by a writer (:func:`placeholder_room_guid`).

    A guid in any case or with braces counts; a real room's guid never matches.
    """
    return guid is not None and canonical_uuid(guid) == placeholder_room_guid(name)


def slugify(text: str) -> str:
    """Return *text* as lower-case ASCII and hyphens: ``"Große Halle"`` → ``"grosse-halle"``."""
    ascii_text = unicodedata.normalize("NFKD", text.translate(_GERMAN)).encode("ascii", "ignore")
    return _NOT_SLUG.sub("-", ascii_text.decode("ascii").lower()).strip("-")


_SLUG_LENGTH: Final = 64
_SLUG_PREFIX_LENGTH: Final = 24
_HOLDER: Final = re.compile(r"(\d{1,9})_(\d{1,9})-")
"""After the acronym: the event's own id, ``_`` and its holder's id (:func:`event_slug`)."""


def event_slug(acronym: str, number: int, title: str, *, holder: int | None = None) -> str:
    r"""The slug of schedule event *number*: ``acro-7-title``, or ``acro-7_3-title`` inside event 3.

    Valid for both official schemas (the XSD's ``[a-z0-9_]{4,}-[a-z0-9\-_]{4,}``,
    schema.json's ``^[a-z0-9_-]+[a-z0-9]$``), unique by the number, at most 64
    characters. *holder* is the id of the event that holds this one (the slot
    or session around it): the ``_`` that joins it can come from no title, as
    :func:`slugify` never writes one, so :func:`slug_holder` reads it back
    without doubt.
    """
    head = f"{acronym[:_SLUG_PREFIX_LENGTH]}-{number}"
    if holder is not None:
        head = f"{head}_{holder}"
    words = slugify(title)
    if len(words) < 2:  # the XSD wants four characters after the first '-': "1-ab"
        words = "event"
    return f"{head}-{words}"[:_SLUG_LENGTH].rstrip("-")


def slug_holder(slug: str | None, acronym: str | None, number: str | None) -> int | None:
    """The id of the event that holds event *number*, as its slug says (:func:`event_slug`).

    ``None`` where the slug does not start with the *acronym*'s prefix, names
    another event's own id, or names no holder: the event is then no event's.
    """
    if not slug or not acronym or not number or not (number.isascii() and number.isdigit()):
        return None
    if len(number) > 9:  # more digits than a slug's id may have (and int() would refuse)
        return None
    prefix = f"{acronym[:_SLUG_PREFIX_LENGTH]}-"
    match = _HOLDER.match(slug, len(prefix)) if slug.startswith(prefix) else None
    if match is None or int(match[1]) != int(number):
        return None
    return int(match[2])


class Ids:
    """Hands out ids that are valid and unique within one namespace.

    Conference tools have ids of every shape: UUIDs, numbers, codes, none at
    all. The first candidate that is a valid id not yet taken is used as it
    is, so that ids survive a round trip; otherwise a slug of the first
    candidate is made unique with a number.
    """

    def __init__(self, taken: Iterable[str] = ()) -> None:
        self._taken = set(taken)
        self._next: dict[str, int] = {}
        """The number to try next for each base: n items of one name cost n steps, not n²."""

    def make(self, *candidates: str | None, fallback: str = "item") -> str:
        """Return the first usable candidate, or a unique slug made from them."""
        for candidate in candidates:
            if candidate and ID_PATTERN.fullmatch(candidate) and candidate not in self._taken:
                return self._take(candidate)
        base = next((s for c in candidates if c and (s := slugify(c))), fallback)
        number = self._next.get(base, 1)
        unique = base if number == 1 else f"{base}-{number}"
        while unique in self._taken:
            number += 1
            unique = f"{base}-{number}"
        self._next[base] = number + 1
        return self._take(unique)

    def _take(self, id_: str) -> str:
        self._taken.add(id_)
        return id_
