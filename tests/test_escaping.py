"""Contributor text can never become markup: checked through the real Markdown renderer."""

from __future__ import annotations

import html as html_module
import re

import markdown
import pytest

from builder.render.escape import ident, md_escape, prose, verbatim

HOSTILE = [
    "<script>alert(1)</script>",
    "[click](javascript:alert(1))",
    "![img](https://evil.example/x.png)",
    "<https://evil.example>",
    "**bold** _em_ `code`",
    "text\n\n# heading\n\n[^fn]: injected footnote",
    "{: onclick=alert(1) }",
    "&lt;script&gt;",
    "1. not a list",
    "- not a list",
    "=====",
    "| a | b |",
    '<img src=x onerror="alert(1)">',
]

# MkDocs always adds toc, tables and fenced_code to the extensions of mkdocs.yml.
EXTENSIONS = ["admonition", "attr_list", "footnotes", "md_in_html", "tables", "toc", "fenced_code"]


@pytest.mark.parametrize("value", HOSTILE)
def test_escaped_text_renders_as_the_same_plain_text(value: str) -> None:
    html = markdown.markdown(f"x {md_escape(value)}", extensions=EXTENSIONS)
    assert "<script" not in html and "<img" not in html and "<a " not in html
    assert "<strong>" not in html and "<em>" not in html and "<code>" not in html
    assert "<h1" not in html and 'class="footnote' not in html
    tags = re.findall(r"<[^>]+>", html)
    assert not any(re.search(r"\son\w+\s*=", tag) for tag in tags), tags
    # What the reader sees is the contributor's text (whitespace collapsed).
    shown = html_module.unescape(re.sub(r"<[^>]+>", "", html)).strip()
    assert shown == "x " + " ".join(value.split())


@pytest.mark.parametrize(
    "value", ["- a dash", "+ plus", "1. one", "= equals", "# hash", "~~~", "```", "    code"]
)
def test_values_at_a_line_start_cannot_start_a_block(value: str) -> None:
    html = markdown.markdown(str(md_escape(value)), extensions=EXTENSIONS)
    assert html.startswith("<p>"), html
    # Two of them with a paragraph between: no fence opens at the first and closes at the second.
    html = markdown.markdown(
        f"{md_escape(value)}\n\nmiddle\n\n{md_escape(value)}", extensions=EXTENSIONS
    )
    assert "<p>middle</p>" in html and "<pre>" not in html, html


def test_a_quote_at_the_start_of_a_block_quote_keeps_its_spaces_as_text() -> None:
    html = markdown.markdown(
        f"> {verbatim('     indented', block_start=True)}", extensions=EXTENSIONS
    )
    assert "<pre>" not in html and "<code>" not in html, html
    assert html_module.unescape(re.sub(r"<[^>]+>", "", html)).strip() == "indented"


def test_verbatim_keeps_spaces_and_prose_flags_citation_needed() -> None:
    assert str(verbatim("a  *b*")) == "a  \\*b\\*"
    assert 'class="citation-needed"' in str(prose("A fact [citation needed]."))
    assert "citation-needed" not in str(prose("No flag here."))


def test_ident_refuses_anything_but_an_id() -> None:
    assert str(ident("maher-al-assad")) == "maher-al-assad"
    with pytest.raises(ValueError):
        ident('x" onmouseover="alert(1)')
