"""The home page's site-wide "What we know — and how" (builder/render/site_summary.py): the
figures added up over every text, expanded where a hand-written page holds the marker, by
the MkDocs hook and in the export (built here by MkDocs with no hook and by Zensical)."""

from __future__ import annotations

import html
import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from builder import pipeline
from builder.core.index import ProjectIndex
from builder.core.model import Claim, Project
from builder.render import labels
from builder.render.site_summary import (
    SITE_SUMMARY_MARKER,
    expand_site_summary,
    summarize_site,
)
from tests.conftest import REPO

HOME = "docs/index.md"


def _project(root: Path) -> Project:
    result = pipeline.build(root)
    assert result.ok and result.project is not None, result.diagnostics
    return result.project


def _with_marker(project: Path) -> Path:
    home = project / HOME
    home.write_text(f"# Home\n\nOur own opening words.\n\n{SITE_SUMMARY_MARKER}\n", "utf-8")
    return project


def test_the_figures_are_those_of_every_text_added_up(pair: Path) -> None:
    project = _project(pair)
    summary = summarize_site(project, ProjectIndex.build(project))
    claims = [a for t in project.texts for a in t.annotations if isinstance(a, Claim)]
    assert summary.texts == 2
    assert summary.claims == len(claims)
    assert summary.anonymous + summary.no_source + summary.named == summary.claims
    assert {c.claim.id for c in summary.contested} == {
        c.id for c in claims if c.status in ("disputed", "denied")
    }
    assert summary.contested, "the pair fixture's texts contradict each other"
    assert summary.events == tuple(project.events)


def test_only_a_line_that_is_the_marker_is_replaced(pair: Path) -> None:
    project = _project(pair)
    unmarked = "# Home\n\nNo summary here.\n"
    assert expand_site_summary(unmarked, project, "index.md") == unmarked
    inline = f"Words, then {SITE_SUMMARY_MARKER} inside a line.\n"
    assert expand_site_summary(inline, project, "index.md") == inline
    expanded = expand_site_summary(f"# Home\n\n{SITE_SUMMARY_MARKER}\n", project, "index.md")
    assert SITE_SUMMARY_MARKER not in expanded
    assert labels.SUMMARY_TITLE in expanded
    assert "Across the 2 texts:" in expanded
    # Links are relative to the page the summary is in.
    assert "](chronology.md#ev-" in expanded
    nested = expand_site_summary(SITE_SUMMARY_MARKER, project, "guide/home.md")
    assert "](../chronology.md#ev-" in nested


def _run(args: list[str], cwd: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, f"{' '.join(args)}:\n{done.stdout}\n{done.stderr}"


def _words(page: Path) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page.read_text("utf-8"))).split())


@pytest.mark.slow
def test_the_home_page_shows_it_under_mkdocs(pair: Path) -> None:
    _run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=_with_marker(pair))
    words = _words(pair / "site" / "index.html")
    assert "Our own opening words." in words
    assert labels.SUMMARY_TITLE in words
    assert "Across the 2 texts: Of " in words


@pytest.mark.slow
def test_the_export_holds_the_expanded_page(pair: Path, tmp_path: Path) -> None:
    export = tmp_path / "export"
    _with_marker(pair)
    _run([sys.executable, "-m", "builder", "build", "--out", str(export)], cwd=pair)
    home = (export / HOME).read_text("utf-8")
    assert SITE_SUMMARY_MARKER not in home
    assert labels.SUMMARY_TITLE in home
    assert (pair / HOME).read_text("utf-8").endswith(f"{SITE_SUMMARY_MARKER}\n")  # untouched
    _run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=export)
    assert labels.SUMMARY_TITLE in _words(export / "site" / "index.html")
    if importlib.util.find_spec("zensical") is not None:  # its own test says when it is not
        _run([sys.executable, "-m", "zensical", "build", "--clean", "--strict"], cwd=export)
        assert labels.SUMMARY_TITLE in _words(export / "site" / "index.html")
