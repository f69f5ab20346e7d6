"""The diff: properties over generated programmes, and the rules a reader relies on."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

import eventprogram as ep
import eventprogram.exporters
from conftest import EXAMPLE as EXAMPLE_DIR
from eventprogram import Field, PersonStatus, Status
from eventprogram._schema import changes_schema
from eventprogram.testing import programmes

VALIDATOR = Draft202012Validator(
    changes_schema(), format_checker=Draft202012Validator.FORMAT_CHECKER
)

Source = ep.Slot | ep.Session
Edit = Callable[[Source], Source | None]


# -- changing a programme's source ---------------------------------------------------


def _edited_sessions(sessions: tuple[ep.Session, ...], edits: dict[str, Edit]) -> tuple:
    result = []
    for session in sessions:
        edited = _edited(session, edits)
        if edited is not None:
            result.append(edited)
    return tuple(result)


def _edited(source: Source, edits: dict[str, Edit]) -> Source | None:
    source = attrs.evolve(source, sessions=_edited_sessions(source.sessions, edits))
    edit = edits.get(source.id)
    return source if edit is None else edit(source)


def edited(programme: ep.Programme, edits: dict[str, Edit]) -> ep.Programme:
    """*programme* with each slot or session whose id *edits* names replaced (``None``: deleted)."""
    days = []
    for day in programme.days:
        slots = tuple(s for s in (_edited(slot, edits) for slot in day.slots) if s is not None)
        days.append(attrs.evolve(day, slots=slots))
    return attrs.evolve(programme, days=tuple(days))


def shuffled(programme: ep.Programme, draw: Callable) -> ep.Programme:
    """*programme* with its slots and sessions in another order."""

    def sessions(items: tuple) -> tuple:
        items = tuple(attrs.evolve(s, sessions=sessions(s.sessions)) for s in items)
        return tuple(draw(st.permutations(items))) if items else ()

    days = tuple(attrs.evolve(day, slots=sessions(day.slots)) for day in programme.days)
    return attrs.evolve(programme, days=days)


def summary(changes: ep.Changes) -> list[tuple]:
    """What a reader learns from *changes*: per id, the status, fields and people."""
    return [
        (
            c.id,
            c.status,
            tuple((f.field, f.old, f.new) for f in c.fields),
            tuple(sorted((p.person, p.status, p.old_roles, p.new_roles) for p in c.people)),
        )
        for c in changes
    ]


# -- what each edit should report ------------------------------------------------------


@attrs.define
class Expected:
    """Per id: the status, the fields and the person changes the diff must report."""

    status: dict[str, Status] = attrs.Factory(dict)
    fields: dict[str, set[Field]] = attrs.Factory(dict)
    people: dict[str, set[tuple[str, PersonStatus]]] = attrs.Factory(dict)

    def field(self, id_: str, field: Field, status: Status = Status.CHANGED) -> None:
        self.fields.setdefault(id_, set()).add(field)
        if self.status.get(id_) is not Status.MOVED:
            self.status[id_] = status

    def person(self, id_: str, person: str, status: PersonStatus) -> None:
        self.people.setdefault(id_, set()).add((person, status))
        self.status.setdefault(id_, Status.CHANGED)


def _heirs(item: ep.Item, inherits: Callable[[ep.Item], bool]) -> list[ep.Item]:
    """*item*'s descendants that take a fact from it: those that don't give their own."""
    found = []
    for child in item.children:
        if inherits(child):
            found.append(child)
            found.extend(_heirs(child, inherits))
    return found


def _settled_end(view: ep.Timeline, item: ep.Item) -> bool:
    """Whether the slot's end does not hang on its sessions' ends (the day's last slot may)."""
    return view.programme.days[item.day].end_of(item.slot) is not None


EDITS = (
    "move",
    "room",
    "title",
    "kind",
    "description",
    "provisions",
    "person_added",
    "person_removed",
    "role",
    "session_added",
    "deleted",
    "cancelled",
)


@st.composite
def edit_plans(draw: st.DrawFn) -> tuple[ep.Programme, dict[str, Edit], Expected]:
    """A programme, edits of every kind at unrelated items, and what the diff must report."""
    programme = draw(programmes(max_days=2))
    view = ep.timeline(programme)
    people = [person.id for person in programme.people]
    chosen: list[ep.Item] = []
    edits: dict[str, Edit] = {}
    expected = Expected()
    kinds = draw(st.lists(st.sampled_from(EDITS), min_size=1, max_size=6))
    for kind in kinds:
        free = [i for i in view.items if not any(i.related(c) for c in chosen)]
        candidates = _candidates(kind, free, view, people)
        if not candidates:
            continue
        item = draw(st.sampled_from(candidates))
        chosen.append(item)
        edits[item.id] = _plan(kind, item, draw, people, expected)
    return programme, edits, expected


def _candidates(
    kind: str, items: list[ep.Item], view: ep.Timeline, people: list[str]
) -> list[ep.Item]:
    if kind in {"move", "deleted"}:
        return [i for i in items if not i.is_slot and _settled_end(view, i)]
    if kind == "kind":
        return [i for i in items if not i.is_marker]
    if kind in {"person_removed", "role"}:
        return [i for i in items if i.people]
    if kind == "person_added":
        return [i for i in items if len({a.contribution.person for a in i.people}) < len(people)]
    if kind == "session_added":
        return [i for i in items if i.is_slot and not i.is_marker]
    return items


def _plan(  # noqa: C901, PLR0911, PLR0912 -- one branch per kind of edit
    kind: str, item: ep.Item, draw: st.DrawFn, people: list[str], expected: Expected
) -> Edit:
    step = dt.timedelta(minutes=draw(st.sampled_from([5, 15, 60])))
    if kind == "move":
        for moved in (item, *_heirs(item, lambda i: not i.source.start or not i.source.end)):
            if _takes_from(moved, item, "start"):
                expected.field(moved.id, Field.START, Status.MOVED)
            if _takes_from(moved, item, "end"):
                expected.field(moved.id, Field.END, Status.MOVED)
        start, end = item.start + step, item.end + step
        return lambda s: attrs.evolve(s, start=start, end=end)
    if kind == "room":
        for heir in (item, *_heirs(item, lambda i: i.source.room is None)):
            expected.field(heir.id, Field.ROOM)
        return lambda s: attrs.evolve(s, room="raum-neu")
    if kind == "title":
        expected.field(item.id, Field.TITLE)
        return lambda s: attrs.evolve(s, title=f"{s.title} – neu")
    if kind == "kind":
        new_kind = "discussion" if item.kind.id != "discussion" else "panel"
        for heir in (item, *_heirs(item, lambda i: i.source.kind is None)):
            expected.field(heir.id, Field.KIND)
        return lambda s: attrs.evolve(s, kind=new_kind)
    if kind == "description":
        expected.field(item.id, Field.DESCRIPTION)
        return lambda s: attrs.evolve(s, description=f"{s.description or ''} Neu.")
    if kind == "provisions":
        offers = () if item.provisions else (ep.Offer(provision="captioning", note="neu"),)
        for heir in (item, *_heirs(item, lambda i: i.source.provisions is None)):
            expected.field(heir.id, Field.PROVISIONS)
        return lambda s: attrs.evolve(s, provisions=offers)
    present = [a.contribution.person for a in item.people]
    if kind == "person_added":
        person = draw(st.sampled_from([p for p in people if p not in present]))
        expected.person(item.id, person, PersonStatus.ADDED)
        added = ep.Contribution(person=person, roles=("speaker",))
        return lambda s: attrs.evolve(s, people=(*s.people, added))
    if kind == "person_removed":
        person = draw(st.sampled_from(present))
        expected.person(item.id, person, PersonStatus.REMOVED)
        return lambda s: attrs.evolve(s, people=tuple(c for c in s.people if c.person != person))
    if kind == "role":
        index = draw(st.integers(0, len(present) - 1))
        old = item.people[index].role_ids
        roles = ("moderation",) if set(old) != {"moderation"} else ("input",)
        expected.person(item.id, present[index], PersonStatus.ROLES)

        def role(s: Source) -> Source:
            people_ = list(s.people)
            people_[index] = attrs.evolve(people_[index], roles=roles)
            return attrs.evolve(s, people=tuple(people_))

        return role
    if kind == "session_added":
        expected.status[f"{item.id}-neu"] = Status.ADDED
        added_session = ep.Session(id=f"{item.id}-neu", title="Neu im Programm")
        return lambda s: attrs.evolve(s, sessions=(*s.sessions, added_session))
    for gone in item.walk():
        expected.status[gone.id] = Status.CANCELLED
    if kind == "deleted":
        return lambda _: None
    return lambda s: attrs.evolve(s, cancelled=True)


def _takes_from(heir: ep.Item, item: ep.Item, time: str) -> bool:
    """Whether *heir* takes its *time* from *item*, once *item* gives its own."""
    current: ep.Item | None = heir
    while current is not None and current is not item and getattr(current.source, time) is None:
        current = current.parent
    return current is item


# -- properties -------------------------------------------------------------------------


class TestProperties:
    @given(programmes())
    def test_a_programme_has_no_changes_against_itself(self, programme):
        """diff(p, p) is empty, and so is the diff against an equal copy read back from JSON."""
        assert not ep.diff(programme, programme)
        assert list(ep.diff(programme, ep.loads(ep.dumps(programme)))) == []

    @given(edit_plans())
    def test_the_diff_reports_exactly_the_edits(self, plan):
        """Each edit is reported at its id (and its heirs'), with its fields, and nothing else.

        The changes come in order (start, then slot before session, then id), and their JSON
        document validates against changes.schema.json.
        """
        programme, edits, expected = plan
        changes = ep.diff(programme, edited(programme, edits))
        assert {c.id: c.status for c in changes} == expected.status
        keys = [(c.item.start_utc, c.item.lineage) for c in changes]
        assert keys == sorted(keys)
        VALIDATOR.validate(json.loads(json.dumps(changes.to_dict())))
        for change in changes:
            if change.status in {Status.ADDED, Status.CANCELLED}:
                assert change.fields == ()
                assert change.people == ()
                continue
            assert {f.field for f in change.fields} == expected.fields.get(change.id, set())
            people = {(p.person, p.status) for p in change.people}
            assert people == expected.people.get(change.id, set())

    @given(edit_plans(), st.data())
    def test_the_order_of_items_does_not_change_the_diff(self, plan, data):
        """Shuffling slots and sessions in either source gives the same changes, in order."""
        programme, edits, _ = plan
        new = edited(programme, edits)
        wanted = summary(ep.diff(programme, new))
        assert summary(ep.diff(shuffled(programme, data.draw), new)) == wanted
        assert summary(ep.diff(programme, shuffled(new, data.draw))) == wanted


# -- the rules of the change list, by example ----------------------------------------------

EXAMPLE = ep.load(EXAMPLE_DIR)


def _by_id(programme: ep.Programme, id_: str) -> ep.Item:
    item = ep.timeline(programme).get(id_)
    assert item is not None
    return item


class TestRules:
    def test_a_moved_slot_reports_the_sessions_that_move_with_it(self):
        """Moving the working-group slot moves each AG that takes its times, and says so."""
        slot = _by_id(EXAMPLE, "arbeitsgruppen")
        hour = dt.timedelta(hours=1)
        new = edited(
            EXAMPLE,
            {
                "arbeitsgruppen": lambda s: attrs.evolve(
                    s, start=s.start + hour, end=slot.end + hour
                )
            },
        )
        changes = ep.diff(EXAMPLE, new)
        inheriting = [i.id for i in slot.walk() if i is slot or not i.source.start]
        assert len(inheriting) > 1
        order = [c.id for c in changes if c.id in inheriting]
        assert sorted(order) == sorted(inheriting)
        for id_ in order:  # the slot first, each session before its sub-sessions
            parent = changes.get(id_).item.parent
            assert parent is None or order.index(parent.id) < order.index(id_)
        for id_ in inheriting:
            change = changes.get(id_)
            assert change is not None, id_
            assert change.status is Status.MOVED
            start = change.field(Field.START)
            assert start is not None
            assert start.new - start.old == hour
            assert start.new.utcoffset() == dt.timedelta(hours=2)

    def test_a_cancelled_slot_cancels_its_sessions(self):
        """Marking a slot cancelled reports it and everything in it as cancelled, not deleted."""
        new = edited(EXAMPLE, {"arbeitsgruppen": lambda s: attrs.evolve(s, cancelled=True)})
        changes = ep.diff(EXAMPLE, new)
        slot = _by_id(new, "arbeitsgruppen")
        assert {c.id for c in changes} == {i.id for i in slot.walk()}
        assert all(c.status is Status.CANCELLED and not c.deleted for c in changes)
        assert all(i.cancelled for i in slot.walk())
        assert changes.cancelled_items == ()

    def test_deleted_items_are_kept_as_cancelled_items(self):
        """A deleted item is cancelled; its old resolved item stays available to exporters."""
        new = edited(EXAMPLE, {"ag4": lambda _: None})
        changes = ep.diff(EXAMPLE, new)
        change = changes.get("ag4")
        assert change is not None
        assert change.status is Status.CANCELLED
        assert change.deleted
        assert [i.id for i in changes.cancelled_items] == ["ag4"]
        assert changes.cancelled_items[0] is changes.old.get("ag4")
        assert changes.new.get("ag4") is None

    def test_cancelled_before_and_after_is_no_news(self):
        """An item cancelled in both, or cancelled and then deleted, is not reported."""
        cancelled = edited(EXAMPLE, {"ag4": lambda s: attrs.evolve(s, cancelled=True)})
        retitled = edited(cancelled, {"ag4": lambda s: attrs.evolve(s, title="Anders")})
        assert not ep.diff(cancelled, retitled)
        assert not ep.diff(cancelled, edited(EXAMPLE, {"ag4": lambda _: None}))

    def test_reinstated_item_is_changed(self):
        """An item that takes place again is reported as changed, with cancelled true → false."""
        cancelled = edited(EXAMPLE, {"ag4": lambda s: attrs.evolve(s, cancelled=True)})
        change = ep.diff(cancelled, EXAMPLE).get("ag4")
        assert change is not None
        assert change.status is Status.CHANGED
        assert [(f.field, f.old, f.new) for f in change.fields] == [(Field.CANCELLED, True, False)]

    def test_role_order_is_no_change(self):
        """Listing the same roles in another order changes nothing."""
        item = next(
            i for i in ep.timeline(EXAMPLE).items if any(len(a.role_ids) > 1 for a in i.people)
        )
        index = next(n for n, a in enumerate(item.people) if len(a.role_ids) > 1)

        def swap(s: Source) -> Source:
            people = list(s.people)
            people[index] = attrs.evolve(people[index], roles=people[index].roles[::-1])
            return attrs.evolve(s, people=tuple(people))

        assert not ep.diff(EXAMPLE, edited(EXAMPLE, {item.id: swap}))

    def test_for_person(self):
        """for_person gives the changes of items a person was or is in, and nobody else's."""
        item = next(i for i in ep.timeline(EXAMPLE).items if i.people and not i.is_slot)
        person = item.people[0].contribution.person
        new = edited(EXAMPLE, {item.id: lambda s: attrs.evolve(s, people=s.people[1:])})
        changes = ep.diff(EXAMPLE, new)
        assert [c.id for c in changes.for_person(person)] == [item.id]
        assert person in changes.people()
        assert changes.for_person("niemand") == ()

    def test_render_options_carry_changes(self):
        """RenderOptions hold a Changes for the exporters; default none."""
        changes = ep.diff(EXAMPLE, EXAMPLE)
        assert ep.exporters.RenderOptions().changes is None
        assert ep.exporters.RenderOptions(changes=changes).changes is changes


class TestCancelledInSource:
    def test_toml_round_trip(self):
        """cancelled = true in TOML is read, and written back by dumps only where it is true."""
        text = (EXAMPLE_TOML).replace('id = "ag4"', 'id = "ag4"\ncancelled = true', 1)
        programme = ep.loads(text, format="toml")
        assert _by_id(programme, "ag4").cancelled
        dumped = ep.dumps(programme)
        assert dumped.count('"cancelled": true') == 1
        assert '"cancelled": false' not in dumped
        assert ep.loads(dumped) == programme

    def test_not_a_flag(self):
        """cancelled = "ja" is an error that names the field."""
        text = EXAMPLE_TOML.replace('id = "ag4"', 'id = "ag4"\ncancelled = "ja"', 1)
        with pytest.raises(ep.SourceError) as raised:
            ep.loads(text, format="toml")
        assert "cancelled" in str(raised.value)

    def test_cancelled_items_clash_with_nobody(self):
        """A cancelled session's person and room are free: no clash with its replacement."""
        ag4 = _by_id(EXAMPLE, "ag4")
        twin = attrs.evolve(ag4.source, id="ag4-ersatz")
        clash = edited(
            EXAMPLE, {"arbeitsgruppen": lambda s: attrs.evolve(s, sessions=(*s.sessions, twin))}
        )
        codes = {f.code for f in ep.validate(clash).findings}
        assert codes & {"EP301", "EP401"}
        replaced = edited(clash, {"ag4": lambda s: attrs.evolve(s, cancelled=True)})
        codes = {f.code for f in ep.validate(replaced).findings}
        assert not codes & {"EP301", "EP401"}


EXAMPLE_TOML = (EXAMPLE_DIR / "programme.toml").read_text(encoding="utf-8")
