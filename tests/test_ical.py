"""The iCalendar export: read back by two independent parsers, instants exact, bytes stable."""

from __future__ import annotations

import datetime as dt
import re

import attrs
import icalendar
import pytest
from hypothesis import given
from ical.calendar_stream import IcsCalendarStream

import eventprogram as ep
from eventprogram import Link
from eventprogram.exporters import RenderOptions
from eventprogram.exporters import ical as ical_exporter
from eventprogram.exporters.ical import render, split
from eventprogram.testing import programmes
from extras import RECORDING_URL, TALK_URL, conference_fields

UTC = dt.UTC


def parse(data: bytes) -> icalendar.Calendar:
    calendar = icalendar.Calendar.from_ical(data)
    for component in calendar.walk():
        assert component.errors == [], (component.name, component.errors)
    return calendar


def events(calendar: icalendar.Calendar) -> dict[str, icalendar.Event]:
    return {str(e["summary"]): e for e in calendar.walk("VEVENT")}


def expected_events(programme: ep.Programme) -> int:
    """Slots less end markers, sessions of parallel slots, and every sub-session."""

    def subs(session: ep.Session) -> int:
        return sum(1 + subs(s) for s in session.sessions)

    count = 0
    for day in programme.days:
        for slot in day.slots:
            if slot.kind == "end":
                continue
            count += 1
            count += sum((len(slot.sessions) > 1) + subs(s) for s in slot.sessions)
    return count


@pytest.fixture(scope="module")
def example(example_dir) -> ep.Programme:
    return ep.load(example_dir)


@pytest.fixture(scope="module")
def calendar(example) -> icalendar.Calendar:
    return parse(render(example, RenderOptions()))


class TestStructure:
    def test_publish_with_vtimezone(self, calendar):
        """The feed is published with a VTIMEZONE for Europe/Berlin and local times with TZID."""
        assert calendar["method"] == "PUBLISH"
        assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]
        for event in calendar.walk("VEVENT"):
            assert event["dtstart"].params["TZID"] == "Europe/Berlin"

    def test_required_properties(self, calendar):
        """Every event has UID, DTSTAMP, DTSTART, DTEND and SUMMARY; UIDs are unique."""
        uids = []
        for event in calendar.walk("VEVENT"):
            for key in ("uid", "dtstamp", "dtstart", "dtend", "summary"):
                assert key in event, key
            uids.append(str(event["uid"]))
        assert len(uids) == len(set(uids)) == 18

    def test_breaks_included_end_marker_not(self, calendar):
        """Lunch and the last coffee are events (free time); the end marker is none."""
        found = events(calendar)
        assert found["Mittagspause"]["transp"] == "TRANSPARENT"
        assert "Noch ein letzter Kaffee vor dem Heimweg" in found
        assert "Veranstaltungsende" not in found

    def test_second_parser_reads_it(self, example):
        """The independent `ical` library reads the feed with the same events and times."""
        calendar = IcsCalendarStream.calendar_from_ics(render(example, RenderOptions()).decode())
        assert len(calendar.events) == 18
        first = calendar.events[2]
        assert first.summary == "Entschluss zum Handeln"
        assert first.dtstart.astimezone(UTC) == dt.datetime(2025, 5, 15, 8, 5, tzinfo=UTC)


