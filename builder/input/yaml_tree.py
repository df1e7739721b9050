"""YAML text -> plain Python data, with the line and column of every key and value.

libyaml (through PyYAML's C parser) turns the text into a stream of events; this module
builds the data from that stream with an explicit stack, never by recursion, so no
nesting can exhaust Python's stack, and it refuses what contributors never need and
hostile files use:

- nesting deeper than MAX_DEPTH levels (our formats need about 8);
- anchors (`&name`), aliases (`*name`) and merge keys (`<<`): a shared value is never
  needed, and nested aliases expand exponentially ("billion laughs");
- explicit tags (`!!binary`, `!python/object`): every value is plain text, a number,
  true/false, null, a list or a mapping;
- keys that are not text (`1:`, `null:`, a list or a mapping as a key), duplicate keys;
- integers of more than MAX_INT_DIGITS digits (Python refuses to convert more than
  4,300, and no field takes a number that long);
- more than one document, and characters YAML forbids.

Plain scalars are resolved with the YAML 1.2 core schema (`yes`, `on` and `no` stay
text); dates and times stay the strings the contributor wrote, because they carry a
precision that a `datetime` would lose. The parser is pure: text in, data or problems
out. A pure-Python parser is used when PyYAML was built without libyaml (slower, same
results).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml  # type: ignore[import-untyped]  # PyYAML ships no type stubs
from yaml.events import (  # type: ignore[import-untyped]
    AliasEvent,
    CollectionStartEvent,
    DocumentStartEvent,
    Event,
    MappingEndEvent,
    MappingStartEvent,
    NodeEvent,
    ScalarEvent,
    SequenceEndEvent,
)

from builder.input import yaml_errors

YamlPath = tuple[str | int, ...]
Position = tuple[int, int]  # (line, col), 1-based
# A position as kept in a tree's tables: `line << 32 | col`. One int object is half the
# memory of a (line, col) tuple, and a build keeps one for every value and key it read
# (half a million at 1,000 texts).
PackedPosition = int


def pack(where: Position) -> PackedPosition:
    return where[0] << 32 | where[1]


def unpack(packed: PackedPosition) -> Position:
    return packed >> 32, packed & 0xFFFFFFFF


# Our files nest about 8 levels (sidecar > annotations > item > quote > exact); 32 leaves
# room for any honest file and stops a hostile one long before the stack is at risk.
MAX_DEPTH = 32
MAX_INT_DIGITS = 100
# A file with thousands of aliases gets the first problems, not thousands of lines.
MAX_PROBLEMS = 50

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Characters the YAML specification does not allow in a file (libyaml refuses them too,
# but with a byte offset instead of a line and column).
_FORBIDDEN = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

# YAML 1.2 core schema, as ruamel.yaml resolves it (decimal, 0o octal, 0x hex, 0b binary).
_NULL = re.compile(r"~|null|Null|NULL|")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"[-+]?(?:[0-9][0-9_]*|0o[0-7_]+|0x[0-9a-fA-F_]+|0b[01_]+)")
_FLOAT = re.compile(
    r"[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)"
    r"|[-+]?\.[0-9_]+(?:[eE][-+]?[0-9]+)?"
)
_INF = re.compile(r"[-+]?\.(?:inf|Inf|INF)")
_NAN = re.compile(r"\.(?:nan|NaN|NAN)")
_INT_BASES = {"0o": 8, "0x": 16, "0b": 2}
_MERGE = "<<"
# A plain scalar that is not text starts with one of these, or is one of these words.
_MAY_START_NON_TEXT = frozenset("0123456789+-.~")
_WORDS_NOT_TEXT = frozenset({"", "null", "Null", "NULL", *_BOOL})


@dataclass(frozen=True, kw_only=True)
class YamlProblem:
    """Why a file cannot be read as data, and where."""

    line: int
    col: int
    message: str
    hint: str
    code: str  # the diagnostic's stable code (`yaml-alias`)
    excerpt: str = ""  # the line with a caret, for syntax errors


@dataclass(frozen=True, kw_only=True)
class YamlTree:
    data: Any
    positions: dict[YamlPath, PackedPosition]  # path -> where its value starts
    key_positions: dict[YamlPath, PackedPosition]  # path -> where its key starts


class _BadKey:
    """Stands for a key already reported (not text, a merge key): hashable, unique."""


@dataclass(kw_only=True)
class _Frame:
    container: dict[Any, Any] | list[Any]
    path: YamlPath
    key: Any = None  # in a mapping: the key whose value comes next
    key_position: Position = (1, 1)
    has_key: bool = False


@dataclass(kw_only=True)
class _Builder:
    lines: list[str] = field(default_factory=list)  # the source, to see what follows a value
    positions: dict[YamlPath, PackedPosition] = field(default_factory=dict)
    key_positions: dict[YamlPath, PackedPosition] = field(default_factory=dict)
    problems: list[YamlProblem] = field(default_factory=list)
    stack: list[_Frame] = field(default_factory=list)
    anchors: dict[str, Position] = field(default_factory=dict)
    aliased: set[str] = field(default_factory=set)
    root: Any = None
    documents: int = 0

    def problem(
        self, where: Position, message: str, hint: str, excerpt: str = "", *, code: str
    ) -> None:
        self.problems.append(
            YamlProblem(
                line=where[0], col=where[1], message=message, hint=hint, excerpt=excerpt, code=code
            )
        )

    @property
    def expects_key(self) -> bool:
        return (
            bool(self.stack)
            and isinstance(self.stack[-1].container, dict)
            and not (self.stack[-1].has_key)
        )

    @property
    def full(self) -> bool:
        return len(self.problems) >= MAX_PROBLEMS

    def node(self, event: NodeEvent) -> bool:
        """Handle one node event; False when reading must stop."""
        where = _position(event)
        if isinstance(event, AliasEvent):
            self.aliased.add(str(event.anchor))
            parent = self.stack[-1] if self.stack else None
            if not (parent and parent.has_key and isinstance(parent.key, _MergeKey)):
                self.problem(
                    where,
                    "YAML aliases (*name) are not allowed",
                    "write the value out in full instead of referring to an &anchor",
                    code="yaml-alias",
                )
            self.place(_BadKey() if self.expects_key else None, where)
            return True
        if event.anchor is not None:
            self.anchors.setdefault(str(event.anchor), where)
        tag = getattr(event, "tag", None)
        if tag is not None:
            self.problem(
                where,
                f"YAML tags are not allowed (found {_shown_tag(str(tag))})",
                "remove the tag: values are plain text (in quotes if need be), numbers, "
                "true/false, lists or mappings",
                code="yaml-tag",
            )
        if isinstance(event, ScalarEvent):
            self.place(self.scalar(event, where), where)
            return True
        if len(self.stack) >= MAX_DEPTH:
            self.problem(
                where,
                f"YAML nested more than {MAX_DEPTH} levels deep",
                "no file of this project needs that much nesting; check the indentation "
                "and the brackets",
                code="yaml-too-deep",
            )
            return False
        container: dict[Any, Any] | list[Any] = {} if isinstance(event, MappingStartEvent) else []
        path = self.place(container, where)
        self.stack.append(_Frame(container=container, path=path))
        return True

    def scalar(self, event: ScalarEvent, where: Position) -> Any:
        if event.tag is not None or not event.implicit[0]:
            return event.value  # quoted or block scalar: always text
        if event.value == _MERGE:
            return _MergeKey() if self.expects_key else _MERGE
        value, problem = resolve_plain(event.value)
        if problem:
            self.problem(
                where,
                problem,
                "no field takes a number this long; remove it",
                code="yaml-number-too-long",
            )
        self.comment_after(event)
        return value

    def comment_after(self, event: ScalarEvent) -> None:
        """An unquoted value followed by ` #` on its line loses the rest of the line to a
        comment (`title: Item #1` reads as `Item`): never let text vanish silently."""
        end = event.end_mark
        line = self.lines[end.line] if end.line < len(self.lines) else ""
        rest = line[end.column :]
        if "#" not in rest:
            return
        # `# words` (a space after the hash) is a comment by the usual convention; `#1` or
        # `#first` right after a value is text the contributor meant to keep.
        comment = rest.lstrip()
        meant = len(comment) > 1 and comment[0] == "#" and not comment[1].isspace()
        if meant and line[: end.column].strip().endswith(event.value):
            cut = event.value + rest.rstrip()
            self.problem(
                (end.line + 1, end.column + 1 + (len(rest) - len(rest.lstrip()))),
                "the text after ' #' is read as a comment, not as part of the value",
                f'put the whole value in double quotes to keep it ("{cut.strip()}"), '
                "or put the comment on a line of its own",
                code="yaml-comment-in-value",
            )

    def place(self, value: Any, where: Position) -> YamlPath:
        """Put `value` into the collection being read; return its path."""
        if not self.stack:
            self.root = value
            self.positions[()] = pack(where)
            return ()
        frame = self.stack[-1]
        if isinstance(frame.container, list):
            path = (*frame.path, len(frame.container))
            frame.container.append(value)
            self.positions[path] = pack(where)
            return path
        if not frame.has_key:
            frame.key, frame.key_position, frame.has_key = self.key(value, where), where, True
            return (*frame.path, "?")  # a key's own children never get a position
        path = (*frame.path, frame.key)
        frame.container[frame.key] = value
        self.positions[path] = pack(where)
        self.key_positions[path] = pack(frame.key_position)
        frame.has_key = False
        return path

    def key(self, value: Any, where: Position) -> Any:
        frame = self.stack[-1]
        if isinstance(value, _BadKey):
            return value  # already reported (an alias as a key)
        if isinstance(value, _MergeKey):
            self.problem(
                where,
                "YAML merge keys (<<) are not allowed",
                "write every field out in full in this mapping",
                code="yaml-merge-key",
            )
            return value
        if not isinstance(value, str):
            self.problem(
                where,
                f"a key must be a field name, not {_kind(value)}",
                'field names are words such as `title:` or `id:`; put a key in quotes ("1":) '
                "if it really is text",
                code="yaml-key-not-text",
            )
            return _BadKey()
        if value in frame.container:
            line, col = unpack(self.key_positions.get((*frame.path, value), pack((1, 1))))
            self.problem(
                where,
                f"duplicate key {value!r} (first at line {line}, column {col})",
                "each key may appear only once in a mapping; merge or rename the two entries",
                code="yaml-duplicate-key",
            )
            return _BadKey()
        return value

    def end(self) -> None:
        self.stack.pop()

    def report_unused_anchors(self) -> None:
        for name, where in self.anchors.items():
            if name not in self.aliased:
                self.problem(
                    where,
                    "YAML anchors (&name) are not allowed",
                    "remove the &name; write each value out in full where it is needed",
                    code="yaml-anchor",
                )


class _MergeKey:
    """The plain key `<<`, which asks YAML to merge another mapping into this one."""


def resolve_plain(text: str) -> tuple[Any, str]:
    """The value of an unquoted scalar (YAML 1.2 core schema), or a problem."""
    if text[:1] not in _MAY_START_NON_TEXT and text not in _WORDS_NOT_TEXT:
        return text, ""  # most plain scalars are words: no pattern can match them
    if _NULL.fullmatch(text):
        return None, ""
    if text in _BOOL:
        return _BOOL[text], ""
    if _INT.fullmatch(text):
        digits = text.lstrip("+-").replace("_", "")
        base = _INT_BASES.get(digits[:2], 10)
        if base != 10:
            digits = digits[2:]
        if len(digits) > MAX_INT_DIGITS:
            return text, f"number with {len(digits)} digits is too long (at most {MAX_INT_DIGITS})"
        if digits:
            number = int(digits, base)
            return (-number if text.startswith("-") else number), ""
    if _FLOAT.fullmatch(text):
        return float(text.replace("_", "")), ""
    if _INF.fullmatch(text):
        return float("-inf" if text.startswith("-") else "inf"), ""
    if _NAN.fullmatch(text):
        return float("nan"), ""
    return text, ""


def _position(event: Event) -> Position:
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def _shown_tag(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml") else tag


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return f"the number {value!r}"
    if isinstance(value, dict):
        return "a mapping"
    return "a list"


def _events(source: str) -> Iterator[Event]:
    loader = _Loader(source)
    try:
        while loader.check_event():
            yield loader.get_event()
    finally:
        loader.dispose()


def parse(source: str) -> tuple[YamlTree | None, list[YamlProblem]]:
    """Read one YAML document: its data and positions, or every problem found (then None)."""
    forbidden = _FORBIDDEN.search(source)
    if forbidden:
        line = source.count("\n", 0, forbidden.start()) + 1
        col = forbidden.start() - (source.rfind("\n", 0, forbidden.start()) + 1) + 1
        code = ord(forbidden.group())
        return None, [
            YamlProblem(
                line=line,
                col=col,
                message=f"character U+{code:04X} is not allowed in a YAML file",
                hint="remove it: most editors do not show it (it often comes from a copy "
                "from a PDF or a binary file)",
                code="yaml-forbidden-character",
            )
        ]
    builder = _Builder(lines=source.split("\n"))
    try:
        complete = _read(builder, _events(source))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        explained = yaml_errors.explain(
            source,
            where[0],
            where[1],
            _first_line(exc.problem or exc.context),
            context=exc.context or "",
            context_line=exc.context_mark.line + 1 if exc.context_mark else 0,
        )
        at = (explained.line, explained.col)
        builder.problem(
            at,
            explained.message,
            explained.hint,
            yaml_errors.excerpt(source, *at),
            code=explained.code,
        )
        complete = False
    except yaml.YAMLError as exc:
        builder.problem(
            (1, 1), f"YAML error: {_first_line(str(exc))}", yaml_hint(""), code="yaml-syntax"
        )
        complete = False
    if complete:  # an anchor is unused only if the whole file was read
        builder.report_unused_anchors()
    if builder.problems:
        return None, builder.problems[:MAX_PROBLEMS]
    tree = YamlTree(
        data=builder.root, positions=builder.positions, key_positions=builder.key_positions
    )
    return tree, []


def _read(builder: _Builder, events: Iterator[Event]) -> bool:
    """Feed the events to `builder`; False if reading stopped before the end."""
    for event in events:
        if isinstance(event, DocumentStartEvent):
            builder.documents += 1
            if builder.documents > 1:
                builder.problem(
                    _position(event),
                    "more than one YAML document in the file",
                    "a file holds one document: remove this `---` line and what follows, "
                    "or merge the two",
                    code="yaml-several-documents",
                )
                return False
        elif isinstance(event, ScalarEvent | AliasEvent | CollectionStartEvent):
            if not builder.node(event):
                return False
        elif isinstance(event, SequenceEndEvent | MappingEndEvent):
            builder.end()
        if builder.full:
            return False
    return True


def _first_line(text: str | None) -> str:
    stripped = (text or "").strip()
    return stripped.splitlines()[0] if stripped else "invalid YAML"


def yaml_hint(problem: str) -> str:
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
