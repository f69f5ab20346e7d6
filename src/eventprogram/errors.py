"""The exceptions eventprogram raises for bad input.

Every problem names the file, the line where the format gives one, and the
field path, so that an organiser can find and mend it without a traceback.
Messages and hints are in German and English; :meth:`SourceError.to_text`
chooses one.
"""

from __future__ import annotations

from typing import Any

import attrs

from ._bilingual import Text

__all__ = [
    "EventprogramError",
    "MissingExtraError",
    "PluginError",
    "Problem",
    "SourceError",
    "Text",
]


def _text(value: str | Text) -> Text:
    return value if isinstance(value, Text) else Text.same(value)


def _optional_text(value: str | Text | None) -> Text | None:
    return None if value is None else _text(value)


@attrs.frozen
class Problem:
    """One thing wrong with a source.

    Attributes:
        text: What is wrong, for a person, in German and English.
        file: The file it is in, or a name such as ``<string>``.
        line: The line (1-based) where the format or a search of the text gives one.
        path: The field, such as ``days[0].slots[8].sessions[2].people[0].person``.
        hint_text: How to mend it, where one helps (``did you mean 'schmidt-gabi'?``).
    """

    text: Text = attrs.field(converter=_text, alias="message")
    file: str | None = None
    line: int | None = None
    path: str | None = None
    hint_text: Text | None = attrs.field(default=None, converter=_optional_text, alias="hint")

    @property
    def message(self) -> str:
        """What is wrong, in English."""
        return self.text.en

    @property
    def hint(self) -> str | None:
        """How to mend it, in English, where one helps."""
        return None if self.hint_text is None else self.hint_text.en

    def to_text(self, language: str = "en") -> str:
        """Render the problem as ``file:line: path: message (hint)`` in *language*."""
        where = ":".join(str(part) for part in (self.file, self.line) if part is not None)
        message = self.text.get(language)
        text = f"{self.path}: {message}" if self.path else message
        if self.hint_text is not None:
            text = f"{text} ({self.hint_text.get(language)})"
        return f"{where}: {text}" if where else text

    def __str__(self) -> str:
        return self.to_text("en")


class EventprogramError(Exception):
    """The base of every exception eventprogram raises on purpose."""


class SourceError(EventprogramError, ValueError):
    """A programme source cannot be read: it is no programme, or a broken one.

    Attributes:
        problems: Everything found wrong, in the order of the source.
        language: The programme's own ``language`` where the source could be read
            that far, so that its problems can be told in it; else ``None``.
    """

    def __init__(
        self, problems: list[Problem] | tuple[Problem, ...], *, language: str | None = None
    ) -> None:
        """Collect *problems*; there is at least one."""
        if not problems:
            raise ValueError("a SourceError needs at least one problem")
        self.problems = tuple(problems)
        self.language = language
        super().__init__("\n".join(str(p) for p in self.problems))

    def to_text(self, language: str = "en") -> str:
        """Render every problem in *language*, one line each, ending in a newline.

        Args:
            language: A BCP 47 tag; German for ``de`` and its variants, else English.
        """
        return "".join(f"{problem.to_text(language)}\n" for problem in self.problems)

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (self.problems, self.language))


def _rebuild(problems: tuple[Problem, ...], language: str | None) -> SourceError:
    return SourceError(problems, language=language)


class PluginError(EventprogramError):
    """An installed plug-in (an exporter or a rule) is broken: it names what and where."""


class MissingExtraError(EventprogramError, ImportError):
    """A format needs an optional part that is not installed; the message says how to get it.

    Attributes:
        extra: The package's extra that brings it, such as ``pdf`` (``eventprogram[pdf]``).
    """

    def __init__(self, message: str, *, extra: str) -> None:
        """Say what is missing (*message*) and which extra installs it."""
        super().__init__(message)
        self.extra = extra

    def __reduce__(self) -> tuple[Any, ...]:
        return (_missing_extra, (str(self), self.extra))


def _missing_extra(message: str, extra: str) -> MissingExtraError:
    return MissingExtraError(message, extra=extra)
