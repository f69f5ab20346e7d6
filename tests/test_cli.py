"""The ``eventprogram`` command: build, validate, formats."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import eventprogram as ep
import eventprogram.exporters
from eventprogram._cli import main


def run(*args: str, cwd=None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "eventprogram", *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=cwd,
    )


@pytest.fixture
def clashing(tmp_path, example_dir):
    """The example with a slot that ends before it starts: loadable, but wrong."""
    text = (example_dir / "programme.toml").read_text(encoding="utf-8")
    text = text.replace('start = "12:00"', 'start = "12:00"\nend = "11:50"', 1)
    source = tmp_path / "programme.toml"
    source.write_text(text, encoding="utf-8")
    return source


class TestBuild:
    def test_build_json_from_folder(self, tmp_path, example_dir):
        """Building the example folder writes <id>.json into the output folder."""
        result = run("build", str(example_dir), "-o", str(tmp_path), "-f", "json")
        assert result.returncode == 0, result.stderr
        written = tmp_path / "nrw-sozialplanung-2025.json"
        assert result.stdout == f"wrote {written}\n"
        assert ep.loads(written.read_bytes()) == ep.load(example_dir)

    @pytest.mark.parametrize("language", ["de", "en"])
    def test_two_builds_are_byte_identical(self, tmp_path, example_dir, language):
        """Two builds of the same source, in every format, give the same bytes."""
        for run_ in ("a", "b"):
            out = str(tmp_path / run_)
            assert main(["build", str(example_dir), "-o", out, "--lang", language, "--split"]) == 0
        first = sorted(p.name for p in (tmp_path / "a").iterdir())
        assert first == sorted(p.name for p in (tmp_path / "b").iterdir())
        # Every format but the source format, which `build` writes only when named, and those
        # that cannot be written here (the PDFs without WeasyPrint).
        writable = [
            name
            for name, fmt in ep.exporters.available().items()
            if name != "toml" and fmt.unavailable() is None
        ]
        assert len(first) == len(writable) + 18
        for name in first:
            assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()

    def test_building_the_json_gives_the_same_json(self, tmp_path, example_dir):
        """Building the JSON that a build wrote gives the same bytes again."""
        assert main(["build", str(example_dir), "-o", str(tmp_path / "a"), "-f", "json"]) == 0
        first = tmp_path / "a" / "nrw-sozialplanung-2025.json"
        assert main(["build", str(first), "-o", str(tmp_path / "b"), "-f", "json"]) == 0
        second = tmp_path / "b" / "nrw-sozialplanung-2025.json"
        assert second.read_bytes() == first.read_bytes()

    def test_default_output_is_dist(self, tmp_path, example_dir):
        """Without -o the files go to ./dist."""
        result = run("build", str(example_dir), cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert (tmp_path / "dist" / "nrw-sozialplanung-2025.json").is_file()

    def test_no_temporary_files_left(self, tmp_path, example_dir):
        """After a build the output folder holds the outputs only, readable by others."""
        assert main(["build", str(example_dir), "-o", str(tmp_path), "-f", "json"]) == 0
        (written,) = tmp_path.iterdir()
        assert written.name == "nrw-sozialplanung-2025.json"
        assert written.stat().st_mode & 0o044

    def test_unknown_format(self, tmp_path, example_dir, capsys):
        """An unknown format is named with the available ones, and nothing is written."""
        code = main(["build", str(example_dir), "-o", str(tmp_path), "-f", "json,docx"])
        assert code == 2
        available = "c3voc-json, frab-xml, html, ical, json, markdown, pdf, pdf-flyer"
        assert f"unknown format 'docx'; available: {available}" in capsys.readouterr().err
        assert list(tmp_path.iterdir()) == []

    def test_errors_stop_the_build(self, tmp_path, clashing, capsys):
        """A programme with errors is not written, and the reason is given."""
        out = tmp_path / "out"
        assert main(["build", str(clashing), "-o", str(out)]) == 1
        err = capsys.readouterr().err
        assert "days[0].slots[5].end: Fehler EP201" in err
        assert "--force" in err
        assert not out.exists()

    def test_missing_picture_is_a_note(self, tmp_path, clashing, capsys):
        """A programme copied without its picture still builds, with a note naming the file."""
        assert main(["build", str(clashing), "-o", str(tmp_path / "out"), "--force"]) == 0
        err = capsys.readouterr().err
        assert "eventprogram: Hinweis: " in err  # in the programme's language, as its findings
        assert "puzzle.svg" in err

    def test_note_follows_lang(self, tmp_path, clashing, capsys):
        """With --lang en, the note about a missing picture is in English."""
        out = tmp_path / "out"
        assert main(["build", str(clashing), "-o", str(out), "--force", "--lang", "en"]) == 0
        err = capsys.readouterr().err
        assert "eventprogram: note: " in err
        assert "Hinweis" not in err

    def test_force_writes_anyway(self, tmp_path, clashing):
        """With --force the build writes despite errors."""
        out = tmp_path / "out"
        assert main(["build", str(clashing), "-o", str(out), "--force"]) == 0
        assert (out / "nrw-sozialplanung-2025.json").is_file()

    def test_existing_output_survives_a_failed_write(self, tmp_path, example_dir, monkeypatch):
        """When writing fails halfway, the files already there are left as they were."""
        out = tmp_path / "out"
        out.mkdir()
        target = out / "nrw-sozialplanung-2025.json"
        target.write_text("old", encoding="utf-8")

        def fail(*_args, **_kwargs):
            raise OSError(28, "No space left on device")

        monkeypatch.setattr("pathlib.Path.replace", fail)
        assert main(["build", str(example_dir), "-o", str(out), "-f", "json"]) == 1
        assert target.read_text(encoding="utf-8") == "old"
        assert [p.name for p in out.iterdir()] == [target.name]


class TestValidate:
    def test_example_is_fine(self, example_dir):
        """The example validates with two warnings: exit 0 and a German report (its language)."""
        result = run("validate", str(example_dir))
        assert result.returncode == 0
        assert "Warnung EP402: 5 parallele Sessions in 'arbeitsgruppen'" in result.stdout
        assert result.stdout.endswith("0 Fehler, 2 Warnungen, 0 Hinweise\n")

    def test_errors_exit_1_in_english(self, clashing, capsys):
        """Errors exit 1; --lang en reports them in English with code and path."""
        assert main(["validate", str(clashing), "--lang", "en"]) == 1
        out = capsys.readouterr().out
        assert "days[0].slots[5].end: error EP201: 'gallery-walk' ends at 11:50" in out

    def test_json_report(self, clashing, capsys):
        """--format json gives a report that tools can read."""
        assert main(["validate", str(clashing), "--format", "json"]) == 1
        report = json.loads(capsys.readouterr().out)
        assert report["ok"] is False
        assert report["counts"] == {"error": 1, "warning": 2, "info": 0}
        (finding,) = [f for f in report["findings"] if f["severity"] == "error"]
        assert (finding["code"], finding["path"], finding["ids"]) == (
            "EP201",
            "days[0].slots[5].end",
            ["gallery-walk"],
        )
        assert (
            finding["messages"]["en"]
            == "'gallery-walk' ends at 11:50, not after it starts at 12:00"
        )

    def test_missing_file(self, tmp_path):
        """A file that is not there is an input error."""
        result = run("validate", str(tmp_path / "nope.toml"))
        assert result.returncode == 2
        assert "nope.toml: cannot read" in result.stderr

    def test_folder_without_programme(self, tmp_path):
        """A folder without programme.toml says what to put there."""
        result = run("validate", str(tmp_path))
        assert result.returncode == 2
        assert "put the programme into programme.toml" in result.stderr


class TestFormats:
    def test_lists_the_built_in_formats(self, capsys):
        """`formats` lists every built-in format with its suffix, one per line."""
        assert main(["formats"]) == 0
        lines = capsys.readouterr().out.splitlines()
        assert [line.split()[:2] for line in lines] == [
            ["c3voc-json", ".schedule.json"],
            ["frab-xml", ".schedule.xml"],
            ["html", ".html"],
            ["ical", ".ics"],
            ["json", ".json"],
            ["markdown", ".md"],
            ["pdf", ".pdf"],
            ["pdf-flyer", ".flyer.pdf"],
            ["toml", ".toml"],
        ]

    def test_schema(self, capsys, example_dir):
        """`schema` prints the packaged JSON Schema, which the example's JSON meets."""
        import jsonschema

        assert main(["schema"]) == 0
        schema = json.loads(capsys.readouterr().out)
        document = json.loads(ep.dumps(ep.load(example_dir)))
        jsonschema.Draft202012Validator(schema).validate(document)

    def test_schema_of_changes(self, capsys, example_dir):
        """`schema --changes` prints the changes document's schema, which `diff --format json` meets
        and the programme's JSON does not."""
        import jsonschema

        assert main(["schema", "--changes"]) == 0
        schema = json.loads(capsys.readouterr().out)
        changed = example_dir.parent / "nrw_sozialplanung_2025_aenderung"
        assert main(["diff", str(example_dir), str(changed), "--format", "json"]) == 0
        document = json.loads(capsys.readouterr().out)
        assert document["changes"]
        jsonschema.Draft202012Validator(schema).validate(document)
        programme = json.loads(ep.dumps(ep.load(example_dir)))
        assert not jsonschema.Draft202012Validator(schema).is_valid(programme)

    def test_version(self):
        """`--version` prints the installed version."""
        result = run("--version")
        assert result.stdout.strip() == f"eventprogram {ep.__version__}"


