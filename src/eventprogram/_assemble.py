"""From the flat list of a conference tool to days, slots and parallel sessions.

frab, pretalx and the CCC hub list events one by one, each in its room. An
eventprogram programme says which things happen *together*: items of one day
that overlap in time become the parallel sessions of one slot, and an item
alone in its time becomes a slot of its own. Nothing is dropped, not even two
items that clash in one room: validation reports those.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import Any, Final

import attrs

from ._ids import Ids, slugify
from ._model import KINDS, Contribution, Day, Kind, Link, Session, Slot

__all__ = ["PARALLEL_KIND", "Entry", "Kinds", "assemble"]

PARALLEL_KIND: Final = "parallel"
"""The kind of a slot made of items that overlap in time."""

_SYNONYMS: Final = {
    "lecture": "talk",
    "vortrag": "talk",
    "talk": "talk",
    "pause": "break",
    "break": "break",
    "kaffeepause": "break",
    "coffee break": "break",
    "lunch": "lunch",
    "lunch break": "lunch",
    "mittagspause": "lunch",
    "podiumsdiskussion": "panel",
    "panel discussion": "panel",
}
"""Names that conference tools give to what are built-in kinds here."""


class Kinds:
    """A catalogue of slot kinds: the built-in ones, and new ones for names it does not know."""

    def __init__(self) -> None:
        self._known: dict[str, Kind] = {}
        for kind in KINDS:
            for name in (kind.id, kind.de, kind.en):
                self._known.setdefault(name.casefold(), kind)
        for name, id_ in _SYNONYMS.items():
            self._known.setdefault(name, next(k for k in KINDS if k.id == id_))
        self._ids = Ids(k.id for k in KINDS)
        self._custom: dict[tuple[str, bool], Kind] = {}

    def id_for(self, name: str | None, *, is_break: bool | None = None) -> str:
        """Return the id of the kind called *name*, making a new kind where none fits.

        Args:
            name: What the schedule calls it: ``"Talk"``, ``"Workshop"``, ``"Pause"``.
            is_break: ``True`` or ``False`` where the schedule says whether it is a
                break: only a built-in kind that agrees is then used. ``None``:
                the schedule does not say; a new kind is then not a break.
        """
        label = " ".join((name or "").split())
        if not label:
            return "break" if is_break else "talk"
        known = self._known.get(label.casefold())
        if known is not None and is_break in (None, known.is_break):
            return known.id
        key = (label.casefold(), bool(is_break))
        if key not in self._custom:
            id_ = self._ids.make(slugify(label) + ("-break" if is_break else ""), fallback="kind")
            self._custom[key] = Kind(id=id_, de=label, en=label, is_break=bool(is_break))
        return self._custom[key].id

    @property
    def custom(self) -> tuple[Kind, ...]:
        """The kinds made so far, in the order they were first asked for."""
        return tuple(self._custom.values())


@attrs.frozen(kw_only=True)
class Entry:
    """One timed item of a foreign schedule, before it is placed in a slot.

    ``start`` and ``end`` are naive wall-clock times in the programme's zone;
    ``day`` is the day the schedule lists it under, which for an item after
    midnight is the day before.
    """

    id: str
    day: dt.date
    start: dt.datetime
    end: dt.datetime
    kind: str
    title: str
    room: str | None = None
    subtitle: str | None = None
    description: str | None = None
    track: str | None = None
    language: str | None = None
    url: str | None = None
    links: tuple[Link, ...] = ()
    people: tuple[Contribution, ...] = ()


def assemble(
    entries: Iterable[Entry],
    *,
    days: Iterable[dt.date] = (),
    language: str = "en",
    ids: Ids | None = None,
) -> tuple[Day, ...]:
    """Return the days of *entries*: overlapping items as parallel sessions of one slot.

    Args:
        entries: The items, in any order. Their ids must be unique among
            themselves and valid.
        days: Days to include even when no item falls on them.
        language: The language of the programme, for the titles of the
            slots that hold parallel sessions.
        ids: The namespace of slot and session ids, to make the ids of the
            slots that hold parallel sessions; one is made from the entries
            when it is not given.
    """
    by_day: dict[dt.date, list[Entry]] = defaultdict(list)
    for day in days:
        by_day[day]
    for entry in entries:
        by_day[entry.day].append(entry)
    if ids is None:
        ids = Ids(e.id for listed in by_day.values() for e in listed)
    return tuple(
        Day(date=date, slots=tuple(_slots(listed, ids, language)))
        for date, listed in sorted(by_day.items())
    )


def _slots(entries: list[Entry], ids: Ids, language: str) -> Iterable[Slot]:
    cluster: list[Entry] = []
    cluster_end: dt.datetime | None = None
    for entry in sorted(entries, key=lambda e: (e.start, e.end, e.id)):
        if cluster and cluster_end is not None and entry.start >= cluster_end:
            yield _slot(cluster, ids, language)
            cluster = []
        cluster_end = (
            entry.end if not cluster or cluster_end is None else max(cluster_end, entry.end)
        )
        cluster.append(entry)
    if cluster:
        yield _slot(cluster, ids, language)


def _slot(cluster: list[Entry], ids: Ids, language: str) -> Slot:
    if len(cluster) == 1:
        return Slot(**_fields(cluster[0]))
    kind = next(k for k in KINDS if k.id == PARALLEL_KIND)
    return Slot(
        id=ids.make(f"{PARALLEL_KIND}-{cluster[0].start:%Y-%m-%d-%H%M}"),
        kind=PARALLEL_KIND,
        title=kind.label(language),
        start=cluster[0].start,
        end=max(e.end for e in cluster),
        sessions=tuple(Session(**_fields(e)) for e in cluster),
    )


def _fields(entry: Entry) -> dict[str, Any]:
    """What a slot or session takes from an entry: all but the day it is listed under."""
    fields = attrs.asdict(entry, recurse=False)
    del fields["day"]
    return fields
