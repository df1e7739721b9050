"""Hostile dates and time zones (issue 5, defects 5 and 6): each is a located error or
warning with a hint, never a traceback, and times do not depend on the machine."""

from __future__ import annotations

import shutil
import zoneinfo
from collections.abc import Iterator
from datetime import datetime, timedelta
from importlib.resources import files
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builder import pipeline
from builder.core.diagnostics import Diagnostics
from builder.core.zones import load_zone, tz_names, zone_problem
from builder.input.event_dates import check_event_dates
from builder.input.event_resolve import MAX_DERIVATION_DEPTH, DatedEntry, resolve_event_dates
from builder.input.load import YamlDocument
from builder.input.schema import MAX_EVENTS, EventIn

SIDECAR = "source_texts/sample.yml"
SOURCES = "source_texts/registry/sources.yml"
# The fixture's one timed event: date at 51:11, time at 52:11, timezone at 53:15.
RIVERA = '    date: "2024-12-08"\n    time: "20:00"\n    timezone: Asia/Damascus\n'
DERIVED = "derived_from: {event: rivera-leaves, offset: 2 days}"  # the offset is at 60:50


def timed(day: str, clock: str, zone: str, extra: str = "") -> tuple[str, str]:
    """An edit giving the timed event another date, time and zone (same lines)."""
    return RIVERA, f'    date: "{day}"\n    time: "{clock}"\n    timezone: {zone}{extra}\n'


def offset(text: str) -> tuple[str, str]:
    return DERIVED, f"derived_from: {{event: rivera-leaves, offset: {text}}}"


def zone(name: str) -> tuple[str, str]:
    return "timezone: Asia/Damascus", f"timezone: {name}"


def _chain(length: int, deepest_first: bool) -> str:
    """`length` events, each one day after the one before, from the fixture's timed event."""
    blocks = [
        f"  - id: chain-{n}\n"
        f"    title: Step {n}\n"
        f"    derived_from: {{event: {'rivera-leaves' if n == 1 else f'chain-{n - 1}'}, offset: 1 day}}\n"
        "    sources: [sample-report]\n"
        "    passages:\n"
        "      - Mr. Rivera left the capital at 8 p.m.\n"
        for n in range(1, length + 1)
    ]
    return "".join(reversed(blocks) if deepest_first else blocks)


BRIEFING_END = (
    '      - {exact: "The Minister told reporters on Monday", suffix: " that"}\n'  # last line
)

# (case id, file, edits, expected `path:line:col: severity: message`, hint fragment)
Case = tuple[str, str, tuple[tuple[str, str], ...], str, str]
CASES: list[Case] = [
    # --- time zones: only canonical IANA names, from the pinned tzdata -------------------
    (
        "zone-is-a-folder-of-the-database",
        SIDECAR,
        (zone("Asia"),),
        f"{SIDECAR}:53:15: error[timezone-region]: timezone 'Asia': a region of the tz database, not a time zone",
        "name the zone of the place, e.g. Asia/",
    ),
    (
        "zone-is-a-nested-folder",
        SIDECAR,
        (zone("America/Argentina"),),
        f"{SIDECAR}:53:15: error[timezone-region]: timezone 'America/Argentina': a region of the tz database",
        "America/Argentina/Buenos_Aires",
    ),
    (
        "zone-localtime",
        SIDECAR,
        (zone("localtime"),),
        f"{SIDECAR}:53:15: error[unknown-timezone]: timezone 'localtime': not a time zone in the IANA tz database",
        "whatever zone the building machine is set to",
    ),
    (
        "zone-posixrules",
        SIDECAR,
        (zone("posixrules"),),
        f"{SIDECAR}:53:15: error[unknown-timezone]: timezone 'posixrules': not a time zone in the IANA tz database",
        "use an IANA name",
    ),
    (
        "zone-right-leap-seconds-copy",
        SIDECAR,
        (zone("right/Asia/Damascus"),),
        f"{SIDECAR}:53:15: error[unknown-timezone]: timezone 'right/Asia/Damascus': not a time zone in the IANA tz database",
        "did you mean 'Asia/Damascus'?",
    ),
    (
        "zone-posix-copy",
        SIDECAR,
        (zone("posix/Europe/Berlin"),),
        f"{SIDECAR}:53:15: error[unknown-timezone]: timezone 'posix/Europe/Berlin': not a time zone in the IANA tz database",
        "did you mean 'Europe/Berlin'?",
    ),
    (
        "zone-factory-placeholder",
        SIDECAR,
        (zone("Factory"),),
        f"{SIDECAR}:53:15: error[placeholder-timezone]: timezone 'Factory': a placeholder of the tz database, not the time zone of a place",
        "use an IANA name",
    ),
    (
        "zone-path-outside-the-database",
        SIDECAR,
        (zone("../../../../etc/passwd"),),
        f"{SIDECAR}:53:15: error[unknown-timezone]: timezone '../../../../etc/passwd': not a time zone in the IANA tz database",
        "use an IANA name",
    ),
    (
        "zone-absolute-path",
        SIDECAR,
        (zone("/usr/share/zoneinfo/Asia/Damascus"),),
        f"{SIDECAR}:53:15: error[unknown-timezone]: timezone '/usr/share/zoneinfo/Asia/Damascus': not a time zone",
        "",
    ),
    (
        "zone-wrong-case",
        SIDECAR,
        (zone("asia/damascus"),),
        f"{SIDECAR}:53:15: error[unknown-timezone]: timezone 'asia/damascus': not a time zone in the IANA tz database",
        "did you mean 'Asia/Damascus'?",
    ),
    (
        "zone-misspelt-city",
        SIDECAR,
        (zone("Europe/Berln"),),
        f"{SIDECAR}:53:15: error[unknown-timezone]: timezone 'Europe/Berln': not a time zone in the IANA tz database",
        "did you mean 'Europe/Berlin'?",
    ),
    (
        "zone-etc-fixed-offset",
        SIDECAR,
        (zone("Etc/GMT+3"),),
        f"{SIDECAR}:53:15: error[fixed-offset-timezone]: timezone 'Etc/GMT+3': a fixed UTC offset is not a time zone",
        "Etc/GMT+3 means UTC-3",
    ),
    (
        "zone-iso-offset",
        SIDECAR,
        (zone('"+03:00"'),),
        f"{SIDECAR}:53:15: error[fixed-offset-timezone]: timezone '+03:00': a fixed UTC offset is not a time zone",
        "use an IANA name",
    ),
    (
        "zone-backward-link",
        SIDECAR,
        (zone("Asia/Calcutta"),),
        f"{SIDECAR}:53:15: warning[timezone-link]: timezone 'Asia/Calcutta': an old or alternative name (a link) for 'Asia/Kolkata'",
        "write timezone: Asia/Kolkata",
    ),
    (
        "zone-renamed-city",
        SIDECAR,
        (zone("Europe/Kiev"),),
        f"{SIDECAR}:53:15: warning[timezone-link]: timezone 'Europe/Kiev': an old or alternative name (a link) for 'Europe/Kyiv'",
        "write timezone: Europe/Kyiv",
    ),
    (
        "zone-another-name-for-utc",
        SIDECAR,
        (zone("Zulu"),),
        f"{SIDECAR}:53:15: warning[utc-alias]: timezone 'Zulu': another name for UTC",
        "write timezone: UTC",
    ),
    # --- dates outside the calendar ------------------------------------------------------
    (
        "year-zero",
        SIDECAR,
        ((RIVERA, '    date: "0000"\n'),),
        f"{SIDECAR}:51:11: error[impossible-date]: '0000' is not in the calendar: there is no year 0",
        'years run from "0001" to "9999"',
    ),
    (
        "year-zero-with-month",
        SIDECAR,
        ((RIVERA, '    date: "0000-05"\n'),),
        f"{SIDECAR}:51:11: error[impossible-date]: '0000-05' is not in the calendar: there is no year 0",
        'years run from "0001" to "9999"',
    ),
    (
        "year-zero-published",
        SIDECAR,
        (('published: "2024-12-09"', 'published: "0000"'),),
        f"{SIDECAR}:6:12: error[impossible-date]: '0000' is not in the calendar: there is no year 0",
        'years run from "0001" to "9999"',
    ),
    (
        "year-zero-source-date",
        SOURCES,
        (('date: "2024-12-09"', 'date: "0000-12"'),),
        f"{SOURCES}:5:11: error[impossible-date]: '0000-12' is not in the calendar: there is no year 0",
        'years run from "0001" to "9999"',
    ),
    (
        "date-in-other-digits",
        SIDECAR,
        (('date: "2024-12-08"', 'date: "٢٠٢٤-12-08"'),),
        f"{SIDECAR}:51:11: error[bad-date]: `date`: '٢٠٢٤-12-08' is not a date",
        'write "YYYY", "YYYY-MM" or "YYYY-MM-DD"',
    ),
    (
        "date-with-trailing-newline",
        SIDECAR,
        (('date: "2024-12-08"', 'date: "2024-12-08\\n"'),),
        f"{SIDECAR}:51:11: error[bad-date]: `date`: '2024-12-08\\n' is not a date",
        'write "YYYY", "YYYY-MM" or "YYYY-MM-DD"',
    ),
    (
        "time-with-trailing-newline",
        SIDECAR,
        (('time: "20:00"', 'time: "20:00\\n"'),),
        f"{SIDECAR}:52:11: error[bad-time]: `time`: '20:00\\n' is not a clock time",
        'write local clock time as "HH:MM"',
    ),
    (
        "offset-in-other-digits",
        SIDECAR,
        (offset("٢ days"),),
        f"{SIDECAR}:60:50: error[bad-offset]: `offset`: '٢ days' is not an offset",
        'offset: "4 days"',
    ),
    (
        "days-before-year-1",
        SIDECAR,
        (timed("0001-01-01", "20:00", "Asia/Damascus"), offset("-1 day")),
        f"{SIDECAR}:60:50: error[derived-outside-calendar]: -1 day from 'rivera-leaves' (1 January 1, 20:00 local time (Asia/Damascus, UTC+2:25:12), 17:34 UTC) falls outside the calendar (1 January 1 to 31 December 9999)",
        "check the offset and the date of the base event",
    ),
    (
        "days-after-year-9999",
        SIDECAR,
        (timed("9999-12-31", "20:00", "Asia/Damascus"),),
        f"{SIDECAR}:60:50: error[derived-outside-calendar]: 2 days from 'rivera-leaves' (31 December 9999, 20:00 local time (Asia/Damascus, UTC+3), 17:00 UTC) falls outside the calendar",
        "check the offset",
    ),
    (
        "hours-after-year-9999",
        SIDECAR,
        (timed("9999-12-31", "20:00", "Asia/Damascus"), offset("5 hours")),
        f"{SIDECAR}:60:50: error[derived-outside-calendar]: 5 hours from 'rivera-leaves' (31 December 9999, 20:00 local time (Asia/Damascus, UTC+3), 17:00 UTC) falls outside the calendar",
        "check the offset",
    ),
    (
        "hours-before-year-1-in-utc",
        SIDECAR,
        (timed("0001-01-02", "03:00", "Asia/Tokyo"), offset("-24 hours")),
        f"{SIDECAR}:60:50: error[derived-outside-calendar]: -24 hours from 'rivera-leaves' (2 January 1, 03:00 local time (Asia/Tokyo, UTC+9:18:59), 17:41 UTC on 1 January) falls outside the calendar",
        "check the offset",
    ),
    (
        "local-time-before-year-1-in-utc",
        SIDECAR,
        (timed("0001-01-01", "00:30", "Asia/Damascus"),),
        f"{SIDECAR}:52:11: error[outside-utc-calendar]: 00:30 on 1 January 1 in Asia/Damascus falls outside the calendar in UTC (1 January 1 to 31 December 9999)",
        "check the date",
    ),
    (
        "local-time-after-year-9999-in-utc",
        SIDECAR,
        (timed("9999-12-31", "23:30", "America/New_York"),),
        f"{SIDECAR}:52:11: error[outside-utc-calendar]: 23:30 on 31 December 9999 in America/New_York falls outside the calendar in UTC",
        "check the date",
    ),
    # --- clock times that never existed or happened twice -----------------------------
    (
        "time-in-the-spring-forward-gap",
        SIDECAR,
        (timed("2024-03-31", "02:30", "Europe/Berlin"),),
        f"{SIDECAR}:52:11: error[time-in-clock-gap]: 02:30 on 31 March 2024 in Europe/Berlin did not exist: clocks went forward from 02:00 to 03:00 (UTC+1 to UTC+2)",
        "local times run to 01:59 and resume at 03:00; read as UTC+2 it is 00:30 UTC (shown as 01:30), read as UTC+1 01:30 UTC (shown as 03:30)",
    ),
    (
        "hour-in-the-spring-forward-gap",
        SIDECAR,
        (timed("2024-03-31", "02", "Europe/Berlin"),),
        f"{SIDECAR}:52:11: error[time-in-clock-gap]: 02h on 31 March 2024 in Europe/Berlin did not exist",
        "local times run to 01:59 and resume at 03:00",
    ),
    (
        "a-day-that-never-was",
        SIDECAR,
        (timed("2011-12-30", "12:00", "Pacific/Apia"),),
        f"{SIDECAR}:52:11: error[time-in-clock-gap]: 12:00 on 30 December 2011 in Pacific/Apia did not exist: clocks went forward from 00:00 to 00:00 on 31 December (UTC-10 to UTC+14)",
        "local times run to 23:59 on 29 December and resume at 00:00 on 31 December",
    ),
    (
        "time-in-the-autumn-fold",
        SIDECAR,
        (timed("2024-10-27", "02:30", "Europe/Berlin"),),
        f"{SIDECAR}:52:11: error[time-happened-twice]: 02:30 on 27 October 2024 in Europe/Berlin happened twice: clocks went back from 03:00 to 02:00, so it is 00:30 UTC (UTC+2) or 01:30 UTC (UTC+1)",
        "add fold: earlier for 00:30 UTC (UTC+2), or fold: later for 01:30 UTC (UTC+1)",
    ),
    (
        "time-in-the-autumn-fold-london",
        SIDECAR,
        (timed("2024-10-27", "01:30", "Europe/London"),),
        f"{SIDECAR}:52:11: error[time-happened-twice]: 01:30 on 27 October 2024 in Europe/London happened twice: clocks went back from 02:00 to 01:00, so it is 00:30 UTC (UTC+1) or 01:30 UTC (UTC+0)",
        "add fold: earlier for 00:30 UTC (UTC+1)",
    ),
    (
        "fold-for-a-time-that-happened-once",
        SIDECAR,
        (zone("Asia/Damascus\n    fold: later"),),
        f"{SIDECAR}:54:11: error[fold-not-needed]: `fold`: 20:00 on 8 December 2024 in Asia/Damascus happened only once",
        "remove fold",
    ),
    (
        "fold-without-time",
        SIDECAR,
        (("    qualifier: before\n", "    qualifier: before\n    fold: earlier\n"),),
        f"{SIDECAR}:70:5: error[fold-without-time]: `fold` is given without `time`",
        "remove fold",
    ),
    (
        "fold-misspelt",
        SIDECAR,
        (timed("2024-10-27", "02:30", "Europe/Berlin", "\n    fold: first"),),
        f"{SIDECAR}:54:11: error[not-a-choice]: `fold` must be one of: earlier, later (got 'first')",
        "",
    ),
    # --- derivations ------------------------------------------------------------------
    (
        "derivation-loop",
        SIDECAR,
        ((RIVERA, "    derived_from: {event: army-takes-capital}\n"),),
        f"{SIDECAR}:58:27: error[derivation-loop]: derived dates form a loop: rivera-leaves -> army-takes-capital -> rivera-leaves",
        "one event in the loop needs a date of its own",
    ),
    (
        "derived-51-times-over",
        SIDECAR,
        ((BRIEFING_END, BRIEFING_END + _chain(MAX_DERIVATION_DEPTH + 1, False)),),
        f"{SIDECAR}:376:27: error[derivation-too-deep]: the date of 'chain-51' is derived 51 "
        "times over (at most 50 derivations from an event with a date of its own)",
        "give an event in the chain a date of its own",
    ),
]


