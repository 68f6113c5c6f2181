"""Charts of series as server-rendered SVG: one definition for the web UI and the PDF brief.

API
---
``series_svg(line, *, chart_id=None, title=None, width=640, height=260, annual=True, max_reports=None) -> str``
    ``line`` is one item of ``bilateral.query.series(...)`` (a dict with
    ``indicator``, ``measure``, ``from``, ``to``, ``unit`` and ``points``: facts
    with ``id``, ``period``, ``value``/``low``/``high``, ``approx``,
    ``conflict`` and ``sources``). Returns one ``<svg>`` element as a string:
    valid XML in the SVG namespace, inline in HTML5 or saved as a ``.svg``
    file; vector only, no script, no external font or asset, colours as
    presentation attributes (page CSS may override them through the classes).
    With ``annual=True`` (the default) the chart shows the whole-year flows
    when there are at least two (a January–October figure is not comparable
    with a year's), otherwise every point with a value; see ``chart_points``.
    ``max_reports`` caps the reports drawn per point (those that disagree
    first, then those that agree, in the order of ``sources``); the point's
    ``<title>`` still counts them all.

``main_line(lines) -> dict | None``
    Of the lines ``query.series`` returns for one indicator (one per
    direction and unit), the one worth a chart: the most whole-year points,
    then the most reports. ``None`` when no line has a point to draw.

``chart_points(line, annual=True) -> list[dict]``
    The points ``series_svg`` draws.

``title_of(line) -> str``, ``describe(line, annual=True) -> str``
    The chart's title and its description in words (its ``<title>`` and
    ``<desc>``), for a caption or a figure's alt text.

Markup (what the web UI can rely on)
------------------------------------
- ``<svg class="bilateral-chart" id=CHART_ID role="figure"
  aria-labelledby=CHART_ID-title aria-describedby=CHART_ID-desc>`` whose first
  children are ``<title id=CHART_ID-title>`` (indicator, direction, unit) and
  ``<desc id=CHART_ID-desc>`` (what the chart shows in words: span, latest
  value, how many points and reports, what was left out).
- ``<g class="facts">``: one ``<rect class="fact" data-fact-id=...>`` per
  point (the best value of its period), with a ``<title>``; points with a
  conflict also have the class ``conflict``.
- ``<g class="reports">``: one element per source report with the class
  ``report``, ``data-record-id`` (the record id: ``source["record_id"]``),
  ``data-fact-id``, ``data-doc``, ``tabindex="0"``, ``role="img"`` and a
  ``<title>`` (its accessible name) quoting the source sentence and naming its
  document (title, publisher, date). Reports that disagree with the best value
  have the class ``disagrees``; those beyond the axis (a ×1000 slip) are drawn
  as a triangle at the edge with the class ``off-scale``.
- ``<g class="axis y">`` and ``<g class="axis x">`` hold ticks and labels.
"""

from __future__ import annotations

import functools
import math
import re
import xml.etree.ElementTree as ET
from datetime import date as _date
from typing import Any

from bilateral import format as fmt
from bilateral.model import SYMMETRIC

__all__ = ["chart_points", "describe", "main_line", "series_svg", "source_line", "title_of"]

SVG_NS = "http://www.w3.org/2000/svg"
FONT = "'Noto Sans', 'DejaVu Sans', 'Liberation Sans', Arial, sans-serif"
INK, MUTED, GRID, LINE, REPORT, CLASH = "#1f2328", "#57606a", "#d8dee4", "#0b5cad", "#0b5cad", "#b35900"
MARGIN = {"left": 64, "right": 16, "top": 16, "bottom": 34}


# -- which points ----------------------------------------------------------------

def _is_year(value: str | None) -> bool:
    return value is not None and len(value) == 4 and value.isdigit()


def _annual(point: dict[str, Any]) -> bool:
    p = point["period"]
    return p["start"] == p["end"] and _is_year(p["end"]) and point.get("scope") != "cumulative"


def _value(item: dict[str, Any]) -> float | None:
    """The value a point stands at: its value, or the middle of its range."""
    if item.get("value") is not None:
        return float(item["value"])
    low, high = item.get("low"), item.get("high")
    if low is not None and high is not None:
        return (float(low) + float(high)) / 2
    return None if low is None and high is None else float(low if low is not None else high)


def chart_points(line: dict[str, Any], annual: bool = True) -> list[dict[str, Any]]:
    """The points of a series line that a chart draws (see the module docstring)."""
    drawable = [p for p in line["points"] if _value(p) is not None and _x_of(p["period"]) is not None]
    if annual:
        years = [p for p in drawable if _annual(p)]
        if len(years) >= 2:
            return years
    return drawable


