"""The chronology as a timeline: what each entry shows, worked out before the template.

One entry per event. Each account of it (one per text that tells it) shows its date in
plain words, who says so (the claims marked on its passages), one line of sourcing with
the claims' status, and, on demand, its passages with the words that date it picked out
(never quoted twice). The filters need the actors and texts of every event.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from itertools import groupby

from markupsafe import Markup

from builder.core.date_words import MONTHS
from builder.core.dates import When
from builder.core.model import Account, Anchor, Claim, Event, Project, SourceText
from builder.render import labels
from builder.render.escape import verbatim


@dataclass(frozen=True, kw_only=True)
class QuoteView:
    """A passage of an account, split around the words that date it (if they are in it)."""

    anchor: Anchor
    index: int  # its place among the account's passages: the `ev-ID_N` anchor
    before: str
    wording: str
    after: str


@dataclass(frozen=True, kw_only=True)
class AccountView:
    account: Account
    text: SourceText
    claims: tuple[Claim, ...]  # marked on its passages, in text order
    speakers: tuple[Claim, ...]  # one claim per distinct "who says so"
    statuses: tuple[Claim, ...]  # one claim per distinct status tag
    paragraphs: tuple[tuple[int, int], ...]  # (paragraph, first passage index in it)
    other_source_ids: tuple[str, ...]  # sources other than the text itself
    quotes: tuple[QuoteView, ...]
    wording_apart: str | None  # the dating words, when no passage contains them


@dataclass(frozen=True, kw_only=True)
class EventView:
    event: Event
    accounts: tuple[AccountView, ...]


@dataclass(frozen=True, kw_only=True)
class DayView:
    label: str
    events: tuple[EventView, ...]


@dataclass(frozen=True, kw_only=True)
class Timeline:
    days: tuple[DayView, ...]
    total: int
    actors: tuple[tuple[str, str, int], ...]  # (id, name, events), by name
    texts: tuple[tuple[str, str, int], ...]  # (slug, title, events), in reading order


def claims_over(text: SourceText, passages: tuple[Anchor, ...]) -> tuple[Claim, ...]:
    """The claims of `text` whose quotes overlap one of the passages, in text order."""
    return tuple(
        a
        for a in text.annotations
        if isinstance(a, Claim)
        and any(
            a.anchor.span.start < p.span.end and p.span.start < a.anchor.span.end for p in passages
        )
    )


def _distinct(claims: tuple[Claim, ...], key: Callable[[Claim], object]) -> tuple[Claim, ...]:
    seen: dict[object, Claim] = {}
    for claim in claims:
        seen.setdefault(key(claim), claim)
    return tuple(seen.values())


def _quotes(account: Account) -> tuple[tuple[QuoteView, ...], str | None]:
    wording, placed = account.wording, False
    quotes = []
    for index, anchor in enumerate(account.passages):
        at = anchor.quote.find(wording) if wording and not placed else -1
        if at >= 0 and wording:
            placed = True
            parts = anchor.quote[:at], wording, anchor.quote[at + len(wording) :]
        else:
            parts = anchor.quote, "", ""
        quotes.append(
            QuoteView(anchor=anchor, index=index, before=parts[0], wording=parts[1], after=parts[2])
        )
    return tuple(quotes), (None if placed else wording)


def account_view(
    account: Account, text: SourceText, status_key: Callable[[Claim], object]
) -> AccountView:
    claims = claims_over(text, account.passages)
    paragraphs: dict[int, int] = {}
    for index, anchor in enumerate(account.passages):
        paragraphs.setdefault(anchor.paragraph, index)
    quotes, apart = _quotes(account)
    return AccountView(
        account=account,
        text=text,
        claims=claims,
        speakers=_distinct(claims, lambda c: c.attribution.actor_id or c.attribution.by),
        statuses=_distinct(claims, status_key),
        paragraphs=tuple(paragraphs.items()),
        other_source_ids=tuple(s for s in account.source_ids if s != text.source_id),
        quotes=quotes,
        wording_apart=apart,
    )


def timeline(project: Project, status_key: Callable[[Claim], object]) -> Timeline:
    """Every event, grouped under its day's heading (honest sections such as "On or before
    2 December" kept), with the filters' choices."""
    events = [
        EventView(
            event=e,
            accounts=tuple(
                account_view(a, project.text[a.text_slug], status_key) for a in e.accounts
            ),
        )
        for e in project.events
    ]
    grouped = groupby(events, key=lambda v: (v.event.when.group_key(), v.event.when.group_label()))
    days = tuple(DayView(label=label, events=tuple(group)) for (_, label), group in grouped)
    actors = Counter(a for e in project.events for a in dict.fromkeys(e.actor_ids))
    texts = Counter(
        s for e in project.events for s in dict.fromkeys(a.text_slug for a in e.accounts)
    )
    return Timeline(
        days=days,
        total=len(events),
        actors=tuple(
            sorted(
                ((a, project.actor[a].name, n) for a, n in actors.items()),
                key=lambda x: (x[1].casefold(), x[0]),
            )
        ),
        texts=tuple((t.slug, t.title, texts[t.slug]) for t in project.texts if t.slug in texts),
    )


