"""The built-in validation rules.

Every check is near-linear: intervals are sorted once and swept, never compared
all against all, so that programmes with ten thousand sessions validate quickly.
Each rule looks only at what it is about; where another rule already reports a
broken time (an end before its start), the others leave that item alone, so
that one mistake gives one finding.
"""

from __future__ import annotations

import datetime as dt
import difflib
import heapq
import itertools
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from typing import Final

import attrs

from ._ids import canonical_uuid
from ._model import (
    END_KIND,
    KINDS,
    ROLES,
    Contribution,
    Programme,
    Session,
    Slot,
)
from ._validation import Check, Rule, Severity, Violation

# A day's night runs on into the next date until this hour.
NIGHT_ENDS: Final = dt.time(6, 0)
MODERATING_ROLES: Final = frozenset({"moderation"})


# -- the schedule as timed items ------------------------------------------------------


@attrs.frozen
class Item:
    """A slot or session with its resolved times and its place in the tree."""

    path: str
    id: str
    title: str
    day: int
    lineage: tuple[str, ...]
    """Ids from the slot down to this item: an item overlaps its ancestors by design."""
    start: dt.datetime | None
    end: dt.datetime | None
    room: str | None
    people: tuple[Contribution, ...]
    is_slot: bool
    is_marker: bool
    parallel: bool
    """A top-level session of a slot with more than one: a parallel track."""
    sessions: tuple[Session, ...]

    @property
    def interval(self) -> tuple[dt.datetime, dt.datetime] | None:
        """Start and end, where both are known and well-formed (a marker may be a point)."""
        if self.start is None or self.end is None:
            return None
        if self.end > self.start or (self.is_marker and self.end == self.start):
            return self.start, self.end
        return None

    def contains(self, other: Item) -> bool:
        """Whether *other* is this item or lies inside it in the tree."""
        return other.lineage[: len(self.lineage)] == self.lineage

    def related(self, other: Item) -> bool:
        """Whether one of the two lies inside the other in the tree."""
        return self.contains(other) or other.contains(self)


def slot_ends(programme: Programme) -> list[tuple[dt.datetime | None, ...]]:
    """Return each slot's end, by day and slot index."""
    return [day.ends() for day in programme.days]


def items(programme: Programme) -> Iterator[Item]:
    """Yield every slot and session, depth first, in source order, with resolved times."""
    ends = slot_ends(programme)
    for d, day in enumerate(programme.days):
        for s, slot in enumerate(day.slots):
            path = f"days[{d}].slots[{s}]"
            here = Item(
                path=path,
                id=slot.id,
                title=slot.title,
                day=d,
                lineage=(slot.id,),
                start=slot.start,
                end=ends[d][s],
                room=slot.room,
                people=slot.people,
                is_slot=True,
                is_marker=slot.kind == END_KIND,
                parallel=False,
                sessions=slot.sessions,
            )
            yield here
            yield from _sessions(here, parallel=len(slot.sessions) > 1)


def _sessions(parent: Item, *, parallel: bool) -> Iterator[Item]:
    for index, session in enumerate(parent.sessions):
        here = Item(
            path=f"{parent.path}.sessions[{index}]",
            id=session.id,
            title=session.title,
            day=parent.day,
            lineage=(*parent.lineage, session.id),
            start=session.start if session.start is not None else parent.start,
            end=session.end if session.end is not None else parent.end,
            room=session.room,
            people=session.people,
            is_slot=False,
            is_marker=False,
            parallel=parallel and parent.is_slot,
            sessions=session.sessions,
        )
        yield here
        yield from _sessions(here, parallel=False)


def _hhmm(moment: dt.datetime | None) -> str:
    return "?" if moment is None else f"{moment:%H:%M}"


def _span(item: Item) -> str:
    return f"{_hhmm(item.start)}–{_hhmm(item.end)}"


def _did_you_mean(wanted: str, known: Iterable[str]) -> tuple[str | None, str | None]:
    close = difflib.get_close_matches(wanted, list(known), n=1)
    if not close:
        return None, None
    return f"meinten Sie {close[0]!r}?", f"did you mean {close[0]!r}?"


