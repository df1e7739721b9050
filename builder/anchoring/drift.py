"""Re-anchoring: where a quote that no longer matches its text has moved, or that it has not.

Pure functions over strings, like builder/anchoring/quotes.py; only quotes that failed the
exact search come here (exact matches never pay for this). A quote is looked for
approximately: an infix alignment with a bounded edit distance (edlib, Myers' bit-vector
algorithm in C++), run only in small windows of the text. The windows come from

- the quote's old place, when the previous version of the text is known (git: the text as of
  the sidecar's last commit), mapped to the new text through a line diff of the two; and
- seeds: pieces of the quote found exactly in the text (with at most k edits in a quote cut
  into k + 1 pieces, one piece is intact), so a quote that moved far is found too.

Each candidate is scored on the quote (edit distance), on its context (the selector's prefix
and suffix, or else the characters around the quote's old place) and on its distance from
the old place. The best candidate is accepted only if it is close enough to the quote and
clearly better than any other: otherwise the quote is an orphan. The builder never guesses.

Why edlib, measured on the development machine: it aligns a 60-character quote in a
450-character window in about 5 µs, the same dynamic programme in pure Python in about 4 ms;
over a whole 1 MB text edlib needs about 15 ms a quote, hence the windows. The corpus
(scripts/reanchor_corpus.py) measures accuracy and time; docs/performance.md has the figures.
"""

from __future__ import annotations

import difflib
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property
from typing import Literal

import edlib

from builder.anchoring.quotes import find_quote, is_mark
from builder.core.spans import Span

MAX_EDIT_RATIO = 0.25  # at most this share of the quote's characters may have changed
MIN_QUOTE = (
    12  # a shorter quote that does not match exactly is not looked for: too many look-alikes
)
MIN_SCORE = 0.7  # below this, the best place is too unlike the quote and its context
MIN_SCORE_ALONE = 0.85  # the same with no context and no old place to go by: the quote alone
MARGIN = 0.08  # the best candidate must beat every other one by this much (scores are 0..1)
CONTEXT = 32  # characters of old context compared, either side
SEED_LENGTH = 10  # characters of a seed: shorter ones hit everywhere in a long text
MAX_SEEDS = 3  # pieces looked for per quote: each is a scan of the text
MAX_SEED_HITS = 40  # a piece found more often than this says nothing about the place
MAX_WINDOWS = 8  # candidate places aligned per quote, best seeded first
MAX_WIDENED = 20  # characters added at most to complete a word at either end
WEIGHTS = {"quote": 0.6, "context": 0.25, "position": 0.15}

Outcome = Literal["drifted", "orphaned"]


@dataclass(frozen=True, kw_only=True)
class Candidate:
    span: Span
    distance: int  # edits between the quote and the text at `span`
    score: float  # 0..1, higher is better


@dataclass(frozen=True, kw_only=True)
class Relocation:
    outcome: Outcome
    span: Span | None = None  # the proposed new place (drifted only)
    distance: int = 0
    rivals: tuple[Span, ...] = ()  # other places about as good (orphaned as ambiguous)


class PositionMap:
    """Old offsets to new ones, through a diff of the two versions line by line (a paragraph
    is a line in these texts, so the diff is small and fast even for a megabyte). Inside a
    changed block, offsets are spread proportionally: a corrected paragraph keeps most of
    its characters where they were."""

    def __init__(self, old: str, new: str) -> None:
        old_lines, new_lines = old.splitlines(keepends=True), new.splitlines(keepends=True)
        old_starts, new_starts = _starts(old_lines), _starts(new_lines)
        matcher = difflib.SequenceMatcher(None, old_lines, new_lines)
        # Each block of the diff as (old start, old end, new start, new end) in characters.
        self._blocks = [
            (old_starts[i1], old_starts[i2], new_starts[j1], new_starts[j2])
            for _, i1, i2, j1, j2 in matcher.get_opcodes()
        ]
        self._block_starts = [b[0] for b in self._blocks]

    def new_offset(self, old_offset: int) -> int:
        index = max(bisect_right(self._block_starts, old_offset) - 1, 0)
        old_start, old_end, new_start, new_end = self._blocks[index]
        if old_end == old_start:
            return new_start
        share = min(1.0, (old_offset - old_start) / (old_end - old_start))
        return new_start + round(share * (new_end - new_start))


def _starts(lines: list[str]) -> list[int]:
    """The offset where each line starts, and the text's length after the last."""
    starts, at = [0], 0
    for line in lines:
        at += len(line)
        starts.append(at)
    return starts


@dataclass(frozen=True)
class Previous:
    """The previous version of a text, with what re-anchoring needs of it computed once."""

    old: str
    new: str

    @cached_property
    def positions(self) -> PositionMap:
        return PositionMap(self.old, self.new)


@dataclass(frozen=True, kw_only=True)
class OldPlace:
    """Where the quote was in the previous version, mapped to the new one, and its context."""

    expected: int
    before: str
    after: str


def old_place(previous: Previous, exact: str, prefix: str, suffix: str) -> OldPlace | None:
    hits = find_quote(previous.old, exact, prefix, suffix)
    if hits.count != 1:
        return None
    span = hits.spans[0]
    return OldPlace(
        expected=previous.positions.new_offset(span.start),
        before=previous.old[max(0, span.start - CONTEXT) : span.start],
        after=previous.old[span.end : span.end + CONTEXT],
    )


