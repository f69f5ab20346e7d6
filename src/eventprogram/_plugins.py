"""The one door for plugins: formats and rules, the built-in ones included.

Exporters (``eventprogram.exporters``) and rules (``eventprogram.rules``) are
found by :func:`discover`, each through its entry point group, so that a third
party's format or rule is loaded exactly like one of ours.
"""

from __future__ import annotations

from importlib.metadata import entry_points
from typing import TypeVar

from .errors import PluginError

__all__ = ["discover"]

_Plugin = TypeVar("_Plugin")


def discover(group: str, kind: type[_Plugin], what: str) -> list[_Plugin]:
    """Load every entry point of *group*, in the order the installation lists them.

    Args:
        group: The entry point group, such as ``eventprogram.rules``.
        kind: What each entry point must name, such as :class:`~eventprogram.rules.Rule`.
        what: How an error names *kind*: ``eventprogram.rules.Rule``.

    Returns:
        What the entry points name.

    Raises:
        PluginError: An entry point names something that is not a *kind*.
    """
    found: list[_Plugin] = []
    for entry_point in entry_points(group=group):
        candidate = entry_point.load()
        if not isinstance(candidate, kind):
            raise PluginError(
                f"entry point {entry_point.name!r} ({entry_point.value}) in"
                f" {group!r} is not an {what}"
            )
        found.append(candidate)
    return found
