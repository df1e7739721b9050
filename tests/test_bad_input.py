"""Table-driven bad input: each mistake a contributor can make, and the exact
location, message and hint they get. The case ids read as a checklist."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from builder import pipeline

SIDECAR = "source_texts/sample.yml"
ACTORS = "source_texts/registry/actors.yml"
SOURCES = "source_texts/registry/sources.yml"

# (case id, file, old text, new text, expected location+message, expected hint fragment)
CASES: list[tuple[str, str, str, str, str, str]] = [
    (
        "quote-not-in-text",
        SIDECAR,
        "quote: The Minister denied it.",
        "quote: The Minister denied everything.",
        f"{SIDECAR}:26:12: error[quote-orphaned]: quote not found in the text",
        "the text matches up to 'The Minister denied ' and then differs",
    ),
    (
        "quote-straight-apostrophe-for-curly",
        "source_texts/sample.txt",
        "The Minister denied it.",
        "The Minister’s aide denied it.",
        f"{SIDECAR}:26:12: error[quote-orphaned]: quote not found in the text",
        "",
    ),
    (
        "quote-ambiguous",
        SIDECAR,
        'quote: {exact: the capital, prefix: "took "}',
        "quote: the capital",
        f"{SIDECAR}:46:12: error: quote found 2 times in the text (line 3:17, line 4:44)",
        "use the long form with prefix: or suffix:",
    ),
    (
        "prefix-does-not-match",
        SIDECAR,
        'prefix: "took "',
        'prefix: "seized "',
        f"{SIDECAR}:46:12: error[quote-orphaned]: quote found 2 time(s), but never with this prefix",
        "the characters right before the quote",
    ),
    (
        "quote-spans-paragraphs",
        SIDECAR,
        "quote: The Minister denied it.",
        'quote: "The Minister denied it.\\nTwo days later"',
        f"{SIDECAR}:26:12: error: quote spans more than one paragraph",
        "annotate each paragraph separately",
    ),
    (
        "missing-attribution",
        SIDECAR,
        "    attribution:\n      by: The Minister\n      actor: the-minister\n      named: true\n"
        "      # no count: a named person speaking for themself is one named source\n",
        "",
        f"{SIDECAR}:24:5: error: missing required field `attribution` in this claim",
        "attribution: {by: ..., named: false}",
    ),
    (
        "missing-named",
        SIDECAR,
        "      named: false\n",
        "",
        f"{SIDECAR}:16:7: error: missing required field `named`",
        "named: true when the text names the source",
    ),
    (
        "named-not-boolean",
        SIDECAR,
        "named: false",
        "named: perhaps",
        f"{SIDECAR}:17:14: error: `named` must be true or false (got 'perhaps')",
        "named: false when it is anonymous",
    ),
    (
        "misspelled-field",
        SIDECAR,
        "    summary: Talks failed.",
        "    sumary: Talks failed.",
        f"{SIDECAR}:14:5: error: unknown field `sumary`",
        "did you mean 'summary'?",
    ),
    (
        "unknown-kind",
        SIDECAR,
        "kind: context",
        "kind: contxt",
        f"{SIDECAR}:35:11: error: unknown kind 'contxt'",
        "did you mean 'context'?",
    ),
    (
        "missing-kind",
        SIDECAR,
        "    kind: context\n",
        "",
        f"{SIDECAR}:34:5: error: this entry has no `kind`",
        "add kind: claim, context, text_note or mention",
    ),
    (
        "bad-status",
        SIDECAR,
        "status: disputed",
        "status: confirmed",
        f"{SIDECAR}:32:13: error: `status` must be one of: reported, corroborated, disputed, denied (got 'confirmed')",
        "",
    ),
    (
        "status-not-what-the-links-decide",
        SIDECAR,
        "status: denied",
        "status: corroborated",
        f"{SIDECAR}:20:13: error: status corroborated is not supported: 'minister-denied' is "
        "a denial by a party the claim is about, so it is denied",
        "remove `status:`",
    ),
    (
        "unknown-actor",
        SIDECAR,
        "relayed_by: example-wire",
        "relayed_by: example-wires",
        f"{SIDECAR}:19:19: error: unknown actor id 'example-wires'",
        "did you mean 'example-wire'?",
    ),
    (
        "unknown-source",
        SIDECAR,
        "sources: [sample-report, minister-statement]",
        "sources: [sample-report, ministers-statement]",
        f"{SIDECAR}:33:30: error: unknown source id 'ministers-statement'",
        "did you mean 'minister-statement'?",
    ),
    (
        "claim-without-sources",
        SIDECAR,
        "    sources: [sample-report, minister-statement]\n",
        "    sources: []\n",
        f"{SIDECAR}:33:14: error: `sources` needs at least one entry",
        "sources: [reuters-2024-12-13]",
    ),
    (
        "unknown-claim-link",
        SIDECAR,
        "contradicted_by: [minister-denied]",
        "contradicted_by: [minister-denies]",
        f"{SIDECAR}:21:23: error: unknown claim id 'minister-denies'",
        "did you mean 'minister-denied'?",
    ),
    (
        "bad-id",
        SIDECAR,
        "id: talks-failed",
        "id: Talks_Failed",
        f"{SIDECAR}:11:9: error: `id`: 'Talks_Failed' is not a valid id",
        "lowercase letters, digits and hyphens",
    ),
    (
        "duplicate-id",
        SIDECAR,
        "id: transponder",
        "id: talks-failed",
        f"{SIDECAR}:34:9: error: duplicate annotation or event id 'talks-failed' (first defined at {SIDECAR}:11:9)",
        "rename one of them",
    ),
    (
        "time-without-timezone",
        SIDECAR,
        "    timezone: Asia/Damascus\n",
        "",
        f"{SIDECAR}:52:5: error: `time` is given without `timezone`",
        "timezone: Asia/Damascus",
    ),
    (
        "fixed-offset-timezone",
        SIDECAR,
        "timezone: Asia/Damascus",
        "timezone: UTC+3",
        f"{SIDECAR}:53:15: error: timezone 'UTC+3': a fixed UTC offset is not a time zone",
        "use an IANA name such as Asia/Damascus",
    ),
    (
        "unknown-timezone",
        SIDECAR,
        "timezone: Asia/Damascus",
        "timezone: Asia/Damascos",
        f"{SIDECAR}:53:15: error: timezone 'Asia/Damascos': not a time zone in the IANA tz database",
        "",
    ),
    (
        "bad-time",
        SIDECAR,
        'time: "20:00"',
        'time: "8 p.m."',
        f"{SIDECAR}:52:11: error: `time`: '8 p.m.' is not a clock time",
        'write local clock time as "HH:MM"',
    ),
    (
        "impossible-date",
        SIDECAR,
        'date: "2024-12-08"',
        'date: "2024-02-30"',
        f"{SIDECAR}:51:11: error: '2024-02-30' is not a day of the calendar",
        "",
    ),
    (
        "unquoted-day-first-date",
        SIDECAR,
        'date: "2024-12-08"',
        "date: 08/12/2024",
        f"{SIDECAR}:51:11: error: `date`: '08/12/2024' is not a date",
        'write "YYYY", "YYYY-MM" or "YYYY-MM-DD"',
    ),
    (
        "event-without-date",
        SIDECAR,
        '    date: "2024-12"\n    qualifier: before\n',
        "",
        f"{SIDECAR}:66:5: error: event 'minister-briefing' has neither `date` nor `derived_from`",
        "derived_from:",
    ),
    (
        "derived-from-unknown-event",
        SIDECAR,
        "event: rivera-leaves,",
        "event: rivera-leave,",
        f"{SIDECAR}:60:27: error: unknown event id 'rivera-leave'",
        "did you mean 'rivera-leaves'?",
    ),
    (
        "derived-days-from-a-month",
        SIDECAR,
        "event: rivera-leaves,",
        "event: minister-briefing,",
        f"{SIDECAR}:60:54: error: cannot count days from 'minister-briefing': its date has no day",
        "",
    ),
    (
        "bad-offset",
        SIDECAR,
        "offset: 2 days",
        "offset: two days",
        f"{SIDECAR}:60:50: error: `offset`: 'two days' is not an offset",
        'offset: "4 days"',
    ),
    (
        "yaml-syntax-error",
        SIDECAR,
        "note: Aircraft transponders broadcast identity and position.",
        "note: Aircraft: transponders: broadcast",
        f"{SIDECAR}:37:11: error: YAML syntax error: the value of `note` contains ': '",
        'put the whole value in double quotes: note: "Aircraft: transponders: broadcast"',
    ),
    (
        "duplicate-key",
        SIDECAR,
        "    summary: Talks failed.\n",
        "    summary: Talks failed.\n    summary: Talks collapsed.\n",
        f"{SIDECAR}:15:5: error: duplicate key",
        "each key may appear only once",
    ),
    (
        "tab-indentation",
        SIDECAR,
        "    status: disputed\n",
        "\tstatus: disputed\n",
        f"{SIDECAR}:32:1: error: YAML syntax error",
        "",
    ),
    (
        "yaml-alias",
        SIDECAR,
        "    about: [ruritania]\n",
        "    about: &who [ruritania]\n    note_about: *who\n",
        f"{SIDECAR}:23:17: error: YAML aliases (*name) are not allowed",
        "write the value out in full",
    ),
    (
        "http-url",
        SOURCES,
        "url: https://example.org/statement?id=1&lang=en",
        "url: javascript:alert(1)",
        f"{SOURCES}:11:10: error: `url`: 'javascript:alert(1)' is not an https URL",
        "full https:// address",
    ),
    (
        "profile-without-sources",
        ACTORS,
        "    sources: [sample-report]\n",
        "",
        f"{ACTORS}:9:5: error: the profile of 'mr-rivera' cites no source",
        "add sources:",
    ),
    (
        "relation-to-unknown-actor",
        ACTORS,
        "{type: leader_of, actor: ruritania}",
        "{type: leader_of, actor: ruritanya}",
        f"{ACTORS}:8:34: error: unknown actor id 'ruritanya'",
        "did you mean 'ruritania'?",
    ),
    (
        "unknown-relation-type",
        ACTORS,
        "{type: leader_of, actor: ruritania}",
        "{type: boss_of, actor: ruritania}",
        f"{ACTORS}:8:16: error: `type` must be one of: sibling_of, spouse_of",
        "",
    ),
    (
        "alias-shared-by-two-actors",
        ACTORS,
        "    name: The Minister\n",
        "    name: The Minister\n    aliases: [Mr. Rivera]\n",
        f"{ACTORS}:13:15: error: alias 'Mr. Rivera' is already used by actor 'mr-rivera' (at {ACTORS}:6:15)",
        "an alias must point to one actor",
    ),
    (
        "bad-actor-kind",
        ACTORS,
        "kind: state",
        "kind: country",
        f"{ACTORS}:19:11: error: `kind` must be one of: person, organisation, state",
        "",
    ),
]


@pytest.mark.parametrize(
    ("file", "old", "new", "expected", "hint"),
    [pytest.param(*case[1:], id=case[0]) for case in CASES],
)
def test_bad_input_is_reported_with_location_and_hint(
    mini: Path,
    edit: Callable[[Path, str, str], None],
    file: str,
    old: str,
    new: str,
    expected: str,
    hint: str,
) -> None:
    edit(mini / file, old, new)
    diagnostics, project = pipeline.check(mini)
    report = diagnostics.format()
    assert project is None, "bad input must not produce a project"
    assert expected in report, f"expected {expected!r} in:\n{report}"
    # One mistake, one message: no cascade of follow-on errors.
    assert len(diagnostics.items) == 1, report
    if hint:
        assert hint in report, f"expected hint {hint!r} in:\n{report}"


def test_every_error_of_a_run_is_reported_at_once(
    mini: Path, edit: Callable[[Path, str, str], None]
) -> None:
    edit(mini / SIDECAR, "kind: context", "kind: contxt")
    edit(mini / SIDECAR, "status: disputed", "status: confirmed")
    edit(mini / SOURCES, "kind: news_report", "kind: newspaper")
    diagnostics, _ = pipeline.check(mini)
    messages = [d.format_text() for d in diagnostics]
    assert len(messages) == 3, messages


def test_the_fixture_itself_is_clean(mini: Path) -> None:
    diagnostics, project = pipeline.check(mini)
    assert project is not None, diagnostics.format()
    assert not diagnostics.items


def test_a_malformed_entry_does_not_hide_errors_in_the_others(
    mini: Path, edit: Callable[[Path, str, str], None]
) -> None:
    edit(mini / SIDECAR, "kind: context", "kind: contxt")  # this entry is dropped...
    edit(mini / SIDECAR, "quote: The Minister denied it.", "quote: The Minister denied everything.")
    edit(mini / ACTORS, "kind: state", "kind: country")  # ...and so is this actor,
    diagnostics, _ = pipeline.check(mini)
    report = diagnostics.format()
    assert f"{SIDECAR}:35:11: error: unknown kind 'contxt'" in report
    assert (
        f"{SIDECAR}:26:12: error[quote-orphaned]: quote not found in the text" in report
    )  # still anchored
    assert f"{ACTORS}:19:11: error: `kind` must be one of" in report
    # ...whose id is still known: references to it are not reported again.
    assert "unknown actor id 'ruritania'" not in report
    assert len(diagnostics.items) == 3, report


def test_an_alias_bomb_is_refused_without_expanding_it(mini: Path) -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for n in range(1, 10):
        prev, name = chr(96 + n), chr(97 + n)
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    (mini / SIDECAR).write_text("\n".join(lines) + "\n", encoding="utf-8")
    diagnostics, project = pipeline.check(mini)  # 9**10 strings if it were expanded
    assert project is None
    assert "YAML aliases (*name) are not allowed" in diagnostics.format()
