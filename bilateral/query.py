"""Questions to a store: facts, series, timeline, conflicts, search, documents.

Every function takes a ``Store`` and returns plain JSON-ready dictionaries
(the CLI prints them as tables, JSON Lines or CSV; the HTTP API returns them).
The filters are the same everywhere: ``pair`` ("KH-KR", "KH,KR" or a tuple;
one-country indicators of either country are included), ``since`` and
``until`` (partial ISO dates, inclusive: ``until="2020"`` includes
"2020-05"), ``limit`` and ``offset``.
"""

from __future__ import annotations

import functools
import gc
from collections import defaultdict
from collections.abc import Callable
from typing import Any, TypeVar

import sqlalchemy as sa

from bilateral.errors import BilateralError, UsageError
from bilateral.extract import parse_pair
from bilateral.store import Store
from bilateral.store.schema import (
    conflicts,
    documents,
    event_reports,
    events,
    fact_reports,
    facts,
    pair_stats,
    records,
)

__all__ = [
    "NotFound", "attach_sources", "conflicts_of", "count_conflicts", "document", "events_of", "fact", "facts_of",
    "key_figures", "pairs", "record", "search", "series", "series_of", "timeline",
]

DEFAULT_LIMIT = 100
# Sources listed per fact or event in lists (n_reports says how many there are);
# a fact reported by ten thousand articles is not shown with all of them.
MAX_SOURCES = 10
HEADLINE_INDICATORS = ("trade.total", "investment.fdi", "aid.oda", "tourism.arrivals", "people.workers")


_F = TypeVar("_F", bound=Callable[..., Any])


def without_collection(fn: _F) -> _F:
    """Build the answer with the cyclic garbage collector paused.

    An answer is a tree of dicts and lists, thousands of them and no cycles.
    Collections while it is built find nothing to free and only promote it to
    the oldest generation, which then sets off a collection of the whole heap
    every few queries: a 50 ms pause in one query of twenty at 100k documents
    (the p95 of ``series``). Paused, the objects die by reference count with
    the answer. The previous state is restored, so nesting and threads are safe.
    """
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            return fn(*args, **kwargs)
        finally:
            if was_enabled:
                gc.enable()
    return wrapper  # type: ignore[return-value]


class NotFound(BilateralError):
    """No document, fact or event with that id."""


def pair_code(pair: str | tuple[str, str] | None) -> str | None:
    """ "KH,KR", "kr-kh" or ("KR", "KH") -> "KH-KR"."""
    if pair is None:
        return None
    codes = parse_pair(pair.replace("-", ",") if isinstance(pair, str) else pair)
    return "-".join(sorted(codes))


def _pair_filter(table: sa.Table, pair: str | None) -> Any:
    """Rows of the pair, and one-country rows (GDP growth) of either of its countries."""
    if pair is None:
        return sa.true()
    # One-country rows have the country as their pair: the IN lets an index on pair answer.
    return sa.and_(table.c.pair.in_([pair, *pair.split("-")]), sa.or_(table.c.pair == pair, table.c.to_c.is_(None)))


def _dates(column: Any, since: str | None, until: str | None) -> Any:
    clauses = []
    if since:
        clauses.append(column >= since)
    if until:
        clauses.append(sa.func.substr(column, 1, len(until)) <= until)
    return sa.and_(sa.true(), *clauses)


def _page(query: sa.Select, limit: int | None, offset: int) -> sa.Select:
    if limit is not None and limit < 0:
        raise UsageError(f"limit must be 0 (no limit) or positive, not {limit}")
    if offset < 0:
        raise UsageError(f"offset must not be negative, not {offset}")
    return query.limit(limit or None).offset(offset or None)


