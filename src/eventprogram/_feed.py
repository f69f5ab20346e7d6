"""The change list as markup: an Atom feed (RFC 4287) of a programme's releases, and a page.

**The feed.**

``eventprogram build`` writes ``<id>.atom`` where the releases folder beside the
source holds releases: the feed has one entry per release before the programme's
own revision, and one for the programme being built (it is what is being
published). Each entry's content is the change list of that version against the
one before it; the first entry says that the programme was published.

Everything in it comes from the programmes, nothing from the clock:

- the feed's ``id`` is a ``urn:uuid:`` made from the newest programme's id, an
  entry's from its programme's id and its revision as an instant (the same
  revision written with another offset is the same entry);
- ``updated`` is the entry's revision, the feed's the newest one's;
- the author is the programme's ``credit`` or organisers, else its title;
- the link is the programme's ``page_url``, where it is an ``http`` or ``https``
  address.

The change list is XHTML (``type="xhtml"``): a list of items, each with its
status, title and the lines of the change list (:meth:`Changes.text_lines`).
Every text is cleaned of control characters (:func:`eventprogram._text.clean`) and
escaped for XML.

**The page** (:func:`changes_page`): the change list of one release as a small HTML
document of its own, the same list as the feed's entry, for where a change list is
published apart from the programme (the pretalx plugin's change export).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Final
from xml.sax.saxutils import escape, quoteattr

from ._changes import Change, Changes, Status, diff
from ._i18n import Language, format_day, format_time, language_of, word
from ._ids import stable_uuid
from ._model import Programme
from ._text import clean
from ._urls import web_address

__all__ = ["ATOM_NAMESPACE", "atom_feed", "changes_page"]

ATOM_NAMESPACE: Final = "http://www.w3.org/2005/Atom"
_XHTML: Final = "http://www.w3.org/1999/xhtml"

_WORDS: Final[dict[str, dict[Language, str]]] = {
    "published": {"de": "Programm veröffentlicht", "en": "Programme published"},
    "first": {
        "de": "Die erste veröffentlichte Fassung des Programms.",
        "en": "The first published version of the programme.",
    },
}


def atom_feed(history: Sequence[Programme], language: str | None = None) -> bytes:
    """The Atom feed of *history*: the releases of one programme, oldest first.

    Each programme with a ``revision`` is one entry; one without is left out (it names no
    release). The entries are written newest first.

    Args:
        history: The versions of the programme in the order they were made, the
            latest (the one being published) last.
        language: ``de`` or ``en``; ``None``: the latest programme's language.

    Raises:
        ValueError: *history* is empty.
    """
    if not history:
        raise ValueError("a feed needs at least one version of the programme")
    latest = history[-1]
    lang = language_of(latest, language)
    released = [programme for programme in history if programme.revision is not None]
    entries: list[str] = []
    previous: Programme | None = None
    for programme in released:
        changes = diff(previous, programme) if previous is not None else None
        entries.append(_entry(programme, changes, lang))
        previous = programme
    updated = _stamp(released[-1]) if released else _epoch()
    title = f"{word('changes', lang)}: {_line(latest.title)}"
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="{ATOM_NAMESPACE}" xml:lang="{lang}">',
        f"  <id>urn:uuid:{stable_uuid(latest.id, '#atom')}</id>",
        f'  <title type="text">{escape(title)}</title>',
        f"  <updated>{updated}</updated>",
        f"  <author><name>{escape(_author(latest, lang))}</name></author>",
    ]
    if (page := web_address(latest.page_url)) is not None:
        parts.append(f'  <link rel="alternate" type="text/html" href={quoteattr(clean(page))}/>')
    parts.append(
        '  <generator uri="https://github.com/eventprogram/eventprogram">eventprogram</generator>'
    )
    parts.extend(reversed(entries))
    parts.append("</feed>")
    return ("\n".join(parts) + "\n").encode("utf-8")


def _epoch() -> str:
    return dt.datetime(1970, 1, 1, tzinfo=dt.UTC).isoformat()


def _stamp(programme: Programme) -> str:
    revision = programme.revision
    assert revision is not None  # noqa: S101 -- only released programmes are entries
    return revision.isoformat()


def _line(text: str) -> str:
    """*text* cleaned, as one line."""
    return " ".join(clean(text).split())


def _author(programme: Programme, language: Language) -> str:
    if programme.credit:
        return _line(programme.credit)
    names = []
    for organiser in programme.organisers:
        try:
            names.append(programme.organisation(organiser.organisation).display_name)
        except KeyError:
            names.append(organiser.organisation)
    return _line(", ".join(names)) if names else _line(programme.title) or language


def _entry(programme: Programme, changes: Changes | None, language: Language) -> str:
    revision = programme.revision
    assert revision is not None  # noqa: S101 -- only released programmes are entries
    instant = revision.astimezone(dt.UTC).isoformat()
    local = revision.astimezone(programme.zone)
    stamp = f"{format_day(local.date(), language)}, {format_time(local, language)}"
    heading = _WORDS["published"][language] if changes is None else word("changes", language)
    title = f"{heading} ({word('revision', language)} {stamp})"
    if programme.version:
        title = f"{title}: {_line(programme.version)}"
    lines = [
        "  <entry>",
        f"    <id>urn:uuid:{stable_uuid(programme.id, f'#release/{instant}')}</id>",
        f'    <title type="text">{escape(title)}</title>',
        f"    <updated>{revision.isoformat()}</updated>",
    ]
    if (page := web_address(programme.page_url)) is not None:
        lines.append(f'    <link rel="alternate" type="text/html" href={quoteattr(clean(page))}/>')
    lines.append('    <content type="xhtml">')
    lines.append(f'      <div xmlns="{_XHTML}">')
    lines.extend(f"        {line}" for line in _content(changes, language))
    lines.append("      </div>")
    lines.append("    </content>")
    lines.append("  </entry>")
    return "\n".join(lines)


def _content(changes: Changes | None, language: Language) -> list[str]:
    if changes is None:
        return [f"<p>{escape(_WORDS['first'][language])}</p>"]
    if not changes:
        return [f"<p>{escape(word('no_changes', language))}</p>"]
    lines = ["<ul>"]
    for change in changes:
        details = "".join(
            f"<li>{escape(_line(line))}</li>" for line in _details(changes, change, language)
        )
        title = escape(_line(change.item.numbered_title))
        if change.status is Status.CANCELLED:
            title = f"<s>{title}</s>"  # struck through; the word before it says why
        head = f"<strong>{escape(change.status.label(language))}</strong>: {title}"
        lines.append(f"<li>{head}<ul>{details}</ul></li>" if details else f"<li>{head}</li>")
    lines.append("</ul>")
    return lines


def _details(changes: Changes, change: Change, language: Language) -> list[str]:
    """The lines of the change list under *change*'s headline: when, room, fields, people."""
    single = Changes(
        old=changes.old, new=changes.new, changes=(change,), _by_id={change.id: change}
    )
    lines = single.text_lines(language)
    # The header, a blank line, the headline; then the block's lines, indented.
    return [line.strip() for line in lines[3:] if line.strip()]


