"""The built-in validation rules.

Every rule reads the resolved view (:func:`eventprogram.timeline`): the times,
rooms, kinds and people each slot and session *is*, after inheritance and open
ends. Nothing here works inheritance out again. Times are compared and measured
as instants (``start_utc``, ``end_utc``), so that an event across the autumn
clock change keeps its real length. An end the view marks as nominal
(``open_end``) counts as unknown: only the open-end rule speaks of it.

Every check is near-linear: intervals are sorted once and swept, never compared
all against all, so that programmes with ten thousand sessions validate quickly.
The clash rules (slots, people, rooms) never pair what is together by design, and
report each clashing item once, against the first item it clashes with: their
work and their output grow as n log n in the items, not with the pairs.
Each rule looks only at what it is about; where another rule already reports a
broken time (an end before its start), the others leave that item alone, so
that one mistake gives one finding.
A cancelled item (:attr:`Item.cancelled`) keeps no person busy, no room taken and no
time of its day: the clash rules leave it out, so that its replacement may take its place.
"""

from __future__ import annotations

import bisect
import datetime as dt
import heapq
import itertools
import sys
from collections import defaultdict
from collections.abc import Callable, Iterator
from typing import Final

from ._i18n import LANGUAGES, counted, counted_word
from ._ids import canonical_uuid
from ._model import Programme
from ._references import dangling_references, duplicate_ids, named
from ._timeline import Appearance, Item, span_of, timeline
from ._validation import Check, Rule, Severity, Violation

__all__ = [
    "after_end_marker",
    "ambiguous_time",
    "dangling_references",
    "duplicate_day",
    "duplicate_ids",
    "empty_day",
    "ends_before_start",
    "gap",
    "groups_and_sessions",
    "no_moderation",
    "nonexistent_time",
    "open_end",
    "outside_day",
    "parallel_without_room",
    "person_clash",
    "person_listed_twice",
    "room_clash",
    "session_outside_slot",
    "slots_overlap",
]

# A day's night runs on into the next date until this hour.
NIGHT_ENDS: Final = dt.time(6, 0)
MODERATING_ROLES: Final = frozenset({"moderation"})
"""Roles that moderate: a working group or panel with someone in one is led."""
DISCUSSION_KINDS: Final = frozenset({"panel", "discussion"})
"""Kinds of slot or session that are led by a moderator (Podium, Diskussion)."""
PANEL_ROLES: Final = frozenset({"panel"})
"""Roles of people on a panel: an item that lists one is a panel, kind aside."""

Interval = tuple[dt.datetime, dt.datetime]


# -- reading the view ----------------------------------------------------------------


def _interval(item: Item) -> Interval | None:
    """Start and end instants, where the end is known and after the start.

    An open end is unknown (``None``); an end marker may be a point.
    """
    if item.open_end:
        return None
    start, end = item.start_utc, item.end_utc
    if end > start or (item.is_marker and end == start):
        return start, end
    return None


def _hhmm(moment: dt.datetime | None) -> str:
    return "?" if moment is None else f"{moment:%H:%M}"


def _span(item: Item) -> str:
    return f"{_hhmm(item.start)}–{_hhmm(None if item.open_end else item.end)}"


def _room_named(item: Item) -> str:
    """How a message names an item's room: by its id, or by its name where the id is a UUID."""
    room = item.room
    if room is None:
        return "?"
    return repr(room.name if canonical_uuid(room.id) == room.id.lower() else room.id)


Entry = tuple[dt.datetime, dt.datetime, int, Item]
"""An item's start and end instants and its place in the programme's order."""


class _Subtrees:
    """The run of places each item and all it holds take in the programme's order.

    The view lists items depth first, so an item and its sub-items are one run
    ``first..stop``. Worked out on first use: a sweep in which nothing overlaps
    never asks.
    """

    def __init__(self, items: tuple[Item, ...]) -> None:
        self._items = items
        self._runs: dict[int, tuple[int, int]] | None = None

    def __getitem__(self, item: Item) -> tuple[int, int]:
        if self._runs is None:
            self._runs = {}
            holding: list[tuple[int, Item]] = []  # the item being read and those holding it
            for place, here in enumerate(self._items):
                while holding and holding[-1][1].depth >= here.depth:
                    first, done = holding.pop()
                    self._runs[id(done)] = (first, place)
                holding.append((place, here))
            for first, done in holding:
                self._runs[id(done)] = (first, len(self._items))
        return self._runs[id(item)]


class _Tree:
    """Counts per rank in a Fenwick tree: change one, or find the first counted in a range.

    Each takes time logarithmic in the number of ranks.
    """

    def __init__(self, size: int) -> None:
        self._tree = [0] * (size + 1)
        self._top = 1 << size.bit_length()
        self.count = 0

    def change(self, rank: int, by: int) -> None:
        """Count the item of *rank* (*by* 1), or no longer (*by* -1)."""
        self.count += by
        tree, index = self._tree, rank + 1
        while index < len(tree):
            tree[index] += by
            index += index & -index

    def _before(self, rank: int) -> int:
        """How many items of a rank below *rank* are counted."""
        tree, total = self._tree, 0
        while rank:
            total += tree[rank]
            rank &= rank - 1
        return total

    def first(self, low: int, high: int) -> int | None:
        """The lowest rank in ``low..high`` (*high* excluded) that is counted, or ``None``."""
        if low >= high or not self.count:
            return None
        wanted = self._before(low)
        if self._before(high) == wanted:
            return None
        # The lowest rank with more than *wanted* counted at or below it.
        tree, rank, step = self._tree, 0, self._top
        while step:
            if rank + step < len(tree) and tree[rank + step] <= wanted:
                rank += step
                wanted -= tree[rank]
            step >>= 1
        return rank


