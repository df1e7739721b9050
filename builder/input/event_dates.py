"""Event dates: checking the fields (stage 2) and resolving derived dates (stage 4).

Every date an event can be given is checked here before any arithmetic: a day
of the calendar (no year 0), a canonical IANA zone from the pinned tzdata, a
local clock time that existed and happened once (or `fold:` says which of the
two), a moment between years 1 and 9999 in UTC. A derived date is resolved
iteratively, at most `MAX_DERIVATION_DEPTH` steps from an event with a date of
its own, and must stay inside the calendar too. So no valid-shaped input gets
as far as a ValueError, OverflowError or RecursionError: each is a located error.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

from builder.core.dates import (
    CALENDAR_RANGE,
    MONTHS,
    Derivation,
    OutOfCalendar,
    When,
    calendar_problem,
    format_offset,
    parse_offset,
)
from builder.core.diagnostics import Diagnostics
from builder.core.zones import ClockChange, clock_change, load_zone, zone_problem
from builder.input.load import YamlDocument, YamlPath
from builder.input.schema import EventIn

# How many derivations may separate an event from one with a date of its own. Real
# texts chain two or three ("two days after the day before..."); the limit keeps
# resolution and its explanations short.
MAX_DERIVATION_DEPTH = 50
DATE_HINT = 'write "YYYY", "YYYY-MM" or "YYYY-MM-DD" in quotes, e.g. date: "2024-12-07"'


# --- stage 2: an event's own fields ----------------------------------------------------


def check_calendar(
    document: YamlDocument, path: YamlPath, value: str | None, diagnostics: Diagnostics
) -> None:
    """Report a shape-checked date that is not in the calendar (2024-02-30, 0000)."""
    problem = calendar_problem(value) if value is not None else None
    if problem is not None:
        hint = 'years run from "0001" to "9999"' if "year 0" in problem else DATE_HINT
        diagnostics.error(document.location(path), f"{value!r} {problem}", hint)


def check_event_dates(
    doc: YamlDocument, base: YamlPath, event: EventIn, diagnostics: Diagnostics
) -> bool:
    """Check one event's own date fields; False if it cannot be dated (errors reported)."""
    own = Diagnostics()  # this event's findings only: warnings do not reject it
    _check_date_fields(doc, base, event, own)
    _check_time_fields(doc, base, event, own)
    if not own.has_errors:
        _check_clock(doc, base, event, own)
    diagnostics.extend(own)
    return not own.has_errors


def _check_date_fields(
    doc: YamlDocument, base: YamlPath, event: EventIn, diagnostics: Diagnostics
) -> None:
    if event.date is None and event.derived_from is None:
        diagnostics.error(
            doc.location(base),
            f"event {event.id!r} has neither `date` nor `derived_from`",
            'add date: "YYYY-MM-DD" or derived_from: {event: other-event-id, offset: "4 days"}',
        )
    if event.date is not None and event.derived_from is not None:
        diagnostics.error(
            doc.location((*base, "derived_from"), key=True),
            f"event {event.id!r} has both `date` and `derived_from`",
            "keep one: a date the text gives, or a date derived from another event",
        )
    check_calendar(doc, (*base, "date"), event.date, diagnostics)


def _check_time_fields(
    doc: YamlDocument, base: YamlPath, event: EventIn, diagnostics: Diagnostics
) -> None:
    if event.time is not None:
        if event.derived_from is not None:
            diagnostics.error(
                doc.location((*base, "time"), key=True),
                "`time` cannot be combined with `derived_from`",
                'derive the time with an offset in hours instead, e.g. offset: "3 hours"',
            )
        elif event.date is not None and len(event.date) != 10:
            diagnostics.error(
                doc.location((*base, "time"), key=True),
                "`time` needs a full date (YYYY-MM-DD)",
                "give the day as well, or remove the time",
            )
        if event.timezone is None:
            diagnostics.error(
                doc.location((*base, "time"), key=True),
                "`time` is given without `timezone`",
                "add the IANA zone of the place, e.g. timezone: Asia/Damascus (never a fixed offset)",
            )
    elif event.fold is not None:
        diagnostics.error(
            doc.location((*base, "fold"), key=True),
            "`fold` is given without `time`",
            "remove fold: it only chooses between two equal clock times",
        )
    if event.timezone is not None:
        problem = zone_problem(event.timezone)
        if problem:
            report = diagnostics.warning if problem.severity == "warning" else diagnostics.error
            report(
                doc.location((*base, "timezone")),
                f"timezone {event.timezone!r}: {problem.message}",
                problem.hint,
            )
        elif event.time is None:
            diagnostics.error(
                doc.location((*base, "timezone"), key=True),
                "`timezone` is given without `time`",
                'remove timezone, or add the local clock time, e.g. time: "21:30"',
            )


