"""The hostile fixture: the mini project with injection payloads in every free-text field.

`write_twins(target)` generates, from tests/fixtures/mini, one *benign* project and a few
*hostile* variants of it. They have the same files, entries, ids and structure; only the
words differ:

- every string field of the sidecar and both registries that accepts free text (the table
  FREE_TEXT_FIELDS; tests/test_output_safety.py checks it against the schema) carries
  payloads in a hostile variant and plain words in the benign project. One-line fields
  (at most 300 characters) get one bundle of payloads per variant; prose fields get every
  payload, at a line start and mid-line;
- the source text gains paragraphs that start with a Markdown or HTML block starter and
  carry payloads (and, in the hostile text only, bidi controls and zero-width characters),
  quoted by annotations, event passages, a prefix and an alias mention;
- all projects have the ids that once collided (an event `ev1` with two passages next to
  an event `ev1-2`; an annotation `foo` on a text whose title starts "Ann foo").

A payload that runs sets `window.__pwned` (to a number naming the field: see `markers`) or
opens a dialog. Prose fields of every project end with the same sample of the Markdown
subset, so that the elements it is allowed to make exist in the benign build too.

`python -m tests.hostile_project DIR` writes the projects for a look.
"""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
MINI = REPO / "tests" / "fixtures" / "mini"

# (file, path of the field; "*" is every entry of a list, "+" adds one entry to it).
# `prose` fields take the Markdown subset and up to 5000 characters; the others are one line.
FREE_TEXT_FIELDS: list[tuple[str, str, bool]] = [
    ("sidecar", "title", False),
    ("sidecar", "title_note", True),
    ("sidecar", "publisher", False),
    ("sidecar", "original_outlet", False),
    ("sidecar", "provenance", True),
    ("sidecar", "annotations.*.note", True),
    ("sidecar", "annotations.*.summary", False),
    ("sidecar", "annotations.*.attribution.by", False),
    ("sidecar", "annotations.*.probable_reading", True),
    ("sidecar", "events.*.title", False),
    ("sidecar", "events.*.wording", False),
    ("sidecar", "events.*.note", True),
    ("sidecar", "waivers.*.reason", True),
    ("actors", "actors.*.name", False),
    ("actors", "actors.*.role", False),
    ("actors", "actors.*.aliases.+", False),
    ("actors", "actors.*.relations.*.label", False),
    ("actors", "actors.*.profile", True),
    ("actors", "actors.*.editors_note", True),  # never shown: it must stay off every page
    ("sources", "sources.*.title", False),
    ("sources", "sources.*.publisher", False),
    ("sources", "sources.*.note", True),
]
# Fields with a constrained value (ids, dates, times, zones, URLs, kinds) take no payloads;
# quotes (`exact`, `prefix`, `suffix`) carry the text's payloads (see TEXT_PARAGRAPHS).

# One-line payload bundles, one per hostile variant; `N` becomes the field's marker.
ONE_LINE_BUNDLES: list[list[str]] = [
    [
        "</title><script>__pwned=N</script>",
        "<img src=x onerror=__pwned=N>",
        '"><svg onload=__pwned=N>',
        "[a](javascript:__pwned=N)",
        "{: onclick=__pwned=N}",
        "&lt;i&gt;&#60;b&#62;&amp;",
        "``` ~~~",
        "[^x]: fn [^x]",
        "[r]: javascript:alert(N) [r]",
        "{{7*7}}{%raw%}",
    ],
    [
        "</title><script>alert(N)</script>",
        "\n# h\n> q\n- l\n1. o\n| t |\n~~~\n",
        "<a href=javascript:__pwned=N>a</a>",
        "'onmouseover='__pwned=N",
        "<details open ontoggle=__pwned=N>",
        "![i](https://e.invalid/i.png) <https://e.invalid>",
        "<!-- ",
        "</mark></span></sup></a></p></td></li></div>",
    ],
    [
        "</TITLE ><script>__pwned=N</script>",
        "<iframe src=javascript:__pwned=N>",
        "[a](data:text/html,<script>alert(N)</script>)",
        "<style>*{color:red}</style>",
        '!!! note "x"',
        "*[HTML]: abbr",
        "=== --- ***",
        "<math><mtext><table><mglyph><style><img src=x onerror=__pwned=N>",
        "\\",
    ],
]

