"""A realistic programme of N sessions, the same for the same N: the benchmarks' input.

Run: ``python benchmarks/generate.py N [-o FILE ...] [--seed SEED]``: TOML to standard
output, or to each file named, as TOML or JSON by its suffix (``.json``).

The programme is a congress, as a large one looks in the organisers' TOML:

- ``ceil(N / 1,500)`` days (at least one), from Monday 14 September 2026, in Berlin;
- each day: arrival, a welcome and a keynote in the great hall, then blocks of
  parallel sessions in up to 60 rooms (one slot of kind ``parallel`` per block), with
  coffee breaks, lunch, dinner, and an end marker; a day of 1,500 sessions in 60
  rooms runs until about 01:30, as a congress's night programme does (2,000 a day
  would run past 05:00, and the night counts to the day only until 06:00);
- in each room of a block: talks one after the other, each moderated by the room's
  chair; or a panel (Podium: three or four on the panel, one moderating); or a
  workshop whose Kleingruppen (2 to 4 sub-sessions) each have a moderator;
- people in many sessions and in several roles (keynote, input, moderation, panel,
  speaker, welcome, a role of the programme's own), a few of them prominent and in
  dozens; honorifics (``Prof. Dr.``), functions and organisations;
- German texts with umlauts, ``&`` and quotes; descriptions of a few hundred
  characters; tracks by room, some sessions in English, links to slides.

A *session* here is what one can attend: the welcome, each keynote, each talk, panel,
workshop and Kleingruppe. Breaks, end markers and the slot that holds a block of
parallel sessions are not counted; the programme has exactly N sessions.

Nobody is in two places at once and no room holds two things at once, so the
programme validates without errors. It has warnings by design: about one parallel
session in a hundred has no moderator (EP501, ``no-moderation``), as in a real
programme that is not finished. Everything comes from one seeded
:class:`random.Random`; nothing reads the clock.

The TOML is written as an organiser writes it: times as ``"10:30"`` on their day
(a full date-time only after midnight), empty fields left out. The JSON is
eventprogram's canonical JSON (:func:`eventprogram.dumps`).
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import itertools
import json
import math
import random
import sys
from collections import defaultdict
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import eventprogram as ep

SEED = 13
"""The default seed: the issue that asked for this generator."""
PER_DAY = 1500
"""Sessions per day; a programme of N sessions has ``ceil(N / PER_DAY)`` days."""
MOST_ROOMS = 60
"""The most rooms a block of parallel sessions uses."""
FIRST_DAY = dt.date(2026, 9, 14)
BLOCK = dt.timedelta(minutes=120)
TALK_MINUTES = (10, 15, 20, 20, 25, 30, 30, 40)
WITHOUT_MODERATION = 0.01
"""The share of parallel sessions without a moderator: the EP501 warnings."""

GIVEN_NAMES = (
    "Jürgen", "Günther", "Björn", "Özlem", "Ümit", "Käthe", "Sören", "Jörg", "Bärbel",
    "Anna", "Lena", "Mehmet", "Aylin", "Thomas", "Sabine", "Claudia", "Stefan", "Michael",
    "Ines", "Katrin", "Matthias", "Andreas", "Susanne", "Petra", "Fatma", "Hüseyin",
    "Małgorzata", "Zoë", "René", "Renée", "Dominik", "Franziska", "Lea-Sophie", "Jan-Hendrik",
    "Ute", "Christoph", "Gabi", "Heike", "Maximilian", "Doğan",
)  # fmt: skip
FAMILY_NAMES = (
    "Müller", "Schäfer", "Krüger", "Weiß", "Groß", "Jäger", "Köhler", "Böhm", "Fuß",
    "Hoffmann", "Schmitz", "Çelik", "Yılmaz", "Nowak", "Dąbrowski", "Wagner", "Becker",
    "Schulze-Höing", "von der Lühe", "Meißner", "Strauß", "Lütkehölter", "Hübner", "Kühn",
    "Özdemir", "Klammer", "Gille", "Zörner", "Altenstädter", "Brüggemann", "Dagefört",
    "Nitzsche", "Stockhoff", "Bartling", "Heidmeier", "Withake", "Kaya", "Şahin", "Pöppel",
    "Quandt",
)  # fmt: skip
HONORIFICS = (None,) * 10 + ("Dr.",) * 3 + ("Prof. Dr.",) * 2 + ("Prof.", "Dr. med.", "Dr.-Ing.")
FUNCTIONS = (
    "Staatssekretärin", "Staatssekretär", "Ministerialdirigentin", "Referatsleiter",
    "Geschäftsführerin", "Geschäftsführer", "Sozialplanerin", "Sozialplaner",
    "wissenschaftliche Mitarbeiterin", "wissenschaftlicher Mitarbeiter", "Beigeordnete",
    "Bürgermeister", "Abteilungsleiterin", "Projektleiter", "Quartiersmanagerin",
    "Chief Digital Officer", "Professorin für Soziale Arbeit", "Vorstand",
    "Referentin für Grundsatzfragen", "Leiter des Jugendamts",
)  # fmt: skip
ORGANISATION_KINDS = (
    ("Ministerium für Arbeit, Gesundheit und Soziales", "MAGS"),
    ("Landschaftsverband", "LV"),
    ("Stadt", None),
    ("Kreis", None),
    ("Hochschule für Soziale Arbeit & Gesundheit", "HSAG"),
    ("Universität", "Uni"),
    ("Institut für Stadt- und Regionalentwicklung", "ISR"),
    ("Diakonisches Werk", None),
    ("Caritasverband", None),
    ("Paritätischer Wohlfahrtsverband", "Der Paritätische"),
    ("Arbeiterwohlfahrt Bezirksverband", "AWO"),
    ("Jobcenter", None),
    ("Gesellschaft für Innovation und Beratung", "G.I.B."),
    ("Forschungsverbund Daseinsvorsorge", "FoDa"),
)
PLACES = (
    "Düsseldorf", "Köln", "Münster", "Essen", "Bottrop", "Gelsenkirchen", "Mönchengladbach",
    "Lüdenscheid", "Gütersloh", "Bünde", "Höxter", "Lünen", "Mülheim an der Ruhr", "Wülfrath",
    "Würselen", "Lörrach", "Fürth", "Görlitz", "Jülich", "Tübingen",
)  # fmt: skip
TRACKS = (
    "Armut & Teilhabe", "Wohnen und Quartier", "Kinder- und Jugendhilfe", "Pflege & Gesundheit",
    "Digitalisierung der Verwaltung", "Arbeit und Qualifizierung", "Migration und Integration",
    "Sozialplanung und Steuerung", "Bildung im Lebenslauf", "Klima, Energie & Gerechtigkeit",
    "Ehrenamt und Engagement", "Daten, Evidenz und Berichterstattung",
)  # fmt: skip
TOPICS = (
    "Quartiersentwicklung", "Sozialberichterstattung", "Kinderarmut", "Wohnungslosenhilfe",
    "Pflegeplanung", "Übergänge von der Schule in den Beruf", "Beteiligung älterer Menschen",
    "Integrierte Sozialplanung", "Frühe Hilfen", "Gemeinwesenarbeit", "Energiearmut",
    "Inklusion in der Kommune", "Housing First", "Digitale Teilhabe", "Familienzentren",
    "Einsamkeit im Alter", "Fachkräftegewinnung", "Bürgergeld und Beratung", "Kältehilfe",
    "Sozialräumliche Steuerung", "Wirkungsorientierung", "Schuldnerberatung",
)  # fmt: skip
ASPECTS = (
    "Wie gelingt Beteiligung vor Ort?", "Erfahrungen aus fünf Jahren Praxis",
    "Daten, Befunde und offene Fragen", "Was Kommunen voneinander lernen können",
    "zwischen Anspruch & Wirklichkeit", "„Gute Praxis“ aus Stadt und Land",
    "ein Werkstattbericht", "Steuerung über Grenzen von Ämtern hinweg",
    "Förderprogramme klug verknüpfen", 'Was heißt eigentlich "Sozialraum"?',
    "neue Wege in der Zusammenarbeit", "Perspektiven für die nächsten zehn Jahre",
    "Chancen und Risiken künstlicher Intelligenz", "Prävention statt Reparatur",
)  # fmt: skip
ENGLISH_TITLES = (
    "Social planning in European cities", "Evidence for local social policy",
    "Housing First: lessons from Finland", "Data protection & open data in the welfare state",
    "Participation that works", "Measuring what matters",
)  # fmt: skip
SENTENCES = (
    (
        "Die Kommunen stehen vor der Aufgabe, soziale Dienste über Ämtergrenzen hinweg zu planen"
        " und dabei die Menschen im Quartier früh zu beteiligen."
    ),
    (
        "Im Mittelpunkt steht die Frage, welche Daten für eine wirkungsorientierte Steuerung"
        " wirklich gebraucht werden und wer über sie verfügt."
    ),
    (
        "Die Referentinnen und Referenten berichten aus Städten, Kreisen und Gemeinden,"
        " in denen neue Formen der Zusammenarbeit erprobt wurden."
    ),
    (
        "Dabei geht es auch um Schwierigkeiten: fehlende Fachkräfte, knappe Haushalte und"
        " Förderlogiken, die nicht zueinander passen."
    ),
    (
        "Gemeinsam mit dem Publikum wird diskutiert, was sich übertragen lässt und wo"
        " Länder und Bund gefordert sind."
    ),
    (
        "Ein Schwerpunkt liegt auf älteren Menschen, Familien mit kleinen Kindern und"
        " Jugendlichen am Übergang von der Schule in Ausbildung & Beruf."
    ),
    (
        "Die Ergebnisse einer Befragung von über 400 Kommunen werden vorgestellt und"
        " mit Erfahrungen aus der Praxis gespiegelt."
    ),
    (
        "Zum Abschluss werden konkrete nächste Schritte für die Sozialplanung vor Ort"
        " verabredet – mit Zuständigkeiten und einem Zeitplan."
    ),
    (
        "Die Teilnehmenden sind eingeladen, eigene Fragen und Beispiele mitzubringen;"
        " Vorkenntnisse sind nicht nötig."
    ),
    (
        "Grundlage ist der „Leitfaden Sozialplanung“, der im Frühjahr in überarbeiteter"
        " Fassung erschienen ist."
    ),
    (
        "Barrierefreiheit, Mehrsprachigkeit und digitale Zugänge werden dabei nicht als"
        " Zusatz verstanden, sondern als Grundbedingung guter Planung."
    ),
    (
        "Gezeigt wird außerdem, wie Verwaltung, Wohlfahrtsverbände und Zivilgesellschaft"
        " ihre Angebote in einem gemeinsamen Sozialatlas sichtbar machen."
    ),
)
ENGLISH_SENTENCES = (
    "Cities across Europe plan social services with the people they serve.",
    "The session compares approaches from Vienna, Helsinki and Rotterdam.",
    "Speakers share data, methods and what went wrong along the way.",
    "The discussion is held in English; questions in German are welcome.",
)


def sessions_per_day(n: int) -> list[int]:
    """How many of *n* sessions each day holds: ``ceil(n / PER_DAY)`` days, as even as can be."""
    days = max(1, math.ceil(n / PER_DAY))
    return [n // days + (1 if d < n % days else 0) for d in range(days)]


def room_count(n: int) -> int:
    """How many rooms a programme of *n* sessions uses: about 24 sessions per room and day."""
    return min(MOST_ROOMS, max(4, math.ceil(max(sessions_per_day(n)) / 24)))


def _slug(text: str) -> str:
    table = str.maketrans(
        {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "ae", "Ö": "oe", "Ü": "ue"}
        | dict(zip("łąıışçğéëęń", "laiiscgeeen", strict=True))
    )
    text = text.translate(table).lower()
    slug = "".join(c if c.isascii() and c.isalnum() else "-" for c in text)
    return "-".join(part for part in slug.split("-") if part)


class _Busy:
    """When each person and room is taken, so that nobody is in two places at once."""

    def __init__(self) -> None:
        self._taken: dict[str, list[tuple[dt.datetime, dt.datetime]]] = defaultdict(list)

    def free(self, key: str, start: dt.datetime, end: dt.datetime) -> bool:
        return all(end <= s or e <= start for s, e in self._taken[key])

    def take(self, key: str, start: dt.datetime, end: dt.datetime) -> None:
        self._taken[key].append((start, end))


class _Generator:
    def __init__(self, n: int, seed: int) -> None:
        self.n = n
        self.random = random.Random(seed)  # noqa: S311 -- reproducible data, not secrets
        self.busy = _Busy()
        self.rooms = room_count(n)
        self.organisations = self._organisations(max(6, n // 40))
        self.people = self._people(max(24, n // 4))
        # A few people are in dozens of sessions: weights fall off like 1 / rank.
        self._weights = list(
            itertools.accumulate(1 / (rank + 3) for rank in range(len(self.people)))
        )
        self._ids = [p.id for p in self.people]

    def _organisations(self, count: int) -> list[ep.Organisation]:
        found = []
        for i in range(count):
            name, short = self.random.choice(ORGANISATION_KINDS)
            place = self.random.choice(PLACES)
            found.append(
                ep.Organisation(
                    id=f"org{i}-{_slug(place)}",
                    name=f"{name} {place}",
                    short_name=short,
                    url=f"https://www.{_slug(place)}.example.org/" if i % 3 == 0 else None,
                )
            )
        return found

    def _people(self, count: int) -> list[ep.Person]:
        people = []
        for i in range(count):
            given = self.random.choice(GIVEN_NAMES)
            family = self.random.choice(FAMILY_NAMES)
            people.append(
                ep.Person(
                    id=f"{_slug(family)}-{_slug(given)}-{i}",
                    honorific=self.random.choice(HONORIFICS),
                    given_name=given,
                    family_name=family,
                    function=self.random.choice(FUNCTIONS) if self.random.random() < 0.7 else None,
                    organisation=(
                        self.random.choice(self.organisations).id
                        if self.random.random() < 0.85
                        else None
                    ),
                )
            )
        return people

    def person(self, start: dt.datetime, end: dt.datetime, taken: set[str]) -> str:
        """Someone free from *start* to *end* and not in *taken*; they are then busy."""
        for _ in range(40):
            (candidate,) = self.random.choices(self._ids, cum_weights=self._weights)
            if candidate not in taken and self.busy.free(candidate, start, end):
                break
        else:  # the prominent are all busy: take the first free one
            candidate = next(
                p for p in self._ids if p not in taken and self.busy.free(p, start, end)
            )
        self.busy.take(candidate, start, end)
        taken.add(candidate)
        return candidate

    def contributions(
        self, start: dt.datetime, end: dt.datetime, taken: set[str], *roles: tuple[str, ...]
    ) -> tuple[ep.Contribution, ...]:
        return tuple(ep.Contribution(person=self.person(start, end, taken), roles=r) for r in roles)

    def title(self, english: bool) -> str:
        if english:
            return self.random.choice(ENGLISH_TITLES)
        return f"{self.random.choice(TOPICS)}: {self.random.choice(ASPECTS)}"

    def description(self, english: bool) -> str | None:
        if self.random.random() < 0.4:
            return None
        bank = ENGLISH_SENTENCES if english else SENTENCES
        return " ".join(self.random.sample(bank, self.random.randint(2, 4)))

    def extras(self, session_id: str) -> dict[str, Any]:
        """Language, subtitle, URL and links of a session, some of the time."""
        english = self.random.random() < 0.08
        links = ()
        if self.random.random() < 0.15:
            links = (
                ep.Link(
                    url=f"https://programm.example.org/2026/folien/{session_id}.pdf",
                    title="Folien (PDF)",
                ),
            )
        return {
            "language": "en" if english else None,
            "subtitle": self.random.choice(ASPECTS) if self.random.random() < 0.2 else None,
            "description": self.description(english),
            "url": (
                f"https://programm.example.org/2026/{session_id}"
                if self.random.random() < 0.3
                else None
            ),
            "links": links,
            "english": english,
        }

    def session(
        self,
        session_id: str,
        start: dt.datetime,
        end: dt.datetime,
        people: tuple[ep.Contribution, ...],
        **fields: Any,
    ) -> ep.Session:
        extras = self.extras(session_id)
        english = extras.pop("english")
        return ep.Session(
            id=session_id,
            title=self.title(english),
            start=start,
            end=end,
            people=people,
            **extras,
            **fields,
        )


def _day_slots(gen: _Generator, d: int, quota: int) -> list[ep.Slot]:
    """The slots of day *d*, holding *quota* sessions."""
    date = FIRST_DAY + dt.timedelta(days=d)

    def at(hour: int, minute: int = 0) -> dt.datetime:
        return dt.datetime.combine(date, dt.time(hour, minute))

    left = quota
    slots: list[ep.Slot] = [
        ep.Slot(id=f"d{d}-ankommen", kind="arrival", title="Ankommen und Anmeldung", start=at(8))
    ]
    opening = [
        ("welcome", f"Begrüßung zum {d + 1}. Kongresstag", at(9), at(9, 20),
         (("welcome",), ("host",))),
        ("keynote", "Keynote", at(9, 20), at(10, 15), (("keynote",), ("moderation",))),
    ]  # fmt: skip
    for kind, label, start, end, roles in opening[: min(2, left)]:
        english = gen.random.random() < 0.1
        slots.append(
            ep.Slot(
                id=f"d{d}-{kind}",
                kind=kind,
                title=label if kind == "welcome" else f"{label}: {gen.title(english)}",
                start=start,
                end=end,
                room="saal",
                description=gen.description(english),
                people=gen.contributions(start, end, set(), *roles),
            )
        )
        left -= 1
    day_end = slots[-1].end or at(9)
    start = at(10, 30)
    if left > 0:
        slots.append(
            ep.Slot(id=f"d{d}-kaffee-0", kind="break", title="Kaffeepause", start=at(10, 15))
        )
    block = 0
    while left > 0:
        end = start + BLOCK
        sessions = _block(gen, f"d{d}b{block}", start, left)
        left -= sum(1 for s in sessions for _ in _walk(s))
        slots.append(
            ep.Slot(
                id=f"d{d}b{block}",
                kind="parallel",
                title=f"Parallele Sessions – Block {block + 1}",
                start=start,
                end=end,
                sessions=tuple(sessions),
            )
        )
        pause, title, kind = (
            (60, "Mittagspause", "lunch")
            if block == 1
            else (60, "Abendessen", "lunch")
            if block == 3
            else (20, "Kaffeepause", "break")
        )
        if left > 0:
            slots.append(ep.Slot(id=f"d{d}-pause-{block}", kind=kind, title=title, start=end))
        start = end + dt.timedelta(minutes=pause)
        day_end = end
        block += 1
    slots.append(ep.Slot(id=f"d{d}-ende", kind="end", title="Ende des Tages", start=day_end))
    return slots


def _walk(session: ep.Session) -> Iterator[ep.Session]:
    yield session
    for sub in session.sessions:
        yield from _walk(sub)


def _counted(slot: ep.Slot) -> int:
    """How many sessions *slot* holds, itself included when it is one."""
    if slot.sessions:
        return sum(1 for s in slot.sessions for _ in _walk(s))
    return 0 if slot.kind in {"arrival", "break", "lunch", "end"} else 1


@dataclasses.dataclass(frozen=True)
class _Place:
    """A room in a block of parallel sessions: where and when its sessions are."""

    prefix: str
    room: str
    track: str
    start: dt.datetime
    end: dt.datetime


def _block(gen: _Generator, prefix: str, start: dt.datetime, left: int) -> list[ep.Session]:
    """The parallel sessions of one block, room by room, at most *left* of them."""
    sessions: list[ep.Session] = []
    for r in range(gen.rooms):
        if left <= 0:
            break
        place = _Place(
            prefix=f"{prefix}r{r}",
            room="saal" if r == 0 else f"raum-{r:02d}",
            track=TRACKS[r % len(TRACKS)],
            start=start,
            end=start + BLOCK,
        )
        draw = gen.random.random()
        if draw < 0.1 and left >= 3:
            made = [_workshop(gen, place, left)]
        elif draw < 0.2:
            made = [_panel(gen, place)]
        else:
            made = _talks(gen, place, left)
        left -= sum(1 for session in made for _ in _walk(session))
        sessions.extend(made)
    return sessions


def _moderation(gen: _Generator) -> tuple[tuple[str, ...], ...]:
    return () if gen.random.random() < WITHOUT_MODERATION else (("moderation",),)


def _talks(gen: _Generator, place: _Place, left: int) -> list[ep.Session]:
    """Talks one after the other, each moderated by the room's chair; at most *left*."""
    chair = gen.person(place.start, place.end, set())
    talks: list[ep.Session] = []
    at = place.start
    while len(talks) < left:
        minutes = gen.random.choice(TALK_MINUTES)
        until = at + dt.timedelta(minutes=minutes)
        if until > place.end:
            break
        speakers: list[tuple[str, ...]] = [("speaker",)] * gen.random.choice((1, 1, 1, 2))
        if gen.random.random() < 0.15:
            speakers.append(("input", "kommentar"))
        people = gen.contributions(at, until, {chair}, *speakers)
        if gen.random.random() >= WITHOUT_MODERATION:
            people = (ep.Contribution(person=chair, roles=("moderation",)), *people)
        talks.append(
            gen.session(
                f"{place.prefix}t{len(talks)}",
                at,
                until,
                people,
                kind="lightning" if minutes <= 15 else "talk",
                room=place.room,
                track=place.track,
            )
        )
        at = until
    return talks


