"""Small programme sources the loader's tests share."""

from __future__ import annotations

from typing import Any

MINIMAL = """\
id = "mini"
title = "Fachtag"

[venue]
name = "Rathaus"
city = "Dorsten"

[[days]]
date = 2025-06-02

[[days.slots]]
id = "start"
start = "09:00"
kind = "welcome"
title = "Begrüßung"
people = [{ person = "gabi", roles = ["welcome"] }]

[[days.slots]]
id = "ende"
start = "10:00"
kind = "end"
title = "Ende"

[[people]]
id = "gabi"
given_name = "Gabi"
family_name = "Schmidt"
"""


def paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path into the plain data *value* (dicts and lists), its root included."""
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += paths(item, (*path, index))
    return found
