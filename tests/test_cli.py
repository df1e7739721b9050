"""`python -m builder check|build`: exit codes, error formats, atomic writes."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from tests.conftest import REPO

BREAK = ("kind: context", "kind: contxt")


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "builder", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_check_passes_on_the_repository_itself() -> None:
    result = run("check", cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok: 1 text(s)")


def test_check_fails_with_file_line_col_and_hint(
    mini: Path, edit: Callable[[Path, str, str], None]
) -> None:
    edit(mini / "source_texts/sample.yml", *BREAK)
    result = run("check", cwd=mini)
    assert result.returncode == 1
    assert "source_texts/sample.yml:35:11: error: unknown kind 'contxt'" in result.stderr
    assert "    hint: did you mean 'context'?" in result.stderr
    assert "1 error; nothing was written." in result.stderr


def test_github_format_emits_workflow_commands(
    mini: Path, edit: Callable[[Path, str, str], None]
) -> None:
    edit(mini / "source_texts/sample.yml", *BREAK)
    result = run("check", "--format", "github", cwd=mini)
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "::error file=source_texts/sample.yml,line=35,col=11::"
        "unknown kind 'contxt' (hint: did you mean 'context'?)"
    )


def test_build_writes_docs_and_generated_pages(mini: Path, tmp_path: Path) -> None:
    out = tmp_path / "export"
    result = run("build", "--out", str(out), cwd=mini)
    assert result.returncode == 0, result.stderr
    assert (out / "index.md").is_file()  # copied from docs/
    assert (out / "texts/sample.md").is_file()
    assert (out / "actors/mr-rivera.md").is_file()
    assert not (mini / "docs/texts").exists(), "the builder must never write into docs/"


def test_failed_build_leaves_the_previous_output_untouched(
    mini: Path, tmp_path: Path, edit: Callable[[Path, str, str], None]
) -> None:
    out = tmp_path / "export"
    assert run("build", "--out", str(out), cwd=mini).returncode == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    edit(mini / "source_texts/sample.yml", *BREAK)
    assert run("build", "--out", str(out), cwd=mini).returncode == 1
    after = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_build_refuses_to_write_into_docs(mini: Path) -> None:
    result = run("build", "--out", str(mini / "docs" / "out"), cwd=mini)
    assert result.returncode == 1
    assert "must not be inside" in result.stderr