_SOURCE_COLUMNS = (
    records.c.id.label("record_id"), records.c.value, records.c.low, records.c.high, records.c.approx,
    records.c.unit, records.c.period_start, records.c.period_end,
    records.c.attributed_to, records.c.ev_start, records.c.ev_end, records.c.ev_text, documents.c.id.label("document_id"),
    documents.c.doc, documents.c.title, documents.c.publisher, documents.c.published, documents.c.url,
)
_N_SOURCE_COLUMNS = len(_SOURCE_COLUMNS)


def _source(row: sa.Row, **extra: Any) -> dict[str, Any]:
    """A report as lists show it (and ``extra``), from a row that begins with ``_SOURCE_COLUMNS``."""
    # Unpacked by position: a series of a busy pair has thousands of reports, and
    # reading each column by name costs more than the rest of building the dict.
    (record_id, value, low, high, approx, unit, period_start, period_end, attributed_to, ev_start, ev_end, ev_text,
     document_id, doc, title, publisher, published, url) = row[:_N_SOURCE_COLUMNS]
    return {
        "record_id": record_id, "doc": doc, "document_id": document_id, "title": title,
        "publisher": publisher, "published": published, "url": url,
        "value": value, "low": low, "high": high, "approx": approx, "unit": unit,
        "period": None if period_start is None and period_end is None else {"start": period_start, "end": period_end},
        "attributed_to": attributed_to,
        "evidence": {"start": ev_start, "end": ev_end, "text": ev_text},
        **extra,
    }


def _fact_dict(row: sa.Row) -> dict[str, Any]:
    r = row._mapping  # by key: a Row's attributes cost several times more (a page reads thousands)
    return {
        "id": r["id"], "pair": r["pair"], "indicator": r["indicator"], "measure": r["measure"], "from": r["from_c"],
        "to": r["to_c"], "period": {"start": r["period_start"], "end": r["period_end"]}, "scope": r["scope"],
        "status": r["status"], "unit": r["unit"], "value": r["value"], "low": r["low"], "high": r["high"],
        "approx": r["approx"], "rule": r["rule"], "n_reports": r["n_reports"], "n_documents": r["n_documents"],
        "conflict": r["conflict"],
    }


def _ranked_reports(conn: sa.Connection, link: sa.Table, owner: sa.Column, ids: list[str], extra: tuple,
                    per_owner: int | None, skip: int = 0) -> dict[str, list[sa.Row]]:
    """The reports linked to each fact or event in ``ids``, in their reconciled rank, at most ``per_owner``
    after the first ``skip``."""
    query = (sa.select(*_SOURCE_COLUMNS, owner.label("owner"), *extra).select_from(link)
             .join(records, link.c.record_id == records.c.id)
             .join(documents, records.c.document_id == documents.c.id)
             .where(owner.in_(ids)).order_by(owner, link.c.rank))
    if skip:
        query = query.where(link.c.rank > skip)
    if per_owner:
        query = query.where(link.c.rank <= skip + per_owner)
    out: dict[str, list[sa.Row]] = defaultdict(list)
    for row in conn.execute(query):
        out[row[_N_SOURCE_COLUMNS]].append(row)
    return out


def _with_sources(conn: sa.Connection, found: list[dict[str, Any]],
                  per_fact: int | None = MAX_SOURCES, skip: int = 0) -> list[dict[str, Any]]:
    """Attach each fact's reports in one query: agreeing ones first, then the newest; at most ``per_fact``."""
    if found:
        rows = _ranked_reports(conn, fact_reports, fact_reports.c.fact_id, [f["id"] for f in found],
                               (fact_reports.c.agrees,), per_fact, skip)
        for f in found:
            f["sources"] = [_source(r, agrees=bool(r[_N_SOURCE_COLUMNS + 1])) for r in rows[f["id"]]]
    return found


@without_collection
def attach_sources(store: Store, found: list[dict[str, Any]], per_fact: int | None = MAX_SOURCES
                   ) -> list[dict[str, Any]]:
    """Give facts read without their sources (``sources=False`` / ``0``) their first ``per_fact`` reports."""
    with store.connect() as conn:
        return _with_sources(conn, found, per_fact)


