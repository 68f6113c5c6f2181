"""The JSON API: the query functions of ``bilateral.query``, one endpoint each, and ingest.

Every read endpoint is a thin wrapper: the CLI command of the same name
calls the same function with the same filters. Limits are bounded (at most
1,000 rows a request) so that no request asks the store for everything.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import Response

from bilateral import query
from bilateral.serve import ingest, schemas
from bilateral.serve.app import json_response
from bilateral.store import Store

router = APIRouter(prefix="/api")


def store_of(request: Request) -> Store:
    return request.app.state.store


StoreDep = Annotated[Store, Depends(store_of)]
PAIR = r"^[A-Za-z]{2}[-,][A-Za-z]{2}$"
DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
Pair = Annotated[str | None, Query(description="A country pair: KH-KR (or KH,KR; any order).", pattern=PAIR,
                                   examples=["KH-KR"])]
Since = Annotated[str | None, Query(description="From this date (partial ISO: 2019, 2019-03).", pattern=DATE)]
Until = Annotated[str | None, Query(description="Up to this date, inclusive (2020 includes 2020-05).", pattern=DATE)]
Limit = Annotated[int, Query(ge=1, le=1000, description="At most this many rows.")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Skip this many rows (paging).")]
Name = Annotated[str | None, Query(max_length=64)]
NOT_FOUND = {404: {"model": schemas.Problem, "description": "No such item."}}
BAD = {400: {"model": schemas.Problem, "description": "A malformed argument (an unknown country code...)."}}


def _doc(model: object) -> dict:
    return {200: {"model": model, "description": "Success."}, **BAD}


@router.get("/pairs", tags=["pairs"], response_class=Response, responses=_doc(list[schemas.Pair]))
def get_pairs(request: Request, store: StoreDep) -> Response:
    """The country pairs in the store, with how many facts, events and documents each has."""
    return json_response(pairs_of(request, store))


def pairs_of(request: Request, store: Store) -> list[dict]:
    """``query.pairs``, kept until the store changes (it counts every record: see ``cache``)."""
    return request.app.state.cache.get("pairs", lambda: query.pairs(store))


@router.get("/pairs/{pair}/key-figures", tags=["pairs"], response_class=Response,
            responses=_doc(list[schemas.Fact]))
def get_key_figures(store: StoreDep, pair: Annotated[str, Path(pattern=PAIR, examples=["KH-KR"])]) -> Response:
    """The headline figure of each main indicator (trade, investment, aid, tourism, workers): the latest
    actual level, with its sources. Like `bilateral summary`."""
    return json_response(query.key_figures(store, pair))


@router.get("/facts", tags=["facts"], response_class=Response, responses=_doc(list[schemas.Fact]))
def get_facts(store: StoreDep, pair: Pair = None, indicator: Name = None, status: Name = None, since: Since = None,
              until: Until = None, limit: Limit = 100, offset: Offset = 0,
              sources: Annotated[bool, Query(description="Include each fact's reports.")] = True) -> Response:
    """Reconciled facts, newest period first, each with its sources. Like `bilateral facts`."""
    return json_response(query.facts_of(store, pair=pair, indicator=indicator, status=status, since=since,
                                        until=until, limit=limit, offset=offset, sources=sources))


@router.get("/facts/{fact_id}", tags=["facts"], response_class=Response,
            responses={**_doc(schemas.FactWithConflicts), **NOT_FOUND})
def get_fact(store: StoreDep, fact_id: Annotated[str, Path(max_length=64)], limit: Limit = 100,
             offset: Offset = 0) -> Response:
    """One fact with the reports behind it (`limit` of them after `offset`, best first; `n_reports` counts
    them all) and its conflicts."""
    return json_response(query.fact(store, fact_id, sources=limit, offset=offset))


@router.get("/series/{indicator}", tags=["facts"], response_class=Response,
            responses=_doc(list[schemas.SeriesLine]))
def get_series(store: StoreDep, indicator: Annotated[str, Path(max_length=64, examples=["trade.total"])],
               pair: Pair = None, measure: Annotated[str, Query(max_length=32)] = "level",
               status: Annotated[str, Query(max_length=32)] = "actual", since: Since = None,
               until: Until = None,
               sources: Annotated[int, Query(ge=0, le=100, description="Reports per point (best first).")] = 3
               ) -> Response:
    """The series of an indicator: per pair, direction and unit, the best value per period with its first
    `sources` reports (`n_reports` counts them all), oldest first. Like `bilateral series`."""
    return json_response(query.series(store, indicator, pair=pair, measure=measure, status=status, since=since,
                                      until=until, sources=sources))


@router.get("/events", tags=["events"], response_class=Response, responses=_doc(list[schemas.Event]))
def get_events(store: StoreDep, pair: Pair = None, event: Name = None, status: Name = None, since: Since = None,
               until: Until = None, limit: Limit = 100, offset: Offset = 0) -> Response:
    """The timeline: canonical events in date order (undated last), each with its reports.
    Like `bilateral timeline`."""
    return json_response(query.timeline(store, pair=pair, event=event, status=status, since=since, until=until,
                                        limit=limit, offset=offset))


@router.get("/events/{event_id}", tags=["events"], response_class=Response,
            responses={**_doc(schemas.Event), **NOT_FOUND})
def get_event(store: StoreDep, event_id: Annotated[str, Path(max_length=64)], limit: Limit = 100,
              offset: Offset = 0) -> Response:
    """One canonical event with its reports (`limit` of them after `offset`, best first; `n_reports` counts
    them all)."""
    return json_response(query.events_of(store, event_id, reports=limit, offset=offset))


@router.get("/conflicts", tags=["facts"], response_class=Response, responses=_doc(list[schemas.Conflict]))
def get_conflicts(store: StoreDep, pair: Pair = None, indicator: Name = None, kind: Name = None,
                  since: Since = None, until: Until = None, limit: Limit = 100, offset: Offset = 0) -> Response:
    """Figures that disagree, classified (rounding, another statistics source, a digit slip, pledged vs actual,
    falling totals, plain disagreement) and explained. Like `bilateral conflicts`."""
    return json_response(query.conflicts_of(store, pair=pair, indicator=indicator, kind=kind, since=since,
                                            until=until, limit=limit, offset=offset))


@router.get("/documents/{ref:path}", tags=["documents"], response_class=Response,
            responses={**_doc(schemas.Document), **NOT_FOUND})
def get_document(store: StoreDep, ref: Annotated[str, Path(max_length=2048,
                                                            description="A stored version's number, or a doc id.")]
                 ) -> Response:
    """A document (its current version, or the version with that number) with its text and records.
    Like `bilateral show`."""
    return json_response(query.document(store, ref))


@router.get("/records/{record_id}", tags=["documents"], response_class=Response,
            responses={**_doc(schemas.Record), **NOT_FOUND})
def get_record(store: StoreDep, record_id: int) -> Response:
    """One record (a claim or an event, records.md) with its document version, fact or event."""
    return json_response(query.record(store, record_id))


@router.get("/search", tags=["documents"], response_class=Response, responses=_doc(schemas.SearchResult))
def get_search(store: StoreDep, q: Annotated[str, Query(min_length=1, max_length=500,
                                                         description="Words that must all appear.")],
               pair: Pair = None, since: Since = None, until: Until = None,
               limit: Annotated[int, Query(ge=1, le=100)] = 20, offset: Offset = 0) -> Response:
    """Documents and evidence sentences containing every word of `q` (case-insensitive), each with the
    matches marked. Like `bilateral search`."""
    return json_response(query.search(store, q, pair=pair, since=since, until=until, limit=limit, offset=offset))


router.add_api_route("/ingest", ingest.endpoint, methods=["POST"], tags=["ingest"], response_class=Response,
                     summary="Ingest a file or a URL", openapi_extra=ingest.OPENAPI, responses=ingest.RESPONSES)
