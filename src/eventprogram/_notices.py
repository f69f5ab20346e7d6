"""Notices for the people a programme change concerns: a text to mail and a personal calendar.

:func:`notices` takes the :class:`~eventprogram.Changes` between two versions of a
programme and writes, for each person concerned, a short text ready to paste into a
mail (German or English) and a personal iCalendar file with their appearances.

**Who is concerned.** A person is concerned by a change of an item they appear in,
in the old or the new version (:meth:`Changes.for_person`), where the change is
something they must know to be there on time, in the right place, with the right
people:

- the item is new, or cancelled (deleted, or marked ``cancelled``);
- its start or end, room, title or kind changed, or it takes place again;
- they joined it, left it, or have other roles in it;
- someone else joined or left it, or has another role (a moderator learns who
  gives the keynote now).

A change of the description alone concerns nobody: it is no news to the people in
the item, and the public change list shows it. A change of the accessibility
provisions alone (sign-language interpreting dropped, captioning added) concerns
the people in the item, old or new, who provide them: those with a role of
:data:`PROVISION_ROLES` (sign-language interpreting, interpreting, captioning),
whose booking it changes. Everyone else in the item learns it from the public
change list, as the people it is for do; where a notice tells someone of the item
for another reason, it names the provisions' change too. A change of a slot reaches the people
of its sessions through their sessions (a moved slot moves them too, see
:mod:`eventprogram._changes`), not through the slot.

**The text.** A greeting with the person's full name as printed, honorific included
(``Guten Tag Prof. Dr. Ute Klammer,`` / ``Dear Prof. Dr. Ute Klammer,``): a form
that is respectful and needs no guess at anyone's gender. Then one block per item:
what happened (new for them, no longer with them, cancelled, moved, changed), the
title, the time and room (``old → new`` where they changed), their role, and who
joined or left. Every text from the programme is made one plain line: control
characters and bidirectional overrides are removed, line breaks become spaces, so
that a title cannot forge a line of the mail.

**The calendar.** The whole programme's calendar (the ``ical`` format, with the
changes, so that a cancelled item is in it as the format marks it), reduced to the
events the person appears in: their items in the new programme, cancelled ones
included, and items deleted since that they were in, where the format writes those.
A person who appears in nothing any more gets no calendar.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Final

import attrs

from ._changes import Change, Changes, Field, PersonStatus, Status, provisions_text
from ._i18n import Language, format_day, format_span, format_time, language_of
from ._ids import stable_uuid
from ._model import Programme
from ._text import clean
from ._timeline import Item

__all__ = ["PROVISION_ROLES", "Notice", "concerned", "file_names", "index_text", "notices"]

PROVISION_ROLES: Final = frozenset({"sign-language-interpreting", "interpreting", "captioning"})
"""Roles of the people who provide an accessibility provision: a change of an item's
provisions alone concerns them, and nobody else in the item."""

_WORDS: Final[dict[str, dict[Language, str]]] = {
    "greeting": {"de": "Guten Tag {name},", "en": "Dear {name},"},
    "intro": {
        "de": "im Programm {title} gibt es Änderungen, die Sie betreffen",
        "en": "there are changes to the programme {title} that concern you",
    },
    "as_of": {"de": "Stand", "en": "as of"},
    "added": {"de": "Neu für Sie", "en": "New for you"},
    "removed": {"de": "Sie wirken nicht mehr mit", "en": "You no longer take part"},
    "cancelled": {"de": "Abgesagt", "en": "Cancelled"},
    "moved": {"de": "Verschoben", "en": "Moved"},
    "changed": {"de": "Geändert", "en": "Changed"},
    "time": {"de": "Zeit", "en": "Time"},
    "room": {"de": "Raum", "en": "Room"},
    "no_room": {"de": "kein Raum", "en": "no room"},
    "title": {"de": "Titel", "en": "Title"},
    "kind": {"de": "Art", "en": "Kind"},
    "role": {"de": "Ihre Rolle", "en": "Your role"},
    "roles": {"de": "Ihre Rollen", "en": "Your roles"},
    "former_role": {"de": "Ihre bisherige Rolle", "en": "Your role was"},
    "former_roles": {"de": "Ihre bisherigen Rollen", "en": "Your roles were"},
    "with": {"de": "Außerdem dabei", "en": "Also taking part"},
    "joins": {"de": "Neu dabei", "en": "Joining"},
    "leaves": {"de": "Nicht mehr dabei", "en": "No longer taking part"},
    "other_roles": {"de": "Neue Rolle", "en": "New role"},
    "description": {
        "de": "Die Beschreibung wurde geändert.",
        "en": "The description has changed.",
    },
    "reinstated": {"de": "Findet wieder statt.", "en": "Takes place again."},
    "provisions": {"de": "Barrierefreiheit", "en": "Accessibility"},
    "calendar": {
        "de": "Ihre Termine im aktuellen Programm stehen in der Kalenderdatei {file}.",
        "en": "Your sessions in the current programme are in the calendar file {file}.",
    },
    "closing": {"de": "Mit freundlichen Grüßen", "en": "Kind regards"},
}

_QUOTES: Final[dict[Language, tuple[str, str]]] = {"de": ("„", "“"), "en": ("“", "”")}

_BIDI_CONTROLS: Final = re.compile("[\u202a-\u202e\u2066-\u2069]")
"""Embeddings, overrides and isolates: they reorder what follows, past the end of a name."""


def _word(key: str, language: Language) -> str:
    return _WORDS[key][language]


@attrs.frozen
class Notice:
    """What one person is told about a change of the programme.

    Attributes:
        person: The person's id.
        name: Their name as printed (from the new programme, else the old one).
        changes: The changes that concern them, in the change list's order.
        text: The text to mail, ending in a newline.
        calendar: Their personal iCalendar file; ``None`` where they appear in nothing now.
    """

    person: str
    name: str
    changes: tuple[Change, ...]
    text: str
    calendar: bytes | None
    file: str
    """The files' name without suffix: the person's id (see :func:`file_names`)."""

    @property
    def text_file(self) -> str:
        """The file name of the text: ``<person id>.txt``."""
        return f"{self.file}.txt"

    @property
    def calendar_file(self) -> str | None:
        """The file name of the calendar, ``<person id>.ics``; ``None`` where there is none."""
        return None if self.calendar is None else f"{self.file}.ics"


_RESERVED: Final = frozenset(
    ["con", "prn", "aux", "nul"] + [f"{port}{n}" for port in ("com", "lpt") for n in range(1, 10)]
)
"""Names Windows keeps for devices, whatever the suffix."""


def file_names(people: Iterable[str]) -> dict[str, str]:
    """A file name (without suffix) for each person id: the id, safe on every file system.

    Ids are ASCII letters, digits, ``.``, ``_`` and ``-``, starting with a letter or digit.
    A Windows device name gets ``_`` before it (``con`` → ``_con``, ``nul.x`` → ``_nul.x``:
    no id starts so), a trailing dot (which Windows drops) ``_`` after it; where two names then
    differ only in case (``Anna``, ``anna``: one file on macOS and Windows), the later one in
    sorted order gets ``~`` and a number, a character no id holds: ``anna~2``.
    """
    names: dict[str, str] = {}
    taken: set[str] = set()
    for person in sorted(people):
        base = person
        if base.split(".", 1)[0].casefold() in _RESERVED:
            base = f"_{base}"
        if base.endswith("."):
            base = f"{base}_"
        name, number = base, 1
        while name.casefold() in taken:
            number += 1
            name = f"{base}~{number}"
        taken.add(name.casefold())
        names[person] = name
    return names


def concerned(changes: Changes, person: str) -> tuple[Change, ...]:
    """The changes that concern *person* (an id), in order: see the module's documentation."""
    return tuple(change for change in changes.for_person(person) if _concerns(change, person))


