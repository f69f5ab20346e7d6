"""Finding the line of a field in TOML, for error messages."""

from __future__ import annotations

import pytest

import eventprogram as ep
from eventprogram._locate import JsonLocator, locate_toml

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
