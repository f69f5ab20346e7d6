"""The timetable layout with accessibility provisions, read from the HTML (issues #16 and #19).

The timetable's filter gets one more dimension, ``provision``: its choices are the provisions
the grid's items have, each cell's ``data-provision`` names all of its item's (inherited ones
too, and those of the sub-sessions in its cell), and each cell shows them, sign and label.
The document layout's own filter by provision (``provisions.js``) is not on a timetable page:
one script owns the fragment, and the page's policy allows exactly the scripts it has.
"""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser

import attrs
import pytest

import eventprogram as ep
from eventprogram import exporters
from test_timetable import programme_with

HOSTILE = '<script>alert("x")</script> & Barrierefreie Veranstaltungsdokumentationsmappe'


def render(programme: ep.Programme, **options: object) -> str:
    html = exporters.get("html").render(programme, exporters.RenderOptions(**options))  # type: ignore[arg-type]
    assert isinstance(html, str)
    return html


def congress() -> ep.Programme:
    """Thirteen rooms at once; the block offers an induction loop, which its sessions inherit,
    except the first two, which name their own; the third holds a sub-session with a quiet
    room; a programme-declared provision with a hostile label on the fourth."""
    programme = programme_with(13, 13)
    block = programme.days[0].slots[0]
    sessions = list(block.sessions)
    sessions[0] = attrs.evolve(sessions[0], provisions=(ep.Offer(provision="sign-language"),))
    sessions[1] = attrs.evolve(
        sessions[1],
        provisions=(
            ep.Offer(provision="captioning"),
            ep.Offer(provision="sign-language", sign_language="ÖGS"),
        ),
    )
    sub = ep.Session(
        id="s2-a",
        title="Stille Runde",
        provisions=(ep.Offer(provision="quiet-room"),),
    )
    sessions[2] = attrs.evolve(sessions[2], sessions=(sub,))
    sessions[3] = attrs.evolve(sessions[3], provisions=(ep.Offer(provision="own"),))
    sessions[4] = attrs.evolve(sessions[4], provisions=())  # none, said so
    block = attrs.evolve(
        block, sessions=tuple(sessions), provisions=(ep.Offer(provision="induction-loop"),)
    )
    return attrs.evolve(
        programme,
        provisions=(ep.Provision(id="own", de=HOSTILE, en=HOSTILE),),
        days=(attrs.evolve(programme.days[0], slots=(block,)),),
    )


