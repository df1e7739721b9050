"""`not_before`: an event known only to lie between two days ("between 8 and 13
December") is shown as that range, in words and as an EDTF interval; every misuse is
one located error. Cases on a copy of the mini fixture."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from builder import pipeline

SIDECAR = "source_texts/sample.yml"
Edit = Callable[[Path, str, str], None]
DERIVED = "    derived_from: {event: rivera-leaves, offset: 2 days}\n"

BAD: list[tuple[str, str, str, str, str]] = [
    (
        "without-by",
        DERIVED,
        DERIVED + '    qualifier: before\n    not_before: "2024-12-01"\n',
        f"{SIDECAR}:62:17: error[bad-not-before]: `not_before` needs `qualifier: by` (on or before the date)",
        "qualifier: by, not_before:",
    ),
    (
        "partial-bound",
        DERIVED,
        DERIVED + '    qualifier: by\n    not_before: "2024-12"\n',
        f"{SIDECAR}:62:17: error[bad-not-before]: `not_before` needs a full date (YYYY-MM-DD)",
        '"between A and B" is written',
    ),
    (
        "not-in-calendar",
        DERIVED,
        DERIVED + '    qualifier: by\n    not_before: "2024-02-30"\n',
        f"{SIDECAR}:62:17: error[impossible-date]: '2024-02-30'",
        "YYYY-MM-DD",
    ),
    (
        "with-a-month-date",
        "    qualifier: before\n",
        '    qualifier: by\n    not_before: "2024-11-01"\n',
        f"{SIDECAR}:70:17: error[bad-not-before]: `not_before` goes with a date to the day, without a time",
        "qualifier: by",
    ),
    (
        "with-a-time",
        "    timezone: Asia/Damascus\n",
        '    timezone: Asia/Damascus\n    qualifier: by\n    not_before: "2024-12-01"\n',
        f"{SIDECAR}:55:17: error[bad-not-before]: `not_before` goes with a date to the day, without a time",
        "qualifier: by",
    ),
    (
        "not-earlier",
        DERIVED,
        DERIVED + '    qualifier: by\n    not_before: "2024-12-10"\n',
        f"{SIDECAR}:62:17: error[not-before-not-earlier]: `not_before` (2024-12-10) is not earlier than the date "
        "(10 December 2024)",
        "for a single day, write only the date",
    ),
]


@pytest.mark.parametrize(
    ("old", "new", "expected", "hint"), [c[1:] for c in BAD], ids=[c[0] for c in BAD]
)
def test_a_misused_range_is_one_located_error(
    mini: Path, edit: Edit, old: str, new: str, expected: str, hint: str
) -> None:
    edit(mini / SIDECAR, old, new)
    diagnostics, _ = pipeline.check(mini)
    report = diagnostics.format()
    assert report.splitlines()[0].startswith(expected), report
    assert len(diagnostics.items) == 1, report
    assert hint in report, report


def test_a_range_is_shown_as_a_range_everywhere(mini: Path, edit: Edit) -> None:
    # "Two days later" from 8 December is 10 December; the text allows from the 9th.
    edit(mini / SIDECAR, DERIVED, DERIVED + '    qualifier: by\n    not_before: "2024-12-09"\n')
    result = pipeline.build(mini)
    assert result.ok, result.diagnostics.format()
    chronology = result.pages["chronology.md"]
    assert "## Between 9 and 10 December 2024" in chronology
    assert (
        '<data class="when" value="2024-12-09/2024-12-10">between 9 and 10 Dec, time not given</data>'
    ) in chronology
    assert "**Date in full:** Between 9 and 10 December 2024; worked out" in chronology
    # The date beside the paragraph and the actor page's list say the same.
    assert "</span> 9–10 Dec](../chronology.md#ev-" in result.pages["texts/sample.md"]
    assert "Between 9 and 10 December 2024</data>: [The army takes the capital]" in "".join(
        result.pages.values()
    )


def test_a_range_across_months_and_years_names_both_ends() -> None:
    from dataclasses import replace
    from datetime import date

    from builder.core.dates import When

    day = When.parse("2025-01-02", None, None, "by")
    assert replace(day, not_before=date(2024, 12, 30)).label() == (
        "Between 30 December 2024 and 2 January 2025"
    )
    assert replace(day, not_before=date(2024, 12, 30)).group_label().startswith("Between 30 Dec")
    day = When.parse("2024-12-08", None, None, "by")
    assert replace(day, not_before=date(2024, 11, 28)).label() == (
        "Between 28 November and 8 December 2024"
    )
