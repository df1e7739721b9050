"""Check the prose fields of a validated project: links to unknown ids, markup problems.

Prose fields (notes, profiles, provenance, `title_note`, `probable_reading`) use the
Markdown subset of builder/core/prose.py. This walks every one of them, reports what
`prose.problems` finds and every link to an id the project does not have, located at the
field's value. Called at the end of `validate.validate_project`.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from builder.core import prose
from builder.core.diagnostics import Diagnostics
from builder.input.load import YamlDocument, YamlPath
from builder.input.schema import TextNoteIn

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


def check_prose(validated: ValidatedProject, diagnostics: Diagnostics) -> None:
    known = _known_ids(validated)
    for document, path, text in _prose_fields(validated):
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


def _prose_fields(validated: ValidatedProject) -> Iterator[tuple[YamlDocument, YamlPath, str]]:
    """(document, path, text) of every prose field, as validated."""
    for checked in validated.sidecars.values():
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
    if validated.actors is not None:
        actors = validated.actors
        for i, actor in enumerate(actors.model.actors):
            yield from _present(actors.document, actors.at("actors", i, "profile"), actor.profile)
    if validated.sources is not None:
        sources = validated.sources
        for i, source in enumerate(sources.model.sources):
            yield from _present(sources.document, sources.at("sources", i, "note"), source.note)


def _present(
    document: YamlDocument, path: YamlPath, text: str | None
) -> Iterator[tuple[YamlDocument, YamlPath, str]]:
    if text:
        yield document, path, text


def _known_ids(validated: ValidatedProject) -> dict[prose.LinkKind, set[str] | None]:
    """The ids each link kind may name. Taken from the YAML data, not the validated
    models, so that an entry dropped for a shape error (already reported) still counts."""
    sidecar_entries = {
        section: [e for c in validated.sidecars.values() for e in _entries(c.document, section)]
        for section in ("annotations", "events")
    }
    annotations = sidecar_entries["annotations"]
    # A text whose sidecar failed entirely (reported already) may hold any claim or event.
    complete = set(validated.texts) <= set(validated.sidecars)
    return {
        "actor": _ids_of(validated.actors.document, "actors") if validated.actors else None,
        "source": _ids_of(validated.sources.document, "sources") if validated.sources else None,
        "claim": _ids(e for e in annotations if e.get("kind") == "claim") if complete else None,
        "annotation": _ids(e for e in annotations if e.get("kind") != "mention")
        if complete
        else None,
        "event": _ids(sidecar_entries["events"]) if complete else None,
        "text": set(validated.texts),
    }


def _entries(document: YamlDocument, section: str) -> list[dict[str, Any]]:
    data = document.data if isinstance(document.data, dict) else {}
    entries = data.get(section)
    return [e for e in entries if isinstance(e, dict)] if isinstance(entries, list) else []


def _ids_of(document: YamlDocument, section: str) -> set[str]:
    return _ids(_entries(document, section))


def _ids(entries: Iterable[dict[str, Any]]) -> set[str]:
    return {e["id"] for e in entries if isinstance(e.get("id"), str)}
