"""End to end: a real `mkdocs build --strict` of the real explainer, checked in its HTML."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.slow


def mkdocs(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    result = mkdocs("build", "--strict", "--site-dir", str(out), cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return out


class Elements(HTMLParser):
    """Collects tags with their attributes and text, enough for assertions."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.times: list[str] = []
        self.ids: set[str] = set()
        self.h2: list[str] = []
        self._in_h2 = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"] or "")
        if tag == "a" and values.get("href"):
            self.links.append(values["href"] or "")
        if tag == "time" and values.get("datetime"):
            self.times.append(values["datetime"] or "")
        if tag == "h2":
            self._in_h2 = True
            self.h2.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "h2":
            self._in_h2 = False

    def handle_data(self, data: str) -> None:
        if self._in_h2:
            self.h2[-1] += data


def parse(path: Path) -> tuple[str, Elements]:
    html = path.read_text(encoding="utf-8")
    elements = Elements()
    elements.feed(html)
    return html, elements


def test_claim_footnote_carries_its_attribution(site: Path) -> None:
    html, elements = parse(site / "texts" / "assad-departure" / "index.html")
    footnote = re.search(r'<li id="fn:maher-not-told">(.*?)</li>', html, re.S)
    assert footnote, "footnote for claim maher-not-told missing"
    body = footnote.group(1)
    assert "three of Mr. Assad’s advisers" in body
    assert "anonymous" in body and "three sources, as stated" in body
    assert 'href="../../sources/#src-' in body
    assert "ann-maher-not-told" in elements.ids
    assert len(re.findall(r'<mark class="ann ann-claim"', html)) >= 10


def test_every_actor_has_a_page_that_links_back_to_the_text(site: Path) -> None:
    from ruamel.yaml import YAML

    registry = YAML(typ="safe").load((REPO / "source_texts/registry/actors.yml").read_text())
    actor_ids = [a["id"] for a in registry["actors"]]
    assert len(actor_ids) >= 10
    _, index = parse(site / "actors" / "index.html")
    for actor_id in actor_ids:
        page = site / "actors" / actor_id / "index.html"
        assert page.is_file(), f"no page for actor {actor_id}"
        assert f"{actor_id}/" in " ".join(index.links), f"actor index does not link {actor_id}"
        _, elements = parse(page)
        backlinks = [link for link in elements.links if "texts/assad-departure/" in link]
        assert backlinks, f"actors/{actor_id} has no link back to the text"


def test_text_links_every_mentioned_actor(site: Path) -> None:
    _, elements = parse(site / "texts" / "assad-departure" / "index.html")
    for actor_id in ("bashar-al-assad", "maher-al-assad", "buthaina-shaaban", "hadi-al-bahra"):
        assert f"../../actors/{actor_id}/" in elements.links


def _date_key(value: str) -> tuple[int, ...]:
    numbers = [int(n) for n in re.findall(r"\d+", value.split("+")[0])]
    return tuple(numbers[:5])


def test_chronology_is_in_time_order(site: Path) -> None:
    html, elements = parse(site / "chronology" / "index.html")
    assert len(elements.times) >= 8
    keys = [_date_key(t) for t in elements.times]
    days = [k[:3] for k in keys]
    assert days == sorted(days), f"chronology out of order: {elements.times}"
    assert "21:30 local time (Asia/Damascus, UTC+3), 18:30 UTC" in html
    assert "derived: 4 days after" in html


def test_every_internal_anchor_resolves(site: Path) -> None:
    """Links with #fragments to our generated pages land on an existing id."""
    for page in site.rglob("index.html"):
        _, elements = parse(page)
        for link in elements.links:
            if "#" not in link or link.startswith(("http:", "https:")):
                continue
            target, fragment = link.split("#", 1)
            if not fragment or fragment.startswith(("__", "fn:", "fnref:")):
                continue
            target_page = (page.parent / target / "index.html") if target else page
            target_page = target_page.resolve()
            if not target_page.is_file():
                target_page = (page.parent / target).resolve()
            _, target_elements = parse(target_page)
            assert fragment in target_elements.ids, f"{page}: {link} has no target"


def test_every_source_text_is_in_the_navigation() -> None:
    """mkdocs.yml lists text pages by hand; a new text must not be left out of the menu."""
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    for text in sorted((REPO / "source_texts").glob("*.txt")):
        assert f"texts/{text.stem}.md" in config, f"add texts/{text.stem}.md to nav in mkdocs.yml"
