"""Stage 2: validate shapes (pydantic) and cross-references, collecting every error.

Pydantic reports a path such as `('annotations', 3, 'claim', 'attribution', 'by')`;
`_locate` walks that path through the YAML data to the contributor's line and
column, skipping the union tags pydantic inserts.
"""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar, Union, get_args, get_origin

from annotated_types import MaxLen
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from builder.core.diagnostics import Diagnostics, Location
from builder.input.content import check_strings, check_text
from builder.input.event_dates import (
    check_calendar,
    check_event_dates,
    check_one_entry_per_event,
)
from builder.input.load import RawProject, RawText, YamlDocument, YamlPath
from builder.input.prose_check import check_prose
from builder.input.schema import (
    ActorRegistry,
    ClaimIn,
    ContextIn,
    MentionIn,
    Sidecar,
    SourceRegistry,
)

M = TypeVar("M", bound=BaseModel)

# Hints for errors on a particular field, keyed by the field's name.
FIELD_HINTS: dict[str, str] = {
    "id": "ids use lowercase letters, digits and hyphens, e.g. maher-al-assad",
    "quote": "copy the exact words from the text, e.g. quote: Mr. Assad told almost no one",
    "exact": "copy the exact words from the text",
    "kind": "choose one of the kinds listed in docs/contributing.md",
    "attribution": "say who asserts the claim: attribution: {by: ..., named: false}",
    "by": "who asserts the claim, in the text's own words, e.g. by: three of Mr. Assad’s advisers",
    "named": "named: true when the text names the source, named: false when it is anonymous",
    "sources": "list registry source ids, e.g. sources: [reuters-2024-12-13]",
    "date": 'write "YYYY", "YYYY-MM" or "YYYY-MM-DD" in quotes, e.g. date: "2024-12-07"',
    "published": 'write "YYYY", "YYYY-MM" or "YYYY-MM-DD" in quotes, e.g. published: "2024-12-13"',
    "time": 'write local clock time as "HH:MM" (24-hour) or "HH" in quotes, e.g. time: "21:30",'
    " or a part of the day: early morning, morning, afternoon, evening or night",
    "account_of": "name the id of an event declared in this or another sidecar",
    "timezone": "use an IANA time zone name, e.g. timezone: Asia/Damascus",
    "offset": 'write e.g. offset: "4 days", "-1 day" or "3 hours"',
    "url": "use the full https:// address of the page, or leave url out",
    "language": "use a BCP 47 language code, e.g. language: en",
    "title": "give a short title",
    "provenance": "say where the file came from and what is unknown about it",
    "passages": "list at least one quote from the text that the event rests on",
    "status": "reported, corroborated, disputed or denied",
    "problem": "translation_slip, typo, ambiguity or spelling",
    "qualifier": "about, before, after or by",
}

ERROR_HINTS: dict[str, str] = {
    "slug": FIELD_HINTS["id"],
    "partial_date": FIELD_HINTS["date"],
    "clock_time": FIELD_HINTS["time"],
    "offset": FIELD_HINTS["offset"],
    "https_url": FIELD_HINTS["url"],
    "language": FIELD_HINTS["language"],
    "reserved_id": "choose another id: the site's own pages use it",
}
# Did-you-mean hints compare an unknown id with every known one: after this many, a
# run with thousands of unknown ids gets the plain hint instead.
MAX_SUGGESTIONS = 50


@dataclass(frozen=True)
class Checked(Generic[M]):
    """A validated model together with the document it came from."""

    model: M
    document: YamlDocument
    partial: bool = False  # True when invalid entries were dropped (already reported)
    # For each list that lost entries: the original index of every kept entry.
    kept: dict[str, tuple[int, ...]] = field(default_factory=dict)

    def at(self, section: str, index: int, *rest: str | int) -> YamlPath:
        """The YAML path of entry `index` of `section` as validated (entries may be dropped)."""
        original = self.kept[section][index] if section in self.kept else index
        return (section, original, *rest)


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


