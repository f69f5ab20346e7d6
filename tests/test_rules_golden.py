"""Every rule's finding, word for word, in German and English: what an organiser reads.

Messages and hints are the rules' interface to people who are not programmers; a
change to one of them should be a decision, seen in review. Each rule's case (from
``test_rules_messages``) is validated and its report compared with
``tests/golden/rules.de.txt`` and ``rules.en.txt``. When a wording changes on
purpose, regenerate them: ``EVENTPROGRAM_UPDATE_GOLDEN=1 python -m pytest
tests/test_rules_golden.py``, and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import eventprogram as ep
from eventprogram.rules import available
from test_rules_messages import CASES

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("EVENTPROGRAM_UPDATE_GOLDEN") == "1"


def reports(language: str) -> str:
    """Each rule's report for its case, one block per rule, in *language*."""
    rules = {rule.code: rule for rule in available().values()}
    blocks = []
    for code in sorted(CASES):
        report = ep.validate(CASES[code](), rules=[rules[code]])
        blocks.append(f"== {code} {rules[code].name}\n{report.to_text(language, source='case')}")
    return "\n".join(blocks)


@pytest.mark.parametrize("language", ["de", "en"])
def test_every_rule_says_what_it_said(language):
    """Each rule's message and hint are, word for word, those in the golden file."""
    path = GOLDEN / f"rules.{language}.txt"
    text = reports(language)
    if UPDATE:
        path.write_text(text, encoding="utf-8")
    assert path.is_file(), f"{path.name} is missing: regenerate with EVENTPROGRAM_UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8")
