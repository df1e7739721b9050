"""Per-file checks of the previous build, for `mkdocs serve`.

The character checks (content.py) and the shape validation (shape.py) of a YAML file
depend on that file alone. While its content is unchanged, the parse memo
(builder/input/load.py) hands out the very same parsed data, so a check whose data is
that object is not run again: its result is reused and its diagnostics replayed. An
entry keeps the data alive, so its identity cannot be taken by another object.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from builder.core.diagnostics import Diagnostics
from builder.core.steps import StepMemo
from builder.input.load import RawText, YamlDocument

T = TypeVar("T")


class FileChecks:
    def __init__(self) -> None:
        self.entries: dict[tuple[str, str], tuple[object, Any, Diagnostics]] = {}
        self._next: dict[tuple[str, str], tuple[object, Any, Diagnostics]] = {}
        self.contexts: dict[str, object] = {}
        self._next_contexts: dict[str, object] = {}
        self.ran = 0  # checks run (not reused) by the last build
        # The checks across files, on inputs made of the files' parts (`part`).
        self.steps = StepMemo()

    def begin(self) -> None:
        self._next, self._next_contexts, self.ran = {}, {}, 0
        self.steps.begin()

    def end(self) -> None:
        self.entries, self.contexts = self._next, self._next_contexts
        self.steps.end()

    def settled(self, name: str, context: T) -> T:
        """`context`, or the equal one of the previous build: then the very same object,
        so that each file's check compares it by identity, not again by value."""
        previous = self.contexts.get(name)
        if previous is not None and previous == context:
            context = previous
        self._next_contexts[name] = context
        return context

    def run(
        self,
        name: str,
        document: YamlDocument,
        check: Callable[[YamlDocument, Diagnostics], T],
        diagnostics: Diagnostics,
    ) -> T:
        key = (name, document.path)
        kept = self.entries.get(key)
        if kept is None or kept[0] is not document.data:
            own = Diagnostics()
            kept = (document.data, check(document, own), own)
            self.ran += 1
        self._next[key] = kept
        if kept[2].items:
            diagnostics.extend(kept[2])
        result: T = kept[1]
        return result

    def part(self, name: str, document: YamlDocument, make: Callable[[], T]) -> T:
        """What a check across files reads of this one file (its ids, its claims' links),
        made again only when the file changed: the same object otherwise, so that the
        inputs of that check compare at the cost of an identity test (core/steps.py)."""
        return self.run(name, document, lambda _document, _diagnostics: make(), Diagnostics())

    def run_in_context(
        self,
        name: str,
        document: YamlDocument,
        context: object,
        check: Callable[[Diagnostics], T],
        diagnostics: Diagnostics,
    ) -> T:
        """Like `run`, for a check that also reads what other files define: reused while
        the file is unchanged and `context` (what the check reads of the others, compared
        by value) is equal."""
        key = (name, document.path)
        kept = self.entries.get(key)
        if kept is None or kept[0] is not document.data or kept[1][0] != context:
            own = Diagnostics()
            kept = (document.data, (context, check(own)), own)
            self.ran += 1
        self._next[key] = kept
        if kept[2].items:
            diagnostics.extend(kept[2])
        result: T = kept[1][1]
        return result

    def run_text(
        self, text: RawText, check: Callable[[RawText, Diagnostics], T], diagnostics: Diagnostics
    ) -> T:
        """Like `run`, for a source text: reused while its characters are equal (a text is
        read again on every build, so it is compared by value, a fast memory compare)."""
        key = ("text", text.path)
        kept = self.entries.get(key)
        if kept is None or kept[0] != text.text:
            own = Diagnostics()
            kept = (text.text, check(text, own), own)
            self.ran += 1
        self._next[key] = kept
        if kept[2].items:
            diagnostics.extend(kept[2])
        result: T = kept[1]
        return result
