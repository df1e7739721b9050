"""Each generated page's front matter: its meta description and the files behind it.

The front matter is the first lines of every page template (`{{ front_matter(...) }}`), so
it travels with the Markdown into the exported folder as well. Keys:

- `description`: the page's `<meta name="description">` (overrides/main.html escapes it);
- `edit_source`: the contributor file to edit to correct the page, relative to the project
  root (overrides/partials/actions.html turns it into the "Edit this page" link);
- `history`: the files whose last commit dates the page (`builder/identity.py`, used by the
  MkDocs hook for the "Last update" line);
- `jsonld`: the page's schema.org JSON-LD as one JSON text (builder/render/schema_org.py),
  which overrides/main.html prints in a `<script type="application/ld+json">` in the head.

Values are written as JSON strings, which are YAML too, with every non-ASCII character
escaped: nothing a contributor writes can end the front matter or add a key.
"""

from __future__ import annotations

import json

from markupsafe import Markup

from builder.core.model import Actor, Claim, SourceText
from builder.render import labels

ACTORS_FILE = "source_texts/registry/actors.yml"
SOURCES_FILE = "source_texts/registry/sources.yml"


def _value(value: str) -> str:
    return json.dumps(" ".join(value.split()), ensure_ascii=True)


def front_matter(
    description: str,
    edit_source: str | None = None,
    history: tuple[str, ...] = (),
    jsonld: str | None = None,
) -> Markup:
    lines = ["---", f"description: {_value(description)}"]
    if edit_source is not None:
        lines.append(f"edit_source: {_value(edit_source)}")
    if history:
        lines.append(f"history: [{', '.join(_value(path) for path in history)}]")
    if jsonld is not None:
        # Already ASCII JSON (schema_org.script_json); kept exactly, spaces included.
        lines.append(f"jsonld: {json.dumps(jsonld, ensure_ascii=True)}")
    lines.append("---")
    return Markup("\n".join(lines) + "\n\n")


def sidecar_of(text: SourceText) -> str:
    return text.path.removesuffix(".txt") + ".yml"


def text_front_matter(text: SourceText, jsonld: str | None = None) -> Markup:
    claims = sum(isinstance(a, Claim) for a in text.annotations)
    description = labels.describe_text(text.title, text.kind, text.published, claims)
    sidecar = sidecar_of(text)
    return front_matter(description, sidecar, (text.path, sidecar), jsonld)


def actor_front_matter(actor: Actor, jsonld: str | None = None) -> Markup:
    path = actor.origin.path
    description = labels.describe_actor(actor.name, actor.kind, actor.role)
    return front_matter(description, path, (path,), jsonld)
