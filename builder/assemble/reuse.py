"""Texts anchored by the previous build, for `mkdocs serve`.

Anchoring a text (its quotes, its alias mentions, its event passages) depends on the
text, its sidecar and the actor registry (aliases and kinds) only. A text whose three
inputs are unchanged since the previous build keeps what that build made: the same
objects, with the diagnostics they gave, replayed. The sidecar and the registry are
recognised by their parsed data, which the parse memo (builder/input/load.py) hands
out as the very same object while a file's content is unchanged; an entry keeps that
object alive, so its identity cannot be reused by another.

The text with its claims' standings (decided across all texts) is kept too, and
reused when the standings are unchanged: the pages of an unchanged text then see the
same object, so comparing their inputs (builder/render/reuse.py) costs nothing.

The steps across texts (the registries as model objects, the standings of all claims,
the dates of all events) read a part of each text that is kept with it (`facts`,
`events_read`): they run again only when a part differs (builder/core/steps.py), not
when a summary or a note is edited.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from builder.anchoring.mentions import Alias, AliasFinder
from builder.assemble.events import PendingEvent
from builder.core.diagnostics import Diagnostics
from builder.core.model import Actor, Claim, SourceText
from builder.core.sourcing import ClaimFacts, Standing
from builder.core.steps import StepMemo


@dataclass(frozen=True, kw_only=True)
class AnchoredText:
    text: str
    path: str
    sidecar: object  # the sidecar's parsed data
    registry: object  # the actor registry's parsed data (None without one)
    anchored: SourceText  # before standings
    pending: tuple[PendingEvent, ...]
    diagnostics: Diagnostics

    @cached_property
    def facts(self) -> tuple[ClaimFacts, ...]:
        """What the standings read of this text's claims (builder/core/sourcing.py)."""
        return tuple(
            ClaimFacts(
                id=c.id,
                report=c.report_id,
                about=frozenset(c.about),
                speaker=c.attribution.actor_id,
                corroborated_by=c.corroborated_by,
                contradicted_by=c.contradicted_by,
            )
            for c in self.anchored.annotations
            if isinstance(c, Claim)
        )

    @cached_property
    def events_read(self) -> object:
        """All that dating the events (assemble/events.py) reads of this text: its
        entries of `events:`, their paths and passages, and the positions in the sidecar
        of everything under `events:` (and of the file itself, the last resort of a
        location), at which its diagnostics and the accounts' origins are."""
        if not self.pending:
            return self.anchored.slug
        document = self.pending[0].document
        return (
            self.anchored.slug,
            document.path,
            tuple((p.entry, p.path, p.anchors) for p in self.pending),
            _under_events(document.positions),
            _under_events(document.key_positions),
        )


def _under_events(positions: Mapping[tuple[str | int, ...], int]) -> object:
    return tuple((p, at) for p, at in positions.items() if not p or p[0] == "events")


@dataclass
class AssemblyMemo:
    texts: dict[str, AnchoredText] = field(default_factory=dict)
    finals: dict[str, tuple[SourceText, SourceText]] = field(default_factory=dict)
    anchored: int = 0  # texts anchored (not reused) by the last build
    _next: dict[str, AnchoredText] = field(default_factory=dict)
    _registry: tuple[object, AliasFinder, dict[str, str]] | None = None
    steps: StepMemo = field(default_factory=StepMemo)  # the steps across texts
    decided: Mapping[str, Standing] | None = None  # the standings the finals have

    def registry_views(
        self, actors: Sequence[Actor], registry: object
    ) -> tuple[AliasFinder, dict[str, str]]:
        """What anchoring needs of the actor registry, made once per registry content: one
        pattern for all aliases of all actors, and each actor's kind."""
        if self._registry is None or self._registry[0] is not registry:
            aliases = [Alias(name, a.id) for a in actors for name in (a.name, *a.aliases)]
            self._registry = (registry, AliasFinder(aliases), {a.id: a.kind for a in actors})
        return self._registry[1], self._registry[2]

    def begin(self) -> None:
        self._next, self.anchored = {}, 0
        self.steps.begin()

    def reused(
        self, slug: str, text: str, path: str, sidecar: object, registry: object
    ) -> AnchoredText | None:
        kept = self.texts.get(slug)
        if (
            kept is not None
            and kept.sidecar is sidecar
            and kept.registry is registry
            and kept.path == path
            and kept.text == text
        ):
            self._next[slug] = kept
            return kept
        return None

    def keep(self, slug: str, entry: AnchoredText) -> None:
        self._next[slug] = entry
        self.anchored += 1

    def final(self, anchored: SourceText) -> SourceText | None:
        """The last build's text with standings, if it came from this very `anchored`."""
        kept = self.finals.get(anchored.slug)
        return kept[1] if kept is not None and kept[0] is anchored else None

    def end(
        self, finals: dict[str, tuple[SourceText, SourceText]], decided: Mapping[str, Standing]
    ) -> None:
        self.texts, self.finals, self.decided = self._next, finals, decided
        self.steps.end()
