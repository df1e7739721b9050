"""The exports are made by every front end: `python -m builder build --out` (with and
without --generated-only) and `mkdocs build` through the hook, with `site_url` from
mkdocs.yml when it is set; and they stay out of the way of error pages."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from builder import pipeline
from builder.exports.addresses import ANNOTATIONS, TIMELINE, annotation_page, text_file
from tests.test_cli import run
from tests.test_site import mkdocs

SITE = "https://example.org/explainer/"  # RFC 2606's example domain, for tests only
EXPORTS = (ANNOTATIONS, TIMELINE, annotation_page("sample"), text_file("sample"))


def _set_site_url(project: Path) -> None:
    config = project / "mkdocs.yml"
    config.write_text(f"site_url: {SITE}\n" + config.read_text(encoding="utf-8"), encoding="utf-8")


def test_build_out_writes_the_exports_beside_the_pages(mini: Path, tmp_path: Path) -> None:
    out = tmp_path / "export"
    result = run("build", "--out", str(out), cwd=mini)
    assert result.returncode == 0, result.stderr
    pages = pipeline.build(mini).pages
    for path in EXPORTS:
        assert (out / "docs" / path).read_text(encoding="utf-8") == pages[path]
    collection = json.loads((out / "docs" / ANNOTATIONS).read_text(encoding="utf-8"))
    assert collection["id"] == "annotations.jsonld"  # no site_url: relative, no host named


def test_build_out_takes_site_url_from_mkdocs_yml(mini: Path, tmp_path: Path) -> None:
    _set_site_url(mini)
    out = tmp_path / "export"
    assert run("build", "--out", str(out), "--generated-only", cwd=mini).returncode == 0
    page = json.loads((out / annotation_page("sample")).read_text(encoding="utf-8"))
    assert page["id"] == SITE + annotation_page("sample")
    assert page["items"][0]["target"]["source"]["id"] == SITE + text_file("sample")
    assert page == json.loads(pipeline.build(mini, site_url=SITE).pages[annotation_page("sample")])


@pytest.mark.slow
def test_mkdocs_build_publishes_the_exports_with_site_url(mini: Path) -> None:
    _set_site_url(mini)
    result = mkdocs("build", "--strict", "--site-dir", str(mini / "site"), cwd=mini)
    assert result.returncode == 0, result.stderr
    pages = pipeline.build(mini, site_url=SITE).pages
    for path in EXPORTS:
        assert (mini / "site" / path).read_text(encoding="utf-8") == pages[path]
    assert SITE + "texts/sample/" in (mini / "site" / "sitemap.xml").read_text(encoding="utf-8")


def test_a_hand_written_file_at_an_exports_path_is_an_error(mini: Path) -> None:
    (mini / "docs" / "data").mkdir()
    (mini / "docs" / "data" / "timeline.json").write_text("{}", encoding="utf-8")
    result = pipeline.build(mini)
    assert not result.ok
    assert "docs/data/timeline.json" in result.diagnostics.format()
    assert "generated page data/timeline.json" in result.diagnostics.format()


def test_error_pages_leave_the_exports_out(
    mini: Path, edit: Callable[[Path, str, str], None]
) -> None:
    """While `mkdocs serve` shows errors, no export holds an error report (it would not be
    JSON); the data files come back with the next good build."""
    good = pipeline.build(mini)
    edit(mini / "source_texts" / "sample.yml", "kind: context", "kind: contxt")
    assert not pipeline.build(mini).ok
    shown = pipeline.error_pages(mini, "report", also=good.pages)
    assert shown and all(path.endswith(".md") for path in shown)


def test_serve_makes_again_only_the_annotation_page_of_an_edited_text(
    pair: Path, edit: Callable[[Path, str, str], None]
) -> None:
    cache = pipeline.BuildCache()
    first = pipeline.build(pair, cache=cache)
    assert cache.exports.made == 2  # both texts
    assert pipeline.build(pair, cache=cache).pages == first.pages
    assert cache.exports.made == 0
    edit(
        pair / "source_texts" / "wire-report.yml",
        "who and where an aircraft is.",
        "who and where an aircraft is. Edited.",
    )
    again = pipeline.build(pair, cache=cache)
    assert cache.exports.made == 1
    assert again.pages == pipeline.build(pair).pages  # equal to a build from nothing
    changed = {path for path in again.pages if again.pages[path] != first.pages[path]}
    assert changed == {"texts/wire-report.md", annotation_page("wire-report")}
    # A new published address changes every address: nothing is reused.
    pipeline.build(pair, cache=cache, site_url=SITE)
    assert cache.exports.made == 2
