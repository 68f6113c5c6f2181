"""Cue words from the rule tables, compiled once into one scanner.

A cue is a word or phrase that names an indicator ("bilateral trade"), its
reverse ("imports"), a rank role ("investor"), a distractor ("remittances"),
a change ("rose", "fell") or a status ("pledged"). Steps ask for the cues of a
sentence and pick the nearest one that fits.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from . import rules
from .scan import _LONG, FOLDS, Automaton, PatternIndex, prefixes


@dataclass(frozen=True, slots=True)
class Cue:
    start: int
    end: int
    kind: str  # "indicator", "reverse", "rank_role", "reverse_rank_role", "distractor", "up", "down", "pledged", "target", "projected", "cumulative"
    indicator: str | None


@cache
def indicator_table() -> dict[str, dict]:
    return rules.load("indicators")["indicator"]


_Scanner = dict[str, list[tuple[re.Pattern[str], str, str | None]]]


@cache
def _scanner() -> _Scanner:
    """Cue patterns keyed by their first letters (two or three, lower case).

    Trying one regular expression of some 300 alternatives at every position
    of a sentence was half the extraction time; looking each word's first
    letters up in a dictionary and trying only the few patterns filed there is
    many times faster and matches the same phrases.
    """
    table = rules.load("indicators")
    groups: list[tuple[str, str | None, list[str]]] = []
    for name, spec in table["indicator"].items():
        groups.append(("indicator", name, spec.get("cues", [])))
        groups.append(("reverse", name, spec.get("reverse", [])))
        groups.append(("rank_role", name, spec.get("rank_roles", [])))
        groups.append(("reverse_rank_role", name, spec.get("reverse_rank_roles", [])))
    groups.append(("distractor", None, table["distractors"]["cues"]))
    groups.append(("up", None, table["change"]["up"]))
    groups.append(("down", None, table["change"]["down"]))
    for status in ("pledged", "target", "projected"):
        groups.append((status, None, table["status"][status]))
    groups.append(("cumulative", None, table["scope"]["cumulative"]))
    alts = [(p, kind, ind) for kind, ind, pats in groups for p in pats for p in _expand(p)]
    # Longer phrases first, so that "foreign direct investment" wins over
    # "investment" at the same place (a lookahead adds no length: "trade(?!
    # secretariat)" is still shorter than "trade policy").
    alts.sort(key=lambda a: len(_without_lookarounds(a[0])), reverse=True)
    index: _Scanner = {}
    for p, kind, ind in alts:
        literal = re.match(r"[A-Za-z%]+", p)
        if literal is None:
            raise ValueError(f"cue pattern {p!r} must start with a letter")
        key = literal.group(0)[:3].lower()
        # Not inside a hyphenated compound: "Export-Import Bank" names no exports.
        rx = re.compile(rf"(?:{_ungroup(p)})(?![\w-])", re.I)
        index.setdefault(key, []).append((rx, kind, ind))
    return index


@cache
def _any_cue() -> dict[str, re.Pattern[str]]:
    """For each key of the scanner, one pattern that matches where one of its
    cue patterns does: most words the gate lets through begin no cue, and one
    failed match settles them."""
    out = {}
    for key, alts in _scanner().items():
        try:
            out[key] = re.compile("|".join(f"(?:{rx.pattern})" for rx, _, _ in alts), re.I)
        except re.error:  # (a pattern that cannot be joined: its words are tried one by one)
            out[key] = re.compile("")
    return out


def _without_lookarounds(pattern: str) -> str:
    out, depth, skip_from = [], 0, None
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            if skip_from is None:
                out.append(pattern[i:i + 2])
            i += 2
            continue
        if ch == "(":
            depth += 1
            if skip_from is None and pattern.startswith(("(?!", "(?=", "(?<!", "(?<="), i):
                skip_from = depth
        if skip_from is None:
            out.append(ch)
        if ch == ")":
            if skip_from == depth:
                skip_from = None
            depth -= 1
        i += 1
    return "".join(out)


def _expand(pattern: str) -> list[str]:
    """ "(?:we|they) project" -> ["we project", "they project"]: the index needs
    each pattern to start with its literal first letters."""
    m = re.match(r"\(\?:([A-Za-z|]+)\)(.*)$", pattern)
    if m is None:
        return [pattern]
    return [word + m.group(2) for word in m.group(1).split("|")]


def _ungroup(pattern: str) -> str:
    # Named groups inside table patterns would clash in combined patterns.
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


_WORD = re.compile(r"[A-Za-z%]+")
_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz%")


@cache
def _gate() -> Automaton:
    """Where, in lower-cased text, a word (not after a hyphen) begins like some
    cue: its first letters up to the fifth, spaces included ("in to", "to pr",
    not "in", "to"), where they can be read off the pattern, else its key."""
    starts: set[str] = set()
    for key, alts in _scanner().items():
        for rx, _, _ in alts:
            starts |= prefixes(rx.pattern, re.I, _LONG) or {key}
    return Automaton(starts)


def _words(text: str, start: int, end: int, low: str | None) -> Iterator[re.Match[str]]:
    """The words of ``_WORD.finditer(text, start, end)`` that may begin a cue: a
    gate over the lower-cased span (``low``) skips the others (most of them)."""
    if low is None:  # a character that folds to ASCII ("ſ", "İ"): read every word
        yield from _WORD.finditer(text, start, end)
        return
    for at in _gate().word_starts(low, "_-"):
        pos = start + at
        if pos == start or text[pos - 1] not in _LETTERS:  # where a run of letters begins
            w = _WORD.match(text, pos, end)
            if w is not None:
                yield w


def find_cues(text: str, start: int, end: int) -> list[Cue]:
    index, any_cue = _scanner(), _any_cue()
    out: list[Cue] = []
    skip_to = start
    span = text[start:end]
    for w in _words(text, start, end, span.lower() if not FOLDS.search(span) else None):
        pos = w.start()
        if pos > 0 and (text[pos - 1].isalnum() or text[pos - 1] in "-_"):
            continue
        inside = pos < skip_to  # within an indicator phrase: only status words ("growth target")
        word = w.group(0).lower()
        key3, key2 = word[:3], (word[:2] if len(word) >= 3 and word[:2] in index else None)
        if (key3 not in index or not any_cue[key3].match(text, pos, end)) and \
                (key2 is None or not any_cue[key2].match(text, pos, end)):
            continue
        candidates = index.get(key3, [])
        if key2 is not None:
            candidates = candidates + index[key2]
        kinds: set[str] = set()
        for rx, kind, ind in candidates:
            if kind in kinds or (inside and kind not in ("pledged", "target", "projected")):
                continue
            m = rx.match(text, pos, end)
            if m is None or m.end() == pos:
                continue
            # One cue of each kind at a place, the longest: "investor" is both
            # an indicator word and a rank role.
            kinds.add(kind)
            out.append(Cue(pos, m.end(), kind, ind))
            # Indicator and distractor phrases are not read again inside;
            # other cues may overlap ("up" inside "up to").
            if kind in ("indicator", "distractor"):
                skip_to = max(skip_to, m.end())
    return out


@cache
def count_nouns() -> tuple[re.Pattern[str], dict[str, str | None]]:
    """One pattern for "<number> [up to three words] <count noun>"."""
    table = rules.load("indicators")
    alts: list[tuple[str, str | None]] = []
    for name, spec in table["indicator"].items():
        for p in spec.get("nouns", []):
            alts.append((p, name))
    for p in table["distractors"]["nouns"]:
        alts.append((p, None))
    alts.sort(key=lambda a: len(a[0]), reverse=True)
    names = {}
    parts = []
    for i, (p, ind) in enumerate(alts):
        names[f"n{i}"] = ind
        parts.append(f"(?P<n{i}>{_ungroup(p)})")
    noun = "|".join(parts)
    rx = re.compile(
        rf"(?:-strong)?(?:\s+(?!(?:and|or|to|in|of|from|by|per|a|an)\b)[\w'’.-]+){{0,3}}?\s+(?:{noun})(?![\w])", re.I)
    return rx, names


# The cue kinds that name the indicator of a figure (the others say how it
# changed, its status or scope, or that it is something else).
NAMING = frozenset({"indicator", "reverse", "rank_role", "reverse_rank_role"})


@cache
def count_noun_index() -> PatternIndex:
    """Where ``count_nouns`` may name an indicator: one of its nouns after a
    space (the words around it not checked)."""
    nouns = [_ungroup(p) for spec in indicator_table().values() for p in spec.get("nouns", [])]
    return PatternIndex([("noun", [rf"(?<=\s)(?:{p})" for p in nouns])], flags=re.I)


@cache
def multiples() -> re.Pattern[str]:
    return re.compile("|".join(rules.load("indicators")["change"]["multiple"]), re.I)
