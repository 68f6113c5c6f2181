"""The store: documents, their records and the reconciled view, in SQLite or PostgreSQL.

    >>> from bilateral.store import open_store
    >>> store = open_store("bilateral.db")                  # SQLite, the default
    >>> store = open_store("postgresql://user@host/dbname")  # a team's server

One code path serves both (SQLAlchemy Core; psycopg 3 on PostgreSQL). Opening
a store brings its schema up to date with the versioned migrations under
``migrations/`` (Alembic), so a store written by an older bilateral opens in
a newer one.

Writing is atomic per document: ``add_documents`` writes whole documents with
their records in one transaction, so a killed process leaves each document
either fully in the store or not at all. Content is identified by the hash
of its text: the same text twice changes nothing, and new text at a known
source (URL or path) becomes a new version that replaces the old one in the
reconciled view. Each write lists the reconciliation groups it touched in
``dirty_groups``; ``bilateral.reconcile.reconcile`` rebuilds just those.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from bilateral.errors import BilateralError
from bilateral.model import Claim, Document, Event, Record
from bilateral.store import schema, search
from bilateral.store.schema import documents, records

__all__ = ["DEFAULT_DB", "AddResult", "Store", "StoreError", "open_store", "record_row", "content_hash",
           "using_store"]

DEFAULT_DB = "bilateral.db"
_MIGRATIONS = Path(__file__).parent / "migrations"


class StoreError(BilateralError):
    """The store cannot be opened or used (bad URL, newer schema, integrity problem)."""


@dataclass(frozen=True, slots=True)
class AddResult:
    """What became of one document handed to ``add_documents``."""

    doc: str
    outcome: Literal["added", "new_version", "unchanged"]
    document_id: int | None
    records: int


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def source_key(doc: Document) -> str:
    """What identifies a document across versions: its URL, else its absolute path."""
    if doc.url:
        return doc.url
    if "://" in doc.source:
        return doc.source
    return os.path.abspath(doc.source)


def database_url(db: str | os.PathLike[str]) -> str:
    """A SQLAlchemy URL for ``--db``: a file path means SQLite; postgresql:// URLs use psycopg 3."""
    text = os.fspath(db)
    if text.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + text.split("://", 1)[1]
    if "://" in text:
        if text.startswith(("sqlite", "postgresql+psycopg")):
            return text
        raise StoreError(f"--db {text!r}: not a SQLite path or a postgresql:// URL")
    if text == ":memory:":
        raise StoreError("--db :memory: is not supported: ingest workers need a store they can open")
    return "sqlite:///" + os.path.abspath(text)


def _pair(from_c: str | None, to_c: str | None) -> str | None:
    codes = sorted(c for c in (from_c, to_c) if c)
    return "-".join(codes) or None


def record_row(record: Record, document_id: int) -> dict[str, Any]:
    """The ``records`` row of a record, with its reconciliation keys."""
    ev = record.evidence
    row: dict[str, Any] = {
        "document_id": document_id, "type": record.type, "from_c": record.from_, "to_c": record.to,
        "pair": _pair(record.from_, record.to), "status": record.status,
        "ev_start": ev.start, "ev_end": ev.end, "ev_text": ev.text,
    }
    if isinstance(record, Claim):
        period = record.period
        row.update(
            kind=record.indicator, measure=record.measure, value=record.value, low=record.low,
            high=record.high, unit=record.unit, scope=record.scope, approx=record.approx,
            attributed_to=record.attributed_to,
            period_start=period.start if period else None, period_end=period.end if period else None,
            date=None, actors=None,
        )
        row["group_key"] = f"claim|{row['pair']}|{record.indicator}"
        row["fact_key"] = "|".join(str(row[k]) for k in (
            "pair", "kind", "measure", "from_c", "to_c", "period_start", "period_end", "status", "unit"))
    else:
        assert isinstance(record, Event)
        row.update(kind=record.event, date=record.date, actors=list(record.actors), measure=None, value=None,
                   low=None, high=None, unit=None, scope=None, approx=None, attributed_to=None,
                   period_start=None, period_end=None, fact_key=None)
        row["group_key"] = f"event|{row['pair']}|{record.event}"
    return row


