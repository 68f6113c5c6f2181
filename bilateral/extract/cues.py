"""Cue words from the rule tables, compiled once into one scanner.

A cue is a word or phrase that names an indicator ("bilateral trade"), its
reverse ("imports"), a rank role ("investor"), a distractor ("remittances"),
a change ("rose", "fell") or a status ("pledged"). Steps ask for the cues of a
sentence and pick the nearest one that fits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from . import rules


@dataclass(frozen=True, slots=True)
class Cue:
    start: int
    end: int
    kind: str  # "indicator", "reverse", "rank_role", "reverse_rank_role", "distractor", "up", "down", "pledged", "target", "projected", "cumulative"
    indicator: str | None


def indicator_table() -> dict[str, dict]:
    return rules.load("indicators")["indicator"]


@cache
def _scanner() -> tuple[re.Pattern[str], dict[str, tuple[str, str | None]]]:
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
    # Every phrase becomes one alternative; longer phrases first, so that
    # "foreign direct investment" wins over "investment" at the same place.
    alts: list[tuple[str, str, str | None]] = []
    for kind, ind, pats in groups:
        for p in pats:
            alts.append((p, kind, ind))
    alts.sort(key=lambda a: len(a[0]), reverse=True)
    names: dict[str, tuple[str, str | None]] = {}
    parts = []
    for i, (p, kind, ind) in enumerate(alts):
        g = f"g{i}"
        names[g] = (kind, ind)
        parts.append(f"(?P<{g}>{_ungroup(p)})")
    rx = re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w])", re.I)
    return rx, names


def _ungroup(pattern: str) -> str:
    # Named groups inside table patterns would clash in the combined scanner.
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


def find_cues(text: str, start: int, end: int) -> list[Cue]:
    rx, names = _scanner()
    out = []
    pos = start
    while pos < end:
        m = rx.search(text, pos, end)
        if m is None:
            break
        kind, ind = names[m.lastgroup]
        out.append(Cue(m.start(), m.end(), kind, ind))
        pos = m.start() + 1 if m.end() == m.start() else m.start() + 1
        # Allow overlapping cues of other kinds that start inside this one
        # ("pledged" inside a longer status phrase is harmless); but skip past
        # the same words to keep the list short.
        pos = max(pos, m.end() if kind in ("indicator", "distractor") else m.start() + 1)
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
        rf"(?:\s+(?!(?:and|or|to|in|of|from|by|per|a|an)\b)[\w'’.-]+){{0,3}}?\s+(?:{noun})(?![\w])", re.I)
    return rx, names


@cache
def multiples() -> re.Pattern[str]:
    return re.compile("|".join(rules.load("indicators")["change"]["multiple"]), re.I)
