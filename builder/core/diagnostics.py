"""Errors located in contributor files: `path:line:col: message` plus a hint.

Every stage appends to one `Diagnostics` collection instead of raising, so a
contributor sees every mistake of a pull request in one run.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]

# C0 and C1 controls, DEL, bidi embeddings/overrides/isolates, zero-width and other
# invisible format characters, line and paragraph separators. Contributor strings
# that reach a terminal or a log can carry these to fake lines or hide text.
_UNSAFE_CHARS = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f"
    "\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]"
)


def printable(text: str) -> str:
    """`text` with every control or invisible character shown as an escape (`\\x1b`,
    `\\u202e`); newlines only where the builder itself put them (see `Diagnostic`)."""
    return _UNSAFE_CHARS.sub(_escape_char, text)


def _escape_char(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def one_line(text: str) -> str:
    """Like `printable`, with newlines escaped too: for a value inside a message."""
    return printable(text).replace("\n", "\\n")


@dataclass(frozen=True, order=True)
class Location:
    """A place in a contributor file. Lines and columns count from 1."""

    path: str
    line: int = 1
    col: int = 1

    def __str__(self) -> str:
        return f"{one_line(self.path)}:{self.line}:{self.col}"


@dataclass(frozen=True)
class Diagnostic:
    location: Location
    message: str
    hint: str = ""
    severity: Severity = "error"
    excerpt: str = ""  # lines of the file with a caret under the place (syntax errors)
    # A stable, kebab-case name of the kind of problem (`quote-not-found`): it does not
    # change when the wording does, so tools, waivers and the guide's list can rely on it.
    # Required, so no diagnostic can be added without one (docs/contributing.md lists them).
    code: str = field(kw_only=True)
    from_warning: bool = field(default=False, kw_only=True)  # made an error by --strict

    # Messages and hints may quote contributor strings: every format shows them on one
    # line with control and invisible characters escaped, so no input can fake an
    # `ok:` line, recolour a terminal or hide the real error.

    def format_text(self) -> str:
        tag = f"[{self.code}]" if self.code else ""
        out = f"{self.location}: {self.severity}{tag}: {one_line(self.message)}"
        if self.hint:
            out += f"\n    hint: {one_line(self.hint)}"
        if self.from_warning:
            out += "\n    (a warning: --strict counts it as an error)"
        for line in self.excerpt.splitlines():
            out += f"\n    {one_line(line)}"
        return out

    def format_github(self) -> str:
        """A GitHub Actions workflow command: shows inline on the pull request diff."""
        loc = self.location
        text = one_line(self.message) + (f" (hint: {one_line(self.hint)})" if self.hint else "")
        props = f"file={_gh_prop(one_line(loc.path))},line={loc.line},col={loc.col}"
        if self.code:
            props += f",title={_gh_prop(self.code)}"
        return f"::{self.severity} {props}::{_gh_data(text)}"

    def as_dict(self) -> dict[str, object]:
        return {
            "path": one_line(self.location.path),
            "line": self.location.line,
            "col": self.location.col,
            "severity": self.severity,
            "code": self.code,
            "message": one_line(self.message),
            "hint": one_line(self.hint),
            "excerpt": printable(self.excerpt),
            "strict_warning": self.from_warning,
        }


def _gh_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_prop(value: str) -> str:
    return _gh_data(value).replace(":", "%3A").replace(",", "%2C")


@dataclass
class Diagnostics:
    """An ordered, de-duplicated collection of diagnostics (errors and warnings).

    Errors stop the build; warnings are printed and the build goes on, unless
    `check --strict` makes them errors."""

    items: list[Diagnostic] = field(default_factory=list)
    # Membership in a set, not a scan of `items`: thousands of diagnostics stay linear.
    _seen: set[Diagnostic] = field(default_factory=set, repr=False, compare=False)

    def add(self, diagnostic: Diagnostic) -> None:
        if diagnostic not in self._seen:
            self._seen.add(diagnostic)
            self.items.append(diagnostic)

    def error(
        self, location: Location, message: str, hint: str = "", *, code: str, excerpt: str = ""
    ) -> None:
        self.add(Diagnostic(location, message, hint, excerpt=excerpt, code=code))

    def warning(self, location: Location, message: str, hint: str = "", *, code: str) -> None:
        self.add(Diagnostic(location, message, hint, "warning", code=code))

    def extend(self, other: Diagnostics) -> None:
        for item in other.items:
            self.add(item)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity == "warning"]

    @property
    def has_errors(self) -> bool:
        return any(d.severity == "error" for d in self.items)

    def strict(self) -> Diagnostics:
        """A copy in which every warning is an error (`check --strict`)."""
        out = Diagnostics()
        for d in self.items:
            promoted = d.from_warning or d.severity == "warning"
            out.add(
                Diagnostic(
                    d.location,
                    d.message,
                    d.hint,
                    "error",
                    d.excerpt,
                    code=d.code,
                    from_warning=promoted,
                )
            )
        return out

    def sorted(self) -> list[Diagnostic]:
        return sorted(self.items, key=lambda d: (d.location, d.message))

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(self.sorted())

    def __len__(self) -> int:
        return len(self.items)

    def format(self, style: Literal["text", "github", "json"] = "text") -> str:
        ordered = self.sorted()
        if style == "json":
            return json.dumps([d.as_dict() for d in ordered], indent=2, ensure_ascii=False)
        if style == "github":
            return "\n".join(d.format_github() for d in ordered)
        return "\n".join(d.format_text() for d in ordered)


class BuildFailed(Exception):
    """Raised by front ends when the pipeline reported errors."""

    def __init__(self, diagnostics: Diagnostics) -> None:
        self.diagnostics = diagnostics
        count = len(diagnostics.errors)
        super().__init__(
            f"{count} error{'s' if count != 1 else ''} in source_texts/:\n" + diagnostics.format()
        )
