"""Many regular expressions over a span, tried only where they can start.

Python's ``re`` tries every alternative of a pattern at every position, and a
case-insensitive alternation of a hundred phrases gets none of its literal
shortcuts: run over every sentence, the event triggers alone were a quarter
of the extraction time. ``PatternIndex`` files each pattern under the first
letters every match of it begins with (read off the parsed pattern, so the
rule tables stay plain regular expressions), finds the places where one of
those prefixes occurs with one small scan, and tries there only the patterns
filed under it. The matches are the ones ``re.finditer`` gives for each
group's alternation (leftmost; at one place, the first alternative in order).

A pattern whose matches can begin with almost anything (``\\w+-day visit``)
is split at its leading alternation when that helps, and otherwise found by a
scan of its own. Text that is not ASCII near a candidate place is checked
against every pattern, so Unicode case folding ("ſ", "K") changes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

try:  # the parser of the standard library's re (sre_parse before Python 3.11)
    from re import _constants as _c
    from re import _parser as _sre_parse
except ImportError:  # pragma: no cover - without it every pattern is scanned on its own
    _sre_parse = _c = None

# Prefixes longer than this buy nothing: three letters pick few patterns.
_SIZE = 3
# Character classes wider than this end a prefix instead of multiplying it.
_MAX_CLASS = 12
_MAX_PREFIXES = 4000


def prefixes(pattern: str, flags: int = 0, size: int = _SIZE) -> frozenset[str] | None:
    """Lower-case strings of at most ``size`` characters, one of which begins
    every match of ``pattern`` (compared lower-cased, for ASCII text); None
    when a match may begin with anything, or the pattern cannot be read."""
    if _sre_parse is None:
        return None
    try:
        parsed = _sre_parse.parse(pattern, flags)
        open_, closed = _extend({""}, list(parsed), size)
    except (_TooMany, re.error, TypeError, ValueError, AttributeError):
        return None
    found = open_ | closed
    if not found or "" in found:
        return None
    return frozenset(found)


class _TooMany(Exception):
    pass


def _class_chars(items: list) -> frozenset[str] | None:
    """The characters an ``IN`` item matches, lower-cased, when they are a few
    ASCII characters named one by one; None otherwise (``\\d`` and ``\\s``
    match more than ASCII, and a gate must never miss a place)."""
    chars: set[str] = set()
    for op, av in items:
        if op is _c.LITERAL and av < 128:
            chars.add(chr(av))
        elif op is _c.RANGE and av[1] < 128:
            chars.update(chr(i) for i in range(av[0], av[1] + 1))
        else:
            return None
    return frozenset(ch.lower() for ch in chars)


def _close(open_: set[str], closed: set[str]) -> set[str]:
    closed |= open_
    return set()


def _extend(open_: set[str], items: Sequence, size: int) -> tuple[set[str], set[str]]:
    """Extend the prefixes in ``open_`` by a sequence of parsed items: the
    prefixes that can still grow, and those that are complete or cut short."""
    closed: set[str] = set()
    for op, av in items:
        if not open_:
            break
        if op is _c.LITERAL or op is _c.IN:
            chars = _class_chars([(op, av)] if op is _c.LITERAL else av)
            if chars is None or len(chars) > _MAX_CLASS:
                open_ = _close(open_, closed)
            else:
                open_ = {p + ch for p in open_ for ch in chars}
        elif op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            continue  # zero width: the match starts where it starts
        elif op is _c.SUBPATTERN:
            open_, more = _extend(open_, av[-1], size)
            closed |= more
        elif op is _c.ATOMIC_GROUP:
            open_, more = _extend(open_, av, size)
            closed |= more
        elif op is _c.BRANCH:
            grown: set[str] = set()
            for branch in av[1]:
                o, more = _extend(set(open_), branch, size)
                grown |= o
                closed |= more
            open_ = grown
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
            lo, hi, sub = av
            # Each round either ends the repeat or adds to the prefix; a few
            # rounds reach ``size``.
            current, result, seen = set(open_), set(open_) if lo == 0 else set(), set(open_)
            for rounds in range(1, size + 1):
                current, more = _extend(current, sub, size)
                closed |= more
                if rounds >= lo:
                    result |= current
                if not current or rounds >= hi:
                    break
                if current <= seen:  # no progress: later rounds bring nothing new
                    result |= seen
                    break
                seen |= current
            else:
                closed |= current  # still open after ``size`` rounds: long enough
            open_ = result
        else:
            open_ = _close(open_, closed)
        done = {p for p in open_ if len(p) >= size}
        if done:
            closed |= {p[:size] for p in done}
            open_ -= done
        if len(open_) + len(closed) > _MAX_PREFIXES:
            raise _TooMany
    return open_, closed


def split_leading(pattern: str) -> list[str] | None:
    """ "(?:a|b)c" -> ["ac", "bc"]: the same matches in the same order, but each
    alternative can be indexed on its own. None when the pattern has no
    leading non-capturing group followed by something other than a quantifier."""
    if not pattern.startswith("(?:"):
        return None
    depth, branches, start, i, in_class = 0, [], 3, 0, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            if pattern[i + 1:i + 2] == "]":
                i += 1  # "[]...]": a literal ] first
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                branches.append(pattern[start:i])
                rest = pattern[i + 1:]
                if rest[:1] in ("?", "*", "+", "{"):
                    return None
                return [b + rest for b in branches]
        elif ch == "|" and depth == 1:
            branches.append(pattern[start:i])
            start = i + 1
        i += 1
    return None


def required(pattern: str, flags: int = 0) -> str | None:
    """The longest run of literal characters (lower-cased) every match of
    ``pattern`` holds, or None."""
    if _sre_parse is None:
        return None
    try:
        items = list(_sre_parse.parse(pattern, flags))
    except (re.error, TypeError, ValueError):
        return None
    best = run = ""
    for op, av in items:
        if op is _c.LITERAL and av < 128:
            run += chr(av).lower()
            best = max(best, run, key=len)
        elif op not in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            run = ""
    return best or None


# The only characters outside ASCII that match ASCII letters when case is
# ignored; lower-casing changes no other character's length or word-ness
# (tests/test_scan.py checks both over all of Unicode).
FOLDS = re.compile("[\u0130\u0131\u017f\u212a]")


@dataclass(frozen=True, slots=True)
class _Alt:
    order: int  # the group's rank, then the alternative's, as one sort key
    group: str
    rx: re.Pattern[str]


class PatternIndex:
    """Named groups of alternative patterns, each group read like
    ``re.finditer(before + "(?:" + "|".join(alternatives) + ")" + after)``.

    ``before`` and ``after`` are zero-width context (``(?<![\\w-])``) shared by
    every pattern. No alternative may match the empty string.
    """

    def __init__(self, groups: Iterable[tuple[str, Sequence[str]]], *, flags: int = 0,
                 before: str = "", after: str = "") -> None:
        indexed: dict[str, list[_Alt]] = {}
        slow: list[tuple[_Alt, str, str | None]] = []
        n = 0
        for name, alternatives in groups:
            for alt in alternatives:
                for part in self._parts(alt, flags):
                    item = _Alt(n, name, re.compile(f"{before}(?:{part}){after}", flags))
                    n += 1
                    keys = prefixes(part, flags)
                    if keys is None:
                        slow.append((item, part, required(part, flags)))
                    for key in keys or ():
                        indexed.setdefault(key, []).append(item)
        self._indexed = {k: tuple(v) for k, v in indexed.items()}
        self._all = tuple(sorted({a for alts in indexed.values() for a in alts}, key=lambda a: a.order))
        self._lengths = sorted({len(k) for k in indexed})
        trie = _trie(sorted(indexed))
        # The gate finds the places where a prefix occurs: on the lower-cased
        # span (literal, fast), or on the text itself when it holds a
        # character that folds to ASCII. Context written for case-sensitive
        # patterns cannot be checked on lower-cased text.
        low_before = before if flags & re.I else ""
        self._gate = re.compile(f"{low_before}(?={trie})") if indexed else None
        self._fold_gate = re.compile(f"{before}(?={trie})", flags | re.I) if indexed else None
        self._slow = tuple(a for a, _, _ in slow)
        self._slow_needs = tuple(req for _, _, req in slow)
        self._slow_gate = re.compile(
            f"{before}(?=" + "|".join(f"(?:{p})" for _, p, _ in slow) + ")", flags) if slow else None
        self._cache: dict[str, tuple[_Alt, ...]] = {}

    @staticmethod
    def _parts(alt: str, flags: int) -> list[str]:
        """The alternative, split at leading alternations while that makes an
        unindexable pattern (partly) indexable."""
        if prefixes(alt, flags) is not None or re.compile(alt, flags).groups:
            return [alt]  # (splitting would renumber groups)
        split = split_leading(alt)
        if split is None:
            return [alt]
        try:
            for part in split:
                re.compile(part, flags)
        except re.error:
            return [alt]
        return [p for part in split for p in PatternIndex._parts(part, flags)]

    def _candidates(self, key: str) -> tuple[_Alt, ...]:
        """The patterns that may match where the text (lower-cased) begins with ``key``."""
        found = self._cache.get(key)
        if found is None:
            if not key.isascii():
                found = self._all
            else:
                alts = {a for n in self._lengths for a in self._indexed.get(key[:n], ())}
                found = tuple(sorted(alts, key=lambda a: a.order))
            if len(self._cache) < 100_000:
                self._cache[key] = found
        return found

    def _places(self, text: str, start: int, end: int) -> Iterator[tuple[int, tuple[_Alt, ...]]]:
        """Places where some pattern may match, left to right, with those patterns."""
        indexed: Iterable[tuple[int, tuple[_Alt, ...]]] = ()
        folds = FOLDS.search(text, start, end) is not None
        if self._gate is not None:
            if folds:
                indexed = ((m.start(), self._candidates(text[m.start():m.start() + _SIZE].lower()))
                           for m in self._fold_gate.finditer(text, start, end))
            else:
                low = text[start:end].lower()
                indexed = ((start + m.start(), self._candidates(low[m.start():m.start() + _SIZE]))
                           for m in self._gate.finditer(low))
        slow: list[int] = []
        if self._slow_gate is not None:
            low_span = None if folds else text[start:end].lower()
            if low_span is None or any(req is None or req in low_span for req in self._slow_needs):
                slow = [m.start() for m in self._slow_gate.finditer(text, start, end)]
        if not slow:
            yield from indexed
            return
        merged: dict[int, tuple[_Alt, ...]] = dict(indexed)
        for pos in slow:
            merged[pos] = tuple(sorted(merged.get(pos, ()) + self._slow, key=lambda a: a.order))
        yield from sorted(merged.items())

    def search(self, text: str, start: int, end: int) -> bool:
        """Whether any pattern of any group matches in ``text[start:end]``."""
        return any(alt.rx.match(text, pos, end) for pos, alts in self._places(text, start, end) for alt in alts)

    def finditer(self, text: str, start: int, end: int) -> dict[str, list[re.Match[str]]]:
        """Each group's matches in ``text[start:end]``, left to right, as
        ``re.finditer`` of its alternation gives them; groups without a match
        are left out."""
        out: dict[str, list[re.Match[str]]] = {}
        free: dict[str, int] = {}  # group -> where its next match may start
        for pos, alts in self._places(text, start, end):
            for alt in alts:
                if free.get(alt.group, start) > pos:
                    continue
                m = alt.rx.match(text, pos, end)
                if m is not None:
                    out.setdefault(alt.group, []).append(m)
                    free[alt.group] = max(m.end(), pos + 1)
        return out

    def finditer_any(self, text: str, start: int, end: int) -> list[re.Match[str]]:
        """The matches of all groups as one alternation, groups in order:
        ``re.finditer("(?:group 1)|(?:group 2)|...")``."""
        out: list[re.Match[str]] = []
        free = start
        for pos, alts in self._places(text, start, end):
            if pos < free:
                continue
            for alt in alts:
                m = alt.rx.match(text, pos, end)
                if m is not None:
                    out.append(m)
                    free = max(m.end(), pos + 1)
                    break
        return out


def _trie(keys: Sequence[str]) -> str:
    """One pattern for a set of literal strings, branching on first letters."""
    if not keys:
        return "(?!)"
    by_first: dict[str, list[str]] = {}
    for k in keys:
        by_first.setdefault(k[0], []).append(k[1:])
    parts = []
    for first, rests in sorted(by_first.items()):
        if "" in rests:
            parts.append(re.escape(first))  # the shorter key already admits the longer ones
        else:
            parts.append(re.escape(first) + "(?:" + _trie(sorted(set(rests))) + ")")
    return "|".join(parts)