def _concerns(change: Change, person: str) -> bool:
    if change.status in {Status.ADDED, Status.CANCELLED}:
        return True
    if any(field.field not in _QUIET for field in change.fields):
        return True
    if change.people:
        return True
    return change.field(Field.PROVISIONS) is not None and _provides(change, person)


_QUIET: Final = frozenset({Field.DESCRIPTION, Field.PROVISIONS})
"""Fields whose change alone does not concern everyone in the item."""


def _provides(change: Change, person: str) -> bool:
    """Whether *person* provides a provision in the old or the new item (by their role)."""
    for item in (change.old, change.new):
        if item is not None:
            for appearance in item.people:
                if appearance.contribution.person == person and (
                    PROVISION_ROLES & set(appearance.role_ids)
                ):
                    return True
    return False


def notices(changes: Changes, language: str | None = None) -> tuple[Notice, ...]:
    """One :class:`Notice` per person concerned by *changes*, sorted by person id.

    Args:
        changes: What changed (:func:`eventprogram.diff`).
        language: ``de`` or ``en``; ``None``: the new programme's language.
    """
    lang = language_of(changes.new.programme, language)
    calendar = _Calendar(changes, lang)
    mine = {person: concerned(changes, person) for person in changes.people()}
    files = file_names(person for person, found in mine.items() if found)
    result = []
    for person, file in files.items():
        name = _name(changes, person)
        events = calendar.for_person(person)
        shown = f"{file}.ics" if events is not None else None
        text = _text(
            changes, person, name=name, mine=mine[person], language=lang, calendar_file=shown
        )
        result.append(Notice(person, name, mine[person], text, events, file))
    return tuple(result)


