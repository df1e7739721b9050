"""Layer switches and actor preview cards, in Debian's Chromium (issue 9, points 4 and 9):
readers switch claims, context, text notes, links to actors and dates off and on,
remembered across pages; an actor link shows a preview card on hover and on focus; both
work from files and with Material's instant navigation on. The site is the pair fixture's.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Browser, Page, expect
from ruamel.yaml import YAML

from tests.browser.reading import (
    CARD,
    CONTENT,
    LAYERS,
    NOTE,
    OTHER_TEXT_PAGE,
    TEXT_PAGE,
    actor,
    annotations,
    claim,
    fixture_yaml,
    marker,
    words_of,
)

if TYPE_CHECKING:
    from tests.browser.conftest import Site

pytestmark = pytest.mark.browser


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
        expect(page.locator(f"{CONTENT} h1")).to_contain_text(
            fixture_yaml("vos-statement.yml")["title"]
        )
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
