"""The PDF formats' benchmark (issue #18): the 38C3 schedule and generated congresses as PDF.

Run: ``python benchmarks/pdf.py [--sizes 100,1000] [--repeat 1] [--schedule FILE]
[--markdown FILE]``. It prints a Markdown table: for each programme, the wall-clock and
CPU seconds of ``pdf`` (the whole programme) and ``pdf-flyer``, their pages and bytes,
and whether the whole 38C3 programme is made in under 30 seconds (the issue's target).

The PDF formats are timed here, apart from ``benchmarks/run.py``: a congress's PDF has
hundreds of pages and takes half a minute, which would be most of every run of the
suite. Each programme is rendered in a fresh process (``--worker``), so that the fonts
WeasyPrint loads once are loaded in the time; the programme is loaded before the clock
starts. Pages are counted with pikepdf (the test extra).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SCHEDULE = HERE.parent.parent / "shared/schedules/38c3-hub.schedule.xml"
FORMATS = ("pdf", "pdf-flyer")
TARGET_SECONDS = 30.0
"""The issue's target: the 38C3-sized schedule's whole programme in under 30 s."""


def worker(source: Path, repeat: int) -> dict[str, Any]:
    """Render *source* in each PDF format *repeat* times: seconds, pages, bytes."""
    import pikepdf  # noqa: PLC0415 -- the worker's imports are not the parent's

    import eventprogram as ep  # noqa: PLC0415
    from eventprogram import exporters  # noqa: PLC0415

    programme = ep.load(source)
    options = exporters.RenderOptions()
    figures: dict[str, Any] = {}
    for name in FORMATS:
        render = exporters.get(name).render
        wall, cpu = [], []
        data = b""
        for _ in range(repeat):
            began, began_cpu = time.perf_counter(), time.process_time()
            output = render(programme, options)
            wall.append(time.perf_counter() - began)
            cpu.append(time.process_time() - began_cpu)
            data = output if isinstance(output, bytes) else output.encode()
        with pikepdf.open(io.BytesIO(data)) as document:
            pages = len(document.pages)
        figures[name] = {
            "wall": statistics.median(wall),
            "cpu": statistics.median(cpu),
            "runs": wall,
            "pages": pages,
            "bytes": len(data),
        }
    return figures


def _run_worker(source: Path, repeat: int) -> dict[str, Any]:
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", str(source)]
    command += ["--repeat", str(repeat)]
    done = subprocess.run(command, check=True, capture_output=True, text=True)  # noqa: S603
    figures: dict[str, Any] = json.loads(done.stdout)
    return figures


def suite(sizes: Sequence[int], repeat: int, schedule: Path) -> dict[str, Any]:
    """Every generated size and the real schedule, each in a worker of its own."""
    runs: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="eventprogram-pdf-bench-") as name:
        for n in sizes:
            print(f"benchmark: {n:,} sessions …", file=sys.stderr, flush=True)
            source = Path(name) / f"programme-{n}.toml"
            command = [sys.executable, str(HERE / "generate.py"), str(n), "-o", str(source)]
            subprocess.run(command, check=True)  # noqa: S603 -- our own script
            runs[f"{n:,} sessions"] = _run_worker(source, repeat)
    skipped = None
    if schedule.is_file():
        print(f"benchmark: {schedule.name} …", file=sys.stderr, flush=True)
        runs["38C3"] = _run_worker(schedule, repeat)
    else:
        skipped = f"{schedule} not found"
    return {"runs": runs, "skipped": skipped, "load_average_after": os.getloadavg()}


def markdown(report: dict[str, Any]) -> str:
    """The report as a Markdown table, and the target met or missed."""
    lines = [
        "| programme | format | wall | CPU | pages | size |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for programme, figures in report["runs"].items():
        for name, f in figures.items():
            lines.append(
                f"| {programme} | `{name}` | {f['wall']:.1f} s | {f['cpu']:.1f} s"
                f" | {f['pages']:,} | {f['bytes'] / 1_000_000:.2f} MB |"
            )
    congress = report["runs"].get("38C3")
    if congress is not None:
        wall = congress["pdf"]["wall"]
        verdict = "met" if wall < TARGET_SECONDS else "**missed**"
        lines += ["", f"38C3, the whole programme as PDF in < 30 s: {wall:.1f} s, {verdict}."]
    if report["skipped"]:
        lines += ["", f"Skipped 38C3: {report['skipped']}."]
    load = ", ".join(f"{value:.1f}" for value in report["load_average_after"])
    lines += ["", f"Load average afterwards: {load}."]
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the PDF benchmark (or, with ``--worker``, one programme in this process)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="", help="generated sessions, comma-separated")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each format (default 1)")
    parser.add_argument("--schedule", type=Path, default=SCHEDULE, help="default: 38C3's")
    parser.add_argument("--markdown", type=Path, help="write the report to this file too")
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be 1 or more")
    if args.worker is not None:
        print(json.dumps(worker(args.worker, args.repeat)))
        return 0
    try:
        sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    except ValueError:
        parser.error(f"--sizes takes whole numbers separated by commas, not {args.sizes!r}")
    text = markdown(suite(sizes, args.repeat, args.schedule))
    print(text)
    if args.markdown is not None:
        args.markdown.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
