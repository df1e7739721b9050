"""Phones in Chromium: no page scrolls sideways at 360 px and up, and tables become cards.

The site is tests/browser/full_site.py's (every page type, the guide included). A page
"overflows" when the document is wider than the screen, or when any element of the reading
area reaches past its right edge (a table inside Material's scrolling wrapper would not widen
the document, but would still hide its last columns off-screen). Code blocks scroll by
design and are left out.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pytest
from playwright.sync_api import Page

from tests.browser.full_site import (  # noqa: F401 (fixtures)
    PAGE_TYPES,
    full_page,
    full_site,
    full_site_root,
)

if TYPE_CHECKING:
    from tests.browser.conftest import Site

pytestmark = pytest.mark.browser

PHONES = {"360x740": {"width": 360, "height": 740}, "390x844": {"width": 390, "height": 844}}
TABLE_PAGES = ("text", "actors index")  # the annotations table; the actors' tables

_OVERFLOW_JS = """(width) => ({
    scrollWidth: document.scrollingElement.scrollWidth,
    innerWidth: window.innerWidth,
    culprits: Array.from(document.querySelectorAll('article *'))
        .filter(el => !el.closest('pre'))
        .filter(el => el.getBoundingClientRect().right > width + 1)
        .slice(0, 5)
        .map(el => el.outerHTML.slice(0, 120)),
})"""

_TABLES_JS = """() => Array.from(document.querySelectorAll('article table')).map(table => ({
    display: getComputedStyle(table).display,
    rows: Array.from(table.querySelectorAll('tbody tr')).map(tr => getComputedStyle(tr).display),
    right: table.getBoundingClientRect().right,
}))"""


def _phone_page(open_page: Callable[..., Page], size: dict[str, int]) -> Page:
    return open_page(viewport=size, is_mobile=True, has_touch=True, device_scale_factor=2)


@pytest.mark.parametrize("phone", PHONES)
@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_no_horizontal_overflow(
    full_site: Site,  # noqa: F811
    full_page: Callable[..., Page],  # noqa: F811
    page_type: str,
    phone: str,
) -> None:
    size = PHONES[phone]
    page = _phone_page(full_page, size)
    page.goto(full_site.url(PAGE_TYPES[page_type]))
    page.wait_for_load_state("load")
    result: dict[str, Any] = page.evaluate(_OVERFLOW_JS, size["width"])
    # A mobile browser zooms out to fit wide content, which widens innerWidth too.
    assert result["scrollWidth"] <= result["innerWidth"] == size["width"], (
        f"the {page_type} page is wider than a {phone} phone: {result}"
    )
    assert not result["culprits"], f"on the {page_type} page at {phone}, off-screen: {result}"


@pytest.mark.parametrize("phone", PHONES)
@pytest.mark.parametrize("page_type", TABLE_PAGES)
def test_tables_are_cards_on_phones(
    full_site: Site,  # noqa: F811
    full_page: Callable[..., Page],  # noqa: F811
    page_type: str,
    phone: str,
) -> None:
    size = PHONES[phone]
    page = _phone_page(full_page, size)
    page.goto(full_site.url(PAGE_TYPES[page_type]))
    tables: list[dict[str, Any]] = page.evaluate(_TABLES_JS)
    assert tables, f"the {page_type} page should have a table"
    for table in tables:
        assert table["display"] == "block", f"a table on a phone is a stack of cards: {table}"
        assert table["rows"] and set(table["rows"]) == {"block"}, f"each row a card: {table}"
        assert table["right"] <= size["width"], f"a card reaches off-screen: {table}"


@pytest.mark.parametrize("page_type", TABLE_PAGES)
def test_tables_stay_tables_on_wide_screens(
    full_site: Site,  # noqa: F811
    full_page: Callable[..., Page],  # noqa: F811
    page_type: str,
) -> None:
    page = full_page()
    page.goto(full_site.url(PAGE_TYPES[page_type]))
    tables: list[dict[str, Any]] = page.evaluate(_TABLES_JS)
    # Material shows a table as an inline-block holding a real table layout.
    assert tables and all(t["display"] in {"table", "inline-block"} for t in tables), tables
    assert all(set(t["rows"]) == {"table-row"} for t in tables), tables
