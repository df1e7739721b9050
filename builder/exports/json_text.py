"""The export files' JSON text: one key a line, and one entry a line in the long lists."""

from __future__ import annotations

import json
from typing import Any


def dumps(document: dict[str, Any]) -> str:
    """JSON as UTF-8 text, keys in the order the module made them: one key a line, and
    in the list of annotations or events one entry a line (which keeps diffs readable
    and lets the C encoder write the bulk)."""
    lines = []
    for key, value in document.items():
        if isinstance(value, list) and value and key in ("items", "events"):
            entries = ",\n".join(f"    {_compact(entry)}" for entry in value)
            lines.append(f"  {_compact(key)}: [\n{entries}\n  ]")
        else:
            lines.append(f"  {_compact(key)}: {_compact(value)}")
    return "{\n" + ",\n".join(lines) + "\n}\n"


# One encoder for the whole build: `json.dumps` with options makes a new one every call,
# a hundred thousand times at 1,000 texts.
_compact = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode
