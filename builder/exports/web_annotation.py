"""Every annotation as a W3C Web Annotation (JSON-LD, https://www.w3.org/TR/annotation-model/).

`data/annotations.jsonld` is an AnnotationCollection; each text is one AnnotationPage,
`data/annotations/SLUG.jsonld`, in the order of the texts. Each annotation targets the
text itself, `data/texts/SLUG.txt` (published next to them: the text of source_texts/
as the builder reads it, line ends as line feeds), through a TextQuoteSelector (exact, prefix, suffix) and a
TextPositionSelector counted in Unicode code points, as the model counts spans.

Motivations: a claim is `describing` (its body says who says so and on what sourcing),
a context note `commenting`, a text note `editing`, a mention `identifying` (its body is
the actor). Every body is `text/plain`, to be shown as text: notes lose their Markdown
(builder/core/prose.py's `plain_text`); an https link keeps its address.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, NamedTuple

from builder.core.model import Annotation, Claim, Context, Mention, Project, SourceText
from builder.core.prose import plain_text as prose_as_text
from builder.core.spans import Span
from builder.exports.addresses import (
    ANNOTATIONS,
    Addresses,
    annotation_page,
    page_url,
    text_file,
)
from builder.exports.words import claim_sourcing, source_line
from builder.render import labels
from builder.render.routes import actor_page

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
AFFIX = 32  # code points of prefix and suffix: enough to tell repeated quotes apart
Json = dict[str, Any]

MOTIVATION = {"claim": "describing", "context": "commenting", "text_note": "editing"}


class PagePlace(NamedTuple):
    """Where a text's page stands in the collection: what a page shows besides its text.
    (A named tuple: a thousand are made and compared on every build.)"""

    start: int  # startIndex: how many annotations the texts before it hold
    prev: str | None  # the slugs of the texts before and after it
    next: str | None


def page_places(project: Project) -> dict[str, PagePlace]:
    texts, start, places = project.texts, 0, {}
    for number, text in enumerate(texts):
        places[text.slug] = PagePlace(
            start=start,
            prev=texts[number - 1].slug if number > 0 else None,
            next=texts[number + 1].slug if number + 1 < len(texts) else None,
        )
        start += item_count(text)
    return places


def item_count(text: SourceText) -> int:
    return len(text.annotations) + len(text.mentions)


def annotation_page_document(
    project: Project, text: SourceText, place: PagePlace, addresses: Addresses
) -> Json:
    """One text's AnnotationPage."""
    path = annotation_page(text.slug)
    page: Json = {
        "@context": CONTEXT,
        "id": addresses.iri(path, within=path),
        "type": "AnnotationPage",
        "label": text.title,
        # The collection's description, not only its IRI: a page read alone says what it
        # is part of (the collection's file gives its total, first and last pages).
        "partOf": {
            "id": addresses.iri(ANNOTATIONS, within=path),
            "type": "AnnotationCollection",
            "label": labels.ANNOTATIONS_LABEL,
        },
        "startIndex": place.start,
    }
    if place.prev is not None:
        page["prev"] = addresses.iri(annotation_page(place.prev), within=path)
    if place.next is not None:
        page["next"] = addresses.iri(annotation_page(place.next), within=path)
    page["items"] = list(_items(project, text, addresses))
    return page


def collection_document(project: Project, addresses: Addresses) -> Json:
    collection: Json = {
        "@context": CONTEXT,
        "id": addresses.iri(ANNOTATIONS, within=ANNOTATIONS),
        "type": "AnnotationCollection",
        "label": labels.ANNOTATIONS_LABEL,
        "total": sum(item_count(text) for text in project.texts),
    }
    if project.texts:
        first, last = project.texts[0].slug, project.texts[-1].slug
        collection["first"] = addresses.iri(annotation_page(first), within=ANNOTATIONS)
        collection["last"] = addresses.iri(annotation_page(last), within=ANNOTATIONS)
    return collection


def page_inputs(project: Project, text: SourceText, place: PagePlace) -> object:
    """Everything a text's page shows (builder/exports/reuse.py): the text with its
    annotations and their standings, its place, and the names, sources and titles its
    bodies word."""
    actor_ids = {m.actor_id for m in text.mentions}
    source_ids: set[str] = set()
    report_texts: set[str] = set()
    for annotation in text.annotations:
        if isinstance(annotation, Claim):
            a = annotation.attribution
            actor_ids |= {i for i in (a.actor_id, a.relayed_by) if i}
            report = annotation.report_id
            if report.startswith("text:"):
                report_texts.add(report[5:])
            else:
                source_ids.add(report)
        if isinstance(annotation, Claim | Context):
            source_ids |= set(annotation.source_ids)
    return (
        text,
        place,
        tuple(project.actor[i] for i in sorted(actor_ids)),
        tuple(project.source[i] for i in sorted(source_ids)),
        tuple(project.text[s].title for s in sorted(report_texts)),
    )


