"""What changed between two versions of a programme, field by field, over the resolved view.

:func:`diff` compares the resolved items (:func:`~eventprogram.timeline`) of an
old and a new programme, matched by id, and says for each item that a reader
would find different:

- **added** (:attr:`Status.ADDED`): the id is new.
- **cancelled** (:attr:`Status.CANCELLED`): the id is gone from the new
  programme, or the new programme marks it cancelled (``cancelled = true`` on it,
  or on the slot or session that holds it) where the old one did not. An item
  cancelled in both, or cancelled in the old one and deleted from the new one, is
  no news and not reported.
- **moved** (:attr:`Status.MOVED`): its start or its end is another instant.
- **changed** (:attr:`Status.CHANGED`): its room, title, kind, description or
  accessibility provisions changed, people were added or removed or their roles
  changed, or an item cancelled before takes place again. A moved item carries these changes too:
  its status is *moved*, and :attr:`Change.fields` and :attr:`Change.people`
  hold everything.

**How a moved slot reports its sessions.** Every item is compared as the reader
sees it, resolved: a session that takes its times from its slot moves with it,
and is reported as *moved* itself, beside the slot. The same holds for rooms:
a slot that changes room reports every session that sits in the slot's room as
changed too, and a slot whose provisions change (sign-language interpreting
dropped) reports every session that takes its provisions from the slot.
Whoever looks up their own session finds it in the list; a format that wants a
shorter list can leave out a change whose parent's change says the same
(:meth:`Changes.get` of ``change.item.parent.id``).

**Deleted items.** An item deleted from the new programme has no place in the
new timeline. :attr:`Changes.cancelled_items` holds their *old* resolved items,
so that an exporter can still show them, struck through and labelled
"abgesagt" / "cancelled" (their own :attr:`Item.cancelled` says ``False``: they
were not cancelled in the old programme). :meth:`Change.item` is the new item
where there is one, else the old one.

**Order.** Changes are sorted by the start of the item (the new one where
there is one, else the old one), then by the ids from its slot down to it
(:attr:`Item.lineage`): a slot comes before its sessions, a session before its
sub-sessions, and the rest by id. The same two programmes always give the same
list, whatever the order of their items in the sources.

**Ids.** Items are matched by id. Where a programme uses an id twice (validation
reports it), the first item with that id counts and the others are not compared.

**Provisions.** An item's accessibility provisions (:attr:`Item.provisions`,
resolved: its own, else its parent's) are compared as a set of offers, each
made canonical: the provision's id, its sign language
(``DGS`` where a ``sign-language`` provision names none, so naming ``DGS`` or
naming nothing is the same), its languages as a set, and its note without the
blanks around it. The order of the provisions or of their languages, and an
offer listed twice, count for nothing; another sign language, another language,
another or a new note count. A change of a provision's label in the programme's
vocabulary is no change of an item. The old and new values of
:attr:`Field.PROVISIONS` are these canonical offers, sorted by id.

**People.** Per item and person id: *added* (not in the old item), *removed*
(not in the new one), or *roles* (in both, with another set of roles; the order
of the roles does not count). :meth:`Changes.for_person` gives every change that
concerns one person: each item they appear in, in the old or the new version,
that changed. A change of the person's own entry (their function, their name)
is no change of an item and not reported.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterator
from typing import Any, Final

import attrs

from ._i18n import Language, format_day, format_span, format_time, provision_line, word
from ._model import Offer, Programme, Provision
from ._timeline import Item, Provided, Timeline, timeline

__all__ = [
    "CHANGES_FORMAT",
    "Change",
    "Changes",
    "Field",
    "FieldChange",
    "PersonChange",
    "PersonStatus",
    "Status",
    "diff",
]

CHANGES_FORMAT: Final = "eventprogram-changes/1"
"""The ``format`` marker of the JSON changes document (:meth:`Changes.to_dict`)."""


class Status(enum.StrEnum):
    """What happened to an item, as the change list labels it."""

    ADDED = "added"
    """New in this version: "neu" / "new"."""
    CHANGED = "changed"
    """Room, title, kind, description, provisions or people changed: "geändert" / "changed"."""
    MOVED = "moved"
    """Its start or end changed (and maybe more): "verschoben" / "moved"."""
    CANCELLED = "cancelled"
    """Deleted, or marked cancelled: "abgesagt" / "cancelled"."""

    def label(self, language: Language) -> str:
        """``neu``, ``geändert``, ``verschoben``, ``abgesagt``; ``new``, ``changed``, … ."""
        return word(f"status_{self.value}", language)


class Field(enum.StrEnum):
    """A fact of an item whose change the diff reports."""

    START = "start"
    END = "end"
    ROOM = "room"
    TITLE = "title"
    KIND = "kind"
    DESCRIPTION = "description"
    CANCELLED = "cancelled"
    """Only from ``True`` to ``False``: the item takes place again."""
    PROVISIONS = "provisions"
    """Its accessibility provisions, as canonical offers sorted by id (see the module)."""

    def label(self, language: Language) -> str:
        """``Beginn``, ``Ende``, ``Raum``, …; ``Start``, ``End``, ``Room``, … ."""
        return word(f"field_{self.value}", language)


FieldValue = dt.datetime | str | bool | tuple[Offer, ...] | None
"""An old or new value: an aware time for start and end (in the programme's zone), the
room's or kind's id, the text of a title or description, a flag for cancelled, the
canonical offers (:class:`Offer`, sorted) for provisions."""


@attrs.frozen
class FieldChange:
    """One field of an item with its old and its new value.

    Start and end are aware times in their programme's zone. A room or kind is its id
    (``None``: no room); read names from :attr:`Change.old` and :attr:`Change.new`.
    Provisions are the item's canonical offers, sorted (``()``: none).
    """

    field: Field
    old: FieldValue
    new: FieldValue


class PersonStatus(enum.StrEnum):
    """What changed for one person in one item."""

    ADDED = "added"
    """They appear in the new item and not in the old one."""
    REMOVED = "removed"
    """They appear in the old item and not in the new one."""
    ROLES = "roles"
    """They appear in both, with another set of roles."""


@attrs.frozen
class PersonChange:
    """One person's change in one item, by person id.

    ``old_roles`` and ``new_roles`` are role ids in the programme's order (empty where
    the person is not in that version of the item); ``name`` is the person's name as
    printed, from the new programme where they are in it.
    """

    person: str
    status: PersonStatus
    name: str
    old_roles: tuple[str, ...]
    new_roles: tuple[str, ...]


@attrs.frozen(eq=False)
class Change:
    """Everything that changed about one item, by id.

    ``old`` is the item in the old programme's timeline (``None`` where it is added);
    ``new`` the one in the new timeline (``None`` where it was deleted).
    """

    id: str
    status: Status
    old: Item | None
    new: Item | None
    fields: tuple[FieldChange, ...] = ()
    people: tuple[PersonChange, ...] = ()

    @property
    def item(self) -> Item:
        """The item as it is now: the new one, else (deleted) the old one."""
        item = self.new if self.new is not None else self.old
        assert item is not None  # noqa: S101 -- a change has at least one side
        return item

    @property
    def deleted(self) -> bool:
        """Whether the item is gone from the new programme (and so cancelled)."""
        return self.new is None

    def field(self, name: Field) -> FieldChange | None:
        """The change of *name*, or ``None`` where that field did not change."""
        return next((change for change in self.fields if change.field is name), None)

    def person_ids(self) -> tuple[str, ...]:
        """Every person in the old or the new item, in order of first appearance."""
        seen: dict[str, None] = {}
        for item in (self.old, self.new):
            if item is not None:
                for appearance in item.people:
                    seen.setdefault(appearance.contribution.person, None)
        return tuple(seen)


@attrs.frozen(eq=False)
class Changes:
    """The changes from one programme to another: made by :func:`diff`.

    Iterating gives the :class:`Change` records in order (start, then slot before its
    sessions, then id); an empty
    ``Changes`` is false.
    """

    old: Timeline
    new: Timeline
    changes: tuple[Change, ...]
    _by_id: dict[str, Change] = attrs.field(alias="_by_id", repr=False)

    def __iter__(self) -> Iterator[Change]:
        return iter(self.changes)

    def __len__(self) -> int:
        return len(self.changes)

    def __bool__(self) -> bool:
        return bool(self.changes)

    @property
    def old_revision(self) -> dt.datetime | None:
        """The old programme's ``revision``."""
        return self.old.programme.revision

    @property
    def new_revision(self) -> dt.datetime | None:
        """The new programme's ``revision``."""
        return self.new.programme.revision

    def get(self, id: str) -> Change | None:  # noqa: A002 -- the domain's word
        """The change of the item with *id*, or ``None`` where it did not change."""
        return self._by_id.get(id)

    def with_status(self, status: Status) -> tuple[Change, ...]:
        """The changes of one status, in order."""
        return tuple(change for change in self.changes if change.status is status)

    @property
    def cancelled_items(self) -> tuple[Item, ...]:
        """The old resolved items of everything deleted from the new programme, in order.

        Exporters show them struck through and labelled cancelled; their own
        ``cancelled`` is ``False``, since the old programme did not cancel them.
        """
        return tuple(c.old for c in self.changes if c.new is None and c.old is not None)

    def for_person(self, person: str) -> tuple[Change, ...]:
        """Every change of an item that *person* (an id) appears in, old or new, in order."""
        return tuple(change for change in self.changes if person in change.person_ids())

    def people(self) -> tuple[str, ...]:
        """The ids of everyone who appears in a changed item, sorted."""
        return tuple(sorted({p for change in self.changes for p in change.person_ids()}))

    def to_dict(self) -> dict[str, Any]:
        """The changes document: plain JSON data, described by ``changes.schema.json``."""
        return {
            "format": CHANGES_FORMAT,
            "programme": self.new.programme.id,
            "old_revision": _iso(self.old_revision),
            "new_revision": _iso(self.new_revision),
            "changes": [_change_data(self, change) for change in self.changes],
        }

    def to_text(self, language: Language) -> str:
        """The change list as plain text in *language*, one block per item, ending in a newline."""
        return "\n".join(self.text_lines(language)) + "\n"

    def text_lines(self, language: Language) -> tuple[str, ...]:
        """The lines of :meth:`to_text`, without line breaks between them.

        Text from the programme (a title) may hold line breaks or control characters of its
        own: whoever prints them escapes each line, as the CLI does.
        """
        return tuple(_text(self, language))


