"""Screenshot of the annotated text with a claim's note open in place (used by the README).

    python scripts/screenshot.py                 # builds the site with `mkdocs build --strict`
    python scripts/screenshot.py --site site/    # or uses an already built site
    python scripts/screenshot.py --phone docs/assets/screenshot-phone.png   # and a phone's

Serves the site on 127.0.0.1, opens the text page in Debian's Chromium (Playwright) at
1280x900, clicks the footnote number of a claim (docs/assets/explainer.js opens its note
beside it) and saves the viewport as a PNG (default: docs/assets/screenshot.png); with
`--phone`, also taps it at 390x844, where the note is a bottom sheet. Chromium:
/usr/bin/chromium, or CHROMIUM_PATH.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from playwright.sync_api import Route, sync_playwright

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))
from scripts.chromium import CHROMIUM_ARGS  # noqa: E402
from scripts.chromium import CHROMIUM_PATH as CHROMIUM  # noqa: E402

NOTE = ".explainer-note"  # a note opened in place (docs/assets/explainer.js)

# Marks the footnote reference that follows the first highlighted claim that has one.
_PICK_REF_JS = """(wanted) => {
    const marks = Array.from(document.querySelectorAll("article mark.ann-claim[id^='ann-']"));
    const ordered = wanted ? marks.filter(m => m.id === 'ann-' + wanted) : marks;
    for (const mark of ordered) {
        const block = mark.closest('p, li, div, blockquote') || mark.parentElement;
        const ref = Array.from(block.querySelectorAll('a.footnote-ref')).find(a =>
            mark.contains(a) ||
            (mark.compareDocumentPosition(a) & Node.DOCUMENT_POSITION_FOLLOWING));
        if (ref) {
            ref.setAttribute('data-screenshot-ref', '');
            return mark.id;
        }
    }
    return null;
}"""


def build_site(out: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=REPO_ROOT,
        env=env,
        check=True,
    )


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve(root: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def page_path(root: Path, stem: str) -> str:
    if (root / stem / "index.html").is_file():
        return f"{stem}/"
    if (root / f"{stem}.html").is_file():
        return f"{stem}.html"
    raise SystemExit(f"error: {root} has no page {stem}")


PHONE: dict[str, Any] = {
    "viewport": {"width": 390, "height": 844},
    "is_mobile": True,
    "has_touch": True,
    "device_scale_factor": 2,
}


def screenshot(
    root: Path, out: Path, text: str, claim: str | None, phone: Path | None = None
) -> str:
    with serve(root) as base_url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            url = f"{base_url}/{page_path(root, f'texts/{text}')}"
            desktop: dict[str, Any] = {"viewport": {"width": 1280, "height": 900}}
            mark_id = _shoot(browser, base_url, url, claim, out, desktop)
            if phone is not None:
                _shoot(browser, base_url, url, claim, phone, PHONE)
            return mark_id
        finally:
            browser.close()


def _shoot(
    browser: Any, base_url: str, url: str, claim: str | None, out: Path, options: dict[str, Any]
) -> str:
    context = browser.new_context(color_scheme="light", **options)

    def local_only(route: Route) -> None:
        if route.request.url.startswith(f"{base_url}/"):
            route.continue_()
        else:
            route.abort()

    context.route("**/*", local_only)
    page = context.new_page()
    page.goto(url)
    page.wait_for_load_state("load")
    mark_id = page.evaluate(_PICK_REF_JS, claim)
    if mark_id is None:
        raise SystemExit("error: no highlighted claim with a footnote reference found")
    ref = page.locator("[data-screenshot-ref]")
    # Put the claim about a third of the way down, so the note below it fits.
    ref.evaluate("el => window.scrollBy(0, el.getBoundingClientRect().top - 260)")
    if options.get("has_touch"):
        ref.tap()
    else:
        ref.click()
    page.locator(NOTE).wait_for(state="visible", timeout=10_000)
    out.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(out))
    context.close()
    return str(mark_id)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--site", type=Path, help="an already built site (default: build one)")
    parser.add_argument(
        "--out", type=Path, default=REPO_ROOT / "docs" / "assets" / "screenshot.png"
    )
    parser.add_argument("--text", default="assad-departure", help="slug of the text page")
    parser.add_argument("--claim", help="annotation id of the claim to open (default: first)")
    parser.add_argument("--phone", type=Path, help="also a phone's screenshot, to this file")
    args = parser.parse_args(argv)

    if args.site:
        mark_id = screenshot(args.site.resolve(), args.out, args.text, args.claim, args.phone)
    else:
        with tempfile.TemporaryDirectory(prefix="explainer-site-") as tmp:
            build_site(Path(tmp))
            mark_id = screenshot(Path(tmp), args.out, args.text, args.claim, args.phone)
    print(f"wrote {args.out} (the note of #{mark_id})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
