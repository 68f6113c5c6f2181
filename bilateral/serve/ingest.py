"""``POST /api/ingest``: a file or a URL into the store, over HTTP, for holders of the token.

Off unless the server was started with ``--token``. The request must carry
``Authorization: Bearer TOKEN``: browsers never add that header on their
own, and this app allows no cross-origin requests (no CORS), so a page on
another site cannot make a visitor's browser write (CSRF). A request whose
``Origin`` is another site is refused as well. The token is checked before
the body is read; the body limit (``--max-body``) applies to the whole body.

An uploaded file is read from memory: its name gives the document its id and
its reader (by extension), never a path. A URL must be http(s) and goes
through the same guarded fetch as ``bilateral ingest`` (no loopback, private
or metadata addresses, checked after DNS and on every redirect).
"""

from __future__ import annotations

import hmac
import re
from typing import Any
from urllib.parse import urlsplit

from fastapi import HTTPException, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from bilateral.errors import ReadError
from bilateral.extract import extract
from bilateral.ingest import ingest
from bilateral.model import Document
from bilateral.read.document import build, kind_of_file
from bilateral.reconcile import reconcile
from bilateral.serve.schemas import IngestResult, Problem
from bilateral.store import Store, content_hash

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_UNSAFE = re.compile(r"[\x00-\x1f\x7f]")
META_FIELDS = ("published", "title", "publisher", "url")

OPENAPI: dict[str, Any] = {
    "description": (
        "Needs a server started with `--token` and the header `Authorization: Bearer TOKEN`. Send either "
        "`multipart/form-data` with a `file` (.txt, .md, .html or .pdf; its name becomes the document id) and "
        "optional `published`, `title`, `publisher`, `url`, or a `url` to fetch (http or https; feeds are "
        "expanded), or `application/json` `{\"url\": ...}`. The document is extracted, stored and reconciled "
        "before the answer. Bodies over the server's limit (default 20 MB) get 413."),
    "security": [{"bearer": []}],
    "requestBody": {"required": True, "content": {
        "multipart/form-data": {"schema": {"type": "object", "properties": {
            "file": {"type": "string", "format": "binary"}, "url": {"type": "string", "format": "uri"},
            "published": {"type": "string", "pattern": _DATE.pattern}, "title": {"type": "string"},
            "publisher": {"type": "string"}}}},
        "application/json": {"schema": {"type": "object", "required": ["url"],
                                        "properties": {"url": {"type": "string", "format": "uri"}}}},
    }},
}
RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"model": IngestResult, "description": "Stored (or already there: `unchanged`)."},
    401: {"model": Problem, "description": "No token, or the wrong one."},
    403: {"model": Problem, "description": "Ingest over HTTP is off, or the request came from another site."},
    413: {"model": Problem, "description": "The body is over the server's limit."},
    422: {"model": Problem, "description": "Nothing to ingest, or the document could not be read or fetched."},
}


def check_access(request: Request) -> None:
    """Refuse unless ingest is on, the bearer token matches and the request is not from another site."""
    settings = request.app.state.settings
    if settings.token is None:
        raise HTTPException(403, "ingest over HTTP is off: start the server with bilateral serve --token TOKEN")
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), settings.token.encode()):
        raise HTTPException(401, "give the server's token as: Authorization: Bearer TOKEN",
                            headers={"WWW-Authenticate": "Bearer"})
    origin = request.headers.get("origin")
    if origin and origin != "null" and urlsplit(origin).netloc != request.headers.get("host"):
        raise HTTPException(403, f"cross-site request refused (Origin {origin})")


