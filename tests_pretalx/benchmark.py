"""The plugin beside pretalx's own exporters, on a released schedule of N talks.

Not a test: ``bash .ci/pretalx --bench [N ...]`` runs it in each pretalx venv,
after the tests, and prints Markdown tables. By hand, from the checkout::

    .venv-pretalx-2025/bin/python tests_pretalx/benchmark.py 1000 10000 --repeat 3

For each N it makes one event in a fresh database (pretalx's own models, SQLite
in memory, the settings of the plugin's tests): N confirmed talks in rooms over
several days, two speakers per talk on average out of a pool where each speaks
about three times, a lunch break per room and day, long German texts. The WIP
schedule is released with pretalx's own release function. Then, in this one
process, it times pretalx's ``FrabXmlExporter``, ``FrabJsonExporter`` and
``ICalExporter`` and eventprogram's formats: those the plugin offers through its
exporter classes (adapter and rendering, as a request runs them), and frab XML
and C3VOC JSON, which the plugin does not offer (pretalx has its own), through
the adapter and eventprogram's renderer the same way. Each is run once to count
its database queries; then all run in turn, ``--repeat`` rounds, and the median
CPU time of the process (SQLite runs in it) is reported with the wall-clock
time beside it: other processes on the machine slow the wall clock of whichever
exporter runs at the time, much less its CPU time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import os
import platform
import statistics
import sys
import time
import zoneinfo
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eventprogram_pretalx_settings")

ZONE = zoneinfo.ZoneInfo("Europe/Berlin")
FIRST_DAY = dt.date(2025, 12, 27)
CHARSET = "ABCDEFGHJKLMNPQRSTUVWXYZ3789"
"""pretalx's alphabet for codes."""
DURATIONS = (25, 40, 55, 20, 45)
"""Minutes of the talks, in turn; five minutes' change between two."""
DAY_START = dt.time(9, 0)
DAY_END = dt.time(22, 0)
LUNCH = (dt.time(12, 30), dt.time(13, 30))
FIRST_NAMES = ("Jürgen", "Ängelika", "Zoë", "Sabine", "Ömer", "Chloé", "Ada", "Grace", "Ulf")
FAMILY_NAMES = ("Müller", "O'Brien", "Schäfer & Söhne", "Nguyễn", "Weiß", "Łukasiewicz", "Hopper")
TRACKS = ("Daten", "Sicherheit", "Gesellschaft", "Hardware", "Kunst & Kultur", "Bildung")
WORDS = (
    "Datenschutzgrundverordnung",
    "Barrierefreiheit",
    "Veranstaltungsprogramm",
    "Kommunalverwaltung",
    "Quelltext",
    "Schnittstelle",
    "Überwachung",
    "Gemeinwohl",
    "Rechenzentrum",
    "Lötkolben",
    "Ehrenamt",
    "Teilhabe",
)

# (pretalx's exporter, eventprogram's format compared with it); pretalx has no HTML
# or Markdown export of the schedule: its frab XML is the nearest whole-schedule document.
PAIRS = (
    ("frab XML", "frab-xml"),
    ("frab XML", "html"),
    ("frab XML", "markdown"),
    ("frab JSON", "c3voc-json"),
    ("frab JSON", "json"),
    ("iCal", "ical"),
)
TARGET = 5.0


def say(text: str, stream: Any = None) -> None:
    """Write a line at once (the benchmark's output; progress goes to stderr)."""
    stream = stream or sys.stdout
    stream.write(text + "\n")
    stream.flush()


_SERIAL = itertools.count()
"""Codes of users and talks are unique across events: one serial for all."""


def code(prefix: str) -> str:
    """A new code in pretalx's alphabet, the same in every run: the prefix and six letters."""
    number = next(_SERIAL)
    letters = []
    for _ in range(6):
        number, digit = divmod(number, len(CHARSET))
        letters.append(CHARSET[digit])
    return prefix + "".join(reversed(letters))


def words(seed: int, count: int) -> str:
    return " ".join(WORDS[(seed * 7 + i * 5) % len(WORDS)] for i in range(count))


