"""Event dates with honest precision.

A date is only as precise as the text makes it: a year, a month, a day, an hour
or a minute, optionally qualified (about / before / after / by), optionally
derived from another event ("four days after his visit to Moscow"). Clock times
are local to an IANA time zone, converted to UTC with the pinned tz database
(Syria's rules changed in 2022; a fixed offset would be wrong for other years).

Dates run from 1 January 1 to 31 December 9999 (Python's calendar), in local time
and in UTC. Validation refuses anything outside (see `calendar_problem` and
`event_dates.py`); `shifted` raises `OutOfCalendar` for a derived date that
would leave it, so that no valid-shaped input reaches an OverflowError.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from typing import Literal

from builder.core.zones import load_zone

Precision = Literal["year", "month", "day", "hour", "minute"]
Qualifier = Literal["about", "before", "after", "by"]
PRECISION_ORDER: tuple[Precision, ...] = ("year", "month", "day", "hour", "minute")
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_QUALIFIER_RANK = {"before": 0, "by": 1, None: 2, "about": 2, "after": 3}
CALENDAR_RANGE = "1 January 1 to 31 December 9999"


class OutOfCalendar(ValueError):
    """A date or moment moved before 1 January 1 or after 31 December 9999."""


def calendar_problem(value: str) -> str | None:
    """Why a `YYYY`, `YYYY-MM` or `YYYY-MM-DD` string (already shape-checked) names no
    day, month or year of the calendar ("is not ..."), or None."""
    if value[:4] == "0000":
        return "is not in the calendar: there is no year 0"
    if len(value) == 10:
        try:
            date.fromisoformat(value)
        except ValueError:
            return "is not a day of the calendar"
    return None


@dataclass(frozen=True)
class Derivation:
    base_event_id: str
    base_title: str
    offset: str | None  # as written, e.g. "4 days"
    amount: int
    unit: Literal["days", "hours"] | None
    base_label: str  # the base event's own date, as displayed


@dataclass(frozen=True)
class When:
    """A resolved event date. Fields finer than `precision` are None."""

    year: int
    month: int | None
    day: int | None
    hour: int | None
    minute: int | None
    precision: Precision
    timezone: str | None = None
    qualifier: Qualifier | None = None
    derivation: Derivation | None = None
    # Which of two equal clock times on the day clocks go back (PEP 495): 0 the
    # earlier, 1 the later. Always 0 for a time that happens once.
    fold: int = 0

    # -- construction ---------------------------------------------------------------

    @classmethod
    def parse(
        cls,
        value: str,
        time: str | None,
        timezone: str | None,
        qualifier: Qualifier | None,
        *,
        fold: int = 0,
    ) -> When:
        parts = [int(p) for p in value.split("-")]
        year = parts[0]
        month = parts[1] if len(parts) > 1 else None
        day = parts[2] if len(parts) > 2 else None
        hour = minute = None
        if time is not None and day is not None:
            hour_text, _, minute_text = time.partition(":")
            hour = int(hour_text)
            minute = int(minute_text) if minute_text else None
        precision = PRECISION_ORDER[
            len(parts) - 1 + (0 if hour is None else 1 if minute is None else 2)
        ]
        return cls(
            year,
            month,
            day,
            hour,
            minute,
            precision,
            timezone if hour is not None else None,
            qualifier,
            fold=fold if hour is not None else 0,
        )

    def shifted(self, amount: int, unit: Literal["days", "hours"]) -> When:
        """This date moved by an offset, keeping its precision.

        Days move the calendar date. Hours move the moment: they are added in UTC and
        the result read back in the zone, so that "3 hours later" across a change of
        clocks is three hours of real time and never a clock time that did not exist.
        Raises OutOfCalendar when the result leaves years 1 to 9999."""
        try:
            if unit == "days":
                assert self.day is not None and self.month is not None
                moved = date(self.year, self.month, self.day) + timedelta(days=amount)
                return replace(self, year=moved.year, month=moved.month, day=moved.day, fold=0)
            return self._shifted_hours(amount)
        except OverflowError as exc:
            raise OutOfCalendar(f"{amount} {unit}") from exc

    def _shifted_hours(self, amount: int) -> When:
        assert self.hour is not None and self.month is not None and self.day is not None
        start = self.utc()
        if start is None:  # no zone: clock arithmetic is all there is
            naive = datetime(self.year, self.month, self.day, self.hour, self.minute or 0)
            moved = naive + timedelta(hours=amount)
        else:
            assert self.timezone is not None
            moved = (start + timedelta(hours=amount)).astimezone(load_zone(self.timezone))
        return replace(
            self,
            year=moved.year,
            month=moved.month,
            day=moved.day,
            hour=moved.hour,
            minute=moved.minute if self.minute is not None else None,
            fold=moved.fold,
        )

    def coarsened(self, precision: Precision) -> When:
        """This date at most as precise as `precision` (finer fields dropped)."""
        if PRECISION_ORDER.index(self.precision) <= PRECISION_ORDER.index(precision):
            return self
        keep = PRECISION_ORDER.index(precision)
        return replace(
            self,
            month=self.month if keep >= 1 else None,
            day=self.day if keep >= 2 else None,
            hour=self.hour if keep >= 3 else None,
            minute=self.minute if keep >= 4 else None,
            timezone=self.timezone if keep >= 3 else None,
            fold=self.fold if keep >= 3 else 0,
            precision=precision,
        )

    # -- reading ----------------------------------------------------------------------

    @property
    def has_time(self) -> bool:
        return self.hour is not None

    def local(self) -> datetime | None:
        """The local moment, aware of its time zone, when a clock time is known."""
        if self.hour is None or self.month is None or self.day is None:
            return None
        zone = load_zone(self.timezone) if self.timezone else None
        return datetime(
            self.year,
            self.month,
            self.day,
            self.hour,
            self.minute or 0,
            tzinfo=zone,
            fold=self.fold,
        )

    def utc(self) -> datetime | None:
        moment = self.local()
        if moment is None or moment.tzinfo is None:
            return None
        return moment.astimezone(UTC)

    def utc_offset(self) -> str | None:
        moment = self.local()
        if moment is None or moment.tzinfo is None:
            return None
        return format_offset(moment.utcoffset() or timedelta(0))

    def sort_key(self) -> tuple[int, int, int, int]:
        start = date(self.year, self.month or 1, self.day or 1).toordinal()
        minutes = -1 if self.hour is None else self.hour * 60 + (self.minute or 0)
        return (
            start,
            _QUALIFIER_RANK[self.qualifier],
            minutes,
            PRECISION_ORDER.index(self.precision),
        )

    def iso(self) -> str:
        """ISO 8601 at this date's precision (for `<time datetime>` and exports)."""
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        moment = self.local()
        if moment is not None and self.hour is not None:
            text = moment.isoformat(timespec="minutes")
        return text

    def day_label(self) -> str:
        """The calendar part: '7 December 2024', 'December 2024' or '2024'."""
        if self.month is None:
            return f"{self.year}"
        if self.day is None:
            return f"{MONTHS[self.month - 1]} {self.year}"
        return f"{self.day} {MONTHS[self.month - 1]} {self.year}"

    def group_label(self) -> str:
        """Heading of the chronology section this date falls in."""
        label = self.day_label()
        if self.qualifier in ("before", "after") and self.hour is None:
            return f"{self.qualifier.capitalize()} {label}"
        if self.precision in ("year", "month"):
            missing = "month" if self.precision == "year" else "day"
            return f"{label} ({missing} not given)"
        return label

    def group_key(self) -> tuple[int, int, int]:
        qualifier = (
            self.qualifier
            if (self.qualifier in ("before", "after") and self.hour is None)
            else None
        )
        return (
            self.sort_key()[0],
            _QUALIFIER_RANK[qualifier],
            PRECISION_ORDER.index(self.precision) if self.precision in ("year", "month") else 9,
        )

    def time_label(self) -> str | None:
        """'21:30 local (Asia/Damascus, UTC+3), 18:30 UTC', or None without a time."""
        if self.hour is None:
            return None
        clock = (
            f"{self.hour:02d}:{self.minute:02d}"
            if self.minute is not None
            else f"{self.hour:02d}h (hour only)"
        )
        utc = self.utc()
        if utc is None:
            return f"{clock} local time"
        utc_clock = (
            f"{utc.hour:02d}:{utc.minute:02d}" if self.minute is not None else f"{utc.hour:02d}h"
        )
        day_shift = (
            ""
            if utc.date() == (self.local() or utc).date()
            else f" on {utc.day} {MONTHS[utc.month - 1]}"
        )
        return (
            f"{clock} local time ({self.timezone}, {self.utc_offset()}), {utc_clock} UTC{day_shift}"
        )

    def precision_label(self) -> str:
        qualifier = {
            "about": "approximate",
            "before": "before this date",
            "after": "after this date",
            "by": "by this date",
        }
        text = {
            "year": "year only",
            "month": "month only",
            "day": "day; no time given",
            "hour": "to the hour",
            "minute": "to the minute",
        }[self.precision]
        if self.qualifier:
            text += f"; {qualifier[self.qualifier]}"
        return text

    def label(self) -> str:
        """One line for readers: qualifier, date, time."""
        prefix = {"about": "About ", "before": "Before ", "after": "After ", "by": "By ", None: ""}[
            self.qualifier
        ]
        text = prefix + self.day_label()
        time = self.time_label()
        return f"{text}, {time}" if time else text


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


_OFFSET_RE = re.compile(r"([+-]?[0-9]+)\s+(day|days|hour|hours)")


def parse_offset(text: str) -> tuple[int, Literal["days", "hours"]]:
    match = _OFFSET_RE.fullmatch(text.strip())
    if not match:
        raise ValueError(text)
    unit: Literal["days", "hours"] = "days" if match.group(2).startswith("day") else "hours"
    return int(match.group(1)), unit


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
