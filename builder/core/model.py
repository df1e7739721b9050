"""The anchored project model: frozen dataclasses every renderer reads.

Each carries `origin`, the place in a contributor file it came from, so any later stage
can still point at it. Built by builder/assemble/project.py; imports nothing above core.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Literal

from builder.core.dates import When
from builder.core.diagnostics import Location
from builder.core.sourcing import ClaimStatus, Count, Standing
from builder.core.spans import Paragraph, Span


@dataclass(frozen=True, kw_only=True)
class Source:
    id: str
    title: str
    publisher: str | None
    date: str | None
    kind: str
    url: str | None
    note: str | None
    origin: Location


@dataclass(frozen=True, kw_only=True)
class Relation:
    type: str
    actor_id: str
    label: str | None  # the contributor's own wording; else render/labels.py words it


@dataclass(frozen=True, kw_only=True)
class Actor:
    id: str
    name: str
    kind: str
    role: str | None
    aliases: tuple[str, ...]
    relations: tuple[Relation, ...]
    profile: str | None
    source_ids: tuple[str, ...]
    origin: Location


@dataclass(frozen=True, kw_only=True)
class Anchor:
    """Where a quote sits: in which text, at which code points, in which paragraph."""

    text_slug: str
    span: Span
    paragraph: int
    quote: str
    text_line: int
    text_col: int


@dataclass(frozen=True, kw_only=True)
class Attribution:
    by: str
    actor_id: str | None
    named: bool
    unattributed: bool  # the text gives no source at all: shown as such, never "anonymous"
    count: Count  # parsed (builder/core/sourcing.py); kind "not_stated" when absent
    relayed_by: str | None


@dataclass(frozen=True, kw_only=True)
class Claim:
    id: str
    anchor: Anchor
    summary: str | None
    attribution: Attribution
    report_id: str  # a registry source id, or "text:<slug>" (the text itself)
    standing: Standing  # derived from the links, both directions (builder/core/sourcing.py)
    corroborated_by: tuple[str, ...]  # as the contributor listed them, one way
    contradicted_by: tuple[str, ...]
    about: tuple[str, ...]
    source_ids: tuple[str, ...]  # includes the report when it is a registry source
    note: str | None
    origin: Location
    kind: Literal["claim"] = "claim"

    @property
    def status(self) -> ClaimStatus:
        return self.standing.status


@dataclass(frozen=True, kw_only=True)
class Context:
    id: str
    anchor: Anchor
    note: str
    source_ids: tuple[str, ...]
    origin: Location
    kind: Literal["context"] = "context"


@dataclass(frozen=True, kw_only=True)
class TextNote:
    id: str
    anchor: Anchor
    problem: str
    note: str
    probable_reading: str | None
    origin: Location
    kind: Literal["text_note"] = "text_note"


Annotation = Claim | Context | TextNote


@dataclass(frozen=True, kw_only=True)
class Mention:
    anchor: Anchor
    actor_id: str
    explicit: bool


@dataclass(frozen=True, kw_only=True)
class Account:
    """One text's account of an event: its own date, passages, sources and wording."""

    event_id: str
    text_slug: str
    when: When
    passages: tuple[Anchor, ...]
    source_ids: tuple[str, ...]
    wording: str | None
    note: str | None
    origin: Location


@dataclass(frozen=True, kw_only=True)
class Event:
    """An event, declared once, told by one or more accounts (the declaring one first).

    `when`, `text_slug`, `passages`, `wording` and `note` are the declaring account's: it
    places the event in the chronology."""

    id: str
    title: str
    actor_ids: tuple[str, ...]
    accounts: tuple[Account, ...]
    origin: Location

    @property
    def declared(self) -> Account:
        return self.accounts[0]

    @property
    def when(self) -> When:
        return self.declared.when

    @property
    def text_slug(self) -> str:
        return self.declared.text_slug

    @property
    def passages(self) -> tuple[Anchor, ...]:
        return self.declared.passages

    @property
    def wording(self) -> str | None:
        return self.declared.wording

    @property
    def note(self) -> str | None:
        return self.declared.note

    @property
    def source_ids(self) -> tuple[str, ...]:
        """Every source of every account, once each, in order."""
        return tuple(dict.fromkeys(s for a in self.accounts for s in a.source_ids))

    @property
    def accounts_differ(self) -> bool:
        """True when two accounts give the event different dates, times or precisions."""
        return len({a.when.reading() for a in self.accounts}) > 1


# The editorial coverage rules (builder/coverage/) a sidecar's `waivers:` may name.
CoverageRule = Literal["uncovered-statement", "bare-paragraph", "unlinked-alias", "unplaced-date"]
COVERAGE_RULES: tuple[CoverageRule, ...] = (
    "uncovered-statement",
    "bare-paragraph",
    "unlinked-alias",
    "unplaced-date",
)


@dataclass(frozen=True, kw_only=True)
class Waiver:
    """A sidecar's explicit exemption from one coverage rule for the passage it quotes."""

    rule: CoverageRule
    anchor: Anchor
    reason: str
    origin: Location


@dataclass(frozen=True, kw_only=True)
class TranslationOf:
    source_id: str
    language: str | None
    translator_id: str | None  # None: the translator is unknown


@dataclass(frozen=True, kw_only=True)
class SourceText:
    slug: str
    path: str
    title: str
    title_note: str | None
    kind: str  # news_report, official_statement, ... (render/labels.py words it)
    author_id: str | None
    outlet_id: str | None
    publisher: str | None  # free text
    original_outlet: str | None  # deprecated free text, shown as given
    translation_of: TranslationOf | None
    source_id: str | None  # the registry source that is this text
    report_id: str  # the default report of its claims (sourcing.text_report when none)
    published: str | None
    language: str
    url: str | None
    provenance: str
    source_ids: tuple[str, ...]
    text: str
    paragraphs: tuple[Paragraph, ...]
    annotations: tuple[Annotation, ...]
    mentions: tuple[Mention, ...]
    origin: Location
    waivers: tuple[Waiver, ...] = ()

    @cached_property
    def annotation(self) -> Mapping[str, Annotation]:
        """Its annotations by id, made once per text object (Project.annotation merges
        them: under `mkdocs serve` an unchanged text is the previous build's object)."""
        return {a.id: a for a in self.annotations}

    @cached_property
    def linked_claim_ids(self) -> tuple[str, ...]:
        """The ids of the claims its claims are linked to (their standings' links)."""
        return tuple(
            link.claim_id
            for claim in self.annotations
            if isinstance(claim, Claim)
            for link in claim.standing.links
        )


@dataclass(frozen=True, kw_only=True)
class Project:
    texts: tuple[SourceText, ...]
    actors: tuple[Actor, ...]
    sources: tuple[Source, ...]
    events: tuple[Event, ...]  # in chronological order

    @cached_property
    def actor(self) -> Mapping[str, Actor]:
        return {a.id: a for a in self.actors}

    @cached_property
    def source(self) -> Mapping[str, Source]:
        return {s.id: s for s in self.sources}

    @cached_property
    def text(self) -> Mapping[str, SourceText]:
        return {t.slug: t for t in self.texts}

    @cached_property
    def annotation(self) -> Mapping[str, Annotation]:
        merged: dict[str, Annotation] = {}
        for text in self.texts:
            merged.update(text.annotation)
        return merged

    @cached_property
    def claims(self) -> tuple[Claim, ...]:
        return tuple(a for t in self.texts for a in t.annotations if isinstance(a, Claim))
