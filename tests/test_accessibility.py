"""Accessibility provisions (issue #16): read, resolved once, checked by rules EP801 to EP803.

Programmes here are written as organisers write them, in TOML; the injected-defect
property for the three rules is in ``test_validation`` with the others.
"""

from __future__ import annotations

import json

import attrs
import pytest
from hypothesis import given

import eventprogram as ep
from eventprogram import exporters
from eventprogram.testing import programmes

HEAD = """
id = "fachtag"
title = "Fachtag"

[venue]
name = "Rathaus"
rooms = [
  { id = "saal", name = "Ratssaal", step_free = true, induction_loop = true },
  { id = "keller", name = "Gewölbekeller", step_free = false },
  { id = "raum", name = "Raum 2" },
]

[[people]]
id = "ahrens"
family_name = "Ahrens"

[[people]]
id = "brandt"
family_name = "Brandt"

[[people]]
id = "celik"
family_name = "Çelik"

[[days]]
date = 2025-05-15
"""


def load(days: str, head: str = HEAD) -> ep.Programme:
    return ep.loads(head + days, format="toml", source="fachtag.toml")


def problems(days: str, head: str = HEAD) -> list[ep.Problem]:
    with pytest.raises(ep.SourceError) as caught:
        load(days, head)
    return list(caught.value.problems)


def findings(programme: ep.Programme, *codes: str) -> list[tuple[str, tuple[str, ...]]]:
    return [(f.code, f.ids) for f in ep.validate(programme).findings if f.code in codes]


PLENUM = """
[[days.slots]]
id = "plenum"
kind = "plenary"
title = "Plenum"
start = "10:00"
end = "11:00"
room = "saal"
provisions = ["sign-language", { provision = "captioning", note = "auf der Leinwand" }]
"""


class TestSource:
    """What the loader reads, and how it refuses what is wrong."""

    def test_by_id_or_as_a_table(self):
        """A provision may be its id alone or a table; both read as the same offer."""
        slot = load(PLENUM).days[0].slots[0]
        assert slot.provisions == (
            ep.Offer(provision="sign-language"),
            ep.Offer(provision="captioning", note="auf der Leinwand"),
        )

    def test_sign_language_is_dgs_unless_it_says(self):
        """The view resolves a sign-language provision without a language to DGS, once."""
        item = ep.timeline(load(PLENUM)).get("plenum")
        assert item is not None
        (sign, captions) = item.provisions
        assert (sign.id, sign.sign_language) == ("sign-language", "DGS")
        assert captions.sign_language is None
        other = load(
            PLENUM.replace(
                '"sign-language",', '{ provision = "sign-language", sign_language = "ÖGS" },'
            )
        )
        item = ep.timeline(other).get("plenum")
        assert item is not None
        assert item.provisions[0].sign_language == "ÖGS"

    def test_unknown_provision_proposes_one(self):
        """An unknown provision names file, line and field, and proposes the id by its label."""
        (found,) = problems(PLENUM.replace('"sign-language"', '"Gebärdensprache"'))
        assert found.file == "fachtag.toml"
        assert found.path == "days[0].slots[0].provisions[0].provision"
        assert found.line == HEAD.count("\n") + 9
        assert found.hint == "did you mean 'sign-language' (Sign-language interpreting)?"
        (typo,) = problems(PLENUM.replace('"sign-language"', '"sign-langauge"'))
        assert typo.hint_text is not None
        assert typo.hint_text.de == "meinten Sie 'sign-language' (Gebärdensprachdolmetschen)?"
        assert typo.text.de == "Vorkehrung zur Barrierefreiheit 'sign-langauge' ist nicht definiert"

    def test_a_programmes_own_provision(self):
        """A programme declares provisions of its own, as it declares kinds and roles."""
        own = '[[provisions]]\nid = "assistenz"\nde = "Assistenz vor Ort"\nen = "On-site help"'
        head = HEAD.replace("[[days]]", f"{own}\n\n[[days]]")
        programme = load(PLENUM.replace('"sign-language"', '"assistenz"'), head)
        item = ep.timeline(programme).get("plenum")
        assert item is not None
        assert item.provisions[0].provision.label("de") == "Assistenz vor Ort"
        assert item.provisions[0].provision.label("en") == "On-site help"

    @pytest.mark.parametrize(
        ("change", "path"),
        [
            ('{ provision = "captioning", sign_language = "DGS"', "provisions[1].sign_language"),
            ('{ provision = "captioning", languages = ["deutsch"]', "provisions[1].languages"),
            ('{ provision = "captioning", languages = ["de", "de"]', "provisions[1].languages"),
            ('{ provision = "captioning", colour = "rot"', "provisions[1]"),
            ('{ provision = "sign-language"', "provisions"),
        ],
    )
    def test_wrong_offers(self, change, path):
        """A sign language on captioning, a wrong language, a key too many, one twice: refused."""
        found = problems(PLENUM.replace('{ provision = "captioning"', change))
        assert [p.path for p in found] == [f"days[0].slots[0].{path}"]

    def test_room_facts_are_checked(self):
        """A negative number of wheelchair places or a text for a yes/no is refused."""
        head = HEAD.replace("step_free = false }", "step_free = false, wheelchair_places = -1 }")
        (found,) = problems(PLENUM, head)
        assert found.path == "venue.rooms[1].wheelchair_places"
        head = HEAD.replace("step_free = false }", 'step_free = "nein" }')
        (found,) = problems(PLENUM, head)
        assert found.path == "venue.rooms[1].step_free"


