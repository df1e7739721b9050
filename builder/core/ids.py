"""Ids and slugs: the one definition every stage uses.

An id names an actor, source, annotation or event; a slug names a text (its file
name without `.txt`). Both become parts of URLs, HTML ids and footnote labels, so
they are matched in full (never with `$`, which also accepts a trailing newline)
and limited in length.
"""

from __future__ import annotations

import re

MAX_ID_LENGTH = 80
# For JSON Schema and pydantic (whose regex engine anchors `$` at the very end).
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_SLUG_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

# Names the generated pages use: a text or actor with one of these ids would replace
# an index page (texts/index.md, actors/index.md).
RESERVED_NAMES = frozenset({"index"})


def is_slug(value: object) -> bool:
    """True for `lowercase-words-and-digits` of at most MAX_ID_LENGTH characters."""
    return (
        isinstance(value, str)
        and len(value) <= MAX_ID_LENGTH
        and _SLUG_RE.fullmatch(value) is not None
    )