@pytest.mark.parametrize(
    ("file", "edits", "expected", "hint"),
    [pytest.param(*case[1:], id=case[0]) for case in CASES],
)
def test_hostile_dates_are_reported_with_location_and_hint(
    mini: Path, file: str, edits: tuple[tuple[str, str], ...], expected: str, hint: str
) -> None:
    path = mini / file
    text = path.read_text(encoding="utf-8")
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    diagnostics, project = pipeline.check(mini)
    report = diagnostics.format()
    assert expected in report, f"expected {expected!r} in:\n{report}"
    assert len(diagnostics.items) == 1, report  # one mistake, one message
    assert hint in report, f"expected hint {hint!r} in:\n{report}"
    # A warning leaves the site buildable (and the zone's data is the same as the
    # canonical zone's); an error stops it.
    assert (project is None) == (": error[" in expected), report


# --- derivation chains ----------------------------------------------------------------------


@pytest.mark.parametrize("deepest_first", [False, True], ids=["in-order", "deepest-first"])
def test_a_chain_of_a_thousand_derived_dates_stops_at_the_limit(
    mini: Path, deepest_first: bool
) -> None:
    sidecar = mini / SIDECAR
    # As many chained events as a sidecar may hold (the fixture has 3 of its own).
    length = MAX_EVENTS - 3
    sidecar.write_text(
        sidecar.read_text(encoding="utf-8") + _chain(length, deepest_first), encoding="utf-8"
    )
    diagnostics, project = pipeline.check(mini)  # was RecursionError
    report = diagnostics.format()
    over = MAX_DERIVATION_DEPTH + 1
    lines = sidecar.read_text(encoding="utf-8").splitlines()
    line = next(i for i, t in enumerate(lines, 1) if f"{{event: chain-{over - 1}," in t)
    col = lines[line - 1].index(f"chain-{over - 1}") + 1
    assert project is None
    assert report == (
        f"{SIDECAR}:{line}:{col}: error[derivation-too-deep]: the date of 'chain-{over}' is derived {over} times over "
        f"(at most {MAX_DERIVATION_DEPTH} derivations from an event with a date of its own)\n"
        "    hint: give an event in the chain a date of its own"
    )


