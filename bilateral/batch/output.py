"""Reading a batch's output back: its documents and its spec records, from done units only."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from bilateral.batch.layout import Layout
from bilateral.batch.table import DOCUMENTS, row_to_record


def iter_records(out: str) -> Iterator[dict[str, Any]]:
    """Every record of the batch in ``out`` as a spec dictionary (``Record.to_dict()``), unit by unit."""
    for path in Layout(out).committed_files("records"):
        for batch in pq.ParquetFile(path).iter_batches():
            for row in batch.to_pylist():
                yield row_to_record(row)


def iter_documents(out: str, *, columns: list[str] | None = None) -> Iterator[dict[str, Any]]:
    """Every document row of the batch in ``out`` (all columns, or ``columns``), unit by unit."""
    for path in Layout(out).committed_files("documents"):
        for batch in pq.ParquetFile(path).iter_batches(columns=columns):
            yield from batch.to_pylist()


def documents_table(out: str, *, columns: list[str] | None = None) -> pa.Table:
    """All documents of the batch in ``out`` as one Arrow table (without their year partition column)."""
    files = Layout(out).committed_files("documents")
    if not files:
        return DOCUMENTS.empty_table() if columns is None else DOCUMENTS.empty_table().select(columns)
    return pa.concat_tables(pq.read_table(f, columns=columns) for f in files)
