"""Stage 4: assemble the anchored project model (builder/core/model.py).

Frozen dataclasses that every renderer reads. Each carries `origin`, the place
in a contributor file it came from, so any later stage can still point at it.
`build_project` turns a validated project into this model, anchoring quotes and
resolving dates, and reports what it cannot anchor or resolve.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, replace

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
from builder.core.dates import When
from builder.core.diagnostics import Diagnostics, Location
from builder.core.model import (
    Account,
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
    TranslationOf,
)
from builder.core.sourcing import (
    NOT_STATED,
    SPEAKS_FOR,
    ClaimFacts,
    Standing,
    attribution_count,
    standings,
    text_report,
)
from builder.core.spans import Span, paragraphs
from builder.input.claims import claim_report
from builder.input.event_dates import DatedEntry, resolve_account_date, resolve_event_dates
from builder.input.load import YamlDocument, YamlPath
from builder.input.schema import (
    ActorIn,
    ClaimIn,
    ContextIn,
    EventIn,
    MentionIn,
    QuoteSelector,
    Sidecar,
    TextNoteIn,
)
from builder.input.shape import Checked
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


def _actors(validated: ValidatedProject) -> list[Actor]:
    checked = validated.actors
    if checked is None:
        return []
    return [
        _actor(a, checked.document.location(checked.at("actors", i)))
        for i, a in enumerate(checked.model.actors)
    ]


def _sources(validated: ValidatedProject) -> list[Source]:
    checked = validated.sources
    if checked is None:
        return []
    return [
        Source(
            s.id,
            s.title,
            s.publisher,
            s.date,
            s.kind,
            s.url,
            s.note,
            checked.document.location(checked.at("sources", i)),
        )
        for i, s in enumerate(checked.model.sources)
    ]


# Pending events: (event, text slug, document, YAML path, anchored passages).


def build_project(validated: ValidatedProject, diagnostics: Diagnostics) -> Project:
    actors = _actors(validated)
    sources = _sources(validated)
    # One pattern for all aliases of all actors, compiled once for every text.
    aliases = AliasFinder([Alias(name, a.id) for a in actors for name in (a.name, *a.aliases)])
    actor_kinds = {a.id: a.kind for a in actors}
    texts: list[SourceText] = []
    pending_events: list[_PendingEvent] = []
    for slug, checked in sorted(validated.sidecars.items()):
        raw_text = validated.texts.get(slug)
        if raw_text is None:
            continue
        anchorer = _Anchorer(slug, raw_text.text, checked.document, diagnostics)
        annotations, explicit = _annotations(checked, anchorer, actor_kinds)
        mentions = _mentions(raw_text.text, explicit, aliases, anchorer)
        pending_events.extend(_pending_events(checked, slug, anchorer))
        texts.append(_source_text(checked, raw_text.path, anchorer, annotations, mentions))
    texts = _with_standings(texts, actors)
    events = _resolve_events(pending_events, validated, diagnostics)
    return Project(tuple(texts), tuple(actors), tuple(sources), events)


def _source_text(
    checked: Checked[Sidecar],
    path: str,
    anchorer: _Anchorer,
    annotations: list[Annotation],
    mentions: list[Mention],
) -> SourceText:
    sidecar, slug = checked.model, anchorer.slug
    translation = sidecar.translation_of
    return SourceText(
        slug=slug,
        path=path,
        title=sidecar.title,
        title_note=sidecar.title_note,
        kind=sidecar.kind,
        author_id=sidecar.author,
        outlet_id=sidecar.outlet,
        publisher=sidecar.publisher,
        original_outlet=sidecar.original_outlet,
        translation_of=TranslationOf(
            source_id=translation.source,
            language=translation.language,
            translator_id=translation.translator,
        )
        if translation
        else None,
        source_id=sidecar.source,
        report_id=sidecar.report or sidecar.source or text_report(slug),
        published=sidecar.published,
        language=sidecar.language,
        url=sidecar.url,
        provenance=sidecar.provenance,
        source_ids=tuple(sidecar.sources),
        text=anchorer.text,
        paragraphs=tuple(anchorer.paragraphs),
        annotations=tuple(sorted(annotations, key=lambda a: (a.anchor.span, a.id))),
        mentions=tuple(mentions),
        origin=checked.document.location(()),
    )


def _claim(
    item: ClaimIn,
    anchor: Anchor,
    sidecar: Sidecar,
    origin: Location,
    actor_kinds: dict[str, str],
) -> Claim:
    a = item.attribution
    report = claim_report(item, sidecar, anchor.text_slug)
    sources = tuple(item.sources)
    if not report.startswith("text:") and report not in sources:
        sources += (report,)
    count = attribution_count(a.count, named=a.named, actor_kind=actor_kinds.get(a.actor or ""))
    return Claim(
        id=item.id,
        anchor=anchor,
        summary=item.summary,
        attribution=Attribution(
            by=a.by,
            actor_id=a.actor,
            named=a.named,
            count=count or NOT_STATED,
            relayed_by=a.relayed_by,
        ),
        report_id=report,
        standing=Standing(status="reported"),  # decided for all texts at once: _with_standings
        corroborated_by=tuple(item.corroborated_by),
        contradicted_by=tuple(item.contradicted_by),
        about=tuple(item.about),
        source_ids=sources,
        note=item.note,
        origin=origin,
    )


def _annotations(
    checked: Checked[Sidecar], anchorer: _Anchorer, actor_kinds: dict[str, str]
) -> tuple[list[Annotation], list[Mention]]:
    """The anchored annotations of one text, and its explicit mentions."""
    annotations: list[Annotation] = []
    explicit: list[Mention] = []
    for i, item in enumerate(checked.model.annotations):
        base: YamlPath = checked.at("annotations", i)
        anchor = anchorer.anchor(item.quote, (*base, "quote"))
        if anchor is None:
            continue
        origin = checked.document.location(base)
        if isinstance(item, ClaimIn):
            annotations.append(_claim(item, anchor, checked.model, origin, actor_kinds))
        elif isinstance(item, ContextIn):
            annotations.append(Context(item.id, anchor, item.note, tuple(item.sources), origin))
        elif isinstance(item, TextNoteIn):
            annotations.append(
                TextNote(item.id, anchor, item.problem, item.note, item.probable_reading, origin)
            )
        elif isinstance(item, MentionIn):
            explicit.append(Mention(anchor, item.actor, explicit=True))
    return annotations, explicit


def _mentions(
    text: str, explicit: list[Mention], aliases: AliasFinder, anchorer: _Anchorer
) -> list[Mention]:
    found = aliases.mentions(text, taken=[m.anchor.span for m in explicit])
    mentions = list(explicit)
    for match in found:
        anchor = anchorer.anchor_span(match.span)
        if anchor is not None:
            mentions.append(Mention(anchor, match.actor_id, explicit=False))
    mentions.sort(key=lambda m: m.anchor.span)
    return mentions


def _pending_events(
    checked: Checked[Sidecar], slug: str, anchorer: _Anchorer
) -> list[_PendingEvent]:
    pending: list[_PendingEvent] = []
    for i, event in enumerate(checked.model.events):
        base = checked.at("events", i)
        anchors = tuple(
            anchor
            for j, quote in enumerate(event.passages)
            if (anchor := anchorer.anchor(quote, (*base, "passages", j))) is not None
        )
        pending.append(
            _PendingEvent(
                entry=event, slug=slug, document=checked.document, path=base, anchors=anchors
            )
        )
    return pending


def _with_standings(texts: list[SourceText], actors: list[Actor]) -> list[SourceText]:
    """Every claim with the standing its links decide, across all texts (links to claims
    that could not be anchored are left out: their error is reported already)."""
    facts = [
        ClaimFacts(
            id=c.id,
            report=c.report_id,
            about=frozenset(c.about),
            speaker=c.attribution.actor_id,
            corroborated_by=c.corroborated_by,
            contradicted_by=c.contradicted_by,
        )
        for t in texts
        for c in t.annotations
        if isinstance(c, Claim)
    ]
    speaks_for = {
        a.id: tuple(r.actor_id for r in a.relations if r.type in SPEAKS_FOR) for a in actors
    }
    decided = standings(facts, speaks_for)

    def decide(a: Annotation) -> Annotation:
        return replace(a, standing=decided[a.id]) if isinstance(a, Claim) else a

    return [replace(t, annotations=tuple(decide(a) for a in t.annotations)) for t in texts]


# --- events and their accounts -----------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class _PendingEvent:
    """An entry of a sidecar's `events:` with its passages anchored, waiting for dates."""

    entry: EventIn
    slug: str
    document: YamlDocument
    path: YamlPath
    anchors: tuple[Anchor, ...]

    @property
    def dated(self) -> DatedEntry:
        return DatedEntry(event=self.entry, document=self.document, path=self.path)


def _resolve_events(
    pending: list[_PendingEvent], validated: ValidatedProject, diagnostics: Diagnostics
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
    item: _PendingEvent,
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
