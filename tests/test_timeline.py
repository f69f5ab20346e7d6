"""The resolved view: what each slot, session and sub-session of a programme is."""

from __future__ import annotations

import datetime as dt

import pytest

import eventprogram as ep

DAY = dt.date(2025, 5, 15)


def at(clock: str, date: dt.date = DAY, *, fold: int = 0) -> dt.datetime:
    hours, minutes = map(int, clock.split(":"))
    return dt.datetime.combine(date, dt.time(hours, minutes, fold=fold))


def programme(*slots: ep.Slot, **fields: object) -> ep.Programme:
    defaults: dict[str, object] = {
        "id": "p",
        "title": "Fachtag",
        "venue": ep.Venue(
            name="Lohnhalle",
            rooms=(ep.Room(id="saal", name="Großer Saal"), ep.Room(id="foyer", name="Foyer")),
        ),
        "kinds": (ep.Kind("workshop", "Werkstatt", "Workshop"),),
        "people": (ep.Person(id="anton", given_name="Denise", family_name="Anton"),),
        "days": (ep.Day(date=DAY, slots=slots),),
    }
    return ep.Programme(**(defaults | fields))  # type: ignore[arg-type]


def hour(**fields: object) -> ep.Slot:
    """A slot from 10:00 to 11:00, with *fields* changed."""
    defaults: dict[str, object] = {
        "id": "a",
        "kind": "talk",
        "title": "A",
        "start": at("10:00"),
        "end": at("11:00"),
    }
    return ep.Slot(**(defaults | fields))  # type: ignore[arg-type]


def evening(*sessions: ep.Session) -> ep.Timeline:
    """The view of a day whose last slot, at 19:00, gives no end and holds *sessions*."""
    slot = ep.Slot(id="abend", kind="parallel", title="Abend", start=at("19:00"), sessions=sessions)
    return ep.timeline(programme(slot))


def workshop_phase() -> ep.Programme:
    """The issue's example: a sub-session with no kind and no room of its own."""
    return programme(
        ep.Slot(
            id="phase",
            kind="working-groups",
            title="Arbeitsgruppen",
            start=at("14:00"),
            end=at("15:30"),
            sessions=(
                ep.Session(
                    id="ws",
                    title="Werkstatt",
                    number=3,
                    kind="workshop",
                    room="saal",
                    language="en",
                    track="Digital",
                    sessions=(
                        ep.Session(id="klein-1", title="Kleingruppe A", number=1),
                        ep.Session(
                            id="klein-2",
                            title="Kleingruppe B",
                            number=2,
                            room="foyer",
                            start=at("14:30"),
                        ),
                    ),
                ),
                ep.Session(id="other", title="Andere", number=4),
            ),
        ),
        ep.Slot(id="ende", kind="end", title="Ende", start=at("15:30")),
    )


class TestInheritance:
    def test_sub_session_inherits_room_kind_track_and_language(self):
        """A sub-session without kind or room sits in its session's room and is of its kind."""
        item = ep.timeline(workshop_phase()).get("klein-1")
        assert item is not None
        assert item.room is not None
        assert item.room.name == "Großer Saal"
        assert item.kind.label("en") == "Workshop"
        assert not item.own_kind
        assert item.track == "Digital"
        assert item.language == "en"

    def test_room_from_names_the_item_that_gives_the_room(self):
        """An inherited room names the ancestor it comes from; an own room names the item."""
        resolved = ep.timeline(workshop_phase())
        session, first, second = (resolved.get(i) for i in ("ws", "klein-1", "klein-2"))
        assert first is not None
        assert second is not None
        assert first.room_from is session
        assert second.room_from is second
        assert second.room is not None
        assert second.room.name == "Foyer"

    def test_session_without_kind_has_its_slots_kind(self):
        """A top-level session of no kind of its own is of its slot's kind."""
        other = ep.timeline(workshop_phase()).get("other")
        assert other is not None
        assert other.kind.id == "working-groups"
        assert other.room is None
        assert other.room_from is None

    def test_language_falls_back_to_the_programme(self):
        """An item that says no language is held in the programme's."""
        slot = ep.timeline(workshop_phase()).get("phase")
        assert slot is not None
        assert slot.language == "de"

    def test_times_come_from_the_parent_unless_given(self):
        """A session without times runs for its parent; one with a start keeps it."""
        resolved = ep.timeline(workshop_phase())
        first, second = resolved.get("klein-1"), resolved.get("klein-2")
        assert first is not None
        assert second is not None
        assert (first.start, first.end) == (at("14:00"), at("15:30"))
        assert not first.own_times
        assert (second.start, second.end) == (at("14:30"), at("15:30"))
        assert second.own_times

    def test_unknown_ids_stand_in(self):
        """A room, kind, person or role the programme does not define stands in with its id."""
        ghost = ep.Contribution(person="ghost", roles=("juggler",))
        resolved = ep.timeline(programme(hour(kind="mystery", room="nowhere", people=(ghost,))))
        (item,) = resolved.items
        assert item.room is not None
        assert item.room.name == "nowhere"
        assert item.kind.label("de") == "mystery"
        (appearance,) = item.people
        assert not appearance.known
        assert appearance.person.name == "ghost"
        assert appearance.roles[0].label("de") == "juggler"

    def test_known_people_are_resolved_with_their_roles(self):
        """A person the programme defines appears with their record and role labels."""
        anton = ep.Contribution(person="anton", roles=("moderation", "input"))
        resolved = ep.timeline(programme(hour(people=(anton,))))
        (appearance,) = resolved.items[0].people
        assert appearance.known
        assert appearance.person.name == "Denise Anton"
        assert [r.label("de") for r in appearance.roles] == ["Moderation", "Input"]


