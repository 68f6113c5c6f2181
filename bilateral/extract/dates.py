"""Dates and periods as the press writes them, resolved to partial ISO dates.

``find_dates(text, start, end, published)`` returns ``DateExpr`` spans:
``kind`` says how the expression relates a figure to time:
- ``date``: a point or a span ("in 2024", "March 2019", "first half of 2025");
- ``asof``: an end only ("as of 2024", "to March 2008", "by the end of 2023");
- ``since``: a start only ("since 1997");
- ``comparison``: the base of a change ("from the previous year"), never a period.
Relative expressions ("last year", "on Thursday") need the published date;
without it they are dropped (the spec says such dates stay null).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from .scan import PatternIndex

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
            "saturday": 5, "sunday": 6}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
            "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "1st": 1,
            "2nd": 2, "3rd": 3, "4th": 4}
COUNTS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
          "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}

_M = r"(?-i:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
_Y = r"(?:1[89]\d\d|20\d\d)"
_D = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_REL_YEAR = r"(?:last year|this year|next year|the previous year|the year before|the same year|that year)"
_YEARISH = rf"(?:{_Y}|{_REL_YEAR}|the year)"

# Order matters: longer, more specific forms first; the scanner keeps the
# first match at each position and never overlaps matches.
_PATTERNS: list[tuple[str, str]] = [
    ("comparison", rf"\b(?:(?:up|down|rising|falling|increase|decrease|compared)\s+)?(?:from|over|than|compared (?:with|to)|against|versus|vs\.?)\s+(?:in\s+)?(?:the\s+)?(?:(?:same|corresponding) (?:period|months?|quarter|time)\s+(?:of\s+|in\s+)?)?(?:{_REL_YEAR}|a year (?:earlier|ago|before)|(?:{_M}\s+)?{_Y}(?!\s*(?:to|-|–|and|until|through)\s*(?:{_M}\s+)?{_Y}))"),
    ("comparison", r"\b(?:year[- ]on[- ]year|year[- ]over[- ]year|a year (?:earlier|ago|before)|y-o-y|yoy)\b"),
    ("sameperiod", rf"\b(?:in\s+|during\s+|for\s+)?the\s+same\s+(?:period|months?|time|quarter|\w+\s+months)\s+(?:of\s+|in\s+)?(?:{_REL_YEAR}|a year (?:earlier|ago|before)|(?P<y>{_Y}))"),
    # "against $64.9 million in the corresponding quarter of the previous year" (found
    # by its rarer word, not by the "in the" before it)
    ("sameperiod", rf"\bcorresponding\s+(?:period|months?|quarter|\w+\s+months)\s+(?:of\s+|in\s+)?(?:{_REL_YEAR}|a year (?:earlier|ago|before)|(?P<y>{_Y}))"),
    ("daymonthyear", rf"\b(?:from\s+|between\s+)?(?P<d1>{_D})(?:\s*(?:-|–|to|and)\s*{_D})?\s+(?P<m>{_M})\s*,?\s*(?P<y>{_Y})\b"),
    ("monthdayyear", rf"\b(?P<m>{_M})\s+(?P<d1>{_D})(?:\s*[-–]\s*{_D})?\s*,\s*(?P<y>{_Y})\b"),
    ("relday", r"\b(?P<r>the following day|the next day|the day before|the previous day)\b"),
    # "Six months later, President Yoon paid a state visit": after the date just given
    ("later", r"\b(?P<n>a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})\s+(?P<u>days?|weeks?|months?|years?)\s+later\b"),
    # "on the 11th of November last year", "on the 1st of last month" (English of the Korean press)
    ("dayof", rf"\bthe\s+(?P<d1>[0-3]?\d)(?:st|nd|rd|th)\s+of\s+(?:(?P<m>{_M})(?:\s*,?\s*(?:of\s+)?(?P<y>{_YEARISH}))?|(?P<r>last month|this month|next month))"),
    ("monthday", rf"\b(?P<m>{_M})\s+(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?\b(?!\s*,?\s*(?:{_Y}|\d))"),
    ("daymonth", rf"\b(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?(?:\s*(?:-|–|to|and)\s*[0-3]?\d(?:st|nd|rd|th)?)?\s+(?P<m>{_M})\b(?!\s*,?\s*{_Y})"),
    # before "monthrange": "(July to June)" is part of the fiscal year
    ("fiscal", rf"\b(?:the\s+)?(?P<y1>{_Y})\s*[-–/]\s*(?P<y2>\d{{2,4}})\s+(?:fiscal|financial)\s+year\s*\(\s*(?P<m1>{_M})\s*(?:to|-|–)\s*(?P<m2>{_M})\s*\)"),
    # "the fiscal year ended March 2024": the twelve months to that month
    ("fyended", rf"\b(?:the\s+)?(?:fiscal|financial)\s+year\s+(?:ended|ending|to)\s+(?P<m>{_M})\s*,?\s*(?P<y>{_Y})\b"),
    ("monthrange", rf"\b(?:between\s+|from\s+)?(?P<m1>{_M})\s*(?:-|–|to|through|and)\s*(?P<m2>{_M})(?:\s*,?\s*(?:of\s+)?(?P<y>{_YEARISH}))?"),
    ("fromto", rf"\b(?:from|between)\s+(?:(?P<m1>{_M})\s+)?(?P<y1>{_Y})\s+(?:to|and|until|till|through)\s+(?:(?P<m2>{_M})\s+)?(?P<y2>{_Y})\b"),
    ("yearrange", rf"\b(?:in\s+|for\s+)?(?P<y1>{_Y})\s*(?:-|–|/|to)\s*(?P<y2>{_Y}|\d\d)\b(?!\s*(?:million|billion|per|%))"),
    # "FY2022/23", "FY 2023-24": a fiscal year across two calendar years
    ("yearrange", rf"\bFY\s?(?P<y1>{_Y})\s*(?:-|–|/)\s*(?P<y2>{_Y}|\d\d)\b"),
    ("half", rf"\b(?:the\s+)?(?P<o>first|second|1st|2nd)\s+half\s*(?:of\s+)?(?P<y>{_YEARISH})?"),
    ("half", rf"\b(?P<h>H[12])\s*(?P<y>{_Y})?\b"),
    ("quarter", rf"\b(?:the\s+)?(?P<o>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter\s*(?:of\s+)?(?P<y>{_YEARISH})?"),
    ("quarter", rf"\b(?P<q>Q[1-4])\s*(?P<y>{_Y})?\b"),
    ("firstmonths", rf"\b(?:the\s+)?first\s+(?P<n>\w+)\s+months\s*(?:of\s+)?(?P<y>{_YEARISH})?"),
    ("asof", rf"\b(?:as of|as at|by the end of|by end-|at the end of|end of|by|until|till|up to|through|to)\s+(?:(?:the\s+)?end of\s+)?(?:(?P<m>{_M})\s+)?(?P<y>{_YEARISH})"),
    ("asofmonth", rf"\b(?:as of|as at|by the end of|at the end of|end of|until|till|up to|through|to)\s+(?:(?:the\s+)?end of\s+)?(?P<m>{_M})\b(?!\s*,?\s*(?:{_Y}|\d))"),
    ("relweek", r"\b(?P<r>this week|next week|last week|earlier this week|later this week)\b"),
    ("since", rf"\bsince\s+(?:(?P<m>{_M})\s+)?(?P<y>{_Y})\b"),
    ("baselevel", rf"\b(?:the|its|their)\s+(?P<y>{_Y})\s+(?:level|levels|figure|total|mark)\b"),
    ("sinceclause", rf"\bsince\b[^.;:\d$]{{0,80}}?\b(?:(?P<m>{_M})\s+)?(?P<y>{_Y})\b(?!\s*(?:to|-|–)\s*{_Y})"),
    ("decade", r"\b(?:the\s+)?(?:early\s+|mid-?\s*|late\s+)?(?P<y>1[89]\d0|20\d0)s\b"),
    ("anaphor", rf"\b(?:in\s+)?(?P<m>{_M})?\s*(?:of\s+)?(?:that|the same) year\b"),
    ("monthyear", rf"\b(?P<m>{_M})\s*,?\s*(?:of\s+)?(?P<y>{_YEARISH})"),
    ("relyear", rf"\b(?:in\s+|during\s+|earlier\s+|later\s+)?(?P<r>{_REL_YEAR}|the year)\b"),
    ("relmonth", r"\b(?P<r>last month|this month|next month|earlier this month)\b"),
    ("offset", r"\b(?P<n>a|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+(?P<u>decades?|years?)\s+(?:earlier|before)\b"),
    ("ago", r"\b(?P<n>a|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+(?P<u>decades?|years?)\s+ago\b"),
    ("weekday", r"\b(?:on\s+|last\s+|next\s+|this\s+)?(?P<w>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"),
    ("relday", r"\b(?P<r>yesterday|today|tomorrow)\b"),
    # "in May", capitalised ("this may" is a verb)
    ("month", r"\b(?:in|since|from|during|last|next|this)\s+(?P<m>January|February|March|April|(?-i:May)|June|July|August|September|October|November|December)\b"),
    # "August on its own was weaker", "October alone": a month of the current year
    ("month", r"\b(?P<m>January|February|March|April|June|July|August|September|October|November|December)(?=\s+(?:alone|on its own|by itself)\b)"),
    # "April brought the first session", "March saw": a year in review's month
    ("month", r"\b(?P<m>January|February|March|April|June|July|August|September|October|November|December)(?=\s+(?:brought|saw)\b)"),
    # "In December, the ambassador presented his credentials on the 5th": a day of
    # the month the sentence names (dated after the scan, by that month)
    ("bareday", r"\bon the (?P<d1>[0-3]?\d)(?:st|nd|rd|th)\b(?!\s+of\b)"),
    # "for the month", "over the eight months", "in the period": the period just named
    ("backref", r"\b(?:for|in|over|during|across)\s+the\s+(?:(?P<n>\w+)\s+months|month|quarter|period)\b(?!\s+(?:of|to|ending|ended|from|before|after|since)\b)"),
    ("year", rf"(?<![\d,.$])\b(?P<y>{_Y})\b(?!\s*(?:%|per cent|percent|million|billion|[,.]\d))"),
]
# Function words match in any case ("Between 1991 and 2008"); month names
# only capitalised (the "(?-i:...)" in _M), so "may" is never May.


@cache
def _index() -> PatternIndex:
    """The patterns, found through one index of their first letters: run one
    by one over every sentence, they were a fifth of the extraction time."""
    return PatternIndex(((i, [p]) for i, (_, p) in enumerate(_PATTERNS)), flags=re.I, by_name=True)


_ANY = re.compile(
    r"\d{4}|January|February|March|April|May|June|July|August|September|October|November|December|"
    r"\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b|year|month|week|day|half|quarter|decade|\bQ[1-4]\b|\bH[12]\b"
)


@dataclass(frozen=True, slots=True)
class DateExpr:
    start: int
    end: int
    kind: str  # "date", "asof", "since", "comparison", "sameperiod"
    lo: str | None
    hi: str | None


_ISO = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def parse_published(value: str | None) -> dt.date | None:
    if not value:
        return None
    m = _ISO.match(value)
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))
    except ValueError:
        return None


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _month_from(pub: dt.date, relative: str) -> str:
    """ "last month" in a text published on ``pub``: "2022-12"."""
    month = pub.month + {"last month": -1, "next month": 1}.get(relative.lower(), 0)
    return f"{pub.year + (month - 1) // 12}-{(month - 1) % 12 + 1:02d}"


def _year(text: str | None, pub: dt.date | None) -> int | None:
    if text is None:
        return pub.year if pub else None
    t = text.lower()
    if t[:1].isdigit():
        return int(t)
    if pub is None:
        return None
    if t in ("last year", "the previous year", "the year before"):
        return pub.year - 1
    if t == "next year":
        return pub.year + 1
    return pub.year  # this year, the year, the same year


def _resolve(kind: str, m: re.Match[str], pub: dt.date | None) -> tuple[str, str | None, str | None] | None:
    g = m.groupdict()
    if kind == "comparison":
        return "comparison", None, None
    if kind == "sameperiod":
        # Resolved against the sentence's own period by the caller ("the same
        # period last year" after "January-October 2018" is January-October 2017).
        return "sameperiod", g.get("y"), None
    if kind in ("daymonthyear", "monthdayyear"):
        day = int(re.match(r"\d+", g["d1"]).group(0))
        month = _month(g["m"])
        if not 1 <= day <= 31:
            return None
        d = f"{g['y']}-{month:02d}-{day:02d}"
        return "date", d, d
    if kind in ("monthday", "daymonth"):
        if pub is None:
            return None
        day = int(g["d1"])
        if not 1 <= day <= 31:
            return None
        d = f"{pub.year}-{_month(g['m']):02d}-{day:02d}"
        return "date", d, d
    if kind == "fyended":
        y, mo = int(g["y"]), _month(g["m"])
        start = f"{y}-01" if mo == 12 else f"{y - 1}-{mo + 1:02d}"
        return "date", start, f"{y}-{mo:02d}"
    if kind == "monthrange":
        y = _year(g["y"], pub)
        if y is None:
            return None
        return "date", f"{y}-{_month(g['m1']):02d}", f"{y}-{_month(g['m2']):02d}"
    if kind == "fromto":
        lo = g["y1"] + (f"-{_month(g['m1']):02d}" if g.get("m1") else "")
        hi = g["y2"] + (f"-{_month(g['m2']):02d}" if g.get("m2") else "")
        return "date", lo, hi
    if kind == "fiscal":
        y1 = g["y1"]
        y2 = g["y2"] if len(g["y2"]) == 4 else y1[:2] + g["y2"]
        return "date", f"{y1}-{_month(g['m1']):02d}", f"{y2}-{_month(g['m2']):02d}"
    if kind == "yearrange":
        y1, y2 = g["y1"], g["y2"]
        if len(y2) == 2:
            y2 = y1[:2] + y2
        if int(y2) <= int(y1):
            return None
        return "date", y1, y2
    if kind == "half":
        half = 1 if (g.get("o") or g.get("h") or "").lower() in ("first", "1st", "h1") else 2
        y = _year(g.get("y"), pub)
        if y is None:
            return None
        return "date", f"{y}-{1 if half == 1 else 7:02d}", f"{y}-{6 if half == 1 else 12:02d}"
    if kind == "quarter":
        q = ORDINALS.get((g.get("o") or "").lower()) or int((g.get("q") or "Q0")[1])
        y = _year(g.get("y"), pub)
        if y is None or not q:
            return None
        return "date", f"{y}-{3 * q - 2:02d}", f"{y}-{3 * q:02d}"
    if kind == "firstmonths":
        n = COUNTS.get(g["n"].lower()) or (int(g["n"]) if g["n"].isdigit() else None)
        y = _year(g.get("y"), pub)
        if not n or n > 12 or y is None:
            return None
        return "date", f"{y}-01", f"{y}-{n:02d}"
    if kind == "asof":
        y = _year(g["y"], pub)
        if y is None:
            return None
        if g.get("m"):
            d = f"{y}-{_month(g['m']):02d}"
        elif re.search(r"end", m.group(0), re.I):
            d = f"{y}-12"  # "at the end of 2022"
        else:
            d = str(y)
        return "asof", None, d
    if kind == "asofmonth":
        if pub is None:
            return None
        month = _month(g["m"])
        year = pub.year - (1 if month > pub.month else 0)
        return "asof", None, f"{year}-{month:02d}"
    if kind == "relweek":
        if pub is None:
            return None
        offset = {"last": -7, "next": 7}.get(g["r"].split()[0].lower(), 0)
        d = (pub + dt.timedelta(days=offset)).isoformat()[:7]
        return "date", d, d
    if kind in ("since", "sinceclause", "baselevel"):
        d = g["y"] + (f"-{_month(g['m']):02d}" if g.get("m") else "")
        return "since", d, None
    if kind == "decade":
        d = g["y"][:3] + "X"
        return "date", d, d
    if kind == "monthyear":
        y = _year(g["y"], pub)
        if y is None:
            return None
        d = f"{y}-{_month(g['m']):02d}"
        return "date", d, d
    if kind == "relyear":
        y = _year(g["r"], pub)
        return ("date", str(y), str(y)) if y is not None else None
    if kind == "later":  # resolved against the previous date: "+6m"
        n = COUNTS.get(g["n"].lower(), 1) if not g["n"].isdigit() else int(g["n"])
        return "relative", f"+{n}{g['u'][0].lower()}", None
    if kind == "offset":  # "a decade earlier": years before the sentence's own date
        n = COUNTS.get(g["n"].lower(), 1) if not g["n"].isdigit() else int(g["n"])
        return "offset", str(n * (10 if g["u"].startswith("decade") else 1)), None
    if kind == "ago":
        if pub is None:
            return None
        n = COUNTS.get(g["n"].lower(), 1) if not g["n"].isdigit() else int(g["n"])
        y = str(pub.year - n * (10 if g["u"].startswith("decade") else 1))
        return "date", y, y
    if kind == "relmonth":
        if pub is None:
            return None
        d = _month_from(pub, g["r"])
        return "date", d, d
    if kind == "dayof":
        day = int(g["d1"])
        if not 1 <= day <= 31:
            return None
        if g.get("r"):
            if pub is None:
                return None
            d = f"{_month_from(pub, g['r'])}-{day:02d}"
        elif g.get("y") is None and pub is not None:
            # the latest such day on or before publication
            month = _month(g["m"])
            d = f"{pub.year - ((month, day) > (pub.month, pub.day))}-{month:02d}-{day:02d}"
        else:
            y = _year(g.get("y"), pub)
            if y is None:
                return None
            d = f"{y}-{_month(g['m']):02d}-{day:02d}"
        return "date", d, d
    if kind == "weekday":
        if pub is None:
            return None
        target = WEEKDAYS[g["w"].lower()]
        text = m.group(0).lower()
        if text.startswith("next"):
            delta = (target - pub.weekday()) % 7 or 7
        else:
            # News reports the past: the latest such weekday on or before publication.
            delta = -((pub.weekday() - target) % 7)
        d = (pub + dt.timedelta(days=delta)).isoformat()
        return "date", d, d
    if kind == "relday":
        if g["r"].lower().startswith("the "):
            return "relative", g["r"].lower(), None  # resolved against the previous date
        if pub is None:
            return None
        delta = {"yesterday": -1, "today": 0, "tomorrow": 1}[g["r"].lower()]
        d = (pub + dt.timedelta(days=delta)).isoformat()
        return "date", d, d
    if kind == "backref":
        n = g.get("n")
        months = COUNTS.get(n.lower()) if n else None
        if n and months is None:
            return None
        span = "month" if "month" in m.group(0) and not n else "quarter" if "quarter" in m.group(0) else None
        return "backref", str(months) if months else span, None
    if kind == "bareday":
        return "bareday", g["d1"], None
    if kind == "month":
        if pub is None:
            return None
        month = _month(g["m"])
        word = m.group(0).split()[0].lower()
        year = pub.year
        if word == "last" or (word != "next" and month > pub.month and word in ("in", "since", "from", "during")):
            year -= 1 if word == "last" or month > pub.month else 0
        if word == "next" and month <= pub.month:
            year += 1
        d = f"{year}-{month:02d}"
        return ("since", d, None) if word in ("since", "from") else ("date", d, d)
    if kind == "year":
        return "date", g["y"], g["y"]
    return None


_YEAR_BEFORE = re.compile(rf"{_Y}(?!.*{_Y})", re.S)


def _anaphor(text: str, m: re.Match[str]) -> tuple[str, str | None, str | None] | None:
    """ "in July of that year": the year is the last one written before."""
    before = _YEAR_BEFORE.search(text, max(0, m.start() - 1000), m.start())
    if before is None:
        return None
    year = before.group(0)
    d = f"{year}-{_month(m.group('m')):02d}" if m.group("m") else year
    return "date", d, d


# Present tense "runs from Wednesday" in news is a coming event too.
_FUTURE = re.compile(r"\b(?:will|shall|to be|set to|plans? to|scheduled|due to|next|upcoming|starting|"
                     r"runs|starts|begins|opens)\b", re.I)


# "from November 29 to December 1, 2022": the range's year is written once, at its end
_RANGE_END_YEAR = re.compile(rf"\s*(?:-|–|to|until|till|through|and)\s+(?:{_M}\s+{_D}|{_D}\s+{_M})\s*,?\s*(?P<y>{_Y})\b")


_HEADING_YEAR = re.compile(rf"\W*(?:\w+\s+)?{_Y}\W*")


def _day_without_year(text: str, m: re.Match[str], pub: dt.date | None,
                      floor: int = 0) -> tuple[str, str | None, str | None] | None:
    """ "on 1 July": the year written at the end of its range, or the year last
    written before it when that is well before publication (a history), else the
    publication year (a dateline, news, or "this year" in the same sentence)."""
    end_year = _RANGE_END_YEAR.match(text, m.end())
    if end_year is not None and 1 <= int(m.group("d1")) <= 31:
        d = f"{end_year.group('y')}-{_month(m.group('m')):02d}-{int(m.group('d1')):02d}"
        return "date", d, d
    resolved = _resolve("monthday", m, pub)
    if resolved is not None and re.search(r"\bthis year\b", text[floor:m.start()], re.I):
        return resolved  # "their second encounter this year ... on 15 March"
    before = _YEAR_BEFORE.search(text, max(0, m.start() - 300), m.start())
    if before is not None and "\n" in text[before.end():m.start()] and not _HEADING_YEAR.fullmatch(
            text, text.rfind("\n", 0, before.start()) + 1, text.find("\n", before.end()) % (len(text) + 1)):
        before = None  # a year of another paragraph, not a heading, says nothing of this one's days
    if before is not None and (pub is None or int(before.group(0)) < pub.year - 1):
        g = m.groupdict()
        d = f"{before.group(0)}-{_month(g['m']):02d}-{int(g['d1']):02d}"
        return "date", d, d
    if resolved is not None and pub is not None and resolved[1] > pub.isoformat() \
            and not _FUTURE.search(text, max(floor, m.start() - 80), min(len(text), m.end() + 60)):
        d = f"{pub.year - 1}{resolved[1][4:]}"  # "met in Tokyo on December 16", written in January: last year's
        return "date", d, d
    return resolved


def _months(d: DateExpr) -> int | None:
    if not d.lo or not d.hi or len(d.lo) != 7 or len(d.hi) != 7:
        return None
    return (int(d.hi[:4]) - int(d.lo[:4])) * 12 + int(d.hi[5:]) - int(d.lo[5:]) + 1


def resolve_backrefs(dates: list[DateExpr], earlier: list[DateExpr]) -> list[DateExpr]:
    """ "Trade for the month came to $56.69 million" after "August on its own was
    weaker": a period that points back takes the latest earlier period of its length
    ("the month": one month, "the eight months": eight, "the period": any)."""
    out = []
    for d in dates:
        if d.kind != "backref":
            out.append(d)
            continue
        want = {"month": 1, "quarter": 3}.get(d.lo or "", int(d.lo) if (d.lo or "").isdigit() else None)
        match = next((e for e in reversed(earlier) if e.kind == "date" and _months(e) is not None
                      and (want is None or _months(e) == want)), None)
        if match is not None:
            out.append(DateExpr(d.start, d.end, "date", match.lo, match.hi))
    return out


# A year said in words earlier in the clause, with no year written after it.
_REL_YEAR_BEFORE = re.compile(r"\b(?P<r>last year|this year|next year|the previous year|the year before)\b"
                              r"(?![^.;,]*?\b(?:1[89]|20)\d\d\b)[^.;,]*$", re.I)


def find_dates(text: str, start: int = 0, end: int | None = None,
               published: dt.date | None = None) -> list[DateExpr]:
    """Date expressions in ``text[start:end]``, left to right, never overlapping."""
    stop = len(text) if end is None else end
    if not _ANY.search(text, start, stop):
        return []
    # Patterns are tried in priority order; a match is kept unless it overlaps
    # one kept before, so "January-October 2022" is never read as "in January".
    out: list[DateExpr] = []
    taken: list[tuple[int, int]] = []
    found = _index().finditer(text, start, stop)
    bare_days = False
    for i, (kind, _) in enumerate(_PATTERNS):
        for m in found.get(i, ()):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            if kind == "anaphor":
                resolved = _anaphor(text, m)
            elif kind in ("monthday", "daymonth"):
                resolved = _day_without_year(text, m, published, start)
            elif kind == "weekday" and published is not None and _FUTURE.search(text, max(start, m.start() - 80), m.start()):
                target = WEEKDAYS[m.group("w").lower()]
                delta = (target - published.weekday()) % 7
                if delta == 0 and m.group(0).lower().startswith("next"):
                    delta = 7  # "is due to leave later on Friday" (a Friday): today
                d = (published + dt.timedelta(days=delta)).isoformat()
                resolved = ("date", d, d)  # "will arrive on Wednesday": the coming one
            elif kind == "month" and published is not None and _FUTURE.search(text, max(start, m.start() - 80), m.start()):
                month = _month(m.group("m"))
                year = published.year + (1 if month < published.month else 0)
                resolved = ("date", f"{year}-{month:02d}", f"{year}-{month:02d}")
            else:
                resolved = _resolve(kind, m, published)
            if kind == "month" and resolved is not None and (rel := _REL_YEAR_BEFORE.search(text, start, m.start())):
                # "Last year they signed a memorandum in May": May of last year
                y = _year(rel.group("r"), published)
                if y is not None:
                    resolved = ("date", f"{y}{resolved[1][4:]}", f"{y}{resolved[2][4:]}")
                    # (the month says it all: "last year" is no date of its own here)
                    out = [d for d in out if d.end != rel.end("r")]
            if resolved is None:
                continue
            k, lo, hi = resolved
            if kind != "anaphor" and re.search(r"\b(?:that|the same) year\b", m.group(0), re.I):
                # "the first quarter of that year": the year written last before
                before = _YEAR_BEFORE.search(text, max(0, m.start() - 1000), m.start())
                if before is not None:
                    lo = before.group(0) + lo[4:] if lo else lo
                    hi = before.group(0) + hi[4:] if hi else hi
            out.append(DateExpr(m.start(), m.end(), k, lo, hi))
            taken.append((m.start(), m.end()))
            bare_days = bare_days or k == "bareday"
    out.sort(key=lambda d: d.start)
    if bare_days:
        out = _month_days(out)
    return _fiscal_years(text, start, stop, out)


def _month_days(dates: list[DateExpr]) -> list[DateExpr]:
    """ "on the 5th" takes the month last named before it in the sentence, which
    it makes precise (the month is no other date); without one it says nothing."""
    out: list[DateExpr] = []
    for d in dates:
        if d.kind != "bareday":
            out.append(d)
            continue
        month = next((e for e in reversed(out) if e.kind == "date" and e.lo and e.lo == e.hi and len(e.lo) == 7), None)
        if month is not None and 1 <= int(d.lo or 0) <= 31:
            day = f"{month.lo}-{int(d.lo or 0):02d}"
            out.remove(month)
            out.append(DateExpr(d.start, d.end, "date", day, day))
    return out


_YEAR_OF_MONTHS = re.compile(rf"\b(?P<m1>{_M})\s*[-–]\s*(?P<m2>{_M})\s+(?:fiscal\s+|financial\s+)?year\b")


def _fiscal_years(text: str, start: int, stop: int, dates: list[DateExpr]) -> list[DateExpr]:
    """ "Bangladesh Bank, which works on a July-June year, recorded ... for 2021-22":
    a year that runs across two calendar years takes the months named with it."""
    if text.find("-", start, stop) < 0 and text.find("–", start, stop) < 0:
        return dates  # (the months are joined by a dash)
    m = _YEAR_OF_MONTHS.search(text, start, stop)
    if m is None or _month(m.group("m1")) <= _month(m.group("m2")):
        return dates
    m1, m2 = _month(m.group("m1")), _month(m.group("m2"))
    out = []
    for d in dates:
        if d.start < m.end() and m.start() < d.end:
            continue  # the months themselves are no period
        if d.kind == "date" and d.lo and d.hi and len(d.lo) == 4 and len(d.hi) == 4 and int(d.hi) == int(d.lo) + 1:
            d = DateExpr(d.start, d.end, d.kind, f"{d.lo}-{m1:02d}", f"{d.hi}-{m2:02d}")
        out.append(d)
    return out
