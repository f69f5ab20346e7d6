"""Validation rules: the registry, and :func:`validate`, which runs them.

Every rule, the built-in ones included, is found through the entry point group
``eventprogram.rules``; an entry point names a :class:`Rule`. A programme
switches rules off by name or code in its ``disabled_rules``.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Iterable, Mapping
from typing import Final

from .._model import Programme
from .._plugins import discover
from .._timeline import collector_paused
from .._validation import Check, Finding, Report, Rule, Severity, Violation, source_order
from ..errors import PluginError

__all__ = [
    "ENTRY_POINT_GROUP",
    "UNKNOWN_RULE",
    "Check",
    "Rule",
    "Violation",
    "available",
    "validate",
]

ENTRY_POINT_GROUP: Final = "eventprogram.rules"
UNKNOWN_RULE: Final = "EP001"
"""The code of the finding that ``disabled_rules`` names a rule that is not installed."""


@functools.cache
def available() -> Mapping[str, Rule]:
    """Return every installed rule by name, in the order of their codes.

    Raises:
        PluginError: An entry point names something that is not a :class:`Rule`, or two
            installed rules share a name or a code.
    """
    rules = discover(ENTRY_POINT_GROUP, Rule, "eventprogram.rules.Rule")
    for attribute in ("name", "code"):
        values = [getattr(r, attribute) for r in rules]
        if doubles := sorted({v for v in values if values.count(v) > 1}):
            raise PluginError(f"two installed rules share the {attribute} {doubles[0]!r}")
    return {r.name: r for r in sorted(rules, key=lambda r: r.code)}


def validate(programme: Programme, *, rules: Iterable[Rule] | None = None) -> Report:
    """Check *programme* as a whole and report what is wrong with it.

    Args:
        programme: The programme.
        rules: The rules to run; by default every installed rule, less those the
            programme switches off in ``disabled_rules``.

    Returns:
        The report, findings in source order; ``report.ok`` says whether there is no error.
    """
    findings: list[Finding] = []
    if rules is None:
        installed = available()
        off = set(programme.disabled_rules)
        rules = [r for r in installed.values() if not off & {r.name, r.code}]
        findings.extend(_unknown_rules(programme, installed))
    with collector_paused():
        for rule in rules:
            findings.extend(Finding.of(rule, violation) for violation in rule.check(programme))
    return Report(tuple(sorted(findings, key=source_order)))


def _unknown_rules(programme: Programme, installed: Mapping[str, Rule]) -> Iterable[Finding]:
    known = {*installed, *(r.code for r in installed.values())}
    for index, name in enumerate(programme.disabled_rules):
        if name in known:
            continue
        close = difflib.get_close_matches(name, sorted(known), n=1)
        yield Finding(
            code=UNKNOWN_RULE,
            rule="unknown-rule",
            severity=Severity.WARNING,
            message_de=f"eine Regel {name!r} gibt es nicht; sie wird nicht abgeschaltet",
            message_en=f"there is no rule {name!r} to switch off",
            path=f"disabled_rules[{index}]",
            ids=(name,),
            hint_de=f"meinten Sie {close[0]!r}?" if close else None,
            hint_en=f"did you mean {close[0]!r}?" if close else None,
        )
