"""Regenerate tests/golden/ from tests/fixtures/mini: `make golden`.

Run it after an intended change to the generated Markdown, then review the diff
(`git diff tests/golden`) before committing: the diff *is* the change readers see.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from builder import pipeline

HERE = Path(__file__).resolve().parent
FIXTURE = HERE / "fixtures" / "mini"
GOLDEN = HERE / "golden"


def generate() -> dict[str, str]:
    result = pipeline.build(FIXTURE)
    if not result.ok:
        raise SystemExit(result.diagnostics.format())
    return result.pages


def main() -> None:
    pages = generate()
    if GOLDEN.exists():
        shutil.rmtree(GOLDEN)
    for relative, content in pages.items():
        target = GOLDEN / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8", newline="\n")
    print(f"wrote {len(pages)} golden page(s) to {GOLDEN.relative_to(Path.cwd())}")


if __name__ == "__main__":
    main()
