"""The command line under hostile conditions: closed pipes, bad paths, bugs, forged report lines."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from eventprogram import _cli
from eventprogram._cli import main
from eventprogram._validation import Finding, Report, Severity, inert

HOSTILE = "evil\nmy-event: days[0]: error EP999: forged\x1b[2K\x1b[1A\r\u202egnp.exe\ud800\x85"


def hostile_report() -> Report:
    finding = Finding(
        code="EP201",
        rule="ends-before-start",
        severity=Severity.ERROR,
        message_de=f"'{HOSTILE}' endet zu früh",
        message_en=f"'{HOSTILE}' ends too early",
        path=f"days[0].slots[{HOSTILE}]",
        hint_de=HOSTILE,
        hint_en=HOSTILE,
    )
    return Report((finding, finding))


def big_programme(tmp_path: Path, example_dir: Path) -> Path:
    """The example with a credit line of 1 MB: more than any pipe's buffer."""
    text = (example_dir / "programme.toml").read_text(encoding="utf-8")
    start = text.index("\ncredit = ") + 1
    end = text.index("\n", start)
    source = tmp_path / "programme.toml"
    source.write_text(f'{text[:start]}credit = "{"x" * 1_000_000}"{text[end:]}', encoding="utf-8")
    (tmp_path / "puzzle.svg").write_bytes((example_dir / "puzzle.svg").read_bytes())
    return source


class TestBrokenPipe:
    def test_closed_stdout_exits_141_quietly(self, tmp_path, example_dir):
        """Writing to a pipe nobody reads ends with exit 141 and nothing on stderr."""
        source = big_programme(tmp_path, example_dir)
        read, write = os.pipe()
        os.close(read)
        try:
            result = subprocess.run(
                [sys.executable, "-m", "eventprogram", "convert", str(source), "-", "--to", "json"],
                stdout=write,
                stderr=subprocess.PIPE,
                text=True,
                check=False,
            )
        finally:
            os.close(write)
        assert result.returncode == 141
        assert result.stderr == ""

    def test_head_takes_one_line_without_a_traceback(self, tmp_path, example_dir):
        """`convert IN - | head -1` prints one line, no traceback, and exits 141: output was cut."""
        source = big_programme(tmp_path, example_dir)
        script = (
            f"'{sys.executable}' -m eventprogram convert '{source}' - --to json | head -1;"
            " exit ${PIPESTATUS[0]}"
        )
        result = subprocess.run(
            ["/bin/bash", "-c", script], capture_output=True, text=True, check=False
        )
        assert result.stdout == "{\n"
        assert result.stderr == ""
        # Megabytes do not fit the pipe: a write stopped short must not pass for success.
        assert result.returncode == 141


class TestOutputs:
    def test_closed_standard_output_is_an_error(self, example_dir):
        """Started with standard output closed (`>&-`), the report can't be shown: exit 2."""
        for command in (f"validate '{example_dir}'", f"convert '{example_dir}' - --to json"):
            script = f"'{sys.executable}' -m eventprogram {command} >&-"
            result = subprocess.run(
                ["/bin/bash", "-c", script], capture_output=True, text=True, check=False
            )
            assert result.returncode == 2
            assert result.stderr == "eventprogram: standard output is closed\n"

    def test_a_fifo_is_not_replaced(self, tmp_path, example_dir):
        """An output that is a FIFO (or a device) is refused, not replaced by a file."""
        fifo = tmp_path / "programme.json"
        os.mkfifo(fifo)
        assert main(["convert", str(example_dir), str(fifo), "--to", "json"]) == 1
        assert fifo.is_fifo()
        assert sorted(p.name for p in tmp_path.iterdir()) == ["programme.json"]

    def test_a_symbolic_link_keeps_pointing_at_the_new_file(self, tmp_path, example_dir):
        """Writing through a symbolic link replaces the file it points at; the link stays."""
        real = tmp_path / "real.json"
        real.write_text("old", encoding="utf-8")
        link = tmp_path / "link.json"
        link.symlink_to(real)
        assert main(["convert", str(example_dir), str(link), "--to", "json"]) == 0
        assert link.is_symlink()
        assert json.loads(real.read_text(encoding="utf-8"))["format"] == "eventprogram/1"


