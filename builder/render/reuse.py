"""Which pages of the previous build can be reused, for `mkdocs serve`.

A page is a pure function of what it shows. For each generated page this module names
its *inputs*: the model objects and values its template reads. A page whose inputs
are equal to those of the page rendered in the previous build (same path) is reused
as it was; any other is rendered again.

What many pages show at once (actor names and kinds, source titles, text titles, where
each annotation and event lives, for links and labels) is the *shared* input: when it
changes, every page is rendered again. So only the page-specific inputs need to be
right, and they are deliberately wide: a text page takes its whole text (annotations
with their standings, mentions, paragraphs) with the claims its claims link to and the
events it tells; an actor page everything the index holds for that actor.

Equality is the model's own (frozen dataclasses and tuples), which short-cuts on
identical objects, so comparing the inputs of an unchanged page costs little.
tests/test_incremental.py mutates every value of the fixture projects one at a time
and checks that a build reusing pages equals a build from nothing.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from builder.core.index import ProjectIndex
from builder.core.model import Actor, Claim, Project, Source, SourceText
from builder.core.sourcing import LinkKind
from builder.render.changes import Seen
from builder.render.timeline import claims_over

T = TypeVar("T")


@dataclass
class PageMemo:
    """The previous build's pages (as handed on: previews.Finished) and sources-page
    sections (Markdown), each with its inputs; kept by the caller between builds."""

    shared: object = None
    pages: dict[str, tuple[object, object]] = field(default_factory=dict)
    rendered: int = 0  # pages rendered (not reused) by the last build, for tests and bench
    # Pages and sections of the last build taken as they were, their inputs not worked
    # out, because no edit could reach them (render/changes.py); for tests and bench.
    carried: int = 0
    # What the previous build's pages were made of (render/changes.py).
    seen: Seen | None = None
    # Stands for `shared` in what is derived from it too (`derive`): a new object whenever
    # `shared` changes.
    shared_token: object = field(default_factory=object)
    _next: dict[str, tuple[object, object]] = field(default_factory=dict)
    # What inputs are made of, kept with the very objects they were made from (`derive`).
    derived: dict[object, tuple[tuple[object, ...], Any]] = field(default_factory=dict)
    _derived_next: dict[object, tuple[tuple[object, ...], Any]] = field(default_factory=dict)
    # The same, for the values made one per text (`derive_each`).
    each: dict[str, dict[str, tuple[tuple[object, ...], Any]]] = field(default_factory=dict)
    _each_next: dict[str, dict[str, tuple[tuple[object, ...], Any]]] = field(default_factory=dict)

    def begin(self, shared: object) -> Seen | None:
        """Start a build; returns what the previous build's pages were made of (`end`),
        None if there are none to compare with. Until this build ends, there are none:
        a build that fails half-way leaves nothing to go by."""
        if shared != self.shared:
            self.pages = {}  # a name or title every page may show has changed
            self.shared_token = object()  # and so may what is derived from them
        self.shared, self._next, self.rendered, self.carried = shared, {}, 0, 0
        seen, self.seen = (self.seen if self.pages else None), None
        return seen

    def derive(self, key: object, sources: tuple[object, ...], make: Callable[[], T]) -> T:
        """`make()`, or the value it gave in the previous build if it was made from the
        very same objects (`is`, not `==`: the model is frozen, so the same object means
        the same value, and the test costs nothing where `==` would walk them)."""
        kept = self.derived.get(key)
        if (
            kept is not None
            and len(kept[0]) == len(sources)
            and all(map(operator.is_, kept[0], sources))
        ):
            self._derived_next[key] = kept
            made: T = kept[1]  # what `make` gave: of type T (annotated, not cast: no call)
            return made
        made = make()
        self._derived_next[key] = (sources, made)
        return made

    def derive_each(
        self,
        key: str,
        entries: Iterable[tuple[str, tuple[object, ...]]],
        make: Callable[[str], T],
    ) -> tuple[T, ...]:
        """`derive` for many values at once: for each (name, sources) of `entries`,
        `make(name)` or the value it gave for that name in the previous build if it was
        made from the very same sources. In one loop, without a call per value: for what
        every build asks of every text."""
        previous = self.each.get(key, {})
        made: dict[str, tuple[tuple[object, ...], Any]] = {}
        for name, sources in entries:
            kept = previous.get(name)
            if (
                kept is None
                or len(kept[0]) != len(sources)
                or not all(map(operator.is_, kept[0], sources))
            ):
                kept = (sources, make(name))
            made[name] = kept
        self._each_next[key] = made
        return tuple(value for _, value in made.values())

    def reused(self, path: str, inputs: object) -> object | None:
        kept = self.pages.get(path)
        if kept is not None and kept[0] == inputs:
            self._next[path] = kept
            return kept[1]
        return None

    def previous(self, path: str) -> object | None:
        """What the previous build made at `path`, if it is still the one to compare with."""
        kept = self.pages.get(path)
        return None if kept is None else kept[1]

    def carry(self, path: str) -> None:
        """Keep the previous build's page at `path`, as it was, for the next build too."""
        self._next[path] = self.pages[path]
        self.carried += 1

    def keep(self, path: str, inputs: object, made: object, *, rendered: bool = True) -> None:
        self._next[path] = (inputs, made)
        self.rendered += rendered

    def end(self, seen: Seen | None = None) -> None:
        self.pages = self._next  # pages no longer generated are forgotten
        self.seen = seen
        self.derived, self._derived_next = self._derived_next, {}
        self.each, self._each_next = self._each_next, {}


