"""The YAML slips contributors make most, each reported in plain words at the place of the
slip, with the line shown and a caret (issue 10's first step). Input and expected message
side by side; the parser's own words may follow in the hint, never alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder import pipeline
from builder.core.diagnostics import Diagnostics
from builder.input.load import parse_yaml

# (case id, YAML, expected "line:col: message" start, expected hint fragment)
CASES = [
    (
        "missing-space-after-colon",
        "title:A report\nlanguage: en\n",
        "1:6: error[yaml-missing-space]: YAML syntax error: missing space after `title:`",
        "write a space after the colon: title: A report",
    ),
    (
        "missing-space-in-a-list-entry",
        "annotations:\n  - id: a\n    kind:claim\n    quote: x\n",
        "3:9: error[yaml-missing-space]: YAML syntax error: missing space after `kind:`",
        "kind: claim",
    ),
    (
        "unquoted-colon-in-value",
        "title: He said: no\nlanguage: en\n",
        "1:8: error[yaml-colon-in-value]: YAML syntax error: the value of `title` contains ': '",
        'title: "He said: no"',
    ),
    (
        "tab-indentation",
        "title: A\n\tlanguage: en\n",
        "2:1: error[yaml-tab-indent]: YAML syntax error: this line is indented with a tab",
        "replace the tab with spaces",
    ),
    (
        "unclosed-double-quote",
        'title: "A report\nlanguage: en\n',
        '1:8: error[yaml-unclosed-quote]: YAML syntax error: a quote " opened here is never closed',
        'end the value with " on the same line',
    ),
    (
        "unclosed-single-quote",
        "title: 'A report\nlanguage: en\n",
        "1:8: error[yaml-unclosed-quote]: YAML syntax error: a quote ' opened here is never closed",
        "",
    ),
    (
        "unclosed-bracket",
        "sources: [a, b\nlanguage: en\n",
        "2:9: error[yaml-unclosed-bracket]: YAML syntax error: a list or mapping opened with [ is not closed with ]",
        "close it with ]",
    ),
    (
        "field-indented-too-little",
        "annotations:\n  - id: a\n    kind: claim\n   quote: x\n",
        "4:4: error[yaml-indentation]: YAML syntax error: this line is indented 3 spaces",
        "fields of one entry line up exactly",
    ),
    (
        "field-indented-too-much",
        "annotations:\n  - id: a\n    kind: claim\n      quote: x\n",
        "4:7: error[yaml-indentation]: YAML syntax error: this line is indented 6 spaces",
        "line up exactly",
    ),
    (
        "list-entry-without-dash",
        "sources:\n  - a\n  b\n",
        "3:3: error[yaml-missing-dash]: YAML syntax error: this line is in the list of line 2 but does not start with '- '",
        "start each list entry with '- '",
    ),
    (
        "mapping-after-list-entries",
        "sources:\n  - a\n  b: c\n",
        "3:3: error[yaml-missing-dash]: YAML syntax error: this line is in the list of line 2 but does not start with '- '",
        "start each list entry with '- '",
    ),
    (
        "hash-in-an-unquoted-value",
        "title: Item #1 of the list\n",
        "1:13: error[yaml-comment-in-value]: the text after ' #' is read as a comment, not as part of the value",
        'put the whole value in double quotes to keep it ("Item #1 of the list")',
    ),
    (
        "value-starting-with-backtick",
        "title: `x`\n",
        "1:8: error[yaml-reserved-character]: YAML syntax error: a value cannot start with '`' unless it is quoted",
        'put the value in double quotes, e.g. "`x`"',
    ),
    (
        "directive-after-content",
        "title: A\n%YAML 1.2\n",
        "3:1: error[yaml-syntax]: YAML syntax error: did not find expected <document start>",
        "check the indentation (spaces only) of this line and the one before",
    ),
]


@pytest.mark.parametrize(
    ("source", "expected", "hint"), [pytest.param(*c[1:], id=c[0]) for c in CASES]
)
def test_a_yaml_slip_is_explained_in_plain_words(source: str, expected: str, hint: str) -> None:
    diagnostics = Diagnostics()
    document = parse_yaml(source, "source_texts/x.yml", diagnostics)
    report = diagnostics.format()
    assert document is None
    assert len(diagnostics.items) == 1, report
    assert report.startswith(f"source_texts/x.yml:{expected}"), report
    assert hint in report
    if "syntax error" not in expected:
        return  # not a syntax error: the message alone
    # The line itself is shown, with a caret under the column named.
    line, col = (int(n) for n in expected.split(":")[:2])
    shown = source.split("\n")[line - 1].replace("\t", "→")  # a tab shown as an arrow
    excerpt = report.splitlines()[-2:]
    assert excerpt[0].endswith(f"| {shown}"), report
    assert excerpt[1].index("^") - excerpt[1].index("|") - 2 == col - 1, report
    # Jargon appears only after the plain words, in brackets.
    assert "expected <block end>" not in report.splitlines()[0]


# --- a sidecar that cannot be read causes no follow-on errors elsewhere --------------------

UNREADABLE = [
    ("syntax-error", "kind: news_report\n", "kind: news_report\n  bad: [unclosed\n"),
    ("not-a-mapping", None, "- a list\n- not a sidecar\n"),
]


@pytest.mark.parametrize(
    ("old", "new"), [c[1:] for c in UNREADABLE], ids=[c[0] for c in UNREADABLE]
)
def test_an_unreadable_sidecar_is_the_only_error(pair: Path, old: str | None, new: str) -> None:
    """The other text links to this one's claims and tells its events: while this sidecar
    cannot be read, those references are not reported as unknown ids (with a wrong
    did-you-mean) before the real cause."""
    sidecar = pair / "source_texts" / "wire-report.yml"
    text = sidecar.read_text(encoding="utf-8")
    sidecar.write_text(text.replace(old, new, 1) if old else new, encoding="utf-8")
    diagnostics, _ = pipeline.check(pair)
    errors = [d.format_text().splitlines()[0] for d in diagnostics.errors]
    assert len(errors) == 1, errors
    assert errors[0].startswith("source_texts/wire-report.yml:"), errors
    assert "unknown" not in diagnostics.format()
