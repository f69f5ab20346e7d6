"""A pretalx event to export: two rooms, two talks in parallel, a break, three speakers.

Real pretalx models in an SQLite database; nothing of pretalx is mocked. Where
pretalx 2025.2 and 2026.2 differ (creating an event, speakers, releasing a
schedule, enabling a plugin), the helpers here take either way.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django_scopes import scope, scopes_disabled

PLUGIN = "eventprogram.integrations.pretalx"
ZONE = zoneinfo.ZoneInfo("Europe/Berlin")
DAY = dt.date(2025, 6, 12)
SCRIPT_TITLE = "<script>alert(1)</script>"
BREAK_TITLE = "Kaffeepause"


def at(hour: int, minute: int = 0) -> dt.datetime:
    """The aware time on the event's first day, in Berlin."""
    return dt.datetime.combine(DAY, dt.time(hour, minute), tzinfo=ZONE)


def create_event(organiser, **fields):
    """An event made the way this pretalx makes one, with its CfP and WIP schedule."""
    try:
        from pretalx.event.domain.event import create_event as create  # 2026.2
    except ImportError:
        from pretalx.event.models import Event

        return Event.objects.create(
            organiser=organiser, locale_array="de,en", content_locale_array="de,en", **fields
        )
    return create(organiser=organiser, locales=["de", "en"], **fields)


def add_speaker(event, submission, name: str, email: str):
    """A user who speaks in *submission*: a User (2025.2) or their SpeakerProfile (2026.2)."""
    from pretalx.person.models import User

    user = User.objects.create_user(email=email, password="speaker-password", name=name)
    speaker = user.get_speaker(event) if hasattr(user, "get_speaker") else user
    if hasattr(speaker, "name") and not speaker.name:
        speaker.name = name
        speaker.save()
    submission.speakers.add(speaker)
    return speaker


def release(event, version: str):
    """Release the WIP schedule as *version*; return the event fetched anew."""
    from pretalx.event.models import Event

    if hasattr(event, "release_schedule"):  # 2025.2
        event.release_schedule(version, notify_speakers=False)
    else:  # 2026.2
        from pretalx.schedule.domain.release import freeze_schedule

        freeze_schedule(event.wip_schedule, version, notify_speakers=False)
    # The event caches its current schedule: fetch it anew.
    return Event.objects.get(pk=event.pk)


def set_plugin(event, *, enabled: bool):
    """Enable or disable the plugin for *event*; return the event fetched anew."""
    from pretalx.event.models import Event

    try:
        from pretalx.event.domain import plugins  # 2026.2
    except ImportError:
        (event.enable_plugin if enabled else event.disable_plugin)(PLUGIN)
        event.save()
    else:
        (plugins.enable_plugin if enabled else plugins.disable_plugin)(event, PLUGIN)
    return Event.objects.get(pk=event.pk)


def _slot(schedule, *, submission, room, start, end, **fields):
    from pretalx.schedule.models import TalkSlot

    names = {f.name for f in TalkSlot._meta.fields}  # noqa: SLF001 -- Django's public API
    if submission is None and "slot_type" in names:
        fields["slot_type"] = "break"  # 2026.2: only breaks, not blockers, are released
    return TalkSlot.objects.create(
        schedule=schedule, submission=submission, room=room, start=start, end=end, **fields
    )


def new_event(name: str, slug: str, *, organiser: tuple[str, str]):
    """A public one-day event in Berlin's time, in German, of a new organiser (name, slug)."""
    from pretalx.event.models import Organiser

    with scopes_disabled():
        owner = Organiser.objects.create(name=organiser[0], slug=organiser[1])
        return create_event(
            owner,
            name=name,
            slug=slug,
            is_public=True,
            email="orga@example.org",
            date_from=DAY,
            date_to=DAY,
            timezone="Europe/Berlin",
            locale="de",
        )


@pytest.fixture
def event(db):
    """A public event with a released schedule, the plugin not yet enabled."""
    from pretalx.schedule.models import Room
    from pretalx.submission.models import Submission, SubmissionType, Track

    event = new_event("Fachtag Sozialplanung", "fachtag", organiser=("Stadt Bottrop", "bottrop"))
    with scope(event=event):
        hall = Room.objects.create(event=event, name="Großer Saal", capacity=200, position=0)
        studio = Room.objects.create(event=event, name="Studio", position=1)
        talk = SubmissionType.objects.create(event=event, name="Talk", default_duration=45)
        workshop = SubmissionType.objects.create(event=event, name="Werkstatt")
        track = Track.objects.create(event=event, name="Daten", color="#336699")
        hostile = Submission.objects.create(
            event=event,
            title=SCRIPT_TITLE,
            submission_type=talk,
            track=track,
            state="confirmed",
            content_locale="en",
            abstract="What a title can do.",
            description="A talk about escaping.",
        )
        quiet = Submission.objects.create(
            event=event,
            title="Sozialplanung mit Daten",
            submission_type=workshop,
            state="confirmed",
            content_locale="de",
            abstract="Eine Werkstatt.",
        )
        add_speaker(event, hostile, "Ada Lovelace", "ada@example.org")
        add_speaker(event, hostile, "Grace Hopper", "grace@example.org")
        add_speaker(event, quiet, "Gabi Schmidt", "gabi@example.org")
        wip = event.wip_schedule
        _slot(wip, submission=hostile, room=hall, start=at(10), end=at(10, 45))
        _slot(wip, submission=quiet, room=studio, start=at(10), end=at(11))
        _slot(
            wip, submission=None, room=hall, start=at(11), end=at(11, 30), description=BREAK_TITLE
        )
        return release(event, "1.0")


@pytest.fixture
def enabled(event):
    """The event with the plugin enabled."""
    with scope(event=event):
        return set_plugin(event, enabled=True)
