"""The thin MkDocs glue: add the builder's pages to the site, in memory.

Listed in mkdocs.yml under `hooks:`. It never writes into docs/ (that would
loop `mkdocs serve`'s reload); `watch: [source_texts]` in mkdocs.yml makes
edits to texts and sidecars rebuild. Everything else is plain Python in the
builder package, so the same pages can be exported for any Markdown renderer.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Any

# MkDocs loads this file by path; make the package importable from a plain checkout.
_REPO = str(Path(__file__).resolve().parent.parent)
if _REPO not in sys.path:
    sys.path.insert(0, _REPO)

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.structure.files import File, Files  # noqa: E402

from builder import pipeline  # noqa: E402
from builder.render import (  # noqa: E402
    ACTORS_INDEX,
    CHRONOLOGY,
    SOURCES,
    TEXTS_INDEX,
    render_error_pages,
    text_page,
)

# Errors while serving go to a logger outside "mkdocs.*": MkDocs counts those
# records, and in strict mode a counted error would stop the server.
log = logging.getLogger("explainer")
if not log.handlers:
    _handler = logging.StreamHandler()
    _handler.setFormatter(logging.Formatter("EXPLAINER ERROR - %(message)s"))
    log.addHandler(_handler)
    log.propagate = False
_state: dict[str, Any] = {"command": "build", "last_good_paths": set()}


def on_startup(command: str, dirty: bool, **_: Any) -> None:
    _state["command"] = command


def on_files(files: Files, config: Any, **_: Any) -> Files:
    root = Path(config.config_file_path).resolve().parent
    result = pipeline.build(root)
    pages = result.pages
    if result.ok:
        _state["last_good_paths"] = set(pages)
    else:
        report = result.diagnostics.format()
        if _state["command"] != "serve":
            raise PluginError(f"source_texts/ has errors:\n{report}")
        # While serving, keep the site up and show the errors wherever a generated
        # page was (or would be), so the contributor sees them in the browser.
        for line in report.splitlines():
            log.error(line)
        slugs = sorted(p.stem for p in (root / "source_texts").glob("*.txt"))
        paths = set(_state["last_good_paths"]) | {TEXTS_INDEX, ACTORS_INDEX, CHRONOLOGY, SOURCES}
        paths |= {text_page(slug) for slug in slugs}
        pages = render_error_pages(report, sorted(paths))
    for path, content in pages.items():
        if files.get_file_from_path(path) is not None:
            raise PluginError(f"docs/{path} clashes with a generated page; remove it from docs/")
        files.append(File.generated(config, path, content=content))
    return files
