"""The docs site's extension: the reference pages that the code already knows, at build time.

Three directives put a Markdown table from ``eventprogram_tables`` into the page, parsed by MyST
as if it stood there:

- ``{eventprogram-rules}``: every installed rule (``eventprogram.rules.available()``).
- ``{eventprogram-formats}``: every installed format (``eventprogram.exporters.available()``).
- ``{eventprogram-fields}``: every field of the source format, from ``programme.schema.json``.

So a rule or a format added to the code, or a field to the schema, is on the site at the next
build, and none can be listed that is not there. Besides: links to repository files outside
docs/ become their names, and short references in private modules' docstrings resolve to the
public names.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import eventprogram_tables
from docutils import nodes
from docutils.statemachine import StringList
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

if TYPE_CHECKING:
    from sphinx.application import Sphinx

ROOT = Path(__file__).resolve().parents[2]


def _directive(make: Callable[[], list[str]]) -> type[SphinxDirective]:
    """A directive without arguments that stands for the Markdown lines *make* returns."""

    class MarkdownTable(SphinxDirective):
        has_content = False

        def run(self) -> list[nodes.Node]:
            container = nodes.container()
            self.state.nested_parse(StringList(make(), source="generated"), 0, container)
            return list(container.children)

    return MarkdownTable


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


def readme_images(app: Sphinx, exception: Exception | None) -> None:
    """Copy docs/images to where the README's HTML (included as readme.md) looks for them.

    The README shows its screenshots with ``<img src="docs/images/…">``, a path from the
    repository's root, which MyST does not rewrite in raw HTML.
    """
    if exception is None and app.builder.format == "html":
        shutil.copytree(
            ROOT / "docs" / "images", Path(app.outdir) / "docs" / "images", dirs_exist_ok=True
        )


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the directives."""
    app.connect("missing-reference", public_name)
    app.connect("build-finished", readme_images)
    app.add_post_transform(RepositoryFiles)
    app.add_directive("eventprogram-rules", _directive(eventprogram_tables.rules_table))
    app.add_directive("eventprogram-formats", _directive(eventprogram_tables.formats_table))
    app.add_directive("eventprogram-fields", _directive(eventprogram_tables.fields_tables))
    return {"parallel_read_safe": True, "parallel_write_safe": True}
