"""timeline.json: each date as TimelineJS reads it, in the site's words."""

from __future__ import annotations

import json
from datetime import date

import pytest

from builder import pipeline
from builder.core.dates import When
from builder.exports import exports
from builder.exports.addresses import TIMELINE
from builder.exports.timeline import end_date, start_date
from tests.conftest import MINI, PAIR, REPO

ASTRAL = REPO / "tests" / "fixtures" / "astral"


def _when(**fields: object) -> When:
    values: dict[str, object] = {"year": 2024, "month": 12, "day": 8, "hour": None}
    values |= {"minute": None, "precision": "day"} | fields
    return When(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("when", "start", "end"),
    [
        (_when(), {"year": 2024, "month": 12, "day": 8}, None),
        (_when(day=None, precision="month"), {"year": 2024, "month": 12}, None),
        (
            _when(hour=21, minute=30, precision="minute", timezone="Asia/Damascus"),
            {"year": 2024, "month": 12, "day": 8, "hour": 21, "minute": 30},
            None,
        ),
        (_when(qualifier="before"), {"year": 2024, "month": 12, "day": 8}, None),
        (_when(qualifier="after"), {"year": 2024, "month": 12, "day": 9}, None),
        (_when(qualifier="after", day=31), {"year": 2025, "month": 1, "day": 1}, None),
        (
            _when(qualifier="after", day=None, precision="month"),
            {"year": 2025, "month": 1},
            None,
        ),
        (
            _when(qualifier="by", not_before=date(2024, 12, 5)),
            {"year": 2024, "month": 12, "day": 5},
            {"year": 2024, "month": 12, "day": 8},
        ),
        (
            _when(part_of_day="night", precision="part_of_day", timezone="Asia/Damascus"),
            {"year": 2024, "month": 12, "day": 8, "hour": 22, "minute": 0},
            {"year": 2024, "month": 12, "day": 9, "hour": 0, "minute": 0},
        ),
    ],
)
def test_dates_as_timelinejs_reads_them(
    when: When, start: dict[str, int], end: dict[str, int] | None
) -> None:
    assert start_date(when) == start
    assert end_date(when) == end


@pytest.mark.parametrize("fixture", [MINI, PAIR, ASTRAL])
def test_every_event_is_a_slide_with_the_sites_words(fixture: object) -> None:
    result = pipeline.build(fixture)  # type: ignore[arg-type]
    assert result.project is not None
    slides = json.loads(result.pages[TIMELINE])["events"]
    events = {e.id: e for e in result.project.events}
    assert sorted(s["unique_id"] for s in slides) == sorted(events)
    for slide in slides:
        event = events[slide["unique_id"]]
        assert list(slide) == [
            "start_date",
            *(["end_date"] if "end_date" in slide else []),
            "display_date",
            "text",
            "group",
            "unique_id",
        ]
        assert slide["start_date"] == start_date(event.when)
        assert slide.get("end_date") == end_date(event.when)
        assert "<" not in slide["display_date"] and "<" not in slide["group"]
        assert slide["text"]["text"].startswith("<p>")


def test_accounts_that_differ_are_each_given_with_their_date() -> None:
    result = pipeline.build(PAIR)
    assert result.project is not None
    differing = [e for e in result.project.events if e.accounts_differ]
    assert differing
    slides = {s["unique_id"]: s for s in json.loads(result.pages[TIMELINE])["events"]}
    for event in differing:
        text = slides[event.id]["text"]["text"]
        assert "Accounts differ" in text
        for account in event.accounts:
            assert account.when.label() in text


def test_contributor_text_is_escaped() -> None:
    result = pipeline.build(ASTRAL)
    slides = json.loads(result.pages[TIMELINE])["events"]
    (sails,) = (s for s in slides if s["unique_id"] == "ferry-sails")
    assert sails["text"]["headline"] == "The ferry 𝐍𝐨𝐫𝐝 sails &lt;before&gt; dawn"
    assert (
        sails["group"]
        == "The harbour log 🚢 &amp;lt;of the &amp;quot;Nord&amp;quot;&amp;gt; &amp;amp; co"
    )


def test_the_timeline_does_not_depend_on_site_url() -> None:
    result = pipeline.build(MINI)
    assert result.project is not None
    with_url = exports(result.project, site_url="https://example.org/")
    assert with_url[TIMELINE] == exports(result.project, site_url=None)[TIMELINE]
