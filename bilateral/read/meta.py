"""Sidecar metadata: ``<file name>.meta.json`` beside a document."""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from typing import Any

from bilateral.errors import ReadError
from bilateral.model import Document
from bilateral.read.files import read_bytes

SIDECAR_SUFFIX = ".meta.json"
KNOWN_FIELDS = ("published", "url", "title", "publisher", "language")

# A sidecar is a few lines of JSON; anything bigger is not one.
_MAX_SIDECAR_BYTES = 1024 * 1024

# Partial ISO dates, as in the record format: 2024, 2024-05, 2024-05-16, and a
# decade 197X. A full timestamp is accepted and cut to its date.
_PARTIAL_DATE = re.compile(r"\d{3}[\dX]|\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?")
_TIMESTAMP = re.compile(r"(\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]))[T ]\d{2}:\d{2}")


@dataclass(slots=True)
class Sidecar:
    """The fields of a sidecar: known ones by name, the rest in ``extra``."""

    path: str
    fields: dict[str, str] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)

    def apply(self, document: Document) -> Document:
        """Fill ``document`` from the sidecar; its fields win over the markup's."""
        for name, value in self.fields.items():
            setattr(document, name, value)
        document.metadata.update(self.extra)
        return document


def sidecar_path(path: str) -> str:
    """Where the sidecar of ``path`` lives (``a.txt`` → ``a.txt.meta.json``)."""
    return path + SIDECAR_SUFFIX


def load_sidecar(path: str) -> Sidecar | None:
    """Read the sidecar of the document at ``path``; None if there is none.

    A sidecar that exists but cannot be used (unreadable, not UTF-8 JSON, not
    an object, a known field of the wrong type) raises ``ReadError`` naming the
    sidecar: silently ignoring it would lose the publication date that anchors
    the document's relative dates.
    """
    where = sidecar_path(path)
    if not os.path.lexists(where):
        return None
    value = json_object(read_bytes(where, _MAX_SIDECAR_BYTES), where, "sidecar")
    sidecar = Sidecar(path=where)
    for name, item in value.items():
        if name in KNOWN_FIELDS:
            # null or "" means "not known", not "erase what the markup says".
            known = parse_field(where, name, item)
            if known is not None:
                sidecar.fields[name] = known
        else:
            sidecar.extra[name] = item
    return sidecar


def json_object(data: bytes, where: str, what: str) -> dict[str, Any]:
    """``data`` decoded as a UTF-8 JSON object; ``what`` ("sidecar", "line") names it in the ``ReadError``."""
    try:
        # utf-8-sig: editors on Windows like to start JSON with a BOM.
        value = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise ReadError(where, f"{what} is not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise ReadError(where, f"{what} is not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})") from None
    if not isinstance(value, dict):
        raise ReadError(where, f"{what} must hold a JSON object, not {_json_type(value)}")
    return value


def parse_field(where: str, name: str, value: Any) -> str | None:
    """A known metadata field's value (``published`` as a partial ISO date), None if empty.

    Raises ``ReadError`` naming ``where`` for a value of the wrong type or a
    malformed date. Shared by sidecars and the JSON Lines reader.
    """
    if value is None:
        return None
    if not isinstance(value, str):
        raise ReadError(where, f"sidecar field {name!r} must be a string or null, not {_json_type(value)}")
    value = value.strip()
    if not value:
        return None
    if name == "published":
        return _published(where, value)
    return value


def _published(where: str, value: str) -> str:
    if _PARTIAL_DATE.fullmatch(value):
        return value
    stamp = _TIMESTAMP.match(value)
    if stamp:
        return stamp.group(1)
    raise ReadError(
        where, f"sidecar field 'published' must be a partial ISO date (2024, 2024-05, 2024-05-16), not {value!r}")


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, str):
        return "a string"
    if value is None:
        return "null"
    return "an object"