def test_a_chain_at_the_limit_is_resolved(mini: Path) -> None:
    sidecar = mini / SIDECAR
    text = sidecar.read_text(encoding="utf-8") + _chain(MAX_DERIVATION_DEPTH, True)
    sidecar.write_text(text, encoding="utf-8")
    diagnostics, project = pipeline.check(mini)
    assert project is not None, diagnostics.format()
    last = next(e for e in project.events if e.id == f"chain-{MAX_DERIVATION_DEPTH}")
    assert last.when.day_label() == "27 January 2025"  # 8 December 2024 + 50 days


# --- times that do not depend on the machine ------------------------------------------------


@pytest.fixture
def bogus_system_zones(tmp_path: Path) -> Iterator[Path]:
    """A system tz database in which every zone the tests use is UTC."""
    folder = tmp_path / "zoneinfo"
    utc = files("tzdata.zoneinfo").joinpath("UTC").read_bytes()
    for name in ("Africa/Casablanca", "Asia/Damascus", "Europe/Berlin"):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(utc)
    zoneinfo.reset_tzpath(to=[str(folder)])
    zoneinfo.ZoneInfo.clear_cache()
    load_zone.cache_clear()
    try:
        yield folder
    finally:
        zoneinfo.reset_tzpath()
        zoneinfo.ZoneInfo.clear_cache()
        load_zone.cache_clear()


