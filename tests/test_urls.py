"""The one URL policy (``eventprogram._urls``) and its use by every format.

Only ``http``, ``https`` and ``mailto`` URLs that the browser and Python read alike reach any
output as a link or URL property; they are written in the form the browser would go to.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import eventprogram as ep
from eventprogram._cli import main
from eventprogram._urls import link_text, safe_url, web_address
from untrusted import FORMATS, fill, render_all, urls_in

HOSTILE_URLS = {
    "javascript": "javascript:alert(1)",
    "mixed case": "JaVaScRiPt:alert(1)",
    "leading blank": " javascript:alert(1)",
    "tab inside": "java\tscript:alert(1)",
    "line break inside": "java\nscript:alert(1)",
    "NUL inside": "java\x00script:alert(1)",
    "vbscript": "vbscript:msgbox(1)",
    "data html": "data:text/html,<script>alert(1)</script>",
    "data base64": "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "file": "file:///etc/passwd",
    "ftp": "ftp://example.org/",
    "backslash before @": "https://attacker.example\\@bank.example/",
    "backslashes for slashes": "https:\\\\attacker.example\\",
    "backslash in path": "https://bank.example/a\\..\\b",
    "userinfo": "https://user:pw@bank.example",
    "user only": "https://bank.example@attacker.example/",
    "line break in host": "https://bank.example\nInjected",
    "CR LF in path": "https://bank.example/a\r\nSet-Cookie: x=1",
    "unclosed IPv6": "http://[::1",
    "IPv6": "http://[::1]/",
    "empty": "",
    "blanks": "   ",
    "blank inside": "https://bank.example/a b",
    "no host": "https://",
    "scheme-relative": "//attacker.example/x",
    "relative": "/programm.html",
    "one slash": "https:/attacker.example/",
    "no slash": "https:attacker.example",
    "hex IPv4": "http://0x7f.1/",
    "short IPv4": "http://127.1/",
    "decimal IPv4": "http://2130706433/",
    "percent in host": "https://attacker%2eexample/",
    "bad percent": "https://bank.example/%zz",
    "two fragments": "https://bank.example/#a#b",
    "quote": 'https://bank.example/"onmouseover="alert(1)',
    "angle brackets": "https://bank.example/<script>",
    "port out of range": "https://bank.example:99999/",
    "port not a number": "https://bank.example:8o/",
    "very long": "https://bank.example/" + "a" * 5000,
    "zero-width joiner host": "https://ba\u200dnk.example/",
    "right-to-left override": "https://bank.example/\u202egnp.exe",
    "sharp s host": "https://straße.example/",
    "mailto without address": "mailto:",
    "mailto slashes": "mailto://attacker.example",
}
"""URLs that must never become a link or URL property, by what makes them hostile."""

STORABLE_HOSTILE_URLS = {name: url for name, url in HOSTILE_URLS.items() if url.strip()}
"""Those the model can hold (it refuses blank text itself)."""

GOOD_URLS = {
    "https://example.org/programm/tag-1?sprache=de&x=1#entschluss": (
        "https://example.org/programm/tag-1?sprache=de&x=1#entschluss"
    ),
    "http://example.org:8080/": "http://example.org:8080/",
    "mailto:info@example.org": "mailto:info@example.org",
    "mailto:info@example.org?subject=Programm": "mailto:info@example.org?subject=Programm",
    "HTTPS://Example.ORG:443/Pfad": "https://example.org/Pfad",
    "http://example.org:80/": "http://example.org/",
    "https://bücher.example/straße?q=ä": "https://xn--bcher-kva.example/stra%C3%9Fe?q=%C3%A4",
    "https://ｅｘａｍｐｌｅ.org/": "https://example.org/",
    "https://192.0.2.1/": "https://192.0.2.1/",
    "https://example.org/a%20b": "https://example.org/a%20b",
    "  https://example.org/\n": "https://example.org/",
}
"""URLs that stay links, each with the form every format writes."""


class TestPolicy:
    @pytest.mark.parametrize("url", HOSTILE_URLS.values(), ids=HOSTILE_URLS.keys())
    def test_hostile_urls_are_refused(self, url):
        """Every hostile URL of the table is refused by the policy, for web pages and links."""
        assert safe_url(url) is None
        assert web_address(url) is None

    @pytest.mark.parametrize("url", list(GOOD_URLS), ids=list(GOOD_URLS))
    def test_good_urls_are_normalised(self, url):
        """Good URLs are kept, in the form the browser would go to."""
        assert safe_url(url) == GOOD_URLS[url]

    def test_none_is_refused(self):
        """A missing URL is no URL."""
        assert safe_url(None) is None

    @pytest.mark.parametrize(
        "url",
        [
            "https://example.org/\x80",  # a C1 control character
            "https://example.org/\ud800",  # a lone surrogate
            "https://example.org/\ue000",  # a private-use character
            "https://example.org/\u0378",  # an unassigned code point
            "\u00a0https://example.org/",  # a no-break space, which browsers do not strip
            "mailto:?subject=Programm",  # a mail with no address
        ],
        ids=["C1 control", "lone surrogate", "private use", "unassigned", "NBSP", "no address"],
    )
    def test_refused_beyond_ascii(self, url):
        """Characters outside ASCII that no address holds, and a mail to nobody, are refused."""
        assert safe_url(url) is None

    def test_limits_are_inclusive(self):
        """The longest URL (2,048), host (253) and port (65535) are kept; one more is refused."""
        path = "https://example.org/"
        assert safe_url(path + "a" * (2048 - len(path))) is not None
        assert safe_url(path + "a" * (2049 - len(path))) is None
        host = ".".join(["a" * 63] * 3 + ["a" * 61])
        assert len(host) == 253
        assert safe_url(f"https://{host}/") == f"https://{host}/"
        assert safe_url(f"https://{host}a/") is None
        assert safe_url("http://example.org:65535/") == "http://example.org:65535/"
        assert safe_url("http://example.org:65536/") is None

    def test_letters_of_the_url_are_kept(self):
        """Upper-case letters in host and path are no delimiters, and none is trimmed."""
        assert safe_url("https://EXAMPLE.org/Programm-X") == "https://example.org/Programm-X"

    def test_mailto_is_no_web_address(self):
        """``mailto:`` may be linked, but is no page: not an iCal URL or a schedule's url."""
        assert safe_url("mailto:info@example.org") == "mailto:info@example.org"
        assert web_address("mailto:info@example.org") is None
        assert web_address("https://example.org/") == "https://example.org/"

    @pytest.mark.parametrize(
        ("url", "text"),
        [
            ("https://media.ccc.de/v/x", "media.ccc.de"),
            ("https://example.org:8080/x", "example.org"),
            ("https://xn--bcher-kva.example/", "xn--bcher-kva.example"),
            ("mailto:info@example.org?subject=x", "info@example.org"),
            ("mailto:info@example.org", "info@example.org"),
            ("https://example.org/go?to=https://attacker.example/", "example.org"),
        ],
    )
    def test_link_text_is_the_host(self, url, text):
        """An untitled link is named by the host it goes to, punycode shown as punycode."""
        assert link_text(url) == text

    @given(st.text(alphabet="hHtTpPsS:/\\@.%[]#?a1 \t\n\x00ä\u200d", max_size=30))
    def test_accepted_urls_agree_with_urllib(self, text):
        """What the policy accepts, urllib reads with the host the link names, and it is final."""
        url = safe_url(text)
        if url is None:
            return
        assert safe_url(url) == url
        parts = urlsplit(url)
        assert parts.scheme in {"http", "https", "mailto"}
        if parts.scheme != "mailto":
            assert parts.hostname == link_text(url)
            assert "@" not in parts.netloc
        assert url.isascii()
        assert url.isprintable()
        assert not set(url) & set('\\"<> `')


