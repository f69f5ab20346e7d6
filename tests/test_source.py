"""Reading TOML and JSON sources, writing canonical JSON, and the errors for bad input."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest
from hypothesis import given

import eventprogram as ep
from eventprogram.testing import programmes
from sources import MINIMAL


def problems(text: str, format: str | None = None) -> list[ep.Problem]:  # noqa: A002
    with pytest.raises(ep.SourceError) as info:
        ep.loads(text, format=format, source="programme.toml")  # type: ignore[arg-type]
    return list(info.value.problems)


class TestRoundTrip:
    @given(programmes())
    def test_json_round_trip(self, programme):
        """Every generated programme survives JSON unchanged: loads(dumps(p)) == p."""
        assert ep.loads(ep.dumps(programme)) == programme

    @given(programmes())
    def test_dumps_is_stable(self, programme):
        """Writing the programme read back from JSON gives the same text again."""
        text = ep.dumps(programme)
        assert ep.dumps(ep.loads(text)) == text

    def test_example_round_trip(self, example_dir):
        """The worked example survives JSON unchanged."""
        programme = ep.load(example_dir)
        assert ep.loads(ep.dumps(programme), format="json") == programme

    def test_json_is_marked_and_readable(self, example_dir):
        """The JSON starts with its format marker and keeps German text unescaped."""
        text = ep.dumps(ep.load(example_dir))
        data = json.loads(text)
        assert next(iter(data)) == "format"
        assert data["format"] == "eventprogram/1"
        assert "Begrüßung und Agenda" in text
        assert text.endswith("}\n")


class TestToml:
    def test_wall_clock_times_on_their_day(self):
        """ "09:00" under a day becomes 09:00 local time on that day's date."""
        programme = ep.loads(MINIMAL)
        (day,) = programme.days
        assert day.slots[0].start == dt.datetime(2025, 6, 2, 9, 0)
        assert day.end_of(day.slots[0]) == dt.datetime(2025, 6, 2, 10, 0)

    def test_defaults(self):
        """Language and time zone default to German and Europe/Berlin."""
        programme = ep.loads(MINIMAL)
        assert (programme.language, programme.timezone) == ("de", "Europe/Berlin")

    def test_after_midnight_as_full_date_time(self):
        """A slot after midnight is written as a full local date and time."""
        text = MINIMAL.replace('start = "10:00"', 'start = "2025-06-03T00:30"')
        programme = ep.loads(text)
        assert programme.days[0].slots[1].start == dt.datetime(2025, 6, 3, 0, 30)

    def test_toml_time_values(self):
        """TOML's own time values work as well as strings."""
        programme = ep.loads(MINIMAL.replace('start = "09:00"', "start = 09:00:00"))
        assert programme.days[0].slots[0].start == dt.datetime(2025, 6, 2, 9, 0)

    def test_folder_means_its_programme_toml(self, tmp_path):
        """Loading a folder loads the programme.toml in it."""
        (tmp_path / "programme.toml").write_text(MINIMAL, encoding="utf-8")
        assert ep.load(tmp_path).id == "mini"

    def test_enums_and_custom_vocabulary(self):
        """Organiser roles become enum members; custom roles and kinds can be used."""
        text = (
            MINIMAL.replace('roles = ["welcome"]', 'roles = ["impuls"]').replace(
                'kind = "welcome"', 'kind = "markt"'
            )
            + '\n[[roles]]\nid = "impuls"\nde = "Impuls"\nen = "Impulse"\n'
            + '\n[[kinds]]\nid = "markt"\nde = "Markt der Möglichkeiten"\nen = "Fair"\n'
            + '\n[[organisations]]\nid = "stadt"\nname = "Stadt Dorsten"\n'
            + '\n[[organisers]]\norganisation = "stadt"\nrole = "host"\n'
        )
        programme = ep.loads(text)
        assert programme.organisers[0].role is ep.OrganiserRole.HOST
        assert programme.role("impuls").en == "Impulse"
        assert programme.kind("markt").de == "Markt der Möglichkeiten"


