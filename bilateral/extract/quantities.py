"""Quantities as the press writes them: money, percentages, factors, ranks, counts.

``find_quantities`` scans a sentence and returns ``Quantity`` spans with their
parsed value; which indicator a quantity belongs to is decided later, in
``claims.py``. Vocabulary (currencies, scales, number words) lives in
``rules/quantities.toml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from . import rules
from .scan import PatternIndex


@dataclass(slots=True)
class Quantity:
    start: int
    end: int
    kind: str  # "money", "percent", "factor", "fraction", "rank", "number"
    value: float | None
    low: float | None = None
    high: float | None = None
    unit: str = "count"
    approx: str | None = None
    role: str | None = None  # for ranks: the role noun ("investor")


def _alt(words: list[str] | dict, *, escape: bool = True) -> str:
    items = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(w) if escape else w for w in items)


_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"


@cache
def _tables() -> dict:
    return rules.load("quantities")


@cache
def _spelled_decimals() -> str:
    """The optional decimals of a spelled-out figure: " point" and digit words."""
    digits = sorted(["zero", "oh", *(w for w, v in _tables()["number_words"].items() if 0 < v < 10 and len(w) > 2)],
                    key=len, reverse=True)
    return rf"(?: point(?: (?:{'|'.join(digits)})\b)+)?"


@cache
def _parts() -> dict[str, tuple[str, str, list[str], str]]:
    """The patterns of the figures that begin with a number, as (before, group,
    the group's alternatives in order, after): the pattern is
    ``before(?P<group>(?:a|b|...))after``, and the index files each alternative
    on its own, under its own first letters ("forty", not "for"; "a hundred",
    not every word that begins with "a")."""
    t = _tables()
    words = _alt(t["number_words"])
    scale = _alt(t["scales"])
    cword = _alt(t["currency_word"])
    ordered = sorted(t["number_words"], key=len, reverse=True)  # (the order of ``_alt``)
    num = rf"(?:{_NUM}|(?:{words})(?:[- ](?!an?\b)(?:{words}))?)"
    # "one point four billion": a spelled figure may carry decimals, digit by digit
    spelled = [rf"{re.escape(w)}(?:[- ](?!an?\b)(?:{words}))?{_spelled_decimals()}" for w in ordered]
    # "a" and "an" are articles unless a number word or a scale follows
    # ("a hundred", "a million"); ``find_quantities`` drops them bare.
    counted = [rf"{re.escape(w)}(?:[- ](?:{words})|(?=\s+(?:million|thousand|billion|hundred)\b))"
               if w in ("a", "an") else p for w, p in zip(ordered, spelled, strict=True)]
    return {
        "money_post": (r"(?<![\w.,])", "n1", [_NUM, *spelled],
                       rf"(?:\s*(?:-|–|to)\s*(?P<n2>{num}))?(?:\s*(?P<scale>{scale})\b)?\s+(?:of\s+|in\s+)?(?P<cword>{cword})\b"),
        "factor_times": (r"\b", "n", [_NUM, *(re.escape(w) for w in ordered)],
                         r"\s+times\b(?!\s+(?:a|an|per|each)\s+(?:day|week|fortnight|month|year)\b)"),
        # "three hundred and eight", "one hundred and fifty": the British "and"
        "number": (r"(?<![\w.,$€£¥₩-])", "n1", [_NUM, *counted],
                   r"(?:\s+(?P<scale>million|thousand|billion|hundred)\b)?"
                   rf"(?:(?:(?<=hundred)|(?<=thousand))\s+and\s+(?!an?\b)(?P<rest>(?:{words})(?:[- ](?!an?\b)(?:{words}))?)\b)?(?![\w%])"),
    }


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    t = _tables()
    words = _alt(t["number_words"])
    scale = _alt(t["scales"])
    prefix = _alt(t["currency_prefix"])
    cword = _alt(t["currency_word"])
    num = rf"(?:{_NUM}|(?:{words})(?:[- ](?!an?\b)(?:{words}))?)"
    amount = rf"(?P<n1>{num})(?:\s*(?:-|–|to)\s*(?P<n2>{num}))?(?:\s*(?P<scale>{scale})\b)?"
    split = {key: re.compile(f"{before}(?P<{group}>(?:{'|'.join(alts)})){after}", re.I)
             for key, (before, group, alts, after) in _parts().items()}
    return {
        "money_pre": re.compile(
            rf"(?<![\w$])(?P<cur>{prefix})\s?{amount}(?:\s+(?P<cword>{cword})\b)?", re.I),
        "money_post": split["money_post"],
        "percent": re.compile(
            rf"(?:(?P<btw>between)\s+)?(?<![\w.,])(?P<n1>{_NUM})(?:\s*(?:%|per\s?cent|percent|pct)?\s*(?:-|–|to|(?(btw)and|(?!)))\s*(?P<n2>{_NUM}))?\s*(?:%|per\s?cent\b|percent\b|pct\b|percentage points?\b)", re.I),
        "factor_word": re.compile(rf"\b(?P<w>{_alt(t['factors'])})\b", re.I),
        "factor_fold": re.compile(rf"\b(?P<n>{_NUM}|{words}|\w+)-?fold\b", re.I),
        "factor_times": split["factor_times"],
        # "fell by a third", "a third less than in 2022"
        "fraction": re.compile(rf"\bby\s+(?:(?:nearly|almost|about|around|roughly|more than|over|some|just over|just under)\s+)?(?P<f>{_alt(t['fractions'])})\b"
                               rf"|\b(?P<f2>{_alt(t['fractions'])})\s+(?=(?:less|more|lower|higher|fewer|smaller|larger|bigger)\s+than\s+"
                               # (than a time, not than another figure: "a quarter higher than the $827 million")
                               r"(?:in\b|a year\b|last\b|the (?:previous|same|prior|year)\b|\d{4}\b))", re.I),
        "rank": re.compile(
            rf"\b(?:(?:the|its|their|\w+['’]s)\s+)?(?:(?P<ord>{_alt(t['ordinals'])}|\d+(?:st|nd|rd|th))[- ](?:-?\s*)?(?:largest|biggest|top|leading|most important|highest)|(?P<top>largest|biggest|top|leading|No\.\s?1|number one|single largest|single biggest))\b"
            # "slipped to fifth place", "ranked second", "second only to China"
            rf"|\b(?P<ord2>{_alt(t['ordinals'])}|\d+(?:st|nd|rd|th))[- ](?:place|position|spot)\b"
            rf"|\b(?:rank(?:s|ed|ing)?|placed|came|finished)\s+(?P<ord3>{_alt(t['ordinals'])}|\d+(?:st|nd|rd|th))\b"
            # (and "puts Korea fourth among Cambodia's source markets": one branch,
            # as each alternative starting with an ordinal is tried at every word)
            rf"|\b(?P<ord4>{_alt(t['ordinals'])})\s+(?:only\s+to|(?P<among>among))\b", re.I),
        "number": split["number"],
        "approx": re.compile(rf"(?<!\w)(?P<a>{_alt(t['approx'])})\s*$", re.I),
    }


@cache
def _index() -> PatternIndex:
    """The figure patterns, found through one index of their first letters
    (each run over every sentence, they were a fifth of the extraction time);
    those in ``_parts`` one alternative at a time."""
    parts = _parts()

    def alternatives(key: str, rx: re.Pattern[str]) -> list[str]:
        if key not in parts:
            return [rx.pattern]
        before, group, alts, after = parts[key]
        return [f"{before}(?P<{group}>{a}){after}" for a in alts]

    return PatternIndex(((key, alternatives(key, rx)) for key, rx in _patterns().items() if key != "approx"),
                        flags=re.I, by_name=True)


_WORDS_RX = re.compile(r"[a-z]+", re.I)


def parse_number(text: str) -> float | None:
    """ "1,250.5" -> 1250.5; "twenty-five" -> 25; "a" -> 1; None if not a number."""
    t = text.strip().lower()
    if t and (t[0].isdigit()):
        try:
            return float(t.replace(",", ""))
        except ValueError:
            return None
    table = _tables()["number_words"]
    whole, point, decimals = t.partition(" point ")
    if point:  # "one point four" -> 1.4
        digits = [0 if w in ("zero", "oh") else table.get(w) for w in _WORDS_RX.findall(decimals)]
        if not digits or any(d is None or d > 9 for d in digits):
            return None
        head = parse_number(whole)
        return None if head is None else head + float("0." + "".join(str(int(d)) for d in digits))
    total = 0.0
    for w in _WORDS_RX.findall(t):
        if w not in table:
            return None
        v = table[w]
        if v == 100 and total:
            total *= 100
        else:
            total += v
    return total or None


def _scale(word: str | None) -> float:
    if not word:
        return 1.0
    return float(_tables()["scales"].get(word.lower(), 1.0))


def _approx(text: str, start: int, floor: int) -> str | None:
    m = _patterns()["approx"].search(text, max(floor, start - 24), start)
    if m is None:
        return None
    return _tables()["approx"][m.group("a").lower()]


_SIZES = r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|twenty|dozen)"
_GROUP_SIZE_BEFORE = re.compile(rf"\b{_SIZES}\s*$")
_GROUP_SIZE_AFTER = re.compile(rf"\s+{_SIZES}\b", re.I)


def _overlaps(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    return any(s < b and a < e for a, b in spans)


def find_quantities(text: str, start: int, end: int) -> list[Quantity]:
    """Quantities in ``text[start:end]``, left to right, never overlapping."""
    t = _tables()
    out: list[Quantity] = []
    taken: list[tuple[int, int]] = []
    found = _index().finditer(text, start, end)

    def add(q: Quantity) -> None:
        out.append(q)
        taken.append((q.start, q.end))

    for key in ("money_pre", "money_post"):
        for m in found.get(key, ()):
            if _overlaps(taken, m.start(), m.end()):
                continue
            cur = m.groupdict().get("cur")
            code = t["currency_prefix"].get(cur) if cur else None
            if code is None and cur:
                code = t["currency_prefix"].get(cur.upper())
            if m.group("cword"):
                word_code = _currency_word(m.group("cword"))
                # "$890 million US dollars" -> the word; "US$5m dollars" agrees anyway.
                code = word_code if code in (None, "USD") else code
            if code is None:
                continue
            scale_word = m.group("scale")
            if scale_word and scale_word.lower() in ("m", "b", "k") and not scale_word.islower():
                scale_word = scale_word.lower()
            mult = _scale(scale_word)
            n1, n2 = parse_number(m.group("n1")), parse_number(m.group("n2") or "")
            if n1 is None:
                continue
            if key == "money_post" and not m.group("n1")[0].isdigit() and not scale_word:
                continue  # "a dollar", "one won": not a figure worth keeping
            q = Quantity(m.start(), m.end(), "money", n1 * mult, unit=code,
                         approx=_approx(text, m.start(), start))
            if n2 is not None:
                q.value, q.low, q.high = None, n1 * mult, n2 * mult
            add(q)
    # "between $2 billion and $3 billion", "$2bn to $3bn": two money figures make a range.
    out.sort(key=lambda q: q.start)
    merged: list[Quantity] = []
    for q in out:
        if merged and merged[-1].kind == "money" and merged[-1].value is not None and q.value is not None \
                and merged[-1].unit == q.unit \
                and re.fullmatch(r"\s*(?:-|–|to|and)\s*", text[merged[-1].end:q.start]) \
                and (text[merged[-1].end:q.start].strip() != "and"
                     or re.search(r"between\s+$", text[max(start, merged[-1].start - 12):merged[-1].start])):
            prev = merged[-1]
            prev.low, prev.high, prev.value, prev.end = prev.value, q.value, None, q.end
            continue
        merged.append(q)
    out[:] = merged
    taken[:] = [(q.start, q.end) for q in out]

    for m in found.get("percent", ()):
        if _overlaps(taken, m.start(), m.end()):
            continue
        n1 = float(m.group("n1").replace(",", ""))
        q = Quantity(m.start(), m.end(), "percent", n1, unit="percent",
                     approx=_approx(text, m.start(), start))
        if m.group("n2"):
            q.value, q.low, q.high = None, n1, float(m.group("n2").replace(",", ""))
        add(q)
    for m in found.get("factor_word", ()):
        if not _overlaps(taken, m.start(), m.end()):
            add(Quantity(m.start(), m.end(), "factor", float(t["factors"][m.group("w").lower()]),
                         unit="times", approx=_approx(text, m.start(), start)))
    for key in ("factor_fold", "factor_times"):
        for m in found.get(key, ()):
            n = m.group("n")
            v = parse_number(n[:-5] if n.lower().endswith("fold") else n)
            if v is None and key == "factor_fold":
                v = _fold_word(n)
            if v is None or _overlaps(taken, m.start(), m.end()):
                continue
            add(Quantity(m.start(), m.end(), "factor", v, unit="times",
                         approx=_approx(text, m.start(), start)))
    for m in found.get("fraction", ()):
        if not _overlaps(taken, m.start(), m.end()):
            add(Quantity(m.start(), m.end(), "fraction", float(t["fractions"][(m.group("f") or m.group("f2")).lower()]),
                         unit="percent"))
    for m in found.get("rank", ()):
        if _overlaps(taken, m.start(), m.end()):
            continue
        before = text[max(start, m.start() - 14):m.start()].lower()
        if re.search(r"(?:among|one of|of the|\ba|\ban)\s*$", before):
            continue  # "among the top trading partners", "a leading donor": no rank
        if m.group("top") and (_GROUP_SIZE_BEFORE.search(before) or _GROUP_SIZE_AFTER.match(text, m.end(), end)):
            continue  # "among its five largest donors", "the top 10 investors": a group, no rank
        if m.group("among") and before.endswith("or "):
            continue  # "third or fourth among": a range, not a rank of four
        o = next((m.group(g) for g in ("ord", "ord2", "ord3", "ord4") if m.group(g)), None)
        if o:
            o = o.lower()
            rank = t["ordinals"].get(o) or int(re.match(r"\d+", o).group(0))
        else:
            rank = 1
        bare = not (m.group("ord") or m.group("top"))  # "ranked second": no role noun follows
        add(Quantity(m.start(), m.end(), "rank", float(rank), unit="rank", role="bare" if bare else None))
    for m in found.get("number", ()):
        if _overlaps(taken, m.start(), m.end()):
            continue
        raw = m.group("n1")
        v = parse_number(raw)
        if v is None:
            continue
        if raw.lower() in ("a", "an", "one") and not m.group("scale"):
            continue  # "a" and "one" are articles far more often than figures
        v *= _scale(m.group("scale")) if m.group("scale") and m.group("scale").lower() != "hundred" else 1
        if m.group("scale") and m.group("scale").lower() == "hundred":
            v *= 100
        if m.group("rest") and raw[0].isalpha():  # (words only: "300 hundred and five" is no number)
            rest = parse_number(m.group("rest"))
            if rest is None or rest >= 100:
                continue
            v += rest
        add(Quantity(m.start(), m.end(), "number", v, approx=_approx(text, m.start(), start)))
    out.sort(key=lambda q: q.start)
    return out


_FOLD_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
               "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
               "forty": 40, "fifty": 50, "hundred": 100, "thousand": 1000}


def _fold_word(word: str) -> float | None:
    w = word.lower().removesuffix("fold").rstrip("-")
    return float(_FOLD_WORDS[w]) if w in _FOLD_WORDS else None


def _currency_word(word: str) -> str | None:
    table = _tables()["currency_word"]
    for k, v in table.items():
        if k.lower() == word.lower():
            return v
    return None
