"""Cross-reference checks: does an id exist? With a did-you-mean hint naming the registry.

`Known` holds every id a project defines, gathered once by builder/input/validate.py
and read by each rule (there and in builder/input/claims.py).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from builder.core.diagnostics import Diagnostics, Location
from builder.input.load import YamlDocument, YamlPath

# Did-you-mean hints compare an unknown id with every known one: after this many, a
# run with thousands of unknown ids gets the plain hint instead.
MAX_SUGGESTIONS = 50
ACTORS_FILE = "source_texts/registry/actors.yml"
SOURCES_FILE = "source_texts/registry/sources.yml"


def suggest(value: str, choices: Iterable[str], *, cutoff: float = 0.6) -> str:
    """`did you mean 'x'?` for the closest choice, or an empty string."""
    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=cutoff)
    return f"did you mean {close[0]!r}?" if close else ""


@dataclass(frozen=True, kw_only=True)
class Known:
    """Ids defined in the project. A registry that failed entirely is None, and so are
    claims and events when a sidecar failed entirely: references to them are not
    checked (the failure is reported already)."""

    actors: dict[str, Location] | None
    sources: dict[str, Location] | None
    claims: dict[str, Location] | None
    events: dict[str, Location] | None
    actor_kinds: Mapping[str, str] = field(default_factory=dict)
    # For each actor, the parties it speaks for (builder/core/sourcing.py SPEAKS_FOR).
    speaks_for: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


# The code of an unknown id names its kind: the fix is in a different file for each.
UNKNOWN_ID_CODES = {
    "actor": "unknown-actor",
    "source": "unknown-source",
    "claim": "unknown-claim",
    "event": "unknown-event",
}


class RefChecker:
    """Reports unknown ids, each with the closest known one as a hint."""

    def __init__(self, diagnostics: Diagnostics) -> None:
        self.diagnostics = diagnostics
        self._suggestions: dict[tuple[str, int], str] = {}

    def reporting_to(self, diagnostics: Diagnostics) -> RefChecker:
        """A checker that reports to `diagnostics` and shares this one's suggestions (and
        their bound): for checks whose findings are kept per file."""
        other = RefChecker(diagnostics)
        other._suggestions = self._suggestions
        return other

    def _hint(self, value: str, known: dict[str, Location], where: str) -> str:
        key = (value, id(known))
        if key not in self._suggestions and len(self._suggestions) < MAX_SUGGESTIONS:
            self._suggestions[key] = suggest(value, known)
        return self._suggestions.get(key) or f"add it to {where}, or fix the spelling"

    def check(
        self,
        document: YamlDocument,
        path: YamlPath,
        value: str | None,
        known: dict[str, Location] | None,
        what: str,
        where: str,
    ) -> bool:
        """True when `value` is absent, known, or cannot be checked."""
        if value is None or known is None or value in known:
            return True
        hint = self._hint(value, known, where)
        self.diagnostics.error(
            document.location(path),
            f"unknown {what} id {value!r}",
            hint,
            code=UNKNOWN_ID_CODES[what],
        )
        return False

    def actor(
        self, document: YamlDocument, path: YamlPath, value: str | None, known: Known
    ) -> bool:
        return self.check(document, path, value, known.actors, "actor", ACTORS_FILE)

    def source(
        self, document: YamlDocument, path: YamlPath, value: str | None, known: Known
    ) -> bool:
        return self.check(document, path, value, known.sources, "source", SOURCES_FILE)

    def check_all(
        self,
        document: YamlDocument,
        path: YamlPath,
        values: Iterable[str],
        known: dict[str, Location] | None,
        what: str,
        where: str,
    ) -> None:
        for index, value in enumerate(values):
            self.check(document, (*path, index), value, known, what, where)

    def actors(
        self, document: YamlDocument, path: YamlPath, values: Iterable[str], known: Known
    ) -> None:
        self.check_all(document, path, values, known.actors, "actor", ACTORS_FILE)

    def sources(
        self, document: YamlDocument, path: YamlPath, values: Iterable[str], known: Known
    ) -> None:
        self.check_all(document, path, values, known.sources, "source", SOURCES_FILE)


def unique(
    entries: Iterable[tuple[str, Location]], what: str, diagnostics: Diagnostics
) -> dict[str, Location]:
    """The ids of `entries` and where each is first defined; duplicates are reported."""
    seen: dict[str, Location] = {}
    for ident, location in entries:
        if ident in seen:
            diagnostics.error(
                location,
                f"duplicate {what} id {ident!r} (first defined at {seen[ident]})",
                "ids must be unique across the project; rename one of them",
                code="duplicate-id",
            )
        else:
            seen[ident] = location
    return seen
