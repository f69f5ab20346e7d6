"""``eventprogram preview``: the web page in the browser, built anew on every save.

A small HTTP server of the standard library serves the programme's page at ``/`` and the
number of its build at ``/version``. The main thread looks at the source file and the
image files it names every :data:`POLL_SECONDS` (their size, times and inode: an editor
that saves by renaming is seen too) and builds the page again when one has changed. A
script in the page asks ``/version?after=N`` with the number of the build it shows; the
server answers as soon as there is a newer build (or after :data:`WAIT_SECONDS`, with N),
and the script then reloads the page; the browser keeps the place scrolled to. So a save
shows in the browser in about a quarter of a second.

The page the preview serves is the ``html`` format's page with three additions, all in
the preview only: a panel at the top with the findings of validation (each with its file,
line and field path), the reload script with a style of its own, and the page's
Content-Security-Policy widened by exactly these: their two hashes and ``connect-src
'self'`` for the script's requests. The page that ``build`` writes is not touched. When
the source cannot be read, the preview serves a page with the problems instead, so that a
stale page never looks current.

The server listens on 127.0.0.1 unless told otherwise, and answers only requests whose
``Host`` names the address it listens on (or ``localhost``): a web site cannot reach it
through a DNS name of its own that it points at 127.0.0.1 (DNS rebinding).
"""

from __future__ import annotations

import base64
import contextlib
import errno
import hashlib
import html
import http.server
import ipaddress
import os
import secrets
import socket
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Final, TextIO
from urllib.parse import parse_qs, urlsplit

import attrs

from ._bilingual import Text, is_german
from ._i18n import Language
from ._locate import JsonLocator, TomlLocator
from ._model import Programme
from ._source import load, load_images, source_file
from ._validation import Finding, Report, Severity, inert
from .errors import PluginError, Problem, SourceError
from .exporters import RenderOptions
from .exporters.html import _policy
from .exporters.html import render as render_html
from .rules import validate

__all__ = ["POLL_SECONDS", "Preview", "serve"]

POLL_SECONDS: Final = 0.1
"""How often the source and its images are looked at."""
WAIT_SECONDS: Final = 20.0
"""How long a request for ``/version?after=N`` waits for a newer build before it answers N."""
EXIT_OK: Final = 0
EXIT_UNAVAILABLE: Final = 2
HTTP_PORT: Final = 80
"""A browser leaves this port out of the Host header."""

SCRIPT: Final = """\
(() => {
  "use strict";
  const shown = document.querySelector('meta[name="eventprogram-preview"]').content;
  const check = () => {
    fetch("/version?after=" + encodeURIComponent(shown), {cache: "no-store"})
      .then((response) => {
        if (!response.ok) {
          throw new Error(response.statusText);
        }
        return response.text();
      })
      .then((version) => {
        if (version.trim() === shown) {
          check();
        } else {
          location.reload();
        }
      })
      .catch(() => setTimeout(check, 1000));
  };
  check();
})();"""
"""The preview's one script: wait for a build newer than the one shown, then reload."""

STYLE: Final = """\
.ep-preview { margin: 0; padding: .75rem 1rem; border-bottom: 3px solid #555;
  background: #f4f4f4; color: #111; font: 1rem/1.4 system-ui, sans-serif; }
.ep-preview p { margin: 0; }
.ep-preview ul { margin: .5rem 0 0; padding-left: 1.25rem; }
.ep-preview li { margin: .25rem 0; overflow-wrap: anywhere; }
.ep-preview code { font-family: ui-monospace, monospace; }
.ep-preview .ep-where { font-weight: bold; }
.ep-preview-error { background: #fde8e8; border-color: #b00020; }
.ep-preview-warning { background: #fff6da; border-color: #8a5a00; }
@media (prefers-color-scheme: dark) {
  .ep-preview { background: #222; color: #eee; }
  .ep-preview-error { background: #4a0d14; }
  .ep-preview-warning { background: #3d2f00; }
}
@media print { .ep-preview { display: none; } }"""
"""The findings panel's style, in the preview only."""

