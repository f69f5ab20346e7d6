"""Validation: the rules, their findings, and the properties they keep.

The core properties: generated valid programmes get no error; one injected
defect of each kind gives its code, at the right ids, and no other error; and the
report does not depend on the order in which things are listed.
"""

from __future__ import annotations

import datetime as dt
import random
import subprocess
import sys
from collections.abc import Callable

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import eventprogram as ep
from conftest import ROOT
from eventprogram import Contribution, Day, Programme, Room, Session, Slot
from eventprogram.rules import Rule, Violation, available
from eventprogram.testing import programmes

# -- building blocks -------------------------------------------------------------------


def at(date: dt.date, hhmm: str) -> dt.datetime:
    return dt.datetime.combine(date, dt.time.fromisoformat(hhmm))


def slot(id_: str, date: dt.date, start: str, end: str | None = None, **fields) -> Slot:
    fields.setdefault("kind", "talk")
    return Slot(
        id=id_,
        title=fields.pop("title", id_),
        start=at(date, start),
        end=at(date, end) if end else None,
        **fields,
    )


def with_day(programme: Programme, day: Day) -> Programme:
    return attrs.evolve(programme, days=(*programme.days, day))


def far_date(programme: Programme) -> dt.date:
    """A date a month after the programme's last day: nothing there to clash with."""
    return max(d.date for d in programme.days) + dt.timedelta(days=30)


def codes(report: ep.Report) -> set[tuple[str, tuple[str, ...]]]:
    return {(f.code, f.ids) for f in report.findings}


def errors(report: ep.Report) -> set[str]:
    return {f.code for f in report.errors}


def berlin_dst_dates(month: int) -> list[dt.date]:
    """The last Sundays of *month* (3 or 10) from 2020 to 2040: Europe's clock changes."""
    found = []
    for year in range(2020, 2041):
        last = dt.date(year, month, 31)
        found.append(last - dt.timedelta(days=(last.weekday() + 1) % 7))
    return found


# -- defects: each turns a valid programme into one with exactly one defect ------------------
# A defect returns the changed programme and the (code, ids) finding it must cause.

Defect = Callable[[Programme, st.DataObject], tuple[Programme, tuple[str, tuple[str, ...]]]]


def dangling_person(p: Programme, _: st.DataObject):
    first = p.days[0].slots[0]
    changed = attrs.evolve(
        first, people=(*first.people, Contribution(person="Znobody", roles=("input",)))
    )
    day = attrs.evolve(p.days[0], slots=(changed, *p.days[0].slots[1:]))
    return attrs.evolve(p, days=(day, *p.days[1:])), ("EP101", ("Znobody",))


def duplicate_person_id(p: Programme, data: st.DataObject):
    person = data.draw(st.sampled_from(p.people))
    twin = attrs.evolve(person, family_name="Zwilling")
    return attrs.evolve(p, people=(*p.people, twin)), ("EP102", (person.id,))


def end_before_start(p: Programme, _: st.DataObject):
    date = far_date(p)
    day = Day(date=date, slots=(slot("Zs1", date, "10:00", "09:00"),))
    return with_day(p, day), ("EP201", ("Zs1",))


def overlapping_slots(p: Programme, _: st.DataObject):
    date = far_date(p)
    day = Day(
        date=date, slots=(slot("Zs1", date, "10:00", "11:00"), slot("Zs2", date, "10:30", "11:30"))
    )
    return with_day(p, day), ("EP202", ("Zs1", "Zs2"))


def session_outside_slot(p: Programme, _: st.DataObject):
    date = far_date(p)
    session = Session(id="Zx1", title="AG", start=at(date, "10:00"), end=at(date, "11:30"))
    day = Day(date=date, slots=(slot("Zs1", date, "10:00", "11:00", sessions=(session,)),))
    return with_day(p, day), ("EP203", ("Zx1", "Zs1"))


def slot_on_another_date(p: Programme, _: st.DataObject):
    date = far_date(p)
    later = date + dt.timedelta(days=2)
    day = Day(date=date, slots=(slot("Zs1", later, "10:00", "11:00"),))
    return with_day(p, day), ("EP204", ("Zs1",))


def two_days_one_date(p: Programme, _: st.DataObject):
    date = p.days[0].date
    day = Day(date=date, slots=(slot("Zs1", date, "23:00", "23:30"),))
    return with_day(p, day), ("EP205", (date.isoformat(),))


def person_in_two_sessions(p: Programme, data: st.DataObject):
    person = data.draw(st.sampled_from(p.people)).id
    date = far_date(p)
    moderating = (Contribution(person=person, roles=("moderation",)),)
    sessions = (
        Session(id="Zx1", title="AG 1", people=moderating),
        Session(id="Zx2", title="AG 2", people=moderating),
    )
    day = Day(date=date, slots=(slot("Zs1", date, "14:30", "16:00", sessions=sessions),))
    return with_day(p, day), ("EP301", (person, "Zx1", "Zx2"))


def person_listed_twice(p: Programme, data: st.DataObject):
    person = data.draw(st.sampled_from(p.people)).id
    date = far_date(p)
    people = (
        Contribution(person=person, roles=("input",)),
        Contribution(person=person, roles=("moderation",)),
    )
    day = Day(date=date, slots=(slot("Zs1", date, "10:00", "11:00", people=people),))
    return with_day(p, day), ("EP302", (person, "Zs1"))


def room_twice(p: Programme, _: st.DataObject):
    if not p.venue.rooms:
        p = attrs.evolve(p, venue=attrs.evolve(p.venue, rooms=(Room(id="Zr", name="Saal"),)))
    room = p.venue.rooms[0].id
    date = far_date(p)
    sessions = (
        Session(id="Zx1", title="AG 1", room=room),
        Session(id="Zx2", title="AG 2", room=room),
    )
    day = Day(date=date, slots=(slot("Zs1", date, "14:30", "16:00", sessions=sessions),))
    return with_day(p, day), ("EP401", (room, "Zx1", "Zx2"))


