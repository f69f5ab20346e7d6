"""The reference pages that the code already knows, written at build time.

Three directives, each rendering a Markdown table that MyST parses in place:

- ``{eventprogram-rules}``: every installed rule (``eventprogram.rules.available()``), its
  code, name, severity and its summary in German and English.
- ``{eventprogram-formats}``: every installed format (``eventprogram.exporters.available()``).
- ``{eventprogram-fields}``: every field of the source format, object by object, from
  ``programme.schema.json`` (its type, whether it is required, its description).

So a rule or a format added to the code, or a field to the schema, is on the site at the next
build, and none can be listed that is not there.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.statemachine import StringList
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from eventprogram import exporters, rules

if TYPE_CHECKING:
    from sphinx.application import Sphinx

ROOT = Path(__file__).resolve().parents[2]


def _cell(text: object) -> str:
    """Text fit for one cell of a Markdown table."""
    return str(text).replace("|", "\\|").replace("\n", " ")


def _table(header: Iterable[str], rows: Iterable[Iterable[object]]) -> list[str]:
    head = list(header)
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return lines


class _MarkdownDirective(SphinxDirective):
    """A directive whose output is Markdown, parsed as if it stood in the page."""

    has_content = False
    required_arguments = 0

    def markdown(self) -> list[str]:
        """The lines of Markdown to stand in the page."""
        raise NotImplementedError

    def run(self) -> list[nodes.Node]:
        container = nodes.container()
        self.state.nested_parse(StringList(self.markdown(), source="generated"), 0, container)
        return list(container.children)


class RulesDirective(_MarkdownDirective):
    """Every installed rule, from the entry points."""

    def markdown(self) -> list[str]:
        """The table of rules."""
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


class FormatsDirective(_MarkdownDirective):
    """Every installed format, from the entry points."""

    def markdown(self) -> list[str]:
        """The table of formats."""
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


class FieldsDirective(_MarkdownDirective):
    """Every field of the source format, from the JSON Schema."""

    # The objects in the order an organiser meets them in programme.toml.
    ORDER: ClassVar[tuple[str, ...]] = (
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
    )

    def markdown(self) -> list[str]:
        """One table per object of the source format."""
        schema = json.loads(
            files("eventprogram").joinpath("programme.schema.json").read_text(encoding="utf-8")
        )
        defs = schema["$defs"]
        lines = ["### The programme (top level)", "", *self._fields(schema, defs)]
        for name in self.ORDER:
            lines += ["", f"### {name}", ""]
            if description := defs[name].get("description"):
                lines += [_cell(description), ""]
            lines += self._fields(defs[name], defs)
        return lines

    def _fields(self, obj: dict[str, Any], defs: dict[str, Any]) -> list[str]:
        required = set(obj.get("required", ()))
        rows = [
            (
                f"`{name}`",
                self._type(spec, defs),
                "yes" if name in required else "",
                spec.get("description", ""),
            )
            for name, spec in obj.get("properties", {}).items()
        ]
        return _table(("Field", "Type", "Required", "Meaning"), rows)

    def _type(self, spec: dict[str, Any], defs: dict[str, Any]) -> str:  # noqa: PLR0911 -- one per JSON Schema keyword
        if "$ref" in spec:
            name = spec["$ref"].rsplit("/", 1)[-1]
            target = defs.get(name, {})
            if "enum" in target:
                return " or ".join(f"`{v}`" for v in target["enum"])
            if name in self.ORDER:
                return f"[{name}](#{name.lower()})"
            return name
        if "anyOf" in spec or "oneOf" in spec:
            options = spec.get("anyOf", spec.get("oneOf", []))
            return " or ".join(self._type(option, defs) for option in options)
        if spec.get("type") == "array":
            return f"list of {self._type(spec.get('items', {}), defs)}"
        if "enum" in spec:
            return " or ".join(f"`{v}`" for v in spec["enum"])
        if "const" in spec:
            return f"`{spec['const']}`"
        kind = spec.get("type", "any")
        return " or ".join(kind) if isinstance(kind, list) else str(kind)


class RepositoryFiles(SphinxPostTransform):
    """Links to files of the repository outside docs/ (``examples/…/programme.toml``, ``.ci/run``).

    On GitHub they lead to the file; the site has no copy, so they become the file's name in
    code type. A link to a file that does not exist still warns (MyST's resolver runs after).
    """

    default_priority = 5  # before MyST's reference resolver

    def run(self, **_kwargs: Any) -> None:
        """Replace each such link by the file's name."""
        here = Path(self.env.doc2path(self.env.docname)).parent
        for node in list(self.document.findall(addnodes.pending_xref)):
            if node.get("reftype") not in {"myst", "doc"}:
                continue
            target = str(node["reftarget"]).split("#", 1)[0]
            if not target or "://" in target:
                continue
            if node.get("refdomain") == "doc":  # a page outside docs/: its path without .md
                target += ".md"
            for base in (here, ROOT):
                path = (base / target).resolve()
                docs = ROOT / "docs"
                if path.is_file() and path.is_relative_to(ROOT) and not path.is_relative_to(docs):
                    node.replace_self(nodes.literal(node.astext(), node.astext()))
                    break


def public_name(
    app: Sphinx, env: Any, node: addnodes.pending_xref, contnode: nodes.TextElement
) -> nodes.Element | None:
    """Resolve ``ROLES`` or ``Day.end_of`` in a private module's docstring to the public name.

    The model lives in ``eventprogram._model`` and is documented where users import it,
    ``eventprogram``; a docstring's short reference means the public object.
    """
    if node.get("refdomain") != "py":
        return None
    target = str(node["reftarget"])
    for prefix in ("eventprogram.", "eventprogram.rules.", "eventprogram.exporters."):
        name = prefix + target.removeprefix("eventprogram.")
        if name == target:
            continue
        attempt = node.deepcopy()
        attempt["reftarget"] = name
        found = env.domains["py"].resolve_xref(
            env, node.get("refdoc", ""), app.builder, node["reftype"], name, attempt, contnode
        )
        if found is not None:
            return found  # type: ignore[no-any-return]
    private = [m for n, m in sys.modules.items() if n.startswith("eventprogram._")]
    if any(hasattr(module, target) for module in private):  # a private helper: its name only
        return contnode
    return None


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the directives."""
    app.connect("missing-reference", public_name)
    app.add_post_transform(RepositoryFiles)
    app.add_directive("eventprogram-rules", RulesDirective)
    app.add_directive("eventprogram-formats", FormatsDirective)
    app.add_directive("eventprogram-fields", FieldsDirective)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
