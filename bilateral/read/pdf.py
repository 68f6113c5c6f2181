"""PDF to text: the text layer, page by page, with pypdf."""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass

from pypdf import PdfReader
from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

from bilateral.errors import BinaryDocument, EmptyDocument, UndecodableDocument
from bilateral.read.sniff import binary_kind, is_pdf
from bilateral.read.text import normalize_newlines

# pypdf warns (via logging) about every small defect it repairs; without a
# handler Python would print those on stderr. Keep them for applications that
# configure logging, silent otherwise.
logging.getLogger("pypdf").addHandler(logging.NullHandler())

PAGE_SEPARATOR = "\n\n"


@dataclass(slots=True)
class PdfContent:
    """The text layer of a PDF and what its document information says."""

    text: str
    pages: int
    title: str | None = None


def read_pdf(data: bytes, source: str) -> PdfContent:
    """Extract the text layer of a PDF, pages joined by a blank line.

    Raises ``EmptyDocument`` for a PDF without a text layer (scanned pages need
    OCR first) and ``UndecodableDocument`` for an encrypted or broken one.
    """
    if not is_pdf(data):
        kind = binary_kind(data)
        if kind is not None:
            raise BinaryDocument(source, f"binary file ({kind}), not a text, HTML or PDF document")
        raise UndecodableDocument(source, "not a PDF file (no %PDF- header)")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            _decrypt(reader, source)
        texts = [normalize_newlines(page.extract_text() or "") for page in reader.pages]
        title = _title(reader)
    except (UndecodableDocument, EmptyDocument):
        raise
    except FileNotDecryptedError:
        raise UndecodableDocument(source, "encrypted PDF: a password is needed to read it") from None
    except Exception as exc:
        # pypdf raises many kinds of errors on damaged files (PdfReadError,
        # but also KeyError, ValueError, RecursionError, ...); to the caller
        # they all mean the same thing.
        raise UndecodableDocument(source, f"broken PDF ({_reason(exc)})") from None
    text = PAGE_SEPARATOR.join(texts)
    if not text.strip():
        raise EmptyDocument(
            source, f"PDF without a text layer ({len(texts)} page{'s' if len(texts) != 1 else ''} of images?); "
                    "run OCR on it first")
    return PdfContent(text=text, pages=len(texts), title=title)


def _decrypt(reader: PdfReader, source: str) -> None:
    # Many PDFs are "encrypted" only to set permissions, with an empty user
    # password: those open for any reader, and so they should here.
    try:
        if reader.decrypt(""):
            return
    except DependencyError as exc:
        raise UndecodableDocument(source, f"encrypted PDF that pypdf cannot decrypt here ({exc})") from None
    except PdfReadError as exc:
        raise UndecodableDocument(source, f"encrypted PDF ({exc})") from None
    raise UndecodableDocument(source, "encrypted PDF: a password is needed to read it")


def _title(reader: PdfReader) -> str | None:
    try:
        info = reader.metadata
        title = info.title if info is not None else None
    except Exception:
        # The information dictionary is optional and often malformed; the
        # text is what matters.
        return None
    if not isinstance(title, str):
        return None
    title = " ".join(title.split())
    return title or None


def _reason(exc: BaseException) -> str:
    message = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__