def test_zones_come_from_the_pinned_tzdata_not_the_system(
    mini: Path, bogus_system_zones: Path
) -> None:
    # The bogus system database is live: plain zoneinfo now says Casablanca is UTC.
    moment = datetime(2026, 9, 22, 12, 0)
    system = moment.replace(tzinfo=zoneinfo.ZoneInfo("Africa/Casablanca"))
    assert system.utcoffset() == timedelta(0)
    pinned_zone = moment.replace(tzinfo=load_zone("Africa/Casablanca")).utcoffset()

    sidecar = mini / SIDECAR
    text = sidecar.read_text(encoding="utf-8").replace(
        RIVERA, '    date: "2026-09-22"\n    time: "12:00"\n    timezone: Africa/Casablanca\n'
    )
    sidecar.write_text(text, encoding="utf-8")
    diagnostics, project = pipeline.check(mini)
    assert project is not None, diagnostics.format()
    rivera = next(e for e in project.events if e.id == "rivera-leaves")
    label = rivera.when.time_label()
    assert label is not None and rivera.when.utc() == system - (pinned_zone or timedelta(0))
    # No system database at all: the same answer.
    shutil.rmtree(bogus_system_zones)
    zoneinfo.ZoneInfo.clear_cache()
    load_zone.cache_clear()
    _, again = pipeline.check(mini)
    assert again is not None
    assert next(e for e in again.events if e.id == "rivera-leaves").when.time_label() == label


