"""The HTML page in headless Chromium: WCAG 2.1 AA by axe-core, reflow, keyboard, self-containment.

axe-core checks what a machine can check of WCAG 2.1 A and AA (contrast, names, structure,
language); the other tests check what the issue asks of the page beyond that: it reflows to
320 px, shows the working groups side by side where there is room, greets a keyboard user with a
visible skip link, and loads nothing but itself.
"""

from __future__ import annotations

import itertools
import re
from typing import Any

import pytest

import eventprogram as ep
from extras import conference_fields

from .conftest import LANGUAGES, describe_violations

VIEWS: dict[str, dict[str, Any]] = {
    "desktop": {"width": 1280, "height": 900},
    "mobile": {"width": 375, "height": 812},
    "print": {"width": 794, "height": 1123, "media": "print"},  # A4 at 96 dpi
    "dark": {"width": 1280, "height": 900, "color_scheme": "dark"},
    "dark-mobile": {"width": 375, "height": 812, "color_scheme": "dark"},
}


def parallel_sessions(programme: ep.Programme) -> list[str]:
    """The ids of the sessions of the example's working-group phase."""
    (slot,) = [slot for day in programme.days for slot in day.slots if len(slot.sessions) > 1]
    return [session.id for session in slot.sessions]


def boxes(page: Any, ids: list[str]) -> list[dict[str, float]]:
    """The border boxes of the elements with these ids, in page coordinates."""
    found = page.evaluate(
        """ids => ids.map(id => {
            const element = document.getElementById(id);
            if (!element) return null;
            const r = element.getBoundingClientRect();
            return {x: r.left + scrollX, y: r.top + scrollY, width: r.width, height: r.height};
        })""",
        ids,
    )
    missing = [i for i, box in zip(ids, found, strict=True) if box is None]
    assert not missing, f"no element with the id of {missing}"
    return list(found)


def overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    """Whether two boxes share more than a pixel's breadth of area."""
    return (
        min(a["x"] + a["width"], b["x"] + b["width"]) - max(a["x"], b["x"]) > 1
        and min(a["y"] + a["height"], b["y"] + b["height"]) - max(a["y"], b["y"]) > 1
    )


# -- axe-core ------------------------------------------------------------------------------


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_example_has_no_wcag_violations(open_page, axe_script, bottrop_html, language, view):
    """axe-core finds no WCAG 2.1 A or AA violation, wide and narrow, printed, light and dark."""
    opened = open_page(bottrop_html[language], **VIEWS[view])
    violations = opened.axe(axe_script)
    assert not violations, describe_violations(violations)


def test_generated_programmes_have_no_wcag_violations(open_page, axe_script, generated_html):
    """Programmes of every shape pass too: several days, sub-sessions, rooms, no people."""
    found = []
    for index, html in enumerate(generated_html[:5]):
        violations = open_page(html).axe(axe_script)
        if violations:
            found.append(f"programme {index}:\n{describe_violations(violations)}")
    assert not found, "\n\n".join(found)


