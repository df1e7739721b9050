"""One regular expression for many words: a trie, so the engine tries only the branches
that can still match at each character (used for actor names and aliases)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

# --- one pattern for many aliases ---------------------------------------------------------

_TRIE_DEPTH = 24  # branchings emitted as nested groups; below, a flat longest-first list
_Trie = dict[str, Any]  # char -> sub-trie; the key "" marks the end of a word


def alternation(words: Iterable[str]) -> str:
    """A regular expression matching any of `words`, the longest first at each position.

    Written as a trie (`Mr\\. (?:Assad|Jalali)`), so that at each character the regex
    engine tries the few branches that can still match rather than every word."""
    root: _Trie = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _emit(root, 0)


def _emit(node: _Trie, depth: int) -> str:
    if depth >= _TRIE_DEPTH:  # bounded nesting: the regex compiler recurses on groups
        rest = sorted(_suffixes(node), key=lambda s: (-len(s), s))
        return "(?:" + "|".join(re.escape(s) for s in rest) + ")"
    branches: list[str] = []
    for char in sorted(k for k in node if k):
        label, child = char, node[char]
        while len(child) == 1 and "" not in child:  # a chain without choices: one literal
            ((next_char, child),) = child.items()
            label += next_char
        branches.append(re.escape(label) + _emit(child, depth + 1))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    # A word may also end here: the greedy `?` still tries the longer words first.
    return f"(?:{body})?" if "" in node else body


def _suffixes(node: _Trie) -> list[str]:
    out: list[str] = []
    stack = [("", node)]
    while stack:
        prefix, current = stack.pop()
        for char, child in current.items():
            if char:
                stack.append((prefix + char, child))
            else:
                out.append(prefix)
    return out
