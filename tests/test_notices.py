"""eventprogram notices: who is told what about a change (German, English), their calendars."""

from __future__ import annotations

import os
import unicodedata

import icalendar
import pytest

import eventprogram as ep
from conftest import EXAMPLE, ROOT
from eventprogram._cli import main
from eventprogram._ids import stable_uuid

CHANGED = ROOT / "examples" / "nrw_sozialplanung_2025_aenderung"
GOLDEN = ROOT / "tests" / "golden" / "notices"
UPDATE = os.environ.get("EVENTPROGRAM_UPDATE_GOLDEN") == "1"

BASE = """\
id = "tag"
title = "Fachtag"
revision = 2025-05-01T10:00:00+02:00

[venue]
name = "Rathaus"
rooms = [{ id = "saal", name = "Saal" }, { id = "studio", name = "Studio" }]

[[days]]
date = 2025-06-02

[[days.slots]]
id = "vortrag"
start = "09:00"
kind = "keynote"
title = "Vortrag"
room = "saal"
people = [
  { person = "ada", roles = ["keynote"] },
  { person = "bea", roles = ["moderation"] },
]

[[days.slots]]
id = "ags"
start = "10:00"
kind = "working-groups"
title = "Arbeitsgruppen"

[[days.slots.sessions]]
id = "ag1"
number = 1
title = "Daten"
room = "saal"
description = "Alt."
people = [{ person = "cem", roles = ["input"] }]

[[days.slots.sessions]]
id = "ag2"
number = 2
title = "Tools"
room = "studio"
people = [{ person = "dan", roles = ["input"] }]

[[days.slots]]
id = "ende"
start = "11:00"
kind = "end"
title = "Ende"

[[people]]
id = "ada"
honorific = "Prof. Dr."
given_name = "Ada"
family_name = "Lovelace"

[[people]]
id = "bea"
given_name = "Bea"
family_name = "Berg"

[[people]]
id = "cem"
given_name = "Cem"
family_name = "Ceylan"

[[people]]
id = "dan"
given_name = "Dan"
family_name = "Dorn"
"""


def _edited(*replacements: tuple[str, str]) -> ep.Programme:
    text = BASE.replace(
        "revision = 2025-05-01T10:00:00+02:00", "revision = 2025-05-05T12:00:00+02:00"
    )
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    return ep.loads(text)


def _notices(*replacements: tuple[str, str], language: str = "de") -> dict[str, ep.Notice]:
    changes = ep.diff(ep.loads(BASE), _edited(*replacements))
    return {notice.person: notice for notice in ep.notices(changes, language)}


def _events(calendar: bytes | None) -> list[icalendar.Event]:
    assert calendar is not None
    return list(icalendar.Calendar.from_ical(calendar).walk("VEVENT"))


def _uid(item: str) -> str:
    return str(stable_uuid("tag", item))