_WORDS: Final = {
    "preview": Text("Vorschau", "Preview"),
    "unreadable": Text("Das Programm kann nicht gelesen werden", "The programme cannot be read"),
    "line": Text("Zeile", "line"),
    "note": Text("Hinweis", "note"),
    "broken": Text(
        "Die Seite kann nicht gebaut werden: ein Fehler in eventprogram oder einem Plug-in",
        "The page cannot be built: a bug in eventprogram or a plug-in",
    ),
    "hint": Text("Änderungen erscheinen beim Speichern.", "Changes appear when you save."),
}
_SEVERITY: Final = {
    Severity.ERROR: Text("Fehler", "error"),
    Severity.WARNING: Text("Warnung", "warning"),
    Severity.INFO: Text("Hinweis", "info"),
}


def _hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


# The template writes a style's and a script's text between line breaks; so does the preview.
_SCRIPT_HASH: Final = _hash(f"\n{SCRIPT}\n")
_STYLE_HASH: Final = _hash(f"\n{STYLE}\n")
_OWN_POLICY: Final = (
    f"default-src 'none'; style-src {_STYLE_HASH}; script-src {_SCRIPT_HASH};"
    " connect-src 'self'; base-uri 'none'; form-action 'none'"
)
"""The policy of the page shown when the programme cannot be read."""


def preview_policy(published: str) -> str:
    """The *published* page's policy, widened by the preview's style, script and requests."""
    return (
        published.replace("style-src ", f"style-src {_STYLE_HASH} ", 1).replace(
            "script-src ", f"script-src {_SCRIPT_HASH} ", 1
        )
        + "; connect-src 'self'"
    )


@attrs.frozen
class Shown:
    """What the preview shows now: the build's number, the page, and a one-line summary."""

    version: str
    page: bytes
    summary: str


@attrs.frozen
class _Line:
    """One finding or problem as the panel lists it."""

    severity: Severity
    where: str
    path: str | None
    text: str


