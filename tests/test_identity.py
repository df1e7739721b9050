"""Identity and corrections in the built site: edit links to the file behind each page, a
distinct meta description per page, the sitemap, the last-updated date from git.

The site is tests/browser/full_site.py's build (the pair fixture dressed as the real site,
with `site_url`, `repo_url`, `edit_uri` and a one-commit git history); the HTML is read as
text, no browser needed.
"""

from __future__ import annotations

import os
import re
import subprocess
from html import unescape
from pathlib import Path
from urllib.parse import urljoin

import pytest
from ruamel.yaml import YAML

from builder.identity import LastChanged, page_files, parse_log, repository_from_git, web_url
from builder.render.meta import front_matter
from tests.browser.full_site import (  # noqa: F401 (fixture)
    PAGE_TYPES,
    REPO_URL,
    SITE_URL,
    full_site_root,
)

EDIT = f"{REPO_URL}/edit/main/"
# The file each page's edit link opens (None: the page has no single file behind it).
EDIT_TARGETS = {
    "home": "docs/index.md",
    "texts index": None,
    "text": "source_texts/wire-report.yml",
    "actors index": "source_texts/registry/actors.yml",
    "actor": "source_texts/registry/actors.yml",
    "chronology": None,
    "sources": "source_texts/registry/sources.yml",
    "guide": "docs/method.md",
}


def _html(root: Path, md_path: str) -> str:
    stem = md_path.removesuffix(".md")
    rel = stem.removesuffix("index") if stem == "index" or stem.endswith("/index") else f"{stem}/"
    return (root / rel / "index.html").read_text("utf-8")


def _edit_link(html: str) -> str | None:
    found = re.search(r'<a href="([^"]*)"[^>]*rel="edit"', html)
    return unescape(found.group(1)) if found else None


def _description(html: str) -> str:
    found = re.search(r'<meta name="description" content="([^"]*)">', html)
    assert found, "every page has a meta description"
    return unescape(found.group(1))


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_edit_link_opens_the_file_behind_the_page(
    full_site_root: Path,  # noqa: F811
    page_type: str,
) -> None:
    link = _edit_link(_html(full_site_root, PAGE_TYPES[page_type]))
    target = EDIT_TARGETS[page_type]
    if target is None:
        assert link is None, f"the {page_type} page has no single file to edit, yet links {link}"
        return
    assert link is not None, f"the {page_type} page has no edit link"
    html = _html(full_site_root, PAGE_TYPES[page_type])
    assert 'aria-label="Suggest a correction"' in html  # what the link is for, in words
    # Generated pages' links climb out of docs/ (`.../docs/../source_texts/x.yml`): resolved
    # as a browser does, each must open exactly its file.
    assert urljoin(link, ".") + link.rsplit("/", 1)[1] == EDIT + target


def test_every_generated_page_has_its_own_description(full_site_root: Path) -> None:  # noqa: F811
    pages = sorted(p for p in full_site_root.rglob("index.html") if p.parent.name != "404")
    descriptions = {
        p.relative_to(full_site_root).as_posix(): _description(p.read_text()) for p in pages
    }
    assert len(descriptions) >= len(PAGE_TYPES)
    counts: dict[str, list[str]] = {}
    for page, description in descriptions.items():
        counts.setdefault(description, []).append(page)
    shared = {d: p for d, p in counts.items() if len(p) > 1}
    # The stub contributing page has no description of its own, like the home page.
    assert all(set(p) <= {"index.html", "contributing/index.html"} for p in shared.values()), shared
    text = descriptions["texts/wire-report/index.html"]
    title = YAML(typ="safe").load(
        (Path(__file__).parent / "fixtures/pair/source_texts/wire-report.yml").read_text("utf-8")
    )["title"]
    assert text.startswith(f"{title}:"), "a text page's description starts with its title"


def test_sitemap_lists_every_page_when_site_url_is_set(full_site_root: Path) -> None:  # noqa: F811
    sitemap = (full_site_root / "sitemap.xml").read_text("utf-8")
    locs = re.findall(r"<loc>([^<]*)</loc>", sitemap)
    pages = [p for p in full_site_root.rglob("index.html") if p.parent.name != "404"]
    assert len(locs) == len(pages)
    assert all(loc.startswith(SITE_URL) for loc in locs), locs
    assert f"{SITE_URL}texts/wire-report/" in locs


def test_pages_show_their_last_commit_date(full_site_root: Path) -> None:  # noqa: F811
    project = full_site_root.parent
    day = subprocess.run(
        ["git", "log", "-1", "--format=%cs"], cwd=project, capture_output=True, text=True
    ).stdout.strip()
    for md_path in PAGE_TYPES.values():
        aside = re.search(
            r'<aside class="md-source-file">(.*?)</aside>', _html(full_site_root, md_path), re.S
        )
        if md_path in {"texts/index.md", "chronology.md"}:
            assert aside is None, f"{md_path} has no file behind it, so no date"
        else:
            assert aside and day in aside.group(1), f"{md_path} shows its last commit's day"


