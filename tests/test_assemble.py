"""From a flat list of events to slots: what overlaps is parallel, nothing is lost."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

import eventprogram as ep
from eventprogram._assemble import Entry, Kinds, assemble
from eventprogram._ids import Ids, slugify

DAY = dt.date(2025, 5, 15)


def entry(id_: str, start: str, end: str, room: str | None = None) -> Entry:
    return Entry(
        id=id_,
        day=DAY,
        start=dt.datetime.combine(DAY, dt.time.fromisoformat(start)),
        end=dt.datetime.combine(DAY, dt.time.fromisoformat(end)),
        kind="talk",
        title=id_.upper(),
        room=room,
    )


def test_alone_in_its_time_is_a_slot():
    (day,) = assemble([entry("a", "10:00", "11:00", "r1"), entry("b", "11:00", "12:00", "r1")])
    assert [(s.id, s.sessions) for s in day.slots] == [("a", ()), ("b", ())]
    assert day.slots[0].room == "r1"


def test_overlapping_items_are_parallel_sessions():
    """A chain of overlaps (a with b, b with c) is one slot, from first start to last end."""
    (day,) = assemble(
        [
            entry("c", "11:30", "12:30", "r1"),
            entry("a", "10:00", "11:00", "r1"),
            entry("b", "10:30", "12:00", "r2"),
        ],
        language="de",
    )
    (slot,) = day.slots
    assert slot.kind == "parallel"
    assert slot.title == "Parallele Sessions"
    assert slot.id == "parallel-2025-05-15-1000"
    assert [s.id for s in slot.sessions] == ["a", "b", "c"]
    assert (slot.start.time(), slot.end.time()) == (dt.time(10), dt.time(12, 30))
    assert [s.room for s in slot.sessions] == ["r1", "r2", "r1"]


def test_days_without_items_are_kept():
    days = assemble([entry("a", "10:00", "11:00")], days=[dt.date(2025, 5, 16), DAY])
    assert [(d.date, len(d.slots)) for d in days] == [(DAY, 1), (dt.date(2025, 5, 16), 0)]


def test_kinds_match_built_in_names_and_make_new_ones():
    kinds = Kinds()
    assert kinds.id_for("Lecture") == "talk"
    assert kinds.id_for("Mittagspause") == "lunch"
    assert kinds.id_for("Pause") == "break"
    assert kinds.id_for("Keynote", is_break=True) == "keynote-break"
    assert kinds.id_for("Workshop") == kinds.id_for(" workshop ") == "workshop"
    assert kinds.id_for("") == "talk"
    assert [k.id for k in kinds.custom] == ["keynote-break", "workshop"]


def test_ids_are_valid_and_unique():
    ids = Ids(["taken"])
    assert ids.make("ABC123") == "ABC123"
    assert ids.make("ABC123") == "abc123"
    assert ids.make("taken") == "taken-2"
    assert ids.make("Große Halle") == "grosse-halle"
    assert ids.make("!!!") == "item"
    assert slugify("Ärztinnen & Ärzte") == "aerztinnen-aerzte"


@st.composite
def entries(draw):
    count = draw(st.integers(0, 25))
    found = []
    for number in range(count):
        start = draw(st.integers(0, 200))
        length = draw(st.integers(0, 60))
        found.append(
            Entry(
                id=f"e{number}",
                day=DAY,
                start=dt.datetime.combine(DAY, dt.time(8)) + dt.timedelta(minutes=start),
                end=dt.datetime.combine(DAY, dt.time(8)) + dt.timedelta(minutes=start + length),
                kind="talk",
                title=f"E{number}",
                room=draw(st.sampled_from([None, "r1", "r2", "r3"])),
            )
        )
    return found


@given(entries())
def test_nothing_is_lost_and_slots_do_not_overlap(listed):
    """Every item appears once; slots follow one another; a slot's items form one overlap chain."""
    (day,) = assemble(listed, days=[DAY])
    placed = [s.id for slot in day.slots for s in (slot.sessions or [slot])]
    assert sorted(placed) == sorted(e.id for e in listed)
    for before, after in zip(day.slots, day.slots[1:], strict=False):
        assert before.end <= after.start
    for slot in day.slots:
        assert len(slot.sessions) != 1
        assert not slot.sessions or _chained(slot.sessions)


def test_an_item_of_no_length_at_a_shared_start_is_a_slot_of_its_own():
    """08:00–08:00 beside 08:00–08:01 gives two slots, whichever of them is listed first."""
    short, longer = entry("e1", "08:00", "08:00"), entry("e0", "08:00", "08:01")
    for listed in ([longer, short], [short, longer]):
        (day,) = assemble(listed)
        assert [(s.id, s.sessions) for s in day.slots] == [("e1", ()), ("e0", ())]


@given(st.data())
def test_the_slots_do_not_depend_on_the_order_items_are_listed_in(data):
    """The same items listed in another order fall into the same slots."""
    listed = data.draw(entries())
    shuffled = data.draw(st.permutations(listed))

    def groups(items):
        (day,) = assemble(items, days=[DAY])
        return [sorted(s.id for s in slot.sessions or [slot]) for slot in day.slots]

    assert sorted(groups(shuffled)) == sorted(groups(listed))


def _chained(sessions) -> bool:
    """Sorted by start, each session starts before the running end of those before it."""
    ordered = sorted(sessions, key=lambda s: (s.start, s.end))
    running = ordered[0].end
    for session in ordered[1:]:
        if session.start >= running:
            return False
        running = max(running, session.end)
    return True


@given(entries())
def test_assembled_programmes_load_and_validate_without_structural_errors(listed):
    """The days assemble builds never break the model's own structure (ids, slot order)."""
    programme = ep.Programme(
        id="p",
        title="P",
        venue=ep.Venue(name="V", rooms=tuple(ep.Room(id=r, name=r) for r in ("r1", "r2", "r3"))),
        days=assemble(listed, days=[DAY]),
    )
    codes = {f.code for f in ep.validate(programme).findings}
    assert not codes & {"EP101", "EP102", "EP202", "EP203"}
    # An item of no length is reported as such, and only then.
    assert ("EP201" in codes) == any(e.start == e.end for e in listed)
    assert ep.loads(ep.dumps(programme)) == programme
