"""People as printed: per-appearance wording, name parts, and the organisers' line.

The wording of an appearance is resolved once, in the view (``Appearance``), and
every format prints that; the person stays one person for every rule.
"""

from __future__ import annotations

import json

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import eventprogram as ep
from eventprogram import Contribution, Organisation, Organiser, OrganiserRole, Programme
from eventprogram._i18n import organiser_line, person_line
from eventprogram._timeline import names_organisation
from eventprogram.exporters import RenderOptions, html, ical, markdown
from eventprogram.testing import programmes

SOURCE = """\
id = "akademie"
title = "Tagung"

[venue]
name = "Akademie"
city = "Loccum"

[[days]]
date = 2025-09-12

[[days.slots]]
id = "grusswort"
start = "10:00"
kind = "welcome"
title = "Grußwort"
people = [
  {{ person = "brandt", roles = ["welcome"], {wording} }},
]

[[days.slots]]
id = "podium"
start = "11:00"
kind = "panel"
title = "Podium"
people = [{{ person = "brandt", roles = ["panel"] }}]

[[days.slots]]
id = "ende"
start = "12:00"
kind = "end"
title = "Ende"

[[organisations]]
id = "bdkj"
name = "Bund der Deutschen Katholischen Jugend Aachen"
short_name = "BDKJ Aachen"

[[people]]
id = "brandt"
prefix = "Pfarrer"
honorific = "Dr."
given_name = "Jan"
family_name = "Brandt"
function = "Vorsitzender"
organisation = "bdkj"
place = "Aachen"
"""


def load(wording: str = 'function = "Vorsitzender"') -> Programme:
    """The small programme: Jan Brandt speaks twice, worded as *wording* the first time."""
    return ep.loads(SOURCE.format(wording=wording), format="toml", source="programme.toml")


def lines(programme: Programme) -> list[str]:
    """Every appearance's line, in the programme's order."""
    return [person_line(a) for item in ep.timeline(programme).items for a in item.people]


class TestWording:
    def test_own_wording_only_where_given(self):
        """A function given to one appearance prints there; the other prints the person's own."""
        programme = load('function = "Jugendpfarrer und Schirmherr"')
        assert lines(programme) == [
            "Pfarrer Dr. Jan Brandt, Jugendpfarrer und Schirmherr, BDKJ Aachen, Aachen",
            "Pfarrer Dr. Jan Brandt, Vorsitzender, BDKJ Aachen, Aachen",
        ]

    def test_same_person_in_both(self):
        """Both appearances are the one person with the one id, whatever their wording."""
        programme = load('function = false, organisation = "Arbeitsstelle Theologie"')
        first, second = (a for item in ep.timeline(programme).items for a in item.people)
        assert first.person is second.person
        assert first.contribution.person == second.contribution.person == "brandt"
        assert first.line == "Pfarrer Dr. Jan Brandt, Arbeitsstelle Theologie, Aachen"

    @pytest.mark.parametrize(
        ("wording", "line"),
        [
            ("function = false", "Pfarrer Dr. Jan Brandt, BDKJ Aachen, Aachen"),
            ("organisation = false", "Pfarrer Dr. Jan Brandt, Vorsitzender, Aachen"),
            (
                'organisation_form = "long"',
                (
                    "Pfarrer Dr. Jan Brandt, Vorsitzender,"
                    " Bund der Deutschen Katholischen Jugend Aachen, Aachen"
                ),
            ),
            (
                'organisation_form = "short"',
                "Pfarrer Dr. Jan Brandt, Vorsitzender, BDKJ Aachen, Aachen",
            ),
            (
                "function = false, organisation = false",
                "Pfarrer Dr. Jan Brandt, Aachen",
            ),
        ],
    )
    def test_each_way_of_wording(self, wording, line):
        """false prints nothing; organisation_form picks the organisation's long or short name."""
        assert lines(load(wording))[0] == line

    def test_the_view_holds_the_parts(self):
        """The view gives function, organisation and its printed text apart, for data formats."""
        (first, _) = (
            a for item in ep.timeline(load("organisation = false")).items for a in item.people
        )
        assert first.function == "Vorsitzender"
        assert first.organisation is not None
        assert first.organisation.id == "bdkj"
        assert first.organisation_text is None
        assert first.details == ("Vorsitzender", "Aachen")

    def test_unknown_person_keeps_the_wording(self):
        """An unknown id stands in with its wording: the page still shows what was written."""
        programme = load()
        slot = programme.days[0].slots[0]
        stranger = Contribution(person="fremd", roles=("welcome",), function="Gast")
        programme = attrs.evolve(
            programme,
            days=(
                attrs.evolve(
                    programme.days[0],
                    slots=(attrs.evolve(slot, people=(stranger,)), *programme.days[0].slots[1:]),
                ),
            ),
        )
        assert lines(programme)[0] == "fremd, Gast"


