"""Diagnostic codes: every code the builder can emit has a bad-input case that produces it,
a meaning, and an entry in the guide's list, which is what the generator writes; one code
is one kind of problem."""

from __future__ import annotations

import re
from collections import defaultdict

from tests import regenerate_codes
from tests.bad_input_tables import examples
from tests.code_meanings import MEANINGS, WITHOUT_CASE
from tests.codes_in_builder import scan

# Codes used with more than one message on purpose: one kind of problem, one fix, said of
# different places. Any other code used with two messages fails the test below.
GROUPED = {
    "bad-not-before": "the three ways a range's `not_before` is misused share one hint",
    "control-character": "the same character, in a text or in a YAML value",
    "invisible-character": "the same character, in a text or in a YAML value",
    "export-config": "mkdocs.yml unreadable or not a configuration: the same fix",
    "missing-field": "a required field, found missing by the schema or by the event rules",
    "not-a-folder": "source_texts/ or source_texts/registry/ is a file",
    "not-a-mapping": "a whole file or one entry",
    "too-many-entries": "a list in an entry, or a file's top-level list",
    "outside-utc-calendar": "a clock time, or a part of the day",
    "quote-splits-character": "at the start of the quote, or at its end",
    "unexpected-file": "in source_texts/ or in source_texts/registry/",
    "unexpected-folder": "in source_texts/ or in source_texts/registry/",
    "unreadable-path": "a file or a folder",
    "wrong-extension": "a sidecar or a registry file",
    "yaml-syntax": "syntax errors the builder cannot name more exactly, with or without a place",
}


def test_the_guide_lists_the_codes_as_the_generator_writes_them() -> None:
    guide = regenerate_codes.GUIDE.read_text(encoding="utf-8")
    assert guide == regenerate_codes.rewritten(guide), (
        "docs/diagnostics.md is out of date: run python -m tests.regenerate_codes"
    )


def test_every_code_expression_in_builder_is_understood() -> None:
    _, unknown = scan()
    assert not unknown, f"codes made where tests/codes_in_builder.py cannot see them: {unknown}"


def test_every_code_in_builder_has_a_bad_input_case() -> None:
    used = set(scan()[0])
    tested = {example.code for example in examples()}
    missing = sorted(used - tested - set(WITHOUT_CASE))
    assert not missing, f"add a case producing each of these to a table of tests/: {missing}"
    assert set(WITHOUT_CASE) <= used
    assert not set(WITHOUT_CASE) & tested, "a code with a case needs no excuse"


def test_every_case_names_a_code_the_builder_emits() -> None:
    used = set(scan()[0])
    assert not sorted({e.code for e in examples()} - used)


def test_every_code_has_a_meaning_and_no_meaning_is_stale() -> None:
    used = set(scan()[0])
    assert not sorted(used - set(MEANINGS)), "say what it means in tests/code_meanings.py"
    assert not sorted(set(MEANINGS) - used), "the builder no longer emits these"


def test_codes_are_kebab_case() -> None:
    bad = [code for code in scan()[0] if not re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", code)]
    assert not bad


def test_one_code_is_one_kind_of_problem() -> None:
    uses = scan()[0]
    shared = {code for code, messages in uses.items() if len(messages) > 1}
    unexplained = {code: sorted(uses[code]) for code in shared - set(GROUPED)}
    assert not unexplained, "one code, several messages: give each its own code, or GROUPED"
    assert not sorted(set(GROUPED) - shared), "GROUPED names codes used with one message"


def test_a_code_is_an_error_or_a_warning_never_both() -> None:
    severities: dict[str, set[str]] = defaultdict(set)
    for example in examples():
        severities[example.code].add(example.severity)
    assert not {code: s for code, s in severities.items() if len(s) > 1}


def test_every_listed_example_shows_a_fix() -> None:
    chosen = regenerate_codes.chosen(examples())
    assert not sorted(code for code, example in chosen.items() if not example.hint)
