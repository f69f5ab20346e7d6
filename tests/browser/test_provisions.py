"""The page of a programme with accessibility provisions, in Chromium (issue #16).

The second worked example (``examples/fachtag_barrierefrei``): no WCAG violation (axe-core)
and no Nu HTML Checker error, wide, narrow and printed, with the filter on too; the filter by
provision runs under the page's own Content-Security-Policy and shows exactly the items that
have the provision; with JavaScript off nothing is hidden and every item says its provisions.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

import eventprogram as ep

from .conftest import LANGUAGES, ROOT, describe_violations

EXAMPLE = ROOT / "examples" / "fachtag_barrierefrei"
VIEWS: dict[str, dict[str, Any]] = {
    "desktop": {"width": 1280, "height": 900},
    "mobile": {"width": 375, "height": 812},
    "print": {"width": 794, "height": 1123, "media": "print"},
}
VISIBLE = """() => [...document.querySelectorAll("li.slot, li.session")]
    .filter(element => element.checkVisibility()).map(element => element.id)"""


@pytest.fixture(scope="module")
def programme() -> ep.Programme:
    return ep.load(EXAMPLE)


@pytest.fixture(scope="module")
def pages(programme, render_html) -> dict[str, str]:
    return {language: render_html(programme, language) for language in LANGUAGES}


def offering(programme: ep.Programme, provision: str) -> list[str]:
    """The ids of the items that have *provision*, in the programme's order."""
    view = ep.timeline(programme)
    return [item.id for item in view.items if item.provides(provision) is not None]


def having(programme: ep.Programme, provision: str) -> list[str]:
    """The ids of the items the filter must show: those with *provision*, and what holds them."""
    view = ep.timeline(programme)
    shown: set[str] = set()
    for item in view.items:
        if item.provides(provision) is not None:
            shown.update(item.lineage)
    return [item.id for item in view.items if item.id in shown]


@pytest.fixture
def strict_page(browser, tmp_path) -> Iterator[Any]:
    """Open a page as a reader's browser does: its Content-Security-Policy enforced."""
    contexts = []

    def opener(html: str, fragment: str = "", *, javascript: bool = True) -> Any:
        path = tmp_path / f"strict-{len(contexts)}.html"
        path.write_text(html, encoding="utf-8")
        context = browser.new_context(
            viewport={"width": 1280, "height": 900}, java_script_enabled=javascript
        )
        contexts.append(context)
        page = context.new_page()
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(path.as_uri() + fragment, wait_until="load")
        return page, errors

    yield opener
    for context in contexts:
        context.close()


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_no_wcag_violations(open_page, axe_script, pages, language, view):
    """axe-core finds no WCAG 2.1 A or AA violation at 1280 and 375 px and in print."""
    violations = open_page(pages[language], **VIEWS[view]).axe(axe_script)
    assert not violations, describe_violations(violations)


def test_no_wcag_violations_with_the_filter_on(open_page, axe_script, pages):
    """With a filter on (buttons pressed, items hidden, a status said), still no violation."""
    opened = open_page(pages["de"])
    opened.page.click("li[data-provision='captioning'] button.filter")
    assert opened.page.evaluate("location.hash") == "#provision=captioning"
    violations = opened.axe(axe_script)
    assert not violations, describe_violations(violations)


def test_valid_html(vnu, pages, tmp_path):
    """The Nu HTML Checker finds no error in the page, German or English."""
    files = []
    for language, html in pages.items():
        files.append(tmp_path / f"fachtag-{language}.html")
        files[-1].write_text(html, encoding="utf-8")
    found = vnu(files)
    errors = {name: [m["message"] for m in ms if m["type"] != "info"] for name, ms in found.items()}
    assert errors == {file.name: [] for file in files}


@pytest.mark.parametrize("provision", ["sign-language", "captioning", "step-free", "quiet-room"])
def test_filter_shows_exactly_the_items_with_the_provision(
    strict_page, programme, pages, provision
):
    """Under the page's own CSP, #provision=… shows the items that have it, and nothing else."""
    page, errors = strict_page(pages["de"], f"#provision={provision}")
    assert errors == []
    assert page.evaluate(VISIBLE) == having(programme, provision)
    pressed = page.locator("button.filter[aria-pressed='true']")
    assert pressed.count() == 1
    label = programme.provision(provision).label("de")
    assert pressed.inner_text() == f"Nur Programmpunkte mit {label}"
    assert page.inner_text("#_provisions-status") == f"Gezeigt werden Programmpunkte mit: {label}"


def test_filter_by_button_and_back(strict_page, programme, pages):
    """A button sets the fragment and filters; "All items" and Back show everything again."""
    page, _ = strict_page(pages["en"])
    everything = page.evaluate(VISIBLE)
    assert everything == [item.id for item in ep.timeline(programme).items]
    page.click("li[data-provision='sign-language'] button.filter")
    assert page.evaluate("location.hash") == "#provision=sign-language"
    assert page.evaluate(VISIBLE) == having(programme, "sign-language")
    assert page.inner_text("#_provisions-status") == (
        "Showing items with: Sign-language interpreting"
    )
    page.click("text=All items")
    assert page.evaluate(VISIBLE) == everything
    assert page.inner_text("#_provisions-status") == ""
    page.go_back()
    assert page.evaluate(VISIBLE) == having(programme, "sign-language")
    page.go_back()
    assert page.evaluate(VISIBLE) == everything


def test_unknown_fragment_hides_nothing(strict_page, programme, pages):
    """A fragment naming no provision of the page filters nothing."""
    page, _ = strict_page(pages["de"], "#provision=teleportation")
    assert page.evaluate(VISIBLE) == [item.id for item in ep.timeline(programme).items]


def test_without_javascript_every_item_shows_its_provisions(strict_page, programme, pages):
    """JavaScript off: every item is there with its provisions, and the list links them all."""
    page, _ = strict_page(pages["de"], "#provision=captioning", javascript=False)
    view = ep.timeline(programme)
    assert page.evaluate(
        """() => [...document.querySelectorAll("li.slot, li.session")]
        .filter(element => element.getBoundingClientRect().height > 0).map(element => element.id)"""
    ) == [item.id for item in view.items]
    assert page.locator("button.filter").count() == 0
    for item in view.items:
        for provided in item.new_provisions:
            text = page.locator(f"[id='{item.id}'] > p.access").first.inner_text()
            assert provided.provision.label("de") in text, (item.id, text)
    for provision in ("sign-language", "captioning"):
        links = page.locator(f"li[data-provision='{provision}'] a").evaluate_all(
            "links => links.map(a => a.getAttribute('href').slice(1))"
        )
        assert links == offering(programme, provision)


def test_the_page_loads_nothing(open_page, pages):
    """The provisions' style and script are inline: the page asks for nothing but itself."""
    opened = open_page(pages["de"])
    assert [url for url in opened.requests if not url.startswith("file:")] == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_reflows_to_320_pixels(open_page, pages, language):
    """At 320 px nothing needs a sideways scroll: long labels and notes wrap (WCAG 1.4.10)."""
    opened = open_page(pages[language], width=320, height=800)
    wider = opened.page.evaluate(
        """() => [...document.querySelectorAll(".access, .provision-list li, .statement *")]
        .filter(element => element.getBoundingClientRect().right > 320)
        .map(element => element.outerHTML.slice(0, 80))"""
    )
    assert wider == []
    assert opened.page.evaluate("document.documentElement.scrollWidth") <= 320
