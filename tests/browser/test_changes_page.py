"""The page with programme changes in Chromium and the Nu HTML Checker.

The worked change of the Bottrop example (``examples/nrw_sozialplanung_2025_aenderung``
against the example) in German and English, and the same with two items deleted: axe-core
finds no WCAG 2.1 A or AA violation, wide (1280 px) and narrow (375 px), light and dark
(the badges' contrast included), the Nu checker no error, and under the page's own
Content-Security-Policy the change styles apply.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import pytest

import eventprogram as ep
from conftest import EXAMPLE, ROOT
from eventprogram import exporters

from .conftest import LANGUAGES, describe_violations

CHANGED = ROOT / "examples" / "nrw_sozialplanung_2025_aenderung"

VIEWS: dict[str, dict[str, Any]] = {
    "desktop": {"width": 1280, "height": 900},
    "mobile": {"width": 375, "height": 812},
    "dark": {"width": 1280, "height": 900, "color_scheme": "dark"},
    "dark-mobile": {"width": 375, "height": 812, "color_scheme": "dark"},
}


def _without(programme: ep.Programme, ids: set[str]) -> ep.Programme:
    """*programme* a day later, with the slots and sessions of *ids* deleted."""
    days = tuple(
        attrs.evolve(
            day,
            slots=tuple(
                attrs.evolve(slot, sessions=tuple(s for s in slot.sessions if s.id not in ids))
                for slot in day.slots
                if slot.id not in ids
            ),
        )
        for day in programme.days
    )
    assert programme.revision is not None
    return attrs.evolve(programme, days=days, revision=programme.revision + dt.timedelta(days=1))


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    """The pages by name: ``de``, ``en`` (the worked change) and ``deleted`` (two deletions)."""
    old, new = ep.load(EXAMPLE), ep.load(CHANGED)
    deleted = _without(new, {"ag5", "mittagspause"})
    found = {}
    for language in LANGUAGES:
        options = exporters.RenderOptions(language=language, changes=ep.diff(old, new))
        found[language] = str(exporters.get("html").render(new, options))
    options = exporters.RenderOptions(language="de", changes=ep.diff(old, deleted))
    found["deleted"] = str(exporters.get("html").render(deleted, options))
    return found


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("name", [*LANGUAGES, "deleted"])
def test_no_wcag_violations(open_page, axe_script, pages, name, view):
    """axe-core finds no violation on the page with its change list and badges."""
    opened = open_page(pages[name], **VIEWS[view])
    assert opened.page.locator(".changes h2").count() == 1
    violations = opened.axe(axe_script)
    assert not violations, describe_violations(violations)


def test_valid_html(vnu, pages, tmp_path):
    """The Nu HTML Checker finds no error in any of the pages."""
    files = []
    for name, html in pages.items():
        files.append(tmp_path / f"changes-{name}.html")
        files[-1].write_text(html, encoding="utf-8")
    checked = vnu(files)
    errors = {name: [m["message"] for m in found] for name, found in checked.items() if found}
    assert not errors, errors


def test_change_styles_apply_under_the_pages_policy(browser, pages, tmp_path):
    """Under its own Content-Security-Policy, the second stylesheet applies: the badge has its
    colours, the cancelled title is struck through, its calendar button is hidden, and Chromium
    reports no violation."""
    path = tmp_path / "page.html"
    path.write_text(pages["de"], encoding="utf-8")
    messages: list[str] = []
    context = browser.new_context()
    try:
        page = context.new_page()
        page.on("console", lambda message: messages.append(message.text))
        page.goto(path.as_uri(), wait_until="load")
        badge = page.evaluate(
            """getComputedStyle(document.querySelector('#gallery-walk .change')).backgroundColor"""
        )
        struck = page.evaluate(
            """getComputedStyle(document.querySelector('#gallery-walk s')).textDecorationLine"""
        )
        text = page.inner_text("#gallery-walk h3")
        hidden = page.locator("#gallery-walk .calendar button").is_hidden()
        shown = page.locator("#mittagspause .calendar button").is_visible()
    finally:
        context.close()
    assert badge == "rgb(251, 228, 228)"
    assert "line-through" in struck
    assert text.endswith("Gallery Walk abgesagt")
    assert hidden, "a cancelled item offers no 'add to calendar'"
    assert shown
    assert not messages, messages
