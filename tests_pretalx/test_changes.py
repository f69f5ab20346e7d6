"""The change export against real pretalx: two released versions of a schedule.

Between release 1.0 and 1.1 a talk moves, one is cancelled (unscheduled), one is added,
one runs longer (same start and room: pretalx's changelog does not see it) and one gets
a second speaker (pretalx keeps no speakers per release: its changelog does not see it).
Our export must report at least what pretalx's own changelog (``Schedule.changes``) reports,
and those two besides.
"""

from __future__ import annotations

import json

import jsonschema
import pytest
from django_scopes import scope

from conftest import _slot, add_speaker, at, new_event, release, set_plugin
from eventprogram._schema import changes_schema
from eventprogram.integrations.pretalx.exporters import (
    ChangesHtmlExporter,
    ChangesJsonExporter,
)


@pytest.fixture
def two_releases(db):
    """An event with the plugin enabled, released as 1.0, changed, released as 1.1."""
    from pretalx.schedule.models import Room
    from pretalx.submission.models import Submission, SubmissionType

    event = new_event("Fachtag Wandel", "wandel", organiser=("Kreis Recklinghausen", "kreis"))
    with scope(event=event):
        event = set_plugin(event, enabled=True)
        hall = Room.objects.create(event=event, name="Saal", position=0)
        studio = Room.objects.create(event=event, name="Studio", position=1)
        kind = SubmissionType.objects.create(event=event, name="Vortrag", default_duration=30)

        def talk(title, speaker, email):
            submission = Submission.objects.create(
                event=event, title=title, submission_type=kind, state="confirmed"
            )
            add_speaker(event, submission, speaker, email)
            return submission

        talks = {
            "moved": talk("Verschoben", "Ada Lovelace", "ada@example.org"),
            "cancelled": talk("Abgesagt", "Grace Hopper", "grace@example.org"),
            "longer": talk("Länger", "Gabi Schmidt", "gabi@example.org"),
            "speaker": talk("Zu zweit", "Karl Klammer", "karl@example.org"),
        }
        wip = event.wip_schedule
        _slot(wip, submission=talks["moved"], room=hall, start=at(9), end=at(9, 30))
        _slot(wip, submission=talks["cancelled"], room=studio, start=at(9), end=at(9, 30))
        _slot(wip, submission=talks["longer"], room=hall, start=at(10), end=at(10, 30))
        _slot(wip, submission=talks["speaker"], room=studio, start=at(10), end=at(10, 30))
        event = release(event, "1.0")

        wip = event.wip_schedule
        moved = wip.talks.get(submission=talks["moved"])
        moved.start, moved.end = at(11), at(11, 30)
        moved.save()
        gone = wip.talks.get(submission=talks["cancelled"])
        gone.start = gone.end = gone.room = None
        gone.save()
        longer = wip.talks.get(submission=talks["longer"])
        longer.end = at(10, 45)
        longer.save()
        add_speaker(event, talks["speaker"], "Erika Mustermann", "erika@example.org")
        talks["added"] = talk("Neu", "Jonas Neu", "jonas@example.org")
        _slot(wip, submission=talks["added"], room=studio, start=at(9), end=at(9, 30))
        event = release(event, "1.1")
        return event, {name: submission.code for name, submission in talks.items()}


def _pretalx_changes(event):
    """pretalx's own changelog of the current schedule: codes by what it says happened."""
    with scope(event=event):
        changes = event.current_schedule.changes
        return {
            "new": {slot.submission.code for slot in changes["new_talks"]},
            "cancelled": {slot.submission.code for slot in changes["canceled_talks"]},
            "moved": {moved["submission"].code for moved in changes["moved_talks"]},
        }


def test_reports_what_pretalx_reports_and_more(two_releases):
    event, codes = two_releases
    theirs = _pretalx_changes(event)
    # What pretalx itself sees: the move, the cancellation, the new talk; nothing else.
    assert theirs == {
        "new": {codes["added"]},
        "cancelled": {codes["cancelled"]},
        "moved": {codes["moved"]},
    }
    with scope(event=event):
        document = json.loads(ChangesJsonExporter(event).get_data())
    jsonschema.Draft202012Validator(changes_schema()).validate(document)
    ours = {change["id"]: change for change in document["changes"]}
    status = {id_: change["status"] for id_, change in ours.items()}
    assert {code for code in theirs["new"] if status.get(code) == "added"} == theirs["new"]
    assert {c for c in theirs["cancelled"] if status.get(c) == "cancelled"} == theirs["cancelled"]
    assert {c for c in theirs["moved"] if status.get(c) == "moved"} == theirs["moved"]
    moved = ours[codes["moved"]]
    assert [f["field"] for f in moved["fields"]] == ["start", "end"]
    assert moved["start"] == "2025-06-12T11:00:00+02:00"
    # What pretalx misses: a new duration, a new speaker. pretalx keeps no speakers per
    # release: only the released state the plugin kept at 1.0 knows Erika was not there.
    longer = ours[codes["longer"]]
    assert longer["status"] == "moved"
    assert [(f["field"], f["old"], f["new"]) for f in longer["fields"]] == [
        ("end", "2025-06-12T10:30:00+02:00", "2025-06-12T10:45:00+02:00")
    ]
    speaker = ours[codes["speaker"]]
    assert speaker["status"] == "changed"
    assert [(p["status"], p["name"]) for p in speaker["people"]] == [("added", "Erika Mustermann")]
    assert document["old_revision"] is not None
    assert document["old_revision"] < document["new_revision"]


def test_html_export(two_releases):
    event, _ = two_releases
    with scope(event=event):
        exporter = ChangesHtmlExporter(event)
        page = exporter.get_data()
        assert exporter.filename == "wandel.changes.html"
    assert page.startswith('<!DOCTYPE html>\n<html lang="de">')
    assert "<strong>abgesagt</strong>: <s>Abgesagt</s>" in page
    assert "<strong>neu</strong>: Neu" in page
    assert "<li>neu dabei: Erika Mustermann (Vortrag)</li>" in page  # the role "speaker"
    assert "<li>vorher: Donnerstag, 12. Juni 2025, 10:00–10:30 Uhr</li>" in page  # longer


def test_offered_and_served(two_releases, client):
    """pretalx offers both exports and serves them over HTTP."""
    event, codes = two_releases
    served = {}
    for identifier in ("eventprogram.changes.json", "eventprogram.changes.html"):
        response = client.get(f"/{event.slug}/schedule/export/{identifier}")
        assert response.status_code == 200, identifier
        served[identifier] = response.content.decode("utf-8")
    document = json.loads(served["eventprogram.changes.json"])
    # The talks only: the slots that hold parallel talks are left out (pretalx has none).
    assert {change["id"] for change in document["changes"]} == set(codes.values())
    assert "Erika Mustermann" in served["eventprogram.changes.html"]


def test_first_release_has_no_changes(db):
    event = new_event("Erstes Mal", "erstes", organiser=("Stadt", "stadt"))
    with scope(event=event):
        event = set_plugin(event, enabled=True)
        event = release(event, "1.0")
        document = json.loads(ChangesJsonExporter(event).get_data())
    assert document["changes"] == []
    assert document["old_revision"] is None
