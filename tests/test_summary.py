"""`python -m builder summary`: the pull request's result in Markdown (builder/pr_summary.py)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from builder.pr_summary import summary

Edit = Callable[[Path, str, str], None]
SIDECAR = "source_texts/sample.yml"


def test_a_passing_project_says_so_with_its_coverage(mini: Path) -> None:
    text = summary(mini)
    assert text.startswith("## Explainer check: passes (0 errors, ")
    assert "### Coverage (`python -m builder stats`)" in text
    assert re.search(r"\| Paragraphs annotated \| \d+ of \d+", text)


def test_errors_are_listed_in_a_code_block_and_the_check_fails(mini: Path, edit: Edit) -> None:
    edit(mini / SIDECAR, "kind: context", "kind: contxt")
    text = summary(mini)
    assert text.startswith("## Explainer check: fails `check --strict` (1 error")
    assert "```text\nsource_texts/sample.yml:" in text
    assert "### Coverage" not in text  # figures of a project that does not validate mislead


def test_contributor_words_cannot_become_markup_in_the_summary(mini: Path, edit: Edit) -> None:
    hostile = "x ```` [a link](https://example.org) <img src=x> ````"
    edit(mini / SIDECAR, "kind: context", f"kind: '{hostile}'")
    text = summary(mini)
    fence = re.search(r"^(`{3,})text$", text, re.MULTILINE)
    assert fence and len(fence.group(1)) > 4  # longer than the longest run in the message
    body = text.split(fence.group(0), 1)[1]
    assert hostile.split(" [")[0] in body.split(fence.group(1))[0]  # inside the block


def test_drifted_and_orphaned_annotations_are_counted(mini: Path, edit: Edit) -> None:
    text = "source_texts/sample.txt"
    assert "Re-anchoring: 0 drifted annotations" in summary(mini)
    edit(mini / text, "according to two officials", "according to three officials")
    assert "Re-anchoring: 1 drifted annotation (run `python -m builder reanchor`" in summary(mini)
    edit(mini / text, " The Minister denied it.", "")
    assert ", 1 orphaned annotation (no passage close enough" in summary(mini)
