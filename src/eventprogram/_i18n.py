"""Words, dates and times in German and English, for every exporter.

Dates and times come from Babel's CLDR data: ``Donnerstag, 15. Mai 2025`` and
``10:05 Uhr``; in English the British forms, ``Thursday, 15 May 2025`` and
``10:05``, since the events are European and the 24-hour clock reads the same.
People and their roles are written as in a printed German programme:
``Moderation: Dr. Frank Nitzsche, G.I.B.``.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Final, Literal

import attrs

from ._model import (
    Conformance,
    Gender,
    Organisation,
    OrganiserRole,
    Person,
    Programme,
    Role,
    Room,
    Venue,
    is_german,
)

if TYPE_CHECKING:
    from ._timeline import Appearance, Item, Provided

Language = Literal["de", "en"]
LANGUAGES: Final[tuple[Language, ...]] = ("de", "en")
"""Every language eventprogram speaks, German first."""

_LOCALES: Final[dict[Language, str]] = {"de": "de_DE", "en": "en_GB"}

# Roles printed without a label: a plain list of names reads as the speakers.
UNLABELLED_ROLES: Final = frozenset({"speaker"})

WORDS: Final[dict[str, dict[Language, str]]] = {
    "and": {"de": "und", "en": "and"},
    "o'clock": {"de": "Uhr", "en": ""},
    "programme": {"de": "Programm", "en": "Programme"},
    "venue": {"de": "Ort", "en": "Venue"},
    "room": {"de": "Raum", "en": "Room"},
    "date": {"de": "Datum", "en": "Date"},
    "time": {"de": "Zeit", "en": "Time"},
    "organisers": {"de": "Veranstalter", "en": "Organisers"},
    "working_group": {"de": "Arbeitsgruppe", "en": "Working group"},
    "sub_group": {"de": "Kleingruppe", "en": "Sub-group"},
    "end": {"de": "Ende", "en": "End"},
    "skip_to_programme": {"de": "Direkt zum Programm", "en": "Skip to the programme"},
    "add_to_calendar": {"de": "In den Kalender", "en": "Add to calendar"},
    "whole_programme_to_calendar": {
        "de": "Das ganze Programm in den Kalender",
        "en": "Add the whole programme to your calendar",
    },
    "revision": {"de": "Stand", "en": "As of"},
    "online": {"de": "Dieses Programm im Netz", "en": "This programme online"},
    "track": {"de": "Track", "en": "Track"},
    "language": {"de": "Sprache", "en": "Language"},
    "details": {"de": "Details", "en": "Details"},
    "links": {"de": "Links", "en": "Links"},
    "from": {"de": "ab", "en": "from"},
    "open_end": {"de": "Ende offen", "en": "open end"},
    "page": {"de": "Seite", "en": "Page"},
    "of": {"de": "von", "en": "of"},
    # Programme changes (eventprogram diff, the change lists of every format)
    "changes": {"de": "Programmänderungen", "en": "Programme changes"},
    "no_changes": {"de": "Keine Änderungen.", "en": "No changes."},
    "changes_since": {"de": "Seit dem Stand vom", "en": "Since the version of"},
    "status_added": {"de": "neu", "en": "new"},
    "status_changed": {"de": "geändert", "en": "changed"},
    "status_moved": {"de": "verschoben", "en": "moved"},
    "status_cancelled": {"de": "abgesagt", "en": "cancelled"},
    "field_start": {"de": "Beginn", "en": "Start"},
    "field_end": {"de": "Ende", "en": "End"},
    "field_room": {"de": "Raum", "en": "Room"},
    "field_title": {"de": "Titel", "en": "Title"},
    "field_kind": {"de": "Art", "en": "Kind"},
    "field_description": {"de": "Beschreibung", "en": "Description"},
    "field_cancelled": {"de": "Abgesagt", "en": "Cancelled"},
    "field_provisions": {"de": "Barrierefreiheit", "en": "Accessibility"},
    "no_provisions": {"de": "keine", "en": "none"},
    "before": {"de": "vorher", "en": "before"},
    "no_room": {"de": "kein Raum", "en": "no room"},
    "description_changed": {"de": "Beschreibung geändert", "en": "description changed"},
    "reinstated": {"de": "findet wieder statt", "en": "takes place again"},
    "person_added": {"de": "neu dabei", "en": "joins"},
    "person_removed": {"de": "nicht mehr dabei", "en": "no longer appears"},
    "person_roles": {"de": "neue Rolle", "en": "new role"},
    "until": {"de": "bis", "en": "until"},
    # The timetable layout of the web page.
    "timetable_no_room": {"de": "Ohne Raum", "en": "No room"},
    "time_column": {"de": "Zeit", "en": "Time"},
    "rooms": {"de": "Räume", "en": "Rooms"},
    "days": {"de": "Tage", "en": "Days"},
    "day": {"de": "Tag", "en": "Day"},
    "filter": {"de": "Programm filtern", "en": "Filter the programme"},
    "all": {"de": "alle", "en": "all"},
    "show_all": {"de": "Alles zeigen", "en": "Show everything"},
    "shown": {
        "de": "{shown} von {total} Programmpunkten gezeigt",
        "en": "{shown} of {total} items shown",
    },
    "tracks": {"de": "Tracks", "en": "Tracks"},
    "languages": {"de": "Sprachen", "en": "Languages"},
    "abstract": {"de": "Beschreibung", "en": "Description"},
    "timetable": {"de": "Zeitplan", "en": "Timetable"},
}

_NUMBER_WORDS: Final[dict[Language, tuple[str, ...]]] = {
    "de": (
        "zwei",
        "drei",
        "vier",
        "fünf",
        "sechs",
        "sieben",
        "acht",
        "neun",
        "zehn",
        "elf",
        "zwölf",
    ),
    "en": (
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
    ),
}
"""Counts from two to twelve in words, as German and English style guides write them."""

ORGANISER_ROLES: Final[dict[OrganiserRole, dict[Language, str]]] = {
    OrganiserRole.HOST: {"de": "Veranstalter", "en": "Host"},
    OrganiserRole.PARTNER: {"de": "gemeinsam mit", "en": "together with"},
    OrganiserRole.SPONSOR: {"de": "Sponsor", "en": "Sponsor"},
    OrganiserRole.SUPPORTER: {"de": "mit Unterstützung von", "en": "supported by"},
}


COUNTED: Final[dict[str, dict[Language, dict[str, str]]]] = {
    "error": {
        "de": {"one": "Fehler", "other": "Fehler"},
        "en": {"one": "error", "other": "errors"},
    },
    "warning": {
        "de": {"one": "Warnung", "other": "Warnungen"},
        "en": {"one": "warning", "other": "warnings"},
    },
    "info": {
        "de": {"one": "Hinweis", "other": "Hinweise"},
        "en": {"one": "info", "other": "infos"},
    },
    "parallel_session": {
        "de": {"one": "parallele Session", "other": "parallele Sessions"},
        "en": {"one": "parallel session", "other": "parallel sessions"},
    },
    "has": {"de": {"one": "hat", "other": "haben"}, "en": {"one": "has", "other": "have"}},
    "session": {
        "de": {"one": "Session", "other": "Sessions"},
        "en": {"one": "session", "other": "sessions"},
    },
    "group": {
        "de": {"one": "Gruppe", "other": "Gruppen"},
        "en": {"one": "group", "other": "groups"},
    },
}
"""Words that change with a number, by CLDR plural category (``one``, ``other``)."""


def plural_form(count: int, language: Language) -> str:
    """The CLDR plural category of *count* in *language*, from Babel: ``one`` or ``other``."""
    return str(_plural_rule(language)(count))


@functools.cache
def _plural_rule(language: Language) -> Callable[[int], str]:
    from babel import Locale  # noqa: PLC0415 -- Babel is slow to import

    rule: Callable[[int], str] = Locale.parse(_LOCALES[language]).plural_form
    return rule


def counted_word(key: str, count: int, language: Language) -> str:
    """The word *key* in the form that goes with *count*: ``Warnung`` for 1, ``Warnungen`` else.

    The forms are kept per CLDR plural category; which category a number takes
    comes from Babel, so the rule is CLDR's, not a hand-written ``count == 1``.
    A category a word has no form for falls back to ``other``.
    """
    forms = COUNTED[key][language]
    return forms.get(plural_form(count, language), forms["other"])


def counted(key: str, count: int, language: Language) -> str:
    """*count* and the word *key* in its form for it: ``1 Warnung``, ``2 warnings``."""
    return f"{count} {counted_word(key, count, language)}"


def language_of(programme: Programme, requested: str | None = None) -> Language:
    """Return the output language: *requested* if given, else the programme's; German or English."""
    return "de" if is_german(requested or programme.language) else "en"


