"""The plugin inside a real pretalx: offered when enabled, and its exports over HTTP.

The PDF exports need the ``pdf`` extra; ``.ci/pretalx`` installs it, and so they are
tested like the others.
"""

from __future__ import annotations

import io
import json
from html.parser import HTMLParser
from urllib.parse import urlsplit

import icalendar
import jsonschema
import pdfplumber
import pytest
from django_scopes import scope
from test_adapter_queries import schedule_of

from conftest import BREAK_TITLE, SCRIPT_TITLE, new_event, set_plugin
from eventprogram import exporters
from eventprogram._schema import schema
from eventprogram.exporters.html._view import EMBEDDED_CALENDAR_EVENTS
from eventprogram.integrations.pretalx.exporters import (
    FlyerExporter,
    HtmlExporter,
    ICalExporter,
    JsonExporter,
    MarkdownExporter,
    PdfExporter,
    ProgrammeExporter,
)

IDENTIFIERS = {
    "eventprogram.html": "html",
    "eventprogram.md": "markdown",
    "eventprogram.ics": "ical",
    "eventprogram.json": "json",
    "eventprogram.pdf": "pdf",
    "eventprogram.flyer.pdf": "pdf-flyer",
}


class Page(HTMLParser):
    """Collects the text of headings, the content of script elements, the calendar links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.headings: list[str] = []
        self.scripts: list[str] = []
        self.calendar_links: list[str | None] = []
        self._into: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "a" and dict(attrs).get("type") == "text/calendar":
            self.calendar_links.append(dict(attrs).get("href"))
        if tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            self.headings.append("")
            self._into = self.headings
        elif tag == "script":
            self.scripts.append("")
            self._into = self.scripts

    def handle_endtag(self, tag):
        self._into = None

    def handle_data(self, data):
        if self._into is not None:
            self._into[-1] += data


def offered(event):
    """The exporter classes pretalx collects for *event*, by identifier."""
    from pretalx.common.signals import register_data_exporters

    classes = [
        response
        for _, response in register_data_exporters.send_robust(event)
        if isinstance(response, type)
    ]
    return {cls(event).identifier: cls for cls in classes}


def export(client, event, identifier):
    return client.get(f"/{event.slug}/schedule/export/{identifier}")


class TestRegistration:
    def test_plugin_is_installed(self, db):
        """pretalx found the plugin through its entry point and lists it as an exporter."""
        from pretalx.common.plugins import get_all_plugins

        (meta,) = [p for p in get_all_plugins() if p.module == "eventprogram.integrations.pretalx"]
        assert meta.category == "EXPORTER"

    def test_offered_when_enabled(self, enabled):
        """With the plugin enabled, the event offers all its exporters, the PDFs included."""
        found = offered(enabled)
        assert set(IDENTIFIERS) <= set(found)
        assert {found[i] for i in IDENTIFIERS} == {
            HtmlExporter,
            MarkdownExporter,
            ICalExporter,
            JsonExporter,
            PdfExporter,
            FlyerExporter,
        }

    def test_not_offered_when_disabled(self, event):
        """Without the plugin, none of the exporters is offered, nor served."""
        assert not set(IDENTIFIERS) & set(offered(event))

    def test_not_offered_after_disabling(self, enabled, client):
        """Disabling the plugin again withdraws the exports: pretalx answers 404."""
        with scope(event=enabled):
            event = set_plugin(enabled, enabled=False)
        assert not set(IDENTIFIERS) & set(offered(event))
        assert export(client, event, "eventprogram.html").status_code == 404

    def test_nothing_before_release(self, db, client):
        """An event that has released no schedule has nothing to export: 404."""
        event = new_event("Entwurf", "entwurf", organiser=("Kreis", "kreis"))
        with scope(event=event):
            event = set_plugin(event, enabled=True)
            assert set(IDENTIFIERS) <= set(offered(event))
            with pytest.raises(LookupError, match="released no schedule"):
                JsonExporter(event).get_data(request=None)
        assert export(client, event, "eventprogram.json").status_code == 404


class TestExports:
    @pytest.mark.parametrize(("identifier", "name"), IDENTIFIERS.items())
    def test_served(self, enabled, client, identifier, name):
        """Each export answers 200 with its format's media type."""
        response = export(client, enabled, identifier)
        assert response.status_code == 200
        assert response["Content-Type"] == exporters.get(name).media_type
        assert response.content

    def test_ical_holds_the_break(self, enabled, client):
        """The iCalendar parses, has a VTIMEZONE, and holds both talks and the break."""
        calendar = icalendar.Calendar.from_ical(export(client, enabled, "eventprogram.ics").content)
        summaries = {str(e["SUMMARY"]) for e in calendar.walk("VEVENT")}
        assert BREAK_TITLE in summaries
        assert {SCRIPT_TITLE, "Sozialplanung mit Daten"} <= summaries
        assert [str(z["TZID"]) for z in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]

    def test_json_validates(self, enabled, client):
        """The JSON validates against eventprogram's JSON Schema."""
        data = json.loads(export(client, enabled, "eventprogram.json").content)
        jsonschema.Draft202012Validator(schema()).validate(data)
        assert data["id"] == "fachtag"
        assert data["version"] == "1.0"

    def test_html_escapes_the_title(self, enabled, client):
        """The HTML page shows the hostile title as text, never as a script element.

        pretalx minifies HTML responses (``&lt;script>``), so the page is read
        with a parser rather than compared as text.
        """
        text = export(client, enabled, "eventprogram.html").content.decode()
        assert SCRIPT_TITLE not in text
        page = Page()
        page.feed(text)
        assert SCRIPT_TITLE in page.headings
        assert not any(SCRIPT_TITLE in script for script in page.scripts)

    def test_small_page_embeds_the_calendar(self, enabled, client):
        """A page of few talks carries the whole calendar inside, as a ``data:`` URL."""
        page = Page()
        page.feed(export(client, enabled, "eventprogram.html").content.decode())
        (href,) = page.calendar_links
        assert (href or "").startswith("data:text/calendar;")

    def test_large_page_links_the_ical_export(self, db, client):
        """A page of more than 100 talks links the plugin's iCalendar export, which answers.

        ``<id>.ics`` beside the page, what ``eventprogram build`` writes, does not exist
        inside pretalx.
        """
        event, titles = schedule_of(EMBEDDED_CALENDAR_EVENTS + 20, "kongress")
        with scope(event=event):
            event = set_plugin(event, enabled=True)
            expected = ICalExporter(event).urls.base.full()
        assert expected == "http://testserver/kongress/schedule/export/eventprogram.ics"
        page = Page()
        page.feed(export(client, event, "eventprogram.html").content.decode())
        assert page.calendar_links == [expected]
        response = client.get(urlsplit(expected).path)
        assert response.status_code == 200
        assert response["Content-Type"] == exporters.get("ical").media_type
        calendar = icalendar.Calendar.from_ical(response.content)
        summaries = {str(e["SUMMARY"]) for e in calendar.walk("VEVENT")}
        assert set(titles) <= summaries

    def test_markdown_escapes_the_title(self, enabled, client):
        """The Markdown escapes the hostile title, so a CMS shows it as text."""
        text = export(client, enabled, "eventprogram.md").content.decode()
        assert SCRIPT_TITLE not in text
        assert "alert(1)" in text.replace("\\", "")

    def test_language_on_request(self, enabled, client):
        """``?lang=en`` asks for the English programme of a German event."""
        german = export(client, enabled, "eventprogram.md").content.decode()
        english = client.get(f"/{enabled.slug}/schedule/export/eventprogram.md?lang=en")
        assert english.status_code == 200
        assert english.content.decode() != german

    @pytest.mark.parametrize("identifier", ["eventprogram.pdf", "eventprogram.flyer.pdf"])
    def test_pdf_holds_the_schedule_as_text(self, enabled, client, identifier):
        """The PDFs are tagged, in the event's language, and hold the talks as text, escaped."""
        data = export(client, enabled, identifier).content
        assert data.startswith(b"%PDF-1.7")
        with pdfplumber.open(io.BytesIO(data)) as document:
            text = "".join("".join(page.extract_text().split()) for page in document.pages)
            root = document.doc.catalog
            assert "StructTreeRoot" in root
            assert root["Lang"] == b"de"
        assert "".join(SCRIPT_TITLE.split()) in text
        assert BREAK_TITLE in text

    def test_same_release_same_bytes(self, enabled, client):
        """Two requests for one release give the same bytes: the release time stamps them."""
        first = export(client, enabled, "eventprogram.ics").content
        assert export(client, enabled, "eventprogram.ics").content == first


