"""The worked example holds every fact of the Bottrop 2025 programme.

The expectations below are written from the printed programme (the seed);
``TestAgainstSeedText`` also reads the seed itself where it is at hand.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

import eventprogram as ep
from eventprogram import OrganiserRole, Programme

GIB = "Gestaltung, Innovation und Beratung in der Arbeits- und Sozialpolitik GmbH"
MAGS = "Ministerium für Arbeit, Gesundheit und Soziales des Landes Nordrhein-Westfalen"
DIFIS = "Deutsches Institut für Interdisziplinäre Sozialpolitikforschung"

SLOTS = [
    ("09:30", "arrival", "Ankommen", None),
    ("10:00", "welcome", "Begrüßung und Agenda", None),
    ("10:05", "plenary", "Entschluss zum Handeln", None),
    ("10:30", "plenary", "Rückblick – Strukturen entwickeln", None),
    ("11:15", "keynote", "Analysen", "Keynote: Beteiligung/Partizipation in der Sozialplanung"),
    ("12:00", "gallery-walk", "Gallery Walk", None),
    ("12:30", "lunch", "Mittagspause", None),
    ("13:30", "keynote", "Keynote: Digitalisierung in Kommune und Verwaltung", None),
    ("14:30", "working-groups", "Arbeitsgruppenphase – Ziele und Umsetzung", None),
    ("16:00", "closing", "Reflexion und Weiterentwicklung", None),
    ("16:15", "break", "Noch ein letzter Kaffee vor dem Heimweg", None),
    ("16:30", "end", "Veranstaltungsende", None),
]

# (honorific, given name, family name, function, organisation's full name)
PEOPLE = [
    (None, "Matthias", "Heidmeier", "Staatssekretär", MAGS),
    (None, "Torsten", "Withake", "Geschäftsführer", GIB),
    ("Prof. Dr.", "Ute", "Klammer", "Direktorin", DIFIS),
    ("Dr.", "Frank", "Nitzsche", None, GIB),
    (None, "Gabi", "Schmidt", None, MAGS),
    (None, "Lisa", "Bartling", None, GIB),
    (
        None,
        "Birgit",
        "Zoerner",
        "Dezernentin für Arbeit, Gesundheit, Soziales, Sport und Freizeit",
        "Stadt Dortmund",
    ),
    (None, "Tobias", "Stockhoff", "Bürgermeister", "Stadt Dorsten"),
    (
        None,
        "Michaela",
        "Hofmann",
        None,
        "Landesarbeitsgemeinschaft der Freien Wohlfahrtspflege NRW",
    ),
    (None, "Denise", "Anton", None, GIB),
    (None, "Lars", "Czommer", None, GIB),
    ("Prof. Dr.", "Christoph", "Gille", None, "Hochschule Düsseldorf"),
    (None, "Jonas", "Dageförde", "Chief Digital Officer", "Landeshauptstadt Kiel"),
    (None, "Anne Sabine", "Meise", None, GIB),
    (None, "Gözde", "Akkus", None, "Stadt Dortmund"),
    (None, "Dennis", "Kröger", None, "Stadt Moers"),
    (None, "Sebastian", "Drost", None, "52°North"),
    ("Dr.", "Lara", "Altenstädter", "Schwerpunktleitung Transfer", DIFIS),
    ("Dr.", "Nicole", "Vetter", "Schwerpunktleitung Vernetzung", DIFIS),
    (None, "Constanze", "Schmidt", None, "Wuppertal Institut"),
    (None, "Ann-Kristin", "Reher", None, GIB),
    (None, "Vera", "Strucks", None, MAGS),
    (None, "Susanne", "Marx", None, GIB),
    (None, "Markus", "Leßmann", "Abteilungsleiter der Abteilung Soziales", MAGS),
]

# Where each person appears and in which roles: (title of slot or session, full name, roles).
APPEARANCES = {
    ("Entschluss zum Handeln", "Matthias Heidmeier", ("speaker",)),
    ("Entschluss zum Handeln", "Torsten Withake", ("speaker",)),
    ("Entschluss zum Handeln", "Prof. Dr. Ute Klammer", ("speaker",)),
    ("Entschluss zum Handeln", "Dr. Frank Nitzsche", ("moderation",)),
    ("Rückblick – Strukturen entwickeln", "Gabi Schmidt", ("speaker",)),
    ("Rückblick – Strukturen entwickeln", "Lisa Bartling", ("speaker",)),
    ("Rückblick – Strukturen entwickeln", "Birgit Zoerner", ("speaker",)),
    ("Rückblick – Strukturen entwickeln", "Tobias Stockhoff", ("speaker",)),
    ("Rückblick – Strukturen entwickeln", "Michaela Hofmann", ("speaker",)),
    ("Rückblick – Strukturen entwickeln", "Denise Anton", ("moderation",)),
    ("Rückblick – Strukturen entwickeln", "Lars Czommer", ("moderation",)),
    ("Analysen", "Prof. Dr. Christoph Gille", ("keynote",)),
    ("Keynote: Digitalisierung in Kommune und Verwaltung", "Jonas Dageförde", ("keynote",)),
    ("Keynote: Digitalisierung in Kommune und Verwaltung", "Gabi Schmidt", ("moderation",)),
    ("Keynote: Digitalisierung in Kommune und Verwaltung", "Anne Sabine Meise", ("moderation",)),
    (
        "Generation Z – Zerfall oder Zukunft?! Wo können wir mit Beteiligung ansetzen?",
        "Gözde Akkus",
        ("input",),
    ),
    (
        "Generation Z – Zerfall oder Zukunft?! Wo können wir mit Beteiligung ansetzen?",
        "Lisa Bartling",
        ("moderation",),
    ),
    (
        "Daten, Tools, Strategien - Digitale Lösungen für die integrierte Sozialplanung",
        "Dennis Kröger",
        ("input",),
    ),
    (
        "Daten, Tools, Strategien - Digitale Lösungen für die integrierte Sozialplanung",
        "Sebastian Drost",
        ("input",),
    ),
    (
        "Daten, Tools, Strategien - Digitale Lösungen für die integrierte Sozialplanung",
        "Dr. Frank Nitzsche",
        ("moderation",),
    ),
    (
        "DIFIS-TransferLab: Wissenstransfer für die Sozialplanung",
        "Dr. Lara Altenstädter",
        ("input", "moderation"),
    ),
    (
        "DIFIS-TransferLab: Wissenstransfer für die Sozialplanung",
        "Dr. Nicole Vetter",
        ("input", "moderation"),
    ),
    ("Klimaanpassung und Sozialplanung zusammengedacht", "Constanze Schmidt", ("input",)),
    ("Klimaanpassung und Sozialplanung zusammengedacht", "Ann-Kristin Reher", ("moderation",)),
    ("Klimaanpassung und Sozialplanung zusammengedacht", "Vera Strucks", ("moderation",)),
    ("Thematisch offener Raum/Barcamp", "Susanne Marx", ("input",)),
    ("Reflexion und Weiterentwicklung", "Markus Leßmann", ("speaker",)),
}

WORKING_GROUPS = [
    (1, "Generation Z – Zerfall oder Zukunft?! Wo können wir mit Beteiligung ansetzen?"),
    (2, "Daten, Tools, Strategien - Digitale Lösungen für die integrierte Sozialplanung"),
    (3, "DIFIS-TransferLab: Wissenstransfer für die Sozialplanung"),
    (4, "Klimaanpassung und Sozialplanung zusammengedacht"),
    (5, "Thematisch offener Raum/Barcamp"),
]

# The first and last words of each description, and one phrase from within.
DESCRIPTIONS = {
    1: ("Sozialplanung in Dortmund steht", "Akteur*innen, die dort", "Teilnehmenden der AG."),
    2: ("Das Thema Digitalisierung wird", "Ein kurzer fachlicher", "effizienter gestalten."),
    3: (
        "Das Deutsche Institut für Interdisziplinäre",
        "von Sozialplaner*innen und anderen",
        "Transferstrukturen und -formaten zu generieren.",
    ),
    4: ("Die AG widmet sich", "hitzeresilienter Quartiere", "Bevölkerungsgruppen vertritt."),
    5: ("In dieser Arbeitsgruppe können", "ein Thema mitbringen", "diskutieren möchten."),
}


@pytest.fixture(scope="module")
def programme(example_dir) -> Programme:
    return ep.load(example_dir)


def _appearances(programme: Programme) -> set[tuple[str, str, tuple[str, ...]]]:
    found = set()
    for day in programme.days:
        for slot in day.slots:
            items = [(slot.title, slot.people)]
            items += [(s.title, s.people) for s in slot.walk_sessions()]
            for title, people in items:
                for contribution in people:
                    name = programme.person(contribution.person).name
                    found.add((title, name, contribution.roles))
    return found


class TestFrame:
    def test_title_language_zone(self, programme):
        """The programme carries the seed's title, German language and Berlin's zone."""
        assert programme.title == "10 Jahre Sozialplanung in NRW – viel geschafft und noch mehr vor"
        assert programme.language == "de"
        assert programme.timezone == "Europe/Berlin"

    def test_one_day_in_bottrop(self, programme):
        """It is one day, Thursday 15 May 2025, in the Lohnhalle in Bottrop, 09:30 to 16:30."""
        (day,) = programme.days
        assert day.date == dt.date(2025, 5, 15)
        assert day.date.isoweekday() == 4
        assert (programme.venue.name, programme.venue.city) == ("Lohnhalle", "Bottrop")
        assert programme.start == dt.datetime(2025, 5, 15, 9, 30)
        assert programme.end == dt.datetime(2025, 5, 15, 16, 30)

    def test_organisers(self, programme):
        """The MAGS hosts the event together with the G.I.B. and the DIFIS."""
        organisers = [
            (programme.organisation(o.organisation).display_name, o.role)
            for o in programme.organisers
        ]
        assert organisers == [
            ("MAGS", OrganiserRole.HOST),
            ("G.I.B.", OrganiserRole.PARTNER),
            ("DIFIS", OrganiserRole.PARTNER),
        ]
        assert programme.organisation("mags").name == MAGS
        assert programme.organisation("gib").name == GIB
        assert programme.organisation("difis").name == DIFIS
        assert programme.credit == (
            "Veranstaltung des Ministeriums für Arbeit, Gesundheit und Soziales"
            " Nordrhein-Westfalen (MAGS) gemeinsam mit der G.I.B. (Gestaltung, Innovation und"
            " Beratung in der Arbeits- und Sozialpolitik GmbH) und dem Deutschen Institut für"
            " Interdisziplinäre Sozialpolitikforschung (DIFIS)"
        )

    def test_images_with_alt_text(self, programme):
        """The ministry's logo and the puzzle picture keep their alt texts."""
        images = {(i.kind, i.alt) for i in programme.images}
        assert images == {
            (ep.ImageKind.LOGO, f"Logo des {MAGS.replace('Ministerium ', 'Ministeriums ')}"),
            (ep.ImageKind.PICTURE, "Bild eines Puzzles in 4 Farben."),
        }

    def test_puzzle_picture_is_there(self, programme, example_dir):
        """The puzzle picture the example names is a file beside it."""
        (puzzle,) = [i for i in programme.images if i.kind is ep.ImageKind.PICTURE]
        assert puzzle.src is not None
        assert (example_dir / puzzle.src).read_text(encoding="utf-8").startswith("<svg")


