"""The store on SQLite and on a real PostgreSQL server: writing, versions, search, migrations."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from bilateral import extract, query
from bilateral.model import Document
from bilateral.reconcile import reconcile
from bilateral.store import StoreError, open_store, schema_revision, upgrade
from bilateral.store.schema import documents, records
from tests.texts import ASSOCIATION, CUSTOMS, HOSTILE, KHMER, KOREAN, ROUNDED, TYPO


def _doc(doc_id: str, text: str, *, url: str | None = None, published: str = "2024-05-20") -> Document:
    return Document(id=doc_id, text=text, source=f"/corpus/{doc_id}", url=url, published=published, title=doc_id)


def _add(store, doc: Document):
    return store.add_document(doc, extract(doc.text, published=doc.published, doc_id=doc.id))


def test_documents_and_records_round_trip(store):
    result = _add(store, _doc("customs.txt", CUSTOMS))
    assert result.outcome == "added" and result.records >= 2
    shown = query.document(store, "customs.txt")
    assert shown["text"] == CUSTOMS
    for r in shown["records"]:
        ev = r["evidence"]
        assert CUSTOMS[ev["start"]:ev["end"]] == ev["text"]
    assert {r["type"] for r in shown["records"]} == {"claim", "event"}
    assert store.check() == []


def test_same_content_twice_changes_nothing(store):
    first = _add(store, _doc("a.txt", CUSTOMS))
    before = store.counts()
    again = _add(store, _doc("copy-of-a.txt", CUSTOMS))
    assert again.outcome == "unchanged" and again.document_id == first.document_id
    assert store.counts() == before


def test_new_version_replaces_the_old_in_the_reconciled_view(store):
    url = "https://news.example/trade"
    _add(store, _doc("trade", CUSTOMS, url=url))
    reconcile(store)
    old = query.facts_of(store, pair="KH,KR", indicator="trade.total")
    assert [f["value"] for f in old] == [890_000_000]
    changed = _add(store, _doc("trade", CUSTOMS.replace("$890 million", "$910 million"), url=url))
    assert changed.outcome == "new_version"
    reconcile(store)
    new = query.facts_of(store, pair="KH,KR", indicator="trade.total")
    assert [f["value"] for f in new] == [910_000_000]
    assert query.document(store, "trade")["version"] == 2
    with store.connect() as conn:
        versions = conn.execute(sa.select(documents.c.version, documents.c.current).order_by(documents.c.version)).all()
    assert [(v, bool(c)) for v, c in versions] == [(1, False), (2, True)]
    assert store.check() == []


def test_a_failed_batch_writes_nothing(store):
    good = _doc("good.txt", ROUNDED)
    recs = extract(good.text, published=good.published, doc_id=good.id)
    broken = _doc("broken.txt", CUSTOMS)
    with pytest.raises(Exception):  # noqa: B017 - any database error: a NOT NULL column left empty
        store.add_documents([(good, recs), (broken, [None])])  # type: ignore[list-item]
    assert store.counts()["documents"] == 0 and store.counts()["records"] == 0
    # The words of the rolled-back batch are not taken as written: the good document, added
    # again on its own, is found by its words.
    store.add_documents([(good, recs)])
    assert [d["doc"] for d in query.search(store, "Two-way")["documents"]] == ["good.txt"]
    assert [d["doc"] for d in query.search(store, "came Cambod")["documents"]] == ["good.txt"]


def test_search_finds_documents_and_evidence_in_every_script(store):
    for name, text in (("customs", CUSTOMS), ("assoc", ASSOCIATION), ("ko", KOREAN), ("km", KHMER)):
        _add(store, _doc(name, text))
    found = query.search(store, "customs excise")
    assert [d["doc"] for d in found["documents"]] == ["customs"]
    assert found["evidence"] and all("Customs" in e["evidence"]["text"] for e in found["evidence"])
    snippet = found["documents"][0]
    start, end = snippet["marks"][0]
    assert snippet["snippet"][start:end].lower() in {"customs", "excise"}
    # Korean particles glued to the noun, and Khmer with no spaces at all.
    assert [d["doc"] for d in query.search(store, "캄보디아")["documents"]] == ["ko"]
    assert [d["doc"] for d in query.search(store, "កម្ពុជា")["documents"]] == ["km"]
    assert sorted(d["doc"] for d in query.search(store, "YOON")["documents"]) == ["assoc", "customs"]
    assert query.search(store, "nothing-like-this")["documents"] == []


def test_search_digits_match_across_scripts(store):
    khmer = "ពាណិជ្ជកម្មទ្វេភាគីរវាងកម្ពុជា និងកូរ៉េខាងត្បូង មានទំហំ ៨៩០ លានដុល្លារ ក្នុងឆ្នាំ២០១៩។"
    _add(store, _doc("km-digits", khmer))
    _add(store, _doc("en-digits", CUSTOMS.replace("2024", "2019")))
    _add(store, _doc("other-year", CUSTOMS.replace("2024", "2017")))
    for q in ("2019", "២០១៩"):
        found = query.search(store, q)
        assert sorted(d["doc"] for d in found["documents"]) == ["en-digits", "km-digits"], q
        # The mark covers the year as written, whichever digits the query used.
        km = next(d for d in found["documents"] if d["doc"] == "km-digits")
        (a, b), = km["marks"]
        assert km["snippet"][a:b] == "២០១៩"
        assert {e["doc"] for e in found["evidence"]} == {"en-digits", "km-digits"}
    # A term mixing letters and digits, and a short one (below a trigram).
    assert [d["doc"] for d in query.search(store, "ឆ្នាំ2019")["documents"]] == ["km-digits"]
    assert [d["doc"] for d in query.search(store, "១៧")["documents"]] == ["other-year"]
    assert sorted(d["doc"] for d in query.search(store, "៨៩")["documents"]) == ["en-digits", "km-digits",
                                                                                 "other-year"]
    assert [d["doc"] for d in query.search(store, "៨៩០ 2017")["documents"]] == ["other-year"]


def test_search_terms_shorter_than_a_trigram(store):
    texts = {"trade": "캄보디아와 한국의 교역액은 2023년 8억9000만 달러였다.",
             "visit": "훈 마넷 총리가 서울을 방문해 정상회담을 열었다.",
             "both": "두 나라의 교역과 투자가 늘었다. 정상회담에서 합의했다.",
             # A headline: its last two syllables begin no trigram.
             "headline": "한·캄보디아 FTA 발효…교역 확대"}
    for name, text in texts.items():
        _add(store, _doc(name, text))
    # Two syllables: a term shorter than a trigram, found where it begins a trigram and where it ends a text.
    assert sorted(d["doc"] for d in query.search(store, "교역")["documents"]) == ["both", "headline", "trade"]
    assert sorted(d["doc"] for d in query.search(store, "서울")["documents"]) == ["visit"]
    assert [d["doc"] for d in query.search(store, "확대")["documents"]] == ["headline"]
    assert query.search(store, "북한")["documents"] == []
    # With a longer term the index answers and the short one filters.
    assert [d["doc"] for d in query.search(store, "정상회담 투자")["documents"]] == ["both"]
    # The limit and offset page through the scan, newest first.
    pages = [query.search(store, "교역", limit=1, offset=i)["documents"] for i in range(4)]
    assert [d["doc"] for page in pages for d in page] == ["headline", "both", "trade"]
    assert query.search(store, "한")["documents"][0]["marks"]
    # The title counts, as it does for longer terms.
    _add(store, Document(id="titled", text="Trade rose.", source="/corpus/titled", title="한·캄 교역",
                         published="2024-05-20"))
    assert "titled" in {d["doc"] for d in query.search(store, "교역")["documents"]}


def _plans_of(store, run) -> tuple[list[str], list[str]]:
    """SQLite's plans of the SELECTs that ``run()`` sends, and those of them that scan a table."""
    statements = []

    def seen(conn, cursor, sql, params, context, many):
        statements.append((sql, params))

    sa.event.listen(store.engine, "before_cursor_execute", seen)
    try:
        run()
    finally:
        sa.event.remove(store.engine, "before_cursor_execute", seen)
    plans = []
    with store.connect() as conn:
        for sql, params in [s for s in statements if s[0].lstrip().upper().startswith("SELECT")]:
            plans += [row[3] for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql, params)]
    return plans, [p for p in plans if p.startswith("SCAN") and "VIRTUAL TABLE" not in p]


