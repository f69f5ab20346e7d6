"""Every load error is an organiser's sentence, with file, line and field, in German and English.

The parsers' own words (``Expected newline or end of document after a statement``) and
attrs' (``Length of 'roles' must be >= 1: 0``) never reach an organiser alone: each
known mistake is said in words, with how to mend it, at its line.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

import eventprogram as ep
from eventprogram import _convert
from eventprogram._references import Suggestions
from eventprogram.testing import programmes
from sources import MINIMAL


def problem(text: str, format: str | None = None) -> ep.Problem:  # noqa: A002
    """The one problem loading *text* gives."""
    with pytest.raises(ep.SourceError) as info:
        ep.loads(text, format=format, source="programme.toml")  # type: ignore[arg-type]
    (found,) = info.value.problems
    return found


def line_of(text: str, needle: str) -> int:
    """The line (1-based) of *text* that holds *needle*."""
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def with_title(title_line: str) -> str:
    return MINIMAL.replace('title = "Fachtag"', title_line)


RAW_WORDS = (
    "Expected",
    "statement",
    "Illegal character",
    "Unescaped",
    "Invalid",
    "Cannot",
    "Unclosed",
    "Length of",
    "Expecting",
)


class TestTomlSyntax:
    """Each common TOML mistake is told in words, in both languages, at its line."""

    def test_quotation_mark_inside_a_text(self):
        """An unescaped " inside a text says where the text ended and how to quote."""
        text = with_title('title = "Fachtag "Zukunft" 2025"')
        found = problem(text)
        assert found.line == line_of(text, "Zukunft")
        assert found.text.en == (
            'not valid TOML: the " at column 18 ends the text too early,'
            " and the rest of the line is no TOML"
        )
        assert found.text.de == (
            'kein gültiges TOML: das " in Spalte 18 beendet den Text zu früh,'
            " und der Rest der Zeile ist kein TOML"
        )
        assert found.hint_text is not None
        assert '\\"' in found.hint_text.en
        assert "single quotes" in found.hint_text.en
        assert "einfache Anführungszeichen" in found.hint_text.de

    def test_each_way_the_hint_offers_reads_back(self):
        """The three ways the hint offers to write a " inside a text all load."""
        for line in (
            'title = "Fachtag \\"Zukunft\\" 2025"',
            "title = 'Fachtag \"Zukunft\" 2025'",
            'title = "Fachtag „Zukunft“ 2025"',
        ):
            assert "Zukunft" in ep.loads(with_title(line)).title

    def test_apostrophe_inside_single_quotes(self):
        """An apostrophe inside a text in single quotes says so and offers double quotes."""
        found = problem(with_title("title = 'Jugend's Zukunft'"))
        assert "single quotes cannot hold a '" in found.text.en
        assert "in einfachen Anführungszeichen darf kein ' stehen" in found.text.de

    def test_text_not_closed(self):
        """A text whose quotation mark is missing says so and shows multi-line text."""
        text = with_title('title = "Fachtag')
        found = problem(text)
        assert found.line == line_of(text, "Fachtag")
        assert found.text.en.endswith("its closing quotation mark is missing")
        assert found.hint_text is not None
        assert '"""' in found.hint_text.en
        assert '"""' in found.hint_text.de

    def test_text_without_quotes(self):
        """A text without quotation marks is told to go in them."""
        found = problem(with_title("title = Fachtag"))
        assert (
            found.text.en
            == "not valid TOML: this is no value TOML knows: text goes in quotation marks"
        )
        assert found.text.de.startswith("kein gültiges TOML: hier steht kein Wert")

    def test_backslash(self):
        """A backslash that starts no escape offers \\\\ or single quotes."""
        found = problem(with_title('title = "C:\\Daten"'))
        assert "escape that does not exist" in found.text.en
        assert found.hint_text is not None
        assert "\\\\" in found.hint_text.de

    def test_key_given_twice(self):
        """A key given twice says so and points to [[double brackets]] for lists."""
        text = MINIMAL.replace('city = "Dorsten"', 'city = "Dorsten"\ncity = "Bottrop"')
        found = problem(text)
        assert found.line == line_of(text, "Bottrop")
        assert found.text.en == "not valid TOML: this key or table is given a second time"
        assert found.text.de == (
            "kein gültiges TOML: dieser Schlüssel oder diese Tabelle steht hier zum zweiten Mal"
        )

    def test_list_never_closed_names_the_last_line(self):
        """A list never closed has a line (the last one), not none."""
        text = MINIMAL.replace('roles = ["welcome"] }]', 'roles = ["welcome"] }')
        found = problem(text)
        assert found.line is not None

    @pytest.mark.parametrize(
        "broken",
        [
            'title = "Fachtag "Zukunft""',
            "title = 'It's'",
            'title = "Fachtag',
            "title = Fachtag",
            'title = "a\\q"',
            "[venue",
            'title = "x"\ntitle = "y"',
            "people = [{ person = 'a', roles = ['x'] }",
            "title = { a = 1",
            'Straße = "x"',
            'title = "a" b',
            "= 1",
            "date = 2025-13-45",
        ],
    )
    def test_no_parser_words_alone(self, broken):
        """Every TOML mistake has a sentence and a hint in both languages, a line, and no
        parser message standing alone."""
        found = problem(with_title(broken))
        assert found.line is not None
        assert found.hint_text is not None
        for language in ("de", "en"):
            text = found.text.get(language)
            assert not any(word in text for word in RAW_WORDS), text
        assert found.text.de != found.text.en
        assert found.hint_text.de != found.hint_text.en