# In this variant, one-line values start with their payloads, prose with its block starters.
PAYLOADS_FIRST = ONE_LINE_BUNDLES[1]

# Block starters and multi-line constructs, for prose fields (each at a line start).
PROSE_BLOCKS = """\
~~~
fenced with tildes <script>__pwned=N</script>
~~~
```html
<img src=x onerror=__pwned=N>
```
> block quote <svg onload=__pwned=N>
# heading <script>alert(N)</script>
1. ordered item
| a | b |
|---|---|
| <img src=x onerror=__pwned=N> | d |
<div onclick="__pwned=N">html block</div>
<script>__pwned=N</script>
[^x]: footnote definition
[ref]: javascript:__pwned=N
[ref] and [x][ref]
    indented code <b>bold</b>
{: onclick="__pwned=N" }
!!! danger "admonition"
    body <img src=x onerror=__pwned=N>
- list item [x](javascript:__pwned=N)
  - nested ![i](https://e.invalid/i.png)
<https://e.invalid> <javascript:alert(N)> [t](https://e.invalid "title") [e]() [h](http://e.invalid)
`code <img src=x onerror=__pwned=N>` ``double``
"""

# The same in every project: what the subset may make (so the benign build has it too).
SUBSET_SAMPLE = """\
Subset: *em* **strong** `code` [a page](https://example.org/page) [Rivera](actor:mr-rivera) \
[that claim](claim:talks-failed) [the text](text:sample) [the event](event:rivera-leaves) \
[the source](source:sample-report) [the note](annotation:transponder) [citation needed].

- item one
- item two
  - nested item
"""

# Source text paragraphs: (starter, payload quoted by an annotation); benign: plain words.
TEXT_PARAGRAPHS: list[tuple[str, str]] = [
    ("# Heading", "<script>__pwned=901</script>"),
    ("- Item", "<img src=x onerror=__pwned=902>"),
    ("~~~", '"><svg onload=__pwned=903>'),
    ("```", "[a](javascript:__pwned=904)"),
    ("> Quote", "{: onclick=__pwned=905}"),
    ("[^x]: note", "</title><script>alert(906)</script>"),
    ("[r]: javascript:__pwned=907", "&lt;b&gt;&#60;i&#62;"),
    ("<div onclick=__pwned=908>", "<details open ontoggle=__pwned=909>"),
    ("1. One", "[^x] [r] <!-- "),
    ("| a | b |", "{{7*7}} \\ ` *"),
    ("!!! note", "\u202eevil\u202c and zero\u200bwidth \u2066isolate\u2069"),
]


@dataclass
class Markers:
    """Which field carries which `__pwned` marker number."""

    by_number: dict[int, str] = field(default_factory=dict)

    def new(self, where: str) -> str:
        number = 100 + len(self.by_number)
        self.by_number[number] = where
        return str(number)


def _paths(data: Any, steps: list[str], trail: str) -> Iterator[tuple[Any, str | int, str]]:
    """(container, key, readable path) for every place `steps` names in `data`."""
    step, rest = steps[0], steps[1:]
    if step in ("*", "+") and isinstance(data, list):
        keys: list[str | int] = [len(data)] if step == "+" else list(range(len(data)))
        for key in keys:
            if not rest:
                yield data, key, f"{trail}[{key}]"
            elif isinstance(data[key], dict):
                yield from _paths(data[key], rest, f"{trail}[{key}]")
    elif isinstance(data, dict):
        if not rest:
            yield data, step, f"{trail}.{step}"
        elif step in data or rest == ["+"]:  # only a list to add to is made when missing
            yield from _paths(data.setdefault(step, []), rest, f"{trail}.{step}")


