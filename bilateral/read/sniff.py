"""Recognise what a byte string is from its first bytes (magic numbers)."""

from __future__ import annotations

import re

# (prefix, description). Checked only on data that is not clean UTF-8 text
# (see text.decode_bytes), so a UTF-8 file that happens to start with "MZ" or
# "GIF89a" stays a text file.
_PREFIXES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"\x00\x00\x01\x00", "icon image"),
    (b"8BPS", "Photoshop image"),
    (b"wOFF", "web font"),
    (b"wOF2", "web font"),
    (b"PK\x03\x04", "ZIP archive, or a DOCX/XLSX/ODT/EPUB file"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"PK\x07\x08", "ZIP archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\x28\xb5\x2f\xfd", "zstd archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "legacy Microsoft Office (DOC/XLS/PPT) file"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\x7fELF", "ELF executable"),
    (b"MZ", "Windows executable"),
    (b"\xfe\xed\xfa\xce", "Mach-O executable"),
    (b"\xfe\xed\xfa\xcf", "Mach-O executable"),
    (b"\xce\xfa\xed\xfe", "Mach-O executable"),
    (b"\xcf\xfa\xed\xfe", "Mach-O executable"),
    (b"\xca\xfe\xba\xbe", "Java class file or Mach-O binary"),
    (b"\x00asm", "WebAssembly module"),
    (b"ID3", "MP3 audio"),
    (b"OggS", "Ogg audio/video"),
    (b"fLaC", "FLAC audio"),
    (b"\x1a\x45\xdf\xa3", "Matroska/WebM video"),
)
_RIFF_KINDS = {b"WEBP": "WebP image", b"WAVE": "WAV audio", b"AVI ": "AVI video"}

_PDF_HEADER = b"%PDF-"
# The PDF specification lets readers accept junk before the header within the
# first 1024 bytes (mail gateways and some generators prepend a little).
_PDF_HEADER_WINDOW = 1024

_HTML_START = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*"
    rb"<(?:!doctype\s+html|html|head|body)[\s>]",
    re.IGNORECASE | re.DOTALL,
)


def _printable_ascii(prefix: bytes) -> bool:
    return all(0x20 <= byte < 0x7F for byte in prefix)


def binary_kind(data: bytes) -> str | None:
    """Name the binary format ``data`` starts with ("PNG image"), or None."""
    for prefix, kind in _PREFIXES:
        if data.startswith(prefix):
            # A magic made of letters ("MZ", "ID3", "GIF89a") could also begin a
            # Windows-1252 text; those formats all have NUL bytes in their
            # fixed-size headers, so ask for one before believing the magic.
            if _printable_ascii(prefix) and b"\x00" not in data[:64]:
                continue
            return kind
    if data.startswith(b"RIFF") and data[8:12] in _RIFF_KINDS:
        return _RIFF_KINDS[data[8:12]]
    if data[4:8] == b"ftyp":
        return "MP4/QuickTime/HEIC media file"
    if data[257:262] == b"ustar":
        return "tar archive"
    return None


def is_pdf(data: bytes) -> bool:
    """True if ``data`` carries a PDF header where PDF readers look for one."""
    if data.lstrip().startswith(_PDF_HEADER):
        return True
    # Further in, only when the data is not plain text anyway: a text file that
    # merely quotes "%PDF-" in its first lines must stay a text file.
    if _PDF_HEADER in data[:_PDF_HEADER_WINDOW]:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            return True
    return False


def looks_like_html(data: bytes) -> bool:
    """True if ``data`` (ASCII-compatible) begins like an HTML document."""
    return _HTML_START.match(data[:4096]) is not None
