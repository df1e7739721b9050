"""Output safety (issue 5, defects 1, 8 and 11): what contributor text can do to a page.

- Prose fields are a small Markdown subset (builder/core/prose.py): allowed markup renders,
  everything else is literal text, and nothing escapes its element in any context.
- Links in prose to unknown ids, and markup problems, are located errors or warnings.
- A page title can never close `<title>` (overrides/main.html), in MkDocs and Zensical.
- Ids in a built page are unique; the hostile fixture builds with `mkdocs build --strict`.
"""

from __future__ import annotations

import html as html_module
import importlib.util
import json
import os
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builder import pipeline
from builder.core import prose
from builder.core.prose import Reference
from builder.input.schema import SCHEMAS
from tests.hostile_project import FREE_TEXT_FIELDS, write_twins

SIDECAR = "source_texts/sample.yml"
ACTORS = "source_texts/registry/actors.yml"
SOURCES = "source_texts/registry/sources.yml"
PAYLOAD = "</title><script>window.__pwned=1</script>"

# What MkDocs gives Python-Markdown: its built-in extensions plus those of mkdocs.yml.
EXTENSIONS = ["toc", "tables", "fenced_code", "admonition", "attr_list", "footnotes", "md_in_html"]


def to_html(text: str) -> str:
    return markdown.Markdown(extensions=EXTENSIONS).convert(text)


def render(text: str) -> str:
    return prose.render(text, lambda ref: f"../{ref.kind}/{ref.id}.md")


# --- the subset ---------------------------------------------------------------------------

# (case id, prose, the HTML it makes inside a paragraph)
SUBSET: list[tuple[str, str, str]] = [
    ("emphasis", "*a* _b_ **c** __d__", "<em>a</em> <em>b</em> <strong>c</strong> <strong>d</strong>"),
    ("inline-code", "`x <b> *y*`", "<code>x &lt;b&gt; *y*</code>"),
    ("https-link", "[w](https://example.org/a?b=1&c=2)", '<a href="https://example.org/a?b=1&amp;c=2">w</a>'),
    ("actor-link", "[the minister](actor:the-minister)", '<a href="../actor/the-minister.md">the minister</a>'),
    ("claim-link", "[c](claim:talks-failed)", '<a href="../claim/talks-failed.md">c</a>'),
    ("citation-needed", "A fact [citation needed].", 'A fact <sup class="citation-needed" title="No source yet for this fact">[citation needed]</sup>.'),
    ("list", "- a\n- b *c*", '<span class="prose-list" role="list"><span class="prose-item" role="listitem">a</span><span class="prose-item" role="listitem">b <em>c</em></span></span>'),
]  # fmt: skip

# (case id, prose): each is shown as exactly its own characters (whitespace collapsed).
LITERAL: list[tuple[str, str]] = [
    ("tilde-fence", "~~~\ncode\n~~~"),
    ("backtick-fence", "```js\ncode\n```"),
    ("double-backticks", "``x``"),
    ("heading", "# heading"),
    ("setext-heading", "words\n==="),
    ("block-quote", "> quoted"),
    ("ordered-list", "1. one\n2. two"),
    ("table", "| a | b |\n|---|---|\n| c | d |"),
    ("html-block", '<div onclick="x()">block</div>'),
    ("inline-html", "a <img src=x onerror=alert(1)> b"),
    ("script", "<script>alert(1)</script>"),
    ("image", "![alt](https://example.org/i.png)"),
    ("footnote-definition", "[^x]: defined"),
    ("footnote-reference", "see [^x]"),
    ("attribute-list", "{: onclick=alert(1) }"),
    ("autolink", "<https://example.org>"),
    ("javascript-link", "[x](javascript:alert(1))"),
    ("http-link", "[x](http://example.org)"),
    ("relative-link", "[x](../secret.md)"),
    ("link-with-title", '[x](https://example.org "t")'),
    ("empty-link", "[x]()"),
    ("reference-link", "[r]: https://example.org\n[x][r] [r]"),
    ("bad-id-link", "[x](actor:Not_An_Id)"),
    ("entities", "&lt;b&gt; &#60; &amp;"),
    ("admonition", '!!! note "x"'),
    ("indented-code", "    code"),
    ("jinja", "{{ 7 * 7 }} {% raw %}"),
]


