"""Under `mkdocs serve`, pages that no edit can reach are handed on as they were, without
their inputs being worked out (builder/render/changes.py). A rebuild must still make what
a build from nothing makes. These tests use a synthetic project (scripts/synth.py), whose
texts tell the same events and whose claims are linked across texts: more ways for an edit
to reach another text's page than the fixtures have."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from builder import pipeline
from scripts.synth import generate
from tests.test_incremental import _edits, _same, _trust_files_after

TEXTS = 8


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    generate(tmp_path / "project", TEXTS, seed=5)
    _trust_files_after(tmp_path / "project", monkeypatch)
    return tmp_path / "project"


def test_without_an_edit_every_text_actor_and_source_is_carried(project: Path) -> None:
    cache = pipeline.BuildCache()
    first = pipeline.build(project, cache=cache)
    assert first.project is not None and cache.pages.carried == 0  # nothing to carry
    again = pipeline.build(project, cache=cache)
    model = first.project
    assert cache.pages.carried == len(model.texts) + len(model.actors) + len(model.sources)
    assert cache.pages.rendered == 0
    assert again.pages == first.pages


def test_an_edited_summary_reaches_its_text_and_the_texts_linked_to_it(project: Path) -> None:
    cache = pipeline.BuildCache()
    first = pipeline.build(project, cache=cache)
    assert first.project is not None
    sidecar = sorted((project / "source_texts").glob("*.yml"))[0]
    content = sidecar.read_text(encoding="utf-8")
    assert content.count("    summary: Claim 0 of") == 1
    edited_content = content.replace("    summary: Claim 0 of", "    summary: Edited claim 0 of")
    sidecar.write_text(edited_content, encoding="utf-8")
    again = pipeline.build(project, cache=cache)
    _same(again, pipeline.build(project))
    assert again.project is not None
    edited = again.project.text[sidecar.stem]
    ids = {a.id for a in edited.annotations}
    linking = [t for t in again.project.texts if not ids.isdisjoint(t.linked_claim_ids)]
    assert 0 < len(linking) < TEXTS - 1  # the edit reaches some other texts, not all
    reached = {edited.slug, *(t.slug for t in linking)}
    # Every other text page is carried (with most actor pages and sources sections).
    assert cache.pages.carried >= TEXTS - len(reached) + len(again.project.sources) // 2
    changed = {p for p in again.pages if again.pages[p] != first.pages[p] and p.endswith(".md")}
    assert {
        p.removeprefix("texts/").removesuffix(".md") for p in changed if "texts/" in p
    } <= reached


@pytest.mark.slow
def test_edits_across_a_synthetic_project_rebuild_as_from_nothing(project: Path) -> None:
    """Every 40th edit of the kind tests/test_incremental.py makes, in every YAML file
    (registries too) and in the texts: after each, and after undoing it, the cached
    build is compared with a fresh one."""
    cache = pipeline.BuildCache()
    first = pipeline.build(project, cache=cache)
    assert first.ok, first.diagnostics.format()
    edits = list(itertools.islice(_edits(project), 0, None, 40))
    assert len(edits) > 35
    for path, content in edits:
        original = path.read_text(encoding="utf-8")
        path.write_text(content, encoding="utf-8")
        _same(pipeline.build(project, cache=cache), pipeline.build(project))
        path.write_text(original, encoding="utf-8")
        _same(pipeline.build(project, cache=cache), first)
