"""Fixtures for the browser tests.

One ``mkdocs build --strict`` of the pair fixture (tests/fixtures/pair: two texts that share
actors and an event and contradict each other) dressed as the real site (the repository's
mkdocs.yml with the fixture's nav, its CSS and theme overrides), so nothing depends on the
real explainer's content; one stdlib HTTP server on 127.0.0.1 and one
Debian Chromium (driven by Playwright) per test session; every test gets a fresh browser context.

Chromium: ``/usr/bin/chromium`` (override with ``CHROMIUM_PATH``). When it is missing the tests
are skipped on a developer machine, but fail when ``CI`` is set, so CI can never go green by
silently skipping them.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Route, sync_playwright
from ruamel.yaml import YAML

from scripts.chromium import CHROMIUM_ARGS, CHROMIUM_PATH
from tests.conftest import PAIR, copy_fixture

REPO_ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(CHROMIUM_PATH)
# Installed by `npm ci` from the committed package.json / package-lock.json.
AXE_JS = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
DESKTOP_VIEWPORT = {"width": 1280, "height": 900}


def in_ci() -> bool:
    """True when the CI variable is set (GitHub Actions and .ci/run set CI=true)."""
    return os.environ.get("CI", "").strip().lower() not in {"", "0", "false", "no"}


def skip_or_fail(reason: str) -> None:
    """Skip on a developer machine; fail in CI, where a missing prerequisite is a broken setup."""
    if in_ci():
        pytest.fail(f"{reason} (CI is set, so this is a failure, not a skip)", pytrace=False)
    pytest.skip(reason)


@dataclass(frozen=True)
class Site:
    """The built HTML site and the address it is served at."""

    root: Path
    base_url: str

    def url(self, md_path: str) -> str:
        """URL of the page built from ``md_path`` (e.g. ``texts/wire-report.md``)."""
        stem = md_path.removesuffix(".md")
        if stem == "index" or stem.endswith("/index"):
            rel = stem.removesuffix("index")
        elif (self.root / stem / "index.html").is_file():
            rel = f"{stem}/"  # use_directory_urls: true (the MkDocs default)
        elif (self.root / f"{stem}.html").is_file():
            rel = f"{stem}.html"
        else:
            raise AssertionError(f"the site has no page built from {md_path}")
        return f"{self.base_url}/{rel}"

    def is_local(self, url: str) -> bool:
        return url == self.base_url or url.startswith(f"{self.base_url}/")


@pytest.fixture(scope="session", autouse=True)
def chromium_path() -> Path:
    if not CHROMIUM.exists():
        skip_or_fail(
            f"{CHROMIUM} not found: install Debian's Chromium (`apt-get install chromium`) "
            "or point CHROMIUM_PATH at a Chromium binary"
        )
    return CHROMIUM


@pytest.fixture(scope="session")
def axe_script() -> Path:
    """axe-core's browser bundle, installed by `npm ci` (package.json / package-lock.json)."""
    if not AXE_JS.is_file():
        skip_or_fail(f"{AXE_JS.relative_to(REPO_ROOT)} is missing: run `npm ci` in the repo root")
    return AXE_JS


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``mkdocs build --strict`` of the pair fixture in the repository's theme, once."""
    project = _pair_as_the_real_site(tmp_path_factory.mktemp("pair") / "site")
    return mkdocs_build_strict(project)


def mkdocs_build_strict(project: Path) -> Path:
    """`mkdocs build --strict` of `project` into `project/site`; the test fails with its
    output if the build does."""
    out = project / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO_ROOT)}
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if proc.returncode != 0:
        pytest.fail(
            f"`mkdocs build --strict` failed with exit code {proc.returncode}:\n"
            f"{proc.stdout}\n{proc.stderr}",
            pytrace=False,
        )
    return out


def _pair_as_the_real_site(project: Path) -> Path:
    copy_fixture(PAIR, project)
    shutil.copytree(REPO_ROOT / "docs" / "assets", project / "docs" / "assets")
    yaml = YAML(typ="rt")
    config = yaml.load((REPO_ROOT / "mkdocs.yml").read_text("utf-8"))
    config["nav"] = yaml.load((PAIR / "mkdocs.yml").read_text("utf-8"))["nav"]
    config["hooks"] = [(REPO_ROOT / "builder" / "mkdocs_hook.py").as_posix()]
    config["theme"]["custom_dir"] = (REPO_ROOT / "overrides").as_posix()
    with (project / "mkdocs.yml").open("w", encoding="utf-8") as stream:
        yaml.dump(config, stream)
    return project


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="session")
def site(built_site: Path) -> Iterator[Site]:
    """Serves the built site on 127.0.0.1 (a free port) from a background thread."""
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield Site(root=built_site, base_url=f"http://127.0.0.1:{server.server_address[1]}")
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def browser(chromium_path: Path) -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium_path), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def new_page(browser: Browser, site: Site) -> Iterator[Callable[..., Page]]:
    """Factory: ``new_page(**context_options)`` opens a page in a fresh browser context.

    Requests that leave the local server (e.g. the theme's web fonts) are aborted, so the tests
    behave the same with or without a network. Uncaught page errors are collected in
    ``page.errors`` (a list of messages) for tests that assert there are none.
    """
    contexts: list[BrowserContext] = []

    def route(route: Route) -> None:
        if site.is_local(route.request.url):
            route.continue_()
        else:
            route.abort()

    def make(**options: Any) -> Page:
        options.setdefault("viewport", DESKTOP_VIEWPORT)
        context = browser.new_context(**options)
        context.set_default_timeout(10_000)
        context.route("**/*", route)
        contexts.append(context)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.errors = errors  # type: ignore[attr-defined]
        return page

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page: Callable[..., Page]) -> Page:
    """A desktop-sized (1280x900) page."""
    return new_page()
