"""What a brief says, gathered from the store: figures, events, charts, conflicts, sources, notes.

``gather`` asks the store (``bilateral.query``) and returns a ``Brief``:
plain data, already written for readers (``bilateral.format``), that the
HTML, Markdown and PDF renderers lay out. Every figure and event cites the
reports it rests on through numbered ``Note``s; a note quotes the sentence and
names its document, and the same report cited twice keeps one number. Notes are
numbered source by source (sources in the order the brief first cites them), so
that the list of sources can give each document once with its quoted sentences.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from bilateral import charts, query
from bilateral import format as fmt
from bilateral.model import SYMMETRIC
from bilateral.store import Store

# A brief has the length of a brief whatever the size of the store: a headline figure cites its
# best reports, an event, a point of a chart and each side of a conflict its best one, and says
# how many more there are ("+9,997 more reports"); the chronology and the conflicts are the most
# recent ones. The CLI's timeline and conflicts commands list everything.
CITES = {"figure": 3, "relations": 2, "event": 1, "point": 1}
CHRONOLOGY_LIMIT = 60
CONFLICT_LIMIT = 20
CHART_REPORTS = 4  # reports drawn per point of a chart
CONFLICT_LABELS = {
    "rounding": "Rounding", "source": "Different statistics sources", "magnitude": "Likely magnitude slip",
    "digits": "Likely transposed digits", "pledged_vs_actual": "Pledged against actual",
    "cumulative_decrease": "A cumulative total that falls", "different_period": "Different periods",
    "same_document": "Two figures in one document", "disagreement": "Plain disagreement",
}


@dataclass
class Note:
    """A cited report: its sentence and its document."""

    number: int
    record_id: int
    quote: str
    doc: str
    title: str
    publisher: str
    published: str  # for readers: "16 May 2024"
    url: str | None


@dataclass
class Cited:
    """Something the brief states, with the notes it rests on."""

    notes: list[Note]
    more: int = 0  # reports not cited (n_reports beyond the cited ones)


@dataclass
class Stated(Cited):
    """A figure or an event: what it is and between whom."""

    label: str = ""
    direction: str = ""


@dataclass
class Figure(Stated):
    """A headline figure: its value and period, and how many documents give it."""

    value: str = ""
    period: str = ""
    sources: int = 0  # documents
    conflict: str | None = None

    @property
    def conflict_text(self) -> str:
        return (self.conflict or "").replace("_", " ")


@dataclass
class Entry(Stated):
    """An event of the chronology, its date written for readers."""

    date: str = ""
    actors: str = ""
    date_conflict: str | None = None


@dataclass
class ChartValue(Cited):
    """A point of a chart, given in words under it."""

    period: str = ""
    value: str = ""


@dataclass
class Chart:
    title: str
    svg: str
    description: str
    values: list[ChartValue]


@dataclass
class ConflictReport(Cited):
    """One side of a conflict: a report's value, period and document."""

    value: str = ""
    period: str = ""
    document: str = ""


@dataclass
class Conflict:
    indicator: str
    kind: str
    explanation: str
    reports: list[ConflictReport]


@dataclass
class Source:
    doc: str
    title: str
    publisher: str
    published: str
    url: str | None
    notes: list[Note]


@dataclass
class Brief:
    pair: str
    countries: tuple[str, str]
    title: str
    since: str | None
    generated: str
    glance: list[Figure]
    relations: list[Entry]
    chronology: list[Entry]
    chronology_total: int
    charts: list[Chart]
    conflicts: list[Conflict]
    conflicts_total: int
    sources: list[Source] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    record: dict[str, int] = field(default_factory=dict)  # the pair's documents, facts and events in the store

    @property
    def since_text(self) -> str:
        return fmt.date(self.since)


class _Notes:
    """Numbers notes in the order they are first cited; one note per sentence of a document."""

    def __init__(self) -> None:
        # Two records read from one sentence (a visit and the loan signed during it) share its note.
        self.by_sentence: dict[tuple[Any, int, int], Note] = {}

    def cite(self, sources: list[dict[str, Any]], total: int | None = None, limit: int = 1) -> Cited:
        cited = []
        for s in sources[:limit]:
            ev = s["evidence"]
            key = (s.get("document_id", s.get("doc")), ev["start"], ev["end"])
            note = self.by_sentence.get(key)
            if note is None:
                note = Note(len(self.by_sentence) + 1, s["record_id"], " ".join(ev["text"].split()),
                            s.get("doc") or "", s.get("title") or s.get("doc") or "", s.get("publisher") or "",
                            fmt.date(s.get("published")), s.get("url"))
                self.by_sentence[key] = note
            if note not in cited:
                cited.append(note)
        return Cited(cited, max(0, (total if total is not None else len(sources)) - len(sources[:limit])))

    def by_source(self) -> tuple[list[Source], list[Note]]:
        """The cited documents in the order of their first citation, each with its notes, renumbered."""
        sources: dict[str, Source] = {}
        for n in sorted(self.by_sentence.values(), key=lambda n: n.number):
            sources.setdefault(n.doc, Source(n.doc, n.title, n.publisher, n.published, n.url, [])).notes.append(n)
        ordered = [n for src in sources.values() for n in src.notes]
        for number, n in enumerate(ordered, 1):
            n.number = number
        return list(sources.values()), ordered


