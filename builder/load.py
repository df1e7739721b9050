"""Stage 1: read contributor files from `source_texts/`.

YAML is parsed with ruamel.yaml's round-trip loader because it records the line
and column of every key and item (and keeps comments, which a later `reanchor`
command needs). The result is plain Python data plus a table of positions keyed
by the path to each value, so later stages can say *where* a problem is.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import DuplicateKeyError, RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from builder.diagnostics import Diagnostics, Location
from builder.discover import ACTORS_FILE, discover_sources

YamlPath = tuple[str | int, ...]

MAX_FILE_BYTES = 2_000_000


class _StringTimestampConstructor(RoundTripConstructor):
    """Keeps `2024-12-07` as the string the contributor wrote.

    Dates carry a precision (year, month, day) that a `datetime.date` would lose,
    and unquoted times must not turn into numbers.
    """


def _construct_timestamp_as_string(constructor: RoundTripConstructor, node: Any) -> Any:
    return constructor.construct_scalar(node)


_StringTimestampConstructor.add_constructor(
    "tag:yaml.org,2002:timestamp", _construct_timestamp_as_string
)


@dataclass(frozen=True)
class YamlDocument:
    """Parsed YAML as plain data, with the position of every value and key."""

    path: str  # as shown to contributors, relative to the project root
    data: Any
    positions: Mapping[YamlPath, tuple[int, int]]  # path -> (line, col), 1-based
    key_positions: Mapping[YamlPath, tuple[int, int]]

    def location(self, path: YamlPath, *, key: bool = False) -> Location:
        """The best known location for `path`: itself, else its nearest parent."""
        table = self.key_positions if key else self.positions
        probe = tuple(path)
        while True:
            if probe in table:
                line, col = table[probe]
                return Location(self.path, line, col)
            if key and probe in self.positions:
                line, col = self.positions[probe]
                return Location(self.path, line, col)
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


class _RepeatedNode(Exception):
    """A mapping or list reached twice: a YAML alias (`*name`) of an anchor (`&name`)."""

    def __init__(self, path: YamlPath) -> None:
        self.path = path


def _plain(
    node: Any,
    path: YamlPath,
    positions: dict[YamlPath, tuple[int, int]],
    key_positions: dict[YamlPath, tuple[int, int]],
    seen: set[int] | None = None,
) -> Any:
    # Aliases are refused: contributors never need them, and nested aliases expand
    # exponentially when copied ("billion laughs"), which would hang a build.
    seen = set() if seen is None else seen
    if isinstance(node, CommentedMap | CommentedSeq):
        if id(node) in seen:
            raise _RepeatedNode(path)
        seen.add(id(node))
    if isinstance(node, CommentedMap):
        out: dict[Any, Any] = {}
        for key in node:
            child_path = (*path, key)
            try:
                kline, kcol = node.lc.key(key)
                key_positions[child_path] = (kline + 1, kcol + 1)
                vline, vcol = node.lc.value(key)
                positions[child_path] = (vline + 1, vcol + 1)
            except (KeyError, TypeError):
                pass
            out[key] = _plain(node[key], child_path, positions, key_positions, seen)
        return out
    if isinstance(node, CommentedSeq):
        items: list[Any] = []
        for index, value in enumerate(node):
            child_path = (*path, index)
            try:
                line, col = node.lc.item(index)
                positions[child_path] = (line + 1, col + 1)
            except (KeyError, TypeError):
                pass
            items.append(_plain(value, child_path, positions, key_positions, seen))
        return items
    if isinstance(node, str):
        return str(node)  # drop ruamel's scalar-string subclasses
    if isinstance(node, Sequence) and not isinstance(node, bytes):
        return [_plain(v, (*path, i), positions, key_positions, seen) for i, v in enumerate(node)]
    return node


def _new_yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.Constructor = _StringTimestampConstructor
    yaml.allow_duplicate_keys = False
    return yaml


def parse_yaml(source: str, path: str, diagnostics: Diagnostics) -> YamlDocument | None:
    """Parse one YAML document; on a syntax error, report it and return None."""
    try:
        data = _new_yaml().load(source)
    except DuplicateKeyError as exc:
        mark = exc.problem_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        diagnostics.error(
            Location(path, line, col),
            f"duplicate key: {_first_line(exc.problem)}",
            "each key may appear only once in a mapping; merge or rename the two entries",
        )
        return None
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = _first_line(exc.problem or exc.context or "invalid YAML")
        diagnostics.error(
            Location(path, line, col),
            f"YAML syntax error: {problem}",
            _yaml_hint(problem),
        )
        return None
    except YAMLError as exc:
        diagnostics.error(Location(path, 1, 1), f"YAML error: {_first_line(str(exc))}")
        return None
    positions: dict[YamlPath, tuple[int, int]] = {}
    key_positions: dict[YamlPath, tuple[int, int]] = {}
    if isinstance(data, CommentedMap | CommentedSeq):
        positions[()] = (data.lc.line + 1, data.lc.col + 1)
    try:
        plain = _plain(data, (), positions, key_positions)
    except _RepeatedNode as repeated:
        document = YamlDocument(path, None, positions, key_positions)
        diagnostics.error(
            document.location(repeated.path, key=True),
            "YAML aliases (*name) are not allowed",
            "write the value out in full instead of referring to an &anchor",
        )
        return None
    return YamlDocument(path, plain, positions, key_positions)


def _first_line(text: str | None) -> str:
    return (text or "").strip().splitlines()[0] if (text or "").strip() else "invalid YAML"


def _yaml_hint(problem: str) -> str:
    if "tab" in problem:
        return "indent with spaces, never tabs"
    if "mapping values are not allowed" in problem:
        return "a value containing ': ' must be quoted, e.g. note: \"He said: no\""
    if "could not find expected ':'" in problem:
        return "check the indentation of this line and the one before; every key needs ': '"
    if "found character" in problem and "cannot start any token" in problem:
        return "quote values that start with special characters such as @ or `"
    return (
        "check indentation (spaces only) and quote values that contain ': ' or start with a symbol"
    )


def read_text_file(path: Path, shown: str, diagnostics: Diagnostics) -> str | None:
    """Read a contributor file as UTF-8, reporting (not raising) what is wrong."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        diagnostics.error(Location(shown), f"cannot read file: {exc.strerror}")
        return None
    if len(raw) > MAX_FILE_BYTES:
        diagnostics.error(
            Location(shown),
            f"file is too large ({len(raw)} bytes; the limit is {MAX_FILE_BYTES})",
            "split the text into several files",
        )
        return None
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
        )
        return None
    if text.startswith("\ufeff"):
        text = text[1:]  # a byte-order mark is an editor artefact, not part of the text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def load_project(root: Path, diagnostics: Diagnostics) -> RawProject:
    """Read `root/source_texts/`: every `*.txt`, its sidecar, and the registries.

    Which files to read is decided by `discover.py` (no links, no stray files)."""
    project = RawProject(root=root)
    found = discover_sources(root, diagnostics)
    if found is None:
        return project
    for text in found.texts:
        content = read_text_file(text.path, text.shown, diagnostics)
        if content is not None:
            project.texts.append(RawText(text.slug, text.shown, content))
    for sidecar in found.sidecars:
        content = read_text_file(sidecar.path, sidecar.shown, diagnostics)
        document = parse_yaml(content, sidecar.shown, diagnostics) if content is not None else None
        if document is not None:
            project.sidecars[sidecar.slug] = document
    for registry in found.registry:
        content = read_text_file(registry.path, registry.shown, diagnostics)
        document = parse_yaml(content, registry.shown, diagnostics) if content is not None else None
        if registry.slug == ACTORS_FILE:
            project.actors = document
        else:
            project.sources = document
    return project
