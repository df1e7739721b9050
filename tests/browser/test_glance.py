"""Reading at a glance, in Debian's Chromium (issue 9): each claim's status is visible in the
text without interaction, in words and a symbol that stay apart in greyscale and in print;
kinds of passage differ by shape, not colour alone; dates sit beside the paragraph; a text
page opens with its summary, provenance collapsed. The site is the pair fixture's.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Page, expect

from builder.render import labels

if TYPE_CHECKING:
    from tests.browser.conftest import Site

pytestmark = pytest.mark.browser

TEXT_PAGE = "texts/wire-report.md"
CONTENT = "article.md-content__inner"
PHONE = {"width": 390, "height": 844}

# For each claim highlighted in the text: the tag right after it, its text and where it is.
_TAGS = """() => Array.from(document.querySelectorAll(
    'article mark.ann-claim[id^="ann-"]')).map(mark => {
        let tag = mark.nextElementSibling;
        while (tag && !tag.classList.contains('claim-tag')) tag = null;
        if (!tag) return {id: mark.id, missing: true};
        const box = tag.getBoundingClientRect();
        const style = getComputedStyle(tag);
        return {id: mark.id, status: tag.className, text: tag.textContent.trim(),
                width: box.width, height: box.height,
                visible: style.visibility === 'visible' && style.display !== 'none'
                         && parseFloat(style.opacity) > 0};
    })"""


def _tags(page: Page) -> list[dict[str, object]]:
    tags: list[dict[str, object]] = page.evaluate(_TAGS)
    assert tags, "the text page has claims"
    missing = [t["id"] for t in tags if t.get("missing")]
    assert not missing, f"claims without a status tag right after them: {missing}"
    return tags


def _assert_tags_readable(tags: list[dict[str, object]]) -> None:
    words = set(labels.STATUS.values())
    for tag in tags:
        assert tag["visible"] and float(str(tag["width"])) > 0, f"tag of {tag['id']} not shown"
        text = str(tag["text"])
        symbol, _, word = text.partition(" ")
        assert symbol in labels.STATUS_SYMBOL.values(), f"{tag['id']}: no symbol in {text!r}"
        assert word.split(",")[0] in words, f"{tag['id']}: no status word in {text!r}"


def test_status_is_visible_in_the_text_without_interaction(site: Site, page: Page) -> None:
    page.goto(site.url(TEXT_PAGE))
    _assert_tags_readable(_tags(page))
    # No hover, no click: the first tag is on screen as the reader scrolls to its passage.
    first = page.locator(f"{CONTENT} .para .claim-tag").first
    first.scroll_into_view_if_needed()
    expect(first).to_be_visible()


def test_status_tags_are_readable_without_javascript_and_in_print(
    site: Site, new_page: Callable[..., Page]
) -> None:
    page = new_page(java_script_enabled=False)
    page.goto(site.url(TEXT_PAGE))
    _assert_tags_readable(_tags(page))
    page.emulate_media(media="print")
    _assert_tags_readable(_tags(page))


def test_statuses_stay_apart_in_greyscale(site: Site, page: Page) -> None:
    page.goto(site.url(TEXT_PAGE))
    page.add_style_tag(content="html { filter: grayscale(1) !important; }")
    tags = _tags(page)
    by_status: dict[str, set[str]] = {}
    for tag in tags:
        status = str(tag["status"]).split("claim-tag-")[-1]
        by_status.setdefault(status, set()).add(str(tag["text"]).split(",")[0])
    assert len(by_status) >= 2, f"the fixture shows several statuses: {by_status}"
    # Each status reads differently (symbol and word), so greyscale loses nothing.
    texts = [next(iter(t)) for t in by_status.values()]
    assert len(set(texts)) == len(texts), by_status
    assert len({t.split(" ")[0] for t in texts}) == len(texts), "symbols differ too"


# The shape of each kind of passage: border and decoration styles, not colours.
_SHAPE = """(el) => { const s = getComputedStyle(el);
    return [s.borderTopStyle, s.borderBottomStyle, s.borderBottomWidth,
            s.textDecorationLine, s.textDecorationStyle].join(' '); }"""


def test_kinds_of_passage_differ_by_shape_not_only_colour(site: Site, page: Page) -> None:
    page.goto(site.url(TEXT_PAGE))
    legend = page.locator(f"{CONTENT} p.legend")
    expect(legend).to_be_visible()
    shapes = {
        kind: legend.locator(selector).first.evaluate(_SHAPE)
        for kind, selector in (
            ("claim", "mark.ann-claim"),
            ("context", "mark.ann-context"),
            ("text note", "mark.ann-text_note"),
            ("dated passage", ".event-passage"),
        )
    }
    assert len(set(shapes.values())) == len(shapes), f"two kinds share a shape: {shapes}"
    # The passages in the text look like the guide's samples.
    for kind, selector in (("claim", "mark.ann-claim"), ("context", "mark.ann-context")):
        in_text = page.locator(f"{CONTENT} .para {selector}[id^='ann-']").first
        assert in_text.evaluate(_SHAPE) == shapes[kind], f"{kind} in the text ≠ guide"


def test_dates_sit_beside_the_paragraph_and_do_not_look_like_footnotes(
    site: Site, page: Page
) -> None:
    page.goto(site.url(TEXT_PAGE))
    markers = page.locator(f"{CONTENT} .para .para-dates a.date-marker")
    assert markers.count() >= 1, "dated passages show their date beside the paragraph"
    assert page.locator(f"{CONTENT} sup.event-date").count() == 0
    marker = markers.first
    marker.scroll_into_view_if_needed()
    expect(marker).to_be_visible()
    expect(marker).to_have_attribute("href", re.compile(r"chronology/?#ev-"))
    # Not a superscript: on the text's baseline, floated out of the sentence.
    style = marker.evaluate(
        "el => [getComputedStyle(el).verticalAlign, getComputedStyle(el.parentElement).float]"
    )
    assert style == ["baseline", "right"], style
    assert marker.evaluate("el => !!el.closest('sup, mark, .event-passage')") is False


def test_an_actor_is_linked_once_per_paragraph(site: Site, page: Page) -> None:
    page.goto(site.url(TEXT_PAGE))
    repeated = page.evaluate(
        """() => Array.from(document.querySelectorAll('article .para')).flatMap(p => {
            const hrefs = Array.from(p.querySelectorAll('a[href*="actors/"]'), a => a.href);
            return hrefs.filter((h, i) => hrefs.indexOf(h) !== i).map(h => p.id + ' ' + h);
        })"""
    )
    assert repeated == [], f"an actor linked twice in one paragraph: {repeated}"


def test_a_phone_reader_sees_the_summary_first(site: Site, new_page: Callable[..., Page]) -> None:
    page = new_page(viewport=PHONE, java_script_enabled=False)
    page.goto(site.url(TEXT_PAGE))
    summary = page.locator(f"{CONTENT} .admonition.abstract").first
    expect(summary).to_be_visible()
    expect(summary).to_contain_text(labels.SUMMARY_TITLE)
    expect(summary).to_contain_text(labels.SUMMARY_EVENTS)
    box = summary.bounding_box()
    assert box is not None and box["y"] < PHONE["height"], "the summary starts on the first screen"
    # Provenance is one line; its details open on demand, without JavaScript.
    about = page.locator(f"{CONTENT} details.about-text")
    expect(about).to_have_count(1)
    assert about.evaluate("el => el.open") is False
    line = about.locator("summary")
    expect(line).to_contain_text(labels.ABOUT_TEXT)
    details_box = about.bounding_box()
    assert details_box is not None and details_box["height"] < 120, "provenance is collapsed"
    registered = about.get_by_text("Registered as:")
    expect(registered).to_be_hidden()
    line.click()
    expect(registered).to_be_visible()
    # The text itself starts no lower than the second screen.
    first_paragraph = page.locator(f"{CONTENT} #p-1").bounding_box()
    assert first_paragraph is not None and first_paragraph["y"] < 3 * PHONE["height"]


def test_the_note_is_a_card_with_status_first(site: Site, page: Page) -> None:
    page.goto(site.url(TEXT_PAGE))
    note = page.locator("li[id='fn:left-on-sunday']")
    first = note.locator("> p").first
    assert first.evaluate("p => p.firstElementChild.classList.contains('claim-tag')")
    items = note.locator("> ul > li")
    assert items.count() >= 3
    expect(items.first).to_contain_text(labels.CARD_WHO)
    expect(items.last).to_contain_text(labels.CARD_SOURCES)


def test_print_shows_what_the_screen_folds(site: Site, page: Page) -> None:
    page.goto(site.url(TEXT_PAGE))
    registered = page.locator(f"{CONTENT} details.about-text").get_by_text("Registered as:")
    expect(registered).to_be_hidden()
    page.emulate_media(media="print")
    expect(registered).to_be_visible()