def suggest(value: str, choices: Iterable[str]) -> str:
    """`did you mean 'x'?` for the closest choice, or an empty string."""
    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    return f"did you mean {close[0]!r}?" if close else ""


# --- shape validation -------------------------------------------------------------------


def _unwrap(annotation: Any) -> list[Any]:
    """The concrete classes an annotation may hold (through Optional, list, Annotated)."""
    origin = get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(get_args(annotation)[0])
    if origin in (Union, types.UnionType, list):
        return [c for arg in get_args(annotation) for c in _unwrap(arg)]
    return [annotation]


def _model_at(root: type[BaseModel], loc: tuple[int | str, ...]) -> type[BaseModel] | None:
    """The model class whose fields are at `loc` (used to list allowed fields)."""
    current: list[Any] = [root]
    for step in loc:
        models = [c for c in current if isinstance(c, type) and issubclass(c, BaseModel)]
        if isinstance(step, int):
            continue
        tagged = [m for m in models if "kind" in m.model_fields and _kind_of(m) == step]
        if tagged:
            current = tagged
            continue
        nxt: list[Any] = []
        for m in models:
            if step in m.model_fields:
                nxt.extend(_unwrap(m.model_fields[step].annotation))
        if not nxt:
            return None
        current = nxt
    models = [c for c in current if isinstance(c, type) and issubclass(c, BaseModel)]
    return models[0] if len(models) == 1 else None


def _kind_of(model: type[BaseModel]) -> str | None:
    args = get_args(model.model_fields["kind"].annotation)
    return str(args[0]) if args else None


def _locate(document: YamlDocument, loc: tuple[int | str, ...]) -> tuple[YamlPath, list[str]]:
    """Map a pydantic error path to a YAML data path; also return skipped steps."""
    node = document.data
    path: list[str | int] = []
    skipped: list[str] = []
    for step in loc:
        if isinstance(node, dict) and step in node:
            node = node[step]
            path.append(step)
        elif isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
            node = node[step]
            path.append(step)
        else:
            skipped.append(str(step))
    return tuple(path), skipped


def _describe(value: Any) -> str:
    if isinstance(value, str):
        return repr(value if len(value) <= 60 else value[:57] + "...")
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return repr(value)


