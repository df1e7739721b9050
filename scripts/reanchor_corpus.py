"""A seeded corpus of edited texts with known truth, for re-anchoring (builder/anchoring/drift.py).

Each case is an old text made of generated words (no real text), quotes taken from it, and
a new text made by editing the old one: typos, a reworded word, inserted and deleted
sentences and paragraphs, a quoted passage copied elsewhere with a small change. Every
character of the new text remembers which quote's passage it came from, so the true new
place of each quote is known, or known to be gone.

`evaluate` re-anchors every quote that no longer matches exactly and sorts the outcomes:
right (the proposed span overlaps the truth by at least 80% of their union), wrong
(accepted anywhere else), orphaned. Targets (tests/test_reanchor_corpus.py): at least 95% of
the quotes whose passage changed by at most 10% are right, none is wrong, and every quote
whose passage is gone is an orphan.

    python -m scripts.reanchor_corpus [--size BYTES] [--quotes N] [--seed S] [--no-history]
"""

from __future__ import annotations

import argparse
import random
import time
from dataclasses import dataclass

import edlib

from builder.anchoring.drift import OldPlace, Previous, Relocation, old_place, relocate
from builder.anchoring.quotes import find_quote
from builder.core.spans import Span

SYLLABLES = ("ka", "lo", "mi", "nu", "pe", "ra", "si", "to", "ve", "zu", "dr", "an", "or", "el")
NONE = -1  # a character that belongs to no quote's passage


@dataclass(frozen=True, kw_only=True)
class Quote:
    exact: str
    truth: Span | None  # where its passage is in the new text; None if it was deleted
    changed: float  # edit distance between old and new passage, over the quote's length


@dataclass(frozen=True, kw_only=True)
class Case:
    old: str
    new: str
    quotes: tuple[Quote, ...]


@dataclass(frozen=True, kw_only=True)
class Outcome:
    right: int = 0
    wrong: int = 0
    orphaned: int = 0
    small_total: int = 0  # quotes changed by at most 10%, still present
    small_right: int = 0
    gone_total: int = 0
    gone_orphaned: int = 0
    drifted: int = 0  # quotes that no longer matched exactly (the ones re-anchored)
    seconds: float = 0.0


def _word(rng: random.Random, vocabulary: list[str]) -> str:
    return rng.choice(vocabulary)


def _sentence(rng: random.Random, vocabulary: list[str]) -> str:
    words = [_word(rng, vocabulary) for _ in range(rng.randint(8, 22))]
    return " ".join(words).capitalize() + "."


def _paragraph(rng: random.Random, vocabulary: list[str]) -> list[str]:
    return [_sentence(rng, vocabulary) for _ in range(rng.randint(2, 6))]


def _vocabulary(rng: random.Random) -> list[str]:
    words = {"".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 4))) for _ in range(4000)}
    return sorted(words)


class Tagged:
    """A text as characters, each tagged with the quote whose passage it is part of."""

    def __init__(self, text: str, tags: list[int]) -> None:
        self.chars, self.tags = list(text), tags

    @property
    def text(self) -> str:
        return "".join(self.chars)

    def replace(self, start: int, end: int, new: str, tag: int) -> None:
        self.chars[start:end] = list(new)
        self.tags[start:end] = [tag] * len(new)

    def span_of(self, quote: int) -> Span | None:
        places = [i for i, t in enumerate(self.tags) if t == quote]
        return Span(places[0], places[-1] + 1) if places else None


def generate(size: int, quotes: int, seed: int) -> Case:
    """A text of about `size` characters with `quotes` quotes, and its edited version."""
    rng = random.Random(seed)
    vocabulary = _vocabulary(rng)
    paragraphs: list[list[str]] = []
    while sum(len(" ".join(p)) + 2 for p in paragraphs) < size:
        paragraphs.append(_paragraph(rng, vocabulary))
    old = "\n\n".join(" ".join(p) for p in paragraphs) + "\n"
    spans = _pick_quotes(rng, old, quotes)
    tags = [NONE] * len(old)
    for number, span in enumerate(spans):
        tags[span.start : span.end] = [number] * (span.end - span.start)
    tagged = Tagged(old, tags)
    for number, span in reversed(list(enumerate(spans))):  # from the end: offsets stay valid
        _edit(rng, tagged, number, span, vocabulary)
    new = tagged.text
    result = []
    for number, span in enumerate(spans):
        exact = old[span.start : span.end]
        truth = tagged.span_of(number)
        now = new[truth.start : truth.end] if truth else ""
        distance = edlib.align(exact, now, mode="NW", task="distance")["editDistance"]
        result.append(Quote(exact=exact, truth=truth, changed=distance / len(exact)))
    return Case(old=old, new=new, quotes=tuple(result))


