"""The command line: thin wrappers over the Python API (``bilateral.*``)."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable

import click

from . import __version__
from . import format as fmt
from .batch.cli import register as register_batch
from .errors import BilateralError, ReadError
from .extract import extract, parse_pair
from .model import SYMMETRIC, Claim, Event, Record
from .serve.cli import serve_command

# Exit codes: 0 all inputs read; 1 some inputs were skipped (each reported on
# stderr); 2 usage error.
EXIT_SKIPPED = 1
EXIT_USAGE = 2


@click.group()
@click.version_option(__version__, prog_name="bilateral")
def main() -> None:
    """Turn what is written about two countries into a sourced record."""


@main.command("extract")
@click.argument("sources", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default="jsonl", show_default=True,
              help="jsonl: spec records, one per line; table: a readable summary.")
@click.option("--pair", default=None, help="Keep only this country pair, e.g. KH,KR.")
@click.option("--max-bytes", type=int, default=None, help="Skip documents larger than this (default 20 MB).")
@click.option("--allow-private", is_flag=True, help="Allow fetching URLs on private or loopback addresses.")
def extract_command(sources: tuple[str, ...], fmt: str, pair: str | None, max_bytes: int | None,
                    allow_private: bool) -> None:
    """Extract events and claims from files, folders and URLs."""
    from .read import DEFAULT_MAX_BYTES, iter_documents

    try:
        wanted = parse_pair(pair) if pair else None
    except BilateralError as e:
        raise click.UsageError(str(e)) from None
    skipped = 0
    per_doc: list[tuple[str, list[Record]]] = []
    out = sys.stdout
    for item in iter_documents(sources, max_bytes=max_bytes or DEFAULT_MAX_BYTES, allow_private=allow_private):
        if isinstance(item, ReadError):
            skipped += 1
            click.echo(f"bilateral: skipped {item}", err=True)
            continue
        records = extract(item.text, published=item.published, doc_id=item.id, pair=wanted)
        if fmt == "jsonl":
            for r in records:
                out.write(json.dumps(r.to_dict(), ensure_ascii=False) + "\n")
        else:
            per_doc.append((item.id, records))
    if fmt == "table":
        print_table(per_doc)
    if skipped:
        click.echo(f"bilateral: {skipped} input(s) skipped", err=True)
        sys.exit(EXIT_SKIPPED)


def describe(r: Record) -> tuple[str, str, str, str, str]:
    """(what, value, when, direction, status) of a record, for people."""
    direction = f"{r.from_ or '?'}→{r.to or '—'}"
    if isinstance(r, Claim):
        if r.value is not None:
            value = fmt.figure(r.value, r.unit)
        else:
            value = f"{fmt.figure(r.low, r.unit)} – {fmt.figure(r.high, r.unit)}"
        if r.approx:
            value = {"about": "~", "over": ">", "under": "<"}[r.approx] + value
        p = r.period
        when = "" if p is None else (p.start or "…") + ("" if p.start == p.end else f"–{p.end or '…'}")
        what = r.indicator + ("" if r.measure == "level" else f" ({r.measure})")
        return what, value, when, direction, r.status
    assert isinstance(r, Event)
    return r.event, ", ".join(r.actors), r.date or "", direction, r.status


def print_table(per_doc: Iterable[tuple[str, list[Record]]]) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    if not console.is_terminal:
        console = Console(width=160)  # piped output: no terminal width to fit
    for doc_id, records in per_doc:
        table = Table(title=f"{doc_id}: {len(records)} record(s)", title_justify="left", expand=False)
        for col in ("what", "value / actors", "when", "from→to", "status"):
            table.add_column(col, no_wrap=True)
        table.add_column("evidence", overflow="fold")
        for r in records:
            ev = r.evidence.text
            table.add_row(*describe(r), ev if len(ev) <= 70 else ev[:67] + "…")
        console.print(table)



# -- the store ----------------------------------------------------------------

DB_OPTION = click.option("--db", default="bilateral.db", show_default=True, envvar="BILATERAL_DB",
                         help="SQLite file or postgresql:// URL (env BILATERAL_DB).")
FORMAT_OPTION = click.option("--format", "fmt_name", type=click.Choice(["table", "jsonl", "csv"]), default="table",
                             show_default=True)


def _filters(f):  # noqa: ANN001, ANN202 - a click decorator
    for option in (
        click.option("--pair", default=None, help="A country pair, e.g. KH,KR."),
        click.option("--since", default=None, help="From this date (partial ISO: 2019, 2019-03)."),
        click.option("--until", default=None, help="Up to this date, inclusive."),
        click.option("--limit", type=int, default=100, show_default=True, help="At most this many rows (0: all)."),
    ):
        f = option(f)
    return f


def _open(db: str):  # noqa: ANN202 - bilateral.store.Store
    from .store import open_store

    try:
        return open_store(db)
    except BilateralError as e:
        raise click.ClickException(str(e)) from None


def _emit(rows: list[dict], fmt_name: str, columns: list[tuple[str, Callable[[dict], str]]], title: str) -> None:
    out = sys.stdout
    if fmt_name == "jsonl":
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
        return
    if fmt_name == "csv":
        import csv

        names = [name for name, _ in columns]
        writer = csv.writer(out)
        writer.writerow(names)
        for row in rows:
            writer.writerow([get(row) for _, get in columns])
        return
    from rich.console import Console
    from rich.table import Table

    console = Console()
    if not console.is_terminal:
        console = Console(width=160)
    table = Table(title=f"{title}: {len(rows)} row(s)", title_justify="left")
    for name, _ in columns:
        table.add_column(name, overflow="fold")
    for row in rows:
        table.add_row(*(get(row) for _, get in columns))
    console.print(table)


def _short(text: str, n: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _fact_value(f: dict) -> str:
    if f.get("value") is None:
        return f"{fmt.figure(f.get('low'), f['unit'])}–{fmt.figure(f.get('high'), f['unit'])}"
    return {"about": "~", "over": ">", "under": "<"}.get(f.get("approx") or "", "") + fmt.figure(f["value"], f["unit"])


def _best_source(f: dict) -> dict:
    return (f.get("sources") or f.get("reports") or [{}])[0]


FACT_COLUMNS: list[tuple[str, Callable[[dict], str]]] = [
    ("indicator", lambda f: f["indicator"] + ("" if f["measure"] == "level" else f" ({f['measure']})")),
    ("value", _fact_value),
    ("period", lambda f: fmt.period(f["period"]["start"], f["period"]["end"])),
    ("from→to", lambda f: f"{f['from'] or '?'}{'–' if f['indicator'] in SYMMETRIC else '→'}{f['to'] or '—'}"),
    ("status", lambda f: f["status"]),
    ("sources", lambda f: str(f["n_documents"])),
    ("conflict", lambda f: f["conflict"] or ""),
    ("source sentence", lambda f: f"{_best_source(f).get('doc', '')}: {_short(_best_source(f).get('evidence', {}).get('text', ''))}"),
]
EVENT_COLUMNS: list[tuple[str, Callable[[dict], str]]] = [
    ("date", lambda e: e["date"] or "?"),
    ("event", lambda e: e["event"] + ("" if e["status"] == "actual" else " (planned)")),
    ("from→to", lambda e: f"{e['from'] or '?'}{'–' if e['event'] in SYMMETRIC else '→'}{e['to'] or '—'}"),
    ("actors", lambda e: ", ".join(e["actors"])),
    ("reports", lambda e: str(e["n_reports"])),
    ("date conflict", lambda e: e["date_conflict"] or ""),
    ("source sentence", lambda e: f"{_best_source(e).get('doc', '')}: {_short(_best_source(e).get('evidence', {}).get('text', ''))}"),
]
CONFLICT_COLUMNS: list[tuple[str, Callable[[dict], str]]] = [
    ("indicator", lambda c: c["indicator"]),
    ("kind", lambda c: c["kind"]),
    ("explanation", lambda c: c["explanation"]),
    ("sources", lambda c: "; ".join(sorted({r["doc"] for r in c["reports"]}))),
]


@main.command("ingest")
@click.argument("sources", nargs=-1, required=True)
@DB_OPTION
@click.option("--workers", type=int, default=None, help="Extraction processes (default: one per core).")
@click.option("--max-bytes", type=int, default=None, help="Skip documents larger than this (default 20 MB).")
@click.option("--allow-private", is_flag=True, help="Allow fetching URLs on private or loopback addresses.")
@click.option("--progress/--no-progress", default=None, help="A progress bar (default: when stderr is a terminal).")
def ingest_command(sources: tuple[str, ...], db: str, workers: int | None, max_bytes: int | None,
                   allow_private: bool, progress: bool | None) -> None:
    """Read, extract and store files, folders, URLs and RSS/Atom feeds, then reconcile."""
    from .ingest import ingest
    from .read import DEFAULT_MAX_BYTES

    store = _open(db)
    show = sys.stderr.isatty() if progress is None else progress
    bar = None
    if show:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

        bar = Progress("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
                       TimeElapsedColumn(), console=__import__("rich.console").console.Console(stderr=True))
        task = bar.add_task("ingesting", total=None)
        bar.start()

    def on_progress(report) -> None:  # noqa: ANN001
        if bar is not None:
            bar.update(task, completed=report.processed)

    try:
        report = ingest(sources, store, workers=workers, max_bytes=max_bytes or DEFAULT_MAX_BYTES,
                        allow_private=allow_private, on_progress=on_progress,
                        on_skip=lambda e: click.echo(f"bilateral: skipped {e}", err=True))
    except BilateralError as e:
        raise click.ClickException(str(e)) from None
    finally:
        if bar is not None:
            bar.stop()
        store.close()
    r = report.reconciled
    click.echo(f"{report.added} added, {report.new_versions} new version(s), {report.unchanged} unchanged, "
               f"{len(report.skipped)} skipped; {report.records} record(s) in {report.seconds:.1f} s"
               + (f"; reconciled {r.groups} group(s): {r.facts} fact(s), {r.conflicts} conflict(s), "
                  f"{r.events} event(s)" if r else ""), err=True)
    if report.skipped:
        sys.exit(EXIT_SKIPPED)


@main.command("reconcile")
@DB_OPTION
@click.option("--all", "everything", is_flag=True, help="Rebuild every group, not only those that changed.")
def reconcile_command(db: str, everything: bool) -> None:
    """Rebuild the reconciled view (facts, conflicts, events) of the groups that changed."""
    from .reconcile import reconcile

    with _open(db) as store:
        r = reconcile(store, everything=everything)
    click.echo(f"reconciled {r.groups} group(s): {r.facts} fact(s), {r.conflicts} conflict(s), {r.events} event(s)",
               err=True)


@main.command("facts")
@DB_OPTION
@_filters
@click.option("--indicator", default=None, help="Only this indicator, e.g. trade.total.")
@FORMAT_OPTION
def facts_command(db: str, pair: str | None, since: str | None, until: str | None, limit: int,
                  indicator: str | None, fmt_name: str) -> None:
    """Reconciled facts, newest first, each with its sources."""
    from .query import facts_of

    with _open(db) as store:
        rows = _query(facts_of, store, pair=pair, indicator=indicator, since=since, until=until, limit=limit)
    _emit(rows, fmt_name, FACT_COLUMNS, "facts")


@main.command("series")
@click.argument("indicator")
@DB_OPTION
@click.option("--pair", default=None, help="A country pair, e.g. KH,KR.")
@click.option("--since", default=None)
@click.option("--until", default=None)
@click.option("--measure", default="level", show_default=True)
@click.option("--status", default="actual", show_default=True)
@FORMAT_OPTION
def series_command(indicator: str, db: str, pair: str | None, since: str | None, until: str | None, measure: str,
                   status: str, fmt_name: str) -> None:
    """The series of an indicator: the best value per period with its sources."""
    from .query import series

    with _open(db) as store:
        lines = _query(series, store, indicator, pair=pair, since=since, until=until, measure=measure, status=status)
    if fmt_name == "jsonl":
        _emit(lines, fmt_name, [], "series")
        return
    points = [p for line in lines for p in line["points"]]
    _emit(points, fmt_name, FACT_COLUMNS, f"series {indicator}")


@main.command("timeline")
@DB_OPTION
@_filters
@click.option("--event", default=None, help="Only this event type, e.g. visit.")
@FORMAT_OPTION
def timeline_command(db: str, pair: str | None, since: str | None, until: str | None, limit: int,
                     event: str | None, fmt_name: str) -> None:
    """Canonical events in date order, each with its reports."""
    from .query import timeline

    with _open(db) as store:
        rows = _query(timeline, store, pair=pair, event=event, since=since, until=until, limit=limit)
    _emit(rows, fmt_name, EVENT_COLUMNS, "timeline")


@main.command("conflicts")
@DB_OPTION
@_filters
@click.option("--indicator", default=None)
@FORMAT_OPTION
def conflicts_command(db: str, pair: str | None, since: str | None, until: str | None, limit: int,
                      indicator: str | None, fmt_name: str) -> None:
    """Figures that disagree, classified and explained."""
    from .query import conflicts_of

    with _open(db) as store:
        rows = _query(conflicts_of, store, pair=pair, indicator=indicator, since=since, until=until, limit=limit)
    _emit(rows, fmt_name, CONFLICT_COLUMNS, "conflicts")


@main.command("search")
@click.argument("text")
@DB_OPTION
@_filters
@FORMAT_OPTION
def search_command(text: str, db: str, pair: str | None, since: str | None, until: str | None, limit: int,
                   fmt_name: str) -> None:
    """Documents and evidence containing every word of TEXT (a Latin, Greek or Cyrillic word finds the
    words it begins; Korean, Khmer, digits and punctuation are found inside words)."""
    from .query import search

    with _open(db) as store:
        found = _query(search, store, text, pair=pair, since=since, until=until, limit=limit)
    rows = [{**d, "found": "document"} for d in found["documents"]] + [{**e, "found": "evidence"} for e in found["evidence"]]
    _emit(rows, fmt_name, [
        ("match", lambda r: r["found"] if r["found"] == "document" else f"{r['type']} {r['kind']}"),
        ("doc", lambda r: r["doc"]),
        ("published", lambda r: r.get("published") or ""),
        ("text", lambda r: _short(r["snippet"] if r["found"] == "document" else r["evidence"]["text"], 120)),
    ], f"search {text!r}")


@main.command("show")
@click.argument("doc")
@DB_OPTION
@click.option("--format", "fmt_name", type=click.Choice(["table", "jsonl", "text"]), default="table",
              show_default=True)
def show_command(doc: str, db: str, fmt_name: str) -> None:
    """A stored document: its metadata, and its records with their evidence."""
    from .query import document

    with _open(db) as store:
        found = _query(document, store, doc)
    if fmt_name == "jsonl":
        click.echo(json.dumps(found, ensure_ascii=False))
        return
    if fmt_name == "text":
        click.echo(found["text"])
        return
    click.echo(f"{found['doc']} (version {found['version']}): {found['title'] or ''}\n"
               f"published {found['published'] or '?'} by {found['publisher'] or '?'}  {found['url'] or ''}")
    from .model import record_from_dict

    print_table([(found["doc"], [record_from_dict(r) for r in found["records"]])])


@main.command("summary")
@click.option("--pair", required=True, help="A country pair, e.g. KH,KR.")
@DB_OPTION
@click.option("--limit", type=int, default=40, show_default=True, help="Events and conflicts shown at most.")
def summary_command(pair: str, db: str, limit: int) -> None:
    """The relationship at a glance: key figures with sources, the timeline, the conflicts."""
    from .query import conflicts_of, key_figures, timeline

    with _open(db) as store:
        figures = _query(key_figures, store, pair)
        events = _query(timeline, store, pair=pair, status="actual", limit=limit)
        clashes = _query(conflicts_of, store, pair=pair, limit=limit)
    _emit(figures, "table", FACT_COLUMNS, f"{pair}: key figures")
    _emit(events, "table", EVENT_COLUMNS, f"{pair}: timeline")
    _emit(clashes, "table", CONFLICT_COLUMNS, f"{pair}: figures that disagree")


@main.command("export")
@DB_OPTION
@click.option("--format", "fmt_name", type=click.Choice(["jsonl", "csv", "parquet", "datapackage"]),
              required=True)
@click.option("-o", "--output", required=True, help="A file (jsonl, csv) or a folder (csv, parquet, datapackage).")
def export_command(db: str, fmt_name: str, output: str) -> None:
    """Write the store's records and reconciled view to files."""
    from .export import export

    with _open(db) as store:
        counts = export(store, fmt_name, output)
    click.echo(", ".join(f"{n} {name}" for name, n in counts.items()) + f" written to {output}", err=True)


@main.command("check")
@DB_OPTION
def check_command(db: str) -> None:
    """Check the store's integrity; exit 1 if anything is wrong."""
    with _open(db) as store:
        problems = store.check()
        counts = store.counts()
    for p in problems:
        click.echo(f"bilateral: {p}", err=True)
    click.echo(", ".join(f"{n} {name}" for name, n in counts.items()))
    if problems:
        sys.exit(1)


from .brief.command import brief_command  # noqa: E402 - one module per command family

main.add_command(brief_command)


def _query(function: Callable, *args, **kwargs):  # noqa: ANN002, ANN003, ANN202
    try:
        return function(*args, **kwargs)
    except BilateralError as e:
        raise click.ClickException(str(e)) from None


register_batch(main)
main.add_command(serve_command)

if __name__ == "__main__":  # pragma: no cover
    main()
