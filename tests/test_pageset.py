"""Pages written into a folder as they are made (`mkdocs build`, builder/render/pageset.py)
are the same pages, are not held in memory, and the folder goes when the build ends."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from builder import pipeline
from builder.render.pageset import Pages
from tests.conftest import PAIR, copy_fixture
from tests.test_site import mkdocs


def test_pages_in_a_folder_are_the_pages_made_in_memory(tmp_path: Path) -> None:
    in_memory = pipeline.build(PAIR)
    folder = tmp_path / "pages"
    folder.mkdir()
    on_disk = pipeline.build(PAIR, pages_folder=folder)
    assert in_memory.ok and on_disk.ok, on_disk.diagnostics.format()
    assert list(on_disk.pages) == list(in_memory.pages)
    assert any(path.startswith("data/") for path in on_disk.pages)  # the exports too
    for path in in_memory.pages:
        assert on_disk.pages.on_disk(path) and not in_memory.pages.on_disk(path)
        assert (folder / path).read_bytes() == in_memory.pages.encoded(path), path
        assert on_disk.pages.encoded(path) == in_memory.pages.encoded(path)


def test_a_page_is_never_written_outside_its_folder(tmp_path: Path) -> None:
    pages = Pages(folder=tmp_path / "pages")
    for path in ("../escaped.md", "/tmp/escaped.md", ""):
        with pytest.raises(ValueError):
            pages.add(path, "text")
    assert not (tmp_path / "escaped.md").exists()
    pages.add("texts/a.md", "# A\n")
    assert "texts/a.md" in pages and "texts/b.md" not in pages
    assert pages["texts/a.md"] == "# A\n"


def _mkdocs_build(project: Path, temp: Path) -> subprocess.CompletedProcess[str]:
    # The hook makes its folder in the system's temporary folder: here, one of our own.
    return mkdocs("build", "--strict", "--site-dir", "site", cwd=project, env={"TMPDIR": str(temp)})


@pytest.mark.slow
def test_mkdocs_build_removes_the_folder_of_its_pages(tmp_path: Path) -> None:
    project = copy_fixture(PAIR, tmp_path / "pair")
    temp = tmp_path / "temp"
    temp.mkdir()
    built = _mkdocs_build(project, temp)
    assert built.returncode == 0, built.stderr
    assert (project / "site" / "texts" / "wire-report" / "index.html").is_file()
    assert (project / "site" / "data" / "annotations.jsonld").is_file()
    assert not list(temp.glob("explainer-pages-*"))
    # A build that fails in MkDocs, after the builder wrote the pages: the folder goes too.
    (project / "docs" / "broken.md").write_text("[nowhere](missing.md)\n", encoding="utf-8")
    failed = _mkdocs_build(project, temp)
    assert failed.returncode != 0
    assert not list(temp.glob("explainer-pages-*")), failed.stderr
    # A build the builder stops (an error in a sidecar): nothing is left either.
    (project / "docs" / "broken.md").unlink()
    sidecar = project / "source_texts" / "wire-report.yml"
    sidecar.write_text(sidecar.read_text(encoding="utf-8") + "\n: : :\n", encoding="utf-8")
    stopped = _mkdocs_build(project, temp)
    assert stopped.returncode != 0 and "wire-report.yml" in stopped.stderr
    assert not list(temp.glob("explainer-pages-*")), stopped.stderr
