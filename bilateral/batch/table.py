"""The Parquet tables of a batch: documents and records, and the way back to spec records.

``records`` mirrors the spec's JSON (``shared/spec/records.md``): one column
per field, ``period`` and ``evidence`` as structs, ``actors`` as a list, so
that ``row_to_record`` gives back exactly what ``Record.to_dict()`` gave. A
field the spec does not list (an extra a newer extractor adds) is kept as
JSON in ``extra``. ``seq`` is the record's place in its document's output,
``position`` its document's place in its unit (ids need not be unique: a
crawl may hold the same URL twice), so ``(unit, position)`` joins the two
tables.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

import pyarrow as pa

from bilateral.model import Document

PERIOD = pa.struct([("start", pa.string()), ("end", pa.string())])
EVIDENCE = pa.struct([("start", pa.int64()), ("end", pa.int64()), ("text", pa.string())])

DOCUMENTS = pa.schema([
    ("id", pa.string()), ("source", pa.string()), ("published", pa.string()), ("title", pa.string()),
    ("url", pa.string()), ("publisher", pa.string()), ("language", pa.string()), ("media_type", pa.string()),
    ("encoding", pa.string()), ("sha256", pa.string()), ("chars", pa.int64()), ("records", pa.int32()),
    ("metadata", pa.string()), ("text", pa.large_string()), ("unit", pa.string()), ("position", pa.int32()),
])
RECORDS = pa.schema([
    ("doc", pa.string()), ("position", pa.int32()), ("seq", pa.int32()), ("type", pa.string()),
    ("indicator", pa.string()), ("measure", pa.string()), ("value", pa.float64()), ("low", pa.float64()),
    ("high", pa.float64()), ("unit", pa.string()), ("period", PERIOD), ("scope", pa.string()),
    ("from", pa.string()), ("to", pa.string()), ("status", pa.string()), ("approx", pa.string()),
    ("attributed_to", pa.string()), ("event", pa.string()), ("date", pa.string()),
    ("actors", pa.list_(pa.string())), ("evidence", EVIDENCE), ("extra", pa.string()),
])

# The spec's fields of each record type, in the spec's order (Record.to_dict()).
CLAIM_FIELDS = ("type", "doc", "indicator", "measure", "value", "low", "high", "unit", "period", "scope",
                "from", "to", "status", "approx", "evidence")
EVENT_FIELDS = ("type", "doc", "event", "date", "from", "to", "actors", "status", "evidence")
# Fields written only when set (Claim.attributed_to).
OPTIONAL_FIELDS = ("attributed_to",)
_COLUMNS = frozenset(RECORDS.names) - {"position", "seq", "extra"}

UNKNOWN_YEAR = "unknown"
_YEAR = re.compile(r"\d{4}")


def year_of(published: str | None) -> str:
    """The partition a document goes to: the year it was published, or ``unknown``."""
    return published[:4] if published and _YEAR.match(published) else UNKNOWN_YEAR


def document_row(doc: Document, records: int, unit: str, position: int) -> dict[str, Any]:
    return {
        "id": doc.id, "source": doc.source, "published": doc.published, "title": doc.title, "url": doc.url,
        "publisher": doc.publisher, "language": doc.language, "media_type": doc.media_type,
        "encoding": doc.encoding, "sha256": hashlib.sha256(doc.text.encode("utf-8", "surrogatepass")).hexdigest(),
        "chars": len(doc.text), "records": records,
        "metadata": json.dumps(doc.metadata, ensure_ascii=False, default=str) if doc.metadata else None,
        "text": doc.text, "unit": unit, "position": position,
    }


def record_row(record: dict[str, Any], seq: int, position: int = 0) -> dict[str, Any]:
    """A spec record (``Record.to_dict()``) as a row of ``RECORDS``."""
    row = {k: v for k, v in record.items() if k in _COLUMNS}
    row["seq"] = seq
    row["position"] = position
    extra = {k: v for k, v in record.items() if k not in _COLUMNS}
    row["extra"] = json.dumps(extra, ensure_ascii=False) if extra else None
    return row


def row_to_record(row: dict[str, Any]) -> dict[str, Any]:
    """A row of ``RECORDS`` back to the spec record it was made from."""
    names = CLAIM_FIELDS if row["type"] == "claim" else EVENT_FIELDS
    record = {name: row.get(name) for name in names}
    if record.get("actors") is None and "actors" in record:
        record["actors"] = []
    for name in OPTIONAL_FIELDS:
        if row.get(name) is not None:
            record[name] = row[name]
    if row.get("extra"):
        record.update(json.loads(row["extra"]))
    return record


def row_to_document(row: dict[str, Any]) -> Document:
    """A row of ``DOCUMENTS`` back to the ``Document`` the reader made."""
    return Document(
        id=row["id"], text=row["text"], source=row["source"], title=row["title"], published=row["published"],
        url=row["url"], publisher=row["publisher"], language=row["language"], media_type=row["media_type"],
        encoding=row["encoding"], metadata=json.loads(row["metadata"]) if row.get("metadata") else {},
    )


def documents_table(rows: list[dict[str, Any]]) -> pa.Table:
    return pa.Table.from_pylist(rows, schema=DOCUMENTS)


def records_table(rows: list[dict[str, Any]]) -> pa.Table:
    return pa.Table.from_pylist(rows, schema=RECORDS)
