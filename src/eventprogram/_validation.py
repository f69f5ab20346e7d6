"""Validation: findings about a whole programme, with stable codes, in German and English.

This module holds the checks that loading relies on as well (references and
ids): the loader turns their errors into :class:`~eventprogram.errors.SourceError`,
:func:`validate` reports them as findings.
"""

from __future__ import annotations

import datetime as dt
import difflib
import enum
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Final

import attrs

from ._model import END_KIND, KINDS, ROLES, Contribution, Programme, Session

__all__ = ["Finding", "Report", "Severity", "validate"]


class Severity(enum.StrEnum):
    """How bad a finding is."""

    ERROR = "error"
    """The programme is wrong: do not publish it like this."""
    WARNING = "warning"
    """Probably a mistake, or something participants will miss."""
    INFO = "info"
    """Worth knowing; often intended."""


@attrs.frozen
class Finding:
    """One thing validation found.

    Attributes:
        code: Stable code such as ``EP101``; never reused for another meaning.
        rule: The rule's name, such as ``dangling-reference``.
        severity: How bad it is.
        message_de: What is wrong, in German.
        message_en: What is wrong, in English.
        path: Where in the source, such as ``days[0].slots[8].people[0].person``.
        ids: The ids of what it concerns.
        hint_de: How to mend it, in German, where one helps.
        hint_en: How to mend it, in English, where one helps.
    """

    code: str
    rule: str
    severity: Severity
    message_de: str
    message_en: str
    path: str
    ids: tuple[str, ...] = ()
    hint_de: str | None = None
    hint_en: str | None = None

    def message(self, language: str = "en") -> str:
        """Return the message in *language* (``de`` or ``en``)."""
        return self.message_de if language.startswith("de") else self.message_en

    def hint(self, language: str = "en") -> str | None:
        """Return the hint in *language* (``de`` or ``en``), if there is one."""
        return self.hint_de if language.startswith("de") else self.hint_en


@attrs.frozen
class Report:
    """What validation found in a programme, in source order."""

    findings: tuple[Finding, ...] = ()

    @property
    def errors(self) -> tuple[Finding, ...]:
        """The findings of severity error."""
        return tuple(f for f in self.findings if f.severity is Severity.ERROR)

    @property
    def ok(self) -> bool:
        """Whether there is no error (warnings and infos allowed)."""
        return not self.errors


DANGLING_REFERENCE: Final = "EP101"
DUPLICATE_ID: Final = "EP102"
ENDS_BEFORE_START: Final = "EP201"


def validate(programme: Programme) -> Report:
    """Check *programme* as a whole and report what is wrong with it.

    Returns:
        A report; ``report.ok`` says whether there is no error.
    """
    return Report(tuple(_all_findings(programme)))


def _all_findings(programme: Programme) -> Iterator[Finding]:
    yield from duplicate_ids(programme)
    yield from dangling_references(programme)
    yield from ends_before_start(programme)


# -- walking the schedule -------------------------------------------------------


@attrs.frozen
class _Item:
    """A slot or session of the schedule, with its path."""

    path: str
    id: str
    room: str | None
    people: tuple[Contribution, ...]


def _walk_sessions(sessions: tuple[Session, ...], path: str) -> Iterator[tuple[str, Session]]:
    for index, session in enumerate(sessions):
        here = f"{path}.sessions[{index}]"
        yield here, session
        yield from _walk_sessions(session.sessions, here)


def _items(programme: Programme) -> Iterator[_Item]:
    for d, day in enumerate(programme.days):
        for s, slot in enumerate(day.slots):
            path = f"days[{d}].slots[{s}]"
            yield _Item(path, slot.id, slot.room, slot.people)
            for sub_path, session in _walk_sessions(slot.sessions, path):
                yield _Item(sub_path, session.id, session.room, session.people)


# -- rules ------------------------------------------------------------------------


def _did_you_mean(wanted: str, known: Iterable[str]) -> tuple[str | None, str | None]:
    close = difflib.get_close_matches(wanted, list(known), n=1)
    if not close:
        return None, None
    return f"meinten Sie {close[0]!r}?", f"did you mean {close[0]!r}?"


def _references(programme: Programme) -> Iterator[tuple[str, str | None, str]]:
    """Yield every reference by id as ``(sort, id, path)``."""
    for i, organiser in enumerate(programme.organisers):
        yield "organisation", organiser.organisation, f"organisers[{i}].organisation"
    for i, image in enumerate(programme.images):
        yield "organisation", image.organisation, f"images[{i}].organisation"
    for i, person in enumerate(programme.people):
        yield "organisation", person.organisation, f"people[{i}].organisation"
    for d, day in enumerate(programme.days):
        for s, slot in enumerate(day.slots):
            yield "kind", slot.kind, f"days[{d}].slots[{s}].kind"
    for item in _items(programme):
        yield "room", item.room, f"{item.path}.room"
        for c, contribution in enumerate(item.people):
            here = f"{item.path}.people[{c}]"
            yield "person", contribution.person, f"{here}.person"
            for r, role in enumerate(contribution.roles):
                yield "role", role, f"{here}.roles[{r}]"


