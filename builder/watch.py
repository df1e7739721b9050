"""`python -m builder watch --out DIR`: keep an export up to date while the input changes.

DIR must pass the same checks as for `build --out DIR` (builder/write.py): new, empty or an
earlier export, and never the project, docs/ or the builder's own folders. A new or empty
DIR is written whole as `build --out` does (docs/, mkdocs.yml, overrides/); an earlier
export is updated in place as below, so a server already watching it goes on. Then it polls the
input (source_texts/, docs/, overrides/, mkdocs.yml) twice a second; after a change it
builds again, with the same `pipeline.BuildCache` across rebuilds, and replaces in DIR
only the files whose content changed, each atomically (written beside it, then renamed
over it), so a server watching DIR (`zensical serve`) never reads half a file. The folder
itself is not swapped again: a watcher on it would lose track. Files of the last export
that the new one lacks (a removed text) are removed. With errors in the input, the
generated pages show the error report, as under `mkdocs serve` (`pipeline.error_pages`),
until the input is fixed. Ctrl-C stops it.
"""

from __future__ import annotations

import os
import signal
import stat
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from builder import pipeline
from builder.core.diagnostics import Diagnostics
from builder.export import CONFIG, DOCS, OVERRIDES, export_files
from builder.write import MARKER, Destination, ExportFiles, UnsafePath, write_export

POLL_SECONDS = 0.5
_WATCHED = ("source_texts", DOCS, OVERRIDES, CONFIG)

Snapshot = dict[str, tuple[int, int, int]]  # path -> (mtime_ns, size, inode)


def snapshot(root: Path) -> Snapshot:
    """What polling compares: every file under the watched paths, links not followed."""
    found: Snapshot = {}
    for name in _WATCHED:
        _scan(root / name, name, found)
    return found


def _scan(path: Path, shown: str, found: Snapshot) -> None:
    try:
        info = os.lstat(path)
    except OSError:
        return
    found[shown] = (info.st_mtime_ns, info.st_size, info.st_ino)
    if stat.S_ISDIR(info.st_mode):
        try:
            names = sorted(os.listdir(path))
        except OSError:
            return
        for name in names:
            _scan(path / name, f"{shown}/{name}", found)


@dataclass(kw_only=True)
class Watcher:
    """One watched project and its output folder, across rebuilds."""

    root: Path
    target: Destination
    cache: pipeline.BuildCache = field(default_factory=pipeline.BuildCache)
    last_good_paths: frozenset[str] = frozenset()
    written: frozenset[str] = frozenset()  # the files of the last export, under DIR

    def rebuild(self) -> bool:
        """Build and update DIR; False when the input has errors (DIR shows them)."""
        result = pipeline.build(self.root, cache=self.cache)
        for warning in result.diagnostics.warnings:
            print(warning.format_text(), file=sys.stderr)
        if result.ok:
            files = export_files(self.root, result, result.diagnostics, generated_only=False)
            if files is not None:
                self.last_good_paths = frozenset(result.pages)
                self._update(files)
                print(f"wrote {len(result.pages)} generated page(s) to {self.target.folder}")
                return True
        report = result.diagnostics.format()
        print(f"{report}\nthe pages in {self.target.folder} show these errors", file=sys.stderr)
        shown = pipeline.error_pages(self.root, report, also=self.last_good_paths, docs=result.docs)
        errors = pipeline.BuildResult(Diagnostics(), None, shown, result.docs)
        files = export_files(self.root, errors, Diagnostics(), generated_only=False)
        if files is not None:
            self._update(files)
        return False

    def _update(self, files: ExportFiles) -> None:
        folder = self.target.folder
        if not self.written and _is_our_folder(folder):
            # An earlier export: updated in place, so a server already watching it goes on.
            self.written = _exported_files(folder)
        if not self.written:
            write_export(self.target, files)  # a new or empty folder, as `build --out` does
        elif not _is_our_folder(folder):
            raise UnsafePath(f"{folder} is no longer an export; stopped writing to it")
        else:
            for relative, content in files.written.items():
                _replace_if_changed(folder, relative, content.encode("utf-8"))
            for relative, source in files.copied.items():
                _replace_if_changed(folder, relative, _read_regular(source))
            for stale in self.written - set(files.written) - set(files.copied):
                _remove(folder, stale)
        self.written = frozenset(files.written) | frozenset(files.copied)


def _is_our_folder(folder: Path) -> bool:
    try:
        return stat.S_ISDIR(os.lstat(folder).st_mode) and stat.S_ISREG(
            os.lstat(folder / MARKER).st_mode
        )
    except OSError:
        return False


def _exported_files(folder: Path) -> frozenset[str]:
    """The files an earlier export wrote (not what a renderer added, such as `site/`)."""
    found: Snapshot = {}
    for name in (DOCS, OVERRIDES, CONFIG):
        _scan(folder / name, name, found)
    return frozenset(path for path in found if stat.S_ISREG(os.lstat(folder / path).st_mode))


def _inside(folder: Path, relative: str) -> Path:
    """`relative` under `folder`, refusing `..`, absolute paths and any link on the way
    (a folder inside DIR replaced by a link must not lead a write elsewhere)."""
    pure = PurePosixPath(relative)
    if pure.is_absolute() or ".." in pure.parts or not pure.parts:
        raise UnsafePath(f"refusing to write {relative!r} outside {folder}")
    current = folder
    for part in pure.parts[:-1]:
        current = current / part
        try:
            mode = os.lstat(current).st_mode
        except FileNotFoundError:
            current.mkdir()
            continue
        if not stat.S_ISDIR(mode):
            raise UnsafePath(f"refusing to write through {current}: it is not a folder")
    return current / pure.parts[-1]


def _replace_if_changed(folder: Path, relative: str, content: bytes) -> None:
    path = _inside(folder, relative)
    try:
        if stat.S_ISREG(os.lstat(path).st_mode) and path.read_bytes() == content:
            return
    except OSError:
        pass
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)  # replaces a link itself, never what it points to
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _read_regular(source: Path) -> bytes:
    fd = os.open(source, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    with os.fdopen(fd, "rb") as reader:
        if not stat.S_ISREG(os.fstat(reader.fileno()).st_mode):
            raise UnsafePath(f"refusing to copy {source}: it is not a regular file")
        return reader.read()


def _remove(folder: Path, relative: str) -> None:
    path = _inside(folder, relative)
    if os.path.lexists(path) and not stat.S_ISDIR(os.lstat(path).st_mode):
        path.unlink()


def changes(root: Path, interval: float = POLL_SECONDS) -> Iterator[None]:
    """Yields once now, then once after each change of the watched input."""
    seen = snapshot(root)
    yield
    while True:
        time.sleep(interval)
        now = snapshot(root)
        if now != seen:
            seen = now
            yield


def watch(root: Path, target: Destination) -> int:
    """Rebuild into `target` until Ctrl-C; 0 when stopped, 1 when DIR cannot be written."""
    watcher = Watcher(root=root, target=target)
    # Ctrl-C stops it even when started from a shell that ignores SIGINT in the background.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        for _ in changes(root):
            watcher.rebuild()
    except KeyboardInterrupt:
        print("stopped watching", file=sys.stderr)
        return 0
    except UnsafePath as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"error: cannot write {target.folder}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    return 0
