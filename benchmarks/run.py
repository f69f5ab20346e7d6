"""The benchmark suite of issue #13: load, validate and every format, at congress scale.

Run: ``python benchmarks/run.py [--sizes 100,1000,10000] [--repeat 5] [--json FILE]
[--markdown FILE] [--schedule FILE]``. It prints a Markdown report and, with
``--json``, writes every figure as JSON. ``docs/performance.md`` shows a run and says
how to read it.

What it measures:

- For each size N, the programme of N sessions from ``benchmarks/generate.py``,
  written as the organiser's TOML (and as canonical JSON), and the real 38C3
  schedule (``../shared/schedules/38c3-hub.schedule.xml``, 1,007 events in 72 rooms;
  skipped with a message when it is absent).
- Each of them in a fresh Python process, so that the peak memory is that of one
  programme: the largest resident set (``ru_maxrss``) after one round of every stage.
- Stages, each timed ``--repeat`` times (wall clock; CPU time in the JSON):

  - ``load``: ``eventprogram.load`` of the source file, as a rebuild reads it;
    ``load (JSON)``: the same programme from its canonical JSON;
  - ``validate``: :func:`eventprogram.validate`, as ``eventprogram validate`` runs it:
    the resolved view included;
  - ``all formats``: one build, as ``eventprogram build`` makes it (without writing):
    the resolved view (:func:`eventprogram.timeline`, its own row ``timeline``), then
    every format of :func:`eventprogram.exporters.available` in turn into one dict,
    but the PDF formats (:data:`APART`), which ``benchmarks/pdf.py`` times apart.
    Each format's row is its part of that build: it reads the view already resolved,
    so what one format costs alone (as a pretalx request) is its row plus
    ``timeline``.

  ``validate`` and the build each get a new :class:`~eventprogram.Programme` equal to
  the loaded one (``attrs.evolve``), so that neither the resolved view's one-entry
  cache nor the programme's id index carries over from the stage before. What a
  process keeps for good (the Jinja environment, a zone's VTIMEZONE) is made before
  the first timing: every format renders a programme of 10 sessions once.
- Start-up, each in a new process, ``--repeat`` times: ``import eventprogram``
  (the import alone, timed inside the process), ``eventprogram --help`` and a bare
  ``python -c pass`` (the whole command, as a user waits for it).

It reports the median with the minimum and maximum of the repeats, the peak memory,
the size of every output in bytes, the ratio of the HTML page to the Markdown, the
growth time(10 N) / time(N) of every stage, and whether each target of issue #13 is
met. Not a test: on a shared machine wall-clock times are noisy.
"""

from __future__ import annotations

import argparse
import gc
import importlib.metadata
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, Final, TypeVar

HERE = Path(__file__).resolve().parent
CHECKOUT = HERE.parent
SCHEDULE = CHECKOUT.parent / "shared/schedules/38c3-hub.schedule.xml"
WARM_UP = 10
"""The size of the programme every format renders once before the first timing."""
MB: Final = 1_000_000
"""Megabytes in the targets are 10^6 bytes."""

APART: Final = ("pdf", "pdf-flyer")
"""Formats timed by ``benchmarks/pdf.py`` instead: a congress's PDF has hundreds of pages
and takes half a minute, which would be most of every run of this suite."""

T = TypeVar("T")

LOAD, LOAD_JSON, TIMELINE, VALIDATE, ALL = (
    "load",
    "load (JSON)",
    "timeline",
    "validate",
    "all formats",
)


# --- in the worker process: one programme ---------------------------------------------------


def _timed(action: Callable[[], T]) -> tuple[T, float, float]:
    """Run *action* once after a full collection; its result, wall and CPU seconds."""
    gc.collect()
    wall, cpu = time.perf_counter(), time.process_time()
    result = action()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def _size(output: str | bytes) -> int:
    return len(output.encode("utf-8") if isinstance(output, str) else output)


