"""Validation of whole programmes: the checks loading relies on, as coded findings."""

from __future__ import annotations

import attrs
from hypothesis import given

import eventprogram as ep
from eventprogram.testing import programmes


def test_example_has_no_findings(example_dir):
    """The Bottrop example validates without any finding."""
    assert ep.validate(ep.load(example_dir)).findings == ()


@given(programmes())
def test_generated_programmes_have_no_errors(programme):
    """Every programme the public strategy generates is free of errors."""
    report = ep.validate(programme)
    assert report.ok, report.errors


def test_dangling_reference_in_english_and_german(example_dir):
    """A reference to nobody is an error with a message and hint in both languages."""
    p = ep.load(example_dir)
    slot = p.days[0].slots[2]
    wrong = attrs.evolve(slot.people[0], person="heidmaier")
    slot = attrs.evolve(slot, people=(wrong, *slot.people[1:]))
    p = attrs.evolve(
        p, days=(attrs.evolve(p.days[0], slots=(*p.days[0].slots[:2], slot, *p.days[0].slots[3:])),)
    )
    (finding,) = ep.validate(p).findings
    assert (finding.code, finding.rule, finding.severity) == (
        "EP101",
        "dangling-reference",
        ep.Severity.ERROR,
    )
    assert finding.path == "days[0].slots[2].people[0].person"
    assert finding.message("de") == "Person 'heidmaier' ist nicht definiert"
    assert finding.hint("en") == "did you mean 'heidmeier'?"
    assert finding.ids == ("heidmaier",)


def test_slot_and_session_ids_share_one_namespace(example_dir):
    """A session may not take a slot's id: both become calendar UIDs."""
    p = ep.load(example_dir)
    phase = p.days[0].slots[8]
    ag1 = attrs.evolve(phase.sessions[0], id="ankommen")
    phase = attrs.evolve(phase, sessions=(ag1, *phase.sessions[1:]))
    slots = list(p.days[0].slots)
    slots[8] = phase
    p = attrs.evolve(p, days=(attrs.evolve(p.days[0], slots=tuple(slots)),))
    (finding,) = ep.validate(p).findings
    assert (finding.code, finding.path) == ("EP102", "days[0].slots[8].sessions[0].id")


def test_end_marker_may_be_a_point(example_dir):
    """The end marker may end where it starts; any other slot may not."""
    p = ep.load(example_dir)
    slots = list(p.days[0].slots)
    slots[-1] = attrs.evolve(slots[-1], end=slots[-1].start)
    slots[0] = attrs.evolve(slots[0], end=slots[0].start)
    p = attrs.evolve(p, days=(attrs.evolve(p.days[0], slots=tuple(slots)),))
    assert [(f.code, f.ids) for f in ep.validate(p).findings] == [("EP201", ("ankommen",))]
