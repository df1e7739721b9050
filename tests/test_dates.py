"""Event dates: precision, IANA time zones, derived dates."""

from __future__ import annotations

from builder.dates import When


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
