"""The ``markdown`` format: the whole programme, in CommonMark that shows every text literally."""

from __future__ import annotations

import datetime as dt
import html
import itertools
import os
import re
import subprocess
from html.parser import HTMLParser
from importlib.metadata import entry_points
from urllib.parse import unquote

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

import eventprogram as ep
from bottrop import KLEINGRUPPEN, TIMES_AND_TITLES, WORKING_GROUPS
from conftest import ROOT
from eventprogram import Contribution, Day, Link, Person, Programme, Session, Slot
from eventprogram._i18n import person_line
from eventprogram._urls import safe_href
from eventprogram.exporters import ENTRY_POINT_GROUP, RenderOptions
from eventprogram.exporters.markdown import FORMAT, render
from eventprogram.testing import programmes
from extras import HOSTILE_LINK_TITLE, RECORDING_URL, TALK_URL, conference_fields

# -- rendering and reading back --------------------------------------------------------


class _Reader(HTMLParser):
    """Collects the tags, attributes and text of rendered HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes.extend(attrs)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_data(self, data):
        self.text.append(data)


@attrs.frozen
class Page:
    """A programme's Markdown, the HTML CommonMark makes of it, and what that HTML holds."""

    markdown: str
    html: str
    tags: list[str]
    attributes: list[tuple[str, str | None]]
    text: str


def page(programme: Programme, language: str | None = None) -> Page:
    markdown = render(programme, RenderOptions(language=language))
    html = MarkdownIt("commonmark").render(markdown)
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return Page(markdown, html, reader.tags, reader.attributes, "".join(reader.text))


def squash(text: str) -> str:
    """Collapse runs of whitespace: line breaks and paragraph breaks are layout, not text."""
    return " ".join(text.split())


@pytest.fixture(scope="module")
def bottrop(example_dir) -> Programme:
    return ep.load(example_dir)


@pytest.fixture(scope="module")
def german(bottrop) -> Page:
    return page(bottrop)


@pytest.fixture(scope="module")
def english(bottrop) -> Page:
    return page(bottrop, "en")


# -- the worked example -----------------------------------------------------------------


def _sessions(programme: Programme) -> list[Session]:
    return [s for day in programme.days for slot in day.slots for s in slot.walk_sessions()]


