"""``eventprogram preview`` without a browser: what it serves, and how it starts and stops.

The browser's side (the page reloads itself, within two seconds) is in
``tests/browser/test_preview.py``.
"""

from __future__ import annotations

import base64
import hashlib
import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import eventprogram as ep
from eventprogram import exporters
from eventprogram._cli import main
from eventprogram._preview import SCRIPT, STYLE, Preview

POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


def sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()


@pytest.fixture
def event(tmp_path) -> Path:
    """A new event made by `eventprogram new`, with two working groups."""
    folder = tmp_path / "fachtag"
    assert main(["new", str(folder)]) == 0
    return folder


def edit(folder: Path, old: str, new: str) -> None:
    file = folder / "programme.toml"
    text = file.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    file.write_text(text.replace(old, new), encoding="utf-8")


def saved(preview: Preview) -> bool:
    """Refresh after a save: a file system's times may be coarse, so touch ahead in time."""
    source = Path(preview.source) / "programme.toml"
    later = time.time_ns() + 10**9
    os.utime(source, ns=(later, later))
    return preview.refresh()


class TestPage:
    def test_the_published_page_is_inside_unchanged(self, event):
        """Take the preview's three additions away, and the page is the one `build` writes."""
        preview = Preview(str(event))
        assert preview.refresh()
        page = preview.shown.page.decode()
        published = exporters.get("html").render(ep.load(event), exporters.RenderOptions())
        assert isinstance(published, str)
        stripped = re.sub(
            r'<aside class="ep-preview.*?</aside>\n', "", page, count=1, flags=re.DOTALL
        )
        stripped = stripped.replace(f"<script>\n{SCRIPT}\n</script>\n", "")
        stripped = stripped.replace(f"<style>\n{STYLE}\n</style>\n", "")
        stripped = re.sub(r'<meta name="eventprogram-preview" content="[^"]+">\n', "", stripped)
        (preview_policy,) = POLICY.findall(page)
        (published_policy,) = POLICY.findall(published)
        stripped = stripped.replace(preview_policy, published_policy)
        assert stripped == published

    def test_the_policy_allows_the_preview_and_no_more(self, event):
        """The preview's policy adds the hashes of its own style and script, and requests home."""
        preview = Preview(str(event))
        preview.refresh()
        page = preview.shown.page.decode()
        (policy,) = POLICY.findall(page)
        scripts = re.findall(r"<script(?: data-[^>]*)?>(.*?)</script>", page, re.DOTALL)
        styles = re.findall(r"<style>(.*?)</style>", page, re.DOTALL)
        assert len(scripts) == 2  # the page's own and the preview's
        assert len(styles) == 2
        for text in scripts + styles:
            assert sha256(text) in policy
        assert policy.endswith("; connect-src 'self'")
        assert "default-src 'none'" in policy
        assert "unsafe" not in policy

    def test_a_timetable_page_is_previewed_too(self, event):
        """A programme laid out as a timetable (issue #19) is previewed, its filter's script
        allowed as well as the preview's."""
        source = event / "programme.toml"
        source.write_text('layout = "timetable"\n' + source.read_text(encoding="utf-8"), "utf-8")
        preview = Preview(str(event))
        assert preview.refresh()
        page = preview.shown.page.decode()
        assert '<table class="tt"' in page
        (policy,) = POLICY.findall(page)
        scripts = re.findall(r"<script(?: data-[^>]*)?>(.*?)</script>", page, re.DOTALL)
        assert len(scripts) == 3  # the page's two and the preview's
        for text in scripts:
            assert sha256(text) in policy

    def test_a_clean_programme_says_so(self, event):
        """Without findings the panel says 0 errors, and lists nothing."""
        preview = Preview(str(event))
        preview.refresh()
        page = preview.shown.page.decode()
        assert 'data-findings="0"' in page
        assert "0 Fehler, 0 Warnungen, 0 Hinweise" in page
        assert "<h1>Titel der Veranstaltung</h1>" in page

    def test_findings_show_with_their_line_and_the_page_stays(self, event):
        """An error of validation is listed with file, line and field, above the current page."""
        edit(event, 'start = "11:00"', 'start = "11:00"\nend = "10:00"')
        preview = Preview(str(event), "en")
        preview.refresh()
        page = preview.shown.page.decode()
        text = (event / "programme.toml").read_text(encoding="utf-8")
        line = text.splitlines().index('end = "10:00"') + 1
        assert 'class="ep-preview ep-preview-error"' in page
        assert (
            f'<span class="ep-where">programme.toml, line {line}</span>'
            " <code>days[0].slots[3].end</code>: error EP201:"
        ) in page
        assert "<h1>Titel der Veranstaltung</h1>" in page  # the page as it is now
        assert preview.shown.summary == "1 error, 0 warnings, 0 infos"

    def test_warnings_show_too(self, event):
        """A warning is listed, and colours the panel as a warning."""
        edit(event, 'room = "raum-1"\n', "")
        preview = Preview(str(event))
        preview.refresh()
        page = preview.shown.page.decode()
        assert 'class="ep-preview ep-preview-warning"' in page
        assert "Warnung EP402" in page

    def test_an_unreadable_source_shows_its_problems_not_a_stale_page(self, event):
        """A load error replaces the page: the problems, with file, line and field, escaped."""
        preview = Preview(str(event))
        preview.refresh()
        edit(event, 'person = "person-ag1"', 'person = "</li><script>alert(1)</script>"')
        assert saved(preview)
        page = preview.shown.page.decode()
        assert "<h1>Das Programm kann nicht gelesen werden</h1>" in page
        assert "Titel der Veranstaltung" not in page
        assert "<script>alert(1)" not in page
        assert "&lt;/li&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in page
        assert re.search(
            r'<span class="ep-where">programme.toml, Zeile \d+</span>'
            r" <code>days\[0\]\.slots\[4\]\.sessions\[0\]\.people\[0\]\.person</code>",
            page,
        )
        (policy,) = POLICY.findall(page)
        (script,) = re.findall(r"<script>(.*?)</script>", page, re.DOTALL)
        assert sha256(script) in policy

    def test_a_toml_syntax_error_names_its_line(self, event):
        """Broken TOML: the page names the line the parser gives."""
        edit(event, 'kind = "lunch"', 'kind = "lunch')
        preview = Preview(str(event), "en")
        preview.refresh()
        page = preview.shown.page.decode()
        assert "<h1>The programme cannot be read</h1>" in page
        assert re.search(r'class="ep-where">programme.toml, line \d+</span>', page)

    def test_a_bug_shows_on_the_page_and_the_preview_goes_on(self, event, monkeypatch):
        """A failure while building is shown as a bug, and the next save builds again."""

        def broken(*_: object) -> str:
            message = "a bug"
            raise RuntimeError(message)

        monkeypatch.setattr("eventprogram._preview.render_html", broken)
        preview = Preview(str(event), "en")
        preview.refresh()
        page = preview.shown.page.decode()
        assert "<h1>The page cannot be built: a bug in eventprogram or a plug-in</h1>" in page
        assert "(RuntimeError: a bug)" in page
        monkeypatch.undo()
        assert saved(preview)
        assert "<h1>Titel der Veranstaltung</h1>" in preview.shown.page.decode()


