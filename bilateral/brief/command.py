"""``bilateral brief``: the CLI over ``bilateral.brief`` (registered in ``bilateral.cli``)."""

from __future__ import annotations

import sys
from pathlib import Path

import click


@click.command("brief")
@click.argument("countries", nargs=-1, required=True)
@click.option("--db", default="bilateral.db", show_default=True, envvar="BILATERAL_DB",
              help="SQLite file or postgresql:// URL (env BILATERAL_DB).")
@click.option("--since", default=None, help="Events, series and conflicts from this date on (2019, 2019-03).")
@click.option("--format", "fmt_name", type=click.Choice(["html", "md", "pdf"]), default=None,
              help="Default: the suffix of -o.")
@click.option("-o", "--output", default="-", show_default=True, help="The file to write; - for standard output.")
@click.option("--page-size", type=click.Choice(["A4", "Letter"], case_sensitive=False), default="A4",
              show_default=True, help="Paper for pdf (and for printing html).")
def brief_command(countries: tuple[str, ...], db: str, since: str | None, fmt_name: str | None, output: str,
                  page_size: str) -> None:
    """A fact sheet of a country pair with citations: bilateral brief KH KR -o kh-kr.pdf"""
    from bilateral import brief
    from bilateral.errors import BilateralError
    from bilateral.store import open_store

    if len(countries) > 2:
        raise click.UsageError("give a pair: two countries (KH KR) or one pair (KH-KR)")
    pair = ",".join(countries)
    if output == "-" and fmt_name is None:
        fmt_name = "md"
    if output == "-" and fmt_name == "pdf" and sys.stdout.isatty():
        raise click.UsageError("a PDF goes to a file (-o FILE) or a pipe, not to the terminal")
    if "://" not in db and not Path(db).exists():
        raise click.ClickException(f"no store at {db}: ingest documents first (bilateral ingest PATH --db {db})")
    try:
        with open_store(db) as store:
            if output == "-":
                b = brief.gather(store, pair, since=since)
                if fmt_name == "pdf":
                    sys.stdout.buffer.write(brief.to_pdf(b, size=page_size))
                else:
                    click.echo(brief.to_html(b, size=page_size) if fmt_name == "html" else brief.to_markdown(b),
                               nl=False)
                return
            path = brief.write(store, pair, output, fmt=fmt_name, since=since, size=page_size)
    except BilateralError as e:
        raise click.ClickException(str(e)) from None
    click.echo(f"bilateral: brief written to {path}", err=True)