def _panel(gen: _Generator, place: _Place) -> ep.Session:
    """A Podium of 60 to 90 minutes: three or four on the panel, one moderating."""
    until = place.start + dt.timedelta(minutes=gen.random.choice((60, 75, 90)))
    roles = (*_moderation(gen), *[("panel",)] * gen.random.choice((3, 4)))
    return gen.session(
        f"{place.prefix}-podium",
        place.start,
        until,
        gen.contributions(place.start, until, set(), *roles),
        kind="panel",
        room=place.room,
        track=place.track,
    )


def _workshop(gen: _Generator, place: _Place, left: int) -> ep.Session:
    """A workshop over the whole block: an input, then 2 to 4 moderated Kleingruppen."""
    start, end = place.start, place.end
    taken: set[str] = set()
    people = gen.contributions(start, end, taken, ("input",))
    groups = min(left - 1, gen.random.choice((2, 3, 4)))
    kleingruppen = tuple(
        gen.session(
            f"{place.prefix}-kg{k + 1}",
            start + dt.timedelta(minutes=30),
            end,
            gen.contributions(start, end, taken, *_moderation(gen)),
            number=k + 1,
        )
        for k in range(groups)
    )
    return gen.session(
        f"{place.prefix}-workshop",
        start,
        end,
        people,
        kind="workshop",
        room=place.room,
        track=place.track,
        sessions=kleingruppen,
    )


