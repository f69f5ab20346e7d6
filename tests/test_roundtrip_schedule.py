"""What eventprogram's schedule writers put in a file comes back from the importers (#11).

The files here are written by hand in the form of the round-trip protocol
(numbered titles, placeholder rooms, resolved ends, offsets across the clock
change), so these tests do not depend on the writers.
"""

from __future__ import annotations

import datetime as dt
import json
import zoneinfo
from pathlib import Path
from typing import Any

import pytest

import eventprogram as ep
from eventprogram._assemble import listed_day
from eventprogram._ids import is_placeholder_room, placeholder_room_guid, stable_uuid
from eventprogram.importers import read_schedule

ZONE = "Europe/Berlin"


def event(title: str, start: str, duration: str, n: int, **more: Any) -> dict[str, Any]:
    """An event of a schedule.json, on 2025-05-15 (+02:00) unless *start* is a date-time."""
    date = start if "T" in start else f"2025-05-15T{start}:00+02:00"
    return {
        "guid": str(stable_uuid("roundtrip", f"event-{n}")),
        "id": n,
        "date": date,
        "start": date[11:16],
        "duration": duration,
        "title": title,
        "type": "Workshop",
        "persons": [],
        **more,
    }


def schedule_json(
    rooms: dict[str, list[dict[str, Any]]],
    *,
    known: list[dict[str, Any]] | None = None,
    date: str = "2025-05-15",
) -> bytes:
    document = {
        "schedule": {
            "version": "1",
            "conference": {
                "acronym": "roundtrip",
                "title": "Round trip",
                "time_zone_name": ZONE,
                "rooms": known if known is not None else [{"name": name} for name in rooms],
                "days": [{"index": 1, "date": date, "rooms": rooms}],
            },
        }
    }
    return json.dumps(document).encode()


def read_json(data: bytes) -> ep.Programme:
    return read_schedule(data, "c3voc-json", source="roundtrip.json")


def read_xml(text: str) -> ep.Programme:
    return read_schedule(text.encode(), "frab-xml", source="roundtrip.xml")


def only_slot(programme: ep.Programme) -> ep.Slot:
    (day,) = programme.days
    (slot,) = day.slots
    return slot


class TestNumberedSessions:
    def test_numbers_come_back_from_titles(self):
        """'2. B' and '1. A' in one slot become sessions numbered 2 and 1, titles bare, in order."""
        data = schedule_json(
            {
                "Saal": [event("2. Bauen", "10:00", "01:00", 1)],
                "Foyer": [event("1. Anfangen", "10:00", "01:00", 2)],
            }
        )
        slot = only_slot(read_json(data))
        assert [(s.number, s.title) for s in slot.sessions] == [(1, "Anfangen"), (2, "Bauen")]

    def test_sub_sessions_nest_inside_their_session(self):
        """'3.1 X' inside the time of '3. Y' becomes sub-session 1 of session 3."""
        data = schedule_json(
            {
                "Lohnhalle 3": [event("3. Arbeitsgruppe", "10:00", "02:00", 1)],
                "Lohnhalle 3.2": [event("3.2 Kleingruppe B", "10:30", "01:00", 2)],
                "Lohnhalle 3.1": [event("3.1 Kleingruppe A", "10:30", "01:00", 3)],
                "Saal": [event("4. Plenum", "10:00", "02:00", 4)],
            }
        )
        slot = only_slot(read_json(data))
        assert [(s.number, s.title) for s in slot.sessions] == [
            (3, "Arbeitsgruppe"),
            (4, "Plenum"),
        ]
        subs = slot.sessions[0].sessions
        assert [(s.number, s.title) for s in subs] == [(1, "Kleingruppe A"), (2, "Kleingruppe B")]
        assert not slot.sessions[1].sessions
        assert ep.validate(read_json(data)).ok

    def test_a_sub_session_outside_its_session_stays_as_it_is(self):
        """'3.1 X' that runs past the end of '3. Y' is no sub-session: it keeps its title."""
        data = schedule_json(
            {
                "Saal": [event("3. Arbeitsgruppe", "10:00", "01:00", 1)],
                "Foyer": [event("3.1 Kleingruppe", "10:30", "01:00", 2)],
                "Keller": [event("4. Plenum", "10:00", "01:00", 3)],
            }
        )
        slot = only_slot(read_json(data))
        titles = [(s.number, s.title) for s in slot.sessions]
        assert (None, "3.1 Kleingruppe") in titles
        assert all(not s.sessions for s in slot.sessions)

    @pytest.mark.parametrize("title", ["1. FC Köln", "3. Oktober", "2.5 Grad"])
    def test_a_lone_numbered_title_keeps_its_number(self, title):
        """A title that starts with a number but has no numbered sibling is left alone."""
        data = schedule_json(
            {
                "Saal": [event(title, "10:00", "01:00", 1)],
                "Foyer": [event("Mittagessen", "10:00", "01:00", 2)],
            }
        )
        slot = only_slot(read_json(data))
        assert [(s.number, s.title) for s in slot.sessions] == [
            (None, title),
            (None, "Mittagessen"),
        ]

    def test_a_numbered_title_alone_in_its_time(self):
        """A slot of its own titled '3. Oktober' keeps the title."""
        slot = only_slot(
            read_json(schedule_json({"Saal": [event("3. Oktober", "10:00", "01:00", 1)]}))
        )
        assert slot.title == "3. Oktober"


