"""Reading in place, in Debian's Chromium (issue 9, points 2, 4 and 9): a note opens beside
its passage (a bottom sheet on phones) by click, tap or keyboard, and Escape closes it with
focus back where it was; readers switch layers of marks on and off, remembered across
pages; an actor link shows a preview card on hover and on focus. The site is the pair
fixture's; expected words come from its YAML, not from the builder's output.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from playwright.sync_api import Browser, Page, expect
from ruamel.yaml import YAML

from tests.browser.test_accessibility import _AXE_RUN_JS as AXE_RUN_JS
from tests.browser.test_accessibility import SCHEMES, _report

if TYPE_CHECKING:
    from tests.browser.conftest import Site

pytestmark = pytest.mark.browser

PROJECT = Path(__file__).resolve().parents[1] / "fixtures" / "pair"
TEXT_PAGE = "texts/wire-report.md"
OTHER_TEXT_PAGE = "texts/vos-statement.md"
CONTENT = "article.md-content__inner"
NOTE = ".explainer-note"
CARD = ".explainer-card"
PHONE = {"width": 390, "height": 844}
NARROW_PHONE = {"width": 360, "height": 740}
LAYERS = ("claim", "context", "text_note", "mention", "date")


@cache
def _yaml(rel_path: str) -> Any:
    return YAML(typ="safe").load((PROJECT / "source_texts" / rel_path).read_text("utf-8"))


def annotations(slug: str = "wire-report") -> list[dict[str, Any]]:
    """The annotations of a text that get a note (mentions are links, not notes)."""
    return [a for a in _yaml(f"{slug}.yml")["annotations"] if a["kind"] != "mention"]


def claim(annotation_id: str) -> dict[str, Any]:
    return next(a for a in annotations() if a["id"] == annotation_id)


def actor(actor_id: str) -> dict[str, Any]:
    return next(a for a in _yaml("registry/actors.yml")["actors"] if a["id"] == actor_id)


def marker(page: Page, annotation_id: str) -> Any:
    return page.locator(f"[id='fnref:{annotation_id}'] a.footnote-ref")


# The middle of the first run of a passage's own words (not a link inside it), in the
# viewport's coordinates, after scrolling it into view.
_WORDS_POINT_JS = """(id) => {
    const mark = document.getElementById(id);
    const node = Array.from(mark.childNodes).find(n => n.nodeType === 3 && n.data.trim());
    const range = document.createRange();
    const start = node.data.search(/\\S/);
    range.setStart(node, start);
    range.setEnd(node, Math.min(node.data.length, start + 4));
    mark.scrollIntoView({block: 'center'});
    const box = range.getBoundingClientRect();
    return {x: box.left + box.width / 2, y: box.top + box.height / 2};
}"""


def words_of(page: Page, annotation_id: str) -> dict[str, float]:
    point: dict[str, float] = page.evaluate(_WORDS_POINT_JS, f"ann-{annotation_id}")
    return point


def focused(page: Page) -> str:
    """What has focus: the footnote a marker leads to, or 'note', 'body', a tag name."""
    result: str = page.evaluate(
        """() => {
            const el = document.activeElement;
            if (!el || el === document.body) return 'body';
            if (el.closest('.explainer-note')) return 'note';
            return el.matches('a.footnote-ref') ? el.getAttribute('href') : el.tagName;
        }"""
    )
    return result


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


def _phone(new_page: Callable[..., Page], size: dict[str, int]) -> Page:
    return new_page(viewport=size, is_mobile=True, has_touch=True, device_scale_factor=2)


def test_tapping_on_a_phone_opens_a_sheet_without_scrolling(
    site: Site, new_page: Callable[..., Page]
) -> None:
    page = _phone(new_page, PHONE)
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
    page = _phone(new_page, size) if size == PHONE else new_page(viewport=size)
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
    page = _phone(new_page, NARROW_PHONE)
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


# --- layers -------------------------------------------------------------------------------

# How each layer shows in the text: for each element of the layer, whether it is marked
# (a highlight, an underline, a tag, a number, a date beside the paragraph).
_LAYER_SHOWN_JS = """(layer) => {
    const shown = (el) => getComputedStyle(el).display !== 'none';
    const q = (s) => Array.from(document.querySelectorAll('article p.para ' + s));
    const highlighted = (el) => { const s = getComputedStyle(el);
        return s.backgroundColor !== 'rgba(0, 0, 0, 0)' || s.borderBottomStyle !== 'none'
            || s.textDecorationLine !== 'none'; };
    if (layer === 'mention') return q('a[data-actor]').map(a =>
        getComputedStyle(a).textDecorationLine.includes('underline')
        && getComputedStyle(a).pointerEvents !== 'none');
    if (layer === 'date') return q('.para-dates').map(shown).concat(
        q('.event-passage').map(e => getComputedStyle(e).borderBottomStyle !== 'none'));
    const marks = q('mark.ann-' + layer + '[data-ann]').map(highlighted);
    const numbers = q('sup[data-layer="' + layer + '"]').map(shown);
    const tags = layer === 'claim' ? q('.claim-tag').map(shown) : [];
    return marks.concat(numbers, tags);
}"""


def _shown(page: Page, layer: str) -> list[bool]:
    states: list[bool] = page.evaluate(_LAYER_SHOWN_JS, layer)
    return states


def _page_with(layer: str) -> str:
    return OTHER_TEXT_PAGE if layer == "text_note" else TEXT_PAGE


@pytest.mark.parametrize("layer", LAYERS)
def test_each_layer_switches_off_and_on(site: Site, page: Page, layer: str) -> None:
    page.goto(site.url(_page_with(layer)))
    switch = page.locator(f"{CONTENT} fieldset.explainer-layers input[data-layer='{layer}']")
    expect(switch).to_be_visible()
    expect(switch).to_be_checked()
    others = [other for other in LAYERS if other != layer]
    before = {other: _shown(page, other) for other in others}
    assert _shown(page, layer) and all(_shown(page, layer)), f"the {layer} layer shows"
    switch.uncheck()
    assert not any(_shown(page, layer)), f"the {layer} layer is off: {_shown(page, layer)}"
    assert {other: _shown(page, other) for other in others} == before, "the others stay"
    switch.check()
    assert all(_shown(page, layer)), f"the {layer} layer is back"


def test_a_passage_of_a_layer_switched_off_opens_nothing(site: Site, page: Page) -> None:
    page.goto(site.url(TEXT_PAGE))
    page.locator(f"{CONTENT} input[data-layer='claim']").uncheck()
    point = words_of(page, "minister-not-told")
    page.mouse.click(point["x"], point["y"])
    page.wait_for_timeout(300)
    expect(page.locator(NOTE)).to_have_count(0)


def test_layer_choices_are_remembered_across_pages(site: Site, page: Page) -> None:
    page.goto(site.url(TEXT_PAGE))
    page.locator(f"{CONTENT} input[data-layer='claim']").uncheck()
    page.locator(f"{CONTENT} input[data-layer='date']").uncheck()
    page.goto(site.url(OTHER_TEXT_PAGE))
    expect(page.locator(f"{CONTENT} input[data-layer='claim']")).not_to_be_checked()
    expect(page.locator(f"{CONTENT} input[data-layer='date']")).not_to_be_checked()
    expect(page.locator(f"{CONTENT} input[data-layer='context']")).to_be_checked()
    assert not any(_shown(page, "claim")) and all(_shown(page, "mention"))
    page.locator(f"{CONTENT} input[data-layer='claim']").check()
    page.goto(site.url(TEXT_PAGE))
    assert all(_shown(page, "claim")) and not any(_shown(page, "date"))


def test_notes_and_layers_work_from_files(site: Site, browser: Browser) -> None:
    """Opened from the folder (file://): nothing to fetch, and storage may refuse."""
    folder = site.root.as_uri()
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        context.route(
            "**/*", lambda r: r.continue_() if r.request.url.startswith(folder) else r.abort()
        )
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(error.stack or str(error)))
        page.goto((site.root / TEXT_PAGE.removesuffix(".md") / "index.html").as_uri())
        page.locator(f"{CONTENT} input[data-layer='context']").uncheck()
        assert not any(_shown(page, "context"))
        point = words_of(page, "minister-not-told")
        page.mouse.click(point["x"], point["y"])
        wanted = claim("minister-not-told")["attribution"]["by"]
        expect(page.locator(NOTE)).to_contain_text(wanted)
        page.locator(f"{CONTENT} p.para a[data-actor='elena-vos']").first.focus()
        expect(page.locator(CARD)).to_contain_text(actor("elena-vos")["role"])
        # (The theme's search cannot load its index from files; that error is not ours.)
        assert not [error for error in errors if "explainer.js" in error], errors
    finally:
        context.close()


