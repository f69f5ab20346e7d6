"""Finding the line of a field in TOML, for error messages."""

from __future__ import annotations

import pytest

from eventprogram._locate import locate_toml

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
