"""The exceptions eventprogram raises for bad input.

Every problem names the file, the line where the format gives one, and the
field path, so that an organiser can find and mend it without a traceback.
"""

from __future__ import annotations

import attrs

__all__ = ["EventprogramError", "PluginError", "Problem", "SourceError"]


@attrs.frozen
class Problem:
    """One thing wrong with a source.

    Attributes:
        message: What is wrong, for a person.
        file: The file it is in, or a name such as ``<string>``.
        line: The line (1-based) where the format or a search of the text gives one.
        path: The field, such as ``days[0].slots[8].sessions[2].people[0].person``.
        hint: How to mend it, where one helps (``did you mean 'schmidt-gabi'?``).
    """

    message: str
    file: str | None = None
    line: int | None = None
    path: str | None = None
    hint: str | None = None

    def __str__(self) -> str:
        where = ":".join(str(part) for part in (self.file, self.line) if part is not None)
        text = f"{self.path}: {self.message}" if self.path else self.message
        if self.hint:
            text = f"{text} ({self.hint})"
        return f"{where}: {text}" if where else text


class EventprogramError(Exception):
    """The base of every exception eventprogram raises on purpose."""


class SourceError(EventprogramError, ValueError):
    """A programme source cannot be read: it is no programme, or a broken one.

    Attributes:
        problems: Everything found wrong, in the order of the source.
    """

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]) -> None:
        """Collect *problems*; there is at least one."""
        if not problems:
            raise ValueError("a SourceError needs at least one problem")
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class PluginError(EventprogramError):
    """An installed plug-in (an exporter or a rule) is broken: it names what and where."""
