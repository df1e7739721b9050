"""Notes that open in place, in Debian's Chromium (issue 9, point 2): beside the passage
on a wide screen, a bottom sheet on phones, by click, tap or keyboard; Escape closes it and
focus returns; hovered, it stays while hovered (WCAG 1.4.13); footnotes stay without
JavaScript. The site is the pair fixture's; expected words come from its YAML.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Page, expect

from tests.browser.reading import (
    CARD,
    CONTENT,
    NARROW_PHONE,
    NOTE,
    PHONE,
    TEXT_PAGE,
    annotations,
    claim,
    focused,
    marker,
    phone_page,
    words_of,
)
from tests.browser.test_accessibility import _AXE_RUN_JS as AXE_RUN_JS
from tests.browser.test_accessibility import SCHEMES, _report

if TYPE_CHECKING:
    from tests.browser.conftest import Site

pytestmark = pytest.mark.browser


# --- notes --------------------------------------------------------------------------------


def test_clicking_a_passage_opens_its_note_beside_it(site: Site, page: Page) -> None:
    wanted = claim("minister-not-told")
    page.goto(site.url(TEXT_PAGE))
    point = words_of(page, wanted["id"])
    page.mouse.click(point["x"], point["y"])
    note = page.locator(NOTE)
    expect(note).to_be_visible()
    expect(note).to_contain_text(wanted["attribution"]["by"], ignore_case=True)
    expect(note.locator(".footnote-backref")).to_have_count(0)
    # Beside the passage: just below (or above) the line clicked, inside the screen.
    box, mark = note.bounding_box(), page.locator(f"#ann-{wanted['id']}").bounding_box()
    assert box is not None and mark is not None
    assert mark["y"] - box["height"] - 20 <= box["y"] <= mark["y"] + mark["height"] + 20
    assert box["x"] >= 0 and box["x"] + box["width"] <= page.viewport_size["width"]  # type: ignore[index]
    assert page.evaluate("location.hash") == "", "the page did not jump to the footnotes"
    assert focused(page) == "note"
    page.keyboard.press("Escape")
    expect(note).to_have_count(0)
    assert focused(page) == f"#fn:{wanted['id']}", "focus returns to the passage's number"


def test_a_note_opens_by_keyboard_and_escape_returns_focus(site: Site, page: Page) -> None:
    wanted = annotations()[0]["id"]
    page.goto(site.url(TEXT_PAGE))
    page.locator(f"{CONTENT} #p-1 a.para-num").focus()
    for _ in range(12):  # Tab through the paragraph to the passage's number
        page.keyboard.press("Tab")
        if focused(page) == f"#fn:{wanted}":
            break
    assert focused(page) == f"#fn:{wanted}", "Tab reaches the passage's number"
    expect(marker(page, wanted)).to_have_attribute("aria-expanded", "false")
    page.keyboard.press("Enter")
    expect(page.locator(NOTE)).to_be_visible()
    expect(marker(page, wanted)).to_have_attribute("aria-expanded", "true")
    assert focused(page) == "note"
    assert page.evaluate("location.hash") == ""
    page.keyboard.press("Tab")  # into the note: its close button comes first
    assert focused(page) == "note"
    page.keyboard.press("Escape")
    expect(page.locator(NOTE)).to_have_count(0)
    assert focused(page) == f"#fn:{wanted}"


def test_keyboard_alone_reaches_every_annotation(site: Site, page: Page) -> None:
    page.goto(site.url(TEXT_PAGE))
    wanted = {f"#fn:{a['id']}" for a in annotations()}
    reached: set[str] = set()
    for _ in range(400):
        page.keyboard.press("Tab")
        reached.add(focused(page))
        if wanted <= reached:
            break
    assert wanted <= reached, f"never reached by Tab: {sorted(wanted - reached)}"


def test_a_hovered_number_opens_a_note_that_stays_while_hovered(site: Site, page: Page) -> None:
    wanted = annotations()[1]["id"]
    page.goto(site.url(TEXT_PAGE))
    number = marker(page, wanted)
    number.scroll_into_view_if_needed()
    number.hover()
    note = page.locator(NOTE)
    expect(note).to_be_visible()
    # Hoverable: the pointer can move onto the note, and it stays.
    box = note.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, steps=5)
    page.wait_for_timeout(800)  # longer than the script's closing delay
    expect(note).to_be_visible()
    # Dismissible: Escape closes it without moving focus there.
    page.keyboard.press("Escape")
    expect(note).to_have_count(0)
    assert focused(page) == "body"
    # And it goes when the pointer leaves both the number and the note.
    number.hover()
    expect(note).to_be_visible()
    page.mouse.move(5, 450, steps=5)
    expect(note).to_have_count(0)


def test_tapping_on_a_phone_opens_a_sheet_without_scrolling(
    site: Site, new_page: Callable[..., Page]
) -> None:
    page = phone_page(new_page, PHONE)
    page.goto(site.url(TEXT_PAGE))
    wanted = annotations()[1]["id"]
    number = marker(page, wanted)
    number.scroll_into_view_if_needed()
    before = page.evaluate("scrollY")
    number.tap()
    sheet = page.locator(NOTE)
    expect(sheet).to_be_visible()
    box = sheet.bounding_box()
    assert box is not None
    assert box["x"] == 0 and box["width"] == PHONE["width"], f"a sheet spans the screen: {box}"
    assert abs(box["y"] + box["height"] - PHONE["height"]) <= 1, f"along its bottom: {box}"
    assert page.evaluate("scrollY") == before, "tapping did not scroll the page"
    assert page.evaluate("location.hash") == ""
    sheet.locator(".explainer-note-close").tap()
    expect(sheet).to_have_count(0)
    assert page.evaluate("scrollY") == before
    # Tapping the passage itself opens its note too.
    other = claim("minister-not-told")["id"]
    point = words_of(page, other)
    before = page.evaluate("scrollY")
    page.touchscreen.tap(point["x"], point["y"])
    expect(sheet).to_be_visible()
    expect(sheet).to_contain_text(claim(other)["attribution"]["by"], ignore_case=True)
    assert page.evaluate("scrollY") == before


@pytest.mark.parametrize("size", [PHONE, {"width": 1280, "height": 900}], ids=["phone", "desktop"])
def test_footnote_numbers_are_24px_targets(
    site: Site, new_page: Callable[..., Page], size: dict[str, int]
) -> None:
    page = phone_page(new_page, size) if size == PHONE else new_page(viewport=size)
    page.goto(site.url(TEXT_PAGE))
    boxes = page.evaluate(
        """() => Array.from(document.querySelectorAll('article p.para a.footnote-ref'),
            a => { const r = a.getBoundingClientRect();
                   return {href: a.getAttribute('href'), width: r.width, height: r.height}; })"""
    )
    assert len(boxes) == len(annotations())
    small = [b for b in boxes if b["width"] < 24 or b["height"] < 24]
    assert not small, f"footnote numbers smaller than 24 x 24 px: {small}"


def test_no_horizontal_overflow_at_360px_with_the_sheet_open(
    site: Site, new_page: Callable[..., Page]
) -> None:
    page = phone_page(new_page, NARROW_PHONE)
    page.goto(site.url(TEXT_PAGE))
    number = marker(page, annotations()[1]["id"])
    number.scroll_into_view_if_needed()
    number.tap()
    expect(page.locator(NOTE)).to_be_visible()
    result = page.evaluate(
        """(width) => ({
            scrollWidth: document.scrollingElement.scrollWidth,
            innerWidth: window.innerWidth,
            culprits: Array.from(document.querySelectorAll('.explainer-note, .explainer-note *'))
                .filter(el => el.getBoundingClientRect().right > width + 1)
                .map(el => el.outerHTML.slice(0, 100)),
        })""",
        NARROW_PHONE["width"],
    )
    assert result["scrollWidth"] <= result["innerWidth"] == NARROW_PHONE["width"], result
    assert not result["culprits"], result


def test_without_javascript_a_number_leads_to_its_footnote(
    site: Site, new_page: Callable[..., Page]
) -> None:
    page = new_page(java_script_enabled=False)
    page.goto(site.url(TEXT_PAGE))
    expect(page.locator(f"{CONTENT} fieldset.explainer-layers")).to_be_hidden()
    wanted = annotations()[0]["id"]
    marker(page, wanted).click()
    assert page.evaluate("decodeURIComponent(location.hash)") == f"#fn:{wanted}"
    expect(page.locator(f"li[id='fn:{wanted}']")).to_be_in_viewport()


# --- accessibility with a note or a card open ---------------------------------------------


def _open(page: Page, what: str) -> None:
    if what == "note":
        number = marker(page, annotations()[0]["id"])
        number.scroll_into_view_if_needed()
        number.click()
        expect(page.locator(NOTE)).to_be_visible()
    elif what == "sheet":
        number = marker(page, annotations()[0]["id"])
        number.scroll_into_view_if_needed()
        number.tap()
        expect(page.locator(NOTE)).to_be_visible()
    else:
        link = page.locator(f"{CONTENT} p.para a[data-actor]").first
        link.focus()
        expect(page.locator(CARD)).to_be_visible()


@pytest.mark.parametrize("what", ["note", "sheet", "card"])
@pytest.mark.parametrize("scheme", SCHEMES)
def test_no_serious_axe_violation_with_a_note_or_card_open(
    site: Site, new_page: Callable[..., Page], axe_script: Path, scheme: str, what: str
) -> None:
    preference, palette = SCHEMES[scheme]
    if what == "sheet":
        page = new_page(viewport=PHONE, is_mobile=True, has_touch=True, color_scheme=preference)
    else:
        page = new_page(color_scheme=preference)
    page.goto(site.url(TEXT_PAGE))
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == palette
    _open(page, what)
    page.add_script_tag(path=str(axe_script))
    violations = page.evaluate(AXE_RUN_JS)
    assert not violations, f"axe-core with the {what} open ({scheme}):\n{_report(violations)}"
