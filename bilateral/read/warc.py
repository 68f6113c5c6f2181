"""WARC web archives (warcio): each archived page a document.

``response`` records with an HTTP 2xx status and ``resource`` records are
documents when their media type is one bilateral reads (HTML, XHTML, PDF,
plain text); their bytes go through the same readers as a file or a fetched
URL (``bilateral.read.document.build``), so an archived page reads exactly as
the live one would. Requests, metadata, redirects, images, scripts and the
like are not documents and are passed over. A document's id is its
``WARC-Target-URI`` (the id ``bilateral extract URL`` gives the live page).

Files are either uncompressed or gzipped record by record (the usual
``.warc.gz``), so that a worker can start at any record's offset.
"""

from __future__ import annotations

from collections.abc import Iterator

from bilateral.errors import DocumentTooLarge, EmptyDocument, ReadError, UnreadableDocument
from bilateral.model import Document
from bilateral.read.document import build, kind_of_media_type
from bilateral.read.fetch import parse_content_type
from bilateral.read.sniff import is_pdf

DOCUMENT_TYPES = frozenset({"text/html", "application/xhtml+xml", "application/pdf", "text/plain"})


def iter_warc(path: str, *, start: int = 0, end: int | None = None,
              max_bytes: int) -> Iterator[Document | ReadError]:
    """The documents of the records of ``path`` that start in the byte range ``[start, end)``.

    ``start`` must be a record's offset (0 for the first). A record that is a
    document but cannot be read is yielded as its ``ReadError``; an archive
    that cannot be parsed from there on yields one ``ReadError`` and stops.
    """
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed in the finally below
    except OSError as exc:
        yield UnreadableDocument(path, (exc.strerror or str(exc)).lower())
        return
    try:
        handle.seek(start)
        records = ArchiveIterator(handle)
        offset = start
        try:
            for record in records:
                if end is not None and offset >= end:
                    break
                if record.format != "warc":
                    yield ReadError(path, f"not a WARC file (no WARC record header at byte {offset:,})")
                    return
                found = _document(record, path, offset, max_bytes)
                if found is not None:
                    yield found
                offset = records.get_record_offset() + records.get_record_length()
        except (ArchiveLoadFailed, ValueError, OSError, EOFError) as exc:
            yield ReadError(path, f"not a readable WARC file from byte {offset:,} on ({_short(exc)})")
    finally:
        handle.close()


def record_offsets(path: str) -> list[int]:
    """The byte offset of every record of ``path``, in order; raises ``ReadError`` if it cannot be parsed."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    offsets: list[int] = []
    try:
        with open(path, "rb") as handle:
            records = ArchiveIterator(handle)
            for record in records:
                # warcio falls back to the old ARC format for anything it cannot parse as WARC.
                if record.format != "warc":
                    raise ReadError(path, f"not a WARC file (no WARC record header at byte "
                                          f"{records.get_record_offset():,})")
                offsets.append(records.get_record_offset())
    except OSError as exc:
        raise UnreadableDocument(path, (exc.strerror or str(exc)).lower()) from None
    except (ArchiveLoadFailed, ValueError, EOFError) as exc:
        raise ReadError(path, f"not a readable WARC file ({_short(exc)})") from None
    return offsets


def record_ranges(path: str, unit_bytes: int) -> list[tuple[int, int | None]]:
    """Cut ``path`` into ``(start, end)`` byte ranges of about ``unit_bytes``, at record starts."""
    ranges: list[tuple[int, int | None]] = []
    start = 0
    for offset in record_offsets(path):
        if offset - start >= unit_bytes:
            ranges.append((start, offset))
            start = offset
    ranges.append((start, None))
    return ranges


def _document(record, path: str, offset: int, max_bytes: int) -> Document | ReadError | None:  # noqa: ANN001 - warcio's ArcWarcRecord
    if record.rec_type == "response":
        http = record.http_headers
        if http is None or not (http.get_statuscode() or "").startswith("2"):
            return None
        content_type = http.get_header("Content-Type")
    elif record.rec_type == "resource":
        content_type = record.rec_headers.get_header("Content-Type")
    else:
        return None
    media_type, charset = parse_content_type(content_type)
    if media_type not in DOCUMENT_TYPES:
        return None
    uri = record.rec_headers.get_header("WARC-Target-URI") or f"{path}@{offset}"
    where = f"{path}: {uri}"
    try:
        data = record.content_stream().read(max_bytes + 1)
        if len(data) > max_bytes:
            raise DocumentTooLarge(where, f"more than the limit of {max_bytes:,} bytes")
        if not data:
            raise EmptyDocument(where, "empty record (0 bytes)")
        kind = "pdf" if is_pdf(data) else kind_of_media_type(media_type)
        document = build(data, kind=kind, doc_id=uri, source=where, url=uri, charset=charset)
    except ReadError as error:
        return error
    except (ValueError, OSError, EOFError) as exc:  # a truncated or corrupt payload (bad gzip, chunking)
        return ReadError(where, f"unreadable record payload ({_short(exc)})")
    document.metadata.update({"warc_date": record.rec_headers.get_header("WARC-Date"), "warc_offset": offset})
    return document


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:200] if text else type(exc).__name__
