"""Cue words of a language's ``indicators.toml``, compiled once per language.

The kinds are those of the English cues (``bilateral.extract.cues.Cue``):
indicator, reverse, distractor (and "ignore", words that only hide their
inside: an office named "무역협회" names no trade), rank roles, changes,
statuses, cumulative scope; and count nouns with the indicator they count.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ..cues import Cue
from .language import Language
from .lexicon import Lexicon


@dataclass(frozen=True)
class Cues:
    names: Lexicon      # (kind, indicator): indicator / reverse / distractor / ignore
    roles: Lexicon      # (kind, indicator): rank_role / reverse_rank_role
    modifiers: Lexicon  # (kind, None): up / down / pledged / target / projected / cumulative
    nouns: Lexicon      # indicator or None (a distractor noun)


@cache
def compiled(lang: Language) -> Cues:
    t = lang.table("indicators")
    script = t.get("script", {})
    before, after = script.get("before", ""), script.get("after", "")
    names: dict = {}
    roles: dict = {}
    nouns: dict = {}
    for name, spec in t["indicator"].items():
        names[("indicator", name)] = spec.get("cues", [])
        names[("reverse", name)] = spec.get("reverse", [])
        roles[("rank_role", name)] = spec.get("rank_roles", [])
        roles[("reverse_rank_role", name)] = spec.get("reverse_rank_roles", [])
        nouns[name] = spec.get("nouns", [])
    names[("distractor", None)] = t["distractors"]["cues"]
    names[("ignore", None)] = t.get("ignore", {}).get("words", [])
    nouns[None] = t["distractors"].get("nouns", [])
    modifiers = {("up", None): t["change"]["up"], ("down", None): t["change"]["down"]}
    for status in ("pledged", "target", "projected"):
        modifiers[(status, None)] = t["status"][status]
    modifiers[("cumulative", None)] = t["scope"]["cumulative"]
    return Cues(Lexicon.build(names, before, after), Lexicon.build(roles, before, after),
                Lexicon.build(modifiers, before, after), Lexicon.build(nouns, before, after))


def find_cues(lang: Language, text: str, start: int, end: int) -> list[Cue]:
    """Cues of a sentence, left to right; indicator words never overlap each other."""
    c = compiled(lang)
    out: list[Cue] = []
    for lex in (c.names, c.roles, c.modifiers):
        for m in lex.finditer(text, start, end):
            kind, indicator = lex.key(m)
            if kind != "ignore":
                out.append(Cue(m.start(), m.end(), kind, indicator))
    out.sort(key=lambda x: x.start)
    return out


def find_nouns(lang: Language, text: str, start: int, end: int) -> list[tuple[int, int, str | None]]:
    """Count nouns of a sentence: (start, end, indicator or None for a distractor)."""
    lex = compiled(lang).nouns
    return [(m.start(), m.end(), lex.key(m)) for m in lex.finditer(text, start, end)]