class TestLoadErrorLanguage:
    SOURCE = (
        'id = "x"\ntitle = "T"\nlanguage = "{language}"\n[venue]\nname = "V"\n'
        '[[days]]\ndate = 2025-12-01\n[[days.slots]]\nid = "a"\nkind = "talk"\n'
        'titel = "X"\nstart = "10:00"\n'
    )

    @pytest.mark.parametrize(
        ("language", "flag", "header", "line"),
        [
            ("de", [], "das Programm kann nicht gelesen werden:", "unbekannter Schlüssel 'titel'"),
            ("en", [], "cannot read the programme:", "unknown key 'titel'"),
            ("en", ["--lang", "de"], "das Programm kann nicht gelesen werden:", "gemeint ist"),
            ("de", ["--lang", "en"], "cannot read the programme:", "did you mean 'title'?"),
        ],
    )
    def test_load_errors_follow_lang_else_the_source(self, tmp_path, language, flag, header, line):
        """A source that can't be read is reported in --lang, else in the source's own language."""
        source = tmp_path / "programme.toml"
        source.write_text(self.SOURCE.format(language=language), encoding="utf-8")
        result = run("validate", str(source), *flag)
        assert result.returncode == 2
        first, second = result.stderr.splitlines()[:2]
        assert first == f"eventprogram: {header}"
        assert line in second
        assert f"{source}:11: days[0].slots[0]:" in second
