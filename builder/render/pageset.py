"""The generated pages of one build, held as UTF-8, in memory or in a folder.

A page is made as a Python string, which CPython stores at two bytes a character as soon
as it holds one character beyond Latin-1 (a dash, a curly quote): at 1,000 texts the pages
were 100 MB as strings and are 52 MB as UTF-8. MkDocs' `File.generated` and the export take
the bytes as they are; reading a page as a string (tests, navigation) decodes it on demand.

With a `folder` (`mkdocs build`: builder/mkdocs_hook.py), each page is written there as
soon as it is made and only its path is kept, so the builder does not hold the site while
MkDocs reads it: at 1,000 texts the pages and exports are 140 MB (`make bench`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path, PurePosixPath


class Pages(Mapping[str, str]):
    """Path under the docs folder -> Markdown (or another file, such as an export)."""

    def __init__(self, pages: Mapping[str, str] | None = None, *, folder: Path | None = None):
        self.folder = folder
        self._encoded: dict[str, bytes | None] = {}  # None: in the folder
        for path, content in (pages or {}).items():
            self.add(path, content)

    def add(self, path: str, content: str) -> None:
        self.add_encoded(path, content.encode("utf-8"))

    def add_encoded(self, path: str, content: bytes) -> None:
        if self.folder is None:
            self._encoded[path] = content
            return
        file = self.file(path)
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_bytes(content)
        self._encoded[path] = None

    def file(self, path: str) -> Path:
        """Where the page `path` is written in the folder."""
        parts = PurePosixPath(path).parts
        # Paths are the builder's own (routes.py, exports), never a contributor's; this
        # only keeps a bug from writing outside the folder.
        if self.folder is None or not parts or ".." in parts or PurePosixPath(path).is_absolute():
            raise ValueError(f"no file for the page {path!r}")
        return self.folder.joinpath(*parts)

    def on_disk(self, path: str) -> bool:
        return self._encoded[path] is None

    def encoded(self, path: str) -> bytes:
        content = self._encoded[path]
        return self.file(path).read_bytes() if content is None else content

    def encoded_items(self) -> Iterator[tuple[str, bytes]]:
        return ((path, self.encoded(path)) for path in self._encoded)

    def sorted(self) -> Pages:
        """The same pages, in path order (bytes moved, not decoded again)."""
        out = Pages(folder=self.folder)
        out._encoded = dict(sorted(self._encoded.items()))
        return out

    def __getitem__(self, path: str) -> str:
        return self.encoded(path).decode("utf-8")

    def __contains__(self, path: object) -> bool:
        return path in self._encoded  # without reading a page from the folder

    def __iter__(self) -> Iterator[str]:
        return iter(self._encoded)

    def __len__(self) -> int:
        return len(self._encoded)

    def __repr__(self) -> str:
        return f"Pages({sorted(self._encoded)!r})"