def shown(html: str) -> str:
    return " ".join(html_module.unescape(re.sub(r"<[^>]+>", "", html)).split())


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in SUBSET], ids=[c[0] for c in SUBSET])
def test_the_subset_renders(text: str, expected: str) -> None:
    assert to_html(render(text)) == f"<p>{expected}</p>"


@pytest.mark.parametrize("text", [c[1] for c in LITERAL], ids=[c[0] for c in LITERAL])
def test_everything_else_is_literal_text(text: str) -> None:
    html = to_html(render(text))
    assert re.fullmatch(r"<p>[^<]*</p>", html), html
    assert shown(html) == " ".join(text.split())


# Where prose sits in the generated pages; `{}` is the prose, "After." must survive it.
CONTEXTS = {
    "line-start": "{}\n\nAfter.",
    "footnote": "Text[^a].\n\n[^a]: **Note.** {}\n\nAfter.",
    "admonition": '!!! info "About"\n\n    {}\n\nAfter.',
    "table-cell": "| a | b |\n|---|---|\n| {} | x |\n\nAfter.",
    "list-item": "- {}\n\nAfter.",
}
# Elements and attributes prose may add to its context.
ALLOWED = {"em", "strong", "code", "a", "a href", "span", "span class", "span role", "sup"}
ALLOWED |= {"sup class", "sup title"}


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.pairs: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.pairs |= {tag} | {f"{tag} {name}" for name, _ in attrs}


def pairs(html: str) -> set[str]:
    parser = Tags()
    parser.feed(html)
    return parser.pairs


def assert_contained(text: str) -> None:
    for name, context in CONTEXTS.items():
        html = to_html(context.format(render(text)))
        plain = to_html(context.format("plain"))
        assert "<p>After.</p>" in html, (name, html)
        assert pairs(html) <= pairs(plain) | ALLOWED, (name, html)


@pytest.mark.parametrize(
    "text", [c[1] for c in LITERAL + SUBSET], ids=[c[0] for c in LITERAL + SUBSET]
)
def test_prose_stays_inside_its_element_wherever_it_starts(text: str) -> None:
    assert_contained(text)


MARKUP = st.sampled_from(
    [*"~`*_[]()!<>#|{}:=-+&;\\/\"' \n\t1.^", "\n\n", "    ", "- ", "https://a.b", "actor:a"]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(MARKUP, st.text(max_size=3)), max_size=40).map("".join))
def test_any_text_stays_inside_its_element(text: str) -> None:
    assert_contained(text)


def test_references_and_problems() -> None:
    text = "[a](actor:x) [b](claim:y) [c](text:z) [d](event:e) [e](source:s) [f](annotation:n)"
    assert list(prose.references(text)) == [
        Reference(kind=k, id=i)  # type: ignore[arg-type]
        for k, i in [("actor", "x"), ("claim", "y"), ("text", "z"), ("event", "e")]
    ] + [Reference(kind="source", id="s"), Reference(kind="annotation", id="n")]
    assert prose.references("`[a](actor:x)` [b](actor:Bad) [c](https://e.org)") == ()
    assert prose.problems("[a](actor:x) *fine* [b](https://e.org)") == ()
    found = [(p.severity, p.message) for p in prose.problems("[a](ftp://x) [b](https://e.org 't')")]
    assert found == [
        ("warning", "link to 'ftp://x' is shown as text, not as a link"),
        ("warning", "a link with a title is shown as text, not as a link"),
    ]