def test_damascus_is_right_even_when_the_system_says_utc(
    mini: Path, bogus_system_zones: Path
) -> None:
    diagnostics, project = pipeline.check(mini)
    assert project is not None, diagnostics.format()
    rivera = next(e for e in project.events if e.id == "rivera-leaves")
    assert rivera.when.time_label() == "20:00 local time (Asia/Damascus, UTC+3), 17:00 UTC"


# --- hour offsets are real time -------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "hours", "label"),
    [
        # 01:30 CET + 1 hour is 03:30 CEST: clock arithmetic gave 02:30, which never existed.
        (
            ("2024-03-31", "01:30", "Europe/Berlin"),
            "1 hours",
            "31 March 2024, 03h (hour only) local time (Europe/Berlin, UTC+2), 01h UTC",
        ),
        # 00:30 CEST + 3 hours is the second 02:30 (CET); clock arithmetic gave 03:30.
        (
            ("2024-10-27", "00:30", "Europe/Berlin"),
            "3 hours",
            "27 October 2024, 02h (hour only) local time (Europe/Berlin, UTC+1), 01h UTC",
        ),
        # Across the autumn change, 24 hours is not the same clock time the next day.
        (
            ("2024-10-26", "12:00", "Europe/Berlin"),
            "24 hours",
            "27 October 2024, 11h (hour only) local time (Europe/Berlin, UTC+1), 10h UTC",
        ),
    ],
)
def test_hour_offsets_are_added_in_utc(
    mini: Path, start: tuple[str, str, str], hours: str, label: str
) -> None:
    sidecar = mini / SIDECAR
    text = sidecar.read_text(encoding="utf-8")
    for old, new in (timed(*start), offset(hours)):
        text = text.replace(old, new)
    sidecar.write_text(text, encoding="utf-8")
    diagnostics, project = pipeline.check(mini)
    assert project is not None, diagnostics.format()
    army = next(e for e in project.events if e.id == "army-takes-capital")
    assert army.when.label() == label


