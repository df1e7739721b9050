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
        f"{SIDECAR}:26:12: error[quote-not-found]: quote not found in the text",
        "the text matches up to 'The Minister denied ' and then differs",
    ),
    (
        "quote-straight-apostrophe-for-curly",
        "source_texts/sample.txt",
        "The Minister denied it.",
        "The Minister’s aide denied it.",
        f"{SIDECAR}:26:12: error[quote-not-found]: quote not found in the text",
        "",
    ),
    (
        "quote-ambiguous",
        SIDECAR,
        'quote: {exact: the capital, prefix: "took "}',
        "quote: the capital",
        f"{SIDECAR}:46:12: error[quote-ambiguous]: quote found 2 times in the text (line 3:17, line 4:44)",
        "use the long form with prefix: or suffix:",
    ),
    (
        "prefix-does-not-match",
        SIDECAR,
        'prefix: "took "',
        'prefix: "seized "',
        f"{SIDECAR}:46:12: error[quote-context-mismatch]: quote found 2 time(s), but never with this prefix",
        "the characters right before the quote",
    ),
    (
        "quote-wrong-case",
        SIDECAR,
        "quote: with his transponder turned off",
        "quote: With his transponder turned off",
        f"{SIDECAR}:36:12: error[quote-not-found]: quote not found in the text",
        "capital letters differ: the text has 'with his transponder turned off'",
    ),
    (
        "quote-spans-paragraphs",
        SIDECAR,
        "quote: The Minister denied it.",
        'quote: "The Minister denied it.\\nTwo days later"',
        f"{SIDECAR}:26:12: error[quote-spans-paragraphs]: quote spans more than one paragraph",
        "annotate each paragraph separately",
    ),
    (
        "missing-attribution",
        SIDECAR,
        "    attribution:\n      by: The Minister\n      actor: the-minister\n      named: true\n"
        "      # no count: a named person speaking for themself is one named source\n",
        "",
        f"{SIDECAR}:24:5: error[missing-field]: missing required field `attribution` in this claim",
        "attribution: {by: ..., named: false}",
    ),
    (
        "missing-named",
        SIDECAR,
        "      named: false\n",
        "",
        f"{SIDECAR}:16:7: error[missing-field]: missing required field `named`",
        "named: true when the text names the source",
    ),
    (
        "named-not-boolean",
        SIDECAR,
        "named: false",
        "named: perhaps",
        f"{SIDECAR}:17:14: error[not-boolean]: `named` must be true or false (got 'perhaps')",
        "named: false when it is anonymous",
    ),
    (
        "misspelled-field",
        SIDECAR,
        "    summary: Talks failed.",
        "    sumary: Talks failed.",
        f"{SIDECAR}:14:5: error[unknown-field]: unknown field `sumary`",
        "did you mean 'summary'?",
    ),
    (
        "unknown-kind",
        SIDECAR,
        "kind: context",
        "kind: contxt",
        f"{SIDECAR}:35:11: error[unknown-kind]: unknown kind 'contxt'",
        "did you mean 'context'?",
    ),
    (
        "missing-kind",
        SIDECAR,
        "    kind: context\n",
        "",
        f"{SIDECAR}:34:5: error[missing-kind]: this entry has no `kind`",
        "add kind: claim, context, text_note or mention",
    ),
    (
        "bad-status",
        SIDECAR,
        "status: disputed",
        "status: confirmed",
        f"{SIDECAR}:32:13: error[not-a-choice]: `status` must be one of: reported, corroborated, disputed, denied (got 'confirmed')",
        "",
    ),
    (
        "status-not-what-the-links-decide",
        SIDECAR,
        "status: denied",
        "status: corroborated",
        f"{SIDECAR}:20:13: error[status-not-supported]: status corroborated is not supported: 'minister-denied' is "
        "a denial by a party the claim is about, so it is denied",
        "remove `status:`",
    ),
    (
        "unknown-actor",
        SIDECAR,
        "relayed_by: example-wire",
        "relayed_by: example-wires",
        f"{SIDECAR}:19:19: error[unknown-actor]: unknown actor id 'example-wires'",
        "did you mean 'example-wire'?",
    ),
    (
        "unknown-source",
        SIDECAR,
        "sources: [sample-report, minister-statement]",
        "sources: [sample-report, ministers-statement]",
        f"{SIDECAR}:33:30: error[unknown-source]: unknown source id 'ministers-statement'",
        "did you mean 'minister-statement'?",
    ),
    (
        "claim-without-sources",
        SIDECAR,
        "    sources: [sample-report, minister-statement]\n",
        "    sources: []\n",
        f"{SIDECAR}:33:14: error[empty-list]: `sources` needs at least one entry",
        "sources: [reuters-2024-12-13]",
    ),
    (
        "unknown-claim-link",
        SIDECAR,
        "contradicted_by: [minister-denied]",
        "contradicted_by: [minister-denies]",
        f"{SIDECAR}:21:23: error[unknown-claim]: unknown claim id 'minister-denies'",
        "did you mean 'minister-denied'?",
    ),
    (
        "bad-id",
        SIDECAR,
        "id: talks-failed",
        "id: Talks_Failed",
        f"{SIDECAR}:11:9: error[bad-id]: `id`: 'Talks_Failed' is not a valid id",
        "lowercase letters, digits and hyphens",
    ),
    (
        "duplicate-id",
        SIDECAR,
        "id: transponder",
        "id: talks-failed",
        f"{SIDECAR}:34:9: error[duplicate-id]: duplicate annotation or event id 'talks-failed' (first defined at {SIDECAR}:11:9)",
        "rename one of them",
    ),
    (
        "time-without-timezone",
        SIDECAR,
        "    timezone: Asia/Damascus\n",
        "",
        f"{SIDECAR}:52:5: error[time-without-timezone]: `time` is given without `timezone`",
        "timezone: Asia/Damascus",
    ),
    (
        "fixed-offset-timezone",
        SIDECAR,
        "timezone: Asia/Damascus",
        "timezone: UTC+3",
        f"{SIDECAR}:53:15: error[fixed-offset-timezone]: timezone 'UTC+3': a fixed UTC offset is not a time zone",
        "use an IANA name such as Asia/Damascus",
    ),
    (
        "unknown-timezone",
        SIDECAR,
        "timezone: Asia/Damascus",
        "timezone: Asia/Damascos",
        f"{SIDECAR}:53:15: error[unknown-timezone]: timezone 'Asia/Damascos': not a time zone in the IANA tz database",
        "",
    ),
    (
        "bad-time",
        SIDECAR,
        'time: "20:00"',
        'time: "8 p.m."',
        f"{SIDECAR}:52:11: error[bad-time]: `time`: '8 p.m.' is not a clock time",
        'write local clock time as "HH:MM"',
    ),
    (
        "impossible-date",
        SIDECAR,
        'date: "2024-12-08"',
        'date: "2024-02-30"',
        f"{SIDECAR}:51:11: error[impossible-date]: '2024-02-30' is not a day of the calendar",
        "",
    ),
    (
        "unquoted-day-first-date",
        SIDECAR,
        'date: "2024-12-08"',
        "date: 08/12/2024",
        f"{SIDECAR}:51:11: error[bad-date]: `date`: '08/12/2024' is not a date",
        'write "YYYY", "YYYY-MM" or "YYYY-MM-DD"',
    ),
    (
        "event-without-date",
        SIDECAR,
        '    date: "2024-12"\n    qualifier: before\n',
        "",
        f"{SIDECAR}:66:5: error[event-without-date]: event 'minister-briefing' has neither `date` nor `derived_from`",
        "derived_from:",
    ),
    (
        "derived-from-unknown-event",
        SIDECAR,
        "event: rivera-leaves,",
        "event: rivera-leave,",
        f"{SIDECAR}:60:27: error[unknown-event]: unknown event id 'rivera-leave'",
        "did you mean 'rivera-leaves'?",
    ),
    (
        "derived-days-from-a-month",
        SIDECAR,
        "event: rivera-leaves,",
        "event: minister-briefing,",
        f"{SIDECAR}:60:54: error[offset-days-without-day]: cannot count days from 'minister-briefing': its date has no day",
        "give the base event a full date",
    ),
    (
        "bad-offset",
        SIDECAR,
        "offset: 2 days",
        "offset: two days",
        f"{SIDECAR}:60:50: error[bad-offset]: `offset`: 'two days' is not an offset",
        'offset: "4 days"',
    ),
    (
        "yaml-syntax-error",
        SIDECAR,
        "note: Aircraft transponders broadcast identity and position.",
        "note: Aircraft: transponders: broadcast",
        f"{SIDECAR}:37:11: error[yaml-colon-in-value]: YAML syntax error: the value of `note` contains ': '",
        'put the whole value in double quotes: note: "Aircraft: transponders: broadcast"',
    ),
    (
        "duplicate-key",
        SIDECAR,
        "    summary: Talks failed.\n",
        "    summary: Talks failed.\n    summary: Talks collapsed.\n",
        f"{SIDECAR}:15:5: error[yaml-duplicate-key]: duplicate key",
        "each key may appear only once",
    ),
    (
        "tab-indentation",
        SIDECAR,
        "    status: disputed\n",
        "\tstatus: disputed\n",
        f"{SIDECAR}:32:1: error[yaml-reserved-character]: YAML syntax error",
        "",
    ),
    (
        "yaml-alias",
        SIDECAR,
        "    about: [ruritania]\n",
        "    about: &who [ruritania]\n    note_about: *who\n",
        f"{SIDECAR}:23:17: error[yaml-alias]: YAML aliases (*name) are not allowed",
        "write the value out in full",
    ),
    (
        "http-url",
        SOURCES,
        "url: https://example.org/statement?id=1&lang=en",
        "url: javascript:alert(1)",
        f"{SOURCES}:11:10: error[not-https]: `url`: 'javascript:alert(1)' is not an https URL",
        "full https:// address",
    ),
    (
        "profile-without-sources",
        ACTORS,
        "    sources: [sample-report]\n",
        "",
        f"{ACTORS}:9:5: error[profile-without-sources]: the profile of 'mr-rivera' cites no source",
        "add sources:",
    ),
    (
        "relation-to-unknown-actor",
        ACTORS,
        "{type: leader_of, actor: ruritania}",
        "{type: leader_of, actor: ruritanya}",
        f"{ACTORS}:8:34: error[unknown-actor]: unknown actor id 'ruritanya'",
        "did you mean 'ruritania'?",
    ),
    (
        "unknown-relation-type",
        ACTORS,
        "{type: leader_of, actor: ruritania}",
        "{type: boss_of, actor: ruritania}",
        f"{ACTORS}:8:16: error[not-a-choice]: `type` must be one of: sibling_of, spouse_of",
        "",
    ),
    (
        # Not 'did you mean part_of?' (a loose match, and wrong): the relation for a chair.
        "relation-type-for-a-chair",
        ACTORS,
        "{type: leader_of, actor: ruritania}",
        "{type: chair_of, actor: ruritania}",
        f"{ACTORS}:8:16: error[not-a-choice]: `type` must be one of: sibling_of, spouse_of",
        "a person who heads, chairs or leads a body is leader_of it",
    ),
    (
        "alias-shared-by-two-actors",
        ACTORS,
        "    name: The Minister\n",
        "    name: The Minister\n    aliases: [Mr. Rivera]\n",
        f"{ACTORS}:13:15: error[alias-shared]: alias 'Mr. Rivera' is already used by actor 'mr-rivera' (at {ACTORS}:6:15)",
        "an alias must point to one actor",
    ),
    (
        "bad-actor-kind",
        ACTORS,
        "kind: state",
        "kind: country",
        f"{ACTORS}:19:11: error[not-a-choice]: `kind` must be one of: person, organisation, state",
        "",
    ),
    (
        "order-not-a-number",
        SIDECAR,
        "language: en",
        "language: en\norder: first",
        f"{SIDECAR}:8:8: error[bad-value]: `order`: Input should be a valid integer",
        "a whole number, e.g. order: 2",
    ),
    (
        "about-not-a-list",
        SIDECAR,
        "about: [ruritania]",
        "about: ruritania",
        f"{SIDECAR}:22:12: error[not-a-list]: `about` must be a list (got 'ruritania')",
        "write about: [first, second] or one '- item' per line",
    ),
    (
        "claim-corroborated-by-itself",
        SIDECAR,
        "    status: disputed\n",
        "    corroborated_by: [minister-denied]\n",
        f"{SIDECAR}:32:22: error[claim-links-itself]: claim 'minister-denied' lists itself in "
        "`corroborated_by`",
        "name another claim",
    ),
    (
        "original-outlet",
        SIDECAR,
        "outlet: example-wire",
        "outlet: example-wire\noriginal_outlet: example-wire",
        f"{SIDECAR}:6:1: warning[deprecated-original-outlet]: `original_outlet` is deprecated",
        "run `python -m builder migrate`",
    ),
    (
        "actor-related-to-itself",
        ACTORS,
        "{type: leader_of, actor: ruritania}",
        "{type: leader_of, actor: mr-rivera}",
        f"{ACTORS}:8:34: error[self-relation]: an actor cannot be related to itself",
        "name the other actor's id",
    ),
    (
        "event-with-date-and-derived-from",
        SIDECAR,
        "    wording: Two days later\n",
        '    wording: Two days later\n    date: "2024-12-10"\n',
        f"{SIDECAR}:60:5: error[event-date-and-derived]: event 'army-takes-capital' has both "
        "`date` and `derived_from`",
        "keep one",
    ),
    (
        "time-on-a-derived-event",
        SIDECAR,
        "    wording: Two days later\n",
        '    wording: Two days later\n    time: "10:00"\n    timezone: Asia/Damascus\n',
        f"{SIDECAR}:62:5: error[time-with-derived-from]: `time` cannot be combined with "
        "`derived_from`",
        'offset: "3 hours"',
    ),
    (
        "timezone-without-time",
        SIDECAR,
        "    qualifier: before\n",
        "    qualifier: before\n    timezone: Asia/Damascus\n",
        f"{SIDECAR}:70:5: error[timezone-without-time]: `timezone` is given without `time`",
        'add the local clock time, e.g. time: "21:30"',
    ),
    (
        "not-before-of-a-month",
        SIDECAR,
        "derived_from: {event: rivera-leaves, offset: 2 days}",
        'derived_from: {event: minister-briefing}\n    qualifier: by\n    not_before: "2024-11-01"',
        f"{SIDECAR}:62:17: error[not-before-without-day]: `not_before` needs a date with a day",
        "give a full date, or remove not_before",
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
    # An error stops the build; a warning (`check --strict` makes it one) does not.
    assert (project is None) == (": error[" in expected), report
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
    edit(mini / SIDECAR, "quote: The Minister denied it.", "quote: The Minister denied all.")
    edit(mini / ACTORS, "kind: state", "kind: country")  # ...and so is this actor,
    diagnostics, _ = pipeline.check(mini)
    report = diagnostics.format()
    assert f"{SIDECAR}:35:11: error[unknown-kind]: unknown kind 'contxt'" in report
    assert (
        f"{SIDECAR}:26:12: error[quote-not-found]: quote not found in the text" in report
    )  # still anchored
    assert f"{ACTORS}:19:11: error[not-a-choice]: `kind` must be one of" in report
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