class TestFunctionNamesOrganisation:
    @pytest.mark.parametrize(
        ("function", "named"),
        [
            ("Vorsitzende BDKJ Aachen", True),  # the short name, as a whole
            ("Referentin des Bund der Deutschen Katholischen Jugend Aachen", True),  # the name
            ("Vorsitzende BDKJ Aachener Land", False),  # not a whole word
            ("Vorsitzende bdkj aachen", False),  # other capitals: another text
            ("Vorsitzende BDKJ", False),  # part of the short name only
            ("Vorsitzende (BDKJ Aachen)", True),
        ],
    )
    def test_whole_word_same_capitals(self, function, named):
        """The organisation counts as named where its name or short name stands whole in it."""
        bdkj = Organisation(
            id="bdkj",
            name="Bund der Deutschen Katholischen Jugend Aachen",
            short_name="BDKJ Aachen",
        )
        assert names_organisation(function, bdkj) is named

    def test_dotted_short_name(self):
        """A short name that ends in a dot (G.I.B.) is found whole, also at the function's end."""
        gib = Organisation(id="gib", name="Gestaltung GmbH", short_name="G.I.B.")
        assert names_organisation("Referentin der G.I.B.", gib)
        assert not names_organisation("Referentin der G.I.B.X", gib)

    def test_printed_once(self):
        """ "Vorsitzender BDKJ Aachen" is not followed by "BDKJ Aachen" again."""
        assert lines(load('function = "Vorsitzender BDKJ Aachen"'))[0] == (
            "Pfarrer Dr. Jan Brandt, Vorsitzender BDKJ Aachen, Aachen"
        )

    def test_own_organisation_text_is_printed_as_given(self):
        """An appearance's own organisation text prints even where the function names it."""
        programme = load('function = "Vorsitzender BDKJ Aachen", organisation = "BDKJ Aachen"')
        assert lines(programme)[0] == (
            "Pfarrer Dr. Jan Brandt, Vorsitzender BDKJ Aachen, BDKJ Aachen, Aachen"
        )


class TestNameParts:
    def test_prefix_before_honorific(self):
        """The prefix comes first, before the academic honorific, as in German address lines."""
        assert load().person("brandt").name == "Pfarrer Dr. Jan Brandt"

    @pytest.mark.parametrize("language", ["de", "en"])
    def test_every_format_prints_the_line(self, language):
        """Page, Markdown and calendar print prefix, name, function, organisation and place."""
        programme = load()
        line = "Pfarrer Dr. Jan Brandt, Vorsitzender, BDKJ Aachen, Aachen"
        options = RenderOptions(language=language)
        assert line in " ".join(markdown.render(programme, options).split())
        page = html.render(programme, options)
        assert (
            '<span class="name">Pfarrer Dr. Jan Brandt</span>, Vorsitzender, BDKJ Aachen, Aachen'
            in page
        )
        calendar = ical.render(programme, options).decode("utf-8").replace("\r\n ", "")
        assert line.replace(",", "\\,") in calendar

    def test_json_ld_puts_each_part_in_its_place(self):
        """honorificPrefix is prefix and honorific, homeLocation the town, jobTitle the function."""
        page = html.render(load("function = false"), RenderOptions())
        start = page.index('<script type="application/ld+json">') + len(
            '<script type="application/ld+json">'
        )
        data = json.loads(page[start : page.index("</script>", start)])
        welcome, panel = data["subEvent"]
        (speaker,) = welcome["performer"]
        assert speaker["honorificPrefix"] == "Pfarrer Dr."
        assert speaker["name"] == "Jan Brandt"
        assert speaker["homeLocation"] == {"@type": "Place", "name": "Aachen"}
        assert "jobTitle" not in speaker  # function = false here; never the town
        assert speaker["affiliation"]["name"] == "Bund der Deutschen Katholischen Jugend Aachen"
        assert panel["performer"][0]["jobTitle"] == "Vorsitzender"

    def test_round_trip(self):
        """Prefix, place and wording survive canonical JSON unchanged."""
        programme = load('function = false, organisation_form = "long"')
        assert ep.loads(ep.dumps(programme), format="json") == programme


