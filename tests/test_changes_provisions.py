"""A changed accessibility provision is a change: diff, text, JSON, page, Markdown, notices.

The Fachtag example offers sign-language interpreting (DGS) in Forum 1, with two
interpreters and a moderator; dropping it is what a Deaf participant must learn.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import attrs
import pytest
from jsonschema import Draft202012Validator
from markdown_it import MarkdownIt

import eventprogram as ep
from conftest import ROOT
from eventprogram import Field, Status, exporters
from eventprogram._cli import main
from eventprogram._schema import changes_schema, changes_schema_text

FACHTAG = ep.load(ROOT / "examples" / "fachtag_barrierefrei")
VALIDATOR = Draft202012Validator(
    changes_schema(), format_checker=Draft202012Validator.FORMAT_CHECKER
)

Source = ep.Slot | ep.Session


def edited(programme: ep.Programme, id_: str, edit: Callable[[Any], Any]) -> ep.Programme:
    """*programme* with the slot or session *id_* replaced by ``edit(it)``."""

    def walk(source: Source) -> Source:
        source = attrs.evolve(source, sessions=tuple(walk(s) for s in source.sessions))
        return edit(source) if source.id == id_ else source

    days = tuple(
        attrs.evolve(day, slots=tuple(walk(s) for s in day.slots)) for day in programme.days
    )
    return attrs.evolve(programme, days=days)


def offers(source: Source, *provisions: ep.Offer | str) -> Source:
    return attrs.evolve(
        source,
        provisions=tuple(
            p if isinstance(p, ep.Offer) else ep.Offer(provision=p) for p in provisions
        ),
    )


NO_DGS = edited(FACHTAG, "forum-1", lambda s: offers(s, "step-free"))
"""Forum 1 without sign-language interpreting: only step-free access is left."""


GERMAN = (
    "Barrierefreiheit: Gebärdensprachdolmetschen (DGS); Stufenloser Zugang → Stufenloser Zugang"
)
ENGLISH = "Accessibility: Sign-language interpreting (DGS); Step-free access → Step-free access"


def _render(name: str, programme: ep.Programme, **options: Any) -> str:
    content = exporters.get(name).render(programme, exporters.RenderOptions(**options))
    return content.decode("utf-8") if isinstance(content, bytes) else content


class TestDiff:
    def test_dropped_sign_language_is_reported(self):
        """Forum 1 is changed; the field holds the canonical offers before and after."""
        changes = ep.diff(FACHTAG, NO_DGS)
        assert [c.id for c in changes] == ["forum-1"]
        change = changes.get("forum-1")
        assert change.status is Status.CHANGED
        field = change.field(Field.PROVISIONS)
        assert field is not None
        assert field.old == (
            ep.Offer(provision="sign-language", sign_language="DGS"),
            ep.Offer(provision="step-free"),
        )
        assert field.new == (ep.Offer(provision="step-free"),)
        assert [f.field for f in change.fields] == [Field.PROVISIONS]
        assert change.people == ()

    def test_order_and_the_default_sign_language_are_no_change(self):
        """Another order, and DGS named where it was the default, say the same: no change."""
        same = edited(
            FACHTAG,
            "forum-1",
            lambda s: offers(
                s, ep.Offer(provision="sign-language", sign_language="DGS"), "step-free"
            ),
        )
        assert not ep.diff(FACHTAG, same)

    @pytest.mark.parametrize(
        "offer",
        [
            ep.Offer(provision="sign-language", sign_language="ÖGS"),
            ep.Offer(provision="sign-language", note="nur vormittags"),
        ],
        ids=["another sign language", "a note"],
    )
    def test_details_of_an_offer_count(self, offer):
        """Another sign language, or a note added, is a change of the provisions."""
        new = edited(FACHTAG, "forum-1", lambda s: offers(s, "step-free", offer))
        change = ep.diff(FACHTAG, new).get("forum-1")
        assert change is not None
        assert [f.field for f in change.fields] == [Field.PROVISIONS]

    def test_languages_as_a_set_note_without_blanks(self):
        """Interpreting de and en, or en and de, is the same; blanks around a note don't count."""
        first = ep.Offer(provision="interpretation", languages=("de", "en"), note="Kabine")
        second = ep.Offer(provision="interpretation", languages=("en", "de"), note=" Kabine ")
        old = edited(FACHTAG, "forum-1", lambda s: offers(s, first))
        assert not ep.diff(old, edited(FACHTAG, "forum-1", lambda s: offers(s, second)))
        third = ep.Offer(provision="interpretation", languages=("de", "fr"), note="Kabine")
        change = ep.diff(old, edited(FACHTAG, "forum-1", lambda s: offers(s, third))).get("forum-1")
        assert change is not None
        assert change.field(Field.PROVISIONS).new == (third,)

    def test_a_slots_provisions_reach_the_sessions_that_inherit_them(self):
        """Captioning for the Foren slot: the slot and Forum 2 (inheriting) change, Forum 1 not."""
        new = edited(FACHTAG, "foren", lambda s: offers(s, "captioning"))
        changes = ep.diff(FACHTAG, new)
        assert [c.id for c in changes] == ["foren", "forum-2"]
        for change in changes:
            assert change.field(Field.PROVISIONS).old == ()
            assert change.field(Field.PROVISIONS).new == (ep.Offer(provision="captioning"),)

    def test_a_label_of_the_vocabulary_is_no_change_of_an_item(self):
        """Renaming a provision in the programme's vocabulary reports no item."""
        renamed = attrs.evolve(
            FACHTAG,
            provisions=(ep.Provision("captioning", "Live-Untertitel", "Live subtitles"),),
        )
        assert not ep.diff(FACHTAG, renamed)


