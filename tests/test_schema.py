"""The JSON Schemas in builder/schemas/ are generated from the model, up to date,
and accepted by a third-party validator (check-jsonschema) on the real content."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from builder.input.schema import json_schemas
from tests.conftest import REPO

SCHEMAS = REPO / "builder" / "schemas"
CHECK = [sys.executable, "-m", "check_jsonschema"]
# Every sidecar and registry of the repository and of the fixture projects, found by name.
FILES = [
    (
        {"actors.yml": "actors.schema.json", "sources.yml": "sources.schema.json"}.get(
            path.name, "sidecar.schema.json"
        ),
        path.relative_to(REPO).as_posix(),
    )
    for folder in (REPO / "source_texts", REPO / "tests/fixtures/pair/source_texts")
    for path in sorted(folder.rglob("*.yml"))
]


def test_committed_schemas_match_the_model() -> None:
    for name, content in json_schemas().items():
        committed = (SCHEMAS / name).read_text(encoding="utf-8")
        assert committed == content, f"{name} is stale: run `python -m builder schema`"


@pytest.mark.parametrize(("schema", "document"), FILES)
def test_content_validates_against_its_schema(schema: str, document: str) -> None:
    result = subprocess.run(
        [*CHECK, "--schemafile", str(SCHEMAS / schema), str(REPO / document)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_schema_rejects_what_the_builder_rejects(
    mini: Path, edit: Callable[[Path, str, str], None]
) -> None:
    sidecar = mini / "source_texts/sample.yml"
    edit(sidecar, "kind: context", "kind: contxt")
    result = subprocess.run(
        [*CHECK, "--schemafile", str(SCHEMAS / "sidecar.schema.json"), str(sidecar)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1, result.stdout


def test_schema_refuses_a_reserved_actor_id(
    mini: Path, edit: Callable[[Path, str, str], None]
) -> None:
    actors = mini / "source_texts/registry/actors.yml"
    edit(actors, "id: ruritania", "id: index")
    result = subprocess.run(
        [*CHECK, "--schemafile", str(SCHEMAS / "actors.schema.json"), str(actors)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1, result.stdout