class Store:
    """A bilateral store on one database. Use ``open_store`` to get one."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.dialect: str = engine.dialect.name
        self._written_words: set[str] = set()  # words this process committed to search_words

    # -- lifecycle -------------------------------------------------------

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    def connect(self) -> Connection:
        return self.engine.connect()

    def begin(self):  # noqa: ANN201 - a context manager yielding a Connection
        return self.engine.begin()

    # -- writing ---------------------------------------------------------

    def has_content(self, text_hash: str) -> bool:
        """Whether a current document already holds exactly this text."""
        return bool(self.known_content([text_hash]))

    def known_content(self, text_hashes: Iterable[str]) -> set[str]:
        """Which of these content hashes a current document already holds (one query for many)."""
        wanted = set(text_hashes)
        if not wanted:
            return set()
        with self.engine.connect() as conn:
            return set(conn.execute(sa.select(documents.c.content_hash).where(
                documents.c.content_hash.in_(wanted), documents.c.current)).scalars())

    def add_documents(self, items: Iterable[tuple[Document, Sequence[Record]]], *,
                      copy: bool = False) -> list[AddResult]:
        """Write documents with their records, all in one transaction.

        Each document is written whole or not at all: a failure rolls the
        whole batch back. Returns one ``AddResult`` per document, in order.
        The batch costs a handful of statements, not a few per document.
        ``copy`` is for bulk loads (``bilateral load``): on PostgreSQL the new
        rows go in with ``COPY``, several times faster than ``INSERT`` for
        thousands of rows; on SQLite it changes nothing.
        """
        batch = [(doc, list(recs), content_hash(doc.text), source_key(doc)) for doc, recs in items]
        if not batch:
            return []
        with self.engine.begin() as conn:
            conn.info.pop("written_words", None)  # left by a batch that failed on this pooled connection
            results = self._add_batch(conn, batch, copy=copy and self.dialect == "postgresql")
            written = conn.info.pop("written_words", set())
        # Remembered once committed (a rolled-back batch wrote none); a bounded set, and
        # INSERT OR IGNORE keeps a word forgotten here from being written twice.
        if len(self._written_words) > 500_000:
            self._written_words.clear()
        self._written_words |= written
        return results

    def add_document(self, doc: Document, recs: Sequence[Record]) -> AddResult:
        return self.add_documents([(doc, recs)])[0]

    def _add_batch(self, conn: Connection, batch: list[tuple[Document, list[Record], str, str]],
                   copy: bool = False) -> list[AddResult]:
        hashes = {h for _, _, h, _ in batch}
        keys = {k for _, _, _, k in batch}
        known = dict(conn.execute(sa.select(documents.c.content_hash, documents.c.id)
                                  .where(documents.c.content_hash.in_(hashes), documents.c.current)).all())
        versions: dict[str, int] = dict(conn.execute(
            sa.select(documents.c.source_key, sa.func.max(documents.c.version))
            .where(documents.c.source_key.in_(keys)).group_by(documents.c.source_key)).all())
        replaced_keys = set(versions)
        outcomes: list[tuple[str, int | None]] = []
        new_rows: list[dict[str, Any]] = []
        fresh: list[list[Record]] = []
        now = datetime.now(UTC).isoformat(timespec="seconds")
        for doc, recs, text_hash, key in batch:
            if text_hash in known:
                outcomes.append(("unchanged", known[text_hash]))
                continue
            known[text_hash] = None  # the same text later in this batch is unchanged too
            version = versions.get(key, 0) + 1
            versions[key] = version
            outcomes.append(("new_version" if version > 1 else "added", None))
            new_rows.append({
                "doc": doc.id, "source_key": key, "version": version, "current": False, "content_hash": text_hash,
                "title": doc.title, "publisher": doc.publisher, "published": doc.published, "url": doc.url,
                "language": doc.language, "media_type": doc.media_type,
                "metadata": {**doc.metadata, "source": doc.source, "encoding": doc.encoding},
                "text": doc.text, "ingested_at": now,
            })
            fresh.append(recs)
        dirty: set[str] = set()
        ids: list[int] = []
        if new_rows:
            # Retire the current versions of sources that have new text: their
            # records leave the reconciled view, so their groups need rebuilding.
            touched = {row["source_key"] for row in new_rows} & replaced_keys
            if touched:
                retired = sa.select(documents.c.id).where(documents.c.source_key.in_(touched), documents.c.current)
                dirty.update(conn.execute(sa.select(records.c.group_key).where(records.c.document_id.in_(retired))
                                          .distinct()).scalars())
                conn.execute(sa.update(documents).where(documents.c.source_key.in_(touched), documents.c.current)
                             .values(current=False))
            # Only the newest version of a source in this batch becomes current.
            newest = {row["source_key"]: n for n, row in enumerate(new_rows)}
            for n, row in enumerate(new_rows):
                row["current"] = newest[row["source_key"]] == n
            if copy:
                # COPY returns no ids: take them from the sequence first, in order.
                ids = list(conn.execute(sa.text(
                    "SELECT nextval(pg_get_serial_sequence('documents', 'id')) FROM generate_series(1, :n)"),
                    {"n": len(new_rows)}).scalars())
                _copy(conn, documents, [{"id": i, **row} for i, row in zip(ids, new_rows, strict=True)])
            else:
                # One multi-row INSERT, then the ids by (source, version), which is
                # unique: RETURNING in parameter order makes SQLite insert row by row.
                conn.execute(sa.insert(documents), new_rows)
                found = {(key, version): i for key, version, i in conn.execute(
                    sa.select(documents.c.source_key, documents.c.version, documents.c.id)
                    .where(documents.c.source_key.in_({row["source_key"] for row in new_rows})))}
                ids = [found[(row["source_key"], row["version"])] for row in new_rows]
            if self.dialect == "sqlite":
                # The words a search term can begin (migration 0007); evidence is text of its document.
                new_words = search.words(t for row in new_rows for t in (row["title"], row["text"]))
                # Most words of a new document are known: only the others are written.
                new_words -= self._written_words
                if new_words:
                    conn.exec_driver_sql("INSERT OR IGNORE INTO search_words (word) VALUES (?)",
                                         [(w,) for w in sorted(new_words)])
                    conn.info.setdefault("written_words", set()).update(new_words)
            rows = [record_row(r, document_id) for document_id, recs in zip(ids, fresh, strict=True) for r in recs]
            if rows:
                if copy:
                    _copy(conn, records, rows)
                else:
                    conn.execute(sa.insert(records), rows)
                dirty.update(row["group_key"] for row in rows)
            self._mark_dirty(conn, dirty)
        written = iter(zip(ids, fresh, strict=True))
        results = []
        for (doc, *_), (outcome, existing) in zip(batch, outcomes, strict=True):
            if outcome == "unchanged":
                results.append(AddResult(doc.id, outcome, existing, 0))
            else:
                document_id, recs = next(written)
                results.append(AddResult(doc.id, outcome, document_id, len(recs)))
        return results

    def _mark_dirty(self, conn: Connection, group_keys: Iterable[str]) -> None:
        keys = sorted(set(group_keys))
        if not keys:
            return
        table = schema.dirty_groups
        if self.dialect == "postgresql":
            from sqlalchemy.dialects.postgresql import insert
        else:
            from sqlalchemy.dialects.sqlite import insert
        conn.execute(insert(table).on_conflict_do_nothing(), [{"group_key": k} for k in keys])

    def mark_all_dirty(self) -> None:
        """Have the next reconcile rebuild every group (after a change of the rules)."""
        with self.engine.begin() as conn:
            self._mark_dirty(conn, conn.execute(sa.select(records.c.group_key).distinct()).scalars())

    def info(self, key: str) -> str | None:
        """What the store was made with (``store_info``): e.g. "reconcile_rules" -> its version."""
        with self.engine.connect() as conn:
            return conn.execute(sa.select(schema.store_info.c.value).where(schema.store_info.c.key == key)
                                ).scalar_one_or_none()

    def set_info(self, key: str, value: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(sa.delete(schema.store_info).where(schema.store_info.c.key == key))
            conn.execute(sa.insert(schema.store_info).values(key=key, value=value))

    def refresh_statistics(self) -> None:
        """Have the query planner look at the data again, after a bulk write.

        PostgreSQL's planner chooses between walking the newest rows and the
        word index by how common a word is (migration 0008), and its plans for
        facts and series by the sizes of the reconciled tables, which it learns
        from ANALYZE; autovacuum runs it only once a tenth of a table has
        changed (at 100,000 freshly loaded documents a pair's facts took 140 ms
        before ANALYZE, 19 after). SQLite's ``PRAGMA optimize`` does the same
        where it pays.
        """
        with self.engine.begin() as conn:
            if self.dialect == "postgresql":
                conn.exec_driver_sql("ANALYZE " + ", ".join(t.name for t in schema.metadata.sorted_tables))
            else:
                conn.exec_driver_sql("PRAGMA optimize")

    # -- reading ---------------------------------------------------------

    def counts(self) -> dict[str, int]:
        """How many rows each table holds (current documents only for ``documents``)."""
        with self.engine.connect() as conn:
            out = {"documents": conn.execute(
                sa.select(sa.func.count()).select_from(documents).where(documents.c.current)).scalar_one()}
            for table in (records, schema.facts, schema.conflicts, schema.events, schema.dirty_groups):
                out[table.name] = conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()
        return out

    def iter_documents(self, *, current_only: bool = True) -> Iterator[sa.Row]:
        query = sa.select(documents).order_by(documents.c.id)
        if current_only:
            query = query.where(documents.c.current)
        with self.engine.connect() as conn:
            yield from conn.execute(query)

    def check(self) -> list[str]:
        """Problems found by an integrity check; an empty list means a consistent store."""
        problems: list[str] = []
        with self.engine.connect() as conn:
            if self.dialect == "sqlite":
                for (line,) in conn.exec_driver_sql("PRAGMA integrity_check"):
                    if line != "ok":
                        problems.append(f"sqlite integrity_check: {line}")
                for row in conn.exec_driver_sql("PRAGMA foreign_key_check"):
                    problems.append(f"foreign key: {tuple(row)}")
                if conn.exec_driver_sql(
                        "INSERT INTO documents_fts(documents_fts, rank) VALUES ('integrity-check', 1)") is None:
                    problems.append("documents_fts integrity check failed")
            orphans = conn.execute(
                sa.select(sa.func.count()).select_from(records)
                .outerjoin(documents, records.c.document_id == documents.c.id).where(documents.c.id.is_(None))
            ).scalar_one()
            if orphans:
                problems.append(f"{orphans} record(s) whose document is missing")
            bad_spans = conn.execute(
                sa.select(sa.func.count()).select_from(records.join(documents, records.c.document_id == documents.c.id))
                .where(sa.func.substr(documents.c.text, records.c.ev_start + 1, records.c.ev_end - records.c.ev_start)
                       != records.c.ev_text)
            ).scalar_one()
            if bad_spans:
                problems.append(f"{bad_spans} record(s) whose evidence is not their document's text slice")
            several = conn.execute(
                sa.select(documents.c.source_key).where(documents.c.current).group_by(documents.c.source_key)
                .having(sa.func.count() > 1).limit(5)
            ).scalars().all()
            if several:
                problems.append(f"sources with more than one current version: {several}")
        return problems


def _copy(conn: Connection, table: sa.Table, rows: list[dict[str, Any]]) -> None:
    """``COPY table FROM STDIN`` of ``rows`` (dicts with the same keys) on PostgreSQL, in ``conn``'s transaction."""
    import json

    names = list(rows[0])
    as_json = {name for name in names if isinstance(table.c[name].type, sa.JSON)}
    columns = ", ".join(f'"{name}"' for name in names)
    cursor = conn.connection.driver_connection.cursor()
    try:
        with cursor.copy(f'COPY "{table.name}" ({columns}) FROM STDIN') as stream:
            for row in rows:
                stream.write_row([json.dumps(row[n], ensure_ascii=False, default=str)
                                  if n in as_json and row[n] is not None else row[n] for n in names])
    finally:
        cursor.close()


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # WAL: readers do not block the writer; NORMAL sync is durable at each
    # checkpoint and never corrupts on a crash (the last commits may be lost).
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    # 32 MiB of page cache (the default is 2 MiB): a list of facts with their sources
    # reads rows spread over a store of gigabytes, and the indexes' upper pages stay.
    cursor.execute("PRAGMA cache_size=-32768")
    cursor.close()


