"""What a syntax error in a TOML or JSON source means, said for an organiser.

The parsers (``tomllib``, ``json``) say what they expected, in their words:
``Expected newline or end of document after a statement``. An organiser who
wrote ``title = "Tagung "Zukunft" 2025"`` needs to hear that a quotation mark
ended the text too early, and how to write one inside a text. Each known
message of the parsers becomes a sentence and a hint in German and English;
one not known here keeps the parser's words, with a hint where to look.
"""

from __future__ import annotations

import re
from typing import Final

from ._bilingual import Text

__all__ = ["json_syntax", "toml_syntax"]

_QUOTING_DE: Final = (
    'ein " im Text als \\" schreiben, den Text in einfache Anführungszeichen setzen'
    " ('Tagung \"Zukunft\"'), oder typografische „…“ verwenden"
)
_QUOTING_EN: Final = (
    'write each " inside the text as \\", put the text in single quotes'
    " ('Tagung \"Zukunft\"'), or use typographic quotes „…“"
)

_TOML: Final[tuple[tuple[re.Pattern[str], Text, Text | None], ...]] = tuple(
    (re.compile(pattern), text, hint)
    for pattern, text, hint in (
        (
            r"^Illegal character '\\n'",
            Text(
                "der Text wird in dieser Zeile nicht geschlossen: das schließende"
                " Anführungszeichen fehlt",
                "the text is not closed on this line: its closing quotation mark is missing",
            ),
            Text(
                'das " am Ende ergänzen; Text über mehrere Zeilen steht zwischen'
                ' drei Anführungszeichen: """…"""',
                'add the closing "; a text over several lines goes between three'
                ' quotation marks: """…"""',
            ),
        ),
        (
            r"^Illegal character",
            Text(
                "der Text enthält ein Steuerzeichen (etwa einen Tabulator), das in TOML"
                " so nicht stehen darf",
                "the text holds a control character (such as a tab) that TOML does not"
                " allow as it is",
            ),
            Text(
                "das Zeichen löschen, oder es als \\t (Tabulator) schreiben",
                "delete the character, or write it as \\t (a tab)",
            ),
        ),
        (
            r"^Unterminated string",
            Text(
                "der Text wird nicht geschlossen: das schließende Anführungszeichen fehlt",
                "the text is never closed: its closing quotation mark is missing",
            ),
            Text(
                'das schließende " (oder """ bei mehreren Zeilen) ergänzen',
                'add the closing " (or """ for a text over several lines)',
            ),
        ),
        (
            r"^Unescaped '\\' in a string|^Invalid hex value|^Escaped character",
            Text(
                "ein \\ im Text leitet ein Sonderzeichen ein, das es nicht gibt",
                "a \\ in the text starts an escape that does not exist",
            ),
            Text(
                "für einen Backslash \\\\ schreiben, oder den Text in einfache"
                " Anführungszeichen setzen: 'C:\\Programme'",
                "write \\\\ for a backslash, or put the text in single quotes: 'C:\\Programme'",
            ),
        ),
        (
            r"^Invalid value",
            Text(
                "hier steht kein Wert, den TOML kennt: Text gehört in Anführungszeichen",
                "this is no value TOML knows: text goes in quotation marks",
            ),
            Text(
                'den Text in Anführungszeichen setzen: title = "Fachtag"; Zahlen und'
                " true/false ohne",
                'put the text in quotation marks: title = "Fachtag"; numbers and'
                " true/false without",
            ),
        ),
        (
            r"^Invalid date or datetime",
            Text("das ist kein gültiges Datum", "this is not a valid date"),
            Text(
                'ein Datum als 2025-05-15 schreiben, eine Uhrzeit in Anführungszeichen: "10:05"',
                'write a date as 2025-05-15 and a time in quotation marks: "10:05"',
            ),
        ),
        (
            (
                r"^Cannot declare .* twice|^Cannot overwrite a value|^Duplicate inline table key"
                r"|^Cannot redefine namespace|^Cannot mutate immutable namespace"
            ),
            Text(
                "dieser Schlüssel oder diese Tabelle steht hier zum zweiten Mal",
                "this key or table is given a second time",
            ),
            Text(
                "jeden Schlüssel einmal angeben; für mehrere Einträge einer Liste"
                " [[doppelte Klammern]] verwenden",
                "give each key once; for several entries of a list use [[double brackets]]",
            ),
        ),
        (
            r"^Unclosed array",
            Text("eine Liste [ … ] wird nicht geschlossen", "a list [ … ] is never closed"),
            Text(
                "das schließende ] ergänzen; zwischen den Einträgen steht ein Komma",
                "add the closing ]; entries are separated by commas",
            ),
        ),
        (
            r"^Unclosed inline table",
            Text(
                "eine Tabelle { … } wird in dieser Zeile nicht geschlossen",
                "a table { … } is not closed on this line",
            ),
            Text(
                "das schließende } ergänzen: eine Tabelle in { } steht in einer Zeile",
                "add the closing }: a table in { } stays on one line",
            ),
        ),
        (
            r"^Expected '\]\]?' at the end of",
            Text(
                "eine Überschrift [tabelle] oder [[liste]] wird nicht geschlossen",
                "a header [table] or [[list]] is not closed",
            ),
            Text("die schließende Klammer ergänzen", "add the closing bracket"),
        ),
        (
            r"^Expected '=' after a key",
            Text("nach dem Schlüssel fehlt das =", "the = after the key is missing"),
            Text(
                'schlüssel = wert schreiben: title = "Fachtag"',
                'write key = value: title = "Fachtag"',
            ),
        ),
        (
            r"^Invalid statement|^Invalid initial character for a key",
            Text(
                "hier beginnt keine gültige Zeile: erwartet wird schlüssel = wert,"
                " eine [tabelle] oder ein # Kommentar",
                "no valid line starts here: expected key = value, a [table] or a # comment",
            ),
            Text(
                "Text gehört rechts vom = in Anführungszeichen; ein Schlüssel mit Leerzeichen"
                ' oder Umlauten steht selbst in Anführungszeichen: "Straße" = …',
                "text goes right of the = in quotation marks; a key with spaces or"
                ' accents is itself quoted: "Straße" = …',
            ),
        ),
    )
)


