"""Stage 3: anchor quotes to exact spans of a text, and find alias mentions.

Pure functions over strings: no files, no YAML. Positions are Unicode code point
offsets into the whole text (Python `str` indices), as in the W3C Web Annotation
TextPositionSelector.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

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


@dataclass(frozen=True, order=True)
class Span:
    start: int
    end: int

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True)
class Paragraph:
    number: int  # 1-based, as shown on the page
    span: Span
    line: int  # line in the text file, 1-based


def paragraphs(text: str) -> list[Paragraph]:
    """One paragraph per non-blank line."""
    out: list[Paragraph] = []
    offset = 0
    for line_number, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        if stripped:
            start = offset + (len(line) - len(line.lstrip()))
            out.append(Paragraph(len(out) + 1, Span(start, start + len(stripped)), line_number))
        offset += len(line) + 1
    return out


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column (in code points) of `offset` in `text`."""
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


def find_quote(text: str, exact: str, prefix: str = "", suffix: str = "") -> list[Span]:
    """Every span where `exact` occurs with `prefix` right before and `suffix` right after."""
    matches: list[Span] = []
    start = text.find(exact)
    while start != -1:
        end = start + len(exact)
        if (
            text[max(0, start - len(prefix)) : start] == prefix
            and text[end : end + len(suffix)] == suffix
        ):
            matches.append(Span(start, end))
        start = text.find(exact, start + 1)
    return matches


@dataclass(frozen=True)
class QuoteProblem:
    message: str
    hint: str


def explain_missing(text: str, exact: str, prefix: str, suffix: str) -> QuoteProblem:
    """Why a quote was not found, with the likeliest fix."""
    bare = find_quote(text, exact)
    if bare:
        which = "prefix" if prefix and not find_quote(text, exact, prefix=prefix) else "suffix"
        return QuoteProblem(
            f"quote found {len(bare)} time(s), but never with this {which}",
            f"the {which} must be the characters right {'before' if which == 'prefix' else 'after'} "
            "the quote in the text, spaces and punctuation included",
        )
    folded_text = text.translate(_LOOKALIKES)
    folded = exact.translate(_LOOKALIKES)
    hit = folded_text.find(folded)
    if hit != -1:
        actual = text[hit : hit + len(exact)]
        diffs = sorted(
            {f"{t!r} (U+{ord(t):04X})" for q, t in zip(exact, actual, strict=True) if q != t}
        )
        return QuoteProblem(
            "quote not found in the text",
            f"the text has {actual!r}: it uses {', '.join(diffs)}; copy the quote from the text file",
        )
    squeezed = re.sub(r"\s+", " ", exact.strip())
    if squeezed != exact and text.find(squeezed) != -1:
        return QuoteProblem(
            "quote not found in the text",
            "the quote's spacing or line breaks differ from the text; write it on one line with single spaces",
        )
    lower = text.lower().find(exact.lower())
    if lower != -1:
        return QuoteProblem(
            "quote not found in the text",
            f"capital letters differ: the text has {text[lower : lower + len(exact)]!r}",
        )
    longest = _longest_found_prefix(text, exact)
    if longest >= 8:
        return QuoteProblem(
            "quote not found in the text",
            f"the text matches up to {exact[:longest]!r} and then differs: "
            f"the quote has {exact[longest : longest + 20]!r}",
        )
    return QuoteProblem(
        "quote not found in the text",
        "copy the words exactly from the text file, including punctuation",
    )


def _longest_found_prefix(text: str, exact: str) -> int:
    low, high = 0, len(exact)
    while low < high:
        mid = (low + high + 1) // 2
        if exact[:mid] in text:
            low = mid
        else:
            high = mid - 1
    return low


def explain_ambiguous(text: str, matches: Sequence[Span]) -> QuoteProblem:
    places = ", ".join("line {}:{}".format(*line_col(text, m.start)) for m in matches[:6])
    more = f" and {len(matches) - 6} more" if len(matches) > 6 else ""
    return QuoteProblem(
        f"quote found {len(matches)} times in the text ({places}{more})",
        "make it unique: quote more words, or use the long form with prefix: or suffix: "
        "(the characters right before or after it)",
    )


@dataclass(frozen=True)
class Alias:
    text: str
    actor_id: str


@dataclass(frozen=True)
class AliasMatch:
    span: Span
    actor_id: str


def find_alias_mentions(
    text: str, aliases: Iterable[Alias], taken: Iterable[Span] = ()
) -> list[AliasMatch]:
    """Non-overlapping alias occurrences on word boundaries, longest alias first.

    `taken` spans (explicit mentions) win over aliases that overlap them.
    """
    occupied: list[Span] = list(taken)
    found: list[AliasMatch] = []
    for alias in sorted(aliases, key=lambda a: (-len(a.text), a.text)):
        pattern = re.compile(r"(?<!\w)" + re.escape(alias.text) + r"(?!\w)")
        for match in pattern.finditer(text):
            span = Span(match.start(), match.end())
            if any(span.overlaps(other) for other in occupied):
                continue
            occupied.append(span)
            found.append(AliasMatch(span, alias.actor_id))
    return sorted(found, key=lambda m: m.span)
