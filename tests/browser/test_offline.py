"""The offline site (`make offline`, mkdocs.offline.yml) works when opened from disk.

The pair fixture dressed as the real site (conftest's `_pair_as_the_real_site`) with the
repository's mkdocs.offline.yml beside its mkdocs.yml, built with `mkdocs build --strict -f
mkdocs.offline.yml`, then opened in Chromium at file:// addresses: navigation, search and
notes are used as a reader would. Every request of every page is recorded, and any that is
not a file:// address inside the built folder fails the test; the served online site
(conftest's `site`) gets the same check with its own address.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from tests.browser.conftest import DESKTOP_VIEWPORT, REPO_ROOT, Site, _pair_as_the_real_site

OFFLINE_CONFIG = "mkdocs.offline.yml"
TEXT_PAGE = "texts/wire-report.html"


@pytest.fixture(scope="session")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = _pair_as_the_real_site(tmp_path_factory.mktemp("offline") / "site")
    shutil.copy(REPO_ROOT / OFFLINE_CONFIG, project / OFFLINE_CONFIG)
    out = project / "site-offline"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO_ROOT)}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", OFFLINE_CONFIG]
    proc = subprocess.run(
        [*command, "--site-dir", str(out)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if proc.returncode != 0:
        pytest.fail(f"offline build failed:\n{proc.stdout}\n{proc.stderr}", pytrace=False)
    return out


class _Requests:
    """Every request a browser context makes, and those that leave `allowed`."""

    def __init__(self, context: BrowserContext, allowed: str) -> None:
        self.allowed = allowed
        self.urls: list[str] = []
        context.on("request", lambda request: self.urls.append(request.url))

    @property
    def outside(self) -> list[str]:
        return [url for url in self.urls if not url.startswith(self.allowed)]


@pytest.fixture
def from_disk(browser: Browser, offline_site: Path) -> Iterator[tuple[Page, _Requests]]:
    """A page in a fresh context whose requests are recorded (none is blocked: a request
    that leaves the folder must show up as a failure, not be hidden by a route)."""
    context = browser.new_context(viewport={"width": 1280, "height": 600})
    context.set_default_timeout(10_000)
    requests = _Requests(context, f"{offline_site.as_uri()}/")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page, requests
    context.close()
    assert errors == [], f"uncaught errors on the page: {errors}"


def test_navigation_from_disk_opens_pages(
    from_disk: tuple[Page, _Requests], offline_site: Path
) -> None:
    page, requests = from_disk
    page.goto((offline_site / "index.html").as_uri())
    page.locator(".md-nav__link", has_text="Chronology").first.click()
    page.wait_for_url(re.compile(r"/chronology\.html$"))
    assert page.locator("h1").first.inner_text().strip() != ""
    page.locator(".md-nav__link", has_text="Actors").first.click()
    page.wait_for_url(re.compile(r"/actors/index\.html$"))
    page.locator("article a[href*='carlos-rivera']").first.click()
    page.wait_for_url(re.compile(r"/actors/carlos-rivera\.html$"))
    assert "Index of" not in page.title()  # Chromium's folder listing
    assert requests.outside == []


def test_search_from_disk_finds_pages(
    from_disk: tuple[Page, _Requests], offline_site: Path
) -> None:
    page, requests = from_disk
    page.goto((offline_site / "index.html").as_uri())
    page.locator(".md-search__input").click()
    page.keyboard.type("Rivera")
    result = page.locator(".md-search-result__item a").first
    result.wait_for()
    href = result.get_attribute("href") or ""
    assert href.startswith("file://") and ".html" in href, href
    with page.expect_navigation():
        result.click()
    assert urlsplit(page.url).path.endswith(".html"), page.url
    assert "Rivera" in page.locator("article").inner_text()
    assert requests.outside == []


_IN_VIEW = r"""(snippet) => [...document.querySelectorAll("body *")].some((el) => {
  if (el.children.length > 0 && el.tagName !== "LI" && el.tagName !== "P") return false;
  if (!el.textContent.replace(/\s+/g, " ").includes(snippet)) return false;
  const box = el.getBoundingClientRect();
  const style = getComputedStyle(el);
  return box.width > 0 && box.height > 0 && style.visibility !== "hidden" &&
    box.bottom > 0 && box.top < innerHeight && box.right > 0 && box.left < innerWidth;
})"""


def test_a_note_opens_from_disk(from_disk: tuple[Page, _Requests], offline_site: Path) -> None:
    page, requests = from_disk
    page.goto((offline_site / TEXT_PAGE).as_uri())
    ref = page.locator("a.footnote-ref").first
    target = (ref.get_attribute("href") or "").removeprefix("#")
    note = page.locator(f"[id='{target}']")
    snippet = " ".join(note.inner_text().split())[:24]
    assert snippet, "the first footnote is empty"
    assert not page.evaluate(_IN_VIEW, snippet), "the note is in view before it is opened"
    ref.click()
    page.wait_for_function(_IN_VIEW, arg=snippet)
    assert requests.outside == []


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.targets: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value and ((tag == "a" and name == "href") or name == "src"):
                self.targets.append(value)


def test_every_local_link_from_disk_names_a_file(offline_site: Path) -> None:
    """From disk a link to a folder opens a listing: every relative link must name a file."""
    broken: list[str] = []
    # 404.html is for a server to send (with links from the site's root); a disk has no 404.
    pages = sorted(set(offline_site.rglob("*.html")) - {offline_site / "404.html"})
    for page in pages:
        links = _Links()
        links.feed(page.read_text("utf-8"))
        for target in links.targets:
            parts = urlsplit(target)
            if parts.scheme or parts.netloc or not parts.path:
                continue
            resolved = (page.parent / unquote(parts.path)).resolve()
            if not resolved.is_file():
                broken.append(f"{page.relative_to(offline_site)}: {target}")
    assert broken == []


def test_the_online_site_requests_nothing_elsewhere(browser: Browser, site: Site) -> None:
    context = browser.new_context(viewport=DESKTOP_VIEWPORT)
    context.set_default_timeout(10_000)
    requests = _Requests(context, f"{site.base_url}/")
    try:
        page = context.new_page()
        for md_path in ("index.md", "texts/wire-report.md", "actors/carlos-rivera.md"):
            page.goto(site.url(md_path))
            page.wait_for_load_state("networkidle")
        page.locator(".md-search__input").click()
        page.keyboard.type("Rivera")
        page.locator(".md-search-result__item").first.wait_for()
    finally:
        context.close()
    assert requests.outside == []
