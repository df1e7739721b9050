"""Stage 6: write pages to a folder, atomically.

The folder is assembled next to its destination and swapped in with renames,
so a failed or interrupted build never leaves a half-written export. Paths come
from the builder (slugs validated in schema.py), and are checked again here so
that nothing can be written outside the output folder.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path, PurePosixPath


class UnsafePath(ValueError):
    pass


def _target(root: Path, relative: str) -> Path:
    pure = PurePosixPath(relative)
    if pure.is_absolute() or ".." in pure.parts or not pure.parts:
        raise UnsafePath(f"refusing to write {relative!r} outside the output folder")
    return root.joinpath(*pure.parts)


def write_folder(out: Path, pages: Mapping[str, str], copy_from: Path | None = None) -> None:
    """Replace `out` with `copy_from`'s files (hand-written docs) plus `pages`."""
    out = out.resolve()
    if copy_from is not None:
        docs = copy_from.resolve()
        if out == docs or docs in out.parents:
            raise UnsafePath(f"the output folder {out} must not be inside {docs}")
        if out in docs.parents:
            raise UnsafePath(f"the output folder {out} must not contain {docs}")
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        if copy_from is not None:
            shutil.copytree(copy_from, staging, dirs_exist_ok=True, symlinks=False)
        for relative, content in pages.items():
            target = _target(staging, relative)
            if target.exists():
                raise UnsafePath(f"generated page {relative!r} would overwrite a file in docs/")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content, encoding="utf-8", newline="\n")
        old = None
        if out.exists():
            old = out.with_name(f".{out.name}.old")
            if old.exists():
                shutil.rmtree(old)
            out.rename(old)
        staging.rename(out)
        if old is not None:
            shutil.rmtree(old)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