def _named(item: Item | Slot | Session) -> str:
    """How a message names a slot or session: by its id, or by its title where the id is a UUID.

    Imported schedules have UUIDs for ids; nobody recognises a talk by one.
    """
    return repr(item.title if canonical_uuid(item.id) == item.id.lower() else item.id)


def _room_named(programme: Programme, id_: str) -> str:
    """How a message names a room: by its id, or by its name where the id is a UUID."""
    if canonical_uuid(id_) == id_.lower():
        try:
            return repr(programme.room(id_).name)
        except KeyError:
            pass
    return repr(id_)


def _person_name(programme: Programme, id_: str) -> str:
    try:
        return programme.person(id_).name
    except KeyError:
        return id_


def _overlaps(entries: list[tuple[dt.datetime, dt.datetime, Item]]) -> Iterator[tuple[Item, Item]]:
    """Yield each pair of entries whose intervals overlap, sorting once and sweeping.

    The work is proportional to the entries plus the overlapping pairs found.
    """
    entries.sort(key=lambda e: (e[0], e[1], e[2].path))
    active: list[tuple[dt.datetime, int, Item]] = []  # a heap by end
    for counter, (start, end, item) in enumerate(entries):
        while active and active[0][0] <= start:
            heapq.heappop(active)
        for _, _, other in active:
            yield other, item
        heapq.heappush(active, (end, counter, item))


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


def _references(programme: Programme) -> Iterator[tuple[str, str | None, str]]:
    """Yield every reference by id as ``(sort, id, path)``."""
    for i, organiser in enumerate(programme.organisers):
        yield "organisation", organiser.organisation, f"organisers[{i}].organisation"
    for i, image in enumerate(programme.images):
        yield "organisation", image.organisation, f"images[{i}].organisation"
    for i, person in enumerate(programme.people):
        yield "organisation", person.organisation, f"people[{i}].organisation"
    for d, day in enumerate(programme.days):
        for s, slot in enumerate(day.slots):
            yield "kind", slot.kind, f"days[{d}].slots[{s}].kind"
    for item in items(programme):
        yield "room", item.room, f"{item.path}.room"
        for c, contribution in enumerate(item.people):
            here = f"{item.path}.people[{c}]"
            yield "person", contribution.person, f"{here}.person"
            for r, role in enumerate(contribution.roles):
                yield "role", role, f"{here}.roles[{r}]"


_SORT_NAMES: Final = {
    "organisation": ("Organisation", "organisation"),
    "kind": ("Art", "slot kind"),
    "room": ("Raum", "room"),
    "person": ("Person", "person"),
    "role": ("Rolle", "role"),
}


@_rule(
    "EP101",
    "dangling-reference",
    Severity.ERROR,
    "ein Verweis auf eine Person, Organisation, Raum, Rolle oder Art, die es nicht gibt",
    "a reference to a person, organisation, room, role or kind that is not defined",
)
def dangling_references(programme: Programme) -> Iterator[Violation]:
    """Find references to people, organisations, rooms, roles and kinds that are not defined."""
    known = {
        "organisation": {o.id for o in programme.organisations},
        "kind": {k.id for k in (*programme.kinds, *KINDS)},
        "room": {r.id for r in programme.venue.rooms},
        "person": {p.id for p in programme.people},
        "role": {r.id for r in (*programme.roles, *ROLES)},
    }
    for sort, value, path in _references(programme):
        if value is None or value in known[sort]:
            continue
        what_de, what_en = _SORT_NAMES[sort]
        hint_de, hint_en = _did_you_mean(value, sorted(known[sort]))
        yield Violation(
            path=path,
            ids=(value,),
            message_de=f"{what_de} {value!r} ist nicht definiert",
            message_en=f"no {what_en} {value!r}",
            hint_de=hint_de,
            hint_en=hint_en,
        )


