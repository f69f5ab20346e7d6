"""The example plug-in's own tests: they draw programmes with ``eventprogram.testing``.

``eventprogram.testing.programmes()`` draws valid programmes — several days, parallel sessions
with sub-sessions, people in roles, German text — so a plug-in is tested against far more
shapes than a hand-written example has.
"""

from __future__ import annotations

import attrs
from eventprogram_example_plugin.descriptions import RULE
from eventprogram_example_plugin.doorsign import FORMAT
from hypothesis import given, settings

import eventprogram
from eventprogram import testing
from eventprogram.exporters import RenderOptions

# Few examples: these tests show the way; eventprogram's own suite runs hundreds.
FEW = settings(max_examples=25, deadline=None)


class TestDoorSign:
    @FEW
    @given(testing.programmes())
    def test_one_line_per_slot_and_session(self, programme):
        """The sign has a line for every slot and session but the end markers."""
        sign = FORMAT.render(programme, RenderOptions())
        items = [i for i in eventprogram.timeline(programme).items if not i.is_marker]
        assert sign.count("\n") == len(items)
        for line, item in zip(sign.splitlines(), items, strict=True):
            assert line.startswith(f"{item.start:%H:%M}–{item.end:%H:%M}")

    def test_a_title_with_a_line_break_stays_on_its_line(self):
        """A line break in a title becomes a space: the sign keeps one line per item."""
        programme = eventprogram.loads(
            'id = "x"\ntitle = "X"\n[venue]\nname = "Saal"\ncity = "Bottrop"\n'
            '[[days]]\ndate = 2026-03-12\n[[days.slots]]\nid = "a"\nstart = "10:00"\n'
            'end = "11:00"\nkind = "talk"\ntitle = """Zwei\nZeilen"""\n'
        )
        assert FORMAT.render(programme, RenderOptions()) == "10:00–11:00 Zwei Zeilen\n"


class TestSessionWithoutDescription:
    @FEW
    @given(testing.programmes())
    def test_finds_exactly_the_sessions_without_description(self, programme):
        """Each session without a description is found once; nothing else is."""
        found = [f.ids[0] for f in eventprogram.validate(programme, rules=[RULE]).findings]
        expected = [
            session.id
            for day in programme.days
            for slot in day.slots
            for session in slot.walk_sessions()
            if session.description is None
        ]
        assert sorted(found) == sorted(expected)

    @FEW
    @given(testing.programmes())
    def test_described_sessions_give_no_finding(self, programme):
        """With a description everywhere, the rule is silent."""

        def described(session):
            sessions = tuple(described(s) for s in session.sessions)
            return attrs.evolve(session, description="Worum es geht.", sessions=sessions)

        days = tuple(
            attrs.evolve(
                day,
                slots=tuple(
                    attrs.evolve(slot, sessions=tuple(described(s) for s in slot.sessions))
                    for slot in day.slots
                ),
            )
            for day in programme.days
        )
        programme = attrs.evolve(programme, days=days)
        assert eventprogram.validate(programme, rules=[RULE]).findings == ()