class Preview:
    """The page of one programme source, built anew when the source or its images change."""

    def __init__(self, source: str, language: str | None = None) -> None:
        """Preview *source* (a file, or a folder with one) in *language* (else its own)."""
        self.source = source
        self.language = language
        self._run = secrets.token_hex(4)  # a new preview's first page is new to the browser
        self._builds = 0
        self._watched: tuple[Path, ...] = ()
        self._fingerprint: object = None
        self._last_language: str | None = None  # of the last programme read, for its problems
        self.shown = Shown(f"{self._run}-0", b"", "")
        self._changed = threading.Condition()

    def refresh(self) -> bool:
        """Build the page again if the source or an image changed; return whether it did."""
        fingerprint = self._fingerprint_now()
        if fingerprint == self._fingerprint:
            return False
        self._fingerprint = fingerprint
        self._builds += 1
        page, summary = self._build()
        with self._changed:
            self.shown = Shown(f"{self._run}-{self._builds}", page, summary)
            self._changed.notify_all()
        return True

    def newer_than(self, version: str, timeout: float) -> Shown:
        """Wait until a build other than *version* is shown, or *timeout* seconds; return it."""
        with self._changed:
            self._changed.wait_for(lambda: self.shown.version != version, timeout)
            return self.shown

    def _fingerprint_now(self) -> object:
        try:
            file = source_file(self.source)
        except SourceError:
            file = Path(self.source)
        return tuple(_stat(path) for path in (file, *self._watched))

    def _build(self) -> tuple[bytes, str]:
        language = self.language
        try:
            programme = load(self.source)
        except SourceError as exc:
            lang = _language(language or exc.language or self._last_language)
            told = [_WORDS["unreadable"].get(lang) + ":"]
            told += [f"  {problem.to_text(lang)}" for problem in exc.problems]
            return self._problems_page(exc.problems, lang), "\n".join(told)
        except PluginError as exc:
            problem = Problem(Text.same(str(exc)), file=self.source)
            lang = _language(language or self._last_language)
            return self._problems_page([problem], lang), str(exc)
        lang = _language(language or programme.language)
        self._last_language = programme.language
        try:
            return self._page(programme, lang)
        except SourceError as exc:  # an image folder that cannot be read
            return self._problems_page(exc.problems, lang), _WORDS["unreadable"].get(lang)
        except Exception as exc:  # noqa: BLE001 -- a bug must not end the preview; shown
            problem = Problem(
                _WORDS["broken"], hint=Text.same(f"{type(exc).__name__}: {exc}"), file=self.source
            )
            page = self._problems_page([problem], lang, title=_WORDS["broken"])
            return page, _WORDS["broken"].get(lang)

    def _page(self, programme: Programme, lang: Language) -> tuple[bytes, str]:
        report = validate(programme)
        images, missing = load_images(programme, self.source)
        file = source_file(self.source)
        self._watched = tuple(
            file.parent / image.src
            for image in programme.images
            if image.src and "://" not in image.src and not image.src.startswith("data:")
        )
        lines = _finding_lines(report, file, lang) + [
            _problem_line(problem, lang, Severity.WARNING) for problem in missing
        ]
        summary = report.to_text(lang).splitlines()[-1]
        # eventprogram's own page, whatever an installed plug-in may call "html".
        page = render_html(programme, RenderOptions(language=self.language, images=images))
        panel = _panel(lines, summary, lang)
        return _inject(page, panel, self._version()).encode("utf-8"), summary

    def _version(self) -> str:
        """The number the page being built is served under."""
        return f"{self._run}-{self._builds}"

    def _problems_page(
        self, problems: Sequence[Problem], lang: Language, *, title: Text = _WORDS["unreadable"]
    ) -> bytes:
        lines = [_problem_line(problem, lang, Severity.ERROR) for problem in problems]
        heading = title.get(lang)
        panel = _panel(lines, heading, lang)
        page = (
            "<!DOCTYPE html>\n"
            f'<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<meta http-equiv="Content-Security-Policy" content="{_OWN_POLICY}">\n'
            f"<title>{html.escape(heading)} – {_WORDS['preview'].get(lang)}</title>\n"
            f'<meta name="eventprogram-preview" content="{self._version()}">\n'
            f"<style>\n{STYLE}\n</style>\n</head>\n<body>\n<main>\n"
            f"<h1>{html.escape(heading)}</h1>\n{panel}</main>\n"
            f"<script>\n{SCRIPT}\n</script>\n</body>\n</html>\n"
        )
        return page.encode("utf-8")


def _language(language: str | None) -> Language:
    return "de" if language is not None and is_german(language) else "en"


def _stat(path: Path) -> tuple[object, ...] | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return (str(path), status.st_mtime_ns, status.st_ctime_ns, status.st_size, status.st_ino)


def _finding_lines(report: Report, file: Path, lang: Language) -> list[_Line]:
    """Each finding with the line of its field in *file*, where it can be found."""
    locate = _locator(file)
    lines = []
    for finding in report.findings:
        line = locate.locate(finding.path) if locate is not None else None
        where = f"{file.name}, {_WORDS['line'].get(lang)} {line}" if line else file.name
        lines.append(_Line(finding.severity, where, finding.path, _finding_text(finding, lang)))
    return lines


def _locator(file: Path) -> TomlLocator | JsonLocator | None:
    """Return a locator of fields in *file*, or None where it cannot be read as text."""
    try:
        text = file.read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    if file.suffix.lower() == ".toml":
        return TomlLocator(text)
    if file.suffix.lower() == ".json":
        with contextlib.suppress(Exception):
            return JsonLocator(text)
    return None


def _finding_text(finding: Finding, lang: Language) -> str:
    text = f"{_SEVERITY[finding.severity].get(lang)} {finding.code}: {finding.message(lang)}"
    if hint := finding.hint(lang):
        text += f" ({hint})"
    return text


