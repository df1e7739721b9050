"""Stage 2: validate each file's shape (builder/input/shape.py), then the project's rules
(ids, references, registries, claims, events, prose), collecting every error in one run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from typing import Any

from builder.core.diagnostics import Diagnostics, Location
from builder.core.sourcing import SPEAKS_FOR
from builder.input.claims import check_claim_refs, check_declared_statuses, check_text_metadata
from builder.input.content import check_strings, check_text
from builder.input.event_dates import (
    check_calendar,
    check_event_dates,
    check_one_entry_per_event,
)
from builder.input.load import RawProject, RawText, YamlDocument, YamlPath
from builder.input.prose_check import check_prose
from builder.input.refs import Known, RefChecker, unique
from builder.input.reuse import FileChecks
from builder.input.schema import (
    ActorIn,
    ActorRegistry,
    ClaimIn,
    ContextIn,
    MentionIn,
    Sidecar,
    SourceRegistry,
)
from builder.input.shape import Checked, invalid_entry_ids, validate_shape


@dataclass(frozen=True)
class ValidatedProject:
    texts: dict[str, RawText]
    sidecars: dict[str, Checked[Sidecar]]
    actors: Checked[ActorRegistry] | None
    sources: Checked[SourceRegistry] | None
    # Events whose own fields are inconsistent: later stages skip them (already reported).
    rejected_events: frozenset[str] = frozenset()
    # Accounts (`account_of`) rejected the same way, by (text slug, index in `events:`).
    rejected_accounts: frozenset[tuple[str, int]] = frozenset()


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
        ids.setdefault(dropped, Location("(invalid)"))
    return ids


def _sidecar_ids(
    sidecars: dict[str, Checked[Sidecar]], section: str, claims_only: bool
) -> dict[str, Location]:
    """Ids of the claims (or events) of every sidecar, including those dropped for
    shape errors (references to them would repeat an error already reported)."""
    ids: dict[str, Location] = {}
    for checked in sidecars.values():
        for i, entry in enumerate(getattr(checked.model, section)):
            if entry.id is None:  # an account (`account_of`) declares no id
                continue
            if not claims_only or isinstance(entry, ClaimIn):
                ids.setdefault(entry.id, checked.document.location(checked.at(section, i, "id")))
    for checked in sidecars.values():
        for dropped in invalid_entry_ids(checked, section):
            ids.setdefault(dropped, Location("(invalid)"))
    return ids


def _known_ids(
    sidecars: dict[str, Checked[Sidecar]],
    actors: Checked[ActorRegistry] | None,
    sources: Checked[SourceRegistry] | None,
    diagnostics: Diagnostics,
    *,
    all_sidecars_read: bool,
) -> Known:
    """Every id the project defines, with duplicates reported once. When a sidecar could
    not be read at all (a YAML syntax error, a file that is not a mapping), the claims
    and events it defines are unknown: references to claims and events are then not
    checked, rather than reported as unknown ids in other files, with a misleading
    did-you-mean, before the real cause is fixed."""
    unique(  # annotations and events share one namespace
        (
            (entry.id, checked.document.location(checked.at(section, i, "id")))
            for checked in sidecars.values()
            for section in ("annotations", "events")
            for i, entry in enumerate(getattr(checked.model, section))
            if entry.id is not None  # an account (`account_of`) has no id of its own
        ),
        "annotation or event",
        diagnostics,
    )
    registry = actors.model.actors if actors else []
    return Known(
        actors=_registry_ids(actors, "actors", "actor", diagnostics),
        sources=_registry_ids(sources, "sources", "source", diagnostics),
        claims=_sidecar_ids(sidecars, "annotations", claims_only=True)
        if all_sidecars_read
        else None,
        events=_sidecar_ids(sidecars, "events", claims_only=False) if all_sidecars_read else None,
        actor_kinds={a.id: a.kind for a in registry},
        speaks_for={
            a.id: tuple(r.actor for r in a.relations if r.type in SPEAKS_FOR) for a in registry
        },
    )


# --- the actor registry -------------------------------------------------------------------


def _check_actor(
    doc: YamlDocument,
    base: YamlPath,
    actor: ActorIn,
    known: Known,
    refs: RefChecker,
    diagnostics: Diagnostics,
) -> None:
    for j, relation in enumerate(actor.relations):
        refs.actor(doc, (*base, "relations", j, "actor"), relation.actor, known)
        if relation.actor == actor.id:
            diagnostics.error(
                doc.location((*base, "relations", j, "actor")),
                "an actor cannot be related to itself",
                "name the other actor's id",
                code="self-relation",
            )
    refs.sources(doc, (*base, "sources"), actor.sources, known)
    if actor.profile and not actor.sources:
        diagnostics.error(
            doc.location((*base, "profile"), key=True),
            f"the profile of {actor.id!r} cites no source",
            "add sources: [...] with the registry sources that support the profile",
            code="profile-without-sources",
        )


def _check_aliases(actors: Checked[ActorRegistry], diagnostics: Diagnostics) -> None:
    """An alias (or name) points to one actor only."""
    doc = actors.document
    owners: dict[str, tuple[str, Location]] = {}
    for i, actor in enumerate(actors.model.actors):
        base: YamlPath = actors.at("actors", i)
        for j, alias in enumerate([actor.name, *actor.aliases]):
            path = (*base, "aliases", j - 1) if j else (*base, "name")
            owner = owners.get(alias)
            if owner and owner[0] != actor.id:
                diagnostics.error(
                    doc.location(path),
                    f"alias {alias!r} is already used by actor {owner[0]!r} (at {owner[1]})",
                    "an alias must point to one actor; use an explicit mention where the text "
                    "is ambiguous",
                    code="alias-shared",
                )
            elif not owner:
                owners[alias] = (actor.id, doc.location(path))


def _check_actor_registry(
    actors: Checked[ActorRegistry], known: Known, refs: RefChecker, diagnostics: Diagnostics
) -> None:
    for i, actor in enumerate(actors.model.actors):
        _check_actor(actors.document, actors.at("actors", i), actor, known, refs, diagnostics)
    _check_aliases(actors, diagnostics)


# --- sidecars -----------------------------------------------------------------------------


def _check_annotations(
    checked: Checked[Sidecar], known: Known, refs: RefChecker, diagnostics: Diagnostics
) -> None:
    doc = checked.document
    for i, annotation in enumerate(checked.model.annotations):
        base = checked.at("annotations", i)
        if isinstance(annotation, ClaimIn):
            check_claim_refs(doc, base, annotation, known, refs, diagnostics)
        elif isinstance(annotation, ContextIn):
            refs.sources(doc, (*base, "sources"), annotation.sources, known)
        elif isinstance(annotation, MentionIn):
            refs.actor(doc, (*base, "actor"), annotation.actor, known)


@dataclass
class _Rejected:
    """Entries whose own fields are inconsistent: later stages skip them (already reported)."""

    events: set[str] = field(default_factory=set)
    accounts: set[tuple[str, int]] = field(default_factory=set)  # (text slug, index in events)


def _check_events(
    slug: str,
    checked: Checked[Sidecar],
    known: Known,
    refs: RefChecker,
    diagnostics: Diagnostics,
    rejected: _Rejected,
) -> None:
    doc = checked.document
    entries = [(checked.at("events", i), event) for i, event in enumerate(checked.model.events)]
    repeated = check_one_entry_per_event(doc, entries, diagnostics)
    for path, event in entries:
        valid = check_event_dates(doc, path, event, diagnostics) and path not in repeated
        if not valid and event.id is not None:
            rejected.events.add(event.id)
        elif not valid:
            rejected.accounts.add((slug, int(path[1])))
        where = "a sidecar's events"
        refs.check(doc, (*path, "account_of"), event.account_of, known.events, "event", where)
        refs.actors(doc, (*path, "actors"), event.actors, known)
        refs.sources(doc, (*path, "sources"), event.sources, known)
        if event.derived_from:
            refs.check(
                doc,
                (*path, "derived_from", "event"),
                event.derived_from.event,
                known.events,
                "event",
                where,
            )


def _check_sidecar(
    slug: str,
    checked: Checked[Sidecar],
    known: Known,
    refs: RefChecker,
    diagnostics: Diagnostics,
    rejected: _Rejected,
) -> None:
    doc, model = checked.document, checked.model
    refs.sources(doc, ("sources",), model.sources, known)
    check_text_metadata(doc, model, known, refs, diagnostics)
    check_calendar(doc, ("published",), model.published, diagnostics)
    _check_annotations(checked, known, refs, diagnostics)
    _check_events(slug, checked, known, refs, diagnostics, rejected)


def _sidecar_alone(
    slug: str, checked: Checked[Sidecar], known: Known, refs: RefChecker, own: Diagnostics
) -> _Rejected:
    """`_check_sidecar` with its findings kept apart, so that `mkdocs serve` can reuse them
    for a sidecar that has not changed (builder/input/reuse.py)."""
    rejected = _Rejected()
    _check_sidecar(slug, checked, known, refs.reporting_to(own), own, rejected)
    return rejected


def _what_references_read(known: Known) -> object:
    """All that a sidecar's checks read of the other files: which ids exist (not where),
    the actors' kinds and whom each speaks for."""
    ids = (known.actors, known.sources, known.claims, known.events)
    return (
        tuple(None if table is None else frozenset(table) for table in ids),
        tuple(known.actor_kinds.items()),
        tuple(known.speaks_for.items()),
    )


