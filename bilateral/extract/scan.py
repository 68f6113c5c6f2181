"""Many regular expressions over a span, tried only where they can start.

Python's ``re`` tries every alternative of a pattern at every position, and a
case-insensitive alternation of a hundred phrases gets none of its literal
shortcuts: run over every sentence, the event triggers alone were a quarter
of the extraction time. ``PatternIndex`` files each pattern under the first
letters every match of it begins with (read off the parsed pattern, so the
rule tables stay plain regular expressions), finds the places where one of
those prefixes occurs with one pass of an Aho-Corasick automaton
(ahocorasick-rs, native code: ``re`` would try a trie of them at every
character), and tries there only the patterns filed under it. The matches are the ones ``re.finditer`` gives for each
group's alternation (leftmost; at one place, the first alternative in order).

A pattern whose matches can begin with almost anything (``\\w+-day visit``)
is split at its leading alternation when that helps, and otherwise found by a
scan of its own. Text that is not ASCII near a candidate place is checked
against every pattern, so Unicode case folding ("ſ", "K") changes nothing.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from collections.abc import Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass

import ahocorasick_rs

try:  # the parser of the standard library's re (sre_parse before Python 3.11)
    from re import _constants as _c
    from re import _parser as _sre_parse
except ImportError:  # pragma: no cover - without it every pattern is scanned on its own
    _sre_parse = _c = None

# Prefixes longer than this buy nothing: three letters pick few patterns...
_SIZE = 3
# ... but "the", "for", "in " begin most places in English: where a pattern's
# prefixes can be longer without being cut short, the gate finds fewer places.
_LONG = 5
# Character classes wider than this end a prefix instead of multiplying it.
_MAX_CLASS = 12
_MAX_PREFIXES = 4000
# Checking more literal words than this costs about what the pattern does.
_MAX_NEEDS = 24


@functools.lru_cache(maxsize=8192)
def _parsed(pattern: str, flags: int) -> tuple:
    """The parsed pattern, parsed once: building an index reads each pattern
    several times (its prefixes at two lengths, its word start, its words)."""
    return tuple(_sre_parse.parse(pattern, flags))


def prefixes(pattern: str, flags: int = 0, size: int = _SIZE, limit: int | None = None) -> frozenset[str] | None:
    """Lower-case strings of at most ``size`` characters, one of which begins
    every match of ``pattern`` (compared lower-cased, for ASCII text); None
    when a match may begin with anything, or the pattern cannot be read (or,
    given a ``limit``, when it takes more strings than that)."""
    if _sre_parse is None:
        return None
    try:
        parsed = list(_parsed(pattern, flags))
    except (re.error, TypeError, ValueError):
        return None
    # Digits and spaces multiply: shorter prefixes when there are too many.
    for n in range(size, 0 if limit is None else size - 1, -1):
        try:
            open_, closed = _extend({""}, parsed, n, limit)
        except _TooMany:
            continue
        except (TypeError, ValueError, AttributeError):
            return None
        found = open_ | closed
        return None if not found or "" in found else frozenset(found)
    return None


def _keys(pattern: str, flags: int) -> frozenset[str] | None:
    """The prefixes an index files ``pattern`` under: up to ``_LONG`` characters
    when they are few, else up to ``_SIZE``."""
    short = prefixes(pattern, flags)
    if short is None or len(short) > _MAX_PREFIXES // 8:
        return short
    long = prefixes(pattern, flags, _LONG, limit=max(64, 4 * len(short)))
    if long is None or any(k[:_SIZE] not in short for k in long):
        return short
    return long


class _TooMany(Exception):
    pass


def plain_literal(ch: str) -> bool:
    """Whether a literal character is matched only by itself, case aside: ASCII,
    or a caseless symbol or punctuation mark ("$", "€", "–")."""
    return ch.isascii() or (ch.lower() == ch == ch.upper() and unicodedata.category(ch)[0] in "PS")


def _ascii_members(pattern: str) -> frozenset[str]:
    rx = re.compile(pattern)
    return frozenset(chr(i) for i in range(128) if rx.fullmatch(chr(i)))


# ``\d`` and ``\s`` beyond ASCII are caught by UNSURE, so their ASCII members
# are enough to index by.
_DIGITS, _WHITE = _ascii_members(r"\d"), _ascii_members(r"\s")
# In a prefix, " " stands for any ASCII white space: the gates match any of it
# there, and a place's letters are looked up with it made " " (``_AS_SPACE``).
# Else each ``\s`` multiplies a pattern's prefixes tenfold, and it is filed
# under short ones ("the" instead of "the l", "the s").
_SPACES = frozenset(" ")
_AS_SPACE = str.maketrans(dict.fromkeys(_WHITE, " "))


def _class_chars(items: list) -> frozenset[str] | None:
    """The characters an ``IN`` item matches, lower-cased, when they are few
    and plain; None otherwise."""
    chars: set[str] = set()
    for op, av in items:
        if op is _c.LITERAL and plain_literal(chr(av)):
            chars.add(chr(av))
        elif op is _c.RANGE and av[1] < 128:
            chars.update(chr(i) for i in range(av[0], av[1] + 1))
        elif op is _c.CATEGORY and av in (_c.CATEGORY_DIGIT, _c.CATEGORY_UNI_DIGIT):
            chars |= _DIGITS
        elif op is _c.CATEGORY and av in (_c.CATEGORY_SPACE, _c.CATEGORY_UNI_SPACE):
            chars |= _SPACES
        else:
            return None
    return frozenset(ch.lower().translate(_AS_SPACE) for ch in chars)


def _close(open_: set[str], closed: set[str]) -> set[str]:
    closed |= open_
    return set()


def _extend(open_: set[str], items: Sequence, size: int, limit: int | None = None) -> tuple[set[str], set[str]]:
    """Extend the prefixes in ``open_`` by a sequence of parsed items: the
    prefixes that can still grow, and those that are complete or cut short.
    More than ``limit`` of them raise _TooMany (without one, the largest
    families are cut short)."""
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
        elif op is _c.ASSERT and av[0] == 1:
            # A look-ahead: the text goes on as it says, and the prefixes end
            # there ("a(?=\s+million)" is filed under "a m", not "a").
            ahead, more = _extend(set(open_), av[1], size, limit)
            closed |= ahead | more
            open_ = set()
        elif op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            continue  # zero width: the match starts where it starts
        elif op is _c.SUBPATTERN:
            open_, more = _extend(open_, av[-1], size, limit)
            closed |= more
        elif op is _c.ATOMIC_GROUP:
            open_, more = _extend(open_, av, size, limit)
            closed |= more
        elif op is _c.BRANCH:
            grown: set[str] = set()
            for branch in av[1]:
                o, more = _extend(set(open_), branch, size, limit)
                grown |= o
                closed |= more
            open_ = grown
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
            lo, hi, sub = av
            # Each round either ends the repeat or adds to the prefix; a few
            # rounds reach ``size``.
            current, result, seen = set(open_), set(open_) if lo == 0 else set(), set(open_)
            for rounds in range(1, size + 1):
                current, more = _extend(current, sub, size, limit)
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
        if limit is not None and len(open_) + len(closed) > limit:
            raise _TooMany
        if len(open_) + len(closed) > _MAX_PREFIXES:
            open_ = _shrink(open_, closed)
    return open_, closed


def _shrink(open_: set[str], closed: set[str]) -> set[str]:
    """Too many prefixes (digits and spaces multiply): cut the largest
    families short ("123", "124", ... become "12"), which keeps them true."""
    for stem_len in (2, 1):
        families: dict[str, int] = {}
        for p in open_ | closed:
            if len(p) > stem_len:
                families[p[:stem_len]] = families.get(p[:stem_len], 0) + 1
        for stem, _ in sorted(families.items(), key=lambda f: -f[1]):
            if len(open_) + len(closed) <= _MAX_PREFIXES // 2:
                return open_
            cut = {p for p in open_ | closed if len(p) > stem_len and p.startswith(stem)}
            open_ -= cut
            closed -= cut
            closed.add(stem)
    if len(open_) + len(closed) > _MAX_PREFIXES:
        raise _TooMany
    return open_


def word_start(pattern: str, flags: int = 0) -> bool:
    """Whether every match of ``pattern`` begins after a character that is not
    a word character (or at the start): it opens with ``(?<![\\w...])``, or
    with ``\\b`` and a word character."""
    if _sre_parse is None:
        return False
    try:
        found = _leading(list(_parsed(pattern, flags)))
    except (re.error, TypeError, ValueError, AttributeError):
        return False
    if found == "boundary":
        keys = prefixes(pattern, flags)
        return keys is not None and all(k[0].isalnum() or k[0] == "_" for k in keys)
    return found


def _leading(items: Sequence) -> bool | str:
    """True when a look-behind excludes word characters before every match;
    "boundary" when ``\\b`` comes first (true if the match starts with a word
    character); else False."""
    boundary = False
    for op, av in items:
        if op is _c.AT:
            boundary = boundary or av in (_c.AT_BOUNDARY, _c.AT_UNI_BOUNDARY)
            continue
        if op is _c.ASSERT_NOT and av[0] == -1 and _holds_word(av[1]):
            return True
        if op in (_c.ASSERT, _c.ASSERT_NOT) or _never(op, av):
            continue
        inner: bool | str = False
        if op is _c.SUBPATTERN:
            inner = _leading(av[-1])
        elif op is _c.BRANCH:
            found = [_leading(branch) for branch in av[1]]
            if all(found):
                inner = True if all(f is True for f in found) else "boundary"
        if inner is True:
            return True
        return "boundary" if boundary or inner == "boundary" else False
    return "boundary" if boundary else False


def _never(op: object, av: object) -> bool:
    """An optional part that cannot match ("(?:(?P<x>)(?!))?"): it takes no room."""
    if op is not _c.MAX_REPEAT or av[0] != 0:
        return False
    items = list(av[2])
    if len(items) == 1 and items[0][0] is _c.SUBPATTERN:
        items = list(items[0][1][-1])
    return any(o is _c.ASSERT_NOT and not list(a[1]) for o, a in items)


def _holds_word(sub: Sequence) -> bool:
    """Whether a look-behind's one item is a class that holds ``\\w``."""
    items = list(sub)
    if len(items) != 1:
        return False
    op, av = items[0]
    words = (_c.CATEGORY_WORD, _c.CATEGORY_UNI_WORD)
    if op is _c.IN:
        return any(o is _c.CATEGORY and a in words for o, a in av) and not any(o is _c.NEGATE for o, _ in av)
    return op is _c.CATEGORY and av in words


