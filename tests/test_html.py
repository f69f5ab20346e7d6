"""The ``html`` format: one accessible, self-contained page, read back with html.parser.

The real-browser checks (axe-core, the Nu HTML Checker, screenshots) live in
``tests/browser/``; these tests read the markup, the JSON-LD and the calendar
links without a browser.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import itertools
import json
import re
import subprocess
import sys
import uuid
from html.parser import HTMLParser
from importlib import resources
from urllib.parse import unquote

import attrs
import icalendar
import pytest
from hypothesis import given
from hypothesis import strategies as st

import eventprogram as ep
from bottrop import KLEINGRUPPEN, TIMES_AND_TITLES, WORKING_GROUPS
from eventprogram import Day, Image, ImageKind, Link, Programme, Session, Slot
from eventprogram._i18n import person_line
from eventprogram._ids import stable_uuid
from eventprogram._model import END_KIND
from eventprogram._urls import safe_href
from eventprogram.exporters import RenderOptions, get
from eventprogram.exporters.html import FORMAT, render
from eventprogram.exporters.html._jsonld import MAX_SUB_EVENTS
from eventprogram.exporters.html._view import EMBEDDED_CALENDAR_EVENTS
from eventprogram.testing import programmes
from extras import HOSTILE_LINK_TITLE, RECORDING_URL, TALK_URL, WORKSHOP, conference_fields

# -- reading the page back ---------------------------------------------------------------

VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)
HEADING = re.compile(r"h([1-6])")


@attrs.define
class Anchor:
    """An ``<a>``: its attributes, its whole text (hidden text too), the id of what holds it."""

    attrs: dict[str, str | None]
    text: str = ""
    holder: str | None = None


class Reader(HTMLParser):
    """Collects what the tests look at: elements, ids, headings, times, links, scripts, text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.stack: list[tuple[str, str | None]] = []
        self.headings: list[tuple[int, str]] = []
        self.times: list[tuple[str | None, str]] = []
        self.anchors: list[Anchor] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.styles: list[str] = []
        self.text: list[str] = []
        self._heading: tuple[int, list[str]] | None = None
        self._time: tuple[str | None, list[str]] | None = None
        self._anchor: Anchor | None = None
        self._raw: tuple[str, dict[str, str | None], list[str]] | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.elements.append((tag, attributes))
        if tag in {"script", "style"}:
            self._raw = (tag, attributes, [])
        elif match := HEADING.fullmatch(tag):
            self._heading = (int(match.group(1)), [])
        elif tag == "time":
            self._time = (attributes.get("datetime"), [])
        elif tag == "a":
            holder = next((i for _, i in reversed(self.stack) if i), None)
            self._anchor = Anchor(attributes, holder=holder)
            self.anchors.append(self._anchor)
        if tag not in VOID:
            self.stack.append((tag, attributes.get("id")))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if self._raw is not None and tag == self._raw[0]:
            name, attributes, parts = self._raw
            if name == "script":
                self.scripts.append((attributes, "".join(parts)))
            else:
                self.styles.append("".join(parts))
            self._raw = None
        elif HEADING.fullmatch(tag) and self._heading is not None:
            self.headings.append((self._heading[0], squash("".join(self._heading[1]))))
            self._heading = None
        elif tag == "time" and self._time is not None:
            self.times.append((self._time[0], "".join(self._time[1])))
            self._time = None
        elif tag == "a":
            self._anchor = None
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if self._raw is not None:
            self._raw[2].append(data)
            return
        self.text.append(data)
        for collecting in (self._heading, self._time):
            if collecting is not None:
                collecting[1].append(data)
        if self._anchor is not None:
            self._anchor.text += data


@attrs.frozen
class Page:
    """A rendered page and what html.parser reads in it."""

    html: str
    reader: Reader

    @property
    def text(self) -> str:
        """The text a reader meets, whitespace squashed (no CSS, no JSON-LD)."""
        return squash("".join(self.reader.text))

    @property
    def ids(self) -> list[str]:
        return [a["id"] for _, a in self.reader.elements if a.get("id")]

    def attribute_values(self, *names: str) -> list[str]:
        return [
            value
            for _, attributes in self.reader.elements
            for name, value in attributes.items()
            if name in names and value is not None
        ]

    def json_ld(self) -> dict:
        (data,) = [
            text for a, text in self.reader.scripts if a.get("type") == "application/ld+json"
        ]
        return json.loads(data)

    def calendar_links(self) -> list[Anchor]:
        return [a for a in self.reader.anchors if "download" in a.attrs]

    def uids(self) -> dict[str, str]:
        """The calendar UID of each slot and session that is an event, by id, as usual UUIDs."""
        return {
            a["id"] or "": str(uuid.UUID(bytes=base64.urlsafe_b64decode(f"{a['data-uid']}==")))
            for _, a in self.reader.elements
            if a.get("data-uid")
        }

    def calendar_script(self) -> dict[str, str | None]:
        """The attributes of the page's script, which makes "add to calendar" files."""
        (attributes,) = [a for a, _ in self.reader.scripts if a.get("type") is None]
        return attributes

    def policy(self) -> dict[str, str]:
        """The page's Content-Security-Policy by directive."""
        (content,) = [
            a["content"] or ""
            for tag, a in self.reader.elements
            if tag == "meta" and a.get("http-equiv") == "Content-Security-Policy"
        ]
        return dict(d.strip().split(" ", 1) for d in content.split(";"))


def read(html: str) -> Page:
    reader = Reader()
    reader.feed(html)
    reader.close()
    return Page(html, reader)


def page(programme: Programme, language: str | None = None, **images: bytes) -> Page:
    return read(render(programme, RenderOptions(language=language, images=images)))


def squash(text: str) -> str:
    """Collapse runs of whitespace: line breaks are layout, not text."""
    return " ".join(text.split())


def sessions_of(programme: Programme) -> list[Session]:
    return [s for day in programme.days for slot in day.slots for s in slot.walk_sessions()]


def slots_of(programme: Programme) -> list[Slot]:
    return [slot for day in programme.days for slot in day.slots]


def instants(programme: Programme) -> set[dt.datetime]:
    """Every moment of the programme: slot starts and ends, session starts and ends."""
    moments: set[dt.datetime] = set()

    def add_sessions(sessions, span):
        for session in sessions:
            start, end = session.start or span[0], session.end or span[1]
            moments.update(m for m in (start, end) if m is not None)
            add_sessions(session.sessions, (start, end))

    for day in programme.days:
        for slot, end in zip(day.slots, day.ends(), strict=True):
            moments.update(m for m in (slot.start, end) if m is not None)
            add_sessions(slot.sessions, (slot.start, end))
    return {programme.localize(m) for m in moments}


def ical_uids(programme: Programme) -> set[str]:
    """The UIDs of the iCal writer's events for *programme*."""
    calendar = icalendar.Calendar.from_ical(get("ical").render(programme, RenderOptions()))
    return {str(event["UID"]) for event in calendar.walk("VEVENT")}


CALENDAR_SCRIPT = (resources.files("eventprogram") / "templates" / "calendar.js").read_text("utf-8")
PROVISIONS_SCRIPT = (resources.files("eventprogram") / "templates" / "provisions.js").read_text(
    "utf-8"
)


def decode_data_url(url: str) -> tuple[str, bytes]:
    head, _, data = url.partition(",")
    assert head.startswith("data:")
    if head.endswith(";base64"):
        return head, base64.b64decode(data, validate=True)
    return head, unquote(data).encode()


PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff\xa1\xee"
    b"\x9e\x0e\x00\x00\x00\x00IEND\xaeB`\x82"
)


# -- the worked example -------------------------------------------------------------------


@pytest.fixture(scope="module")
def bottrop(example_dir) -> Programme:
    return ep.load(example_dir)


@pytest.fixture(scope="module")
def images(bottrop, example_dir) -> dict[str, bytes]:
    found, problems = ep.load_images(bottrop, example_dir)
    assert not problems
    return found


@pytest.fixture(scope="module")
def german(bottrop, images) -> Page:
    return page(bottrop, **images)


@pytest.fixture(scope="module")
def english(bottrop, images) -> Page:
    return page(bottrop, "en", **images)


class TestFormat:
    def test_registered(self):
        """``-f html`` finds this exporter through its entry point, with suffix and media type."""
        assert get("html") is FORMAT
        assert FORMAT.suffix == ".html"
        assert FORMAT.media_type == "text/html; charset=utf-8"

    def test_deterministic(self, bottrop, images):
        """The same programme and options give the same page, byte for byte."""
        options = RenderOptions(images=images)
        assert render(bottrop, options) == render(bottrop, options)

    def test_ends_with_one_newline(self, german):
        """The page ends with exactly one newline."""
        assert german.html.endswith("</html>\n")

    def test_importing_the_package_does_not_import_jinja(self):
        """Importing the package and finding the formats stay light: Jinja loads on first render."""
        code = (
            "import sys, eventprogram; from eventprogram import exporters; "
            "exporters.available(); print('jinja2' in sys.modules)"
        )
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        assert result.stdout.strip() == "False"

    def test_cli_builds_the_page(self, tmp_path, example_dir):
        """``eventprogram build -f html`` writes one page with the example's picture inlined."""
        command = [sys.executable, "-m", "eventprogram", "build", str(example_dir), "-f", "html"]
        result = subprocess.run(
            [*command, "-o", str(tmp_path)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        html = (tmp_path / "nrw-sozialplanung-2025.html").read_text("utf-8")
        assert 'src="data:image/svg+xml;base64,' in html


class TestStructure:
    def test_language(self, german, english):
        """``<html lang>`` is the output language: the programme's, or the one asked for."""
        assert german.reader.elements[0] == ("html", {"lang": "de"})
        assert english.reader.elements[0] == ("html", {"lang": "en"})

    def test_one_h1_the_title(self, german, bottrop):
        """The page has one ``h1``, and it is the programme's title."""
        assert [text for level, text in german.reader.headings if level == 1] == [bottrop.title]

    def test_heading_levels_without_gaps(self, german):
        """Headings start at ``h1`` and never skip a level going down."""
        assert_headings_without_gaps(german)

    def test_headings_of_the_day(self, german):
        """The day is an ``h2``, slots ``h3``, working groups ``h4``, Kleingruppen ``h5``."""
        headings = german.reader.headings
        assert (2, "Donnerstag, 15. Mai 2025") in headings
        assert (3, "10:05–10:30 Uhr Entschluss zum Handeln") in headings
        assert (4, f"3. {WORKING_GROUPS[2]}") in headings
        assert (5, f"Kleingruppe 1: {KLEINGRUPPEN[0]}") in headings

    def test_landmarks(self, german):
        """One banner, one main and one footer landmark."""
        tags = [tag for tag, _ in german.reader.elements]
        assert tags.count("header") == 1
        assert tags.count("main") == 1
        assert tags.count("footer") == 1

    def test_skip_link_to_main(self, german):
        """The first link skips to the main content."""
        first = german.reader.anchors[0]
        target = first.attrs["href"]
        assert target is not None
        assert target.startswith("#")
        assert ("main", {"id": target[1:]}) in german.reader.elements

    def test_every_slot_and_session_is_an_anchor(self, german, bottrop):
        """Every slot and session can be linked to by its id (``#ag3``), and ids are unique."""
        ids = german.ids
        expected = {s.id for s in slots_of(bottrop)} | {s.id for s in sessions_of(bottrop)}
        assert expected <= set(ids)
        assert len(ids) == len(set(ids))

    def test_working_groups_in_one_list(self, german):
        """The five working groups are the items of one list that the stylesheet sets as a grid."""
        assert german.html.count('<ol class="sessions">') == 1
        assert re.search(r"\.sessions \{[^}]*display: grid;[^}]*auto-fit", german.reader.styles[0])

    def test_breaks_and_end_marked(self, german):
        """Breaks carry the break mark; the end marker is marked as the end, without a calendar."""
        assert 'class="slot slot-break" id="mittagspause"' in german.html
        assert 'class="slot slot-break" id="kaffee"' in german.html
        assert 'class="slot slot-end" id="ende"' in german.html
        assert "ende" not in {a.holder for a in german.calendar_links()}

    def test_print_and_dark_styles(self, german):
        """The page brings a dark scheme and an A4 print sheet without links to follow."""
        (css,) = german.reader.styles
        assert "@media (prefers-color-scheme: dark)" in css
        assert "@page { size: A4;" in css
        print_sheet = css[css.index("@media print") :]
        assert ".skip-link, .calendar { display: none" in print_sheet
        assert "break-inside: avoid" in print_sheet


class TestTimes:
    def test_every_time_has_its_instant(self, german, bottrop):
        """Every ``<time>`` has a ``datetime`` with offset: one of the programme's instants."""
        assert_times_are_instants(german, bottrop)

    def test_entschluss_zum_handeln(self, german):
        """10:05 on 15 May 2025 in Bottrop is written with the summer offset, +02:00."""
        assert ("2025-05-15T10:05:00+02:00", "10:05") in german.reader.times

    def test_all_twelve_times(self, german):
        """The twelve start times of the printed programme are there, each as a ``<time>``."""
        shown = {text for _, text in german.reader.times}
        assert {time for time, _ in TIMES_AND_TITLES} <= shown

    def test_times_and_titles_in_order(self, german):
        """Each slot's heading holds its time and title, in the order of the day."""
        headings = [text for level, text in german.reader.headings if level == 3]
        assert len(headings) == 12
        for heading, (time, title) in zip(headings, TIMES_AND_TITLES, strict=True):
            assert heading.startswith(time)
            assert heading.endswith(f" Uhr {title}")


class TestSelfContained:
    def test_no_external_resources(self, german):
        """Nothing is loaded from a host: no stylesheet link, no script file, no remote source."""
        assert_self_contained(german)

    def test_only_the_data_and_the_calendar_script(self, german):
        """The JSON-LD and the package's calendar script, as shipped, are the only scripts."""
        assert_only_own_scripts(german)

    def test_policy_allows_only_the_pages_own_style_and_script(self, german, english):
        """The CSP loads nothing, and allows the page's style and script by their hashes."""
        for rendered in (german, english):
            policy = rendered.policy()
            assert policy["default-src"] == "'none'"
            assert policy["img-src"] == "data:"
            (style,) = rendered.reader.styles
            (script,) = [t for a, t in rendered.reader.scripts if a.get("type") is None]
            for directive, text in (("style-src", style), ("script-src", script)):
                digest = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
                assert policy[directive] == f"'sha256-{digest}'"
            assert "unsafe" not in " ".join(policy.values())

    def test_picture_inlined_logo_left_out(self, german, images):
        """The puzzle is an SVG ``data:`` URL with its alt text; the logo without file is not."""
        (img,) = [a for tag, a in german.reader.elements if tag == "img"]
        assert img["alt"] == "Bild eines Puzzles in 4 Farben."
        media_type, content = decode_data_url(img["src"] or "")
        assert media_type == "data:image/svg+xml;base64"
        assert content == images["puzzle"]
        assert "Logo des Ministeriums" not in german.html.split("</script>", 1)[1]

    def test_png_by_its_bytes_and_decorative_hidden(self, bottrop):
        """A PNG is inlined as image/png; a decorative image gets ``alt=""`` and is hidden."""
        logo = Image(id="logo-mags", kind=ImageKind.LOGO, src="logo.png", alt="")
        programme = attrs.evolve(bottrop, images=(logo,))
        (img,) = [
            a for tag, a in page(programme, **{"logo-mags": PNG}).reader.elements if tag == "img"
        ]
        assert img["src"] == f"data:image/png;base64,{base64.b64encode(PNG).decode()}"
        assert img["alt"] == ""
        assert img["aria-hidden"] == "true"

    @pytest.mark.parametrize(
        ("content", "media_type"),
        [
            (b"\xff\xd8\xff\xe0\x00\x10JFIF", "image/jpeg"),
            (b"GIF89a\x01\x00\x01\x00", "image/gif"),
            (b"RIFF\x24\x00\x00\x00WEBPVP8 ", "image/webp"),
            (
                b'\xef\xbb\xbf<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>',
                "image/svg+xml",
            ),
        ],
        ids=["jpeg", "gif", "webp", "svg"],
    )
    def test_each_image_type_by_its_bytes(self, bottrop, content, media_type):
        """JPEG, GIF, WebP and SVG (after a BOM and an XML declaration) are inlined as such."""
        programme = attrs.evolve(bottrop, images=(Image(id="x", src="x.bin", alt="Bild"),))
        (img,) = [a for tag, a in page(programme, x=content).reader.elements if tag == "img"]
        assert img["src"] == f"data:{media_type};base64,{base64.b64encode(content).decode()}"

    def test_unknown_bytes_left_out(self, bottrop):
        """Bytes that are no known image leave the image out rather than break it."""
        programme = attrs.evolve(bottrop, images=(Image(id="x", src="x.bin", alt="Etwas"),))
        assert "img" not in [tag for tag, _ in page(programme, x=b"no image").reader.elements]


class TestContent:
    def test_title_and_date_line(self, german):
        """Title, date with the day's times, venue and the credit line head the page."""
        text = german.text
        assert "Donnerstag, 15. Mai 2025, 09:30–16:30 Uhr" in text
        assert "Lohnhalle, Bottrop" in text

    def test_credit(self, german, bottrop):
        """The organisers' credit stands verbatim."""
        assert bottrop.credit
        assert bottrop.credit in german.text

    def test_working_groups_and_kleingruppen(self, german):
        """The five working groups and AG 3's two Kleingruppen are shown with their numbers."""
        for number, title in enumerate(WORKING_GROUPS, 1):
            assert f"{number}. {title}" in german.text
        for number, title in enumerate(KLEINGRUPPEN, 1):
            assert f"Kleingruppe {number}: {title}" in german.text

    def test_full_descriptions(self, german, bottrop):
        """Every paragraph of the five working groups' descriptions stands in full."""
        descriptions = [s.description for s in sessions_of(bottrop) if s.description]
        assert len(descriptions) == 5
        for description in descriptions:
            for paragraph in description.strip().split("\n\n"):
                assert f"<p>{squash(paragraph)}</p>" in german.html

    def test_every_person_with_function_and_organisation(self, german, bottrop):
        """All 24 people appear, each time with the wording person_line gives that appearance."""
        appearances = [a for item in ep.timeline(bottrop).items for a in item.people]
        assert len({a.person.id for a in appearances}) == 24
        for appearance in appearances:
            assert person_line(appearance) in german.text

    def test_roles_labelled(self, german):
        """Moderators are grouped behind "Moderation:"; a person with two roles behind both."""
        assert "Moderation: Denise Anton; Lars Czommer, G.I.B." in german.text
        assert "Input und Moderation: Dr. Lara Altenstädter" in german.text

    def test_kind_as_tag(self, german):
        """A slot's kind is shown as a small tag: "Plenum", "Keynote", "Pause"."""
        for label in ("Plenum", "Keynote", "Arbeitsgruppenphase", "Pause"):
            assert f'<span class="tag">{label}</span>' in german.html

    def test_rooms_shown(self, bottrop):
        """A room given to a session is named under it: "Raum: Großer Saal"."""
        venue = attrs.evolve(bottrop.venue, rooms=(ep.Room(id="saal", name="Großer Saal"),))
        day = bottrop.days[0]
        slots = tuple(
            attrs.evolve(s, sessions=(attrs.evolve(s.sessions[0], room="saal"), *s.sessions[1:]))
            if s.sessions
            else s
            for s in day.slots
        )
        programme = attrs.evolve(bottrop, venue=venue, days=(attrs.evolve(day, slots=slots),))
        assert "Raum: Großer Saal" in page(programme).text

    def test_english_labels(self, english):
        """``--lang en`` writes the page's own words in English; titles stay as written."""
        text = english.text
        assert "Thursday, 15 May 2025" in text
        assert "Skip to the programme" in text
        assert "Add the whole programme to your calendar" in text
        assert english.calendar_script()["data-label"] == "Add to calendar"
        assert english.calendar_script()["data-room-label"] == "Room"
        assert "Sub-group 1:" in text
        assert "Moderation: Denise Anton" in text
        assert "Working groups" in text
        for german_word in ("Kalender", "Donnerstag", "Kleingruppe 1", " Uhr"):
            assert german_word not in text

    def test_programme_description_in_paragraphs(self, bottrop):
        """The programme's description is shown, one paragraph per paragraph."""
        programme = attrs.evolve(bottrop, description="Erster Absatz.\n\nZweiter Absatz.")
        html = page(programme).html
        assert "<p>Erster Absatz.</p>" in html
        assert "<p>Zweiter Absatz.</p>" in html


class TestCalendarLinks:
    """What the page's script needs; the script itself runs in tests/browser/test_calendar.py."""

    def test_every_event_carries_the_uid_of_the_ical_writer(self, german, bottrop):
        """Each slot and session that is an iCal event holds that event's UID; no other does."""
        uids = german.uids()
        assert set(uids.values()) == ical_uids(bottrop)
        for id_, uid in uids.items():
            assert uid == str(stable_uuid(bottrop.id, id_))
        # A slot's only session is its slot's event; the end marker is none.
        assert "entschluss" in uids
        assert "ende" not in uids

    def test_kleingruppen_carry_their_calendar_number(self, german):
        """A Kleingruppe, "Kleingruppe 1:" on the page, says its calendar title's "3.1"."""
        numbers = {a["id"]: a.get("data-number") for _, a in german.reader.elements if a.get("id")}
        assert numbers["ag3-ressource"] == "3.1"
        assert numbers["ag3-neu-denken"] == "3.2"
        assert numbers["ag3"] is None
        assert numbers["entschluss"] is None

    def test_script_stamps_as_the_ical_writer(self, german, bottrop):
        """DTSTAMP, SEQUENCE, PRODID and the venue's line come as the iCal writer writes them."""
        calendar = icalendar.Calendar.from_ical(get("ical").render(bottrop, RenderOptions()))
        event = calendar.walk("VEVENT")[0]
        script = german.calendar_script()
        assert script["data-stamp"] == event["DTSTAMP"].to_ical().decode()
        assert script["data-sequence"] == str(event["SEQUENCE"])
        assert script["data-prodid"] == str(calendar["PRODID"])
        assert script["data-venue"] == "Lohnhalle, Bottrop"
        assert script["data-name"] == "nrw-sozialplanung-2025"
        assert script["data-label"] == "In den Kalender"
        assert "data-url" not in script

    def test_whole_calendar_inside_a_small_page(self, german, bottrop):
        """One link adds the whole programme: the iCal writer's file, inside the page."""
        (anchor,) = german.calendar_links()
        assert squash(anchor.text) == "Das ganze Programm in den Kalender"
        assert anchor.attrs["download"] == "nrw-sozialplanung-2025.ics"
        media_type, content = decode_data_url(anchor.attrs["href"] or "")
        assert media_type == "data:text/calendar;charset=utf-8;base64"
        assert content == get("ical").render(bottrop, RenderOptions())

    def test_large_programme_links_the_calendar_file(self):
        """Past the threshold the page links ``<id>.ics`` beside it and embeds no calendar."""
        programme = many_sessions(EMBEDDED_CALENDAR_EVENTS)
        assert len(ical_uids(programme)) > EMBEDDED_CALENDAR_EVENTS
        # A hundred at once would be a timetable, which shows the sessions, not their slot.
        rendered = read(render(programme, RenderOptions(layout="document")))
        (anchor,) = rendered.calendar_links()
        assert anchor.attrs["href"] == "many.ics"
        assert "data:text/calendar" not in rendered.html
        assert set(rendered.uids().values()) == ical_uids(programme)
        small = page(many_sessions(EMBEDDED_CALENDAR_EVENTS - 2))
        (anchor,) = small.calendar_links()
        assert (anchor.attrs["href"] or "").startswith("data:text/calendar;")

    def test_large_programme_links_the_published_calendar(self):
        """Past the threshold a ``calendar_url`` is linked instead of ``<id>.ics``."""
        programme = many_sessions(EMBEDDED_CALENDAR_EVENTS)
        url = "https://pretalx.example/many/schedule/export/eventprogram.ics"
        rendered = read(render(programme, RenderOptions(calendar_url=url)))
        (anchor,) = rendered.calendar_links()
        assert anchor.attrs["href"] == url
        assert anchor.attrs["download"] == "many.ics"
        assert "data:text/calendar" not in rendered.html

    def test_small_programme_embeds_despite_a_calendar_url(self, bottrop):
        """A small page still carries its calendar inside: it works offline, saved or mailed."""
        url = "https://example.org/fachtag.ics"
        rendered = read(render(bottrop, RenderOptions(calendar_url=url)))
        (anchor,) = rendered.calendar_links()
        media_type, content = decode_data_url(anchor.attrs["href"] or "")
        assert media_type == "data:text/calendar;charset=utf-8;base64"
        assert content == get("ical").render(bottrop, RenderOptions())
        assert url not in rendered.html

    @pytest.mark.parametrize(
        "hostile",
        [
            "javascript:alert(1)",
            "java\tscript:alert(1)",
            'https://example.org/a.ics" onmouseover="alert(1)',
            "https://example.org/a.ics'><script>alert(1)</script>",
            "https://bank.example@attacker.example/a.ics",
            "data:text/calendar,BEGIN:VCALENDAR",
            "/relative/a.ics",
        ],
    )
    def test_hostile_calendar_url_is_refused(self, hostile):
        """A URL the URL policy refuses is not linked: the page links ``<id>.ics``."""
        programme = many_sessions(EMBEDDED_CALENDAR_EVENTS)
        html = render(programme, RenderOptions(calendar_url=hostile))
        rendered = read(html)
        (anchor,) = rendered.calendar_links()
        assert anchor.attrs["href"] == "many.ics"
        assert "alert(1)" not in html
        assert "attacker.example" not in html

    def test_calendar_url_is_escaped_in_the_attribute(self):
        """An accepted URL with ``&`` is written as ``&amp;`` and read back unchanged."""
        programme = many_sessions(EMBEDDED_CALENDAR_EVENTS)
        url = "https://example.org/export?event=many&format=ics"
        html = render(programme, RenderOptions(calendar_url=url))
        assert 'href="https://example.org/export?event=many&amp;format=ics"' in html
        (anchor,) = read(html).calendar_links()
        assert anchor.attrs["href"] == url

    def test_open_end_carries_the_ical_writers_nominal_end(self, bottrop):
        """A last slot without end shows its start; its data-end is the iCal event's DTEND."""
        day = bottrop.days[0]
        slots = [s for s in day.slots if s.kind != END_KIND]
        last = attrs.evolve(slots[-1], end=None)
        programme = attrs.evolve(bottrop, days=(attrs.evolve(day, slots=(*slots[:-1], last)),))
        rendered = page(programme)
        (element,) = [a for _, a in rendered.reader.elements if a.get("id") == last.id]
        calendar = icalendar.Calendar.from_ical(get("ical").render(programme, RenderOptions()))
        uid = rendered.uids()[last.id]
        (event,) = [e for e in calendar.walk("VEVENT") if str(e["UID"]) == uid]
        end = event.decoded("DTEND").astimezone(dt.UTC)
        assert element["data-end"] == end.strftime("%Y%m%dT%H%M%SZ")
        assert sum("data-end" in a for _, a in rendered.reader.elements) == 1


def many_sessions(count: int) -> Programme:
    """A programme of one slot with *count* parallel sessions: *count* + 1 calendar events."""
    start = dt.datetime(2025, 5, 15, 10)
    sessions = tuple(Session(id=f"s{n}", title=f"Session {n}") for n in range(count))
    slot = Slot(id="slot", kind="parallel", title="Phase", start=start, sessions=sessions)
    slot = attrs.evolve(slot, end=start + dt.timedelta(hours=1))
    return Programme(
        id="many",
        title="Viele",
        venue=ep.Venue(name="Halle"),
        days=(Day(date=start.date(), slots=(slot,)),),
    )


class TestJsonLd:
    def test_required_and_recommended(self, german, bottrop):
        """The Event has name, dates with offset, status, attendance mode, place and organisers."""
        event = german.json_ld()
        assert event["@context"] == "https://schema.org"
        assert event["@type"] == "Event"
        assert event["name"] == bottrop.title
        assert event["startDate"] == "2025-05-15T09:30:00+02:00"
        assert event["endDate"] == "2025-05-15T16:30:00+02:00"
        assert event["eventStatus"] == "https://schema.org/EventScheduled"
        assert event["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
        assert event["inLanguage"] == "de"
        assert event["location"] == {
            "@type": "Place",
            "name": "Lohnhalle",
            "address": {
                "@type": "PostalAddress",
                "addressLocality": "Bottrop",
                "addressCountry": "DE",
            },
        }
        assert [o["alternateName"] for o in event["organizer"]] == ["MAGS", "G.I.B.", "DIFIS"]
        assert all(o["@type"] == "Organization" for o in event["organizer"])

    def test_no_image_without_a_web_address(self, german):
        """The example's images have no absolute URL, so the data names none."""
        assert "image" not in german.json_ld()

    def test_image_and_description_where_given(self, bottrop):
        """An image with an https URL and the programme's description go into the data."""
        picture = Image(id="p", src="https://example.org/p.png", alt="Ein Bild")
        programme = attrs.evolve(bottrop, images=(picture,), description="Worum es geht.")
        event = page(programme).json_ld()
        assert event["image"] == ["https://example.org/p.png"]
        assert event["description"] == "Worum es geht."

    def test_venue_url_linked(self, bottrop):
        """The venue's web page is the link on its name and the url of the JSON-LD place."""
        venue = attrs.evolve(bottrop.venue, url="https://lohnhalle.example/anfahrt")
        shown = page(attrs.evolve(bottrop, venue=venue))
        assert shown.json_ld()["location"]["url"] == "https://lohnhalle.example/anfahrt"
        (anchor,) = [a for a in shown.reader.anchors if a.text.strip() == venue.name]
        assert anchor.attrs["href"] == "https://lohnhalle.example/anfahrt"

    def test_full_address(self, bottrop):
        """Street and postal code join the address where the venue has them."""
        venue = attrs.evolve(bottrop.venue, street="Im Gewerbepark 1", postal_code="46236")
        address = page(attrs.evolve(bottrop, venue=venue)).json_ld()["location"]["address"]
        assert address["streetAddress"] == "Im Gewerbepark 1"
        assert address["postalCode"] == "46236"

    def test_sub_events(self, german):
        """Every slot but the end marker is a sub-event; working groups and Kleingruppen nest."""
        subs = german.json_ld()["subEvent"]
        assert [s["name"] for s in subs] == [title for _, title in TIMES_AND_TITLES[:-1]]
        entschluss = subs[2]
        assert entschluss["startDate"] == "2025-05-15T10:05:00+02:00"
        assert entschluss["endDate"] == "2025-05-15T10:30:00+02:00"
        phase = subs[8]
        assert [s["name"] for s in phase["subEvent"]] == WORKING_GROUPS
        assert [s["name"] for s in phase["subEvent"][2]["subEvent"]] == KLEINGRUPPEN
        assert phase["subEvent"][0]["description"].startswith("Sozialplanung in Dortmund")
        assert all(s["location"]["address"]["addressLocality"] == "Bottrop" for s in subs)

    def test_performers(self, german):
        """People are performers: Person with honorific, job title as printed there, affiliation."""
        entschluss = german.json_ld()["subEvent"][2]
        klammer = entschluss["performer"][2]
        assert klammer["@type"] == "Person"
        assert klammer["name"] == "Ute Klammer"
        assert klammer["honorificPrefix"] == "Prof. Dr."
        assert klammer["jobTitle"] == (
            "Direktorin Deutsches Institut für Interdisziplinäre Sozialpolitikforschung"
        )
        assert klammer["affiliation"]["@type"] == "Organization"
        assert klammer["affiliation"]["alternateName"] == "DIFIS"
        assert "homeLocation" not in klammer

    def test_instants_equal_the_models(self, german, bottrop):
        """Every start and end in the data is one of the programme's instants."""
        assert_json_ld_instants(german, bottrop)

    def test_organisation_url(self, bottrop):
        """An organiser's https address becomes its url, and a link on the page."""
        programme = with_organisation_url(bottrop, "mags", "https://www.mags.nrw/")
        rendered = page(programme)
        assert rendered.json_ld()["organizer"][0]["url"] == "https://www.mags.nrw/"
        assert "https://www.mags.nrw/" in rendered.attribute_values("href")


# -- hostile data --------------------------------------------------------------------------

HOSTILE = (
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "</style><p>x",
    "</script><script>alert(1)</script>",
    "&amp; &lt;b&gt; ]]> <!--",
    "javascript:alert(1)",
)
UNSAFE_URLS = (
    "javascript:alert(1)",
    " JavaScript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "https://",
    "//evil.example/x",
)


def with_organisation_url(programme: Programme, organisation: str, url: str) -> Programme:
    return attrs.evolve(
        programme,
        organisations=tuple(
            attrs.evolve(o, url=url) if o.id == organisation else o for o in programme.organisations
        ),
    )


def hostile(programme: Programme, pick) -> Programme:
    """*programme* with every text and URL that reaches the page drawn by *pick*."""

    def session(s: Session) -> Session:
        return attrs.evolve(
            s,
            title=pick(),
            subtitle=pick(),
            description=pick(),
            track=pick(),
            url=pick(),
            links=(Link(url=pick(), title=pick()), Link(url=pick())),
            sessions=tuple(map(session, s.sessions)),
        )

    def slot(s: Slot) -> Slot:
        return attrs.evolve(
            s,
            title=pick(),
            subtitle=pick(),
            description=pick(),
            track=pick(),
            url=pick(),
            links=(Link(url=pick(), title=pick()), Link(url=pick())),
            sessions=tuple(map(session, s.sessions)),
        )

    return attrs.evolve(
        programme,
        title=pick(),
        subtitle=pick(),
        description=pick(),
        credit=pick(),
        url=pick(),
        venue=attrs.evolve(
            programme.venue,
            name=pick(),
            city=pick(),
            street=pick(),
            url=pick(),
            rooms=tuple(attrs.evolve(r, name=pick()) for r in programme.venue.rooms),
        ),
        days=tuple(
            attrs.evolve(d, title=pick(), slots=tuple(map(slot, d.slots))) for d in programme.days
        ),
        people=tuple(
            attrs.evolve(p, family_name=pick(), given_name=pick(), function=pick())
            for p in programme.people
        ),
        organisations=tuple(
            attrs.evolve(o, name=pick(), short_name=pick(), url=pick())
            for o in programme.organisations
        ),
        images=tuple(attrs.evolve(i, alt=pick()) for i in programme.images),
    )


def assert_only_own_scripts(rendered: Page) -> None:
    """The JSON-LD data block, then the package's calendar script with data attributes only.

    A page with accessibility provisions has the package's filter script after it.
    """
    scripts = rendered.reader.scripts
    own = [f"\n{CALENDAR_SCRIPT.strip()}\n", f"\n{PROVISIONS_SCRIPT.strip()}\n"]
    assert [a.get("type") for a, _ in scripts] in (
        ["application/ld+json", None],
        ["application/ld+json", None, None],
    )
    for (attributes, text), expected in zip(scripts[1:], own, strict=False):
        assert text == expected
        assert all(name.startswith("data-") for name in attributes), attributes


def assert_harmless(rendered: Page) -> None:
    """No markup of the data's own: one style, our two scripts, no handlers, only safe links."""
    elements = rendered.reader.elements
    styles = [tag for tag, _ in elements].count("style")
    # The provisions' style comes with a list of provisions (and its script) or a statement.
    assert styles in {1, 2}
    assert styles == 2 or len(rendered.reader.scripts) == 2
    assert_only_own_scripts(rendered)
    assert not [name for _, a in elements for name in a if name.startswith("on")]
    for href in rendered.attribute_values("href"):
        assert href.startswith(("#", "https://", "http://", "mailto:", "data:text/calendar;")), href
    for src in rendered.attribute_values("src"):
        assert src.startswith("data:image/"), src
    (data,) = [text for a, text in rendered.reader.scripts if a.get("type")]
    assert "<" not in data
    assert ">" not in data
    json.loads(data)


class TestHostileData:
    def test_markup_in_texts_is_text(self, bottrop):
        """Titles, names and descriptions with tags, quotes and closing tags come out as text."""
        texts = iter(HOSTILE * 200)
        rendered = page(hostile(bottrop, lambda: next(texts)))
        assert_harmless(rendered)
        for text in HOSTILE:
            assert squash(text) in rendered.text

    def test_title_survives_the_json_ld(self, bottrop):
        """A title that closes the script element is escaped in JSON-LD, and reads back the same."""
        title = "</script><script>alert(1)</script> & <!--"
        rendered = page(attrs.evolve(bottrop, title=title))
        assert rendered.json_ld()["name"] == title
        assert "\\u003c/script\\u003e" in rendered.html

    @pytest.mark.parametrize("url", UNSAFE_URLS)
    def test_unsafe_urls_are_plain_text(self, bottrop, url):
        """Programme, organiser and venue URLs other than http, https and mailto are never links."""
        programme = with_organisation_url(bottrop, "mags", url)
        programme = attrs.evolve(programme, url=url, venue=attrs.evolve(programme.venue, url=url))
        rendered = page(programme)
        assert_harmless(rendered)
        assert not [h for h in rendered.attribute_values("href") if "script" in h.lower()]
        assert squash(url) in rendered.text
        assert "url" not in rendered.json_ld()
        assert "url" not in rendered.json_ld()["organizer"][0]

    @pytest.mark.parametrize(
        "url", ["https://example.org/programm", "http://example.org/", "mailto:info@example.org"]
    )
    def test_safe_urls_are_links(self, url):
        """http, https and mailto URLs are kept as they are, to be linked."""
        assert safe_href(url) == url

    def test_programme_url_linked(self, bottrop):
        """The programme's own address is linked in the footer, and names each sub-event."""
        rendered = page(attrs.evolve(bottrop, page_url="https://example.org/programm"))
        assert "https://example.org/programm" in rendered.attribute_values("href")
        assert rendered.json_ld()["subEvent"][2]["url"] == "https://example.org/programm#entschluss"

    @given(programme=programmes(), data=st.data())
    def test_generated_hostile_programmes(self, programme, data):
        """Any programme with hostile texts and URLs renders harmless, its texts shown as text."""
        programme = hostile(programme, lambda: data.draw(st.sampled_from(HOSTILE)))
        rendered = page(programme)
        assert_harmless(rendered)
        text = rendered.text
        for item in [programme, *slots_of(programme), *sessions_of(programme)]:
            assert squash(item.title) in text
            if item is not programme:
                assert squash(item.track) in text
                assert squash(item.links[0].title) in text


# -- generated programmes -------------------------------------------------------------------


def assert_headings_without_gaps(rendered: Page) -> None:
    levels = [level for level, _ in rendered.reader.headings]
    assert levels.count(1) == 1
    assert levels[0] == 1
    for before, after in itertools.pairwise(levels):
        assert after <= before + 1, levels


def assert_times_are_instants(rendered: Page, programme: Programme) -> None:
    moments = instants(programme)
    assert rendered.reader.times
    for value, _ in rendered.reader.times:
        assert value is not None
        moment = dt.datetime.fromisoformat(value)
        assert moment.utcoffset() is not None, value
        assert moment in moments, value
        assert moment.utcoffset() == moment.astimezone(programme.zone).utcoffset()


def assert_self_contained(rendered: Page) -> None:
    programme_links = set()
    for tag, attributes in rendered.reader.elements:
        assert not (tag == "link" and "stylesheet" in (attributes.get("rel") or ""))
        assert not (tag == "script" and "src" in attributes)
        for name in ("src", "srcset", "poster", "data"):
            value = attributes.get(name)
            assert value is None or value.startswith("data:"), (tag, name, value)
        href = attributes.get("href")
        if href is not None and href.startswith(("http://", "https://", "//")):
            assert tag == "a", tag
            programme_links.add(href)
    assert "@import" not in rendered.reader.styles[0]
    assert "url(" not in rendered.reader.styles[0]


def assert_calendar_uids(rendered: Page, programme: Programme) -> None:
    """The page's events are the iCal writer's, by UID; the whole calendar is linked once."""
    assert set(rendered.uids().values()) == ical_uids(programme)
    (anchor,) = rendered.calendar_links()
    assert anchor.attrs["download"] == f"{programme.id}.ics"


def assert_json_ld_instants(rendered: Page, programme: Programme) -> None:
    moments = instants(programme)

    def check(event: dict) -> None:
        for key in ("startDate", "endDate"):
            if key in event:
                assert dt.datetime.fromisoformat(event[key]) in moments, event[key]
        for sub in event.get("subEvent", []):
            check(sub)

    event = rendered.json_ld()
    assert dt.datetime.fromisoformat(event["startDate"]) == programme.localize(programme.start)
    check(event)
    count = sum(1 for s in slots_of(programme) if s.kind != END_KIND)
    assert len(event.get("subEvent", [])) == count


class TestGeneratedProgrammes:
    @given(programmes(), st.sampled_from([None, "de", "en"]))
    def test_structure_holds(self, programme, language):
        """Any programme: one h1, no heading gaps, times with offsets, anchors, calendar links."""
        rendered = page(programme, language)
        assert_headings_without_gaps(rendered)
        assert_times_are_instants(rendered, programme)
        assert_self_contained(rendered)
        assert_calendar_uids(rendered, programme)
        assert_json_ld_instants(rendered, programme)
        ids = rendered.ids
        assert len(ids) == len(set(ids))
        assert {s.id for s in slots_of(programme)} <= set(ids)
        assert {s.id for s in sessions_of(programme)} <= set(ids)
        assert rendered.html.endswith("</html>\n")

    @given(programmes())
    def test_every_text_shown(self, programme):
        """Every title and every person of any programme is on the page."""
        text = page(programme).text
        for item in [*slots_of(programme), *sessions_of(programme)]:
            assert squash(item.title) in text
        for item in ep.timeline(programme).items:
            for appearance in item.people:
                assert squash(person_line(appearance)) in text

    def test_several_days(self, bottrop):
        """Each day of a programme of several days gets its own ``h2``."""
        first = bottrop.days[0]
        second = Day(
            date=first.date + dt.timedelta(days=1),
            slots=(
                Slot(
                    id="tag2",
                    kind="talk",
                    title="Zweiter Tag",
                    start=first.slots[0].start + dt.timedelta(days=1),
                    end=first.slots[1].start + dt.timedelta(days=1),
                ),
            ),
        )
        rendered = page(attrs.evolve(bottrop, days=(first, second)))
        assert [t for level, t in rendered.reader.headings if level == 2] == [
            "Donnerstag, 15. Mai 2025",
            "Freitag, 16. Mai 2025",
        ]
        assert_headings_without_gaps(rendered)


# -- track, language, page and links ----------------------------------------------------------


def with_extras(programme: Programme) -> Programme:
    """The example with extras (tests/extras.py), the talk with a subtitle, two paragraphs and a
    track that needs escaping."""
    return conference_fields(
        programme,
        talk={
            "subtitle": "A talk in English",
            "description": "First paragraph.\n\nSecond paragraph.",
            "track": "Strategie & <Planung>",
        },
    )


def lang_of(rendered: Page, holder: str) -> list[tuple[str, str | None]]:
    """The elements with a ``lang`` inside the element with id *holder*: tag and value."""
    found = []
    inside = 0
    for tag, attributes in rendered.reader.elements:
        if attributes.get("id") == holder:
            inside = 1
        elif inside and attributes.get("id") and tag == "li":
            break
        if inside and "lang" in attributes:
            found.append((tag, attributes["lang"]))
    return found


@pytest.fixture(scope="module")
def extras(bottrop) -> Programme:
    return with_extras(bottrop)


class TestTrackLanguageLinks:
    def test_meta_line(self, extras):
        """Track and the language by name show under the item, in the output language."""
        assert "Track: Strategie & <Planung> · Sprache: Englisch" in page(extras).text
        assert "Track: Strategie & <Planung> · Language: English" in page(extras, "en").text
        assert "<Planung>" not in page(extras).html

    def test_language_of_the_programme_not_said(self, bottrop):
        """An item in the programme's own language names no language and carries no ``lang``."""
        slots = tuple(attrs.evolve(s, language="de") for s in bottrop.days[0].slots)
        rendered = page(attrs.evolve(bottrop, days=(attrs.evolve(bottrop.days[0], slots=slots),)))
        assert "Sprache" not in rendered.text
        assert [a for _, a in rendered.reader.elements if "lang" in a] == [{"lang": "de"}]

    def test_title_and_texts_carry_lang(self, extras):
        """Title, subtitle, paragraphs and the hidden names of its links carry ``lang="en"``."""
        found = lang_of(page(extras), "entschluss")
        assert ("span", "en") in found  # the title in the heading
        assert found.count(("p", "en")) == 3  # subtitle and two paragraphs
        assert all(value == "en" for _, value in found)
        heading = next(t for level, t in page(extras).reader.headings if "Entschluss" in t)
        assert heading == "10:05–10:30 Uhr Entschluss zum Handeln"

    def test_english_page_marks_no_english(self, extras):
        """On the English page the English item needs no ``lang`` of its own."""
        assert lang_of(page(extras, "en"), "entschluss") == []

    def test_details_link_named_with_the_title(self, extras):
        """The item's own page is a link "Details", its accessible name ending in the title."""
        (anchor,) = [a for a in page(extras).reader.anchors if a.attrs["href"] == TALK_URL]
        assert squash(anchor.text) == "Details: Entschluss zum Handeln"
        assert anchor.holder == "entschluss"

    def test_untitled_link_named_by_its_host(self, extras):
        """A link without a title shows its host, and names the item for screen readers."""
        (anchor,) = [a for a in page(extras).reader.anchors if a.attrs["href"] == RECORDING_URL]
        assert squash(anchor.text) == "media.example.org: Entschluss zum Handeln"

    def test_unsafe_link_is_text(self, extras):
        """A ``javascript:`` link is shown as text with its title, escaped, and links nowhere."""
        rendered = page(extras)
        assert_harmless(rendered)
        assert not [h for h in rendered.attribute_values("href") if "javascript" in h]
        assert f"{squash(HOSTILE_LINK_TITLE)}: javascript:alert(1)" in rendered.text
        assert "<script>alert" not in rendered.html

    def test_session_kind_of_its_own(self, extras):
        """AG 1, a workshop among working groups, shows its kind; AG 2 shows none."""
        rendered = page(extras)
        assert "Werkstatt Track: AG-Track" in rendered.text
        assert rendered.text.count("Werkstatt") == 1
        assert "Workshop Track: AG-Track" in page(extras, "en").text

    def test_json_ld_url_and_language(self, extras):
        """The sub-event has the item's own page as ``url`` and its language as ``inLanguage``."""
        event = page(attrs.evolve(extras, page_url="https://example.org/programm")).json_ld()
        (talk,) = [e for e in event["subEvent"] if e["name"] == "Entschluss zum Handeln"]
        assert talk["url"] == TALK_URL
        assert talk["inLanguage"] == "en"
        other = event["subEvent"][0]
        assert other["url"] == "https://example.org/programm#ankommen"
        assert "inLanguage" not in other

    def test_nothing_loads_from_the_links(self, extras):
        """Links are only ``<a>``: no image, icon or other resource comes from their hosts."""
        assert_self_contained(page(extras))
        assert "media.example.org/" not in " ".join(page(extras).attribute_values("src"))


# -- rooms and kinds, resolved -----------------------------------------------------------------

ROOMS = (ep.Room(id="saal", name="Großer Saal"), ep.Room(id="foyer", name="Foyer"))


def with_rooms(programme: Programme, slot: dict | None = None, **sessions: dict) -> Programme:
    """*programme* with two rooms, *slot* given to "Entschluss zum Handeln", and each session
    named by id (working groups and Kleingruppen, anywhere in the tree) given its fields."""

    def session(s: Session) -> Session:
        s = attrs.evolve(s, sessions=tuple(map(session, s.sessions)))
        return attrs.evolve(s, **sessions.get(s.id, {}))

    def change(s: Slot) -> Slot:
        s = attrs.evolve(s, sessions=tuple(map(session, s.sessions)))
        return attrs.evolve(s, **(slot or {})) if s.id == "entschluss" else s

    day = programme.days[0]
    return attrs.evolve(
        programme,
        venue=attrs.evolve(programme.venue, rooms=ROOMS),
        kinds=(*programme.kinds, WORKSHOP),
        days=(attrs.evolve(day, slots=tuple(map(change, day.slots))), *programme.days[1:]),
    )


def own_markup(rendered: Page, id_: str) -> str:
    """The markup of slot or session *id_* up to its sessions or its end: what it says itself."""
    start = rendered.html.index(f'id="{id_}"')
    ends = [rendered.html.find(mark, start) for mark in ("<ol", "</li>")]
    return rendered.html[start : min(end for end in ends if end != -1)]


def sub_events(event: dict) -> dict[str, dict]:
    """Every sub-event in the JSON-LD, at any depth, by the id its URL ends with."""
    found = {}
    for sub in event.get("subEvent", []):
        found[sub.get("url", sub["name"]).rsplit("#", 1)[-1]] = sub
        found.update(sub_events(sub))
    return found


def calendar_event(rendered: Page, id_: str) -> icalendar.Event:
    """The event of slot or session *id_* in the whole calendar the page carries."""
    (anchor,) = rendered.calendar_links()
    calendar = icalendar.Calendar.from_ical(decode_data_url(anchor.attrs["href"] or "")[1])
    uid = rendered.uids()[id_]
    (event,) = [e for e in calendar.walk("VEVENT") if str(e["UID"]) == uid]
    return event


URL = "https://example.org/programm"


class TestRooms:
    def test_slot_room_shown(self, bottrop):
        """A slot's room is named in the slot's own facts, and in its JSON-LD location."""
        rendered = page(attrs.evolve(with_rooms(bottrop, slot={"room": "saal"}), page_url=URL))
        assert '<span class="room">Raum: Großer Saal</span>' in own_markup(rendered, "entschluss")
        talk = sub_events(rendered.json_ld())["entschluss"]
        assert talk["location"]["name"] == "Großer Saal, Lohnhalle"

    def test_slot_room_shown_with_its_kind(self, bottrop):
        """The room stands beside the kind's tag in the slot's facts, in English too."""
        rendered = page(with_rooms(bottrop, slot={"room": "foyer"}), "en")
        facts = own_markup(rendered, "entschluss")
        assert '<span class="tag">Plenary</span> <span class="room">Room: Foyer</span>' in facts

    def test_no_room_no_label(self, german):
        """Without rooms the page names none: no empty "Raum:"."""
        assert "Raum:" not in german.text
        assert 'class="room"' not in german.html

    def test_sub_session_inherits_its_sessions_room_and_kind(self, bottrop):
        """The issue's example: Kleingruppen without kind or room, in AG 3 (a workshop in the
        Großer Saal), are in the Großer Saal and workshops, in the JSON-LD and in iCal alike;
        the page says both once, under AG 3."""
        programme = with_rooms(bottrop, ag3={"kind": "workshop", "room": "saal"})
        rendered = page(attrs.evolve(programme, page_url=URL))
        events = sub_events(rendered.json_ld())
        for id_ in ("ag3", "ag3-ressource", "ag3-neu-denken"):
            assert events[id_]["location"]["name"] == "Großer Saal, Lohnhalle", id_
            event = calendar_event(rendered, id_)
            assert str(event["LOCATION"]).startswith("Großer Saal, "), id_
            assert event["CATEGORIES"].to_ical() == b"Werkstatt", id_
        ag3 = own_markup(rendered, "ag3")
        assert '<span class="room">Raum: Großer Saal</span>' in ag3
        assert '<span class="tag">Werkstatt</span>' in ag3
        assert rendered.text.count("Raum: Großer Saal") == 1
        assert rendered.text.count("Werkstatt") == 1

    def test_sub_session_in_another_room_says_so(self, bottrop):
        """A Kleingruppe in a room other than its session's names it; one that repeats the
        session's room, or has none, doesn't repeat it."""
        programme = with_rooms(
            bottrop,
            ag3={"room": "saal"},
            **{"ag3-ressource": {"room": "foyer"}, "ag3-neu-denken": {"room": "saal"}},
        )
        rendered = page(attrs.evolve(programme, page_url=URL))
        assert "Raum: Foyer" in own_markup(rendered, "ag3-ressource")
        assert "Raum" not in own_markup(rendered, "ag3-neu-denken")
        assert rendered.text.count("Raum: Großer Saal") == 1
        events = sub_events(rendered.json_ld())
        assert events["ag3-ressource"]["location"]["name"] == "Foyer, Lohnhalle"
        assert events["ag3-neu-denken"]["location"]["name"] == "Großer Saal, Lohnhalle"

    def test_session_in_the_slots_room(self, bottrop):
        """Working groups in a slot with a room sit in it: the JSON-LD names it for each, the
        page names it once, for the slot."""
        day = bottrop.days[0]
        phase = next(s for s in day.slots if len(s.sessions) > 1)
        slots = tuple(attrs.evolve(s, room="saal") if s is phase else s for s in day.slots)
        programme = attrs.evolve(
            bottrop,
            page_url=URL,
            venue=attrs.evolve(bottrop.venue, rooms=ROOMS),
            days=(attrs.evolve(day, slots=slots),),
        )
        rendered = page(programme)
        events = sub_events(rendered.json_ld())
        for session in phase.walk_sessions():
            assert events[session.id]["location"]["name"] == "Großer Saal, Lohnhalle"
        assert "Raum: Großer Saal" in own_markup(rendered, phase.id)
        assert rendered.text.count("Raum: Großer Saal") == 1


class TestKindsResolved:
    def test_kind_as_its_parents_not_repeated(self, bottrop):
        """A Kleingruppe that names its session's kind again doesn't show it again."""
        programme = with_rooms(
            bottrop, ag3={"kind": "workshop"}, **{"ag3-ressource": {"kind": "workshop"}}
        )
        rendered = page(programme)
        assert rendered.text.count("Werkstatt") == 1
        assert "Werkstatt" in own_markup(rendered, "ag3")

    def test_kind_other_than_its_parents_shown(self, bottrop):
        """A Kleingruppe of its own kind inside a workshop shows it, compared with the workshop's
        kind, not the slot's."""
        programme = with_rooms(
            bottrop,
            ag3={"kind": "workshop"},
            **{"ag3-ressource": {"kind": "talk"}, "ag3-neu-denken": {"kind": "working-groups"}},
        )
        rendered = page(programme)
        assert '<span class="tag">Vortrag</span>' in own_markup(rendered, "ag3-ressource")
        # The slot's kind, but not the workshop's: the Kleingruppe differs from what holds it.
        tag = '<span class="tag">Arbeitsgruppenphase</span>'
        assert tag in own_markup(rendered, "ag3-neu-denken")


class TestOpenEnds:
    def test_last_slot_without_an_end_shows_its_start(self, bottrop):
        """A last slot that nothing gives an end shows "ab" and its start; its data has no end."""
        day = bottrop.days[0]
        slots = day.slots[:-1]  # without the end marker, "Kaffee" ends nowhere
        rendered = page(attrs.evolve(bottrop, page_url=URL, days=(attrs.evolve(day, slots=slots),)))
        heading = next(t for _, t in rendered.reader.headings if "Kaffee" in t)
        assert heading.startswith("ab 16:15 Uhr ")
        assert "endDate" not in sub_events(rendered.json_ld())["kaffee"]
        assert "09:30–16:15 Uhr" in rendered.text  # the day's line: its last known end

    def test_last_slot_ends_with_its_sessions(self, bottrop):
        """A last slot whose sessions say when they end runs until the latest of them."""
        day = bottrop.days[0]
        last = attrs.evolve(
            day.slots[-2],
            sessions=(
                Session(id="a", title="A", end=dt.datetime(2025, 5, 15, 16, 45)),
                Session(id="b", title="B", end=dt.datetime(2025, 5, 15, 17, 0)),
            ),
        )
        slots = (*day.slots[:-2], last)
        rendered = page(attrs.evolve(bottrop, page_url=URL, days=(attrs.evolve(day, slots=slots),)))
        heading = next(t for _, t in rendered.reader.headings if "Kaffee" in t)
        assert heading.startswith("16:15–17:00 Uhr ")
        assert sub_events(rendered.json_ld())["kaffee"]["endDate"] == "2025-05-15T17:00:00+02:00"


def test_name_ending_in_a_blank_keeps_function_and_organisation_apart():
    """A family name with a trailing blank does not pull function and organisation into the name."""
    programme = ep.Programme(
        id="p",
        title="T",
        venue=ep.Venue(name="V"),
        organisations=(ep.Organisation(id="o", name="Stadt Dorsten"),),
        people=(
            ep.Person(
                id="a",
                given_name="Anna",
                family_name="Stock ",
                function="Bürgermeisterin",
                organisation="o",
            ),
        ),
        days=(
            ep.Day(
                date=dt.date(2025, 5, 15),
                slots=(
                    ep.Slot(
                        id="s",
                        kind="talk",
                        title="X",
                        start=dt.datetime(2025, 5, 15, 10),
                        end=dt.datetime(2025, 5, 15, 11),
                        people=(ep.Contribution(person="a", roles=("speaker",)),),
                    ),
                ),
            ),
        ),
    )
    html = get("html").render(programme, RenderOptions())
    assert '<span class="name">Anna Stock</span>, Bürgermeisterin, Stadt Dorsten' in html


class TestJsonLdOfALargeProgramme:
    def test_sub_events_up_to_the_cap(self):
        """Up to the cap every slot and session is a sub-event; past it the programme alone,
        with its name, dates and place, is described."""
        shown = page(many_sessions(MAX_SUB_EVENTS - 1)).json_ld()
        assert len(sub_events(shown)) == MAX_SUB_EVENTS
        large = page(many_sessions(MAX_SUB_EVENTS)).json_ld()
        assert "subEvent" not in large
        assert large["name"] == "Viele"
        assert large["startDate"] == "2025-05-15T10:00:00+02:00"
        assert large["endDate"] == "2025-05-15T11:00:00+02:00"
        assert large["location"]["name"] == "Halle"