class TestBottrop:
    def test_every_slot_with_its_time(self, german):
        """Each of the 12 slots shows its start time with "Uhr" and its title, in order."""
        lines = [f"{time} Uhr – {title}" for time, title in TIMES_AND_TITLES]
        positions = [german.text.find(line) for line in lines]
        assert -1 not in positions, lines[positions.index(-1)]
        assert positions == sorted(positions)

    def test_keynote_subtitle(self, german):
        """The keynote's subtitle is shown below its slot."""
        assert "Keynote: Beteiligung/Partizipation in der Sozialplanung" in german.text

    def test_working_groups_numbered(self, german):
        """The five working groups are headings with their numbers: "3. DIFIS-TransferLab: …"."""
        headings = re.findall(r"<h3>(.*?)</h3>", german.html)
        assert headings == [f"{number}. {title}" for number, title in enumerate(WORKING_GROUPS, 1)]

    def test_full_descriptions(self, german, bottrop):
        """Every paragraph of every working group's description stands in full, verbatim."""
        descriptions = [s.description for s in _sessions(bottrop) if s.description]
        assert len(descriptions) == 5
        for description in descriptions:
            for paragraph in description.strip().split("\n\n"):
                assert paragraph in german.text

    def test_two_paragraphs_stay_two(self, german):
        """AG 3's description keeps its two paragraphs."""
        assert "<p>Ziel ist es, durch gemeinsame Reflexion" in german.html

    def test_kleingruppen_under_their_working_group(self, german):
        """AG 3's two Kleingruppen are headings one level below it, right after it."""
        ag3 = german.html.index("<h3>3. DIFIS-TransferLab")
        ag4 = german.html.index("<h3>4. Klimaanpassung")
        for number, title in enumerate(KLEINGRUPPEN, 1):
            assert ag3 < german.html.index(f"<h4>Kleingruppe {number}: {title}</h4>") < ag4

    def test_every_person_with_function_and_organisation(self, german, bottrop):
        """All 24 people appear, each time with the wording person_line gives that appearance."""
        appearances = [a for item in ep.timeline(bottrop).items for a in item.people]
        assert len({a.person.id for a in appearances}) == 24
        for appearance in appearances:
            assert person_line(appearance) in german.text

    def test_people_with_function(self, german):
        """A person's function and organisation follow the name: who speaks, as what."""
        assert "Birgit Zoerner, Dezernentin für Arbeit, Gesundheit, Soziales, Sport und" in (
            german.text
        )
        assert "Markus Leßmann, Abteilungsleiter der Abteilung Soziales im MAGS" in german.text

    def test_roles_labelled(self, german):
        """Moderators are grouped behind "Moderation:"; a person with two roles behind both."""
        assert "Moderation: Denise Anton; Lars Czommer, G.I.B." in german.text
        assert (
            "Input und Moderation: Dr. Lara Altenstädter, DIFIS, Schwerpunktleitung Transfer;"
            " Dr. Nicole Vetter, DIFIS, Schwerpunktleitung Vernetzung"
        ) in german.text
        assert "<li>Input: Dennis Kröger, Stadt Moers; Sebastian Drost, 52°North</li>" in (
            german.html
        )

    def test_speakers_unlabelled(self, german):
        """Speakers stand one per list item, without a label, as in the printed programme."""
        assert "<li>Lisa Bartling, G.I.B.</li>" in german.html

    def test_credit_line(self, german, bottrop):
        """The organisers' credit line stands verbatim under the date."""
        assert bottrop.credit
        assert f"<p>{bottrop.credit}</p>" in german.html

    def test_date_time_and_venue(self, german):
        """The date line reads "Donnerstag, 15. Mai 2025, 09:30–16:30 Uhr, Lohnhalle, Bottrop"."""
        assert "<p>Donnerstag, 15. Mai 2025, 09:30–16:30 Uhr, Lohnhalle, Bottrop</p>" in german.html

    def test_gender_star_not_italics(self, german, english):
        """ "Akteur*innen … Sozialplaner*innen" stay words; nothing in the example is emphasised."""
        assert "Akteur*innen" in german.text
        assert "Sozialplaner*innen" in german.text
        assert not {"em", "strong"} & {*german.tags, *english.tags}

    def test_german_typography_untouched(self, german):
        """Umlauts, ß, en dashes and „quotes“ are written as they are, not escaped."""
        assert "Leßmann" in german.markdown
        assert "„Transfer als Ressource" in german.markdown
        assert "Rückblick – Strukturen entwickeln" in german.markdown

    def test_one_title(self, german):
        """The programme's title is the one first-level heading."""
        assert german.html.startswith(
            "<h1>10 Jahre Sozialplanung in NRW – viel geschafft und noch mehr vor</h1>"
        )
        assert german.tags.count("h1") == 1

    def test_single_day_has_no_day_heading(self, german):
        """A one-day programme's slots are second-level headings: no heading for the day."""
        assert german.tags.count("h2") == 12


class TestLanguage:
    def test_german_dates_and_labels(self, german):
        """German output says "Donnerstag, 15. Mai 2025", "10:05 Uhr" and "Kleingruppe"."""
        assert "Donnerstag, 15. Mai 2025" in german.text
        assert "10:05 Uhr – Entschluss zum Handeln" in german.text
        assert "Kleingruppe 1:" in german.text

    def test_english_dates_and_labels(self, english):
        """English output says "Thursday, 15 May 2025", "10:05" and "Sub-group", never "Uhr"."""
        assert "<p>Thursday, 15 May 2025, 09:30–16:30, Lohnhalle, Bottrop</p>" in english.html
        assert "<h2>10:05 – Entschluss zum Handeln</h2>" in english.html
        assert "<h4>Sub-group 1: Transfer als Ressource" in english.html
        assert "Input and Moderation: Dr. Lara Altenstädter" in english.text
        assert " Uhr" not in english.text
        assert "Kleingruppe 1" not in english.text

    def test_programme_language_by_default(self, bottrop):
        """Without a language asked for, an English programme comes out in English."""
        text = page(attrs.evolve(bottrop, language="en")).text
        assert "Thursday, 15 May 2025" in text

    def test_asked_language_wins(self, bottrop):
        """Asking for German gives German even for an English programme."""
        text = page(attrs.evolve(bottrop, language="en"), "de").text
        assert "Donnerstag, 15. Mai 2025" in text


# -- the shape of the output ------------------------------------------------------------


