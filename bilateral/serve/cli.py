"""``bilateral serve``: the web UI and JSON API on a port (uvicorn)."""

from __future__ import annotations

import os

import click

from bilateral.errors import BilateralError
from bilateral.read.limits import DEFAULT_MAX_BYTES as DEFAULT_MAX_BODY

LOOPBACK = ("127.0.0.1", "::1", "localhost")


@click.command("serve")
@click.option("--db", default="bilateral.db", show_default=True, envvar="BILATERAL_DB",
              help="SQLite file or postgresql:// URL (env BILATERAL_DB).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. The default serves this machine only; 0.0.0.0 serves the network.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option("--token", default=None, envvar="BILATERAL_TOKEN",
              help="Turn on POST /api/ingest for requests that send this token (env BILATERAL_TOKEN).")
@click.option("--max-body", type=click.IntRange(min=1), default=DEFAULT_MAX_BODY, show_default=True,
              help="Largest request body accepted, in bytes (413 beyond).")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Server processes (uvicorn workers).")
def serve_command(db: str, host: str, port: int, token: str | None, max_body: int, workers: int) -> None:
    """Serve the web UI and the JSON API over a store (read-only unless --token)."""
    import uvicorn

    from bilateral.serve.app import create_app

    try:  # open (and migrate) the store once here, so a bad --db or --token fails before the server starts
        create_app(db, token=token, max_body=max_body).state.store.close()
    except BilateralError as e:
        raise click.ClickException(str(e)) from None
    if host not in LOOPBACK:
        click.echo(f"bilateral: serving on {host}: reachable from other machines", err=True)
    click.echo(f"bilateral: http://{'[' + host + ']' if ':' in host else host}:{port}/  (Ctrl+C stops)", err=True)
    # The app is built in each worker process from these settings (uvicorn's factory).
    os.environ.update(BILATERAL_SERVE_DB=db, BILATERAL_SERVE_MAX_BODY=str(max_body))
    if token is not None:
        os.environ["BILATERAL_SERVE_TOKEN"] = token
    uvicorn.run("bilateral.serve.cli:app_from_environment", factory=True, host=host, port=port, workers=workers,
                log_level="warning", server_header=False, proxy_headers=False)


def app_from_environment():  # noqa: ANN201 - a FastAPI app
    """The app of ``bilateral serve``, built in each server process from what the command set."""
    from bilateral.serve.app import create_app

    return create_app(os.environ["BILATERAL_SERVE_DB"], token=os.environ.get("BILATERAL_SERVE_TOKEN"),
                      max_body=int(os.environ["BILATERAL_SERVE_MAX_BODY"]))
