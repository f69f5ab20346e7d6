"""Importing schedule.xml and schedule.json: real exports, their quirks, bad or hostile files."""

from __future__ import annotations

import collections
import datetime as dt
import json
import re
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import eventprogram as ep
from eventprogram import exporters
from eventprogram.importers import read_schedule
from eventprogram.testing import programmes
from test_frab_export import says_more

REAL = {
    "good2025-pretalx.schedule.xml": "frab-xml",
    "good2025-pretalx.schedule.json": "c3voc-json",
    "camp2019-frab.schedule.json": "c3voc-json",
    "38c3-hub.schedule.xml": "frab-xml",
}


def events_of(programme: ep.Programme) -> list[ep.Slot | ep.Session]:
    """Every imported event: slots that stand alone, and the sessions of parallel slots."""
    found: list[ep.Slot | ep.Session] = []
    for day in programme.days:
        for slot in day.slots:
            found.extend(slot.walk_sessions() if slot.sessions else [slot])
    return found


def by_title(programme: ep.Programme, title: str) -> ep.Slot | ep.Session:
    (item,) = [e for e in events_of(programme) if e.title == title]
    return item


def counts_in_file(path: Path) -> dict[str, int]:
    """Days, rooms, events and people, counted from the file itself, not through the importer."""
    if path.suffix == ".xml":
        root = ET.parse(path).getroot()  # noqa: S314 -- our own test data
        events = root.findall("day/room/event")
        people = {
            p.get("guid") or p.get("id") or p.text
            for p in root.iterfind("day/room/event/persons/person")
        }
        return {
            "days": len(root.findall("day")),
            "rooms": len({r.get("name") for r in root.findall("day/room")}),
            "events": len(events),
            "people": len(people),
        }
    conference = json.loads(path.read_text(encoding="utf-8"))["schedule"]["conference"]
    events = [e for d in conference["days"] for r in d["rooms"].values() for e in r]
    people = {p.get("guid") or p.get("code") or p.get("id") for e in events for p in e["persons"]}
    rooms = {name for d in conference["days"] for name in d["rooms"]}
    rooms |= {r["name"] for r in conference.get("rooms", [])}
    return {
        "days": len(conference["days"]),
        "rooms": len(rooms),
        "events": len(events),
        "people": len(people),
    }


@pytest.fixture(scope="module")
def schedules(shared) -> dict[str, Path]:
    return {name: shared / "schedules" / name for name in REAL}


