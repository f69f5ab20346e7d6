""" "Add to calendar" in a real browser: the page's script makes one item's iCalendar file.

The file is caught as a download and read by two independent parsers, ``icalendar`` and
``ical``; it must hold the item's event as the iCal writer has it (UID, instants, place) and
its title as the page shows it, however hostile. Without JavaScript no button is left dead.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import attrs
import icalendar
import pytest
from ical.calendar_stream import IcsCalendarStream

import eventprogram as ep
from eventprogram import exporters

HOSTILE_TITLE = (
    'Semi;colon, comma \\ back\\slash\n<script>window.__pwned = "title"</script> – Überlänge ' * 2
)
"""Every character RFC 5545 escapes, a line break, markup, and non-ASCII past 75 octets."""
URL = "https://example.org/programm"


def programme(bottrop: ep.Programme) -> ep.Programme:
    """The example published online, AG 3 in the Großer Saal, its first Kleingruppe hostile;
    one slot with one session."""

    def change(session: ep.Session) -> ep.Session:
        session = attrs.evolve(session, sessions=tuple(map(change, session.sessions)))
        if session.id == "ag3":
            return attrs.evolve(session, room="saal")
        if session.id == "ag3-ressource":
            return attrs.evolve(session, title=HOSTILE_TITLE)
        return session

    day = bottrop.days[0]
    slots = tuple(
        attrs.evolve(slot, sessions=tuple(map(change, slot.sessions))) for slot in day.slots
    )
    # The Gallery Walk gets one session: no event of its own.
    slots = tuple(
        attrs.evolve(slot, sessions=(ep.Session(id="rundgang", title="Rundgang"),))
        if slot.id == "gallery-walk"
        else slot
        for slot in slots
    )
    return attrs.evolve(
        bottrop,
        page_url=URL,
        venue=attrs.evolve(bottrop.venue, rooms=(ep.Room(id="saal", name="Großer Saal"),)),
        days=(attrs.evolve(day, slots=slots), *bottrop.days[1:]),
    )


@pytest.fixture(scope="module")
def hostile(bottrop) -> ep.Programme:
    return programme(bottrop)


@pytest.fixture(scope="module")
def written(hostile) -> dict[str, icalendar.Event]:
    """The iCal writer's events by the id their URL ends with."""
    content = exporters.get("ical").render(hostile, exporters.RenderOptions())
    events = icalendar.Calendar.from_ical(content).walk("VEVENT")
    return {str(event["URL"]).rsplit("#", 1)[1]: event for event in events}


def download(page: Any, id_: str) -> tuple[str, str]:
    """Click the "add to calendar" button of slot or session *id_*; the file's name and text."""
    with page.expect_download() as caught:
        page.locator(f"#{id_} > .calendar button").click()
    done = caught.value
    return done.suggested_filename, Path(done.path()).read_bytes().decode("utf-8")


def instant(event: icalendar.Event, name: str) -> dt.datetime:
    return event.decoded(name).astimezone(dt.UTC)


@pytest.mark.parametrize(
    ("id_", "event_id"),
    [
        ("ag3-ressource", "ag3-ressource"),  # a Kleingruppe, in its session's room
        ("ag1", "ag1"),  # a parallel session
        ("arbeitsgruppen", "arbeitsgruppen"),  # the slot that holds them
        ("mittagspause", "mittagspause"),  # a break
    ],
)
def test_button_downloads_the_items_event(open_page, render_html, hostile, written, id_, event_id):  # noqa: PLR0913, PLR0917 -- pytest's fixtures
    """The file holds one VEVENT: the iCal writer's UID, start, end, location and title (a
    Kleingruppe numbered 3.1, not "Kleingruppe 1:" as on the page), escaped; both parsers read
    it alike; nothing of the title runs."""
    opened = open_page(render_html(hostile, "de"))
    name, text = download(opened.page, id_)
    assert name == f"nrw-sozialplanung-2025.{id_}.ics"
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n")), text
    assert text.endswith("END:VCALENDAR\r\n")
    assert "\n" not in text.replace("\r\n", "")
    (event,) = icalendar.Calendar.from_ical(text).walk("VEVENT")
    expected = written[event_id]
    assert str(event["UID"]) == str(expected["UID"])
    assert instant(event, "DTSTART") == instant(expected, "DTSTART")
    assert instant(event, "DTEND") == instant(expected, "DTEND")
    assert str(event["LOCATION"]) == str(expected["LOCATION"])
    assert event["DTSTAMP"].to_ical() == expected["DTSTAMP"].to_ical()
    assert event["SEQUENCE"] == expected["SEQUENCE"]
    assert str(event["URL"]) == f"{URL}#{event_id}"
    # The iCal writer's title; a line break in it is a blank, as on the page.
    title = " ".join(str(expected["SUMMARY"]).split())
    assert str(event["SUMMARY"]) == title
    (parsed,) = IcsCalendarStream.calendar_from_ics(text).events
    assert parsed.uid == str(expected["UID"])
    assert parsed.summary == title
    assert parsed.location == str(expected["LOCATION"])
    assert parsed.dtstart == instant(expected, "DTSTART")
    assert opened.page.evaluate("window.__pwned") is None


