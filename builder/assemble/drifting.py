"""Quotes that no longer match their text: drift warnings, orphan errors, and what
`python -m builder reanchor` writes (builder/reanchor.py).

A drifted quote is still anchored, on the proposed passage, so `mkdocs serve` and a
non-strict build keep working while the contributor looks; `check --strict` (CI) fails
on the warning until `reanchor` (or the contributor) writes the text's words into the
sidecar. An orphan is an error: nothing is anchored and nothing is guessed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from builder.anchoring.drift import OldPlace, Previous, Relocation, old_place, relocate
from builder.anchoring.quotes import QuoteProblem, SearchText, find_quote
from builder.core.diagnostics import Diagnostics, Location
from builder.core.spans import Span
from builder.input.load import YamlDocument, YamlPath
from builder.input.schema import QuoteSelector

CONTEXT_STEP = 8  # characters of prefix or suffix added at a time until a quote is unique
MAX_CONTEXT = 300  # the schema's limit for a prefix or suffix


@dataclass(frozen=True, kw_only=True)
class Drifted:
    """A quote to rewrite: where it is in which sidecar, and the selector to write there."""

    sidecar: str  # shown path
    path: YamlPath  # of the quote's value
    line: int
    old: QuoteSelector
    new: QuoteSelector


class Relocator:
    def __init__(
        self,
        text: str,
        document: YamlDocument,
        previous: Callable[[], str | None],
        drifts: list[Drifted] | None,
    ) -> None:
        self.text = text
        self.document = document
        self._read_previous = previous
        self._previous: Previous | None = None
        self._read = False
        self.drifts = drifts
        self.calls = 0  # fuzzy searches run (a test proves exact matches run none)

    def _old(self, selector: QuoteSelector) -> OldPlace | None:
        if not self._read:
            self._read = True
            old = self._read_previous()
            self._previous = Previous(old, self.text) if old and old != self.text else None
        if self._previous is None:
            return None
        return old_place(self._previous, selector.exact, selector.prefix, selector.suffix)

    def relocate(self, selector: QuoteSelector) -> Relocation:
        self.calls += 1
        old = self._old(selector)
        return relocate(self.text, selector.exact, selector.prefix, selector.suffix, old=old)

    def rivals(self, found: Relocation, search: SearchText) -> str:
        if not found.rivals:
            return "; no passage of the text is close enough to re-anchor it"
        places = ", ".join("line {}:{}".format(*search.line_col(s.start)) for s in found.rivals)
        return (
            f"; {len(found.rivals)} passages are about as close ({places}): "
            "the builder does not choose between them"
        )

    def report(
        self,
        selector: QuoteSelector,
        path: YamlPath,
        span: Span,
        location: Location,
        problem: QuoteProblem,
        diagnostics: Diagnostics,
    ) -> None:
        new = unique_selector(self.text, span, selector)
        diagnostics.warning(
            location,
            f"quote drifted: the text no longer has {selector.exact!r}; the closest passage "
            f"is {new.exact!r}",
            f"{problem.hint}; check that the passage says what the annotation means, then run "
            "`python -m builder reanchor` to write it into the sidecar",
            code="quote-drifted",
        )
        if self.drifts is not None:
            self.drifts.append(
                Drifted(
                    sidecar=self.document.path, path=path, line=location.line, old=selector, new=new
                )
            )


def unique_selector(text: str, span: Span, old: QuoteSelector) -> QuoteSelector:
    """The selector for `span`: its words, with the old prefix and suffix if they still fit,
    and with as much more context as makes it match once."""
    exact = text[span.start : span.end]
    before, after = text[: span.start], text[span.end :]
    prefix = old.prefix if old.prefix and before.endswith(old.prefix) else ""
    suffix = old.suffix if old.suffix and after.startswith(old.suffix) else ""
    while find_quote(text, exact, prefix, suffix).count > 1:
        longer_suffix = after[: len(suffix) + CONTEXT_STEP]
        longer_prefix = before[max(0, len(before) - len(prefix) - CONTEXT_STEP) :]
        if len(longer_suffix) > len(suffix) and len(longer_suffix) <= MAX_CONTEXT:
            suffix = longer_suffix
        elif len(longer_prefix) > len(prefix) and len(longer_prefix) <= MAX_CONTEXT:
            prefix = longer_prefix
        else:
            break
    return QuoteSelector(exact=exact, prefix=prefix, suffix=suffix)
