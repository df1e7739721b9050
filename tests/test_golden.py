"""The generated Markdown of the mini fixture must match tests/golden/ exactly.

On an intended change, run `make golden` and review `git diff tests/golden`.
"""

from __future__ import annotations

import difflib

from tests.regenerate_golden import GOLDEN, generate


def test_generated_pages_match_golden_files() -> None:
    pages = generate()
    expected = {
        p.relative_to(GOLDEN).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(GOLDEN.rglob("*.md"))
    }
    assert sorted(pages) == sorted(expected), "set of generated pages changed: run `make golden`"
    for path, content in pages.items():
        if content != expected[path]:
            diff = "".join(
                difflib.unified_diff(
                    expected[path].splitlines(keepends=True),
                    content.splitlines(keepends=True),
                    f"golden/{path}",
                    f"generated/{path}",
                )
            )
            raise AssertionError(
                f"{path} differs from its golden file (run `make golden`):\n{diff}"
            )


def test_build_is_deterministic() -> None:
    assert generate() == generate()
