"""Exports that run at once or die half-way, and `mkdocs build` failures that must
leave the previous site alone (issue 5, defects 9 and 10)."""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

from builder import mkdocs_hook, pipeline
from builder.core.diagnostics import Diagnostics, Location
from builder.write import MARKER
from tests.conftest import REPO
from tests.test_paths import run, snapshot

BREAK = ("kind: context", "kind: contxt")


def leftovers(parent: Path, name: str = "export") -> list[str]:
    """Staging folders and old copies next to the export (the lock file may stay)."""
    return sorted(
        p.name
        for p in parent.iterdir()
        if p.name.startswith(f".{name}.") and p.name != f".{name}.lock"
    )


def test_concurrent_exports_into_one_folder_all_succeed(mini: Path, tmp_path: Path) -> None:
    reference = tmp_path / "reference"
    assert run("build", "--out", str(reference), cwd=mini).returncode == 0
    out = tmp_path / "export"
    command = [sys.executable, "-m", "builder", "build", "--out", str(out)]
    for _ in range(3):
        runs = [
            subprocess.Popen(command, cwd=mini, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            for _ in range(4)
        ]
        for process in runs:
            _, stderr = process.communicate(timeout=120)
            assert process.returncode == 0, stderr.decode()
    assert snapshot(out) == snapshot(reference)
    assert leftovers(tmp_path) == []


KILL_BETWEEN_RENAMES = textwrap.dedent(
    """
    import os, sys
    real_rename = os.rename

    def rename(source, target, *args, **kwargs):
        if ".staging-" in os.fspath(source):  # the second rename: staging -> export
            os._exit(137)  # a kill: no clean-up of any kind runs
        return real_rename(source, target, *args, **kwargs)

    os.rename = rename
    from builder.cli import main
    sys.exit(main(["build", "--out", sys.argv[1]]))
    """
)


def test_a_kill_between_the_renames_is_repaired_by_the_next_run(
    mini: Path, tmp_path: Path, edit: Callable[[Path, str, str], None]
) -> None:
    out = tmp_path / "export"
    assert run("build", "--out", str(out), cwd=mini).returncode == 0
    before = snapshot(out)
    killed = subprocess.run(
        [sys.executable, "-c", KILL_BETWEEN_RENAMES, str(out)],
        cwd=mini,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        timeout=120,
    )
    assert killed.returncode == 137, killed.stderr.decode()
    assert not out.exists(), "the simulated kill did not land between the renames"
    assert ".export.old" in leftovers(tmp_path)

    # The next run fails on a bad edit, and still brings the previous export back.
    edit(mini / "source_texts/sample.yml", *BREAK)
    assert run("build", "--out", str(out), cwd=mini).returncode == 1
    assert snapshot(out) == before
    assert leftovers(tmp_path) == []

    edit(mini / "source_texts/sample.yml", *reversed(BREAK))
    assert run("build", "--out", str(out), cwd=mini).returncode == 0
    assert snapshot(out) == before
    assert leftovers(tmp_path) == []


def test_stale_staging_folders_are_removed_but_only_ours(mini: Path, tmp_path: Path) -> None:
    out = tmp_path / "export"
    assert run("build", "--out", str(out), cwd=mini).returncode == 0
    dead = tmp_path / ".export.staging-dead1"
    (dead / "texts").mkdir(parents=True)
    (dead / MARKER).write_text("explainer-export 1\n", encoding="utf-8")
    (dead / "texts/sample.md").write_text("half-written", encoding="utf-8")
    (tmp_path / ".export.staging-empty").mkdir()  # killed before its marker was written
    foreign = tmp_path / ".export.staging-mine"
    foreign.mkdir()
    (foreign / "keep.txt").write_text("not the builder's\n", encoding="utf-8")
    old = tmp_path / ".export.old"  # killed after the swap, before the old copy was removed
    old.mkdir()
    (old / MARKER).write_text("explainer-export 1\n", encoding="utf-8")

    assert run("build", "--out", str(out), cwd=mini).returncode == 0
    assert leftovers(tmp_path) == [".export.staging-mine"]
    assert (foreign / "keep.txt").read_text(encoding="utf-8") == "not the builder's\n"


def test_a_failed_build_leaves_no_lock_or_staging_behind_for_a_refused_out(
    mini: Path, tmp_path: Path
) -> None:
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes/todo.txt").write_text("mine\n", encoding="utf-8")
    before = sorted(p.name for p in tmp_path.iterdir())
    assert run("build", "--out", str(tmp_path / "notes"), cwd=mini).returncode == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == before


# --- the MkDocs hook ------------------------------------------------------------


def mkdocs(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.slow
def test_a_failed_mkdocs_build_keeps_the_previous_site(
    mini: Path, edit: Callable[[Path, str, str], None]
) -> None:
    first = mkdocs("build", "--strict", cwd=mini)
    assert first.returncode == 0, first.stderr
    before = snapshot(mini / "site")
    assert "texts/sample/index.html" in before
    edit(mini / "source_texts/sample.yml", *BREAK)
    failed = mkdocs("build", "--strict", cwd=mini)
    assert failed.returncode == 1
    assert (
        "source_texts/sample.yml:35:11: error[unknown-kind]: unknown kind 'contxt'" in failed.stderr
    )
    assert "Cleaning site directory" not in failed.stderr
    assert snapshot(mini / "site") == before


@pytest.mark.slow
def test_mkdocs_build_refuses_a_linked_docs_page(mini: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.md"
    secret.write_text("# SECRET-7f3a\n", encoding="utf-8")
    (mini / "docs/leak.md").symlink_to(secret)
    (mini / "docs/etc").symlink_to(tmp_path)
    result = mkdocs("build", "--strict", cwd=mini)
    assert result.returncode == 1
    assert (
        "docs/leak.md:1:1: error[symbolic-link]: symbolic links are not allowed in docs/"
        in result.stderr
    )
    assert (
        "docs/etc:1:1: error[symbolic-link]: symbolic links are not allowed in docs/"
        in result.stderr
    )
    assert "SECRET" not in result.stderr + result.stdout
    assert not (mini / "site").exists()


@pytest.fixture
def explainer_log() -> Iterator[list[logging.LogRecord]]:
    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append  # type: ignore[method-assign]
    logger = logging.getLogger("explainer")
    logger.addHandler(handler)
    yield records
    logger.removeHandler(handler)


def add_warning(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make every run report one warning (no input yields one on this branch alone)."""
    validate = pipeline.validate_project

    def validate_and_warn(raw: object, diagnostics: Diagnostics, memo: object = None) -> object:
        diagnostics.warning(
            Location("source_texts/sample.yml", 2, 8),
            "a test warning",
            "ignore it",
            code="test-warning",
        )
        return validate(raw, diagnostics, memo)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "validate_project", validate_and_warn)


def hook_for(command: str) -> mkdocs_hook.ExplainerHook:
    hook = mkdocs_hook.ExplainerHook()
    hook.on_startup(command=command, dirty=False)
    return hook


def config_of(project: Path) -> SimpleNamespace:
    return SimpleNamespace(
        config_file_path=str(project / "mkdocs.yml"),
        docs_dir=str(project / "docs"),
        site_url=None,  # MkDocs' default; it makes the exports' IRIs absolute when set
    )


def test_hook_logs_warnings_and_builds(
    mini: Path, monkeypatch: pytest.MonkeyPatch, explainer_log: list[logging.LogRecord]
) -> None:
    add_warning(monkeypatch)
    hook = hook_for("build")
    hook.on_pre_build(config=config_of(mini))
    assert "texts/sample.md" in hook.pages
    assert [(r.levelname, r.getMessage()) for r in explainer_log] == [
        (
            "WARNING",
            "source_texts/sample.yml:2:8: warning[test-warning]: a test warning\n    hint: ignore it",
        )
    ]


def test_hook_fails_before_the_build_on_errors(
    mini: Path, edit: Callable[[Path, str, str], None]
) -> None:
    edit(mini / "source_texts/sample.yml", *BREAK)
    with pytest.raises(
        PluginError, match=re.escape("sample.yml:35:11: error[unknown-kind]: unknown kind")
    ):
        hook_for("build").on_pre_build(config=config_of(mini))


def test_hook_shows_errors_while_serving(
    mini: Path, edit: Callable[[Path, str, str], None], explainer_log: list[logging.LogRecord]
) -> None:
    hook = hook_for("serve")
    hook.on_pre_build(config=config_of(mini))
    good = {path for path in hook.pages if path.endswith(".md")}
    edit(mini / "source_texts/sample.yml", *BREAK)
    hook.on_pre_build(config=config_of(mini))
    # Every page of the last good build shows the errors; the exports (data/, not
    # Markdown) are left out until the errors are fixed, rather than kept stale.
    assert set(hook.pages) == good
    assert all("unknown kind" in page for page in hook.pages.values())
    assert any(r.levelname == "ERROR" for r in explainer_log)


def test_hook_stops_serving_on_a_link_in_docs(mini: Path, tmp_path: Path) -> None:
    (mini / "docs/etc").symlink_to(tmp_path)  # MkDocs would walk into it
    with pytest.raises(
        PluginError, match=re.escape("docs/etc:1:1: error[symbolic-link]: symbolic links")
    ):
        hook_for("serve").on_pre_build(config=config_of(mini))
