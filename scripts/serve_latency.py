"""Save-to-reloaded-page under `mkdocs serve`, measured in a real browser.

    python -m scripts.serve_latency [--trials 5] [--edit title|claim] [--project CHECKOUT]

A copy of the project (never the project itself; `--project` copies another checkout, to
compare two branches on the same machine) is served with `mkdocs serve --livereload` on a
free local port. Debian's Chromium, driven by Playwright, opens the first text's page;
then, `--trials` times, one second apart, the script edits that text's sidecar in the copy
and times from the moment the file is saved to the moment the browser, reloaded by MkDocs'
livereload script, shows the edit. `--edit` says which edit:

- `title` (the default): the sidecar's `title:` becomes "Latency probe N", awaited as the
  page's `<h1>`. The worst case: the navigation and every page naming the text change.
- `claim`: the first claim's one-line `summary:` becomes "Latency probe N: ..." (the
  typical contributor's edit), awaited anywhere in the page's body (another claim's note
  quotes it). Few pages change.

Each trial is timed two ways:

- *seen*: until Playwright, waiting for the page's navigation (DOMContentLoaded) and then
  for the new text (an `<h1>` with the new title; the body holding the new summary), finds
  it. This is what `make bench` records (`measure`) and what docs/performance.md has
  always reported.
- *painted*: until the browser first painted the reloaded page with the edit: the later of
  its first contentful paint (its own record) and the first animation frame in which the
  page's `<h1>` had been parsed whole and held the new title (for `claim`: in which the
  parsed body held the new summary), noted by a small script the browser runs in every
  page before the page's own scripts. Both are on the browser's clock
  (`performance.timeOrigin`: the same wall clock as the save's). This leaves out what only
  the harness waits for (the scripts at the end of the page, which run after the first
  paint, and Playwright's own script in the new page): it is when a person at the screen
  sees the edit.

It prints one line per trial and the median of each. No test asserts a time.

Where the time goes (traced once, in a throwaway copy; the phases of one rebuild of the
real explainer): the watcher's next look at the files (MkDocs polls every 0.5 s; this
project's hook makes it 0.05 s), the wait for more changes (0.1 s; here 0.03 s), reading
mkdocs.yml again (about 0.02 s), MkDocs' rebuild (Markdown to HTML for every changed page,
the theme's templates for every page, the search index, and the builder itself), then the
browser's reload of a 160 kB page. While serving, builder/serve_speed.py converts and
indexes for search only the pages whose input changed (builder/serve_ahead.py shares those
conversions with a helper process on the second core), lists the installed theme's files
once and keeps the search plugin's language look-ups, and builder/serve_site.py writes
into the site folder only the files that changed (docs/maintainers.md, "Serving quickly").
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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scripts.chromium import CHROMIUM_ARGS, CHROMIUM_PATH

REPO = Path(__file__).resolve().parent.parent
COPIED = ("source_texts", "docs", "overrides", "builder", "mkdocs.yml")
_TITLE = re.compile(r"^title: (.*)$", re.MULTILINE)
# The first claim's one-line summary (not a block scalar): the same claim at every trial.
_SUMMARY = re.compile(r"^(\s+summary: )(?![>|])(.+)$", re.MULTILINE)
EDITS = ("title", "claim")


def free_port() -> int:
    """A local port nobody listens on (also used by tests/test_serve.py)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _copy_project(into: Path, *, project: Path = REPO) -> Path:
    for name in COPIED:
        source = project / name
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


def _resummarize(sidecar: Path, summary: str) -> None:
    text = sidecar.read_text(encoding="utf-8")
    if not _SUMMARY.search(text):
        raise SystemExit(f"{sidecar}: no claim with a one-line summary to edit")
    new = _SUMMARY.sub(lambda m: f'{m.group(1)}"{summary}"', text, count=1)
    sidecar.write_text(new, encoding="utf-8")


def _probe_text(edit: str, number: int) -> str:
    if edit == "title":
        return f"Latency probe {number}"
    return f"Latency probe {number}: a summary rewritten"


