"""Registry entries nothing uses: an actor no text, event, claim, relation or note refers
to, a source nothing rests on. Warnings of `check` (so `check --strict` fails on them): an
unused entry is usually a misspelt id elsewhere, or a leftover of an edit.
"""

from __future__ import annotations

from collections.abc import Iterator

from builder.core import prose
from builder.core.diagnostics import Diagnostics
from builder.core.model import Claim, Context, Project, SourceText, TextNote


def report_unused(project: Project, diagnostics: Diagnostics) -> None:
    actors, sources = _used(project)
    for actor in project.actors:
        if actor.id not in actors:
            diagnostics.warning(
                actor.origin,
                f"actor {actor.id!r} is used by nothing: no text mentions it and no claim, "
                "event, relation or note refers to it",
                "link it where a text names it (an alias, or a mention), or remove it from "
                "the registry",
                code="unused-actor",
            )
    for source in project.sources:
        if source.id not in sources:
            diagnostics.warning(
                source.origin,
                f"source {source.id!r} is used by nothing: no text, claim, context, event or "
                "actor rests on it",
                "cite it where it is used (sources: [...]), or remove it from the registry",
                code="unused-source",
            )


def _used(project: Project) -> tuple[set[str], set[str]]:
    actors: set[str] = set()
    sources: set[str] = set()
    for text in project.texts:
        _text_uses(text, actors, sources)
    for event in project.events:
        actors.update(event.actor_ids)
        for account in event.accounts:
            sources.update(account.source_ids)
    for actor in project.actors:
        actors.update(r.actor_id for r in actor.relations if r.actor_id != actor.id)
        sources.update(actor.source_ids)
    for field in _prose(project):
        for reference in prose.references(field):
            if reference.kind == "actor":
                actors.add(reference.id)
            elif reference.kind == "source":
                sources.add(reference.id)
    return actors, sources


def _text_uses(text: SourceText, actors: set[str], sources: set[str]) -> None:
    actors.update(x for x in (text.author_id, text.outlet_id) if x)
    actors.update(m.actor_id for m in text.mentions)
    sources.update(x for x in (text.source_id, text.report_id, *text.source_ids) if x)
    if text.translation_of is not None:
        sources.add(text.translation_of.source_id)
        if text.translation_of.translator_id:
            actors.add(text.translation_of.translator_id)
    for annotation in text.annotations:
        if isinstance(annotation, Claim):
            attribution = annotation.attribution
            actors.update(x for x in (attribution.actor_id, attribution.relayed_by) if x)
            actors.update(annotation.about)
            sources.update((annotation.report_id, *annotation.source_ids))
        elif isinstance(annotation, Context):
            sources.update(annotation.source_ids)


def _prose(project: Project) -> Iterator[str]:
    """Every prose field, whose links may name an actor or a source."""
    for text in project.texts:
        yield from (x for x in (text.title_note, text.provenance) if x)
        for annotation in text.annotations:
            if isinstance(annotation, Claim | Context | TextNote) and annotation.note:
                yield annotation.note
            if isinstance(annotation, TextNote) and annotation.probable_reading:
                yield annotation.probable_reading
    for event in project.events:
        yield from (a.note for a in event.accounts if a.note)
    yield from (a.profile for a in project.actors if a.profile)
    yield from (s.note for s in project.sources if s.note)
