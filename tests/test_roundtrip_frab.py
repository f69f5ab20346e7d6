"""Round trips through schedule.xml and schedule.json keep what the formats can carry (issue #11).

A programme written as a conference schedule and read back is a programme of the
same events: validation finds nothing in it that it did not find in the original,
open ends come back as the resolved end, numbered parallel sessions keep their
order and numbers, and rooms the writer made up do not come back as real rooms.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import attrs
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import eventprogram as ep
from eventprogram import exporters
from eventprogram._ids import canonical_uuid, stable_uuid
from eventprogram._text import clean
from eventprogram.exporters import RenderOptions
from eventprogram.testing import programmes

FORMATS = ("frab-xml", "c3voc-json")
DATE = dt.date(2025, 6, 2)


def at(hhmm: str) -> dt.datetime:
    """A wall-clock time on the test day."""
    return dt.datetime.combine(DATE, dt.time.fromisoformat(hhmm))


def round_trip(programme: ep.Programme, name: str) -> ep.Programme:
    """*programme* written in the format *name* and read back."""
    return ep.loads(exporters.get(name).render(programme, RenderOptions()), format=name)


def guids(programme: ep.Programme) -> dict[str, str]:
    """What each id of *programme* is called after a round trip: the guid the writer gives it.

    Items, people and rooms: the id itself where it is a UUID, else the UUID made
    from the programme's id and the item's (``person:``/``room:`` for people and rooms).
    """

    def guid(id_: str, name: str) -> str:
        uuid = canonical_uuid(id_)
        return uuid if uuid == id_.lower() else str(stable_uuid(programme.id, name))

    names = {item.id: guid(item.id, item.id) for item in ep.timeline(programme).items}
    names |= {p.id: guid(p.id, f"person:{p.id}") for p in programme.people}
    names |= {r.id: guid(r.id, f"room:{r.id}") for r in programme.venue.rooms}
    return names


def findings(
    programme: ep.Programme, names: dict[str, str] | None = None
) -> set[tuple[str, frozenset[str]]]:
    """Each finding as its code and the round-trip names of what it concerns.

    Ids that name nothing written (a slot that only holds sessions, made anew by
    the reader) are left out, so a finding is matched by code and written items.
    """
    written = set((names or {}).values())

    def named(ids: Iterable[str]) -> frozenset[str]:
        if names is not None:
            return frozenset(names[i] for i in ids if i in names)
        return frozenset(canonical_uuid(i) or i for i in ids) & written

    return {(f.code, named(f.ids)) for f in ep.validate(programme).findings}


def new_findings(programme: ep.Programme, name: str) -> set[tuple[str, frozenset[str]]]:
    """The findings of *programme* read back from format *name* that the original did not have."""
    names = guids(programme)
    before = findings(programme, names)
    again = round_trip(programme, name)
    written = set(names.values())
    after = {
        (code, ids)
        for code, ids in findings(again, {i: canonical_uuid(i) or i for i in _ids(again)})
        if ids <= written
    }
    return after - before


def _ids(programme: ep.Programme) -> Iterable[str]:
    yield from (item.id for item in ep.timeline(programme).items)
    yield from (p.id for p in programme.people)
    yield from (r.id for r in programme.venue.rooms)


def as_imported(programme: ep.Programme) -> ep.Programme:
    """*programme* with each slot around sessions as importers make one: nothing of its own.

    Such a slot (kind ``parallel``, titled as that kind, no people, texts, page,
    links or room) is no event of its own where its sessions chain through its
    span: the reader makes it again from them.
    """
    kind = next(k for k in ep.KINDS if k.id == "parallel")

    def plain(slot: ep.Slot) -> ep.Slot:
        if not slot.sessions:
            return slot
        return attrs.evolve(
            slot,
            kind=kind.id,
            title=kind.label(programme.language),
            subtitle=None,
            description=None,
            url=None,
            links=(),
            room=None,
            people=(),
        )

    return attrs.evolve(
        programme,
        days=tuple(
            attrs.evolve(day, slots=tuple(plain(slot) for slot in day.slots))
            for day in programme.days
        ),
    )


@pytest.mark.parametrize("name", FORMATS)
@settings(
    max_examples=100,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink],
    suppress_health_check=[HealthCheck.too_slow],
)
@given(programme=programmes(max_days=2), imported=st.booleans())
def test_round_trip_keeps_nesting(name, programme, imported):
    """Sessions, sub-sessions and slots come back nested as they were, with no new finding.

    Nothing is set aside: numbers, made-up rooms, the nesting markers in the slugs and
    the rule for slots as events carry all a finding depends on (schedule-formats.md).
    """
    if imported:
        programme = as_imported(programme)
    assert new_findings(programme, name) == set()
    again = round_trip(programme, name)
    assert shape(again) == shape(programme)


PARALLEL_TITLES = {"Parallele Sessions", "Parallel sessions"}


def shape(programme: ep.Programme) -> list[tuple]:
    """Each item by guid (a slot by its start): its holder, printed title, times and room guid.

    Slots are named by their start, as the reader makes some again (a parallel
    slot that is no event of its own) under ids of its own. The title is compared
    as printed (``3.1 Klein``): a lone ``1. X`` reads as a title, not a number (as
    ``1. FC Köln`` must); numbers that come back are checked in TestRegressions.
    """

    def guid(id_: str, name: str) -> str:
        uuid = canonical_uuid(id_)
        return uuid if uuid == id_.lower() else str(stable_uuid(programme.id, name))

    rooms = {room.id: guid(room.id, f"room:{room.id}") for room in programme.venue.rooms}

    def name(item: ep.Item) -> str:
        # Slots by their start (slots of a day follow one another), sessions by guid.
        return f"slot@{item.start_utc}" if item.is_slot else guid(item.id, item.id)

    def title(item: ep.Item) -> str:
        if item.is_slot and item.kind.id == "parallel" and item.title in PARALLEL_TITLES:
            return "(parallel)"  # made again in the language most events are in
        return " ".join(clean(item.numbered_title).split())  # as XML keeps it

    return [
        (
            name(item),
            name(item.parent) if item.parent is not None else None,
            title(item),
            item.start_utc,
            item.end_utc,
            rooms.get(item.room.id) if item.room is not None else None,
        )
        for item in ep.timeline(programme).items
        if not item.is_marker
    ]


def _programme(*slots: ep.Slot, rooms: tuple[ep.Room, ...] = ()) -> ep.Programme:
    return ep.Programme(
        id="tag",
        title="Fachtag",
        venue=ep.Venue(name="Halle", rooms=rooms),
        days=(ep.Day(date=DATE, slots=slots),),
    )


def _workshops() -> ep.Programme:
    """Eight numbered workshops at once, without rooms, whose ids sort in another order."""
    ids = ("ws-f", "ws-d", "ws-b", "ws-g", "ws-h", "ws-e", "ws-a", "ws-c")
    sessions = tuple(
        ep.Session(id=id_, title=f"Workshop {chr(ord('A') + n)}", number=n + 1)
        for n, id_ in enumerate(ids)
    )
    slot = ep.Slot(
        id="workshops",
        kind="working-groups",
        title="Workshops",
        start=at("14:00"),
        end=at("16:00"),
        sessions=sessions,
    )
    return _programme(slot)


@pytest.mark.parametrize("name", FORMATS)
class TestRegressions:
    """The three round trips of issue #11, each as it was reported."""

    def test_open_last_slot(self, name):
        """A last slot without an end comes back ending an hour later, not reported as EP201."""
        abend = ep.Slot(id="abend", kind="talk", title="Abendgebet", start=at("21:00"))
        before = _programme(abend)
        after = round_trip(before, name)
        (day,) = after.days
        (slot,) = day.slots
        assert (slot.title, slot.start, slot.end) == ("Abendgebet", at("21:00"), at("22:00"))
        assert [f.code for f in ep.validate(after).findings if f.code == "EP201"] == []
        assert new_findings(before, name) == set()

    def test_numbered_workshops_keep_order_and_numbers(self, name):
        """Eight numbered parallel workshops come back in their order, with their numbers."""
        after = round_trip(_workshops(), name)
        (day,) = after.days
        (slot,) = day.slots
        assert [(s.number, s.title) for s in slot.sessions] == [
            (n + 1, f"Workshop {chr(ord('A') + n)}") for n in range(8)
        ]

    def test_placeholder_rooms_are_no_rooms(self, name):
        """Rooms made up for items without one do not come back as rooms; real rooms do."""
        saal = ep.Room(id="saal", name="Großer Saal", capacity=120)
        talk = ep.Slot(id="talk", kind="talk", title="Vortrag", start=at("10:00"), end=at("11:00"))
        in_saal = ep.Slot(
            id="im-saal",
            kind="talk",
            title="Im Saal",
            start=at("11:00"),
            end=at("12:00"),
            room="saal",
        )
        after = round_trip(
            _programme(talk, in_saal, *_workshops().days[0].slots, rooms=(saal,)), name
        )
        assert [room.name for room in after.venue.rooms] == ["Großer Saal"]
        rooms = [item.room for item in ep.timeline(after).items]
        assert rooms.count(None) == len(rooms) - 1


@pytest.mark.parametrize("name", FORMATS)
def test_rooms_of_one_name_come_back_apart(name):
    """Two rooms named Saal come back as two rooms (in JSON with their capacities), no clash."""
    rooms = (
        ep.Room(id="saal-a", name="Saal", capacity=80),
        ep.Room(id="saal-b", name="Saal", capacity=30),
    )
    slot = ep.Slot(
        id="parallel",
        kind="working-groups",
        title="Zwei Säle",
        start=at("10:00"),
        end=at("11:00"),
        sessions=(
            ep.Session(id="eins", title="Eins", room="saal-a"),
            ep.Session(id="zwei", title="Zwei", room="saal-b"),
        ),
    )
    before = _programme(slot, rooms=rooms)
    after = round_trip(before, name)
    assert [room.name for room in after.venue.rooms] == ["Saal", "Saal (2)"]
    if name == "c3voc-json":  # schedule.xml lists no rooms of the conference: no capacities
        assert [room.capacity for room in after.venue.rooms] == [80, 30]
    assert [f.code for f in ep.validate(after).findings if f.code == "EP401"] == []
    assert new_findings(before, name) == set()
