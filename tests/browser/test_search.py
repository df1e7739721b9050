"""Search in Chromium: each paragraph of a text is found on its own, linked to its anchor, and
contributor pages rank after the texts (builder/search_index.py, the guides' front matter).

The site is the pair fixture in the repository's theme (conftest.py's), plus a contributing
page with the front matter of the repository's docs/contributing.md and a body of our own that
uses the searched word more often than the text does, as an error message in the guide would.
"""

from __future__ import annotations

import functools
import http.server
import re
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page
from ruamel.yaml import YAML

from tests.browser.conftest import (
    DESKTOP_VIEWPORT,
    REPO_ROOT,
    _pair_as_the_real_site,
    _QuietHandler,
    mkdocs_build_strict,
)

pytestmark = pytest.mark.browser

# "transponder" is in paragraph 2 of the wire report and nowhere else in the texts.
WORD = "transponder"
ITS_PARAGRAPH = "texts/wire-report/#p-2"


def _front_matter(page: Path) -> str:
    """The `---` block a hand-written page opens with, as it is in the repository."""
    text = page.read_text(encoding="utf-8")
    assert text.startswith("---\n"), f"{page} has no front matter"
    return text[: text.index("\n---\n", 4) + 5]


@pytest.fixture(scope="module")
def search_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = _pair_as_the_real_site(tmp_path_factory.mktemp("search") / "site")
    body = " ".join(
        f"error: the quote “the {WORD} was off” is not in the text ({n})." for n in range(6)
    )
    guide = _front_matter(REPO_ROOT / "docs" / "contributing.md")
    (project / "docs" / "contributing.md").write_text(
        f"{guide}\n# Contributing\n\nA {WORD} example, for searching.\n\n{body}\n", "utf-8"
    )
    yaml = YAML(typ="rt")
    config = yaml.load((project / "mkdocs.yml").read_text("utf-8"))
    config["nav"] += [{"Contributing": "contributing.md"}]
    with (project / "mkdocs.yml").open("w", encoding="utf-8") as stream:
        yaml.dump(config, stream)
    root = mkdocs_build_strict(project)
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def _results(browser: Browser, base: str, query: str) -> list[str]:
    """The result links for `query`, in the order the search dialog shows them."""
    context = browser.new_context(viewport=DESKTOP_VIEWPORT)
    context.set_default_timeout(10_000)
    try:
        page: Page = context.new_page()
        page.goto(f"{base}/")
        page.locator(".md-search__input").click()
        page.keyboard.type(query)
        page.locator(".md-search-result__item").first.wait_for()
        hrefs: list[str] = page.eval_on_selector_all(
            ".md-search-result a.md-search-result__link", "links => links.map(a => a.href)"
        )
        # Drop the `?h=` that search.highlight adds: it is not part of where a result leads.
        return [re.sub(r"\?h=[^#]*", "", href.removeprefix(f"{base}/")) for href in hrefs]
    finally:
        context.close()


def test_a_word_finds_its_paragraph_first(browser: Browser, search_site: str) -> None:
    """The first result is the text's page (Material heads each page's results with the page
    itself), and its first section is the paragraph's anchor."""
    results = _results(browser, search_site, WORD)
    assert results[:2] == [ITS_PARAGRAPH.partition("#")[0], ITS_PARAGRAPH], results


def test_no_result_is_a_whole_text(browser: Browser, search_site: str) -> None:
    """The text section is gone from the index: only its paragraphs are found."""
    results = _results(browser, search_site, WORD)
    assert not [r for r in results if r.endswith("#the-text")], results


def test_contributor_pages_rank_after_the_texts(browser: Browser, search_site: str) -> None:
    results = _results(browser, search_site, WORD)
    guide = [n for n, r in enumerate(results) if r.startswith("contributing/")]
    texts = [n for n, r in enumerate(results) if r.startswith("texts/")]
    assert guide, f"the guide's use of {WORD!r} is not found at all: {results}"
    assert texts and max(texts) < min(guide), results
