"""Quotes of one text anchored to its paragraphs, with located errors for what does not anchor."""

from __future__ import annotations

from bisect import bisect_right

from builder.anchoring.quotes import (
    COPY_HINT,
    NOT_FOUND,
    QuoteProblem,
    SearchText,
    explain_ambiguous,
    explain_missing,
    find_quote,
    split_character,
)
from builder.core.diagnostics import Diagnostics, Location
from builder.core.model import (
    Anchor,
)
from builder.core.spans import Span, paragraphs
from builder.input.load import YamlDocument, YamlPath
from builder.input.schema import (
    QuoteSelector,
)

# --- building the model ----------------------------------------------------------------------


# Past this many unfound quotes in one text, each gets the short hint: explaining one
# scans the text a dozen times, and so many misses mean a wrong text, not typos.

MAX_EXPLAINED = 100


class Anchorer:
    def __init__(self, slug: str, text: str, document: YamlDocument, diagnostics: Diagnostics):
        self.slug = slug
        self.text = text
        self.search = SearchText(text)
        self.document = document
        self.diagnostics = diagnostics
        self.paragraphs = paragraphs(text)
        self._paragraph_starts = [p.span.start for p in self.paragraphs]
        self._explained = 0

    def anchor(self, selector: QuoteSelector, path: YamlPath) -> Anchor | None:
        hits = find_quote(self.text, selector.exact, selector.prefix, selector.suffix)
        location = self.document.location(path)
        if hits.count != 1:
            problem = (
                self._explain_missing(selector)
                if not hits.count
                else explain_ambiguous(self.search, hits)
            )
            self.diagnostics.error(location, problem.message, problem.hint, code=problem.code)
            return None
        split = split_character(self.text, hits.spans[0])
        if split is not None:
            self.diagnostics.error(location, split.message, split.hint, code=split.code)
            return None
        return self.anchor_span(hits.spans[0], location)

    def _explain_missing(self, selector: QuoteSelector) -> QuoteProblem:
        self._explained += 1
        if self._explained > MAX_EXPLAINED:
            return QuoteProblem(NOT_FOUND, COPY_HINT, code="quote-not-found")
        return explain_missing(self.search, selector.exact, selector.prefix, selector.suffix)

    def anchor_span(self, span: Span, location: Location | None = None) -> Anchor | None:
        index = bisect_right(self._paragraph_starts, span.start) - 1
        paragraph = self.paragraphs[index] if index >= 0 else None
        if paragraph is None or span.start >= paragraph.span.end or span.end > paragraph.span.end:
            if location is not None:
                self.diagnostics.error(
                    location,
                    "quote spans more than one paragraph",
                    "annotate each paragraph separately",
                    code="quote-spans-paragraphs",
                )
            return None
        line, col = self.search.line_col(span.start)
        return Anchor(
            text_slug=self.slug,
            span=span,
            paragraph=paragraph.number,
            quote=self.text[span.start : span.end],
            text_line=line,
            text_col=col,
        )
