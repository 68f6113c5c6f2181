"""JSON Lines of articles and WARC archives, read article by article by `extract`, `iter_documents` and `ingest`."""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

import bilateral
from benchmarks import generate
from bilateral.cli import main
from bilateral.errors import UsageError
from bilateral.ingest import ingest
from bilateral.read import ReadTask, plan
from bilateral.store import open_store
from bilateral.store.schema import documents, records

pytest.importorskip("warcio")
# The package, not the function ``bilateral.read`` that shadows it as an attribute.
read_module = importlib.import_module("bilateral.read")


def _articles(n: int, seed: int) -> list:
    return list(generate.iter_articles(n, seed=seed))


def _jsonl(path: Path, articles: list, broken_after: int | None = None) -> Path:
    lines = [json.dumps(a.to_json()) for a in articles]
    if broken_after is not None:
        lines.insert(broken_after, "{this line is not JSON")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _want(articles: list) -> list[dict]:
    return [r.to_dict() for a in articles for r in bilateral.extract(a.text, published=a.published, doc_id=a.id)]


def _key(record: dict) -> str:
    return json.dumps(record, sort_keys=True)


def test_extract_reads_a_jsonl_file_article_by_article_and_names_a_broken_line(tmp_path):
    articles = _articles(8, seed=31)
    path = _jsonl(tmp_path / "wire.jsonl", articles, broken_after=3)
    result = CliRunner().invoke(main, ["extract", str(path), "--format", "jsonl"])
    assert result.exit_code == 1, result.output  # something was skipped
    got = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert got and sorted(map(_key, got)) == sorted(map(_key, _want(articles)))
    assert {r["doc"] for r in got} <= {a.id for a in articles}
    # The broken line is the 4th: named by file and line, the rest read.
    assert any("wire.jsonl:4" in line and "JSON" in line for line in result.stderr.splitlines()), result.stderr


def test_extract_reads_a_warc_archive_as_the_pages_it_holds(tmp_path):
    articles = _articles(5, seed=32)
    generate.write_warc(str(tmp_path / "crawl.warc.gz"), articles)
    got = CliRunner().invoke(main, ["extract", str(tmp_path / "crawl.warc.gz"), "--format", "jsonl"])
    assert got.exit_code == 0, got.output
    from_archive = [json.loads(line) for line in got.stdout.splitlines() if line.strip()]
    # The same pages as files: their records, with the page's URL as the document id.
    pages = tmp_path / "pages"
    pages.mkdir()
    for a in articles:
        (pages / f"{a.id}.html").write_bytes(generate.html_page(a))
    want = []
    for a in articles:
        doc = bilateral.read(str(pages / f"{a.id}.html"))
        want += [{**r.to_dict(), "doc": a.url} for r in bilateral.extract(doc.text, published=doc.published)]
    assert from_archive and sorted(map(_key, from_archive)) == sorted(map(_key, want))


def test_a_folder_walk_takes_containers_and_a_big_one_is_cut_into_tasks(tmp_path, monkeypatch):
    articles = _articles(40, seed=33)
    folder = tmp_path / "pile"
    folder.mkdir()
    _jsonl(folder / "a.jsonl", articles[:30])
    (folder / "note.txt").write_text(articles[30].text, encoding="utf-8")
    (folder / "skip.csv").write_text("a,b\n", encoding="utf-8")
    monkeypatch.setattr(read_module, "CONTAINER_TASK_BYTES", 4000)
    tasks = list(plan([folder]))
    ranges = [t for t in tasks if t.kind == "jsonl"]
    assert len(ranges) > 3 and [t.kind for t in tasks].count("file") == 1
    # The ranges cover the file once, end to end, at line starts.
    size = (folder / "a.jsonl").stat().st_size
    assert ranges[0].start == 0 and ranges[-1].end == size
    assert all(a.end == b.start for a, b in zip(ranges, ranges[1:], strict=False))
    ids = [d.id for d in bilateral.iter_documents([folder])]
    assert ids == [a.id for a in articles[:30]] + ["note.txt"]
    with pytest.raises(UsageError, match="many documents"):
        ReadTask("jsonl", str(folder / "a.jsonl"), "a.jsonl").run()


def test_ingest_spreads_a_jsonl_file_over_the_workers_and_a_rerun_changes_nothing(tmp_path, monkeypatch, db_url):
    articles = _articles(60, seed=34)
    path = _jsonl(tmp_path / "archive.jsonl", articles, broken_after=10)
    generate.write_warc(str(tmp_path / "crawl.warc.gz"), _articles(4, seed=35))
    monkeypatch.setattr(read_module, "CONTAINER_TASK_BYTES", 10_000)
    skipped = []
    report = ingest([path, tmp_path / "crawl.warc.gz"], db_url, workers=2, on_skip=skipped.append)
    assert report.added == 64 and len(skipped) == 1 and "archive.jsonl:11" in str(skipped[0])
    store = open_store(db_url)
    with store.connect() as conn:
        stored = conn.execute(sa.select(documents.c.doc, documents.c.text)).all()
        n_records = conn.execute(sa.select(sa.func.count()).select_from(records)).scalar_one()
    texts = dict(stored)
    assert texts[articles[7].id] == articles[7].text
    assert n_records == report.records == len(_want(articles)) + sum(
        len(bilateral.extract(d.text, published=d.published)) for d in bilateral.iter_documents([tmp_path / "crawl.warc.gz"]))
    again = ingest([path, tmp_path / "crawl.warc.gz"], db_url, workers=2)
    assert (again.added, again.unchanged) == (0, 64)
    store.close()