def room_count(talks: int) -> int:
    """10 rooms up to 2,000 talks, then one per 200 talks, at most 60."""
    return max(10, min(60, talks // 200))


def slots_of_a_day() -> list[tuple[dt.time, dt.time] | None]:
    """The talks' times in one room and day; ``None`` is the lunch break."""
    times: list[tuple[dt.time, dt.time] | None] = []
    now = dt.datetime.combine(FIRST_DAY, DAY_START)
    lunch_start, lunch_end = (dt.datetime.combine(FIRST_DAY, t) for t in LUNCH)
    i = 0
    while True:
        end = now + dt.timedelta(minutes=DURATIONS[i % len(DURATIONS)])
        if now < lunch_end and end > lunch_start:
            times.append(None)
            now = lunch_end
            continue
        if end.time() > DAY_END or end.date() != FIRST_DAY:
            return times
        times.append((now.time(), end.time()))
        now = end + dt.timedelta(minutes=5)
        i += 1


def build_event(talks: int, slug: str) -> Any:
    """A public event with a released schedule of *talks* talks; return it fetched anew."""
    from django_scopes import scope, scopes_disabled
    from pretalx.schedule.models import Room
    from pretalx.submission.models import SubmissionType, Track

    from conftest import create_event, release

    rooms_n = room_count(talks)
    day_plan = slots_of_a_day()
    per_day = rooms_n * sum(1 for t in day_plan if t is not None)
    days = -(-talks // per_day)
    with scopes_disabled():
        from pretalx.event.models import Organiser

        organiser = Organiser.objects.create(name=f"Bench {slug}", slug=f"org-{slug}")
        event = create_event(
            organiser,
            name=f"Benchmark-Kongress {talks}",
            slug=slug,
            is_public=True,
            email="orga@example.org",
            date_from=FIRST_DAY,
            date_to=FIRST_DAY + dt.timedelta(days=days - 1),
            timezone="Europe/Berlin",
            locale="de",
        )
    with scope(event=event):
        rooms = [
            Room.objects.create(
                event=event,
                name=f"Saal {chr(65 + i % 26)}{i // 26 or ''}",
                capacity=100 + 50 * (i % 7),
                description=f"Raum {i} – {words(i, 6)}",
                position=i,
            )
            for i in range(rooms_n)
        ]
        types = [
            SubmissionType.objects.create(event=event, name=name, default_duration=40)
            for name in ("Talk", "Workshop", "Lightning Talk")
        ]
        tracks = [
            Track.objects.create(event=event, name=name, color=f"#{i * 3 % 10}36699")
            for i, name in enumerate(TRACKS)
        ]
        submissions = make_talks(event, talks, types, tracks)
        make_slots(event, submissions, rooms, days)
        return release(event, "1.0")


def make_talks(event: Any, talks: int, types: list[Any], tracks: list[Any]) -> list[Any]:
    """*talks* confirmed talks with one to three speakers each, about three talks a speaker."""
    from pretalx.submission.models import Submission

    pool = max(1, talks * 2 // 3)
    speakers = make_speakers(event, pool)
    submissions = Submission.objects.bulk_create(
        Submission(
            event=event,
            code=code("T"),
            title=f"{words(i, 4)} & <Folgen> Nr. {i}",
            submission_type=types[i % len(types)],
            track=tracks[i % len(tracks)] if i % 9 else None,
            state="confirmed",
            content_locale="de" if i % 3 else "en",
            abstract=f"Kurzfassung: {words(i, 25)}.",
            description=f"Beschreibung „{i}“: {words(i + 1, 80)}.",
        )
        for i in range(talks)
    )
    through = Submission.speakers.through
    fields = {f.name for f in through._meta.fields}  # noqa: SLF001 -- Django's public API
    person = "speaker" if "speaker" in fields else "user"
    roles = []
    for i, submission in enumerate(submissions):
        chosen = dict.fromkeys((i * 3 + k * 7919) % pool for k in range(i % 3 + 1))
        for position, number in enumerate(chosen):
            role = {"submission": submission, person: speakers[number]}
            if "position" in fields:
                role["position"] = position
            roles.append(through(**role))
    through.objects.bulk_create(roles)
    return submissions


def make_slots(event: Any, submissions: list[Any], rooms: list[Any], days: int) -> None:
    """The talks in the WIP schedule, room by room and day by day, with a lunch break each."""
    from pretalx.schedule.models import TalkSlot

    is_break = {"description": "Mittagspause"}
    if "slot_type" in {f.name for f in TalkSlot._meta.fields}:  # noqa: SLF001 -- Django's public API
        is_break["slot_type"] = "break"  # 2026.2
    day_plan = slots_of_a_day()
    slots = []
    talk_iter = iter(submissions)
    for day in range(days):
        date = FIRST_DAY + dt.timedelta(days=day)
        for room in rooms:
            for times in day_plan:
                submission = None if times is None else next(talk_iter, None)
                if times is not None and submission is None:
                    break
                start, end = (dt.datetime.combine(date, t, tzinfo=ZONE) for t in (times or LUNCH))
                slots.append(
                    TalkSlot(
                        schedule=event.wip_schedule,
                        submission=submission,
                        room=room,
                        start=start,
                        end=end,
                        **({} if submission else is_break),
                    )
                )
    TalkSlot.objects.bulk_create(slots)


def make_speakers(event: Any, count: int) -> list[Any]:
    """*count* speakers: users (pretalx 2025.2) or their profiles for the event (2026.2)."""
    from pretalx.person.models import User

    users = User.objects.bulk_create(
        User(
            code=code("U"),
            name=f"{FIRST_NAMES[i % len(FIRST_NAMES)]} {FAMILY_NAMES[i % len(FAMILY_NAMES)]} {i}",
            email=f"speaker-{i}@{event.slug}.example.org",
            password="!",  # an unusable password
        )
        for i in range(count)
    )
    from pretalx.submission.models import Submission

    speaker = Submission.speakers.field.related_model
    if speaker is User:  # 2025.2: the users speak themselves
        return users
    # Half the profiles have no name of their own and show their user's.
    return speaker.objects.bulk_create(
        speaker(user=user, event=event, code=code("S"), name=user.name if i % 2 else "")
        for i, user in enumerate(users)
    )


def measure(runs: dict[Any, Callable[[], Any]], repeat: int) -> dict[Any, dict[str, Any]]:
    """Run each once counting queries, then all of them in turn, *repeat* rounds.

    Taking turns spreads the load of other processes over all exporters alike;
    the CPU time of this process (SQLite runs in it) is what the ratios use, the
    wall-clock time is shown beside it.
    """
    from django.db import connection

    results: dict[Any, dict[str, Any]] = {}
    for key, run in runs.items():
        say(f"   counting {' '.join(key)} …", sys.stderr)
        # Counted as they run: Django's query log keeps the last 9,000 only.
        queries = itertools.count()

        def counted(execute: Any, *args: Any, queries: Any = queries) -> Any:
            next(queries)
            return execute(*args)

        with connection.execute_wrapper(counted):
            output = run()
        size = len(output.encode()) if isinstance(output, str) else len(output or b"")
        results[key] = {"queries": next(queries), "bytes": size}
        results[key]["cpu"], results[key]["wall"] = [], []
        del output
    for round_ in range(repeat):
        say(f"   round {round_ + 1} of {repeat} …", sys.stderr)
        for key, run in runs.items():
            wall, cpu = time.perf_counter(), time.process_time()
            run()
            results[key]["cpu"].append(time.process_time() - cpu)
            results[key]["wall"].append(time.perf_counter() - wall)
    for result in results.values():
        for clock in ("cpu", "wall"):
            result[clock] = statistics.median(result[clock])
    return results


def runs(event: Any) -> Iterator[tuple[str, str, Callable[[], Any]]]:
    """(side, name, run) for every exporter to time."""
    from pretalx.common.signals import register_data_exporters

    try:
        from pretalx.schedule.interfaces import exporters as theirs  # 2026.2
    except ImportError:
        from pretalx.schedule import exporters as theirs  # 2025.2

    from eventprogram import exporters
    from eventprogram.integrations.pretalx.adapter import programme_of
    from eventprogram.integrations.pretalx.exporters import ProgrammeExporter

    schedule = event.current_schedule
    for name, cls in (
        ("frab XML", theirs.FrabXmlExporter),
        ("frab JSON", theirs.FrabJsonExporter),
        ("iCal", theirs.ICalExporter),
    ):
        yield "pretalx", name, lambda cls=cls: cls(event, schedule).get_data()
    offered = {
        response.format_name: response
        for _, response in register_data_exporters.send_robust(event)
        if isinstance(response, type) and issubclass(response, ProgrammeExporter)
    }
    yield "eventprogram", "adapter only", lambda: programme_of(event, schedule) and b""
    for name in ("html", "markdown", "ical", "json"):
        cls = offered[name]
        yield "eventprogram", name, lambda cls=cls: cls(event).get_data(request=None)
    for name in ("frab-xml", "c3voc-json"):
        if name in offered:
            cls = offered[name]
            yield "eventprogram", name, lambda cls=cls: cls(event).get_data(request=None)
        else:
            render = exporters.get(name).render
            yield (
                "eventprogram",
                f"{name}*",
                lambda render=render: render(
                    programme_of(event, schedule), exporters.RenderOptions()
                ),
            )


def profiled(title: str, run: Callable[[], Any]) -> str:
    """The top of cProfile's table of one run, by own time and by cumulative time."""
    import cProfile
    import io
    import pstats

    run()  # warm: templates loaded, imports done
    profiler = cProfile.Profile()
    profiler.runcall(run)
    text = io.StringIO()
    stats = pstats.Stats(profiler, stream=text).strip_dirs()
    text.write(f"#### {title}\n")
    stats.sort_stats("tottime").print_stats(25)
    stats.sort_stats("cumulative").print_stats(25)
    return text.getvalue()


def bench(talks: int, repeat: int, profile: set[str] | None = None) -> str:
    """Time every exporter on a schedule of *talks* talks; return the Markdown tables."""
    from django.utils import translation
    from django_scopes import scope, scopes_disabled

    from conftest import set_plugin

    start = time.perf_counter()
    event = build_event(talks, f"bench-{talks}")
    with scope(event=event):
        event = set_plugin(event, enabled=True)
    with scopes_disabled():
        schedule = event.current_schedule
        visible = schedule.talks.filter(is_visible=True)
        counted = (visible.filter(submission__isnull=False).count(), visible.count())
        rooms = event.rooms.count()
        days = (event.date_to - event.date_from).days + 1
    built = time.perf_counter() - start
    with scope(event=event), translation.override("de"):
        named = {(side, name): run for side, name, run in runs(event)}
        if profile is not None:
            for (side, name), run in named.items():
                if name.rstrip("*") in profile:
                    say(profiled(f"{side}: {name}", run), sys.stderr)
            return ""
        results = measure(named, repeat)
    lines = [
        (
            f"### {counted[0]:,} talks ({counted[1]:,} slots with the breaks), {rooms} rooms,"
            f" {days} day{'' if days == 1 else 's'}"
        ),
        "",
        (
            f"Built and released in {built:.1f} s. Median of {repeat} rounds, each exporter in"
            " turn, after one round that counts the queries; CPU time of the process."
        ),
        "",
        "| exporter | CPU | wall clock | queries | output |",
        "|---|---:|---:|---:|---:|",
    ]
    for (side, name), r in results.items():
        size = f"{r['bytes'] / 1e6:.2f} MB" if r["bytes"] else "–"
        lines.append(
            f"| {side}: {name} | {r['cpu']:.3f} s | {r['wall']:.3f} s | {r['queries']} | {size} |"
        )
    lines += [
        "",
        "| pretalx | eventprogram | pretalx / eventprogram (CPU) | ≥ 5× |",
        "|---|---|---:|---|",
    ]
    ours = {name.rstrip("*"): name for side, name in results if side == "eventprogram"}
    for theirs, mine in PAIRS:
        ratio = results[("pretalx", theirs)]["cpu"] / results[("eventprogram", ours[mine])]["cpu"]
        lines.append(
            f"| {theirs} | {ours[mine]} | ×{ratio:.1f} | {'yes' if ratio >= TARGET else '**no**'} |"
        )
    if any(name.endswith("*") for _, name in results):
        lines += [
            "",
            (
                "\\* not offered by the plugin (pretalx has its own frab exports); timed"
                " through the adapter and eventprogram's renderer, as the plugin's exporters run."
            ),
        ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("talks", nargs="*", type=int, default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=3, help="timed rounds over all exporters")
    parser.add_argument(
        "--profile",
        action="append",
        metavar="EXPORTER",
        help="instead of timing, print cProfile's top lines for this exporter"
        " ('adapter only', 'html', 'frab JSON', …); may be given more than once",
    )
    args = parser.parse_args(argv)

    import django

    django.setup()
    from importlib import metadata

    from django.db import connection

    connection.creation.create_test_db(verbosity=0, serialize=False)
    say(
        f"## pretalx {metadata.version('pretalx')}, Django {metadata.version('django')},"
        f" Python {platform.python_version()}, eventprogram {metadata.version('eventprogram')}"
        f" — {platform.machine()}, {os.cpu_count()} cores, SQLite in memory\n"
    )
    for talks in args.talks:
        say(bench(talks, args.repeat, set(args.profile or ()) or None) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
