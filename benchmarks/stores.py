"""Stores of generated articles for the benchmarks: N documents in a few minutes, no extraction.

``generated_store(db, n)`` fills ``db`` (a SQLite path or a postgresql:// URL) with
the first ``n`` articles of ``generate.iter_articles`` and their gold records,
written through ``Store.add_documents`` as ingest would write extracted ones,
then reconciles. Extraction is left out because it is not what a query, a page
or a brief is measured on, and 100,000 articles would take it most of an hour on
two shared cores; the records are the generator's gold, so the store holds what
a perfect extractor would have found (distinct articles, realistic repetition
and disagreement). A store already holding some documents is completed, so a
benchmark can reuse its store between runs (``--db``).

    from stores import generated_store            # with benchmarks/ on sys.path
    counts = generated_store("bench.db", 100_000)
"""

from __future__ import annotations

import sys
import time

from generate import iter_articles

from bilateral.model import Document, record_from_dict
from bilateral.reconcile import reconcile
from bilateral.store import open_store

BATCH = 1000


def generated_store(db: str, n: int, *, seed: int = 1, quiet: bool = False) -> dict[str, int]:
    """Fill ``db`` up to ``n`` generated documents (resuming), reconcile, return the store's counts."""
    store = open_store(db)
    try:
        have = store.counts()["documents"]
        started = time.perf_counter()
        batch = []
        for a in iter_articles(max(0, n - have), seed, start=have):
            doc = Document(id=a.id, text=a.text, source=a.url, title=a.title, published=a.published, url=a.url,
                           publisher=a.publisher, language="en")
            batch.append((doc, [record_from_dict(r) for r in a.gold()]))
            if len(batch) >= BATCH:
                store.add_documents(batch)
                batch.clear()
                if not quiet:
                    done = store.counts()["documents"]
                    print(f"  {done:,} documents ({(done - have) / (time.perf_counter() - started):,.0f}/s)",
                          file=sys.stderr, flush=True)
        if batch:
            store.add_documents(batch)
        reconcile(store)
        return store.counts()
    finally:
        store.close()
