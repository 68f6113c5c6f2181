"""The app's own static assets (stylesheet, chart script), held in memory.

They are read once from the package when the app is made; a request for
``/static/NAME`` is a lookup in this table, so no request path ever reaches
the file system. Each asset has a content hash for its URL (``?v=``), so
browsers may cache it for long.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from importlib import resources

_TYPES = {".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8",
          ".svg": "image/svg+xml", ".ico": "image/x-icon", ".png": "image/png",
          ".woff2": "font/woff2"}


@dataclass(frozen=True, slots=True)
class Asset:
    body: bytes
    media_type: str
    version: str


def load() -> dict[str, Asset]:
    """Every file of ``bilateral/serve/static`` by name."""
    out = {}
    for entry in resources.files("bilateral.serve").joinpath("static").iterdir():
        suffix = "." + entry.name.rsplit(".", 1)[-1]
        if entry.is_file() and suffix in _TYPES:
            body = entry.read_bytes()
            out[entry.name] = Asset(body, _TYPES[suffix], hashlib.sha256(body).hexdigest()[:12])
    # The brief's stylesheet, so the brief page links it (the CSP allows no inline style).
    from bilateral.brief.render import stylesheet

    body = stylesheet().encode("utf-8")
    out["brief.css"] = Asset(body, _TYPES[".css"], hashlib.sha256(body).hexdigest()[:12])
    return out
