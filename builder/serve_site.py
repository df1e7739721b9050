"""The served site folder kept between `mkdocs serve` rebuilds, not emptied and rewritten.

Used by builder/mkdocs_hook.py while serving, and only there (docs/maintainers.md,
"Serving quickly"). MkDocs 1.6 empties `site_dir` at the start of every rebuild and writes
every page and copies every static file again. `SiteWriter`, for the length of one build:

- skips that emptying (`utils.clean_directory` of `site_dir`), noting instead what is there;
- writes a file (`utils.write_file`: pages, the theme's static templates such as 404.html and
  sitemap.xml, extra templates, the search index) only when its bytes differ from what it
  last wrote there or the file on disk is no longer the one it wrote (inode, size, mtime and
  ctime; ctime cannot be set back, so any write or touch shows);
- copies a static file (`File.copy_file`) only when its source (path and the same four), its
  content in memory, or the copy on disk changed;
- at the end of the build (the hook's `on_post_build`, the last one), deletes every file of
  `site_dir` that this build neither wrote, nor skipped as unchanged, nor touched by other
  means (MkDocs' own gzip of sitemap.xml, the hook's rewrite of the search index): a page
  removed from the site is gone, as after a fresh build.

It acts only where every plugin is one whose writes it knows (Material 9's search plugin and
this project's hook); otherwise, or under `--dirty`, MkDocs does what it always does. Hidden
entries at the top of `site_dir` are left alone, as `clean_directory` leaves them.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

Stat = tuple[int, int, int, int]  # inode, size, mtime and ctime (ns): which file, as written


def _stat(path: str) -> Stat | None:
    try:
        found = os.stat(path)
    except OSError:
        return None
    return (found.st_ino, found.st_size, found.st_mtime_ns, found.st_ctime_ns)


def _walk(site_dir: str) -> Iterator[str]:
    """Every file of `site_dir` but those under a hidden entry at its top."""
    for top in os.listdir(site_dir):
        if top.startswith("."):
            continue
        path = os.path.join(site_dir, top)
        if not os.path.isdir(path) or os.path.islink(path):
            yield path
            continue
        for folder, _, names in os.walk(path):
            yield from (os.path.join(folder, name) for name in names)


def _package_of(obj: object) -> str:
    return type(obj).__module__.split(".")[0]


def _known_plugins(config: Any, hooks: frozenset[Path]) -> bool:
    """Whether every plugin is Material 9's search plugin or one of `hooks` (files)."""
    plugins = getattr(config, "plugins", None)
    if plugins is None:
        return False
    for plugin in plugins.values():
        if isinstance(plugin, ModuleType):
            if Path(str(getattr(plugin, "__file__", ""))).resolve() not in hooks:
                return False
            continue
        version = str(getattr(sys.modules.get("material"), "__version__", ""))
        if type(plugin).__module__ != "material.plugins.search.plugin" or not version.startswith(
            "9."
        ):
            return False
    return True


