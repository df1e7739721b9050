"""Quicker rebuilds under `mkdocs serve`: speed only, never what a page says.

Used by builder/mkdocs_hook.py while serving, and only there: `mkdocs build` and Zensical
never use it, and a served page is the same with it as without (tests/test_serve_speed.py
compares every file of the site with a fresh build's after each kind of edit). The parts
lean on MkDocs 1.6 internals (docs/maintainers.md, "Serving quickly"), so each checks what
it relies on and, where that is missing, leaves MkDocs to do what it always does.

- `quicker_server`: MkDocs' livereload server looks at the watched files every 0.5 s and
  waits 0.1 s more for further changes; this one looks every `POLL_INTERVAL` (longer for a
  project so big that a look takes more than a tenth of that: `polling_interval`) and
  waits `BUILD_DELAY`. It still polls (as MkDocs chose to, so that Docker and network mounts
  work).
- `RenderCache`: MkDocs converts every page's Markdown to HTML on every rebuild. A page whose
  Markdown (after the hooks), file, site files and Markdown settings are all as they were at
  the last rebuild gets the HTML, table of contents, title and anchors that conversion gave.
- `ThemeListing`: MkDocs lists every file of the theme on every rebuild to find its static
  files (Material has 14,500, most of them icons). The folders of installed packages are
  listed once per server; the project's own (`custom_dir`) every time.
The page caches keep only what the last rebuild used, so they never hold more than one site.
Material's search plugin has its own shortcuts (builder/serve_search.py), the pages that
must be converted are shared with a helper process on another core (builder/serve_ahead.py),
and the site folder is kept between rebuilds (builder/serve_site.py).
"""

from __future__ import annotations

import copy
import hashlib
import logging
import os
import site
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from watchdog.utils.dirsnapshot import DirectorySnapshot

POLL_INTERVAL = 0.05  # seconds between two looks at the watched files (MkDocs: 0.5)
# The watcher looks in the server's process, holding the interpreter's lock for most of a
# look (about 9 ms for source_texts/ at 1,000 texts). Between two looks it waits at least
# 1 / LOOK_SHARE times as long as a look takes, so that it takes at most that share of the
# time from rebuilds (MkDocs' own and the builder's); and at most MkDocs' own 0.5 s.
LOOK_SHARE = 0.1
MAX_POLL_INTERVAL = 0.5
BUILD_DELAY = 0.03  # seconds with no further change before a rebuild (MkDocs: 0.1)

# What Page.render sets in MkDocs 1.6 and ProperDocs 1.6 (a fork of it), and nothing else.
_RENDERED = ("content", "toc", "_title_from_render", "present_anchor_ids", "links_to_anchors")
# Python-Markdown extensions whose output depends on the page's Markdown and their
# settings only (no files read, no state kept between pages).
_PURE_EXTENSIONS = frozenset(
    {"abbr", "admonition", "attr_list", "def_list", "fenced_code", "footnotes", "md_in_html"}
    | {"sane_lists", "smarty", "tables", "toc"}
)


def _made_by(obj: object, packages: tuple[str, ...], version: str) -> bool:
    """Whether `obj`'s class is from one of `packages` at a version starting `version`:
    the versions whose internals this module was written against."""
    package = type(obj).__module__.split(".")[0]
    found = getattr(sys.modules.get(package), "__version__", "")
    return package in packages and str(found).startswith(version)


def is_mkdocs_1_6(obj: object) -> bool:
    return _made_by(obj, ("mkdocs", "properdocs"), "1.6.")


def polling_interval(paths: list[str]) -> float:
    """Seconds between two looks of a watcher at `paths`: POLL_INTERVAL, or longer when one
    look takes more than LOOK_SHARE of that (a project of many files)."""
    return min(MAX_POLL_INTERVAL, max(POLL_INTERVAL, look_seconds(paths) / LOOK_SHARE))


def look_seconds(paths: list[str]) -> float:
    """How long one look of the watcher at `paths` takes (a folder's files, each stat'ed)."""
    start = time.perf_counter()
    for path in paths:
        if os.path.isdir(path):
            DirectorySnapshot(path)  # what the watcher's every look takes
    return time.perf_counter() - start


