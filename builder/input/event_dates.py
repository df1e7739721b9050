"""Event dates: checking the fields (stage 2); resolving them (stage 4) is in
event_resolve.py, re-exported here.

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
from datetime import UTC, datetime, timedelta

from builder.core.date_words import MONTHS, format_offset
from builder.core.dates import CALENDAR_RANGE, When, calendar_problem, part_of_day
from builder.core.diagnostics import Diagnostics
from builder.core.zones import ClockChange, clock_change, load_zone, zone_problem
from builder.input.load import YamlDocument, YamlPath
from builder.input.schema import EventIn

DATE_HINT = 'write "YYYY", "YYYY-MM" or "YYYY-MM-DD" in quotes, e.g. date: "2024-12-07"'


# --- stage 2: an event's own fields ----------------------------------------------------


def check_calendar(
    document: YamlDocument, path: YamlPath, value: str | None, diagnostics: Diagnostics
) -> None:
    """Report a shape-checked date that is not in the calendar (2024-02-30, 0000)."""
    problem = calendar_problem(value) if value is not None else None
    if problem is not None:
        hint = 'years run from "0001" to "9999"' if "year 0" in problem else DATE_HINT
        diagnostics.error(
            document.location(path), f"{value!r} {problem}", hint, code="impossible-date"
        )


def check_event_dates(
    doc: YamlDocument, base: YamlPath, event: EventIn, diagnostics: Diagnostics
) -> bool:
    """Check one event's own date fields; False if it cannot be dated (errors reported)."""
    own = Diagnostics()  # this event's findings only: warnings do not reject it
    _check_role_fields(doc, base, event, own)
    _check_date_fields(doc, base, event, own)
    _check_time_fields(doc, base, event, own)
    if not own.has_errors:
        _check_clock(doc, base, event, own)
    diagnostics.extend(own)
    return not own.has_errors


ROLE_HINT = (
    "an entry either declares an event (id, title, actors) or gives this text's account "
    "of an event declared elsewhere (account_of: its-id)"
)


def entry_name(event: EventIn) -> str:
    """'event 'x'' for a declaration, 'the account of 'x'' for an account."""
    if event.id is not None or event.account_of is None:
        return f"event {event.id!r}"
    return f"the account of {event.account_of!r}"


def _check_role_fields(
    doc: YamlDocument, base: YamlPath, event: EventIn, diagnostics: Diagnostics
) -> None:
    """A declaration has `id` and `title`; an account has `account_of` and neither."""
    if event.id is not None and event.account_of is not None:
        diagnostics.error(
            doc.location((*base, "account_of"), key=True),
            f"event {event.id!r} has both `id` and `account_of`",
            f"{ROLE_HINT}: keep one",
            code="event-id-and-account",
        )
    elif event.id is None and event.account_of is None:
        diagnostics.error(
            doc.location(base),
            "this event entry has neither `id` nor `account_of`",
            f"{ROLE_HINT}: add id: and title:, or account_of:",
            code="event-without-id",
        )
    elif event.id is not None and event.title is None:
        diagnostics.error(
            doc.location(base),
            "missing required field `title` in this event",
            "give a short title",
            code="missing-field",
        )
    elif event.account_of is not None:
        for field in ("title", "actors"):
            if field in event.model_fields_set:
                diagnostics.error(
                    doc.location((*base, field), key=True),
                    f"an account cannot have `{field}`: it belongs to the event "
                    f"{event.account_of!r}, where it is declared",
                    f"remove {field}: an account gives its own date, passages, sources, "
                    "wording and note",
                    code="account-field-not-allowed",
                )


def _check_date_fields(
    doc: YamlDocument, base: YamlPath, event: EventIn, diagnostics: Diagnostics
) -> None:
    if event.date is None and event.derived_from is None:
        diagnostics.error(
            doc.location(base),
            f"{entry_name(event)} has neither `date` nor `derived_from`",
            'add date: "YYYY-MM-DD" or derived_from: {event: other-event-id, offset: "4 days"}',
            code="event-without-date",
        )
    if event.date is not None and event.derived_from is not None:
        diagnostics.error(
            doc.location((*base, "derived_from"), key=True),
            f"{entry_name(event)} has both `date` and `derived_from`",
            "keep one: a date the text gives, or a date derived from another event",
            code="event-date-and-derived",
        )
    check_calendar(doc, (*base, "date"), event.date, diagnostics)
    if event.not_before is not None:
        _check_not_before(doc, base, event, diagnostics)


BETWEEN_HINT = (
    '"between A and B" is written date: "B" (or derived_from), qualifier: by, not_before: "A"'
)