def test_two_character_terms_read_no_table_through(tmp_path):
    """On SQLite a two-syllable term is looked up in indexes: no statement scans a table."""
    store = open_store(str(tmp_path / "plans.db"))
    for i in range(3):
        _add(store, _doc(f"d{i}", f"캄보디아와 한국의 교역액은 {2020 + i}년 8억 달러였다."))
    def searches() -> None:
        assert len(query.search(store, "교역")["documents"]) == 3
        assert query.search(store, "북한")["evidence"] == []

    plans, scans = _plans_of(store, searches)
    assert plans and scans == [], plans


def test_words_of_spaced_alphabets_match_where_words_begin(store):
    texts = {"adm": "The ministry will administer the fund from Phnom Penh.",
             "min": "The foreign minister signed the agreement in Seoul.",
             "both": "Ministers of both countries praised the Korean investors.",
             "greek": "Η Καμπότζη και η Κορέα υπέγραψαν συμφωνία.",
             "hyphen": "A prime-minister's visit; trade_minister as one token."}
    for name, text in texts.items():
        _add(store, _doc(name, text))
    found = lambda q: sorted(d["doc"] for d in query.search(store, q)["documents"])  # noqa: E731
    # "minister" begins "Ministers" and "minister", never the inside of "administer".
    assert found("minister") == ["both", "hyphen", "min"]
    assert found("MINISTER agreement") == ["min"]
    assert found("korea") == ["both"] and found("Korean") == ["both"]
    assert found("Κορέα") == ["greek"] and found("κορ") == ["greek"]
    assert found("administer") == ["adm"] and found("inister") == []
    assert found("ministry Penh") == ["adm"] and found("unknownword") == []
    # A word term with a substring term: the word index finds, the substring filters.
    assert found("minister Seoul.") == ["min"] and found("minister 서울") == []
    # Evidence goes by the same rule, and the marks sit on word starts only.
    evidence = query.search(store, "minister")["evidence"]
    for e in evidence:
        text = e["evidence"]["text"]
        assert e["marks"] and all(text[a:b].lower() == "minister" and (a == 0 or not text[a - 1].isalnum())
                                  for a, b in e["marks"])
    [doc] = query.search(store, "administer")["documents"]
    assert [doc["snippet"][a:b] for a, b in doc["marks"]] == ["administer"]


