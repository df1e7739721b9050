"""The reverse lookups of `ProjectIndex` (core/index.py), made of one part per text.

Each lookup from an actor or a source to what names it is, in the order of the texts,
the concatenation of each text's own part (`TextLookups`). A part is made once per text
object: under `mkdocs serve` an unchanged text is the previous build's very object
(builder/assemble/reuse.py), so `IndexMemo` keeps its part, and merges again only the
keys that the parts of the changed texts hold, before or after the change. Every other
key keeps the previous build's tuple: pages that read it compare it at no cost
(builder/render/reuse.py). The lookups made from the registries or the events (what cites
a source, the relations, the events of an actor) are kept while those are the same
objects.

`ProjectIndex.build(project, memo)` takes the memo the build cache keeps (pipeline.py,
through render_pages, render/all_pages.py); without one, every part is made and merged (a build from nothing).
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, fields
from typing import Any, TypeVar

from builder.core.model import Claim, Context, SourceText

T = TypeVar("T")
Grouped = Mapping[str, tuple[Any, ...]]

# Past this many changed texts, a lookup is merged from all parts: merging one key reads
# every part, so by key costs more than all at once beyond a few texts (each names ~50).
MAX_CHANGED_TEXTS = 3


def group(pairs: Iterable[tuple[str, object]]) -> dict[str, tuple[Any, ...]]:
    out: dict[str, list[object]] = defaultdict(list)
    for key, value in pairs:
        out[key].append(value)
    return {key: tuple(values) for key, values in out.items()}


@dataclass(frozen=True, kw_only=True)
class TextLookups:
    """One text's part of each lookup, by actor or source id."""

    claims_by: Grouped  # its claims whose speaker or relaying outlet is the actor
    claims_about: Grouped  # its claims about the actor, or whose quote mentions it
    mentions_of: Grouped  # (the text, the mention)
    cited_claims: Grouped  # its claims that cite the source
    cited_contexts: Grouped
    is_text: Grouped  # the text, under its `source:` and its `sources:`
    reported_in: Grouped  # the text, under its default report when it is not its source


def text_lookups(text: SourceText) -> TextLookups:
    claims = [a for a in text.annotations if isinstance(a, Claim)]
    contexts = [a for a in text.annotations if isinstance(a, Context)]
    speakers = (
        (actor_id, claim)
        for claim in claims
        for actor_id in dict.fromkeys((claim.attribution.actor_id, claim.attribution.relayed_by))
        if actor_id
    )
    own = (text.source_id, *text.source_ids)
    return TextLookups(
        claims_by=group(speakers),
        claims_about=_claims_about(text, claims),
        mentions_of=group((m.actor_id, (text, m)) for m in text.mentions),
        cited_claims=group((s, c) for c in claims for s in c.source_ids),
        cited_contexts=group((s, c) for c in contexts for s in c.source_ids),
        is_text=group((s, text) for s in dict.fromkeys(own) if s),
        reported_in={text.report_id: (text,)} if text.report_id not in own else {},
    )


def _claims_about(text: SourceText, claims: list[Claim]) -> Grouped:
    grouped: dict[str, dict[str, Claim]] = defaultdict(dict)
    mentions = text.mentions  # sorted by span
    starts = [m.anchor.span.start for m in mentions]
    for claim in claims:
        span = claim.anchor.span
        first = bisect_left(starts, span.start)
        for actor_id in (*claim.about, *_until_past(mentions, first, span.end)):
            grouped[actor_id].setdefault(claim.id, claim)
    return {k: tuple(v.values()) for k, v in grouped.items()}


def _until_past(mentions: tuple[Any, ...], first: int, end: int) -> Iterator[str]:
    for mention in mentions[first:]:
        if mention.anchor.span.start >= end:
            return
        yield mention.actor_id


LOOKUPS = tuple(f.name for f in fields(TextLookups))


class IndexMemo:
    """The previous build's parts and merged lookups (see the module's docstring)."""

    def __init__(self) -> None:
        self._parts: dict[str, tuple[SourceText, TextLookups]] = {}
        self._merged: dict[str, tuple[tuple[Grouped, ...], dict[str, tuple[Any, ...]]]] = {}
        self._kept: dict[str, tuple[object, object]] = {}
        self._rebuilt: dict[str, tuple[object, dict[str, Any]]] = {}
        self.changed: dict[str, set[str] | None] = {}  # the keys merged again (None: all)

    def parts(self, texts: tuple[SourceText, ...]) -> tuple[TextLookups, ...]:
        """Each text's part (the first step of a build)."""
        self.changed = {}
        kept, self._parts = self._parts, {}
        out = []
        for text in texts:
            previous = kept.get(text.slug)
            part = previous[1] if previous is not None and previous[0] is text else None
            part = part or text_lookups(text)
            self._parts[text.slug] = (text, part)
            out.append(part)
        return tuple(out)

    def merged(self, name: str, parts: tuple[Grouped, ...]) -> Mapping[str, tuple[Any, ...]]:
        """The concatenation, key by key in the order of `parts`, of the parts."""
        previous = self._merged.get(name)
        changed = _changed(previous[0], parts) if previous is not None else None
        if previous is None or changed is None:
            lists: dict[str, list[Any]] = defaultdict(list)
            for part in parts:
                for key, values in part.items():
                    lists[key].extend(values)
            merged = {key: tuple(values) for key, values in lists.items()}
            self.changed[name] = None
        else:
            keys = {key for i in changed for key in (*previous[0][i], *parts[i])}
            merged = dict(previous[1])
            for key in keys:
                values = tuple(v for part in parts if key in part for v in part[key])
                if values:
                    merged[key] = values
                else:
                    merged.pop(key, None)
            self.changed[name] = keys
        self._merged[name] = (parts, merged)
        return merged

    def kept(self, name: str, made_of: object, make: Callable[[], T]) -> T:
        """`make()`, or its previous result if `made_of` is the previous build's object."""
        previous = self._kept.get(name)
        if previous is None or previous[0] is not made_of:
            previous = (made_of, make())
            self.changed[name] = None
        else:
            self.changed[name] = set()
        self._kept[name] = previous
        result: T = previous[1]  # type: ignore[assignment]
        return result

    def rebuilt(
        self,
        name: str,
        made_of: object,
        ids: Callable[[], Iterable[str]],
        keys: set[str] | None,
        make: Callable[[str], T],
    ) -> dict[str, T]:
        """`{key: make(key)}` for each of the `ids()` of `made_of`; while `made_of` is the
        previous build's object, only the `keys` that changed are made again (None: all)."""
        previous = self._rebuilt.get(name)
        if previous is None or previous[0] is not made_of or keys is None:
            out = {key: make(key) for key in ids()}
        else:
            out = dict(previous[1])
            out.update({key: make(key) for key in keys if key in out})
        self._rebuilt[name] = (made_of, out)
        return out

    def changed_keys(self, names: Iterable[str]) -> set[str] | None:
        """The keys merged again in any of the lookups `names` (None: all of them)."""
        keys: set[str] = set()
        for name in names:
            changed = self.changed.get(name)
            if changed is None:
                return None
            keys |= changed
        return keys


def _changed(before: tuple[Grouped, ...], now: tuple[Grouped, ...]) -> list[int] | None:
    """The positions of the parts that are not the same objects; None when too many."""
    if len(before) != len(now):
        return None
    changed = [i for i, (old, new) in enumerate(zip(before, now, strict=True)) if old is not new]
    return changed if len(changed) <= MAX_CHANGED_TEXTS else None
