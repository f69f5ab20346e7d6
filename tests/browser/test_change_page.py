"""The change list page of the pretalx change export: valid HTML, 0 axe violations."""

from __future__ import annotations

import attrs
import pytest

import eventprogram as ep
from eventprogram._feed import changes_page

from .conftest import EXAMPLE, LANGUAGES, ROOT, describe_violations

CHANGED = ROOT / "examples" / "nrw_sozialplanung_2025_aenderung"
HOSTILE = "<script>alert(1)</script> & \\u202e \\u001b[31m"
"""In TOML: a title with markup, an ampersand, a right-to-left override and an escape."""


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    old, new = ep.load(EXAMPLE), ep.load(CHANGED)
    text = (CHANGED / "programme.toml").read_text(encoding="utf-8")
    text = text.replace('title = "Mittagspause"', f'title = "{HOSTILE}"')
    hostile = attrs.evolve(ep.loads(text), title=HOSTILE)
    found = {language: changes_page(ep.diff(old, new), language) for language in LANGUAGES}
    found["hostile"] = changes_page(ep.diff(old, hostile), "de")
    found["none"] = changes_page(ep.diff(old, old), "en")
    return found


def test_valid_html(vnu, pages, tmp_path):
    files = []
    for name, html in pages.items():
        path = tmp_path / f"{name}.html"
        path.write_text(html, encoding="utf-8")
        files.append(path)
    assert vnu(files) == {path.name: [] for path in files}


@pytest.mark.parametrize("name", ["de", "en", "hostile"])
def test_no_axe_violations(open_page, axe_script, pages, name):
    opened = open_page(pages[name])
    if name == "hostile":
        assert opened.page.evaluate("() => document.querySelector('script') === null")
        assert "<script>alert(1)</script>" in opened.page.inner_text("main")
    violations = opened.axe(axe_script)
    assert not violations, describe_violations(violations)
    assert not [url for url in opened.requests if not url.startswith(("file:", "data:"))]
