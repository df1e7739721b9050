"""Adding a text needs nothing outside source_texts/ (issue 6, points 5 and 6).

A copy of the repository (mkdocs.yml, docs/, overrides/, source_texts/) gets a second text
of ours: the .txt, its sidecar and a registry entry each for an actor and a source, all
under source_texts/. Then `check --strict` and `mkdocs build --strict` pass, and the text is
in the built navigation. Nothing here depends on what the real explainer says.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from tests.conftest import REPO, copy_repository

pytestmark = pytest.mark.slow

SLUG = "harbour-notice"
TEXT = """\
Notice from the harbour office, posted on Tuesday.

The harbour master, Ines Calder, said the ferry would not sail until the storm had passed.

Passengers were asked to keep their tickets.
"""
SIDECAR = f"""\
title: A notice from the harbour office
publisher: The harbour office
published: "2024-12-10"
language: en
order: 5
provenance: Written for the builder's tests; not a real notice.
sources: [{SLUG}]
annotations:
  - id: {SLUG}-ferry-held
    kind: claim
    quote: the ferry would not sail until the storm had passed
    attribution:
      by: Ines Calder
      actor: ines-calder
      named: true
      count: one
    about: [ines-calder]
    sources: [{SLUG}]
events:
  - id: {SLUG}-posted
    title: The harbour office posts a notice
    date: "2024-12-10"
    actors: [ines-calder]
    sources: [{SLUG}]
    passages:
      - Notice from the harbour office, posted on Tuesday.
waivers:
  - rule: bare-paragraph
    quote: Notice from the harbour office
    reason: The notice's heading; what it dates is the event {SLUG}-posted.
  - rule: unlinked-alias
    quote: The harbour master
    reason: Named in the same sentence, where the name links to her page.
  - rule: bare-paragraph
    quote: Passengers were asked
    reason: A request to passengers, asserting nothing.
"""
ACTOR = {
    "id": "ines-calder",
    "name": "Ines Calder",
    "kind": "person",
    "role": "Harbour master in the test text",
    "aliases": ["the harbour master"],
}
SOURCE = {"id": SLUG, "title": "Notice from the harbour office", "kind": "official_statement"}


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )


def _append(registry: Path, key: str, entry: dict[str, object]) -> None:
    """Add an entry to a registry the way a contributor would: comments and order kept."""
    yaml = YAML(typ="rt")
    data = yaml.load(registry.read_text(encoding="utf-8"))
    data[key].append(entry)
    with registry.open("w", encoding="utf-8") as stream:
        yaml.dump(data, stream)


@pytest.fixture
def copy_of_the_repository(tmp_path: Path) -> Path:
    return copy_repository(tmp_path / "repo", source_texts=REPO / "source_texts")


def test_a_second_text_added_under_source_texts_only_is_built_and_listed(
    copy_of_the_repository: Path,
) -> None:
    project = copy_of_the_repository
    before = {
        p: p.read_bytes()
        for p in project.rglob("*")
        if p.is_file() and "source_texts" not in p.parts
    }
    texts = project / "source_texts"
    (texts / f"{SLUG}.txt").write_text(TEXT, encoding="utf-8")
    (texts / f"{SLUG}.yml").write_text(SIDECAR, encoding="utf-8")
    _append(texts / "registry/actors.yml", "actors", ACTOR)
    _append(texts / "registry/sources.yml", "sources", SOURCE)

    check = _run("builder", "check", "--strict", cwd=project)
    assert check.returncode == 0, check.stderr
    built = _run("mkdocs", "build", "--strict", "--site-dir", str(project / "site"), cwd=project)
    assert built.returncode == 0, built.stderr
    assert "WARNING" not in built.stderr, built.stderr

    home = (project / "site/index.html").read_text(encoding="utf-8")
    assert f'href="texts/{SLUG}/"' in home, "the new text is not in the navigation"
    assert (project / f"site/texts/{SLUG}/index.html").is_file()
    after = {p: p.read_bytes() for p in before if p.exists()}
    assert after == before, "only source_texts/ was edited, and the build wrote nothing else"