class _Open:
    """The items a sweep holds open, by rank (their place in the programme's order).

    Items enter the trees only once something overlaps them (:meth:`settle`), so
    that a sweep in which nothing overlaps costs no more than its sort.
    """

    _CLOSED: Final = 0
    _WAITING: Final = 1
    _ENTERED: Final = 2

    def __init__(self, inherits: list[bool] | None, size: int) -> None:
        """Prepare for *size* items; *inherits* marks those :meth:`first` can leave out."""
        self._every = _Tree(size)
        self._own = self._every if inherits is None else _Tree(size)
        self._inherits = inherits
        self._state = bytearray(size)
        self._waiting: list[int] = []

    def open(self, rank: int) -> None:
        """Hold the item of *rank* open."""
        self._state[rank] = self._WAITING
        self._waiting.append(rank)

    def close(self, rank: int) -> None:
        """Close the item of *rank*."""
        if self._state[rank] == self._ENTERED:
            self._enter(rank, -1)
        self._state[rank] = self._CLOSED

    def settle(self) -> None:
        """Enter the open items that wait, before :meth:`first` is asked."""
        for rank in self._waiting:
            if self._state[rank] == self._WAITING:
                self._state[rank] = self._ENTERED
                self._enter(rank, 1)
        self._waiting.clear()

    def _enter(self, rank: int, by: int) -> None:
        self._every.change(rank, by)
        if self._inherits is not None and not self._inherits[rank]:
            self._own.change(rank, by)

    def first(self, low: int, high: int, *, only_own: bool) -> int | None:
        """The lowest open rank in ``low..high``; with *only_own*, of those not marked."""
        return (self._own if only_own else self._every).first(low, high)


Run = tuple[int, int, bool]
"""A run ``first..stop`` of the programme's order, and whether it is looked up in the
items that do *not* take their room from their slot only."""


def _clashes(
    entries: list[Entry],
    runs: Callable[[Item], list[Run]],
    inherits: Callable[[Item], bool] | None = None,
) -> Iterator[tuple[Item, Item]]:
    """Yield each item that clashes with one that starts no later, with the first such one.

    *runs* gives, for an item, the runs of the programme's order, lowest first, in
    which an item it overlaps clashes with it; everything outside them is there
    with it by design. An item is paired with the first open item, in the
    programme's order, in those runs: one pair per clashing item, never one per
    pair of items. A run marked ``True`` looks only at items for which *inherits*
    is false. Intervals are half-open: one that ends when the next starts does not
    overlap it. Each item costs time logarithmic in the number of entries per run.
    """
    entries.sort()  # the place in the order is unique: items are never compared
    places = sorted(order for _, _, order, _ in entries)
    rank = {order: r for r, order in enumerate(places)}
    by_rank = [item for _, _, _, item in sorted(entries, key=lambda entry: entry[2])]
    open_ = _Open(None if inherits is None else [inherits(i) for i in by_rank], len(places))
    active: list[tuple[dt.datetime, int]] = []  # a heap by end
    for start, end, order, item in entries:
        while active and active[0][0] <= start:
            open_.close(heapq.heappop(active)[1])
        if active:
            open_.settle()
            for first, stop, only_own in runs(item):
                found = open_.first(
                    bisect.bisect_left(places, first),
                    bisect.bisect_left(places, stop),
                    only_own=only_own,
                )
                if found is not None:
                    yield by_rank[found], item
                    break
        heapq.heappush(active, (end, rank[order]))
        open_.open(rank[order])


def _runs_apart(
    item: Item,
    subtrees: _Subtrees,
    together: Callable[[Item], bool] = lambda _: False,
    *,
    slot_shared: bool = False,
) -> list[Run]:
    """The runs of the programme's order holding what *item* is not with by design.

    What holds *item* and what it holds are with it. So is whatever else a holder
    holds for which *together* is true, where that holder is the nearest one the
    two share. Everything outside *item*'s slot is apart from it. With
    *slot_shared*, the rest of its slot is looked at only among items that do not
    take their room from the slot.
    """
    below_first, below_stop = subtrees[item]
    before: list[Run] = []  # each further left than the last
    after: list[Run] = []  # each further right than the last
    above = item.parent
    while above is not None:
        first, stop = subtrees[above]
        if not together(above):
            only_own = slot_shared and above.is_slot
            before.append((first + 1, below_first, only_own))  # not *above* itself
            after.append((below_stop, stop, only_own))
        below_first, below_stop = first, stop
        above = above.parent
    before.reverse()
    return [(0, below_first, False), *before, *after, (below_stop, sys.maxsize, False)]


# -- rules ---------------------------------------------------------------------------


