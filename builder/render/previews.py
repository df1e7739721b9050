"""What docs/assets/explainer.js needs on a page, embedded in it: the words of its own
controls, and the preview card of every actor the page links to (issue 9).

Embedded, not fetched: the site also works opened from files, where fetch fails, and a
page holds only the few actors it links to. The data is JSON in an attribute of an empty,
hidden `<div>` at the end of the page (not in a `<script type="application/json">`:
Material's instant navigation re-creates a page's scripts without their `type` and runs
them). Attributes are not indexed by search. The JSON has `<`, `>`, `&`, U+2028 and U+2029
as `\\u` escapes, and is then escaped for the attribute, so no contributor text can end it;
the script shows every value as text, never as markup.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial

from markupsafe import Markup

from builder.core import prose
from builder.core.index import ProjectIndex
from builder.core.model import Actor, Project
from builder.render import labels, parts
from builder.render.changes import EVERYTHING, Reach
from builder.render.reuse import PageMemo
from builder.render.routes import actor_page

ELEMENT_ID = "explainer-data"
ATTRIBUTE = "data-explainer"
PROFILE_CHARACTERS = 220  # a card shows the start of the profile; the page has the rest

# A link target in the generated Markdown: `](../actors/x.md)`, `](x.md#y "title")`.
_LINK_TARGET = re.compile(r"\]\(([^)\s#]+\.md)[)#\s]")
_HTML_UNSAFE = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


def script_data(value: object) -> str:
    """`value` as JSON with nothing in it that HTML could read as markup."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.translate(_HTML_UNSAFE)


def page_data(page: str, markdown: str, project: Project, index: ProjectIndex) -> Markup:
    """The block to append to the generated page `page` whose Markdown is `markdown`."""
    actors = {
        actor_id: preview(project.actor[actor_id], index)
        for actor_id in linked_actors(page, markdown)
        if actor_id in project.actor
    }
    return data_element({"labels": controls(), "actors": actors})


def data_element(data: object) -> Markup:
    """The hidden element that holds `data` as JSON in its attribute."""
    # In single quotes, so that JSON's many double quotes need no escaping.
    value = html.escape(script_data(data), quote=False).replace("'", "&#x27;")
    return Markup(f"<div id=\"{ELEMENT_ID}\" hidden {ATTRIBUTE}='{value}'></div>\n")


def linked_actors(page: str, markdown: str) -> tuple[str, ...]:
    """The ids of the actor pages `markdown` links to, in order of first link."""
    folder = posixpath.dirname(page)
    found: dict[str, None] = {}
    # A page links to the same few targets again and again: each is resolved once.
    for target in dict.fromkeys(_LINK_TARGET.findall(markdown)):
        path = posixpath.normpath(posixpath.join(folder, target))
        actor_id = path.removeprefix("actors/").removesuffix(".md")
        if path == actor_page(actor_id) and "/" not in actor_id:
            found.setdefault(actor_id, None)
    return tuple(found)


@dataclass(frozen=True, kw_only=True)
class Finished:
    """A page as it is handed on: its Markdown, then the script's data, as UTF-8."""

    encoded: bytes
    markdown_bytes: int  # where the Markdown ends and the data begins
    linked: tuple[str, ...]  # the actors whose cards the data holds
    cards: tuple[dict[str, str], ...]


