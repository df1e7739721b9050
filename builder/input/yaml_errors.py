"""YAML syntax errors in plain words, for the slips contributors make most.

libyaml says "mapping values are not allowed in this context" or "did not find expected
'-' indicator"; a contributor needs "this value contains ': ' — put it in quotes" or "this
line is indented 3 spaces, the lines around it 4". `explain` looks at the source lines
around the parser's mark to tell the common slips apart: a tab, a missing space after a
colon, an unquoted colon in a value, a quote or bracket never closed, a character that
cannot start a value, wrong indentation. The parser's own words follow in the hint, so
nothing is hidden, but they never stand alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# `key:value` (no space after the colon) at the start of a line, possibly a list item.
_NO_SPACE_AFTER_COLON = re.compile(r"^\s*(?:- +)?([A-Za-z_][A-Za-z0-9_]*):([^\s:/][^\n]*)$")
# `key: some words: more words`: an unquoted value that contains ': '.
_COLON_IN_VALUE = re.compile(
    r"^\s*(?:- +)?([A-Za-z_][A-Za-z0-9_]*): +([^'\"\[{|>\n][^\n]*?: [^\n]*)$"
)


@dataclass(frozen=True, kw_only=True)
class Explained:
    line: int  # 1-based
    col: int
    message: str
    hint: str
    code: str  # the diagnostic's stable code: which slip this is


def excerpt(source: str, line: int, col: int) -> str:
    """The source line with a caret under column `col` (both 1-based), or '' if none."""
    lines = source.split("\n")
    if not 1 <= line <= len(lines):
        return ""
    # A tab is shown as an arrow: one column wide, so the caret stays in place, and
    # visible, since a tab in the indentation is often the very slip being reported.
    text = lines[line - 1].replace("\t", "→")
    caret = " " * (min(col, len(text) + 1) - 1) + "^"
    return f"{line:>4} | {text}\n     | {caret}"


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _previous(lines: list[str], line: int) -> tuple[int, str] | None:
    """The nearest non-blank, non-comment line before `line` (1-based), with its number."""
    for number in range(line - 1, 0, -1):
        text = lines[number - 1]
        if text.strip() and not text.lstrip().startswith("#"):
            return number, text
    return None


def _missing_space(lines: list[str], line: int) -> Explained | None:
    for number in range(line, max(0, line - 3), -1):
        if number > len(lines):
            continue
        match = _NO_SPACE_AFTER_COLON.match(lines[number - 1])
        if match:
            key = match.group(1)
            return Explained(
                line=number,
                col=match.end(1) + 1,
                message=f"missing space after `{key}:`",
                hint=f"write a space after the colon: {key}: {match.group(2).strip()}",
                code="yaml-missing-space",
            )
    return None


def _explain_problem(lines: list[str], line: int, col: int, problem: str) -> Explained | None:
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    if "tab" in problem:
        return Explained(
            line=line,
            col=here.index("\t") + 1 if "\t" in here else 1,
            message="this line is indented with a tab (shown as → below)",
            hint="YAML needs spaces: replace the tab with spaces, as many as the lines around it",
            code="yaml-tab-indent",
        )
    if "mapping values are not allowed" in problem or "could not find expected ':'" in problem:
        slip = _missing_space(lines, line)
        if slip:
            return slip
        match = _COLON_IN_VALUE.match(here)
        if match:
            key, value = match.group(1), match.group(2).strip()
            return Explained(
                line=line,
                col=match.start(2) + 1,
                message=f"the value of `{key}` contains ': ', which YAML reads as a new key",
                hint=f'put the whole value in double quotes: {key}: "{value}"',
                code="yaml-colon-in-value",
            )
    if "cannot start any token" in problem and col <= len(here):
        char = here[col - 1]
        return Explained(
            line=line,
            col=col,
            message=f"a value cannot start with {char!r} unless it is quoted",
            hint=f'put the value in double quotes, e.g. "{here[col - 1 :].strip()}"',
            code="yaml-reserved-character",
        )
    if "expected ',' or ']'" in problem or "expected ',' or '}'" in problem:
        bracket = "]" if "]" in problem else "}"
        return Explained(
            line=line,
            col=col,
            message=f"a list or mapping opened with {'[' if bracket == ']' else '{'} is not closed "
            f"with {bracket} before this point",
            hint=f"close it with {bracket} on the line where it starts, and put values that "
            "contain commas in quotes",
            code="yaml-unclosed-bracket",
        )
    return _indentation(lines, line, col, problem)


def _indentation(lines: list[str], line: int, col: int, problem: str) -> Explained | None:
    indentation_words = (
        "expected '-' indicator",
        "expected <block end>",
        "expected key",
        "could not find expected ':'",
    )
    if not any(words in problem for words in indentation_words) and (
        "mapping values are not allowed" not in problem
    ):
        return None
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    if not here.strip():  # the parser noticed at the end: the slip is on the line before
        last = _previous(lines, line)
        if last is None:
            return None
        line, here = last
    before = _previous(lines, line)
    if before is None:
        return None
    number, text = before
    in_list = text.lstrip().startswith("- ") and not here.lstrip().startswith("-")
    if in_list and _indent(here) == _indent(text):
        return Explained(
            line=line,
            col=_indent(here) + 1,
            message=f"this line is in the list of line {number} but does not start with '- '",
            hint="start each list entry with '- ', or indent a field of the entry above "
            "to line up with its first field",
            code="yaml-missing-dash",
        )
    return Explained(
        line=line,
        col=_indent(here) + 1,
        message=f"this line is indented {_indent(here)} spaces, which does not fit the lines "
        f"above it (line {number} is indented {_indent(text)})",
        hint="fields of one entry line up exactly, with spaces; a list entry starts with '- ' "
        "and its fields line up under the first one",
        code="yaml-indentation",
    )


def explain(
    source: str, line: int, col: int, problem: str, context: str = "", context_line: int = 0
) -> Explained:
    """Plain words for a syntax error the parser reported at `line`:`col` (1-based)."""
    lines = source.split("\n")
    # The parser's own words ("could not find expected ':'") are left out wherever plain
    # words explain the slip: they puzzled newcomers more than they helped. Only an error
    # we have no words for (yaml-syntax) shows them, as its message.
    if "end of stream" in problem and "quoted scalar" in context and context_line:
        opened = lines[context_line - 1] if context_line <= len(lines) else ""
        quote = next((c for c in opened if c in "\"'"), '"')
        return Explained(
            line=context_line,
            col=max(1, opened.find(quote) + 1),
            message=f"YAML syntax error: a quote {quote} opened here is never closed",
            hint=f"end the value with {quote} on the same line",
            code="yaml-unclosed-quote",
        )
    explained = _explain_problem(lines, line, col, problem)
    if explained is None:
        return Explained(
            line=line,
            col=col,
            message=f"YAML syntax error: {problem}",
            hint="check the indentation (spaces only) of this line and the one before, and "
            "quote values that contain ': ' or start with a symbol",
            code="yaml-syntax",
        )
    return Explained(
        line=explained.line,
        col=explained.col,
        message=f"YAML syntax error: {explained.message}",
        hint=explained.hint,
        code=explained.code,
    )
