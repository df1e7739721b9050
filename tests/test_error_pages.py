"""The pages `mkdocs serve` shows while there are errors: one navigation entry per page
(each names what it stands in for) and long hints that wrap (issue 10)."""

from __future__ import annotations

import markdown

from builder.render.pages import render_error_pages
from tests.conftest import REPO

REPORT = "source_texts/x.yml:3:5: error: bad\n    hint: " + "a long hint " * 30


def test_each_error_page_has_its_own_title() -> None:
    pages = render_error_pages(
        REPORT, ["texts/index.md", "texts/a-text.md", "actors/index.md", "chronology.md"]
    )
    titles = [page.splitlines()[0] for page in pages.values()]
    assert len(set(titles)) == len(titles), titles
    assert "# The explainer has errors (text a-text) { #errors }" in titles


def test_the_report_is_a_wrapping_block_that_keeps_every_line() -> None:
    page = render_error_pages(REPORT, ["chronology.md"])["chronology.md"]
    html = markdown.markdown(page, extensions=["fenced_code", "attr_list", "toc"])
    assert '<pre class="explainer-errors"><code class="language-text">' in html
    assert "a long hint " * 30 in html
    css = (REPO / "docs" / "assets" / "explainer.css").read_text(encoding="utf-8")
    assert ".explainer-errors code { white-space: pre-wrap;" in css


def test_a_fence_in_the_report_cannot_close_the_block() -> None:
    page = render_error_pages("x.yml:1:1: error: ```\n# not a heading", ["sources.md"])
    html = markdown.markdown(page["sources.md"], extensions=["fenced_code", "attr_list"])
    assert "<h1>not a heading</h1>" not in html
