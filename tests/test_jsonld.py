"""schema.org JSON-LD in the built pages (builder/render/schema_org.py, overrides/main.html).

The blocks are read from real HTML built by `mkdocs build --strict` of the pair fixture (and
by Zensical from the export), expanded and flattened with pyld, which must fetch nothing:
its document loader refuses every request and sockets refuse to connect. What a consumer
needs is then checked on the expanded graph, whose IRIs are resolved against the page's own
address, as a consumer resolves them: each IRI of the site names a built page and an
element id in it, and the same thing has the same IRI on every page.
"""

from __future__ import annotations

import importlib.util
import json
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urldefrag

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pyld import jsonld

from builder.core.dates import When
from builder.render.schema_org import SiteAddress, schema_date, script_json
from tests.conftest import PAIR, REPO, copy_fixture
from tests.hostile_project import write_twins

SCHEMA = "https://schema.org/"
TYPE = "@type"
# Every schema.org type and property the builder writes (a misspelt one fails the test).
TYPES = {
    "Article", "Claim", "CreativeWork", "Event", "GovernmentOrganization", "NewsArticle",
    "NewsMediaOrganization", "Organization", "Person", "Place", "SocialMediaPosting",
}  # fmt: skip
PROPERTIES = {
    "about", "abstract", "alternateName", "appearance", "author", "datePublished",
    "description", "genre", "headline", "inLanguage", "isBasedOn", "mainEntityOfPage",
    "memberOf", "name", "publisher", "sibling", "spouse", "startDate", "subjectOf", "text",
    "translationOfWork", "translator", "url",
}  # fmt: skip
GENERATED = [
    "texts/wire-report",
    "texts/vos-statement",
    "chronology",
    *(f"actors/{a}" for a in ("carlos-rivera", "elena-vos", "ruritania", "marovia")),
    "actors/example-wire",
]


class _Html(HTMLParser):
    """The JSON-LD script bodies, the element ids and the canonical link of a page."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.blocks: list[str] = []
        self.ids: set[str] = set()
        self.canonical: str | None = None
        self._in_block = False
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.add(str(found["id"]))
        if tag == "link" and found.get("rel") == "canonical":
            self.canonical = found.get("href")
        self._in_block = tag == "script" and found.get("type") == "application/ld+json"
        if self._in_block:
            self.blocks.append("")

    def handle_endtag(self, tag: str) -> None:
        self._in_block = False

    def handle_data(self, data: str) -> None:
        if self._in_block:
            self.blocks[-1] += data


def _run(args: list[str], cwd: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO)}
    result = subprocess.run(
        [sys.executable, "-m", *args], cwd=cwd, env=env, capture_output=True, text=True,
        timeout=300, check=False,
    )  # fmt: skip
    assert result.returncode == 0, f"{args}:\n{result.stdout}\n{result.stderr}"


def build_pair(tmp_path: Path, config: str = "") -> Path:
    project = copy_fixture(PAIR, tmp_path / "pair")
    with (project / "mkdocs.yml").open("a", encoding="utf-8") as stream:
        stream.write(config)
    _run(["mkdocs", "build", "--strict", "--site-dir", str(project / "site")], cwd=project)
    return project / "site"


def page_file(site: Path, stem: str) -> Path:
    for candidate in (site / stem / "index.html", site / f"{stem}.html"):
        if candidate.is_file():
            return candidate
    raise AssertionError(f"no page for {stem} in {site}")


@pytest.fixture
def offline(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The URLs pyld asked for (none is fetched); sockets refuse to connect meanwhile."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"a network connection was attempted: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    requested: list[str] = []
    yield requested
    assert requested == [], f"pyld asked for {requested}"


def url_of(html_file: Path) -> str:
    """A page's address as a browser has it, served from disk with directory URLs."""
    return html_file.parent.as_uri() + "/" if html_file.name == "index.html" else html_file.as_uri()


