"""What the store was made with, beyond its schema: the version of the reconcile rules.

The reconciled view (facts, conflicts and their explanations, canonical
events) is derived data. When a newer bilateral reconciles differently (a new
conflict kind, a better explanation), opening a store reconciled by an older
one rebuilds every group once (``open_store`` compares the stored version with
``bilateral.reconcile.RULES_VERSION``). Stores written before this revision
have no version, so they are rebuilt on their first open.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "store_info",
        sa.Column("key", sa.Text, primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("store_info")
