"""Findings that help an organiser: hints drawn from the programme, counts as one says them,
"did you mean" that names what exists, and moderation looked for where it is missed.

``test_rules_messages`` shows each rule's wording for one case; these tests change the
programme and check that what the finding proposes changes with it.
"""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import eventprogram as ep
from eventprogram import Contribution, Day, Kind, Organisation, Person, Role, Room, Session
from eventprogram._references import SUGGESTED_MISSES, Suggestions
from eventprogram.rules import available
from eventprogram.testing import programmes
from test_rules_messages import INPUT, MODERATION, D, at, parallel, programme, slot

RULES = {rule.code: rule for rule in available().values()}


def findings(code: str, p: ep.Programme) -> list[ep.Finding]:
    """The findings of the rule *code* alone in *p*."""
    return list(ep.validate(p, rules=[RULES[code]]).findings)


def hints(code: str, p: ep.Programme) -> list[tuple[str | None, str | None]]:
    """The German and English hints of the rule *code*'s findings in *p*."""
    return [(f.hint("de"), f.hint("en")) for f in findings(code, p)]


class TestCounts:
    """The summary line and counted words follow CLDR's plural rules, from Babel."""

    @pytest.mark.parametrize(
        ("code", "case", "de", "en"),
        [
            ("EP206", lambda: programme(days=(Day(date=D),)), "0 Fehler, 1 Warnung, 0 Hinweise",
             "0 errors, 1 warning, 0 infos"),
            ("EP701", lambda: programme(slot("a", "10:00", "10:30"), slot("b", "11:00", "12:00")),
             "0 Fehler, 0 Warnungen, 1 Hinweis", "0 errors, 0 warnings, 1 info"),
            ("EP201", lambda: programme(slot("a", "10:00", "09:00"), slot("b", "12:00", "11:00")),
             "2 Fehler, 0 Warnungen, 0 Hinweise", "2 errors, 0 warnings, 0 infos"),
        ],
    )  # fmt: skip
    def test_summary_counts_in_both_languages(self, code, case, de, en):
        """One warning is "1 Warnung" / "1 warning", one info "1 Hinweis"; two errors "2 errors"."""
        report = ep.validate(case(), rules=[RULES[code]])
        assert report.to_text("de").splitlines()[-1] == de
        assert report.to_text("en").splitlines()[-1] == en

    def test_nothing_found_is_counted_in_the_plural(self):
        """Zero takes the plural in both languages: "0 Fehler, 0 Warnungen, 0 Hinweise"."""
        report = ep.validate(programme(slot("a", "10:00", "11:00")), rules=[RULES["EP701"]])
        assert report.to_text("de") == "0 Fehler, 0 Warnungen, 0 Hinweise\n"
        assert report.to_text("en") == "0 errors, 0 warnings, 0 infos\n"

    def test_one_session_without_a_room_is_one(self):
        """EP402 counts one roomless session in the singular, two in the plural."""
        one = programme(
            parallel(Session(id="x", title="x", room="saal"), Session(id="y", title="y"))
        )
        (finding,) = findings("EP402", one)
        assert finding.message("de") == "1 parallele Session in 'ags' hat keinen Raum: y"
        assert finding.message("en") == "1 parallel session in 'ags' has no room: y"
        two = programme(parallel(Session(id="x", title="x"), Session(id="y", title="y")))
        (finding,) = findings("EP402", two)
        assert finding.message("de") == "2 parallele Sessions in 'ags' haben keinen Raum: x, y"
        assert finding.message("en") == "2 parallel sessions in 'ags' have no room: x, y"


