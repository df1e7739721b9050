"""Steps across files of the previous build, for `mkdocs serve`.

A check or a merge that reads many files (every id of the project, the standings of all
claims, the dates of all events) is a pure function of what it reads. Each such step
names its inputs, small per-file parts that are themselves kept from build to build
(the same objects while a file is unchanged), and `StepMemo.same` runs it only when
those inputs differ from the previous build's: comparing a tuple whose items are the
very same objects costs one identity test per item. Its result is then the previous
object and its diagnostics are replayed, each at its own location (the inputs include
every location the step reports at, so an input that moved is not equal).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from builder.core.diagnostics import Diagnostics

T = TypeVar("T")


class StepMemo:
    def __init__(self) -> None:
        self._kept: dict[str, tuple[object, Any, Diagnostics]] = {}
        self._next: dict[str, tuple[object, Any, Diagnostics]] = {}
        self.ran: list[str] = []  # the steps run (not reused) by the last build, for tests

    def begin(self) -> None:
        self._next, self.ran = {}, []

    def end(self) -> None:
        self._kept = self._next

    def same(
        self,
        name: str,
        inputs: object,
        step: Callable[[Diagnostics], T],
        diagnostics: Diagnostics,
    ) -> T:
        """`step(own diagnostics)`, or the previous build's result if `inputs` equal its."""
        kept = self._kept.get(name)
        if kept is None or not (kept[0] is inputs or kept[0] == inputs):
            own = Diagnostics()
            kept = (inputs, step(own), own)
            self.ran.append(name)
        self._next[name] = kept
        if kept[2].items:
            diagnostics.extend(kept[2])
        result: T = kept[1]
        return result

    def value(self, name: str, inputs: object, make: Callable[[], T]) -> T:
        """Like `same`, for a step that reports nothing."""
        return self.same(name, inputs, lambda _: make(), Diagnostics())
