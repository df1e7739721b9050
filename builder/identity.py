"""When each page last changed, from the git history of the files behind it.

`mkdocs_hook.py` asks `LastChanged.of(paths)` for every page: a generated page's files are
its front matter's `history` (builder/render/meta.py: a text page's `.txt` and sidecar, an
actor page's registry), a hand-written page's file is its own Markdown under docs/. The date
is the day (YYYY-MM-DD, the committer's date) of the newest commit that touched any of
them, read with one `git log` per build. Outside a git checkout, without git, or for a file
with no commit yet (new, uncommitted) there is no date, and the page shows none: a date is
never made up.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

_MARK = "\x1e"  # starts each commit's line in the log below


@dataclass(frozen=True, kw_only=True)
class LastChanged:
    """The newest commit date of every file in the history of a checkout."""

    dates: dict[str, str] = field(default_factory=dict)  # path from the project root → date

    @classmethod
    def read(cls, root: Path) -> LastChanged:
        try:
            proc = subprocess.run(
                ["git", "log", f"--format={_MARK}%cs", "--name-only", "--relative", "--", "."],
                cwd=root,
                capture_output=True,
                text=True,
                encoding="utf-8",
                errors="replace",
                timeout=60,
                check=False,
            )
        except (OSError, subprocess.SubprocessError):
            return cls()
        if proc.returncode != 0:
            return cls()
        return cls(dates=parse_log(proc.stdout))

    def of(self, paths: Iterable[str]) -> str | None:
        """The newest date among `paths`, or None when git knows none of them."""
        found = [self.dates[p] for p in paths if p in self.dates]
        return max(found) if found else None


def parse_log(log: str) -> dict[str, str]:
    """`git log --format=<mark>%cs --name-only` (newest first) → each path's newest date."""
    dates: dict[str, str] = {}
    date = ""
    for line in log.split("\n"):  # not splitlines(): it splits at the mark too
        if line.startswith(_MARK):
            date = line[len(_MARK) :].strip()
        elif line and date:
            dates.setdefault(line, date)
    return dates


def page_files(meta: dict[str, object], src_uri: str, *, generated: bool, docs: str) -> list[str]:
    """The files a page's date comes from: a generated page's `history`, else its own file
    (`docs` is the docs folder's path from the project root)."""
    if not generated:
        return [f"{docs}/{src_uri}"]
    history = meta.get("history")
    if isinstance(history, list):
        return [path for path in history if isinstance(path, str)]
    return []
