"""``eventprogram preview`` in a real browser: edit the source, and the page follows.

The preview runs as the organiser runs it, in a process of its own; Chromium opens its
page with the page's Content-Security-Policy in force (not bypassed), so that the reload
script runs only if the preview's policy allows it.
"""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from eventprogram._cli import main

from .conftest import describe_violations

WITHIN = 2000
"""Milliseconds a saved change may take to show in the browser (issue #17)."""


@pytest.fixture
def event(tmp_path) -> Path:
    folder = tmp_path / "fachtag"
    assert main(["new", str(folder)]) == 0
    return folder


@pytest.fixture
def preview(event) -> Iterator[tuple[subprocess.Popen[str], str]]:
    """`eventprogram preview` of the event on a free port, and its URL."""
    process = subprocess.Popen(
        [sys.executable, "-m", "eventprogram", "preview", str(event), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    match = re.search(r"at (http://127\.0\.0\.1:\d+/) ", line)
    if match is None:
        process.kill()
        pytest.fail(f"no URL printed: {line!r} {process.communicate()}")
    yield process, match[1]
    if process.poll() is None:
        process.kill()
        process.communicate()


@pytest.fixture
def page(browser) -> Iterator[object]:
    """A fresh page that keeps the pages' Content-Security-Policy, and logs what it violates."""
    context = browser.new_context(reduced_motion="reduce")
    opened = context.new_page()
    opened.violations = []
    opened.on(
        "console",
        lambda message: (
            opened.violations.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    yield opened
    context.close()


def save(event: Path, old: str, new: str) -> float:
    """Replace *old* by *new* in the source as an editor saves it; return when."""
    file = event / "programme.toml"
    text = file.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    file.write_text(text.replace(old, new), encoding="utf-8")
    return time.monotonic()


def test_the_page_follows_every_save_and_shows_errors_where_they_are(event, preview, page):
    """Edit, break and mend the source: each shows in the browser within two seconds."""
    from playwright.sync_api import expect

    process, url = preview
    page.goto(url)
    heading = page.locator("h1")
    expect(heading).to_have_text("Titel der Veranstaltung")

    # An edit: the new title within two seconds.
    saved = save(event, '"Titel der Veranstaltung"', '"Fachtag Sozialplanung 2026"')
    expect(heading).to_have_text("Fachtag Sozialplanung 2026", timeout=WITHIN)
    took = time.monotonic() - saved
    assert took < WITHIN / 1000

    # A mistake: the error, with file, line and field, instead of the page.
    save(event, 'person = "person-ag1"', 'person = "person-ag9"')
    expect(heading).to_have_text("Das Programm kann nicht gelesen werden", timeout=WITHIN)
    text = (event / "programme.toml").read_text(encoding="utf-8")
    line = next(
        number
        for number, content in enumerate(text.splitlines(), start=1)
        if "person-ag9" in content
    )
    problem = page.locator(".ep-preview li")
    expect(problem).to_have_count(1)
    expect(problem).to_contain_text(f"programme.toml, Zeile {line}")
    expect(problem).to_contain_text("days[0].slots[4].sessions[0].people[0].person")
    expect(problem).to_contain_text("Person 'person-ag9' ist nicht definiert")
    assert "Fachtag Sozialplanung 2026" not in page.content()

    # A validation error: the page as it is now, with the error above it.
    save(event, 'person = "person-ag9"', 'person = "person-ag1"')
    save(event, 'start = "11:00"', 'start = "11:00"\nend = "10:00"')
    expect(page.locator(".ep-preview-error li")).to_contain_text("Fehler EP201", timeout=WITHIN)
    expect(heading).to_have_text("Fachtag Sozialplanung 2026")

    # Mended: the page, clean.
    save(event, 'start = "11:00"\nend = "10:00"', 'start = "11:00"')
    expect(page.locator(".ep-preview")).to_contain_text("0 Fehler, 0 Warnungen", timeout=WITHIN)
    expect(page.locator(".ep-preview li")).to_have_count(0)
    assert page.violations == []

    # Ctrl-C: stopped, cleanly.
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=10)
    assert process.returncode == 0
    assert err == "eventprogram: preview stopped\n"
    assert "Traceback" not in err


@pytest.mark.parametrize("broken", ["validation", "loading"])
def test_the_preview_page_has_no_wcag_violations(event, open_page, axe_script, broken):
    """The panel of findings, and the page of problems, keep the page accessible (axe-core)."""
    from eventprogram._preview import Preview

    file = event / "programme.toml"
    text = file.read_text(encoding="utf-8")
    if broken == "validation":  # an error and a warning
        text = text.replace('start = "11:00"', 'start = "11:00"\nend = "10:00"')
        text = text.replace('room = "raum-1"\n', "")
    else:
        text = text.replace('person = "person-ag1"', 'person = "<b>person-ag9</b>"')
    file.write_text(text, encoding="utf-8")
    preview = Preview(str(event))
    preview.refresh()
    opened = open_page(preview.shown.page.decode())
    assert opened.page.locator(".ep-preview li").count() >= 1
    violations = opened.axe(axe_script)
    assert violations == [], describe_violations(violations)
