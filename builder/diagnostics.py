"""Errors located in contributor files: `path:line:col: message` plus a hint.

Every stage appends to one `Diagnostics` collection instead of raising, so a
contributor sees every mistake of a pull request in one run.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Location:
    """A place in a contributor file. Lines and columns count from 1."""

    path: str
    line: int = 1
    col: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}"


@dataclass(frozen=True)
class Diagnostic:
    location: Location
    message: str
    hint: str = ""
    severity: Severity = "error"

    def format_text(self) -> str:
        out = f"{self.location}: {self.severity}: {self.message}"
        if self.hint:
            out += f"\n    hint: {self.hint}"
        return out

    def format_github(self) -> str:
        """A GitHub Actions workflow command: shows inline on the pull request diff."""
        loc = self.location
        text = self.message + (f" (hint: {self.hint})" if self.hint else "")
        props = f"file={_gh_prop(loc.path)},line={loc.line},col={loc.col}"
        return f"::{self.severity} {props}::{_gh_data(text)}"

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.location.path,
            "line": self.location.line,
            "col": self.location.col,
            "severity": self.severity,
            "message": self.message,
            "hint": self.hint,
        }


def _gh_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_prop(value: str) -> str:
    return _gh_data(value).replace(":", "%3A").replace(",", "%2C")


@dataclass
class Diagnostics:
    """An ordered, de-duplicated collection of diagnostics."""

    items: list[Diagnostic] = field(default_factory=list)

    def error(self, location: Location, message: str, hint: str = "") -> None:
        diagnostic = Diagnostic(location, message, hint)
        if diagnostic not in self.items:
            self.items.append(diagnostic)

    def extend(self, other: Diagnostics) -> None:
        for item in other.items:
            if item not in self.items:
                self.items.append(item)

    @property
    def has_errors(self) -> bool:
        return any(d.severity == "error" for d in self.items)

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
        count = len(diagnostics.items)
        super().__init__(
            f"{count} error{'s' if count != 1 else ''} in source_texts/:\n" + diagnostics.format()
        )