def diff(old: Programme, new: Programme) -> Changes:
    """What changed from *old* to *new*, item by item, over the resolved view.

    See the module's documentation for what is reported and how.
    """
    old_view, new_view = timeline(old), timeline(new)
    old_items = _first_by_id(old_view)
    new_items = _first_by_id(new_view)
    changes: list[Change] = []
    zones = (old.zone, new.zone)
    for id_, item in new_items.items():
        before = old_items.get(id_)
        change = _compare(id_, before, item, zones)
        if change is not None:
            changes.append(change)
    for id_, before in old_items.items():
        if id_ not in new_items and not before.cancelled:
            changes.append(Change(id=id_, status=Status.CANCELLED, old=before, new=None))
    changes.sort(key=lambda change: (change.item.start_utc, change.item.lineage))
    return Changes(
        old=old_view,
        new=new_view,
        changes=tuple(changes),
        _by_id={change.id: change for change in changes},
    )


def _first_by_id(view: Timeline) -> dict[str, Item]:
    items: dict[str, Item] = {}
    for item in view.items:
        items.setdefault(item.id, item)
    return items


def _compare(
    id_: str, old: Item | None, new: Item, zones: tuple[dt.tzinfo, dt.tzinfo]
) -> Change | None:
    if old is None:
        status = Status.CANCELLED if new.cancelled else Status.ADDED
        return Change(id=id_, status=status, old=None, new=new)
    if new.cancelled:
        if old.cancelled:
            return None
        return Change(id=id_, status=Status.CANCELLED, old=old, new=new)
    fields = _fields(old, new, zones)
    people = _people(old, new)
    if not fields and not people:
        return None
    moved = any(f.field in {Field.START, Field.END} for f in fields)
    status = Status.MOVED if moved else Status.CHANGED
    return Change(id=id_, status=status, old=old, new=new, fields=fields, people=people)


