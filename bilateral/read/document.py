"""Bytes, and where they came from, to a ``Document``: pick the reader, fill the metadata."""

from __future__ import annotations

import re
from typing import Any, Literal

from bilateral.errors import EmptyDocument
from bilateral.model import Document
from bilateral.read.fetch import fetch, parse_content_type
from bilateral.read.files import HTML_EXTENSIONS, PDF_EXTENSIONS, TEXT_EXTENSIONS, extension, read_bytes
from bilateral.read.html import read_html
from bilateral.read.meta import load_sidecar
from bilateral.read.pdf import read_pdf
from bilateral.read.sniff import is_pdf, looks_like_html
from bilateral.read.text import decode_text

Kind = Literal["text", "html", "pdf"]

# "scheme://": anything that looks like a URL goes to the fetcher, which
# refuses all but http(s), rather than being taken for a relative file name.
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")


def is_url(source: str) -> bool:
    """True if ``source`` is written as a URL (``scheme://...``) rather than a path."""
    return _URL.match(source) is not None


def kind_of_file(path: str, data: bytes) -> Kind:
    """Which reader a file needs: by its content for PDFs, else by its extension.

    A file with another extension (or none) is read as text, or as HTML if it
    starts like an HTML document (a page saved without an extension).
    """
    suffix = extension(path)
    # A PDF saved as ".txt" cannot be read as text anyway; the magic decides.
    if suffix in PDF_EXTENSIONS or is_pdf(data):
        return "pdf"
    if suffix in HTML_EXTENSIONS:
        return "html"
    if suffix in TEXT_EXTENSIONS:
        return "text"
    return "html" if looks_like_html(data) else "text"


def kind_of_media_type(media_type: str) -> Kind:
    """Which reader a fetched body needs, from its (already allowed) media type."""
    if media_type == "application/pdf":
        return "pdf"
    if media_type in ("text/html", "application/xhtml+xml"):
        return "html"
    return "text"


def read_file(path: str, *, doc_id: str, max_bytes: int) -> Document:
    """Read the file at ``path`` (and its sidecar, if any) into a ``Document``."""
    data = read_bytes(path, max_bytes)
    if not data:
        raise EmptyDocument(path, "empty file (0 bytes)")
    media_type = "text/markdown" if extension(path) == ".md" else "text/plain"
    document = build(data, kind=kind_of_file(path, data), doc_id=doc_id, source=path, text_media_type=media_type)
    sidecar = load_sidecar(path)
    if sidecar is not None:
        sidecar.apply(document)
    return document


def read_url(url: str, *, doc_id: str, max_bytes: int, allow_private: bool) -> Document:
    """Fetch ``url`` (see ``fetch``) and read the body into a ``Document``."""
    body, content_type, final_url = fetch(url, allow_private=allow_private, max_bytes=max_bytes)
    return from_response(url, body, content_type, final_url, doc_id=doc_id)


def from_response(url: str, body: bytes, content_type: str, final_url: str, *, doc_id: str) -> Document:
    """A ``Document`` of a fetched body (see ``fetch``)."""
    if not body:
        raise EmptyDocument(url, "empty response (0 bytes)")
    media_type, charset = parse_content_type(content_type)
    # Servers label PDFs as text/html or text/plain often enough (download
    # scripts); the PDF header is the better witness.
    kind = "pdf" if is_pdf(body) else kind_of_media_type(media_type)
    document = build(body, kind=kind, doc_id=doc_id, source=url, url=final_url, charset=charset)
    document.metadata.update({"final_url": final_url, "content_type": content_type})
    return document


def build(
    data: bytes,
    *,
    kind: Kind,
    doc_id: str,
    source: str,
    url: str | None = None,
    charset: str | None = None,
    text_media_type: str = "text/plain",
) -> Document:
    """Make a ``Document`` of ``data`` with the reader for ``kind``.

    ``url`` is where the data was fetched from (the fallback for the document's
    URL), ``charset`` what the transport declared.
    """
    metadata: dict[str, Any] = {}
    if kind == "pdf":
        pdf = read_pdf(data, source)
        metadata["pages"] = pdf.pages
        return Document(
            id=doc_id, text=pdf.text, source=source, title=pdf.title, url=url,
            media_type="application/pdf", metadata=metadata,
        )
    if kind == "html":
        page = read_html(data, source, url=url, charset=charset)
        metadata["extractor"] = page.extractor
        return Document(
            id=doc_id, text=page.text, source=source, title=page.title, published=page.published,
            url=page.url, publisher=page.publisher, language=page.language, media_type="text/html",
            encoding=page.encoding, metadata=metadata,
        )
    decoded = decode_text(data, source, declared=charset)
    if not decoded.text.strip():
        raise EmptyDocument(source, f"no text, only whitespace ({len(data):,} bytes)")
    return Document(
        id=doc_id, text=decoded.text, source=source, url=url, media_type=text_media_type,
        encoding=decoded.encoding, metadata=metadata,
    )
