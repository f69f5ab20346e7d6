"""The reference tables the docs site makes from the code list everything the code knows.

docs/_ext/eventprogram_tables.py makes them; the site's extension puts them into the pages on
every build (`sphinx -W` in CI). These tests need no Sphinx.
"""

from __future__ import annotations

import json
import sys

from conftest import ROOT
from eventprogram import exporters, rules

sys.path.insert(0, str(ROOT / "docs" / "_ext"))
import eventprogram_tables as tables

SCHEMA = json.loads((ROOT / "src" / "eventprogram" / "programme.schema.json").read_text("utf-8"))


def rows(lines):
    """The rows of a Markdown table's lines, each a list of its cells."""
    return [
        [cell.strip() for cell in line.strip("|").split(" | ")]
        for line in lines
        if line.startswith("| ") and not line.startswith("| Code |")
    ]


class TestRulesTable:
    def test_every_installed_rule_has_its_row(self):
        """Each installed rule is a row: code linked to its section, name, severity, summaries."""
        table = "\n".join(tables.rules_table())
        for rule in rules.available().values():
            row = (
                f"| [`{rule.code}`](#{rule.code.lower()}-{rule.name}) | `{rule.name}`"
                f" | {rule.severity.value} | {rule.summary_de} | {rule.summary_en} |"
            )
            assert row in table
        assert "[`EP001`](#ep001-unknown-rule)" in table

    def test_rows_are_in_the_order_of_the_codes(self):
        """Rules are listed by code, EP001 (not a rule of the registry) last."""
        codes = [row[0].split("`")[1] for row in rows(tables.rules_table())]
        assert codes[:-1] == sorted(codes[:-1])
        assert codes[-1] == "EP001"

    def test_each_link_names_a_section_of_the_rules_page(self):
        """Every code links to the heading of its section on the rules page."""
        page = (ROOT / "docs" / "reference" / "rules.md").read_text(encoding="utf-8")
        for row in rows(tables.rules_table()):
            code, name = row[0].split("`")[1], row[1].strip("`")
            assert f"### {code} `{name}`" in page


class TestFormatsTable:
    def test_every_installed_format_has_its_row(self):
        """Each format is a row with its name, suffix, media type and description."""
        table = rows(tables.formats_table())[1:]
        expected = [
            [f"`{f.name}`", f"`{f.suffix}`", f"`{f.media_type}`", "yes" if f.split else "no"]
            for f in exporters.available().values()
        ]
        assert [row[:4] for row in table] == expected
        assert ["`ical`", "`.ics`"] in [row[:2] for row in table]


class TestFieldsTables:
    def test_every_field_of_every_object_is_listed(self):
        """Each property of the schema's top level and of each object stands in its table."""
        text = "\n".join(tables.fields_tables())
        objects = {"The programme (top level)": SCHEMA}
        objects |= {name: SCHEMA["$defs"][name] for name in tables.OBJECTS}
        for heading, obj in objects.items():
            section = text.split(f"### {heading}\n", 1)[1].split("\n### ", 1)[0]
            for name in obj["properties"]:
                assert f"| `{name}` |" in section, (heading, name)

    def test_every_object_with_properties_is_shown(self):
        """No object of the schema that has fields is left out of the tables."""
        with_fields = {n for n, d in SCHEMA["$defs"].items() if "properties" in d}
        assert with_fields <= set(tables.OBJECTS)

    def test_required_fields_are_marked(self):
        """What a source must give is marked: a slot's id and start, not its end."""
        text = "\n".join(tables.fields_tables())
        slot = text.split("### Slot\n", 1)[1].split("\n### ", 1)[0]
        assert "| `start` | [localDateTime" not in slot  # localDateTime is no object of the page
        marked = {row[0].strip("`"): row[2] for row in rows(slot.splitlines())}
        assert marked["id"] == marked["start"] == marked["kind"] == "yes"
        assert marked["end"] == marked["room"] == ""
        venue = text.split("### Venue\n", 1)[1].split("\n### ", 1)[0]
        assert {row[0]: row[2] for row in rows(venue.splitlines())}["`city`"] == ""

    def test_a_pipe_in_a_description_does_not_split_the_cell(self):
        """Text with `|` stays in its cell."""
        assert tables.cell("a | b\nc") == "a \\| b c"