def _check_not_before(
    doc: YamlDocument, base: YamlPath, event: EventIn, diagnostics: Diagnostics
) -> None:
    where = doc.location((*base, "not_before"))
    if event.not_before is not None and len(event.not_before) != 10:
        diagnostics.error(
            where,
            "`not_before` needs a full date (YYYY-MM-DD)",
            BETWEEN_HINT,
            code="bad-not-before",
        )
    else:
        check_calendar(doc, (*base, "not_before"), event.not_before, diagnostics)
    if event.qualifier != "by":
        diagnostics.error(
            where,
            "`not_before` needs `qualifier: by` (on or before the date)",
            BETWEEN_HINT,
            code="bad-not-before",
        )
    if event.time is not None or (event.date is not None and len(event.date) != 10):
        diagnostics.error(
            where,
            "`not_before` goes with a date to the day, without a time",
            BETWEEN_HINT,
            code="bad-not-before",
        )


def _check_time_fields(
    doc: YamlDocument, base: YamlPath, event: EventIn, diagnostics: Diagnostics
) -> None:
    if event.time is not None:
        if event.derived_from is not None:
            diagnostics.error(
                doc.location((*base, "time"), key=True),
                "`time` cannot be combined with `derived_from`",
                'derive the time with an offset in hours instead, e.g. offset: "3 hours"',
                code="time-with-derived-from",
            )
        elif event.date is not None and len(event.date) != 10:
            diagnostics.error(
                doc.location((*base, "time"), key=True),
                "`time` needs a full date (YYYY-MM-DD)",
                "give the day as well, or remove the time",
                code="time-without-day",
            )
        if event.fold is not None and part_of_day(event.time) is not None:
            diagnostics.error(
                doc.location((*base, "fold"), key=True),
                f"`fold` is given with a part of the day ({event.time})",
                "remove fold: it chooses between two equal clock times, and a part of the "
                "day is a range of them",
                code="fold-with-part-of-day",
            )
        if event.timezone is None:
            diagnostics.error(
                doc.location((*base, "time"), key=True),
                "`time` is given without `timezone`",
                "add the IANA zone of the place, e.g. timezone: Asia/Damascus (never a fixed offset)",
                code="time-without-timezone",
            )
    elif event.fold is not None:
        diagnostics.error(
            doc.location((*base, "fold"), key=True),
            "`fold` is given without `time`",
            "remove fold: it only chooses between two equal clock times",
            code="fold-without-time",
        )
    if event.timezone is not None:
        problem = zone_problem(event.timezone)
        if problem:
            report = diagnostics.warning if problem.severity == "warning" else diagnostics.error
            report(
                doc.location((*base, "timezone")),
                f"timezone {event.timezone!r}: {problem.message}",
                problem.hint,
                code=problem.code,
            )
        elif event.time is None:
            diagnostics.error(
                doc.location((*base, "timezone"), key=True),
                "`timezone` is given without `time`",
                'remove timezone, or add the local clock time, e.g. time: "21:30"',
                code="timezone-without-time",
            )


def _check_clock(
    doc: YamlDocument, base: YamlPath, event: EventIn, diagnostics: Diagnostics
) -> None:
    """A local time that never existed, happened twice, or is outside the UTC calendar."""
    if event.date is None or event.time is None or event.timezone is None:
        return
    when = When.parse(event.date, event.time, event.timezone, None)
    if when.part_of_day is not None:
        _check_range(doc, base, when, diagnostics)
        return
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
            code="outside-utc-calendar",
        )
        return
    if change is not None and change.kind == "gap":
        diagnostics.error(where, *_gap_explained(place, local, change), code="time-in-clock-gap")
    elif change is not None and event.fold is None:
        diagnostics.error(where, *_fold_explained(place, local, change), code="time-happened-twice")
    elif change is None and event.fold is not None:
        diagnostics.error(
            doc.location((*base, "fold")),
            f"`fold`: {place} happened only once",
            "remove fold: it only chooses between two equal clock times",
            code="fold-not-needed",
        )


def _check_range(doc: YamlDocument, base: YamlPath, when: When, diagnostics: Diagnostics) -> None:
    """A part of the day is a range: only its ends must be moments of the calendar."""
    try:
        when.utc_range()
    except OverflowError:
        diagnostics.error(
            doc.location((*base, "time")),
            f"the {when.part_of_day} of {when.day_label()} in {when.timezone} falls outside "
            f"the calendar in UTC ({CALENDAR_RANGE})",
            "check the date: the builder shows moments within these years",
            code="outside-utc-calendar",
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


def check_one_entry_per_event(
    doc: YamlDocument, entries: Sequence[tuple[YamlPath, EventIn]], diagnostics: Diagnostics
) -> set[YamlPath]:
    """A text gives one account of an event: its declaration or one `account_of` entry.
    Returns the paths of the later entries, reported (their passages would collide)."""
    first: dict[str, YamlPath] = {}
    repeated: set[YamlPath] = set()
    for path, event in entries:
        if event.account_of is None:
            first.setdefault(event.event_id, path)
            continue
        if event.account_of in first:
            earlier = doc.location(first[event.account_of])
            diagnostics.error(
                doc.location((*path, "account_of")),
                f"this text already gives an account of {event.account_of!r} (at {earlier})",
                "a text gives one account of an event: list all its passages in that entry",
                code="duplicate-account",
            )
            repeated.add(path)
        else:
            first[event.account_of] = path
    return repeated