class TestBadInput:
    """Each kind of bad input gives one clear problem naming the file, line and field."""

    def test_empty(self):
        """An empty file says it is empty."""
        (problem,) = problems("  \n")
        assert "empty" in problem.message

    def test_binary(self):
        """A binary file says it is binary."""
        with pytest.raises(ep.SourceError, match="binary"):
            ep.loads(b"\x7fELF\x02\x01\x01\x00\x00", source="programme.toml")

    def test_not_utf8(self):
        """Latin-1 text names its line and asks for UTF-8."""
        with pytest.raises(ep.SourceError) as info:
            ep.loads('id = "x"\ntitle = "Gr\xfc\xdfe"\n'.encode("latin-1"), source="p.toml")
        (problem,) = info.value.problems
        assert (problem.line, problem.hint) == (2, "save it as UTF-8 in your editor")

    def test_broken_toml(self):
        """Broken TOML names the line the parser stopped at."""
        (problem,) = problems(MINIMAL.replace('title = "Fachtag"', 'title = "Fachtag'))
        assert problem.message.startswith("not valid TOML")
        assert problem.line == 2

    def test_misspelt_key(self):
        """A misspelt key is an error with its line and a suggestion, never silently dropped."""
        found = problems(MINIMAL.replace('kind = "end"', 'knd = "end"'))
        unknown = [p for p in found if "unknown key" in p.message]
        assert len(found) == 1, "one typo, one problem: the missing 'kind' is not reported too"
        assert [(p.path, p.line) for p in unknown] == [("days[0].slots[1]", 21)]
        assert "did you mean 'kind'?" in unknown[0].message

    def test_dangling_person(self):
        """A reference to an unknown person names the field and suggests the nearest id."""
        (problem,) = problems(MINIMAL.replace('person = "gabi"', 'person = "gaby"'))
        assert problem.path == "days[0].slots[0].people[0].person"
        assert problem.message == "no person 'gaby'"
        assert problem.hint == "did you mean 'gabi' (Gabi Schmidt)?"
        assert problem.line == 16

    def test_hour_25(self):
        """ "25:00" is no time of day."""
        (problem,) = problems(MINIMAL.replace('"10:00"', '"25:00"'))
        assert (problem.path, problem.line) == ("days[0].slots[1].start", 20)
        assert "'25:00' is not a time of day" in problem.message

    def test_german_time(self):
        """ "10.00" is recognised and the hint shows how to write it."""
        (problem,) = problems(MINIMAL.replace('"10:00"', '"10.00"'))
        assert problem.hint == "write '10:00'"

    def test_truncated_json(self, example_dir):
        """JSON cut short names its last line and says it may be cut short."""
        text = ep.dumps(ep.load(example_dir))
        (problem,) = problems(text[:2000], format="json")
        assert problem.message.startswith("not valid JSON")
        assert problem.line == text[:2000].count("\n") + 1
        assert problem.hint == "the file may be cut short"

    def test_json_cut_inside_a_string(self):
        """JSON cut short inside a string is reported as cut short too, at the string's line."""
        text = '{"format": "eventprogram/1",\n"title": "Fachtag Sozial'
        (problem,) = problems(text, format="json")
        assert problem.message.startswith("not valid JSON: a text is never closed")
        assert problem.line == 2
        assert problem.hint == "the file may be cut short"

    def test_json_without_marker(self):
        """JSON of another shape is not taken for a programme."""
        (problem,) = problems('{"events": [], "version": "1"}')
        assert problem.path == "format"

    def test_schedule_json_of_another_shape(self):
        """JSON that starts like a schedule.json but holds no conference says what it lacks."""
        (problem,) = problems('{"schedule": {"version": "1"}}')
        assert problem.path == "schedule.conference"
        assert "schedule.json" in problem.message

    def test_wrong_types(self):
        """A number where text belongs, or text where a list belongs, is an error."""
        found = problems(
            MINIMAL.replace('title = "Fachtag"', "title = 2025").replace(
                'roles = ["welcome"]', 'roles = "welcome"'
            )
        )
        assert {(p.path, p.message) for p in found} == {
            ("title", "expected text, got 2025"),
            ("days[0].slots[0].people[0].roles", "expected a list, got text 'welcome'"),
        }

    def test_several_problems_at_once(self):
        """All structural problems are reported together, in one error."""
        text = MINIMAL.replace('kind = "end"', 'knd = "end"').replace(
            'title = "Fachtag"', "title = 1"
        )
        assert [p.path for p in problems(text)] == ["title", "days[0].slots[1]"]

    def test_duplicate_person_ids(self):
        """Two people with one id are an error: references would be ambiguous."""
        text = MINIMAL + '\n[[people]]\nid = "gabi"\nfamily_name = "Schmitz"\n'
        (problem,) = problems(text)
        assert problem.path == "people[1].id"


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("empty.toml", b"", "the file is empty"),
        ("binary.toml", b"\x89PNG\r\n\x1a\n\x00\x00", "binary file"),
        ("broken.toml", MINIMAL.replace('"Fachtag"', '"Fachtag').encode(), "broken.toml:2:"),
        (
            "misspelt.toml",
            MINIMAL.replace('kind = "end"', 'knd = "end"').encode(),
            "misspelt.toml:21: days[0].slots[1]: unknown key 'knd' (did you mean 'kind'?)",
        ),
        (
            "dangling.toml",
            MINIMAL.replace('"gabi", roles', '"gaby", roles').encode(),
            (
                "dangling.toml:16: days[0].slots[0].people[0].person: no person 'gaby'"
                " (did you mean 'gabi' (Gabi Schmidt)?)"
            ),
        ),
        (
            "hour.toml",
            MINIMAL.replace('"10:00"', '"25:00"').encode(),
            "hour.toml:20: days[0].slots[1].start: '25:00' is not a time of day",
        ),
        ("truncated.json", b'{"format": "eventprogram/1", "id": "x", "ti', "truncated.json:1:"),
    ],
)
def test_cli_reports_bad_input(tmp_path, name, content, expected):
    """The command names file, line and field, exits 2, and shows no traceback."""
    source = tmp_path / name
    source.write_bytes(content)
    result = subprocess.run(
        [sys.executable, "-m", "eventprogram", "validate", name, "--lang", "en"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert expected in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


class TestImages:
    def test_reads_pictures_beside_the_source(self, example_dir):
        """The example's puzzle picture is read from beside programme.toml; the logo has no file."""
        programme = ep.load(example_dir)
        images, problems = ep.load_images(programme, example_dir)
        assert set(images) == {"puzzle"}
        assert images["puzzle"].startswith(b"<svg")
        assert problems == []

    def test_missing_picture_is_named(self, tmp_path, example_dir):
        """A picture that is not there is left out and named, with its field."""
        source = tmp_path / "programme.toml"
        source.write_bytes((example_dir / "programme.toml").read_bytes())
        images, (problem,) = ep.load_images(ep.load(source), source)
        assert images == {}
        assert problem.path == "images[1].src"
        assert "puzzle.svg" in problem.message
