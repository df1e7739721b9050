"""Where each generated page lives, and links between pages and to anchors in them.

HTML ids in a page are unique by construction: paragraphs `p-N`, annotations
`ann-ID`, event passages `ev-ID` / `ev-ID_N`, sources `src-ID`, and every
heading that shows contributor text has an explicit id (`{ #title }`, ...), so
the toc extension never makes an id from contributor words.
"""

from __future__ import annotations

import posixpath
from functools import lru_cache

from markupsafe import Markup

from builder.core.model import Claim, Event, Project
from builder.core.prose import Reference


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
    same = to_page == from_page
    target = "" if same else _relative_path(_folder(from_page), to_page)
    return Markup(target + (f"#{fragment}" if fragment else ""))


@lru_cache(maxsize=65536)
def _relative_path(from_folder: str, to_page: str) -> str:
    # Pages live in a handful of folders, so a build asks the same few hundred thousand
    # questions many times over; relpath itself is slow (it makes both paths absolute).
    return posixpath.relpath(to_page, from_folder or ".")


# A page asks from its own folder hundreds of times: found once per page.
_folder = lru_cache(maxsize=8192)(posixpath.dirname)


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


def event_anchor(event: Event, index: int = 0) -> str:
    """The id of an event's passage: `ev-ID`, then `ev-ID_2`, `ev-ID_3`, ...

    `_` appears in no id or slug, so `ev-a_2` (the second passage of `a`) can never be the
    first passage of another event (an event `a-2` has `ev-a-2`)."""
    return f"ev-{event.id}" if index == 0 else f"ev-{event.id}_{index + 1}"
