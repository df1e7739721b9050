"""Stage 0: find the contributor files, without following links or opening anything.

Everything under `source_texts/` and `docs/` arrives by pull request, so nothing
there may point outside the project. The folders are walked with `os.lstat`
semantics (`DirEntry.is_*(follow_symlinks=False)`): a symbolic link, anywhere,
is reported and never followed, and neither is its target read or named; a fifo,
socket or device is reported without being opened (opening a fifo would hang).

`source_texts/` holds `<slug>.txt` texts, their `<slug>.yml` sidecars and
`registry/` with `actors.yml` and `sources.yml`; anything else that would
otherwise be silently ignored is an error. Hidden entries (names starting with
`.`, such as editor swap and lock files) in `source_texts/` are ignored: nothing
reads them. In `docs/` every entry is checked, hidden ones included, because
MkDocs walks the whole folder (following links) and the export copies it.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from builder.core.diagnostics import Diagnostics, Location
from builder.core.ids import MAX_ID_LENGTH, RESERVED_NAMES, is_slug

TEXTS_DIR = "source_texts"
REGISTRY_DIR = "registry"
ACTORS_FILE = "actors.yml"
SOURCES_FILE = "sources.yml"
REGISTRY_FILES = (ACTORS_FILE, SOURCES_FILE)

_NO_LINKS_HINT = "replace the link with the file or folder itself; the builder never follows links"
_SPECIAL_HINT = "only ordinary files and folders are allowed here; remove it"


@dataclass(frozen=True, kw_only=True)
class FoundFile:
    """A regular file to read: `slug` is the text slug or registry file name."""

    slug: str
    path: str  # to open (a string: a Path for each of 2,000 files cost 3 ms a build)
    shown: str  # as shown to contributors, relative to the project root


@dataclass(frozen=True, kw_only=True)
class SourceFiles:
    """The regular files of `source_texts/` that the loader reads, in name order."""

    texts: tuple[FoundFile, ...] = ()
    sidecars: tuple[FoundFile, ...] = ()
    registry: tuple[FoundFile, ...] = ()  # actors.yml and/or sources.yml, by file name


@dataclass(frozen=True, kw_only=True)
class DocsTree:
    """The hand-written docs folder: its regular files (copied by the export) and
    the entries refused in it (links, special files)."""

    folder: Path
    files: tuple[str, ...] = ()  # POSIX paths relative to `folder`, sorted
    refused: tuple[str, ...] = ()


def shown_path(root: Path, path: Path) -> str:
    """`path` as contributors see it: relative to the project root when inside it."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _kind(mode: int) -> str | None:
    """None for a regular file or folder, else what the entry is, for the message."""
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    if stat.S_ISLNK(mode):
        return "symbolic link"
    if stat.S_ISFIFO(mode):
        return "fifo (named pipe)"
    if stat.S_ISSOCK(mode):
        return "socket"
    return "device or other special file"


def _refuse(kind: str, where: str, shown: str, diagnostics: Diagnostics) -> None:
    if kind == "symbolic link":
        diagnostics.error(
            Location(shown),
            f"symbolic links are not allowed in {where}",
            _NO_LINKS_HINT,
            code="symbolic-link",
        )
    else:
        diagnostics.error(
            Location(shown),
            f"a {kind} is not allowed in {where}",
            _SPECIAL_HINT,
            code="special-file",
        )


def _entries(folder: Path, shown: str, diagnostics: Diagnostics) -> list[tuple[str, int]]:
    """(name, lstat file type) of every entry of `folder`, sorted by name; never follows
    links."""
    try:
        with os.scandir(folder) as scan:
            # A regular file (not a link: `follow_symlinks=False`) is most entries.
            return sorted(
                (entry.name, stat.S_IFREG)
                if entry.is_file(follow_symlinks=False)
                else (entry.name, _lstat_type(entry))
                for entry in scan
            )
    except OSError as exc:
        diagnostics.error(
            Location(shown), f"cannot read folder: {exc.strerror}", code="unreadable-path"
        )
        return []


def _lstat_type(entry: os.DirEntry[str]) -> int:
    """The file type bits of the entry's lstat mode, from the type the folder listing
    gives: no system call per entry (2,000 of them at 1,000 texts). The rarer kinds (a
    fifo, a socket, a device), and file systems whose listing does not say, take one."""
    if entry.is_symlink():
        return stat.S_IFLNK
    if entry.is_file(follow_symlinks=False):
        return stat.S_IFREG
    if entry.is_dir(follow_symlinks=False):
        return stat.S_IFDIR
    return stat.S_IFMT(entry.stat(follow_symlinks=False).st_mode)


def _lstat_mode(path: Path, shown: str, diagnostics: Diagnostics) -> int | None:
    """The lstat mode of `path`; None when it is missing or unreadable (reported)."""
    try:
        return os.lstat(path).st_mode
    except FileNotFoundError:
        return None
    except OSError as exc:
        diagnostics.error(
            Location(shown), f"cannot read {shown}: {exc.strerror}", code="unreadable-path"
        )
        return None