def word(key: str, language: Language) -> str:
    """Return a word of the exporters' vocabulary in *language*."""
    return WORDS[key][language]


@functools.lru_cache(maxsize=256)
def language_name(tag: str, language: Language) -> str:
    """The name of the language *tag* in *language*: ``Englisch`` / ``English`` for ``en``.

    A tag with a region or script is named as CLDR names it where it has a name for it
    (``fr-CH``: ``Schweizer Französisch``), else by its primary language; a tag Babel
    does not know stays as it is.
    """
    from babel import Locale  # noqa: PLC0415 -- Babel is slow to import

    names = Locale.parse(_LOCALES[language]).languages
    primary, *rest = tag.split("-")
    # CLDR's keys: ``fr_CH`` (a region in capitals), ``zh_Hant`` (a script in title case).
    subtags = [primary.lower(), *(s.upper() if len(s) == 2 else s.title() for s in rest)]
    for count in range(len(subtags), 0, -1):
        if name := names.get("_".join(subtags[:count])):
            return str(name)
    return tag


def same_language(first: str, second: str) -> bool:
    """Whether two BCP 47 tags name the same language, regions aside: ``de-DE`` is ``de``."""
    return first.split("-", 1)[0].lower() == second.split("-", 1)[0].lower()


@functools.lru_cache(maxsize=1024)
def format_day(date: dt.date, language: Language) -> str:
    """``Donnerstag, 15. Mai 2025`` / ``Thursday, 15 May 2025``."""
    from babel.dates import format_date  # noqa: PLC0415 -- Babel is slow to import

    return format_date(date, "full", locale=_LOCALES[language])


