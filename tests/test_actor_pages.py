"""Actor pages and the actors index (issue 9, point 9), in the generated Markdown: an
infobox, claims by status then by text, mentions collapsed, the most involved actors first,
and the registry's `editors_note` kept off every page. The browser side (axe, phones) is in
tests/browser/test_accessibility.py and test_phone.py, which cover both page types."""

from __future__ import annotations

import re
from pathlib import Path

from builder import pipeline
from builder.render import labels

REGISTRY = Path("source_texts/registry/actors.yml")


def _pages(project: Path) -> dict[str, str]:
    result = pipeline.build(project)
    assert result.ok, result.diagnostics
    return result.pages


def test_the_infobox_holds_kind_role_relations_and_involvement(pair: Path) -> None:
    page = _pages(pair)["actors/elena-vos.md"]
    box = page[page.index('<aside class="actor-infobox"') : page.index("</aside>")]
    assert f'aria-label="{labels.INFOBOX_NAME}"' in box
    terms = re.findall(r"<dt>(.*?)</dt>", box)
    assert terms == [
        labels.INFOBOX_KIND,
        labels.INFOBOX_ROLE,
        labels.INFOBOX_RELATIONS,
        labels.INFOBOX_INVOLVEMENT,
    ]
    assert "Minister in the government of [Ruritania](ruritania.md)" in box
    assert "[2 mentions](#mentions) · [5 claims by](#claims-by)" in box
    # The infobox comes before the profile.
    assert page.index("</aside>") < page.index("The minister who contradicts")


def test_claims_are_grouped_by_status_in_the_order_of_the_statuses(pair: Path) -> None:
    page = _pages(pair)["actors/elena-vos.md"]
    section = page[page.index("{ #claims-by }") : page.index("{ #claims-about }")]
    headings = re.findall(r"^### (\w+) \\\((\d+)\\\) \{ #claims-by-(\w+) \}$", section, re.M)
    assert [status for _, _, status in headings] == ["reported", "corroborated", "disputed"]
    for word, count, status in headings:
        assert word == labels.STATUS[status].capitalize()
        group = section.split(f"{{ #claims-by-{status} }}")[1].split("\n### ")[0]
        items = [line for line in group.splitlines() if line.startswith("- ")]
        assert len(items) == int(count)
        assert all(f'status-{status}"' in item for item in items)


def test_mentions_are_collapsed_and_left_out_of_search(pair: Path) -> None:
    page = _pages(pair)["actors/carlos-rivera.md"]
    after = page.split("{ #mentions }")[1]
    assert after.lstrip().startswith(
        '<details class="actor-mentions" markdown="1" data-search-exclude>'
    )
    assert f"<summary>{labels.MENTIONS_SHOW}</summary>" in after
    assert "](../texts/wire-report.md#p-" in after.split("</details>")[0]


def test_the_index_lists_the_most_involved_actors_first(pair: Path) -> None:
    page = _pages(pair)["actors/index.md"]
    rows = [line for line in page.splitlines() if line.startswith("| [")]
    involvement = [sum(int(cell) for cell in row.strip("| ").split(" | ")[3:]) for row in rows]
    assert len(rows) == 5  # every actor of the pair fixture
    assert involvement == sorted(involvement, reverse=True)
    assert involvement[0] > involvement[-1]


def test_an_editors_note_reaches_no_page(pair: Path) -> None:
    registry = pair / REGISTRY
    text = registry.read_text("utf-8")
    note = "    editors_note: Listed so that the misspelling Ryvera is linked, for editors.\n"
    anchor = "    profile: The president whose departure both texts describe.\n"
    assert anchor in text
    registry.write_text(text.replace(anchor, anchor + note), "utf-8")
    pages = _pages(pair)
    assert not [path for path, page in pages.items() if "Ryvera" in page]
    assert "The president whose departure both texts describe." in pages["actors/carlos-rivera.md"]