class TestOpenEndHint:
    """EP208 proposes an end the programme suggests, never a fixed example time."""

    def test_evening_gets_its_nominal_end(self):
        """An open evening at 21:00 is offered 22:00, the end calendars now show, not 16:30."""
        p = programme(slot("empfang", "18:00", "21:00"), slot("abend", "21:00"))
        ((de, en),) = hints("EP208", p)
        assert 'end = "22:00"' in de
        assert 'end = "22:00"' in en
        assert "16:30" not in de + en

    def test_other_days_end_is_proposed(self):
        """Where another day ends at 16:30, a last slot from 15:00 is offered 16:30."""
        first = Day(date=D, slots=(slot("a", "09:00", "16:30"),))
        second = Day(
            date=D + dt.timedelta(days=1),
            slots=(slot("b", "09:00", date=D + dt.timedelta(days=1)),
                   slot("c", "15:00", date=D + dt.timedelta(days=1))),
        )  # fmt: skip
        ((de, en),) = hints("EP208", programme(days=(first, second)))
        assert 'end = "16:30", wie ein anderer Tag endet' in de
        assert 'end = "16:30", as another day ends' in en

    def test_another_day_ending_earlier_is_not_proposed(self):
        """A day that ends at 16:30 is no end for a slot from 17:00: its nominal end is taken."""
        first = Day(date=D, slots=(slot("a", "09:00", "16:30"),))
        later = D + dt.timedelta(days=1)
        second = Day(date=later, slots=(slot("b", "17:00", date=later),))
        ((de, en),) = hints("EP208", programme(days=(first, second)))
        assert 'end = "18:00"' in de
        assert 'end = "18:00"' in en

    def test_end_after_midnight_names_the_date(self):
        """An open slot from 23:30 is offered an end with the next date: "00:30" would end
        before it starts."""
        ((de, en),) = hints("EP208", programme(slot("party", "23:30")))
        assert 'end = "2025-05-16T00:30"' in de
        assert 'end = "2025-05-16T00:30"' in en

    def test_proposed_end_mends_it(self):
        """Writing the proposed end into the slot leaves no EP208 and no error."""
        p = programme(slot("empfang", "18:00", "21:00"), slot("abend", "21:00"))
        ((_, en),) = hints("EP208", p)
        end = en.split('end = "', 1)[1].split('"', 1)[0]
        day = p.days[0]
        mended = attrs.evolve(day, slots=(day.slots[0], attrs.evolve(day.slots[1], end=at(D, end))))
        report = ep.validate(attrs.evolve(p, days=(mended,)))
        assert report.ok
        assert "EP208" not in {f.code for f in report.findings}


class TestOtherHints:
    """The other hints that give values take them from the programme."""

    def test_listed_twice_names_the_persons_own_roles(self):
        """EP302 proposes the roles the person has in both listings, once each, in order."""
        people = (
            Contribution(person="vetter", roles=("keynote",)),
            Contribution(person="vetter", roles=("panel", "keynote")),
        )
        ((de, en),) = hints("EP302", programme(slot("a", "10:00", "11:00", people=people)))
        assert de == 'einmal nennen, mit allen Rollen: roles = ["keynote", "panel"]'
        assert en == 'list them once with all roles: roles = ["keynote", "panel"]'

    def test_parallel_without_room_proposes_a_free_room(self):
        """EP402 proposes a room of the venue that no session of the slot has yet."""
        p = programme(parallel(Session(id="x", title="x", room="saal"), Session(id="y", title="y")))
        ((de, en),) = hints("EP402", p)
        assert de.endswith('room = "foyer"')
        assert en.endswith('room = "foyer"')

    def test_parallel_without_rooms_at_all_says_where_to_define_them(self):
        """Without rooms in the venue, EP402 says where rooms are defined, and names none."""
        p = programme(parallel(Session(id="x", title="x"), Session(id="y", title="y")))
        p = attrs.evolve(p, venue=attrs.evolve(p.venue, rooms=()))
        ((de, en),) = hints("EP402", p)
        assert "[[venue.rooms]]" in de
        assert "[[venue.rooms]]" in en
        assert "room = " not in de + en

    @pytest.mark.parametrize(
        ("zone", "date", "time", "de", "en"),
        [
            ("Europe/Berlin", dt.date(2025, 3, 30), "02:30", "vor 02:00 oder ab 03:00",
             "before 02:00 or from 03:00"),
            ("Australia/Lord_Howe", dt.date(2025, 10, 5), "02:10", "vor 02:00 oder ab 02:30",
             "before 02:00 or from 02:30"),
        ],
    )  # fmt: skip
    def test_nonexistent_time_names_the_skipped_span(self, zone, date, time, de, en):
        """EP601 names the span the clocks skip in the programme's zone (half an hour on
        Lord Howe Island)."""
        p = programme(days=(Day(date=date, slots=(slot("a", time, "04:00", date=date),)),))
        ((hint_de, hint_en),) = hints("EP601", attrs.evolve(p, timezone=zone))
        assert de in hint_de
        assert en in hint_en

    def test_ambiguous_time_names_the_repeated_hour_and_the_second_one(self):
        """EP602 names the repeated hour and how to write the second of the twice-seen time."""
        autumn = dt.date(2025, 10, 26)
        p = programme(days=(Day(date=autumn, slots=(slot("a", "02:15", "03:30", date=autumn),)),))
        ((de, en),) = hints("EP602", p)
        assert de == (
            'eine Uhrzeit vor 02:00 oder ab 03:00 wählen; für das zweite Mal start = "02:15+01:00"'
        )
        assert en == (
            'choose a time before 02:00 or from 03:00; for the second time, start = "02:15+01:00"'
        )


