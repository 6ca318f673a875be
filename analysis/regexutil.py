"""Small helpers for the rule-based text screens (safeguarding, redaction)."""

from __future__ import annotations

import re

__all__ = ["trie_regex"]


def trie_regex(words: list[str] | set[str]) -> str:
    """One regex (no anchors) matching any of ``words`` literally, nested by shared prefix.

    Python's ``re`` tries a flat alternation one branch at a time at every position; nested
    by prefix, most positions fail on their first character, which scans several times
    faster. At each point the longest word is tried first.
    """
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [re.escape(c) + build(child) for c, child in sorted(node.items()) if c]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)
