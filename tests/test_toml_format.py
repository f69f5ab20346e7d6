"""The ``toml`` format: a source to edit by hand that loads back as the same programme."""

from __future__ import annotations

import json
import tomllib

import attrs
import pytest
from hypothesis import given, settings

import eventprogram as ep
from conftest import ROOT
from eventprogram import exporters, testing
from eventprogram._cli import main
from eventprogram.exporters import RenderOptions

EXAMPLES = ["nrw_sozialplanung_2025", "nrw_sozialplanung_2025_aenderung", "fachtag_barrierefrei"]


def _toml(programme: ep.Programme) -> str:
    text = exporters.get("toml").render(programme, RenderOptions())
    assert isinstance(text, str)
    return text


def _load_toml(text: str, tmp_path) -> ep.Programme:
    path = tmp_path / "programme.toml"
    path.write_text(text, encoding="utf-8")
    return ep.load(path)


@pytest.mark.parametrize("name", EXAMPLES)
def test_examples_go_round_toml_json_toml(name, tmp_path):
    """TOML → JSON → TOML: the programme and the written TOML stay the same, provisions,
    cancellations and room facts included."""
    source = ep.load(ROOT / "examples" / name)
    first = _toml(source)
    again = _load_toml(first, tmp_path)
    assert again == source
    via_json = ep.loads(ep.dumps(again))
    assert _toml(via_json) == first


def test_every_provision_survives(tmp_path):
    """The accessibility example's provisions, per resolved item, survive TOML → JSON → TOML."""
    source = ep.load(ROOT / "examples" / "fachtag_barrierefrei")
    back = _load_toml(_toml(ep.loads(ep.dumps(source))), tmp_path)
    before = {item.id: item.provisions for item in ep.timeline(source).chronological()}
    after = {item.id: item.provisions for item in ep.timeline(back).chronological()}
    assert any(before.values())
    assert after == before


def test_nulls_and_the_json_marker_are_left_out(example_dir):
    """TOML has no null: unset fields are left out, and so is the JSON's format marker."""
    text = _toml(ep.load(example_dir))
    data = tomllib.loads(text)
    assert "format" not in data
    assert "subtitle" not in data  # unset in the example, null in its JSON
    assert json.loads(ep.dumps(ep.load(example_dir)))["subtitle"] is None
    assert text.startswith("# eventprogram source (TOML)")


@settings(max_examples=25)
@given(testing.programmes())
def test_generated_programmes_load_back_equal(tmp_path_factory, programme):
    """Any valid programme written as TOML loads back as the same programme."""
    assert _load_toml(_toml(programme), tmp_path_factory.mktemp("p")) == programme


def test_hostile_text_stays_literal(example_dir, tmp_path):
    """Quotes, triple quotes, backslashes, line breaks and markup come back as written; a lone
    surrogate, which no TOML file can hold, becomes U+FFFD and control characters go."""
    programme = ep.load(example_dir)
    title = 'A "quoted" \'\'\' """ \\ back\\slash <script>alert(1)</script>\nsecond line'
    hostile = attrs.evolve(programme, title=title + "\x1b[31m\ud800")
    back = _load_toml(_toml(hostile), tmp_path)
    assert back.title == title + "[31m\ufffd"
    assert attrs.evolve(back, title=programme.title) == programme


def test_build_writes_it_only_when_named(example_dir, tmp_path, capsys):
    """`build` leaves the source format out of 'all formats': only `-f toml` writes it."""
    assert main(["build", str(example_dir), "-o", str(tmp_path / "all")]) == 0
    assert not list((tmp_path / "all").glob("*.toml"))
    assert (tmp_path / "all" / "nrw-sozialplanung-2025.json").exists()
    assert main(["build", str(example_dir), "-o", str(tmp_path / "one"), "-f", "toml"]) == 0
    written = tmp_path / "one" / "nrw-sozialplanung-2025.toml"
    assert ep.load(written) == ep.load(example_dir)
    capsys.readouterr()


def test_convert_an_imported_schedule_to_a_source(shared, tmp_path, capsys):
    """`convert schedule.json programme.toml` gives a source that loads as the imported one."""
    schedule = shared / "schedules" / "good2025-pretalx.schedule.json"
    target = tmp_path / "programme.toml"
    # The schedule has clashes (errors): --force writes it all the same, as an organiser
    # who imports it to mend it in the source would.
    assert main(["convert", str(schedule), str(target), "--lang", "en", "--force"]) == 0
    capsys.readouterr()
    assert ep.load(target) == ep.load(schedule)
