"""What a reader sees: the built site, in Debian's Chromium.

The site is the pair fixture's (tests/fixtures/pair). Expected values come from its
``source_texts/`` (the YAML the builder reads), not from the builder's output, so a builder that
drops attributions or links fails here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from playwright.sync_api import Page, expect
from ruamel.yaml import YAML

if TYPE_CHECKING:
    from tests.browser.conftest import Site

pytestmark = pytest.mark.browser

PROJECT = Path(__file__).resolve().parents[1] / "fixtures" / "pair"
TEXT_SLUG = "wire-report"
TEXT_PAGE = f"texts/{TEXT_SLUG}.md"
CHRONOLOGY_PAGE = "chronology.md"
ACTOR_ID = "carlos-rivera"
ACTOR_PAGE = f"actors/{ACTOR_ID}.md"
PHONE = {"width": 390, "height": 844}

# The reading area of a Material page (not the header, navigation or footer).
CONTENT = "article.md-content__inner"
NOTE = ".explainer-note"  # a note opened in place (docs/assets/explainer.js)


@cache
def _yaml(rel_path: str) -> Any:
    return YAML(typ="safe").load((PROJECT / "source_texts" / rel_path).read_text("utf-8"))


def claims() -> list[dict[str, Any]]:
    sidecar = _yaml(f"{TEXT_SLUG}.yml")
    return [a for a in sidecar.get("annotations") or [] if a.get("kind") == "claim"]


def actor_name(actor_id: str) -> str:
    actors = _yaml("registry/actors.yml")["actors"]
    return next(str(a["name"]) for a in actors if a["id"] == actor_id)


def _normalise(text: str) -> str:
    return " ".join(text.split()).casefold()


def test_text_page_highlights_claims(site: Site, page: Page) -> None:
    page.goto(site.url(TEXT_PAGE))
    # Highlights in the text carry an id (the reading guide's sample highlight has none).
    marks = page.locator(f"{CONTENT} mark.ann.ann-claim[id^='ann-']")
    expected = len(claims())
    assert expected >= 4, f"the sidecar should have at least 4 claims, has {expected}"
    assert marks.count() == expected, "every claim in the sidecar is highlighted exactly once"
    for i in (0, marks.count() - 1):
        mark = marks.nth(i)
        mark.scroll_into_view_if_needed()
        expect(mark).to_be_visible()
        expect(mark).to_have_id(re.compile(r"^ann-[a-z0-9-]+$"))
        background = mark.evaluate("el => getComputedStyle(el).backgroundColor")
        assert background not in ("transparent", "rgba(0, 0, 0, 0)"), "claims are highlighted"
    # Every paragraph has an id and a permalink to itself.
    first = page.locator(f"{CONTENT} #p-1")
    expect(first).to_be_visible()
    expect(first.locator("a.para-num")).to_have_attribute("href", re.compile(r"#p-1$"))


def test_footnote_number_opens_the_note_with_its_attribution(site: Site, page: Page) -> None:
    claim = claims()[0]
    attribution = str(claim["attribution"]["by"])
    page.goto(site.url(TEXT_PAGE))
    # The claim's footnote reference: the first one at or after its highlight in the paragraph.
    found = page.evaluate(
        """(id) => {
            const mark = document.getElementById(id);
            if (!mark) return 'no element #' + id;
            const block = mark.closest('p, li, div, blockquote') || mark.parentElement;
            const ref = Array.from(block.querySelectorAll('a.footnote-ref')).find(a =>
                mark.contains(a) ||
                (mark.compareDocumentPosition(a) & Node.DOCUMENT_POSITION_FOLLOWING));
            if (!ref) return 'no footnote reference after #' + id;
            ref.setAttribute('data-test-ref', id);
            return 'ok';
        }""",
        f"ann-{claim['id']}",
    )
    assert found == "ok", found
    ref = page.locator(f"a[data-test-ref='ann-{claim['id']}']")
    note = page.locator(NOTE)
    expect(note).to_have_count(0)
    ref.scroll_into_view_if_needed()
    ref.hover()
    expect(note).to_be_visible()
    expect(note).to_contain_text(attribution, ignore_case=True)


def test_actor_link_leads_to_actor_page_and_back(site: Site, page: Page) -> None:
    page.goto(site.url(TEXT_PAGE))
    link = page.locator(f"{CONTENT} [id^='p-'] a[href*='actors/{ACTOR_ID}']").first
    link.scroll_into_view_if_needed()
    expect(link).to_be_visible()
    link.click()
    page.wait_for_url(re.compile(rf"/actors/{ACTOR_ID}(/|\.html)"))
    expect(page.locator(f"{CONTENT} h1")).to_contain_text(actor_name(ACTOR_ID))

    back = page.locator(f"{CONTENT} a[href*='texts/{TEXT_SLUG}']").first
    expect(back).to_be_attached()
    back.scroll_into_view_if_needed()
    back.click()
    page.wait_for_url(re.compile(rf"/texts/{TEXT_SLUG}(/|\.html)"))
    expect(page.locator(f"{CONTENT} mark.ann-claim").first).to_be_visible()


_SECTIONS_JS = """() => {
    // Each event's entry (an h3) is placed by its first date; the dates of its other
    // accounts, which may differ, follow inside the entry and are not placements.
    const sections = [];
    let entryOpen = false;
    const dates = 'article time[datetime], article data.when[value]';
    for (const el of document.querySelectorAll(`article h2, article h3, ${dates}`)) {
        if (el.tagName === 'H3') {
            entryOpen = true;
        } else if (el.tagName === 'H2') {
            const time = el.querySelector('time[datetime]');
            sections.push({
                heading: el.textContent.replace('¶', '').trim(),
                datetime: time ? time.getAttribute('datetime') : null,
                events: [],
            });
        } else if (!el.closest('h2') && sections.length && entryOpen) {
            const value = el.getAttribute('datetime') || el.getAttribute('value');
            sections[sections.length - 1].events.push(value);
            entryOpen = false;
        }
    }
    return sections;
}"""

_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def _day_key(value: str) -> tuple[int, int, int]:
    """(year, month, day) of an ISO date or datetime, or of the known bound of an EDTF
    interval (`../2024-12-07`, `2024-12-09/..`) or approximation (`2024-12-08~`);
    missing parts count as 0 (sort first)."""
    match = _ISO_DATE.match(value.removeprefix("../"))
    assert match, f"not an ISO date: {value!r}"
    year, month, day = match.groups()
    return int(year), int(month or 0), int(day or 0)


def _heading_day(section: dict[str, Any]) -> tuple[int, int, int]:
    if section["datetime"]:
        return _day_key(section["datetime"])
    from dateutil import parser  # python-dateutil comes with MkDocs (ghp-import)

    try:
        parsed = parser.parse(section["heading"], fuzzy=True, default=datetime(1, 1, 1))
    except (ValueError, OverflowError) as error:
        raise AssertionError(f"chronology heading is not a date: {section['heading']!r}") from error
    return parsed.year, parsed.month, parsed.day


def _heading_key(section: dict[str, Any]) -> tuple[tuple[int, int, int], int]:
    """Sort key of a day heading: events known only to be before a day come before it,
    those known only to be after it come after it ("Before 8 December 2024", "8 December
    2024", "After 8 December 2024")."""
    heading = section["heading"].casefold()
    rank = -1 if heading.startswith("on or before") else 0
    rank = {"before": -2, "after": 1}.get(heading.split(maxsplit=1)[0], rank)
    return _heading_day(section), rank


def test_chronology_headings_are_in_time_order(site: Site, page: Page) -> None:
    page.goto(site.url(CHRONOLOGY_PAGE))
    sections = page.evaluate(_SECTIONS_JS)
    assert len(sections) >= 2, f"expected one heading per day, found {sections!r}"
    keys = [_heading_key(section) for section in sections]
    headings = [section["heading"] for section in sections]
    assert keys == sorted(keys), f"headings out of order: {headings}"
    assert len(set(keys)) == len(keys), f"a day has more than one heading: {headings}"
    for section, (day, rank) in zip(sections, keys, strict=True):
        assert section["events"], f"heading {section['heading']!r} has no dated event"
        for event in section["events"]:
            # "Before 8 December" holds intervals ending the day before (../2024-12-07),
            # "After" ones starting the day after; the others hold the heading's own day.
            shown, size = _day_key(event), 3 if day[2] else 2
            fits = {-2: shown < day, 1: shown > day}.get(rank, shown[:size] == day[:size])
            assert fits, f"event {event} sits under heading {section['heading']!r}"
    # Within the page, dated events never go back in time.
    event_days = [_day_key(event) for section in sections for event in section["events"]]
    assert event_days == sorted(event_days)


@pytest.mark.parametrize("md_path", [TEXT_PAGE, CHRONOLOGY_PAGE, ACTOR_PAGE])
def test_phone_viewport_has_no_horizontal_overflow(
    site: Site, new_page: Callable[..., Page], md_path: str
) -> None:
    page = new_page(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=3)
    page.goto(site.url(md_path))
    page.wait_for_load_state("load")
    result = page.evaluate(
        """(width) => ({
            scrollWidth: document.scrollingElement.scrollWidth,
            innerWidth: window.innerWidth,
            culprits: Array.from(document.querySelectorAll('article *'))
                .filter(el => el.getBoundingClientRect().right > width + 1)
                .slice(0, 5)
                .map(el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
                    + (el.className && typeof el.className === 'string'
                        ? '.' + el.className.trim().split(/\\s+/).join('.') : '')),
        })""",
        PHONE["width"],
    )
    # A mobile browser zooms out to fit wide content, which widens innerWidth too: so compare
    # with the phone's own width as well.
    width = PHONE["width"]
    assert result["scrollWidth"] <= result["innerWidth"] == width, (
        f"{md_path} is wider than a {width}px phone (zoomed out or scrolls sideways): {result}"
    )


# Violations that come from the Material theme's own markup would be listed here as (axe rule,
# CSS selector, why). There are none left: the search dialog is named in
# overrides/partials/search.html and the footer's contrast is fixed in docs/assets/layout.css.
AXE_THEME_EXCEPTIONS: list[tuple[str, str, str]] = []

_AXE_RUN_JS = """async (exceptions) => {
    const results = await axe.run(document, {resultTypes: ['violations']});
    const ignored = (rule, node) => exceptions.some(([id, selector]) => {
        if (id !== rule) return false;
        const element = document.querySelector(node.target.join(' '));
        return element !== null && element.closest(selector) !== null;
    });
    return results.violations
        .filter(v => v.impact === 'serious' || v.impact === 'critical')
        .map(v => ({...v, nodes: v.nodes.filter(node => !ignored(v.id, node))}))
        .filter(v => v.nodes.length > 0)
        .map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => ({
            target: n.target, html: n.html, summary: n.failureSummary}))}));
}"""


@pytest.mark.parametrize("md_path", [TEXT_PAGE, CHRONOLOGY_PAGE, ACTOR_PAGE])
def test_no_serious_accessibility_violations(
    site: Site, page: Page, axe_script: Path, md_path: str
) -> None:
    page.goto(site.url(md_path))
    page.add_script_tag(path=str(axe_script))
    exceptions = [[rule, selector] for rule, selector, _ in AXE_THEME_EXCEPTIONS]
    serious = page.evaluate(_AXE_RUN_JS, exceptions)
    report = "\n".join(
        f"- {v['id']} ({v['impact']}, {len(v['nodes'])} element(s)): {v['help']}\n"
        + "\n".join(
            f"    {n['target']}: {n['html'][:120]}\n      {' / '.join(n['summary'].splitlines()[1:3])}"
            for n in v["nodes"][:5]
        )
        for v in serious
    )
    assert not serious, f"axe-core found serious/critical violations on {md_path}:\n{report}"


@pytest.mark.parametrize("md_path", ["index.md", TEXT_PAGE, CHRONOLOGY_PAGE, ACTOR_PAGE])
def test_pages_run_without_javascript_errors(site: Site, page: Page, md_path: str) -> None:
    page.goto(site.url(md_path))
    page.wait_for_load_state("load")
    assert page.errors == []  # type: ignore[attr-defined]
