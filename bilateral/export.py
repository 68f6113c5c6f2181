"""Exports of a store: spec records as JSON Lines, tables as CSV, Parquet or a Frictionless Data Package.

- ``jsonl``: one spec record per line (``shared/spec/records.md``), for the
  current version of every document, plus ``id`` and the ``fact_id`` or
  ``event_id`` it was reconciled into.
- ``csv``: to a ``.csv`` path, the records flattened; to any other path, a
  folder with one CSV per table.
- ``parquet``: a folder with one Parquet file per table.
- ``datapackage``: a folder with one CSV per table and ``datapackage.json``
  describing them (Frictionless Data Package, a Table Schema per resource).
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from bilateral.errors import UsageError
from bilateral.query import record_dict
from bilateral.store import Store
from bilateral.store.schema import conflicts, documents, event_reports, events, fact_reports, facts, records

FORMATS = ("jsonl", "csv", "parquet", "datapackage")

# Tables as exported: the reconciled view and its links to the records.
_TABLES: dict[str, sa.Table] = {
    "documents": documents, "records": records, "facts": facts, "fact_reports": fact_reports,
    "conflicts": conflicts, "events": events, "event_reports": event_reports,
}
_FRICTIONLESS_TYPES = {sa.Integer: "integer", sa.Float: "number", sa.Boolean: "boolean", sa.JSON: "object"}
_RECORD_FIELDS = ("id", "type", "doc", "indicator", "event", "measure", "value", "low", "high", "unit",
                  "period_start", "period_end", "scope", "date", "from", "to", "actors", "status", "approx",
                  "attributed_to", "evidence_start", "evidence_end", "evidence_text", "fact_id", "event_id")


def iter_records(store: Store) -> Iterator[dict[str, Any]]:
    """Spec records of current documents, each with its ``id`` and ``fact_id`` / ``event_id``."""
    query = (sa.select(records, documents.c.doc, fact_reports.c.fact_id, event_reports.c.event_id)
             .join(documents, records.c.document_id == documents.c.id)
             .outerjoin(fact_reports, fact_reports.c.record_id == records.c.id)
             .outerjoin(event_reports, event_reports.c.record_id == records.c.id)
             .where(documents.c.current).order_by(records.c.id))
    with store.connect() as conn:
        for row in conn.execute(query):
            out = record_dict(row)
            out["id"] = row.id
            if row.type == "claim":
                out["fact_id"] = row.fact_id
            else:
                out["event_id"] = row.event_id
            yield out


def _flat(record: dict[str, Any]) -> dict[str, Any]:
    period = record.get("period") or {}
    ev = record["evidence"]
    return {
        **{k: record.get(k) for k in _RECORD_FIELDS},
        "period_start": period.get("start"), "period_end": period.get("end"),
        "actors": "; ".join(record.get("actors") or []) or None,
        "evidence_start": ev["start"], "evidence_end": ev["end"], "evidence_text": ev["text"],
    }


def _rows(store: Store, table: sa.Table) -> Iterator[dict[str, Any]]:
    query = sa.select(table)
    if table is documents:
        query = query.where(documents.c.current)
    with store.connect() as conn:
        for row in conn.execute(query.order_by(*table.primary_key.columns)):
            yield dict(row._mapping)


def _cell(value: Any) -> Any:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, dict | list) else value


def _write_csv(path: Path, names: list[str], rows: Iterator[dict[str, Any]]) -> int:
    count = 0
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=names)
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _cell(row.get(k)) for k in names})
            count += 1
    return count


def _field_type(column: sa.Column) -> str:
    return next((name for kind, name in _FRICTIONLESS_TYPES.items() if isinstance(column.type, kind)), "string")


def _schema(table: sa.Table) -> dict[str, Any]:
    schema: dict[str, Any] = {"fields": [{"name": c.name, "type": _field_type(c)} for c in table.columns],
                              "primaryKey": [c.name for c in table.primary_key.columns]}
    keys = [{"fields": [fk.parent.name], "reference": {"resource": fk.column.table.name, "fields": [fk.column.name]}}
            for fk in table.foreign_keys]
    if keys:
        schema["foreignKeys"] = keys
    return schema


def export(store: Store, fmt: str, path: str | os.PathLike[str]) -> dict[str, int]:
    """Write the store to ``path`` in ``fmt``; returns rows written per table (or ``records``)."""
    if fmt not in FORMATS:
        raise UsageError(f"export format {fmt!r}: choose one of {', '.join(FORMATS)}")
    target = Path(path)
    if fmt == "jsonl":
        count = 0
        with target.open("w", encoding="utf-8") as f:
            for record in iter_records(store):
                f.write(json.dumps(record, ensure_ascii=False) + "\n")
                count += 1
        return {"records": count}
    if fmt == "csv" and target.suffix.lower() == ".csv":
        return {"records": _write_csv(target, list(_RECORD_FIELDS), (_flat(r) for r in iter_records(store)))}
    target.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    if fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        for name, table in _TABLES.items():
            rows = [{k: _cell(v) for k, v in row.items()} for row in _rows(store, table)]
            pq.write_table(pa.Table.from_pylist(rows, schema=_arrow_schema(table)), target / f"{name}.parquet")
            counts[name] = len(rows)
        return counts
    resources = []
    for name, table in _TABLES.items():
        counts[name] = _write_csv(target / f"{name}.csv", [c.name for c in table.columns], _rows(store, table))
        resources.append({"name": name, "path": f"{name}.csv", "profile": "tabular-data-resource", "format": "csv",
                          "encoding": "utf-8", "schema": _schema(table)})
    if fmt == "datapackage":
        package = {"profile": "tabular-data-package", "name": "bilateral-export",
                   "title": "bilateral: a sourced record of relations between countries", "resources": resources}
        (target / "datapackage.json").write_text(json.dumps(package, indent=2), encoding="utf-8")
    return counts


def _arrow_schema(table: sa.Table):  # noqa: ANN202 - pyarrow.Schema
    import pyarrow as pa

    kinds = {"integer": pa.int64(), "number": pa.float64(), "boolean": pa.bool_()}
    return pa.schema([(c.name, kinds.get(_field_type(c), pa.string())) for c in table.columns])
