"""Every reverse lookup the pages need, built once per build.

The model says who links to whom in one direction (a claim names its sources, its
`about` actors, the claims it lists); pages read the other direction too (what cites
a source, the claims about an actor). `ProjectIndex` walks the project once and keeps
each lookup as a mapping, so rendering never rescans the project.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from operator import attrgetter
from typing import Any

from builder.core.index_parts import IndexMemo, group
from builder.core.model import (
    Account,
    Actor,
    Claim,
    Context,
    Event,
    Mention,
    Project,
    SourceText,
)
from builder.core.sourcing import Link, LinkKind


@dataclass(frozen=True, kw_only=True)
class Citing:
    """What rests on one registry source."""

    claims: tuple[Claim, ...] = ()
    contexts: tuple[Context, ...] = ()
    events: tuple[Event, ...] = ()
    actors: tuple[Actor, ...] = ()
    is_text: tuple[SourceText, ...] = ()  # texts whose `source:` it is, or that list it
    reported_in: tuple[SourceText, ...] = ()  # texts whose claims rest on it by default


@dataclass(frozen=True, kw_only=True)
class LinkedClaim:
    """Another claim linked to a claim, and what the link means (builder/core/sourcing.py)."""

    claim: Claim
    kind: LinkKind


def _group(pairs: Iterable[tuple[str, object]]) -> dict[str, list[object]]:
    out: dict[str, list[object]] = defaultdict(list)
    for key, value in pairs:
        out[key].append(value)
    return out


@dataclass(frozen=True, kw_only=True)
class ProjectIndex:
    project: Project
    _claims_by: Mapping[str, tuple[Claim, ...]] = field(default_factory=dict)
    _claims_about: Mapping[str, tuple[Claim, ...]] = field(default_factory=dict)
    _mentions_of: Mapping[str, tuple[tuple[SourceText, Mention], ...]] = field(default_factory=dict)
    _citing: Mapping[str, Citing] = field(default_factory=dict)
    _inverse: Mapping[str, tuple[tuple[str, Actor], ...]] = field(default_factory=dict)
    _events: EventLookups = field(default_factory=lambda: EventLookups())

    @classmethod
    def build(cls, project: Project, memo: IndexMemo | None = None) -> ProjectIndex:
        """Every lookup, merged from each text's part (core/index_parts.py): with the
        `memo` of the previous build (`mkdocs serve`), only what a changed text names."""
        memo = memo or IndexMemo()  # a build from nothing keeps nothing
        parts = memo.parts(project.texts)

        def merged(name: str) -> Mapping[str, tuple[Any, ...]]:
            return memo.merged(name, tuple(map(attrgetter(name), parts)))

        return cls(
            project=project,
            _claims_by=merged("claims_by"),
            _claims_about=merged("claims_about"),
            _mentions_of=merged("mentions_of"),
            _citing=_citing(project, memo, {name: merged(name) for name in _CITING_PARTS}),
            _inverse=memo.kept("inverse", project.actors, partial(_inverse_relations, project)),
            _events=memo.kept("events", project.events, partial(_event_lookups, project)),
        )

    # --- claims, mentions, sources, relations ------------------------------------------

    def text(self, slug: str) -> SourceText:
        return self.project.text[slug]

    def claims_by(self, actor_id: str) -> tuple[Claim, ...]:
        """Claims whose attribution names the actor, as speaker or as relaying outlet."""
        return self._claims_by.get(actor_id, ())

    def claims_about(self, actor_id: str) -> tuple[Claim, ...]:
        """Claims `about` the actor, or whose quote mentions it."""
        return self._claims_about.get(actor_id, ())

    def mentions_of(self, actor_id: str) -> tuple[tuple[SourceText, Mention], ...]:
        return self._mentions_of.get(actor_id, ())

    def citing(self, source_id: str) -> Citing:
        return self._citing.get(source_id, Citing())

    def inverse_relations(self, actor_id: str) -> tuple[tuple[str, Actor], ...]:
        """(relation type, other actor) for each relation another actor has to this one."""
        return self._inverse.get(actor_id, ())

    def linked(self, claim: Claim, *kinds: LinkKind) -> tuple[LinkedClaim, ...]:
        """The claims linked to `claim` (in either direction) with the given kinds."""
        claims = self.project.annotation
        return tuple(
            LinkedClaim(claim=other, kind=link.kind)
            for link in claim.standing.links
            if link.kind in kinds and isinstance(other := claims.get(link.claim_id), Claim)
        )

    def by_text(self, claims: Sequence[Claim]) -> list[tuple[SourceText, list[Claim]]]:
        """`claims` grouped by the text they come from, in the order of the texts."""
        grouped = _group((c.anchor.text_slug, c) for c in claims)
        return [
            (t, [c for c in grouped[t.slug] if isinstance(c, Claim)])
            for t in self.project.texts
            if t.slug in grouped
        ]

    def report_title(self, report_id: str) -> str:
        """A report's name for readers: its registry title, or the title of its text."""
        if report_id.startswith("text:"):
            text = self.project.text.get(report_id[5:])
            return text.title if text else report_id
        source = self.project.source.get(report_id)
        return source.title if source else report_id

    # --- events and their accounts ----------------------------------------------------

    def event(self, event_id: str) -> Event | None:
        return self._events.event.get(event_id)

    def events_of(self, actor_id: str) -> tuple[Event, ...]:
        """The events an actor takes part in, in time order."""
        return self._events.of_actor.get(actor_id, ())

    def accounts_in(self, text_slug: str) -> tuple[tuple[Event, Account], ...]:
        """Each event a text gives an account of, with that account, in time order."""
        return self._events.by_text.get(text_slug, ())

    def events_in(self, text_slug: str) -> list[Event]:
        return [event for event, _ in self.accounts_in(text_slug)]

    def accounts_of(self, event_id: str) -> tuple[Account, ...]:
        event = self._events.event.get(event_id)
        return event.accounts if event is not None else ()


