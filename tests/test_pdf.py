"""The ``pdf`` and ``pdf-flyer`` formats: a tagged A4 PDF, read back with independent tools.

pikepdf (qpdf) reads the PDF's objects: the structure tree, the language, the metadata, the
fonts. pdfplumber (pdfminer.six) extracts the text of each page, as a screen reader or a
search would find it. Each PDF is rendered once per module; texts are compared with all
white space removed, since the layout breaks lines where it must.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import os
import sys

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

import eventprogram as ep
from bottrop import KLEINGRUPPEN, TIMES_AND_TITLES, WORKING_GROUPS
from eventprogram import Session
from eventprogram._cli import main
from eventprogram._i18n import role_groups
from eventprogram.errors import MissingExtraError
from eventprogram.exporters import RenderOptions, available, pdf
from eventprogram.testing import programmes
from test_seed_people import per_person, seed_lines
from untrusted import HOSTILE_TEXT, fill

pikepdf = pytest.importorskip("pikepdf", reason="the test extra brings pikepdf")
pdfplumber = pytest.importorskip("pdfplumber", reason="the test extra brings pdfplumber")

MM = 72 / 25.4
"""PDF points in a millimetre."""
SCRIPT = "<script>alert(1)</script> & „Zitat“"
COMPOUND = "Donaudampfschifffahrtselektrizitätenhauptbetriebswerkbauunterbeamtengesellschaft" * 3
HEBREW = "שלום עולם"
ARABIC = "مرحبا بالعالم"


def squashed(text: str) -> str:
    """*text* without any white space: line breaks are the layout's, not the text's."""
    return "".join(text.split())


@attrs.frozen
class Read:
    """A rendered PDF, read back."""

    data: bytes
    pages: tuple[str, ...]
    """The text of each page, as pdfplumber extracts it."""
    lines: tuple[str, ...]
    """Every line of text, page after page."""

    @property
    def text(self) -> str:
        return "\n".join(self.pages)

    def has(self, fragment: str) -> bool:
        return squashed(fragment) in squashed(self.text)

    def pages_with(self, fragment: str) -> list[int]:
        return [i for i, page in enumerate(self.pages) if squashed(fragment) in squashed(page)]

    def open(self):
        return pikepdf.open(io.BytesIO(self.data))


FLYER_PANELS = ((0, 102), (102, 198), (198, 297))
"""The flyer's three panels, in millimetres from the left: each is read on its own."""


def read(data: bytes, panels: tuple[tuple[int, int], ...] = ()) -> Read:
    """Read *data*'s text page by page; with *panels*, each panel of a page in turn."""
    with pdfplumber.open(io.BytesIO(data)) as document:
        pages = tuple(
            "\n".join(
                page.crop((left * MM, 0, min(right * MM, page.width), page.height)).extract_text()
                for left, right in panels
            )
            if panels
            else page.extract_text() or ""
            for page in document.pages
        )
    lines = tuple(line for page in pages for line in page.splitlines())
    return Read(data=data, pages=pages, lines=lines)


def chars_outside_margins(data: bytes, side_margin_mm: float) -> list[str]:
    """The characters drawn outside the page's left and right margins (a tolerance of 1 pt)."""
    outside = []
    with pdfplumber.open(io.BytesIO(data)) as document:
        for page in document.pages:
            low, high = side_margin_mm * MM - 1, page.width - side_margin_mm * MM + 1
            outside += [c["text"] for c in page.chars if c["x0"] < low or c["x1"] > high]
    return outside


def ready() -> None:
    """WeasyPrint and Pango are there; else skipped (under ``CI=true`` failed: CI has them)."""
    reason = pdf.missing()
    if reason is not None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason)
        pytest.skip(reason)


@pytest.fixture(scope="module")
def bottrop(example_dir) -> ep.Programme:
    return ep.load(example_dir)


@pytest.fixture(scope="module")
def images(bottrop, example_dir) -> dict[str, bytes]:
    found, _ = ep.load_images(bottrop, example_dir)
    return dict(found)


@pytest.fixture(scope="module")
def german(bottrop, images) -> Read:
    ready()
    return read(pdf.render(bottrop, RenderOptions(language="de", images=images)))


@pytest.fixture(scope="module")
def english(bottrop) -> Read:
    ready()
    return read(pdf.render(bottrop, RenderOptions(language="en")))


