"""Hostile sources end in a programme or a SourceError naming file, line and field, never worse."""

from __future__ import annotations

import datetime as dt
import functools
import json
import operator
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import eventprogram as ep
from conftest import SLOW_FORMATS
from eventprogram import _locate, exporters
from sources import MINIMAL, paths

JSON = {
    "format": "eventprogram/1",
    "id": "mini",
    "title": "Fachtag",
    "venue": {"name": "Rathaus"},
    "days": [
        {
            "date": "2025-06-02",
            "slots": [{"id": "s", "start": "09:00", "end": "10:00", "kind": "talk", "title": "T"}],
        }
    ],
}


def problems(text: str, format: str | None = None) -> list[ep.Problem]:  # noqa: A002
    """The problems of loading *text*; fails the test if it loads."""
    with pytest.raises(ep.SourceError) as info:
        ep.loads(text, format=format, source="programme")  # type: ignore[arg-type]
    return list(info.value.problems)


def top(line: str) -> str:
    """MINIMAL with *line* added among the programme's own keys."""
    return MINIMAL.replace('title = "Fachtag"\n', f'title = "Fachtag"\n{line}\n', 1)


def json_with(**changes: object) -> str:
    """The JSON programme with top-level *changes*."""
    return json.dumps({**JSON, **changes})


def nested_sessions(levels: int) -> dict[str, object]:
    """A session holding one sub-session, and so on: *levels* sessions in all."""
    session: dict[str, object] = {"id": f"s{levels}", "title": "x"}
    for level in range(levels - 1, 0, -1):
        session = {"id": f"s{level}", "title": "x", "sessions": [session]}
    return session


def with_sessions(levels: int) -> str:
    data = json.loads(json.dumps(JSON))
    data["days"][0]["slots"][0]["sessions"] = [nested_sessions(levels)]
    return json.dumps(data)


class TestNesting:
    @pytest.mark.parametrize("depth", [900, 100_000])
    def test_deep_json_lists(self, depth):
        """JSON nested hundreds or thousands of levels deep is refused, not a RecursionError."""
        text = json_with(title="T")[:-1] + ', "x": ' + "[" * depth + "]" * depth + "}"
        (problem,) = problems(text)
        assert "nested deeper than 32 levels" in problem.message

    def test_deep_toml_arrays(self):
        """TOML arrays nested 900 levels deep are refused, not a RecursionError."""
        (problem,) = problems(top("deep = " + "[" * 900 + "]" * 900))
        assert "nested deeper than 32 levels" in problem.message

    def test_nesting_beyond_the_parser_is_named_by_path(self):
        """Data that parses but nests more than 32 levels names where it does."""
        value: object = []
        for _ in range(40):
            value = [value]
        (problem,) = problems(json_with(title=value))
        assert problem.path is not None
        assert problem.path.startswith("title[0][0]")

    def test_sessions_at_the_limit_load(self):
        """Eight levels of sessions load: the limit refuses no real programme."""
        programme = ep.loads(with_sessions(8))
        assert len(list(programme.days[0].slots[0].walk_sessions())) == 8

    def test_sessions_beyond_the_limit(self):
        """Nine levels of sessions are one error naming the sessions that are too deep."""
        (problem,) = problems(with_sessions(9))
        assert problem.path == "days[0].slots[0]" + ".sessions[0]" * 8 + ".sessions"
        assert "sessions are nested deeper than 8 levels" in problem.message

    def test_three_hundred_levels_of_sessions(self):
        """300 nested sessions are one error about sessions, not also one about nesting."""
        (problem,) = problems(with_sessions(300))
        assert "sessions are nested deeper than 8 levels" in problem.message