def open_store(db: str | os.PathLike[str] = DEFAULT_DB, *, migrate: bool = True) -> Store:
    """Open (creating if needed) the store at ``db``: a SQLite path or a postgresql:// URL.

    ``migrate`` brings the schema to the newest version first; a store whose
    schema is newer than this bilateral knows raises ``StoreError``.
    """
    url = database_url(db)
    if url.startswith("sqlite"):
        engine = sa.create_engine(url)
        sa.event.listen(engine, "connect", _sqlite_pragmas)
    else:
        engine = sa.create_engine(url, pool_pre_ping=True)
    try:
        with engine.connect() as conn:
            conn.execute(sa.text("SELECT 1"))
    except sa.exc.OperationalError as e:
        engine.dispose()
        raise StoreError(f"--db {os.fspath(db)}: cannot open the database ({e.orig})") from None
    store = Store(engine)
    if migrate:
        migrated = upgrade(engine) is not None
        from bilateral.reconcile import RULES_VERSION, reconcile

        stale = store.info("reconcile_rules") != RULES_VERSION
        if migrated or stale:
            # Migrations of an older store may add derived data (ranks, counts)
            # and mark the groups that need it, and a store reconciled by other
            # rules has facts and conflicts this version would not make: rebuild
            # them now, once, so the reconciled view is whole from the first query.
            if stale:
                store.mark_all_dirty()
            reconcile(store)
            store.set_info("reconcile_rules", RULES_VERSION)
    return store


