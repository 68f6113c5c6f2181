"""The file system side: reading a file within a size limit, walking folders."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass

from bilateral.errors import DocumentTooLarge, ReadError, UnreadableDocument

# What a folder walk picks up. Files named explicitly are read whatever their
# extension; in a folder, anything else (images, spreadsheets, notes to self)
# is most likely not meant as a source.
TEXT_EXTENSIONS = frozenset({".txt", ".text", ".md"})
HTML_EXTENSIONS = frozenset({".html", ".htm", ".xhtml"})
PDF_EXTENSIONS = frozenset({".pdf"})
READABLE_EXTENSIONS = TEXT_EXTENSIONS | HTML_EXTENSIONS | PDF_EXTENSIONS
# Containers: files of many documents, read article by article (``jsonl``, ``warc``).
JSONL_SUFFIXES = (".jsonl", ".ndjson")
WARC_SUFFIXES = (".warc", ".warc.gz")
FOLDER_SUFFIXES = tuple(sorted(READABLE_EXTENSIONS)) + JSONL_SUFFIXES + WARC_SUFFIXES

_SIDECAR_SUFFIX = ".meta.json"


@dataclass(frozen=True, slots=True)
class FoundFile:
    """A file found in a folder: its path and its id (path relative to the folder, ``/``-separated)."""

    path: str
    doc_id: str


def container_kind(path: str) -> str | None:
    """"jsonl" or "warc" for a file of many documents (by its name), else None."""
    name = path.lower()
    if name.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if name.endswith(WARC_SUFFIXES):
        return "warc"
    return None


def extension(path: str) -> str:
    """The lower-cased extension of ``path`` (".txt"), or ""."""
    return os.path.splitext(path)[1].lower()


def read_bytes(path: str, max_bytes: int) -> bytes:
    """Read a whole regular file, refusing it before reading if it is over ``max_bytes``.

    Raises ``UnreadableDocument`` (missing, a folder, a device or pipe,
    permission denied) or ``DocumentTooLarge``.
    """
    try:
        # stat before open: opening a FIFO would block until a writer shows up,
        # and a size over the limit is refused without reading anything.
        info = os.stat(path)
    except OSError as exc:
        raise UnreadableDocument(path, _os_problem(exc)) from None
    if stat.S_ISDIR(info.st_mode):
        raise UnreadableDocument(path, "is a folder, not a file (iter_documents() reads folders)")
    if not stat.S_ISREG(info.st_mode):
        raise UnreadableDocument(path, "not a regular file (a device, pipe or socket)")
    if info.st_size > max_bytes:
        raise DocumentTooLarge(path, _too_large(info.st_size, max_bytes))
    try:
        with open(path, "rb") as handle:
            # One byte more than allowed: a file that grew since the stat
            # is caught without reading all of it.
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise UnreadableDocument(path, _os_problem(exc)) from None
    if len(data) > max_bytes:
        raise DocumentTooLarge(path, f"more than the limit of {max_bytes:,} bytes")
    return data


def walk(folder: str, suffixes: tuple[str, ...] | None = None) -> Iterator[FoundFile | ReadError]:
    """Readable files under ``folder``, recursively, in sorted order.

    ``suffixes`` (lower case, e.g. ``(".jsonl", ".warc.gz")``) replaces the
    readable extensions as the files to pick up.

    Hidden files and folders (a leading ".") and ``*.meta.json`` sidecars are
    skipped, and so are symbolic links to folders (they can loop). A sub-folder
    that cannot be listed, or a broken link, is yielded as an error in its place,
    so one bad corner does not hide the rest.
    """
    # An explicit stack, not recursion: folder depth is not bounded by Python's
    # recursion limit. Each item is (path, id parts so far, its remaining entries).
    try:
        stack = [(folder, (), _entries(folder))]
    except OSError as exc:
        yield UnreadableDocument(folder, _os_problem(exc))
        return
    while stack:
        path, parts, entries = stack[-1]
        entry = next(entries, None)
        if entry is None:
            stack.pop()
            continue
        entry_path = os.path.join(path, entry.name)
        entry_parts = (*parts, entry.name)
        if entry.name.startswith("."):
            continue
        try:
            is_dir = entry.is_dir(follow_symlinks=False)
            is_file = entry.is_file()
            is_link = entry.is_symlink()
        except OSError as exc:
            yield UnreadableDocument(entry_path, _os_problem(exc))
            continue
        if is_dir:
            try:
                stack.append((entry_path, entry_parts, _entries(entry_path)))
            except OSError as exc:
                yield UnreadableDocument(entry_path, f"cannot list folder: {_os_problem(exc)}")
            continue
        name = entry.name.lower()
        if name.endswith(_SIDECAR_SUFFIX) or (
                not name.endswith(suffixes) if suffixes else extension(name) not in READABLE_EXTENSIONS):
            continue
        if is_file:
            yield FoundFile(entry_path, "/".join(entry_parts))
        elif is_link and not os.path.exists(entry_path):
            yield UnreadableDocument(entry_path, "broken symbolic link")


def _entries(folder: str) -> Iterator[os.DirEntry[str]]:
    with os.scandir(folder) as scan:
        # Sorted by name: the same folder always yields documents in the same
        # order, whatever the file system returns.
        return iter(sorted(scan, key=lambda entry: entry.name))


def _os_problem(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "no such file or folder"
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, IsADirectoryError):
        return "is a folder, not a file"
    if exc.errno == errno.ELOOP:
        return "too many levels of symbolic links"
    return (exc.strerror or str(exc)).lower()


def _too_large(size: int, limit: int) -> str:
    return f"file is {size:,} bytes, over the limit of {limit:,} bytes"
