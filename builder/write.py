"""Stage 6: write an export to a folder, atomically, and only a folder the builder owns.

What is written is an `ExportFiles`: texts (generated pages, the exported mkdocs.yml)
and regular files to copy (docs/, the theme overrides); `builder/export.py` decides
which, this module only how.

`python -m builder build --out DIR` replaces DIR whole, so DIR must be new, empty,
or an earlier export: every export carries a marker file (`.explainer-export`),
and a folder without it is never replaced. The project folder, its parents, the
user's home and the project's `source_texts/`, `builder/` and `docs/` are never
replaced whatever they contain, and a link or a file given as DIR is an error.

The new folder is assembled next to DIR (`.DIR.staging-*`) and swapped in with two
renames (DIR -> `.DIR.old`, staging -> DIR), under an exclusive lock on `.DIR.lock`
so that concurrent exports into one folder run one after the other. A run killed
part-way is repaired by the next: a missing DIR is restored from `.DIR.old`, and
staging folders left behind are removed (only ones carrying the marker).
"""

from __future__ import annotations

import fcntl
import os
import shutil
import stat
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

MARKER = ".explainer-export"
_SIGNATURE = "explainer-export 1"
MARKER_TEXT = (
    f"{_SIGNATURE}\n"
    "This folder was written by `python -m builder build --out`, and the next export\n"
    "replaces it whole: do not keep files of your own here. The builder replaces only\n"
    "folders that hold this file.\n"
)
_PROTECTED = ("source_texts", "builder", "docs", "overrides")
_NEW_FOLDER = "choose a new or empty folder, e.g. --out export"


class UnsafePath(ValueError):
    """A refused output folder; the message is one line naming it and what to do."""


@dataclass(frozen=True, kw_only=True)
class ExportFiles:
    """Everything one export holds, by POSIX path relative to the output folder."""

    written: Mapping[str, str]  # path -> text (generated pages, the exported mkdocs.yml)
    copied: Mapping[str, Path] = field(default_factory=dict)  # path -> a regular file

    def __len__(self) -> int:
        return len(self.written) + len(self.copied)


@dataclass(frozen=True, kw_only=True)
class Destination:
    """An output folder that passed the checks that need no lock."""

    folder: Path  # absolute, parents resolved, itself not a link

    @property
    def old(self) -> Path:
        return self.folder.with_name(f".{self.folder.name}.old")

    @property
    def lock(self) -> Path:
        return self.folder.with_name(f".{self.folder.name}.lock")

    @property
    def staging_prefix(self) -> str:
        return f".{self.folder.name}.staging-"


def destination(out: Path, *, root: Path, docs_dir: Path | None = None) -> Destination:
    """Check `out` against the folders that are never replaced; raise UnsafePath."""
    given = out.absolute()
    if given.is_symlink():
        raise UnsafePath(f"refusing to replace {given}: it is a symbolic link; {_NEW_FOLDER}")
    folder = given.resolve()
    root = root.resolve()
    if folder == root or folder in root.parents:
        what = "the project folder" if folder == root else "a parent of the project folder"
        raise UnsafePath(f"refusing to replace {folder}: it is {what}; {_NEW_FOLDER}")
    protected = [root / name for name in _PROTECTED]
    protected += [Path(__file__).resolve().parent] + ([docs_dir.resolve()] if docs_dir else [])
    for keep in protected:
        if folder == keep or keep in folder.parents or folder in keep.parents:
            raise UnsafePath(
                f"refusing to replace {folder}: the builder never writes in or over {keep}; "
                f"{_NEW_FOLDER} outside source_texts/, builder/, docs/ and overrides/"
            )
    home = _home()
    if home is not None and (folder == home or folder in home.parents):
        raise UnsafePath(f"refusing to replace {folder}: it holds your home folder; {_NEW_FOLDER}")
    target = Destination(folder=folder)
    _check_replaceable(target)
    return target


def _home() -> Path | None:
    try:
        return Path.home().resolve()
    except (RuntimeError, KeyError, OSError):
        return None


def _check_replaceable(target: Destination) -> None:
    folder = target.folder
    try:
        mode = os.lstat(folder).st_mode
    except FileNotFoundError:
        return
    if stat.S_ISLNK(mode):
        raise UnsafePath(f"refusing to replace {folder}: it is a symbolic link; {_NEW_FOLDER}")
    if not stat.S_ISDIR(mode):
        raise UnsafePath(f"refusing to replace {folder}: it is a file, not a folder; {_NEW_FOLDER}")
    if not (_is_empty_folder(folder) or _is_export(folder)):
        raise UnsafePath(
            f"refusing to replace {folder}: it is not empty and has no {MARKER} file from an "
            f"earlier export; {_NEW_FOLDER}, or remove this one yourself"
        )


def _is_empty_folder(path: Path) -> bool:
    try:
        with os.scandir(path) as entries:
            return stat.S_ISDIR(os.lstat(path).st_mode) and next(entries, None) is None
    except OSError:
        return False


