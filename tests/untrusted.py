"""Untrusted text and URLs in every field of the example, and what each format says is a URL.

Shared by ``test_urls.py`` and ``test_control_characters.py``.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from typing import Any

import attrs
import icalendar
from markdown_it import MarkdownIt

from eventprogram import Link, Programme, Session, Slot
from eventprogram.exporters import RenderOptions, get

FORMATS = ("html", "markdown", "ical", "json", "frab-xml", "c3voc-json")
"""Every built-in format."""

HOSTILE_TEXT = (
    "Anfang\x00NUL\x01\x07\x08\x0b\x0c\x1b[31mrot\x1b[0m\x7fDEL\x80\x85\x9fC1"
    "\ud800Surrogat\udfff\ufffe\uffff\ufdd0\U0001fffe\U0010ffffEnde\r\nZeile 2\rZeile 3\tTab"
)
"""Every kind of character ``clean`` handles, in one text."""


def render_all(programme: Programme, language: str = "de") -> dict[str, bytes]:
    """*programme* in every built-in format, as the bytes the CLI would write."""
    options = RenderOptions(language=language)
    found = {}
    for name in FORMATS:
        output = get(name).render(programme, options)
        found[name] = output if isinstance(output, bytes) else output.encode("utf-8")
    return found


def fill(programme: Programme, text: Callable[[], str], url: Callable[[], str]) -> Programme:
    """*programme* with every text drawn from *text* and every URL from *url*."""

    def links() -> tuple[Link, ...]:
        return (Link(url=url(), title=text()), Link(url=url()))

    def session(s: Session) -> Session:
        return attrs.evolve(
            s,
            title=text(),
            subtitle=text(),
            description=text(),
            track=text(),
            url=url(),
            links=links(),
            sessions=tuple(map(session, s.sessions)),
        )

    def slot(s: Slot) -> Slot:
        return attrs.evolve(
            s,
            title=text(),
            subtitle=text(),
            description=text(),
            track=text(),
            url=url(),
            links=links(),
            sessions=tuple(map(session, s.sessions)),
        )

    venue = programme.venue
    return attrs.evolve(
        programme,
        title=text(),
        subtitle=text(),
        description=text(),
        credit=text(),
        version=text(),
        url=url(),
        page_url=url(),
        venue=attrs.evolve(
            venue,
            name=text(),
            city=text(),
            street=text(),
            postal_code=text(),
            url=url(),
            rooms=tuple(attrs.evolve(r, name=text(), description=text()) for r in venue.rooms),
        ),
        days=tuple(
            attrs.evolve(d, title=text(), slots=tuple(map(slot, d.slots))) for d in programme.days
        ),
        people=tuple(
            attrs.evolve(
                p, honorific=text(), family_name=text(), given_name=text(), function=text()
            )
            for p in programme.people
        ),
        organisations=tuple(
            attrs.evolve(o, name=text(), short_name=text(), url=url())
            for o in programme.organisations
        ),
        images=tuple(attrs.evolve(i, alt=text()) for i in programme.images),
        roles=tuple(attrs.evolve(r, de=text(), en=text()) for r in programme.roles),
        kinds=tuple(attrs.evolve(k, de=text(), en=text()) for k in programme.kinds),
    )


# -- what each format says is a URL ------------------------------------------------------


class _Hrefs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.json_ld: list[str] = []
        self._in_json_ld = False

    def handle_starttag(self, tag: str, attributes: list[tuple[str, str | None]]) -> None:
        for name, value in attributes:
            if name in {"href", "src", "action", "formaction", "cite"} and value is not None:
                self.urls.append(value)
        self._in_json_ld = tag == "script" and ("type", "application/ld+json") in attributes

    def handle_endtag(self, tag: str) -> None:  # noqa: ARG002 -- any end ends the script
        self._in_json_ld = False

    def handle_data(self, data: str) -> None:
        if self._in_json_ld:
            self.json_ld.append(data)


def _json_urls(data: Any, keys: frozenset[str]) -> Iterator[str]:
    if isinstance(data, dict):
        for key, value in data.items():
            if key in keys and isinstance(value, str):
                yield value
            elif key in keys and isinstance(value, list):
                yield from (v for v in value if isinstance(v, str))
            yield from _json_urls(value, keys)
    elif isinstance(data, list):
        for item in data:
            yield from _json_urls(item, keys)


_OWN_HTML_URLS = ("#", "data:text/calendar;charset=utf-8;base64,", "data:image/")
"""What the HTML page links by itself: its own headings, calendar files and images."""
_OWN_CALENDAR_FILE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*\.ics")
"""The whole calendar beside a large page: ``<programme id>.ics``, named by the page itself."""


def urls_in(name: str, output: bytes) -> list[str]:
    """Every URL that format *name* gives a reader to follow (not text that merely shows one).

    The page's own fragment links, calendar downloads and embedded images are left out, and so
    is schedule.json's ``urn:uuid:`` name of an event without a page: the exporters make
    those, not the programme.
    """
    text = output.decode("utf-8")
    if name == "html":
        reader = _Hrefs()
        reader.feed(text)
        ld = [u for script in reader.json_ld for u in _json_urls(json.loads(script), _LD_KEYS)]
        found = [
            u
            for u in reader.urls
            if not (u.startswith(_OWN_HTML_URLS) or _OWN_CALENDAR_FILE.fullmatch(u))
        ] + ld
        return [u for u in found if u not in {"https://schema.org", *_SCHEMA_ORG_VALUES}]
    if name == "markdown":
        md = MarkdownIt("commonmark")
        md.validateLink = lambda _url: True  # see every destination, not what markdown-it allows
        md.normalizeLink = lambda url: url
        tokens = md.parse(text)
        return [
            str(child.attrs["href"])
            for token in tokens
            for child in token.children or ()
            if child.type == "link_open"
        ]
    if name == "ical":
        calendar = icalendar.Calendar.from_ical(text)
        return [str(c["URL"]) for c in [calendar, *calendar.walk()] if "URL" in c]
    if name == "frab-xml":
        root = ET.fromstring(text)  # noqa: S314 -- our own output
        found = [e.text or "" for e in root.iter() if e.tag in {"url", "base_url"}]
        return found + [e.get("href", "") for e in root.iter("link")]
    if name == "c3voc-json":
        urls = _json_urls(json.loads(text), frozenset({"url", "base_url"}))
        return [u for u in urls if not u.startswith("urn:uuid:")]
    raise ValueError(name)


_LD_KEYS = frozenset({"url", "image", "sameAs"})
_SCHEMA_ORG_VALUES = frozenset(
    {"https://schema.org/EventScheduled", "https://schema.org/OfflineEventAttendanceMode"}
)