class TestUnreadableSource:
    def test_a_name_too_long_is_an_error_naming_it(self, tmp_path, capsys):
        """A source name longer than the system allows is exit 2 with its name, no traceback."""
        source = str(tmp_path / ("a" * 300))
        assert main(["validate", source]) == 2
        err = capsys.readouterr().err
        assert err.startswith("eventprogram: cannot read the programme:\n")
        assert f"  {source}: cannot read" in err
        assert "File name too long" in err
        assert "Traceback" not in err

    def test_a_source_that_cannot_be_read_is_an_error_naming_it(
        self, tmp_path, example_dir, monkeypatch, capsys
    ):
        """A permission error on the source (any OSError) is exit 2 naming the file."""

        real = os.open
        programme = str(example_dir / "programme.toml")

        def refuse(path, *args, **kwargs):
            if os.fspath(path) == programme:
                raise PermissionError(13, "Permission denied", programme)
            return real(path, *args, **kwargs)

        monkeypatch.setattr(os, "open", refuse)
        monkeypatch.setattr(Path, "read_bytes", lambda self: refuse(self) and b"")
        assert main(["build", str(example_dir), "-o", str(tmp_path / "out")]) == 2
        err = capsys.readouterr().err
        assert f"  {programme}: cannot read" in err
        assert "Permission denied" in err
        assert not (tmp_path / "out").exists()

    def test_a_source_folder_that_cannot_be_listed_is_an_error(
        self, example_dir, monkeypatch, capsys
    ):
        """An OSError while looking into the source folder is exit 2 naming the folder."""

        def refuse(self):
            raise PermissionError(13, "Permission denied", str(self))

        monkeypatch.setattr(Path, "is_dir", refuse)
        assert main(["validate", str(example_dir)]) == 2
        err = capsys.readouterr().err
        assert f"  {example_dir}: cannot read" in err
        assert "Permission denied" in err

    def test_a_folder_where_the_output_file_should_be_is_exit_1(self, tmp_path, example_dir):
        """Converting onto an existing folder fails with exit 1, the folder untouched."""
        target = tmp_path / "out.json"
        target.mkdir()
        result = subprocess.run(
            [sys.executable, "-m", "eventprogram", "convert", str(example_dir), str(target)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 1
        assert result.stderr.startswith("eventprogram: cannot write, nothing written:")
        assert f"{target}: Is a directory" in result.stderr
        assert "Traceback" not in result.stderr
        assert target.is_dir()
        assert list(tmp_path.iterdir()) == [target]


class TestInternalError:
    @pytest.fixture(autouse=True)
    def buggy(self, monkeypatch):
        def validate(_programme):
            raise ZeroDivisionError("a bug")

        monkeypatch.setattr(_cli, "validate", validate)
        monkeypatch.delenv(_cli.DEBUG_VARIABLE, raising=False)

    def test_a_bug_is_one_line_and_exit_70(self, example_dir, capsys):
        """An unexpected exception is one 'internal error' line asking for a report, exit 70."""
        assert main(["validate", str(example_dir)]) == 70
        err = capsys.readouterr().err
        assert err.count("\n") == 1
        assert "internal error (ZeroDivisionError: a bug); please report it" in err
        assert "Traceback" not in err

    @pytest.mark.parametrize("how", ["flag before", "flag after", "variable"])
    def test_debug_shows_the_traceback(self, example_dir, capsys, monkeypatch, how):
        """--debug (before or after the command) or EVENTPROGRAM_DEBUG=1 adds the traceback."""
        argv = ["validate", str(example_dir)]
        if how == "flag before":
            argv = ["--debug", *argv]
        elif how == "flag after":
            argv = [*argv, "--debug"]
        else:
            monkeypatch.setenv(_cli.DEBUG_VARIABLE, "1")
        assert main(argv) == 70
        err = capsys.readouterr().err
        assert "internal error" in err
        assert "Traceback (most recent call last)" in err
        assert 'raise ZeroDivisionError("a bug")' in err


class TestInertReport:
    def test_every_finding_is_one_line(self):
        """Line breaks, escapes, bidi overrides and NEL in a finding cannot forge report lines."""
        text = hostile_report().to_text("en", source=f"src{HOSTILE}")
        lines = text.split("\n")
        assert lines[-1] == ""
        assert len(lines[:-1]) == 3
        assert len(text.splitlines()) == 3  # also NEL, LS and PS split nothing
        assert "\x1b" not in text
        assert "\r" not in text
        assert "\u202e" not in text
        assert all(line.startswith("src") for line in lines[:-1])
        assert r"evil\nmy-event: days[0]: error EP999: forged\x1b[2K\x1b[1A\r\u202egnp.exe" in text
        assert r"\ud800\x85" in text
        text.encode("utf-8")  # no lone surrogate is left to fail on output

    def test_inert_leaves_ordinary_text_alone(self):
        """Umlauts, emoji with joiners, quotes and backslashes are shown as they are."""
        text = 'Grüße 👩\u200d💻 "Q" C:\\tmp ü'
        assert inert(text) == text

    def test_validate_shows_hostile_text_inert_and_json_exact(
        self, example_dir, monkeypatch, capsysbinary
    ):
        """`validate` prints the hostile finding as one line, and `--format json` exactly."""
        monkeypatch.setattr(_cli, "validate", lambda _programme: hostile_report())
        assert main(["validate", str(example_dir), "--lang", "en"]) == 1
        out = capsysbinary.readouterr().out.decode("utf-8")
        assert len(out.splitlines()) == 3
        assert b"\x1b" not in out.encode()
        assert main(["validate", str(example_dir), "--format", "json"]) == 1
        data = json.loads(capsysbinary.readouterr().out.decode("utf-8"))
        assert data["findings"][0]["hints"]["en"] == HOSTILE
        assert data["findings"][0]["path"] == f"days[0].slots[{HOSTILE}]"

    def test_problems_on_stderr_are_inert(self, tmp_path, capsys):
        """A source error whose text holds a line break and ESC is one line per problem."""
        source = tmp_path / "bad\n\x1b[31mname.toml"
        source.write_text("id = [", encoding="utf-8")
        assert main(["validate", str(source)]) == 2
        err = capsys.readouterr().err
        assert "\x1b" not in err
        assert r"bad\n\x1b[31mname.toml" in err
        assert len(err.splitlines()) == 2
