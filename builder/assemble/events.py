"""Stage 4, events: anchored passages and resolved dates, one event with its accounts.

An event is declared once (`id:`) and told by any number of texts (`account_of:`); each
account keeps its own date, passages and sources (builder/core/model.py `Account`).
"""

from __future__ import annotations

from dataclasses import dataclass

# --- building the model ----------------------------------------------------------------------
# Past this many unfound quotes in one text, each gets the short hint: explaining one
# scans the text a dozen times, and so many misses mean a wrong text, not typos.
from builder.assemble.anchorer import Anchorer
from builder.core.dates import When
from builder.core.diagnostics import Diagnostics
from builder.core.model import (
    Account,
    Anchor,
    Event,
)
from builder.input.event_resolve import DatedEntry, resolve_account_date, resolve_event_dates
from builder.input.load import YamlDocument, YamlPath
from builder.input.schema import (
    EventIn,
    Sidecar,
)
from builder.input.shape import Checked
from builder.input.validate import ValidatedProject


def pending_events(checked: Checked[Sidecar], slug: str, anchorer: Anchorer) -> list[PendingEvent]:
    pending: list[PendingEvent] = []
    for i, event in enumerate(checked.model.events):
        base = checked.at("events", i)
        anchors = tuple(
            anchor
            for j, quote in enumerate(event.passages)
            if (anchor := anchorer.anchor(quote, (*base, "passages", j))) is not None
        )
        pending.append(
            PendingEvent(
                entry=event, slug=slug, document=checked.document, path=base, anchors=anchors
            )
        )
    return pending


# --- events and their accounts -----------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class PendingEvent:
    """An entry of a sidecar's `events:` with its passages anchored, waiting for dates."""

    entry: EventIn
    slug: str
    document: YamlDocument
    path: YamlPath
    anchors: tuple[Anchor, ...]

    @property
    def dated(self) -> DatedEntry:
        return DatedEntry(event=self.entry, document=self.document, path=self.path)


def resolve_events(
    pending: list[PendingEvent], validated: ValidatedProject, diagnostics: Diagnostics
) -> tuple[Event, ...]:
    """Every event that can be dated and anchored, with its accounts, in time order.

    An event whose declaration is rejected, undated or unanchored is left out with its
    accounts (the problem is reported once); an account is left out on its own."""
    declarations = [p for p in pending if p.entry.id is not None]
    dates = resolve_event_dates(
        [p.dated for p in declarations], validated.rejected_events, diagnostics
    )
    titles = {p.entry.event_id: p.entry.title or p.entry.event_id for p in declarations}
    declared: dict[str, Account] = {}
    told: dict[str, list[Account]] = {}
    for item in pending:
        when = _account_date(item, dates, titles, validated, diagnostics)
        if when is None or len(item.anchors) != len(item.entry.passages):
            continue
        account = Account(
            event_id=item.entry.event_id,
            text_slug=item.slug,
            when=when,
            passages=item.anchors,
            source_ids=tuple(item.entry.sources),
            wording=item.entry.wording,
            note=item.entry.note,
            origin=item.document.location(item.path),
        )
        if item.entry.id is not None:
            declared[account.event_id] = account
        else:
            told.setdefault(account.event_id, []).append(account)
    events = [
        Event(
            id=item.entry.event_id,
            title=item.entry.title or item.entry.event_id,
            actor_ids=tuple(item.entry.actors),
            accounts=(own, *told.get(item.entry.event_id, [])),
            origin=own.origin,
        )
        for item in declarations
        if (own := declared.get(item.entry.event_id)) is not None
    ]
    order = {event_id: i for i, event_id in enumerate(titles)}
    events.sort(key=lambda e: (e.when.sort_key(), order[e.id]))
    return tuple(events)


def _account_date(
    item: PendingEvent,
    dates: dict[str, When],
    titles: dict[str, str],
    validated: ValidatedProject,
    diagnostics: Diagnostics,
) -> When | None:
    if item.entry.id is not None:
        return dates.get(item.entry.id)
    rejected = (item.slug, int(item.path[1])) in validated.rejected_accounts
    if rejected or item.entry.event_id not in dates:
        return None  # reported in stage 2, or its event is left out
    return resolve_account_date(item.dated, dates, titles, diagnostics)
