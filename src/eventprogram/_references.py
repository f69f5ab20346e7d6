"""What loading must check: every id given once, every reference defined.

Without these two checks references would point nowhere or to two places, so
:func:`eventprogram.load` refuses a programme that breaks them; validation
reports the same as rules EP101 and EP102. They live here, apart from the rule
catalogue (:mod:`eventprogram._rules`), so that loading a programme does not
import every rule.

Both look at what the source *says* (the ids it gives and names), not at what an
item resolves to, so they walk the programme itself: nothing here is inherited.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, Final, Protocol

from ._bilingual import Text
from ._ids import canonical_uuid
from ._model import (
    ID_PATTERN,
    KINDS,
    PROVISIONS,
    ROLES,
    Contribution,
    Kind,
    Programme,
    Provision,
    Role,
    Session,
    Slot,
)
from ._validation import Rule, Severity, Violation

__all__ = [
    "SUGGESTED_MISSES",
    "Suggestions",
    "Titled",
    "dangling_references",
    "did_you_mean",
    "duplicate_ids",
    "named",
]


class Titled(Protocol):
    """Anything with an id and a title: a slot, a session, a resolved item."""

    @property
    def id(self) -> str: ...
    @property
    def title(self) -> str: ...


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


def named(item: Titled) -> str:
    """How a message names a slot or session: by its id, or by its title where the id is a UUID.

    Imported schedules have UUIDs for ids; nobody recognises a talk by one.
    """
    return repr(item.title if canonical_uuid(item.id) == item.id.lower() else item.id)


def did_you_mean(wanted: str, known: Iterable[str]) -> tuple[str | None, str | None]:
    """A hint in German and English naming the closest of *known*, if one is close."""
    close = difflib.get_close_matches(wanted, list(known), n=1)
    if not close:
        return None, None
    return f"meinten Sie {close[0]!r}?", f"did you mean {close[0]!r}?"


SUGGESTED_MISSES: Final = 20
"""How many different unknown ids of one sort get a "did you mean" that searches.