class TestNumbers:
    def test_long_number_in_toml(self):
        """A number of 5,000 digits in TOML is an error with its line, not a ValueError."""
        text = MINIMAL.replace('city = "Dorsten"', 'city = "Dorsten"\nx = ' + "9" * 5000)
        (problem,) = problems(text)
        assert problem.line == 7
        assert "more than 4,300 digits" in problem.message

    def test_long_number_in_json(self):
        """A number of 5,000 digits in JSON is an error too."""
        text = json_with(title="T")[:-1] + ',\n"x": ' + "9" * 5000 + "}"
        (problem,) = problems(text)
        assert problem.line == 2

    @pytest.mark.parametrize(("capacity", "ok"), [(1_000_000, True), (1_000_001, False)])
    def test_capacity_range(self, capacity, ok):
        """A capacity up to 1,000,000 loads; one more is an error naming the field."""
        text = MINIMAL.replace(
            'city = "Dorsten"',
            f'city = "Dorsten"\nrooms = [{{ id = "r", name = "R", capacity = {capacity} }}]',
        )
        if ok:
            assert ep.loads(text).venue.rooms[0].capacity == capacity
        else:
            (problem,) = problems(text)
            assert (problem.path, problem.line) == ("venue.rooms[0].capacity", 7)

    def test_a_long_number_in_a_message_is_cut(self):
        """A 4,000-digit number where text belongs is named, not printed in full."""
        (problem,) = problems(top("subtitle = " + "9" * 4000))
        assert problem.path == "subtitle"
        assert len(problem.message) < 200


class TestDates:
    @pytest.mark.parametrize("date", ["0001-01-01", "9999-12-31", "1899-12-31", "3000-01-01"])
    def test_days_out_of_range(self, date):
        """A day outside 1900 to 2999 is one error on its date, not also one per time."""
        (problem,) = problems(MINIMAL.replace("2025-06-02", date))
        assert (problem.path, problem.line) == ("days[0].date", 9)
        assert "between the years 1900 and 2999" in problem.message

    @pytest.mark.parametrize("date", ["1900-01-01", "2999-12-31"])
    def test_days_at_the_range_edges_load_and_build(self, date):
        """The first and last day of the range load, and every format is built."""
        programme = ep.loads(MINIMAL.replace("2025-06-02", date))
        for fmt in exporters.available().values():
            assert fmt.render(programme, exporters.RenderOptions())

    def test_revision_out_of_range(self):
        """A revision in the year 7000 is an error naming it: iCal's SEQUENCE would overflow."""
        (problem,) = problems(top("revision = 7000-01-01T00:00:00+00:00"))
        assert (problem.path, problem.line) == ("revision", 3)

    def test_time_on_a_date_out_of_range(self):
        """A full date-time out of range on a good day names its field."""
        (problem,) = problems(MINIMAL.replace('"10:00"', '"9999-12-31T10:00"'))
        assert problem.path == "days[0].slots[1].start"

    def test_one_bad_date_one_error(self):
        """A date that is no date is one error, not three (the times on it are fine)."""
        (problem,) = problems(MINIMAL.replace("date = 2025-06-02", 'date = "2025-13-45"'))
        assert problem.path == "days[0].date"

    def test_bad_times_on_a_bad_date_are_still_reported(self):
        """A broken time is reported even when its day's date is broken too."""
        text = MINIMAL.replace("date = 2025-06-02", 'date = "x"').replace('"10:00"', '"25:00"')
        # Times are read before fields are structured: the date is reported once the time is mended.
        assert [p.path for p in problems(text)] == ["days[0].slots[1].start"]


class TestSurrogates:
    def test_lone_surrogate_in_json(self):
        """A lone surrogate in JSON text is an error naming the field and line."""
        text = json.dumps({**JSON, "title": "x"}, indent=1).replace('"x"', '"a\\ud800b"')
        (problem,) = problems(text)
        assert problem.path == "title"
        assert problem.line == text[: text.index("\\ud800")].count("\n") + 1

    def test_lone_low_surrogate_in_a_list(self):
        """A lone second half (\\udc00) is refused as well, with its path."""
        data = json.loads(json.dumps(JSON))
        data["days"][0]["slots"][0]["title"] = "PLACEHOLDER"
        text = json.dumps(data).replace("PLACEHOLDER", "\\udc00")
        (problem,) = problems(text)
        assert problem.path == "days[0].slots[0].title"

    def test_a_surrogate_pair_is_a_character(self):
        """An emoji written as a surrogate pair in JSON loads."""
        text = json_with(title="x").replace('"x"', '"\\ud83d\\ude00"')
        assert ep.loads(text).title == "\U0001f600"

    def test_lone_surrogate_in_a_key(self):
        """A lone surrogate in a key is an error, and the message can be printed."""
        text = json_with(title="T")[:-1] + ', "\\ud800": 1}'
        (problem,) = problems(text)
        str(problem).encode("utf-8")

    def test_lone_surrogate_in_text_given_as_str(self):
        """A str with a lone surrogate given to loads is an error, not a UnicodeEncodeError."""
        (problem,) = problems(json_with(title="a\ud800"))
        assert problem.path == "title"


