"""The web page's timetable layout, read from the HTML without a browser (issue #19)."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from html.parser import HTMLParser

import attrs
import pytest
from hypothesis import given

import eventprogram as ep
from eventprogram import exporters
from eventprogram.exporters.html._timetable import (
    MAX_DOCUMENT_PARALLEL,
    MAX_DOCUMENT_ROOMS,
    choose_layout,
    entries_of,
    step,
)
from eventprogram.testing import congresses


@pytest.fixture(scope="module")
def bottrop(example_dir) -> ep.Programme:
    return ep.load(example_dir)


def render(programme: ep.Programme, **options: object) -> str:
    html = exporters.get("html").render(programme, exporters.RenderOptions(**options))  # type: ignore[arg-type]
    assert isinstance(html, str)
    return html


@attrs.define
class Placed:
    """An entry of a table as the HTML table model places it."""

    id: str
    day: int
    room: str
    time: dt.datetime
    """The time of its first row."""
    rows: int


class Grid(HTMLParser):
    """Every timetable's entries with the column header above each, by the HTML table model."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.placed: list[Placed] = []
        self.steps: set[dt.timedelta] = set()
        self.day = 0
        self.headers: list[str] = []
        self.taken: dict[tuple[int, int], bool] = {}
        self.row = -1
        self.column = 0
        self.in_head = False
        self.text: list[str] | None = None
        self.colspan = 1
        self.row_time: dt.datetime | None = None
        self.row_times: list[dt.datetime] = []
        self.entry: dict[str, object] | None = None
        self.in_row_header = False
        self.step_of: dict[int, dt.timedelta] = {}

    def handle_starttag(  # noqa: C901, PLR0912 -- the table model, one case per tag
        self, tag: str, attrs: list[tuple[str, str | None]]
    ) -> None:
        a = dict(attrs)
        if tag == "section" and a.get("data-day"):
            self.day = int(a["data-day"] or 0)
        elif tag == "table":
            self.headers, self.taken, self.row, self.row_times = [], {}, -1, []
            # The page says its rows' length; the rows' times check it where there are two.
            self.step_of[self.day] = dt.timedelta(minutes=int(a["data-step"] or 0))
        elif tag == "thead":
            self.in_head = True
        elif tag == "tr" and not self.in_head:
            self.row += 1
            self.column = 0
        elif tag == "th" and self.in_head:
            self.text, self.colspan = [], int(a.get("colspan") or 1)
        elif tag == "time" and self.in_row_header:
            self.row_time = dt.datetime.fromisoformat(a["datetime"] or "")
            self.row_times.append(self.row_time)
            if len(self.row_times) > 1:
                self.steps.add(self.row_times[-1] - self.row_times[-2])
                assert self.step_of[self.day] == self.row_times[-1] - self.row_times[-2]
        elif tag in {"th", "td"} and not self.in_head:
            while self.taken.get((self.row, self.column)):
                self.column += 1
            rows, columns = int(a.get("rowspan") or 1), int(a.get("colspan") or 1)
            for r in range(rows):
                for c in range(columns):
                    self.taken[self.row + r, self.column + c] = True
            if a.get("class") == "tt-e":
                self.entry = {"column": self.column, "rows": rows}
            self.in_row_header = tag == "th"
            self.column += columns
        elif tag == "li" and self.entry is not None and "id" not in self.entry:
            self.entry["id"] = a["id"]
            assert self.row_time is not None
            column = int(self.entry["column"])  # type: ignore[call-overload]
            self.placed.append(
                Placed(
                    id=str(a["id"]),
                    day=self.day,
                    room=self.headers[column - 1],
                    time=self.row_time,
                    rows=int(self.entry["rows"]),  # type: ignore[call-overload]
                )
            )

    def handle_endtag(self, tag: str) -> None:
        if tag == "thead":
            self.in_head = False
        elif tag == "th" and self.in_head and self.text is not None:
            if self.headers or self.colspan > 1 or "".join(self.text).strip() not in TIME_WORDS:
                self.headers += ["".join(self.text).strip()] * self.colspan
            self.text = None
        elif tag == "td":
            self.entry = None
        elif tag == "th":
            self.in_row_header = False

    def handle_data(self, data: str) -> None:
        if self.text is not None:
            self.text.append(data)


TIME_WORDS = {"Zeit", "Time"}


def grid(html: str) -> Grid:
    reader = Grid()
    reader.feed(html)
    reader.close()
    return reader


