"""Control characters in every text leave the HTML page valid for the Nu HTML Checker."""

from __future__ import annotations

from typing import Any

import pytest

from untrusted import HOSTILE_TEXT, fill

CONTROL = (
    '<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>x</title></head>'
    "<body><p>a\x01b</p></body></html>"
)
"""A page with a raw control character: a checker that does not see it fails."""


def errors(messages: list[dict[str, Any]]) -> str:
    return "\n".join(
        f"line {m.get('lastLine', '?')}: {m['message']}" for m in messages if m["type"] != "info"
    )


@pytest.fixture(scope="module")
def checked(vnu, bottrop, render_html, tmp_path_factory) -> dict[str, list[dict[str, Any]]]:
    """The checker's messages for the example with hostile text everywhere, and the control."""
    folder = tmp_path_factory.mktemp("vnu-controls")
    programme = fill(bottrop, lambda: HOSTILE_TEXT, lambda: "https://example.org/")
    files = [folder / f"hostile-{language}.html" for language in ("de", "en")]
    for file, language in zip(files, ("de", "en"), strict=True):
        file.write_text(render_html(programme, language), encoding="utf-8")
    files.append(folder / "control.html")
    files[-1].write_text(CONTROL, encoding="utf-8")
    return vnu(files)


@pytest.mark.parametrize("language", ["de", "en"])
def test_control_characters_leave_the_page_valid(checked, language):
    """With controls, surrogates and noncharacters in every text the page has no error."""
    assert not errors(checked[f"hostile-{language}.html"]), errors(
        checked[f"hostile-{language}.html"]
    )


def test_the_checker_sees_control_characters(checked):
    """The checker rejects a raw control character, so the test above can fail."""
    assert errors(checked["control.html"])
