"""Full-text search over documents and evidence.

Both backends search by substring of three characters or more, whatever the
script: English, Korean (particles glued to nouns) and Khmer (no spaces
between words) alike. On SQLite that is FTS5 with the trigram tokenizer,
kept in step with its tables by triggers; on PostgreSQL, pg_trgm GIN indexes
serve ILIKE, because tsvector parsers split on spaces and would find neither
"캄보디아" inside "캄보디아와" nor a Khmer word inside a run of text.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_SQLITE_UP = [
    "CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, content='documents', content_rowid='id',"
    " tokenize='trigram')",
    "CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN"
    " INSERT INTO documents_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END",
    "CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN"
    " INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);"
    " END",
    "CREATE VIRTUAL TABLE evidence_fts USING fts5(ev_text, content='records', content_rowid='id',"
    " tokenize='trigram')",
    "CREATE TRIGGER evidence_fts_insert AFTER INSERT ON records BEGIN"
    " INSERT INTO evidence_fts(rowid, ev_text) VALUES (new.id, new.ev_text); END",
    "CREATE TRIGGER evidence_fts_delete AFTER DELETE ON records BEGIN"
    " INSERT INTO evidence_fts(evidence_fts, rowid, ev_text) VALUES ('delete', old.id, old.ev_text); END",
    "INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')",
    "INSERT INTO evidence_fts(evidence_fts) VALUES ('rebuild')",
]
_SQLITE_DOWN = [
    "DROP TRIGGER evidence_fts_delete", "DROP TRIGGER evidence_fts_insert", "DROP TABLE evidence_fts",
    "DROP TRIGGER documents_fts_delete", "DROP TRIGGER documents_fts_insert", "DROP TABLE documents_fts",
]
_POSTGRES_UP = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX ix_documents_text_trgm ON documents USING gin (text gin_trgm_ops)",
    "CREATE INDEX ix_documents_title_trgm ON documents USING gin (title gin_trgm_ops)",
    "CREATE INDEX ix_records_evidence_trgm ON records USING gin (ev_text gin_trgm_ops)",
]
_POSTGRES_DOWN = [
    "DROP INDEX ix_records_evidence_trgm", "DROP INDEX ix_documents_title_trgm", "DROP INDEX ix_documents_text_trgm",
]


def _run(statements: list[str]) -> None:
    for statement in statements:
        op.execute(statement)


def upgrade() -> None:
    _run(_SQLITE_UP if op.get_bind().dialect.name == "sqlite" else _POSTGRES_UP)


def downgrade() -> None:
    _run(_SQLITE_DOWN if op.get_bind().dialect.name == "sqlite" else _POSTGRES_DOWN)