def _rule(
    code: str, name: str, severity: Severity, summary_de: str, summary_en: str
) -> Callable[[Check], Rule]:
    def wrap(check: Check) -> Rule:
        return Rule(
            code=code,
            name=name,
            severity=severity,
            summary_de=summary_de,
            summary_en=summary_en,
            check=check,
        )

    return wrap


@_rule(
    "EP201",
    "ends-before-start",
    Severity.ERROR,
    "ein Slot oder eine Session endet nicht nach ihrem Beginn",
    "a slot or session does not end after it starts",
)
def ends_before_start(programme: Programme) -> Iterator[Violation]:
    """Find slots and sessions whose end is not after their start; an end marker may be a point.

    Measured in real time: 02:50 to the second 02:10 of the autumn clock change is
    twenty minutes, not an end before the start.
    """
    zone = programme.zone
    for item in timeline(programme).items:
        if item.open_end or _interval(item):
            continue
        if _skipped(zone, item.start) or _skipped(zone, item.end):
            continue  # nonexistent-time's: a time the clock skips has no true length
        yield Violation(
            path=f"{item.path}.end",
            ids=(item.id,),
            message_de=(
                f"{named(item)} endet um {_hhmm(item.end)}, nicht nach seinem Beginn"
                f" um {_hhmm(item.start)}"
            ),
            message_en=(
                f"{named(item)} ends at {_hhmm(item.end)},"
                f" not after it starts at {_hhmm(item.start)}"
            ),
            hint_de="Ende nach dem Beginn setzen, oder das Ende weglassen",
            hint_en="set the end after the start, or leave the end out",
        )


@_rule(
    "EP202",
    "slots-overlap",
    Severity.ERROR,
    "zwei Slots eines Tages überschneiden sich; Paralleles gehört in Sessions eines Slots",
    "two slots of a day overlap; what runs in parallel belongs in sessions of one slot",
)
def slots_overlap(programme: Programme) -> Iterator[Violation]:
    """Find slots of one day that overlap in time: each once, with the first slot it overlaps."""
    for slots in timeline(programme).days:
        entries = [
            (*interval, order, item)
            for order, item in enumerate(slots)
            if not item.is_marker
            and not item.cancelled  # a replacement may take a cancelled slot's time
            and (interval := _interval(item)) is not None
        ]
        # Slots hold one another never: any other slot open is a clash.
        for first, second in _clashes(entries, lambda _: [(0, sys.maxsize, False)]):
            yield Violation(
                path=f"{second.path}.start",
                ids=tuple(sorted((first.id, second.id))),
                message_de=(
                    f"{named(second)} ({_span(second)}) überschneidet sich mit"
                    f" {named(first)} ({_span(first)})"
                ),
                message_en=(
                    f"{named(second)} ({_span(second)}) overlaps {named(first)} ({_span(first)})"
                ),
                hint_de="Zeiten korrigieren, oder beides als parallele Sessions in einen Slot",
                hint_en="mend the times, or make both parallel sessions of one slot",
            )


@_rule(
    "EP203",
    "session-outside-slot",
    Severity.ERROR,
    "eine Session liegt nicht ganz in ihrem Slot, eine Untersession nicht in ihrer Session",
    "a session lies not wholly inside its slot, or a sub-session inside its session",
)
def session_outside_slot(programme: Programme) -> Iterator[Violation]:
    """Find sessions that start before or end after what encloses them."""
    for item in timeline(programme).items:
        parent = item.parent
        if parent is None:
            continue
        inner, outer = _interval(item), _interval(parent)
        if inner is None or outer is None or (outer[0] <= inner[0] and inner[1] <= outer[1]):
            continue
        yield Violation(
            path=f"{item.path}.start" if inner[0] < outer[0] else f"{item.path}.end",
            ids=(item.id, parent.id),
            message_de=(
                f"{named(item)} ({_span(item)}) liegt nicht in {named(parent)} ({_span(parent)})"
            ),
            message_en=(
                f"{named(item)} ({_span(item)}) is not inside {named(parent)} ({_span(parent)})"
            ),
            hint_de="die Zeiten der Session in die des Slots legen",
            hint_en="move the session's times inside those of what holds it",
        )


@_rule(
    "EP204",
    "outside-day",
    Severity.ERROR,
    "ein Slot liegt nicht auf seinem Tag (die Nacht zählt bis 06:00 zum Tag)",
    "a slot does not lie on its day (the night counts to the day until 06:00)",
)
def outside_day(programme: Programme) -> Iterator[Violation]:
    """Find slots that start or end outside their day and its night.

    Only the times a slot gives itself count: an end it takes from the next slot
    lies on the day where that slot does.
    """
    for item in timeline(programme).slots():
        opens = dt.datetime.combine(item.date, dt.time())
        closes = dt.datetime.combine(item.date + dt.timedelta(days=1), NIGHT_ENDS)
        for key, moment in (("start", item.source.start), ("end", item.source.end)):
            if moment is None or opens <= moment <= closes:
                continue
            yield Violation(
                path=f"{item.path}.{key}",
                ids=(item.id,),
                message_de=(
                    f"{named(item)} liegt am {moment:%d.%m.%Y}, nicht am Tag {item.date:%d.%m.%Y}"
                ),
                message_en=f"{named(item)} falls on {moment:%Y-%m-%d}, not on its day {item.date}",
                hint_de="das Datum prüfen, oder den Slot unter seinen Tag stellen",
                hint_en="check the date, or list the slot under its own day",
            )
            break


