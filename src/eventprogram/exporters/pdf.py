"""The ``pdf`` and ``pdf-flyer`` formats: the printed programme as a tagged A4 PDF (PDF/UA-1).

The PDF is what organisers print and hand out at the door: A4, a time column on the
left, the working groups one below the other, each kept whole on one page, a head
with the title, the date, the venue, the organisers and the logos, and page numbers
and "Stand: …" at the foot of every page. ``pdf-flyer`` is the compact overview:
one A4 sheet in landscape, folded twice into three panels, with times and titles
only.

Both are made with WeasyPrint from an HTML page and a print stylesheet written for
paper (``templates/pdf.html.j2``, ``pdf.css``, ``flyer.css``), built from the same
view model as the web page (``exporters.html._view``), which reads every time, room,
kind and person from the resolved view, :func:`eventprogram.timeline`. WeasyPrint's
PDF/UA-1 variant tags the PDF: a structure tree from the page's headings, lists and
paragraphs, the document's language, its title shown as the window's title, and
real text in an embedded font.

The font is DejaVu Sans from the system's fonts (Debian's ``fonts-dejavu-core``),
found in the places the common Linux distributions install it; where it is absent
the PDF falls back to what fontconfig finds, and still embeds it. Nothing is fetched
while rendering: WeasyPrint is given a fetcher that reads ``data:`` URLs (the
programme's images) and the font files, and refuses everything else.

The same programme and options give the same bytes: the dates in the PDF's
metadata are the revision's (or ``RenderOptions.generated_at``), and its file
identifier is a digest of its content.

WeasyPrint is an optional extra, ``eventprogram[pdf]``: it needs Pango, a system
library. Where it is missing, :data:`FORMAT` and :data:`FLYER_FORMAT` say so through
:attr:`Format.missing <eventprogram.exporters.Format.missing>`, and rendering raises
:class:`~eventprogram.errors.MissingExtraError` with the command that installs it.
"""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import attrs

from .. import _i18n
from .._model import Layout, Programme
from .._timeline import collector_paused
from ..errors import MissingExtraError
from . import Format, RenderOptions
from .html import _environment as html_environment
from .html._view import Page, build_page

if TYPE_CHECKING:
    import jinja2

__all__ = [
    "FLYER_FORMAT",
    "FONT_DIRECTORIES",
    "FORMAT",
    "INSTALL",
    "document",
    "missing",
    "render",
    "render_flyer",
]

INSTALL: Final = "pip install 'eventprogram[pdf]'"
"""The command that installs what the PDF formats need from PyPI."""
SYSTEM_LIBRARIES: Final = "libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0"
"""The Debian packages of the system libraries WeasyPrint loads."""
VARIANT: Final = "pdf/ua-1"
"""WeasyPrint's PDF variant: tagged, with the language, the title, embedded fonts."""

TEMPLATE: Final = "pdf.html.j2"
STYLESHEETS: Final = {"full": "pdf.css", "flyer": "flyer.css"}

FONT_FAMILY: Final = "DejaVu Sans"
FONT_FILES: Final = {"normal": "DejaVuSans.ttf", "bold": "DejaVuSans-Bold.ttf"}
FONT_DIRECTORIES: Final = (
    Path("/usr/share/fonts/truetype/dejavu"),  # Debian, Ubuntu: fonts-dejavu-core
    Path("/usr/share/fonts/dejavu-sans-fonts"),  # Fedora: dejavu-sans-fonts
    Path("/usr/share/fonts/TTF"),  # Arch: ttf-dejavu
    Path("/usr/share/fonts/dejavu"),  # openSUSE: dejavu-fonts
    Path("/usr/local/share/fonts/dejavu"),  # FreeBSD: dejavu
)
"""Where the font files are looked for, in this order: the common systems' packages."""


def missing() -> str | None:
    """What keeps the PDF from being made here, with how to mend it; ``None`` when all is there.

    That is WeasyPrint, from the ``pdf`` extra, or the system library Pango it loads.
    """
    try:
        _weasyprint()
    except MissingExtraError as exc:
        return str(exc)
    return None


def _weasyprint() -> Any:
    """WeasyPrint, imported on first use: the core of eventprogram never imports it.

    Raises:
        MissingExtraError: It is not installed, or cannot load Pango.
    """
    try:
        import weasyprint  # noqa: PLC0415 -- an optional extra, heavy: only when a PDF is made
    except ImportError:
        raise MissingExtraError(
            f"the PDF formats need WeasyPrint, which is not installed; install it with: {INSTALL}",
            extra="pdf",
        ) from None
    except OSError as exc:  # cffi cannot open Pango's shared library
        raise MissingExtraError(
            f"WeasyPrint cannot load the system library Pango ({exc}); on Debian or Ubuntu,"
            f" install it with: apt-get install {SYSTEM_LIBRARIES}",
            extra="pdf",
        ) from None
    return weasyprint


def render(programme: Programme, options: RenderOptions) -> bytes:
    """The whole programme as a tagged A4 PDF, descriptions and people included.

    Raises:
        MissingExtraError: WeasyPrint or Pango is missing.
    """
    return _render(programme, options, "full")


def render_flyer(programme: Programme, options: RenderOptions) -> bytes:
    """The programme's times and titles on one A4 sheet in landscape, in three panels.

    Raises:
        MissingExtraError: WeasyPrint or Pango is missing.
    """
    return _render(programme, options, "flyer")


