"""The vocabulary of validation: rules, the violations they find, findings and reports."""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, Final

import attrs

from ._bilingual import Text
from ._model import Programme, is_german

if TYPE_CHECKING:
    from ._i18n import Language


class Severity(enum.StrEnum):
    """How bad a finding is."""

    ERROR = "error"
    """The programme is wrong: do not publish it like this."""
    WARNING = "warning"
    """Probably a mistake, or something participants will miss."""
    INFO = "info"
    """Worth knowing; often intended."""


_SEVERITY_LABELS: Final = {
    "de": {Severity.ERROR: "Fehler", Severity.WARNING: "Warnung", Severity.INFO: "Hinweis"},
    "en": {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"},
}


def _language(language: str) -> Language:
    return "de" if is_german(language) else "en"


@attrs.frozen(kw_only=True)
class Violation:
    """What a rule's check yields: one place where the programme breaks the rule.

    Attributes:
        path: Where in the source, such as ``days[0].slots[8].people[0].person``.
        ids: The ids of what it concerns, most specific first.
        message_de: What is wrong, in German.
        message_en: What is wrong, in English.
        hint_de: How to mend it, in German, where one helps.
        hint_en: How to mend it, in English, where one helps.
    """

    path: str
    ids: tuple[str, ...] = ()
    message_de: str
    message_en: str
    hint_de: str | None = None
    hint_en: str | None = None


Check = Callable[[Programme], Iterable[Violation]]
"""What a rule's check is: a function from a programme to the violations in it."""


@attrs.frozen(kw_only=True)
class Rule:
    """A named check with a stable code, a severity and a summary in German and English.

    Register a rule of your own under the entry point group ``eventprogram.rules``;
    a programme switches rules off by name or code in ``disabled_rules``.
    """

    code: str = attrs.field(validator=attrs.validators.matches_re(r"^[A-Z]+[0-9]+$"))
    name: str = attrs.field(validator=attrs.validators.matches_re(r"^[a-z][a-z0-9-]*$"))
    severity: Severity
    summary_de: str
    summary_en: str
    check: Check


@attrs.frozen(kw_only=True)
class Finding:
    """One thing validation found.

    Attributes:
        code: Stable code such as ``EP301``; never reused for another meaning.
        rule: The rule's name, such as ``person-clash``.
        severity: How bad it is.
        message_de: What is wrong, in German.
        message_en: What is wrong, in English.
        path: Where in the source, such as ``days[0].slots[8].people[0].person``.
        ids: The ids of what it concerns.
        hint_de: How to mend it, in German, where one helps.
        hint_en: How to mend it, in English, where one helps.
    """

    code: str
    rule: str
    severity: Severity
    message_de: str
    message_en: str
    path: str
    ids: tuple[str, ...] = ()
    hint_de: str | None = None
    hint_en: str | None = None

    @classmethod
    def of(cls, rule: Rule, violation: Violation) -> Finding:
        """Make the finding of *rule* about *violation*."""
        return cls(
            code=rule.code,
            rule=rule.name,
            severity=rule.severity,
            message_de=violation.message_de,
            message_en=violation.message_en,
            path=violation.path,
            ids=violation.ids,
            hint_de=violation.hint_de,
            hint_en=violation.hint_en,
        )

    @property
    def text(self) -> Text:
        """The message in German and English."""
        return Text(self.message_de, self.message_en)

    @property
    def hint_text(self) -> Text | None:
        """The hint in German and English, if there is one (in either language)."""
        if self.hint_de is None and self.hint_en is None:
            return None
        return Text(self.hint_de or "", self.hint_en or "")

    def message(self, language: str = "en") -> str:
        """Return the message in *language* (``de`` or ``en``)."""
        return self.text.get(language)

    def hint(self, language: str = "en") -> str | None:
        """Return the hint in *language* (``de`` or ``en``), if there is one."""
        hint = self.hint_text
        return (hint.get(language) or None) if hint is not None else None


_PATH_PART: Final = re.compile(r"(\d+)")


def source_order(finding: Finding) -> tuple[Any, ...]:
    """Sort key: findings in the order of the source, then by code."""
    parts = tuple(
        (0, int(p), "") if p.isdigit() else (1, 0, p) for p in _PATH_PART.split(finding.path) if p
    )
    return (parts, finding.code, finding.ids)


_CONTROL: Final = re.compile(
    "[\x00-\x1f\x7f-\x9f"  # C0 (line breaks, ESC), DEL and C1 (NEL, CSI)
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"  # bidirectional marks and overrides
    "\u2028\u2029"  # line and paragraph separators
    "\ud800-\udfff]"  # lone surrogates, which cannot even be written as UTF-8
)
_NAMED_ESCAPES: Final = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match[0]
    if escaped := _NAMED_ESCAPES.get(char):
        return escaped
    code = ord(char)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def inert(text: str) -> str:
    r"""Return *text* with control characters shown as escapes, safe to print as one line.

    Line breaks become ``\n`` and ``\r``, a tab ``\t``, other C0 and C1 controls
    and DEL ``\x1b`` and the like, bidirectional overrides and marks, the line and
    paragraph separators and lone surrogates ``\u202e`` and the like. Everything
    else, backslashes included, stays as it is.
    """
    return _CONTROL.sub(_escape, text)


@attrs.frozen
class Report:
    """What validation found in a programme, in source order."""

    findings: tuple[Finding, ...] = ()

    @property
    def errors(self) -> tuple[Finding, ...]:
        """The findings of severity error."""
        return tuple(f for f in self.findings if f.severity is Severity.ERROR)

    @property
    def ok(self) -> bool:
        """Whether there is no error (warnings and infos allowed)."""
        return not self.errors

    def count(self, severity: Severity) -> int:
        """Return how many findings have *severity*."""
        return sum(1 for f in self.findings if f.severity is severity)

    def to_text(self, language: str = "en", *, source: str | None = None) -> str:
        r"""Render the report for people: one line per finding, then a summary line.

        Text from the source (names, ids, paths, the source's name) is shown inert:
        control characters, line breaks and bidirectional overrides appear as escapes
        such as ``\n``, ``\x1b`` or ``\u202e`` (see :func:`inert`), so that each
        finding is exactly one line and none can forge another or move the cursor.

        Args:
            language: ``de`` or ``en``.
            source: The name of the source, put before every line.
        """
        lang = _language(language)
        labels = _SEVERITY_LABELS[lang]
        prefix = f"{inert(source)}: " if source else ""
        lines = []
        for finding in self.findings:
            line = (
                f"{prefix}{inert(finding.path)}: {labels[finding.severity]}"
                f" {inert(finding.code)}: {inert(finding.message(lang))}"
            )
            if hint := finding.hint(lang):
                line += f" ({inert(hint)})"
            lines.append(line)
        from ._i18n import counted  # noqa: PLC0415 -- kept out of `import eventprogram`

        summary = ", ".join(counted(str(s), self.count(s), lang) for s in Severity)
        lines.append(f"{prefix}{summary}")
        return "\n".join(lines) + "\n"

    def to_dict(self, language: str = "en") -> dict[str, Any]:
        """Render the report for tools: plain data, ready for ``json.dumps``.

        Each finding carries its message and hint in *language* and both languages
        under ``messages`` and ``hints``.
        """
        return {
            "ok": self.ok,
            "counts": {str(s): self.count(s) for s in Severity},
            "findings": [
                {
                    "code": f.code,
                    "rule": f.rule,
                    "severity": str(f.severity),
                    "path": f.path,
                    "ids": list(f.ids),
                    "message": f.message(language),
                    "hint": f.hint(language),
                    "messages": {"de": f.message_de, "en": f.message_en},
                    "hints": {"de": f.hint_de, "en": f.hint_en},
                }
                for f in self.findings
            ],
        }
