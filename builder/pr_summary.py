"""`python -m builder summary`: a pull request's result, in Markdown, for reviewers.

The check workflow appends it to the job's step summary (`$GITHUB_STEP_SUMMARY`): whether
the explainer passes `check --strict`, its errors and warnings, and the coverage figures
of `stats` (builder/coverage/). Contributor words in diagnostics (quotes, ids, excerpts)
are shown only inside a fenced code block whose fence is longer than any run of
backticks in them, so nothing a sidecar says can become a link, an image or markup in
the summary.
"""

from __future__ import annotations

from pathlib import Path

from builder import pipeline
from builder.core.diagnostics import Diagnostics
from builder.coverage.report import as_json
from builder.coverage.rules import analyse

MAX_SHOWN = 100  # diagnostics listed; the count says how many more there are


def summary(root: Path) -> str:
    """The Markdown summary of `check --strict` and `stats` for the project at `root`."""
    diagnostics, project = pipeline.check(root, coverage=True)
    strict = diagnostics.strict()
    lines = [_headline(strict, diagnostics), ""]
    lines += _diagnostics_block(diagnostics)
    if project is not None and not diagnostics.has_errors:
        lines += _coverage_table(as_json(analyse(project)))
    lines += _drift_lines(diagnostics)
    return "\n".join(lines)


def _drift_lines(diagnostics: Diagnostics) -> list[str]:
    """How many quotes drifted (a change to the text moved them: `reanchor` fixes them)
    and how many are orphaned (no passage close enough: a person must decide)."""
    drifted = sum(d.code == "quote-drifted" for d in diagnostics)
    orphaned = sum(d.code == "quote-orphaned" for d in diagnostics)
    return [
        f"Re-anchoring: {drifted} drifted annotation{'s' * (drifted != 1)} "
        "(run `python -m builder reanchor` and review the diff), "
        f"{orphaned} orphaned annotation{'s' * (orphaned != 1)} (no passage close enough: "
        "fix the quote by hand).",
        "",
    ]


def _headline(strict: Diagnostics, diagnostics: Diagnostics) -> str:
    errors, warnings = len(diagnostics.errors), len(diagnostics.warnings)
    counts = f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
    if not strict.has_errors:
        return f"## Explainer check: passes ({counts})"
    return f"## Explainer check: fails `check --strict` ({counts})"


def _diagnostics_block(diagnostics: Diagnostics) -> list[str]:
    if not len(diagnostics):
        return []
    shown = [d.format_text() for d in diagnostics][:MAX_SHOWN]
    text = "\n".join(shown)
    fence = "`" * max(3, _longest_backtick_run(text) + 1)
    lines = [fence + "text", text, fence, ""]
    if len(diagnostics) > MAX_SHOWN:
        lines += [f"… and {len(diagnostics) - MAX_SHOWN} more: run `make check`.", ""]
    return lines


def _longest_backtick_run(text: str) -> int:
    longest = run = 0
    for char in text:
        run = run + 1 if char == "`" else 0
        longest = max(longest, run)
    return longest


def _coverage_table(data: dict[str, object]) -> list[str]:
    site = data["site"]
    assert isinstance(site, dict)

    def pair(group: str, done: str, total: str) -> str:
        figures = site[group]
        waived = figures.get("waived", 0)
        return f"{figures[done]} of {figures[total]}" + (f", {waived} waived" if waived else "")

    claims = site["claims"]
    statuses = ", ".join(f"{k} {v}" for k, v in claims["by_status"].items())
    rows = [
        ("Paragraphs annotated", pair("paragraphs", "annotated", "total")),
        ("Attributed statements covered by claims", pair("statements", "covered", "found")),
        ("Name occurrences linked", pair("aliases", "linked", "occurrences")),
        ("Dates placed in the chronology", pair("dates", "placed", "found")),
        ("Claims", f"{claims['total']} ({statuses})"),
        ("Resting only on anonymous sources", str(claims["anonymous_only"])),
        ("With no source given in the text", str(claims["unattributed"])),
        ("`[citation needed]` flags", str(site["citation_needed"])),
    ]
    return [
        "### Coverage (`python -m builder stats`)",
        "",
        "| | |",
        "|---|---|",
        *(f"| {name} | {value} |" for name, value in rows),
        "",
    ]