@without_collection
def facts_of(store: Store, *, pair: str | None = None, indicator: str | None = None, status: str | None = None,
             since: str | None = None, until: str | None = None, limit: int | None = DEFAULT_LIMIT,
             offset: int = 0, sources: bool = True) -> list[dict[str, Any]]:
    """Facts, newest period first, each with its sources (reports) unless ``sources=False``."""
    code = pair_code(pair)
    query = sa.select(facts).where(_pair_filter(facts, code), _dates(facts.c.sort_date, since, until))
    if indicator:
        query = query.where(facts.c.indicator == indicator)
    if status:
        query = query.where(facts.c.status == status)
    query = _page(query.order_by(facts.c.sort_date.desc(), facts.c.indicator, facts.c.id), limit, offset)
    with store.connect() as conn:
        found = [_fact_dict(r) for r in conn.execute(query)]
        return _with_sources(conn, found) if sources else found


@without_collection
def fact(store: Store, fact_id: str, *, sources: int | None = None, offset: int = 0) -> dict[str, Any]:
    """One fact with its sources (all, or ``sources`` of them after the first ``offset``) and its conflicts."""
    with store.connect() as conn:
        row = conn.execute(sa.select(facts).where(facts.c.id == fact_id)).first()
        if row is None:
            raise NotFound(f"no fact {fact_id!r}")
        out = _with_sources(conn, [_fact_dict(row)], per_fact=sources, skip=offset)[0]
        out["conflicts"] = [_conflict_dict(r) for r in conn.execute(
            sa.select(conflicts).where(sa.or_(conflicts.c.fact_id == fact_id, conflicts.c.other_fact_id == fact_id)))]
        return out


@without_collection
def key_figures(store: Store, pair: str, *, indicators: tuple[str, ...] = HEADLINE_INDICATORS,
                sources: int | None = MAX_SOURCES) -> list[dict[str, Any]]:
    """The headline figure of each indicator: the latest actual level, preferring annual flows; each with
    its first ``sources`` reports."""
    code = pair_code(pair)
    out = []
    with store.connect() as conn:
        for indicator in indicators:
            base = (sa.select(facts).where(facts.c.pair == code, facts.c.indicator == indicator,
                                           facts.c.measure == "level", facts.c.status == "actual",
                                           facts.c.sort_date.is_not(None)))
            # A whole year's flow says more than a part of a year or a cumulative total.
            annual = base.where(facts.c.scope == "flow", facts.c.period_start == facts.c.period_end,
                                sa.func.length(facts.c.period_end) == 4)
            newest = [conn.execute(q.order_by(sa.func.substr(facts.c.sort_date, 1, 4).desc(),
                                              facts.c.n_documents.desc(), facts.c.sort_date.desc()).limit(1)).first()
                      for q in (annual, base)]
            # The latest whole year, unless another kind of figure (a total, part of a year) is newer by years.
            row = newest[0]
            if row is None or (newest[1] is not None and newest[1].sort_date[:4] > str(int(row.sort_date[:4]) + 1)):
                row = newest[1]
            if row is not None:
                out.append(_fact_dict(row))
        return _with_sources(conn, out, sources)


@without_collection
def series(store: Store, indicator: str, *, pair: str | None = None, measure: str = "level",
           status: str = "actual", since: str | None = None, until: str | None = None,
           sources: int | None = MAX_SOURCES) -> list[dict[str, Any]]:
    """The series of an indicator: per pair, direction and unit, the best value per period, oldest first,
    each with its first ``sources`` reports (None: all; 0: none, see ``attach_sources``; ``n_reports``
    counts them all)."""
    return series_of(store, [indicator], pair=pair, measure=measure, status=status, since=since, until=until,
                     sources=sources)[indicator]


