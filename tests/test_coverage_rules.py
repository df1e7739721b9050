"""The coverage rules (builder/coverage/): where each fires, how a waiver silences it, what
a bad waiver gets. All on tests/fixtures/coverage (our own invented text), copied to tmp_path."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder import cli, pipeline
from builder.core.alternation import alternation
from builder.core.spans import Span
from builder.coverage.heuristics import Attributions, Sentences, date_expressions, fold
from tests.conftest import REPO, copy_fixture

COVERAGE = REPO / "tests" / "fixtures" / "coverage"
TEXT = "source_texts/harbour.txt"
SIDECAR = "source_texts/harbour.yml"
FIXTURE_LINES = len((COVERAGE / SIDECAR).read_text(encoding="utf-8").splitlines())


@pytest.fixture
def coverage(tmp_path: Path) -> Path:
    return copy_fixture(COVERAGE, tmp_path / "coverage")


def add_waivers(project: Path, yaml: str) -> None:
    """Append a `waivers:` list (its entries indented by two spaces) to the sidecar."""
    with (project / SIDECAR).open("a", encoding="utf-8") as sidecar:
        sidecar.write("waivers:\n" + yaml)


def messages(project: Path) -> list[str]:
    diagnostics, _ = pipeline.check(project, coverage=True)
    return [d.format_text() for d in diagnostics]


# --- each rule fires at its place, with its code and a hint ------------------------------------

FIRES = [
    (
        "uncovered-statement",
        f"{TEXT}:3:48: warning[uncovered-statement]: attributed statement not covered by any "
        "claim: “A spokesman for the council declined to comment.”",
        "add a claim whose quote overlaps this sentence",
    ),
    (
        "unlinked-alias",
        f"{TEXT}:3:64: warning[unlinked-alias]: “the council”, a name of actor "
        "'harbour-council', is not linked to its page",
        "add this spelling to the actor's `aliases`",
    ),
    (
        "bare-paragraph",
        f"{TEXT}:5:1: warning[bare-paragraph]: paragraph 3 has no claim, context or text note: "
        "“Boats stayed in the harbour while the tide turned.”",
        "annotate what it asserts",
    ),
    (
        "unplaced-date",
        f"{TEXT}:7:4: warning[unplaced-date]: date or time expression “Sunday” is in no event "
        "passage of this text",
        "quote its sentence in the `passages` of the event it dates",
    ),
]


@pytest.mark.parametrize(("rule", "expected", "hint"), FIRES, ids=[c[0] for c in FIRES])
def test_each_rule_fires_at_its_place(coverage: Path, rule: str, expected: str, hint: str) -> None:
    found = [m for m in messages(coverage) if m.startswith(expected)]
    assert len(found) == 1, messages(coverage)
    hint_line = found[0].splitlines()[1]
    assert hint in hint_line
    assert f"waive it in {SIDECAR} with a reason: waivers: [{{rule: {rule}," in hint_line


def test_the_fixture_has_exactly_one_finding_per_rule(coverage: Path) -> None:
    assert len(messages(coverage)) == len(FIRES)


def test_without_coverage_check_reports_nothing(coverage: Path) -> None:
    diagnostics, project = pipeline.check(coverage)
    assert project is not None and not diagnostics.items, diagnostics.format()


# --- a matching waiver silences it ---------------------------------------------------------------

WAIVES = [
    ("uncovered-statement", "A spokesman for the council declined to comment."),
    ("unlinked-alias", '{exact: the council, prefix: "for "}'),  # the long quote form
    ("bare-paragraph", "the tide turned"),
    ("unplaced-date", "By Sunday"),
]


@pytest.mark.parametrize(("rule", "quote"), WAIVES, ids=[c[0] for c in WAIVES])
def test_a_matching_waiver_silences_its_rule_only(coverage: Path, rule: str, quote: str) -> None:
    add_waivers(coverage, f"  - rule: {rule}\n    quote: {quote}\n    reason: Tested.\n")
    left = messages(coverage)
    assert not any(f"warning[{rule}]:" in m for m in left), left
    assert len(left) == len(FIRES) - 1, left  # the other rules still fire; no unused waiver


# --- a waiver that waives nothing warns; a bad waiver is an error --------------------------------

WAIVER_LINE = FIXTURE_LINES + 2  # after `waivers:`, the entry's first line

BAD_WAIVERS = [
    (
        "waives-nothing",
        "  - rule: unplaced-date\n    quote: the tide turned\n    reason: Nothing there.\n",
        f"{SIDECAR}:{WAIVER_LINE}:5: warning[unused-waiver]: this waiver of unplaced-date "
        "waives nothing: no unplaced-date finding overlaps “the tide turned”",
        "remove the waiver, or quote the passage the finding is in",
    ),
    (
        "covered-statement",
        "  - rule: uncovered-statement\n    quote: the ferries\n    reason: Covered anyway.\n",
        f"{SIDECAR}:{WAIVER_LINE}:5: warning[unused-waiver]: this waiver of uncovered-statement "
        "waives nothing",
        "remove the waiver",
    ),
    (
        "no-reason",
        "  - rule: bare-paragraph\n    quote: the tide turned\n",
        f"{SIDECAR}:{WAIVER_LINE}:5: error[missing-field]: missing required field `reason` in this waiver",
        "why the passage needs no annotation",
    ),
    (
        "blank-reason",
        '  - rule: bare-paragraph\n    quote: the tide turned\n    reason: "  "\n',
        f"{SIDECAR}:{WAIVER_LINE + 2}:13: error[empty-value]: `reason` must not be empty",
        "why the passage needs no annotation",
    ),
    (
        "quote-orphaned",
        "  - rule: bare-paragraph\n    quote: the tide rose\n    reason: No.\n",
        f"{SIDECAR}:{WAIVER_LINE + 1}:12: error[quote-orphaned]: quote not found in the text",
        "and then differs",
    ),
    (
        "quote-ambiguous",
        "  - rule: unlinked-alias\n    quote: Ms. Marlow\n    reason: No.\n",
        f"{SIDECAR}:{WAIVER_LINE + 1}:12: error[quote-ambiguous]: quote found 2 times",
        "prefix",
    ),
    (
        "unknown-rule",
        "  - rule: unplaced-dates\n    quote: Sunday\n    reason: No.\n",
        f"{SIDECAR}:{WAIVER_LINE}:11: error[not-a-choice]: `rule` must be one of: uncovered-statement, "
        "bare-paragraph, unlinked-alias, unplaced-date (got 'unplaced-dates')",
        "did you mean 'unplaced-date'?",
    ),
]


@pytest.mark.parametrize(
    ("case", "yaml", "expected", "hint"), BAD_WAIVERS, ids=[c[0] for c in BAD_WAIVERS]
)
def test_bad_waivers(coverage: Path, case: str, yaml: str, expected: str, hint: str) -> None:
    add_waivers(coverage, yaml)
    found = [m for m in messages(coverage) if m.startswith(expected)]
    assert len(found) == 1, (case, messages(coverage))
    assert hint in found[0].splitlines()[1]


def test_no_coverage_warnings_while_there_are_errors(coverage: Path) -> None:
    add_waivers(coverage, "  - rule: bare-paragraph\n    quote: the tide rose\n    reason: No.\n")
    diagnostics, project = pipeline.check(coverage, coverage=True)
    assert project is None
    assert [d.severity for d in diagnostics.items] == ["error"], diagnostics.format()


# --- check passes, check --strict fails ------------------------------------------------------------


def test_check_passes_and_strict_check_fails_on_an_uncovered_text(
    coverage: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["check", "--root", str(coverage)]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("ok:") and "4 warnings." in err
    assert cli.main(["check", "--strict", "--root", str(coverage)]) == 1
    out, err = capsys.readouterr()
    assert "ok:" not in out and f"{TEXT}:7:4: error[unplaced-date]:" in err


def test_strict_check_passes_once_everything_is_waived(
    coverage: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_waivers(
        coverage,
        "".join(
            f"  - rule: {rule}\n    quote: {quote}\n    reason: Tested.\n" for rule, quote in WAIVES
        ),
    )
    assert cli.main(["check", "--strict", "--root", str(coverage)]) == 0, capsys.readouterr().err


# --- the heuristics ----------------------------------------------------------------------------------

SENTENCES = [
    ("abbreviation", "Mr. Vale left. Gen. Oro stayed.", ["Mr. Vale left.", "Gen. Oro stayed."]),
    ("initial", "J. Oro said so. Then he left!", ["J. Oro said so.", "Then he left!"]),
    ("closing-quote", "“Go,” he said. “Now.” She went.", ["“Go,” he said.", "“Now.”", "She went."]),
    ("no-stop", "a sentence without a stop", ["a sentence without a stop"]),
]


@pytest.mark.parametrize(("case", "text", "expected"), SENTENCES, ids=[c[0] for c in SENTENCES])
def test_sentences(case: str, text: str, expected: list[str]) -> None:
    assert [text[s.start : s.end] for s in Sentences(text).of(Span(0, len(text)))] == expected


DATES = [
    ("month-day", "It fell on December 8, 2024 at dawn.", ["December 8, 2024", "at dawn"]),
    ("day-month", "By 8 Dec. it was over.", ["8 Dec."]),
    ("weekday", "He left on Sunday night.", ["on Sunday night"]),
    ("clock", "At 21:30, or 9:30 p.m., he flew.", ["21:30", "9:30 p.m."]),
    (
        "relative",
        "Earlier this week, and hours before that.",
        ["Earlier this week", "hours before"],
    ),
    ("next-day", "The next day, two days later.", ["The next day", "two days later"]),
    ("january", "On January 3 and in June 2025.", ["January 3", "June 2025"]),
    ("not-across-lines", "It was December\n8 of them.", []),
    ("no-date", "The state of the United States states nothing.", []),
]


@pytest.mark.parametrize(("case", "text", "expected"), DATES, ids=[c[0] for c in DATES])
def test_date_expressions(case: str, text: str, expected: list[str]) -> None:
    assert [text[s.start : s.end] for s in date_expressions(fold(text))] == expected


def test_a_long_text_is_analysed_in_one_pass_per_heuristic(coverage: Path) -> None:
    """Thousands of paragraphs, each with every kind of finding: it completes, and every
    finding is reported once (no timing asserted)."""
    paragraph = "A spokesman for the council declined to comment on Sunday.\n"
    (coverage / TEXT).write_text(paragraph * 3000, encoding="utf-8")
    (coverage / SIDECAR).write_text(
        (COVERAGE / SIDECAR).read_text(encoding="utf-8").split("annotations:")[0],
        encoding="utf-8",
    )
    diagnostics, _ = pipeline.check(coverage, coverage=True)
    # With no annotations left, registry entries go unused too: only the text's rules count.
    rules = [d.code for d in diagnostics.items if not d.code.startswith("unused-")]
    assert {r: rules.count(r) for r in set(rules)} == {
        "uncovered-statement": 3000,
        "bare-paragraph": 3000,
        "unlinked-alias": 3000,
        "unplaced-date": 3000,
    }


def test_alternation_moved_to_core_still_prefers_the_longest_name() -> None:
    import re

    pattern = re.compile(alternation(["Mr. Oro", "Mr.", "Oro"]))
    assert [m.group(0) for m in pattern.finditer("Mr. Oro met Oro")] == ["Mr. Oro", "Oro"]


ATTRIBUTED = [
    ("said", "The port reopened, a clerk said.", True),
    ("according-to", "According to two pilots, the port reopened.", True),
    ("declined", "The council declined to discuss it.", True),
    ("did-not-comment", "The ministry did not comment.", True),
    ("people-familiar", "People familiar with the talks described a deal.", True),
    ("officials", "Officials expect more boats.", True),
    ("sources", "Two sources put the figure at ten.", True),
    ("statement", "In a statement, the council thanked the crews.", True),
    ("plain", "The boats stayed in the harbour.", False),
    ("united-states", "The United States sent a ship.", False),
    ("claims-noun", "The claims of both sides differ.", False),
    ("inside-a-word", "The resaid word is not a verb.", False),
]


@pytest.mark.parametrize(
    ("case", "sentence", "expected"), ATTRIBUTED, ids=[c[0] for c in ATTRIBUTED]
)
def test_attribution_heuristic(case: str, sentence: str, expected: bool) -> None:
    assert Attributions(fold(sentence)).in_(Span(0, len(sentence))) is expected


def test_a_waiver_waives_only_the_findings_its_quote_overlaps(coverage: Path) -> None:
    text = coverage / TEXT
    text.write_text(
        text.read_text(encoding="utf-8") + "\nOn Monday and on Tuesday the ferries ran.\n",
        encoding="utf-8",
    )
    add_waivers(coverage, "  - rule: unplaced-date\n    quote: on Tuesday\n    reason: Tested.\n")
    dates = [m.split(": warning")[0] for m in messages(coverage) if "warning[unplaced-date]" in m]
    assert dates == [f"{TEXT}:7:4", f"{TEXT}:9:1"]  # Sunday and Monday; Tuesday is waived


def test_an_explicit_mention_links_the_words_it_covers(coverage: Path) -> None:
    (coverage / SIDECAR).write_text(
        (coverage / SIDECAR)
        .read_text(encoding="utf-8")
        .replace(
            "events:",
            "  - id: mention-council\n    kind: mention\n    quote: the council\n"
            "    actor: harbour-council\nevents:",
        ),
        encoding="utf-8",
    )
    assert not any("warning[unlinked-alias]" in m for m in messages(coverage))
