"""The timetable layout with accessibility provisions, in Chromium (issues #16 and #19).

A handmade congress of thirteen rooms at once (``tests/test_timetable_provisions.py``): the
block offers an induction loop, which most sessions inherit; two name their own; one holds a
sub-session with a quiet room. The timetable's filter, under the page's own
Content-Security-Policy, reads ``#provision=…`` and shows exactly the entries that have it;
without JavaScript every entry shows; axe-core and the Nu HTML Checker find nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

import eventprogram as ep
from eventprogram import exporters
from test_timetable_provisions import congress

from .conftest import describe_violations

SHOWN = """() => [...document.querySelectorAll("td.tt-e > ul > li.session")]
    .filter(element => element.checkVisibility()).map(element => element.id)"""


@pytest.fixture(scope="module")
def programme() -> ep.Programme:
    return congress()


@pytest.fixture(scope="module")
def html(programme: ep.Programme) -> str:
    page = exporters.get("html").render(programme, exporters.RenderOptions(language="en"))
    assert isinstance(page, str)
    return page


def entries_with(programme: ep.Programme, provision: str) -> set[str]:
    """The grid's entries that have *provision*, or hold a sub-session that has it."""
    return {
        item.id
        for item in ep.timeline(programme).items
        if item.depth == 1 and any(inner.provides(provision) for inner in item.walk())
    }


@pytest.fixture
def strict_page(browser, tmp_path) -> Iterator[Any]:
    """Open the page as a reader's browser does: its Content-Security-Policy enforced."""
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


@pytest.mark.parametrize(
    ("provision", "room"),
    [
        ("sign-language", None),
        ("quiet-room", None),  # held by a sub-session
        ("induction-loop", "r5"),  # with a room: both must hold
    ],
)
def test_the_fragment_filters_by_provision(strict_page, programme, html, provision, room) -> None:
    """``#provision=…`` shows exactly the entries with that provision, inherited ones too;
    the filter's control says so, and the page's policy lets the script run."""
    expected = entries_with(programme, provision)
    if room is not None:
        expected = {i for i in expected if i == f"s{room[1:]}"}
    assert 0 < len(expected) < 13
    fragment = f"#provision={provision}" + (f"&room={room}" if room else "")
    page, errors = strict_page(html, fragment)
    assert set(page.evaluate(SHOWN)) == expected
    assert page.locator("#_f-provision").input_value() == provision
    assert page.locator(".tt-status").text_content() == f"{len(expected)} of 13 items shown"
    assert errors == []
    # The document layout's filter by provision is not on the page: no button of its own.
    assert page.locator("button.filter").count() == 0


def test_choosing_a_provision_writes_the_fragment(strict_page, programme, html) -> None:
    """Choosing in the filter's control filters, and the fragment says so: a link shares it."""
    page, errors = strict_page(html)
    assert len(page.evaluate(SHOWN)) == 13
    page.locator("#_f-provision").select_option("captioning")
    assert page.url.endswith("#provision=captioning")
    assert set(page.evaluate(SHOWN)) == entries_with(programme, "captioning") == {"s1"}
    page.locator("#_f-reset").click()
    assert len(page.evaluate(SHOWN)) == 13
    assert errors == []


def test_without_javascript_everything_shows(strict_page, html) -> None:
    """With JavaScript off the fragment hides nothing, the filter does not show, and each
    entry still names its provisions."""
    page, _ = strict_page(html, "#provision=sign-language", javascript=False)
    assert len(page.evaluate(SHOWN)) == 13
    assert page.locator("#_filter").is_hidden()
    assert page.locator("td.tt-e .access:visible").count() == 12  # all but "none"


@pytest.mark.parametrize(
    ("fragment", "width"), [("", 1280), ("", 375), ("#provision=sign-language", 1280)]
)
def test_no_axe_violations(open_page, axe_script, html, fragment, width) -> None:
    """No WCAG 2.1 A/AA violation wide and narrow (the list by start time), unfiltered and
    filtered by provision."""
    opened = open_page(html, width=width)
    if fragment:
        opened.page.goto(opened.url + fragment)
        opened.page.reload()
        assert len(opened.page.evaluate(SHOWN)) == 2
    violations = opened.axe(axe_script)
    assert not violations, describe_violations(violations)


def test_no_nu_errors(vnu, html, tmp_path) -> None:
    """The Nu HTML Checker finds no error in the page."""
    path = tmp_path / "provisions-timetable.html"
    path.write_text(html, encoding="utf-8")
    errors = vnu([path])[path.name]
    assert errors == [], [e["message"] for e in errors[:10]]
