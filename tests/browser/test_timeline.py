"""data/timeline.json in the real TimelineJS3 (npm `@knight-lab/timelinejs`), in Chromium.

`mkdocs build --strict` of a fixture project writes the timeline; the test's own HTTP
server serves it with TimelineJS from node_modules and a page that loads it by URL, as
an embed does. No request may leave that server (fonts and languages are local), no
console error may appear, and the timeline must show one slide per event, in the
order of the file, with contributor text shown as text.
"""

from __future__ import annotations

import functools
import http.server
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Request

from builder import pipeline
from tests.browser.conftest import REPO_ROOT, mkdocs_build_strict, skip_or_fail
from tests.conftest import PAIR, copy_fixture

TIMELINEJS = REPO_ROOT / "node_modules" / "@knight-lab" / "timelinejs" / "dist"
ASTRAL = REPO_ROOT / "tests" / "fixtures" / "astral"

HARNESS = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>timeline</title>
<link rel="stylesheet" href="/timelinejs/css/timeline.css">
<script src="/timelinejs/js/timeline.js"></script></head>
<body><div id="timeline" style="width: 1000px; height: 640px"></div>
<script>
window.timelineLoaded = new Promise((resolve) => {
  const timeline = new TL.Timeline("timeline", "/data/timeline.json", {
    script_path: "/timelinejs/js/", font: null, language: "en", hash_bookmark: false,
  });
  timeline.on("loaded", () => resolve(timeline.config.events.map((e) => e.unique_id)));
});
</script></body></html>
"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module", params=["astral", "pair"])
def timeline_site(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, Path]]:
    """The built site with TimelineJS beside it, served on 127.0.0.1."""
    if not (TIMELINEJS / "js" / "timeline.js").is_file():
        skip_or_fail("node_modules/@knight-lab/timelinejs is missing: run `npm ci`")
    fixture = {"astral": ASTRAL, "pair": PAIR}[request.param]
    site = mkdocs_build_strict(copy_fixture(fixture, tmp_path_factory.mktemp("tl") / "p"))
    (site / "timelinejs").symlink_to(TIMELINEJS, target_is_directory=True)
    (site / "timeline.html").write_text(HARNESS, encoding="utf-8")
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", site
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def test_timelinejs_shows_one_slide_per_event_in_order(
    browser: Browser, timeline_site: tuple[str, Path]
) -> None:
    base, site = timeline_site
    events = json.loads((site / "data" / "timeline.json").read_text(encoding="utf-8"))["events"]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    outside: list[str] = []
    console: list[str] = []

    def route(route: Any) -> None:
        if route.request.url.startswith(base + "/"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", route)
    page = context.new_page()
    failed: list[str] = []
    page.on("console", lambda m: console.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: console.append(str(error)))
    page.on("requestfailed", lambda r: failed.append(_request(r)))
    try:
        page.goto(f"{base}/timeline.html")
        loaded = page.evaluate("window.timelineLoaded")
        slide_ids = page.eval_on_selector_all(".tl-storyslider .tl-slide", "s => s.map(e => e.id)")
        headlines = page.eval_on_selector_all(
            ".tl-storyslider .tl-slide .tl-headline", "h => h.map(e => e.textContent)"
        )
        groups = page.eval_on_selector_all(
            ".tl-timegroup-message", "g => g.map(e => e.textContent)"
        )
        dates = page.eval_on_selector_all(
            ".tl-storyslider .tl-slide .tl-headline-date", "d => d.map(e => e.textContent)"
        )
        # Contributor words such as <before> or <of the "Nord"> must not become elements.
        tags = page.evaluate(
            "[...new Set([...document.querySelectorAll('#timeline *')].map(e => e.localName))]"
        )
    finally:
        context.close()
    assert console == [] and failed == [] and outside == []
    expected = [event["unique_id"] for event in events]
    assert loaded == expected and slide_ids == expected
    assert len(expected) == len(set(expected)) > 1
    project = pipeline.build(site.parent).project
    assert project is not None
    titles = {event.id: event.title for event in project.events}
    assert headlines == [titles[event_id] for event_id in expected]  # "<before>" as written
    assert not {"before", "of"} & set(tags)
    assert sorted(set(groups)) == sorted({text.title for text in project.texts})
    labels = {event.id: event.when.label() for event in project.events}
    assert dates == [labels[event_id] for event_id in expected]


def _request(request: Request) -> str:
    return f"{request.url}: {request.failure}"
