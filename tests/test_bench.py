"""The benchmark runs (at a tiny size: a smoke test, no time is asserted), and every
synthetic project it generates is valid input."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from builder import pipeline
from scripts.synth import generate
from tests.conftest import REPO


@pytest.mark.parametrize("texts", [1, 12])
def test_a_synthetic_project_passes_check(tmp_path: Path, texts: int) -> None:
    generate(tmp_path, texts, seed=texts)
    diagnostics, project = pipeline.check(tmp_path)
    assert project is not None, diagnostics.format()
    assert not diagnostics.items, diagnostics.format()
    assert len(project.texts) == texts
    assert any(m.explicit for t in project.texts for m in t.mentions)
    assert any(not m.explicit for t in project.texts for m in t.mentions)
    assert any(e.when.derivation for e in project.events)


def test_generation_is_deterministic(tmp_path: Path) -> None:
    generate(tmp_path / "a", 3, seed=7)
    generate(tmp_path / "b", 3, seed=7)
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.*"))
    assert files
    for name in files:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


@pytest.mark.slow
def test_the_benchmark_prints_its_table_and_ratio() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "scripts.bench",
            "--sizes",
            "1",
            "2",
            "--no-write",
            "--reload-trials",
            "1",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert lines[-1].startswith("ratio builder/mkdocs at N=2: ")
    assert sum(line.startswith("| N texts |") for line in lines) == 2  # by stage; vs MkDocs
    assert any(line.startswith("Builder at N = 2 against N = 1: ") for line in lines)
    # The save-to-reload probe ran in Chromium against `mkdocs serve` of a copy, once for
    # each kind of edit (scripts/serve_latency.py's EDITS).
    for edit in ("title", "claim"):
        prefix = f"save-to-reloaded-page (real explainer, {edit} edit), median: "
        assert any(line.startswith(prefix) for line in lines), edit
