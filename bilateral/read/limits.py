"""Limits shared by the readers (files and URLs alike)."""

from __future__ import annotations

from bilateral.errors import UsageError

# Large enough for a long report PDF, small enough that a stray disk image or
# log file given by mistake is refused before it is read into memory.
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


def check_max_bytes(max_bytes: int) -> int:
    """Return ``max_bytes`` if it is a usable limit, else raise ``UsageError``."""
    # bool is an int subclass; max_bytes=True is surely a mistake, not "1 byte".
    if isinstance(max_bytes, bool) or not isinstance(max_bytes, int) or max_bytes < 1:
        raise UsageError(f"max_bytes must be a positive integer, not {max_bytes!r}")
    return max_bytes