class Finisher:
    """Adds the script's data to each page of one build; each actor's card is made once."""

    def __init__(
        self,
        project: Project,
        index: ProjectIndex,
        memo: PageMemo | None = None,
        reach: Reach = EVERYTHING,
    ):
        self._project, self._index, self._memo, self._reach = project, index, memo, reach
        self._cards: dict[str, dict[str, str]] = {}

    def __call__(self, page: str, markdown: str) -> Finished:
        linked = tuple(a for a in linked_actors(page, markdown) if a in self._project.actor)
        return self._finished(markdown.encode("utf-8"), linked)

    def joined(self, page: str, sections: Sequence[parts.Part]) -> Finished:
        """The page made of `sections` (render/parts.py), each cleaned and scanned alone."""
        made = parts.joined(sections)
        if made is None:
            return self(page, parts.whole(sections))
        markdown, found = made
        return self._finished(markdown, tuple(a for a in found if a in self._project.actor))

    def again(self, kept: Finished) -> Finished | None:
        """A page reused from the previous build, with its cards brought up to date (an
        actor's profile or counts may have changed); None if one of its actors is gone."""
        reached = self._reach.actors  # the actors an edit may have changed (changes.py)
        if reached is not None:
            made, linked = kept.cards, kept.linked
            if all(
                self._card_if_any(a) == made[linked.index(a)] for a in reached.intersection(linked)
            ):
                return kept  # every other card is the previous build's
        # The cards already made this build, looked up in C; the others made or found gone.
        cards = tuple(map(self._cards.get, kept.linked))
        if None in cards:
            cards = tuple(map(self._card_if_any, kept.linked))
        if cards == kept.cards:
            return kept
        if None in cards:
            return None
        return self._finished(kept.encoded[: kept.markdown_bytes], kept.linked)

    def _card_if_any(self, actor_id: str) -> dict[str, str] | None:
        card = self._cards.get(actor_id)
        if card is not None:
            return card
        return self._card(actor_id) if actor_id in self._project.actor else None

    def _finished(self, markdown: bytes, linked: tuple[str, ...]) -> Finished:
        cards = tuple(self._card(a) for a in linked)
        data = data_element({"labels": controls(), "actors": dict(zip(linked, cards, strict=True))})
        encoded = b"".join((markdown, b"\n", data.encode("utf-8")))
        return Finished(encoded=encoded, markdown_bytes=len(markdown), linked=linked, cards=cards)

    def _card(self, actor_id: str) -> dict[str, str]:
        card = self._cards.get(actor_id)
        if card is None:
            actor, index = self._project.actor[actor_id], self._index
            # Under serve, the previous build's card while what it counts is the same.
            reads: tuple[object, ...] = (
                actor,
                index.mentions_of(actor_id),
                index.claims_by(actor_id),
                index.claims_about(actor_id),
            )
            make = partial(preview, actor, index)
            card = (
                make() if self._memo is None else self._memo.derive(("card", actor_id), reads, make)
            )
            self._cards[actor_id] = card
        return card


def preview(actor: Actor, index: ProjectIndex) -> dict[str, str]:
    """The few words of an actor's card: name, kind and role, the start of the profile,
    and how much the texts say by and about them."""
    texts = {text.slug for text, _ in index.mentions_of(actor.id)}
    card = {
        "name": actor.name,
        "kind": labels.ACTOR_KIND[actor.kind],
        "role": actor.role or "",
        "profile": _cut(card_text(actor.profile)) if actor.profile else "",
        "counts": labels.preview_counts(
            len(index.claims_by(actor.id)), len(index.claims_about(actor.id)), len(texts)
        ),
    }
    return {key: value for key, value in card.items() if value}


def controls() -> dict[str, object]:
    """The words of the script's own controls (builder/render/labels.py)."""
    return {
        "note": labels.NOTE_DIALOG,
        "close": labels.NOTE_CLOSE,
        "card": labels.PREVIEW_CARD,
    }


def _cut(text: str) -> str:
    if len(text) <= PROFILE_CHARACTERS:
        return text
    cut = text[:PROFILE_CHARACTERS]
    return (cut[: cut.rindex(" ")] if " " in cut else cut).rstrip(" ,;:") + "…"


def card_text(profile: str) -> str:
    """A profile as the one line of words a card shows: no markup, list items run on."""
    lines = (line.strip().removeprefix("- ") for line in prose.plain_text(profile).splitlines())
    return " ".join(word for line in lines for word in line.split())
