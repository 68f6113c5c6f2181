"""Numbers, periods and dates written for readers: "$890 million", "10.7%", "16 May 2024"."""

from __future__ import annotations

_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "KRW": "₩", "CNY": "CN¥"}
_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")


def number(value: float) -> str:
    """A number with at most the digits it was stated with: 8.4, 1,200, 0.25."""
    if float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:,.6g}" if abs(value) < 1e6 else f"{value:,.0f}"


def figure(value: float | None, unit: str | None) -> str:
    """A value in its unit, as a reader writes it: "$890 million", "10.7%", "×20", "#2", "12,000"."""
    if value is None:
        return "?"
    if unit == "percent":
        return f"{value:g}%"
    if unit == "times":
        return f"×{value:g}"
    if unit == "rank":
        return f"#{value:g}"
    if unit in (None, "count"):
        return number(value)
    prefix = _SYMBOLS.get(unit, unit + " ")
    for div, word in _SCALES:
        if abs(value) >= div:
            return f"{prefix}{value / div:g} {word}"
    return f"{prefix}{number(value)}"


def date(iso: str | None) -> str:
    """A partial ISO date for readers: "2024", "May 2024", "16 May 2024", "1970s"."""
    if not iso:
        return ""
    if iso.endswith("X"):
        return iso[:-1] + "0s"
    parts = iso.split("-")
    try:
        if len(parts) == 3:
            return f"{int(parts[2])} {_MONTHS[int(parts[1]) - 1]} {parts[0]}"
        if len(parts) == 2:
            return f"{_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    except (ValueError, IndexError):
        return iso
    return iso


def period(start: str | None, end: str | None) -> str:
    """A period for readers: "2024", "January–June 2025", "1996–2022", "to 2024", "since 1997"."""
    if start is None and end is None:
        return "no period given"
    if start == end:
        return date(start)
    if start is None:
        return f"to {date(end)}"
    if end is None:
        return f"since {date(start)}"
    s, e = start.split("-"), end.split("-")
    if len(s) == len(e) == 2 and s[0] == e[0]:
        return f"{_MONTHS[int(s[1]) - 1]}–{_MONTHS[int(e[1]) - 1]} {s[0]}"
    return f"{date(start)}–{date(end)}"
