"""The web UI and JSON API over a store: ``bilateral serve``.

    >>> from bilateral.serve import create_app
    >>> app = create_app("bilateral.db")   # an ASGI app; run it with uvicorn

Pages (``pages``) and API (``api``) call the same query functions as the
command line (``bilateral.query``). Reading needs no JavaScript; charts are
server-rendered SVG (``bilateral.charts``) with a small script of ours for
hover and focus. Every asset is served by the app (``assets``), with a
Content-Security-Policy that allows nothing else (``security``). Writing
(``POST /api/ingest``) is off unless the server has a token (``ingest``).
"""

from __future__ import annotations

from typing import Any

__all__ = ["DEFAULT_MAX_BODY", "create_app"]


def __getattr__(name: str) -> Any:
    # Lazily: the command line imports bilateral.serve.cli, and should not pay for FastAPI unless it serves.
    if name in __all__:
        from bilateral.serve import app

        return getattr(app, name)
    raise AttributeError(name)