def format_clock(moment: dt.datetime | dt.time, language: Language) -> str:
    """``10:05`` in both languages (the 24-hour clock); without ``Uhr``."""
    value = moment.time() if isinstance(moment, dt.datetime) else moment
    if value.tzinfo is None:
        return _clock(value, language)
    return _babel_clock(value, language)


@functools.lru_cache(maxsize=4096)
def _clock(value: dt.time, language: Language) -> str:
    """:func:`format_clock` of a wall-clock time, asked of Babel once per time and language.

    A programme has a few hundred distinct times and tens of thousands of items; Babel
    parses the locale and the pattern anew for each call.
    """
    return _babel_clock(value, language)


def _babel_clock(value: dt.time, language: Language) -> str:
    from babel.dates import format_time  # noqa: PLC0415 -- Babel is slow to import

    return format_time(value, "short", locale=_LOCALES[language])


def format_time(moment: dt.datetime | dt.time, language: Language) -> str:
    """``10:05 Uhr`` / ``10:05``."""
    suffix = word("o'clock", language)
    clock = format_clock(moment, language)
    return f"{clock} {suffix}" if suffix else clock


def format_span(
    start: dt.datetime, end: dt.datetime | None, language: Language, *, day: dt.date | None = None
) -> str:
    """``10:05–10:30 Uhr`` / ``10:05–10:30``; only the start where the end is unknown.

    Given the *day* the times belong to, a time on a later date says its weekday, and an
    end on a later date than the start is joined by "bis" / "until":
    ``22:00 bis Sa 01:00 Uhr`` / ``22:00 until Sat 01:00`` (:func:`span_parts`).
    """
    if end is None or end == start:
        end = None
    first, joiner, last = span_parts(start, end, language, day=day)
    suffix = word("o'clock", language)
    text = first if last is None else f"{first}{joiner}{last}"
    return f"{text} {suffix}" if suffix else text


