"""PostgreSQL: search words through ``tsvector`` columns, whose statistics the planner reads.

Revision 0007 answered a word term on PostgreSQL with a word-start regular
expression on the pg_trgm indexes. The planner cannot estimate such a pattern:
it guessed a few dozen rows for "trade", which most documents hold, took every
match through the index and sorted them (64-88 ms at 10,000 documents, and
growing with the store). A ``tsvector`` of each text (the ``simple``
configuration: lower case, no stemming, no stop words; stored, so ANALYZE
gathers its most common words) gives the planner the real share of a word:
a common one now walks the newest rows and stops at the page (well under a
millisecond), a rare one goes through the GIN index. SQLite is unchanged.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

_UP = [
    "ALTER TABLE documents ADD COLUMN search_words tsvector"
    " GENERATED ALWAYS AS (to_tsvector('simple', coalesce(title, '') || ' ' || text)) STORED",
    "ALTER TABLE records ADD COLUMN search_words tsvector GENERATED ALWAYS AS (to_tsvector('simple', ev_text)) STORED",
    "CREATE INDEX ix_documents_search_words ON documents USING gin (search_words)",
    "CREATE INDEX ix_records_search_words ON records USING gin (search_words)",
    "ANALYZE documents",
    "ANALYZE records",
]
_DOWN = [
    "DROP INDEX ix_records_search_words", "DROP INDEX ix_documents_search_words",
    "ALTER TABLE records DROP COLUMN search_words", "ALTER TABLE documents DROP COLUMN search_words",
]


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for statement in _UP:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for statement in _DOWN:
        op.execute(statement)
