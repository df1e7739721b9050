"""When each page last changed, from the git history of the files behind it.

`mkdocs_hook.py` asks `LastChanged.of(paths)` for every page: a generated page's files are
its front matter's `history` (builder/render/meta.py: a text page's `.txt` and sidecar, an
actor page's registry), a hand-written page's file is its own Markdown under docs/. The date
is the day (YYYY-MM-DD, the committer's date) of the newest commit that touched any of
them, read with one `git log` per build (while serving, only when the checkout's HEAD
commit changed: `head_commit`, since that log is a function of the commits reachable from
HEAD alone). Outside a git checkout, without git, or for a file with no commit yet (new,
uncommitted) there is no date, and the page shows none: a date is never made up.
"""

from __future__ import annotations

import re
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

    @classmethod
    def read_unless(
        cls, root: Path, earlier: tuple[str, LastChanged] | None
    ) -> tuple[str, LastChanged] | None:
        """`read(root)` with the HEAD commit it was read at, or `earlier` (a HEAD commit and
        what was read there) as it is if HEAD is still that commit. None with no HEAD commit
        (no checkout, no git, no commit yet): then there is nothing to keep."""
        head = head_commit(root)
        if head is None:
            return None
        if earlier is not None and earlier[0] == head:
            return earlier
        return head, cls.read(root)

    def of(self, paths: Iterable[str]) -> str | None:
        """The newest date among `paths`, or None when git knows none of them."""
        found = [self.dates[p] for p in paths if p in self.dates]
        return max(found) if found else None


def head_commit(root: Path) -> str | None:
    """The commit HEAD of the checkout at `root` names, or None (no checkout, no git, no
    commit yet)."""
    try:
        proc = subprocess.run(
            ["git", "rev-parse", "--verify", "--quiet", "HEAD"],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    head = proc.stdout.strip()
    return head if proc.returncode == 0 and head else None


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


@dataclass(frozen=True, kw_only=True)
class Repository:
    """Where the site's sources live, as read from the checkout's `origin` remote."""

    url: str  # https://host/owner/name, never with credentials
    edit_uri: str | None  # GitHub's `edit/<default branch>/<docs>/`, when both are known


_SCP_LIKE = re.compile(r"^[\w.-]+@(?P<host>[\w.-]+):(?P<path>[\w.~/-]+)$")  # git@host:o/r.git
_URL_LIKE = re.compile(
    r"^(?:https|ssh|git)://(?:[^@/]*@)?(?P<host>[\w.-]+)(?::\d+)?/(?P<path>[\w.~/-]+)$"
)


def web_url(remote: str) -> str | None:
    """`git@github.com:o/r.git`, `ssh://git@github.com/o/r`, `https://user:token@github.com/o/r.git`
    → `https://github.com/o/r`; a local path or anything else → None (never guessed)."""
    found = _SCP_LIKE.match(remote.strip()) or _URL_LIKE.match(remote.strip())
    if found is None:
        return None
    path = found["path"].strip("/").removesuffix(".git")
    if path.count("/") < 1 or ".." in path.split("/"):
        return None
    return f"https://{found['host']}/{path}"


def _git(root: Path, *args: str) -> str | None:
    try:
        proc = subprocess.run(
            ["git", *args], cwd=root, capture_output=True, text=True, timeout=10, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return proc.stdout.strip() if proc.returncode == 0 else None


def repository_from_git(root: Path, docs: str) -> Repository | None:
    """The `origin` remote of the checkout at `root` as a web address, or None; on GitHub,
    with the edit path of `docs` on the remote's default branch (when git knows it)."""
    url = web_url(_git(root, "remote", "get-url", "origin") or "")
    if url is None:
        return None
    head = _git(root, "symbolic-ref", "--short", "refs/remotes/origin/HEAD") or ""
    branch = head.removeprefix("origin/") if head.startswith("origin/") else ""
    github = url.startswith("https://github.com/")
    edit_uri = f"edit/{branch}/{docs}/" if github and branch and docs else None
    return Repository(url=url, edit_uri=edit_uri)
