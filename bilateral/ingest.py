"""Ingest: read and extract documents in parallel, write them to a store, reconcile.

    >>> from bilateral.ingest import ingest
    >>> report = ingest(["examples/en", "https://example.org/feed.xml"], "bilateral.db")

Reading and extraction run in worker processes (all cores by default); one
writer, this process, writes finished documents in batches, each document
whole with its records (see ``Store.add_documents``). A worker checks the
store before extracting, so content already ingested costs a read and a
hash, not an extraction: running the same ingest again, after it finished
or after it was killed, writes only what is missing.

A URL that turns out to be an RSS or Atom feed is expanded into its entries.
A broken document is reported (``on_skip``) and skipped; the rest goes on.
"""

from __future__ import annotations

import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from bilateral.errors import ReadError
from bilateral.extract import extract
from bilateral.model import Document, Record
from bilateral.read import DEFAULT_MAX_BYTES, ReadTask, plan
from bilateral.read.feed import read_url_or_feed
from bilateral.read.limits import check_max_bytes
from bilateral.reconcile import ReconcileResult, reconcile
from bilateral.store import AddResult, Store, content_hash, open_store

__all__ = ["IngestReport", "ingest"]


@dataclass(slots=True)
class IngestReport:
    """What an ingest did."""

    added: int = 0
    new_versions: int = 0
    unchanged: int = 0
    records: int = 0
    skipped: list[ReadError] = field(default_factory=list)
    feeds: int = 0
    processed: int = 0  # documents read so far (written, unchanged or skipped)
    reconciled: ReconcileResult | None = None
    seconds: float = 0.0

    @property
    def documents(self) -> int:
        return self.added + self.new_versions + self.unchanged

    def count(self, results: Iterable[AddResult]) -> None:
        """Add what ``Store.add_documents`` did to the counts."""
        for result in results:
            if result.outcome == "added":
                self.added += 1
            elif result.outcome == "new_version":
                self.new_versions += 1
            else:
                self.unchanged += 1
            self.records += result.records


# -- the worker side ----------------------------------------------------------

# Documents written in one run past which the planner's statistics are refreshed (Store.refresh_statistics).
BULK = 1000
_WARM_UP = ("On 3 May 2024 the President of Korea visited Phnom Penh, where trade with Cambodia reached "
            "$1.2 billion in 2023. 캄보디아와 한국의 교역액은 2023년 8억 달러였다. កម្ពុជា និង កូរ៉េ។")

_worker: dict[str, Any] = {}


def _init_worker(db: str, max_bytes: int, allow_private: bool) -> None:
    _worker.update(store=open_store(db, migrate=False), max_bytes=max_bytes, allow_private=allow_private)


def _read(task: ReadTask) -> tuple[Any, ...]:
    """Read one task. Returns ("doc", Document), ("feed", url, [ReadTask, ...]) or ("error", ReadError)."""
    try:
        if task.kind == "url":
            got = read_url_or_feed(task.location, doc_id=task.doc_id, max_bytes=_worker["max_bytes"],
                                   allow_private=_worker["allow_private"])
            if isinstance(got, list):
                return "feed", task.location, [ReadTask("url", link, link, tuple(meta.items())) for link, meta in got]
            document = got
            for name, value in task.meta:
                if not getattr(document, name, None):
                    setattr(document, name, value)
        else:
            document = task.run(max_bytes=_worker["max_bytes"])
        return "doc", document
    except ReadError as error:
        return "error", error
    except Exception as error:  # noqa: BLE001 - one bad document must not stop ten thousand
        return "error", ReadError(task.location, f"failed: {type(error).__name__}: {error}")


def _read_all(task: ReadTask) -> list[tuple[Any, ...]]:
    """``_read`` for a file or URL; a result for each document of a JSON Lines or WARC range."""
    if not task.is_container:
        return [_read(task)]
    try:
        return [("doc", got) if isinstance(got, Document) else ("error", got)
                for got in task.documents(max_bytes=_worker["max_bytes"])]
    except Exception as error:  # noqa: BLE001 - one bad archive must not stop the rest
        return [("error", ReadError(task.location, f"failed: {type(error).__name__}: {error}"))]


def _extract(document: Document) -> tuple[Any, ...]:
    try:
        return "doc", document, extract(document.text, published=document.published, doc_id=document.id)
    except Exception as error:  # noqa: BLE001 - one bad document must not stop ten thousand
        return "error", ReadError(document.source or document.id, f"failed: {type(error).__name__}: {error}")


