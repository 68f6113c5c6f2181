"""The HTTP API and pages through the ASGI app (httpx), on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest
from fastapi.testclient import TestClient  # an httpx.Client over the ASGI app
from pydantic import TypeAdapter

from bilateral import query
from bilateral.serve import create_app, schemas
from bilateral.serve.security import CONTENT_SECURITY_POLICY
from bilateral.store import open_store
from tests.conftest import POSTGRES_URL, _reset_postgres
from tests.helpers import REPO
from tests.serve_support import HOSTILE_NAME, build_store

TOKEN = "test-token-1234"


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def db(request, tmp_path_factory) -> str:
    tmp = tmp_path_factory.mktemp("serve")
    if request.param == "sqlite":
        url = str(tmp / "serve.db")
    else:
        import os

        if not POSTGRES_URL:
            if os.environ.get("BILATERAL_REQUIRE_POSTGRES"):
                pytest.fail("BILATERAL_REQUIRE_POSTGRES is set but BILATERAL_TEST_POSTGRES is not")
            pytest.skip("no PostgreSQL server (set BILATERAL_TEST_POSTGRES; .ci/postgres starts one)")
        _reset_postgres(POSTGRES_URL)
        url = POSTGRES_URL
    return build_store(url, tmp)


@pytest.fixture(scope="module")
def store(db):
    s = open_store(db)
    yield s
    s.close()


@pytest.fixture(scope="module")
def client(store):
    app = create_app(store)
    with TestClient(app) as c:
        yield c


def get_json(client: httpx.Client, path: str, **params):
    r = client.get(path, params=params)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == "application/json"
    return r.json()


def same(data):
    """What the API returns for data: JSON has no tuples, and keeps key order."""
    return json.loads(json.dumps(data))


def test_read_endpoints_answer_what_the_query_functions_answer(client, store):
    assert get_json(client, "/api/pairs") == same(query.pairs(store))
    assert get_json(client, "/api/pairs/KR-KH/key-figures") == same(query.key_figures(store, "KH-KR"))
    assert get_json(client, "/api/facts", pair="KH-KR", limit=30) == same(query.facts_of(store, pair="KH-KR", limit=30))
    assert get_json(client, "/api/facts", indicator="trade.total", since="2020", until="2023", sources="false") \
        == same(query.facts_of(store, indicator="trade.total", since="2020", until="2023", sources=False))
    assert get_json(client, "/api/series/trade.total", pair="KH,KR") == same(query.series(store, "trade.total",
                                                                                          pair="KH-KR", sources=3))
    assert get_json(client, "/api/series/trade.total", sources=10) == same(query.series(store, "trade.total"))
    assert get_json(client, "/api/events", pair="KH-KR", limit=10, offset=5) == \
        same(query.timeline(store, pair="KH-KR", limit=10, offset=5))
    assert get_json(client, "/api/conflicts", pair="KH-KR") == same(query.conflicts_of(store, pair="KH-KR"))
    assert get_json(client, "/api/search", q="trade Korea", limit=5) == same(query.search(store, "trade Korea",
                                                                                          limit=5))


def test_answers_match_the_documented_schemas(client):
    pairs = get_json(client, "/api/pairs")
    TypeAdapter(list[schemas.Pair]).validate_python(pairs)
    assert pairs[0]["pair"] == "KH-KR"
    facts = get_json(client, "/api/facts", pair="KH-KR")
    TypeAdapter(list[schemas.Fact]).validate_python(facts)
    fact = get_json(client, f"/api/facts/{facts[0]['id']}")
    schemas.FactWithConflicts.model_validate(fact)
    TypeAdapter(list[schemas.SeriesLine]).validate_python(get_json(client, "/api/series/trade.total"))
    events = get_json(client, "/api/events", pair="KH-KR")
    TypeAdapter(list[schemas.Event]).validate_python(events)
    event = get_json(client, f"/api/events/{events[0]['id']}")
    schemas.Event.model_validate(event)
    TypeAdapter(list[schemas.Conflict]).validate_python(get_json(client, "/api/conflicts"))
    document = get_json(client, f"/api/documents/{event['reports'][0]['document_id']}")
    schemas.Document.model_validate(document)
    record = get_json(client, f"/api/records/{document['records'][0]['id']}")
    schemas.Record.model_validate(record)
    assert record["document_id"] == document["id"]
    schemas.SearchResult.model_validate(get_json(client, "/api/search", q="embassy"))


def test_openapi_describes_every_endpoint(client):
    spec = get_json(client, "/api/openapi.json")
    paths = set(spec["paths"])
    assert {"/api/pairs", "/api/facts", "/api/facts/{fact_id}", "/api/series/{indicator}", "/api/events",
            "/api/events/{event_id}", "/api/conflicts", "/api/documents/{ref}", "/api/search",
            "/api/ingest"} <= paths
    assert not any(p.startswith(("/pairs", "/static", "/search")) for p in paths), "pages are not API"
    facts = spec["paths"]["/api/facts"]["get"]
    assert facts["responses"]["200"]["content"]["application/json"]["schema"]["items"]["$ref"].endswith("/Fact")
    docs = client.get("/api")
    assert docs.status_code == 200 and "/api/facts/{fact_id}" in docs.text and "openapi.json" in docs.text


def test_reports_of_a_fact_or_event_come_in_pages(client, store):
    busiest = max(query.facts_of(store, limit=0, sources=False), key=lambda f: f["n_reports"])
    assert busiest["n_reports"] >= 3
    everything = query.fact(store, busiest["id"])["sources"]
    assert len(everything) == busiest["n_reports"]
    page = get_json(client, f"/api/facts/{busiest['id']}", limit=2, offset=1)
    assert page["sources"] == same(everything[1:3]) and page["n_reports"] == busiest["n_reports"]
    event = max(query.timeline(store, limit=0), key=lambda e: e["n_reports"])
    reports = query.events_of(store, event["id"])["reports"]
    assert get_json(client, f"/api/events/{event['id']}", limit=1, offset=1)["reports"] == same(reports[1:2])
    html = client.get(f"/facts/{busiest['id']}").text
    assert html.count('<figure class="quote">') == min(50, busiest["n_reports"])


def test_paging_and_limits(client):
    first = get_json(client, "/api/facts", limit=5)
    second = get_json(client, "/api/facts", limit=5, offset=5)
    assert len(first) == len(second) == 5 and not {f["id"] for f in first} & {f["id"] for f in second}
    assert client.get("/api/facts", params={"limit": 0}).status_code == 422
    assert client.get("/api/facts", params={"limit": 5000}).status_code == 422
    assert client.get("/api/events", params={"offset": -1}).status_code == 422
    assert client.get("/api/facts", params={"since": "yesterday"}).status_code == 422


def test_errors_name_the_problem(client):
    r = client.get("/api/facts", params={"pair": "XX-YY"})
    assert r.status_code == 400 and "XX" in r.json()["detail"]
    for path in ("/api/facts/f-nope", "/api/events/e-nope", "/api/documents/999999", "/api/records/999999"):
        r = client.get(path)
        assert r.status_code == 404 and "no " in r.json()["detail"], path
    page = client.get("/facts/f-nope")
    assert page.status_code == 404 and "text/html" in page.headers["content-type"] and "no fact" in page.text


def test_search_input_is_only_ever_a_parameter(client):
    for text in ("' OR 1=1 --", '"; DROP TABLE documents; --', "%", "_", "trade') OR ('1'='1", "\\"):
        found = get_json(client, "/api/search", q=text)
        for d in found["documents"]:
            assert text.lower() in d["snippet"].lower()
    # The store is still whole.
    assert len(get_json(client, "/api/pairs")) > 3


def test_no_request_path_reaches_the_file_system(client):
    pyproject = str(REPO / "pyproject.toml")
    for path in ("/static/../pyproject.toml", "/static/%2e%2e/pyproject.toml", "/static/..%2fpyproject.toml",
                 "/static/style.css/../../pyproject.toml", f"/documents/{pyproject}", f"/api/documents/{pyproject}",
                 "/api/documents/..%2f..%2fpyproject.toml", "/../pyproject.toml"):
        r = client.get(path)
        assert r.status_code == 404, path
        assert "[project]" not in r.text, path
    css = client.get("/static/style.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")


def test_security_headers_on_every_kind_of_response(client):
    for path in ("/", "/pairs/KH-KR", "/api/pairs", "/static/app.js", "/nope", "/api/facts/f-nope", "/api"):
        r = client.get(path)
        assert r.headers["content-security-policy"] == CONTENT_SECURITY_POLICY, path
        assert r.headers["x-content-type-options"] == "nosniff", path
        assert r.headers["x-frame-options"] == "DENY", path
    assert "script-src 'self'" in CONTENT_SECURITY_POLICY and "unsafe-inline" not in CONTENT_SECURITY_POLICY


def test_pages_show_document_text_as_text(client):
    doc = get_json(client, f"/api/documents/{HOSTILE_NAME}")
    assert "<script>" in doc["text"] and doc["records"], "the hostile document has a record over the script"
    page = client.get(f"/documents/{doc['id']}").text
    assert "<script>window.__pwned" not in page and "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in page
    assert "<img src=x" not in page and "&lt;img src=x onerror=" in page
    assert "<b onmouseover" not in page and "&lt;b onmouseover=" in page
    assert 'href="javascript:' not in page and "javascript:window.__pwned = 4" in page  # shown, not a link
    assert page.count("<script") == 1  # ours: /static/app.js


def test_pair_page_has_figures_charts_timeline_conflicts(client):
    assert client.get("/pairs/kr-kh", follow_redirects=False).headers["location"] == "/pairs/KH-KR"
    page = client.get("/pairs/KH-KR").text
    assert page.count('class="card figure"') >= 4
    assert page.count("<svg") >= 3 and 'class="report' in page
    assert 'class="timeline"' in page and 'class="conflicts"' in page
    assert client.get("/pairs/AD-AE").status_code == 404


def test_record_link_opens_its_document_at_the_sentence(client):
    doc = get_json(client, f"/api/documents/{HOSTILE_NAME}")
    rid = doc["records"][0]["id"]
    r = client.get(f"/records/{rid}", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"/documents/{doc['id']}?r={rid}#ev-{rid}"
    page = client.get(r.headers["location"].split("#")[0]).text
    assert f'id="ev-{rid}"' in page and 'class="ev current"' in page


def test_search_pages(client):
    first = client.get("/search", params={"q": "trade"})
    assert first.status_code == 200 and "<mark>" in first.text and 'rel="next"' in first.text
    second = client.get("/search", params={"q": "trade", "page": 2})
    assert second.status_code == 200 and 'rel="prev"' in second.text
    assert client.get("/search", params={"q": "trade", "page": 0}).status_code == 422


# -- ingest over HTTP ---------------------------------------------------------------


@pytest.fixture()
def writable(db, store):
    app = create_app(store, token=TOKEN, max_body=200_000, allow_private=False)
    with TestClient(app) as c:
        yield c


AUTH = {"Authorization": f"Bearer {TOKEN}"}
NOTE = ("Two-way trade between Cambodia and South Korea reached US$ 2.93 billion in 2031, the customs "
        "department said in a note written for the web tests.\n")


def test_ingest_is_off_without_a_token(client):
    r = client.post("/api/ingest", files={"file": ("a.txt", NOTE.encode())}, headers=AUTH)
    assert r.status_code == 403 and "--token" in r.json()["detail"]


def test_ingest_needs_the_token_in_the_authorization_header(writable):
    files = {"file": ("a.txt", NOTE.encode())}
    assert writable.post("/api/ingest", files=files).status_code == 401
    assert writable.post("/api/ingest", files=files, headers={"Authorization": "Bearer wrong-token"}).status_code == 401
    # A form field or cookie is not a token: a cross-site form cannot send a header.
    assert writable.post("/api/ingest", files=files, data={"token": TOKEN}).status_code == 401
    writable.cookies.set("token", TOKEN)
    assert writable.post("/api/ingest", files=files).status_code == 401
    writable.cookies.clear()
    r = writable.post("/api/ingest", files=files, headers={**AUTH, "Origin": "https://elsewhere.example"})
    assert r.status_code == 403 and "cross-site" in r.json()["detail"]


def test_ingest_a_file_then_find_it(writable):
    def kh_kr_documents() -> int:
        return next(p["documents"] for p in writable.get("/api/pairs").json() if p["pair"] == "KH-KR")

    before = kh_kr_documents()
    assert "$2.93 billion" not in writable.get("/pairs/KH-KR").text
    files = {"file": ("../../etc/web_note.txt", NOTE.encode())}
    r = writable.post("/api/ingest", files=files, data={"published": "2032-01-05", "title": "Web note"}, headers=AUTH)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["documents"][0]["doc"] == "web_note.txt" and body["documents"][0]["outcome"] == "added"
    facts = writable.get("/api/facts", params={"indicator": "trade.total", "since": "2031", "until": "2031"}).json()
    assert any(f["value"] == 2_930_000_000 and f["sources"][0]["doc"] == "web_note.txt" for f in facts)
    # The pairs list and the pair page (kept between requests) show the new document at once.
    assert kh_kr_documents() == before + 1
    assert "$2.93 billion" in writable.get("/pairs/KH-KR").text
    again = writable.post("/api/ingest", files=files, data={"published": "2032-01-05"}, headers=AUTH).json()
    assert again["unchanged"] == 1 and again["added"] == 0
    found = writable.get("/api/search", params={"q": "written for the web tests"}).json()
    assert [d["doc"] for d in found["documents"]] == ["web_note.txt"]


def test_ingest_refuses_what_it_cannot_use(writable):
    bad = [({"data": {"url": "/etc/passwd"}}, "http"), ({"data": {"url": "file:///etc/passwd"}}, "http"),
           ({"data": {}}, "send"), ({"data": {"title": "x"}}, "nothing to ingest"), ({"files": {"file": ("empty.txt", b"")}}, "empty"),
           ({"files": {"file": ("a.txt", NOTE.encode())}, "data": {"published": "last week"}}, "published"),
           ({"files": {"file": ("a.txt", NOTE.encode())}, "data": {"url": "javascript:alert(1)"}}, "http"),
           ({"json": {"url": "ftp://example.org/x"}}, "http"), ({"content": b"url=x", "headers": {"Content-Type": "text/plain"}}, "multipart")]
    for kwargs, word in bad:
        kwargs = {**kwargs, "headers": {**AUTH, **kwargs.get("headers", {})}}
        r = writable.post("/api/ingest", **kwargs)
        assert r.status_code in (415, 422), (kwargs, r.text)
        assert word in json.dumps(r.json()["detail"]), (kwargs, r.text)


def test_bodies_over_the_limit_get_413(writable):
    big = b"x" * 300_000
    r = writable.post("/api/ingest", files={"file": ("big.txt", big)}, headers=AUTH)
    assert r.status_code == 413 and "limit" in r.json()["detail"]

    def chunks():  # no Content-Length: counted as it streams
        yield b'--b\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\n'
        for _ in range(30):
            yield b"y" * 10_000

    headers = {**AUTH, "Content-Type": "multipart/form-data; boundary=b"}
    r = writable.post("/api/ingest", content=chunks(), headers=headers)
    assert r.status_code == 413


class _Page(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        body = NOTE.replace("2031", "2033").encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def test_ingest_a_url_with_the_fetch_guard(store):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Page)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/note.txt"
    try:
        with TestClient(create_app(store, token=TOKEN)) as c:
            r = c.post("/api/ingest", json={"url": url}, headers=AUTH)
            assert r.status_code == 422 and "loopback" in r.json()["detail"], r.text
        # The guard is lifted only for a server started so (tests on a local server).
        with TestClient(create_app(store, token=TOKEN, allow_private=True)) as c:
            r = c.post("/api/ingest", data={"url": url}, headers=AUTH)
            assert r.status_code == 200 and r.json()["added"] + r.json()["unchanged"] == 1, r.text
    finally:
        server.shutdown()
    facts = query.facts_of(store, indicator="trade.total", since="2033", until="2033")
    assert any(s["url"] == url or s["doc"] == url for f in facts for s in f["sources"])


def test_serve_binds_loopback_by_default():
    from bilateral.serve.cli import serve_command

    host = next(p for p in serve_command.params if p.name == "host")
    assert host.default == "127.0.0.1"


def test_brief_page_links_its_stylesheet_and_cites_sources(client):
    pair = get_json(client, "/api/pairs")[0]["pair"]
    page = client.get(f"/pairs/{pair}")
    assert f'href="/pairs/{pair}/brief"' in page.text
    r = client.get(f"/pairs/{pair}/brief")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "/static/brief.css?v=" in r.text and "<style" not in r.text  # the CSP allows no inline style
    assert "content-security-policy" in r.headers
    link = re.search(r'href="(/static/brief\.css\?v=\w+)"', r.text)
    assert link, "the brief links the app's copy of its stylesheet"
    css = client.get(link.group(1))
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
    assert client.get(f"/pairs/{pair}/brief", params={"since": "not-a-year"}).status_code in (400, 422)


def test_brief_pdf_download(client):
    from tests.test_brief import _pdf_tools

    _pdf_tools()
    pair = get_json(client, "/api/pairs")[0]["pair"]
    r = client.get(f"/pairs/{pair}/brief.pdf", params={"size": "Letter"})
    assert r.status_code == 200 and r.headers["content-type"] == "application/pdf"
    assert r.content.startswith(b"%PDF-") and "attachment" in r.headers["content-disposition"]
    assert client.get(f"/pairs/{pair}/brief.pdf", params={"size": "A3"}).status_code in (400, 422)


def test_a_starting_server_warms_up_but_keeps_no_page(store, tmp_path):
    """Each server process builds the busiest pair's page once as it starts (SQL compiled, caches
    filled), but keeps nothing: a reader's first view of a pair is still built from the store."""
    import sqlalchemy as sa

    statements: list[str] = []

    def seen(conn, cursor, sql, params, context, many):
        statements.append(sql)

    sa.event.listen(store.engine, "before_cursor_execute", seen)
    try:
        app = create_app(store)
        with TestClient(app) as c:
            at_start = len(statements)
            assert at_start > 5  # the pair page's queries ran
            assert not any(key.startswith("pair-page:") for key in app.state.cache._answers)
            busiest = query.pairs(store)[0]["pair"]
            assert c.get(f"/pairs/{busiest}").status_code == 200
            assert len(statements) - at_start > 5  # built again from the store, not kept from the start
    finally:
        sa.event.remove(store.engine, "before_cursor_execute", seen)
    # A store with nothing in it starts too.
    with TestClient(create_app(str(tmp_path / "empty.db"))) as c:
        assert c.get("/").status_code == 200


def test_a_pair_page_is_built_without_collector_pauses(client, store):
    """Building a pair page (a big tree of short-lived objects) never stops for the cyclic
    collector: a full pass was a 70 ms pause in one first view of ten at 100,000 documents."""
    import gc

    from bilateral.serve import pages

    runs: list[int] = []

    def count(phase: str, info: dict) -> None:
        if phase == "start":
            runs.append(info["generation"])

    from starlette.requests import Request

    busiest = query.pairs(store)[0]["pair"]
    page_request = Request({"type": "http", "app": client.app, "method": "GET", "path": "/", "headers": [],
                            "query_string": b""})
    before = gc.get_threshold()
    gc.set_threshold(1, 1, 1)  # without the pause the collector would run all through the page
    gc.callbacks.append(count)
    try:
        body = pages._pair_page(page_request, store, busiest)
        during = len(runs)
    finally:
        gc.callbacks.remove(count)
        gc.set_threshold(*before)
    assert b"<svg" in body and during == 0
    assert gc.isenabled()
