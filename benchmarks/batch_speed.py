"""Batch speed: documents/s of ``bilateral batch`` on Dask with 1 and 2 workers, and what 10M/hour needs.

    .venv/bin/python benchmarks/batch_speed.py [--docs 200000] [--workers 1,2] [--unit-mb 8] [--html-docs 2000]

Steps, all in this process's run:
1. a corpus of ``--docs`` generated articles (``generate.py``) as JSON Lines,
   kept in ``--work`` so that a rerun does not make it again;
2. the baseline: one unit done in this process, without Dask (``run_unit``,
   exactly what a worker does: read, extract, write Parquet), which gives the
   CPU cost of a document; the same for ``--html-docs`` pages from a WARC
   archive (HTML main-text extraction costs far more than the extraction);
3. ``run_batch`` on a fresh LocalCluster of each ``--workers`` size: wall-clock
   documents/s from the call to its return (cluster start included), the
   workers' CPU seconds, and the machine's load average before and after;
4. scaling efficiency (rate with n workers / (n x rate with 1)) and the
   cluster that would do 10M articles in an hour, from the measured cost per
   document and the measured efficiency.

Other sessions share the machine, so every run prints the share of its cores
it got, the cores other processes used meanwhile ("others", from /proc/stat)
and the load averages: wall-clock rates are only comparable when those are.
Linux's autogroup scheduling shares the CPU between sessions, not processes:
one busy process in another session leaves this whole run one core, however
many workers it has.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate  # noqa: E402

from bilateral.batch import make_plan, run_batch  # noqa: E402
from bilateral.batch.unit import Settings, run_unit  # noqa: E402
from bilateral.read import DEFAULT_MAX_BYTES  # noqa: E402

TARGET_EFFICIENCY = 0.8
ARCHIVE_DOCS, ARCHIVE_SECONDS = 10_000_000, 3600


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"{one:.1f}/{five:.1f}"


def busy_seconds() -> float:
    """CPU seconds the whole machine has been busy (all processes, all cores), from /proc/stat."""
    try:
        with open("/proc/stat") as handle:
            ticks = [int(x) for x in handle.readline().split()[1:]]
    except OSError:
        return float("nan")
    return (sum(ticks) - ticks[3] - ticks[4]) / os.sysconf("SC_CLK_TCK")   # all but idle and iowait


def corpus(work: Path, docs: int, seed: int) -> Path:
    path = work / f"corpus-{seed}-{docs}.jsonl"
    if not path.exists():
        t0 = time.perf_counter()
        partial = path.with_suffix(".partial")
        generate.write_corpus(docs, seed, "jsonl", str(partial))
        partial.rename(path)
        print(f"generated {docs:,} articles in {time.perf_counter() - t0:.0f} s -> {path}")
    return path


def baseline(path: Path, unit_bytes: int, work: Path) -> dict:
    """One unit in this process: CPU seconds per document of exactly what a worker does."""
    unit = make_plan([str(path)], unit_bytes=unit_bytes).units[0]
    out = work / "baseline"
    shutil.rmtree(out, ignore_errors=True)
    run_unit(unit, str(out), Settings(max_bytes=DEFAULT_MAX_BYTES))    # warm-up: rule tables, imports
    shutil.rmtree(out)
    report = run_unit(unit, str(out), Settings(max_bytes=DEFAULT_MAX_BYTES))
    shutil.rmtree(out)
    return report


def batch(path: Path, workers: int, unit_bytes: int, work: Path) -> dict:
    out = work / f"out-{workers}"
    shutil.rmtree(out, ignore_errors=True)
    before = load()
    spans: list[tuple[float, float]] = []
    t0, epoch, busy0, own0 = time.perf_counter(), time.time(), busy_seconds(), time.process_time()
    report = run_batch([str(path)], str(out), workers=workers, unit_bytes=unit_bytes,
                       progress=lambda r, done, total: spans.append((r["started_at"], r["finished_at"])))
    wall = time.perf_counter() - t0
    # What other processes took meanwhile, in cores: the machine's busy time less this run's own.
    others = (busy_seconds() - busy0 - report.cpu_seconds_run - (time.process_time() - own0)) / wall
    # Start-up: from the call to the first unit's start (cluster, worker processes, imports).
    first, last = min(s for s, _ in spans), max(e for _, e in spans)
    result = {"workers": workers, "units": report.units, "documents": report.documents_run, "records": report.records,
              "wall": wall, "rate": report.documents_run / wall, "cpu": report.cpu_seconds_run,
              "startup": first - epoch, "steady": report.documents_run / (last - first),
              "load": f"{before} -> {load()}", "others": others,
              "parquet_bytes": sum(p.stat().st_size for p in out.glob("*/year=*/*.parquet")),
              "files": sum(1 for _ in out.glob("*/year=*/*.parquet"))}
    shutil.rmtree(out, ignore_errors=True)
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=200_000, help="articles in the corpus (default 200,000)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--workers", default="1,2", help="LocalCluster sizes to run, comma-separated (default 1,2)")
    ap.add_argument("--unit-mb", type=float, default=None,
                    help="input per unit of work (default: 16 units per worker, between 0.5 and 8 MB)")
    ap.add_argument("--html-docs", type=int, default=2000, help="pages for the HTML (WARC) cost (0: skip)")
    ap.add_argument("--work", default=None, help="folder for the corpus and outputs (default: a temporary one)")
    ap.add_argument("--json", default=None, help="also write the figures here")
    args = ap.parse_args(argv)
    work = Path(args.work or tempfile.mkdtemp(prefix="bilateral-batch-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    sizes = [int(w) for w in args.workers.split(",")]

    print(f"machine: {os.cpu_count()} CPU cores, load average (1/5 min) {load()}")
    path = corpus(work, args.docs, args.seed)
    size = path.stat().st_size
    # Enough units that the last ones do not leave a worker idle for long (the tail of a run).
    unit_bytes = int(args.unit_mb * 2**20) if args.unit_mb else \
        min(8 * 2**20, max(2**19, size // (16 * max(sizes))))
    print(f"corpus: {args.docs:,} articles, {size / 1e6:.0f} MB of JSON Lines, units of {unit_bytes / 2**20:.2f} MB")

    base = baseline(path, unit_bytes, work)
    text_cost = base["cpu_seconds"] / base["documents"]
    print(f"\nbaseline, one unit in this process without Dask: {base['documents']:,} documents, "
          f"{base['cpu_seconds']:.1f} CPU s, {1 / text_cost:,.0f} documents per CPU second "
          f"({base['chars'] / base['documents']:,.0f} characters each)")
    html_cost = None
    if args.html_docs:
        warc = work / f"pages-{args.seed}-{args.html_docs}.warc.gz"
        if not warc.exists():
            generate.write_warc(str(warc), generate.iter_articles(args.html_docs, args.seed, start=10**8), noise=False,
                                heavy=True)
        html = baseline(warc, 1 << 40, work)
        html_cost = html["cpu_seconds"] / html["documents"]
        print(f"baseline, {html['documents']:,} HTML pages of {warc.stat().st_size / html['documents'] / 1e3:.0f} KB "
              f"(gzipped) from a WARC file: {1 / html_cost:,.0f} pages per CPU second "
              f"({html_cost / text_cost:.1f}x the cost of a JSON Lines article)")

    print(f"\n{'workers':>7} {'units':>6} {'documents':>10} {'wall s':>8} {'start s':>7} {'docs/s':>8} "
          f"{'steady':>7} {'CPU s':>8} {'docs/CPU s':>10} {'CPU share':>9} {'others':>6}  load before -> after")
    results = []
    for n in sizes:
        r = batch(path, n, unit_bytes, work)
        results.append(r)
        # The share of its cores the run got: other processes on the machine take the rest.
        r["share"] = r["cpu"] / (r["wall"] * n)
        print(f"{n:>7} {r['units']:>6} {r['documents']:>10,} {r['wall']:>8.1f} {r['startup']:>7.1f} {r['rate']:>8,.0f} "
              f"{r['steady']:>7,.0f} {r['cpu']:>8.1f} {r['documents'] / r['cpu']:>10,.0f} {r['share']:>9.0%} "
              f"{r['others']:>6.2f}  {r['load']}")
    last = results[-1]
    print(f"output: {last['files']:,} Parquet files, {last['parquet_bytes'] / 1e6:,.0f} MB "
          f"({last['parquet_bytes'] / last['documents']:,.0f} bytes a document, text included)")
    one = next((r for r in results if r["workers"] == 1), None)
    efficiency = None
    for r in results:
        if one is not None and r["workers"] > 1:
            efficiency = r["rate"] / (r["workers"] * one["rate"])
            verdict = "PASS" if efficiency >= TARGET_EFFICIENCY else "FAIL"
            per_cpu = (r["documents"] / r["cpu"]) / (one["documents"] / one["cpu"])
            steady = r["steady"] / (r["workers"] * one["steady"])
            print(f"scaling efficiency with {r['workers']} workers: {efficiency:.2f} "
                  f"(target >= {TARGET_EFFICIENCY})  {verdict}; without start-up: {steady:.2f}; documents per "
                  f"worker CPU second, {r['workers']} workers against 1: {per_cpu:.2f}")

    # 10M articles in an hour: cores = needed rate x CPU cost per document / efficiency.
    need = ARCHIVE_DOCS / ARCHIVE_SECONDS
    eff = min(1.0, efficiency) if efficiency else TARGET_EFFICIENCY
    worker_cost = sum(r["cpu"] for r in results) / sum(r["documents"] for r in results)
    print(f"\n10M articles in an hour = {need:,.0f} documents/s; cores = that x CPU s per document / "
          f"efficiency ({eff:.2f}):")
    rows = [("JSON Lines articles like these", worker_cost),
            ("JSON Lines articles of 4,000 characters", worker_cost * 4000 / (base["chars"] / base["documents"]))]
    if html_cost:
        page_kb = sum(len(generate.html_page(a, heavy=True))
                      for a in generate.iter_articles(50, args.seed, start=10**8)) / 50 / 1e3
        rows.append((f"HTML pages of {page_kb:.0f} KB from WARC files", html_cost))
    for label, cost in rows:
        cores = need * cost / eff
        print(f"  {label:<42} {cost * 1000:6.2f} ms/doc -> {cores:6.1f} cores")
    if args.json:
        Path(args.json).write_text(json.dumps({"baseline": base, "html_cost": html_cost, "runs": results,
                                               "efficiency": efficiency}, indent=1, default=str), encoding="utf-8")
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
