"""Which URLs from a programme may become links in what eventprogram writes."""

from __future__ import annotations

import unicodedata
from typing import Final
from urllib.parse import urlsplit

__all__ = ["safe_href"]

_LINK_SCHEMES: Final = frozenset({"http", "https", "mailto"})


def safe_href(url: str | None) -> str | None:
    """Return *url* if it is safe to link to: ``http``, ``https`` or ``mailto``; else ``None``.

    A URL with a control character or a blank inside is not linked either:
    browsers drop tabs and line breaks from URLs, so ``java<TAB>script:`` would run.
    """
    candidate = (url or "").strip()
    if not candidate or any(
        char.isspace() or unicodedata.category(char) in {"Cc", "Cf"} for char in candidate
    ):
        return None
    try:
        parts = urlsplit(candidate)
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    complete = bool(parts.path) if scheme == "mailto" else bool(parts.netloc)
    return candidate if scheme in _LINK_SCHEMES and complete else None
