"""What the coverage rules look for in a text: sentences, attributed statements, dates.

Each heuristic is one regular expression compiled once at import and run once over a
paragraph (`finditer`), so the analysis is linear in the size of the text, however many
phrases a heuristic lists. They are heuristics: they find what an editor should look at,
and a sidecar `waivers:` entry says why a finding needs nothing (docs/contributing.md).

- **Sentences.** A paragraph is cut after `.`, `!` or `?` (and any closing quotation
  marks or brackets) followed by white space and an opening quote, bracket, capital letter
  or digit; not after a title or other common abbreviation (`Mr.`, `Gen.`, `U.S.`...) nor
  after a single capital initial (`J. Smith`).
- **Attributed statements.** A sentence is attributed when it holds, case-insensitively
  and as whole words, a reporting verb (`said`, `says`, `told`, `quoted`, `confirmed`,
  `denied`, `declined`, `stated`, `added`, `reported`, `claimed`, `acknowledged`, `insisted`,
  `recalled`, `wrote`, `announced`, ...) or an attribution phrase (`according to`, `did not
  comment`, `did not respond`, `sources`, `officials`, `people familiar`, `people
  knowledgeable`, `familiar with`, `aides`, `spokesman`, `spokeswoman`, `spokesperson`,
  `on condition of anonymity`, `asked not to be named`, `in a statement`, `in an
  interview`, ...). See ATTRIBUTION_WORDS.
- **Date and time expressions.** Month-day dates (`December 8`, `8 December`, `Dec. 8,
  2024`), a month with a year (`December 2024`), weekdays (`Sunday`, `on Sunday night`),
  clock times (`21:30`, `8 p.m.`, `noon`, `midnight`) and relative expressions (`this
  week`, `last month`, `yesterday`, `the next day`, `the following morning`, `that night`,
  `hours before`, `two days later`, `earlier this week`, ...). See the patterns below.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator

from builder.core.spans import Span

# Reporting verbs and attribution phrases, as regular-expression fragments. One pattern
# holds them all (a phrase per sentence would be quadratic on long texts).
ATTRIBUTION_WORDS: tuple[str, ...] = (
    r"sa(?:id|ys|y|ying)",
    r"t(?:old|ells?|elling)",
    r"quot(?:ed|ing)",
    r"confirm(?:ed|s|ing)?",
    r"den(?:ied|ies|y|ying)",
    r"declin(?:ed|es|ing)",
    r"stated",  # not "states": the United States
    r"added",
    r"reported",
    r"acknowledg(?:ed|es)",
    r"insist(?:ed|s)",
    r"recall(?:ed|s)",
    r"recount(?:ed|s)",
    r"wr(?:ote|ites)",
    r"announc(?:ed|es)",
    r"claimed",  # not "claims": the noun is too common
    r"asserted",
    r"according\s+to",
    r"(?:did\s+not|didn['’]t)\s+(?:immediately\s+)?(?:comment|respond|reply)",
    r"no\s+comment",
    r"sources?",
    r"officials?",
    r"people\s+(?:familiar|knowledgeable|close|briefed)",
    r"familiar\s+with",
    r"knowledgeable\s+about",
    r"aides?",
    r"insiders?",
    r"spokes(?:man|woman|person|people)",
    r"on\s+condition\s+of\s+anonymity",
    r"asked\s+not\s+to\s+be\s+(?:named|identified)",
    r"in\s+an?\s+(?:statement|interview)",
)
# Matched against `fold(text)`, like DATE_EXPRESSION, and spaces never match a line break.
ATTRIBUTION = re.compile(
    r"(?<!\w)(?:" + "|".join(ATTRIBUTION_WORDS).replace(r"\s", r"[^\S\n]") + r")(?!\w)"
)


_MONTH = (
    r"(?:jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|june?|july?"
    r"|aug(?:ust|\.)?|sep(?:t(?:ember|\.)?|\.)?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?)"
)
_DAY = r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_WEEKDAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_PART = r"(?:\s+(?:morning|afternoon|evening|night))"
_NUMBER = r"(?:an?|one|two|three|four|five|six|seven|eight|nine|ten|several|a\s+few|few|\d{1,3})"
_UNIT = r"(?:minutes?|hours?|days?|weeks?|months?|years?)"
_MOMENT = r"(?:day|morning|afternoon|evening|night|week)"
_DATE_PARTS: tuple[str, ...] = (
    # month-day, day-month, month-year
    rf"{_MONTH}\s+{_DAY}(?:,?\s+\d{{4}})?",
    rf"{_DAY}\s+{_MONTH}(?:,?\s+\d{{4}})?",
    rf"{_MONTH}\s+\d{{4}}",
    # weekdays, with a part of the day
    rf"(?:(?:on|last|next|this)\s+)?{_WEEKDAY}{_PART}?",
    # clock times
    r"(?:[01]?[0-9]|2[0-3]):[0-5][0-9](?:\s*(?:a\.m\.|p\.m\.|am|pm))?",
    r"(?:1[0-2]|0?[1-9])\s*(?:a\.m\.|p\.m\.|am|pm|o['’]clock)",
    r"(?:at\s+)?(?:noon|midnight|dawn|dusk)",
    # relative to now
    r"(?:(?:earlier|later)\s+)?(?:this|last|next)\s+(?:week|month|year|weekend|morning|evening)",
    r"yesterday|today|tomorrow|tonight|last\s+night|overnight",
    # relative to another moment
    rf"the\s+(?:next|following|previous|same)\s+{_MOMENT}",
    r"the\s+day\s+(?:before|after)",
    rf"(?:(?:later|earlier)\s+)?that\s+{_MOMENT}",
    rf"(?:{_NUMBER}\s+)?{_UNIT}\s+(?:before|after|later|earlier|ago)",
    r"(?:within|in)\s+(?:hours|days|minutes)",
)
# Matched against the text with ASCII letters lowercased (`fold`): case-insensitive for
# English words, and several times faster than re.IGNORECASE on long texts. The
# lookahead lets the engine skip positions that cannot start an expression. Spaces never
# match a line break, so one scan of the whole text finds no expression across paragraphs.
DATE_EXPRESSION = re.compile(
    r"(?=[0-9adefhijlmnostwy])(?<!\w)(?:"
    + "|".join(_DATE_PARTS).replace(r"\s", r"[^\S\n]")
    + r")(?!\w)"
)
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def fold(text: str) -> str:
    """`text` with ASCII capitals lowercased: same length, so offsets stay those of `text`."""
    return text.translate(_ASCII_LOWER)


# Abbreviations after which a full stop does not end a sentence (lowercase, no stop).
ABBREVIATIONS = frozenset(
    {
        "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "st",
        "sen", "rep", "gov", "pres", "rev", "jr", "sr", "no", "vs", "etc", "e.g", "i.e",
        "u.s", "u.k", "u.n", "jan", "feb", "mar", "apr", "aug", "sep", "sept", "oct",
        "nov", "dec", "a.m", "p.m",
    }
)  # fmt: skip
# A candidate end: terminal punctuation, closing quotes, then space (never a line break:
# one scan of the whole text finds ends within paragraphs only) and a sentence start.
_SENTENCE_END = re.compile(r"[.!?]+[\"”’)\]]*(?=[^\S\n]+[\"“‘(\[]?[A-Z0-9])")


def _ends_sentence(text: str, match: re.Match[str]) -> bool:
    if not match.group(0).startswith("."):
        return True
    # The word before the stop, from the last few characters only: bounded work.
    before = text[max(0, match.start() - 8) : match.start()].rsplit(None, 1)
    token = before[-1].lstrip('"“‘([').lower() if before else ""
    return not (token in ABBREVIATIONS or (len(token) == 1 and token.isalpha()))


class Sentences:
    """The sentence ends of a whole text, found in one scan; `of(paragraph)` cuts one
    paragraph at them (a scan per paragraph would pay the pattern's set-up each time)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._ends = [m.end() for m in _SENTENCE_END.finditer(text) if _ends_sentence(text, m)]

    def of(self, paragraph: Span) -> Iterator[Span]:
        """The sentences of one paragraph, as spans without surrounding spaces."""
        text, start = self.text, paragraph.start
        first = bisect_right(self._ends, paragraph.start)
        last = bisect_left(self._ends, paragraph.end)
        for end in self._ends[first:last]:
            yield Span(start, end)
            start = end
            while start < paragraph.end and text[start].isspace():
                start += 1
        if start < paragraph.end:
            yield Span(start, paragraph.end)


class Attributions:
    """Where the reporting verbs and attribution phrases of a whole text start, found in
    one scan of `fold(text)`; `in_(sentence)` by bisection."""

    def __init__(self, folded: str) -> None:
        self._starts = [m.start() for m in ATTRIBUTION.finditer(folded)]

    def in_(self, sentence: Span) -> bool:
        first = bisect_left(self._starts, sentence.start)
        return first < len(self._starts) and self._starts[first] < sentence.end


def date_expressions(folded: str) -> Iterator[Span]:
    """The date and time expressions of `fold(text)`, in one scan of the whole text."""
    for match in DATE_EXPRESSION.finditer(folded):
        yield Span(match.start(), match.end())
