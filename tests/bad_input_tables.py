"""The bad-input tables of the tests, read as one list of examples: each case's input, the
`path:line:col: severity[code]: message` it must produce and its hint fragment.

The tables keep their own shapes (a file and an edit, several edits, a whole YAML file, a
set-up function); `examples()` reads each one, so the guide's list of diagnostic codes
(`python -m tests.regenerate_codes`) and the test that every code has a case
(tests/test_codes.py) use the cases the tests run, and cannot drift from them.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from dataclasses import dataclass

# `path:line:col: error[code]: message`; the YAML table leaves out the path.
REPORTED = re.compile(
    r"^(?P<where>(?:[^\n]*?:)?\d+:\d+): (?P<severity>error|warning)\[(?P<code>[a-z0-9-]+)\]: "
    r"(?P<message>.*)$",
    re.DOTALL,
)


@dataclass(frozen=True, kw_only=True)
class Table:
    module: str  # a module of tests/
    name: str  # its list of cases
    file: str  # the file the cases edit when they do not name one
    whole: str = "file"  # a case with one text: "file" (the whole file) or "append" (added)
    prefix: str = ""  # written before an appended text


SIDECAR = "source_texts/sample.yml"
# In the order the guide prefers its examples (the plain table first).
TABLES = (
    Table(module="test_bad_input", name="CASES", file=SIDECAR),
    Table(module="test_unused", name="CASES", file=SIDECAR),
    Table(module="test_yaml_errors", name="CASES", file="source_texts/x.yml"),
    Table(module="test_sourcing", name="BAD", file=SIDECAR),
    Table(module="test_date_ranges", name="BAD", file=SIDECAR),
    Table(module="test_accounts", name="CASES", file=SIDECAR),
    Table(module="test_hostile_dates", name="CASES", file=SIDECAR),
    Table(module="test_hostile_input", name="CASES", file=SIDECAR),
    Table(module="test_drift", name="DRIFTED", file=SIDECAR),
    Table(module="test_output_safety", name="CASES", file=SIDECAR),
    Table(module="test_paths", name="CASES", file=SIDECAR),
    Table(module="test_cli", name="EXPORT_CASES", file="mkdocs.yml"),
    Table(module="test_coverage_rules", name="FIRES", file="source_texts/harbour.txt"),
    Table(
        module="test_coverage_rules",
        name="BAD_WAIVERS",
        file="source_texts/harbour.yml",
        whole="append",
        prefix="waivers:\n",
    ),
)


@dataclass(frozen=True, kw_only=True)
class Edit:
    file: str
    old: str | None  # None: `new` is the whole file, or is appended (`appended`)
    new: str
    appended: bool = False


@dataclass(frozen=True, kw_only=True)
class Example:
    code: str
    severity: str
    reported: str  # as the test asserts it: `path:line:col: severity[code]: message`
    hint: str  # the fragment of the hint the test asserts ('' when none)
    source: str  # tests/<module>.py
    case: str  # the case id
    edits: tuple[Edit, ...]  # the input, as the case makes it
    made_by_code: bool  # the input is made by a set-up function (links, pipes)


def examples() -> Iterator[Example]:
    for table in TABLES:
        module = importlib.import_module(f"tests.{table.module}")
        for case in getattr(module, table.name):
            example = _example(table, tuple(case))
            if example is not None:
                yield example


def _example(table: Table, case: tuple[object, ...]) -> Example | None:
    at = next(
        (i for i, v in enumerate(case) if i and isinstance(v, str) and REPORTED.match(v)), None
    )
    if at is None:
        return None  # a case that expects no diagnostic (accepted input)
    reported = str(case[at])
    match = REPORTED.match(reported)
    assert match is not None
    if reported[0].isdigit():
        reported = f"{table.file}:{reported}"
    hint = case[at + 1] if at + 1 < len(case) and isinstance(case[at + 1], str) else ""
    inputs = case[1:at]
    return Example(
        code=match["code"],
        severity=match["severity"],
        reported=reported,
        hint=str(hint),
        source=f"tests/{table.module}.py",
        case=str(case[0]),
        edits=tuple(_edits(table, inputs)),
        made_by_code=any(callable(v) for v in inputs),
    )


def _edits(table: Table, inputs: tuple[object, ...]) -> Iterator[Edit]:
    """The shapes of the tables: (file, old, new), (old, new), (file, (old, new)),
    (file, ((old, new), ...)), ([(file, old, new), ...]), (text,) and (set-up,)."""
    if all(isinstance(v, str) for v in inputs):
        texts = [str(v) for v in inputs]
        if len(texts) == 3:
            yield Edit(file=texts[0], old=texts[1], new=texts[2])
        elif len(texts) == 2:
            yield Edit(file=table.file, old=texts[0], new=texts[1])
        elif len(texts) == 1:
            appended = table.whole == "append"
            yield Edit(file=table.file, old=None, new=table.prefix + texts[0], appended=appended)
        return
    file = table.file
    for value in inputs:
        if isinstance(value, str):
            file = value
        elif isinstance(value, tuple | list):
            yield from _edit_list(file, value)


def _edit_list(file: str, value: tuple[object, ...] | list[object]) -> Iterator[Edit]:
    if len(value) == 2 and all(isinstance(v, str) for v in value):
        yield Edit(file=file, old=str(value[0]), new=str(value[1]))
        return
    for item in value:
        assert isinstance(item, tuple), item
        if len(item) == 3:
            old = None if item[1] is None else str(item[1])
            yield Edit(file=str(item[0]), old=old, new=str(item[2]))
        else:
            yield Edit(file=file, old=str(item[0]), new=str(item[1]))