class TestSourceErrors:
    @pytest.mark.parametrize(
        ("wording", "field", "english"),
        [
            ("organisation = true", "organisation", "expected text or false, got true"),
            ("function = 5", "function", "expected text or false, got 5"),
            ('function = "  "', "function", "function must not be empty"),
            ('organisation_form = "lang"', "organisation_form", "expected one of 'short', 'long'"),
            (
                'organisation = "BDKJ", organisation_form = "long"',
                "organisation_form",
                "organisation already gives the text here",
            ),
        ],
    )
    def test_names_file_line_and_field(self, wording, field, english):
        """A wrong wording names the file, the line and the field, in words for an organiser."""
        with pytest.raises(ep.SourceError) as info:
            load(wording)
        (problem,) = info.value.problems
        assert problem.file == "programme.toml"
        assert problem.line == 17
        assert problem.path == f"days[0].slots[0].people[0].{field}"
        assert english in problem.message

    def test_unknown_gender(self):
        """A gender that is none of f, m, n, pl is refused with the choices."""
        source = SOURCE.format(wording='function = "x"').replace(
            'short_name = "BDKJ Aachen"', 'short_name = "BDKJ Aachen"\ngender = "w"'
        )
        with pytest.raises(ep.SourceError) as info:
            ep.loads(source, format="toml")
        (problem,) = info.value.problems
        assert problem.path == "organisations[0].gender"
        assert "'f', 'm', 'n', 'pl'" in problem.message


# -- the organisers' line ----------------------------------------------------------------------

MAGS = Organisation(id="mags", name="Ministerium für Arbeit", short_name="MAGS", gender="n")
GIB = Organisation(id="gib", name="Gestaltung GmbH", short_name="G.I.B.", gender="f")
LVR = Organisation(id="lvr", name="Landschaftsverband Rheinland", short_name="LVR", gender="m")
WERKE = Organisation(
    id="werke", name="Stadtwerke Bottrop", gender="pl", dative="Stadtwerken Bottrop"
)
DIFIS = Organisation(
    id="difis",
    name="Deutsches Institut für Interdisziplinäre Sozialpolitikforschung",
    gender="n",
    genitive="Deutschen Instituts für Interdisziplinäre Sozialpolitikforschung",
    dative="Deutschen Institut für Interdisziplinäre Sozialpolitikforschung",
)
PLAIN = Organisation(id="plain", name="Arbeitsstelle Theologie der Stadt")


def with_organisers(*organisers: tuple[Organisation, OrganiserRole], credit: str | None = None):
    programme = load()
    return attrs.evolve(
        programme,
        credit=credit,
        organisations=tuple({o.id: o for o, _ in organisers}.values()),
        organisers=tuple(Organiser(organisation=o.id, role=role) for o, role in organisers),
    )


HOST, PARTNER = OrganiserRole.HOST, OrganiserRole.PARTNER
SPONSOR, SUPPORTER = OrganiserRole.SPONSOR, OrganiserRole.SUPPORTER