def _peak_rss() -> int:
    """The largest resident set of this process so far, in bytes (Linux counts KiB)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def worker(source: Path, json_source: Path | None, repeat: int, warm_up: Path) -> dict[str, Any]:
    """Time every stage on *source*, *repeat* times; the figures as plain data."""
    import attrs  # noqa: PLC0415 -- the worker's imports are not the parent's

    import eventprogram as ep  # noqa: PLC0415
    from eventprogram import exporters  # noqa: PLC0415

    formats = {n: f for n, f in exporters.available().items() if n not in APART}
    options = exporters.RenderOptions()

    warm = ep.load(warm_up)
    ep.validate(warm)
    for fmt in formats.values():
        fmt.render(warm, options)
    del warm
    baseline = _peak_rss()

    wall: dict[str, list[float]] = {}
    cpu: dict[str, list[float]] = {}
    sizes: dict[str, int] = {}

    def record(stage: str, action: Callable[[], T]) -> T:
        result, seconds, cpu_seconds = _timed(action)
        wall.setdefault(stage, []).append(seconds)
        cpu.setdefault(stage, []).append(cpu_seconds)
        return result

    findings: dict[str, Any] = {}
    peak = 0
    for round_ in range(repeat):
        programme = record(LOAD, lambda: ep.load(source))
        if json_source is not None:
            record(LOAD_JSON, lambda: ep.load(json_source))
        fresh = attrs.evolve(programme)
        report = record(VALIDATE, lambda fresh=fresh: ep.validate(fresh))
        # One build: the resolved view, then every format in turn, each timed on its own.
        fresh = attrs.evolve(programme)
        gc.collect()
        began = time.perf_counter(), time.process_time()
        split = began
        outputs: dict[str, str | bytes] = {}
        for stage in (TIMELINE, *formats):
            if stage == TIMELINE:
                ep.timeline(fresh)
            else:
                outputs[stage] = formats[stage].render(fresh, options)
            now = time.perf_counter(), time.process_time()
            wall.setdefault(stage, []).append(now[0] - split[0])
            cpu.setdefault(stage, []).append(now[1] - split[1])
            split = now
        wall.setdefault(ALL, []).append(split[0] - began[0])
        cpu.setdefault(ALL, []).append(split[1] - began[1])
        sizes = {name: _size(output) for name, output in outputs.items()}
        del outputs, fresh
        if round_ == 0:
            peak = _peak_rss()
            view = ep.timeline(programme)
            findings = {
                "errors": report.count(ep.Severity.ERROR),
                "warnings": report.count(ep.Severity.WARNING),
                "infos": report.count(ep.Severity.INFO),
                "codes": dict(sorted(_codes(report).items())),
            }
            shape = {
                "days": len(programme.days),
                "rooms": len(programme.venue.rooms),
                "people": len(programme.people),
                "items": len(view.items),
                "sessions": sum(1 for item in view.items if _is_session(item)),
            }
        del programme, report
    return {
        "source": str(source),
        "source_bytes": source.stat().st_size,
        **shape,
        "findings": findings,
        "stages": {
            stage: {**_summary(times), "cpu": _summary(cpu[stage])} for stage, times in wall.items()
        },
        "output_bytes": sizes,
        "peak_rss_bytes": peak,
        "baseline_rss_bytes": baseline,
    }


def _codes(report: Any) -> dict[str, int]:
    counts: dict[str, int] = {}
    for finding in report.findings:
        counts[finding.code] = counts.get(finding.code, 0) + 1
    return counts


def _is_session(item: Any) -> bool:
    """Whether *item* is something one attends: not a break, marker, or block of sessions."""
    return not (item.is_marker or item.is_break or (item.is_slot and item.children))


def _summary(times: Sequence[float]) -> dict[str, Any]:
    return {
        "median": statistics.median(times),
        "min": min(times),
        "max": max(times),
        "runs": list(times),
    }


# --- in the parent process ------------------------------------------------------------------


def _run_worker(
    source: Path, json_source: Path | None, repeat: int, warm_up: Path
) -> dict[str, Any]:
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        result = Path(handle.name)
    try:
        command = [
            sys.executable,
            str(Path(__file__).resolve()),
            "--worker",
            str(source),
            "--worker-json-source",
            str(json_source or ""),
            "--worker-warm-up",
            str(warm_up),
            "--worker-result",
            str(result),
            "--repeat",
            str(repeat),
        ]
        subprocess.run(command, check=True)  # noqa: S603 -- our own script, our arguments
        data: dict[str, Any] = json.loads(result.read_text(encoding="utf-8"))
        return data
    finally:
        result.unlink(missing_ok=True)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _command_times(command: Sequence[str], runs: int, inside: bool = False) -> dict[str, Any]:
    """Run *command* *runs* times: the wall and CPU seconds of each, or those it prints."""
    wall, cpu = [], []
    for _ in range(runs):
        began, began_cpu = time.perf_counter(), _children_cpu()
        done = subprocess.run(command, check=True, capture_output=True, text=True)  # noqa: S603
        took, took_cpu = time.perf_counter() - began, _children_cpu() - began_cpu
        if inside:
            took, took_cpu = map(float, done.stdout.split())
        wall.append(took)
        cpu.append(took_cpu)
    return {**_summary(wall), "cpu": _summary(cpu)}


def startup(runs: int) -> dict[str, Any]:
    """The times of ``import eventprogram``, ``eventprogram --help`` and a bare Python."""
    script = Path(sys.executable).parent / "eventprogram"
    help_command = (
        [str(script), "--help"]
        if script.exists()
        else [sys.executable, "-m", "eventprogram", "--help"]
    )
    timed_import = (
        "import time; w, c = time.perf_counter(), time.process_time(); import eventprogram;"
        " print(time.perf_counter() - w, time.process_time() - c)"
    )
    return {
        "import eventprogram": _command_times([sys.executable, "-c", timed_import], runs, True),
        "eventprogram --help": _command_times(help_command, runs),
        "python -c pass": _command_times([sys.executable, "-c", "pass"], runs),
    }


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],  # noqa: S607 -- git from PATH
            cwd=CHECKOUT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        commit = None
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "eventprogram": importlib.metadata.version("eventprogram"),
        "commit": commit,
        "load_average": os.getloadavg(),
    }


def ratio(
    results: Mapping[str, Any], stage: str, small: str, large: str, clock: str = "wall"
) -> float | None:
    """time(large) / time(small) of *stage* by the *clock* (``wall`` or ``cpu``), if both ran."""
    try:
        before, after = (_median(results[size]["stages"][stage], clock) for size in (small, large))
    except KeyError:
        return None
    return after / before if before > 0 else None


def _median(summary: Mapping[str, Any], clock: str) -> float:
    return float(summary["median"] if clock == "wall" else summary["cpu"]["median"])


def targets(report: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Issue #13's targets with what was measured, and whether each is met.

    ``met`` is judged by the wall clock, ``met_cpu`` by CPU time: on a busy machine a
    stage waits for a core, and its CPU time is what it would take on an idle one.
    Either is ``None`` when the size was not run.
    """
    runs = report["runs"]
    rows: list[dict[str, Any]] = []

    def add(  # noqa: PLR0913 -- one row of the table, named where it is written
        target: str,
        measured: tuple[float | None, float | None],
        limit: float,
        unit: str,
        *,
        at_most: bool = False,
        stage: str | None = None,
    ) -> None:
        def met(value: float | None) -> bool | None:
            return None if value is None else value <= limit if at_most else value < limit

        wall, cpu = measured
        rows.append(
            {
                "target": target,
                "stage": stage,
                "measured": wall,
                "measured_cpu": cpu,
                "limit": limit,
                "unit": unit,
                "met": met(wall),
                "met_cpu": met(cpu),
            }
        )

    def time_of(size: str, stage: str) -> tuple[float | None, float | None]:
        summary = runs.get(size, {}).get("stages", {}).get(stage)
        return (None, None) if summary is None else (summary["median"], summary["cpu"]["median"])

    def same(value: float | None) -> tuple[float | None, float | None]:
        return value, value

    add("1,000: validate < 50 ms", time_of("1000", VALIDATE), 0.05, "s", stage=VALIDATE)
    add("1,000: all formats < 1 s", time_of("1000", ALL), 1.0, "s", stage=ALL)
    add("10,000: validate < 0.5 s", time_of("10000", VALIDATE), 0.5, "s", stage=VALIDATE)
    add("10,000: all formats < 10 s", time_of("10000", ALL), 10.0, "s", stage=ALL)
    large = runs.get("10000", {})
    peak = large.get("peak_rss_bytes")
    add("10,000: peak memory < 300 MB", same(None if peak is None else peak / MB), 300, "MB")
    html, markdown = (large.get("output_bytes", {}).get(name) for name in ("html", "markdown"))
    by_markdown = html / markdown if html and markdown else None
    add("10,000: HTML ≤ 5 × Markdown", same(by_markdown), 5, "×", at_most=True, stage="html")
    add("10,000: HTML < 8 MB", same(None if html is None else html / MB), 8, "MB", stage="html")
    growth = report["scaling"].get("1000→10000", {})
    for stage, wall in growth.get("wall", {}).items():
        cpu = growth["cpu"][stage]
        add(f"time(10,000) / time(1,000) ≤ 12: {stage}", (wall, cpu), 12, "×", at_most=True,
            stage=stage)  # fmt: skip
    start = report["startup"]
    for command, limit in (("import eventprogram", 0.15), ("eventprogram --help", 0.3)):
        summary = start[command]
        add(
            f"`{command}` < {limit * 1000:.0f} ms",
            (summary["median"], summary["cpu"]["median"]),
            limit,
            "s",
        )
    return rows


