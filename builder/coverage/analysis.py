"""Coverage of each text by the annotations: what an editor has yet to capture.

Runs on the assembled `Project` and its `ProjectIndex` (after validation, only when there
are no errors), so it imports nothing above builder/core. Four kinds of *finding*, each a
coverage rule a sidecar may waive (`waivers:`):

- `uncovered-statement`: an attributed sentence (builder/coverage/heuristics.py) that no
  claim's quote overlaps;
- `bare-paragraph`: a paragraph with no claim, context or text note in it (mentions and
  event passages do not count);
- `unlinked-alias`: a whole-word occurrence of an actor's name or alias, ignoring the
  case of ASCII letters, that no mention (found by the alias finder or explicit) overlaps. The alias finder
  matches names exactly as the registry spells them, so this is mostly another
  capitalisation: an alias "the harbour master" at the start of a sentence ("The harbour
  master"), "the kremlin", "RUSSIA"; or a name right before a combining mark;
- `unplaced-date`: a date or time expression outside every event passage of its text.

A waiver waives the findings of its rule that its quote overlaps. Everything here is
linear in the size of the texts: one pattern per heuristic, sorted spans and bisection.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from builder.core.alternation import alternation
from builder.core.index import ProjectIndex
from builder.core.model import COVERAGE_RULES, Claim, CoverageRule, SourceText, Waiver
from builder.core.spans import Span
from builder.coverage.figures import ClaimFigures, citation_needed_in_text, claim_figures
from builder.coverage.heuristics import Attributions, Sentences, date_expressions, fold

EXCERPT_LENGTH = 160


@dataclass(frozen=True, kw_only=True)
class Finding:
    """One passage a coverage rule reports, and the waiver that exempts it, if any."""

    rule: CoverageRule
    span: Span
    line: int
    col: int
    excerpt: str
    detail: str = ""  # the paragraph number, or the actor whose name it is
    waived_by: Waiver | None = None


@dataclass(frozen=True, kw_only=True)
class WaiverUse:
    waiver: Waiver
    waived: int  # how many findings it exempts; 0 is itself a warning


@dataclass(frozen=True, kw_only=True)
class TextCoverage:
    text: SourceText
    paragraphs: int
    annotated_paragraphs: int
    statements: int  # attributed sentences found
    covered_statements: int  # of which a claim's quote overlaps
    alias_occurrences: int
    linked_occurrences: int
    dates: int
    placed_dates: int
    actor_ids: tuple[str, ...]  # actors mentioned, in order of first mention
    events: int  # events this text gives an account of
    claims: ClaimFigures
    citation_needed: int
    findings: tuple[Finding, ...]  # every finding, waived or not, by rule then position
    waivers: tuple[WaiverUse, ...]

    def of_rule(self, rule: CoverageRule) -> list[Finding]:
        return [f for f in self.findings if f.rule == rule]

    @property
    def open_findings(self) -> list[Finding]:
        return [f for f in self.findings if f.waived_by is None]


class SpanSet:
    """Spans that may overlap one another; `hits(span)` in O(log n)."""

    def __init__(self, spans: Iterable[Span]) -> None:
        ordered = sorted(spans, key=lambda s: (s.start, s.end))  # tuples: faster than Span's order
        self._starts = [s.start for s in ordered]
        self._max_end: list[int] = []
        for span in ordered:
            self._max_end.append(max(span.end, self._max_end[-1] if self._max_end else 0))

    def hits(self, span: Span) -> bool:
        last = bisect_left(self._starts, span.end) - 1  # spans starting before `span` ends
        return last >= 0 and self._max_end[last] > span.start


class LineIndex:
    """Line and column (1-based, in code points) of offsets in one text, by bisection."""

    def __init__(self, text: str) -> None:
        self._starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def line_col(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1


def excerpt(text: str, span: Span) -> str:
    words = " ".join(text[span.start : span.end].split())
    return words if len(words) <= EXCERPT_LENGTH else words[: EXCERPT_LENGTH - 1] + "…"


class NameFinder:
    """Every actor's name and aliases in one pattern, built once, matched against the text
    with ASCII capitals lowercased (`fold`): case-insensitive for ASCII letters, and
    faster than re.IGNORECASE over a trie of thousands of names."""

    def __init__(self, names: Iterable[tuple[str, str]]) -> None:
        self.owner: dict[str, str] = {}
        for name, actor_id in names:
            self.owner.setdefault(fold(name), actor_id)
        body = alternation(self.owner) if self.owner else None
        self.pattern = re.compile(rf"(?<!\w)(?:{body})(?!\w)") if body else None

    def occurrences(self, folded: str) -> Iterable[re.Match[str]]:
        """In one scan of the whole text (a name holds no line break, so none spans two
        paragraphs; one scan per paragraph would pay the pattern's set-up each time)."""
        return self.pattern.finditer(folded) if self.pattern is not None else ()


@dataclass(frozen=True, kw_only=True)
class _Found:
    """A text's findings before waivers, and the counts beside them."""

    findings: list[Finding]
    statements: int
    alias_occurrences: int
    dates: int


def analyse_text(text: SourceText, index: ProjectIndex, names: NameFinder) -> TextCoverage:
    found = _findings(text, index, names)
    findings, uses = _apply_waivers(found.findings, text.waivers)
    count = {rule: sum(1 for f in found.findings if f.rule == rule) for rule in COVERAGE_RULES}
    claims = [a for a in text.annotations if isinstance(a, Claim)]
    return TextCoverage(
        text=text,
        paragraphs=len(text.paragraphs),
        annotated_paragraphs=len(text.paragraphs) - count["bare-paragraph"],
        statements=found.statements,
        covered_statements=found.statements - count["uncovered-statement"],
        alias_occurrences=found.alias_occurrences,
        linked_occurrences=found.alias_occurrences - count["unlinked-alias"],
        dates=found.dates,
        placed_dates=found.dates - count["unplaced-date"],
        actor_ids=tuple(dict.fromkeys(m.actor_id for m in text.mentions)),
        events=len(index.accounts_in(text.slug)),
        claims=claim_figures(claims, index),
        citation_needed=citation_needed_in_text(text, index),
        findings=tuple(findings),
        waivers=uses,
    )


def _findings(text: SourceText, index: ProjectIndex, names: NameFinder) -> _Found:
    lines = LineIndex(text.text)
    claims = SpanSet(a.anchor.span for a in text.annotations if isinstance(a, Claim))
    mentions = SpanSet(m.anchor.span for m in text.mentions)
    passages = SpanSet(
        p.span
        for _, account in index.accounts_in(text.slug)
        for p in account.passages
        if p.text_slug == text.slug
    )
    annotated = {a.anchor.paragraph for a in text.annotations}
    folded, sentences = fold(text.text), Sentences(text.text)
    attributions = Attributions(folded)
    findings: list[Finding] = []
    statements = occurrences = dates = 0

    def add(rule: CoverageRule, span: Span, detail: str = "") -> None:
        line, col = lines.line_col(span.start)
        shown = excerpt(text.text, span)
        findings.append(
            Finding(rule=rule, span=span, line=line, col=col, excerpt=shown, detail=detail)
        )

    for paragraph in text.paragraphs:
        if paragraph.number not in annotated:
            add("bare-paragraph", paragraph.span, str(paragraph.number))
        for sentence in sentences.of(paragraph.span):
            if attributions.in_(sentence):
                statements += 1
                if not claims.hits(sentence):
                    add("uncovered-statement", sentence)
    for match in names.occurrences(folded):
        occurrences += 1
        span = Span(match.start(), match.end())
        if not mentions.hits(span):
            add("unlinked-alias", span, names.owner.get(match.group(0), ""))
    for span in date_expressions(folded):
        dates += 1
        if not passages.hits(span):
            add("unplaced-date", span)
    rank = {rule: i for i, rule in enumerate(COVERAGE_RULES)}
    findings.sort(key=lambda f: (rank[f.rule], f.span.start))
    return _Found(
        findings=findings, statements=statements, alias_occurrences=occurrences, dates=dates
    )


def _apply_waivers(
    findings: Sequence[Finding], waivers: Sequence[Waiver]
) -> tuple[list[Finding], tuple[WaiverUse, ...]]:
    """Each finding with the first waiver of its rule whose quote overlaps it.

    The findings of one rule never overlap one another (sentences, paragraphs and
    pattern matches are disjoint) and are sorted, so those a waiver overlaps are a
    contiguous run, found by bisection: no waiver is compared with every finding."""
    out = list(findings)
    by_rule: dict[CoverageRule, list[int]] = {rule: [] for rule in COVERAGE_RULES}
    for i, finding in enumerate(out):
        by_rule[finding.rule].append(i)
    starts = {r: [out[i].span.start for i in positions] for r, positions in by_rule.items()}
    ends = {r: [out[i].span.end for i in positions] for r, positions in by_rule.items()}
    uses: list[WaiverUse] = []
    for waiver in waivers:
        span = waiver.anchor.span
        first = bisect_right(ends[waiver.rule], span.start)
        last = bisect_left(starts[waiver.rule], span.end)
        for i in by_rule[waiver.rule][first:last]:
            if out[i].waived_by is None:
                out[i] = replace(out[i], waived_by=waiver)
        uses.append(WaiverUse(waiver=waiver, waived=max(0, last - first)))
    return out, tuple(uses)
