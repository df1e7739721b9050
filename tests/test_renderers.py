"""The same content through MkDocs + Material, ProperDocs + Material and Zensical: the same
site for readers.

The pair fixture is built three times: `mkdocs build --strict` with the hook (the way the
site is published today), `properdocs build --strict` with the same hook and theme (ProperDocs
is a fork of MkDocs 1.6), and `zensical build --strict` on its export (`python -m builder
build --out`, no hook). The last two are the ways forward after Material's end of life
(docs/maintainers.md). Each must have, as the first one has: the same pages, the same page
titles and headings, the same anchor ids in the page content (paragraphs `p-N`, annotations
`ann-*`, events `ev-*`, footnotes `fn:*` / `fnref:*`, headings), no broken internal link
(every href and src of every page resolves to a file of its site, and its fragment to an id
in that file) and, in a git checkout with a remote, the same edit links and last-updated
lines.
"""

from __future__ import annotations

import html
import importlib.util
import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tests.conftest import PAIR, REPO, copy_fixture

pytestmark = pytest.mark.slow

_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
_VOID |= {"track", "wbr"}


@dataclass(kw_only=True)
class _Page:
    title: str = ""
    heading: str = ""
    ids: set[str] = field(default_factory=set)  # every id of the page
    content_ids: set[str] = field(default_factory=set)  # ids inside <article>
    links: list[str] = field(default_factory=list)  # href and src values


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = _Page()
        self.open: list[str] = []
        self.article_depth: int | None = None
        self.capturing: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "article" and self.article_depth is None:
            self.article_depth = len(self.open)
        if (ident := values.get("id")) is not None:
            self.page.ids.add(ident)
            if self.article_depth is not None and not ident.startswith("__"):  # the theme's
                self.page.content_ids.add(ident)
        self.page.links += [v for name in ("href", "src") if (v := values.get(name))]
        if tag == "title" or (tag == "h1" and self.article_depth is not None):
            self.capturing = tag if not (tag == "h1" and self.page.heading) else None
        if tag not in _VOID:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID or tag not in self.open:
            return
        while self.open and self.open.pop() != tag:
            pass
        if self.capturing == tag:
            self.capturing = None
        if self.article_depth is not None and len(self.open) <= self.article_depth:
            self.article_depth = None

    def handle_data(self, data: str) -> None:
        if self.capturing == "title":
            self.page.title += data
        elif self.capturing == "h1":
            self.page.heading += data


def _read(path: Path) -> _Page:
    reader = _Reader()
    reader.feed(path.read_text("utf-8"))
    page = reader.page
    page.title = " ".join(page.title.split())
    page.heading = " ".join(page.heading.replace("¶", "").split())
    return page


def _pages(site: Path) -> dict[str, Path]:
    """Page name (`texts/wire-report`, `index`) -> its HTML file, in either URL style."""
    pages: dict[str, Path] = {}
    for path in site.rglob("*.html"):
        relative = path.relative_to(site).as_posix()
        if relative == "404.html":
            continue
        name = relative.removesuffix(".html")
        if name.endswith("/index") and (site / name.removesuffix("/index")).is_dir():
            name = name.removesuffix("/index")
        pages[name] = path
    return pages


def _broken_links(site: Path) -> list[str]:
    # 404.html is sent by a server for any address, so its links start at the site's root.
    read = {path: _read(path) for path in site.rglob("*.html") if path.name != "404.html"}
    broken = []
    for path, page in read.items():
        for link in page.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith("//"):
                continue  # not internal (and the sites have no outside link but these)
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            if target.is_dir():
                target = target / "index.html"
            shown = f"{path.relative_to(site)}: {link}"
            if not target.is_file() or not target.is_relative_to(site.resolve()):
                broken.append(f"{shown} (no file)")
            elif parts.fragment and target.suffix == ".html":
                ids = read[target].ids if target in read else _read(target).ids
                if unquote(parts.fragment) not in ids:
                    broken.append(f"{shown} (no id)")
    return sorted(broken)


def _run(args: list[str], cwd: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO)}
    result = subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert result.returncode == 0, f"{args} failed:\n{result.stdout}\n{result.stderr}"


RENDERERS = ("mkdocs", "zensical", "properdocs")
OTHERS = RENDERERS[1:]  # each compared with MkDocs + Material, the published site


