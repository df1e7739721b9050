"""`python -m builder watch --out DIR` keeps an export of a project up to date.

A real watcher process on a copy of the pair fixture: it writes the export, an edit to a
sidecar reaches DIR, a broken sidecar puts the error report on the generated pages (as under
`mkdocs serve`) and its fix takes it away, and Ctrl-C (SIGINT) stops it with exit code 0 and
no traceback. Waiting is bounded (`_until`) but nothing is timed.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from builder import cli
from tests.conftest import REPO

Edit = Callable[[Path, str, str], None]
PAGE = "docs/texts/wire-report.md"
SUMMARY = "Rivera left the capital late on Sunday."


def _until(condition: Callable[[], bool], what: str, *, limit: float = 120.0) -> None:
    """Poll `condition` until true; fail after `limit` seconds (a hang, not a slow run)."""
    deadline = time.monotonic() + limit
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"gave up waiting: {what}")
        time.sleep(0.1)


def _reads(path: Path, needle: str) -> Callable[[], bool]:
    def check() -> bool:
        try:
            return needle in path.read_text("utf-8")
        except OSError:
            return False

    return check


@pytest.fixture
def watcher(pair: Path, tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], Path]]:
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONUNBUFFERED": "1"}
    command = [sys.executable, "-m", "builder", "watch", "--out", str(out)]
    with (tmp_path / "stderr").open("w") as stderr:
        process = subprocess.Popen(
            command, cwd=pair, env=env, stdout=subprocess.DEVNULL, stderr=stderr, text=True
        )
    try:
        yield process, out
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=30)


def test_watch_follows_edits_and_errors_then_stops_on_ctrl_c(
    watcher: tuple[subprocess.Popen[str], Path], pair: Path, tmp_path: Path, edit: Edit
) -> None:
    process, out = watcher
    page = out / PAGE
    _until(_reads(page, SUMMARY), "the first export")
    assert (out / "mkdocs.yml").is_file() and (out / "docs" / "index.md").is_file()
    sidecar = pair / "source_texts" / "wire-report.yml"

    edit(sidecar, SUMMARY, "Rivera left the capital on Sunday night.")
    _until(_reads(page, "Rivera left the capital on Sunday night."), "the edit in DIR")

    edit(sidecar, "kind: news_report", "kind: [news_report")
    _until(_reads(page, "The explainer has errors"), "the error page")
    assert "wire-report.yml:" in page.read_text("utf-8")  # the located report itself

    edit(sidecar, "kind: [news_report", "kind: news_report")
    _until(_reads(page, "Rivera left the capital on Sunday night."), "the page again")

    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=60) == 0
    stderr = (tmp_path / "stderr").read_text("utf-8")
    assert "Traceback" not in stderr
    assert "stopped watching" in stderr


def test_watch_refuses_docs_as_its_output(pair: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--root", str(pair), "watch", "--out", str(pair / "docs")]) == 1
    assert "refusing to replace" in capsys.readouterr().err


def test_watch_refuses_a_folder_that_is_not_an_export(
    pair: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("my own file", "utf-8")
    assert cli.main(["--root", str(pair), "watch", "--out", str(mine)]) == 1
    assert "has no .explainer-export file" in capsys.readouterr().err
    assert (mine / "notes.txt").read_text("utf-8") == "my own file"


def test_watch_updates_an_earlier_export_in_place(pair: Path, tmp_path: Path) -> None:
    """A server already watching DIR (and its own `site/` there) is not pulled away."""
    out = tmp_path / "out"
    assert cli.main(["--root", str(pair), "build", "--out", str(out)]) == 0
    (out / "site").mkdir()
    (out / "site" / "index.html").write_text("the renderer's own output", "utf-8")
    (out / "docs" / "texts" / "removed-text.md").write_text("# An earlier text\n", "utf-8")
    folder = os.stat(out).st_ino
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    command = [sys.executable, "-m", "builder", "watch", "--out", str(out)]
    process = subprocess.Popen(command, cwd=pair, env=env, stdout=subprocess.DEVNULL)
    try:
        _until(lambda: not (out / "docs" / "texts" / "removed-text.md").exists(), "the update")
    finally:
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=60) == 0
    assert os.stat(out).st_ino == folder
    assert (out / "site" / "index.html").read_text("utf-8") == "the renderer's own output"
    assert _reads(out / PAGE, SUMMARY)()
