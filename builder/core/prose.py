"""Contributor text -> Markdown that can only ever be what it looks like.

Two kinds of contributor strings reach a page:

- **One-line fields** (titles, names, `by`, roles, aliases, labels) are plain text:
  `escape_markdown` escapes every character that could start Markdown or HTML, and the
  caller collapses whitespace, so no value can open a block or a tag.
- **Prose** (notes, profiles, provenance, `title_note`, `probable_reading`) may use a small
  Markdown subset, documented in docs/contributing.md ("Formatting notes"): emphasis,
  strong, inline code, links to `https://` addresses or to the project's own actors,
  claims, annotations, events, texts and sources (`[the minister](actor:the-minister)`),
  and short bulleted lists. It is parsed with markdown-it-py with only those rules
  enabled, so everything else (headings, fences, block quotes, tables, HTML, images,
  footnotes, attribute lists, autolinks, reference definitions, ordered lists, entities)
  stays literal text, and rendered from the tokens through an allow-list.

The output of `render` is a single line of escaped text, Markdown links and a few inline
tags (`em`, `strong`, `code`, `span`): paragraphs and lists become `<span>`s that the
stylesheet displays as blocks. A single line of inline markup cannot open or close a
block, whatever column it starts in (a table cell, a footnote, an admonition body or a
list item), which is what closes the class of "`~~~` in a note swallows the page".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal
from urllib.parse import quote

from markdown_it import MarkdownIt
from markdown_it.rules_block.list import list_block, skipOrderedListMarker
from markdown_it.rules_block.state_block import StateBlock
from markdown_it.rules_inline.link import link as commonmark_link
from markdown_it.rules_inline.state_inline import StateInline
from markdown_it.tree import SyntaxTreeNode

from builder.core.ids import is_slug

CITATION_NEEDED = "[citation needed]"
CITATION_NEEDED_HTML = (
    '<sup class="citation-needed" title="No source yet for this fact">[citation needed]</sup>'
)

# Link kinds of the subset: `[words](kind:id)`. Each names the registry or sidecar entry
# it points at; render.py turns them into page links, validate.py checks that they exist.
LinkKind = Literal["actor", "claim", "annotation", "event", "text", "source"]
LINK_KINDS: tuple[LinkKind, ...] = ("actor", "claim", "annotation", "event", "text", "source")
MAX_LIST_DEPTH = 2  # a list, and lists inside its items; no deeper
MAX_LIST_ITEMS = 12  # per list

# The same rule as the `url` fields in schema.py: https, a host name, no spaces or quotes.
_HTTPS = re.compile(r"https://[A-Za-z0-9.-]+(?::\d+)?(?:[/?#][^\s<>\"'`]*)?")

# --- escaping -----------------------------------------------------------------------------

# Backslash escapes that both Python-Markdown and CommonMark honour, for every character
# that could start markup mid-line, and character references for HTML's own. ("." "-" "+"
# "=" "~" only matter at a line start, handled by _LINE_START; escaping them everywhere
# would be noise.) Each character is replaced on its own, in one pass of str.translate.
_ESCAPES = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}
    | {c: "\\" + c for c in "\\`*_{}[]()#!|"}
)
# Python-Markdown has no backslash escape for "=" or "~" (a `~~~` fence), so line starts
# get numeric character references instead.
_LINE_START = re.compile(r"^(?:[-+=~]|\d+[.)])")


def escape_markdown(text: str) -> str:
    """`text` as inert Markdown and HTML (no markup, no tags), characters unchanged."""
    text = text.translate(_ESCAPES)
    if _LINE_START.match(text) is None:
        return text
    return _LINE_START.sub(lambda m: "".join(f"&#{ord(c)};" for c in m.group(0)), text)


def _collapse(text: str) -> str:
    # A newline could start a block or a footnote: prose keeps no line structure.
    return re.sub(r"\s+", " ", text)


def _text(raw: str) -> str:
    """Plain prose text: whitespace collapsed, escaped, `[citation needed]` flagged."""
    escaped = escape_markdown(_collapse(raw))
    return escaped.replace(escape_markdown(CITATION_NEEDED), CITATION_NEEDED_HTML)


# --- references ---------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True, order=True)
class Reference:
    """A link of the subset to one of the project's own entries, e.g. `actor:the-minister`."""

    kind: LinkKind
    id: str

    def __str__(self) -> str:
        return f"{self.kind}:{self.id}"


@dataclass(frozen=True, kw_only=True)
class Problem:
    """Something in a prose field the contributor most likely did not mean."""

    severity: Literal["error", "warning"]
    message: str
    hint: str
    code: str  # the diagnostic's stable code (`link-not-an-id`)


def _as_reference(href: str) -> Reference | None:
    kind, colon, ident = href.partition(":")
    if colon and kind in LINK_KINDS and is_slug(ident):
        return Reference(kind=kind, id=ident)
    return None


def _is_allowed(href: str) -> bool:
    return _HTTPS.fullmatch(href) is not None or _as_reference(href) is not None


# --- the parser ---------------------------------------------------------------------------


