"""Sphinx configuration of the docs site: MyST Markdown, the furo theme, autodoc.

Build it as CI does (warnings are errors):

    .venv/bin/pip install -e '.[docs]'
    .venv/bin/python -m sphinx -W --keep-going -n -b html docs docs/_build/html

A new page is one line in a ``toctree`` of ``index.md`` (see docs/contributing.md).
"""

from __future__ import annotations

import sys
from importlib.metadata import version as _version
from pathlib import Path

from sphinx.ext.napoleon.docstring import GoogleDocstring

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "eventprogram"
author = "eventprogram developers"
copyright = "eventprogram developers"  # noqa: A001 -- the name Sphinx reads
release = _version("eventprogram")
version = release

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.intersphinx",
    "eventprogram_docs",  # docs/_ext: the rules, formats and fields pages from the code
]

source_suffix = {".md": "markdown"}
root_doc = "index"
language = "en"
exclude_patterns = ["_build", "_ext", "Thumbs.db", ".DS_Store"]
# The pages are plain Markdown that GitHub shows too: links to files beside them
# (programme.schema.json, the screenshots) are copied as downloads.
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3  # `[…](#4-check-it)`: GitHub's anchors for headings
suppress_warnings = ["myst.header"]  # pages written for GitHub start at any heading level

html_theme = "furo"
html_title = "eventprogram"
html_static_path: list[str] = []

# Warnings are errors in CI (-W); nitpicky (-n): every reference in the API pages resolves.
nitpicky = True
autodoc_typehints = "description"
autodoc_member_order = "bysource"
autodoc_default_options = {"members": True, "undoc-members": False}
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_use_ivar = True  # "Attributes:" as fields: autodoc documents the attrs fields once
# No network in CI: intersphinx has no inventories; the standard library's types are ignored.
intersphinx_mapping: dict[str, tuple[str, str | None]] = {}
nitpick_ignore_regex = [
    ("py:class", r"(datetime|zoneinfo|collections\.abc|typing|enum|pathlib|os)\..*"),
    ("py:class", r"(str|int|bool|bytes|float|object|None|type|tuple|list|dict|Any)"),
    ("py:class", r"(attrs|attr|hypothesis|_io|io)\..*"),
    ("py:class", r"eventprogram\._.*"),  # private modules: the public names re-export them
]


def _attribute_docstring_as_written(self: GoogleDocstring) -> list[str]:
    """Keep an attribute's docstring as written.

    Napoleon reads "The title: the event's name." as "type: description"; the model's
    attribute and property docstrings are sentences, and their types come from annotations.
    """
    return self._consume_to_end()


GoogleDocstring._parse_attribute_docstring = _attribute_docstring_as_written  # type: ignore[method-assign]  # noqa: SLF001
