"""eventprogram diff, release and build --since; the worked change of the Bottrop example."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil

import attrs
import pytest
from jsonschema import Draft202012Validator

import eventprogram as ep
from conftest import EXAMPLE, ROOT
from eventprogram import exporters
from eventprogram._cli import main
from eventprogram._schema import changes_schema

CHANGED = ROOT / "examples" / "nrw_sozialplanung_2025_aenderung"
GOLDEN = ROOT / "tests" / "golden"
UPDATE = os.environ.get("EVENTPROGRAM_UPDATE_GOLDEN") == "1"
VALIDATOR = Draft202012Validator(
    changes_schema(), format_checker=Draft202012Validator.FORMAT_CHECKER
)


def _golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.write_text(text, encoding="utf-8")
    assert path.is_file(), f"{name} is missing: regenerate with EVENTPROGRAM_UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8")


@pytest.fixture
def source(tmp_path):
    """A copy of the example in its own folder, to release and change."""
    folder = tmp_path / "fachtag"
    shutil.copytree(EXAMPLE, folder)
    return folder


def _retitle(folder, title: str, revision: str | None = None) -> None:
    path = folder / "programme.toml"
    text = path.read_text(encoding="utf-8")
    text = text.replace('title = "Gallery Walk"', f'title = "{title}"', 1)
    if revision is not None:
        text = text.replace("revision = 2025-05-08T09:00:00+02:00", f"revision = {revision}", 1)
    path.write_text(text, encoding="utf-8")


class TestWorkedChange:
    """The second version of the Bottrop programme: AG 4 moves, a speaker replaced, a cancel."""

    def test_what_changed(self):
        """AG 4 changes room, the keynote changes speaker, the Gallery Walk is cancelled."""
        changes = ep.diff(ep.load(EXAMPLE), ep.load(CHANGED))
        assert [(c.id, c.status) for c in changes] == [
            ("gallery-walk", ep.Status.CANCELLED),
            ("keynote-digitalisierung", ep.Status.CHANGED),
            ("ag4", ep.Status.CHANGED),
        ]
        ag4 = changes.get("ag4")
        assert ag4 is not None
        assert [(f.field, f.old, f.new) for f in ag4.fields] == [
            (ep.Field.ROOM, None, "seminarraum-2")
        ]
        keynote = changes.get("keynote-digitalisierung")
        assert keynote is not None
        assert {(p.person, p.status) for p in keynote.people} == {
            ("mustermann", ep.PersonStatus.ADDED),
            ("dagefoerde", ep.PersonStatus.REMOVED),
        }
        walk = ep.timeline(ep.load(CHANGED)).get("gallery-walk")
        assert walk is not None
        assert walk.cancelled

    @pytest.mark.parametrize("language", ["de", "en"])
    def test_text_golden(self, capsys, language):
        """The change list as text equals its golden file, in German and in English."""
        assert main(["diff", str(EXAMPLE), str(CHANGED), "--lang", language]) == 0
        _golden(f"nrw-sozialplanung-2025-aenderung.{language}.changes.txt", capsys.readouterr().out)

    def test_text_words(self, capsys):
        """The German and English labels are there, with Babel's dates."""
        main(["diff", str(EXAMPLE), str(CHANGED), "--lang", "de"])
        german = capsys.readouterr().out
        assert "abgesagt: Gallery Walk" in german
        assert "geändert: 4. Klimaanpassung" in german
        assert "Donnerstag, 15. Mai 2025, 12:00–12:30 Uhr" in german
        main(["diff", str(EXAMPLE), str(CHANGED), "--lang", "en"])
        english = capsys.readouterr().out
        assert "cancelled: Gallery Walk" in english
        assert "Thursday, 15 May 2025, 12:00–12:30" in english
        assert "Uhr" not in english

    def test_json_golden_and_schema(self, capsys):
        """The changes document equals its golden file and validates against the schema."""
        assert main(["diff", str(EXAMPLE), str(CHANGED), "--format", "json"]) == 0
        out = capsys.readouterr().out
        VALIDATOR.validate(json.loads(out))
        _golden("nrw-sozialplanung-2025-aenderung.changes.json", out)

    def test_the_original_example_is_untouched(self):
        """The first version still has no room and no cancellation: its goldens stay."""
        text = (EXAMPLE / "programme.toml").read_text(encoding="utf-8")
        assert "cancelled" not in text
        assert "seminarraum" not in text


