"""The records bilateral reads and writes.

These mirror the public JSON Lines format (``shared/spec/records.md``):
``Claim`` and ``Event`` serialise with ``to_dict()`` to exactly the spec's
fields, in the spec's order, plus optional extras (``attributed_to``, ``scope``
hints) that the spec allows. ``Document`` is what a reader returns.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Measure = Literal["level", "change_pct", "change_factor", "rank"]
Scope = Literal["flow", "cumulative", "point"]
ClaimStatus = Literal["actual", "pledged", "projected", "target"]
EventStatus = Literal["actual", "planned"]
Approx = Literal["about", "over", "under"]

INDICATORS: frozenset[str] = frozenset({
    "trade.total", "trade.exports", "investment.fdi", "aid.oda", "tourism.arrivals",
    "people.workers", "people.students", "people.residents", "companies.count",
    "visits.count", "flights.weekly", "economy.gdp_growth",
})
EVENT_TYPES: frozenset[str] = frozenset({
    "relations.established", "relations.severed", "relations.restored", "mission.opened",
    "mission.closed", "visit", "summit", "meeting", "agreement.signed", "agreement.in_force",
    "partnership.upgraded", "credentials.presented",
})
# Indicators and events whose direction is meaningless: the pair is written
# in alphabetical order of the ISO codes.
SYMMETRIC: frozenset[str] = frozenset({
    "trade.total", "flights.weekly", "relations.established", "relations.severed",
    "relations.restored", "meeting", "agreement.signed", "agreement.in_force",
    "partnership.upgraded",
})


@dataclass(frozen=True, slots=True)
class Evidence:
    """A span of the document text: ``text == document.text[start:end]``."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True)
class Period:
    """Partial ISO dates ("2019", "2019-03", "197X"); either end may be unknown."""

    start: str | None
    end: str | None

    def to_dict(self) -> dict[str, str | None]:
        return {"start": self.start, "end": self.end}


@dataclass(slots=True)
class Claim:
    """A quantity a source states about a country pair."""

    doc: str | None
    indicator: str
    measure: Measure
    value: float | None
    unit: str
    evidence: Evidence
    low: float | None = None
    high: float | None = None
    period: Period | None = None
    scope: Scope = "flow"
    from_: str | None = None
    to: str | None = None
    status: ClaimStatus = "actual"
    approx: Approx | None = None
    attributed_to: str | None = None
    type: Literal["claim"] = field(default="claim", init=False)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "type": "claim", "doc": self.doc, "indicator": self.indicator,
            "measure": self.measure, "value": self.value, "low": self.low, "high": self.high,
            "unit": self.unit, "period": self.period.to_dict() if self.period else None,
            "scope": self.scope, "from": self.from_, "to": self.to, "status": self.status,
            "approx": self.approx, "evidence": self.evidence.to_dict(),
        }
        if self.attributed_to:
            out["attributed_to"] = self.attributed_to
        return out


@dataclass(slots=True)
class Event:
    """Something that happened, or is planned, between a country pair."""

    doc: str | None
    event: str
    date: str | None
    evidence: Evidence
    from_: str | None = None
    to: str | None = None
    actors: list[str] = field(default_factory=list)
    status: EventStatus = "actual"
    type: Literal["event"] = field(default="event", init=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": "event", "doc": self.doc, "event": self.event, "date": self.date,
            "from": self.from_, "to": self.to, "actors": list(self.actors),
            "status": self.status, "evidence": self.evidence.to_dict(),
        }


Record = Claim | Event


def record_from_dict(data: dict[str, Any]) -> Record:
    """Build a record from its spec dictionary (the inverse of ``to_dict``)."""
    ev = data["evidence"]
    evidence = Evidence(int(ev["start"]), int(ev["end"]), ev.get("text", ""))
    if data.get("type") == "event":
        return Event(doc=data.get("doc"), event=data["event"], date=data.get("date"),
                     evidence=evidence, from_=data.get("from"), to=data.get("to"),
                     actors=list(data.get("actors") or []), status=data.get("status", "actual"))
    period = data.get("period")
    return Claim(
        doc=data.get("doc"), indicator=data["indicator"], measure=data["measure"],
        value=data.get("value"), unit=data["unit"], evidence=evidence,
        low=data.get("low"), high=data.get("high"),
        period=Period(period.get("start"), period.get("end")) if period else None,
        scope=data.get("scope", "flow"), from_=data.get("from"), to=data.get("to"),
        status=data.get("status", "actual"), approx=data.get("approx"),
        attributed_to=data.get("attributed_to"),
    )


@dataclass(slots=True)
class Document:
    """A document as bilateral read it: ``text`` is what evidence offsets index."""

    id: str
    text: str
    source: str
    title: str | None = None
    published: str | None = None
    url: str | None = None
    publisher: str | None = None
    language: str | None = None
    media_type: str = "text/plain"
    encoding: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