class TestInheritance:
    """Provisions inherit like rooms: an item's own, else its parent's; ``[]`` says none."""

    DAYS = """
[[days.slots]]
id = "foren"
kind = "parallel"
title = "Foren"
start = "11:00"
end = "12:00"
provisions = ["captioning"]

[[days.slots.sessions]]
id = "f1"
title = "Forum 1"
room = "saal"

[[days.slots.sessions]]
id = "f2"
title = "Forum 2"
room = "raum"
provisions = []

[[days.slots.sessions]]
id = "f3"
title = "Forum 3"
room = "keller"
provisions = ["easy-language"]

[[days.slots.sessions.sessions]]
id = "f3a"
title = "Kleingruppe"
"""

    def test_resolved_once_in_the_view(self):
        """Sessions take their slot's provisions unless they name their own, or none."""
        view = ep.timeline(load(self.DAYS))
        ids = {item.id: [p.id for p in item.provisions] for item in view.items}
        assert ids == {
            "foren": ["captioning"],
            "f1": ["captioning"],
            "f2": [],
            "f3": ["easy-language"],
            "f3a": ["easy-language"],
        }
        f1, f3, f3a = (view.get(i) for i in ("f1", "f3", "f3a"))
        assert f1 is not None
        assert f3 is not None
        assert f3a is not None
        assert f1.provisions_from is view.get("foren")
        assert f3a.provisions_from is f3
        # What a page names under an item: only what differs from what holds it.
        assert f1.new_provisions == ()
        assert [p.id for p in f3.new_provisions] == ["easy-language"]
        assert f3a.new_provisions == ()

    def test_round_trip_keeps_none_and_empty_apart(self):
        """TOML to JSON and back keeps every provision, and ``[]`` apart from unsaid."""
        programme = load(self.DAYS)
        text = ep.dumps(programme)
        again = ep.loads(text, format="json")
        assert again == programme
        sessions = json.loads(text)["days"][0]["slots"][0]["sessions"]
        assert "provisions" not in sessions[0]
        assert sessions[1]["provisions"] == []
        assert sessions[2]["provisions"] == [
            {"provision": "easy-language", "sign_language": None, "languages": [], "note": None}
        ]
        assert ep.dumps(again) == text


class TestRoomLacksProvision:
    """EP801: a promised induction loop or step-free access in a room without it."""

    @pytest.mark.parametrize(
        ("room", "provision", "found"),
        [
            ("saal", "step-free", False),
            ("saal", "induction-loop", False),
            ("keller", "step-free", True),  # step_free = false
            ("keller", "induction-loop", True),  # not said
            ("raum", "step-free", True),  # not said
            ("keller", "captioning", False),  # no fact of a room
        ],
    )
    def test_by_the_rooms_facts(self, room, provision, found):
        """Only a room that says true keeps the promise; other provisions ask nothing of it."""
        days = PLENUM.replace('room = "saal"', f'room = "{room}"').replace(
            '"sign-language", { provision = "captioning", note = "auf der Leinwand" }',
            f'"{provision}"',
        )
        expected = [("EP801", ("plenum", room))] if found else []
        assert findings(load(days), "EP801") == expected

    def test_once_where_inherited(self):
        """Sessions inheriting both room and promise from their slot add no finding of their own."""
        days = """
[[days.slots]]
id = "block"
kind = "talk"
title = "Block"
start = "10:00"
end = "11:00"
room = "keller"
provisions = ["step-free"]

[[days.slots.sessions]]
id = "t1"
title = "Vortrag 1"

[[days.slots.sessions]]
id = "t2"
title = "Vortrag 2"
room = "raum"
"""
        assert findings(load(days), "EP801") == [
            ("EP801", ("block", "keller")),
            ("EP801", ("t2", "raum")),
        ]

    def test_in_both_languages(self):
        """The message says which room and which field, in German and in English."""
        days = PLENUM.replace('room = "saal"', 'room = "keller"').replace(
            '"sign-language", { provision = "captioning", note = "auf der Leinwand" }',
            '"step-free"',
        )
        (finding,) = [f for f in ep.validate(load(days)).findings if f.code == "EP801"]
        assert finding.path == "days[0].slots[0].provisions[0]"
        assert finding.message("de") == (
            "'plenum' verspricht „Stufenloser Zugang“, aber der Raum 'keller' hat das nicht"
            " (step_free = false)"
        )
        assert finding.message("en") == (
            "'plenum' promises “Step-free access”, but the room 'keller' does not have it"
            " (step_free = false)"
        )


