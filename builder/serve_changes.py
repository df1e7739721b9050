"""Which files of source_texts/ changed since the last build, as `mkdocs serve`'s own
watcher saw them (issue 7).

Without this, every rebuild takes the status of every file in source_texts/ (load.py
`ParseMemo.unchanged`): 2,000 system calls at 1,000 texts, the largest single cost of a
rebuild after one edit. MkDocs' watcher already takes them, every POLL_INTERVAL, in its
own thread, and reports each file that was created, changed, moved or deleted: that is
why a rebuild happens at all. `ChangeSet` is a second handler on the watch of
source_texts/ (`watch: [source_texts]` in mkdocs.yml). It notes the paths it reports, and
a build takes them: a file read before, whose status then said enough, and that the
watcher has not reported since, is taken as it was without a look at its status.

The set is never trusted beyond what the watcher can know:
- the first build after the server starts takes every status (the watcher's first look
  may have come after the previous build read the files);
- an event on a folder, or one this module does not know, makes the next build take every
  status again;
- a file reported after a build took the set wakes MkDocs for another build (its own
  handler may have run first and started the build that took the set);
- it is only attached to MkDocs 1.6's server, with a watch on source_texts/ or the project.

What the watcher cannot see, this cannot either: a file rewritten with the same size and
its modification time set back (the watcher compares size and time; the status compares
the change time too). MkDocs does not rebuild for such a write at all.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from builder.input.discover import TEXTS_DIR
from builder.serve_speed import is_mkdocs_1_6


class ChangeSet:
    """The files reported changed since the last `take`, named as the loader shows them
    (`source_texts/<name>`)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._shown: set[str] = set()
        self._complete = False  # whether the files reported are all that changed
        self._to_shown: Callable[[str], str | None] | None = None
        self._wake: Callable[[], None] = lambda: None

    def take(self) -> frozenset[str] | None:
        """The files reported since the last take; None when every status is to be taken
        (not attached, the first build, or after an event on a folder)."""
        with self._lock:
            shown, complete = frozenset(self._shown), self._complete
            self._shown.clear()
            self._complete = self._to_shown is not None
        return shown if complete else None

    def attach(self, server: Any, root: Path) -> bool:
        """Watch, with `server`'s own watcher, what it watches of `root`'s source_texts/.
        For the `on_serve` event, before the server starts; False if it cannot be done."""
        watches = getattr(server, "_watch_refs", None)
        if not is_mkdocs_1_6(server) or not isinstance(watches, dict):
            return False
        real_root = os.path.realpath(root)
        for watched, watch in watches.items():
            real = os.path.realpath(watched)
            if real == os.path.realpath(root / TEXTS_DIR):
                prefix = f"{TEXTS_DIR}/"
            elif real == real_root:
                prefix = ""
            else:
                continue
            self._to_shown = _naming(watched, prefix)
            self._wake = _waking(server)
            server.observer.add_handler_for_watch(_Handler(self), watch)
            return True
        return False

    def record(self, event: Any) -> None:
        """Note the file of a watcher's event (watchdog's FileSystemEvent)."""
        to_shown = self._to_shown
        paths = (getattr(event, "src_path", None), getattr(event, "dest_path", None))
        with self._lock:
            if getattr(event, "is_directory", True) or to_shown is None:
                self._complete = False  # a folder changed: the next build looks at all
            for path in paths:
                shown = to_shown(os.fsdecode(path)) if path and to_shown else None
                if shown is not None:
                    self._shown.add(shown)
        self._wake()


class _Handler:
    """A watchdog event handler (it only needs `dispatch`) that tells a ChangeSet."""

    def __init__(self, changes: ChangeSet) -> None:
        self._changes = changes

    def dispatch(self, event: Any) -> None:
        self._changes.record(event)


def _naming(watched: str, prefix: str) -> Callable[[str], str | None]:
    """A reported path as the loader shows it; None for a path outside the watch."""
    folder = os.path.abspath(watched)

    def shown(path: str) -> str | None:
        relative = os.path.relpath(os.path.abspath(path), folder)
        if relative.startswith(os.pardir) or os.path.isabs(relative):
            return None
        return prefix + relative.replace(os.sep, "/")

    return shown


def _waking(server: Any) -> Callable[[], None]:
    """Ask `server` for another build, as its own handler does (MkDocs 1.6)."""
    condition = server._rebuild_cond

    def wake() -> None:
        with condition:
            server._want_rebuild = True
            condition.notify_all()

    return wake
