"""The nav's list of texts: filled in by the builder, in `order:` then title order."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from builder import pipeline
from builder.navigation import MISSING_SECTION, NavError, fill_texts_section, text_order_key

NAV = [{"Home": "index.md"}, {"Texts": ["texts/index.md", "texts/old.md"]}, "sources.md"]


def test_the_texts_section_gets_the_text_pages_after_its_index() -> None:
    filled = fill_texts_section(NAV, ["texts/b.md", "texts/a.md"])
    assert filled == [
        {"Home": "index.md"},
        {"Texts": ["texts/index.md", "texts/b.md", "texts/a.md"]},
        "sources.md",
    ]
    assert NAV[1] == {"Texts": ["texts/index.md", "texts/old.md"]}, "the input is not changed"
    assert fill_texts_section(filled, ["texts/b.md", "texts/a.md"]) == filled  # idempotent


def test_a_nested_or_titled_section_is_found_and_other_entries_are_kept() -> None:
    nav = [{"Read": [{"All texts": [{"Overview": "texts/index.md"}, {"Map": "map.md"}]}]}]
    assert fill_texts_section(nav, ["texts/a.md"]) == [
        {"Read": [{"All texts": [{"Overview": "texts/index.md"}, {"Map": "map.md"}, "texts/a.md"]}]}
    ]


def test_no_nav_is_left_to_mkdocs_and_a_nav_without_the_section_is_an_error() -> None:
    assert fill_texts_section(None, ["texts/a.md"]) is None
    with pytest.raises(NavError, match=re.escape("add `- Texts: [texts/index.md]`")):
        fill_texts_section([{"Home": "index.md"}], ["texts/a.md"])
    assert "texts/index.md" in MISSING_SECTION


def test_order_comes_first_then_title_then_slug() -> None:
    keys = [
        text_order_key(None, "Alpha", "z"),
        text_order_key(2, "Alpha", "y"),
        text_order_key(1, "Zulu", "x"),
        text_order_key(None, "alpha", "a"),
    ]
    assert sorted(keys) == [keys[2], keys[1], keys[3], keys[0]]


def test_the_project_lists_texts_in_navigation_order(
    pair: Path, edit: Callable[[Path, str, str], None]
) -> None:
    result = pipeline.build(pair)
    assert result.text_pages == ["texts/wire-report.md", "texts/vos-statement.md"]
    assert [t.slug for t in result.project.texts] == ["wire-report", "vos-statement"]  # type: ignore[union-attr]
    index = result.pages["texts/index.md"]
    assert index.index("(wire-report.md)") < index.index("(vos-statement.md)")
    edit(pair / "source_texts/wire-report.yml", "order: 1", "order: 3")
    assert pipeline.build(pair).text_pages == ["texts/vos-statement.md", "texts/wire-report.md"]
    edit(pair / "source_texts/wire-report.yml", "order: 3", "")
    edit(pair / "source_texts/vos-statement.yml", "order: 2", "")
    # No order at all: by title ("Elena Vos's statement" before "The president leaves ...").
    assert pipeline.build(pair).text_pages == ["texts/vos-statement.md", "texts/wire-report.md"]


@pytest.mark.slow
def test_a_nav_without_a_texts_section_stops_mkdocs_with_a_hint(
    pair: Path, edit: Callable[[Path, str, str], None]
) -> None:
    import os
    import subprocess
    import sys

    from tests.conftest import REPO

    edit(pair / "mkdocs.yml", "  - Texts:\n      - texts/index.md\n", "")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=pair,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 1
    assert (
        "mkdocs.yml: the nav in mkdocs.yml has no section holding texts/index.md" in result.stderr
    )
