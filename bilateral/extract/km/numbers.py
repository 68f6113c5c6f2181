"""Khmer numbers as the press writes them (after Khmer digits are read as
ASCII): "៩១៦ លាន", "១,៥ ពាន់លាន", "២៥០.០០០ នាក់", "១២,៣%", with the scale
words លាន (10^6), ពាន់លាន (10^9), ពាន់ (10^3), ម៉ឺន, សែន, a currency
(ដុល្លារ, រៀល, វ៉ុន), ភាគរយ or %, ដង (times) or ទី (rank)."""

from __future__ import annotations

import re
from functools import cache

from ..native.lexicon import compile_guarded
from ..native.text import Found
from ..quantities import Quantity
from ..rules import load

_D = r"\d+(?:[.,\u00a0 ]\d{3})*(?:[.,]\d+)?"
_AFTER = r"(?![\u17b6-\u17d3\u17dd])"


@cache
def _table() -> dict:
    return load("km/quantities")


def parse_digits(text: str) -> float | None:
    """ "250.000" -> 250000; "1,5" -> 1.5; "12,3" -> 12.3; "1,250,000" -> 1250000.

    Khmer writing uses both the French (250.000,5) and the English (250,000.5)
    marks: a mark followed by exactly three digits groups thousands, else it
    is the decimal mark."""
    t = text.replace("\u00a0", " ").strip()
    parts = re.split(r"[.,\s]", t)
    if len(parts) == 1:
        return float(parts[0]) if parts[0].isdigit() else None
    marks = re.findall(r"[.,\s]", t)
    if all(len(p) == 3 for p in parts[1:]) and not (len(parts) == 2 and marks[0] != " " and len(parts[0]) > 3):
        return float("".join(parts))
    head = "".join(parts[:-1])
    return float(f"{head}.{parts[-1]}") if head.isdigit() and parts[-1].isdigit() else None


def parse_number(text: str) -> float | None:
    """Digits or a Khmer number word, times the scale words after them."""
    t = _table()
    m = re.match(rf"\s*(?P<n>{_D}|{_words()})\s?(?P<scale>(?:{_scales()})*)\s*$", text)
    if m is None:
        return None
    n = m.group("n")
    value = parse_digits(n) if n[0].isdigit() else float(t["number_words"][n])
    if value is None:
        return None
    for s in re.findall(_scales(), m.group("scale") or ""):
        value *= t["scales"][s]
    return value


@cache
def _words() -> str:
    return "|".join(sorted(_table()["number_words"], key=len, reverse=True))


@cache
def _scales() -> str:
    return "|".join(sorted(_table()["scales"], key=len, reverse=True))


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    t = _table()
    num = rf"(?:{_D}|{_words()})"
    scaled = rf"{num}(?:\s?(?:{_scales()}))*"
    cur = "|".join(sorted(t["currency_word"], key=len, reverse=True))
    pre = "|".join(re.escape(p) for p in sorted(t["currency_prefix"], key=len, reverse=True))
    cls = "|".join(sorted(t["classifiers"], key=len, reverse=True))
    approx = "|".join(sorted(t["approx_before"], key=len, reverse=True))
    return {
        "money": compile_guarded(rf"(?<![\d.,])(?P<n1>{scaled})(?:\s?(?:-|–|ដល់)\s?(?P<n2>{scaled}))?\s?(?P<cur>{cur}){_AFTER}"),
        "money_pre": compile_guarded(rf"(?P<pre>{pre})\s?(?P<n1>{_D}(?:\s?(?:{_scales()}))*)"),
        "percent": compile_guarded(rf"(?<![\d.,])(?P<n1>{_D})(?:\s?(?:%|ភាគរយ)?\s?(?:-|–|ដល់|ទៅ)\s?(?P<n2>{_D}))?\s?(?:%|ភាគរយ)"),
        "factor": compile_guarded(rf"(?<![\d.,])(?P<n>{num})\s?ដង{_AFTER}|(?P<two>ទ្វេដង|ទ្វេគុណ)"),
        "rank": compile_guarded(rf"(?:{t['rank_ordinal']})\s?(?:ទី|លេខ)\s?(?P<n>\d+|{_words()}){_AFTER}|(?P<top>{t['rank_top']})(?!\s?ទី)"),
        "count": compile_guarded(rf"(?<![\d.,])(?P<n1>{scaled})(?:\s?(?P<cls>{cls}){_AFTER})?"),
        "approx": re.compile(rf"(?P<a>{approx})\s?$"),
    }


def _approx(text: str, start: int, floor: int) -> str | None:
    m = _patterns()["approx"].search(text, max(floor, start - 12), start)
    return _table()["approx_before"][m.group("a")] if m else None


def find_quantities(text: str, start: int, end: int) -> list[Quantity]:
    """Quantities in ``text[start:end]`` (normalised text), left to right, never overlapping."""
    p = _patterns()
    t = _table()
    found = Found()
    add = found.add
    for m in p["money"].finditer(text, start, end):
        n1, n2 = parse_number(m.group("n1")), parse_number(m.group("n2") or "")
        if n1 is None:
            continue
        q = Quantity(m.start(), m.end(), "money", n1, unit=t["currency_word"][m.group("cur")],
                     approx=_approx(text, m.start(), start))
        if n2 is not None:
            if n2 < n1 and re.search(_scales(), m.group("n2")) and not re.search(_scales(), m.group("n1")):
                n1 = parse_number(m.group("n1") + " " + re.search(rf"(?:{_scales()})+", m.group("n2")).group(0)) or n1
            q.value, q.low, q.high = None, n1, n2
        add(q)
    for m in p["money_pre"].finditer(text, start, end):
        n1 = parse_number(m.group("n1"))
        if n1 is not None and not found.overlaps(m.start(), m.end()):
            add(Quantity(m.start(), m.end(), "money", n1, unit=t["currency_prefix"][m.group("pre")],
                         approx=_approx(text, m.start(), start)))
    for m in p["percent"].finditer(text, start, end):
        n1 = parse_digits(m.group("n1"))
        if n1 is None or found.overlaps(m.start(), m.end()):
            continue
        q = Quantity(m.start(), m.end(), "percent", n1, unit="percent", approx=_approx(text, m.start(), start))
        if m.group("n2"):
            q.value, q.low, q.high = None, n1, parse_digits(m.group("n2"))
        add(q)
    for m in p["factor"].finditer(text, start, end):
        v = 2.0 if m.group("two") else parse_number(m.group("n"))
        if v is not None and not found.overlaps(m.start(), m.end()):
            add(Quantity(m.start(), m.end(), "factor", v, unit="times", approx=_approx(text, m.start(), start)))
    for m in p["rank"].finditer(text, start, end):
        if found.overlaps(m.start(), m.end()):
            continue
        rank = 1.0 if m.group("top") else parse_number(m.group("n"))
        if rank:
            add(Quantity(m.start(), m.end(), "rank", rank, unit="rank"))
    for m in p["count"].finditer(text, start, end):
        if found.overlaps(m.start(), m.end()):
            continue
        v = parse_number(m.group("n1"))
        if v is None or (not m.group(0)[0].isdigit() and not m.group("cls")):
            continue  # a number word alone ("មួយ", one) is rarely a figure
        q = Quantity(m.start(), m.end(), "number", v, approx=_approx(text, m.start(), start))
        q.role = t["classifiers"].get(m.group("cls")) if m.group("cls") else None
        add(q)
    return found.sorted()
