"""The build's change outputs: the Atom feed of releases and the JSON changes document."""

from __future__ import annotations

import datetime as dt
import json
import shutil

import attrs
import feedparser
import pytest
from jsonschema import Draft202012Validator

import eventprogram as ep
from conftest import EXAMPLE, ROOT
from eventprogram._cli import main
from eventprogram._schema import changes_schema

CHANGED = ROOT / "examples" / "nrw_sozialplanung_2025_aenderung"
ID = "nrw-sozialplanung-2025"
VALIDATOR = Draft202012Validator(
    changes_schema(), format_checker=Draft202012Validator.FORMAT_CHECKER
)


@pytest.fixture
def released(tmp_path):
    """The example released on 8 May, its source now the changed version of 12 May."""
    folder = tmp_path / "fachtag"
    shutil.copytree(EXAMPLE, folder)
    assert main(["release", str(folder)]) == 0
    shutil.copy(CHANGED / "programme.toml", folder / "programme.toml")
    return folder


def _build(folder, out, *extra: str) -> dict[str, bytes]:
    assert main(["build", str(folder), "-o", str(out), *extra]) == 0
    return {path.name: path.read_bytes() for path in out.iterdir()}


def _parsed(data: bytes) -> feedparser.FeedParserDict:
    parsed = feedparser.parse(data)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return parsed


class TestFeed:
    def test_one_entry_per_release(self, released, tmp_path):
        """Two versions, two entries, newest first; each says what changed since the one before."""
        files = _build(released, tmp_path / "out")
        parsed = _parsed(files[f"{ID}.atom"])
        entries = parsed.entries
        assert [e.updated for e in entries] == [
            "2025-05-12T14:00:00+02:00",
            "2025-05-08T09:00:00+02:00",
        ]
        assert parsed.feed.updated == "2025-05-12T14:00:00+02:00"
        assert all(e.id.startswith("urn:uuid:") for e in entries)
        assert len({e.id for e in entries} | {parsed.feed.id}) == 3
        assert entries[0].title == "Programmänderungen (Stand Montag, 12. Mai 2025, 14:00 Uhr)"
        newest = entries[0].content[0]
        assert newest.type == "application/xhtml+xml"
        for text in ("abgesagt", "Gallery Walk", "Raum: kein Raum → Seminarraum 2", "Mustermann"):
            assert text in newest.value
        assert "erste veröffentlichte Fassung" in entries[1].content[0].value
        assert parsed.feed.author

    def test_stable_and_deterministic(self, released, tmp_path):
        """Building again gives the same bytes; a third version keeps the older entries' ids."""
        first = _build(released, tmp_path / "a")[f"{ID}.atom"]
        assert _build(released, tmp_path / "b")[f"{ID}.atom"] == first
        assert main(["release", str(released)]) == 0
        path = released / "programme.toml"
        text = path.read_text(encoding="utf-8")
        text = text.replace(
            "revision = 2025-05-12T14:00:00+02:00", "revision = 2025-05-13T08:00:00Z"
        )
        path.write_text(text.replace('title = "Mittagspause"', 'title = "Mittagessen"'), "utf-8")
        third = _parsed(_build(released, tmp_path / "c")[f"{ID}.atom"])
        before = _parsed(first)
        assert [e.id for e in third.entries[1:]] == [e.id for e in before.entries]
        assert "Mittagessen" in third.entries[0].content[0].value

    def test_entry_id_is_the_instant(self):
        """The same revision written with another offset is the same entry."""
        programme = ep.load(EXAMPLE)
        assert programme.revision is not None
        again = attrs.evolve(programme, revision=programme.revision.astimezone(dt.UTC))
        first = _parsed(ep.atom_feed([programme])).entries[0].id
        assert _parsed(ep.atom_feed([again])).entries[0].id == first

    def test_page_url_linked(self):
        old = attrs.evolve(ep.load(EXAMPLE), page_url="https://example.org/programm?a=1&b=2")
        new = attrs.evolve(ep.load(CHANGED), page_url="https://example.org/programm?a=1&b=2")
        parsed = _parsed(ep.atom_feed([old, new], "en"))
        assert parsed.feed.link == "https://example.org/programm?a=1&b=2"
        assert [e.link for e in parsed.entries] == ["https://example.org/programm?a=1&b=2"] * 2
        assert parsed.entries[0].title == "Programme changes (As of Monday, 12 May 2025, 14:00)"
        assert parsed.feed.language == "en"

    def test_hostile_text(self):
        """Markup, ampersands and control characters in titles stay text, and the XML valid."""
        old = ep.load(EXAMPLE)
        hostile = "</content><script>alert(1)</script> & \x1b[31m \x00 ]]>"
        new = attrs.evolve(ep.load(CHANGED), title=hostile)
        data = ep.atom_feed([old, new])
        parsed = _parsed(data)
        assert (
            parsed.feed.title
            == "Programmänderungen: </content><script>alert(1)</script> & [31m ]]>"
        )
        assert b"<script>" not in data
        assert b"\x1b" not in data

    def test_no_feed_without_releases(self, tmp_path, capsys):
        """Without releases there is no feed and no changes document; named, they are noted."""
        files = _build(EXAMPLE, tmp_path / "out")
        assert f"{ID}.atom" not in files
        assert f"{ID}.changes.json" not in files
        capsys.readouterr()
        files = _build(EXAMPLE, tmp_path / "only", "-f", "atom,changes-json,json")
        assert sorted(files) == [f"{ID}.json"]
        err = capsys.readouterr().err
        assert "kein Feed" in err
        assert "keine Änderungen zu schreiben" in err


class TestChangesDocument:
    def test_written_with_since(self, tmp_path):
        """build --since writes <id>.changes.json: diff's document, valid against its schema."""
        files = _build(CHANGED, tmp_path / "out", "--since", str(EXAMPLE))
        document = json.loads(files[f"{ID}.changes.json"])
        VALIDATOR.validate(document)
        assert document == ep.diff(ep.load(EXAMPLE), ep.load(CHANGED)).to_dict()
        assert f"{ID}.atom" not in files  # --since alone is no history of releases

    def test_written_from_the_release(self, released, tmp_path):
        files = _build(released, tmp_path / "out", "-f", "changes-json")
        assert sorted(files) == [f"{ID}.changes.json"]
        document = json.loads(files[f"{ID}.changes.json"])
        VALIDATOR.validate(document)
        assert [c["id"] for c in document["changes"]] == [
            "gallery-walk",
            "keynote-digitalisierung",
            "ag4",
        ]

    def test_not_asked_for(self, released, tmp_path):
        """-f without it: the formats named, nothing more."""
        assert sorted(_build(released, tmp_path / "out", "-f", "html")) == [f"{ID}.html"]