def _two_days(programme: Programme) -> Programme:
    """The example over two days: the second a copy of the first, a day later, with a title."""
    first = programme.days[0]

    def later(slot: Slot) -> Slot:
        return attrs.evolve(
            slot,
            id=f"tag2-{slot.id}",
            start=slot.start + dt.timedelta(days=1),
            sessions=tuple(attrs.evolve(s, id=f"tag2-{s.id}") for s in slot.sessions),
        )

    second = Day(
        date=first.date + dt.timedelta(days=1),
        title="Tag 2: Umsetzung",
        slots=tuple(later(s) for s in first.slots),
    )
    return attrs.evolve(programme, days=(first, second))


class TestLayout:
    def test_deterministic(self, bottrop):
        """Two renders of the same programme are the same text."""
        assert render(bottrop, RenderOptions()) == render(bottrop, RenderOptions())

    def test_clean_text(self, german, english):
        """The file ends in one newline and has no trailing blanks, tabs or double blank lines."""
        for markdown in (german.markdown, english.markdown):
            assert markdown.endswith("\n")
            assert not markdown.endswith("\n\n")
            assert "\t" not in markdown
            assert "\n\n\n" not in markdown
            assert all(line == line.rstrip() for line in markdown.splitlines())

    def test_several_days(self, bottrop):
        """Several days get a date list at the top and a second-level heading each, with title."""
        two = page(_two_days(bottrop))
        assert "<li>Donnerstag, 15. Mai 2025, 09:30–16:30 Uhr</li>" in two.html
        assert "<li>Freitag, 16. Mai 2025, 09:30–16:30 Uhr</li>" in two.html
        assert "<p>Ort: Lohnhalle, Bottrop</p>" in two.html
        assert "<h2>Donnerstag, 15. Mai 2025</h2>" in two.html
        assert "<h2>Freitag, 16. Mai 2025 – Tag 2: Umsetzung</h2>" in two.html
        assert "<h3>10:05 Uhr – Entschluss zum Handeln</h3>" in two.html
        assert two.tags.count("h3") == 24

    def test_room_shown(self, bottrop):
        """A slot's room is named below its heading: "Raum: Großer Saal"."""
        venue = attrs.evolve(bottrop.venue, rooms=(ep.Room(id="saal", name="Großer Saal"),))
        day = bottrop.days[0]
        slots = tuple(attrs.evolve(s, room="saal") if s.id == "analysen" else s for s in day.slots)
        programme = attrs.evolve(bottrop, venue=venue, days=(attrs.evolve(day, slots=slots),))
        assert "<p>Raum: Großer Saal</p>" in page(programme).html
        assert "<p>Room: Großer Saal</p>" in page(programme, "en").html

    @given(programmes())
    def test_heading_levels_without_gaps(self, programme):
        """Headings start at one title and never skip a level going down."""
        levels = [int(tag[1]) for tag in page(programme).tags if re.fullmatch(r"h[1-6]", tag)]
        assert levels[0] == 1
        assert levels.count(1) == 1
        assert all(b <= a + 1 for a, b in itertools.pairwise(levels))

    def test_registered(self):
        """The format is installed under the name "markdown", with the .md suffix."""
        (found,) = [e for e in entry_points(group=ENTRY_POINT_GROUP) if e.name == "markdown"]
        assert found.load() is FORMAT
        assert FORMAT.suffix == ".md"
        assert FORMAT.media_type.startswith("text/markdown")


# -- hostile text -------------------------------------------------------------------------

HOSTILE_SNIPPETS = [
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "![img](http://evil/x.png)",
    "<http://evil>",
    "<a href='http://evil'>x</a>",
    "<!-- c -->",
    "&amp;",
    "&copy;",
    "&#65;",
    "**bold**",
    "*it*",
    "_x_",
    "__y__",
    "`code`",
    "``x``",
    "# h",
    "## h ##",
    "1. item",
    "1) item",
    "- item",
    "+ item",
    "* item",
    "> quote",
    "---",
    "===",
    "***",
    "    indented",
    "```",
    "~~~",
    "~~strike~~",
    "| a | b |",
    "[ref]: http://evil",
    "[ref]",
    "\\",
    "\\*",
    "trailing \\",
    "javascript:alert(1)",
    "Akteur*innen",
    "a  ",
    "C #",
    "{: onclick=x}",
]
HOSTILE_CHARS = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~ \tax1ä"

_hostile_line = st.one_of(
    st.sampled_from(HOSTILE_SNIPPETS),
    st.text(HOSTILE_CHARS, min_size=1, max_size=12),
    st.lists(
        st.one_of(st.sampled_from(HOSTILE_SNIPPETS), st.text(HOSTILE_CHARS, max_size=6)),
        min_size=2,
        max_size=4,
    ).map("".join),
).filter(lambda text: bool(text.strip()))
"""One line of text that looks like markup."""