class TestWhoIsTold:
    def test_worked_change(self):
        """The Bottrop change: the replaced and the new keynote speaker, the keynote's two
        moderators (their speaker changed), the three people of AG 4 (new room); nobody else.
        The Gallery Walk has nobody in it."""
        changes = ep.diff(ep.load(EXAMPLE), ep.load(CHANGED))
        told = {notice.person for notice in ep.notices(changes)}
        assert told == {
            "dagefoerde",
            "mustermann",
            "meise",
            "schmidt-gabi",
            "reher",
            "schmidt-constanze",
            "strucks",
        }

    def test_no_change_no_notice(self):
        assert _notices() == {}

    def test_description_alone_concerns_nobody(self):
        """A new description is no news to the people in the item: no notice."""
        assert _notices(('description = "Alt."', 'description = "Neu."')) == {}

    def test_room_of_one_session(self):
        """AG 1 changes room: only its person is told, old → new; not the other AG's."""
        found = _notices(('room = "saal"\ndescription', 'room = "studio"\ndescription'))
        assert set(found) == {"cem"}
        text = found["cem"].text
        assert "Geändert: „1. Daten“" in text
        assert "  Raum: Saal → Studio\n" in text
        assert "  Ihre Rolle: Input\n" in text

    def test_moved_slot_tells_the_people_of_its_sessions(self):
        """The slot moves, its sessions with it: both AGs' people are told the old and new time.

        The keynote before it ends when the slot starts: it runs longer now, and its people
        are told so too.
        """
        found = _notices(('start = "10:00"', 'start = "10:15"'))
        assert set(found) == {"ada", "bea", "cem", "dan"}
        assert "  Zeit: Montag, 2. Juni 2025, 09:00–10:00 Uhr → 09:00–10:15 Uhr\n" in (
            found["ada"].text
        )
        assert "Verschoben: „2. Tools“" in found["dan"].text
        assert "  Zeit: Montag, 2. Juni 2025, 10:00–11:00 Uhr → 10:15–11:00 Uhr\n" in (
            found["dan"].text
        )
        english = _notices(('start = "10:00"', 'start = "10:15"'), language="en")
        assert "  Time: Monday, 2 June 2025, 10:00–11:00 → 10:15–11:00\n" in english["dan"].text

    def test_moved_to_another_day_names_both_days(self):
        text = BASE.replace("date = 2025-06-02", "date = 2025-06-03")
        changes = ep.diff(ep.loads(BASE), ep.loads(text))
        notice = {n.person: n for n in ep.notices(changes)}["ada"]
        assert (
            "Zeit: Montag, 2. Juni 2025, 09:00–10:00 Uhr → Dienstag, 3. Juni 2025, 09:00–10:00 Uhr"
            in notice.text
        )

    def test_role_change(self):
        """Bea moderates no more but gives the keynote: she is told her new role, Ada who joined."""
        found = _notices(('roles = ["moderation"]', 'roles = ["keynote"]'))
        assert set(found) == {"ada", "bea"}
        assert "  Ihre Rolle: Moderation → Keynote\n" in found["bea"].text
        assert "  Neue Rolle: Bea Berg: Moderation → Keynote\n" in found["ada"].text

    def test_replaced_person(self):
        """Bea is replaced by Dan: Bea leaves (no calendar), Dan joins, Ada learns of both."""
        found = _notices(('{ person = "bea", roles', '{ person = "dan", roles'))
        assert set(found) == {"ada", "bea", "dan"}
        bea = found["bea"]
        assert "Sie wirken nicht mehr mit: „Vortrag“" in bea.text
        assert "  Ihre bisherige Rolle: Moderation\n" in bea.text
        assert bea.calendar is None
        assert "Kalenderdatei" not in bea.text
        dan = found["dan"]
        assert "Neu für Sie: „Vortrag“" in dan.text
        assert "  Raum: Saal\n" in dan.text
        assert "  Außerdem dabei: Prof. Dr. Ada Lovelace (Keynote)\n" in dan.text
        assert "Kalenderdatei dan.ics" in dan.text
        assert "  Neu dabei: Dan Dorn (Moderation)\n" in found["ada"].text
        assert "  Nicht mehr dabei: Bea Berg (Moderation)\n" in found["ada"].text

    def test_cancelled_session(self):
        """A cancelled slot: its people are told so; their calendar keeps it, to be cancelled."""
        found = _notices(('id = "vortrag"\n', 'id = "vortrag"\ncancelled = true\n'))
        assert set(found) == {"ada", "bea"}
        assert "Abgesagt: „Vortrag“" in found["ada"].text
        assert "  Ihre bisherige Rolle: Keynote\n" in found["ada"].text
        events = _events(found["ada"].calendar)
        assert [str(e["UID"]) for e in events] == [_uid("vortrag")]

    def test_deleted_session(self):
        """A deleted session is cancelled for its people; any calendar they get marks it so."""
        text = BASE.replace(
            """[[days.slots.sessions]]
id = "ag2"
number = 2
title = "Tools"
room = "studio"
people = [{ person = "dan", roles = ["input"] }]
""",
            "",
        )
        changes = ep.diff(ep.loads(BASE), ep.loads(text))
        found = {n.person: n for n in ep.notices(changes)}
        assert set(found) == {"dan"}
        assert "Abgesagt: „2. Tools“" in found["dan"].text
        assert "  Zeit: Montag, 2. Juni 2025, 10:00–11:00 Uhr\n" in found["dan"].text
        assert "  Raum: Studio\n" in found["dan"].text
        if found["dan"].calendar is not None:  # where the ical format writes deleted items
            assert {str(e["STATUS"]) for e in _events(found["dan"].calendar)} == {"CANCELLED"}

    def test_greeting_and_closing(self):
        found = _notices(('start = "09:00"', 'start = "09:15"'))
        assert found["ada"].text.startswith(
            "Guten Tag Prof. Dr. Ada Lovelace,\n\nim Programm „Fachtag“"
        )
        assert found["ada"].text.endswith("\nMit freundlichen Grüßen\n")
        english = _notices(('start = "09:00"', 'start = "09:15"'), language="en")
        assert english["ada"].text.startswith("Dear Prof. Dr. Ada Lovelace,\n\nthere are changes")
        assert "(as of Monday, 5 May 2025, 12:00)" in english["ada"].text
        assert english["ada"].text.endswith("\nKind regards\n")


