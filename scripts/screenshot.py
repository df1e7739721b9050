"""Screenshot of the annotated text with a claim's footnote tooltip open (used by the README).

    python scripts/screenshot.py                 # builds the site with `mkdocs build --strict`
    python scripts/screenshot.py --site site/    # or uses an already built site

Serves the site on 127.0.0.1, opens the text page in Debian's Chromium (Playwright) at
1280x900, hovers the footnote reference of a claim and saves the viewport as a PNG
(default: docs/assets/screenshot.png). Chromium: /usr/bin/chromium, or CHROMIUM_PATH.
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

TOOLTIP = ".md-tooltip2--active .md-tooltip2__inner"

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


def screenshot(root: Path, out: Path, text: str, claim: str | None) -> str:
    with serve(root) as base_url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(
                viewport={"width": 1280, "height": 900}, color_scheme="light"
            )

            def local_only(route: Route) -> None:
                if route.request.url.startswith(f"{base_url}/"):
                    route.continue_()
                else:
                    route.abort()

            context.route("**/*", local_only)
            page = context.new_page()
            page.goto(f"{base_url}/{page_path(root, f'texts/{text}')}")
            page.wait_for_load_state("load")
            mark_id = page.evaluate(_PICK_REF_JS, claim)
            if mark_id is None:
                raise SystemExit("error: no highlighted claim with a footnote reference found")
            ref = page.locator("[data-screenshot-ref]")
            # Put the claim about a third of the way down, so the tooltip below it fits.
            ref.evaluate("el => window.scrollBy(0, el.getBoundingClientRect().top - 260)")
            ref.hover()
            page.locator(TOOLTIP).wait_for(state="visible", timeout=10_000)
            page.wait_for_timeout(400)  # let the tooltip's fade-in finish
            out.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(out))
            return str(mark_id)
        finally:
            browser.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--site", type=Path, help="an already built site (default: build one)")
    parser.add_argument(
        "--out", type=Path, default=REPO_ROOT / "docs" / "assets" / "screenshot.png"
    )
    parser.add_argument("--text", default="assad-departure", help="slug of the text page")
    parser.add_argument("--claim", help="annotation id of the claim to hover (default: first)")
    args = parser.parse_args(argv)

    if args.site:
        mark_id = screenshot(args.site.resolve(), args.out, args.text, args.claim)
    else:
        with tempfile.TemporaryDirectory(prefix="explainer-site-") as tmp:
            build_site(Path(tmp))
            mark_id = screenshot(Path(tmp), args.out, args.text, args.claim)
    print(f"wrote {args.out} (tooltip of #{mark_id})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