An id or label given in other letter case is always found (a lookup); the
search for a close one (``difflib``) takes time in the number of things of that
sort, so it runs for the first twenty different unknown ids of a sort only: a
programme with ten thousand people and a few typos gets every hint, one with a
thousand broken references stays fast.
"""


class _Vocabulary:
    """What a programme and the built-ins define of one sort: ids, and labels that name them.

    Labels are what an organiser may write instead of an id: a kind's or a role's
    German or English label (``Vortrag``), a room's or an organisation's name, a
    person's name or family name. All are compared case-insensitively.
    """

    def __init__(self, entries: Iterable[tuple[str, tuple[str, ...], Text]]) -> None:
        """Take ``(id, labels, label to show)`` for each thing, the first of an id counting."""
        self.ids: dict[str, str] = {}  # casefolded id -> id
        self.labels: dict[str, str] = {}  # casefolded label -> id
        self.shown: dict[str, Text] = {}
        for id_, labels, shown in entries:
            if id_ in self.shown:
                continue
            self.shown[id_] = shown
            self.ids.setdefault(id_.casefold(), id_)
            for label in labels:
                self.labels.setdefault(label.casefold(), id_)
        self.misses = 0

    def closest(self, wanted: str) -> str | None:
        """The defined id *wanted* most likely means, or ``None``; it always is one of the ids."""
        key = wanted.casefold()
        if (found := self.ids.get(key) or self.labels.get(key)) is not None:
            return found
        if self.misses >= SUGGESTED_MISSES:
            return None
        self.misses += 1
        for table in (self.ids, self.labels):
            close = difflib.get_close_matches(key, table, n=1)
            if close:
                return table[close[0]]
        return None


class Suggestions:
    """Proposes, for an unknown id, the id of a defined thing of its sort ("did you mean").

    Each sort's vocabulary is made on first use, and a search is made once per
    unknown id (see :data:`SUGGESTED_MISSES`): a finding costs a lookup, not a scan.
    """

    def __init__(self, programme: Programme | Mapping[str, Any]) -> None:
        """Prepare to suggest from *programme*'s definitions and the built-in roles and kinds.

        *programme* may also be a programme's plain data, as read from its source, for
        problems found before there is a programme: only its valid ids are proposed.
        """
        self._programme = programme
        self._vocabularies: dict[str, _Vocabulary] = {}
        self._found: dict[tuple[str, str], str | None] = {}

    def _vocabulary(self, sort: str) -> _Vocabulary:
        if (vocabulary := self._vocabularies.get(sort)) is None:
            source = self._programme
            entries = (
                _entries_of(source, sort)
                if isinstance(source, Programme)
                else _data_entries(source, sort)
            )
            vocabulary = self._vocabularies[sort] = _Vocabulary(entries)
        return vocabulary

    def closest(self, sort: str, wanted: str) -> str | None:
        """The defined id of *sort* (``person``, ``role``, …) that *wanted* most likely means."""
        key = (sort, wanted)
        if key not in self._found:
            self._found[key] = self._vocabulary(sort).closest(wanted)
        return self._found[key]

    def hint(self, sort: str, wanted: str) -> Text | None:
        """``did you mean 'talk' (Talk)?`` in German and English, or ``None``.

        The label is added where it says more than the id: the kind's label in the
        hint's language, the person's name, the room's name.
        """
        found = self.closest(sort, wanted)
        if found is None:
            return None
        shown = self._vocabulary(sort).shown[found]
        de, en = (
            f"{found!r} ({label})" if label.casefold() != found.casefold() else repr(found)
            for label in (shown.de, shown.en)
        )
        return Text(f"meinten Sie {de}?", f"did you mean {en}?")


def _data_entries(
    data: Mapping[str, Any], sort: str
) -> Iterator[tuple[str, tuple[str, ...], Text]]:
    """Like :func:`_entries_of`, from a programme's plain data: only valid ids, only text labels."""

    def tables(found: Any) -> Iterator[Mapping[str, Any]]:
        if isinstance(found, list):
            yield from (table for table in found if isinstance(table, Mapping))

    def texts(table: Mapping[str, Any], *keys: str) -> tuple[str, ...]:
        return tuple(value for key in keys if isinstance(value := table.get(key), str) and value)

    venue = data.get("venue")
    where = {
        "kind": ("kinds", ("de", "en")),
        "role": ("roles", ("de", "en")),
        "provision": ("provisions", ("de", "en")),
        "organisation": ("organisations", ("name", "short_name")),
        "person": ("people", ("family_name",)),
    }
    listed = (
        tables(venue.get("rooms") if isinstance(venue, Mapping) else None)
        if sort == "room"
        else tables(data.get(where[sort][0]))
    )
    keys = ("name",) if sort == "room" else where[sort][1]
    for table in listed:
        id_ = table.get("id")
        if not isinstance(id_, str) or not ID_PATTERN.fullmatch(id_):
            continue
        labels = texts(table, *keys)
        if sort == "person":
            name = " ".join(texts(table, "honorific", "given_name", "family_name"))
            plain = " ".join(texts(table, "given_name", "family_name"))
            labels = (name, plain, *labels)
        shown = labels[0] if labels else id_
        if sort in _LABELLED and len(labels) == 2:
            yield id_, labels, Text(labels[0], labels[1])
        else:
            yield id_, labels, Text.same(shown)
    if sort in _LABELLED:
        yield from _entries_of_builtins(sort)


_LABELLED: Final = frozenset({"kind", "role", "provision"})
"""Sorts whose things have a German and an English label: the vocabularies."""


def _builtins(sort: str) -> tuple[Kind | Role | Provision, ...]:
    if sort == "kind":
        return KINDS
    return ROLES if sort == "role" else PROVISIONS


def _entries_of_builtins(sort: str) -> Iterator[tuple[str, tuple[str, ...], Text]]:
    for entry in _builtins(sort):
        yield entry.id, (entry.de, entry.en), Text(entry.de, entry.en)


def _entries_of(programme: Programme, sort: str) -> Iterator[tuple[str, tuple[str, ...], Text]]:
    """Each defined thing of *sort*: its id, the labels that name it, and the label to show."""
    if sort in _LABELLED:
        own: tuple[Kind | Role | Provision, ...] = (
            programme.kinds
            if sort == "kind"
            else programme.roles
            if sort == "role"
            else programme.provisions
        )
        for entry in (*own, *_builtins(sort)):
            yield entry.id, (entry.de, entry.en), Text(entry.de, entry.en)
    elif sort == "room":
        for room in programme.venue.rooms:
            yield room.id, (room.name,), Text.same(room.name)
    elif sort == "organisation":
        for organisation in programme.organisations:
            names = (organisation.name, *filter(None, (organisation.short_name,)))
            yield organisation.id, names, Text.same(organisation.display_name)
    else:
        for person in programme.people:
            plain = " ".join(filter(None, (person.given_name, person.family_name)))
            names = (person.name, plain, person.family_name)
            yield person.id, names, Text.same(person.name)