def _derive(
    memo: PageMemo | None, key: object, sources: tuple[object, ...], make: Callable[[], T]
) -> T:
    return make() if memo is None else memo.derive(key, sources, make)


def _derive_each(
    memo: PageMemo | None,
    key: str,
    entries: Iterable[tuple[str, tuple[object, ...]]],
    make: Callable[[str], T],
) -> tuple[T, ...]:
    if memo is None:
        return tuple(make(name) for name, _ in entries)
    return memo.derive_each(key, entries, make)


def shared_inputs(project: Project, memo: PageMemo | None = None) -> object:
    def annotations(text: SourceText) -> tuple[tuple[str, str, str], ...]:
        return tuple((a.id, a.kind, a.anchor.text_slug) for a in text.annotations)

    # Each part is made again only when the registry or texts it is made of are new.
    actors, sources, events = project.actors, project.sources, project.events
    return (
        _derive(
            memo, "actors", (actors,), lambda: tuple((a.id, a.name, a.kind, a.role) for a in actors)
        ),
        # A source's short label in notes (pages.short_source) shows publisher and date.
        _derive(
            memo,
            "sources",
            (sources,),
            lambda: tuple((s.id, s.title, s.publisher, s.date) for s in sources),
        ),
        _derive(
            memo, "texts", project.texts, lambda: tuple((t.slug, t.title) for t in project.texts)
        ),
        _derive_each(
            memo,
            "annotations",
            ((t.slug, (t,)) for t in project.texts),
            lambda slug: annotations(project.text[slug]),
        ),
        _derive(memo, "events", (events,), lambda: tuple((e.id, e.title) for e in events)),
    )


_KINDS_SHOWN: tuple[LinkKind, ...] = ("independent", "same_report", "denial", "dispute")


def text_inputs(text: SourceText, index: ProjectIndex, memo: PageMemo | None = None) -> object:
    """The text, the claims its claims are linked to (on its page with their own words and
    where they come from) and the events it gives an account of."""
    accounts = index.accounts_in(text.slug)

    def made() -> object:
        claims = [a for a in text.annotations if isinstance(a, Claim)]
        return (text, tuple(index.linked(c, *_KINDS_SHOWN) for c in claims), accounts)

    if memo is None:
        return made()
    # The same while the text, its accounts and every claim it is linked to are the
    # very objects they were.
    linked = map(index.project.annotation.get, text.linked_claim_ids)
    return memo.derive(("text", text.slug), (text, accounts, *linked), made)


def actor_inputs(actor: Actor, index: ProjectIndex, memo: PageMemo | None = None) -> object:
    found = index.mentions_of(actor.id)  # the same tuple while no text it names changed
    mentions = _derive(
        memo,
        ("mentions", actor.id),
        (found,),
        lambda: tuple(
            (text.slug, text.text, text.paragraphs[m.anchor.paragraph - 1], m) for text, m in found
        ),
    )
    return (
        actor,
        index.inverse_relations(actor.id),
        index.claims_by(actor.id),
        index.claims_about(actor.id),
        index.events_of(actor.id),
        mentions,
    )


def chronology_inputs(
    project: Project, index: ProjectIndex, memo: PageMemo | None = None
) -> object:
    """The events, and what the timeline shows of the claims marked on each account's
    passages (who says so, status) and of each telling text (which source is the text
    itself, so that it is not listed again)."""

    def over(slug: str) -> tuple[tuple[Claim, ...], ...]:
        text = project.text[slug]
        return tuple(claims_over(text, account.passages) for _, account in index.accounts_in(slug))

    # Every account is in the accounts of its text (index.accounts_in), in one order. What
    # claims_over reads: the text and the passages (its accounts).
    accounts = operator.itemgetter(1)
    entries = ((t.slug, (t, *map(accounts, index.accounts_in(t.slug)))) for t in project.texts)
    claims = _derive_each(memo, "claims over", entries, over)
    return (project.events, claims, tuple((t.slug, t.source_id) for t in project.texts))


def source_inputs(source: Source, index: ProjectIndex) -> object:
    """One section of the sources page: the source and what rests on it."""
    c = index.citing(source.id)
    texts = tuple(t.slug for t in c.is_text), tuple(t.slug for t in c.reported_in)
    return (source, c.claims, c.contexts, c.events, c.actors, texts)


def texts_index_inputs(
    project: Project, index: ProjectIndex, memo: PageMemo | None = None
) -> object:
    def row(slug: str) -> object:
        text, accounts = project.text[slug], index.accounts_in(slug)
        return (text.provenance, tuple(a.kind for a in text.annotations), accounts, text.paragraphs)

    entries = ((t.slug, (t, index.accounts_in(t.slug))) for t in project.texts)
    return _derive_each(memo, "texts index", entries, row)


def actors_index_inputs(project: Project, index: ProjectIndex) -> object:
    return tuple(
        (
            len(index.mentions_of(a.id)),
            len(index.claims_by(a.id)),
            len(index.claims_about(a.id)),
            len(index.events_of(a.id)),
        )
        for a in project.actors
    )