@pytest.fixture(scope="module")
def flyer(bottrop, images) -> Read:
    ready()
    return read(pdf.render_flyer(bottrop, RenderOptions(images=images)), FLYER_PANELS)


# -- what a PDF/UA reader relies on ------------------------------------------------------


class TestTagged:
    def test_structure_tree_and_marked(self, german):
        """The PDF has a structure tree under a Document element and says it is marked."""
        with german.open() as document:
            root = document.Root
            assert root.StructTreeRoot.Type == "/StructTreeRoot"
            (top,) = root.StructTreeRoot.K
            assert top.S == "/Document"
            assert bool(root.MarkInfo.Marked) is True
            assert bool(root.ViewerPreferences.DisplayDocTitle) is True

    def test_headings_follow_the_programme(self, german):
        """One H1, a H2 per day, a H3 per slot, a H4 per working group, a H5 per Kleingruppe."""
        with german.open() as document:
            found: dict[str, int] = {}
            stack = [document.Root.StructTreeRoot]
            while stack:
                element = stack.pop()
                kids = element.get("/K")
                if kids is None:
                    continue
                for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
                    if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                        found[str(kid.S)] = found.get(str(kid.S), 0) + 1
                        stack.append(kid)
        headings = {tag: found.get(tag, 0) for tag in ("/H1", "/H2", "/H3", "/H4", "/H5")}
        assert headings == {
            "/H1": 1,
            "/H2": 1,
            "/H3": len(TIMES_AND_TITLES),
            "/H4": len(WORKING_GROUPS),
            "/H5": len(KLEINGRUPPEN),
        }
        assert found["/L"] >= 2
        assert found["/LI"] >= len(TIMES_AND_TITLES) + len(WORKING_GROUPS)
        assert found["/Figure"] == 1  # the puzzle, with its alt text

    def test_figure_has_its_alt_text(self, german, bottrop):
        """The picture is a Figure whose alternative text is the programme's alt text."""
        (picture,) = [i for i in bottrop.images if i.kind is ep.ImageKind.PICTURE]
        with german.open() as document:
            alts = []
            stack = [document.Root.StructTreeRoot]
            while stack:
                element = stack.pop()
                kids = element.get("/K")
                for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
                    if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                        if kid.S == "/Figure":
                            alts.append(str(kid.Alt))
                        stack.append(kid)
        assert alts == [picture.alt]

    def test_language_title_and_metadata(self, german, bottrop):
        """/Lang, the title, the organisers as author, a subject, the revision as the dates."""
        with german.open() as document:
            assert str(document.Root.Lang) == "de"
            info = document.docinfo
            assert str(info.Title) == bottrop.title
            author = str(info.Author)
            for organiser in bottrop.organisers:
                assert bottrop.organisation(organiser.organisation).name in author
            assert str(info.Subject) == "Programm: Donnerstag, 15. Mai 2025, Lohnhalle, Bottrop"
            assert str(info.CreationDate) == "D:20250508090000+02'00"
            assert str(info.ModDate) == "D:20250508090000+02'00"
            with document.open_metadata() as xmp:
                assert xmp["pdfuaid:part"] == "1"
                assert xmp["dc:title"] == bottrop.title

    def test_weasyprint_has_nothing_to_say(self, bottrop, images, caplog):
        """WeasyPrint warns of nothing: every figure has its alt text, every style applies.

        A decorative image (an empty alt text) would be a figure without one; it is left out.
        """
        ready()
        images = dict(images)
        logo = ep.Image(id="logo", kind=ep.ImageKind.LOGO, alt="Logo der Stadt")
        decorative = ep.Image(id="deko", kind=ep.ImageKind.LOGO, alt="")
        images["logo"] = images["deko"] = images["puzzle"]
        programme = attrs.evolve(bottrop, images=(*bottrop.images, logo, decorative))
        with caplog.at_level(logging.WARNING, logger="weasyprint"):
            data = pdf.render(programme, RenderOptions(images=images))
            pdf.render_flyer(programme, RenderOptions(images=images))
        assert [r.getMessage() for r in caplog.records] == []
        with pikepdf.open(io.BytesIO(data)) as document:
            figures = [
                str(kid.Alt)
                for kid in _elements(document.Root.StructTreeRoot)
                if kid.S == "/Figure"
            ]
        assert sorted(figures) == ["Bild eines Puzzles in 4 Farben.", "Logo der Stadt"]

    def test_english_language(self, english):
        """Asked for English, the PDF's language is ``en`` and its own words are English."""
        with english.open() as document:
            assert str(document.Root.Lang) == "en"
        assert english.pages[0].splitlines()[-1].endswith("Page 1 of 3")
        assert english.has("Thursday, 15 May 2025, 09:30–16:30")
        assert english.has("As of: Thursday, 8 May 2025")
        assert not english.has("Seite")

    def test_fonts_are_embedded(self, german):
        """Every font the pages use is embedded, and it is DejaVu Sans, regular and bold."""
        names = set()
        with german.open() as document:
            for page in document.pages:
                for font in page.Resources.Font.values():
                    (descendant,) = font.DescendantFonts
                    assert "/FontFile2" in descendant.FontDescriptor
                    assert "/ToUnicode" in font  # the text can be extracted as text
                    names.add(str(font.BaseFont).split("+", 1)[1])
        assert names == {"DejaVu-Sans", "DejaVu-Sans-Bold"}

    def test_real_text_on_every_page(self, german):
        """Every page holds text, and the foot of every page its number and the revision."""
        assert len(german.pages) == 3
        for number, page in enumerate(german.pages, start=1):
            last = page.splitlines()[-1]
            assert last == f"Stand: Donnerstag, 8. Mai 2025 Seite {number} von 3"

    def test_a4_portrait(self, german):
        """Every page is A4 upright."""
        with german.open() as document:
            for page in document.pages:
                width, height = (float(v) for v in page.MediaBox[2:])
                assert (round(width / MM), round(height / MM)) == (210, 297)

    def test_same_bytes(self, german, bottrop, images):
        """The same programme and options give the same bytes, the file identifier included."""
        again = pdf.render(bottrop, RenderOptions(language="de", images=images))
        assert again == german.data
        assert b"/ID" in again

    def test_generated_at_is_the_date(self, bottrop):
        """``generated_at`` stands for the revision in the metadata."""
        ready()
        when = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
        data = pdf.render(bottrop, RenderOptions(generated_at=when))
        with pikepdf.open(io.BytesIO(data)) as document:
            assert str(document.docinfo.CreationDate) == "D:20260102030405+00'00"