def _shape_message(
    root: type[BaseModel], document: YamlDocument, error: ErrorDetails
) -> tuple[Location, str, str]:
    loc = tuple(error["loc"])
    kind = error["type"]
    path, _ = _locate(document, loc)
    named = [s for s in loc if isinstance(s, str)]
    field = named[-1] if named else ""
    value = error.get("input")
    hint = FIELD_HINTS.get(field, "")

    if kind == "missing":
        location = document.location(path)
        parent = _model_at(root, loc[:-1])
        where = f" in this {_model_label(parent)}" if parent else ""
        return location, f"missing required field `{field}`{where}", hint or f"add `{field}:`"
    if kind == "extra_forbidden":
        location = document.location(path, key=True)
        parent = _model_at(root, loc[:-1])
        allowed = sorted(parent.model_fields) if parent else []
        hint = suggest(field, allowed) or (
            f"allowed fields here: {', '.join(allowed)}" if allowed else "remove it"
        )
        return location, f"unknown field `{field}`", hint
    location = document.location(path)
    if kind == "union_tag_not_found":
        return (
            location,
            "this entry has no `kind`",
            "add kind: claim, context, text_note or mention",
        )
    if kind == "union_tag_invalid":
        ctx = error.get("ctx") or {}
        tag = str(ctx.get("tag", value))
        tag = tag if len(tag) <= 60 else tag[:57] + "..."  # the tag may be a whole list
        expected = str(ctx.get("expected_tags", "")).replace("'", "")
        return (
            document.location((*path, "kind")),
            f"unknown kind {tag!r}",
            suggest(tag, [t.strip() for t in expected.split(",")]) or f"use one of: {expected}",
        )
    if kind in ("literal_error", "enum"):
        expected = str((error.get("ctx") or {}).get("expected", "")).replace("'", "")
        choices = [c.strip() for c in expected.replace(" or ", ",").split(",") if c.strip()]
        got = _describe(value)
        return (
            location,
            f"`{field}` must be one of: {', '.join(choices)} (got {got})",
            suggest(str(value), choices) or hint,
        )
    if kind in ERROR_HINTS:
        return location, f"`{field}`: {error['msg']}", ERROR_HINTS[kind]
    if kind == "too_short":
        return location, f"`{field}` needs at least one entry", hint
    if kind == "too_long":
        ctx = error.get("ctx") or {}
        return (
            location,
            f"`{field}` has {ctx.get('actual_length')} entries (at most {ctx.get('max_length')})",
            "the limits keep checks fast and are far above any real need: split the list "
            "or the file",
        )
    if kind == "string_too_short":
        return location, f"`{field}` must not be empty", hint
    if kind == "string_too_long":
        limit = (error.get("ctx") or {}).get("max_length")
        return location, f"`{field}` is too long (at most {limit} characters)", "shorten it"
    if kind == "bool_type" or kind == "bool_parsing":
        return location, f"`{field}` must be true or false (got {_describe(value)})", hint
    if kind in ("string_type", "str_type"):
        return (
            location,
            f"`{field}` must be text (got {_describe(value)})",
            (hint or "put the value in quotes"),
        )
    if kind == "list_type":
        return (
            location,
            f"`{field}` must be a list (got {_describe(value)})",
            (f"write {field}: [first, second] or one '- item' per line"),
        )
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        what = f"each entry of `{field}`" if loc and isinstance(loc[-1], int) else f"`{field}`"
        return (
            location,
            f"{what if field else 'this entry'} must be a mapping of fields (got {_describe(value)})",
            hint,
        )
    return location, f"`{field}`: {error['msg']}", hint


def _model_label(model: type[BaseModel] | None) -> str:
    if model is None:
        return "entry"
    name = model.__name__.removesuffix("In")
    return {"Sidecar": "sidecar", "ActorRegistry": "registry", "SourceRegistry": "registry"}.get(
        name, name.lower().replace("textnote", "text note")
    )


def validate_shape(
    model: type[M], document: YamlDocument, diagnostics: Diagnostics
) -> Checked[M] | None:
    if not isinstance(document.data, dict):
        diagnostics.error(
            document.location(()),
            f"{document.path} must be a mapping of fields (got {_describe(document.data)})",
            "start the file with `title:` (sidecar), `actors:` or `sources:` (registries)",
        )
        return None
    if _too_many_entries(model, document, diagnostics):
        return None
    try:
        return Checked(model.model_validate(document.data), document)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
    for error in errors:
        location, message, hint = _shape_message(model, document, error)
        diagnostics.error(location, message, hint)
    # Keep going with the entries that are valid, so that one bad annotation does not
    # hide the errors (unfound quotes, unknown ids) of all the others in the same run.
    pruned, kept = _without_invalid_entries(document.data, errors)
    try:
        return Checked(model.model_validate(pruned), document, partial=True, kept=kept)
    except ValidationError:
        return None


def _too_many_entries(
    model: type[BaseModel], document: YamlDocument, diagnostics: Diagnostics
) -> bool:
    """Report the top-level lists longer than their limit (builder/input/schema.py), before
    validating thousands of entries only to refuse the file."""
    over = False
    for name, info in model.model_fields.items():
        value = document.data.get(name)
        limit = next((m.max_length for m in info.metadata if isinstance(m, MaxLen)), None)
        if limit is not None and isinstance(value, list) and len(value) > limit:
            diagnostics.error(
                document.location((name,), key=True),
                f"`{name}` has {len(value)} entries (at most {limit} in one file)",
                "split the text into several texts, each with its own sidecar"
                if model is Sidecar
                else "the limit keeps checks fast; ask the maintainers to raise it",
            )
            over = True
    return over


