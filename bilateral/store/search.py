"""Full-text search on each backend, with the same meaning: every term is a
case-insensitive substring of the text (a document's title or text; see
migration 0002 for why), and digits match across scripts: "២០១៩" finds
"2019" and "2019" finds "២០១៩".

SQLite answers from its FTS5 trigram tables (terms of three characters or
more; shorter terms filter the matches); PostgreSQL from ILIKE on pg_trgm
indexes. A term with digits is looked for in each script's digits (an OR of
its variants), so the stored text stays as written and no index changes.
A term of two characters without case ("교역", "투자": most Korean nouns;
Khmer; digits) goes through the index too on SQLite: it occurs either at the
start of a trigram (the index's vocabulary lists those, through a temporary
fts5vocab table) or as the last two characters of a value (migration 0006
indexes those). Other short terms, and every short term on PostgreSQL, are a
scan of the rows, newest first, that stops at the limit (benchmarks/
search_lang.py measures both). Query text only ever reaches SQL as bound
parameters.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from bilateral.store.schema import documents, records

_documents_fts = sa.table("documents_fts", sa.column("rowid"), sa.column("rank"))
_evidence_fts = sa.table("evidence_fts", sa.column("rowid"), sa.column("rank"))
SNIPPET_CHARS = 90

# Digits written in Khmer (U+17E0..U+17E9) are the same numbers as ASCII
# digits; Khmer text uses either. Both maps keep the length of the text, so
# offsets found in a folded text are offsets in the original.
_TO_ASCII = str.maketrans({chr(0x17E0 + i): str(i) for i in range(10)})
_TO_KHMER = str.maketrans({str(i): chr(0x17E0 + i) for i in range(10)})


def variants(term: str) -> list[str]:
    """``term`` and, if it has digits, the same term with all its digits ASCII and all Khmer."""
    out = [term]
    for v in (term.translate(_TO_ASCII), term.translate(_TO_KHMER)):
        if v not in out:
            out.append(v)
    return out


def fold(text: str) -> str:
    """Text for matching in Python: Khmer digits as ASCII, lower case."""
    return text.translate(_TO_ASCII).lower()


def _phrase(t: str) -> str:
    """A quoted FTS5 phrase: no term is read as FTS syntax."""
    return '"' + t.replace('"', '""') + '"'


def _fts_query(terms: list[str]) -> str:
    """An FTS5 query: every term required; a term with digits is any of its variants."""
    # FTS5 has no implicit AND next to a parenthesised group: spell it out.
    return " AND ".join("(" + " OR ".join(_phrase(v) for v in variants(t)) + ")" for t in terms)


def _tail(column: Any) -> Any:
    """The last two characters, written as migration 0006 indexes them (a literal -2, not a parameter)."""
    return sa.func.substr(column, sa.literal_column("-2"))


def _trigrams_starting(conn: Connection, fts_name: str, pair: str) -> list[str]:
    """The trigrams of ``fts_name``'s index that start with the two characters ``pair``."""
    vocab = f"{fts_name}_vocab"
    conn.exec_driver_sql(f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{vocab} USING fts5vocab(main, {fts_name}, 'row')")
    # Every trigram "pair + one character" sorts between pair and pair + the last code point.
    return [r[0] for r in conn.exec_driver_sql(f"SELECT term FROM temp.{vocab} WHERE term >= ? AND term < ?",
                                               (pair, pair + "\U0010ffff"))]


def _short_term(conn: Connection, base: sa.Select, fts: sa.TableClause, fts_name: str, key: Any,
                columns: list[Any], term: str, limit: int | None) -> list[sa.Row]:
    """The newest ``limit`` rows of ``base`` containing the two-character uncased ``term`` (any of
    its variants), through the indexes: the trigrams it starts, and the values it ends."""
    found = []
    trigrams = [t for v in variants(term) for t in _trigrams_starting(conn, fts_name, v)]
    if trigrams:
        # The FTS5 index walks its rowids newest first and stops at the limit, as for a longer term.
        found += conn.execute(base.join(fts, fts.c.rowid == key).where(sa.text(f"{fts_name} MATCH :starts"))
                              .order_by(fts.c.rowid.desc()).limit(limit),
                              {"starts": " OR ".join(_phrase(t) for t in trigrams)})
    found += conn.execute(base.where(sa.or_(*(_tail(c) == v for c in columns for v in variants(term))))
                          .order_by(key.desc()).limit(limit))
    return sorted({r[0]: r for r in found}.values(), key=lambda r: r[0], reverse=True)[:limit]


def _like(column: Any, term: str) -> Any:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return column.ilike(f"%{escaped}%", escape="\\")


def _contains(column: Any, term: str, dialect: str) -> Any:
    if dialect != "sqlite":
        return _like(column, term)
    if term.lower() == term.upper():
        # Nothing to fold (Hangul, Khmer, digits): instr on the text as stored
        # skips copying every row through lower().
        return sa.func.instr(column, term) > 0
    # instr over lower(): SQLite's LIKE is case-insensitive for ASCII only.
    return sa.func.instr(sa.func.lower(column), term.lower()) > 0


def _contains_all(columns: list[Any], terms: list[str], dialect: str) -> list[Any]:
    """Each term (any of its variants) in one of ``columns`` (a document's title or text)."""
    return [sa.or_(*(_contains(c, v, dialect) for c in columns for v in variants(t))) for t in terms]


def _filters(since: str | None, until: str | None, pair: str | None) -> list[Any]:
    out = []
    if since:
        out.append(documents.c.published >= since)
    if until:
        out.append(sa.func.substr(documents.c.published, 1, len(until)) <= until)
    if pair:
        out.append(sa.exists().where(records.c.document_id == documents.c.id, records.c.pair == pair))
    return out


def highlight(text: str, terms: list[str]) -> dict[str, Any]:
    """A snippet of ``text`` around the first match, with the matches' offsets inside it."""
    folded = fold(text)
    needles = [fold(t) for t in terms]
    hits = [(i, len(t)) for t in needles if (i := folded.find(t)) >= 0]
    first = min(hits)[0] if hits else 0
    start = max(0, first - SNIPPET_CHARS)
    end = min(len(text), first + SNIPPET_CHARS)
    snippet = text[start:end]
    marks = []
    low_snippet = folded[start:end]
    for t in needles:
        i = low_snippet.find(t)
        while i >= 0:
            marks.append([i, i + len(t)])
            i = low_snippet.find(t, i + len(t))
    return {"snippet": snippet, "snippet_start": start, "marks": sorted(marks),
            "match": {"start": first, "end": first + (min(hits)[1] if hits else 0)}}


def _matching(conn: Connection, dialect: str, base: sa.Select, columns: list[Any], fts: sa.TableClause,
              fts_name: str, key: Any, terms: list[str], limit: int | None, offset: int) -> list[sa.Row]:
    long_terms = [t for t in terms if len(t) >= 3]
    pairs = [t for t in terms if len(t) == 2 and t.lower() == t.upper()]
    if dialect == "sqlite" and not long_terms and pairs:
        # One two-character term finds the rows through the indexes; the others filter them.
        others = base.where(*_contains_all(columns, [t for t in terms if t is not pairs[0]], dialect))
        rows = _short_term(conn, others, fts, fts_name, key, columns, pairs[0], (offset + limit) if limit else None)
        return rows[offset:]
    if dialect == "sqlite" and long_terms:
        query = (base.join(fts, fts.c.rowid == key).where(sa.text(f"{fts_name} MATCH :fts_query"),
                                                          *_contains_all(columns, [t for t in terms if len(t) < 3], dialect))
                 # Newest first: FTS5 walks its index in rowid order and stops at the
                 # limit, where ranking would score every match of a common word.
                 .order_by(fts.c.rowid.desc()))
        params = {"fts_query": _fts_query(long_terms)}
    else:
        query = base.where(*_contains_all(columns, terms, dialect)).order_by(key.desc())
        params = {}
    return list(conn.execute(query.limit(limit or None).offset(offset or None), params))


def document_matches(conn: Connection, dialect: str, terms: list[str], *, since: str | None, until: str | None,
                     pair: str | None, limit: int | None, offset: int) -> list[dict[str, Any]]:
    base = (sa.select(documents.c.id, documents.c.doc, documents.c.title, documents.c.publisher,
                      documents.c.published, documents.c.url, documents.c.text)
            .where(documents.c.current, *_filters(since, until, pair)))
    rows = _matching(conn, dialect, base, [documents.c.title, documents.c.text], _documents_fts, "documents_fts",
                     documents.c.id, terms, limit, offset)
    return [{"id": r.id, "doc": r.doc, "title": r.title, "publisher": r.publisher, "published": r.published,
             "url": r.url, **highlight(r.text, terms)} for r in rows]


def evidence_matches(conn: Connection, dialect: str, terms: list[str], *, since: str | None, until: str | None,
                     pair: str | None, limit: int | None, offset: int) -> list[dict[str, Any]]:
    base = (sa.select(records.c.id, records.c.type, records.c.kind, records.c.pair, records.c.ev_start,
                      records.c.ev_end, records.c.ev_text, documents.c.id.label("document_id"), documents.c.doc,
                      documents.c.title, documents.c.published)
            .join(documents, records.c.document_id == documents.c.id)
            .where(documents.c.current, *_filters(since, until, None),
                   *([records.c.pair == pair] if pair else [])))
    rows = _matching(conn, dialect, base, [records.c.ev_text], _evidence_fts, "evidence_fts", records.c.id, terms,
                     limit, offset)
    return [{"record_id": r.id, "type": r.type, "kind": r.kind, "pair": r.pair, "document_id": r.document_id,
             "doc": r.doc, "title": r.title, "published": r.published,
             "evidence": {"start": r.ev_start, "end": r.ev_end, "text": r.ev_text},
             "marks": highlight(r.ev_text, terms)["marks"]} for r in rows]
