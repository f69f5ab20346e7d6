"""The schedule.xml and schedule.json exports: valid against the official schemas, exact, stable."""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET

import attrs
import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

import eventprogram as ep
from bottrop import KLEINGRUPPEN, TIMES_AND_TITLES, WORKING_GROUPS
from eventprogram import exporters
from eventprogram._ids import (
    canonical_uuid,
    is_placeholder_room,
    placeholder_room_guid,
    slug_holder,
    stable_uuid,
)
from eventprogram._timeline import OPEN_END
from eventprogram._urls import safe_url
from eventprogram.exporters import RenderOptions
from eventprogram.exporters.frab import JSON_FORMAT, XML_FORMAT, render_json, render_xml
from eventprogram.testing import programmes

try:  # the lead adds defusedxml to the core dependencies; the standard parser will do here
    from defusedxml.ElementTree import fromstring
except ImportError:  # pragma: no cover
    fromstring = ET.fromstring


@pytest.fixture(scope="module")
def xml_schema(shared) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(shared / "schemas" / "xsd" / "schedule.xml.xsd")))


@pytest.fixture(scope="module")
def json_validator(shared) -> jsonschema.Draft6Validator:
    schema = json.loads((shared / "schemas" / "json" / "schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft6Validator.check_schema(schema)
    # Every format the library knows, uuid and date included (draft 6's own checker knows neither).
    return jsonschema.Draft6Validator(schema, format_checker=jsonschema.FormatChecker())


@pytest.fixture(scope="module")
def example(example_dir) -> ep.Programme:
    return ep.load(example_dir)


def assert_valid_xml(schema: etree.XMLSchema, data: bytes) -> None:
    document = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    assert schema.validate(document), "\n".join(str(e) for e in schema.error_log)


def assert_valid_json(validator: jsonschema.Draft6Validator, text: str) -> None:
    errors = [
        f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(json.loads(text))
    ]
    assert not errors, "\n".join(errors[:10])


def xml_events(data: bytes) -> list[ET.Element]:
    return fromstring(data).findall("./day/room/event")


def json_events(text: str) -> list[dict]:
    days = json.loads(text)["schedule"]["conference"]["days"]
    return [event for day in days for events in day["rooms"].values() for event in events]


def expected_events(programme: ep.Programme) -> int:
    """Slots without sessions, less end markers; every session; each slot that says more."""
    count = 0
    for day in programme.days:
        for slot in day.slots:
            if slot.kind == "end":
                continue
            sessions = list(slot.walk_sessions())
            count += len(sessions) + (not sessions or says_more(programme, day, slot))
    return count


def says_more(programme: ep.Programme, day: ep.Day, slot: ep.Slot) -> bool:
    """Whether a slot with sessions is an event of its own: it is unless an importer made it.

    An importer's slot is of kind ``parallel``, titled as that kind, with nothing
    of its own, and spans exactly a chain of its sessions (each starts before
    those before it end). Worked out here from the model, not from the writer.
    """
    if (
        slot.kind != "parallel"
        or slot.title
        != ("Parallele Sessions" if programme.language == "de" else "Parallel sessions")
        or slot.people
        or slot.subtitle
        or slot.description
        or slot.url
        or slot.links
        or slot.room
    ):
        return True
    end = slot.end or day.end_of(slot) or slot.start
    spans = sorted((s.start or slot.start, s.end or end) for s in slot.sessions)
    reach = spans[0][1]
    for start, stop in spans[1:]:
        if start >= reach:
            return True
        reach = max(reach, stop)
    return (spans[0][0], reach) != (slot.start, end)


def guid_of(programme: ep.Programme, item_id: str) -> str:
    """The guid an item is written with: its id where that is a UUID, else one made from it."""
    return (
        item_id if canonical_uuid(item_id) == item_id else str(stable_uuid(programme.id, item_id))
    )


def at(date: dt.date, hhmm: str) -> dt.datetime:
    """A wall-clock time of the programme."""
    return dt.datetime.combine(date, dt.time.fromisoformat(hhmm))


class TestFormats:
    def test_registered(self):
        """Both formats are found through the entry points, with their suffixes and media types."""
        assert exporters.get("frab-xml") is XML_FORMAT
        assert exporters.get("c3voc-json") is JSON_FORMAT
        assert XML_FORMAT.suffix == ".schedule.xml"
        assert XML_FORMAT.media_type == "application/vnd.c3voc.schedule+xml"
        assert JSON_FORMAT.suffix == ".schedule.json"
        assert JSON_FORMAT.media_type == "application/json"


class TestValidity:
    @pytest.mark.parametrize("language", ["de", "en"])
    def test_example_xml(self, example, xml_schema, language):
        """The example's schedule.xml is valid against the official XSD in both languages."""
        assert_valid_xml(xml_schema, render_xml(example, RenderOptions(language=language)))

    @pytest.mark.parametrize("language", ["de", "en"])
    def test_example_json(self, example, json_validator, language):
        """The example's schedule.json is valid against schema.json, formats checked."""
        assert_valid_json(json_validator, render_json(example, RenderOptions(language=language)))

    def test_the_checks_can_fail(self, example, xml_schema, json_validator):
        """The validators reject an export with a broken guid: the tests above can fail."""
        data = render_xml(example, RenderOptions())
        broken = data.replace(b'guid="', b'guid="x', 1)
        document = etree.fromstring(broken)
        assert not xml_schema.validate(document)
        text = render_json(example, RenderOptions())
        document_json = json.loads(text)
        first = json_events(text)[0]["guid"]
        document_json["schedule"]["conference"]["days"][0]["rooms"]["Lohnhalle"][0]["guid"] = (
            first + "x"
        )
        assert not json_validator.is_valid(document_json)

    # Two renders and two schema checks an example: the profile's count, at most 75 (~10 s).
    @settings(max_examples=min(settings.default.max_examples, 75))
    @given(programme=programmes())
    def test_generated_programmes(self, xml_schema, json_validator, programme):
        """Every generated programme exports valid in both formats, guids and ids unique, stable."""
        data = render_xml(programme, RenderOptions())
        text = render_json(programme, RenderOptions())
        assert_valid_xml(xml_schema, data)
        assert_valid_json(json_validator, text)
        assert render_xml(programme, RenderOptions()) == data
        assert render_json(programme, RenderOptions()) == text
        events = json_events(text)
        assert len(events) == expected_events(programme)
        assert len({e["guid"] for e in events}) == len(events)
        # Ids count events 1…n in the programme's order (each slot, then its sessions).
        order = [guid_of(programme, item.id) for item in ep.timeline(programme).items]
        assert [e["guid"] for e in sorted(events, key=lambda e: e["id"])] == [
            guid for guid in order if guid in {e["guid"] for e in events}
        ]
        assert sorted(e["id"] for e in events) == list(range(1, len(events) + 1))
        assert len({e["slug"] for e in events}) == len(events)
        found = xml_events(data)
        assert [int(e.get("id")) for e in found] == [e["id"] for e in events]
        assert [e.get("guid") for e in found] == [e["guid"] for e in events]


def _slot_events(text: str) -> dict[str, dict]:
    """The JSON events by title."""
    return {event["title"]: event for event in json_events(text)}


class TestExample:
    @pytest.mark.parametrize("render", [render_xml, render_json])
    def test_event_count(self, example, render):
        """One event per slot without sessions (end marker aside) and one per (sub-)session."""
        data = render(example, RenderOptions())
        found = xml_events(data) if isinstance(data, bytes) else json_events(data)
        assert len(found) == expected_events(example)

    def test_times_and_titles(self, example):
        """Every slot of the printed programme starts at its time; the end marker is no event."""
        found = _slot_events(render_json(example, RenderOptions()))
        for clock, title in TIMES_AND_TITLES:
            if title == "Veranstaltungsende":
                assert title not in found
                continue
            assert found[title]["start"] == clock
            assert found[title]["date"] == f"2025-05-15T{clock}:00+02:00"

    def test_entschluss_zum_handeln(self, example):
        """10:05–10:30 lasts 25 minutes and ends at 10:30 local time."""
        event = _slot_events(render_json(example, RenderOptions()))["Entschluss zum Handeln"]
        assert event["duration"] == "00:25"
        assert event["end"] == "2025-05-15T10:30:00+02:00"

    def test_working_groups_in_rooms_of_their_own(self, example):
        """The parallel working groups run 14:30–16:00, each in its own fallback room."""
        found = _slot_events(render_json(example, RenderOptions()))
        rooms = []
        for number, title in enumerate(WORKING_GROUPS, 1):
            event = found[f"{number}. {title}"]
            assert (event["start"], event["duration"]) == ("14:30", "01:30")
            rooms.append(event["room"])
        assert rooms == [f"Lohnhalle {n}" for n in range(1, 6)]
        kleingruppen = [found[f"3.{n} {t}"] for n, t in enumerate(KLEINGRUPPEN, 1)]
        assert [e["room"] for e in kleingruppen] == ["Lohnhalle 3.1", "Lohnhalle 3.2"]
        assert [e["type"] for e in kleingruppen] == ["Arbeitsgruppenphase"] * 2

    def test_day_and_conference(self, example):
        """The day spans the first start to the last end; the conference names its zone."""
        document = json.loads(render_json(example, RenderOptions()))
        conference = document["schedule"]["conference"]
        assert conference["acronym"] == "nrw_sozialplanung_2025"
        assert (conference["start"], conference["end"], conference["daysCount"]) == (
            "2025-05-15",
            "2025-05-15",
            1,
        )
        assert conference["time_zone_name"] == "Europe/Berlin"
        (day,) = conference["days"]
        assert day["day_start"] == "2025-05-15T09:30:00+02:00"
        assert day["day_end"] == "2025-05-15T16:30:00+02:00"
        assert list(day["rooms"]) == [room["name"] for room in conference["rooms"]]
        assert document["generator"] == {"name": "eventprogram"}

    def test_guids_from_ids(self, example):
        """Guids are made from the programme's and the items' ids, people's with a prefix."""
        event = _slot_events(render_json(example, RenderOptions()))["Entschluss zum Handeln"]
        assert event["guid"] == str(stable_uuid(example.id, "entschluss"))
        first = event["persons"][0]
        assert first == {
            "id": 1,
            "guid": str(stable_uuid(example.id, "person:heidmeier")),
            "name": "Matthias Heidmeier",
        }

    def test_roles_in_the_description(self, example):
        """Moderators and inputs are named by role in the description, in the output language."""
        for language, moderation in (("de", "Moderation"), ("en", "Moderation")):
            found = _slot_events(render_json(example, RenderOptions(language=language)))
            description = found["Entschluss zum Handeln"]["description"]
            assert description.splitlines()[-1] == f"{moderation}: Dr. Frank Nitzsche"
        de = _slot_events(render_json(example, RenderOptions(language="de")))
        en = _slot_events(render_json(example, RenderOptions(language="en")))
        assert de["Entschluss zum Handeln"]["description"].startswith("Vortrag: ")
        assert en["Entschluss zum Handeln"]["description"].startswith("Speaker: ")
        assert de["Ankommen"]["type"] == "Ankommen"
        assert en["Ankommen"]["type"] == "Arrival"

    def test_breaks_are_not_recorded(self, example):
        """Breaks opt out of recording; talks do not."""
        found = _slot_events(render_json(example, RenderOptions()))
        assert found["Mittagspause"]["do_not_record"] is True
        assert found["Analysen"]["do_not_record"] is False
        events = {e.findtext("title"): e for e in xml_events(render_xml(example, RenderOptions()))}
        assert events["Mittagspause"].findtext("recording/optout") == "true"
        assert events["Analysen"].findtext("recording/optout") == "false"

    def test_same_bytes_twice(self, example):
        """The same programme gives the same bytes: nothing depends on the clock."""
        for render in (render_xml, render_json):
            assert render(example, RenderOptions()) == render(example, RenderOptions())


def _programme(**changes) -> ep.Programme:
    """A small programme of one slot, changed as the test needs."""
    slot = ep.Slot(
        id="talk",
        kind="talk",
        title="Vortrag",
        start=at(dt.date(2025, 6, 2), "10:00"),
        end=at(dt.date(2025, 6, 2), "11:00"),
    )
    base = ep.Programme(
        id="ab",
        title="Fachtag",
        venue=ep.Venue(name="Halle"),
        days=(ep.Day(date=dt.date(2025, 6, 2), slots=(slot,)),),
    )
    return attrs.evolve(base, **changes)


def _with_slot(**changes) -> ep.Programme:
    programme = _programme()
    (day,) = programme.days
    (slot,) = day.slots
    return attrs.evolve(
        programme, days=(attrs.evolve(day, slots=(attrs.evolve(slot, **changes),)),)
    )


def _grouped(sessions: tuple[ep.Session, ...], **changes) -> ep.Programme:
    """The slot as an importer makes it of *sessions* that overlap: no event of its own."""
    return _with_slot(
        **{"kind": "parallel", "title": "Parallele Sessions", **changes}, sessions=sessions
    )


class TestEdges:
    def test_daylight_saving_change(self, xml_schema, json_validator):
        """01:30–03:30 on the night the clocks go forward lasts one hour, with both offsets."""
        programme = attrs.evolve(
            _programme(),
            days=(
                ep.Day(
                    date=dt.date(2025, 3, 30),
                    slots=(
                        ep.Slot(
                            id="nacht",
                            kind="talk",
                            title="Nachtvortrag",
                            start=at(dt.date(2025, 3, 30), "01:30"),
                            end=at(dt.date(2025, 3, 30), "03:30"),
                        ),
                    ),
                ),
            ),
        )
        text = render_json(programme, RenderOptions())
        assert_valid_json(json_validator, text)
        (event,) = json_events(text)
        assert event["duration"] == "01:00"
        assert event["date"] == "2025-03-30T01:30:00+01:00"
        assert event["end"] == "2025-03-30T03:30:00+02:00"
        data = render_xml(programme, RenderOptions())
        assert_valid_xml(xml_schema, data)
        (element,) = xml_events(data)
        assert element.findtext("duration") == "01:00"
        day = fromstring(data).find("day")
        assert (day.get("start"), day.get("end")) == (
            "2025-03-30T01:30:00+01:00",
            "2025-03-30T03:30:00+02:00",
        )

    def test_markup_in_a_title_stays_text(self, xml_schema):
        """A title with <script>, &, quotes and a control character survives as text."""
        title = "<script>alert(1)</script> & \"Zitat\" 'x'\x0b"
        data = render_xml(_with_slot(title=title, subtitle='a"b&c'), RenderOptions())
        assert_valid_xml(xml_schema, data)
        assert b"<script>" not in data
        (event,) = xml_events(data)
        assert event.findtext("title") == title.replace("\x0b", "")
        assert event.findtext("subtitle") == 'a"b&c'

    def test_uuid_ids_are_the_guids(self):
        """An id that is a UUID (from a conference tool) is the guid as it is."""
        id_ = "0f8e3c62-4a2b-4c55-9d8e-1e2f3a4b5c6d"
        (event,) = json_events(render_json(_with_slot(id=id_), RenderOptions()))
        assert event["guid"] == id_

    def test_open_end_is_the_resolved_end(self, xml_schema, json_validator):
        """A last slot without an end lasts as the view resolves it (an hour), never 00:00."""
        assert dt.timedelta(hours=1) == OPEN_END
        text = render_json(_with_slot(end=None), RenderOptions())
        assert_valid_json(json_validator, text)
        (event,) = json_events(text)
        assert (event["duration"], event["end"]) == ("01:00", "2025-06-02T11:00:00+02:00")
        data = render_xml(_with_slot(end=None), RenderOptions())
        assert_valid_xml(xml_schema, data)
        assert xml_events(data)[0].findtext("duration") == "01:00"
        assert fromstring(data).find("day").get("end") == "2025-06-02T11:00:00+02:00"

    def test_open_end_runs_to_the_latest_session(self):
        """A last slot without an end runs to the latest end of its sessions, as do its sessions."""
        sessions = (
            ep.Session(id="s1", title="Eins", end=at(dt.date(2025, 6, 2), "12:15")),
            ep.Session(id="s2", title="Zwei"),
        )
        found = json_events(render_json(_with_slot(end=None, sessions=sessions), RenderOptions()))
        assert [(e["title"], e["duration"]) for e in found] == [
            ("Vortrag", "02:15"),
            ("Eins", "02:15"),
            ("Zwei", "02:15"),
        ]

    def test_short_acronym_is_padded(self):
        """A programme id shorter than the schemas' four characters is padded."""
        document = json.loads(render_json(_programme(), RenderOptions()))
        assert document["schedule"]["conference"]["acronym"] == "ab__"

    def test_legacy_zone_names_canonical(self, json_validator):
        """A legacy zone name (US/Eastern) is written under its canonical name."""
        text = render_json(_programme(timezone="US/Eastern"), RenderOptions())
        assert_valid_json(json_validator, text)
        conference = json.loads(text)["schedule"]["conference"]
        assert conference["time_zone_name"] == "America/New_York"
        (event,) = json_events(text)
        assert event["date"] == "2025-06-02T10:00:00-04:00"

    def test_urls_and_links(self, xml_schema, json_validator):
        """http(s) pages and links are kept; what the URL policy refuses is in neither file."""
        links = (
            ep.Link(url="https://example.org/folien.pdf", title="Folien"),
            ep.Link(url="folien/teil 2.pdf"),
        )
        programme = _with_slot(url="https://example.org/talk", links=links)
        programme = attrs.evolve(programme, url="https://example.org/")
        data = render_xml(programme, RenderOptions())
        text = render_json(programme, RenderOptions())
        assert_valid_xml(xml_schema, data)
        assert_valid_json(json_validator, text)
        (event,) = json_events(text)
        assert event["url"] == "https://example.org/talk"
        assert event["links"] == [{"url": "https://example.org/folien.pdf", "title": "Folien"}]
        (element,) = xml_events(data)
        assert [(e.get("href"), e.text) for e in element.findall("links/link")] == [
            ("https://example.org/folien.pdf", "Folien"),
        ]
        assert json.loads(text)["schedule"]["base_url"] == "https://example.org/"

    def test_no_page_names_the_event(self, json_validator):
        """Without a page of its own an event's required url is its guid as a URN."""
        text = render_json(_with_slot(url="/relative/page"), RenderOptions())
        assert_valid_json(json_validator, text)
        (event,) = json_events(text)
        assert event["url"] == f"urn:uuid:{event['guid']}"
        assert xml_events(render_xml(_with_slot(url="/x"), RenderOptions()))[0].find("url") is None

    def test_slot_with_sessions_and_people(self):
        """A slot with people of its own is an event, named first, its roles in the description."""
        sessions = (
            ep.Session(id="s1", title="Eins", room=None),
            ep.Session(id="s2", title="Zwei", number=7),
        )
        without = json_events(render_json(_grouped(sessions), RenderOptions()))
        assert [e["title"] for e in without] == ["Eins", "7. Zwei"]
        assert [e["room"] for e in without] == ["Halle 1", "Halle 7"]
        people = (ep.Contribution(person="p", roles=("moderation",)),)
        programme = attrs.evolve(
            _grouped(sessions, people=people),
            people=(ep.Person(id="p", given_name="Petra", family_name="Paul"),),
        )
        found = json_events(render_json(programme, RenderOptions()))
        assert [e["title"] for e in found] == ["Parallele Sessions", "Eins", "7. Zwei"]
        assert found[0]["room"] == "Halle"
        assert found[0]["description"] == "Moderation: Petra Paul"

    def test_speakers_alone_need_no_description(self):
        """Where everyone only speaks, no role lines are added to the description."""
        people = (ep.Contribution(person="p", roles=("speaker",)),)
        programme = attrs.evolve(
            _with_slot(people=people, description="Worum es geht."),
            people=(ep.Person(id="p", honorific="Dr.", family_name="Paul"),),
        )
        (event,) = json_events(render_json(programme, RenderOptions()))
        assert event["description"] == "Worum es geht."
        assert event["persons"][0]["name"] == "Dr. Paul"

    def test_unknown_person_numbered_after_the_known(self):
        """A person the programme does not list (``--force``) is numbered after those it does."""
        people = (
            ep.Contribution(person="p", roles=("speaker",)),
            ep.Contribution(person="unbekannt", roles=("speaker",)),
        )
        programme = attrs.evolve(
            _with_slot(people=people),
            people=(ep.Person(id="p", family_name="Paul"),),
        )
        (event,) = json_events(render_json(programme, RenderOptions()))
        assert [person["id"] for person in event["persons"]] == [1, 2]

    def test_rooms_in_venue_order(self):
        """Rooms of a day come in the venue's order, then fallback rooms."""
        venue = ep.Venue(
            name="Halle",
            rooms=(
                ep.Room(id="b", name="Saal B", capacity=80, description="2. Stock"),
                ep.Room(id="a", name="Saal A"),
            ),
        )
        sessions = (
            ep.Session(id="s1", title="Eins", room="a"),
            ep.Session(id="s2", title="Zwei"),
            ep.Session(id="s3", title="Drei", room="b"),
        )
        programme = attrs.evolve(_grouped(sessions), venue=venue)
        conference = json.loads(render_json(programme, RenderOptions()))["schedule"]["conference"]
        assert conference["rooms"][0] == {
            "name": "Saal B",
            "guid": str(stable_uuid("ab", "room:b")),
            "description": "2. Stock",
            "capacity": 80,
        }
        (day,) = conference["days"]
        assert list(day["rooms"]) == ["Saal B", "Saal A", "Halle 2"]
        # Ids count events in the programme's order, whatever room they are listed in.
        assert [e["id"] for events in day["rooms"].values() for e in events] == [3, 1, 2]

    def test_day_without_events(self, xml_schema, json_validator):
        """A day with only its end marker runs from midnight to midnight and holds no room."""
        marker = ep.Slot(
            id="ende", kind="end", title="Ende", start=at(dt.date(2025, 6, 3), "17:00")
        )
        programme = _programme()
        programme = attrs.evolve(
            programme, days=(*programme.days, ep.Day(date=dt.date(2025, 6, 3), slots=(marker,)))
        )
        text = render_json(programme, RenderOptions())
        assert_valid_json(json_validator, text)
        assert_valid_xml(xml_schema, render_xml(programme, RenderOptions()))
        day = json.loads(text)["schedule"]["conference"]["days"][1]
        assert (day["day_start"], day["day_end"], day["rooms"]) == (
            "2025-06-03T00:00:00+02:00",
            "2025-06-04T00:00:00+02:00",
            {},
        )

    def test_slugs_of_titles_without_letters(self, xml_schema):
        """A title with no letter or digit still gives a slug that both schemas accept."""
        data = render_xml(_with_slot(title="?!"), RenderOptions())
        assert_valid_xml(xml_schema, data)
        assert xml_events(data)[0].findtext("slug") == "ab__-1-event"


def _span(start: str, end: str) -> dict[str, dt.datetime]:
    """A session's own start and end on the test day."""
    return {"start": at(dt.date(2025, 6, 2), start), "end": at(dt.date(2025, 6, 2), end)}


_TWO = (ep.Session(id="s1", title="Eins"), ep.Session(id="s2", title="Zwei"))


class TestSlotsAsEvents:
    """A slot with sessions is an event only where it says something its sessions do not."""

    def titles(self, programme: ep.Programme) -> list[str]:
        return [e["title"] for e in json_events(render_json(programme, RenderOptions()))]

    def test_an_importers_slot_is_no_event(self):
        """A parallel slot as importers make it (kind, title, span of its sessions) is none."""
        assert self.titles(_grouped(_TWO)) == ["Eins", "Zwei"]
        english = attrs.evolve(_grouped(_TWO, title="Parallel sessions"), language="en")
        assert self.titles(english) == ["Eins", "Zwei"]

    @pytest.mark.parametrize(
        "changes",
        [
            {"subtitle": "Vier Foren"},
            {"description": "Wählen Sie ein Forum."},
            {"url": "https://example.org/foren"},
            {"links": (ep.Link(url="https://example.org/foren.pdf"),)},
            {"kind": "working-groups"},
            {"title": "Foren"},
        ],
        ids=["subtitle", "description", "url", "links", "kind", "title"],
    )
    def test_a_slot_that_says_more_is_an_event(self, changes):
        """A subtitle, description, page, links, another kind or title make the slot an event."""
        title = changes.get("title", "Parallele Sessions")
        assert self.titles(_grouped(_TWO, **changes)) == [title, "Eins", "Zwei"]

    def test_people_or_a_room_of_its_own(self):
        """A moderator of the whole slot, or a room of its own, make it an event."""
        people = (ep.Contribution(person="p", roles=("moderation",)),)
        programme = attrs.evolve(
            _grouped(_TWO, people=people), people=(ep.Person(id="p", family_name="Paul"),)
        )
        assert self.titles(programme) == ["Parallele Sessions", "Eins", "Zwei"]
        in_saal = attrs.evolve(
            _grouped(_TWO, room="saal"), venue=ep.Venue(name="Halle", rooms=(SAAL,))
        )
        assert self.titles(in_saal) == ["Parallele Sessions", "Eins", "Zwei"]

    @pytest.mark.parametrize(
        ("spans", "event"),
        [
            ((("10:00", "10:40"), ("10:30", "11:00")), False),  # a chain that spans the slot
            ((("10:00", "10:45"), ("10:15", "10:45")), True),  # the slot runs on after them
            ((("10:15", "11:00"), ("10:15", "10:45")), True),  # it starts before them
            ((("10:00", "10:30"), ("10:30", "11:00")), True),  # they only touch: no chain
            ((("10:00", "10:00"), ("10:00", "11:00")), True),  # one of no length first
        ],
    )
    def test_a_span_its_sessions_do_not_fill(self, spans, event):
        """A slot is an event where its sessions, read back, would not make it again."""
        sessions = tuple(
            attrs.evolve(session, **_span(*span)) for session, span in zip(_TWO, spans, strict=True)
        )
        expected = ["Parallele Sessions"] if event else []
        assert self.titles(_grouped(sessions)) == [*expected, "Eins", "Zwei"]


class TestNestingInSlugs:
    """An event inside another written event names that one's id in its slug (#11)."""

    def slugs(self, programme: ep.Programme) -> dict[str, str]:
        found = json_events(render_json(programme, RenderOptions()))
        assert [e.findtext("slug") for e in xml_events(render_xml(programme, RenderOptions()))] == [
            e["slug"] for e in found
        ]
        return {e["title"]: e["slug"] for e in found}

    def test_slot_session_and_sub_session(self):
        """A slot's slug names no holder, its session the slot, the sub-session the session."""
        assert self.slugs(_nested()) == {
            "3. DIFIS-TransferLab": "ab__-2_1-difis-transferlab",
            "3.1 Ressource": "ab__-3_2-ressource",
            "Vortrag": "ab__-1-vortrag",
        }

    def test_sessions_of_a_slot_that_is_no_event(self):
        """Sessions of a slot that is no event name no holder; their sub-sessions name them."""
        sub = ep.Session(id="sub", title="Kleingruppe")
        sessions = (attrs.evolve(_TWO[0], sessions=(sub,)), _TWO[1])
        assert self.slugs(_grouped(sessions)) == {
            "Eins": "ab__-1-eins",
            "Kleingruppe": "ab__-2_1-kleingruppe",
            "Zwei": "ab__-3-zwei",
        }

    def test_a_title_cannot_make_a_marker(self):
        """Underscores and numbers in a title become hyphens: no slug of a title names a holder."""
        (event,) = json_events(render_json(_with_slot(title="7_3 Über_Alles"), RenderOptions()))
        assert event["slug"] == "ab__-1-7-3-ueber-alles"
        assert slug_holder(event["slug"], "ab__", "1") is None

    def test_the_marker_is_read_only_for_its_own_event(self):
        """A marker counts for the event whose id the slug names, after the file's acronym."""
        assert slug_holder("ab__-3_2-ressource", "ab__", "3") == 2
        assert slug_holder("ab__-3_2-ressource", "ab__", "4") is None
        assert slug_holder("ab__-3_2-ressource", "abc_", "3") is None
        assert slug_holder("ab__-3-ressource", "ab__", "3") is None
        assert slug_holder("ab__-3_2-ressource", None, "3") is None


WORKSHOP = ep.Kind("workshop", "Workshop", "Workshop")
SAAL = ep.Room(id="saal", name="Großer Saal", capacity=200, description="Erdgeschoss")


def _nested(**sub_changes) -> ep.Programme:
    """A workshop session in the Großer Saal holding one sub-session, changed as the test needs."""
    sub = attrs.evolve(ep.Session(id="sub", title="Ressource", number=1), **sub_changes)
    session = ep.Session(
        id="lab",
        title="DIFIS-TransferLab",
        number=3,
        kind="workshop",
        room="saal",
        track="Transfer",
        language="en",
        sessions=(sub,),
    )
    return attrs.evolve(
        _with_slot(kind="working-groups", sessions=(session,)),
        kinds=(WORKSHOP,),
        venue=ep.Venue(name="Lohnhalle", rooms=(SAAL,)),
    )


class TestResolved:
    """Each event says what the resolved view says of its item (issue #11)."""

    @pytest.mark.parametrize("render", [render_xml, render_json])
    def test_sub_session_inherits_room_and_kind(self, render):
        """A sub-session with no room or kind of its own is in its session's room, of its kind."""
        data = render(_nested(), RenderOptions(language="en"))
        events = _events_by_title(data)
        assert events["3.1 Ressource"] == ("Großer Saal", "Workshop", "Transfer", "en")
        assert events["3. DIFIS-TransferLab"] == ("Großer Saal", "Workshop", "Transfer", "en")

    def test_own_room_and_kind_win(self):
        """A sub-session's own room, kind, track and language are not overridden by its parent's."""
        programme = _nested(room="nebenraum", kind="talk", track="Eigen", language="de")
        programme = attrs.evolve(
            programme,
            venue=ep.Venue(
                name="Lohnhalle", rooms=(SAAL, ep.Room(id="nebenraum", name="Nebenraum"))
            ),
        )
        events = _events_by_title(render_json(programme, RenderOptions(language="en")))
        assert events["3.1 Ressource"] == ("Nebenraum", "Talk", "Eigen", "de")

    def test_numbered_titles(self):
        """Numbered sessions carry ``3.``, sub-sessions ``3.1``; others and slots carry none."""
        programme = _nested(number=None)
        titles = [e["title"] for e in json_events(render_json(programme, RenderOptions()))]
        # The working-group slot is an event too, in the venue's made-up room after the Saal.
        assert titles == ["3. DIFIS-TransferLab", "Ressource", "Vortrag"]
        titles = [e.findtext("title") for e in xml_events(render_xml(_nested(), RenderOptions()))]
        assert titles == ["3. DIFIS-TransferLab", "3.1 Ressource", "Vortrag"]

    def test_autumn_clock_change_keeps_the_real_length(self, xml_schema, json_validator):
        """02:50 (first) to 02:10 (second, after the clocks go back) lasts 20 minutes."""
        date = dt.date(2025, 10, 26)
        programme = attrs.evolve(
            _programme(),
            days=(
                ep.Day(
                    date=date,
                    slots=(
                        ep.Slot(
                            id="nacht",
                            kind="talk",
                            title="Nachtvortrag",
                            start=dt.datetime(2025, 10, 26, 2, 50),
                            end=dt.datetime(2025, 10, 26, 2, 10, fold=1),
                        ),
                    ),
                ),
            ),
        )
        text = render_json(programme, RenderOptions())
        assert_valid_json(json_validator, text)
        (event,) = json_events(text)
        assert (event["date"], event["end"], event["duration"]) == (
            "2025-10-26T02:50:00+02:00",
            "2025-10-26T02:10:00+01:00",
            "00:20",
        )
        data = render_xml(programme, RenderOptions())
        assert_valid_xml(xml_schema, data)
        assert xml_events(data)[0].findtext("duration") == "00:20"

    def test_ties_keep_the_programme_order(self):
        """Events of one room that start together come in the programme's order, not by id."""
        sessions = tuple(
            ep.Session(id=id_, title=f"Workshop {n}", number=n, room="saal")
            for n, id_ in enumerate(["w8", "w2", "w6", "w1"], 1)
        )
        programme = attrs.evolve(
            _grouped(sessions), venue=ep.Venue(name="Lohnhalle", rooms=(SAAL,))
        )
        for render in (render_xml, render_json):
            data = render(programme, RenderOptions())
            titles = list(_events_by_title(data))
            assert titles == [f"{n}. Workshop {n}" for n in range(1, 5)]


def _events_by_title(data: bytes | str) -> dict[str, tuple[str, str, str | None, str]]:
    """Room, type, track and language of each event by title, in output order, in either format."""
    if isinstance(data, bytes):
        return {
            e.findtext("title"): (
                e.findtext("room"),
                e.findtext("type"),
                e.findtext("track") or None,
                e.findtext("language"),
            )
            for e in xml_events(data)
        }
    return {
        e["title"]: (e["room"], e["type"], e["track"], e["language"]) for e in json_events(data)
    }


class TestRooms:
    """Rooms are told apart by id, and rooms the writer makes up say so (issues #11, #12)."""

    def _two_saals(self) -> ep.Programme:
        venue = ep.Venue(
            name="Halle",
            rooms=(
                ep.Room(id="saal-a", name="Saal", capacity=80, description="Erdgeschoss"),
                ep.Room(id="saal-b", name="Saal", capacity=30, description="1. Stock"),
            ),
        )
        sessions = (
            ep.Session(id="s1", title="Eins", room="saal-a"),
            ep.Session(id="s2", title="Zwei", room="saal-b"),
        )
        return attrs.evolve(_grouped(sessions), venue=venue)

    def test_rooms_of_one_name_stay_apart(self, xml_schema, json_validator):
        """Two rooms named Saal are two rooms in both formats, capacity and description kept."""
        programme = self._two_saals()
        text = render_json(programme, RenderOptions())
        assert_valid_json(json_validator, text)
        conference = json.loads(text)["schedule"]["conference"]
        assert conference["rooms"] == [
            {
                "name": "Saal",
                "guid": str(stable_uuid("ab", "room:saal-a")),
                "description": "Erdgeschoss",
                "capacity": 80,
            },
            {
                "name": "Saal (2)",
                "guid": str(stable_uuid("ab", "room:saal-b")),
                "description": "1. Stock",
                "capacity": 30,
            },
        ]
        (day,) = conference["days"]
        assert {name: [e["title"] for e in events] for name, events in day["rooms"].items()} == {
            "Saal": ["Eins"],
            "Saal (2)": ["Zwei"],
        }
        data = render_xml(programme, RenderOptions())
        assert_valid_xml(xml_schema, data)
        rooms = fromstring(data).findall("day/room")
        assert [(r.get("name"), r.get("guid")) for r in rooms] == [
            (room["name"], room["guid"]) for room in conference["rooms"]
        ]
        assert [e.findtext("room") for e in xml_events(data)] == ["Saal", "Saal (2)"]

    def test_a_name_some_room_has_is_not_taken(self):
        """The second Saal does not take the name of a room that is called ``Saal (2)``."""
        programme = self._two_saals()
        third = ep.Room(id="saal-c", name="Saal (2)")
        programme = attrs.evolve(
            programme, venue=attrs.evolve(programme.venue, rooms=(*programme.venue.rooms, third))
        )
        conference = json.loads(render_json(programme, RenderOptions()))["schedule"]["conference"]
        assert [r["name"] for r in conference["rooms"]] == ["Saal", "Saal (3)", "Saal (2)"]

    def test_placeholder_rooms_are_marked(self):
        """Rooms made up for items without one have placeholder guids; real rooms do not."""
        sessions = (
            ep.Session(id="s1", title="Eins", room="saal"),
            ep.Session(id="s2", title="Zwei", number=2),
        )
        programme = attrs.evolve(
            _with_slot(
                sessions=sessions, people=(ep.Contribution(person="p", roles=("speaker",)),)
            ),
            people=(ep.Person(id="p", family_name="Paul"),),
            venue=ep.Venue(name="Halle", rooms=(SAAL,)),
        )
        conference = json.loads(render_json(programme, RenderOptions()))["schedule"]["conference"]
        rooms = {room["name"]: room["guid"] for room in conference["rooms"]}
        assert rooms == {
            "Großer Saal": str(stable_uuid("ab", "room:saal")),
            "Halle": placeholder_room_guid("Halle"),
            "Halle 2": placeholder_room_guid("Halle 2"),
        }
        assert [is_placeholder_room(name, guid) for name, guid in rooms.items()] == [
            False,
            True,
            True,
        ]

    def test_placeholder_makes_way_for_a_real_room(self):
        """A real room named like the venue keeps its name; the placeholder is ``Halle (2)``."""
        programme = attrs.evolve(
            _programme(venue=ep.Venue(name="Halle", rooms=(ep.Room(id="h", name="Halle"),))),
        )
        programme = attrs.evolve(
            programme,
            days=(
                *programme.days,
                ep.Day(
                    date=dt.date(2025, 6, 3),
                    slots=(
                        ep.Slot(
                            id="im-saal",
                            kind="talk",
                            title="Im Saal",
                            room="h",
                            start=at(dt.date(2025, 6, 3), "10:00"),
                            end=at(dt.date(2025, 6, 3), "11:00"),
                        ),
                    ),
                ),
            ),
        )
        conference = json.loads(render_json(programme, RenderOptions()))["schedule"]["conference"]
        assert conference["rooms"] == [
            {"name": "Halle", "guid": str(stable_uuid("ab", "room:h"))},
            {"name": "Halle (2)", "guid": placeholder_room_guid("Halle (2)")},
        ]
        assert [list(day["rooms"]) for day in conference["days"]] == [["Halle (2)"], ["Halle"]]


_URL_ALPHABET = "abcXYZ019-._~:/?#[]@!$&'()*+,;=% äé\\\"<>{}|^`"


@given(
    text=st.text(_URL_ALPHABET, max_size=20), scheme=st.sampled_from(["https://", "mailto:", ""])
)
def test_links_kept_in_json_are_uris(text, scheme):
    """Whatever the URL policy lets through, the schema's format checker takes as a URI."""
    value = safe_url(scheme + text)
    if value is not None:
        assert jsonschema.FormatChecker().conforms(value, "uri"), value
