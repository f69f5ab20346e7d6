"""How the page splits a text into paragraphs and lines (``_view.paragraphs``)."""

from __future__ import annotations

import pytest

from eventprogram.exporters.html._view import paragraphs


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (None, ()),
        ("", ()),
        (" \n\t ", ()),
        ("Grußwort & „Einführung“", (("Grußwort & „Einführung“",),)),
        ("  eins\n  zwei  \n", (("eins", "zwei"),)),
        ("eins\n\nzwei", (("eins",), ("zwei",))),
        ("eins\n \t \nzwei\n\n\n\ndrei", (("eins",), ("zwei",), ("drei",))),
        # A line of other white space (no-break space) is left out but ends no paragraph.
        ("eins\n\u00a0\nzwei", (("eins", "zwei"),)),
        # CR alone is a line break; CR LF, as always, ends a paragraph.
        ("eins\rzwei", (("eins", "zwei"),)),
        ("eins\r\nzwei", (("eins",), ("zwei",))),
        ("eins\r\n\u3000zwei", (("eins",), ("zwei",))),
    ],
)
def test_paragraphs(text: str | None, expected: tuple[tuple[str, ...], ...]) -> None:
    assert paragraphs(text) == expected