# --- preview cards ------------------------------------------------------------------------


def test_an_actor_link_shows_a_preview_card_on_hover(site: Site, page: Page) -> None:
    wanted = actor("carlos-rivera")
    page.goto(site.url(TEXT_PAGE))
    link = page.locator(f"{CONTENT} p.para a[href*='actors/{wanted['id']}']").first
    link.scroll_into_view_if_needed()
    link.hover()
    card = page.locator(CARD)
    expect(card).to_be_visible()
    expect(card).to_contain_text(wanted["name"])
    expect(card).to_contain_text(wanted["role"])
    expect(card).to_contain_text(wanted["profile"])
    expect(link).to_have_attribute("aria-describedby", "explainer-card")
    box = card.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + 10, box["y"] + box["height"] / 2, steps=5)
    page.wait_for_timeout(800)
    expect(card).to_be_visible()  # hoverable
    page.keyboard.press("Escape")
    expect(card).to_have_count(0)  # dismissible
    link.hover()
    expect(card).to_be_visible()
    page.mouse.move(5, 450, steps=5)
    expect(card).to_have_count(0)


@pytest.mark.parametrize("md_path", [TEXT_PAGE, "chronology.md", "actors/elena-vos.md"])
def test_an_actor_link_shows_a_preview_card_on_focus(site: Site, page: Page, md_path: str) -> None:
    page.goto(site.url(md_path))
    link = page.locator(f"{CONTENT} a[data-actor]:visible").first
    expect(link).to_be_attached()
    actor_id = link.get_attribute("data-actor")
    assert actor_id
    link.focus()
    card = page.locator(CARD)
    expect(card).to_be_visible()
    expect(card).to_contain_text(actor(actor_id)["name"])
    page.keyboard.press("Escape")
    expect(card).to_have_count(0)
    assert page.evaluate("document.activeElement.getAttribute('data-actor')") == actor_id
    page.evaluate("document.activeElement.blur()")
    link.focus()
    expect(card).to_be_visible()
    page.evaluate("document.activeElement.blur()")
    expect(card).to_have_count(0)


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


