"""The JSON Schema of the canonical JSON: it accepts what dumps writes and rejects what is wrong."""

from __future__ import annotations

import functools
import json
import operator
from importlib import resources
from typing import Any

import attrs
import pytest
from hypothesis import given
from jsonschema import Draft202012Validator

import eventprogram as ep
from conftest import ROOT
from eventprogram import _model, _schema
from eventprogram._convert import WRITTEN_WHEN_SAID
from eventprogram.testing import programmes

DOCS_COPY = ROOT / "docs" / "reference" / "programme.schema.json"
VALIDATOR = Draft202012Validator(
    _schema.schema(), format_checker=Draft202012Validator.FORMAT_CHECKER
)
MODEL_CLASSES = (
    ep.Venue,
    ep.Room,
    ep.Organiser,
    ep.Image,
    ep.Day,
    ep.Slot,
    ep.Session,
    ep.Contribution,
    ep.Organisation,
    ep.Person,
    ep.Role,
    ep.Kind,
    ep.Offer,
    ep.Provision,
    ep.Settings,
    ep.AccessibilityStatement,
)


def errors(document: dict[str, Any]) -> set[tuple[str, str]]:
    """The schema's complaints about *document*, as ``(JSON path, failed keyword)``."""
    return {(e.json_path, str(e.validator)) for e in VALIDATOR.iter_errors(document)}


def rejected_by_loader(document: dict[str, Any]) -> bool:
    """Whether reading *document* as eventprogram JSON fails."""
    try:
        ep.loads(json.dumps(document), format="json")
    except ep.SourceError:
        return True
    return False


@pytest.fixture
def document(example_dir):
    """The worked example as canonical JSON, parsed: a fresh copy for each test to change."""
    return json.loads(ep.dumps(ep.load(example_dir)))


