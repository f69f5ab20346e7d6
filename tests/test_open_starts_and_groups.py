"""Open starts ("ab 14:00 Uhr Anmeldung") and counted groups ("in drei Gruppen"), issue #14.

From the source through the resolved view and the rules to every format: an item
that runs from its start on prints by its start alone, and a slot that counts its
groups stays one item with that count, inventing no sessions and asking for nothing
the groups do not have.
"""

from __future__ import annotations

import datetime as dt
import json
import re

import attrs
import icalendar
import lxml.etree
import lxml.html
import pytest

import eventprogram as ep
from eventprogram import exporters
from eventprogram.exporters import RenderOptions

HOSTILE = "<script>alert(1)</script> & \"Gruppen\" 'x' *y*"

SOURCE = """
id = "akademie"
title = "Tagung"
revision = 2025-05-08T09:00:00+02:00

[venue]
name = "Akademie"
rooms = [{ id = "saal", name = "Saal" }]

[[people]]
id = "vetter"
family_name = "Vetter"

[[days]]
date = 2025-05-15

[[days.slots]]
id = "anmeldung"
start = "14:00"
open_start = true
kind = "arrival"
title = "Anmeldung"

[[days.slots]]
id = "begruessung"
start = "14:30"
kind = "welcome"
title = "Begrüßung"
room = "saal"
people = [{ person = "vetter", roles = ["welcome"] }]

[[days.slots]]
id = "gruppen"
start = "15:00"
kind = "working-groups"
title = "Arbeit an den Thesen"
groups = 3

[[days.slots]]
id = "abendessen"
start = "19:00"
open_start = true
kind = "lunch"
title = "Abendessen"
"""


@pytest.fixture
def programme() -> ep.Programme:
    return ep.loads(SOURCE)


def at(hhmm: str) -> dt.datetime:
    return dt.datetime.combine(dt.date(2025, 5, 15), dt.time.fromisoformat(hhmm))


def render(programme: ep.Programme, name: str, language: str = "de") -> str:
    output = exporters.get(name).render(programme, RenderOptions(language=language))
    return output if isinstance(output, str) else output.decode("utf-8")


def with_slot(programme: ep.Programme, id_: str, **changes) -> ep.Programme:
    """*programme* with the slot *id_* changed."""
    day = programme.days[0]
    slots = tuple(attrs.evolve(s, **changes) if s.id == id_ else s for s in day.slots)
    return attrs.evolve(programme, days=(attrs.evolve(day, slots=slots),))


class TestSource:
    def test_toml_says_it(self, programme):
        """``open_start = true`` and ``groups = 3`` are read from TOML onto the slots."""
        slots = {s.id: s for s in programme.days[0].slots}
        assert slots["anmeldung"].open_start
        assert not slots["begruessung"].open_start
        assert slots["gruppen"].groups == 3
        assert slots["gruppen"].sessions == ()
        assert slots["anmeldung"].groups is None

    def test_canonical_json_round_trip(self, programme):
        """Canonical JSON writes both fields for every slot and reads them back the same."""
        text = ep.dumps(programme)
        data = json.loads(text)
        first, _, third, _ = data["days"][0]["slots"]
        assert (first["open_start"], first["groups"]) == (True, None)
        assert (third["open_start"], third["groups"]) == (False, 3)
        assert ep.loads(text, format="json") == programme

    def test_json_of_before_takes_the_defaults(self, programme):
        """A canonical JSON file written before the fields existed loads with their defaults."""
        data = json.loads(ep.dumps(programme))
        for slot in data["days"][0]["slots"]:
            del slot["open_start"], slot["groups"]
        again = ep.loads(json.dumps(data), format="json")
        assert not any(s.open_start or s.groups for s in again.days[0].slots)

    @pytest.mark.parametrize("count", ["1", "0", "-3"])
    def test_fewer_than_two_groups_is_no_count(self, count):
        """``groups`` below 2 is rejected with the field's path, in German and English."""
        with pytest.raises(ep.SourceError) as caught:
            ep.loads(SOURCE.replace("groups = 3", f"groups = {count}"))
        de, en = caught.value.to_text("de"), caught.value.to_text("en")
        assert "days[0].slots[2].groups" in en
        assert "zwischen 2 und" in de
        assert "from 2 to" in en

    @pytest.mark.parametrize(("line", "expected"), [('groups = "3"', "whole number")])
    def test_groups_as_text_is_an_error(self, line, expected):
        """``groups = "3"`` (text) is an error, not a guess."""
        with pytest.raises(ep.SourceError, match=expected):
            ep.loads(SOURCE.replace("groups = 3", line))

    def test_open_start_must_be_true_or_false(self):
        """``open_start = "ja"`` is an error naming the field, in both languages."""
        with pytest.raises(ep.SourceError) as caught:
            ep.loads(SOURCE.replace("open_start = true", 'open_start = "ja"', 1))
        assert "days[0].slots[0].open_start" in caught.value.to_text("en")
        assert "true oder false" in caught.value.to_text("de")


