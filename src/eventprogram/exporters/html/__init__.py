"""The ``html`` format: one accessible, self-contained web page of the programme.

The page is one file: its styles are inline and its images ``data:`` URLs, so
it loads nothing from any host, and its Content-Security-Policy says so. Its
one script, allowed by its hash, puts an "add to calendar" button under every
slot and session, which makes that item's iCalendar file from the page (the
UID from ``data-uid``, the times from ``<time datetime>``) and downloads it.
Without JavaScript the page reads the same, without these buttons; one link,
with or without, adds the whole programme: a small programme's calendar is
inside the page as a ``data:`` URL, a large one's is the ``.ics`` file beside
it (docs/explanation/calendar-links.md).

Its structure aims at WCAG 2.1 AA (BITV 2.0): one ``h1`` and headings without
gaps, a skip link, landmarks, ``<time datetime>`` with the offset for every
time, contrast of at least 4.5:1 in the light and the dark scheme, and a layout
that reflows down to 320 px; the working-group phase stands in columns where
there is room. A print stylesheet makes an A4 programme. A schema.org ``Event``
in JSON-LD describes the programme for search engines, with every slot and
session as a sub-event up to ``_jsonld.MAX_SUB_EVENTS`` of them.

A large programme (more than 12 rooms, or 12 items at once, on a day) is laid out as a
timetable instead, per day a table of rooms by time with a filter, whose second script is
allowed by its own hash: ``_timetable`` says how. ``RenderOptions.layout`` and
``Programme.layout`` choose the layout otherwise.

The page is built from a view model (frozen attrs classes made in ``_view``)
and a Jinja template shipped in the package, with autoescaping on: every text
of the programme is escaped, and only ``http``, ``https`` and ``mailto`` URLs
become links. ``_jsonld`` writes the JSON-LD; this module puts them together.

Every time, kind, room, language and person comes from the resolved view,
:func:`eventprogram.timeline`, so the page, its JSON-LD and its calendar links
say the same as every other format. The page says an inherited fact once, where
it is given: a room or kind shows under an item only where it differs from what
holds it, and only the start where nothing says when an item ends; the JSON-LD
gives every sub-event its resolved room.

What conference tools add to a slot or session shows under its heading: a
session's own kind, its track and, where it differs from what holds it, its
language by name (its title and texts then carry ``lang``); then its own page as
a "Details" link and its links (slides, recordings) by title or host, each with
the item's title in its accessible name.
"""

from __future__ import annotations

import base64
import functools
import hashlib
from importlib import resources
from typing import TYPE_CHECKING, Final

from ..._model import Programme
from ..._text import clean
from ..._timeline import collector_paused
from .. import Format, RenderOptions
from . import _changes, _markup, _timetable
from ._jsonld import json_ld
from ._view import build_page

if TYPE_CHECKING:
    import jinja2

__all__ = ["FORMAT", "render"]

TEMPLATE: Final = "programme.html.j2"
STYLESHEET: Final = "programme.css"
CHANGES_STYLESHEET: Final = "changes.css"
"""The styles of change marks, in a second ``<style>`` only on a page that has any."""
SCRIPT: Final = "calendar.js"
ACCESS_STYLESHEET: Final = "provisions.css"
"""The styles of the provisions and the statement: only in a page that has them."""
ACCESS_SCRIPT: Final = "provisions.js"
"""The filter by provision: only in a page that lists provisions, in the document layout."""
TIMETABLE_SCRIPT: Final = "timetable.js"
TIMETABLE_STYLESHEET: Final = "timetable.css"


def render(programme: Programme, options: RenderOptions) -> str:
    """Write *programme* as one HTML page; the same programme and options give the same text.

    The cyclic garbage collector rests meanwhile: the view model and the template's pieces
    are many objects, none of them garbage, and full collections that walk them all again
    took a quarter of the time for 10,000 sessions.
    """
    from markupsafe import Markup  # noqa: PLC0415 -- comes with Jinja, which loads lazily

    with collector_paused():
        page = build_page(programme, options)
        template = _environment().get_template(TEMPLATE)
        text = template.render(
            page=page,
            # All are ours and safe as they stand: the CSS and the script are files of the
            # package, and the JSON-LD escapes <, > and & itself, so no text of the programme
            # can end its script.
            stylesheet=Markup(_stylesheet(timetable=page.timetable is not None)),  # noqa: S704
            script=Markup(_script()),  # noqa: S704
            changes_stylesheet=Markup(_changes_stylesheet()) if page.marked else None,  # noqa: S704
            access_stylesheet=Markup(_access_file(ACCESS_STYLESHEET)),  # noqa: S704 -- ours
            access_script=Markup(_access_file(ACCESS_SCRIPT)),  # noqa: S704 -- ours
            timetable_script=Markup(_package_file(TIMETABLE_SCRIPT)),  # noqa: S704
            policy=Markup(  # noqa: S704 -- ours: keywords and hashes
                _policy(
                    marked=page.marked,
                    access=page.access is not None,
                    timetable=page.timetable is not None,
                )
            ),
            json_ld=Markup(json_ld(programme, options)),  # noqa: S704
        )
    return text.rstrip("\n") + "\n"


