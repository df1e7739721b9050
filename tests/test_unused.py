"""Registry entries nothing uses are warnings of `check` (builder/coverage/unused.py), so
`check --strict` fails on them; an entry used anywhere (a mention, a claim, an event, a
relation, a note's link, a text's metadata) is never reported."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from builder import pipeline

ACTORS = "source_texts/registry/actors.yml"
SOURCES = "source_texts/registry/sources.yml"
EXAMPLE_WIRE = "  - id: example-wire\n    name: Example Wire\n    kind: media\n"
STATEMENT = "  - id: minister-statement\n"

# (case id, file, old, new, expected `path:line:col: severity[code]: message`, hint fragment)
CASES = [
    (
        "actor-used-by-nothing",
        ACTORS,
        EXAMPLE_WIRE,
        EXAMPLE_WIRE + "  - id: lighthouse-keeper\n    name: The lighthouse keeper\n"
        "    kind: person\n",
        f"{ACTORS}:23:5: warning[unused-actor]: actor 'lighthouse-keeper' is used by nothing: "
        "no text mentions it and no claim, event, relation or note refers to it",
        "or remove it from the registry",
    ),
    (
        "source-used-by-nothing",
        SOURCES,
        STATEMENT,
        "  - id: harbour-almanac\n    title: The harbour almanac\n    kind: other\n" + STATEMENT,
        f"{SOURCES}:8:5: warning[unused-source]: source 'harbour-almanac' is used by nothing: "
        "no text, claim, context, event or actor rests on it",
        "cite it where it is used",
    ),
]


def _unused(root: Path) -> list[str]:
    diagnostics, _ = pipeline.check(root, coverage=True)
    return [d.format_text() for d in diagnostics if d.code.startswith("unused-")]


def test_the_fixture_uses_every_entry(mini: Path) -> None:
    assert _unused(mini) == []


@pytest.mark.parametrize(
    ("file", "old", "new", "expected", "hint"),
    [pytest.param(*case[1:], id=case[0]) for case in CASES],
)
def test_an_unused_entry_is_a_warning(
    mini: Path,
    edit: Callable[[Path, str, str], None],
    file: str,
    old: str,
    new: str,
    expected: str,
    hint: str,
) -> None:
    edit(mini / file, old, new)
    [found] = _unused(mini)
    assert found.startswith(expected), found
    assert hint in found


def test_a_link_in_a_note_is_a_use(mini: Path, edit: Callable[[Path, str, str], None]) -> None:
    edit(mini / ACTORS, EXAMPLE_WIRE, EXAMPLE_WIRE + CASES[0][3][len(EXAMPLE_WIRE) :])
    assert len(_unused(mini)) == 1
    edit(
        mini / ACTORS,
        "    kind: state\n",
        "    kind: state\n    profile: Its [keeper](actor:lighthouse-keeper).\n"
        "    sources: [minister-statement]\n",
    )
    assert _unused(mini) == []
