"""Material's search plugin under `mkdocs serve`, quicker: speed only, never what it indexes.

Used by builder/mkdocs_hook.py while serving, and only there (docs/maintainers.md, "Serving
quickly"); each part checks the Material 9 internals it relies on and, where they are
missing or different, leaves the plugin to do what it always does.

- `TranslationMemo`: the plugin's `on_config` runs on every config reload, that is on every
  rebuild, and looks up its language, separator and pipeline in the theme's language
  templates (`SearchPlugin._translate`: a new Jinja environment, three templates compiled);
  the look-ups are kept while the theme's files behind them are the same.
- `SearchEntryCache`: the plugin parses every page's HTML again on every rebuild, then strips
  its `data-search-*` attributes from the page; a page whose HTML, address, title, table of
  contents and front matter are as they were gets the search entries that parse gave, and
  HTML seen before gets the stripped HTML it gave.
"""

from __future__ import annotations

import copy
import hashlib
import inspect
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from builder.serve_speed import _installed_folders, _made_by, is_mkdocs_1_6

# The digest of Material 9.8's `SearchPlugin.on_page_context`, whose work `SearchEntryCache`
# does itself (index the page, then strip `data-search-*` attributes): any other source
# leaves the plugin's own in place.
_PAGE_CONTEXT_SOURCE = "33eb62fd1688be4d99a4e7bf8fc51c1be3d37602b63ad5327c9be3abf5dc8d50"
_SEARCH_ATTRIBUTE = re.compile(r"\s?data-search-\w+=\"[^\"]+\"")  # the plugin's own pattern


def _search_plugin(config: Any) -> Any:
    plugins = getattr(config, "plugins", None)
    plugin = plugins.get("material/search") if isinstance(plugins, Mapping) else None
    return plugin if _made_by(plugin, ("material",), "9.") else None


def _toc_rows(items: Any) -> list[tuple[Any, ...]]:
    return [(i.title, i.id, i.level, i.url, _toc_rows(i.children)) for i in items]


