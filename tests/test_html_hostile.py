"""The ``html`` format with hostile labels: a programme's own kinds and roles, an imported type.

Titles and descriptions are attacked in ``test_html.py``; these tests attack the
labels the page takes from definitions rather than from items, which a template
could mistake for its own words and mark ``|safe``.
"""

from __future__ import annotations

import datetime as dt

import pytest

import eventprogram as ep
from eventprogram import Contribution, Day, Kind, Person, Programme, Role, Session, Slot, Venue
from test_html import assert_harmless, page, squash

IMG = "<img src=x onerror=alert(1)>"
CLOSE = '"><script>alert(2)</script>'
LABELS = (IMG, CLOSE, f"{IMG}{CLOSE}")


def programme_with_labels(label: str) -> Programme:
    """A slot of a custom kind with a session of another custom kind; people in custom roles.

    Every custom kind and role is labelled *label* in German and in English; a second
    role gives the group a joined label ("X und Moderation").
    """
    start = dt.datetime(2025, 5, 15, 10)
    session = Session(
        id="ag1",
        title="AG 1",
        number=1,
        kind="evil-session",
        people=(Contribution(person="a", roles=("evil-role",)),),
    )
    slot = Slot(
        id="phase",
        kind="evil-slot",
        title="Phase",
        start=start,
        end=start + dt.timedelta(hours=1),
        people=(Contribution(person="b", roles=("evil-role", "moderation")),),
        sessions=(session, Session(id="ag2", title="AG 2", number=2)),
    )
    return Programme(
        id="hostile-labels",
        title="Hostile labels",
        venue=Venue(name="Lohnhalle"),
        days=(Day(date=start.date(), slots=(slot,)),),
        people=(Person(id="a", family_name="Anton"), Person(id="b", family_name="Berger")),
        kinds=(Kind("evil-slot", label, label), Kind("evil-session", label, label)),
        roles=(Role("evil-role", label, label),),
    )


IMPORTED = """<?xml version="1.0" encoding="UTF-8"?>
<schedule>
  <conference>
    <title>Imported</title>
    <start>2024-02-03</start>
    <end>2024-02-03</end>
    <days>1</days>
    <time_zone_name>Europe/Brussels</time_zone_name>
  </conference>
  <day date="2024-02-03" index="1">
    <room name="Janson">
      <event id="1">
        <start>09:30</start>
        <duration>00:25</duration>
        <room>Janson</room>
        <title>Welcome</title>
        <type>&lt;img src=x onerror=alert(1)&gt;"&gt;&lt;script&gt;alert(2)&lt;/script&gt;</type>
        <persons><person id="6">Staff</person></persons>
      </event>
    </room>
  </day>
</schedule>
"""


def assert_shown_as_text(html: str, text: str, label: str, times: int) -> None:
    """*label* is in the page's text *times* times or more, escaped in its markup as often."""
    assert text.count(squash(label)) >= times
    escaped = label.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    assert html.replace("&#34;", '"').count(escaped) >= times


class TestCustomLabels:
    @pytest.mark.parametrize("language", ["de", "en"])
    @pytest.mark.parametrize("label", LABELS)
    def test_kind_and_role_labels_stay_text(self, label, language):
        """A custom kind's and a custom role's label with markup show as text, never as markup."""
        rendered = page(programme_with_labels(label), language)
        assert_harmless(rendered)
        assert not [tag for tag, _ in rendered.reader.elements if tag == "img"]
        # The slot's kind, the session's own kind, and the role twice (alone and joined).
        assert_shown_as_text(rendered.html, rendered.text, label, 4)

    def test_session_kind_label_stays_text(self):
        """The label of a session's own kind, shown under its title, is text."""
        rendered = page(programme_with_labels(IMG))
        assert '<span class="tag">&lt;img src=x onerror=alert(1)&gt;</span>' in rendered.html
        assert rendered.html.count('<span class="tag">') == 2

    def test_role_label_stays_text(self):
        """A custom role's label, alone and joined with a built-in one, is text before the names."""
        text = page(programme_with_labels(IMG)).text
        assert f"{IMG}: Anton" in text
        assert f"{IMG} und Moderation: Berger" in text


class TestImportedType:
    def test_type_with_markup_stays_text(self):
        """An imported schedule.xml's ``<type>`` with markup becomes a kind shown as text."""
        programme = ep.loads(IMPORTED)
        (slot,) = programme.days[0].slots
        assert programme.kind(slot.kind).en == IMG + CLOSE
        rendered = page(programme)
        assert_harmless(rendered)
        assert not [tag for tag, _ in rendered.reader.elements if tag == "img"]
        assert_shown_as_text(rendered.html, rendered.text, IMG + CLOSE, 1)
        assert "Room: Janson" in rendered.text
