"""Korean numbers as the press writes them: digits with the myriad units 만
(10^4), 억 (10^8) and 조 (10^12) and the small units 천, 백, 십, mixed freely
("9억1600만달러", "1,000억원", "8억 9천만 달러", "4만5천여 명"), followed by a
currency, a classifier (명, 개, 곳, 차례), %, 배 (times) or 위 (rank).
"""

from __future__ import annotations

import re
from functools import cache

from ..native.lexicon import compile_guarded
from ..native.text import Found
from ..quantities import Quantity
from ..rules import load

_D = r"\d+(?:,\d{3})*(?:\.\d+)?"
_SMALL = {"천": 1e3, "백": 1e2, "십": 10.0}
_BIG = {"조": 1e12, "억": 1e8, "만": 1e4}
# One group of a compound number: digits, an optional small unit, an optional big unit.
_GROUP = re.compile(rf"(?P<n>{_D})\s?(?P<s>[천백십])?(?P<b>\s?[조억만])?")
_NUMBER = rf"(?:{_D}\s?[천백십]?\s?[조억만]\s?)*{_D}(?:\s?[천백십])?(?:\s?[조억만])?"
# Hangul syllables that may follow a number word without making another word.
_HANGUL = "가-힣"


@cache
def _table() -> dict:
    return load("ko/quantities")


def parse_number(text: str) -> float | None:
    """ "9억1600만" -> 916000000; "8억 9천만" -> 890000000; "1,000억" -> 1e11; "두" -> 2."""
    t = text.strip()
    words = _table()["number_words"]
    if t in words:
        return float(words[t])
    total = group = 0.0
    pos = 0
    found = False
    while pos < len(t):
        m = _GROUP.match(t, pos)
        if m is None or m.end() == pos:
            if t[pos].isspace():
                pos += 1
                continue
            return None
        found = True
        value = float(m.group("n").replace(",", ""))
        if m.group("s"):
            value *= _SMALL[m.group("s")]
        group += value
        if m.group("b"):
            total += group * _BIG[m.group("b").strip()]
            group = 0.0
        pos = m.end()
    return total + group if found else None


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    t = _table()
    words = "|".join(sorted(t["number_words"], key=len, reverse=True))
    num = rf"(?:{_NUMBER}|{words})"
    currency = "|".join(sorted(t["currency_word"], key=len, reverse=True))
    prefix = "|".join(re.escape(p) for p in sorted(t["currency_prefix"], key=len, reverse=True))
    classifiers = "|".join(sorted(t["classifiers"], key=len, reverse=True))
    after = t["after_number"]
    return {
        "money": compile_guarded(
            rf"(?<![\d.,])(?:(?P<pre>{prefix})\s?)?(?P<n1>{_NUMBER})(?P<yeo1>여)?"
            rf"(?:\s?(?:{currency})?\s?[~\-–]\s?(?P<n2>{_NUMBER})(?P<yeo2>여)?)?\s?(?P<cur>{currency})(?:{after['currency']})"),
        "money_pre": compile_guarded(rf"(?<![\w])(?P<pre>{prefix})\s?(?P<n1>{_NUMBER})(?![\d{_HANGUL}])"),
        "percent": compile_guarded(
            rf"(?<![\d.,])(?P<n1>{_D})(?:\s?(?:%|퍼센트)?\s?[~\-–]\s?(?P<n2>{_D}))?\s?(?:%\s?(?:포인트|p)|%|퍼센트(?:\s?포인트)?|프로(?![{_HANGUL}]))"),
        "factor": compile_guarded(rf"(?<![\d.,{_HANGUL}])(?P<n>{_D}|{words})\s?배(?:{after['factor']})"),
        "rank": compile_guarded(
            rf"(?:(?<![{_HANGUL}])제\s?)?(?<![\d.,])(?P<n>\d+)\s?위(?![{_HANGUL}])|(?<![{_HANGUL}])(?P<w>{words}|첫)\s?번째"
            rf"|(?<![{_HANGUL}])(?P<top>{t['rank_top']})(?=\s?[{_HANGUL}A-Z])"),
        "count": compile_guarded(
            rf"(?<![\d.,])(?P<n1>{num})(?P<yeo1>여)?\s?(?P<cls>{classifiers})(?:{after['classifier']})"),
        "approx_before": re.compile(rf"(?:^|[\s(])(?P<a>{'|'.join(sorted(t['approx_before'], key=len, reverse=True))})\s?$"),
        "approx_after": re.compile(rf"\s?(?P<a>{'|'.join(sorted(t['approx_after'], key=len, reverse=True))})"),
    }