@pytest.fixture(scope="module")
def official(shared):
    """Checks against the official schemas: each returns the list of complaints."""
    import jsonschema
    from lxml import etree

    xsd = etree.XMLSchema(etree.parse(str(shared / "schemas" / "xsd" / "schedule.xml.xsd")))
    schema = json.loads((shared / "schemas" / "json" / "schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft6Validator(
        schema, format_checker=jsonschema.Draft6Validator.FORMAT_CHECKER
    )

    def check_xml(text):
        data = text.encode("utf-8") if isinstance(text, str) else text
        valid = xsd.validate(etree.fromstring(data))  # our own output
        return [] if valid else [str(e) for e in xsd.error_log][:5]

    def check_json(text):
        return [e.message for e in validator.iter_errors(json.loads(text))][:5]

    return {"frab-xml": check_xml, "c3voc-json": check_json}


@pytest.fixture(scope="module")
def imported(schedules) -> dict[str, ep.Programme]:
    return {name: ep.load(path) for name, path in schedules.items()}


class TestRealSchedules:
    @pytest.mark.parametrize("name", list(REAL))
    def test_nothing_is_dropped(self, name, schedules, imported):
        """Every day, room, event and person of the file is in the programme."""
        programme = imported[name]
        expected = counts_in_file(schedules[name])
        assert {
            "days": len(programme.days),
            "rooms": len(programme.venue.rooms),
            "events": len(events_of(programme)),
            "people": len(programme.people),
        } == expected

    def test_figures_of_the_readme(self, imported):
        """The shared README's figures: 4 days, 72 rooms, 1,007 events for 38C3; 79 for the camp."""
        assert len(events_of(imported["38c3-hub.schedule.xml"])) == 1007
        assert len(imported["38c3-hub.schedule.xml"].venue.rooms) == 72
        assert len(events_of(imported["camp2019-frab.schedule.json"])) == 79
        assert len(events_of(imported["good2025-pretalx.schedule.xml"])) == 72

    def test_38c3_opening(self, imported):
        """Title, instant, length, room and people of a spot-checked event."""
        programme = imported["38c3-hub.schedule.xml"]
        opening = by_title(programme, "38C3: Opening Ceremony")
        assert programme.timezone == "Europe/Berlin"
        assert opening.start == dt.datetime(2024, 12, 27, 10, 30)
        assert opening.end == dt.datetime(2024, 12, 27, 11, 0)
        assert programme.room(opening.room).name == "Saal 1"
        assert [programme.person(c.person).name for c in opening.people] == [
            "Gabriela Bogk",
            "Senficon",
            "Aline Blankertz",
        ]
        assert opening.track == "CCC"
        assert opening.language == "en"
        assert (
            opening.url == "https://events.ccc.de/congress/2024/hub/de/event/38c3-opening-ceremony/"
        )
        assert programme.version == "2025-03-04 21:21"

    def test_legacy_zone_name(self, imported):
        """GOOD 2025 says US/Eastern; the programme uses the zone's canonical name."""
        programme = imported["good2025-pretalx.schedule.json"]
        assert programme.timezone == "America/New_York"
        jam = by_title(programme, "Contributor Jam")
        assert programme.localize(jam.start).isoformat() == "2025-03-17T13:00:00-04:00"
        assert jam.end - jam.start == dt.timedelta(hours=4)
        assert jam.track == "Core Team Track"

    def test_xml_and_json_of_one_event_agree(self, imported):
        """pretalx's XML and JSON exports of GOOD 2025 give the same times, titles and rooms."""

        def shape(programme):
            return sorted(
                (e.start, e.end, e.title, programme.room(e.room).name) for e in events_of(programme)
            )

        assert shape(imported["good2025-pretalx.schedule.xml"]) == shape(
            imported["good2025-pretalx.schedule.json"]
        )

    def test_after_midnight_stays_with_its_day(self, schedules, imported):
        """An event at 01:00 listed under the day before stays in that day, at the right date."""
        root = ET.parse(schedules["38c3-hub.schedule.xml"]).getroot()  # noqa: S314
        first_day = root.find("day")
        late = next(
            e
            for e in first_day.iterfind("room/event")
            if e.findtext("date", "").startswith("2024-12-28")
        )
        programme = imported["38c3-hub.schedule.xml"]
        day = programme.days[0]
        assert day.date == dt.date(2024, 12, 27)
        item = next(
            e
            for slot in day.slots
            for e in (slot.walk_sessions() if slot.sessions else [slot])
            if e.title == late.findtext("title")
        )
        assert item.start.date() == dt.date(2024, 12, 28)

    def test_relative_urls_are_resolved(self, imported):
        """The camp's attachment '/system/…' becomes an absolute URL under base_url."""
        links = [
            link for e in events_of(imported["camp2019-frab.schedule.json"]) for link in e.links
        ]
        slides = next(link for link in links if "Hacking_Containers" in link.url)
        assert slides.url.startswith("https://fahrplan.events.ccc.de/system/event_attachments/")
        assert slides.title == "Slides"

    def test_parallel_events_become_sessions_of_one_slot(self, imported):
        """Events that overlap in different rooms are the sessions of one slot."""
        programme = imported["camp2019-frab.schedule.json"]
        parallel = [s for d in programme.days for s in d.slots if s.sessions]
        assert parallel
        for slot in parallel:
            assert slot.kind == "parallel"
            assert slot.start == min(s.start for s in slot.sessions)
            assert slot.end == max(s.end for s in slot.sessions)

    @pytest.mark.parametrize("name", list(REAL))
    @pytest.mark.parametrize("target", ["frab-xml", "c3voc-json"])
    def test_reexport_is_schema_valid(self, name, target, imported, official):
        """Real schedules, imported, export valid against the official schemas."""
        text = exporters.get(target).render(imported[name], exporters.RenderOptions())
        assert official[target](text) == []

    @pytest.mark.parametrize("name", list(REAL))
    def test_genuine_defects_are_findings(self, name, imported):
        """Clashes in real files are reported as findings, never raised."""
        report = ep.validate(imported[name])
        codes = {f.code for f in report.findings}
        assert "EP001" not in codes
        if name.startswith(("good2025", "38c3")):
            assert "EP401" in codes  # two events in one room at once: in the files as published
        # Imported ids are UUIDs; messages name talks by title and rooms by name instead.
        uuid_pattern = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
        for finding in report.findings:
            assert not uuid_pattern.search(finding.message_en), finding.message_en
            assert not uuid_pattern.search(finding.message_de), finding.message_de

    def test_loading_is_quick(self, schedules):
        """The 2 MB 38C3 file loads well within a second or two (a guard against quadratic work)."""
        began = time.perf_counter()
        ep.load(schedules["38c3-hub.schedule.xml"])
        assert time.perf_counter() - began < 20  # generous: machines are shared and noisy


MINIMAL_JSON = {
    "schedule": {
        "version": "1",
        "conference": {
            "acronym": "demo",
            "title": "Demo",
            "time_zone_name": "Europe/Berlin",
            "days": [
                {
                    "index": 1,
                    "date": "2025-05-15",
                    "day_start": "2025-05-15T06:00:00+02:00",
                    "day_end": "2025-05-16T04:00:00+02:00",
                    "rooms": {
                        "Halle": [
                            {
                                "guid": "not-a-uuid",
                                "id": 1,
                                "date": "2025-05-15T10:00:00+02:00",
                                "start": "10:00",
                                "duration": "01:30:00",
                                "room": "Halle",
                                "title": "Eins",
                                "subtitle": "",
                                "type": "Workshop",
                                "language": "de",
                                "links": ["https://example.org/slides.pdf"],
                                "persons": [{"public_name": "Ada", "id": 7}],
                                "unknown_key": {"kept": "out"},
                            }
                        ]
                    },
                }
            ],
        },
    }
}


FOSDEM_XML = """<?xml version="1.0" encoding="UTF-8"?>
<schedule>
  <conference>
    <title>FOSDEM 2024</title>
    <subtitle/>
    <venue>ULB (Université Libre de Bruxelles)</venue>
    <city>Brussels</city>
    <start>2024-02-03</start>
    <end>2024-02-04</end>
    <days>2</days>
    <day_change>09:00:00</day_change>
    <timeslot_duration>00:05:00</timeslot_duration>
    <time_zone_name>Europe/Brussels</time_zone_name>
  </conference>
  <tracks><track online_qa="false">Keynotes</track></tracks>
  <day date="2024-02-03" index="1">
    <room name="Janson">
      <event id="15641">
        <start>09:30</start>
        <duration>00:25</duration>
        <room>Janson</room>
        <slug>keynotes_welcome</slug>
        <title>Welcome to FOSDEM 2024</title>
        <subtitle/>
        <track>Keynotes</track>
        <type>keynote</type>
        <language/>
        <abstract>&lt;p&gt;Welcome!&lt;/p&gt;</abstract>
        <description/>
        <persons><person id="6">FOSDEM Staff</person></persons>
        <attachments/>
        <links>
          <link href="https://video.fosdem.org/2024/janson/welcome.webm"
            >Video recording (WebM/VP9)</link>
          <link>https://fosdem.org/2024/schedule/event/welcome/</link>
        </links>
      </event>
      <event id="15642">
        <start>00:30</start>
        <duration>00:30:00</duration>
        <room>Janson</room>
        <title>Late night hacking</title>
        <type>devroom</type>
        <persons><person id="6">FOSDEM Staff</person></persons>
      </event>
    </room>
  </day>
</schedule>
"""


def read(document: dict) -> ep.Programme:
    return read_schedule(json.dumps(document).encode(), "c3voc-json", source="demo.json")


class TestLenience:
    def test_quirks_are_read(self):
        """Non-UUID guids, HH:MM:SS, links as strings, unknown keys and custom types are read."""
        programme = read(MINIMAL_JSON)
        (slot,) = programme.days[0].slots
        assert slot.title == "Eins"
        assert slot.end - slot.start == dt.timedelta(minutes=90)
        assert slot.links == (ep.Link(url="https://example.org/slides.pdf"),)
        assert programme.kind(slot.kind).en == "Workshop"
        assert slot.subtitle is None  # empty is as missing
        assert ep.validate(programme).ok

    def test_recognised_whatever_the_key_order(self):
        """pretalx writes "generator" before "schedule": load still tells it is a schedule."""
        document = {"generator": {"name": "pretalx", "version": "2025.2"}, **MINIMAL_JSON}
        programme = ep.loads(json.dumps(document), source="schedule.json")
        assert programme.title == "Demo"

    def test_empty_and_missing_are_the_same(self):
        """A field left out and a field left empty give the same programme."""
        without = json.loads(json.dumps(MINIMAL_JSON))
        del without["schedule"]["conference"]["days"][0]["rooms"]["Halle"][0]["subtitle"]
        assert read(without) == read(MINIMAL_JSON)

    def test_fosdem_pentabarf(self):
        """FOSDEM's pentabarf XML: no dates, day_change, venue and town, links as text."""
        programme = ep.loads(FOSDEM_XML, source="fosdem.xml")
        assert (programme.venue.name, programme.venue.city) == (
            "ULB (Université Libre de Bruxelles)",
            "Brussels",
        )
        welcome, late = programme.days[0].slots
        assert welcome.start == dt.datetime(2024, 2, 3, 9, 30)
        assert welcome.kind == "keynote"
        assert welcome.description == "<p>Welcome!</p>"
        assert [link.url for link in welcome.links] == [
            "https://video.fosdem.org/2024/janson/welcome.webm",
            "https://fosdem.org/2024/schedule/event/welcome/",
        ]
        assert welcome.links[0].title == "Video recording (WebM/VP9)"
        # 00:30 is before the day changes at 09:00: the night after the listed day.
        assert late.start == dt.datetime(2024, 2, 4, 0, 30)
        assert late.end == dt.datetime(2024, 2, 4, 1, 0)
        assert programme.people == (
            ep.Person(id=programme.people[0].id, family_name="FOSDEM Staff"),
        )

    def test_start_from_the_clock_alone(self):
        """Without ``date``, the day and ``start`` say when; after midnight means the next date."""
        document = json.loads(json.dumps(MINIMAL_JSON))
        event = document["schedule"]["conference"]["days"][0]["rooms"]["Halle"][0]
        del event["date"]
        event["start"] = "01:30"
        (slot,) = read(document).days[0].slots
        assert slot.start == dt.datetime(2025, 5, 16, 1, 30)

    def test_no_zone_takes_the_offset(self):
        """Without time_zone_name the programme keeps the events' offset."""
        document = json.loads(json.dumps(MINIMAL_JSON))
        del document["schedule"]["conference"]["time_zone_name"]
        programme = read(document)
        assert programme.timezone == "Etc/GMT-2"
        assert programme.days[0].slots[0].start == dt.datetime(2025, 5, 15, 10, 0)

    def test_unreadable_time_names_the_field(self):
        document = json.loads(json.dumps(MINIMAL_JSON))
        document["schedule"]["conference"]["days"][0]["rooms"]["Halle"][0]["duration"] = "lang"
        with pytest.raises(ep.SourceError) as caught:
            read(document)
        (problem,) = caught.value.problems
        assert problem.path == "schedule.conference.days[0].rooms['Halle'][0].duration"
        assert problem.file == "demo.json"


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<schedule><version>&lol9;</version></schedule>
"""

EXTERNAL = b"""<?xml version="1.0"?>
<!DOCTYPE schedule [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<schedule><version>&secret;</version></schedule>
"""


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "eventprogram", *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


class TestBadInput:
    @pytest.mark.parametrize(
        ("content", "expected", "line"),
        [
            # Any <!DOCTYPE> is refused where it starts, before an entity is declared.
            (BILLION_LAUGHS, "document type declaration", 2),
            (EXTERNAL, "document type declaration", 2),
            (
                b"<?xml version='1.0'?>\n<schedule>\n<version>1</version>\n<confer",
                "not well-formed",
                4,
            ),
            (b"<html>\n<body/></html>", "root element <schedule>, not <html>", 1),
        ],
        ids=["billion-laughs", "external-entity", "truncated", "unrelated-root"],
    )
    def test_xml_is_refused_clearly(self, tmp_path, content, expected, line):
        """Exit 2 within seconds, the file and line named, no traceback, nothing written."""
        source = tmp_path / "schedule.xml"
        source.write_bytes(content)
        began = time.perf_counter()
        result = cli("build", str(source), "-o", str(tmp_path / "out"))
        assert time.perf_counter() - began < 30
        assert result.returncode == 2
        assert expected in result.stderr
        assert f"{source}:{line}:" in result.stderr
        assert "Traceback" not in result.stderr
        assert not (tmp_path / "out").exists()

    def test_json_of_another_shape(self, tmp_path):
        source = tmp_path / "schedule.json"
        source.write_text('{"schedule": {"conference": {"title": "x"}}}', encoding="utf-8")
        result = cli("validate", str(source))
        assert result.returncode == 2
        assert "schedule.conference.days" in result.stderr
        assert "Traceback" not in result.stderr

    def test_truncated_json(self, tmp_path, shared):
        text = (shared / "schedules" / "camp2019-frab.schedule.json").read_text(encoding="utf-8")
        source = tmp_path / "schedule.json"
        source.write_text(text[: len(text) // 2], encoding="utf-8")
        result = cli("validate", str(source))
        assert result.returncode == 2
        assert f"{source}:" in result.stderr
        assert "not valid JSON" in result.stderr


class TestCommands:
    def test_validate_a_real_schedule(self, shared):
        """validate reads a schedule.json and reports its findings with the usual exit codes."""
        result = cli("validate", str(shared / "schedules" / "good2025-pretalx.schedule.json"))
        assert result.returncode == 1  # the published file has two events in one room at once
        assert "EP401" in result.stdout

    def test_build_refuses_then_forces(self, shared, tmp_path):
        """A schedule with genuine clashes builds only with --force."""
        source = str(shared / "schedules" / "good2025-pretalx.schedule.xml")
        refused = cli("build", source, "-o", str(tmp_path), "-f", "html")
        assert refused.returncode == 1
        assert not list(tmp_path.iterdir())
        forced = cli("build", source, "-o", str(tmp_path), "-f", "html,markdown", "--force")
        assert forced.returncode == 0, forced.stderr
        assert (tmp_path / "2025.html").read_text(encoding="utf-8").count("Contributor Jam") >= 1

    def test_convert_by_suffix(self, shared, tmp_path):
        """convert tells the input from its content and the output from its suffix."""
        target = tmp_path / "camp.md"
        result = cli(
            "convert", str(shared / "schedules" / "camp2019-frab.schedule.json"), str(target)
        )
        assert result.returncode == 0, result.stderr
        assert target.read_text(encoding="utf-8").startswith("# Chaos Communication Camp 2019")

    def test_convert_to_stdout(self, shared):
        result = cli(
            "convert",
            str(shared / "schedules" / "camp2019-frab.schedule.json"),
            "-",
            "--to",
            "json",
        )
        assert result.returncode == 0, result.stderr
        assert ep.loads(result.stdout).title == "Chaos Communication Camp 2019"

    def test_convert_unknown_suffix(self, shared, tmp_path):
        result = cli(
            "convert",
            str(shared / "schedules" / "camp2019-frab.schedule.json"),
            str(tmp_path / "x.doc"),
        )
        assert result.returncode == 2
        assert "--to" in result.stderr


@pytest.mark.skipif(
    not {"frab-xml", "c3voc-json"} <= set(exporters.available()), reason="exporters not installed"
)
class TestRoundTrip:
    @pytest.mark.parametrize("name", list(REAL))
    def test_import_export_import_is_stable(self, name, imported):
        """Importing what was exported from an import, in the file's own format, gives the same."""
        first, target = imported[name], REAL[name]
        text = exporters.get(target).render(first, exporters.RenderOptions())
        data = text.encode("utf-8") if isinstance(text, str) else text
        assert read_schedule(data, target, source=f"re-export.{target}") == first

    @pytest.mark.parametrize("name", list(REAL))
    @pytest.mark.parametrize("target", ["frab-xml", "c3voc-json"])
    def test_findings_survive_a_round_trip(self, name, target, imported):
        """A real schedule written and read again has the same findings: room clashes stay."""
        first = imported[name]
        text = exporters.get(target).render(first, exporters.RenderOptions())
        data = text.encode("utf-8") if isinstance(text, str) else text
        again = read_schedule(data, target, source=f"re-export.{target}")

        def codes(programme: ep.Programme) -> collections.Counter[str]:
            return collections.Counter(f.code for f in ep.validate(programme).findings)

        assert codes(again) == codes(first)
        if name.startswith("good2025"):  # four talks clash in a room there; none is hidden
            assert codes(again)["EP401"] == 4

    @pytest.mark.parametrize("target", ["frab-xml", "c3voc-json"])
    def test_model_to_schedule_to_model(self, target, example_dir):
        """The worked example through a schedule keeps times, titles, rooms and people."""
        programme = ep.load(example_dir)
        text = exporters.get(target).render(programme, exporters.RenderOptions())
        data = text.encode("utf-8") if isinstance(text, str) else text
        back = read_schedule(data, target, source="bottrop")

        def shape(p: ep.Programme) -> list[tuple]:
            return sorted(
                (item.start, item.end, item.title, names) for item, names in _exported_items(p)
            )

        assert shape(back) == shape(programme)
        assert back.timezone == programme.timezone
        assert back.title == programme.title


@pytest.mark.skipif(
    not {"frab-xml", "c3voc-json"} <= set(exporters.available()), reason="exporters not installed"
)
@pytest.mark.parametrize("target", ["frab-xml", "c3voc-json"])
@settings(max_examples=min(settings.default.max_examples, 75))  # the profile's, at most ~10 s
@given(programme=programmes(max_days=2))
def test_generated_programmes_survive_a_schedule(target, programme):
    """Any valid programme, written as a schedule and read back, keeps times, titles and people."""
    text = exporters.get(target).render(programme, exporters.RenderOptions())
    data = text.encode("utf-8") if isinstance(text, str) else text
    back = read_schedule(data, target, source="generated")

    # Writers number parallel sessions in their titles ("1. Title", "1.1 Title"); where a
    # session is alone in its time the number stays in the title (test_roundtrip_schedule).
    def shape(p: ep.Programme) -> list[tuple]:
        return sorted(
            (item.start, item.end, _bare(item.title.strip()), tuple(n.strip() for n in names))
            for item, names in _exported_items(p)
        )

    # What the programme read back would write is what the original wrote: no event lost,
    # none made up (a slot around sessions comes back as that slot, not as a session).
    assert shape(back) == shape(programme)
    assert [d.date for d in back.days] == [d.date for d in programme.days]


def _bare(title: str) -> str:
    """*title* without a number a schedule writer put before it."""
    return re.sub(r"^\d+(\.\d+)*\.?\s+", "", title)


def _exported_items(programme: ep.Programme):
    """What the schedule formats carry, timed: slots, less those their sessions say, and sessions.

    A slot with sessions is carried where it says more than they do (``says_more``).
    """
    for day in programme.days:
        for slot in day.slots:
            if slot.kind == "end":
                continue
            slot_end = slot.end or day.end_of(slot) or slot.start
            if not slot.sessions or says_more(programme, day, slot):
                yield (
                    attrs_evolve(slot, slot.start, slot_end),
                    tuple(programme.person(c.person).name for c in slot.people),
                )
            yield from _sessions(programme, slot.sessions, slot.start, slot_end)


def _sessions(programme, sessions, start, end):
    for session in sessions:
        s_start, s_end = session.start or start, session.end or end
        yield (
            attrs_evolve(session, s_start, s_end),
            tuple(programme.person(c.person).name for c in session.people),
        )
        yield from _sessions(programme, session.sessions, s_start, s_end)


def attrs_evolve(item, start, end):
    import attrs

    return attrs.evolve(item, start=start, end=end)


# -- whatever the file holds, the importer answers with a programme or a SourceError --------

_ODD_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 10**6),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=12),
    st.sampled_from(["", "25:00", "0:90", "1:00:00:00", "2025-13-45", "2025-05-15T10:00:00Z"]),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=4), st.integers(), max_size=2),
)


