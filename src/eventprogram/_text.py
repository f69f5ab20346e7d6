"""Text from a programme made fit for every output: no control characters, valid Unicode.

Every exporter passes the programme's text through :func:`clean` at its one
escaping point (HTML's Jinja ``finalize`` and JSON-LD, the iCal writer, the XML
writer, the Markdown escaper, schedule.json). The replacements:

- a line break written as CR LF or CR becomes LF;
- TAB and LF are kept;
- every other C0 control (U+0000–U+001F, among them ESC of terminal escapes and the
  form feed), DEL (U+007F) and every C1 control (U+0080–U+009F) is removed: none can
  be shown, HTML, XML and iCalendar forbid most of them, and removal leaves no trace
  in the text people read;
- a lone surrogate (U+D800–U+DFFF, half of a pair that cannot be written in UTF-8)
  and a noncharacter (U+FDD0–U+FDEF and the last two code points of every plane,
  U+FFFE, U+FFFF, U+1FFFE …) becomes U+FFFD REPLACEMENT CHARACTER: the text had
  something there that was broken, and the reader should see that it was.

Everything else, format characters such as the soft hyphen included, is kept.
"""

from __future__ import annotations

import re
from typing import Any, Final

__all__ = ["clean", "clean_data", "escape_surrogates"]

_LINE_BREAK: Final = re.compile(r"\r\n?")
_REMOVED: Final = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""C0 controls but TAB and LF (CR is already LF), DEL and the C1 controls."""
_REPLACED: Final = re.compile(
    "[\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
    + "".join(
        f"{chr(plane + 0xFFFE)}{chr(plane + 0xFFFF)}" for plane in range(0x10000, 0x110000, 0x10000)
    )
    + "]"
)
"""Lone surrogates and noncharacters."""
_SUSPECT: Final = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff\U0001fffe-\U0010ffff]"
)
"""Everything the three patterns above find, and more: one quick search that most text passes.

The class of astral noncharacters is slow to search (a hundred microseconds for a long
description); a range that holds them all is quick, and only a text with a character
in it (CJK beyond the first plane, private use) is searched exactly."""
REPLACEMENT: Final = "\ufffd"


def clean(text: str) -> str:
    """*text* without control characters, with U+FFFD for what Unicode cannot hold.

    Args:
        text: Any text of a programme, as read or as built from the model.

    Returns:
        The same text where it holds nothing to replace (the common case costs one scan).
    """
    if text.isprintable() or _is_plain(text):
        return text
    text = _LINE_BREAK.sub("\n", text)
    text = _REMOVED.sub("", text)
    return _REPLACED.sub(REPLACEMENT, text)


def _is_plain(text: str) -> bool:
    """Whether *text* holds nothing :func:`clean` changes (slower than ``isprintable``)."""
    if _SUSPECT.search(text) is None:
        return True
    return not (_LINE_BREAK.search(text) or _REMOVED.search(text) or _REPLACED.search(text))


def clean_data(value: Any) -> Any:
    """*value*, JSON-like data, with :func:`clean` applied to every string in it, keys too."""
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, dict):
        return {clean_data(key): clean_data(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [clean_data(item) for item in value]
    return value


_SURROGATE: Final = re.compile("[\ud800-\udfff]")


def escape_surrogates(json_text: str) -> str:
    r"""*json_text* with each lone surrogate written as its JSON escape (``\ud800``).

    What ``json.dumps(..., ensure_ascii=False)`` wrote can then be encoded as UTF-8;
    :func:`json.loads` reads the same string back, so the JSON stays lossless.
    """
    return _SURROGATE.sub(lambda match: f"\\u{ord(match.group()):04x}", json_text)
