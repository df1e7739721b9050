"""Save-to-reloaded-page under `mkdocs serve`, measured in a real browser.

    python -m scripts.serve_latency [--trials 5]

A copy of the project (never the project itself) is served with `mkdocs serve
--livereload` on a free local port. Debian's Chromium, driven by Playwright, opens the
first text's page; then, `--trials` times, the script rewrites that text's `title:` in
the copy's sidecar and times from the moment the file is saved to the moment the
browser has reloaded the page by itself (MkDocs' livereload script) and shows the new
title. It prints one line per trial and the median. `make bench` runs it and records
the median in docs/performance.md; no test asserts a time.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from scripts.chromium import CHROMIUM_ARGS, CHROMIUM_PATH

REPO = Path(__file__).resolve().parent.parent
COPIED = ("source_texts", "docs", "overrides", "builder", "mkdocs.yml")
_TITLE = re.compile(r"^title: (.*)$", re.MULTILINE)


def free_port() -> int:
    """A local port nobody listens on (also used by tests/test_serve.py)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _copy_project(into: Path) -> Path:
    for name in COPIED:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, into / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, into / name)
    return into


def _wait_until_served(url: str, timeout: float = 120) -> None:
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"mkdocs serve did not answer at {url}")


def _retitle(sidecar: Path, title: str) -> None:
    text = sidecar.read_text(encoding="utf-8")
    # A plain scalar title (the sidecars' usual form) is replaced by a quoted one.
    sidecar.write_text(_TITLE.sub(lambda _: f'title: "{title}"', text, count=1), encoding="utf-8")


def measure(trials: int) -> list[float]:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="explainer-serve-") as work:
        project = _copy_project(Path(work))
        sidecar = sorted((project / "source_texts").glob("*.yml"))[0]
        port = free_port()
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", f"127.0.0.1:{port}"],
            cwd=project,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            url = f"http://127.0.0.1:{port}/texts/{sidecar.stem}/"
            _wait_until_served(url)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS
                )
                page = browser.new_page()
                page.goto(url)
                times = []
                for trial in range(1, trials + 1):
                    title = f"Latency probe {trial}"
                    time.sleep(1.0)  # let the previous reload settle
                    with page.expect_navigation(timeout=60_000, wait_until="domcontentloaded"):
                        start = time.perf_counter()
                        _retitle(sidecar, title)
                    page.wait_for_selector(f"h1:has-text('{title}')", timeout=60_000)
                    times.append(time.perf_counter() - start)
                    print(f"trial {trial}: {times[-1]:.2f} s", flush=True)
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=30)
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=5)
    args = parser.parse_args(argv)
    times = measure(args.trials)
    print(f"save-to-reloaded-page median: {statistics.median(times):.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
