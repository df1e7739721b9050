"""`python -m builder migrate` rewrites older sidecars in place: only the lines it must,
comments and everything else kept, idempotent, and never what it cannot decide."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from builder import migrate, pipeline

SIDECAR = "source_texts/sample.yml"
Edit = Callable[[Path, str, str], None]


def _old_style(mini: Path, edit: Edit) -> str:
    """The mini fixture as an older sidecar: a free-text outlet and declared statuses."""
    edit(mini / SIDECAR, "outlet: example-wire\n", "original_outlet: Example Wire  # the agency\n")
    return (mini / SIDECAR).read_text(encoding="utf-8")


def _run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "builder", "migrate", *args],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_migrate_replaces_the_outlet_and_drops_derived_statuses(mini: Path, edit: Edit) -> None:
    before = _old_style(mini, edit)
    assert "status: denied" in before and "status: disputed" in before
    diagnostics, _ = pipeline.check(mini)
    assert any("`original_outlet` is deprecated" in d.message for d in diagnostics.warnings)

    result = _run(mini)
    assert result.returncode == 0, result.stderr
    after = (mini / SIDECAR).read_text(encoding="utf-8")
    removed = [line for line in before.splitlines() if line not in after.splitlines()]
    added = [line for line in after.splitlines() if line not in before.splitlines()]
    assert removed == [
        "original_outlet: Example Wire  # the agency",
        "    status: denied",
        "    status: disputed",
    ]
    assert added == ["report: sample-report  # the agency"]
    # The comments of the file are all still there.
    assert [c for c in before.splitlines() if "#" in c and "original_outlet" not in c] == [
        c for c in after.splitlines() if "#" in c and "report:" not in c
    ]
    diagnostics, project = pipeline.check(mini)
    assert project is not None and not diagnostics.items, diagnostics.format()


def test_migrate_is_idempotent_and_dry_run_writes_nothing(mini: Path, edit: Edit) -> None:
    before = _old_style(mini, edit)
    dry = _run(mini, "--dry-run")
    assert dry.returncode == 0
    assert "-original_outlet: Example Wire" in dry.stdout and "+report: sample-report" in dry.stdout
    assert (mini / SIDECAR).read_text(encoding="utf-8") == before
    assert _run(mini).returncode == 0
    migrated = (mini / SIDECAR).read_text(encoding="utf-8")
    again = _run(mini)
    assert "changed 0 of 1 sidecar(s)" in again.stdout
    assert (mini / SIDECAR).read_text(encoding="utf-8") == migrated


def test_an_outlet_it_cannot_match_is_left_with_a_note(mini: Path, edit: Edit) -> None:
    edit(mini / SIDECAR, "outlet: example-wire\n", "original_outlet: Some Other Agency\n")
    migrations, _ = migrate.plan(mini)
    (only,) = migrations
    assert "original_outlet: Some Other Agency" in only.after
    assert any("replace it with report: <source id>" in note for note in only.notes)


def test_a_status_the_links_do_not_support_is_left_for_check(mini: Path, edit: Edit) -> None:
    edit(mini / SIDECAR, "    status: disputed\n", "    status: corroborated\n")
    (only,) = migrate.plan(mini)[0]
    assert "status: corroborated" in only.after