def _items(project: Project, text: SourceText, addresses: Addresses) -> Iterator[Json]:
    for annotation in text.annotations:
        yield _annotation(project, text, annotation, addresses)
    seen: dict[str, int] = {}
    for mention in sorted(text.mentions, key=lambda m: (m.anchor.span, m.actor_id)):
        seen[mention.actor_id] = seen.get(mention.actor_id, 0) + 1
        yield _mention(project, text, mention, seen[mention.actor_id], addresses)


def _annotation(
    project: Project, text: SourceText, annotation: Annotation, addresses: Addresses
) -> Json:
    path = annotation_page(text.slug)
    return {
        "@context": CONTEXT,
        "id": addresses.iri(path, within=path, fragment=f"ann-{annotation.id}"),
        "type": "Annotation",
        "motivation": MOTIVATION[annotation.kind],
        "body": list(_bodies(project, annotation)),
        "target": target(text, annotation.anchor.span, addresses),
    }


def _mention(
    project: Project, text: SourceText, mention: Mention, number: int, addresses: Addresses
) -> Json:
    """`mention-ACTOR-N`: the actor's Nth mention in the text, in reading order."""
    path = annotation_page(text.slug)
    actor = project.actor[mention.actor_id]
    fragment = f"mention-{actor.id}-{number}"
    return {
        "@context": CONTEXT,
        "id": addresses.iri(path, within=path, fragment=fragment),
        "type": "Annotation",
        "motivation": "identifying",
        "body": [
            {
                "id": addresses.iri(page_url(actor_page(actor.id)), within=path),
                "type": "Text",
                "format": "text/html",
            },
            _textual(actor.name, "identifying"),
        ],
        "target": target(text, mention.anchor.span, addresses),
    }


def target(text: SourceText, span: Span, addresses: Addresses) -> Json:
    """The passage `span` of `text`, by quote and by position (code points)."""
    quote: Json = {"type": "TextQuoteSelector", "exact": text.text[span.start : span.end]}
    prefix = text.text[max(0, span.start - AFFIX) : span.start]
    suffix = text.text[span.end : span.end + AFFIX]
    if prefix:
        quote["prefix"] = prefix
    if suffix:
        quote["suffix"] = suffix
    path = annotation_page(text.slug)
    return {
        "type": "SpecificResource",
        "source": {
            "id": addresses.iri(text_file(text.slug), within=path),
            "type": "Text",
            "format": "text/plain",
            "language": text.language,
        },
        "selector": [
            quote,
            {"type": "TextPositionSelector", "start": span.start, "end": span.end},
        ],
    }


def _bodies(project: Project, annotation: Annotation) -> Iterator[Json]:
    if isinstance(annotation, Claim):
        yield _textual(claim_sourcing(project, annotation), "describing")
        if annotation.summary:
            yield _textual(annotation.summary, "describing")
        if annotation.note:
            yield _note(annotation.note, "commenting")
        yield from _sources(project, annotation.source_ids)
    elif isinstance(annotation, Context):
        yield _note(annotation.note, "commenting")
        yield from _sources(project, annotation.source_ids)
    else:
        yield _note(annotation.note, "editing")
        if annotation.probable_reading:
            reading = f"{labels.PROBABLE_READING}: {prose_as_text(annotation.probable_reading)}"
            yield _textual(reading, "editing")


def _sources(project: Project, source_ids: tuple[str, ...]) -> Iterator[Json]:
    """Each registry source in words, and its address when the registry gives one."""
    for source_id in source_ids:
        source = project.source[source_id]
        yield _textual(source_line(source), "linking")
        if source.url:  # a purpose needs a SpecificResource around the address (3.3.5)
            yield {"type": "SpecificResource", "source": source.url, "purpose": "linking"}


def _note(value: str, purpose: str) -> Json:
    """An editors' note, as plain text (builder/core/prose.py)."""
    return _textual(prose_as_text(value), purpose)


def _textual(value: str, purpose: str) -> Json:
    """Our words (and the editors' notes) are in the site's language, whatever the text's."""
    return {
        "type": "TextualBody",
        "purpose": purpose,
        "value": value,
        "format": "text/plain",
        "language": labels.LANGUAGE,
    }