def _without_invalid_entries(
    data: dict[str, Any], errors: list[ErrorDetails]
) -> tuple[dict[str, Any], dict[str, tuple[int, ...]]]:
    """`data` minus the list entries (annotations, events, actors, sources) that failed,
    and for each list the original indices of the entries kept."""
    bad: dict[str, set[int]] = {}
    for error in errors:
        loc = error["loc"]
        if len(loc) >= 2 and isinstance(loc[0], str) and isinstance(loc[1], int):
            bad.setdefault(loc[0], set()).add(loc[1])
    pruned = dict(data)
    kept: dict[str, tuple[int, ...]] = {}
    for key, indices in bad.items():
        if isinstance(pruned.get(key), list):
            kept[key] = tuple(i for i in range(len(pruned[key])) if i not in indices)
            pruned[key] = [pruned[key][i] for i in kept[key]]
    return pruned, kept


def _invalid_entry_ids(checked: Checked[Any] | None, key: str) -> set[str]:
    """Ids of entries dropped for shape errors: references to them are not errors too."""
    if checked is None or not checked.partial:
        return set()
    raw = checked.document.data.get(key)
    valid = {getattr(e, "id", None) for e in getattr(checked.model, key, [])}
    return {
        e["id"]
        for e in (raw if isinstance(raw, list) else [])
        if isinstance(e, dict) and isinstance(e.get("id"), str) and e["id"] not in valid
    }


# --- cross-reference checks -------------------------------------------------------------


class _Refs:
    """Checks that ids exist, with a did-you-mean hint naming the registry."""

    def __init__(self, diagnostics: Diagnostics) -> None:
        self.diagnostics = diagnostics
        self._suggestions: dict[tuple[str, int], str] = {}

    def _hint(self, value: str, known: dict[str, Location], where: str) -> str:
        key = (value, id(known))
        if key not in self._suggestions and len(self._suggestions) < MAX_SUGGESTIONS:
            self._suggestions[key] = suggest(value, known)
        return self._suggestions.get(key) or f"add it to {where}, or fix the spelling"

    def check(
        self,
        document: YamlDocument,
        path: YamlPath,
        value: str | None,
        known: dict[str, Location] | None,
        what: str,
        where: str,
    ) -> None:
        # `known` is None when its registry itself failed validation: that error is
        # reported already, and every reference to it would only repeat it.
        if value is None or known is None or value in known:
            return
        hint = self._hint(value, known, where)
        self.diagnostics.error(document.location(path), f"unknown {what} id {value!r}", hint)

    def check_all(
        self,
        document: YamlDocument,
        path: YamlPath,
        values: Iterable[str],
        known: dict[str, Location] | None,
        what: str,
        where: str,
    ) -> None:
        for index, value in enumerate(values):
            self.check(document, (*path, index), value, known, what, where)


def _unique(
    entries: Iterable[tuple[str, Location]], what: str, diagnostics: Diagnostics
) -> dict[str, Location]:
    seen: dict[str, Location] = {}
    for ident, location in entries:
        if ident in seen:
            diagnostics.error(
                location,
                f"duplicate {what} id {ident!r} (first defined at {seen[ident]})",
                "ids must be unique across the project; rename one of them",
            )
        else:
            seen[ident] = location
    return seen