def _fields(old: Item, new: Item, zones: tuple[dt.tzinfo, dt.tzinfo]) -> tuple[FieldChange, ...]:
    """The fields that differ between *old* and *new*, both not cancelled now."""
    fields: list[FieldChange] = []
    if old.start_utc != new.start_utc:
        start = (_aware(old, "start", zones[0]), _aware(new, "start", zones[1]))
        fields.append(FieldChange(Field.START, *start))
    if old.end_utc != new.end_utc:
        end = (_aware(old, "end", zones[0]), _aware(new, "end", zones[1]))
        fields.append(FieldChange(Field.END, *end))
    old_room = old.room.id if old.room is not None else None
    new_room = new.room.id if new.room is not None else None
    if old_room != new_room:
        fields.append(FieldChange(Field.ROOM, old_room, new_room))
    if old.title != new.title:
        fields.append(FieldChange(Field.TITLE, old.title, new.title))
    if old.kind.id != new.kind.id:
        fields.append(FieldChange(Field.KIND, old.kind.id, new.kind.id))
    if old.source.description != new.source.description:
        fields.append(
            FieldChange(Field.DESCRIPTION, old.source.description, new.source.description)
        )
    old_offers, new_offers = _canonical_offers(old), _canonical_offers(new)
    if old_offers != new_offers:
        fields.append(FieldChange(Field.PROVISIONS, old_offers, new_offers))
    if old.cancelled:
        fields.append(FieldChange(Field.CANCELLED, True, False))
    return tuple(fields)


