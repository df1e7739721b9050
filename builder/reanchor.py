"""`python -m builder reanchor`: write the proposed quotes of drifted annotations into the
sidecars, in place.

`check` finds the drifted quotes (builder/assemble/drifting.py); this writes each one's new
selector where the old one stands, and changes nothing else: every other byte of the file
is kept (comments, key order, quoting, line breaks), as `migrate` does. The places come
from the YAML parser's marks (the exact characters of each value), so a short quote
(`quote: words`) is replaced by its new words in the same quoting style, and the long form
(`quote: {exact: ..., prefix: ...}`, in flow or block style) has only its values replaced,
or a `prefix:`/`suffix:` added where the new words alone would match more than once.
Orphans are never touched. Running it again changes nothing: the new quotes match.
Each file is replaced atomically (builder/migrate.py's `write`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import yaml  # type: ignore[import-untyped]  # PyYAML ships no type stubs

from builder import pipeline
from builder.assemble.drifting import Drifted
from builder.core.diagnostics import Diagnostics
from builder.input.load import YamlPath
from builder.input.schema import QuoteSelector
from builder.migrate import FileMigration

KEYS = ("exact", "prefix", "suffix")


@dataclass(frozen=True, kw_only=True)
class Plan:
    files: list[FileMigration]
    diagnostics: Diagnostics  # of the check before rewriting: drifts, orphans, other errors
    drifted: int


def plan(root: Path) -> Plan:
    """What `reanchor` would change in each sidecar (pure: nothing is written)."""
    drifts: list[Drifted] = []
    diagnostics, _ = pipeline.check(root, drifts=drifts)
    by_file: dict[str, list[Drifted]] = {}
    for drift in drifts:
        by_file.setdefault(drift.sidecar, []).append(drift)
    files = []
    for shown, found in sorted(by_file.items()):
        path = root / shown
        before = path.read_text(encoding="utf-8")
        after = rewritten(before, found)
        notes: tuple[str, ...] = ()
        if not _reads_back(after, found):  # never write a file that would mean something else
            note = f"{shown}: left as it is: the rewritten file would not read back as intended"
            after, notes = before, (note,)
        files.append(FileMigration(path=path, shown=shown, before=before, after=after, notes=notes))
    return Plan(files=files, diagnostics=diagnostics, drifted=len(drifts))


def _reads_back(text: str, drifts: list[Drifted]) -> bool:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        return False
    for drift in drifts:
        value: object = data
        for step in drift.path:
            if isinstance(value, dict):
                value = value.get(step)
            elif isinstance(value, list) and isinstance(step, int) and 0 <= step < len(value):
                value = value[step]
            else:
                return False
        value = {"exact": value} if isinstance(value, str) else value
        if not isinstance(value, dict):
            return False
        got = {key: value.get(key, "") for key in KEYS}
        if got != drift.new.model_dump():
            return False
    return True


# (start, end, replacement) in characters of the file
Splice = tuple[int, int, str]


def rewritten(text: str, drifts: list[Drifted]) -> str:
    """`text` (a sidecar) with each drifted quote's new selector written in."""
    document = yaml.compose(text, Loader=yaml.SafeLoader)
    splices: list[Splice] = []
    for drift in drifts:
        node = _node(document, drift.path)
        if node is not None:
            splices.extend(_splices(text, node, drift.new))
    for start, end, replacement in sorted(splices, reverse=True):
        text = text[:start] + replacement + text[end:]
    return text


def _node(node: yaml.Node | None, path: YamlPath) -> yaml.Node | None:
    for step in path:
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if k.value == step), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int):
            node = node.value[step] if 0 <= step < len(node.value) else None
        else:
            return None
    return node


def _splices(text: str, node: yaml.Node, new: QuoteSelector) -> list[Splice]:
    if isinstance(node, yaml.ScalarNode):
        if not new.prefix and not new.suffix:
            return [_replace(node, new.exact, flow=False)]
        parts = ", ".join(
            f"{key}: {_scalar(getattr(new, key), None, flow=True)}"
            for key in KEYS
            if getattr(new, key)
        )
        return [(node.start_mark.index, node.end_mark.index, "{ " + parts + " }")]
    if not isinstance(node, yaml.MappingNode):
        return []
    values = {k.value: v for k, v in node.value if isinstance(k, yaml.ScalarNode)}
    splices = []
    for key in KEYS:
        wanted = getattr(new, key)
        if key in values:
            splices.append(_replace(values[key], wanted, flow=bool(node.flow_style)))
        elif wanted:
            splices.append(_added(text, node, key, wanted))
    return splices


def _replace(node: yaml.Node, value: str, *, flow: bool) -> Splice:
    return (node.start_mark.index, node.end_mark.index, _scalar(value, node.style, flow=flow))


def _added(text: str, node: yaml.MappingNode, key: str, value: str) -> Splice:
    """A new `key: value` at the end of a mapping, in its style."""
    last = node.value[-1][1]
    at = last.end_mark.index
    if node.flow_style:
        return (at, at, f", {key}: {_scalar(value, None, flow=True)}")
    first_key = node.value[0][0]
    indent = " " * first_key.start_mark.column
    line_end = text.find("\n", at)  # after the last value's line, and its comment if any
    line_end = len(text) if line_end == -1 else line_end
    return (line_end, line_end, f"\n{indent}{key}: {_scalar(value, None, flow=False)}")


def _scalar(value: str, style: str | None, *, flow: bool) -> str:
    """`value` as a YAML scalar on one line: in the style it had if that can hold it, else
    double-quoted (a JSON string is a valid YAML double-quoted scalar)."""
    if style is None and value and _plain_reads_back(value, flow=flow):
        return value
    if style == "'" and "\n" not in value:
        return "'" + value.replace("'", "''") + "'"
    return json.dumps(value, ensure_ascii=False)


def _plain_reads_back(value: str, *, flow: bool) -> bool:
    """True if `key: value` as written (in a flow mapping if `flow`) reads back as this
    very string: no comment, no other type, no end of the mapping in it."""
    if value != value.strip() or "#" in value or "\n" in value:
        return False
    written = f"{{key: {value}}}" if flow else f"key: {value}"
    try:
        return bool(yaml.safe_load(written) == {"key": value})
    except yaml.YAMLError:
        return False