def graph(html_file: Path, requested: list[str], base: str | None = None) -> dict[str, Any]:
    """The page's one JSON-LD block, flattened with IRIs resolved against `base` (the
    page's address; by default as served with directory URLs): nodes by @id."""
    blocks = _Html(html_file.read_text("utf-8")).blocks
    assert len(blocks) == 1, f"{html_file}: {len(blocks)} JSON-LD blocks"

    def loader(url: str, options: object = None) -> dict[str, Any]:
        requested.append(url)
        raise RuntimeError(f"no fetching: {url}")

    options = {"base": base or url_of(html_file), "documentLoader": loader}
    document = json.loads(blocks[0])
    assert jsonld.expand(document, options), f"{html_file}: expands to nothing"
    flat = jsonld.flatten(document, None, options)
    return {node["@id"]: node for node in flat}


def values(node: dict[str, Any], name: str) -> list[Any]:
    """A property's values: plain values, or the @id of a node."""
    return [v.get("@value", v.get("@id")) for v in node.get(SCHEMA + name, [])]


def types(node: dict[str, Any]) -> list[str]:
    return [t.removeprefix(SCHEMA) for t in node.get(TYPE, [])]


def check_vocabulary(nodes: dict[str, Any]) -> None:
    for node in nodes.values():
        assert set(types(node)) <= TYPES, node
        used = {key.removeprefix(SCHEMA) for key in node if not key.startswith("@")}
        assert used <= PROPERTIES, node


def check_targets(nodes: dict[str, Any], site: Path, prefix: str) -> None:
    """Every IRI under `prefix` (the site's address) names a built page and an id in it."""
    for iri in nodes:
        if not iri.startswith(prefix):
            continue
        address, fragment = urldefrag(iri)
        path = site / unquote(address.removeprefix(prefix))
        built = path / "index.html" if path.is_dir() else path
        assert built.is_file(), f"{iri}: no page"
        if fragment:
            assert fragment in _Html(built.read_text("utf-8")).ids, f"{iri}: no such id"


# --- the built site ---------------------------------------------------------------------

CONFIGS = {
    "relative IRIs": "",
    "site_url": "site_url: https://example.org/pair/\n",
    "no directory URLs": "use_directory_urls: false\n",
}


@pytest.mark.slow
@pytest.mark.parametrize("config", CONFIGS.values(), ids=CONFIGS.keys())
def test_each_generated_page_has_one_valid_block_whose_iris_exist(
    tmp_path: Path, offline: list[str], config: str
) -> None:
    site = build_pair(tmp_path, config)
    absolute = "site_url" in config
    prefix = "https://example.org/pair/" if absolute else site.as_uri() + "/"
    seen: dict[str, list[str]] = {}
    for stem in GENERATED:
        html_file = page_file(site, stem)
        base = prefix + html_file.relative_to(site).as_posix() if absolute else None
        nodes = graph(html_file, offline, base)
        check_vocabulary(nodes)
        check_targets(nodes, site, prefix)
        for iri, node in nodes.items():
            seen.setdefault(iri, []).extend(types(node))
        if absolute:  # the page's own IRI is the one Material gives as canonical
            canonical = _Html(html_file.read_text("utf-8")).canonical
            assert canonical is not None and canonical.startswith(prefix)
            assert canonical in {urldefrag(iri)[0] for iri in nodes}
    # One actor, one IRI and one type wherever it appears (its page, claims, events).
    [rivera] = [iri for iri in seen if "actors/carlos-rivera" in iri]
    assert rivera.endswith("#title") and set(seen[rivera]) == {"Person"}
    for page in ("index", "sources", "texts/index", "actors/index"):
        assert _Html(page_file(site, page).read_text("utf-8")).blocks == []


@pytest.fixture(scope="module")
def pair_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_pair(tmp_path_factory.mktemp("jsonld"))