def split_leading(pattern: str) -> list[str] | None:
    """ "a|b" -> ["a", "b"]; "\\b(?:a|b)c" -> ["\\bac", "\\bbc"]; "(?:a)?b" -> ["(?:a)b",
    "b"]: the same matches in the same order, but each alternative can be
    indexed on its own. None when the pattern is neither an alternation nor a
    group (after zero-width assertions) followed by nothing or a greedy "?"."""
    top = _split_top(pattern, 0, len(pattern))
    if top is None or len(top) > 1:
        return top
    i = 0
    while True:  # zero-width assertions first: "\\b", "(?<![\\w.])"
        if pattern.startswith(("\\b", "\\B"), i):
            i += 2
        elif pattern.startswith(("(?<=", "(?<!", "(?=", "(?!"), i):
            close = _close_paren(pattern, i)
            if close is None:
                return None
            i = close + 1
        else:
            break
    if not pattern.startswith("(?:", i):
        return None
    close = _close_paren(pattern, i)
    if close is None:
        return None
    quantifier = pattern[close + 1:close + 3]
    if quantifier[:1] == "?" and quantifier[1:] not in ("?", "+"):
        # "(?:x)?r": "xr" first, then "r" (the order a greedy "?" tries them).
        return [pattern[:close + 1] + pattern[close + 2:], pattern[:i] + pattern[close + 2:]]
    if quantifier[:1] in ("?", "*", "+", "{"):
        return None
    branches = _split_top(pattern, i + 3, close)
    if branches is None:
        return None
    # (One branch: the group is unwrapped, and what it begins with split next.)
    return [pattern[:i] + b + pattern[close + 1:] for b in branches]


