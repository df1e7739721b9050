"""Event dates with honest precision.

A date is only as precise as the text makes it: a year, a month, a day, an hour
or a minute, optionally qualified (about / before / after / by), optionally
derived from another event ("four days after his visit to Moscow"). Clock times
are local to an IANA time zone, converted to UTC with the pinned tz database
(Syria's rules changed in 2022; a fixed offset would be wrong for other years).

A part of the day ("evening") is a precision between the day and the hour: a
local range of clock times (PART_OF_DAY_HOURS), shown in UTC only as a range.

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

from builder.core.date_words import (
    MONTHS,
    PRECISION_WORDS,
    QUALIFIER_PREFIX,
    QUALIFIER_WORDS,
    format_offset,
    on_day,
    utc_span,
)
from builder.core.zones import load_zone, wall_to_utc

Precision = Literal["year", "month", "day", "part_of_day", "hour", "minute"]
Qualifier = Literal["about", "before", "after", "by"]
PRECISION_ORDER: tuple[Precision, ...] = (
    "year", "month", "day", "part_of_day", "hour", "minute",
)  # fmt: skip
PartOfDay = Literal["early morning", "morning", "afternoon", "evening", "night"]
# The documented convention (docs/method.md): local clock ranges, start inclusive, end
# exclusive, in hours; "night" is the end of the day it is written on (22:00 to midnight).
PART_OF_DAY_HOURS: dict[PartOfDay, tuple[int, int]] = {
    "early morning": (0, 6),
    "morning": (6, 12),
    "afternoon": (12, 18),
    "evening": (18, 22),
    "night": (22, 24),
}
_QUALIFIER_RANK = {"before": 0, "by": 1, None: 2, "about": 2, "after": 3}
# Dated "before", "on or before" or "after" a day: a chronology section of their own, so
# that no heading says "8 December" over something that may have happened days earlier.
_GROUPED_APART = ("before", "by", "after")
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
    # "evening": a range of local clock times (PART_OF_DAY_HOURS), never one instant.
    part_of_day: PartOfDay | None = None
    # With qualifier "by": the earliest day the text allows ("between 8 and 13 December").
    not_before: date | None = None

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
        part = part_of_day(time) if time is not None and day is not None else None
        if time is not None and day is not None and part is None:
            hour_text, _, minute_text = time.partition(":")
            hour = int(hour_text)
            minute = int(minute_text) if minute_text else None
        precision: Precision = PRECISION_ORDER[len(parts) - 1]
        if part is not None:
            precision = "part_of_day"
        elif hour is not None:
            precision = "hour" if minute is None else "minute"
        timed = hour is not None or part is not None
        return cls(
            year,
            month,
            day,
            hour,
            minute,
            precision,
            timezone if timed else None,
            qualifier,
            fold=fold if hour is not None else 0,
            part_of_day=part,
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
        rank = PRECISION_ORDER.index
        if rank(self.precision) <= rank(precision):
            return self
        keep = rank(precision)
        part = self.part_of_day
        if part is None and self.hour is not None:
            part = next(p for p, (start, end) in PART_OF_DAY_HOURS.items() if self.hour < end)
        return replace(
            self,
            month=self.month if keep >= rank("month") else None,
            day=self.day if keep >= rank("day") else None,
            part_of_day=part if keep == rank("part_of_day") else None,
            hour=self.hour if keep >= rank("hour") else None,
            minute=self.minute if keep >= rank("minute") else None,
            timezone=self.timezone if keep >= rank("part_of_day") else None,
            fold=self.fold if keep >= rank("hour") else 0,
            precision=precision,
        )

    # -- reading ----------------------------------------------------------------------

    @property
    def has_time(self) -> bool:
        """True for a clock time (an hour or a minute); a part of the day is a range."""
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

    def local_range(self) -> tuple[datetime, datetime] | None:
        """A part of the day's local wall-clock start and (exclusive) end, naive.

        Raises OverflowError for the night of 31 December 9999 (validation refuses it)."""
        if self.part_of_day is None or self.month is None or self.day is None:
            return None
        first, last = PART_OF_DAY_HOURS[self.part_of_day]
        midnight = datetime(self.year, self.month, self.day)
        return midnight + timedelta(hours=first), midnight + timedelta(hours=last)

    def utc_range(self) -> tuple[datetime, datetime] | None:
        """A part of the day in UTC: from the first moment the local clock reads its
        start to the last moment it reads its end (widest on a day clocks change)."""
        bounds = self.local_range()
        if bounds is None or self.timezone is None:
            return None
        zone = load_zone(self.timezone)
        return wall_to_utc(bounds[0], zone, earliest=True), wall_to_utc(
            bounds[1], zone, earliest=False
        )

    def reading(self) -> tuple[object, ...]:
        """What the date says, to tell whether two accounts agree: calendar fields, part
        of the day, moment (in UTC when zoned), precision, qualifier; not its derivation."""
        moment = self.utc() or (self.hour, self.minute)
        fields = (self.year, self.month, self.day, self.part_of_day)
        return (*fields, moment, self.precision, self.qualifier, self.not_before)

    def sort_key(self) -> tuple[int, int, int, int, int]:
        """Day, qualifier, start of a range, minute of the day (a part of the day by its
        start), precision."""
        start = date(self.year, self.month or 1, self.day or 1).toordinal()
        minutes = -1
        if self.hour is not None:
            minutes = self.hour * 60 + (self.minute or 0)
        elif self.part_of_day is not None:
            minutes = PART_OF_DAY_HOURS[self.part_of_day][0] * 60
        return (
            start,
            _QUALIFIER_RANK[self.qualifier],
            self.not_before.toordinal() if self.not_before else 0,
            minutes,
            PRECISION_ORDER.index(self.precision),
        )

    def iso(self) -> str:
        """ISO 8601 for `<time datetime>`: the moment for an unqualified clock time, else
        the date alone (a range or "about 21:30" is no single instant)."""
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        moment = self.local()
        if moment is not None and self.qualifier is None:
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
        if self.not_before is not None:
            return self._between_label()
        if self.qualifier in _GROUPED_APART and self.hour is None:
            return QUALIFIER_PREFIX[self.qualifier] + label
        if self.precision in ("year", "month"):
            missing = "month" if self.precision == "year" else "day"
            return f"{label} ({missing} not given)"
        return label

    def group_key(self) -> tuple[int, int, int, int]:
        qualifier = (
            self.qualifier if (self.qualifier in _GROUPED_APART and self.hour is None) else None
        )
        return (
            self.sort_key()[0],
            _QUALIFIER_RANK[qualifier],
            self.not_before.toordinal() if self.not_before else 0,  # a range: its own section
            PRECISION_ORDER.index(self.precision) if self.precision in ("year", "month") else 9,
        )

    def _between_label(self) -> str:
        """'Between 8 and 13 December 2024', 'Between 28 November and 8 December 2024'."""
        assert self.not_before is not None
        first, last = self.not_before, date(self.year, self.month or 1, self.day or 1)
        start = f"{first.day}"
        if (first.year, first.month) != (last.year, last.month):
            start += f" {MONTHS[first.month - 1]}"
        if first.year != last.year:
            start += f" {first.year}"
        return f"Between {start} and {self.day_label()}"

    def time_label(self) -> str | None:
        """'21:30 local time (Asia/Damascus, UTC+3), 18:30 UTC', 'evening, 18:00 to 22:00
        local time (...), 15:00 to 19:00 UTC' (with dashes), or None without a time."""
        if self.part_of_day is not None:
            return self._range_label(self.part_of_day)
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
        day_shift = on_day(utc.date(), (self.local() or utc).date())
        return (
            f"{clock} local time ({self.timezone}, {self.utc_offset()}), {utc_clock} UTC{day_shift}"
        )

    def _range_label(self, part: PartOfDay) -> str:
        first, last = PART_OF_DAY_HOURS[part]
        local = f"{part}, {first:02d}:00–{last:02d}:00 local time"
        bounds, span = self.local_range(), self.utc_range()
        if bounds is None or span is None or self.timezone is None:
            return local
        zone = load_zone(self.timezone)
        offsets = sorted(
            {format_offset(m.astimezone(zone).utcoffset() or timedelta(0)) for m in span}
        )
        return f"{local} ({self.timezone}, {' to '.join(offsets)}), {utc_span(*span, bounds[0])}"

    def precision_label(self) -> str:
        text = PRECISION_WORDS[self.precision]
        if self.not_before is not None:
            text += f"; {QUALIFIER_WORDS['between']}"
        elif self.qualifier:
            text += f"; {QUALIFIER_WORDS[self.qualifier]}"
        return text

    def label(self) -> str:
        """One line for readers: qualifier, date, time."""
        prefix = QUALIFIER_PREFIX[self.qualifier] if self.qualifier else ""
        text = self._between_label() if self.not_before else prefix + self.day_label()
        time = self.time_label()
        return f"{text}, {time}" if time else text


def part_of_day(time: str) -> PartOfDay | None:
    """The part of the day `time` names ("evening"), or None for a clock time."""
    for part in PART_OF_DAY_HOURS:
        if time == part:
            return part
    return None


_OFFSET_RE = re.compile(r"([+-]?[0-9]+)\s+(day|days|hour|hours)")


def parse_offset(text: str) -> tuple[int, Literal["days", "hours"]]:
    match = _OFFSET_RE.fullmatch(text.strip())
    if not match:
        raise ValueError(text)
    unit: Literal["days", "hours"] = "days" if match.group(2).startswith("day") else "hours"
    return int(match.group(1)), unit
