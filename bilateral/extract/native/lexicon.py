"""Word lists from the rule tables as compiled patterns.

Korean and Khmer words are matched as substrings: Khmer writes no spaces
between words and Korean attaches particles to them. What keeps a match from
being the middle of another word is the language's boundary patterns (for
Khmer: not after a subscript sign, not before a vowel sign).
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable
from dataclasses import dataclass


def alternation(words: Iterable[str], *, escape: bool = True) -> str:
    """One alternation, longest first (the regex engine takes the first that fits)."""
    items = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w) if escape else w for w in items)


@dataclass(frozen=True)
class Lexicon:
    """Several word lists in one pattern; a match says which list it came from.

    Each alternative is its own group, ordered longest first across all lists,
    so the longest word wins wherever lists overlap ("수출입" over "수출").
    """

    rx: re.Pattern[str]
    keys: tuple[Hashable, ...]

    @classmethod
    def build(cls, lists: dict[Hashable, Iterable[str]], before: str = "", after: str = "") -> Lexicon:
        keys = list(lists)
        items = [(p, k) for k, key in enumerate(keys) for p in lists[key]]
        items.sort(key=lambda item: len(item[0]), reverse=True)
        parts = [f"(?P<g{k}_{i}>{p})" for i, (p, k) in enumerate(items)]
        body = "|".join(parts) or "(?!)"
        return cls(re.compile(f"{before}(?:{body}){after}"), tuple(keys))

    def key(self, m: re.Match[str]) -> Hashable:
        return self.keys[int(m.lastgroup[1:].split("_", 1)[0])]

    def finditer(self, text: str, start: int, end: int) -> Iterable[re.Match[str]]:
        return self.rx.finditer(text, start, end)