class TestRefresh:
    def test_nothing_changed_nothing_built(self, event):
        """Looking again without a change builds nothing: the page keeps its number."""
        preview = Preview(str(event))
        assert preview.refresh()
        version = preview.shown.version
        assert not preview.refresh()
        assert preview.shown.version == version

    def test_a_save_builds_anew(self, event):
        """A saved change gives a new number and the new page."""
        preview = Preview(str(event))
        preview.refresh()
        version = preview.shown.version
        edit(event, '"Titel der Veranstaltung"', '"Fachtag Sozialplanung"')
        assert saved(preview)
        assert preview.shown.version != version
        assert "<h1>Fachtag Sozialplanung</h1>" in preview.shown.page.decode()

    def test_a_changed_image_builds_anew(self, tmp_path, example_dir):
        """The images the programme names are watched too: a new picture is a new page."""
        folder = tmp_path / "bottrop"
        shutil.copytree(example_dir, folder)
        preview = Preview(str(folder))
        preview.refresh()
        before = preview.shown.page
        picture = folder / "puzzle.svg"
        picture.write_text(
            picture.read_text(encoding="utf-8").replace("</svg>", "<!-- neu --></svg>"),
            encoding="utf-8",
        )
        later = time.time_ns() + 10**9
        os.utime(picture, ns=(later, later))
        assert preview.refresh()
        assert preview.shown.page != before

    def test_a_source_that_goes_and_comes_back(self, event):
        """A programme file deleted shows the problem; written again, the page is back."""
        preview = Preview(str(event))
        preview.refresh()
        file = event / "programme.toml"
        kept = file.read_bytes()
        file.unlink()
        assert preview.refresh()
        assert "der Ordner enthält kein Programm" in preview.shown.page.decode()
        file.write_bytes(kept)
        assert preview.refresh()
        assert "<h1>Titel der Veranstaltung</h1>" in preview.shown.page.decode()

    def test_a_long_poll_answers_at_the_next_build(self, event):
        """Asking for a build newer than the one shown waits for the next save, then answers."""
        preview = Preview(str(event))
        preview.refresh()
        shown = preview.shown.version
        assert preview.newer_than("an-old-one", 10).version == shown  # at once
        started = time.monotonic()
        assert preview.newer_than(shown, 0.2).version == shown  # nothing new: the timeout
        assert time.monotonic() - started >= 0.2
        later = threading.Timer(
            0.3, lambda: (edit(event, '"Kaffeepause"', '"Pause"'), saved(preview))
        )
        later.start()
        try:
            newer = preview.newer_than(shown, 10)
        finally:
            later.join()
        assert newer.version != shown
        assert b"Pause" in newer.page


