"""Country mentions in Korean and Khmer text, from the language's table
``rules/<code>/countries.toml``.

The table lists names, demonyms ("한국인"), capitals, leaders ("훈 마넷": for
events whose sentence names no country), agencies ("KOICA": a donor wherever
it stands) and the forms the press
abbreviates ("캄" for Cambodia, only inside a compound such as "한·캄" or
"대캄 투자"). Mentions are the engine's ``Mention`` spans with ISO codes; "the
Kingdom" ("ព្រះរាជាណាចក្រ" alone) has code "" until the document says which.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..countries import Mention
from .language import Language
from .lexicon import alternation, compile_guarded, trie


@dataclass(frozen=True)
class Gazetteer:
    names: re.Pattern[str]  # group "name": a form of the table
    forms: dict[str, tuple[str, str, str]]  # form as written (spaces left out if optional) -> (code, kind, form)
    spaces: bool  # whether a space inside a name may be left out
    abbreviations: re.Pattern[str] | None
    abbreviation_codes: dict[str, str]
    guards: tuple[tuple[str, re.Pattern[str]], ...]  # (form, context that makes it no country)


@cache
def gazetteer(lang: Language) -> Gazetteer:
    t = lang.table("countries")
    script = t.get("script", {})
    table_forms: dict[str, tuple[str, str]] = {}
    for table, kind in (("names", "name"), ("demonyms", "demonym"), ("capitals", "capital"),
                        ("leaders", "leader"), ("organisations", "org")):
        for surface, code in t.get(table, {}).items():
            table_forms[surface] = (code, kind)
    for surface in t.get("kingdom", {}).get("words", []):
        table_forms[surface] = ("", "kingdom")
    # Khmer writes a person's name with a space between its words or without
    # one ("ហ៊ុន ម៉ាណែត", "ហ៊ុនម៉ាណែត"): with ``optional_spaces`` either matches.
    spaces = bool(script.get("optional_spaces"))
    forms = {_key(f, spaces): (code, kind, f) for f, (code, kind) in table_forms.items()}
    body = trie(f.replace(" ", _GAP) if spaces else f for f in table_forms)
    if spaces:
        body = body.replace(re.escape(_GAP), " ?")
    names = compile_guarded(f"{script.get('before', '')}(?P<name>{body}){script.get('after', '')}")
    abbr = t.get("abbreviations", {}).get("forms", {})
    abbr_rx = re.compile(t["abbreviations"]["pattern"].replace("ABBR", alternation(abbr))) if abbr else None
    guards = tuple((g["form"], re.compile(g["context"])) for g in t.get("guards", []))
    return Gazetteer(names, forms, spaces, abbr_rx, abbr, guards)


_GAP = "\x00"  # stands for an optional space while the trie is built


def _key(form: str, spaces: bool) -> str:
    """The form a match is looked up by: without spaces where they are optional."""
    return form.replace(" ", "") if spaces else form


def find_mentions(lang: Language, text: str, start: int = 0, end: int | None = None) -> list[Mention]:
    """Every country mention in ``text[start:end]`` (the normalised text), left to right."""
    g = gazetteer(lang)
    stop = len(text) if end is None else end
    out: list[Mention] = []
    for m in g.names.finditer(text, start, stop):
        a, b = m.span("name")
        written = m.group("name")
        code, kind, surface = g.forms[_key(written, g.spaces)]
        if any(form == surface and _guard_hits(rx, text, a, b) for form, rx in g.guards):
            continue  # "ដុល្លារអាមេរិក" is a currency, not America
        # The surface is the table's form (a leader's name as the actors list gives it).
        out.append(Mention(a, b, code, surface, kind))
    if g.abbreviations is not None:
        taken = [(x.start, x.end) for x in out]
        for m in g.abbreviations.finditer(text, start, stop):
            a, b = m.span("abbr")
            if any(a < e and s < b for s, e in taken):
                continue
            out.append(Mention(a, b, g.abbreviation_codes[m.group("abbr")], m.group("abbr"), "name"))
        out.sort(key=lambda x: x.start)
    return out


def _guard_hits(rx: re.Pattern[str], text: str, a: int, b: int) -> bool:
    """A guard pattern names the form's context; it hits when one of its matches
    near the form covers the form."""
    return any(m.start() <= a and b <= m.end() for m in rx.finditer(text, max(0, a - 12), min(len(text), b + 12)))
