"""The resolved view as the formats show it with a change list: cancellations kept, changes marked.

A format that shows the changes since the previous release (``RenderOptions.changes``)
shows the new programme, and in it:

- every item the new programme marks ``cancelled`` (itself or what holds it), as it is
  without changes too;
- every item *deleted* from the new programme, from the old programme's resolved view
  (:attr:`Changes.cancelled_items`), at its old time among the new items: a deleted slot
  among the slots of its day (before a new slot of the same start, which is most often
  its replacement), a deleted session at its old place among its slot's sessions. A
  deleted slot shows only its sessions that are deleted too; a deleted item whose day
  is gone from the new programme is in the change list only;
- for each item, its mark: :attr:`Status.ADDED`, :attr:`Status.CHANGED`,
  :attr:`Status.MOVED`, :attr:`Status.CANCELLED`, or none.

Both kinds of cancellation read the same: "abgesagt" / "cancelled", struck through where
the format can. Nothing here is a fact of its own: it all comes from
:func:`~eventprogram.timeline` and :func:`~eventprogram.diff`.
"""

from __future__ import annotations

from collections.abc import Iterator

import attrs

from ._changes import Changes, Status
from ._timeline import Item, Timeline

__all__ = ["Marked"]


@attrs.frozen(eq=False)
class Marked:
    """The new programme's resolved view with its deleted items put back and its changes marked.

    Without changes (``changes`` is ``None``), it is the timeline as it is, and only items
    marked ``cancelled`` in the source are marked.
    """

    timeline: Timeline
    changes: Changes | None
    _deleted: dict[int, Item] = attrs.field(alias="_deleted", repr=False)
    """The deleted old items, by identity."""
    _orphans: dict[str, list[Item]] = attrs.field(alias="_orphans", repr=False)
    """Deleted sessions whose parent is in the new programme, by the parent's id."""
    _days: tuple[tuple[Item, ...], ...] = attrs.field(alias="_days", repr=False)
    _unplaced: tuple[Item, ...] = attrs.field(alias="_unplaced", repr=False)

    @classmethod
    def of(cls, view: Timeline, changes: Changes | None) -> Marked:
        """Mark *view*, the new programme's timeline, with *changes* (``None``: none known)."""
        deleted = {id(item): item for item in changes.cancelled_items} if changes else {}
        orphans: dict[str, list[Item]] = {}
        loose_slots: dict[int, list[Item]] = {}
        unplaced = []
        dates = {day.date: index for index, day in enumerate(view.programme.days)}
        for item in deleted.values():
            parent = item.parent
            if parent is None:
                day = dates.get(item.date)
                if day is not None:
                    loose_slots.setdefault(day, []).append(item)
                else:
                    unplaced.append(item)
            elif id(parent) not in deleted and view.get(parent.id) is not None:
                orphans.setdefault(parent.id, []).append(item)
        days = tuple(
            _merge_by_start(slots, loose_slots.get(index, ()))
            for index, slots in enumerate(view.days)
        )
        return cls(
            view,
            changes,
            _deleted=deleted,
            _orphans=orphans,
            _days=days,
            _unplaced=tuple(sorted(unplaced, key=lambda u: (u.start_utc, u.lineage))),
        )

    @property
    def days(self) -> tuple[tuple[Item, ...], ...]:
        """The slots of each day, deleted ones at their old time."""
        return self._days

    def children(self, item: Item) -> tuple[Item, ...]:
        """The sessions of *item*: its own, deleted ones at their old place.

        A deleted item shows only its sessions that are deleted too (one that lives on
        elsewhere in the new programme shows there).
        """
        if id(item) in self._deleted:
            return tuple(child for child in item.children if id(child) in self._deleted)
        orphans = self._orphans.get(item.id)
        if not orphans:
            return item.children
        merged = list(item.children)
        for orphan in sorted(orphans, key=lambda o: o.position):
            merged.insert(min(orphan.position - 1, len(merged)), orphan)
        return tuple(merged)

    def walk(self) -> Iterator[Item]:
        """Every item shown, in the page's order: each slot, then its sessions, depth first."""
        for day in self._days:
            for slot in day:
                yield from self._walk(slot)

    @property
    def unplaced(self) -> tuple[Item, ...]:
        """Deleted slots of a day the new programme no longer has, by start.

        The page and the Markdown have no place for them (the change list names them);
        the calendar keeps them, cancelled, so that subscribed calendars remove them.
        """
        return self._unplaced

    def walk_all(self) -> Iterator[Item]:
        """:meth:`walk`, then the :attr:`unplaced` slots and their deleted sessions."""
        yield from self.walk()
        for slot in self._unplaced:
            yield from self._walk(slot)

    def _walk(self, item: Item) -> Iterator[Item]:
        yield item
        for child in self.children(item):
            yield from self._walk(child)

    def parent(self, item: Item) -> Item | None:
        """What holds *item* as shown: for a deleted session, the new item of its parent's id."""
        parent = item.parent
        if parent is None or id(item) not in self._deleted or id(parent) in self._deleted:
            return parent
        return self.timeline.get(parent.id)

    def deleted(self, item: Item) -> bool:
        """Whether *item* is a deleted one, from the old programme."""
        return id(item) in self._deleted

    def cancelled(self, item: Item) -> bool:
        """Whether *item* is called off: marked so in the source, or deleted."""
        return item.cancelled or id(item) in self._deleted

    def status(self, item: Item) -> Status | None:
        """The mark of *item*: its change's status, cancelled where it is, else ``None``.

        An item marked ``cancelled`` in the source is marked so whether or not that is
        news since the previous release: it is called off either way.
        """
        if self.cancelled(item):
            return Status.CANCELLED
        if self.changes is None:
            return None
        change = self.changes.get(item.id)
        return change.status if change is not None else None

    def shown(self) -> frozenset[str]:
        """The ids of every item shown, for links to them."""
        return frozenset(item.id for item in self.walk())


def _merge_by_start(
    slots: tuple[Item, ...], deleted: list[Item] | tuple[Item, ...]
) -> tuple[Item, ...]:
    """*slots* with *deleted* ones put in at their start, before a new slot of the same start."""
    if not deleted:
        return slots
    merged = list(slots)
    old = {id(item) for item in deleted}
    for item in sorted(deleted, key=lambda d: (d.start_utc, d.lineage)):
        at = next(
            (
                index
                for index, slot in enumerate(merged)
                if id(slot) not in old and slot.start_utc >= item.start_utc
            ),
            len(merged),
        )
        merged.insert(at, item)
    return tuple(merged)