class TestText:
    def test_german(self):
        """The vocabulary's German labels, DGS, the old set and the new one."""
        text = ep.diff(FACHTAG, NO_DGS).to_text("de")
        assert (
            "  Barrierefreiheit: Gebärdensprachdolmetschen (DGS); Stufenloser Zugang"
            " → Stufenloser Zugang\n"
        ) in text
        assert text.startswith("Programmänderungen")
        assert "geändert: 1. Beteiligung von Menschen mit Behinderungen" in text

    def test_english(self):
        """The English labels; none where there were none."""
        new = edited(
            FACHTAG, "forum-2", lambda s: offers(s, ep.Offer(provision="captioning", note="live"))
        )
        text = ep.diff(FACHTAG, new).to_text("en")
        assert "  Accessibility: none → Live captioning – live\n" in text
        assert "Barrierefreiheit" not in text
        back = ep.diff(new, FACHTAG).to_text("en")
        assert "  Accessibility: Live captioning – live → none\n" in back


class TestDocument:
    def test_validates_and_holds_the_offers(self):
        """The JSON document validates; old and new are lists of canonical offers."""
        document = json.loads(json.dumps(ep.diff(FACHTAG, NO_DGS).to_dict()))
        VALIDATOR.validate(document)
        [field] = document["changes"][0]["fields"]
        assert field == {
            "field": "provisions",
            "old": [
                {
                    "provision": "sign-language",
                    "sign_language": "DGS",
                    "languages": [],
                    "note": None,
                },
                {"provision": "step-free", "sign_language": None, "languages": [], "note": None},
            ],
            "new": [
                {"provision": "step-free", "sign_language": None, "languages": [], "note": None}
            ],
        }

    def test_schema_rejects_text_for_provisions(self):
        """A provisions field with a string value is invalid: the schema says lists of offers."""
        document = json.loads(json.dumps(ep.diff(FACHTAG, NO_DGS).to_dict()))
        document["changes"][0]["fields"][0]["new"] = "step-free"
        assert not VALIDATOR.is_valid(document)

    def test_docs_copy_is_the_packaged_schema(self):
        """docs/reference/changes.schema.json equals the packaged schema byte for byte."""
        docs = ROOT / "docs" / "reference" / "changes.schema.json"
        assert docs.read_bytes() == changes_schema_text().encode("utf-8")


HOSTILE = edited(
    FACHTAG,
    "forum-1",
    lambda s: offers(
        s, "step-free", ep.Offer(provision="captioning", note="<script>x</script> & *y*")
    ),
)


def _page_text(html: str) -> str:
    body = html.split("<body>", 1)[-1].split("<script", 1)[0]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", body))


