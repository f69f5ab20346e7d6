"""Writing a build's files all or none, one build at a time per folder.

:func:`write_all` is what ``build``, ``build --split`` and ``convert`` write with:

1. It locks each target folder (:func:`folder_lock`), so that a second build into the
   same folder waits until the first is done: two builds never leave a mix.
2. It stages every file: a temporary file ``.<name>.<random>.tmp`` beside its target,
   written in full, flushed and ``fsync``'d.
3. It replaces the targets one after another. An existing target is first kept aside
   as a hard link ``.<name>.<random>.old``; if any replacement fails, the ones already
   made are undone from these backups (a target that did not exist is removed again).
   Only when all replacements succeed are the backups removed.

Whatever fails — a full disk, a file-size limit, a permission, Ctrl-C — no temporary
file and no backup is left behind, and either every target is new or every target is
as it was. SIGINT and SIGTERM are held back during step 3 (it only renames, so it is
quick): an interrupt then lets the replacements finish first.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import shutil
import signal
import stat
import sys
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

LOCK_NAME = ".eventprogram.lock"
"""The lock file a build holds in its output folder while it writes; removed afterwards."""

_HELD_BACK = frozenset({signal.SIGINT, signal.SIGTERM}) | (
    frozenset({signal.SIGHUP}) if hasattr(signal, "SIGHUP") else frozenset()
)


class RollbackError(OSError):
    """A replacement failed and so did undoing an earlier one: some targets may be new.

    Attributes:
        kept: The backups that could not be put back, by target: the old files are there.
    """

    def __init__(self, cause: OSError, kept: Mapping[Path, Path]) -> None:
        """Name *cause* and where the old files are *kept*."""
        listed = ", ".join(f"{target} (old file kept as {old})" for target, old in kept.items())
        super().__init__(cause.errno, f"{cause.strerror}; could not undo: {listed}")
        self.filename = cause.filename
        self.kept = dict(kept)


def write_all(
    outputs: Mapping[Path, str | bytes], *, on_wait: Callable[[Path], None] | None = None
) -> None:
    """Write every file of *outputs*, or none; str content is written as UTF-8.

    Folders are created as needed. New files get the mode any new file gets (the umask
    applies); a replaced file gets it too.

    Args:
        outputs: The content of each target file.
        on_wait: Called with a folder when another build holds its lock, before waiting.

    Raises:
        OSError: Writing failed; every target is as it was and no temporary file is left.
        RollbackError: Undoing failed too (rare): see its ``kept``.
    """
    outputs = {_target(path): content for path, content in outputs.items()}
    folders = sorted({path.parent for path in outputs})
    with contextlib.ExitStack() as stack:
        for folder in folders:
            folder.mkdir(parents=True, exist_ok=True)
            stack.enter_context(folder_lock(folder, on_wait=on_wait))
        staged: dict[Path, Path] = {}
        try:
            for path, content in outputs.items():
                data = content.encode("utf-8") if isinstance(content, str) else content
                _stage(path, data, staged)
            with _signals_held_back():
                _replace_all(staged)
            for folder in folders:
                _sync_folder(folder)
        finally:
            for temporary in staged.values():
                _remove(temporary)


def _target(path: Path) -> Path:
    """The file to replace for *path*: a symbolic link's target, so that the link stays.

    Raises:
        OSError: *path* is something other than a regular file (a device such as
            ``/dev/null``, a FIFO, a socket): it would be replaced by a file.
    """
    if path.is_symlink():
        path = path.resolve()
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return path
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):  # a folder fails later, undoing all
        return path
    raise OSError(errno.EINVAL, "not a regular file; only files are written", os.fspath(path))


def _stage(path: Path, data: bytes, staged: dict[Path, Path]) -> None:
    """Write *data* to a new temporary file beside *path*, recorded in *staged* first."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
        # Recorded before it exists, so that an interrupt at any point removes it.
        staged[path] = temporary
        try:
            fd = os.open(temporary, flags, 0o666)
        except FileExistsError:
            continue
        break
    with _naming(path), os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


@contextlib.contextmanager
def _naming(path: Path) -> Iterator[None]:
    """Let an OSError name the target *path*, not the temporary file that stands in for it."""
    try:
        yield
    except OSError as exc:
        if exc.errno is None:
            raise
        raise OSError(exc.errno, exc.strerror, str(path)) from exc


