"""Documents, records and the reconciled view.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("doc", sa.Text, nullable=False),
        sa.Column("source_key", sa.Text, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("current", sa.Boolean, nullable=False),
        sa.Column("content_hash", sa.Text, nullable=False),
        sa.Column("title", sa.Text), sa.Column("publisher", sa.Text), sa.Column("published", sa.Text),
        sa.Column("url", sa.Text), sa.Column("language", sa.Text), sa.Column("media_type", sa.Text),
        sa.Column("metadata", sa.JSON),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("ingested_at", sa.Text, nullable=False),
        sa.UniqueConstraint("source_key", "version", name="uq_documents_source_version"),
    )
    op.create_index("ix_documents_hash", "documents", ["content_hash"])
    op.create_index("ix_documents_doc", "documents", ["doc"])
    op.create_table(
        "records",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
        sa.Column("type", sa.Text, nullable=False), sa.Column("kind", sa.Text, nullable=False),
        sa.Column("pair", sa.Text), sa.Column("from_c", sa.Text), sa.Column("to_c", sa.Text),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("measure", sa.Text), sa.Column("value", sa.Float), sa.Column("low", sa.Float),
        sa.Column("high", sa.Float), sa.Column("unit", sa.Text), sa.Column("period_start", sa.Text),
        sa.Column("period_end", sa.Text), sa.Column("scope", sa.Text), sa.Column("approx", sa.Text),
        sa.Column("attributed_to", sa.Text),
        sa.Column("date", sa.Text), sa.Column("actors", sa.JSON),
        sa.Column("ev_start", sa.Integer, nullable=False), sa.Column("ev_end", sa.Integer, nullable=False),
        sa.Column("ev_text", sa.Text, nullable=False),
        sa.Column("group_key", sa.Text, nullable=False), sa.Column("fact_key", sa.Text),
    )
    op.create_index("ix_records_document", "records", ["document_id"])
    op.create_index("ix_records_group", "records", ["group_key"])
    op.create_index("ix_records_pair_kind", "records", ["pair", "kind"])
    op.create_table(
        "facts",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("group_key", sa.Text, nullable=False), sa.Column("pair", sa.Text),
        sa.Column("indicator", sa.Text, nullable=False), sa.Column("measure", sa.Text, nullable=False),
        sa.Column("from_c", sa.Text), sa.Column("to_c", sa.Text),
        sa.Column("period_start", sa.Text), sa.Column("period_end", sa.Text), sa.Column("scope", sa.Text),
        sa.Column("status", sa.Text, nullable=False), sa.Column("unit", sa.Text, nullable=False),
        sa.Column("value", sa.Float), sa.Column("low", sa.Float), sa.Column("high", sa.Float),
        sa.Column("approx", sa.Text), sa.Column("best_record_id", sa.Integer), sa.Column("rule", sa.Text),
        sa.Column("n_reports", sa.Integer, nullable=False), sa.Column("n_documents", sa.Integer, nullable=False),
        sa.Column("conflict", sa.Text), sa.Column("sort_date", sa.Text),
    )
    op.create_index("ix_facts_group", "facts", ["group_key"])
    op.create_index("ix_facts_pair_indicator", "facts", ["pair", "indicator", "sort_date"])
    op.create_index("ix_facts_sort", "facts", ["sort_date"])
    op.create_table(
        "fact_reports",
        sa.Column("fact_id", sa.Text, nullable=False), sa.Column("record_id", sa.Integer, nullable=False),
        sa.Column("agrees", sa.Boolean, nullable=False),
        sa.PrimaryKeyConstraint("fact_id", "record_id"),
    )
    op.create_index("ix_fact_reports_record", "fact_reports", ["record_id"])
    op.create_table(
        "conflicts",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("group_key", sa.Text, nullable=False), sa.Column("pair", sa.Text),
        sa.Column("indicator", sa.Text, nullable=False), sa.Column("kind", sa.Text, nullable=False),
        sa.Column("explanation", sa.Text, nullable=False), sa.Column("fact_id", sa.Text, nullable=False),
        sa.Column("other_fact_id", sa.Text), sa.Column("record_ids", sa.JSON, nullable=False),
        sa.Column("sort_date", sa.Text),
    )
    op.create_index("ix_conflicts_group", "conflicts", ["group_key"])
    op.create_index("ix_conflicts_pair", "conflicts", ["pair", "sort_date"])
    op.create_table(
        "events",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("group_key", sa.Text, nullable=False), sa.Column("pair", sa.Text),
        sa.Column("event", sa.Text, nullable=False), sa.Column("date", sa.Text),
        sa.Column("from_c", sa.Text), sa.Column("to_c", sa.Text), sa.Column("actors", sa.JSON, nullable=False),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("n_reports", sa.Integer, nullable=False), sa.Column("n_documents", sa.Integer, nullable=False),
        sa.Column("date_conflict", sa.Text), sa.Column("best_record_id", sa.Integer),
    )
    op.create_index("ix_events_group", "events", ["group_key"])
    op.create_index("ix_events_pair_date", "events", ["pair", "date"])
    op.create_index("ix_events_date", "events", ["date"])
    op.create_table(
        "event_reports",
        sa.Column("event_id", sa.Text, nullable=False), sa.Column("record_id", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("event_id", "record_id"),
    )
    op.create_index("ix_event_reports_record", "event_reports", ["record_id"])
    op.create_table("dirty_groups", sa.Column("group_key", sa.Text, primary_key=True))


def downgrade() -> None:
    for table in ("dirty_groups", "event_reports", "events", "conflicts", "fact_reports", "facts",
                  "records", "documents"):
        op.drop_table(table)
