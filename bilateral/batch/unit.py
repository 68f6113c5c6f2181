"""One unit of work, as a worker does it: read, extract, write Parquet, commit.

This is the function the cluster runs (``run_unit``); it must stay importable
on every worker, which therefore needs bilateral installed and the output
folder on a file system it shares with the client.
"""

from __future__ import annotations

import os
import socket
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pyarrow.parquet as pq

from bilateral.batch.layout import Layout, fsync_file
from bilateral.batch.plan import Unit
from bilateral.batch.table import document_row, documents_table, record_row, records_table, year_of
from bilateral.errors import ReadError
from bilateral.extract import extract
from bilateral.model import Document
from bilateral.read.document import read_file
from bilateral.read.jsonl import iter_jsonl
from bilateral.read.warc import iter_warc


@dataclass(frozen=True, slots=True)
class Settings:
    """What every unit of a batch does the same way."""

    max_bytes: int
    pair: tuple[str, str] | None = None
    compression: str = "zstd"


def read_unit(unit: Unit, max_bytes: int) -> Iterator[Document | ReadError]:
    """The documents of a unit, in input order; a broken one is its ``ReadError``."""
    if unit.kind == "files":
        for path, doc_id in unit.files:
            try:
                yield read_file(path, doc_id=doc_id, max_bytes=max_bytes)
            except ReadError as error:
                yield error
    elif unit.kind == "jsonl":
        yield from iter_jsonl(unit.path, start=unit.start, end=unit.end, first_line=unit.first_line,
                              max_bytes=max_bytes)
    else:
        yield from iter_warc(unit.path, start=unit.start, end=unit.end, max_bytes=max_bytes)


def run_unit(unit: Unit, out: str, settings: Settings) -> dict[str, Any]:
    """Do ``unit`` and commit its output into ``out``; returns its report (the done marker's content).

    A unit already done (a retry after its marker was written) is not done
    again. Anything an earlier, killed attempt left is discarded first.
    """
    layout = Layout(out)
    if layout.is_done(unit.id):
        return layout.report(unit.id)
    layout.discard(unit.id)
    started, cpu_started, started_at = time.perf_counter(), time.process_time(), time.time()
    documents: dict[str, list[dict[str, Any]]] = {}
    records: dict[str, list[dict[str, Any]]] = {}
    skipped: list[str] = []
    n_docs = n_records = chars = 0
    for item in read_unit(unit, settings.max_bytes):
        if isinstance(item, ReadError):
            skipped.append(str(item))
            continue
        try:
            found = [r.to_dict() for r in extract(item.text, published=item.published, doc_id=item.id,
                                                  pair=settings.pair)]
        except Exception as exc:  # noqa: BLE001 - one document's bug must not lose the other documents
            skipped.append(f"{item.source}: extraction failed ({type(exc).__name__}: {exc})")
            continue
        year = year_of(item.published)
        documents.setdefault(year, []).append(document_row(item, len(found), unit.id, n_docs))
        records.setdefault(year, []).extend(record_row(r, seq, n_docs) for seq, r in enumerate(found))
        n_docs += 1
        n_records += len(found)
        chars += len(item.text)
    files = []
    for table, rows_by_year, make in (("documents", documents, documents_table), ("records", records, records_table)):
        for year, rows in sorted(rows_by_year.items()):
            path = layout.part_path(table, year, unit.id, work=True)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            pq.write_table(make(rows), path, compression=settings.compression)
            fsync_file(path)
            files.append(os.path.relpath(path, layout.work(unit.id)))
    report = {
        "unit": unit.id, "input": unit.label, "documents": n_docs, "records": n_records, "chars": chars,
        "skipped": skipped, "files": files, "seconds": round(time.perf_counter() - started, 3),
        "cpu_seconds": round(time.process_time() - cpu_started, 3),
        "started_at": started_at, "finished_at": time.time(),
        "worker": f"{socket.gethostname()}:{os.getpid()}",
    }
    layout.seal(unit.id, report)
    return layout.commit(unit.id)
