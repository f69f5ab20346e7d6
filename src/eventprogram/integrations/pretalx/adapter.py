"""From a pretalx event and one of its schedules to an eventprogram programme.

What is mapped how:

- the event: slug → ``id``, name → ``title``, locale → ``language``, time zone →
  ``timezone``, schedule page → ``url``; the schedule's version → ``version`` and
  its release time → ``revision``, so that the same release gives the same output;
- rooms → the venue's rooms (``room-<pk>``); the venue is named after the event,
  since pretalx keeps no address;
- every visible slot of the schedule, in the event's wall-clock time: a talk
  becomes an item with its title, abstract and description, submission type (as
  the kind), track, language and page; a slot without a submission is a break;
- talks that overlap in time become parallel sessions of one slot
  (:func:`eventprogram._assemble.assemble`);
- speakers → people with their public name, in the role ``speaker``, in the order
  pretalx shows them.

The number of database queries does not grow with the schedule (six in all):
the slots come with their talks in one query, as columns rather than model
objects, the speakers of all talks in one more, rooms, types and tracks in one
each, and the talks' addresses are made from pretalx's address of one talk.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any, Final, NamedTuple

from django_scopes import scope

from eventprogram._assemble import Entry, Kinds, assemble, listed_day
from eventprogram._ids import Ids
from eventprogram._model import (
    Contribution,
    Person,
    Programme,
    Room,
    Venue,
    is_german,
    is_language_tag,
)

_PRETALX_LOCALES: Final = {"de-formal": "de"}
"""pretalx's locales that are not language tags of their own."""


def programme_of(event: Any, schedule: Any = None) -> Programme:
    """Return the programme of *event* as *schedule* has it.

    Args:
        event: A ``pretalx.event.models.Event``.
        schedule: One of its ``Schedule`` objects; by default the current, released one.

    Returns:
        The programme, with every visible talk and break of the schedule.

    Raises:
        LookupError: No schedule is given and the event has released none.
    """
    with scope(event=event):
        if schedule is None:
            schedule = event.current_schedule
        if schedule is None:
            raise LookupError(f"the event {event.slug!r} has released no schedule")
        return _programme(event, schedule)


def _programme(event: Any, schedule: Any) -> Programme:
    zone = zoneinfo.ZoneInfo(str(event.timezone))
    language = language_tag(event.locale) or "en"
    room_ids = Ids()
    rooms = {room.pk: _room(room, room_ids) for room in event.rooms.all()}
    person_ids = Ids()
    people: dict[str, Person] = {}
    entry_ids = Ids()
    kinds = Kinds()
    # Types and tracks once each, their texts once each: not with every talk.
    type_names = {t.pk: _text(t.name) for t in event.submission_types.all()}
    kind_of: dict[int, str] = {}
    track_names = {t.pk: _text(t.name) for t in event.tracks.all()}
    slots = _visible_slots(schedule)
    speakers = _speakers(slots)
    talk_url = _TalkUrls(event)
    entries = []
    for row in slots.values_list(*_SLOT_COLUMNS):
        slot = _Slot(*row)
        start = slot.start.astimezone(zone).replace(tzinfo=None)
        end = slot.end.astimezone(zone).replace(tzinfo=None)
        room = rooms[slot.room_id].id if slot.room_id in rooms else None
        if slot.submission_id is None:
            label = "Pause" if is_german(language) else "Break"
            entries.append(
                Entry(
                    # By its start, not its pk: each release copies the slots anew, and the
                    # change export matches a break across releases by its id.
                    id=entry_ids.make(f"break-{start:%Y-%m-%d-%H%M}"),
                    day=listed_day(start, event.date_from),
                    start=start,
                    end=end,
                    kind=kinds.id_for("Break", is_break=True),
                    title=_text(slot.description) or label,
                    room=room,
                )
            )
            continue
        contributions = []
        for code, name in speakers.get(slot.submission_id, ()):
            if code not in people:
                people[code] = Person(
                    id=person_ids.make(code, fallback="speaker"), family_name=name or code
                )
            contributions.append(Contribution(person=people[code].id, roles=("speaker",)))
        if slot.type_id not in kind_of:
            kind_of[slot.type_id] = kinds.id_for(type_names.get(slot.type_id))
        entries.append(
            Entry(
                id=entry_ids.make(slot.code, f"talk-{slot.pk}"),
                day=listed_day(start, event.date_from),
                start=start,
                end=end,
                kind=kind_of[slot.type_id],
                title=_text(slot.title) or slot.code,
                room=room,
                description=_join(slot.abstract, slot.talk_description),
                track=track_names.get(slot.track_id),
                language=language_tag(slot.content_locale),
                url=talk_url(slot.code),
                people=tuple(contributions),
            )
        )
    # A programme has at least one day: a schedule without slots shows the first.
    empty_days = () if entries else (event.date_from,)
    return Programme(
        id=Ids().make(event.slug, fallback="event"),
        title=_text(event.name) or event.slug,
        url=event.urls.schedule.full(),
        language=language,
        timezone=str(event.timezone),
        revision=schedule.published,
        version=_text(schedule.version),
        venue=Venue(name=_text(event.name) or event.slug, rooms=tuple(rooms.values())),
        days=assemble(entries, days=empty_days, language=language, ids=entry_ids),
        people=tuple(people.values()),
        kinds=kinds.custom,
        # pretalx does not record who moderates; every talk would be reported (EP501).
        disabled_rules=("no-moderation",),
    )


