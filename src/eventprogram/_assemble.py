"""From the flat list of a conference tool to days, slots and parallel sessions.

frab, pretalx and the CCC hub list events one by one, each in its room. An
eventprogram programme says which things happen *together*: items of one day
that overlap in time become the parallel sessions of one slot, and an item
alone in its time becomes a slot of its own. Nothing is dropped, not even two
items that clash in one room: validation reports those.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Final

import attrs

from ._ids import Ids, slugify
from ._model import KINDS, Contribution, Day, Kind, Link, Session, Slot

__all__ = [
    "NIGHT_BEFORE",
    "PARALLEL_KIND",
    "Entry",
    "Kinds",
    "assemble",
    "listed_day",
    "nested_slot",
    "numbered_sessions",
]

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
    place: str | None = None
    """The room a writer made up for it, as it had none (``Lohnhalle 3.1``); not a room."""


def assemble(  # noqa: PLR0913 -- each says how the items are read
    entries: Iterable[Entry],
    *,
    days: Iterable[dt.date] = (),
    language: str = "en",
    ids: Ids | None = None,
    zone: dt.tzinfo | None = None,
    numbered: bool = False,
    nested: bool = False,
) -> tuple[Day, ...]:
    """Return the days of *entries*: overlapping items as parallel sessions of one slot.

    Items that start together keep the order they are given in: a schedule's
    own order of events, not their ids, decides the order of parallel sessions.

    Args:
        entries: The items, in the order of their source. Their ids must be
            unique among themselves and valid.
        days: Days to include even when no item falls on them.
        language: The language of the programme, for the titles of the
            slots that hold parallel sessions.
        ids: The namespace of slot and session ids, to make the ids of the
            slots that hold parallel sessions; one is made from the entries
            when it is not given.
        zone: The programme's zone, so that times in the hour the autumn clock
            change repeats (``fold=1``) are placed by their instant; without
            it, wall-clock times are compared as they are.
        numbered: Read the numbers that schedule writers put in the titles of
            parallel sessions (:func:`numbered_sessions`).
        nested: The entries come from eventprogram's own writer, in the
            programme's order: each run of overlapping items is one slot,
            the first item, holding the others (:func:`nested_slot`).
    """
    by_day: dict[dt.date, list[Entry]] = defaultdict(list)
    for day in days:
        by_day[day]
    for entry in entries:
        by_day[entry.day].append(entry)
    if ids is None:
        ids = Ids(e.id for listed in by_day.values() for e in listed)
    instant = _instant_in(zone)
    if nested:
        # Ties in start keep the given order; a slot's items are needed in that order.
        order = {id(entry): index for index, entry in enumerate(itertools.chain(*by_day.values()))}
        return tuple(
            Day(
                date=date,
                slots=tuple(
                    nested_slot(sorted(cluster, key=lambda e: order[id(e)]), instant)
                    for cluster in _clusters(listed, instant)
                ),
            )
            for date, listed in sorted(by_day.items())
        )
    return tuple(
        Day(
            date=date,
            slots=tuple(
                _slot(cluster, ids, language, instant, numbered=numbered)
                for cluster in _clusters(listed, instant)
            ),
        )
        for date, listed in sorted(by_day.items())
    )


def listed_day(start: dt.datetime, first: dt.date) -> dt.date:
    """The day a schedule lists an item starting at *start* (wall clock) under.

    As pretalx writes its schedule.xml and schedule.json, and so as the
    importers read them: an item that starts before 03:00 belongs to the night
    of the day before, except on the programme's first day (*first*).
    """
    date = start.date()
    if start.time() < NIGHT_BEFORE and date != first:
        return date - dt.timedelta(days=1)
    return date


NIGHT_BEFORE: Final = dt.time(3)
"""Items that start before this hour belong to the day before (pretalx's rule)."""

_Instant = Callable[[dt.datetime], dt.datetime]


def _instant_in(zone: dt.tzinfo | None) -> _Instant:
    """A key that orders wall-clock times by their instant, the repeated hour included."""
    if zone is None:
        return lambda time: time
    return lambda time: time.replace(tzinfo=zone).astimezone(dt.UTC)


def _clusters(entries: list[Entry], instant: _Instant) -> Iterator[list[Entry]]:
    """Runs of overlapping items, each in start order; ties in the given order."""
    cluster: list[Entry] = []
    cluster_end: dt.datetime | None = None
    for entry in sorted(entries, key=lambda e: instant(e.start)):  # stable: ties keep order
        start, end = instant(entry.start), instant(entry.end)
        if cluster and cluster_end is not None and start >= cluster_end:
            yield cluster
            cluster = []
        cluster_end = end if not cluster or cluster_end is None else max(cluster_end, end)
        cluster.append(entry)
    if cluster:
        yield cluster


def _slot(
    cluster: list[Entry], ids: Ids, language: str, instant: _Instant, *, numbered: bool
) -> Slot:
    if len(cluster) == 1:
        return Slot(**_fields(cluster[0]))
    kind = next(k for k in KINDS if k.id == PARALLEL_KIND)
    sessions = numbered_sessions(cluster, instant) if numbered else None
    return Slot(
        id=ids.make(f"{PARALLEL_KIND}-{cluster[0].start:%Y-%m-%d-%H%M}"),
        kind=PARALLEL_KIND,
        title=kind.label(language),
        start=cluster[0].start,
        end=max((e.end for e in cluster), key=instant),
        sessions=sessions or tuple(Session(**_fields(e)) for e in cluster),
    )


_TOP_NUMBER: Final = re.compile(r"(\d{1,6})\.\s+(\S.*)", re.DOTALL)
"""``3. Title``: the parallel session numbered 3."""
_SUB_NUMBER: Final = re.compile(r"(\d{1,6}(?:\.\d{1,6}){1,2})\s+(\S.*)", re.DOTALL)
"""``3.1 Title``: sub-session 1 of session 3 (and ``3.1.2`` one level further, no deeper)."""


def _title_number(title: str) -> tuple[tuple[int, ...], str] | None:
    """The number path and the bare title of ``"3. Title"`` or ``"3.1 Title"``; else ``None``."""
    match = _TOP_NUMBER.fullmatch(title) or _SUB_NUMBER.fullmatch(title)
    if match is None:
        return None
    path = tuple(int(part) for part in match[1].split("."))
    return (path, match[2]) if all(path) else None


@attrs.define
class _Numbered:
    entry: Entry
    title: str
    number: int | None = None
    subs: list[_Numbered] = attrs.field(factory=list)

    def session(self) -> Session:
        fields = _fields(self.entry)
        fields.update(title=self.title, number=self.number)
        subs = sorted(self.subs, key=lambda sub: sub.number or 0)
        return Session(**fields, sessions=tuple(sub.session() for sub in subs))


def numbered_sessions(
    cluster: list[Entry], instant: _Instant = lambda time: time
) -> tuple[Session, ...] | None:
    """The sessions of *cluster* with the numbers that writers put in their titles.

    schedule.xml and schedule.json have no field for a parallel session's
    number; eventprogram's writers put it in the title as iCal's SUMMARY does:
    session 3 as ``"3. Title"``, its sub-session 1 as ``"3.1 Title"``. Where at
    least two items of the cluster carry such a number, ``N.`` becomes the
    session's number, and ``N.M`` inside the time of ``N.`` becomes its
    sub-session ``M``. Numbered sessions are ordered by number in the places
    they hold; the others keep their place and their title.

    Returns:
        The sessions, or ``None`` where fewer than two items carry a number (a
        talk called "1. FC Köln" keeps its title).
    """
    parsed = [(entry, _title_number(entry.title)) for entry in cluster]
    if sum(found is not None for _, found in parsed) < 2:
        return None
    by_path: dict[tuple[int, ...], _Numbered] = {}
    roots: list[_Numbered] = []
    # Parents before their subs, each level in the given order.
    order = sorted(
        range(len(parsed)), key=lambda i: len(found[0]) if (found := parsed[i][1]) else 0
    )
    placed: dict[int, _Numbered] = {}
    for index in order:
        entry, found = parsed[index]
        node = _Numbered(entry=entry, title=entry.title)
        if found is not None and found[0] not in by_path:
            path, title = found
            parent = by_path.get(path[:-1]) if len(path) > 1 else None
            if len(path) == 1 or (
                parent is not None
                and instant(parent.entry.start) <= instant(entry.start)
                and instant(entry.end) <= instant(parent.entry.end)
            ):
                node = _Numbered(entry=entry, title=title, number=path[-1])
                by_path[path] = node
                if parent is not None:
                    parent.subs.append(node)
                    continue
        placed[index] = node
    roots = [placed[i] for i in sorted(placed)]
    slots = [i for i, node in enumerate(roots) if node.number is not None]
    ranked = sorted((roots[i] for i in slots), key=lambda node: node.number or 0)
    for i, node in zip(slots, ranked, strict=True):
        roots[i] = node
    return tuple(node.session() for node in roots)


@attrs.define
class _Held:
    """An item of a slot being nested: what holds it, and what it holds."""

    entry: Entry
    title: str
    number: int | None = None
    room: str | None = None
    """Its room as a session of its holder: ``None`` where it is the holder's."""
    subs: list[_Held] = attrs.field(factory=list)

    def session(self) -> Session:
        fields = _fields(self.entry)
        fields.update(title=self.title, number=self.number, room=self.room)
        return Session(**fields, sessions=tuple(sub.session() for sub in self.subs))


def nested_slot(cluster: list[Entry], instant: _Instant = lambda time: time) -> Slot:
    """The slot of *cluster*, items that overlap in a file of eventprogram's own writer.

    That writer lists each slot as an event, then its sessions and theirs, and
    counts them in that order: *cluster* in that order is one slot, its first
    item, and the sessions it holds. A session sits in the item before it
    that holds it by number (``3.1`` in ``3.``, ``3.`` in the slot, as
    :func:`numbered_sessions` reads them), else in the nearest item before it
    in the same room whose time holds its own, or in the made-up room whose
    name it extends (``Lohnhalle 3.1`` in ``Lohnhalle 3``, that in
    ``Lohnhalle``), else in the slot. A session in its holder's room has no
    room of its own: it takes the holder's.
    """
    head, rest = cluster[0], cluster[1:]
    slot = _Held(entry=head, title=head.title, room=head.room)
    numbers = [_title_number(entry.title) for entry in rest]
    if sum(found is not None for found in numbers) < 2:  # a lone "1. FC Köln" is a title
        numbers = [None] * len(rest)
    placed: list[tuple[_Held, str | None]] = [(slot, head.room)]  # each with its resolved room
    by_path: dict[tuple[int, ...], tuple[_Held, str | None]] = {}

    def holds(outer: Entry, inner: Entry) -> bool:
        return instant(outer.start) <= instant(inner.start) and instant(inner.end) <= instant(
            outer.end
        )

    for entry, found in zip(rest, numbers, strict=True):
        holder: tuple[_Held, str | None] | None = None
        title, number = entry.title, None
        if found is not None and found[0] not in by_path:
            path, bare = found
            above = placed[0] if len(path) == 1 else by_path.get(path[:-1])
            if above is not None and holds(above[0].entry, entry):
                holder, title, number = above, bare, path[-1]
        if holder is None:
            holder = next(
                (
                    (node, room)
                    for node, room in reversed(placed)
                    if holds(node.entry, entry)
                    and (
                        (room is not None and room == entry.room)
                        or _extends(entry.place, node.entry.place)
                    )
                ),
                placed[0],
            )
        held = _Held(
            entry=entry,
            title=title,
            number=number,
            room=None if entry.room == holder[1] else entry.room,
        )
        holder[0].subs.append(held)
        resolved = entry.room if entry.room is not None else holder[1]
        placed.append((held, resolved))
        if number is not None and found is not None:
            by_path[found[0]] = (held, resolved)
    return Slot(**_fields(head), sessions=tuple(held.session() for held in slot.subs))


def _extends(place: str | None, holder: str | None) -> bool:
    """Whether the made-up room *place* is named after a place inside *holder*'s."""
    if place is None or holder is None:
        return False
    rest = place.removeprefix(holder)
    return rest != place and _PLACE_NUMBER.fullmatch(rest) is not None


_PLACE_NUMBER: Final = re.compile(r"[ .]\d{1,6}")
"""What a made-up room's name adds for a session: `` 3`` after the venue, ``.1`` after ``3``."""


def _fields(entry: Entry) -> dict[str, Any]:
    """What a slot or session takes from an entry: all but the day it is listed under."""
    fields = attrs.asdict(entry, recurse=False)
    del fields["day"], fields["place"]
    return fields