def span_parts(
    start: dt.datetime, end: dt.datetime | None, language: Language, *, day: dt.date | None
) -> tuple[str, str, str | None]:
    """The start's clock, the joiner and the end's clock of a span, each time on *day*.

    A start whose date is after *day* (an item after midnight) bears its weekday: ``Sa 01:00``;
    so does an end on a later date than its start, joined by `` bis `` / `` until ``; else
    the two are joined by ``–``.
    Without a *day*, the start's date is the day.
    """
    day = start.date() if day is None else day
    first = format_clock_on(start, day, language)
    if end is None:
        return first, "", None
    later = end.date() > start.date()
    joiner = f" {word('until', language)} " if later else "–"
    # An end on its start's date says no weekday again: "Sa 01:00–02:00".
    return first, joiner, format_clock_on(end, max(day, start.date()), language)


def format_clock_on(moment: dt.datetime, day: dt.date, language: Language) -> str:
    """``10:05``; ``Sa 01:00`` / ``Sat 01:00`` where *moment* falls after *day* (at night)."""
    clock = format_clock(moment, language)
    if moment.date() <= day:
        return clock
    return f"{format_weekday(moment.date(), language)} {clock}"


@functools.lru_cache(maxsize=256)
def format_weekday(date: dt.date, language: Language) -> str:
    """The weekday's short name, as it stands alone: ``Sa`` / ``Sat``."""
    from babel.dates import format_date  # noqa: PLC0415 -- Babel is slow to import

    return format_date(date, "ccc", locale=_LOCALES[language])


def format_from(start: dt.datetime, language: Language) -> str:
    """``ab 14:00 Uhr`` / ``from 14:00``: the time of an item that runs from its start on."""
    return f"{word('from', language)} {format_time(start, language)}"


def time_note(item: Item, language: Language) -> str | None:
    """``Ab 19:00 Uhr, Ende offen`` / ``From 19:00, open end``: an item that runs from its start.

    Formats that must give an end (iCal, schedule.xml) give the resolved one and say this
    in the description, so that nobody takes the nominal end for the real one.
    """
    if not item.runs_from:
        return None
    text = format_from(item.start, language)
    if item.open_end:
        text = f"{text}, {word('open_end', language)}"
    return text[:1].upper() + text[1:]


def groups_line(count: int, language: Language) -> str:
    """``In drei Gruppen`` / ``In three groups``: up to twelve in words, then in digits."""
    words = _NUMBER_WORDS[language]
    place = count - 2  # the words start at two
    number = words[place] if 0 <= place < len(words) else str(count)
    return f"In {number} Gruppen" if language == "de" else f"In {number} groups"


def join(items: list[str], language: Language) -> str:
    """``A``, ``A und B``, ``A, B und C``."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {word('and', language)} {items[-1]}"


def venue_line(venue: Venue) -> str:
    """``Lohnhalle, Musterstraße 1, 46236 Bottrop``: what is known of the venue, in one line."""
    place = " ".join(part for part in (venue.postal_code, venue.city) if part)
    return ", ".join(part for part in (venue.name, venue.street, place) if part)


def person_line(appearance: Appearance) -> str:
    """``Prof. Dr. Ute Klammer, Direktorin, DIFIS``: name, function, organisation, place.

    The parts are the resolved view's (:attr:`~eventprogram.Appearance.details`):
    the appearance's own wording where it has one, else the person's.
    """
    return appearance.line


@attrs.frozen
class RoleGroup:
    """People who share the same roles in a slot or session, with the roles' label."""

    label: str | None
    """``Moderation``, ``Input und Moderation``; ``None`` for roles printed without a label."""
    roles: tuple[Role, ...]
    appearances: tuple[Appearance, ...]
    """The people as they appear here, with their wording: print these."""

    @property
    def people(self) -> tuple[Person, ...]:
        """The people themselves, whatever their wording here."""
        return tuple(a.person for a in self.appearances)


