"""`url` is the event's own web page; `page_url` is where the generated programme page lives.

Links to an item's anchor (``#ag3``) only work on the generated page: calendars and
structured data build them from ``page_url``, never from the event's web page.
"""

from __future__ import annotations

import attrs
import pytest

import eventprogram as ep
from eventprogram.exporters import RenderOptions, ical
from test_html import page
from test_ical import events, parse

EVENT = "https://fachtag.example/"
PAGE = "https://fachtag.example/programm.html"


@pytest.fixture
def example(example_dir) -> ep.Programme:
    return ep.load(example_dir)


class TestEventsWebPage:
    def test_event_url_is_the_events_page(self, example):
        """The JSON-LD Event names the event's web page as its url."""
        event = page(attrs.evolve(example, url=EVENT)).json_ld()
        assert event["url"] == EVENT

    def test_event_page_gives_no_anchors(self, example):
        """Without page_url, no sub-event and no calendar entry points into the event's page."""
        programme = attrs.evolve(example, url=EVENT)
        assert all("url" not in e for e in page(programme).json_ld()["subEvent"])
        found = events(parse(ical.render(programme, RenderOptions())))
        assert all("url" not in event for event in found.values())

    def test_printed_page_falls_back_to_the_events_page(self, example):
        """Without page_url, the printed footer names the event's page as where it is online."""
        assert EVENT in page(attrs.evolve(example, url=EVENT)).attribute_values("href")


class TestPublishedPage:
    def test_anchors_start_from_page_url(self, example):
        """Sub-events and calendar entries point to their anchor on the published page."""
        programme = attrs.evolve(example, url=EVENT, page_url=PAGE)
        sub = page(programme).json_ld()["subEvent"][0]
        assert sub["url"] == f"{PAGE}#ankommen"
        found = events(parse(ical.render(programme, RenderOptions())))
        assert str(found["Ankommen"]["url"]) == f"{PAGE}#ankommen"

    def test_footer_names_the_published_page(self, example):
        """The printed footer names the published page, the Event still the event's page."""
        rendered = page(attrs.evolve(example, url=EVENT, page_url=PAGE))
        assert PAGE in rendered.attribute_values("href")
        assert rendered.json_ld()["url"] == EVENT

    def test_read_from_toml(self, example_dir):
        """page_url is read from the source and kept through canonical JSON."""
        source = (example_dir / "programme.toml").read_text(encoding="utf-8")
        programme = ep.loads(f'page_url = "{PAGE}"\n{source}')
        assert programme.page_url == PAGE
        assert ep.loads(ep.dumps(programme)).page_url == PAGE
