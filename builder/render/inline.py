"""A paragraph's tree of nodes (builder/render/nesting.py) as inline Markdown.

This is the one inner loop of rendering written in Python rather than in a template: it
runs for every piece of every paragraph, and a Jinja macro call costs more than the
work it does. The output is exactly what the `inline` macro used to produce; the
escaping rules are the templates' own (escape.py): source text through `verbatim`,
labels through `md_escape`, ids through `ident`, link targets from routes.py.
"""

from __future__ import annotations

from collections.abc import Iterable

from markupsafe import Markup

from builder.render.escape import ident, md_escape, verbatim
from builder.render.nesting import Node
from builder.render.routes import CHRONOLOGY, actor_page, relative


def inline_markdown(nodes: Iterable[Node], page: str) -> Markup:
    parts: list[str] = []
    _emit(nodes, page, parts)
    return Markup("".join(parts))


def _emit(nodes: Iterable[Node], page: str, parts: list[str]) -> None:
    for node in nodes:
        if node.kind == "text":
            parts.append(verbatim(node.text))
            continue
        if node.kind == "mention":
            parts.append("[")
            _emit(node.children, page, parts)
            parts.append(f"]({relative(page, actor_page(node.ref))})")
        elif node.kind == "event":
            anchor = f' id="{ident(node.anchor_id)}"' if node.anchor_id else ""
            parts.append(f'<span class="event-passage"{anchor}>')
            _emit(node.children, page, parts)
            parts.append("</span>")
            if node.last:
                parts.append(_event_date_link(page, node.ref, node.label))
        else:
            anchor = f' id="{ident(node.anchor_id)}"' if node.anchor_id else ""
            kind = ident(node.kind)
            parts.append(f'<mark class="ann ann-{kind}"{anchor} data-ann="{ident(node.ref)}">')
            _emit(node.children, page, parts)
            parts.append("</mark>")
            if node.last:
                parts.append(f"[^{ident(node.ref)}]")
        parts.extend(f"[^{ident(ref)}]" for ref in node.footnotes_after)
        parts.extend(_event_date_link(page, ref, label) for ref, label in node.links_after)


def _event_date_link(page: str, event_id: str, label: str) -> str:
    target = relative(page, CHRONOLOGY, f"ev-{ident(event_id)}")
    return f'<sup class="event-date">[{md_escape(label)}]({target} "On the chronology")</sup>'
