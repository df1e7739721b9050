"""Command line: `python -m builder check` and `python -m builder build --out DIR`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Literal, cast

from builder import pipeline
from builder.diagnostics import Diagnostics
from builder.schema import SCHEMAS, json_schemas
from builder.write import UnsafePath, write_folder


def _report(diagnostics: Diagnostics, style: str) -> None:
    if not diagnostics.items:
        return
    print(diagnostics.format(cast(Literal["text", "github", "json"], style)), file=sys.stderr)
    count = len(diagnostics.items)
    if style == "text":
        print(f"\n{count} error{'s' if count != 1 else ''}; nothing was written.", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
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
    parser = argparse.ArgumentParser(
        prog="python -m builder",
        description="Validate and build the annotated explainer from source_texts/.",
        parents=[common],
    )
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser(
        "check", parents=[common], help="validate source_texts/ without writing anything"
    )
    build = commands.add_parser(
        "build", parents=[common], help="write the site's Markdown to a folder"
    )
    build.add_argument("--out", type=Path, required=True, help="output folder (replaced whole)")
    build.add_argument(
        "--generated-only",
        action="store_true",
        help="write only the generated pages, not a copy of docs/",
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
    args = parser.parse_args(argv)
    root: Path = getattr(args, "root", Path.cwd()).resolve()
    args.format = getattr(args, "format", "text")

    if args.command == "schema":
        out = args.out if args.out.is_absolute() else root / args.out
        out.mkdir(parents=True, exist_ok=True)
        for name, content in json_schemas().items():
            (out / name).write_text(content, encoding="utf-8", newline="\n")
        print(f"wrote {len(SCHEMAS)} JSON Schema file(s) to {out}")
        return 0

    if args.command == "check":
        diagnostics, project = pipeline.check(root)
        _report(diagnostics, args.format)
        if project is None:
            return 1
        print(
            f"ok: {len(project.texts)} text(s), {len(project.annotation)} annotations, "
            f"{len(project.actors)} actors, {len(project.sources)} sources, "
            f"{len(project.events)} events"
        )
        return 0

    result = pipeline.build(root)
    _report(result.diagnostics, args.format)
    if not result.ok:
        return 1
    docs = None if args.generated_only else root / "docs"
    try:
        write_folder(args.out, result.pages, copy_from=docs)
    except UnsafePath as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {len(result.pages)} generated page(s) to {args.out}")
    return 0
