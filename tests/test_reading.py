"""Reading at a glance, in the generated Markdown (issue 9: status in the text, the note as
a card, fewer marks, a summary first). The browser side is tests/browser/test_glance.py."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from builder import pipeline
from builder.core.model import Claim
from builder.render import labels, summary
from builder.render.cards import short_source

SAMPLE = "texts/sample.md"
SIDECAR = Path("source_texts/sample.yml")
Edit = Callable[[Path, str, str], None]


def _build(project: Path) -> pipeline.BuildResult:
    result = pipeline.build(project)
    assert not result.diagnostics.has_errors, result.diagnostics
    return result


def _paragraph(page: str, number: int) -> str:
    return next(line for line in page.splitlines() if line.startswith(f"[{number}](#p-{number})"))


def _footnote(page: str, annotation_id: str) -> list[str]:
    lines = page.splitlines()
    start = next(n for n, line in enumerate(lines) if line.startswith(f"[^{annotation_id}]:"))
    kept = [lines[start]]
    for line in lines[start + 1 :]:
        if line and not line.startswith("    "):
            break
        kept.append(line)
    return [line for line in kept if line]


def _status_words(claim: Claim) -> str:
    return labels.STATUS[claim.status]


# --- 1. status in the text ------------------------------------------------------------------


def test_every_claim_is_followed_by_its_status_in_words_and_a_symbol(pair: Path) -> None:
    result = _build(pair)
    for text in result.project.texts:
        page = result.pages[f"texts/{text.slug}.md"]
        for claim in (a for a in text.annotations if isinstance(a, Claim)):
            tag = re.search(
                rf'id="ann-{claim.id}"[^>]*>.*?</mark>&#8239;<span class="claim-tag '
                rf'claim-tag-(\w+)"><span class="claim-tag-symbol" aria-hidden="true">'
                rf"(.)</span> ([^<]+)</span>\[\^{claim.id}\]",
                page,
            )
            assert tag, f"no status tag after claim {claim.id}"
            assert tag.group(1) == claim.status
            assert tag.group(2) == labels.STATUS_SYMBOL[claim.status]
            assert tag.group(3).startswith(_status_words(claim))


def test_the_tag_says_also_corroborated_and_same_report(pair: Path) -> None:
    result = _build(pair)
    wire = result.pages["texts/wire-report.md"]
    claims = {a.id: a for t in result.project.texts for a in t.annotations}
    both = [c for c in claims.values() if isinstance(c, Claim) and c.standing.also_corroborated]
    assert both, "the pair fixture has a claim both disputed and corroborated"
    assert f"{labels.STATUS[both[0].status]}, {labels.ALSO_CORROBORATED}</span>" in wire


def test_symbols_and_words_differ_for_every_status() -> None:
    assert len(set(labels.STATUS_SYMBOL.values())) == len(labels.STATUS_SYMBOL)
    assert len(set(labels.STATUS.values())) == len(labels.STATUS)
    assert set(labels.STATUS_SYMBOL) == set(labels.STATUS)


# --- 2. the note as a card --------------------------------------------------------------------


def test_a_claims_note_is_a_card_with_status_first(mini: Path) -> None:
    result = _build(mini)
    card = _footnote(result.pages[SAMPLE], "talks-failed")
    assert card[0].startswith('[^talks-failed]: <span class="claim-tag claim-tag-denied">')
    items = [line.removeprefix("    - ") for line in card[1:]]
    assert all(line.startswith("    - ") for line in card[1:]), card
    fields = [item.split(":**", 1)[0].removeprefix("**") for item in items]
    assert fields[0] == labels.CARD_WHO and fields[1] == labels.CARD_INDEPENDENCE
    assert fields[-1] == labels.CARD_SOURCES
    assert labels.LINK_KIND["denial"] in fields
    who = items[0]
    assert "two officials" in who and labels.ANONYMOUS in who and "via [Example Wire]" in who
    denial = next(i for i in items if i.startswith(f"**{labels.LINK_KIND['denial']}"))
    assert "[“The Minister denied it.”](#ann-minister-denied) — The Minister" in denial


def test_sources_in_a_note_are_short_and_link_to_the_sources_page(pair: Path) -> None:
    result = _build(pair)
    page = result.pages["texts/wire-report.md"]
    source = result.project.source["wire-report"]
    card = _footnote(page, "left-on-sunday")
    sources = card[-1]
    label = short_source(source)
    assert label == "Example Wire, 2024-12-09"
    assert f"[{label}](../sources.md#src-wire-report) ({labels.CARD_RESTS_ON})" in sources
    assert source.title not in "\n".join(card)


def test_a_long_title_is_cut_at_a_word() -> None:
    from dataclasses import replace

    from tests.conftest import MINI

    project = pipeline.build(MINI).project
    source = replace(project.sources[0], publisher=None, title="word " * 20)
    assert short_source(source) == ("word " * 8).strip() + "…"  # 40 characters, at a word


def test_the_card_is_valid_footnote_content(tmp_path: Path, pair: Path) -> None:
    import markdown

    page = _build(pair).pages["texts/wire-report.md"]
    html = markdown.markdown(page, extensions=["footnotes", "attr_list", "md_in_html", "tables"])
    note = re.search(r'<li id="fn:left-on-sunday">(.*?)</li>\s*<li id="fn:', html, re.S)
    assert note, "the claim's footnote is missing"
    # who, independence, same report, disputed by, sources: one list under the status
    assert note.group(1).count("<li>") == 5
    assert "claim-tag-disputed" in note.group(1).split("<ul>")[0]


# --- 3. fewer marks -----------------------------------------------------------------------------


def test_an_actor_is_linked_on_its_first_mention_per_paragraph_only(pair: Path) -> None:
    page = _build(pair).pages["texts/wire-report.md"]
    paragraph = _paragraph(page, 2)
    assert paragraph.count("Marovia") >= 2
    assert paragraph.count("](../actors/marovia.md)") == 1
    assert paragraph.index("[Marovia](../actors/marovia.md)") < paragraph.rindex("Marovia")


def test_explicit_mentions_still_link(mini: Path) -> None:
    # ¶3 names Ruritania, then the sidecar's `kind: mention` links "the capital" to it too.
    paragraph = _paragraph(_build(mini).pages[SAMPLE], 3)
    assert "[Ruritania](../actors/ruritania.md)" in paragraph
    assert "[the capital](../actors/ruritania.md)" in paragraph


def test_dates_are_beside_the_paragraph_not_in_the_line(mini: Path) -> None:
    page = _build(mini).pages[SAMPLE]
    assert "<sup" not in "\n".join(line for line in page.splitlines() if "](#p-" in line)
    paragraph = _paragraph(page, 2)
    marker = (
        '<span class="para-dates">[<span aria-hidden="true">◷</span> 8 Dec]'
        '(../chronology.md#ev-rivera-leaves "On the chronology"){ .date-marker }</span> '
    )
    assert paragraph.split("} ", 1)[1].startswith(marker), "the date comes before the text"


def test_the_reading_guide_names_every_shape_and_status(mini: Path) -> None:
    page = _build(mini).pages[SAMPLE]
    guide = next(line for line in page.splitlines() if line.startswith('<p class="legend"'))
    for kind in ("ann-claim", "ann-context", "ann-text_note", "event-passage"):
        assert kind in guide
    for status in labels.STATUS:
        assert f"claim-tag-{status}" in guide
    assert labels.DATE_SYMBOL in guide and "first mention" in guide


# --- 4. summary first ---------------------------------------------------------------------------


def test_a_text_page_opens_with_what_we_know(mini: Path) -> None:
    page = _build(mini).pages[SAMPLE]
    after_title = page.split("{ #title }\n\n", 1)[1]  # after the front matter and title
    assert after_title.startswith('<div class="admonition abstract text-summary" markdown="1">')
    opening = after_title.split("\n\n<details", 1)[0]
    assert f'<p class="admonition-title">{labels.SUMMARY_TITLE}</p>' in opening
    events = re.findall(r"^- \*\*(.+?):\*\* \[(.+?)\]", opening, re.M)
    # The key events in the chronology's order, each with this text's own date.
    assert [title for _, title in events] == [
        "The Minister briefs reporters",
        "Rivera leaves the capital",
        "The army takes the capital",
    ]
    assert events[1][0] == "8 Dec"
    # 2 claims: one anonymous (two officials), one named (the Minister).
    assert "Of 2 claims, 1 \\(50 %\\) rests on anonymous sources only" in opening
    assert "0 \\(0 %\\) on no source given in the text" in opening
    assert "denied by The Minister" in opening


def test_the_summary_counts_claims_with_no_source(mini: Path, edit: Edit) -> None:
    edit(
        mini / SIDECAR,
        "      by: two officials\n      named: false\n      count: two\n",
        "      by: not attributed in the text\n      named: false\n      unattributed: true\n",
    )
    page = _build(mini).pages[SAMPLE]
    assert "Of 2 claims, 0 \\(0 %\\) rest on anonymous sources only" in page
    assert "1 \\(50 %\\) on no source given in the text" in page


def test_provenance_is_one_line_with_details_on_demand(mini: Path) -> None:
    page = _build(mini).pages[SAMPLE]
    details = page.split('<details class="info about-text" markdown="1">\n', 1)[1]
    summary_line, rest = details.split("\n", 1)
    assert summary_line.startswith(f'<summary markdown="span">**{labels.ABOUT_TEXT}:** ')
    assert "News report · Example Wire · 2024-12-09" in summary_line
    body = rest.split("</details>", 1)[0]
    assert "Written for the builder's tests" in body and "**Registered as:**" in body
    assert page.index("</details>") < page.index("## The text")


def test_many_events_fold_into_one_line_with_the_list_on_demand(
    mini: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(summary, "EVENTS_LISTED", 2)
    page = _build(mini).pages[SAMPLE]
    folded = page.split('<details class="summary-events" markdown="1">\n', 1)[1]
    line, rest = folded.split("\n", 1)
    assert line == (
        f'<summary markdown="span">**{labels.SUMMARY_EVENTS}:** '
        "3 events, from before Dec 2024 to 10 Dec</summary>"
    )
    assert rest.split("</details>")[0].count("\n- **") == 3
    assert page.index("</details>") < page.index(f"**{labels.SUMMARY_SOURCING}:**")


def test_a_claim_inside_a_link_has_its_tag_after_the_link() -> None:
    from builder.core.spans import Span
    from builder.render.inline import inline_markdown
    from builder.render.nesting import Item, nest

    text = "Mrs. Shabaan arrived"
    items = [
        Item(Span(0, 12), "mention", "shaaban"),
        Item(Span(5, 12), "claim", "c1", "ann-c1", "disputed"),
    ]
    out = inline_markdown(nest(text, Span(0, 20), items), "texts/t.md")
    link_end = out.index("](../actors/shaaban.md)")
    tag = out.index('<span class="claim-tag claim-tag-disputed">')
    assert link_end < tag < out.index("[^c1]"), out