def test_hostile_title_escaped(open_page, render_html, hostile):
    """Semicolon, comma, backslash and the line break (a blank on the page) come back intact."""
    opened = open_page(render_html(hostile, "de"))
    _, text = download(opened.page, "ag3-ressource")
    (event,) = icalendar.Calendar.from_ical(text).walk("VEVENT")
    assert str(event["SUMMARY"]) == f"3.1 {' '.join(HOSTILE_TITLE.split())}"
    unfolded = text.replace("\r\n ", "")
    assert "SUMMARY:3.1 Semi\\;colon\\, comma \\\\ back\\\\slash <script>" in unfolded
    assert "LOCATION:Großer Saal\\, Lohnhalle\\, Bottrop\r\n" in unfolded


def test_only_session_adds_its_slots_event(open_page, render_html, hostile, written):
    """A slot's only session is no event of its own: its button adds its slot's event."""
    opened = open_page(render_html(hostile, "de"))
    page = opened.page
    (only,) = page.evaluate(
        """[...document.querySelectorAll("li.slot > .sessions > li.session:only-child")]
            .map(e => e.id)"""
    )
    slot = page.evaluate("id => document.getElementById(id).closest('li.slot').id", only)
    _, text = download(page, only)
    (event,) = icalendar.Calendar.from_ical(text).walk("VEVENT")
    assert str(event["UID"]) == str(written[slot]["UID"])


@pytest.mark.parametrize("language", ["de", "en"])
def test_every_item_has_a_named_button(open_page, bottrop_html, bottrop, language):
    """Every slot but the end and every session has one button, named with what it adds."""
    page = open_page(bottrop_html[language]).page
    label = {"de": "In den Kalender", "en": "Add to calendar"}[language]
    items = [item.id for item in ep.timeline(bottrop).items if not item.is_marker]
    found = page.evaluate(
        """() => [...document.querySelectorAll(".calendar button")]
            .map(b => b.closest("li").id)"""
    )
    assert sorted(found) == sorted(items)
    name = re.compile(rf"^{label} ?: 3\. DIFIS-TransferLab")
    assert page.get_by_role("button", name=name).count() == 1


def test_without_javascript_no_dead_control(browser, bottrop_html, bottrop, tmp_path):
    """With JavaScript off there is no button, and the one calendar link holds the calendar."""
    path = tmp_path / "page.html"
    path.write_text(bottrop_html["de"], encoding="utf-8")
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(path.as_uri())
        assert page.locator("button").count() == 0
        controls = page.evaluate(
            """() => [...document.querySelectorAll(".calendar a, .calendar button")]
                .map(e => [e.getAttribute("href"), e.textContent])"""
        )
        assert len(controls) == 1
        href, text = controls[0]
        assert href.startswith("data:text/calendar;charset=utf-8;base64,")
        assert text == "Das ganze Programm in den Kalender"
        with page.expect_download() as caught:
            page.get_by_role("link", name="Das ganze Programm in den Kalender").click()
        content = Path(caught.value.path()).read_bytes()
    finally:
        context.close()
    assert content == exporters.get("ical").render(bottrop, exporters.RenderOptions(language="de"))


def test_policy_lets_the_pages_own_style_and_script_apply(browser, bottrop_html, tmp_path):
    """Under its own Content-Security-Policy (not bypassed) the style and the script work, and
    Chromium reports no violation."""
    path = tmp_path / "page.html"
    path.write_text(bottrop_html["de"], encoding="utf-8")
    messages: list[str] = []
    context = browser.new_context()
    try:
        page = context.new_page()
        page.on("console", lambda message: messages.append(message.text))
        page.on("pageerror", lambda error: messages.append(str(error)))
        page.goto(path.as_uri(), wait_until="load")
        buttons = page.locator(".calendar button").count()
        position = page.evaluate("getComputedStyle(document.querySelector('.skip-link')).position")
    finally:
        context.close()
    assert buttons > 10
    assert position == "absolute"
    assert not messages, messages