def _canonical(provided: Provided) -> Offer:
    sign_language = provided.sign_language  # resolved: DGS where a sign-language names none
    note = provided.note.strip() if provided.note is not None else None
    return Offer(
        provision=provided.id,
        sign_language=sign_language.strip() if sign_language is not None else None,
        languages=tuple(sorted(set(provided.languages))),
        note=note or None,
    )


def _canonical_offers(item: Item) -> tuple[Offer, ...]:
    """*item*'s resolved provisions as the diff compares them: canonical offers, sorted.

    Each offer names its provision's id, its sign language (``DGS`` for a
    ``sign-language`` provision that names none), its languages sorted, and its note
    without surrounding blanks; an offer listed twice is there once. Two items whose
    canonical offers are equal offer the same to their readers.
    """
    offers = {_canonical(provided) for provided in item.provisions}
    return tuple(
        sorted(
            offers,
            key=lambda o: (o.provision, o.sign_language or "", o.languages, o.note or ""),
        )
    )


def _aware(item: Item, which: str, zone: dt.tzinfo) -> dt.datetime:
    """The item's start or end as an aware time in *zone*, its programme's."""
    instant = item.start_utc if which == "start" else item.end_utc
    return instant.astimezone(zone)


def _roles_by_person(item: Item) -> dict[str, tuple[str, ...]]:
    """Each person's roles in *item*, in order; a person listed twice gets both lists' roles."""
    roles: dict[str, dict[str, None]] = {}
    for appearance in item.people:
        mine = roles.setdefault(appearance.contribution.person, {})
        for role in appearance.role_ids:
            mine.setdefault(role, None)
    return {person: tuple(found) for person, found in roles.items()}


def _names(item: Item) -> dict[str, str]:
    names: dict[str, str] = {}
    for appearance in item.people:
        names.setdefault(appearance.contribution.person, appearance.name)
    return names


