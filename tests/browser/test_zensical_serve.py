"""The Zensical path with live reload: `python -m builder watch --out DIR` and
`zensical serve` in DIR (the commands of README's table and docs/maintainers.md).

On a copy of the pair fixture: the watcher writes DIR, Zensical serves it on a free local
port, Chromium opens a text page, a sidecar is edited, and the open page (never reloaded by
the test) shows the edit: Zensical saw DIR change and reloaded the browser. Waiting is
bounded but nothing is timed.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from scripts.serve_latency import free_port
from tests.conftest import PAIR, REPO, copy_fixture

Edit = Callable[[Path, str, str], None]
SUMMARY = "Rivera left the capital late on Sunday."
EDITED = "Rivera left the capital in the night."


def _until(condition: Callable[[], bool], what: str, *, limit: float = 120.0) -> None:
    deadline = time.monotonic() + limit
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"gave up waiting: {what}")
        time.sleep(0.2)


def _serves(url: str, needle: str) -> Callable[[], bool]:
    def check() -> bool:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return needle in response.read().decode("utf-8")
        except (OSError, urllib.error.URLError):
            return False

    return check


def _start(command: list[str], cwd: Path, log: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONUNBUFFERED": "1"}
    with log.open("wb") as output:
        return subprocess.Popen(
            command,
            cwd=cwd,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=30)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    project = copy_fixture(PAIR, tmp_path / "pair")
    out = tmp_path / "out"
    watcher = _start(
        [sys.executable, "-m", "builder", "watch", "--out", str(out)], project, tmp_path / "w.log"
    )
    server: subprocess.Popen[bytes] | None = None
    try:
        _until(lambda: (out / "docs" / "texts" / "wire-report.md").is_file(), "the export")
        address = f"127.0.0.1:{free_port()}"
        zensical = [sys.executable, "-m", "zensical", "serve", "--dev-addr", address]
        server = _start(zensical, out, tmp_path / "z.log")
        url = f"http://{address}/texts/wire-report/"
        _until(_serves(url, SUMMARY), "Zensical serving the text page")
        yield project, url
    finally:
        for process in (server, watcher):
            if process is not None:
                _stop(process)


def test_zensical_reloads_the_open_page_after_an_edit(
    browser: Browser, served: tuple[Path, str], edit: Edit
) -> None:
    project, url = served
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(url)
        page.get_by_text(SUMMARY).first.wait_for(state="attached")
        edit(project / "source_texts" / "wire-report.yml", SUMMARY, EDITED)
        page.wait_for_function(
            "(text) => document.body.textContent.includes(text)", arg=EDITED, timeout=120_000
        )
    finally:
        context.close()
