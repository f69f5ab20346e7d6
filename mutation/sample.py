"""Print a fixed sample of the mutant names that match a glob, read from `mutmut results`.

Usage: ``mutmut results --all true | python sample.py 'eventprogram.exporters.*' 300``.
The seed is fixed, so the same code gives the same sample.
"""

import fnmatch
import random
import sys


def main(pattern: str, size: int) -> None:
    """Print *size* names drawn from those on stdin that match *pattern*, one a line."""
    names = sorted(
        name
        for line in sys.stdin
        if (name := line.strip().rpartition(":")[0]) and fnmatch.fnmatch(name, pattern)
    )
    for name in sorted(random.Random(12).sample(names, min(size, len(names)))):  # noqa: S311
        print(name)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