def _registry_ids(
    checked: Checked[Any] | None, key: str, what: str, diagnostics: Diagnostics
) -> dict[str, Location] | None:
    """Ids defined in a registry (duplicates reported), or None if it failed entirely.

    Ids of entries dropped for shape errors count as known: references to them
    would only repeat an error already reported."""
    if checked is None:
        return None
    entries = getattr(checked.model, key)
    ids = _unique(
        (
            (entry.id, checked.document.location(checked.at(key, i, "id")))
            for i, entry in enumerate(entries)
        ),
        what,
        diagnostics,
    )
    for dropped in _invalid_entry_ids(checked, key):
        ids.setdefault(dropped, Location("(invalid)"))
    return ids


def validate_project(raw: RawProject, diagnostics: Diagnostics) -> ValidatedProject:
    for document in (*raw.sidecars.values(), raw.actors, raw.sources):
        if document is not None:
            check_strings(document, diagnostics)
    # A text that cannot be used (empty, control characters) is left out with its sidecar:
    # its quotes would only fail again.
    texts = {t.slug: t for t in raw.texts if check_text(t, diagnostics)}
    sidecars: dict[str, Checked[Sidecar]] = {}
    for slug, document in raw.sidecars.items():
        checked = validate_shape(Sidecar, document, diagnostics)
        if checked is not None:
            sidecars[slug] = checked
    actors = validate_shape(ActorRegistry, raw.actors, diagnostics) if raw.actors else None
    sources = validate_shape(SourceRegistry, raw.sources, diagnostics) if raw.sources else None

    actor_ids = _registry_ids(actors, "actors", "actor", diagnostics)
    source_ids = _registry_ids(sources, "sources", "source", diagnostics)
    _unique(  # reports duplicate ids; annotations and events share one namespace
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
    claim_ids = {
        a.id: checked.document.location(checked.at("annotations", i, "id"))
        for checked in sidecars.values()
        for i, a in enumerate(checked.model.annotations)
        if isinstance(a, ClaimIn)
    }
    event_ids = {
        e.id: checked.document.location(checked.at("events", i, "id"))
        for checked in sidecars.values()
        for i, e in enumerate(checked.model.events)
        if e.id is not None
    }
    for checked in sidecars.values():
        for dropped in _invalid_entry_ids(checked, "annotations"):
            claim_ids.setdefault(dropped, Location("(invalid)"))
        for dropped in _invalid_entry_ids(checked, "events"):
            event_ids.setdefault(dropped, Location("(invalid)"))

    rejected: set[str] = set()
    rejected_accounts: set[tuple[str, int]] = set()
    refs = _Refs(diagnostics)
    actors_where = "source_texts/registry/actors.yml"
    sources_where = "source_texts/registry/sources.yml"
    if actors:
        doc = actors.document
        aliases: dict[str, tuple[str, Location]] = {}
        for i, actor in enumerate(actors.model.actors):
            base: YamlPath = actors.at("actors", i)
            for j, relation in enumerate(actor.relations):
                refs.check(
                    doc,
                    (*base, "relations", j, "actor"),
                    relation.actor,
                    actor_ids,
                    "actor",
                    actors_where,
                )
                if relation.actor == actor.id:
                    diagnostics.error(
                        doc.location((*base, "relations", j, "actor")),
                        "an actor cannot be related to itself",
                        "name the other actor's id",
                    )
            refs.check_all(
                doc, (*base, "sources"), actor.sources, source_ids, "source", sources_where
            )
            if actor.profile and not actor.sources:
                diagnostics.error(
                    doc.location((*base, "profile"), key=True),
                    f"the profile of {actor.id!r} cites no source",
                    "add sources: [...] with the registry sources that support the profile",
                )
            for j, alias in enumerate([actor.name, *actor.aliases]):
                path = (*base, "aliases", j - 1) if j else (*base, "name")
                owner = aliases.get(alias)
                if owner and owner[0] != actor.id:
                    diagnostics.error(
                        doc.location(path),
                        f"alias {alias!r} is already used by actor {owner[0]!r} (at {owner[1]})",
                        "an alias must point to one actor; use an explicit mention where the text is ambiguous",
                    )
                elif not owner:
                    aliases[alias] = (actor.id, doc.location(path))

    for slug, checked in sidecars.items():
        doc = checked.document
        model = checked.model
        if slug not in texts:
            continue
        refs.check_all(doc, ("sources",), model.sources, source_ids, "source", sources_where)
        check_calendar(doc, ("published",), model.published, diagnostics)
        for i, annotation in enumerate(model.annotations):
            base = checked.at("annotations", i)
            if isinstance(annotation, ClaimIn):
                attribution = annotation.attribution
                refs.check(
                    doc,
                    (*base, "attribution", "actor"),
                    attribution.actor,
                    actor_ids,
                    "actor",
                    actors_where,
                )
                refs.check(
                    doc,
                    (*base, "attribution", "relayed_by"),
                    attribution.relayed_by,
                    actor_ids,
                    "actor",
                    actors_where,
                )
                refs.check_all(
                    doc, (*base, "about"), annotation.about, actor_ids, "actor", actors_where
                )
                refs.check_all(
                    doc, (*base, "sources"), annotation.sources, source_ids, "source", sources_where
                )
                for field in ("corroborated_by", "contradicted_by"):
                    values: list[str] = getattr(annotation, field)
                    refs.check_all(
                        doc, (*base, field), values, claim_ids, "claim", "a sidecar as a claim"
                    )
                    if annotation.id in values:
                        diagnostics.error(
                            doc.location((*base, field)),
                            f"claim {annotation.id!r} lists itself in `{field}`",
                            "name another claim",
                        )
                if annotation.status == "corroborated" and not annotation.corroborated_by:
                    diagnostics.error(
                        doc.location((*base, "status")),
                        "status is corroborated but `corroborated_by` is empty",
                        "list the claims that corroborate it, or use status: reported",
                    )
                if annotation.status in ("disputed", "denied") and not annotation.contradicted_by:
                    diagnostics.error(
                        doc.location((*base, "status")),
                        f"status is {annotation.status} but `contradicted_by` is empty",
                        "list the claims that dispute or deny it, or use status: reported",
                    )
            elif isinstance(annotation, ContextIn):
                refs.check_all(
                    doc, (*base, "sources"), annotation.sources, source_ids, "source", sources_where
                )
            elif isinstance(annotation, MentionIn):
                refs.check(
                    doc, (*base, "actor"), annotation.actor, actor_ids, "actor", actors_where
                )
        entries = [(checked.at("events", i), event) for i, event in enumerate(model.events)]
        repeated = check_one_entry_per_event(doc, entries, diagnostics)
        for i, event in enumerate(model.events):
            path = checked.at("events", i)
            valid = check_event_dates(doc, path, event, diagnostics) and path not in repeated
            if not valid and event.id is not None:
                rejected.add(event.id)
            elif not valid:
                rejected_accounts.add((slug, int(path[1])))
            refs.check(
                doc,
                (*path, "account_of"),
                event.account_of,
                event_ids,
                "event",
                "a sidecar's events",
            )
            refs.check_all(
                doc,
                checked.at("events", i, "actors"),
                event.actors,
                actor_ids,
                "actor",
                actors_where,
            )
            refs.check_all(
                doc,
                checked.at("events", i, "sources"),
                event.sources,
                source_ids,
                "source",
                sources_where,
            )
            if event.derived_from:
                refs.check(
                    doc,
                    checked.at("events", i, "derived_from", "event"),
                    event.derived_from.event,
                    event_ids,
                    "event",
                    "a sidecar's events",
                )

    if sources:
        for i, source in enumerate(sources.model.sources):
            check_calendar(
                sources.document, sources.at("sources", i, "date"), source.date, diagnostics
            )
    validated = ValidatedProject(
        texts, sidecars, actors, sources, frozenset(rejected), frozenset(rejected_accounts)
    )
    check_prose(validated, diagnostics)  # links and markup in notes: builder/input/prose_check.py
    return validated
