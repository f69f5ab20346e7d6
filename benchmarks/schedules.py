"""How long reading and writing real schedules takes: the 38C3 hub's 2 MB schedule.xml.

Run: ``python benchmarks/schedules.py [SCHEDULE]`` (default: the 38C3 file in
``../shared/schedules``, 1,007 events in 72 rooms). It prints the best of three
runs for reading the file, validating it, and writing it as ``frab-xml``,
``c3voc-json`` and ``html``. Not a test: timings on shared machines are noisy.
"""

from __future__ import annotations

import sys
import timeit
from pathlib import Path

import eventprogram as ep
from eventprogram import exporters

DEFAULT = Path(__file__).resolve().parent.parent.parent / "shared/schedules/38c3-hub.schedule.xml"


def best(action: object, runs: int = 3) -> float:
    """The best time of *runs* runs of *action*, in seconds."""
    return min(timeit.repeat(action, number=1, repeat=runs))  # type: ignore[arg-type]


def main() -> None:
    """Print the read, validate and export times for the schedule named on the command line."""
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    programme = ep.load(path)
    events = sum(len(list(s.walk_sessions())) or 1 for d in programme.days for s in d.slots)
    print(f"{path.name}: {len(programme.days)} days, {events} events")
    print(f"  read       {best(lambda: ep.load(path)):.3f} s")
    print(f"  validate   {best(lambda: ep.validate(programme)):.3f} s")
    options = exporters.RenderOptions()
    for name in ("frab-xml", "c3voc-json", "html"):
        fmt = exporters.get(name)
        print(f"  {name:<10} {best(lambda fmt=fmt: fmt.render(programme, options)):.3f} s")


if __name__ == "__main__":
    main()
