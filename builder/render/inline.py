"""A paragraph's tree of nodes (builder/render/nesting.py) as inline Markdown, and the
passages that mention an actor, each in its context.

These are the two inner loops of rendering written in Python rather than in a template:
they run for every piece of every paragraph and for every mention of every actor, and a
Jinja macro call costs more than the work it does. The output is exactly what the `inline` macro used to produce; the
escaping rules are the templates' own (escape.py): source text through `verbatim`,
labels through `md_escape`, ids through `ident`, link targets from routes.py.
"""

from __future__ import annotations

from collections.abc import Iterable

from markupsafe import Markup

from builder.core.model import Mention, SourceText
from builder.core.spans import Span
from builder.render import labels
from builder.render.escape import ident, md_escape, verbatim_text
from builder.render.nesting import Node
from builder.render.routes import CHRONOLOGY, actor_page, relative, text_page


def inline_markdown(nodes: Iterable[Node], page: str) -> Markup:
    parts: list[str] = []
    _emit(nodes, page, parts)
    return Markup("".join(parts))


def _emit(nodes: Iterable[Node], page: str, parts: list[str]) -> None:
    for node in nodes:
        if node.kind == "text":
            parts.append(verbatim_text(node.text))
            continue
        if node.kind == "mention":
            parts.append("[")
            _emit(node.children, page, parts)
            parts.append(f"]({relative(page, actor_page(node.ref))})")
        elif node.kind == "event":
            # The event's date is not in the line: it is beside the paragraph (text.md.j2).
            anchor = f' id="{ident(node.anchor_id)}"' if node.anchor_id else ""
            parts.append(f'<span class="event-passage"{anchor}>')
            _emit(node.children, page, parts)
            parts.append("</span>")
        else:
            anchor = f' id="{ident(node.anchor_id)}"' if node.anchor_id else ""
            kind = ident(node.kind)
            parts.append(f'<mark class="ann ann-{kind}"{anchor} data-ann="{ident(node.ref)}">')
            _emit(node.children, page, parts)
            parts.append("</mark>")
            if node.last:
                parts.append(_marker(node.ref, node.label))
        parts.extend(_marker(ref, label) for ref, label in node.footnotes_after)


def mention_lines(page: str, mentions: Iterable[tuple[SourceText, Mention]]) -> Markup:
    """One list item per mention: the passage around it, the mention in bold, and a link to
    its paragraph ("- …before **name** after… — [Title, ¶3](../texts/t.md#p-3)")."""
    lines = []
    for text, mention in mentions:
        number = mention.anchor.paragraph
        bounds = text.paragraphs[number - 1].span
        before, quote, after, cut_before, cut_after = context_window(
            text.text, mention.anchor.span, bounds
        )
        target = relative(page, text_page(text.slug), f"p-{number}")
        lines.append(
            f"- {'…' if cut_before else ''}{verbatim_text(before)}**{verbatim_text(quote)}**"
            f"{verbatim_text(after)}{'…' if cut_after else ''} — "
            f"[{md_escape(text.title)}, ¶{number}]({target})\n"
        )
    return Markup("".join(lines))


def context_window(
    text: str, span: Span, bounds: Span, width: int = 90
) -> tuple[str, str, str, bool, bool]:
    """Text before, the quote, text after (cut at word boundaries), and whether cut."""
    start = max(bounds.start, span.start - width)
    end = min(bounds.end, span.end + width)
    before, after = text[start : span.start], text[span.end : end]
    cut_before, cut_after = start > bounds.start, end < bounds.end
    if cut_before and " " in before:
        before = before[before.index(" ") + 1 :]
    if cut_after and " " in after:
        after = after[: after.rindex(" ")]
    return before, text[span.start : span.end], after, cut_before, cut_after


def _marker(ref: str, tag: str) -> str:
    return (status_tag(tag) if tag else "") + f"[^{ident(ref)}]"


def status_tag(key: str, lead: bool = True) -> Markup:
    """The inline tag after a claim, like Wikipedia's "[disputed]": a symbol and words, so
    that it reads without colour, without JavaScript and in print. `key` is a status,
    optionally followed by `also_corroborated` or `same_report` (pages.status_tag_key).
    `lead`: a narrow no-break space before it, to part it from the passage."""
    status, _, extra = key.partition(" ")
    words = labels.STATUS[status]
    symbol = labels.STATUS_SYMBOL[status]
    if extra == "also_corroborated":
        words = f"{words}, {labels.ALSO_CORROBORATED}"
    elif extra == "same_report":
        words = f"{words}, {labels.SAME_REPORT}"
    return Markup(
        f'{"&#8239;" if lead else ""}<span class="claim-tag claim-tag-{ident(status)}">'
        f'<span class="claim-tag-symbol" aria-hidden="true">{md_escape(symbol)}</span> '
        f"{md_escape(words)}</span>"
    )


def date_markers(page: str, dates: Iterable[tuple[str, str]]) -> Markup:
    """The dates of the events a paragraph tells, beside it (not in the line, where a
    superscript looks like a footnote number), each linked to the event on the chronology."""
    title = md_escape(labels.DATE_MARKER_TITLE)
    symbol = f'<span aria-hidden="true">{md_escape(labels.DATE_SYMBOL)}</span>'
    links = [
        f"[{symbol} {md_escape(label)}]({relative(page, CHRONOLOGY, f'ev-{ident(event_id)}')}"
        f' "{title}"){{ .date-marker }}'
        for event_id, label in dates
    ]
    if not links:
        return Markup("")
    return Markup(f'<span class="para-dates">{" ".join(links)}</span> ')
