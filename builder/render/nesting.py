"""Possibly overlapping annotation spans in a paragraph, as a well-nested tree of nodes."""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from dataclasses import dataclass, field

from builder.core.spans import Span

_NEST_ORDER = {"event": 0, "claim": 1, "context": 2, "text_note": 3, "mention": 9}


@dataclass
class Node:
    """A piece of a paragraph: plain text (`kind == 'text'`) or a span with children."""

    kind: str  # text | event | claim | context | text_note | mention
    text: str = ""
    ref: str = ""  # annotation id, event id or actor id
    first: bool = True  # first piece of a split span (carries the id)
    last: bool = True  # last piece (carries the footnote reference)
    anchor_id: str = ""
    label: str = ""  # a claim's status tag key (pages.status_tag_key)
    children: list[Node] = field(default_factory=list)
    footnotes_after: list[tuple[str, str]] = field(default_factory=list)  # (ref, label)


@dataclass(frozen=True)
class Item:
    span: Span
    kind: str
    ref: str
    anchor_id: str = ""
    label: str = ""


def nest(text: str, bounds: Span, items: Iterable[Item]) -> list[Node]:
    """Turn possibly overlapping spans into a well-nested tree.

    A span that crosses the end of the span it opened inside is split there; its
    pieces share the ref, only the first carries the id and only the last the
    footnote. Links cannot contain links, so mentions never contain mentions.
    """
    # A heap, not a sorted list: split pieces go back in, and a paragraph may hold
    # thousands of spans (within the documented limits) without quadratic time.
    queue = [
        (i.span.start, -i.span.end, _NEST_ORDER[i.kind], n, i, True) for n, i in enumerate(items)
    ]
    heapq.heapify(queue)
    root = Node("root")
    stack: list[tuple[Node, int]] = [(root, bounds.end)]
    position = bounds.start
    counter = len(queue)

    def emit_text(until: int) -> None:
        nonlocal position
        if until > position:
            stack[-1][0].children.append(Node("text", text=text[position:until]))
            position = until

    def close_top() -> None:
        node, end = stack[-1]
        emit_text(end)
        stack.pop()
        stack[-1][0].children.append(node)

    while queue:
        start, neg_end, order, _, item, first = heapq.heappop(queue)
        end = -neg_end
        while len(stack) > 1 and stack[-1][1] <= start:
            close_top()
        emit_text(start)
        last = True
        limit = stack[-1][1]
        if end > limit:  # crosses the enclosing span: split, queue the rest
            counter += 1
            rest = Item(Span(limit, end), item.kind, item.ref, item.anchor_id, item.label)
            heapq.heappush(queue, (limit, -end, order, counter, rest, False))
            end, last = limit, False
        node = Node(
            item.kind,
            ref=item.ref,
            first=first,
            last=last,
            anchor_id=item.anchor_id if first else "",
            label=item.label,
        )
        stack.append((node, end))
    while len(stack) > 1:
        close_top()
    emit_text(bounds.end)
    _move_refs_out_of_links(root.children, inside_link=None)
    return root.children


def _move_refs_out_of_links(nodes: list[Node], inside_link: Node | None) -> None:
    """Footnote refs (and a claim's status tag with them) cannot sit inside link text:
    hand them to the link."""
    for node in nodes:
        link = node if node.kind == "mention" else inside_link
        _move_refs_out_of_links(node.children, link)
        if inside_link is not None and node is not inside_link:
            inside_link.footnotes_after.extend(node.footnotes_after)
            node.footnotes_after = []
            if node.kind in ("claim", "context", "text_note") and node.last:
                inside_link.footnotes_after.append((node.ref, node.label))
                node.last = False