@contextlib.contextmanager
def using_store(db: str | os.PathLike[str] | Store) -> Iterator[Store]:
    """``db`` itself if it is a ``Store`` (left open), else the store opened at ``db`` (closed after)."""
    if isinstance(db, Store):
        yield db
        return
    store = open_store(db)
    try:
        yield store
    finally:
        store.close()


def _alembic_config(conn: Connection):  # noqa: ANN202 - alembic.config.Config
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    config.attributes["connection"] = conn
    return config


def schema_revision(engine: Engine) -> str | None:
    """The migration the store's schema is at (None for an empty database)."""
    with engine.connect() as conn:
        return _revision_on(conn)


def upgrade(engine: Engine, revision: str = "head") -> str | None:
    """Run the migrations up to ``revision`` (the newest by default).

    Returns the revision the store was at before, when migrations ran on an
    existing schema (None for a new store or one already up to date).
    """
    from alembic import command
    from alembic.script import ScriptDirectory

    with engine.begin() as conn:
        config = _alembic_config(conn)
        script = ScriptDirectory.from_config(config)
        current = _revision_on(conn)
        if current is not None and current not in {s.revision for s in script.walk_revisions()}:
            raise StoreError(f"{engine.url.render_as_string(hide_password=True)}: schema revision {current} "
                             "is newer than this bilateral; upgrade bilateral")
        if revision == "head" and current == script.get_current_head():
            return None
        command.upgrade(config, revision)
        return current


def _revision_on(conn: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(conn).get_current_revision()