def ours(rooms: dict[str, list[dict[str, Any]]], *, real: tuple[str, ...] = ("Saal",)) -> bytes:
    """A schedule.json as eventprogram writes it: its generator, rooms not in *real* made up."""
    known = [
        {"name": name, "guid": str(stable_uuid("rt", f"room:{name}"))}
        if name in real
        else {"name": name, "guid": placeholder_room_guid(name)}
        for name in rooms
    ]
    document = json.loads(schedule_json(rooms, known=known))
    document["generator"] = {"name": "eventprogram"}
    return json.dumps(document).encode()


def slug(n: int, title: str, holder: int | None = None) -> str:
    """The slug eventprogram writes for event *n*: ``roundtrip-3_1-title`` inside event 1."""
    return f"roundtrip-{n}" + (f"_{holder}" if holder is not None else "") + f"-{title}"


def forum(third: str = "roundtrip-3_1-b") -> dict[str, list[dict[str, Any]]]:
    """A phase 14:00–16:00 (event 1) holding A (2), B (3, slug *third*) and D (4)."""
    return {
        "Halle": [event("Foren", "14:00", "02:00", 1, slug=slug(1, "foren"))],
        "Halle 1": [event("A", "14:00", "00:30", 2, slug=slug(2, "a", 1))],
        "Halle 2": [event("B", "14:00", "01:00", 3, slug=third)],
        "Halle 3": [event("D", "14:00", "02:00", 4, slug=slug(4, "d", 1))],
    }


