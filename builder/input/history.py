"""The previous version of a text, from git: the text as of the last commit that touched its
sidecar, when the annotations' quotes last matched it (re-anchoring, builder/anchoring/drift.py).

Read only when a quote fails to match, at most once per text per build. git runs as a
subprocess with a list of arguments (never a shell) and a timeout, inside the project root
only: GIT_CEILING_DIRECTORIES stops it from finding a repository above the root, so a
project copied into another repository's folder is not read through that one. No git, no
repository, no commit or a failure of any kind gives None: re-anchoring then goes without
the old position.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from builder.input.load import MAX_FILE_BYTES

TIMEOUT = 5.0  # seconds per git command


def previous_text(root: Path, sidecar: str, text: str) -> str | None:
    """The text at `text` (a path relative to `root`) as of the last commit of `sidecar`."""
    commit = _git(root, "log", "-1", "--format=%H", "--", sidecar)
    if commit is None or not commit.strip():
        return None
    content = _git(root, "show", "--no-textconv", f"{commit.strip()}:./{text}")
    if content is None or len(content) > MAX_FILE_BYTES:
        return None
    content = content.removeprefix("\ufeff")  # read as builder/input/load.py reads the file
    return content.replace("\r\n", "\n").replace("\r", "\n")


def _git(root: Path, *args: str) -> str | None:
    git = shutil.which("git")
    if git is None or not root.is_dir():
        return None
    environment = {
        **os.environ,
        "GIT_CEILING_DIRECTORIES": str(root.resolve().parent),
        "GIT_OPTIONAL_LOCKS": "0",  # a reader never writes the index
        "GIT_TERMINAL_PROMPT": "0",
    }
    try:
        done = subprocess.run(  # a fixed program with a list of arguments: no shell
            [git, "-c", "core.fsmonitor=false", *args],
            cwd=root,
            env=environment,
            capture_output=True,
            timeout=TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    try:
        return done.stdout.decode("utf-8")
    except UnicodeDecodeError:
        return None