class SiteWriter:
    """What this server last wrote into its site folder, so that a rebuild writes only what
    changed and removes what no build makes any more."""

    def __init__(self, hooks: frozenset[Path]) -> None:
        self.hooks = hooks  # the hook files whose writes into site_dir are known
        self.wrote: dict[str, tuple[object, Stat]] = {}  # path -> (what was written, its stat)
        self.site_dir: str | None = None  # while a build is on
        self.produced: set[str] = set()  # this build's files, written or found unchanged
        self.before: dict[str, Stat | None] | None = None  # the folder when it would be emptied
        self.kept = 0  # writes and copies this build skipped (for the tests)
        self.removed = 0  # files this build removed (for the tests)
        self._undo: list[tuple[object, str, object]] = []

    def start(self, config: Any, *, dirty: bool) -> None:
        """From `on_pre_build`: take over MkDocs' writes into `site_dir` for this build."""
        self.finish_failed()
        theme = getattr(config, "theme", None)
        package = _package_of(theme)
        found = str(getattr(sys.modules.get(package), "__version__", ""))
        utils = sys.modules.get(f"{package}.utils")
        files = sys.modules.get(f"{package}.structure.files")
        if (
            dirty
            or package not in ("mkdocs", "properdocs")
            or not found.startswith("1.6.")
            or utils is None
            or files is None
            or not all(hasattr(utils, n) for n in ("write_file", "clean_directory"))
            or not hasattr(getattr(files, "File", None), "_content")
            or not _known_plugins(config, self.hooks)
        ):
            return
        self.site_dir = os.path.normpath(os.path.abspath(config.site_dir))
        self.produced, self.before, self.kept, self.removed = set(), None, 0, 0
        file_class: Any = files.File
        self._patch(utils, "clean_directory", self._clean)
        self._patch(utils, "write_file", self._write)
        self._patch(file_class, "copy_file", self._copy)

    def _patch(self, owner: object, name: str, make: Callable[[Any], Any]) -> None:
        original = getattr(owner, name)
        self._undo.append((owner, name, original))
        setattr(owner, name, make(original))

    def _restore(self) -> None:
        for owner, name, original in reversed(self._undo):
            setattr(owner, name, original)
        self._undo = []
        self.site_dir = None

    def finish_failed(self, **_: Any) -> None:
        """From `on_build_error`: MkDocs' own functions back; the folder is swept next time."""
        self._restore()

    def _ours(self, path: str) -> str | None:
        full = os.path.normpath(os.path.abspath(path))
        site = self.site_dir
        return full if site is not None and full.startswith(site + os.sep) else None

    def _unchanged(self, path: str, what: object) -> bool:
        last = self.wrote.get(path)
        if last is None or last[0] != what or _stat(path) != last[1]:
            return False
        self.produced.add(path)
        self.kept += 1
        return True

    def _done(self, path: str, what: object, write: Callable[[], None]) -> None:
        try:
            write()
        except (IsADirectoryError, NotADirectoryError, FileExistsError):
            # A folder where a file goes now, or a file where a folder does: left from
            # an earlier build (a fresh build would have had an empty folder).
            if not self._clear_way(path):
                raise
            write()
        self.produced.add(path)
        found = _stat(path)
        if found is None:
            self.wrote.pop(path, None)
        else:
            self.wrote[path] = (what, found)

    def _clear_way(self, path: str) -> bool:
        assert self.site_dir is not None
        cleared = False
        if os.path.isdir(path) and not os.path.islink(path):
            if any(p.startswith(path + os.sep) for p in self.produced):
                return False  # this build's own files: as a fresh build, fail
            shutil.rmtree(path)
            cleared = True
        parent = os.path.dirname(path)
        while parent.startswith(self.site_dir + os.sep):
            if os.path.lexists(parent) and not os.path.isdir(parent):
                if parent in self.produced:
                    return False
                os.unlink(parent)
                cleared = True
            parent = os.path.dirname(parent)
        return cleared

    def _clean(self, original: Callable[[str], None]) -> Callable[[str], None]:
        def clean_directory(directory: str) -> None:
            site = self.site_dir
            if site is None or os.path.normpath(os.path.abspath(directory)) != site:
                original(directory)
                return
            self.before = {path: _stat(path) for path in _walk(site)} if os.path.isdir(site) else {}

        return clean_directory

    def _write(self, original: Callable[[bytes, str], None]) -> Callable[[bytes, str], None]:
        def write_file(content: bytes, output_path: str) -> None:
            path = self._ours(output_path)
            if path is None:
                original(content, output_path)
                return
            what = ("bytes", bytes(content))
            if not self._unchanged(path, what):
                self._done(path, what, lambda: original(content, output_path))

        return write_file

    def _copy(self, original: Callable[..., None]) -> Callable[..., None]:
        def copy_file(file: Any, dirty: bool = False) -> None:
            path = self._ours(file.abs_dest_path)
            content = file._content
            if path is None or dirty:
                original(file, dirty)
                return
            if content is None:
                source = file.abs_src_path
                what: object = ("copy", source, _stat(source))
            else:
                what = ("content", content)
            if not self._unchanged(path, what):
                self._done(path, what, lambda: original(file, dirty))

        return copy_file

    def finish(self) -> None:
        """From the hook's `on_post_build`, the last one: remove what this build did not
        make, then MkDocs' own functions back."""
        site, before = self.site_dir, self.before
        self._restore()
        if site is None or before is None or not os.path.isdir(site):
            return
        emptied: set[str] = set()
        for path in list(_walk(site)):
            if path in self.produced or path not in before or _stat(path) != before[path]:
                continue  # this build's, or written by other means during it
            os.unlink(path)
            self.wrote.pop(path, None)
            self.removed += 1
            emptied.add(os.path.dirname(path))
        for folder in sorted(emptied, key=len, reverse=True):
            while (
                folder.startswith(site + os.sep)
                and os.path.isdir(folder)
                and not os.listdir(folder)
            ):
                os.rmdir(folder)
                folder = os.path.dirname(folder)
        self.before = None