# --- the report -----------------------------------------------------------------------------


def _seconds(value: float) -> str:
    if value >= 1:
        return f"{value:.2f} s"
    if value >= 0.01:
        return f"{value * 1000:.0f} ms"
    return f"{value * 1000:.1f} ms"


def _spread(summary: Mapping[str, Any]) -> str:
    if summary["min"] == summary["max"]:
        return _seconds(summary["median"])
    return f"{_seconds(summary['median'])} ({_seconds(summary['min'])}–{_seconds(summary['max'])})"


def _bytes(value: float) -> str:
    if value >= MB:
        return f"{value / MB:.1f} MB"
    if value >= 1000:
        return f"{value / 1000:.0f} kB"
    return f"{value:.0f} B"


def _verdict(row: Mapping[str, Any]) -> str:
    met, met_cpu = row["met"], row["met_cpu"]
    if met is None:
        return "not run"
    if met:
        return "met"
    return "missed (met in CPU time)" if met_cpu else "**missed**"


def _value(value: float | None, unit: str) -> str:
    if value is None:
        return "–"
    if unit == "s":
        return _seconds(value)
    if unit == "MB":
        return f"{value:.1f} MB"
    return f"× {value:.1f}"


def _label(name: str) -> str:
    return f"{int(name):,}" if name.isdigit() else name


