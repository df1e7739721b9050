"""The data docs/assets/explainer.js reads from a page (builder/render/previews.py): the
preview cards of the actors the page links to, as JSON that cannot end its element."""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser

from builder import pipeline
from builder.core.index import ProjectIndex
from builder.core.prose import plain_text
from builder.render import labels
from builder.render.previews import (
    ATTRIBUTE,
    ELEMENT_ID,
    data_element,
    linked_actors,
    page_data,
    script_data,
)
from tests.conftest import PAIR

_BLOCK = re.compile(rf"<div id=\"{ELEMENT_ID}\" hidden {ATTRIBUTE}='([^'<>]*)'></div>\n\Z")


def test_script_data_escapes_what_could_end_the_element() -> None:
    value = {"name": "</script><script>alert(1)</script> & \u2028\u2029 <!--"}
    text = script_data(value)
    for unsafe in ("<", ">", "&", "\u2028", "\u2029"):
        assert unsafe not in text
    assert json.loads(text) == value


class _Attributes(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, attrs))


def test_the_data_element_holds_any_text_as_one_attribute() -> None:
    value = {"name": "' onmouseover=alert(1) x='\" /><script>alert(2)</script> &amp; \u2028"}
    parser = _Attributes()
    parser.feed(str(data_element(value)))
    (tag, attrs), *rest = parser.found
    assert tag == "div" and not rest, parser.found
    assert dict(attrs).keys() == {"id", "hidden", ATTRIBUTE}
    assert json.loads(str(dict(attrs)[ATTRIBUTE])) == value


def test_linked_actors_follow_the_pages_own_links() -> None:
    markdown = (
        "[A](../actors/a-one.md) [B](../actors/b-two.md#x) [A again](../actors/a-one.md)"
        ' [index](../actors/index.md) [C](c-three.md "title") [chronology](../chronology.md)'
    )
    assert linked_actors("texts/t.md", markdown) == ("a-one", "b-two", "index")
    assert linked_actors("actors/b-two.md", "[C](c-three.md) [T](../texts/t.md)") == ("c-three",)
    assert linked_actors("texts/t.md", r"\[not a link\]\(../actors/a-one.md\)") == ()


def test_every_generated_page_carries_the_cards_of_the_actors_it_links_to() -> None:
    result = pipeline.build(PAIR)
    assert result.project is not None and result.pages, result.diagnostics
    project, pages = result.project, result.pages
    index = ProjectIndex.build(project)
    for path, markdown in pages.items():
        match = _BLOCK.search(markdown)
        assert match, f"{path} ends with the script's data"
        data = json.loads(html.unescape(match.group(1)))
        assert data["labels"]["close"] == labels.NOTE_CLOSE
        linked = {i for i in linked_actors(path, markdown) if i in project.actor}
        assert set(data["actors"]) == linked, path
    text_page = pages["texts/wire-report.md"]
    cards = json.loads(html.unescape(_BLOCK.search(text_page).group(1)))["actors"]  # type: ignore[union-attr]
    rivera = project.actor["carlos-rivera"]
    assert cards["carlos-rivera"]["name"] == rivera.name
    assert cards["carlos-rivera"]["role"] == rivera.role
    assert cards["carlos-rivera"]["kind"] == labels.ACTOR_KIND[rivera.kind]
    claims_about = len(index.claims_about("carlos-rivera"))
    assert f"{claims_about} claims about them" in cards["carlos-rivera"]["counts"]
    assert page_data("texts/wire-report.md", text_page, project, index) in text_page


def test_a_profile_shows_as_its_words() -> None:
    profile = "The *minister* who [contradicts](actor:x) it.\n\n- one\n- `two` <b>"
    assert plain_text(profile) == "The minister who contradicts it. one two <b>"
    assert html.escape(plain_text("a & b")) == "a &amp; b"