_SORT_NAMES: Final = {
    "organisation": ("Organisation", "organisation"),
    "kind": ("Art", "slot kind"),
    "room": ("Raum", "room"),
    "person": ("Person", "person"),
    "role": ("Rolle", "role"),
}


def dangling_references(programme: Programme) -> Iterator[Finding]:
    """Find references to people, organisations, rooms, roles and kinds that are not defined."""
    known = {
        "organisation": [o.id for o in programme.organisations],
        "kind": [k.id for k in (*programme.kinds, *KINDS)],
        "room": [r.id for r in programme.venue.rooms],
        "person": [p.id for p in programme.people],
        "role": [r.id for r in (*programme.roles, *ROLES)],
    }
    for sort, value, path in _references(programme):
        if value is None or value in known[sort]:
            continue
        what_de, what_en = _SORT_NAMES[sort]
        hint_de, hint_en = _did_you_mean(value, known[sort])
        yield Finding(
            code=DANGLING_REFERENCE,
            rule="dangling-reference",
            severity=Severity.ERROR,
            message_de=f"{what_de} {value!r} ist nicht definiert",
            message_en=f"no {what_en} {value!r}",
            path=path,
            ids=(value,),
            hint_de=hint_de,
            hint_en=hint_en,
        )


def duplicate_ids(programme: Programme) -> Iterator[Finding]:
    """Find ids given twice among things of one sort.

    Slots and sessions share one sort: their ids become calendar UIDs and anchors.
    """
    sorts: list[tuple[str, str, list[tuple[str, str]]]] = [
        ("Personen", "people", [(f"people[{i}].id", p.id) for i, p in enumerate(programme.people)]),
        (
            "Organisationen",
            "organisations",
            [(f"organisations[{i}].id", o.id) for i, o in enumerate(programme.organisations)],
        ),
        (
            "Räume",
            "rooms",
            [(f"venue.rooms[{i}].id", r.id) for i, r in enumerate(programme.venue.rooms)],
        ),
        ("Bilder", "images", [(f"images[{i}].id", m.id) for i, m in enumerate(programme.images)]),
        ("Rollen", "roles", [(f"roles[{i}].id", r.id) for i, r in enumerate(programme.roles)]),
        ("Arten", "kinds", [(f"kinds[{i}].id", k.id) for i, k in enumerate(programme.kinds)]),
        (
            "Slots und Sessions",
            "slots and sessions",
            [(f"{item.path}.id", item.id) for item in _items(programme)],
        ),
    ]
    for sort_de, sort_en, entries in sorts:
        counts = Counter(id_ for _, id_ in entries)
        seen: set[str] = set()
        for path, id_ in entries:
            if counts[id_] > 1 and id_ in seen:
                yield Finding(
                    code=DUPLICATE_ID,
                    rule="duplicate-id",
                    severity=Severity.ERROR,
                    message_de=f"die Id {id_!r} gibt es unter den {sort_de} mehrfach",
                    message_en=f"the id {id_!r} is given to more than one of the {sort_en}",
                    path=path,
                    ids=(id_,),
                    hint_de="jede Id darf nur einmal vorkommen",
                    hint_en="give each one an id of its own",
                )
            seen.add(id_)


def ends_before_start(programme: Programme) -> Iterator[Finding]:
    """Find slots and sessions whose end is not after their start."""
    for d, day in enumerate(programme.days):
        for s, slot in enumerate(day.slots):
            path = f"days[{d}].slots[{s}]"
            # The end marker is a point in time: it may end where it starts.
            slot_end = None if slot.kind == END_KIND and slot.end == slot.start else slot.end
            timed: list[tuple[str, str, dt.datetime | None, dt.datetime | None]]
            timed = [(path, slot.id, slot.start, slot_end)]
            timed += [
                (p, session.id, session.start, session.end)
                for p, session in _walk_sessions(slot.sessions, path)
            ]
            for where, id_, start, end in timed:
                if start is None or end is None or end > start:
                    continue
                yield Finding(
                    code=ENDS_BEFORE_START,
                    rule="ends-before-start",
                    severity=Severity.ERROR,
                    message_de=(
                        f"{id_!r} endet um {end:%H:%M}, nicht nach seinem Beginn um {start:%H:%M}"
                    ),
                    message_en=(
                        f"{id_!r} ends at {end:%H:%M}, not after it starts at {start:%H:%M}"
                    ),
                    path=f"{where}.end",
                    ids=(id_,),
                )