class TestCalendar:
    def test_all_appearances_in_the_new_programme(self):
        """Ada keynotes and joins AG 2: her calendar has both events, in the programme's order."""
        found = _notices(
            (
                'people = [{ person = "dan", roles = ["input"] }]',
                (
                    'people = [{ person = "dan", roles = ["input"] },'
                    ' { person = "ada", roles = ["input"] }]'
                ),
            ),
        )
        assert set(found) == {"ada", "dan"}
        events = _events(found["ada"].calendar)
        assert [str(e["UID"]) for e in events] == [_uid("vortrag"), _uid("ag2")]
        assert [str(e["SUMMARY"]) for e in events] == ["Vortrag", "2. Tools"]
        calendar = icalendar.Calendar.from_ical(found["ada"].calendar)
        assert calendar.walk("VTIMEZONE")  # the times keep their zone

    def test_a_slots_only_session_is_the_slots_event(self):
        """A person in a slot's only session finds the slot's event in their calendar."""
        text = BASE.replace(
            """[[days.slots.sessions]]
id = "ag2"
number = 2
title = "Tools"
room = "studio"
people = [{ person = "dan", roles = ["input"] }]
""",
            "",
        )
        moved = text.replace('room = "saal"\ndescription', 'room = "studio"\ndescription')
        changes = ep.diff(ep.loads(text), ep.loads(moved))
        found = {n.person: n for n in ep.notices(changes)}
        assert set(found) == {"cem"}
        assert [str(e["UID"]) for e in _events(found["cem"].calendar)] == [_uid("ags")]

    def test_second_parser_reads_it(self):
        """The `ical` package reads the personal calendar too."""
        from ical.calendar_stream import IcsCalendarStream

        found = _notices(('start = "10:00"', 'start = "10:15"'))
        calendar = found["cem"].calendar
        assert calendar is not None
        parsed = IcsCalendarStream.calendar_from_ics(calendar.decode("utf-8"))
        assert [event.summary for event in parsed.events] == ["1. Daten"]


class TestHostile:
    HOSTILE = 'Evil\\u202e\\u001b[31m <script>alert(1)</script> & \\"Co\\"\\nSecond line'

    def test_names_and_titles_stay_one_plain_line(self):
        """Control characters, overrides and line breaks from the data cannot forge a line."""
        text = BASE.replace('family_name = "Dorn"', f'family_name = "{self.HOSTILE}"')
        text = text.replace('title = "Tools"', f'title = "{self.HOSTILE}"')
        moved = text.replace('start = "10:00"', 'start = "10:15"')
        changes = ep.diff(ep.loads(text), ep.loads(moved))
        found = {n.person: n for n in ep.notices(changes)}
        notice = found["dan"]
        for char in notice.text:
            assert char == "\n" or unicodedata.category(char) not in {"Cc", "Cf"}, repr(char)
        assert notice.text.startswith(
            'Guten Tag Dan Evil[31m <script>alert(1)</script> & "Co" Second line,\n'
        )
        assert 'Verschoben: „2. Evil[31m <script>alert(1)</script> & "Co" Second line“\n' in (
            notice.text
        )
        (event,) = _events(notice.calendar)
        assert "\n" in str(event["SUMMARY"])  # the calendar keeps the title; iCal escapes it
        assert "\x1b" not in str(event["SUMMARY"])


