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

import multiprocessing
import sys
import time

from generate import iter_articles

from bilateral.model import Document, record_from_dict
from bilateral.reconcile import reconcile
from bilateral.store import open_store

BATCH = 2000


def _batch(span: tuple[int, int, int]) -> list[tuple[Document, list]]:
    """Articles ``start``..``start + count`` with their gold records (run in a helper process)."""
    start, count, seed = span
    return [(Document(id=a.id, text=a.text, source=a.url, title=a.title, published=a.published, url=a.url,
                      publisher=a.publisher, language="en"), [record_from_dict(r) for r in a.gold()])
            for a in iter_articles(count, seed, start=start)]


def generated_store(db: str, n: int, *, seed: int = 1, quiet: bool = False) -> dict[str, int]:
    """Fill ``db`` up to ``n`` generated documents (resuming), reconcile, return the store's counts.

    A helper process writes the next batch of articles while this one stores the last: on two
    cores, a million documents take about half the time they take in one process.
    """
    store = open_store(db)
    try:
        have = store.counts()["documents"]
        started = time.perf_counter()
        spans = [(i, min(BATCH, n - i), seed) for i in range(have, n, BATCH)]
        with multiprocessing.get_context("spawn").Pool(1) as pool:
            done = have
            for batch in pool.imap(_batch, spans):
                done += sum(r.outcome != "unchanged" for r in store.add_documents(batch))
                if not quiet:
                    print(f"  {done:,} documents ({(done - have) / (time.perf_counter() - started):,.0f}/s)",
                          file=sys.stderr, flush=True)
        reconcile(store)
        store.refresh_statistics()  # as ingest does after a bulk write
        return store.counts()
    finally:
        store.close()
