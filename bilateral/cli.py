"""The command line: thin wrappers over the Python API (``bilateral.*``)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable

import click

from . import __version__
from .errors import BilateralError, ReadError
from .extract import extract, parse_pair
from .model import Claim, Event, Record

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
    out = click.get_text_stream("stdout")
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


def _money(value: float | None, unit: str) -> str:
    if value is None:
        return "?"
    if unit == "percent":
        return f"{value:g}%"
    if unit == "times":
        return f"×{value:g}"
    if unit == "rank":
        return f"#{value:g}"
    if unit == "count":
        return f"{value:,.0f}"
    for div, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(value) >= div:
            return f"{unit} {value / div:g} {word}"
    return f"{unit} {value:,.0f}"


def describe(r: Record) -> tuple[str, str, str, str, str]:
    """(what, value, when, direction, status) of a record, for people."""
    direction = f"{r.from_ or '?'}→{r.to or '—'}"
    if isinstance(r, Claim):
        if r.value is not None:
            value = _money(r.value, r.unit)
        else:
            value = f"{_money(r.low, r.unit)} – {_money(r.high, r.unit)}"
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


if __name__ == "__main__":  # pragma: no cover
    main()
