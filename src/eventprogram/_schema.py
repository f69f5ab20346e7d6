"""The JSON Schema of the canonical JSON form, shipped inside the package.

``programme.schema.json`` sits beside this module and describes what
:func:`~eventprogram.dumps` writes: the ``format`` marker, every field present,
local times without an offset. It checks the shape of one document; references,
unique ids and times are left to validation.
"""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any, Final

__all__ = ["changes_schema", "schema", "schema_text"]

_FILE: Final = "programme.schema.json"
_CHANGES_FILE: Final = "changes.schema.json"


@functools.cache
def schema_text() -> str:
    """Return the schema file's text, exactly as it is shipped.

    Returns:
        The JSON text of the schema (Draft 2020-12), ending in a newline.
    """
    return resources.files("eventprogram").joinpath(_FILE).read_bytes().decode("utf-8")


def schema() -> dict[str, Any]:
    """Return the schema as plain data, ready for a JSON Schema validator.

    The file is read once; every call parses it anew, so the caller may change
    the result without changing it for others.

    Returns:
        The schema (Draft 2020-12).
    """
    data: dict[str, Any] = json.loads(schema_text())
    return data


@functools.cache
def changes_schema_text() -> str:
    """Return the text of ``changes.schema.json``: the changes document of ``eventprogram diff``."""
    return resources.files("eventprogram").joinpath(_CHANGES_FILE).read_bytes().decode("utf-8")


def changes_schema() -> dict[str, Any]:
    """Return the changes document's schema (Draft 2020-12) as plain data, a fresh copy."""
    data: dict[str, Any] = json.loads(changes_schema_text())
    return data