def programme(n: int, seed: int = SEED) -> ep.Programme:
    """The programme of *n* sessions (at least 1), always the same for the same *n* and *seed*.

    Raises:
        ValueError: *n* is less than 1.
    """
    if n < 1:
        raise ValueError("a programme needs at least one session")
    gen = _Generator(n, seed)
    days = tuple(
        ep.Day(
            date=FIRST_DAY + dt.timedelta(days=d),
            title=f"Tag {d + 1}",
            slots=tuple(_day_slots(gen, d, quota)),
        )
        for d, quota in enumerate(sessions_per_day(n))
    )
    made = sum(_counted(slot) for day in days for slot in day.slots)
    if made != n:
        raise AssertionError(f"made {made} sessions, not {n}")  # a bug here, not in the input
    rooms = [ep.Room(id="saal", name="Großer Saal „Ruhr“", capacity=2000)]
    rooms += [
        ep.Room(
            id=f"raum-{r:02d}",
            name=f"Raum {PLACES[r % len(PLACES)]} {r // len(PLACES) + 1}.{r:02d}",
            capacity=gen.random.choice((30, 60, 120, 250)),
            description="Ebene 1, barrierefrei über Aufzug C" if r % 7 == 0 else None,
        )
        for r in range(1, gen.rooms)
    ]
    orgs = gen.organisations
    return ep.Programme(
        id="fachkongress-soziale-stadt-2026",
        title="Fachkongress Soziale Stadt 2026 – Teilhabe, Daseinsvorsorge & Digitalisierung",
        subtitle="Kommunen gestalten den sozialen Zusammenhalt",
        description=" ".join(SENTENCES[:5]),
        url="https://programm.example.org/2026/",
        language="de",
        timezone="Europe/Berlin",
        revision=dt.datetime(2026, 8, 1, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=2))),
        version="1.0",
        venue=ep.Venue(
            name="Congress Centrum Ruhr",
            city="Essen",
            street="Messeplatz 1",
            postal_code="45131",
            country="DE",
            rooms=tuple(rooms),
        ),
        organisers=(
            ep.Organiser(organisation=orgs[0].id, role=ep.OrganiserRole.HOST),
            ep.Organiser(organisation=orgs[1].id, role=ep.OrganiserRole.PARTNER),
            ep.Organiser(organisation=orgs[2].id, role=ep.OrganiserRole.SUPPORTER),
        ),
        days=days,
        organisations=tuple(orgs),
        people=tuple(gen.people),
        roles=(ep.Role(id="kommentar", de="Kommentar", en="Commentary"),),
        kinds=(
            ep.Kind(id="workshop", de="Werkstatt", en="Workshop"),
            ep.Kind(id="lightning", de="Kurzvortrag", en="Lightning talk"),
        ),
    )