@without_collection
def series_of(store: Store, indicators: list[str], *, pair: str | None = None, measure: str = "level",
              status: str = "actual", since: str | None = None, until: str | None = None,
              sources: int | None = MAX_SOURCES) -> dict[str, list[dict[str, Any]]]:
    """``series`` of several indicators at once (one query, not one per indicator): indicator -> lines."""
    code = pair_code(pair)
    query = (sa.select(facts).where(facts.c.indicator.in_(indicators), facts.c.measure == measure,
                                    facts.c.status == status, facts.c.sort_date.is_not(None),
                                    _pair_filter(facts, code), _dates(facts.c.sort_date, since, until))
             .order_by(facts.c.indicator, facts.c.pair, facts.c.from_c, facts.c.to_c, facts.c.unit,
                       facts.c.sort_date))
    lines: dict[str, dict[tuple, dict[str, Any]]] = {indicator: {} for indicator in indicators}
    with store.connect() as conn:
        points = [_fact_dict(r) for r in conn.execute(query)]
        if sources != 0:
            _with_sources(conn, points, sources)
    for p in points:
        key = (p["pair"], p["from"], p["to"], p["unit"])
        line = lines[p["indicator"]].setdefault(key, {
            "indicator": p["indicator"], "measure": measure, "status": status, "pair": p["pair"], "from": p["from"],
            "to": p["to"], "unit": p["unit"], "points": []})
        line["points"].append(p)
    return {indicator: list(found.values()) for indicator, found in lines.items()}


def _event_dict(row: sa.Row) -> dict[str, Any]:
    r = row._mapping
    return {
        "id": r["id"], "pair": r["pair"], "event": r["event"], "date": r["date"], "from": r["from_c"],
        "to": r["to_c"], "actors": list(r["actors"] or []), "status": r["status"], "n_reports": r["n_reports"],
        "n_documents": r["n_documents"], "date_conflict": r["date_conflict"], "best_record_id": r["best_record_id"],
    }


def _with_reports(conn: sa.Connection, found: list[dict[str, Any]],
                  per_event: int | None = MAX_SOURCES, skip: int = 0) -> list[dict[str, Any]]:
    """Attach each event's reports in one query: the best report first, then the oldest; at most ``per_event``."""
    if found:
        rows = _ranked_reports(conn, event_reports, event_reports.c.event_id, [e["id"] for e in found],
                               (records.c.date,), per_event, skip)
        for e in found:
            e["reports"] = [_source(r, date=r[_N_SOURCE_COLUMNS + 1]) for r in rows[e["id"]]]
    return found


@without_collection
def timeline(store: Store, *, pair: str | None = None, event: str | None = None, since: str | None = None,
             until: str | None = None, status: str | None = None, limit: int | None = DEFAULT_LIMIT,
             offset: int = 0, reports: int | None = MAX_SOURCES) -> list[dict[str, Any]]:
    """Canonical events in date order (undated ones last), each with its first ``reports`` reports."""
    code = pair_code(pair)
    query = sa.select(events).where(_pair_filter(events, code), _dates(events.c.date, since, until))
    if event:
        query = query.where(events.c.event == event)
    if status:
        query = query.where(events.c.status == status)
    if since or until:
        query = query.where(events.c.date.is_not(None))
    query = _page(query.order_by(events.c.date.is_(None), events.c.date, events.c.id), limit, offset)
    with store.connect() as conn:
        return _with_reports(conn, [_event_dict(r) for r in conn.execute(query)], reports)


@without_collection
def events_of(store: Store, event_id: str, *, reports: int | None = None, offset: int = 0) -> dict[str, Any]:
    """One canonical event with its reports (all, or ``reports`` of them after the first ``offset``)."""
    with store.connect() as conn:
        row = conn.execute(sa.select(events).where(events.c.id == event_id)).first()
        if row is None:
            raise NotFound(f"no event {event_id!r}")
        return _with_reports(conn, [_event_dict(row)], per_event=reports, skip=offset)[0]