def _walk(pattern: str, start: int, end: int) -> Iterator[tuple[int, str, int]]:
    """(index, character, depth) of the syntax characters of ``pattern[start:end]``,
    outside escapes and character classes."""
    depth, i, in_class = 0, start, False
    while i < end:
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            j = i + 1 + (pattern[i + 1:i + 2] == "^")
            if pattern[j:j + 1] == "]":
                i = j  # "[]...]", "[^]...]": a literal ] first
        else:
            if ch == ")":
                depth -= 1
            yield i, ch, depth
            if ch == "(":
                depth += 1
        i += 1


def _close_paren(pattern: str, i: int) -> int | None:
    """The index of the ")" that closes the "(" at ``i``."""
    for j, ch, depth in _walk(pattern, i, len(pattern)):
        if ch == ")" and depth == 0:
            return j
    return None


def _split_top(pattern: str, start: int, end: int) -> list[str] | None:
    """``pattern[start:end]`` split at its top-level "|"; None if unbalanced."""
    parts, begin, level = [], start, 0
    for j, ch, depth in _walk(pattern, start, end):
        level = depth + (ch == "(")
        if depth < 0:
            return None
        if ch == "|" and depth == 0:
            parts.append(pattern[begin:j])
            begin = j + 1
    if level != 0:
        return None
    parts.append(pattern[begin:end])
    return parts


def required(pattern: str, flags: int = 0) -> tuple[str, ...] | None:
    """Lower-case strings one of which every match of ``pattern`` holds (its
    longest literal words: "-day visit", or " year" for "(?:that|the same)
    year"), or None when there is none worth checking."""
    if _sre_parse is None:
        return None
    try:
        found = _needs(list(_parsed(pattern, flags)))
    except (re.error, TypeError, ValueError, AttributeError):
        return None
    if found is None or len(found) == 1:
        return found
    common = _common(found)
    return (common,) if len(common) >= 3 else found