@dataclass(frozen=True, kw_only=True)
class EventLookups:
    event: Mapping[str, Event] = field(default_factory=dict)
    of_actor: Mapping[str, tuple[Event, ...]] = field(default_factory=dict)
    by_text: Mapping[str, tuple[tuple[Event, Account], ...]] = field(default_factory=dict)


def _event_lookups(project: Project) -> EventLookups:
    of_actor: dict[str, list[Event]] = defaultdict(list)
    by_text: dict[str, list[tuple[Event, Account]]] = defaultdict(list)
    for event in project.events:  # in time order: every list below is too
        for actor_id in event.actor_ids:
            of_actor[actor_id].append(event)
        for account in event.accounts:
            by_text[account.text_slug].append((event, account))
    return EventLookups(
        event={e.id: e for e in project.events},
        of_actor={k: tuple(v) for k, v in of_actor.items()},
        by_text={k: tuple(v) for k, v in by_text.items()},
    )


# The lookups of what cites a source that come from the texts' parts.
_CITING_PARTS = ("cited_claims", "cited_contexts", "is_text", "reported_in")
# All the lookups that what cites a source is made of (IndexMemo's names).
CITING_LOOKUPS = (*_CITING_PARTS, "cited_events", "cited_actors")


def _citing(
    project: Project, memo: IndexMemo, from_texts: dict[str, Mapping[str, tuple[Any, ...]]]
) -> dict[str, Citing]:
    events, actors = project.events, project.actors
    tables = {
        "claims": from_texts["cited_claims"],
        "contexts": from_texts["cited_contexts"],
        "events": memo.kept(
            "cited_events", events, lambda: group((s, e) for e in events for s in e.source_ids)
        ),
        "actors": memo.kept(
            "cited_actors", actors, lambda: group((s, a) for a in actors for s in a.source_ids)
        ),
        "is_text": from_texts["is_text"],
        "reported_in": from_texts["reported_in"],
    }
    changed = memo.changed_keys(CITING_LOOKUPS)

    def citing(source_id: str) -> Citing:
        return Citing(**{name: table.get(source_id, ()) for name, table in tables.items()})

    sources = project.sources
    return memo.rebuilt("citing", sources, lambda: (s.id for s in sources), changed, citing)


def _inverse_relations(project: Project) -> dict[str, tuple[tuple[str, Actor], ...]]:
    grouped: dict[str, list[tuple[str, Actor]]] = defaultdict(list)
    for other in project.actors:
        for relation in other.relations:
            grouped[relation.actor_id].append((relation.type, other))
    return {k: tuple(v) for k, v in grouped.items()}


__all__ = ["CITING_LOOKUPS", "Citing", "Link", "LinkedClaim", "ProjectIndex"]