class TestInstants:
    def test_entschluss_zum_handeln(self, calendar):
        """ "Entschluss zum Handeln" runs 08:05 to 08:30 UTC."""
        event = events(calendar)["Entschluss zum Handeln"]
        assert event.start.astimezone(UTC) == dt.datetime(2025, 5, 15, 8, 5, tzinfo=UTC)
        assert event.end.astimezone(UTC) == dt.datetime(2025, 5, 15, 8, 30, tzinfo=UTC)

    def test_working_groups(self, calendar):
        """The five working groups run 12:30 to 14:00 UTC, each related to the phase."""
        found = events(calendar)
        phase = found["Arbeitsgruppenphase – Ziele und Umsetzung"]
        groups = [e for e in found.values() if re.match(r"\d\. ", str(e["summary"]))]
        assert len(groups) == 5
        for group in groups:
            assert group.start.astimezone(UTC) == dt.datetime(2025, 5, 15, 12, 30, tzinfo=UTC)
            assert group.end.astimezone(UTC) == dt.datetime(2025, 5, 15, 14, 0, tzinfo=UTC)
            assert str(group["related-to"]) == str(phase["uid"])

    def test_kleingruppen_relate_to_ag3(self, calendar):
        """AG 3's two Kleingruppen are events related to AG 3."""
        found = events(calendar)
        ag3 = found["3. DIFIS-TransferLab: Wissenstransfer für die Sozialplanung"]
        subs = [
            e
            for e in found.values()
            if str(e["summary"]).startswith("3.1 ") or str(e["summary"]).startswith("3.2 ")
        ]
        assert [str(e["related-to"]) for e in subs] == [str(ag3["uid"])] * 2

    def test_across_a_daylight_saving_change(self):
        """A programme over the October clock change keeps each day's instants."""
        days = []
        for date in (dt.date(2025, 10, 25), dt.date(2025, 10, 27)):
            start = dt.datetime.combine(date, dt.time(10))
            days.append(
                ep.Day(
                    date=date,
                    slots=(
                        ep.Slot(
                            id=f"talk-{date.day}",
                            kind="talk",
                            title=f"Vortrag {date.day}",
                            start=start,
                            end=start + dt.timedelta(hours=1),
                        ),
                    ),
                )
            )
        programme = ep.Programme(
            id="herbst", title="Herbst", venue=ep.Venue(name="Halle", city="Köln"), days=tuple(days)
        )
        found = events(parse(render(programme, RenderOptions())))
        assert found["Vortrag 25"].start.astimezone(UTC) == dt.datetime(2025, 10, 25, 8, tzinfo=UTC)
        assert found["Vortrag 27"].start.astimezone(UTC) == dt.datetime(2025, 10, 27, 9, tzinfo=UTC)

    @given(programmes())
    def test_generated_programmes(self, programme):
        """A generated programme reads back with one event per slot and session, at its instant."""
        data = render(programme, RenderOptions())
        calendar = parse(data)
        found = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
        assert len(found) == expected_events(programme)
        for day in programme.days:
            for slot in day.slots:
                if slot.kind == "end":
                    continue
                uid = ep._ids.stable_uuid(programme.id, slot.id)  # noqa: SLF001 -- the UID scheme
                event = found[str(uid)]
                assert event.start.astimezone(UTC) == programme.localize(slot.start).astimezone(UTC)
                assert str(event["summary"]) == slot.title
        assert len(IcsCalendarStream.calendar_from_ics(data.decode()).events) == len(found)


class TestStability:
    def test_same_input_same_bytes(self, example):
        """Two renders of the same programme are byte-identical."""
        assert render(example, RenderOptions()) == render(example, RenderOptions())

    def test_uid_stable_when_other_things_change(self, example):
        """Changing a title or a time keeps every UID; a new revision raises SEQUENCE."""
        before = {
            str(e["summary"]): str(e["uid"])
            for e in parse(render(example, RenderOptions())).walk("VEVENT")
        }
        slots = list(example.days[0].slots)
        slots[5] = attrs.evolve(
            slots[5], title="Galerie", start=slots[5].start + dt.timedelta(minutes=5)
        )
        changed = attrs.evolve(
            example,
            days=(attrs.evolve(example.days[0], slots=tuple(slots)),),
            revision=example.revision + dt.timedelta(days=1),
        )
        after = parse(render(changed, RenderOptions()))
        uids = {str(e["summary"]): str(e["uid"]) for e in after.walk("VEVENT")}
        assert uids["Galerie"] == before["Gallery Walk"]
        assert sorted(uids.values()) == sorted(before.values())
        old = parse(render(example, RenderOptions())).walk("VEVENT")[0]["sequence"]
        assert after.walk("VEVENT")[0]["sequence"] > old

    def test_dtstamp_is_the_revision(self, calendar, example):
        """DTSTAMP is the programme's revision, not the clock."""
        stamp = calendar.walk("VEVENT")[0]["dtstamp"].dt
        assert stamp == example.revision.astimezone(UTC)