def _needs(items: Sequence) -> tuple[str, ...] | None:
    options: list[tuple[str, ...]] = []
    run = ""
    for op, av in items:
        if op is _c.LITERAL and plain_literal(chr(av)):
            run += chr(av).lower()
            continue
        if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            continue  # zero width: the literals around it are adjacent
        if run:
            options.append((run,))
        # A group whose every branch ends with the same letters ("1[89]\\d0|20\\d0")
        # leaves them for the run that follows ("0s").
        run = _tail([(op, av)]) if op in (_c.SUBPATTERN, _c.BRANCH) else ""
        sub: tuple[str, ...] | None = None
        if op is _c.SUBPATTERN:
            sub = _needs(av[-1])
        elif op is _c.ATOMIC_GROUP:
            sub = _needs(av)
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT) and av[0] >= 1:
            sub = _needs(av[2])
        elif op is _c.BRANCH:
            parts = [_needs(branch) for branch in av[1]]
            if all(parts):
                sub = _fewest({x for part in parts for x in part})
        if sub and len(sub) <= _MAX_NEEDS:
            options.append(sub)
    if run:
        options.append((run,))
    if not options:
        return None
    # The strongest test: the longest shortest string, then the fewest strings.
    return max(options, key=lambda o: (min(map(len, o)), len(_common(o)), -len(o)))


def _tail(items: Sequence) -> str:
    """The literal letters (lower-cased) every match of ``items`` ends with."""
    out = ""
    for op, av in reversed(list(items)):
        if op is _c.LITERAL and plain_literal(chr(av)):
            out = chr(av).lower() + out
            continue
        if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            continue
        if op is _c.SUBPATTERN:
            return _tail(av[-1]) + out
        if op is _c.BRANCH:
            tails = [_tail(branch) for branch in av[1]]
            common = ""
            while all(len(t) > len(common) for t in tails) and len({t[-len(common) - 1] for t in tails}) == 1:
                common = tails[0][-len(common) - 1] + common
            return common + out
        return out
    return out


def _fewest(strings: set[str]) -> tuple[str, ...]:
    """The strings, less those that hold another one ("single largest" holds "largest")."""
    return tuple(sorted(s for s in strings if not any(o != s and o in s for o in strings)))


def _common(strings: Sequence[str]) -> str:
    """The longest string inside all of ``strings``."""
    first = min(strings, key=len)
    for size in range(len(first), 0, -1):
        for i in range(len(first) - size + 1):
            piece = first[i:i + size]
            if all(piece in s for s in strings):
                return piece
    return ""


# The only characters outside ASCII that match ASCII letters when case is
# ignored; lower-casing changes no other character's length or word-ness
# (tests/test_scan.py checks both over all of Unicode).
FOLDS = re.compile("[\u0130\u0131\u017f\u212a]")
# Characters a prefix cannot stand for: those that fold to ASCII, and the
# digits and spaces of other scripts (``\d``, ``\s``). Where one is near, every
# pattern is tried.
UNSURE = "[\u0130\u0131\u017f\u212a]|(?=[\\d\\s])[^\\x00-\\x7f]"
_UNSURE = re.compile(UNSURE)


@dataclass(frozen=True, slots=True)
class _Alt:
    order: int  # the group's rank, then the alternative's, as one sort key
    group: Hashable
    rx: re.Pattern[str]
    needs: tuple[str, ...] | None  # one of these is in every match (lower-cased)
    bit: int  # its tuple of words' bit in a span's mask of live words (1: none looked for)