# Runs in every document the browser opens, before the page's own scripts: at the first
# animation frame (just before the browser paints it) in which the page's <h1> has been
# parsed whole (for a claim edit: in which the parsed body holds the text the harness put in
# sessionStorage, which outlives the reload), it notes that <h1>'s text (the probe text) and
# the wall-clock time (the browser's clock, ms since the epoch).
_NOTE_TITLE_PAINTED = """
(() => {
  const observer = new MutationObserver(() => {
    if (window.__titlePainted || window.__titleFramePending) return;
    window.__titleFramePending = true;
    requestAnimationFrame(() => {
      window.__titleFramePending = false;
      const probe = sessionStorage.getItem("latencyProbe");
      const at = performance.timeOrigin + performance.now();
      if (probe) {
        if (document.body && document.body.textContent.includes(probe)) {
          window.__titlePainted = [probe, at];
          observer.disconnect();
        }
        return;
      }
      const h1 = document.querySelector("h1");
      if (h1 && (h1.nextSibling || document.readyState !== "loading")) {
        window.__titlePainted = [h1.textContent, at];
        observer.disconnect();
      }
    });
  });
  observer.observe(document, {childList: true, subtree: true});
})();
"""


# When the browser first painted any of the page's content (its own record), on the same clock.
_FIRST_PAINT = (
    "(performance.getEntriesByName('first-contentful-paint').map("
    "p => performance.timeOrigin + p.startTime)[0] ?? null)"
)


@dataclass(frozen=True, kw_only=True)
class Trial:
    """One save, timed two ways from the moment the sidecar was written (seconds)."""

    seen: float  # until Playwright, waiting for it, finds the new title in the page
    painted: float  # until the browser first painted the page with it, on its own clock


def _trial(page: Any, sidecar: Path, edit: str, title: str) -> Trial:
    """One save of `edit` writing `title` (the probe text), timed."""
    # Read by the script above in the reloaded page: a claim's text is looked for in the body.
    page.evaluate(
        "t => sessionStorage.setItem('latencyProbe', t)", "" if edit == "title" else title
    )
    with page.expect_navigation(timeout=60_000, wait_until="domcontentloaded"):
        start, saved_at = time.perf_counter(), time.time()
        (_retitle if edit == "title" else _resummarize)(sidecar, title)
    if edit == "title":
        page.wait_for_selector(f"h1:has-text('{title}')", timeout=60_000)
    else:
        page.wait_for_function(
            "t => document.body.textContent.includes(t)", arg=title, timeout=60_000
        )
    seen = time.perf_counter() - start
    text, framed_at = page.evaluate("window.__titlePainted")
    if title not in text:
        raise SystemExit(f"the first frame of the reloaded page showed {text!r}, not {title!r}")
    page.wait_for_function(_FIRST_PAINT + " !== null", timeout=60_000)
    painted_at = max(framed_at, page.evaluate(_FIRST_PAINT))
    return Trial(seen=seen, painted=painted_at / 1000 - saved_at)


def measure_trials(trials: int, *, project: Path = REPO, edit: str = "title") -> list[Trial]:
    """`trials` saves of `edit` (one of EDITS) in a served copy of `project`, timed."""
    if edit not in EDITS:
        raise ValueError(f"edit must be one of {EDITS}, not {edit!r}")
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="explainer-serve-") as work:
        served = _copy_project(Path(work), project=project)
        sidecar = sorted((served / "source_texts").glob("*.yml"))[0]
        port = free_port()
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", f"127.0.0.1:{port}"],
            cwd=served,
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
                page.add_init_script(_NOTE_TITLE_PAINTED)
                page.goto(url)
                done = []
                for number in range(1, trials + 1):
                    time.sleep(1.0)  # let the previous reload settle
                    done.append(_trial(page, sidecar, edit, _probe_text(edit, number)))
                    print(
                        f"trial {number}: {done[-1].seen:.2f} s"
                        f" (painted: {done[-1].painted:.2f} s)",
                        flush=True,
                    )
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=30)
    return done


def measure(trials: int) -> list[float]:
    """Seconds from each save until Playwright finds the new title (what `make bench` records)."""
    return [trial.seen for trial in measure_trials(trials)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=5)
    parser.add_argument(
        "--project", type=Path, default=REPO, help="the checkout to copy (default: this one)"
    )
    parser.add_argument(
        "--edit", choices=EDITS, default="title", help="what each trial edits (default: title)"
    )
    args = parser.parse_args(argv)
    done = measure_trials(args.trials, project=args.project.resolve(), edit=args.edit)
    print(
        f"save-to-reloaded-page median ({args.edit}): {statistics.median(t.seen for t in done):.2f} s"
    )
    print(
        f"save-to-painted-page median ({args.edit}): {statistics.median(t.painted for t in done):.2f} s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
