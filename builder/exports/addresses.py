"""Where each export lives, and the IRIs the exports give things.

With `site_url` set (mkdocs.yml), every IRI is absolute: the published address joined
with the path. Without it there is no address to name, and we invent none: every IRI is
a relative reference, written relative to the file that holds it, so a JSON-LD reader
resolves it against the address it fetched that file from. Both give the same IRIs
once the site is published at `site_url`.

Pages are named as MkDocs publishes them with its default `use_directory_urls`:
`actors/ID.md` is at `actors/ID/`.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from functools import lru_cache

DATA = "data"
ANNOTATIONS = f"{DATA}/annotations.jsonld"
TIMELINE = f"{DATA}/timeline.json"


def annotation_page(slug: str) -> str:
    """One text's annotations: an AnnotationPage of the collection."""
    return f"{DATA}/annotations/{slug}.jsonld"


def text_file(slug: str) -> str:
    """The text exactly as the selectors count it (UTF-8, as in source_texts/)."""
    return f"{DATA}/texts/{slug}.txt"


def page_url(page: str) -> str:
    """The published path of a generated page: `actors/x.md` -> `actors/x/`."""
    stem = page.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return f"{stem}/"


@dataclass(frozen=True, kw_only=True)
class Addresses:
    site_url: str | None  # from mkdocs.yml; None while the site has no published address

    def iri(self, path: str, *, within: str, fragment: str | None = None) -> str:
        """The IRI of `path` (a path of the site) for use inside the file `within`."""
        tail = f"#{fragment}" if fragment else ""
        if self.site_url:
            return self.site_url.rstrip("/") + "/" + path + tail
        return _relative(path, _folder(within)) + tail


# A file asks from its own folder thousands of times: found once per file.
_folder = lru_cache(maxsize=8192)(posixpath.dirname)


@lru_cache(maxsize=65536)
def _relative(path: str, folder: str) -> str:
    # The same few questions, hundreds of thousands of times at 1,000 texts; relpath is
    # slow (it makes both paths absolute).
    relative = posixpath.relpath(path, folder or ".")
    if path.endswith("/") and not relative.endswith("/"):
        relative += "/"  # relpath drops the slash that names a folder's page
    return relative
