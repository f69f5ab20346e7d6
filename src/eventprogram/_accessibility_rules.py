"""The built-in rules about accessibility provisions (Barrierefreiheit), codes EP8xx.

They read the resolved view like every rule: an item's provisions and room are
what it has after inheritance (:attr:`Item.provisions`, :attr:`Item.room`), so a
session inherits its slot's sign-language interpreting as it inherits its room.
Interpreters and captioners are people with roles; that one of them is booked in
two parallel sessions is the person-clash rule's (EP301) to report, as for anyone.
A cancelled item (:attr:`Item.cancelled`) promises nothing: none of these rules looks at it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from ._model import INTERPRETATION, ROOM_PROVISIONS, SIGN_LANGUAGE, Programme
from ._references import named
from ._rules import _room_named, _rule
from ._timeline import Item, Provided, timeline
from ._validation import Severity, Violation

__all__ = ["provision_without_room", "room_lacks_provision", "sign_language_team"]

SIGN_LANGUAGE_ROLES: Final = frozenset({"sign-language-interpreting"})
"""Roles of sign-language interpreters: each counts towards the team (EP802)."""
INTERPRETING_ROLES: Final = frozenset({"interpreting"})
"""Roles of interpreters of any kind: they count towards a sign-language team where the item
offers no spoken-language interpretation they could be there for."""


def _labels(provided: tuple[Provided, ...]) -> tuple[str, str]:
    """The provisions' labels, German and English, each in quotes, joined by commas."""
    return (
        ", ".join(f"„{p.provision.de}“" for p in provided),
        ", ".join(f"“{p.provision.en}”" for p in provided),
    )


@_rule(
    "EP801",
    "room-lacks-provision",
    Severity.ERROR,
    "eine Session verspricht eine Induktionsschleife oder stufenlosen Zugang, ihr Raum hat sie"
    " nicht",
    "a session promises an induction loop or step-free access, and its room lacks it",
)
def room_lacks_provision(programme: Programme) -> Iterator[Violation]:
    """Find items promising a room's provision (induction loop, step-free) in a room without it.

    A room lacks it where its field says ``false`` or says nothing: a promise nobody
    can confirm is not to be printed. Each place a provision meets a room is
    reported once: a session that inherits both the provision and the room from
    the same holders says nothing new.
    """
    for item in timeline(programme).items:
        room = item.room
        if room is None or not item.provisions or item.is_marker or item.cancelled:
            continue
        parent = item.parent
        if (
            parent is not None
            and parent.provisions_from is item.provisions_from
            and parent.room_from is item.room_from
        ):
            continue
        for index, provided in enumerate(item.provisions):
            field = ROOM_PROVISIONS.get(provided.id)
            if field is None or room.has(provided.id):
                continue
            said = getattr(room, field) is not None
            own = item.provisions_from is item
            path = f"{item.path}.provisions[{index}]" if own else f"{item.path}.room"
            where = _room_named(item)
            yield Violation(
                path=path,
                ids=(item.id, room.id),
                message_de=(
                    f"{named(item)} verspricht „{provided.provision.de}“, aber der Raum {where}"
                    + (
                        f" hat das nicht ({field} = false)"
                        if said
                        else f" nennt das nicht ({field} fehlt)"
                    )
                ),
                message_en=(
                    f"{named(item)} promises “{provided.provision.en}”, but the room {where}"
                    + (
                        f" does not have it ({field} = false)"
                        if said
                        else f" does not say it has it (no {field})"
                    )
                ),
                hint_de=(
                    f"einen Raum mit {field} = true wählen, oder beim Raum {field} = true"
                    " eintragen, wenn er es hat"
                ),
                hint_en=(
                    f"choose a room with {field} = true, or set {field} = true for the room"
                    " if it has it"
                ),
            )