def _stages(report: Mapping[str, Any]) -> list[str]:
    seen: dict[str, None] = {}
    for run in report["runs"].values():
        seen.update(dict.fromkeys(run["stages"]))
    return list(seen)


def _overall(rows: Sequence[Mapping[str, Any]]) -> str:
    """One verdict for several targets: the worst of them."""
    if not rows:
        return ""
    verdicts = [_verdict(row) for row in rows]
    for worst in ("**missed**", "missed (met in CPU time)", "not run"):
        if worst in verdicts:
            return worst
    return "met"


def markdown(report: Mapping[str, Any]) -> str:
    """The report as Markdown tables."""
    runs = report["runs"]
    names = list(runs)
    repeat = report["settings"]["repeat"]
    growths = list(report["scaling"])
    by_stage: dict[str, list[Mapping[str, Any]]] = {}
    for target in report["targets"]:
        if target["stage"] is not None:
            by_stage.setdefault(target["stage"], []).append(target)
    sizes = list(map(_label, names))
    pairs = [" → ".join(_label(size) for size in g.split("→")) for g in growths]

    def table(head: Sequence[str]) -> list[str]:
        return ["", "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]

    lines = [
        (
            f"Wall-clock time: median of {repeat} runs (minimum–maximum). Sizes are sessions;"
            " × is the growth from one size to ten times it."
        ),
        *table(["stage", *sizes, *(f"× {p}" for p in pairs), "target"]),
    ]
    for stage in _stages(report):
        cells = [stage]
        cells += [
            _spread(runs[n]["stages"][stage]) if stage in runs[n]["stages"] else "–" for n in names
        ]
        cells += [_value(report["scaling"][g]["wall"].get(stage), "×") for g in growths]
        cells.append(_overall(by_stage.get(stage, [])))
        lines.append("| " + " | ".join(cells) + " |")

    lines += ["", "CPU time of the same runs (median): what a stage takes on an idle core."]
    lines += table(["stage", *sizes, *(f"× {p}" for p in pairs)])
    for stage in _stages(report):
        cells = [stage]
        cells += [
            _seconds(runs[n]["stages"][stage]["cpu"]["median"])
            if stage in runs[n]["stages"]
            else "–"
            for n in names
        ]
        cells += [_value(report["scaling"][g]["cpu"].get(stage), "×") for g in growths]
        lines.append("| " + " | ".join(cells) + " |")

    lines += table(["programme, memory, output", *sizes])

    def row(label: str, cell: Callable[[Mapping[str, Any]], str]) -> None:
        lines.append(f"| {label} | " + " | ".join(cell(runs[n]) for n in names) + " |")

    row("sessions (resolved items)", lambda r: f"{r['sessions']:,} ({r['items']:,})")
    row("days / rooms / people", lambda r: f"{r['days']} / {r['rooms']} / {r['people']:,}")
    row("source file", lambda r: _bytes(r["source_bytes"]))
    row(
        "findings: errors / warnings / infos",
        lambda r: "{errors} / {warnings} / {infos}".format(**r["findings"]),
    )
    row("peak memory (RSS)", lambda r: _bytes(r["peak_rss_bytes"]))
    row("of which start-up and warm-up", lambda r: _bytes(r["baseline_rss_bytes"]))
    formats = sorted({f for r in runs.values() for f in r["output_bytes"]})
    for name in formats:
        row(f"{name} output", lambda r, name=name: _bytes(r["output_bytes"].get(name, 0)))
    row("HTML / Markdown", lambda r: _value(r["html_markdown_ratio"], "×"))

    lines += table(["start-up", "wall: median (min–max)", "CPU: median"])
    for command, summary in report["startup"].items():
        lines.append(f"| `{command}` | {_spread(summary)} | {_seconds(summary['cpu']['median'])} |")

    lines += table(["target (issue #13)", "wall", "CPU", "target"])
    lines += [
        f"| {r['target']} | {_value(r['measured'], r['unit'])}"
        f" | {_value(r['measured_cpu'], r['unit'])} | {_verdict(r)} |"
        for r in report["targets"]
    ]
    for name, reason in report["skipped"].items():
        lines += ["", f"Skipped {name}: {reason}."]
    return "\n".join(lines) + "\n"


def _generate(n: int, *paths: Path) -> None:
    """Write the programme of *n* sessions to *paths* in a process of its own.

    The workers' peak memory must be their own: Linux starts a new process's peak
    (``ru_maxrss``) at its parent's, so this process never holds a programme.
    """
    command = [sys.executable, str(HERE / "generate.py"), str(n)]
    command += [arg for path in paths for arg in ("-o", str(path))]
    subprocess.run(command, check=True)  # noqa: S603 -- our own script, our arguments


def suite(sizes: Sequence[int], repeat: int, schedule: Path) -> dict[str, Any]:
    """Run every size and the real schedule, each in a worker, and the start-up; the report."""
    report: dict[str, Any] = {
        "machine": machine(),
        "settings": {"sizes": list(sizes), "repeat": repeat, "schedule": str(schedule)},
        "runs": {},
        "skipped": {},
    }
    with tempfile.TemporaryDirectory(prefix="eventprogram-bench-") as name:
        folder = Path(name)
        warm_up = folder / "warm-up.toml"
        _generate(WARM_UP, warm_up)
        for n in sizes:
            print(f"benchmark: {n:,} sessions …", file=sys.stderr, flush=True)
            toml_source, json_source = (
                folder / f"programme-{n}.toml",
                folder / f"programme-{n}.json",
            )
            _generate(n, toml_source, json_source)
            report["runs"][str(n)] = _run_worker(toml_source, json_source, repeat, warm_up)
        if schedule.is_file():
            print(f"benchmark: {schedule.name} …", file=sys.stderr, flush=True)
            report["runs"]["38C3"] = _run_worker(schedule, None, repeat, warm_up)
        else:
            reason = f"{schedule} not found"
            print(f"benchmark: skipped the real schedule: {reason}", file=sys.stderr)
            report["skipped"]["38C3"] = reason
    print("benchmark: start-up …", file=sys.stderr, flush=True)
    report["startup"] = startup(repeat)
    for run in report["runs"].values():
        html, markdown_size = run["output_bytes"].get("html"), run["output_bytes"].get("markdown")
        run["html_markdown_ratio"] = html / markdown_size if html and markdown_size else None
    report["scaling"] = {
        f"{small}→{small * 10}": {
            clock: {
                stage: ratio(report["runs"], stage, str(small), str(small * 10), clock)
                for stage in report["runs"][str(small)]["stages"]
            }
            for clock in ("wall", "cpu")
        }
        for small in sizes
        if small * 10 in sizes
    }
    report["targets"] = targets(report)
    report["machine"]["load_average_after"] = os.getloadavg()
    return report


def main(argv: Sequence[str] | None = None) -> int:
    """Run the suite (or, with ``--worker``, one programme in this process)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes",
        default="100,1000,10000",
        help="sessions, comma-separated; '' for the real schedule alone",
    )
    parser.add_argument("--repeat", type=int, default=5, help="runs of each stage (default 5)")
    parser.add_argument("--json", type=Path, help="write every figure to this file as JSON")
    parser.add_argument("--markdown", type=Path, help="write the report to this file too")
    parser.add_argument(
        "--schedule", type=Path, default=SCHEDULE, help="a real schedule (default: 38C3's)"
    )
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--worker-json-source", default="", help=argparse.SUPPRESS)
    parser.add_argument("--worker-warm-up", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--worker-result", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be 1 or more")
    if args.worker is not None:
        figures = worker(
            args.worker,
            Path(args.worker_json_source) if args.worker_json_source else None,
            args.repeat,
            args.worker_warm_up,
        )
        args.worker_result.write_text(json.dumps(figures), encoding="utf-8")
        return 0
    try:
        sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    except ValueError:
        parser.error(f"--sizes takes whole numbers separated by commas, not {args.sizes!r}")
    if sizes and min(sizes) < 1:
        parser.error("--sizes takes whole numbers of 1 or more")

    report = suite(sizes, args.repeat, args.schedule)
    text = markdown(report)
    print(text)
    if args.markdown is not None:
        args.markdown.write_text(text, encoding="utf-8")
    if args.json is not None:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
