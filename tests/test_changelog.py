"""CHANGELOG.md keeps the Keep a Changelog form (https://keepachangelog.com/en/1.1.0/)."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT

CHANGELOG = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
KINDS = ("Added", "Changed", "Deprecated", "Removed", "Fixed", "Security")
RELEASE = re.compile(r"^## \[(\d+\.\d+\.\d+)\] - (\d{4}-\d{2}-\d{2})$")


def releases(text: str) -> list[tuple[str, list[str]]]:
    """Each `## ` section's heading and its lines."""
    sections: list[tuple[str, list[str]]] = []
    for line in text.splitlines():
        if line.startswith("## "):
            sections.append((line, []))
        elif sections:
            sections[-1][1].append(line)
    return sections


def problems(text: str) -> list[str]:
    """What in *text* breaks the form; empty when it keeps it."""
    found = []
    if not text.startswith("# Changelog\n"):
        found.append("the first line is not '# Changelog'")
    sections = releases(text)
    if not sections or sections[0][0] != "## [Unreleased]":
        found.append("the first section is not '## [Unreleased]'")
    versions = []
    for heading, lines in sections:
        if heading != "## [Unreleased]":
            if (match := RELEASE.match(heading)) is None:
                found.append(f"{heading!r} is not '## [x.y.z] - yyyy-mm-dd'")
            else:
                versions.append(tuple(int(n) for n in match.group(1).split(".")))
        found += section_problems(heading, lines)
    if versions != sorted(versions, reverse=True):
        found.append("the releases are not newest first")
    return found


def section_problems(heading: str, lines: list[str]) -> list[str]:
    """What in one release's lines breaks the form: its kinds of change and its entries."""
    kinds = [line[4:] for line in lines if line.startswith("### ")]
    found = [f"{heading}: '### {k}' is no kind of change" for k in kinds if k not in KINDS]
    found += [f"{heading}: '### {k}' twice" for k in set(kinds) if kinds.count(k) > 1]
    kind = None
    for line in lines:
        if line.startswith("### "):
            kind = line
        elif line.startswith("- ") and kind is None:
            found.append(f"{heading}: an entry outside a '### ' kind: {line[:60]!r}")
        elif line and not line.startswith(("- ", "  ", "### ", "[")):
            found.append(f"{heading}: not a '- ' entry or its continuation: {line[:60]!r}")
    return found


def test_the_changelog_keeps_the_form():
    """CHANGELOG.md: '# Changelog', Unreleased first, releases dated, kinds from the list."""
    assert problems(CHANGELOG) == []


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("# Changes\n\n## [Unreleased]\n", "the first line is not '# Changelog'"),
        ("# Changelog\n\n## [1.0.0] - 2026-01-01\n", "the first section is not"),
        ("# Changelog\n\n## [Unreleased]\n\n### New\n\n- x\n", "'### New' is no kind"),
        ("# Changelog\n\n## [Unreleased]\n\n### Added\n- a\n### Added\n- b\n", "twice"),
        ("# Changelog\n\n## [Unreleased]\n\n- loose\n", "outside a '### ' kind"),
        ("# Changelog\n\n## [Unreleased]\n\n### Fixed\n\nprose\n", "not a '- ' entry"),
        ("# Changelog\n\n## [Unreleased]\n\n## [1.0] - 2026-01-01\n", "is not '## [x.y.z]"),
        (
            (
                "# Changelog\n\n## [Unreleased]\n\n"
                "## [0.1.0] - 2025-01-01\n\n## [0.2.0] - 2026-01-01\n"
            ),
            "newest first",
        ),
    ],
)
def test_each_break_of_the_form_is_found(text, problem):
    """Each way a changelog can leave the form is reported."""
    assert any(problem in found for found in problems(text))
