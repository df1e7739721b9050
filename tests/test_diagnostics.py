"""Messages quote contributor strings; no string can fake a line, recolour a terminal or
hide text in any output format (defect 13 of the hostile-input review)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from builder.core.diagnostics import Diagnostics, Location, one_line, printable

HOSTILE = "x\n\x1b[32mok: 1 text(s)\x1b[0m\r\u202eevil\u200b"


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("plain words", "plain words"),
        ("a\x1b[2Jb", "a\\x1b[2Jb"),
        ("a\x00b\x7fc\x9bd", "a\\x00b\\x7fc\\x9bd"),
        ("a\rb", "a\\x0db"),
        ("bidi \u202e and \u2066", "bidi \\u202e and \\u2066"),
        ("zero\u200bwidth\ufeff", "zero\\u200bwidth\\ufeff"),
        ("line\u2028separator", "line\\u2028separator"),
        ("ZWNJ\u200c and ZWJ\u200d stay", "ZWNJ\\u200c and ZWJ\\u200d stay"),
        ("Türkiye, Дамаск, دمشق", "Türkiye, Дамаск, دمشق"),
    ],
)
def test_printable_escapes_controls_and_invisible_characters(raw: str, shown: str) -> None:
    assert printable(raw) == shown


def test_one_line_escapes_newlines_too() -> None:
    assert one_line("a\nb") == "a\\nb"
    assert printable("a\nb") == "a\nb"


def _hostile() -> Diagnostics:
    diagnostics = Diagnostics()
    diagnostics.error(
        Location(f"source_texts/{HOSTILE}.yml", 3, 4),
        f"unknown field {HOSTILE!s}",
        HOSTILE,
        code="unknown-field",
    )
    return diagnostics


@pytest.mark.parametrize("style", ["text", "github", "json"])
def test_no_output_format_lets_a_contributor_string_through(style: str) -> None:
    out = _hostile().format(style)  # type: ignore[arg-type]
    for char in ("\x1b", "\r", "\u202e", "\u200b"):
        assert char not in out, (style, out)
    if style == "text":
        # Two lines: the error and its hint, never a line of the contributor's making.
        assert len(out.splitlines()) == 2
        assert not any(line.startswith("ok:") for line in out.splitlines())
    elif style == "github":
        assert len(out.splitlines()) == 1 and out.startswith("::error ")
    else:
        (entry,) = json.loads(out)
        assert "\n" not in entry["message"] and "\x1b" not in entry["hint"]


def test_a_yaml_key_with_a_newline_and_escapes_cannot_fake_ok(mini: Path) -> None:
    sidecar = mini / "source_texts" / "sample.yml"
    text = sidecar.read_text(encoding="utf-8")
    key = '"x\\n\\e[32mok: 1 text(s)\\e[0m"'  # YAML escapes: a newline and ESC
    sidecar.write_text(text.replace("title_note:", f"{key}: 1\ntitle_note:", 1), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "builder", "check"],
        cwd=mini,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert "\x1b" not in result.stderr + result.stdout
    assert not any(line.startswith("ok:") for line in (result.stdout + result.stderr).splitlines())
    assert "source_texts/sample.yml:3:1: error[unknown-field]: unknown field" in result.stderr, (
        result.stderr
    )