class TestZones:
    @pytest.mark.parametrize(
        "zone", ["Europe", "a" * 300, "../../../../etc/passwd", "zone.tab", "Europe/", "\x00"]
    )
    def test_not_a_zone(self, zone):
        """A folder, a long string or a path is 'not an IANA time zone', showing no path."""
        (problem,) = problems(json_with(timezone=zone))
        assert problem.path == "timezone"
        assert "is not an IANA time zone such as 'Europe/Berlin'" in problem.message
        assert "zoneinfo" not in problem.message
        assert os.sep + "usr" not in problem.message
        assert len(problem.message) < 160

    @pytest.mark.parametrize("zone", ["Europe/Berlin", "America/Argentina/ComodRivadavia", "UTC"])
    def test_real_zones(self, zone):
        """Real zone names, the longest included, load."""
        assert ep.loads(json_with(timezone=zone)).timezone == zone


class TestMessages:
    def test_top_level_field_rule_names_field_and_line(self):
        """A bad id of the programme itself names the field `id` and its line."""
        (problem,) = problems(MINIMAL.replace('id = "mini"', 'id = "Mein Fachtag"'))
        assert (problem.path, problem.line) == ("id", 1)

    def test_blank_room_name(self):
        """A room name of blanks is an error naming the room's name and line."""
        text = MINIMAL.replace(
            'city = "Dorsten"', 'city = "Dorsten"\nrooms = [{ id = "r", name = "   " }]'
        )
        (problem,) = problems(text)
        assert (problem.path, problem.line) == ("venue.rooms[0].name", 7)

    @pytest.mark.parametrize(
        ("change", "path"),
        [
            ({"venue": 5}, "venue"),
            ({"days": [5]}, "days[0]"),
            ({"people": [{"id": "x", "family_name": "y"}, "gabi"]}, "people[1]"),
        ],
    )
    def test_a_value_where_a_table_belongs(self, change, path):
        """A number or text where a table belongs says so, not Python's 'is not iterable'."""
        (problem,) = problems(json_with(**change))
        assert problem.path == path
        assert problem.message.startswith("expected a table, got")
        assert "iterable" not in problem.message

    def test_no_days(self):
        """An empty list of days names the field in words, not attrs' 'Length of'."""
        (problem,) = problems(json_with(days=[]))
        assert (problem.path, problem.message) == ("days", "days needs at least one entry")


class TestGerman:
    def test_problems_in_both_languages(self):
        """A load error reads in German for `de` and English for `en`, and the two differ."""
        with pytest.raises(ep.SourceError) as info:
            ep.loads(MINIMAL.replace('title = "Ende"', 'titel = "Ende"'), source="p.toml")
        error = info.value
        assert error.to_text("de") == (
            "p.toml:22: days[0].slots[1]:"
            " unbekannter Schlüssel 'titel' (gemeint ist wohl 'title')\n"
        )
        assert error.to_text("en") == (
            "p.toml:22: days[0].slots[1]: unknown key 'titel' (did you mean 'title'?)\n"
        )
        assert error.to_text("de-AT") == error.to_text("de")

    @pytest.mark.parametrize(
        "text",
        [
            MINIMAL.replace('"10:00"', '"25:00"'),
            MINIMAL.replace('"10:00"', '"10.00 Uhr"'),
            MINIMAL.replace("2025-06-02", "3000-01-01"),
            MINIMAL.replace('title = "Fachtag"', "title = 5"),
            MINIMAL.replace('"gabi", roles', '"gaby", roles'),
            top('timezone = "Europe"'),
            "",
        ],
    )
    def test_every_kind_of_problem_has_german(self, text):
        """Messages of every stage (times, fields, types, references, the file) have German."""
        with pytest.raises(ep.SourceError) as info:
            ep.loads(text)
        for problem in info.value.problems:
            assert problem.text.de != problem.text.en

    def test_the_programmes_language_is_kept(self):
        """The error carries the source's `language`, so problems can be told in it."""
        with pytest.raises(ep.SourceError) as info:
            ep.loads(top('language = "en"').replace('title = "Ende"', 'titel = "Ende"'))
        assert info.value.language == "en"

    def test_finding_uses_the_same_text(self):
        """A finding's message and hint come from one bilingual Text."""
        finding = ep.Finding(
            code="EP1",
            rule="r",
            severity=ep.Severity.ERROR,
            message_de="de",
            message_en="en",
            path="",
            hint_de=None,
            hint_en="hint",
        )
        assert (finding.message("de"), finding.message("en")) == ("de", "en")
        assert (finding.hint("de"), finding.hint("en")) == (None, "hint")


