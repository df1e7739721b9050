"""Contributor text to inert Markdown: escaping, ids, URLs, and prose in the safe subset.

Every value a template prints goes through `md_escape` unless it is `Markup`, which
only the render package creates.
"""

from __future__ import annotations

import re
from functools import lru_cache

from markupsafe import Markup

from builder.core.prose import CITATION_NEEDED_HTML, Resolver, escape_markdown
from builder.core.prose import render as render_prose
from builder.core.prose import safe_url as prose_safe_url

# Ids the builder puts in HTML: slugs, with `_` for what no slug contains (see event_anchor).
_IDENT = re.compile(r"[a-z0-9_]+(?:-[a-z0-9_]+)*")
_WHITESPACE_RUN = re.compile(r"\s+")


def md_escape(value: object) -> Markup:
    """A one-line field -> inert Markdown: no markup, no HTML, no line structure."""
    if isinstance(value, Markup):
        return value
    if value is None:
        return Markup("")
    return _escaped_line(str(value))


@lru_cache(maxsize=65536)
def _escaped_line(text: str) -> Markup:
    # Names, titles and labels repeat on every page that shows them: escape each once.
    # Collapsing whitespace matters: a newline could start a block or a footnote.
    return Markup(escape_markdown(_WHITESPACE_RUN.sub(" ", text).strip()))


_LEADING_BLANKS = re.compile(r"^[ \t]+")


def verbatim(value: str, block_start: bool = False) -> Markup:
    """A slice of a source text: escaped like md_escape, but keeping its exact spaces.

    `block_start` for a slice that begins a block's content (after `> `), where leading
    spaces would make an indented code block: they become character references."""
    escaped = verbatim_text(value)
    if not block_start:
        return Markup(escaped)
    return Markup(_LEADING_BLANKS.sub(lambda m: "&#32;" * len(m.group(0)), escaped))


def verbatim_text(value: str) -> str:
    """`verbatim(value)` as a plain string, for Python that joins many of them into one
    Markup (render/inline.py): no Markup object for each piece."""
    return escape_markdown(value.replace("\n", " "))


@lru_cache(maxsize=65536)
def ident(value: str) -> Markup:
    """An id (slug) for an HTML attribute or a footnote label; refuses anything else.
    (Cached: a page prints the same ids in its links, footnotes and anchors.)"""
    if not _IDENT.fullmatch(value):
        raise ValueError(f"not an id: {value!r}")
    return Markup(value)


def prose(value: object, resolve: Resolver | None = None) -> Markup:
    """Contributor prose in the Markdown subset of builder/core/prose.py, as safe Markdown.

    Links to the project's entries go where `resolve` says; without it (or for an id it
    does not know) only their words are shown."""
    if value is None:
        return Markup("")
    return Markup(render_prose(str(value), resolve or (lambda _: None)))


def citation_needed() -> Markup:
    return Markup(CITATION_NEEDED_HTML)


def safe_url(url: str) -> Markup:
    """An https URL for a Markdown link target (validated as https in schema.py)."""
    return Markup(prose_safe_url(url))