@pytest.mark.slow
def test_a_text_page_describes_the_text_and_its_claims(pair_site: Path, offline: list[str]) -> None:
    page = page_file(pair_site, "texts/wire-report")
    nodes = graph(page, offline)
    article = nodes[url_of(page) + "#title"]
    assert types(article) == ["NewsArticle"]
    assert (
        values(article, "headline")
        == values(article, "name")
        == ["The president leaves the capital"]
    )
    assert values(article, "datePublished") == ["2024-12-09"]
    assert values(article, "inLanguage") == ["en"]
    wire = url_of(page_file(pair_site, "actors/example-wire")) + "#title"
    assert values(article, "publisher") == [wire]
    assert types(nodes[wire]) == ["NewsMediaOrganization"]
    claims = {iri: n for iri, n in nodes.items() if types(n) == ["Claim"]}
    expected = ["left-on-sunday", "eastern-air-base", "flight-arranged", "minister-not-told"]
    assert sorted(claims) == sorted(f"{url_of(page)}#ann-{c}" for c in expected)
    for claim in claims.values():
        assert values(claim, "appearance") == [article["@id"]]
        assert values(claim, "text") and values(claim, "isBasedOn")
        # Anonymous officials: no author, and the description says why.
        assert "author" not in {k.removeprefix(SCHEMA) for k in claim}
        assert "not named in the text" in values(claim, "description")[0]
    left = claims[f"{url_of(page)}#ann-left-on-sunday"]
    assert values(left, "text") == [
        "President Carlos Rivera left the capital of Ruritania late on Sunday, three officials said"
    ]
    assert values(left, "abstract") == ["Rivera left the capital late on Sunday."]
    assert "disputed" in values(left, "description")[0]


@pytest.mark.slow
def test_a_named_speaker_is_the_author_of_their_claims(pair_site: Path, offline: list[str]) -> None:
    page = page_file(pair_site, "texts/vos-statement")
    nodes = graph(page, offline)
    vos = url_of(page_file(pair_site, "actors/elena-vos")) + "#title"
    article = nodes[url_of(page) + "#title"]
    assert types(article) == ["Article"] and values(article, "genre") == ["Translation"]
    assert values(article, "author") == [vos]
    assert values(article, "publisher") == ["Ministry of Talks"]  # free text, as written
    assert values(article, "translationOfWork") and not values(article, "translator")
    claims = [n for n in nodes.values() if types(n) == ["Claim"]]
    assert len(claims) == 5
    assert all(values(c, "author") == [vos] for c in claims)
    actor = graph(page_file(pair_site, "actors/elena-vos"), offline)[vos]
    assert types(actor) == ["Person"] and values(actor, "name") == ["Elena Vos"]
    assert values(actor, "description") == ["Minister of Talks"]


@pytest.mark.slow
def test_event_dates_are_no_more_precise_than_the_texts(
    pair_site: Path, offline: list[str]
) -> None:
    page = page_file(pair_site, "chronology")
    nodes = graph(page, offline)
    events = {iri.split("#")[1]: n for iri, n in nodes.items() if types(n) == ["Event"]}
    assert sorted(events) == ["ev-cabinet-informed", "ev-rivera-leaves", "ev-vos-on-television"]
    assert values(events["ev-vos-on-television"], "startDate") == ["2024-12-07"]
    # The two texts disagree on the day and the time: no startDate, both dates in words.
    leaves = events["ev-rivera-leaves"]
    assert values(leaves, "startDate") == []
    description = values(leaves, "description")[0]
    assert "different dates" in description and "8 December 2024, night" in description
    assert len(values(leaves, "subjectOf")) == 2
    rivera = url_of(page_file(pair_site, "actors/carlos-rivera")) + "#title"
    assert values(leaves, "about") == [rivera]


@pytest.mark.slow
def test_zensical_prints_the_same_blocks(pair: Path, pair_site: Path, tmp_path: Path) -> None:
    if importlib.util.find_spec("zensical") is None:
        if os.environ.get("CI", "").strip().lower() not in {"", "0", "false", "no"}:
            pytest.fail("zensical is not installed; CI is set, so this is a failure")
        pytest.skip("zensical is not installed")
    export = tmp_path / "export"
    _run(["builder", "build", "--out", str(export)], cwd=pair)
    _run(["zensical", "build", "--clean", "--strict"], cwd=export)
    for stem in GENERATED:
        ours = _Html(page_file(export / "site", stem).read_text("utf-8")).blocks
        assert ours and ours == _Html(page_file(pair_site, stem).read_text("utf-8")).blocks


