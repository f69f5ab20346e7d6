"""The adapter asks the database a fixed number of times, however long the schedule (#13)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_scopes import scope

from conftest import DAY, ZONE, _slot, add_speaker, new_event, release
from eventprogram.integrations.pretalx.adapter import programme_of

MAX_QUERIES = 20


def schedule_of(talks: int, slug: str):
    """An event with *talks* talks in three rooms, a break, and speakers of several talks.

    Talk *i* has one speaker, or two when *i* is odd, out of a pool where each
    speaks two or three times; every third talk has no track. In pretalx 2026
    the second speaker of a talk is placed first (``position``), and half the
    speaker profiles have no name of their own, so that their user's shows.
    Returns the event and, by talk title, the names of its speakers in order.
    """
    from pretalx.schedule.models import Room
    from pretalx.submission.models import Submission, SubmissionType, Track

    event = new_event(f"Kongress {talks}", slug, organiser=(f"Verein {talks}", f"verein-{slug}"))
    event.date_to = DAY + dt.timedelta(days=1)
    event.save()
    through = Submission.speakers.through
    positioned = "position" in {f.name for f in through._meta.fields}  # noqa: SLF001 -- Django's public API
    expected = {}
    with scope(event=event):
        rooms = [Room.objects.create(event=event, name=f"Saal {i}", position=i) for i in range(3)]
        types = [
            SubmissionType.objects.create(event=event, name=name, default_duration=30)
            for name in ("Podium", "Werkstatt")
        ]
        tracks = [Track.objects.create(event=event, name=f"Track {i}") for i in range(2)]
        pool = []
        for i in range(max(1, talks // 2)):
            holder = Submission.objects.create(
                event=event, title=f"holder {i}", submission_type=types[0], state="rejected"
            )
            pool.append(add_speaker(event, holder, f"Person {i} & Co", f"p{i}@{slug}.example.org"))
            holder.speakers.clear()
        start = dt.datetime.combine(DAY, dt.time(9), tzinfo=ZONE)
        for i in range(talks):
            title = f"Vortrag {i}"
            submission = Submission.objects.create(
                event=event,
                title=title,
                submission_type=types[i % 2],
                track=tracks[i % 2] if i % 3 else None,
                state="confirmed",
                content_locale="de",
            )
            speakers = [pool[i % len(pool)]]
            if i % 2:
                speakers.append(pool[(i + 1) % len(pool)])
            for speaker in speakers:
                submission.speakers.add(speaker)
            if positioned and len(speakers) == 2:
                for position, speaker in ((1, speakers[0]), (0, speakers[1])):
                    through.objects.filter(submission=submission, speaker=speaker).update(
                        position=position
                    )
                speakers.reverse()
            expected[title] = [f"Person {pool.index(s)} & Co" for s in speakers]
            begins = start + dt.timedelta(minutes=40 * (i // 3))
            _slot(
                event.wip_schedule,
                submission=submission,
                room=rooms[i % 3],
                start=begins,
                end=begins + dt.timedelta(minutes=30),
            )
        _slot(
            event.wip_schedule,
            submission=None,
            room=rooms[0],
            start=start - dt.timedelta(minutes=30),
            end=start,
            description="Ankommen",
        )
        if hasattr(pool[0], "user"):  # 2026: a profile without a name shows its user's
            type(pool[0]).objects.filter(pk__in=[s.pk for s in pool[::2]]).update(name="")
        return release(event, "1.0"), expected


def exported(event):
    """The programme and the number of queries the adapter ran for it."""
    with CaptureQueriesContext(connection) as queries:
        programme = programme_of(event)
    return programme, len(queries.captured_queries)


@pytest.fixture
def small(db):
    return schedule_of(5, "klein")


@pytest.fixture
def large(db):
    return schedule_of(60, "gross")


class TestQueries:
    def test_constant(self, small, large):
        """5 talks and 60 talks take the same number of queries, at most 20."""
        _, few = exported(small[0])
        _, many = exported(large[0])
        assert few == many
        assert many <= MAX_QUERIES

    def test_everything_still_read(self, large):
        """Every talk keeps its speakers in pretalx's order, its type, track and address."""
        from pretalx.submission.models import Submission

        event, expected = large
        programme, _ = exported(event)
        talks = {
            session.title: session
            for day in programme.days
            for slot in day.slots
            for session in (slot.sessions or (slot,))
        }
        assert talks.pop("Ankommen").kind == "break"
        assert {
            title: [programme.person(c.person).name for c in talk.people]
            for title, talk in talks.items()
        } == expected
        with scope(event=event):
            for submission in Submission.objects.filter(event=event, state="confirmed"):
                talk = talks[submission.title]
                assert talk.url == submission.urls.public.full()
                assert talk.track == (str(submission.track.name) if submission.track else None)
                assert programme.kind(talk.kind).de == str(submission.submission_type.name)

    def test_count(self, small):
        """The schedule, rooms, types, tracks, slots with talks, speakers: six queries."""
        _, count = exported(small[0])
        assert count == 6


class TestNames:
    def test_a_speaker_without_a_name_is_named_by_code(self, event):
        """A speaker with no name of their own, nor a user's, is named by their code."""
        from pretalx.person.models import User
        from pretalx.submission.models import Submission

        with scope(event=event):
            submission = Submission.objects.get(event=event, title="Sozialplanung mit Daten")
            (speaker,) = submission.speakers.all()
            User.objects.filter(email="gabi@example.org").update(name="")
            if not isinstance(speaker, User):  # 2026: the profile has a name of its own
                type(speaker).objects.filter(pk=speaker.pk).update(name="")
        programme = programme_of(event)
        talk = next(
            s
            for day in programme.days
            for slot in day.slots
            for s in slot.sessions
            if s.title == "Sozialplanung mit Daten"
        )
        assert [programme.person(c.person).name for c in talk.people] == [speaker.code]