def test_no_git_no_date(tmp_path: Path) -> None:
    assert LastChanged.read(tmp_path).of(["docs/index.md"]) is None


def test_the_log_is_read_again_only_when_head_moves(tmp_path: Path) -> None:
    """While serving, the hook keeps the dates read at a HEAD commit until HEAD moves."""
    assert LastChanged.read_unless(tmp_path, None) is None  # no checkout: nothing to keep

    def git(*args: str) -> None:
        day = "2026-01-05T12:00:00"
        env = {**os.environ, "GIT_AUTHOR_DATE": day, "GIT_COMMITTER_DATE": day}
        subprocess.run(
            ["git", "-c", "user.name=t", "-c", "user.email=t@t", *args],
            cwd=tmp_path,
            env=env,
            check=True,
            capture_output=True,
        )

    git("init", "-q")
    (tmp_path / "a.md").write_text("a\n", encoding="utf-8")
    git("add", "a.md")
    git("commit", "-q", "-m", "a")
    first = LastChanged.read_unless(tmp_path, None)
    assert first is not None and first[1].of(["a.md"]) == "2026-01-05"
    assert LastChanged.read_unless(tmp_path, first) is first
    (tmp_path / "b.md").write_text("b\n", encoding="utf-8")
    git("add", "b.md")
    git("commit", "-q", "-m", "b")
    moved = LastChanged.read_unless(tmp_path, first)
    assert moved is not None and moved[0] != first[0] and moved[1].of(["b.md"]) == "2026-01-05"


def test_log_parsing_keeps_each_files_newest_date() -> None:
    log = "\x1e2026-03-02\n\nsource_texts/a.yml\n\x1e2026-01-05\n\nsource_texts/a.yml\ndocs/x.md\n"
    dates = parse_log(log)
    assert dates == {"source_texts/a.yml": "2026-03-02", "docs/x.md": "2026-01-05"}
    last = LastChanged(dates=dates)
    assert last.of(["docs/x.md", "source_texts/a.yml"]) == "2026-03-02"
    assert page_files({"history": ["a", 3]}, "t/x.md", generated=True, docs="docs") == ["a"]
    assert page_files({}, "method.md", generated=False, docs="docs") == ["docs/method.md"]


def test_front_matter_holds_any_title_as_one_value() -> None:
    hostile = 'A "title"\n---\nedit_source: /etc/passwd\n# é <script>alert(1)</script>'
    block = str(front_matter(hostile, "source_texts/a.yml", ("source_texts/a.yml",)))
    assert block.startswith("---\n") and block.count("\n---\n") == 1
    meta = YAML(typ="safe").load(block.split("---\n")[1])
    assert meta == {
        "description": " ".join(hostile.split()),
        "edit_source": "source_texts/a.yml",
        "history": ["source_texts/a.yml"],
    }


def test_repository_link_without_third_party_request(full_site_root: Path) -> None:  # noqa: F811
    html = _html(full_site_root, "index.md")
    assert f'<a href="{REPO_URL}" title="Go to repository" class="md-source">' in html
    # Material's script fetches a repository's stars from its forge for this component.
    assert 'data-md-component="source"' not in html


@pytest.mark.parametrize(
    ("remote", "url"),
    [
        ("git@github.com:owner/repo.git", "https://github.com/owner/repo"),
        ("ssh://git@github.com/owner/repo", "https://github.com/owner/repo"),
        (
            "https://user:token@gitlab.example.org/group/sub/repo.git",
            "https://gitlab.example.org/group/sub/repo",
        ),
        ("/srv/git/repo.git", None),
        ("file:///srv/git/repo.git", None),
        ("https://github.com/owner/../x", None),
    ],
)
def test_web_url_of_a_remote(remote: str, url: str | None) -> None:
    assert web_url(remote) == url


def test_repository_from_the_origin_remote(tmp_path: Path) -> None:
    assert repository_from_git(tmp_path, "docs") is None  # not a checkout
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    assert repository_from_git(tmp_path, "docs") is None  # no remote
    subprocess.run(
        ["git", "remote", "add", "origin", "git@github.com:owner/repo.git"],
        cwd=tmp_path,
        check=True,
    )
    found = repository_from_git(tmp_path, "docs")
    assert found is not None and found.url == "https://github.com/owner/repo"
    assert found.edit_uri is None  # the remote's default branch is unknown: no edit link
    ref = ["git", "symbolic-ref", "refs/remotes/origin/HEAD", "refs/remotes/origin/main"]
    subprocess.run(ref, cwd=tmp_path, check=True)
    found = repository_from_git(tmp_path, "docs")
    assert found is not None and found.edit_uri == "edit/main/docs/"