@_rule(
    "EP205",
    "duplicate-day",
    Severity.ERROR,
    "ein Datum steht für zwei Tage",
    "two days have the same date",
)
def duplicate_day(programme: Programme) -> Iterator[Violation]:
    """Find days that share a date."""
    seen: dict[dt.date, int] = {}
    for d, day in enumerate(programme.days):
        if day.date in seen:
            yield Violation(
                path=f"days[{d}].date",
                ids=(day.date.isoformat(),),
                message_de=f"den Tag {day.date:%d.%m.%Y} gibt es zweimal",
                message_en=f"the day {day.date} is there twice",
                hint_de="die Slots beider Einträge unter einem Tag zusammenführen",
                hint_en="bring the slots of both together under one day",
            )
        seen.setdefault(day.date, d)


@_rule(
    "EP206",
    "empty-day",
    Severity.WARNING,
    "ein Tag hat keine Slots",
    "a day has no slots",
)
def empty_day(programme: Programme) -> Iterator[Violation]:
    """Find days without slots."""
    for d, slots in enumerate(timeline(programme).days):
        if not slots:
            date = programme.days[d].date
            yield Violation(
                path=f"days[{d}]",
                ids=(date.isoformat(),),
                message_de=f"der Tag {date:%d.%m.%Y} hat keine Slots",
                message_en=f"the day {date} has no slots",
                hint_de="Slots eintragen, oder den Tag streichen",
                hint_en="add slots, or remove the day",
            )


@_rule(
    "EP207",
    "after-end-marker",
    Severity.WARNING,
    "ein Slot beginnt erst nach dem Veranstaltungsende seines Tages",
    "a slot starts after the end marker of its day",
)
def after_end_marker(programme: Programme) -> Iterator[Violation]:
    """Find slots that start at or after their day's (first) end marker."""
    for slots in timeline(programme).days:
        markers = [item for item in slots if item.is_marker]
        if not markers:
            continue
        marker = min(markers, key=lambda item: (item.start_utc, item.id))
        for item in slots:
            if item is marker or item.start_utc < marker.start_utc:
                continue
            yield Violation(
                path=f"{item.path}.start",
                ids=(item.id, marker.id),
                message_de=(
                    f"{named(item)} beginnt um {_hhmm(item.start)}, nach dem Veranstaltungsende"
                    f" {named(marker)} um {_hhmm(marker.start)}"
                ),
                message_en=(
                    f"{named(item)} starts at {_hhmm(item.start)}, after the end marker"
                    f" {named(marker)} at {_hhmm(marker.start)}"
                ),
                hint_de="das Veranstaltungsende ans Ende des Tages stellen",
                hint_en="move the end marker to the end of the day",
            )


@_rule(
    "EP208",
    "open-end",
    Severity.WARNING,
    "der letzte Slot eines Tages hat kein Ende und kein Veranstaltungsende folgt",
    "the last slot of a day has no end, and no end marker follows",
)
def open_end(programme: Programme) -> Iterator[Violation]:
    """Find slots whose end nothing gives: calendars would not know when they end.

    An end taken from the next slot, or from the latest end of the slot's own
    sessions, is known; only an end the view calls nominal (``open_end``) is not.
    A slot with an open start ("ab 19:00 Uhr Abendessen") is open on purpose.
    """
    view = timeline(programme)
    day_ends: list[tuple[int, int]] | None = None
    for item in view.slots():
        if not item.open_end or item.open_start:
            continue
        if day_ends is None:  # each day's known end, by its minutes into the day and night
            day_ends = sorted(
                (_night_minutes(span[1]), d)
                for d, slots in enumerate(view.days)
                if (span := span_of(slots)) is not None and span[1] is not None
            )
        other = _end_elsewhere(item, day_ends)
        if other is not None:
            end = _clock_value(item, other)
            hint_de = (
                f'ein Ende angeben (end = "{end}", wie ein anderer Tag endet)'
                " oder ein Veranstaltungsende anfügen"
            )
            hint_en = (
                f'give it an end (end = "{end}", as another day ends)'
                ' or add an end marker (kind = "end")'
            )
        else:
            end = _clock_value(item, item.end)
            hint_de = (
                f'ein Ende angeben (etwa end = "{end}": so lange zeigen Kalender es jetzt)'
                " oder ein Veranstaltungsende anfügen"
            )
            hint_en = (
                f'give it an end (such as end = "{end}": calendars now show it until then)'
                ' or add an end marker (kind = "end")'
            )
        yield Violation(
            path=item.path,
            ids=(item.id,),
            message_de=f"{named(item)} hat kein Ende",
            message_en=f"{named(item)} has no end",
            hint_de=hint_de,
            hint_en=hint_en,
        )


def _night_minutes(moment: dt.datetime | dt.time) -> int:
    """Minutes since :data:`NIGHT_ENDS`: 00:30 comes after 23:00, as it does in a day's night."""
    minutes = moment.hour * 60 + moment.minute
    return (minutes - NIGHT_ENDS.hour * 60 - NIGHT_ENDS.minute) % (24 * 60)


