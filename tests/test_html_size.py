"""The page's size grows with the programme by a fixed budget per session (issue #13).

A congress of 10,000 sessions must come out at most five times the Markdown's size and under
8 MB. Rendering 10,000 sessions takes seconds, so these tests render two smaller programmes of
the same shape and project: the difference is what each session adds, the rest is fixed.
"""

from __future__ import annotations

import datetime as dt

import pytest

import eventprogram as ep
from eventprogram.exporters import RenderOptions, get

TEXT = (
    "Die Kommunen stehen vor der Aufgabe, Sozialplanung, Pflegeplanung und Jugendhilfeplanung "
    "zusammenzuführen. Wie gelingt das mit den Daten, die es gibt, und mit denen, die fehlen? "
) * 3


ROLES = ("speaker", "moderation")


def congress(sessions: int, *, texts: bool) -> ep.Programme:
    """*sessions* in slots of ten parallel rooms; each with a moderator, or with three people,
    a subtitle and a description of about 600 characters where *texts*."""
    rooms = tuple(ep.Room(id=f"r{i}", name=f"Raum {i}") for i in range(10))
    people = tuple(
        ep.Person(
            id=f"p{i}",
            given_name="Maria",
            family_name=f"Muster {i}",
            function="Referentin für Sozialplanung" if texts else None,
            organisation="org" if texts else None,
        )
        for i in range(sessions // 2)
    )
    days = []
    count = 0
    date = dt.date(2026, 1, 5)
    while count < sessions:
        slots = []
        for index in range(20):
            start = dt.datetime.combine(date, dt.time(7)) + dt.timedelta(minutes=40 * index)
            group = []
            for room in rooms:
                names = [people[(count + k) % len(people)].id for k in range(3 if texts else 1)]
                group.append(
                    ep.Session(
                        id=f"s{count}",
                        title=f"Session {count}",
                        subtitle="Praxis und Forschung im Gespräch" if texts else None,
                        description=TEXT if texts else None,
                        room=room.id,
                        people=tuple(
                            ep.Contribution(person=name, roles=(ROLES[min(k, 1)],))
                            for k, name in enumerate(names)
                        ),
                    )
                )
                count += 1
            slots.append(
                ep.Slot(
                    id=f"slot-{date}-{index}",
                    kind="working-groups",
                    title="Arbeitsgruppen",
                    start=start,
                    end=start + dt.timedelta(minutes=40),
                    sessions=tuple(group),
                )
            )
        days.append(ep.Day(date=date, slots=tuple(slots)))
        date += dt.timedelta(days=1)
    return ep.Programme(
        id="congress",
        title="Großer Kongress",
        venue=ep.Venue(name="Messe", city="Essen", rooms=rooms),
        days=tuple(days),
        people=people,
        organisations=(ep.Organisation(id="org", name="Stadt Essen"),) if texts else (),
    )


def sizes(sessions: int, *, texts: bool, layout: str | None = None) -> tuple[int, int]:
    """The page's and the Markdown's bytes for a congress of *sessions*."""
    programme = congress(sessions, texts=texts)
    html = get("html").render(programme, RenderOptions(layout=layout))
    markdown = get("markdown").render(programme, RenderOptions())
    assert isinstance(html, str)
    assert isinstance(markdown, str)
    return len(html.encode()), len(markdown.encode())


SMALL, LARGE, TARGET = 400, 1400, 10_000


@pytest.mark.parametrize(
    ("texts", "budget"),
    [(False, 240), (True, 360)],
    ids=["titles-rooms-moderators", "texts-and-people"],
)
def test_congress_of_10000_sessions_within_budget(texts, budget):
    """Each session adds at most *budget* bytes more than it adds to the Markdown; projected to
    10,000 sessions the page is at most five times the Markdown, and under 8 MB (issue #13's
    generator, whose sessions have no texts)."""
    small_html, small_markdown = sizes(SMALL, texts=texts)
    large_html, large_markdown = sizes(LARGE, texts=texts)
    per_session = (large_html - small_html) / (LARGE - SMALL)
    markdown_per_session = (large_markdown - small_markdown) / (LARGE - SMALL)
    assert per_session - markdown_per_session <= budget, (per_session, markdown_per_session)
    html = large_html + (TARGET - LARGE) * per_session
    markdown = large_markdown + (TARGET - LARGE) * markdown_per_session
    assert html <= 5 * markdown, (html, markdown)
    if not texts:  # 600 characters of text a session are 6 MB of Markdown alone
        assert html < 8_000_000, html


@pytest.mark.parametrize(
    ("texts", "budget"),
    [(False, 420), (True, 600)],
    ids=["titles-rooms-moderators", "texts-and-people"],
)
def test_congress_of_10000_sessions_as_a_timetable(texts, budget):
    """The timetable layout (issue #19) of the same congress: each session adds at most
    *budget* bytes more than it adds to the Markdown (its cell, its own times, the rows), and
    projected to 10,000 sessions the page stays under 8 MB; with texts, within five times the
    Markdown. Sessions without texts, whose Markdown is a heading and a line, come out at about
    eight times theirs: every cell says its times, where the document says a block's once."""
    small_html, small_markdown = sizes(SMALL, texts=texts, layout="timetable")
    large_html, large_markdown = sizes(LARGE, texts=texts, layout="timetable")
    per_session = (large_html - small_html) / (LARGE - SMALL)
    markdown_per_session = (large_markdown - small_markdown) / (LARGE - SMALL)
    assert per_session - markdown_per_session <= budget, (per_session, markdown_per_session)
    html = large_html + (TARGET - LARGE) * per_session
    markdown = large_markdown + (TARGET - LARGE) * markdown_per_session
    if texts:
        assert html <= 5 * markdown, (html, markdown)
    else:
        assert html < 8_000_000, html
