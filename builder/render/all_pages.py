"""Stage 5, the whole site: every generated page of one build, in the order it is made.

render/pages.py renders one page from its template; this module makes them all: the
indexes, the text and actor pages, the chronology and the sources page (rendered section by
section). Under `mkdocs serve` (a `memo` of the previous build) a page or section whose
inputs have not changed is reused (render/reuse.py).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2

from builder.core.index import ProjectIndex
from builder.core.index_parts import IndexMemo
from builder.core.model import Project
from builder.render import changes, parts, previews, reuse
from builder.render.fragments import Fragments
from builder.render.pages import Views, environment, render_one
from builder.render.pageset import Pages
from builder.render.reuse import PageMemo
from builder.render.routes import (
    ACTORS_INDEX,
    CHRONOLOGY,
    SOURCES,
    TEXTS_INDEX,
    actor_page,
    text_page,
)
from builder.render.schema_org import SiteAddress


def render_pages(
    project: Project,
    memo: PageMemo | None = None,
    site: SiteAddress | None = None,
    folder: Path | None = None,
    index_memo: IndexMemo | None = None,
) -> Pages:
    """Every generated page, keyed by its path under the docs folder; `site` (where the
    site is published) makes the IRIs of each page's JSON-LD (builder/render/schema_org.py).

    With a `memo` of the previous build (`mkdocs serve`), a page (or a section of the
    sources page) whose inputs have not changed is reused rather than rendered again
    (builder/render/reuse.py). With a `folder`, each page is written there as it is made
    and not kept in memory (`mkdocs build`, render/pageset.py)."""
    run = _Run(project, memo, site or SiteAddress(), folder, index_memo)
    index = run.index
    run.page(
        TEXTS_INDEX, "texts_index.md.j2", partial(reuse.texts_index_inputs, project, index, memo)
    )
    run.page(ACTORS_INDEX, "actors_index.md.j2", partial(reuse.actors_index_inputs, project, index))
    reach = run.reach
    for text in project.texts:
        path = text_page(text.slug)
        if reach.text(text.slug) or not run.carried(path):
            inputs = partial(reuse.text_inputs, text, index, memo)
            run.page(path, "text.md.j2", inputs, text=text)
    for actor in project.actors:
        path = actor_page(actor.id)
        if reach.actor(actor.id) or not run.carried(path):
            inputs = partial(reuse.actor_inputs, actor, index, memo)
            run.page(path, "actor.md.j2", inputs, actor=actor)
    run.page(CHRONOLOGY, "chronology.md.j2", partial(reuse.chronology_inputs, project, index, memo))
    run.sources_page()
    if memo is not None:
        memo.end(changes.Seen.of(project))
    return run.pages.sorted()


class _Run:
    """One build's pages as they are made, with what every page's template reads."""

    def __init__(
        self,
        project: Project,
        memo: PageMemo | None,
        site: SiteAddress,
        folder: Path | None,
        index_memo: IndexMemo | None,
    ) -> None:
        self.project, self.memo = project, memo
        self.index = ProjectIndex.build(project, index_memo)  # every reverse lookup, once
        self.common: Mapping[str, Any] = {
            "project": project,
            "views": Views(project, self.index),
            "index": self.index,
            "once": Fragments(memo),
            "site": site,
        }
        # Which pages an edit can reach (render/changes.py): all, without a memo.
        self.reach = changes.EVERYTHING
        if memo is not None:
            shared = reuse.shared_inputs(project, memo)
            seen = memo.begin((_templates_fingerprint(), shared, site))
            self.reach = changes.reach(project, seen, index_memo)
        self.pages = Pages(folder=folder)  # with a folder, each page is written there
        self.finish = previews.Finisher(project, self.index, memo, self.reach)  # script data

    def carried(self, path: str) -> bool:
        """Hand on the previous build's page at `path` as it was, if no edit reached the
        actors whose cards it shows either (the caller knows none reached the page)."""
        memo = self.memo
        kept = memo.previous(path) if memo is not None else None
        if memo is None or not isinstance(kept, previews.Finished):
            return False
        if self.finish.again(kept) is not kept:
            return False  # its cards are to be made again: by `page`
        memo.carry(path)
        self.pages.add_encoded(path, kept.encoded)
        return True

    def page(
        self, path: str, template: str, inputs_of: Callable[[], object], **context: Any
    ) -> None:
        """Render the page at `path` (or reuse it) and hand it on."""
        memo = self.memo
        # A page's inputs (reuse.py) are worked out only when there is a memo to compare
        # them with: a build from nothing would spend a tenth of the render on them.
        inputs = inputs_of() if memo is not None else None
        kept = memo.reused(path, inputs) if memo is not None else None
        # Reused or not, a page's actor cards are brought up to date: never stale.
        finished = self.finish.again(kept) if isinstance(kept, previews.Finished) else None
        rendered = finished is None
        if finished is None:
            made = render_one(template, path, **context, **self.common)
            finished = self.finish(path, made)
        if memo is not None and finished is not kept:
            memo.keep(path, inputs, finished, rendered=rendered)
        self.pages.add_encoded(path, finished.encoded)

    def _part(
        self,
        key: str,
        inputs_of: Callable[[], object],
        render: Callable[[], parts.Part],
        reached: bool = True,
    ) -> parts.Part:
        """A section of a page, reused while its inputs are the same: as it was, without
        working them out, when no edit `reached` it."""
        memo = self.memo
        if not reached and memo is not None:
            kept = memo.previous(key)
            if isinstance(kept, parts.Part):
                memo.carry(key)
                return kept
        inputs = inputs_of() if memo is not None else None
        kept = memo.reused(key, inputs) if memo is not None else None
        if not isinstance(kept, parts.Part):
            kept = render()
            if memo is not None:
                memo.keep(key, inputs, kept)
        return kept

    def sources_page(self) -> None:
        """The sources page lists what rests on every source: at a thousand texts any
        edited claim would render it all again, so its sections are rendered and reused
        one by one."""
        section = environment().get_template("source.md.j2")
        head = environment().get_template("sources.md.j2")
        common, index = self.common, self.index
        sections = (
            _section(head, page=SOURCES, **common),
            *(
                self._part(
                    f"{SOURCES}#src-{source.id}",
                    partial(reuse.source_inputs, source, index),
                    partial(_section, section, page=SOURCES, source=source, **common),
                    self.reach.source(source.id),
                )
                for source in self.project.sources
            ),
        )

        def joined() -> previews.Finished:
            return self.finish.joined(SOURCES, sections)

        # The page is its sections joined: the same sections (the very parts) make it again.
        # The head is compared by value: it is made again on every build.
        memo = self.memo
        made = memo.derive((SOURCES, sections[0]), sections[1:], joined) if memo else joined()
        self.pages.add_encoded(SOURCES, (self.finish.again(made) or joined()).encoded)


def _section(template: jinja2.Template, **context: Any) -> parts.Part:
    # Cleaned, scanned and encoded on its own, so that a rebuild joins kept sections.
    return parts.part(template.render(**context), partial(previews.linked_actors, SOURCES))


def _templates_fingerprint() -> tuple[tuple[str, int], ...]:
    """When each template file last changed: an edited template renders every page again."""
    folder = Path(str(resources.files("builder.render") / "templates"))
    return tuple((p.name, p.stat().st_mtime_ns) for p in sorted(folder.glob("*.j2")))
