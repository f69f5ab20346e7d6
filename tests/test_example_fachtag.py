"""The second worked example: a Fachtag that states its accessibility provisions (issue #16).

``examples/fachtag_barrierefrei`` has DGS for the plenary, captioning for the keynotes
and a room without step-free access. Its builds in every format and both languages are
golden files (``tests/golden/fachtag-teilhabe-2026.*``); regenerate them after an intended
change with ``EVENTPROGRAM_UPDATE_GOLDEN=1 python -m pytest tests/test_example_fachtag.py``.
"""

from __future__ import annotations

import json
import os

import lxml.html
import pytest

import eventprogram as ep
from conftest import ROOT
from eventprogram import exporters
from eventprogram.exporters import RenderOptions

EXAMPLE = ROOT / "examples" / "fachtag_barrierefrei"
GOLDEN = ROOT / "tests" / "golden"
UPDATE = os.environ.get("EVENTPROGRAM_UPDATE_GOLDEN") == "1"
BUILT_IN = ("c3voc-json", "frab-xml", "html", "ical", "json", "markdown")


def render(name: str, language: str = "de") -> str:
    content = exporters.get(name).render(ep.load(EXAMPLE), RenderOptions(language=language))
    return content.decode("utf-8") if isinstance(content, bytes) else content


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("name", BUILT_IN)
def test_golden(name, language):
    """The example's output equals the checked-in file exactly."""
    fmt = exporters.get(name)
    content = fmt.render(ep.load(EXAMPLE), RenderOptions(language=language))
    data = content.encode("utf-8") if isinstance(content, str) else content
    path = GOLDEN / f"fachtag-teilhabe-2026.{language}{fmt.suffix}"
    if UPDATE:
        path.write_bytes(data)
    assert path.is_file(), f"{path.name} is missing: regenerate with EVENTPROGRAM_UPDATE_GOLDEN=1"
    assert data == path.read_bytes()


def test_validates_without_a_finding():
    """DGS with a team of two, captioning, the room without steps: no rule finds fault."""
    assert ep.validate(ep.load(EXAMPLE)).findings == ()


def test_the_plenary_has_dgs_and_the_keynotes_captioning():
    """The resolved view says what the issue asks the example to show."""
    view = ep.timeline(ep.load(EXAMPLE))

    def ids(item_id: str) -> list[str]:
        item = view.get(item_id)
        assert item is not None
        return [p.id for p in item.provisions]

    assert "sign-language" in ids("plenum")
    assert "captioning" in ids("keynote-1")
    assert "captioning" in ids("keynote-2")
    keller = view.get("forum-2")
    assert keller is not None
    assert keller.room is not None
    assert keller.room.step_free is False
    assert ids("forum-2") == []


def test_every_format_names_the_provisions():
    """Page, Markdown, calendar and schedules each say DGS for the plenary, in words."""
    page = lxml.html.fromstring(render("html"))
    (plenum,) = page.xpath("//li[@id='plenum']")
    access = plenum.xpath(".//p[@class='access']")[0].text_content()
    assert "Gebärdensprachdolmetschen (DGS)" in access
    assert plenum.get("data-provisions") == "sign-language induction-loop step-free"
    # The sign never stands alone: each is hidden from screen readers, beside its label.
    for icon in page.xpath("//span[@class='icon']"):
        assert icon.get("aria-hidden") == "true"
        label = icon.getparent().text_content().replace(icon.text_content(), "", 1)
        assert label.strip()
    assert "Barrierefreiheit: Gebärdensprachdolmetschen (DGS); Induktionsschleife" in render(
        "markdown"
    )
    assert "Barrierefreiheit: Gebärdensprachdolmetschen (DGS)\\;" in render("ical")
    assert "Accessibility: Sign-language interpreting (DGS)" in render("frab-xml", "en")
    schedule = json.loads(render("c3voc-json"))
    events = [
        e for room in schedule["schedule"]["conference"]["days"][0]["rooms"].values() for e in room
    ]
    (plenary,) = [e for e in events if e["slug"].endswith("plenum")]
    assert "Gebärdensprachdolmetschen (DGS)" in plenary["description"]


