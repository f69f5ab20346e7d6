"""How long loading takes when a file has thousands of misspelt keys, each to be located.

Run: ``python benchmarks/locate_keys.py [N ...]`` (default 1000 2000 4000 8000). For each N
it generates two programme files and times ``eventprogram.loads`` (CPU seconds), which
fails with one problem per misspelt key, each with its line:

- ``top``: N keys ``titel0 = "x"`` … at the top level of the file (one table);
- ``slots``: one slot per key, each with ``titel = "x"`` (N tables).

Near-linear work takes about twice as long for twice the keys. Not a test: timings on
shared machines are noisy.
"""

from __future__ import annotations

import sys
import time

import eventprogram as ep

HEAD = 'id = "p"\ntitle = "P"\nlanguage = "de"\ntimezone = "Europe/Berlin"\n[venue]\nname = "V"\n'


def top(n: int) -> str:
    """N misspelt keys at the top of the file, before the first table."""
    return "".join(f'titel{i} = "x"\n' for i in range(n)) + HEAD


def slots(n: int) -> str:
    """N slots, each with one misspelt key."""
    return (
        HEAD
        + "[[days]]\ndate = 2025-05-15\n"
        + "".join(
            f'[[days.slots]]\nid = "s{i}"\nstart = "10:00"\nkind = "talk"\ntitle = "T"\n'
            f'titel{i} = "x"\n'
            for i in range(n)
        )
    )


def main() -> None:
    """Print the load time and the located problems for each case and size."""
    sizes = [int(a) for a in sys.argv[1:]] or [1000, 2000, 4000, 8000]
    for name, make in (("top", top), ("slots", slots)):
        for n in sizes:
            text = make(n)
            began = time.process_time()
            try:
                ep.loads(text)
            except ep.SourceError as exc:
                problems = exc.problems
            else:  # pragma: no cover -- the keys are unknown
                problems = ()
            took = time.process_time() - began
            located = sum(p.line is not None for p in problems)
            print(
                f"{name:>5} {n:>6}: loads {took:7.3f} s CPU,"
                f" {len(problems)} problems, {located} with a line",
                flush=True,
            )


if __name__ == "__main__":
    main()