def _entries(programme: Programme) -> Iterator[tuple[str, Slot | Session]]:
    """Yield every slot and session with its path, depth first, in source order."""
    for d, day in enumerate(programme.days):
        for s, slot in enumerate(day.slots):
            path = f"days[{d}].slots[{s}]"
            yield path, slot
            if slot.sessions:
                yield from _sessions(slot.sessions, path)


def _sessions(sessions: tuple[Session, ...], path: str) -> Iterator[tuple[str, Session]]:
    for index, session in enumerate(sessions):
        here = f"{path}.sessions[{index}]"
        yield here, session
        if session.sessions:
            yield from _sessions(session.sessions, here)


def _references(programme: Programme, known: dict[str, set[str]]) -> Iterator[tuple[str, str, str]]:
    """Yield every reference by id that *known* lacks, as ``(sort, id, path)``.

    Paths are only written for what is missing: most references are fine.
    """
    organisations = known["organisation"]
    for i, organiser in enumerate(programme.organisers):
        if organiser.organisation not in organisations:
            yield "organisation", organiser.organisation, f"organisers[{i}].organisation"
    for i, image in enumerate(programme.images):
        if image.organisation is not None and image.organisation not in organisations:
            yield "organisation", image.organisation, f"images[{i}].organisation"
    for i, person in enumerate(programme.people):
        if person.organisation is not None and person.organisation not in organisations:
            yield "organisation", person.organisation, f"people[{i}].organisation"
    yield from _entry_references(programme, known)


def _all_defined(programme: Programme, known: dict[str, set[str]]) -> bool:
    """Whether every kind, room, person and role a slot or session names is defined."""
    named_kinds: set[str | None] = set()
    named_rooms: set[str | None] = set()
    named_people: set[str] = set()
    named_roles: set[str] = set()
    named_provisions: set[str] = set()
    for day in programme.days:
        for slot in day.slots:
            entries: tuple[Slot | Session, ...] = (slot, *slot.walk_sessions())
            for entry in entries:
                named_kinds.add(entry.kind)
                named_rooms.add(entry.room)
                named_provisions.update(offer.provision for offer in entry.provisions or ())
                for appearing in entry.people:
                    named_people.add(appearing.person)
                    named_roles.update(appearing.roles)
    named_kinds.discard(None)
    named_rooms.discard(None)
    return (
        named_kinds <= known["kind"]
        and named_rooms <= known["room"]
        and named_people <= known["person"]
        and named_roles <= known["role"]
        and named_provisions <= known["provision"]
    )


def _entry_references(
    programme: Programme, known: dict[str, set[str]]
) -> Iterator[tuple[str, str, str]]:
    """Yield the kinds, rooms, people and roles slots and sessions name that are not defined.

    A session's own kind counts as much as a slot's. A first look without paths
    finds whether anything is missing at all; only then are the paths written, on
    a second walk.
    """
    if _all_defined(programme, known):
        return
    kinds, rooms, people, roles = known["kind"], known["room"], known["person"], known["role"]
    for path, entry in _entries(programme):
        if entry.kind is not None and entry.kind not in kinds:
            yield "kind", entry.kind, f"{path}.kind"
        if entry.room is not None and entry.room not in rooms:
            yield "room", entry.room, f"{path}.room"
        yield from _provision_references(entry, path, known["provision"])
        contribution: Contribution
        for c, contribution in enumerate(entry.people):
            if contribution.person not in people:
                yield "person", contribution.person, f"{path}.people[{c}].person"
            for r, role in enumerate(contribution.roles):
                if role not in roles:
                    yield "role", role, f"{path}.people[{c}].roles[{r}]"


def _provision_references(
    entry: Slot | Session, path: str, provisions: set[str]
) -> Iterator[tuple[str, str, str]]:
    for o, offer in enumerate(entry.provisions or ()):
        if offer.provision not in provisions:
            yield "provision", offer.provision, f"{path}.provisions[{o}].provision"