def quicker_server(server: Any) -> Any:
    """A livereload server like `server` (same address, site, builder, error page and watched
    paths) that polls every POLL_INTERVAL; `server` itself if that cannot be done safely.
    For the `on_serve` event, which MkDocs calls before the server starts."""
    watched = getattr(server, "_watched_paths", None)
    if not is_mkdocs_1_6(server) or not isinstance(watched, dict) or server.observer.is_alive():
        return server
    host, port = server.server_address[:2]
    quicker = type(server)(
        builder=server.builder,
        host=host,
        port=port,
        root=server.root,
        mount_path=server.mount_path,
        polling_interval=polling_interval(list(watched)),
    )
    quicker.build_delay = BUILD_DELAY
    quicker.error_handler = server.error_handler
    for path, times in watched.items():
        for _ in range(times):
            quicker.watch(path)
    server.server_close()  # its socket was made but never bound
    return quicker


@dataclass(frozen=True, kw_only=True)
class Rendered:
    """What Page.render set on a page, with linked files named by their source path."""

    values: dict[str, Any]
    links_to_anchors: dict[str, dict[str, str]] | None  # None: render did not set it


class _Recorder(logging.Handler):
    """Notes that something was logged: a render that logs is never reused, so that its
    warnings (which stop a strict build) and notes come again on every rebuild."""

    def __init__(self) -> None:
        super().__init__(logging.NOTSET)
        self.logged = False

    def emit(self, record: logging.LogRecord) -> None:
        self.logged = True


@contextmanager
def recording() -> Iterator[_Recorder]:
    recorder = _Recorder()
    loggers = [logging.getLogger(), logging.getLogger("mkdocs"), logging.getLogger("properdocs")]
    for logger in loggers:
        logger.addHandler(recorder)
    try:
        yield recorder
    finally:
        for logger in loggers:
            logger.removeHandler(recorder)


def _extension_name(extension: object) -> str | None:
    if not isinstance(extension, str):
        return None  # an extension object: its settings cannot be compared
    return extension.removeprefix("markdown.extensions.")


class RenderCache:
    """Pages' HTML from the last rebuild, reused while their inputs are the same."""

    def __init__(self) -> None:
        self.previous: dict[str, Rendered] = {}  # by key; the last build's conversions
        self.current: dict[str, Rendered] = {}  # this build's
        self.reused = 0  # pages this build took from the cache (for the tests)
        self._files: tuple[object, str] | None = None  # the build's Files and their digest
        # Another source of conversions under the same keys (serve_ahead.py).
        self.ahead: Callable[[Any, str], Rendered | None] | None = None

    def start_build(self) -> None:
        """Keep only what the last build converted: the cache never outgrows one site."""
        self.previous, self.current, self.reused = self.current, {}, 0
        self._files = None

    @staticmethod
    def usable(config: Any) -> bool:
        """Whether a page's key below is the whole input of its conversion."""
        names = [_extension_name(e) for e in config["markdown_extensions"]]
        return all(n in _PURE_EXTENSIONS for n in names)

    def install(self, page: Any, config: Any) -> None:
        """Make `page.render` reuse an earlier conversion (from `on_pre_page`)."""
        if not is_mkdocs_1_6(page) or not self.usable(config):
            return
        render: Callable[[Any, Any], None] = page.render
        page.render = lambda config, files: self._render(page, render, config, files)

    def has(self, key: str) -> bool:
        return key in self.current or key in self.previous

    def _render(
        self, page: Any, render: Callable[[Any, Any], None], config: Any, files: Any
    ) -> None:
        key = self.key(page, config, files)
        done = self.current.get(key) or self.previous.get(key)
        cached = done is not None
        if done is None and self.ahead is not None:
            done = self.ahead(page, key)  # converted by the helper (serve_ahead.py)
        if done is None:
            with recording() as recorder:
                render(config, files)
            if not recorder.logged:
                self.current[key] = snapshot(page)
            return
        self.current[key] = done
        self.reused += cached
        for name, value in done.values.items():
            setattr(page, name, copy.deepcopy(value))
        if done.links_to_anchors is not None:
            page.links_to_anchors = {
                files.get_file_from_path(path): dict(links)
                for path, links in done.links_to_anchors.items()
            }

    def key(self, page: Any, config: Any, files: Any) -> str:
        """What a conversion of `page` is filed under: everything it depends on."""
        if self._files is None or self._files[0] is not files:
            self._files = (files, _files_digest(files))
        file = page.file
        settings = (
            config["markdown_extensions"],
            config["mdx_configs"],
            config["use_directory_urls"],
            sorted(dict(config["validation"]["links"]).items()),
        )
        parts = (page.markdown, file.src_uri, file.dest_uri, file.url, file.inclusion.name)
        digest = hashlib.sha256(repr((parts, settings)).encode("utf-8", "surrogatepass"))
        digest.update(self._files[1].encode("ascii"))
        return digest.hexdigest()


