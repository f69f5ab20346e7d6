"""Releases: the published states of a programme, kept as canonical JSON, one per revision.

``eventprogram release SOURCE`` writes the programme's canonical JSON
(:func:`~eventprogram.dumps`) into a ``releases/`` folder beside the source (or a
folder given), named after the programme's ``revision``:
``2025-05-02T10-00-00+02-00.json``. The organiser may keep that folder in version
control. ``eventprogram build`` compares with the latest release before the
programme's own revision (:func:`latest_release`) and shows what changed.

The revision is the organiser's: it is the ``revision`` field of the source,
the moment this version of the programme was made. It is what tells releases
apart, so a changed programme needs a later ``revision`` before it can be
released:

- no ``revision`` → an error: there is nothing to name the release by;
- a release of that revision exists with the same content → nothing to do
  ("already released");
- a release of that revision exists with other content → an error that asks for a
  later ``revision``: the published state of a revision never changes.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from typing import Final

import attrs

from ._bilingual import Text
from ._model import Programme
from ._output import write_all
from ._source import dumps, load, source_file
from .errors import Problem, SourceError

__all__ = [
    "RELEASES_FOLDER",
    "Released",
    "latest_release",
    "load_release",
    "release",
    "release_name",
    "releases",
    "releases_folder",
]

RELEASES_FOLDER: Final = "releases"
"""The folder beside the source that holds its releases, unless another is chosen."""

_NAME: Final = re.compile(
    r"^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})(\.\d{1,6})?([+-]\d{2})-(\d{2})\.json$"
)


@attrs.frozen
class Released:
    """What :func:`release` did.

    Attributes:
        path: The release file.
        written: ``True`` where it was written now; ``False`` where a release of the
            same revision with the same content was already there.
    """

    path: Path
    written: bool


def release_name(revision: dt.datetime) -> str:
    """The file name of the release of *revision*: ``2025-05-02T10-00-00+02-00.json``.

    Colons become hyphens, so that the name is valid on every file system.

    Raises:
        ValueError: *revision* has no offset.
    """
    if revision.utcoffset() is None:
        raise ValueError("a release's revision must name its offset")
    return f"{revision.isoformat().replace(':', '-')}.json"


def _revision_of(name: str) -> dt.datetime | None:
    """The revision a release file's *name* stands for, or ``None`` for no release's name."""
    match = _NAME.fullmatch(name)
    if match is None:
        return None
    date, hour, minute, second, fraction, offset_hours, offset_minutes = match.groups()
    text = f"{date}T{hour}:{minute}:{second}{fraction or ''}{offset_hours}:{offset_minutes}"
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        return None


def releases_folder(source: str | os.PathLike[str]) -> Path:
    """The releases folder beside *source*: ``releases/`` in its folder (a folder source's own)."""
    path = Path(source)
    return (path if path.is_dir() else path.parent) / RELEASES_FOLDER


def latest_release(
    folder: str | os.PathLike[str], *, before: dt.datetime | None = None
) -> Path | None:
    """The release in *folder* with the latest revision, or ``None`` where there is none.

    Files whose names are no release's are ignored; a folder that does not exist
    holds none. Revisions are compared as instants, whatever their offsets.

    Args:
        folder: The releases folder.
        before: Only releases of a revision earlier than this count: the previous
            release of a programme whose own revision is already released.
    """
    found = releases(folder, before=before)
    return found[-1] if found else None


def releases(
    folder: str | os.PathLike[str], *, before: dt.datetime | None = None
) -> tuple[Path, ...]:
    """Every release in *folder*, oldest first (by revision, as instants): the chain of releases.

    Files whose names are no release's are ignored; a folder that does not exist holds none.

    Args:
        folder: The releases folder.
        before: Only releases of a revision earlier than this count.
    """
    path = Path(folder)
    if not path.is_dir():
        return ()
    found: list[tuple[dt.datetime, str, Path]] = []
    for entry in path.iterdir():
        revision = _revision_of(entry.name)
        if revision is None or not entry.is_file():
            continue
        if before is not None and revision >= before:
            continue
        found.append((revision, entry.name, entry))
    return tuple(entry for _, _, entry in sorted(found))


def load_release(path: str | os.PathLike[str]) -> Programme:
    """Read a release file: the canonical JSON of a programme.

    Raises:
        SourceError: The file cannot be read or holds no valid programme.
    """
    return load(path)


def release(
    programme: Programme, folder: str | os.PathLike[str], *, source: str = "<programme>"
) -> Released:
    """Keep *programme* as a release in *folder*, named after its revision.

    The file is written whole or not at all (a temporary file, then a rename).

    Args:
        programme: The programme to release.
        folder: The releases folder (:func:`releases_folder` for the usual one).
        source: The source's name, for messages.

    Returns:
        The release file, and whether it was written now.

    Raises:
        SourceError: The programme has no ``revision``, or a release of its revision
            exists with other content (raise the ``revision``).
        OSError: The file cannot be read or written.
    """
    revision = programme.revision
    if revision is None:
        raise SourceError(
            [
                Problem(
                    Text(
                        "das Programm hat keine revision: eine Veröffentlichung wird nach"
                        " ihrer revision benannt",
                        "the programme has no revision: a release is named after its revision",
                    ),
                    file=source,
                    path="revision",
                    hint=Text(
                        'revision = "2025-05-02T10:00:00+02:00" angeben: wann dieser Stand'
                        " entstanden ist",
                        'add revision = "2025-05-02T10:00:00+02:00": when this version was made',
                    ),
                )
            ],
            language=programme.language,
        )
    target = Path(folder) / release_name(revision)
    text = dumps(programme)
    if target.is_file():
        if target.read_bytes() == text.encode("utf-8"):
            return Released(target, written=False)
        shown = revision.isoformat()
        raise SourceError(
            [
                Problem(
                    Text(
                        f"der Stand {shown} ist schon veröffentlicht ({target}), mit anderem"
                        " Inhalt: das Programm wurde geändert, seine revision nicht",
                        f"revision {shown} is already released ({target}) with other content:"
                        " the programme changed but its revision did not",
                    ),
                    file=source,
                    path="revision",
                    hint=Text(
                        "revision auf den Zeitpunkt dieser Änderung setzen, dann erneut"
                        " veröffentlichen",
                        "set revision to when this change was made, then release again",
                    ),
                )
            ],
            language=programme.language,
        )
    write_all({target: text})
    return Released(target, written=True)


def release_source(
    source: str | os.PathLike[str], folder: str | os.PathLike[str] | None = None
) -> Released:
    """Load *source* and :func:`release` it into *folder* (default: :func:`releases_folder`)."""
    programme = load(source)
    where = releases_folder(source) if folder is None else Path(folder)
    return release(programme, where, source=str(source_file(source)))