# Fields only some kinds of annotation have.
_KIND_ONLY = {"summary": "claim", "probable_reading": "text_note"}


def _applies(container: Any, key: str | int) -> bool:
    if isinstance(container, dict) and key in _KIND_ONLY:
        return container.get("kind") == _KIND_ONLY[str(key)]
    return True


def _fill(files: dict[str, Any], value: Callable[[str | None, str, bool], str]) -> None:
    for file, path, is_prose in FREE_TEXT_FIELDS:
        for container, key, where in _paths(files[file], path.split("."), file):
            if not _applies(container, key):
                continue
            if isinstance(container, list):
                container.append(value(None, where, False))
            else:
                container[key] = value(container.get(key), where, is_prose)


def _one_line(original: str | None, bundle: list[str], marker: str) -> str:
    payloads = " ".join(p.replace("N", marker) for p in bundle)
    first, then = (payloads, original or "") if bundle is PAYLOADS_FIRST else (original, payloads)
    value = f"{first or 'Field'} {then}".strip()
    assert len(value) <= 300, f"a one-line field holds at most 300 characters: {value!r}"
    return value


def _hostile(bundle: list[str], markers: Markers) -> Callable[[str | None, str, bool], str]:
    def value(original: str | None, where: str, is_prose: bool) -> str:
        marker = markers.new(where)
        if not is_prose:
            return _one_line(original, bundle, marker)
        mid_line = " ".join(p.replace("N", marker) for b in ONE_LINE_BUNDLES for p in b)
        blocks = PROSE_BLOCKS.replace("N", marker)
        if bundle is PAYLOADS_FIRST:  # a block starter as the field's very first characters
            return f"{blocks}\n{original or 'Note'} mid-line: {mid_line}\n\n{SUBSET_SAMPLE}"
        return f"{original or 'Note'} mid-line: {mid_line}\n{blocks}\n{SUBSET_SAMPLE}"

    return value


# As long as the longest bundle: Material gives overflowing one-line text a `title`, so the
# benign words must overflow wherever the payloads do.
_FILLER_LENGTH = max(len(" ".join(b).replace("N", "123")) for b in ONE_LINE_BUNDLES)


