"""Stage 1: read contributor files from `source_texts/`.

YAML is read by `builder/input/yaml_tree.py` (libyaml's event stream, turned into data
without recursion), which records the line and column of every key and value and
refuses aliases, tags, deep nesting and other constructs no contributor needs. The
result is plain Python data plus a table of positions keyed by the path to each
value, so later stages can say *where* a problem is.

Limits: a file is at most MAX_FILE_BYTES (2 MB); YAML nests at most
`yaml_tree.MAX_DEPTH` levels; entry counts per file are in `builder/input/schema.py`.
"""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from builder.core.diagnostics import Diagnostics, Location
from builder.input import yaml_tree
from builder.input.discover import ACTORS_FILE, ListingMemo, discover_sources
from builder.input.yaml_tree import PackedPosition, unpack
from builder.input.yaml_tree import YamlPath as YamlPath  # re-exported for later stages

MAX_FILE_BYTES = 2_000_000
_CHUNK = 1 << 16  # what a read asks for past the size a file had when opened
# Opening a pipe for reading would wait for a writer; non-blocking, it opens at once.
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)


@dataclass(frozen=True)
class YamlDocument:
    """Parsed YAML as plain data, with the position of every value and key."""

    path: str  # as shown to contributors, relative to the project root
    data: Any
    positions: Mapping[YamlPath, PackedPosition]  # path -> (line, col), 1-based, packed
    key_positions: Mapping[YamlPath, PackedPosition]

    def location(self, path: YamlPath, *, key: bool = False) -> Location:
        """The best known location for `path`: itself, else its nearest parent."""
        table = self.key_positions if key else self.positions
        probe = tuple(path)
        while True:
            if probe in table:
                return Location(self.path, *unpack(table[probe]))
            if key and probe in self.positions:
                return Location(self.path, *unpack(self.positions[probe]))
            if not probe:
                return Location(self.path, 1, 1)
            probe = probe[:-1]

    def get(self, path: YamlPath) -> Any:
        node = self.data
        for step in path:
            if isinstance(node, dict) and step in node:
                node = node[step]
            elif isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
                node = node[step]
            else:
                return None
        return node


@dataclass(frozen=True)
class RawText:
    slug: str
    path: str
    text: str


@dataclass
class RawProject:
    """Everything read from `source_texts/`, before validation."""

    root: Path
    texts: list[RawText] = field(default_factory=list)
    sidecars: dict[str, YamlDocument] = field(default_factory=dict)  # slug -> sidecar
    actors: YamlDocument | None = None
    sources: YamlDocument | None = None