def _conflict_dict(row: sa.Row) -> dict[str, Any]:
    r = row._mapping
    return {"id": r["id"], "pair": r["pair"], "indicator": r["indicator"], "kind": r["kind"],
            "explanation": r["explanation"], "fact_id": r["fact_id"], "other_fact_id": r["other_fact_id"],
            "record_ids": list(r["record_ids"])}


@without_collection
def conflicts_of(store: Store, *, pair: str | None = None, indicator: str | None = None, kind: str | None = None,
                 since: str | None = None, until: str | None = None, limit: int | None = DEFAULT_LIMIT,
                 offset: int = 0) -> list[dict[str, Any]]:
    """Conflicts, newest first, each with the reports involved."""
    code = pair_code(pair)
    if code is None or not limit:
        query = _conflicts_where(sa.select(conflicts), code, indicator, kind, since, until)
        query = _page(query.order_by(conflicts.c.sort_date.desc(), conflicts.c.id), limit, offset)
    else:
        # A pair's conflicts are its own and its two countries' one-country ones. Each of the three
        # walks the (pair, date) index newest first and stops at the page's end; sorting all of the
        # pair's conflicts to keep a page grew with the store.
        branches = [_conflicts_where(sa.select(conflicts), None, indicator, kind, since, until)
                    .where(conflicts.c.pair == p).order_by(conflicts.c.sort_date.desc(), conflicts.c.id)
                    .limit(limit + offset).subquery() for p in (code, *code.split("-"))]
        merged = sa.union_all(*(sa.select(b) for b in branches)).subquery()
        query = _page(sa.select(merged).order_by(merged.c.sort_date.desc(), merged.c.id), limit, offset)
    with store.connect() as conn:
        found = [_conflict_dict(r) for r in conn.execute(query)]
        ids = sorted({i for c in found for i in c["record_ids"]})
        rows = {r[0]: _source(r) for r in conn.execute(
            sa.select(*_SOURCE_COLUMNS).join(documents, records.c.document_id == documents.c.id)
            .where(records.c.id.in_(ids)))} if ids else {}
    for c in found:
        c["reports"] = [rows[i] for i in c["record_ids"] if i in rows]
    return found


def count_conflicts(store: Store, *, pair: str | None = None, indicator: str | None = None, kind: str | None = None,
                    since: str | None = None, until: str | None = None) -> int:
    """How many conflicts ``conflicts_of`` would list with no limit."""
    query = _conflicts_where(sa.select(sa.func.count()).select_from(conflicts), pair, indicator, kind, since, until)
    with store.connect() as conn:
        return conn.execute(query).scalar_one()


def _conflicts_where(query: sa.Select, pair: str | None, indicator: str | None, kind: str | None,
                     since: str | None, until: str | None) -> sa.Select:
    query = query.where(_pair_filter_conflicts(pair_code(pair)), _dates(conflicts.c.sort_date, since, until))
    if indicator:
        query = query.where(conflicts.c.indicator == indicator)
    if kind:
        query = query.where(conflicts.c.kind == kind)
    return query


def _pair_filter_conflicts(code: str | None) -> Any:
    if code is None:
        return sa.true()
    return sa.or_(conflicts.c.pair == code, conflicts.c.pair.in_(code.split("-")))


def pairs(store: Store) -> list[dict[str, Any]]:
    """The country pairs in the store, with how many documents, facts and events each has (most documents first)."""
    with store.connect() as conn:
        rows = conn.execute(sa.select(pair_stats).order_by(pair_stats.c.documents.desc(), pair_stats.c.pair))
        return [{"pair": r.pair, "facts": r.facts, "events": r.events, "documents": r.documents} for r in rows]


