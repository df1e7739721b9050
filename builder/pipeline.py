"""Run the stages in order: discover/load -> validate -> anchor/model -> render.

Pure with respect to output: nothing here writes files. Front ends (cli.py,
mkdocs_hook.py) decide what to do with the pages or the diagnostics.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from builder.assemble.drifting import Drifted
from builder.assemble.project import build_project
from builder.assemble.reuse import AssemblyMemo
from builder.core.diagnostics import Diagnostics, Location
from builder.core.index_parts import IndexMemo
from builder.core.model import Project
from builder.coverage.rules import analyse, report_findings
from builder.coverage.unused import report_unused
from builder.exports import each_encoded_export, export_paths
from builder.exports.reuse import ExportMemo
from builder.input.discover import DocsTree, discover_docs, discover_sources, shown_path
from builder.input.load import ParseMemo, load_project
from builder.input.reuse import FileChecks
from builder.input.validate import ValidatedProject, validate_project
from builder.navigation import text_order_key, text_pages_of
from builder.render.all_pages import render_pages
from builder.render.pages import render_error_pages
from builder.render.pageset import Pages
from builder.render.reuse import PageMemo
from builder.render.routes import (
    ACTORS_INDEX,
    CHRONOLOGY,
    SOURCES,
    TEXTS_INDEX,
    actor_page,
    text_page,
)
from builder.render.schema_org import SiteAddress

DOCS_DIR = "docs"


@dataclass(frozen=True)
class BuildResult:
    diagnostics: Diagnostics
    project: Project | None
    # path under docs/ -> Markdown, and the open-data exports (builder/exports/) under
    # data/, held as UTF-8; empty when there are errors
    pages: Pages
    docs: DocsTree | None = None  # the hand-written pages (links and special files refused)

    @property
    def ok(self) -> bool:
        return not self.diagnostics.has_errors

    @property
    def text_pages(self) -> list[str]:
        """The text pages in navigation order (the sidecars' `order`, then title)."""
        if self.project is None:
            return text_pages_of(self.pages)
        return [text_page(text.slug) for text in self.project.texts]


def check(
    root: Path,
    *,
    docs_dir: Path | None = None,
    coverage: bool = False,
    drifts: list[Drifted] | None = None,
) -> tuple[Diagnostics, Project | None]:
    """Discover, load, validate and anchor everything; collect every error.

    `docs_dir` (default `root/docs`) is checked too: MkDocs publishes it and the
    export copies it, so a link there would publish a file from outside the project.
    With `coverage` (`python -m builder check`), the editorial coverage rules
    (builder/coverage/) add their warnings, only when there is no error: a project
    that does not validate would give only follow-on noise. `drifts` collects the quotes
    that drifted, with their new selectors (`python -m builder reanchor`)."""
    with _cycle_collector_paused():
        diagnostics, project, _ = _checked(root, docs_dir or root / DOCS_DIR, drifts=drifts)
        if coverage and project is not None:
            report_findings(analyse(project), diagnostics)
            report_unused(project, diagnostics)
    return diagnostics, project


@contextmanager
def _cycle_collector_paused() -> Iterator[None]:
    """Run a build without Python's cycle collector, then let it resume.

    A build makes millions of small objects that form no reference cycles (frozen
    dataclasses, tuples, strings); meanwhile the collector would walk the whole heap again
    and again, which cost about a seventh of a build at 1,000 texts (measured, `make
    bench`). Rendering, which does make cycles, runs apart (`_model_frozen`)."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


@dataclass
class BuildCache:
    """What `mkdocs serve` carries from one build to the next, decided by content. A file
    whose status (type, inode, size, modification and change times) is what it was when
    the previous build read it is not read again, as git decides (builder/input/load.py,
    which reads again a file changed in the moments before it was read). For a file whose
    content has not changed: its YAML is not parsed again, its own
    checks (characters, shape) are not run again (builder/input/reuse.py), and its text
    is not anchored again if the actor registry is unchanged too
    (builder/assemble/reuse.py); their diagnostics are replayed. Pages whose inputs have
    not changed are not rendered again (builder/render/reuse.py), nor the annotation
    exports of unchanged texts (builder/exports/reuse.py). Checks and steps across files
    (all ids, the standings, the events' dates, the reverse lookups) merge per-file parts
    kept by content, and run again only on what a changed part holds
    (builder/core/steps.py, builder/core/index_parts.py), so a rebuild reports and makes
    exactly what a fresh build does (tests/test_incremental.py)."""

    parsed: ParseMemo = field(default_factory=ParseMemo)
    checked: FileChecks = field(default_factory=FileChecks)
    anchored: AssemblyMemo = field(default_factory=AssemblyMemo)
    pages: PageMemo = field(default_factory=PageMemo)
    exports: ExportMemo = field(default_factory=ExportMemo)  # builder/exports/reuse.py
    index: IndexMemo = field(default_factory=IndexMemo)  # builder/core/index_parts.py
    # Under `mkdocs serve`, the files of source_texts/ its watcher reported changed since
    # the previous build, taken once per build; None when not known (serve_changes.py).
    changed_files: Callable[[], frozenset[str] | None] | None = None


def _checked(
    root: Path,
    docs_dir: Path,
    cache: BuildCache | None = None,
    drifts: list[Drifted] | None = None,
) -> tuple[Diagnostics, Project | None, DocsTree]:
    diagnostics = Diagnostics()
    docs = discover_docs(root, docs_dir, diagnostics)
    changed = cache.changed_files() if cache and cache.changed_files else None
    raw = load_project(root, diagnostics, cache.parsed if cache else None, changed)
    validated = validate_project(raw, diagnostics, cache.checked if cache else None)
    try:
        memo = cache.anchored if cache else None
        project = build_project(validated, diagnostics, memo, root=root, drifts=drifts)
    except Exception:
        # Bad input that slipped past validation must not hide the errors already
        # found (it is most likely their consequence); without them it is a bug.
        if not diagnostics.has_errors:
            raise
        return diagnostics, None, docs
    project = _in_reading_order(project, _orders(validated))
    if not diagnostics.has_errors:
        _check_clashes(root, docs, _generated_paths(project), diagnostics)
    return diagnostics, (None if diagnostics.has_errors else project), docs


def _orders(validated: ValidatedProject) -> dict[str, int | None]:
    return {slug: checked.model.order for slug, checked in validated.sidecars.items()}


def _in_reading_order(project: Project, orders: Mapping[str, int | None]) -> Project:
    """The project with its texts in the order of the navigation and the texts index."""
    texts = sorted(project.texts, key=lambda t: text_order_key(orders.get(t.slug), t.title, t.slug))
    return replace(project, texts=tuple(texts))


def _generated_paths(project: Project) -> set[str]:
    """The paths `render_pages` and `exports` write, known without rendering."""
    paths = {TEXTS_INDEX, ACTORS_INDEX, CHRONOLOGY, SOURCES, *export_paths(project)}
    paths |= {text_page(text.slug) for text in project.texts}
    return paths | {actor_page(actor.id) for actor in project.actors}


def build(
    root: Path,
    *,
    docs_dir: Path | None = None,
    cache: BuildCache | None = None,
    site_url: str | None = None,
    directory_urls: bool = True,
    pages_folder: Path | None = None,
) -> BuildResult:
    """Everything `check` does, then render the pages and make the exports (only when
    there are no errors). `cache` is the previous build's, under `mkdocs serve`: the
    result is the same. `site_url` (mkdocs.yml's) makes the exports' IRIs absolute, and
    with `directory_urls` (`use_directory_urls`) the IRIs of the pages' JSON-LD. With a
    `pages_folder` (an empty folder the caller owns), the pages and exports are written
    there as they are made rather than held in memory (render/pageset.py)."""
    with _cycle_collector_paused():
        diagnostics, project, docs = _checked(root, docs_dir or root / DOCS_DIR, cache)
    if project is None:
        return BuildResult(diagnostics, None, Pages(), docs)
    with _model_frozen():
        site = SiteAddress.of(site_url, directory_urls=directory_urls)
        memo, index_memo = (cache.pages, cache.index) if cache else (None, None)
        pages = render_pages(project, memo, site, pages_folder, index_memo)
    made = each_encoded_export(project, site_url=site_url, memo=cache.exports if cache else None)
    for path, content in made:
        pages.add_encoded(path, content)
    return BuildResult(diagnostics, project, pages, docs)


@contextmanager
def _model_frozen() -> Iterator[None]:
    """Render with the cycle collector on, but blind to everything made before.

    Each template render leaves reference cycles (Jinja's contexts), about 100 MB at
    1,000 texts if never collected; yet a full collection that walks the whole model
    again and again costs a fifth of the render. Frozen objects (`gc.freeze`) are never
    examined, so collections during the render see only what the render makes."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _check_clashes(
    root: Path, docs: DocsTree, pages: Collection[str], diagnostics: Diagnostics
) -> None:
    """A hand-written page at a generated page's path (MkDocs reads `README.md` as
    `index.md`) would replace one of them; report it before anything is built."""
    for relative in docs.files:
        as_page = _as_page(relative)
        if as_page in pages:
            diagnostics.error(
                Location(shown_path(root, docs.folder / relative)),
                f"this hand-written page has the path of the generated page {as_page}",
                "rename or remove it: the builder writes that page itself",
                code="page-path-clash",
            )


def _as_page(relative: str) -> str:
    """The page a docs file becomes: MkDocs reads `README.md` as `index.md`."""
    folder, slash, name = relative.rpartition("/")
    return f"{folder}{slash}index.md" if name == "README.md" else relative


def error_pages(
    root: Path, report: str, *, also: Iterable[str] = (), docs: DocsTree | None = None
) -> Pages:
    """The error report at every generated page's path (those of the last good build,
    `also`, and those the current files would have), for `mkdocs serve`; never at the
    path of a hand-written page in `docs`. The exports are not replaced: they are
    left out until the errors are fixed."""
    found = discover_sources(root, Diagnostics())  # its errors are in `report` already
    paths = {
        *(p for p in also if p.endswith(".md")),
        TEXTS_INDEX,
        ACTORS_INDEX,
        CHRONOLOGY,
        SOURCES,
    }
    paths |= {text_page(text.slug) for text in found.texts} if found else set()
    paths -= {_as_page(relative) for relative in (docs.files if docs else ())}
    return render_error_pages(report, sorted(paths))
