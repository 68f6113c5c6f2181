"""Search in Korean and Khmer: what a term costs by how the store answers it.

    .venv/bin/python benchmarks/search_lang.py                        # 10,000 and 20,000 documents
    .venv/bin/python benchmarks/search_lang.py --sizes 10000,100000 --repeat 10

The store (SQLite, in a temporary folder) is filled with the sample documents
of ``examples/en``, ``examples/ko`` and ``examples/km``, extracted once and
repeated with a distinct suffix (``store_speed.fill``): about half of the
documents are English, a quarter Korean and a quarter Khmer. Each case is ``query.search`` (documents
and evidence, 20 of each) with p50/p95 over ``--repeat`` runs; the baseline, in
the same process, is a document fetched by primary key.

- a term of three characters or more ("캄보디아", "២០១៩") is answered by the
  FTS5 trigram index, whether it occurs in every third document or in none;
- a term of two characters without case ("교역", two Hangul syllables) is
  looked up as the trigrams it starts (the index's vocabulary) and the values
  it ends (migration 0006), whether common or absent;
- other short terms ("qx": cased, so through lower()) are a scan of the rows,
  newest first until 20 match: one that occurs nowhere reads every row, so
  its cost grows with the store (printed per 10,000 documents);
- a digit term ("2019") is also looked for in Khmer digits: two phrases ORed.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import sqlalchemy as sa  # noqa: E402
from store_speed import _latency, fill  # noqa: E402

from bilateral import extract_document, query, read  # noqa: E402
from bilateral.store import open_store  # noqa: E402
from bilateral.store.schema import documents  # noqa: E402

CASES = {
    "trigram index, Korean, common": "캄보디아",
    "trigram index, Korean, absent": "북극해의",
    "trigram index, Khmer digits": "២០១៩",
    "trigram index, ASCII digits": "2019",
    "2 syllables, common": "교역",
    "2 syllables, absent": "북극",
    "2 characters, Khmer, absent": "ឈឈ",
    "2 digits (also as Khmer digits)": "19",
    "2 letters, English, absent (a scan)": "qx",
}


def _pool() -> list:
    pool = []
    for lang in ("en", "ko", "km"):
        for path in sorted((HERE.parent / "examples" / lang).glob("*.txt")):
            doc = read(str(path))
            pool.append((doc, extract_document(doc)))
    return pool


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,20000", help="store sizes (comma-separated)")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--dir", default=None, help="work folder (default: a temporary one)")
    args = parser.parse_args(argv)
    workdir = Path(args.dir or tempfile.mkdtemp(prefix="bilateral-search-"))
    workdir.mkdir(parents=True, exist_ok=True)
    db = workdir / "search.db"
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}; store {db}")
    pool = _pool()
    print(f"pool: {len(pool)} sample documents (en, ko, km), {sum(len(d.text) for d, _ in pool) / len(pool):,.0f}"
          " characters each")
    store = open_store(str(db))
    done = 0
    for size in (int(s) for s in args.sizes.split(",") if s):
        seconds = fill(store, pool, done, size)
        done = size
        print(f"{size:,} documents (filled in {seconds:,.0f} s, {db.stat().st_size / 1e6:,.0f} MB); "
              f"ms p50 / p95, load {os.getloadavg()[0]:.1f}")
        with store.connect() as conn:
            middle = conn.execute(sa.select(sa.func.max(documents.c.id))).scalar_one() // 2

        def by_id(doc_id: int = middle) -> None:
            with store.connect() as conn:
                conn.execute(sa.select(documents.c.title).where(documents.c.id == doc_id)).first()

        base, _ = _latency(by_id, args.repeat)
        print(f"  {'baseline: document by id':40s} {base:8.2f} / {'':8s}")
        for name, term in CASES.items():
            found = query.search(store, term)
            p50, p95 = _latency(lambda term=term: query.search(store, term), args.repeat)
            per_10k = f"  {p50 * 10_000 / size:7.1f} ms per 10k docs" if "scan" in name else ""
            print(f"  {name:40s} {p50:8.2f} / {p95:8.2f}  {p50 / base:7.0f}x baseline; "
                  f"{len(found['documents'])} docs, {len(found['evidence'])} evidence{per_10k}")
    store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
