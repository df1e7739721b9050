"""What `python -m builder build --out DIR` writes: a project that builds with no hook.

DIR/docs/ holds the hand-written pages and the generated ones, DIR/mkdocs.yml the
project's config with `hooks` and `watch` removed, `docs_dir: docs`, the text pages
filled into the nav and `theme.custom_dir: overrides`, and DIR/overrides/ a copy of
the theme overrides (overrides/main.html escapes page titles, so it must travel
with the pages). Plain MkDocs or Zensical build DIR as it is. `--generated-only`
writes just the generated pages, at DIR's top.

What the MkDocs hook adds at build time travels in the files instead, so that a renderer
with no hooks (Zensical) shows it too: each generated page's `revision_date` (the "Last
update" line, from git, as the hook dates it) goes into its front matter with
`generated: true` (no edit link to docs/ for it, where it is not), and with no
`repo_url` in mkdocs.yml the checkout's `origin` remote fills it (and `edit_uri`), as the
hook's `on_config` does.

Pure apart from reading mkdocs.yml and listing the overrides folder (without
following links); `write.py` does the writing.
"""

from __future__ import annotations

import io
import json
import os
import stat
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from builder.core.diagnostics import Diagnostics, Location
from builder.core.model import Project
from builder.identity import LastChanged, repository_from_git
from builder.input.discover import discover_docs
from builder.navigation import NavError, fill_texts_section
from builder.pipeline import BuildResult
from builder.render.site_summary import SITE_SUMMARY_MARKER, expand_site_summary
from builder.write import ExportFiles

CONFIG = "mkdocs.yml"
DOCS = "docs"
OVERRIDES = "overrides"
_MAX_CONFIG_BYTES = 1_000_000  # far above any real mkdocs.yml


def export_files(
    root: Path, result: BuildResult, diagnostics: Diagnostics, *, generated_only: bool
) -> ExportFiles | None:
    """The files of the export of a successful build; None (errors reported) when the
    project's mkdocs.yml or overrides cannot be exported."""
    if generated_only:
        return ExportFiles(written=dict(result.pages))
    config = _read_config(root, diagnostics)
    if config is None:
        return None
    dates = LastChanged.read(root)
    pages = {path: dated(content, dates) for path, content in result.pages.items()}
    written = {f"{DOCS}/{path}": content for path, content in pages.items()}
    _fill_repository(root, config)
    docs = result.docs
    copied = {f"{DOCS}/{rel}": docs.folder / rel for rel in docs.files} if docs else {}
    if docs and result.project is not None:
        # A hand-written page holding the site summary's marker is written expanded.
        for rel, content in expanded_pages(docs.folder, docs.files, result.project).items():
            del copied[f"{DOCS}/{rel}"]
            written[f"{DOCS}/{rel}"] = content
    overrides = _custom_dir(root, config)
    if overrides is not None and os.path.lexists(overrides):
        tree = discover_docs(root, overrides, diagnostics)  # links and special files refused
        if tree.refused:
            return None
        copied |= {f"{OVERRIDES}/{rel}": tree.folder / rel for rel in tree.files}
    else:
        overrides = None
    try:
        written[CONFIG] = exported_config(config, result.text_pages, overrides is not None)
    except NavError as exc:
        diagnostics.error(Location(CONFIG), str(exc), code="export-nav")
        return None
    return ExportFiles(written=written, copied=copied)


def expanded_pages(folder: Path, files: Sequence[str], project: Project) -> dict[str, str]:
    """The hand-written Markdown pages that hold the site summary's marker, expanded (a page
    that is not UTF-8 is copied as it is: MkDocs reports it)."""
    marker = SITE_SUMMARY_MARKER.encode("utf-8")
    expanded = {}
    for rel in files:
        if not rel.endswith(".md"):
            continue
        data = (folder / rel).read_bytes()
        if marker not in data:
            continue
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            continue
        expanded[rel] = expand_site_summary(text, project, rel)
    return expanded