class TestOrganiserLine:
    @pytest.mark.parametrize(
        ("organisers", "line"),
        [
            (
                [(MAGS, HOST), (GIB, PARTNER), (DIFIS, PARTNER)],
                (
                    "Veranstaltung des MAGS gemeinsam mit der G.I.B. und dem Deutschen Institut"
                    " für Interdisziplinäre Sozialpolitikforschung"
                ),
            ),
            ([(GIB, HOST)], "Veranstaltung der G.I.B."),
            ([(LVR, HOST), (LVR, PARTNER)], "Veranstaltung des LVR gemeinsam mit dem LVR"),
            (
                [(WERKE, HOST), (WERKE, PARTNER)],
                "Veranstaltung der Stadtwerke Bottrop gemeinsam mit den Stadtwerken Bottrop",
            ),
            (
                [(DIFIS, HOST)],
                (
                    "Veranstaltung des Deutschen Instituts für"
                    " Interdisziplinäre Sozialpolitikforschung"
                ),
            ),
            (
                [(MAGS, HOST), (GIB, SPONSOR), (LVR, SUPPORTER)],
                "Veranstaltung des MAGS, mit Förderung der G.I.B., mit Unterstützung des LVR",
            ),
            # Written partner first: the line still starts with the host.
            (
                [(GIB, PARTNER), (MAGS, HOST)],
                "Veranstaltung des MAGS gemeinsam mit der G.I.B.",
            ),
            ([(GIB, PARTNER)], "Gemeinsam mit der G.I.B."),
        ],
    )
    def test_german_articles_and_cases(self, organisers, line):
        """With a gender for each, German reads with articles in the case each phrase wants."""
        assert organiser_line(with_organisers(*organisers), "de") == line

    def test_fallback_without_gender(self):
        """One organisation without gender: a line that needs no article, for all of them."""
        programme = with_organisers((MAGS, HOST), (GIB, PARTNER), (PLAIN, PARTNER))
        assert organiser_line(programme, "de") == (
            "Veranstalter: MAGS; Partner: G.I.B. und Arbeitsstelle Theologie der Stadt"
        )
        programme = with_organisers((PLAIN, HOST), (MAGS, SPONSOR), (GIB, SUPPORTER))
        assert organiser_line(programme, "de") == (
            "Veranstalter: Arbeitsstelle Theologie der Stadt; Förderung: MAGS;"
            " Unterstützung: G.I.B."
        )

    def test_unknown_organisation_falls_back(self):
        """An organiser whose organisation is not defined stands in with its id, no article."""
        programme = attrs.evolve(
            with_organisers((MAGS, HOST)),
            organisers=(Organiser(organisation="mags"), Organiser(organisation="x", role=PARTNER)),
        )
        assert organiser_line(programme, "de") == "Veranstalter: MAGS; Partner: x"

    def test_english_unchanged(self):
        """English has no cases: the genders change nothing there."""
        programme = with_organisers((MAGS, HOST), (GIB, PARTNER), (DIFIS, PARTNER))
        assert organiser_line(programme, "en") == (
            "Host: MAGS; together with G.I.B. and"
            " Deutsches Institut für Interdisziplinäre Sozialpolitikforschung"
        )

    def test_credit_wins(self):
        """The programme's credit is printed as written, genders or not."""
        programme = with_organisers((MAGS, HOST), credit="Eine Veranstaltung des MAGS NRW")
        assert organiser_line(programme, "de") == "Eine Veranstaltung des MAGS NRW"

    def test_no_organisers(self):
        """No organisers and no credit: no line."""
        assert organiser_line(with_organisers(), "de") is None

    def test_on_the_page(self):
        """The page and the Markdown print the German line with its articles."""
        programme = with_organisers((MAGS, HOST), (GIB, PARTNER))
        expected = "Veranstaltung des MAGS gemeinsam mit der G.I.B."
        assert f'<p class="organisers">{expected}</p>' in html.render(programme, RenderOptions())
        assert expected in markdown.render(programme, RenderOptions())


# -- the rules see people, not wording ---------------------------------------------------------


def _reworded(programme: Programme, wording: Contribution | None) -> Programme:
    """Every contribution with *wording*'s function and organisation, or with none."""

    def contribution(c: Contribution) -> Contribution:
        if wording is None:
            return attrs.evolve(c, function=None, organisation=None, organisation_form=None)
        return attrs.evolve(
            c,
            function=wording.function,
            organisation=wording.organisation,
            organisation_form=wording.organisation_form,
        )

    def session(s):
        return attrs.evolve(
            s,
            people=tuple(contribution(c) for c in s.people),
            sessions=tuple(session(x) for x in s.sessions),
        )

    days = tuple(
        attrs.evolve(day, slots=tuple(session(slot) for slot in day.slots))
        for day in programme.days
    )
    return attrs.evolve(programme, days=days)