def _digest(content: str, rest: object) -> str:
    """A digest of a page's HTML and the rest of what its entries depend on (the HTML hashed
    as it is: its repr would be a copy as large again)."""
    encoded = content.encode("utf-8", "surrogatepass")
    digest = hashlib.sha256(str(len(encoded)).encode("ascii") + b":" + encoded)
    digest.update(repr(rest).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _key(index: Any, page: Any) -> str:
    """What a page's search entries depend on: its HTML, address, title, table of contents
    and front matter, and the index's settings."""
    rest = (page.url, page.title, page.meta, _toc_rows(page.toc), index.config)
    return _digest(page.content, rest)


def _entries_made(index: Any, add: Callable[[Any], None], page: Any) -> list[dict[str, Any]]:
    """The entries the plugin's own `add_entry_from_context` adds to `index` for `page`."""
    before = len(index.entries)
    add(page)
    return list(index.entries[before:])


class SearchEntryCache:
    """Material's search entries of each page from the last rebuild, reused while the page's
    HTML, address, title, table of contents and front matter are the same; and the page's
    HTML with the plugin's `data-search-*` attributes stripped, reused while it is the same."""

    def __init__(self) -> None:
        self.previous: dict[str, list[dict[str, Any]]] = {}  # by key; the last build's
        self.current: dict[str, list[dict[str, Any]]] = {}
        self.stripped: dict[str, str] = {}  # the last build's HTML -> stripped of attributes
        self.stripping: dict[str, str] = {}  # this build's
        self.reused = 0  # pages this build took from the cache (for the tests)
        self.reused_stripped = 0  # pages whose stripped HTML this build reused (the same)
        # Entries made by the helper process under the same keys (serve_ahead.py).
        self.ahead: Callable[[str], list[dict[str, Any]] | None] | None = None
        self.helped = 0  # pages whose entries this build took from the helper (tests)
        self._index: Any = None  # this build's index, and its own way to add a page
        self._add_entries: Callable[[Any], None] | None = None

    def install(self, config: Any) -> None:
        """Make this build's search index reuse earlier entries (from `on_pre_build`, after
        the search plugin's `on_config` has made the index)."""
        self._index = self._add_entries = None
        plugin = _search_plugin(config)
        index: Any = getattr(plugin, "search_index", None)
        if not _made_by(index, ("material",), "9.") or not isinstance(index.entries, list):
            return
        self.previous, self.current, self.reused = self.current, {}, 0
        self.stripped, self.stripping, self.reused_stripped = self.stripping, {}, 0
        self.helped = 0
        add: Callable[[Any], None] = index.add_entry_from_context
        self._index, self._add_entries = index, add
        index.add_entry_from_context = lambda page: self._add(index, add, page)
        self._install_stripping(config, plugin)

    def entries_for(self, page: Any) -> tuple[str, list[dict[str, Any]]] | None:
        """The key and the entries of a page the cache has none for, made as the plugin
        makes them (by the helper process, whose index is a throwaway copy)."""
        index, add = self._index, self._add_entries
        if index is None or add is None:
            return None
        key = _key(index, page)
        if key in self.current or key in self.previous:
            return None
        return key, _entries_made(index, add, page)

    def _add(self, index: Any, add: Callable[[Any], None], page: Any) -> None:
        key = _key(index, page)
        entries = self.current.get(key) or self.previous.get(key)
        if entries is not None:
            self.reused += 1
        elif self.ahead is not None and (entries := self.ahead(key)) is not None:
            self.helped += 1
        if entries is None:
            entries = copy.deepcopy(_entries_made(index, add, page))
        else:
            index.entries.extend(copy.deepcopy(entries))
        self.current[key] = entries

    def _install_stripping(self, config: Any, plugin: Any) -> None:
        """Put this cache's `on_page_context` where the plugin's is among MkDocs' registered
        events (`PluginCollection.events`), if the plugin's is the one it was written for."""
        method = getattr(type(plugin), "on_page_context", None)
        try:
            source = inspect.getsource(method) if callable(method) else ""
        except (OSError, TypeError):
            return
        found = hashlib.sha256(source.encode("utf-8")).hexdigest()
        events = getattr(config.plugins, "events", {}).get("page_context")
        origins = getattr(config.plugins, "_event_origins", None)
        if found != _PAGE_CONTEXT_SOURCE or not isinstance(events, list) or origins is None:
            return
        for number, registered in enumerate(events):
            if getattr(registered, "__self__", None) is plugin:

                def on_page_context(context: Any, *, page: Any, **_: Any) -> None:
                    self._page_context(plugin, page)

                events[number] = on_page_context
                origins[on_page_context] = origins.get(registered, "material/search")
                return

    def _page_context(self, plugin: Any, page: Any) -> None:
        """What Material 9.8's `SearchPlugin.on_page_context` does, the stripping memoized."""
        if not plugin.config.enabled:
            return
        plugin.search_index.add_entry_from_context(page)
        content = page.content
        stripped = self.stripping.get(content)
        if stripped is None:
            stripped = self.stripped.get(content)
            if stripped is None:
                stripped = _SEARCH_ATTRIBUTE.sub("", content)
            else:
                self.reused_stripped += 1
            self.stripping[content] = stripped
        page.content = stripped


# The theme files Material 9's `partials/language.html` reads: itself, the language's strings
# and the English fallback. Material's own are plain tables of strings.
_LANGUAGE_TEMPLATES = (
    "partials/language.html",
    "partials/languages/{}.html",
    "partials/languages/en.html",
)


class TranslationMemo:
    """What Material's search plugin looks up in the theme's language templates on every
    config reload (`SearchPlugin._translate`: a new Jinja environment and three templates
    compiled each time), kept while the theme folders, the language, the locale and the
    templates' files (inode, size, mtime, ctime) are the same, and only while those files
    are Material's installed ones (an override in `custom_dir` may read anything)."""

    def __init__(self) -> None:
        self.found: dict[tuple[object, ...], str] = {}
        self.reused = 0  # look-ups this build took from the memo (for the tests)
        self._installed = _installed_folders()

    def install(self, config: Any) -> None:
        """Make this config's search plugin look up through the memo (from an `on_config`
        that runs before the search plugin's)."""
        plugin = _search_plugin(config)
        translate = getattr(plugin, "_translate", None)
        if not callable(translate):
            return
        self.reused = 0
        plugin._translate = lambda config, value: self._translate(translate, config, value)

    def _translate(self, translate: Callable[[Any, str], str], config: Any, value: str) -> str:
        key = self._key(config, value)
        if key is None:
            return translate(config, value)
        found = self.found.get(key)
        if found is None:
            found = self.found[key] = translate(config, value)
        else:
            self.reused += 1
        return found

    def _key(self, config: Any, value: str) -> tuple[object, ...] | None:
        theme = config.theme
        language = theme.get("language")
        if not is_mkdocs_1_6(theme) or not isinstance(language, str) or "/" in language:
            return None
        dirs = tuple(str(d) for d in theme.dirs)
        files: list[tuple[str, int, int, int, int]] = []
        for name in _LANGUAGE_TEMPLATES:
            for folder in dirs:
                try:
                    found = (Path(folder) / name.format(language)).stat()
                except OSError:
                    continue
                if not any(Path(folder).resolve().is_relative_to(f) for f in self._installed):
                    return None
                stat = (found.st_ino, found.st_size, found.st_mtime_ns, found.st_ctime_ns)
                files.append((folder, *stat))
                break
            else:
                return None
        return (dirs, language, str(theme["locale"]), value, tuple(files))