@without_collection
def document(store: Store, doc: str | int) -> dict[str, Any]:
    """A document's current version (by numeric id or its doc id) with its text and records."""
    with store.connect() as conn:
        query = sa.select(documents)
        if isinstance(doc, int) or str(doc).isdigit():
            query = query.where(documents.c.id == int(doc))
        else:
            query = query.where(documents.c.doc == doc, documents.c.current)
        row = conn.execute(query.order_by(documents.c.version.desc()).limit(1)).first()
        if row is None:
            raise NotFound(f"no document {doc!r}")
        recs = conn.execute(
            sa.select(records, fact_reports.c.fact_id, event_reports.c.event_id)
            .outerjoin(fact_reports, fact_reports.c.record_id == records.c.id)
            .outerjoin(event_reports, event_reports.c.record_id == records.c.id)
            .where(records.c.document_id == row.id).order_by(records.c.ev_start, records.c.id)
        ).all()
    return {
        "id": row.id, "doc": row.doc, "version": row.version, "current": bool(row.current), "title": row.title,
        "publisher": row.publisher, "published": row.published, "url": row.url, "language": row.language,
        "media_type": row.media_type, "metadata": row.metadata or {}, "ingested_at": row.ingested_at,
        "text": row.text,
        "records": [{**record_dict(r), "id": r.id, "fact_id": r.fact_id, "event_id": r.event_id} for r in recs],
    }


def record(store: Store, record_id: int) -> dict[str, Any]:
    """One record (its spec form) with its id, its document version's id and its fact or event."""
    with store.connect() as conn:
        row = conn.execute(
            sa.select(records, documents.c.doc, fact_reports.c.fact_id, event_reports.c.event_id)
            .join(documents, records.c.document_id == documents.c.id)
            .outerjoin(fact_reports, fact_reports.c.record_id == records.c.id)
            .outerjoin(event_reports, event_reports.c.record_id == records.c.id)
            .where(records.c.id == record_id)
        ).first()
    if row is None:
        raise NotFound(f"no record {record_id!r}")
    return {**record_dict(row), "id": row.id, "document_id": row.document_id, "fact_id": row.fact_id,
            "event_id": row.event_id}


def record_dict(row: Any) -> dict[str, Any]:
    """The spec record (``shared/spec/records.md``) of a ``records`` row joined with its document's ``doc``."""
    evidence = {"start": row.ev_start, "end": row.ev_end, "text": row.ev_text}
    doc = getattr(row, "doc", None)
    if row.type == "event":
        return {"type": "event", "doc": doc, "event": row.kind, "date": row.date, "from": row.from_c, "to": row.to_c,
                "actors": list(row.actors or []), "status": row.status, "evidence": evidence}
    period = None if row.period_start is None and row.period_end is None else {
        "start": row.period_start, "end": row.period_end}
    out = {"type": "claim", "doc": doc, "indicator": row.kind, "measure": row.measure, "value": row.value,
           "low": row.low, "high": row.high, "unit": row.unit, "period": period, "scope": row.scope,
           "from": row.from_c, "to": row.to_c, "status": row.status, "approx": row.approx, "evidence": evidence}
    if row.attributed_to:
        out["attributed_to"] = row.attributed_to
    return out


@without_collection
def search(store: Store, text: str, *, pair: str | None = None, since: str | None = None, until: str | None = None,
           limit: int | None = 20, offset: int = 0) -> dict[str, Any]:
    """Documents and evidence containing every term of ``text``, case-insensitively: a word in Latin,
    Greek or Cyrillic letters matches the words it begins; any other term (Korean, Khmer, digits,
    punctuation) is a substring (see ``bilateral.store.search``).

    Returns ``{"query", "documents": [...], "evidence": [...]}``; documents come
    with a snippet around the first match, evidence with its record.
    """
    from bilateral.store.search import document_matches, evidence_matches

    terms = [t for t in text.split() if t]
    if not terms:
        raise UsageError("search: give at least one word")
    code = pair_code(pair)
    with store.connect() as conn:
        docs = document_matches(conn, store.dialect, terms, since=since, until=until, pair=code,
                                limit=limit, offset=offset)
        evidence = evidence_matches(conn, store.dialect, terms, since=since, until=until, pair=code,
                                    limit=limit, offset=offset)
    return {"query": text, "documents": docs, "evidence": evidence}