class TestNestingMarkers:
    """In eventprogram's files an event sits in the event its slug names, and nowhere else."""

    def test_sessions_nest_as_their_slugs_say(self):
        """A slot, its numbered sessions and a sub-session come back as written, rooms as given."""
        data = ours(
            {
                "Saal": [event("1. Anfangen", "14:30", "01:00", 2, slug=slug(2, "anfangen", 1))],
                "Halle": [event("Foren", "14:00", "02:00", 1, slug=slug(1, "foren"))],
                "Halle 2": [event("2. Bauen", "14:00", "02:00", 3, slug=slug(3, "bauen", 1))],
                "Halle 2.1": [
                    event("2.1 Klein", "14:30", "01:00", 4, slug=slug(4, "klein", 3)),
                ],
            }
        )
        programme = read_json(data)
        slot = only_slot(programme)
        assert (slot.title, slot.kind, slot.room) == ("Foren", "workshop", None)
        assert [(s.number, s.title) for s in slot.sessions] == [(1, "Anfangen"), (2, "Bauen")]
        assert [(s.number, s.title) for s in slot.sessions[1].sessions] == [(1, "Klein")]
        assert [r.name for r in programme.venue.rooms] == ["Saal"]
        assert [s.room for s in slot.sessions] == [programme.venue.rooms[0].id, None]
        assert slot.sessions[1].sessions[0].room is None

    def test_the_files_order_not_the_numbers(self):
        """Sessions of one holder keep the order of the ids, whatever their numbers."""
        data = ours(
            {
                "Halle": [event("Foren", "14:00", "02:00", 1, slug=slug(1, "foren"))],
                "Halle 2": [event("2. Bauen", "14:00", "02:00", 2, slug=slug(2, "bauen", 1))],
                "Halle 1": [event("1. Anfangen", "14:00", "02:00", 3, slug=slug(3, "anf", 1))],
            }
        )
        slot = only_slot(read_json(data))
        assert [(s.number, s.title) for s in slot.sessions] == [(2, "Bauen"), (1, "Anfangen")]

    def test_a_clash_in_one_room_stays_a_clash(self):
        """Two sessions of the phase at once in one room stay siblings: validation reports them."""
        data = ours(
            {
                "Halle": [event("Foren", "14:00", "02:00", 1, slug=slug(1, "foren"))],
                "Saal": [
                    event("A", "14:00", "02:00", 2, slug=slug(2, "a", 1)),
                    event("B", "14:30", "01:00", 3, slug=slug(3, "b", 1)),
                ],
            }
        )
        programme = read_json(data)
        slot = only_slot(programme)
        assert [(s.title, len(s.sessions)) for s in slot.sessions] == [("A", 0), ("B", 0)]
        clashes = [f for f in ep.validate(programme).findings if f.code == "EP401"]
        assert len(clashes) == 1

    def test_a_marker_that_holds(self):
        """B, naming the phase (event 1) that holds its time, is the phase's session."""
        slot = only_slot(read_json(ours(forum())))
        assert [s.title for s in slot.sessions] == ["A", "B", "D"]

    @pytest.mark.parametrize(
        "third",
        [
            slug(3, "b", 9),  # no event 9
            slug(3, "b", 4),  # event 4 comes after it
            slug(3, "b", 2),  # event 2 ends at 14:30, before B
            slug(5, "b", 1),  # the marker of another event
            "anders-3_1-b",  # not after the file's acronym
        ],
        ids=["unknown", "later", "not-holding", "other-event", "other-acronym"],
    )
    def test_a_marker_that_does_not_hold_is_ignored(self, third):
        """A marker to no event, a later one, one that does not hold it, or not its own: none."""
        slot = only_slot(read_json(ours(forum(third))))
        assert slot.kind == "parallel"
        assert [(s.title, [u.title for u in s.sessions]) for s in slot.sessions] == [
            ("Foren", ["A", "D"]),
            ("B", []),
        ]

    def test_files_of_other_tools_are_read_flat(self):
        """Without eventprogram as generator, slugs are slugs: what overlaps is parallel."""
        document = json.loads(ours(forum()))
        del document["generator"]
        slot = only_slot(read_json(json.dumps(document).encode()))
        assert slot.kind == "parallel"
        assert [(s.title, s.sessions) for s in slot.sessions] == [
            ("Foren", ()),
            ("A", ()),
            ("B", ()),
            ("D", ()),
        ]