def _is_export(path: Path) -> bool:
    """A real folder holding our marker as a regular file (read without following links)."""
    try:
        if not stat.S_ISDIR(os.lstat(path).st_mode):
            return False
        fd = os.open(path / MARKER, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return False
    with os.fdopen(fd, "rb") as marker:
        if not stat.S_ISREG(os.fstat(marker.fileno()).st_mode):
            return False
        return marker.read(len(_SIGNATURE) + 1) == f"{_SIGNATURE}\n".encode()


@contextmanager
def _locked(target: Destination) -> Iterator[None]:
    # A lock file, not the folder's parent: flock on a read-only directory handle
    # fails on NFS. The file stays (deleting a lock file lets two runs lock two files).
    fd = os.open(target.lock, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


def write_export(target: Destination, files: ExportFiles) -> None:
    """Replace the folder with `files` (and the marker)."""
    target.folder.parent.mkdir(parents=True, exist_ok=True)
    with _locked(target):
        _recover(target)
        _check_replaceable(target)  # again: another run may have changed it meanwhile
        if os.path.lexists(target.old):
            raise UnsafePath(f"{target.old} is in the way of the export; remove it yourself")
        staging = _stage(target, files)
        try:
            _swap(staging, target)
        except BaseException:
            _remove_export(staging)
            raise


def recover_export(target: Destination) -> None:
    """Repair what a killed export left (for runs that write nothing, e.g. on errors)."""
    if os.path.lexists(target.old) or _staging_folders(target):
        with _locked(target):
            _recover(target)


def _recover(target: Destination) -> None:
    """Under the lock: no other run is between its renames, so leftovers are from dead runs."""
    old = target.old
    if _is_export(old) or _is_empty_folder(old):
        if os.path.lexists(target.folder):
            _remove_export(old)  # killed after the swap, before removing the old copy
        else:
            old.rename(target.folder)  # killed between the two renames: restore
    for stale in _staging_folders(target):
        if _is_export(stale) or _is_empty_folder(stale):
            _remove_export(stale)


def _staging_folders(target: Destination) -> list[Path]:
    try:
        with os.scandir(target.folder.parent) as entries:
            names = [e.name for e in entries if e.name.startswith(target.staging_prefix)]
    except OSError:
        return []
    return [target.folder.parent / name for name in sorted(names)]


def _stage(target: Destination, files: ExportFiles) -> Path:
    staging = Path(tempfile.mkdtemp(prefix=target.staging_prefix, dir=target.folder.parent))
    try:
        # The marker goes in first, so a staging folder left by a killed run is ours to remove.
        (staging / MARKER).write_text(MARKER_TEXT, encoding="utf-8", newline="\n")
        for relative, source in files.copied.items():
            target_file = _target(staging, relative)
            target_file.parent.mkdir(parents=True, exist_ok=True)
            _copy_regular(source, target_file)
        for relative, content in files.written.items():
            page = _target(staging, relative)
            if os.path.lexists(page):
                raise UnsafePath(f"generated file {relative!r} would overwrite a copied file")
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(content, encoding="utf-8", newline="\n")
    except BaseException:
        _remove_export(staging)
        raise
    return staging


def _target(root: Path, relative: str) -> Path:
    pure = PurePosixPath(relative)
    if pure.is_absolute() or ".." in pure.parts or not pure.parts:
        raise UnsafePath(f"refusing to write {relative!r} outside the output folder")
    return root.joinpath(*pure.parts)


def _copy_regular(source: Path, target: Path) -> None:
    """Copy a docs file that discovery found regular; never follows a link that
    appeared since, nor blocks on a fifo."""
    fd = os.open(source, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    with os.fdopen(fd, "rb") as reader:
        if not stat.S_ISREG(os.fstat(reader.fileno()).st_mode):
            raise UnsafePath(f"refusing to copy {source}: it is not a regular file")
        with target.open("xb") as writer:
            shutil.copyfileobj(reader, writer)


def _swap(staging: Path, target: Destination) -> None:
    folder = target.folder
    if not os.path.lexists(folder) or _is_empty_folder(folder):
        os.rename(staging, folder)  # POSIX rename replaces an empty folder atomically
        return
    os.rename(folder, target.old)
    os.rename(staging, folder)
    _remove_export(target.old)


def _remove_export(folder: Path) -> None:
    """Remove one of our folders, its marker last: interrupted, it is still ours."""
    try:
        with os.scandir(folder) as scan:
            entries = [(e.path, e.is_dir(follow_symlinks=False)) for e in scan]
    except FileNotFoundError:
        return
    for path, is_folder in entries:
        if os.path.basename(path) == MARKER:
            continue
        if is_folder:
            shutil.rmtree(path)  # rmtree removes links inside, never what they point to
        else:
            os.unlink(path)
    (folder / MARKER).unlink(missing_ok=True)
    folder.rmdir()