# -- the seed's facts ----------------------------------------------------------------------


class TestSeedFacts:
    def test_head(self, german, bottrop):
        """The head names the title, the day with its hours, the venue and the organisers."""
        first = german.pages[0]
        assert squashed(bottrop.title) in squashed(first)
        assert "Donnerstag, 15. Mai 2025, 09:30–16:30 Uhr" in first
        assert "Lohnhalle, Bottrop" in first
        assert squashed(bottrop.credit or "") in squashed(first)

    def test_every_time_beside_its_title(self, german):
        """Each slot's time starts the line its title stands on: the time column."""
        for time, title in TIMES_AND_TITLES:
            lines = [line for line in german.lines if line.startswith(time)]
            assert any(title.split()[0] in line for line in lines), (time, title, lines)
            assert german.has(title)

    def test_working_groups_and_kleingruppen(self, german):
        """The five numbered working groups and the two Kleingruppen of AG 3 are there."""
        for number, title in enumerate(WORKING_GROUPS, start=1):
            assert german.has(f"{number}. {title}")
        for number, title in enumerate(KLEINGRUPPEN, start=1):
            assert german.has(f"Kleingruppe {number}: {title}")

    def test_every_description_whole(self, german, bottrop):
        """Every description of the programme stands in the PDF, word for word."""
        sessions = [s for slot in bottrop.days[0].slots for s in slot.walk_sessions()]
        descriptions = [s.description for s in sessions if s.description]
        assert len(descriptions) == 5
        for description in descriptions:
            assert german.has(description)

    def test_literal_gender_star(self, german):
        """ "Akteur*innen" and "Sozialplaner*innen" are printed as written."""
        assert "Akteur*innen" in german.text
        assert german.has("Sozialplaner*innen")

    def test_the_two_schmidts(self, german):
        """Gabi Schmidt (MAGS) and Constanze Schmidt (Wuppertal Institut) are two people."""
        assert german.has("Gabi Schmidt, MAGS")
        assert german.has("Constanze Schmidt, Wuppertal Institut")

    def test_every_appearance(self, german, bottrop):
        """Every person appears with their line as the resolved view words it."""
        appearances = [a for item in ep.timeline(bottrop).items for a in item.people]
        assert len(appearances) == 27
        for appearance in appearances:
            assert german.has(appearance.line), appearance.line

    def test_every_person_line_of_the_seed(self, german, shared, bottrop):
        """Every person line of the printed programme (the seed) stands in the PDF."""
        (path,) = sorted((shared / "seed").glob("*.txt"))
        names = [person.name for person in bottrop.people]
        lines = [p for line in seed_lines(path.read_text("utf-8")) for p in per_person(line, names)]
        assert len(lines) == 27
        assert [line for line in lines if not german.has(line)] == []

    def test_no_working_group_split_across_pages(self, german, bottrop):
        """Each working group, its Kleingruppen included, stands on one page."""
        (phase,) = [slot for slot in bottrop.days[0].slots if len(slot.sessions) > 1]
        for session in phase.sessions:
            assert _pages_of(german, bottrop, session) in ([0], [1], [2]), session.title