def first_sub_session(document: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """The first sub-session of the document, and its JSON path."""
    for d, day in enumerate(document["days"]):
        for s, slot in enumerate(day["slots"]):
            for p, parent in enumerate(slot["sessions"]):
                if parent["sessions"]:
                    path = f"$.days[{d}].slots[{s}].sessions[{p}].sessions[0]"
                    return path, parent["sessions"][0]
    raise AssertionError("the document has no sub-session")


class TestSchema:
    def test_is_valid_draft_2020_12(self):
        """The schema itself is a valid Draft 2020-12 schema."""
        schema = _schema.schema()
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        Draft202012Validator.check_schema(schema)

    def test_schema_is_the_parsed_file(self):
        """schema() is the packaged file parsed, and schema_text() is that file's exact text."""
        packaged = resources.files("eventprogram").joinpath("programme.schema.json")
        assert _schema.schema() == json.loads(packaged.read_text(encoding="utf-8"))
        assert _schema.schema_text().encode("utf-8") == packaged.read_bytes()

    def test_schema_returns_a_fresh_copy(self):
        """Changing the dict schema() returned leaves the next call's result alone."""
        _schema.schema()["$defs"].clear()
        assert _schema.schema()["$defs"]

    def test_docs_copy_is_the_packaged_file(self):
        """docs/reference/programme.schema.json equals the packaged schema byte for byte."""
        assert DOCS_COPY.read_bytes() == _schema.schema_text().encode("utf-8")

    @pytest.mark.parametrize("cls", MODEL_CLASSES, ids=lambda cls: cls.__name__)
    def test_defs_follow_the_model(self, cls):
        """Each model class has a definition whose keys are its fields, in order, all required.

        All but those canonical JSON writes only where given (``cancelled`` where it is true,
        the accessibility fields added later).
        """
        definition = _schema.schema()["$defs"][cls.__name__]
        fields = [f.name for f in attrs.fields(cls)]
        unsaid = WRITTEN_WHEN_SAID.get(cls, ())
        assert list(definition["properties"]) == fields
        assert definition["required"] == [f for f in fields if f not in unsaid]
        assert definition["additionalProperties"] is False

    def test_top_level_follows_the_programme(self):
        """The top level is the format marker, then every field of Programme, all required.

        But ``layout``: canonical JSON writes it only where it is not ``auto``.
        """
        schema = _schema.schema()
        fields = ["format", *(f.name for f in attrs.fields(ep.Programme))]
        unsaid = WRITTEN_WHEN_SAID[ep.Programme]
        assert list(schema["properties"]) == fields
        assert schema["required"] == [f for f in fields if f not in unsaid]
        assert schema["additionalProperties"] is False

    def test_vocabularies_follow_the_model(self):
        """The enums, the id pattern and the language pattern are the model's."""
        schema = _schema.schema()
        defs = schema["$defs"]
        assert defs["OrganiserRole"]["enum"] == [r.value for r in ep.OrganiserRole]
        assert defs["ImageKind"]["enum"] == [k.value for k in ep.ImageKind]
        assert defs["id"]["pattern"] == _model.ID_PATTERN.pattern
        language = _model._LANGUAGE_PATTERN  # noqa: SLF001 -- the model's own check, not API
        assert schema["properties"]["language"]["pattern"] == language.pattern
        assert schema["properties"]["format"]["const"] == ep.FORMAT_MARKER


class TestValidDocuments:
    def test_example_validates(self, document):
        """The worked example's canonical JSON validates, formats checked."""
        VALIDATOR.validate(document)

    @given(programmes())
    def test_every_dumped_programme_validates(self, programme):
        """The canonical JSON of every generated programme validates, formats checked."""
        VALIDATOR.validate(json.loads(ep.dumps(programme)))


class TestInvalidDocuments:
    """Each mistake fails validation at its place; where the loader rejects it too, both agree."""

    def test_unknown_key_at_top_level(self, document):
        """An unknown key at the top level is invalid."""
        document["titel"] = "Fachtag"
        assert ("$", "additionalProperties") in errors(document)
        assert rejected_by_loader(document)

    def test_unknown_key_in_slot(self, document):
        """An unknown key in a slot is invalid."""
        document["days"][0]["slots"][1]["speaker"] = "heidmeier"
        assert ("$.days[0].slots[1]", "additionalProperties") in errors(document)
        assert rejected_by_loader(document)

    def test_unknown_key_in_sub_session(self, document):
        """An unknown key in a sub-session, two levels down the recursion, is invalid."""
        path, session = first_sub_session(document)
        session["raum"] = "saal"
        assert (path, "additionalProperties") in errors(document)
        assert rejected_by_loader(document)

    @pytest.mark.parametrize(
        ("keys", "key", "path"),
        [
            ((), "title", "$"),
            (("venue",), "city", "$.venue"),
            ((), "subtitle", "$"),
            (("days", 0, "slots", 0), "people", "$.days[0].slots[0]"),
        ],
    )
    def test_missing_key(self, document, keys, key, path):
        """A missing key is invalid, even one the loader would default: canonical JSON has all."""
        del functools.reduce(operator.getitem, keys, document)[key]
        assert errors(document) == {(path, "required")}

    def test_time_with_the_zones_offset_in_slot_start(self, document):
        """A slot start with the offset its zone has then is valid, in the schema and the loader."""
        document["days"][0]["slots"][0]["start"] = "2025-05-15T09:30:00+02:00"
        assert errors(document) == set()
        assert not rejected_by_loader(document)

    def test_time_with_another_offset_in_slot_start(self, document):
        """A slot start with an offset its zone does not have then is rejected by the loader."""
        document["days"][0]["slots"][0]["start"] = "2025-05-15T09:30:00+05:00"
        assert rejected_by_loader(document)

    def test_time_with_two_offsets(self, document):
        """A slot start that is not a date-time with at most one offset is invalid."""
        document["days"][0]["slots"][0]["start"] = "2025-05-15T09:30:00+02:00+02:00"
        assert errors(document) == {("$.days[0].slots[0].start", "pattern")}
        assert rejected_by_loader(document)

    def test_revision_without_offset(self, document):
        """A revision without an offset is invalid: it is a moment, not a wall-clock time."""
        document["revision"] = "2025-05-08T09:00:00"
        assert errors(document) == {("$.revision", "anyOf")}
        assert rejected_by_loader(document)

    def test_unknown_organiser_role(self, document):
        """An organiser role outside the vocabulary, such as "boss", is invalid."""
        document["organisers"][0]["role"] = "boss"
        assert errors(document) == {("$.organisers[0].role", "enum")}
        assert rejected_by_loader(document)

    def test_empty_roles(self, document):
        """A contribution without roles is invalid."""
        document["days"][0]["slots"][2]["people"][0]["roles"] = []
        assert errors(document) == {("$.days[0].slots[2].people[0].roles", "minItems")}
        assert rejected_by_loader(document)

    def test_role_twice(self, document):
        """A contribution that lists a role twice is invalid."""
        document["days"][0]["slots"][2]["people"][0]["roles"] = ["speaker", "speaker"]
        assert errors(document) == {("$.days[0].slots[2].people[0].roles", "uniqueItems")}
        assert rejected_by_loader(document)

    def test_whitespace_only_title(self, document):
        """A title of white space only is invalid, as in the model."""
        document["days"][0]["slots"][0]["title"] = "  "
        assert errors(document) == {("$.days[0].slots[0].title", "pattern")}
        assert rejected_by_loader(document)

    @pytest.mark.parametrize("marker", ["eventprogram/2", "frab", None])
    def test_wrong_format_marker(self, document, marker):
        """A format marker other than "eventprogram/1" is invalid."""
        document["format"] = marker
        assert errors(document) == {("$.format", "const")}
        assert rejected_by_loader(document)