_hostile_text = st.lists(
    st.tuples(_hostile_line, st.sampled_from(["\n", "\n\n", "\r\n", "\n \n", "\n\t"])),
    min_size=1,
    max_size=4,
).map(lambda parts: "".join(line + end for line, end in parts).rstrip())
"""Several lines and paragraphs that look like markup."""


@attrs.define
class _Hostile:
    """Draws hostile text for a programme's fields, and remembers what must be shown verbatim."""

    draw: st.DrawFn
    shown: list[str] = attrs.Factory(list)

    def line(self, *, shown: bool = True) -> str:
        text = self.draw(_hostile_line)
        if shown:
            self.shown.append(text)
        return text

    def text(self) -> str:
        text = self.draw(_hostile_text)
        self.shown.append(text)
        return text

    def maybe(self, value: str | None, *, shown: bool = True) -> str | None:
        return None if value is None else self.line(shown=shown)

    def links(self, links: tuple[Link, ...]) -> tuple[Link, ...]:
        """Hostile titles for the links, and a ``javascript:`` link that must stay text."""
        return (
            *(attrs.evolve(link, title=self.maybe(link.title)) for link in links),
            Link(url="javascript:alert(1)", title=self.line()),
        )

    def session(self, session: Session) -> Session:
        return attrs.evolve(
            session,
            title=self.line(),
            subtitle=self.maybe(session.subtitle),
            description=None if session.description is None else self.text(),
            track=self.maybe(session.track),
            links=self.links(session.links),
            people=tuple(self.contribution(c) for c in session.people),
            sessions=tuple(self.session(s) for s in session.sessions),
        )

    def slot(self, slot: Slot) -> Slot:
        return attrs.evolve(
            slot,
            title=self.line(),
            subtitle=self.maybe(slot.subtitle),
            description=None if slot.description is None else self.text(),
            track=self.maybe(slot.track),
            links=self.links(slot.links),
            people=tuple(self.contribution(c) for c in slot.people),
            sessions=tuple(self.session(s) for s in slot.sessions),
        )

    def contribution(self, contribution: Contribution) -> Contribution:
        """Hostile wording for this appearance, where it has its own."""
        function, organisation = contribution.function, contribution.organisation
        return attrs.evolve(
            contribution,
            function=self.line() if isinstance(function, str) else function,
            organisation=self.line() if isinstance(organisation, str) else organisation,
        )

    def person(self, person: Person, *, appears: bool, own_function: bool) -> Person:
        """Hostile names; the function is shown where an appearance prints the person's own."""
        return attrs.evolve(
            person,
            prefix=self.maybe(person.prefix, shown=appears),
            honorific=self.maybe(person.honorific, shown=appears),
            given_name=self.maybe(person.given_name, shown=appears),
            family_name=self.line(shown=appears),
            function=self.maybe(person.function, shown=own_function),
            place=self.maybe(person.place, shown=appears),
        )


@st.composite
def hostile_programmes(draw: st.DrawFn) -> tuple[Programme, list[str]]:
    """Valid programmes whose texts look like markup, with the texts that must be shown."""
    programme = draw(programmes())
    hostile = _Hostile(draw)
    contributions = [
        c
        for day in programme.days
        for slot in day.slots
        for c in (*slot.people, *(c for s in slot.walk_sessions() for c in s.people))
    ]
    appearing = {c.person for c in contributions}
    own_function = {c.person for c in contributions if c.function is None}
    days = tuple(
        attrs.evolve(
            day,
            title=hostile.maybe(day.title),
            slots=tuple(hostile.slot(s) for s in day.slots),
        )
        for day in programme.days
    )
    programme = attrs.evolve(
        programme,
        title=hostile.line(),
        subtitle=hostile.maybe(programme.subtitle),
        description=None if programme.description is None else hostile.text(),
        credit=hostile.maybe(programme.credit),
        venue=attrs.evolve(
            programme.venue,
            name=hostile.line(),
            city=hostile.line(),
            street=hostile.maybe(programme.venue.street),
            rooms=tuple(
                attrs.evolve(r, name=hostile.line(shown=False)) for r in programme.venue.rooms
            ),
        ),
        organisations=tuple(
            attrs.evolve(
                o,
                name=hostile.line(shown=False),
                short_name=hostile.maybe(o.short_name, shown=False),
            )
            for o in programme.organisations
        ),
        people=tuple(
            hostile.person(p, appears=p.id in appearing, own_function=p.id in own_function)
            for p in programme.people
        ),
        roles=tuple(
            attrs.evolve(r, de=hostile.line(shown=False), en=hostile.line(shown=False))
            for r in programme.roles
        ),
        days=days,
    )
    return programme, hostile.shown


