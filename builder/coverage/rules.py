"""The coverage rules as warnings: each open finding, and each waiver that waives nothing.

Codes are the rule names (stable; a waiver names them too) and `unused-waiver`: the
diagnostic's code, shown as `warning[uncovered-statement]:`. Findings are located in the text file (`path:line:col`
of the passage) with the passage itself; unused waivers at the waiver in the sidecar.
They are warnings: `check` passes, `check --strict` fails.
"""

from __future__ import annotations

from dataclasses import dataclass

from builder.core.diagnostics import Diagnostics, Location
from builder.core.index import ProjectIndex
from builder.core.model import CoverageRule, Project
from builder.coverage.analysis import Finding, NameFinder, TextCoverage, analyse_text
from builder.coverage.figures import citation_needed_in_registries

UNUSED_WAIVER = "unused-waiver"


@dataclass(frozen=True, kw_only=True)
class SiteCoverage:
    texts: tuple[TextCoverage, ...]
    actors: int  # in the registry
    events: int
    citation_needed_in_registries: int


def analyse(project: Project, index: ProjectIndex | None = None) -> SiteCoverage:
    index = index or ProjectIndex.build(project)
    names = NameFinder((name, a.id) for a in project.actors for name in (a.name, *a.aliases))
    return SiteCoverage(
        texts=tuple(analyse_text(text, index, names) for text in project.texts),
        actors=len(project.actors),
        events=len(project.events),
        citation_needed_in_registries=citation_needed_in_registries(project),
    )


def _waiver_example(rule: CoverageRule, quote: str) -> str:
    shown = quote if len(quote) <= 40 else quote[:40].rsplit(" ", 1)[0]
    return f'waivers: [{{rule: {rule}, quote: "{shown}", reason: ...}}]'


def _message(finding: Finding) -> tuple[str, str]:
    """The message and the first half of the hint of one finding."""
    quoted = f"“{finding.excerpt}”"
    if finding.rule == "uncovered-statement":
        return (
            f"attributed statement not covered by any claim: {quoted}",
            "add a claim whose quote overlaps this sentence",
        )
    if finding.rule == "bare-paragraph":
        return (
            f"paragraph {finding.detail} has no claim, context or text note: {quoted}",
            "annotate what it asserts (a claim, a context note or a text note)",
        )
    if finding.rule == "unlinked-alias":
        return (
            f"{quoted}, a name of actor {finding.detail!r}, is not linked to its page",
            "names are linked only as the registry spells them: add this spelling to the "
            f"actor's `aliases`, or add a `kind: mention` annotation with actor: {finding.detail}",
        )
    return (
        f"date or time expression {quoted} is in no event passage of this text",
        "quote its sentence in the `passages` of the event it dates (an event, or an "
        "`account_of` one)",
    )


def report_findings(site: SiteCoverage, diagnostics: Diagnostics) -> None:
    """Every open finding and every unused waiver, as located warnings."""
    for coverage in site.texts:
        text = coverage.text
        for finding in coverage.open_findings:
            message, fix = _message(finding)
            example = _waiver_example(
                finding.rule, text.text[finding.span.start : finding.span.end]
            )
            diagnostics.warning(
                Location(text.path, finding.line, finding.col),
                message,
                f"{fix}; or waive it in {text.origin.path} with a reason: {example}",
                code=finding.rule,  # the rule's name is its code: waivers name it too
            )
        for use in coverage.waivers:
            if use.waived:
                continue
            waiver = use.waiver
            diagnostics.warning(
                waiver.origin,
                f"this waiver of {waiver.rule} waives nothing: no "
                f"{waiver.rule} finding overlaps “{waiver.anchor.quote}”",
                "remove the waiver, or quote the passage the finding is in "
                "(`python -m builder stats` lists them)",
                code=UNUSED_WAIVER,
            )