def _pick_quotes(rng: random.Random, text: str, count: int) -> list[Span]:
    """Non-overlapping word ranges of 30 to 120 characters inside one sentence, spread out."""
    step = max(len(text) // max(count, 1), 200)
    spans = []
    for start in range(0, len(text) - step, step):
        sentence_end = text.find(".", start + 40)
        begin = text.find(" ", start) + 1
        end = min(sentence_end, begin + rng.randint(30, 120))
        end = text.rfind(" ", begin, end)
        if begin <= 0 or end - begin < 20 or "\n" in text[begin:end]:
            continue
        if find_quote(text, text[begin:end]).count == 1:
            spans.append(Span(begin, end))
    return spans[:count]


def _edit(
    rng: random.Random, tagged: Tagged, number: int, span: Span, vocabulary: list[str]
) -> None:
    """One kind of change to the passage of quote `number` or around it."""
    kind = rng.choices(
        ("none", "typo", "typos", "reword", "insert", "delete", "duplicate", "rewrite"),
        weights=(2, 5, 2, 4, 3, 1, 2, 1),
    )[0]
    length = span.end - span.start
    if kind == "typo" or kind == "typos":
        for _ in range(1 if kind == "typo" else max(2, length // 25)):
            at = rng.randrange(span.start, span.start + length - 1)
            tagged.replace(at, at + 1, rng.choice("aeioustnr"), number)
    elif kind == "reword":
        words = [
            i for i in range(span.start + 1, span.start + length - 1) if tagged.chars[i] == " "
        ]
        if words:
            at = rng.choice(words) + 1
            end = at
            while end < span.start + length and tagged.chars[end] != " ":
                end += 1
            tagged.replace(at, end, _word(rng, vocabulary), number)
    elif kind == "insert":  # a new sentence (or paragraph) before the quote's sentence
        filler = _sentence(rng, vocabulary) + (" " if rng.random() < 0.5 else "\n\n")
        at = max(0, span.start - 1)
        tagged.replace(at, at, filler, NONE)
    elif kind == "delete":  # the passage is gone
        tagged.replace(span.start, span.start + length, "", NONE)
    elif kind == "duplicate":  # the passage copied elsewhere with a change, the original edited too
        copy = tagged.chars[span.start : span.start + length]
        copy[len(copy) // 2] = "q"
        at = tagged.text.find("\n\n", span.start + length)
        if at != -1:
            tagged.replace(at, at, "\n\n" + "".join(copy) + ".", NONE)
        first = rng.randrange(span.start, span.start + length // 3)
        tagged.replace(first, first + 1, "x", number)
    elif kind == "rewrite":  # most of the passage replaced: more than 10% changed
        half = span.start + length // 3
        tagged.replace(half, span.start + length, _sentence(rng, vocabulary)[: length // 2], number)


def evaluate(case: Case, *, history: bool = True) -> Outcome:
    """Re-anchor every quote of `case` that no longer matches, and count the outcomes."""
    previous = Previous(case.old, case.new) if history else None
    counts = dict.fromkeys(("right", "wrong", "orphaned", "small_total", "small_right"), 0)
    counts |= {"gone_total": 0, "gone_orphaned": 0, "drifted": 0}
    drifted = [q for q in case.quotes if not find_quote(case.new, q.exact).count]
    started = time.perf_counter()  # the exact search is not timed: every build does it anyway
    found_all = [_relocated(case.new, q.exact, previous) for q in drifted]
    seconds = time.perf_counter() - started
    for quote, found in zip(drifted, found_all, strict=True):
        counts["drifted"] += 1
        right = (
            found.span is not None and quote.truth is not None and _close(found.span, quote.truth)
        )
        small = quote.truth is not None and quote.changed <= 0.10
        counts["small_total"] += small
        counts["small_right"] += small and right
        counts["gone_total"] += quote.truth is None
        counts["gone_orphaned"] += quote.truth is None and found.span is None
        key = "orphaned" if found.span is None else "right" if right else "wrong"
        counts[key] += 1
    return Outcome(**counts, seconds=seconds)


def _relocated(new: str, exact: str, previous: Previous | None) -> Relocation:
    old: OldPlace | None = old_place(previous, exact, "", "") if previous else None
    return relocate(new, exact, old=old)


def _close(found: Span, truth: Span) -> bool:
    common = min(found.end, truth.end) - max(found.start, truth.start)
    union = max(found.end, truth.end) - min(found.start, truth.start)
    return common >= 0.8 * union


def report(outcome: Outcome) -> str:
    share = outcome.small_right / outcome.small_total if outcome.small_total else 1.0
    return (
        f"{outcome.drifted} drifted quotes: {outcome.right} re-anchored right, "
        f"{outcome.wrong} wrong, {outcome.orphaned} orphaned; changed by at most 10%: "
        f"{outcome.small_right}/{outcome.small_total} right ({share:.1%}); passage deleted: "
        f"{outcome.gone_orphaned}/{outcome.gone_total} orphaned; {outcome.seconds:.2f} s"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--quotes", type=int, default=1500)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-history", action="store_true")
    args = parser.parse_args(argv)
    case = generate(args.size, args.quotes, args.seed)
    print(report(evaluate(case, history=not args.no_history)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())


def bench_section() -> str:
    """The corpus at full size, with and without the old text: printed by `make bench` and
    appended to docs/performance.md (scripts/bench.py)."""
    case = generate(1_000_000, 1500, 1)
    with_history, without = evaluate(case), evaluate(case, history=False)
    print(f"re-anchoring, with history: {report(with_history)}")
    print(f"re-anchoring, without history: {report(without)}")
    return (
        "\n## Re-anchoring drifted quotes\n\n"
        f"`python -m scripts.reanchor_corpus` (part of `make bench`): a generated text of "
        f"{len(case.new):,} characters, {len(case.quotes)} quotes, seeded edits "
        "(typos, reworded words, inserted and deleted sentences and paragraphs, passages "
        "copied elsewhere with a change), the truth known for each quote. Time is the "
        "re-anchoring of the quotes that no longer match, the exact search excluded.\n\n"
        f"- with the previous text (git): {report(with_history)}\n"
        f"- without it: {report(without)}\n"
    )
