"""The chronology reads as a timeline: plain words, no builder jargon, each passage once."""

from __future__ import annotations

import re

from builder import pipeline
from tests.conftest import PAIR


def test_the_chronology_has_no_jargon_and_quotes_each_passage_once() -> None:
    result = pipeline.build(PAIR)
    assert result.project is not None, result.diagnostics.format()
    page = result.pages["chronology.md"]
    for jargon in ("derived:", "precision:", "derived_from"):
        assert jargon not in page
    entries = re.findall(r"<article class=\"tl-event.*?</article>", page, flags=re.S)
    assert len(entries) == len(result.project.events)
    checked = 0
    for event, entry in zip(result.project.events, entries, strict=True):
        for account in event.accounts:
            for passage in account.passages:
                words = passage.quote.split()[:6]  # the start, before any markup inside
                start = " ".join(words)
                assert entry.count(start) <= 1, (event.id, start)
                checked += entry.count(start)
    assert checked >= len(entries)  # each entry shows its passages, once
