"""Run the stages in order: load -> validate -> anchor/model -> render.

Pure with respect to output: nothing here writes files. Front ends (cli.py,
mkdocs_hook.py) decide what to do with the pages or the diagnostics.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from builder.diagnostics import Diagnostics
from builder.load import load_project
from builder.model import Project, build_project
from builder.render import render_pages
from builder.validate import validate_project


@dataclass(frozen=True)
class BuildResult:
    diagnostics: Diagnostics
    project: Project | None
    pages: dict[str, str]  # path under docs/ -> Markdown; empty when there are errors

    @property
    def ok(self) -> bool:
        return not self.diagnostics.has_errors


def check(root: Path) -> tuple[Diagnostics, Project | None]:
    """Load, validate and anchor everything; collect every error."""
    diagnostics = Diagnostics()
    raw = load_project(root, diagnostics)
    validated = validate_project(raw, diagnostics)
    try:
        project = build_project(validated, diagnostics)
    except Exception:
        # Bad input that slipped past validation must not hide the errors already
        # found (it is most likely their consequence); without them it is a bug.
        if not diagnostics.has_errors:
            raise
        return diagnostics, None
    return diagnostics, (None if diagnostics.has_errors else project)


def build(root: Path) -> BuildResult:
    """Everything `check` does, then render the pages (only when there are no errors)."""
    diagnostics, project = check(root)
    if project is None:
        return BuildResult(diagnostics, None, {})
    return BuildResult(diagnostics, project, render_pages(project))