def _people(old: Item, new: Item) -> tuple[PersonChange, ...]:
    before, after = _roles_by_person(old), _roles_by_person(new)
    names = {**_names(old), **_names(new)}
    changes: list[PersonChange] = []
    for person, roles in after.items():
        if person not in before:
            changes.append(PersonChange(person, PersonStatus.ADDED, names[person], (), roles))
        elif set(before[person]) != set(roles):
            changes.append(
                PersonChange(person, PersonStatus.ROLES, names[person], before[person], roles)
            )
    for person, roles in before.items():
        if person not in after:
            changes.append(PersonChange(person, PersonStatus.REMOVED, names[person], roles, ()))
    return tuple(changes)


# -- the changes document -------------------------------------------------------------


def _iso(value: dt.datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def _offer_data(offer: Offer) -> dict[str, Any]:
    return {
        "provision": offer.provision,
        "sign_language": offer.sign_language,
        "languages": list(offer.languages),
        "note": offer.note,
    }


def _json_value(value: FieldValue) -> str | bool | list[dict[str, Any]] | None:
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_offer_data(offer) for offer in value]
    return value


def _zone_of(changes: Changes, change: Change) -> dt.tzinfo:
    return (changes.old if change.deleted else changes.new).programme.zone


def _change_data(changes: Changes, change: Change) -> dict[str, Any]:
    item = change.item
    zone = _zone_of(changes, change)
    return {
        "id": change.id,
        "status": change.status.value,
        "deleted": change.deleted,
        "title": item.title,
        "start": _aware(item, "start", zone).isoformat(),
        "end": _aware(item, "end", zone).isoformat(),
        "room": item.room.id if item.room is not None else None,
        "parent": item.parent.id if item.parent is not None else None,
        "fields": [
            {"field": f.field.value, "old": _json_value(f.old), "new": _json_value(f.new)}
            for f in change.fields
        ],
        "people": [
            {
                "person": p.person,
                "status": p.status.value,
                "name": p.name,
                "old_roles": list(p.old_roles),
                "new_roles": list(p.new_roles),
            }
            for p in change.people
        ],
    }


# -- the change list as text ------------------------------------------------------------


def _when(item: Item, language: Language) -> str:
    start, end = item.start, item.end
    day = format_day(start.date(), language)
    span = format_span(start, None if item.runs_from else end, language)
    return f"{day}, {span}"


def _room_name(view: Timeline, room: str | None, language: Language) -> str:
    if room is None:
        return word("no_room", language)
    try:
        return view.programme.room(room).name
    except KeyError:
        return room


def _kind_name(view: Timeline, kind: str, language: Language) -> str:
    try:
        return view.programme.kind(kind).label(language)
    except KeyError:
        return kind


def provisions_text(view: Timeline, value: FieldValue, language: Language) -> str:
    """``Gebärdensprachdolmetschen (DGS); Schriftdolmetschen``, or ``keine`` / ``none``.

    *value* is the old or new value of a :attr:`Field.PROVISIONS` change; the labels are
    those of *view*'s programme (the old one for the old value, the new one for the new).
    """
    if not isinstance(value, tuple) or not value:
        return word("no_provisions", language)
    lines = []
    for offer in value:
        try:
            provision = view.programme.provision(offer.provision)
        except KeyError:
            provision = Provision(offer.provision, offer.provision, offer.provision)
        provided = Provided(provision=provision, offer=offer, sign_language=offer.sign_language)
        lines.append(provision_line(provided, language))
    return "; ".join(lines)


def _role_names(view: Timeline, roles: tuple[str, ...], language: Language) -> str:
    names = []
    for role in roles:
        try:
            names.append(view.programme.role(role).label(language))
        except KeyError:
            names.append(role)
    return ", ".join(names)


