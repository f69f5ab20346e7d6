"""Render the worked example and photograph it in Chromium: desktop, mobile and an A4 print.

Run from the repository's root, with the development environment's Python (Playwright comes
with ``pip install -e '.[test]'``) and a Chromium on the machine (Debian: ``apt-get install
chromium``; never ``playwright install``)::

    .venv/bin/python docs/screenshots.py

It writes, under ``docs/images/``:

- ``programme-desktop.png``: the whole German page at 1280 px, working groups side by side;
- ``programme-mobile.png``: the same at 375 px, its first screens;
- ``programme-print.pdf``: the page printed on A4, as a browser prints it;
- ``timetable-desktop.png`` and ``timetable-mobile.png``: the timetable layout of a large
  programme, the real 38C3 schedule (``../shared/schedules/38c3-hub.schedule.xml``, or
  ``--schedule``), its first day at 1280 px and at 375 px; left out where the file is absent.

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
SCHEDULE = ROOT.parent / "shared" / "schedules" / "38c3-hub.schedule.xml"
TIMETABLE_HEIGHT = {"desktop": 1000, "mobile": 1624}
"""How much of the timetable to show, from its first day's heading on."""
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


def render_schedule(path: Path) -> str:
    """A large imported schedule's page: its timetable layout, chosen by its shape."""
    html = exporters.get("html").render(ep.load(path), exporters.RenderOptions())
    if not isinstance(html, str):
        raise TypeError(f"the html exporter wrote {type(html).__name__}, not text")
    return html


def photograph_timetable(browser: object, page_file: Path, out: Path) -> None:
    """The first day of the timetable at 1280 and 375 px, from its heading down."""
    for name, viewport in [("desktop", DESKTOP), ("mobile", MOBILE)]:
        context = browser.new_context(  # type: ignore[attr-defined]
            viewport=viewport, color_scheme="light"
        )
        context.route("http*://**/*", lambda route: route.abort())
        page = context.new_page()
        page.goto(page_file.as_uri(), wait_until="load")
        top = page.evaluate(
            "document.querySelector('section[data-day]').getBoundingClientRect().top"
        )
        target = out / f"timetable-{name}.png"
        page.screenshot(
            path=target,
            full_page=True,
            clip={
                "x": 0,
                "y": top,
                "width": viewport["width"],
                "height": TIMETABLE_HEIGHT[name],
            },
            animations="disabled",
            caret="hide",
        )
        print(f"{target.relative_to(ROOT)}: {target.stat().st_size // 1024} KiB")
        context.close()


def main(argv: list[str] | None = None) -> int:
    """Write the screenshots and the PDF; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--chromium", default="/usr/bin/chromium", help="the browser to drive")
    parser.add_argument("--language", default="de", choices=["de", "en"])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "images")
    parser.add_argument("--schedule", type=Path, default=SCHEDULE, help="a large schedule")
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

            if args.schedule.is_file():
                schedule_file = Path(folder) / "timetable.html"
                schedule_file.write_text(render_schedule(args.schedule), encoding="utf-8")
                photograph_timetable(browser, schedule_file, args.out)
            else:
                print(f"note: {args.schedule} is absent: no timetable pictures", file=sys.stderr)
        finally:
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