def _dst_day(p: Programme, month: int) -> tuple[Programme, dt.date]:
    taken = {d.date for d in p.days}
    date = next(d for d in berlin_dst_dates(month) if d not in taken)
    day = Day(date=date, slots=(slot("Zs1", date, "02:30", "03:30"),))
    return with_day(attrs.evolve(p, timezone="Europe/Berlin"), day), date


def time_in_the_spring_gap(p: Programme, _: st.DataObject):
    return _dst_day(p, 3)[0], ("EP601", ("Zs1",))


def time_in_the_autumn_fold(p: Programme, _: st.DataObject):
    return _dst_day(p, 10)[0], ("EP602", ("Zs1",))


def empty_day(p: Programme, _: st.DataObject):
    date = far_date(p)
    return with_day(p, Day(date=date)), ("EP206", (date.isoformat(),))


def slot_after_end_marker(p: Programme, _: st.DataObject):
    date = far_date(p)
    marker = slot("Zend", date, "10:00", kind="end", title="Ende")
    day = Day(date=date, slots=(marker, slot("Zs1", date, "11:00", "12:00")))
    return with_day(p, day), ("EP207", ("Zs1", "Zend"))


def open_end(p: Programme, _: st.DataObject):
    date = far_date(p)
    return with_day(p, Day(date=date, slots=(slot("Zs1", date, "10:00"),))), ("EP208", ("Zs1",))


def parallel_without_room(p: Programme, _: st.DataObject):
    date = far_date(p)
    # One moderator for both groups, one after the other: no clash, no missing moderation.
    moderating = (Contribution(person=p.people[0].id, roles=("moderation",)),)
    sessions = (
        Session(
            id="Zx1",
            title="AG 1",
            start=at(date, "14:30"),
            end=at(date, "15:00"),
            people=moderating,
        ),
        Session(
            id="Zx2",
            title="AG 2",
            start=at(date, "15:00"),
            end=at(date, "16:00"),
            people=moderating,
        ),
    )
    day = Day(date=date, slots=(slot("Zs1", date, "14:30", "16:00", sessions=sessions),))
    return with_day(p, day), ("EP402", ("Zs1", "Zx1", "Zx2"))


def groups_beside_sessions(p: Programme, _: st.DataObject):
    date = far_date(p)
    sessions = (Session(id="Zx1", title="AG 1"),)
    counted = slot("Zs1", date, "14:30", "16:00", groups=3, sessions=sessions)
    return with_day(p, Day(date=date, slots=(counted,))), ("EP403", ("Zs1",))


def working_group_without_moderation(p: Programme, _: st.DataObject):
    if not p.venue.rooms or len(p.venue.rooms) < 2:
        rooms = (Room(id="Zr1", name="Raum 1"), Room(id="Zr2", name="Raum 2"))
        p = attrs.evolve(p, venue=attrs.evolve(p.venue, rooms=(*p.venue.rooms, *rooms)))
    one, two = (r.id for r in p.venue.rooms[:2])
    date = far_date(p)
    moderating = (Contribution(person=p.people[0].id, roles=("moderation",)),)
    # The same person gives AG 2's input after moderating AG 1: listed, but nobody moderates.
    giving_input = (Contribution(person=p.people[0].id, roles=("input",)),)
    sessions = (
        Session(id="Zx1", title="AG 1", room=one, people=moderating, end=at(date, "15:00")),
        Session(id="Zx2", title="AG 2", room=two, people=giving_input, start=at(date, "15:00")),
    )
    day = Day(date=date, slots=(slot("Zs1", date, "14:30", "16:00", sessions=sessions),))
    return with_day(p, day), ("EP501", ("Zx2",))


def gap_between_slots(p: Programme, _: st.DataObject):
    date = far_date(p)
    day = Day(
        date=date, slots=(slot("Zs1", date, "10:00", "10:30"), slot("Zs2", date, "11:00", "12:00"))
    )
    return with_day(p, day), ("EP701", ("Zs1", "Zs2"))


def _with_room(p: Programme, room: Room) -> Programme:
    return attrs.evolve(p, venue=attrs.evolve(p.venue, rooms=(*p.venue.rooms, room)))


def room_without_the_promised_fact(p: Programme, data: st.DataObject):
    provision, field = data.draw(
        st.sampled_from([("induction-loop", "induction_loop"), ("step-free", "step_free")])
    )
    p = _with_room(
        p, Room(id="Zr", name="Saal", **{field: data.draw(st.sampled_from([False, None]))})
    )
    date = far_date(p)
    promised = slot(
        "Zs1", date, "10:00", "11:00", room="Zr", provisions=(ep.Offer(provision=provision),)
    )
    return with_day(p, Day(date=date, slots=(promised,))), ("EP801", ("Zs1", "Zr"))


def sign_language_without_a_team(p: Programme, data: st.DataObject):
    p = _with_room(p, Room(id="Zr", name="Saal"))
    date = far_date(p)
    limit = p.settings.sign_language_team_minutes
    start = dt.datetime.combine(date, dt.time(7, 0))
    end = start + dt.timedelta(minutes=limit + data.draw(st.integers(1, 120)))
    alone = data.draw(st.sampled_from([(), (p.people[0].id,)]))
    interpreting = tuple(
        Contribution(person=person, roles=("sign-language-interpreting",)) for person in alone
    )
    interpreted = Slot(
        id="Zs1",
        kind="plenary",
        title="Plenum",
        start=start,
        end=end,
        room="Zr",
        people=interpreting,
        provisions=(ep.Offer(provision="sign-language"),),
    )
    return with_day(p, Day(date=date, slots=(interpreted,))), ("EP802", ("Zs1",))


def provision_without_a_room(p: Programme, data: st.DataObject):
    date = far_date(p)
    provision = data.draw(st.sampled_from([x.id for x in (*ep.PROVISIONS, *p.provisions)]))
    promised = slot("Zs1", date, "10:00", "10:30", provisions=(ep.Offer(provision=provision),))
    return with_day(p, Day(date=date, slots=(promised,))), ("EP803", ("Zs1",))


