"""How long validation takes for a large programme: 10,000 sessions by default.

Run: ``python benchmarks/validate_large.py [SESSIONS]``. It prints the time of the
best of three runs, for the given size and for a tenth of it, so that growth can be
read off: near-linear rules take about ten times as long for ten times the sessions.
Not a test: timings on shared machines are noisy.
"""

from __future__ import annotations

import datetime as dt
import sys
import timeit

import eventprogram as ep


def large_programme(sessions: int) -> ep.Programme:
    """Build a programme of 40-minute slots, each with ten parallel sessions in ten rooms."""
    rooms = tuple(ep.Room(id=f"r{i}", name=f"Raum {i}") for i in range(10))
    people = tuple(ep.Person(id=f"p{i}", family_name=f"Person {i}") for i in range(sessions // 2))
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


def main() -> None:
    """Print the validation time for a tenth of, and for, the number of sessions given."""
    sessions = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    for size in (sessions // 10, sessions):
        programme = large_programme(size)
        best = min(timeit.repeat(lambda p=programme: ep.validate(p), number=1, repeat=3))
        findings = len(ep.validate(programme).findings)
        print(f"{size:>7} sessions: validate {best:.3f} s, {findings} findings")


if __name__ == "__main__":
    main()