# --- TOML, as an organiser writes it -------------------------------------------------------

_TIMES = ("start", "end")


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        # JSON's string escapes (\" \\ \n \uXXXX) are TOML's basic-string escapes.
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        inner = ", ".join(f"{k} = {_toml_value(v)}" for k, v in value.items() if _kept(v))
        return "{ " + inner + " }"
    raise TypeError(f"no TOML for {value!r}")


def _kept(value: Any) -> bool:
    return value is not None and value != []


def _is_table_list(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and isinstance(value[0], dict)


_INLINE = frozenset({"people", "links"})
"""Lists of tables written inline: ``people = [{ person = …, roles = […] }]``."""


def _table(
    data: dict[str, Any], path: str, out: list[str], date: str | None, header: str | None
) -> None:
    if header is not None:
        out.append(header)
    subtables = []
    for key, value in data.items():
        if not _kept(value) or key == "format":
            continue
        if key in _TIMES and date is not None and value.startswith(date + "T"):
            value = value[len(date) + 1 : len(date) + 6]  # noqa: PLW2901 -- "10:30" on its day
        if isinstance(value, dict):
            subtables.append((key, value, False))
        elif _is_table_list(value) and not (key in _INLINE and path.startswith("days")):
            subtables.append((key, value, True))
        else:
            out.append(f"{key} = {_toml_value(value)}")
    for key, value, many in subtables:
        name = f"{path}.{key}" if path else key
        if not many:
            _table(value, name, out, date, f"\n[{name}]")
            continue
        for entry in value:
            _table(entry, name, out, entry.get("date", date), f"\n[[{name}]]")


def toml(prog: ep.Programme) -> str:
    """*prog* as an organiser's TOML: empty fields left out, times as ``"10:30"`` on their day."""
    lines = [
        "# Generated by benchmarks/generate.py: a synthetic programme for the benchmarks.",
        "",
    ]
    _table(json.loads(ep.dumps(prog)), "", lines, None, None)
    return "\n".join(lines) + "\n"


def source(n: int, fmt: str = "toml", seed: int = SEED) -> str:
    """The source text of the programme of *n* sessions: ``toml`` or canonical ``json``."""
    return _text(programme(n, seed), fmt)


def _text(prog: ep.Programme, fmt: str) -> str:
    return toml(prog) if fmt == "toml" else ep.dumps(prog)


def main(argv: Sequence[str] | None = None) -> None:
    """Write the programme of N sessions to files, or as TOML to standard output."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sessions", type=int, help="how many sessions (N)")
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        action="append",
        default=[],
        help="a file to write, TOML or JSON by its suffix; may be given more than once",
    )
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    if args.sessions < 1:
        parser.error("a programme needs at least one session")
    prog = programme(args.sessions, args.seed)
    if not args.output:
        sys.stdout.write(toml(prog))
    for path in args.output:
        path.write_text(_text(prog, "json" if path.suffix == ".json" else "toml"), "utf-8")


if __name__ == "__main__":
    main()
