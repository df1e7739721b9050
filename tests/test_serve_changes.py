"""Under `mkdocs serve`, a rebuild looks at the status of only the files MkDocs' watcher
reported changed (builder/serve_changes.py), and never trusts that report further than
the watcher can know."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer
from watchdog.events import DirCreatedEvent, FileModifiedEvent, FileMovedEvent

from builder import mkdocs_hook, pipeline
from builder.input import load
from builder.serve_changes import ChangeSet
from tests.test_incremental import _same, _trust_files_after


@pytest.fixture
def served(
    mini: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[LiveReloadServer, ChangeSet]]:
    """MkDocs' own server and watcher (not started as a web server) watching the mini
    fixture's source_texts/ as `watch: [source_texts]` makes it, with a ChangeSet attached."""
    _trust_files_after(mini, monkeypatch)
    server = LiveReloadServer(
        builder=lambda: None, host="127.0.0.1", port=0, root=str(mini), polling_interval=0.05
    )
    server.watch(str(mini / "source_texts"))
    changes = ChangeSet()
    assert changes.attach(server, mini)
    server.observer.start()
    time.sleep(0.3)  # the watcher's first look at the files
    try:
        yield server, changes
    finally:
        server.observer.stop()
        server.observer.join()
        server.server_close()


def _reported(server: LiveReloadServer, timeout: float = 20) -> None:
    """Wait until the watcher has asked for a rebuild, as MkDocs waits before building."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        with server._rebuild_cond:
            if server._want_rebuild:
                server._want_rebuild = False
                time.sleep(0.2)  # every event of the same save, as MkDocs' build delay
                return
        time.sleep(0.02)
    raise AssertionError("the watcher never reported the change")


def _counting_stats(monkeypatch: pytest.MonkeyPatch, folder: Path) -> Callable[[], int]:
    """How many times the loader has taken the status of a file in `folder`."""
    calls: list[str] = []
    real = os.stat

    def stat(path: object, *args: object, **kwargs: object) -> os.stat_result:
        if str(path).startswith(str(folder)) and kwargs.get("follow_symlinks") is False:
            calls.append(str(path))  # a file's status, as ParseMemo.unchanged takes it
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(load.os, "stat", stat)
    return lambda: len(calls)


def test_only_the_reported_file_is_looked_at_and_read(
    served: tuple[LiveReloadServer, ChangeSet],
    mini: Path,
    monkeypatch: pytest.MonkeyPatch,
    edit: Callable[[Path, str, str], None],
) -> None:
    server, changes = served
    cache = pipeline.BuildCache()
    first = pipeline.build(mini, cache=cache)  # before serving: every file read
    assert first.ok, first.diagnostics.format()
    cache.changed_files = changes.take  # as the hook's on_serve sets it, after that build
    stats = _counting_stats(monkeypatch, mini / "source_texts")
    files = sum(1 for p in (mini / "source_texts").rglob("*") if p.is_file())
    pipeline.build(mini, cache=cache)  # the first build since the watcher began: all
    assert stats() == files and cache.parsed.read == 0
    sidecar = mini / "source_texts" / "sample.yml"
    edit(sidecar, "Aircraft transponders broadcast", "Transponders broadcast")
    _reported(server)
    again = pipeline.build(mini, cache=cache)
    assert (stats(), cache.parsed.read) == (files + 1, 1)  # the reported file alone
    _same(again, pipeline.build(mini))
    unchanged = pipeline.build(mini, cache=cache)  # nothing reported since
    assert (stats(), cache.parsed.read) == (files + 1, 0)
    assert unchanged.pages == again.pages


def test_a_new_file_makes_the_next_build_look_at_every_file(
    served: tuple[LiveReloadServer, ChangeSet], mini: Path
) -> None:
    server, changes = served
    assert changes.take() is None  # the first build after the watcher began
    assert changes.take() == frozenset()
    (mini / "source_texts" / "extra.txt").write_text("A new text.\n", encoding="utf-8")
    _reported(server)
    assert changes.take() is None  # its folder changed too: every status again
    (mini / "source_texts" / "extra.txt").write_text("A new text, edited.\n", encoding="utf-8")
    _reported(server)
    assert changes.take() == {"source_texts/extra.txt"}


def test_events_name_files_as_the_loader_shows_them_and_wake_mkdocs(
    served: tuple[LiveReloadServer, ChangeSet], mini: Path
) -> None:
    server, changes = served
    changes.take()
    folder = mini / "source_texts"
    with server._rebuild_cond:
        server._want_rebuild = False
    # Reported after a build took the set (MkDocs' own handler ran first): another build.
    changes.record(FileModifiedEvent(str(folder / "registry" / "actors.yml")))
    assert server._want_rebuild
    changes.record(FileMovedEvent(str(folder / "a.yml"), str(folder / "b.yml")))
    changes.record(FileModifiedEvent(str(mini / "elsewhere.txt")))  # outside: not named
    assert changes.take() == {
        "source_texts/registry/actors.yml",
        "source_texts/a.yml",
        "source_texts/b.yml",
    }
    changes.record(DirCreatedEvent(str(folder / "new")))
    assert changes.take() is None


def test_no_watch_on_the_texts_means_every_status_is_taken(mini: Path) -> None:
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(mini))
    try:
        server.watch(str(mini / "docs"))
        changes = ChangeSet()
        assert not changes.attach(server, mini)
        assert changes.take() is None and changes.take() is None
        assert not ChangeSet().attach(object(), mini)  # not MkDocs 1.6's server
    finally:
        server.server_close()


def test_the_hook_attaches_to_the_server_mkdocs_serve_makes(
    mini: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With `watch: [source_texts]` in mkdocs.yml, as every project has it."""
    config = load_config(config_file=str(mini / "mkdocs.yml"))
    assert any(Path(p).name == "source_texts" for p in config.watch)
    monkeypatch.setattr(mkdocs_hook._hook, "cache", pipeline.BuildCache())
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(mini))
    for path in (config.docs_dir, config.config_file_path, *config.watch):
        server.watch(path)
    served = mkdocs_hook.on_serve(server, config=config, builder=lambda: None)
    try:
        take = mkdocs_hook._hook.cache.changed_files
        assert take is not None and take() is None  # the first rebuild: every status
        assert take() == frozenset()
    finally:
        served.server_close()
