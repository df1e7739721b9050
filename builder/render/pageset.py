"""The generated pages of one build, held as UTF-8.

A page is made as a Python string, which CPython stores at two bytes a character as soon
as it holds one character beyond Latin-1 (a dash, a curly quote): at 1,000 texts the pages
were 100 MB as strings and are 52 MB as UTF-8. MkDocs' `File.generated` and the export take
the bytes as they are; reading a page as a string (tests, navigation) decodes it on demand.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping


class Pages(Mapping[str, str]):
    """Path under the docs folder -> Markdown (or another file, such as an export)."""

    def __init__(self, pages: Mapping[str, str] | None = None) -> None:
        self._encoded: dict[str, bytes] = {}
        for path, content in (pages or {}).items():
            self.add(path, content)

    def add(self, path: str, content: str) -> None:
        self._encoded[path] = content.encode("utf-8")

    def add_encoded(self, path: str, content: bytes) -> None:
        self._encoded[path] = content

    def encoded(self, path: str) -> bytes:
        return self._encoded[path]

    def encoded_items(self) -> Iterator[tuple[str, bytes]]:
        return iter(self._encoded.items())

    def sorted(self) -> Pages:
        """The same pages, in path order (bytes moved, not decoded again)."""
        out = Pages()
        out._encoded = dict(sorted(self._encoded.items()))
        return out

    def __getitem__(self, path: str) -> str:
        return self._encoded[path].decode("utf-8")

    def __iter__(self) -> Iterator[str]:
        return iter(self._encoded)

    def __len__(self) -> int:
        return len(self._encoded)

    def __repr__(self) -> str:
        return f"Pages({sorted(self._encoded)!r})"
