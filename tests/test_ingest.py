"""Ingest end to end: folders with broken files, parallel workers, a killed process, URLs and feeds."""

from __future__ import annotations

import http.server
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from bilateral import extract, query
from bilateral.ingest import ingest
from bilateral.store import open_store
from bilateral.store.schema import documents, records
from tests.helpers import REPO
from tests.texts import AID, ASSOCIATION, CUSTOMS, ROUNDED, TYPO, write_docs

BILATERAL = [sys.executable, "-m", "bilateral.cli"]


def _corpus(folder: Path) -> Path:
    return write_docs(folder, {"customs.txt": CUSTOMS, "rounded.txt": ROUNDED, "assoc.txt": ASSOCIATION,
                               "typo.txt": TYPO, "aid.txt": AID})


def test_ingest_a_folder_reconciles_across_documents(db_url, tmp_path):
    report = ingest([_corpus(tmp_path / "docs")], db_url, workers=2)
    assert (report.added, report.unchanged, report.skipped) == (5, 0, [])
    store = open_store(db_url)
    trade = query.facts_of(store, pair="KH-KR", indicator="trade.total", since="2023", until="2023")
    assert len(trade) == 1
    fact = trade[0]
    # Customs is official statistics: its figure is the fact's value, the
    # rounded report agrees, the association and the typo disagree.
    assert fact["value"] == 890_000_000 and fact["rule"] == "official" and fact["n_documents"] == 4
    assert {s["doc"] for s in fact["sources"] if s["agrees"]} == {"customs.txt", "rounded.txt"}
    clashes = query.conflicts_of(store, pair="KH,KR")
    assert {"source", "magnitude", "pledged_vs_actual"} <= {c["kind"] for c in clashes}
    assert query.count_conflicts(store, pair="KH-KR") == len(clashes)
    assert query.count_conflicts(store, pair="KH-KR", kind="magnitude") == sum(c["kind"] == "magnitude" for c in clashes)
    # Each report comes with its own unit and period, to be written for readers.
    slip = next(c for c in clashes if c["kind"] == "magnitude")
    assert {(r["unit"], r["period"]["end"]) for r in slip["reports"]} == {("USD", "2023")}
    visits = query.timeline(store, pair="KH-KR", event="visit")
    assert len(visits) == 1 and visits[0]["n_reports"] == 2 and visits[0]["date_conflict"]
    assert store.check() == []
    store.close()


def test_ingest_again_changes_nothing(tmp_path):
    db = tmp_path / "s.db"
    corpus = _corpus(tmp_path / "docs")
    ingest([corpus], db, workers=1)
    store = open_store(db)
    before = store.counts()
    again = ingest([corpus], store, workers=2)
    assert again.unchanged == 5 and again.added == 0 and again.records == 0
    assert store.counts() == before


def test_a_broken_file_is_reported_and_skipped_the_rest_ingested(tmp_path):
    corpus = _corpus(tmp_path / "docs")
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "binary.txt").write_bytes(bytes(range(256)) * 4)
    db = tmp_path / "s.db"
    run = subprocess.run([*BILATERAL, "ingest", str(corpus), "--db", str(db), "--workers", "2"],
                         capture_output=True, text=True, cwd=REPO)
    assert run.returncode == 1, run.stderr
    assert "empty.txt" in run.stderr and "binary.txt" in run.stderr
    assert "5 added" in run.stderr
    assert open_store(db).counts()["documents"] == 5


# -- a killed ingest ------------------------------------------------------------

_PLACES = ["Phnom Penh", "Seoul", "Siem Reap", "Busan", "Battambang", "Incheon"]


def _article(i: int) -> str:
    """A small article of our own with figures that vary with ``i``."""
    year = 2000 + i % 24
    return (
        f"Dispatch {i} from {_PLACES[i % len(_PLACES)]}. Officials met for talks on roads and schools. "
        f"Trade between Cambodia and South Korea reached ${100 + i % 900} million in {year}. "
        f"Some {1000 + i} Cambodian workers were employed in South Korea in {year}, the ministry said. "
        "The weather was mild and the markets were busy."
    )


