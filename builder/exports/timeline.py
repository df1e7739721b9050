"""The chronology in the TimelineJS3 format (https://timeline.knightlab.com/docs/json-format.html).

One event per chronology entry, in the chronology's order: `start_date` (and `end_date`
for a range: between two days, a part of the day), `display_date` in the site's own
wording (`When.label()`, which says "before", "about", the time zone and UTC), the
title as `text.headline`, the text's words and the texts that tell it as `text.text`,
`group` the title of the text that declares it, `unique_id` the event id.

TimelineJS has no time zones: clock times are the local ones, as the chronology gives
them first, and `display_date` names the zone. It shows `headline` and `text` as HTML,
so every value is HTML-escaped here.
"""

from __future__ import annotations

from datetime import datetime
from html import escape
from typing import Any

from builder.core.dates import When
from builder.core.model import Event, Project
from builder.render import labels

Json = dict[str, Any]


def timeline_document(project: Project) -> Json:
    return {"events": [_event(project, event) for event in project.events]}


def _event(project: Project, event: Event) -> Json:
    when = event.when
    slide: Json = {"start_date": start_date(when)}
    end = end_date(when)
    if end is not None:
        slide["end_date"] = end
    slide |= {
        "display_date": when.label(),
        "text": {"headline": escape(event.title), "text": _text(project, event)},
        "group": project.text[event.text_slug].title,
        "unique_id": event.id,
    }
    return slide


def start_date(when: When) -> Json:
    """The first moment the date allows: the day after "on or before"'s first day, the
    start of a part of the day, else the date itself at its own precision."""
    if when.not_before is not None:
        first = when.not_before
        return {"year": first.year, "month": first.month, "day": first.day}
    bounds = when.local_range()
    if bounds is not None:
        return _moment(bounds[0])
    return _calendar(when)


def end_date(when: When) -> Json | None:
    """The last moment of a range, or None for a single date."""
    if when.not_before is not None:
        return _calendar(when)
    bounds = when.local_range()
    return _moment(bounds[1]) if bounds is not None else None


def _calendar(when: When) -> Json:
    date: Json = {"year": when.year}
    for key, value in (("month", when.month), ("day", when.day), ("hour", when.hour)):
        if value is None:
            return date
        date[key] = value
    if when.minute is not None:
        date["minute"] = when.minute
    return date


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
