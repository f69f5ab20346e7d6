"""``eventprogram new``: a new event to fill in, that validates and builds as it is."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
import tomllib
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

import eventprogram as ep
from eventprogram import exporters
from eventprogram._cli import main
from eventprogram._scaffold import LARGEST_GROUPS, ScaffoldError, toml_string

PLACEHOLDERS = {
    "de": ("Titel der Veranstaltung", "Vorname", "Nachname", "Titel der Arbeitsgruppe 1"),
    "en": ("Title of the event", "First name", "Last name", "Title of working group 1"),
}
MARKS = {"de": "# AUSFÜLLEN", "en": "# TODO"}


def new(tmp_path, *options: str, name: str = "fachtag") -> tuple[int, ep.Programme | None]:
    folder = tmp_path / name
    code = main(["new", str(folder), *options])
    return code, (ep.load(folder) if code == 0 else None)


class TestShapes:
    @pytest.mark.parametrize("language", ["de", "en"])
    @pytest.mark.parametrize("days", [1, 2])
    @pytest.mark.parametrize("groups", [0, 1, 5])
    def test_every_shape_validates_clean_and_builds_every_format(
        self, tmp_path, capsys, language, days, groups
    ):
        """Each shape loads, has no finding at all, and builds in every installed format."""
        folder = tmp_path / "neu"
        options = ["--lang", language, "--days", str(days), "--groups", str(groups)]
        assert main(["new", str(folder), *options, "--date", "2026-10-29"]) == 0
        programme = ep.load(folder)
        assert ep.validate(programme).findings == ()
        assert programme.language == language
        assert [d.date for d in programme.days] == [
            dt.date(2026, 10, 29) + dt.timedelta(days=n) for n in range(days)
        ]
        parallel = [s for d in programme.days for s in d.slots if s.kind == "working-groups"]
        assert [len(s.sessions) for s in parallel] == ([groups] if groups else [])
        for session in (s for slot in parallel for s in slot.sessions):
            assert session.room is not None
            assert [c.roles for c in session.people] == [("moderation",)]
        out = tmp_path / "dist"
        capsys.readouterr()
        assert main(["build", str(folder), "-o", str(out)]) == 0
        assert "Fehler" not in capsys.readouterr().err
        built = sorted(p.name for p in out.iterdir())
        published = [f for name, f in exporters.available().items() if name != "toml"]
        assert built == sorted(f"neu{f.suffix}" for f in published)

    def test_the_most_groups_and_one_more(self, tmp_path, capsys):
        """Twenty working groups are laid out; twenty-one is refused before anything is written."""
        code, programme = new(tmp_path, "--groups", str(LARGEST_GROUPS))
        assert code == 0
        assert programme is not None
        assert ep.validate(programme).findings == ()
        with pytest.raises(SystemExit) as exited:
            main(["new", str(tmp_path / "more"), "--groups", str(LARGEST_GROUPS + 1)])
        assert exited.value.code == 2
        assert "not a number from 0 to 20" in capsys.readouterr().err
        assert not (tmp_path / "more").exists()

    def test_defaults(self, tmp_path):
        """Without options: German, one day, two working groups, a placeholder title."""
        code, programme = new(tmp_path)
        assert code == 0
        assert programme is not None
        assert programme.language == "de"
        assert len(programme.days) == 1
        assert programme.title == "Titel der Veranstaltung"
        now = dt.datetime.now(ZoneInfo("Europe/Berlin"))
        assert programme.days[0].date == now.date()  # today, marked to be filled in
        assert programme.revision is not None
        assert abs(programme.revision - now) < dt.timedelta(minutes=1)
        assert [s.id for s in programme.days[0].slots[4].sessions] == ["ag1", "ag2"]
        assert programme.id == "fachtag"

    @pytest.mark.parametrize(
        ("name", "expected"),
        [
            ("Fachtag Süd 2026", "fachtag-sued-2026"),
            ("日本", "veranstaltung"),
            ("--", "veranstaltung"),
        ],
    )
    def test_the_id_comes_from_the_folder(self, tmp_path, name, expected):
        """The programme's id is the folder's name as a slug, or a word where none is left."""
        code, programme = new(tmp_path, name=name)
        assert code == 0
        assert programme is not None
        assert programme.id == expected


class TestPlaceholders:
    @pytest.mark.parametrize("language", ["de", "en"])
    def test_every_placeholder_is_marked_in_the_language(self, tmp_path, language):
        """Each line with a placeholder carries the marker of its language; the other is absent."""
        assert main(["new", str(tmp_path / "x"), "--lang", language, "--days", "2"]) == 0
        text = (tmp_path / "x" / "programme.toml").read_text(encoding="utf-8")
        other = "en" if language == "de" else "de"
        assert MARKS[other] not in text
        for placeholder in PLACEHOLDERS[language]:
            lines = [
                line
                for line in text.splitlines()
                if f'"{placeholder}"' in line and not line.startswith("#")
            ]
            assert lines, placeholder
            assert all(MARKS[language] in line for line in lines), lines
        assert re.search(rf"^date = \S+  {MARKS[language]}", text, re.MULTILINE)

    @pytest.mark.parametrize(
        ("language", "words", "foreign"),
        [
            ("de", ("So geht es weiter", "Ablauf", "Personen"), ("What to do next", "Schedule")),
            ("en", ("What to do next", "Schedule", "People"), ("So geht es weiter", "Ablauf")),
        ],
    )
    def test_the_comments_are_in_the_language(self, tmp_path, language, words, foreign):
        """The comments speak the language of --lang, and not the other one."""
        assert main(["new", str(tmp_path / "x"), "--lang", language]) == 0
        text = (tmp_path / "x" / "programme.toml").read_text(encoding="utf-8")
        comments = "\n".join(line for line in text.splitlines() if line.startswith("#"))
        assert all(word in comments for word in words)
        assert not any(word in comments for word in foreign)

    def test_the_folder_is_named_in_the_commands(self, tmp_path, monkeypatch, capsys):
        """The comments and the message name the commands to run next with the folder."""
        monkeypatch.chdir(tmp_path)
        assert main(["new", "mein-fachtag"]) == 0
        text = (tmp_path / "mein-fachtag" / "programme.toml").read_text(encoding="utf-8")
        assert "#      eventprogram preview mein-fachtag\n" in text
        out = capsys.readouterr().out
        assert out.startswith("wrote mein-fachtag/programme.toml\n")
        assert "  eventprogram preview mein-fachtag\n" in out

    @pytest.mark.parametrize("language", ["de", "en"])
    def test_the_optional_lines_work_when_uncommented(self, tmp_path, language):
        """Deleting the "# " before subtitle, url and page_url gives a valid programme."""
        assert main(["new", str(tmp_path / "x"), "--lang", language]) == 0
        file = tmp_path / "x" / "programme.toml"
        text = file.read_text(encoding="utf-8")
        text, count = re.subn(r"^# ((?:subtitle|url|page_url) = )", r"\1", text, flags=re.MULTILINE)
        assert count == 3
        file.write_text(text, encoding="utf-8")
        programme = ep.load(file)
        assert programme.subtitle in {"Untertitel", "Subtitle"}
        assert programme.page_url is not None
        assert programme.page_url.startswith("https://www.example.org/")
        assert ep.validate(programme).findings == ()


class TestTitles:
    @pytest.mark.parametrize(
        "title",
        [
            'Der "Fachtag" 2026',
            "C:\\Pfad\\n nicht \\u0041",
            "Zwei\nZeilen",
            "</title><script>alert(1)</script>",
            "'''\"\"\" # kein Kommentar",
            "Tab\tund DEL\x7f",
            "עברית Fachtag",
        ],
    )
    def test_a_hostile_title_is_written_literally(self, tmp_path, title):
        """Quotes, backslashes, line breaks and markup give a valid TOML file with the title."""
        code, programme = new(tmp_path, "--title", title)
        assert code == 0
        assert programme is not None
        assert programme.title == title
        assert ep.validate(programme).ok
        text = (tmp_path / "fachtag" / "programme.toml").read_text(encoding="utf-8")
        assert tomllib.loads(text)["title"] == title
        out = tmp_path / "dist"
        assert main(["build", str(tmp_path / "fachtag"), "-o", str(out)]) == 0
        assert "<script>alert" not in (out / "fachtag.html").read_text(encoding="utf-8")

    def test_a_title_given_is_not_marked(self, tmp_path):
        """A title given on the command line is no placeholder: its line has no marker."""
        new(tmp_path, "--title", "Fachtag Sozialplanung")
        text = (tmp_path / "fachtag" / "programme.toml").read_text(encoding="utf-8")
        assert 'title = "Fachtag Sozialplanung"\n' in text

    @pytest.mark.parametrize("title", ["   ", "a\udcff"])
    def test_a_title_that_cannot_be_written_writes_nothing(self, tmp_path, capsys, title):
        """A blank title, or one with a broken character, is refused and nothing is written."""
        code, _ = new(tmp_path, "--title", title)
        assert code == 2
        assert "title" in capsys.readouterr().err
        assert list(tmp_path.iterdir()) == []

    @given(st.text(st.characters(exclude_categories=["Cs"]), max_size=40))
    def test_toml_string_reads_back_as_the_text(self, text):
        """Any text without lone surrogates reads back from TOML exactly."""
        assert tomllib.loads(f"x = {toml_string(text)}\n")["x"] == text

    def test_toml_string_refuses_a_lone_surrogate(self):
        """A lone surrogate cannot be written into TOML: a clear error, no broken file."""
        with pytest.raises(ScaffoldError, match="lone surrogate"):
            toml_string("x\ud800")


class TestFolder:
    def test_a_folder_with_anything_in_it_is_refused(self, tmp_path, capsys):
        """A folder that holds a file is left alone: exit 2, a clear message, nothing written."""
        folder = tmp_path / "fachtag"
        folder.mkdir()
        (folder / "notizen.txt").write_text("meins", encoding="utf-8")
        assert main(["new", str(folder)]) == 2
        assert "is not empty; nothing was written" in capsys.readouterr().err
        assert [p.name for p in folder.iterdir()] == ["notizen.txt"]
        assert [p.name for p in tmp_path.iterdir()] == ["fachtag"]

    def test_a_file_of_that_name_is_refused(self, tmp_path, capsys):
        """A file where the folder should be is refused."""
        (tmp_path / "fachtag").write_text("x", encoding="utf-8")
        assert main(["new", str(tmp_path / "fachtag")]) == 2
        assert "is not a folder" in capsys.readouterr().err
        assert (tmp_path / "fachtag").read_text(encoding="utf-8") == "x"

    def test_an_empty_folder_is_filled_and_nothing_else_is_left(self, tmp_path):
        """An empty folder is taken; no temporary folder stays beside it."""
        (tmp_path / "fachtag").mkdir()
        code, _ = new(tmp_path)
        assert code == 0
        assert [p.name for p in tmp_path.iterdir()] == ["fachtag"]
        assert [p.name for p in (tmp_path / "fachtag").iterdir()] == ["programme.toml"]

    def test_missing_parents_are_made(self, tmp_path):
        """`new a/b/c` makes the folders on the way."""
        code, _ = new(tmp_path, name="a/b/c")
        assert code == 0

    def test_an_unwritable_place_is_an_error_not_a_traceback(self, tmp_path):
        """Where the folder cannot be made (a file stands in the way), one line says why."""
        (tmp_path / "datei").write_text("x", encoding="utf-8")
        done = subprocess.run(
            [sys.executable, "-m", "eventprogram", "new", str(tmp_path / "datei" / "fachtag")],
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 1
        assert done.stderr.startswith("eventprogram: cannot write, nothing written:")
        assert "Traceback" not in done.stderr
        assert [p.name for p in tmp_path.iterdir()] == ["datei"]
