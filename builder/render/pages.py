"""Stage 5: render the model to Markdown pages, in memory.

All Markdown comes from the Jinja2 templates in `templates/`. Safety is by
default: every value a template prints is escaped for Markdown and HTML by the
environment's `finalize` hook unless it is `Markup`, which only this module
creates (links it computed, fragments from trusted templates, prose rendered by
builder/core/prose.py from its allow-list). Contributor text can therefore never
inject a link, an HTML tag or a script.

HTML ids in a page are unique by construction: paragraphs `p-N`, annotations
`ann-ID`, event passages `ev-ID` / `ev-ID_N`, sources `src-ID`, and every
heading that shows contributor text has an explicit id (`{ #title }`, ...), so
the toc extension never makes an id from contributor words.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from itertools import groupby
from typing import Any

import jinja2
from markupsafe import Markup

from builder.core.dates import MONTHS, derivation_phrase
from builder.core.model import (
    RELATION_LABELS,
    Actor,
    Claim,
    Context,
    Event,
    Mention,
    Project,
    SourceText,
    TextNote,
)
from builder.core.prose import CITATION_NEEDED_HTML, Reference, Resolver, escape_markdown
from builder.core.prose import render as render_prose
from builder.core.prose import safe_url as prose_safe_url
from builder.core.spans import Span

# Ids the builder puts in HTML: slugs, with `_` for what no slug contains (see event_anchor).
_IDENT = re.compile(r"[a-z0-9_]+(?:-[a-z0-9_]+)*")


def md_escape(value: object) -> Markup:
    """A one-line field -> inert Markdown: no markup, no HTML, no line structure."""
    if isinstance(value, Markup):
        return value
    if value is None:
        return Markup("")
    # Collapsing whitespace matters: a newline could start a block or a footnote.
    return Markup(escape_markdown(re.sub(r"\s+", " ", str(value)).strip()))


_LEADING_BLANKS = re.compile(r"^[ \t]+")


def verbatim(value: str, block_start: bool = False) -> Markup:
    """A slice of a source text: escaped like md_escape, but keeping its exact spaces.

    `block_start` for a slice that begins a block's content (after `> `), where leading
    spaces would make an indented code block: they become character references."""
    escaped = escape_markdown(value.replace("\n", " "))
    if not block_start:
        return Markup(escaped)
    return Markup(_LEADING_BLANKS.sub(lambda m: "&#32;" * len(m.group(0)), escaped))


def ident(value: str) -> Markup:
    """An id (slug) for an HTML attribute or a footnote label; refuses anything else."""
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


@jinja2.pass_context
def _prose_filter(context: jinja2.runtime.Context, value: object) -> Markup:
    """`{{ note | prose }}` in a template: links resolved from the page being rendered."""
    project, page = context["project"], context["page"]
    return prose(value, lambda reference: link_target(project, page, reference))


def citation_needed() -> Markup:
    return Markup(CITATION_NEEDED_HTML)


def safe_url(url: str) -> Markup:
    """An https URL for a Markdown link target (validated as https in schema.py)."""
    return Markup(prose_safe_url(url))


# --- pages and links -------------------------------------------------------------------


def text_page(slug: str) -> str:
    return f"texts/{slug}.md"


def actor_page(actor_id: str) -> str:
    return f"actors/{actor_id}.md"


TEXTS_INDEX = "texts/index.md"
ACTORS_INDEX = "actors/index.md"
CHRONOLOGY = "chronology.md"
SOURCES = "sources.md"


def relative(from_page: str, to_page: str, fragment: str | None = None) -> Markup:
    """A link target from one generated page to another, as MkDocs resolves them."""
    target = posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")
    if to_page == from_page:
        target = ""
    return Markup(target + (f"#{fragment}" if fragment else ""))


def link_target(project: Project, page: str, reference: Reference) -> str | None:
    """Where a prose link such as `[the minister](actor:the-minister)` goes, from `page`;
    None for an id the project does not have (validation reports those)."""
    kind, ident_ = reference.kind, reference.id
    if kind == "actor" and ident_ in project.actor:
        return relative(page, actor_page(ident_))
    if kind == "text" and ident_ in project.text:
        return relative(page, text_page(ident_))
    if kind == "source" and ident_ in project.source:
        return relative(page, SOURCES, f"src-{ident_}")
    if kind == "event" and any(e.id == ident_ for e in project.events):
        return relative(page, CHRONOLOGY, f"ev-{ident_}")
    annotation = project.annotation.get(ident_) if kind in ("annotation", "claim") else None
    if annotation is not None and (kind == "annotation" or isinstance(annotation, Claim)):
        return relative(page, text_page(annotation.anchor.text_slug), f"ann-{ident_}")
    return None


# --- passages as well-nested inline nodes -------------------------------------------------

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
    label: str = ""
    children: list[Node] = field(default_factory=list)
    footnotes_after: list[str] = field(default_factory=list)
    links_after: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class _Item:
    span: Span
    kind: str
    ref: str
    anchor_id: str = ""
    label: str = ""


def nest(text: str, bounds: Span, items: Iterable[_Item]) -> list[Node]:
    """Turn possibly overlapping spans into a well-nested tree.

    A span that crosses the end of the span it opened inside is split there; its
    pieces share the ref, only the first carries the id and only the last the
    footnote. Links cannot contain links, so mentions never contain mentions.
    """
    queue = sorted(
        (i.span.start, -i.span.end, _NEST_ORDER[i.kind], n, i, True) for n, i in enumerate(items)
    )
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
        start, neg_end, order, _, item, first = queue.pop(0)
        end = -neg_end
        while len(stack) > 1 and stack[-1][1] <= start:
            close_top()
        emit_text(start)
        last = True
        limit = stack[-1][1]
        if end > limit:  # crosses the enclosing span: split, queue the rest
            counter += 1
            rest = _Item(Span(limit, end), item.kind, item.ref, item.anchor_id, item.label)
            queue.append((limit, -end, order, counter, rest, False))
            queue.sort()
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
    """Footnote refs and links cannot sit inside link text: hand them to the link."""
    for node in nodes:
        link = node if node.kind == "mention" else inside_link
        _move_refs_out_of_links(node.children, link)
        if inside_link is not None and node is not inside_link:
            inside_link.footnotes_after.extend(node.footnotes_after)
            inside_link.links_after.extend(node.links_after)
            node.footnotes_after, node.links_after = [], []
            if node.kind in ("claim", "context", "text_note") and node.last:
                inside_link.footnotes_after.append(node.ref)
                node.last = False
            if node.kind == "event" and node.last:
                inside_link.links_after.append((node.ref, node.label))
                node.last = False


# --- view helpers used by the templates ------------------------------------------------


class Views:
    """Derived lookups over the model, computed once per build."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.events_by_text: dict[str, list[Event]] = {}
        for event in project.events:
            self.events_by_text.setdefault(event.text_slug, []).append(event)

    def paragraph_nodes(self, text: SourceText) -> list[tuple[int, list[Node]]]:
        items_by_paragraph: dict[int, list[_Item]] = {}

        def add(paragraph: int, item: _Item) -> None:
            items_by_paragraph.setdefault(paragraph, []).append(item)

        for annotation in text.annotations:
            add(
                annotation.anchor.paragraph,
                _Item(
                    annotation.anchor.span, annotation.kind, annotation.id, f"ann-{annotation.id}"
                ),
            )
        for mention in text.mentions:
            add(mention.anchor.paragraph, _Item(mention.anchor.span, "mention", mention.actor_id))
        for event in self.events_by_text.get(text.slug, []):
            for index, anchor in enumerate(event.passages):
                anchor_id = event_anchor(event, index)
                add(
                    anchor.paragraph,
                    _Item(anchor.span, "event", event.id, anchor_id, short_date(event)),
                )
        return [
            (p.number, nest(text.text, p.span, items_by_paragraph.get(p.number, [])))
            for p in text.paragraphs
        ]

    def mentions_of(self, actor_id: str) -> list[tuple[SourceText, Mention]]:
        return [(t, m) for t in self.project.texts for m in t.mentions if m.actor_id == actor_id]

    def claims_by(self, actor_id: str) -> list[Claim]:
        return [
            c
            for c in self.project.claims
            if actor_id in (c.attribution.actor_id, c.attribution.relayed_by)
        ]

    def claims_about(self, actor_id: str) -> list[Claim]:
        out = []
        for claim in self.project.claims:
            text = self.project.text[claim.anchor.text_slug]
            mentioned = any(
                m.actor_id == actor_id
                and claim.anchor.span.start <= m.anchor.span.start < claim.anchor.span.end
                for m in text.mentions
            )
            if actor_id in claim.about or mentioned:
                out.append(claim)
        return out

    def events_of(self, actor_id: str) -> list[Event]:
        return [e for e in self.project.events if actor_id in e.actor_ids]

    def inverse_relations(self, actor_id: str) -> list[tuple[str, Actor]]:
        out = []
        for other in self.project.actors:
            for relation in other.relations:
                if relation.actor_id == actor_id:
                    out.append((RELATION_LABELS[relation.type][1], other))
        return out

    def citing(self, source_id: str) -> dict[str, list[Any]]:
        project = self.project
        return {
            "claims": [c for c in project.claims if source_id in c.source_ids],
            "contexts": [
                a
                for t in project.texts
                for a in t.annotations
                if isinstance(a, Context) and source_id in a.source_ids
            ],
            "events": [e for e in project.events if source_id in e.source_ids],
            "actors": [a for a in project.actors if source_id in a.source_ids],
            "texts": [t for t in project.texts if source_id in t.source_ids],
        }

    def corroborating(self, claim: Claim) -> list[Claim]:
        """Claims that corroborate this one, in either direction of the link."""
        ids = set(claim.corroborated_by) | {
            c.id for c in self.project.claims if claim.id in c.corroborated_by
        }
        return [c for c in self.project.claims if c.id in ids]

    def contradicting(self, claim: Claim) -> list[Claim]:
        ids = set(claim.contradicted_by) | {
            c.id for c in self.project.claims if claim.id in c.contradicted_by
        }
        return [c for c in self.project.claims if c.id in ids]

    def chronology(self) -> list[tuple[str, list[Event]]]:
        grouped = groupby(
            self.project.events, key=lambda e: (e.when.group_key(), e.when.group_label())
        )
        return [(label, list(events)) for (_, label), events in grouped]


