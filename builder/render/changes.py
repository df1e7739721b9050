"""Which pages an edit can reach, known from what changed, for `mkdocs serve`.

render/reuse.py decides page by page: it works out a page's inputs and compares them with
the previous build's. That costs about 13 µs a page even when nothing changed, 20 ms for
the pages of 1,000 texts. Most rebuilds follow an edit to one file, so this module goes the
other way: from what changed (the texts that are new objects, the keys of the reverse
lookups merged again, core/index_parts.py) to the pages whose inputs it can reach. Every
other page is the previous build's as it was, without its inputs being worked out.

`Reach` must never say less than the inputs of reuse.py read: a page outside it has to
have, object for object, the inputs it had. For each kind of page:
- a text page (`text_inputs`): its text, the claims its claims are linked to, its
  accounts of events. It is reached when its text is a new object, when a text holding
  (before or after the edit) one of the claims it links to changed, or when the events did;
- an actor page (`actor_inputs`) and an actor's card (previews.Finisher): the actor, the
  relations other actors have to it, its events, and its keys of `claims_by`,
  `claims_about` and `mentions_of`. It is reached when the actor registry or the events
  are new objects, or when one of its keys was merged again;
- a section of the sources page (`source_inputs`): the source and what cites it. It is
  reached when the source registry is a new object or one of the keys of what cites
  the source was merged again.
Anything else (a changed registry, too many changed texts for the lookups to be merged key
by key) reaches every page of that kind, and reuse.py decides as before.
tests/test_incremental.py checks every edit of the fixtures against a build from nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from builder.core.index import CITING_LOOKUPS
from builder.core.index_parts import IndexMemo
from builder.core.model import Actor, Event, Project, Source, SourceText

# The lookups an actor's page and card read by its id (core/index_parts.py).
_ACTOR_LOOKUPS = ("claims_by", "claims_about", "mentions_of")


@dataclass(frozen=True, kw_only=True)
class Seen:
    """What the previous build's pages were made of."""

    texts: Mapping[str, SourceText]
    actors: tuple[Actor, ...]
    events: tuple[Event, ...]
    sources: tuple[Source, ...]

    @classmethod
    def of(cls, project: Project) -> Seen:
        return cls(
            texts=project.text,
            actors=project.actors,
            events=project.events,
            sources=project.sources,
        )


@dataclass(frozen=True, kw_only=True)
class Reach:
    """The text slugs, actor ids and source ids whose pages (or sources-page sections) an
    edit may have changed; None for all of them."""

    texts: frozenset[str] | None = None
    actors: frozenset[str] | None = None
    sources: frozenset[str] | None = None

    def text(self, slug: str) -> bool:
        return self.texts is None or slug in self.texts

    def actor(self, actor_id: str) -> bool:
        return self.actors is None or actor_id in self.actors

    def source(self, source_id: str) -> bool:
        return self.sources is None or source_id in self.sources


EVERYTHING = Reach()


def reach(project: Project, seen: Seen | None, memo: IndexMemo | None) -> Reach:
    """What the edits since the build that `seen` describes can reach. `memo` is the
    index memo, after this build's `ProjectIndex.build` (its `changed` keys)."""
    if seen is None or memo is None:
        return EVERYTHING
    events_same = project.events is seen.events
    return Reach(
        texts=_texts(project, seen) if events_same else None,
        actors=_keys(memo, _ACTOR_LOOKUPS)
        if events_same and project.actors is seen.actors
        else None,
        sources=_keys(memo, CITING_LOOKUPS) if project.sources is seen.sources else None,
    )


def _texts(project: Project, seen: Seen) -> frozenset[str]:
    now = project.text
    changed = [t for t in project.texts if seen.texts.get(t.slug) is not t]
    changed += [t for slug, t in seen.texts.items() if now.get(slug) is not t]  # as they were
    # The claims that are new objects, or that are gone: held by a changed text.
    ids = {a.id for text in changed for a in text.annotations}
    linking = (t.slug for t in project.texts if not ids.isdisjoint(t.linked_claim_ids))
    return frozenset((*(t.slug for t in changed), *linking))


def _keys(memo: IndexMemo, names: tuple[str, ...]) -> frozenset[str] | None:
    keys = memo.changed_keys(names)
    return None if keys is None else frozenset(keys)
