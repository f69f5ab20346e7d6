"""The real-browser tests' tools: Debian's Chromium, axe-core and the Nu HTML Checker.

Each tool is looked for where ``.ci/run`` puts it: Chromium at ``/usr/bin/chromium`` (Debian's
``chromium`` package, driven by Playwright from PyPI; never ``playwright install``), axe-core and
vnu-jar in ``node_modules`` (``npm ci``), Java on the ``PATH``. Where one is missing, the tests
that need it are skipped with the reason; under ``CI=true`` they fail instead: CI always has them.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import eventprogram as ep
from eventprogram import exporters
from eventprogram.testing import programmes

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "nrw_sozialplanung_2025"
CHROMIUM = Path("/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
LANGUAGES = ("de", "en")


def unavailable(reason: str) -> None:
    """Skip for want of a tool; under ``CI=true`` fail, since CI installs every tool."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(reason)
    pytest.skip(reason)


# -- the tools -----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def chromium() -> Path:
    """Debian's Chromium."""
    if not CHROMIUM.is_file():
        unavailable(f"Chromium is not installed at {CHROMIUM}; on Debian: apt-get install chromium")
    return CHROMIUM


@pytest.fixture(scope="session")
def axe_script() -> Path:
    """axe-core's script, injected into the page under test."""
    if not AXE.is_file():
        unavailable(f"axe-core is not installed ({AXE}); run 'npm ci' in {ROOT}")
    return AXE


@pytest.fixture(scope="session")
def java() -> str:
    """The Java runtime that runs the Nu HTML Checker."""
    found = shutil.which("java")
    if found is None:
        unavailable("java is not on the PATH; the Nu HTML Checker needs Java 11 or later")
    assert found is not None
    return found


@pytest.fixture(scope="session")
def vnu(java) -> Callable[[Sequence[Path]], dict[str, list[dict[str, Any]]]]:
    """The Nu HTML Checker: files in, its error messages by file name out.

    Java takes seconds to start, so give it every file at once.
    """
    if not VNU.is_file():
        unavailable(f"vnu-jar is not installed ({VNU}); run 'npm ci' in {ROOT}")

    def check(files: Sequence[Path]) -> dict[str, list[dict[str, Any]]]:
        done = subprocess.run(
            [java, "-jar", str(VNU), "--errors-only", "--exit-zero-always", "--format", "json"]
            + [str(f) for f in files],
            capture_output=True,
            text=True,
            check=True,
            timeout=300,
        )
        # The report goes to stderr; the JVM may print a line of its own before it.
        report = json.loads(done.stderr[done.stderr.index("{") :])
        found: dict[str, list[dict[str, Any]]] = {f.name: [] for f in files}
        for message in report["messages"]:
            name = message.get("url", "").rsplit("/", 1)[-1]
            found.setdefault(name, []).append(message)
        return found

    return check


@pytest.fixture(scope="session")
def browser(chromium) -> Iterator[Any]:
    """One headless Chromium for the whole session."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("Playwright is not installed; pip install -e '.[test]'")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(chromium), args=list(CHROMIUM_ARGS)
        )
        yield launched
        launched.close()


# -- pages ---------------------------------------------------------------------------------


@attrs.define
class Opened:
    """A page open in Chromium, and every URL it asked for."""

    page: Any
    url: str
    requests: list[str]

    def axe(self, script: Path) -> list[dict[str, Any]]:
        """Run axe-core for WCAG 2.1 A and AA; return its violations."""
        self.page.add_script_tag(path=str(script))
        result = self.page.evaluate(
            """tags => axe.run(document, {runOnly: {type: "tag", values: tags}})""",
            list(WCAG_TAGS),
        )
        return list(result["violations"])


@pytest.fixture
def open_page(browser, tmp_path) -> Iterator[Callable[..., Opened]]:
    """Open HTML in a fresh browser context, from a file, as a reader would.

    ``open_page(html, width=1280, height=900, media=None, color_scheme=None)``. The context
    bypasses any Content-Security-Policy of the page, so that axe-core can be injected.
    Requests other than ``file:``, ``data:`` and ``about:`` are recorded and refused.
    """
    contexts = []

    def opener(
        html: str,
        *,
        width: int = 1280,
        height: int = 900,
        media: str | None = None,
        color_scheme: str | None = None,
    ) -> Opened:
        path = tmp_path / f"page-{len(contexts)}.html"
        path.write_text(html, encoding="utf-8")
        context = browser.new_context(
            viewport={"width": width, "height": height},
            bypass_csp=True,
            color_scheme=color_scheme or "light",
            reduced_motion="reduce",
        )
        contexts.append(context)
        context.route("http://**/*", lambda route: route.abort())
        context.route("https://**/*", lambda route: route.abort())
        page = context.new_page()
        opened = Opened(page, path.as_uri(), [])
        page.on("request", lambda request: opened.requests.append(request.url))
        if media is not None:
            page.emulate_media(media=media)
        page.goto(opened.url, wait_until="load")
        return opened

    yield opener
    for context in contexts:
        context.close()


def describe_violations(violations: list[dict[str, Any]]) -> str:
    """axe-core's violations, one rule a paragraph, each offending node on a line."""
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in violation["nodes"][:10]:
            lines.append(f"  - {node['target']}: {node['html'][:160]}")
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            if summary:
                lines.append(f"      {summary[:300]}")
        if len(violation["nodes"]) > 10:
            lines.append(f"  … and {len(violation['nodes']) - 10} more")
    return "\n".join(lines)