def toml_syntax(message: str, line_text: str | None, column: int | None) -> tuple[Text, Text]:
    """The sentence and hint for tomllib's *message*, at *column* (1-based) of *line_text*.

    Args:
        message: tomllib's message without its position.
        line_text: The source line it stopped in, where known.
        column: The column it stopped at, where known.

    Returns:
        What is wrong, and how to mend it, in German and English.
    """
    if message.startswith("Expected newline or end of document after a statement"):
        return _after_statement(line_text, column)
    for pattern, text, hint in _TOML:
        if pattern.search(message):
            return _toml(text), hint or _LOOK_UP
    return _toml(Text.same(message)), _LOOK_UP


_LOOK_UP: Final = Text(
    "mit den Beispielen im Handbuch vergleichen (Quellformat, Abschnitt TOML)",
    "compare it with the examples in the source format reference (section TOML)",
)


def _toml(text: Text) -> Text:
    return Text(f"kein gültiges TOML: {text.de}", f"not valid TOML: {text.en}")


def _after_statement(line_text: str | None, column: int | None) -> tuple[Text, Text]:
    """Something follows a value on its line; most often a quotation mark ended a text early."""
    before, after = "", ""
    if line_text is not None and column is not None:
        before, after = line_text[: column - 1].rstrip(), line_text[column - 1 :]
    if before.endswith('"') and '"' in after:
        return _toml(
            Text(
                f'das " in Spalte {len(before)} beendet den Text zu früh, und der Rest'
                " der Zeile ist kein TOML",
                f'the " at column {len(before)} ends the text too early, and the rest of'
                " the line is no TOML",
            )
        ), Text(_QUOTING_DE, _QUOTING_EN)
    if before.endswith("'") and "'" in after:
        return _toml(
            Text(
                f"das ' in Spalte {len(before)} beendet den Text zu früh: in einfachen"
                " Anführungszeichen darf kein ' stehen",
                f"the ' at column {len(before)} ends the text too early: a text in single"
                " quotes cannot hold a '",
            )
        ), Text(
            "den Text in doppelte Anführungszeichen setzen: \"Tagung 'Zukunft'\"",
            "put the text in double quotes: \"Tagung 'Zukunft'\"",
        )
    return _toml(
        Text(
            "nach dem Wert steht in dieser Zeile noch etwas",
            "something follows the value on this line",
        )
    ), Text(
        "ein Schlüssel = Wert je Zeile; ein Kommentar beginnt mit #; Text steht ganz in"
        " Anführungszeichen",
        "one key = value per line; a comment starts with #; a text is wholly in quotation marks",
    )


_JSON: Final[dict[str, tuple[str, str]]] = {
    "Expecting ',' delimiter": (
        "zwischen zwei Einträgen fehlt ein Komma",
        "a comma is missing between two entries",
    ),
    "Expecting ':' delimiter": (
        "nach dem Schlüssel fehlt der Doppelpunkt",
        "the colon after the key is missing",
    ),
    "Expecting property name enclosed in double quotes": (
        (
            "hier wird ein Schlüssel in doppelten Anführungszeichen erwartet (oder ein Komma"
            " zu viel vor })"
        ),
        "a key in double quotes is expected here (or there is a comma too many before })",
    ),
    "Expecting value": (
        "hier fehlt ein Wert (oder es steht ein Komma zu viel vor ])",
        "a value is missing here (or there is a comma too many before ])",
    ),
    "Unterminated string starting at": (
        "ein Text wird nicht geschlossen: das schließende Anführungszeichen fehlt",
        "a text is never closed: its closing quotation mark is missing",
    ),
    "Invalid control character at": (
        (
            "ein Text enthält einen Zeilenumbruch oder ein Steuerzeichen; als \\n schreiben,"
            ' oder ein " darin als \\"'
        ),
        'a text holds a line break or control character; write it as \\n, or a " inside as \\"',
    ),
    "Invalid \\escape": (
        "ein \\ im Text leitet ein Sonderzeichen ein, das es nicht gibt; \\\\ schreiben",
        "a \\ in the text starts an escape that does not exist; write \\\\",
    ),
    "Extra data": (
        "nach dem Ende des Objekts steht noch etwas",
        "something follows the end of the object",
    ),
}


def json_syntax(message: str) -> Text:
    """The sentence for the JSON parser's *message* (``exc.msg``), in German and English."""
    for start, (de, en) in _JSON.items():
        if message.startswith(start):
            return Text(f"kein gültiges JSON: {de}", f"not valid JSON: {en}")
    return Text(f"kein gültiges JSON: {message}", f"not valid JSON: {message}")