FORMAT = Format(
    name="pdf",
    suffix=".pdf",
    media_type="application/pdf",
    render=render,
    description="PDF (PDF/UA): the printed programme on A4, tagged, fonts embedded",
    missing=missing,
)

FLYER_FORMAT = Format(
    name="pdf-flyer",
    suffix=".flyer.pdf",
    media_type="application/pdf",
    render=render_flyer,
    description="PDF (PDF/UA): a folded A4 flyer, times and titles only",
    missing=missing,
)


def _render(programme: Programme, options: RenderOptions, variant: str) -> bytes:
    weasyprint = _weasyprint()
    fonts = _font_files()
    with collector_paused():
        text = document(programme, options, variant=variant)
    fetcher = _fetcher(weasyprint, frozenset(path.as_uri() for path in fonts.values()))
    font_config = weasyprint.text.fonts.FontConfiguration()
    html = weasyprint.HTML(string=text, url_fetcher=fetcher)
    pdf: bytes = html.write_pdf(
        font_config=font_config,
        pdf_variant=VARIANT,
        pdf_identifier=True,  # a digest of the content: the same PDF has the same id
    )
    return pdf


def document(programme: Programme, options: RenderOptions, *, variant: str = "full") -> str:
    """The HTML page WeasyPrint makes the PDF of: the print template and its stylesheet.

    Args:
        programme: The programme.
        options: Its language, images and time stamp.
        variant: ``full`` for the whole programme, ``flyer`` for times and titles.
    """
    from markupsafe import Markup  # noqa: PLC0415 -- comes with Jinja, which loads lazily

    # Paper is read slot after slot whatever the page's layout: the timetable's grid of rooms
    # is for screens (and leaves the document's days empty).
    page = build_page(programme, attrs.evolve(options, layout=Layout.DOCUMENT))
    language = _i18n.language_of(programme, options.language)
    stamp = options.generated_at or programme.revision
    template = _environment().get_template(TEMPLATE)
    text = template.render(
        page=page,
        flyer=variant == "flyer",
        authors="; ".join(o.text for o in page.organisations),
        subject=_subject(page, language),
        stamp=stamp.isoformat(timespec="seconds") if stamp else None,
        # Ours, safe as it stands: files of the package, and labels quoted by _css_string.
        stylesheet=Markup(_stylesheet(variant, language)),  # noqa: S704
    )
    return text.rstrip("\n") + "\n"


def _subject(page: Page, language: _i18n.Language) -> str:
    """The PDF's subject: the programme's description or subtitle, else what and where."""
    if page.summary:
        return page.summary
    where = ", ".join(part for part in (page.venue.text, page.address) if part)
    dates = "; ".join(day.date for day in page.dates)
    return f"{_i18n.word('programme', language)}: {dates}, {where}" if dates else where


def _environment() -> jinja2.Environment:
    """The HTML page's Jinja environment (one loader, one escaping, one cleaning of text)."""
    return html_environment()


@functools.cache
def _stylesheet(variant: str, language: _i18n.Language) -> str:
    """The font, the variant's stylesheet and, for the full programme, its page numbers."""
    css = (resources.files("eventprogram") / "templates" / STYLESHEETS[variant]).read_text("utf-8")
    parts = [_font_faces(), css.strip(), "\n"]
    if variant == "full":
        page, of = (_css_string(_i18n.word(key, language)) for key in ("page", "of"))
        parts.append(
            f'@page {{ @bottom-right {{ content: {page} " " counter(page) " " {of} " "'
            " counter(pages); } }\n"
        )
    return "".join(parts).strip()


def _font_faces() -> str:
    """``@font-face`` rules for the embedded font: its files where found, else by name."""
    files = _font_files()
    rules = []
    for weight, name in FONT_FILES.items():
        path = files.get(weight)
        source = f"url({_css_string(path.as_uri())})" if path else f"local({_css_string(name)})"
        rules.append(
            f"@font-face {{ font-family: {_css_string(FONT_FAMILY)}; src: {source};"
            f" font-weight: {weight}; font-style: normal; }}\n"
        )
    return "".join(rules)


@functools.cache
def _font_files() -> dict[str, Path]:
    """The font's files by weight, from the first of :data:`FONT_DIRECTORIES` that has each."""
    found = {}
    for weight, name in FONT_FILES.items():
        for directory in FONT_DIRECTORIES:
            if (directory / name).is_file():
                found[weight] = directory / name
                break
    return found


def _css_string(text: str) -> str:
    """*text* as a CSS string: quotes, backslashes and controls escaped as code points."""
    escaped = "".join(
        f"\\{ord(c):x} " if c in {'"', "\\"} or ord(c) < 0x20 or ord(c) == 0x7F else c for c in text
    )
    return f'"{escaped}"'


def _fetcher(weasyprint: Any, allowed: frozenset[str]) -> Any:
    """A URL fetcher that reads ``data:`` URLs and the *allowed* files, and nothing else.

    The programme's images are ``data:`` URLs; an SVG among them that points elsewhere
    (``http:``, ``file:``) gets nothing, and the PDF is made without it.
    """

    # WeasyPrint ships no types: its class is Any to mypy.
    class LocalOnly(weasyprint.URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith("data:") or url in allowed:
                return super().fetch(url, headers)
            raise ValueError("the PDF loads nothing but its fonts and data: URLs")

    return LocalOnly(allowed_protocols={"data", "file"})
