"""The hostile fixture in Chromium: no payload runs, and it adds nothing to the page.

tests/hostile_project.py writes a benign project and hostile variants of it (payloads in
every free-text field and in the source text). Each is built with `mkdocs build --strict`
and every page is loaded; the test fails if a payload ran (`window.__pwned` set, a dialog
opened), if a hostile page has an element or attribute (tag name + attribute name) that the
same benign page has not, or if any `href`/`src` has a scheme other than http(s).
"""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from tests.hostile_project import Twins, write_twins

pytestmark = pytest.mark.browser

# (tag, attribute or "") pairs of the whole document, and every address it points at.
DOM_SHAPE = """() => {
  const pairs = new Set(), urls = [];
  for (const el of document.querySelectorAll("*")) {
    const tag = el.tagName.toLowerCase();
    pairs.add(tag + " ");
    for (const attr of el.attributes) {
      pairs.add(tag + " " + attr.name);
      if (["href", "src", "action", "formaction", "xlink:href", "data", "srcdoc"]
          .includes(attr.name)) urls.push(attr.value);
    }
  }
  return {pairs: [...pairs], urls};
}"""
# The schemes a page may point at (relative addresses have none).
SCHEMES = ("http:", "https:")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Twins, str]]:
    """Every project built into sites/<name>/, served from one local server."""
    root = tmp_path_factory.mktemp("hostile")
    twins = write_twins(root / "projects")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    builds = {  # side by side: they share nothing
        project.name: subprocess.Popen(
            [
                sys.executable,
                "-m",
                "mkdocs",
                "build",
                "--strict",
                "-q",
                "-d",
                str(root / "sites" / project.name),
            ],
            cwd=project,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for project in [twins.benign, *twins.hostile]
    }
    for name, build in builds.items():
        output, _ = build.communicate(timeout=300)
        assert build.returncode == 0, f"`mkdocs build --strict` of {name} failed:\n{output}"
    handler = functools.partial(_QuietHandler, directory=str(root / "sites"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield twins, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


class Visit:
    """One browser context for one project; records dialogs and errors of every page."""

    def __init__(self, browser: Browser, base: str, name: str) -> None:
        self.base, self.name = base, name
        self.context: BrowserContext = browser.new_context()
        self.context.set_default_timeout(10_000)
        # Nothing leaves the local server (a payload's image or frame must not load).
        self.context.route(
            "**/*",
            lambda route: (
                route.continue_() if route.request.url.startswith(base) else route.abort()
            ),
        )
        self.dialogs: list[str] = []
        self.page = self.context.new_page()  # one tab, reused: a fresh one per page is slow
        self.page.on(
            "dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss())
        )

    def open(self, path: str) -> Page:
        self.page.goto(f"{self.base}/{self.name}/{path}")  # waits for `load`: handlers ran
        return self.page

    def shape(self, path: str) -> tuple[set[str], list[str], Any]:
        page = self.open(path)
        # Hover footnote references: Material clones the footnote into a tooltip.
        for ref in page.locator("a.footnote-ref").all()[:3]:
            ref.hover()
        shape = page.evaluate(DOM_SHAPE)
        pairs, urls = set(shape["pairs"]), list(shape["urls"])
        # docs/assets/explainer.js: a note opened in place (a copy of the footnote), then
        # an actor's preview card (built from the page's embedded JSON).
        for opener in ("article a.footnote-ref", "article a[data-actor]"):
            target = page.locator(f"{opener}:visible").first
            if target.count():
                if opener.endswith("footnote-ref"):
                    target.click()
                else:
                    target.focus()
                page.wait_for_timeout(50)
                shape = page.evaluate(DOM_SHAPE)
                pairs |= set(shape["pairs"])
                urls += shape["urls"]
                page.keyboard.press("Escape")
        return pairs, urls, page.evaluate("() => window.__pwned")

    def search(self, query: str) -> set[str]:
        """The (tag, attribute) pairs of the search results for `query`."""
        page = self.open("texts/sample/")
        page.locator(".md-search__input").click()
        page.keyboard.type(query)
        page.locator(".md-search-result__item").first.wait_for()
        scope = DOM_SHAPE.replace(
            'document.querySelectorAll("*")', 'document.querySelectorAll(".md-search-result *")'
        )
        return set(page.evaluate(scope)["pairs"])


def _page_paths(site: Path) -> list[str]:
    return sorted(
        p.relative_to(site).as_posix().removesuffix("index.html") for p in site.rglob("*.html")
    )


def test_no_payload_runs_or_adds_markup(browser: Browser, sites: tuple[Twins, str]) -> None:
    twins, base = sites
    site_root = twins.benign.parent.parent / "sites"
    paths = _page_paths(site_root / "benign")
    benign = Visit(browser, base, "benign")
    expected = {path: benign.shape(path)[0] for path in paths}
    assert len(paths) >= 9, paths
    for project in twins.hostile:
        visit = Visit(browser, base, project.name)
        assert _page_paths(site_root / project.name) == paths
        for path in paths:
            pairs, urls, pwned = visit.shape(path)
            where = f"{project.name}/{path}"
            assert pwned is None, f"{where}: payload {twins.markers.get(pwned, pwned)} ran"
            assert pairs <= expected[path], f"{where}: added {sorted(pairs - expected[path])}"
            odd = [u for u in urls if ":" in u.split("/")[0].split("#")[0].split("?")[0]]
            assert all(u.startswith(SCHEMES) for u in odd), f"{where}: {odd}"
        assert not visit.dialogs, f"{project.name}: dialogs {visit.dialogs}"
        visit.context.close()
    benign.context.close()


def test_titles_show_their_payload_as_text(browser: Browser, sites: tuple[Twins, str]) -> None:
    twins, base = sites
    for project in twins.hostile:
        visit = Visit(browser, base, project.name)
        page = visit.open("texts/sample/")
        title = page.title()
        heading = " ".join(page.locator("article h1").inner_text().split())
        assert "<script>" in title and "</title" in title.lower(), title
        assert " ".join(title.split()) == f"{heading.rstrip('¶').strip()} - Mini"
        assert page.evaluate("() => window.__pwned") is None
        visit.context.close()


def test_search_results_show_payloads_as_text(browser: Browser, sites: tuple[Twins, str]) -> None:
    """Material renders results from search_index.json as HTML: payloads stay text there."""
    twins, base = sites
    benign = Visit(browser, base, "benign")
    expected = benign.search("sample")  # a word of the text's title, in every project
    for project in twins.hostile:
        visit = Visit(browser, base, project.name)
        pairs = visit.search("sample")
        assert pairs <= expected, f"{project.name}: added {sorted(pairs - expected)}"
        assert visit.page.evaluate("() => window.__pwned") is None
        assert "<script>" in visit.page.locator(".md-search-result").inner_text()
        assert not visit.dialogs, visit.dialogs
        visit.context.close()
    benign.context.close()
