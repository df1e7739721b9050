"""Command line: `python -m builder check | stats | build --out DIR | watch --out DIR |
schema | migrate`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Literal, cast

from builder import migrate, pipeline, watch
from builder.core.diagnostics import Diagnostics
from builder.coverage.report import format_json, format_text
from builder.coverage.rules import analyse as coverage_analysis
from builder.export import export_files, site_url_of
from builder.input.schema import SCHEMAS, json_schemas
from builder.pr_summary import summary as pull_request_summary
from builder.write import UnsafePath, destination, recover_export, write_export

Style = Literal["text", "github", "json"]


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


def summary(diagnostics: Diagnostics, *, writes: bool = False) -> str:
    """`2 errors, 1 warning.`; for a command that writes (`writes`), `2 errors, 1 warning;
    nothing was written.` (with only warnings, the build goes on)."""
    errors, warnings = len(diagnostics.errors), len(diagnostics.warnings)
    parts = [_plural(errors, "error")] if errors else []
    parts += [_plural(warnings, "warning")] if warnings else []
    return ", ".join(parts) + ("; nothing was written." if errors and writes else ".")


def _report(diagnostics: Diagnostics, style: Style, *, writes: bool = False) -> None:
    if not diagnostics.items:
        return
    print(diagnostics.format(style), file=sys.stderr)
    if style == "text":
        print(f"\n{summary(diagnostics, writes=writes)}", file=sys.stderr)


def _parser() -> argparse.ArgumentParser:
    # --root and --format are accepted before or after the command name.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--root",
        type=Path,
        default=argparse.SUPPRESS,
        help="project folder (default: current folder)",
    )
    common.add_argument(
        "--format",
        choices=("text", "github", "json"),
        default=argparse.SUPPRESS,
        help="error format: text (path:line:col), github (inline PR annotations) or json",
    )
    strict = argparse.ArgumentParser(add_help=False)
    strict.add_argument(
        "--strict", action="store_true", help="treat warnings as errors (exit 1 on any)"
    )
    parser = argparse.ArgumentParser(
        prog="python -m builder",
        description="Validate and build the annotated explainer from source_texts/.",
        parents=[common],
    )
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser(
        "check",
        parents=[common, strict],
        help="validate source_texts/ and docs/ without writing anything",
    )
    build = commands.add_parser(
        "build",
        parents=[common, strict],
        help="export the site as a project folder that MkDocs or Zensical build with no hook",
    )
    build.add_argument(
        "--out",
        type=Path,
        required=True,
        help="output folder: new, empty or an earlier export (which is replaced whole)",
    )
    build.add_argument(
        "--generated-only",
        action="store_true",
        help="write only the generated pages (no docs/, mkdocs.yml or overrides/)",
    )
    # watch: the export kept up to date while the input changes (builder/watch.py).
    watching = commands.add_parser(
        "watch",
        parents=[common],
        help="export as `build --out` does, then again after every change of the input "
        "(changed files replaced one by one, atomically; errors shown on the pages)",
    )
    watching.add_argument(
        "--out", type=Path, required=True, help="output folder: new, empty or an earlier export"
    )
    commands.add_parser(
        "stats",
        parents=[common],
        help="coverage of the texts by the annotations, per text and for the site "
        "(--format text or json; github shows errors as annotations and figures as text)",
    )
    commands.add_parser(
        "summary",
        parents=[common],
        help="the result of `check --strict` and the coverage figures, in Markdown, for a "
        "pull request's job summary",
    )
    schema = commands.add_parser(
        "schema", parents=[common], help="write the JSON Schemas of the input format"
    )
    schema.add_argument(
        "--out",
        type=Path,
        default=Path("builder/schemas"),
        help="folder (default: builder/schemas)",
    )
    migrate = commands.add_parser(
        "migrate",
        parents=[common],
        help="rewrite older sidecars into the current format, in place (comments kept)",
    )
    migrate.add_argument(
        "--dry-run", action="store_true", help="print the changes as a diff; write nothing"
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    root: Path = getattr(args, "root", Path.cwd()).resolve()
    style = cast(Style, getattr(args, "format", "text"))

    if args.command == "schema":
        out = args.out if args.out.is_absolute() else root / args.out
        out.mkdir(parents=True, exist_ok=True)
        for name, content in json_schemas().items():
            (out / name).write_text(content, encoding="utf-8", newline="\n")
        print(f"wrote {len(SCHEMAS)} JSON Schema file(s) to {out}")
        return 0
    if args.command == "check":
        return _check(root, style, strict=args.strict)
    if args.command == "stats":
        return _stats(root, style)
    if args.command == "summary":
        print(pull_request_summary(root), end="")
        return 0  # the summary reports a failure; the check step fails the job
    if args.command == "migrate":
        return _migrate(root, dry_run=args.dry_run)
    if args.command == "watch":
        return _watch(root, args.out)
    return _build(root, args.out, style, strict=args.strict, generated_only=args.generated_only)


def _watch(root: Path, out: Path) -> int:
    try:
        target = destination(out, root=root, docs_dir=root / pipeline.DOCS_DIR)
    except UnsafePath as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"watching {root} (Ctrl-C stops)", file=sys.stderr)
    return watch.watch(root, target)


def _migrate(root: Path, *, dry_run: bool) -> int:
    migrations, diagnostics = migrate.plan(root)
    if diagnostics.has_errors:  # files that cannot even be read: `check` says why
        _report(diagnostics, "text")
        return 1
    changed = [m for m in migrations if m.changed]
    for migration in migrations:
        for note in migration.notes:
            print(note, file=sys.stderr)
        if migration.changed:
            if dry_run:
                print(migration.diff(), end="")
            else:
                migrate.write(migration)
                print(f"migrated {migration.shown}")
    verb = "would change" if dry_run else "changed"
    print(f"{verb} {len(changed)} of {len(migrations)} sidecar(s)")
    return 0


def _stats(root: Path, style: Style) -> int:
    """The figures of `builder/coverage/report.py`; errors (not warnings) instead, if any."""
    diagnostics, project = pipeline.check(root)
    if project is None or diagnostics.has_errors:
        _report(diagnostics, style)
        return 1
    site = coverage_analysis(project)
    print(format_json(site) if style == "json" else format_text(site))
    return 0


def _check(root: Path, style: Style, *, strict: bool) -> int:
    diagnostics, project = pipeline.check(root, coverage=True)
    if strict:
        diagnostics = diagnostics.strict()
    _report(diagnostics, style)
    if project is None or diagnostics.has_errors:
        return 1
    print(
        f"ok: {len(project.texts)} text(s), {len(project.annotation)} annotations, "
        f"{len(project.actors)} actors, {len(project.sources)} sources, "
        f"{len(project.events)} events"
    )
    return 0


def _build(root: Path, out: Path, style: Style, *, strict: bool, generated_only: bool) -> int:
    docs_dir = root / pipeline.DOCS_DIR
    try:
        target = destination(out, root=root, docs_dir=docs_dir)
    except UnsafePath as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    result = pipeline.build(root, site_url=site_url_of(root))
    files = None
    if result.ok:
        files = export_files(root, result, result.diagnostics, generated_only=generated_only)
    diagnostics = result.diagnostics.strict() if strict else result.diagnostics
    _report(diagnostics, style, writes=True)
    try:
        if files is None or diagnostics.has_errors:
            recover_export(target)  # a killed run's output comes back even when this one fails
            return 1
        write_export(target, files)
    except UnsafePath as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"error: cannot write {target.folder}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    what = "" if generated_only else " in a project folder (docs/, mkdocs.yml)"
    print(f"wrote {len(result.pages)} generated file(s){what} to {out}")
    return 0
