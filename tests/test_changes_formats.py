"""Programme changes in the formats: cancelled items kept and marked, calendars that update.

The worked change of the Bottrop example (AG 4 to Seminarraum 2, the keynote speaker
replaced, the Gallery Walk cancelled) in HTML, Markdown and iCalendar, German and English,
against golden files; deleted items, a chain of three releases and hostile titles beside it.
Calendars are read by two independent parsers, icalendar and ``ical``.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import os
import re
import shutil
import subprocess
from collections.abc import Callable, Iterable
from typing import Any

import attrs
import icalendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ical.calendar_stream import IcsCalendarStream
from markdown_it import MarkdownIt

import eventprogram as ep
from conftest import EXAMPLE, ROOT
from eventprogram import exporters
from eventprogram._cli import main
from eventprogram._ids import stable_uuid
from eventprogram._marked import Marked
from eventprogram._preview import Preview
from eventprogram.testing import programmes

CHANGED = ROOT / "examples" / "nrw_sozialplanung_2025_aenderung"
GOLDEN = ROOT / "tests" / "golden"
UPDATE = os.environ.get("EVENTPROGRAM_UPDATE_GOLDEN") == "1"
MARKDOWNLINT = ROOT / "node_modules" / ".bin" / "markdownlint-cli2"
LANGUAGES = ("de", "en")
WORKED = {"gallery-walk", "keynote-digitalisierung", "ag4"}
"""The items the worked change changes; every one is a calendar event of its own."""


def _golden(name: str, data: bytes) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.write_bytes(data)
    assert path.is_file(), f"{name} is missing: regenerate with EVENTPROGRAM_UPDATE_GOLDEN=1"
    assert data == path.read_bytes()


def _render(name: str, programme: ep.Programme, **options: Any) -> str:
    content = exporters.get(name).render(programme, exporters.RenderOptions(**options))
    return content.decode("utf-8") if isinstance(content, bytes) else content


def _edit(
    programme: ep.Programme,
    revision: str,
    *,
    drop: Iterable[str] = (),
    retitle: dict[str, str] | None = None,
) -> ep.Programme:
    """*programme* at *revision*, with the slots and sessions of *drop* deleted and titles set."""
    dropped, titles = set(drop), retitle or {}

    def session(item: Any) -> Any:
        kept = tuple(session(s) for s in item.sessions if s.id not in dropped)
        changes: dict[str, Any] = {"sessions": kept}
        if item.id in titles:
            changes["title"] = titles[item.id]
        return attrs.evolve(item, **changes)

    days = tuple(
        attrs.evolve(day, slots=tuple(session(s) for s in day.slots if s.id not in dropped))
        for day in programme.days
    )
    return attrs.evolve(programme, days=days, revision=dt.datetime.fromisoformat(revision))


@pytest.fixture(scope="module")
def old() -> ep.Programme:
    return ep.load(EXAMPLE)


@pytest.fixture(scope="module")
def new() -> ep.Programme:
    return ep.load(CHANGED)


@pytest.fixture(scope="module")
def changes(old, new) -> ep.Changes:
    return ep.diff(old, new)


@pytest.fixture(scope="module")
def deleted(new) -> ep.Programme:
    """The worked change, and AG 5 and the lunch break deleted besides."""
    return _edit(new, "2025-05-12T15:00:00+02:00", drop={"ag5", "mittagspause"})


# -- calendars, read by two parsers ---------------------------------------------------------


@attrs.frozen
class Event:
    uid: str
    sequence: int
    status: str
    stamp: dt.datetime
    summary: str


def _icalendar(text: str) -> dict[str, Event]:
    calendar = icalendar.Calendar.from_ical(text)
    events = {}
    for event in calendar.walk("VEVENT"):
        uid = str(event["UID"])
        events[uid] = Event(
            uid=uid,
            sequence=int(event["SEQUENCE"]),
            status=str(event["STATUS"]),
            stamp=event.decoded("DTSTAMP"),
            summary=str(event["SUMMARY"]),
        )
    return events


def _ical(text: str) -> dict[str, Event]:
    calendar = IcsCalendarStream.calendar_from_ics(text)
    events = {}
    for event in calendar.events:
        assert event.uid is not None
        assert event.status is not None
        events[event.uid] = Event(
            uid=event.uid,
            sequence=int(event.sequence or 0),
            status=str(event.status.value),
            stamp=event.dtstamp,
            summary=event.summary or "",
        )
    return events


PARSERS: dict[str, Callable[[str], dict[str, Event]]] = {"icalendar": _icalendar, "ical": _ical}


def _uid(programme: ep.Programme, id_: str) -> str:
    return str(stable_uuid(programme.id, id_))


def _raised(before: dict[str, Event], after: dict[str, Event]) -> set[str]:
    """The UIDs whose SEQUENCE went up; fails where one went down."""
    lowered = {u for u in before if u in after and after[u].sequence < before[u].sequence}
    assert not lowered, f"SEQUENCE went down for {lowered}"
    return {u for u in before if u in after and after[u].sequence > before[u].sequence}


@pytest.mark.parametrize("parser", PARSERS)
class TestCalendarAcrossARelease:
    """The calendar of the worked change, against the one published before it."""

    @pytest.fixture
    def calendars(self, parser, old, new, changes) -> tuple[dict[str, Event], dict[str, Event]]:
        read = PARSERS[parser]
        return read(_render("ical", old)), read(_render("ical", new, changes=changes))

    def test_same_uids(self, calendars):
        """Every event keeps its UID: nothing is added or deleted, so the sets are equal."""
        before, after = calendars
        assert set(before) == set(after)

    def test_sequence_up_exactly_for_changed_items(self, calendars, new):
        """SEQUENCE is greater for the three changed items and the same for every other."""
        before, after = calendars
        assert _raised(before, after) == {_uid(new, i) for i in WORKED}

    def test_cancelled_item_stays_with_status_cancelled(self, calendars, new):
        """The Gallery Walk is still there, STATUS:CANCELLED and "Abgesagt:"; the rest confirmed."""
        _, after = calendars
        walk = after.pop(_uid(new, "gallery-walk"))
        assert walk.status == "CANCELLED"
        assert walk.summary == "Abgesagt: Gallery Walk"
        assert {e.status for e in after.values()} == {"CONFIRMED"}

    def test_stamp_from_the_new_revision(self, calendars, new):
        """DTSTAMP is the new revision, in UTC, on every event."""
        _, after = calendars
        assert new.revision is not None
        assert {e.stamp for e in after.values()} == {new.revision.astimezone(dt.UTC)}

    def test_deleted_items_stay_cancelled(self, parser, old, deleted):
        """Deleted items keep their UIDs, STATUS:CANCELLED and a greater SEQUENCE."""
        read = PARSERS[parser]
        before = read(_render("ical", old))
        after = read(_render("ical", deleted, changes=ep.diff(old, deleted), language="en"))
        assert set(after) == set(before)
        gone = {_uid(deleted, i) for i in ("ag5", "mittagspause")}
        assert {u for u, e in after.items() if e.status == "CANCELLED"} == gone | {
            _uid(deleted, "gallery-walk")
        }
        assert _raised(before, after) == gone | {_uid(deleted, i) for i in WORKED}
        assert after[_uid(deleted, "mittagspause")].summary == "Cancelled: Mittagspause"


def test_deleted_day_stays_in_the_calendar(old):
    """A day deleted whole: its items stay in the calendar, cancelled; the page only lists them."""
    day = old.days[0]
    later = attrs.evolve(day, date=day.date + dt.timedelta(days=1), slots=day.slots[:2])
    two_days = attrs.evolve(old, days=(day, later))
    ids = [s.id for s in day.slots]
    renamed = _edit(two_days, "2025-05-08T09:00:00+02:00")
    renamed = attrs.evolve(
        renamed,
        days=(
            day,
            attrs.evolve(later, slots=tuple(attrs.evolve(s, id=f"{s.id}-2") for s in later.slots)),
        ),
    )
    one_day = attrs.evolve(renamed, days=(day,), revision=dt.datetime(2025, 5, 9, tzinfo=dt.UTC))
    changes = ep.diff(renamed, one_day)
    gone = {_uid(one_day, f"{i}-2") for i in ids[:2]}
    events = _icalendar(_render("ical", one_day, changes=changes))
    assert {u for u, e in events.items() if e.status == "CANCELLED"} == gone
    html = _render("html", one_day, changes=changes)
    assert f'id="{ids[1]}-2"' not in html  # no place on the page
    assert "Begrüßung und Agenda" in _text(html.split("</section>", 1)[0])


class TestSequenceOverAChain:
    """Three releases: SEQUENCE is the revision of each item's last change."""

    @pytest.fixture
    def chain(self, old, new) -> tuple[ep.Programme, ep.Programme, ep.Programme]:
        third = _edit(new, "2025-05-13T10:00:00+02:00", retitle={"ag1": "Generation Z"})
        return old, new, third

    def test_third_release_raises_only_its_own_change(self, chain):
        """Built with the chain, the third calendar raises AG 1 alone over the second."""
        first, second, third = chain
        one, two = ep.diff(first, second), ep.diff(second, third)
        before = _icalendar(_render("ical", second, changes=one))
        after = _icalendar(_render("ical", third, changes=two, history=(one,)))
        assert _raised(before, after) == {_uid(third, "ag1")}

    def test_subscriber_of_the_first_release(self, chain):
        """Against the first release, exactly the items changed in either step are raised."""
        first, second, third = chain
        one, two = ep.diff(first, second), ep.diff(second, third)
        before = _ical(_render("ical", first))
        after = _ical(_render("ical", third, changes=two, history=(one,)))
        assert _raised(before, after) == {_uid(third, i) for i in (*WORKED, "ag1")}

    def test_without_the_chain_nothing_is_missed(self, chain):
        """With the last step alone, every item changed since a subscriber looked is raised."""
        first, second, third = chain
        one, two = ep.diff(first, second), ep.diff(second, third)
        after = _icalendar(_render("ical", third, changes=two))
        for seen, changed in [
            (_render("ical", first), {*WORKED, "ag1"}),
            (_render("ical", second, changes=one), {"ag1"}),
        ]:
            assert {_uid(third, i) for i in changed} <= _raised(_icalendar(seen), after)

    def test_releases_in_one_minute(self, new):
        """A change released in the same minute as the one before still raises SEQUENCE."""
        second = _edit(new, "2025-05-12T14:00:30+02:00", retitle={"ag2": "Daten"})
        step = ep.diff(new, second)
        history = (ep.diff(ep.load(EXAMPLE), new),)
        before = _icalendar(_render("ical", new, changes=history[0]))
        after = _icalendar(_render("ical", second, changes=step, history=history))
        assert _raised(before, after) == {_uid(second, "ag2")}

    def test_build_reads_the_chain_from_the_releases_folder(self, tmp_path, chain):
        """``build`` after two releases gives the calendar the API gives with the whole chain."""
        first, second, third = chain
        folder = tmp_path / "fachtag"
        shutil.copytree(EXAMPLE, folder)
        assert main(["release", str(folder)]) == 0
        shutil.copy(CHANGED / "programme.toml", folder / "programme.toml")
        assert main(["release", str(folder)]) == 0
        text = (folder / "programme.toml").read_text(encoding="utf-8")
        text = text.replace("2025-05-12T14:00:00+02:00", "2025-05-13T10:00:00+02:00", 1)
        text = text.replace('"Generation Z – Zerfall oder Zukunft?!', '"Generation Z', 1)
        (folder / "programme.toml").write_text(text, encoding="utf-8")
        out = tmp_path / "dist"
        assert main(["build", str(folder), "-o", str(out), "-f", "ical"]) == 0
        built = _icalendar((out / f"{third.id}.ics").read_text(encoding="utf-8"))
        before = _icalendar(_render("ical", second, changes=ep.diff(first, second)))
        assert _raised(before, built) == {_uid(third, "ag1")}


