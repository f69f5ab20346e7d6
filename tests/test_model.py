"""The model: field checks, names, times and look-ups."""

from __future__ import annotations

import datetime as dt

import pytest

import eventprogram as ep
from eventprogram import Contribution, Day, Person, Programme, Slot, Venue

D = dt.date(2025, 5, 15)


def at(hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(D, dt.time(hour, minute))


def programme(*slots: Slot, **fields) -> Programme:
    return Programme(
        id="p",
        title="Fachtag",
        venue=Venue(name="Lohnhalle", city="Bottrop"),
        days=(Day(date=D, slots=slots),),
        **fields,
    )


class TestFields:
    @pytest.mark.parametrize("bad", ["", "mit leerzeichen", "-start", "ä"])
    def test_ids_are_short_and_plain(self, bad):
        """Ids are letters, digits, '-', '_' and '.', starting with a letter or digit."""
        with pytest.raises(ValueError, match="not a valid id"):
            Person(id=bad, family_name="Schmidt")

    def test_empty_text_is_refused(self):
        """A title of blanks is no title."""
        with pytest.raises(ValueError, match="title must not be empty"):
            Slot(id="a", kind="break", title="  ", start=at(10))

    def test_slot_times_carry_no_offset(self):
        """Slot times are wall-clock times; an offset is refused."""
        with pytest.raises(ValueError, match="local wall-clock"):
            Slot(id="a", kind="break", title="Pause", start=at(10).replace(tzinfo=dt.UTC))

    def test_revision_needs_an_offset(self):
        """The revision is an instant and must say its offset."""
        with pytest.raises(ValueError, match="must name its offset"):
            programme(revision=at(9))

    def test_unknown_zone(self):
        """A zone that IANA does not know is refused."""
        with pytest.raises(ValueError, match="not an IANA time zone"):
            programme(timezone="Europe/Bottrop")

    def test_language_tag(self):
        """The language is a BCP 47 tag."""
        with pytest.raises(ValueError, match="BCP 47"):
            programme(language="Deutsch!")

    def test_contribution_needs_a_role_once(self):
        """A person in a session has at least one role, and each role once."""
        with pytest.raises(ValueError, match="roles names no role"):
            Contribution(person="gabi", roles=())
        with pytest.raises(ValueError, match="lists a role twice"):
            Contribution(person="gabi", roles=("input", "input"))

    def test_a_day_needs_no_slots_but_a_programme_a_day(self):
        """A programme has at least one day."""
        with pytest.raises(ValueError, match="days needs at least one entry"):
            Programme(id="p", title="t", venue=Venue(name="v", city="c"), days=())


class TestNames:
    def test_full_name(self):
        """The name joins honorific, given and family name."""
        person = Person(id="k", honorific="Prof. Dr.", given_name="Ute", family_name="Klammer")
        assert person.name == "Prof. Dr. Ute Klammer"
        assert Person(id="m", family_name="Marx").name == "Marx"

    def test_organisation_display_name(self):
        """An organisation shows its short name where it has one."""
        assert ep.Organisation(id="m", name="Ministerium", short_name="MAGS").display_name == "MAGS"
        assert ep.Organisation(id="s", name="Stadt Moers").display_name == "Stadt Moers"


class TestTimes:
    def test_open_end_runs_to_the_next_start(self):
        """A slot without an end ends where the next one starts, in time order."""
        lunch = Slot(id="l", kind="lunch", title="Mittag", start=at(12, 30))
        talk = Slot(id="t", kind="talk", title="Vortrag", start=at(11), end=at(11, 45))
        end = Slot(id="e", kind="end", title="Ende", start=at(16, 30))
        day = programme(lunch, end, talk).days[0]
        assert day.end_of(lunch) == at(16, 30)
        assert day.end_of(talk) == at(11, 45)
        assert day.end_of(end) == at(16, 30)
        assert (day.start, day.end) == (at(11), at(16, 30))

    def test_last_slot_without_end_is_open(self):
        """The last slot without an end has no known end."""
        talk = Slot(id="t", kind="talk", title="Vortrag", start=at(11))
        assert programme(talk).days[0].end_of(talk) is None

    def test_localize(self):
        """Wall-clock times become instants in the programme's zone."""
        p = programme(Slot(id="t", kind="talk", title="Vortrag", start=at(10, 5)))
        instant = p.localize(p.days[0].slots[0].start)
        assert instant.astimezone(dt.UTC) == dt.datetime(2025, 5, 15, 8, 5, tzinfo=dt.UTC)


class TestLookups:
    def test_builtin_and_custom_roles(self):
        """A programme's own role is found before the built-in one of the same id."""
        p = programme(roles=(ep.Role("input", "Impuls", "Impulse"),))
        assert p.role("input").de == "Impuls"
        assert p.role("moderation").en == "Moderation"
        with pytest.raises(KeyError):
            p.role("juggler")

    def test_builtin_kinds_know_breaks(self):
        """Breaks, lunch and arrival are marked as free time."""
        p = programme()
        assert [k for k in ("break", "lunch", "arrival", "talk") if p.kind(k).is_break] == [
            "break",
            "lunch",
            "arrival",
        ]

    def test_walk_sessions(self):
        """Walking a slot's sessions visits sub-sessions depth first."""
        sub = ep.Session(id="ag3-1", title="Kleingruppe")
        ag3 = ep.Session(id="ag3", title="AG 3", sessions=(sub,))
        ag4 = ep.Session(id="ag4", title="AG 4")
        slot = Slot(id="ag", kind="working-groups", title="AGs", start=at(14), sessions=(ag3, ag4))
        assert [s.id for s in slot.walk_sessions()] == ["ag3", "ag3-1", "ag4"]


def test_public_api_is_sorted():
    """`__all__` is sorted (constants, classes, functions) and every name in it exists."""

    def order(name: str) -> tuple[int, str]:
        return (0 if name.isupper() else 1 if name[0].isupper() else 2, name)

    assert list(ep.__all__) == sorted(ep.__all__, key=order)
    assert all(hasattr(ep, name) for name in ep.__all__)


def test_importing_eventprogram_imports_no_hypothesis():
    """The core does not pull in test-only packages."""
    import subprocess
    import sys

    code = "import sys, eventprogram; print('hypothesis' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
