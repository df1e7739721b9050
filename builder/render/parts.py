"""A generated page's final clean-up, whole or part by part.

Every page leaves its template with runs of blank lines closed up and no whitespace at
either end (`cleaned`). The sources page is 3 MB at a thousand texts and is made of one
section per source, most of them unchanged by an edit: under `mkdocs serve`, cleaning,
scanning for actor links (render/previews.py) and encoding it whole again would be most of
a rebuild's render. So each section is cleaned, scanned and encoded on its own as a `Part`
(kept with its section by render/reuse.py), and the page is the parts joined (`joined`):
byte for byte what `cleaned` and the preview data make of the whole page, which
tests/test_parts.py checks on parts built to meet at every kind of seam. Where two parts
would meet in a way the seams cannot account for, `joined` says so and the page is made
whole (`whole`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

# A text's link targets, in order of first appearance (render/previews.py).
ScanLinks = Callable[[str], tuple[str, ...]]

_BLANK_LINES = re.compile(r"\n{3,}")


def cleaned(text: str) -> str:
    """A rendered page as it is handed on: runs of blank lines closed up to one, no
    whitespace at either end, one final newline."""
    # One step at a time, so that no more than two copies of a page (3 MB at 1,000
    # texts for the chronology or the sources) are alive at once.
    text = _BLANK_LINES.sub("\n\n", text)
    text = text.strip()
    text += "\n"  # in place: nothing else holds the string
    return text


@dataclass(frozen=True, kw_only=True)
class Part:
    """One section of a page, cleaned on its own: its `core` (the text between the
    newlines at its two ends, runs of blank lines closed up) as UTF-8, how many newlines
    it began and ended with, and the link targets `scan` found in it."""

    core: bytes
    leading: int
    trailing: int
    bare_ends: bool  # the core begins and ends with a character that is not whitespace
    found: tuple[str, ...]


def part(text: str, scan: ScanLinks) -> Part:
    """`text` (a rendered section) as a Part; `scan` finds the link targets in a text."""
    core = text.strip("\n")
    leading = len(text) - len(text.lstrip("\n"))
    trailing = len(text) - leading - len(core)
    core = _BLANK_LINES.sub("\n\n", core)
    bare = bool(core) and not core[0].isspace() and not core[-1].isspace()
    # A newline follows every core in the joined page (`joined` makes sure of it), and
    # a link target is only seen with the character after it.
    return Part(
        core=core.encode("utf-8"),
        leading=leading,
        trailing=trailing,
        bare_ends=bare,
        found=scan(core + "\n"),
    )


def joined(parts: Sequence[Part]) -> tuple[bytes, tuple[str, ...]] | None:
    """The page the parts make, as `cleaned` makes it of their texts put together, as
    UTF-8, and the link targets found in it (each once, in order); None where the seams
    cannot be joined part by part: two parts with no newline between them (a link could
    run across), or whitespace other than newlines at either end of the page."""
    kept = [p for p in parts if p.core]
    if not kept or not kept[0].bare_ends or not kept[-1].bare_ends:
        return None
    chunks: list[bytes] = []
    newlines = 0  # newlines since the last core, carried over parts with no core
    for p in parts:
        newlines += p.leading
        if not p.core:
            continue
        if chunks:
            if newlines == 0:
                return None
            chunks.append(b"\n\n" if newlines >= 3 else b"\n" * newlines)
        chunks.append(p.core)
        newlines = p.trailing
    chunks.append(b"\n")
    found = dict.fromkeys(target for p in kept for target in p.found)
    return b"".join(chunks), tuple(found)


def whole(parts: Sequence[Part]) -> str:
    """The parts' texts put together and cleaned whole (where `joined` cannot)."""
    # A part's core had its runs of blank lines closed up already: closing them up
    # again over the whole text gives what it would have given at once.
    texts = ("\n" * p.leading + p.core.decode("utf-8") + "\n" * p.trailing for p in parts)
    return cleaned("".join(texts))