def _crowded(programme: Programme, people: list[str]) -> Programme:
    """The same programme with every contribution by one of the first people: clashes galore."""
    cycle = iter(people * 1000)

    def session(s):
        return attrs.evolve(
            s,
            people=tuple(attrs.evolve(c, person=next(cycle)) for c in s.people),
            sessions=tuple(session(x) for x in s.sessions),
        )

    days = tuple(
        attrs.evolve(day, slots=tuple(session(slot) for slot in day.slots))
        for day in programme.days
    )
    return attrs.evolve(programme, days=days)


PERSON_RULES = {"EP301", "EP302"}

WORDINGS = st.none() | st.builds(
    Contribution,
    person=st.just("x"),
    roles=st.just(("input",)),
    function=st.sampled_from([None, False, "Staatssekretärin", "Leiterin"]),
    organisation=st.sampled_from([None, False, "Eine andere Organisation"]),
)


def _person_findings(programme: Programme) -> list[tuple[str, ...]]:
    """The findings of the rules about people, in full: code, place, ids and both messages."""
    report = ep.validate(programme)
    return [
        (f.code, f.path, *f.ids, f.message_de, f.message_en)
        for f in report.findings
        if f.code in PERSON_RULES
    ]


class TestRulesSeePeople:
    @given(programmes(), st.integers(1, 2), WORDINGS)
    def test_wording_changes_no_person_finding(self, programme, count, wording):
        """Person-clash and person-listed-twice find the same with any wording, or none."""
        crowded = _crowded(programme, [p.id for p in programme.people[:count]])
        plain = _person_findings(_reworded(crowded, None))
        assert _person_findings(crowded) == plain
        assert _person_findings(_reworded(crowded, wording)) == plain

    def test_two_wordings_one_clash(self, example_dir):
        """One person in two parallel groups, worded differently in each, still clashes."""
        programme = ep.load(example_dir)
        slot = programme.days[0].slots[8]
        ag1, ag2, *rest = slot.sessions
        ag1 = attrs.evolve(
            ag1, people=(*ag1.people, Contribution(person="vetter", roles=("input",), function="A"))
        )
        ag2 = attrs.evolve(
            ag2,
            people=(
                *ag2.people,
                Contribution(person="vetter", roles=("input",), organisation=False),
            ),
        )
        slots = list(programme.days[0].slots)
        slots[8] = attrs.evolve(slot, sessions=(ag1, ag2, *rest))
        programme = attrs.evolve(
            programme, days=(attrs.evolve(programme.days[0], slots=tuple(slots)),)
        )
        clashes = [f for f in ep.validate(programme).findings if f.code == "EP301"]
        assert {f.ids[0] for f in clashes} == {"vetter"}
        assert len(clashes) >= 1


class TestHostileWording:
    WORDING = 'function = "<script>alert(1)</script> & \\"Co\\"", organisation = "A & B <b>"'

    def test_page_escapes(self):
        """An appearance's own wording is text on the page and in its JSON-LD, never markup."""
        page = html.render(load(self.WORDING), RenderOptions())
        assert "<script>alert" not in page
        assert "<b>" not in page
        assert (
            '<span class="name">Pfarrer Dr. Jan Brandt</span>,'
            " &lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;Co&#34;,"
            " A &amp; B &lt;b&gt;, Aachen</li>"
        ) in page
        assert '"jobTitle": "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e \\u0026' in page

    def test_markdown_escapes(self):
        """In Markdown the wording's angle brackets and ampersands are escaped, not raw HTML."""
        text = markdown.render(load(self.WORDING), RenderOptions())
        assert (
            '- Grußwort: Pfarrer Dr. Jan Brandt, \\<script\\>alert(1)\\</script\\> \\& "Co",'
            " A \\& B \\<b\\>, Aachen"
        ) in text.splitlines()


class TestBlanks:
    def test_blanks_around_a_part_are_not_printed(self):
        """Blanks around a function or organisation text are cut: page and line read alike."""
        programme = load('function = " Leiter  ", organisation = "BDKJ "')
        assert lines(programme)[0] == "Pfarrer Dr. Jan Brandt, Leiter, BDKJ, Aachen"
        page = html.render(programme, RenderOptions())
        assert '<span class="name">Pfarrer Dr. Jan Brandt</span>, Leiter, BDKJ, Aachen</li>' in page
