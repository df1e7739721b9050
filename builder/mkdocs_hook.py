"""The thin MkDocs glue: add the builder's pages to the site.

Listed in mkdocs.yml under `hooks:`. It never writes into docs/ (that would
loop `mkdocs serve`'s reload); `watch: [source_texts]` in mkdocs.yml makes
edits to texts and sidecars rebuild. Everything else is plain Python in the
builder package, so the same pages can be exported for any Markdown renderer.

The builder runs in `on_pre_build`, which MkDocs calls before it empties
`site_dir`: a failed `mkdocs build` leaves the previous site as it was. The pages
are kept on the hook object until `on_files` adds them and lists the text pages in
the nav's section holding texts/index.md (MkDocs builds the navigation from
`config.nav` right after `on_files`), so a new text needs no edit to mkdocs.yml.
Under `mkdocs serve` the pages are held in memory, with the cache that lets a rebuild
reuse what did not change; a one-off `mkdocs build` has the builder write them into a
temporary folder instead, which MkDocs reads them from (`File.generated` with a file), so
that the site is not held twice, and removes it when the build ends.
`on_page_markdown` dates each page from the git history of the files behind it
(builder/identity.py), for the theme's "Last update" line. `on_post_build` makes each
paragraph of each text an entry of its own in the search index (builder/search_index.py).
While serving, `on_serve`, `on_config` and `on_pre_page` make rebuilds quicker
(builder/serve_speed.py: a shorter polling interval; an unchanged page is not converted
again, and the installed theme's files are listed once; builder/serve_search.py: nor indexed
for search again, and the search plugin's language look-ups are kept); from `on_nav` to
`on_env` a helper process converts the changed pages on another core too
(builder/serve_ahead.py); and from
`on_pre_build` to `on_post_build` the site folder is kept, written only where a file changed
and swept of what the build did not make (builder/serve_site.py).
"""

from __future__ import annotations

import logging
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

# MkDocs loads this file by path; make the package importable from a plain checkout.
_REPO = str(Path(__file__).resolve().parent.parent)
if _REPO not in sys.path:
    sys.path.insert(0, _REPO)

import jinja2  # noqa: E402
from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402
from mkdocs.structure.files import File, Files  # noqa: E402

from builder import (  # noqa: E402
    pipeline,
    search_index,
    serve_ahead,
    serve_search,
    serve_site,
    serve_speed,
)
from builder.identity import LastChanged, page_files, repository_from_git  # noqa: E402
from builder.navigation import NavError, fill_texts_section, text_pages_of  # noqa: E402
from builder.render.pageset import Pages  # noqa: E402
from builder.render.site_summary import expand_site_summary  # noqa: E402
from builder.serve_changes import ChangeSet  # noqa: E402

if TYPE_CHECKING:
    from builder.core.model import Project

# Errors and warnings go to a logger outside "mkdocs.*": MkDocs counts those
# records, and in strict mode a counted one would stop the server or the build.
log = logging.getLogger("explainer")
if not log.handlers:
    _handler = logging.StreamHandler()
    _handler.setFormatter(logging.Formatter("EXPLAINER %(levelname)s - %(message)s"))
    log.addHandler(_handler)
    log.propagate = False


