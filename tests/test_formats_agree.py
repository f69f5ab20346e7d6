"""Every format says what the resolved view says: one property over generated programmes.

Each format's output is parsed back with a parser that is not eventprogram's own
(icalendar, lxml, json, markdown-it) and compared, item by item, with
``eventprogram.timeline``: start and end instant, room, kind label, title and
people. A format that works out inheritance on its own again fails here.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import attrs
import icalendar
import lxml.etree
import lxml.html
import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

import eventprogram as ep
from eventprogram import exporters
from eventprogram._ids import canonical_uuid, stable_uuid
from eventprogram._text import clean
from eventprogram.exporters import RenderOptions
from eventprogram.testing import programmes

PAGE = "https://example.org/programme"
LANGUAGES = ("de", "en")


@attrs.frozen
class Said:
    """What one format says of one item; ``None`` where the format does not say it."""

    title: str | None = None
    start: dt.datetime | None = None
    end: dt.datetime | None = None
    room: str | None = None
    kind: str | None = None
    people: tuple[str, ...] | None = None


def utc(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(dt.UTC)


def numbered(item: ep.Item) -> str:
    """The title with its number as iCal and the conference formats print it.

    Worked out here from the items' own numbers, not from ``numbering``: a number
    is printed only where every session from the slot down has one.
    """
    numbers = []
    here: ep.Item | None = item
    while here is not None and not here.is_slot:
        numbers.append(here.number)
        here = here.parent
    if not numbers or None in numbers:
        return item.title
    path = ".".join(str(n) for n in reversed(numbers))
    return f"{path} {item.title}" if len(numbers) > 1 else f"{path}. {item.title}"


def names(item: ep.Item) -> tuple[str, ...]:
    return tuple(sorted(clean(a.name) for a in item.people))


def guid(programme: ep.Programme, item_id: str) -> str:
    return (
        item_id
        if canonical_uuid(item_id) == item_id.lower()
        else str(stable_uuid(programme.id, item_id))
    )


# -- readers: format output → {item id: Said} -------------------------------------------


def read_ical(programme: ep.Programme, output: str | bytes, language: str) -> dict[str, Said]:
    del language
    uids = {str(stable_uuid(programme.id, item.id)): item for item in ep.timeline(programme).items}
    said = {}
    for event in icalendar.Calendar.from_ical(output).walk("VEVENT"):
        item = uids[str(event["UID"])]
        end = event.get("DTEND")
        said[item.id] = Said(
            title=str(event["SUMMARY"]),
            start=utc(event.decoded("DTSTART")),
            end=utc(end.dt) if end is not None else None,
            room=str(event["LOCATION"]),
            kind=str(event["CATEGORIES"].cats[0]),
            people=None,  # checked as text of the description below
        )
        said[item.id + "#description"] = Said(title=str(event.get("DESCRIPTION", "")))
    return said


def _schedule_events(programme: ep.Programme, events: list[dict[str, Any]]) -> dict[str, Said]:
    guids = {guid(programme, item.id): item for item in ep.timeline(programme).items}
    said = {}
    for event in events:
        item = guids[event["guid"]]
        start = dt.datetime.fromisoformat(event["date"])
        hours, minutes = map(int, event["duration"].split(":"))
        said[item.id] = Said(
            title=event["title"],
            start=utc(start),
            end=utc(start) + dt.timedelta(hours=hours, minutes=minutes),
            room=event["room_guid"],
            kind=event["type"],
            people=tuple(sorted(event["persons"])),
        )
    return said


def read_frab_xml(programme: ep.Programme, output: str | bytes, language: str) -> dict[str, Said]:
    del language
    root = lxml.etree.fromstring(output.encode() if isinstance(output, str) else output)
    events = [
        {
            "guid": event.get("guid"),
            "date": event.findtext("date"),
            "duration": event.findtext("duration"),
            "title": event.findtext("title"),
            "type": event.findtext("type"),
            "room_guid": room.get("guid"),
            "persons": [p.text or "" for p in event.iter("person")],
        }
        for day in root.iter("day")
        for room in day.iter("room")
        for event in room.iter("event")
    ]
    return _schedule_events(programme, events)


def read_c3voc_json(programme: ep.Programme, output: str | bytes, language: str) -> dict[str, Said]:
    del language
    conference = json.loads(output)["schedule"]["conference"]
    room_guids = {room["name"]: room["guid"] for room in conference["rooms"]}
    events = [
        {
            **event,
            "room_guid": room_guids[event["room"]],
            "persons": [p.get("public_name") or p.get("name") for p in event["persons"]],
        }
        for day in conference["days"]
        for room_events in day["rooms"].values()
        for event in room_events
    ]
    return _schedule_events(programme, events)


def read_json(programme: ep.Programme, output: str | bytes, language: str) -> dict[str, Said]:
    del language
    again = ep.timeline(ep.loads(output if isinstance(output, str) else output.decode()))
    assert ep.loads(output if isinstance(output, str) else output.decode()) == programme
    return {
        item.id: Said(
            title=item.title,
            start=item.start_utc,
            end=item.end_utc,
            room=item.room.name if item.room else None,
            kind=item.kind.label("de"),
            people=names(item),
        )
        for item in again.items
    }


def _text(element: Any) -> str:
    return " ".join(element.text_content().split())


def read_html(programme: ep.Programme, output: str | bytes, language: str) -> dict[str, Said]:
    del language
    document = lxml.html.fromstring(output)
    said = {}
    for element in document.xpath("//li[@id][contains(@class, 'slot') or @class='session']"):
        heading = element.xpath("./*[self::h2 or self::h3 or self::h4 or self::h5 or self::h6]")[0]
        times = [
            dt.datetime.fromisoformat(t.get("datetime"))
            for t in element.xpath("./*[self::h3 or self::h4 or self::h5 or self::h6]//time")
            + element.xpath("./p[contains(@class, 'facts')]//time")
        ]
        rooms = element.xpath("./p[contains(@class, 'facts')]/span[@class='room']")
        tags = element.xpath("./p[contains(@class, 'facts')]/span[@class='tag']")
        people = element.xpath("./ul[@class='people']//span[@class='name']")
        said[element.get("id")] = Said(
            title=_text(heading),
            start=utc(times[0]) if times else None,
            end=utc(times[1]) if len(times) > 1 else None,
            room=_text(rooms[0]) if rooms else None,
            kind=_text(tags[0]) if tags else None,
            people=tuple(sorted(_text(p) for p in people)),
        )
    (script,) = document.xpath("//script[@type='application/ld+json']")
    shown = [item for item in ep.timeline(programme).items if not item.is_marker]
    linked = _sub_events(json.loads(script.text))
    assert len(linked) == len(shown)
    for item, event in zip(shown, linked, strict=True):
        location = event.get("location", {})
        said[item.id + "#json-ld"] = Said(
            title=event["name"],
            start=utc(dt.datetime.fromisoformat(event["startDate"])),
            end=utc(dt.datetime.fromisoformat(event["endDate"])) if "endDate" in event else None,
            room=location.get("name"),
            people=tuple(sorted(_performer(p) for p in event.get("performer", []))),
        )
    return said


def _performer(person: dict[str, Any]) -> str:
    """The name as printed: schema.org keeps the honorific apart."""
    prefix = person.get("honorificPrefix")
    return f"{prefix} {person['name']}" if prefix else person["name"]


def _sub_events(event: dict[str, Any]) -> list[dict[str, Any]]:
    found = []
    for sub in event.get("subEvent", []):
        found.append(sub)
        found.extend(_sub_events(sub))
    return found


def read_markdown(programme: ep.Programme, output: str | bytes, language: str) -> dict[str, Said]:
    """Markdown names items by heading only: the headings, in order, by the view's items."""
    del language
    text = output if isinstance(output, str) else output.decode()
    tokens = MarkdownIt("commonmark").parse(text)
    # The title is h1; with several days, each day is an h2 and its slots are h3.
    skipped = {"h1", "h2"} if len(programme.days) > 1 else {"h1"}
    headings = [
        tokens[i + 1].children or []
        for i, token in enumerate(tokens)
        if token.type == "heading_open" and token.tag not in skipped
    ]
    texts = [
        " ".join("".join(c.content for c in children if c.type == "text").split())
        for children in headings
    ]
    items = list(ep.timeline(programme).items)
    assert len(texts) == len(items), (texts, [i.title for i in items])
    return {item.id: Said(title=heading) for item, heading in zip(items, texts, strict=True)}


