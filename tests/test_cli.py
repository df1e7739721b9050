"""`python -m builder check|build`: exit codes, error formats, atomic writes."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from builder import cli, pipeline
from builder.core.diagnostics import Diagnostics, Location
from builder.write import MARKER
from tests.conftest import REPO

BREAK = ("kind: context", "kind: contxt")


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "builder", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_strict_check_passes_on_the_repository_itself() -> None:
    """The real explainer is held to `check --strict` (and `mkdocs build --strict`, in
    test_site.py) and to nothing about its content."""
    result = run("check", "--strict", cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert re.match(r"ok: \d+ text\(s\), \d+ annotations", result.stdout), result.stdout


def test_check_fails_with_file_line_col_and_hint(
    mini: Path, edit: Callable[[Path, str, str], None]
) -> None:
    edit(mini / "source_texts/sample.yml", *BREAK)
    result = run("check", cwd=mini)
    assert result.returncode == 1
    assert (
        "source_texts/sample.yml:35:11: error[unknown-kind]: unknown kind 'contxt'" in result.stderr
    )
    assert "    hint: did you mean 'context'?" in result.stderr
    assert result.stderr.rstrip().endswith("\n1 error.")  # check writes nothing anyway


def test_github_format_emits_workflow_commands(
    mini: Path, edit: Callable[[Path, str, str], None]
) -> None:
    edit(mini / "source_texts/sample.yml", *BREAK)
    result = run("check", "--format", "github", cwd=mini)
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "::error file=source_texts/sample.yml,line=35,col=11,title=unknown-kind::"
        "unknown kind 'contxt' (hint: did you mean 'context'?)"
    )


def test_build_writes_a_project_folder(mini: Path, tmp_path: Path) -> None:
    out = tmp_path / "export"
    result = run("build", "--out", str(out), cwd=mini)
    assert result.returncode == 0, result.stderr
    assert (out / "docs/index.md").is_file()  # copied from docs/
    assert (out / "docs/texts/sample.md").is_file()
    assert (out / "docs/actors/mr-rivera.md").is_file()
    assert (out / "overrides/main.html").read_bytes() == (REPO / "overrides/main.html").read_bytes()
    config = YAML(typ="safe").load((out / "mkdocs.yml").read_text(encoding="utf-8"))
    assert "hooks" not in config and "watch" not in config
    assert config["docs_dir"] == "docs" and config["theme"]["custom_dir"] == "overrides"
    assert not (mini / "docs/texts").exists(), "the builder must never write into docs/"


def test_generated_only_writes_just_the_generated_pages(mini: Path, tmp_path: Path) -> None:
    out = tmp_path / "export"
    result = run("build", "--out", str(out), "--generated-only", cwd=mini)
    assert result.returncode == 0, result.stderr
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()) == sorted(
        [MARKER, *pipeline.build(mini).pages]
    )


def test_an_export_without_mkdocs_yml_is_an_error(mini: Path, tmp_path: Path) -> None:
    (mini / "mkdocs.yml").unlink()
    result = run("build", "--out", str(tmp_path / "export"), cwd=mini)
    assert result.returncode == 1
    assert "mkdocs.yml:1:1: error[export-config]: cannot read mkdocs.yml" in result.stderr
    assert "--generated-only" in result.stderr
    assert not (tmp_path / "export").exists()


# (case id, edits of the project (file, text to replace or None for the whole file, new),
#  expected `path:line:col: error[code]: message`, hint fragment): what `build --out` needs
#  of mkdocs.yml, beyond what `check` reads.
EXPORT_CASES: list[tuple[str, list[tuple[str, str | None, str]], str, str]] = [
    (
        "config-not-a-mapping",
        [("mkdocs.yml", None, "- site_name: Mini\n")],
        "mkdocs.yml:1:1: error[export-config]: mkdocs.yml is not a MkDocs configuration",
        "export only the generated pages with --generated-only",
    ),
    (
        "nav-without-texts-section",
        [("mkdocs.yml", "strict: true\n", "strict: true\nnav:\n  - Home: index.md\n")],
        "mkdocs.yml:1:1: error[export-nav]: the nav in mkdocs.yml has no section holding "
        "texts/index.md",
        "add `- Texts: [texts/index.md]` to nav",
    ),
]


@pytest.mark.parametrize(
    ("edits", "expected", "hint"), [pytest.param(*c[1:], id=c[0]) for c in EXPORT_CASES]
)
def test_export_needs_a_usable_mkdocs_yml(
    mini: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    edits: list[tuple[str, str | None, str]],
    expected: str,
    hint: str,
) -> None:
    for file, old, new in edits:
        path = mini / file
        text = new if old is None else path.read_text(encoding="utf-8").replace(old, new, 1)
        path.write_text(text, encoding="utf-8")
    assert cli.main(["build", "--root", str(mini), "--out", str(tmp_path / "export")]) == 1
    _, err = capsys.readouterr()
    assert expected in err and hint in err, err
    assert len([line for line in err.splitlines() if ": error[" in line]) == 1, err
    assert not (tmp_path / "export").exists()


def test_failed_build_leaves_the_previous_output_untouched(
    mini: Path, tmp_path: Path, edit: Callable[[Path, str, str], None]
) -> None:
    out = tmp_path / "export"
    assert run("build", "--out", str(out), cwd=mini).returncode == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    edit(mini / "source_texts/sample.yml", *BREAK)
    assert run("build", "--out", str(out), cwd=mini).returncode == 1
    after = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    # No staging folder or old copy is left; only the (empty) lock file stays.
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == [".export.lock"]


def test_build_refuses_to_write_into_docs(mini: Path) -> None:
    result = run("build", "--out", str(mini / "docs" / "out"), cwd=mini)
    assert result.returncode == 1
    assert "the builder never writes in or over" in result.stderr
    assert not (mini / "docs/out").exists()


# Warnings: no input yields one on this branch alone, so the tests add one.
WARNING = "source_texts/sample.yml:2:8: warning[test-warning]: a test warning"


def warn(monkeypatch: pytest.MonkeyPatch, *, also_error: bool = False) -> None:
    validate = pipeline.validate_project

    def validate_and_warn(raw: object, diagnostics: Diagnostics, memo: object = None) -> object:
        diagnostics.warning(
            Location("source_texts/sample.yml", 2, 8), "a test warning", "why", code="test-warning"
        )
        if also_error:
            diagnostics.error(
                Location("source_texts/sample.yml", 3, 1), "a test error", code="test-error"
            )
        return validate(raw, diagnostics, memo)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "validate_project", validate_and_warn)


def test_warnings_are_printed_and_check_still_passes(
    mini: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    warn(monkeypatch)
    assert cli.main(["check", "--root", str(mini)]) == 0
    out, err = capsys.readouterr()
    assert f"{WARNING}\n    hint: why" in err
    assert err.rstrip().endswith("\n1 warning.")
    assert out.startswith("ok: 1 text(s)")


def test_errors_and_warnings_are_counted_apart(
    mini: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    warn(monkeypatch, also_error=True)
    assert cli.main(["check", "--root", str(mini)]) == 1
    out, err = capsys.readouterr()
    assert err.rstrip().endswith("\n1 error, 1 warning.")
    assert "ok:" not in out + err


def test_strict_check_fails_on_a_warning(
    mini: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    warn(monkeypatch)
    assert cli.main(["check", "--strict", "--root", str(mini)]) == 1
    out, err = capsys.readouterr()
    assert "source_texts/sample.yml:2:8: error[test-warning]: a test warning" in err
    assert "    (a warning: --strict counts it as an error)" in err
    assert err.rstrip().endswith("\n1 error.")
    assert "ok:" not in out


def test_warnings_in_github_and_json_formats(
    mini: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    warn(monkeypatch)
    assert cli.main(["check", "--format", "github", "--root", str(mini)]) == 0
    _, err = capsys.readouterr()
    assert err.strip() == (
        "::warning file=source_texts/sample.yml,line=2,col=8,title=test-warning::"
        "a test warning (hint: why)"
    )
    assert cli.main(["check", "--format", "json", "--root", str(mini)]) == 0
    _, err = capsys.readouterr()
    assert [(d["severity"], d["code"]) for d in json.loads(err)] == [("warning", "test-warning")]


def test_build_with_warnings_writes_and_strict_build_does_not(
    mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    warn(monkeypatch)
    strict_out = tmp_path / "strict"
    assert cli.main(["build", "--strict", "--root", str(mini), "--out", str(strict_out)]) == 1
    assert not strict_out.exists()
    out = tmp_path / "export"
    assert cli.main(["build", "--root", str(mini), "--out", str(out)]) == 0
    assert (out / "docs/texts/sample.md").is_file()
    assert "1 warning." in capsys.readouterr().err
