"""The chronology's timeline in Chromium: filters by actor, by text and by words (with the
count announced), details on demand, and every entry shown without JavaScript.

The site is tests/browser/full_site.py's: the pair fixture, whose two texts tell events of
their own and one event together, dressed as the real site.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

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

CHRONOLOGY = PAGE_TYPES["chronology"]
_SHOWN = "() => [...document.querySelectorAll('article.tl-event')].map(e => !e.hidden)"


def _open(
    full_page: Callable[..., Page],  # noqa: F811
    site: Site,
    **options: object,
) -> Page:
    page = full_page(**options)
    page.goto(site.url(CHRONOLOGY))
    return page


def _listed(page: Page, attribute: str) -> list[list[str]]:
    return page.eval_on_selector_all(
        "article.tl-event", f"els => els.map(e => (e.getAttribute('{attribute}') || '').split(' '))"
    )


def _count_line(page: Page) -> str:
    return " ".join(page.locator("p.tl-count").inner_text().split())


def test_without_javascript_every_entry_is_shown_and_no_filter(
    full_site: Site,  # noqa: F811
    full_page: Callable[..., Page],  # noqa: F811
) -> None:
    page = _open(full_page, full_site, java_script_enabled=False)
    entries = page.locator("article.tl-event")
    assert entries.count() >= 2
    assert all(page.evaluate(_SHOWN))
    assert not page.locator("form.tl-filters").is_visible()


@pytest.mark.parametrize(
    ("select", "attribute"), [("#tl-actor", "data-actors"), ("#tl-text", "data-texts")]
)
def test_a_filter_shows_exactly_the_entries_it_names(
    full_site: Site,  # noqa: F811
    full_page: Callable[..., Page],  # noqa: F811
    select: str,
    attribute: str,
) -> None:
    page = _open(full_page, full_site)
    total = page.locator("article.tl-event").count()
    assert _count_line(page) == f"{total} of {total} events shown"
    options = page.eval_on_selector_all(f"{select} option", "os => os.map(o => o.value)")
    values = [v for v in options if v]
    assert values, f"{select} offers nothing to choose"
    narrowed = False
    for value in values:
        page.select_option(select, value)
        shown = page.evaluate(_SHOWN)
        expected = [value in listed for listed in _listed(page, attribute)]
        assert shown == expected, (select, value)
        assert _count_line(page).startswith(f"{sum(expected)} of {total} events shown")
        narrowed = narrowed or sum(expected) < total
    assert narrowed, f"no choice of {select} leaves any entry out: the test proves nothing"
    page.get_by_role("button", name="Show all").click()
    page.wait_for_function(f"() => ({_SHOWN})().every(Boolean)")  # after the form's reset


def test_words_narrow_the_entries_and_an_empty_day_is_hidden(
    full_site: Site,  # noqa: F811
    full_page: Callable[..., Page],  # noqa: F811
) -> None:
    page = _open(full_page, full_site)
    first = page.locator("article.tl-event h3").first.inner_text()
    word = max(first.split(), key=len).strip(".,;:’'“”\"")
    page.fill("#tl-words", word.upper())  # case does not matter
    texts = page.eval_on_selector_all("article.tl-event", "els => els.map(e => e.textContent)")
    shown = page.evaluate(_SHOWN)
    assert shown == [word.casefold() in t.casefold() for t in texts]
    page.fill("#tl-words", "zzzz-no-such-word")
    assert not any(page.evaluate(_SHOWN))
    days = page.eval_on_selector_all("section.tl-day", "ds => ds.map(d => d.hidden)")
    assert days and all(days)


def test_details_open_on_demand(
    full_site: Site,  # noqa: F811
    full_page: Callable[..., Page],  # noqa: F811
) -> None:
    page = _open(full_page, full_site)
    details = page.locator("article.tl-event details").first
    assert details.get_attribute("open") is None
    details.locator("summary").click()
    assert details.get_attribute("open") is not None
    assert details.locator("blockquote, p, li").first.is_visible()