class TestJsonSyntax:
    def test_missing_comma(self):
        """JSON with a missing comma says so in German and English."""
        text = '{"format": "eventprogram/1", "id": "x"\n "title": "T"}'
        found = problem(text, format="json")
        assert found.line == 2
        assert found.text.en == "not valid JSON: a comma is missing between two entries"
        assert found.text.de == "kein gültiges JSON: zwischen zwei Einträgen fehlt ein Komma"

    def test_trailing_comma(self):
        """A comma too many before } is named as a possible cause."""
        found = problem('{"format": "eventprogram/1",\n}', format="json")
        assert "comma too many" in found.text.en


class TestFieldRules:
    def test_empty_roles(self):
        """An empty roles list names the field and the built-in roles, not attrs' words."""
        text = MINIMAL.replace('roles = ["welcome"]', "roles = []")
        found = problem(text)
        assert found.path == "days[0].slots[0].people[0].roles"
        assert found.line == line_of(text, "roles = []")
        assert found.text.en.startswith("roles names no role: each person here needs at least one")
        assert found.text.de.startswith("roles nennt keine Rolle")
        assert "moderation" in found.text.en
        assert "Length of" not in found.text.en

    def test_problems_without_language_are_german(self):
        """A source without `language` is German, the model's default: so are its problems."""
        with pytest.raises(ep.SourceError) as info:
            ep.loads(MINIMAL.replace('person = "gabi"', 'person = "gaby"'))
        assert info.value.language == "de"

    def test_problems_in_the_programmes_language(self):
        """A source with `language = "en"` has its problems told in English."""
        text = 'language = "en"\n' + MINIMAL.replace('person = "gabi"', 'person = "gaby"')
        with pytest.raises(ep.SourceError) as info:
            ep.loads(text)
        assert info.value.language == "en"


def test_json_marker_is_kept_in_messages():
    """A JSON problem without a known sentence keeps the parser's words after the prefix."""
    text = json.dumps({"format": "eventprogram/1"})[:-1] + "]"
    found = problem(text, format="json")
    assert found.text.en.startswith("not valid JSON: ")


class TestNamesWhereIdsBelong:
    """A name or label written where an id belongs is no id at all; the hint names the id."""

    def test_person_by_name(self):
        """A person written by name gets the id of the person so named, in both languages."""
        text = MINIMAL.replace('person = "gabi"', 'person = "Gabi Schmidt"')
        found = problem(text)
        assert found.path == "days[0].slots[0].people[0].person"
        assert found.line == line_of(text, "Gabi Schmidt")
        assert found.hint_text is not None
        assert found.hint_text.de == "meinten Sie 'gabi' (Gabi Schmidt)?"
        assert found.hint_text.en == "did you mean 'gabi' (Gabi Schmidt)?"

    def test_kind_by_a_label_with_spaces(self):
        """`kind = "Podium Diskussion"` proposes the built-in kind discussion."""
        found = problem(MINIMAL.replace('kind = "welcome"', 'kind = "Podium Diskussion"'))
        assert found.path == "days[0].slots[0].kind"
        assert found.hint_text is not None
        assert found.hint_text.de == "meinten Sie 'discussion' (Diskussion)?"

    def test_room_by_name(self):
        """A room written by its name proposes the room's id."""
        text = MINIMAL.replace(
            'city = "Dorsten"', 'city = "Dorsten"\nrooms = [{ id = "saal", name = "Großer Saal" }]'
        )
        found = problem(text.replace('kind = "welcome"', 'kind = "welcome"\nroom = "Großer Saal"'))
        assert found.path == "days[0].slots[0].room"
        assert found.hint_text is not None
        assert found.hint_text.en == "did you mean 'saal' (Großer Saal)?"

    def test_role_by_its_label(self):
        """A role written as its label with a space (`Welcome address`) proposes its id."""
        found = problem(MINIMAL.replace('roles = ["welcome"]', 'roles = ["Welcome address"]'))
        assert found.path == "days[0].slots[0].people[0].roles"
        assert found.hint_text is not None
        assert found.hint_text.en == "did you mean 'welcome' (Welcome address)?"

    @given(programme=programmes(), wanted=st.text(max_size=12), sort=st.sampled_from(
        ["person", "role", "kind", "room", "organisation"]
    ))  # fmt: skip
    def test_proposes_only_what_the_source_defines(self, programme, wanted, sort):
        """From plain data too, whatever is proposed is a defined id or a built-in one."""
        data = _convert.unstructure(programme)
        defined = {
            "person": {x.id for x in programme.people},
            "role": {x.id for x in (*programme.roles, *ep.ROLES)},
            "kind": {x.id for x in (*programme.kinds, *ep.KINDS)},
            "room": {x.id for x in programme.venue.rooms},
            "organisation": {x.id for x in programme.organisations},
        }[sort]
        found = Suggestions(data).closest(sort, wanted)
        assert found is None or found in defined
        assert found == Suggestions(programme).closest(sort, wanted) or sort == "person"
