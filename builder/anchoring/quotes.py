"""Stage 3: anchor quotes to exact spans of a text, and find alias mentions.

Pure functions over strings: no files, no YAML. Positions are Unicode code point
offsets into the whole text (Python `str` indices), as in the W3C Web Annotation
TextPositionSelector.

Every search runs in C (`str.find`, `str.count`), and only the few positions a message
shows are collected in Python: a quote costs a scan of its text, however often it occurs.
Alias mentions are found in builder/anchoring/mentions.py.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property

from builder.core.spans import Span

# Characters contributors commonly type in place of the text's typography.
_LOOKALIKES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u00a0": " ",
    }
)
MAX_SHOWN = 6  # positions listed in a message about an ambiguous quote
MAX_COUNTED = 10_000  # beyond this, a quote is "found at least 10000 times"


@dataclass(frozen=True)
class SearchText:
    """A text with the views of it that searches and messages need, each computed once
    (not once per quote: a sidecar may hold thousands of quotes)."""

    text: str

    @cached_property
    def line_starts(self) -> list[int]:
        starts = [0]
        at = self.text.find("\n")
        while at != -1:
            starts.append(at + 1)
            at = self.text.find("\n", at + 1)
        return starts

    def line_col(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self.line_starts, offset)
        return line, offset - self.line_starts[line - 1] + 1

    @cached_property
    def folded(self) -> str:
        return self.text.translate(_LOOKALIKES)

    @cached_property
    def lowered(self) -> str:
        return self.text.lower()

    @cached_property
    def nfc(self) -> str:
        return unicodedata.normalize("NFC", self.text)


@dataclass(frozen=True, kw_only=True)
class QuoteHits:
    """Where a quote occurs: how often (overlapping occurrences count), and the first few."""

    count: int
    spans: tuple[Span, ...]  # the first MAX_SHOWN, in order
    at_least: bool = False  # counting stopped at MAX_COUNTED


def find_quote(text: str, exact: str, prefix: str = "", suffix: str = "") -> QuoteHits:
    """Occurrences of `exact` with `prefix` right before and `suffix` right after."""
    needle = prefix + exact + suffix
    starts: list[int] = []
    at = text.find(needle)
    while at != -1 and len(starts) < MAX_SHOWN:
        starts.append(at)
        at = text.find(needle, at + 1)
    spans = tuple(Span(s + len(prefix), s + len(prefix) + len(exact)) for s in starts)
    if at == -1:
        return QuoteHits(count=len(spans), spans=spans)
    if not _overlaps_itself(needle):
        # No two occurrences can overlap, so the C count of disjoint ones is the count.
        return QuoteHits(count=text.count(needle), spans=spans)
    count = len(starts)
    while at != -1 and count < MAX_COUNTED:
        count += 1
        at = text.find(needle, at + 1)
    return QuoteHits(count=count, spans=spans, at_least=at != -1)


def _overlaps_itself(needle: str) -> bool:
    """True if a proper prefix of `needle` is also a suffix (KMP failure function)."""
    if needle[0] not in needle[1:]:
        return False
    failure = [0] * len(needle)
    k = 0
    for i in range(1, len(needle)):
        while k and needle[i] != needle[k]:
            k = failure[k - 1]
        if needle[i] == needle[k]:
            k += 1
        failure[i] = k
    return failure[-1] > 0


@dataclass(frozen=True)
class QuoteProblem:
    message: str
    hint: str
    code: str  # the diagnostic's stable code (`quote-not-found`)


NOT_FOUND = "quote not found in the text"
COPY_HINT = "copy the words exactly from the text file, including punctuation"


def explain_missing(search: SearchText, exact: str, prefix: str, suffix: str) -> QuoteProblem:
    """Why a quote was not found, with the likeliest fix."""
    text = search.text
    bare = find_quote(text, exact)
    if bare.count:
        which = (
            "prefix" if prefix and not find_quote(text, exact, prefix=prefix).count else "suffix"
        )
        return QuoteProblem(
            f"quote found {_times(bare)}, but never with this {which}",
            f"the {which} must be the characters right {'before' if which == 'prefix' else 'after'} "
            "the quote in the text, spaces and punctuation included",
            code="quote-context-mismatch",
        )
    normalised = _normalisation_hint(search, exact)
    if normalised:
        return QuoteProblem(NOT_FOUND, normalised, code="quote-not-found")
    folded = exact.translate(_LOOKALIKES)
    hit = search.folded.find(folded)
    if hit != -1:
        actual = text[hit : hit + len(exact)]
        diffs = sorted(
            {f"{t!r} (U+{ord(t):04X})" for q, t in zip(exact, actual, strict=True) if q != t}
        )
        return QuoteProblem(
            NOT_FOUND,
            f"the text has {actual!r}: it uses {', '.join(diffs)}; copy the quote from the text file",
            code="quote-not-found",
        )
    squeezed = re.sub(r"\s+", " ", exact.strip())
    if squeezed != exact and text.find(squeezed) != -1:
        return QuoteProblem(
            NOT_FOUND,
            "the quote's spacing or line breaks differ from the text; write it on one line with single spaces",
            code="quote-not-found",
        )
    lower = search.lowered.find(exact.lower())
    if lower != -1:
        return QuoteProblem(
            NOT_FOUND,
            f"capital letters differ: the text has {text[lower : lower + len(exact)]!r}",
            code="quote-not-found",
        )
    longest = _longest_found_prefix(text, exact)
    if longest >= 8:
        return QuoteProblem(
            NOT_FOUND,
            f"the text matches up to {exact[:longest]!r} and then differs: "
            f"the quote has {exact[longest : longest + 20]!r}",
            code="quote-not-found",
        )
    return QuoteProblem(NOT_FOUND, COPY_HINT, code="quote-not-found")


def _normalisation_hint(search: SearchText, exact: str) -> str:
    """A hint when the quote and the text spell accented letters with different code points
    (é as one character, NFC, or as e + U+0301, NFD): they look the same but do not match."""
    quote_nfc = unicodedata.normalize("NFC", exact)
    if quote_nfc == exact and search.nfc == search.text:
        return ""  # both already NFC: normalising changes nothing
    if search.nfc.find(quote_nfc) == -1:
        return ""
    return (
        "the quote and the text write accented letters with different Unicode characters "
        f"(the quote in {_form(exact)}, the text in {_form(search.text)}): they look alike "
        "but do not match; copy the quote from the text file rather than typing it"
    )


def _form(text: str) -> str:
    if unicodedata.is_normalized("NFC", text):
        return "NFC, letters with their accents as one character"
    if unicodedata.is_normalized("NFD", text):
        return "NFD, letters followed by separate combining accents"
    return "a mix of NFC and NFD"


def _times(hits: QuoteHits) -> str:
    return f"{'at least ' if hits.at_least else ''}{hits.count} time(s)"


def _longest_found_prefix(text: str, exact: str) -> int:
    low, high = 0, len(exact)
    while low < high:
        mid = (low + high + 1) // 2
        if exact[:mid] in text:
            low = mid
        else:
            high = mid - 1
    return low


def explain_ambiguous(search: SearchText, hits: QuoteHits) -> QuoteProblem:
    places = ", ".join("line {}:{}".format(*search.line_col(s.start)) for s in hits.spans)
    more = hits.count - len(hits.spans)
    rest = f" and {'at least ' if hits.at_least else ''}{more} more" if more > 0 else ""
    return QuoteProblem(
        f"quote found {'at least ' if hits.at_least else ''}{hits.count} times in the text "
        f"({places}{rest})",
        "make it unique: quote more words, or use the long form with prefix: or suffix: "
        "(the characters right before or after it)",
        code="quote-ambiguous",
    )


def is_mark(char: str) -> bool:
    """A combining mark (accent, vowel sign, enclosing mark): part of the letter before it."""
    return unicodedata.category(char) in ("Mn", "Mc", "Me")


def split_character(text: str, span: Span) -> QuoteProblem | None:
    """A problem if `span` starts or ends between a letter and its combining mark."""
    if span.end < len(text) and is_mark(text[span.end]):
        return QuoteProblem(
            "the quote ends in the middle of a character: the text continues with "
            f"{_name(text[span.end])}, which belongs to {text[span.end - 1]!r}",
            "include the whole character: end the quote after its accent (copy it from the "
            "text file), or before the letter",
            code="quote-splits-character",
        )
    if is_mark(text[span.start]):
        before = repr(text[span.start - 1]) if span.start else "the letter before"
        return QuoteProblem(
            f"the quote starts in the middle of a character: it begins with "
            f"{_name(text[span.start])}, which belongs to {before}",
            "include the whole character: start the quote at the letter before the accent, "
            "or after the accent",
            code="quote-splits-character",
        )
    return None


def _name(char: str) -> str:
    return f"U+{ord(char):04X} {unicodedata.name(char, '')}".rstrip()