ALLOWED_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "ul", "li", "a"}
"""The only elements the exporter makes: headings, paragraphs, bullet lists, links."""


def own_links(programme: Programme) -> set[str]:
    """The safe URLs of the programme's slots and sessions: the only links the output may hold."""
    items = [
        item
        for day in programme.days
        for slot in day.slots
        for item in (slot, *slot.walk_sessions())
    ]
    urls = [url for item in items for url in (item.url, *(link.url for link in item.links))]
    return {url for url in urls if url and safe_href(url)}


class TestHostileText:
    @given(hostile_programmes(), st.sampled_from(["de", "en"]))
    def test_only_the_exporters_own_markup(self, drawn, language):
        """Texts that look like Markdown or HTML make no element, link or attribute of their own."""
        programme, _ = drawn
        rendered = page(programme, language)
        assert set(rendered.tags) <= ALLOWED_TAGS, rendered.markdown
        allowed = own_links(programme)
        assert {name for name, _ in rendered.attributes} <= {"href"}, rendered.markdown
        assert {value for _, value in rendered.attributes} <= allowed, rendered.markdown
        assert rendered.tags.count("a") == len(rendered.attributes)

    @given(hostile_programmes(), st.sampled_from(["de", "en"]))
    def test_every_text_verbatim(self, drawn, language):
        """Every title, name and description shows exactly as written, up to line breaks."""
        programme, shown = drawn
        text = squash(page(programme, language).text)
        for item in shown:
            assert squash(item) in text, (item, page(programme, language).markdown)

    @given(hostile_programmes())
    def test_clean_text(self, drawn):
        """Hostile texts leave no tab, trailing blank or double blank line in the file."""
        markdown = render(drawn[0], RenderOptions())
        assert "\t" not in markdown
        assert "\r" not in markdown
        assert "\n\n\n" not in markdown
        assert markdown.endswith("\n")
        assert not markdown.endswith("\n\n")
        assert all(line == line.rstrip(" ") for line in markdown.split("\n"))

    @pytest.mark.parametrize("snippet", HOSTILE_SNIPPETS)
    def test_each_snippet_as_title_and_description(self, bottrop, snippet):
        """Each kind of markup, as a slot title and as a description, is shown as written."""
        day = bottrop.days[0]
        slots = (attrs.evolve(day.slots[0], title=snippet, description=snippet), *day.slots[1:])
        rendered = page(attrs.evolve(bottrop, days=(attrs.evolve(day, slots=slots),)))
        assert set(rendered.tags) <= ALLOWED_TAGS
        heading, description = re.search(r"<h2>(.*?)</h2>\n<p>(.*?)</p>", rendered.html).groups()
        assert html.unescape(heading) == f"09:30 Uhr – {snippet.strip()}"
        assert html.unescape(description) == snippet.strip()


# -- markdownlint and the how-to page ------------------------------------------------------

MARKDOWNLINT = ROOT / "node_modules" / ".bin" / "markdownlint-cli2"


@pytest.fixture(scope="session")
def markdownlint():
    """markdownlint-cli2 from ``npm install``; skipped where absent, failed under ``CI=true``."""
    if MARKDOWNLINT.is_file():
        return MARKDOWNLINT
    reason = f"markdownlint-cli2 is not installed ({MARKDOWNLINT}); run 'npm install' in {ROOT}"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(reason)
    pytest.skip(reason)


