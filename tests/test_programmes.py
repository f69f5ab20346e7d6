"""Programmes of other shapes than the worked example, written from the docs alone (issue #14).

``tests/programmes`` holds a two-day academy conference (an open start, an evening
programme that ends open, groups without names, people with prefixes and towns) and
a one-day youth-policy congress (eight workshops, two panels without a moderator,
one person in two roles). Their builds are golden files (``test_golden.py``); here
they are validated, and what an organiser checks first is looked for in the output.
"""

from __future__ import annotations

import datetime as dt
import json

import attrs
import lxml.html

import eventprogram as ep
from conftest import ROOT
from eventprogram import exporters
from eventprogram.exporters import RenderOptions

PROGRAMMES = ROOT / "tests" / "programmes"


def load(name: str) -> ep.Programme:
    return ep.load(PROGRAMMES / name)


def markdown(programme: ep.Programme) -> list[str]:
    text = exporters.get("markdown").render(programme, RenderOptions(language="de"))
    assert isinstance(text, str)
    return text.splitlines()


def people_of_the_page(programme: ep.Programme) -> dict[str, dict[str, object]]:
    """The page's JSON-LD people (performers and organisers of sub-events), by name."""
    page = exporters.get("html").render(programme, RenderOptions(language="de"))
    assert isinstance(page, str)
    (script,) = lxml.html.fromstring(page).xpath("//script[@type='application/ld+json']")
    found: dict[str, dict[str, object]] = {}

    def walk(event: dict[str, object]) -> None:
        for key in ("performer", "organizer"):
            value = event.get(key, [])
            for person in value if isinstance(value, list) else [value]:
                if isinstance(person, dict) and person.get("@type") == "Person":
                    found.setdefault(str(person["name"]), person)
        for sub in event.get("subEvent", []):  # type: ignore[union-attr]
            walk(sub)

    walk(json.loads(script.text))
    return found


class TestAcademy:
    """Two days at an academy: "ab 14:00 Uhr Anmeldung", groups, an evening that ends open."""

    NAME = "akademie-dorfkirche-2025"

    def test_validates_without_a_finding(self):
        """The open start, the counted groups and the open evening give no finding at all."""
        assert ep.validate(load(self.NAME)).findings == ()

    def test_reads_as_printed(self):
        """Open start and open evening read "ab", the groups are counted, in one item each."""
        lines = markdown(load(self.NAME))
        assert "### ab 14:00 Uhr – Anmeldung und Kaffee" in lines
        assert "### ab 21:00 Uhr – Ausklang im Weinkeller" in lines
        assert "In drei Gruppen" in lines
        assert not any("Gruppe 1" in line for line in lines)

    def test_prefixes_are_printed_before_the_name(self):
        """ "Pfarrer" and "Superintendentin i.R." stand before the names, as printed."""
        lines = markdown(load(self.NAME))
        assert "- Lesung: Pfarrer Thomas Weidner, Hamburg" in lines
        assert "- Superintendentin i.R. Renate Koopmann, Lüneburg" in lines

    def test_prefix_and_town_in_their_own_places(self):
        """The page's JSON-LD says "Pfarrer" as honorificPrefix and the town as homeLocation.

        Neither is a job title: before ``prefix`` and ``place``, an organiser wrote them as
        honorific and function, and the page said ``"jobTitle": "Hamburg"``.
        """
        people = people_of_the_page(load(self.NAME))
        pastor = people["Thomas Weidner"]
        assert pastor["honorificPrefix"] == "Pfarrer"
        assert pastor["homeLocation"] == {"@type": "Place", "name": "Hamburg"}
        assert "jobTitle" not in pastor
        assert people["Renate Koopmann"]["honorificPrefix"] == "Superintendentin i.R."

    def test_the_organisers_line_has_its_articles(self):
        """Host and partner are named with the articles their genders ask for."""
        lines = markdown(load(self.NAME))
        organisers = "Veranstaltung der Evangelischen Akademie am See gemeinsam mit dem"
        assert f"{organisers} Kirchenkreis Nienburg-Land" in lines


class TestCongress:
    """One day, eight workshops that list nobody, two panels without a moderator."""

    NAME = "jugendkongress-2025"

    def test_eight_numbered_workshops_in_their_rooms(self):
        """The eight workshops are numbered sessions of one slot, each in its own room."""
        view = ep.timeline(load(self.NAME))
        workshops = view.get("workshops").children
        assert [w.numbering for w in workshops] == [str(n) for n in range(1, 9)]
        assert len({w.room.id for w in workshops if w.room is not None}) == 8

    def test_one_person_in_two_roles(self):
        """The minister speaks a welcome and sits on a panel: one person, one id, both times."""
        view = ep.timeline(load(self.NAME))
        welcome, panel = view.get("grusswort"), view.get("podium2")
        assert [a.person.id for a in welcome.people] == ["hansen"]
        assert "hansen" in [a.person.id for a in panel.people]
        assert [a.role_ids for a in welcome.people] == [("welcome",)]

    def test_two_function_texts(self):
        """The welcome prints her long title alone, the panel her short one with the ministry."""
        lines = markdown(load(self.NAME))
        long = "Jugendministerin des Landes Schleswig-Holstein und Schirmherrin der Initiative"
        assert f"- Grußwort: Kerstin Hansen, {long} „Jugend entscheidet mit“" in lines
        (panel,) = [line for line in lines if line.startswith("- Podium: Kerstin Hansen")]
        assert panel.startswith("- Podium: Kerstin Hansen, Jugendministerin, MJFI; ")

    def test_the_wording_changes_nobody(self):
        """Moved onto the welcome's time, the minister on the panel is one person in two places."""
        programme = load(self.NAME)
        day = programme.days[0]
        slots = {s.id: s for s in day.slots}
        moved = attrs.evolve(slots["grusswort"], end=slots["podium2"].start + dt.timedelta(hours=1))
        clash = attrs.evolve(slots["podium2"], start=moved.start)
        changed = tuple(
            moved if s.id == "grusswort" else clash if s.id == "podium2" else s for s in day.slots
        )
        programme = attrs.evolve(programme, days=(attrs.evolve(day, slots=changed),))
        clashes = [f for f in ep.validate(programme).findings if f.code == "EP301"]
        assert {f.ids[0] for f in clashes} >= {"hansen"}

    def test_no_misleading_finding(self):
        """Workshops that list nobody ask for no moderator; the two panels without one do."""
        report = ep.validate(load(self.NAME))
        assert sorted((f.code, f.ids) for f in report.findings) == [
            ("EP501", ("podium1",)),
            ("EP501", ("podium2",)),
        ]