FORMAT = Format(
    name="html",
    suffix=".html",
    media_type="text/html; charset=utf-8",
    render=render,
    description="HTML: one accessible, printable web page that loads nothing from other hosts",
)


@functools.cache
def _environment() -> jinja2.Environment:
    """The Jinja environment, built once, on first use: importing the package stays light."""
    import jinja2  # noqa: PLC0415 -- heavy; only when a page is written

    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("eventprogram", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_finalize,
    )
    # The pieces every session has, written in Python: as macros they were most of the time.
    environment.globals.update(
        session=_markup.session,
        span=_markup.span,
        meta=_markup.meta,
        paragraphs=_markup.paragraphs,
        groups=_markup.groups,
        links=_markup.links,
        changes_section=_changes.changes_section,
        change_title=_changes.title,
        change_mark=_changes.mark,
        access=_markup.access,
        provision=_markup.provision,
        icon=_markup.icon,
        timetable=_timetable.timetable,
    )
    return environment


def _finalize(value: object) -> object:
    """Every text the template writes, attributes included, without controls.

    Markup passes as it is: it is the output of the template's own macros, made of texts
    cleaned here one by one, or the package's CSS, script and the JSON-LD, which cleans its
    data itself. Cleaning it again would scan the page once per level of nesting. The view
    model's texts are plain ``str`` (the test is by type, without importing Markup on every
    call: the template writes a hundred thousand values for a congress).
    """
    return clean(value) if type(value) is str else value


@functools.cache
def _package_file(name: str) -> str:
    return (resources.files("eventprogram") / "templates" / name).read_text("utf-8").strip()


@functools.cache
def _stylesheet(*, timetable: bool = False) -> str:
    """The page's CSS, shipped beside the template and inlined as it is.

    The timetable layout adds its own rules (``timetable.css``) after the page's.
    """
    if timetable:
        return f"{_package_file(STYLESHEET)}\n{_package_file(TIMETABLE_STYLESHEET)}"
    return _package_file(STYLESHEET)


@functools.cache
def _changes_stylesheet() -> str:
    """The styles of the change list and the badges, shipped beside the template."""
    return _package_file(CHANGES_STYLESHEET)


@functools.cache
def _script() -> str:
    """The page's one script, for "add to calendar": shipped beside the template, inlined."""
    return _package_file(SCRIPT)


@functools.cache
def _access_file(name: str) -> str:
    """The provisions' style or script, shipped beside the template, inlined as it is."""
    return _package_file(name)


@functools.cache
def _policy(*, marked: bool = False, access: bool = False, timetable: bool = False) -> str:
    """The page's Content-Security-Policy: nothing loads; only its own styles and scripts apply.

    Each is allowed by its SHA-256 (CSP Level 2), taken of the element's text exactly as
    the template writes it: a line break, the file, a line break. A page with change marks
    allows its second stylesheet too; a page with *access* parts (provisions, a statement)
    has the provisions' style and script; the timetable layout its own rules (in the page's
    stylesheet) and a second script, its filter, which filters by provision too: a timetable
    with provisions has their style, not their script. Each is allowed by its hash.
    """
    style = _hash(f"\n{_stylesheet(timetable=timetable)}\n")
    if marked:
        changes = _hash(f"\n{_changes_stylesheet()}\n")
        style = f"{style}' '{changes}"
    styles = [style]
    scripts = [_script()]
    if access:
        styles.append(_hash(f"\n{_access_file(ACCESS_STYLESHEET)}\n"))
        if not timetable:  # the timetable's filter filters by provision itself
            scripts.append(_access_file(ACCESS_SCRIPT))
    if timetable:
        scripts.append(_package_file(TIMETABLE_SCRIPT))
    style = "' '".join(styles)
    script = " ".join(f"'{_hash(chr(10) + text + chr(10))}'" for text in scripts)
    return (
        f"default-src 'none'; img-src data:; style-src '{style}'; script-src {script}; "
        "base-uri 'none'; form-action 'none'"
    )


def _hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"sha256-{base64.b64encode(digest).decode('ascii')}"