def _problem_line(problem: Problem, lang: Language, severity: Severity) -> _Line:
    where = Path(problem.file).name if problem.file else ""
    if problem.line is not None:
        where = f"{where}, {_WORDS['line'].get(lang)} {problem.line}"
    text = problem.text.get(lang)
    if problem.hint_text is not None:
        text += f" ({problem.hint_text.get(lang)})"
    return _Line(severity, where, problem.path, text)


def _panel(lines: Sequence[_Line], summary: str, lang: Language) -> str:
    """The findings panel: a summary, then one item per finding, each text escaped."""
    worst = min((line.severity for line in lines), key=list(Severity).index, default=None)
    state = f" ep-preview-{worst}" if worst in {Severity.ERROR, Severity.WARNING} else ""
    label = _WORDS["preview"].get(lang)
    parts = [
        f'<aside class="ep-preview{state}" aria-label="{label}" data-findings="{len(lines)}">\n',
        (
            f"<p><strong>{label}:</strong> {html.escape(inert(summary))}."
            f" {_WORDS['hint'].get(lang)}</p>\n"
        ),
    ]
    if lines:
        parts.append("<ul>\n")
        for line in lines:
            where = f'<span class="ep-where">{html.escape(inert(line.where))}</span>'
            path = f" <code>{html.escape(inert(line.path))}</code>" if line.path else ""
            parts.append(
                f'<li class="ep-{line.severity}">{where}{path}: {html.escape(inert(line.text))}'
                "</li>\n"
            )
        parts.append("</ul>\n")
    parts.append("</aside>\n")
    return "".join(parts)


def _inject(page: str, panel: str, version: str) -> str:
    """The published *page* with the preview's panel, script, style and widened policy."""
    # A page with change marks (a cancelled item) allows its second stylesheet too, a page
    # with accessibility provisions their style and script, a timetable (issue #19) its
    # filter's script.
    policies = [
        _policy(marked=marked, access=access, timetable=timetable)
        for marked in (False, True)
        for access in (False, True)
        for timetable in (False, True)
    ]
    published = next((p for p in policies if f'content="{p}">' in page), _policy())
    meta = f'<meta http-equiv="Content-Security-Policy" content="{published}">'
    if page.count(meta) != 1 or page.count("<body>\n") != 1 or "</head>" not in page:
        message = "the html format's page is not shaped as the preview expects"
        raise RuntimeError(message)
    widened = f'<meta http-equiv="Content-Security-Policy" content="{preview_policy(published)}">'
    head = (
        f'<meta name="eventprogram-preview" content="{version}">\n'
        f"<style>\n{STYLE}\n</style>\n</head>"
    )
    page = page.replace(meta, widened, 1).replace("</head>", head, 1)
    page = page.replace("<body>\n", f"<body>\n{panel}", 1)
    index = page.rindex("</body>")
    return f"{page[:index]}<script>\n{SCRIPT}\n</script>\n{page[index:]}"


# -- the server --------------------------------------------------------------------------------


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def handle_error(self, request: object, client_address: object) -> None:
        """A request that fails (the browser went away mid-answer) is no reason to print."""
        del request, client_address

    def __init__(self, address: tuple[str, int], preview: Preview, hosts: frozenset[str]) -> None:
        self.address_family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        super().__init__(address, _Handler)
        self.preview = preview
        self.hosts = hosts  # empty: any Host header is answered