def index_text(found: Sequence[Notice], changes: Changes, language: str | None = None) -> str:
    """Who gets what: one line per notice, ``<id>.txt  <id>.ics  Name: titles``."""
    lang = language_of(changes.new.programme, language)
    if not found:
        return ("Niemand ist betroffen." if lang == "de" else "Nobody is concerned.") + "\n"
    width = max(len(notice.text_file) for notice in found)
    lines = []
    for notice in found:
        calendar = notice.calendar_file or "-"
        titles = "; ".join(_plain(change.item.numbered_title) for change in notice.changes)
        lines.append(
            f"{notice.text_file:<{width}}  {calendar:<{width}}  {_plain(notice.name)}: {titles}"
        )
    return "\n".join(lines) + "\n"


# -- the text ---------------------------------------------------------------------------


def _plain(text: str) -> str:
    """*text* as one line of plain text: no controls, no overrides, no line breaks."""
    return " ".join(_BIDI_CONTROLS.sub("", clean(text)).split())


def _quoted(text: str, language: Language) -> str:
    opening, closing = _QUOTES[language]
    return f"{opening}{_plain(text)}{closing}"


def _name(changes: Changes, person: str) -> str:
    for view in (changes.new, changes.old):
        try:
            return view.programme.person(person).name.strip()
        except KeyError:
            continue
    for change in changes.for_person(person):  # pragma: no cover -- every person is defined
        for record in change.people:
            if record.person == person:
                return record.name
    return person  # pragma: no cover


def _when(item: Item, language: Language) -> str:
    span = format_span(item.start, None if item.runs_from else item.end, language)
    return f"{format_day(item.start.date(), language)}, {span}"


def _moved(old: Item, new: Item, language: Language) -> str:
    before = _when(old, language)
    if old.start.date() == new.start.date():
        after = format_span(new.start, None if new.runs_from else new.end, language)
    else:
        after = _when(new, language)
    return f"{before} → {after}"


def _room(item: Item | None, language: Language) -> str:
    if item is None or item.room is None:
        return _word("no_room", language)
    return _plain(item.room.name)


def _roles(item: Item | None, person: str, language: Language) -> tuple[str, ...]:
    found: dict[str, None] = {}
    if item is not None:
        for appearance in item.people:
            if appearance.contribution.person == person:
                for role in appearance.roles:
                    found.setdefault(_plain(role.label(language)), None)
    return tuple(found)


