"""The site navigation's list of texts: every text page, in the sidecars' order.

`mkdocs.yml` holds one section with `texts/index.md`; the builder fills in the text
pages after it, so adding a text needs no edit outside `source_texts/`. The same
filled-in nav goes into the exported `mkdocs.yml`. Entries are bare paths: MkDocs
takes each title from the page's first heading, already escaped (a title given in
the nav would be printed as raw HTML by the theme).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from builder.render.routes import TEXTS_INDEX

TEXTS_FOLDER = TEXTS_INDEX.rpartition("/")[0] + "/"
MISSING_SECTION = (
    "the nav in mkdocs.yml has no section holding texts/index.md, so the text pages "
    "cannot be listed; add `- Texts: [texts/index.md]` to nav (the builder adds every text)"
)


class NavError(ValueError):
    """The nav has nowhere to put the texts; the message says what to add."""


def text_order_key(order: int | None, title: str, slug: str) -> tuple[bool, int, str, str]:
    """Texts with an `order:` first, by it; then the rest; ties by title, then slug."""
    return (order is None, order or 0, title.casefold(), slug)


def fill_texts_section(nav: Any, text_pages: Sequence[str]) -> Any:
    """A copy of MkDocs' `nav` with the section holding texts/index.md listing
    `text_pages` after it. Text pages already in that section are replaced, so the
    result does not depend on how often this runs. `None` (MkDocs lists every page
    itself) stays `None`; a nav without the section raises NavError."""
    if nav is None:
        return None
    filled, found = _fill(nav, text_pages)
    if not found:
        raise NavError(MISSING_SECTION)
    return filled


def _fill(items: Any, text_pages: Sequence[str]) -> tuple[Any, bool]:
    if not isinstance(items, list):
        return items, False
    if any(_path_of(item) == TEXTS_INDEX for item in items):
        kept = [item for item in items if not _is_text_page(_path_of(item))]
        return [*kept, *text_pages], True
    result: list[Any] = []
    found = False
    for item in items:
        if isinstance(item, Mapping) and len(item) == 1 and not found:
            ((title, value),) = item.items()
            value, found = _fill(value, text_pages)
            result.append({title: value})
        else:
            result.append(item)
    return result, found


def _path_of(item: Any) -> str | None:
    """The page path of a nav entry (`path` or `{title: path}`), else None."""
    if isinstance(item, str):
        return item
    if isinstance(item, Mapping) and len(item) == 1:
        (value,) = item.values()
        return value if isinstance(value, str) else None
    return None


def _is_text_page(path: str | None) -> bool:
    return (
        path is not None
        and path.startswith(TEXTS_FOLDER)
        and path.endswith(".md")
        and "/" not in path.removeprefix(TEXTS_FOLDER)
        and path != TEXTS_INDEX
    )


def text_pages_of(paths: Iterable[str]) -> list[str]:
    """The text pages among generated page paths, sorted (for error pages, which have
    no sidecar order)."""
    return sorted(path for path in paths if _is_text_page(path))