def _benign(original: str | None, where: str, is_prose: bool) -> str:
    words = f"plain words at {where}"
    if not is_prose:
        filler = (words + " and more") * (_FILLER_LENGTH // len(words) + 1)
        return f"{original or 'Field'} {filler[:_FILLER_LENGTH].strip()}"
    return f"{original or 'Note'} {words}.\n\n{SUBSET_SAMPLE}"


def _text_and_quotes(hostile: bool) -> tuple[str, list[str]]:
    """Extra paragraphs for the source text, and the quote each one offers."""
    lines, quotes = [], []
    for number, (starter, payload) in enumerate(TEXT_PARAGRAPHS, start=1):
        words = (starter, payload) if hostile else (f"Plain {number}", f"plain-{number:02d}")
        lines.append(f"{words[0]} paragraph {number} quotes {words[1]} and ends here.")
        quotes.append(words[1])
    return "\n".join(lines), quotes


def _extend_sidecar(sidecar: dict[str, Any], quotes: list[str]) -> None:
    """Annotations, events and mentions on the extra paragraphs (and the old id clashes)."""
    sidecar["title"] = "Ann foo: " + sidecar["title"]
    annotations = sidecar["annotations"]
    for number, quote in enumerate(quotes, start=1):
        annotations.append(
            {
                "id": f"claim-{number}",
                "kind": "claim",
                "quote": {"exact": quote, "prefix": " quotes "},
                "attribution": {"by": "a payload", "named": False},
                "sources": ["sample-report"],
            }
        )
    annotations.append({"id": "foo", "kind": "context", "quote": quotes[0] + " and ends"})
    annotations.append(
        {"id": "mention-1", "kind": "mention", "quote": quotes[1], "actor": "ruritania"}
    )
    base = {"date": "2024-12-01", "sources": ["sample-report"]}
    sidecar["events"].append(
        {**base, "id": "ev1", "title": "Ev one", "passages": [quotes[2], quotes[3]]}
    )
    sidecar["events"].append(
        {**base, "id": "ev1-2", "title": "Ev one two", "passages": [quotes[4]]}
    )
    # Its reason is shown only by `stats` and in diagnostics, escaped there like any value.
    sidecar["waivers"] = [{"rule": "unlinked-alias", "quote": quotes[5], "reason": "Reason."}]


def _projects() -> dict[str, dict[str, Any]]:
    """Parsed YAML of the mini fixture, one fresh copy per call."""
    source = MINI / "source_texts"
    return {
        "sidecar": yaml.safe_load((source / "sample.yml").read_text("utf-8")),
        "actors": yaml.safe_load((source / "registry" / "actors.yml").read_text("utf-8")),
        "sources": yaml.safe_load((source / "registry" / "sources.yml").read_text("utf-8")),
    }


def _write(target: Path, files: dict[str, Any], extra_text: str) -> Path:
    shutil.copytree(MINI, target)
    source = target / "source_texts"
    # JSON is YAML: quoting and escapes are exact, whatever the payload.
    for name, rel in (
        ("sidecar", "sample.yml"),
        ("actors", "registry/actors.yml"),
        ("sources", "registry/sources.yml"),
    ):
        text = "# Generated by tests/hostile_project.py\n" + json.dumps(files[name], indent=2)
        (source / rel).write_text(text + "\n", encoding="utf-8")
    text_file = source / "sample.txt"
    text_file.write_text(text_file.read_text("utf-8") + extra_text + "\n", encoding="utf-8")
    config = target / "mkdocs.yml"
    config.write_text(
        config.read_text("utf-8")
        .replace(
            "../../../builder/mkdocs_hook.py", (REPO / "builder" / "mkdocs_hook.py").as_posix()
        )
        .replace("../../../overrides", (REPO / "overrides").as_posix())
        # The site's own script, which copies notes and shows actor cards (tests/browser).
        + "extra_javascript: [assets/explainer.js]\n",
        encoding="utf-8",
    )
    (target / "docs" / "assets").mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "docs" / "assets" / "explainer.js", target / "docs" / "assets")
    return target


@dataclass(frozen=True, kw_only=True)
class Twins:
    benign: Path
    hostile: list[Path]
    markers: dict[int, str]  # __pwned marker -> the field that carries it


def write_twins(target: Path) -> Twins:
    """The benign project and one hostile variant per one-line bundle, under `target`."""
    markers = Markers()
    made: dict[str, Path] = {}
    for name, value, hostile in [
        ("benign", _benign, False),
        *((f"hostile-{i + 1}", _hostile(b, markers), True) for i, b in enumerate(ONE_LINE_BUNDLES)),
    ]:
        files = _projects()
        extra_text, quotes = _text_and_quotes(hostile)
        _extend_sidecar(files["sidecar"], quotes)
        for actor in files["actors"]["actors"]:
            actor.setdefault("sources", ["sample-report"])  # a profile needs a source
        _fill(files, value)
        # An alias the text uses: a payload becomes the link text of a mention.
        files["actors"]["actors"][0]["aliases"].append(quotes[5])
        made[name] = _write(target / name, files, extra_text)
    return Twins(
        benign=made["benign"],
        hostile=[p for n, p in made.items() if n != "benign"],
        markers=dict(markers.by_number),
    )


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "hostile-projects")
    twins = write_twins(out)
    print(f"wrote {twins.benign} and {', '.join(map(str, twins.hostile))}")