# -- what is shown -------------------------------------------------------------------------


@pytest.fixture(scope="session")
def render_html() -> Callable[..., str]:
    """The ``html`` exporter, found the way ``eventprogram build`` finds it."""

    def render(
        programme: ep.Programme, language: str | None = None, images: dict[str, bytes] | None = None
    ) -> str:
        html = exporters.get("html").render(
            programme, exporters.RenderOptions(language=language, images=images or {})
        )
        assert isinstance(html, str)
        return html

    return render


@pytest.fixture(scope="session")
def bottrop() -> ep.Programme:
    """The worked example."""
    return ep.load(EXAMPLE)


@pytest.fixture(scope="session")
def bottrop_html(bottrop, render_html) -> dict[str, str]:
    """The example's page by language, with its picture, as ``eventprogram build`` writes it."""
    images, problems = ep.load_images(bottrop, EXAMPLE)
    assert not problems, problems
    assert images, "the example's picture was not read"
    return {language: render_html(bottrop, language, images) for language in LANGUAGES}


@pytest.fixture(scope="session")
def generated_html(render_html) -> list[str]:
    """Ten different generated programmes' pages, in German or English: the same on every run.

    Hypothesis starts with the simplest programme, and may draw it more than once; each page is
    kept once.
    """
    pages: list[str] = []

    @settings(
        max_examples=15,
        database=None,
        derandomize=True,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(programmes(), st.sampled_from(LANGUAGES))
    def collect(programme: ep.Programme, language: str) -> None:
        html = render_html(programme, language)
        if html not in pages:
            pages.append(html)

    collect()
    return pages[:10]


HOSTILE = {
    "title": "</title><script>window.__pwned = 'title'</script>",
    "description": '"><img src=x onerror="window.__pwned = \'description\'"></style><b>bold</b>',
    "slot": "<script>window.__pwned = 'slot'</script>",
    "session": "</li></ol><svg onload=\"window.__pwned = 'session'\">",
    "person": "\"><iframe src=javascript:window.__pwned='person'>",
    "alt": "\" onerror=\"window.__pwned = 'alt'",
    "url": "javascript:window.__pwned = 'url'",
}
"""What a careless or malicious source might hold: each must come out as text, and run nowhere."""


@pytest.fixture(scope="session")
def hostile_html(bottrop, render_html) -> str:
    """The example with markup and script in its texts and ``javascript:`` for its links."""
    day = bottrop.days[0]
    slots = list(day.slots)
    parallel = next(i for i, slot in enumerate(slots) if len(slot.sessions) > 1)
    sessions = list(slots[parallel].sessions)
    sessions[0] = attrs.evolve(sessions[0], title=HOSTILE["session"])
    slots[parallel] = attrs.evolve(slots[parallel], sessions=tuple(sessions))
    slots[1] = attrs.evolve(slots[1], title=HOSTILE["slot"], description=HOSTILE["description"])
    people = list(bottrop.people)
    people[0] = attrs.evolve(people[0], family_name=HOSTILE["person"])
    programme = attrs.evolve(
        bottrop,
        title=HOSTILE["title"],
        description=HOSTILE["description"],
        url=HOSTILE["url"],
        venue=attrs.evolve(bottrop.venue, url=HOSTILE["url"]),
        organisations=tuple(
            attrs.evolve(o, url=HOSTILE["url"], name=f"{o.name} {HOSTILE['slot']}")
            for o in bottrop.organisations
        ),
        images=tuple(attrs.evolve(i, alt=HOSTILE["alt"]) for i in bottrop.images),
        people=tuple(people),
        days=(attrs.evolve(day, slots=tuple(slots)), *bottrop.days[1:]),
    )
    images, _ = ep.load_images(programme, EXAMPLE)
    return render_html(programme, None, images)