class TestDiffCommand:
    def test_no_changes(self, capsys):
        """The same programme twice: "Keine Änderungen.", exit 0."""
        assert main(["diff", str(EXAMPLE), str(EXAMPLE)]) == 0
        assert "Keine Änderungen." in capsys.readouterr().out

    def test_json_of_no_changes(self, capsys):
        """The same programme twice as JSON: an empty list that validates."""
        assert main(["diff", str(EXAMPLE), str(EXAMPLE), "--format", "json"]) == 0
        document = json.loads(capsys.readouterr().out)
        VALIDATOR.validate(document)
        assert document["changes"] == []

    def test_any_loadable_sources(self, tmp_path, capsys):
        """Canonical JSON against a schedule.xml export of the changed version."""
        old = tmp_path / "alt.json"
        old.write_text(ep.dumps(ep.load(EXAMPLE)), encoding="utf-8")
        assert main(["diff", str(old), str(CHANGED), "--lang", "en"]) == 0
        assert "cancelled: Gallery Walk" in capsys.readouterr().out
        xml = tmp_path / "schedule.xml"
        rendered = exporters.get("frab-xml").render(ep.load(EXAMPLE), exporters.RenderOptions())
        xml.write_text(rendered if isinstance(rendered, str) else rendered.decode(), "utf-8")
        assert main(["diff", str(xml), str(xml)]) == 0

    def test_missing_file(self, tmp_path, capsys):
        """A missing source is exit 2 with its name, no traceback."""
        assert main(["diff", str(tmp_path / "nope.toml"), str(EXAMPLE)]) == 2
        err = capsys.readouterr().err
        assert "nope.toml" in err
        assert "Traceback" not in err

    def test_hostile_title(self, source, capsys):
        """Control characters in a title are shown escaped: the terminal is not steered."""
        _retitle(source, "Gallery\\u001b[31mWalk")
        assert main(["diff", str(EXAMPLE), str(source)]) == 0
        out = capsys.readouterr().out
        assert "\x1b" not in out
        assert "\\x1b[31m" in out