READERS: dict[str, Callable[[ep.Programme, str | bytes, str], dict[str, Said]]] = {
    "ical": read_ical,
    "frab-xml": read_frab_xml,
    "c3voc-json": read_c3voc_json,
    "json": read_json,
    "html": read_html,
    "markdown": read_markdown,
}


# -- what each format must say ----------------------------------------------------------


def check_ical(programme: ep.Programme, item: ep.Item, said: dict[str, Said], language: str):
    del programme
    event = said.get(item.id)
    evented = not item.is_marker and (item.depth != 1 or item.parallel)
    assert (event is not None) == evented, item
    if event is None:
        return
    assert event.title == clean(numbered(item) if not item.is_slot else item.title)
    assert event.start == item.start_utc
    assert event.end == item.end_utc
    assert event.kind == clean(item.kind.label(language))
    if item.room is not None:
        assert event.room is not None
        assert event.room.startswith(clean(item.room.name) + ", ")
    description = said[item.id + "#description"].title or ""
    for name in names(item):
        assert name in description


def check_schedule(programme: ep.Programme, item: ep.Item, said: dict[str, Said], language: str):
    event = said.get(item.id)
    if item.is_marker:
        assert event is None
        return
    if event is None:
        # A slot whose sessions say everything and that names nobody is no event of its own.
        assert item.is_slot
        assert item.children
        assert not item.people
        return
    assert event.title == clean(numbered(item) if not item.is_slot else item.title)
    assert event.start == item.start_utc
    assert event.end == item.end_utc
    assert event.kind == clean(item.kind.label(language))
    if item.room is not None:
        assert event.room == guid(programme, item.room.id) or event.room == str(
            stable_uuid(programme.id, f"room:{item.room.id}")
        )
    assert event.people == names(item)


