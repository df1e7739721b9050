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
ATTRIBUTION = re.compile(r"(?<!\w)(?:" + "|".join(ATTRIBUTION_WORDS) + r")(?!\w)", re.IGNORECASE)

_MONTH = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?"
    r"|Aug(?:ust|\.)?|Sep(?:t(?:ember|\.)?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
_DAY = r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_PART = r"(?:\s+(?:morning|afternoon|evening|night))"
_NUMBER = r"(?:an?|one|two|three|four|five|six|seven|eight|nine|ten|several|few|a\s+few|\d{1,3})"
_UNIT = r"(?:minutes?|hours?|days?|weeks?|months?|years?)"
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
    r"(?:earlier|later)?\s*(?:this|last|next)\s+(?:week|month|year|weekend|morning|evening)",
    r"yesterday|today|tomorrow|tonight|last\s+night|overnight",
    # relative to another moment
    r"the\s+(?:next|following|previous|same)\s+(?:day|morning|afternoon|evening|night|week)",
    r"the\s+day\s+(?:before|after)",
    r"(?:later\s+|earlier\s+)?(?:that|the\s+same)\s+(?:day|morning|afternoon|evening|night|week)",
    rf"(?:{_NUMBER}\s+)?{_UNIT}\s+(?:before|after|later|earlier|ago)",
    r"(?:within|in)\s+(?:hours|days|minutes)",
)
DATE_EXPRESSION = re.compile(r"(?<!\w)(?:" + "|".join(_DATE_PARTS) + r")(?!\w)", re.IGNORECASE)

# Abbreviations after which a full stop does not end a sentence (lowercase, no stop).
ABBREVIATIONS = frozenset(
    {
        "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "st",
        "sen", "rep", "gov", "pres", "rev", "jr", "sr", "no", "vs", "etc", "e.g", "i.e",
        "u.s", "u.k", "u.n", "jan", "feb", "mar", "apr", "aug", "sep", "sept", "oct",
        "nov", "dec", "a.m", "p.m",
    }
)  # fmt: skip
# A candidate end: terminal punctuation, closing quotes, then space and a sentence start.
_SENTENCE_END = re.compile(r"[.!?]+[\"”’)\]]*(?=\s+[\"“‘(\[]?[A-Z0-9])")
_WORD_BEFORE = re.compile(r"([\w.]+)\.$")


def _ends_sentence(text: str, match: re.Match[str]) -> bool:
    if not match.group(0).startswith("."):
        return True
    # Only the last few characters are looked at: bounded work per candidate.
    word = _WORD_BEFORE.search(text, max(0, match.start() - 12), match.start() + 1)
    if word is None:
        return True
    token = word.group(1).lower()
    return not (token in ABBREVIATIONS or (len(token) == 1 and token.isalpha()))


def sentences(text: str, paragraph: Span) -> Iterator[Span]:
    """The sentences of one paragraph of `text`, as spans without surrounding spaces."""
    start = paragraph.start
    for match in _SENTENCE_END.finditer(text, paragraph.start, paragraph.end):
        if _ends_sentence(text, match):
            yield Span(start, match.end())
            start = match.end()
            while start < paragraph.end and text[start].isspace():
                start += 1
    if start < paragraph.end:
        yield Span(start, paragraph.end)


def attributed(text: str, sentence: Span) -> bool:
    return ATTRIBUTION.search(text, sentence.start, sentence.end) is not None


def date_expressions(text: str, paragraph: Span) -> Iterator[Span]:
    for match in DATE_EXPRESSION.finditer(text, paragraph.start, paragraph.end):
        # A leading space matched by the optional "earlier|later" part is not shown.
        start = match.start() + (len(match.group(0)) - len(match.group(0).lstrip()))
        yield Span(start, match.end())