def role_groups(people: Sequence[Appearance], language: Language) -> Iterator[RoleGroup]:
    """Group the people of a resolved item by their roles, in order of first appearance.

    The people and roles are those of the resolved view (:class:`~eventprogram.Appearance`);
    unknown ids stand in there, so every format groups and names alike.
    """
    grouped: dict[tuple[str, ...], list[Appearance]] = {}
    for appearance in people:
        grouped.setdefault(appearance.role_ids, []).append(appearance)
    for role_ids, appearances in grouped.items():
        roles = appearances[0].roles
        label = None
        if not set(role_ids) <= UNLABELLED_ROLES:
            label = join([role.label(language) for role in roles], language)
        yield RoleGroup(label=label, roles=roles, appearances=tuple(appearances))


def organiser_line(programme: Programme, language: Language) -> str | None:
    """The organisers in one line: the programme's ``credit``, or one made from ``organisers``.

    In German, where every organiser's organisation gives its grammatical
    ``gender``, the line has articles and cases, host first: ``Veranstaltung des
    MAGS gemeinsam mit der G.I.B. und dem DIFIS, mit Unterstützung der Stadt
    Bottrop`` (an organisation's ``genitive`` and ``dative`` are its name in those
    cases where it changes). Where one lacks it, the line needs no article:
    ``Veranstalter: MAGS; Partner: G.I.B. und DIFIS``. In English:
    ``Host: MAGS; together with G.I.B. and DIFIS``.
    """
    if programme.credit:
        return programme.credit
    by_role: dict[OrganiserRole, list[Organisation]] = {}
    for organiser in programme.organisers:
        try:
            organisation = programme.organisation(organiser.organisation)
        except KeyError:
            organisation = Organisation(id=organiser.organisation, name=organiser.organisation)
        by_role.setdefault(organiser.role, []).append(organisation)
    if not by_role:
        return None
    if language == "de":
        if all(o.gender is not None for names in by_role.values() for o in names):
            return _german_organiser_line(by_role)
        labels = GERMAN_ORGANISER_LABELS
        return "; ".join(
            f"{labels[role]}: {join([o.display_name for o in found], language)}"
            for role, found in by_role.items()
        )
    parts = []
    for role, found in by_role.items():
        label = ORGANISER_ROLES[role][language]
        names = join([o.display_name for o in found], language)
        parts.append(f"{label}: {names}" if role is OrganiserRole.HOST else f"{label} {names}")
    return "; ".join(parts)


GERMAN_ORGANISER_LABELS: Final[dict[OrganiserRole, str]] = {
    OrganiserRole.HOST: "Veranstalter",
    OrganiserRole.PARTNER: "Partner",
    OrganiserRole.SPONSOR: "Förderung",
    OrganiserRole.SUPPORTER: "Unterstützung",
}
"""German labels that need no article, for organisations without a ``gender``."""

_GENITIVE: Final = {Gender.FEMININE: "der", Gender.MASCULINE: "des", Gender.NEUTER: "des"}
_DATIVE: Final = {Gender.FEMININE: "der", Gender.MASCULINE: "dem", Gender.NEUTER: "dem"}
_PLURAL: Final = {"genitive": "der", "dative": "den"}

_GERMAN_PHRASES: Final[dict[OrganiserRole, tuple[str, Literal["genitive", "dative"]]]] = {
    OrganiserRole.HOST: ("Veranstaltung", "genitive"),
    OrganiserRole.PARTNER: ("gemeinsam mit", "dative"),
    OrganiserRole.SPONSOR: ("mit Förderung", "genitive"),
    OrganiserRole.SUPPORTER: ("mit Unterstützung", "genitive"),
}
"""What introduces each kind of organiser in a German line, and the case it governs."""