class TestConstruction:
    def test_with_the_event(self, enabled):
        """Constructed with the event (pretalx 2025.2, 2026.2), it exports the current schedule."""
        with scope(event=enabled):
            exporter = JsonExporter(enabled)
            data = json.loads(exporter.get_data(request=None))
        assert exporter.event == enabled
        assert data["version"] == enabled.current_schedule.version

    def test_with_a_schedule(self, enabled):
        """Constructed with a schedule (pretalx's next release), it takes event and schedule."""
        with scope(event=enabled):
            schedule = enabled.current_schedule
            exporter = JsonExporter(schedule)
            data = json.loads(exporter.get_data(request=None))
        assert exporter.event == enabled
        assert exporter.schedule == schedule
        assert data["version"] == "1.0"

    def test_schedule_set_after_construction(self, enabled):
        """A schedule set after construction, as pretalx's views do, is the one exported."""
        from conftest import release

        with scope(event=enabled):
            first = enabled.current_schedule
            event = release(enabled, "2.0")
            exporter = JsonExporter(event)
            assert json.loads(exporter.get_data(request=None))["version"] == "2.0"
            exporter.schedule = first
            assert json.loads(exporter.get_data(request=None))["version"] == "1.0"

    def test_identifiers_and_files(self, enabled):
        """Each exporter names its file after the event and its format's suffix."""
        for identifier, name in IDENTIFIERS.items():
            (cls,) = [c for c in ProgrammeExporter.__subclasses__() if c.identifier == identifier]
            exporter = cls(enabled)
            assert exporter.filename == f"fachtag{exporters.get(name).suffix}"
            assert exporter.public