def _elements(root):
    """Every structure element under *root*, depth first."""
    kids = root.get("/K")
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            yield kid
            yield from _elements(kid)


def _pages_of(document: Read, programme: ep.Programme, session: Session) -> list[int]:
    """The pages with the session's heading, its text's first and last words, its people's
    last line (with its role's label) and the title of the last Kleingruppe it holds."""
    item = ep.timeline(programme).of(session)
    marks = [session.title, list(item.walk())[-1].title]
    if session.description:
        marks += [session.description[:40], session.description[-40:]]
    groups = list(role_groups(item.people, "de"))
    if groups:
        label = f"{groups[-1].label}: " if groups[-1].label else ""
        marks.append(label + "; ".join(a.line for a in groups[-1].appearances))
    pages = [document.pages_with(mark) for mark in marks]
    assert all(pages), [mark for mark, found in zip(marks, pages, strict=True) if not found]
    return sorted({page for found in pages for page in found})


@pytest.fixture(scope="module")
def crowded(bottrop):
    """The working-group phase with eight groups of uneven length: page breaks fall in it."""
    ready()
    (index,) = [i for i, s in enumerate(bottrop.days[0].slots) if len(s.sessions) > 1]
    slot = bottrop.days[0].slots[index]
    template = slot.sessions[0]
    sessions = tuple(
        attrs.evolve(
            template,
            id=f"gruppe-{n}",
            number=n,
            title=f"Gruppe{n}Anfang Thema",
            description=" ".join(["Text der Arbeitsgruppe"] * (20 + 19 * n)) + f" Gruppe{n}Ende",
        )
        for n in range(1, 9)
    )
    slots = list(bottrop.days[0].slots)
    slots[index] = attrs.evolve(slot, sessions=sessions)
    day = attrs.evolve(bottrop.days[0], slots=tuple(slots))
    programme = attrs.evolve(bottrop, days=(day,))
    return read(pdf.render(programme, RenderOptions()))


class TestKeepTogether:
    def test_groups_stay_whole(self, crowded):
        """However long the groups, none starts on one page and ends on the next."""
        assert len(crowded.pages) >= 4
        for n in range(1, 9):
            start, end = (
                crowded.pages_with(f"Gruppe{n}Anfang"),
                crowded.pages_with(f"Gruppe{n}Ende"),
            )
            assert start == end, n
            assert len(start) == 1


# -- the flyer -----------------------------------------------------------------------------


class TestFlyer:
    def test_one_page_a4_landscape(self, flyer):
        """The flyer is one A4 sheet, landscape."""
        assert len(flyer.pages) == 1
        with flyer.open() as document:
            (page,) = document.pages
            width, height = (float(v) for v in page.MediaBox[2:])
            assert (round(width / MM), round(height / MM)) == (297, 210)

    def test_times_and_titles(self, flyer):
        """Every slot's start and title, every working group and Kleingruppe is on it."""
        for time, title in TIMES_AND_TITLES:
            assert any(line.startswith(f"{time} Uhr") for line in flyer.lines), time
            assert flyer.has(title)
        for title in [*WORKING_GROUPS, *KLEINGRUPPEN]:
            assert flyer.has(title)
        assert flyer.has("Donnerstag, 15. Mai 2025, 09:30–16:30 Uhr")
        assert flyer.has("Lohnhalle, Bottrop")

    def test_only_times_and_titles(self, flyer, bottrop):
        """No description and no person: the flyer is the overview."""
        assert not flyer.has("Akteur*innen")
        for person in bottrop.people:
            assert not flyer.has(person.name), person.name
        assert "10:05–10:30" not in flyer.text  # starts only

    def test_tagged_too(self, flyer):
        """The flyer is as tagged as the programme: structure, language, title."""
        with flyer.open() as document:
            assert "/StructTreeRoot" in document.Root
            assert str(document.Root.Lang) == "de"
            assert str(document.docinfo.Title).startswith("10 Jahre Sozialplanung")


