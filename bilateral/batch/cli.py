"""``bilateral batch`` and ``bilateral load``: thin wrappers over ``bilateral.batch``."""

from __future__ import annotations

import sys
from typing import Any

import click

# Same exit codes as ``bilateral extract``: 1 when some input was skipped.
EXIT_SKIPPED = 1


@click.command("batch")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--out", "out", required=True, type=click.Path(file_okay=False),
              help="Output folder: Parquet tables documents/ and records/, partitioned by year.")
@click.option("--scheduler", default="local", show_default=True,
              help="'local' for a LocalCluster on this machine, or a Dask scheduler address (tcp://host:8786).")
@click.option("--workers", type=int, default=None, help="Worker processes of the local cluster (default: CPU cores).")
@click.option("--unit-mb", type=float, default=8.0, show_default=True,
              help="Input per unit of work, in MB: what a worker does in one go and a rerun skips once done.")
@click.option("--pair", default=None, help="Keep only this country pair, e.g. KH,KR.")
@click.option("--max-bytes", type=int, default=None, help="Skip documents larger than this (default 20 MB).")
@click.option("--progress/--no-progress", default=None, help="Show a progress bar (default: when stderr is a terminal).")
def batch_command(inputs: tuple[str, ...], out: str, scheduler: str, workers: int | None, unit_mb: float,
                  pair: str | None, max_bytes: int | None, progress: bool | None) -> None:
    """Extract files, folders, globs, JSON Lines of articles and WARC files on Dask into Parquet.

    Rerunning the same command resumes a stopped or killed run: units of work
    already done are skipped.
    """
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from bilateral.batch import run_batch
    from bilateral.errors import BilateralError
    from bilateral.read import DEFAULT_MAX_BYTES

    console = Console(stderr=True)
    show = console.is_terminal if progress is None else progress
    bar = Progress(TextColumn("[bold]batch"), BarColumn(), MofNCompleteColumn(), TextColumn("units"),
                   TextColumn("{task.fields[docs]:,} documents, {task.fields[rate]:,.0f}/s"), TimeElapsedColumn(),
                   console=console, disable=not show)
    state = {"docs": 0}
    with bar:
        task = bar.add_task("units", total=None, docs=0, rate=0.0)

        def advance(report: dict[str, Any], done: int, total: int) -> None:
            state["docs"] += report["documents"]
            elapsed = bar.tasks[0].elapsed or 0.0
            bar.update(task, completed=done, total=total, docs=state["docs"],
                       rate=state["docs"] / elapsed if elapsed else 0.0)

        try:
            result = run_batch(list(inputs), out, scheduler=scheduler, workers=workers,
                               unit_bytes=max(1, int(unit_mb * 1024 * 1024)), pair=pair,
                               max_bytes=max_bytes or DEFAULT_MAX_BYTES, progress=advance)
        except BilateralError as e:
            raise click.UsageError(str(e)) from None
        elapsed = bar.tasks[0].elapsed or 0.0
    for problem in result.skipped:
        click.echo(f"bilateral: skipped {problem}", err=True)
    now = (f"{result.units_run} run now on {result.workers} worker(s), {result.documents_run:,} documents "
           f"in {elapsed:.1f} s" if result.units_run else "all were done before")
    click.echo(f"bilateral: {result.documents:,} documents, {result.records:,} records in {result.units} unit(s) "
               f"({now}) -> {out}", err=True)
    if result.skipped:
        click.echo(f"bilateral: {len(result.skipped)} input(s) skipped", err=True)
        sys.exit(EXIT_SKIPPED)


@click.command("load")
@click.argument("out", type=click.Path(file_okay=False))
# The store's default and environment variable, as for the store commands.
@click.option("--db", default="bilateral.db", show_default=True, envvar="BILATERAL_DB",
              help="Store: a SQLite file path or a postgresql:// URL.")
@click.option("--reconcile/--no-reconcile", default=True, show_default=True,
              help="Rebuild the reconciled view of what changed after loading.")
@click.option("--chunk", type=int, default=1000, show_default=True, help="Documents per transaction.")
@click.option("--progress/--no-progress", default=None, help="Show a progress bar (default: when stderr is a terminal).")
def load_command(out: str, db: str, reconcile: bool, chunk: int, progress: bool | None) -> None:
    """Load the output of bilateral batch into a store (COPY on PostgreSQL) and reconcile."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from bilateral.batch import load_batch
    from bilateral.errors import BilateralError

    console = Console(stderr=True)
    show = console.is_terminal if progress is None else progress
    bar = Progress(TextColumn("[bold]load"), BarColumn(), MofNCompleteColumn(), TextColumn("units"),
                   TextColumn("{task.fields[docs]:,} documents"), TimeElapsedColumn(), console=console,
                   disable=not show)
    with bar:
        task = bar.add_task("units", total=None, docs=0)
        try:
            result = load_batch(out, db, chunk=chunk, reconcile_after=reconcile,
                                progress=lambda r, total: bar.update(task, completed=r.units, total=total,
                                                                     docs=r.documents))
        except BilateralError as e:
            raise click.ClickException(str(e)) from None
    line = (f"bilateral: loaded {result.units} unit(s) in {result.seconds:.1f} s: {result.added:,} added, "
            f"{result.new_versions:,} new version(s), {result.unchanged:,} unchanged, {result.records:,} records")
    if result.reconciled is not None:
        r = result.reconciled
        line += f"; reconciled {r.groups} group(s): {r.facts} facts, {r.conflicts} conflicts, {r.events} events"
    click.echo(line, err=True)


def register(group: click.Group) -> None:
    """Add the batch commands to the ``bilateral`` command group."""
    group.add_command(batch_command)
    group.add_command(load_command)