def main_line(lines: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The line of an indicator worth charting: most whole-year points, then most reports."""
    def weight(line: dict[str, Any]) -> tuple[int, int]:
        points = chart_points(line, annual=False)
        return sum(_annual(p) for p in points), sum(p.get("n_reports") or len(p.get("sources") or ()) for p in points)

    candidates = [line for line in lines if chart_points(line, annual=False)]
    return max(candidates, key=weight) if candidates else None


# -- time as a number of years ------------------------------------------------------

_PARTIAL = re.compile(r"^(\d{3})X$|^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@functools.lru_cache(maxsize=4096)  # a pair page asks about the same few hundred periods a hundred thousand times
def _years(iso: str | None, end: bool) -> float | None:
    """A partial ISO date as fractional years, at the start of what it names or (``end``) its end."""
    if not iso:
        return None
    m = _PARTIAL.match(iso)
    if m is None:
        return None
    decade, year, month, day = m.groups()
    if decade:
        return int(decade) * 10 + (10 if end else 0)
    y = int(year)
    if month is None:
        return y + (1 if end else 0)
    mo = int(month)
    if day is None:
        return y + (mo - (0 if end else 1)) / 12
    try:
        d = _date(y, mo, int(day))
    except ValueError:
        return None
    length = (_date(y + 1, 1, 1) - _date(y, 1, 1)).days
    return y + (d.timetuple().tm_yday - (0 if end else 1)) / length


def _x_of(period: dict[str, Any] | None) -> float | None:
    """Where a period sits on the time axis: its middle; a total up to a date at that date."""
    if not period:
        return None
    start, end = _years(period.get("start"), False), _years(period.get("end"), True)
    if start is not None and end is not None:
        return (start + end) / 2
    return end if end is not None else start


# -- axis ticks --------------------------------------------------------------------

def _nice_step(span: float, count: int) -> float:
    raw = span / max(count, 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 2.5, 5, 10):
        if raw <= m * magnitude:
            return m * magnitude
    return 10 * magnitude


def _value_ticks(low: float, high: float, count: int = 5) -> list[float]:
    if high == low:
        high = low + (abs(low) or 1)
    step = _nice_step(high - low, count)
    first, last = math.floor(low / step), math.ceil(high / step)
    return [round(i * step, 10) for i in range(first, last + 1)]


def _year_ticks(first: int, last: int, room: int) -> list[int]:
    """Years to label: every 1, 2, 5, 10... years, as many as fit."""
    span = last - first + 1
    for step in (1, 2, 5, 10, 20, 25, 50, 100):
        if span / step <= room:
            break
    return [y for y in range(first, last + 1) if y % step == 0] or [first]


# -- drawing ------------------------------------------------------------------------

def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: Any) -> ET.Element:
    el = ET.SubElement(parent, tag, {k.rstrip("_").replace("_", "-"): _attr(v) for k, v in attrs.items()
                                     if v is not None})
    if text is not None:
        el.text = text
    return el


def _attr(v: Any) -> str:
    return f"{v:.2f}".rstrip("0").rstrip(".") if isinstance(v, float) else str(v)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _figure(item: dict[str, Any], unit: str | None) -> str:
    if item.get("value") is None and item.get("low") is not None and item.get("high") is not None:
        text = f"{fmt.figure(item['low'], unit)}–{fmt.figure(item['high'], unit)}"
    else:
        text = fmt.figure(_value(item), unit)
    return {"about": "about ", "over": "over ", "under": "under "}.get(item.get("approx") or "", "") + text


def source_line(source: dict[str, Any]) -> str:
    """A report's document for readers: "Title, Publisher, 16 May 2024"."""
    parts = [source.get("title") or source.get("doc") or "", source.get("publisher") or "",
             fmt.date(source.get("published"))]
    return ", ".join(p for p in parts if p)


def _report_text(source: dict[str, Any], unit: str | None, when: str) -> str:
    sentence = " ".join((source.get("evidence") or {}).get("text", "").split())
    return f"{_figure(source, unit)} ({when}): “{sentence}” — {source_line(source)}"


def series_svg(line: dict[str, Any], *, chart_id: str | None = None, title: str | None = None,
               width: int = 640, height: int = 260, annual: bool = True, max_reports: int | None = None) -> str:
    """The chart of one series line as an ``<svg>`` element (see the module docstring)."""
    unit = line.get("unit")
    points = sorted(chart_points(line, annual), key=lambda p: _x_of(p["period"]))
    chart_id = chart_id or "chart-" + _slug(f"{line['indicator']}-{line.get('from')}-{line.get('to')}-{unit}")
    title = title or title_of(line)

    svg = ET.Element("svg", {
        "xmlns": SVG_NS, "class": "bilateral-chart", "id": chart_id, "role": "figure",
        "aria-labelledby": f"{chart_id}-title", "aria-describedby": f"{chart_id}-desc",
        "viewBox": f"0 0 {width} {height}", "width": str(width), "height": str(height),
        "font-family": FONT, "font-size": "11", "fill": INK,
    })
    _sub(svg, "title", title, id=f"{chart_id}-title")
    _sub(svg, "desc", describe(line, annual), id=f"{chart_id}-desc")
    if not points:
        _sub(svg, "text", "No figures to chart.", x=width / 2, y=height / 2, text_anchor="middle", fill=MUTED)
        return ET.tostring(svg, encoding="unicode")

    # The value axis covers every best value and every report that agrees with one; a report
    # that disagrees by orders of magnitude must not flatten the chart: it is drawn at the edge.
    shown = [v for p in points for v in (_value(p), p.get("low"), p.get("high")) if v is not None]
    shown += [_value(s) for p in points for s in p.get("sources") or () if s.get("agrees", True) and _value(s) is not None]
    ticks = _value_ticks(min(0.0, *shown), max(0.0, *shown))
    y_low, y_high = ticks[0], ticks[-1]
    left, right = MARGIN["left"], width - MARGIN["right"]
    top, bottom = MARGIN["top"], height - MARGIN["bottom"]

    def y(v: float) -> float:
        return bottom - (v - y_low) / (y_high - y_low) * (bottom - top)

    xs = [_x_of(p["period"]) for p in points]
    ends = [t for p in points for t in (_years(p["period"]["start"], False), _years(p["period"]["end"], True))
            if t is not None]
    first_year, last_year = math.floor(min(xs + ends)), math.ceil(max(xs + ends)) - 1
    if last_year < first_year:
        last_year = first_year
    t_low, t_high = first_year, last_year + 1.0

    def x(t: float) -> float:
        return left + (t - t_low) / (t_high - t_low) * (right - left)

    axis_y = _sub(svg, "g", class_="axis y", fill=MUTED)
    for v in ticks:
        _sub(axis_y, "line", x1=left, x2=right, y1=y(v), y2=y(v), stroke=INK if v == 0 else GRID,
             stroke_width=1 if v == 0 else 0.5)
        _sub(axis_y, "text", fmt.compact(v, unit), x=left - 6, y=y(v) + 3.5, text_anchor="end")
    axis_x = _sub(svg, "g", class_="axis x", fill=MUTED)
    _sub(axis_x, "line", x1=left, x2=right, y1=bottom, y2=bottom, stroke=INK, stroke_width=1)
    for year in _year_ticks(first_year, last_year, max(2, (right - left) // 44)):
        cx = x(year + 0.5)
        _sub(axis_x, "line", x1=cx, x2=cx, y1=bottom, y2=bottom + 4, stroke=INK, stroke_width=1)
        _sub(axis_x, "text", str(year), x=cx, y=bottom + 16, text_anchor="middle")

    connected = annual and all(_annual(p) for p in points) and len(points) > 1
    if connected:
        _draw_line(svg, [(x(t), y(_value(p))) for t, p in zip(xs, points, strict=True)],
                   [int(p["period"]["end"]) for p in points])

    facts_g = _sub(svg, "g", class_="facts")
    reports_g = _sub(svg, "g", class_="reports")
    slot = (right - left) / max(1.0, (t_high - t_low)) * 0.8  # the room a period has for its reports
    for t, p in zip(xs, points, strict=True):
        when = fmt.period(p["period"]["start"], p["period"]["end"])
        cx = x(t)
        if p.get("value") is None and p.get("low") is not None and p.get("high") is not None:
            _sub(facts_g, "line", class_="range", x1=cx, x2=cx, y1=y(p["low"]), y2=y(p["high"]), stroke=LINE,
                 stroke_width=2)
        start, end = _years(p["period"]["start"], False), _years(p["period"]["end"], True)
        if not connected and start is not None and end is not None and end - start > 1:
            # A figure over several years is drawn across them, not as if it were one year's.
            _sub(facts_g, "line", class_="span", x1=x(start), x2=x(end), y1=y(_value(p)), y2=y(_value(p)),
                 stroke=CLASH if p.get("conflict") else LINE, stroke_width=1, stroke_opacity=0.5)
        fact_el = _sub(facts_g, "rect", class_="fact conflict" if p.get("conflict") else "fact",
                       data_fact_id=p.get("id"), x=cx - 7, y=y(_value(p)) - 1.5, width=14, height=3,
                       fill=CLASH if p.get("conflict") else LINE)
        n = p.get("n_reports") or len(p.get("sources") or ())
        summary = f"{when}: {_figure(p, unit)}, {n} report{'s' if n != 1 else ''}"
        if p.get("conflict"):
            summary += f"; the sources disagree ({p['conflict'].replace('_', ' ')})"
        _sub(fact_el, "title", summary)
        sources = _drawn(p.get("sources") or [], max_reports)
        gap = min(7.0, slot / max(1, len(sources)))
        for i, s in enumerate(sources):
            _draw_report(reports_g, s, p, cx + (i - (len(sources) - 1) / 2) * gap, y, y_low, y_high, unit, when)
    return ET.tostring(svg, encoding="unicode")


def _draw_line(svg: ET.Element, xy: list[tuple[float, float]], years: list[int]) -> None:
    """The best values joined year to year; a dashed segment across years with no figure."""
    g = _sub(svg, "g", class_="line", fill="none", stroke=LINE, stroke_width=1.5)
    solid: list[tuple[float, float]] = [xy[0]]
    for i in range(1, len(xy)):
        if years[i] - years[i - 1] > 1:
            if len(solid) > 1:
                _sub(g, "polyline", points=" ".join(f"{_attr(a)},{_attr(b)}" for a, b in solid))
            _sub(g, "line", class_="gap", x1=xy[i - 1][0], y1=xy[i - 1][1], x2=xy[i][0], y2=xy[i][1],
                 stroke_dasharray="3 3", stroke_width=1)
            solid = [xy[i]]
        else:
            solid.append(xy[i])
    if len(solid) > 1:
        _sub(g, "polyline", points=" ".join(f"{_attr(a)},{_attr(b)}" for a, b in solid))


def _drawn(sources: list[dict[str, Any]], limit: int | None) -> list[dict[str, Any]]:
    """The reports of a point to draw: all, or up to ``limit``, those that disagree first."""
    if limit is None or len(sources) <= limit:
        return sources
    kept = [s for s in sources if not s.get("agrees", True)][:limit]
    kept += [s for s in sources if s.get("agrees", True)][: limit - len(kept)]
    return [s for s in sources if any(s is k for k in kept)]


def _draw_report(g: ET.Element, s: dict[str, Any], p: dict[str, Any], cx: float, y: Any, y_low: float,
                 y_high: float, unit: str | None, when: str) -> None:
    v = _value(s)
    text = _report_text(s, unit, when)
    agrees = s.get("agrees", True)
    classes = "report" if agrees else "report disagrees"
    common = {"data_record_id": s.get("record_id"), "data_fact_id": p.get("id"), "data_doc": s.get("doc"),
              "tabindex": 0, "role": "img"}
    color = REPORT if agrees else CLASH
    if v is not None and not (y_low <= v <= y_high):
        edge = y(y_high) if v > y_high else y(y_low)
        tip = -6 if v > y_high else 6
        el = _sub(g, "path", class_=classes + " off-scale", **common, fill="#fff", stroke=color, stroke_width=1.5,
                  d=f"M{_attr(cx)},{_attr(edge + tip)} l4,{-tip} h-8 z")
    else:
        cy = y(v if v is not None else _value(p))
        el = _sub(g, "circle", class_=classes, **common, cx=cx, cy=cy, r=3.5,
                  fill=color if agrees else "#fff", stroke=color, stroke_width=1.5)
    _sub(el, "title", text)


def title_of(line: dict[str, Any]) -> str:
    """A chart's title: "Two-way trade, Cambodia–South Korea (USD)"."""
    unit = line.get("unit")
    return (f"{fmt.indicator(line['indicator'], line.get('measure', 'level'))}, "
            f"{fmt.direction(line.get('from'), line.get('to'), line['indicator'] in SYMMETRIC)}"
            + (f" ({unit})" if unit not in (None, "count") else ""))


def describe(line: dict[str, Any], annual: bool = True) -> str:
    """What the chart of a line shows, in words (its ``<desc>``)."""
    unit = line.get("unit")
    points = sorted(chart_points(line, annual), key=lambda p: _x_of(p["period"]))
    if not points:
        return "No figure of this series has a value and a period to chart."
    n_reports = sum(p.get("n_reports") or len(p.get("sources") or ()) for p in points)
    last = points[-1]
    first_when = fmt.period(points[0]["period"]["start"], points[0]["period"]["end"])
    last_when = fmt.period(last["period"]["start"], last["period"]["end"])
    kind = "whole-year figures" if annual and all(_annual(p) for p in points) else "figures"
    text = (f"{len(points)} {kind} from {first_when} to {last_when}, from {n_reports} "
            f"report{'s' if n_reports != 1 else ''}; the last is {_figure(last, unit)} ({last_when}).")
    conflicts = sum(1 for p in points if p.get("conflict"))
    if conflicts:
        text += f" Sources disagree on {conflicts} of them."
    left_out = len(line["points"]) - len(points)
    if left_out:
        text += (f" {left_out} other figure{'s' if left_out != 1 else ''} (parts of years, totals over "
                 "several years, or without a value) are not drawn.")
    return text
