"""Stage 2a: the shape of each file (pydantic), as located errors.

Pydantic reports a path such as `('annotations', 3, 'claim', 'attribution', 'by')`;
`_locate` walks that path through the YAML data to the contributor's line and
column, skipping the union tags pydantic inserts. A malformed entry is dropped (and
reported) so that the rest of its file is still checked.
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar, Union, get_args, get_origin

from annotated_types import MaxLen
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from builder.core.diagnostics import Diagnostics, Location
from builder.input.load import YamlDocument, YamlPath
from builder.input.refs import suggest
from builder.input.schema import Sidecar

M = TypeVar("M", bound=BaseModel)

# How close a misspelt choice must be to one of the choices to be offered as a did-you-mean.
CHOICE_CUTOFF = 0.75

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
    "order": "a whole number, e.g. order: 2 (the texts are listed by it, then by title)",
    "provenance": "say where the file came from and what is unknown about it",
    "passages": "list at least one quote from the text that the event rests on",
    "status": "reported, corroborated, disputed or denied; or leave it out: it is derived",
    "count": 'write e.g. count: 3, "three", "more than 10", "about 30" or "3 + 1" (or "several", "a few", "many" when the text gives no number)',
    "problem": "translation_slip, typo, ambiguity or spelling",
    "qualifier": "about, before, after or by",
    "type": "a person who heads, chairs or leads a body is leader_of it (say which post in "
    "label:, e.g. label: chair of); a unit inside a body is part_of it; see the relations in "
    "docs/contributing.md",
    "rule": "waive one of: uncovered-statement, bare-paragraph, unlinked-alias, unplaced-date",
    "reason": "say in a sentence why the passage needs no annotation, e.g. reason: the weekday"
    " repeats the date placed in event leaves-capital",
}

ERROR_HINTS: dict[str, str] = {
    "slug": FIELD_HINTS["id"],
    "partial_date": FIELD_HINTS["date"],
    "clock_time": FIELD_HINTS["time"],
    "offset": FIELD_HINTS["offset"],
    "https_url": FIELD_HINTS["url"],
    "language": FIELD_HINTS["language"],
    "reserved_id": "choose another id: the site's own pages use it",
    "count": FIELD_HINTS["count"],
}


# The diagnostic code of each kind of pydantic error (ours from schema.py included): the
# kind, not the field, so `bad-id` is one code wherever an id is malformed.
SHAPE_CODES: dict[str, str] = {
    "missing": "missing-field",
    "extra_forbidden": "unknown-field",
    "union_tag_not_found": "missing-kind",
    "union_tag_invalid": "unknown-kind",
    "literal_error": "not-a-choice",
    "enum": "not-a-choice",
    "slug": "bad-id",
    "reserved_id": "reserved-id",
    "partial_date": "bad-date",
    "clock_time": "bad-time",
    "offset": "bad-offset",
    "https_url": "not-https",
    "language": "bad-language",
    "count": "bad-count",
    "too_short": "empty-list",
    "too_long": "too-many-entries",
    "string_too_short": "empty-value",
    "string_too_long": "value-too-long",
    "bool_type": "not-boolean",
    "bool_parsing": "not-boolean",
    "string_type": "not-text",
    "str_type": "not-text",
    "list_type": "not-a-list",
    "model_type": "not-a-mapping",
    "dict_type": "not-a-mapping",
    "model_attributes_type": "not-a-mapping",
}
OTHER_SHAPE_CODE = "bad-value"  # a kind of pydantic error no field of ours produces today


def shape_code(kind: str) -> str:
    return SHAPE_CODES.get(kind, OTHER_SHAPE_CODE)


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
            # Only a near spelling: among short words such as relation types, a looser
            # match guessed wrong ('chair_of' -> 'part_of', where leader_of was meant).
            suggest(str(value), choices, cutoff=CHOICE_CUTOFF) or hint,
        )
    return location, *_value_message(kind, field, loc, error, hint)


def _value_message(
    kind: str, field: str, loc: tuple[int | str, ...], error: ErrorDetails, hint: str
) -> tuple[str, str]:
    """Message and hint for a value of the wrong type, length or form."""
    value = error.get("input")
    if kind in ERROR_HINTS:
        return f"`{field}`: {error['msg']}", ERROR_HINTS[kind]
    if kind == "too_short":
        return f"`{field}` needs at least one entry", hint
    if kind == "too_long":
        ctx = error.get("ctx") or {}
        return (
            f"`{field}` has {ctx.get('actual_length')} entries (at most {ctx.get('max_length')})",
            "the limits keep checks fast and are far above any real need: split the list "
            "or the file",
        )
    if kind == "string_too_short":
        return f"`{field}` must not be empty", hint
    if kind == "string_too_long":
        limit = (error.get("ctx") or {}).get("max_length")
        return f"`{field}` is too long (at most {limit} characters)", "shorten it"
    if kind == "bool_type" or kind == "bool_parsing":
        return f"`{field}` must be true or false (got {_describe(value)})", hint
    if kind in ("string_type", "str_type"):
        return (
            f"`{field}` must be text (got {_describe(value)})",
            (hint or "put the value in quotes"),
        )
    if kind == "list_type":
        return (
            f"`{field}` must be a list (got {_describe(value)})",
            (f"write {field}: [first, second] or one '- item' per line"),
        )
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        what = f"each entry of `{field}`" if loc and isinstance(loc[-1], int) else f"`{field}`"
        return (
            f"{what if field else 'this entry'} must be a mapping of fields (got {_describe(value)})",
            hint,
        )
    return f"`{field}`: {error['msg']}", hint


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
            code="not-a-mapping",
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
        diagnostics.error(location, message, hint, code=shape_code(error["type"]))
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
                code="too-many-entries",
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


def invalid_entry_ids(checked: Checked[Any] | None, key: str) -> set[str]:
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