# -- hostile text --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile_programme(bottrop) -> ep.Programme:
    """The example with a script tag in its title, a monster compound and RTL titles."""
    slots = list(bottrop.days[0].slots)
    slots[1] = attrs.evolve(slots[1], title=COMPOUND)
    slots[2] = attrs.evolve(slots[2], title=f"{HEBREW} – {ARABIC}")
    (index,) = [i for i, s in enumerate(slots) if len(s.sessions) > 1]
    sessions = list(slots[index].sessions)
    sessions[0] = attrs.evolve(sessions[0], title=SCRIPT, description=f"{COMPOUND} {SCRIPT}")
    slots[index] = attrs.evolve(slots[index], sessions=tuple(sessions))
    people = list(bottrop.people)
    people[0] = attrs.evolve(people[0], given_name="<b>Fett</b>", family_name=COMPOUND)
    return attrs.evolve(
        bottrop,
        title=SCRIPT,
        days=(attrs.evolve(bottrop.days[0], slots=tuple(slots)),),
        people=tuple(people),
    )


@pytest.fixture(scope="module")
def hostile(hostile_programme) -> Read:
    ready()
    return read(pdf.render(hostile_programme, RenderOptions()))


@pytest.fixture(scope="module")
def hostile_flyer(hostile_programme) -> Read:
    ready()
    return read(pdf.render_flyer(hostile_programme, RenderOptions()), FLYER_PANELS)


class TestHostile:
    def test_markup_is_text(self, hostile):
        """A script tag and ``&`` in titles and names are printed as the text they are."""
        assert SCRIPT in hostile.pages[0]
        assert hostile.has(f"3. {SCRIPT}".replace("3.", "1."))
        assert hostile.has("<b>Fett</b>")
        with hostile.open() as document:
            assert str(document.docinfo.Title) == SCRIPT

    def test_long_compound_stays_on_the_page(self, hostile, hostile_flyer):
        """A compound longer than a line wraps inside the margins; its letters all print."""
        assert hostile.has(COMPOUND)
        assert chars_outside_margins(hostile.data, 16) == []
        assert hostile_flyer.has(COMPOUND)
        assert chars_outside_margins(hostile_flyer.data, 8) == []

    def test_right_to_left_text(self, hostile):
        """Hebrew and Arabic titles print as text (in logical or visual order)."""
        text = squashed(hostile.text)
        for word in (*HEBREW.split(), *ARABIC.split()):
            assert word in text or word[::-1] in text, word

    def test_page_count_within_bounds(self, hostile, hostile_flyer, german):
        """Hostile names add a line here and there, not pages: the layout holds."""
        assert len(german.pages) <= len(hostile.pages) <= len(german.pages) + 1
        assert len(hostile_flyer.pages) == 1


