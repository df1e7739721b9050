"""Search by paragraph: each paragraph of each text is an entry of its own in the site's search
index, linked to its anchor (`#p-N`).

Material's search plugin cuts a page into sections at its headings only, so the whole text of
a text page (under "The text") would be one entry: a word in one paragraph would find all of
them and lead to the top of the text. The MkDocs hook (builder/mkdocs_hook.py, `on_post_build`)
calls `split_paragraphs` on the written `search/search_index.json`: that section's entry is
replaced by one entry per paragraph, its words taken from the model (the text as it is, with
no footnote numbers or date chips). Everything else in the index is left as it was.

How contributor pages rank is set where they are written, by their front matter
(`search: boost:` below 1, docs/contributing.md): Material and Zensical read it themselves.
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from builder.core.model import Project
from builder.render.routes import text_page

# The id of the text page's heading over the paragraphs (templates/text.md.j2).
TEXT_SECTION = "the-text"
# A paragraph ranks above the sections that quote it (the annotations table and the notes on
# its page, which are longer and hold the same words): the text is what readers look for.
PARAGRAPH_BOOST = 2


@dataclass(frozen=True, kw_only=True)
class ParagraphEntry:
    """One paragraph as a search entry: its anchor on the page, a title, and its words."""

    anchor: str
    title: str
    text: str


def paragraph_entries(project: Project) -> dict[str, list[ParagraphEntry]]:
    """Every text page's paragraphs, keyed by the page's path under docs/."""
    return {
        text_page(text.slug): [
            ParagraphEntry(
                anchor=f"p-{paragraph.number}",
                title=f"{text.title}, ¶{paragraph.number}",
                text=text.text[paragraph.span.start : paragraph.span.end],
            )
            for paragraph in text.paragraphs
        ]
        for text in project.texts
    }


def split_paragraphs(
    index_file: Path, paragraphs_by_url: Mapping[str, Sequence[ParagraphEntry]]
) -> None:
    """Rewrite `index_file` (Material's search_index.json) with each text section split into
    its paragraphs; `paragraphs_by_url` is keyed by each text page's URL in the site."""
    index = json.loads(index_file.read_text(encoding="utf-8"))
    index["docs"] = split_entries(index["docs"], paragraphs_by_url)
    index_file.write_text(json.dumps(index, separators=(",", ":")), encoding="utf-8")


def split_entries(
    docs: Sequence[dict[str, Any]], paragraphs_by_url: Mapping[str, Sequence[ParagraphEntry]]
) -> list[dict[str, Any]]:
    """The index's entries, with each text page's text section replaced by its paragraphs
    (in place, so the paragraphs come where the section was)."""
    sections = {f"{url}#{TEXT_SECTION}": url for url in paragraphs_by_url}
    kept: list[dict[str, Any]] = []
    for entry in docs:
        url = sections.get(entry.get("location", ""))
        if url is None:
            kept.append(entry)
            continue
        kept.extend(_entry(url, paragraph) for paragraph in paragraphs_by_url[url])
    return kept


def _entry(url: str, paragraph: ParagraphEntry) -> dict[str, Any]:
    """An entry as Material's plugin writes one: title and text are HTML, so escaped."""
    return {
        "location": f"{url}#{paragraph.anchor}",
        "title": html.escape(paragraph.title, quote=False),
        "text": f"<p>{html.escape(paragraph.text, quote=False)}</p>",
        "boost": PARAGRAPH_BOOST,
    }