def _check_clock(
    doc: YamlDocument, base: YamlPath, event: EventIn, diagnostics: Diagnostics
) -> None:
    """A local time that never existed, happened twice, or is outside the UTC calendar."""
    if event.date is None or event.time is None or event.timezone is None:
        return
    when = When.parse(event.date, event.time, event.timezone, None)
    local = datetime(when.year, when.month or 1, when.day or 1, when.hour or 0, when.minute or 0)
    zone = load_zone(event.timezone)
    where = doc.location((*base, "time"))
    clock = _clock(local) if when.minute is not None else f"{local.hour:02d}h"
    place = f"{clock} on {_day(local)} in {event.timezone}"
    try:
        change = clock_change(local, zone)
        local.replace(tzinfo=zone, fold=0).astimezone(UTC)
        local.replace(tzinfo=zone, fold=1).astimezone(UTC)
    except OverflowError:
        diagnostics.error(
            where,
            f"{place} falls outside the calendar in UTC ({CALENDAR_RANGE})",
            "check the date: the builder shows moments within these years",
        )
        return
    if change is not None and change.kind == "gap":
        diagnostics.error(where, *_gap_explained(place, local, change))
    elif change is not None and event.fold is None:
        diagnostics.error(where, *_fold_explained(place, local, change))
    elif change is None and event.fold is not None:
        diagnostics.error(
            doc.location((*base, "fold")),
            f"`fold`: {place} happened only once",
            "remove fold: it only chooses between two equal clock times",
        )


def _gap_explained(place: str, local: datetime, change: ClockChange) -> tuple[str, str]:
    before, after = format_offset(change.offset_before), format_offset(change.offset_after)
    message = (
        f"{place} did not exist: clocks went forward from {_local(change.clock_from, local)} "
        f"to {_local(change.clock_to, local)} ({before} to {after})"
    )
    last = change.clock_from - timedelta(minutes=1)
    hint = (
        f"local times run to {_local(last, local)} and resume at "
        f"{_local(change.clock_to, local)}; read as {after} it is "
        f"{_utc(change.earlier_utc, local)} (shown as "
        f"{_local(change.earlier_utc + change.offset_before, local)}), read as {before} "
        f"{_utc(change.later_utc, local)} (shown as "
        f"{_local(change.later_utc + change.offset_after, local)}): "
        "check the text and write a time that existed"
    )
    return message, hint


def _fold_explained(place: str, local: datetime, change: ClockChange) -> tuple[str, str]:
    before, after = format_offset(change.offset_before), format_offset(change.offset_after)
    earlier, later = _utc(change.earlier_utc, local), _utc(change.later_utc, local)
    message = (
        f"{place} happened twice: clocks went back from {_local(change.clock_from, local)} "
        f"to {_local(change.clock_to, local)}, so it is {earlier} ({before}) or {later} ({after})"
    )
    hint = f"add fold: earlier for {earlier} ({before}), or fold: later for {later} ({after})"
    return message, hint


def _clock(moment: datetime) -> str:
    text = f"{moment.hour:02d}:{moment.minute:02d}"
    return text + (f":{moment.second:02d}" if moment.second else "")


def _day(moment: datetime) -> str:
    return f"{moment.day} {MONTHS[moment.month - 1]} {moment.year}"


def _on_day(moment: datetime, local: datetime) -> str:
    """' on 29 December' when `moment` is not on the day of `local` ('' when it is)."""
    if moment.date() == local.date():
        return ""
    year = f" {moment.year}" if moment.year != local.year else ""
    return f" on {moment.day} {MONTHS[moment.month - 1]}{year}"


def _local(moment: datetime, local: datetime) -> str:
    """A local wall time near `local`: '03:00', or '00:00 on 31 December'."""
    return f"{_clock(moment)}{_on_day(moment, local)}"


def _utc(moment: datetime, local: datetime) -> str:
    """'00:30 UTC', with the day when it is not the local one."""
    return f"{_clock(moment)} UTC{_on_day(moment, local)}"


# --- stage 4: resolving derived dates ----------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class DatedEntry:
    """An event to date, with the place it is written."""

    event: EventIn
    document: YamlDocument
    path: YamlPath


def resolve_event_dates(
    entries: Sequence[DatedEntry], rejected: frozenset[str], diagnostics: Diagnostics
) -> dict[str, When]:
    """The date of every event that can be dated, by event id.

    Iterative, not recursive: a chain of any length costs one walk up and one down.
    Events in `rejected` (their fields were reported in stage 2), events derived
    from them and from unknown events are left out without a further error."""
    resolver = _Resolver({entry.event.id: entry for entry in entries}, rejected, diagnostics)
    for entry in entries:
        resolver.resolve(entry.event.id)
    return {event_id: when for event_id, (when, _) in resolver.resolved.items()}


