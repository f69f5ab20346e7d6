"""Text for people in German and English, and the one place where the language is chosen.

Load errors (:class:`~eventprogram.errors.Problem`) and validation findings
(:class:`~eventprogram.Finding`) carry their messages and hints as :class:`Text`;
whoever shows them asks for one language with :meth:`Text.get`.
"""

from __future__ import annotations

import attrs

__all__ = ["FieldError", "Text", "TextError", "is_german"]


def is_german(language: str) -> bool:
    """Whether the BCP 47 tag *language* is German (``de``, ``de-DE``, ``de-AT`` …)."""
    tag = language.lower()
    return tag == "de" or tag.startswith("de-")


@attrs.frozen
class Text:
    """One text in German and English.

    Attributes:
        de: The German text.
        en: The English text.
    """

    de: str
    en: str

    @classmethod
    def same(cls, text: str) -> Text:
        """The same *text* in both languages: a name, or a message not yet translated."""
        return cls(text, text)

    def get(self, language: str = "en") -> str:
        """Return the German text for a German *language* tag, else the English one."""
        return self.de if is_german(language) else self.en

    def __str__(self) -> str:
        return self.en


class TextError(ValueError):
    """A value is wrong, and the error says so in German and English.

    Its ``str()`` is the English message, so it reads like any ``ValueError``.

    Attributes:
        text: What is wrong, in German and English.
    """

    def __init__(self, text: Text) -> None:
        """Say what is wrong."""
        super().__init__(text.en)
        self.text = text


class FieldError(TextError):
    """A field's value breaks the field's rule; raised by the model's field validators.

    The loader adds :attr:`field` to the error's path.

    Attributes:
        field: The field's name, such as ``timezone``.
        text: What is wrong, in German and English.
    """

    def __init__(self, field: str, text: Text) -> None:
        """Name the *field* and say what is wrong with it."""
        super().__init__(text)
        self.field = field
