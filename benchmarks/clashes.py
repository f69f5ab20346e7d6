"""How room and person clashes scale with many items at one time in one room.

Run: ``python benchmarks/clashes.py [N ...]`` (default 1000 2000 5000 10000). For each N
it times ``eventprogram.validate`` on four programmes of one slot, 10:00–12:00:

- ``inherit``: N sessions that all take the slot's room (no room clash: they share
  ``room_from``; EP402 warns once);
- ``kleingruppen``: one session in a room with N sub-sessions (no room clash);
- ``two-rooms``: N sessions, each naming one of two rooms (each clashes);
- ``one-person``: N sessions in N rooms, all moderated by one person (each clashes).

It prints the time (best of two, wall and CPU) and the number of EP401 and EP301
findings. Growth can be read off the rows: near-linear work takes about twice as
long for twice the items. Not a test: timings on shared machines are noisy.
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from collections import Counter
from collections.abc import Callable

import attrs

import eventprogram as ep

DATE = dt.date(2026, 3, 10)
START, END = (dt.datetime.combine(DATE, dt.time(hour)) for hour in (10, 12))


def _programme(sessions: tuple[ep.Session, ...], rooms: int, slot_room: str | None) -> ep.Programme:
    slot = ep.Slot(
        id="slot",
        kind="working-groups",
        title="Arbeitsgruppen",
        start=START,
        end=END,
        room=slot_room,
        sessions=sessions,
    )
    return ep.Programme(
        id="clashes",
        title="Kongress",
        venue=ep.Venue(
            name="Messe",
            city="Essen",
            rooms=tuple(ep.Room(id=f"r{i}", name=f"Raum {i}") for i in range(rooms)),
        ),
        days=(ep.Day(date=DATE, slots=(slot,)),),
        people=(ep.Person(id="p", family_name="Vetter"),),
    )


def inherit(n: int) -> ep.Programme:
    """N parallel sessions without rooms of their own in a slot in room r0."""
    sessions = tuple(ep.Session(id=f"s{i}", title=f"AG {i}") for i in range(n))
    return _programme(sessions, 1, "r0")


def kleingruppen(n: int) -> ep.Programme:
    """One session in room r0 holding N sub-sessions, half naming r0, half inheriting it."""
    subs = tuple(
        ep.Session(id=f"k{i}", title=f"Kleingruppe {i}", room="r0" if i % 2 else None)
        for i in range(n)
    )
    return _programme((ep.Session(id="ag", title="AG", room="r0", sessions=subs),), 1, None)


def two_rooms(n: int) -> ep.Programme:
    """N parallel sessions, alternately naming room r0 and room r1."""
    sessions = tuple(ep.Session(id=f"s{i}", title=f"AG {i}", room=f"r{i % 2}") for i in range(n))
    return _programme(sessions, 2, None)


def one_person(n: int) -> ep.Programme:
    """N parallel sessions in N rooms, one person moderating all of them."""
    vetter = (ep.Contribution(person="p", roles=("moderation",)),)
    sessions = tuple(
        ep.Session(id=f"s{i}", title=f"AG {i}", room=f"r{i}", people=vetter) for i in range(n)
    )
    return _programme(sessions, n, None)


CASES: dict[str, Callable[[int], ep.Programme]] = {
    "inherit": inherit,
    "kleingruppen": kleingruppen,
    "two-rooms": two_rooms,
    "one-person": one_person,
}


def main() -> None:
    """Print validation time and clash findings for each case and size."""
    sizes = [int(a) for a in sys.argv[1:]] or [1000, 2000, 5000, 10_000]
    for name, make in CASES.items():
        for n in sizes:
            programme = make(n)
            runs = []
            for _ in range(2):
                fresh = attrs.evolve(programme)  # no cached resolved view
                wall, cpu = time.perf_counter(), time.process_time()
                report = ep.validate(fresh)
                runs.append((time.perf_counter() - wall, time.process_time() - cpu))
            counts = Counter(f.code for f in report.findings)
            print(
                f"{name:>12} {n:>7}: validate {min(r[0] for r in runs):8.3f} s"
                f" ({min(r[1] for r in runs):.3f} s CPU),"
                f" EP401 {counts['EP401']:>7}, EP301 {counts['EP301']:>7}",
                flush=True,
            )


if __name__ == "__main__":
    main()