class TestOpenEnds:
    def test_slot_ends_where_the_next_begins(self):
        """A slot without an end ends at the start of the next later slot."""
        resolved = ep.timeline(
            programme(
                ep.Slot(id="a", kind="talk", title="A", start=at("10:00")),
                ep.Slot(id="b", kind="talk", title="B", start=at("10:45"), end=at("11:00")),
            )
        )
        first = resolved.get("a")
        assert first is not None
        assert first.end == at("10:45")
        assert not first.open_end

    def test_end_marker_is_a_point(self):
        """The end marker ends when it starts."""
        marker = ep.timeline(workshop_phase()).get("ende")
        assert marker is not None
        assert marker.is_marker
        assert marker.end == marker.start

    def test_last_slot_without_end_gets_the_nominal_end(self):
        """The last slot with nothing to say when it ends lasts OPEN_END and is marked open."""
        resolved = ep.timeline(
            programme(ep.Slot(id="abend", kind="talk", title="Abendgebet", start=at("21:00")))
        )
        (item,) = resolved.items
        assert item.open_end
        assert item.end == at("21:00") + ep.OPEN_END
        assert item.duration == ep.OPEN_END

    def test_last_slot_ends_with_its_latest_session(self):
        """The last slot without an end ends when the latest of its sessions says it ends."""
        resolved = evening(
            ep.Session(id="x", title="X", end=at("20:15")),
            ep.Session(id="y", title="Y", end=at("21:30")),
        )
        slot = resolved.get("abend")
        assert slot is not None
        assert slot.end == at("21:30")
        assert not slot.open_end

    def test_sessions_of_an_open_slot_are_open(self):
        """A session that inherits a nominal end is open too, its own start notwithstanding."""
        resolved = evening(
            ep.Session(id="x", title="X"),
            ep.Session(id="y", title="Y", start=at("19:10")),
        )
        x, y = resolved.get("x"), resolved.get("y")
        assert x is not None
        assert y is not None
        assert (x.open_end, y.open_end) == (True, True)
        assert x.end == y.end == at("19:00") + ep.OPEN_END

    def test_a_session_end_closes_its_open_slot(self):
        """One session's own end ends the open slot, and the other sessions with it."""
        resolved = evening(
            ep.Session(id="x", title="X"),
            ep.Session(id="y", title="Y", start=at("19:10"), end=at("19:20")),
        )
        x = resolved.get("x")
        assert x is not None
        assert x.end == at("19:20")
        assert not x.open_end


class TestClockChange:
    def test_autumn_change_keeps_the_real_length(self):
        """02:50 summer time to 02:10 winter time (fold 1) lasts 20 minutes, not minus 40."""
        date = dt.date(2025, 10, 26)
        resolved = ep.timeline(
            programme(
                ep.Slot(
                    id="nacht",
                    kind="talk",
                    title="Nachtwache",
                    start=at("02:50", date),
                    end=at("02:10", date, fold=1),
                ),
                days=(
                    ep.Day(
                        date=date,
                        slots=(
                            ep.Slot(
                                id="nacht",
                                kind="talk",
                                title="Nachtwache",
                                start=at("02:50", date),
                                end=at("02:10", date, fold=1),
                            ),
                        ),
                    ),
                ),
            )
        )
        (item,) = resolved.items
        assert item.duration == dt.timedelta(minutes=20)
        assert item.end_utc > item.start_utc
        assert item.end.fold == 1

    def test_the_same_clock_time_twice_is_two_instants(self):
        """Sessions at 02:10 and at the repeated 02:10 are an hour apart: each keeps its instant."""
        date = dt.date(2025, 10, 26)
        first, second = (
            ep.Session(id=f"s{fold}", title="S", start=at("02:10", date, fold=fold))
            for fold in (0, 1)
        )
        night = ep.Slot(
            id="nacht",
            kind="talk",
            title="Nachtwache",
            start=at("01:30", date),
            end=at("03:30", date),
            sessions=(first, second),
        )
        resolved = ep.timeline(programme(days=(ep.Day(date=date, slots=(night,)),)))
        early, late = resolved.get("s0"), resolved.get("s1")
        assert early is not None
        assert late is not None
        assert early.start_utc == dt.datetime(2025, 10, 26, 0, 10, tzinfo=dt.UTC)
        assert late.start_utc == dt.datetime(2025, 10, 26, 1, 10, tzinfo=dt.UTC)