def _refuse_top(mode: int, shown: str, diagnostics: Diagnostics) -> None:
    """`source_texts` or `docs` is there but is not a folder."""
    kind = _kind(mode)
    if kind is not None:
        _refuse(kind, "the project", shown, diagnostics)
    else:
        diagnostics.error(
            Location(shown),
            f"{shown} is a file, not a folder",
            "make it a folder",
            code="not-a-folder",
        )


def discover_sources(
    root: Path, diagnostics: Diagnostics, memo: ListingMemo | None = None
) -> SourceFiles | None:
    """The files of `root/source_texts/`; every stray or unsafe entry is reported. With
    the `memo` of the previous build, the same listing is not sorted out again."""
    texts_dir = root / TEXTS_DIR
    if not os.path.lexists(texts_dir):
        diagnostics.error(
            Location(TEXTS_DIR),
            "folder source_texts/ not found",
            f"run the builder from the project root (looked in {root})",
            code="no-source-texts",
        )
        return None
    mode = _lstat_mode(texts_dir, TEXTS_DIR, diagnostics)
    if mode is None:
        return None
    if not stat.S_ISDIR(mode):
        _refuse_top(mode, TEXTS_DIR, diagnostics)
        return None
    listing = _entries(texts_dir, TEXTS_DIR, diagnostics)
    entries = tuple((n, m) for n, m in listing if n[0] != ".")
    folder = os.fspath(texts_dir)
    sort = partial(_sorted_out, folder, entries)
    sorting = memo or ListingMemo()
    texts, sidecars, has_registry = sorting.sorted_out((folder, entries), sort, diagnostics)
    registry: tuple[FoundFile, ...] = ()
    if has_registry:
        registry = _discover_registry(
            texts_dir / REGISTRY_DIR, f"{TEXTS_DIR}/{REGISTRY_DIR}", diagnostics
        )
    return SourceFiles(texts=texts, sidecars=sidecars, registry=registry)


SortedOut = tuple[tuple["FoundFile", ...], tuple["FoundFile", ...], bool]


class ListingMemo:
    """The previous build's sorting out of source_texts/ (`mkdocs serve`): the same
    listing (names and file types) gives the same texts, sidecars and findings, which are
    reported again. The registry folder is listed and sorted out every time."""

    def __init__(self) -> None:
        self._kept: tuple[object, SortedOut, Diagnostics] | None = None

    def sorted_out(
        self, entries: object, sort: Callable[[Diagnostics], SortedOut], diagnostics: Diagnostics
    ) -> SortedOut:
        if self._kept is None or self._kept[0] != entries:
            own = Diagnostics()
            self._kept = (entries, sort(own), own)
        diagnostics.extend(self._kept[2])
        return self._kept[1]


def _sorted_out(
    folder: str, entries: tuple[tuple[str, int], ...], diagnostics: Diagnostics
) -> SortedOut:
    """The texts and sidecars among the entries of source_texts/, every other entry
    reported, and whether the registry folder is there."""
    names = {name for name, _ in entries}
    texts: list[FoundFile] = []
    sidecars: list[FoundFile] = []
    has_registry = False
    for name, mode in entries:
        path = os.path.join(folder, name)
        shown = f"{TEXTS_DIR}/{name}"
        kind = _kind(mode)
        if kind is not None:
            _refuse(kind, "source_texts/", shown, diagnostics)
        elif name == REGISTRY_DIR and stat.S_ISDIR(mode):
            has_registry = True
        elif stat.S_ISDIR(mode):
            _stray_folder(name, shown, diagnostics)
        elif name.endswith(".txt"):
            text = _text_file(name, path, shown, names, diagnostics)
            if text is not None:
                texts.append(text)
        elif name.endswith((".yml", ".yaml")):
            sidecar = _sidecar_file(name, path, shown, names, diagnostics)
            if sidecar is not None:
                sidecars.append(sidecar)
        elif name == REGISTRY_DIR:
            diagnostics.error(
                Location(shown),
                "source_texts/registry is a file, not a folder",
                "make it a folder holding actors.yml and sources.yml",
                code="not-a-folder",
            )
        else:
            diagnostics.error(
                Location(shown),
                f"unexpected file {name!r} in source_texts/",
                "source_texts/ holds only <slug>.txt texts, <slug>.yml sidecars and registry/",
                code="unexpected-file",
            )
    if REGISTRY_DIR not in names:
        for file_name in REGISTRY_FILES:
            _registry_file_missing(f"{TEXTS_DIR}/{REGISTRY_DIR}/{file_name}", diagnostics)
    return tuple(texts), tuple(sidecars), has_registry


def _stray_folder(name: str, shown: str, diagnostics: Diagnostics) -> None:
    if name.endswith((".txt", ".yml", ".yaml")):
        diagnostics.error(
            Location(shown),
            f"{name!r} is a folder, not a file",
            "texts and sidecars are plain files directly in source_texts/",
            code="not-a-file",
        )
    else:
        diagnostics.error(
            Location(shown),
            f"unexpected folder {name!r} in source_texts/",
            "texts and sidecars sit directly in source_texts/; the only folder is registry/",
            code="unexpected-folder",
        )


