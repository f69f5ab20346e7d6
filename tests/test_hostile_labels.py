"""Labels of a programme's own kinds and roles, and an imported ``<type>``, stay text everywhere.

A kind's or role's label is data, like a title: marking it safe in one template
would be an injection (an imported schedule's ``<type>`` becomes a kind label).
Every format is checked with a parser of its own.
"""

from __future__ import annotations

import datetime as dt
import json
from importlib import resources

import icalendar
import lxml.etree
import lxml.html
import pytest
from markdown_it import MarkdownIt

import eventprogram as ep
from eventprogram import exporters
from eventprogram.exporters import RenderOptions

CALENDAR_SCRIPT = (resources.files("eventprogram") / "templates" / "calendar.js").read_text("utf-8")

KIND = '<img src=x onerror="alert(1)">'
ROLE = '"><script>alert(2)</script>'
TYPE = "<b onmouseover=alert(3)>Werkstatt</b>"


def programme() -> ep.Programme:
    start = dt.datetime(2025, 5, 15, 10)
    return ep.Programme(
        id="p",
        title="Fachtag",
        venue=ep.Venue(name="Lohnhalle"),
        kinds=(ep.Kind("evil", KIND, KIND),),
        roles=(ep.Role("evil-role", ROLE, ROLE),),
        people=(ep.Person(id="anna", given_name="Anna", family_name="Muster"),),
        days=(
            ep.Day(
                date=start.date(),
                slots=(
                    ep.Slot(
                        id="s",
                        kind="talk",
                        title="Eröffnung",
                        start=start,
                        end=start + dt.timedelta(hours=1),
                        people=(ep.Contribution(person="anna", roles=("evil-role", "moderation")),),
                        sessions=(
                            ep.Session(id="a", title="A", kind="evil"),
                            ep.Session(id="b", title="B"),
                        ),
                    ),
                ),
            ),
        ),
    )


IMPORTED = """<?xml version="1.0" encoding="utf-8"?>
<schedule>
  <conference><title>Camp</title><acronym>camp</acronym><time_zone_name>Europe/Berlin</time_zone_name></conference>
  <day index="1" date="2025-05-15">
    <room name="Saal">
      <event guid="6f1e2d3c-0000-4000-8000-000000000001" id="1">
        <date>2025-05-15T10:00:00+02:00</date><start>10:00</start><duration>01:00</duration>
        <room>Saal</room><title>Talk</title><type>{type}</type>
        <persons><person id="1">Anna Muster</person></persons>
      </event>
    </room>
  </day>
</schedule>
""".replace("{type}", TYPE.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))


def outputs(source: ep.Programme, name: str) -> list[str | bytes]:
    fmt = exporters.get(name)
    return [fmt.render(source, RenderOptions(language=language)) for language in ("de", "en")]


SOURCES = {"own labels": programme, "imported type": lambda: ep.loads(IMPORTED)}
LABELS = {"own labels": (KIND, ROLE), "imported type": (TYPE,)}


@pytest.mark.parametrize("source", sorted(SOURCES))
class TestEveryFormat:
    def test_html_shows_the_labels_as_text(self, source):
        """The page holds no element or attribute made from a label, and shows each as text."""
        for output in outputs(SOURCES[source](), "html"):
            document = lxml.html.fromstring(output)
            assert not document.xpath("//img | //b | //*[@onerror] | //*[@onmouseover]")
            # The JSON-LD and the package's calendar script, nothing made from a label.
            scripts = document.xpath("//script")
            assert [s.get("type") for s in scripts] == ["application/ld+json", None]
            assert scripts[1].text.strip() == CALENDAR_SCRIPT.strip()
            text = document.text_content()
            for label in LABELS[source]:
                assert label in text

    def test_markdown_renders_the_labels_as_text(self, source):
        """Markdown escapes the labels: rendered with raw HTML allowed, no tag comes of them."""
        for output in outputs(SOURCES[source](), "markdown"):
            html = MarkdownIt("commonmark", {"html": True}).render(str(output))
            document = lxml.html.fromstring(f"<div>{html}</div>")
            assert not document.xpath("//img | //script | //b")
            if source == "own labels":  # Markdown names no slot's kind, so not the imported one
                text = document.text_content()
                assert KIND in text
                assert ROLE in text

    def test_ical_carries_the_labels_verbatim(self, source):
        """The calendar names the kind as its category, character for character."""
        for output in outputs(SOURCES[source](), "ical"):
            events = icalendar.Calendar.from_ical(output).walk("VEVENT")
            categories = {str(c) for e in events for c in e["CATEGORIES"].cats}
            assert LABELS[source][0] in categories

    @pytest.mark.parametrize("name", ["frab-xml", "c3voc-json"])
    def test_schedules_carry_the_type_as_text(self, source, name):
        """schedule.xml and schedule.json carry the kind label as the type's text, no markup."""
        for output in outputs(SOURCES[source](), name):
            if name == "frab-xml":
                root = lxml.etree.fromstring(
                    output if isinstance(output, bytes) else output.encode()
                )
                types = root.xpath("//event/type")
                assert all(len(t) == 0 for t in types)
                found = {t.text for t in types}
            else:
                conference = json.loads(output)["schedule"]["conference"]
                found = {
                    e["type"]
                    for day in conference["days"]
                    for events in day["rooms"].values()
                    for e in events
                }
            assert LABELS[source][0] in found

    def test_json_keeps_the_labels(self, source):
        """eventprogram JSON keeps the labels as they are: read back, the same programme."""
        original = SOURCES[source]()
        (output, _) = outputs(original, "json")
        assert ep.loads(str(output)) == original