def _approx(text: str, q_start: int, q_end: int, floor: int, ceil: int, yeo: bool) -> str | None:
    p = _patterns()
    t = _table()
    m = p["approx_before"].search(text, max(floor, q_start - 8), q_start)
    if m is not None:
        return t["approx_before"][m.group("a")]
    if yeo:
        return "over"  # "200여 개": some two hundred and more
    m = p["approx_after"].match(text, q_end, ceil)
    if m is not None:
        return t["approx_after"][m.group("a")]
    return None


def find_quantities(text: str, start: int, end: int) -> list[Quantity]:
    """Quantities in ``text[start:end]`` (normalised text), left to right, never overlapping."""
    p = _patterns()
    t = _table()
    found = Found()
    add = found.add
    for m in p["money"].finditer(text, start, end):
        code = t["currency_word"][m.group("cur")]
        if m.group("pre"):
            code = t["currency_prefix"][m.group("pre")] if code == "USD" else code
        n1, n2 = parse_number(m.group("n1")), parse_number(m.group("n2") or "")
        if n1 is None:
            continue
        if n2 is not None and n2 < n1 and not re.search("[조억만천]", m.group("n2")):
            # "1억~2억" carries its unit on both sides; "5~6억" only on the last.
            unit = re.search(r"[조억만천]+$", m.group("n2").replace(" ", ""))
            if unit:
                n1 = parse_number(m.group("n1") + unit.group(0)) or n1
        yeo = bool(m.group("yeo1") or m.group("yeo2"))
        q = Quantity(m.start(), m.end(), "money", n1, unit=code,
                     approx=_approx(text, m.start(), m.end(), start, end, yeo))
        if n2 is not None:
            q.value, q.low, q.high = None, n1, n2
        add(q)
    for m in p["money_pre"].finditer(text, start, end):
        if found.overlaps(m.start(), m.end()):
            continue
        n1 = parse_number(m.group("n1"))
        if n1 is not None:
            add(Quantity(m.start(), m.end(), "money", n1, unit=t["currency_prefix"][m.group("pre")],
                         approx=_approx(text, m.start(), m.end(), start, end, False)))
    for m in p["percent"].finditer(text, start, end):
        if found.overlaps(m.start(), m.end()):
            continue
        n1 = float(m.group("n1").replace(",", ""))
        q = Quantity(m.start(), m.end(), "percent", n1, unit="percent",
                     approx=_approx(text, m.start(), m.end(), start, end, False))
        if m.group("n2"):
            q.value, q.low, q.high = None, n1, float(m.group("n2").replace(",", ""))
        add(q)
    for m in p["factor"].finditer(text, start, end):
        v = parse_number(m.group("n"))
        if v is not None and not found.overlaps(m.start(), m.end()):
            add(Quantity(m.start(), m.end(), "factor", v, unit="times",
                         approx=_approx(text, m.start(), m.end(), start, end, False)))
    for m in p["rank"].finditer(text, start, end):
        if found.overlaps(m.start(), m.end()):
            continue
        if m.group("n"):
            rank = float(m.group("n"))
        elif m.group("w"):
            rank = 1.0 if m.group("w") == "첫" else parse_number(m.group("w"))
        else:
            rank = 1.0
        if rank:
            add(Quantity(m.start(), m.end(), "rank", rank, unit="rank"))
    for m in p["count"].finditer(text, start, end):
        if found.overlaps(m.start(), m.end()):
            continue
        v = parse_number(m.group("n1"))
        if v is None:
            continue
        q = Quantity(m.start(), m.end(), "number", v,
                     approx=_approx(text, m.start(), m.end(), start, end, bool(m.group("yeo1"))))
        q.role = t["classifiers"][m.group("cls")]
        add(q)
    return found.sorted()
