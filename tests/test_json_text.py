"""The indented JSON writer: the very text json.dumps writes, for any JSON-like data."""

from __future__ import annotations

import enum
import json
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eventprogram._json_text import indented
from eventprogram._text import clean_data
from untrusted import HOSTILE_TEXT

SCALARS = st.none() | st.booleans() | st.integers() | st.floats() | st.text()
KEYS = st.text() | st.sampled_from(["k", "k\x00", "k\x01", "\ud800", HOSTILE_TEXT])
DATA = st.recursive(
    SCALARS | st.sampled_from([HOSTILE_TEXT, "\ud800", "\u2028", '"\\']),
    lambda children: (
        st.lists(children, max_size=4)
        | st.tuples(children, children)
        | st.dictionaries(KEYS | st.integers() | st.booleans() | st.none(), children, max_size=4)
    ),
    max_leaves=30,
)


def dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


class Colour(enum.StrEnum):
    RED = "rot\x00"


class TestIndented:
    @given(DATA)
    def test_same_text_as_json_dumps(self, value):
        """Whatever the data, the text is json.dumps's with indent=2 and no ASCII escapes."""
        assert indented(value) == dumps(value)

    @given(DATA)
    def test_cleaned_same_text_as_json_dumps_of_clean_data(self, value):
        """Cleaned, it is json.dumps of clean_data: strings and keys cleaned, merged keys once."""
        assert indented(value, cleaned=True) == dumps(clean_data(value))

    @pytest.mark.parametrize(
        "value",
        [
            {"k\x00": 1, "k": 2, "x": {"k\x00": 3}},
            [{"k": 1}, {"k\x00": 2, "k": 3}],
            {Colour.RED: [Colour.RED], 1.5: math.inf, None: math.nan, False: -0.0},
            {"": [], "a": {}, "b": [[], {}]},
        ],
    )
    def test_edges(self, value):
        """Keys merged by cleaning, enums, non-string keys, special floats, empty containers."""
        assert indented(value) == dumps(value)
        assert indented(value, cleaned=True) == dumps(clean_data(value))

    def test_end_follows_the_value(self):
        """A file's line break comes after the last brace, once."""
        assert indented({"a": [1]}, end="\n") == '{\n  "a": [\n    1\n  ]\n}\n'

    @pytest.mark.parametrize("value", [{"a": object()}, {(1,): 2}, [{1, 2}], b"bytes"])
    @pytest.mark.parametrize("cleaned", [False, True])
    def test_what_json_cannot_write_is_refused(self, value, cleaned):
        """Sets, bytes, objects and tuple keys raise TypeError, as json.dumps does."""
        with pytest.raises(TypeError):
            indented(value, cleaned=cleaned)
