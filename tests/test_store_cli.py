"""The store's CLI commands over the Python API, and the exports."""

from __future__ import annotations

import csv
import json

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from bilateral.cli import main
from bilateral.ingest import ingest
from bilateral.model import record_from_dict
from tests.texts import AID, ASSOCIATION, CUSTOMS, ROUNDED, TYPO, write_docs


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("store")
    docs = write_docs(folder / "docs", {"customs.txt": CUSTOMS, "rounded.txt": ROUNDED, "assoc.txt": ASSOCIATION,
                                        "typo.txt": TYPO, "aid.txt": AID})
    path = folder / "s.db"
    ingest([docs], path, workers=1)
    return str(path)


def run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_facts_as_table_jsonl_and_csv(db):
    table = run("facts", "--db", db, "--pair", "KH,KR")
    assert "trade.total" in table and "$890 million" in table and "customs.txt" in table
    rows = [json.loads(line) for line in run("facts", "--db", db, "--format", "jsonl").splitlines()]
    trade = next(r for r in rows if r["indicator"] == "trade.total")
    assert trade["value"] == 890_000_000 and trade["sources"][0]["evidence"]["text"].startswith("Trade between")
    parsed = list(csv.DictReader(run("facts", "--db", db, "--format", "csv").splitlines()))
    assert {"indicator", "value", "period"} <= set(parsed[0]) and len(parsed) == len(rows)


def test_filters_since_until_and_pair(db):
    assert run("facts", "--db", db, "--since", "2024", "--format", "jsonl").count("trade.total") == 0
    assert json.loads(run("facts", "--db", db, "--until", "2023", "--format", "jsonl").splitlines()[0])["indicator"] \
        == "trade.total"
    assert run("facts", "--db", db, "--pair", "VN,JP", "--format", "jsonl") == ""
    bad = CliRunner().invoke(main, ["facts", "--db", db, "--pair", "XX,YY"])
    assert bad.exit_code != 0 and "XX" in bad.output


def test_series_timeline_conflicts_search_show(db):
    assert "$890 million" in run("series", "trade.total", "--db", db, "--pair", "KH,KR")
    timeline = [json.loads(x) for x in run("timeline", "--db", db, "--format", "jsonl").splitlines()]
    assert timeline[0]["event"] == "visit" and timeline[0]["n_reports"] == 2
    conflicts = run("conflicts", "--db", db)
    assert "pledged_vs_actual" in conflicts and "magnitude" in conflicts
    assert "assoc.txt" in run("search", "Trade Association", "--db", db)
    shown = run("show", "assoc.txt", "--db", db)
    assert "trade.total" in shown and "visit" in shown
    missing = CliRunner().invoke(main, ["show", "nope.txt", "--db", db])
    assert missing.exit_code != 0 and "nope.txt" in missing.output


def test_export_jsonl_is_spec_records_with_their_ids(db, tmp_path):
    out = tmp_path / "records.jsonl"
    run("export", "--db", db, "--format", "jsonl", "-o", str(out))
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    docs = {"customs.txt": CUSTOMS, "rounded.txt": ROUNDED, "assoc.txt": ASSOCIATION, "typo.txt": TYPO, "aid.txt": AID}
    for row in rows:
        record_from_dict(row)
        ev = row["evidence"]
        assert docs[row["doc"]][ev["start"]:ev["end"]] == ev["text"]
        assert row.get("fact_id") or row.get("event_id")


def test_export_csv_parquet_and_datapackage(db, tmp_path):
    run("export", "--db", db, "--format", "csv", "-o", str(tmp_path / "records.csv"))
    flat = list(csv.DictReader((tmp_path / "records.csv").open()))
    assert flat and {"indicator", "evidence_text", "fact_id"} <= set(flat[0])
    run("export", "--db", db, "--format", "parquet", "-o", str(tmp_path / "pq"))
    facts = pq.read_table(tmp_path / "pq" / "facts.parquet").to_pylist()
    assert any(f["value"] == 890_000_000 and f["indicator"] == "trade.total" for f in facts)
    run("export", "--db", db, "--format", "datapackage", "-o", str(tmp_path / "dp"))
    package = json.loads((tmp_path / "dp" / "datapackage.json").read_text())
    assert package["profile"] == "tabular-data-package"
    for resource in package["resources"]:
        with (tmp_path / "dp" / resource["path"]).open() as f:
            reader = csv.reader(f)
            header = next(reader)
            body = list(reader)
        assert header == [field["name"] for field in resource["schema"]["fields"]]
        keys = [tuple(r[header.index(k)] for k in resource["schema"]["primaryKey"]) for r in body]
        assert len(keys) == len(set(keys)), resource["name"]


def test_check_passes_on_a_good_store(db):
    assert "documents" in run("check", "--db", db)