@pytest.fixture(scope="module")
def example(example_dir) -> ep.Programme:
    return ep.load(example_dir)


class TestEveryFormat:
    @pytest.mark.parametrize(
        "url", STORABLE_HOSTILE_URLS.values(), ids=STORABLE_HOSTILE_URLS.keys()
    )
    def test_hostile_url_is_no_url_anywhere(self, example, url):
        """A hostile URL in every URL field is a link or URL property in no format."""
        outputs = render_all(fill(example, lambda: "Text", lambda: url))
        for name in FORMATS:
            if name == "json":  # eventprogram's own JSON keeps the programme's data as data
                continue
            assert urls_in(name, outputs[name]) == [], name

    @pytest.mark.parametrize(
        "url", ["javascript:alert(1)", "https://attacker.example\\@bank.example/"]
    )
    def test_hostile_url_absent_from_schedules_and_calendar_urls(self, example, url):
        """schedule.xml and schedule.json hold nothing of a refused URL, not even as text."""
        outputs = render_all(fill(example, lambda: "Text", lambda: url))
        for name in ("frab-xml", "c3voc-json"):
            assert b"javascript" not in outputs[name], name
            assert b"attacker.example" not in outputs[name], name
            assert b"bank.example" not in outputs[name], name

    def test_javascript_programme_url_is_no_event_url(self, example):
        """A ``javascript:`` programme URL no longer becomes every calendar event's URL."""
        programme = attrs.evolve(example, url="javascript:alert(1)")
        calendar = render_all(programme)["ical"]
        assert b"URL" not in calendar.replace(b"X-WR-", b"").split(b"BEGIN:VEVENT", 1)[1]
        assert urls_in("ical", calendar) == []

    @pytest.mark.parametrize("url", list(GOOD_URLS), ids=list(GOOD_URLS))
    def test_good_url_is_a_link_everywhere(self, example, url):
        """A good URL is a link in every format that links, in its normalised form only."""
        expected = GOOD_URLS[url]
        outputs = render_all(fill(example, lambda: "Text", lambda: url))
        for name in ("html", "markdown", "frab-xml", "c3voc-json"):
            found = urls_in(name, outputs[name])
            assert found, name
            base = expected.split("#", 1)[0]
            assert all(u == expected or u.startswith(f"{base}#") for u in found), (name, found)
        calendar = urls_in("ical", outputs["ical"])
        if expected.startswith("mailto:"):
            assert calendar == []
        else:
            assert calendar
            assert all(
                u == expected or u.startswith(f"{expected.split('#')[0]}#") for u in calendar
            )

    def test_every_emitted_url_is_final(self, example):
        """Whatever URL any format writes is one the policy accepts unchanged."""
        urls = iter(list(GOOD_URLS) * 100)
        outputs = render_all(fill(example, lambda: "Text", lambda: next(urls)))
        for name in FORMATS:
            if name == "json":
                continue
            for url in urls_in(name, outputs[name]):
                assert safe_url(url) == url, (name, url)

    def test_page_anchor_of_a_programme_url_with_a_fragment(self, example):
        """An event's URL made from the programme's keeps one ``#``: the event's id."""
        programme = fill(example, lambda: "Text", lambda: "https://example.org/p#alt")
        programme = attrs.evolve(
            programme,
            days=tuple(
                attrs.evolve(
                    day,
                    slots=tuple(
                        attrs.evolve(
                            slot,
                            url=None,
                            sessions=tuple(attrs.evolve(s, url=None) for s in slot.sessions),
                        )
                        for slot in day.slots
                    ),
                )
                for day in programme.days
            ),
        )
        outputs = render_all(programme)
        for name in ("ical", "html"):
            anchored = [u for u in urls_in(name, outputs[name]) if u != "https://example.org/p#alt"]
            assert anchored, name
            assert all(u.count("#") == 1 and "#alt" not in u for u in anchored), (name, anchored)

    def test_refused_link_text_stays_inert_text(self, example):
        """A refused link still shows as text in HTML and Markdown, so nothing is lost silently."""
        outputs = render_all(fill(example, lambda: "Text", lambda: "ftp://example.org/datei"))
        assert b"ftp://example.org/datei" in outputs["html"]
        assert b"ftp://example.org/datei" in outputs["markdown"]
        assert urls_in("html", outputs["html"]) == []


class TestCommandLine:
    @pytest.mark.parametrize("name", FORMATS)
    def test_line_break_in_urls_builds(self, example, tmp_path, name):
        """``eventprogram build`` with a line break in every URL writes each format, no traceback.

        Before the policy the programme URL, with ``#id`` added, reached icalendar's URI type,
        which raised ``ValueError`` for the calendar and for the HTML page that embeds it.
        """
        programme = fill(example, lambda: "Text", lambda: "https://example.org/\nInjected")
        source = tmp_path / "programme.json"
        source.write_text(ep.dumps(programme), encoding="utf-8")
        assert main(["build", str(source), "-o", str(tmp_path / "out"), "-f", name]) == 0
        (written,) = (tmp_path / "out").iterdir()
        if name != "json":
            assert urls_in(name, written.read_bytes()) == []