class TestRelease:
    def test_release_and_again(self, source, capsys):
        """The first release writes <revision>.json; the same again is "already released", 0."""
        assert main(["release", str(source), "--lang", "en"]) == 0
        path = source / "releases" / "2025-05-08T09-00-00+02-00.json"
        assert path.read_text(encoding="utf-8") == ep.dumps(ep.load(source))
        assert f"released: {path}" in capsys.readouterr().out
        before = path.stat().st_mtime_ns
        assert main(["release", str(source), "--lang", "en"]) == 0
        assert "already released" in capsys.readouterr().out
        assert path.stat().st_mtime_ns == before
        assert [p.name for p in (source / "releases").iterdir()] == [path.name]

    def test_changed_without_new_revision(self, source, capsys):
        """A change without a new revision is refused, exit 1, asking for a later revision."""
        assert main(["release", str(source)]) == 0
        capsys.readouterr()
        _retitle(source, "Rundgang")
        assert main(["release", str(source), "--lang", "en"]) == 1
        err = capsys.readouterr().err
        assert "not released" in err
        assert "revision" in err
        assert "programme.toml" in err
        released = source / "releases" / "2025-05-08T09-00-00+02-00.json"
        assert "Rundgang" not in released.read_text(encoding="utf-8")

    def test_changed_with_new_revision(self, source):
        """With a later revision the change is a second release, and the latest is it."""
        assert main(["release", str(source)]) == 0
        _retitle(source, "Rundgang", "2025-05-12T14:00:00+02:00")
        assert main(["release", str(source)]) == 0
        folder = source / "releases"
        assert sorted(p.name for p in folder.iterdir()) == [
            "2025-05-08T09-00-00+02-00.json",
            "2025-05-12T14-00-00+02-00.json",
        ]
        assert ep.latest_release(folder) == folder / "2025-05-12T14-00-00+02-00.json"
        revision = dt.datetime.fromisoformat("2025-05-12T14:00:00+02:00")
        assert (
            ep.latest_release(folder, before=revision) == folder / "2025-05-08T09-00-00+02-00.json"
        )

    def test_no_revision(self, source, capsys):
        """Without a revision there is nothing to name the release by: exit 1, in German too."""
        path = source / "programme.toml"
        text = path.read_text(encoding="utf-8").replace("revision = 2025-05-08T09:00:00+02:00", "")
        path.write_text(text, encoding="utf-8")
        assert main(["release", str(source)]) == 1
        err = capsys.readouterr().err
        assert "keine revision" in err
        assert not (source / "releases").exists()

    def test_to_folder(self, source, tmp_path):
        """--to writes into the folder named."""
        assert main(["release", str(source), "--to", str(tmp_path / "stand")]) == 0
        assert (tmp_path / "stand" / "2025-05-08T09-00-00+02-00.json").is_file()

    def test_latest_release_by_instant(self, tmp_path):
        """Revisions compare as instants: 10:00+00:00 is later than 11:00+02:00."""
        for name in ("2025-05-02T11-00-00+02-00.json", "2025-05-02T10-00-00+00-00.json", "x.json"):
            (tmp_path / name).write_text("{}", encoding="utf-8")
        assert ep.latest_release(tmp_path) == tmp_path / "2025-05-02T10-00-00+00-00.json"
        assert ep.latest_release(tmp_path / "none") is None

    def test_release_name(self):
        """The name is the revision with hyphens for colons."""
        revision = dt.datetime.fromisoformat("2025-05-02T10:00:00+02:00")
        assert ep.release_name(revision) == "2025-05-02T10-00-00+02-00.json"


class TestBuildSince:
    def _changes(self, monkeypatch) -> list[exporters.RenderOptions]:
        seen: list[exporters.RenderOptions] = []
        original = exporters.get("json").render

        def spy(programme, options):
            seen.append(options)
            return original(programme, options)

        monkeypatch.setitem(
            exporters.available(), "json", attrs.evolve(exporters.get("json"), render=spy)
        )
        return seen

    def test_since_file(self, source, tmp_path, monkeypatch):
        """--since FILE puts the changes since that file into the exporters' options."""
        seen = self._changes(monkeypatch)
        _retitle(source, "Rundgang")
        out = tmp_path / "dist"
        assert (
            main(["build", str(source), "-f", "json", "-o", str(out), "--since", str(EXAMPLE)]) == 0
        )
        (options,) = seen
        assert options.changes is not None
        assert [c.id for c in options.changes] == ["gallery-walk"]

    def test_latest_release_by_default(self, source, tmp_path, monkeypatch):
        """Without --since, build compares with the latest release before this revision."""
        assert main(["release", str(source)]) == 0
        _retitle(source, "Rundgang", "2025-05-12T14:00:00+02:00")
        assert main(["release", str(source)]) == 0
        seen = self._changes(monkeypatch)
        assert main(["build", str(source), "-f", "json", "-o", str(tmp_path / "dist")]) == 0
        (options,) = seen
        assert options.changes is not None
        assert [c.id for c in options.changes] == ["gallery-walk"]

    def test_no_releases(self, source, tmp_path, monkeypatch):
        """Without releases and --since there is nothing to compare with: changes is None."""
        seen = self._changes(monkeypatch)
        assert main(["build", str(source), "-f", "json", "-o", str(tmp_path / "dist")]) == 0
        assert seen[0].changes is None

    def test_bad_since(self, source, tmp_path, capsys):
        """--since with a broken file is exit 2 naming it, and nothing is written."""
        broken = tmp_path / "alt.toml"
        broken.write_text("title = ", encoding="utf-8")
        out = tmp_path / "dist"
        assert main(["build", str(source), "-o", str(out), "--since", str(broken)]) == 2
        assert "alt.toml" in capsys.readouterr().err
        assert not out.exists()
