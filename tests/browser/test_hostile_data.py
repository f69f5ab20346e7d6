"""Hostile text in the source stays text in a real browser: nothing runs, nothing is injected."""

from __future__ import annotations

import json

from .conftest import HOSTILE


def test_hostile_text_runs_nothing_and_shows_as_text(open_page, hostile_html):
    """Markup in titles, names, descriptions and alt text is shown, not obeyed."""
    dialogs: list[str] = []
    opened = open_page(hostile_html)
    page = opened.page
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.reload(wait_until="load")
    assert page.evaluate("window.__pwned") is None, "a hostile text ran as script"
    assert not dialogs
    injected = page.evaluate(
        """() => [...document.querySelectorAll(
            'script:not([type="application/ld+json"]):not([data-prodid]), ' +
            'iframe, svg, b, [onerror], [onload]')]
            .map(e => e.outerHTML.slice(0, 120))"""
    )
    assert not injected, f"hostile markup became elements: {injected}"
    assert page.evaluate("document.scripts.length") == 2  # the JSON-LD and the calendar script
    text = page.inner_text("body")
    for key in ("title", "slot", "session"):
        assert " ".join(HOSTILE[key].split()) in text, f"the hostile {key} is not shown as text"
    assert page.title() == HOSTILE["title"]
    # The styles survived the </style> in the description.
    assert page.evaluate("getComputedStyle(document.querySelector('.skip-link')).position") == (
        "absolute"
    )


def test_only_safe_links(open_page, hostile_html):
    """Every link goes to http, https or mailto, to a calendar file, or within the page."""
    page = open_page(hostile_html).page
    hrefs = page.evaluate(
        "[...document.querySelectorAll('[href]')].map(e => e.getAttribute('href'))"
    )
    unsafe = [
        href
        for href in hrefs
        if not href.startswith(("http://", "https://", "mailto:", "#", "data:text/calendar;"))
    ]
    assert not unsafe, f"unsafe links: {unsafe}"


def test_json_ld_survives_hostile_text(open_page, hostile_html):
    """The JSON-LD still parses in the browser and holds the hostile title as its name."""
    page = open_page(hostile_html).page
    blocks = page.evaluate(
        """[...document.querySelectorAll('script[type="application/ld+json"]')]
            .map(s => s.textContent)"""
    )
    assert len(blocks) == 1
    assert json.loads(blocks[0])["name"] == HOSTILE["title"]
