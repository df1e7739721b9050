"""One event, many accounts (issue 6, point 3): an event is declared once and told by
passages in any number of texts, each account with its own date; and parts of the day
("evening") as a precision between the day and the hour.

The two-text project is built here in tmp_path from the mini fixture plus a short
statement written for these tests."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from builder import pipeline
from builder.core.dates import When
from builder.render.pages import short_date

STATEMENT = "source_texts/statement.yml"
SAMPLE = "source_texts/sample.yml"

STATEMENT_TEXT = """\
I left the capital on the evening of 8 December, not in the night as some have written.

Before dawn that day my advisers had told me the army was near.
"""

# Line numbers matter: the table below points at them.
STATEMENT_SIDECAR = """\
title: A statement by Mr. Rivera
published: "2024-12-16"
language: en
provenance: Written for the builder's tests; not a real statement.
events:
  - account_of: rivera-leaves
    date: "2024-12-08"
    time: evening
    timezone: Asia/Damascus
    wording: on the evening of 8 December
    sources: [rivera-statement]
    passages:
      - I left the capital on the evening of 8 December
  - id: advisers-warn
    title: Advisers warn Rivera
    date: "2024-12-08"
    time: early morning
    timezone: Asia/Damascus
    actors: [mr-rivera]
    sources: [rivera-statement]
    passages:
      - Before dawn that day my advisers had told me the army was near.
"""

REGISTRY_ENTRY = """\
  - id: rivera-statement
    title: Mr. Rivera's statement
    kind: official_statement