def test_a_tilde_fence_in_a_source_note_leaves_the_sources_page_whole(
    mini: Path, edit: Callable[[Path, str, str], None]
) -> None:
    """Defect 8: a note of `~~~` made the rest of the sources page a code block (up to
    the next `~~~`, here the next source's note)."""
    edit(mini / SOURCES, "note: The fixture text itself.", 'note: "~~~"')
    url = "url: https://example.org/statement?id=1&lang=en"
    edit(mini / SOURCES, url, f'{url}\n    note: "~~~"')
    result = pipeline.build(mini)
    assert result.ok, result.diagnostics.format()
    html = to_html(result.pages["sources.md"])
    assert "<pre>" not in html
    assert 'id="src-minister-statement"' in html


# --- validation of prose fields -----------------------------------------------------------

# (case id, file, old text, new text, expected `path:line:col: severity: message`, hint)
CASES: list[tuple[str, str, str, str, str, str]] = [
    ("link-to-unknown-actor", ACTORS, "profile: President of Ruritania in the sample text.", "profile: Met [nobody](actor:nobody).",
     f"{ACTORS}:9:14: error[link-to-unknown-id]: link to unknown actor id 'nobody'", "add it to source_texts/registry/actors.yml"),
    ("link-to-misspelt-claim", SOURCES, "note: The fixture text itself.", "note: See [it](claim:talks-faild).",
     f"{SOURCES}:7:11: error[link-to-unknown-id]: link to unknown claim id 'talks-faild'", "did you mean claim:talks-failed?"),
    ("link-to-a-context-as-claim", SIDECAR, "note: Aircraft transponders broadcast identity and position.", "note: As [this](claim:transponder).",
     f"{SIDECAR}:37:11: error[link-to-unknown-id]: link to unknown claim id 'transponder'", "a context or text note: link it as annotation:transponder"),
    ("link-to-unknown-event", SIDECAR, "note: A fragment left over from translation.", "note: See [e](event:rivera-leave).",
     f"{SIDECAR}:42:11: error[link-to-unknown-id]: link to unknown event id 'rivera-leave'", "did you mean event:rivera-leaves?"),
    ("link-to-unknown-text", SIDECAR, "title_note: The editors' title.", "title_note: See [t](text:other).",
     f"{SIDECAR}:3:13: error[link-to-unknown-id]: link to unknown text id 'other'", "add it to source_texts/ as a text"),
    ("link-with-a-bad-id", SIDECAR, "probable_reading: (nothing; the fragment belongs to no sentence)", "probable_reading: \"[a](actor:Mr_Rivera)\"",
     f"{SIDECAR}:43:23: error[link-not-an-id]: link to actor:'Mr_Rivera': not an id", "lowercase letters, digits and hyphens"),
    ("link-to-http", SIDECAR, "provenance: Written for the builder's tests;", "provenance: See [w](http://e.org) for the builder's tests;",
     f"{SIDECAR}:8:13: warning[link-shown-as-text]: link to 'http://e.org' is shown as text, not as a link", "https://"),
    ("list-too-deep", ACTORS, "profile: President of Ruritania in the sample text.", 'profile: "- a\\n  - b\\n    - c"',
     f"{ACTORS}:9:14: error[list-too-deep]: lists nest 3 deep; at most 2 levels are allowed", "indent list items at most once"),
    ("list-too-long", ACTORS, "profile: President of Ruritania in the sample text.", "profile: \"" + "\\n".join(f"- {i}" for i in range(13)) + '"',
     f"{ACTORS}:9:14: error[list-too-long]: a list of 13 items; at most 12 are allowed", "keep lists short"),
    ("link-with-a-title", SIDECAR, "note: Aircraft transponders broadcast identity and position.", 'note: See [w](https://e.org "t").',
     f"{SIDECAR}:37:11: warning[link-with-title]: a link with a title is shown as text, not as a link", 'remove the "title" after the address'),
]  # fmt: skip


