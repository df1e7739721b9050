"""Check the prose fields of a validated project: links to unknown ids, markup problems.

Prose fields (notes, profiles, provenance, `title_note`, `probable_reading`) use the
Markdown subset of builder/core/prose.py. This walks every one of them, reports what
`prose.problems` finds and every link to an id the project does not have, located at the
field's value. Called at the end of `validate.validate_project`.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from typing import TYPE_CHECKING, Any

from builder.core import prose
from builder.core.diagnostics import Diagnostics
from builder.input.load import YamlDocument, YamlPath
from builder.input.reuse import FileChecks
from builder.input.schema import ActorRegistry, Sidecar, SourceRegistry, TextNoteIn
from builder.input.shape import Checked

if TYPE_CHECKING:  # validate.py imports this module: no import cycle at run time
    from builder.input.validate import ValidatedProject

_WHERE: dict[prose.LinkKind, str] = {
    "actor": "source_texts/registry/actors.yml",
    "source": "source_texts/registry/sources.yml",
    "claim": "a sidecar's annotations, as a claim",
    "annotation": "a sidecar's annotations (a claim, context or text note)",
    "event": "a sidecar's events",
    "text": "source_texts/ as a text",
}


def check_prose(validated: ValidatedProject, diagnostics: Diagnostics, memo: FileChecks) -> None:
    """Each file's prose fields against the ids of the whole project: a file's findings are
    reused while it and those ids are unchanged (input/reuse.py)."""
    known = memo.settled("prose", _known_ids(validated, memo))
    for document, fields in _prose_files(validated):
        check = partial(_check_fields, fields, known)
        memo.run_in_context("prose", document, known, check, diagnostics)


def _check_fields(
    fields: Callable[[], Iterator[tuple[YamlDocument, YamlPath, str]]],
    known: dict[prose.LinkKind, set[str] | None],
    diagnostics: Diagnostics,
) -> None:
    for document, path, text in fields():
        location = document.location(path)
        for problem in prose.problems(text):
            report = diagnostics.error if problem.severity == "error" else diagnostics.warning
            report(location, problem.message, problem.hint, code=problem.code)
        for reference in prose.references(text):
            ids = known[reference.kind]
            if ids is None or reference.id in ids:
                continue  # None: that registry failed to load, which is reported already
            diagnostics.error(
                location,
                f"link to unknown {reference.kind} id {reference.id!r}",
                _hint(reference, ids, known["annotation"] or set()),
                code="link-to-unknown-id",
            )


def _hint(reference: prose.Reference, ids: set[str], annotations: set[str]) -> str:
    if reference.kind == "claim" and reference.id in annotations:
        return f"{reference.id!r} is a context or text note: link it as annotation:{reference.id}"
    close = difflib.get_close_matches(reference.id, sorted(ids), n=1, cutoff=0.6)
    if close:
        return f"did you mean {reference.kind}:{close[0]}?"
    return f"add it to {_WHERE[reference.kind]}, or fix the spelling"


ProseFields = Callable[[], Iterator[tuple[YamlDocument, YamlPath, str]]]


def _prose_files(validated: ValidatedProject) -> Iterator[tuple[YamlDocument, ProseFields]]:
    """Each file, with (document, path, text) of each of its prose fields, as validated."""
    for checked in validated.sidecars.values():
        yield checked.document, partial(_sidecar_fields, checked)
    if validated.actors is not None:
        yield validated.actors.document, partial(_profiles, validated.actors)
    if validated.sources is not None:
        yield validated.sources.document, partial(_source_notes, validated.sources)


def _sidecar_fields(checked: Checked[Sidecar]) -> Iterator[tuple[YamlDocument, YamlPath, str]]:
    doc, model = checked.document, checked.model
    for field in ("title_note", "provenance"):
        yield from _present(doc, (field,), getattr(model, field))
    for i, annotation in enumerate(model.annotations):
        yield from _present(doc, checked.at("annotations", i, "note"), annotation.note)
        if isinstance(annotation, TextNoteIn):
            path = checked.at("annotations", i, "probable_reading")
            yield from _present(doc, path, annotation.probable_reading)
    for i, event in enumerate(model.events):
        yield from _present(doc, checked.at("events", i, "note"), event.note)


def _profiles(actors: Checked[ActorRegistry]) -> Iterator[tuple[YamlDocument, YamlPath, str]]:
    for i, actor in enumerate(actors.model.actors):
        yield from _present(actors.document, actors.at("actors", i, "profile"), actor.profile)


def _source_notes(sources: Checked[SourceRegistry]) -> Iterator[tuple[YamlDocument, YamlPath, str]]:
    for i, source in enumerate(sources.model.sources):
        yield from _present(sources.document, sources.at("sources", i, "note"), source.note)


def _present(
    document: YamlDocument, path: YamlPath, text: str | None
) -> Iterator[tuple[YamlDocument, YamlPath, str]]:
    if text:
        yield document, path, text


def _known_ids(
    validated: ValidatedProject, memo: FileChecks
) -> dict[prose.LinkKind, set[str] | None]:
    """The ids each link kind may name. Taken from the YAML data, not the validated
    models, so that an entry dropped for a shape error (already reported) still counts.
    Merged from each file's ids, again only when those differ (core/steps.py)."""
    parts = tuple(
        memo.part("prose-ids", c.document, partial(_sidecar_ids, c.document))
        for c in validated.sidecars.values()
    )
    actors, sources = validated.actors, validated.sources
    registries = (
        memo.part("prose-ids", actors.document, partial(_ids_of, actors.document, "actors"))
        if actors
        else None,
        memo.part("prose-ids", sources.document, partial(_ids_of, sources.document, "sources"))
        if sources
        else None,
    )
    # A text whose sidecar failed entirely (reported already) may hold any claim or event.
    complete = set(validated.texts) <= set(validated.sidecars)
    inputs = (parts, registries, complete, tuple(validated.texts))
    merge = partial(_merged_ids, parts, registries, complete, set(validated.texts))
    return memo.steps.value("prose-ids", inputs, merge)


def _sidecar_ids(document: YamlDocument) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """The ids of one sidecar's claims, its other annotations but mentions, its events."""
    annotations = _entries(document, "annotations")
    return (
        frozenset(_ids(e for e in annotations if e.get("kind") == "claim")),
        frozenset(_ids(e for e in annotations if e.get("kind") not in ("claim", "mention"))),
        frozenset(_ids(_entries(document, "events"))),
    )


def _merged_ids(
    parts: tuple[tuple[frozenset[str], frozenset[str], frozenset[str]], ...],
    registries: tuple[set[str] | None, set[str] | None],
    complete: bool,
    texts: set[str],
) -> dict[prose.LinkKind, set[str] | None]:
    claims = set().union(*(part[0] for part in parts))
    others = set().union(*(part[1] for part in parts))
    return {
        "actor": registries[0],
        "source": registries[1],
        "claim": claims if complete else None,
        "annotation": claims | others if complete else None,
        "event": set().union(*(part[2] for part in parts)) if complete else None,
        "text": texts,
    }


def _entries(document: YamlDocument, section: str) -> list[dict[str, Any]]:
    data = document.data if isinstance(document.data, dict) else {}
    entries = data.get(section)
    return [e for e in entries if isinstance(e, dict)] if isinstance(entries, list) else []


def _ids_of(document: YamlDocument, section: str) -> set[str]:
    return _ids(_entries(document, section))


def _ids(entries: Iterable[dict[str, Any]]) -> set[str]:
    return {e["id"] for e in entries if isinstance(e.get("id"), str)}