class TestAnyProgramme:
    def test_control_characters_everywhere(self, bottrop):
        """Control characters, surrogates and markup in every text field make a PDF all the same."""
        ready()
        programme = fill(bottrop, lambda: HOSTILE_TEXT, lambda: "javascript:alert(1)")
        document = read(pdf.render(programme, RenderOptions()))
        assert document.has("Anfang")
        assert document.has("Ende")
        with document.open() as opened:  # a refused URL is printed as text, never a link
            uris = [
                str(annotation.A.URI)
                for page in opened.pages
                for annotation in page.get("/Annots", [])
                if "/A" in annotation
            ]
        assert uris == []

    @pytest.mark.parametrize("layout", ["timetable", "auto"])
    def test_a_timetable_programme_prints_every_session(self, bottrop, layout):
        """The page's timetable layout (chosen, or auto for a congress) is the screen's: the PDF
        still prints every session, slot after slot."""
        ready()
        programme = attrs.evolve(bottrop, layout=ep.Layout(layout))
        options = RenderOptions(language="de", layout="timetable" if layout == "auto" else None)
        document = read(pdf.render(programme, options))
        sessions = [i for i in ep.timeline(programme).chronological() if not i.is_slot]
        assert len(sessions) > 5
        for item in sessions:
            assert document.has(" ".join(item.title.split())), item.title

    @settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(programme=programmes(max_days=2))
    def test_every_slot_is_printed(self, programme):
        """Any programme the strategies make prints every slot's start and title, and fits A4."""
        ready()
        data = pdf.render(programme, RenderOptions(language="de"))
        document = read(data)
        for item in ep.timeline(programme).slots():
            assert document.has(" ".join(item.title.split())), item.title
            assert document.has(f"{item.start:%H:%M}")
        assert chars_outside_margins(data, 16) == []


class TestNothingFetched:
    def test_only_data_and_the_fonts(self):
        """The fetcher reads ``data:`` URLs and the font's files, and refuses everything else."""
        ready()
        weasyprint = pdf._weasyprint()  # noqa: SLF001 -- the module's own parts, tested alone
        fonts = pdf._font_files()  # noqa: SLF001
        assert fonts, "DejaVu Sans is not installed (fonts-dejavu-core)"
        fetcher = pdf._fetcher(weasyprint, frozenset(p.as_uri() for p in fonts.values()))  # noqa: SLF001
        response = fetcher.fetch("data:text/plain;base64,SGFsbG8=")
        assert response.read() == b"Hallo"
        response.close()
        font = next(iter(fonts.values()))
        response = fetcher.fetch(font.as_uri())
        assert response.read(4) in {b"\x00\x01\x00\x00", b"true", b"OTTO"}
        response.close()
        for url in (
            "http://127.0.0.1:9/logo.png",
            "https://127.0.0.1:9/logo.png",
            "file:///etc/hostname",
            f"{font.parent.as_uri()}/../../../../etc/hostname",
            "ftp://127.0.0.1:9/x",
        ):
            with pytest.raises(ValueError, match="loads nothing but"):
                fetcher.fetch(url)

    def test_an_image_that_points_elsewhere_is_left_out(self, bottrop, caplog):
        """An SVG that references a file is drawn without it; the PDF is made all the same."""
        ready()
        svg = (
            b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
            b' width="10" height="10"><image xlink:href="file:///etc/hostname" width="10"'
            b' height="10"/></svg>'
        )
        (picture,) = [i for i in bottrop.images if i.kind is ep.ImageKind.PICTURE]
        data = pdf.render(bottrop, RenderOptions(images={picture.id: svg}))
        assert read(data).has(bottrop.title)
        assert any("etc/hostname" in record.getMessage() for record in caplog.records)


# -- without WeasyPrint --------------------------------------------------------------------


class _Refusing:
    """A meta path finder that makes ``import weasyprint`` fail as a missing Pango does."""

    @staticmethod
    def find_spec(name, *_):
        if name == "weasyprint" or name.startswith("weasyprint."):
            raise OSError("cannot load library 'libpango-1.0-0'")


@pytest.fixture
def without_weasyprint(monkeypatch):
    """``import weasyprint`` fails, as where the extra is not installed."""
    monkeypatch.setitem(sys.modules, "weasyprint", None)