def test_a_word_that_begins_many_words_still_finds_them(store, monkeypatch):
    from bilateral.store import search
    _add(store, _doc("many", "Trade, traders, trading and trademarks: trade talk. Not here: retrade."))
    expected = query.search(store, "trad")
    monkeypatch.setattr(search, "MAX_EXPANSION", 1)  # FTS5's own prefix query instead of the listed words
    assert query.search(store, "trad") == expected and [d["doc"] for d in expected["documents"]] == ["many"]
    text = "Trade, traders, trading and trademarks: trade talk. Not here: retrade."
    # Five words begin with "trad"; "retrade" holds it inside only.
    assert [tuple(m) for m in expected["documents"][0]["marks"]] == [
        (i, i + 4) for i in range(len(text)) if text[i:i + 4].lower() == "trad" and text[i - 1:i] != "e"]


def test_word_terms_read_no_table_through(tmp_path):
    """On SQLite a two-word search is looked up in the word index: no statement scans a table."""
    store = open_store(str(tmp_path / "plans.db"))
    for i in range(3):
        _add(store, _doc(f"d{i}", f"Korean Foreign Minister Park Jin visited Phnom Penh on 3 May {2020 + i} and met Hun Manet."))
    def searches() -> None:
        found = query.search(store, "minister Korea")
        assert len(found["documents"]) == 3 and found["evidence"]

    plans, scans = _plans_of(store, searches)
    assert any("documents_words" in p for p in plans) and scans == [], plans


def test_search_text_never_reaches_sql_as_code(store):
    _add(store, _doc("hostile", HOSTILE))
    for text in ('"; DROP TABLE documents; --', "' OR 1=1 --", "% _", 'a"b', "NEAR(x y)", "*"):
        query.search(store, text)
    assert [d["doc"] for d in query.search(store, "DROP TABLE")["documents"]] == ["hostile"]
    assert store.counts()["documents"] == 1


