"""Reconciliation: from many documents' records to one record of the relationship.

``reconcile(store)`` rebuilds the reconciled view of every group that
changed since the last run (``dirty_groups``): a group is one pair and one
indicator (claims) or one event type (events), so a new document touches
only the groups it has records in. Each group is rebuilt in its own
transaction from the records of current document versions:

- ``claims.reconcile_claims``: facts with all their sources, and conflicts
  classified and explained;
- ``events.reconcile_events``: canonical events with all their reports,
  conflicting dates flagged.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from bilateral.model import SYMMETRIC
from bilateral.reconcile.claims import CONFLICT_KINDS, ClaimReport, Conflict, Fact, reconcile_claims
from bilateral.reconcile.events import CanonicalEvent, EventReport, reconcile_events
from bilateral.reconcile.values import Figure, is_official
from bilateral.store import Store
from bilateral.store.schema import (
    conflicts,
    dirty_groups,
    documents,
    event_reports,
    events,
    fact_reports,
    facts,
    pair_stats,
    records,
)

__all__ = ["CONFLICT_KINDS", "RULES_VERSION", "ReconcileResult", "is_official", "reconcile", "reconcile_claims",
           "reconcile_events"]

# Bump when reconciling the same records gives other facts, conflicts or
# explanations (a new conflict kind, a changed rule): a store reconciled by
# other rules is rebuilt once when it is next opened (``open_store``).
# 2: same_document conflicts; explanations in the unit's terms; no pledge conflicts without a period.
# 3: events split by the order their reports arrived in are joined (events._merge_neighbours).
RULES_VERSION = "3"


@dataclass(frozen=True, slots=True)
class ReconcileResult:
    groups: int
    facts: int
    conflicts: int
    events: int


def _group_rows(conn: Connection, group_key: str) -> list[sa.Row]:
    return list(conn.execute(
        sa.select(records, documents.c.published)
        .join(documents, records.c.document_id == documents.c.id)
        .where(records.c.group_key == group_key, documents.c.current)
        .order_by(records.c.id)
    ))


def _claim_report(row: sa.Row) -> ClaimReport:
    return ClaimReport(
        record_id=row.id, document_id=row.document_id, published=row.published, fact_key=row.fact_key,
        group_key=row.group_key, pair=row.pair, indicator=row.kind, measure=row.measure, from_c=row.from_c,
        to_c=row.to_c, period_start=row.period_start, period_end=row.period_end, scope=row.scope,
        status=row.status, unit=row.unit, figure=Figure(row.value, row.low, row.high, row.approx),
        attributed_to=row.attributed_to,
    )


def _event_report(row: sa.Row) -> EventReport:
    return EventReport(
        record_id=row.id, document_id=row.document_id, published=row.published, group_key=row.group_key,
        pair=row.pair, event=row.kind, date=row.date, from_c=row.from_c, to_c=row.to_c,
        actors=tuple(row.actors or ()), status=row.status,
    )


def _clear(conn: Connection, group_key: str) -> None:
    group_facts = sa.select(facts.c.id).where(facts.c.group_key == group_key)
    conn.execute(sa.delete(fact_reports).where(fact_reports.c.fact_id.in_(group_facts)))
    conn.execute(sa.delete(facts).where(facts.c.group_key == group_key))
    conn.execute(sa.delete(conflicts).where(conflicts.c.group_key == group_key))
    group_events = sa.select(events.c.id).where(events.c.group_key == group_key)
    conn.execute(sa.delete(event_reports).where(event_reports.c.event_id.in_(group_events)))
    conn.execute(sa.delete(events).where(events.c.group_key == group_key))


def _row(item: object, leave_out: str = "") -> dict[str, Any]:
    """A dataclass as a table row, shallowly: ``asdict`` deep-copies every list, a third of a group's cost."""
    return {f.name: getattr(item, f.name) for f in fields(item) if f.name != leave_out}


def _write_claims(conn: Connection, found: list[Fact], clashes: list[Conflict]) -> None:
    if found:
        conn.execute(sa.insert(facts), [_row(f, "reports") for f in found])
        conn.execute(sa.insert(fact_reports), [
            {"fact_id": f.id, "record_id": rid, "agrees": agrees, "rank": n}
            for f in found for n, (rid, agrees) in enumerate(f.reports, 1)])
    if clashes:
        conn.execute(sa.insert(conflicts), [_row(c) for c in clashes])


def _write_events(conn: Connection, found: list[CanonicalEvent]) -> None:
    if found:
        conn.execute(sa.insert(events), [_row(e, "record_ids") for e in found])
        conn.execute(sa.insert(event_reports), [
            {"event_id": e.id, "record_id": rid, "rank": n} for e in found for n, rid in enumerate(e.record_ids, 1)])


def reconcile_group(conn: Connection, group_key: str) -> tuple[int, int, int]:
    """Rebuild one group's facts, conflicts and events; (facts, conflicts, events) written."""
    _clear(conn, group_key)
    rows = _group_rows(conn, group_key)
    if group_key.startswith("claim|"):
        found, clashes = reconcile_claims(_claim_report(r) for r in rows)
        _write_claims(conn, found, clashes)
        return len(found), len(clashes), 0
    kind = group_key.rsplit("|", 1)[1]
    canonical = reconcile_events((_event_report(r) for r in rows), symmetric=kind in SYMMETRIC)
    _write_events(conn, canonical)
    return 0, 0, len(canonical)


def refresh_pair_stats(conn: Connection, pair: str) -> None:
    """Recount one pair's documents, facts and events (``query.pairs`` reads these)."""
    count = sa.select(sa.func.count())
    documents_of = conn.execute(
        sa.select(sa.func.count(sa.distinct(records.c.document_id)))
        .join(documents, records.c.document_id == documents.c.id)
        .where(records.c.pair == pair, documents.c.current)).scalar_one()
    facts_of = conn.execute(count.select_from(facts).where(facts.c.pair == pair)).scalar_one()
    events_of = conn.execute(count.select_from(events).where(events.c.pair == pair)).scalar_one()
    conn.execute(sa.delete(pair_stats).where(pair_stats.c.pair == pair))
    if facts_of or events_of:
        conn.execute(sa.insert(pair_stats).values(pair=pair, documents=documents_of, facts=facts_of,
                                                  events=events_of))


def reconcile(store: Store, *, everything: bool = False,
              progress: Callable[[int, int], None] | None = None) -> ReconcileResult:
    """Rebuild the reconciled view of the groups that changed (all of them with ``everything``)."""
    if everything:
        store.mark_all_dirty()
    with store.connect() as conn:
        keys = list(conn.execute(sa.select(dirty_groups.c.group_key).order_by(dirty_groups.c.group_key)).scalars())
    totals = [0, 0, 0]
    for i, key in enumerate(keys, 1):
        with store.begin() as conn:
            for t, n in enumerate(reconcile_group(conn, key)):
                totals[t] += n
            conn.execute(sa.delete(dirty_groups).where(dirty_groups.c.group_key == key))
        if progress:
            progress(i, len(keys))
    pairs = {key.split("|")[1] for key in keys if "-" in key.split("|")[1]}
    with store.begin() as conn:
        for pair in sorted(pairs):
            refresh_pair_stats(conn, pair)
    if keys:
        # A count of the runs that changed the view: what servers keep is stale when it moves,
        # even when no document was added (``reconcile --everything``, new rules).
        store.set_info("reconciled", str(int(store.info("reconciled") or 0) + 1))
    return ReconcileResult(len(keys), *totals)
