"""Pages converted on a second core while `mkdocs serve` rebuilds: speed only.

MkDocs converts the pages' Markdown one after the other, and under `mkdocs serve` that is
most of a rebuild: an edit to a text's title changes nearly every generated page. On
Linux, with two cores or more, `AheadConverter.start` (from `on_nav`, the last event before
MkDocs reads and converts the pages) forks a helper process that goes through the pages
from the last one backwards while MkDocs goes forwards. For each page the helper reads it
and runs the plugins' `on_page_markdown` as MkDocs does; if builder/serve_speed.py's
RenderCache holds no conversion of that Markdown, it converts it and sends the result, with
the page's search entries (builder/serve_search.py) where the search cache has none.

A page is the same whoever converted it: RenderCache takes the helper's conversion of a
page only under the key it files its own under (the page's Markdown after every hook, its
file, the site's files, the Markdown settings; see serve_speed.py for why that key is the
whole input), so a page whose Markdown turned out otherwise in MkDocs' own pass is
converted there; the search entries likewise, under SearchEntryCache's key (the page's
HTML, address, title, table of contents and front matter). A conversion that logged
anything is not sent, and MkDocs converts that page itself, so its warnings show (and stop
a strict build) exactly as before. When MkDocs reaches a page the helper has begun, it
waits for it; the helper never begins a page MkDocs has reached. The helper is stopped at
`on_env`, once every page is converted, or when the build fails.
"""

from __future__ import annotations

import contextlib
import logging
import mmap
import os
import pickle
import signal
import struct
import sys
import threading
from dataclasses import dataclass, field
from typing import Any

from builder.serve_search import SearchEntryCache
from builder.serve_speed import RenderCache, Rendered, is_mkdocs_1_6, recording, snapshot

_HEADER = struct.Struct("!I")  # the length of each message from the helper
_PLACE = struct.Struct("!q")  # where MkDocs is in the pages, shared with the helper
_NONE_REACHED = -1


def can_fork() -> bool:
    """Linux only: there `fork` copies this process as it is (Python resets the locks of
    logging and of imports in the copy); macOS advises against it and Windows has none."""
    return sys.platform.startswith("linux") and (os.cpu_count() or 1) >= 2


@dataclass
class _Received:
    """What the helper reported, filled in by the thread that reads its messages."""

    begun: set[int] = field(default_factory=set)  # pages it began converting
    done: dict[int, tuple[str, Rendered | None]] = field(default_factory=dict)  # key, result
    entries: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # search, by key
    ended: bool = False  # it stopped (or died): nothing more will come
    lock: threading.Condition = field(default_factory=threading.Condition)


