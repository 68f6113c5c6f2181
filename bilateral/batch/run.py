"""A batch on Dask distributed: plan the units, run those not done yet, report.

``run_batch`` is the Python API behind ``bilateral batch``. It runs on a
``LocalCluster`` of worker processes by default (one thread each: extraction
is pure Python, so processes, not threads, use the cores), or on an existing
scheduler given by address, whose workers must have bilateral installed and
see the output folder at the same path.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from bilateral import __version__
from bilateral.batch.layout import Layout, write_json
from bilateral.batch.plan import DEFAULT_UNIT_BYTES, Plan, make_plan
from bilateral.batch.unit import Settings, run_unit
from bilateral.errors import UsageError
from bilateral.extract import parse_pair
from bilateral.read.limits import DEFAULT_MAX_BYTES, check_max_bytes

Progress = Callable[[dict[str, Any], int, int], None]


@dataclass(slots=True)
class BatchReport:
    """What a batch did: counts over all its done units, this run's share, and what was skipped."""

    out: str
    units: int = 0
    units_run: int = 0          # units this run did (the rest were done before)
    documents: int = 0
    records: int = 0
    documents_run: int = 0
    chars_run: int = 0
    seconds_run: float = 0.0    # the sum of the units' own times in this run (worker-seconds)
    cpu_seconds_run: float = 0.0  # the CPU time the workers spent on this run's units
    skipped: list[str] = field(default_factory=list)
    workers: int = 0


def run_batch(
    inputs: Iterable[str],
    out: str,
    *,
    scheduler: str | None = None,
    workers: int | None = None,
    unit_bytes: int = DEFAULT_UNIT_BYTES,
    max_bytes: int = DEFAULT_MAX_BYTES,
    pair: tuple[str, str] | str | None = None,
    progress: Progress | None = None,
) -> BatchReport:
    """Extract every document of ``inputs`` into Parquet tables under ``out``, on Dask.

    ``scheduler`` is ``None`` or ``"local"`` for a LocalCluster of ``workers``
    processes (default: one per CPU core), or a scheduler address
    (``tcp://host:8786``). Units already done in ``out`` are skipped, so a run
    that was stopped or killed is resumed by running it again with the same
    inputs. ``progress(report, done, total)`` is called after each unit.
    Raises ``UsageError`` for bad options, or when ``out`` holds the output
    of a batch of other inputs or options.
    """
    check_max_bytes(max_bytes)
    if unit_bytes < 1:
        raise UsageError(f"unit_bytes must be positive, not {unit_bytes}")
    if workers is not None and workers < 1:
        raise UsageError(f"workers must be at least 1, not {workers}")
    local = scheduler in (None, "", "local")
    if not local and workers is not None:
        raise UsageError("--workers sets the size of the local cluster; an existing scheduler has its own workers")
    wanted = parse_pair(pair) if isinstance(pair, str) else pair
    inputs = list(inputs)
    if not inputs:
        raise UsageError("no input given")
    plan = make_plan(inputs, unit_bytes=unit_bytes, options={"max_bytes": max_bytes, "pair": wanted,
                                                            "version": __version__})
    layout = Layout(out)
    _claim(layout, plan, inputs)
    with _exclusive(layout):
        return _resume(layout, plan, out, scheduler, workers, Settings(max_bytes=max_bytes, pair=wanted), progress)


def _resume(layout: Layout, plan: Plan, out: str, scheduler: str | None, workers: int | None, settings: Settings,
            progress: Progress | None) -> BatchReport:
    layout.recover()
    todo = [u for u in plan.units if not layout.is_done(u.id)]
    report = BatchReport(out=out, units=len(plan.units), skipped=[str(e) for e in plan.errors])
    done = len(plan.units) - len(todo)
    if todo:
        with _client(scheduler, workers) as client:
            report.workers = len(client.nthreads())
            for unit_report in _run(client, todo, out, settings):
                done += 1
                report.units_run += 1
                report.documents_run += unit_report["documents"]
                report.chars_run += unit_report["chars"]
                report.seconds_run += unit_report["seconds"]
                report.cpu_seconds_run += unit_report.get("cpu_seconds", 0.0)
                if progress is not None:
                    progress(unit_report, done, len(plan.units))
    for unit_report in layout.reports():
        report.documents += unit_report["documents"]
        report.records += unit_report["records"]
        report.skipped.extend(unit_report["skipped"])
    return report


def _run(client: Any, units: list, out: str, settings: Settings) -> Iterator[dict[str, Any]]:
    from dask.distributed import as_completed

    # The unit id in the key: the dashboard and logs name the unit a task works on.
    futures = client.map(run_unit, units, out=out, settings=settings, pure=False,
                         key=[f"bilateral-unit-{u.id}-{os.urandom(4).hex()}" for u in units])
    try:
        for future in as_completed(futures):
            yield future.result()
    finally:
        client.cancel(futures)


@contextlib.contextmanager
def _client(scheduler: str | None, workers: int | None) -> Iterator[Any]:
    from dask.distributed import Client, LocalCluster

    if scheduler in (None, "", "local"):
        # No dashboard (it needs bokeh); the scheduler's HTTP endpoints on any free port, not 8787,
        # so that two batches on one machine do not warn about each other.
        cluster = LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1, processes=True,
                               dashboard_address=None, scheduler_kwargs={"dashboard_address": ":0"},
                               silence_logs=logging.ERROR)
        with cluster, Client(cluster) as client:
            yield client
    else:
        try:
            client = Client(scheduler, timeout="20s")
        except OSError as exc:
            raise UsageError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
        with client:
            yield client


@contextlib.contextmanager
def _exclusive(layout: Layout) -> Iterator[None]:
    """Hold the output folder's lock: two runs into one folder would undo each other's work."""
    import fcntl

    with open(os.path.join(layout.meta, "lock"), "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise UsageError(f"another bilateral batch is writing to {layout.out} right now") from None
        yield   # the lock goes with the file (and with the process, if it is killed)


def _claim(layout: Layout, plan: Plan, inputs: list[str]) -> None:
    """Record the plan in ``out``, or check that ``out`` holds this very batch."""
    if os.path.exists(layout.plan_path):
        with open(layout.plan_path, encoding="utf-8") as handle:
            stored = json.load(handle)
        if stored.get("fingerprint") != plan.fingerprint:
            raise UsageError(
                f"{layout.out} holds the output of another batch (inputs {stored.get('inputs')!r}, or the same "
                "inputs changed on disk, or other options); give a new --out folder or remove this one")
        return
    if os.path.isdir(layout.out) and any(not name.startswith(".") for name in os.listdir(layout.out)):
        raise UsageError(f"{layout.out} is not empty and holds no batch; give a new or empty --out folder")
    write_json(layout.plan_path, {"fingerprint": plan.fingerprint, "inputs": inputs, "units": len(plan.units),
                                  "version": __version__})