class _Handler(http.server.BaseHTTPRequestHandler):
    server: _Server
    server_version = "eventprogram-preview"
    sys_version = ""

    def do_GET(self) -> None:
        """Answer a GET: the page at ``/``, the build's number at ``/version``."""
        self._answer(body=True)

    def do_HEAD(self) -> None:
        """Answer a HEAD as a GET, without the body."""
        self._answer(body=False)

    def _answer(self, *, body: bool) -> None:
        preview = self.server.preview
        host = (self.headers.get("Host") or "").lower()
        address = urlsplit(self.path)
        if self.server.hosts and host not in self.server.hosts:
            status, kind, data = 421, "text/plain", b"unknown host\n"
        elif address.path == "/":
            status, kind, data = 200, "text/html; charset=utf-8", preview.shown.page
        elif address.path == "/version":
            # ?after=N: wait for a build newer than N (a long poll), so that a save shows at once.
            after = parse_qs(address.query).get("after")
            shown = preview.newer_than(after[0], WAIT_SECONDS) if after else preview.shown
            status, kind, data = 200, "text/plain; charset=utf-8", shown.version.encode("ascii")
        else:
            status, kind, data = 404, "text/plain", b"not found\n"
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.end_headers()
        if body:
            with contextlib.suppress(ConnectionError):
                self.wfile.write(data)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 -- http.server's
        """Log nothing: every reload would print a line."""


def _hosts(host: str, port: int) -> frozenset[str]:
    """The Host headers answered: the loopback names, or any for another address."""
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return frozenset() if host.lower() != "localhost" else _loopback_hosts(port)
    if address.is_loopback:
        return _loopback_hosts(port)
    return frozenset()


def _loopback_hosts(port: int) -> frozenset[str]:
    names = ("127.0.0.1", "localhost", "[::1]")
    with_port = frozenset(f"{name}:{port}" for name in names)
    return with_port | frozenset(names) if port == HTTP_PORT else with_port


def _url(host: str, port: int) -> str:
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"


def serve(  # noqa: PLR0913 -- keyword-only: the command's options and the two streams
    source: str,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    language: str | None = None,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    """Serve the preview of *source* until Ctrl-C; return the exit code.

    Returns:
        0 when stopped with Ctrl-C; 2 when *source* does not exist or the address
        cannot be listened on (the port is taken, say).
    """
    out = out or sys.stdout
    err = err or sys.stderr
    if not os.path.lexists(source):
        print(f"eventprogram: {inert(source)}: no such file or folder", file=err)
        return EXIT_UNAVAILABLE
    preview = Preview(source, language)
    try:
        server = _Server((host, port), preview, frozenset())
    except OSError as exc:
        print(f"eventprogram: {_listen_error(exc, host, port)}", file=err)
        return EXIT_UNAVAILABLE
    with server:
        server.hosts = _hosts(host, server.server_address[1])
        thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True
        )
        try:
            preview.refresh()
            thread.start()
            url = _url(host, server.server_address[1])
            print(
                f"eventprogram: preview of {inert(source)} at {url} (Ctrl-C stops it)",
                file=out,
                flush=True,
            )
            if not server.hosts:
                print(
                    f"eventprogram: note: listening on {inert(host)}: other computers that"
                    " reach this one can read the page",
                    file=err,
                    flush=True,
                )
            _tell(preview.shown.summary, out)
            while True:
                time.sleep(POLL_SECONDS)
                if preview.refresh():
                    _tell(preview.shown.summary, out)
        except KeyboardInterrupt:
            print("eventprogram: preview stopped", file=err, flush=True)
            return EXIT_OK
        finally:
            if thread.is_alive():
                server.shutdown()


def _tell(summary: str, out: TextIO) -> None:
    """Print the summary of a build, each of its lines inert, indented."""
    for line in summary.split("\n"):
        print(f"  {inert(line)}", file=out, flush=True)


def _listen_error(exc: OSError, host: str, port: int) -> str:
    if exc.errno == errno.EADDRINUSE:
        return (
            f"cannot listen on {_url(host, port)}: the port {port} is in use"
            " (another preview?); choose another with --port, or --port 0 for any free one"
        )
    if isinstance(exc, socket.gaierror):
        return f"cannot listen on {inert(host)}: no such address ({exc.strerror})"
    return f"cannot listen on {_url(host, port)}: {exc.strerror or exc}"