@pytest.mark.parametrize(
    ("file", "old", "new", "expected", "hint"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_prose_problems_are_located(
    mini: Path,
    edit: Callable[[Path, str, str], None],
    file: str,
    old: str,
    new: str,
    expected: str,
    hint: str,
) -> None:
    edit(mini / file, old, new)
    diagnostics, project = pipeline.check(mini)
    report = diagnostics.format()
    assert expected in report, f"expected {expected!r} in:\n{report}"
    assert len(diagnostics.items) == 1, report  # no follow-on errors
    assert hint in report, f"expected hint {hint!r} in:\n{report}"
    assert (project is None) == (": error[" in expected)


def test_links_in_prose_go_to_the_right_page_and_anchor(
    mini: Path, edit: Callable[[Path, str, str], None]
) -> None:
    note = (
        "[R](actor:mr-rivera) [c](claim:talks-failed) [n](annotation:transponder) "
        "[e](event:rivera-leaves) [t](text:sample) [s](source:minister-statement)"
    )
    edit(mini / SOURCES, "note: The fixture text itself.", f'note: "{note}"')
    edit(mini / ACTORS, "profile: President of Ruritania in the sample text.", f'profile: "{note}"')
    result = pipeline.build(mini)
    assert result.ok, result.diagnostics.format()
    assert (
        "[R](actors/mr-rivera.md) [c](texts/sample.md#ann-talks-failed) "
        "[n](texts/sample.md#ann-transponder) [e](chronology.md#ev-rivera-leaves) "
        "[t](texts/sample.md) [s](#src-minister-statement)"
    ) in result.pages["sources.md"]
    actor_page = result.pages["actors/mr-rivera.md"]
    # A link to the page itself is just its words.
    assert "\n\nR [c](../texts/sample.md#ann-talks-failed)" in actor_page


# --- the hostile fixture covers every free-text field -------------------------------------

# Strings with a value the builder constrains, or quotes (the text's payloads reach those).
CONSTRAINED = {"timezone", "quote", "exact", "passages"}


def _free_text(schema: dict[str, Any], node: dict[str, Any], path: str) -> Iterator[str]:
    if "$ref" in node:
        node = schema["$defs"][node["$ref"].rsplit("/", 1)[1]]
    for option in node.get("anyOf", []) + node.get("oneOf", []):
        yield from _free_text(schema, option, path)
    if node.get("type") == "array":
        yield from _free_text(schema, node["items"], f"{path}.*")
    for name, child in node.get("properties", {}).items():
        if name not in CONSTRAINED:
            yield from _free_text(schema, child, f"{path}.{name}".lstrip("."))
    is_text = node.get("type") == "string" and node.get("maxLength") in (300, 5000)
    if is_text and not {"pattern", "enum", "const"} & set(node):
        yield path


def test_the_hostile_fixture_fills_every_free_text_field() -> None:
    files = {"sidecar.schema.json": "sidecar", "actors.schema.json": "actors"}
    files["sources.schema.json"] = "sources"
    expected = set()
    for schema_file, model in SCHEMAS.items():
        schema = model.model_json_schema()
        expected |= {(files[schema_file], p) for p in _free_text(schema, schema, "")}
    table = {(file, path.replace(".+", ".*")) for file, path, _ in FREE_TEXT_FIELDS}
    assert table == expected


# --- built sites: titles and ids ----------------------------------------------------------


def run(*args: str, cwd: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, f"{args}:\n{result.stdout}\n{result.stderr}"


def mkdocs_build(project: Path, out: Path) -> Path:
    run("mkdocs", "build", "--strict", "--site-dir", str(out), cwd=project)
    return out


class Page(HTMLParser):
    """Ids, the <title> text, script bodies, and the script's data (the JSON in
    `data-explainer`, builder/render/previews.py) of a built page."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.ids: Counter[str] = Counter()
        self.title = ""
        self.scripts: list[str] = []
        self.data: list[str] = []
        self._in: str | None = None
        self.feed(path.read_text("utf-8"))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.ids.update(value or "" for name, value in attrs if name == "id")
        self.data.extend(value or "" for name, value in attrs if name == "data-explainer")
        self._in = tag if tag in ("title", "script") else None
        if tag == "script":
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "title":
            self.title += data
        elif self._in == "script":
            self.scripts[-1] += data


def pages(site: Path) -> dict[str, Page]:
    return {p.relative_to(site).as_posix(): Page(p) for p in sorted(site.rglob("*.html"))}


@pytest.mark.slow
def test_a_title_cannot_close_the_title_element(
    mini: Path, tmp_path: Path, edit: Callable[[Path, str, str], None]
) -> None:
    """Defect 1: Material printed `page.title | striptags` unescaped."""
    edit(mini / SIDECAR, "title: A sample report", f'title: "{PAYLOAD}"')
    edit(mini / ACTORS, "name: Carlos Rivera", f'name: "{PAYLOAD} & co"')
    built = pages(mkdocs_build(mini, tmp_path / "site"))
    assert built["texts/sample/index.html"].title.strip() == f"{PAYLOAD} - Mini"
    assert built["actors/mr-rivera/index.html"].title.strip() == f"{PAYLOAD} & co - Mini"
    for path, page in built.items():
        assert not any("__pwned" in script for script in page.scripts), path
        # The script's data holds the payload only as JSON text (no "<" even unescaped).
        for data in page.data:
            assert "<" not in data and ">" not in data, path
            assert isinstance(json.loads(data), dict), path
    shown = json.loads(built["texts/sample/index.html"].data[0])
    assert f"{PAYLOAD} & co" in [card["name"] for card in shown["actors"].values()]
    index = json.loads((tmp_path / "site" / "search" / "search_index.json").read_text("utf-8"))
    for doc in index["docs"]:
        assert "<script" not in doc["title"] + doc["text"], doc


@pytest.mark.slow
def test_every_built_page_has_unique_ids(mini: Path, tmp_path: Path) -> None:
    """Defect 11: `ev1`'s second passage and event `ev1-2`; "Ann foo" and annotation `foo`."""
    twins = write_twins(tmp_path / "projects")
    for project in [mini, twins.benign, *twins.hostile]:
        site = mkdocs_build(project, tmp_path / "sites" / project.name)
        for path, page in pages(site).items():
            repeated = [i for i, count in page.ids.items() if count > 1]
            assert not repeated, f"{project.name}/{path}: duplicate ids {repeated}"
    text_page = pages(tmp_path / "sites" / "benign")["texts/sample/index.html"]
    assert {"ev-ev1", "ev-ev1_2", "ev-ev1-2", "ann-foo", "p-1"} <= set(text_page.ids)


@pytest.mark.slow
def test_zensical_honours_the_title_override(
    mini: Path, tmp_path: Path, edit: Callable[[Path, str, str], None]
) -> None:
    """Zensical runs no hooks but reads theme.custom_dir: the export's title is safe too."""
    if importlib.util.find_spec("zensical") is None:
        if os.environ.get("CI", "").strip().lower() not in {"", "0", "false", "no"}:
            pytest.fail("zensical is not installed; CI is set, so this is a failure")
        pytest.skip("zensical is not installed")
    edit(mini / SIDECAR, "title: A sample report", f'title: "{PAYLOAD}"')
    project = tmp_path / "z"  # the export is a whole project: docs/, mkdocs.yml, overrides/
    run("builder", "--root", str(mini), "build", "--out", str(project), cwd=tmp_path)
    run("zensical", "build", "--clean", "--strict", "-f", str(project / "mkdocs.yml"), cwd=project)
    title = Page(project / "site" / "texts" / "sample" / "index.html").title.strip()
    assert title == f"{PAYLOAD} - Mini"
