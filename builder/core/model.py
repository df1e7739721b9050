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


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    publisher: str | None
    date: str | None
    kind: str
    url: str | None
    note: str | None
    origin: Location


@dataclass(frozen=True)
class Relation:
    type: str
    actor_id: str
    label: str | None  # the contributor's own wording; else render/labels.py words it


@dataclass(frozen=True)
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


@dataclass(frozen=True)
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


@dataclass(frozen=True)
class Context:
    id: str
    anchor: Anchor
    note: str
    source_ids: tuple[str, ...]
    origin: Location
    kind: Literal["context"] = "context"


@dataclass(frozen=True)
class TextNote:
    id: str
    anchor: Anchor
    problem: str
    note: str
    probable_reading: str | None
    origin: Location
    kind: Literal["text_note"] = "text_note"


Annotation = Claim | Context | TextNote


@dataclass(frozen=True)
class Mention:
    anchor: Anchor
    actor_id: str
    explicit: bool


@dataclass(frozen=True)
class Event:
    id: str
    title: str
    when: When
    wording: str | None
    actor_ids: tuple[str, ...]
    source_ids: tuple[str, ...]
    passages: tuple[Anchor, ...]
    note: str | None
    text_slug: str
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


@dataclass(frozen=True)
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
        return {a.id: a for t in self.texts for a in t.annotations}

    @cached_property
    def claims(self) -> tuple[Claim, ...]:
        return tuple(a for t in self.texts for a in t.annotations if isinstance(a, Claim))