def test_fold_chooses_the_later_of_two_equal_clock_times(mini: Path) -> None:
    sidecar = mini / SIDECAR
    old, new = timed("2024-10-27", "02:30", "Europe/Berlin", "\n    fold: later")
    sidecar.write_text(sidecar.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    result = pipeline.build(mini)
    assert result.ok, result.diagnostics.format()
    assert result.project is not None
    rivera = next(e for e in result.project.events if e.id == "rivera-leaves")
    assert rivera.when.time_label() == "02:30 local time (Europe/Berlin, UTC+1), 01:30 UTC"
    assert rivera.when.iso() == "2024-10-27T02:30+01:00"


# --- nothing in date handling raises on valid-shaped input ---------------------------------


def _date_everything(
    day: str, clock: str | None, zone_name: str | None, fold: str | None, shift: str | None
) -> list[str]:
    """Check, resolve and display one dated event and one derived from it; return the
    messages. Any exception is a test failure."""

    common = {"sources": ["s"], "passages": ["q"]}
    raw_base = {"id": "base", "title": "Base", "date": day, **common}
    raw_base |= {k: v for k, v in (("time", clock), ("timezone", zone_name), ("fold", fold)) if v}
    raw_derived = {"id": "derived", "title": "Derived", "derived_from": {"event": "base"}}
    if shift:
        raw_derived["derived_from"] = {"event": "base", "offset": shift}
    base = EventIn.model_validate(raw_base)
    derived = EventIn.model_validate({**raw_derived, **common})
    document = YamlDocument("x.yml", {}, {}, {})
    diagnostics = Diagnostics()
    entries = [
        DatedEntry(event=event, document=document, path=("events", i))
        for i, event in enumerate((base, derived))
    ]
    rejected = {
        entry.event.id
        for entry in entries
        if not check_event_dates(document, entry.path, entry.event, diagnostics)
    }
    for when in resolve_event_dates(entries, frozenset(rejected), diagnostics).values():
        when.label(), when.iso(), when.sort_key(), when.group_key(), when.group_label()
        when.precision_label(), when.utc_offset()
    return [d.message for d in diagnostics]


def _usable_zones() -> list[str]:
    return sorted(z for z in tz_names().zones if zone_problem(z) is None)


@pytest.mark.parametrize("zone_name", _usable_zones())
def test_every_zone_at_both_ends_of_the_calendar(zone_name: str) -> None:
    for day, clock, shift in (
        ("0001-01-01", "00:00", "-1 hours"),
        ("0001-01-01", "23:59", "-24 hours"),
        ("0001-01-01", "12", "-1 day"),
        ("9999-12-31", "00:00", "24 hours"),
        ("9999-12-31", "23:59", "1 hours"),
        ("9999-12-31", "12", "1 day"),
    ):
        messages = _date_everything(day, clock, zone_name, None, shift)
        assert all("outside the calendar" in m for m in messages), messages


_YEARS = st.one_of(st.integers(1, 3), st.integers(1, 9999), st.integers(9997, 9999))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    year=_YEARS,
    month=st.integers(1, 12),
    day=st.integers(1, 31),
    hour=st.one_of(st.none(), st.integers(0, 23)),
    minute=st.one_of(st.none(), st.integers(0, 59)),
    zone_name=st.sampled_from(_usable_zones()),
    fold=st.sampled_from([None, "earlier", "later"]),
    amount=st.integers(-9999, 9999),
    unit=st.sampled_from([None, "days", "hours"]),
)
def test_no_date_time_zone_or_offset_raises(
    year: int,
    month: int,
    day: int,
    hour: int | None,
    minute: int | None,
    zone_name: str,
    fold: str | None,
    amount: int,
    unit: str | None,
) -> None:
    clock = None if hour is None else f"{hour:02d}" + ("" if minute is None else f":{minute:02d}")
    _date_everything(
        f"{year:04d}-{month:02d}-{day:02d}",
        clock,
        zone_name if clock else None,
        fold if clock else None,
        f"{amount} {unit}" if unit else None,
    )
