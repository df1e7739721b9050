"""Stage 4: assemble the anchored project model (builder/core/model.py).

Frozen dataclasses that every renderer reads. Each carries `origin`, the place
in a contributor file it came from, so any later stage can still point at it.
`build_project` turns a validated project into this model, anchoring quotes and
resolving dates, and reports what it cannot anchor or resolve.
"""

from __future__ import annotations

from bisect import bisect_right

from builder.anchoring.mentions import Alias, AliasFinder
from builder.anchoring.quotes import (
    COPY_HINT,
    NOT_FOUND,
    QuoteProblem,
    SearchText,
    explain_ambiguous,
    explain_missing,
    find_quote,
    split_character,
)
from builder.core.diagnostics import Diagnostics, Location
from builder.core.model import (
    Actor,
    Anchor,
    Annotation,
    Attribution,
    Claim,
    Context,
    Event,
    Mention,
    Project,
    Relation,
    Source,
    SourceText,
    TextNote,
)
from builder.core.spans import Span, paragraphs
from builder.input.event_dates import DatedEntry, resolve_event_dates
from builder.input.load import YamlDocument, YamlPath
from builder.input.schema import (
    ActorIn,
    ClaimIn,
    ContextIn,
    EventIn,
    MentionIn,
    QuoteSelector,
    TextNoteIn,
)
from builder.input.validate import ValidatedProject

# --- building the model ----------------------------------------------------------------------


# Past this many unfound quotes in one text, each gets the short hint: explaining one
# scans the text a dozen times, and so many misses mean a wrong text, not typos.
MAX_EXPLAINED = 100


class _Anchorer:
    def __init__(self, slug: str, text: str, document: YamlDocument, diagnostics: Diagnostics):
        self.slug = slug
        self.text = text
        self.search = SearchText(text)
        self.document = document
        self.diagnostics = diagnostics
        self.paragraphs = paragraphs(text)
        self._paragraph_starts = [p.span.start for p in self.paragraphs]
        self._explained = 0

    def anchor(self, selector: QuoteSelector, path: YamlPath) -> Anchor | None:
        hits = find_quote(self.text, selector.exact, selector.prefix, selector.suffix)
        location = self.document.location(path)
        if hits.count != 1:
            problem = (
                self._explain_missing(selector)
                if not hits.count
                else explain_ambiguous(self.search, hits)
            )
            self.diagnostics.error(location, problem.message, problem.hint)
            return None
        split = split_character(self.text, hits.spans[0])
        if split is not None:
            self.diagnostics.error(location, split.message, split.hint)
            return None
        return self.anchor_span(hits.spans[0], location)

    def _explain_missing(self, selector: QuoteSelector) -> QuoteProblem:
        self._explained += 1
        if self._explained > MAX_EXPLAINED:
            return QuoteProblem(NOT_FOUND, COPY_HINT)
        return explain_missing(self.search, selector.exact, selector.prefix, selector.suffix)

    def anchor_span(self, span: Span, location: Location | None = None) -> Anchor | None:
        index = bisect_right(self._paragraph_starts, span.start) - 1
        paragraph = self.paragraphs[index] if index >= 0 else None
        if paragraph is None or span.start >= paragraph.span.end or span.end > paragraph.span.end:
            if location is not None:
                self.diagnostics.error(
                    location,
                    "quote spans more than one paragraph",
                    "annotate each paragraph separately",
                )
            return None
        line, col = self.search.line_col(span.start)
        return Anchor(
            self.slug, span, paragraph.number, self.text[span.start : span.end], line, col
        )


def _actor(raw: ActorIn, origin: Location) -> Actor:
    relations = tuple(Relation(r.type, r.actor, r.label) for r in raw.relations)
    return Actor(
        raw.id,
        raw.name,
        raw.kind,
        raw.role,
        tuple(raw.aliases),
        relations,
        raw.profile,
        tuple(raw.sources),
        origin,
    )


