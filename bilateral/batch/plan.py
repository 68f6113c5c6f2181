"""What a batch reads, cut into units of work.

Inputs are files, folders (walked recursively), glob patterns, JSON Lines
files of articles (``.jsonl``, ``.ndjson``) and WARC files (``.warc``,
``.warc.gz``). A unit is what one worker does in one go and what a rerun
skips once it is done: a run of single-document files, a byte range of a
JSON Lines file (whole lines) or a byte range of a WARC file (whole records),
each about ``unit_bytes`` of input. Units are numbered in input order, so the
same inputs always make the same units; the plan's fingerprint (inputs,
sizes, modification times, options) tells a rerun whether it is resuming the
same batch.
"""

from __future__ import annotations

import glob
import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from typing import Literal

from bilateral.errors import ReadError, UnreadableDocument
from bilateral.read.document import is_url
from bilateral.read.files import FOLDER_SUFFIXES, container_kind, walk
from bilateral.read.jsonl import line_ranges
from bilateral.read.warc import record_ranges

DEFAULT_UNIT_BYTES = 8 * 1024 * 1024
# A unit of small files also stops at this many files: each costs a read and a sidecar look-up.
MAX_FILES_PER_UNIT = 2000
PLAN_VERSION = 2   # 2: documents and records carry their position in the unit

Kind = Literal["files", "jsonl", "warc"]


@dataclass(frozen=True, slots=True)
class Source:
    """One input: a single-document file (with the id ``extract`` gives it) or a container."""

    kind: Literal["file", "jsonl", "warc"]
    path: str
    doc_id: str = ""


@dataclass(frozen=True, slots=True)
class Unit:
    """A unit of work: ``files`` as (path, id) pairs, or a byte range of one container."""

    id: str
    kind: Kind
    path: str = ""
    start: int = 0
    end: int | None = None
    first_line: int = 1
    files: tuple[tuple[str, str], ...] = ()

    @property
    def label(self) -> str:
        if self.kind == "files":
            first = self.files[0][0] if self.files else ""
            return f"{len(self.files)} file(s) from {first}"
        return f"{self.path} bytes {self.start:,}-{'end' if self.end is None else f'{self.end:,}'}"


@dataclass(slots=True)
class Plan:
    units: list[Unit] = field(default_factory=list)
    errors: list[ReadError] = field(default_factory=list)   # inputs that make no unit at all
    fingerprint: str = ""


def expand(inputs: Iterable[str]) -> Iterator[Source | ReadError]:
    """The sources an input list names, in order; an input that names nothing is its ``ReadError``."""
    for item in inputs:
        if is_url(item):
            yield ReadError(item, "batch reads files, folders and archives, not URLs")
        elif os.path.isdir(item):
            yield from _folder(item)
        elif os.path.lexists(item):
            yield _classify(item, os.path.basename(item))
        elif glob.has_magic(item):
            matches = sorted(glob.glob(item, recursive=True))
            if not matches:
                yield ReadError(item, "no file matches this pattern")
            for match in matches:
                yield from (_folder(match) if os.path.isdir(match) else [_classify(match, os.path.basename(match))])
        else:
            yield UnreadableDocument(item, "no such file or folder")


def _folder(folder: str) -> Iterator[Source | ReadError]:
    for found in walk(folder, FOLDER_SUFFIXES):
        yield found if isinstance(found, ReadError) else _classify(found.path, found.doc_id)


def _classify(path: str, doc_id: str) -> Source:
    kind = container_kind(path)
    return Source(kind, path) if kind else Source("file", path, doc_id)  # type: ignore[arg-type]


def make_plan(inputs: Iterable[str], *, unit_bytes: int = DEFAULT_UNIT_BYTES, options: dict | None = None) -> Plan:
    """Cut the inputs into units. ``options`` (what else shapes the output) enter the fingerprint."""
    plan = Plan()
    digest = hashlib.sha256(json.dumps({"version": PLAN_VERSION, "unit_bytes": unit_bytes,
                                        "options": options or {}}, sort_keys=True).encode())
    batch: list[tuple[str, str]] = []
    batch_bytes = 0

    def add(kind: Kind, **kw: object) -> None:
        plan.units.append(Unit(f"u{len(plan.units):06d}", kind, **kw))  # type: ignore[arg-type]

    def flush() -> None:
        nonlocal batch, batch_bytes
        if batch:
            add("files", files=tuple(batch))
        batch, batch_bytes = [], 0

    for source in expand(inputs):
        if isinstance(source, ReadError):
            plan.errors.append(source)
            digest.update(f"error\0{source}\n".encode())
            continue
        size, mtime = _stat(source.path)
        digest.update(f"{source.kind}\0{source.path}\0{source.doc_id}\0{size}\0{mtime}\n".encode())
        if source.kind == "file":
            batch.append((source.path, source.doc_id))
            batch_bytes += size
            if batch_bytes >= unit_bytes or len(batch) >= MAX_FILES_PER_UNIT:
                flush()
            continue
        flush()
        try:
            if source.kind == "jsonl":
                for start, end, first in line_ranges(source.path, unit_bytes):
                    add("jsonl", path=source.path, start=start, end=end, first_line=first)
            else:
                for start, end in record_ranges(source.path, unit_bytes):
                    add("warc", path=source.path, start=start, end=end)
        except OSError as exc:
            plan.errors.append(UnreadableDocument(source.path, (exc.strerror or str(exc)).lower()))
        except ReadError as error:
            plan.errors.append(error)
    flush()
    plan.fingerprint = digest.hexdigest()
    return plan


def _stat(path: str) -> tuple[int, int]:
    try:
        info = os.stat(path)
    except OSError:
        return -1, -1   # reported when the unit reads it
    return info.st_size, info.st_mtime_ns


def unit_to_dict(unit: Unit) -> dict:
    return asdict(unit)
