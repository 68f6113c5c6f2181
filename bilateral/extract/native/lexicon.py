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


def trie(words: Iterable[str]) -> str:
    """One pattern for literal words, factored by common prefixes ("캄보디아|캄"
    -> "캄(?:보디아)?"): the regex engine then branches on each character
    instead of trying every word at every position. Longest match first."""
    root: dict = {}
    for w in set(words):
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return build(root)


def first_chars(pattern: str) -> set[str] | None:
    """The characters a match of ``pattern`` can start with, or None when that
    is not a small known set (a class range, a lookaround, an optional start)."""
    from re import _parser as sre_parse  # the standard library's own parser

    def firsts(items: list) -> set[str] | None:
        if not items:
            return None
        op, arg = items[0]
        name = str(op)
        if name == "LITERAL":
            return {chr(arg)}
        if name == "IN":
            chars = set()
            for iop, iarg in arg:
                if str(iop) != "LITERAL":
                    return None
                chars.add(chr(iarg))
            return chars
        if name == "ASSERT_NOT" and arg[0] == -1:
            return firsts(items[1:])  # "(?<!재)수교": a look behind consumes nothing
        if name == "SUBPATTERN":
            return firsts(list(arg[-1]))
        if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            # "(?:외국인 |해외 |직접 )?투자국": the optional part's first characters
            # and those of what follows it.
            lo, _, sub = arg
            inner = firsts(list(sub))
            if inner is None or lo > 0:
                return inner
            rest = firsts(items[1:])
            return None if rest is None else inner | rest
        if name == "BRANCH":
            out: set[str] = set()
            for branch in arg[1]:
                f = firsts(list(branch))
                if f is None:
                    return None
                out |= f
            return out
        return None

    try:
        return firsts(list(sre_parse.parse(pattern)))
    except re.error:
        return None


@dataclass(frozen=True)
class Lexicon:
    """Several word lists in one pattern; a match says which list it came from.

    Each alternative ends in its own empty group (``m.lastgroup`` says which),
    ordered longest first across all lists, so the longest word wins wherever
    lists overlap ("수출입" over "수출").
    """

    rx: re.Pattern[str]
    keys: tuple[Hashable, ...]

    @classmethod
    def build(cls, lists: dict[Hashable, Iterable[str]], before: str = "", after: str = "") -> Lexicon:
        keys = list(lists)
        items = [(p, k) for k, key in enumerate(keys) for p in lists[key]]
        items.sort(key=lambda item: len(item[0]), reverse=True)
        # Each alternative is followed by an empty group that names it, instead
        # of being wrapped in one: an alternative that begins with its own first
        # character is passed over at once where that character is not (re
        # enters every group that opens an alternative; ten times the work).
        parts = [f"(?:{p})(?P<g{k}_{i}>)" for i, (p, k) in enumerate(items)]
        body = "|".join(parts) or "(?!)"
        # A position whose character starts no word is passed at once, instead
        # of trying every alternative there.
        firsts = set().union(*(first_chars(p) or {""} for p, _ in items)) if items else set()
        guard = "" if "" in firsts or not firsts else f"(?=[{''.join(re.escape(c) for c in sorted(firsts))}])"
        return cls(re.compile(f"{before}{guard}(?:{body}){after}"), tuple(keys))

    def key(self, m: re.Match[str]) -> Hashable:
        return self.keys[int(m.lastgroup[1:].split("_", 1)[0])]

    def finditer(self, text: str, start: int, end: int) -> Iterable[re.Match[str]]:
        return self.rx.finditer(text, start, end)