def event_anchor(event: Event, index: int = 0) -> str:
    """The id of an event's passage: `ev-ID`, then `ev-ID_2`, `ev-ID_3`, ...

    `_` appears in no id or slug, so `ev-a_2` (the second passage of `a`) can never be the
    first passage of another event (an event `a-2` has `ev-a-2`)."""
    return f"ev-{event.id}" if index == 0 else f"ev-{event.id}_{index + 1}"


def short_date(event: Event) -> str:
    """The compact date chip shown after a dated passage: 'before 8 Dec', 'Dec 2024'."""
    when = event.when
    if when.month is None:
        text = str(when.year)
    elif when.day is None:
        text = f"{MONTHS[when.month - 1][:3]} {when.year}"
    else:
        text = f"{when.day} {MONTHS[when.month - 1][:3]}"
    if when.qualifier:
        text = f"{when.qualifier} {text}"
    return text


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


# --- the Jinja environment -------------------------------------------------------------


def _finalize(value: Any) -> Any:
    return md_escape(value)


@cache
def environment() -> jinja2.Environment:
    templates = resources.files("builder.render") / "templates"
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates)),
        undefined=jinja2.StrictUndefined,
        # Every printed value goes through `finalize` (Markdown + HTML escaping) unless it
        # is Markup; autoescape keeps macro output as Markup so it is not escaped twice.
        autoescape=True,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["prose"] = _prose_filter
    env.filters["verbatim"] = verbatim
    env.filters["url"] = safe_url
    env.filters["ident"] = ident
    env.globals.update(
        relative=relative,
        text_page=text_page,
        actor_page=actor_page,
        event_anchor=event_anchor,
        short_date=short_date,
        derivation_phrase=derivation_phrase,
        context_window=context_window,
        citation_needed=citation_needed,
        TEXTS_INDEX=TEXTS_INDEX,
        ACTORS_INDEX=ACTORS_INDEX,
        CHRONOLOGY=CHRONOLOGY,
        SOURCES=SOURCES,
        isinstance=isinstance,
        Claim=Claim,
        Context=Context,
        TextNote=TextNote,
        Markup=Markup,
    )
    return env