@pytest.mark.slow
def test_contributor_text_cannot_end_the_script_element(tmp_path: Path, offline: list[str]) -> None:
    """Every free-text field of the hostile fixture carries payloads (tests/hostile_project.py),
    its title also U+2028 and U+2029; a hand-written page's front matter has a `jsonld` key
    of its own. The payloads stay data inside one script element, word for word."""
    project = write_twins(tmp_path / "projects").hostile[0]
    sidecar = project / "source_texts" / "sample.yml"
    data = json.loads(sidecar.read_text("utf-8").partition("\n")[2])
    data["title"] = title = "Line\u2028and paragraph\u2029separators " + data["title"]
    sidecar.write_text(json.dumps(data), encoding="utf-8")
    home = project / "docs" / "index.md"
    hostile = "</script><script>window.__pwned=1</script> <!-- & \u2028"
    home.write_text(f"---\njsonld: {json.dumps(hostile)}\n---\n\n" + home.read_text("utf-8"))
    site = project / "site"
    _run(["mkdocs", "build", "--strict", "--site-dir", str(site)], cwd=project)
    for html_file in sorted(site.rglob("*.html")):
        markup = html_file.read_text("utf-8")
        assert "<script>window.__pwned" not in markup, html_file
        for block in _Html(markup).blocks:
            assert not set(block) & set("<>&\u2028\u2029"), html_file
    home_blocks = _Html(page_file(site, "index").read_text("utf-8")).blocks
    assert [json.loads(f'"{b}"') for b in home_blocks] == [hostile]  # escaped, not cut
    page = page_file(site, "texts/sample")
    nodes = graph(page, offline)
    assert values(nodes[url_of(page) + "#title"], "name") == [title]
    check_vocabulary(nodes)


# --- units ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        (When.parse("2024", None, None, None), None),
        (When.parse("2024-12", None, None, None), None),
        (When.parse("2024-12-08", None, None, None), "2024-12-08"),
        (When.parse("2024-12-08", "evening", "Asia/Damascus", None), "2024-12-08"),
        (When.parse("2024-12-08", "21", "Asia/Damascus", None), "2024-12-08"),
        (When.parse("2024-12-08", "21:30", None, None), "2024-12-08"),
        (When.parse("2024-12-08", "21:30", "Asia/Damascus", None), "2024-12-08T21:30+03:00"),
        (When.parse("2024-12-08", "21:30", "Asia/Damascus", "about"), None),
        (When.parse("2024-12-08", None, None, "before"), None),
        (When.parse("2024-12-08", None, None, "after"), None),
        (When(2024, 12, 13, None, None, "day", qualifier="by", not_before=date(2024, 12, 8)), None),
    ],
)
def test_schema_dates_keep_the_texts_precision(when: When, expected: str | None) -> None:
    assert schema_date(when) == expected


@pytest.mark.parametrize(
    ("site", "to_page", "fragment", "expected"),
    [
        (SiteAddress(), "texts/a.md", "ann-x", "#ann-x"),
        (SiteAddress(), "actors/b.md", "title", "../../actors/b/#title"),
        (SiteAddress(), "chronology.md", None, "../../chronology/"),
        (SiteAddress(), "index.md", None, "../../"),
        (SiteAddress(directory_urls=False), "actors/b.md", "title", "../actors/b.html#title"),
        (SiteAddress(directory_urls=False), "texts/index.md", None, "index.html"),
        (SiteAddress(url="https://e.org/s/"), "texts/a.md", "t", "https://e.org/s/texts/a/#t"),
        (SiteAddress(url="https://e.org/s/"), "index.md", None, "https://e.org/s/"),
    ],
)
def test_iris_name_the_page_as_mkdocs_addresses_it(
    site: SiteAddress, to_page: str, fragment: str | None, expected: str
) -> None:
    assert site.iri("texts/a.md", to_page, fragment) == expected


@given(st.text())
def test_script_json_cannot_end_its_element(text: str) -> None:
    document = {"name": text, "text": f"</script><!--{text}\u2028\u2029&"}
    out = script_json(document)
    assert out.isascii() and not set(out) & set("<>&")
    assert json.loads(out) == document
