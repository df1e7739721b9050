"""builder/search_index.py: the text section of the search index split into paragraphs.
The browser side (ranking in Material's search dialog) is tests/browser/test_search.py."""

from __future__ import annotations

import json
from pathlib import Path

from builder import pipeline
from builder.search_index import ParagraphEntry, paragraph_entries, split_entries, split_paragraphs


def test_each_paragraph_of_each_text_is_an_entry(pair: Path) -> None:
    result = pipeline.build(pair)
    assert result.project is not None
    entries = paragraph_entries(result.project)
    wire = entries["texts/wire-report.md"]
    assert [e.anchor for e in wire] == ["p-1", "p-2", "p-3", "p-4"]
    assert wire[1].text.startswith("Two of the officials said Mr. Rivera flew to Marovia")
    assert wire[1].title == "The president leaves the capital, ¶2"


def test_the_text_section_is_replaced_in_place_and_nothing_else_changes() -> None:
    docs = [
        {"location": "texts/a/", "title": "A", "text": "summary"},
        {"location": "texts/a/#the-text", "title": "The text", "text": "everything"},
        {"location": "texts/a/#annotations", "title": "Annotations", "text": "table"},
        {"location": "method/#the-text", "title": "Not a text page", "text": "kept"},
    ]
    paragraphs = {
        "texts/a/": [
            ParagraphEntry(anchor="p-1", title="A, ¶1", text="one"),
            ParagraphEntry(anchor="p-2", title="A, ¶2", text="two"),
        ]
    }
    locations = [e["location"] for e in split_entries(docs, paragraphs)]
    assert locations == [
        "texts/a/",
        "texts/a/#p-1",
        "texts/a/#p-2",
        "texts/a/#annotations",
        "method/#the-text",
    ]


def test_paragraph_words_are_escaped_for_the_results_html(tmp_path: Path) -> None:
    """Material shows an entry's title and text as HTML: a text's `<script>` stays words."""
    index_file = tmp_path / "search_index.json"
    docs = [{"location": "t/#the-text", "title": "The text", "text": "x"}]
    index_file.write_text(json.dumps({"config": {"lang": ["en"]}, "docs": docs}), "utf-8")
    hostile = ParagraphEntry(
        anchor="p-1", title="<b>T</b>, ¶1", text="<script>alert(1)</script> & co"
    )
    split_paragraphs(index_file, {"t/": [hostile]})
    written = json.loads(index_file.read_text("utf-8"))
    assert written["config"] == {"lang": ["en"]}
    (entry,) = written["docs"]
    assert entry["title"] == "&lt;b&gt;T&lt;/b&gt;, ¶1"
    assert entry["text"] == "<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; co</p>"
    assert entry["location"] == "t/#p-1"
