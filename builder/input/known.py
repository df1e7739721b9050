"""Every id the project defines (`refs.Known`), gathered from per-file parts.

Each sidecar's ids, with where each is defined, are its `SidecarIds`: made once per
content of the file (input/reuse.py `FileChecks.part`). The project's `Known` is the merge
of those parts and of the registries, with duplicates reported; under `mkdocs serve` the
merge runs again only when a part differs (an id added, removed or moved), not when a
summary or a note is edited (core/steps.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Any

from builder.core.diagnostics import Diagnostics, Location
from builder.core.sourcing import SPEAKS_FOR
from builder.input.refs import Known, unique
from builder.input.reuse import FileChecks
from builder.input.schema import ActorRegistry, ClaimIn, Sidecar, SourceRegistry
from builder.input.shape import Checked, invalid_entry_ids

_DROPPED = Location("(invalid)")


@dataclass(frozen=True, kw_only=True)
class SidecarIds:
    """The ids one sidecar defines, where, and those of entries dropped for shape errors."""

    annotations: tuple[tuple[str, Location, bool], ...]  # (id, where, is a claim)
    events: tuple[tuple[str, Location], ...]  # an account (`account_of`) has no id
    dropped_annotations: frozenset[str]
    dropped_events: frozenset[str]


def sidecar_ids(checked: Checked[Sidecar]) -> SidecarIds:
    doc = checked.document
    annotations = tuple(
        (entry.id, doc.location(checked.at("annotations", i, "id")), isinstance(entry, ClaimIn))
        for i, entry in enumerate(checked.model.annotations)
        if entry.id is not None
    )
    events = tuple(
        (entry.id, doc.location(checked.at("events", i, "id")))
        for i, entry in enumerate(checked.model.events)
        if entry.id is not None
    )
    return SidecarIds(
        annotations=annotations,
        events=events,
        dropped_annotations=frozenset(invalid_entry_ids(checked, "annotations")),
        dropped_events=frozenset(invalid_entry_ids(checked, "events")),
    )


def known_ids(
    sidecars: dict[str, Checked[Sidecar]],
    actors: Checked[ActorRegistry] | None,
    sources: Checked[SourceRegistry] | None,
    diagnostics: Diagnostics,
    memo: FileChecks,
    *,
    all_sidecars_read: bool,
) -> Known:
    """Every id the project defines, with duplicates reported once. When a sidecar could
    not be read at all (a YAML syntax error, a file that is not a mapping), the claims
    and events it defines are unknown: references to claims and events are then not
    checked, rather than reported as unknown ids in other files, with a misleading
    did-you-mean, before the real cause is fixed."""
    parts = tuple(
        memo.part("ids", checked.document, partial(sidecar_ids, checked))
        for checked in sidecars.values()
    )
    merge = partial(_merged, parts, actors, sources, all_sidecars_read)
    inputs = (parts, actors, sources, all_sidecars_read)
    return memo.steps.same("known-ids", inputs, merge, diagnostics)


def _merged(
    parts: tuple[SidecarIds, ...],
    actors: Checked[ActorRegistry] | None,
    sources: Checked[SourceRegistry] | None,
    all_sidecars_read: bool,
    diagnostics: Diagnostics,
) -> Known:
    unique(  # annotations and events share one namespace
        (
            (ident, where)
            for part in parts
            for ident, where in (*((i, w) for i, w, _ in part.annotations), *part.events)
        ),
        "annotation or event",
        diagnostics,
    )
    registry = actors.model.actors if actors else []
    return Known(
        actors=_registry_ids(actors, "actors", "actor", diagnostics),
        sources=_registry_ids(sources, "sources", "source", diagnostics),
        claims=_claim_ids(parts) if all_sidecars_read else None,
        events=_event_ids(parts) if all_sidecars_read else None,
        actor_kinds={a.id: a.kind for a in registry},
        speaks_for={
            a.id: tuple(r.actor for r in a.relations if r.type in SPEAKS_FOR) for a in registry
        },
    )


def _claim_ids(parts: tuple[SidecarIds, ...]) -> dict[str, Location]:
    """Ids of the claims of every sidecar, including those of annotations dropped for shape
    errors (references to them would repeat an error already reported)."""
    ids: dict[str, Location] = {}
    for part in parts:
        for ident, where, claim in part.annotations:
            if claim:
                ids.setdefault(ident, where)
    for part in parts:
        for dropped in part.dropped_annotations:
            ids.setdefault(dropped, _DROPPED)
    return ids


def _event_ids(parts: tuple[SidecarIds, ...]) -> dict[str, Location]:
    ids: dict[str, Location] = {}
    for part in parts:
        for ident, where in part.events:
            ids.setdefault(ident, where)
    for part in parts:
        for dropped in part.dropped_events:
            ids.setdefault(dropped, _DROPPED)
    return ids


def _registry_ids(
    checked: Checked[Any] | None, key: str, what: str, diagnostics: Diagnostics
) -> dict[str, Location] | None:
    """Ids defined in a registry (duplicates reported), or None if it failed entirely.

    Ids of entries dropped for shape errors count as known: references to them
    would only repeat an error already reported."""
    if checked is None:
        return None
    entries = getattr(checked.model, key)
    ids = unique(
        (
            (entry.id, checked.document.location(checked.at(key, i, "id")))
            for i, entry in enumerate(entries)
        ),
        what,
        diagnostics,
    )
    for dropped in invalid_entry_ids(checked, key):
        ids.setdefault(dropped, _DROPPED)
    return ids
