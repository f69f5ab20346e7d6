"""Control characters, lone surrogates and noncharacters in a programme's text (``_text``).

Every format removes or replaces them at its one escaping point, so that the HTML, the
calendar, the XML and the JSON stay valid and show nothing a reader cannot see.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import icalendar
import pytest
from hypothesis import given
from hypothesis import strategies as st
from ical.calendar_stream import IcsCalendarStream

import eventprogram as ep
from eventprogram._text import REPLACEMENT, clean, clean_data, escape_surrogates
from untrusted import HOSTILE_TEXT, fill, render_all, urls_in

FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
    "\U0001fffe\U0001ffff\U0010fffe\U0010ffff]"
)
"""What no output may hold: C0 but TAB, LF and CR, DEL, C1, surrogates, noncharacters."""


class TestClean:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("a\x00b", "ab"),
            ("a\x1b[31mb", "a[31mb"),
            ("a\x7fb\x85c\x9fd", "abcd"),
            ("a\x0bb\x0cc", "abc"),
            ("a\r\nb\rc\nd", "a\nb\nc\nd"),
            ("a\tb\nc", "a\tb\nc"),
            ("a\ud800b", f"a{REPLACEMENT}b"),
            ("x\udfff", f"x{REPLACEMENT}"),
            ("a\ufffe\uffff\ufdd0b", f"a{REPLACEMENT * 3}b"),
            ("a\U0001fffe\U0010ffffb", f"a{REPLACEMENT * 2}b"),
            ("Straße 🎉 \u00ad\u200b", "Straße 🎉 \u00ad\u200b"),
            # Beyond the quick search's range, but no noncharacter: kept (CJK, private use).
            ("a\n\U00020000\U0010fffd\U0001fffdb", "a\n\U00020000\U0010fffd\U0001fffdb"),
            ("a\n\U0002fffeb", f"a\n{REPLACEMENT}b"),
        ],
    )
    def test_replacements(self, text, expected):
        """Controls are removed, CR and CR LF become LF, the rest broken becomes U+FFFD."""
        assert clean(text) == expected

    @given(st.text())
    def test_any_text_comes_out_encodable_and_clean(self, text):
        """Whatever the text, the result encodes as UTF-8, holds nothing forbidden, and is final."""
        result = clean(text)
        result.encode("utf-8")
        assert not FORBIDDEN.search(result)
        assert "\r" not in result
        assert clean(result) == result

    def test_clean_data_reaches_keys_and_lists(self):
        """Cleaning JSON-like data cleans keys, lists and nested values; numbers stay."""
        assert clean_data({"a\x00": ["b\x01", {"c": "d\ud800"}, 1, None]}) == {
            "a": ["b", {"c": f"d{REPLACEMENT}"}, 1, None]
        }

    def test_surrogates_become_json_escapes(self):
        """In eventprogram's JSON a lone surrogate is its escape: encodable, read back the same."""
        text = escape_surrogates(json.dumps({"t": "a\ud800b"}, ensure_ascii=False))
        assert json.loads(text.encode("utf-8")) == {"t": "a\ud800b"}


@pytest.fixture(scope="module")
def outputs(example_dir) -> dict[str, bytes]:
    """The example with the hostile text in every text field, in every format."""
    programme = fill(ep.load(example_dir), lambda: HOSTILE_TEXT, lambda: "https://example.org/")
    return render_all(programme)


class TestEveryFormat:
    @pytest.mark.parametrize("name", ["html", "markdown", "ical", "frab-xml", "c3voc-json"])
    def test_nothing_forbidden_reaches_the_output(self, outputs, name):
        """No control character, surrogate or noncharacter is in the bytes of any format."""
        text = outputs[name].decode("utf-8")
        assert not FORBIDDEN.search(text), sorted(set(FORBIDDEN.findall(text)))
        assert "Anfang" in text
        assert "rot" in text
        assert "Ende" in text

    def test_html_json_ld_values_are_clean(self, outputs):
        """The JSON-LD holds no control character even as a JSON escape such as ``\\u0000``."""
        html = outputs["html"].decode("utf-8")
        script = html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
        assert not re.search(r"\\u00[01][0-9a-fA-F]|\\u007[fF]|\\u00[89][0-9a-fA-F]", script)
        assert not FORBIDDEN.search(json.dumps(json.loads(script), ensure_ascii=False))

    def test_calendar_reads_with_the_strict_parser(self, outputs):
        """The strict ``ical`` parser reads the whole calendar, and the text keeps its lines."""
        calendar = IcsCalendarStream.calendar_from_ics(outputs["ical"].decode("utf-8"))
        assert calendar.events
        summary = calendar.events[0].summary or ""
        assert summary.startswith("AnfangNUL[31mrot[0mDELC1\ufffdSurrogat")

    def test_calendar_keeps_line_breaks_of_descriptions(self, outputs):
        """CR LF and CR in a description are line breaks in the calendar, not removed."""
        calendar = icalendar.Calendar.from_ical(outputs["ical"])
        descriptions = [
            str(e["DESCRIPTION"]) for e in calendar.walk("VEVENT") if "DESCRIPTION" in e
        ]
        assert any("Ende\nZeile 2\nZeile 3\tTab" in d for d in descriptions)

    def test_xml_is_well_formed(self, outputs):
        """schedule.xml parses, and the hostile titles are there, cleaned."""
        root = ET.fromstring(outputs["frab-xml"])  # noqa: S314 -- our own output
        titles = [e.text or "" for e in root.iter("title")]
        assert any(t.startswith("AnfangNUL") for t in titles)

    def test_schedule_json_loads(self, outputs):
        """schedule.json parses as JSON and its strings hold no control character."""
        data = json.loads(outputs["c3voc-json"])
        assert not FORBIDDEN.search(json.dumps(data, ensure_ascii=False))

    def test_eventprogram_json_keeps_everything(self, outputs):
        """eventprogram's own JSON is lossless: it encodes, and reads back the hostile text."""
        data = json.loads(outputs["json"])
        assert data["title"] == HOSTILE_TEXT

    def test_urls_unharmed(self, outputs):
        """Cleaning text leaves the links alone: the good URL is still linked."""
        assert "https://example.org/" in urls_in("html", outputs["html"])
        assert "https://example.org/" in urls_in("markdown", outputs["markdown"])

    def test_markdown_line_stays_one_line(self, outputs):
        """A CR inside a one-line text (a heading) does not end the Markdown line."""
        markdown = outputs["markdown"].decode("utf-8")
        (heading,) = [line for line in markdown.splitlines() if line.startswith("# ")]
        assert "Ende Zeile 2 Zeile 3" in heading
