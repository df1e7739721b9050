"""The chronology in the TimelineJS3 format (https://timeline.knightlab.com/docs/json-format.html).

One event per chronology entry, in the chronology's order: `start_date` (and `end_date`
for a range: between two days, a part of the day), `display_date` in the site's own
wording (`When.label()`, which says "before", "about", the time zone and UTC), the
title as `text.headline`, the text's words and the texts that tell it as `text.text`,
`group` the title of the text that declares it, `unique_id` the event id.

TimelineJS has no time zones: clock times are the local ones, as the chronology gives
them first, and `display_date` names the zone. It shows every string as HTML, so each
is HTML-escaped here; `group` and `display_date` twice, since TimelineJS first reduces
them to their text (which decodes one level of escaping) and then shows that as HTML.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from html import escape
from typing import Any

from builder.core.dates import When
from builder.core.model import Event, Project
from builder.render import labels

Json = dict[str, Any]


def timeline_document(project: Project) -> Json:
    """The events in the order TimelineJS shows them, by start (a stable sort of the
    chronology: a range stands at its first day here, at its last in the chronology)."""
    slides = [_event(project, event) for event in project.events]
    return {"events": sorted(slides, key=lambda slide: _start_key(slide["start_date"]))}


def _start_key(start: Json) -> tuple[int, ...]:
    return tuple(start.get(key, 1 if key in ("month", "day") else 0) for key in _FIELDS)


_FIELDS = ("year", "month", "day", "hour", "minute")


def _event(project: Project, event: Event) -> Json:
    when = event.when
    slide: Json = {"start_date": start_date(when)}
    end = end_date(when)
    if end is not None:
        slide["end_date"] = end
    slide |= {
        "display_date": _label(when.label()),
        "text": {"headline": escape(event.title), "text": _text(project, event)},
        "group": _label(project.text[event.text_slug].title),
        "unique_id": event.id,
    }
    return slide


def _label(text: str) -> str:
    """A `group` or `display_date`: escaped for each of TimelineJS's two HTML readings."""
    return escape(escape(text))


def start_date(when: When) -> Json:
    """The first moment the date allows: the first day of "between", the start of a part
    of the day, the next day (month, year) for "after" a date, else the date itself at
    its own precision ("before 8 December" stands at 8 December, labelled so)."""
    if when.not_before is not None:
        first = when.not_before
        return {"year": first.year, "month": first.month, "day": first.day}
    bounds = when.local_range()
    if bounds is not None:
        return _moment(bounds[0])
    if when.qualifier == "after" and when.hour is None:
        return _next(when)
    return _calendar(when)


def end_date(when: When) -> Json | None:
    """The last moment of a range, or None for a single date."""
    if when.not_before is not None:
        return _calendar(when)
    bounds = when.local_range()
    return _moment(bounds[1]) if bounds is not None else None


def _calendar(when: When) -> Json:
    fields: Json = {"year": when.year}
    for key, value in (("month", when.month), ("day", when.day), ("hour", when.hour)):
        if value is None:
            return fields
        fields[key] = value
    if when.minute is not None:
        fields["minute"] = when.minute
    return fields


def _next(when: When) -> Json:
    """The day, month or year after the date's own (the calendar's last one stays)."""
    try:
        if when.day is not None and when.month is not None:
            day = date(when.year, when.month, when.day) + timedelta(days=1)
            return {"year": day.year, "month": day.month, "day": day.day}
        if when.month is not None:
            year, month = divmod(when.year * 12 + when.month, 12)
            return {"year": year, "month": month + 1} if year <= 9999 else _calendar(when)
    except OverflowError:
        return _calendar(when)
    return {"year": min(when.year + 1, 9999)}


def _moment(moment: datetime) -> Json:
    return {
        "year": moment.year,
        "month": moment.month,
        "day": moment.day,
        "hour": moment.hour,
        "minute": moment.minute,
    }


def _text(project: Project, event: Event) -> str:
    """The text's own words for the date, then each account: which text, its date."""
    paragraphs = []
    if event.wording:
        paragraphs.append(f"{labels.TIMELINE_WORDING}: “{event.wording}”.")
    if event.accounts_differ:
        paragraphs.append(f"{labels.ACCOUNTS_DIFFER}: {labels.ACCOUNTS_DIFFER_NOTE}.")
    told = "; ".join(
        f"{project.text[a.text_slug].title} ({labels.TIMELINE_DATE_OF} it: {a.when.label()})"
        if event.accounts_differ
        else project.text[a.text_slug].title
        for a in event.accounts
    )
    paragraphs.append(f"{labels.TIMELINE_TOLD_IN}: {told}.")
    return "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