def relocate(
    text: str, exact: str, prefix: str = "", suffix: str = "", *, old: OldPlace | None = None
) -> Relocation:
    """Where `exact` (not found as it is) now is in `text`, or why it is an orphan."""
    if len(exact) < MIN_QUOTE:
        return Relocation(outcome="orphaned")
    limit = max(1, int(len(exact) * MAX_EDIT_RATIO))
    windows = _windows(text, exact, limit, old)
    found = {c.span: c for w in windows if (c := _align(text, exact, w, limit)) is not None}
    context = (prefix, suffix) if prefix or suffix else (old.before, old.after) if old else None
    scored = sorted(
        (_scored(text, c, exact, context, old) for c in found.values()),
        key=lambda c: (-c.score, c.span.start),
    )
    alone = context is None and old is None
    if not scored or scored[0].score < (MIN_SCORE_ALONE if alone else MIN_SCORE):
        return Relocation(outcome="orphaned")
    best = scored[0]
    rivals = tuple(
        c.span
        for c in scored[1:]
        if not _overlap(c.span, best.span) and best.score - c.score < MARGIN
    )
    if rivals:
        return Relocation(outcome="orphaned", rivals=(best.span, *rivals))
    return Relocation(outcome="drifted", span=best.span, distance=best.distance)


def _overlap(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def _windows(text: str, exact: str, limit: int, old: OldPlace | None) -> list[Span]:
    """Places of the text to align the quote in: around its old place, and where seeds hit."""
    size = len(exact)
    windows = []
    if old is not None:
        reach = max(200, 2 * size)
        windows.append(
            Span(max(0, old.expected - reach), min(len(text), old.expected + size + reach))
        )
    for diagonal in _seed_diagonals(text, exact, limit):
        start = max(0, diagonal - limit - 8)
        windows.append(Span(start, min(len(text), diagonal + size + limit + 8)))
    return windows


def _seed_diagonals(text: str, exact: str, limit: int) -> list[int]:
    """Likely start offsets of the quote in `text`, most-voted first: each piece of the quote
    found exactly at offset h votes for a start at h minus the piece's offset in the quote."""
    count = min(limit + 1, MAX_SEEDS, max(2, len(exact) // SEED_LENGTH))
    length = len(exact) // count
    votes: dict[int, set[int]] = {}
    for piece in range(count):
        at = piece * length
        needle = exact[at : at + length]
        hits = _all_hits(text, needle)
        for hit in hits:
            # Diagonals within `limit` of each other are one place (edits shift them).
            bucket = (hit - at) // (limit + 1)
            votes.setdefault(bucket, set()).add(piece)
    ranked = sorted(votes.items(), key=lambda item: (-len(item[1]), item[0]))
    return [bucket * (limit + 1) for bucket, _ in ranked[:MAX_WINDOWS]]


def _all_hits(text: str, needle: str) -> list[int]:
    hits: list[int] = []
    at = text.find(needle)
    while at != -1:
        if len(hits) == MAX_SEED_HITS:
            return []
        hits.append(at)
        at = text.find(needle, at + 1)
    return hits


def _align(text: str, exact: str, window: Span, limit: int) -> Candidate | None:
    haystack = text[window.start : window.end]
    if not haystack:
        return None
    result = edlib.align(exact, haystack, mode="HW", task="locations", k=limit)
    if result["editDistance"] < 0:
        return None
    # Of the equally close alignments, the one nearest the quote's length.
    start, end = min(result["locations"], key=lambda loc: abs(loc[1] + 1 - loc[0] - len(exact)))
    span = _whole_words(text, Span(window.start + start, window.start + end + 1), exact)
    span = _whole_characters(text, span)
    return Candidate(span=span, distance=int(result["editDistance"]), score=0.0)


def _whole_words(text: str, span: Span, exact: str) -> Span:
    """`span` widened to whole words where the quote begins or ends with a whole word: an
    alignment may start inside one ('ar the' for 'in the' once the text says 'near the')."""
    start, end = span.start, span.end
    if exact[0].isalnum() and text[start].isalnum():
        while start > 0 and text[start - 1].isalnum() and span.start - start < MAX_WIDENED:
            start -= 1
    if exact[-1].isalnum() and text[end - 1].isalnum():
        while end < len(text) and text[end].isalnum() and end - span.end < MAX_WIDENED:
            end += 1
    return Span(start, end)


def _whole_characters(text: str, span: Span) -> Span:
    """`span` widened so that it splits no letter from its combining marks."""
    start, end = span.start, span.end
    while start > 0 and is_mark(text[start]):
        start -= 1
    while end < len(text) and is_mark(text[end]):
        end += 1
    return Span(start, end)


def _scored(
    text: str,
    candidate: Candidate,
    exact: str,
    context: tuple[str, str] | None,
    old: OldPlace | None,
) -> Candidate:
    parts = {"quote": 1 - candidate.distance / len(exact)}
    if context is not None and any(context):
        before, after = context
        span = candidate.span
        sides = [_similarity(before, text[max(0, span.start - len(before)) : span.start])]
        sides += [_similarity(after, text[span.end : span.end + len(after)])] if after else []
        sides = sides[1:] if not before else sides
        parts["context"] = sum(sides) / len(sides)
    if old is not None:
        parts["position"] = max(0.0, 1 - abs(candidate.span.start - old.expected) / 2000)
    total = sum(WEIGHTS[name] * value for name, value in parts.items())
    score = total / sum(WEIGHTS[name] for name in parts)
    return Candidate(span=candidate.span, distance=candidate.distance, score=score)


def _similarity(want: str, have: str) -> float:
    if not want:
        return 1.0
    distance: int = edlib.align(want, have, mode="NW", task="distance")["editDistance"]
    return max(0.0, 1 - distance / len(want))
