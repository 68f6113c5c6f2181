"""Korean dates and periods, resolved to partial ISO dates like the English ones.

"2019년 3월 14일", "2019년 3월", "1970년대"; periods "1~6월", "상반기",
"1분기", "2024~2028년", "1996년부터 2022년까지"; ends "2024년 말 기준",
"2008년 3월까지"; starts "1997년 이후"; bases of a change "전년 대비",
"지난해 같은 기간보다"; and dates relative to the published one: "지난해",
"올해", "지난달", "지난 5월", "14일", "이날", "전날". Without a published date
the relative ones are dropped (the spec says such dates stay null).
"""

from __future__ import annotations

import datetime as dt
import re

from ..dates import DateExpr

_Y = r"(?:19|20)\d\d"
_M = r"(?:1[0-2]|0?[1-9])"
_D = r"(?:3[01]|[12]\d|0?[1-9])"
_RY = r"(?:재작년|지난해|작년|올해|금년|내년|전년|이듬해|같은 해|그해|그 해)"
_YEAR = rf"(?:(?P<y>{_Y})년|(?P<ry>{_RY}))"
_TO = r"[~\-–]"

_PATTERNS: list[tuple[str, str]] = [
    ("comparison", rf"(?:전년도?|지난해|작년|전월|{_Y}년)\s?(?:같은 기간|동기|동월|동기간|같은 달)?\s?(?:의\s)?(?:대비|보다|에 비해|에 비하여|과 비교해|와 비교해)"),
    ("comparison", r"1년 전보다|한 해 전보다"),
    ("sameperiod", rf"(?:지난해|작년|전년|(?P<y>{_Y})년)\s?(?:같은 기간|동기)"),
    ("yearrange", rf"(?P<y1>{_Y})년?\s?(?:(?P<m1>{_M})월\s?)?(?:{_TO}|부터|에서)\s?(?P<y2>{_Y})년\s?(?:(?P<m2>{_M})월\s?)?(?:까지|사이)?"),
    ("yearrange", rf"(?P<y1>{_Y})\s?{_TO}\s?(?P<y2>\d\d)년"),
    ("monthrange", rf"{_YEAR}?\s?(?P<m1>{_M})월?\s?(?:{_TO}|부터)\s?(?P<m2>{_M})월(?:까지)?"),
    ("firstmonths", rf"{_YEAR}?\s?들어\s?(?P<m2>{_M})월까지"),
    ("half", rf"{_YEAR}?\s?(?P<h>상반기|하반기)"),
    ("quarter", rf"{_YEAR}?\s?(?P<q>[1-4])\s?(?:·\s?4\s?)?분기"),
    ("asof", rf"{_YEAR}\s?(?:(?P<m>{_M})월\s?)?(?P<end>말\s?)?(?:기준|현재)"),
    ("asof", rf"{_YEAR}\s?(?:(?P<m>{_M})월\s?)?(?P<end>말\s?)?까지"),
    ("since", rf"(?P<y>{_Y})년(?:\s?(?P<m>{_M})월)?(?:\s?[가-힣A-Za-z·]+){{0,3}}?\s?(?:이후|이래|부터)"),
    ("dayrange", rf"(?:{_YEAR}\s?)?(?P<m>{_M})월\s?(?P<d>{_D})일\s?(?:부터|~|-|–)\s?(?:(?P<m2>{_M})월\s?)?(?P<d2>{_D})일(?:까지)?"),
    ("daymonthyear", rf"(?:{_YEAR}\s?)?(?P<m>{_M})월\s?(?P<d>{_D})일(?!\s?(?:간|동안))"),
    ("monthyear", rf"{_YEAR}\s?(?P<m>{_M})월"),
    ("decade", rf"(?P<y>{_Y})년대"),
    ("yearend", rf"{_YEAR}\s?말"),
    ("relmonth", r"(?P<r>지난달|지난 달|이달|이번 달|다음 달|다음달|내달)"),
    ("month", rf"(?:(?P<w>지난|오는|올)\s?)?(?P<m>{_M})월(?!\s?\d)"),
    ("day", rf"(?:(?P<w>지난|오는)\s?)?(?<![\d월])(?P<d>{_D})일(?!\s?(?:간|동안|째))"),
    ("relday", r"(?P<r>이날|어제|오늘|내일|전날|다음 날|다음날|이튿날)"),
    ("relyear", rf"(?P<ry>{_RY})"),
    ("year", rf"(?<![\d,.])(?P<y>{_Y})년(?!대)"),
    ("year", rf"(?<![\d,.$])(?P<y>{_Y})(?![\d,.%]|\s?[년억만조천원명개])"),
]
_COMPILED = [(kind, re.compile(p)) for kind, p in _PATTERNS]
_ANY = re.compile(r"\d|해|날|달|기|분기|전년|작년|금년|내년")
_YEAR_BEFORE = re.compile(rf"({_Y})년(?!대)(?!.*{_Y}년)", re.S)