def _german_organiser_line(by_role: dict[OrganiserRole, list[Organisation]]) -> str:
    """``Veranstaltung des MAGS gemeinsam mit der G.I.B., mit Förderung der Stiftung``."""
    line = ""
    previous: OrganiserRole | None = None
    for role in OrganiserRole:  # host first: the line reads only in this order
        if role not in by_role:
            continue
        phrase, case = _GERMAN_PHRASES[role]
        names = join([_with_article(o, case) for o in by_role[role]], "de")
        if previous is None:
            line = f"{phrase[0].upper()}{phrase[1:]} {names}"
        else:
            follows_host = previous is OrganiserRole.HOST and role is OrganiserRole.PARTNER
            joiner = " " if follows_host else ", "
            line = f"{line}{joiner}{phrase} {names}"
        previous = role
    return line


def _with_article(organisation: Organisation, case: Literal["genitive", "dative"]) -> str:
    """``der G.I.B.``, ``dem Deutschen Institut …``: the article and the name in *case*."""
    gender = organisation.gender
    if gender == Gender.PLURAL or gender is None:  # == : a plain "pl" given in Python too
        article = _PLURAL[case]
    else:
        article = (_GENITIVE if case == "genitive" else _DATIVE)[gender]
    form = organisation.genitive if case == "genitive" else organisation.dative
    return f"{article} {form or organisation.display_name}"


# -- accessibility: provisions, room facts, the statement ------------------------------------

ACCESS_WORDS: Final[dict[str, dict[Language, str]]] = {
    "accessibility": {"de": "Barrierefreiheit", "en": "Accessibility"},
    "access": {"de": "Zugang", "en": "Access"},
    "provisions": {"de": "Angebote zur Barrierefreiheit", "en": "Accessibility provisions"},
    "provisions_intro": {
        "de": "Diese Angebote gibt es; jedes führt zu den Programmpunkten, die es haben.",
        "en": "These provisions are offered; each leads to the items that have it.",
    },
    "show_all": {"de": "Alle Programmpunkte", "en": "All items"},
    "shown_only": {"de": "Nur Programmpunkte mit", "en": "Only items with"},
    "filter": {"de": "Programm filtern", "en": "Filter the programme"},
    "showing": {"de": "Gezeigt werden Programmpunkte mit", "en": "Showing items with"},
    "step_free": {"de": "stufenlos erreichbar", "en": "step-free access"},
    "not_step_free": {"de": "nicht stufenlos erreichbar", "en": "not step-free"},
    "induction_loop": {"de": "Induktionsschleife", "en": "induction loop"},
    "no_induction_loop": {"de": "keine Induktionsschleife", "en": "no induction loop"},
    "rooms_access": {"de": "Räume und Zugang", "en": "Rooms and access"},
    "statement": {"de": "Erklärung zur Barrierefreiheit", "en": "Accessibility statement"},
    "conformance": {"de": "Stand der Vereinbarkeit", "en": "Compliance status"},
    "issues": {"de": "Nicht barrierefreie Inhalte", "en": "Non-accessible content"},
    "prepared": {"de": "Erstellt am", "en": "Prepared on"},
    "feedback": {
        "de": "Barrieren melden: Feedback und Kontakt",
        "en": "Report barriers: feedback and contact",
    },
    "email": {"de": "E-Mail", "en": "Email"},
    "phone": {"de": "Telefon", "en": "Telephone"},
    "form": {"de": "Kontaktformular", "en": "Contact form"},
    "enforcement": {"de": "Schlichtungsverfahren", "en": "Enforcement procedure"},
    "enforcement_text": {
        "de": "Wenn auch nach Ihrem Feedback keine zufriedenstellende Lösung gefunden wurde,"
        " können Sie sich an die Schlichtungsstelle wenden",
        "en": "If your feedback has not led to a satisfactory solution, you can turn to the"
        " enforcement body",
    },
}
"""Words of the accessibility parts of the formats, in German and English."""