class TestContent:
    def test_description_lists_people_with_roles(self, calendar):
        """The description names people with role, function and organisation."""
        event = events(calendar)["Keynote: Digitalisierung in Kommune und Verwaltung"]
        assert str(event["description"]) == (
            "Keynote: Jonas Dageförde, Chief Digital Officer Landeshauptstadt Kiel\n"
            "Moderation: Gabi Schmidt, MAGS; Anne Sabine Meise, G.I.B."
        )
        assert str(event["location"]) == "Lohnhalle, Bottrop"

    def test_english_labels(self, example):
        """In English, categories and roles carry English labels."""
        found = events(parse(render(example, RenderOptions(language="en"))))
        assert found["Mittagspause"]["categories"].cats == ["Lunch"]
        assert "Input and Moderation: Dr. Lara Altenstädter" in str(
            found["3. DIFIS-TransferLab: Wissenstransfer für die Sozialplanung"]["description"]
        )

    def test_text_is_escaped(self, example):
        """Commas, semicolons and new lines in data survive the round trip as text."""
        tricky = "Teil 1, Teil 2; Teil 3\nZeile 2 \\ Ende"
        slots = list(example.days[0].slots)
        slots[0] = attrs.evolve(slots[0], title=tricky, description=tricky)
        changed = attrs.evolve(example, days=(attrs.evolve(example.days[0], slots=tuple(slots)),))
        event = parse(render(changed, RenderOptions())).walk("VEVENT")[0]
        assert str(event["summary"]) == tricky
        assert str(event["description"]) == tricky

    def test_slot_with_one_session_tells_its_text(self, example):
        """A slot's only session is no event of its own: its description is the slot's."""
        slots = list(example.days[0].slots)
        only = ep.Session(id="einzige", title="Die Session", description="Was sie vorhat.")
        slots[0] = attrs.evolve(slots[0], sessions=(only,))
        changed = attrs.evolve(example, days=(attrs.evolve(example.days[0], slots=tuple(slots)),))
        event = parse(render(changed, RenderOptions())).walk("VEVENT")[0]
        assert str(event["summary"]) == slots[0].title
        assert "Was sie vorhat." in str(event["description"])


class TestSplit:
    def test_one_calendar_per_event(self, example):
        """--split gives one calendar per slot and session, each with its VTIMEZONE."""
        files = split(example, RenderOptions())
        assert len(files) == 18
        one = parse(files["ag3"])
        (event,) = one.walk("VEVENT")
        assert str(event["summary"]).startswith("3. DIFIS-TransferLab")
        assert one.walk("VTIMEZONE")

    def test_cli_split(self, tmp_path, example_dir):
        """`build -f ical --split` writes the feed and one file per event."""
        from eventprogram._cli import main

        assert main(["build", str(example_dir), "-o", str(tmp_path), "-f", "ical", "--split"]) == 0
        names = sorted(p.name for p in tmp_path.iterdir())
        assert "nrw-sozialplanung-2025.ics" in names
        assert "nrw-sozialplanung-2025.ag1.ics" in names
        assert len(names) == 19


# -- track, language, page and links ----------------------------------------------------------

HOSTILE_LINK_TITLE = "Folien <script>alert(1)</script>, ](x); *fett*\nzweite Zeile"
"""Commas and semicolons too: iCalendar escapes them in TEXT values."""


def with_extras(programme: ep.Programme, **talk: object) -> ep.Programme:
    """The example with extras (tests/extras.py), a track and a link title that iCalendar must
    escape; *talk* changes more of the talk."""
    return conference_fields(
        programme,
        talk={
            "track": "Strategie, Planung; Steuerung",
            "links": (
                Link(url=RECORDING_URL),
                Link(url="javascript:alert(1)", title=HOSTILE_LINK_TITLE),
            ),
        }
        | talk,
    )