def test_a_store_from_an_older_version_opens_in_the_newest(db_url):
    # Build the schema of the first migration only, write a document the way
    # that version did, then open it with the current code.
    store = open_store(db_url, migrate=False)
    upgrade(store.engine, "0001")
    assert schema_revision(store.engine) == "0001"
    with store.begin() as conn:
        doc_id = conn.execute(sa.insert(documents).values(
            doc="old.txt", source_key="/old.txt", version=1, current=True, content_hash="x", text=CUSTOMS,
            ingested_at="2026-01-01T00:00:00+00:00").returning(documents.c.id)).scalar_one()
        conn.execute(sa.insert(records).values(
            document_id=doc_id, type="claim", kind="trade.total", pair="KH-KR", from_c="KH", to_c="KR",
            status="actual", measure="level", value=890e6, unit="USD", period_start="2023", period_end="2023",
            scope="flow", ev_start=0, ev_end=5, ev_text="Trade", group_key="claim|KH-KR|trade.total",
            fact_key="KH-KR|trade.total|level|KH|KR|2023|2023|actual|USD"))
    store.close()
    reopened = open_store(db_url)
    assert schema_revision(reopened.engine) != "0001"
    # The upgrade rebuilt the reconciled view: the old record is a listed source of its fact.
    assert reopened.counts()["dirty_groups"] == 0
    [fact] = query.facts_of(reopened)
    assert fact["value"] == 890e6 and [s["doc"] for s in fact["sources"]] == ["old.txt"]
    assert query.pairs(reopened) == [{"pair": "KH-KR", "facts": 1, "events": 0, "documents": 1}]
    assert [d["doc"] for d in query.search(reopened, "customs")["documents"]] == ["old.txt"]
    assert reopened.check() == []
    reopened.close()


def test_bad_database_urls_are_named(tmp_path):
    with pytest.raises(StoreError, match="mysql"):
        open_store("mysql://somewhere/db")
    with pytest.raises(StoreError, match="cannot open"):
        open_store(str(tmp_path / "no-such-folder" / "x.db"))
    with pytest.raises(StoreError, match="cannot open"):
        open_store("postgresql://nobody:wrong@127.0.0.1:1/none")


def test_lists_show_the_first_sources_and_the_fact_page_all(store):
    for i in range(12):
        _add(store, _doc(f"copy{i}.txt", f"{ROUNDED} Report number {i}.", published=f"2024-01-{i + 10:02d}"))
    reconcile(store)
    listed = query.facts_of(store, indicator="trade.total")[0]
    assert listed["n_documents"] == 12 and len(listed["sources"]) == query.MAX_SOURCES
    # Newest first: the list starts with the last published report.
    assert listed["sources"][0]["published"] == "2024-01-21"
    assert len(query.fact(store, listed["id"])["sources"]) == 12


def test_pairs_are_counted_at_reconcile_time(store):
    url = "https://news.example/pairs"
    _add(store, _doc("a", CUSTOMS, url=url))
    _add(store, _doc("b", ROUNDED))
    reconcile(store)
    [kh_kr] = [p for p in query.pairs(store) if p["pair"] == "KH-KR"]
    assert kh_kr["documents"] == 2 and kh_kr["facts"] >= 1 and kh_kr["events"] == 1
    # A new version without the visit: the pair's counts follow the reconciled view.
    _add(store, _doc("a", "Trade between Cambodia and South Korea reached $890 million in 2023.", url=url))
    reconcile(store)
    [kh_kr] = [p for p in query.pairs(store) if p["pair"] == "KH-KR"]
    assert kh_kr["documents"] == 2 and kh_kr["events"] == 0


def test_a_store_reconciled_by_other_rules_is_rebuilt_once_when_opened(db_url):
    from bilateral.reconcile import RULES_VERSION
    from bilateral.store.schema import conflicts

    store = open_store(db_url)
    store.add_documents([(_doc("a.txt", CUSTOMS), extract(CUSTOMS)), (_doc("b.txt", TYPO), extract(TYPO))])
    reconcile(store)
    assert store.info("reconcile_rules") == RULES_VERSION
    made = query.conflicts_of(store)
    assert made
    # As an older bilateral would have left it: other conflicts, another rules version.
    with store.begin() as conn:
        conn.execute(sa.delete(conflicts))
    store.set_info("reconcile_rules", "0")
    store.close()
    reopened = open_store(db_url)
    assert reopened.info("reconcile_rules") == RULES_VERSION
    assert query.conflicts_of(reopened) == made and reopened.counts()["dirty_groups"] == 0
    reopened.close()


