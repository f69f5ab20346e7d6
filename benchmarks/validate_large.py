"""How long validation takes for a large programme: 10,000 sessions by default.

Run: ``python benchmarks/validate_large.py [SESSIONS [PEOPLE]]``. It prints the time
of the best of three runs, for the given size and for a tenth of it, so that growth
can be read off: near-linear rules take about ten times as long for ten times the
sessions. PEOPLE defaults to half the sessions; issue #12's case is
``50000 50000`` (it must stay under 3 s). Each run validates a fresh copy of the
programme, so that the resolved view (:func:`eventprogram.timeline`) is built
every time, as it is for a programme just loaded.
Not a test: timings on shared machines are noisy.
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from collections.abc import Callable

import attrs

import eventprogram as ep


def large_programme(sessions: int, people_count: int | None = None) -> ep.Programme:
    """Build a programme of 40-minute slots, each with ten parallel sessions in ten rooms.

    Session *n* is moderated by person *n* modulo the number of people (half the
    sessions unless *people_count* says otherwise).
    """
    count_people = people_count if people_count is not None else max(1, sessions // 2)
    rooms = tuple(ep.Room(id=f"r{i}", name=f"Raum {i}") for i in range(10))
    people = tuple(ep.Person(id=f"p{i}", family_name=f"Person {i}") for i in range(count_people))
    days = []
    count = 0
    date = dt.date(2026, 1, 5)
    while count < sessions:
        slots = []
        for index in range(20):  # 07:00 to 20:20
            start = dt.datetime.combine(date, dt.time(7)) + dt.timedelta(minutes=40 * index)
            group = []
            for track in range(10):
                person = people[count % len(people)].id
                group.append(
                    ep.Session(
                        id=f"s{count}",
                        title=f"Session {count}",
                        room=f"r{track}",
                        people=(ep.Contribution(person=person, roles=("moderation",)),),
                    )
                )
                count += 1
            slots.append(
                ep.Slot(
                    id=f"slot-{date}-{index}",
                    kind="working-groups",
                    title="Arbeitsgruppen",
                    start=start,
                    end=start + dt.timedelta(minutes=40),
                    sessions=tuple(group),
                )
            )
        days.append(ep.Day(date=date, slots=tuple(slots)))
        date += dt.timedelta(days=1)
    return ep.Programme(
        id="large",
        title="Großer Kongress",
        venue=ep.Venue(name="Messe", city="Essen", rooms=rooms),
        days=tuple(days),
        people=people,
    )


def _timed(run: Callable[[], object]) -> tuple[float, float]:
    """Run *run* once; return the wall-clock and the CPU seconds it took."""
    wall, cpu = time.perf_counter(), time.process_time()
    run()
    return time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    """Print the validation time for a tenth of, and for, the number of sessions given."""
    sessions = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    people = int(sys.argv[2]) if len(sys.argv) > 2 else None
    for size in (sessions // 10, sessions):
        count = None if people is None else max(1, people * size // sessions)
        programme = large_programme(size, count)
        # A fresh copy each time: no cached view. CPU time too: on a busy machine the
        # wall clock counts other processes' turns.
        runs = [_timed(lambda p=programme: ep.validate(attrs.evolve(p))) for _ in range(3)]
        wall, cpu = min(r[0] for r in runs), min(r[1] for r in runs)
        findings = len(ep.validate(programme).findings)
        print(
            f"{size:>7} sessions, {len(programme.people):>7} people:"
            f" validate {wall:.3f} s ({cpu:.3f} s CPU), {findings} findings"
        )


if __name__ == "__main__":
    main()