class ParseMemo:
    """Files read and YAML files parsed by the previous build, by path and content
    (`mkdocs serve`): an unchanged file is not decoded again (the very same string is
    handed out, so that every later comparison with the last build's is an identity
    test), and an unchanged YAML file is not parsed again. Only the files of the last
    build are kept. The trees are never modified after parsing, so sharing them between
    builds is safe.

    A file is not even read again while its status is what it was when it was last read
    (type, inode, size, modification and change times: any write changes the change
    time, which no program can set back), as git decides; except a file changed in the
    moments before it was read, whose status says nothing (`RACY_NS`), which is read
    again every time until it has been left alone for longer."""

    def __init__(self) -> None:
        self.trees: dict[str, tuple[str, ParseResult]] = {}
        self.texts: dict[str, _Read] = {}
        self._next: dict[str, tuple[str, ParseResult]] = {}
        self._next_texts: dict[str, _Read] = {}
        self.parsed = 0  # files parsed (not reused) by the last build
        self.read = 0  # files read (not taken on their status) by the last build
        self.listing = ListingMemo()  # how source_texts/ was sorted out (discover.py)
        self.documents: dict[str, YamlDocument] = {}
        self._next_documents: dict[str, YamlDocument] = {}
        self.changed: frozenset[str] | None = None  # this build's, see `begin`

    def begin(self, changed: frozenset[str] | None = None) -> None:
        """Start a build. `changed`: the files a watcher reported changed since the
        previous build (builder/serve_changes.py), as shown; None if not known."""
        self._next, self._next_texts, self.parsed, self.read = {}, {}, 0, 0
        self._next_documents, self.changed = {}, changed

    def parse(self, source: str, path: str) -> ParseResult:
        kept = self.trees.get(path)
        if kept is None or not (kept[0] is source or kept[0] == source):
            kept = (source, yaml_tree.parse(source))
            self.parsed += 1
        self._next[path] = kept
        return kept[1]

    def document(self, path: str, tree: yaml_tree.YamlTree) -> YamlDocument:
        """The document of a parsed tree: the previous build's for the very same tree."""
        kept = self.documents.get(path)
        if kept is None or kept.data is not tree.data:
            kept = YamlDocument(path, tree.data, tree.positions, tree.key_positions)
        self._next_documents[path] = kept
        return kept

    def unchanged(self, path: str, shown: str) -> str | None:
        """The text the previous build read from `shown`, if the file's status (not
        following a link) is still what it was then and said enough."""
        kept = self.texts.get(shown)
        if kept is None or kept.status is None:
            return None
        changed = self.changed
        if changed is not None and shown not in changed:
            self._next_texts[shown] = kept  # not reported changed, and its status said enough
            return kept.text
        try:
            status = _status(os.stat(path, follow_symlinks=False))
        except OSError:
            return None  # read it, and report what is wrong
        if status != kept.status:
            return None
        self._next_texts[shown] = kept
        return kept.text

    def decoded(self, path: str, raw: bytes) -> str | None:
        """The text the previous build decoded from these very bytes, if it did."""
        kept = self.texts.get(path)
        if kept is None or kept.raw != raw:
            return None
        return kept.text

    def keep_text(
        self, path: str, raw: bytes, text: str, status: os.stat_result, since: int
    ) -> None:
        """`text`, read as `raw` from a file whose status was `status` at `since` (ns)."""
        self.read += 1
        said = max(status.st_mtime_ns, status.st_ctime_ns) < since - RACY_NS
        self._next_texts[path] = _Read(raw=raw, text=text, status=_status(status) if said else None)

    def end(self) -> None:
        self.trees, self.texts = self._next, self._next_texts
        self.documents = self._next_documents


# File systems keep a file's times to a second or two (FAT: 2 s): a file changed within
# that much before it was read could be changed again with the same size and times.
RACY_NS = 2_000_000_000


@dataclass(frozen=True, kw_only=True, slots=True)
class _Read:
    raw: bytes
    text: str
    status: tuple[int, ...] | None  # None: to be read again (changed just before it was read)


def _status(status: os.stat_result) -> tuple[int, ...]:
    return (
        status.st_mode,
        status.st_dev,
        status.st_ino,
        status.st_size,
        status.st_mtime_ns,
        status.st_ctime_ns,
    )


ParseResult = tuple[yaml_tree.YamlTree | None, list[yaml_tree.YamlProblem]]


def parse_yaml(
    source: str, path: str, diagnostics: Diagnostics, memo: ParseMemo | None = None
) -> YamlDocument | None:
    """Parse one YAML document; report every problem (syntax, aliases, tags, nesting...)
    and return None if there is any."""
    tree, problems = memo.parse(source, path) if memo is not None else yaml_tree.parse(source)
    for problem in problems:
        diagnostics.error(
            Location(path, problem.line, problem.col),
            problem.message,
            problem.hint,
            excerpt=problem.excerpt,
            code=problem.code,
        )
    if tree is None:
        return None
    if memo is not None:
        return memo.document(path, tree)
    return YamlDocument(path, tree.data, tree.positions, tree.key_positions)