def _paths(value, prefix=()):
    """Every place in a JSON document, as a path of keys and indices."""
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, (*prefix, index))


@st.composite
def mutated_schedules(draw):
    """MINIMAL_JSON with a few values anywhere replaced by values of the wrong shape."""
    document = json.loads(json.dumps(MINIMAL_JSON))
    places = [p for p in _paths(document) if p]
    chosen = draw(st.lists(st.sampled_from(places), min_size=1, max_size=3))
    event = ("schedule", "conference", "days", 0, "rooms", "Halle", 0)
    intact = not any(event[: len(place)] == place for place in chosen)
    for place in chosen:
        parent = document
        try:
            for key in place[:-1]:
                parent = parent[key]
            parent[place[-1]] = draw(_ODD_VALUES)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier replacement removed this place
    return document, intact


@given(mutated_schedules())
def test_odd_json_gives_a_programme_or_a_clear_error(mutated):
    """Wrong types anywhere give a SourceError naming the file, never another exception."""
    document, intact = mutated
    try:
        programme = read(document)
    except ep.SourceError as error:
        # Either outcome is allowed, so pytest.raises does not fit.
        assert all(problem.file == "demo.json" for problem in error.problems)  # noqa: PT017
    else:
        ep.validate(programme)
        ep.loads(ep.dumps(programme))
        # Nothing is dropped: the event is in the programme unless it (or its holder) was replaced.
        if intact:
            assert len(events_of(programme)) == 1


