"""Rebuilds of a project as `mkdocs serve` makes them, in one process (so the hook keeps
its caches between them, as it does while serving), for tests/test_serve_speed.py.

    python -m tests.serve_builds PROJECT OUT [EDITS]

Builds PROJECT the way `mkdocs serve` does (its `site_url`, `serve_url` and `command`),
copies the site to OUT/0, then for each edit of EDITS (JSON: a list of [path, old, new],
each `old` replaced once in PROJECT/path; see `apply_edit` for the other kinds) makes the
edit, builds again and copies the site to OUT/1, OUT/2, ... It prints one JSON line per
build: how many pages the hook's caches reused, how many theme folders it keeps the listing
of (builder/serve_speed.py), how many look-ups and stripped pages of the search plugin it
reused (builder/serve_search.py), how many writes into the site folder it skipped and
files it removed from it (builder/serve_site.py), and how many pages its helper process
converted (builder/serve_ahead.py). The environment variable AHEAD says how that helper
runs: `race` (the default, as while serving), `first` (MkDocs waits until the helper has
gone through every page, so that it converts all that need it), `crash` (the helper dies
as soon as it has begun converting a page) or `off`.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import sys
from pathlib import Path
from typing import Any

from mkdocs.commands.build import build
from mkdocs.config import load_config

from builder import serve_ahead

SERVE_URL = "http://127.0.0.1:8000/"
SITE = "@site/"  # an edit's path starting so is in the served site folder, not the project


def apply_edit(project: Path, site: Path, edit: list[str | None]) -> None:
    """[path, old, new]: `old` replaced once by `new`; [path, None, text]: the file written
    whole; [path, None, None]: the file deleted. A path starting with SITE is in `site`."""
    path, old, new = edit
    assert path is not None
    target = site / path.removeprefix(SITE) if path.startswith(SITE) else project / path
    if old is None:
        if new is None:
            target.unlink()
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(new, encoding="utf-8")
        return
    text = target.read_text(encoding="utf-8")
    assert new is not None and text.count(old) == 1, f"{old!r} is not once in {path}"
    target.write_text(text.replace(old, new), encoding="utf-8")


def _crash_on_first_conversion() -> None:
    """The helper process dies once it has said it began a page (AHEAD=crash)."""
    send = serve_ahead._send

    def send_then_die(stream: Any, message: Any) -> None:
        send(stream, message)
        if message[1] is None:  # "begun"
            os._exit(3)

    serve_ahead._send = send_then_die


def _build(project: Path, site: Path, *, first: bool) -> dict[str, int]:
    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site))
    if first:
        config.plugins.on_startup(command="serve", dirty=False)
    config.site_url = SERVE_URL
    hook = next(p for p in config.plugins.values() if hasattr(p, "_hook"))._hook
    ahead = os.environ.get("AHEAD", "race")
    hook.ahead.enabled = hook.ahead.enabled and ahead != "off"
    hook.ahead.first_waits = ahead in ("first", "crash")
    build(config, serve_url=SERVE_URL)
    return {
        "pages": hook.render_cache.reused,
        "search": hook.search_cache.reused,
        "stripped": hook.search_cache.reused_stripped,
        "theme_folders": len(hook.theme_listing.listed),
        "translations": hook.translations.reused,
        "site_kept": hook.site_writer.kept,
        "site_removed": hook.site_writer.removed,
        "helped": hook.ahead.helped,
        "search_helped": hook.search_cache.helped,
    }


def main(argv: list[str]) -> int:
    # Warnings on stderr, as `mkdocs serve` shows them (mkdocs/__main__.py), to be counted.
    shown = logging.StreamHandler()
    shown.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    logger.addHandler(shown)
    if os.environ.get("AHEAD") == "crash":
        _crash_on_first_conversion()
    project, out = Path(argv[0]).resolve(), Path(argv[1]).resolve()
    edits = json.loads(argv[2]) if len(argv) > 2 else []
    site = out / "serving"
    for step in range(len(edits) + 1):
        if step:
            apply_edit(project, site, edits[step - 1])
        reused = _build(project, site, first=step == 0)
        shutil.copytree(site, out / str(step))
        print(json.dumps({"step": step, "reused": reused}), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