def read_text_file(
    path: str | Path, shown: str, diagnostics: Diagnostics, memo: ParseMemo | None = None
) -> str | None:
    """Read a contributor file as UTF-8, reporting (not raising) what is wrong. With a
    `memo`, a file unchanged since the previous build (ParseMemo.unchanged) or bytes
    equal to those it read give its very string."""
    kept = memo.unchanged(os.fspath(path), shown) if memo is not None else None
    if kept is not None:
        return kept
    since = time.time_ns()
    try:
        # Opened without following a link, and read only up to the limit: a pipe or a
        # device would block or never end, and a huge file would fill the memory.
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | _NONBLOCK)
        try:
            status = os.fstat(descriptor)
            if not stat.S_ISREG(status.st_mode):
                diagnostics.error(
                    Location(shown),
                    "not a regular file",
                    "commit an ordinary text file",
                    code="not-a-regular-file",
                )
                return None
            raw = _read_at_most(descriptor, status.st_size, MAX_FILE_BYTES + 1)
        finally:
            os.close(descriptor)
    except OSError as exc:
        diagnostics.error(
            Location(shown), f"cannot read file: {exc.strerror or exc}", code="unreadable-path"
        )
        return None
    if len(raw) > MAX_FILE_BYTES:
        diagnostics.error(
            Location(shown),
            f"file is too large (more than {MAX_FILE_BYTES} bytes)",
            "split the text into several files",
            code="file-too-large",
        )
        return None
    text = memo.decoded(shown, raw) if memo is not None else None
    if text is None:
        text = _decoded(raw, shown, diagnostics)
    if text is not None and memo is not None:
        memo.keep_text(shown, raw, text, status, since)
    return text


def _decoded(raw: bytes, shown: str, diagnostics: Diagnostics) -> str | None:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start].decode("utf-8", errors="replace")
        line = before.count("\n") + 1
        col = len(before) - (before.rfind("\n") + 1) + 1
        diagnostics.error(
            Location(shown, line, col),
            f"file is not valid UTF-8 (byte 0x{raw[exc.start]:02x})",
            "save the file as UTF-8 in your editor",
            code="not-utf8",
        )
        return None
    if text.startswith("\ufeff"):
        text = text[1:]  # a byte-order mark is an editor artefact, not part of the text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _read_at_most(descriptor: int, size: int, limit: int) -> bytes:
    """The file's bytes, up to `limit`. The first read asks for the size the file had
    when opened (and one byte more, to see it has not grown): asking for the limit each
    time would allocate 2 MB per file, which was three quarters of reading 2,000 files.
    Then on until the end, in case the file grew or a read returned less."""
    chunks: list[bytes] = []
    left, ask = limit, size + 1
    while left > 0:
        chunk = os.read(descriptor, min(ask, left))
        if not chunk:
            break
        chunks.append(chunk)
        left, ask = left - len(chunk), _CHUNK
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def load_project(
    root: Path,
    diagnostics: Diagnostics,
    memo: ParseMemo | None = None,
    changed: frozenset[str] | None = None,
) -> RawProject:
    """Read `root/source_texts/`: every `*.txt`, its sidecar, and the registries.

    Which files to read is decided by `discover.py` (no links, no stray files). With a
    `memo`, YAML files whose content has not changed since its last build are not parsed
    again; with the files a watcher reported `changed` too, the others are taken on the
    status they had (ParseMemo.unchanged)."""
    if memo is not None:
        memo.begin(changed)
    project = _load(root, diagnostics, memo)
    if memo is not None:
        memo.end()
    return project


def _load(root: Path, diagnostics: Diagnostics, memo: ParseMemo | None) -> RawProject:
    project = RawProject(root=root)
    found = discover_sources(root, diagnostics, memo.listing if memo is not None else None)
    if found is None:
        return project
    for text in found.texts:
        content = read_text_file(text.path, text.shown, diagnostics, memo)
        if content is not None:
            project.texts.append(RawText(text.slug, text.shown, content))
    for sidecar in found.sidecars:
        content = read_text_file(sidecar.path, sidecar.shown, diagnostics, memo)
        document = None
        if content is not None:
            document = parse_yaml(content, sidecar.shown, diagnostics, memo)
        if document is not None:
            project.sidecars[sidecar.slug] = document
    for registry in found.registry:
        content = read_text_file(registry.path, registry.shown, diagnostics, memo)
        document = None
        if content is not None:
            document = parse_yaml(content, registry.shown, diagnostics, memo)
        if registry.slug == ACTORS_FILE:
            project.actors = document
        else:
            project.sources = document
    return project