def _replace_all(staged: Mapping[Path, Path]) -> None:
    """Replace each target by its staged file; on a failure, undo the replacements made."""
    backups: dict[Path, Path | None] = {}
    done: list[Path] = []
    try:
        for path, temporary in staged.items():
            backups[path] = _keep_aside(path)
            with _naming(path):
                temporary.replace(path)
            done.append(path)
    except BaseException as exc:
        kept = _undo(done, backups)
        for path, backup in backups.items():
            if backup is not None and path not in kept:
                _remove(backup)
        if kept:
            cause = exc if isinstance(exc, OSError) else OSError(errno.EINTR, str(exc))
            raise RollbackError(cause, kept) from exc
        raise
    for backup in backups.values():
        if backup is not None:
            _remove(backup)


def _keep_aside(path: Path) -> Path | None:
    """Hard-link (or copy) an existing non-folder *path* to a backup; None when there is none."""
    if not path.is_symlink() and not path.exists():
        return None
    if path.is_dir() and not path.is_symlink():
        return None  # os.replace fails on it, before anything changes
    while True:
        backup = path.with_name(f".{path.name}.{secrets.token_hex(4)}.old")
        try:
            os.link(path, backup, follow_symlinks=False)
        except FileExistsError:
            continue
        except OSError:
            # No hard links here (FAT, some network shares): copy the old file instead.
            try:
                shutil.copy2(path, backup, follow_symlinks=False)
            except BaseException:
                _remove(backup)
                raise
        return backup


def _undo(done: list[Path], backups: Mapping[Path, Path | None]) -> dict[Path, Path]:
    """Put back what was replaced, newest first; return the backups that could not be."""
    kept: dict[Path, Path] = {}
    for path in reversed(done):
        backup = backups[path]
        try:
            if backup is None:
                path.unlink(missing_ok=True)
            else:
                backup.replace(path)
        except OSError:
            if backup is not None:
                kept[path] = backup
    return kept


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)


def _sync_folder(folder: Path) -> None:
    """Make the renames in *folder* durable where the system allows it (not on Windows)."""
    if sys.platform == "win32":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def _signals_held_back() -> Iterator[None]:
    """Defer SIGINT, SIGTERM and SIGHUP while the block runs (POSIX, main thread)."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD_BACK)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


@contextlib.contextmanager
def folder_lock(folder: Path, *, on_wait: Callable[[Path], None] | None = None) -> Iterator[None]:
    """Hold the lock of *folder* against other builds; wait while another holds it.

    On POSIX this is ``flock`` on ``<folder>/.eventprogram.lock``. The holder removes
    the file before it lets go, and a waiter that then gets the lock of a removed file
    tries again, so that the folder is left without a lock file. On Windows it is
    ``msvcrt.locking`` on the same file, which is left in place there.

    Args:
        folder: An existing folder.
        on_wait: Called with *folder* once if the lock is held by another process.
    """
    lock = folder / LOCK_NAME
    if sys.platform == "win32":
        with _windows_lock(lock, folder, on_wait):
            yield
        return
    import fcntl  # noqa: PLC0415 -- POSIX only

    waited = False
    while True:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o666)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if not waited and on_wait is not None:
                    on_wait(folder)
                waited = True
                fcntl.flock(fd, fcntl.LOCK_EX)
            if _same_file(fd, lock):
                break
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)  # the holder before us removed it: lock the new one
    try:
        yield
    finally:
        _remove(lock)
        os.close(fd)


def _same_file(fd: int, path: Path) -> bool:
    try:
        named = path.stat()
    except FileNotFoundError:
        return False
    held = os.fstat(fd)
    return (named.st_dev, named.st_ino) == (held.st_dev, held.st_ino)


@contextlib.contextmanager
def _windows_lock(
    lock: Path, folder: Path, on_wait: Callable[[Path], None] | None
) -> Iterator[None]:  # pragma: no cover -- Windows only
    import msvcrt  # noqa: PLC0415 -- Windows only

    with lock.open("a+b") as handle:
        waited = False
        while True:
            try:
                handle.seek(0)
                msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined,unused-ignore]
                break
            except OSError:
                if not waited and on_wait is not None:
                    on_wait(folder)
                waited = True
                time.sleep(0.1)
        try:
            yield
        finally:
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)  # type: ignore[attr-defined,unused-ignore]
