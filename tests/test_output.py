"""Writing all or none (``eventprogram._output``): staging, rollback, locking, signals."""

from __future__ import annotations

import errno
import os
import resource
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from conftest import SLOW_FORMATS
from eventprogram import _output, exporters
from eventprogram._output import LOCK_NAME, folder_lock, write_all

ID = "nrw-sozialplanung-2025"


def leftovers(folder: Path) -> list[str]:
    """The names in *folder* that no build should leave: temporary files, backups, the lock."""
    return sorted(
        p.name
        for p in folder.rglob("*")
        if p.name.endswith((".tmp", ".old")) or p.name == LOCK_NAME
    )


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def variant(
    tmp_path: Path, example_dir: Path, name: str, value: str, *, field: str = "credit"
) -> Path:
    """A copy of the example whose top-level *field* is *value*."""
    folder = tmp_path / name
    folder.mkdir()
    text = (example_dir / "programme.toml").read_text(encoding="utf-8")
    start = text.index(f"\n{field} = ") + 1
    end = text.index("\n", start)
    text = f'{text[:start]}{field} = "{value}"{text[end:]}'
    (folder / "programme.toml").write_text(text, encoding="utf-8")
    (folder / "puzzle.svg").write_bytes((example_dir / "puzzle.svg").read_bytes())
    return folder


# A driver that runs the CLI with a hook, so that a test can act at a known moment.
DRIVER = textwrap.dedent(
    """
    import os, random, sys, time
    from pathlib import Path
    from eventprogram._cli import main

    hook, argv = sys.argv[1], sys.argv[2:]
    if hook == "slow-replace":  # builds meet before replacing (2 s at most), then dawdle
        real_replace = Path.replace
        barrier = Path(os.environ["BARRIER"])
        def replace(self, target):
            if not (barrier / str(os.getpid())).exists():
                (barrier / str(os.getpid())).touch()
                deadline = time.monotonic() + 2
                while len(list(barrier.iterdir())) < 2 and time.monotonic() < deadline:
                    time.sleep(0.01)
            time.sleep(random.uniform(0, 0.04))
            return real_replace(self, target)
        Path.replace = replace
    elif hook == "stall-fsync":  # the first staged file is written, then the build stalls
        def fsync(fd):
            print("STAGED", file=sys.stderr, flush=True)
            time.sleep(60)
        os.fsync = fsync
    import eventprogram._cli as cli
    real_parser = cli._parser
    def parser():
        # Called inside main's try: from here on, main's handling of signals is in force.
        print("READY", file=sys.stderr, flush=True)
        return real_parser()
    cli._parser = parser
    sys.exit(main(argv))
    """
)


def driver(hook: str, *argv: str, **kwargs) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", DRIVER, hook, *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **kwargs,
    )


@pytest.fixture
def old(tmp_path):
    """An output folder holding three old files."""
    folder = tmp_path / "out"
    folder.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (folder / name).write_text(f"old {name}", encoding="utf-8")
    return folder


