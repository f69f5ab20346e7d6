"""The ``json`` format: eventprogram's canonical, lossless JSON."""

from __future__ import annotations

from .._model import Programme
from .._source import dumps
from . import Format, RenderOptions


def render(programme: Programme, options: RenderOptions) -> str:  # noqa: ARG001 -- language-free
    """Write *programme* as canonical JSON; the same programme gives the same text."""
    return dumps(programme)


FORMAT = Format(
    name="json",
    suffix=".json",
    media_type="application/json",
    render=render,
    description="eventprogram JSON: canonical and lossless, for other tools",
)