def with_extras(programme: ep.Programme) -> ep.Programme:
    """The example with extras (tests/extras.py); AG 1 a talk with a page of its own."""
    return conference_fields(
        programme,
        talk={
            "description": "A talk in English.",
            "track": "Strategie",
            "links": (
                ep.Link(url="https://media.example.org/v/entschluss"),
                ep.Link(url="javascript:alert(1)", title="Folien"),
            ),
        },
        first_group={"kind": "talk", "url": "https://example.org/ag1"},
        kinds=(),
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_tracks_languages_and_links(open_page, axe_script, bottrop, render_html, language):
    """Track, language and links pass axe-core wide, narrow and dark; each link's accessible name
    holds the talk's title, the English title is marked English, nothing loads from the links."""
    html = render_html(with_extras(bottrop), language)
    for view in ("desktop", "dark-mobile"):
        opened = open_page(html, **VIEWS[view])
        violations = opened.axe(axe_script)
        assert not violations, f"{view}: {describe_violations(violations)}"
    page = opened.page
    # Chromium puts a blank before the hidden part, as in "In den Kalender : Analysen".
    for label in ("Details", "media.example.org"):
        name = re.compile(rf"^{re.escape(label)} ?: Entschluss zum Handeln$")
        assert page.get_by_role("link", name=name).count() == 1, label
    assert page.get_by_role("link", name="Folien").count() == 0
    assert page.get_by_role("link", name=re.compile(r"^Details ?: 1\. Generation Z")).count() == 1
    assert page.evaluate("document.querySelector('#entschluss .title').closest('[lang]').lang") == (
        "en"
    )
    foreign = [u for u in opened.requests if u != opened.url and not u.startswith("data:")]
    assert not foreign, f"the page asks for {foreign}"


# -- layout --------------------------------------------------------------------------------


@pytest.mark.parametrize("width", [320, 640])
def test_reflows_without_horizontal_scrolling(open_page, bottrop_html, width):
    """At 320 px (WCAG 1.4.10) and at 200 % zoom of a 1280 px window nothing scrolls sideways."""
    for language in LANGUAGES:
        page = open_page(bottrop_html[language], width=width, height=640).page
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= width, (
            f"{language}: the page is {scroll_width} px wide in a {width} px window"
        )
        wider = page.evaluate(
            """width => [...document.querySelectorAll("body *")]
                .filter(e => e.getBoundingClientRect().right > width + 0.5)
                .map(e => e.tagName.toLowerCase() + (e.id ? "#" + e.id : ""))
                .slice(0, 10)""",
            width,
        )
        assert not wider, f"{language}: these reach past {width} px: {wider}"


def test_working_groups_side_by_side_on_wide_screens(open_page, bottrop, bottrop_html):
    """At 1280 px the parallel working groups stand in columns: at least two share a row."""
    ids = parallel_sessions(bottrop)
    page = open_page(bottrop_html["de"], width=1280).page
    found = boxes(page, ids)
    first, second = found[0], found[1]
    assert abs(first["y"] - second["y"]) < 1, f"AG 1 and AG 2 do not share a row: {found}"
    assert second["x"] >= first["x"] + first["width"] - 1, f"AG 2 is not beside AG 1: {found}"
    for i, a in enumerate(found):
        for j in range(i + 1, len(found)):
            assert not overlap(a, found[j]), f"{ids[i]} and {ids[j]} overlap: {a}, {found[j]}"


def test_working_groups_stacked_on_narrow_screens(open_page, bottrop, bottrop_html):
    """At 375 px the working groups stand one below the other, each the full width."""
    ids = parallel_sessions(bottrop)
    page = open_page(bottrop_html["de"], width=375).page
    found = boxes(page, ids)
    assert len({round(box["x"]) for box in found}) == 1, f"not in one column: {found}"
    for above, below in itertools.pairwise(found):
        assert below["y"] >= above["y"] + above["height"] - 1, f"not stacked: {found}"


def test_print_hides_navigation_and_keeps_sessions_whole(open_page, bottrop, bottrop_html):
    """Printed, the skip link and navigation are gone and no session breaks across pages."""
    page = open_page(bottrop_html["de"], **VIEWS["print"]).page
    shown = page.evaluate(
        """() => [...document.querySelectorAll("nav, a[href^='#']")]
            .filter(e => e.checkVisibility())
            .filter(e => e.tagName === "NAV" || e.closest("main") === null)
            .map(e => e.outerHTML.slice(0, 120))"""
    )
    assert not shown, f"navigation is printed: {shown}"
    ids = [
        session.id
        for day in bottrop.days
        for slot in day.slots
        for parent in slot.sessions
        for session in (parent, *parent.sessions)
    ]
    breaking = page.evaluate(
        """ids => ids.filter(id => {
            const style = getComputedStyle(document.getElementById(id));
            return !["avoid", "avoid-page"].includes(style.breakInside);
        })""",
        ids,
    )
    assert not breaking, f"these sessions may break across pages: {breaking}"


# -- keyboard ------------------------------------------------------------------------------

FOCUSED = """() => {
    const e = document.activeElement;
    const r = e.getBoundingClientRect();
    const style = getComputedStyle(e);
    return {
        tag: e.tagName.toLowerCase(),
        href: e.getAttribute("href"),
        text: e.textContent.trim().slice(0, 80),
        top: r.top, left: r.left, bottom: r.bottom, right: r.right,
        width: r.width, height: r.height,
        visible: e.checkVisibility({opacityProperty: true, visibilityProperty: true}),
        clip: style.clip, clipPath: style.clipPath,
        outline: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth),
        shadow: style.boxShadow,
        viewWidth: innerWidth, viewHeight: innerHeight,
    };
}"""


def on_screen(focused: dict[str, Any]) -> bool:
    return (
        focused["visible"]
        and focused["width"] >= 8
        and focused["height"] >= 8
        and focused["top"] >= -1
        and focused["left"] >= -1
        and focused["bottom"] <= focused["viewHeight"] + 1
        and focused["right"] <= focused["viewWidth"] + 1
        and focused["clip"] in {"auto", ""}
        and focused["clipPath"] in {"none", ""}
    )


def focus_ring(focused: dict[str, Any]) -> bool:
    return (focused["outline"] != "none" and focused["outlineWidth"] > 0) or focused[
        "shadow"
    ] not in {"none", ""}


@pytest.mark.parametrize("language", LANGUAGES)
def test_first_tab_reaches_a_visible_skip_link(open_page, bottrop_html, language):
    """The first Tab focuses the skip link, on screen with a focus ring; Enter follows it."""
    page = open_page(bottrop_html[language], width=375).page
    page.keyboard.press("Tab")
    focused = page.evaluate(FOCUSED)
    assert focused["tag"] == "a", f"Tab focuses {focused}, not a link"
    assert (focused["href"] or "").startswith("#"), f"the first link skips nowhere: {focused}"
    assert on_screen(focused), f"the focused skip link is not visible: {focused}"
    assert focus_ring(focused), f"the focused skip link shows no focus: {focused}"
    target = focused["href"][1:]
    assert page.evaluate("id => document.getElementById(id) !== null", target), (
        f"the skip link's target #{target} is missing"
    )
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == f"#{target}"
    top = page.evaluate("id => document.getElementById(id).getBoundingClientRect().top", target)
    assert abs(top) < 2, f"following the skip link leaves #{target} at {top} px"


@pytest.mark.parametrize("width", [1280, 375])
def test_everything_focusable_is_visible_when_focused(open_page, bottrop_html, width):
    """Tabbing through the page, each link in turn is on screen and shows a focus ring."""
    page = open_page(bottrop_html["de"], width=width).page
    count = page.evaluate(
        """() => [...document.querySelectorAll(
            "a[href], button, input, select, textarea, summary, [tabindex]")]
            .filter(e => e.tabIndex >= 0 && e.checkVisibility()).length"""
    )
    assert count > 1
    faults = []
    for _ in range(count):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if not (on_screen(focused) and focus_ring(focused)):
            faults.append(focused)
    assert not faults, f"{len(faults)} of {count} focused elements are hidden or unmarked: {faults}"


# -- self-contained ------------------------------------------------------------------------


def test_loads_nothing_but_itself(open_page, bottrop_html):
    """No request leaves the page: its styles and images are inline, in every medium and scheme."""
    for language in LANGUAGES:
        opened = open_page(bottrop_html[language])
        page = opened.page
        for media, scheme in [("print", "light"), ("screen", "dark"), ("print", "dark")]:
            page.emulate_media(media=media, color_scheme=scheme)
            page.evaluate("document.body.offsetHeight")  # lay it out again
        page.set_viewport_size({"width": 375, "height": 812})
        page.evaluate("document.body.offsetHeight")
        page.wait_for_load_state("networkidle")
        foreign = [
            url
            for url in opened.requests
            if url != opened.url and not url.startswith(("data:", "about:"))
        ]
        assert not foreign, f"{language}: the page asks for {foreign}"
        assert page.evaluate("document.images.length") > 0, "the example's picture is missing"
        broken = page.evaluate(
            "[...document.images].filter(i => !i.complete || i.naturalWidth === 0).length"
        )
        assert not broken, f"{language}: {broken} images did not load"
        external = page.evaluate(
            """() => [...document.querySelectorAll(
                'script[src], link[rel~="stylesheet"], ' +
                'link[rel~="preload"], link[rel~="icon"], iframe, object, embed, base')]
                .map(e => e.outerHTML.slice(0, 120))"""
        )
        assert not external, f"{language}: script files or external resources: {external}"
        scripts = page.evaluate(
            "[...document.scripts].map(s => s.type || s.dataset.prodid.slice(0, 16))"
        )
        assert scripts == ["application/ld+json", "-//eventprogram/"], scripts


def test_readable_without_javascript(browser, bottrop_html, tmp_path):
    """With JavaScript off the page shows the whole programme: every working group is there."""
    path = tmp_path / "page.html"
    path.write_text(bottrop_html["de"], encoding="utf-8")
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(path.as_uri())
        text = page.inner_text("body")
    finally:
        context.close()
    for title in ("Generation Z", "DIFIS-TransferLab", "Klimaanpassung", "Barcamp"):
        assert title in text
