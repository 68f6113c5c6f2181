"""The order of a fact's or an event's reports, so lists show the first few by index.

A fact reported by ten thousand articles lists its best sources without
sorting all of them on every request. Stores written before this revision
get their groups marked for reconciliation, which fills the ranks.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("fact_reports") as batch:
        batch.add_column(sa.Column("rank", sa.Integer))
    with op.batch_alter_table("event_reports") as batch:
        batch.add_column(sa.Column("rank", sa.Integer))
    op.create_index("ix_fact_reports_rank", "fact_reports", ["fact_id", "rank"])
    op.create_index("ix_event_reports_rank", "event_reports", ["event_id", "rank"])
    op.execute("INSERT INTO dirty_groups (group_key) SELECT DISTINCT group_key FROM records"
               " WHERE group_key NOT IN (SELECT group_key FROM dirty_groups)")


def downgrade() -> None:
    op.drop_index("ix_event_reports_rank", "event_reports")
    op.drop_index("ix_fact_reports_rank", "fact_reports")
    with op.batch_alter_table("event_reports") as batch:
        batch.drop_column("rank")
    with op.batch_alter_table("fact_reports") as batch:
        batch.drop_column("rank")