def _files_digest(files: Any) -> str:
    """Every file of the site, where it goes and whether it is included: what links resolve
    against."""
    rows = sorted((f.src_uri, f.dest_uri, f.url, f.inclusion.name) for f in files)
    return hashlib.sha256(repr(rows).encode("utf-8", "surrogatepass")).hexdigest()


def snapshot(page: Any) -> Rendered:
    """What `Page.render` set on `page`, to be set again on a page of the same key."""
    values = {
        name: copy.deepcopy(page.__dict__[name])
        for name in _RENDERED
        if name != "links_to_anchors" and name in page.__dict__
    }
    links = page.__dict__.get("links_to_anchors")
    return Rendered(
        values=values,
        links_to_anchors=None
        if links is None
        else {target.src_uri: dict(anchors) for target, anchors in links.items()},
    )


def _installed_folders() -> tuple[Path, ...]:
    folders = [*site.getsitepackages(), site.getusersitepackages()]
    return tuple(Path(f).resolve() for f in folders)


class ThemeListing:
    """The theme's file names, listed once per folder of an installed package.

    Only `Files.add_files_from_theme` asks a theme's Jinja environment for its list of
    templates, with a filter whose verdict on a name depends on that name and the theme's
    `static_templates` alone (MkDocs 1.6 and ProperDocs 1.6): so both the listing of an
    installed folder and the filter's verdicts are kept."""

    def __init__(self) -> None:
        self.listed: dict[str, frozenset[str]] = {}  # installed folder -> its names
        self.verdicts: dict[tuple[object, tuple[str, ...]], dict[str, bool]] = {}
        self._installed = _installed_folders()

    def install(self, config: Any) -> None:
        """Make the theme's environments list files this way (from `on_pre_build`)."""
        theme: Any = getattr(config, "theme", None)
        if not is_mkdocs_1_6(theme):
            return
        get_env: Callable[[], jinja2.Environment] = theme.get_env

        def get_listing_env() -> jinja2.Environment:
            env = get_env()
            if type(env.loader) is jinja2.FileSystemLoader:
                loader = env.loader
                static = tuple(theme.static_templates)
                env.list_templates = (  # type: ignore[method-assign]
                    lambda extensions=None, filter_func=None: self._list(
                        env, loader, static, extensions, filter_func
                    )
                )
            return env

        theme.get_env = get_listing_env

    def _names(self, loader: jinja2.FileSystemLoader) -> list[str]:
        found: set[str] = set()
        for folder in loader.searchpath:
            names = self.listed.get(folder)
            if names is None:
                one = jinja2.FileSystemLoader(folder, followlinks=loader.followlinks)
                names = frozenset(one.list_templates())
                if any(Path(folder).resolve().is_relative_to(f) for f in self._installed):
                    self.listed[folder] = names
            found |= names
        return sorted(found)

    def _list(
        self,
        env: jinja2.Environment,
        loader: jinja2.FileSystemLoader,
        static: tuple[str, ...],
        extensions: Any,
        filter_func: Callable[[str], bool] | None,
    ) -> list[str]:
        if extensions is not None or filter_func is None:  # not MkDocs' call: Jinja's own
            return jinja2.Environment.list_templates(env, extensions, filter_func)
        names = self._names(loader)
        verdicts = self.verdicts.setdefault((filter_func.__code__, static), {})
        kept = []
        for name in names:
            verdict = verdicts.get(name)
            if verdict is None:
                verdict = verdicts[name] = bool(filter_func(name))
            if verdict:
                kept.append(name)
        return kept