class TestStructure:
    def test_numbering_as_printed(self):
        """A session's numbering is its number; a sub-session's is its session's and its own."""
        resolved = ep.timeline(workshop_phase())
        numbering = {item.id: item.numbering for item in resolved.items}
        assert numbering == {
            "phase": None,
            "ws": "3",
            "klein-1": "3.1",
            "klein-2": "3.2",
            "other": "4",
            "ende": None,
        }

    def test_no_numbering_below_an_unnumbered_session(self):
        """Sub-session 1 of an unnumbered session is printed without a number, not as "1."."""
        resolved = evening(
            ep.Session(id="x", title="X", sessions=(ep.Session(id="x1", title="A", number=1),)),
            ep.Session(id="y", title="Y", number=2),
        )
        below, numbered = resolved.get("x1"), resolved.get("y")
        assert below is not None
        assert numbered is not None
        assert (below.number, below.numbering, below.numbered_title) == (1, None, "A")
        assert numbered.numbered_title == "2. Y"
        sub = ep.timeline(workshop_phase()).get("klein-2")
        assert sub is not None
        assert sub.numbered_title == "3.2 Kleingruppe B"

    def test_parents_children_positions(self):
        """Each item knows its parent, its children, its depth and its place among siblings."""
        resolved = ep.timeline(workshop_phase())
        phase, ws, other = (resolved.get(i) for i in ("phase", "ws", "other"))
        assert phase is not None
        assert ws is not None
        assert other is not None
        assert phase.children == (ws, other)
        assert [c.id for c in ws.children] == ["klein-1", "klein-2"]
        assert ws.parent is phase
        assert (ws.depth, ws.position, ws.siblings) == (1, 1, 2)
        assert (other.position, other.parallel) == (2, True)
        assert [i.id for i in phase.walk()] == ["phase", "ws", "klein-1", "klein-2", "other"]
        assert phase.contains(ws.children[0])
        assert not ws.contains(other)

    def test_only_session_is_not_parallel(self):
        """A slot's only session is no parallel track."""
        resolved = ep.timeline(
            programme(
                ep.Slot(
                    id="a",
                    kind="talk",
                    title="A",
                    start=at("10:00"),
                    end=at("11:00"),
                    sessions=(ep.Session(id="s", title="S"),),
                )
            )
        )
        session = resolved.get("s")
        assert session is not None
        assert not session.parallel

    def test_chronological_keeps_the_programme_order_on_ties(self):
        """Items that start together keep the programme's order, not their ids' order."""
        sessions = tuple(ep.Session(id=f"w{n}", title=f"W{n}", number=n) for n in (6, 4, 2, 7))
        resolved = ep.timeline(
            programme(
                ep.Slot(
                    id="ws",
                    kind="parallel",
                    title="Workshops",
                    start=at("10:00"),
                    end=at("11:00"),
                    sessions=sessions,
                )
            )
        )
        assert [i.id for i in resolved.chronological()] == ["ws", "w6", "w4", "w2", "w7"]

    def test_of_finds_the_item_of_a_model_object(self):
        """Timeline.of maps a slot or session object of the programme to its item."""
        source = workshop_phase()
        resolved = ep.timeline(source)
        session = source.days[0].slots[0].sessions[0]
        assert resolved.of(session).id == "ws"
        with pytest.raises(KeyError):
            resolved.of(ep.Session(id="ws", title="Werkstatt"))

    def test_timeline_is_shared_for_one_programme(self):
        """One programme is resolved once; another programme gets its own view."""
        first = workshop_phase()
        assert ep.timeline(first) is ep.timeline(first)
        second = workshop_phase()
        assert ep.timeline(second) is not ep.timeline(first)
        assert ep.timeline(second).programme is second
