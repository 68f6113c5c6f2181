"""The HTML pages: pairs, a pair's record, facts, events, documents, search and the API's docs.

Every page is complete without JavaScript: charts are SVG drawn on the
server, links carry the state (``?page=``, ``?r=`` for the record to
highlight in a document). Jinja2 escapes everything a page shows.
"""

from __future__ import annotations

import contextlib
import gc
from typing import Annotated, Any
from urllib.parse import urlencode, urlsplit

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, PackageLoader, select_autoescape

from bilateral import charts, query
from bilateral import format as fmt
from bilateral.model import INDICATORS, SYMMETRIC
from bilateral.serve.api import DATE, PAIR, StoreDep, pairs_of
from bilateral.serve.markup import document_text, marked
from bilateral.store import Store

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 20
REPORTS_PER_PAGE = 50  # a fact or event of a busy pair has thousands
TIMELINE_ON_PAIR_PAGE = 60
CONFLICTS_ON_PAIR_PAGE = 20
CHART_SOURCES = 3  # report dots per point: enough to show how sources differ; the fact page lists them all
# The chart order: the headline indicators first, then the rest.
CHART_ORDER = (*query.HEADLINE_INDICATORS, *sorted(INDICATORS - set(query.HEADLINE_INDICATORS)))

env = Environment(loader=PackageLoader("bilateral.serve", "templates"), autoescape=select_autoescape(default=True),
                  trim_blocks=True, lstrip_blocks=True)


def _amount(item: dict[str, Any], unit: str | None) -> str:
    if item.get("value") is None and item.get("low") is not None and item.get("high") is not None:
        return f"{fmt.figure(item['low'], unit)}–{fmt.figure(item['high'], unit)}"
    return {"about": "about ", "over": "over ", "under": "under "}.get(item.get("approx") or "", "") + \
        fmt.figure(item.get("value"), unit)


def _direction(item: dict[str, Any], kind: str) -> str:
    return fmt.direction(item.get("from"), item.get("to"), kind in SYMMETRIC)


def _web_url(url: str | None) -> str | None:
    """A stored URL fit for a link: http(s) only (a javascript: URL would run)."""
    return url if url and urlsplit(url).scheme.lower() in ("http", "https") else None


def _source_line(s: dict[str, Any]) -> str:
    parts = [s.get("title") or s.get("doc") or "", s.get("publisher") or "", fmt.date(s.get("published"))]
    return ", ".join(p for p in parts if p)


env.globals.update(fmt=fmt, amount=_amount, direction=_direction, web_url=_web_url, source_line=_source_line,
                   marked=marked, lang_attr=fmt.lang_attr)


def compile_templates() -> None:
    """Compile every page's template now (the server calls this once a process at start), so that the
    first reader of a page does not wait for it (the pair page's takes about 10 ms)."""
    for name in env.list_templates(filter_func=lambda n: n.endswith(".html")):
        env.get_template(name)


def warm_up(app: Any) -> None:
    """Build the busiest pair's page once, uncached, as a server process starts.

    A process's first pair page cost twice the next ones (115 ms of CPU against 45 at 100,000
    documents): SQLAlchemy compiles each statement once, SQLite fills its page cache, and the
    chart code warms up. Paying that at start keeps it off the first reader's view; the page is
    not kept, so every pair's first view is still built from the store.
    """
    store = app.state.store
    listed = query.pairs(store)
    if not listed:
        return
    request = Request({"type": "http", "app": app, "method": "GET", "path": "/", "headers": [],
                       "query_string": b""})
    with contextlib.suppress(query.NotFound):
        _pair_page(request, store, listed[0]["pair"])
    # What the process holds now (modules, templates, compiled SQL) lives as long as it does:
    # kept out of the collector's full passes, which otherwise walk it all every few pages.
    gc.freeze()