def _role_line(key: str, roles: tuple[str, ...], language: Language) -> str:
    label = _word(key if len(roles) == 1 else f"{key}s", language)
    return f"{label}: {', '.join(roles)}"


def _others(item: Item, person: str, language: Language) -> str | None:
    names = []
    for appearance in item.people:
        if appearance.contribution.person != person:
            roles = ", ".join(_plain(role.label(language)) for role in appearance.roles)
            names.append(f"{_plain(appearance.name)} ({roles})")
    return f"{_word('with', language)}: {'; '.join(names)}" if names else None


def _headline(change: Change, person: str) -> str:
    if change.status is Status.CANCELLED:
        return "cancelled"
    mine = next((record for record in change.people if record.person == person), None)
    if change.status is Status.ADDED or (mine and mine.status is PersonStatus.ADDED):
        return "added"
    if mine and mine.status is PersonStatus.REMOVED:
        return "removed"
    return "moved" if change.status is Status.MOVED else "changed"


def _block(changes: Changes, change: Change, person: str, language: Language) -> list[str]:
    headline = _headline(change, person)
    item = change.item
    lines = [f"{_word(headline, language)}: {_quoted(item.numbered_title, language)}"]
    old, new = change.old, change.new
    shown = old if headline in {"cancelled", "removed"} and old is not None else item
    if change.status is Status.MOVED and old is not None and new is not None:
        lines.append(f"{_word('time', language)}: {_moved(old, new, language)}")
    else:
        lines.append(f"{_word('time', language)}: {_when(shown, language)}")
    room = change.field(Field.ROOM)
    if room is not None and headline not in {"cancelled", "removed"}:
        lines.append(f"{_word('room', language)}: {_room(old, language)} → {_room(new, language)}")
    elif shown.room is not None:
        lines.append(f"{_word('room', language)}: {_room(shown, language)}")
    lines.extend(_field_lines(changes, change, language))
    lines.extend(_role_lines(change, person, headline, language))
    if headline == "added" and (others := _others(item, person, language)):
        lines.append(others)
    elif headline not in {"cancelled", "removed"}:
        lines.extend(_people_lines(changes, change, person, language))
    return lines


def _field_lines(changes: Changes, change: Change, language: Language) -> Iterable[str]:
    if change.status is Status.CANCELLED:
        return
    old, new = change.old, change.new
    for field in change.fields:
        if field.field is Field.TITLE and old is not None and new is not None:
            before, after = _quoted(old.numbered_title, language), _quoted(new.title, language)
            yield f"{_word('title', language)}: {before} → {after}"
        elif field.field is Field.KIND and old is not None and new is not None:
            before, after = old.kind.label(language), new.kind.label(language)
            yield f"{_word('kind', language)}: {_plain(before)} → {_plain(after)}"
        elif field.field is Field.DESCRIPTION:
            yield _word("description", language)
        elif field.field is Field.CANCELLED:
            yield _word("reinstated", language)
        elif field.field is Field.PROVISIONS:
            before = _plain(provisions_text(changes.old, field.old, language))
            after = _plain(provisions_text(changes.new, field.new, language))
            yield f"{_word('provisions', language)}: {before} → {after}"


def _role_lines(change: Change, person: str, headline: str, language: Language) -> Iterable[str]:
    before, after = _roles(change.old, person, language), _roles(change.new, person, language)
    if headline in {"cancelled", "removed"}:
        if before or after:
            yield _role_line("former_role", before or after, language)
    elif before and after and set(before) != set(after):
        yield f"{_role_line('role', before, language)} → {', '.join(after)}"
    elif after:
        yield _role_line("role", after, language)


