"""From the flat list of a conference tool to days, slots and parallel sessions.

frab, pretalx and the CCC hub list events one by one, each in its room. An
eventprogram programme says which things happen *together*: items of one day
that overlap in time become the parallel sessions of one slot, and an item
alone in its time becomes a slot of its own. Nothing is dropped, not even two
items that clash in one room: validation reports those.
"""

from __future__ import annotations

import datetime as dt
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
    holder: str | None = None
    """The id of the entry it is nested in, as an eventprogram file says (``nested``)."""


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
            programme's order, and name their holders (``Entry.holder``):
            each sits in its holder where that is an entry before it whose
            time holds its own; the others are placed as above
            (:func:`_nested_slots`).
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
        return tuple(
            Day(date=date, slots=_nested_slots(listed, ids, language, instant))
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
    """Runs of overlapping items, each in start order; ties in the given order.

    An item joins a run when it starts before the run's latest end. Which runs
    there are is decided in order of start, then end, so that it does not
    depend on the order items are given in: an item of no length at 08:00 and
    one from 08:00 to 08:01 are two runs whichever comes first (listed first,
    the short one would have ended its run at once; listed second, it would
    have joined the other's).
    """
    given = {id(entry): index for index, entry in enumerate(entries)}
    cluster: list[Entry] = []
    cluster_end: dt.datetime | None = None

    def in_order(run: list[Entry]) -> list[Entry]:
        return sorted(run, key=lambda e: (instant(e.start), given[id(e)]))

    for entry in sorted(entries, key=lambda e: (instant(e.start), instant(e.end))):
        start, end = instant(entry.start), instant(entry.end)
        if cluster and cluster_end is not None and start >= cluster_end:
            yield in_order(cluster)
            cluster = []
        cluster_end = end if not cluster or cluster_end is None else max(cluster_end, end)
        cluster.append(entry)
    if cluster:
        yield in_order(cluster)


def _slot(
    cluster: list[Entry], ids: Ids, language: str, instant: _Instant, *, numbered: bool
) -> Slot:
    if len(cluster) == 1:
        return Slot(**_fields(cluster[0]))
    sessions = numbered_sessions(cluster, instant) if numbered else None
    sessions = sessions or tuple(Session(**_fields(e)) for e in cluster)
    return _parallel(cluster, sessions, ids, language, instant)


def _parallel(
    cluster: list[Entry],
    sessions: tuple[Session, ...],
    ids: Ids,
    language: str,
    instant: _Instant,
) -> Slot:
    """The slot that holds the items of *cluster*, which overlap, as *sessions*."""
    kind = next(k for k in KINDS if k.id == PARALLEL_KIND)
    return Slot(
        id=ids.make(f"{PARALLEL_KIND}-{cluster[0].start:%Y-%m-%d-%H%M}"),
        kind=PARALLEL_KIND,
        title=kind.label(language),
        start=cluster[0].start,
        end=max((e.end for e in cluster), key=instant),
        sessions=sessions,
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
class _Node:
    """An entry of an eventprogram file, nested as the file says: what it holds."""

    entry: Entry
    room: str | None
    """Its room as its holder resolves it: its own, else its holder's."""
    subs: list[_Node] = attrs.field(factory=list)
    title: str = ""
    number: int | None = None
    path: tuple[int, ...] | None = None
    """Its number and those above it (``(3, 1)``), where it got one from its title."""

    def session(self, holder_room: str | None) -> Session:
        """The session it is: no room of its own where that is its holder's."""
        fields = _fields(self.entry)
        fields.update(
            title=self.title,
            number=self.number,
            room=None if self.entry.room == holder_room else self.entry.room,
        )
        return Session(**fields, sessions=tuple(sub.session(self.room) for sub in self.subs))

    def walk(self) -> Iterator[tuple[_Node, _Node | None]]:
        """Each node below this one with its holder (``None`` at the top), depth first."""
        for sub in self.subs:
            yield sub, self
            yield from sub.walk()


def _nested_slots(
    listed: list[Entry], ids: Ids, language: str, instant: _Instant
) -> tuple[Slot, ...]:
    """The slots of one day of an eventprogram file, *listed* in the programme's order.

    An entry sits in the entry its ``holder`` names where that one comes
    before it and its time holds the entry's own; nothing else decides nesting
    (no room, no number), so two sessions that clash in one room still clash.
    Every other entry is placed as :func:`assemble` places items: alone in its
    time a slot (holding what sits in it), with others a session of a parallel
    slot. Sessions keep the order of the list, the programme's, whatever their
    starts: among those of their holder and in a parallel slot.
    """
    nodes = {entry.id: _Node(entry=entry, room=entry.room, title=entry.title) for entry in listed}
    seen: set[str] = set()
    tops: list[Entry] = []
    for entry in listed:
        holder = nodes.get(entry.holder) if entry.holder is not None else None
        if holder is not None and entry.holder in seen and _holds(holder.entry, entry, instant):
            node = nodes[entry.id]
            node.room = entry.room if entry.room is not None else holder.room
            holder.subs.append(node)
        else:
            tops.append(entry)
        seen.add(entry.id)
    slots = []
    position = {entry.id: index for index, entry in enumerate(listed)}
    for cluster in _clusters(tops, instant):
        heads = [nodes[entry.id] for entry in sorted(cluster, key=lambda e: position[e.id])]
        alone = len(heads) == 1
        _read_numbers(heads, alone=alone)
        if alone:
            (head,) = heads
            sessions = tuple(sub.session(head.room) for sub in head.subs)
            slots.append(Slot(**_fields(head.entry), sessions=sessions))
        else:
            sessions = tuple(node.session(None) for node in heads)
            slots.append(_parallel(cluster, sessions, ids, language, instant))
    return tuple(slots)


def _holds(outer: Entry, inner: Entry, instant: _Instant) -> bool:
    """Whether *inner*'s time lies within *outer*'s."""
    return instant(outer.start) <= instant(inner.start) and instant(inner.end) <= instant(outer.end)


def _read_numbers(heads: list[_Node], *, alone: bool) -> None:
    """Numbers from titles (``3. X``, ``3.1 Y``) in one slot of an eventprogram file.

    As :func:`numbered_sessions` reads them: only where at least two of the
    slot's sessions carry one (a lone ``1. FC Köln`` is a title). A session
    of the slot takes ``N.``; one inside a numbered session ``P`` takes
    ``P.M``; a number its siblings already took stays in the title. The
    order is the file's: numbers do not reorder sessions.
    """
    tops: list[tuple[_Node, _Node | None]] = (
        [(sub, None) for sub in heads[0].subs] if alone else [(node, None) for node in heads]
    )
    below = [pair for node, _ in tops for pair in node.walk()]
    found = {id(node): _title_number(node.entry.title) for node, _ in (*tops, *below)}
    if sum(number is not None for number in found.values()) < 2:
        return
    taken: set[tuple[int, ...]] = set()
    for node, holder in (*tops, *below):  # holders before the sessions they hold
        number = found[id(node)]
        if number is None or number[0] in taken:
            continue
        path, bare = number
        above = holder.path if holder is not None else ()
        if above is None or path[:-1] != above:
            continue
        taken.add(path)
        node.title, node.number, node.path = bare, path[-1], path


def _fields(entry: Entry) -> dict[str, Any]:
    """What a slot or session takes from an entry: all but the day it is listed under."""
    fields = attrs.asdict(entry, recurse=False)
    del fields["day"], fields["holder"]
    return fields