class TestSignLanguageTeam:
    """EP802: sign-language interpreting longer than the limit needs two interpreters."""

    @staticmethod
    def plenum(end: str, people: str = "", extra: str = "") -> str:
        return (
            PLENUM.replace('end = "11:00"', f'end = "{end}"').replace(
                '"sign-language", { provision = "captioning", note = "auf der Leinwand" }',
                f'"sign-language"{extra}',
            )
            + people
        )

    ONE = 'people = [{ person = "ahrens", roles = ["sign-language-interpreting"] }]\n'
    TWO = (
        'people = [{ person = "ahrens", roles = ["sign-language-interpreting"] },'
        ' { person = "brandt", roles = ["sign-language-interpreting"] }]\n'
    )

    @pytest.mark.parametrize(
        ("end", "people", "found"),
        [
            ("11:00", "", False),  # 60 minutes: the limit itself
            ("11:01", "", True),
            ("11:01", ONE, True),
            ("12:30", TWO, False),
        ],
    )
    def test_at_the_limit(self, end, people, found):
        """Sixty minutes alone are fine, sixty-one are not; two interpreters are a team."""
        expected = [("EP802", ("plenum",))] if found else []
        assert findings(load(self.plenum(end, people)), "EP802") == expected

    def test_the_limit_is_the_programmes(self):
        """`[settings] sign_language_team_minutes` moves the limit."""
        head = HEAD.replace("[[days]]", "[settings]\nsign_language_team_minutes = 90\n\n[[days]]")
        assert findings(load(self.plenum("11:30", self.ONE), head), "EP802") == []
        assert findings(load(self.plenum("11:31", self.ONE), head), "EP802") == [
            ("EP802", ("plenum",))
        ]
        (finding,) = [
            f
            for f in ep.validate(load(self.plenum("11:31", self.ONE), head)).findings
            if f.code == "EP802"
        ]
        assert "91 Minuten" in finding.message("de")
        assert "länger als 90 Minuten" in finding.message("de")
        assert "longer than 90 minutes" in finding.message("en")

    def test_interpreting_counts_unless_spoken_interpretation_is_offered(self):
        """`interpreting` counts for sign language, except where spoken interpretation is there."""
        two = self.TWO.replace('"sign-language-interpreting"] }]', '"interpreting"] }]')
        assert findings(load(self.plenum("12:00", two)), "EP802") == []
        spoken = ', { provision = "interpretation", languages = ["de", "en"] }'
        assert findings(load(self.plenum("12:00", two, spoken)), "EP802") == [
            ("EP802", ("plenum",))
        ]

    def test_each_session_of_a_slot_needs_its_team(self):
        """A slot's interpreting is checked in each session that inherits it, for its own team."""
        days = """
[[days.slots]]
id = "foren"
kind = "parallel"
title = "Foren"
start = "11:00"
end = "13:00"
provisions = ["sign-language"]

[[days.slots.sessions]]
id = "f1"
title = "Forum 1"
room = "saal"
people = [
  { person = "ahrens", roles = ["sign-language-interpreting"] },
  { person = "brandt", roles = ["sign-language-interpreting"] },
]

[[days.slots.sessions]]
id = "f2"
title = "Forum 2"
room = "raum"
people = [{ person = "celik", roles = ["sign-language-interpreting"] }]
"""
        assert findings(load(days), "EP802") == [("EP802", ("f2",))]

    def test_interpreter_in_two_parallel_sessions_is_a_person_clash(self):
        """An interpreter booked in AG 2 and AG 4 at once is EP301's finding, as for anyone."""
        days = """
[[days.slots]]
id = "ags"
kind = "working-groups"
title = "Arbeitsgruppen"
start = "14:00"
end = "14:45"

[[days.slots.sessions]]
id = "ag2"
title = "AG 2"
room = "saal"
provisions = ["sign-language"]
people = [{ person = "ahrens", roles = ["sign-language-interpreting"] }]

[[days.slots.sessions]]
id = "ag4"
title = "AG 4"
room = "raum"
provisions = ["captioning"]
people = [{ person = "ahrens", roles = ["captioning"] }]
"""
        assert findings(load(days), "EP301", "EP802") == [("EP301", ("ahrens", "ag2", "ag4"))]