class TestTrackLanguageLinks:
    def test_url_is_the_items_page(self, example):
        """The item's own page is its URL; others keep the programme's page with their anchor."""
        programme = attrs.evolve(with_extras(example), page_url="https://example.org/programm")
        found = events(parse(render(programme, RenderOptions())))
        assert str(found["Entschluss zum Handeln"]["url"]) == TALK_URL
        assert str(found["Ankommen"]["url"]) == "https://example.org/programm#ankommen"

    def test_unsafe_page_is_no_url(self, example):
        """A ``javascript:`` page is no URL: it is a line of the description, as text."""
        programme = with_extras(example, url="javascript:alert(2)")
        event = events(parse(render(programme, RenderOptions())))["Entschluss zum Handeln"]
        assert "url" not in event
        assert "Details: javascript:alert(2)" in str(event["description"]).split("\n")

    def test_track_after_the_kind(self, example):
        """CATEGORIES holds the kind's label, then the track, commas and all."""
        found = events(parse(render(with_extras(example), RenderOptions())))
        assert found["Entschluss zum Handeln"]["categories"].cats == [
            "Plenum",
            "Strategie, Planung; Steuerung",
        ]
        assert found["Ankommen"]["categories"].cats == ["Ankommen"]

    def test_session_kind_of_its_own(self, example):
        """AG 1's event is of its own kind, a workshop, in its track; AG 2 keeps the slot's kind."""
        found = events(parse(render(with_extras(example), RenderOptions(language="en"))))
        (ag1,) = [e for n, e in found.items() if n.startswith("1. ")]
        (ag2,) = [e for n, e in found.items() if n.startswith("2. ")]
        assert ag1["categories"].cats == ["Workshop", "AG-Track"]
        assert ag2["categories"].cats == ["Working groups"]

    def test_links_end_the_description(self, example):
        """Links are "title: url" lines (the URL alone without a title), as text."""
        event = events(parse(render(with_extras(example), RenderOptions())))[
            "Entschluss zum Handeln"
        ]
        description = str(event["description"])
        assert description.endswith(
            f"\n\n{RECORDING_URL}\n{HOSTILE_LINK_TITLE}: javascript:alert(1)"
        )

    def test_summary_language(self, example):
        """SUMMARY carries the item's language; an item without one carries none."""
        data = render(with_extras(example), RenderOptions())
        found = events(parse(data))
        assert found["Entschluss zum Handeln"]["summary"].params["LANGUAGE"] == "en"
        assert "LANGUAGE" not in found["Ankommen"]["summary"].params
        assert b"SUMMARY;LANGUAGE=en:Entschluss zum Handeln\r\n" in data

    def test_second_parser_reads_it(self, example):
        """The ``ical`` library reads the URL, categories and language as written."""
        stream = IcsCalendarStream.calendar_from_ics(
            render(with_extras(example), RenderOptions()).decode()
        )
        (event,) = [e for e in stream.events if e.summary == "Entschluss zum Handeln"]
        assert event.url == TALK_URL
        (ag1,) = [e for e in stream.events if e.summary.startswith("1. ")]
        # Not the track with a comma: this parser splits at escaped commas too.
        assert ag1.categories == ["Werkstatt", "AG-Track"]


class TestTimezoneOnce:
    @pytest.mark.parametrize("zone", ["Asia/Tokyo", "Europe/Berlin"])
    def test_each_zone_is_described_once_for_a_whole_page(self, example_dir, zone, monkeypatch):
        """The files of ``build --split`` share one VTIMEZONE per zone: not one search per item.

        icalendar's search for a zone without clock changes runs to the year 9999; doing
        it for every slot's and session's file made such builds ten times slower.
        """
        import icalendar

        calls = []
        real = icalendar.Timezone.from_tzid

        def counted(*args, **kwargs):
            calls.append(args)
            return real(*args, **kwargs)

        ical_exporter._timezone.cache_clear()  # noqa: SLF001 -- the cache under test
        monkeypatch.setattr(icalendar.Timezone, "from_tzid", counted)
        programme = attrs.evolve(ep.load(example_dir), timezone=zone)
        files = ical_exporter.split(programme, RenderOptions())
        assert len(files) > 10
        assert all(b"BEGIN:VTIMEZONE" in content for content in files.values())
        assert len(calls) == 1


FOLD_EDGES = (
    "\\" * 80,  # a backslash wherever the line folds: it goes on to the next line
    "^" * 160,  # the same for a caret
    "ä" * 37 + "\\,",  # two-octet letters up to the fold
    "€" * 30 + ";" * 10,  # three-octet letters and escapes
    "😀" * 40,  # four-octet letters
    "Zeile\\Nneu\\\\N; a,b\tTab",  # icalendar's \N, a backslash, escapes, a tab
)


class TestIcalendarsBytes:
    """The writer writes each event itself, for speed: byte for byte what icalendar writes."""

    @pytest.mark.parametrize("text", FOLD_EDGES)
    @pytest.mark.parametrize("zone", ["Europe/Berlin", "UTC", "America/New_York"])
    def test_icalendar_writes_back_the_same_bytes(self, example, text, zone):
        """Read by icalendar and written again, the calendar is the same bytes: folds included."""
        programme = with_extras(
            attrs.evolve(example, timezone=zone, subtitle=text),
            title=f"{text} Titel",
            description=text * 3,
            track=text,
            language="en-GB",
        )
        for data in (
            render(programme, RenderOptions()),
            *split(programme, RenderOptions()).values(),
        ):
            assert parse(data).to_ical() == data

    @given(programmes())
    def test_generated_programmes_read_back_as_written(self, programme):
        """Any valid programme's calendar is what icalendar writes for what it read."""
        data = render(programme, RenderOptions())
        assert parse(data).to_ical() == data