class _Resolver:
    def __init__(
        self, by_id: dict[str, DatedEntry], rejected: frozenset[str], diagnostics: Diagnostics
    ) -> None:
        self.by_id = by_id
        self.rejected = rejected
        self.diagnostics = diagnostics
        self.resolved: dict[str, tuple[When, int]] = {}  # date, derivations from a dated event
        self.failed: set[str] = set()

    def resolve(self, start: str) -> None:
        chain = self._walk_up(start)
        if chain is None:
            return
        for position in range(len(chain) - 1, -1, -1):  # from the dated end down to `start`
            event_id = chain[position]
            target = self.by_id[event_id].event.derived_from
            assert target is not None
            if target.event not in self.resolved:
                self.failed.update(chain[: position + 1])  # failure reported, or silent
                return
            base_when, depth = self.resolved[target.event]
            if depth + 1 > MAX_DERIVATION_DEPTH:
                self._report_too_deep(event_id, depth + 1)
                self.failed.update(chain[: position + 1])
                return
            when = self._derive(self.by_id[event_id], base_when)
            if when is None:
                self.failed.update(chain[: position + 1])
                return
            self.resolved[event_id] = (when, depth + 1)

    def _walk_up(self, start: str) -> list[str] | None:
        """The derived events from `start` up to the first that is dated, resolved, failed
        or unknown (dating it on the way); None when nothing is left to derive."""
        chain: list[str] = []
        on_chain: set[str] = set()
        current = start
        while current not in self.resolved and current not in self.failed:
            entry = self.by_id.get(current)
            if entry is None or current in self.rejected:
                self.failed.add(current)  # unknown or rejected: reported in stage 2
                break
            if entry.event.derived_from is None:
                self._date_directly(entry)
                break
            chain.append(current)
            on_chain.add(current)
            target = entry.event.derived_from.event
            if target in on_chain:
                loop = " -> ".join([*chain[chain.index(target) :], target])
                self.diagnostics.error(
                    entry.document.location((*entry.path, "derived_from", "event")),
                    f"derived dates form a loop: {loop}",
                    "one event in the loop needs a date of its own",
                )
                self.failed.update(chain)
                return None
            current = target
        return chain or None

    def _date_directly(self, entry: DatedEntry) -> None:
        event = entry.event
        if event.date is None:
            self.failed.add(event.id)
            return
        fold = 1 if event.fold == "later" else 0
        when = When.parse(event.date, event.time, event.timezone, event.qualifier, fold=fold)
        self.resolved[event.id] = (when, 0)

    def _report_too_deep(self, event_id: str, depth: int) -> None:
        entry = self.by_id[event_id]
        self.diagnostics.error(
            entry.document.location((*entry.path, "derived_from", "event")),
            f"the date of {event_id!r} is derived {depth} times over "
            f"(at most {MAX_DERIVATION_DEPTH} derivations from an event with a date of its own)",
            "give an event in the chain a date of its own",
        )

    def _derive(self, entry: DatedEntry, base_when: When) -> When | None:
        """The date of a derived event from its base's date, or None (reported)."""
        event, doc, base = entry.event, entry.document, entry.path
        assert event.derived_from is not None
        target = event.derived_from.event
        amount, unit = 0, None
        when = base_when
        if event.derived_from.offset:
            amount, unit = parse_offset(event.derived_from.offset)
            where = doc.location((*base, "derived_from", "offset"))
            if unit == "days" and base_when.day is None:
                self.diagnostics.error(
                    where,
                    f"cannot count days from {target!r}: its date has no day",
                    "give the base event a full date, or give this event its own date",
                )
                return None
            if unit == "hours" and not base_when.has_time:
                self.diagnostics.error(
                    where,
                    f"cannot count hours from {target!r}: its date has no clock time",
                    'count in days (offset: "1 day") or give the base event a time',
                )
                return None
            try:
                moved = base_when.shifted(amount, unit)
            except OutOfCalendar:
                self.diagnostics.error(
                    where,
                    f"{event.derived_from.offset} from {target!r} ({base_when.label()}) "
                    f"falls outside the calendar ({CALENDAR_RANGE})",
                    "check the offset and the date of the base event",
                )
                return None
            # "Two days later" says nothing about the clock: a derived date is no
            # more precise than its offset's unit.
            when = moved.coarsened("day" if unit == "days" else "hour")
        elif event.qualifier in ("before", "after"):
            when = base_when.coarsened("day")  # "in the days before" has no clock time
        derivation = Derivation(
            target,
            self.by_id[target].event.title,
            event.derived_from.offset,
            amount,
            unit,
            base_when.label(),
        )
        return replace(when, qualifier=event.qualifier, derivation=derivation)
