"""`mkdocs serve --livereload`: a sidecar edit reaches the served page, and a
broken sidecar shows its errors in the browser instead of stopping the server."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from scripts.serve_latency import free_port

pytestmark = pytest.mark.slow


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def wait_for(url: str, needle: str, timeout: float = 60) -> float:
    """Seconds until `needle` appears at `url`; fails after `timeout` (a hang, not a speed goal)."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if needle in fetch(url):
            return time.monotonic() - start
        time.sleep(0.2)
    raise AssertionError(f"{needle!r} never appeared at {url}:\n{fetch(url)[:2000]}")


@pytest.fixture
def server(mini: Path) -> Iterator[str]:
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", f"127.0.0.1:{port}"],
        cwd=mini,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_sidecar_edit_reaches_the_served_page(
    server: str, mini: Path, edit: Callable[[Path, str, str], None]
) -> None:
    page = f"{server}/texts/sample/"
    wait_for(page, "Aircraft transponders broadcast identity")
    edit(
        mini / "source_texts/sample.yml",
        "Aircraft transponders broadcast identity and position.",
        "Transponders tell radar who and where an aircraft is.",
    )
    wait_for(page, "Transponders tell radar who and where")


def test_broken_sidecar_shows_errors_and_recovers(
    server: str, mini: Path, edit: Callable[[Path, str, str], None]
) -> None:
    wait_for(f"{server}/chronology/", "Rivera leaves the capital")
    edit(mini / "source_texts/sample.yml", "kind: context", "kind: contxt")
    wait_for(f"{server}/chronology/", "sample.yml:35:11: error[unknown-kind]: unknown kind")
    edit(mini / "source_texts/sample.yml", "kind: contxt", "kind: context")
    wait_for(f"{server}/chronology/", "Rivera leaves the capital")


def test_compiled_theme_templates_are_reused_until_their_source_changes(tmp_path: Path) -> None:
    """The hook keeps Jinja's compiled templates across rebuilds; an edited template
    (an override in `overrides/`) must still be compiled afresh."""
    import jinja2

    from builder.mkdocs_hook import ExplainerHook

    hook = ExplainerHook()
    (tmp_path / "page.html").write_text("first {{ x }}", encoding="utf-8")

    def render() -> str:
        env = hook.on_env(jinja2.Environment(loader=jinja2.FileSystemLoader(tmp_path)))
        return env.get_template("page.html").render(x=1)

    assert render() == "first 1"
    assert len(hook.template_code.code) == 1  # compiled once, kept for the next rebuild
    (tmp_path / "page.html").write_text("second {{ x }}", encoding="utf-8")
    assert render() == "second 1"


def test_hand_written_page_and_nav_edits_reach_the_served_site(
    server: str, mini: Path, edit: Callable[[Path, str, str], None]
) -> None:
    """The server reuses unchanged pages between rebuilds (builder/serve_speed.py): an
    edited page, and a page whose only change is the navigation, must still be rebuilt."""
    wait_for(f"{server}/", "The text")
    edit(
        mini / "docs/index.md", "[The text](texts/sample.md)", "[The sample text](texts/sample.md)"
    )
    wait_for(f"{server}/", "The sample text")
    with (mini / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("nav:\n  - Start here: index.md\n  - Texts:\n      - texts/index.md\n")
    wait_for(f"{server}/", "Start here")
    wait_for(f"{server}/texts/sample/", "Start here")
