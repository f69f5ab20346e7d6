"""The resolved view of a programme: what each slot, session and sub-session *is*.

A programme leaves much unsaid on purpose: a session without times runs for
its slot, a sub-session without a room sits in its session's room, a slot
without an end ends where the next one begins. :func:`timeline` works all of
that out once, in one place, and every exporter, rule and adapter reads the
result instead of working it out again. Third-party exporters should too.

The rules of inheritance, all in this module:

- **Times.** A slot's end is its own ``end``; for the end marker its start;
  else the start of the next slot of the day that starts later; else, for the
  last slot of a day, the latest end given to one of its sessions; else its
  start plus :data:`OPEN_END` (``open_end`` is then true: the end is nominal,
  and formats that can say "open" should). A session's start and end are its
  own, else its parent's. A slot's ``open_start`` ("ab 14:00 Uhr") is its own;
  a session has it where it takes its start from a parent that has it.
  Formats print an item that ``runs_from`` its start ("ab 19:00 Uhr") by its
  start alone: an open start, or an open end.
- **Groups.** ``groups``, the count of unnamed parallel groups, is the item's
  own and never inherited.
- **Kind, room, track, language.** An item's own, else its parent's (a slot's
  parent is the programme: the language falls back to the programme's; kind is
  always the slot's own).
- **Cancelled.** An item is cancelled where it says so, or where the slot or
  session that holds it is: a cancelled slot cancels every session in it.
- **Provisions** (accessibility: sign language, captioning, …) like rooms: an
  item's own list, else its parent's (``provisions = []`` says "none here").
  A ``sign-language`` provision without a sign language is DGS.
- **People** are not inherited: an item's people are those it names. How a
  person is printed there (:attr:`Appearance.details`) is worked out here too:
  the contribution's own function and organisation wording, else the person's;
  the organisation's short name unless the contribution asks for the long one;
  no organisation where the function already names it; then the place.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import itertools
from collections.abc import Iterator, Sequence
from typing import Final

import attrs

from ._model import (
    DEFAULT_SIGN_LANGUAGE,
    END_KIND,
    SIGN_LANGUAGE,
    Contribution,
    Day,
    Kind,
    Offer,
    Organisation,
    OrganisationForm,
    Person,
    Programme,
    Provision,
    Role,
    Room,
    Session,
    Slot,
)

__all__ = ["OPEN_END", "Appearance", "Item", "Provided", "Timeline", "span_of", "timeline"]

OPEN_END: Final = dt.timedelta(hours=1)
"""How long the last slot of a day lasts when nothing says when it ends."""

_UTC: Final = dt.UTC


_Wording = tuple[str | None, Organisation | None, str | None, tuple[str, ...]]
"""An appearance's function, organisation, organisation as printed, and what follows the name."""


@attrs.frozen(eq=False)
class Appearance:
    """A person in an item with their roles, resolved.

    ``known`` is false for a person id the programme does not define (a programme
    that fails validation): ``person`` then stands in with the id as the name.
    Unknown role ids likewise stand in as roles labelled with the id.

    How the person is printed here is resolved too, so that every format prints
    the same line: ``function`` and ``organisation_text`` are the contribution's
    own wording where it gives one, else the person's; ``details`` are the parts
    printed after the name. The person (``person``, ``contribution.person``) is
    the same whatever the wording: rules compare people by that.
    """

    person: Person
    roles: tuple[Role, ...]
    known: bool
    contribution: Contribution
    _wording: _Wording = attrs.field(alias="_wording", repr=False)

    @property
    def function(self) -> str | None:
        """The function as printed here: the contribution's own, else the person's; or none."""
        return self._wording[0]

    @property
    def organisation(self) -> Organisation | None:
        """The person's organisation; an unknown id stands in as one named with it."""
        return self._wording[1]

    @property
    def organisation_text(self) -> str | None:
        """The organisation as printed here, or ``None`` where nothing is printed.

        The contribution's own text, else the organisation's short or long name; none
        where the function already names the organisation (``Geschäftsführer der G.I.B.``).
        """
        return self._wording[2]

    @property
    def details(self) -> tuple[str, ...]:
        """What follows the name, in order: function, organisation, place; no blanks around them."""
        return self._wording[3]

    @property
    def role_ids(self) -> tuple[str, ...]:
        """The ids of the roles, in the order the programme gives them."""
        return self.contribution.roles

    @property
    def name(self) -> str:
        """The person's name as printed here, no blanks around it: ``Prof. Dr. Ute Klammer``."""
        return self.person.name.strip()

    @property
    def line(self) -> str:
        """The person as printed here: ``Prof. Dr. Ute Klammer, Direktorin, DIFIS``."""
        return ", ".join((self.name, *self.details))