def _text_file(
    name: str, path: str, shown: str, names: set[str], diagnostics: Diagnostics
) -> FoundFile | None:
    slug = name.removesuffix(".txt")
    if not is_slug(slug):
        diagnostics.error(
            Location(shown),
            f"file name {name!r} is not a valid slug",
            "use lowercase letters, digits and hyphens (at most "
            f"{MAX_ID_LENGTH} characters), e.g. assad-departure.txt",
            code="bad-file-name",
        )
        return None
    if slug in RESERVED_NAMES:
        diagnostics.error(
            Location(shown),
            f"the text name {slug!r} is reserved",
            f"a generated page is called texts/{slug}.md; rename the text and its sidecar",
            code="reserved-name",
        )
        return None
    if f"{slug}.yml" not in names:
        diagnostics.error(
            Location(shown),
            f"source text has no sidecar {slug}.yml",
            "create it next to the text with at least title, language and provenance",
            code="missing-sidecar",
        )
    return FoundFile(slug=slug, path=path, shown=shown)


def _sidecar_file(
    name: str, path: str, shown: str, names: set[str], diagnostics: Diagnostics
) -> FoundFile | None:
    stem = name.rsplit(".", 1)[0]
    if name.endswith(".yaml"):
        diagnostics.error(
            Location(shown),
            "sidecars use the .yml extension",
            f"rename it to {stem}.yml",
            code="wrong-extension",
        )
        return None
    if f"{stem}.txt" not in names:
        diagnostics.error(
            Location(shown),
            f"sidecar has no source text {stem}.txt",
            "a sidecar must sit next to the text it annotates, with the same base name",
            code="missing-text",
        )
        return None
    # Read even when its text was refused (a bad slug): its ids are then still known,
    # so other files that refer to them get no follow-on errors.
    return FoundFile(slug=stem, path=path, shown=shown)


def _discover_registry(folder: Path, shown: str, diagnostics: Diagnostics) -> tuple[FoundFile, ...]:
    found: list[FoundFile] = []
    present: set[str] = set()
    for name, mode in _entries(folder, shown, diagnostics):
        if name[0] == ".":
            continue
        entry = f"{shown}/{name}"
        kind = _kind(mode)
        yml_name = name.removesuffix(".yaml") + ".yml"
        present.add(yml_name if yml_name in REGISTRY_FILES else name)
        if kind is not None:
            _refuse(kind, "source_texts/", entry, diagnostics)
        elif stat.S_ISDIR(mode):
            diagnostics.error(
                Location(entry),
                f"unexpected folder {name!r} in source_texts/registry/",
                "the registry holds only actors.yml and sources.yml, with no subfolders",
                code="unexpected-folder",
            )
        elif name in REGISTRY_FILES:
            found.append(FoundFile(slug=name, path=os.fspath(folder / name), shown=entry))
        elif yml_name in REGISTRY_FILES:
            diagnostics.error(
                Location(entry),
                "registry files use the .yml extension",
                f"rename it to {yml_name}",
                code="wrong-extension",
            )
        else:
            diagnostics.error(
                Location(entry),
                f"unexpected file {name!r} in source_texts/registry/",
                "the registry holds only actors.yml and sources.yml; move these entries into one of them",
                code="unexpected-file",
            )
    for name in REGISTRY_FILES:
        if name not in present:
            _registry_file_missing(f"{shown}/{name}", diagnostics)
    return tuple(found)


def _registry_file_missing(shown: str, diagnostics: Diagnostics) -> None:
    name = shown.rsplit("/", 1)[1]
    diagnostics.error(
        Location(shown),
        f"registry file {name} not found",
        f"create {TEXTS_DIR}/{REGISTRY_DIR}/{name}",
        code="missing-registry-file",
    )


def discover_docs(root: Path, docs_dir: Path, diagnostics: Diagnostics) -> DocsTree:
    """Every regular file under `docs_dir`; links and special files are reported.

    Walked with an explicit stack (no recursion limit) and without following links,
    so a link to `/` or a loop of links costs one entry, not a walk of the disk."""
    files: list[str] = []
    refused: list[str] = []
    shown = shown_path(root, docs_dir)
    where = f"{shown}/"
    if not os.path.lexists(docs_dir):
        return DocsTree(folder=docs_dir)  # a project without hand-written pages
    top = _lstat_mode(docs_dir, shown, diagnostics)
    if top is None or not stat.S_ISDIR(top):
        if top is not None:
            _refuse_top(top, shown, diagnostics)
        return DocsTree(folder=docs_dir, refused=(".",))
    stack = [""]
    while stack:
        relative = stack.pop()
        folder = docs_dir / relative if relative else docs_dir
        for name, mode in _entries(folder, where + relative, diagnostics):
            child = f"{relative}/{name}" if relative else name
            kind = _kind(mode)
            if kind is not None:
                _refuse(kind, where, where + child, diagnostics)
                refused.append(child)
            elif stat.S_ISDIR(mode):
                stack.append(child)
            else:
                files.append(child)
    return DocsTree(folder=docs_dir, files=tuple(sorted(files)), refused=tuple(sorted(refused)))
