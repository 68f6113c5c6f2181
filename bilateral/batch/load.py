"""Loading a batch's output into a store, then reconciling.

    >>> from bilateral.batch import load_batch
    >>> report = load_batch("out/", "postgresql://user@host/bilateral")

The documents and records of every done unit go to the store through
``Store.add_documents`` (with ``COPY`` on PostgreSQL), in transactions of
``chunk`` whole documents, so a killed load leaves each document fully in the
store or not at all, and the store's own rules apply: the same text twice
changes nothing (a rerun of a load writes only what is missing), new text at
a known URL is a new version. Extraction is not run again: the records are
the batch's.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pyarrow.parquet as pq

from bilateral.batch.layout import Layout
from bilateral.batch.table import row_to_document, row_to_record
from bilateral.errors import UsageError
from bilateral.ingest import IngestReport
from bilateral.model import Document, Record, record_from_dict
from bilateral.reconcile import reconcile
from bilateral.store import Store, using_store


@dataclass(slots=True)
class LoadReport(IngestReport):
    """What a load did: the counts of an ingest, and the units loaded."""

    units: int = 0


def unit_documents(layout: Layout, report: dict) -> Iterator[tuple[Document, list[Record]]]:
    """The documents of one done unit with their records, in the unit's order."""
    found: dict[int, tuple[Document, list[Record]]] = {}
    files = report["files"]
    for relative in (f for f in files if f.startswith("documents/")):
        for row in pq.read_table(os.path.join(layout.out, relative)).to_pylist():
            found[row["position"]] = (row_to_document(row), [])
    for relative in (f for f in files if f.startswith("records/")):
        for row in pq.read_table(os.path.join(layout.out, relative)).to_pylist():
            found[row["position"]][1].append((row["seq"], record_from_dict(row_to_record(row))))
    for position in sorted(found):
        doc, numbered = found[position]
        yield doc, [record for _, record in sorted(numbered, key=lambda pair: pair[0])]


def load_batch(out: str, db: str | os.PathLike[str] | Store, *, chunk: int = 1000, reconcile_after: bool = True,
         progress: Callable[[LoadReport, int], None] | None = None) -> LoadReport:
    """Load the batch output in ``out`` into the store at ``db``; reconcile unless told not to.

    ``progress(report, total units)`` is called after each unit. Raises
    ``UsageError`` if ``out`` holds no batch output.
    """
    started = time.perf_counter()
    layout = Layout(out)
    if not os.path.exists(layout.plan_path):
        raise UsageError(f"{out} holds no output of bilateral batch (no _batch/plan.json)")
    reports = list(layout.reports())
    result = LoadReport()
    with using_store(db) as store:
        for report in reports:
            pending: list[tuple[Document, list[Record]]] = []
            for item in unit_documents(layout, report):
                pending.append(item)
                if len(pending) >= chunk:
                    _write(store, pending, result)
            _write(store, pending, result)
            result.units += 1
            if progress is not None:
                progress(result, len(reports))
        if reconcile_after:
            result.reconciled = reconcile(store)
        store.refresh_statistics()  # a load is a bulk write
    result.seconds = time.perf_counter() - started
    return result


def _write(store: Store, pending: list[tuple[Document, list[Record]]], result: LoadReport) -> None:
    result.count(store.add_documents(pending, copy=True))
    pending.clear()