def _built(project: Path) -> dict[str, Path]:
    """The project's site by each renderer: MkDocs and ProperDocs (a fork of MkDocs 1.6)
    with the hook and Material, Zensical on the export."""
    for module in ("zensical", "properdocs"):
        if importlib.util.find_spec(module) is None:
            pytest.fail(f"{module} is not installed (pip install -r requirements.lock)")
    sites = {"mkdocs": project / "site", "properdocs": project / "site-properdocs"}
    for renderer in ("mkdocs", "properdocs"):
        build = [sys.executable, "-m", renderer, "build", "--strict", "-f", "mkdocs.yml"]
        _run([*build, "-d", str(sites[renderer])], project)
    export = project.parent / "export"
    _run([sys.executable, "-m", "builder", "build", "--out", str(export)], project)
    _run([sys.executable, "-m", "zensical", "build", "--clean", "--strict"], export)
    return sites | {"zensical": export / "site"}


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return _built(copy_fixture(PAIR, tmp_path_factory.mktemp("renderers") / "pair"))


EDIT_BASE = "https://github.com/example/pair/edit/main/docs/../source_texts/"
_EDIT = re.compile(r'<a href="([^"]*)"[^>]*rel="edit"')
_SOURCE_FILE = re.compile(r'<aside class="md-source-file">(.*?)</aside>', re.S)


def _what_the_hook_adds(page: Path) -> tuple[list[str], list[str]]:
    """A page's edit links and the words of its last-updated line (no markup)."""
    text = page.read_text("utf-8")
    facts = [
        " ".join(re.sub(r"<[^>]+>", " ", found).split()) for found in _SOURCE_FILE.findall(text)
    ]
    return [html.unescape(link) for link in _EDIT.findall(text)], facts


def test_what_the_hook_adds_is_there_with_every_renderer(tmp_path: Path) -> None:
    """Edit links to the sidecars and git's last-updated dates, in a checkout with a remote."""
    project = copy_fixture(PAIR, tmp_path / "pair")
    config = project / "mkdocs.yml"
    features = "features: [content.footnote.tooltips]"
    edit_feature = "features: [content.footnote.tooltips, content.action.edit]"
    settings = config.read_text("utf-8").replace(features, edit_feature)
    config.write_text(f"{settings}edit_uri: edit/main/docs/\n", "utf-8")  # repo_url: from git
    git = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org"]
    for args in (["init", "-q"], ["remote", "add", "origin", "https://github.com/example/pair"]):
        subprocess.run([*git, *args], cwd=project, check=True, capture_output=True)
    for args in (["add", "-A"], ["commit", "-q", "-m", "fixture", "--date", "2025-03-04T12:00"]):
        subprocess.run([*git, *args], cwd=project, check=True, capture_output=True)
    built = {renderer: _pages(site) for renderer, site in _built(project).items()}
    material = built["mkdocs"]
    for other in OTHERS:
        for name in ("texts/wire-report", "actors/carlos-rivera", "chronology"):
            ours, theirs = (
                _what_the_hook_adds(material[name]),
                _what_the_hook_adds(built[other][name]),
            )
            assert ours == theirs, (other, name)
    for name in ("texts/wire-report", "actors/carlos-rivera"):  # each made from one file
        edits, updated = _what_the_hook_adds(material[name])
        assert edits and all(link.startswith(EDIT_BASE) for link in edits), (name, edits)
        assert updated and re.search(r"\d{4}-\d\d-\d\d", updated[0]), (name, updated)
    # The chronology is made from every sidecar: no edit link (none to docs/chronology.md,
    # which is not in the repository).
    assert _what_the_hook_adds(material["chronology"])[0] == []


@pytest.mark.parametrize("other", OTHERS)
def test_the_same_pages(sites: dict[str, Path], other: str) -> None:
    material, zensical = _pages(sites["mkdocs"]), _pages(sites[other])
    assert sorted(material) == sorted(zensical)
    assert len(material) >= 10  # home, 2 texts, 2 indexes, chronology, sources, actors


@pytest.mark.parametrize("other", OTHERS)
def test_the_same_titles_and_anchor_ids(sites: dict[str, Path], other: str) -> None:
    material, zensical = _pages(sites["mkdocs"]), _pages(sites[other])
    differences = []
    for name in sorted(set(material) & set(zensical)):
        ours, theirs = _read(material[name]), _read(zensical[name])
        if (ours.title, ours.heading) != (theirs.title, theirs.heading):
            differences.append(
                f"{name}: {(ours.title, ours.heading)} != {(theirs.title, theirs.heading)}"
            )
        if ours.content_ids != theirs.content_ids:
            only = sorted(ours.content_ids ^ theirs.content_ids)
            differences.append(f"{name}: ids in one site only: {only}")
    assert differences == []
    text = _read(material["texts/wire-report"]).content_ids
    for kind in (r"p-\d+", r"ann-[a-z-]+", r"ev-[a-z-]+", r"fn:[a-z-]+", r"fnref:[a-z-]+"):
        assert any(re.fullmatch(kind, ident) for ident in text), f"no {kind} id to compare"


@pytest.mark.parametrize("renderer", RENDERERS)
def test_no_broken_internal_link(sites: dict[str, Path], renderer: str) -> None:
    assert _broken_links(sites[renderer]) == []
