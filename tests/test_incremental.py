"""`mkdocs serve` rebuilds reuse what has not changed (pipeline.BuildCache): YAML files by
content, pages by their inputs (builder/render/reuse.py). A rebuild must give exactly
what a build from nothing gives. Every value of the fixtures' YAML files, and a word of
each text, is changed in turn, in place; after each change, and after undoing it, the
cached build is compared with a fresh one: pages and diagnostics."""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from builder import pipeline
from builder.core.index_parts import IndexMemo, text_lookups
from builder.exports.addresses import TIMELINE
from builder.input import load
from tests.conftest import MINI, PAIR, copy_fixture

QUOTE_KEYS = ("quote", "exact", "prefix", "suffix")
_FIELD = re.compile(r"^(?P<lead>\s*(?:- )?)(?P<key>[a-z_]+): (?P<value>.+)$")
_ITEM = re.compile(r"^(?P<lead>\s*- )(?P<value>[^{\[].*)$")


def _edited_value(key: str, value: str) -> str:
    """A plausible edit of one value, as written: most stay valid, some do not (a cached
    build must then report exactly what a fresh one reports)."""
    if value.startswith("[") and value.endswith("]"):
        items = value[1:-1].split(",")
        return "[" + ",".join(items[:-1]) + "]" if len(items) > 1 else "[]"
    if value in (">", "|", "true", "false") or value.startswith("{"):
        return {"true": "false", "false": "true"}.get(value, value)
    quoted = value[0] in "\"'" and value[-1] == value[0]
    inner = value[1:-1] if quoted else value
    if key in QUOTE_KEYS or key == "passage":
        words = inner.split(" ")
        inner = " ".join(words[:-1]) if len(words) > 2 else inner + "x"
    elif re.fullmatch(r"\d{4}-\d{2}-\d{2}", inner):
        inner = inner[:8] + ("01" if inner[8:] != "01" else "02")  # another day
    else:
        inner += " (edited)"
    return f"{value[0]}{inner}{value[0]}" if quoted else inner