# -- the command, in a process of its own ---------------------------------------------------


def start(*args: str) -> tuple[subprocess.Popen[str], str]:
    """Start `eventprogram preview`; return the process and the URL it prints."""
    process = subprocess.Popen(
        [sys.executable, "-m", "eventprogram", "preview", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    match = re.search(r"at (http://\S+/) \(Ctrl-C stops it\)$", line)
    if match is None:
        process.kill()
        pytest.fail(f"no URL printed: {line!r} {process.communicate()}")
    return process, match[1]


def stop(process: subprocess.Popen[str]) -> tuple[int, str]:
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=10)
    return process.returncode, err


def get(url: str, path: str, host: str | None = None) -> tuple[int, bytes]:
    address = url.removeprefix("http://").rstrip("/")
    name, port = address.rsplit(":", 1)
    connection = http.client.HTTPConnection(name, int(port), timeout=5)
    headers = {"Host": host} if host else {}
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    return response.status, response.read()


class TestCommand:
    def test_serves_on_loopback_and_stops_cleanly_on_ctrl_c(self, event):
        """By default it listens on 127.0.0.1; Ctrl-C ends it with exit 0 and no traceback."""
        process, url = start(str(event), "--port", "0")
        try:
            assert url.startswith("http://127.0.0.1:")
            status, page = get(url, "/")
            assert status == 200
            assert b"<h1>Titel der Veranstaltung</h1>" in page
            status, version = get(url, "/version")
            assert status == 200
            assert re.fullmatch(rb"[0-9a-f]{8}-1", version)
            assert get(url, "/version?after=0-0") == (200, version)
            assert get(url, "/programme.toml")[0] == 404
        finally:
            code, err = stop(process)
        assert code == 0
        assert err == "eventprogram: preview stopped\n"

    def test_a_foreign_host_name_gets_no_page(self, event):
        """A request naming another host (DNS rebinding) is refused with 421."""
        process, url = start(str(event), "--port", "0")
        try:
            port = url.rstrip("/").rsplit(":", 1)[1]
            assert get(url, "/", host=f"evil.example:{port}")[0] == 421
            assert get(url, "/", host=f"localhost:{port}")[0] == 200
        finally:
            stop(process)

    def test_another_address_only_when_asked_and_then_with_a_note(self, event):
        """--host 0.0.0.0 listens for the network, says so, and answers any host name."""
        process, url = start(str(event), "--port", "0", "--host", "0.0.0.0")  # noqa: S104
        try:
            assert url.startswith("http://0.0.0.0:")
            port = url.rstrip("/").rsplit(":", 1)[1]
            assert get(url, "/", host=f"laptop.local:{port}")[0] == 200
        finally:
            _, err = stop(process)
        assert err == (
            "eventprogram: note: listening on 0.0.0.0: other computers that reach this one can"
            " read the page\neventprogram: preview stopped\n"
        )

    def test_a_port_in_use_is_a_clear_error(self, event):
        """A port another program holds: exit 2, one line naming the port and --port."""
        with socket.socket() as taken:
            taken.bind(("127.0.0.1", 0))
            taken.listen()
            port = taken.getsockname()[1]
            done = subprocess.run(
                [sys.executable, "-m", "eventprogram", "preview", str(event), "--port", str(port)],
                capture_output=True,
                text=True,
                timeout=30,
                check=False,
            )
        assert done.returncode == 2
        assert done.stderr == (
            f"eventprogram: cannot listen on http://127.0.0.1:{port}/: the port {port} is in"
            " use (another preview?); choose another with --port, or --port 0 for any free one\n"
        )

    def test_a_missing_source_is_a_clear_error(self, tmp_path):
        """A misspelt folder stops at once: exit 2, naming it."""
        done = subprocess.run(
            [sys.executable, "-m", "eventprogram", "preview", str(tmp_path / "fachtg")],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
        assert done.returncode == 2
        assert done.stderr == f"eventprogram: {tmp_path / 'fachtg'}: no such file or folder\n"

    def test_sigterm_ends_it_too(self, event):
        """SIGTERM ends it as every command ends on it: exit 143, one line, no traceback."""
        process, _ = start(str(event), "--port", "0")
        process.send_signal(signal.SIGTERM)
        _, err = process.communicate(timeout=10)
        assert process.returncode == 143
        assert err == "eventprogram: stopped by SIGTERM\n"