class Page(HTMLParser):
    """What a test reads of a page: the provision filter's options, each cell's provisions."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.options: list[tuple[str, str]] = []
        self.cells: dict[str, str | None] = {}
        self.ids: set[str] = set()
        self.list_links: list[str] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.styles: list[str] = []
        self.policy = ""
        self._select = ""
        self._option: str | None = None
        self._cell: str | bool | None = False
        self._in_list = False
        self._text: list[str] | None = None
        self._tag = ""
        self._attrs: dict[str, str | None] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"] or "")
        if tag == "select":
            self._select = a.get("data-filter") or ""
        elif tag == "option" and self._select == "provision":
            self._option, self._text = a.get("value") or "", []
        elif tag == "td" and "tt-e" in (a.get("class") or ""):
            self._cell = a.get("data-provision")
        elif tag == "li" and self._cell is not False and "session" in (a.get("class") or ""):
            self.cells[a["id"] or ""] = self._cell if isinstance(self._cell, str) else None
            self._cell = False
        elif tag == "section" and a.get("id") == "_provisions":
            self._in_list = True
        elif tag == "a" and self._in_list:
            self.list_links.append(a.get("href") or "")
        elif tag in {"script", "style"}:
            self._tag, self._attrs, self._text = tag, a, []
        elif tag == "meta" and a.get("http-equiv") == "Content-Security-Policy":
            self.policy = a.get("content") or ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = ""
        elif tag == "option" and self._option is not None and self._text is not None:
            self.options.append((self._option, "".join(self._text)))
            self._option, self._text = None, None
        elif tag == "section":
            self._in_list = False
        elif tag in {"script", "style"} and self._text is not None and tag == self._tag:
            text = "".join(self._text)
            if tag == "script":
                self.scripts.append((self._attrs, text))
            else:
                self.styles.append(text)
            self._text, self._tag = None, ""

    def handle_data(self, data: str) -> None:
        if self._text is not None:
            self._text.append(data)


def read(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


def expected_provisions(programme: ep.Programme) -> dict[str, str]:
    """Each grid entry's provisions, inherited included, then its sub-sessions', from the
    resolved view."""
    found: dict[str, str] = {}
    for slot in ep.timeline(programme).items:
        if slot.depth != 1:
            continue
        ids: list[str] = []
        for inner in slot.walk():
            ids += [p.id for p in inner.provisions if p.id not in ids]
        found[slot.id] = " ".join(ids)
    return found


@pytest.mark.parametrize(
    ("language", "labels"),
    [
        (
            "de",
            [
                "Gebärdensprachdolmetschen",
                "Schriftdolmetschen",
                "Induktionsschleife",
                "Ruheraum",
                HOSTILE,
            ],
        ),
        (
            "en",
            [
                "Sign-language interpreting",
                "Live captioning",
                "Induction loop",
                "Quiet room",
                HOSTILE,
            ],
        ),
    ],
)
def test_the_dimension_lists_exactly_the_provisions_present(language, labels):
    """The filter's choices are the provisions the grid has, in the page's language, in the
    order the programme first names them; a hostile label stays text."""
    html = render(congress(), language=language)
    page = read(html)
    assert [value for value, _ in page.options] == [
        "",
        "sign-language",
        "captioning",
        "induction-loop",
        "quiet-room",
        "own",
    ]
    vocabulary = {p.id: p for p in ep.PROVISIONS}
    for value, text in page.options[1:4]:
        assert text == vocabulary[value].label(language)
    assert [text for _, text in page.options[1:]] == labels
    assert "<script>alert" not in html
    assert '<select id="_f-provision" data-filter="provision" data-multiple>' in html


def test_each_cell_carries_its_provisions_inherited_included():
    """``data-provision`` names all of an entry's provisions: its own, else its slot's, and those
    of the sub-sessions in its cell; an entry with none says none."""
    programme = congress()
    page = read(render(programme))
    expected = expected_provisions(programme)
    assert page.cells == {key: value or None for key, value in expected.items()}
    assert page.cells["s0"] == "sign-language"  # its own replaces the slot's
    assert page.cells["s1"] == "captioning sign-language"
    assert page.cells["s2"] == "induction-loop quiet-room"  # inherited, and its sub-session's
    assert page.cells["s4"] is None  # provisions = [] says none
    assert page.cells["s12"] == "induction-loop"


def test_cells_show_their_provisions_with_sign_and_label():
    """Each cell names its provisions, inherited too, each a sign and its label: the sign never
    alone; the sub-session names its own inside its cell."""
    html = render(congress(), language="en")
    cells = re.findall(r'<td class="tt-e".*?</td>', html, flags=re.DOTALL)
    assert len(cells) == 13
    by_id = {re.search(r'<li class="session[^"]*" id="([^"]+)"', c)[1]: c for c in cells}  # type: ignore[index]
    loop = by_id["s12"]
    assert '<span class="access-label">Accessibility:</span>' in loop
    sign = re.search(
        r'<span class="provision"><svg class="icon" aria-hidden="true"[^>]*>.*?</svg>'
        r" ([^<]+)</span>",
        loop,
    )
    assert sign is not None
    assert sign[1] == "Induction loop"
    assert "Sign-language interpreting (ÖGS)" in by_id["s1"]
    assert "Live captioning" in by_id["s1"]
    assert "Quiet room" in by_id["s2"]
    assert "Induction loop" in by_id["s2"]
    assert "Accessibility:" not in by_id["s4"]


def test_the_list_near_the_top_links_what_the_page_has():
    """In the timetable a slot of sessions has no anchor: the list near the top links its
    sessions, and every link of the list leads to an element of the page."""
    page = read(render(congress()))
    assert page.list_links
    assert "#block" not in page.list_links
    assert {link[1:] for link in page.list_links} <= page.ids
    assert "#s2-a" in page.list_links


def _hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


@pytest.mark.parametrize("layout", ["timetable", "document"])
def test_one_filter_and_a_policy_that_matches_the_page(layout):
    """A timetable has its own filter and not the document layout's by provision; the document
    layout keeps it. The policy allows exactly the scripts and styles the page has."""
    html = render(congress(), layout=layout)
    page = read(html)
    code = [text for a, text in page.scripts if a.get("type") != "application/ld+json"]
    by_provision = [text for text in code if 'getElementById("_provisions")' in text]
    timetable = [text for text in code if 'getElementById("_filter")' in text]
    assert (len(by_provision), len(timetable)) == ((0, 1) if layout == "timetable" else (1, 0))
    script_src = re.search(r"script-src ([^;]+);", page.policy)[1]  # type: ignore[index]
    style_src = re.search(r"style-src ([^;]+);", page.policy)[1]  # type: ignore[index]
    assert sorted(script_src.split()) == sorted(_hash(text) for text in code)
    assert sorted(style_src.split()) == sorted(_hash(text) for text in page.styles)
    assert ('id="_provisions-status"' in html) is (layout == "document")


def test_without_provisions_nothing_is_added():
    """A timetable without provisions has no such filter and no ``data-provision``."""
    html = render(programme_with(13, 13))
    assert "_f-provision" not in html
    assert "data-provision" not in html
    assert 'class="access"' not in html


def test_the_preview_finds_the_timetable_pages_policy():
    """The preview finds a timetable-with-provisions page's policy and widens it."""
    from eventprogram._preview import _inject, preview_policy

    html = render(congress())
    policy = read(html).policy
    shown = _inject(html, "<p>panel</p>\n", "1-1")
    assert f'content="{preview_policy(policy)}"' in shown
    assert f'content="{policy}"' not in shown