class TestView:
    def test_open_start_is_resolved(self, programme):
        """The slot's open start is in the view; it still ends where the next slot begins."""
        view = ep.timeline(programme)
        item = view.get("anmeldung")
        assert (item.open_start, item.open_end, item.runs_from) == (True, False, True)
        assert item.end == at("14:30")
        assert not view.get("begruessung").runs_from

    def test_an_open_end_runs_from_its_start(self, programme):
        """A last slot with nothing to say when it ends runs from its start, open start or not."""
        view = ep.timeline(with_slot(programme, "abendessen", open_start=False))
        item = view.get("abendessen")
        assert (item.open_start, item.open_end, item.runs_from) == (False, True, True)
        assert item.end == at("19:00") + ep.OPEN_END

    def test_the_end_marker_never_runs_from(self, programme):
        """An end marker with an open start is still a point in time, not "ab 19:00 Uhr"."""
        item = ep.timeline(with_slot(programme, "abendessen", kind="end")).get("abendessen")
        assert item.is_marker
        assert not item.runs_from

    def test_sessions_take_the_open_start_with_the_start(self, programme):
        """A session that takes its slot's start takes its open start; one with its own does not."""
        sessions = (
            ep.Session(id="kaffee", title="Kaffee"),
            ep.Session(id="buecher", title="Büchertisch", start=at("14:10")),
        )
        view = ep.timeline(with_slot(programme, "anmeldung", sessions=sessions))
        assert view.get("kaffee").open_start
        assert not view.get("buecher").open_start

    def test_groups_are_the_items_own(self, programme):
        """The count is the slot's own; it makes no items and no session inherits it."""
        sessions = (ep.Session(id="a", title="A"), ep.Session(id="b", title="B"))
        changed = with_slot(programme, "begruessung", groups=4, sessions=sessions)
        view = ep.timeline(changed)
        assert view.get("begruessung").groups == 4
        assert view.get("a").groups is None
        assert ep.timeline(programme).get("gruppen").children == ()


class TestRules:
    def test_the_programme_validates_without_a_finding(self, programme):
        """Open start, counted groups and an open evening give no finding at all."""
        assert ep.validate(programme).findings == ()

    def test_an_open_end_without_open_start_is_still_reported(self, programme):
        """Without ``open_start`` the open evening is an open end nobody meant: EP208."""
        report = ep.validate(with_slot(programme, "abendessen", open_start=False))
        assert [(f.code, f.ids) for f in report.findings] == [("EP208", ("abendessen",))]

    def test_groups_beside_sessions_is_a_warning(self, programme):
        """A slot that counts groups and lists sessions gets EP403 at its groups, in de and en."""
        sessions = (
            ep.Session(id="a", title="A", room="saal"),
            ep.Session(id="b", title="B", room="saal", start=at("15:45")),
        )
        report = ep.validate(with_slot(programme, "gruppen", sessions=sessions))
        (finding,) = [f for f in report.findings if f.code == "EP403"]
        assert finding.severity is ep.Severity.WARNING
        assert finding.path == "days[0].slots[2].groups"
        assert "3 Gruppen" in finding.message_de
        assert "2 Sessions" in finding.message_de
        assert "3 groups" in finding.message_en
        assert "2 sessions" in finding.message_en

    def test_one_session_is_counted_in_the_singular(self, programme):
        """EP403 beside one session says "1 Session" / "1 session", counted by Babel's rules."""
        sessions = (ep.Session(id="a", title="A", room="saal"),)
        report = ep.validate(with_slot(programme, "gruppen", sessions=sessions))
        (finding,) = [f for f in report.findings if f.code == "EP403"]
        assert finding.message_de.endswith("nennt dazu 1 Session")
        assert finding.message_en.endswith("lists 1 session as well")

    def test_sessions_alone_are_no_ep403(self, programme):
        """Named groups without a count are the normal case: no EP403."""
        sessions = (ep.Session(id="a", title="A", room="saal"),)
        changed = with_slot(programme, "gruppen", groups=None, sessions=sessions)
        assert "EP403" not in {f.code for f in ep.validate(changed).findings}