class TestFold:
    AUTUMN = MINIMAL.replace("2025-06-02", "2025-10-26")

    def test_offset_picks_the_second_time(self):
        """02:50+02:00 to 02:10+01:00 is 20 minutes: the end is the second 02:10 (fold=1)."""
        text = self.AUTUMN.replace('start = "09:00"', 'start = "02:50+02:00"\nend = "02:10+01:00"')
        programme = ep.loads(text)
        slot = programme.days[0].slots[0]
        assert (slot.start.fold, slot.end.fold) == (0, 1)
        utc = dt.UTC
        length = programme.localize(slot.end).astimezone(utc) - programme.localize(
            slot.start
        ).astimezone(utc)
        assert length == dt.timedelta(minutes=20)

    def test_fold_survives_json(self):
        """The second 02:10 is written with its offset and read back as the second one."""
        text = self.AUTUMN.replace('start = "09:00"', 'start = "02:50"\nend = "02:10+01:00"')
        written = ep.dumps(ep.loads(text))
        assert '"end": "2025-10-26T02:10:00+01:00"' in written
        assert '"start": "2025-10-26T02:50:00",' in written
        assert ep.loads(written).days[0].slots[0].end.fold == 1

    def test_first_of_two_times_is_written_as_today(self):
        """The first 02:10 (fold=0) and unambiguous times keep their form without offset."""
        text = self.AUTUMN.replace('start = "09:00"', 'start = "02:10+02:00"')
        written = ep.dumps(ep.loads(text))
        assert '"start": "2025-10-26T02:10:00",' in written
        assert "+01:00" not in written
        assert ep.loads(written).days[0].slots[0].start.fold == 0

    def test_fold_in_a_sub_session(self):
        """A sub-session's second 02:30 survives JSON too."""
        data = json.loads(json.dumps(JSON))
        data["days"][0]["date"] = "2025-10-26"
        slot = data["days"][0]["slots"][0]
        slot.update(start="01:00", end="04:00")
        slot["sessions"] = [
            {
                "id": "a",
                "title": "A",
                "sessions": [{"id": "b", "title": "B", "start": "02:30+01:00"}],
            }
        ]
        programme = ep.loads(json.dumps(data))
        again = ep.loads(ep.dumps(programme))
        assert again.days[0].slots[0].sessions[0].sessions[0].start.fold == 1

    def test_toml_date_time_with_offset(self):
        """A TOML offset date-time becomes the wall-clock time with its fold."""
        text = self.AUTUMN.replace('start = "10:00"', "start = 2025-10-26T02:10:00+01:00")
        assert ep.loads(text).days[0].slots[1].start.fold == 1

    def test_utc_offset_in_a_utc_programme(self):
        """'Z' is an offset like any other: 07:00Z is 07:00 in a programme in UTC."""
        programme = ep.loads(top('timezone = "UTC"').replace('"09:00"', '"07:00Z"'))
        assert programme.days[0].slots[0].start == dt.datetime(2025, 6, 2, 7, 0)

    def test_offset_is_not_a_conversion(self):
        """07:00Z in Berlin is refused, not moved to 09:00: the wall-clock time is what counts."""
        (problem,) = problems(MINIMAL.replace('"09:00"', '"07:00Z"'))
        assert problem.path == "days[0].slots[0].start"

    def test_offset_the_zone_does_not_have(self):
        """An offset the zone does not have then is an error naming the field and line."""
        (problem,) = problems(MINIMAL.replace('"09:00"', '"09:00+01:00"'))
        assert (problem.path, problem.line) == ("days[0].slots[0].start", 13)
        assert problem.hint == "leave the offset out, or give +02:00"


