"""Reading untrusted XML safely, with the line of every element.

defusedxml refuses what makes XML dangerous — entity declarations (the
"billion laughs"), external entities and DTD tricks — before anything is
expanded. A document type declaration (``<!DOCTYPE``) is refused too: its
default attributes would change what the file says, and no schedule.xml has
one. Its parser is the pure-Python ElementTree parser on top of expat, so
the line of each element can be taken while the tree is built; error messages
need it.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

import defusedxml
import defusedxml.ElementTree

from ..errors import Problem, SourceError

__all__ = ["Lines", "parse"]


class Lines:
    """The line each element starts on."""

    def __init__(self) -> None:
        self._lines: dict[int, int] = {}
        self._keep: list[ET.Element] = []  # keeps ids valid while the tree lives

    def record(self, element: ET.Element, line: int) -> None:
        self._lines[id(element)] = line
        self._keep.append(element)

    def of(self, element: ET.Element | None) -> int | None:
        """The line *element* starts on, where known."""
        return None if element is None else self._lines.get(id(element))


class _Builder(ET.TreeBuilder):
    def __init__(self, lines: Lines) -> None:
        super().__init__()
        self.lines = lines
        self.parser: Any = None

    def start(self, tag: Any, attrs: Any) -> ET.Element:
        element = super().start(tag, attrs)
        if self.parser is not None:
            self.lines.record(element, self.parser.parser.CurrentLineNumber)
        return element


def parse(data: bytes, source: str) -> tuple[ET.Element, Lines]:
    """Parse *data* into a tree, refusing entities, external references and DTDs' tricks.

    Raises:
        SourceError: The XML is not well-formed or uses what is refused.
    """
    lines = Lines()
    builder = _Builder(lines)
    parser = defusedxml.ElementTree.DefusedXMLParser(
        target=builder, forbid_dtd=True, forbid_entities=True, forbid_external=True
    )
    builder.parser = parser
    try:
        parser.feed(data)
        root: ET.Element = parser.close()
    except defusedxml.EntitiesForbidden as exc:
        raise SourceError(
            [
                Problem(
                    f"the XML declares the entity {exc.name!r}; entities are refused, because "
                    "they can make a small file expand without end (the 'billion laughs')",
                    file=source,
                    line=parser.parser.CurrentLineNumber,
                    hint="schedule.xml files from pretalx, frab and the CCC hub declare none",
                )
            ]
        ) from None
    except defusedxml.DTDForbidden:
        raise SourceError(
            [
                Problem(
                    "the XML has a document type declaration (<!DOCTYPE …>); it is refused, "
                    "because its defaults and entities would change what the file says",
                    file=source,
                    line=parser.parser.CurrentLineNumber,
                    hint="remove the <!DOCTYPE …> line: schedule.xml files from pretalx, "
                    "frab and the CCC hub have none",
                )
            ]
        ) from None
    except defusedxml.ExternalReferenceForbidden as exc:
        where = getattr(exc, "sysid", None) or getattr(exc, "pubid", None) or "unnamed"
        raise SourceError(
            [
                Problem(
                    f"the XML refers to an external resource ({where}); it is not fetched",
                    file=source,
                    line=parser.parser.CurrentLineNumber,
                )
            ]
        ) from None
    except LookupError as exc:  # <?xml encoding="…"?> that Python does not know
        raise SourceError(
            [
                Problem(
                    f"the XML declares an encoding that is not known ({exc}); "
                    'write the file as UTF-8 and declare encoding="UTF-8"',
                    file=source,
                    line=1,
                )
            ]
        ) from None
    except RecursionError:
        raise SourceError([Problem("the XML is nested too deep to read", file=source)]) from None
    except ET.ParseError as exc:
        line, _column = exc.position
        reason = str(exc).split(":")[0]
        raise SourceError(
            [Problem(f"not well-formed XML: {reason}", file=source, line=line or None)]
        ) from None
    return root, lines
