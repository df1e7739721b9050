"""Event dates: precision, IANA time zones, derived dates."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Literal

import pytest

from builder.core.date_words import derivation_phrase, format_offset
from builder.core.dates import (
    Derivation,
    OutOfCalendar,
    When,
    calendar_problem,
)
from builder.core.zones import clock_change, load_zone, zone_problem


def test_precision_follows_what_is_written() -> None:
    assert When.parse("2024", None, None, None).precision == "year"
    assert When.parse("2024-12", None, None, None).precision == "month"
    assert When.parse("2024-12-07", None, None, None).precision == "day"
    assert When.parse("2024-12-07", "21", "Asia/Damascus", None).precision == "hour"
    assert When.parse("2024-12-07", "21:30", "Asia/Damascus", None).precision == "minute"


def test_damascus_time_comes_from_the_tz_database() -> None:
    when = When.parse("2024-12-07", "21:30", "Asia/Damascus", None)
    assert when.utc_offset() == "UTC+3"
    assert when.iso() == "2024-12-07T21:30+03:00"
    assert when.time_label() == "21:30 local time (Asia/Damascus, UTC+3), 18:30 UTC"
    # Before Syria's 2022 change, winter time was UTC+2: a fixed offset would be wrong.
    assert When.parse("2021-12-07", "21:30", "Asia/Damascus", None).utc_offset() == "UTC+2"


def test_utc_may_fall_on_another_day() -> None:
    when = When.parse("2024-12-08", "01:00", "Asia/Damascus", None)
    assert when.time_label() == "01:00 local time (Asia/Damascus, UTC+3), 22:00 UTC on 7 December"


def test_shift_and_coarsen() -> None:
    base = When.parse("2024-11-28", None, None, None)
    assert base.shifted(4, "days").day_label() == "2 December 2024"
    assert base.shifted(-1, "days").day_label() == "27 November 2024"
    timed = When.parse("2024-12-07", "21:30", "Asia/Damascus", None)
    later = timed.shifted(3, "hours").coarsened("hour")
    assert (later.day, later.hour, later.minute, later.precision) == (8, 0, None, "hour")
    assert timed.coarsened("day").time_label() is None


def test_labels_are_honest_about_precision_and_qualifiers() -> None:
    assert When.parse("2024-12", None, None, "before").label() == "Before December 2024"
    assert When.parse("2024-12-08", None, None, "about").precision_label() == (
        "day; no time given; approximate"
    )
    assert When.parse("2024-12", None, None, None).group_label() == "December 2024 (day not given)"


def test_sort_key_orders_before_then_day_then_after() -> None:
    day = When.parse("2024-12-08", None, None, None)
    before = When.parse("2024-12-08", None, None, "before")
    after = When.parse("2024-12-08", None, None, "after")
    timed = When.parse("2024-12-08", "01:00", "Asia/Damascus", None)
    ordered = sorted([after, timed, day, before], key=When.sort_key)
    assert ordered == [before, day, timed, after]


def test_hours_are_counted_in_utc_and_days_on_the_calendar() -> None:
    spring = When.parse("2024-03-31", "01:30", "Europe/Berlin", None)
    assert spring.shifted(1, "hours").time_label() == (
        "03:30 local time (Europe/Berlin, UTC+2), 01:30 UTC"
    )
    autumn = When.parse("2024-10-27", "01:30", "Europe/Berlin", None)
    first, second = autumn.shifted(1, "hours"), autumn.shifted(2, "hours")
    assert (first.hour, first.minute, first.fold) == (2, 30, 0)
    assert (second.hour, second.minute, second.fold) == (2, 30, 1)
    assert second.coarsened("hour").fold == 1 and second.coarsened("day").fold == 0
    assert second.iso() == "2024-10-27T02:30+01:00"
    assert autumn.shifted(1, "days").time_label() == (
        "01:30 local time (Europe/Berlin, UTC+1), 00:30 UTC"
    )


def test_leaving_the_calendar_is_out_of_calendar_not_overflow() -> None:
    with pytest.raises(OutOfCalendar):
        When.parse("0001-01-01", None, None, None).shifted(-1, "days")
    with pytest.raises(OutOfCalendar):
        When.parse("9999-12-31", "20:00", "Asia/Damascus", None).shifted(5, "hours")


def test_calendar_problems() -> None:
    assert calendar_problem("0000") == "is not in the calendar: there is no year 0"
    assert calendar_problem("0000-05-01") == "is not in the calendar: there is no year 0"
    assert calendar_problem("2023-02-29") == "is not a day of the calendar"
    assert calendar_problem("2024-02-29") is None
    assert calendar_problem("0001") is None


def test_offsets_show_local_mean_time_seconds() -> None:
    assert format_offset(timedelta(hours=3)) == "UTC+3"
    assert format_offset(timedelta(hours=5, minutes=30)) == "UTC+5:30"
    assert format_offset(-timedelta(hours=4, minutes=56, seconds=2)) == "UTC-4:56:02"
    assert format_offset(timedelta(0)) == "UTC+0"


def test_only_names_of_the_pinned_database_are_opened() -> None:
    assert zone_problem("UTC") is None and zone_problem("Asia/Damascus") is None
    link = zone_problem("Asia/Calcutta")
    assert link is not None and link.severity == "warning" and "Asia/Kolkata" in link.hint
    for name in ("Asia", "localtime", "posixrules", "../zones", "/etc/localtime", "right/UTC"):
        problem = zone_problem(name)
        assert problem is not None and problem.severity == "error", name
        with pytest.raises(KeyError):
            load_zone(name)


def test_clock_changes_name_both_readings() -> None:
    berlin = load_zone("Europe/Berlin")
    gap = clock_change(datetime(2024, 3, 31, 2, 30), berlin)
    assert gap is not None and gap.kind == "gap"
    assert (gap.clock_from.hour, gap.clock_to.hour) == (2, 3)
    assert (gap.earlier_utc.hour, gap.later_utc.hour) == (0, 1)
    fold = clock_change(datetime(2024, 10, 27, 2, 30), berlin)
    assert fold is not None and fold.kind == "fold"
    assert (fold.clock_from.hour, fold.clock_to.hour) == (3, 2)
    assert (fold.earlier_utc.hour, fold.later_utc.hour) == (0, 1)
    assert clock_change(datetime(2024, 10, 27, 1, 30), berlin) is None


def test_derivation_phrases() -> None:
    def phrase(amount: int, unit: Literal["days", "hours"] | None) -> str:
        return derivation_phrase(Derivation("base", "Base", None, amount, unit, "1 May 2024"))

    assert phrase(0, None) == "same date as"
    assert phrase(4, "days") == "4 days after"
    assert phrase(-1, "days") == "1 day before"
    assert phrase(0, "days") == "same day as"  # not "0 days after"
    assert phrase(0, "hours") == "same hour as"


def test_part_of_the_day_sits_between_day_and_hour() -> None:
    from builder.core.dates import PRECISION_ORDER

    assert PRECISION_ORDER.index("day") < PRECISION_ORDER.index("part_of_day")
    assert PRECISION_ORDER.index("part_of_day") < PRECISION_ORDER.index("hour")
    evening = When.parse("2024-12-07", "evening", "Asia/Damascus", None)
    assert evening.coarsened("day").precision == "day"
    assert evening.coarsened("day").timezone is None
    assert evening.coarsened("hour") == evening  # never made more precise
    assert evening.shifted(1, "days").label().startswith("8 December 2024, evening")


def test_a_qualified_clock_time_is_no_single_instant() -> None:
    # `<time datetime>` must not drop "about": the day alone is honest.
    about = When.parse("2024-12-07", "21:30", "Asia/Damascus", "about")
    assert about.iso() == "2024-12-07"
    assert (
        about.label() == "About 7 December 2024, 21:30 local time (Asia/Damascus, UTC+3), 18:30 UTC"
    )
    assert When.parse("2024-12-07", "21:30", "Asia/Damascus", None).iso() == (
        "2024-12-07T21:30+03:00"
    )


# --- machine-readable dates: EDTF, never a plain date that drops the qualifier ------------

EDTF_CASES: list[tuple[str, str | None, str | None, str | None, str]] = [
    ("2024-12-08", None, None, None, "2024-12-08"),
    ("2024-12-08", None, None, "before", "../2024-12-07"),  # "before" excludes the day
    ("2024-12-08", None, None, "by", "../2024-12-08"),  # "on or before" includes it
    ("2024-12-08", None, None, "after", "2024-12-09/.."),
    ("2024-12-31", None, None, "after", "2025-01-01/.."),
    ("2024-12", None, None, "before", "../2024-11"),  # at the date's own precision
    ("2024-01", None, None, "before", "../2023-12"),
    ("2024", None, None, "after", "2025/.."),
    ("2024-12-08", None, None, "about", "2024-12-08~"),
    ("2024-12-07", "21:30", "Asia/Damascus", None, "2024-12-07T21:30+03:00"),
    ("2024-12-07", "21:30", "Asia/Damascus", "before", "../2024-12-07T21:30+03:00"),
    (
        "2024-12-08",
        "evening",
        "Asia/Damascus",
        None,
        "2024-12-08T18:00+03:00/2024-12-08T22:00+03:00",
    ),
    ("0001-01-01", None, None, "before", ".."),  # past the calendar: left open
    ("9999-12", None, None, "after", ".."),
]


@pytest.mark.parametrize(("value", "time", "zone", "qualifier", "expected"), EDTF_CASES)
def test_dates_for_machines_are_as_strong_as_the_words(
    value: str, time: str | None, zone: str | None, qualifier: str | None, expected: str
) -> None:
    from builder.core.edtf import edtf

    assert edtf(When.parse(value, time, zone, qualifier)) == expected  # type: ignore[arg-type]


def test_a_qualified_date_is_never_a_plain_time_element(mini: Path) -> None:
    import re

    from builder import pipeline

    pages = pipeline.build(mini).pages
    times = re.findall(r'<time datetime="[^"]*">([^<]*)</time>', "".join(pages.values()))
    assert times, "the fixture has plain dates"
    qualified = ("Before", "After", "On or before", "About", "evening", "night", "morning")
    assert not [t for t in times if t.startswith(qualified) or any(q in t for q in qualified)]
    assert '<data class="when" value="../' in pages["chronology.md"]