def _check_source_dates(sources: Checked[SourceRegistry], diagnostics: Diagnostics) -> None:
    for i, source in enumerate(sources.model.sources):
        check_calendar(sources.document, sources.at("sources", i, "date"), source.date, diagnostics)


# --- the whole project --------------------------------------------------------------------


def _validate_shapes(
    raw: RawProject, diagnostics: Diagnostics, memo: FileChecks
) -> tuple[
    dict[str, Checked[Sidecar]], Checked[ActorRegistry] | None, Checked[SourceRegistry] | None
]:
    sidecars: dict[str, Checked[Sidecar]] = {}
    for slug, document in raw.sidecars.items():
        checked = memo.run("shape", document, partial(validate_shape, Sidecar), diagnostics)
        if checked is not None:
            sidecars[slug] = checked
    actors = sources = None
    if raw.actors:
        actors = memo.run("shape", raw.actors, partial(validate_shape, ActorRegistry), diagnostics)
    if raw.sources:
        shape = partial(validate_shape, SourceRegistry)
        sources = memo.run("shape", raw.sources, shape, diagnostics)
    return sidecars, actors, sources


def validate_project(
    raw: RawProject, diagnostics: Diagnostics, memo: FileChecks | None = None
) -> ValidatedProject:
    """Every check of stage 2. With the `memo` of the previous build (`mkdocs serve`), the
    checks of a single file whose content is unchanged are not run again (input/reuse.py)."""
    memo = memo or FileChecks()
    memo.begin()
    validated = _validated(raw, diagnostics, memo)
    memo.end()
    return validated