class PatternIndex:
    """Named groups of alternative patterns, each group read like
    ``re.finditer(before + "(?:" + "|".join(alternatives) + ")" + after)``.

    ``before`` and ``after`` are zero-width context (``(?<![\\w-])``) shared by
    every pattern. No alternative may match the empty string. With
    ``by_name``, callers read the groups of a match by name only (never by
    number), so patterns with groups may be split too.
    """

    def __init__(self, groups: Iterable[tuple[Hashable, Sequence[str]]], *, flags: int = 0,
                 before: str = "", after: str = "", by_name: bool = False, whole_text: bool = False) -> None:
        indexed: dict[str, list[_Alt]] = {}
        # Patterns that begin only after a non-word character ("(?<![\\w.,])",
        # "\\b"): their prefixes are looked for at word starts only.
        at_words: dict[str, list[_Alt]] = {}
        slow: list[tuple[_Alt, str]] = []
        shared: dict[tuple[str, ...] | None, tuple[str, ...] | None] = {}
        bits: dict[tuple[str, ...] | None, int] = {None: 1}
        n = 0
        for name, alternatives in groups:
            for alt in alternatives:
                for part in self._parts(alt, flags, by_name, before):
                    needs = required(part, flags)
                    needs = shared.setdefault(needs, needs)  # one tuple of words, checked once a span
                    bit = bits.setdefault(needs, 1 << len(bits))
                    item = _Alt(n, name, re.compile(f"{before}(?:{part}){after}", flags), needs, bit)
                    n += 1
                    keys = _keys(part, flags)
                    if keys is None:
                        slow.append((item, part))
                    table = at_words if keys and word_start(before + part, flags) else indexed
                    for key in keys or ():
                        table.setdefault(key, []).append(item)
        self._indexed = {k: tuple(v) for k, v in indexed.items()}
        self._at_words = {k: tuple(v) for k, v in at_words.items()}
        self._all = tuple(sorted({a for table in (indexed, at_words) for alts in table.values() for a in alts},
                                 key=lambda a: a.order))
        self._lengths = sorted({len(k) for table in (indexed, at_words) for k in table})
        # The gate finds the places where a prefix occurs (or a character
        # that no prefix stands for): on the lower-cased span, or on the text
        # itself when it holds a character that folds to ASCII. Context
        # written for case-sensitive patterns is not checked on lower case.
        # Its group "w" says the place is a word start with a prefix there.
        # Prefixes that may occur anywhere cost a test at every character: a
        # span without the literal words of their (few) patterns gets a gate
        # without them.
        at_words_gate = [rf"(?<!\w)(?P<w>)(?={_trie(sorted(at_words), _SPACE_CLASS)})"] if at_words else []
        anywhere_gate = [f"(?={_trie(sorted(indexed), _SPACE_CLASS)})"] if indexed else []
        self._anywhere = tuple(sorted({a for alts in indexed.values() for a in alts}, key=lambda a: a.order))
        self._may_skip_anywhere = bool(at_words_gate) and 0 < len(self._anywhere) <= 8 and \
            all(a.bit != 1 for a in self._anywhere)
        self._anywhere_bits = _union(self._anywhere)
        context = before if flags & re.I else ""
        unsure = [f"(?=[\\s\\S]{{0,{_LONG - 1}}}(?:{UNSURE}))"]
        tries = at_words_gate + anywhere_gate

        def gate(parts: list[str], fold: bool = False) -> re.Pattern[str] | None:
            return re.compile(f"{context}(?:{'|'.join(parts)})", re.I if fold else 0) if tries else None

        self._gate, self._unsure_gate, self._fold_gate = gate(tries), gate(tries + unsure), gate(tries + unsure, True)
        self._word_gate, self._unsure_word_gate = gate(at_words_gate), gate(at_words_gate + unsure)
        # Where no character is unsure (nearly every span), the same places are
        # found by Aho-Corasick automata over the prefixes, a word start checked
        # only where a prefix occurs: one pass in native code, where the gate
        # costs ``re`` a try at every character. (A gate with context only
        # finds fewer places: it keeps its regular expression.)
        self._ac = None if context else Automaton(at_words, anywhere=indexed)
        self._slow = tuple(a for a, _ in slow)
        # Which patterns a span leaves alive: one pass of an automaton over the
        # literal words finds those it holds, each word standing for the bits
        # of the tuples that hold it. When every pattern needs words, a span
        # with none of them (most sentences, for the event triggers) is settled.
        masks: dict[str, int] = {}
        for ws, bit in bits.items():
            for w in ws or ():
                masks[w] = masks.get(w, 0) | bit
        self._word_bits = list(masks.values())
        self._words = ahocorasick_rs.AhoCorasick(list(masks), matchkind=ahocorasick_rs.MatchKind.Standard,
                                                 implementation=ahocorasick_rs.Implementation.DFA) if masks else None
        self._all_need = all(a.bit != 1 for a in (*self._all, *self._slow))
        # (for the whole text: the words of all patterns, if none is shorter than three letters)
        needs = [a.needs for a in (*self._all, *self._slow)]
        words = {w for ws in needs if ws is not None for w in ws}
        self._any_need = Automaton(words) \
            if needs and None not in needs and min(map(len, words)) >= 3 else None
        # An index asked about (nearly) every span of a text finds those words
        # in one pass over all of it, kept for its next spans, with no step
        # for each span that holds none of them.
        self._whole_text = whole_text and self._any_need is not None
        self._text: tuple[str, list[int] | None, list[int] | None] | None = None
        self._slow_sources = {a.order: p for a, p in slow}
        self._slow_gates: dict[tuple[int, ...], re.Pattern[str]] = {}
        self._before, self._flags = before, flags
        self._shared: dict[tuple[_Alt, ...], tuple[tuple[_Alt, ...], int]] = {}
        # piece of text -> its patterns and the union of their bits; [0] anywhere, [1] at a word start
        self._caches: tuple[dict[str, tuple[tuple[_Alt, ...], int]], ...] = ({}, {})
        # (patterns, the bits of theirs a span leaves alive) -> those alive
        self._kept: dict[tuple[int, int], tuple[_Alt, ...]] = {}
        self._last: tuple[str, int, int, list[tuple[int, Sequence[_Alt]]]] | None = None

    @staticmethod
    def _parts(alt: str, flags: int, by_name: bool, before: str) -> list[str]:
        """The alternative, split at leading alternations while that makes an
        unindexable pattern indexable, or lets it be looked for at word starts
        only. Splitting renumbers groups, so a pattern with groups is split
        only ``by_name``."""
        rx = re.compile(alt, flags)
        if rx.groups and not (by_name and rx.groups == len(rx.groupindex)):
            return [alt]
        return _split(alt, flags, before, frozenset(rx.groupindex)) or [alt]

    def _slow_gate(self, alts: list[_Alt]) -> re.Pattern[str]:
        """One scan for the places where these unindexed patterns may match."""
        key = tuple(a.order for a in alts)
        gate = self._slow_gates.get(key)
        if gate is None:
            sources = "|".join(f"(?:{self._slow_sources[n]})" for n in key)
            gate = self._slow_gates[key] = re.compile(f"{self._before}(?={sources})", self._flags)
        return gate

    def _candidates(self, piece: str, at_word: bool) -> tuple[tuple[_Alt, ...], int]:
        """The patterns that may match where the text begins with ``piece``
        (after a non-word character, if ``at_word``), and the union of their
        bits."""
        cache = self._caches[at_word]
        found = cache.get(piece)
        if found is None:
            if _UNSURE.search(piece):
                alts = self._all
            else:
                low = piece.lower().translate(_AS_SPACE)
                tables = (self._indexed, self._at_words) if at_word else (self._indexed,)
                alts = tuple(sorted({a for table in tables for n in self._lengths for a in table.get(low[:n], ())},
                                    key=lambda a: a.order))
            # One tuple for each set of patterns: places that share it share
            # the filtering by literal words too.
            found = self._shared.setdefault(alts, (alts, _union(alts)))
            if len(cache) < 100_000:
                cache[piece] = found
        return found

    def _places(self, text: str, start: int, end: int) -> list[tuple[int, Sequence[_Alt]]]:
        """Places where some pattern may match, left to right, with those
        patterns that may (their literal words are in the span)."""
        last = self._last
        if last is not None and last[0] is text and last[1] == start and last[2] == end:
            return last[3]  # the same sentence again (events read it twice)
        if self._whole_text and self._lacks_needs(text, start, end):
            return []
        gate, low, live = self._prepare(text, start, end)
        if live == 1 and self._all_need:
            self._last = (text, start, end, [])
            return []
        places = list(self._gated(text, start, end, gate, low, live))
        if self._slow:
            slow = [a for a in self._slow if a.bit & live]
            if slow:
                merged = dict(places)
                for m in self._slow_gate(slow).finditer(text, start, end):
                    pos = m.start()
                    merged[pos] = sorted([*merged.get(pos, ()), *slow], key=lambda a: a.order)
                places = sorted(merged.items())
        self._last = (text, start, end, places)
        return places

    def _lacks_needs(self, text: str, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` holds none of the literal words, one of
        which every pattern needs: read off where they occur in all of
        ``text`` (False where the text holds a character that folds to ASCII)."""
        held = self._text
        if held is None or held[0] is not text:
            if FOLDS.search(text):
                held = self._text = (text, None, None)
            else:
                found = self._any_need.spans(text.lower())  # type: ignore[union-attr]
                held = self._text = (text, [a for a, _ in found], [b for _, b in found])
        _, starts, ends = held
        if starts is None:
            return False
        i = bisect.bisect_left(starts, start)
        while i < len(starts) and starts[i] < end:
            if ends[i] <= end:
                return False
            i += 1
        return True

    def _prepare(self, text: str, start: int, end: int) -> tuple[_Gate, str | None, int]:
        """The gate for a span, the span lower-cased (None: it holds a
        character that folds to ASCII, and the gate reads the text itself),
        and the bits of the patterns whose literal words it holds (all, -1,
        when it is not lower-cased)."""
        # The gate finds the places where a prefix occurs, on the lower-cased
        # span; where a character no prefix stands for may be (UNSURE), there
        # too; and on the text itself, case ignored, when a character folds
        # to ASCII. Context written for case-sensitive patterns is not checked
        # on lower case.
        span = text[start:end]
        if span.isascii():
            low, unsure = span.lower(), False
        elif FOLDS.search(span):
            return self._fold_gate, None, -1
        else:
            low = span.lower()
            unsure = _UNSURE.search(low) is not None
        live = 1
        if self._words is not None:
            bits = self._word_bits
            for i, _, _ in self._words.find_matches_as_indexes(low, overlapping=True):
                live |= bits[i]
        words_only = self._may_skip_anywhere and not live & self._anywhere_bits
        if self._ac is not None and not unsure:
            return (self._ac, not words_only), low, live
        if words_only:
            return (self._unsure_word_gate if unsure else self._word_gate), low, live
        return (self._unsure_gate if unsure else self._gate), low, live

    def _gated(self, text: str, start: int, end: int, gate: _Gate,
               low: str | None, live: int) -> Iterator[tuple[int, Sequence[_Alt]]]:
        """The places the gate finds, left to right, with their live patterns
        (one at a time: ``search`` stops at the first match)."""
        if gate is None:
            return
        kept = self._kept  # places share candidate lists: each is filtered once for each set of live bits
        source, offset = (text, 0) if low is None else (low, start)
        anywhere, at_words = self._caches  # [0] anywhere, [1] at a word start
        candidates = self._candidates
        if isinstance(gate, tuple):
            hits: Iterable[tuple[int, bool]] = gate[0].gate_places(low, gate[1])  # type: ignore[arg-type]
        else:  # (group "w" matched: a word start)
            hits = ((m.start(), m.lastindex is not None)
                    for m in (gate.finditer(text, start, end) if low is None else gate.finditer(low)))
        for pos, at_word in hits:
            piece = source[pos:pos + _LONG]
            alts, union = (at_words if at_word else anywhere).get(piece) or candidates(piece, at_word)
            if live & union != union:
                key = (id(alts), live & union)
                some = kept.get(key)
                if some is None:
                    some = tuple(a for a in alts if a.bit & live)
                    if len(kept) < 100_000:
                        kept[key] = some
                if not some:
                    continue
                alts = some
            yield pos + offset, alts

    def search(self, text: str, start: int, end: int) -> bool:
        """Whether any pattern of any group matches in ``text[start:end]``."""
        if self._whole_text and self._lacks_needs(text, start, end):
            return False
        gate, low, live = self._prepare(text, start, end)
        if live == 1 and self._all_need:
            return False
        for pos, alts in self._gated(text, start, end, gate, low, live):
            for alt in alts:
                if alt.rx.match(text, pos, end):
                    return True
        if self._slow:
            slow = [a for a in self._slow if a.bit & live]
            if slow:
                for m in self._slow_gate(slow).finditer(text, start, end):
                    for alt in slow:
                        if alt.rx.match(text, m.start(), end):
                            return True
        return False

    def groups_in(self, text: str, start: int, end: int) -> set[Hashable]:
        """The groups with a match in ``text[start:end]``."""
        found: set[Hashable] = set()
        for pos, alts in self._places(text, start, end):
            for alt in alts:
                if alt.group not in found and alt.rx.match(text, pos, end):
                    found.add(alt.group)
        return found

    def finditer(self, text: str, start: int, end: int) -> dict[Hashable, list[re.Match[str]]]:
        """Each group's matches in ``text[start:end]``, left to right, as
        ``re.finditer`` of its alternation gives them; groups without a match
        are left out."""
        out: dict[Hashable, list[re.Match[str]]] = {}
        free: dict[Hashable, int] = {}  # group -> where its next match may start
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


def _split(alt: str, flags: int, before: str, names: frozenset[str]) -> list[str] | None:
    """Split until each part has prefixes, begins at word starts only and is
    filed under long prefixes where it can be ("to th", "to 20" for
    "(?:by|to) (?:the|20\\d\\d)", not "to "), or cannot be split; each part
    opens with the group ``names`` it lacks, as groups that never match (so
    that conditionals and callers find them). None if ``alt`` does not compile
    even so."""
    full = _named(alt, flags, names)
    if full is None:
        return None
    short = prefixes(full, flags)
    if short is not None and word_start(before + full, flags):
        if _keys(full, flags) != short:
            return [full]
        # Filed under short prefixes: split only if every part is filed at word starts too.
        parts = [p for part in split_leading(alt) or [] for p in _split(part, flags, before, names) or [None]]
        if len(parts) < 2 or any(p is None or prefixes(p, flags) is None or not word_start(before + p, flags)
                                 for p in parts):
            return [full]
        return parts
    split = split_leading(alt)
    if split is None:
        return [full]
    parts: list[str] = []
    for part in split:
        more = _split(part, flags, before, names)
        if more is None:
            return [full]
        parts.extend(more)
    return parts


def _named(pattern: str, flags: int, names: frozenset[str]) -> str | None:
    # (Read off the text: "(?(btw)...)" without its group does not compile yet.)
    missing = names - set(re.findall(r"\(\?P<(\w+)>", pattern))
    full = "".join(f"(?:(?P<{name}>)(?!))?" for name in sorted(missing)) + pattern
    try:
        re.compile(full, flags)
    except re.error:
        return None
    return full


def _union(alts: Iterable[_Alt]) -> int:
    bits = 0
    for a in alts:
        bits |= a.bit
    return bits


_OF: dict[tuple[str, int], PatternIndex] = {}


def index_of(rx: re.Pattern[str]) -> PatternIndex:
    """One compiled pattern as an index (built once): ``index_of(rx).search(text,
    start, end)`` is ``rx.search(text, start, end) is not None``, found faster."""
    key = (rx.pattern, rx.flags)
    if key not in _OF:
        _OF[key] = PatternIndex([(0, [rx.pattern])], flags=rx.flags)
    return _OF[key]


_SPACE_CLASS = "[" + "".join(re.escape(ch) for ch in sorted(_WHITE)) + "]"


def _trie(keys: Sequence[str], space: str | None = None) -> str:
    """One pattern for a set of literal strings, branching on first letters
    (" " written as ``space``, if given)."""
    if not keys:
        return "(?!)"
    by_first: dict[str, list[str]] = {}
    for k in keys:
        by_first.setdefault(k[0], []).append(k[1:])
    parts = []
    for first, rests in sorted(by_first.items()):
        head = space if space is not None and first == " " else re.escape(first)
        if "" in rests:
            parts.append(head)  # the shorter key already admits the longer ones
        else:
            parts.append(head + "(?:" + _trie(sorted(set(rests)), space) + ")")
    return "|".join(parts)


class Automaton:
    """Aho-Corasick over literal strings in which " " stands for any white
    space (as in the gates' tries) unless not ``any_space``: where ``re`` would
    try a trie of them at every character, one pass in native code finds them
    all."""

    def __init__(self, keys: Iterable[str], *, any_space: bool = True, anywhere: Iterable[str] = ()) -> None:
        self._any_space = any_space
        keys = set(keys)
        self.keys = sorted(keys)
        standard = ahocorasick_rs.MatchKind.Standard
        # Where a key begins, the shortest one that begins there is enough (and
        # at most one such key begins at a place: each place is reported once).
        shortest = _shortest(keys)
        # (A DFA: some memory, for a search about twice as fast as the default's.)
        dfa = ahocorasick_rs.Implementation.DFA
        self._starts = ahocorasick_rs.AhoCorasick(shortest, matchkind=standard, implementation=dfa) \
            if shortest else None
        # ``keys`` found at word starts and ``anywhere`` found anywhere, in one pass
        # (the first ``_split`` are ``keys``).
        both = shortest + _shortest(set(anywhere))
        self._split = len(shortest)
        self._both = ahocorasick_rs.AhoCorasick(both, matchkind=standard, implementation=dfa) \
            if len(both) > len(shortest) else self._starts
        self._shortest = shortest

    def places(self, low: str) -> list[int]:
        """Where some key begins in ``low``, each place once, not in order."""
        if self._starts is None:
            return []
        if self._any_space and not low.isprintable():
            low = low.translate(_AS_SPACE)
        return [start for _, start, _ in self._starts.find_matches_as_indexes(low, overlapping=True)]

    def word_starts(self, low: str, joiners: str = "_") -> list[int]:
        """Where a key occurs at the start of a word (after a character that is
        neither alphanumeric nor one of ``joiners``, or at the start), left to
        right, each place once: ``(?<![\\w])(?=key|key|...)``."""
        return sorted(pos for pos in self.places(low)
                      if pos == 0 or not ((c := low[pos - 1]).isalnum() or c in joiners))

    @functools.cached_property
    def _inmost(self) -> ahocorasick_rs.AhoCorasick | None:
        """For whether a key occurs, the keys that hold no other (built when
        first asked: most automata never are, and the test is quadratic)."""
        shortest = self._shortest
        inmost = [k for k in shortest if not any(o != k and o in k for o in shortest)] \
            if len(shortest) <= 2000 else shortest
        return ahocorasick_rs.AhoCorasick(inmost, matchkind=ahocorasick_rs.MatchKind.Standard,
                                          implementation=ahocorasick_rs.Implementation.DFA) if inmost else None

    def spans(self, low: str) -> list[tuple[int, int]]:
        """Where the keys occur in ``low`` as written: every span that holds
        one holds one of these, in order."""
        if self._inmost is None:
            return []
        return sorted((a, b) for _, a, b in self._inmost.find_matches_as_indexes(low, overlapping=True))

    def gate_places(self, low: str, anywhere: bool) -> list[tuple[int, bool]]:
        """Where a key begins a word (True) and, if ``anywhere``, where one of
        those found anywhere occurs (False, unless a key begins a word there);
        left to right, each place once."""
        automaton = self._both if anywhere else self._starts
        if automaton is None:
            return []
        search = low.translate(_AS_SPACE) if self._any_space and not low.isprintable() else low
        places: dict[int, bool] = {}
        split = self._split
        for i, pos, _ in automaton.find_matches_as_indexes(search, overlapping=True):
            if i >= split:
                places.setdefault(pos, False)
            elif pos == 0 or not ((c := low[pos - 1]).isalnum() or c == "_"):
                places[pos] = True
        return sorted(places.items())



# A gate: a pattern, or an automaton and whether it reads its keys found anywhere too.
_Gate = re.Pattern[str] | tuple["Automaton", bool] | None


def _shortest(keys: set[str]) -> list[str]:
    """The keys that begin with no other key, in order."""
    return sorted(k for k in keys if not any(k[:n] in keys for n in range(1, len(k))))
