"""Search for terms of two characters ("교역", "투자": most Korean nouns) through an index.

The FTS5 trigram index holds every three-character substring; a two-character
term occurs either at the start of one of them (found through the index's
vocabulary, see ``bilateral/store/search.py``) or as the last two characters
of a value, which these indexes find. Without them such a term was a scan of
every row. PostgreSQL is unchanged: pg_trgm has no index for patterns under
three characters either, and its ILIKE scans as before.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# The expressions must be written the same way in the queries (search.TAIL) for SQLite to use them.
_INDEXES = {"ix_documents_text_tail": ("documents", "text"), "ix_documents_title_tail": ("documents", "title"),
            "ix_records_evidence_tail": ("records", "ev_text")}


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for name, (table, column) in _INDEXES.items():
        op.execute(f"CREATE INDEX {name} ON {table} (substr({column}, -2))")


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for name in _INDEXES:
        op.execute(f"DROP INDEX {name}")
