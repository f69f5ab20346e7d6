"""A new event to fill in: what ``eventprogram new FOLDER`` writes.

The scaffold has the shape of the worked example (Bottrop): arrival, welcome, a keynote,
a break, the working groups side by side (each with its room and its moderation), lunch,
the closing and the end marker; over two days, the working groups end the first and a
report from them opens the second. Every place to fill in holds a placeholder that reads as
one ("Titel der Arbeitsgruppe 1", "Vorname", "Nachname") and is marked by a comment
``# AUSFÜLLEN`` (``# TODO`` in English). As written it loads, validates without a single
finding and builds in every format, so an organiser can start the preview at once and
watch the page change while filling it in.

:func:`scaffold_text` makes the text (a pure function: the date and the revision come in as
arguments); :func:`write_scaffold` checks it and writes it, all or nothing.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import os
import re
import secrets
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal

import attrs

from ._ids import slugify
from ._model import ID_PATTERN

if TYPE_CHECKING:
    import jinja2

__all__ = [
    "LARGEST_GROUPS",
    "PROGRAMME_FILE",
    "ScaffoldError",
    "Shape",
    "scaffold_text",
    "toml_string",
    "write_scaffold",
]

PROGRAMME_FILE: Final = "programme.toml"
LARGEST_GROUPS: Final = 20
"""The most working groups ``new`` lays out; more are added by copying a block."""
TEMPLATE: Final = "new/programme.toml.j2"
_SAFE_IN_COMMENT: Final = re.compile(r"[\w./+-]+")

Language = Literal["de", "en"]


class ScaffoldError(Exception):
    """The scaffold cannot be made: the folder is taken, or the title is no text TOML can hold."""


@attrs.frozen(kw_only=True)
class Shape:
    """The shape of a new event.

    Attributes:
        language: ``de`` or ``en``: the programme's language, its placeholders and comments.
        days: 1 or 2.
        groups: How many working groups run side by side, 0 to :data:`LARGEST_GROUPS`.
        date: The (first) day.
        title: The event's title; ``None`` writes a placeholder.
    """

    language: Language = "de"
    days: int = attrs.field(default=1, validator=attrs.validators.in_((1, 2)))
    groups: int = attrs.field(
        default=2, validator=[attrs.validators.ge(0), attrs.validators.le(LARGEST_GROUPS)]
    )
    date: dt.date
    title: str | None = None


def toml_string(text: str) -> str:
    r"""Return *text* as a TOML basic string that reads back as exactly *text*.

    ``"`` and ``\`` are escaped, and so is every control character that TOML forbids in a
    string (all of C0 but TAB, and DEL): line breaks as ``\n`` and ``\r``, the rest as
    ``\uXXXX``. Everything else is written as it is.

    Raises:
        ScaffoldError: *text* holds a lone surrogate, which no TOML file can hold.
    """
    if _SURROGATE.search(text):
        raise ScaffoldError(f"{text!a} holds a broken character (a lone surrogate)")
    return '"' + _TOML_ESCAPED.sub(_toml_escape, text) + '"'


_SURROGATE: Final = re.compile("[\ud800-\udfff]")
_TOML_ESCAPED: Final = re.compile('["\\\\\x00-\x08\x0a-\x1f\x7f]')
_TOML_ESCAPES: Final = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r"}


def _toml_escape(match: re.Match[str]) -> str:
    char = match[0]
    return _TOML_ESCAPES.get(char) or f"\\u{ord(char):04X}"


# -- the words of the scaffold, in German and English -------------------------------------------

_WORDS: Final[dict[Language, dict[str, Any]]] = {
    "de": {
        "mark": "AUSFÜLLEN",
        "head": 'Programm einer neuen Veranstaltung, angelegt mit "eventprogram new".',
        "next": [
            "So geht es weiter:",
            '1. Jede Stelle mit "AUSFÜLLEN" ausfüllen: den Platzhalter zwischen den',
            '   Anführungszeichen ersetzen ("Titel der Arbeitsgruppe 1", "Vorname") und dann',
            '   den Kommentar "# AUSFÜLLEN" dahinter löschen.',
            "2. Dabei die Vorschau offen halten; sie erneuert sich bei jedem Speichern:",
            "     eventprogram preview {folder}",
            "3. Prüfen und bauen:",
            "     eventprogram validate {folder}",
            "     eventprogram build {folder}",
        ],
        "read": [
            "So liest man diese Datei:",
            '- Zeilen mit "#" sind Kommentare; sie erscheinen nirgends.',
            '- Text steht in "Anführungszeichen"; lange Texte in """drei Anführungszeichen""".',
            '- Uhrzeiten sind Ortszeit, geschrieben "10:05". Ein Slot ohne "end" dauert, bis',
            "  der nächste beginnt.",
            "- Personen und die Organisation stehen einmal unten in der Datei; im Ablauf werden",
            '  sie über ihre Id genannt ("person-vortrag").',
            "- Jedes Feld ist in docs/reference/source-format.md erklärt.",
        ],
        "id": "die Id: bleibt für alle Fassungen dieser Veranstaltung gleich",
        "title": "der Titel der Veranstaltung",
        "timezone": "die Zeitzone aller Uhrzeiten",
        "revision": "wann diese Fassung entstand: bei jeder veröffentlichten Änderung neu setzen",
        "optional_top": [
            "Wenn es sie gibt: das Zeichen # am Anfang der Zeile löschen und ausfüllen.",
            'subtitle = "Untertitel"',
            'url = "https://www.example.org/fachtag"  # die Seite der Veranstaltung',
            'page_url = "https://www.example.org/programm.html"  # wo dieses Programm erscheint',
        ],
        "venue_name": "Name des Veranstaltungsorts",
        "venue_name_hint": "der Name des Hauses oder Saals",
        "venue_city": "Ort",
        "rooms": 'Räume: im Ablauf über ihre Id genannt (room = "raum-1"). AUSFÜLLEN: die Namen',
        "organisers": 'Wer veranstaltet (host); Partner mit role = "partner".',
        "schedule": [
            "Ablauf",
            "",
            "Arten (kind): arrival, welcome, talk, keynote, panel, discussion, plenary, break,",
            "lunch, gallery-walk, working-groups, closing, end.",
            "Rollen (roles): keynote, input, moderation, speaker, panel, welcome, host.",
            'Einen Slot hinzufügen: einen Block ab "[[days.slots]]" kopieren, einfügen,',
            "eine neue Id geben und die Uhrzeit setzen.",
        ],
        "date": "das Datum (Jahr-Monat-Tag)",
        "times": "die Uhrzeiten dieses Tages",
        "organisations": [
            "Organisationen",
        ],
        "organisation_name": "Name der veranstaltenden Organisation",
        "organisation_short": "Kurzname",
        "organisation_short_hint": "die Abkürzung, oder die Zeile löschen",
        "people": [
            "Personen: je eine für jede Stelle im Ablauf. Wer zweimal auftritt, steht hier",
            "einmal und wird im Ablauf zweimal genannt; die übrige Person dann löschen.",
            'Ein Titel vor dem Namen: honorific = "Dr." (oder "Prof. Dr.").',
        ],
        "given_name": "Vorname",
        "family_name": "Nachname",
        "function": "Funktion",
        "function_hint": "z. B. Referentin für Sozialplanung; oder die Zeile löschen",
        # the programme's own texts
        "day": ["Tag 1", "Tag 2"],
        "arrival": "Ankommen",
        "arrival_day": "Ankommen und Imbiss",
        "welcome": "Begrüßung",
        "keynote": "Titel des Vortrags",
        "keynote_2": "Titel des zweiten Vortrags",
        "break": "Kaffeepause",
        "groups": "Arbeitsgruppen",
        "group": "Titel der Arbeitsgruppe {n}",
        "discussion": "Diskussion",
        "lunch": "Mittagspause",
        "report": "Berichte aus den Arbeitsgruppen",
        "review": "Rückblick auf den ersten Tag",
        "closing": "Zusammenfassung und Ausblick",
        "end_day": "Ende des ersten Tages",
        "end": "Veranstaltungsende",
        "room": "Raum {n}",
        "placeholder_title": "Titel der Veranstaltung",
        "groups_comment": (
            "Die Arbeitsgruppen laufen parallel, jede als eine Session dieses Slots,"
            " jede in ihrem Raum."
        ),
        "in": "tritt auf in: {where}",
    },
    "en": {
        "mark": "TODO",
        "head": 'The programme of a new event, made by "eventprogram new".',
        "next": [
            "What to do next:",
            '1. Fill in every place marked "TODO": replace the placeholder between the quotes',
            '   ("Title of working group 1", "First name"), then delete the comment "# TODO"',
            "   after it.",
            "2. Keep the preview open meanwhile; it is renewed whenever you save:",
            "     eventprogram preview {folder}",
            "3. Check and build:",
            "     eventprogram validate {folder}",
            "     eventprogram build {folder}",
        ],
        "read": [
            "How to read this file:",
            '- Lines starting with "#" are comments; they appear nowhere.',
            '- Text is written in "quotes"; long texts in """three quotes""".',
            '- Times are local times, written "10:05". A slot without "end" lasts until the',
            "  next one begins.",
            "- People and the organisation are listed once at the end of the file; the",
            '  schedule names them by their id ("person-keynote").',
            "- Every field is explained in docs/reference/source-format.md.",
        ],
        "id": "the id: stays the same for every version of this event",
        "title": "the title of the event",
        "timezone": "the time zone of every time",
        "revision": "when this version was made: set it anew with every published change",
        "optional_top": [
            "If there are any: delete the # at the start of the line and fill it in.",
            'subtitle = "Subtitle"',
            'url = "https://www.example.org/conference"  # the event\'s own web page',
            'page_url = "https://www.example.org/programme.html"  # where this programme appears',
        ],
        "venue_name": "Name of the venue",
        "venue_name_hint": "the name of the building or hall",
        "venue_city": "Town",
        "rooms": 'Rooms: the schedule names them by their id (room = "room-1"). TODO: their names',
        "organisers": 'Who organises the event (host); partners with role = "partner".',
        "schedule": [
            "Schedule",
            "",
            "Kinds (kind): arrival, welcome, talk, keynote, panel, discussion, plenary, break,",
            "lunch, gallery-walk, working-groups, closing, end.",
            "Roles (roles): keynote, input, moderation, speaker, panel, welcome, host.",
            'To add a slot: copy a block from "[[days.slots]]" on, paste it, give it a new id',
            "and set its time.",
        ],
        "date": "the date (year-month-day)",
        "times": "the times of this day",
        "organisations": [
            "Organisations",
        ],
        "organisation_name": "Name of the organising body",
        "organisation_short": "Short name",
        "organisation_short_hint": "its abbreviation, or delete the line",
        "people": [
            "People: one for each place in the schedule. Someone who appears twice is listed",
            "here once and named twice in the schedule; then delete the spare person.",
            'A title before the name: honorific = "Dr." (or "Prof. Dr.").',
        ],
        "given_name": "First name",
        "family_name": "Last name",
        "function": "Position",
        "function_hint": "such as Head of Social Planning; or delete the line",
        "day": ["Day 1", "Day 2"],
        "arrival": "Arrival",
        "arrival_day": "Arrival and snack",
        "welcome": "Welcome",
        "keynote": "Title of the talk",
        "keynote_2": "Title of the second talk",
        "break": "Coffee break",
        "groups": "Working groups",
        "group": "Title of working group {n}",
        "discussion": "Discussion",
        "lunch": "Lunch",
        "report": "Reports from the working groups",
        "review": "Looking back on the first day",
        "closing": "Summary and outlook",
        "end_day": "End of the first day",
        "end": "End of the event",
        "room": "Room {n}",
        "placeholder_title": "Title of the event",
        "groups_comment": (
            "The working groups run side by side, each a session of this slot, each in its room."
        ),
        "in": "appears in: {where}",
    },
}

_IDS: Final[dict[Language, dict[str, str]]] = {
    "de": {
        "welcome": "person-begruessung",
        "keynote": "person-vortrag",
        "keynote_2": "person-vortrag-2",
        "group_person": "person-ag{n}",
        "group": "ag{n}",
        "room": "raum",
        "day": "tag{n}-",
        "slot_arrival": "ankommen",
        "slot_welcome": "begruessung",
        "slot_keynote": "vortrag",
        "slot_break": "pause",
        "slot_groups": "arbeitsgruppen",
        "slot_lunch": "mittagspause",
        "slot_report": "berichte",
        "slot_closing": "abschluss",
        "slot_end": "ende",
    },
    "en": {
        "welcome": "person-welcome",
        "keynote": "person-keynote",
        "keynote_2": "person-keynote-2",
        "group_person": "person-wg{n}",
        "group": "wg{n}",
        "room": "room",
        "day": "day{n}-",
        "slot_arrival": "arrival",
        "slot_welcome": "welcome",
        "slot_keynote": "keynote",
        "slot_break": "break",
        "slot_groups": "working-groups",
        "slot_lunch": "lunch",
        "slot_report": "reports",
        "slot_closing": "closing",
        "slot_end": "end",
    },
}


def scaffold_text(shape: Shape, *, programme_id: str, revision: dt.datetime, folder: str) -> str:
    """Return the ``programme.toml`` of a new event of *shape*.

    Args:
        shape: Its language, days, working groups, date and title.
        programme_id: The programme's id.
        revision: When it is made, with its offset.
        folder: How to name the folder in the comments' commands (left out when it
            holds anything but letters, digits and ``./+-_``).

    Raises:
        ScaffoldError: The title holds a lone surrogate.
    """
    if shape.title is not None and _SURROGATE.search(shape.title):
        message = f"the title {shape.title!a} holds a broken character (a lone surrogate)"
        raise ScaffoldError(message)
    words = _WORDS[shape.language]
    ids = _IDS[shape.language]
    shown = folder if _SAFE_IN_COMMENT.fullmatch(folder) else "…"
    texts = {
        **words,
        "next": [line.replace("{folder}", shown) for line in words["next"]],
    }
    rooms = [
        {"id": f"{ids['room']}-{n}", "name": words["room"].format(n=n)}
        for n in range(1, shape.groups + 1)
    ]
    days, people = _schedule(shape, words, ids)
    return (
        _environment()
        .get_template(TEMPLATE)
        .render(
            t=texts,
            mark=words["mark"],
            id=programme_id,
            title=shape.title if shape.title is not None else words["placeholder_title"],
            title_placeholder=shape.title is None,
            language=shape.language,
            revision=revision.isoformat(timespec="seconds"),
            rooms=rooms,
            days=days,
            people=people,
        )
    )


def _schedule(
    shape: Shape, words: dict[str, Any], ids: dict[str, str]
) -> tuple[list[dict[str, Any]], list[dict[str, str]]]:
    """The days with their slots, and the placeholder people they name."""
    appearances: dict[str, list[str]] = {}

    def slot(  # noqa: PLR0913 -- keyword-only, each optional: a slot's parts
        slot_id: str,
        start: str,
        kind: str,
        title: str,
        *,
        fill: bool = False,
        person: tuple[str, str] | None = None,
        sessions: list[dict[str, Any]] | None = None,
        comment: str | None = None,
    ) -> dict[str, Any]:
        people = []
        if person is not None:
            people.append((person[0], [person[1]]))
            appearances.setdefault(person[0], []).append(slot_id)
        return {
            "id": slot_id,
            "start": start,
            "kind": kind,
            "title": title,
            "fill": fill,
            "people": people,
            "sessions": sessions or [],
            "comment": comment,
        }

    def groups(slot_id: str, start: str) -> dict[str, Any]:
        if not shape.groups:
            return slot(slot_id, start, "discussion", words["discussion"])
        sessions = []
        for n in range(1, shape.groups + 1):
            person = ids["group_person"].format(n=n)
            session_id = ids["group"].format(n=n)
            appearances.setdefault(person, []).append(session_id)
            sessions.append(
                {
                    "id": session_id,
                    "number": n,
                    "title": words["group"].format(n=n),
                    "room": f"{ids['room']}-{n}",
                    "people": [(person, ["moderation"])],
                }
            )
        return slot(
            slot_id,
            start,
            "working-groups",
            words["groups"],
            sessions=sessions,
            comment=words["groups_comment"],
        )

    welcome = (ids["welcome"], "welcome")
    keynote = (ids["keynote"], "keynote")

    def day(n: int) -> Callable[[str], str]:
        prefix = ids["day"].format(n=n) if shape.days > 1 else ""
        return lambda name: prefix + ids[f"slot_{name}"]

    if shape.days == 1:
        one = day(1)
        slots = [
            slot(one("arrival"), "09:30", "arrival", words["arrival"]),
            slot(one("welcome"), "10:00", "welcome", words["welcome"], person=welcome),
            slot(one("keynote"), "10:15", "keynote", words["keynote"], fill=True, person=keynote),
            slot(one("break"), "11:00", "break", words["break"]),
            groups(one("groups"), "11:15"),
            slot(one("lunch"), "12:45", "lunch", words["lunch"]),
            slot(one("closing"), "13:45", "closing", words["closing"]),
            slot(one("end"), "14:30", "end", words["end"]),
        ]
        days = [{"date": shape.date.isoformat(), "title": None, "slots": slots}]
    else:
        one, two = day(1), day(2)
        keynote_2 = (ids["keynote_2"], "keynote")
        first_day = [
            slot(one("arrival"), "12:00", "arrival", words["arrival_day"]),
            slot(one("welcome"), "13:00", "welcome", words["welcome"], person=welcome),
            slot(one("keynote"), "13:15", "keynote", words["keynote"], fill=True, person=keynote),
            slot(one("break"), "14:00", "break", words["break"]),
            groups(one("groups"), "14:15"),
            slot(one("end"), "16:30", "end", words["end_day"]),
        ]
        second_day = [
            slot(two("arrival"), "09:00", "arrival", words["arrival"]),
            slot(two("report"), "09:30", "plenary", words["report" if shape.groups else "review"]),
            slot(two("break"), "10:30", "break", words["break"]),
            slot(
                two("keynote"), "10:45", "keynote", words["keynote_2"], fill=True, person=keynote_2
            ),
            slot(two("closing"), "11:30", "closing", words["closing"]),
            slot(two("end"), "12:00", "end", words["end"]),
        ]
        second = shape.date + dt.timedelta(days=1)
        days = [
            {"date": shape.date.isoformat(), "title": words["day"][0], "slots": first_day},
            {"date": second.isoformat(), "title": words["day"][1], "slots": second_day},
        ]
    people = [
        {"id": person, "where": words["in"].format(where=", ".join(where))}
        for person, where in appearances.items()
    ]
    return days, people


@functools.cache
def _environment() -> jinja2.Environment:
    import jinja2  # noqa: PLC0415 -- only `new` needs it

    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("eventprogram", "templates"),
        autoescape=False,  # noqa: S701 -- TOML, not HTML: every text goes through `toml`
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["toml"] = toml_string
    return environment


def programme_id(folder: Path, fallback: str) -> str:
    """The id of a new event in *folder*: its name as a slug, or *fallback*."""
    slug = slugify(folder.name)
    return slug if slug and ID_PATTERN.fullmatch(slug) else fallback


def write_scaffold(folder: Path, text: str) -> Path:
    """Write *text* as ``programme.toml`` of the new folder *folder*, all or nothing.

    The file is written in full into a hidden folder beside *folder*, which is then
    renamed to *folder*: either the whole new folder is there, or nothing is.

    Returns:
        The programme file written.

    Raises:
        ScaffoldError: *folder* exists and is not an empty folder.
        OSError: It cannot be written; nothing is left behind.
    """
    _check_free(folder)
    parent = folder.parent
    parent.mkdir(parents=True, exist_ok=True)
    staging = parent / f".{folder.name}.{secrets.token_hex(4)}.tmp"
    staging.mkdir()
    try:
        file = staging / PROGRAMME_FILE
        with file.open("w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        _check_free(folder)
        with contextlib.suppress(FileNotFoundError):
            folder.rmdir()  # empty (checked): rename does not replace a folder everywhere
        staging.rename(folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return folder / PROGRAMME_FILE


def _check_free(folder: Path) -> None:
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        raise ScaffoldError(f"{folder} exists and is not a folder; nothing was written")
    if folder.is_dir() and any(folder.iterdir()):
        raise ScaffoldError(
            f"{folder} is not empty; nothing was written (name a new folder, or an empty one)"
        )
