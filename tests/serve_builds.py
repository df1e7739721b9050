"""Rebuilds of a project as `mkdocs serve` makes them, in one process (so the hook keeps
its caches between them, as it does while serving), for tests/test_serve_speed.py.

    python -m tests.serve_builds PROJECT OUT [EDITS]

Builds PROJECT the way `mkdocs serve` does (its `site_url`, `serve_url` and `command`),
copies the site to OUT/0, then for each edit of EDITS (JSON: a list of [path, old, new],
each `old` replaced once in PROJECT/path) makes the edit, builds again and copies the site
to OUT/1, OUT/2, ... It prints one JSON line per build: how many pages the hook's caches
reused, and how many theme folders it keeps the listing of (builder/serve_speed.py).
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

SERVE_URL = "http://127.0.0.1:8000/"


def _build(project: Path, site: Path, *, first: bool) -> dict[str, int]:
    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site))
    if first:
        config.plugins.on_startup(command="serve", dirty=False)
    config.site_url = SERVE_URL
    build(config, serve_url=SERVE_URL)
    hook = next(p for p in config.plugins.values() if hasattr(p, "_hook"))._hook
    return {
        "pages": hook.render_cache.reused,
        "search": hook.search_cache.reused,
        "theme_folders": len(hook.theme_listing.listed),
    }


def main(argv: list[str]) -> int:
    project, out = Path(argv[0]).resolve(), Path(argv[1]).resolve()
    edits = json.loads(argv[2]) if len(argv) > 2 else []
    site = out / "serving"
    for step in range(len(edits) + 1):
        if step:
            path, old, new = edits[step - 1]
            text = (project / path).read_text(encoding="utf-8")
            assert text.count(old) == 1, f"{old!r} is not once in {path}"
            (project / path).write_text(text.replace(old, new), encoding="utf-8")
        reused = _build(project, site, first=step == 0)
        shutil.copytree(site, out / str(step))
        print(json.dumps({"step": step, "reused": reused}), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