@_rule(
    "EP102",
    "duplicate-id",
    Severity.ERROR,
    "eine Id ist mehrfach vergeben",
    "an id is given more than once",
)
def duplicate_ids(programme: Programme) -> Iterator[Violation]:
    """Find ids given twice among things of one sort.

    Slots and sessions share one sort: their ids become calendar UIDs and anchors.
    """
    sorts: list[tuple[str, str, list[tuple[str, str]]]] = [
        ("Personen", "people", [(f"people[{i}].id", p.id) for i, p in enumerate(programme.people)]),
        (
            "Organisationen",
            "organisations",
            [(f"organisations[{i}].id", o.id) for i, o in enumerate(programme.organisations)],
        ),
        (
            "Räume",
            "rooms",
            [(f"venue.rooms[{i}].id", r.id) for i, r in enumerate(programme.venue.rooms)],
        ),
        ("Bilder", "images", [(f"images[{i}].id", m.id) for i, m in enumerate(programme.images)]),
        ("Rollen", "roles", [(f"roles[{i}].id", r.id) for i, r in enumerate(programme.roles)]),
        ("Arten", "kinds", [(f"kinds[{i}].id", k.id) for i, k in enumerate(programme.kinds)]),
        (
            "Slots und Sessions",
            "slots and sessions",
            [(f"{item.path}.id", item.id) for item in items(programme)],
        ),
    ]
    for sort_de, sort_en, entries in sorts:
        counts = Counter(id_ for _, id_ in entries)
        seen: set[str] = set()
        for path, id_ in entries:
            if counts[id_] > 1 and id_ in seen:
                yield Violation(
                    path=path,
                    ids=(id_,),
                    message_de=f"die Id {id_!r} gibt es unter den {sort_de} mehrfach",
                    message_en=f"the id {id_!r} is given to more than one of the {sort_en}",
                    hint_de="jede Id darf nur einmal vorkommen",
                    hint_en="give each one an id of its own",
                )
            seen.add(id_)


