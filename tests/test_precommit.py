"""The pre-commit configuration (.pre-commit-config.yaml), run by pre-commit itself on a
git repository holding a fixture project: it passes, and a broken sidecar fails the
commit with the builder's located error and the schema validator's complaint."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import MINI, REPO

pytestmark = pytest.mark.slow
PRE_COMMIT = [sys.executable, "-m", "pre_commit"]


def _repository(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    shutil.copytree(MINI, repo)
    shutil.copy2(REPO / ".pre-commit-config.yaml", repo)
    # The hooks run the project's own .venv and builder package, as in a checkout.
    (repo / ".venv").symlink_to(REPO / ".venv")
    (repo / "builder").symlink_to(REPO / "builder")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid"]
    subprocess.run([*git, "init", "-q"], cwd=repo, check=True)
    subprocess.run([*git, "add", "."], cwd=repo, check=True)
    return repo


def _run(repo: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [*PRE_COMMIT, "run", "--all-files", "--color", "never"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_hooks_pass_on_a_valid_project(tmp_path: Path) -> None:
    result = _run(_repository(tmp_path), tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "explainer check --strict" in result.stdout and "Passed" in result.stdout


def test_a_broken_sidecar_fails_with_its_location(tmp_path: Path) -> None:
    repo = _repository(tmp_path)
    sidecar = repo / "source_texts" / "sample.yml"
    sidecar.write_text(
        sidecar.read_text(encoding="utf-8").replace("kind: context", "kind: contxt", 1),
        encoding="utf-8",
    )
    result = _run(repo, tmp_path)
    assert result.returncode != 0
    assert "source_texts/sample.yml:" in result.stdout and "contxt" in result.stdout
    assert result.stdout.count("Failed") == 2  # the builder's check and the schema
