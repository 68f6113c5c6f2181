"""The store's tables (SQLAlchemy Core), the same on SQLite and PostgreSQL.

Three layers, each derived from the one before:

- ``documents``: what was read, one row per version of a source (a file path
  or URL). Only the ``current`` version of a source feeds the reconciled view.
- ``records``: the claims and events extraction found, each with its evidence
  span into its document's text. ``fact_key`` / ``group_key`` say which
  reconciliation group a record belongs to (computed at ingest).
- ``facts``, ``conflicts``, ``events``, ``event_reports``: the reconciled
  view, rebuilt per group by ``bilateral.reconcile`` whenever a group is
  listed in ``dirty_groups``.

The full-text indexes live outside this metadata (FTS5 virtual tables on
SQLite, trigram indexes on PostgreSQL): see the migrations.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

documents = sa.Table(
    "documents", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("doc", sa.Text, nullable=False),  # the spec's document id (file base name, URL)
    sa.Column("source_key", sa.Text, nullable=False),  # identity across versions: URL or path
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("current", sa.Boolean, nullable=False),
    sa.Column("content_hash", sa.Text, nullable=False),
    sa.Column("title", sa.Text),
    sa.Column("publisher", sa.Text),
    sa.Column("published", sa.Text),
    sa.Column("url", sa.Text),
    sa.Column("language", sa.Text),
    sa.Column("media_type", sa.Text),
    sa.Column("metadata", sa.JSON),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("ingested_at", sa.Text, nullable=False),
    sa.UniqueConstraint("source_key", "version", name="uq_documents_source_version"),
    sa.Index("ix_documents_hash", "content_hash"),
    sa.Index("ix_documents_doc", "doc"),
)

records = sa.Table(
    "records", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    sa.Column("type", sa.Text, nullable=False),  # claim | event
    sa.Column("kind", sa.Text, nullable=False),  # the indicator of a claim, the event type of an event
    sa.Column("pair", sa.Text),  # "KH-KR" (sorted codes); the country alone for one-country indicators
    sa.Column("from_c", sa.Text),
    sa.Column("to_c", sa.Text),
    sa.Column("status", sa.Text, nullable=False),
    # claims
    sa.Column("measure", sa.Text),
    sa.Column("value", sa.Float),
    sa.Column("low", sa.Float),
    sa.Column("high", sa.Float),
    sa.Column("unit", sa.Text),
    sa.Column("period_start", sa.Text),
    sa.Column("period_end", sa.Text),
    sa.Column("scope", sa.Text),
    sa.Column("approx", sa.Text),
    sa.Column("attributed_to", sa.Text),
    # events
    sa.Column("date", sa.Text),
    sa.Column("actors", sa.JSON),
    # evidence: document.text[ev_start:ev_end] == ev_text
    sa.Column("ev_start", sa.Integer, nullable=False),
    sa.Column("ev_end", sa.Integer, nullable=False),
    sa.Column("ev_text", sa.Text, nullable=False),
    # reconciliation
    sa.Column("group_key", sa.Text, nullable=False),  # claims: pair|indicator; events: pair|event
    sa.Column("fact_key", sa.Text),  # claims only: the fact this report is about
    sa.Index("ix_records_document", "document_id"),
    sa.Index("ix_records_group", "group_key"),
    sa.Index("ix_records_pair_kind", "pair", "kind"),
    sa.Index("ix_records_pair_document", "pair", "document_id"),
)

facts = sa.Table(
    "facts", metadata,
    sa.Column("id", sa.Text, primary_key=True),  # stable: a hash of the fact key
    sa.Column("group_key", sa.Text, nullable=False),
    sa.Column("pair", sa.Text),
    sa.Column("indicator", sa.Text, nullable=False),
    sa.Column("measure", sa.Text, nullable=False),
    sa.Column("from_c", sa.Text),
    sa.Column("to_c", sa.Text),
    sa.Column("period_start", sa.Text),
    sa.Column("period_end", sa.Text),
    sa.Column("scope", sa.Text),
    sa.Column("status", sa.Text, nullable=False),
    sa.Column("unit", sa.Text, nullable=False),
    sa.Column("value", sa.Float),
    sa.Column("low", sa.Float),
    sa.Column("high", sa.Float),
    sa.Column("approx", sa.Text),
    sa.Column("best_record_id", sa.Integer),  # the report whose value the fact takes
    sa.Column("rule", sa.Text),  # why that report: official | most_reports | latest | only
    sa.Column("n_reports", sa.Integer, nullable=False),
    sa.Column("n_documents", sa.Integer, nullable=False),
    sa.Column("conflict", sa.Text),  # the kind of the fact's worst internal conflict, if any
    sa.Column("sort_date", sa.Text),  # period end (or start), for ordering and --since/--until
    sa.Index("ix_facts_group", "group_key"),
    sa.Index("ix_facts_pair_indicator", "pair", "indicator", "sort_date"),
    sa.Index("ix_facts_sort", "sort_date"),
)

fact_reports = sa.Table(
    "fact_reports", metadata,
    sa.Column("fact_id", sa.Text, nullable=False),
    sa.Column("record_id", sa.Integer, nullable=False),
    sa.Column("agrees", sa.Boolean, nullable=False),  # agrees with the fact's value within rounding
    sa.Column("rank", sa.Integer),  # 1 = listed first: agreeing reports, then the newest
    sa.PrimaryKeyConstraint("fact_id", "record_id"),
    sa.Index("ix_fact_reports_record", "record_id"),
    sa.Index("ix_fact_reports_rank", "fact_id", "rank"),
)

conflicts = sa.Table(
    "conflicts", metadata,
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("group_key", sa.Text, nullable=False),
    sa.Column("pair", sa.Text),
    sa.Column("indicator", sa.Text, nullable=False),
    sa.Column("kind", sa.Text, nullable=False),
    sa.Column("explanation", sa.Text, nullable=False),
    sa.Column("fact_id", sa.Text, nullable=False),
    sa.Column("other_fact_id", sa.Text),  # for conflicts between two facts (pledged vs actual, ...)
    sa.Column("record_ids", sa.JSON, nullable=False),
    sa.Column("sort_date", sa.Text),
    sa.Index("ix_conflicts_group", "group_key"),
    sa.Index("ix_conflicts_pair", "pair", "sort_date"),
)

events = sa.Table(
    "events", metadata,
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("group_key", sa.Text, nullable=False),
    sa.Column("pair", sa.Text),
    sa.Column("event", sa.Text, nullable=False),
    sa.Column("date", sa.Text),
    sa.Column("from_c", sa.Text),
    sa.Column("to_c", sa.Text),
    sa.Column("actors", sa.JSON, nullable=False),
    sa.Column("status", sa.Text, nullable=False),
    sa.Column("n_reports", sa.Integer, nullable=False),
    sa.Column("n_documents", sa.Integer, nullable=False),
    sa.Column("date_conflict", sa.Text),  # explanation when reports give different dates
    sa.Column("best_record_id", sa.Integer),
    sa.Index("ix_events_group", "group_key"),
    sa.Index("ix_events_pair_date", "pair", "date"),
    sa.Index("ix_events_date", "date"),
)

event_reports = sa.Table(
    "event_reports", metadata,
    sa.Column("event_id", sa.Text, nullable=False),
    sa.Column("record_id", sa.Integer, nullable=False),
    sa.Column("rank", sa.Integer),  # 1 = listed first: the best report, then the oldest
    sa.PrimaryKeyConstraint("event_id", "record_id"),
    sa.Index("ix_event_reports_record", "record_id"),
    sa.Index("ix_event_reports_rank", "event_id", "rank"),
)

pair_stats = sa.Table(
    "pair_stats", metadata,  # refreshed by reconcile for the pairs it touched
    sa.Column("pair", sa.Text, primary_key=True),
    sa.Column("documents", sa.Integer, nullable=False),  # current documents with a record of the pair
    sa.Column("facts", sa.Integer, nullable=False),
    sa.Column("events", sa.Integer, nullable=False),
)

dirty_groups = sa.Table(
    "dirty_groups", metadata,
    sa.Column("group_key", sa.Text, primary_key=True),
)

store_info = sa.Table(
    "store_info", metadata,  # what the store was made with: "reconcile_rules" -> the rules version
    sa.Column("key", sa.Text, primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)