def test_json_ld_says_what_schema_org_can():
    """Sub-events carry accessibilityFeature and their rooms' facts as amenityFeature."""
    page = lxml.html.fromstring(render("html"))
    (script,) = page.xpath("//script[@type='application/ld+json']")
    data = json.loads(script.text)
    by_name = {e["name"]: e for e in data["subEvent"]}
    plenary = by_name["Begrüßung und Plenum"]
    assert plenary["accessibilityFeature"] == ["signLanguage"]
    assert "Gebärdensprachdolmetschen (DGS)" in plenary["accessibilitySummary"]
    amenities = {a["name"]: a["value"] for a in plenary["location"]["amenityFeature"]}
    assert amenities == {
        "Stufenloser Zugang": True,
        "Induktionsschleife": True,
        "Rollstuhlplätze": 8,
    }
    assert by_name["Teilhabe planen: was Kommunen heute schon können"]["accessibilityFeature"] == [
        "captions"
    ]


def test_statement_in_the_form_bitv_asks_for():
    """The footer has the statement: conformance, issues, date, feedback contact, enforcement."""
    page = lxml.html.fromstring(render("html"))
    (statement,) = page.xpath("//footer//section[@class='statement']")
    text = " ".join(statement.text_content().split())
    assert "Erklärung zur Barrierefreiheit" in text
    assert "teilweise vereinbar" in text
    assert "Erstellt am: Freitag, 20. Februar 2026" in text
    hrefs = statement.xpath(".//a/@href")
    assert "mailto:barrierefreiheit@teilhabe.example.org" in hrefs
    assert "Telefon: +49 209 1234560" in text  # as text: the URL policy has no tel: links
    assert "https://www.schlichtungsstelle-bgg.de/" in hrefs
    english = lxml.html.fromstring(render("html", "en"))
    (statement,) = english.xpath("//footer//section[@class='statement']")
    assert "Accessibility statement" in statement.text_content()
    assert "partially compliant" in statement.text_content()


def test_bottrop_page_has_no_accessibility_parts(example_dir):
    """A programme that states no provisions gets no list, no filter script, no statement."""
    page = exporters.get("html").render(ep.load(example_dir), RenderOptions())
    assert isinstance(page, str)
    assert "_provisions" not in page
    assert "data-provisions" not in page
    assert page.count("<script") == 2  # JSON-LD and the calendar


def test_json_is_typed_by_the_schema():
    """The example's canonical JSON, provisions and statement included, passes the schema."""
    from jsonschema import Draft202012Validator

    from eventprogram import _schema

    validator = Draft202012Validator(
        _schema.schema(), format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    document = json.loads(render("json"))
    assert list(validator.iter_errors(document)) == []
    plenary = document["days"][0]["slots"][1]
    assert plenary["provisions"][0] == {
        "provision": "sign-language",
        "sign_language": None,
        "languages": [],
        "note": None,
    }
    document["days"][0]["slots"][1]["provisions"][0]["provision"] = "Gebärdensprache"
    assert [e.json_path for e in validator.iter_errors(document)] == [
        "$.days[0].slots[1].provisions"
    ]


def test_the_preview_allows_the_provisions_script_and_style(tmp_path):
    """`eventprogram preview` finds the page's policy and widens it: the filter still runs."""
    import base64
    import hashlib
    import re
    import shutil

    from eventprogram._preview import Preview

    folder = tmp_path / "fachtag"
    shutil.copytree(EXAMPLE, folder)
    preview = Preview(str(folder))
    assert preview.refresh()
    page = preview.shown.page.decode()
    (policy,) = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', page)
    scripts = re.findall(r"<script(?: data-[^>]*)?>(.*?)</script>", page, re.DOTALL)
    styles = re.findall(r"<style>(.*?)</style>", page, re.DOTALL)
    assert len(scripts) == 3  # the calendar's, the filter's and the preview's
    assert len(styles) == 3
    for text in scripts + styles:
        digest = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
        assert f"sha256-{digest}" in policy
