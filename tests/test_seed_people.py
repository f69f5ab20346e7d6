"""Every person of the printed programme (the seed) reads in the example's output as printed.

What is compared: the seed's person lines, cut into one line per person, against
the person lines of the example's HTML page and Markdown, one per person too.

- **The seed's person lines** are the lines after the first time line that stand
  at the left margin and are no time line (the plenary slots' people), and the
  working groups' lines indented by four spaces that begin with a role's label
  (``Input:``, ``Moderation:``, ``Input und Moderation:``). The subtitle "Keynote:
  Beteiligung/…" is indented further: a subtitle, no person.
- **One line per person**: the role label is cut off; each person runs from their
  name to the next person's name, without the seed's joiner between them (``; ``,
  `` und ``, ``, ``). Names are the example's people's names; the test checks that
  the first name starts each line, so that nothing before it goes unread.
- **The example's person lines**: on the page, each ``span.name`` and the text that
  follows it in its list item up to the next name, the joiner ``; `` cut off; in the
  Markdown, each list item without its label, cut at ``; ``.
- Whitespace is squashed on both sides. The two sides must hold the same lines, as
  often each: nothing missing, nothing added, no wording of our own.

The seed has two slips, mended here as the example's README says, each checked
to stand in the seed so that this test notices when the seed changes.
"""

from __future__ import annotations

import collections
import re
from html.parser import HTMLParser

import pytest

import eventprogram as ep
from eventprogram.exporters import RenderOptions, html, markdown

CORRECTIONS = {
    # Every other line puts a comma between a name and what follows it.
    "Dr. Lara Altenstädter DIFIS,": "Dr. Lara Altenstädter, DIFIS,",
    # Elsewhere "; " parts two people; here no second person follows.
    "Dr. Frank Nitzsche; Gestaltung": "Dr. Frank Nitzsche, Gestaltung",
}
LABELS = ("Input und Moderation", "Moderation", "Input", "Keynote")
JOINERS = ("; ", " und ", ", ")


def squash(text: str) -> str:
    """Collapse runs of whitespace: line breaks are layout, not text."""
    return " ".join(text.split())


@pytest.fixture(scope="module")
def seed(shared) -> str:
    (path,) = sorted((shared / "seed").glob("*.txt"))
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def programme(example_dir) -> ep.Programme:
    return ep.load(example_dir)


def seed_lines(seed: str) -> list[str]:
    """The seed's person lines, as printed, slips mended, role labels cut off."""
    for wrong, right in CORRECTIONS.items():
        assert seed.count(wrong) == 1, f"the seed no longer has the slip {wrong!r}"
        seed = seed.replace(wrong, right)
    body = seed[re.search(r"^\d\d:\d\d Uhr", seed, flags=re.MULTILINE).start() :]
    lines = []
    for line in body.splitlines():
        text = line.strip()
        if not text or re.match(r"\d\d:\d\d Uhr", text):
            continue
        indent = len(line) - len(line.lstrip())
        labelled = next((label for label in LABELS if text.startswith(f"{label}: ")), None)
        if indent == 0:
            lines.append(text.removeprefix(f"{labelled}: ") if labelled else text)
        elif indent == 4 and labelled:
            lines.append(text.removeprefix(f"{labelled}: "))
    return lines


def per_person(line: str, names: list[str]) -> list[str]:
    """Cut *line* into one line per person, at each name; the joiners between them go."""
    starts = sorted({m.start() for name in names for m in re.finditer(re.escape(name), line)})
    assert starts, f"no person named in {line!r}"
    assert starts[0] == 0, f"{line[: starts[0]]!r} is read as no one's in {line!r}"
    people = []
    for start, end in zip(starts, [*starts[1:], len(line)], strict=True):
        part = line[start:end]
        if end < len(line):
            joiner = next((j for j in JOINERS if part.endswith(j)), None)
            assert joiner, f"no joiner before the next name in {line!r}"
            part = part.removesuffix(joiner)
        people.append(squash(part))
    return people


class _PageReader(HTMLParser):
    """The person lines of a page: each ``span.name`` and what follows it in its item."""

    def __init__(self) -> None:
        super().__init__()
        self.people: list[str] = []
        self._depth = 0  # inside ul.people: how deep
        self._role = False
        self._current: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag == "ul" and "people" in classes:
            self._depth = 1
        elif self._depth:
            self._depth += 1
            if tag == "span" and "name" in classes:
                self._flush()
                self._current = []
            self._role = tag == "span" and "role" in classes

    def handle_endtag(self, tag: str) -> None:
        if not self._depth:
            return
        self._depth -= 1
        self._role = False
        if tag == "li" or not self._depth:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self._current is not None and not self._role:
            self._current.append(data)

    def _flush(self) -> None:
        if self._current is not None:
            self.people.append(squash("".join(self._current)).removesuffix(";"))
        self._current = None


def page_people(programme: ep.Programme) -> list[str]:
    reader = _PageReader()
    reader.feed(html.render(programme, RenderOptions(language="de")))
    reader.close()
    return reader.people


def markdown_people(programme: ep.Programme) -> list[str]:
    text = markdown.render(programme, RenderOptions(language="de"))
    people = []
    for line in text.splitlines():
        if not line.startswith("- "):
            continue
        item = line.removeprefix("- ")
        label = next((label for label in LABELS if item.startswith(f"{label}: ")), None)
        item = item.removeprefix(f"{label}: ") if label else item
        people.extend(squash(part) for part in item.split("; "))
    return people


@pytest.fixture(scope="module")
def printed(seed, programme) -> collections.Counter[str]:
    """The seed's lines, one per person, and how often each stands there."""
    names = [person.name for person in programme.people]
    return collections.Counter(
        person for line in seed_lines(seed) for person in per_person(line, names)
    )


class TestSeedPeople:
    def test_the_seed_is_read_whole(self, printed, programme):
        """The seed yields one line for each appearance of the example, and names all 24 people."""
        appearances = [a for item in ep.timeline(programme).items for a in item.people]
        assert sum(printed.values()) == len(appearances) == 27
        names = {person.name for person in programme.people}
        assert {n for n in names if any(line.startswith(n) for line in printed)} == names

    def test_page_prints_each_person_as_the_seed(self, printed, programme):
        """The HTML page prints every person line of the seed verbatim, and no other."""
        assert collections.Counter(page_people(programme)) == printed

    def test_markdown_prints_each_person_as_the_seed(self, printed, programme):
        """The Markdown prints every person line of the seed verbatim, and no other."""
        assert collections.Counter(markdown_people(programme)) == printed

    @pytest.mark.parametrize(
        "line",
        [
            (
                "Matthias Heidmeier, Staatssekretär im Ministerium für Arbeit, Gesundheit und"
                " Soziales des Landes Nordrhein-Westfalen"
            ),
            (
                "Torsten Withake, Geschäftsführer der Gestaltung, Innovation und Beratung in der"
                " Arbeits- und Sozialpolitik GmbH"
            ),
            (
                "Prof. Dr. Ute Klammer, Direktorin Deutsches Institut für Interdisziplinäre"
                " Sozialpolitikforschung"
            ),
            "Gabi Schmidt, MAGS",
            "Denise Anton",
            "Dr. Nicole Vetter, DIFIS, Schwerpunktleitung Vernetzung",
        ],
    )
    def test_the_lines_the_issue_names(self, printed, line):
        """The lines issue #14 quotes are among those the seed yields: the reading is right."""
        assert printed[line] >= 1