class TestSchedule:
    def test_all_twelve_times_kinds_and_titles(self, programme):
        """Every time of the seed is a slot with its title (and the keynote's subtitle)."""
        (day,) = programme.days
        found = [(f"{s.start:%H:%M}", s.kind, s.title, s.subtitle) for s in day.slots]
        assert found == SLOTS

    def test_slots_end_where_the_next_begins(self, programme):
        """Without an explicit end, a slot ends where the next begins; the end marker at 16:30."""
        (day,) = programme.days
        ends = [f"{day.end_of(s):%H:%M}" for s in day.slots]
        assert ends == [t for t, *_ in SLOTS[1:]] + ["16:30"]

    def test_five_numbered_working_groups_in_parallel(self, programme):
        """The working-group phase holds the five numbered Arbeitsgruppen, 14:30 to 16:00."""
        (day,) = programme.days
        phase = day.slots[8]
        assert [(s.number, s.title) for s in phase.sessions] == WORKING_GROUPS
        assert day.end_of(phase) == dt.datetime(2025, 5, 15, 16, 0)

    @pytest.mark.parametrize("number", [1, 2, 3, 4, 5])
    def test_working_group_descriptions(self, programme, number):
        """Each working group keeps its full description."""
        session = programme.days[0].slots[8].sessions[number - 1]
        first, middle, last = DESCRIPTIONS[number]
        assert session.description is not None
        assert session.description.startswith(first)
        assert middle in session.description
        assert session.description.endswith(last)

    def test_ag3_has_two_kleingruppen(self, programme):
        """AG 3 holds its two Kleingruppen as sub-sessions."""
        ag3 = programme.days[0].slots[8].sessions[2]
        assert [s.title for s in ag3.sessions] == [
            "Transfer als Ressource: Beteiligung/Partizipation in der Sozialplanung",
            "Transfer in der Sozialplanung neu denken: Digitalisierung in Kommune und Verwaltung",
        ]
        assert "\n\nZiel ist es, durch gemeinsame Reflexion" in (ag3.description or "")