def _validated(raw: RawProject, diagnostics: Diagnostics, memo: FileChecks) -> ValidatedProject:
    for document in (*raw.sidecars.values(), raw.actors, raw.sources):
        if document is not None:
            memo.run("strings", document, check_strings, diagnostics)
    # A text that cannot be used (empty, control characters) is left out with its sidecar:
    # its quotes would only fail again.
    texts = {t.slug: t for t in raw.texts if memo.run_text(t, check_text, diagnostics)}
    sidecars, actors, sources = _validate_shapes(raw, diagnostics, memo)
    all_read = {t.slug for t in raw.texts} <= set(sidecars)
    known = _known_ids(sidecars, actors, sources, diagnostics, all_sidecars_read=all_read)
    refs = RefChecker(diagnostics)
    rejected = _Rejected()
    if actors:
        _check_actor_registry(actors, known, refs, diagnostics)
    usable = {slug: checked for slug, checked in sidecars.items() if slug in texts}
    context = memo.settled("references", _what_references_read(known))
    for slug, checked in usable.items():
        check = partial(_sidecar_alone, slug, checked, known, refs)
        found = memo.run_in_context("references", checked.document, context, check, diagnostics)
        rejected.events |= found.events
        rejected.accounts |= found.accounts
    complete = actors is not None and not actors.partial
    complete = complete and not any(checked.partial for checked in sidecars.values())
    check_declared_statuses(usable, known, diagnostics, complete=complete)
    if sources:
        _check_source_dates(sources, diagnostics)
    validated = ValidatedProject(
        texts,
        sidecars,
        actors,
        sources,
        frozenset(rejected.events),
        frozenset(rejected.accounts),
    )
    check_prose(validated, diagnostics)  # links and markup in notes: builder/input/prose_check.py
    return validated
