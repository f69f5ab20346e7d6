"""The adapter: a pretalx event and schedule as an eventprogram programme."""

from __future__ import annotations

import datetime as dt

import pytest
from django_scopes import scope

import eventprogram
from conftest import BREAK_TITLE, DAY, SCRIPT_TITLE, release
from eventprogram.integrations.pretalx.adapter import language_tag, programme_of


@pytest.fixture
def programme(event):
    return programme_of(event)


def sessions_and_slots(programme):
    """Every slot with nothing inside, and every session: the items of the schedule."""
    for day in programme.days:
        for slot in day.slots:
            if slot.sessions:
                yield from slot.sessions
            else:
                yield slot


class TestProgramme:
    def test_validates(self, programme):
        """The programme has no errors by eventprogram's rules."""
        report = eventprogram.validate(programme)
        assert report.ok, report.to_text("en")

    def test_keeps_everything(self, programme):
        """Every talk, the break, both rooms and all three speakers are kept."""
        titles = [item.title for item in sessions_and_slots(programme)]
        assert sorted(titles) == sorted([SCRIPT_TITLE, "Sozialplanung mit Daten", BREAK_TITLE])
        assert [r.name for r in programme.venue.rooms] == ["Großer Saal", "Studio"]
        assert sorted(p.name for p in programme.people) == [
            "Ada Lovelace",
            "Gabi Schmidt",
            "Grace Hopper",
        ]

    def test_parallel_talks_share_a_slot(self, programme):
        """The two talks that overlap in two rooms are parallel sessions of one slot."""
        (day,) = programme.days
        assert day.date == DAY
        parallel, pause = day.slots
        assert [s.title for s in parallel.sessions] == [SCRIPT_TITLE, "Sozialplanung mit Daten"]
        assert {s.room for s in parallel.sessions} == {r.id for r in programme.venue.rooms}
        assert programme.kind(pause.kind).is_break
        assert pause.title == BREAK_TITLE

    def test_wall_clock_times(self, programme):
        """Times are naive wall-clock times in the event's zone, 10:00 as in Berlin."""
        (day,) = programme.days
        assert day.slots[0].start == dt.datetime(2025, 6, 12, 10, 0)
        assert day.slots[1].end == dt.datetime(2025, 6, 12, 11, 30)
        assert programme.timezone == "Europe/Berlin"

    def test_talk_details(self, programme):
        """A talk brings its abstract and description, type, track, language and speakers."""
        talk = next(s for s in sessions_and_slots(programme) if s.title == SCRIPT_TITLE)
        assert talk.description == "What a title can do.\n\nA talk about escaping."
        assert talk.kind == "talk"
        assert talk.track == "Daten"
        assert talk.language == "en"
        assert talk.url
        assert [programme.person(c.person).name for c in talk.people] == [
            "Ada Lovelace",
            "Grace Hopper",
        ]
        assert all(c.roles == ("speaker",) for c in talk.people)

    def test_custom_kind(self, programme):
        """A submission type eventprogram does not know becomes a kind of the programme."""
        workshop = next(s for s in sessions_and_slots(programme) if s.title.startswith("Sozial"))
        assert programme.kind(workshop.kind).de == "Werkstatt"
        assert workshop.kind in {k.id for k in programme.kinds}

    def test_event_fields(self, event, programme):
        """Slug, name, locale, version and the release time come from the event and schedule."""
        assert programme.id == "fachtag"
        assert programme.title == "Fachtag Sozialplanung"
        assert programme.language == "de"
        assert programme.version == "1.0"
        with scope(event=event):
            assert programme.revision == event.current_schedule.published
        assert programme.revision.utcoffset() is not None

    def test_given_schedule(self, event):
        """An older release can be exported as well as the current one."""
        with scope(event=event):
            first = event.current_schedule
            event = release(event, "2.0")
        assert programme_of(event).version == "2.0"
        assert programme_of(event, first).version == "1.0"


class TestLanguageTag:
    @pytest.mark.parametrize(
        ("locale", "tag"),
        [("de", "de"), ("de-formal", "de"), ("pt_BR", "pt-BR"), ("", None), ("x!", None)],
    )
    def test_tags(self, locale, tag):
        """pretalx's locales become BCP 47 tags; what cannot be one is left out."""
        assert language_tag(locale) == tag