def _interpreters(item: Item) -> set[str]:
    """The people interpreting sign language in *item* or in what holds it, by id."""
    counted = SIGN_LANGUAGE_ROLES
    if item.provides(INTERPRETATION) is None:
        counted = counted | INTERPRETING_ROLES
    found: set[str] = set()
    here: Item | None = item
    while here is not None:
        found.update(
            a.contribution.person for a in here.people if counted & set(a.contribution.roles)
        )
        here = here.parent
    return found


@_rule(
    "EP802",
    "sign-language-team",
    Severity.WARNING,
    "Gebärdensprachdolmetschen länger als die Grenze (ohne Einstellung 60 Minuten) mit weniger"
    " als zwei Dolmetschenden",
    "sign-language interpreting longer than the limit (60 minutes unless set) with fewer than"
    " two interpreters",
)
def sign_language_team(programme: Programme) -> Iterator[Violation]:
    """Find sign-language interpreting longer than the limit with fewer than two interpreters.

    The limit is ``settings.sign_language_team_minutes`` (60 by default): longer
    interpreting needs a team who take turns. Checked are the innermost items
    with the provision (where interpreting happens: each session of a slot that
    offers it for all of them); interpreters named there or in what holds them
    count, by their role ``sign-language-interpreting`` (or ``interpreting``,
    where the item offers no spoken-language interpretation). An end nobody gave
    is not measured.
    """
    limit = programme.settings.sign_language_team_minutes
    for item in timeline(programme).items:
        provided = item.provides(SIGN_LANGUAGE)
        if provided is None or item.open_end or item.is_marker or item.cancelled:
            continue
        if any(child.provides(SIGN_LANGUAGE) for child in item.children):
            continue
        minutes = int(item.duration.total_seconds() // 60)
        if minutes <= limit:
            continue
        count = len(_interpreters(item))
        if count >= 2:
            continue
        language = provided.sign_language
        who_de = "niemandem" if count == 0 else "nur einer Person"
        who_en = "nobody" if count == 0 else "only one person"
        yield Violation(
            path=f"{item.path}.people",
            ids=(item.id,),
            message_de=(
                f"{named(item)} hat {minutes} Minuten Gebärdensprachdolmetschen ({language})"
                f" mit {who_de} im Dolmetschen; länger als {limit} Minuten braucht es zwei"
            ),
            message_en=(
                f"{named(item)} has {minutes} minutes of sign-language interpreting ({language})"
                f" with {who_en} interpreting; longer than {limit} minutes needs two"
            ),
            hint_de=(
                'eine zweite Person mit roles = ["sign-language-interpreting"] eintragen,'
                " oder die Grenze in [settings] sign_language_team_minutes ändern"
            ),
            hint_en=(
                'add a second person with roles = ["sign-language-interpreting"],'
                " or change the limit in [settings] sign_language_team_minutes"
            ),
        )


@_rule(
    "EP803",
    "provision-without-room",
    Severity.WARNING,
    "eine Session verspricht Vorkehrungen zur Barrierefreiheit und hat keinen Raum",
    "a session promises accessibility provisions and has no room",
)
def provision_without_room(programme: Programme) -> Iterator[Violation]:
    """Find items with provisions and no room, where nothing they hold has a room either.

    Only the innermost items are reported (those holding no sessions): a slot
    that offers captioning for its parallel sessions needs no room of its own
    when each session has one.
    """
    for item in timeline(programme).items:
        if (
            not item.provisions
            or item.room is not None
            or item.children
            or item.is_marker
            or item.cancelled
        ):
            continue
        labels_de, labels_en = _labels(item.provisions)
        yield Violation(
            path=f"{item.path}.room",
            ids=(item.id,),
            message_de=(
                f"{named(item)} verspricht {labels_de}, hat aber keinen Raum: niemand weiß,"
                " wo es das gibt"
            ),
            message_en=(
                f"{named(item)} promises {labels_en} but has no room: nobody knows where to find it"
            ),
            hint_de='einen Raum angeben: room = "…", mit dem Raum unter [[venue.rooms]]',
            hint_en='give it a room: room = "…", with the room under [[venue.rooms]]',
        )
