"""Hostile schedule.xml and schedule.json: a programme or a SourceError, no traceback (#12)."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

import eventprogram as ep
from eventprogram import exporters
from eventprogram.importers import read_schedule, sniff

EVENT = {
    "guid": "0b6f9c57-3c2e-4a9e-9c1e-6f0a4f3b2d11",
    "id": 1,
    "date": "2025-05-15T10:00:00+02:00",
    "start": "10:00",
    "duration": "01:00",
    "title": "Eins",
    "persons": [],
}


def document(**event_changes) -> dict:
    return {
        "schedule": {
            "version": "1",
            "conference": {
                "acronym": "demo",
                "title": "Demo",
                "time_zone_name": "Europe/Berlin",
                "days": [
                    {"index": 1, "date": "2025-05-15", "rooms": {"Halle": [EVENT | event_changes]}}
                ],
            },
        }
    }


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "eventprogram", *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


def refused(path: Path) -> str:
    """Validate *path* through the CLI: exit 2, no traceback; return what it said."""
    result = cli("validate", str(path))
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert "internal error" not in result.stderr
    assert f"{path}" in result.stderr
    return result.stderr


class TestShape:
    def test_deep_nesting_in_schedule_json(self, tmp_path):
        """A description nested 100,000 levels deep is a SourceError naming the file."""
        text = json.dumps(document(description="X")).replace('"X"', "[" * 100_000 + "]" * 100_000)
        source = tmp_path / "schedule.json"
        source.write_text(text, encoding="utf-8")
        assert "nested too deep" in refused(source)

    def test_deep_nesting_in_schedule_xml(self, tmp_path):
        """XML nested 100,000 levels deep gives a programme or a SourceError, not a traceback."""
        source = tmp_path / "schedule.xml"
        source.write_text(
            "<schedule>" + "<x>" * 100_000 + "</x>" * 100_000 + "</schedule>", encoding="utf-8"
        )
        result = cli("validate", str(source))
        assert "Traceback" not in result.stderr
        assert result.returncode == 2

    def test_long_integers(self):
        """An id of 5,000 digits is kept as text: the programme is read."""
        data = json.dumps(document()).replace('"id": 1', '"id": ' + "9" * 5000).encode()
        programme = read_schedule(data, "c3voc-json", source="long.json")
        assert programme.days[0].slots[0].title == "Eins"
        assert sniff(data) == "c3voc-json"

    def test_long_integer_id_in_eventprogram_file_with_a_holder_slug(self):
        """In a file eventprogram wrote, a 5,000-digit id beside a nesting slug is still read."""
        generated = ep.loads(json.dumps(document()))
        data = json.loads(exporters.get("c3voc-json").render(generated, exporters.RenderOptions()))
        for day in data["schedule"]["conference"]["days"]:
            for events in day["rooms"].values():
                for event in events:
                    event["id"] = "9" * 5000
                    event["slug"] = f"{data['schedule']['conference']['acronym']}-123_1-eins"
        programme = read_schedule(json.dumps(data).encode(), "c3voc-json", source="long.json")
        assert programme.days[0].slots[0].title == "Eins"

    def test_long_duration(self):
        """A duration of 5,000 digits is a SourceError on the duration."""
        data = json.dumps(document(duration="9" * 5000 + ":00")).encode()
        with pytest.raises(ep.SourceError) as caught:
            read_schedule(data, "c3voc-json", source="long.json")
        (problem,) = caught.value.problems
        assert problem.path.endswith(".duration")
        assert len(problem.message) < 200

    def test_lone_surrogates_become_replacement_characters(self):
        r"""A title with a lone \ud800 is read with U+FFFD in its place, and exports."""
        data = json.dumps(document(title="Eins \ud800 zwei")).encode()
        programme = read_schedule(data, "c3voc-json", source="s.json")
        assert programme.days[0].slots[0].title == "Eins \ufffd zwei"
        for name in exporters.available():
            exporters.get(name).render(programme, exporters.RenderOptions())
        assert ep.dumps(programme).encode("utf-8")

    def test_surrogate_pairs_stay(self):
        r"""A correct pair (\ud83d\ude00) is one character and stays."""
        data = json.dumps(document(title="Eins \U0001f600")).encode()
        assert read_schedule(data, "c3voc-json").days[0].slots[0].title == "Eins \U0001f600"


class TestXml:
    def test_unknown_encoding(self, tmp_path):
        """encoding="x-bogus" is a SourceError naming the file."""
        source = tmp_path / "schedule.xml"
        source.write_bytes(b'<?xml version="1.0" encoding="x-bogus"?>\n<schedule/>')
        assert "encoding" in refused(source)

    def test_dtd_default_attributes_are_not_applied(self, tmp_path):
        """A DTD that would give every <room> a guid is refused, not applied."""
        source = tmp_path / "schedule.xml"
        source.write_bytes(
            b'<?xml version="1.0"?>\n'
            b'<!DOCTYPE schedule [<!ATTLIST room guid CDATA "0b6f9c57-3c2e-4a9e-9c1e">]>\n'
            b"<schedule><conference><title>x</title></conference></schedule>"
        )
        stderr = refused(source)
        assert "document type declaration" in stderr
        assert f"{source}:2:" in stderr

    def test_a_plain_doctype_is_refused_too(self):
        """Even <!DOCTYPE schedule> without declarations is refused, with the line."""
        with pytest.raises(ep.SourceError) as caught:
            read_schedule(b'<?xml version="1.0"?>\n<!DOCTYPE schedule>\n<schedule/>', "frab-xml")
        assert caught.value.problems[0].line == 2


class TestSniff:
    def test_schedule_key_after_4096_bytes(self, tmp_path):
        """A valid schedule.json with "schedule" after a long "generator" is recognised."""
        data = {"generator": {"name": "x" * 10_000}, **document()}
        source = tmp_path / "schedule.json"
        source.write_text(json.dumps(data), encoding="utf-8")
        assert sniff(source.read_bytes()) == "c3voc-json"
        assert ep.load(source).title == "Demo"

    def test_a_description_cannot_fake_a_schedule(self):
        """A programme JSON whose text mentions "schedule": {…} is no schedule."""
        data = json.dumps({"id": "x", "description": '"schedule": {"conference": {}}'}).encode()
        assert sniff(data) is None

    def test_a_nested_schedule_key_is_not_a_schedule(self):
        """Only a top-level "schedule" counts."""
        assert sniff(json.dumps({"days": [{"schedule": {}}]}).encode()) is None

    def test_broken_json_with_a_schedule_key_goes_to_the_schedule_reader(self):
        """Cut-off JSON with a "schedule" object is read as a schedule, so its error says JSON."""
        data = json.dumps(document()).encode()[:-40]
        assert sniff(data) == "c3voc-json"


class TestMessages:
    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            ({"persons": 7}, "persons"),
            ({"links": True}, "links"),
            ({"persons": [7]}, "persons[0]"),
        ],
    )
    def test_wrong_types_are_told_plainly(self, changes, field):
        """Wrong types are named in words an organiser reads, never Python's."""
        data = json.dumps(document(**changes)).encode()
        with pytest.raises(ep.SourceError) as caught:
            read_schedule(data, "c3voc-json", source="s.json")
        (problem,) = caught.value.problems
        assert problem.path.endswith(field)
        assert "expected" in problem.message
        assert "'int'" not in problem.message
        assert "iterable" not in problem.message

    @pytest.mark.parametrize("zone", ["Europe", "A" * 300, "../../etc/passwd"])
    def test_zone_names_that_are_no_zones(self, zone):
        """A zone that is a folder, too long or a path falls back to the events' offset."""
        data = json.dumps(document()).replace("Europe/Berlin", zone).encode()
        assert read_schedule(data, "c3voc-json").timezone == "Etc/GMT-2"

    @pytest.mark.parametrize(
        "date",
        [
            "0001-01-01T00:10:00+02:00",
            "9999-12-31T23:50:00-05:00",
            "1899-12-31T23:50:00+02:00",
            "2999-12-31T23:50:00+00:00",  # ends in the year 3000
        ],
    )
    def test_dates_at_the_calendars_edges(self, date):
        """A start in year 1 or 9999 is a SourceError on the date."""
        data = json.dumps(document(date=date)).encode()
        with pytest.raises(ep.SourceError) as caught:
            read_schedule(data, "c3voc-json")
        assert caught.value.problems[0].path.endswith(".date")

    def test_capacity_beyond_the_models(self):
        """A room capacity of 10**12 is left out, not an error in the model."""
        data = document()
        data["schedule"]["conference"]["rooms"] = [{"name": "Halle", "capacity": 10**12}]
        (room,) = read_schedule(json.dumps(data).encode(), "c3voc-json").venue.rooms
        assert room.capacity is None

    def test_sub_sessions_nest_three_levels_at_most(self):
        """'1.1.1.1 x' is no sub-sub-sub-session: the title stays."""
        events = [
            EVENT | {"guid": None, "id": n, "title": title}
            for n, title in enumerate(["1. a", "1.1 b", "1.1.1 c", "1.1.1.1 d"])
        ]
        data = document()
        data["schedule"]["conference"]["days"][0]["rooms"]["Halle"] = events
        (slot,) = read_schedule(json.dumps(data).encode(), "c3voc-json").days[0].slots
        (top, deepest) = slot.sessions
        assert top.sessions[0].sessions[0].title == "c"
        assert deepest.title == "1.1.1.1 d"

    def test_room_name_of_blanks(self):
        """A room named by blanks becomes '—', not an invalid room."""
        data = json.dumps(document()).replace('"Halle"', '"   "').encode()
        (room,) = read_schedule(data, "c3voc-json").venue.rooms
        assert room.name == "—"


class TestCost:
    def test_errors_are_collected_in_linear_time(self):
        """20,000 events with unreadable times: each named, in about linear time."""
        bad = [EVENT | {"date": None, "start": "x", "guid": None, "id": n} for n in range(20_000)]
        data = document()
        data["schedule"]["conference"]["days"][0]["rooms"]["Halle"] = bad
        began = time.perf_counter()
        with pytest.raises(ep.SourceError) as caught:
            read_schedule(json.dumps(data).encode(), "c3voc-json")
        assert len(caught.value.problems) == 20_000
        assert time.perf_counter() - began < 10
        assert str(caught.value)

    def test_many_events_of_one_title(self):
        """Ids made from 5,000 equal names cost linear time, not quadratic."""
        events = [EVENT | {"guid": None, "code": "same", "id": None} for _ in range(5_000)]
        data = document()
        data["schedule"]["conference"]["days"][0]["rooms"]["Halle"] = events
        began = time.perf_counter()
        programme = read_schedule(json.dumps(data).encode(), "c3voc-json")
        assert time.perf_counter() - began < 10
        assert len(programme.days[0].slots[0].sessions) == 5_000