@given(congresses())
def test_every_item_once_in_its_room_and_time(programme):
    """Every entry of a generated congress stands exactly once in the timetable: in its day's
    table, under its room's header, from the row of its start down to the row of its end."""
    html = render(programme, layout="timetable")
    found = grid(html)
    assert found.steps <= {dt.timedelta(minutes=m) for m in (5, 10, 15)}
    by_id: dict[str, list[Placed]] = {}
    for placed in found.placed:
        by_id.setdefault(placed.id, []).append(placed)
    resolved = ep.timeline(programme)
    no_room = "Ohne Raum" if programme.language == "de" else "No room"
    expected = 0
    for day, slots in enumerate(resolved.days, 1):
        for item in entries_of(slots):
            expected += 1
            (placed,) = by_id[item.id]
            assert placed.day == day
            length = found.step_of[day]
            assert placed.room == (" ".join(item.room.name.split()) if item.room else no_room)
            start = programme.localize(item.start)
            end = programme.localize(max(item.end, item.start))
            assert placed.time <= start < placed.time + length
            bottom = placed.time + placed.rows * length
            assert bottom >= end
            assert placed.rows == 1 or bottom - length < end
    assert len(found.placed) == expected


def programme_with(rooms: int, parallel: int) -> ep.Programme:
    """One block of *parallel* sessions, spread over *rooms* rooms."""
    venue_rooms = tuple(ep.Room(id=f"r{n}", name=f"Raum {n}") for n in range(rooms))
    start = dt.datetime(2025, 5, 15, 10)
    sessions = tuple(
        ep.Session(
            id=f"s{n}",
            title=f"Session {n}",
            room=f"r{n % rooms}",
            start=start + dt.timedelta(hours=n // rooms),
            end=start + dt.timedelta(hours=n // rooms + 1),
        )
        for n in range(parallel)
    )
    slot = ep.Slot(
        id="block",
        kind="parallel",
        title="Parallele Sessions",
        start=start,
        end=start + dt.timedelta(hours=parallel // rooms + 1),
        sessions=sessions,
    )
    return ep.Programme(
        id="p",
        title="P",
        venue=ep.Venue(name="Halle", rooms=venue_rooms),
        days=(ep.Day(date=start.date(), slots=(slot,)),),
    )


class TestChoice:
    def test_thresholds(self):
        """Auto is the document up to the thresholds, and the timetable just past either."""
        options = exporters.RenderOptions()

        def layout(programme: ep.Programme) -> ep.Layout:
            return choose_layout(programme, ep.timeline(programme), options)

        rooms = MAX_DOCUMENT_ROOMS
        assert layout(programme_with(rooms, rooms)) is ep.Layout.DOCUMENT
        assert layout(programme_with(rooms + 1, rooms + 1)) is ep.Layout.TIMETABLE
        # Many rooms in turn, never more than a few at once: still a congress's timetable.
        assert layout(programme_with(rooms + 1, rooms + 1)) is ep.Layout.TIMETABLE
        # Many at once in few rooms (a clash in each): the timetable too.
        assert rooms == MAX_DOCUMENT_PARALLEL
        crowded = programme_with(2, 2)
        block = crowded.days[0].slots[0]
        sessions = tuple(
            attrs.evolve(block.sessions[0], id=f"c{n}", room=f"r{n % 2}")
            for n in range(MAX_DOCUMENT_PARALLEL + 1)
        )
        crowded = attrs.evolve(
            crowded,
            days=(attrs.evolve(crowded.days[0], slots=(attrs.evolve(block, sessions=sessions),)),),
        )
        assert layout(crowded) is ep.Layout.TIMETABLE

    def test_bottrop_stays_a_document(self, bottrop):
        """The example (five working groups) keeps the document layout."""
        html = render(bottrop)
        assert '<ol class="schedule">' in html
        assert "<table" not in html

    def test_source_and_option_override(self, bottrop):
        """The source's layout sets it; the option overrides the source."""
        as_table = attrs.evolve(bottrop, layout=ep.Layout.TIMETABLE)
        assert '<table class="tt"' in render(as_table)
        assert "<table" not in render(as_table, layout="document")
        assert '<table class="tt"' in render(bottrop, layout="timetable")
        big = programme_with(20, 40)
        assert "<table" not in render(attrs.evolve(big, layout=ep.Layout.DOCUMENT))

    def test_layout_in_the_toml_source(self, tmp_path):
        """``layout = "timetable"`` in the TOML source is read; a wrong value names the field."""
        source = tmp_path / "p.toml"
        base = (
            'id = "p"\ntitle = "P"\n{layout}\n[venue]\nname = "Halle"\n'
            '[[days]]\ndate = 2025-05-15\n[[days.slots]]\nid = "a"\nkind = "talk"\n'
            'title = "A"\nstart = "10:00"\nend = "11:00"\n'
        )
        source.write_text(base.format(layout='layout = "timetable"'), encoding="utf-8")
        assert ep.load(source).layout is ep.Layout.TIMETABLE
        source.write_text(base.format(layout='layout = "grid"'), encoding="utf-8")
        with pytest.raises(ep.errors.SourceError) as caught:
            ep.load(source)
        assert "layout" in str(caught.value)
        assert ":3" in str(caught.value) or "line 3" in str(caught.value)


class TestGrid:
    def test_step_follows_the_times(self):
        """Rows are 15 minutes where every time allows, else 10, else 5."""
        quarter = programme_with(13, 13)
        assert step(list(entries_of(ep.timeline(quarter).days[0]))) == 15
        block = quarter.days[0].slots[0]
        odd = attrs.evolve(
            block,
            sessions=(
                attrs.evolve(
                    block.sessions[0], end=block.sessions[0].start + dt.timedelta(minutes=50)
                ),
                *block.sessions[1:],
            ),
        )
        ten = attrs.evolve(quarter, days=(attrs.evolve(quarter.days[0], slots=(odd,)),))
        assert step(list(entries_of(ep.timeline(ten).days[0]))) == 10
        seven = attrs.evolve(
            block,
            sessions=(
                attrs.evolve(
                    block.sessions[0], end=block.sessions[0].start + dt.timedelta(minutes=7)
                ),
                *block.sessions[1:],
            ),
        )
        five = attrs.evolve(quarter, days=(attrs.evolve(quarter.days[0], slots=(seven,)),))
        assert step(list(entries_of(ep.timeline(five).days[0]))) == 5

    def test_rooms_are_column_headers_and_times_row_headers(self):
        """Each room heads a column (``scope=col``), each time a row (``scope=row``)."""
        html = render(programme_with(13, 26))
        for n in range(13):
            assert f'<th scope="col">Raum {n}</th>' in html
        assert (
            '<th scope="row"><time datetime="2025-05-15T10:00:00+02:00">10:00</time></th>' in html
        )
        assert (
            '<th scope="row"><time datetime="2025-05-15T11:45:00+02:00">11:45</time></th>' in html
        )

    def test_hostile_room_and_title_are_escaped(self):
        """A room named like markup and a title with ``&`` come out as text."""
        programme = programme_with(13, 13)
        rooms = list(programme.venue.rooms)
        rooms[0] = attrs.evolve(rooms[0], name="<script>alert(1)</script> & Co")
        programme = attrs.evolve(programme, venue=attrs.evolve(programme.venue, rooms=tuple(rooms)))
        html = render(programme)
        assert "<script>alert(1)" not in html
        assert '<th scope="col">&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co</th>' in html

    def test_texts_are_folded(self):
        """An abstract is inside ``<details>``; the title, time, room and people are not."""
        programme = programme_with(13, 13)
        block = programme.days[0].slots[0]
        first = attrs.evolve(block.sessions[0], description="Ein langer Text über Sozialplanung.")
        programme = attrs.evolve(
            programme,
            days=(
                attrs.evolve(
                    programme.days[0],
                    slots=(attrs.evolve(block, sessions=(first, *block.sessions[1:])),),
                ),
            ),
        )
        html = render(programme).split("<main", 1)[1]
        details = html.index("<details>\n<summary>Beschreibung</summary>")
        assert details < html.index("Ein langer Text") < html.index("</details>", details)
        assert html.index("<h3>Session 0</h3>") < details
        english = render(programme, language="en")
        assert "<summary>Description</summary>" in english


class TestNight:
    def night(self) -> ep.Programme:
        programme = programme_with(13, 13)
        block = programme.days[0].slots[0]
        late = attrs.evolve(
            block.sessions[0],
            start=dt.datetime(2025, 5, 15, 23),
            end=dt.datetime(2025, 5, 16, 9),
        )
        after = attrs.evolve(
            block.sessions[1], start=dt.datetime(2025, 5, 16, 1), end=dt.datetime(2025, 5, 16, 2)
        )
        block = attrs.evolve(
            block, end=dt.datetime(2025, 5, 16, 9), sessions=(late, after, *block.sessions[2:])
        )
        return attrs.evolve(programme, days=(attrs.evolve(programme.days[0], slots=(block,)),))

    def test_page_names_the_next_weekday(self):
        """After midnight a time says its weekday: "bis Fr 09:00 Uhr" / "until Fri 09:00"."""
        for layout in ("timetable", "document"):
            german = render(self.night(), layout=layout)
            assert "23:00</time> bis <time" in german
            assert ">Fr 09:00</time> Uhr" in german
            assert '>Fr 01:00</time>–<time datetime="2025-05-16T02:00:00+02:00">02:00<' in german
            english = render(self.night(), layout=layout, language="en")
            assert "23:00</time> until <time" in english
            assert ">Fri 09:00</time>" in english
        # The day's span in the page's head, too.
        assert '10:00</time> bis <time datetime="2025-05-16T09:00:00+02:00">Fr 09:00' in german

    def test_markdown_names_the_next_weekday(self):
        """The Markdown says the same: "23:00 bis Fr 09:00 Uhr", and the day's real span."""
        german = exporters.get("markdown").render(self.night(), exporters.RenderOptions())
        assert "23:00 bis Fr 09:00 Uhr" in german
        assert "Fr 01:00–02:00 Uhr" in german
        assert "10:00 bis Fr 09:00 Uhr" in german
        english = exporters.get("markdown").render(
            self.night(), exporters.RenderOptions(language="en")
        )
        assert "23:00 until Fri 09:00" in english

    def test_daytime_has_no_weekday(self):
        """A day that ends before midnight keeps its plain span: no weekday, no "bis"."""
        html = render(programme_with(13, 13))
        assert " bis " not in html.split("<main", 1)[1]


def test_cli_layout_option(tmp_path, example_dir):
    """``--layout timetable`` writes the timetable; ``--layout grid`` is refused."""
    out = tmp_path / "p.html"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "eventprogram",
            "convert",
            str(example_dir),
            str(out),
            "--layout",
            "timetable",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert '<table class="tt"' in out.read_text(encoding="utf-8")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "eventprogram",
            "convert",
            str(example_dir),
            str(out),
            "--layout",
            "grid",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert "--layout" in done.stderr


class TestMarkdownBlock:
    def test_sessions_of_a_block_lead_with_time_and_room(self):
        """In a block of parallel sessions (an imported congress's day), each session's heading
        says its time and room first, and the line below does not repeat them."""
        markdown = exporters.get("markdown").render(
            programme_with(13, 26), exporters.RenderOptions()
        )
        assert "### 10:00–11:00 Uhr, Raum 3 – Session 3\n" in markdown
        assert "### 11:00–12:00 Uhr, Raum 0 – Session 13\n" in markdown
        assert "Raum: Raum 3" not in markdown
        english = exporters.get("markdown").render(
            programme_with(13, 26), exporters.RenderOptions(language="en")
        )
        assert "### 10:00–11:00, Raum 3 – Session 3\n" in english

    def test_working_groups_keep_their_numbers(self, bottrop):
        """A Fachtag's working groups (not a block of kind ``parallel``) read as before."""
        markdown = exporters.get("markdown").render(bottrop, exporters.RenderOptions())
        assert "### 1. " in markdown


def test_layout_round_trips_through_json(bottrop):
    """``layout`` is written to the canonical JSON only where it is set, and read back."""
    assert '"layout"' not in ep.dumps(bottrop)
    as_table = attrs.evolve(bottrop, layout=ep.Layout.TIMETABLE)
    text = ep.dumps(as_table)
    assert '"layout": "timetable"' in text
    assert ep.loads(text).layout is ep.Layout.TIMETABLE


def test_a_cancelled_item_is_struck_in_the_timetable():
    """A cancelled session stays in its cell, struck through and marked, as in the document."""
    programme = programme_with(13, 13)
    block = programme.days[0].slots[0]
    first = attrs.evolve(block.sessions[0], cancelled=True)
    programme = attrs.evolve(
        programme,
        days=(
            attrs.evolve(
                programme.days[0],
                slots=(attrs.evolve(block, sessions=(first, *block.sessions[1:])),),
            ),
        ),
    )
    html = render(programme).split("<main", 1)[1]
    assert '<li class="session is-cancelled" id="s0"' in html
    assert "<h3><s>Session 0</s>" in html
    assert html.count("is-cancelled") == 1