class TestPeople:
    def test_twenty_four_people(self, programme):
        """All 24 people are there with honorific, function and organisation."""
        found = [
            (
                p.honorific,
                p.given_name,
                p.family_name,
                p.function,
                programme.organisation(p.organisation).name if p.organisation else None,
            )
            for p in programme.people
        ]
        assert sorted(found, key=repr) == sorted(PEOPLE, key=repr)
        assert len(programme.people) == 24

    def test_the_two_schmidts_are_two_people(self, programme):
        """Gabi Schmidt (MAGS) and Constanze Schmidt (Wuppertal Institut) are different people."""
        schmidts = [p for p in programme.people if p.family_name == "Schmidt"]
        assert {
            (p.given_name, programme.organisation(p.organisation or "").display_name)
            for p in schmidts
        } == {
            ("Gabi", "MAGS"),
            ("Constanze", "Wuppertal Institut"),
        }
        assert len({p.id for p in schmidts}) == 2

    def test_roles_in_every_session(self, programme):
        """Everybody appears where the seed puts them, in the roles it gives them."""
        assert _appearances(programme) == APPEARANCES

    def test_role_labels(self, programme):
        """Roles carry German and English labels."""
        assert (programme.role("moderation").de, programme.role("moderation").en) == (
            "Moderation",
            "Moderation",
        )
        assert programme.role("welcome").de == "Grußwort"