class _Slot(NamedTuple):
    """A visible slot and its talk, as :data:`_SLOT_COLUMNS` reads them."""

    pk: int
    start: dt.datetime
    end: dt.datetime
    room_id: int | None
    description: Any
    submission_id: int | None
    code: str
    title: str
    abstract: str | None
    talk_description: str | None
    content_locale: str | None
    type_id: int
    track_id: int | None


_SLOT_COLUMNS: Final = (
    "pk",
    "start",
    "end",
    "room_id",
    "description",
    "submission_id",
    "submission__code",
    "submission__title",
    "submission__abstract",
    "submission__description",
    "submission__content_locale",
    "submission__submission_type_id",
    "submission__track_id",
)
"""What the programme takes of a slot and its talk: columns, not model objects,
which would cost more than the rest of the adapter together."""


def _visible_slots(schedule: Any) -> Any:
    """The slots the schedule shows: timed, visible, and not of a deleted talk."""
    return (
        schedule.talks.filter(is_visible=True, start__isnull=False, end__isnull=False)
        .exclude(submission__state="deleted")
        .order_by("start", "room__position", "pk")
    )


def _speakers(slots: Any) -> dict[int, list[tuple[str, str | None]]]:
    """The speakers of every talk in *slots*, in one query: code and name, in their order.

    pretalx 2025's speakers are users, in the order they were added; pretalx
    2026's are speaker profiles, ordered by their ``position`` on the talk,
    whose name falls back to their user's. A speaker without any name is named
    by their code.
    """
    from pretalx.submission.models import Submission  # noqa: PLC0415 -- pretalx only when run in it

    role = Submission.speakers.through
    person = "speaker" if _has_field(role, "speaker") else "user"
    names = [f"{person}__name"]
    if _has_field(Submission.speakers.field.related_model, "user"):
        names.append(f"{person}__user__name")
    order = ("position", "pk") if _has_field(role, "position") else ("pk",)
    rows = (
        role.objects.filter(submission_id__in=slots.values("submission_id"))
        .order_by(*order)
        .values_list("submission_id", f"{person}__code", *names)
    )
    speakers: dict[int, list[tuple[str, str | None]]] = {}
    for submission_id, code, *candidates in rows:
        name = next((text for candidate in candidates if (text := _text(candidate))), None)
        speakers.setdefault(submission_id, []).append((code, name))
    return speakers


def _has_field(model: Any, name: str) -> bool:
    return any(field.name == name for field in model._meta.fields)  # noqa: SLF001 -- Django's public API


class _TalkUrls:
    """The public address of each talk, as pretalx makes it, without a query per talk.

    pretalx's address of the first talk is taken as the pattern: its code is
    replaced by each further talk's code. Where the code does not stand in the
    address exactly once, each talk's address is asked from pretalx, from a talk
    made in memory with the code and the event.
    """

    def __init__(self, event: Any) -> None:
        self._event = event
        self._around: tuple[str, str] | None = None

    def __call__(self, code: str) -> str | None:
        if self._around is not None:
            return f"{self._around[0]}{code}{self._around[1]}"
        from pretalx.submission.models import Submission  # noqa: PLC0415 -- pretalx only when run in it

        url = _talk_url(Submission(code=code, event=self._event))
        if url is not None and code and url.count(code) == 1:
            before, _, after = url.partition(code)
            self._around = (before, after)
        return url


def _room(room: Any, ids: Ids) -> Room:
    return Room(
        id=ids.make(f"room-{room.pk}"),
        name=_text(room.name) or f"Room {room.pk}",
        capacity=room.capacity or None,
        description=_text(room.description),
    )


def _talk_url(submission: Any) -> str | None:
    try:
        return str(submission.urls.public.full())
    except Exception:  # noqa: BLE001 -- a missing link is no reason to fail the export
        return None


def language_tag(locale: str | None) -> str | None:
    """Return pretalx's *locale* (``de``, ``de-formal``, ``pt_BR``) as a BCP 47 tag, or ``None``."""
    if not locale:
        return None
    tag = _PRETALX_LOCALES.get(locale.lower(), locale.replace("_", "-"))
    return tag if is_language_tag(tag) else None


def _text(value: Any) -> str | None:
    """The text of a plain or translated (i18n) pretalx field; ``None`` when blank."""
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _join(*parts: Any) -> str | None:
    texts = [t for part in parts if (t := _text(part))]
    return "\n\n".join(texts) or None
