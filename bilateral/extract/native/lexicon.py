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


# Classes kept as classes in a guard (what they match in a str pattern is
# Unicode's digits and spaces, too many to list).
_CATEGORIES = {"CATEGORY_DIGIT": r"\d", "CATEGORY_SPACE": r"\s"}


def first_chars(pattern: str) -> set[str] | None:
    """The characters a match of ``pattern`` can start with (``\\d`` and ``\\s``
    for those classes), or None when that is not a small known set (a wide
    range, a pattern that can match nothing)."""
    from re import _constants as c  # the standard library's own parser
    from re import _parser as sre_parse

    def sequence(items: list) -> tuple[set[str], bool] | None:
        """(first characters, whether ``items`` can match the empty string)."""
        out: set[str] = set()
        for op, arg in items:
            found = one(op, arg)
            if found is None:
                return None
            out |= found[0]
            if not found[1]:
                return out, False
        return out, True

    def one(op, arg) -> tuple[set[str], bool] | None:
        if op is c.LITERAL:
            return {chr(arg)}, False
        if op is c.IN:
            chars: set[str] = set()
            for iop, iarg in arg:
                if iop is c.LITERAL:
                    chars.add(chr(iarg))
                elif iop is c.RANGE and iarg[1] - iarg[0] < 64:  # "[1-9]", not "[가-힣]"
                    chars.update(map(chr, range(iarg[0], iarg[1] + 1)))
                elif iop is c.CATEGORY and str(iarg) in _CATEGORIES:
                    chars.add(_CATEGORIES[str(iarg)])
                else:
                    return None
            return chars, False
        if op in (c.ASSERT, c.ASSERT_NOT, c.AT):
            return set(), True  # "(?<!재)수교": consumes nothing; the next item begins the match
        if op is c.SUBPATTERN:
            return sequence(list(arg[-1]))
        if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            # "(?:외국인 |해외 |직접 )?투자국": the optional part's first characters
            # and those of what follows it.
            inner = sequence(list(arg[2]))
            return None if inner is None else (inner[0], inner[1] or arg[0] == 0)
        if op is c.BRANCH:
            out: set[str] = set()
            empty = False
            for branch in arg[1]:
                found = sequence(list(branch))
                if found is None:
                    return None
                out |= found[0]
                empty = empty or found[1]
            return out, empty
        return None

    try:
        found = sequence(list(sre_parse.parse(pattern)))
    except re.error:
        return None
    return None if found is None or found[1] or not found[0] else found[0]


def guarded(pattern: str) -> str:
    """``pattern`` behind a look-ahead for the characters its matches begin with
    (when they are known): a place whose character begins no match is passed
    at once, instead of trying every alternative there."""
    firsts = first_chars(pattern)
    if not firsts:
        return pattern
    members = "".join(ch if ch in _CATEGORIES.values() else re.escape(ch) for ch in sorted(firsts))
    return f"(?=[{members}])" + pattern


def compile_guarded(pattern: str) -> re.Pattern[str]:
    """``pattern`` compiled behind its guard (see ``guarded``)."""
    return re.compile(guarded(pattern))


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
        return cls(compile_guarded(f"{before}(?:{body}){after}"), tuple(keys))

    def key(self, m: re.Match[str]) -> Hashable:
        return self.keys[int(m.lastgroup[1:].split("_", 1)[0])]

    def finditer(self, text: str, start: int, end: int) -> Iterable[re.Match[str]]:
        return self.rx.finditer(text, start, end)