def _panel(*people: Contribution, kind: str = "panel") -> ep.Slot:
    return slot("podium", "11:00", "12:00", kind=kind, title="Podium", people=people)


PANELLISTS = (
    Contribution(person="vetter", roles=("panel",)),
    Contribution(person="anna", roles=("panel",)),
)
PEOPLE = (Person(id="vetter", family_name="Vetter"), Person(id="anna", family_name="Anna"))


class TestNoModeration:
    """EP501 asks for moderation where people are listed and a discussion or group needs it."""

    def test_groups_that_list_nobody_are_left_alone(self):
        """Workshops whose people are not listed at all give no finding."""
        p = programme(parallel(Session(id="x", title="x", room="saal"), Session(id="y", title="y")))
        assert findings("EP501", p) == []

    def test_group_with_people_and_no_moderator(self):
        """A working group that lists someone, nobody moderating, is found."""
        p = programme(
            parallel(
                Session(id="x", title="x", room="saal", people=INPUT),
                Session(id="y", title="y", room="foyer"),
            )
        )
        assert [f.ids for f in findings("EP501", p)] == [("x",)]

    def test_moderator_in_a_sub_group_counts(self):
        """A group whose Kleingruppe has a moderator is moderated."""
        sub = Session(id="x1", title="x1", people=MODERATION)
        p = programme(
            parallel(
                Session(id="x", title="x", room="saal", sessions=(sub,)),
                Session(id="y", title="y", room="foyer"),
            )
        )
        assert findings("EP501", p) == []

    @pytest.mark.parametrize("kind", ["panel", "discussion"])
    def test_panel_without_moderator_is_found(self, kind):
        """A slot of kind panel or discussion that lists people, none moderating, is found."""
        people = (Contribution(person="vetter", roles=("input",)),)
        p = programme(_panel(*people, kind=kind))
        (finding,) = findings("EP501", p)
        assert finding.ids == ("podium",)
        assert finding.path == "days[0].slots[0].people"

    def test_panellists_make_a_panel_of_any_kind(self):
        """People in the role panel make a talk slot a panel: without a moderator, it is found."""
        p = programme(_panel(*PANELLISTS, kind="talk"), people=PEOPLE)
        assert [f.ids for f in findings("EP501", p)] == [("podium",)]

    def test_moderated_panel_is_fine(self):
        """A panel with a moderator gives no finding."""
        moderator = Contribution(person="mod", roles=("moderation",))
        people = (*PEOPLE, Person(id="mod", family_name="Mod"))
        p = programme(_panel(*PANELLISTS, moderator), people=people)
        assert findings("EP501", p) == []

    def test_panel_without_people_is_left_alone(self):
        """A panel whose people are not known yet gives no finding."""
        assert findings("EP501", programme(_panel())) == []

    def test_talk_is_not_a_panel(self):
        """A talk with one speaker needs no moderator."""
        speaker = (Contribution(person="vetter", roles=("speaker",)),)
        assert findings("EP501", programme(slot("a", "10:00", "11:00", people=speaker))) == []

    def test_slot_moderator_leads_its_panel_session(self):
        """A panel session inside a moderated slot (not a parallel group) is moderated."""
        moderator = (Contribution(person="mod", roles=("moderation",)),)
        session = Session(id="runde", title="Runde", kind="panel", people=PANELLISTS)
        p = programme(
            slot("a", "10:00", "11:00", people=moderator, sessions=(session,)),
            people=(*PEOPLE, Person(id="mod", family_name="Mod")),
        )
        assert findings("EP501", p) == []

    def test_slot_moderator_does_not_lead_parallel_groups(self):
        """A moderator of the whole slot does not moderate each of its parallel groups."""
        moderator = (Contribution(person="mod", roles=("moderation",)),)
        anna = (Contribution(person="anna", roles=("input",)),)
        groups = (
            Session(id="x", title="x", room="saal", people=INPUT),
            Session(id="y", title="y", room="foyer", people=anna),
        )
        p = programme(
            slot("ags", "14:30", "16:00", kind="working-groups", people=moderator, sessions=groups),
            people=(*PEOPLE, Person(id="mod", family_name="Mod")),
        )
        assert sorted(f.ids for f in findings("EP501", p)) == [("x",), ("y",)]

    def test_panel_inside_a_group_is_part_of_it(self):
        """A panel held by a working group without moderation gives one finding, the group's."""
        panel = Session(id="runde", title="Runde", kind="panel", people=PANELLISTS)
        groups = (
            Session(id="x", title="x", room="saal", sessions=(panel,)),
            Session(id="y", title="y", room="foyer"),
        )
        p = programme(parallel(*groups), people=PEOPLE)
        assert [f.ids for f in findings("EP501", p)] == [("x",)]

    def test_sessions_inheriting_the_panel_kind_are_one_panel(self):
        """Sessions that only inherit a panel slot's kind are its parts: one finding, the slot's."""
        part = Session(id="teil", title="Teil", people=PANELLISTS)
        p = programme(
            slot("podium", "11:00", "12:00", kind="panel", sessions=(part,)), people=PEOPLE
        )
        assert [f.ids for f in findings("EP501", p)] == [("podium",)]


