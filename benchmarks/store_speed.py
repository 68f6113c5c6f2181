"""Store speed: ingest documents/s, and query latency as the store grows.

Ingest: generated articles (benchmarks/generate.py) written as .txt files,
ingested with 1 and 2 worker processes into SQLite (and PostgreSQL with
--postgres URL). The baseline, in the same process, is extraction alone on
the same articles: the ratio says what reading, storing and reconciling add.

Queries: p50/p95 of facts, series, timeline, conflicts and search (a common
and a rare word) at each size of --sizes. The store is filled through
``Store.add_documents`` with a pool of generated articles extracted once and
repeated with a distinct suffix (new text, new hash, the same records), so
that a million documents do not take an hour of extraction; reconciliation
runs as usual. The baseline is a primary-key lookup in the same store.

    .venv/bin/python benchmarks/store_speed.py --ingest-docs 2000 --sizes 10000,100000
    .venv/bin/python benchmarks/store_speed.py --sizes 10000,100000,1000000 --skip-ingest
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import sqlalchemy as sa  # noqa: E402
from generate import iter_articles, write_corpus  # noqa: E402

from bilateral import extract, query  # noqa: E402
from bilateral.ingest import ingest  # noqa: E402
from bilateral.model import Document  # noqa: E402
from bilateral.reconcile import reconcile  # noqa: E402
from bilateral.store import Store, open_store  # noqa: E402
from bilateral.store.schema import documents  # noqa: E402

INGEST_TARGET = 500.0  # documents/s on 2 cores into SQLite
QUERY_TARGET_MS = 50.0  # p95 at 1M documents


def _reset(db: str) -> None:
    if db.startswith("postgresql"):
        from bilateral.store import database_url

        engine = sa.create_engine(database_url(db))
        with engine.begin() as conn:
            conn.exec_driver_sql("DROP SCHEMA public CASCADE")
            conn.exec_driver_sql("CREATE SCHEMA public")
        engine.dispose()
    else:
        for suffix in ("", "-wal", "-shm"):
            Path(db + suffix).unlink(missing_ok=True)


def bench_ingest(n: int, workdir: Path, postgres: str | None) -> None:
    corpus = workdir / "corpus"
    if not corpus.exists():
        write_corpus(n, 11, "txt", str(corpus))
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.rglob("*.txt"))]
    t = time.perf_counter()
    for text in texts:
        extract(text)
    extract_rate = len(texts) / (time.perf_counter() - t)
    print(f"ingest of {len(texts)} generated articles ({sum(map(len, texts)) / len(texts):,.0f} chars each)")
    print(f"  baseline: extraction alone, 1 process: {extract_rate:,.0f} docs/s")
    backends = [("sqlite", str(workdir / "ingest.db"))] + ([("postgresql", postgres)] if postgres else [])
    for name, db in backends:
        for workers in (1, 2):
            _reset(db)
            report = ingest([corpus], db, workers=workers)
            rate = report.added / report.seconds
            target = f"  (target >= {INGEST_TARGET:.0f})" if name == "sqlite" and workers == 2 else ""
            print(f"  {name:10s} {workers} worker(s): {rate:7,.0f} docs/s, {rate / extract_rate:4.2f}x extraction alone"
                  f"{target}")


def _pool(size: int) -> list[tuple[Document, list]]:
    pool = []
    for a in iter_articles(size, seed=5):
        doc = Document(id=a.id, text=a.text, source=f"gen://{a.id}", url=a.url, published=a.published, title=a.title,
                       publisher=a.publisher, language="en")
        pool.append((doc, extract(a.text, published=a.published, doc_id=a.id)))
    return pool


def fill(store: Store, pool: list[tuple[Document, list]], start: int, stop: int, batch: int = 2000) -> float:
    """Add documents ``start``..``stop`` (pool articles made distinct); seconds taken, reconcile included."""
    t = time.perf_counter()
    for first in range(start, stop, batch):
        items = []
        for i in range(first, min(stop, first + batch)):
            doc, records = pool[i % len(pool)]
            copy = Document(id=f"{doc.id}-{i}", text=f"{doc.text}\n\n[archive copy {i}]", source=f"gen://{i}",
                            url=f"{doc.url}?copy={i}", published=doc.published, title=doc.title,
                            publisher=doc.publisher, language="en")
            items.append((copy, records))
        store.add_documents(items)
    reconcile(store)
    return time.perf_counter() - t


def _latency(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    fn()  # warm the caches once, as a running server would be
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return statistics.median(times), times[max(0, int(round(0.95 * len(times))) - 1)]


def bench_queries(sizes: list[int], db: str, pool_size: int, repeat: int) -> None:
    _reset(db)
    store = open_store(db)
    print(f"query latency (ms, p50/p95 over {repeat} runs; pool of {pool_size} extracted articles repeated)")
    pool = _pool(pool_size)
    pair = max({r.from_ + "-" + r.to for _, recs in pool for r in recs if r.from_ and r.to and r.from_ < r.to},
               key=lambda p: sum(1 for _, recs in pool for r in recs if r.from_ and r.to and
                                 "-".join(sorted((r.from_, r.to))) == p))
    done = 0
    for size in sizes:
        seconds = fill(store, pool, done, size)
        print(f"  {size:>9,} documents (filled {size - done:,} in {seconds:,.0f} s, "
              f"{(size - done) / seconds:,.0f} docs/s with reconcile)")
        done = size
        with store.connect() as conn:
            middle = conn.execute(sa.select(sa.func.max(documents.c.id))).scalar_one() // 2

        def by_id(conn_id: int = middle) -> None:
            with store.connect() as conn:
                conn.execute(sa.select(documents.c.title).where(documents.c.id == conn_id)).first()

        cases: dict[str, Callable[[], object]] = {
            "baseline: document by id": by_id,
            "facts": lambda: query.facts_of(store, pair=pair),
            "series trade.total": lambda: query.series(store, "trade.total", pair=pair),
            "timeline": lambda: query.timeline(store, pair=pair),
            "conflicts": lambda: query.conflicts_of(store, pair=pair),
            "search common word": lambda: query.search(store, "trade"),
            "search rare word": lambda: query.search(store, "copy 7"),
            "document page": lambda doc=middle: query.document(store, doc),
        }
        base = None
        for name, fn in cases.items():
            p50, p95 = _latency(fn, repeat)
            base = base or p50
            flag = "" if name.startswith("baseline") or p95 <= QUERY_TARGET_MS else "  over target"
            print(f"    {name:26s} {p50:8.1f} / {p95:8.1f}   {p50 / base:6.0f}x baseline{flag}")
    store.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ingest-docs", type=int, default=2000)
    parser.add_argument("--skip-ingest", action="store_true")
    parser.add_argument("--sizes", default="10000,100000", help="store sizes for query latency (comma-separated)")
    parser.add_argument("--pool", type=int, default=2000, help="articles extracted to fill the store")
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--postgres", default=os.environ.get("BILATERAL_TEST_POSTGRES"),
                        help="also benchmark this PostgreSQL URL (its schema is dropped!)")
    parser.add_argument("--dir", default=None, help="work folder (default: a temporary one)")
    args = parser.parse_args(argv)
    workdir = Path(args.dir or tempfile.mkdtemp(prefix="bilateral-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}; work folder {workdir}")
    if not args.skip_ingest:
        bench_ingest(args.ingest_docs, workdir, args.postgres)
    sizes = [int(s) for s in args.sizes.split(",") if s]
    bench_queries(sizes, str(workdir / "query.db"), args.pool, args.repeat)
    if args.postgres:
        print("PostgreSQL:")
        bench_queries(sizes[:1], args.postgres, args.pool, args.repeat)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