"""


@pytest.fixture
def pair(mini: Path) -> Path:
    """The mini project plus a second text that tells one of its events differently."""
    texts = mini / "source_texts"
    (texts / "statement.txt").write_text(STATEMENT_TEXT, encoding="utf-8")
    (texts / "statement.yml").write_text(STATEMENT_SIDECAR, encoding="utf-8")
    registry = texts / "registry" / "sources.yml"
    registry.write_text(registry.read_text(encoding="utf-8") + REGISTRY_ENTRY, encoding="utf-8")
    return mini


def _edit(project: Path, file: str, old: str, new: str) -> None:
    path = project / file
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


# --- one event, many accounts -----------------------------------------------------------


def test_two_texts_tell_one_event_one_chronology_entry(pair: Path) -> None:
    result = pipeline.build(pair)
    assert not result.diagnostics.items, result.diagnostics.format()
    assert result.project is not None
    event = next(e for e in result.project.events if e.id == "rivera-leaves")
    assert [a.text_slug for a in event.accounts] == ["sample", "statement"]
    assert [a.when.precision for a in event.accounts] == ["minute", "part_of_day"]
    assert event.accounts_differ
    assert event.when == event.accounts[0].when  # placed by its declaration

    chronology = result.pages["chronology.md"]
    assert chronology.count("### Rivera leaves the capital") == 1
    entry = chronology.split("### Rivera leaves the capital")[1].split("\n### ")[0]
    assert "**Accounts differ:**" in entry
    # Side by side: each account with its own date in plain words and its own sources.
    assert '<p class="tl-account-text" markdown="span">**A sample report**</p>' in entry
    assert '<time datetime="2024-12-08T20:00+03:00">20:00 local time, 17:00 UTC</time>' in entry
    # An evening is a span of clock times: an EDTF interval, not one <time datetime>.
    assert (
        '<data class="when" value="2024-12-08T18:00+03:00/2024-12-08T22:00+03:00">evening</data>'
    ) in entry
    assert "evening, 18:00–22:00 local time \\(Asia/Damascus, UTC+3\\), 15:00–19:00 UTC" in entry
    assert "(texts/statement.md#ev-rivera-leaves)" in entry
    assert "(texts/sample.md#ev-rivera-leaves)" in entry
    assert "[Mr. Rivera's statement](sources.md#src-rivera-statement)" in entry
    # The words that date it are picked out in the passage, not quoted again.
    assert '<strong class="tl-words">on the evening of 8 December</strong>' in entry
    assert entry.count("on the evening of 8 December") == 1


def test_each_text_shows_its_own_date_for_the_event(pair: Path) -> None:
    pages = pipeline.build(pair).pages
    statement, sample = pages["texts/statement.md"], pages["texts/sample.md"]
    marker = '</span> 8 Dec, evening](../chronology.md#ev-rivera-leaves "On the chronology")'
    assert marker in statement
    assert '<span class="event-passage" id="ev-rivera-leaves">' in statement
    assert '</span> 8 Dec](../chronology.md#ev-rivera-leaves "On the chronology")' in sample


def test_actor_page_names_the_texts_of_each_event(pair: Path) -> None:
    page = pipeline.build(pair).pages["actors/mr-rivera.md"]
    line = next(x for x in page.splitlines() if "[Rivera leaves the capital]" in x)
    assert "(accounts differ)" in line
    assert "[A sample report, ¶2](../texts/sample.md#ev-rivera-leaves)" in line
    assert "[A statement by Mr. Rivera, ¶1](../texts/statement.md#ev-rivera-leaves)" in line


def test_accounts_that_agree_are_attestations(pair: Path) -> None:
    _edit(pair, STATEMENT, "    time: evening\n", '    time: "20:00"\n')
    result = pipeline.build(pair)
    assert result.project is not None, result.diagnostics.format()
    event = next(e for e in result.project.events if e.id == "rivera-leaves")
    assert len(event.accounts) == 2 and not event.accounts_differ
    entry = result.pages["chronology.md"].split("### Rivera leaves the capital")[1]
    entry = entry.split("\n### ")[0]
    assert "Accounts differ" not in entry
    quotes = [line for line in entry.splitlines() if line.startswith("> ")]
    assert len(quotes) == 2  # both passages, each linked to its text
    assert '<strong class="tl-words">on the evening of 8 December</strong>' in entry
    assert "[Mr. Rivera's statement]" in entry and "[Example Wire, 2024-12-09]" in entry
    assert entry.count('class="tl-when"') == 1  # one date: the accounts agree


def test_an_account_may_derive_its_date_from_another_event(pair: Path) -> None:
    _edit(
        pair,
        STATEMENT,
        '    date: "2024-12-08"\n    time: evening\n    timezone: Asia/Damascus\n',
        "    derived_from: {event: minister-briefing}\n    qualifier: after\n",
    )
    result = pipeline.build(pair)
    assert result.project is not None, result.diagnostics.format()
    event = next(e for e in result.project.events if e.id == "rivera-leaves")
    told = event.accounts[1].when
    assert told.derivation is not None and told.derivation.base_event_id == "minister-briefing"
    assert event.accounts_differ


def test_a_part_of_the_day_orders_with_clock_times(pair: Path) -> None:
    project = pipeline.build(pair).project
    assert project is not None
    order = [e.id for e in project.events]
    # 8 December: early morning (00:00–06:00) before Rivera's 20:00.
    assert order.index("advisers-warn") < order.index("rivera-leaves")


def test_a_part_of_the_day_is_an_interval_for_machines(pair: Path) -> None:
    chronology = pipeline.build(pair).pages["chronology.md"]
    entry = chronology.split("### Advisers warn Rivera")[1].split("\n### ")[0]
    assert (
        '<data class="when" value="2024-12-08T00:00+03:00/2024-12-08T06:00+03:00">'
        "early morning</data>"
    ) in entry
    assert "21:00 UTC on 7 December to 03:00 UTC" in entry
    stamps = re.findall(r'<time datetime="([^"]+)">([^<]*)</time>', chronology)
    for stamp, label in stamps:  # an instant only for an unqualified clock time
        if "T" in stamp:
            assert re.search(r"\d\d:\d\d local time", label) and not label.startswith(
                ("About", "Before", "After", "On or before")
            ), (stamp, label)


# --- parts of the day -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("part", "start", "utc"),
    [
        ("early morning", 0, "21:00 UTC on 7 December to 03:00 UTC"),
        ("morning", 6, "03:00–09:00 UTC"),
        ("afternoon", 12, "09:00–15:00 UTC"),
        ("evening", 18, "15:00–19:00 UTC"),
        ("night", 22, "19:00–21:00 UTC"),
    ],
)
def test_parts_of_the_day_are_local_ranges(part: str, start: int, utc: str) -> None:
    when = When.parse("2024-12-08", part, "Asia/Damascus", None)
    assert when.precision == "part_of_day" and when.part_of_day == part
    assert when.hour is None and not when.has_time and when.utc() is None
    assert when.sort_key()[3] == start * 60
    label = when.label()
    assert label.startswith(f"8 December 2024, {part}, {start:02d}:00–") and label.endswith(utc)
    assert when.iso() == "2024-12-08"
    assert short_date(when) == f"8 Dec, {part}"
    assert when.precision_label() == "part of the day"


def test_parts_of_the_day_interleave_with_clock_times() -> None:
    def at(time: str) -> When:
        return When.parse("2024-12-08", time, "Asia/Damascus", None)

    written = ["night", "21:30", "evening", "12", "afternoon", "05:59", "early morning", "06:00"]
    ordered = sorted((at(t) for t in written), key=When.sort_key)
    readings = [w.part_of_day or f"{w.hour:02d}:{w.minute or 0:02d}" for w in ordered]
    assert readings == [
        "early morning",
        "05:59",
        "06:00",
        "afternoon",
        "12:00",
        "evening",
        "21:30",
        "night",
    ]
    day = When.parse("2024-12-08", None, None, None)
    assert sorted([at("morning"), day], key=When.sort_key) == [day, at("morning")]


def test_a_range_across_a_change_of_clocks_is_never_too_short() -> None:
    # Berlin, 27 October 2024: clocks went back from 03:00 to 02:00 (early morning).
    autumn = When.parse("2024-10-27", "early morning", "Europe/Berlin", None)
    span = autumn.utc_range()
    assert span is not None and (span[1] - span[0]).total_seconds() == 7 * 3600
    assert "(Europe/Berlin, UTC+1 to UTC+2)" in (autumn.time_label() or "")
    spring = When.parse("2024-03-31", "early morning", "Europe/Berlin", None)
    span = spring.utc_range()
    assert span is not None and (span[1] - span[0]).total_seconds() == 5 * 3600


def test_by_reads_on_or_before() -> None:
    when = When.parse("2024-12-08", None, None, "by")
    assert when.label() == "On or before 8 December 2024"
    assert short_date(when) == "on or before 8 Dec"
    assert when.precision_label() == "day; no time given; on or before this date"


def test_coarsening_a_clock_time_to_a_part_of_the_day() -> None:
    when = When.parse("2024-12-08", "20:15", "Asia/Damascus", None).coarsened("part_of_day")
    assert (when.part_of_day, when.hour, when.timezone) == ("evening", None, "Asia/Damascus")
    assert when.coarsened("day").part_of_day is None


# --- bad input: one located error with a hint, never a traceback ---------------------------

ACCOUNT = "  - account_of: rivera-leaves\n"
EVENING = "    time: evening\n"
# (case id, file, (old, new), expected `path:line:col: severity: message`, hint fragment)
Case = tuple[str, str, tuple[str, str], str, str]
CASES: list[Case] = [
    (
        "account-of-unknown-event",
        STATEMENT,
        (ACCOUNT, "  - account_of: rivera-leves\n"),
        f"{STATEMENT}:6:17: error[unknown-event]: unknown event id 'rivera-leves'",
        "did you mean 'rivera-leaves'?",
    ),
    (
        "account-of-misspelt",
        STATEMENT,
        (ACCOUNT, "  - acount_of: rivera-leaves\n"),
        f"{STATEMENT}:6:5: error[unknown-field]: unknown field `acount_of`",
        "did you mean 'account_of'?",
    ),
    (
        "account-with-title",
        STATEMENT,
        (ACCOUNT, ACCOUNT + "    title: Rivera leaves\n"),
        f"{STATEMENT}:7:5: error[account-field-not-allowed]: an account cannot have `title`: it belongs to the event "
        "'rivera-leaves', where it is declared",
        "remove title",
    ),
    (
        "account-with-actors",
        STATEMENT,
        (ACCOUNT, ACCOUNT + "    actors: [mr-rivera]\n"),
        f"{STATEMENT}:7:5: error[account-field-not-allowed]: an account cannot have `actors`",
        "remove actors",
    ),
    (
        "account-of-and-id",
        STATEMENT,
        (ACCOUNT, "  - id: rivera-again\n    title: Again\n    account_of: rivera-leaves\n"),
        f"{STATEMENT}:8:5: error[event-id-and-account]: event 'rivera-again' has both `id` and `account_of`",
        "keep one",
    ),
    (
        "neither-id-nor-account-of",
        STATEMENT,
        (ACCOUNT + '    date: "2024-12-08"\n', '  - date: "2024-12-08"\n'),
        f"{STATEMENT}:6:5: error[event-without-id]: this event entry has neither `id` nor `account_of`",
        "account_of:",
    ),
    (
        "declaration-without-title",
        STATEMENT,
        ("    title: Advisers warn Rivera\n", ""),
        f"{STATEMENT}:14:5: error[missing-field]: missing required field `title` in this event",
        "give a short title",
    ),
    (
        "second-account-in-one-text",
        STATEMENT,
        (
            "  - id: advisers-warn\n",
            "  - account_of: rivera-leaves\n"
            '    date: "2024-12-08"\n'
            "    sources: [rivera-statement]\n"
            "    passages: [not in the night]\n"
            "  - id: advisers-warn\n",
        ),
        f"{STATEMENT}:14:17: error[duplicate-account]: this text already gives an account of 'rivera-leaves' "
        f"(at {STATEMENT}:6:5)",
        "list all its passages in that entry",
    ),
    (
        "account-in-the-declaring-text",
        SAMPLE,
        (
            "  - id: army-takes-capital\n",
            "  - account_of: rivera-leaves\n"
            '    date: "2024-12-08"\n'
            "    sources: [sample-report]\n"
            "    passages: [with his transponder turned off]\n"
            "  - id: army-takes-capital\n",
        ),
        f"{SAMPLE}:58:17: error[duplicate-account]: this text already gives an account of 'rivera-leaves' "
        f"(at {SAMPLE}:49:5)",
        "one account of an event",
    ),
    (
        "part-of-day-without-timezone",
        STATEMENT,
        ("    timezone: Asia/Damascus\n    wording", "    wording"),
        f"{STATEMENT}:8:5: error[time-without-timezone]: `time` is given without `timezone`",
        "add the IANA zone",
    ),
    (
        "part-of-day-with-fold",
        STATEMENT,
        (EVENING, EVENING + "    fold: later\n"),
        f"{STATEMENT}:9:5: error[fold-with-part-of-day]: `fold` is given with a part of the day (evening)",
        "a part of the day is a range",
    ),
    (
        "part-of-day-misspelt",
        STATEMENT,
        (EVENING, "    time: evenning\n"),
        f"{STATEMENT}:8:11: error[bad-time]: `time`: 'evenning' is not a clock time or a part of the day "
        "(did you mean 'evening'?)",
        "early morning, morning, afternoon, evening or night",
    ),
    (
        "part-of-day-capitalised",
        STATEMENT,
        (EVENING, "    time: Evening\n"),
        f"{STATEMENT}:8:11: error[bad-time]: `time`: 'Evening' is not a clock time or a part of the day "
        "(did you mean 'evening'?)",
        "a part of the day",
    ),
    (
        "part-of-day-without-a-day",
        STATEMENT,
        ('    date: "2024-12-08"\n    time: evening\n', '    date: "2024-12"\n    time: evening\n'),
        f"{STATEMENT}:8:5: error[time-without-day]: `time` needs a full date (YYYY-MM-DD)",
        "give the day as well",
    ),
    (
        "night-after-the-last-day-of-the-calendar",
        STATEMENT,
        (
            '    date: "2024-12-08"\n    time: evening\n',
            '    date: "9999-12-31"\n    time: night\n',
        ),
        f"{STATEMENT}:8:11: error[outside-utc-calendar]: the night of 31 December 9999 in Asia/Damascus falls outside "
        "the calendar in UTC",
        "check the date",
    ),
    (
        "early-morning-before-the-first-day-in-utc",
        STATEMENT,
        (
            '    date: "2024-12-08"\n    time: evening\n',
            '    date: "0001-01-01"\n    time: early morning\n',
        ),
        f"{STATEMENT}:8:11: error[outside-utc-calendar]: the early morning of 1 January 1 in Asia/Damascus falls "
        "outside the calendar in UTC",
        "check the date",
    ),
    (
        "hours-counted-from-a-part-of-the-day",
        STATEMENT,
        (
            '    date: "2024-12-08"\n    time: evening\n    timezone: Asia/Damascus\n',
            "    derived_from: {event: advisers-warn, offset: 3 hours}\n",
        ),
        f"{STATEMENT}:7:50: error[offset-hours-without-time]: cannot count hours from 'advisers-warn': its date has no "
        "clock time (a part of the day is a range)",
        "count in days",
    ),
    (
        "order-on-one-text-only",
        STATEMENT,
        ("language: en\n", "language: en\norder: 1\n"),
        f"{SAMPLE}:1:1: warning[order-missing]: this text has no `order:`, while other texts "
        "have one: it is listed after all of them",
        "give it an order: too",
    ),
]


@pytest.mark.parametrize(
    ("file", "edit", "expected", "hint"),
    [pytest.param(*case[1:], id=case[0]) for case in CASES],
)
def test_bad_accounts_and_parts_of_the_day_are_located(
    pair: Path, file: str, edit: tuple[str, str], expected: str, hint: str
) -> None:
    _edit(pair, file, *edit)
    diagnostics, _ = pipeline.check(pair)
    report = diagnostics.format()
    assert expected in report, f"expected {expected!r} in:\n{report}"
    assert len(diagnostics.items) == 1, report  # one mistake, one message
    assert hint in report, f"expected hint {hint!r} in:\n{report}"
