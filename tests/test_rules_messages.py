"""Every built-in rule speaks German and English: both present, different, each in its language.

Each rule is triggered by a small programme of its own; its finding's German
message and hint must read as German, the English ones as English, and neither
may stand in for the other.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import pytest

import eventprogram as ep
from eventprogram import Contribution, Day, Programme, Room, Session, Slot
from eventprogram.rules import available

D = dt.date(2025, 5, 15)
SPRING, AUTUMN = dt.date(2025, 3, 30), dt.date(2025, 10, 26)

# Words that only one of the two languages uses, as the messages and hints use them
# (words both use, such as "Person", "Slots" or "parallel", are in neither list).
ENGLISH_ONLY = frozenset(
    [
        "the",
        "is",
        "and",
        "not",
        "has",
        "have",
        "at",
        "once",
        "no",
        "ends",
        "starts",
        "overlaps",
        "holds",
        "listed",
        "twice",
        "day",
        "given",
        "does",
        "exist",
        "happens",
        "first",
        "meant",
        "nothing",
        "planned",
        "between",
        "until",
        "from",
        "inside",
        "falls",
        "its",
        "room",
        "give",
        "take",
        "set",
        "leave",
        "move",
        "check",
        "add",
        "list",
        "choose",
        "mend",
        "make",
        "remove",
        "did",
        "you",
        "mean",
        "nobody",
        "moderating",
        "role",
        "there",
        "or",
        "both",
        "one",
    ]
)
GERMAN_ONLY = frozenset(
    [
        "ist",
        "und",
        "nicht",
        "hat",
        "gibt",
        "es",
        "der",
        "die",
        "das",
        "den",
        "dem",
        "ein",
        "eine",
        "einer",
        "einen",
        "keinen",
        "kein",
        "keine",
        "zweimal",
        "mehrfach",
        "zur",
        "selben",
        "zeit",
        "um",
        "am",
        "nach",
        "vor",
        "liegt",
        "steht",
        "endet",
        "beginnt",
        "überschneidet",
        "sich",
        "raum",
        "niemanden",
        "moderation",
        "zwischen",
        "bis",
        "ab",
        "geplant",
        "oder",
        "nur",
        "jede",
        "darf",
        "als",
        "mit",
        "auf",
        "des",
        "einem",
        "meinten",
        "sie",
        "tag",
        "tage",
        "angeben",
        "setzen",
        "geben",
        "nehmen",
        "wählen",
        "eintragen",
    ]
)
_WORD = re.compile(r"[^\W\d_]+")
# Ids and titles from the programmes below: neither language's words.
_NAMES = frozenset({"vetter", "vettr", "saal", "foyer", "europe", "berlin", "ende"})


def words(text: str) -> set[str]:
    """The lower-case words of *text*, outside quotes and TOML snippets, without known names."""
    unquoted = re.sub(r"'[^']*'|\"[^\"]*\"|\[[^\]]*\]|\b\w+ = ", " ", text)
    return {w.lower() for w in _WORD.findall(unquoted)} - _NAMES


def at(date: dt.date, hhmm: str, *, fold: int = 0) -> dt.datetime:
    return dt.datetime.combine(date, dt.time.fromisoformat(hhmm)).replace(fold=fold)


def slot(id_: str, start: str, end: str | None = None, *, date: dt.date = D, **fields) -> Slot:
    fields.setdefault("kind", "talk")
    return Slot(
        id=id_,
        title=fields.pop("title", id_),
        start=at(date, start),
        end=at(date, end) if end else None,
        **fields,
    )


def programme(*slots: Slot, days: tuple[Day, ...] | None = None, **fields) -> Programme:
    fields.setdefault("people", (ep.Person(id="vetter", family_name="Vetter"),))
    return Programme(
        id="p",
        title="Fachtag",
        timezone="Europe/Berlin",
        venue=ep.Venue(
            name="Lohnhalle",
            city="Bottrop",
            rooms=(Room(id="saal", name="Saal"), Room(id="foyer", name="Foyer")),
        ),
        days=days if days is not None else (Day(date=D, slots=slots),),
        **fields,
    )


MODERATION = (Contribution(person="vetter", roles=("moderation",)),)
INPUT = (Contribution(person="vetter", roles=("input",)),)


def parallel(*sessions: Session) -> Slot:
    return slot("ags", "14:30", "16:00", kind="working-groups", sessions=sessions)


CASES: dict[str, Callable[[], Programme]] = {
    "EP101": lambda: programme(
        slot("a", "10:00", "11:00", people=(Contribution(person="vettr", roles=("input",)),))
    ),
    "EP102": lambda: programme(
        slot("a", "10:00", "11:00"),
        people=(ep.Person(id="vetter", family_name="A"), ep.Person(id="vetter", family_name="B")),
    ),
    "EP201": lambda: programme(slot("a", "10:00", "09:00")),
    "EP202": lambda: programme(slot("a", "10:00", "11:00"), slot("b", "10:30", "11:30")),
    "EP203": lambda: programme(
        slot(
            "a",
            "10:00",
            "11:00",
            sessions=(Session(id="x", title="x", start=at(D, "10:00"), end=at(D, "11:30")),),
        )
    ),
    "EP204": lambda: programme(slot("a", "10:00", "11:00", date=D + dt.timedelta(days=2))),
    "EP205": lambda: programme(
        days=(
            Day(date=D, slots=(slot("a", "10:00", "11:00"),)),
            Day(date=D, slots=(slot("b", "12:00", "13:00"),)),
        )
    ),
    "EP206": lambda: programme(days=(Day(date=D),)),
    "EP207": lambda: programme(
        slot("ende", "10:00", kind="end", title="Ende"), slot("a", "11:00", "12:00")
    ),
    "EP208": lambda: programme(slot("a", "10:00")),
    "EP301": lambda: programme(
        parallel(
            Session(id="x", title="x", room="saal", people=MODERATION),
            Session(id="y", title="y", room="foyer", people=MODERATION),
        )
    ),
    "EP302": lambda: programme(slot("a", "10:00", "11:00", people=INPUT + MODERATION)),
    "EP401": lambda: programme(
        parallel(
            Session(id="x", title="x", room="saal", people=MODERATION),
            Session(id="y", title="y", room="saal"),
        )
    ),
    "EP402": lambda: programme(
        parallel(Session(id="x", title="x"), Session(id="y", title="y")),
    ),
    "EP403": lambda: programme(
        slot(
            "ags",
            "14:30",
            "16:00",
            kind="working-groups",
            groups=3,
            sessions=(Session(id="x", title="x"), Session(id="y", title="y")),
        )
    ),
    "EP501": lambda: programme(
        parallel(
            Session(id="x", title="x", room="saal", people=INPUT),
            Session(id="y", title="y", room="foyer"),
        )
    ),
    "EP601": lambda: programme(
        days=(Day(date=SPRING, slots=(slot("a", "02:30", "04:00", date=SPRING),)),)
    ),
    "EP602": lambda: programme(
        days=(Day(date=AUTUMN, slots=(slot("a", "01:30", "02:30", date=AUTUMN),)),)
    ),
    "EP701": lambda: programme(slot("a", "10:00", "10:30"), slot("b", "11:00", "12:00")),
    "EP801": lambda: programme(
        slot("a", "10:00", "11:00", room="saal", provisions=(ep.Offer(provision="step-free"),))
    ),
    "EP802": lambda: programme(
        slot(
            "a",
            "10:00",
            "11:30",
            room="saal",
            provisions=(ep.Offer(provision="sign-language"),),
            people=(Contribution(person="vetter", roles=("sign-language-interpreting",)),),
        )
    ),
    "EP803": lambda: programme(
        slot("a", "10:00", "11:00", provisions=(ep.Offer(provision="captioning"),))
    ),
}

RULES = sorted(available().values(), key=lambda r: r.code)


def test_every_builtin_rule_has_a_case():
    """Each installed built-in rule (code EP…) is triggered below, so none goes untested."""
    assert sorted(r.code for r in RULES if r.code.startswith("EP")) == sorted(CASES)


@pytest.mark.parametrize("rule", [r for r in RULES if r.code in CASES], ids=lambda r: r.code)
class TestBothLanguages:
    """Checks on the finding each rule gives for its case."""

    def finding(self, rule: ep.rules.Rule) -> ep.Finding:
        findings = list(ep.validate(CASES[rule.code](), rules=[rule]).findings)
        assert findings, f"{rule.code} found nothing in its case"
        return findings[0]

    def test_message_in_both_languages(self, rule):
        """The German and the English message are both there and are not the same text."""
        finding = self.finding(rule)
        assert finding.message_de.strip()
        assert finding.message_en.strip()
        assert finding.message_de != finding.message_en
        assert finding.message("de") == finding.message_de
        assert finding.message("en") == finding.message_en

    def test_message_reads_in_its_language(self, rule):
        """The German message has German words and no English ones, and the other way round."""
        finding = self.finding(rule)
        de, en = words(finding.message_de), words(finding.message_en)
        assert de & GERMAN_ONLY, finding.message_de
        assert not de & ENGLISH_ONLY, finding.message_de
        assert en & ENGLISH_ONLY, finding.message_en
        assert not en & GERMAN_ONLY, finding.message_en

    def test_hint_in_both_languages(self, rule):
        """Each finding has a hint in German and in English, different, each in its language."""
        finding = self.finding(rule)
        assert finding.hint_de
        assert finding.hint_en
        assert finding.hint_de != finding.hint_en
        de, en = words(finding.hint_de), words(finding.hint_en)
        assert de & GERMAN_ONLY, finding.hint_de
        assert not de & ENGLISH_ONLY, finding.hint_de
        assert en & ENGLISH_ONLY, finding.hint_en
        assert not en & GERMAN_ONLY, finding.hint_en

    def test_summary_in_both_languages(self, rule):
        """The rule's summary, as listed by `eventprogram rules`, is German and English too."""
        de, en = words(rule.summary_de), words(rule.summary_en)
        assert rule.summary_de != rule.summary_en
        assert de & GERMAN_ONLY, rule.summary_de
        assert en & ENGLISH_ONLY, rule.summary_en