async def endpoint(request: Request) -> Response:
    from bilateral.serve.app import json_response

    check_access(request)
    settings = request.app.state.settings
    store: Store = request.app.state.store
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type == "application/json":
        try:
            data = await request.json()
        except ValueError:
            raise HTTPException(422, "the body is not valid JSON") from None
        if not isinstance(data, dict):
            raise HTTPException(422, 'send a JSON object: {"url": "https://..."}')
        fields: dict[str, Any] = data
        upload = None
    elif media_type in ("multipart/form-data", "application/x-www-form-urlencoded"):
        form = await request.form(max_files=1, max_fields=10)
        fields = {k: v for k, v in form.items() if isinstance(v, str)}
        upload = form.get("file") if isinstance(form.get("file"), UploadFile) else None
    else:
        raise HTTPException(415, "send multipart/form-data (a file or a url), a form with a url, "
                                 "or application/json ({\"url\": ...})")
    meta = _meta(fields)
    url = fields.get("url")
    if upload is not None:
        name = _safe_name(upload.filename or "")
        content = await upload.read()
        result = await run_in_threadpool(_ingest_upload, store, settings.ingest_lock, name, content, meta)
    elif isinstance(url, str) and url:
        if urlsplit(url).scheme.lower() not in ("http", "https"):
            raise HTTPException(422, f"url {url!r}: only http and https URLs can be ingested")
        result = await run_in_threadpool(_ingest_url, store, settings.ingest_lock, url, settings.allow_private)
    else:
        raise HTTPException(422, "nothing to ingest: send a file or a url")
    return json_response(result)


def _meta(fields: dict[str, Any]) -> dict[str, str]:
    meta = {}
    for name in META_FIELDS:
        value = fields.get(name)
        if value is None or value == "":
            continue
        if not isinstance(value, str) or len(value) > 2000 or _UNSAFE.search(value):
            raise HTTPException(422, f"{name}: give one line of text (at most 2,000 characters)")
        meta[name] = value.strip()
    if "published" in meta and not _DATE.match(meta["published"]):
        raise HTTPException(422, f"published {meta['published']!r}: give a date as 2024, 2024-05 or 2024-05-16")
    # The upload's url is shown as a link: only web addresses, never javascript: or data:.
    if "url" in meta and urlsplit(meta["url"]).scheme.lower() not in ("http", "https"):
        raise HTTPException(422, f"url {meta['url']!r}: only http and https URLs")
    return meta


def _safe_name(filename: str) -> str:
    """The upload's base name without control characters: an id, never a path."""
    base = re.split(r"[/\\]", filename)[-1]
    base = _UNSAFE.sub("", base).strip().lstrip(".")[:200]
    return base or "upload.txt"


def _ingest_upload(store: Store, lock: Any, name: str, content: bytes, meta: dict[str, str]) -> dict[str, Any]:
    try:
        document = build(content, kind=kind_of_file(name, content), doc_id=name, source=f"upload://{name}",
                         url=meta.get("url"))
    except ReadError as e:
        raise HTTPException(422, f"upload {name}: {e.problem}") from None
    for field_name, value in meta.items():
        setattr(document, field_name, value)
    with lock:
        outcome = ingest_document(store, document)
    counts = {"added": 0, "new_versions": 0, "unchanged": 0}
    counts[{"added": "added", "new_version": "new_versions", "unchanged": "unchanged"}[outcome["outcome"]]] = 1
    return {**counts, "records": outcome["records"], "skipped": [], "documents": [outcome]}


def ingest_document(store: Store, document: Document) -> dict[str, Any]:
    """Extract, store and reconcile one document already read; what became of it."""
    if store.has_content(content_hash(document.text)):
        found = store.add_document(document, [])  # finds the stored copy, writes nothing
    else:
        records = extract(document.text, published=document.published, doc_id=document.id)
        found = store.add_document(document, records)
        reconcile(store)
    return {"doc": found.doc, "outcome": found.outcome, "document_id": found.document_id, "records": found.records}


def _ingest_url(store: Store, lock: Any, url: str, allow_private: bool) -> dict[str, Any]:
    with lock:
        report = ingest([url], store, workers=1, allow_private=allow_private)
    if report.skipped and not report.documents:
        raise HTTPException(422, "; ".join(str(e) for e in report.skipped))
    return {"added": report.added, "new_versions": report.new_versions, "unchanged": report.unchanged,
            "records": report.records, "skipped": [str(e) for e in report.skipped], "documents": []}