_SORT_NAMES: Final = {
    "organisation": ("Organisation", "organisation"),
    "kind": ("Art", "slot kind"),
    "room": ("Raum", "room"),
    "person": ("Person", "person"),
    "role": ("Rolle", "role"),
    "provision": ("Vorkehrung zur Barrierefreiheit", "accessibility provision"),
}


def _dangling_references(programme: Programme) -> Iterator[Violation]:
    """Find references to people, organisations, rooms, roles and kinds that are not defined."""
    known = {
        "organisation": {o.id for o in programme.organisations},
        "kind": {k.id for k in (*programme.kinds, *KINDS)},
        "room": {r.id for r in programme.venue.rooms},
        "person": {p.id for p in programme.people},
        "role": {r.id for r in (*programme.roles, *ROLES)},
        "provision": {p.id for p in (*programme.provisions, *PROVISIONS)},
    }
    suggestions = Suggestions(programme)
    for sort, value, path in _references(programme, known):
        what_de, what_en = _SORT_NAMES[sort]
        hint = suggestions.hint(sort, value)
        yield Violation(
            path=path,
            ids=(value,),
            message_de=f"{what_de} {value!r} ist nicht definiert",
            message_en=f"no {what_en} {value!r}",
            hint_de=None if hint is None else hint.de,
            hint_en=None if hint is None else hint.en,
        )


def _duplicate_ids(programme: Programme) -> Iterator[Violation]:
    """Find ids given twice among things of one sort.

    Slots and sessions share one sort: their ids become calendar UIDs and anchors.
    Paths are only written for a sort that has a doubled id.
    """
    sorts: list[tuple[str, str, list[str], Callable[[], Iterable[tuple[str, str]]]]] = [
        (de, en, [thing.id for thing in things], functools.partial(_listed, where, things))
        for de, en, where, things in (
            ("Personen", "people", "people", programme.people),
            ("Organisationen", "organisations", "organisations", programme.organisations),
            ("Räume", "rooms", "venue.rooms", programme.venue.rooms),
            ("Bilder", "images", "images", programme.images),
            ("Rollen", "roles", "roles", programme.roles),
            ("Arten", "kinds", "kinds", programme.kinds),
            ("Vorkehrungen", "provisions", "provisions", programme.provisions),
        )
    ]
    sorts.append(
        (
            "Slots und Sessions",
            "slots and sessions",
            _entry_ids(programme),
            lambda: ((f"{path}.id", entry.id) for path, entry in _entries(programme)),
        )
    )
    for sort_de, sort_en, ids, entries in sorts:
        if len(set(ids)) == len(ids):
            continue
        seen: set[str] = set()
        for path, id_ in entries():
            if id_ in seen:
                yield Violation(
                    path=path,
                    ids=(id_,),
                    message_de=f"die Id {id_!r} gibt es unter den {sort_de} mehrfach",
                    message_en=f"the id {id_!r} is given to more than one of the {sort_en}",
                    hint_de="jede Id darf nur einmal vorkommen",
                    hint_en="give each one an id of its own",
                )
            seen.add(id_)


def _listed(where: str, things: tuple[_HasId, ...]) -> Iterator[tuple[str, str]]:
    return ((f"{where}[{i}].id", thing.id) for i, thing in enumerate(things))


def _entry_ids(programme: Programme) -> list[str]:
    """The ids of every slot and session, without their paths."""
    ids: list[str] = []
    for day in programme.days:
        for slot in day.slots:
            ids.append(slot.id)
            ids.extend(session.id for session in slot.walk_sessions())
    return ids


dangling_references: Final = Rule(
    code="EP101",
    name="dangling-reference",
    severity=Severity.ERROR,
    summary_de=(
        "ein Verweis auf eine Person, Organisation, Raum, Rolle oder Art, die es nicht gibt"
    ),
    summary_en="a reference to a person, organisation, room, role or kind that is not defined",
    check=_dangling_references,
)

duplicate_ids: Final = Rule(
    code="EP102",
    name="duplicate-id",
    severity=Severity.ERROR,
    summary_de="eine Id ist mehrfach vergeben",
    summary_en="an id is given more than once",
    check=_duplicate_ids,
)
