"""The ``json`` format: eventprogram's canonical, lossless JSON."""

from __future__ import annotations

from .._model import Programme
from .._source import dumps
from .._text import escape_surrogates
from . import Format, RenderOptions


def render(programme: Programme, options: RenderOptions) -> str:  # noqa: ARG001 -- language-free
    r"""Write *programme* as canonical JSON; the same programme gives the same text.

    A lone surrogate (no UTF-8 can hold one) is kept as its JSON escape, ``\ud800``.
    """
    return escape_surrogates(dumps(programme))


FORMAT = Format(
    name="json",
    suffix=".json",
    media_type="application/json",
    render=render,
    description="eventprogram JSON: canonical and lossless, for other tools",
)
