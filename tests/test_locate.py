"""Finding the line of a field in TOML, for error messages."""

from __future__ import annotations

import pytest

import eventprogram as ep
from eventprogram._locate import JsonLocator, TomlLocator, locate_toml

TEXT = """\
id = "p"

[venue]
name = "Lohnhalle"
rooms = [
  { id = "a", name = "Saal" },
  { id = "b", name = "Foyer" },
]

[[days]]
date = 2025-05-15

[[days.slots]]
id = "one"

[[days.slots]]
id = "two"
people = [
  { person = "x", roles = ["input"] },
  { person = "y", roles = ["moderation"] },
]

[[days.slots.sessions]]
id = "ag1"

[[days.slots.sessions.sessions]]
id = "ag1-1"

[[days.slots.sessions]]
id = "ag2"
titel = "AG 2"

[[days]]
date = 2025-05-16

[[days.slots]]
id = "three"
"""


@pytest.mark.parametrize(
    ("path", "message", "line"),
    [
        ("id", "", 1),
        ("venue.name", "", 4),
        ("venue.rooms[1].name", "", 7),
        ("days[0].slots[0].id", "", 14),
        ("days[0].slots[1].people[1].person", "", 20),
        ("days[0].slots[1].sessions[0].sessions[0].id", "", 27),
        ("days[0].slots[1].sessions[1]", "unknown key 'titel'", 31),
        ("days[1].slots[0].id", "", 37),
        ("days[1].slots[0].start", "", 36),
        ("days[5]", "", None),
    ],
)
def test_lines(path, message, line):
    """Paths through tables, arrays of tables and inline arrays find their line."""
    assert locate_toml(TEXT, path, message) == line


class _CountedLines(list[str]):
    """The lines of a text, counting how often one is read."""

    reads = 0

    def __getitem__(self, index):
        self.reads += 1
        return super().__getitem__(index)


class TestManyProblems:
    """Locating many problems reads each table once, not once per problem (issue #12)."""

    def test_misspelt_keys_in_one_table_read_each_line_once(self):
        """2,000 unknown keys at the top of a file: each found on its line, each line read once."""
        text = "".join(f'titel{i} = "x"\n' for i in range(2000)) + '[venue]\nname = "V"\n'
        locator = TomlLocator(text)
        lines = locator._lines = _CountedLines(locator._lines)  # noqa: SLF001 -- counts reads
        found = [locator.locate("", f"unknown key 'titel{i}'") for i in range(2000)]
        assert found == list(range(1, 2001))
        assert lines.reads <= 2 * 2002  # a pass per key would be 2,000 × 2,002

    def test_misspelt_keys_in_many_tables(self):
        """A misspelt key in each of 500 slots is found in its slot, each line read once."""
        text = 'id = "p"\n[[days]]\ndate = 2025-05-15\n' + "".join(
            f'[[days.slots]]\nid = "s{i}"\ntitel = "x"\n' for i in range(500)
        )
        locator = TomlLocator(text)
        lines = locator._lines = _CountedLines(locator._lines)  # noqa: SLF001 -- counts reads
        found = [locator.locate(f"days[0].slots[{i}]", "unknown key 'titel'") for i in range(500)]
        assert found == [6 + 3 * i for i in range(500)]
        assert lines.reads <= 2 * len(text.splitlines())

    def test_the_loader_names_the_line_of_each_misspelt_key(self):
        """Through loads: 300 misspelt keys at the top, each problem with its own line."""
        text = "".join(f'titel{i} = "x"\n' for i in range(300)) + TEXT_PROGRAMME
        with pytest.raises(ep.SourceError) as info:
            ep.loads(text)
        assert sorted(p.line or 0 for p in info.value.problems) == list(range(1, 301))

    @pytest.mark.parametrize(
        ("line", "key", "found"),
        [
            ('"ti tel" = 1', "ti tel", 2),
            ("'ti.tel' = 1", "ti.tel", 2),
            ('{ person = "x", roles = ["input"] }', "roles", 2),
            ("titelx = 1", "titel", None),
            ("a.titel = 1", "titel", None),
        ],
    )
    def test_keys_quoted_inline_and_dotted(self, line, key, found):
        """Quoted and inline keys are found by their text; a longer or dotted key is not it."""
        assert locate_toml(f'id = "p"\n{line}\n', "", f"unknown key '{key}'") == found


class TestJson:
    TEXT = """\
{
  "id": "p",
  "days": [
    {"date": "x", "slots": [{}, {"id": "t",
      "titel": 5}]},
    {"date": "y"}
  ],
  "empty": [{}, []],
  "after": 1
}
"""

    @pytest.mark.parametrize(
        ("path", "key", "line"),
        [
            ("id", None, 2),
            ("days[0].date", None, 4),
            ("days[0].slots[1]", "titel", 5),
            ("days[0].slots[1].id", None, 4),
            ("days[1].date", None, 6),
            ("after", None, 9),
            ("nowhere", None, None),
        ],
    )
    def test_lines_of_values_and_keys(self, path, key, line):
        """Each value and key of JSON is found on its own line, after empty containers too."""
        assert JsonLocator(self.TEXT).locate(path, key) == line

    def test_loader_names_lines_in_json(self):
        """A wrong value in eventprogram JSON is reported with its line."""
        text = ep.dumps(ep.loads(TEXT_PROGRAMME)).replace('"title": "T"', '"title": 5')
        with pytest.raises(ep.SourceError) as info:
            ep.loads(text)
        (problem,) = info.value.problems
        assert problem.path == "days[0].slots[0].title"
        assert problem.line == text[: text.index('"title": 5')].count("\n") + 1


TEXT_PROGRAMME = """\
id = "p"
title = "P"
[venue]
name = "V"
[[days]]
date = 2025-05-15
[[days.slots]]
id = "s"
start = "10:00"
kind = "talk"
title = "T"
"""
