"""The generated Markdown of every fixture project must match tests/golden/<project>/.

On an intended change, run `make golden` and review `git diff tests/golden`.
"""

from __future__ import annotations

import difflib

import pytest

from tests.regenerate_golden import GOLDEN, PROJECTS, generate


def test_every_fixture_project_has_golden_pages() -> None:
    assert {"mini", "pair"} <= set(PROJECTS)
    assert sorted(p.name for p in GOLDEN.iterdir()) == sorted(PROJECTS)


@pytest.mark.parametrize("project", PROJECTS)
def test_generated_pages_match_golden_files(project: str) -> None:
    pages = generate(project)
    golden = GOLDEN / project
    expected = {
        p.relative_to(golden).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(golden.rglob("*"))
        if p.is_file()  # the pages, and the exports under data/
    }
    assert sorted(pages) == sorted(expected), "set of generated pages changed: run `make golden`"
    for path, content in pages.items():
        if content != expected[path]:
            diff = "".join(
                difflib.unified_diff(
                    expected[path].splitlines(keepends=True),
                    content.splitlines(keepends=True),
                    f"golden/{project}/{path}",
                    f"generated/{project}/{path}",
                )
            )
            raise AssertionError(
                f"{project}: {path} differs from its golden file (run `make golden`):\n{diff}"
            )


@pytest.mark.parametrize("project", PROJECTS)
def test_build_is_deterministic(project: str) -> None:
    assert generate(project) == generate(project)