def unknown_disabled_rule(p: Programme, _: st.DataObject):
    return attrs.evolve(p, disabled_rules=("no-such-rule",)), ("EP001", ("no-such-rule",))


DEFECTS: list[Defect] = [
    dangling_person,
    duplicate_person_id,
    end_before_start,
    overlapping_slots,
    session_outside_slot,
    slot_on_another_date,
    two_days_one_date,
    person_in_two_sessions,
    person_listed_twice,
    room_twice,
    time_in_the_spring_gap,
    time_in_the_autumn_fold,
    empty_day,
    slot_after_end_marker,
    open_end,
    parallel_without_room,
    groups_beside_sessions,
    working_group_without_moderation,
    gap_between_slots,
    room_without_the_promised_fact,
    sign_language_without_a_team,
    provision_without_a_room,
    unknown_disabled_rule,
]


# -- properties ----------------------------------------------------------------------------

# Twenty defects, each a property of its own: a share of the profile's examples each.
per_defect = settings(max_examples=max(10, settings.default.max_examples // 8))


@given(programmes())
def test_generated_programmes_have_no_errors(programme):
    """Every programme the public strategy generates is free of errors."""
    report = ep.validate(programme)
    assert report.ok, report.errors


def test_every_rule_has_a_defect():
    """The defects below cover every installed rule and EP001."""
    covered = {d.__name__ for d in DEFECTS}
    assert len(covered) == len(available()) + 1


@pytest.mark.parametrize("defect", DEFECTS, ids=lambda d: d.__name__)
@per_defect
@given(programme=programmes(), data=st.data())
def test_one_defect_one_finding(defect, programme, data):
    """One injected defect gives its code at the right ids, and no other error."""
    changed, (code, ids) = defect(programme, data)
    report = ep.validate(changed)
    assert (code, ids) in codes(report)
    assert errors(report) <= {code}


def _shuffled(programme: Programme, rng: random.Random) -> Programme:
    def mix(items):
        items = list(items)
        rng.shuffle(items)
        return tuple(items)

    def session(s: Session) -> Session:
        return attrs.evolve(s, people=mix(s.people), sessions=mix(map(session, s.sessions)))

    def slot_(s: Slot) -> Slot:
        return attrs.evolve(s, people=mix(s.people), sessions=mix(map(session, s.sessions)))

    days = mix(attrs.evolve(d, slots=mix(map(slot_, d.slots))) for d in programme.days)
    return attrs.evolve(
        programme,
        days=days,
        people=mix(programme.people),
        organisations=mix(programme.organisations),
    )


@pytest.mark.parametrize("defect", DEFECTS, ids=lambda d: d.__name__)
@per_defect
@given(programme=programmes(), data=st.data(), seed=st.integers(0, 2**32))
def test_report_does_not_depend_on_order(defect, programme, data, seed):
    """Listing slots, sessions, people and days in another order finds the same things."""
    changed, _ = defect(programme, data)
    shuffled = _shuffled(changed, random.Random(seed))  # noqa: S311 -- a shuffle, not a secret

    def found(p: Programme) -> list[tuple[str, str, tuple[str, ...]]]:
        return sorted((f.code, f.severity, f.ids) for f in ep.validate(p).findings)

    assert found(shuffled) == found(changed)


# -- the example and readable cases ------------------------------------------------------------


def test_example_has_two_warnings(example_dir):
    """The Bottrop example has no error, and the two warnings its README explains."""
    report = ep.validate(ep.load(example_dir))
    assert report.ok
    assert codes(report) == {
        ("EP402", ("arbeitsgruppen", "ag1", "ag2", "ag3", "ag4", "ag5")),
        ("EP501", ("ag5",)),
    }


def test_rules_switched_off_by_name_or_code(example_dir):
    """`disabled_rules` switches rules off by name or by code."""
    programme = attrs.evolve(ep.load(example_dir), disabled_rules=("EP402", "no-moderation"))
    assert ep.validate(programme).findings == ()


def test_dangling_reference_in_english_and_german(example_dir):
    """A reference to nobody is an error with a message and hint in both languages."""
    p = ep.load(example_dir)
    slots = list(p.days[0].slots)
    wrong = attrs.evolve(slots[2].people[0], person="heidmaier")
    slots[2] = attrs.evolve(slots[2], people=(wrong, *slots[2].people[1:]))
    p = attrs.evolve(p, days=(attrs.evolve(p.days[0], slots=tuple(slots)),))
    (finding,) = ep.validate(p).errors
    assert (finding.code, finding.rule) == ("EP101", "dangling-reference")
    assert finding.path == "days[0].slots[2].people[0].person"
    assert finding.message("de") == "Person 'heidmaier' ist nicht definiert"
    assert finding.hint("en") == "did you mean 'heidmeier' (Matthias Heidmeier)?"


class TestReadableCases:
    """Cases worth reading, some kept from counterexamples hypothesis once found."""

    D = dt.date(2025, 5, 15)

    def programme(self, *slots: Slot, **fields) -> Programme:
        people = tuple(
            ep.Person(id=i, family_name=i.title()) for i in ("bartling", "nitzsche", "vetter")
        )
        rooms = (Room(id="saal", name="Saal"), Room(id="foyer", name="Foyer"))
        return Programme(
            id="p",
            title="Fachtag",
            venue=ep.Venue(name="Lohnhalle", city="Bottrop", rooms=rooms),
            days=(Day(date=self.D, slots=slots),),
            people=people,
            **fields,
        )

    def ag_phase(self, *sessions: Session, **fields) -> Slot:
        return slot(
            "ags", self.D, "14:30", "16:00", kind="working-groups", sessions=sessions, **fields
        )

    def test_after_end_marker_says_both_times(self):
        """A slot after the end marker: the message gives the slot's time and the marker's."""
        marker = slot("ende", self.D, "16:00", kind="end", title="Ende")
        late = slot("spaet", self.D, "16:30", "17:00", title="Nachzügler")
        report = ep.validate(self.programme(marker, late))
        (finding,) = (f for f in report.findings if f.code == "EP207")
        assert "16:30" in finding.message_en
        assert finding.message_en.endswith(" at 16:00")
        assert finding.message_de.endswith(" um 16:00")

    def test_moderating_a_group_and_its_kleingruppe_is_no_clash(self):
        """Leading AG 3 while its own Kleingruppe runs is not a clash."""
        lead = (Contribution(person="vetter", roles=("input", "moderation")),)
        kleingruppe = Session(id="ag3-1", title="Kleingruppe", people=lead)
        ag3 = Session(id="ag3", title="AG 3", room="saal", people=lead, sessions=(kleingruppe,))
        ag4 = Session(
            id="ag4",
            title="AG 4",
            room="foyer",
            people=(Contribution(person="bartling", roles=("moderation",)),),
        )
        assert ep.validate(self.programme(self.ag_phase(ag3, ag4))).findings == ()

    def test_a_person_in_one_group_and_anothers_kleingruppe_clashes(self):
        """Moderating AG 1 and sitting in AG 3's Kleingruppe at once is a clash."""
        nitzsche = (Contribution(person="nitzsche", roles=("moderation",)),)
        ag1 = Session(id="ag1", title="AG 1", room="saal", people=nitzsche)
        kleingruppe = Session(id="ag3-1", title="Kleingruppe", people=nitzsche)
        ag3 = Session(
            id="ag3", title="AG 3", room="foyer", people=nitzsche[:0], sessions=(kleingruppe,)
        )
        report = ep.validate(self.programme(self.ag_phase(ag1, ag3)))
        clash = next(f for f in report.errors)
        assert (clash.code, clash.ids) == ("EP301", ("nitzsche", "ag1", "ag3-1"))
        assert clash.message("de") == (
            "Nitzsche ist zur selben Zeit in 'ag1' (14:30–16:00) und 'ag3-1' (14:30–16:00)"
        )

    def test_a_moderator_in_two_slots_that_follow_each_other(self):
        """Moderating one slot until 11:00 and the next from 11:00 is no clash."""
        moderation = (Contribution(person="nitzsche", roles=("moderation",)),)
        first = slot("a", self.D, "10:00", people=moderation)
        second = slot("b", self.D, "11:00", "12:00", people=moderation)
        assert ep.validate(self.programme(first, second)).findings == ()

    def test_sub_session_may_share_its_parents_room(self):
        """A Kleingruppe in its AG's room is no room clash."""
        moderation = (Contribution(person="vetter", roles=("moderation",)),)
        sub = Session(id="ag3-1", title="Kleingruppe", room="saal")
        ag3 = Session(id="ag3", title="AG 3", room="saal", people=moderation, sessions=(sub,))
        assert (
            ep.validate(
                self.programme(slot("s", self.D, "10:00", "11:00", sessions=(ag3,)))
            ).findings
            == ()
        )

    def test_berlin_clock_changes_2025(self):
        """02:30 does not exist on 30 March 2025 in Berlin, and happens twice on 26 October."""
        spring, autumn = dt.date(2025, 3, 30), dt.date(2025, 10, 26)
        p = Programme(
            id="p",
            title="Nachtcafé",
            venue=ep.Venue(name="Lohnhalle", city="Bottrop"),
            days=(
                Day(date=spring, slots=(slot("fruehling", spring, "02:30", "04:00"),)),
                Day(date=autumn, slots=(slot("herbst", autumn, "01:30", "02:30"),)),
            ),
        )
        report = ep.validate(p)
        assert [(f.code, f.path) for f in report.findings] == [
            ("EP601", "days[0].slots[0].start"),
            ("EP602", "days[1].slots[0].end"),
        ]
        assert report.findings[0].message("de") == (
            "30.03.2025 02:30 gibt es in Europe/Berlin nicht (Umstellung auf Sommerzeit)"
        )
        utc = attrs.evolve(p, timezone="UTC")
        assert ep.validate(utc).findings == ()

    def test_rooms_missing_in_any_order(self):
        """Kept from hypothesis: parallel sessions without rooms give the same ids in any order."""
        moderation = (Contribution(person="vetter", roles=("moderation",)),)
        b = Session(
            id="b", title="B", people=moderation, start=at(self.D, "14:30"), end=at(self.D, "15:00")
        )
        a = Session(
            id="a", title="A", people=moderation, start=at(self.D, "15:00"), end=at(self.D, "16:00")
        )
        for order in ((a, b), (b, a)):
            (finding,) = ep.validate(self.programme(self.ag_phase(*order))).findings
            assert (finding.code, finding.ids) == ("EP402", ("ags", "a", "b"))

    def test_an_empty_day_is_a_warning_not_a_crash(self):
        """Kept from a crash: a day without slots validates, with warning EP206."""
        p = attrs.evolve(
            self.programme(slot("a", self.D, "10:00", "11:00")), days=(Day(date=self.D),)
        )
        assert [(f.code, f.severity) for f in ep.validate(p).findings] == [
            ("EP206", ep.Severity.WARNING)
        ]

    def test_the_night_belongs_to_the_day(self):
        """A party from 22:00 to 01:30 stays on its day; a slot at 07:00 next morning does not."""
        night = slot("party", self.D, "22:00")
        night = attrs.evolve(night, end=at(self.D + dt.timedelta(days=1), "01:30"))
        assert ep.validate(self.programme(night)).findings == ()
        morning = attrs.evolve(
            night, id="fruehstueck", start=at(self.D + dt.timedelta(days=1), "07:00"), end=None
        )
        morning = attrs.evolve(morning, end=at(self.D + dt.timedelta(days=1), "08:00"))
        assert errors(ep.validate(self.programme(night, morning))) == {"EP204"}

    def test_report_renders_as_text_and_data(self):
        """The report reads as lines for people and as plain data for tools."""
        p = self.programme(slot("a", self.D, "10:00", "10:30"), slot("b", self.D, "11:00", "12:00"))
        report = ep.validate(p)
        assert report.to_text("en", source="p.toml") == (
            "p.toml: days[0].slots[0].end: info EP701: nothing is planned between 'a'"
            " (until 10:30) and 'b' (from 11:00) (intended? If not, leave the end out:"
            " the slot then runs to the next)\n"
            "p.toml: 0 errors, 0 warnings, 1 info\n"
        )
        data = report.to_dict("de")
        assert data["ok"] is True
        assert data["counts"] == {"error": 0, "warning": 0, "info": 1}
        assert data["findings"][0]["message"].startswith("zwischen 'a' (bis 10:30)")
        assert data["findings"][0]["messages"]["en"].startswith("nothing is planned")


class TestResolvedView:
    """The rules read the resolved view: real time, open ends unknown, inherited rooms."""

    D = dt.date(2025, 5, 15)
    AUTUMN = dt.date(2025, 10, 26)

    def programme(self, *slots: Slot, date: dt.date = D, **fields) -> Programme:
        people = tuple(ep.Person(id=i, family_name=i.title()) for i in ("vetter", "bartling"))
        rooms = (Room(id="saal", name="Großer Saal"), Room(id="foyer", name="Foyer"))
        return Programme(
            id="p",
            title="Fachtag",
            timezone="Europe/Berlin",
            venue=ep.Venue(name="Lohnhalle", city="Bottrop", rooms=rooms),
            days=(Day(date=date, slots=slots),),
            people=people,
            **fields,
        )

    def found(self, programme: Programme, code: str) -> set[tuple[str, ...]]:
        return {f.ids for f in ep.validate(programme).findings if f.code == code}

    def test_an_event_across_the_autumn_change_ends_after_it_starts(self):
        """02:50 to the second 02:10 of the autumn change is 20 minutes: no EP201."""
        night = Slot(
            id="nacht",
            title="Nachtcafé",
            kind="talk",
            start=at(self.AUTUMN, "02:50"),
            end=at(self.AUTUMN, "02:10").replace(fold=1),
        )
        report = ep.validate(self.programme(night, date=self.AUTUMN))
        assert ep.timeline(self.programme(night, date=self.AUTUMN)).items[0].duration == (
            dt.timedelta(minutes=20)
        )
        # Only the start is ambiguous; the end says it is the second 02:10.
        assert [(f.code, f.path) for f in report.findings] == [("EP602", "days[0].slots[0].start")]

    def test_the_first_0210_after_0250_still_ends_before_it_starts(self):
        """Without fold the end is the first 02:10, forty minutes before 02:50: EP201."""
        night = Slot(
            id="nacht",
            title="Nachtcafé",
            kind="talk",
            start=at(self.AUTUMN, "02:50"),
            end=at(self.AUTUMN, "02:10"),
        )
        assert "EP201" in errors(ep.validate(self.programme(night, date=self.AUTUMN)))

    def test_nominal_ends_give_no_clash(self):
        """Sessions of a last slot without an end have no known end: no person clash from them."""
        vetter = (Contribution(person="vetter", roles=("moderation",)),)
        first = Session(id="a", title="A", room="saal", people=vetter, start=at(self.D, "20:00"))
        later = Session(id="b", title="B", room="foyer", people=vetter, start=at(self.D, "20:30"))
        evening = slot("abend", self.D, "20:00", sessions=(first, later))
        report = ep.validate(self.programme(evening))
        assert codes(report) == {("EP208", ("abend",))}

    def test_a_known_session_end_gives_the_clash(self):
        """With ends of their own the same two sessions clash: the rule is not switched off."""
        vetter = (Contribution(person="vetter", roles=("moderation",)),)
        first = Session(
            id="a",
            title="A",
            room="saal",
            people=vetter,
            start=at(self.D, "20:00"),
            end=at(self.D, "21:00"),
        )
        later = Session(
            id="b",
            title="B",
            room="foyer",
            people=vetter,
            start=at(self.D, "20:30"),
            end=at(self.D, "21:00"),
        )
        evening = slot("abend", self.D, "20:00", sessions=(first, later))
        assert self.found(self.programme(evening), "EP301") == {("vetter", "a", "b")}

    def test_an_inherited_room_clashes(self):
        """The issue's example: a sub-session without room in a workshop in saal is in saal.

        The other session starts first, so the sub-session is reported against it; in
        another room of its own, the sub-session would not be.
        """
        sub = Session(id="w1", title="Teil 1", start=at(self.D, "14:45"), end=at(self.D, "15:00"))
        workshop = Session(id="w", title="Werkstatt", kind="workshop", room="saal", sessions=(sub,))
        other = Session(
            id="x",
            title="Andere",
            room="saal",
            start=at(self.D, "14:30"),
            end=at(self.D, "15:15"),
        )
        p = self.programme(slot("ags", self.D, "14:30", "16:00", sessions=(workshop, other)))
        item = ep.timeline(p).get("w1")
        assert item is not None
        assert (item.room.name if item.room else None, item.kind.id) == ("Großer Saal", "workshop")
        assert self.found(p, "EP401") == {("saal", "w", "x"), ("saal", "w1", "x")}
        elsewhere = attrs.evolve(workshop, sessions=(attrs.evolve(sub, room="foyer"),))
        p = self.programme(slot("ags", self.D, "14:30", "16:00", sessions=(elsewhere, other)))
        assert self.found(p, "EP401") == {("saal", "w", "x")}

    def test_a_clash_is_reported_once_against_the_first_it_overlaps(self):
        """A session overlapping a workshop and its sub-session in saal is one finding, not two."""
        sub = Session(id="w1", title="Teil 1", start=at(self.D, "14:30"), end=at(self.D, "15:00"))
        workshop = Session(id="w", title="Werkstatt", kind="workshop", room="saal", sessions=(sub,))
        other = Session(
            id="x",
            title="Andere",
            room="saal",
            start=at(self.D, "14:45"),
            end=at(self.D, "15:15"),
        )
        p = self.programme(slot("ags", self.D, "14:30", "16:00", sessions=(workshop, other)))
        (clash,) = (f for f in ep.validate(p).findings if f.code == "EP401")
        assert (clash.path, clash.ids) == ("days[0].slots[0].sessions[1].room", ("saal", "w", "x"))
        assert clash.message_en == (
            "room 'saal' holds 'w' (14:30–16:00) and 'x' (14:45–15:15) at once"
        )

    def test_kleingruppen_share_their_sessions_room(self):
        """Sub-groups in their session's room, named or inherited, are no room clash."""
        for named_room in (None, "saal"):
            k1 = Session(id="k1", title="Kleingruppe 1")
            k2 = Session(id="k2", title="Kleingruppe 2", room=named_room)
            ag = Session(id="ag", title="AG", room="saal", sessions=(k1, k2))
            p = self.programme(slot("s", self.D, "10:00", "11:00", sessions=(ag,)))
            assert self.found(p, "EP401") == set(), named_room

    def test_kleingruppen_of_kleingruppen_share_the_room(self):
        """A sub-group and its sister's sub-group, each naming their session's room, don't clash."""
        k21 = Session(id="k21", title="Kleingruppe 2.1", room="saal")
        k1 = Session(id="k1", title="Kleingruppe 1", room="saal")
        k2 = Session(id="k2", title="Kleingruppe 2", sessions=(k21,))
        ag = Session(id="ag", title="AG", room="saal", sessions=(k1, k2))
        p = self.programme(slot("s", self.D, "10:00", "11:00", sessions=(ag,)))
        assert self.found(p, "EP401") == set()

    def test_parallel_sessions_in_the_slots_room_are_without_a_room(self):
        """Parallel sessions that only inherit the slot's room get EP402, not a room clash."""
        vetter = (Contribution(person="vetter", roles=("moderation",)),)
        a = Session(id="a", title="A", people=vetter, start=at(self.D, "10:00"))
        b = Session(id="b", title="B", people=vetter, start=at(self.D, "10:30"))
        a = attrs.evolve(a, end=at(self.D, "10:30"))
        p = self.programme(slot("s", self.D, "10:00", "11:00", room="saal", sessions=(a, b)))
        assert codes(ep.validate(p)) == {("EP402", ("s", "a", "b"))}

    def test_parallel_sessions_both_named_into_the_slots_room_clash(self):
        """Two parallel sessions that each name the slot's room are a room clash."""
        a = Session(id="a", title="A", room="saal")
        b = Session(id="b", title="B", room="saal")
        p = self.programme(slot("s", self.D, "10:00", "11:00", room="saal", sessions=(a, b)))
        assert self.found(p, "EP401") == {("saal", "a", "b")}


class TestBoundaries:
    """A one-minute overlap is a clash; one ending when the next begins is not."""

    D = dt.date(2025, 5, 15)

    def programme(self, first_end: str, second_start: str, **people) -> Programme:
        a = Session(
            id="a",
            title="A",
            room="saal",
            start=at(self.D, "10:00"),
            end=at(self.D, first_end),
            **people,
        )
        b = Session(
            id="b",
            title="B",
            room="saal",
            start=at(self.D, second_start),
            end=at(self.D, "12:00"),
            **people,
        )
        return Programme(
            id="p",
            title="Fachtag",
            venue=ep.Venue(name="Lohnhalle", city="Bottrop", rooms=(Room(id="saal", name="Saal"),)),
            days=(Day(date=self.D, slots=(slot("s", self.D, "10:00", "12:00", sessions=(a, b)),)),),
            people=(ep.Person(id="vetter", family_name="Vetter"),),
        )

    def test_room_clash_by_one_minute(self):
        """10:00–11:00 and 10:59–12:00 in one room clash."""
        assert ("EP401", ("saal", "a", "b")) in codes(ep.validate(self.programme("11:00", "10:59")))

    def test_room_clash_names_the_room(self):
        """The message names the room by its id, or by its name where the id is a UUID."""
        report = ep.validate(self.programme("11:00", "10:59"))
        (clash,) = (f for f in report.findings if f.code == "EP401")
        assert clash.message_en.startswith("room 'saal' holds ")
        assert clash.message_de.startswith("Raum 'saal' ist ")
        uuid = "5b3f3c4e-8a55-4f6e-9d55-3a1c1f0e2b7a"
        programme = self.programme("11:00", "10:59")
        day = programme.days[0]
        sessions = tuple(attrs.evolve(s, room=uuid) for s in day.slots[0].sessions)
        programme = attrs.evolve(
            programme,
            venue=attrs.evolve(programme.venue, rooms=(Room(id=uuid, name="Saal"),)),
            days=(attrs.evolve(day, slots=(attrs.evolve(day.slots[0], sessions=sessions),)),),
        )
        (clash,) = (f for f in ep.validate(programme).findings if f.code == "EP401")
        assert clash.message_en.startswith("room 'Saal' holds ")

    def test_room_back_to_back(self):
        """10:00–11:00 and 11:00–12:00 in one room do not clash."""
        assert "EP401" not in errors(ep.validate(self.programme("11:00", "11:00")))

    def test_person_clash_by_one_minute(self):
        """A person in 10:00–11:00 and in 10:59–12:00 is in two places at once."""
        vetter = (Contribution(person="vetter", roles=("moderation",)),)
        p = self.programme("11:00", "10:59", people=vetter)
        assert ("EP301", ("vetter", "a", "b")) in codes(ep.validate(p))

    def test_no_time_at_all_is_no_person_clash(self):
        """A session that ends when it starts is ends-before-start's, not a clash for its people."""
        vetter = (Contribution(person="vetter", roles=("moderation",)),)
        p = self.programme("10:00", "09:00", people=vetter)
        found = codes(ep.validate(p))
        assert ("EP201", ("a",)) in found
        assert "EP301" not in {code for code, _ in found}

    def test_person_back_to_back(self):
        """A person in 10:00–11:00 and then in 11:00–12:00 is no clash."""
        vetter = (Contribution(person="vetter", roles=("moderation",)),)
        assert "EP301" not in errors(ep.validate(self.programme("11:00", "11:00", people=vetter)))


class TestClashesAtScale:
    """Room and person clashes cost and say time near-linear in the items: one finding each."""

    D = dt.date(2025, 5, 15)

    def programme(self, *sessions: Session, rooms: int = 2, slot_room: str | None = None):
        return Programme(
            id="p",
            title="Kongress",
            venue=ep.Venue(
                name="Messe",
                city="Essen",
                rooms=tuple(Room(id=f"r{i}", name=f"Raum {i}") for i in range(rooms)),
            ),
            days=(
                Day(
                    date=self.D,
                    slots=(slot("s", self.D, "10:00", "12:00", room=slot_room, sessions=sessions),),
                ),
            ),
            people=(ep.Person(id="vetter", family_name="Vetter"),),
        )

    @staticmethod
    def searches(monkeypatch: pytest.MonkeyPatch) -> list[int]:
        """Count each step of the clash sweeps: a look-up or a change of what is open."""
        from eventprogram import _rules

        calls = [0]
        for name in ("first", "change"):
            method = getattr(_rules._Tree, name)  # noqa: SLF001 -- the sweep's one primitive

            def counted(*args, method=method, **kwargs):
                calls[0] += 1
                return method(*args, **kwargs)

            monkeypatch.setattr(_rules._Tree, name, counted)  # noqa: SLF001 -- as above
        return calls

    def test_each_clashing_item_is_reported_once(self):
        """400 sessions in two rooms at once: 398 room clashes, each against its room's first."""
        sessions = tuple(Session(id=f"a{i:03}", title="AG", room=f"r{i % 2}") for i in range(400))
        clashes = [f for f in ep.validate(self.programme(*sessions)).findings if f.code == "EP401"]
        assert len(clashes) == 398  # not 2 × (200 × 199 / 2) = 39,800
        assert {f.path for f in clashes} == {
            f"days[0].slots[0].sessions[{i}].room" for i in range(2, 400)
        }
        assert {f.ids for f in clashes} == {
            (f"r{i % 2}", f"a{i % 2:03}", f"a{i:03}") for i in range(2, 400)
        }

    def test_a_person_in_many_sessions_at_once_is_one_finding_per_session(self):
        """One person moderating 400 parallel sessions: 399 person clashes, not 79,800."""
        vetter = (Contribution(person="vetter", roles=("moderation",)),)
        sessions = tuple(
            Session(id=f"a{i:03}", title="AG", room=f"r{i}", people=vetter) for i in range(400)
        )
        report = ep.validate(self.programme(*sessions, rooms=400))
        clashes = [f for f in report.findings if f.code == "EP301"]
        assert len(clashes) == 399
        assert {f.ids for f in clashes} == {("vetter", "a000", f"a{i:03}") for i in range(1, 400)}

    def test_what_shares_a_room_by_design_is_never_paired(self, monkeypatch):
        """2,000 sessions in the slot's room, or Kleingruppen in their AG's: linear steps."""
        inheriting = tuple(Session(id=f"a{i}", title="AG") for i in range(2000))
        groups = tuple(
            Session(id=f"k{i}", title="Kleingruppe", room="r0" if i % 2 else None)
            for i in range(2000)
        )
        ag = Session(id="ag", title="AG", room="r0", sessions=groups)
        for programme in (self.programme(*inheriting, slot_room="r0"), self.programme(ag)):
            calls = self.searches(monkeypatch)
            report = ep.validate(programme)
            assert not {"EP401", "EP301"} & {f.code for f in report.findings}
            assert calls[0] <= 8 * 2000  # all pairs would be 1,999,000
            monkeypatch.undo()

    def test_clashing_items_take_linear_steps(self, monkeypatch):
        """2,000 sessions in two rooms: the sweep takes a few steps per session, not per pair."""
        sessions = tuple(Session(id=f"a{i}", title="AG", room=f"r{i % 2}") for i in range(2000))
        calls = self.searches(monkeypatch)
        report = ep.validate(self.programme(*sessions))
        assert len([f for f in report.findings if f.code == "EP401"]) == 1998
        assert calls[0] <= 8 * 2000


def _reference_clashes(
    items: list[ep.Item], apart: Callable[[ep.Item, ep.Item], bool]
) -> set[tuple[str, str]]:
    """By brute force: each item against the first (in the programme's order) of those
    that start no later, are still running, and are *apart* from it."""
    order = {id(item): n for n, item in enumerate(items)}
    swept = sorted(items, key=lambda i: (i.start_utc, i.end_utc, order[id(i)]))
    found = set()
    for n, item in enumerate(swept):
        running = [
            other for other in swept[:n] if other.end_utc > item.start_utc and apart(other, item)
        ]
        if running:
            found.add((min(running, key=lambda i: order[id(i)]).id, item.id))
    return found


def _holders(item: ep.Item) -> list[ep.Item]:
    above, found = item.parent, []
    while above is not None:
        found.append(above)
        above = above.parent
    return found


def _in_one_room_by_design(first: ep.Item, second: ep.Item) -> bool:
    """The documented criterion, pair by pair, as the rule once checked it."""
    if first.related(second) or first.room_from is second.room_from:
        return True
    holders = {id(above) for above in _holders(first)}
    holder = next((a for a in _holders(second) if id(a) in holders), None)
    return (
        holder is not None
        and not holder.is_slot
        and holder.room is not None
        and first.room is not None
        and holder.room.id == first.room.id
    )


def _random_programme(rng: random.Random) -> Programme:
    """Two overlapping slots of nested sessions, some in rooms, some with one person."""
    date = dt.date(2025, 5, 15)
    count = iter(range(1000))
    vetter = (Contribution(person="vetter", roles=("input",)),)

    def times(low: int, high: int) -> tuple[int, int] | None:
        if rng.random() < 0.4 or high - low < 2:
            return None
        start = rng.randrange(low, high - 1)
        return start, rng.randrange(start + 1, high + 1)

    def sessions(depth: int, low: int, high: int) -> tuple[Session, ...]:
        made = []
        for _ in range(rng.randint(0, 3) if depth < 4 else 0):
            span = times(low, high)
            inner = span or (low, high)
            made.append(
                Session(
                    id=f"x{next(count)}",
                    title="AG",
                    room=rng.choice((None, None, "r0", "r1")),
                    start=None
                    if span is None
                    else at(date, "00:00") + dt.timedelta(minutes=span[0]),
                    end=None if span is None else at(date, "00:00") + dt.timedelta(minutes=span[1]),
                    people=vetter if rng.random() < 0.3 else (),
                    sessions=sessions(depth + 1, *inner),
                )
            )
        return tuple(made)

    slots = tuple(
        slot(
            f"s{n}",
            date,
            start,
            end,
            room=rng.choice((None, "r0", "r1")),
            people=vetter if rng.random() < 0.3 else (),
            sessions=sessions(1, low, high),
        )
        for n, (start, end, low, high) in enumerate(
            (("10:00", "11:00", 600, 660), ("10:40", "12:00", 640, 720))
        )
    )
    return Programme(
        id="p",
        title="Zufall",
        venue=ep.Venue(
            name="V", city="C", rooms=(Room(id="r0", name="A"), Room(id="r1", name="B"))
        ),
        days=(Day(date=date, slots=slots),),
        people=(ep.Person(id="vetter", family_name="Vetter"),),
    )


@pytest.mark.parametrize("seed", range(60))
def test_the_sweep_finds_what_pairwise_checking_finds(seed):
    """Room and person clashes: each item, against the first it clashes with, as by brute force."""
    programme = _random_programme(random.Random(seed))  # noqa: S311 -- test data, not a secret
    view = ep.timeline(programme)
    timed = [i for i in view.items if not i.open_end and i.end_utc > i.start_utc]
    report = ep.validate(programme)

    by_path = {i.path: i for i in view.items}

    def clashes(code: str, field: str) -> set[tuple[str, str]]:
        """The (first, second) pairs of *code*'s findings: the path is the second's."""
        found = set()
        for finding in report.findings:
            if finding.code == code:
                second = by_path[finding.path.rsplit(field, 1)[0]].id
                (first,) = set(finding.ids[1:]) - {second}
                found.add((first, second))
        return found

    rooms = set()
    for room in ("r0", "r1"):
        here = [i for i in timed if i.room is not None and i.room.id == room]
        rooms |= _reference_clashes(here, lambda a, b: not _in_one_room_by_design(a, b))
    assert clashes("EP401", ".room") == rooms
    with_person = [i for i in timed if i.people]
    assert clashes("EP301", ".people[") == _reference_clashes(
        with_person, lambda a, b: not a.related(b)
    )


class TestRegistry:
    def test_builtin_rules_come_through_entry_points(self):
        """All built-in rules are installed through the entry point group, in code order."""
        rules = available()
        assert len(rules) == 22
        assert list(rules)[:3] == ["dangling-reference", "duplicate-id", "ends-before-start"]
        codes_ = [r.code for r in rules.values()]
        assert codes_ == sorted(codes_)

    def test_a_rule_of_ones_own(self, example_dir):
        """A rule made outside the core runs like a built-in one."""

        def short_titles(programme):
            for d, day in enumerate(programme.days):
                for s, slot_ in enumerate(day.slots):
                    if len(slot_.title) > 45:
                        yield Violation(
                            path=f"days[{d}].slots[{s}].title",
                            ids=(slot_.id,),
                            message_de="Titel zu lang",
                            message_en="title too long",
                        )

        rule = Rule(
            code="XY101",
            name="short-titles",
            severity=ep.Severity.WARNING,
            summary_de="kurze Titel",
            summary_en="short titles",
            check=short_titles,
        )
        report = ep.validate(ep.load(example_dir), rules=[rule])
        assert {f.ids for f in report.findings} == {("keynote-digitalisierung",)}
        assert {f.code for f in report.findings} == {"XY101"}

    def test_a_broken_plugin_is_reported_without_traceback(self, monkeypatch, example_dir, capsys):
        """An entry point that is no rule stops validation with a clear message and exit 2."""
        from importlib.metadata import EntryPoint

        import eventprogram.rules
        from eventprogram._cli import main

        broken = EntryPoint(name="broken", value="builtins:len", group="eventprogram.rules")
        monkeypatch.setattr("eventprogram._plugins.entry_points", lambda **_: [broken])
        eventprogram.rules.available.cache_clear()
        try:
            assert main(["validate", str(example_dir)]) == 2
        finally:
            eventprogram.rules.available.cache_clear()
        err = capsys.readouterr().err
        assert "entry point 'broken' (builtins:len)" in err
        assert "is not an eventprogram.rules.Rule" in err

    def test_a_broken_format_plugin_gets_the_same_error(self, monkeypatch):
        """Formats come through the same door as rules: an entry point that is no Format fails."""
        from importlib.metadata import EntryPoint

        from eventprogram import exporters

        broken = EntryPoint(name="broken", value="builtins:len", group="eventprogram.exporters")
        monkeypatch.setattr("eventprogram._plugins.entry_points", lambda **_: [broken])
        exporters.available.cache_clear()
        try:
            with pytest.raises(
                ep.PluginError,
                match=r"'broken' \(builtins:len\) in"
                r" 'eventprogram.exporters' is not an eventprogram.exporters.Format",
            ):
                exporters.available()
        finally:
            exporters.available.cache_clear()

    def test_loading_does_not_import_the_rules(self, example_dir):
        """`eventprogram.load` checks references without importing the rule catalogue."""
        check = (
            "import sys, eventprogram; eventprogram.load(sys.argv[1]);"
            " print('eventprogram._rules' in sys.modules)"
        )
        done = subprocess.run(
            [sys.executable, "-c", check, str(example_dir)],
            capture_output=True,
            text=True,
            check=True,
        )
        assert done.stdout.strip() == "False"

    def test_every_rule_is_documented(self):
        """docs/reference/rules.md names every installed rule by code and name."""
        page = (ROOT / "docs" / "reference" / "rules.md").read_text(encoding="utf-8")
        missing = [
            f"{r.code} {r.name}"
            for r in available().values()
            if r.code not in page or r.name not in page
        ]
        assert missing == []
        assert "EP001" in page
