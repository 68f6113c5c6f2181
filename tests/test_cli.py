"""The command line, run as a user would run it (a real subprocess)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.helpers import EXAMPLES

BIN = [sys.executable, "-m", "bilateral.cli"]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*BIN, *args], capture_output=True, text=True, timeout=120)


def test_extract_jsonl_on_a_file(tmp_path: Path):
    doc = tmp_path / "note.txt"
    doc.write_text("Korea and Cambodia restored diplomatic ties in 1997. Bilateral trade "
                   "reached $1 billion in 2019.\n", encoding="utf-8")
    out = run("extract", str(doc), "--format", "jsonl")
    assert out.returncode == 0, out.stderr
    records = [json.loads(line) for line in out.stdout.splitlines()]
    assert {r["doc"] for r in records} == {"note.txt"}
    assert {(r["type"], r.get("indicator") or r.get("event")) for r in records} == {
        ("event", "relations.restored"), ("claim", "trade.total")}


def test_broken_file_is_reported_and_skipped(tmp_path: Path):
    (tmp_path / "good.txt").write_text("Japan's aid to Laos reached $90 million in 2021.", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    out = run("extract", str(tmp_path))
    assert out.returncode == 1
    assert "empty.txt" in out.stderr and "image.txt" in out.stderr
    assert [json.loads(line)["doc"] for line in out.stdout.splitlines()] == ["good.txt"]


def test_pair_filter_and_table(tmp_path: Path):
    doc = tmp_path / "two.txt"
    doc.write_text("Korea's aid to Cambodia reached $50 million in 2020. "
                   "Japan's aid to Cambodia reached $120 million in 2020.", encoding="utf-8")
    out = run("extract", str(doc), "--pair", "KR,KH")
    assert [(r["from"], r["to"]) for r in map(json.loads, out.stdout.splitlines())] == [("KR", "KH")]
    table = run("extract", str(doc), "--format", "table")
    assert table.returncode == 0 and "aid.oda" in table.stdout and "120" in table.stdout


def test_bad_pair_is_a_usage_error(tmp_path: Path):
    out = run("extract", str(EXAMPLES / "en"), "--pair", "KH")
    assert out.returncode == 2
    assert "--pair" in out.stderr


def test_missing_path_is_reported(tmp_path: Path):
    out = run("extract", str(tmp_path / "nope.txt"))
    assert out.returncode == 1
    assert "nope.txt" in out.stderr


def test_public_api_reads_and_extracts(tmp_path: Path):
    import bilateral

    doc_path = tmp_path / "wire.txt"
    doc_path.write_text("Korean investment in Cambodia reached $300 million last year.", encoding="utf-8")
    (tmp_path / "wire.txt.meta.json").write_text('{"published": "2024-03-01"}', encoding="utf-8")
    doc = bilateral.read(doc_path)
    [claim] = bilateral.extract_document(doc)
    assert (claim.indicator, claim.period.start, claim.from_, claim.to) == ("investment.fdi", "2023", "KR", "KH")
