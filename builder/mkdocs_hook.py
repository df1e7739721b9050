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

try:
    from builder import pipeline
    from builder.render import ACTORS_INDEX, CHRONOLOGY, SOURCES, TEXTS_INDEX, render_error_pages
except ImportError:  # run from a checkout without `pip install -e .`
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from builder import pipeline
    from builder.render import ACTORS_INDEX, CHRONOLOGY, SOURCES, TEXTS_INDEX, render_error_pages

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

log = logging.getLogger("mkdocs.hooks.explainer")
_command = {"name": "build"}


def on_startup(command: str, dirty: bool, **_: Any) -> None:
    _command["name"] = command


def on_files(files: Files, config: Any, **_: Any) -> Files:
    root = Path(config.config_file_path).resolve().parent
    result = pipeline.build(root)
    pages = result.pages
    if not result.ok:
        report = result.diagnostics.format()
        if _command["name"] != "serve":
            raise PluginError(f"source_texts/ has errors:\n{report}")
        # While serving, keep the site up and show the errors where the pages would be.
        for line in report.splitlines():
            log.error(line)
        pages = render_error_pages(report, [TEXTS_INDEX, ACTORS_INDEX, CHRONOLOGY, SOURCES])
    for path, content in pages.items():
        existing = files.get_file_from_path(path)
        if existing is not None:
            raise PluginError(f"docs/{path} clashes with a generated page; remove it from docs/")
        files.append(File.generated(config, path, content=content))
    return files