def test_several_series_at_once_and_lists_with_fewer_reports(store):
    for i in range(4):
        _add(store, _doc(f"n{i}.txt", f"{CUSTOMS} {ROUNDED} {ASSOCIATION} Note {i}.", published=f"2024-02-{i + 10:02d}"))
    reconcile(store)
    indicators = sorted({f["indicator"] for f in query.facts_of(store, limit=0, sources=False)}) + ["aid.oda"]
    together = query.series_of(store, indicators, pair="KH-KR", sources=2)
    assert set(together) == set(indicators) and together["aid.oda"] == []
    assert any(together.values())
    for indicator in indicators:
        assert together[indicator] == query.series(store, indicator, pair="KH-KR", sources=2)
    # Fewer reports a row: the first ones of the full list, in the same order.
    full, short = query.timeline(store, pair="KH-KR"), query.timeline(store, pair="KH-KR", reports=1)
    assert [e["id"] for e in short] == [e["id"] for e in full] and any(e["n_reports"] > 1 for e in full)
    assert all(s["reports"] == f["reports"][:1] for s, f in zip(short, full, strict=True))
    full, short = query.key_figures(store, "KH-KR"), query.key_figures(store, "KH-KR", sources=1)
    assert full and all(s["sources"] == f["sources"][:1] for s, f in zip(short, full, strict=True))
    assert any(len(f["sources"]) > 1 for f in full)


def test_what_the_server_keeps_is_dropped_when_a_reconcile_changes_the_view(store):
    from bilateral.serve.cache import StoreCache
    from bilateral.store.schema import conflicts

    store.add_documents([(_doc("a.txt", CUSTOMS), extract(CUSTOMS)), (_doc("b.txt", TYPO), extract(TYPO))])
    reconcile(store)
    made = len(query.conflicts_of(store))
    assert made
    # As rules that found no conflicts would have left it; then the whole view rebuilt, no document added.
    with store.begin() as conn:
        conn.execute(sa.delete(conflicts))
    cache = StoreCache(store)
    assert cache.get("conflicts", lambda: len(query.conflicts_of(store))) == 0
    reconcile(store, everything=True)
    assert cache.get("conflicts", lambda: len(query.conflicts_of(store))) == made


def test_a_page_of_a_pairs_conflicts_is_the_same_slice_of_all_of_them(store):
    for year in range(2012, 2020):  # two sources that disagree on each year's trade
        for n, value in enumerate((700 + 10 * year % 97, 1500 + 10 * year % 89)):
            text = f"Trade between Cambodia and South Korea reached ${value} million in {year}."
            _add(store, _doc(f"c{year}-{n}.txt", text, published=f"2024-03-{n + 10:02d}"))
    reconcile(store)
    everything = query.conflicts_of(store, pair="KR,KH", limit=0)
    assert len(everything) > 4
    for limit, offset in ((1, 0), (3, 0), (3, 2), (100, 1)):
        assert query.conflicts_of(store, pair="KH-KR", limit=limit, offset=offset) == everything[offset:offset + limit]


def test_queries_build_their_answers_without_collector_pauses(store):
    # With a threshold of one allocation, the collector would run all through
    # building an answer; a query must not let it (see query.without_collection),
    # and must leave it as it found it.
    import gc

    store.add_documents([(_doc("a.txt", CUSTOMS), extract(CUSTOMS)), (_doc("b.txt", ROUNDED), extract(ROUNDED))])
    reconcile(store)
    runs: list[int] = []

    def count(phase: str, info: dict) -> None:
        if phase == "start":
            runs.append(info["generation"])

    before = gc.get_threshold()
    gc.set_threshold(1, 1, 1)
    gc.callbacks.append(count)
    try:
        answers = [query.series(store, "trade.total", pair="KH-KR"), query.facts_of(store),
                   query.timeline(store), query.conflicts_of(store), query.document(store, "a.txt")]
        during = len(runs)
    finally:
        gc.callbacks.remove(count)
        gc.set_threshold(*before)
    assert answers[0] and answers[1] and during == 0
    assert gc.isenabled()


def test_statistics_refresh_on_both_backends(store):
    """After a bulk write the planner learns how common each word is (PostgreSQL: pg_stats of the
    tsvector columns, which decide between walking the newest rows and the word index)."""
    _add(store, _doc("a.txt", CUSTOMS))
    reconcile(store)

    def word_statistics() -> list[str]:
        with store.connect() as conn:
            return sorted(conn.execute(sa.text(
                "SELECT tablename FROM pg_stats WHERE attname = 'search_words'")).scalars())

    if store.dialect == "postgresql":
        assert word_statistics() == []  # one document is far below autovacuum's threshold
    store.refresh_statistics()
    if store.dialect == "postgresql":
        assert word_statistics() == ["documents", "records"]
        with store.connect() as conn:  # and the reconciled view's tables, for the plans of facts and series
            assert conn.execute(sa.text("SELECT count(*) FROM pg_stats WHERE tablename = 'facts'")).scalar() > 0
    assert [d["doc"] for d in query.search(store, "customs")["documents"]] == ["a.txt"]
