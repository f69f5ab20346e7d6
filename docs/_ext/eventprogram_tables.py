"""The Markdown tables of the reference pages that the code already knows.

Plain functions without Sphinx, so that tests/test_docs_tables.py can check them; the docs
site's extension (eventprogram_docs.py) puts them into the pages.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from importlib.resources import files
from typing import Any

import attrs

import eventprogram
from eventprogram import exporters, rules

# The objects of the source format in the order an organiser meets them in programme.toml.
OBJECTS = (
    "Venue",
    "Room",
    "Organiser",
    "Image",
    "Day",
    "Slot",
    "Session",
    "Contribution",
    "Link",
    "Organisation",
    "Person",
    "Role",
    "Kind",
    "Offer",
    "Provision",
    "Settings",
    "AccessibilityStatement",
)


def cell(text: object) -> str:
    """Text fit for one cell of a Markdown table."""
    return str(text).replace("|", "\\|").replace("\n", " ")


def _table(header: Iterable[str], rows: Iterable[Iterable[object]]) -> list[str]:
    head = list(header)
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return lines


def rules_table() -> list[str]:
    """Every installed rule: code (linked to its section), name, severity, summaries."""
    rows = [
        (
            f"[`{r.code}`](#{r.code.lower()}-{r.name})",
            f"`{r.name}`",
            r.severity.value,
            r.summary_de,
            r.summary_en,
        )
        for r in sorted(rules.available().values(), key=lambda r: r.code)
    ]
    rows.append(
        (
            f"[`{rules.UNKNOWN_RULE}`](#ep001-unknown-rule)",
            "`unknown-rule`",
            "warning",
            "`disabled_rules` nennt eine Regel, die es nicht gibt",
            "`disabled_rules` names a rule that is not installed",
        )
    )
    return _table(("Code", "Name", "Severity", "Deutsch", "English"), rows)


def formats_table() -> list[str]:
    """Every installed format: name, suffix, media type, whether it splits, description."""
    rows = [
        (
            f"`{f.name}`",
            f"`{f.suffix}`",
            f"`{f.media_type}`",
            "yes" if f.split else "no",
            f.description,
        )
        for f in exporters.available().values()
    ]
    return _table(("Name (`-f`)", "Suffix", "Media type", "`--split`", "What it is"), rows)


def fields_tables() -> list[str]:
    """One table per object of the source format, from the packaged JSON Schema."""
    schema = json.loads(
        files("eventprogram").joinpath("programme.schema.json").read_text(encoding="utf-8")
    )
    defs = schema["$defs"]
    lines = ["### The programme (top level)", "", *_fields(schema, defs, "Programme")]
    for name in OBJECTS:
        lines += ["", f"### {name}", ""]
        if description := defs[name].get("description"):
            lines += [cell(description), ""]
        lines += _fields(defs[name], defs, name)
    return lines


def required(name: str) -> set[str]:
    """The fields of the model's class *name* that a source must give: those without a default.

    The JSON Schema cannot say it: canonical JSON writes every field, ``null`` included, so
    there every field is "required".
    """
    return {f.name for f in attrs.fields(getattr(eventprogram, name)) if f.default is attrs.NOTHING}


def _fields(obj: dict[str, Any], defs: dict[str, Any], name: str) -> list[str]:
    must = required(name)
    rows = [
        (
            f"`{field}`",
            _type(spec, defs),
            "yes" if field in must else "",
            spec.get("description", ""),
        )
        for field, spec in obj.get("properties", {}).items()
    ]
    return _table(("Field", "Type", "Required", "Meaning"), rows)


def _type(spec: dict[str, Any], defs: dict[str, Any]) -> str:  # noqa: PLR0911 -- one per JSON Schema keyword
    if "$ref" in spec:
        name = spec["$ref"].rsplit("/", 1)[-1]
        target = defs.get(name, {})
        if "enum" in target:
            return " or ".join(f"`{v}`" for v in target["enum"])
        if name in OBJECTS:
            return f"[{name}](#{name.lower()})"
        return name
    if "anyOf" in spec or "oneOf" in spec:
        options = spec.get("anyOf", spec.get("oneOf", []))
        return " or ".join(_type(option, defs) for option in options)
    if spec.get("type") == "array":
        return f"list of {_type(spec.get('items', {}), defs)}"
    if "enum" in spec:
        return " or ".join(f"`{v}`" for v in spec["enum"])
    if "const" in spec:
        return f"`{spec['const']}`"
    kind = spec.get("type", "any")
    return " or ".join(kind) if isinstance(kind, list) else str(kind)
