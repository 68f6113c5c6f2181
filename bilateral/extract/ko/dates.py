"""Korean dates and periods: "2019년 3월 14일", "2019년 3월", "1970년대";
periods "1~6월", "상반기", "1분기", "2024~2028년", "1996년부터 2022년까지"; ends
"2024년 말 기준", "2008년 3월까지"; starts "1997년 이후"; bases of a change
"전년 대비", "지난해 같은 기간보다"; and dates relative to the published one:
"지난해", "올해", "지난달", "지난 5월", "14일", "이날", "전날". Without a
published date the relative ones are dropped (the spec says they stay null).
"""

from __future__ import annotations

import datetime as dt

from ..dates import DateExpr
from ..native.dates import Dates, Grammar

_Y = r"(?:19|20)\d\d"
_M = r"(?:1[0-2]|0?[1-9])"
_D = r"(?:3[01]|[12]\d|0?[1-9])"
_RY = r"(?:재작년|지난해|작년|올해|금년|내년|전년|이듬해|같은 해|그해|그 해)"
_YEAR = rf"(?:(?P<y>{_Y})년|(?P<ry>{_RY}))"
_TO = r"[~\-–]"

GRAMMAR = Grammar(
    patterns=[
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
        ("relmonthday", rf"(?P<r>지난달|지난 달|이달|이번 달|다음 달|다음달|내달)\s?(?P<d>{_D})일"),
        ("relmonth", r"(?P<r>지난달|지난 달|이달|이번 달|다음 달|다음달|내달)"),
        ("month", rf"(?:(?P<w>지난|오는|올)\s?)?(?P<m>{_M})월(?!\s?\d)"),
        ("day", rf"(?:(?P<w>지난|오는)\s?)?(?<![\d월])(?P<d>{_D})일(?!\s?(?:간|동안|째))"),
        ("relday", r"(?P<r>이날|어제|오늘|내일|전날|다음 날|다음날|이튿날)"),
        ("relyear", rf"(?P<ry>{_RY})"),
        ("year", rf"(?<![\d,.])(?P<y>{_Y})년(?!대)"),
        ("year", rf"(?<![\d,.$])(?P<y>{_Y})(?![\d,.%]|\s?[년억만조천원명개])"),
    ],
    prefilter=r"\d|해|날|달|기|분기|전년|작년|금년|내년",
    year_before=rf"(?P<y>{_Y})년(?!대)",
    years={"재작년": -2, "지난해": -1, "작년": -1, "전년": -1, "올해": 0, "금년": 0, "내년": 1,
           "같은 해": "anaphor", "같은해": "anaphor", "그해": "anaphor", "그 해": "anaphor", "이듬해": "anaphor+1"},
    halves={"상반기": 1, "하반기": 2},
    months={"지난달": -1, "지난 달": -1, "이달": 0, "이번 달": 0, "다음 달": 1, "다음달": 1, "내달": 1},
    days={"이날": 0, "오늘": 0, "어제": -1, "내일": 1, "전날": "the previous day",
          "다음 날": "the following day", "다음날": "the following day", "이튿날": "the following day"},
    last=frozenset({"지난"}), coming=frozenset({"오는"}),
)
_DATES = Dates(GRAMMAR)


def find_dates(text: str, start: int, end: int, published: dt.date | None) -> list[DateExpr]:
    """Date expressions in ``text[start:end]`` (normalised text), left to right, never overlapping."""
    return _DATES.find(text, start, end, published)
