"""Full-text search on each backend, with the same meaning. Every term must
occur in the text (a document's title or text, or a record's evidence),
case-insensitively:

- a word of an alphabet written with spaces (Latin, Greek, Cyrillic: letters
  only) matches the words it begins: "Korea" finds "Korean", "minister"
  does not find "administer" (migration 0007);
- any other term (Korean, Khmer, digits, punctuation) is a substring (see
  migration 0002 for why), and digits match across scripts: "២០១៩" finds
  "2019" and "2019" finds "២០១៩".

SQLite answers word terms from its FTS5 word indexes: a term becomes the
words of ``search_words`` that it begins, and the index walks their lists.
PostgreSQL answers them from a ``tsvector`` of each text (migration 0008) with
prefix queries; its planner knows how common a word is and walks the newest
rows for a common one.

Other terms: SQLite answers from its FTS5 trigram tables (terms of three characters or
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

import re
from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from bilateral.store.schema import documents, records

# A term that begins this many words or more is left to FTS5's own prefix
# query (slower, but one query instead of thousands of alternatives).
MAX_EXPANSION = 256
# The alphabets whose words are written apart: Latin, Greek, Cyrillic, Armenian.
_SPACED_ALPHABETS_END = "\u0590"
# A word as FTS5's unicode61 tokenizer cuts them: a run of letters and digits.
_WORD = re.compile(r"[^\W_]+")
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


def is_word_term(term: str) -> bool:
    """Whether ``term`` is searched as the start of words (letters of a spaced alphabet only)."""
    return term.isalpha() and max(term) < _SPACED_ALPHABETS_END


def begins_word_term(word: str) -> bool:
    """Whether a word of the index can begin with a word term: ``search_words`` keeps those."""
    return word[0].isalpha() and word[0] < _SPACED_ALPHABETS_END


def words(texts: Iterable[str | None]) -> set[str]:
    """The words of ``texts`` a word term can match, written as the word index holds them."""
    found: set[str] = set()
    for text in texts:
        if text:
            found.update(_WORD.findall(text.lower()))
    return {w for w in found if begins_word_term(w)}


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


def _finder(term: str) -> re.Pattern[str]:
    """Where ``term`` matches in a folded text: at a word start for a word term, anywhere otherwise."""
    needle = re.escape(fold(term))
    return re.compile(r"(?<![^\W_])" + needle if is_word_term(term) else needle)


def highlight(text: str, terms: list[str]) -> dict[str, Any]:
    """A snippet of ``text`` around the first match, with the matches' offsets inside it."""
    folded = fold(text)
    finders = [_finder(t) for t in terms]
    hits = [m.span() for f in finders if (m := f.search(folded))]
    first, first_end = min(hits) if hits else (0, 0)
    start = max(0, first - SNIPPET_CHARS)
    end = min(len(text), first + SNIPPET_CHARS)
    # Searched in place (not in a slice), so that a word cut by the snippet's start is no word start.
    marks = sorted([m.start() - start, m.end() - start] for f in finders for m in f.finditer(folded, start, end))
    return {"snippet": text[start:end], "snippet_start": start, "marks": marks,
            "match": {"start": first, "end": first_end}}


def _word_query(conn: Connection, term: str) -> str | None:
    """The FTS5 word-index query of a word term: any of the words it begins; None if none does."""
    low = term.lower()
    begun = [w for (w,) in conn.exec_driver_sql(
        "SELECT word FROM search_words WHERE word >= ? AND word < ? LIMIT ?",
        (low, low + "\U0010ffff", MAX_EXPANSION + 1))]
    if not begun:
        return None
    if len(begun) > MAX_EXPANSION:
        return _phrase(low) + "*"
    return "(" + " OR ".join(_phrase(w) for w in begun) + ")"


def _matching(conn: Connection, dialect: str, base: sa.Select, columns: list[Any], indexes: tuple[str, str],
              key: Any, terms: list[str], limit: int | None, offset: int) -> list[sa.Row]:
    """The rows of ``base`` that hold every term, newest first, one page of them."""
    fts_name, words_name = indexes
    fts = sa.table(fts_name, sa.column("rowid"))
    word_terms = [t for t in terms if is_word_term(t)]
    others = [t for t in terms if t not in word_terms]
    long_terms = [t for t in others if len(t) >= 3]
    pairs = [t for t in others if len(t) == 2 and t.lower() == t.upper()]
    if word_terms and dialect == "postgresql":
        # The row's tsvector (migration 0008): every word term as a prefix of a word. The terms
        # are letters only, so none is tsquery syntax; the query still goes as a parameter.
        words = sa.literal_column(f"{key.table.name}.search_words")
        query = (base.where(words.op("@@")(sa.func.to_tsquery("simple", sa.bindparam("words"))),
                            *_contains_all(columns, others, dialect))
                 .order_by(key.desc()))
        params = {"words": " & ".join(f"{t.lower()}:*" for t in word_terms)}
    elif word_terms:
        # Each word term is the words it begins, looked up first: a term that
        # begins no word of the store ends the search before any list is read.
        queries = [_word_query(conn, t) for t in word_terms]
        if None in queries:
            return []
        index = sa.table(words_name, sa.column("rowid"))
        # The other terms filter what the word index finds.
        query = (base.join(index, index.c.rowid == key)
                 .where(sa.text(f"{words_name} MATCH :words"), *_contains_all(columns, others, dialect))
                 .order_by(index.c.rowid.desc()))
        params = {"words": " AND ".join(queries)}
    elif dialect == "sqlite" and not long_terms and pairs:
        # One two-character term finds the rows through the indexes; the others filter them.
        rest = base.where(*_contains_all(columns, [t for t in terms if t is not pairs[0]], dialect))
        rows = _short_term(conn, rest, fts, fts_name, key, columns, pairs[0], (offset + limit) if limit else None)
        return rows[offset:]
    elif dialect == "sqlite" and long_terms:
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
    rows = _matching(conn, dialect, base, [documents.c.title, documents.c.text], ("documents_fts", "documents_words"),
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
    rows = _matching(conn, dialect, base, [records.c.ev_text], ("evidence_fts", "evidence_words"), records.c.id,
                     terms, limit, offset)
    return [{"record_id": r.id, "type": r.type, "kind": r.kind, "pair": r.pair, "document_id": r.document_id,
             "doc": r.doc, "title": r.title, "published": r.published,
             "evidence": {"start": r.ev_start, "end": r.ev_end, "text": r.ev_text},
             "marks": highlight(r.ev_text, terms)["marks"]} for r in rows]