@_rule(
    "EP201",
    "ends-before-start",
    Severity.ERROR,
    "ein Slot oder eine Session endet nicht nach ihrem Beginn",
    "a slot or session does not end after it starts",
)
def ends_before_start(programme: Programme) -> Iterator[Violation]:
    """Find slots and sessions whose end is not after their start; an end marker may be a point."""
    for item in items(programme):
        if item.start is None or item.end is None or item.interval:
            continue
        yield Violation(
            path=f"{item.path}.end",
            ids=(item.id,),
            message_de=(
                f"{_named(item)} endet um {_hhmm(item.end)}, nicht nach seinem Beginn"
                f" um {_hhmm(item.start)}"
            ),
            message_en=(
                f"{_named(item)} ends at {_hhmm(item.end)},"
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
    """Find slots of one day that overlap in time."""
    by_day: dict[int, list[tuple[dt.datetime, dt.datetime, Item]]] = defaultdict(list)
    for item in items(programme):
        if item.is_slot and not item.is_marker and (interval := item.interval):
            by_day[item.day].append((*interval, item))
    for entries in by_day.values():
        for first, second in _overlaps(entries):
            yield Violation(
                path=f"{second.path}.start",
                ids=tuple(sorted((first.id, second.id))),
                message_de=(
                    f"{_named(second)} ({_span(second)}) überschneidet sich mit"
                    f" {_named(first)} ({_span(first)})"
                ),
                message_en=(
                    f"{_named(second)} ({_span(second)}) overlaps {_named(first)} ({_span(first)})"
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
    parents: dict[tuple[str, ...], Item] = {}
    for item in items(programme):
        parents[item.lineage] = item
        if item.is_slot:
            continue
        parent = parents[item.lineage[:-1]]
        inner, outer = item.interval, parent.interval
        if inner is None or outer is None or (outer[0] <= inner[0] and inner[1] <= outer[1]):
            continue
        yield Violation(
            path=f"{item.path}.start" if inner[0] < outer[0] else f"{item.path}.end",
            ids=(item.id, parent.id),
            message_de=(
                f"{_named(item)} ({_span(item)}) liegt nicht in {_named(parent)} ({_span(parent)})"
            ),
            message_en=(
                f"{_named(item)} ({_span(item)}) is not inside {_named(parent)} ({_span(parent)})"
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
    """Find slots that start or end outside their day and its night."""
    for d, day in enumerate(programme.days):
        opens = dt.datetime.combine(day.date, dt.time())
        closes = dt.datetime.combine(day.date + dt.timedelta(days=1), NIGHT_ENDS)
        for s, slot in enumerate(day.slots):
            for key, moment in (("start", slot.start), ("end", slot.end)):
                if moment is None or opens <= moment <= closes:
                    continue
                yield Violation(
                    path=f"days[{d}].slots[{s}].{key}",
                    ids=(slot.id,),
                    message_de=(
                        f"{_named(slot)} liegt am {moment:%d.%m.%Y},"
                        f" nicht am Tag {day.date:%d.%m.%Y}"
                    ),
                    message_en=(
                        f"{_named(slot)} falls on {moment:%Y-%m-%d}, not on its day {day.date}"
                    ),
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
    for d, day in enumerate(programme.days):
        if not day.slots:
            yield Violation(
                path=f"days[{d}]",
                ids=(day.date.isoformat(),),
                message_de=f"der Tag {day.date:%d.%m.%Y} hat keine Slots",
                message_en=f"the day {day.date} has no slots",
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
    for d, day in enumerate(programme.days):
        markers = [s for s in day.slots if s.kind == END_KIND]
        if not markers:
            continue
        marker = min(markers, key=lambda s: (s.start, s.id))
        for s, slot in enumerate(day.slots):
            if slot is marker or slot.start < marker.start:
                continue
            yield Violation(
                path=f"days[{d}].slots[{s}].start",
                ids=(slot.id, marker.id),
                message_de=(
                    f"{_named(slot)} beginnt um {_hhmm(slot.start)}, nach dem Veranstaltungsende"
                    f" {_named(marker)} um {_hhmm(marker.start)}"
                ),
                message_en=(
                    f"{_named(slot)} starts at {_hhmm(slot.start)}, after the end marker"
                    f" {_named(marker)} at {_hhmm(marker.start)}"
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
    """Find days whose last slot has no end: calendars would not know when it ends."""
    ends = slot_ends(programme)
    for d, day in enumerate(programme.days):
        for s, slot in enumerate(day.slots):
            if ends[d][s] is None:
                yield Violation(
                    path=f"days[{d}].slots[{s}]",
                    ids=(slot.id,),
                    message_de=f"{_named(slot)} hat kein Ende",
                    message_en=f"{_named(slot)} has no end",
                    hint_de='ein Ende angeben (end = "16:30") oder ein Veranstaltungsende anfügen',
                    hint_en='give it an end (end = "16:30") or add an end marker (kind = "end")',
                )


@_rule(
    "EP301",
    "person-clash",
    Severity.ERROR,
    "eine Person ist zur selben Zeit an zwei Orten",
    "a person is in two places at once",
)
def person_clash(programme: Programme) -> Iterator[Violation]:
    """Find people in two overlapping slots or sessions, across days too.

    Leading a session while its own sub-sessions run is not a clash.
    """
    by_person: dict[str, list[tuple[dt.datetime, dt.datetime, Item]]] = defaultdict(list)
    paths: dict[tuple[str, str], str] = {}
    for item in items(programme):
        interval = item.interval
        if interval is None or item.is_marker:
            continue
        for c, contribution in enumerate(item.people):
            if (item.path, contribution.person) in paths:
                continue  # listed twice in one item: person-listed-twice says so
            paths[item.path, contribution.person] = f"{item.path}.people[{c}].person"
            by_person[contribution.person].append((*interval, item))
    for person, entries in by_person.items():
        name = _person_name(programme, person)
        for first, second in _overlaps(entries):
            if first.related(second):
                continue
            yield Violation(
                path=paths[second.path, person],
                ids=(person, *sorted((first.id, second.id))),
                message_de=(
                    f"{name} ist zur selben Zeit in {_named(first)} ({_span(first)})"
                    f" und {_named(second)} ({_span(second)})"
                ),
                message_en=(
                    f"{name} is in {_named(first)} ({_span(first)}) and {_named(second)}"
                    f" ({_span(second)}) at once"
                ),
                hint_de="die Person aus einem von beiden nehmen, oder die Zeiten ändern",
                hint_en="take the person out of one of them, or change the times",
            )


@_rule(
    "EP302",
    "person-listed-twice",
    Severity.ERROR,
    "eine Person steht in einem Slot oder einer Session zweimal; Rollen gehören zusammen",
    "a person is listed twice in one slot or session; their roles belong together",
)
def person_listed_twice(programme: Programme) -> Iterator[Violation]:
    """Find people listed twice in the people of one slot or session."""
    for item in items(programme):
        seen: set[str] = set()
        for c, contribution in enumerate(item.people):
            if contribution.person in seen:
                yield Violation(
                    path=f"{item.path}.people[{c}].person",
                    ids=(contribution.person, item.id),
                    message_de=(
                        f"{_person_name(programme, contribution.person)} steht in"
                        f" {_named(item)} zweimal"
                    ),
                    message_en=(
                        f"{_person_name(programme, contribution.person)} is listed twice in"
                        f" {_named(item)}"
                    ),
                    hint_de='einmal nennen, mit allen Rollen: roles = ["input", "moderation"]',
                    hint_en='list them once with all roles: roles = ["input", "moderation"]',
                )
            seen.add(contribution.person)


@_rule(
    "EP401",
    "room-clash",
    Severity.ERROR,
    "in einem Raum finden zwei Sessions zur selben Zeit statt",
    "a room holds two sessions at once",
)
def room_clash(programme: Programme) -> Iterator[Violation]:
    """Find rooms holding two overlapping items; a sub-session may share its parent's room."""
    by_room: dict[str, list[tuple[dt.datetime, dt.datetime, Item]]] = defaultdict(list)
    for item in items(programme):
        if item.room is not None and not item.is_marker and (interval := item.interval):
            by_room[item.room].append((*interval, item))
    for room, entries in by_room.items():
        for first, second in _overlaps(entries):
            if first.related(second):
                continue
            yield Violation(
                path=f"{second.path}.room",
                ids=(room, *sorted((first.id, second.id))),
                message_de=(
                    f"Raum {_room_named(programme, room)} ist zur selben Zeit"
                    f" für {_named(first)} ({_span(first)})"
                    f" und {_named(second)} ({_span(second)}) vorgesehen"
                ),
                message_en=(
                    f"room {_room_named(programme, room)} holds {_named(first)} ({_span(first)})"
                    f" and {_named(second)} ({_span(second)}) at once"
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
    """Find slots whose parallel sessions lack rooms; one finding per slot."""
    for item in items(programme):
        if not item.is_slot or len(item.sessions) < 2:
            continue
        missing = sorted(s.id for s in item.sessions if s.room is None)
        if not missing:
            continue
        listed = ", ".join(missing)
        yield Violation(
            path=f"{item.path}.sessions",
            ids=(item.id, *missing),
            message_de=(
                f"{len(missing)} parallele Sessions in {_named(item)} haben keinen Raum: {listed}"
            ),
            message_en=f"{len(missing)} parallel sessions in {_named(item)} have no room: {listed}",
            hint_de='jeder Session einen Raum geben: room = "saal"',
            hint_en='give each session a room: room = "hall"',
        )


@_rule(
    "EP501",
    "no-moderation",
    Severity.WARNING,
    "eine Arbeitsgruppe (parallele Session) hat niemanden in der Moderation",
    "a working group (a parallel session) has nobody in a moderating role",
)
def no_moderation(programme: Programme) -> Iterator[Violation]:
    """Find parallel sessions in which nobody, not even in a sub-session, moderates."""

    def moderated(session: Session) -> bool:
        return any(MODERATING_ROLES.intersection(c.roles) for s in session.walk() for c in s.people)

    for item in items(programme):
        if not item.is_slot or len(item.sessions) < 2:
            continue
        for index, session in enumerate(item.sessions):
            if not moderated(session):
                yield Violation(
                    path=f"{item.path}.sessions[{index}].people",
                    ids=(session.id,),
                    message_de=f"{_named(session)} hat niemanden in der Moderation",
                    message_en=f"{_named(session)} has nobody in a moderating role",
                    hint_de='eine Person mit roles = ["moderation"] eintragen',
                    hint_en='add a person with roles = ["moderation"]',
                )


def _wall_clock_problem(zone: dt.tzinfo, moment: dt.datetime) -> str | None:
    """Say whether a wall-clock time does not exist (``gap``) or exists twice (``fold``)."""
    first = moment.replace(tzinfo=zone, fold=0)
    second = moment.replace(tzinfo=zone, fold=1)
    if first.utcoffset() == second.utcoffset():
        return None
    back = first.astimezone(dt.UTC).astimezone(zone).replace(tzinfo=None)
    return "fold" if back == moment else "gap"


def _clock_times(programme: Programme) -> Iterator[tuple[str, str, dt.datetime]]:
    for d, day in enumerate(programme.days):
        for s, slot in enumerate(day.slots):
            path = f"days[{d}].slots[{s}]"
            for key in ("start", "end"):
                if (moment := getattr(slot, key)) is not None:
                    yield f"{path}.{key}", slot.id, moment
            for session_path, session in _walk_sessions(slot.sessions, path):
                for key in ("start", "end"):
                    if (moment := getattr(session, key)) is not None:
                        yield f"{session_path}.{key}", session.id, moment


def _walk_sessions(sessions: tuple[Session, ...], path: str) -> Iterator[tuple[str, Session]]:
    for index, session in enumerate(sessions):
        here = f"{path}.sessions[{index}]"
        yield here, session
        yield from _walk_sessions(session.sessions, here)


@_rule(
    "EP601",
    "nonexistent-time",
    Severity.ERROR,
    "eine Uhrzeit gibt es nicht: die Uhr wird in dieser Nacht vorgestellt",
    "a time that does not exist: the clocks go forward that night",
)
def nonexistent_time(programme: Programme) -> Iterator[Violation]:
    """Find wall-clock times skipped by a daylight-saving change in the programme's zone."""
    zone = programme.zone
    for path, id_, moment in _clock_times(programme):
        if _wall_clock_problem(zone, moment) == "gap":
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
                hint_de="eine Uhrzeit vor oder nach der Umstellung wählen",
                hint_en="choose a time before or after the change",
            )


@_rule(
    "EP602",
    "ambiguous-time",
    Severity.WARNING,
    "eine Uhrzeit gibt es zweimal: die Uhr wird in dieser Nacht zurückgestellt",
    "a time that exists twice: the clocks go back that night",
)
def ambiguous_time(programme: Programme) -> Iterator[Violation]:
    """Find wall-clock times that occur twice at a daylight-saving change; the first is taken."""
    zone = programme.zone
    for path, id_, moment in _clock_times(programme):
        if _wall_clock_problem(zone, moment) == "fold":
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
                hint_de="eine Uhrzeit außerhalb der doppelten Stunde wählen",
                hint_en="choose a time outside the repeated hour",
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
    ends = slot_ends(programme)
    for d, day in enumerate(programme.days):
        order = sorted(range(len(day.slots)), key=lambda s: (day.slots[s].start, s))
        for here, following in itertools.pairwise(order):
            end, start = ends[d][here], day.slots[following].start
            # An end before its own start is ends-before-start's; no gap follows from it.
            if end is None or end >= start or end <= day.slots[here].start:
                continue
            yield Violation(
                path=f"days[{d}].slots[{here}].end",
                ids=(day.slots[here].id, day.slots[following].id),
                message_de=(
                    f"zwischen {_named(day.slots[here])} (bis {_hhmm(end)}) und"
                    f" {_named(day.slots[following])} (ab {_hhmm(start)}) ist nichts geplant"
                ),
                message_en=(
                    f"nothing is planned between {_named(day.slots[here])} (until {_hhmm(end)})"
                    f" and {_named(day.slots[following])} (from {_hhmm(start)})"
                ),
                hint_de="gewollt? Sonst das Ende weglassen: dann endet der Slot mit dem nächsten",
                hint_en="intended? If not, leave the end out: the slot then runs to the next",
            )


BUILTIN_RULES: Final = (
    dangling_references,
    duplicate_ids,
    ends_before_start,
    slots_overlap,
    session_outside_slot,
    outside_day,
    duplicate_day,
    empty_day,
    after_end_marker,
    open_end,
    person_clash,
    person_listed_twice,
    room_clash,
    parallel_without_room,
    no_moderation,
    nonexistent_time,
    ambiguous_time,
    gap,
)