_PAGE_STYLE: Final = (
    "body{font-family:system-ui,sans-serif;line-height:1.5;max-width:48rem;margin:0 auto;"
    "padding:1rem;color:#1a1a1a;background:#fff}"
    "@media (prefers-color-scheme:dark){body{color:#f0f0f0;background:#121212}}"
    "li{margin-block:.25rem}"
)


def changes_page(changes: Changes, language: str | None = None) -> str:
    """The change list of *changes* as an HTML document of its own: heading, revision, list.

    Args:
        changes: What changed (:func:`eventprogram.diff`).
        language: ``de`` or ``en``; ``None``: the new programme's language.
    """
    programme = changes.new.programme
    lang = language_of(programme, language)
    heading = f"{word('changes', lang)}: {_line(programme.title)}"
    lines = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(heading)}</title>",
        f"<style>{_PAGE_STYLE}</style>",
        "</head>",
        "<body>",
        "<main>",
        f"<h1>{escape(heading)}</h1>",
    ]
    revision = changes.new_revision
    if revision is not None:
        local = revision.astimezone(programme.zone)
        stamp = f"{format_day(local.date(), lang)}, {format_time(local, lang)}"
        lines.append(f"<p>{escape(word('revision', lang))} {escape(stamp)}</p>")
    lines.extend(_content(changes, lang))
    lines.extend(["</main>", "</body>", "</html>"])
    return "\n".join(lines) + "\n"