def build_project(validated: ValidatedProject, diagnostics: Diagnostics) -> Project:
    actors: list[Actor] = []
    if validated.actors:
        checked_actors = validated.actors
        actors = [
            _actor(a, checked_actors.document.location(checked_actors.at("actors", i)))
            for i, a in enumerate(checked_actors.model.actors)
        ]
    sources: list[Source] = []
    if validated.sources:
        doc = validated.sources.document
        sources = [
            Source(
                s.id,
                s.title,
                s.publisher,
                s.date,
                s.kind,
                s.url,
                s.note,
                doc.location(validated.sources.at("sources", i)),
            )
            for i, s in enumerate(validated.sources.model.sources)
        ]
    # One pattern for all aliases of all actors, compiled once for every text.
    aliases = AliasFinder([Alias(name, a.id) for a in actors for name in (a.name, *a.aliases)])

    texts: list[SourceText] = []
    pending_events: list[tuple[EventIn, str, YamlDocument, YamlPath, tuple[Anchor, ...]]] = []
    for slug, checked in sorted(validated.sidecars.items()):
        raw_text = validated.texts.get(slug)
        if raw_text is None:
            continue
        sidecar, doc = checked.model, checked.document
        anchorer = _Anchorer(slug, raw_text.text, doc, diagnostics)
        annotations: list[Annotation] = []
        explicit: list[Mention] = []
        for i, item in enumerate(sidecar.annotations):
            base: YamlPath = checked.at("annotations", i)
            anchor = anchorer.anchor(item.quote, (*base, "quote"))
            if anchor is None:
                continue
            origin = doc.location(base)
            if isinstance(item, ClaimIn):
                a = item.attribution
                annotations.append(
                    Claim(
                        item.id,
                        anchor,
                        item.summary,
                        Attribution(a.by, a.actor, a.named, a.count, a.relayed_by),
                        item.status,
                        tuple(item.corroborated_by),
                        tuple(item.contradicted_by),
                        tuple(item.about),
                        tuple(item.sources),
                        item.note,
                        origin,
                    )
                )
            elif isinstance(item, ContextIn):
                annotations.append(Context(item.id, anchor, item.note, tuple(item.sources), origin))
            elif isinstance(item, TextNoteIn):
                annotations.append(
                    TextNote(
                        item.id, anchor, item.problem, item.note, item.probable_reading, origin
                    )
                )
            elif isinstance(item, MentionIn):
                explicit.append(Mention(anchor, item.actor, explicit=True))
        found = aliases.mentions(raw_text.text, taken=[m.anchor.span for m in explicit])
        mentions = list(explicit)
        for match in found:
            anchor = anchorer.anchor_span(match.span)
            if anchor is not None:
                mentions.append(Mention(anchor, match.actor_id, explicit=False))
        mentions.sort(key=lambda m: m.anchor.span)
        for i, event in enumerate(sidecar.events):
            base = checked.at("events", i)
            anchors = tuple(
                anchor
                for j, quote in enumerate(event.passages)
                if (anchor := anchorer.anchor(quote, (*base, "passages", j))) is not None
            )
            pending_events.append((event, slug, doc, base, anchors))
        texts.append(
            SourceText(
                slug,
                raw_text.path,
                sidecar.title,
                sidecar.title_note,
                sidecar.publisher,
                sidecar.original_outlet,
                sidecar.published,
                sidecar.language,
                sidecar.url,
                sidecar.provenance,
                tuple(sidecar.sources),
                raw_text.text,
                tuple(anchorer.paragraphs),
                tuple(sorted(annotations, key=lambda a: (a.anchor.span, a.id))),
                tuple(mentions),
                doc.location(()),
            )
        )
    events = _resolve_events(pending_events, validated.rejected_events, diagnostics)
    return Project(tuple(texts), tuple(actors), tuple(sources), events)


def _resolve_events(
    pending: list[tuple[EventIn, str, YamlDocument, YamlPath, tuple[Anchor, ...]]],
    rejected: frozenset[str],
    diagnostics: Diagnostics,
) -> tuple[Event, ...]:
    dates = resolve_event_dates(
        [DatedEntry(event=event, document=doc, path=base) for event, _, doc, base, _ in pending],
        rejected,
        diagnostics,
    )
    events: list[Event] = []
    for event, slug, doc, base, anchors in pending:
        when = dates.get(event.id)
        if when is None or len(anchors) != len(event.passages):
            continue
        events.append(
            Event(
                event.id,
                event.title,
                when,
                event.wording,
                tuple(event.actors),
                tuple(event.sources),
                anchors,
                event.note,
                slug,
                doc.location(base),
            )
        )
    order = {p[0].id: i for i, p in enumerate(pending)}
    events.sort(key=lambda e: (e.when.sort_key(), order[e.id]))
    return tuple(events)
