"""The ``eventprogram`` command.

Exit codes: 0 all well; 1 the programme has errors (or output could not be
written); 2 the input cannot be read or the command line is wrong; 70 an internal
error (a bug: please report it); 130 interrupted (Ctrl-C), 143 terminated (SIGTERM),
129 hung up (SIGHUP); 141 standard output was closed early (a broken pipe, as in
``eventprogram convert IN - | head``), quietly, as a program killed by SIGPIPE.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import errno
import io
import itertools
import json
import os
import re
import shlex
import signal
import sys
import threading
import traceback
import zoneinfo
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from . import exporters
from ._bilingual import Text, is_german
from ._changes import Changes, diff
from ._i18n import language_of
from ._model import Programme
from ._output import write_all
from ._releases import latest_release, load_release, release, releases, releases_folder
from ._scaffold import LARGEST_GROUPS
from ._source import load, load_images, loads, source_file
from ._text import escape_surrogates
from ._validation import inert
from .errors import MissingExtraError, PluginError, Problem, SourceError
from .rules import validate

if TYPE_CHECKING:
    from types import FrameType

    _Handler = Callable[[int, FrameType | None], Any] | int | None

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_INPUT = 2
EXIT_INTERNAL = 70  # sysexits.h EX_SOFTWARE: neither the programme's fault nor the user's
EXIT_SIGNAL = 128  # plus the signal's number, as a shell reports a program a signal ended
EXIT_BROKEN_PIPE = EXIT_SIGNAL + 13  # SIGPIPE's number on every POSIX system
DEBUG_VARIABLE = "EVENTPROGRAM_DEBUG"
"""Set (to anything but empty or ``0``) to get the traceback of an internal error."""
ISSUES = "https://github.com/eventprogram/eventprogram/issues"

_LANGUAGES = ("de", "en")
_LAYOUTS = ("auto", "document", "timetable")
_LAYOUT_HELP = (
    "how the web page lays out the days: auto (by the programme's shape), document, or"
    " timetable (default: the programme's layout, else auto)"
)


def _parser() -> argparse.ArgumentParser:
    from . import __version__  # noqa: PLC0415 -- avoids an import cycle at module level

    parser = argparse.ArgumentParser(
        prog="eventprogram",
        description="Make an event programme correct once and publish it everywhere.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    debug_help = f"on an internal error, show the traceback (or set {DEBUG_VARIABLE}=1)"
    parser.add_argument("--debug", action="store_true", help=debug_help)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    # Also after the command; SUPPRESS keeps a subcommand from resetting a --debug before it.
    debug = argparse.ArgumentParser(add_help=False)
    debug.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=debug_help)

    build = commands.add_parser(
        "build",
        parents=[debug],
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
        help="comma-separated formats (default: all; see 'eventprogram formats'); also"
        " 'changes-json' and 'atom', written where there are changes to show",
    )
    build.add_argument("--lang", choices=_LANGUAGES, help="output language (default: programme's)")
    build.add_argument(
        "--force", action="store_true", help="write even when validation finds errors"
    )
    build.add_argument("--layout", choices=_LAYOUTS, help=_LAYOUT_HELP)
    build.add_argument(
        "--split",
        action="store_true",
        help="also write one file per slot and session where the format can (ical)",
    )
    build.add_argument(
        "--since",
        metavar="FILE",
        help="show the changes since this version of the programme (any source; default:"
        " the latest earlier release in releases/ beside SOURCE, where there is one)",
    )

    release = commands.add_parser(
        "release",
        parents=[debug],
        help="keep this version of the programme as a release, named after its revision",
        description="Check the programme, then write its canonical JSON into releases/ beside"
        " SOURCE (or --to DIR) as <revision>.json. A release of the same revision with the"
        " same content is left as it is; with other content it is an error: raise revision.",
    )
    release.add_argument("source", metavar="SOURCE", help="programme file, or a folder with one")
    release.add_argument(
        "--to", metavar="DIR", help="the releases folder (default: releases/ beside SOURCE)"
    )
    release.add_argument("--lang", choices=_LANGUAGES, help="message language")
    release.add_argument(
        "--force", action="store_true", help="release even when validation finds errors"
    )

    _add_change_commands(commands, debug)

    check = commands.add_parser(
        "validate",
        parents=[debug],
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
        parents=[debug],
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
    convert.add_argument("--layout", choices=_LAYOUTS, help=_LAYOUT_HELP)

    new = commands.add_parser(
        "new",
        parents=[debug],
        help="make a new event to fill in",
        description="Write FOLDER/programme.toml: a new event in the shape of the worked"
        " example, with a placeholder marked AUSFÜLLEN (TODO in English) wherever something"
        " is to be filled in. It validates and builds as it is. FOLDER must not exist, or be"
        " empty.",
    )
    new.add_argument("folder", metavar="FOLDER", help="the new event's folder")
    new.add_argument(
        "--lang",
        choices=_LANGUAGES,
        default="de",
        help="language of the programme, its placeholders and comments (default: de)",
    )
    new.add_argument(
        "--days", type=int, choices=(1, 2), default=1, help="one day or two (default: 1)"
    )
    new.add_argument(
        "--groups",
        type=_group_count,
        default=2,
        metavar="N",
        help=f"working groups side by side, 0 to {LARGEST_GROUPS} (default: 2)",
    )
    new.add_argument(
        "--date",
        type=_iso_date,
        metavar="YYYY-MM-DD",
        help="the (first) day (default: today, to be filled in)",
    )
    new.add_argument("--title", help="the event's title (default: a placeholder)")

    preview = commands.add_parser(
        "preview",
        parents=[debug],
        help="show the web page in the browser, renewed on every save",
        description="Serve the programme's web page at http://HOST:PORT/ and build it anew"
        " whenever SOURCE or one of its images changes; the page in the browser reloads"
        " itself and shows the findings, or why the source cannot be read. Ctrl-C stops it.",
    )
    preview.add_argument("source", metavar="SOURCE", help="programme file, or a folder with one")
    preview.add_argument(
        "--port", type=_port, default=8000, help="the port (default: 8000; 0: any free one)"
    )
    preview.add_argument(
        "--host",
        default="127.0.0.1",
        help="the address to listen on (default: 127.0.0.1, this computer only)",
    )
    preview.add_argument("--lang", choices=_LANGUAGES, help="page language (default: programme's)")

    commands.add_parser("formats", parents=[debug], help="list the formats that can be built")
    schema = commands.add_parser(
        "schema",
        parents=[debug],
        help="print the JSON Schema of eventprogram JSON (Draft 2020-12)",
    )
    schema.add_argument(
        "--changes",
        action="store_true",
        help="the schema of the changes document (diff --format json, <id>.changes.json) instead",
    )
    return parser


def _group_count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if not 0 <= value <= LARGEST_GROUPS:
        message = f"not a number from 0 to {LARGEST_GROUPS}: {text!r}"
        raise argparse.ArgumentTypeError(message)
    return value


def _iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date YYYY-MM-DD: {text!r}") from None


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"not a port from 0 to 65535: {text!r}")
    return value


def _add_change_commands(commands: Any, debug: argparse.ArgumentParser) -> None:
    """The ``diff`` and ``notices`` commands and their arguments."""
    changes = commands.add_parser(
        "diff",
        parents=[debug],
        help="show what changed between two versions of a programme",
        description="Compare OLD and NEW (programme files or folders, releases, schedule.xml,"
        " schedule.json) item by item and print what was added, changed, moved or cancelled."
        " Exit 0 whether or not anything changed; 2 when a source cannot be read.",
    )
    changes.add_argument("old", metavar="OLD", help="the earlier version")
    changes.add_argument("new", metavar="NEW", help="the later version")
    changes.add_argument(
        "--format", choices=("text", "json"), default="text", help="as text or as JSON"
    )
    changes.add_argument("--lang", choices=_LANGUAGES, help="language of the text (default: NEW's)")

    notices = commands.add_parser(
        "notices",
        parents=[debug],
        help="write a notice and a calendar for each person a change concerns",
        description="Compare OLD and NEW as diff does; for each person whose appearances"
        " changed, write DIR/<person>.txt (a text to mail) and DIR/<person>.ics (their"
        " appearances in NEW), and DIR/index.txt: who gets what. Exit 0; 2 when a source"
        " cannot be read.",
    )
    notices.add_argument("old", metavar="OLD", help="the earlier version")
    notices.add_argument("new", metavar="NEW", help="the later version")
    notices.add_argument("-o", "--output", metavar="DIR", required=True, help="where to write")
    notices.add_argument(
        "--lang", choices=_LANGUAGES, help="language of the notices (default: NEW's)"
    )


class _Signalled(BaseException):
    """SIGTERM or SIGHUP arrived: unwind like Ctrl-C, so that nothing is left behind."""

    def __init__(self, number: int) -> None:
        super().__init__(number)
        self.number = number


class _ClosedOutput(io.TextIOWrapper):
    """Standard output that was closed before the start: writing to it is an error, not a bug."""

    def __init__(self) -> None:
        super().__init__(io.BytesIO(), encoding="utf-8")

    def write(self, _: str) -> int:
        raise OSError(errno.EBADF, "standard output is closed")

    @property
    def buffer(self) -> io.BufferedWriter:
        raise OSError(errno.EBADF, "standard output is closed")


def main(argv: Sequence[str] | None = None) -> int:  # noqa: PLR0911 -- an exit code per ending
    """Run the command line with *argv* and return the exit code.

    No exception escapes for bad input, a closed pipe or an interrupt: each ends in
    a message on standard error and its exit code (see the module's docstring).
    """
    debug = os.environ.get(DEBUG_VARIABLE, "") not in {"", "0"}
    requested: str | None = None
    if sys.stdout is None:  # started with standard output closed (`>&-`)
        sys.stdout = _ClosedOutput()
    with _signals_handled():
        try:
            args = _parser().parse_args(argv)  # usage errors exit 2 from here (SystemExit)
            debug = debug or args.debug
            requested = getattr(args, "lang", None)
            code = _run(args)
            sys.stdout.flush()  # a broken pipe shows here, not at the interpreter's exit
        except SourceError as exc:
            _problems(exc.problems, requested or exc.language or "en")
            return EXIT_INPUT
        except (PluginError, MissingExtraError) as exc:  # a plug-in broken, or its part missing
            broken = "an installed plug-in is broken: " if isinstance(exc, PluginError) else ""
            _error(f"{broken}{inert(str(exc))}")
            return EXIT_INPUT
        except KeyboardInterrupt:
            _error("interrupted")
            return EXIT_SIGNAL + signal.SIGINT
        except _Signalled as exc:
            _error(f"stopped by {signal.Signals(exc.number).name}")
            return EXIT_SIGNAL + exc.number
        except BrokenPipeError:
            _silence_stdout()
            return EXIT_BROKEN_PIPE
        except OSError as exc:
            # Reading and writing catch their own; this is the environment, not a bug.
            _error(_os_error(exc))
            return EXIT_INPUT
        except Exception as exc:  # noqa: BLE001 -- the last line of defence against tracebacks
            _error(
                f"internal error ({type(exc).__name__}: {inert(str(exc))[:200]});"
                f" please report it at {ISSUES}"
                + ("" if debug else f" with the traceback that --debug or {DEBUG_VARIABLE}=1 shows")
            )
            if debug:
                traceback.print_exc()
            return EXIT_INTERNAL
        return code


@contextlib.contextmanager
def _signals_handled() -> Iterator[None]:
    """Unwind on SIGTERM and SIGHUP as on Ctrl-C; get EFBIG instead of death at a size limit."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def unwind(number: int, _frame: FrameType | None) -> NoReturn:
        raise _Signalled(number)

    previous: dict[int, _Handler] = {}
    wanted: dict[str, _Handler] = {"SIGTERM": unwind, "SIGHUP": unwind, "SIGXFSZ": signal.SIG_IGN}
    for name, handler in wanted.items():
        if (number := getattr(signal, name, None)) is not None:
            previous[number] = signal.signal(number, handler)
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _silence_stdout() -> None:
    """After a broken pipe, point stdout at devnull so that exiting writes nothing more.

    This is the recipe of the Python docs (the ``signal`` module's note on SIGPIPE).
    """
    with contextlib.suppress(OSError, ValueError):  # io.UnsupportedOperation: no real file
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def _error(message: str) -> None:
    print(f"eventprogram: {message}", file=sys.stderr)


def _problems(problems: Sequence[Problem], language: str) -> None:
    """Report why the source can't be read, in *language* (``--lang``, else the source's)."""
    header = (
        "das Programm kann nicht gelesen werden:"
        if is_german(language)
        else "cannot read the programme:"
    )
    print(f"eventprogram: {header}", file=sys.stderr)
    for problem in problems:
        print(f"  {inert(problem.to_text(language))}", file=sys.stderr)


def _os_error(exc: OSError) -> str:
    """A one-line message for *exc* that names the file, without Python's wording."""
    what = exc.strerror or str(exc)
    if exc.filename is None:
        return inert(what)
    return inert(f"{os.fsdecode(exc.filename)}: {what}")


@contextlib.contextmanager
def _reading(source: str) -> Iterator[None]:
    """Turn an OSError while reading *source* into a SourceError that names the file."""
    try:
        yield
    except OSError as exc:
        if isinstance(exc, BrokenPipeError):
            raise
        name = os.fsdecode(exc.filename) if exc.filename is not None else source
        reason = exc.strerror or str(exc)
        text = Text(f"kann nicht gelesen werden: {reason}", f"cannot read: {reason}")
        raise SourceError([Problem(text, file=name)]) from None


def _run(args: argparse.Namespace) -> int:  # noqa: PLR0911 -- one return per command
    if args.command == "formats":
        return _formats(sys.stdout)
    if args.command == "schema":
        from ._schema import changes_schema_text, schema_text  # noqa: PLC0415 -- only here

        sys.stdout.write(changes_schema_text() if args.changes else schema_text())
        return EXIT_OK
    if args.command == "convert":
        return _convert(args)
    if args.command == "diff":
        return _diff(args, sys.stdout)
    if args.command == "new":
        return _new(args)
    if args.command == "preview":
        from ._preview import serve  # noqa: PLC0415 -- only this command needs it

        return serve(args.source, host=args.host, port=args.port, language=args.lang)
    if args.command == "notices":
        return _notices(args, sys.stdout)
    with _reading(args.source):
        programme = load(args.source)
    if args.command == "validate":
        return _validate(programme, args, sys.stdout)
    if args.command == "release":
        return _release(programme, args)
    return _build(programme, args)


def _diff(args: argparse.Namespace, out: TextIO) -> int:
    with _reading(args.old):
        old = load(args.old)
    with _reading(args.new):
        new = load(args.new)
    changes = diff(old, new)
    if args.format == "json":
        text = json.dumps(changes.to_dict(), ensure_ascii=False, indent=2) + "\n"
        out.write(_SURROGATE.sub(lambda m: f"\\u{ord(m[0]):04x}", text))
    else:
        lines = changes.text_lines(language_of(new, args.lang))
        out.write("".join(f"{inert(line)}\n" for line in lines))
    return EXIT_OK


def _notices(args: argparse.Namespace, out: TextIO) -> int:
    from ._notices import index_text, notices  # noqa: PLC0415 -- only this command needs it

    with _reading(args.old):
        old = load(args.old)
    with _reading(args.new):
        new = load(args.new)
    changes = diff(old, new)
    found = notices(changes, args.lang)
    folder = Path(args.output)
    outputs: dict[Path, str | bytes] = {}
    for notice in found:
        outputs[folder / notice.text_file] = notice.text
        if notice.calendar is not None and notice.calendar_file is not None:
            outputs[folder / notice.calendar_file] = notice.calendar
    index = index_text(found, changes, args.lang)
    outputs[folder / "index.txt"] = index
    if not _written(outputs):
        return EXIT_FINDINGS
    out.write("".join(f"{inert(line)}\n" for line in index.splitlines()))
    return EXIT_OK


def _release(programme: Programme, args: argparse.Namespace) -> int:
    if not _checked(programme, args, args.source):
        return EXIT_FINDINGS
    folder = Path(args.to) if args.to else releases_folder(args.source)
    with _reading(args.source):
        where = str(source_file(args.source))
    try:
        released = release(programme, folder, source=where)
    except SourceError as exc:
        language = language_of(programme, args.lang)
        header = "nicht veröffentlicht:" if is_german(language) else "not released:"
        _error(header)
        for problem in exc.problems:
            print(f"  {inert(problem.to_text(language))}", file=sys.stderr)
        return EXIT_FINDINGS
    except OSError as exc:
        _error(f"cannot write the release, nothing written: {_os_error(exc)}")
        return EXIT_FINDINGS
    german = is_german(language_of(programme, args.lang))
    if released.written:
        print(f"{'veröffentlicht' if german else 'released'}: {released.path}")
    else:
        print(f"{'schon veröffentlicht' if german else 'already released'}: {released.path}")
    return EXIT_OK


def _history(programme: Programme, args: argparse.Namespace) -> tuple[Changes, ...]:
    """The changes between consecutive earlier releases, oldest first: for the calendar's SEQUENCE.

    Only where ``build`` compares with the releases folder: ``--since`` names one version,
    not a chain.
    """
    if args.since is not None:
        return ()
    chain = releases(releases_folder(args.source), before=programme.revision)
    loaded = []
    for path in chain:
        with _reading(str(path)):
            loaded.append(load_release(path))
    return tuple(diff(old, new) for old, new in itertools.pairwise(loaded))


def _since(programme: Programme, args: argparse.Namespace) -> Changes | None:
    """What changed since ``--since``, else since the latest earlier release; ``None``: no base."""
    if args.since is not None:
        with _reading(args.since):
            base = load(args.since)
        return diff(base, programme)
    folder = releases_folder(args.source)
    previous = latest_release(folder, before=programme.revision)
    if previous is None:
        return None
    with _reading(str(previous)):
        base = load_release(previous)
    return diff(base, programme)


def _new(args: argparse.Namespace) -> int:
    """Write a new event's folder; refuse a folder that holds anything."""
    from ._scaffold import (  # noqa: PLC0415 -- only this command needs it
        ScaffoldError,
        Shape,
        programme_id,
        scaffold_text,
        write_scaffold,
    )

    folder = Path(args.folder)
    zone = zoneinfo.ZoneInfo("Europe/Berlin")
    now = dt.datetime.now(zone).replace(microsecond=0)  # the revision: when it was made
    shape = Shape(
        language=args.lang,
        days=args.days,
        groups=args.groups,
        date=args.date or now.date(),
        title=args.title,
    )
    fallback = "veranstaltung" if args.lang == "de" else "event"
    try:
        text = scaffold_text(
            shape,
            programme_id=programme_id(folder, fallback),
            revision=now,
            folder=args.folder,
        )
        # What is written must read back: a title the model refuses is said now, not later.
        loads(text, format="toml", source=str(folder / "programme.toml"))
        written = write_scaffold(folder, text)
    except ScaffoldError as exc:
        _error(inert(str(exc)))
        return EXIT_INPUT
    except OSError as exc:
        _error(f"cannot write, nothing written: {_os_error(exc)}")
        return EXIT_FINDINGS
    print(inert(f"wrote {written}"))
    shown = inert(shlex.quote(args.folder))
    mark = "AUSFÜLLEN" if args.lang == "de" else "TODO"
    if args.lang == "de":
        print(inert(f"Als Nächstes: die Stellen mit {mark} in {written} ausfüllen, dabei"))
    else:
        print(inert(f"Next: fill in the places marked {mark} in {written}, with"))
    print(f"  eventprogram preview {shown}")
    print("  " + ("und dann" if args.lang == "de" else "and then"))
    print(f"  eventprogram validate {shown}")
    print(f"  eventprogram build {shown}")
    return EXIT_OK


def _formats(out: TextIO) -> int:
    available = exporters.available()
    width = max(len(name) for name in available)
    suffix_width = max(8, *(len(fmt.suffix) for fmt in available.values()))
    for name, fmt in available.items():
        print(f"{name:<{width}}  {fmt.suffix:<{suffix_width}}  {fmt.description}", file=out)
    _unavailable_notes(available.values())
    return EXIT_OK


def _unavailable_notes(formats: Iterable[exporters.Format], prefix: str = "note: ") -> None:
    """Say on standard error which of *formats* cannot be written here and why, once a reason."""
    by_reason: dict[str, list[str]] = {}
    for fmt in formats:
        if (reason := fmt.unavailable()) is not None:
            by_reason.setdefault(reason, []).append(fmt.name)
    for reason, names in by_reason.items():
        _error(f"{prefix}{', '.join(names)} cannot be written here: {inert(reason)}")


def _refused(names: Sequence[str], available: Mapping[str, exporters.Format]) -> bool:
    """Report the formats among *names* that cannot be written here; whether there were any."""
    formats = [available[name] for name in names if name in available]
    refused = [fmt for fmt in formats if fmt.unavailable() is not None]
    if refused:
        _unavailable_notes(refused, prefix="nothing written: ")
    return bool(refused)


def _validate(programme: Programme, args: argparse.Namespace, out: TextIO) -> int:
    report = validate(programme)
    language = language_of(programme, args.lang)
    if args.format == "json":
        data = {"source": args.source, **report.to_dict(language)}
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        # A lone surrogate cannot be written as UTF-8; its JSON escape reads back the same.
        out.write(_SURROGATE.sub(lambda m: f"\\u{ord(m[0]):04x}", text))
    else:
        out.write(report.to_text(language, source=args.source))
    return EXIT_OK if report.ok else EXIT_FINDINGS


_SURROGATE = re.compile("[\ud800-\udfff]")


_CHANGE_OUTPUTS = {"changes-json": ".changes.json", "atom": ".atom"}
"""What build writes besides the formats where there are changes: the changes document where
it has something to compare with, the feed where releases exist."""

_SOURCES_ONLY = frozenset({"toml"})
"""Formats that ``build`` writes only when named with ``-f``: a source to edit is no
publication, and one beside the published files would be edited by mistake."""


def _build(programme: Programme, args: argparse.Namespace) -> int:  # noqa: C901 -- one step each
    available = exporters.available()
    everything = [*available, *_CHANGE_OUTPUTS]
    names = _chosen(args.formats, available, everything)
    if unknown := [n for n in names if n not in everything]:
        print(
            f"eventprogram: unknown format {', '.join(map(repr, unknown))};"
            f" available: {', '.join(everything)}",
            file=sys.stderr,
        )
        return EXIT_INPUT
    if _refused(names, available):
        return EXIT_INPUT
    if not _checked(programme, args, args.source):
        return EXIT_FINDINGS
    with _reading(args.source):
        images, missing = load_images(programme, args.source)
    _notes(missing, language_of(programme, args.lang))
    changes = _since(programme, args)
    options = exporters.RenderOptions(
        language=args.lang,
        images=images,
        changes=changes,
        history=_history(programme, args) if changes is not None else (),
        layout=args.layout,
    )
    output = Path(args.output)
    outputs: dict[Path, str | bytes] = {}
    german = is_german(language_of(programme, args.lang))
    for name in names:
        if name in _CHANGE_OUTPUTS:
            content = _change_output(name, programme, changes, args)
            if content is not None:
                outputs[output / f"{programme.id}{_CHANGE_OUTPUTS[name]}"] = content
            elif args.formats:
                _error(_NOTHING_TO_SHOW[name][0 if german else 1])
            continue
        fmt = available[name]
        outputs[output / f"{programme.id}{fmt.suffix}"] = fmt.render(programme, options)
        if args.split and fmt.split is not None:
            for item, content in fmt.split(programme, options).items():
                outputs[output / f"{programme.id}.{item}{fmt.suffix}"] = content
    if not _written(outputs):
        return EXIT_FINDINGS
    for path in outputs:
        print(f"wrote {path}")
    return EXIT_OK


def _chosen(
    formats: str | None, available: Mapping[str, exporters.Format], everything: list[str]
) -> list[str]:
    """The outputs ``-f`` names; without it, all but the formats that cannot be written here.

    A note on standard error names those, with the reason.
    """
    if formats:
        return [n.strip() for n in formats.split(",")]
    _unavailable_notes(available.values())
    return [
        n
        for n in everything
        if n not in _SOURCES_ONLY and (n not in available or not available[n].unavailable())
    ]


_NOTHING_TO_SHOW = {
    "changes-json": (
        (
            "Hinweis: keine Änderungen zu schreiben (keine frühere Veröffentlichung in"
            " releases/, kein --since)"
        ),
        "note: no changes to write (no earlier release in releases/, no --since)",
    ),
    "atom": (
        "Hinweis: kein Feed: releases/ neben der Quelle hält keine Veröffentlichung",
        "note: no feed: releases/ beside the source holds no release",
    ),
}


def _change_output(
    name: str, programme: Programme, changes: Changes | None, args: argparse.Namespace
) -> str | bytes | None:
    """The changes document or the feed; ``None`` where there is nothing to write."""
    if name == "changes-json":
        if changes is None:
            return None
        return escape_surrogates(json.dumps(changes.to_dict(), ensure_ascii=False, indent=2) + "\n")
    from ._feed import atom_feed  # noqa: PLC0415 -- only a build with releases needs it

    paths = releases(releases_folder(args.source), before=programme.revision)
    if not paths:
        return None
    history = []
    for path in paths:
        with _reading(str(path)):
            history.append(load_release(path))
    return atom_feed([*history, programme], args.lang)


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
    if _refused([name], available):
        return EXIT_INPUT
    with _reading(args.input):
        programme = load(args.input)
    if not _checked(programme, args, args.input):
        return EXIT_FINDINGS
    with _reading(args.input):
        images, missing = load_images(programme, args.input)
    _notes(missing, language_of(programme, args.lang))
    content = available[name].render(
        programme, exporters.RenderOptions(language=args.lang, images=images, layout=args.layout)
    )
    if args.output == "-":
        data = content.encode("utf-8") if isinstance(content, str) else content
        _write_stdout(data)
        return EXIT_OK
    if not _written({Path(args.output): content}):
        return EXIT_FINDINGS
    print(f"wrote {args.output}", file=sys.stderr)
    return EXIT_OK


def _write_stdout(data: bytes) -> None:
    """Write *data* to standard output whole, or raise: a write to a closed pipe may stop short.

    Raises:
        BrokenPipeError: The reader went away (``| head``).
    """
    sys.stdout.flush()
    out = sys.stdout.buffer
    view = memoryview(data)
    while view:
        written = out.write(view)
        if not written:
            raise BrokenPipeError(errno.EPIPE, "the reader of standard output went away")
        view = view[written:]
    out.flush()


def _format_of(path: str, available: Mapping[str, exporters.Format]) -> str | None:
    """The format whose suffix *path* ends in, the longest suffix first (.schedule.json)."""
    name = Path(path).name.lower()
    by_suffix = sorted(available.items(), key=lambda item: -len(item[1].suffix))
    for format_name, fmt in by_suffix:
        if name.endswith(fmt.suffix.lower()):
            return format_name
    return {".xml": "frab-xml", ".htm": "html", ".markdown": "markdown"}.get(Path(name).suffix)


def _notes(problems: Sequence[Problem], language: str) -> None:
    word = "Hinweis" if is_german(language) else "note"
    for problem in problems:
        _error(f"{word}: {inert(problem.to_text(language))}")


def _written(outputs: dict[Path, str | bytes]) -> bool:
    """Write *outputs* all or none; report a failure and return whether it worked."""

    def waiting(folder: Path) -> None:
        _error(inert(f"waiting for another build into {folder} to finish"))

    try:
        write_all(outputs, on_wait=waiting)
    except OSError as exc:
        _error(f"cannot write, nothing written: {_os_error(exc)}")
        return False
    return True
