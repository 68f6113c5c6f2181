"""The reading layer: files, folders, archives and URLs to ``Document`` objects.

``read`` reads one file or URL; ``iter_documents`` reads many, expanding
folders, and yields the error of a broken document in its place instead of
raising it, so a batch can report it and go on. Every problem is a
``ReadError`` subclass (``bilateral.errors``) whose message names the file or
URL and says what is wrong with it.

``Document.text`` is what evidence offsets index. For a text file it is
exactly what ``Path.read_text(encoding=document.encoding)`` returns:
byte-order mark dropped, ``\\r\\n`` and ``\\r`` turned into ``\\n``. For HTML
it is the article's main text, for a PDF the text layer of its pages.

The modules behind this one each do one job: ``text`` decoding, ``html``,
``pdf``, ``meta`` sidecars, ``fetch`` URLs (``bilateral.read.fetch.fetch``
for the raw bytes), ``files`` the file system, ``sniff`` magic numbers,
``document`` putting them together.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

from bilateral.errors import ReadError, UnreadableDocument, UsageError
from bilateral.model import Document
from bilateral.read.document import is_url, read_file, read_url
from bilateral.read.files import FOLDER_SUFFIXES, READABLE_EXTENSIONS, container_kind, walk
from bilateral.read.jsonl import iter_jsonl, line_ranges
from bilateral.read.limits import DEFAULT_MAX_BYTES, check_max_bytes
from bilateral.read.warc import iter_warc, record_ranges

__all__ = [
    "DEFAULT_MAX_BYTES",
    "READABLE_EXTENSIONS",
    "ReadTask",
    "iter_documents",
    "plan",
    "read",
]

Source = str | os.PathLike[str]


def read(
    source: Source,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    allow_private: bool = False,
    doc_id: str | None = None,
) -> Document:
    """Read one file or http(s) URL into a ``Document``.

    A file is read whatever its extension: PDFs are recognised by their
    header, ``.html``/``.htm``/``.xhtml`` (or a file that starts like HTML) as
    HTML, anything else as text in whatever encoding it uses. A sidecar
    ``<file name>.meta.json`` beside it fills in ``published``, ``url``,
    ``title``, ``publisher`` and ``language``. A URL is fetched with
    ``fetch`` (``allow_private`` lifts its refusal of private addresses).

    The id is ``doc_id`` if given, else the file's base name or the URL;
    ``source`` is the path or URL as given. Raises a ``ReadError`` subclass:
    ``EmptyDocument``, ``BinaryDocument``, ``UndecodableDocument``,
    ``DocumentTooLarge`` (over ``max_bytes``), ``UnreadableDocument`` (missing,
    a folder, no permission) or ``FetchError``.
    """
    check_max_bytes(max_bytes)
    if isinstance(source, str) and is_url(source):
        return read_url(source, doc_id=doc_id or source, max_bytes=max_bytes, allow_private=allow_private)
    path = _path(source)
    return read_file(path, doc_id=doc_id or os.path.basename(path), max_bytes=max_bytes)


# A container is read in ranges of about this much, each a task of its own:
# a million-line JSON Lines file is spread over the workers, a few hundred
# articles at a time.
CONTAINER_TASK_BYTES = 1024 * 1024


@dataclass(frozen=True, slots=True)
class ReadTask:
    """Something to read: a file or a URL (one document), or a byte range of a
    JSON Lines file or WARC archive (many), with the id a single document's
    records will carry.

    ``meta`` fills what the document itself does not say (a feed entry's
    title and date). Tasks are plain data, so they can be sent to worker
    processes; ``documents`` reads one.
    """

    kind: Literal["file", "url", "jsonl", "warc"]
    location: str
    doc_id: str
    meta: tuple[tuple[str, str], ...] = ()
    start: int = 0  # containers: the byte range [start, end) of whole lines or records
    end: int | None = None
    first_line: int = 1  # JSON Lines: the line number at ``start``, which names a broken line

    @property
    def is_container(self) -> bool:
        return self.kind in ("jsonl", "warc")

    def run(self, *, max_bytes: int = DEFAULT_MAX_BYTES, allow_private: bool = False) -> Document:
        """The one document of a file or URL task (raises its ``ReadError``)."""
        if self.is_container:
            raise UsageError(f"{self.location}: holds many documents; read them with ReadTask.documents()")
        if self.kind == "url":
            document = read_url(self.location, doc_id=self.doc_id, max_bytes=max_bytes, allow_private=allow_private)
        else:
            document = read_file(self.location, doc_id=self.doc_id, max_bytes=max_bytes)
        for name, value in self.meta:
            if not getattr(document, name, None):
                setattr(document, name, value)
        return document

    def documents(self, *, max_bytes: int = DEFAULT_MAX_BYTES,
                  allow_private: bool = False) -> Iterator[Document | ReadError]:
        """Every document of the task, a broken one as its ``ReadError`` (never raised)."""
        if self.kind == "jsonl":
            yield from iter_jsonl(self.location, start=self.start, end=self.end, first_line=self.first_line,
                                  max_bytes=max_bytes)
        elif self.kind == "warc":
            yield from iter_warc(self.location, start=self.start, end=self.end, max_bytes=max_bytes)
        else:
            yield _attempt(self.run, max_bytes=max_bytes, allow_private=allow_private)


def plan(sources: Iterable[Source] | Source) -> Iterator[ReadTask | ReadError]:
    """The documents ``sources`` name, as tasks, without reading them.

    Folders are walked recursively in sorted order, skipping hidden files and
    folders and ``*.meta.json`` sidecars, and taking only files with a readable
    extension (``READABLE_EXTENSIONS``) and containers; such a file's id is its
    path relative to the folder given, with ``/`` separators. Files given
    explicitly are read whatever their extension, with their base name as id;
    a URL's id is the URL. Containers, JSON Lines of articles (``.jsonl``,
    ``.ndjson``: ``{"id", "text", "published", "url", ...}`` a line) and WARC
    archives (``.warc``, ``.warc.gz``), are cut into tasks of about
    ``CONTAINER_TASK_BYTES``; their documents carry their own ids (see
    ``bilateral.read.jsonl`` and ``bilateral.read.warc``). A folder entry or
    container that cannot be listed is yielded as its ``ReadError``.
    """
    # A lone path is iterable too (its characters); take it as one source.
    if isinstance(sources, str | os.PathLike):
        sources = [sources]
    for source in sources:
        if isinstance(source, str) and is_url(source):
            yield ReadTask("url", source, source)
            continue
        path = _path(source)
        if not os.path.isdir(path):
            yield from _file_tasks(path, os.path.basename(path))
            continue
        for found in walk(path, FOLDER_SUFFIXES):
            if isinstance(found, ReadError):
                yield found
            else:
                yield from _file_tasks(found.path, found.doc_id)


def _file_tasks(path: str, doc_id: str) -> Iterator[ReadTask | ReadError]:
    kind = container_kind(path)
    if kind is None:
        yield ReadTask("file", path, doc_id)
        return
    try:
        if kind == "jsonl":
            ranges = [(start, end, first) for start, end, first in line_ranges(path, CONTAINER_TASK_BYTES)]
        else:
            ranges = [(start, end, 1) for start, end in record_ranges(path, CONTAINER_TASK_BYTES)]
    except OSError as exc:
        yield UnreadableDocument(path, (exc.strerror or str(exc)).lower())
        return
    except ReadError as error:
        yield error
        return
    for start, end, first in ranges:
        yield ReadTask(kind, path, doc_id, start=start, end=end, first_line=first)


def iter_documents(
    sources: Iterable[Source],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    allow_private: bool = False,
) -> Iterator[Document | ReadError]:
    """Read files, folders, containers and URLs; yield a ``Document`` or a ``ReadError`` for each.

    Sources are expanded as ``plan`` does. A document that cannot be read is
    yielded as its ``ReadError`` (not raised) so the caller can report it and
    go on; documents are read one at a time, as iterated.
    """
    check_max_bytes(max_bytes)
    for task in plan(sources):
        if isinstance(task, ReadError):
            yield task
        else:
            yield from task.documents(max_bytes=max_bytes, allow_private=allow_private)


def _attempt(reader: Callable[..., Document], *args: Any, **kwargs: Any) -> Document | ReadError:
    try:
        return reader(*args, **kwargs)
    except ReadError as error:
        return error


def _path(source: Source) -> str:
    try:
        path = os.fspath(source)
    except TypeError:
        raise UsageError(f"a document source must be a path or URL string, not {type(source).__name__}") from None
    if not isinstance(path, str):
        raise UsageError(f"a document path must be text, not {type(path).__name__}")
    if not path:
        raise UsageError("empty document path")
    return path
