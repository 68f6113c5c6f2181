"""Briefs: a country pair's fact sheet with citations, as HTML, Markdown or PDF.

    from bilateral.store import open_store
    from bilateral import brief

    store = open_store("demo.db")
    b = brief.gather(store, "KH-KR", since="2000")      # -> Brief (plain data, written for readers)
    html = brief.to_html(b)                              # one self-contained page (inline CSS and SVG)
    text = brief.to_markdown(b)                          # Markdown with [^n] footnotes
    pdf = brief.to_pdf(b, size="Letter")                 # bytes: A4 (default) or Letter pages
    brief.write(store, "KH-KR", "kh-kr.pdf")             # the format from the suffix, or fmt=...

For a web route: ``brief_html(store, pair)`` and ``brief_pdf(store, pair)``
return the page and the PDF bytes in one call. ``stylesheet()`` is the CSS,
for a page that links it (``to_html(b, css_href=...)``) under a strict
Content-Security-Policy. Contents: the relationship at a glance (headline
figures with period and sources, how relations began and resumed), a
chronology of canonical events, charts of the headline series
(``bilateral.charts``), the figures that disagree with their explanation, the
sources, and numbered notes quoting each cited sentence with its document.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from bilateral.brief.content import Brief, gather
from bilateral.brief.render import stylesheet, to_html, to_markdown
from bilateral.errors import UsageError

if TYPE_CHECKING:
    from bilateral.store import Store

__all__ = ["FORMATS", "Brief", "brief_html", "brief_pdf", "gather", "stylesheet", "to_html", "to_markdown",
           "to_pdf", "write"]

FORMATS = ("html", "md", "pdf")


def to_pdf(brief: Brief, *, size: str = "A4") -> bytes:
    """The brief as PDF bytes on A4 or Letter pages."""
    from bilateral.brief.pdf import html_to_pdf

    return html_to_pdf(to_html(brief, size=size))


def brief_html(store: Store, pair: str, *, since: str | None = None, css_href: str | None = None) -> str:
    """The brief of ``pair`` as an HTML page (for a web route)."""
    return to_html(gather(store, pair, since=since), css_href=css_href)


def brief_pdf(store: Store, pair: str, *, since: str | None = None, size: str = "A4") -> bytes:
    """The brief of ``pair`` as PDF bytes (for a web route's download)."""
    return to_pdf(gather(store, pair, since=since), size=size)


def write(store: Store, pair: str, output: str | Path, *, fmt: str | None = None, since: str | None = None,
          size: str = "A4") -> Path:
    """Write the brief of ``pair`` to ``output``; ``fmt`` (html, md, pdf) defaults to the file's suffix."""
    path = Path(output)
    fmt = (fmt or path.suffix.lstrip(".")).lower()
    fmt = {"markdown": "md", "htm": "html"}.get(fmt, fmt)
    if fmt not in FORMATS:
        raise UsageError(f"{path}: give a format (html, md or pdf) or a file ending in one")
    b = gather(store, pair, since=since)
    if fmt == "pdf":
        path.write_bytes(to_pdf(b, size=size))
    else:
        path.write_text(to_html(b, size=size) if fmt == "html" else to_markdown(b), encoding="utf-8")
    return path