class TestWithoutTheExtra:
    @pytest.mark.usefixtures("without_weasyprint")
    def test_missing_says_how_to_install(self):
        """Without WeasyPrint, both formats say what to install; rendering raises the same."""
        message = pdf.missing()
        assert message is not None
        assert "pip install 'eventprogram[pdf]'" in message
        assert available()["pdf"].unavailable() == message
        assert available()["pdf-flyer"].unavailable() == message
        with pytest.raises(MissingExtraError, match=r"eventprogram\[pdf\]") as raised:
            pdf.render(ep.load("examples/nrw_sozialplanung_2025"), RenderOptions())
        assert raised.value.extra == "pdf"
        assert isinstance(raised.value, ImportError)

    def test_pango_missing(self, monkeypatch):
        """Where Pango cannot be loaded, the message names the system packages."""
        for name in [n for n in sys.modules if n == "weasyprint" or n.startswith("weasyprint.")]:
            monkeypatch.delitem(sys.modules, name)
        monkeypatch.setattr(sys, "meta_path", [_Refusing(), *sys.meta_path])
        message = pdf.missing()
        assert message is not None
        assert "apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0" in message

    @pytest.mark.usefixtures("without_weasyprint")
    def test_formats_lists_them_with_a_note(self, capsys):
        """``eventprogram formats`` still works: the formats are listed, a note says why not."""
        assert main(["formats"]) == 0
        out, err = capsys.readouterr()
        assert "pdf         .pdf" in out
        assert "pdf-flyer   .flyer.pdf" in out
        assert err == (
            "eventprogram: note: pdf, pdf-flyer cannot be written here: the PDF formats need"
            " WeasyPrint, which is not installed; install it with: pip install"
            " 'eventprogram[pdf]'\n"
        )

    @pytest.mark.usefixtures("without_weasyprint")
    def test_build_all_leaves_them_out(self, capsys, tmp_path, example_dir):
        """A build of every format writes the others and says why there is no PDF."""
        assert main(["build", str(example_dir), "-o", str(tmp_path)]) == 0
        out, err = capsys.readouterr()
        written = sorted(p.name for p in tmp_path.iterdir())
        assert "nrw-sozialplanung-2025.html" in written
        assert not [name for name in written if name.endswith(".pdf")]
        assert "pip install 'eventprogram[pdf]'" in err
        assert ".pdf" not in out

    @pytest.mark.usefixtures("without_weasyprint")
    @pytest.mark.usefixtures("without_weasyprint")
    @pytest.mark.parametrize("formats", ["pdf", "html,pdf-flyer"])
    def test_build_by_name_refuses(self, capsys, tmp_path, example_dir, formats):
        """Asked for by name, the build writes nothing, says how to install, and exits 2."""
        assert main(["build", str(example_dir), "-o", str(tmp_path), "-f", formats]) == 2
        _, err = capsys.readouterr()
        assert list(tmp_path.iterdir()) == []
        assert err.startswith("eventprogram: nothing written: ")
        assert "pip install 'eventprogram[pdf]'" in err
        assert "Traceback" not in err

    @pytest.mark.usefixtures("without_weasyprint")
    def test_convert_refuses(self, capsys, tmp_path, example_dir):
        """``convert`` to a ``.pdf`` file says how to install, writes nothing and exits 2."""
        target = tmp_path / "programme.flyer.pdf"
        assert main(["convert", str(example_dir / "programme.toml"), str(target)]) == 2
        _, err = capsys.readouterr()
        assert not target.exists()
        assert "pdf-flyer cannot be written here" in err

    def test_error_pickles(self):
        """The error survives a trip between processes with its message and extra."""
        import pickle

        error = MissingExtraError("install it", extra="pdf")
        again = pickle.loads(pickle.dumps(error))  # noqa: S301 -- our own object
        assert (str(again), again.extra) == ("install it", "pdf")


class TestCommandLine:
    def test_build_writes_both(self, tmp_path, example_dir, capsys):
        """``build -f pdf,pdf-flyer`` writes the programme and the flyer beside each other."""
        ready()
        assert main(["build", str(example_dir), "-o", str(tmp_path), "-f", "pdf,pdf-flyer"]) == 0
        names = sorted(p.name for p in tmp_path.iterdir())
        assert names == ["nrw-sozialplanung-2025.flyer.pdf", "nrw-sozialplanung-2025.pdf"]
        flyer = read((tmp_path / "nrw-sozialplanung-2025.flyer.pdf").read_bytes(), FLYER_PANELS)
        assert len(flyer.pages) == 1
        programme = read((tmp_path / "nrw-sozialplanung-2025.pdf").read_bytes())
        assert programme.has("Bild eines Puzzles") is False  # the picture is an image, no text
        assert programme.has("Akteur*innen")
        assert capsys.readouterr().err == ""

    def test_convert_tells_the_flyer_by_its_suffix(self, tmp_path, example_dir):
        """``x.flyer.pdf`` is the flyer (landscape, one page), not the whole programme."""
        ready()
        target = tmp_path / "x.flyer.pdf"
        assert main(["convert", str(example_dir), str(target)]) == 0
        with pikepdf.open(target) as document:
            (page,) = document.pages
            assert float(page.MediaBox[2]) > float(page.MediaBox[3])