class TestWriteAll:
    def test_writes_every_file_with_the_usual_mode(self, tmp_path):
        """All files are written, folders made, str as UTF-8, readable by others, no leftovers."""
        out = tmp_path / "new" / "deeper"
        write_all({out / "a.txt": "ä", out / "b.bin": b"\x00\xff"})
        assert snapshot(out) == {"a.txt": "ä".encode(), "b.bin": b"\x00\xff"}
        assert (out / "a.txt").stat().st_mode & 0o044
        assert leftovers(tmp_path) == []

    def test_second_replacement_failing_undoes_the_first(self, old, monkeypatch):
        """When the 2nd replacement fails, the 1st is undone, a new file removed, nothing left."""
        before = snapshot(old)
        real = Path.replace
        calls = []

        def replace(self, target):
            calls.append(target)
            if len(calls) == 2:
                raise OSError(errno.EIO, "Input/output error", str(target))
            return real(self, target)

        monkeypatch.setattr(Path, "replace", replace)
        outputs = {old / "new.txt": "n", old / "a.txt": "A", old / "b.txt": "B"}
        with pytest.raises(OSError, match="Input/output error"):
            write_all(outputs)
        assert snapshot(old) == before
        assert leftovers(old) == []

    def test_target_that_is_a_folder_fails_midway_and_nothing_changes(self, old):
        """A real failure midway (a target is a folder) leaves every old file as it was."""
        (old / "b.txt").unlink()
        (old / "b.txt").mkdir()
        before = snapshot(old)
        with pytest.raises(IsADirectoryError):
            write_all({old / "a.txt": "A", old / "b.txt": "B", old / "c.txt": "C"})
        assert snapshot(old) == before
        assert (old / "b.txt").is_dir()
        assert leftovers(old) == []

    @pytest.mark.parametrize(
        "failure",
        [
            OSError(errno.ENOSPC, "No space left on device"),
            OSError(errno.EFBIG, "File too large"),
            PermissionError(errno.EACCES, "Permission denied"),
            KeyboardInterrupt(),
        ],
        ids=["ENOSPC", "EFBIG", "EACCES", "KeyboardInterrupt"],
    )
    def test_failure_while_staging_leaves_nothing(self, old, monkeypatch, failure):
        """A full disk, a size limit, a permission or Ctrl-C while staging changes nothing."""
        before = snapshot(old)
        real = os.fsync
        calls = []

        def fsync(fd):
            calls.append(fd)
            if len(calls) == 2:
                raise failure
            real(fd)

        monkeypatch.setattr(os, "fsync", fsync)
        with pytest.raises(type(failure)):
            write_all({old / "a.txt": "A", old / "b.txt": "B", old / "c.txt": "C"})
        assert snapshot(old) == before
        assert leftovers(old) == []

    def test_undo_that_fails_keeps_the_old_file_and_says_where(self, old, monkeypatch):
        """If undoing fails too, the error names the backup that still holds the old file."""
        real = Path.replace
        calls = []

        def replace(self, target):
            calls.append(target)
            if len(calls) >= 2:  # the 2nd replacement, and then the undo of the 1st
                raise OSError(errno.EIO, "Input/output error")
            return real(self, target)

        monkeypatch.setattr(Path, "replace", replace)
        with pytest.raises(_output.RollbackError) as caught:
            write_all({old / "a.txt": "A", old / "b.txt": "B"})
        backup = caught.value.kept[old / "a.txt"]
        assert backup.read_text(encoding="utf-8") == "old a.txt"
        assert str(backup) in str(caught.value)
        assert (old / "b.txt").read_text(encoding="utf-8") == "old b.txt"

    def test_lock_file_is_removed_after_writing(self, old):
        """The lock file exists only while a build writes."""
        with folder_lock(old):
            assert (old / LOCK_NAME).exists()
        assert not (old / LOCK_NAME).exists()


