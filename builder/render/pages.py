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

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import jinja2
from markupsafe import Markup, escape

from builder.core.date_words import MONTHS, derivation_phrase
from builder.core.dates import When
from builder.core.edtf import edtf
from builder.core.index import ProjectIndex
from builder.core.model import (
    Actor,
    Claim,
    Context,
    Mention,
    Project,
    SourceText,
    TextNote,
)
from builder.render import cards, labels, meta, parts, schema_org
from builder.render.cards import report_text_slug, short_source, status_tag_key
from builder.render.escape import citation_needed, ident, md_escape, prose, safe_url, verbatim
from builder.render.inline import date_markers, inline_markdown, status_tag
from builder.render.nesting import Item, Node, nest
from builder.render.pageset import Pages
from builder.render.routes import (
    ACTORS_INDEX,
    CHRONOLOGY,
    SOURCES,
    TEXTS_INDEX,
    actor_page,
    event_anchor,
    link_target,
    relative,
    text_page,
)
from builder.render.summary import summarize
from builder.render.timeline import Timeline, quote_line, shows_full_date, timeline, when_words


@jinja2.pass_context
def _prose_filter(context: jinja2.runtime.Context, value: object) -> Markup:
    """`{{ note | prose }}` in a template: links resolved from the page being rendered."""
    project, page = context["project"], context["page"]
    return prose(value, lambda reference: link_target(project, page, reference))


# --- view helpers used by the templates ------------------------------------------------


class Views:
    """The paragraph layout of a text page and the chronology's grouping; every reverse
    lookup is in builder/core/index.py."""

    def __init__(self, project: Project, index: ProjectIndex) -> None:
        self.project = project
        self.index = index

    def paragraph_nodes(self, text: SourceText) -> list[ParagraphView]:
        items_by_paragraph: dict[int, list[Item]] = {}
        dates_by_paragraph: dict[int, list[tuple[int, str, str]]] = {}

        def add(paragraph: int, item: Item) -> None:
            items_by_paragraph.setdefault(paragraph, []).append(item)

        for annotation in text.annotations:
            tag = status_tag_key(annotation) if isinstance(annotation, Claim) else ""
            add(
                annotation.anchor.paragraph,
                Item(
                    annotation.anchor.span,
                    annotation.kind,
                    annotation.id,
                    f"ann-{annotation.id}",
                    tag,
                ),
            )
        for mention in linked_mentions(text):
            add(mention.anchor.paragraph, Item(mention.anchor.span, "mention", mention.actor_id))
        for event, account in self.index.accounts_in(text.slug):
            chip = short_date(account.when)  # this text's own date for the event
            for index, anchor in enumerate(account.passages):
                anchor_id = event_anchor(event, index)
                add(anchor.paragraph, Item(anchor.span, "event", event.id, anchor_id))
                dates_by_paragraph.setdefault(anchor.paragraph, []).append(
                    (anchor.span.start, event.id, chip)
                )
        return [
            ParagraphView(
                number=p.number,
                nodes=nest(text.text, p.span, items_by_paragraph.get(p.number, [])),
                dates=_dates(dates_by_paragraph.get(p.number, [])),
            )
            for p in text.paragraphs
        ]

    def actors_by_involvement(self) -> list[ActorRow]:
        """The actors index's rows: the most involved actors first (mentions, claims by and
        about, and events added up), then by name."""
        rows = [
            ActorRow(
                actor=actor,
                mentions=len(self.index.mentions_of(actor.id)),
                claims_by=len(self.index.claims_by(actor.id)),
                claims_about=len(self.index.claims_about(actor.id)),
                events=len(self.index.events_of(actor.id)),
            )
            for actor in self.project.actors
        ]
        return sorted(rows, key=lambda row: (-row.involvement, row.actor.name.casefold()))

    def timeline(self) -> Timeline:
        return timeline(self.project, status_tag_key)


@dataclass(frozen=True, kw_only=True)
class ParagraphView:
    """A paragraph of a text page: its number, its tree of nodes, and the dates of the
    events it tells (event id, chip), shown beside the paragraph rather than in the line."""

    number: int
    nodes: list[Node]
    dates: tuple[tuple[str, str], ...]


@dataclass(frozen=True, kw_only=True)
class ActorRow:
    """An actor on the actors index, with how often the texts involve it."""

    actor: Actor
    mentions: int
    claims_by: int
    claims_about: int
    events: int

    @property
    def involvement(self) -> int:
        return self.mentions + self.claims_by + self.claims_about + self.events