def value_text(item: dict[str, Any], unit: str | None) -> str:
    """A fact's or a report's value for readers, with its approximation: "about $1.2 billion"."""
    if item.get("value") is None and item.get("low") is not None and item.get("high") is not None:
        text = f"{fmt.figure(item['low'], unit)}–{fmt.figure(item['high'], unit)}"
    else:
        text = fmt.figure(item.get("value") if item.get("value") is not None
                          else item.get("low") if item.get("low") is not None else item.get("high"), unit)
    return {"about": "about ", "over": "over ", "under": "under "}.get(item.get("approx") or "", "") + text


def _period(p: dict[str, Any] | None) -> str:
    return fmt.period(p["start"], p["end"]) if p else "no period given"


def _direction(kind: str, from_: str | None, to: str | None) -> str:
    return fmt.direction(from_, to, kind in SYMMETRIC)


def _ends_since(period: dict[str, Any], since: str | None) -> bool:
    end = period.get("end") or period.get("start")
    return since is None or end is None or end[: len(since)] >= since


def gather(store: Store, pair: str, *, since: str | None = None, chronology_limit: int = CHRONOLOGY_LIMIT,
           conflict_limit: int = CONFLICT_LIMIT) -> Brief:
    """The brief of a country pair (``"KH-KR"``, ``"KH,KR"``), from ``since`` (a partial ISO date) on."""
    code = query.pair_code(pair)
    a, b = code.split("-")
    notes = _Notes()

    # How the relationship began, broke and resumed belongs at a glance whatever the period asked.
    relations = [_entry(e, notes, CITES["relations"]) for kind in ("relations.established", "relations.severed", "relations.restored")
                 for e in query.timeline(store, pair=code, event=kind, status="actual", limit=1)]
    glance = []
    for f in query.key_figures(store, code):
        if not _ends_since(f["period"], since):
            continue
        cited = notes.cite(f["sources"], f["n_reports"], CITES["figure"])
        glance.append(Figure(cited.notes, cited.more, fmt.indicator(f["indicator"], f["measure"]),
                             _direction(f["indicator"], f["from"], f["to"]), value_text(f, f["unit"]),
                             _period(f["period"]), f["n_documents"], f["conflict"]))

    events = query.timeline(store, pair=code, status="actual", since=since, limit=0)
    chronology = [_entry(e, notes, CITES["event"]) for e in events[-chronology_limit:]] if chronology_limit else []

    chart_list = []
    for indicator in query.HEADLINE_INDICATORS:
        line = charts.main_line(query.series(store, indicator, pair=code, since=since))
        if line is None:
            continue
        svg = charts.series_svg(line, chart_id=f"chart-{indicator.replace('.', '-')}", max_reports=CHART_REPORTS)
        values = []
        for p in charts.chart_points(line):
            cited = notes.cite(p["sources"], p["n_reports"], CITES["point"])
            values.append(ChartValue(cited.notes, cited.more, _period(p["period"]), value_text(p, line["unit"])))
        chart_list.append(Chart(charts.title_of(line), svg, charts.describe(line), values))

    clashes = query.conflicts_of(store, pair=code, since=since, limit=conflict_limit) if conflict_limit else []
    conflict_list = []
    for c in clashes:
        reports = []
        for r in c["reports"]:
            cited = notes.cite([r])
            reports.append(ConflictReport(cited.notes, 0, value_text(r, r.get("unit")), _period(r.get("period")),
                                          r.get("title") or r.get("doc") or ""))
        conflict_list.append(Conflict(fmt.indicator(c["indicator"]), CONFLICT_LABELS.get(c["kind"], c["kind"]),
                                      c["explanation"], reports))

    sources, note_list = notes.by_source()
    record = next(({k: p[k] for k in ("documents", "facts", "events")} for p in query.pairs(store)
                   if p["pair"] == code), {"documents": 0, "facts": 0, "events": 0})
    names = (fmt.country(a), fmt.country(b))
    return Brief(code, names, f"{names[0]} and {names[1]}", since, fmt.date(date.today().isoformat()), glance,
                 relations, chronology, len(events), chart_list, conflict_list,
                 query.count_conflicts(store, pair=code, since=since), sources, note_list, record)


def _entry(e: dict[str, Any], notes: _Notes, limit: int) -> Entry:
    cited = notes.cite(e["reports"], e["n_reports"], limit)
    return Entry(cited.notes, cited.more, label=fmt.event(e["event"]),
                 direction=_direction(e["event"], e["from"], e["to"]), date=fmt.date(e["date"]) or "undated",
                 actors=", ".join(e["actors"]), date_conflict=e["date_conflict"])