class AheadConverter:
    """The helper process of one rebuild, and what it sent."""

    def __init__(self) -> None:
        self.enabled = can_fork()
        self.helped = 0  # pages of the last build that the helper converted (tests, bench)
        self.first_waits = False  # tests: MkDocs waits until the helper has gone through all
        self._pid: int | None = None
        self._place: mmap.mmap | None = None
        self._reader: threading.Thread | None = None
        self._received = _Received()
        self._positions: dict[str, int] = {}  # a page's source path -> its place in the build

    def start(
        self, config: Any, files: Any, cache: RenderCache, search: SearchEntryCache | None = None
    ) -> None:
        """Fork the helper for this build's pages (from `on_nav`); with `search`, it also
        makes the search entries of the pages it converts."""
        self.stop()
        self.helped, self._received = 0, _Received()  # nothing of an earlier build's helper
        if not self.enabled or not is_mkdocs_1_6(files) or not cache.usable(config):
            return
        pages = list(files.documentation_pages(inclusion=_inclusion()))
        if len(pages) < 2:
            return
        self._positions = {file.src_uri: n for n, file in enumerate(pages)}
        self._place = mmap.mmap(-1, _PLACE.size)  # shared with the helper: MAP_SHARED
        _PLACE.pack_into(self._place, 0, _NONE_REACHED)
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the helper
            os.close(read_end)
            _helper(write_end, self._place, pages, config, files, (cache, search))  # no return
        os.close(write_end)
        self._pid = pid
        self._reader = threading.Thread(target=self._read, args=(read_end,), daemon=True)
        self._reader.start()
        if self.first_waits:
            with self._received.lock:
                self._received.lock.wait_for(lambda: self._received.ended)

    def conversion(self, page: Any, key: str) -> Rendered | None:
        """The helper's conversion of `page` under `key`, if it made one (RenderCache asks
        just before it would convert the page itself); waits if the helper is at it."""
        place = self._positions.get(page.file.src_uri)
        if self._place is None or place is None:
            return None
        _PLACE.pack_into(self._place, 0, place)  # the helper begins no page up to here
        received = self._received
        with received.lock:
            if place in received.begun:
                received.lock.wait_for(lambda: place in received.done or received.ended)
            made = received.done.get(place)
        if made is None or made[0] != key or made[1] is None:
            return None
        self.helped += 1
        return made[1]

    def search_entries(self, key: str) -> list[dict[str, Any]] | None:
        """The search entries the helper made under `key` (SearchEntryCache asks, once the
        helper is stopped and all it sent is read)."""
        with self._received.lock:
            return self._received.entries.get(key)

    def stop(self) -> None:
        """End the helper (from `on_env`, `on_build_error` and the next `start`); what it
        sent stays for SearchEntryCache, which asks after `on_env`."""
        if self._pid is not None:
            if self._place is not None:
                _PLACE.pack_into(self._place, 0, sys.maxsize)
            with contextlib.suppress(ProcessLookupError):
                os.kill(self._pid, signal.SIGKILL)
            os.waitpid(self._pid, 0)
            self._pid = None
        if self._reader is not None:
            self._reader.join()
            self._reader = None
        if self._place is not None:
            self._place.close()
            self._place = None

    def _read(self, read_end: int) -> None:
        received = self._received
        try:
            with os.fdopen(read_end, "rb") as stream:
                while len(header := stream.read(_HEADER.size)) == _HEADER.size:
                    size = _HEADER.unpack(header)[0]
                    message = stream.read(size)
                    if len(message) != size:
                        break  # the helper was stopped while it wrote
                    place, key, made, entries = pickle.loads(message)
                    with received.lock:
                        if key is None:
                            received.begun.add(place)
                        else:
                            received.done[place] = (key, made)
                        if entries is not None:
                            received.entries[entries[0]] = entries[1]
                        received.lock.notify_all()
        finally:
            with received.lock:
                received.ended = True  # whatever happened: nobody waits for ever
                received.lock.notify_all()


def _inclusion() -> Any:
    """The pages MkDocs converts while serving (mkdocs.commands.build, MkDocs 1.6)."""
    from mkdocs.structure.files import InclusionLevel

    return InclusionLevel.is_in_serve


_Caches = tuple[RenderCache, SearchEntryCache | None]


def _helper(
    write_end: int, place: mmap.mmap, pages: list[Any], config: Any, files: Any, caches: _Caches
) -> None:
    """The helper process: from the last page backwards, until it meets MkDocs."""
    try:
        _quiet_logging()
        with os.fdopen(write_end, "wb") as stream:
            for number in range(len(pages) - 1, -1, -1):
                if _PLACE.unpack_from(place, 0)[0] >= number:
                    break
                _convert(number, pages[number], config, files, caches, stream)
    finally:
        os._exit(0)  # nothing of the server's: no exit handlers, no temporary folders


def _convert(number: int, file: Any, config: Any, files: Any, caches: _Caches, stream: Any) -> None:
    from mkdocs.structure.pages import Page

    cache, search = caches
    page = file.page if file.page is not None else Page(None, file, config)
    config._current_page = page
    page.read_source(config)
    page.markdown = config.plugins.on_page_markdown(
        page.markdown, page=page, config=config, files=files
    )
    key = cache.key(page, config, files)
    if cache.has(key):
        return  # MkDocs takes it from the cache
    _send(stream, (number, None, None, None))  # begun
    with recording() as recorder:
        page.render(config, files)
    if recorder.logged:
        _send(stream, (number, key, None, None))
        return
    made = snapshot(page)
    entries = None
    if search is not None:  # as MkDocs goes on: the page's content events, then search
        page.content = config.plugins.on_page_content(
            page.content, page=page, config=config, files=files
        )
        entries = search.entries_for(page)
    _send(stream, (number, key, made, entries))


def _send(stream: Any, message: object) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(data)) + data)
    stream.flush()


def _quiet_logging() -> None:
    """The helper's records reach only RenderCache's recorder: MkDocs logs what matters
    when it converts the page itself."""
    loggers = [logging.getLogger(), *logging.Logger.manager.loggerDict.values()]
    for logger in loggers:
        if isinstance(logger, logging.Logger):
            logger.handlers = []
    logging.lastResort = logging.NullHandler()
