"""Render the worked example and photograph it in Chromium: desktop, mobile and an A4 print.

Run from the repository's root, with the development environment's Python (Playwright comes
with ``pip install -e '.[test]'``) and a Chromium on the machine (Debian: ``apt-get install
chromium``; never ``playwright install``)::

    .venv/bin/python docs/screenshots.py

It writes, under ``docs/images/``:

- ``programme-desktop.png``: the whole German page at 1280 px, working groups side by side;
- ``programme-mobile.png``: the same at 375 px, its first screens;
- ``programme-print.pdf``: the page printed on A4, as a browser prints it.

The page loads nothing from other hosts; the script refuses any request that would.
"""

# ruff: noqa: INP001, T201 -- a script that reports what it wrote

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import eventprogram as ep
from eventprogram import exporters

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "nrw_sozialplanung_2025"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--hide-scrollbars",
]
DESKTOP = {"width": 1280, "height": 800}
DESKTOP_HEIGHT: int | None = None
"""How much of the desktop page to show: all of it."""
MOBILE = {"width": 375, "height": 812}
MOBILE_HEIGHT: int | None = 1624
"""Two phone screens: the head and the first slots."""


def render(language: str) -> str:
    """The example's page, with its picture, as ``eventprogram build`` writes it."""
    programme = ep.load(EXAMPLE)
    images, problems = ep.load_images(programme, EXAMPLE)
    for problem in problems:
        print(f"note: {problem}", file=sys.stderr)
    html = exporters.get("html").render(
        programme, exporters.RenderOptions(language=language, images=images)
    )
    if not isinstance(html, str):
        raise TypeError(f"the html exporter wrote {type(html).__name__}, not text")
    return html


def main(argv: list[str] | None = None) -> int:
    """Write the screenshots and the PDF; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--chromium", default="/usr/bin/chromium", help="the browser to drive")
    parser.add_argument("--language", default="de", choices=["de", "en"])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "images")
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright  # noqa: PLC0415 -- a test dependency

    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        page_file = Path(folder) / "programme.html"
        page_file.write_text(render(args.language), encoding="utf-8")
        browser = playwright.chromium.launch(executable_path=args.chromium, args=CHROMIUM_ARGS)
        try:
            for name, viewport, height, scale in [
                ("desktop", DESKTOP, DESKTOP_HEIGHT, 1),
                ("mobile", MOBILE, MOBILE_HEIGHT, 1),
            ]:
                context = browser.new_context(
                    viewport=viewport, device_scale_factor=scale, color_scheme="light"
                )
                context.route("http*://**/*", lambda route: route.abort())
                page = context.new_page()
                page.goto(page_file.as_uri(), wait_until="load")
                full = page.evaluate("document.documentElement.scrollHeight")
                shown = full if height is None else min(height, full)
                target = args.out / f"programme-{name}.png"
                page.screenshot(
                    path=target,
                    full_page=True,
                    clip={"x": 0, "y": 0, "width": viewport["width"], "height": shown},
                    animations="disabled",
                    caret="hide",
                )
                print(f"{target.relative_to(ROOT)}: {target.stat().st_size // 1024} KiB")
                context.close()

            context = browser.new_context()
            context.route("http*://**/*", lambda route: route.abort())
            page = context.new_page()
            page.goto(page_file.as_uri(), wait_until="load")
            page.emulate_media(media="print")
            target = args.out / "programme-print.pdf"
            page.pdf(path=target, format="A4", print_background=False, prefer_css_page_size=True)
            print(f"{target.relative_to(ROOT)}: {target.stat().st_size // 1024} KiB")
            context.close()
        finally:
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
