"""`python -m builder migrate`: rewrite older sidecars into the current format, in place.

What it changes, and nothing else (every other byte of the file is kept: comments, order,
quoting, line breaks):

- `original_outlet: Reuters` (free text, deprecated) becomes `report: <source id>` when the
  source registry holds exactly one news report by that publisher that the sidecar cites;
  otherwise the line is left and the command says what to write.
- A claim's `status:` that equals the status its links decide is removed: statuses are now
  derived (builder/core/sourcing.py), and a declared one only restates it. A status that
  differs is left for `check` to report.

Edits are made line by line at the places the YAML reader recorded, so the command is
idempotent and never reflows a file. Each file is replaced atomically.
"""

from __future__ import annotations

import difflib
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from builder import pipeline
from builder.core.diagnostics import Diagnostics
from builder.core.ids import is_slug
from builder.core.model import Claim, Project
from builder.input.load import RawProject, YamlDocument, load_project


@dataclass(frozen=True, kw_only=True)
class Edit:
    line: int  # 1-based line of the key to replace or remove
    replacement: str | None  # the new line, or None to remove it
    reason: str


@dataclass(frozen=True, kw_only=True)
class FileMigration:
    path: Path
    shown: str
    before: str
    after: str
    notes: tuple[str, ...]

    @property
    def changed(self) -> bool:
        return self.before != self.after

    def diff(self) -> str:
        return "".join(
            difflib.unified_diff(
                self.before.splitlines(keepends=True),
                self.after.splitlines(keepends=True),
                f"a/{self.shown}",
                f"b/{self.shown}",
            )
        )


def _single_line(document: YamlDocument, lines: list[str], key_line: int) -> bool:
    """True when the value of the key at `key_line` ends on that line (safe to replace)."""
    if key_line >= len(lines):
        return True
    here = lines[key_line - 1]
    following = lines[key_line]
    indent = len(here) - len(here.lstrip())
    return not following.strip() or len(following) - len(following.lstrip()) <= indent


def _outlet_edit(
    document: YamlDocument, raw: RawProject, lines: list[str]
) -> tuple[list[Edit], list[str]]:
    data = document.data if isinstance(document.data, dict) else {}
    outlet = data.get("original_outlet")
    if not isinstance(outlet, str) or "report" in data:
        return [], []
    line = document.location(("original_outlet",), key=True).line
    sources = raw.sources.data.get("sources", []) if raw.sources else []
    cited = _cited_sources(data)
    matches = [
        s["id"]
        for s in sources
        if isinstance(s, dict)
        and str(s.get("publisher", "")).casefold() == outlet.casefold()
        and s.get("kind") == "news_report"
        and s.get("id") in cited
        and is_slug(s.get("id"))  # only an id can be written into the file as it is
    ]
    if len(matches) != 1 or not _single_line(document, lines, line):
        why = "no" if not matches else "more than one"
        return [], [
            f"{document.path}:{line}: left `original_outlet: {outlet}`: {why} cited news report "
            f"by {outlet!r} in the source registry; replace it with report: <source id>"
        ]
    old = lines[line - 1]
    indent = old[: len(old) - len(old.lstrip())]
    comment = re.search(r"\s+#\s.*$", old)  # a trailing `  # comment` stays with the line
    new = f"{indent}report: {matches[0]}{comment.group(0) if comment else ''}"
    return [Edit(line=line, replacement=new, reason="original_outlet")], []


def _cited_sources(data: dict[object, object]) -> set[str]:
    cited = {s for s in data.get("sources", []) or [] if isinstance(s, str)}  # type: ignore[attr-defined]
    for entry in data.get("annotations", []) or []:  # type: ignore[attr-defined]
        if isinstance(entry, dict):
            cited |= {s for s in entry.get("sources", []) or [] if isinstance(s, str)}
    return cited


def _status_edits(document: YamlDocument, project: Project | None, lines: list[str]) -> list[Edit]:
    if project is None:
        return []
    data = document.data if isinstance(document.data, dict) else {}
    edits = []
    for index, entry in enumerate(data.get("annotations", []) or []):
        if not isinstance(entry, dict) or "status" not in entry:
            continue
        claim = project.annotation.get(str(entry.get("id")))
        if isinstance(claim, Claim) and claim.status == entry["status"]:
            line = document.location(("annotations", index, "status"), key=True).line
            if _single_line(document, lines, line):
                edits.append(Edit(line=line, replacement=None, reason="status"))
    return edits


def _apply(text: str, edits: list[Edit]) -> str:
    lines = text.split("\n")
    for edit in sorted(edits, key=lambda e: e.line, reverse=True):
        if edit.replacement is None:
            del lines[edit.line - 1]
        else:
            lines[edit.line - 1] = edit.replacement
    return "\n".join(lines)


def plan(root: Path) -> tuple[list[FileMigration], Diagnostics]:
    """What `migrate` would change in each sidecar (pure: nothing is written)."""
    diagnostics = Diagnostics()
    raw = load_project(root, diagnostics)
    _, project = pipeline.check(root)
    migrations = []
    for slug, document in sorted(raw.sidecars.items()):
        path = root / "source_texts" / f"{slug}.yml"
        before = path.read_text(encoding="utf-8")
        lines = before.split("\n")
        outlet_edits, notes = _outlet_edit(document, raw, lines)
        edits = outlet_edits + _status_edits(document, project, lines)
        migrations.append(
            FileMigration(
                path=path,
                shown=document.path,
                before=before,
                after=_apply(before, edits),
                notes=tuple(notes),
            )
        )
    return migrations, diagnostics


def write(migration: FileMigration) -> None:
    """Replace the file atomically (a temporary file in the same folder, then a rename)."""
    handle, temporary = tempfile.mkstemp(
        prefix=f".{migration.path.name}.", dir=migration.path.parent
    )
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(migration.after)
        os.chmod(temporary, migration.path.stat().st_mode & 0o777)  # keep the file's mode
        os.replace(temporary, migration.path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
