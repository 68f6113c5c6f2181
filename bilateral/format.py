"""Numbers, periods and dates written for readers: "$890 million", "10.7%", "16 May 2024"."""

from __future__ import annotations

from markupsafe import Markup

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


def compact(value: float, unit: str | None) -> str:
    """A figure short enough for a chart axis: "$1.5B", "$500M", "300k", "12%", "0"."""
    if unit == "percent":
        return f"{value:g}%"
    prefix = "" if unit in (None, "count", "times", "rank") else _SYMBOLS.get(unit, unit + " ")
    for div, letter in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= div:
            return f"{prefix}{value / div:.3g}{letter}"
    return f"{prefix}{value:.3g}" if value else "0"


# What the spec's indicator and event names mean, for readers.
INDICATOR_LABELS = {
    "trade.total": "Two-way trade", "trade.exports": "Exports", "investment.fdi": "Direct investment",
    "aid.oda": "Development aid", "tourism.arrivals": "Tourist arrivals", "people.workers": "Migrant workers",
    "people.students": "Students", "people.residents": "Residents", "companies.count": "Companies",
    "visits.count": "Official visits", "flights.weekly": "Weekly flights", "economy.gdp_growth": "GDP growth",
}
EVENT_LABELS = {
    "relations.established": "Diplomatic relations established", "relations.severed": "Relations severed",
    "relations.restored": "Relations restored", "mission.opened": "Mission opened", "mission.closed": "Mission closed",
    "visit": "Visit", "summit": "Summit", "meeting": "Meeting", "agreement.signed": "Agreement signed",
    "agreement.in_force": "Agreement in force", "partnership.upgraded": "Partnership upgraded",
    "credentials.presented": "Credentials presented",
}


def indicator(name: str, measure: str = "level") -> str:
    """ "trade.total" -> "Two-way trade"; other measures say what they are: "Two-way trade (change)"."""
    label = INDICATOR_LABELS.get(name, name)
    extra = {"change_pct": "change", "change_factor": "growth factor", "rank": "rank"}.get(measure)
    return f"{label} ({extra})" if extra else label


def event(name: str) -> str:
    """ "relations.restored" -> "Relations restored"."""
    return EVENT_LABELS.get(name, name)


def country(code: str | None) -> str:
    """An ISO 3166 alpha-2 code as people name the country: "KR" -> "South Korea", "KH" -> "Cambodia"."""
    if not code:
        return "?"
    import pycountry

    found = pycountry.countries.get(alpha_2=code.upper())
    if found is None:
        return code
    name = getattr(found, "common_name", None) or found.name
    # pycountry sorts names by their key word: "Korea, Republic of" is read "Republic of Korea".
    head, sep, tail = name.partition(", ")
    return f"{tail} {head}" if sep else name


def direction(from_: str | None, to: str | None, symmetric: bool) -> str:
    """ "Cambodia–South Korea" for a two-way figure, "South Korea → Cambodia" for a one-way one."""
    if to is None:
        return country(from_)
    return f"{country(from_)}{'–' if symmetric else ' → '}{country(to)}"


def lang_attr(text: str | None) -> Markup:
    """`` lang="ko"`` or `` lang="km"`` for an HTML element holding text written in Korean or
    Khmer, so the browser takes that script's fonts; nothing for other text, which keeps the page's."""
    # Imported here: bilateral.extract is not needed until a page is drawn.
    from bilateral.extract.lang import paragraph_language

    lang = paragraph_language(text) if text else None
    return Markup(f' lang="{lang}"') if lang in ("ko", "km") else Markup("")