# --- with Material's instant navigation on (off in mkdocs.yml; the script must not care) ----


@pytest.fixture(scope="module")
def instant_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The browser tests' site, built with `navigation.instant` on, served on 127.0.0.1.
    (Material's instant navigation needs `site_url`: the server's address.)"""
    from tests.browser.conftest import Site as SiteType
    from tests.browser.conftest import _pair_as_the_real_site, _QuietHandler, mkdocs_build_strict

    project = _pair_as_the_real_site(tmp_path_factory.mktemp("instant") / "site")
    handler = functools.partial(_QuietHandler, directory=str(project / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    base_url = f"http://127.0.0.1:{server.server_address[1]}"
    yaml = YAML(typ="rt")
    config = yaml.load((project / "mkdocs.yml").read_text("utf-8"))
    config["theme"]["features"].append("navigation.instant")
    config["site_url"] = f"{base_url}/"
    with (project / "mkdocs.yml").open("w", encoding="utf-8") as stream:
        yaml.dump(config, stream)
    root = mkdocs_build_strict(project)
    thread = threading.Thread(target=server.serve_forever, name="instant-site", daemon=True)
    thread.start()
    try:
        yield SiteType(root=root, base_url=base_url)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def test_with_instant_navigation_the_next_page_works_too(
    instant_site: Site, browser: Browser
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        context.route(
            "**/*",
            lambda r: r.continue_() if instant_site.is_local(r.request.url) else r.abort(),
        )
        page = context.new_page()
        page.goto(instant_site.url(TEXT_PAGE))
        page.evaluate("window.__same_document = true")  # survives only instant navigation
        page.locator(f"{CONTENT} input[data-layer='context']").uncheck()
        page.locator(".md-nav__link[href*='vos-statement']").first.click()
        page.wait_for_url("**/vos-statement/")
        expect(page.locator(f"{CONTENT} h1")).to_contain_text(_yaml("vos-statement.yml")["title"])
        assert page.evaluate("window.__same_document") is True, "instant navigation is on"
        switch = page.locator(f"{CONTENT} input[data-layer='context']")
        expect(switch).to_be_visible()
        expect(switch).not_to_be_checked()
        wanted = annotations("vos-statement")[0]
        number = marker(page, wanted["id"])
        number.scroll_into_view_if_needed()
        number.click()
        expect(page.locator(NOTE)).to_have_count(1)
        expect(page.locator(NOTE)).to_contain_text(wanted["attribution"]["by"], ignore_case=True)
        page.keyboard.press("Escape")
        expect(page.locator(NOTE)).to_have_count(0)
        link = page.locator(f"{CONTENT} p.para a[data-actor]").first
        link.focus()
        expect(page.locator(CARD)).to_contain_text(
            actor(str(link.get_attribute("data-actor")))["name"]
        )
        assert page.evaluate("location.hash") == ""
    finally:
        context.close()