class TestMarkdownlint:
    def test_example_is_lint_clean(self, markdownlint, bottrop, tmp_path):
        """markdownlint finds nothing to fault in the example: German, English, over two days,
        and with tracks, languages and links."""
        files = []
        for name, programme, language in [
            ("de", bottrop, "de"),
            ("en", bottrop, "en"),
            ("two-days", _two_days(bottrop), "de"),
            ("extras", with_extras(bottrop), "de"),
        ]:
            path = tmp_path / f"{bottrop.id}.{name}.md"
            path.write_text(render(programme, RenderOptions(language=language)), encoding="utf-8")
            files.append(str(path))
        result = subprocess.run(
            [str(markdownlint), *files], cwd=ROOT, capture_output=True, text=True, check=False
        )
        assert result.returncode == 0, result.stdout + result.stderr

    def test_lint_catches_faults(self, markdownlint, tmp_path):
        """The lint run fails on a heading without blank lines: the check above can fail."""
        path = tmp_path / "bad.md"
        path.write_text("# Titel\n## Ohne Leerzeile\n", encoding="utf-8")
        result = subprocess.run(
            [str(markdownlint), str(path)], cwd=ROOT, capture_output=True, text=True, check=False
        )
        assert result.returncode != 0


class TestHowTo:
    def test_excerpts_are_real_output(self, german):
        """Every Markdown excerpt on the how-to page is a verbatim part of the example's output."""
        howto = (ROOT / "docs" / "how-to" / "publish-to-a-cms.md").read_text(encoding="utf-8")
        excerpts = re.findall(r"```markdown\n(.*?)```", howto, flags=re.DOTALL)
        assert excerpts
        for excerpt in excerpts:
            assert excerpt in german.markdown


# -- track, language, page and links ----------------------------------------------------------

AWKWARD_URL = "https://example.org/a)b(c*d"


def with_extras(programme: Programme) -> Programme:
    """The example with extras (tests/extras.py), a track and a third link full of Markdown's
    special characters."""
    return conference_fields(
        programme,
        talk={
            "track": "Strategie & <Planung> *neu*",
            "links": (
                Link(url=RECORDING_URL),
                Link(url="javascript:alert(1)", title=HOSTILE_LINK_TITLE),
                Link(url=AWKWARD_URL, title="Folien [v2]"),
            ),
        },
    )


def hrefs(rendered: Page) -> list[str]:
    return [value for name, value in rendered.attributes if name == "href"]


class TestTrackLanguageLinks:
    def test_meta_line(self, bottrop):
        """Track and the language by name follow the item, escaped, in the output language."""
        german = page(with_extras(bottrop))
        assert "\nTrack: Strategie \\& \\<Planung\\> \\*neu\\* · Sprache: Englisch\n" in (
            german.markdown
        )
        assert "<p>Track: Strategie &amp; &lt;Planung&gt; *neu* · Sprache: Englisch</p>" in (
            german.html
        )
        assert "Language: English" in page(with_extras(bottrop), "en").text

    def test_programme_language_not_said(self, bottrop):
        """An item in the programme's language (``de-DE`` in a ``de`` programme) names none."""
        slots = tuple(attrs.evolve(s, language="de-DE") for s in bottrop.days[0].slots)
        programme = attrs.evolve(bottrop, days=(attrs.evolve(bottrop.days[0], slots=slots),))
        assert render(programme, RenderOptions()) == render(bottrop, RenderOptions())

    def test_links_line(self, bottrop):
        """The item's page is "Details", an untitled link its host; both ``<…>`` destinations."""
        rendered = page(with_extras(bottrop))
        assert (
            f"Links: [Details](<{TALK_URL}>) · [media.example.org](<{RECORDING_URL}>) · "
            in rendered.markdown
        )
        assert hrefs(rendered)[:2] == [TALK_URL, RECORDING_URL]

    def test_unsafe_link_is_text(self, bottrop):
        """A ``javascript:`` link stays text, its hostile title shown verbatim, never markup."""
        rendered = page(with_extras(bottrop))
        assert set(rendered.tags) <= ALLOWED_TAGS
        assert not [h for h in hrefs(rendered) if "javascript" in h]
        assert f"{squash(HOSTILE_LINK_TITLE)}: javascript:alert(1)" in squash(rendered.text)

    def test_awkward_url_stays_one_destination(self, bottrop):
        """``(`` and ``)`` in a URL neither end the link nor change where it goes (the URL policy
        refuses ``<``, ``>`` and ``\\``)."""
        rendered = page(with_extras(bottrop))
        assert len(hrefs(rendered)) == 3
        assert unquote(hrefs(rendered)[2]) == AWKWARD_URL
        assert "Folien [v2]" in rendered.text

    def test_session_kind_of_its_own(self, bottrop):
        """AG 1, a workshop among working groups, shows its kind with its track; AG 2 none."""
        rendered = page(with_extras(bottrop))
        assert "<p>Werkstatt · Track: AG-Track</p>" in rendered.html
        assert rendered.text.count("Werkstatt") == 1
