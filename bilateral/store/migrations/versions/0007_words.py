"""Search by word for terms in alphabets written with spaces (Latin, Greek, Cyrillic).

The trigram index answers a substring of any script, but an AND of two common
words that seldom share a sentence ("minister agreement") walks the whole
lists of their common trigrams: 113 ms at a million documents. A word index
holds one entry per word: the same query reads two short lists (7 ms). A term
in such an alphabet now matches the words that begin with it ("Korea" finds
"Korean", "minister" no longer finds "administer"); Korean, Khmer and terms
with digits or punctuation keep the substring search of the trigram index.

SQLite: an FTS5 word index per searched table (``unicode61``, no positions:
terms are single words), kept in step by triggers, and ``search_words``, the
words that begin with such a letter, so that a term becomes the exact words
it begins (a range of that table) rather than an FTS5 prefix query, which
copies every matching list. PostgreSQL gets nothing here: its word index is
revision 0008's ``tsvector`` columns.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

_TOKENIZE = "tokenize='unicode61 remove_diacritics 0', detail=none"
_UP = [
    f"CREATE VIRTUAL TABLE documents_words USING fts5(title, text, content='documents', content_rowid='id', {_TOKENIZE})",
    "CREATE TRIGGER documents_words_insert AFTER INSERT ON documents BEGIN"
    " INSERT INTO documents_words(rowid, title, text) VALUES (new.id, new.title, new.text); END",
    "CREATE TRIGGER documents_words_delete AFTER DELETE ON documents BEGIN"
    " INSERT INTO documents_words(documents_words, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);"
    " END",
    f"CREATE VIRTUAL TABLE evidence_words USING fts5(ev_text, content='records', content_rowid='id', {_TOKENIZE})",
    "CREATE TRIGGER evidence_words_insert AFTER INSERT ON records BEGIN"
    " INSERT INTO evidence_words(rowid, ev_text) VALUES (new.id, new.ev_text); END",
    "CREATE TRIGGER evidence_words_delete AFTER DELETE ON records BEGIN"
    " INSERT INTO evidence_words(evidence_words, rowid, ev_text) VALUES ('delete', old.id, old.ev_text); END",
    "INSERT INTO documents_words(documents_words) VALUES ('rebuild')",
    "INSERT INTO evidence_words(evidence_words) VALUES ('rebuild')",
    "CREATE TABLE search_words (word TEXT PRIMARY KEY) WITHOUT ROWID",
] + [
    # Each write of a batch adds a small segment to every FTS5 index, and FTS5 merges a level once
    # it holds 4 of them (its default): a writer spent an eighth of its time merging. At 8 the
    # segments are rewritten a third fewer times; a query reads a few more of them.
    f"INSERT INTO {table}({table}, rank) VALUES ('automerge', 8)"
    for table in ("documents_fts", "evidence_fts", "documents_words", "evidence_words")
]
_DOWN = [
    "DROP TABLE search_words",
    "DROP TRIGGER evidence_words_delete", "DROP TRIGGER evidence_words_insert", "DROP TABLE evidence_words",
    "DROP TRIGGER documents_words_delete", "DROP TRIGGER documents_words_insert", "DROP TABLE documents_words",
]


def upgrade() -> None:
    from bilateral.store.search import begins_word_term

    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    for statement in _UP:
        op.execute(statement)
    # The index's own words (its tokens exactly), once; ingest adds new ones as it writes.
    bind.exec_driver_sql("CREATE VIRTUAL TABLE temp.documents_words_terms USING fts5vocab(main, documents_words, 'row')")
    words = [(t,) for (t,) in bind.exec_driver_sql("SELECT term FROM temp.documents_words_terms") if begins_word_term(t)]
    bind.exec_driver_sql("DROP TABLE temp.documents_words_terms")
    if words:
        bind.exec_driver_sql("INSERT INTO search_words (word) VALUES (?)", words)


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for statement in _DOWN:
        op.execute(statement)
