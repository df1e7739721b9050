"""Every diagnostic code builder/ can emit, found in its source with `ast`: the `code="..."`
literals of its calls, and the tables that hold codes (the pydantic error kinds, the kinds
of unknown id, the coverage rules). A code passed on from a problem (`code=problem.code`)
is one of these already; `FORWARDED` lists the expressions that may do so."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

BUILDER = Path(__file__).resolve().parent.parent / "builder"

# Module-level names whose string values are codes (`*_CODES`, `*_CODE`, and these).
TABLE_NAMES = frozenset({"COVERAGE_RULES", "UNUSED_WAIVER"})

# `code=` expressions that are not literals: each passes on a code made elsewhere.
FORWARDED = frozenset(
    {
        "problem.code",  # a YAML, quote, zone or prose problem carries its code
        "explained.code",  # a YAML syntax error explained in plain words
        "split.code",  # a quote that splits a character
        "d.code",  # the same diagnostic, as an error (`check --strict`)
        "code",  # a helper's own parameter
        "UNKNOWN_ID_CODES[what]",
        "shape_code(error['type'])",
        "finding.rule",  # COVERAGE_RULES
        "UNUSED_WAIVER",
    }
)


def _is_table(name: str) -> bool:
    return name.endswith(("_CODES", "_CODE")) or name in TABLE_NAMES


def _message_of(call: ast.Call) -> str:
    """The source of the message a call is given with (to tell meanings apart)."""
    for keyword in call.keywords:
        if keyword.arg == "message":
            return ast.unparse(keyword.value)
    name = call.func.attr if isinstance(call.func, ast.Attribute) else ""
    position = 1 if name in ("error", "warning", "problem", "report") else 0
    args = call.args
    return ast.unparse(args[position]) if len(args) > position else ast.unparse(call)


def _table_values(value: ast.expr) -> list[str]:
    if isinstance(value, ast.Dict):
        value = ast.Tuple(elts=[v for v in value.values if v is not None])
    return [
        node.value
        for node in ast.walk(value)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    ]


def scan() -> tuple[dict[str, set[str]], list[str]]:
    """(code -> the messages or tables it is used with, `code=` expressions not understood)."""
    uses: dict[str, set[str]] = defaultdict(set)
    unknown: list[str] = []
    for path in sorted(BUILDER.rglob("*.py")):
        where = path.relative_to(BUILDER.parent).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for statement in tree.body:
            target = statement.target if isinstance(statement, ast.AnnAssign) else None
            if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
                target = statement.targets[0]
            value = getattr(statement, "value", None)
            if isinstance(target, ast.Name) and _is_table(target.id) and value is not None:
                for code in _table_values(value):
                    uses[code].add(f"{where}:{target.id}")
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            for keyword in node.keywords:
                if keyword.arg != "code":
                    continue
                if isinstance(keyword.value, ast.Constant) and isinstance(keyword.value.value, str):
                    uses[keyword.value.value].add(_message_of(node))
                elif ast.unparse(keyword.value) not in FORWARDED:
                    unknown.append(f"{where}:{node.lineno}: code={ast.unparse(keyword.value)}")
    return dict(uses), unknown
