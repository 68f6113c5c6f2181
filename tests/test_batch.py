"""bilateral batch: a real Dask LocalCluster (2 worker processes) end to end, resuming, bad input."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

pytest.importorskip("dask.distributed")
pytest.importorskip("pyarrow")
pytest.importorskip("warcio")

import bilateral  # noqa: E402
from benchmarks import generate  # noqa: E402
from bilateral.batch import iter_documents, iter_records, make_plan, run_batch  # noqa: E402
from bilateral.batch.layout import Layout  # noqa: E402
from bilateral.batch.table import record_row, row_to_record  # noqa: E402
from bilateral.cli import main  # noqa: E402
from bilateral.errors import UsageError  # noqa: E402
from bilateral.read.jsonl import iter_jsonl, line_ranges  # noqa: E402
from tests.helpers import EXAMPLES  # noqa: E402

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def cluster():
    """One LocalCluster of 2 worker processes for the module: starting one costs seconds."""
    from dask.distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                      scheduler_kwargs={"dashboard_address": ":0"}) as c:
        yield c.scheduler_address


def _key(record: dict) -> str:
    return json.dumps(record, sort_keys=True)


def _write_jsonl(path: Path, articles) -> list[dict]:
    rows = [a.to_json() for a in articles]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return rows


def _extract_cli(*args: str) -> list[dict]:
    result = CliRunner().invoke(main, ["extract", *args, "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def test_batch_output_equals_extract_output(tmp_path, cluster):
    articles = list(generate.iter_articles(60, seed=21))
    # A folder of .txt files with sidecars (like examples/en), given by a glob and as a folder.
    folder = tmp_path / "txt"
    generate.write_corpus(25, 22, "txt", str(folder))
    shutil.copytree(EXAMPLES / "en", tmp_path / "examples")
    # JSON Lines of articles.
    _write_jsonl(tmp_path / "articles.jsonl", articles[:40])
    # A WARC of HTML pages, and the same pages as .html files for `bilateral extract`.
    generate.write_warc(str(tmp_path / "crawl.warc.gz"), articles[40:])
    html_dir = tmp_path / "html"
    html_dir.mkdir()
    for a in articles[40:]:
        (html_dir / f"{a.id}.html").write_bytes(generate.html_page(a))
    url_of = {f"{a.id}.html": a.url for a in articles}

    inputs = [str(folder / "*.txt"), str(tmp_path / "examples"), str(tmp_path / "articles.jsonl"),
              str(tmp_path / "crawl.warc.gz")]
    out = tmp_path / "out"
    report = run_batch(inputs, str(out), scheduler=cluster, unit_bytes=20_000)
    assert report.skipped == []
    assert report.units > 4 and report.units_run == report.units and report.workers == 2
    got = list(iter_records(str(out)))

    want = _extract_cli(*sorted(str(p) for p in folder.glob("*.txt")))
    want += _extract_cli(str(tmp_path / "examples"))
    want += [r.to_dict() for a in articles[:40]
             for r in bilateral.extract(a.text, published=a.published, doc_id=a.id)]
    from_html = _extract_cli(str(html_dir))
    for r in from_html:   # the same page, read from the archive: its id is its URL
        r["doc"] = url_of[r["doc"]]
    want += from_html
    samples = sum(1 for _ in bilateral.iter_documents([str(tmp_path / "examples")]))
    assert len(got) == report.records and report.documents == 25 + samples + 40 + 20
    assert sorted(map(_key, got)) == sorted(map(_key, want))

    # Documents: the text the offsets index, and the metadata the readers found.
    docs = {d["id"]: d for d in iter_documents(str(out))}
    assert len(docs) == report.documents
    page = bilateral.read(str(html_dir / (articles[45].id + ".html")))
    archived = docs[articles[45].url]
    assert archived["text"] == page.text and archived["published"] == articles[45].published
    assert docs[articles[3].id]["text"] == articles[3].text
    sample = bilateral.read(str(EXAMPLES / "en" / "kh_kr_303_trade_2023_business.txt"))
    assert docs["kh_kr_303_trade_2023_business.txt"]["published"] == sample.published
    # Partitioned by year: every document sits under its publication year.
    import pyarrow.parquet as pq

    for table, column in (("documents", "id"), ("records", "doc")):
        for path in (out / table).glob("year=*/*.parquet"):
            year = path.parent.name.removeprefix("year=")
            ids = pq.read_table(path, columns=[column]).column(column).to_pylist()
            assert all((docs[i]["published"] or "unknown")[:4] == year[:4] for i in ids)

    # A second run finds everything done and does nothing.
    again = run_batch(inputs, str(out), scheduler=cluster, unit_bytes=20_000)
    assert again.units_run == 0 and again.records == report.records


def test_cli_reports_bad_input_and_keeps_the_rest(tmp_path, cluster):
    good = list(generate.iter_articles(12, seed=5))
    lines = [json.dumps(a.to_json()) for a in good[:6]]
    lines += ["{not json", json.dumps({"id": "no-text", "title": "x"}), json.dumps({"id": "blank", "text": "  "}),
              json.dumps([1, 2]), json.dumps({"id": 3.5, "text": "x"})]
    lines += [json.dumps(a.to_json()) for a in good[6:]]
    (tmp_path / "mixed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "files").mkdir()
    (tmp_path / "files" / "empty.txt").write_bytes(b"")
    (tmp_path / "files" / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "files" / "fine.txt").write_text(good[0].text, encoding="utf-8")
    (tmp_path / "broken.warc.gz").write_bytes(b"\x1f\x8b\x08\x00garbage that is not a gzip member" * 10)
    out = tmp_path / "out"
    args = ["batch", str(tmp_path / "mixed.jsonl"), str(tmp_path / "files"), str(tmp_path / "broken.warc.gz"),
            str(tmp_path / "nowhere.txt"), str(tmp_path / "*.nomatch"), "--out", str(out), "--scheduler", cluster,
            "--unit-mb", "0.01", "--no-progress"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output
    err = result.stderr
    for name, problem in [("mixed.jsonl:7", "not valid JSON"), ("mixed.jsonl:8", "no \"text\""),
                          ("mixed.jsonl:9", "empty"), ("mixed.jsonl:10", "JSON object"), ("mixed.jsonl:11", "\"id\""),
                          ("empty.txt", "empty"), ("binary.txt", "binary"), ("broken.warc.gz", "WARC"),
                          ("nowhere.txt", "no such file"), ("*.nomatch", "no file matches")]:
        assert any(name in line and problem in line for line in err.splitlines() if "skipped" in line), (name, err)
    assert "10 input(s) skipped" in err
    # Everything readable is there.
    ids = {d["id"] for d in iter_documents(str(out), columns=["id"])}
    assert ids == {a.id for a in good} | {"fine.txt"}


def test_a_killed_run_resumes_and_never_shows_half_a_unit(tmp_path, cluster):
    corpus = tmp_path / "corpus.jsonl"
    _write_jsonl(corpus, generate.iter_articles(200, seed=8))
    out = tmp_path / "out"
    unit_mb = "0.01"
    # The command's own LocalCluster (the default scheduler), in a process of its own to kill.
    command = [sys.executable, "-m", "bilateral.cli", "batch", str(corpus), "--out", str(out), "--workers", "1",
               "--unit-mb", unit_mb, "--no-progress"]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    process = subprocess.Popen(command, cwd=REPO, env=env, start_new_session=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    layout = Layout(str(out))
    deadline = time.monotonic() + 120
    try:
        while len(list(layout.reports())) < 3:
            assert process.poll() is None, process.stderr.read().decode()
            assert time.monotonic() < deadline, "the batch did not get going"
            time.sleep(0.05)
    finally:
        # The CLI, its LocalCluster's nanny and worker processes: the whole session we started.
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    done = {r["unit"] for r in layout.reports()}
    total = len(make_plan([str(corpus)], unit_bytes=int(float(unit_mb) * 1024 * 1024)).units)
    assert 3 <= len(done) < total
    # What a reader of the tables sees: only whole units' files, none of a unit still being written.
    sealed = {u for u in os.listdir(layout.work_dir) if (Path(layout.work(u)) / "COMMIT").exists()} \
        if os.path.isdir(layout.work_dir) else set()
    for path in out.glob("*/year=*/*.parquet"):
        unit = path.stem.removeprefix("part-")
        assert unit in done or unit in sealed, path

    result = CliRunner().invoke(main, ["batch", str(corpus), "--out", str(out), "--scheduler", cluster,
                                       "--unit-mb", unit_mb, "--no-progress"])
    assert result.exit_code == 0, result.output
    assert f"{total - len(done)} run now" in result.stderr or f"{total - len(done) - len(sealed)} run now" in result.stderr
    resumed = sorted(map(_key, iter_records(str(out))))
    fresh = run_batch([str(corpus)], str(tmp_path / "fresh"), scheduler=cluster,
                      unit_bytes=int(float(unit_mb) * 1024 * 1024))
    assert fresh.units == total
    assert resumed == sorted(map(_key, iter_records(str(tmp_path / "fresh"))))
    assert len({d["id"] for d in iter_documents(str(out), columns=["id"])}) == 200
    assert not os.listdir(layout.work_dir)


def test_rerun_does_only_the_missing_unit(tmp_path, cluster):
    corpus = tmp_path / "corpus.jsonl"
    _write_jsonl(corpus, generate.iter_articles(80, seed=3))
    out = tmp_path / "out"
    first = run_batch([str(corpus)], str(out), scheduler=cluster, unit_bytes=15_000)
    before = sorted(map(_key, iter_records(str(out))))
    layout = Layout(str(out))
    lost = layout.report("u000002")
    os.remove(layout.done_path("u000002"))
    for f in lost["files"]:
        os.remove(out / f)
    # And a unit killed half-way: sealed (COMMIT written), one file renamed, the others not.
    sealed = layout.report("u000001")
    os.remove(layout.done_path("u000001"))
    os.makedirs(layout.work("u000001"))
    for f in sealed["files"][1:]:
        os.makedirs(Path(layout.work("u000001"), f).parent, exist_ok=True)
        os.replace(out / f, Path(layout.work("u000001"), f))
    (Path(layout.work("u000001")) / "COMMIT").write_text(json.dumps(sealed), encoding="utf-8")
    # And an unsealed attempt, which must vanish.
    Path(layout.work("u000003"), "records", "year=2020").mkdir(parents=True)
    Path(layout.work("u000003"), "records", "year=2020", "part-u000003.parquet").write_bytes(b"half")

    again = run_batch([str(corpus)], str(out), scheduler=cluster, unit_bytes=15_000)
    assert again.units_run == 1 and first.units == again.units
    assert sorted(map(_key, iter_records(str(out)))) == before
    assert not os.listdir(layout.work_dir)


def test_an_output_folder_belongs_to_one_batch(tmp_path, cluster):
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    _write_jsonl(a, generate.iter_articles(3, seed=1))
    _write_jsonl(b, generate.iter_articles(3, seed=2))
    run_batch([str(a)], str(tmp_path / "out"), scheduler=cluster)
    with pytest.raises(UsageError, match="another batch"):
        run_batch([str(b)], str(tmp_path / "out"), scheduler=cluster)
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(UsageError, match="not empty"):
        run_batch([str(a)], str(tmp_path / "busy"), scheduler=cluster)
    with pytest.raises(UsageError, match="workers"):
        run_batch([str(a)], str(tmp_path / "other"), scheduler=cluster, workers=2)
    # A second run into a folder that a running batch holds is refused, not interleaved.
    import fcntl

    with open(tmp_path / "out" / "_batch" / "lock", "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        with pytest.raises(UsageError, match="right now"):
            run_batch([str(a)], str(tmp_path / "out"), scheduler=cluster)


# --- Without a cluster -------------------------------------------------------------------------


def test_jsonl_ranges_cover_every_line_once(tmp_path):
    path = tmp_path / "a.jsonl"
    rows = _write_jsonl(path, generate.iter_articles(50, seed=4))
    ranges = line_ranges(str(path), 7_000)
    assert len(ranges) > 3 and ranges[0][0] == 0 and ranges[-1][1] == path.stat().st_size
    assert all(ranges[i][1] == ranges[i + 1][0] for i in range(len(ranges) - 1))
    docs = [d for start, end, first in ranges
            for d in iter_jsonl(str(path), start=start, end=end, first_line=first, max_bytes=10**7)]
    assert [d.id for d in docs] == [r["id"] for r in rows]
    assert docs[7].published == rows[7]["published"] and docs[7].url == rows[7]["url"]


def test_jsonl_reader_limits_and_names_lines(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"text": "x" * 500}) + "\n" + json.dumps({"id": "b", "text": "fine\r\ntext"}) + "\n"
                    + json.dumps({"id": "c", "text": "t", "published": "last week"}) + "\n", encoding="utf-8")
    items = list(iter_jsonl(str(path), max_bytes=100))
    assert "a.jsonl:1" in str(items[0]) and "over the limit" in str(items[0])
    assert items[1].id == "b" and items[1].text == "fine\ntext"
    assert "a.jsonl:3" in str(items[2]) and "published" in str(items[2])


def test_records_survive_the_parquet_round_trip():
    from bilateral.batch.table import records_table

    text = (EXAMPLES / "en" / "kh_kr_303_trade_2023_business.txt").read_text(encoding="utf-8")
    records = [r.to_dict() for r in bilateral.extract(text, published="2023-09-12", doc_id="d")]
    records.append({**records[0], "confidence": 0.5})   # a field the spec does not list is kept
    table = records_table([record_row(r, i) for i, r in enumerate(records)])
    assert [row_to_record(row) for row in table.to_pylist()] == records


def test_warc_plan_splits_at_records(tmp_path):
    urls = generate.write_warc(str(tmp_path / "c.warc.gz"), generate.iter_articles(30, seed=6))
    plan = make_plan([str(tmp_path / "c.warc.gz")], unit_bytes=6_000)
    assert len(plan.units) > 2
    from bilateral.batch.unit import read_unit

    ids = [d.id for u in plan.units for d in read_unit(u, 10**7)]
    assert ids == urls


# --- Loading into a store ----------------------------------------------------------------------


def _reconciled(store) -> dict:
    import sqlalchemy as sa

    from bilateral.store import schema

    with store.connect() as conn:
        facts = sorted(conn.execute(sa.select(
            schema.facts.c.id, schema.facts.c.value, schema.facts.c.n_reports, schema.facts.c.n_documents,
            schema.facts.c.conflict, schema.facts.c.rule)).all())
        events = sorted(conn.execute(sa.select(
            schema.events.c.id, schema.events.c.date, schema.events.c.n_reports, schema.events.c.date_conflict)).all())
        conflicts = sorted(conn.execute(sa.select(schema.conflicts.c.id, schema.conflicts.c.kind)).all())
    return {"facts": facts, "events": events, "conflicts": conflicts}


def test_load_gives_the_store_that_ingest_gives(tmp_path, cluster, db_url):
    from bilateral.batch import load_batch
    from bilateral.ingest import ingest
    from bilateral.store import open_store

    folder = tmp_path / "corpus"
    generate.write_corpus(120, 31, "txt", str(folder), per_folder=50)
    out = tmp_path / "out"
    batch = run_batch([str(folder)], str(out), scheduler=cluster, unit_bytes=40_000)
    result = CliRunner().invoke(main, ["load", str(out), "--db", db_url, "--chunk", "25", "--no-progress"])
    assert result.exit_code == 0, result.output
    assert "120 added" in result.stderr and f"{batch.records:,} records" in result.stderr
    with open_store(db_url) as loaded:
        assert loaded.check() == []
        assert loaded.counts()["documents"] == 120 and loaded.counts()["records"] == batch.records
        got = _reconciled(loaded)
    ingested = tmp_path / "ingested.db"
    ingest([str(folder)], str(ingested), workers=1)
    with open_store(str(ingested)) as reference:
        want = _reconciled(reference)
    assert got["facts"] and got == want

    again = load_batch(str(out), db_url)
    assert again.unchanged == 120 and again.added == 0 and again.records == 0


def test_load_needs_batch_output(tmp_path):
    result = CliRunner().invoke(main, ["load", str(tmp_path), "--db", str(tmp_path / "s.db")])
    assert result.exit_code != 0 and "no output of bilateral batch" in result.output
