"""Event dates, stage 4: the date of every event and account, derived dates resolved.

A derived date is resolved iteratively, at most `MAX_DERIVATION_DEPTH` steps from an
event with a date of its own, and must stay inside the calendar. The fields were
checked in stage 2 (event_dates.py), so no input gets as far as a ValueError,
OverflowError or RecursionError here: each is a located error.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

from builder.core.dates import CALENDAR_RANGE, Derivation, OutOfCalendar, When, parse_offset
from builder.core.diagnostics import Diagnostics
from builder.input.load import YamlDocument, YamlPath
from builder.input.schema import EventIn

# How many derivations may separate an event from one with a date of its own. Real
# texts chain two or three ("two days after the day before..."); the limit keeps
# resolution and its explanations short.
MAX_DERIVATION_DEPTH = 50


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
    declared = {entry.event.id: entry for entry in entries if entry.event.id is not None}
    resolver = _Resolver(declared, rejected, diagnostics)
    for event_id in declared:
        resolver.resolve(event_id)
    return {event_id: when for event_id, (when, _) in resolver.resolved.items()}


def resolve_account_date(
    entry: DatedEntry,
    dates: Mapping[str, When],
    titles: Mapping[str, str],
    diagnostics: Diagnostics,
) -> When | None:
    """The date of an account (`account_of`), given the dates of the declared events;
    None when it cannot be dated (reported, or derived from an event left undated)."""
    event = entry.event
    if event.derived_from is None:
        if event.date is None:
            return None
        fold = 1 if event.fold == "later" else 0
        when = When.parse(event.date, event.time, event.timezone, event.qualifier, fold=fold)
        return with_lower_bound(entry, when, diagnostics)
    target = event.derived_from.event
    base_when = dates.get(target)
    if base_when is None:
        return None
    derived = derive_date(entry, base_when, titles.get(target, target), diagnostics)
    return with_lower_bound(entry, derived, diagnostics) if derived else None


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
            entry = self.by_id[event_id]
            title = self.by_id[target.event].event.title or target.event
            when = derive_date(entry, base_when, title, self.diagnostics)
            when = with_lower_bound(entry, when, self.diagnostics) if when else None
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
                    code="derivation-loop",
                )
                self.failed.update(chain)
                return None
            current = target
        return chain or None

    def _date_directly(self, entry: DatedEntry) -> None:
        event = entry.event
        assert event.id is not None  # only declarations are resolved here
        if event.date is None:
            self.failed.add(event.id)
            return
        fold = 1 if event.fold == "later" else 0
        when = When.parse(event.date, event.time, event.timezone, event.qualifier, fold=fold)
        bounded = with_lower_bound(entry, when, self.diagnostics)
        if bounded is None:
            self.failed.add(event.id)
            return
        self.resolved[event.id] = (bounded, 0)

    def _report_too_deep(self, event_id: str, depth: int) -> None:
        entry = self.by_id[event_id]
        self.diagnostics.error(
            entry.document.location((*entry.path, "derived_from", "event")),
            f"the date of {event_id!r} is derived {depth} times over "
            f"(at most {MAX_DERIVATION_DEPTH} derivations from an event with a date of its own)",
            "give an event in the chain a date of its own",
            code="derivation-too-deep",
        )


def derive_date(
    entry: DatedEntry, base_when: When, base_title: str, diagnostics: Diagnostics
) -> When | None:
    """The date of a derived event or account from its base's date, or None (reported)."""
    event, doc, base = entry.event, entry.document, entry.path
    assert event.derived_from is not None
    target = event.derived_from.event
    amount, unit = 0, None
    when = base_when
    if event.derived_from.offset:
        amount, unit = parse_offset(event.derived_from.offset)
        where = doc.location((*base, "derived_from", "offset"))
        if unit == "days" and base_when.day is None:
            diagnostics.error(
                where,
                f"cannot count days from {target!r}: its date has no day",
                "give the base event a full date, or give this event its own date",
                code="offset-days-without-day",
            )
            return None
        if unit == "hours" and not base_when.has_time:
            diagnostics.error(
                where,
                f"cannot count hours from {target!r}: its date has no clock time"
                + (" (a part of the day is a range)" if base_when.part_of_day else ""),
                'count in days (offset: "1 day") or give the base event a time',
                code="offset-hours-without-time",
            )
            return None
        try:
            moved = base_when.shifted(amount, unit)
        except OutOfCalendar:
            diagnostics.error(
                where,
                f"{event.derived_from.offset} from {target!r} ({base_when.label()}) "
                f"falls outside the calendar ({CALENDAR_RANGE})",
                "check the offset and the date of the base event",
                code="derived-outside-calendar",
            )
            return None
        # "Two days later" says nothing about the clock: a derived date is no
        # more precise than its offset's unit.
        when = moved.coarsened("day" if unit == "days" else "hour")
    elif event.qualifier in ("before", "after"):
        when = base_when.coarsened("day")  # "in the days before" has no clock time
    derivation = Derivation(
        target,
        base_title,
        event.derived_from.offset,
        amount,
        unit,
        base_when.label(),
    )
    return replace(when, qualifier=event.qualifier, derivation=derivation)


def with_lower_bound(entry: DatedEntry, when: When, diagnostics: Diagnostics) -> When | None:
    """`when` with the event's `not_before` (a range "between A and B"), or None when the
    bound does not come before the date (reported). Stage 2 checked the fields: a full
    day, `qualifier: by`, no time."""
    written = entry.event.not_before
    if written is None:
        return when
    where = entry.document.location((*entry.path, "not_before"))
    if when.day is None or when.month is None:
        diagnostics.error(
            where,
            f"`not_before` needs a date with a day; {entry.event.id or 'this event'}'s date "
            f"is {when.label()}",
            "give a full date, or remove not_before",
            code="not-before-without-day",
        )
        return None
    lower, upper = date.fromisoformat(written), date(when.year, when.month, when.day)
    if lower >= upper:
        diagnostics.error(
            where,
            f"`not_before` ({written}) is not earlier than the date ({when.day_label()})",
            "not_before is the earliest day the text allows, so it comes before the date; "
            "for a single day, write only the date",
            code="not-before-not-earlier",
        )
        return None
    day = when.coarsened("day") if when.hour is not None else when
    return replace(day, not_before=lower)