def _render(template: str, page: str, **context: Any) -> str:
    text = environment().get_template(template).render(page=page, **context)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def render_pages(project: Project) -> dict[str, str]:
    """Every generated page, keyed by its path under the docs folder."""
    views = Views(project)
    common: Mapping[str, Any] = {"project": project, "views": views}
    pages: dict[str, str] = {}
    pages[TEXTS_INDEX] = _render("texts_index.md.j2", TEXTS_INDEX, **common)
    for text in project.texts:
        page = text_page(text.slug)
        pages[page] = _render("text.md.j2", page, text=text, **common)
    pages[ACTORS_INDEX] = _render("actors_index.md.j2", ACTORS_INDEX, **common)
    for actor in project.actors:
        page = actor_page(actor.id)
        pages[page] = _render("actor.md.j2", page, actor=actor, **common)
    pages[CHRONOLOGY] = _render("chronology.md.j2", CHRONOLOGY, **common)
    pages[SOURCES] = _render("sources.md.j2", SOURCES, **common)
    return dict(sorted(pages.items()))


def render_error_pages(report: str, paths: Iterable[str]) -> dict[str, str]:
    """Pages shown by `mkdocs serve` while source_texts/ has errors."""
    page = environment().get_template("errors.md.j2")
    return {path: page.render(report=report, page=path) for path in paths}
