"""Small programme sources the loader's tests share."""

from __future__ import annotations

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