def test_kill_minus_nine_leaves_a_consistent_store_and_a_rerun_completes_it(tmp_path):
    n = 10_000
    corpus = tmp_path / "archive"
    corpus.mkdir()
    for i in range(n):
        (corpus / f"a{i:05d}.txt").write_text(_article(i), encoding="utf-8")
    db = tmp_path / "archive.db"
    proc = subprocess.Popen([*BILATERAL, "ingest", str(corpus), "--db", str(db), "--workers", "2", "--no-progress"],
                            cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        stored = 0
        while time.monotonic() < deadline and stored < 500:
            time.sleep(0.2)
            if db.exists():
                try:
                    stored = open_store(db, migrate=False).counts()["documents"]
                except Exception:  # noqa: BLE001 - the schema may not exist yet
                    stored = 0
        assert proc.poll() is None, "the ingest finished before it could be killed; make the corpus larger"
        os.killpg(proc.pid, signal.SIGKILL)  # the writer and its workers, without any chance to clean up
        proc.wait()
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    store = open_store(db)
    assert store.check() == []
    count = store.counts()["documents"]
    assert 0 < count < n
    # No half-written document: every stored document has all of its records.
    with store.connect() as conn:
        per_doc = dict(conn.execute(sa.select(documents.c.doc, sa.func.count(records.c.id))
                                    .outerjoin(records, records.c.document_id == documents.c.id)
                                    .group_by(documents.c.doc)).all())
    for doc, stored_records in list(per_doc.items())[:: max(1, len(per_doc) // 200)]:
        text = (corpus / doc).read_text(encoding="utf-8")
        assert stored_records == len(extract(text, doc_id=doc)), doc
    store.close()
    rerun = subprocess.run([*BILATERAL, "ingest", str(corpus), "--db", str(db), "--workers", "2"], cwd=REPO,
                           capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr
    store = open_store(db)
    assert store.counts()["documents"] == n and store.counts()["dirty_groups"] == 0
    assert store.check() == []


# -- URLs and feeds ---------------------------------------------------------------


class _Site(http.server.BaseHTTPRequestHandler):
    pages: dict[str, tuple[str, bytes]] = {}

    def do_GET(self) -> None:  # noqa: N802 - the http.server interface
        content_type, body = self.pages.get(self.path, ("text/plain", b""))
        self.send_response(200 if self.path in self.pages else 404)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def site():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"

    def page(text: str, title: str) -> tuple[str, bytes]:
        html = (f"<html><head><title>{title}</title><meta name='date' content='2024-05-20'></head><body>"
                f"<nav>Home | World | Sport</nav><article><h1>{title}</h1><p>{text}</p></article>"
                "<footer>Copyright the publisher</footer></body></html>")
        return "text/html; charset=utf-8", html.encode()

    _Site.pages = {
        "/trade": page(CUSTOMS, "Trade report"),
        "/aid": page(AID, "Aid report"),
        "/feed.xml": ("application/rss+xml", f"""<?xml version="1.0"?><rss version="2.0"><channel>
            <title>News</title><link>{base}/</link><description>d</description>
            <item><title>Trade report</title><link>{base}/trade</link><pubDate>Mon, 20 May 2024 08:00:00 GMT</pubDate></item>
            <item><title>Aid report</title><link>/aid</link></item>
            </channel></rss>""".encode()),
    }
    yield base, page
    server.shutdown()


def test_urls_are_refused_on_loopback_unless_allowed(site, tmp_path):
    base, _ = site
    db = tmp_path / "s.db"
    refused = subprocess.run([*BILATERAL, "ingest", f"{base}/trade", "--db", str(db)], cwd=REPO,
                             capture_output=True, text=True)
    assert refused.returncode == 1 and "127.0.0.1" in refused.stderr and "trade" in refused.stderr
    assert open_store(db).counts()["documents"] == 0
    allowed = subprocess.run([*BILATERAL, "ingest", f"{base}/trade", "--db", str(db), "--allow-private"], cwd=REPO,
                             capture_output=True, text=True)
    assert allowed.returncode == 0, allowed.stderr
    shown = query.document(open_store(db), f"{base}/trade")
    assert "Customs" in shown["text"] and "Copyright" not in shown["text"] and "Sport" not in shown["text"]


def test_a_feed_is_expanded_into_its_entries(site, tmp_path):
    base, _ = site
    report = ingest([f"{base}/feed.xml"], tmp_path / "s.db", allow_private=True, workers=2)
    assert report.feeds == 1 and report.added == 2 and report.skipped == []
    store = open_store(tmp_path / "s.db")
    assert {d["doc"] for d in query.search(store, "Cambodia")["documents"]} == {f"{base}/trade", f"{base}/aid"}


def test_a_changed_page_becomes_a_new_version(site, tmp_path):
    base, page = site
    db = tmp_path / "s.db"
    ingest([f"{base}/trade"], db, allow_private=True, workers=1)
    _Site.pages["/trade"] = page(CUSTOMS.replace("$890 million", "$912 million"), "Trade report")
    report = ingest([f"{base}/trade"], db, allow_private=True, workers=1)
    assert report.new_versions == 1
    store = open_store(db)
    assert [f["value"] for f in query.facts_of(store, indicator="trade.total")] == [912_000_000]
    assert json.loads(json.dumps(query.document(store, f"{base}/trade")))["version"] == 2