# -- the page, the Markdown and the schedules ---------------------------------------------------


def _text(html: str) -> str:
    """The text of the page's body, without tags and with blanks squashed."""
    body = html.split("<body>", 1)[-1].split("<script", 1)[0]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", body))


class TestPage:
    """The HTML page with the worked change: the change list, the marks, the cancelled items."""

    def test_change_list_opens_the_main_part(self, new, changes):
        """The section comes first in <main>, with the revision, since when, and the groups."""
        html = _render("html", new, changes=changes)
        main_part = html.split('<main id="_main">\n', 1)[1]
        assert main_part.startswith('<section class="changes" aria-labelledby="_changes">')
        section = main_part.split("</section>", 1)[0]
        text = _text(section)
        assert "Programmänderungen (Stand Montag, 12. Mai 2025, 14:00 Uhr)" in text
        assert "Seit dem Stand vom Donnerstag, 8. Mai 2025, 09:00 Uhr." in text
        assert text.index("Abgesagt") < text.index("Gallery Walk") < text.index("Geändert")
        assert "Raum: kein Raum → Seminarraum 2" in text
        assert "neu dabei: Dr. Erika Mustermann (Keynote)" in text
        assert "nicht mehr dabei: Jonas Dageförde (Keynote)" in text

    def test_english(self, new, changes):
        """In English: "Programme changes", "Cancelled", "Room: no room → Seminarraum 2"."""
        html = _render("html", new, changes=changes, language="en")
        text = _text(html)
        assert "Programme changes (As of Monday, 12 May 2025, 14:00)" in text
        assert "Room: no room → Seminarraum 2" in text
        assert "Gallery Walk cancelled" in text
        assert "abgesagt" not in text
        assert "geändert" not in text

    def test_entries_link_to_their_items(self, new, changes):
        """Every entry links to an element of the page with the item's id."""
        html = _render("html", new, changes=changes)
        section = html.split("</section>", 1)[0]
        targets = re.findall(r'<a href="#([^"]+)"', section)
        assert sorted(targets) == sorted(WORKED)
        for target in targets:
            assert f'id="{target}"' in html

    def test_marks_in_place(self, new, changes):
        """The cancelled slot is struck through with the word; changed items carry "geändert"."""
        html = _render("html", new, changes=changes)
        assert (
            '<span class="title"><s>Gallery Walk</s></span>'
            ' <span class="change change-cancelled">abgesagt</span></h3>'
        ) in html
        assert re.search(r"zusammengedacht <span class=\"change change-changed\">geändert", html)
        assert len(re.findall(r'class="change change-[a-z]+">', html)) == 3 + 2  # + group heads

    def test_cancelled_item_has_no_calendar_button(self, new, changes):
        """Nobody adds a cancelled item to a calendar: no data-uid; the others keep theirs."""
        html = _render("html", new, changes=changes)
        walk = re.search(r'<li class="slot[^"]*" id="gallery-walk"[^>]*>', html)
        assert walk is not None
        assert "data-uid" not in walk.group()
        assert 'id="mittagspause" data-uid=' in html

    def test_deleted_items_at_their_old_place(self, old, deleted):
        """Deleted AG 5 and lunch show struck through, at their old time and place."""
        html = _render("html", deleted, changes=ep.diff(old, deleted))
        ids = re.findall(r'<li class="(?:slot|session)[^"]*" id="([^"]+)"', html)
        assert (
            ids.index("gallery-walk")
            < ids.index("mittagspause")
            < ids.index("keynote-digitalisierung")
        )
        assert ids.index("ag4") + 1 == ids.index("ag5")
        assert '<s>Mittagspause</s></span> <span class="change change-cancelled">abgesagt' in html
        assert "<s>Thematisch offener Raum/Barcamp</s>" in html

    def test_marked_cancelled_without_changes(self, new):
        """Without changes known, a cancelled item still reads "abgesagt", and nothing else."""
        html = _render("html", new)
        assert '<section class="changes"' not in html
        assert '<s>Gallery Walk</s></span> <span class="change change-cancelled">abgesagt' in html
        assert "geändert" not in _text(html)

    def test_json_ld_says_cancelled(self, new):
        """The page's JSON-LD gives the cancelled sub-event EventCancelled, the rest scheduled."""
        html = _render("html", new)
        data = json.loads(
            html.split('<script type="application/ld+json">', 1)[1].split("</script>")[0]
        )
        status = {e["name"]: e["eventStatus"].rsplit("/", 1)[1] for e in data["subEvent"]}
        assert status.pop("Gallery Walk") == "EventCancelled"
        assert set(status.values()) == {"EventScheduled"}

    def test_no_marks_no_second_stylesheet(self, old):
        """A page without changes and cancellations carries no change styles."""
        assert ".change-cancelled" not in _render("html", old)

    def test_hostile_titles_escaped(self, old):
        """A title with markup and an ampersand is text in the change list and in place."""
        hostile = _edit(
            old, "2025-05-12T14:00:00+02:00", retitle={"ag2": "<script>x</script> & Co"}
        )
        html = _render("html", hostile, changes=ep.diff(old, hostile))
        assert "<script>x" not in html
        section = html.split("</section>", 1)[0]
        assert "&lt;script&gt;x&lt;/script&gt; &amp; Co" in section
        assert "Titel: Daten, Tools, Strategien" in _text(section)
        in_place = '&lt;script&gt;x&lt;/script&gt; &amp; Co <span class="change change-changed">'
        assert in_place in html  # escaped once, the badge markup itself not escaped