def _end_elsewhere(item: Item, day_ends: list[tuple[int, int]]) -> dt.datetime | None:
    """The earliest time of day at which another day ends, after *item* starts; on its date.

    What a programme's other days say is the best guess at when this one ends:
    ``16:30`` where the other days end at 16:30, not a fixed example. *day_ends*
    holds each day's end once, sorted: a search, and a step past the item's own day.
    """
    start = _night_minutes(item.start)
    for minutes, day in itertools.islice(
        day_ends, bisect.bisect_right(day_ends, (start, sys.maxsize)), None
    ):
        if day != item.day:
            return item.start + dt.timedelta(minutes=minutes - start)
    return None


def _clock_value(item: Item, moment: dt.datetime) -> str:
    """How a source writes *moment* as an end of *item*: ``"17:00"``; after midnight with a date."""
    if moment.date() == item.start.date():
        return f"{moment:%H:%M}"
    return f"{moment:%Y-%m-%dT%H:%M}"


@_rule(
    "EP301",
    "person-clash",
    Severity.ERROR,
    "eine Person ist zur selben Zeit an zwei Orten",
    "a person is in two places at once",
)
def person_clash(programme: Programme) -> Iterator[Violation]:
    """Find people in two overlapping slots or sessions, across days too.

    Leading a session while its own sub-sessions run is not a clash. Each item a
    person clashes in is reported once, with the first item (in the programme's
    order) among those that start no later and overlap it.
    """
    view = timeline(programme)
    subtrees = _Subtrees(view.items)
    by_person: dict[str, list[Entry]] = defaultdict(list)
    for order, item in enumerate(view.items):
        people = item.people
        if not people or item.open_end or item.is_marker or item.cancelled:
            continue  # a cancelled item keeps no one busy
        start, end = item.start_utc, item.end_utc
        if end <= start:
            continue  # ends-before-start's
        for appearance in people if len(people) == 1 else _once(item):
            by_person[appearance.contribution.person].append((start, end, order, item))
    for person, entries in by_person.items():
        if len(entries) < 2 or not _overlap(entries):
            continue
        name = _appearing(entries[0][3], person).person.name
        for first, second in _clashes(entries, lambda item: _runs_apart(item, subtrees)):
            listed = second.people.index(_appearing(second, person))
            yield Violation(
                path=f"{second.path}.people[{listed}].person",
                ids=(person, *sorted((first.id, second.id))),
                message_de=(
                    f"{name} ist zur selben Zeit in {named(first)} ({_span(first)})"
                    f" und {named(second)} ({_span(second)})"
                ),
                message_en=(
                    f"{name} is in {named(first)} ({_span(first)}) and {named(second)}"
                    f" ({_span(second)}) at once"
                ),
                hint_de="die Person aus einem von beiden nehmen, oder die Zeiten ändern",
                hint_en="take the person out of one of them, or change the times",
            )


def _overlap(entries: list[Entry]) -> bool:
    """Whether any two of *entries* overlap: a quick look before :func:`_clashes` is asked.

    Most people are in a few items, one after another; their sweep need not be set up.
    Sorts *entries* as :func:`_clashes` does.
    """
    entries.sort()  # the place in the order is unique: items are never compared
    reach = entries[0][1]
    for start, end, _, _ in entries[1:]:
        if start < reach:
            return True
        reach = max(reach, end)
    return False


def _once(item: Item) -> Iterator[Appearance]:
    """Each person of *item* once: one listed twice is person-listed-twice's to report."""
    seen: set[str] = set()
    for appearance in item.people:
        if appearance.contribution.person not in seen:
            seen.add(appearance.contribution.person)
            yield appearance


def _appearing(item: Item, person: str) -> Appearance:
    """The first appearance of *person* among the people of *item*."""
    return next(a for a in item.people if a.contribution.person == person)


@_rule(
    "EP302",
    "person-listed-twice",
    Severity.ERROR,
    "eine Person steht in einem Slot oder einer Session zweimal; Rollen gehören zusammen",
    "a person is listed twice in one slot or session; their roles belong together",
)
def person_listed_twice(programme: Programme) -> Iterator[Violation]:
    """Find people listed twice in the people of one slot or session."""
    for item in timeline(programme).items:
        if len(item.people) < 2:
            continue
        roles: dict[str, dict[str, None]] = {}  # each person's roles here, in order, once
        for appearance in item.people:
            person_roles = roles.setdefault(appearance.contribution.person, {})
            person_roles.update(dict.fromkeys(appearance.contribution.roles))
        seen: set[str] = set()
        for c, appearance in enumerate(item.people):
            person = appearance.contribution.person
            if person in seen:
                listed = ", ".join(f'"{role}"' for role in roles[person])
                yield Violation(
                    path=f"{item.path}.people[{c}].person",
                    ids=(person, item.id),
                    message_de=f"{appearance.person.name} steht in {named(item)} zweimal",
                    message_en=f"{appearance.person.name} is listed twice in {named(item)}",
                    hint_de=f"einmal nennen, mit allen Rollen: roles = [{listed}]",
                    hint_en=f"list them once with all roles: roles = [{listed}]",
                )
            seen.add(person)


def _takes_slot_room(item: Item) -> bool:
    """Whether *item* is in its slot's room because the slot names it and nothing below does."""
    return item.room_from is not None and item.room_from.is_slot


