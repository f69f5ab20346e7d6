"""The rule ``XY101`` ``session-without-description``: every session should say what it is."""

from __future__ import annotations

from collections.abc import Iterator

from eventprogram import Programme, Severity, timeline
from eventprogram.rules import Rule, Violation


def sessions_without_description(programme: Programme) -> Iterator[Violation]:
    """Find sessions, sub-sessions included, that have no description.

    Args:
        programme: The programme to check.

    Yields:
        One violation for each session without a description, in the order of the source.
    """
    for item in timeline(programme).items:
        if not item.is_slot and item.source.description is None:
            yield Violation(
                path=item.path,
                ids=(item.id,),
                message_de=f"{item.id!r} hat keine Beschreibung",
                message_en=f"{item.id!r} has no description",
                hint_de='eine Beschreibung ergänzen: description = """…"""',
                hint_en='add one: description = """…"""',
            )


RULE = Rule(
    code="XY101",
    name="session-without-description",
    severity=Severity.INFO,
    summary_de="eine Session hat keine Beschreibung",
    summary_en="a session has no description",
    check=sessions_without_description,
)