class TestMarkdown:
    """The Markdown with the worked change: the same list, marks in place, lint clean."""

    def test_change_list_and_marks(self, new, changes):
        """A section Programmänderungen before the slots, and (abgesagt)/(geändert) in headings."""
        markdown = _render("markdown", new, changes=changes)
        head, programme = markdown.split("## 09:30 Uhr", 1)
        assert "## Programmänderungen (Stand Montag, 12. Mai 2025, 14:00 Uhr)" in head
        assert (
            "### Abgesagt\n\n- Gallery Walk – Donnerstag, 15. Mai 2025, 12:00–12:30 Uhr\n" in head
        )
        assert "  - Raum: kein Raum → Seminarraum 2" in head
        assert "## 12:00 Uhr – Gallery Walk (abgesagt)\n" in programme
        assert "### 4\\. Klimaanpassung" not in programme  # the number is a heading's, not a list's
        assert "### 4. Klimaanpassung und Sozialplanung zusammengedacht (geändert)\n" in programme

    def test_renders_as_commonmark(self, new, changes):
        """CommonMark reads the change list as headings and nested lists, the marks as text."""
        html = MarkdownIt("commonmark").render(
            _render("markdown", new, changes=changes, language="en")
        )
        assert "<h3>Cancelled</h3>" in html
        assert "<li>Room: no room → Seminarraum 2</li>" in html
        assert "<h2>12:00 – Gallery Walk (cancelled)</h2>" in html

    def test_deleted_items_at_their_old_place(self, old, deleted):
        """Deleted lunch and AG 5 keep their headings, marked cancelled, at their old place."""
        markdown = _render("markdown", deleted, changes=ep.diff(old, deleted))
        assert (
            markdown.index("Gallery Walk (abgesagt)")
            < markdown.index("## 12:30 Uhr – Mittagspause (abgesagt)")
            < markdown.index("## 13:30 Uhr")
        )
        assert "### 5. Thematisch offener Raum/Barcamp (abgesagt)" in markdown

    def test_hostile_title_escaped(self, old):
        """A title with markup stays text in the change list."""
        hostile = _edit(old, "2025-05-12T14:00:00+02:00", retitle={"ag2": "<b>*x*</b> [y](z)"})
        markdown = _render("markdown", hostile, changes=ep.diff(old, hostile))
        html = MarkdownIt("commonmark").render(markdown)
        assert "<b>" not in html
        assert "<em>" not in html
        assert "<a " not in html

    def test_lint_clean(self, new, changes, old, deleted, tmp_path):
        """markdownlint finds nothing in the change lists, German, English, with deletions."""
        if not MARKDOWNLINT.is_file():
            if os.environ.get("CI", "").lower() == "true":
                pytest.fail(f"markdownlint-cli2 is not installed ({MARKDOWNLINT})")
            pytest.skip(f"markdownlint-cli2 is not installed ({MARKDOWNLINT})")
        files = []
        for name, programme, diffed, language in [
            ("de", new, changes, "de"),
            ("en", new, changes, "en"),
            ("deleted", deleted, ep.diff(old, deleted), "de"),
        ]:
            path = tmp_path / f"{name}.md"
            path.write_text(_render("markdown", programme, changes=diffed, language=language))
            files.append(str(path))
        result = subprocess.run(
            [str(MARKDOWNLINT), *files], cwd=ROOT, capture_output=True, text=True, check=False
        )
        assert result.returncode == 0, result.stdout + result.stderr


