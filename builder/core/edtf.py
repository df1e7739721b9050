"""A date as exactly as strong as it is, for machines: the Extended Date/Time Format.

HTML's `<time datetime>` holds one date or moment, so "before 8 December" written
there reads as "8 December" to any program. EDTF (ISO 8601-2, the Library of
Congress' Extended Date/Time Format) says what we mean:

- `2024-12-08` a day, `2024-12` a month, `2024-12-07T21:30+03:00` a clock time;
- `../2024-12-07` on or before 7 December (so "before 8 December"), `../2024-12-08`
  "on or before 8 December", `2024-12-09/..` "after 8 December" (open intervals);
- `2024-12-08/2024-12-13` "between 8 and 13 December" (a closed interval);
- `2024-12-08~` "about 8 December" (approximate);
- `2024-12-08T18:00+03:00/2024-12-08T22:00+03:00` an evening (a closed interval).

"Before" and "after" exclude the date itself, at the date's own precision: before
December 2024 is `../2024-11`. At the ends of the calendar the bound is left open.
The pages carry this in `<data value>` wherever a date is not one plain date or moment.
"""

from __future__ import annotations

from datetime import date, timedelta

from builder.core.dates import When
from builder.core.zones import load_zone


def edtf(when: When) -> str:
    """The date in EDTF: a single value, an open or closed interval, or approximate."""
    if when.qualifier == "before":
        return f"../{_step(when, -1)}" if _step(when, -1) else ".."
    if when.qualifier == "after":
        return f"{_step(when, 1)}/.." if _step(when, 1) else ".."
    if when.qualifier == "by":
        start = when.not_before.isoformat() if when.not_before else ".."
        return f"{start}/{_value(when)}"
    if when.qualifier == "about":
        return f"{_value(when)}~" if when.hour is None else _value(when)
    return _value(when)


def _value(when: When) -> str:
    moment = when.local()
    if moment is not None:
        return moment.isoformat(timespec="minutes")
    span = when.utc_range()  # a part of the day: local clock times with their offsets
    if span is not None and when.timezone is not None:
        zone = load_zone(when.timezone)
        start, end = (m.astimezone(zone).isoformat(timespec="minutes") for m in span)
        return f"{start}/{end}"
    return _calendar(when.year, when.month, when.day)


def _step(when: When, direction: int) -> str | None:
    """The unit next to the date's own (day, month or year), or None past the calendar."""
    if when.hour is not None or when.part_of_day is not None:
        return _value(when)  # a moment or a part of the day: the bound is the time itself
    try:
        if when.day is not None and when.month is not None:
            day = date(when.year, when.month, when.day) + timedelta(days=direction)
            return _calendar(day.year, day.month, day.day)
        if when.month is not None:
            index = when.year * 12 + (when.month - 1) + direction
            year, month = divmod(index, 12)
            return _calendar(year, month + 1, None) if 1 <= year <= 9999 else None
    except OverflowError:
        return None
    year = when.year + direction
    return _calendar(year, None, None) if 1 <= year <= 9999 else None


def _calendar(year: int, month: int | None, day: int | None) -> str:
    text = f"{year:04d}"
    if month is not None:
        text += f"-{month:02d}"
    if day is not None:
        text += f"-{day:02d}"
    return text