def _year(g: dict, pub: dt.date | None, text: str, pos: int) -> int | None:
    if g.get("y"):
        return int(g["y"])
    ry = g.get("ry")
    if ry is None:
        return pub.year if pub else None
    if ry in ("같은 해", "그해", "그 해", "이듬해"):
        before = _YEAR_BEFORE.search(text, max(0, pos - 400), pos)
        if before is None:
            return None
        return int(before.group(1)) + (1 if ry == "이듬해" else 0)
    if pub is None:
        return None
    return pub.year + {"재작년": -2, "지난해": -1, "작년": -1, "전년": -1, "내년": 1}.get(ry, 0)


def _shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    month += by
    return year + (month - 1) // 12, (month - 1) % 12 + 1


def _resolve(kind: str, m: re.Match[str], text: str, pub: dt.date | None) -> tuple[str, str | None, str | None] | None:
    g = m.groupdict()
    if kind == "comparison":
        return "comparison", None, None
    if kind == "sameperiod":
        return "sameperiod", g.get("y"), None
    if kind == "yearrange":
        y1, y2 = g["y1"], g["y2"]
        if len(y2) == 2:
            y2 = y1[:2] + y2
        if int(y2) < int(y1):
            return None
        lo = y1 + (f"-{int(g['m1']):02d}" if g.get("m1") else "")
        hi = y2 + (f"-{int(g['m2']):02d}" if g.get("m2") else "")
        return "date", lo, hi
    if kind in ("monthrange", "firstmonths", "half", "quarter"):
        y = _year(g, pub, text, m.start())
        if y is None:
            return None
        if kind == "half":
            first = g["h"] == "상반기"
            return "date", f"{y}-{1 if first else 7:02d}", f"{y}-{6 if first else 12:02d}"
        if kind == "quarter":
            q = int(g["q"])
            return "date", f"{y}-{3 * q - 2:02d}", f"{y}-{3 * q:02d}"
        m1 = int(g.get("m1") or 1)
        m2 = int(g["m2"])
        if m2 < m1:
            return None
        return "date", f"{y}-{m1:02d}", f"{y}-{m2:02d}"
    if kind == "asof":
        y = _year(g, pub, text, m.start())
        if y is None:
            return None
        if g.get("m"):
            return "asof", None, f"{y}-{int(g['m']):02d}"
        return "asof", None, f"{y}-12" if g.get("end") else str(y)
    if kind == "since":
        return "since", g["y"] + (f"-{int(g['m']):02d}" if g.get("m") else ""), None
    if kind == "yearend":
        y = _year(g, pub, text, m.start())
        return ("asof", None, f"{y}-12") if y is not None else None
    if kind == "dayrange":
        y = _year(g, pub, text, m.start()) if g.get("y") or g.get("ry") else _yearless(text, m.start(), pub)
        if y is None:
            return None
        try:
            lo = dt.date(y, int(g["m"]), int(g["d"]))
            hi = dt.date(y, int(g.get("m2") or g["m"]), int(g["d2"]))
        except ValueError:
            return None
        return "date", lo.isoformat(), hi.isoformat()
    if kind == "daymonthyear":
        y = _year(g, pub, text, m.start()) if g.get("y") or g.get("ry") else _yearless(text, m.start(), pub)
        if y is None:
            return None
        try:
            d = dt.date(y, int(g["m"]), int(g["d"])).isoformat()
        except ValueError:
            return None
        return "date", d, d
    if kind == "monthyear":
        y = _year(g, pub, text, m.start())
        if y is None:
            return None
        d = f"{y}-{int(g['m']):02d}"
        return "date", d, d
    if kind == "decade":
        d = g["y"][:3] + "X"
        return "date", d, d
    if kind == "relmonth":
        if pub is None:
            return None
        by = -1 if g["r"].startswith("지난") else 1 if g["r"] in ("다음 달", "다음달", "내달") else 0
        y, mo = _shift_month(pub.year, pub.month, by)
        d = f"{y}-{mo:02d}"
        return "date", d, d
    if kind == "month":
        month = int(g["m"])
        w = g.get("w")
        if w is None:
            y = _yearless(text, m.start(), pub)
        elif pub is None:
            return None
        elif w == "지난":
            y = pub.year - (1 if month > pub.month else 0)
        elif w == "오는":
            y = pub.year + (1 if month < pub.month else 0)
        else:  # 올 5월: this year's
            y = pub.year
        if y is None:
            return None
        d = f"{y}-{month:02d}"
        return "date", d, d
    if kind == "day":
        if pub is None:
            return None
        day = int(g["d"])
        y, mo = pub.year, pub.month
        if g.get("w") == "지난" and day > pub.day:
            y, mo = _shift_month(y, mo, -1)
        elif g.get("w") == "오는" and day < pub.day:
            y, mo = _shift_month(y, mo, 1)
        try:
            d = dt.date(y, mo, day).isoformat()
        except ValueError:
            return None
        return "date", d, d
    if kind == "relday":
        r = g["r"]
        if r in ("전날", "다음 날", "다음날", "이튿날"):
            return "relative", "the previous day" if r == "전날" else "the following day", None
        if pub is None:
            return None
        delta = {"어제": -1, "내일": 1}.get(r, 0)
        d = (pub + dt.timedelta(days=delta)).isoformat()
        return "date", d, d
    if kind == "relyear":
        y = _year(g, pub, text, m.start())
        return ("date", str(y), str(y)) if y is not None else None
    if kind == "year":
        return "date", g["y"], g["y"]
    return None


def _yearless(text: str, pos: int, pub: dt.date | None) -> int | None:
    """ "3월 14일" without a year: the year last written before it when that is
    well before publication (a history), else the publication year (news)."""
    before = _YEAR_BEFORE.search(text, max(0, pos - 300), pos)
    if before is not None and (pub is None or int(before.group(1)) < pub.year - 1):
        return int(before.group(1))
    return pub.year if pub else None


def find_dates(text: str, start: int, end: int, published: dt.date | None) -> list[DateExpr]:
    """Date expressions in ``text[start:end]`` (normalised text), left to right, never overlapping."""
    if not _ANY.search(text, start, end):
        return []
    out: list[DateExpr] = []
    taken: list[tuple[int, int]] = []
    for kind, rx in _COMPILED:
        for m in rx.finditer(text, start, end):
            if m.end() == m.start() or any(m.start() < e and s < m.end() for s, e in taken):
                continue
            resolved = _resolve(kind, m, text, published)
            if resolved is None:
                continue
            k, lo, hi = resolved
            out.append(DateExpr(m.start(), m.end(), k, lo, hi))
            taken.append((m.start(), m.end()))
    out.sort(key=lambda d: d.start)
    return out