class TestMarkdown:
    @pytest.mark.parametrize(
        ("language", "registration", "dinner", "groups"),
        [
            (
                "de",
                "## ab 14:00 Uhr – Anmeldung",
                "## ab 19:00 Uhr – Abendessen",
                "In drei Gruppen",
            ),
            ("en", "## from 14:00 – Anmeldung", "## from 19:00 – Abendessen", "In three groups"),
        ],
    )
    def test_from_and_count(self, programme, language, registration, dinner, groups):
        """Open starts print "ab"/"from" and no end; the count is a line of its own, one heading."""
        text = render(programme, "markdown", language)
        assert registration in text.splitlines()
        assert dinner in text.splitlines()
        assert "## 14:30 Uhr – Begrüßung" in text or "## 14:30 – Begrüßung" in text
        assert groups in text.splitlines()
        assert text.count("Gruppe") == (1 if language == "de" else 0)

    def test_an_open_end_reads_from_its_start(self, programme):
        """ "ab 19:00 Uhr" for a last slot without an end, open start or not."""
        text = render(with_slot(programme, "abendessen", open_start=False), "markdown")
        assert "## ab 19:00 Uhr – Abendessen" in text.splitlines()

    @pytest.mark.parametrize(("count", "de", "en"), [(12, "zwölf", "twelve"), (13, "13", "13")])
    def test_words_up_to_twelve(self, programme, count, de, en):
        """Counts up to twelve are words, from thirteen on digits, in both languages."""
        changed = with_slot(programme, "gruppen", groups=count)
        assert f"In {de} Gruppen" in render(changed, "markdown", "de").splitlines()
        assert f"In {en} groups" in render(changed, "markdown", "en").splitlines()

    def test_a_session_that_runs_from_its_start(self, programme):
        """A session of its own start in an open evening reads "ab"; once an end is known, not."""
        bar = ep.Session(id="bar", title="Bar", start=at("20:00"))
        changed = with_slot(programme, "abendessen", sessions=(bar,), open_start=False)
        assert "ab 20:00 Uhr" in render(changed, "markdown").splitlines()
        music = ep.Session(id="musik", title="Musik", start=at("20:00"), end=at("21:00"))
        changed = with_slot(programme, "abendessen", sessions=(bar, music), open_start=False)
        lines = render(changed, "markdown").splitlines()
        assert "ab 20:00 Uhr" not in lines
        assert lines.count("20:00–21:00 Uhr") == 2

    def test_a_session_counts_its_own_groups(self, programme):
        """A working group that splits into unnamed Kleingruppen says so under its own heading."""
        sessions = (
            ep.Session(id="ag1", title="AG 1", room="saal", groups=2),
            ep.Session(id="ag2", title="AG 2", room="saal"),
        )
        lines = render(with_slot(programme, "gruppen", groups=None, sessions=sessions), "markdown")
        lines = lines.splitlines()
        first, second = lines.index("### AG 1"), lines.index("### AG 2")
        assert lines.index("In zwei Gruppen") in range(first, second)
        assert lines.count("In zwei Gruppen") == 1

    def test_hostile_title_of_a_counted_slot(self, programme):
        """The title of a slot with groups is escaped; the count line is the exporter's own."""
        text = render(with_slot(programme, "gruppen", title=HOSTILE), "markdown")
        assert "<script>" not in text
        assert "\\<script\\>" in text
        assert "In drei Gruppen" in text.splitlines()


class TestPage:
    def heading(self, page: str, id_: str) -> str:
        (item,) = lxml.html.fromstring(page).xpath(f"//li[@id='{id_}']")
        return " ".join(item.xpath("./h3")[0].text_content().split())

    @pytest.mark.parametrize(
        ("language", "registration", "groups"),
        [
            ("de", "ab 14:00 Uhr Anmeldung", "In drei Gruppen"),
            ("en", "from 14:00 Anmeldung", "In three groups"),
        ],
    )
    def test_from_and_count(self, programme, language, registration, groups):
        """The heading says "ab 14:00 Uhr", one time and no end; the count is in the meta line."""
        page = render(programme, "html", language)
        assert self.heading(page, "anmeldung") == registration
        (item,) = lxml.html.fromstring(page).xpath("//li[@id='anmeldung']")
        assert [t.get("datetime") for t in item.xpath("./h3//time")] == [
            "2025-05-15T14:00:00+02:00"
        ]
        (counted,) = lxml.html.fromstring(page).xpath("//li[@id='gruppen']")
        assert groups in [
            m.text_content() for m in counted.xpath(".//p[contains(@class,'meta')]/span")
        ]
        assert self.heading(page, "begruessung").startswith(("14:30–15:00", "14:30–15:00 Uhr"))

    def test_the_calendar_button_knows_the_end(self, programme):
        """The page hides the end of "ab 14:00 Uhr"; its item carries it for 'add to calendar'."""
        document = lxml.html.fromstring(render(programme, "html"))
        (registration,) = document.xpath("//li[@id='anmeldung']")
        assert registration.get("data-end") == "20250515T123000Z"  # 14:30 in Berlin
        (dinner,) = document.xpath("//li[@id='abendessen']")
        assert dinner.get("data-end") == "20250515T180000Z"  # OPEN_END after 19:00
        (welcome,) = document.xpath("//li[@id='begruessung']")
        assert welcome.get("data-end") is None  # its end is shown

    def test_the_json_ld_keeps_a_known_end(self, programme):
        """An open start with a known end keeps its endDate; an open end has none."""
        page = render(programme, "html")
        (script,) = lxml.html.fromstring(page).xpath("//script[@type='application/ld+json']")
        events = {e["name"]: e for e in json.loads(script.text)["subEvent"]}
        assert events["Anmeldung"]["endDate"] == "2025-05-15T14:30:00+02:00"
        assert "endDate" not in events["Abendessen"]

    def test_hostile_title_of_a_counted_slot(self, programme):
        """A hostile title beside the count is escaped on the page."""
        page = render(with_slot(programme, "gruppen", title=HOSTILE), "html")
        assert "<script>alert" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp;" in page