class _TemplateCodeCache(jinja2.BytecodeCache):
    """Compiled theme templates, kept in memory across `mkdocs serve` rebuilds.

    MkDocs makes a new Jinja environment for every rebuild and so compiles Material's
    templates again each time (about half a second); Jinja checks each template's
    source checksum before reusing its code, so an edited override is recompiled."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


class ExplainerHook:
    """State of one MkDocs process; `mkdocs serve` keeps it across rebuilds."""

    def __init__(self) -> None:
        self.serving = False
        self.last_good_paths: frozenset[str] = frozenset()
        self.pages = Pages()
        self.text_pages: list[str] = []  # in navigation order
        self.template_code = _TemplateCodeCache()
        self.cache = pipeline.BuildCache()  # unchanged files and pages, between rebuilds
        self.last_changed = LastChanged()  # git dates of the files behind the pages
        self.git_read: tuple[str, LastChanged] | None = None  # while serving: at which HEAD
        self.docs = "docs"  # the docs folder, from the project root
        self.paragraphs: dict[str, list[search_index.ParagraphEntry]] = {}  # by page path
        self.project: Project | None = None  # the last good build's, for the site summary
        self.page_urls: dict[str, str] = {}  # generated page path -> its URL in the site
        self.pages_folder: tempfile.TemporaryDirectory[str] | None = None  # mkdocs build
        self.render_cache = serve_speed.RenderCache()  # pages' HTML, between rebuilds
        self.ahead = serve_ahead.AheadConverter()  # pages converted on another core
        self.render_cache.ahead = self.ahead.conversion
        self.search_cache = serve_search.SearchEntryCache()  # pages' search entries, the same
        self.search_cache.ahead = self.ahead.search_entries
        self.theme_listing = serve_speed.ThemeListing()  # the installed theme's file names
        self.translations = serve_search.TranslationMemo()  # the search plugin's look-ups
        self.site_writer = serve_site.SiteWriter(frozenset({Path(__file__).resolve()}))
        self.dirty = False  # `mkdocs serve --dirty`: MkDocs' own writes

    def on_startup(self, *, command: str, dirty: bool = False, **_: Any) -> None:
        self.serving, self.dirty = command == "serve", dirty

    @event_priority(100)  # before the search plugin's, whose look-ups it makes quicker
    def on_config(self, config: Any, **_: Any) -> Any:
        """With no `repo_url` in mkdocs.yml, the checkout's `origin` remote, if any."""
        if self.serving:
            self.translations.install(config)
        if config.repo_url is None:
            root = Path(config.config_file_path).resolve().parent
            docs = Path(config.docs_dir).resolve()
            found = repository_from_git(
                root, docs.relative_to(root).as_posix() if docs.is_relative_to(root) else ""
            )
            if found is not None:
                config.repo_url = found.url
                config.repo_name = found.url.split("/")[2]
                if config.edit_uri is None:
                    config.edit_uri = found.edit_uri
        return config

    def on_serve(self, server: Any, *, config: Any, **_: Any) -> Any:
        server = serve_speed.quicker_server(server)
        # The files its watcher reports changed: the others' status is not taken again.
        changes = ChangeSet()
        if changes.attach(server, Path(config.config_file_path).resolve().parent):
            self.cache.changed_files = changes.take
        return server

    def on_pre_build(self, *, config: Any, **_: Any) -> None:
        self.render_cache.start_build()
        if self.serving:
            self.search_cache.install(config)
            self.theme_listing.install(config)
            self.site_writer.start(config, dirty=self.dirty)
        root = Path(config.config_file_path).resolve().parent
        # `mkdocs serve` sets site_url to its own address: the pages are there.
        self.remove_pages_folder()
        if not self.serving:
            self.pages_folder = tempfile.TemporaryDirectory(prefix="explainer-pages-")
        result = pipeline.build(
            root,
            docs_dir=Path(config.docs_dir),
            cache=self.cache if self.serving else None,
            site_url=config.site_url,
            directory_urls=config.use_directory_urls,
            pages_folder=Path(self.pages_folder.name) if self.pages_folder else None,
        )
        if self.serving:  # the log again only when HEAD moved
            self.git_read = LastChanged.read_unless(root, self.git_read)
            self.last_changed = self.git_read[1] if self.git_read else LastChanged.read(root)
        else:
            self.last_changed = LastChanged.read(root)
        docs = Path(config.docs_dir).resolve()
        self.docs = docs.relative_to(root).as_posix() if docs.is_relative_to(root) else ""
        for warning in result.diagnostics.warnings:
            log.warning(warning.format_text())
        self.paragraphs, self.project = {}, result.project if result.ok else None
        if result.ok:
            if result.project is not None:
                self.paragraphs = search_index.paragraph_entries(result.project)
            self.pages = result.pages
            self.text_pages = result.text_pages
            self.last_good_paths = frozenset(result.pages)
            return
        report = result.diagnostics.format()
        # A link or special file in docs/ stops even `mkdocs serve`: MkDocs itself
        # would follow or open it when it reads docs/, right after this hook.
        if not self.serving or (result.docs is not None and result.docs.refused):
            raise PluginError(f"the project has errors:\n{report}")
        # While serving, keep the site up and show the errors wherever a generated
        # page was (or would be), so the contributor sees them in the browser.
        for line in report.splitlines():
            log.error(line)
        self.pages = pipeline.error_pages(root, report, also=self.last_good_paths, docs=result.docs)
        self.text_pages = text_pages_of(self.pages)

    def on_pre_page(self, page: Any, *, config: Any, **_: Any) -> Any:
        if self.serving:
            self.render_cache.install(page, config)
        return page

    def on_page_markdown(self, markdown: str, *, page: Any, **_: Any) -> str:
        """The page's last-updated date (Material's `revision_date`), from git; in a
        hand-written page, the site summary where its marker is (render/site_summary.py)."""
        generated = page.file.generated_by is not None
        if not generated and self.project is not None:
            # The lookup memo of the build just made: its lookups, not all of them again.
            memo = self.cache.index if self.serving else None
            markdown = expand_site_summary(markdown, self.project, page.file.src_uri, memo)
        files = page_files(page.meta, page.file.src_uri, generated=generated, docs=self.docs)
        date = self.last_changed.of(files)
        if date is not None:
            page.meta["revision_date"] = date
        return markdown

    @event_priority(-100)  # the last: MkDocs reads and converts the pages right after it
    def on_nav(self, nav: Any, *, config: Any, files: Files, **_: Any) -> Any:
        if self.serving and not self.dirty:
            self.ahead.start(config, files, self.render_cache, self.search_cache)
        return nav

    def on_env(self, env: jinja2.Environment, **_: Any) -> jinja2.Environment:
        self.ahead.stop()  # every page is converted
        env.bytecode_cache = self.template_code
        return env

    def on_files(self, files: Files, *, config: Any, **_: Any) -> Files:
        for path in self.pages:
            if files.get_file_from_path(path) is not None:
                raise PluginError(
                    f"docs/{path} clashes with a generated page; remove it from docs/"
                )
            if self.pages.on_disk(path):
                generated = File.generated(config, path, abs_src_path=str(self.pages.file(path)))
            else:
                generated = File.generated(config, path, content=self.pages.encoded(path))
            self.page_urls[path] = generated.url
            files.append(generated)
        try:
            config["nav"] = fill_texts_section(config["nav"], self.text_pages)
        except NavError as exc:
            raise PluginError(f"{config.config_file_path}: {exc}") from None
        return files

    def remove_pages_folder(self, **_: Any) -> None:
        """The temporary folder of a one-off build's pages, once MkDocs has read them (also
        MkDocs' `on_build_error`)."""
        if self.pages_folder is not None:
            self.pages_folder.cleanup()
            self.pages_folder = None

    def on_build_error(self, **_: Any) -> None:
        self.ahead.stop()
        self.remove_pages_folder()
        self.site_writer.finish_failed()

    def on_post_build(self, *, config: Any, **_: Any) -> None:
        """One search entry per paragraph of each text, where the search plugin wrote one
        for the whole text; then the temporary folder of the pages goes, and while serving
        the files of the site folder that this build did not make."""
        self.remove_pages_folder()
        try:
            self._split_search_index(config)
        finally:
            self.site_writer.finish()

    def _split_search_index(self, config: Any) -> None:
        index_file = Path(config.site_dir) / "search" / "search_index.json"
        if self.paragraphs and index_file.is_file():
            search_index.split_paragraphs(
                index_file,
                {
                    self.page_urls[path]: p
                    for path, p in self.paragraphs.items()
                    if path in self.page_urls
                },
            )


_hook = ExplainerHook()
on_startup = _hook.on_startup
on_config = _hook.on_config
on_pre_build = _hook.on_pre_build
on_files = _hook.on_files
on_env = _hook.on_env
on_nav = _hook.on_nav
on_page_markdown = _hook.on_page_markdown
on_post_build = _hook.on_post_build
on_build_error = _hook.on_build_error
on_serve = _hook.on_serve
on_pre_page = _hook.on_pre_page