class TestFiles:
    def test_image_sources_refused(self, tmp_path):
        """Images outside the folder, with NUL, devices or FIFOs are left out with a note each."""
        outside = tmp_path / "outside.png"
        outside.write_bytes(b"\x89PNG secret")
        folder = tmp_path / "event"
        folder.mkdir()
        (folder / "pics").mkdir()
        (folder / "pics" / "ok.png").write_bytes(b"\x89PNG fine")
        (folder / "link.png").symlink_to(outside)
        os.mkfifo(folder / "fifo.png")
        sources = {
            "ok": "pics/ok.png",
            "nul": "a\\u0000b",
            "zero": "/dev/zero",
            "absolute": str(outside),
            "up": "../outside.png",
            "link": "link.png",
            "fifo": "fifo.png",
            "folder": "pics",
            "missing": "nothing.png",
        }
        images = "".join(
            f'[[images]]\nid = "{name}"\nsrc = "{src}"\nalt = ""\n\n'
            for name, src in sources.items()
        )
        (folder / "programme.toml").write_text(
            MINIMAL.replace("[[days]]", images + "[[days]]", 1), encoding="utf-8"
        )
        programme = ep.load(folder)
        signal.alarm(10)  # a FIFO opened for reading would wait for ever
        try:
            found, notes = ep.load_images(programme, folder)
        finally:
            signal.alarm(0)
        assert found == {"ok": b"\x89PNG fine"}
        assert [n.path for n in notes] == [f"images[{i}].src" for i in range(1, len(sources))]
        assert "secret" not in "".join(map(str, notes))
        assert "NUL" in notes[0].message
        assert "not inside the programme's folder" in notes[1].message
        assert "not a regular file" in notes[5].message

    def test_image_size_limit(self, tmp_path):
        """An image of 5 MiB is read; one byte more is left out with a note."""
        for name, size in (("fits", 5 * 2**20), ("big", 5 * 2**20 + 1)):
            (tmp_path / f"{name}.png").write_bytes(b"\0" * size)
        images = "".join(
            f'[[images]]\nid = "{n}"\nsrc = "{n}.png"\nalt = ""\n\n' for n in ("fits", "big")
        )
        (tmp_path / "programme.toml").write_text(
            MINIMAL.replace("[[days]]", images + "[[days]]", 1)
        )
        found, (note,) = ep.load_images(ep.load(tmp_path), tmp_path)
        assert set(found) == {"fits"}
        assert "larger than 5 MiB" in note.message

    @pytest.mark.parametrize("kind", ["fifo", "device"])
    def test_source_that_is_no_file(self, tmp_path, kind):
        """A FIFO or a device as source is refused at once, not waited on or read for ever."""
        if kind == "fifo":
            source = tmp_path / "p.toml"
            os.mkfifo(source)
        else:
            source = Path("/dev/zero")
        signal.alarm(10)
        try:
            with pytest.raises(ep.SourceError) as info:
                ep.load(source)
        finally:
            signal.alarm(0)
        assert "not a regular file" in str(info.value)

    def test_folder_without_programme(self, tmp_path):
        """A folder without programme.toml is an error naming the folder."""
        with pytest.raises(ep.SourceError) as info:
            ep.load(tmp_path)
        assert info.value.problems[0].file == str(tmp_path)

    def test_folder_that_cannot_be_read(self, tmp_path, monkeypatch):
        """A folder that cannot be looked into is an error naming it, not a PermissionError."""

        def denied(_: Path) -> bool:
            raise PermissionError(13, "Permission denied")

        monkeypatch.setattr(Path, "is_file", denied)
        with pytest.raises(ep.SourceError) as info:
            ep.load(tmp_path)
        assert str(info.value) == f"{tmp_path}: cannot read the folder (Permission denied)"