_JSON_EVENT = r'"guid": "([^"]+)",\s*"id": (\d+)'
"""An event's guid and integer id in schedule.json, written in that order."""


class TestSchedules:
    """schedule.xml and schedule.json leave cancelled items out, the others keep their ids."""

    @pytest.mark.parametrize("name", ["frab-xml", "c3voc-json"])
    def test_cancelled_left_out_numbers_kept(self, name, old, new, changes):
        """The Gallery Walk is gone; every other event keeps its integer id."""
        before, after = _render(name, old), _render(name, new, changes=changes)
        assert "Gallery Walk" in before
        assert "Gallery Walk" not in after
        pattern = r'<event guid="([^"]+)" id="(\d+)"' if name == "frab-xml" else _JSON_EVENT
        kept, published = dict(re.findall(pattern, after)), dict(re.findall(pattern, before))
        assert kept.items() < published.items()
        assert len(published) - len(kept) == 1


# -- golden files of the worked change ---------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", ["html", "markdown", "ical"])
def test_golden(name, language, new, changes):
    """The worked change in HTML, Markdown and iCal equals its checked-in file exactly."""
    fmt = exporters.get(name)
    content = fmt.render(new, exporters.RenderOptions(language=language, changes=changes))
    data = content.encode("utf-8") if isinstance(content, str) else content
    _golden(f"nrw-sozialplanung-2025-aenderung.{language}{fmt.suffix}", data)