@_rule(
    "EP401",
    "room-clash",
    Severity.ERROR,
    "in einem Raum finden zwei Sessions zur selben Zeit statt",
    "a room holds two sessions at once",
)
def room_clash(programme: Programme) -> Iterator[Violation]:
    """Find rooms holding two overlapping items, inherited rooms included.

    Two items in one room are there together on purpose when one holds the other;
    when both take the room from one and the same assignment (``room_from``); and
    when the nearest session holding both is itself in that room: the Kleingruppen
    of one session meet in its room, whether or not each names it. The nearest
    holder being a slot does not count: parallel sessions are different things at
    once, and those that all sit in the slot's room are parallel-without-room's.

    What is together by design is never paired: the sweep looks for a clash only in
    the runs of the programme's order outside it (:func:`_runs_apart`). Each item
    that clashes is reported once, with the first item (in the programme's order)
    among those in its room that start no later and overlap it.
    """
    view = timeline(programme)
    subtrees = _Subtrees(view.items)
    by_room: dict[str, list[Entry]] = defaultdict(list)
    for order, item in enumerate(view.items):
        place = item.room
        if place is None or item.open_end or item.is_marker or item.cancelled:
            continue  # a cancelled item leaves its room free
        start, end = item.start_utc, item.end_utc
        if end > start:
            by_room[place.id].append((start, end, order, item))
    for room, entries in by_room.items():

        def in_room(above: Item, room: str = room) -> bool:
            return not above.is_slot and above.room is not None and above.room.id == room

        def apart(item: Item, in_room: Callable[[Item], bool] = in_room) -> list[Run]:
            return _runs_apart(item, subtrees, in_room, slot_shared=_takes_slot_room(item))

        for first, second in _clashes(entries, apart, _takes_slot_room):
            yield Violation(
                path=f"{second.path}.room",
                ids=(room, *sorted((first.id, second.id))),
                message_de=(
                    f"Raum {_room_named(second)} ist zur selben Zeit"
                    f" für {named(first)} ({_span(first)})"
                    f" und {named(second)} ({_span(second)}) vorgesehen"
                ),
                message_en=(
                    f"room {_room_named(second)} holds {named(first)} ({_span(first)})"
                    f" and {named(second)} ({_span(second)}) at once"
                ),
                hint_de="einer der beiden einen anderen Raum geben",
                hint_en="give one of them another room",
            )


@_rule(
    "EP402",
    "parallel-without-room",
    Severity.WARNING,
    "parallele Sessions ohne Raum: Teilnehmende wissen nicht, wohin",
    "parallel sessions without a room: participants will not know where to go",
)
def parallel_without_room(programme: Programme) -> Iterator[Violation]:
    """Find slots whose parallel sessions lack rooms of their own; one finding per slot.

    A room inherited from the slot does not count: parallel sessions that all sit
    in the slot's room are in one room at once.
    """
    for item in timeline(programme).slots():
        if len(item.children) < 2:
            continue
        missing = sorted(s.id for s in item.children if s.room_from is not s)
        if not missing:
            continue
        listed = ", ".join(missing)
        count = len(missing)
        sessions_de, sessions_en = (counted("parallel_session", count, lang) for lang in LANGUAGES)
        have_de, have_en = (counted_word("has", count, lang) for lang in LANGUAGES)
        free = _free_room(programme, item)
        if free is not None:
            hint_de = f'jeder Session einen Raum geben: room = "{free}"'
            hint_en = f'give each session a room: room = "{free}"'
        else:
            hint_de = (
                "Räume unter [[venue.rooms]] anlegen (id und name), dann jeder Session einen geben"
            )
            hint_en = "define rooms under [[venue.rooms]] (id and name), then give each session one"
        yield Violation(
            path=f"{item.path}.sessions",
            ids=(item.id, *missing),
            message_de=f"{sessions_de} in {named(item)} {have_de} keinen Raum: {listed}",
            message_en=f"{sessions_en} in {named(item)} {have_en} no room: {listed}",
            hint_de=hint_de,
            hint_en=hint_en,
        )


def _free_room(programme: Programme, slot: Item) -> str | None:
    """A room of the venue to propose for *slot*'s sessions: the first none of them has yet."""
    rooms = programme.venue.rooms
    if not rooms:
        return None
    taken = {i.room.id for i in slot.walk() if i.room is not None}
    return next((room.id for room in rooms if room.id not in taken), rooms[0].id)


@_rule(
    "EP403",
    "groups-and-sessions",
    Severity.WARNING,
    "ein Slot oder eine Session zählt Gruppen (groups) und nennt zugleich Sessions",
    "a slot or session counts groups (groups) and lists sessions as well",
)
def groups_and_sessions(programme: Programme) -> Iterator[Violation]:
    """Find items that count unnamed groups and also hold sessions: one of the two is wrong.

    ``groups = 3`` says that three groups meet and nothing more is known of them;
    sessions name what meets. Where both are given, every format shows both, and
    they may disagree ("in drei Gruppen" above two sessions).
    """
    for item in timeline(programme).items:
        count = item.groups
        if count is None or not item.children:
            continue
        groups_de, groups_en = (counted("group", count, lang) for lang in LANGUAGES)
        listed_de, listed_en = (counted("session", len(item.children), lang) for lang in LANGUAGES)
        yield Violation(
            path=f"{item.path}.groups",
            ids=(item.id,),
            message_de=(
                f"{named(item)} teilt sich in {groups_de} (groups = {count})"
                f" und nennt dazu {listed_de}"
            ),
            message_en=(
                f"{named(item)} splits into {groups_en} (groups = {count})"
                f" and lists {listed_en} as well"
            ),
            hint_de=(
                "entweder die Gruppen zählen oder sie als Sessions nennen: groups weglassen,"
                " wo die Sessions die Gruppen sind"
            ),
            hint_en=(
                "either count the groups or name them as sessions: leave out groups"
                " where the sessions are the groups"
            ),
        )


