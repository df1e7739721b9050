"""Which exports of the previous build can be reused, for `mkdocs serve`.

As for the pages (builder/render/reuse.py): a text's annotation page is a pure function
of its inputs (`web_annotation.page_inputs`); a page whose inputs equal those of the
previous build is kept as it was, serialised. The collection, the timeline and the
plain texts are cheap and made every time. tests/test_incremental.py checks that a
build reusing them equals a build from nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class ExportMemo:
    """The previous build's annotation pages and their inputs, by path."""

    site_url: str | None = None
    pages: dict[str, tuple[object, str]] = field(default_factory=dict)
    made: int = 0  # pages made (not reused) by the last build, for tests

    def begin(self, site_url: str | None) -> dict[str, tuple[object, str]]:
        if site_url != self.site_url:
            self.pages = {}  # every address changes
        self.site_url, self.made = site_url, 0
        kept, self.pages = self.pages, {}
        return kept

    def reused(
        self,
        kept: dict[str, tuple[object, str]],
        path: str,
        inputs: object,
        make: Callable[[], str],
    ) -> str:
        previous = kept.get(path)
        if previous is not None and previous[0] == inputs:
            content = previous[1]
        else:
            content = make()
            self.made += 1
        self.pages[path] = (inputs, content)
        return content
