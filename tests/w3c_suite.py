"""The W3C Web Annotation test suite's JSON Schema assertions, run with jsonschema.

The suite (tests/w3c_web_annotation/, see its SOURCE.md) is draft-04 schemas, one per
requirement of the model, whose `$ref`s name the files of its `definitions/` folder by
their `id`. A `.test` file lists the assertions that make up one test; each says whether
an annotation must validate against it (`expectedResult: valid`) or must not. `format:
uri` is checked (rfc3986-validator), so a relative IRI fails the IRI assertions.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft4Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

SUITE = Path(__file__).resolve().parent / "w3c_web_annotation"
SAMPLES = SUITE / "tools" / "samples"


@dataclass(frozen=True, kw_only=True)
class Assertion:
    name: str
    must: bool
    expected_valid: bool
    validator: Draft4Validator

    def holds(self, instance: Any) -> bool:
        """True when the instance gives the assertion's expected result."""
        return self.validator.is_valid(instance) == self.expected_valid

    def why(self, instance: Any) -> str:
        errors = [e.message for e in self.validator.iter_errors(instance)][:3]
        return f"{self.name}: expected {'valid' if self.expected_valid else 'invalid'}; {errors}"


@cache
def _registry() -> Registry:
    resources = []
    for path in sorted((SUITE / "definitions").glob("*.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        resources.append((schema["id"], Resource.from_contents(schema, DRAFT4)))
    return Registry().with_resources(resources)


@cache
def assertion(relative: str) -> Assertion:
    schema = json.loads((SUITE / relative).read_text(encoding="utf-8"))
    return Assertion(
        name=relative,
        must=schema.get("assertionType") == "must",
        expected_valid=schema.get("expectedResult", "valid") == "valid",
        validator=Draft4Validator(schema, registry=_registry(), format_checker=FormatChecker()),
    )


def listed_assertions(test_file: str) -> tuple[Assertion, ...]:
    """The assertions a `.test` file lists (paths relative to the suite's top)."""
    listed = json.loads((SUITE / test_file).read_text(encoding="utf-8"))["assertions"]
    return tuple(assertion(relative) for relative in listed)


def folder_assertions(folder: str) -> tuple[Assertion, ...]:
    return tuple(
        assertion(path.relative_to(SUITE).as_posix())
        for path in sorted((SUITE / folder).glob("*.json"))
    )


def failures(assertions: tuple[Assertion, ...], instance: Any) -> list[str]:
    return [a.why(instance) for a in assertions if not a.holds(instance)]