class TestBuildProcess:
    def test_file_size_limit_leaves_old_files_and_nothing_half_written(self, example_dir, old):
        """Under RLIMIT_FSIZE the build fails with exit 1, naming the cause; old files stay."""
        for name in ("c3voc-json", "html"):
            (old / f"{ID}.{name}").write_text("old", encoding="utf-8")
        before = snapshot(old)

        def limit():
            resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

        def build(formats):
            command = [sys.executable, "-m", "eventprogram", "build", str(example_dir)]
            return subprocess.run(
                [*command, "-o", str(old), "-f", ",".join(formats)],
                capture_output=True,
                text=True,
                preexec_fn=limit,
                check=False,
            )

        # Every format but the PDFs: WeasyPrint writes its fonts to temporary files while it
        # renders, which the limit refuses before anything is written (below).
        result = build(sorted(set(exporters.available()) - SLOW_FORMATS))
        assert result.returncode == 1, result.stderr
        assert f"{old}/{ID}.c3voc-json" not in result.stderr
        assert f"{ID}.schedule.json: File too large" in result.stderr
        assert "Traceback" not in result.stderr
        assert snapshot(old) == before
        assert leftovers(old) == []
        if exporters.get("pdf").unavailable() is None:
            result = build(["html", "pdf"])
            assert result.returncode == 2, result.stderr
            assert result.stderr == "eventprogram: File too large\n"
            assert snapshot(old) == before
            assert leftovers(old) == []

    def test_two_builds_into_one_folder_never_mix(self, tmp_path, example_dir):
        """Two builds at once into one folder leave all files of one build, none of the other."""
        sources = [variant(tmp_path, example_dir, n, n, field="title") for n in ("alpha", "beta")]
        # Three formats, one of them split into many files, are enough to mix; every format
        # (the PDFs among them) would make the test take half a minute.
        formats = ["-f", "html,ical,json,markdown", "--split"]
        expected = []
        for source in sources:
            reference = tmp_path / f"ref-{source.name}"
            build = [sys.executable, "-m", "eventprogram", "build", str(source), *formats]
            subprocess.run(
                [*build, "-o", str(reference)],
                check=True,
                capture_output=True,
            )
            expected.append(snapshot(reference))
        assert expected[0] != expected[1]
        out = tmp_path / "out"
        for round_ in range(3):
            barrier = tmp_path / f"barrier{round_}"
            barrier.mkdir()
            env = {**os.environ, "BARRIER": str(barrier)}
            builds = [
                driver("slow-replace", "build", str(s), *formats, "-o", str(out), env=env)
                for s in sources
            ]
            for build in builds:
                _, err = build.communicate(timeout=120)
                assert build.returncode == 0, err
            assert snapshot(out) in expected
            assert leftovers(out) == []

    def test_second_build_waits_for_the_lock(self, tmp_path, example_dir):
        """A build into a folder another build holds says it waits, and writes only afterwards."""
        out = tmp_path / "out"
        out.mkdir()
        with folder_lock(out):
            build = driver("none", "build", str(example_dir), "-f", "json", "-o", str(out))
            assert build.stderr is not None
            assert build.stderr.readline() == "READY\n"
            line = build.stderr.readline()
            assert f"waiting for another build into {out} to finish" in line
            time.sleep(0.2)
            assert build.poll() is None
            assert sorted(p.name for p in out.iterdir()) == [LOCK_NAME]
        _, err = build.communicate(timeout=60)
        assert build.returncode == 0, err
        assert sorted(p.name for p in out.iterdir()) == [f"{ID}.json"]

    @pytest.mark.parametrize(
        ("number", "code", "said"),
        [(signal.SIGINT, 130, "interrupted"), (signal.SIGTERM, 143, "stopped by SIGTERM")],
        ids=["SIGINT", "SIGTERM"],
    )
    def test_signal_while_writing_leaves_old_files_and_no_temporary_file(
        self, example_dir, old, number, code, said
    ):
        """A signal while the files are written ends with 128+n and one line; nothing changes."""
        (old / f"{ID}.json").write_text("old", encoding="utf-8")
        before = snapshot(old)
        build = driver("stall-fsync", "build", str(example_dir), "-o", str(old))
        assert build.stderr is not None
        assert build.stderr.readline() == "READY\n"
        assert build.stderr.readline() == "STAGED\n"
        build.send_signal(number)
        _, err = build.communicate(timeout=60)
        assert build.returncode == code
        assert err == f"eventprogram: {said}\n"
        assert snapshot(old) == before
        assert leftovers(old) == []

    @pytest.mark.parametrize("delay", [0.0, 0.3, 0.6, 0.9, 1.2])
    def test_ctrl_c_at_any_moment_of_a_large_build_leaves_no_mix(
        self, tmp_path, example_dir, delay
    ):
        """Ctrl-C at any moment of a large build exits 130 (or 0) and leaves old or new files."""
        source = variant(tmp_path, example_dir, "large", "x" * 4_000_000)
        out = tmp_path / "out"
        out.mkdir()
        (out / f"{ID}.json").write_text("old", encoding="utf-8")
        before = snapshot(out)
        build = driver("none", "build", str(source), "-o", str(out))
        assert build.stderr is not None
        assert build.stderr.readline() == "READY\n"
        time.sleep(delay)
        build.send_signal(signal.SIGINT)
        _, err = build.communicate(timeout=120)
        assert "Traceback" not in err
        assert leftovers(out) == []
        if build.returncode == 130:
            assert err == "eventprogram: interrupted\n"
            after = snapshot(out)
            assert after == before or (len(after) == 6 and after[f"{ID}.json"] != b"old")
        else:
            # 0, or killed by the signal itself when it came as the interpreter was exiting.
            assert build.returncode in {0, -signal.SIGINT}, err
            after = snapshot(out)
            assert len(after) == 6
            assert after[f"{ID}.json"] != b"old"