def _field_line(  # noqa: PLR0911 -- one line per field
    changes: Changes, field: FieldChange, change: Change, language: Language
) -> str:
    label = field.field.label(language)
    arrow = "→"
    if field.field in {Field.START, Field.END}:
        assert change.old is not None  # noqa: S101 -- a moved item is in both versions
        assert change.new is not None  # noqa: S101
        return f"{word('before', language)}: {_when(change.old, language)}"
    if field.field is Field.ROOM:
        old = _room_name(changes.old, field.old if isinstance(field.old, str) else None, language)
        new = _room_name(changes.new, field.new if isinstance(field.new, str) else None, language)
        return f"{label}: {old} {arrow} {new}"
    if field.field is Field.KIND:
        return (
            f"{label}: {_kind_name(changes.old, str(field.old), language)}"
            f" {arrow} {_kind_name(changes.new, str(field.new), language)}"
        )
    if field.field is Field.TITLE:
        return f"{label}: {field.old} {arrow} {field.new}"
    if field.field is Field.DESCRIPTION:
        return word("description_changed", language)
    if field.field is Field.PROVISIONS:
        old = provisions_text(changes.old, field.old, language)
        new = provisions_text(changes.new, field.new, language)
        return f"{label}: {old} {arrow} {new}"
    return word("reinstated", language)


def _person_line(changes: Changes, person: PersonChange, language: Language) -> str:
    if person.status is PersonStatus.ADDED:
        roles = _role_names(changes.new, person.new_roles, language)
        return f"{word('person_added', language)}: {person.name} ({roles})"
    if person.status is PersonStatus.REMOVED:
        roles = _role_names(changes.old, person.old_roles, language)
        return f"{word('person_removed', language)}: {person.name} ({roles})"
    old = _role_names(changes.old, person.old_roles, language)
    new = _role_names(changes.new, person.new_roles, language)
    return f"{word('person_roles', language)}: {person.name}: {old} → {new}"


def _title(changes: Changes, language: Language) -> str:
    title = word("changes", language)
    revision = changes.new_revision
    if revision is not None:
        local = revision.astimezone(changes.new.programme.zone)
        stamp = f"{format_day(local.date(), language)}, {format_time(local, language)}"
        title += f" ({word('revision', language)} {stamp})"
    return title


def _text(changes: Changes, language: Language) -> list[str]:
    lines = [_title(changes, language), ""]
    if not changes:
        lines.append(word("no_changes", language))
        return lines
    for change in changes:
        item = change.item
        lines.append(f"{change.status.label(language)}: {item.numbered_title}")
        lines.append(f"  {_when(item, language)}")
        lines.extend(f"  {line}" for line in details(changes, change, language))
        lines.append("")
    return lines[:-1]


def details(changes: Changes, change: Change, language: Language) -> list[str]:
    """What the change list says of *change* below its title and time, line by line.

    The room where it did not change, then the changed fields (start and end as one
    ``vorher: …`` line), then the people; every format's change list says the same.
    """
    item = change.item
    lines = []
    if item.room is not None and not change.deleted and change.field(Field.ROOM) is None:
        lines.append(f"{word('room', language)}: {item.room.name}")
    seen_time = False
    for field in change.fields:
        if field.field in {Field.START, Field.END}:
            if seen_time:
                continue
            seen_time = True
        lines.append(_field_line(changes, field, change, language))
    lines.extend(_person_line(changes, p, language) for p in change.people)
    return lines


def when(item: Item, language: Language) -> str:
    """``Donnerstag, 15. Mai 2025, 12:00–12:30 Uhr``: the item's day and time in the change list."""
    return _when(item, language)


def since(changes: Changes, language: Language) -> str | None:
    """``Seit dem Stand vom Donnerstag, 8. Mai 2025, 09:00 Uhr.``; ``None`` without a revision."""
    revision = changes.old_revision
    if revision is None:
        return None
    local = revision.astimezone(changes.old.programme.zone)
    stamp = f"{format_day(local.date(), language)}, {format_time(local, language)}"
    return f"{word('changes_since', language)} {stamp}."


def heading(changes: Changes, language: Language) -> str:
    """``Programmänderungen (Stand Montag, 12. Mai 2025, 14:00 Uhr)``: the change list's title."""
    return _title(changes, language)