def check_json(programme: ep.Programme, item: ep.Item, said: dict[str, Said], language: str):
    del programme, language
    again = said[item.id]
    assert again == Said(
        title=item.title,
        start=item.start_utc,
        end=item.end_utc,
        room=item.room.name if item.room else None,
        kind=item.kind.label("de"),
        people=names(item),
    )


def check_html(programme: ep.Programme, item: ep.Item, said: dict[str, Said], language: str):
    del programme
    shown = said[item.id]
    assert shown.title is not None
    assert " ".join(clean(item.title).split()) in shown.title
    if item.is_slot or item.own_times:
        assert shown.start == item.start_utc
        if item.runs_from:
            assert shown.end is None, "an item that runs from its start shows no end"
        elif not item.is_marker:
            assert shown.end == item.end_utc
    if shown.room is not None:
        assert item.room is not None
        assert shown.room.endswith(" ".join(clean(item.room.name).split()))
    elif item.room is not None:
        assert item.parent is not None, "a slot's room must show"
        assert item.parent.room is item.room, "a room of its own must show"
    if shown.kind is not None:
        assert shown.kind == " ".join(clean(item.kind.label(language)).split())
    assert shown.people == tuple(sorted(" ".join(n.split()) for n in names(item))), (
        shown.people,
        names(item),
    )
    linked = said.get(item.id + "#json-ld")
    if item.is_marker:
        return
    assert linked is not None
    assert linked.start == item.start_utc
    if not item.open_end:
        assert linked.end == item.end_utc
    if item.room is not None:
        assert linked.room is not None
        assert linked.room.startswith(clean(item.room.name))
    assert linked.people == names(item), (linked.people, names(item))


def check_markdown(programme: ep.Programme, item: ep.Item, said: dict[str, Said], language: str):
    del programme
    heading = said[item.id].title
    assert heading is not None
    assert heading.endswith(" ".join(clean(item.title).split()))
    if item.is_slot:
        starts_from = heading.startswith("ab " if language == "de" else "from ")
        assert starts_from == item.runs_from, heading
    if item.number is not None:
        assert str(item.number) in heading.removesuffix(" ".join(clean(item.title).split()))


CHECKS = {
    "ical": check_ical,
    "frab-xml": check_schedule,
    "c3voc-json": check_schedule,
    "json": check_json,
    "html": check_html,
    "markdown": check_markdown,
}


def test_every_builtin_format_is_checked():
    """No built-in format escapes the property: a new one must be added here."""
    builtin = {"ical", "html", "json", "markdown", "frab-xml", "c3voc-json"}
    assert builtin <= set(exporters.available())
    assert set(CHECKS) == set(READERS) == builtin


@given(programme=programmes(max_days=2), language=st.sampled_from(LANGUAGES))
def test_every_format_says_what_the_view_says(programme, language):
    """Each format's output, parsed back, agrees with the view on every item it carries."""
    programme = attrs.evolve(programme, url=PAGE)
    view = ep.timeline(programme)
    options = RenderOptions(language=language)
    for name, reader in READERS.items():
        output = exporters.get(name).render(programme, options)
        said = reader(programme, output, language)
        for item in view.items:
            try:
                CHECKS[name](programme, item, said, language)
            except AssertionError as error:
                raise AssertionError(f"{name}: {item!r}: {error}") from error