class TestFormats:
    def test_page(self):
        """The page's change list says what the text says, German and English."""
        for language, line in [
            ("de", GERMAN),
            ("en", ENGLISH),
        ]:
            html = _render("html", NO_DGS, changes=ep.diff(FACHTAG, NO_DGS), language=language)
            section = html.split('<section class="changes"', 1)[1].split("</section>", 1)[0]
            assert line in _page_text(section)

    def test_page_escapes_the_note(self):
        """A note with markup is text in the change list."""
        html = _render("html", HOSTILE, changes=ep.diff(FACHTAG, HOSTILE))
        section = html.split('<section class="changes"', 1)[1].split("</section>", 1)[0]
        assert "<script>x" not in section
        assert "Schriftdolmetschen – &lt;script&gt;x&lt;/script&gt; &amp; *y*" in section

    def test_markdown(self):
        """The Markdown change list has the line under Forum 1, German and English."""
        markdown = _render("markdown", NO_DGS, changes=ep.diff(FACHTAG, NO_DGS))
        head = markdown.split("## 09:30 Uhr", 1)[0]
        assert (
            "  - Barrierefreiheit: Gebärdensprachdolmetschen (DGS); Stufenloser Zugang"
            " → Stufenloser Zugang\n"
        ) in head
        english = _render("markdown", NO_DGS, changes=ep.diff(FACHTAG, NO_DGS), language="en")
        html = MarkdownIt("commonmark").render(english)
        assert (
            "<li>Accessibility: Sign-language interpreting (DGS); Step-free access"
            " → Step-free access</li>"
        ) in html

    def test_markdown_escapes_the_note(self):
        """Markup and emphasis in a note stay text in Markdown."""
        markdown = _render("markdown", HOSTILE, changes=ep.diff(FACHTAG, HOSTILE))
        html = MarkdownIt("commonmark").render(markdown)
        assert "<script>" not in html
        assert "<em>" not in html
        assert "&lt;script&gt;x&lt;/script&gt; &amp; *y*" in html


class TestNotices:
    def test_interpreters_are_told_the_moderator_not(self):
        """Dropping DGS concerns the two interpreters of Forum 1, not its moderator."""
        found = {n.person: n for n in ep.notices(ep.diff(FACHTAG, NO_DGS))}
        assert sorted(found) == ["lorenz", "yilmaz"]
        assert (
            "  Barrierefreiheit: Gebärdensprachdolmetschen (DGS); Stufenloser Zugang"
            " → Stufenloser Zugang\n"
        ) in found["yilmaz"].text

    def test_interpreter_removed_and_provision_dropped(self):
        """An interpreter taken out with the provision is told, as anyone removed is."""
        new = edited(
            NO_DGS,
            "forum-1",
            lambda s: attrs.evolve(s, people=tuple(p for p in s.people if p.person != "lorenz")),
        )
        found = {n.person: n for n in ep.notices(ep.diff(FACHTAG, new), "en")}
        assert "lorenz" in found
        assert "weber" in found  # someone left: the moderator learns it
        assert (
            "  Accessibility: Sign-language interpreting (DGS); Step-free access"
            " → Step-free access\n"
        ) in found["weber"].text

    def test_captioner_of_an_inheriting_session_is_told(self):
        """A captioner named in Forum 2 learns that captioning comes from the slot now."""
        with_captioner = edited(
            FACHTAG,
            "forum-2",
            lambda s: attrs.evolve(
                s, people=(*s.people, ep.Contribution(person="schreiber", roles=("captioning",)))
            ),
        )
        new = edited(with_captioner, "foren", lambda s: offers(s, "captioning"))
        found = {n.person: n for n in ep.notices(ep.diff(with_captioner, new))}
        assert sorted(found) == ["schreiber"]
        assert "Barrierefreiheit: keine → Schriftdolmetschen" in found["schreiber"].text


def test_cli_prints_the_line_inert(tmp_path, capsys):
    """eventprogram diff: a note with a line break and an RTL override stays one line, escaped."""
    new = edited(
        FACHTAG,
        "forum-1",
        lambda s: offers(s, "step-free", ep.Offer(provision="captioning", note="a\nb\u202ec")),
    )
    old_file, new_file = tmp_path / "alt.json", tmp_path / "neu.json"
    old_file.write_text(ep.dumps(FACHTAG), encoding="utf-8")
    new_file.write_text(ep.dumps(new), encoding="utf-8")
    assert main(["diff", str(old_file), str(new_file), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    line = next(line for line in out.splitlines() if line.startswith("  Accessibility: "))
    assert line.endswith("→ Live captioning – a\\nb\\u202ec; Step-free access")
    assert "\u202e" not in out