@given(
    st.lists(
        st.tuples(
            st.sampled_from(
                ["start", "duration", "date", "title", "type", "language", "room", "url"]
            ),
            st.sampled_from(
                ["", " ", "25:00", "9:5", "0:90", "x", "2024-02-30T10:00:00", "&amp;", "-1"]
            ),
        ),
        min_size=1,
        max_size=3,
    )
)
def test_odd_xml_values_give_a_programme_or_a_clear_error(replacements):
    """Odd text in an event's elements gives a programme or a SourceError with file and line."""
    text = FOSDEM_XML.replace(
        "<start>09:30</start>", "<date>2024-02-03T09:30:00+01:00</date><start>09:30</start>"
    )
    for element, value in replacements:
        text = re.sub(
            rf"<{element}>[^<]*</{element}>", f"<{element}>{value}</{element}>", text, count=1
        )
    try:
        programme = ep.loads(text, source="fosdem.xml")
    except ep.SourceError as error:
        for problem in error.problems:
            assert problem.file == "fosdem.xml"
            assert problem.line is not None
            assert problem.path.startswith("schedule.day[0].room[0].event[")
    else:
        assert len(events_of(programme)) == 2
        ep.validate(programme)


def _one_event(**changes) -> dict:
    """MINIMAL_JSON with its event, conference or day changed."""
    document = json.loads(json.dumps(MINIMAL_JSON))
    conference = document["schedule"]["conference"]
    for key, value in changes.pop("conference", {}).items():
        if value is None:
            conference.pop(key, None)
        else:
            conference[key] = value
    conference["days"][0].update(changes.pop("day", {}))
    event = conference["days"][0]["rooms"]["Halle"][0]
    for key, value in changes.items():
        if value is None:
            event.pop(key, None)
        else:
            event[key] = value
    return document


