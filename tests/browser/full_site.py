"""A second browser-test site: the pair fixture dressed as the real site, plus the reading
guide and the identity settings, served on 127.0.0.1.

Same build as conftest.py's `built_site` (the repository's mkdocs.yml, CSS and overrides
with the pair fixture's texts), with, in a temporary copy:

- the guide (the repository's docs/method.md, for its markup; no test reads its words) and
  one-line contributing and data pages, which the guide links to;
- `site_url`, `repo_url` and `edit_uri` set to reserved example.org addresses, so the
  sitemap, the edit links and the canonical links are built;
- a git repository with one commit, so pages get their last-updated date.

Import the fixtures into a test module: `from tests.browser.full_site import full_page, ...`
(`full_page(**context_options)` opens a page that may load only this site).
"""

from __future__ import annotations

import functools
import http.server
import shutil
import subprocess
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Route
from ruamel.yaml import YAML

from tests.browser.conftest import (
    DESKTOP_VIEWPORT,
    REPO_ROOT,
    Site,
    _pair_as_the_real_site,
    _QuietHandler,
    mkdocs_build_strict,
)

SITE_URL = "https://explainer.example.org/pair/"
REPO_URL = "https://git.example.org/explainers/pair"
EDIT_URI = "edit/main/docs/"
GUIDE = "method.md"

# Every page type, by the Markdown path it is built from.
PAGE_TYPES = {
    "home": "index.md",
    "texts index": "texts/index.md",
    "text": "texts/wire-report.md",
    "actors index": "actors/index.md",
    "actor": "actors/carlos-rivera.md",
    "chronology": "chronology.md",
    "sources": "sources.md",
    "guide": GUIDE,
}


def _project(root: Path) -> Path:
    project = _pair_as_the_real_site(root)
    shutil.copy(REPO_ROOT / "docs" / GUIDE, project / "docs" / GUIDE)
    (project / "docs" / "contributing.md").write_text(
        "# Contributing\n\nA stub of the contributing guide, for the guide's links.\n", "utf-8"
    )
    (project / "docs" / "open-data.md").write_text(
        "---\ndescription: A stub of the data page.\n---\n\n"
        "# Data\n\nA stub of the data page, for the guide's links.\n",
        "utf-8",
    )
    yaml = YAML(typ="rt")
    config = yaml.load((project / "mkdocs.yml").read_text("utf-8"))
    config["nav"] += [{"How we know": GUIDE}, {"Contributing": "contributing.md"}]
    config.update(site_url=SITE_URL, repo_url=REPO_URL, edit_uri=EDIT_URI)
    with (project / "mkdocs.yml").open("w", encoding="utf-8") as stream:
        yaml.dump(config, stream)
    git = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org"]
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "fixture"]):
        subprocess.run([*git, *args], cwd=project, check=True, capture_output=True)
    return project


@pytest.fixture(scope="session")
def full_site_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return mkdocs_build_strict(_project(tmp_path_factory.mktemp("full") / "site"))


@pytest.fixture(scope="session")
def full_site(full_site_root: Path) -> Iterator[Site]:
    handler = functools.partial(_QuietHandler, directory=str(full_site_root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="full-site", daemon=True)
    thread.start()
    try:
        yield Site(root=full_site_root, base_url=f"http://127.0.0.1:{server.server_address[1]}")
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture
def full_page(browser: Browser, full_site: Site) -> Iterator[Callable[..., Page]]:
    """Like conftest's `new_page`, for this site: other requests are aborted."""
    contexts: list[BrowserContext] = []

    def route(route: Route) -> None:
        if full_site.is_local(route.request.url):
            route.continue_()
        else:
            route.abort()

    def make(**options: Any) -> Page:
        options.setdefault("viewport", DESKTOP_VIEWPORT)
        context = browser.new_context(**options)
        context.set_default_timeout(10_000)
        context.route("**/*", route)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()