class TestPlaceholderRooms:
    def test_guid_is_recognised(self):
        """A placeholder guid is made from the name, in its own namespace; real guids are not it."""
        guid = placeholder_room_guid("Lohnhalle 3.1")
        assert is_placeholder_room("Lohnhalle 3.1", guid.upper())
        assert not is_placeholder_room("Lohnhalle 3.2", guid)
        assert not is_placeholder_room("Lohnhalle 3.1", str(stable_uuid("x", "room:Lohnhalle 3.1")))
        assert not is_placeholder_room("Lohnhalle 3.1", None)

    def test_xml_placeholder_is_no_room(self):
        """Events in a placeholder <room> have no room, and the venue does not get it."""
        guid = placeholder_room_guid("Lohnhalle 3.1")
        text = f"""<?xml version="1.0" encoding="UTF-8"?>
<schedule><version>1</version>
  <conference><acronym>rt</acronym><title>RT</title>
    <time_zone_name>{ZONE}</time_zone_name></conference>
  <day index="1" date="2025-05-15">
    <room name="Saal" guid="{stable_uuid("rt", "room:saal")}">
      <event guid="{stable_uuid("rt", "a")}" id="1"><date>2025-05-15T10:00:00+02:00</date>
        <start>10:00</start><duration>01:00</duration><room>Saal</room><title>A</title></event>
    </room>
    <room name="Lohnhalle 3.1" guid="{guid}">
      <event guid="{stable_uuid("rt", "b")}" id="2"><date>2025-05-15T12:00:00+02:00</date>
        <start>12:00</start><duration>01:00</duration><room>Lohnhalle 3.1</room>
        <title>B</title></event>
    </room>
  </day>
</schedule>"""
        programme = read_xml(text)
        assert [room.name for room in programme.venue.rooms] == ["Saal"]
        first, second = programme.days[0].slots
        assert first.room == programme.venue.rooms[0].id
        assert second.room is None

    def test_json_placeholder_is_no_room(self):
        """In schedule.json the conference's list of rooms marks the placeholder."""
        data = schedule_json(
            {
                "Saal": [event("1. A", "10:00", "01:00", 1)],
                "Lohnhalle 2": [event("2. B", "10:00", "01:00", 2)],
            },
            known=[
                {"name": "Saal", "guid": str(stable_uuid("rt", "room:saal"))},
                {"name": "Lohnhalle 2", "guid": placeholder_room_guid("Lohnhalle 2")},
            ],
        )
        programme = read_json(data)
        assert [room.name for room in programme.venue.rooms] == ["Saal"]
        slot = only_slot(programme)
        assert [s.room for s in slot.sessions] == [programme.venue.rooms[0].id, None]

    def test_a_real_room_of_the_same_name_stays(self):
        """A room named like a placeholder but with another guid is a real room."""
        data = schedule_json(
            {"Lohnhalle 2": [event("B", "10:00", "01:00", 2)]},
            known=[{"name": "Lohnhalle 2", "guid": str(stable_uuid("rt", "room:l2"))}],
        )
        assert [room.name for room in read_json(data).venue.rooms] == ["Lohnhalle 2"]


class TestOrder:
    def test_ties_keep_the_file_order(self):
        """Eight workshops without numbers, one room each, come back in the file's order."""
        order = [6, 4, 2, 7, 8, 5, 1, 3]
        rooms = {f"Lohnhalle {n}": [event(f"Workshop {n}", "10:00", "01:00", n)] for n in order}
        slot = only_slot(read_json(schedule_json(rooms, known=[])))
        assert [s.title for s in slot.sessions] == [f"Workshop {n}" for n in order]
        ids = [s.id for s in slot.sessions]
        assert ids != sorted(ids)  # so sorting by id would have failed this test

    def test_the_venues_room_order_decides_before_the_files(self):
        """Events that start together follow the order of the conference's rooms."""
        data = schedule_json(
            {
                "B": [event("in B", "10:00", "01:00", 1)],
                "A": [event("in A", "10:00", "01:00", 2)],
            },
            known=[{"name": "A"}, {"name": "B"}],
        )
        assert [s.title for s in only_slot(read_json(data)).sessions] == ["in A", "in B"]

    def test_numbers_decide_over_the_file_order(self):
        """Numbered sessions come back in the order of their numbers."""
        rooms = {
            f"Lohnhalle {n}": [event(f"{n}. Workshop", "10:00", "01:00", n)] for n in (6, 4, 2, 1)
        }
        slot = only_slot(read_json(schedule_json(rooms, known=[])))
        assert [s.number for s in slot.sessions] == [1, 2, 4, 6]


