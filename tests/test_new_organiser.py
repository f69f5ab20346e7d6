"""A new organiser makes their own event: `eventprogram new`, then the file edited by hand.

This test plays the steps of the German organiser's guide ("Ihr eigenes Programm in zehn
Minuten") as a person does them in a text editor: it replaces placeholder text, copies a
block and pastes it, adds a slot, and deletes the ``# AUSFÜLLEN`` comments. It never
builds the programme from the worked example or from Python objects. The result is a
different one-day event — another date, three working groups, a panel, and one person in
two roles — that validates without a finding and builds in every format.

The steps, as the guide words them:

1. ``eventprogram new fachtag-2026`` legt den Ordner an: ein Tag, zwei Arbeitsgruppen.
2. Titel, Datum, Ort und die veranstaltende Organisation eintragen.
3. Den Titel des Vortrags eintragen.
4. Eine dritte Arbeitsgruppe: einen Raum ergänzen, den Block der Arbeitsgruppe 2 kopieren
   und anpassen, und eine Person für ihre Moderation.
5. Ein Podium nach der Mittagspause einfügen und die Zeiten danach verschieben.
6. Eine Person in zwei Rollen: ``roles = ["input", "moderation"]``; und eine Person, die
   zweimal auftritt, im Ablauf zweimal nennen.
7. Die Namen der Personen eintragen; die Kommentare ``# AUSFÜLLEN`` löschen.
8. ``eventprogram validate fachtag-2026``, dann ``eventprogram build fachtag-2026``.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import eventprogram as ep
from eventprogram import exporters
from eventprogram._cli import main


class Editor:
    """The file in a text editor: find a text, replace it; copy a block, paste it."""

    def __init__(self, file: Path) -> None:
        self.file = file
        self.text = file.read_text(encoding="utf-8")

    def replace(self, old: str, new: str, *, after: str | None = None) -> None:
        """Replace *old*, which is there once (below the first *after*, if given)."""
        start = self.text.index(after) if after is not None else 0
        where = self.text.index(old, start)
        if after is None:
            assert self.text.count(old) == 1, f"{old!r} is there more than once"
        self.text = self.text[:where] + new + self.text[where + len(old) :]

    def block(self, first: str, up_to: str) -> str:
        """The lines from the one starting with *first* to the one before *up_to*."""
        start = self.text.index(first)
        return self.text[start : self.text.index(up_to, start + len(first))]

    def append(self, new: str) -> None:
        """Paste *new* at the end of the file, after a blank line."""
        self.text = self.text.rstrip("\n") + "\n\n" + new.rstrip("\n") + "\n"

    def insert_before(self, anchor: str, new: str) -> None:
        assert self.text.count(anchor) == 1, anchor
        self.text = self.text.replace(anchor, new + anchor)

    def save(self) -> None:
        self.file.write_text(self.text, encoding="utf-8")


def fill_person(editor: Editor, person: str, given: str, family: str, function: str | None) -> None:
    """Fill in the block of *person* under "Personen"; no function: delete its line."""
    after = f'id = "{person}"'
    editor.replace('given_name = "Vorname"  # AUSFÜLLEN', f'given_name = "{given}"', after=after)
    editor.replace(
        'family_name = "Nachname"  # AUSFÜLLEN', f'family_name = "{family}"', after=after
    )
    line = re.search(
        r'function = "Funktion"  # AUSFÜLLEN[^\n]*\n', editor.text[editor.text.index(after) :]
    )
    assert line is not None
    new = f'function = "{function}"\n' if function else ""
    editor.replace(line[0], new, after=after)


def test_a_new_organiser_makes_a_different_event_from_the_scaffold(  # noqa: PLR0915 -- the guide's steps, in order
    tmp_path, monkeypatch, capsys
):
    """The guide's steps turn the scaffold into another event that validates and builds."""
    monkeypatch.chdir(tmp_path)

    # 1. eventprogram new fachtag-2026
    assert main(["new", "fachtag-2026"]) == 0
    editor = Editor(tmp_path / "fachtag-2026" / "programme.toml")

    # 2. Titel, Datum, Ort, Organisation
    editor.replace(
        'title = "Titel der Veranstaltung"  # AUSFÜLLEN: der Titel der Veranstaltung',
        'title = "Fachtag Sozialplanung 2026: Quartiere gemeinsam gestalten"',
    )
    date_line = re.search(r"date = \d{4}-\d\d-\d\d  # AUSFÜLLEN[^\n]*", editor.text)
    assert date_line is not None
    editor.replace(date_line[0], "date = 2026-09-24")
    editor.replace(
        'name = "Name des Veranstaltungsorts"  # AUSFÜLLEN: der Name des Hauses oder Saals',
        'name = "Zeche Zollverein, Halle 12"',
    )
    editor.replace('city = "Ort"  # AUSFÜLLEN', 'city = "Essen"')
    editor.replace(
        'name = "Name der veranstaltenden Organisation"  # AUSFÜLLEN',
        'name = "Landesarbeitsgemeinschaft Sozialplanung NRW"',
    )
    editor.replace(
        'short_name = "Kurzname"  # AUSFÜLLEN: die Abkürzung, oder die Zeile löschen',
        'short_name = "LAG Sozialplanung"',
    )

    # 3. Der Vortrag
    editor.replace(
        'title = "Titel des Vortrags"  # AUSFÜLLEN', 'title = "Sozialplanung im Quartier"'
    )

    # 4. Eine dritte Arbeitsgruppe: Raum, Block kopieren, Person
    editor.replace(
        '  { id = "raum-2", name = "Raum 2" },\n',
        '  { id = "raum-2", name = "Raum 2" },\n  { id = "raum-3", name = "Raum 3" },\n',
    )
    group = editor.block('[[days.slots.sessions]]\nid = "ag2"', "[[days.slots]]")
    third = (
        group.replace('"ag2"', '"ag3"')
        .replace("number = 2", "number = 3")
        .replace("Titel der Arbeitsgruppe 2", "Titel der Arbeitsgruppe 3")
        .replace('"raum-2"', '"raum-3"')
        .replace('"person-ag2"', '"person-ag3"')
    )
    editor.replace(group, group + third)
    person = editor.block('[[people]]\nid = "person-ag1"', "[[people]]")
    editor.append(person.replace("person-ag1", "person-ag3").replace("in: ag1", "in: ag3"))
    titles = ["Wohnen und Nachbarschaft", "Daten für das Quartier", "Beteiligung junger Menschen"]
    for number, title in enumerate(titles, start=1):
        editor.replace(
            f'title = "Titel der Arbeitsgruppe {number}"  # AUSFÜLLEN', f'title = "{title}"'
        )
    editor.replace(
        '# Räume: im Ablauf über ihre Id genannt (room = "raum-1"). AUSFÜLLEN: die Namen',
        '# Räume: im Ablauf über ihre Id genannt (room = "raum-1").',
    )
    for number, room in enumerate(["Seminarraum A", "Seminarraum B", "Foyer"], start=1):
        editor.replace(f'name = "Raum {number}"', f'name = "{room}"')

    # 5. Ein Podium nach der Mittagspause; Abschluss und Ende später
    editor.insert_before(
        '[[days.slots]]\nid = "abschluss"',
        "[[days.slots]]\n"
        'id = "podium"\n'
        'start = "13:45"\n'
        'kind = "panel"\n'
        'title = "Podium: Was braucht das Quartier?"\n'
        "people = [\n"
        '  { person = "person-podium-1", roles = ["panel"] },\n'
        '  { person = "person-podium-2", roles = ["panel"] },\n'
        '  { person = "person-begruessung", roles = ["moderation"] },\n'
        "]\n\n",
    )
    editor.replace('start = "13:45"\nkind = "closing"', 'start = "14:45"\nkind = "closing"')
    editor.replace('start = "14:30"\nkind = "end"', 'start = "15:15"\nkind = "end"')
    for number in (1, 2):
        editor.append(
            person.replace("person-ag1", f"person-podium-{number}").replace("in: ag1", "in: podium")
        )

    # 6. Eine Person in zwei Rollen: Input und Moderation der AG 1
    editor.replace(
        '{ person = "person-ag1", roles = ["moderation"] }',
        '{ person = "person-ag1", roles = ["input", "moderation"] }',
    )

    # 7. Namen eintragen; die übrigen Kommentare "# AUSFÜLLEN" löschen
    people = {
        "person-begruessung": ("Miriam", "Kowalski", "Vorsitzende"),
        "person-vortrag": ("Jonas", "Brandt", None),
        "person-ag1": ("Leyla", "Öztürk", "Sozialplanerin"),
        "person-ag2": ("Tim", "Becker", None),
        "person-ag3": ("Sophie", "Wagner", None),
        "person-podium-1": ("Ralf", "Hoffmann", "Quartiersmanager"),
        "person-podium-2": ("Aylin", "Demir", None),
    }
    for person_id, (given, family, function) in people.items():
        fill_person(editor, person_id, given, family, function)
    editor.replace(
        'id = "person-vortrag"  # tritt auf in: vortrag\n',
        'id = "person-vortrag"  # tritt auf in: vortrag\nhonorific = "Dr."\n',
    )
    editor.text = re.sub(r"  # AUSFÜLLEN[^\n]*", "", editor.text)
    assert "AUSFÜLLEN" not in editor.text.split("So liest man diese Datei")[1]
    editor.save()

    # 8. validate, build
    capsys.readouterr()
    assert main(["validate", "fachtag-2026"]) == 0
    assert capsys.readouterr().out == "fachtag-2026: 0 Fehler, 0 Warnungen, 0 Hinweise\n"
    assert main(["build", "fachtag-2026"]) == 0
    built = sorted(p.name for p in (tmp_path / "dist").iterdir())
    # Every published format: the source format (toml) only when named with -f.
    published = [f for name, f in exporters.available().items() if name != "toml"]
    assert built == sorted(f"fachtag-2026{f.suffix}" for f in published)

    # What was made is the organiser's event, not the scaffold's.
    programme = ep.load(tmp_path / "fachtag-2026")
    assert programme.days[0].date == dt.date(2026, 9, 24)
    groups = next(s for s in programme.days[0].slots if s.kind == "working-groups")
    assert [s.title for s in groups.sessions] == titles
    assert [s.room for s in groups.sessions] == ["raum-1", "raum-2", "raum-3"]
    panel = next(s for s in programme.days[0].slots if s.kind == "panel")
    assert panel.start == dt.datetime(2026, 9, 24, 13, 45)
    markdown = (tmp_path / "dist" / "fachtag-2026.md").read_text(encoding="utf-8")
    assert markdown.startswith(
        "# Fachtag Sozialplanung 2026: Quartiere gemeinsam gestalten\n\n"
        "Donnerstag, 24. September 2026, 09:30–15:15 Uhr, Zeche Zollverein, Halle 12, Essen\n"
    )
    assert "- Input und Moderation: Leyla Öztürk, Sozialplanerin, LAG Sozialplanung" in markdown
    assert "## 13:45 Uhr – Podium: Was braucht das Quartier?" in markdown
    assert "- Moderation: Miriam Kowalski, Vorsitzende, LAG Sozialplanung" in markdown
    assert "Keynote: Dr. Jonas Brandt, LAG Sozialplanung" in markdown
    for placeholder in ("Vorname", "Nachname", "Titel der", "Kurzname", "Funktion", "Ort,"):
        assert placeholder not in markdown
