"""Stage 2: validate each file's shape (builder/input/shape.py), then the project's rules
(ids, references, registries, claims, events, prose), collecting every error in one run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial

from builder.core.diagnostics import Diagnostics, Location
from builder.input.claims import (
    check_claim_refs,
    check_declared_statuses,
    check_text_metadata,
    sidecar_claims,
)
from builder.input.content import check_strings, check_text
from builder.input.event_dates import (
    check_calendar,
    check_event_dates,
    check_one_entry_per_event,
)
from builder.input.known import known_ids
from builder.input.load import RawProject, RawText, YamlDocument, YamlPath
from builder.input.prose_check import check_prose
from builder.input.refs import Known, RefChecker
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
from builder.input.shape import Checked, validate_shape


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


def _registry_alone(
    actors: Checked[ActorRegistry], known: Known, refs: RefChecker, own: Diagnostics
) -> None:
    """The actor registry's checks, with their findings kept apart (reused while the
    registry and what its references read are unchanged: core/steps.py)."""
    refs = refs.reporting_to(own)
    for i, actor in enumerate(actors.model.actors):
        _check_actor(actors.document, actors.at("actors", i), actor, known, refs, own)
    _check_aliases(actors, own)


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


def _check_orders(sidecars: dict[str, Checked[Sidecar]], diagnostics: Diagnostics) -> None:
    """A text without `order:` is listed after every text that has one: when only some
    have one, a new text put first by its `order: 1` may push the others down unseen."""
    if not any(checked.model.order is not None for checked in sidecars.values()):
        return
    for checked in sidecars.values():
        if checked.model.order is None:
            diagnostics.warning(
                Location(checked.document.path),
                "this text has no `order:`, while other texts have one: it is listed after "
                "all of them",
                "give it an order: too (a whole number; lower comes first), or remove "
                "order: from the others",
                code="order-missing",
            )


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
    known = known_ids(sidecars, actors, sources, diagnostics, memo, all_sidecars_read=all_read)
    refs = RefChecker(diagnostics)
    rejected = _Rejected()
    read = memo.steps.value("references-read", known, partial(_what_references_read, known))
    context = memo.settled("references", read)
    if actors:
        check_registry = partial(_registry_alone, actors, known, refs)
        memo.steps.same("actor-registry", (actors, context), check_registry, diagnostics)
    usable = {slug: checked for slug, checked in sidecars.items() if slug in texts}
    for slug, checked in usable.items():
        check = partial(_sidecar_alone, slug, checked, known, refs)
        found = memo.run_in_context("references", checked.document, context, check, diagnostics)
        rejected.events |= found.events
        rejected.accounts |= found.accounts
    _check_orders(sidecars, diagnostics)
    _check_statuses(usable, sidecars, actors, known, memo, diagnostics)
    if sources:
        dates = partial(_check_source_dates, sources)
        memo.steps.same("source-dates", sources, dates, diagnostics)
    validated = ValidatedProject(
        texts,
        sidecars,
        actors,
        sources,
        frozenset(rejected.events),
        frozenset(rejected.accounts),
    )
    # Links and markup in notes: builder/input/prose_check.py
    check_prose(validated, diagnostics, memo)
    return validated


def _check_statuses(
    usable: dict[str, Checked[Sidecar]],
    sidecars: dict[str, Checked[Sidecar]],
    actors: Checked[ActorRegistry] | None,
    known: Known,
    memo: FileChecks,
    diagnostics: Diagnostics,
) -> None:
    """Declared statuses against the links of all claims (input/claims.py), run again only
    when what it reads of a sidecar (`SidecarClaims`) or the ids differ."""
    complete = actors is not None and not actors.partial
    complete = complete and not any(checked.partial for checked in sidecars.values())
    claims = tuple(
        memo.part("claims", checked.document, partial(sidecar_claims, slug, checked))
        for slug, checked in usable.items()
    )
    statuses = partial(check_declared_statuses, claims, known, complete=complete)
    memo.steps.same("declared-statuses", (claims, known, complete), statuses, diagnostics)
