"""Quicker rebuilds under `mkdocs serve` (builder/serve_speed.py) change no page.

The end-to-end tests rebuild one project as `mkdocs serve` does, in one process, after an
edit to a hand-written page, to a sidecar and to mkdocs.yml's nav, then (builder/serve_site.py)
after a page is removed, a static file is edited in docs/ and in the theme's custom_dir, and
files are deleted from or overwritten in the site folder by hand; after each, every file of
the site must be byte for byte what a fresh process builds from the same files, the edit
must show, and the caches must have been used (so the comparison tested them).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page

from builder import serve_ahead, serve_search, serve_speed
from tests.conftest import MINI, REPO, copy_fixture
from tests.serve_builds import SITE, apply_edit

NOTES = """# Field notes

How the sample text was checked, with a note[^1] and a link [home](index.md).

!!! note "Method"
    The first check was against the wire copy.

[^1]: A footnote that stays.
"""
NAV = """
nav:
  - Home: index.md
  - Texts:
      - texts/index.md
  - Chronology: chronology.md
  - Notes: notes.md
"""
EDITS = [
    ("docs/notes.md", "against the wire copy", "against the broadcast recording"),
    (
        "source_texts/sample.yml",
        "Aircraft transponders broadcast identity and position.",
        "Transponders tell radar who and where an aircraft is.",
    ),
    ("mkdocs.yml", "  - Notes: notes.md", "  - Checking the text: notes.md"),
]
# What each edit shows, and where (a file of the site).
SHOWN = [
    ("notes/index.html", "against the broadcast recording"),
    ("texts/sample/index.html", "Transponders tell radar who and where"),
    ("index.html", "Checking the text"),
]


def _project(target: Path) -> Path:
    project = copy_fixture(MINI, target)
    (project / "docs" / "notes.md").write_text(NOTES, encoding="utf-8")
    with (project / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write(NAV)
    return project


def _serve_builds(
    project: Path,
    out: Path,
    edits: list[tuple[str, str | None, str | None]],
    *,
    ahead: str = "off",
    log: list[str] | None = None,
) -> list[dict]:
    """The builds of tests/serve_builds.py, its helper process run as `ahead` says (the
    references, built afresh, are made without it); what it logged goes into `log`."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "NO_MKDOCS_2_WARNING": "1", "AHEAD": ahead}
    command = [sys.executable, "-m", "tests.serve_builds", str(project), str(out)]
    done = subprocess.run(
        [*command, json.dumps(edits)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,  # a helper process waited for in vain must fail the test, not hang it
    )
    assert done.returncode == 0, done.stderr[-3000:]
    if log is not None:
        log.append(done.stderr)
    return [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


@pytest.mark.slow
def test_rebuilds_while_serving_give_what_a_fresh_build_gives(tmp_path: Path) -> None:
    """With the helper process converting every page that needs it (serve_ahead.py)."""
    served = tmp_path / "served"
    steps = _serve_builds(_project(tmp_path / "project"), served, list(EDITS), ahead="first")
    if serve_ahead.can_fork():  # the nav's edit (the last) changes no page's Markdown
        assert [step["reused"]["helped"] > 0 for step in steps] == [True, True, True, False]
        assert [step["reused"]["search_helped"] > 0 for step in steps] == [True] * 3 + [False]
    assert [s["step"] for s in steps] == [0, 1, 2, 3]
    for step in (1, 2, 3):
        fresh = _project(tmp_path / f"fresh-{step}")
        for path, old, new in EDITS[:step]:
            (fresh / path).write_text(
                (fresh / path).read_text(encoding="utf-8").replace(old, new), encoding="utf-8"
            )
        _serve_builds(fresh, tmp_path / f"fresh-{step}-site", [])
        expected = _files(tmp_path / f"fresh-{step}-site" / "0")
        got = _files(served / str(step))
        assert sorted(got) == sorted(expected)
        differ = [name for name in expected if got[name] != expected[name]]
        assert differ == [], f"after edit {step}, these differ from a fresh build: {differ}"
        page, needle = SHOWN[step - 1]
        assert needle in got[page].decode("utf-8")
        assert steps[step]["reused"]["pages"] > 0, steps[step]
        assert steps[step]["reused"]["search"] > 0, steps[step]
        assert steps[step]["reused"]["theme_folders"] > 0, steps[step]  # Material's, installed
        assert steps[step]["reused"]["stripped"] > 0, steps[step]
        assert steps[step]["reused"]["translations"] > 0, steps[step]
        assert steps[step]["reused"]["site_kept"] > 0, steps[step]


@pytest.mark.slow
def test_a_conversion_that_logs_is_made_again_by_mkdocs(tmp_path: Path) -> None:
    """The helper process (serve_ahead.py) converts every page first, but a page whose
    conversion warns is converted by MkDocs itself: the warning shows once per build, as
    without the helper, never twice and never not at all."""
    project = _project(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("strict: true", "strict: false"), "utf-8")
    notes = project / "docs" / "notes.md"
    notes.write_text(NOTES + "\nSee also [the lost page](lost.md).\n", encoding="utf-8")
    log: list[str] = []
    steps = _serve_builds(project, tmp_path / "served", [EDITS[1]], ahead="first", log=log)
    assert log[0].count("'lost.md'") == 2, log[0][-3000:]  # one warning in each build
    page = (tmp_path / "served" / "1" / "notes" / "index.html").read_text("utf-8")
    assert "the lost page" in page and "broadcast recording" not in page
    if serve_ahead.can_fork():
        assert steps[1]["reused"]["helped"] > 0  # the sidecar's text page, at least


@pytest.mark.slow
def test_a_helper_that_dies_leaves_mkdocs_to_convert_every_page(tmp_path: Path) -> None:
    """The helper process dies as it begins its first page, with MkDocs waiting for it: the
    build goes on, MkDocs converts that page itself, and the site is a fresh build's."""
    served = tmp_path / "served"
    steps = _serve_builds(_project(tmp_path / "project"), served, [EDITS[1]], ahead="crash")
    assert [step["reused"]["helped"] for step in steps] == [0, 0]
    fresh = _project(tmp_path / "fresh")
    apply_edit(fresh, tmp_path / "unused", list(EDITS[1]))
    _serve_builds(fresh, tmp_path / "fresh-site", [])
    assert _files(served / "1") == _files(tmp_path / "fresh-site" / "0")


ASIDE = "# Aside\n\nA page in no menu.\n"
# Each edit, and a file of the site it must be gone from or hold (None: gone).
SITE_EDITS: list[tuple[tuple[str, str | None, str | None], str, str | None]] = [
    (("docs/aside.md", None, None), "aside/index.html", None),
    (("docs/assets/notes.css", "teal", "navy"), "assets/notes.css", "navy"),
    (("overrides/assets/extra.css", "bold", "normal"), "assets/extra.css", "normal"),
    ((SITE + "notes/index.html", None, None), "notes/index.html", "Field notes"),
    ((SITE + "assets/notes.css", None, None), "assets/notes.css", "navy"),
    ((SITE + "index.html", None, "overwritten by hand"), "index.html", "Mini"),
    ((SITE + "stray/left.html", None, "left by hand"), "stray/left.html", None),
]


def _site_project(target: Path) -> Path:
    """The project of the first test, with a page in no menu, a static file in docs/ and
    one in a custom_dir of its own (a copy of the repository's overrides)."""
    project = _project(target)
    (project / "docs" / "aside.md").write_text(ASIDE, encoding="utf-8")
    (project / "docs" / "assets").mkdir()
    (project / "docs" / "assets" / "notes.css").write_text("a { color: teal; }\n", "utf-8")
    shutil.copytree(REPO / "overrides", project / "overrides")
    (project / "overrides" / "assets").mkdir()
    (project / "overrides" / "assets" / "extra.css").write_text("b { font: bold; }\n", "utf-8")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace((REPO / "overrides").as_posix(), "overrides"), "utf-8")
    return project


@pytest.mark.slow
def test_the_served_site_folder_ends_as_a_fresh_build_leaves_it(tmp_path: Path) -> None:
    served = tmp_path / "served"
    edits = [edit for edit, _, _ in SITE_EDITS]
    steps = _serve_builds(_site_project(tmp_path / "project"), served, edits, ahead="race")
    assert [s["step"] for s in steps] == list(range(len(edits) + 1))
    assert steps[0]["reused"]["site_kept"] == 0  # the first build writes everything
    fresh: dict[str, bytes] = {}
    for step, (edit, page, needle) in enumerate(SITE_EDITS, start=1):
        if not edit[0].startswith(SITE):  # an edit of the project: build it afresh
            project = _site_project(tmp_path / f"fresh-{step}")
            for earlier, _, _ in SITE_EDITS[:step]:
                apply_edit(project, tmp_path / "unused", list(earlier))
            _serve_builds(project, tmp_path / f"fresh-{step}-site", [])
            fresh = _files(tmp_path / f"fresh-{step}-site" / "0")
        got = _files(served / str(step))
        assert sorted(got) == sorted(fresh), f"after edit {step}"
        differ = [name for name in fresh if got[name] != fresh[name]]
        assert differ == [], f"after edit {step}, these differ from a fresh build: {differ}"
        if needle is None:
            assert page not in got
        else:
            assert needle in got[page].decode("utf-8")
        assert steps[step]["reused"]["site_kept"] > 0, steps[step]
    assert steps[1]["reused"]["site_removed"] > 0  # the removed page's
    assert steps[7]["reused"]["site_removed"] > 0  # the file left by hand


def test_the_quicker_server_keeps_what_mkdocs_set_up(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")

    def builder() -> None:
        pass

    server = LiveReloadServer(builder=builder, host="127.0.0.1", port=0, root=str(tmp_path))
    server.error_handler = lambda code: b"error page"
    server.watch(str(tmp_path / "docs"))
    server.watch(str(tmp_path / "mkdocs.yml"))
    quicker = serve_speed.quicker_server(server)
    try:
        assert quicker is not server
        assert server.socket.fileno() == -1  # the unused one let go of its socket
        assert quicker.observer.timeout == serve_speed.POLL_INTERVAL  # a small project
        assert quicker.build_delay == serve_speed.BUILD_DELAY
        assert quicker.builder is builder and quicker.error_handler(404) == b"error page"
        assert (quicker.url, quicker.root) == (server.url, server.root)

        def watches(observer: object) -> list[tuple[str, bool]]:
            return sorted((e.watch.path, e.watch.is_recursive) for e in observer.emitters)  # type: ignore[attr-defined]

        assert len(watches(quicker.observer)) == 2
        assert watches(quicker.observer) == watches(server.observer)
    finally:
        quicker.server_close()


def test_the_watcher_of_a_big_project_looks_less_often(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A look that takes longer than LOOK_SHARE of POLL_INTERVAL makes the interval grow
    with it, up to MkDocs' own 0.5 s."""
    folder = tmp_path / "source_texts"
    folder.mkdir()
    (folder / "text.txt").write_text("x", encoding="utf-8")
    assert 0 < serve_speed.look_seconds([str(folder)]) < serve_speed.POLL_INTERVAL
    assert serve_speed.polling_interval([str(folder)]) == serve_speed.POLL_INTERVAL
    for look, interval in [(0.001, 0.05), (0.009, 0.09), (0.02, 0.2), (0.2, 0.5)]:
        monkeypatch.setattr(serve_speed, "look_seconds", lambda paths, look=look: look)
        assert serve_speed.polling_interval([str(folder)]) == pytest.approx(interval)


def _page(project: Path, extensions: list[str]) -> tuple[Page, object]:
    config_file = project / "mkdocs.yml"
    text = config_file.read_text(encoding="utf-8")
    config_file.write_text(text + f"\nmarkdown_extensions: {extensions}\n", encoding="utf-8")
    config = load_config(config_file=str(config_file), site_dir=str(project / "site"))
    file = File("index.md", str(project / "docs"), str(project / "site"), True)
    return Page(None, file, config), config


@pytest.mark.parametrize(
    ("extensions", "cached"), [(["toc", "footnotes"], True), (["toc", "pymdownx.snippets"], False)]
)
def test_pages_are_reused_only_with_extensions_that_read_nothing_else(
    tmp_path: Path, extensions: list[str], cached: bool
) -> None:
    """An extension such as snippets reads other files into the page: the page's Markdown
    alone no longer says what its HTML is, so nothing is reused."""
    project = tmp_path / "p"
    (project / "docs").mkdir(parents=True)
    (project / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    (project / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    page, config = _page(project, extensions)
    serve_speed.RenderCache().install(page, config)
    assert ("render" in vars(page)) is cached
    shutil.rmtree(project)


@pytest.mark.parametrize("overridden", [False, True])
def test_language_look_ups_are_kept_only_from_the_installed_theme(
    tmp_path: Path, overridden: bool
) -> None:
    """A language template of the project's own (custom_dir) may read anything: the search
    plugin's look-ups through it are made again on every rebuild."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "overrides" / "partials").mkdir(parents=True)
    if overridden:
        template = "{% macro t(key) %}{{ key }}{% endmacro %}\n"
        (tmp_path / "overrides" / "partials" / "language.html").write_text(template, "utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: x\ntheme: {name: material, custom_dir: overrides}\n", encoding="utf-8"
    )
    memo = serve_search.TranslationMemo()
    for _ in range(2):
        config = load_config(config_file=str(tmp_path / "mkdocs.yml"))
        memo.install(config)
        config.plugins.on_config(config)
    assert memo.reused == (0 if overridden else 3)  # language, separator, pipeline