@pytest.mark.parametrize("name", sorted(READERS))
def test_sub_session_example_of_the_issue(name):
    """A sub-session with no kind or room of its own is in its session's room, of its kind."""
    programme = ep.Programme(
        id="p",
        title="Fachtag",
        url=PAGE,
        venue=ep.Venue(
            name="Lohnhalle", city="Bottrop", rooms=(ep.Room(id="saal", name="Großer Saal"),)
        ),
        kinds=(ep.Kind("workshop", "Werkstatt", "Workshop"),),
        days=(
            ep.Day(
                date=dt.date(2025, 5, 15),
                slots=(
                    ep.Slot(
                        id="phase",
                        kind="working-groups",
                        title="Arbeitsgruppen",
                        start=dt.datetime(2025, 5, 15, 14),
                        end=dt.datetime(2025, 5, 15, 16),
                        sessions=(
                            ep.Session(
                                id="ws",
                                title="Werkstatt",
                                number=1,
                                kind="workshop",
                                room="saal",
                                sessions=(ep.Session(id="klein", title="Kleingruppe", number=1),),
                            ),
                            ep.Session(id="other", title="Andere", number=2),
                        ),
                    ),
                ),
            ),
        ),
    )
    item = ep.timeline(programme).get("klein")
    assert item is not None
    output = exporters.get(name).render(programme, RenderOptions(language="en"))
    said = READERS[name](programme, output, "en")
    CHECKS[name](programme, item, said, "en")
    if name == "ical":
        assert said["klein"].kind == "Workshop"
        assert said["klein"].room == "Großer Saal, Lohnhalle, Bottrop"
    if name in {"frab-xml", "c3voc-json"}:
        assert said["klein"].kind == "Workshop"
        assert said["klein"].room == said["ws"].room
    if name == "html":
        assert said["klein#json-ld"].room is not None
        assert said["klein#json-ld"].room.startswith("Großer Saal")


def test_the_day_ends_when_its_last_session_says_in_every_format():
    """A last slot whose session ends at 18:00: the page, Markdown and JSON-LD end the day then."""
    start = dt.datetime(2025, 5, 15, 16)  # wall clock
    programme = ep.Programme(
        id="p",
        title="Fachtag",
        venue=ep.Venue(name="Lohnhalle"),
        days=(
            ep.Day(
                date=start.date(),
                slots=(
                    ep.Slot(id="a", kind="talk", title="A", start=start - dt.timedelta(hours=2)),
                    ep.Slot(
                        id="b",
                        kind="parallel",
                        title="B",
                        start=start,
                        sessions=(
                            ep.Session(id="x", title="X", end=start + dt.timedelta(hours=2)),
                            ep.Session(id="y", title="Y"),
                        ),
                    ),
                ),
            ),
        ),
    )
    assert ep.timeline(programme).day_span(0) == (
        start - dt.timedelta(hours=2),
        start.replace(hour=18),
    )
    options = RenderOptions(language="de")
    markdown = str(exporters.get("markdown").render(programme, options))
    assert "14:00–18:00 Uhr" in markdown
    html = exporters.get("html").render(programme, options)
    document = lxml.html.fromstring(html)
    (script,) = document.xpath("//script[@type='application/ld+json']")
    assert json.loads(script.text)["endDate"] == "2025-05-15T18:00:00+02:00"
    assert "14:00–18:00 Uhr" in " ".join(document.text_content().split())


def test_a_language_that_differs_from_what_holds_it_shows_on_page_and_in_markdown():
    """A German Kleingruppe in an English session of a German programme says "Deutsch" in both."""
    start = dt.datetime(2025, 5, 15, 10)  # wall clock
    programme = ep.Programme(
        id="p",
        title="Fachtag",
        venue=ep.Venue(name="Lohnhalle"),
        days=(
            ep.Day(
                date=start.date(),
                slots=(
                    ep.Slot(
                        id="s",
                        kind="parallel",
                        title="Sessions",
                        start=start,
                        end=start + dt.timedelta(hours=1),
                        sessions=(
                            ep.Session(
                                id="en",
                                title="In English",
                                language="en",
                                track="T1",
                                sessions=(
                                    ep.Session(id="de", title="Auf Deutsch", language="de"),
                                    ep.Session(id="same", title="Also English"),
                                ),
                            ),
                            ep.Session(id="other", title="Andere"),
                        ),
                    ),
                ),
            ),
        ),
    )
    view = ep.timeline(programme)
    assert [view.get(i).new_language for i in ("s", "en", "de", "same")] == [None, "en", "de", None]
    assert [view.get(i).new_track for i in ("en", "de")] == ["T1", None]
    options = RenderOptions(language="de")
    markdown = str(exporters.get("markdown").render(programme, options))
    page = " ".join(
        lxml.html.fromstring(exporters.get("html").render(programme, options))
        .text_content()
        .split()
    )
    for text in (markdown, " ".join(markdown.split())):
        assert text.count("Sprache: Englisch") == 1
        assert text.count("Sprache: Deutsch") == 1
        assert text.count("Track: T1") == 1
    assert page.count("Sprache: Englisch") == 1
    assert page.count("Sprache: Deutsch") == 1