class TestEnds:
    def test_a_resolved_end_is_read(self):
        """A writer's resolved end (duration 02:00) gives that end."""
        slot = only_slot(read_json(schedule_json({"Saal": [event("A", "19:00", "02:00", 1)]})))
        assert slot.end == dt.datetime(2025, 5, 15, 21)

    def test_a_duration_of_nothing_is_still_read(self):
        """Other tools' 00:00 is read as before: the end is the start."""
        slot = only_slot(read_json(schedule_json({"Saal": [event("A", "21:00", "00:00", 1)]})))
        assert slot.end == slot.start == dt.datetime(2025, 5, 15, 21)


class TestClockChange:
    def autumn(self, start: str, duration: str) -> ep.Slot:
        data = schedule_json(
            {"Saal": [event("Nachtschicht", start, duration, 1)]}, date="2025-10-25"
        )
        return only_slot(read_json(data))

    def test_across_the_autumn_change(self):
        """02:50+02:00 for 20 minutes ends at 02:10 of the repeated hour (fold=1)."""
        slot = self.autumn("2025-10-26T02:50:00+02:00", "00:20")
        assert slot.start == dt.datetime(2025, 10, 26, 2, 50)
        assert slot.start.fold == 0
        assert slot.end == dt.datetime(2025, 10, 26, 2, 10)
        assert slot.end.fold == 1
        berlin = zoneinfo.ZoneInfo(ZONE)
        start, end = (t.replace(tzinfo=berlin).astimezone(dt.UTC) for t in (slot.start, slot.end))
        assert end - start == dt.timedelta(minutes=20)

    def test_in_the_repeated_hour(self):
        """02:30+01:00 is the second 02:30 (fold=1)."""
        slot = self.autumn("2025-10-26T02:30:00+01:00", "00:10")
        assert (slot.start.fold, slot.end.fold) == (1, 1)

    def test_order_by_instant_in_the_repeated_hour(self):
        """The second 02:10 comes after the first 02:50: two slots, in that order."""
        data = schedule_json(
            {
                "Saal": [
                    event("Zweite", "2025-10-26T02:10:00+01:00", "00:10", 1),
                    event("Erste", "2025-10-26T02:50:00+02:00", "00:05", 2),
                ]
            },
            date="2025-10-25",
        )
        (day,) = read_json(data).days
        assert [slot.title for slot in day.slots] == ["Erste", "Zweite"]


class TestNight:
    def test_after_midnight_is_the_day_before(self):
        """A talk at 00:30 is on the day before, as pretalx lists it, except on the first day."""
        first = dt.date(2025, 5, 15)
        assert listed_day(dt.datetime(2025, 5, 16, 0, 30), first) == first
        assert listed_day(dt.datetime(2025, 5, 16, 3, 0), first) == dt.date(2025, 5, 16)
        assert listed_day(dt.datetime(2025, 5, 15, 0, 30), first) == first
        assert listed_day(dt.datetime(2025, 5, 16, 2, 59), first) == first


class TestGolden:
    @pytest.mark.parametrize("suffix", ["schedule.xml", "schedule.json"])
    def test_the_example_comes_back(self, suffix):
        """The example's schedule files give its numbers, sub-sessions and no made-up rooms."""
        golden = Path(__file__).parent / "golden"
        original = ep.load(golden / "nrw-sozialplanung-2025.de.json")
        back = ep.load(golden / f"nrw-sozialplanung-2025.de.{suffix}")
        assert [r.name for r in back.venue.rooms] == [r.name for r in original.venue.rooms]
        (parallel,) = [s for d in back.days for s in d.slots if s.sessions]
        (expected,) = [s for d in original.days for s in d.slots if s.sessions]
        assert [(s.number, s.title) for s in parallel.sessions] == [
            (s.number, s.title) for s in expected.sessions
        ]
        assert [[(u.number, u.title) for u in s.sessions] for s in parallel.sessions] == [
            [(u.number, u.title) for u in s.sessions] for s in expected.sessions
        ]
        before = {f.code for f in ep.validate(original).findings}
        assert {f.code for f in ep.validate(back).findings} <= before
