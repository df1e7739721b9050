"""Regenerate tests/golden/<project>/ from every fixture project: `make golden`.

Run it after an intended change to the generated Markdown, then review the diff
(`git diff tests/golden`) before committing: the diff *is* the change readers see.
Every folder in tests/fixtures/ is a project and has its golden pages. It also rewrites the
list of diagnostic codes in docs/contributing.md (tests/regenerate_codes.py).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from builder import pipeline
from tests import regenerate_codes

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures"
GOLDEN = HERE / "golden"
PROJECTS = tuple(sorted(p.name for p in FIXTURES.iterdir() if (p / "source_texts").is_dir()))


def generate(project: str) -> dict[str, str]:
    result = pipeline.build(FIXTURES / project)
    if not result.ok:
        raise SystemExit(result.diagnostics.format())
    return result.pages


def main() -> None:
    if GOLDEN.exists():
        shutil.rmtree(GOLDEN)
    for project in PROJECTS:
        pages = generate(project)
        for relative, content in pages.items():
            target = GOLDEN / project / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content, encoding="utf-8", newline="\n")
        print(f"wrote {len(pages)} golden page(s) to {(GOLDEN / project).relative_to(Path.cwd())}")
    regenerate_codes.main()  # the guide's list of diagnostic codes, from the bad-input tests


if __name__ == "__main__":
    main()
