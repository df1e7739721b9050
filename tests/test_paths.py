"""Hostile paths: links, special files and stray entries in source_texts/ and docs/,
and `build --out` at folders it must never replace (issue 5, defects 2, 3, 4, 14).

Every bad entry gets one located error, the content of a link's target never
appears (nor is it read), and a refused `--out` touches nothing."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from builder import pipeline
from builder.write import MARKER

SECRET = "SECRET-7f3a: this line lives outside the project"
MINIMAL_SIDECAR = "title: T\nlanguage: en\nprovenance: Ours.\n"
LINK_HINT = "replace the link with the file or folder itself"
SPECIAL_HINT = "only ordinary files and folders are allowed here"


def outside(tmp_path: Path) -> Path:
    """A folder next to the project, holding what a link could point at."""
    folder = tmp_path / "outside"
    folder.mkdir(exist_ok=True)
    (folder / "secret.yml").write_text(f"{SECRET}\n", encoding="utf-8")
    (folder / "secret.md").write_text(f"# {SECRET}\n", encoding="utf-8")
    return folder


def link(path: Path, target: Path) -> None:
    if path.exists() or path.is_symlink():
        path.unlink()
    path.symlink_to(target)


def fifo(path: Path) -> None:
    if path.exists():
        path.unlink()
    os.mkfifo(path)


Setup = Callable[[Path, Path], None]  # (project, outside folder)

# (case id, setup, expected `path:line:col: error[code]: message`, hint fragment)
CASES: list[tuple[str, Setup, str, str]] = [
    (
        "text-links-outside",
        lambda p, o: link(p / "source_texts/other.txt", o / "secret.yml"),
        "source_texts/other.txt:1:1: error[symbolic-link]: symbolic links are not allowed in source_texts/",
        LINK_HINT,
    ),
    (
        "sidecar-links-outside",
        lambda p, o: link(p / "source_texts/sample.yml", o / "secret.yml"),
        "source_texts/sample.yml:1:1: error[symbolic-link]: symbolic links are not allowed in source_texts/",
        LINK_HINT,
    ),
    (
        "registry-file-links-outside",
        lambda p, o: link(p / "source_texts/registry/actors.yml", o / "secret.yml"),
        "source_texts/registry/actors.yml:1:1: error[symbolic-link]: symbolic links are not allowed in source_texts/",
        LINK_HINT,
    ),
    (
        "registry-folder-is-a-link",
        lambda p, o: (
            shutil.copytree(p / "source_texts/registry", o / "registry"),
            shutil.rmtree(p / "source_texts/registry"),
            link(p / "source_texts/registry", o / "registry"),
        ),
        "source_texts/registry:1:1: error[symbolic-link]: symbolic links are not allowed in source_texts/",
        LINK_HINT,
    ),
    (
        "folder-links-outside",
        lambda p, o: link(p / "source_texts/more", o),
        "source_texts/more:1:1: error[symbolic-link]: symbolic links are not allowed in source_texts/",
        LINK_HINT,
    ),
    (
        "source-texts-is-a-link",
        lambda p, o: (
            shutil.move(p / "source_texts", o / "source_texts"),
            link(p / "source_texts", o / "source_texts"),
        ),
        "source_texts:1:1: error[symbolic-link]: symbolic links are not allowed in the project",
        LINK_HINT,
    ),
    (
        "dangling-link",
        lambda p, o: link(p / "source_texts/gone.txt", o / "missing.txt"),
        "source_texts/gone.txt:1:1: error[symbolic-link]: symbolic links are not allowed in source_texts/",
        LINK_HINT,
    ),
    (
        "text-is-a-fifo",
        lambda p, o: fifo(p / "source_texts/pipe.txt"),
        "source_texts/pipe.txt:1:1: error[special-file]: a fifo (named pipe) is not allowed in source_texts/",
        SPECIAL_HINT,
    ),
    (
        "registry-file-is-a-fifo",
        lambda p, o: fifo(p / "source_texts/registry/sources.yml"),
        "source_texts/registry/sources.yml:1:1: error[special-file]: a fifo (named pipe) is not allowed in source_texts/",
        SPECIAL_HINT,
    ),
    (
        "docs-page-links-outside",
        lambda p, o: link(p / "docs/leak.md", o / "secret.md"),
        "docs/leak.md:1:1: error[symbolic-link]: symbolic links are not allowed in docs/",
        LINK_HINT,
    ),
    (
        "docs-folder-links-outside",
        lambda p, o: link(p / "docs/etc", o),
        "docs/etc:1:1: error[symbolic-link]: symbolic links are not allowed in docs/",
        LINK_HINT,
    ),
    (
        "docs-deep-link",
        lambda p, o: (
            (p / "docs/a/b").mkdir(parents=True),
            link(p / "docs/a/b/leak.md", o / "secret.md"),
        ),
        "docs/a/b/leak.md:1:1: error[symbolic-link]: symbolic links are not allowed in docs/",
        LINK_HINT,
    ),
    (
        "docs-hidden-link",
        lambda p, o: link(p / "docs/.hidden", o),
        "docs/.hidden:1:1: error[symbolic-link]: symbolic links are not allowed in docs/",
        LINK_HINT,
    ),
    (
        "docs-fifo",
        lambda p, o: fifo(p / "docs/pipe.md"),
        "docs/pipe.md:1:1: error[special-file]: a fifo (named pipe) is not allowed in docs/",
        SPECIAL_HINT,
    ),
    (
        "docs-is-a-link",
        lambda p, o: (shutil.move(p / "docs", o / "docs"), link(p / "docs", o / "docs")),
        "docs:1:1: error[symbolic-link]: symbolic links are not allowed in the project",
        LINK_HINT,
    ),
    (
        "docs-page-at-a-generated-path",
        lambda p, o: (
            (p / "docs/texts").mkdir(),
            (p / "docs/texts/index.md").write_text("# Mine\n", encoding="utf-8"),
        ),
        "docs/texts/index.md:1:1: error[page-path-clash]: this hand-written page has the path of the generated page texts/index.md",
        "rename or remove it",
    ),
    (
        "docs-readme-at-a-generated-path",
        lambda p, o: (
            (p / "docs/actors").mkdir(),
            (p / "docs/actors/README.md").write_text("# Mine\n", encoding="utf-8"),
        ),
        "docs/actors/README.md:1:1: error[page-path-clash]: this hand-written page has the path of the generated page actors/index.md",
        "rename or remove it",
    ),
    (
        "stray-registry-file",
        lambda p, o: (p / "source_texts/registry/extra.yml").write_text(
            "actors: []\n", encoding="utf-8"
        ),
        "source_texts/registry/extra.yml:1:1: error[unexpected-file]: unexpected file 'extra.yml' in source_texts/registry/",
        "the registry holds only actors.yml and sources.yml",
    ),
    (
        "registry-file-with-yaml-extension",
        lambda p, o: (p / "source_texts/registry/actors.yml").rename(
            p / "source_texts/registry/actors.yaml"
        ),
        "source_texts/registry/actors.yaml:1:1: error[wrong-extension]: registry files use the .yml extension",
        "rename it to actors.yml",
    ),
    (
        "registry-subfolder",
        lambda p, o: (p / "source_texts/registry/old").mkdir(),
        "source_texts/registry/old:1:1: error[unexpected-folder]: unexpected folder 'old' in source_texts/registry/",
        "no subfolders",
    ),
    (
        "registry-is-a-file",
        lambda p, o: (
            shutil.rmtree(p / "source_texts/registry"),
            (p / "source_texts/registry").write_text("", encoding="utf-8"),
        ),
        "source_texts/registry:1:1: error[not-a-folder]: source_texts/registry is a file, not a folder",
        "make it a folder holding actors.yml and sources.yml",
    ),
    (
        "no-source-texts-folder",
        lambda p, o: shutil.rmtree(p / "source_texts"),
        "source_texts:1:1: error[no-source-texts]: folder source_texts/ not found",
        "run the builder from the project root",
    ),
    (
        "registry-file-missing",
        lambda p, o: (p / "source_texts/registry/sources.yml").unlink(),
        "source_texts/registry/sources.yml:1:1: error[missing-registry-file]: registry file "
        "sources.yml not found",
        "create source_texts/registry/sources.yml",
    ),
    (
        "text-without-sidecar",
        lambda p, o: (p / "source_texts/other.txt").write_text("Words.\n", encoding="utf-8"),
        "source_texts/other.txt:1:1: error[missing-sidecar]: source text has no sidecar other.yml",
        "create it next to the text",
    ),
    (
        "sidecar-without-text",
        lambda p, o: (p / "source_texts/other.yml").write_text(MINIMAL_SIDECAR, encoding="utf-8"),
        "source_texts/other.yml:1:1: error[missing-text]: sidecar has no source text other.txt",
        "with the same base name",
    ),
    (
        "text-not-utf8",
        lambda p, o: (p / "source_texts/sample.txt").write_bytes(b"The caf\xe9 was shut.\n"),
        "source_texts/sample.txt:1:8: error[not-utf8]: file is not valid UTF-8 (byte 0xe9)",
        "save the file as UTF-8",
    ),
    (
        "text-too-large",
        lambda p, o: (p / "source_texts/sample.txt").write_text("a" * 2_000_001, encoding="utf-8"),
        "source_texts/sample.txt:1:1: error[file-too-large]: file is too large (more than "
        "2000000 bytes)",
        "split the text into several files",
    ),
    (
        "texts-subfolder",
        lambda p, o: (p / "source_texts/drafts").mkdir(),
        "source_texts/drafts:1:1: error[unexpected-folder]: unexpected folder 'drafts' in source_texts/",
        "the only folder is registry/",
    ),
    (
        "folder-named-like-a-text",
        lambda p, o: (p / "source_texts/d.txt").mkdir(),
        "source_texts/d.txt:1:1: error[not-a-file]: 'd.txt' is a folder, not a file",
        "plain files directly in source_texts/",
    ),
    (
        "reserved-text-slug",
        lambda p, o: (
            (p / "source_texts/index.txt").write_text("Our own words.\n", encoding="utf-8"),
            (p / "source_texts/index.yml").write_text(MINIMAL_SIDECAR, encoding="utf-8"),
        ),
        "source_texts/index.txt:1:1: error[reserved-name]: the text name 'index' is reserved",
        "a generated page is called texts/index.md",
    ),
    (
        "text-slug-with-trailing-newline",
        lambda p, o: (p / "source_texts/x\n.txt").write_text("Words.\n", encoding="utf-8"),
        "source_texts/x\\n.txt:1:1: error[bad-file-name]: file name 'x\\n.txt' is not a valid slug",
        "at most 80 characters",
    ),
    (
        "text-slug-too-long",
        lambda p, o: (p / f"source_texts/{'a' * 81}.txt").write_text("W.\n", encoding="utf-8"),
        f"source_texts/{'a' * 81}.txt:1:1: error[bad-file-name]: file name '{'a' * 81}.txt' is not a valid slug",
        "at most 80 characters",
    ),
]


@pytest.mark.parametrize(
    ("setup", "expected", "hint"), [pytest.param(*case[1:], id=case[0]) for case in CASES]
)
def test_bad_entry_is_one_located_error(
    mini: Path, tmp_path: Path, setup: Setup, expected: str, hint: str
) -> None:
    setup(mini, outside(tmp_path))
    diagnostics, project = pipeline.check(mini)
    report = diagnostics.format()
    assert project is None, "bad input must not produce a project"
    assert expected in report, f"expected {expected!r} in:\n{report}"
    assert hint in report, f"expected hint {hint!r} in:\n{report}"
    assert len(diagnostics.items) == 1, report  # no follow-on errors
    assert "SECRET" not in report  # a link's target is never read or echoed


def test_hidden_entries_in_source_texts_are_ignored(mini: Path, tmp_path: Path) -> None:
    texts = mini / "source_texts"
    (texts / ".DS_Store").write_bytes(b"\x00\x01")
    (texts / ".sample.yml.swp").write_bytes(b"\x00")
    link(texts / ".#sample.yml", outside(tmp_path) / "secret.yml")  # an Emacs lock file
    (texts / ".cache").mkdir()
    (texts / "registry/.keep").write_text("", encoding="utf-8")
    diagnostics, project = pipeline.check(mini)
    assert project is not None, diagnostics.format()
    assert not diagnostics.items


def test_a_link_to_a_folder_loop_is_not_walked(mini: Path) -> None:
    link(mini / "docs/loop", mini / "docs")
    link(mini / "source_texts/loop", mini / "source_texts")
    diagnostics, _ = pipeline.check(mini)
    assert len(diagnostics.items) == 2, diagnostics.format()


def test_export_never_copies_a_linked_file(mini: Path, tmp_path: Path) -> None:
    link(mini / "docs/leak.md", outside(tmp_path) / "secret.md")
    out = tmp_path / "export"
    result = run("build", "--out", str(out), cwd=mini)
    assert result.returncode == 1
    assert (
        "docs/leak.md:1:1: error[symbolic-link]: symbolic links are not allowed in docs/"
        in result.stderr
    )
    assert "SECRET" not in result.stderr + result.stdout
    assert not out.exists()


# --- build --out ---------------------------------------------------------------


def run(
    *args: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "builder", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


def snapshot(folder: Path) -> dict[str, tuple[str, bytes]]:
    """Every entry under `folder` (hidden ones and links too) with what it holds."""
    out: dict[str, tuple[str, bytes]] = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).as_posix()
        if path.is_symlink():
            out[relative] = ("link", os.readlink(path).encode())
        elif path.is_dir():
            out[relative] = ("dir", b"")
        else:
            out[relative] = ("file", path.read_bytes())
    return out


OutSetup = Callable[[Path, Path], str]  # (project, tmp_path) -> the --out argument

# (case id, setup returning --out, expected message fragment); cwd is the project.
REFUSED: list[tuple[str, OutSetup, str]] = [
    ("project-root", lambda p, t: ".", "it is the project folder"),
    ("parent", lambda p, t: "..", "it is a parent of the project folder"),
    ("filesystem-root", lambda p, t: "/", "it is a parent of the project folder"),
    ("source-texts", lambda p, t: "source_texts", "the builder never writes in or over"),
    ("inside-source-texts", lambda p, t: "source_texts/registry", "never writes in or over"),
    ("docs", lambda p, t: "docs", "the builder never writes in or over"),
    ("inside-docs", lambda p, t: "docs/out", "the builder never writes in or over"),
    ("builder", lambda p, t: "builder", "the builder never writes in or over"),
    ("builder-package", lambda p, t: str(Path(__file__).parents[1] / "builder"), "never writes"),
    (
        "a-file",
        lambda p, t: (t / "my-notes").write_text("mine\n", encoding="utf-8") and "../my-notes",
        "it is a file, not a folder",
    ),
    (
        "foreign-folder",
        lambda p, t: (
            (t / "notes").mkdir(),
            (t / "notes/todo.txt").write_text("mine\n", encoding="utf-8"),
            str(t / "notes"),
        )[-1],
        f"it is not empty and has no {MARKER} file from an earlier export",
    ),
    (
        "link-to-docs",
        lambda p, t: (t / "to-docs").symlink_to(p / "docs") or str(t / "to-docs"),
        "it is a symbolic link",
    ),
    (
        "link-to-project",
        lambda p, t: (t / "to-project").symlink_to(p) or str(t / "to-project"),
        "it is a symbolic link",
    ),
    (
        "link-to-an-export",
        lambda p, t: (
            (t / "real").mkdir(),
            (t / "real" / MARKER).write_text("explainer-export 1\n", encoding="utf-8"),
            (t / "to-real").symlink_to(t / "real"),
            str(t / "to-real"),
        )[-1],
        "it is a symbolic link",
    ),
    (
        "marker-is-a-link",
        lambda p, t: (
            (t / "fake").mkdir(),
            (t / "fake/keep.txt").write_text("mine\n", encoding="utf-8"),
            (t / "fake" / MARKER).symlink_to(p / "docs/index.md"),
            str(t / "fake"),
        )[-1],
        f"has no {MARKER} file",
    ),
    (
        "home",
        lambda p, t: ((t / "home").mkdir(), (t / "home/.bashrc").touch(), str(t / "home"))[-1],
        "it holds your home folder",
    ),
]


@pytest.mark.parametrize(
    ("setup", "expected"), [pytest.param(*case[1:], id=case[0]) for case in REFUSED]
)
@pytest.mark.parametrize("generated_only", [False, True], ids=["with-docs", "generated-only"])
def test_out_is_refused_and_nothing_is_touched(
    mini: Path, tmp_path: Path, setup: OutSetup, expected: str, generated_only: bool
) -> None:
    out = setup(mini, tmp_path)
    before = snapshot(tmp_path)
    flags = ["--generated-only"] if generated_only else []
    result = run("build", "--out", out, *flags, cwd=mini, env={"HOME": str(tmp_path / "home")})
    assert result.returncode == 1, result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: refusing to replace /"), lines[0]
    assert expected in lines[0]
    assert "choose a new or empty folder" in lines[0]
    assert snapshot(tmp_path) == before


def test_out_may_be_an_empty_folder(mini: Path, tmp_path: Path) -> None:
    out = tmp_path / "empty"
    out.mkdir()
    result = run("build", "--out", str(out), cwd=mini)
    assert result.returncode == 0, result.stderr
    assert (out / "docs/texts/sample.md").is_file()
    assert (out / MARKER).read_text(encoding="utf-8").startswith("explainer-export 1\n")


def test_out_may_be_an_earlier_export_which_is_replaced_whole(mini: Path, tmp_path: Path) -> None:
    out = tmp_path / "export"
    assert run("build", "--out", str(out), cwd=mini).returncode == 0
    (out / "stale.md").write_text("left from before\n", encoding="utf-8")
    result = run("build", "--out", str(out), "--generated-only", cwd=mini)
    assert result.returncode == 0, result.stderr
    assert not (out / "stale.md").exists()
    assert not (out / "docs").exists()  # only the generated pages this time, at the top
    assert not (out / "index.md").exists() and not (out / "mkdocs.yml").exists()
    assert (out / "texts/sample.md").is_file()
    assert (out / MARKER).is_file()


def test_out_may_be_new_with_new_parents(mini: Path, tmp_path: Path) -> None:
    out = tmp_path / "a" / "b" / "export"
    result = run("build", "--out", str(out), cwd=mini)
    assert result.returncode == 0, result.stderr
    assert (out / "docs/index.md").is_file()
