"""Talks after midnight are on the same day in the pretalx adapter as in the importers (#11)."""

from __future__ import annotations

import datetime as dt

from django_scopes import scope

from conftest import DAY, ZONE, _slot, new_event, release
from eventprogram.integrations.pretalx.adapter import programme_of


def test_a_talk_at_half_past_midnight_is_on_the_day_before(db):
    """A talk at 00:30 after the first day is listed under the first day, as pretalx lists it."""
    from pretalx.schedule.models import Room
    from pretalx.submission.models import Submission, SubmissionType

    event = new_event("Nachtprogramm", "nacht", organiser=("Nachtschicht", "nachtschicht"))
    event.date_to = DAY + dt.timedelta(days=1)
    event.save()
    with scope(event=event):
        hall = Room.objects.create(event=event, name="Saal", position=0)
        talk = SubmissionType.objects.create(event=event, name="Talk", default_duration=30)
        for title, start in (
            ("Abends", dt.datetime.combine(DAY, dt.time(22), tzinfo=ZONE)),
            (
                "Nachts",
                dt.datetime.combine(DAY + dt.timedelta(days=1), dt.time(0, 30), tzinfo=ZONE),
            ),
            ("Morgens", dt.datetime.combine(DAY + dt.timedelta(days=1), dt.time(9), tzinfo=ZONE)),
        ):
            submission = Submission.objects.create(
                event=event, title=title, submission_type=talk, state="confirmed"
            )
            _slot(
                event.wip_schedule,
                submission=submission,
                room=hall,
                start=start,
                end=start + dt.timedelta(minutes=30),
            )
        event = release(event, "1.0")
    programme = programme_of(event)
    days = {day.date: [slot.title for slot in day.slots] for day in programme.days}
    assert days == {DAY: ["Abends", "Nachts"], DAY + dt.timedelta(days=1): ["Morgens"]}
