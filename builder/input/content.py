"""Characters in contributor input: what no text or field may hold, and what is only
worth a warning.

- A source text must hold words: an empty or blank text is an error.
- Control characters other than tab and newline (NUL from a binary file, form feeds
  from a PDF, C1 controls from a wrong encoding) are an error in a text and in every
  YAML string, at the first one's line and column.
- Bidi controls (embeddings, overrides, isolates: U+202A-U+202E, U+2066-U+2069) and
  zero-width characters (U+200B, U+2060, U+FEFF) can reorder or hide words wherever
  they are shown. In a source text they are a warning, since the text stays verbatim;
  in every YAML string a contributor writes (titles, names, aliases, notes, ids...)
  they are an error, except in quotes (`exact`, `prefix`, `suffix`, passages), which
  must match the text character for character.

ZWNJ (U+200C) and ZWJ (U+200D) are allowed everywhere: Persian, Arabic and Indic names
need them.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from builder.core.diagnostics import Diagnostics, Location
from builder.core.spans import line_col
from builder.input.load import RawText, YamlDocument, YamlPath

INVISIBLE = re.compile("[\u202a-\u202e\u2066-\u2069\u200b\u2060\ufeff]")
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_UNSAFE_IN_FIELDS = re.compile(f"{INVISIBLE.pattern}|{CONTROL.pattern}")
# Fields whose strings must match the source text exactly: they may hold what it holds.
_QUOTE_FIELDS = frozenset({"quote", "passages"})


def describe_char(char: str) -> str:
    """`U+202E RIGHT-TO-LEFT OVERRIDE`, or `U+0000` for a character without a name."""
    return f"U+{ord(char):04X} {unicodedata.name(char, '')}".rstrip()


def check_text(raw: RawText, diagnostics: Diagnostics) -> bool:
    """Report what is wrong with a source text's characters; False if it cannot be used."""
    text = raw.text
    if not text.strip():
        diagnostics.error(
            Location(raw.path),
            "the text is empty" if not text else "the text holds only spaces and blank lines",
            "paste the source text into the file, one paragraph per line",
            code="empty-text",
        )
        return False
    control = CONTROL.search(text)
    if control:
        others = len(CONTROL.findall(text)) - 1
        diagnostics.error(
            Location(raw.path, *line_col(text, control.start())),
            f"the text contains the control character {describe_char(control.group())}"
            + (f" and {others} other(s)" if others else ""),
            "remove it: a source text holds only printable characters, tabs and line breaks "
            "(control characters come from binary files, PDFs or a wrong encoding)",
            code="control-character",
        )
        return False
    counts = Counter(INVISIBLE.findall(text))
    for char, count in sorted(counts.items()):
        diagnostics.warning(
            Location(raw.path, *line_col(text, text.index(char))),
            f"the text contains {describe_char(char)} ({count} time(s)), an invisible "
            "character that can reorder or hide words on the page",
            "the text is kept as it is: check that the character is in the original, and "
            "add a text note if readers should know",
            code="invisible-character",
        )
    return True


def check_strings(document: YamlDocument, diagnostics: Diagnostics) -> None:
    """Report invisible and control characters in every string of a YAML file, quotes
    of the source text excepted."""
    stack: list[tuple[YamlPath, object]] = [((), document.data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, dict):
            stack.extend(
                ((*path, key), item)
                for key, item in value.items()
                if isinstance(key, str) and key not in _QUOTE_FIELDS
            )
        elif isinstance(value, list):
            stack.extend(((*path, index), item) for index, item in enumerate(value))
        elif isinstance(value, str):
            bad = _UNSAFE_IN_FIELDS.search(value)
            if bad:
                _report(document, path, bad.group(), diagnostics)


def _report(document: YamlDocument, path: YamlPath, char: str, diagnostics: Diagnostics) -> None:
    names = [step for step in path if isinstance(step, str)]
    field = f"`{names[-1]}`" if names else "this value"
    if CONTROL.fullmatch(char):
        diagnostics.error(
            document.location(path),
            f"{field} contains the control character {describe_char(char)}",
            "remove it; for text over several lines, use a YAML block (`>` or `|`)",
            code="control-character",
        )
        return
    diagnostics.error(
        document.location(path),
        f"{field} contains {describe_char(char)}, an invisible character that can reorder "
        "or hide text",
        "remove it (delete and retype the characters around it); ZWNJ and ZWJ, which some "
        "scripts need, are allowed",
        code="invisible-character",
    )
