r"""The one URL policy: which URLs from a programme may reach what eventprogram writes.

Every format asks here: HTML links and JSON-LD, Markdown links, the iCal ``URL``,
schedule.xml's ``<url>`` and ``<link href>``, schedule.json's ``url`` and ``links``.

The policy is narrow on purpose. A URL is accepted only where the browser's parser
(the WHATWG URL standard) and Python's :func:`urllib.parse.urlsplit` cannot disagree
about its scheme and host, and it is written out in the form the browser would go to:

- the scheme is ``http``, ``https`` or ``mailto``;
- no control character, blank, backslash, ``"``, ``<``, ``>``, `````, ``{``, ``}``,
  ``|``, ``^``, ``[`` or ``]`` anywhere, no second ``#``, no ``%`` that does not start a
  percent-encoded byte (browsers drop tabs and line breaks and read ``\`` as
  ``/``, so ``java<TAB>script:`` would run and ``https://a.example\@b.example/``
  would go to ``a.example``);
- ``http`` and ``https`` URLs have ``//``, a host and no user name or password
  (``https://bank.example@attacker.example/`` names one host and goes to another);
- the host is a DNS name of letters, digits, ``-`` and ``_`` in dot-separated labels,
  or a dotted IPv4 address in its plain form; a host the browser would read as a
  number (``0x7f.1``, ``2130706433``, ``127.1``) is refused, and so are IPv6 literals,
  ``%`` in the host, and empty labels;
- a host in other scripts (``bücher.example``) is written in its IDNA (punycode) form,
  ``xn--bcher-kva.example``, which is what the browser asks the DNS for and does not
  hide look-alike letters; the four letters where browsers and Python's IDNA 2003
  codec disagree (ß, ς, zero-width joiner and non-joiner) are refused;
- scheme and host are lower-cased, a default port (``:80``, ``:443``) is dropped and
  letters outside ASCII in path, query and fragment are percent-encoded (UTF-8);
- at most 2,048 characters.

Why no WHATWG library: ``whatwg-url`` was last released in 2018; ``ada-url`` is a
good binding of a C++ parser but adds a compiled dependency for a few checks;
``rfc3986`` follows the RFC, not the browsers. Refusing everything that is not
clearly one web address keeps the dependency list short and the rule testable.
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from typing import Final
from urllib.parse import quote

__all__ = ["link_text", "safe_href", "safe_url", "web_address"]

_LINK_SCHEMES: Final = frozenset({"http", "https", "mailto"})
_WEB_SCHEMES: Final = frozenset({"http", "https"})
_DEFAULT_PORTS: Final = {"http": "80", "https": "443"}
_LARGEST_PORT: Final = 65535
_LONGEST_HOST: Final = 253
_LONGEST: Final = 2048
"""Longer URLs are refused: browsers and search engines cut at about this length."""

_SCHEME: Final = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
_REFUSED_ASCII: Final = frozenset('\\"<>`{}|^[] ')
"""ASCII that RFC 3986 does not allow unencoded, and the backslash browsers read as ``/``."""
_REFUSED_IN_ASCII: Final = re.compile(r'[\x00-\x20\x7f\\"<>`{}|^\[\]]')
"""What :func:`_plain` refuses in ASCII text, as one search: controls, the blank, DEL and
:data:`_REFUSED_ASCII`."""
_BAD_PERCENT: Final = re.compile(r"%(?![0-9A-Fa-f]{2})")
"""A ``%`` that does not start a percent-encoded byte."""
_LABEL: Final = re.compile(r"[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?")
_LABELS: Final = re.compile(rf"{_LABEL.pattern}(?:\.{_LABEL.pattern})*")
"""Dot-separated labels, none empty: a host as :data:`_LABEL` allows each of its parts."""
_AUTHORITY_END: Final = re.compile(r"[/?#]")
_NUMBER: Final = re.compile(r"[0-9]+|0[xX][0-9A-Fa-f]*")
"""A label the browser reads as part of an IPv4 address (WHATWG's "ends in a number")."""
_DEVIATIONS: Final = frozenset("ßς\u200c\u200d")
"""Where IDNA 2003 (Python's codec) and UTS 46 (browsers) go to different hosts."""


def safe_url(url: str | None) -> str | None:
    """The URL as the browser would go to it, if it is safe to link to; else ``None``.

    Args:
        url: A URL from a programme, as a person typed it or a schedule held it.

    Returns:
        An ``http``, ``https`` or ``mailto`` URL in its normalised form (see the
        module's documentation), or ``None`` for anything else.
    """
    candidate = (url or "").strip(" \t\n\r\f")
    if not candidate or len(candidate) > _LONGEST or not _plain(candidate):
        return None
    scheme_match = _SCHEME.match(candidate)
    if scheme_match is None:
        return None
    scheme = scheme_match.group(1).lower()
    rest = candidate[scheme_match.end() :]
    if scheme == "mailto":
        return _mail(rest)
    return _web(scheme, rest) if scheme in _WEB_SCHEMES else None


def safe_href(url: str | None) -> str | None:
    """Alias of :func:`safe_url`, the name the exporters knew first."""
    return safe_url(url)


def web_address(url: str | None) -> str | None:
    """Like :func:`safe_url`, for ``http`` and ``https`` only: a page, not an address to mail."""
    safe = safe_url(url)
    return safe if safe is not None and not safe.startswith("mailto:") else None


def link_text(url: str) -> str:
    """What a link to a URL from :func:`safe_url` shows without a title: its host or address.

    ``media.ccc.de`` for a web page (in punycode where the host is not ASCII, so that the
    text names the host the browser goes to), ``info@example.org`` for ``mailto:``.
    """
    if url.startswith("mailto:"):
        return url.removeprefix("mailto:").partition("?")[0] or url
    authority, _ = _split_authority(url.partition("://")[2])
    return authority.rpartition(":")[0] if ":" in authority else authority


def _mail(rest: str) -> str | None:
    """``mailto:`` and *rest*, if *rest* names an address."""
    address = rest.partition("?")[0]
    if not address or address.startswith("/"):
        return None
    return f"mailto:{_encode(rest)}"


def _web(scheme: str, rest: str) -> str | None:
    """The ``http`` or ``https`` URL whose part after the colon is *rest*, normalised."""
    if not rest.startswith("//"):
        return None
    authority, tail = _split_authority(rest[2:])
    host, _, port = authority.rpartition(":") if ":" in authority else (authority, "", "")
    valid_port = not port or (port.isascii() and port.isdigit() and int(port) <= _LARGEST_PORT)
    ascii_host = _host(host)
    if ascii_host is None or not valid_port:
        return None
    port = str(int(port)) if port else ""
    shown_port = f":{port}" if port and port != _DEFAULT_PORTS[scheme] else ""
    return f"{scheme}://{ascii_host}{shown_port}{_encode(tail)}"


def _plain(text: str) -> bool:
    """Whether *text* has no control, blank, format, private or unassigned character.

    Nor any ``%`` that does not start a byte, nor a second ``#``.
    """
    if text.count("#") > 1 or _BAD_PERCENT.search(text):
        return False
    if text.isascii():
        return _REFUSED_IN_ASCII.search(text) is None
    for char in text:
        if char.isascii():
            if not char.isprintable() or char in _REFUSED_ASCII:
                return False
        elif char.isspace() or unicodedata.category(char) in {"Cc", "Cf", "Cs", "Co", "Cn"}:
            return False
    return True


def _split_authority(text: str) -> tuple[str, str]:
    """``example.org:8080`` and ``/path?query#fragment`` from what follows ``//``."""
    found = _AUTHORITY_END.search(text)
    end = found.start() if found else len(text)
    return text[:end], text[end:]


def _host(host: str) -> str | None:
    """The host in lower-case ASCII (IDNA for other scripts), if it is a plain name or IPv4."""
    if not host or "@" in host or "%" in host:
        return None
    if not host.isascii():
        host = _idna(host) or ""
    host = host.lower()
    labels = host.split(".")
    if len(host) > _LONGEST_HOST or not _LABELS.fullmatch(host):
        return None
    if _NUMBER.fullmatch(labels[-1]):
        try:
            address = ipaddress.IPv4Address(host)
        except ValueError:
            return None
        return host if str(address) == host else None
    return host


def _idna(host: str) -> str | None:
    """*host* in punycode, unless browsers and Python's codec might read it differently."""
    if _DEVIATIONS & set(host.lower()):
        return None
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return None


def _encode(text: str) -> str:
    """*text* with every letter outside ASCII percent-encoded as UTF-8, the rest as it is."""
    if text.isascii():
        return text
    return "".join(char if char.isascii() else quote(char, safe="") for char in text)
