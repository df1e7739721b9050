"""Pieces of pages that many pages, or many builds, show the same: `once` in templates.

`{{ once.claim(claim_item, page, claim, project) }}`: a claim's item, made once per build
for all the pages of one folder. A claim is listed on the page of every actor it is about,
and its item, links included, is the same on all of them (links are relative to the
folder), except on the page of an actor it links to (a link to the page itself goes to its
title), which gets its own.

`{{ once.mentions(page, mentions) }}`: an actor's mention lines (render/inline.py), one
line per mention, so made text by text.

Under `mkdocs serve` (with the page memo, render/reuse.py) both are also kept between
builds, while made from the very same objects (`PageMemo.derive`): a claim's item from the
claim and the names and titles every page shows (`PageMemo.shared_token`), each text's
mention lines from its (text, mention) pairs in the index, which hold what they quote.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from functools import partial
from itertools import groupby
from operator import itemgetter
from typing import Any

from markupsafe import Markup

from builder.core.model import Claim, Mention, SourceText
from builder.render.inline import mention_lines
from builder.render.reuse import PageMemo
from builder.render.routes import actor_page


class Fragments:
    def __init__(self, memo: PageMemo | None = None) -> None:
        self._memo = memo
        self._made: dict[tuple[str, str, str], Markup] = {}

    def claim(self, make: Callable[..., Markup], page: str, claim: Claim, *args: Any) -> Markup:
        attribution = claim.attribution
        linked = {actor_page(a) for a in (attribution.actor_id, attribution.relayed_by) if a}
        key = (make.__name__, page if page in linked else posixpath.dirname(page), claim.id)
        made = self._made.get(key)
        if made is None:
            build = partial(make, page, claim, *args)
            memo = self._memo
            made = build() if memo is None else memo.derive(key, (claim, memo.shared_token), build)
            self._made[key] = made
        return made

    def mentions(self, page: str, mentions: tuple[tuple[SourceText, Mention], ...]) -> Markup:
        memo = self._memo
        if memo is None:
            return mention_lines(page, mentions)
        # Text by text (the index lists them in the order of the texts): an edit to one
        # text makes only its lines again.
        lines = []
        for number, (text, in_text) in enumerate(groupby(mentions, key=itemgetter(0))):
            own = tuple(in_text)
            key = ("mention lines", page, number, text.slug)
            lines.append(memo.derive(key, own, partial(mention_lines, page, own)))
        return Markup("".join(lines))