def render(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    assets = request.app.state.assets
    context.update(request=request, static=lambda n: f"/static/{n}?v={assets[n].version}",
                   ingest_on=request.app.state.settings.token is not None)
    return HTMLResponse(env.get_template(name).render(**context), status_code=status_code)


def error_page(request: Request, status: int, detail: str | None) -> HTMLResponse:
    titles = {400: "Bad request", 401: "Not allowed", 403: "Forbidden", 404: "Not found", 405: "Not allowed",
              413: "Too large", 422: "Bad request"}
    return render(request, "error.html", status, status=status, title=titles.get(status, "Error"), detail=detail)


PageNo = Annotated[int, Query(ge=1, le=100_000)]


@router.get("/static/{name}")
def static(request: Request, name: Annotated[str, Path(max_length=64)]) -> Response:
    asset = request.app.state.assets.get(name)
    if asset is None:
        raise HTTPException(404, f"no asset {name!r}")
    return Response(asset.body, media_type=asset.media_type,
                    headers={"cache-control": "public, max-age=31536000, immutable", "etag": asset.version})


@router.get("/", response_class=HTMLResponse)
def index(request: Request, store: StoreDep) -> Response:
    return render(request, "index.html", pairs=pairs_of(request, store))


@router.get("/pairs/{pair}", response_class=HTMLResponse)
def pair_page(request: Request, store: StoreDep, pair: Annotated[str, Path(pattern=PAIR)]) -> Response:
    code = query.pair_code(pair)
    if code != pair:
        return RedirectResponse(f"/pairs/{code}", status_code=301)
    # The page depends on the store alone: kept until the store changes (see cache).
    body = request.app.state.cache.get(f"pair-page:{code}", lambda: _pair_page(request, store, code))
    return HTMLResponse(body)


@query.without_collection  # a page is a big tree of short-lived objects, like a query's answer
def _pair_page(request: Request, store: Store, code: str) -> bytes:
    # The page shows one source of a key figure and one report of an event (and links to the rest).
    figures = query.key_figures(store, code, sources=1)
    events = query.timeline(store, pair=code, limit=TIMELINE_ON_PAIR_PAGE + 1, reports=1)
    clashes = query.conflicts_of(store, pair=code, limit=CONFLICTS_ON_PAIR_PAGE + 1)
    chart_list = []
    # Every indicator's series in one query, then the reports of the points the charts draw
    # in one more (a series has many more periods than its chart shows).
    all_series = query.series_of(store, list(CHART_ORDER), pair=code, sources=0)
    lines = {indicator: line for indicator in CHART_ORDER
             if (line := charts.main_line(all_series[indicator])) is not None}
    drawn = {indicator: charts.chart_points(line) for indicator, line in lines.items()}
    query.attach_sources(store, [p for points in drawn.values() for p in points], CHART_SOURCES)
    for indicator, line in lines.items():
        for point in line["points"]:
            point.setdefault("sources", [])
        chart_list.append({"indicator": indicator, "line": line, "points": drawn[indicator],
                           "svg": charts.series_svg(line, chart_id=f"chart-{indicator.replace('.', '-')}")})
    if not (figures or events or clashes or chart_list):
        raise query.NotFound(f"nothing is recorded about the pair {code} yet")
    a, b = code.split("-")
    return render(request, "pair.html", pair=code, a=a, b=b, figures=figures, charts=chart_list,
                  events=events[:TIMELINE_ON_PAIR_PAGE], more_events=len(events) > TIMELINE_ON_PAIR_PAGE,
                  conflicts=clashes[:CONFLICTS_ON_PAIR_PAGE],
                  more_conflicts=len(clashes) > CONFLICTS_ON_PAIR_PAGE).body


@router.get("/pairs/{pair}/brief", response_class=HTMLResponse)
def brief_page(request: Request, store: StoreDep, pair: Annotated[str, Path(pattern=PAIR)],
               since: Annotated[str | None, Query(pattern=DATE)] = None) -> Response:
    from bilateral.brief import brief_html

    code = query.pair_code(pair)
    css = request.app.state.assets["brief.css"]
    return HTMLResponse(brief_html(store, code, since=since, css_href=f"/static/brief.css?v={css.version}"))


@router.get("/pairs/{pair}/brief.pdf")
def brief_download(store: StoreDep, pair: Annotated[str, Path(pattern=PAIR)],
                   since: Annotated[str | None, Query(pattern=DATE)] = None,
                   size: Annotated[str, Query(pattern="^(A4|Letter)$")] = "A4") -> Response:
    from bilateral.brief import brief_pdf

    code = query.pair_code(pair)
    return Response(brief_pdf(store, code, since=since, size=size), media_type="application/pdf",
                    headers={"content-disposition": f'attachment; filename="brief-{code}.pdf"'})


@router.get("/pairs/{pair}/timeline", response_class=HTMLResponse)
def timeline_page(request: Request, store: StoreDep, pair: Annotated[str, Path(pattern=PAIR)],
                  page: PageNo = 1) -> Response:
    code = query.pair_code(pair)
    events = query.timeline(store, pair=code, limit=PAGE_SIZE * 5 + 1, offset=(page - 1) * PAGE_SIZE * 5,
                            reports=1)  # an event shows its best report and links to the others
    return render(request, "timeline.html", pair=code, events=events[:PAGE_SIZE * 5], page=page,
                  more=len(events) > PAGE_SIZE * 5)


@router.get("/pairs/{pair}/conflicts", response_class=HTMLResponse)
def conflicts_page(request: Request, store: StoreDep, pair: Annotated[str, Path(pattern=PAIR)],
                   page: PageNo = 1) -> Response:
    code = query.pair_code(pair)
    found = query.conflicts_of(store, pair=code, limit=PAGE_SIZE + 1, offset=(page - 1) * PAGE_SIZE)
    return render(request, "conflicts.html", pair=code, conflicts=found[:PAGE_SIZE], page=page,
                  more=len(found) > PAGE_SIZE)


@router.get("/facts/{fact_id}", response_class=HTMLResponse)
def fact_page(request: Request, store: StoreDep, fact_id: Annotated[str, Path(max_length=64)],
              page: PageNo = 1) -> Response:
    found = query.fact(store, fact_id, sources=REPORTS_PER_PAGE, offset=(page - 1) * REPORTS_PER_PAGE)
    return render(request, "fact.html", fact=found, page=page, first=(page - 1) * REPORTS_PER_PAGE + 1,
                  more=page * REPORTS_PER_PAGE < found["n_reports"])


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, store: StoreDep, event_id: Annotated[str, Path(max_length=64)],
               page: PageNo = 1) -> Response:
    found = query.events_of(store, event_id, reports=REPORTS_PER_PAGE, offset=(page - 1) * REPORTS_PER_PAGE)
    return render(request, "event.html", event=found, page=page, first=(page - 1) * REPORTS_PER_PAGE + 1,
                  more=page * REPORTS_PER_PAGE < found["n_reports"])