# -- generated programmes with deletions -----------------------------------------------------


def _all_ids(programme: ep.Programme) -> list[str]:
    return [item.id for item in ep.timeline(programme).items]


@settings(max_examples=15)
@given(programme=programmes(max_days=2), data=st.data())
def test_deleted_items_shown_once_and_cancelled(programme, data):
    """Delete any slots and sessions: each format shows every old item once, the deleted ones
    cancelled at their old day, and the calendar keeps their UIDs with STATUS:CANCELLED."""
    ids = _all_ids(programme)
    dropped = set(data.draw(st.lists(st.sampled_from(ids), max_size=4))) if ids else set()
    revision = (programme.revision or dt.datetime(2025, 1, 1, tzinfo=dt.UTC)) + dt.timedelta(1)
    new = _edit(programme, revision.isoformat(), drop=dropped)
    changes = ep.diff(programme, new)
    marked = Marked.of(ep.timeline(new), changes)
    shown = [item.id for item in marked.walk()]
    assert sorted(shown) == sorted(ids)
    gone = {c.id for c in changes if c.deleted}
    assert {i.id for i in marked.walk() if marked.cancelled(i)} >= gone
    events = _icalendar(_render("ical", new, changes=changes))
    before = _icalendar(_render("ical", programme))
    cancelled = {_uid(new, i) for i in gone} & set(before)
    # Each deleted event stays, cancelled. (A session left alone in its slot is no event of its
    # own any more, so its UID may go: its slot's event stands for it.)
    assert cancelled <= set(events)
    assert {uid for uid, event in events.items() if event.status == "CANCELLED"} == cancelled
    html = _render("html", new, changes=changes)
    for id_ in gone:
        assert html.count(f' id="{id_}"') == 1


def test_preview_shows_a_cancelled_item(tmp_path):
    """``eventprogram preview`` of a programme with a cancelled item serves its page, marks and
    all, and its policy allows every stylesheet on it (the change styles included)."""
    folder = tmp_path / "aenderung"
    shutil.copytree(CHANGED, folder)
    preview = Preview(str(folder))
    assert preview.refresh()
    page = preview.shown.page.decode()
    assert '<span class="change change-cancelled">abgesagt</span>' in page
    (policy,) = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', page)
    styles = re.findall(r"<style>(.*?)</style>", page, re.DOTALL)
    assert len(styles) == 3  # the page's, its change styles, the preview's
    for text in styles:
        digest = hashlib.sha256(text.encode()).digest()
        assert f"sha256-{base64.b64encode(digest).decode()}" in policy