def _dangling(p: ep.Programme) -> list[ep.Finding]:
    return findings("EP101", p)


class TestDidYouMean:
    """Unknown ids get the closest defined id of their sort, by id or by label."""

    def test_kind_by_its_german_label(self):
        """A slot kind written as its German label, 'Vortrag', is the built-in kind talk."""
        (finding,) = _dangling(programme(slot("a", "10:00", "11:00", kind="Vortrag")))
        assert finding.hint("de") == "meinten Sie 'talk' (Vortrag)?"
        assert finding.hint("en") == "did you mean 'talk'?"

    def test_role_by_its_german_label(self):
        """A role written 'Vortrag' is the built-in role speaker, whose label that is."""
        people = (Contribution(person="vetter", roles=("Vortrag",)),)
        (finding,) = _dangling(programme(slot("a", "10:00", "11:00", people=people)))
        assert finding.message("en") == "no role 'Vortrag'"
        assert finding.hint("de") == "meinten Sie 'speaker' (Vortrag)?"
        assert finding.hint("en") == "did you mean 'speaker'?"

    def test_role_by_a_misspelt_label(self):
        """'Moderaton' is the role moderation; 'Podiumm' the role panel, by its German label."""
        people = (
            Contribution(person="vetter", roles=("Moderaton",)),
            Contribution(person="anna", roles=("Podiumm",)),
        )
        p = programme(slot("a", "10:00", "11:00", people=people), people=PEOPLE)
        assert [f.hint("en") for f in _dangling(p)] == [
            "did you mean 'moderation'?",
            "did you mean 'panel'?",
        ]

    def test_programmes_own_kind_comes_first(self):
        """A kind the programme defines is proposed by its label, with its label."""
        kinds = (Kind(id="werkstatt", de="Werkstattgespräch", en="Workshop talk"),)
        p = programme(slot("a", "10:00", "11:00", kind="Werkstattgesprach"), kinds=kinds)
        (finding,) = _dangling(p)
        assert finding.hint("de") == "meinten Sie 'werkstatt' (Werkstattgespräch)?"
        assert finding.hint("en") == "did you mean 'werkstatt' (Workshop talk)?"

    def test_person_by_family_name(self):
        """A person written by family name is proposed by id, with the full name."""
        people = (Person(id="schmidt-gabi", given_name="Gabi", family_name="Schmidt"),)
        who = (Contribution(person="Schmidt", roles=("input",)),)
        p = programme(slot("a", "10:00", "11:00", people=who), people=people)
        (finding,) = _dangling(p)
        assert finding.hint("en") == "did you mean 'schmidt-gabi' (Gabi Schmidt)?"
        assert finding.hint("de") == "meinten Sie 'schmidt-gabi' (Gabi Schmidt)?"

    def test_room_by_name(self):
        """A room written by its name is proposed by its id."""
        p = programme(slot("a", "10:00", "11:00", room="Foyer"))
        (finding,) = _dangling(p)
        assert finding.hint("en") == "did you mean 'foyer'?"
        p = programme(slot("a", "10:00", "11:00", room="AULA"))
        p = attrs.evolve(p, venue=attrs.evolve(p.venue, rooms=(Room(id="raum-1", name="Aula"),)))
        (finding,) = _dangling(p)
        assert finding.hint("de") == "meinten Sie 'raum-1' (Aula)?"

    def test_organisation_by_short_name(self):
        """An organisation written by its short name is proposed by id, with that name."""
        mags = Organisation(id="mags-nrw", name="Ministerium für Arbeit", short_name="MAGS")
        people = (Person(id="vetter", family_name="Vetter", organisation="MAGS"),)
        p = programme(slot("a", "10:00", "11:00"), organisations=(mags,), people=people)
        (finding,) = _dangling(p)
        assert finding.path == "people[0].organisation"
        assert finding.hint("en") == "did you mean 'mags-nrw' (MAGS)?"

    def test_a_sessions_own_kind_is_checked(self):
        """An unknown kind of a session is a dangling reference too, with its hint."""
        workshop = Session(id="w", title="Werkstatt", kind="Diskusion")
        p = programme(slot("a", "10:00", "11:00", sessions=(workshop,)))
        (finding,) = _dangling(p)
        assert finding.path == "days[0].slots[0].sessions[0].kind"
        assert finding.message("de") == "Art 'Diskusion' ist nicht definiert"
        assert finding.hint("de") == "meinten Sie 'discussion' (Diskussion)?"

    def test_nothing_close_gives_no_hint(self):
        """An id like nothing defined gets no hint, rather than a wild one."""
        people = (Contribution(person="vetter", roles=("xyzzy",)),)
        (finding,) = _dangling(programme(slot("a", "10:00", "11:00", people=people)))
        assert finding.hint("de") is None
        assert finding.hint("en") is None

    def test_load_error_says_it_in_german_and_english(self):
        """Loading a source with a kind 'Vortrag' names the file, line, field and the kind."""
        source = (
            'id = "p"\ntitle = "T"\n[venue]\nname = "V"\n[[days]]\ndate = "2025-05-15"\n'
            '[[days.slots]]\nid = "a"\nkind = "Vortrag"\ntitle = "A"\nstart = "10:00"\n'
        )
        with pytest.raises(ep.SourceError) as caught:
            ep.loads(source, source="p.toml")
        assert caught.value.to_text("de") == (
            "p.toml:9: days[0].slots[0].kind: Art 'Vortrag' ist nicht definiert"
            " (meinten Sie 'talk' (Vortrag)?)\n"
        )
        assert caught.value.to_text("en") == (
            "p.toml:9: days[0].slots[0].kind: no slot kind 'Vortrag' (did you mean 'talk'?)\n"
        )

    def test_searches_are_bounded(self):
        """After SUGGESTED_MISSES different unknown ids, no more searching: a miss in other
        letter case is still found."""
        p = programme(slot("a", "10:00", "11:00"))
        suggestions = Suggestions(p)
        for n in range(SUGGESTED_MISSES):
            suggestions.closest("person", f"vettr{n}")
        assert suggestions.closest("person", "vettr") is None
        assert suggestions.closest("person", "VETTER") == "vetter"
        assert Suggestions(p).closest("person", "vettr") == "vetter"

    def test_the_same_typo_is_searched_once(self):
        """The same unknown id many times costs one search: all get the hint."""
        who = (Contribution(person="vettr", roles=("input",)),)
        slots = [slot(f"s{n}", f"{8 + n:02d}:00", f"{8 + n:02d}:30", people=who) for n in range(8)]
        hints_ = [f.hint("en") for f in _dangling(programme(*slots))]
        assert hints_ == ["did you mean 'vetter'?"] * 8
        suggestions = Suggestions(programme(*slots))
        for _ in range(SUGGESTED_MISSES + 5):
            assert suggestions.closest("person", "vettr") == "vetter"

    @given(p=programmes(), wanted=st.text(max_size=12), sort=st.sampled_from(
        ["person", "role", "kind", "room", "organisation"]
    ))  # fmt: skip
    def test_proposes_only_what_exists(self, p, wanted, sort):
        """Whatever is proposed for any text is a defined id of its sort, or a built-in one."""
        defined = {
            "person": {x.id for x in p.people},
            "role": {x.id for x in (*p.roles, *ep.ROLES)},
            "kind": {x.id for x in (*p.kinds, *ep.KINDS)},
            "room": {x.id for x in p.venue.rooms},
            "organisation": {x.id for x in p.organisations},
        }[sort]
        found = Suggestions(p).closest(sort, wanted)
        assert found is None or found in defined
        hint = Suggestions(p).hint(sort, wanted)
        assert (hint is None) == (found is None)
        if hint is not None:
            assert repr(found) in hint.de
            assert repr(found) in hint.en

    @given(p=programmes())
    def test_a_defined_label_proposes_its_own(self, p):
        """A role or kind written by one of its labels, in capitals, proposes one so labelled."""
        for sort, defined in (("role", (*p.roles, *ep.ROLES)), ("kind", (*p.kinds, *ep.KINDS))):
            effective = {x.id: x for x in reversed(defined)}  # the first of an id counts
            for entry in effective.values():
                for label in (entry.de, entry.en):
                    found = Suggestions(p).closest(sort, label.upper())
                    assert found is not None
                    named = effective[found]
                    assert label.casefold() in {
                        named.id.casefold(),
                        named.de.casefold(),
                        named.en.casefold(),
                    }


