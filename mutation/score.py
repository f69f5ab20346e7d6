"""Print the mutation score per module from `mutmut results --all true`.

Killed and timed-out mutants count as killed; survivors and mutants that no test reaches count
against the score; mutants not run yet are left out and counted apart. Given a second file of
mutant names (a sample, from ``run.sh`` with ``SAMPLE=``), a module with sampled mutants is
scored on those alone.
"""

import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

LINE = re.compile(r"^\s*(?P<name>\S+?)\.xǁ?.*__mutmut_\d+: (?P<status>.+)$")
KILLED = {"killed", "timeout", "segfault", "caught by type check"}
NOT_RUN = {"not checked", "skipped", "check was interrupted by user"}


def main(path: str, sample_path: str | None = None) -> None:
    """Read the results file and print one line per module, then one per group and the total."""
    sample = set(Path(sample_path).read_text(encoding="utf-8").split()) if sample_path else set()
    sampled_modules = {name.partition(".x")[0] for name in sample}
    by_module: dict[str, Counter[str]] = defaultdict(Counter)
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        match = LINE.match(line)
        if match is None:
            continue
        mutant = line.strip().rpartition(":")[0]
        if match["name"] in sampled_modules and mutant not in sample:
            continue
        by_module[match["name"]][match["status"]] += 1
    groups: dict[str, Counter[str]] = defaultdict(Counter)
    print(f"{'module':42} {'killed':>7} {'survived':>8} {'no test':>7} {'not run':>7} {'score':>7}")
    for module, counts in sorted(by_module.items()):
        report(module, counts)
        group = "exporters" if ".exporters" in module else module
        groups[group].update(counts)
    print()
    for group, counts in sorted(groups.items()):
        report(group, counts)
    report("total", sum(groups.values(), Counter()))


def report(name: str, counts: Counter[str]) -> None:
    """Print one line: the counts and killed / (killed + survived + no test)."""
    killed = sum(n for status, n in counts.items() if status in KILLED)
    not_run = sum(n for status, n in counts.items() if status in NOT_RUN)
    no_test = counts["no tests"]
    survived = sum(counts.values()) - killed - not_run - no_test
    measured = killed + survived + no_test
    score = f"{100 * killed / measured:6.1f}%" if measured else "     -"
    print(f"{name:42} {killed:7} {survived:8} {no_test:7} {not_run:7} {score:>7}")


if __name__ == "__main__":
    main(*sys.argv[1:3])
