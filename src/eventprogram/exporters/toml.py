"""The ``toml`` format: the programme as a source file to edit by hand.

What ``eventprogram`` reads is what it writes here: the canonical JSON's data
(:func:`eventprogram.dumps`) as TOML, so that ``load`` gives back the same programme.
It turns a JSON file, a release or an imported ``schedule.xml`` into a
``programme.toml`` an organiser can open in a text editor and go on with::

    eventprogram convert schedule.xml programme.toml

TOML has no ``null``: a field without a value is left out, as a hand-written source
leaves it out. Long texts are written as multi-line strings (``\"\"\"…\"\"\"``). The
``format`` key that marks canonical JSON is left out too: a TOML source needs none.
Comments of a hand-written source are not kept, since the model does not hold them.
Text passes through the same cleaning as every format's (:mod:`eventprogram._text`):
control characters go, a lone surrogate, which no TOML file can hold, becomes U+FFFD.
"""

from __future__ import annotations

import json
from typing import Any, Final

import tomli_w

from .._model import Programme
from .._source import FORMAT_MARKER, dumps
from .._text import clean_data
from . import Format, RenderOptions

HEADER: Final = (
    "# eventprogram source (TOML), written by eventprogram from a programme.\n"
    "# Check it: eventprogram validate FILE; every field: docs/reference/source-format.md\n\n"
)
"""The first lines of the file: what it is and how to check it."""


def _without_nulls(value: Any) -> Any:
    """*value*, JSON-like data, without the keys whose value is ``None``."""
    if isinstance(value, dict):
        return {key: _without_nulls(item) for key, item in value.items() if item is not None}
    if isinstance(value, list):
        return [_without_nulls(item) for item in value]
    return value


def render(programme: Programme, options: RenderOptions) -> str:  # noqa: ARG001 -- language-free
    """Write *programme* as a TOML source that loads back as the same programme."""
    data = json.loads(dumps(programme))
    if data.get("format") == FORMAT_MARKER:
        del data["format"]
    return HEADER + tomli_w.dumps(clean_data(_without_nulls(data)), multiline_strings=True)


FORMAT = Format(
    name="toml",
    suffix=".toml",
    media_type="application/toml",
    render=render,
    description="eventprogram TOML: the source format, to edit by hand (from JSON or a schedule)",
)
