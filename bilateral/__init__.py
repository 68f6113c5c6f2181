"""bilateral: a sourced, queryable record of what is written about two countries.

The public API, in one place:

    >>> import bilateral
    >>> doc = bilateral.read("article.txt")
    >>> records = bilateral.extract(doc.text, published=doc.published, doc_id=doc.id)
"""

from __future__ import annotations

from .errors import (
    BilateralError,
    BinaryDocument,
    DocumentTooLarge,
    EmptyDocument,
    FetchError,
    ReadError,
    UndecodableDocument,
    UnreadableDocument,
    UsageError,
)
from .extract import extract, parse_pair
from .model import Claim, Document, Event, Evidence, Period, Record, record_from_dict

__version__ = "0.1.0"

__all__ = [
    "BilateralError", "BinaryDocument", "Claim", "Document", "DocumentTooLarge", "EmptyDocument",
    "Event", "Evidence", "FetchError", "Period", "ReadError", "Record", "UndecodableDocument",
    "UnreadableDocument", "UsageError", "extract", "extract_document", "parse_pair", "read",
    "iter_documents", "record_from_dict",
]

# ``bilateral.read`` is the reading subpackage's ``read`` function: the import
# binds the name to the subpackage, so it is rebound to the function here.
from .read import iter_documents  # noqa: E402
from .read import read as _read_function  # noqa: E402

read = _read_function


def extract_document(doc: Document, *, pair: tuple[str, str] | str | None = None) -> list[Record]:
    """``extract`` over a read ``Document``, with its id and published date."""
    return extract(doc.text, published=doc.published, doc_id=doc.id, pair=pair)
