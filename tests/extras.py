"""The worked example as a conference tool would fill it: tracks, languages, pages and links.

The exporters' tests (HTML, Markdown, iCal, the browser) check that these show, escaped.
"""

from __future__ import annotations

from typing import Any

import attrs

import eventprogram as ep

TALK_URL = "https://example.org/talks/entschluss"
RECORDING_URL = "https://media.example.org/v/entschluss"
HOSTILE_LINK_TITLE = "Folien <script>alert(1)</script> ](x) *fett*\nzweite Zeile"
WORKSHOP = ep.Kind("workshop", "Werkstatt", "Workshop")


def conference_fields(
    programme: ep.Programme,
    *,
    talk: dict[str, Any] | None = None,
    first_group: dict[str, Any] | None = None,
    kinds: tuple[ep.Kind, ...] = (WORKSHOP,),
) -> ep.Programme:
    """The example with "Entschluss zum Handeln" held in English, with its own page and two
    links (one untitled, one ``javascript:`` with a hostile title), and AG 1 a workshop of its
    own kind in a track. *talk* and *first_group* change or add fields of the two."""
    day = programme.days[0]
    slots = list(day.slots)
    index = next(i for i, slot in enumerate(slots) if slot.id == "entschluss")
    talk_fields = {
        "language": "en",
        "url": TALK_URL,
        "links": (
            ep.Link(url=RECORDING_URL),
            ep.Link(url="javascript:alert(1)", title=HOSTILE_LINK_TITLE),
        ),
    }
    slots[index] = attrs.evolve(slots[index], **(talk_fields | (talk or {})))
    parallel = next(i for i, slot in enumerate(slots) if len(slot.sessions) > 1)
    sessions = list(slots[parallel].sessions)
    group_fields = {"kind": "workshop", "track": "AG-Track"} | (first_group or {})
    sessions[0] = attrs.evolve(sessions[0], **group_fields)
    slots[parallel] = attrs.evolve(slots[parallel], sessions=tuple(sessions))
    return attrs.evolve(
        programme,
        kinds=(*programme.kinds, *kinds),
        days=(attrs.evolve(day, slots=tuple(slots)), *programme.days[1:]),
    )