class TestCalendar:
    def events(self, programme: ep.Programme, language: str = "de") -> dict[str, icalendar.Event]:
        calendar = icalendar.Calendar.from_ical(render(programme, "ical", language))
        return {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}

    def test_an_open_start_ends_at_the_next_slot_and_says_so(self, programme):
        """DTEND is the next slot's start; the description's first line says "Ab 14:00 Uhr"."""
        event = self.events(programme)["Anmeldung"]
        assert event.decoded("DTEND").replace(tzinfo=None) == at("14:30")
        assert str(event["DESCRIPTION"]).splitlines()[0] == "Ab 14:00 Uhr"

    @pytest.mark.parametrize(
        ("language", "note"), [("de", "Ab 19:00 Uhr, Ende offen"), ("en", "From 19:00, open end")]
    )
    def test_an_open_evening_gets_the_nominal_hour_and_a_note(self, programme, language, note):
        """An open end lasts OPEN_END in the calendar, and the description says it is open."""
        event = self.events(programme, language)["Abendessen"]
        assert event.decoded("DTEND") - event.decoded("DTSTART") == ep.OPEN_END
        assert str(event["DESCRIPTION"]).splitlines()[0] == note

    @pytest.mark.parametrize(
        ("language", "note"), [("de", "In drei Gruppen"), ("en", "In three groups")]
    )
    def test_counted_groups_are_one_event(self, programme, language, note):
        """The slot with groups is one event with the count, and no event per group."""
        events = self.events(programme, language)
        assert len(events) == 4
        assert str(events["Arbeit an den Thesen"]["DESCRIPTION"]).splitlines()[0] == note

    def test_a_slots_only_session_is_noted_once(self, programme):
        """A slot's only session is told in the slot's event: "Ab 14:00 Uhr" once, not twice."""
        only = (ep.Session(id="kaffee", title="Kaffee", groups=2),)
        event = self.events(with_slot(programme, "anmeldung", sessions=only))["Anmeldung"]
        description = str(event["DESCRIPTION"])
        assert description.count("Ab 14:00 Uhr") == 1
        assert description.count("In zwei Gruppen") == 1

    def test_a_slot_without_either_has_no_note(self, programme):
        """An item with a start and an end says nothing more: no note, no empty first line."""
        description = str(self.events(programme)["Begrüßung"]["DESCRIPTION"])
        assert description.splitlines()[0] == "Grußwort: Vetter"


class TestSchedules:
    def test_schedule_xml(self, programme):
        """schedule.xml: the resolved duration, and the note first in the description."""
        root = lxml.etree.fromstring(render(programme, "frab-xml").encode())
        events = {e.findtext("title"): e for e in root.iter("event")}
        assert events["Anmeldung"].findtext("duration") == "00:30"
        assert events["Anmeldung"].findtext("description") == "Ab 14:00 Uhr"
        assert events["Abendessen"].findtext("duration") == "01:00"
        assert events["Abendessen"].findtext("description") == "Ab 19:00 Uhr, Ende offen"
        assert events["Arbeit an den Thesen"].findtext("description") == "In drei Gruppen"
        assert len(events) == 4

    def test_schedule_json_in_english(self, programme):
        """schedule.json says the same, in the output language."""
        data = json.loads(render(programme, "c3voc-json", "en"))
        events = {
            e["title"]: e
            for day in data["schedule"]["conference"]["days"]
            for room in day["rooms"].values()
            for e in room
        }
        assert events["Anmeldung"]["description"] == "From 14:00"
        assert events["Arbeit an den Thesen"]["description"] == "In three groups"
        assert re.fullmatch(r"0?1:00", events["Abendessen"]["duration"])