class TestFileNames:
    def test_safe_on_every_file_system(self):
        """Ids that differ in case only, device names and a trailing dot get their own names."""
        from eventprogram._notices import file_names

        ids = ["anna", "Anna", "con", "nul.x", "a.", "a._", "gabi", "Com1"]
        assert file_names(ids) == {
            "Anna": "Anna",
            "Com1": "_Com1",
            "a.": "a._",
            "a._": "a._~2",
            "anna": "anna~2",
            "con": "_con",
            "gabi": "gabi",
            "nul.x": "_nul.x",
        }

    def test_written_apart(self, tmp_path):
        """Two people whose ids differ in case get two pairs of files, named in the index."""
        text = BASE.replace('id = "dan"', 'id = "Cem"').replace('person = "dan"', 'person = "Cem"')
        moved = text.replace('start = "10:00"', 'start = "10:15"')
        (tmp_path / "old.toml").write_text(text, encoding="utf-8")
        (tmp_path / "new.toml").write_text(moved, encoding="utf-8")
        out = tmp_path / "out"
        assert (
            main(
                ["notices", str(tmp_path / "old.toml"), str(tmp_path / "new.toml"), "-o", str(out)]
            )
            == 0
        )
        names = sorted(path.name for path in out.iterdir())
        assert {"Cem.txt", "Cem.ics", "cem~2.txt", "cem~2.ics"} <= set(names)
        assert "Guten Tag Cem Ceylan," in (out / "cem~2.txt").read_text(encoding="utf-8")
        assert "Guten Tag Dan Dorn," in (out / "Cem.txt").read_text(encoding="utf-8")
        assert "cem~2.ics" in (out / "cem~2.txt").read_text(encoding="utf-8")


class TestCommand:
    def _run(self, tmp_path, language: str) -> dict[str, bytes]:
        out = tmp_path / language
        code = main(["notices", str(EXAMPLE), str(CHANGED), "-o", str(out), "--lang", language])
        assert code == 0
        return {path.name: path.read_bytes() for path in sorted(out.iterdir())}

    @pytest.mark.parametrize("language", ["de", "en"])
    def test_golden(self, tmp_path, capsys, language):
        """The worked change's notices, index and all, as golden files; the calendars parse."""
        files = self._run(tmp_path, language)
        printed = capsys.readouterr().out
        assert printed.encode("utf-8") == files["index.txt"]
        texts = {name: data for name, data in files.items() if name.endswith(".txt")}
        folder = GOLDEN / language
        if UPDATE:
            folder.mkdir(parents=True, exist_ok=True)
            for name, data in texts.items():
                (folder / name).write_bytes(data)
        assert sorted(path.name for path in folder.iterdir()) == sorted(texts)
        for name, data in texts.items():
            assert data == (folder / name).read_bytes(), name
        calendars = sorted(name for name in files if name.endswith(".ics"))
        assert calendars == [
            "meise.ics",
            "mustermann.ics",
            "reher.ics",
            "schmidt-constanze.ics",
            "schmidt-gabi.ics",
            "strucks.ics",
        ]
        events = _events(files["reher.ics"])
        assert [str(e["LOCATION"]) for e in events] == ["Seminarraum 2, Lohnhalle, Bottrop"]

    def test_deterministic(self, tmp_path):
        first = self._run(tmp_path / "a", "de")
        assert self._run(tmp_path / "b", "de") == first

    def test_unreadable_source(self, tmp_path, capsys):
        code = main(["notices", str(tmp_path / "missing.toml"), str(CHANGED), "-o", str(tmp_path)])
        assert code == 2
        assert "missing.toml" in capsys.readouterr().err

    def test_nobody(self, tmp_path, capsys):
        assert main(["notices", str(EXAMPLE), str(EXAMPLE), "-o", str(tmp_path / "n")]) == 0
        assert capsys.readouterr().out == "Niemand ist betroffen.\n"
        assert [p.name for p in (tmp_path / "n").iterdir()] == ["index.txt"]