def _work_many(tasks: list[ReadTask]) -> list[tuple[Any, ...]]:
    """Read and extract a chunk of tasks. Each document gives ("doc", Document, records), ("unchanged",
    doc id) or ("error", ReadError), a feed ("feed", url, [ReadTask, ...]), in order; never raises.

    Text already in the store costs a read and a hash, not an extraction: the
    chunk's hashes are looked up in one query.
    """
    read = [result for task in tasks for result in _read_all(task)]
    hashes = {n: content_hash(r[1].text) for n, r in enumerate(read) if r[0] == "doc"}
    try:
        known = _worker["store"].known_content(hashes.values())
    except SQLAlchemyError:
        known = set()  # a busy store only costs the extraction the lookup would have saved
    return [(("unchanged", r[1].id) if hashes[n] in known else _extract(r[1])) if r[0] == "doc" else r
            for n, r in enumerate(read)]


# -- the writer side ----------------------------------------------------------


def _results(tasks: Iterator[ReadTask | ReadError], workers: int, db: str, max_bytes: int,
             allow_private: bool) -> Iterator[tuple[Any, ...]]:
    """Read and extract the tasks (and the entries of feeds found on the way)."""
    extra: deque[ReadTask] = deque()

    def next_task() -> ReadTask | ReadError | None:
        if extra:
            return extra.popleft()
        return next(tasks, None)

    if workers <= 1:
        _init_worker(db, max_bytes, allow_private)
        while (task := next_task()) is not None:
            for result in [("error", task)] if isinstance(task, ReadError) else _work_many([task]):
                if result[0] == "feed":
                    extra.extend(result[2])
                yield result
        return
    # Tasks go to the workers in chunks: one document is a few milliseconds of
    # work, about what sending it to another process costs on its own.
    chunk_size = 16
    # Chunks in flight: enough for the workers to go on while the writer writes a batch
    # (up to 256 documents, a few tenths of a second), few enough to bound memory.
    window = workers * 16
    # Build the extractor's tables (compiled patterns, gazetteers) once, here:
    # forked workers inherit them instead of each paying a second of start-up.
    extract(_WARM_UP)
    with ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(db, max_bytes, allow_private)) as pool:
        running: set[Future] = set()
        exhausted = False
        while True:
            while not exhausted and len(running) < window:
                chunk: list[ReadTask] = []
                while len(chunk) < chunk_size:
                    task = next_task()
                    if task is None:
                        exhausted = True
                        break
                    if isinstance(task, ReadError):
                        yield "error", task
                    elif task.is_container:
                        # A range of an archive is a chunk's worth of documents on its own.
                        running.add(pool.submit(_work_many, [task]))
                    else:
                        chunk.append(task)
                if chunk:
                    running.add(pool.submit(_work_many, chunk))
            if not running:
                if extra:
                    exhausted = False
                    continue
                return
            done, running = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                for result in future.result():
                    if result[0] == "feed":
                        extra.extend(result[2])
                        exhausted = False
                    yield result


def ingest(
    sources: Iterable[str | os.PathLike[str]],
    db: str | os.PathLike[str] | Store = "bilateral.db",
    *,
    workers: int | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    allow_private: bool = False,
    batch_size: int = 256,
    reconcile_after: bool = True,
    on_skip: Callable[[ReadError], None] | None = None,
    on_progress: Callable[[IngestReport], None] | None = None,
) -> IngestReport:
    """Ingest files, folders, URLs and feeds into the store at ``db`` and reconcile.

    ``workers`` processes read and extract (default: one per core). Documents
    are written in transactions of up to ``batch_size`` whole documents.
    Broken inputs go to ``on_skip`` and into the report; ``on_progress`` is
    called after each document.
    """
    check_max_bytes(max_bytes)
    started = time.perf_counter()
    store = db if isinstance(db, Store) else open_store(db)
    url = store.engine.url.render_as_string(hide_password=False)
    report = IngestReport()
    pending: list[tuple[Document, list[Record]]] = []
    last_flush = time.monotonic()

    def flush() -> None:
        nonlocal last_flush
        report.count(store.add_documents(pending))
        pending.clear()
        last_flush = time.monotonic()

    try:
        results = _results(iter(plan(sources)), workers or os.cpu_count() or 1, url, max_bytes, allow_private)
        for result in results:
            kind = result[0]
            if kind == "doc":
                pending.append((result[1], result[2]))
                if len(pending) >= batch_size or time.monotonic() - last_flush > 1.0:
                    flush()
            elif kind == "unchanged":
                report.unchanged += 1
            elif kind == "feed":
                report.feeds += 1
            else:
                report.skipped.append(result[1])
                if on_skip:
                    on_skip(result[1])
            if kind != "feed":
                report.processed += 1
                if on_progress:
                    on_progress(report)
        flush()
        if reconcile_after:
            report.reconciled = reconcile(store)
        if report.added + report.new_versions >= BULK:
            store.refresh_statistics()
    finally:
        if not isinstance(db, Store):
            store.close()
    report.seconds = time.perf_counter() - started
    return report