class _SubsetParser(MarkdownIt):
    """markdown-it with only the subset's rules; `strict` drops links outside the allow-list."""

    def __init__(self, *, strict: bool) -> None:
        super().__init__("zero", {"maxNesting": 20})
        self.strict = strict
        self.enable(["list", "emphasis", "backticks", "escape", "newline", "link"])
        self.block.ruler.at(
            "list", _bullet_list_only, {"alt": ["paragraph", "reference", "blockquote"]}
        )
        self.inline.ruler.before("link", "image_as_text", _image_as_text)
        self.inline.ruler.before("backticks", "backtick_runs_as_text", _backtick_runs_as_text)
        if strict:
            self.inline.ruler.at("link", _allowed_link_only)

    def validateLink(self, url: str) -> bool:
        # A link the strict parser refuses is not a link at all: its source stays as text.
        return _is_allowed(url) if self.strict else True


def _bullet_list_only(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """Bulleted lists only: `1.` at a line start stays text (as a number would)."""
    if skipOrderedListMarker(state, start) >= 0:
        return False
    return list_block(state, start, end, silent)


def _image_as_text(state: StateInline, silent: bool) -> bool:
    """`![` is text, so that image syntax can never become an image (or a link)."""
    if not state.src.startswith("![", state.pos):
        return False
    if not silent:
        state.pending += "!["
    state.pos += 2
    return True


def _backtick_runs_as_text(state: StateInline, silent: bool) -> bool:
    """Inline code takes single backticks: a run of two or more (a fence) stays text."""
    end = state.pos
    while end < state.posMax and state.src[end] == "`":
        end += 1
    if end - state.pos < 2:
        return False
    if not silent:
        state.pending += state.src[state.pos : end]
    state.pos = end
    return True


def _allowed_link_only(state: StateInline, silent: bool) -> bool:
    """CommonMark's link rule, undone for a link with a title or an empty target.

    validateLink already refuses other targets, but CommonMark still makes `[x]()` a link
    with an empty href; undoing the tokens leaves the exact source as text.
    """
    start, tokens, metas = state.pos, len(state.tokens), len(state.tokens_meta)
    pending = state.pending  # flushed into a text token by the link's first push
    if not commonmark_link(state, False):
        return False
    opening = next(t for t in state.tokens[tokens:] if t.type == "link_open")
    allowed = bool(opening.attrGet("href")) and opening.attrGet("title") is None
    if silent or not allowed:
        del state.tokens[tokens:]
        del state.tokens_meta[metas:]
        state.pending = pending
    if not allowed:
        state.pos = start
    return allowed


_STRICT = _SubsetParser(strict=True)
_PERMISSIVE = _SubsetParser(strict=False)


@lru_cache(maxsize=4096)
def _parse(text: str, *, strict: bool = True) -> SyntaxTreeNode:
    parser = _STRICT if strict else _PERMISSIVE
    return SyntaxTreeNode(parser.parse(text))


def _walk(node: SyntaxTreeNode) -> Iterator[SyntaxTreeNode]:
    yield node
    for child in node.children:
        yield from _walk(child)


def _href(node: SyntaxTreeNode) -> str:
    return str(node.attrs.get("href", ""))


# --- what validation asks -----------------------------------------------------------------


# What validation asks of a field depends on its text alone: kept for every distinct text
# (thousands at 1,000 texts), so a `mkdocs serve` rebuild parses only the fields that changed.
@lru_cache(maxsize=1 << 16)
def references(text: str) -> tuple[Reference, ...]:
    """Every link of `text` to the project's own entries, in order of appearance."""
    return tuple(
        ref
        for node in _walk(_parse(text))
        if node.type == "link" and (ref := _as_reference(_href(node))) is not None
    )


@lru_cache(maxsize=1 << 16)
def problems(text: str) -> tuple[Problem, ...]:
    """Links that will show as text, and lists beyond the limits."""
    found: list[Problem] = []
    for node in _walk(_parse(text, strict=False)):
        if node.type == "link":
            found.extend(_link_problems(_href(node), node.attrs.get("title")))
        elif node.type == "bullet_list":
            found.extend(_list_problems(node))
    return tuple(found)


def _link_problems(href: str, title: object) -> Iterator[Problem]:
    kind, colon, ident = href.partition(":")
    if colon and kind in LINK_KINDS and not is_slug(ident):
        yield Problem(
            severity="error",
            message=f"link to {kind}:{ident!r}: not an id",
            hint="ids use lowercase letters, digits and hyphens, e.g. [the minister](actor:the-minister)",
            code="link-not-an-id",
        )
    elif not _is_allowed(href):
        yield Problem(
            severity="warning",
            message=f"link to {href!r} is shown as text, not as a link",
            hint="link to a full https:// address, or to an entry by id: "
            + ", ".join(f"{k}:ID" for k in LINK_KINDS),
            code="link-shown-as-text",
        )
    elif title is not None:
        yield Problem(
            severity="warning",
            message="a link with a title is shown as text, not as a link",
            hint='remove the "title" after the address',
            code="link-with-title",
        )


def _list_problems(node: SyntaxTreeNode) -> Iterator[Problem]:
    depth = sum(1 for a in _ancestors(node) if a.type == "bullet_list") + 1
    if depth == MAX_LIST_DEPTH + 1:  # reported once, for the outermost list too deep
        yield Problem(
            severity="error",
            message=f"lists nest {depth} deep; at most {MAX_LIST_DEPTH} levels are allowed",
            hint="indent list items at most once, or write the inner points as sentences",
            code="list-too-deep",
        )
    if len(node.children) > MAX_LIST_ITEMS:
        yield Problem(
            severity="error",
            message=f"a list of {len(node.children)} items; at most {MAX_LIST_ITEMS} are allowed",
            hint="keep lists short: merge items, or write them as sentences",
            code="list-too-long",
        )


def _ancestors(node: SyntaxTreeNode) -> Iterator[SyntaxTreeNode]:
    parent = node.parent
    while parent is not None:
        yield parent
        parent = parent.parent


# --- rendering ----------------------------------------------------------------------------

# What a link to an entry points at, from the page being rendered: a relative address,
# "" for the page itself, None for an id the project does not have.
Resolver = Callable[[Reference], str | None]


def render(text: str, resolve: Resolver) -> str:
    """Prose as one line of safe Markdown (see the module docstring)."""
    blocks = _parse(text).children
    if len(blocks) == 1 and blocks[0].type == "paragraph":
        return _inline_of(blocks[0], resolve)
    return "".join(_block(block, resolve) for block in blocks)


def _block(node: SyntaxTreeNode, resolve: Resolver) -> str:
    if node.type == "bullet_list":
        items = "".join(
            f'<span class="prose-item" role="listitem">{_item(item, resolve)}</span>'
            for item in node.children
        )
        return f'<span class="prose-list" role="list">{items}</span>'
    return f'<span class="prose-p">{_inline_of(node, resolve)}</span>'


def _item(node: SyntaxTreeNode, resolve: Resolver) -> str:
    paragraphs = [_inline_of(c, resolve) for c in node.children if c.type == "paragraph"]
    lists = [_block(c, resolve) for c in node.children if c.type == "bullet_list"]
    return " ".join(paragraphs) + "".join(lists)


def _inline_of(paragraph: SyntaxTreeNode, resolve: Resolver) -> str:
    return "".join(_inline(child.children, resolve) for child in paragraph.children)


_WRAPPERS = {"em": "em", "strong": "strong"}


def _inline(nodes: list[SyntaxTreeNode], resolve: Resolver) -> str:
    out: list[str] = []
    text: list[str] = []  # consecutive plain text, escaped together
    for node in nodes:
        if node.type in ("text", "text_special", "softbreak", "hardbreak"):
            text.append(node.content if node.type.startswith("text") else " ")
            continue
        out.append(_text("".join(text)))
        text = []
        if node.type in _WRAPPERS:
            tag = _WRAPPERS[node.type]
            out.append(f"<{tag}>{_inline(node.children, resolve)}</{tag}>")
        elif node.type == "code_inline":
            out.append(f"<code>{escape_markdown(_collapse(node.content))}</code>")
        elif node.type == "link":
            out.append(_link(node, resolve))
        else:  # no other rule is enabled; should one slip in, it is still only text
            text.append(node.content)
    out.append(_text("".join(text)))
    return "".join(out)


def _link(node: SyntaxTreeNode, resolve: Resolver) -> str:
    words = _inline(node.children, resolve)
    href = _href(node)
    reference = _as_reference(href)
    target = resolve(reference) if reference is not None else safe_url(href)
    # Unknown ids (reported by validation) and links to the page itself: just the words.
    return f"[{words}]({target})" if target else words


def safe_url(url: str) -> str:
    """An https address for a Markdown link target: nothing in it can end the target."""
    return quote(url, safe=":/?#[]@!$&'*+,;=%~.-_")


# --- as plain text (the open-data exports) ---------------------------------------------------


def plain_text(text: str) -> str:
    """Prose as plain text for machines: the words of links and emphasis without their
    markup (an https link keeps its address, in brackets after its words; a link to one
    of the project's entries keeps its words), paragraphs apart by a blank line, list
    items as `- ` lines."""
    return "\n\n".join(_plain_block(block, 0) for block in _parse(text).children).strip()


def _plain_block(node: SyntaxTreeNode, depth: int) -> str:
    if node.type == "bullet_list":
        return "\n".join(_plain_item(item, depth) for item in node.children)
    return _plain_inline(node)


def _plain_item(node: SyntaxTreeNode, depth: int) -> str:
    words = " ".join(_plain_inline(c) for c in node.children if c.type == "paragraph")
    lists = [_plain_block(c, depth + 1) for c in node.children if c.type == "bullet_list"]
    return "\n".join([f"{'  ' * depth}- {words}", *lists])


def _plain_inline(node: SyntaxTreeNode) -> str:
    if node.type in ("text", "text_special", "code_inline"):
        return _collapse(node.content)
    if node.type in ("softbreak", "hardbreak"):
        return " "
    words = "".join(_plain_inline(child) for child in node.children)
    if node.type == "link" and _as_reference(_href(node)) is None:
        return f"{words} ({_href(node)})"
    return words
