"""Hypothesis strategies that generate valid programmes, for eventprogram and its plugins.

Install with the ``test`` extra (it brings hypothesis). Every programme drawn
from :func:`programmes` is valid: ids are unique, every reference resolves,
slots of a day follow one another without overlap, sessions lie inside their
slot, nobody is in two places at once, no room holds two sessions at once, and
every time lies between 07:00 and 22:00, far from the hours at which clocks
change. Text is German where it can be: umlauts, ß, en dashes, gender stars.

Example:
    >>> from hypothesis import given
    >>> from eventprogram.testing import programmes
    >>> @given(programmes())
    ... def test_round_trip(programme): ...
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
from typing import Any, Final

import attrs
from hypothesis import strategies as st

from ._model import (
    END_KIND,
    INDUCTION_LOOP,
    INTERPRETATION,
    KINDS,
    PROVISIONS,
    ROLES,
    ROOM_PROVISIONS,
    SIGN_LANGUAGE,
    STEP_FREE,
    AccessibilityStatement,
    Conformance,
    Contribution,
    Day,
    Gender,
    Image,
    ImageKind,
    Kind,
    Link,
    Offer,
    Organisation,
    OrganisationForm,
    Organiser,
    OrganiserRole,
    Person,
    Programme,
    Provision,
    Role,
    Room,
    Session,
    Settings,
    Slot,
    Venue,
)

__all__ = ["congresses", "ids", "programmes", "texts"]

_WORDS: Final = (
    "Sozialplanung",
    "Akteur*innen",
    "Teilnehmer*innen",
    "Straße",
    "Übergänge",
    "Größe",
    "Maßnahmen",
    "Bürger*innen",
    "Beteiligung",
    "Gemeinsam",
    "Zukunft",
    "Ärztin",
    "Öffentlichkeit",
    "Grußwort",
    "–",
    "und",
    "für",
)
_ALPHABET: Final = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    "äöüÄÖÜß–—*„“‚‘»«’.,:;!?/()&'\"-+°§ "
)
_HONORIFICS: Final = (None, None, None, "Dr.", "Prof. Dr.", "Prof.", "Dr. med.")
_PREFIXES: Final = (None, None, None, None, "Pfarrer", "Superintendentin i.R.")
_GENDERS: Final = (None, *Gender)
_FORMS: Final = (None, None, *OrganisationForm)
_ZONES: Final = ("Europe/Berlin", "Europe/Vienna", "Europe/Zurich", "UTC", "America/New_York")
_DAY_START: Final = 7 * 60  # minutes after midnight
_DAY_END: Final = 22 * 60
_STEP: Final = 5
_PLACEHOLDER: Final = "x"  # replaced by unique ids once the programme's shape is known
_PLAIN_KINDS: Final = tuple(k.id for k in KINDS if k.id not in {END_KIND, "working-groups"})


@attrs.define
class _Pool:
    """The people and rooms still free in the slot being drawn: nobody is used twice."""

    people: list[str]
    rooms: list[str]

    def room(self, draw: st.DrawFn) -> str | None:
        use = draw(st.booleans())
        return self.rooms.pop(0) if use and self.rooms else None


@attrs.frozen
class _Vocabulary:
    """What the schedule of a programme may refer to."""

    people: tuple[str, ...]
    rooms: tuple[str, ...]
    roles: tuple[str, ...]
    kinds: tuple[str, ...]
    provisions: tuple[str, ...] = ()
    """Provisions any item with a room may offer (not those a room must have)."""
    room_provisions: dict[str, tuple[str, ...]] = attrs.field(factory=dict)
    """The room provisions each room has: an item in it may promise those."""
    sign_language_minutes: int = 60
    """The longest sign-language interpreting that needs no team (the settings' limit)."""


# Strategies are immutable, and building one costs more than drawing from it (hypothesis
# validates each new strategy): they are built once, and the private helpers below are plain
# functions over ``draw``, not composite strategies built anew for every slot and session.
@functools.cache
def texts(*, max_size: int = 24) -> st.SearchStrategy[str]:
    """Non-empty text, German where it can be: umlauts, ß, en dashes, gender stars."""
    words = st.lists(st.sampled_from(_WORDS), min_size=1, max_size=4).map(" ".join)
    chars = st.text(_ALPHABET, min_size=1, max_size=max_size)
    return st.one_of(words, chars).filter(lambda text: bool(text.strip()))


@functools.cache
def ids() -> st.SearchStrategy[str]:
    """Short, human-readable ids such as ``schmidt-gabi`` or ``ag3``.

    The language of ``[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,5}){0,2}``, built from plain text
    strategies: ``st.from_regex`` is several times slower to draw from.
    """
    return st.tuples(st.sampled_from(_LOWER), st.text(_LOWER_DIGITS, max_size=6), _ID_PARTS).map(
        lambda parts: "-".join((parts[0] + parts[1], *parts[2]))
    )


_LOWER: Final = "abcdefghijklmnopqrstuvwxyz"
_LOWER_DIGITS: Final = _LOWER + "0123456789"
_ID_PARTS: Final = st.lists(st.text(_LOWER_DIGITS, min_size=1, max_size=5), max_size=2)
_POSTAL_CODES: Final = st.text("0123456789", min_size=5, max_size=5)
_SESSION_KINDS: Final = st.sampled_from((None, None, "talk", "panel"))
_LANGUAGES: Final = st.sampled_from((None, "de", "en", "fr-CH"))
_GROUPS: Final = st.sampled_from((None, None, 2, 3, 12, 13))
"""Counts of unnamed groups: none, in words (up to twelve) and in digits."""
_MARKS: Final = st.lists(
    st.integers(_DAY_START // _STEP, _DAY_END // _STEP), min_size=2, max_size=6, unique=True
)


@functools.cache
def _optional(strategy: st.SearchStrategy[str]) -> st.SearchStrategy[str | None]:
    return st.none() | strategy


@functools.cache
def _permutations(values: tuple[str, ...]) -> st.SearchStrategy[list[str]]:
    return st.permutations(values)


@functools.cache
def _sampled(values: tuple[str, ...]) -> st.SearchStrategy[str]:
    return st.sampled_from(values)


@functools.cache
def _some_of(values: tuple[str, ...]) -> st.SearchStrategy[list[str]]:
    return st.lists(st.sampled_from(values), min_size=1, max_size=2, unique=True)


@functools.cache
def _talk_urls() -> st.SearchStrategy[str | None]:
    return st.none() | ids().map("https://example.org/talk/{}".format)


@functools.cache
def _unique_ids(*, min_size: int = 0, max_size: int | None = None) -> st.SearchStrategy[list[str]]:
    return st.lists(ids(), min_size=min_size, max_size=max_size, unique=True)


def _organisations(draw: st.DrawFn) -> tuple[Organisation, ...]:
    keys = draw(_unique_ids(min_size=1, max_size=4))
    return tuple(
        Organisation(
            id=key,
            name=draw(texts()),
            short_name=draw(_optional(texts(max_size=10))),
            url=draw(st.sampled_from([None, f"https://example.org/{key}"])),
            gender=draw(st.sampled_from(_GENDERS)),
            genitive=draw(_optional(texts(max_size=10))),
            dative=draw(_optional(texts(max_size=10))),
        )
        for key in keys
    )


def _people(draw: st.DrawFn, organisations: tuple[str, ...]) -> tuple[Person, ...]:
    keys = draw(_unique_ids(min_size=1, max_size=8))
    return tuple(
        Person(
            id=key,
            prefix=draw(st.sampled_from(_PREFIXES)),
            honorific=draw(st.sampled_from(_HONORIFICS)),
            given_name=draw(_optional(texts(max_size=20))),
            family_name=draw(texts(max_size=20)),
            function=draw(_optional(texts())),
            organisation=draw(st.none() | st.sampled_from(organisations)),
            place=draw(_optional(texts(max_size=12))),
        )
        for key in keys
    )


def _contributions(
    draw: st.DrawFn, pool: _Pool, roles: tuple[str, ...]
) -> tuple[Contribution, ...]:
    """Take people from *pool*, so that nobody appears twice in one slot."""
    count = draw(st.integers(0, min(3, len(pool.people))))
    taken, pool.people[:] = pool.people[:count], pool.people[count:]
    return tuple(
        Contribution(
            person=person,
            roles=tuple(draw(_some_of(roles))),
            **draw(_wordings()),
        )
        for person in taken
    )


@st.composite
def _wordings(draw: st.DrawFn) -> dict[str, Any]:
    """A contribution's own wording, mostly none: a function, an organisation or its form."""
    wording: dict[str, Any] = {}
    if draw(st.integers(0, 3)) == 0:
        wording["function"] = draw(st.just(False) | texts())
    organisation = draw(st.sampled_from((None, None, None, False, "text")))
    if organisation == "text":
        wording["organisation"] = draw(texts())
    elif organisation is False:
        wording["organisation"] = False
    else:
        wording["organisation_form"] = draw(st.sampled_from(_FORMS))
    return wording


def _sessions(  # noqa: PLR0913 -- what a session is drawn from
    draw: st.DrawFn,
    span: tuple[dt.datetime, dt.datetime],
    pool: _Pool,
    roles: tuple[str, ...],
    depth: int,
    *,
    vocabulary: _Vocabulary | None = None,
) -> tuple[Session, ...]:
    """Parallel sessions in *span*; each may hold sub-sessions, one level deep."""
    count = draw(st.integers(2 if depth == 0 else 1, 4 if depth == 0 else 2))
    sessions = []
    for number in range(1, count + 1):
        start, end = span
        timed = draw(st.booleans())
        if timed:
            start, end = _sub_span(draw, span)
        sub: tuple[Session, ...] = ()
        if depth == 0 and draw(st.booleans()):
            sub = _sessions(draw, (start, end), pool, roles, depth + 1, vocabulary=vocabulary)
        room = pool.room(draw)
        sessions.append(
            Session(
                id=_PLACEHOLDER,
                title=draw(texts()),
                number=number if draw(st.booleans()) else None,
                subtitle=draw(_optional(texts())),
                description=draw(_optional(texts(max_size=80))),
                kind=draw(_SESSION_KINDS),
                room=room,
                start=start if timed else None,
                end=end if timed else None,
                people=_contributions(draw, pool, roles),
                groups=None if sub else draw(_GROUPS),
                sessions=sub,
                provisions=None
                if sub or vocabulary is None
                else _offers(draw, vocabulary, room, end - start),
                **_extras(draw),
            )
        )
    return tuple(sessions)


def _extras(draw: st.DrawFn) -> dict[str, Any]:
    """What conference tools add to a slot or session: track, language, page and links."""
    if not draw(st.booleans()):
        return {}
    return {
        "track": draw(_optional(texts(max_size=15))),
        "language": draw(_LANGUAGES),
        "url": draw(_talk_urls()),
        "links": tuple(
            Link(url=f"https://example.org/{key}", title=draw(_optional(texts(max_size=15))))
            for key in draw(_unique_ids(max_size=2))
        ),
    }


_SIGN_LANGUAGES: Final = st.sampled_from((None, "DGS", "ÖGS", "International Sign"))


def _offers(
    draw: st.DrawFn, vocabulary: _Vocabulary, room: str | None, length: dt.timedelta
) -> tuple[Offer, ...] | None:
    """Provisions an item with nothing inside it offers, such that no rule finds fault.

    Only an item with a room of its own offers any (else EP803); a room's provision only
    where its room has it (else EP801); sign-language interpreting only as long as needs
    no team (else EP802). ``None`` (say nothing) or ``()`` (say "none") otherwise.
    """
    if room is None or not draw(st.booleans()):
        return draw(st.sampled_from((None, ())))
    choices = list(vocabulary.provisions) + list(vocabulary.room_provisions.get(room, ()))
    if length <= dt.timedelta(minutes=vocabulary.sign_language_minutes):
        choices.append(SIGN_LANGUAGE)
    offers = []
    for provision in draw(_some_of(tuple(choices))):
        languages: tuple[str, ...] = ()
        if provision == INTERPRETATION:
            languages = tuple(draw(st.lists(_SPOKEN, max_size=3, unique=True)))
        offers.append(
            Offer(
                provision=provision,
                sign_language=draw(_SIGN_LANGUAGES) if provision == SIGN_LANGUAGE else None,
                languages=languages,
                note=draw(_optional(texts(max_size=30))),
            )
        )
    return tuple(offers)


_SPOKEN: Final = st.sampled_from(("de", "en", "fr", "tr", "uk", "ar"))


def _rooms(draw: st.DrawFn, room_ids: list[str]) -> tuple[Room, ...]:
    """Rooms with or without the facts of their access."""
    facts = st.sampled_from((None, True, False))
    return tuple(
        Room(
            id=r,
            name=draw(texts()),
            capacity=draw(st.none() | st.integers(1, 500)),
            step_free=draw(facts),
            induction_loop=draw(facts),
            wheelchair_places=draw(st.none() | st.integers(0, 20)),
            accessibility=draw(_optional(texts(max_size=40))),
        )
        for r in room_ids
    )


def _statement(draw: st.DrawFn) -> AccessibilityStatement | None:
    if not draw(st.booleans()):
        return None
    return AccessibilityStatement(
        conformance=draw(st.sampled_from(Conformance)),
        issues=draw(_optional(texts(max_size=80))),
        prepared=draw(st.none() | st.dates(dt.date(2020, 1, 1), dt.date(2035, 12, 31))),
        contact_email=draw(st.sampled_from((None, "barrierefreiheit@example.org"))),
        contact_phone=draw(st.sampled_from((None, "+49 211 123456"))),
        contact_url=draw(st.sampled_from((None, "https://example.org/barriere-melden"))),
        enforcement_url=draw(st.sampled_from((None, "https://www.schlichtungsstelle-bgg.de/"))),
    )


def _sub_span(
    draw: st.DrawFn, span: tuple[dt.datetime, dt.datetime]
) -> tuple[dt.datetime, dt.datetime]:
    steps = int((span[1] - span[0]).total_seconds() // 60 // _STEP)
    first = draw(st.integers(0, steps - 1))
    last = draw(st.integers(first + 1, steps))
    step = dt.timedelta(minutes=_STEP)
    return span[0] + first * step, span[0] + last * step


def _day(draw: st.DrawFn, date: dt.date, vocabulary: _Vocabulary) -> Day:
    midnight = dt.datetime.combine(date, dt.time())
    marks = draw(_MARKS)
    times = [midnight + dt.timedelta(minutes=m * _STEP) for m in sorted(marks)]
    with_marker = draw(st.booleans())
    slots = []
    for index, (start, following) in enumerate(itertools.pairwise(times)):
        # An open end runs to the next slot; an explicit one may leave a gap.
        last = index == len(times) - 2
        explicit = draw(st.booleans()) or (last and not with_marker)
        end = _sub_span(draw, (start, following))[1] if explicit else following
        pool = _Pool(
            people=list(draw(_permutations(vocabulary.people))),
            rooms=list(draw(_permutations(vocabulary.rooms))),
        )
        parallel = draw(st.integers(0, 3)) == 0
        room = pool.room(draw)
        slots.append(
            Slot(
                id=_PLACEHOLDER,
                kind="working-groups" if parallel else draw(_sampled(vocabulary.kinds)),
                title=draw(texts()),
                subtitle=draw(_optional(texts())),
                start=start,
                end=end if explicit else None,
                open_start=draw(st.booleans()),
                description=draw(_optional(texts(max_size=80))),
                room=room,
                people=_contributions(draw, pool, vocabulary.roles),
                groups=None if parallel else draw(_GROUPS),
                sessions=(
                    _sessions(draw, (start, end), pool, vocabulary.roles, 0, vocabulary=vocabulary)
                    if parallel
                    else ()
                ),
                provisions=None if parallel else _offers(draw, vocabulary, room, end - start),
                **_extras(draw),
            )
        )
    if with_marker:
        slots.append(Slot(id=_PLACEHOLDER, kind=END_KIND, title=draw(texts()), start=times[-1]))
    return Day(date=date, title=draw(_optional(texts())), slots=tuple(slots))


def _with_ids(days: list[Day], names: list[str]) -> tuple[Day, ...]:
    """Give every slot and session an id from *names*, in order."""
    pool = iter(names)

    def session(s: Session) -> Session:
        return attrs.evolve(s, id=next(pool), sessions=tuple(map(session, s.sessions)))

    def slot(s: Slot) -> Slot:
        return attrs.evolve(s, id=next(pool), sessions=tuple(map(session, s.sessions)))

    return tuple(attrs.evolve(d, slots=tuple(map(slot, d.slots))) for d in days)


def _count(days: list[Day]) -> int:
    def count(sessions: tuple[Session, ...]) -> int:
        return sum(1 + count(s.sessions) for s in sessions)

    return sum(1 + count(slot.sessions) for day in days for slot in day.slots)


@st.composite
def programmes(draw: st.DrawFn, *, max_days: int = 3) -> Programme:
    """Valid programmes: several days, parallel sessions with sub-sessions, people in roles.

    Args:
        draw: Supplied by hypothesis.
        max_days: The most days a programme has.
    """
    organisations = _organisations(draw)
    org_ids = tuple(o.id for o in organisations)
    people = _people(draw, org_ids)
    room_ids = draw(_unique_ids(max_size=4))
    rooms = _rooms(draw, room_ids)
    custom_provisions = tuple(
        Provision(f"x-{key}", draw(texts(max_size=15)), draw(texts(max_size=15)))
        for key in draw(_unique_ids(max_size=2))
    )
    limits = draw(st.sampled_from((None, 30, 90, 600)))
    programme_settings = (
        Settings() if limits is None else Settings(sign_language_team_minutes=limits)
    )
    custom_roles = tuple(
        Role(f"x-{key}", draw(texts(max_size=15)), draw(texts(max_size=15)))
        for key in draw(_unique_ids(max_size=2))
    )
    custom_kinds = tuple(
        Kind(f"x-{key}", draw(texts(max_size=15)), draw(texts(max_size=15)), draw(st.booleans()))
        for key in draw(_unique_ids(max_size=2))
    )
    roles = tuple(r.id for r in (*ROLES, *custom_roles))
    kinds = (*_PLAIN_KINDS, *(k.id for k in custom_kinds))
    first = draw(st.dates(dt.date(2020, 1, 1), dt.date(2035, 12, 31)))
    offsets = sorted(draw(st.lists(st.integers(0, 6), min_size=1, max_size=max_days, unique=True)))
    vocabulary = _Vocabulary(
        people=tuple(p.id for p in people),
        rooms=tuple(room_ids),
        roles=roles,
        kinds=kinds,
        provisions=tuple(
            p.id
            for p in (*PROVISIONS, *custom_provisions)
            if p.id not in ROOM_PROVISIONS and p.id != SIGN_LANGUAGE
        ),
        room_provisions={
            room.id: tuple(p for p in (INDUCTION_LOOP, STEP_FREE) if room.has(p)) for room in rooms
        },
        sign_language_minutes=programme_settings.sign_language_team_minutes,
    )
    days = [_day(draw, first + dt.timedelta(days=o), vocabulary) for o in offsets]
    names = draw(_unique_ids(min_size=_count(days), max_size=_count(days)))
    hosts = draw(st.lists(st.sampled_from(org_ids), max_size=3, unique=True))
    return Programme(
        id=draw(ids()),
        title=draw(texts()),
        subtitle=draw(_optional(texts())),
        description=draw(_optional(texts(max_size=80))),
        language=draw(st.sampled_from(["de", "en", "de-DE"])),
        timezone=draw(st.sampled_from(_ZONES)),
        revision=draw(
            st.none()
            | st.datetimes(
                dt.datetime(2020, 1, 1),  # noqa: DTZ001 -- hypothesis wants naive bounds
                dt.datetime(2035, 1, 1),  # noqa: DTZ001
                timezones=st.just(dt.UTC),
            )
        ),
        version=draw(_optional(texts(max_size=12))),
        credit=draw(_optional(texts())),
        venue=Venue(
            name=draw(texts()),
            city=draw(_optional(texts(max_size=20))),
            street=draw(_optional(texts())),
            postal_code=draw(st.none() | _POSTAL_CODES),
            country=draw(st.sampled_from([None, "DE", "AT", "CH"])),
            rooms=rooms,
        ),
        organisers=tuple(
            Organiser(
                organisation=org,
                role=OrganiserRole.HOST if i == 0 else draw(st.sampled_from(OrganiserRole)),
            )
            for i, org in enumerate(hosts)
        ),
        images=tuple(
            Image(
                id=key,
                kind=draw(st.sampled_from(ImageKind)),
                src=draw(st.sampled_from([None, f"{key}.svg"])),
                alt=draw(st.just("") | texts()),
                organisation=draw(st.none() | st.sampled_from(org_ids)),
            )
            for key in draw(_unique_ids(max_size=2))
        ),
        days=_with_ids(days, names),
        organisations=organisations,
        people=people,
        roles=custom_roles,
        kinds=custom_kinds,
        provisions=custom_provisions,
        settings=programme_settings,
        accessibility_statement=_statement(draw),
    )


@st.composite
def congresses(draw: st.DrawFn, *, min_rooms: int = 13, max_rooms: int = 30) -> Programme:
    """Congress-like programmes: many rooms, many items at once, as imported schedules have them.

    Each day is one block of parallel sessions (as an imported schedule's day is), each
    session with its own times on a 5-minute grid or off it, in a room or in none; a room may
    hold two sessions at once (a clash, which validation reports, and pages must still show);
    a day may run past midnight. Some days also have a slot of their own, without sessions.
    Such a programme is not always valid: it is meant for what formats make of large shapes.

    Args:
        draw: Supplied by hypothesis.
        min_rooms: The fewest rooms of the venue.
        max_rooms: The most rooms of the venue.
    """
    count = draw(st.integers(min_rooms, max_rooms))
    rooms = tuple(Room(id=f"room-{n}", name=draw(texts(max_size=30))) for n in range(count))
    first = draw(st.dates(dt.date(2020, 1, 1), dt.date(2035, 12, 31)))
    days = []
    number = 0
    for offset in range(draw(st.integers(1, 2))):
        date = first + dt.timedelta(days=offset)
        morning = dt.datetime.combine(date, dt.time(9))
        sessions = []
        for _ in range(draw(st.integers(1, 40))):
            start = morning + dt.timedelta(minutes=draw(st.integers(0, 15 * 60)))
            if draw(st.booleans()):  # on the 5-minute grid, as most schedules are
                start -= dt.timedelta(minutes=start.minute % 5)
            length = dt.timedelta(minutes=draw(st.sampled_from([5, 10, 15, 30, 45, 60, 90, 7])))
            room = draw(st.none() | st.sampled_from(rooms))
            number += 1
            sessions.append(
                Session(
                    id=f"s{number}",
                    title=draw(texts()),
                    room=room.id if room is not None else None,
                    start=start,
                    end=start + length,
                    description=draw(_optional(texts(max_size=80))),
                    **_extras(draw),
                )
            )
        sessions.sort(key=lambda s: (s.start, s.room or ""))
        start = min(s.start for s in sessions if s.start is not None)
        end = max(s.end for s in sessions if s.end is not None)
        slots = []
        if draw(st.booleans()):
            number += 1
            slots.append(
                Slot(
                    id=f"s{number}",
                    kind="talk",
                    title=draw(texts()),
                    start=start - dt.timedelta(hours=1),
                    end=start,
                    room=draw(st.sampled_from(rooms)).id,
                )
            )
        number += 1
        slots.append(
            Slot(
                id=f"s{number}",
                kind="parallel",
                title="Parallele Sessions",
                start=start,
                end=end,
                sessions=tuple(sessions),
            )
        )
        days.append(Day(date=date, slots=tuple(slots)))
    return Programme(
        id="congress",
        title=draw(texts()),
        language=draw(st.sampled_from(["de", "en"])),
        venue=Venue(name=draw(texts()), rooms=rooms),
        days=tuple(days),
    )