class TestEdges:
    def test_offset_without_a_zone_of_its_own(self):
        """+23:00 is valid ISO but no Etc/GMT zone exists for it: the programme is in UTC."""
        document = _one_event(date="2025-05-15T10:00:00+23:00", conference={"time_zone_name": None})
        programme = read(document)
        assert programme.timezone == "UTC"
        assert programme.days[0].slots[0].start == dt.datetime(2025, 5, 14, 11, 0)

    @pytest.mark.parametrize("duration", ["99999999:00", "99999999999999999999:00", "337:00"])
    def test_absurd_durations_are_errors(self, duration):
        with pytest.raises(ep.SourceError) as caught:
            read(_one_event(duration=duration))
        (problem,) = caught.value.problems
        assert problem.path.endswith(".duration")
        assert "longer than 14 days" in problem.message

    def test_title_with_a_line_break_exports(self):
        """A conference title with a line break still makes a calendar and a page."""
        programme = read(_one_event(conference={"title": "Demo\r\nKonferenz"}))
        for name in ("ical", "html", "markdown", "frab-xml", "c3voc-json"):
            assert exporters.get(name).render(programme, exporters.RenderOptions())

    def test_rooms_sharing_a_guid_stay_apart(self):
        """Two rooms with one guid (a copy-and-paste slip) are two rooms, not a clash."""
        guid = "11111111-1111-4111-8111-111111111111"
        document = _one_event()
        conference = document["schedule"]["conference"]
        conference["rooms"] = [{"name": "Halle", "guid": guid}, {"name": "Foyer", "guid": guid}]
        other = dict(
            conference["days"][0]["rooms"]["Halle"][0], guid="x2", room="Foyer", title="Zwei"
        )
        conference["days"][0]["rooms"]["Foyer"] = [other]
        programme = read(document)
        assert len({room.id for room in programme.venue.rooms}) == 2
        codes = {f.code for f in ep.validate(programme).findings}
        assert not codes & {"EP401", "EP102"}

    def test_a_clock_before_the_day_start_stays_on_the_day(self):
        """Without a date, 10:00 on a day listed from 10:30 is that morning, not the next."""
        document = _one_event(
            date=None,
            start="10:00",
            day={"day_start": "2025-05-15T10:30:00+02:00", "day_end": "2025-05-15T20:00:00+02:00"},
        )
        assert read(document).days[0].slots[0].start == dt.datetime(2025, 5, 15, 10, 0)

    def test_namespaced_root(self):
        text = FOSDEM_XML.replace("<schedule>", '<schedule xmlns="https://c3voc.de/schedule">')
        assert ep.loads(text, source="ns.xml").title == "FOSDEM 2024"

    def test_no_days_names_the_json_path(self):
        document = json.loads(json.dumps(MINIMAL_JSON))
        document["schedule"]["conference"]["days"] = []
        with pytest.raises(ep.SourceError) as caught:
            read(document)
        assert caught.value.problems[0].path == "schedule.conference.days"

    def test_a_week_long_event_exports_valid_xml(self, official):
        """The XSD allows two digits of hours: a 120-hour event is written as 99:59."""
        programme = read(_one_event(duration="120:00"))
        text = exporters.get("frab-xml").render(programme, exporters.RenderOptions())
        assert b"<duration>99:59</duration>" in text
        assert official["frab-xml"](text) == []