@pytest.fixture(scope="module")
def seed(shared):
    (path,) = sorted((shared / "seed").glob("*.txt"))
    return path.read_text(encoding="utf-8")


class TestAgainstSeedText:
    """Cross-checks with the seed text itself (``shared/seed``)."""

    def test_every_time_line_is_a_slot(self, seed, programme):
        """Each "HH:MM Uhr  Title" line of the seed is a slot at that time with that title."""
        lines = re.findall(r"^(\d\d:\d\d) Uhr\s+(.+?)\s*$", seed, flags=re.MULTILINE)
        assert len(lines) == 12
        slots = [(f"{s.start:%H:%M}", s.title) for s in programme.days[0].slots]
        assert slots == lines

    def test_every_long_paragraph_is_a_description(self, seed, programme):
        """Every paragraph of the seed's working groups is verbatim in a description."""
        section = seed[seed.index("Arbeitsgruppenphase") : seed.index("16:00 Uhr")]
        paragraphs = [
            p.strip()
            for p in section.splitlines()
            if len(p.strip()) > 120 and not p.strip().startswith("Input")
        ]
        descriptions = "\n\n".join(s.description or "" for s in programme.days[0].slots[8].sessions)
        missing = [p[:60] for p in paragraphs if p not in descriptions]
        assert len(paragraphs) >= 6
        assert missing == []

    def test_every_name_is_in_the_seed(self, seed, programme):
        """Every person's name, function and organisation short name stand in the seed."""
        for person in programme.people:
            assert person.name in seed
            if person.function:
                assert person.function in seed
        for organisation in programme.organisations:
            assert organisation.display_name in seed

    def test_image_alt_texts_are_the_seed_lines(self, seed, programme):
        """The alt texts are the seed's first two lines."""
        assert [i.alt for i in programme.images] == seed.splitlines()[:2]