def _edits(project: Path) -> Iterator[tuple[Path, str]]:
    """(file, edited content): each value line of every YAML file changed in place (no
    line moves, as when a contributor edits a value), and a word of each text."""
    for path in sorted((project / "source_texts").rglob("*.yml")):
        lines = path.read_text(encoding="utf-8").split("\n")
        for number, line in enumerate(lines):
            field, item = _FIELD.match(line), _ITEM.match(line)
            if field and field["value"].startswith("#") is False:
                lead, key, value = field["lead"] + field["key"] + ": ", field["key"], field["value"]
            elif item:
                lead, key, value = item["lead"], "passage", item["value"]
            elif line.startswith("      ") and line.strip() and not line.lstrip().startswith("#"):
                lead, key, value = "", "prose", line  # a line of a folded note
            else:
                continue
            edited = lead + _edited_value(key, value.strip() if lead else value)
            if edited != line:
                yield path, "\n".join([*lines[:number], edited, *lines[number + 1 :]])
    for path in sorted((project / "source_texts").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        yield path, text.replace(" the ", " a ", 1)


def _same(cached: pipeline.BuildResult, fresh: pipeline.BuildResult) -> None:
    assert cached.diagnostics.format() == fresh.diagnostics.format()
    assert cached.pages == fresh.pages


@pytest.mark.slow
@pytest.mark.parametrize("fixture", [PAIR, MINI], ids=["pair", "mini"])
def test_a_cached_rebuild_equals_a_build_from_nothing(
    tmp_path: Path, fixture: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = copy_fixture(fixture, tmp_path / "project")
    # Files left alone for more than a moment are taken on their status, as under serve
    # (load.ParseMemo.unchanged); the file just edited is read again.
    _trust_files_after(project, monkeypatch)
    cache = pipeline.BuildCache()
    first = pipeline.build(project, cache=cache)
    assert first.ok, first.diagnostics.format()
    edits = 0
    for path, content in _edits(project):
        original = path.read_text(encoding="utf-8")
        path.write_text(content, encoding="utf-8")
        _same(pipeline.build(project, cache=cache), pipeline.build(project))
        path.write_text(original, encoding="utf-8")
        _same(pipeline.build(project, cache=cache), first)
        edits += 1
    assert edits > 60  # every value of the fixture, not a sample


_MOMENT_NS = 200_000_000  # well above the file system's timestamp granularity here


def _trust_files_after(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make `load.RACY_NS` a moment, and wait until the project's files are older."""
    monkeypatch.setattr(load, "RACY_NS", _MOMENT_NS)
    time.sleep(_MOMENT_NS / 1e9 * 1.5)


def test_a_file_is_read_again_only_when_its_status_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = copy_fixture(MINI, tmp_path / "mini")
    files = sorted(p for p in (project / "source_texts").rglob("*") if p.is_file())
    hour = 3600 * 10**9
    monkeypatch.setattr(load, "RACY_NS", -hour)  # every status says enough
    cache = pipeline.BuildCache()
    first = pipeline.build(project, cache=cache)
    assert cache.parsed.read == len(files)
    assert pipeline.build(project, cache=cache).pages == first.pages
    assert cache.parsed.read == 0  # every file taken on its status
    # The same size and modification time: only the change time tells.
    text = next(p for p in files if p.suffix == ".txt")
    before = text.stat()
    content = text.read_text(encoding="utf-8")
    edited = content.replace(" the ", " thy ", 1)
    assert len(edited) == len(content) and edited != content
    text.write_text(edited, encoding="utf-8")
    os.utime(text, ns=(before.st_atime_ns, before.st_mtime_ns))
    again = pipeline.build(project, cache=cache)
    assert cache.parsed.read == 1
    _same(again, pipeline.build(project))
    # Files read in the moments after they changed: their status says nothing, so they
    # are read on every build, until a read when they had been left alone for longer.
    monkeypatch.setattr(load, "RACY_NS", hour)
    pipeline.build(project, cache=cache)
    assert cache.parsed.read == 0  # as read before: their status still said enough
    text.write_text(content, encoding="utf-8")
    for _ in range(2):
        pipeline.build(project, cache=cache)
        assert cache.parsed.read == 1
    monkeypatch.setattr(load, "RACY_NS", -hour)
    pipeline.build(project, cache=cache)
    assert cache.parsed.read == 1
    pipeline.build(project, cache=cache)
    assert cache.parsed.read == 0
    # A file turned into a link to the same content is refused, as by a fresh build.
    copy = tmp_path / "elsewhere.txt"
    copy.write_bytes(text.read_bytes())
    text.unlink()
    text.symlink_to(copy)
    linked = pipeline.build(project, cache=cache)
    assert not linked.ok
    _same(linked, pipeline.build(project))


def test_an_unchanged_project_renders_and_parses_nothing_again(tmp_path: Path) -> None:
    project = copy_fixture(PAIR, tmp_path / "pair")
    cache = pipeline.BuildCache()
    first = pipeline.build(project, cache=cache)
    assert first.project is not None
    # Every page, but the sources page section by section (its sections are reused);
    # the exports (data/) are made again by every build, from the model.
    sections = len(first.project.sources)
    markdown = [path for path in first.pages if path.endswith(".md")]
    assert cache.pages.rendered == len(markdown) - 1 + sections
    assert cache.parsed.parsed == 4
    again = pipeline.build(project, cache=cache)
    assert (cache.pages.rendered, cache.parsed.parsed, cache.anchored.anchored) == (0, 0, 0)
    assert again.pages == first.pages


def test_one_edited_note_renders_only_the_pages_that_show_it(tmp_path: Path) -> None:
    project = copy_fixture(PAIR, tmp_path / "pair")
    cache = pipeline.BuildCache()
    first = pipeline.build(project, cache=cache)
    sidecar = project / "source_texts" / "wire-report.yml"
    text = sidecar.read_text(encoding="utf-8")
    note = "    note: A transponder tells air traffic control who and where an aircraft is.\n"
    assert text.count(note) == 1  # edited in place, as a contributor would: no line moves
    sidecar.write_text(text.replace(note, note[:-1] + " Edited.\n"), encoding="utf-8")
    again = pipeline.build(project, cache=cache)
    changed = {path for path in again.pages if again.pages[path] != first.pages[path]}
    assert changed == {"texts/wire-report.md", "data/annotations/wire-report.jsonld"}
    assert (cache.parsed.parsed, cache.anchored.anchored, cache.pages.rendered) == (1, 1, 1)


# --- the steps across files (builder/core/steps.py, builder/core/index_parts.py) ----------


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def _built_with(project: Path) -> tuple[pipeline.BuildCache, pipeline.BuildResult]:
    cache = pipeline.BuildCache()
    first = pipeline.build(project, cache=cache)
    assert first.ok, first.diagnostics.format()
    return cache, first


def test_an_edited_summary_runs_no_step_across_files_again(tmp_path: Path) -> None:
    project = copy_fixture(PAIR, tmp_path / "pair")
    cache, first = _built_with(project)
    sidecar = project / "source_texts" / "wire-report.yml"
    _edit(sidecar, "summary: Rivera left the capital late", "summary: Rivera left the city late")
    again = pipeline.build(project, cache=cache)
    _same(again, pipeline.build(project))
    assert again.pages != first.pages
    # Ids, statuses, prose links, standings, event dates: each reused as it was.
    assert (cache.checked.steps.ran, cache.anchored.steps.ran) == ([], [])
    # The lookups merged again only the keys the edited text names, none from the events.
    assert again.project is not None
    edited = text_lookups(again.project.text["wire-report"])
    assert cache.index.changed["claims_about"] == set(edited.claims_about)
    assert cache.index.changed["events"] == set()
    # The timeline was not made again: the very bytes of the first build.
    assert again.pages.encoded(TIMELINE) is first.pages.encoded(TIMELINE)


@pytest.mark.parametrize(
    ("old", "new", "step"),
    [
        ("corroborated_by: [left-on-sunday]", "corroborated_by: []", "standings"),
        ('date: "2024-12-07"', 'date: "2024-12-06"', "events"),
        ("  - id: route-unconfirmed", "  - id: route-not-confirmed", "known-ids"),
    ],
    ids=["a-link", "an-event-date", "an-id"],
)
def test_an_edit_that_a_step_reads_runs_it_again(
    tmp_path: Path, old: str, new: str, step: str
) -> None:
    project = copy_fixture(PAIR, tmp_path / "pair")
    cache, first = _built_with(project)
    _edit(project / "source_texts" / "wire-report.yml", old, new)
    again = pipeline.build(project, cache=cache)
    _same(again, pipeline.build(project))
    assert step in cache.checked.steps.ran + cache.anchored.steps.ran
    assert again.pages != first.pages


def test_a_moved_entry_is_reported_where_it_now_is(tmp_path: Path) -> None:
    """A step's diagnostics are replayed only while every place they name is unchanged: a
    line added above the entries moves them all, and the errors found across files (a
    duplicate id, a status the links do not support, a date's bound) must name the new
    lines."""
    project = copy_fixture(PAIR, tmp_path / "pair")
    cache, _ = _built_with(project)
    statement = project / "source_texts" / "vos-statement.yml"
    report = project / "source_texts" / "wire-report.yml"
    _edit(statement, "  - id: informed-on-monday", "  - id: left-on-sunday")
    _edit(statement, "    about: [elena-vos]\n", "    about: [elena-vos]\n    status: denied\n")
    bound = '    qualifier: by\n    not_before: "2024-12-09"\n'  # after its date: an error
    _edit(report, 'date: "2024-12-07"\n', f'date: "2024-12-07"\n{bound}')
    broken = pipeline.build(project, cache=cache)
    _same(broken, pipeline.build(project))
    codes = {d.code for d in broken.diagnostics.items}
    assert {"duplicate-id", "status-not-supported", "not-before-not-earlier"} <= codes
    for path, steps in ((statement, {"known-ids", "declared-statuses"}), (report, {"events"})):
        path.write_text("# a line more\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
        again = broken.diagnostics.format()
        moved = pipeline.build(project, cache=cache)
        assert moved.diagnostics.format() != again
        _same(moved, pipeline.build(project))
        assert steps <= {*cache.checked.steps.ran, *cache.anchored.steps.ran}
        broken = moved


_PARTS = st.lists(
    st.dictionaries(
        st.sampled_from("abcdef"), st.lists(st.integers(0, 9), min_size=1, max_size=3).map(tuple)
    ),
    max_size=6,
)


@given(before=_PARTS, now=_PARTS)
def test_a_lookup_merged_again_by_key_equals_one_merged_from_nothing(
    before: list[dict[str, tuple[int, ...]]], now: list[dict[str, tuple[int, ...]]]
) -> None:
    """`IndexMemo.merged` after a change (the parts that are the same objects kept, the
    others new) gives what merging all the parts gives."""
    parts = [dict(part) for part in before]
    kept = [parts[i] if i < len(parts) and part == parts[i] else part for i, part in enumerate(now)]
    memo = IndexMemo()
    memo.merged("lookup", tuple(parts))
    again = memo.merged("lookup", tuple(kept))
    assert again == IndexMemo().merged("lookup", tuple(kept))


def test_a_derived_input_is_reused_only_from_the_very_same_objects() -> None:
    from builder.render.reuse import PageMemo

    memo, made = PageMemo(), []
    first, equal = ("a", "b"), tuple(["a", "b"][i] for i in range(2))  # equal, not the same
    memo.begin(shared=None)
    assert memo.derive("key", (first,), lambda: made.append(1) or "one") == "one"
    memo.end()
    memo.begin(shared=None)
    assert memo.derive("key", (first,), lambda: made.append(2) or "two") == "one"
    memo.end()
    memo.begin(shared=None)
    assert equal == first and equal is not first
    assert memo.derive("key", (equal,), lambda: made.append(3) or "three") == "three"
    memo.end()
    memo.begin(shared=None)  # a key not asked for in a build is forgotten
    memo.end()
    memo.begin(shared=None)
    assert memo.derive("key", (equal,), lambda: made.append(4) or "four") == "four"
    assert made == [1, 3, 4]


def test_values_derived_per_text_are_reused_one_by_one() -> None:
    from builder.render.reuse import PageMemo

    memo, made = PageMemo(), []
    a, b, b_again = ("a",), ("b",), tuple(["b"])  # b_again: equal to b, not the same

    def build(entries: list[tuple[str, tuple[object, ...]]]) -> tuple[str, ...]:
        memo.begin(shared=None)
        values = memo.derive_each("key", entries, lambda name: made.append(name) or name * 2)
        memo.end()
        return values

    assert build([("x", (a,)), ("y", (b,))]) == ("xx", "yy")
    assert build([("x", (a,)), ("y", (b,))]) == ("xx", "yy")
    assert build([("x", (a,)), ("y", (b_again,))]) == ("xx", "yy")
    assert build([("y", (b_again,)), ("x", (a, b))]) == ("yy", "xx")  # in the order asked
    assert build([("y", (b_again,))]) == ("yy",)
    assert build([("x", (a, b)), ("y", (b_again,))]) == ("xx", "yy")  # x was forgotten
    assert made == ["x", "y", "y", "x", "x"]


def test_a_file_added_or_removed_is_seen_by_a_cached_rebuild(tmp_path: Path) -> None:
    project = copy_fixture(PAIR, tmp_path / "pair")
    cache, first = _built_with(project)
    folder = project / "source_texts"
    stray = folder / "notes.doc"
    stray.write_text("a stray file\n", encoding="utf-8")
    reported = pipeline.build(project, cache=cache)
    assert "unexpected-file" in reported.diagnostics.format()
    _same(reported, pipeline.build(project))
    stray.unlink()
    _same(pipeline.build(project, cache=cache), first)
    # A text and its sidecar copied under a new name: a new page, as from nothing.
    text, sidecar = sorted(folder.glob("*.txt"))[0], sorted(folder.glob("*.yml"))[0]
    (folder / "copied.txt").write_bytes(text.read_bytes())
    (folder / "copied.yml").write_bytes(sidecar.read_bytes())
    _same(pipeline.build(project, cache=cache), pipeline.build(project))
