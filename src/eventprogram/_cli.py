"""The ``eventprogram`` command.

Exit codes: 0 all well; 1 the programme has errors (or output could not be
written); 2 the input cannot be read or the command line is wrong.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TextIO

from . import exporters
from ._i18n import language_of
from ._model import Programme
from ._source import load, load_images
from .errors import PluginError, SourceError
from .rules import validate

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_INPUT = 2

_LANGUAGES = ("de", "en")


def _parser() -> argparse.ArgumentParser:
    from . import __version__  # noqa: PLC0415 -- avoids an import cycle at module level

    parser = argparse.ArgumentParser(
        prog="eventprogram",
        description="Make an event programme correct once and publish it everywhere.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = commands.add_parser(
        "build",
        help="write the programme in one or more formats",
        description="Check the programme, then write one file per format into OUTDIR.",
    )
    build.add_argument("source", metavar="SOURCE", help="programme file, or a folder with one")
    build.add_argument(
        "-o", "--output", metavar="OUTDIR", default="dist", help="where to write (default: dist)"
    )
    build.add_argument(
        "-f",
        "--formats",
        metavar="FORMAT,...",
        help="comma-separated formats (default: all; see 'eventprogram formats')",
    )
    build.add_argument("--lang", choices=_LANGUAGES, help="output language (default: programme's)")
    build.add_argument(
        "--force", action="store_true", help="write even when validation finds errors"
    )
    build.add_argument(
        "--split",
        action="store_true",
        help="also write one file per slot and session where the format can (ical)",
    )

    check = commands.add_parser(
        "validate",
        help="check the programme and report what is wrong",
        description="Exit 0 when there is no error, 1 when there are errors, 2 when"
        " SOURCE cannot be read.",
    )
    check.add_argument("source", metavar="SOURCE", help="programme file, or a folder with one")
    check.add_argument("--lang", choices=_LANGUAGES, help="report language (default: programme's)")
    check.add_argument(
        "--format", choices=("text", "json"), default="text", help="report as text or JSON"
    )

    convert = commands.add_parser(
        "convert",
        help="turn one file into another format",
        description="Read INPUT (a programme, a schedule.xml or a schedule.json: told from the"
        " content), check it, and write it to OUTPUT in the format its suffix names, or --to.",
    )
    convert.add_argument("input", metavar="INPUT", help="programme or schedule file")
    convert.add_argument("output", metavar="OUTPUT", help="the file to write; '-' for stdout")
    convert.add_argument(
        "--to", metavar="FORMAT", help="the format (default: from OUTPUT's suffix)"
    )
    convert.add_argument(
        "--lang", choices=_LANGUAGES, help="output language (default: programme's)"
    )
    convert.add_argument(
        "--force", action="store_true", help="write even when validation finds errors"
    )

    commands.add_parser("formats", help="list the formats that can be built")
    commands.add_parser("schema", help="print the JSON Schema of eventprogram JSON (Draft 2020-12)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with *argv* and return the exit code."""
    args = _parser().parse_args(argv)
    try:
        return _run(args)
    except SourceError as exc:
        print("eventprogram: cannot read the programme:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return EXIT_INPUT
    except PluginError as exc:
        print(f"eventprogram: an installed plug-in is broken: {exc}", file=sys.stderr)
        return EXIT_INPUT


def _run(args: argparse.Namespace) -> int:
    if args.command == "formats":
        return _formats(sys.stdout)
    if args.command == "schema":
        from ._schema import schema_text  # noqa: PLC0415 -- only this command needs it

        sys.stdout.write(schema_text())
        return EXIT_OK
    if args.command == "convert":
        return _convert(args)
    programme = load(args.source)
    if args.command == "validate":
        return _validate(programme, args, sys.stdout)
    return _build(programme, args)


def _formats(out: TextIO) -> int:
    available = exporters.available()
    width = max(len(name) for name in available)
    suffix_width = max(8, *(len(fmt.suffix) for fmt in available.values()))
    for name, fmt in available.items():
        print(f"{name:<{width}}  {fmt.suffix:<{suffix_width}}  {fmt.description}", file=out)
    return EXIT_OK


def _validate(programme: Programme, args: argparse.Namespace, out: TextIO) -> int:
    report = validate(programme)
    language = language_of(programme, args.lang)
    if args.format == "json":
        data = {"source": args.source, **report.to_dict(language)}
        out.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        out.write(report.to_text(language, source=args.source))
    return EXIT_OK if report.ok else EXIT_FINDINGS


def _build(programme: Programme, args: argparse.Namespace) -> int:
    available = exporters.available()
    names = [n.strip() for n in args.formats.split(",")] if args.formats else list(available)
    if unknown := [n for n in names if n not in available]:
        print(
            f"eventprogram: unknown format {', '.join(map(repr, unknown))};"
            f" available: {', '.join(available)}",
            file=sys.stderr,
        )
        return EXIT_INPUT
    if not _checked(programme, args, args.source):
        return EXIT_FINDINGS
    images, missing = load_images(programme, args.source)
    for problem in missing:
        print(f"eventprogram: note: {problem}", file=sys.stderr)
    options = exporters.RenderOptions(language=args.lang, images=images)
    output = Path(args.output)
    outputs: dict[Path, str | bytes] = {}
    for name in names:
        fmt = available[name]
        outputs[output / f"{programme.id}{fmt.suffix}"] = fmt.render(programme, options)
        if args.split and fmt.split is not None:
            for item, content in fmt.split(programme, options).items():
                outputs[output / f"{programme.id}.{item}{fmt.suffix}"] = content
    try:
        _write_all(outputs)
    except OSError as exc:
        print(f"eventprogram: cannot write: {exc}", file=sys.stderr)
        return EXIT_FINDINGS
    for path in outputs:
        print(f"wrote {path}")
    return EXIT_OK


def _checked(programme: Programme, args: argparse.Namespace, source: str) -> bool:
    """Report errors; return whether to go on writing."""
    report = validate(programme)
    if report.ok:
        return True
    sys.stderr.write(report.to_text(language_of(programme, args.lang), source=source))
    if args.force:
        return True
    print(
        "eventprogram: nothing written: the programme has errors"
        " (mend them, or write anyway with --force)",
        file=sys.stderr,
    )
    return False


def _convert(args: argparse.Namespace) -> int:
    available = exporters.available()
    name: str | None = args.to or _format_of(args.output, available)
    if name is None or name not in available:
        told = f"unknown format {name!r}" if name else f"cannot tell the format of {args.output!r}"
        print(f"eventprogram: {told}; name one with --to: {', '.join(available)}", file=sys.stderr)
        return EXIT_INPUT
    programme = load(args.input)
    if not _checked(programme, args, args.input):
        return EXIT_FINDINGS
    images, missing = load_images(programme, args.input)
    for problem in missing:
        print(f"eventprogram: note: {problem}", file=sys.stderr)
    content = available[name].render(
        programme, exporters.RenderOptions(language=args.lang, images=images)
    )
    if args.output == "-":
        data = content.encode("utf-8") if isinstance(content, str) else content
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        return EXIT_OK
    try:
        _write_all({Path(args.output): content})
    except OSError as exc:
        print(f"eventprogram: cannot write: {exc}", file=sys.stderr)
        return EXIT_FINDINGS
    print(f"wrote {args.output}", file=sys.stderr)
    return EXIT_OK


def _format_of(path: str, available: Mapping[str, exporters.Format]) -> str | None:
    """The format whose suffix *path* ends in, the longest suffix first (.schedule.json)."""
    name = Path(path).name.lower()
    by_suffix = sorted(available.items(), key=lambda item: -len(item[1].suffix))
    for format_name, fmt in by_suffix:
        if name.endswith(fmt.suffix.lower()):
            return format_name
    return {".xml": "frab-xml", ".htm": "html", ".markdown": "markdown"}.get(Path(name).suffix)


def _write_all(outputs: dict[Path, str | bytes]) -> None:
    """Write every file, or none: each goes to a temporary file first, then is renamed."""
    staged: list[tuple[str, Path]] = []
    umask = os.umask(0)
    os.umask(umask)
    try:
        for path, content in outputs.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            data = content.encode("utf-8") if isinstance(content, str) else content
            fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            # mkstemp makes the file private; give it the mode any new file would get.
            Path(temporary).chmod(0o666 & ~umask)
            staged.append((temporary, path))
        for temporary, path in staged:
            Path(temporary).replace(path)
    finally:
        for temporary, _ in staged:
            Path(temporary).unlink(missing_ok=True)