def site_url_of(root: Path) -> str | None:
    """mkdocs.yml's `site_url`, for the exports' IRIs; None when it is unset, or when
    mkdocs.yml cannot be read (`export_files` reports why, unless --generated-only)."""
    config = _read_config(root, Diagnostics())
    value = config.get("site_url") if config is not None else None
    return value if isinstance(value, str) and value else None


def exported_config(config: Any, text_pages: list[str], has_overrides: bool) -> str:
    """The project's config for the exported folder, as YAML (comments kept)."""
    for key in ("hooks", "watch"):
        config.pop(key, None)
    config["docs_dir"] = DOCS
    theme = config.get("theme")
    if isinstance(theme, dict) and "custom_dir" in theme:
        if has_overrides:
            theme["custom_dir"] = OVERRIDES
        else:
            del theme["custom_dir"]
    if config.get("nav") is not None:
        config["nav"] = fill_texts_section(config["nav"], text_pages)
    stream = io.StringIO()
    _yaml().dump(config, stream)
    return stream.getvalue()


def dated(page: str, dates: LastChanged) -> str:
    """`page` with `generated: true` in its front matter, and `revision_date`: the newest
    commit date of the files in its `history` (builder/render/meta.py), if git knows one."""
    head, sep, rest = page.partition("\n---\n")
    if not page.startswith("---\n") or not sep:
        return page
    history: list[str] = []
    for line in head.splitlines():
        if line.startswith("history: "):
            listed = json.loads(line.removeprefix("history: "))
            history = [path for path in listed if isinstance(path, str)]
    date = dates.of(history)
    # `generated`: overrides/partials/actions.html gives no edit link to docs/ for such a page
    # (the file is not in the repository), as MkDocs does for the hook's pages.
    head += "\ngenerated: true"
    if date is not None:
        head += f"\nrevision_date: {json.dumps(date)}"
    return f"{head}{sep}{rest}"


def _fill_repository(root: Path, config: Any) -> None:
    if config.get("repo_url") is None:
        found = repository_from_git(root, DOCS)
        if found is not None:
            config["repo_url"] = found.url
            if config.get("edit_uri") is None:
                # "" when git does not tell: no edit link, as under the hook (a renderer
                # would otherwise guess GitHub's `edit/master/docs/`).
                config["edit_uri"] = found.edit_uri or ""


def _yaml() -> YAML:
    # Round trip: keeps comments, order and tags such as !!python/name: for MkDocs.
    yaml = YAML(typ="rt")
    yaml.width = 100
    return yaml


def _read_config(root: Path, diagnostics: Diagnostics) -> Any:
    hint = "add one, or export only the generated pages with --generated-only"
    try:
        fd = os.open(root / CONFIG, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as exc:
        diagnostics.error(
            Location(CONFIG), f"cannot read {CONFIG}: {exc.strerror}", hint, code="export-config"
        )
        return None
    with os.fdopen(fd, "rb") as stream:
        if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
            diagnostics.error(
                Location(CONFIG), f"{CONFIG} is not a regular file", hint, code="export-config"
            )
            return None
        data = stream.read(_MAX_CONFIG_BYTES + 1)
    try:
        config = _yaml().load(data.decode("utf-8"))
    except (UnicodeDecodeError, YAMLError) as exc:
        diagnostics.error(
            Location(CONFIG),
            f"cannot read {CONFIG}: {exc}".splitlines()[0],
            hint,
            code="export-config",
        )
        return None
    if not isinstance(config, dict) or len(data) > _MAX_CONFIG_BYTES:
        diagnostics.error(
            Location(CONFIG), f"{CONFIG} is not a MkDocs configuration", hint, code="export-config"
        )
        return None
    return config


def directory_urls_of(root: Path) -> bool:
    """mkdocs.yml's `use_directory_urls` (MkDocs' default, true, when unset or unreadable),
    for the IRIs of the pages' JSON-LD."""
    config = _read_config(root, Diagnostics())
    return config is None or config.get("use_directory_urls", True) is not False


def _custom_dir(root: Path, config: Any) -> Path | None:
    theme = config.get("theme")
    custom = theme.get("custom_dir") if isinstance(theme, dict) else None
    return root / str(custom) if custom else None