def test_suggestions_are_quick_for_many_people():
    """Fifty different unknown people among 10,000 still validate in well under a second's
    worth of searches each: the search is bounded (at most SUGGESTED_MISSES per sort)."""
    people = tuple(Person(id=f"person-{n}", family_name=f"Name {n}") for n in range(10_000))
    p = programme(slot("a", "10:00", "11:00"), people=people)
    suggestions = Suggestions(p)
    for n in range(50):
        suggestions.closest("person", f"nobody-{n}x")
    searched = suggestions._vocabulary("person").misses  # noqa: SLF001 -- the bound itself
    assert searched == SUGGESTED_MISSES


ROLE_LABELS = [(r.id, r.de) for r in ep.ROLES if r.de.casefold() != r.id]


@pytest.mark.parametrize(("role", "label"), ROLE_LABELS)
def test_every_builtin_role_is_found_by_its_german_label(role, label):
    """Each built-in role written as its German label (Podium, Grußwort, …) proposes it."""
    p = programme(slot("a", "10:00", "11:00"))
    assert Suggestions(p).closest("role", label) == role


def test_role_labels_name_roles_and_kind_labels_name_kinds():
    """'Podium' is the role panel among roles and the kind panel among kinds, never mixed."""
    p = programme(
        slot("a", "10:00", "11:00"), roles=(Role(id="podium-gast", de="Gast", en="Guest"),)
    )
    assert Suggestions(p).closest("role", "Gast") == "podium-gast"
    assert Suggestions(p).closest("kind", "Gast") is None