def _people_lines(
    changes: Changes, change: Change, person: str, language: Language
) -> Iterable[str]:
    for record in change.people:
        if record.person == person:
            continue
        name = _plain(record.name)
        if record.status is PersonStatus.ADDED:
            roles = _role_names(changes.new.programme, record.new_roles, language)
            yield f"{_word('joins', language)}: {name} ({roles})"
        elif record.status is PersonStatus.REMOVED:
            roles = _role_names(changes.old.programme, record.old_roles, language)
            yield f"{_word('leaves', language)}: {name} ({roles})"
        else:
            before = _role_names(changes.old.programme, record.old_roles, language)
            after = _role_names(changes.new.programme, record.new_roles, language)
            yield f"{_word('other_roles', language)}: {name}: {before} → {after}"


def _role_names(programme: Programme, roles: tuple[str, ...], language: Language) -> str:
    names = []
    for role in roles:
        try:
            names.append(_plain(programme.role(role).label(language)))
        except KeyError:
            names.append(_plain(role))
    return ", ".join(names)


def _text(  # noqa: PLR0913 -- the text needs them all
    changes: Changes,
    person: str,
    *,
    name: str,
    mine: tuple[Change, ...],
    language: Language,
    calendar_file: str | None,
) -> str:
    programme = changes.new.programme
    intro = _word("intro", language).format(title=_quoted(programme.title, language))
    revision = changes.new_revision
    if revision is not None:
        local = revision.astimezone(programme.zone)
        stamp = f"{format_day(local.date(), language)}, {format_time(local, language)}"
        intro += f" ({_word('as_of', language)} {stamp})"
    lines = [_word("greeting", language).format(name=_plain(name)), "", f"{intro}:", ""]
    for change in mine:
        block = _block(changes, change, person, language)
        lines.append(block[0])
        lines.extend(f"  {line}" for line in block[1:])
        lines.append("")
    if calendar_file is not None:
        lines.extend([_word("calendar", language).format(file=calendar_file), ""])
    lines.append(_word("closing", language))
    return "\n".join(lines) + "\n"


# -- the calendar -----------------------------------------------------------------------

_BEGIN: Final = b"\r\nBEGIN:VEVENT\r\n"
_END: Final = b"END:VCALENDAR\r\n"
_UID: Final = re.compile(rb"\r\nUID:([^\r\n]*)\r\n")


class _Calendar:
    """The whole programme's calendar, once, cut down to one person's events on request."""

    def __init__(self, changes: Changes, language: Language) -> None:
        from .exporters import RenderOptions, ical  # noqa: PLC0415 -- exporters import this package

        self.changes = changes
        options = RenderOptions(language=language, changes=changes)
        whole = ical.render(changes.new.programme, options)
        head, *events = whole.split(_BEGIN)
        self.head = head + b"\r\n"
        if events:
            events[-1] = events[-1].removesuffix(_END)
        self.events: dict[str, bytes] = {}
        for event in events:
            block = b"BEGIN:VEVENT\r\n" + event
            if not block.endswith(b"\r\n"):
                block += b"\r\n"
            match = _UID.search(b"\r\n" + block)
            if match is not None:
                self.events.setdefault(match[1].decode("ascii", "replace"), block)
        self.order = list(self.events)

    def for_person(self, person: str) -> bytes | None:
        """The calendar of *person*'s events, in the programme's order; ``None``: none."""
        uids: set[str] = set()
        new = self.changes.new.programme.id
        for item in self.changes.new.items:
            if _appears(item, person):
                uids.add(str(stable_uuid(new, _event_id(item))))
        old = self.changes.old.programme.id
        for item in self.changes.cancelled_items:
            if _appears(item, person):
                uids.add(str(stable_uuid(old, _event_id(item))))
        chosen = [self.events[uid] for uid in self.order if uid in uids]
        if not chosen:
            return None
        return b"".join((self.head, *chosen, _END))


def _appears(item: Item, person: str) -> bool:
    return any(appearance.contribution.person == person for appearance in item.people)


def _event_id(item: Item) -> str:
    """The id of the event that shows *item*: a slot's only session is its slot's event."""
    while item.depth == 1 and not item.parallel and item.parent is not None:
        item = item.parent
    return item.id
