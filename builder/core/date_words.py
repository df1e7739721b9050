"""Reader-facing words for dates: month names, precisions, qualifiers, UTC offsets and
ranges. The site's other words are in builder/render/labels.py; these sit in core
because `When` labels itself and validation messages word dates the same way.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from builder.core.dates import Derivation, Precision, Qualifier

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

PRECISION_WORDS: dict[Precision, str] = {
    "year": "year only",
    "month": "month only",
    "day": "day; no time given",
    "part_of_day": "part of the day",
    "hour": "to the hour",
    "minute": "to the minute",
}
QUALIFIER_WORDS: dict[Qualifier | Literal["between"], str] = {
    "about": "approximate",
    "before": "before this date",
    "after": "after this date",
    "by": "on or before this date",
    "between": "between these dates",
}
QUALIFIER_PREFIX: dict[Qualifier, str] = {
    "about": "About ",
    "before": "Before ",
    "after": "After ",
    "by": "On or before ",
}


def on_day(day: date, local_day: date) -> str:
    """' on 7 December' when a UTC reading falls on another day than the local one."""
    return "" if day == local_day else f" on {day.day} {MONTHS[day.month - 1]}"


def utc_span(start: datetime, end: datetime, local_start: datetime) -> str:
    """'15:00 to 19:00 UTC' (with a dash), or '21:00 UTC on 7 December to 03:00 UTC'."""
    local_day = local_start.date()
    end_clock = f"{end:%H:%M}"
    end_day = end.date()
    if end_clock == "00:00" and end_day == start.date() + timedelta(days=1):
        end_clock, end_day = "24:00", start.date()  # midnight ends the day it closes
    if end_day == start.date():
        return f"{start:%H:%M}–{end_clock} UTC{on_day(start.date(), local_day)}"
    return (
        f"{start:%H:%M} UTC{on_day(start.date(), local_day)} to "
        f"{end_clock} UTC{on_day(end_day, local_day)}"
    )


def format_offset(offset: timedelta) -> str:
    """'UTC+3', 'UTC+5:30', 'UTC-4:56:02' (local mean time before standard zones)."""
    seconds = int(offset.total_seconds())
    sign = "+" if seconds >= 0 else "-"
    minutes, secs = divmod(abs(seconds), 60)
    hours, mins = divmod(minutes, 60)
    text = f"UTC{sign}{hours}"
    if mins or secs:
        text += f":{mins:02d}"
    return text + (f":{secs:02d}" if secs else "")


def describe_offset(amount: int, unit: str) -> str:
    singular = unit.rstrip("s")
    size = abs(amount)
    word = singular if size == 1 else unit
    return f"{size} {word} {'after' if amount >= 0 else 'before'}"


def derivation_phrase(derivation: Derivation) -> str:
    """'4 days after' / 'same time as' wording for a derived date."""
    if derivation.unit is None:
        return "same date as"
    if derivation.amount == 0:
        return "same day as" if derivation.unit == "days" else "same hour as"
    return describe_offset(derivation.amount, derivation.unit)
