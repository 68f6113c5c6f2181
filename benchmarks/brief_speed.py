"""Brief speed: a country pair's brief over a 100,000-document store, target <= 5 s.

The store holds generated articles (benchmarks/generate.py) with their gold records,
written through ``Store.add_documents`` and reconciled (benchmarks/stores.py says why
extraction is left out). Each step of a brief is timed: gathering it from the store
(the queries), laying it out as HTML and Markdown, and typesetting the PDF (WeasyPrint).
The baseline, in the same process, is the brief of a 1,000-document store made the same
way: the ratio says what the store's size costs, apart from the brief's own length.
Wall-clock and CPU seconds are both printed, the median of ``--repeat`` runs: the
machine's 2 cores are shared, and CPU time is what the brief itself costs.

    .venv/bin/python benchmarks/brief_speed.py                       # 100k documents, in a temporary folder
    .venv/bin/python benchmarks/brief_speed.py --docs 100000 --dir /tmp/bench --repeat 5 --check
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from stores import generated_store  # noqa: E402

from bilateral import brief  # noqa: E402
from bilateral.store import open_store  # noqa: E402

TARGET_S = 5.0
BASELINE_DOCS = 1000


def _timed(fn: Callable[[], object], repeat: int) -> tuple[object, float, float]:
    """(result, median wall seconds, median CPU seconds) over ``repeat`` runs."""
    walls, cpus, result = [], [], None
    for _ in range(repeat):
        w, c = time.perf_counter(), time.process_time()
        result = fn()
        walls.append(time.perf_counter() - w)
        cpus.append(time.process_time() - c)
    return result, statistics.median(walls), statistics.median(cpus)


def _pages(pdf: bytes, folder: Path) -> str:
    path = folder / "brief.pdf"
    path.write_bytes(pdf)
    try:
        info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return "?"
    return next((line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")), "?")


def bench(db: str, pair: str, repeat: int, folder: Path) -> dict[str, tuple[float, float]]:
    store = open_store(db)
    try:
        brief.gather(store, pair)  # warm the database's caches once, as a running server would be
        b, *gather = _timed(lambda: brief.gather(store, pair), repeat)
    finally:
        store.close()
    html, *to_html = _timed(lambda: brief.to_html(b), repeat)
    _, *to_md = _timed(lambda: brief.to_markdown(b), repeat)
    pdf, *to_pdf = _timed(lambda: brief.to_pdf(b), repeat)
    print(f"    brief: {len(b.glance)} headline figures, {len(b.chronology)} of {b.chronology_total:,} events, "
          f"{len(b.charts)} charts, {len(b.conflicts)} of {b.conflicts_total:,} conflicts, {len(b.notes)} notes, "
          f"{len(b.sources)} sources; HTML {len(html) / 1e3:,.0f} kB, PDF {len(pdf) / 1e3:,.0f} kB, "
          f"{_pages(pdf, folder)} pages")
    times = {"gather (queries)": tuple(gather), "HTML": tuple(to_html), "Markdown": tuple(to_md),
             "PDF (from the brief)": tuple(to_pdf)}
    times["HTML brief, total"] = (times["gather (queries)"][0] + times["HTML"][0],
                                  times["gather (queries)"][1] + times["HTML"][1])
    times["PDF brief, total"] = (times["HTML brief, total"][0] + times["PDF (from the brief)"][0],
                                 times["HTML brief, total"][1] + times["PDF (from the brief)"][1])
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--pair", default="KH-KR")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--dir", default=None, help="work folder; its stores are reused (default: a temporary one)")
    parser.add_argument("--check", action="store_true", help="exit 1 when the PDF brief takes over the target")
    args = parser.parse_args(argv)
    folder = Path(args.dir or tempfile.mkdtemp(prefix="bilateral-brief-"))
    folder.mkdir(parents=True, exist_ok=True)
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}; work folder {folder}")
    results = {}
    for n in (BASELINE_DOCS, args.docs):
        db = str(folder / f"generated-{n}.db")
        t = time.perf_counter()
        counts = generated_store(db, n, quiet=True)
        print(f"  store of {n:,} documents ({counts['records']:,} records, {counts['facts']:,} facts, "
              f"{counts['events']:,} events; ready in {time.perf_counter() - t:,.0f} s)")
        results[n] = bench(db, args.pair, args.repeat, folder)
    print(f"brief of {args.pair}, median of {args.repeat} runs (s, wall / CPU), "
          f"{args.docs:,} documents against {BASELINE_DOCS:,}:")
    for step, (wall, cpu) in results[args.docs].items():
        base_wall, base_cpu = results[BASELINE_DOCS][step]
        flag = ""
        if step.endswith("total"):
            flag = "  within target" if wall <= TARGET_S else f"  over the {TARGET_S:.0f} s target"
        print(f"  {step:22s} {wall:7.2f} / {cpu:6.2f}   baseline {base_wall:6.2f} / {base_cpu:6.2f}   "
              f"{cpu / base_cpu if base_cpu else float('nan'):5.2f}x CPU{flag}")
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")
    return 1 if args.check and results[args.docs]["PDF brief, total"][0] > TARGET_S else 0


if __name__ == "__main__":
    raise SystemExit(main())