def _dates(found: list[tuple[int, str, str]]) -> tuple[tuple[str, str], ...]:
    seen: dict[str, str] = {}
    for _, event_id, chip in sorted(found):
        seen.setdefault(event_id, chip)
    return tuple(seen.items())


def linked_mentions(text: SourceText) -> list[Mention]:
    """The mentions shown as links: an actor's first mention in each paragraph, and every
    explicit `kind: mention` annotation; later mentions in a paragraph stay plain text."""
    seen: set[tuple[int, str]] = set()
    kept = []
    for mention in sorted(text.mentions, key=lambda m: m.anchor.span.start):
        key = (mention.anchor.paragraph, mention.actor_id)
        if mention.explicit or key not in seen:
            kept.append(mention)
        seen.add(key)
    return kept


def short_date(when: When) -> str:
    """The compact date chip shown after a dated passage: 'before 8 Dec', 'Dec 2024',
    '8 Dec, evening', 'on or before 8 Dec'."""
    if when.month is None:
        text = str(when.year)
    elif when.day is None:
        text = f"{MONTHS[when.month - 1][:3]} {when.year}"
    else:
        text = f"{when.day} {MONTHS[when.month - 1][:3]}"
    if when.part_of_day:
        text = f"{text}, {when.part_of_day}"
    if when.not_before is not None and when.day is not None:
        first = when.not_before
        same_month = (first.year, first.month) == (when.year, when.month)
        start = f"{first.day}" if same_month else f"{first.day} {MONTHS[first.month - 1][:3]}"
        return f"{start}–{text}"  # "8–13 Dec", "28 Nov–8 Dec"
    if when.qualifier:
        text = f"{labels.SHORT_QUALIFIER[when.qualifier]} {text}"
    return text


# --- the Jinja environment -------------------------------------------------------------


@cache
def environment() -> jinja2.Environment:
    templates = resources.files("builder.render") / "templates"
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates)),
        undefined=jinja2.StrictUndefined,
        # Every printed value goes through `finalize` (Markdown + HTML escaping) unless it
        # is Markup; autoescape keeps macro output as Markup so it is not escaped twice.
        autoescape=True,
        finalize=md_escape,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["prose"] = _prose_filter
    env.filters["verbatim"] = verbatim
    env.filters["url"] = safe_url
    env.filters["ident"] = ident
    env.filters["html"] = _raw_html_text
    env.globals.update(
        labels=labels,
        relative=relative,
        inline=inline_markdown,
        status_tag=status_tag,
        status_tag_key=status_tag_key,
        date_markers=date_markers,
        summarize=summarize,
        when_words=when_words,
        shows_full_date=shows_full_date,
        quote_line=quote_line,
        short_source=short_source,
        text_page=text_page,
        actor_page=actor_page,
        event_anchor=event_anchor,
        short_date=short_date,
        derivation_phrase=derivation_phrase,
        edtf=edtf,
        citation_needed=citation_needed,
        TEXTS_INDEX=TEXTS_INDEX,
        ACTORS_INDEX=ACTORS_INDEX,
        CHRONOLOGY=CHRONOLOGY,
        SOURCES=SOURCES,
        isinstance=isinstance,
        report_text_slug=report_text_slug,
        Claim=Claim,
        Context=Context,
        TextNote=TextNote,
        Markup=Markup,
        front_matter=meta.front_matter,
        text_front_matter=meta.text_front_matter,
        actor_front_matter=meta.actor_front_matter,
        ACTORS_FILE=meta.ACTORS_FILE,
        SOURCES_FILE=meta.SOURCES_FILE,
        jsonld=schema_org,
    )
    env.globals.update(
        {name: getattr(cards, name) for name in cards.__all__ if name not in env.globals}
    )
    return env


def render_one(template: str, page: str, **context: Any) -> str:
    """The Markdown of one page from its template (render/all_pages.py makes them all)."""
    return parts.cleaned(environment().get_template(template).render(page=page, **context))


def _raw_html_text(value: object) -> Markup:
    """Contributor text in a raw HTML block (the chronology's filters), where Markdown
    escapes would show: HTML-escaped, and on one line, since a line break there could end
    the HTML block and hand the rest of the line to Markdown (a `~~~` fence, a heading)."""
    return escape(" ".join(str(value).split()))


def render_error_pages(report: str, paths: Iterable[str]) -> Pages:
    """Pages shown by `mkdocs serve` while source_texts/ has errors."""
    page = environment().get_template("errors.md.j2")
    pages = Pages()
    for path in paths:
        pages.add(path, page.render(report=report, page=path, where=labels.error_page_name(path)))
    return pages
