"""Property-based tests: mutated sidecars and registries never crash `check`.

Hypothesis mutates the mini fixture's valid files, in their data (delete, duplicate
and retype keys and entries) and in their bytes (truncate, insert random bytes),
and every result must be either success or located errors: never an exception,
never a diagnostic pointing outside the project's files or at line 0.

A few hundred examples run in `make test`. For a deep run:

    .venv/bin/python -m pytest tests/test_fuzz.py --hypothesis-profile=deep   # 10,000 each

(the profiles are registered in tests/conftest.py).

The stages are called one by one (not through `pipeline.check`, whose safety net
would hide an exception behind the errors already found).
"""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from ruamel.yaml import YAML

from builder.assemble.project import build_project
from builder.core.diagnostics import Diagnostics
from builder.input.load import load_project
from builder.input.validate import validate_project
from tests.conftest import MINI

FILES = (
    "source_texts/sample.yml",
    "source_texts/registry/actors.yml",
    "source_texts/registry/sources.yml",
)
ORIGINALS = {name: (MINI / name).read_bytes() for name in FILES}

# Values a contributor (or an attacker) might put where another type is expected.
ODD_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.sampled_from(
        [
            "",
            " ",
            "~~~",
            "```",
            "# heading",
            "<script>window.__pwned=1</script>",
            "</title><img src=x onerror=alert(1)>",
            "javascript:alert(1)",
            "[^x]: footnote",
            "{: onclick=alert(1) }",
            "index",
            "Asia",
            "0000-01-01",
            "9999-12-31",
            "localtime",
            "x\n",
            "a\u202eb",
            "\x00",
            "\x1b[32mok: 1 text(s)",
            "*alias",
            "&anchor x",
            "9" * 5000,
        ]
    ),
)


def _load(data: bytes) -> Any:
    yaml = YAML(typ="safe", pure=True)
    return yaml.load(data.decode("utf-8"))


def _dump(data: Any) -> bytes:
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue().encode("utf-8")


def _paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value in nested dicts and lists (the root included)."""
    out = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            out.extend(_paths(value, (*path, key)))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            out.extend(_paths(value, (*path, index)))
    return out


def _parent(root: Any, path: tuple[Any, ...]) -> Any:
    node = root
    for step in path[:-1]:
        node = node[step]
    return node


@st.composite
def data_mutation(draw: st.DrawFn, original: bytes) -> bytes:
    """The file's data with a few structural changes, written back as YAML."""
    data = _load(original)
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        paths = [p for p in _paths(data) if p]
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = _parent(data, path)
        step = path[-1]
        action = draw(st.sampled_from(["delete", "duplicate", "retype", "nest", "rename"]))
        if action == "delete":
            del parent[step]
        elif action == "duplicate":
            if isinstance(parent, list):
                parent.insert(step, parent[step])
            else:
                parent[f"{step}_copy"] = parent[step]
        elif action == "retype":
            parent[step] = draw(ODD_SCALARS)
        elif action == "nest":
            parent[step] = draw(st.sampled_from([[parent[step]], {"x": parent[step]}, []]))
        elif action == "rename" and isinstance(parent, dict):
            parent[
                draw(ODD_SCALARS.filter(lambda k: k is not None and not isinstance(k, float)))
            ] = parent.pop(step)
    # Deep-copy semantics: the dumper would otherwise emit anchors for shared nodes,
    # which the builder (rightly) refuses; those are tested on their own below.
    return _dump(_load(_dump(data)))


RAW_VALUES = [
    b"&a x", b"*a", b"<<: *a", b"!!python/object:os.system x", b"!!binary aGk=", b"? x", b"{",
    b"[", b"'", b'"', b"|", b">-", b"9" * 4400, b"[" * 300 + b"]" * 300,
    b"{a: " * 200 + b"}" * 200, b"1e999", b"-.inf", b".nan", b"0x1F", b"0o17", b"2024-13-45",
    b"0000-00-00", b"12:30:00", b"null", b"~", b"yes", b"[]", b"{}", b"- a", b"\x00",
    b"\xef\xbb\xbf", b"\xff\xfe", b"\xe2\x80\xae", b"\x1b[2J", b"%TAG ! x", b"`x`", b"@x",
]  # fmt: skip
VALUE_LINE = re.compile(rb"^(\s*(?:- )?[A-Za-z_]+: ?)(.*)$", re.MULTILINE)


@st.composite
def byte_mutation(draw: st.DrawFn, original: bytes) -> bytes:
    """The file's bytes truncated, with random bytes inserted, or a value replaced by raw
    YAML (anchors, tags, huge numbers, deep nesting, invalid UTF-8)."""
    data = bytes(original)
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        where = draw(st.integers(min_value=0, max_value=len(data)))
        action = draw(st.sampled_from(["truncate", "insert", "value", "value"]))
        values = list(VALUE_LINE.finditer(data))
        if action == "truncate":
            data = data[:where]
        elif action == "insert":
            data = data[:where] + draw(st.binary(min_size=1, max_size=12)) + data[where:]
        elif values:
            line = draw(st.sampled_from(values))
            raw = draw(st.sampled_from(RAW_VALUES))
            data = data[: line.start(2)] + raw + data[line.end(2) :]
    return data


def _project(tmp_path: Path, name: str, content: bytes) -> Path:
    root = tmp_path / "fuzz"
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(MINI, root)
    (root / name).write_bytes(content)
    return root


def _check_never_raises(root: Path) -> None:
    diagnostics = Diagnostics()
    raw = load_project(root, diagnostics)
    validated = validate_project(raw, diagnostics)
    project = build_project(validated, diagnostics)
    known = {str(p.relative_to(root).as_posix()) for p in (root / "source_texts").rglob("*")}
    for diagnostic in diagnostics:
        location = diagnostic.location
        assert location.line >= 1 and location.col >= 1, diagnostic.format_text()
        assert location.path in known or location.path.startswith("source_texts"), (
            diagnostic.format_text()
        )
        assert diagnostic.message, diagnostic
    if not diagnostics.has_errors:
        assert project is not None


@pytest.mark.parametrize("name", FILES)
@given(st.data())
def test_structural_mutations_give_located_errors_or_success(
    tmp_path: Path, name: str, data: st.DataObject
) -> None:
    content = data.draw(data_mutation(ORIGINALS[name]))
    _check_never_raises(_project(tmp_path, name, content))


@pytest.mark.parametrize("name", FILES)
@given(st.data())
def test_byte_mutations_give_located_errors_or_success(
    tmp_path: Path, name: str, data: st.DataObject
) -> None:
    content = data.draw(byte_mutation(ORIGINALS[name]))
    _check_never_raises(_project(tmp_path, name, content))


@given(st.data())
def test_mutated_source_texts_give_located_errors_or_success(
    tmp_path: Path, data: st.DataObject
) -> None:
    name = "source_texts/sample.txt"
    content = data.draw(byte_mutation((MINI / name).read_bytes()))
    _check_never_raises(_project(tmp_path, name, content))
