"""Spans and paragraphs of a text, in Unicode code points (Python `str` indices), as in the
W3C Web Annotation TextPositionSelector."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple


class Span(NamedTuple):
    """Start and end offsets. A named tuple, not a dataclass: spans are created, sorted and
    compared tens of thousands of times per text, and tuples do that in C."""

    start: int
    end: int

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True)
class Paragraph:
    number: int  # 1-based, as shown on the page
    span: Span
    line: int  # line in the text file, 1-based


def paragraphs(text: str) -> list[Paragraph]:
    """One paragraph per non-blank line."""
    out: list[Paragraph] = []
    offset = 0
    for line_number, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        if stripped:
            start = offset + (len(line) - len(line.lstrip()))
            out.append(Paragraph(len(out) + 1, Span(start, start + len(stripped)), line_number))
        offset += len(line) + 1
    return out


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column (in code points) of `offset` in `text`."""
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col