class TestCost:
    def test_headers_are_indexed_once(self, monkeypatch):
        """Locating the lines of 300 problems reads the TOML's headers once, not once each."""
        calls = []
        original = _locate._sections  # noqa: SLF001 -- counting what the locator reads
        monkeypatch.setattr(_locate, "_sections", lambda lines: calls.append(1) or original(lines))
        slots = "".join(
            f'\n[[days.slots]]\nid = "s{i}"\nstart = "09:00"\nkind = "talk"\ntitel = "x"\n'
            for i in range(300)
        )
        head = MINIMAL.split("[[days.slots]]", maxsplit=1)[0]
        found = problems(head + slots)
        assert len(found) == 300
        assert found[-1].line == head.count("\n") + 1 + 300 * 6 - 1
        assert len(calls) == 1


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        (
            "deep.json",
            json_with(title="T")[:-1] + ', "x": ' + "[" * 900 + "]" * 900 + "}",
            "nested deeper",
        ),
        ("deep.toml", top("x = " + "[" * 900 + "]" * 900), "nested deeper"),
        ("sessions.json", with_sessions(300), "sessions are nested deeper than 8 levels"),
        ("long.toml", top("x = " + "9" * 5000), "long.toml:3: a number has more than 4,300 digits"),
        ("year.toml", MINIMAL.replace("2025-06-02", "9999-12-31"), "year.toml:9: days[0].date:"),
        (
            "surrogate.json",
            json_with(title="x").replace('"x"', '"\\ud800"'),
            "surrogate.json:1: title:",
        ),
        (
            "zone.toml",
            top('timezone = "Europe"'),
            "zone.toml:3: timezone: timezone 'Europe' is not",
        ),
    ],
)
def test_cli_reports_hostile_input(tmp_path, name, content, expected):
    """validate and build exit 2 naming file, line and field, with no traceback."""
    (tmp_path / name).write_text(content, encoding="utf-8")
    for command in (
        ["validate", name, "--lang", "en"],
        ["build", name, "-o", "out", "--lang", "en"],
    ):
        result = subprocess.run(
            [sys.executable, "-m", "eventprogram", *command],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        )
        assert result.returncode == 2, result.stderr
        assert expected in result.stderr
        assert "Traceback" not in result.stderr


_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12)
    | st.sampled_from(["", " ", "10:00", "02:30+01:00", "2025-06-02", "9999-12-31", "Europe"])
)
_KEYS = st.sampled_from(["id", "title", "start", "end", "sessions", "people", "date", "kind"])
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(_KEYS | st.text(max_size=4), inner, max_size=3)
    ),
    max_leaves=12,
)


def _example() -> dict[str, object]:
    data = json.loads(json.dumps(JSON))
    data["days"][0]["slots"][0]["sessions"] = [nested_sessions(2)]
    data["days"][0]["slots"][0]["people"] = [{"person": "gabi", "roles": ["input"]}]
    data["people"] = [{"id": "gabi", "family_name": "Schmidt"}]
    data["venue"]["rooms"] = [{"id": "saal", "name": "Saal", "capacity": 80}]
    return data


@settings(deadline=None)
@given(data=st.data())
def test_any_value_anywhere_gives_a_programme_or_a_source_error(data):
    """Any value put anywhere in a programme loads, validates and builds, or is a SourceError."""
    document = _example()
    path = data.draw(st.sampled_from(paths(document)[1:]))
    *parents, last = path
    holder = functools.reduce(operator.getitem, parents, document)
    holder[last] = data.draw(_VALUES)  # type: ignore[index]
    text = json.dumps(document, allow_nan=False)
    try:
        programme = ep.loads(text)
    except ep.SourceError as error:
        for language in ("de", "en"):
            error.to_text(language).encode("utf-8")
        return
    ep.validate(programme)
    for fmt in exporters.available().values():
        if fmt.name not in SLOW_FORMATS:  # the PDFs: tests/test_pdf.py
            fmt.render(programme, exporters.RenderOptions())