_CONFORMANCE: Final[dict[Conformance, dict[Language, str]]] = {
    Conformance.FULL: {
        "de": "Diese Seite ist mit den Anforderungen der BITV 2.0 vollständig vereinbar.",
        "en": "This page is fully compliant with the requirements of BITV 2.0.",
    },
    Conformance.PARTIAL: {
        "de": "Diese Seite ist mit den Anforderungen der BITV 2.0 teilweise vereinbar.",
        "en": "This page is partially compliant with the requirements of BITV 2.0.",
    },
    Conformance.NONE: {
        "de": "Diese Seite ist mit den Anforderungen der BITV 2.0 nicht vereinbar.",
        "en": "This page is not compliant with the requirements of BITV 2.0.",
    },
}

_WHEELCHAIR: Final[dict[Language, dict[str, str]]] = {
    "de": {"one": "Rollstuhlplatz", "other": "Rollstuhlplätze"},
    "en": {"one": "wheelchair space", "other": "wheelchair spaces"},
}


def access_word(key: str, language: Language) -> str:
    """Return a word of the accessibility parts of the formats in *language*."""
    return ACCESS_WORDS[key][language]


def conformance_line(conformance: Conformance, language: Language) -> str:
    """The sentence that says how far the page conforms to BITV 2.0, in *language*."""
    return _CONFORMANCE[conformance][language]


def provision_line(provided: Provided, language: Language) -> str:
    """One provision as every format prints it.

    ``Gebärdensprachdolmetschen (DGS)``, ``Dolmetschen (Deutsch, Englisch)``,
    ``Schriftdolmetschen – auf der Leinwand``: the label, the sign language or the
    languages by name, and the note.
    """
    text = provided.provision.label(language).strip()
    details = [provided.sign_language] if provided.sign_language else []
    details.extend(language_name(tag, language) for tag in provided.languages)
    if details:
        text = f"{text} ({', '.join(details)})"
    if provided.note:
        text = f"{text} – {provided.note.strip()}"
    return text


def provisions_line(provisions: Sequence[Provided], language: Language) -> str:
    """``Barrierefreiheit: Gebärdensprachdolmetschen (DGS); Schriftdolmetschen``."""
    listed = "; ".join(provision_line(p, language) for p in provisions)
    return f"{access_word('accessibility', language)}: {listed}"


def room_access(room: Room, language: Language) -> tuple[str, ...]:
    """What a room says of its access, as short phrases: ``stufenlos erreichbar``, ``4 …``."""
    parts = []
    if room.step_free is not None:
        parts.append(access_word("step_free" if room.step_free else "not_step_free", language))
    if room.induction_loop is not None:
        key = "induction_loop" if room.induction_loop else "no_induction_loop"
        parts.append(access_word(key, language))
    if room.wheelchair_places is not None:
        forms = _WHEELCHAIR[language]
        form = forms.get(plural_form(room.wheelchair_places, language), forms["other"])
        parts.append(f"{room.wheelchair_places} {form}")
    if room.accessibility:
        parts.append(room.accessibility.strip())
    return tuple(parts)


def room_access_line(room: Room, language: Language) -> str | None:
    """``stufenlos erreichbar, Induktionsschleife, 4 Rollstuhlplätze``, or ``None``."""
    parts = room_access(room, language)
    return ", ".join(parts) if parts else None


def access_notes(item: Item, language: Language, *, inherited: bool = True) -> list[str]:
    """The lines a calendar entry or schedule event says of the item's access.

    ``Barrierefreiheit: Gebärdensprachdolmetschen (DGS)`` and what its room says,
    ``Ratssaal: stufenlos erreichbar, Induktionsschleife``. Each event stands alone, so
    inherited provisions are said too; without *inherited*, only the item's new ones.
    """
    lines = []
    provisions = item.provisions if inherited else item.new_provisions
    if provisions:
        lines.append(provisions_line(provisions, language))
    room = item.room if inherited else item.new_room
    if room is not None and (access := room_access_line(room, language)):
        lines.append(f"{room.name.strip()}: {access}")
    return lines
