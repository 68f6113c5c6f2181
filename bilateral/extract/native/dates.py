"""Dates and periods from a language's patterns, resolved to partial ISO dates.

A language gives its patterns (each a kind and a regular expression with the
named groups below) and its words; this module resolves them the same way
for every language. Groups: ``y``/``y1``/``y2`` years, ``ry`` a relative year
word ("지난해", "ឆ្នាំមុន"), ``m``/``m1``/``m2`` months (digits or month names),
``d``/``d2`` days, ``h`` a half, ``q`` a quarter, ``n`` a count of months,
``end`` "end of", ``w`` "last"/"coming", ``r`` a relative month or day word.
A year of a religious era (kind ``era``, group ``era``; the Buddhist era in
Khmer) becomes a civil year by the grammar's ``era`` offset; a civil date
given with it (``gd``, ``gm``, ``gy``: "... ត្រូវនឹងថ្ងៃទី៨ ខែមេសា ឆ្នាំ២០២៤")
is the date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ..dates import DateExpr
from .lexicon import compile_guarded


@dataclass(frozen=True)
class Grammar:
    patterns: list[tuple[str, str]]
    prefilter: str
    year_before: str  # a written year, for "같은 해" and yearless days
    years: dict[str, int | str]  # relative year word -> offset, or "anaphor" / "anaphor+1"
    words: dict[str, int] = field(default_factory=dict)  # month names and number words -> int
    halves: dict[str, int] = field(default_factory=dict)  # half word -> 1 or 2
    months: dict[str, int] = field(default_factory=dict)  # relative month word -> offset
    days: dict[str, int | str] = field(default_factory=dict)  # relative day word -> offset or "the following day"
    last: frozenset[str] = frozenset()  # "지난": the latest such month or day before publication
    coming: frozenset[str] = frozenset()  # "오는": the next one
    # (offset, first month): an era year is the civil year + offset from that month on, + offset - 1
    # before it. The Khmer Buddhist era turns at Visak Bochea (April or May): (544, 5).
    era: tuple[int, int] | None = None


def _int(value: str, g: Grammar) -> int:
    return int(value) if value.isdigit() else g.words[value]


def _shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    month += by
    return year + (month - 1) // 12, (month - 1) % 12 + 1


class Dates:
    def __init__(self, grammar: Grammar) -> None:
        self.g = grammar
        self.compiled = [(kind, compile_guarded(p)) for kind, p in grammar.patterns]
        self.any = re.compile(grammar.prefilter)
        self.year_before = re.compile(grammar.year_before, re.S)

    def _written_year(self, text: str, pos: int) -> int | None:
        years = [m.group("y") for m in self.year_before.finditer(text, max(0, pos - 400), pos)]
        return int(years[-1]) if years else None

    def _year(self, gd: dict, pub: dt.date | None, text: str, pos: int) -> int | None:
        if gd.get("y"):
            return int(gd["y"])
        ry = gd.get("ry")
        if ry is None:
            return pub.year if pub else None
        offset = self.g.years[ry.replace(" ", "")] if ry.replace(" ", "") in self.g.years else self.g.years[ry]
        if isinstance(offset, str):  # "같은 해", "ឆ្នាំដដែល": the year written before
            y = self._written_year(text, pos)
            return None if y is None else y + (1 if offset.endswith("+1") else 0)
        return None if pub is None else pub.year + offset

    def _yearless(self, text: str, pos: int, pub: dt.date | None) -> int | None:
        """A day or month without a year: the year last written before it when
        that is well before publication (a history), else the publication year."""
        y = self._written_year(text, pos)
        if y is not None and (pub is None or y < pub.year - 1):
            return y
        return pub.year if pub else None

    def _resolve(self, kind: str, m: re.Match[str], text: str, pub: dt.date | None
                 ) -> tuple[str, str | None, str | None] | None:
        g = self.g
        gd = m.groupdict()
        dated = gd.get("y") or gd.get("ry")
        if kind == "comparison":
            return "comparison", None, None
        if kind == "era":
            return self._era(gd)
        if kind == "sameperiod":
            return "sameperiod", gd.get("y"), None
        if kind == "yearrange":
            y1, y2 = gd["y1"], gd["y2"]
            if len(y2) == 2:
                y2 = y1[:2] + y2
            if int(y2) < int(y1):
                return None
            lo = y1 + (f"-{_int(gd['m1'], g):02d}" if gd.get("m1") else "")
            hi = y2 + (f"-{_int(gd['m2'], g):02d}" if gd.get("m2") else "")
            return "date", lo, hi
        if kind in ("monthrange", "firstmonths", "half", "quarter"):
            y = self._year(gd, pub, text, m.start())
            if y is None:
                return None
            if kind == "half":
                first = g.halves.get(gd["h"], 1) == 1
                return "date", f"{y}-{1 if first else 7:02d}", f"{y}-{6 if first else 12:02d}"
            if kind == "quarter":
                q = _int(gd["q"], g)
                return ("date", f"{y}-{3 * q - 2:02d}", f"{y}-{3 * q:02d}") if 1 <= q <= 4 else None
            m1 = _int(gd["m1"], g) if gd.get("m1") else 1
            m2 = _int(gd["m2"], g) if gd.get("m2") else _int(gd["n"], g)
            return ("date", f"{y}-{m1:02d}", f"{y}-{m2:02d}") if 1 <= m1 <= m2 <= 12 else None
        if kind in ("asof", "yearend"):
            y = self._year(gd, pub, text, m.start())
            if y is None:
                return None
            if gd.get("m"):
                return "asof", None, f"{y}-{_int(gd['m'], g):02d}"
            return "asof", None, f"{y}-12" if gd.get("end") or kind == "yearend" else str(y)
        if kind == "since":
            return "since", gd["y"] + (f"-{_int(gd['m'], g):02d}" if gd.get("m") else ""), None
        if kind in ("dayrange", "daymonthyear"):
            y = self._year(gd, pub, text, m.start()) if dated else self._yearless(text, m.start(), pub)
            if y is None:
                return None
            try:
                lo = dt.date(y, _int(gd["m"], g), int(gd["d"]))
                hi = dt.date(y, _int(gd.get("m2") or gd["m"], g), int(gd.get("d2") or gd["d"]))
            except (ValueError, KeyError):
                return None
            return "date", lo.isoformat(), hi.isoformat()
        if kind == "monthyear":
            y = self._year(gd, pub, text, m.start())
            return ("date", f"{y}-{_int(gd['m'], g):02d}", f"{y}-{_int(gd['m'], g):02d}") if y else None
        if kind == "decade":
            return "date", gd["y"][:3] + "X", gd["y"][:3] + "X"
        if kind in ("relmonth", "relmonthday"):
            if pub is None:
                return None
            y, mo = _shift_month(pub.year, pub.month, g.months[gd["r"]])
            if kind == "relmonth":
                return "date", f"{y}-{mo:02d}", f"{y}-{mo:02d}"
            try:
                d = dt.date(y, mo, int(gd["d"])).isoformat()  # "다음 달 1일"
            except ValueError:
                return None
            return "date", d, d
        if kind == "month":
            month = _int(gd["m"], g)
            w = gd.get("w")
            if w is None:
                y = self._yearless(text, m.start(), pub)
            elif pub is None:
                return None
            elif w in g.last:
                y = pub.year - (1 if month > pub.month else 0)
            elif w in g.coming:
                y = pub.year + (1 if month < pub.month else 0)
            else:
                y = pub.year
            return ("date", f"{y}-{month:02d}", f"{y}-{month:02d}") if y else None
        if kind == "day":
            if pub is None:
                return None
            day = int(gd["d"])
            y, mo = pub.year, pub.month
            if gd.get("w") in g.last and day > pub.day:
                y, mo = _shift_month(y, mo, -1)
            elif gd.get("w") in g.coming and day < pub.day:
                y, mo = _shift_month(y, mo, 1)
            try:
                d = dt.date(y, mo, day).isoformat()
            except ValueError:
                return None
            return "date", d, d
        if kind == "relday":
            delta = g.days[gd["r"]]
            if isinstance(delta, str):
                return "relative", delta, None  # resolved against the last event's day
            if pub is None:
                return None
            d = (pub + dt.timedelta(days=delta)).isoformat()
            return "date", d, d
        if kind == "weekday":
            if pub is None:
                return None
            delta = -((pub.weekday() - g.words[gd["wd"]]) % 7)  # news reports the past
            d = (pub + dt.timedelta(days=delta)).isoformat()
            return "date", d, d
        if kind == "relyear":
            y = self._year(gd, pub, text, m.start())
            return ("date", str(y), str(y)) if y is not None else None
        if kind == "year":
            return "date", gd["y"], gd["y"]
        return None

    def _era(self, gd: dict) -> tuple[str, str | None, str | None] | None:
        """A date written in an era year: the civil date given with it, else the era year's
        month and day in civil years, else the civil months the era year spans."""
        if gd.get("gy"):
            y, month, day = int(gd["gy"]), gd.get("gm"), gd.get("gd")
        else:
            if self.g.era is None:
                return None
            offset, first = self.g.era
            month, day = gd.get("m"), gd.get("d")
            if gd.get("lm"):  # a lunar month: its civil year (the month itself is not a civil month)
                y = str(int(gd["era"]) - offset + (1 if _int(gd["lm"], self.g) < first else 0))
                return "date", y, y
            if month is None:
                lo = f"{int(gd['era']) - offset}-{first:02d}"
                hi = f"{int(gd['era']) - offset + 1}-{first - 1:02d}" if first > 1 else lo[:4] + "-12"
                return "date", lo, hi
            y = int(gd["era"]) - offset + (1 if _int(month, self.g) < first else 0)
        if month is None:
            return "date", str(y), str(y)
        try:
            when = dt.date(y, _int(month, self.g), int(day) if day else 1)
        except ValueError:
            return None
        iso = when.isoformat() if day else when.isoformat()[:7]
        return "date", iso, iso

    def find(self, text: str, start: int, end: int, published: dt.date | None) -> list[DateExpr]:
        """Date expressions in ``text[start:end]`` (normalised), left to right, never overlapping."""
        if not self.any.search(text, start, end):
            return []
        out: list[DateExpr] = []
        taken: list[tuple[int, int]] = []
        for kind, rx in self.compiled:
            for m in rx.finditer(text, start, end):
                if m.end() == m.start() or any(m.start() < e and s < m.end() for s, e in taken):
                    continue
                resolved = self._resolve(kind, m, text, published)
                if resolved is None:
                    continue
                k, lo, hi = resolved
                out.append(DateExpr(m.start(), m.end(), k, lo, hi))
                taken.append((m.start(), m.end()))
        out.sort(key=lambda d: d.start)
        return out