class TestProvisionWithoutRoom:
    """EP803: a provision promised where nobody knows the room."""

    def test_innermost_items_only(self):
        """A slot's provisions need no room of the slot's when its sessions have one each."""
        days = """
[[days.slots]]
id = "foren"
kind = "parallel"
title = "Foren"
start = "11:00"
end = "12:00"
provisions = ["quiet-room"]

[[days.slots.sessions]]
id = "f1"
title = "Forum 1"
room = "saal"

[[days.slots.sessions]]
id = "f2"
title = "Forum 2"

[[days.slots]]
id = "mittag"
kind = "lunch"
title = "Mittagspause"
start = "12:00"
end = "13:00"
provisions = []
"""
        assert findings(load(days), "EP803") == [("EP803", ("f2",))]

    def test_names_the_provisions(self):
        """The message names the provisions by their labels, German and English."""
        days = PLENUM.replace('room = "saal"\n', "")
        (finding,) = [f for f in ep.validate(load(days)).findings if f.code == "EP803"]
        assert "„Gebärdensprachdolmetschen“, „Schriftdolmetschen“" in finding.message("de")
        assert "“Sign-language interpreting”, “Live captioning”" in finding.message("en")


@given(programmes())
def test_generated_provisions_survive_the_round_trip(programme):
    """Every drawn provision, room fact, setting and statement survives JSON and back."""
    again = ep.loads(ep.dumps(programme), format="json")
    assert again == programme
    assert [i.provisions for i in ep.timeline(again).items] == [
        i.provisions for i in ep.timeline(programme).items
    ]


def test_no_provisions_write_no_new_keys(example_dir):
    """A programme that says nothing of accessibility is written without the new keys."""
    programme = ep.load(example_dir)
    text = ep.dumps(programme)
    for key in ('"provisions"', '"settings"', '"accessibility_statement"', '"step_free"'):
        assert key not in text
    said = attrs.evolve(programme, settings=ep.Settings(sign_language_team_minutes=45))
    assert '"sign_language_team_minutes": 45' in ep.dumps(said)


class TestHostileLabels:
    """A programme's own provision with markup in its label and note stays text everywhere."""

    HEAD = HEAD.replace(
        "[[days]]",
        '[[provisions]]\nid = "x"\nde = "<script>alert(1)</script> & *Co*"\n'
        'en = "<b>bold</b> & [link](javascript:alert(1))"\n\n[[days]]',
    )
    DAYS = PLENUM.replace(
        '"sign-language", { provision = "captioning", note = "auf der Leinwand" }',
        '{ provision = "x", note = "Raum <i>2</i> | `code` & ä" }',
    )

    def render(self, name: str, language: str = "de") -> str:
        content = exporters.get(name).render(
            load(self.DAYS, self.HEAD), exporters.RenderOptions(language=language)
        )
        return content.decode("utf-8") if isinstance(content, bytes) else content

    def test_html_escapes_label_and_note(self):
        """The page shows the label and note as text, with a tick beside them, and runs nothing."""
        page = self.render("html")
        assert "<script>alert(1)</script>" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; *Co* (" not in page  # no details
        assert (
            "&lt;script&gt;alert(1)&lt;/script&gt; &amp; *Co* – Raum &lt;i&gt;2&lt;/i&gt;" in page
        )
        assert "<i>2</i>" not in page
        english = self.render("html", "en")
        assert "&lt;b&gt;bold&lt;/b&gt; &amp; [link](javascript:alert(1))" in english
        assert 'href="javascript' not in english

    def test_markdown_escapes_label_and_note(self):
        """Markdown escapes the markup in the provision's label and note."""
        text = self.render("markdown")
        line = next(x for x in text.splitlines() if x.startswith("Barrierefreiheit:"))
        assert "\\<script\\>" in line
        assert "\\*Co\\*" in line
        assert "\\`code\\`" in line

    def test_ical_writes_them_as_text(self):
        """The calendar's description has the label and note as text, its commas escaped."""
        text = self.render("ical")
        assert "Barrierefreiheit: <script>alert(1)</script> & *Co* – Raum <i>2</i> | `code`" in (
            text.replace("\r\n ", "")
        )


def test_a_cancelled_item_promises_nothing():
    """Cancelled, a session's unkept promises (a room without steps, no room) are no finding."""
    days = PLENUM.replace('room = "saal"\n', 'room = "keller"\n').replace(
        '"sign-language", { provision = "captioning", note = "auf der Leinwand" }', '"step-free"'
    )
    assert findings(load(days), "EP801") == [("EP801", ("plenum", "keller"))]
    cancelled = days.replace('title = "Plenum"\n', 'title = "Plenum"\ncancelled = true\n')
    assert findings(load(cancelled), "EP801", "EP802", "EP803") == []
