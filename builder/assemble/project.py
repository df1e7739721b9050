"""Stage 4: assemble the anchored project model (builder/core/model.py).

Frozen dataclasses that every renderer reads. Each carries `origin`, the place
in a contributor file it came from, so any later stage can still point at it.
`build_project` turns a validated project into this model, anchoring quotes and
resolving dates, and reports what it cannot anchor or resolve.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from functools import partial
from pathlib import Path

from builder.anchoring.mentions import AliasFinder
from builder.assemble.anchorer import Anchorer
from builder.assemble.drifting import Drifted
from builder.assemble.events import PendingEvent, pending_events, resolve_events
from builder.assemble.reuse import AnchoredText, AssemblyMemo
from builder.core.diagnostics import Diagnostics, Location
from builder.core.model import (
    Actor,
    Anchor,
    Annotation,
    Attribution,
    Claim,
    Context,
    Mention,
    Project,
    Relation,
    Source,
    SourceText,
    TextNote,
    TranslationOf,
    Waiver,
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
from builder.input.claims import claim_report
from builder.input.history import previous_text
from builder.input.load import YamlPath
from builder.input.schema import (
    ActorIn,
    ClaimIn,
    ContextIn,
    MentionIn,
    Sidecar,
    TextNoteIn,
)
from builder.input.shape import Checked
from builder.input.validate import ValidatedProject

# --- building the model ----------------------------------------------------------------------


# Past this many unfound quotes in one text, each gets the short hint: explaining one
# scans the text a dozen times, and so many misses mean a wrong text, not typos.


def _actor(raw: ActorIn, origin: Location) -> Actor:
    relations = tuple(Relation(type=r.type, actor_id=r.actor, label=r.label) for r in raw.relations)
    return Actor(
        id=raw.id,
        name=raw.name,
        kind=raw.kind,
        role=raw.role,
        aliases=tuple(raw.aliases),
        relations=relations,
        profile=raw.profile,
        source_ids=tuple(raw.sources),
        origin=origin,
    )


def _actors(validated: ValidatedProject) -> tuple[Actor, ...]:
    checked = validated.actors
    if checked is None:
        return ()
    return tuple(
        _actor(a, checked.document.location(checked.at("actors", i)))
        for i, a in enumerate(checked.model.actors)
    )


def _sources(validated: ValidatedProject) -> tuple[Source, ...]:
    checked = validated.sources
    if checked is None:
        return ()
    return tuple(
        Source(
            id=s.id,
            title=s.title,
            publisher=s.publisher,
            date=s.date,
            kind=s.kind,
            url=s.url,
            note=s.note,
            origin=checked.document.location(checked.at("sources", i)),
        )
        for i, s in enumerate(checked.model.sources)
    )


# Pending events: (event, text slug, document, YAML path, anchored passages).


def build_project(
    validated: ValidatedProject,
    diagnostics: Diagnostics,
    memo: AssemblyMemo | None = None,
    *,
    root: Path | None = None,
    drifts: list[Drifted] | None = None,
) -> Project:
    """The model. With the `memo` of the previous build (`mkdocs serve`), a text whose
    text, sidecar and actor registry are unchanged is not anchored again
    (builder/assemble/reuse.py); the result is the same."""
    reusing = memo is not None
    memo = memo or AssemblyMemo()
    memo.begin()
    actors = memo.steps.value("actors", validated.actors, partial(_actors, validated))
    sources = memo.steps.value("sources", validated.sources, partial(_sources, validated))
    registry = validated.actors.document.data if validated.actors else None
    anchored = [
        _anchored_text(slug, checked, validated, actors, registry, memo, (root, drifts))
        for slug, checked in sorted(validated.sidecars.items())
        if slug in validated.texts
    ]
    pending: list[PendingEvent] = []
    for entry in anchored:
        diagnostics.extend(entry.diagnostics)
        pending.extend(entry.pending)
    texts, decided = _with_standings(anchored, actors, memo)
    finals = {t.slug: (e.anchored, t) for e, t in zip(anchored, texts, strict=True)}
    if reusing:
        read = tuple(e.events_read for e in anchored)
        inputs = (read, validated.rejected_events, validated.rejected_accounts)
        dated = partial(resolve_events, pending, validated)
        events = memo.steps.same("events", inputs, dated, diagnostics)
    else:
        events = resolve_events(pending, validated, diagnostics)
    memo.end(finals, decided)
    return Project(texts=tuple(texts), actors=actors, sources=sources, events=events)


def _anchored_text(
    slug: str,
    checked: Checked[Sidecar],
    validated: ValidatedProject,
    actors: tuple[Actor, ...],
    registry: object,
    memo: AssemblyMemo,
    history: tuple[Path | None, list[Drifted] | None],
) -> AnchoredText:
    raw_text = validated.texts[slug]
    sidecar = checked.document.data
    kept = memo.reused(slug, raw_text.text, raw_text.path, sidecar, registry)
    if kept is not None:
        return kept
    own = Diagnostics()  # this text's findings, kept with it to be replayed if reused
    root, drifts = history
    shown = checked.document.path

    def previous() -> str | None:
        return previous_text(root, shown, raw_text.path) if root is not None else None

    anchorer = Anchorer(
        slug, raw_text.text, checked.document, own, previous=previous, drifts=drifts
    )
    aliases, actor_kinds = memo.registry_views(actors, registry)
    annotations, explicit = _annotations(checked, anchorer, actor_kinds)
    mentions = _mentions(raw_text.text, explicit, aliases, anchorer)
    pending = tuple(pending_events(checked, slug, anchorer))
    text = _source_text(checked, raw_text.path, anchorer, annotations, mentions)
    text = replace(text, waivers=_waivers(checked, anchorer))
    entry = AnchoredText(
        text=raw_text.text,
        path=raw_text.path,
        sidecar=sidecar,
        registry=registry,
        anchored=text,
        pending=pending,
        diagnostics=own,
    )
    memo.keep(slug, entry)
    return entry


def _source_text(
    checked: Checked[Sidecar],
    path: str,
    anchorer: Anchorer,
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
            unattributed=a.unattributed,
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
    checked: Checked[Sidecar], anchorer: Anchorer, actor_kinds: dict[str, str]
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
            annotations.append(
                Context(
                    id=item.id,
                    anchor=anchor,
                    note=item.note,
                    source_ids=tuple(item.sources),
                    origin=origin,
                )
            )
        elif isinstance(item, TextNoteIn):
            annotations.append(
                TextNote(
                    id=item.id,
                    anchor=anchor,
                    problem=item.problem,
                    note=item.note,
                    probable_reading=item.probable_reading,
                    origin=origin,
                )
            )
        elif isinstance(item, MentionIn):
            explicit.append(Mention(anchor=anchor, actor_id=item.actor, explicit=True))
    return annotations, explicit


def _waivers(checked: Checked[Sidecar], anchorer: Anchorer) -> tuple[Waiver, ...]:
    """The anchored `waivers:` of one text (a quote that does not anchor is an error)."""
    waivers: list[Waiver] = []
    for i, item in enumerate(checked.model.waivers):
        base: YamlPath = checked.at("waivers", i)
        anchor = anchorer.anchor(item.quote, (*base, "quote"))
        if anchor is not None:
            origin = checked.document.location(base)
            waivers.append(Waiver(rule=item.rule, anchor=anchor, reason=item.reason, origin=origin))
    return tuple(waivers)


def _mentions(
    text: str, explicit: list[Mention], aliases: AliasFinder, anchorer: Anchorer
) -> list[Mention]:
    found = aliases.mentions(text, taken=[m.anchor.span for m in explicit])
    mentions = list(explicit)
    for match in found:
        anchor = anchorer.anchor_span(match.span)
        if anchor is not None:
            mentions.append(Mention(anchor=anchor, actor_id=match.actor_id, explicit=False))
    mentions.sort(key=lambda m: m.anchor.span)
    return mentions


def _with_standings(
    anchored: list[AnchoredText], actors: tuple[Actor, ...], memo: AssemblyMemo
) -> tuple[list[SourceText], Mapping[str, Standing]]:
    """Every claim with the standing its links decide, across all texts (links to claims
    that could not be anchored are left out: their error is reported already). A text
    whose standings are those of the previous build is that build's very object."""
    speaks_for = memo.steps.value("speaks-for", actors, partial(_speaks_for, actors))
    facts = tuple(entry.facts for entry in anchored)
    decide_all = partial(_decided, facts, speaks_for)
    decided = memo.steps.value("standings", (facts, speaks_for), decide_all)
    unchanged = decided is memo.decided  # then a final of the same anchored text is right

    def decide(a: Annotation) -> Annotation:
        return replace(a, standing=decided[a.id]) if isinstance(a, Claim) else a

    def decided_text(text: SourceText) -> SourceText:
        final = memo.final(text)
        if final is not None and unchanged:
            return final
        claims = [a for a in final.annotations if isinstance(a, Claim)] if final else []
        if final is not None and all(c.standing == decided[c.id] for c in claims):
            return final
        return replace(text, annotations=tuple(decide(a) for a in text.annotations))

    return [decided_text(entry.anchored) for entry in anchored], decided


def _speaks_for(actors: tuple[Actor, ...]) -> dict[str, tuple[str, ...]]:
    return {a.id: tuple(r.actor_id for r in a.relations if r.type in SPEAKS_FOR) for a in actors}


def _decided(
    facts: tuple[tuple[ClaimFacts, ...], ...], speaks_for: Mapping[str, tuple[str, ...]]
) -> dict[str, Standing]:
    return standings([fact for part in facts for fact in part], speaks_for)
