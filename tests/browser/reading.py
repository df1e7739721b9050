"""What the reading-in-place tests share (test_in_place.py, test_layers_and_cards.py):
the pair fixture's YAML, and where a passage, its number and its note are in a page."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from playwright.sync_api import Page
from ruamel.yaml import YAML

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
def fixture_yaml(rel_path: str) -> Any:
    return YAML(typ="safe").load((PROJECT / "source_texts" / rel_path).read_text("utf-8"))


def annotations(slug: str = "wire-report") -> list[dict[str, Any]]:
    """The annotations of a text that get a note (mentions are links, not notes)."""
    return [a for a in fixture_yaml(f"{slug}.yml")["annotations"] if a["kind"] != "mention"]


def claim(annotation_id: str) -> dict[str, Any]:
    return next(a for a in annotations() if a["id"] == annotation_id)


def actor(actor_id: str) -> dict[str, Any]:
    return next(a for a in fixture_yaml("registry/actors.yml")["actors"] if a["id"] == actor_id)


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


def phone_page(new_page: Any, size: dict[str, int]) -> Page:
    page: Page = new_page(viewport=size, is_mobile=True, has_touch=True, device_scale_factor=2)
    return page