@_rule(
    "EP501",
    "no-moderation",
    Severity.WARNING,
    "eine Arbeitsgruppe oder ein Podium nennt Personen, aber niemanden in der Moderation",
    "a working group or panel lists people, but nobody in a moderating role",
)
def no_moderation(programme: Programme) -> Iterator[Violation]:
    """Find working groups and panels that list people of whom nobody moderates.

    A working group is a parallel session; a panel is a slot or session of a kind
    in :data:`DISCUSSION_KINDS` (its own kind: sessions that only inherit it are
    the panel's parts), or one that lists someone in a role of
    :data:`PANEL_ROLES`. One that lists nobody at all is left alone: a workshop
    whose people are not yet known is not a workshop without moderation.
    Moderation counts anywhere inside the item; for a panel that is not itself a
    parallel session, also in what holds it, up to the nearest parallel session
    (the slot's moderator leads its panel). A panel inside a group or another
    panel is part of it and not reported again; each parallel group is, as before,
    moderated or not by what it holds itself.
    """
    checked: set[int] = set()  # the items looked at, by id(): what they hold is looked at too
    for item in timeline(programme).items:
        if not (item.parallel or _is_discussion(item)):
            continue
        checked.add(id(item))
        if not item.parallel and _inside_checked(item.parent, checked):
            continue  # a panel inside a group or panel is part of it: one finding
        inside = list(item.walk())
        if not any(i.people for i in inside):
            continue
        if any(_moderates(i) for i in inside) or _moderated_above(item):
            continue
        yield Violation(
            path=f"{item.path}.people",
            ids=(item.id,),
            message_de=f"{named(item)} hat niemanden in der Moderation",
            message_en=f"{named(item)} has nobody in a moderating role",
            hint_de='eine Person mit roles = ["moderation"] eintragen',
            hint_en='add a person with roles = ["moderation"]',
        )


def _inside_checked(item: Item | None, checked: set[int]) -> bool:
    """Whether *item* or what holds it was looked at already (see :func:`no_moderation`)."""
    while item is not None:
        if id(item) in checked:
            return True
        item = item.parent
    return False


def _moderates(item: Item) -> bool:
    """Whether someone among the people of *item* moderates."""
    return any(not MODERATING_ROLES.isdisjoint(a.contribution.roles) for a in item.people)


def _is_discussion(item: Item) -> bool:
    """Whether *item* is a panel: of a discussion kind by itself, or with a panellist."""
    if (item.is_slot or item.own_kind) and item.kind.id in DISCUSSION_KINDS:
        return True
    return any(not PANEL_ROLES.isdisjoint(a.contribution.roles) for a in item.people)


def _moderated_above(item: Item) -> bool:
    """Whether what holds *item*, up to the nearest parallel session, has a moderator."""
    here = item
    while not here.parallel and here.parent is not None:
        here = here.parent
        if _moderates(here):
            return True
    return False


def _skipped(zone: dt.tzinfo, moment: dt.datetime) -> bool:
    """Whether the clocks skip *moment* (it lies in the gap of a change to summer time)."""
    there = moment.replace(tzinfo=zone)
    return there.astimezone(dt.UTC).astimezone(zone).replace(tzinfo=None) != moment


def _wall_clock_problem(zone: dt.tzinfo, moment: dt.datetime) -> str | None:
    """Say whether a wall-clock time does not exist (``gap``) or exists twice (``fold``)."""
    first = moment.replace(tzinfo=zone, fold=0)
    second = moment.replace(tzinfo=zone, fold=1)
    if first.utcoffset() == second.utcoffset():
        return None
    back = first.astimezone(dt.UTC).astimezone(zone).replace(tzinfo=None)
    return "fold" if back == moment else "gap"


def _hour_of(zone: dt.tzinfo, moment: dt.datetime, problem: str) -> tuple[dt.datetime, dt.datetime]:
    """Where the run of wall-clock times with *problem* around *moment* starts, and ends.

    For the spring gap in Berlin ``02:00`` and ``03:00``: the first time skipped, and
    the first after it that exists. Found minute by minute, at most a day each way;
    a clock change moves the clock by at most a few hours.
    """
    step = dt.timedelta(minutes=1)
    first = moment.replace(second=0, microsecond=0, fold=0)
    for _ in range(24 * 60):
        if _wall_clock_problem(zone, first - step) != problem:
            break
        first -= step
    after = first
    for _ in range(24 * 60):
        after += step
        if _wall_clock_problem(zone, after) != problem:
            break
    return first, after


