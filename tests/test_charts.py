"""Series charts: valid, accessible SVG with every report where its value puts it."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from bilateral import charts
from bilateral import format as fmt

NS = {"svg": "http://www.w3.org/2000/svg"}


def _source(record_id: int, value: float | None, sentence: str, *, agrees: bool = True, **extra) -> dict:
    return {"record_id": record_id, "doc": f"doc-{record_id}.txt", "document_id": record_id,
            "title": f"Article {record_id}", "publisher": "Mekong Wire", "published": "2022-03-04",
            "url": f"https://example.org/{record_id}", "value": value, "low": None, "high": None, "approx": None,
            "attributed_to": None, "evidence": {"start": 0, "end": len(sentence), "text": sentence},
            "agrees": agrees, **extra}


def _point(fact_id: str, start: str | None, end: str | None, value: float | None, sources: list[dict],
           **extra) -> dict:
    return {"id": fact_id, "indicator": "trade.total", "measure": "level", "period": {"start": start, "end": end},
            "scope": "flow", "status": "actual", "unit": "USD", "value": value, "low": None, "high": None,
            "approx": None, "conflict": None, "sources": sources, **extra}


def _line(points: list[dict], **extra) -> dict:
    return {"indicator": "trade.total", "measure": "level", "status": "actual", "pair": "KH-KR", "from": "KH",
            "to": "KR", "unit": "USD", "points": points, **extra}


def _parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    return root


def _reports(root: ET.Element) -> dict[str, ET.Element]:
    return {el.get("data-record-id"): el for el in root.iterfind(".//*[@data-record-id]")}


def _tick_positions(root: ET.Element) -> dict[str, float]:
    """The y of each value-axis label, by its text (the label sits 3.5 below its grid line)."""
    axis = root.find("svg:g[@class='axis y']", NS)
    return {t.text: float(t.get("y")) - 3.5 for t in axis.iterfind("svg:text", NS)}


@pytest.fixture
def three_years() -> dict:
    return _line([
        _point("f1", "2019", "2019", 100e6, [_source(1, 100e6, "Trade was $100 million in 2019.")]),
        _point("f2", "2020", "2020", 200e6, [_source(2, 200e6, "Trade doubled to $200 million in 2020."),
                                             _source(3, 200e6, "In 2020 the two traded $200 million.")]),
        _point("f3", "2021", "2021", 150e6, [_source(4, 150e6, "Trade fell to $150 million in 2021.")]),
        _point("f4", "2022-01", "2022-06", 90e6, [_source(5, 90e6, "In the first half of 2022 trade was $90m.")]),
    ])


def test_valid_accessible_svg(three_years: dict) -> None:
    root = _parse(charts.series_svg(three_years, chart_id="trade"))
    title, desc = root[0], root[1]
    assert title.tag.endswith("title") and desc.tag.endswith("desc")
    assert root.get("role") and root.get("aria-labelledby") == title.get("id") == "trade-title"
    assert root.get("aria-describedby") == desc.get("id") == "trade-desc"
    assert "Two-way trade" in title.text and "Cambodia" in title.text and "South Korea" in title.text
    assert "2019" in desc.text and "2021" in desc.text and "$150 million" in desc.text
    # The half-year figure is not a year's: left out of the annual chart, and the description says so.
    assert "5" not in _reports(root) and "1 other figure" in desc.text
    # Vector only: nothing to run, nothing to fetch.
    assert not root.findall(".//svg:script", NS) and not root.findall(".//svg:image", NS)
    assert "href" not in charts.series_svg(three_years) and "url(" not in charts.series_svg(three_years)


def test_reports_sit_at_their_values(three_years: dict) -> None:
    root = _parse(charts.series_svg(three_years))
    ticks = _tick_positions(root)
    zero, hundred = ticks["0"], ticks["$100M"]
    per_dollar = (zero - hundred) / 100e6
    reports = _reports(root)
    assert set(reports) == {"1", "2", "3", "4"}
    for rid, value in (("1", 100e6), ("2", 200e6), ("3", 200e6), ("4", 150e6)):
        assert float(reports[rid].get("cy")) == pytest.approx(zero - value * per_dollar, abs=0.02)
    # Years left to right, two reports of one year side by side, not on top of each other.
    xs = {rid: float(el.get("cx")) for rid, el in reports.items()}
    assert xs["1"] < xs["2"] < xs["3"] < xs["4"]
    assert xs["3"] - xs["2"] >= 3
    # Each report names its sentence and document, and can take the focus.
    el = reports["2"]
    tip = el.find("svg:title", NS).text
    assert "Trade doubled to $200 million in 2020." in tip and "Article 2" in tip and "Mekong Wire" in tip
    assert "4 March 2022" in tip and el.get("tabindex") == "0" and el.get("data-fact-id") == "f2"
    facts = root.findall(".//svg:rect[@data-fact-id]", NS)
    assert [f.get("data-fact-id") for f in facts] == ["f1", "f2", "f3"]


def test_year_labels_under_their_points(three_years: dict) -> None:
    root = _parse(charts.series_svg(three_years))
    labels = {t.text: float(t.get("x")) for t in root.find("svg:g[@class='axis x']", NS).iterfind("svg:text", NS)}
    fact_x = {f.get("data-fact-id"): float(f.get("x")) + 7 for f in root.iterfind(".//svg:rect", NS)}
    assert labels["2019"] == pytest.approx(fact_x["f1"]) and labels["2021"] == pytest.approx(fact_x["f3"])


def test_a_far_off_report_does_not_flatten_the_chart(three_years: dict) -> None:
    three_years["points"][1]["conflict"] = "magnitude"
    three_years["points"][1]["sources"].append(
        _source(9, 200e9, "Trade reached $200 billion in 2020.", agrees=False))
    root = _parse(charts.series_svg(three_years))
    labels = set(_tick_positions(root))
    assert "$200M" in labels and not any(label.endswith("B") for label in labels)
    far = _reports(root)["9"]
    assert "off-scale" in far.get("class") and "disagrees" in far.get("class")
    assert "$200 billion" in far.find("svg:title", NS).text
    assert "conflict" in root.find(".//svg:rect[@data-fact-id='f2']", NS).get("class")


def test_reports_per_point_can_be_capped(three_years: dict) -> None:
    point = three_years["points"][1]
    point["sources"] = [_source(10 + i, 200e6, f"Report {i}.") for i in range(6)]
    point["sources"].insert(3, _source(99, 20e6, "A slip: $20 million.", agrees=False))
    point["n_reports"] = 40
    root = _parse(charts.series_svg(three_years, max_reports=3))
    drawn = [rid for rid in _reports(root) if rid not in {"1", "4"}]
    assert drawn == ["10", "11", "99"]  # the one that disagrees is kept, the others in their order
    assert "40 reports" in root.find(".//svg:rect[@data-fact-id='f2']/svg:title", NS).text
    assert len(_reports(_parse(charts.series_svg(three_years)))) == 9


def test_text_is_escaped_and_kept() -> None:
    nasty = 'Trade hit "$5 million" <script>alert(1)</script> & more; 한국 ពាណិជ្ជកម្ម.'
    line = _line([_point("f1", "2019", "2019", 5e6, [_source(1, 5e6, nasty)]),
                  _point("f2", "2020", "2020", 6e6, [_source(2, 6e6, "Six.")])])
    root = _parse(charts.series_svg(line))
    assert not root.findall(".//svg:script", NS)
    assert nasty in _reports(root)["1"].find("svg:title", NS).text


def test_other_periods_when_there_are_not_two_years() -> None:
    line = _line([
        _point("f1", "1991", "2008", 150e6, [_source(1, 150e6, "Aid since 1991 totalled $150 million.")],
               scope="cumulative"),
        _point("f2", "2009", "2009", 20e6, [_source(2, 20e6, "In 2009 aid was $20 million.")]),
        _point("f3", None, None, 7e6, [_source(3, 7e6, "Aid of $7 million, period unknown.")]),
    ])
    root = _parse(charts.series_svg(line))
    assert set(_reports(root)) == {"1", "2"}  # no period, no place on a time axis
    span = root.find(".//svg:line[@class='span']", NS)
    assert span is not None and float(span.get("x2")) - float(span.get("x1")) > 100
    assert not root.findall(".//svg:polyline", NS)  # figures of different kinds are not joined


def test_empty_and_ranges() -> None:
    root = _parse(charts.series_svg(_line([]), chart_id="empty"))
    assert "No figure" in root.find("svg:desc", NS).text
    ranged = _point("f1", "2019", "2019", None, [_source(1, None, "Between $2 and $4 million.", low=2e6, high=4e6)],
                    low=2e6, high=4e6)
    root = _parse(charts.series_svg(_line([ranged])))
    assert root.find(".//svg:line[@class='range']", NS) is not None
    assert "$2 million–$4 million" in _reports(root)["1"].find("svg:title", NS).text


def test_main_line_prefers_whole_years() -> None:
    few = _line([_point("a", "2019", "2019", 1e6, [_source(1, 1e6, "x")] * 5)], unit="KRW")
    many = _line([_point("b", "2019", "2019", 1e6, [_source(2, 1e6, "y")]),
                  _point("c", "2020", "2020", 2e6, [_source(3, 2e6, "z")])])
    assert charts.main_line([few, many]) is many
    assert charts.main_line([_line([_point("d", None, None, 1e6, [])])]) is None


def test_reader_formats() -> None:
    assert fmt.compact(1.25e9, "USD") == "$1.25B" and fmt.compact(250e6, "USD") == "$250M"
    assert fmt.compact(329_909, "count") == "330k" and fmt.compact(0, "USD") == "0"
    assert fmt.country("KR") == "South Korea" and fmt.country("KH") == "Cambodia" and fmt.country("IR") == "Iran"
    assert fmt.direction("KR", "KH", symmetric=False) == "South Korea → Cambodia"
    assert fmt.indicator("trade.total") == "Two-way trade" and fmt.event("relations.restored") == "Relations restored"