@router.get("/records/{record_id}")
def record_page(store: StoreDep, record_id: int) -> Response:
    """A record is shown in its document, highlighted."""
    found = query.record(store, record_id)
    return RedirectResponse(f"/documents/{found['document_id']}?r={record_id}#ev-{record_id}", status_code=303)


def _record_label(r: dict[str, Any]) -> str:
    if r["type"] == "event":
        return f"{fmt.event(r['event'])}{', ' + fmt.date(r['date']) if r.get('date') else ''}"
    period = r.get("period") or {}
    return (f"{fmt.indicator(r['indicator'], r['measure'])}: {_amount(r, r['unit'])}"
            + (f", {fmt.period(period.get('start'), period.get('end'))}" if period else ""))


@router.get("/documents/{ref:path}", response_class=HTMLResponse)
def document_page(request: Request, store: StoreDep, ref: Annotated[str, Path(max_length=2048)],
                  r: Annotated[int | None, Query(description="The record to highlight.")] = None) -> Response:
    doc = query.document(store, ref)
    labels = {rec["id"]: _record_label(rec) for rec in doc["records"]}
    text = document_text(doc["text"], ((rec["id"], rec["evidence"]["start"], rec["evidence"]["end"])
                                       for rec in doc["records"]), current=r, labels=labels)
    return render(request, "document.html", doc=doc, text=text, labels=labels, current=r)


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, store: StoreDep,
                q: Annotated[str, Query(max_length=500)] = "",
                pair: Annotated[str, Query(pattern=f"{PAIR}|^$")] = "",
                since: Annotated[str, Query(pattern=f"{DATE}|^$")] = "",
                until: Annotated[str, Query(pattern=f"{DATE}|^$")] = "",
                page: PageNo = 1) -> Response:
    found = None
    if q.strip():
        found = query.search(store, q, pair=pair or None, since=since or None, until=until or None,
                             limit=PAGE_SIZE + 1, offset=(page - 1) * PAGE_SIZE)
    params = {"q": q, "pair": pair, "since": since, "until": until}
    more = found is not None and (len(found["documents"]) > PAGE_SIZE or len(found["evidence"]) > PAGE_SIZE)
    return render(request, "search.html", q=q, pair=pair, since=since, until=until, page=page, found=found,
                  more=more, page_size=PAGE_SIZE,
                  page_prefix="/search?" + urlencode({k: v for k, v in params.items() if v}) + "&page=")


@router.get("/api", response_class=HTMLResponse)
def api_docs(request: Request) -> Response:
    spec = request.app.openapi()
    groups: dict[str, list[dict[str, Any]]] = {}
    for path, methods in spec["paths"].items():
        for method, op in methods.items():
            groups.setdefault((op.get("tags") or ["other"])[0], []).append({"method": method.upper(), "path": path,
                                                                            **op})
    return render(request, "api.html", spec=spec, groups=groups)
