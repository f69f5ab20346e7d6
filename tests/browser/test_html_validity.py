"""The HTML page is valid HTML: the Nu HTML Checker (vnu.jar) reports no error.

The checker is a Java program that takes seconds to start, so one run checks every page: the
example in German and English, ten generated programmes of every shape, the example with hostile
texts, the golden pages of the test programmes of other shapes, and a control page with an error.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .conftest import LANGUAGES

SHAPES = sorted((Path(__file__).parent.parent / "golden").glob("*-20??.de.html"))
"""The golden German pages: the example and the test programmes of other shapes."""

CONTROL = (
    '<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>x</title></head>'
    '<body><p id="a">1</p><p id="a">2</p></body></html>'
)
"""A page with one error, checked with the others: a checker that sees nothing fails."""


def describe(messages: list[dict[str, Any]]) -> str:
    return "\n".join(
        f"line {m.get('lastLine', '?')}: {m['message']}\n    {m.get('extract', '')!r}"
        for m in messages[:20]
    )


@pytest.fixture(scope="module")
def checked(
    vnu, bottrop_html, generated_html, hostile_html, tmp_path_factory
) -> dict[str, list[dict[str, Any]]]:
    """The checker's messages by file name: ``example-de.html`` … ``generated-9.html``."""
    folder = tmp_path_factory.mktemp("vnu")
    files = []
    for language, html in bottrop_html.items():
        files.append(folder / f"example-{language}.html")
        files[-1].write_text(html, encoding="utf-8")
    for index, html in enumerate(generated_html):
        files.append(folder / f"generated-{index}.html")
        files[-1].write_text(html, encoding="utf-8")
    for page in SHAPES:
        files.append(folder / f"shape-{page.name}")
        files[-1].write_bytes(page.read_bytes())
    files.append(folder / "hostile.html")
    files[-1].write_text(hostile_html, encoding="utf-8")
    files.append(folder / "control.html")
    files[-1].write_text(CONTROL, encoding="utf-8")
    return vnu(files)


@pytest.mark.parametrize("language", LANGUAGES)
def test_example_is_valid_html(checked, language):
    """The example's page has no error, in either language."""
    errors = [m for m in checked[f"example-{language}.html"] if m["type"] != "info"]
    assert not errors, describe(errors)


def test_generated_programmes_are_valid_html(checked):
    """Ten generated programmes, with sub-sessions, rooms and odd text, have no error either."""
    generated = {
        name: messages for name, messages in checked.items() if name.startswith("generated")
    }
    assert len(generated) >= 8, f"only {len(generated)} different programmes were drawn"
    faults = {
        name: describe([m for m in messages if m["type"] != "info"])
        for name, messages in generated.items()
        if any(m["type"] != "info" for m in messages)
    }
    assert not faults, "\n\n".join(f"{name}:\n{text}" for name, text in faults.items())


def test_golden_pages_are_valid_html(checked):
    """The golden pages, those of the test programmes of other shapes too, have no error."""
    assert len(SHAPES) >= 3
    faults = {
        page.name: describe([m for m in checked[f"shape-{page.name}"] if m["type"] != "info"])
        for page in SHAPES
        if any(m["type"] != "info" for m in checked[f"shape-{page.name}"])
    }
    assert not faults, "\n\n".join(f"{name}:\n{text}" for name, text in faults.items())


def test_hostile_texts_leave_the_page_valid(checked):
    """Markup and script in the source's texts are escaped: the page stays valid."""
    errors = [m for m in checked["hostile.html"] if m["type"] != "info"]
    assert not errors, describe(errors)


def test_the_checker_finds_faults(checked):
    """The checker is really looking: the control page's duplicate id is reported."""
    messages = checked["control.html"]
    assert any(m["type"] == "error" and "Duplicate ID" in m["message"] for m in messages), messages
