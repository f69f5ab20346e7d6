"""The programme model: frozen attrs classes, references by id.

Field-level checks sit on the fields. Checks that span the whole programme
(clashes, references, order) belong to validation, so that a programme with a
clash can still be built, shown and reported.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import itertools
import re
import zoneinfo
from collections.abc import Iterator
from typing import Any, Final, Literal, TypeVar

import attrs

from ._bilingual import FieldError, Text
from ._bilingual import is_german as is_german  # noqa: PLC0414 -- re-exported: the model's users ask it here

ID_PATTERN: Final = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
"""Ids are short and human-readable: ``schmidt-gabi``, ``ag3``, ``mags``."""

_LANGUAGE_PATTERN: Final = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")


# -- field validators -------------------------------------------------------

FIRST_DATE: Final = dt.date(1900, 1, 1)
"""The earliest date of a programme: its days, times and ``revision``."""
LAST_DATE: Final = dt.date(2999, 12, 31)
"""The latest date of a programme. A day after it, calendars and time zones still work."""
LARGEST_NUMBER: Final = 1_000_000
"""The largest ``capacity`` or ``number``; no room and no list of sessions is larger."""
_ZONE_NAME: Final = re.compile(r"[A-Za-z0-9_+-]+(?:/[A-Za-z0-9_+-]+)*")
_LONGEST_ZONE_NAME: Final = 64


def _check_id(_: Any, attribute: attrs.Attribute[Any], value: str) -> None:
    if not ID_PATTERN.fullmatch(value):
        raise FieldError(
            attribute.name,
            Text(
                f"{attribute.name} {value!r} ist keine gültige Id: Buchstaben, Ziffern,"
                " '-', '_' oder '.' verwenden, am Anfang ein Buchstabe oder eine Ziffer",
                f"{attribute.name} {value!r} is not a valid id: use letters, digits,"
                " '-', '_' or '.', starting with a letter or digit",
            ),
        )


def _check_optional_id(_: Any, attribute: attrs.Attribute[Any], value: str | None) -> None:
    if value is not None:
        _check_id(_, attribute, value)


def _check_text(_: Any, attribute: attrs.Attribute[Any], value: str) -> None:
    if not value.strip():
        raise FieldError(
            attribute.name,
            Text(f"{attribute.name} darf nicht leer sein", f"{attribute.name} must not be empty"),
        )


def _check_optional_text(_: Any, attribute: attrs.Attribute[Any], value: str | None) -> None:
    if value is not None:
        _check_text(_, attribute, value)


def _check_in_range(name: str, value: dt.date) -> None:
    day = value.date() if isinstance(value, dt.datetime) else value
    if not FIRST_DATE <= day <= LAST_DATE:
        raise FieldError(
            name,
            Text(
                f"{name} {value.isoformat()} liegt nicht zwischen"
                f" {FIRST_DATE.year} und {LAST_DATE.year}",
                f"{name} {value.isoformat()} is not between the years"
                f" {FIRST_DATE.year} and {LAST_DATE.year}",
            ),
        )


def _check_date(_: Any, attribute: attrs.Attribute[Any], value: dt.date) -> None:
    _check_in_range(attribute.name, value)


def _check_naive(_: Any, attribute: attrs.Attribute[Any], value: dt.datetime | None) -> None:
    if value is None:
        return
    if value.tzinfo is not None:
        raise FieldError(
            attribute.name,
            Text(
                f"{attribute.name} ist eine Uhrzeit in der Zeitzone des Programms"
                f" und trägt keinen Versatz, angegeben ist {value.isoformat()}",
                f"{attribute.name} is a local wall-clock time in the programme's time zone"
                f" and must carry no offset, got {value.isoformat()}",
            ),
        )
    _check_in_range(attribute.name, value)


def _check_aware(_: Any, attribute: attrs.Attribute[Any], value: dt.datetime | None) -> None:
    if value is None:
        return
    if value.utcoffset() is None:
        raise FieldError(
            attribute.name,
            Text(
                f"{attribute.name} muss den Versatz zu UTC nennen"
                " (zum Beispiel 2025-04-30T12:00:00+02:00)",
                f"{attribute.name} must name its offset (for example 2025-04-30T12:00:00+02:00)",
            ),
        )
    _check_in_range(attribute.name, value)


def _check_language(_: Any, attribute: attrs.Attribute[Any], value: str) -> None:
    if not is_language_tag(value):
        raise FieldError(
            attribute.name,
            Text(
                f"{attribute.name} {value!r} ist kein Sprachkennzeichen (BCP 47) wie 'de'",
                f"{attribute.name} {value!r} is not a BCP 47 language tag such as 'de'",
            ),
        )


def _check_optional_language(_: Any, attribute: attrs.Attribute[Any], value: str | None) -> None:
    if value is not None:
        _check_language(_, attribute, value)


def _check_zone(_: Any, attribute: attrs.Attribute[Any], value: str) -> None:
    # The name becomes a path below the zone folders: look only at names shaped like
    # IANA's, and turn every failure (a folder, a name too long, no TZif data) into one
    # message that shows no path.
    if len(value) <= _LONGEST_ZONE_NAME and _ZONE_NAME.fullmatch(value):
        try:
            zoneinfo.ZoneInfo(value)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
            pass
        else:
            return
    shown = value if len(value) <= _LONGEST_ZONE_NAME else f"{value[:_LONGEST_ZONE_NAME]}…"
    raise FieldError(
        attribute.name,
        Text(
            f"{attribute.name} {shown!r} ist keine IANA-Zeitzone wie 'Europe/Berlin'",
            f"{attribute.name} {shown!r} is not an IANA time zone such as 'Europe/Berlin'",
        ),
    )


def _check_number(_: Any, attribute: attrs.Attribute[Any], value: int | None) -> None:
    if value is not None and not 1 <= value <= LARGEST_NUMBER:
        raise FieldError(
            attribute.name,
            Text(
                f"{attribute.name} muss zwischen 1 und {LARGEST_NUMBER} liegen,"
                f" angegeben ist {value}",
                f"{attribute.name} must be from 1 to {LARGEST_NUMBER}, got {value}",
            ),
        )


def _check_groups(_: Any, attribute: attrs.Attribute[Any], value: int | None) -> None:
    if value is not None and not 2 <= value <= LARGEST_NUMBER:
        raise FieldError(
            attribute.name,
            Text(
                f"{attribute.name} zählt parallele Gruppen und muss zwischen 2 und"
                f" {LARGEST_NUMBER} liegen, angegeben ist {value}",
                f"{attribute.name} counts parallel groups and must be from 2 to"
                f" {LARGEST_NUMBER}, got {value}",
            ),
        )


def _check_not_empty(_: Any, attribute: attrs.Attribute[Any], value: tuple[Any, ...]) -> None:
    if not value:
        raise FieldError(
            attribute.name,
            Text(
                f"{attribute.name} braucht mindestens einen Eintrag",
                f"{attribute.name} needs at least one entry",
            ),
        )


def _check_wording(_: Any, attribute: attrs.Attribute[Any], value: str | bool | None) -> None:
    """A text, ``False`` (print nothing) or ``None`` (the person's own); ``True`` means nothing."""
    if value is True:
        raise FieldError(
            attribute.name,
            Text(
                f"{attribute.name} ist ein Text oder false (nichts drucken), nicht true",
                f"{attribute.name} is a text or false (print nothing), not true",
            ),
        )
    if isinstance(value, str):
        _check_text(_, attribute, value)


# -- vocabularies -------------------------------------------------------------


@attrs.frozen
class Role:
    """What a person does in a session, with a German and an English label.

    The built-in roles are in :data:`ROLES`; a programme declares its own in
    :attr:`Programme.roles`.
    """

    id: str = attrs.field(validator=_check_id)
    de: str = attrs.field(validator=_check_text)
    en: str = attrs.field(validator=_check_text)

    def label(self, language: str) -> str:
        """Return the German label for a German *language* tag, else the English one."""
        return _label(self.de, self.en, language)


@attrs.frozen
class Kind:
    """What kind of block a slot is, with a German and an English label.

    ``is_break`` marks kinds in which nothing is presented (breaks, lunch,
    arrival): exporters show them as free time. The built-in kinds are in
    :data:`KINDS`; a programme declares its own in :attr:`Programme.kinds`.
    """

    id: str = attrs.field(validator=_check_id)
    de: str = attrs.field(validator=_check_text)
    en: str = attrs.field(validator=_check_text)
    is_break: bool = False

    def label(self, language: str) -> str:
        """Return the German label for a German *language* tag, else the English one."""
        return _label(self.de, self.en, language)


def _label(de: str, en: str, language: str) -> str:
    return de if is_german(language) else en


ROLES: Final[tuple[Role, ...]] = (
    Role("keynote", "Keynote", "Keynote"),
    Role("input", "Input", "Input"),
    Role("moderation", "Moderation", "Moderation"),
    Role("speaker", "Vortrag", "Speaker"),
    Role("panel", "Podium", "Panel"),
    Role("welcome", "Grußwort", "Welcome address"),
    Role("host", "Gastgeber*in", "Host"),
    Role("sign-language-interpreting", "Gebärdensprachdolmetschen", "Sign-language interpreting"),
    Role("interpreting", "Dolmetschen", "Interpreting"),
    Role("captioning", "Schriftdolmetschen", "Captioning"),
)
"""The built-in roles."""

KINDS: Final[tuple[Kind, ...]] = (
    Kind("arrival", "Ankommen", "Arrival", is_break=True),
    Kind("welcome", "Begrüßung", "Welcome"),
    Kind("talk", "Vortrag", "Talk"),
    Kind("keynote", "Keynote", "Keynote"),
    Kind("panel", "Podium", "Panel"),
    Kind("discussion", "Diskussion", "Discussion"),
    Kind("plenary", "Plenum", "Plenary"),
    Kind("break", "Pause", "Break", is_break=True),
    Kind("lunch", "Mittagspause", "Lunch", is_break=True),
    Kind("gallery-walk", "Gallery Walk", "Gallery walk"),
    Kind("working-groups", "Arbeitsgruppenphase", "Working groups"),
    Kind("parallel", "Parallele Sessions", "Parallel sessions"),
    Kind("closing", "Abschluss", "Closing"),
    Kind("end", "Veranstaltungsende", "End"),
)
"""The built-in slot kinds. ``end`` is the end marker that closes a day."""

END_KIND: Final = "end"


# -- accessibility: provisions, room facts, settings, the statement --------------------------


@attrs.frozen
class Provision:
    """An accessibility provision a slot or session offers, with a German and an English label.

    The built-in provisions are in :data:`PROVISIONS`; a programme declares its own in
    :attr:`Programme.provisions`, as it declares kinds and roles.
    """

    id: str = attrs.field(validator=_check_id)
    de: str = attrs.field(validator=_check_text)
    en: str = attrs.field(validator=_check_text)

    def label(self, language: str) -> str:
        """Return the German label for a German *language* tag, else the English one."""
        return _label(self.de, self.en, language)


SIGN_LANGUAGE: Final = "sign-language"
"""The provision of sign-language interpretation; its sign language is DGS unless it says."""
INTERPRETATION: Final = "interpretation"
"""The provision of spoken-language interpretation, between the ``languages`` it names."""
INDUCTION_LOOP: Final = "induction-loop"
"""The provision of an induction loop: the room must have one (``Room.induction_loop``)."""
STEP_FREE: Final = "step-free"
"""The provision of step-free access: the room must have it (``Room.step_free``)."""
DEFAULT_SIGN_LANGUAGE: Final = "DGS"
"""The sign language of a ``sign-language`` provision that names none: Deutsche Gebärdensprache."""

PROVISIONS: Final[tuple[Provision, ...]] = (
    Provision(SIGN_LANGUAGE, "Gebärdensprachdolmetschen", "Sign-language interpreting"),
    Provision("captioning", "Schriftdolmetschen", "Live captioning"),
    Provision(INTERPRETATION, "Dolmetschen", "Interpreting"),
    Provision("easy-language", "Leichte Sprache", "Easy-to-read language (Leichte Sprache)"),
    Provision("audio-description", "Audiodeskription", "Audio description"),
    Provision("quiet-room", "Ruheraum", "Quiet room"),
    Provision(INDUCTION_LOOP, "Induktionsschleife", "Induction loop"),
    Provision(STEP_FREE, "Stufenloser Zugang", "Step-free access"),
)
"""The built-in accessibility provisions."""

ROOM_PROVISIONS: Final = {INDUCTION_LOOP: "induction_loop", STEP_FREE: "step_free"}
"""Provisions that are a fact of the room, by the :class:`Room` field that states it."""

SIGN_LANGUAGE_TEAM_MINUTES: Final = 60
"""From how many minutes on sign-language interpreting needs two interpreters, by default."""


class Conformance(enum.StrEnum):
    """How far the page meets the accessibility requirements (BITV 2.0, EN 301 549)."""

    FULL = "full"
    """Vollständig vereinbar: fully compliant."""
    PARTIAL = "partial"
    """Teilweise vereinbar: partially compliant; ``issues`` says what is not."""
    NONE = "none"
    """Nicht vereinbar: not compliant."""


def _check_optional_count(_: Any, attribute: attrs.Attribute[Any], value: int | None) -> None:
    if value is not None and not 0 <= value <= LARGEST_NUMBER:
        raise FieldError(
            attribute.name,
            Text(
                f"{attribute.name} muss zwischen 0 und {LARGEST_NUMBER} liegen,"
                f" angegeben ist {value}",
                f"{attribute.name} must be from 0 to {LARGEST_NUMBER}, got {value}",
            ),
        )


def _check_languages(_: Any, attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
    for tag in value:
        _check_language(_, attribute, tag)
    if len(set(value)) != len(value):
        raise FieldError(
            attribute.name,
            Text(
                f"{attribute.name} nennt eine Sprache zweimal: {list(value)}",
                f"{attribute.name} lists a language twice: {list(value)}",
            ),
        )


@attrs.frozen(kw_only=True)
class Offer:
    """A provision a slot or session offers: ``{ provision = "sign-language" }``.

    ``sign_language`` names the sign language of a ``sign-language`` provision
    (``DGS`` where it names none); ``languages`` are the BCP 47 tags an
    ``interpretation`` interprets between (or a captioning's languages); ``note``
    says more, in the programme's language ("Schriftdolmetschung auf der Leinwand").
    """

    provision: str = attrs.field(validator=_check_id)
    sign_language: str | None = attrs.field(default=None, validator=_check_optional_text)
    languages: tuple[str, ...] = attrs.field(default=(), validator=_check_languages)
    note: str | None = attrs.field(default=None, validator=_check_optional_text)

    @sign_language.validator
    def _check_sign_language(self, attribute: attrs.Attribute[Any], value: str | None) -> None:
        if value is not None and self.provision != SIGN_LANGUAGE:
            raise FieldError(
                attribute.name,
                Text(
                    f"{attribute.name} gehört zur Vorkehrung {SIGN_LANGUAGE!r},"
                    f" nicht zu {self.provision!r}",
                    f"{attribute.name} belongs to the provision {SIGN_LANGUAGE!r},"
                    f" not to {self.provision!r}",
                ),
            )


@attrs.frozen(kw_only=True)
class Settings:
    """The thresholds of the programme's rules, where it wants others than the defaults."""

    sign_language_team_minutes: int = attrs.field(
        default=SIGN_LANGUAGE_TEAM_MINUTES, validator=_check_number
    )
    """Sign-language interpreting longer than this many minutes needs two interpreters (EP802)."""


@attrs.frozen(kw_only=True)
class AccessibilityStatement:
    """The page's accessibility statement and feedback contact (Erklärung zur Barrierefreiheit).

    In the form BITV 2.0 asks for: how far the page conforms, what is not accessible
    and why, when the statement was made, how to report barriers (a feedback
    contact), and where to turn when that gets no answer (the enforcement procedure,
    in Germany the Schlichtungsstelle nach dem BGG).
    """

    conformance: Conformance
    issues: str | None = attrs.field(default=None, validator=_check_optional_text)
    """What is not accessible, and why; in the programme's language."""
    prepared: dt.date | None = attrs.field(
        default=None, validator=attrs.validators.optional(_check_date)
    )
    """When the statement was made or last reviewed."""
    contact_email: str | None = attrs.field(default=None, validator=_check_optional_text)
    contact_phone: str | None = attrs.field(default=None, validator=_check_optional_text)
    contact_url: str | None = attrs.field(default=None, validator=_check_optional_text)
    """A page or form to report barriers."""
    enforcement_url: str | None = attrs.field(default=None, validator=_check_optional_text)
    """The enforcement procedure (Schlichtungsverfahren), such as the Schlichtungsstelle BGG."""


class OrganiserRole(enum.StrEnum):
    """How an organisation takes part in organising the event."""

    HOST = "host"
    """Gives the event (Veranstalter)."""
    PARTNER = "partner"
    """Organises it together with the host (gemeinsam mit)."""
    SPONSOR = "sponsor"
    """Pays for part of it (Sponsor)."""
    SUPPORTER = "supporter"
    """Supports it otherwise (mit Unterstützung von)."""


class Gender(enum.StrEnum):
    """The grammatical gender of an organisation's name, for German articles and cases."""

    FEMININE = "f"
    """die G.I.B.: des/der → der, dem/der → der."""
    MASCULINE = "m"
    """der Landschaftsverband: des, dem."""
    NEUTER = "n"
    """das Ministerium: des, dem."""
    PLURAL = "pl"
    """die Stadtwerke: der, den."""


class OrganisationForm(enum.StrEnum):
    """Which of an organisation's names a person's line prints."""

    SHORT = "short"
    """The short name where there is one (``MAGS``), else the name: the default."""
    LONG = "long"
    """The full name (``Ministerium für Arbeit, Gesundheit und Soziales …``)."""


Omitted = Literal[False]
"""``false`` in the source: print nothing here, though the person has one."""


class Layout(enum.StrEnum):
    """How the web page lays out the days: chosen by the programme's shape, or set."""

    AUTO = "auto"
    """The document layout for a small programme, the timetable for a large one: the default
    (``eventprogram.exporters.html.choose_layout`` says where the line is)."""
    DOCUMENT = "document"
    """The printed programme: slot after slot, parallel sessions side by side."""
    TIMETABLE = "timetable"
    """Per day a table of rooms by time; texts folded away."""


class ImageKind(enum.StrEnum):
    """What an image is for."""

    LOGO = "logo"
    PICTURE = "picture"


# -- people and places ----------------------------------------------------------


@attrs.frozen(kw_only=True)
class Organisation:
    """An organisation: a host, a partner, or where a person works."""

    id: str = attrs.field(validator=_check_id)
    name: str = attrs.field(validator=_check_text)
    short_name: str | None = attrs.field(default=None, validator=_check_optional_text)
    url: str | None = attrs.field(default=None, validator=_check_optional_text)
    gender: Gender | None = None
    """The grammatical gender of its name: German organiser lines then use articles."""
    genitive: str | None = attrs.field(default=None, validator=_check_optional_text)
    """Its name after ``des``/``der`` where it changes (``Ministeriums für …``)."""
    dative: str | None = attrs.field(default=None, validator=_check_optional_text)
    """Its name after ``dem``/``der`` where it changes (``Deutschen Institut für …``)."""

    @property
    def display_name(self) -> str:
        """The short name where there is one (``MAGS``), else the name."""
        return self.short_name or self.name


@attrs.frozen(kw_only=True)
class Person:
    """A person who appears in the programme.

    ``function`` is what the person is (``Staatssekretär``, ``Chief Digital
    Officer``); ``organisation`` the id of where they are it; ``place`` the town
    printed after them (``Hamburg``). ``prefix`` is a title that is no academic
    degree (``Pfarrer``, ``Superintendentin i.R.``): as in German address lines
    it comes first, before the honorific (``Pfarrer Dr. Jan Brandt``).
    """

    id: str = attrs.field(validator=_check_id)
    prefix: str | None = attrs.field(default=None, validator=_check_optional_text)
    honorific: str | None = attrs.field(default=None, validator=_check_optional_text)
    given_name: str | None = attrs.field(default=None, validator=_check_optional_text)
    family_name: str = attrs.field(validator=_check_text)
    function: str | None = attrs.field(default=None, validator=_check_optional_text)
    organisation: str | None = attrs.field(default=None, validator=_check_optional_id)
    place: str | None = attrs.field(default=None, validator=_check_optional_text)

    @property
    def name(self) -> str:
        """The full name as printed: ``Prof. Dr. Ute Klammer``, ``Pfarrer Dr. Jan Brandt``."""
        parts = (self.prefix, self.honorific, self.given_name, self.family_name)
        return " ".join(p.strip() for p in parts if p)


@attrs.frozen(kw_only=True)
class Room:
    """A room of the venue."""

    id: str = attrs.field(validator=_check_id)
    name: str = attrs.field(validator=_check_text)
    capacity: int | None = attrs.field(default=None, validator=_check_number)
    description: str | None = attrs.field(default=None, validator=_check_optional_text)
    step_free: bool | None = None
    """Whether it can be reached without steps; ``None``: not said."""
    induction_loop: bool | None = None
    """Whether it has an induction loop for hearing aids; ``None``: not said."""
    wheelchair_places: int | None = attrs.field(default=None, validator=_check_optional_count)
    """How many places for wheelchair users it has; ``None``: not said."""
    accessibility: str | None = attrs.field(default=None, validator=_check_optional_text)
    """More about its access, in words ("Eingang über den Hof, Aufzug bis 2. OG")."""

    def has(self, provision: str) -> bool | None:
        """Whether the room has what *provision* needs of it (``None``: it does not say).

        Only the provisions of :data:`ROOM_PROVISIONS` are facts of a room; for any
        other the answer is ``None``.
        """
        field = ROOM_PROVISIONS.get(provision)
        if field is None:
            return None
        fact: bool | None = getattr(self, field)
        return fact


@attrs.frozen(kw_only=True)
class Venue:
    """Where the event takes place."""

    name: str = attrs.field(validator=_check_text)
    city: str | None = attrs.field(default=None, validator=_check_optional_text)
    street: str | None = attrs.field(default=None, validator=_check_optional_text)
    postal_code: str | None = attrs.field(default=None, validator=_check_optional_text)
    country: str | None = attrs.field(default=None, validator=_check_optional_text)
    """ISO 3166-1 alpha-2 code, such as ``DE``."""
    url: str | None = attrs.field(default=None, validator=_check_optional_text)
    rooms: tuple[Room, ...] = ()


@attrs.frozen(kw_only=True)
class Organiser:
    """An organisation and how it organises the event."""

    organisation: str = attrs.field(validator=_check_id)
    role: OrganiserRole = OrganiserRole.HOST


@attrs.frozen(kw_only=True)
class Image:
    """A logo or picture of the programme.

    ``alt`` is the text alternative; an empty ``alt`` marks a decorative image.
    ``src`` is a path relative to the source file or a URL; it may be left out
    until the file is at hand, and exporters then show no image.
    """

    id: str = attrs.field(validator=_check_id)
    kind: ImageKind = ImageKind.PICTURE
    src: str | None = attrs.field(default=None, validator=_check_optional_text)
    alt: str
    organisation: str | None = attrs.field(default=None, validator=_check_optional_id)


# -- the schedule -----------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Link:
    """A link that belongs to a slot or session: slides, a recording, a page."""

    url: str = attrs.field(validator=_check_text)
    title: str | None = attrs.field(default=None, validator=_check_optional_text)


@attrs.frozen(kw_only=True)
class Contribution:
    """A person in a session, with one or more roles, and how they are named there.

    "Input und Moderation" is one contribution with the roles ``input`` and
    ``moderation``. ``function`` and ``organisation`` are printed in this place
    instead of the person's own (``false``: nothing); ``organisation_form`` says
    which of the organisation's names to print. The person stays one person:
    the wording changes no rule's view of who they are.
    """

    person: str = attrs.field(validator=_check_id)
    roles: tuple[str, ...] = attrs.field()
    function: str | Omitted | None = attrs.field(default=None, validator=_check_wording)
    """The function as printed here, instead of the person's; ``False`` prints none."""
    organisation: str | Omitted | None = attrs.field(default=None, validator=_check_wording)
    """The organisation as printed here, instead of its name; ``False`` prints none."""
    organisation_form: OrganisationForm | None = attrs.field(default=None)
    """Which of the organisation's names to print here: ``short`` (the default) or ``long``."""

    @organisation_form.validator
    def _check_form(self, attribute: attrs.Attribute[Any], value: OrganisationForm | None) -> None:
        if value is not None and self.organisation is not None:
            raise FieldError(
                attribute.name,
                Text(
                    f"{attribute.name} wählt einen Namen der Organisation;"
                    " hier gibt organisation schon den Text vor: eines von beiden weglassen",
                    f"{attribute.name} picks one of the organisation's names;"
                    " organisation already gives the text here: leave out one of them",
                ),
            )

    @roles.validator
    def _check_roles(self, attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
        if not value:
            built_in = ", ".join(role.id for role in ROLES)
            raise FieldError(
                attribute.name,
                Text(
                    f"{attribute.name} nennt keine Rolle: jede Person hier braucht mindestens"
                    f' eine, etwa roles = ["speaker"] (eingebaut: {built_in})',
                    f"{attribute.name} names no role: each person here needs at least one,"
                    f' such as roles = ["speaker"] (built in: {built_in})',
                ),
            )
        for role in value:
            _check_id(self, attribute, role)
        if len(set(value)) != len(value):
            raise FieldError(
                attribute.name,
                Text(
                    f"{attribute.name} nennt eine Rolle zweimal: {list(value)}",
                    f"{attribute.name} lists a role twice: {list(value)}",
                ),
            )


def _check_offers(_: Any, attribute: attrs.Attribute[Any], value: tuple[Offer, ...] | None) -> None:
    if value is None:
        return
    named = [offer.provision for offer in value]
    if len(set(named)) != len(named):
        raise FieldError(
            attribute.name,
            Text(
                f"{attribute.name} nennt eine Vorkehrung zweimal: {named}",
                f"{attribute.name} lists a provision twice: {named}",
            ),
        )


@attrs.frozen(kw_only=True)
class Session:
    """What happens in a slot, or one of several things that happen in parallel.

    A slot with one thing in it needs no session: its own people and room say
    it. A slot with parallel tracks (the working-group phase) holds one session
    per track; a session may hold sub-sessions (AG 3's two Kleingruppen).
    ``start`` and ``end`` default to those of the enclosing slot or session.
    """

    id: str = attrs.field(validator=_check_id)
    title: str = attrs.field(validator=_check_text)
    number: int | None = attrs.field(default=None, validator=_check_number)
    subtitle: str | None = attrs.field(default=None, validator=_check_optional_text)
    cancelled: bool = False
    """It is called off ("abgesagt"), and stays in the programme so that readers see it is.

    A session inside a cancelled slot or session is cancelled too (see :attr:`Item.cancelled`)."""
    description: str | None = attrs.field(default=None, validator=_check_optional_text)
    kind: str | None = attrs.field(default=None, validator=_check_optional_id)
    """What sort of session it is, when it is not what its slot is (a workshop among talks)."""
    room: str | None = attrs.field(default=None, validator=_check_optional_id)
    start: dt.datetime | None = attrs.field(default=None, validator=_check_naive)
    end: dt.datetime | None = attrs.field(default=None, validator=_check_naive)
    track: str | None = attrs.field(default=None, validator=_check_optional_text)
    """The track or theme it belongs to, as conference tools name it."""
    language: str | None = attrs.field(default=None, validator=_check_optional_language)
    """The language it is held in, when it differs from the programme's or is worth saying."""
    url: str | None = attrs.field(default=None, validator=_check_optional_text)
    """Its own page, for instance on the conference tool it came from."""
    links: tuple[Link, ...] = ()
    people: tuple[Contribution, ...] = ()
    groups: int | None = attrs.field(default=None, validator=_check_groups)
    """How many unnamed parallel groups it splits into ("in drei Gruppen"), where it says so."""
    sessions: tuple[Session, ...] = ()
    provisions: tuple[Offer, ...] | None = attrs.field(default=None, validator=_check_offers)
    """The accessibility provisions it offers; ``None``: those of what holds it, ``[]``: none."""

    def walk(self) -> Iterator[Session]:
        """Yield this session and all its sub-sessions, depth first."""
        yield self
        for sub in self.sessions:
            yield from sub.walk()


@attrs.frozen(kw_only=True)
class Slot:
    """A block of time in a day: arrival, a keynote, lunch, the working-group phase.

    Times are local wall-clock times in the programme's time zone, without an
    offset. ``end`` may be left out: the slot then ends where the next one
    begins (:meth:`Day.end_of`). A slot of kind ``end`` marks the end of the day.
    ``open_start`` makes the start a "from" time; ``groups`` counts parallel
    groups that have no names, in place of sessions.
    """

    id: str = attrs.field(validator=_check_id)
    kind: str = attrs.field(validator=_check_id)
    title: str = attrs.field(validator=_check_text)
    subtitle: str | None = attrs.field(default=None, validator=_check_optional_text)
    start: dt.datetime = attrs.field(validator=_check_naive)
    end: dt.datetime | None = attrs.field(default=None, validator=_check_naive)
    open_start: bool = False
    """It runs from ``start`` on and people join when they come: "ab 14:00 Uhr Anmeldung"."""
    cancelled: bool = False
    """It is called off ("abgesagt"), with every session in it, and stays in the programme."""
    description: str | None = attrs.field(default=None, validator=_check_optional_text)
    room: str | None = attrs.field(default=None, validator=_check_optional_id)
    track: str | None = attrs.field(default=None, validator=_check_optional_text)
    """The track or theme it belongs to, as conference tools name it."""
    language: str | None = attrs.field(default=None, validator=_check_optional_language)
    """The language it is held in, when it differs from the programme's or is worth saying."""
    url: str | None = attrs.field(default=None, validator=_check_optional_text)
    """Its own page, for instance on the conference tool it came from."""
    links: tuple[Link, ...] = ()
    people: tuple[Contribution, ...] = ()
    groups: int | None = attrs.field(default=None, validator=_check_groups)
    """How many unnamed parallel groups it splits into ("in drei Gruppen"), where it says so."""
    sessions: tuple[Session, ...] = ()
    provisions: tuple[Offer, ...] | None = attrs.field(default=None, validator=_check_offers)
    """The accessibility provisions it offers; ``None``: those of what holds it, ``[]``: none."""

    def walk_sessions(self) -> Iterator[Session]:
        """Yield every session of this slot and their sub-sessions, depth first."""
        for session in self.sessions:
            yield from session.walk()


@attrs.frozen(kw_only=True)
class Day:
    """One day of the programme and its slots, in the order they happen."""

    date: dt.date = attrs.field(validator=_check_date)
    slots: tuple[Slot, ...] = ()
    title: str | None = attrs.field(default=None, validator=_check_optional_text)

    def ends(self) -> tuple[dt.datetime | None, ...]:
        """Return when each slot ends, in the order of :attr:`slots`.

        A slot's own ``end`` if it has one; its start for the end marker; else the
        start of the next slot that starts later; else ``None`` (an open end).
        """
        starts = sorted({s.start for s in self.slots})
        following = dict(itertools.zip_longest(starts, starts[1:]))
        return tuple(
            s.end if s.end is not None else s.start if s.kind == END_KIND else following[s.start]
            for s in self.slots
        )

    def end_of(self, slot: Slot) -> dt.datetime | None:
        """Return when *slot*, one of this day's, ends (see :meth:`ends`).

        Raises:
            ValueError: The slot is not one of this day's.
        """
        return self.ends()[self.slots.index(slot)]

    @property
    def start(self) -> dt.datetime | None:
        """When the first slot of the day starts."""
        return min((s.start for s in self.slots), default=None)

    @property
    def end(self) -> dt.datetime | None:
        """When the day ends: the latest known end of its slots."""
        return max((e for e in self.ends() if e is not None), default=None)


@attrs.frozen(kw_only=True)
class Programme:
    """An event programme over one or more days.

    People, organisations, rooms, custom roles and kinds are defined once and
    referenced by id from the schedule.
    """

    id: str = attrs.field(validator=_check_id)
    title: str = attrs.field(validator=_check_text)
    subtitle: str | None = attrs.field(default=None, validator=_check_optional_text)
    description: str | None = attrs.field(default=None, validator=_check_optional_text)
    url: str | None = attrs.field(default=None, validator=_check_optional_text)
    """The event's own web page: where people read about the event (not this programme's page)."""
    page_url: str | None = attrs.field(default=None, validator=_check_optional_text)
    """Where the generated programme page will be published: its links to items (``#ag3``)."""
    language: str = attrs.field(default="de", validator=_check_language)
    timezone: str = attrs.field(default="Europe/Berlin", validator=_check_zone)
    revision: dt.datetime | None = attrs.field(default=None, validator=_check_aware)
    """When this version of the programme was made; exporters stamp it instead of the clock."""
    version: str | None = attrs.field(default=None, validator=_check_optional_text)
    """The version label of this programme, as schedules carry it: ``"1.2"``, ``"Fahrplan 0.9"``."""
    credit: str | None = attrs.field(default=None, validator=_check_optional_text)
    """The organisers as they are to be printed, when a generated line won't do."""
    venue: Venue
    organisers: tuple[Organiser, ...] = ()
    images: tuple[Image, ...] = ()
    days: tuple[Day, ...] = attrs.field(validator=_check_not_empty)
    organisations: tuple[Organisation, ...] = ()
    people: tuple[Person, ...] = ()
    roles: tuple[Role, ...] = ()
    """Roles of this programme beyond the built-in :data:`ROLES`."""
    kinds: tuple[Kind, ...] = ()
    """Slot kinds of this programme beyond the built-in :data:`KINDS`."""
    disabled_rules: tuple[str, ...] = ()
    """Validation rules switched off for this programme, by name (``gap``) or code (``EP701``)."""
    provisions: tuple[Provision, ...] = ()
    """Accessibility provisions of this programme beyond the built-in :data:`PROVISIONS`."""
    settings: Settings = attrs.field(factory=Settings)
    """The thresholds of its rules."""
    accessibility_statement: AccessibilityStatement | None = None
    """The page's accessibility statement and feedback contact, where the page is to carry one."""
    layout: Layout = Layout.AUTO
    """How the web page lays out the days; ``auto`` chooses by the programme's shape."""

    @functools.cached_property
    def _index(self) -> _Index:
        """Everything defined once, by id: made on first use, so lookups take constant time."""
        return _Index(self)

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        """The programme's time zone."""
        return zoneinfo.ZoneInfo(self.timezone)

    def localize(self, wall_clock: dt.datetime) -> dt.datetime:
        """Attach the programme's time zone to a wall-clock time of this programme."""
        return wall_clock.replace(tzinfo=self.zone)

    def person(self, id: str) -> Person:  # noqa: A002 -- the domain's word
        """Return the person with *id*.

        Raises:
            KeyError: There is none.
        """
        return self._index.people[id]

    def organisation(self, id: str) -> Organisation:  # noqa: A002 -- the domain's word
        """Return the organisation with *id*.

        Raises:
            KeyError: There is none.
        """
        return self._index.organisations[id]

    def room(self, id: str) -> Room:  # noqa: A002 -- the domain's word
        """Return the room with *id*.

        Raises:
            KeyError: There is none.
        """
        return self._index.rooms[id]

    def role(self, id: str) -> Role:  # noqa: A002 -- the domain's word
        """Return the role with *id*, the programme's own before the built-in ones.

        Raises:
            KeyError: There is none.
        """
        return self._index.roles[id]

    def provision(self, id: str) -> Provision:  # noqa: A002 -- the domain's word
        """Return the provision with *id*, the programme's own before the built-in ones.

        Raises:
            KeyError: There is none.
        """
        return self._index.provisions[id]

    def kind(self, id: str) -> Kind:  # noqa: A002 -- the domain's word
        """Return the slot kind with *id*, the programme's own before the built-in ones.

        Raises:
            KeyError: There is none.
        """
        return self._index.kinds[id]

    @property
    def start(self) -> dt.datetime | None:
        """When the programme starts, as wall-clock time."""
        return min((s for d in self.days if (s := d.start) is not None), default=None)

    @property
    def end(self) -> dt.datetime | None:
        """When the programme ends, as wall-clock time."""
        return max((e for d in self.days if (e := d.end) is not None), default=None)


def is_language_tag(text: str) -> bool:
    """Whether *text* is a BCP 47 language tag as the model takes them: ``de``, ``en-GB``."""
    return _LANGUAGE_PATTERN.fullmatch(text) is not None


class _Index:
    """A programme's definitions by id; where an id is defined twice, the first counts."""

    __slots__ = ("kinds", "organisations", "people", "provisions", "roles", "rooms")

    def __init__(self, programme: Programme) -> None:
        self.people = _first_by_id(programme.people)
        self.organisations = _first_by_id(programme.organisations)
        self.rooms = _first_by_id(programme.venue.rooms)
        self.roles = _first_by_id((*programme.roles, *ROLES))
        self.kinds = _first_by_id((*programme.kinds, *KINDS))
        self.provisions = _first_by_id((*programme.provisions, *PROVISIONS))


_Item = TypeVar("_Item", Person, Organisation, Room, Role, Kind, Provision)


def _first_by_id(items: tuple[_Item, ...]) -> dict[str, _Item]:
    return {item.id: item for item in reversed(items)}
