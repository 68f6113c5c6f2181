"""JSON Lines of articles: one JSON object a line, each a document.

A line is ``{"id", "text", "published", "url", "title", "publisher",
"language", ...}``; ``text`` is required unless the line carries ``html``
instead (then it goes through the HTML reader, as a page on disk would).
Other fields go to ``Document.metadata``. A document's id is its ``id``
(a string or integer), else ``<file name>:<line number>``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

from bilateral.errors import (
    DocumentTooLarge,
    EmptyDocument,
    ReadError,
    UnreadableDocument,
)
from bilateral.model import Document
from bilateral.read.document import build
from bilateral.read.meta import KNOWN_FIELDS, json_object, parse_field
from bilateral.read.text import normalize_newlines

_RESERVED = frozenset({"id", "text", "html", *KNOWN_FIELDS})


def iter_jsonl(path: str, *, start: int = 0, end: int | None = None, first_line: int = 1,
               max_bytes: int) -> Iterator[Document | ReadError]:
    """The articles of ``path`` whose lines start in the byte range ``[start, end)``.

    ``start`` must be the start of a line (0, or just after a newline) and
    ``first_line`` its line number, which names a broken line in its error
    (``corpus.jsonl:1234``). A line that is not a usable article is yielded as
    its ``ReadError``; blank lines are skipped.
    """
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed in the finally below, after the generator is done
    except OSError as exc:
        yield UnreadableDocument(path, (exc.strerror or str(exc)).lower())
        return
    try:
        handle.seek(start)
        position, number = start, first_line
        name = os.path.basename(path)
        while end is None or position < end:
            raw = handle.readline(max_bytes + 2)
            if not raw:
                break
            where = f"{path}:{number}"
            if len(raw) > max_bytes and not raw.endswith(b"\n"):
                # The rest of an oversized line is skipped without holding it in memory.
                while raw and not raw.endswith(b"\n"):
                    position += len(raw)
                    raw = handle.readline(1 << 20)
                position += len(raw)
                number += 1
                yield DocumentTooLarge(where, f"line is over the limit of {max_bytes:,} bytes")
                continue
            position += len(raw)
            number += 1
            if raw.strip():
                yield _attempt(raw, where, f"{name}:{number - 1}", max_bytes)
    finally:
        handle.close()


def _attempt(raw: bytes, where: str, fallback_id: str, max_bytes: int) -> Document | ReadError:
    try:
        return article(raw, where, fallback_id=fallback_id, max_bytes=max_bytes)
    except ReadError as error:
        return error


def article(raw: bytes, where: str, *, fallback_id: str, max_bytes: int) -> Document:
    """One JSON Lines article (a line's bytes) to a ``Document``; ``where`` names it in errors."""
    value = json_object(raw, where, "line")
    doc_id = value.get("id")
    if isinstance(doc_id, bool) or not isinstance(doc_id, str | int | type(None)):
        raise ReadError(where, f"\"id\" must be a string or an integer, not {type(doc_id).__name__}")
    doc_id = str(doc_id) if doc_id is not None and str(doc_id).strip() else fallback_id
    text, html = value.get("text"), value.get("html")
    if text is None and isinstance(html, str):
        data = html.encode("utf-8")
        if len(data) > max_bytes:
            raise DocumentTooLarge(where, f"HTML is {len(data):,} bytes, over the limit of {max_bytes:,} bytes")
        document = build(data, kind="html", doc_id=doc_id, source=where, charset="utf-8")
    elif not isinstance(text, str):
        raise ReadError(where, "no \"text\" string" if text is None else f"\"text\" must be a string, not {type(text).__name__}")
    else:
        if not text.strip():
            raise EmptyDocument(where, "\"text\" is empty")
        size = len(text.encode("utf-8", "surrogatepass"))
        if size > max_bytes:
            raise DocumentTooLarge(where, f"text is {size:,} bytes, over the limit of {max_bytes:,} bytes")
        document = Document(id=doc_id, text=normalize_newlines(text.removeprefix("\ufeff")), source=where,
                            media_type="text/plain", encoding="utf-8")
    for name in KNOWN_FIELDS:
        field_value = parse_field(where, name, value.get(name))
        if field_value is not None:
            setattr(document, name, field_value)
    document.metadata.update({k: v for k, v in value.items() if k not in _RESERVED})
    return document


def line_ranges(path: str, unit_bytes: int) -> list[tuple[int, int, int]]:
    """Cut ``path`` into ``(start, end, first line)`` byte ranges of about ``unit_bytes``, at line starts."""
    ranges: list[tuple[int, int, int]] = []
    start = position = 0
    first = number = 1
    with open(path, "rb") as handle:
        for raw in handle:
            position += len(raw)
            number += 1
            if position - start >= unit_bytes:
                ranges.append((start, position, first))
                start, first = position, number
    if position > start:
        ranges.append((start, position, first))
    return ranges

