"""Which exports of the previous build can be reused, for `mkdocs serve`.

As for the pages (builder/render/reuse.py): a text's annotation page is a pure function
of its inputs (`web_annotation.page_inputs`); a page whose inputs equal those of the
previous build is kept as it was, encoded. Its inputs are not even gathered when the
text is the previous build's very object (builder/assemble/reuse.py) at the same place,
and the registries and the texts' titles (`shared`) are unchanged: they are then equal.
The timeline is a function of the events and the texts' titles, reused while both are
equal; a plain text is reused while its characters are equal. The collection is cheap
and made every time. tests/test_incremental.py checks that a build reusing them equals
a build from nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from builder.core.model import Project, SourceText
from builder.exports.addresses import Addresses
from builder.exports.json_text import dumps
from builder.exports.web_annotation import PagePlace, annotation_page_document, page_inputs


def _page(project: Project, text: SourceText, place: PagePlace, addresses: Addresses) -> bytes:
    return dumps(annotation_page_document(project, text, place, addresses)).encode("utf-8")


@dataclass(frozen=True, kw_only=True)
class _Page:
    text: SourceText
    place: PagePlace
    inputs: object
    content: bytes  # UTF-8


@dataclass
class ExportMemo:
    """The previous build's exports and what each was made of."""

    site_url: str | None = None
    shared: object = None
    pages: dict[str, _Page] = field(default_factory=dict)  # by path
    texts: dict[str, tuple[str, bytes]] = field(default_factory=dict)  # by path
    timeline: tuple[object, bytes] | None = None
    made: int = 0  # annotation pages made (not reused) by the last build, for tests
    # False for a build from nothing: nothing is kept (the caller stores each file once)
    keeping: bool = True
    _kept: dict[str, _Page] = field(default_factory=dict)
    _kept_texts: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    _same_shared: bool = False

    def begin(self, site_url: str | None, shared: object) -> None:
        if site_url != self.site_url:
            self.pages = {}  # every address changes
        self._same_shared = self.shared is not None and shared == self.shared
        self.site_url, self.shared, self.made = site_url, shared, 0
        self._kept, self.pages = self.pages, {}
        self._kept_texts, self.texts = self.texts, {}

    def page(
        self, path: str, text: SourceText, place: PagePlace, project: Project, addresses: Addresses
    ) -> bytes:
        if not self.keeping:
            return _page(project, text, place, addresses)
        previous = self._kept.get(path)
        unchanged = previous is not None and previous.text is text and previous.place == place
        if previous is not None and unchanged and self._same_shared:
            self.pages[path] = previous
            return previous.content
        gathered = page_inputs(project, text, place)
        if previous is not None and previous.inputs == gathered:
            content = previous.content
        else:
            content = _page(project, text, place, addresses)
            self.made += 1
        self.pages[path] = _Page(text=text, place=place, inputs=gathered, content=content)
        return content

    def timeline_of(self, inputs: object, make: Callable[[], str]) -> bytes:
        if not self.keeping:
            return make().encode("utf-8")
        if self.timeline is None or self.timeline[0] != inputs:
            self.timeline = (inputs, make().encode("utf-8"))
        return self.timeline[1]

    def text(self, path: str, text: str) -> bytes:
        if not self.keeping:
            return text.encode("utf-8")
        previous = self._kept_texts.get(path)
        if previous is None or previous[0] != text:
            previous = (text, text.encode("utf-8"))
        self.texts[path] = previous
        return previous[1]