def _short_day(when: When) -> str:
    if when.month is None:
        return str(when.year)
    if when.day is None:
        return f"{MONTHS[when.month - 1][:3]} {when.year}"
    return f"{when.day} {MONTHS[when.month - 1][:3]}"


def _day_words(when: When, day_shown: bool) -> str | None:
    """The day, when the section heading does not already say it: 'on or before 8 Dec'."""
    day = _short_day(when)
    if when.not_before is not None and when.day is not None:
        first = when.not_before
        same_month = (first.year, first.month) == (when.year, when.month)
        start = f"{first.day}" if same_month else f"{first.day} {MONTHS[first.month - 1][:3]}"
        return labels.TL_BETWEEN.format(start=start, end=day)
    if when.qualifier in ("before", "by", "after") or (
        when.qualifier == "about" and not when.has_time
    ):
        return f"{labels.SHORT_QUALIFIER[when.qualifier]} {day}"
    return None if day_shown else day


def _time_words(when: When) -> str:
    """The time of day in plain words, or what the text leaves out ('time not given')."""
    if when.part_of_day is not None:
        return when.part_of_day
    if when.hour is None:
        return labels.TL_NOT_GIVEN[when.precision]
    about = f"{labels.SHORT_QUALIFIER['about']} " if when.qualifier == "about" else ""
    clock = f"{when.hour:02d}:{when.minute:02d}" if when.minute is not None else f"{when.hour:02d}h"
    words = f"{about}{clock} {labels.TL_LOCAL}"
    if when.minute is None:
        words += f" ({labels.TL_HOUR_ONLY})"
    utc = when.utc()
    if utc is not None:
        utc_clock = f"{utc:%H:%M}" if when.minute is not None else f"{utc:%H}h"
        shift = "" if utc.date() == (when.local() or utc).date() else f" {_short_day_of(utc)}"
        words += f", {utc_clock} UTC{shift}"
    return words


def _short_day_of(moment: datetime) -> str:
    return f"on {moment.day} {MONTHS[moment.month - 1][:3]}"


def when_words(when: When, day_shown: bool = True) -> str:
    """A date in plain words for a timeline entry: 'evening', 'time not given',
    '20:00 local time, 17:00 UTC', 'on or before 8 Dec, time not given'. `day_shown`: the
    section heading already names the day, so only a qualifier or range repeats it."""
    day = _day_words(when, day_shown)
    time = _time_words(when)
    return f"{day}, {time}" if day else time


def shows_full_date(when: When, section: str) -> bool:
    """Whether the details spell the date out: a time, a derivation, or another day."""
    return when.time_label() is not None or when.derivation is not None or when.label() != section


def quote_line(quote: QuoteView) -> Markup:
    """A passage as the content of a Markdown quote line, its dating words in bold."""
    parts: list[str] = []
    for piece, words in ((quote.before, False), (quote.wording, True), (quote.after, False)):
        if not piece:
            continue
        text = verbatim(piece, block_start=not parts)
        parts.append(f'<strong class="tl-words">{text}</strong>' if words else text)
    return Markup("".join(parts))
