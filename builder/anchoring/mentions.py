"""Alias mentions: where the text names an actor by one of its names or aliases.

All aliases of all actors are compiled into one regular expression, once per project,
and each text is scanned once: the cost is linear in the text and in the number of
mentions, however many aliases there are. Overlaps are checked against a byte per
character of the text, so each check costs the length of the alias, not the number
of mentions found so far.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from builder.anchoring.quotes import is_mark
from builder.core.alternation import alternation
from builder.core.spans import Span


@dataclass(frozen=True)
class Alias:
    text: str
    actor_id: str


@dataclass(frozen=True)
class AliasMatch:
    span: Span
    actor_id: str


@dataclass(frozen=True)
class AliasFinder:
    """Every alias of every actor in one compiled pattern, built once per project.

    The pattern finds, at each position where an alias starts on a word boundary, the
    longest alias there; shorter aliases at the same position (needed only where the
    longest one overlaps an explicit mention) come from a table of alias prefixes."""

    aliases: Sequence[Alias]
    owners: dict[str, str] = field(init=False)
    _lengths: list[int] = field(init=False)  # distinct alias lengths, longest first
    _prefixes: dict[str, list[str]] = field(init=False)

    def __post_init__(self) -> None:
        owners: dict[str, str] = {}
        for alias in self.aliases:
            owners.setdefault(alias.text, alias.actor_id)  # a duplicate is reported elsewhere
        # Frozen for its users; these are filled once here (and the cache as it goes).
        object.__setattr__(self, "owners", owners)
        object.__setattr__(self, "_lengths", sorted({len(a) for a in owners}, reverse=True))
        object.__setattr__(self, "_prefixes", {})

    @cached_property
    def pattern(self) -> re.Pattern[str] | None:
        if not self.owners:
            return None
        return re.compile(r"(?<!\w)(?=(" + alternation(self.owners) + r")(?!\w))")

    def shorter_aliases(self, alias: str) -> list[str]:
        """The other aliases that `alias` starts with, longest first."""
        if alias not in self._prefixes:
            self._prefixes[alias] = [
                alias[:n] for n in self._lengths if n < len(alias) and alias[:n] in self.owners
            ]
        return self._prefixes[alias]

    def mentions(self, text: str, taken: Iterable[Span] = ()) -> list[AliasMatch]:
        """Non-overlapping alias occurrences on word boundaries; where two overlap, the
        longest wins. `taken` spans (explicit mentions) win over aliases that overlap them."""
        if self.pattern is None:
            return []
        candidates: list[tuple[int, str, int]] = []  # (-length, alias, start): longest first
        for match in self.pattern.finditer(text):
            start, longest = match.start(), match.group(1)
            for alias in (longest, *self.shorter_aliases(longest)):
                end = start + len(alias)
                if _ends_on_boundary(text, end):
                    candidates.append((-len(alias), alias, start))
        candidates.sort()
        occupied = bytearray(len(text))  # 1 where a span is already taken: O(1) per check
        for span in taken:
            occupied[span.start : span.end] = b"\x01" * (span.end - span.start)
        found: list[AliasMatch] = []
        for negative_length, alias, start in candidates:
            end = start - negative_length
            if occupied.find(1, start, end) != -1:
                continue
            occupied[start:end] = b"\x01" * (end - start)
            found.append(AliasMatch(Span(start, end), self.owners[alias]))
        return sorted(found, key=lambda m: m.span)


def _ends_on_boundary(text: str, end: int) -> bool:
    """No word character and no combining mark (which would split a letter) right after."""
    if end >= len(text):
        return True
    after = text[end]
    return not (after.isalnum() or after == "_" or is_mark(after))


def find_alias_mentions(
    text: str, aliases: Iterable[Alias], taken: Iterable[Span] = ()
) -> list[AliasMatch]:
    """`AliasFinder(aliases).mentions(text, taken)`, for a single text."""
    return AliasFinder(list(aliases)).mentions(text, taken)