@attrs.frozen
class Provided:
    """An accessibility provision of an item, resolved.

    ``provision`` is the vocabulary's entry (an unknown id stands in as one
    labelled with it); ``sign_language`` is the offer's, or ``DGS`` for a
    ``sign-language`` provision that names none, else ``None``.
    """

    provision: Provision
    offer: Offer
    sign_language: str | None

    @property
    def id(self) -> str:
        """The provision's id: ``sign-language``, ``captioning``."""
        return self.provision.id

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages the offer names (BCP 47), in its order."""
        return self.offer.languages

    @property
    def note(self) -> str | None:
        """What the offer says more, or ``None``."""
        return self.offer.note


@attrs.frozen(eq=False, repr=False)
class Item:
    """A slot, session or sub-session with every fact resolved.

    Items compare by identity: each stands for one place in one programme.
    Times are wall-clock times in the programme's zone, without an offset; an
    ambiguous time at the autumn clock change keeps its ``fold``. Use
    ``start_utc`` and ``end_utc`` to compare and measure: they are instants.
    """

    source: Slot | Session
    """What the programme says of this item, unresolved."""
    path: str
    """Where it is in the programme: ``days[0].slots[8].sessions[2]``."""
    day: int
    """The index of its day in ``programme.days``."""
    date: dt.date
    """The date of its day (an item after midnight keeps its day's date here)."""
    slot: Slot
    """The slot it belongs to; for a slot, itself."""
    parent: Item | None
    """The item that holds it: ``None`` for a slot."""
    depth: int
    """0 for a slot, 1 for a session of a slot, 2 for a sub-session, and so on."""
    position: int
    """Its place among its siblings, from 1, in the programme's order."""
    siblings: int
    """How many items its parent holds, itself included (for a slot: slots of its day)."""
    numbering: str | None
    """Its number as printed: ``"3"``, or ``"3.1"`` for sub-session 1 of session 3.

    ``None`` unless the item and every session above it are numbered: sub-session 1
    of an unnumbered session is no ``"1"``, which would read as session 1.
    """
    start: dt.datetime
    end: dt.datetime
    start_utc: dt.datetime
    end_utc: dt.datetime
    open_end: bool
    """Nothing says when it ends: ``end`` is nominal (see :data:`OPEN_END`)."""
    open_start: bool
    """Its start is a "from" time: "ab 14:00 Uhr Anmeldung" (the slot's ``open_start``)."""
    cancelled: bool
    """It is called off: marked ``cancelled`` itself, or inside a cancelled slot or session."""
    groups: int | None
    """How many unnamed parallel groups it splits into (its own ``groups``), or ``None``."""
    own_times: bool
    """It gives a start or an end of its own (a slot always does)."""
    kind: Kind
    """Its kind: its own, else its parent's. An unknown id stands in as a kind labelled with it."""
    own_kind: bool
    room: Room | None
    """Its room: its own, else its parent's. An unknown id stands in as a room named with it."""
    room_from: Item | None
    """The item that names the room: itself, or the ancestor it inherits the room from."""
    track: str | None
    language: str
    """The language it is held in: its own, else its parent's, else the programme's."""
    held_in: str
    """The language of what holds it: its parent's, or for a slot the programme's."""
    people: tuple[Appearance, ...]
    parallel: bool
    """A session of a slot that holds more than one: a parallel track."""
    lineage: tuple[str, ...]
    """Ids from the slot down to this item."""
    _children: list[Item] = attrs.field(factory=list, alias="_children")
    provisions: tuple[Provided, ...] = ()
    """Its accessibility provisions: its own, else its parent's (like its room)."""
    provisions_from: Item | None = None
    """The item that names the provisions: itself, or the ancestor it inherits them from."""

    @property
    def new_provisions(self) -> tuple[Provided, ...]:
        """Its provisions where they differ from what holds it: what a page names under it."""
        parent = self.parent
        if parent is not None and parent.provisions_from is self.provisions_from:
            return ()
        return self.provisions

    def provides(self, provision: str) -> Provided | None:
        """Its provision with the id *provision*, or ``None``."""
        return next((p for p in self.provisions if p.provision.id == provision), None)

    @property
    def id(self) -> str:
        """The item's id."""
        return self.source.id

    @property
    def title(self) -> str:
        """The item's title."""
        return self.source.title

    @property
    def number(self) -> int | None:
        """The session's own number (``None`` for slots and unnumbered sessions)."""
        return self.source.number if isinstance(self.source, Session) else None

    @property
    def numbered_title(self) -> str:
        """The title with the numbering as calendars and schedules print it: ``3. X``, ``3.1 Y``."""
        if self.numbering is None:
            return self.title
        separator = " " if "." in self.numbering else ". "
        return f"{self.numbering}{separator}{self.title}"

    @property
    def new_room(self) -> Room | None:
        """Its room where it differs from the room of what holds it: what a page names under it."""
        room, parent = self.room, self.parent
        if room is None or (parent is not None and parent.room == room):
            return None
        return room

    @property
    def new_kind(self) -> Kind | None:
        """Its own kind where it differs from the kind of what holds it (``None`` for a slot)."""
        parent = self.parent
        if not self.own_kind or parent is None or self.kind.id == parent.kind.id:
            return None
        return self.kind

    @property
    def new_track(self) -> str | None:
        """Its track where it differs from that of what holds it (a slot's, where it has one)."""
        parent = self.parent
        if self.track and (parent is None or self.track != parent.track):
            return self.track
        return None

    @property
    def new_language(self) -> str | None:
        """Its language where it differs from that of what holds it (a slot's: the programme's).

        Tags are compared by their language alone: ``de-DE`` adds nothing to ``de``.
        """
        if _primary(self.language) == _primary(self.held_in):
            return None
        return self.language

    @property
    def runs_from(self) -> bool:
        """Whether formats print it from its start on, "ab 19:00 Uhr", and no end.

        So it is where its start is open (``open_start``) or nothing says when it ends
        (``open_end``); never for the end marker, which is a point in time.
        """
        return (self.open_start or self.open_end) and not self.is_marker

    @property
    def is_slot(self) -> bool:
        """Whether the item is a slot."""
        return self.parent is None

    @property
    def is_marker(self) -> bool:
        """Whether the item is the end marker of its day."""
        return self.parent is None and self.kind.id == END_KIND

    @property
    def is_break(self) -> bool:
        """Whether nothing is presented in it (a break, lunch, arrival)."""
        return self.kind.is_break

    @property
    def children(self) -> tuple[Item, ...]:
        """The sessions it holds, in the programme's order."""
        return tuple(self._children)

    @property
    def duration(self) -> dt.timedelta:
        """The real time from start to end, across a clock change too."""
        return self.end_utc - self.start_utc

    def walk(self) -> Iterator[Item]:
        """Yield this item and everything it holds, depth first."""
        yield self
        for child in self._children:
            yield from child.walk()

    def contains(self, other: Item) -> bool:
        """Whether *other* is this item or lies inside it."""
        return other.lineage[: len(self.lineage)] == self.lineage

    def related(self, other: Item) -> bool:
        """Whether one of the two lies inside the other."""
        return self.contains(other) or other.contains(self)

    def __repr__(self) -> str:
        return f"<Item {self.path} {self.id!r} {self.start:%Y-%m-%d %H:%M}–{self.end:%H:%M}>"


@attrs.frozen(eq=False)
class Timeline:
    """Every item of a programme, resolved; made by :func:`timeline`.

    ``items`` are in the programme's order, depth first: each slot, then its
    sessions and theirs. ``days`` holds each day's slots.
    """

    programme: Programme
    items: tuple[Item, ...]
    days: tuple[tuple[Item, ...], ...]
    _by_id: dict[str, Item] = attrs.field(alias="_by_id", repr=False)
    _by_source: dict[int, Item] = attrs.field(alias="_by_source", repr=False)

    def get(self, id: str) -> Item | None:  # noqa: A002 -- the domain's word
        """The first item with *id*, or ``None``."""
        return self._by_id.get(id)

    def of(self, source: Slot | Session) -> Item:
        """The item for *source*, a slot or session object of this programme.

        Raises:
            KeyError: It is not one of this programme's.
        """
        return self._by_source[id(source)]

    def slots(self) -> Iterator[Item]:
        """Every slot, day by day."""
        return itertools.chain.from_iterable(self.days)

    def chronological(self) -> list[Item]:
        """Every item by start instant; items that start together keep the programme's order."""
        return sorted(self.items, key=lambda item: item.start_utc)

    def day_span(self, day: int) -> tuple[dt.datetime, dt.datetime | None] | None:
        """When day *day* starts, and its latest end that something says; see :func:`span_of`."""
        return span_of(self.days[day])

    def span(self) -> tuple[dt.datetime, dt.datetime | None] | None:
        """When the programme starts, and its latest end that something says (all days)."""
        return span_of(tuple(self.slots()))


def span_of(slots: Sequence[Item]) -> tuple[dt.datetime, dt.datetime | None] | None:
    """The earliest start of *slots*, and the latest end that something says.

    Nominal ends (``open_end``) don't count: where every end is open, the end is
    ``None``, and a day line shows only when it starts. ``None`` for no slots.
    """
    if not slots:
        return None
    first = min(slots, key=lambda item: item.start_utc)
    known = [item for item in slots if not item.open_end]
    last = max(known, key=lambda item: item.end_utc) if known else None
    return first.start, None if last is None else last.end


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while many long-lived objects are made.

    Resolving or validating a large programme makes tens of thousands of objects at
    once, none of them garbage, and each full collection on the way walks all of them
    again: for 50,000 sessions about a third of the time. Nested use is fine.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


_cache: tuple[Programme, Timeline] | None = None


def timeline(programme: Programme) -> Timeline:
    """Resolve every slot, session and sub-session of *programme* (see the module's rules).

    Linear in the number of items, plus one sort of each day's slot starts. The
    last result is kept, so the rules and exporters that read one programme in
    turn share one computation.
    """
    global _cache  # noqa: PLW0603 -- a one-entry cache of an immutable value
    cached = _cache
    if cached is not None and cached[0] is programme:
        return cached[1]
    with collector_paused():
        result = _Resolver(programme).run()
    _cache = (programme, result)
    return result


class _Resolver:
    def __init__(self, programme: Programme) -> None:
        self.programme = programme
        self.zone = programme.zone
        index = programme._index  # noqa: SLF001 -- the model's own lookups, made once
        self.people, self.rooms = index.people, index.rooms
        self.kinds, self.roles = index.kinds, index.roles
        self.provisions = index.provisions
        self.organisations = index.organisations
        self.wordings: dict[object, _Wording] = {}
        self.role_sets: dict[tuple[str, ...], tuple[Role, ...]] = {}
        self.instants: dict[tuple[dt.datetime, int], dt.datetime] = {}
        self.items: list[Item] = []
        self.by_id: dict[str, Item] = {}
        self.by_source: dict[int, Item] = {}

    def run(self) -> Timeline:
        days = tuple(self._day(index, day) for index, day in enumerate(self.programme.days))
        return Timeline(
            programme=self.programme,
            items=tuple(self.items),
            days=days,
            _by_id=self.by_id,
            _by_source=self.by_source,
        )

    def _day(self, index: int, day: Day) -> tuple[Item, ...]:
        ends = day.ends()
        slots = []
        for position, (slot, known_end) in enumerate(zip(day.slots, ends, strict=True), 1):
            end = known_end if known_end is not None else _latest_end(slot)
            open_end = end is None
            if end is None:
                end = slot.start + OPEN_END
            item = self._item(
                source=slot,
                path=f"days[{index}].slots[{position - 1}]",
                day=index,
                date=day.date,
                slot=slot,
                parent=None,
                position=position,
                siblings=len(day.slots),
                start=slot.start,
                end=end,
                open_end=open_end,
                open_start=slot.open_start,
                parallel=False,
            )
            slots.append(item)
        return tuple(slots)

    def _item(  # noqa: PLR0913 -- what an item is resolved from
        self,
        *,
        source: Slot | Session,
        path: str,
        day: int,
        date: dt.date,
        slot: Slot,
        parent: Item | None,
        position: int,
        siblings: int,
        start: dt.datetime,
        end: dt.datetime,
        open_end: bool,
        open_start: bool,
        parallel: bool,
    ) -> Item:
        programme = self.programme
        kind_id = source.kind
        if kind_id is None and parent is not None:
            kind = parent.kind
        else:
            kind = self._kind(kind_id or END_KIND)
        if source.room is not None:
            room: Room | None = self._room(source.room)
            room_from: Item | None = None  # itself: set below
        elif parent is not None:
            room, room_from = parent.room, parent.room_from
        else:
            room, room_from = None, None
        number = source.number if isinstance(source, Session) else None
        numbering = None
        if number is not None:
            if parent is None or parent.depth == 0:
                numbering = str(number)
            elif parent.numbering is not None:
                numbering = f"{parent.numbering}.{number}"
        item = Item(
            source=source,
            path=path,
            day=day,
            date=date,
            slot=slot,
            parent=parent,
            depth=0 if parent is None else parent.depth + 1,
            position=position,
            siblings=siblings,
            numbering=numbering,
            start=start,
            end=end,
            start_utc=self._instant(start, parent.start, parent.start_utc)
            if parent is not None
            else self._instant(start),
            end_utc=self._instant(end, parent.end, parent.end_utc)
            if parent is not None
            else self._instant(end),
            open_end=open_end,
            open_start=open_start,
            cancelled=source.cancelled or (parent is not None and parent.cancelled),
            groups=source.groups,
            own_times=parent is None or source.start is not None or source.end is not None,
            kind=kind,
            own_kind=parent is None or source.kind is not None,
            room=room,
            room_from=room_from,
            track=source.track or (parent.track if parent is not None else None),
            language=source.language
            or (parent.language if parent is not None else programme.language),
            held_in=parent.language if parent is not None else programme.language,
            people=tuple(self._appearance(c) for c in source.people),
            parallel=parallel,
            lineage=(*parent.lineage, source.id) if parent is not None else (source.id,),
        )
        if source.room is not None:
            object.__setattr__(item, "room_from", item)
        self._provide(item, source, parent)
        self.items.append(item)
        self.by_id.setdefault(source.id, item)
        self.by_source[id(source)] = item
        if parent is not None:
            parent._children.append(item)  # noqa: SLF001 -- built here, read-only after
        self._sessions(item)
        return item

    def _sessions(self, parent: Item) -> None:
        sessions: Sequence[Session] = parent.source.sessions
        parallel = parent.is_slot and len(sessions) > 1
        for position, session in enumerate(sessions, 1):
            own_end = session.end is not None
            self._item(
                source=session,
                path=f"{parent.path}.sessions[{position - 1}]",
                day=parent.day,
                date=parent.date,
                slot=parent.slot,
                parent=parent,
                position=position,
                siblings=len(sessions),
                start=session.start if session.start is not None else parent.start,
                end=session.end if session.end is not None else parent.end,
                open_end=not own_end and parent.open_end,
                open_start=session.start is None and parent.open_start,
                parallel=parallel,
            )

    def _instant(
        self,
        moment: dt.datetime,
        inherited: dt.datetime | None = None,
        inherited_utc: dt.datetime | None = None,
    ) -> dt.datetime:
        """*moment* as an instant; a time taken from the parent reuses the parent's instant."""
        if moment is inherited and inherited_utc is not None:
            return inherited_utc
        # Parallel sessions share their times: each wall-clock time is converted once.
        # The fold is part of the key: 02:30 and the repeated 02:30 compare equal.
        key = (moment, moment.fold)
        instant = self.instants.get(key)
        if instant is None:
            instant = self.instants[key] = moment.replace(tzinfo=self.zone).astimezone(_UTC)
        return instant

    def _provide(self, item: Item, source: Slot | Session, parent: Item | None) -> None:
        """Set *item*'s provisions: its own where it names them, else its parent's."""
        if source.provisions is not None:
            provided = tuple(self._provided(offer) for offer in source.provisions)
            object.__setattr__(item, "provisions", provided)
            object.__setattr__(item, "provisions_from", item)
        elif parent is not None:
            object.__setattr__(item, "provisions", parent.provisions)
            object.__setattr__(item, "provisions_from", parent.provisions_from)

    def _provided(self, offer: Offer) -> Provided:
        known = self.provisions.get(offer.provision)
        provision = known or Provision(offer.provision, offer.provision, offer.provision)
        sign_language = offer.sign_language
        if sign_language is None and offer.provision == SIGN_LANGUAGE:
            sign_language = DEFAULT_SIGN_LANGUAGE
        return Provided(provision=provision, offer=offer, sign_language=sign_language)

    def _kind(self, id_: str) -> Kind:
        known = self.kinds.get(id_)
        return known if known is not None else Kind(id_, id_, id_)

    def _room(self, id_: str) -> Room:
        known = self.rooms.get(id_)
        return known if known is not None else Room(id=id_, name=id_)

    def _appearance(self, contribution: Contribution) -> Appearance:
        person = self.people.get(contribution.person)
        roles = self.role_sets.get(contribution.roles)
        if roles is None:
            roles = tuple(
                self.roles.get(role) or Role(role, role, role) for role in contribution.roles
            )
            self.role_sets[contribution.roles] = roles
        known = person is not None
        if person is None:
            person = Person(id=contribution.person, family_name=contribution.person)
        if (
            contribution.function is None
            and contribution.organisation is None
            and contribution.organisation_form is None
        ):
            if person.organisation is None and person.place is None:  # nothing to look up
                function = person.function
                wording: _Wording = (function, None, None, _parts(function))
            else:
                wording = self._wording_of(contribution.person, person, contribution)
        else:
            key = (
                contribution.person,
                contribution.function,
                contribution.organisation,
                contribution.organisation_form,
            )
            wording = self._wording_of(key, person, contribution)
        return Appearance(
            person=person, roles=roles, known=known, contribution=contribution, _wording=wording
        )

    def _wording_of(self, key: object, person: Person, contribution: Contribution) -> _Wording:
        """How *person* is printed in *contribution*: made once per person and wording."""
        found = self.wordings.get(key)
        if found is None:
            found = self.wordings[key] = self._wording(person, contribution)
        return found

    def _wording(self, person: Person, contribution: Contribution) -> _Wording:
        own_function = contribution.function
        function = person.function if own_function is None else own_function or None
        organisation_id = person.organisation
        organisation = None
        if organisation_id is not None:
            organisation = self.organisations.get(organisation_id) or Organisation(
                id=organisation_id, name=organisation_id
            )
        own = contribution.organisation
        text: str | None = None
        if own is None:
            if organisation is not None:
                text = (
                    organisation.name
                    if contribution.organisation_form is OrganisationForm.LONG
                    else organisation.display_name
                )
                if function is not None and names_organisation(function, organisation):
                    text = None
        elif own is not False:
            text = own
        place = person.place
        if function is None and text is None and place is None:
            return None, organisation, None, ()
        details = _parts(function, text, place)
        return function, organisation, text, details


def _parts(*parts: str | None) -> tuple[str, ...]:
    """The parts that are there, without blanks around them: what a line prints."""
    return tuple(stripped for part in parts if part and (stripped := part.strip()))


def names_organisation(function: str, organisation: Organisation) -> bool:
    """Whether *function* already names *organisation*, so that the line need not repeat it.

    It does where the organisation's name or short name stands in it as a whole
    word, with the same capitals: ``Vorsitzende BDKJ Aachen`` names ``BDKJ Aachen``,
    ``Abteilungsleiter im MAGS`` names ``MAGS``; ``Leiterin MAGSforschung`` does not.
    """
    return any(
        _has_word(function, name) for name in (organisation.name, organisation.short_name) if name
    )


def _has_word(text: str, word: str) -> bool:
    """Whether *word* stands in *text* with no letter, digit or ``_`` right before or after it."""
    start = text.find(word)
    while start != -1:
        end = start + len(word)
        if not (start and _is_word_character(text[start - 1])) and not (
            end < len(text) and _is_word_character(text[end])
        ):
            return True
        start = text.find(word, start + 1)
    return False


def _is_word_character(character: str) -> bool:
    return character.isalnum() or character == "_"


def _primary(tag: str) -> str:
    return tag.split("-", 1)[0].casefold()


def _latest_end(slot: Slot) -> dt.datetime | None:
    """The latest end a session of *slot* gives itself, where it is after the slot's start."""
    ends = [s.end for s in slot.walk_sessions() if s.end is not None and s.end > slot.start]
    return max(ends, default=None)