def _offset(moment: dt.datetime) -> str:
    """The UTC offset of an aware *moment* as a source writes it: ``+01:00``."""
    offset = moment.utcoffset() or dt.timedelta()
    minutes = int(offset.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    hours, minutes = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}:{minutes:02d}"


def _clock_times(programme: Programme, problem: str) -> Iterator[tuple[str, str, dt.datetime]]:
    """Yield the times slots and sessions give themselves that have *problem* (``gap``, ``fold``).

    Only times on a date whose clock changes are looked at closely: one look per date.
    """
    zone = programme.zone
    changes: dict[dt.date, bool] = {}

    def changing(date: dt.date) -> bool:
        if (known := changes.get(date)) is None:
            midnight = dt.datetime.combine(date, dt.time(), tzinfo=zone)
            after = midnight + dt.timedelta(days=1)
            known = changes[date] = midnight.utcoffset() != after.utcoffset()
        return known

    for item in timeline(programme).items:
        source = item.source
        if source.start is None and source.end is None:
            continue
        for key, moment in (("start", source.start), ("end", source.end)):
            if (
                moment is not None
                and changing(moment.date())
                and _wall_clock_problem(zone, moment) == problem
            ):
                yield f"{item.path}.{key}", item.id, moment


@_rule(
    "EP601",
    "nonexistent-time",
    Severity.ERROR,
    "eine Uhrzeit gibt es nicht: die Uhr wird in dieser Nacht vorgestellt",
    "a time that does not exist: the clocks go forward that night",
)
def nonexistent_time(programme: Programme) -> Iterator[Violation]:
    """Find wall-clock times skipped by a daylight-saving change in the programme's zone."""
    for path, id_, moment in _clock_times(programme, "gap"):
        first, after = _hour_of(programme.zone, moment, "gap")
        yield Violation(
            path=path,
            ids=(id_,),
            message_de=(
                f"{moment:%d.%m.%Y %H:%M} gibt es in {programme.timezone} nicht"
                " (Umstellung auf Sommerzeit)"
            ),
            message_en=(
                f"{moment:%Y-%m-%d %H:%M} does not exist in {programme.timezone}"
                " (the clocks go forward)"
            ),
            hint_de=f"eine Uhrzeit vor {first:%H:%M} oder ab {after:%H:%M} wählen",
            hint_en=f"choose a time before {first:%H:%M} or from {after:%H:%M}",
        )


@_rule(
    "EP602",
    "ambiguous-time",
    Severity.WARNING,
    "eine Uhrzeit gibt es zweimal: die Uhr wird in dieser Nacht zurückgestellt",
    "a time that exists twice: the clocks go back that night",
)
def ambiguous_time(programme: Programme) -> Iterator[Violation]:
    """Find wall-clock times that occur twice at a daylight-saving change; the first is taken.

    A time that says it is the second one (``fold=1``) is not ambiguous.
    """
    for path, id_, moment in _clock_times(programme, "fold"):
        if moment.fold == 0:
            first, after = _hour_of(programme.zone, moment, "fold")
            key = path.rsplit(".", 1)[-1]
            second = f"{moment:%H:%M}{_offset(moment.replace(fold=1, tzinfo=programme.zone))}"
            yield Violation(
                path=path,
                ids=(id_,),
                message_de=(
                    f"{moment:%d.%m.%Y %H:%M} gibt es in {programme.timezone} zweimal"
                    " (Ende der Sommerzeit); es gilt das erste Mal"
                ),
                message_en=(
                    f"{moment:%Y-%m-%d %H:%M} happens twice in {programme.timezone}"
                    " (the clocks go back); the first is meant"
                ),
                hint_de=(
                    f"eine Uhrzeit vor {first:%H:%M} oder ab {after:%H:%M} wählen;"
                    f' für das zweite Mal {key} = "{second}"'
                ),
                hint_en=(
                    f"choose a time before {first:%H:%M} or from {after:%H:%M};"
                    f' for the second time, {key} = "{second}"'
                ),
            )


@_rule(
    "EP701",
    "gap",
    Severity.INFO,
    "zwischen zwei Slots eines Tages ist eine Lücke",
    "there is a gap between two slots of a day",
)
def gap(programme: Programme) -> Iterator[Violation]:
    """Find time between a slot's end and the next slot's start, inside a day."""
    for slots in timeline(programme).days:
        order = sorted(slots, key=lambda item: (item.start_utc, item.position))
        for here, following in itertools.pairwise(order):
            # An end before its own start is ends-before-start's; no gap follows from it.
            if (
                here.open_end
                or here.end_utc >= following.start_utc
                or here.end_utc <= here.start_utc
            ):
                continue
            yield Violation(
                path=f"{here.path}.end",
                ids=(here.id, following.id),
                message_de=(
                    f"zwischen {named(here)} (bis {_hhmm(here.end)}) und"
                    f" {named(following)} (ab {_hhmm(following.start)}) ist nichts geplant"
                ),
                message_en=(
                    f"nothing is planned between {named(here)} (until {_hhmm(here.end)})"
                    f" and {named(following)} (from {_hhmm(following.start)})"
                ),
                hint_de="gewollt? Sonst das Ende weglassen: dann endet der Slot mit dem nächsten",
                hint_en="intended? If not, leave the end out: the slot then runs to the next",
            )
