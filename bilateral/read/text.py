"""Bytes to text: choose the encoding, then normalise newlines like Python's text mode.

The order of the decisions matters and each step says why it comes where it
does. In short: a byte-order mark is a declaration and wins; clean UTF-8 is
taken as UTF-8 (the chance that text in another encoding is also valid UTF-8
is negligible); NUL bytes mean UTF-16/32 without a BOM or binary data; then a
declared charset (HTML ``<meta>``, HTTP header); then Korean and Western
legacy encodings, which charset detection gets wrong on short texts; then
charset-normalizer.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections import Counter
from typing import NamedTuple

from charset_normalizer import from_bytes

from bilateral.errors import BinaryDocument, UndecodableDocument
from bilateral.read.sniff import binary_kind

# (BOM, codec for the bytes after it, name recorded). UTF-32 before UTF-16:
# the UTF-32-LE BOM starts with the UTF-16-LE one. The recorded names are
# Python codecs that themselves drop the BOM, so for every text file
# ``Path.read_text(encoding=document.encoding) == document.text``.
_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
)

# Declared charset labels that pages use for a superset encoding: browsers
# (WHATWG Encoding) decode them as the superset, and so do we, or a page
# labelled iso-8859-1 that uses curly quotes or euc-kr that uses a CP949-only
# syllable would fail to decode.
_LABEL_SUPERSETS = {
    "ascii": "cp1252", "us-ascii": "cp1252", "latin1": "cp1252", "latin-1": "cp1252",
    "iso-8859-1": "cp1252", "iso8859-1": "cp1252", "iso_8859-1": "cp1252", "l1": "cp1252",
    "euc-kr": "cp949", "euc_kr": "cp949", "ks_c_5601-1987": "cp949", "windows-949": "cp949",
    "gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030",
    "shift_jis": "cp932", "shift-jis": "cp932", "sjis": "cp932", "x-sjis": "cp932",
    "tis-620": "cp874", "iso-8859-11": "cp874", "windows-874": "cp874",
    "iso-8859-9": "cp1254", "latin5": "cp1254",
}

# Control characters allowed in text decoded from a guessed encoding (tab,
# newlines, form feed, vertical tab, the DOS end-of-file SUB and ESC). Any other
# C0/C1 control, or NUL, means the guess is wrong.
_BAD_CONTROLS = re.compile("[\x00-\x08\x0e-\x19\x1c-\x1f\x7f-\x9f]")

_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_NOT_ASCII_LETTERS = bytes(byte for byte in range(128) if not chr(byte).isalpha())

# Language coherence (charset-normalizer) says something only on longer texts.
_COHERENCE_MIN_LETTERS = 100
_COHERENCE_MARGIN = 0.03

# Punctuation that legitimately sits between two letters in Western text.
_IN_WORD_PUNCTUATION = frozenset("\u2019\u2018\u00b4\u00b7\u00ad\u2010\u2011-")


class Decoded(NamedTuple):
    """Text decoded from bytes, newlines untouched, and the codec that did it."""

    text: str
    encoding: str


def normalize_newlines(text: str) -> str:
    r"""Turn ``\r\n`` and lone ``\r`` into ``\n``, as Python's universal newlines do."""
    # Order matters: "\r\n" first, so that it becomes one "\n", not two.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def codec_name(label: str) -> str | None:
    """The Python codec for a charset label (with WHATWG supersets), or None."""
    label = label.strip().strip("\"'").lower()
    label = _LABEL_SUPERSETS.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def decode_bytes(data: bytes, source: str, *, declared: str | None = None) -> Decoded:
    """Decode ``data``; raise ``BinaryDocument`` or ``UndecodableDocument`` if it is not text.

    ``declared`` is a charset the container states (HTTP ``Content-Type``, HTML
    ``<meta charset>``); it is used after the BOM and clean-UTF-8 checks, since a
    stale declaration on a file re-saved as UTF-8 is common and UTF-8 validity is
    the stronger evidence. Newlines are left as they are: see ``decode_text``.
    """
    for bom, encoding, name in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom):].decode(encoding), name)
            except UnicodeDecodeError as exc:
                raise UndecodableDocument(
                    source, f"starts with a {encoding.upper()} byte-order mark but is not valid {encoding.upper()} "
                            f"(at byte {exc.start + len(bom)})") from None

    has_nul = b"\x00" in data
    first_bad = -1
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    else:
        if not has_nul:
            return Decoded(text, "utf-8")

    kind = binary_kind(data)
    if kind is not None:
        raise BinaryDocument(source, f"binary file ({kind}), not a text, HTML or PDF document")

    if has_nul:
        wide = _bomless_utf16_or_32(data)
        if wide is not None:
            return wide
        raise BinaryDocument(source, "binary file (contains NUL bytes), not a text, HTML or PDF document")

    guess = _legacy(data, declared)
    if guess is not None:
        return guess
    # No NUL bytes here, so the data was not valid UTF-8 and first_bad is set.
    raise UndecodableDocument(
        source, f"not valid UTF-8 (byte 0x{data[first_bad]:02x} at offset {first_bad}) "
                "and no other known encoding fits")


def decode_text(data: bytes, source: str, *, declared: str | None = None) -> Decoded:
    """Decode ``data`` as a plain-text document: BOM dropped, universal newlines.

    The result is exactly what ``Path.read_text(encoding=decoded.encoding)``
    gives (the encoding of a file with a BOM is recorded as ``utf-8-sig``,
    ``utf-16`` or ``utf-32``, codecs that drop it): evidence offsets downstream
    index this string, and the evaluation reads UTF-8 files that way.
    """
    decoded = decode_bytes(data, source, declared=declared)
    return Decoded(normalize_newlines(decoded.text), decoded.encoding)


def _clean(text: str, *, allow_unassigned: bool = True) -> bool:
    """True if ``text`` has no control (or, optionally, unassigned) characters a real text would not have."""
    if _BAD_CONTROLS.search(text):
        return False
    # Unique characters only: a long text has few distinct ones.
    return allow_unassigned or not any(unicodedata.category(char) in ("Cn", "Co", "Cs") for char in set(text))


def _bomless_utf16_or_32(data: bytes) -> Decoded | None:
    """UTF-16/32 without a BOM, recognised by where its NUL bytes fall.

    Text in these encodings has a NUL in the high byte of every ASCII character
    (spaces, digits, newlines: even Korean or Chinese text has them), so NULs
    cluster on one byte position of each code unit and almost never on the other.
    Binary data spreads them out, or decodes to unassigned or control characters.
    """
    candidates: list[str] = []
    if len(data) % 4 == 0:
        candidates += ["utf-32-le", "utf-32-be"]
    if len(data) % 2 == 0:
        candidates += ["utf-16-le", "utf-16-be"]
    for encoding in candidates:
        width = 4 if encoding.startswith("utf-32") else 2
        if not _nul_pattern_fits(data, width, little_endian=encoding.endswith("le")):
            continue
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text and _clean(text, allow_unassigned=False):
            return Decoded(text, encoding)
    return None


def _nul_pattern_fits(data: bytes, width: int, *, little_endian: bool) -> bool:
    units = len(data) // width
    if units == 0:
        return False
    # Index within a code unit of the byte that is NUL for an ASCII character.
    high = width - 1 if little_endian else 0
    high_nuls = data[high::width].count(0)
    low = 0 if little_endian else width - 1
    low_nuls = data[low::width].count(0)
    if width == 4:
        # Code points stop at U+10FFFF, so the top byte of every unit is NUL.
        return high_nuls == units and low_nuls < units / 2
    # At least one ASCII character in twenty code units; a NUL low byte is
    # rare (U+AC00 "가" and one Hangul syllable in 256 have one).
    return high_nuls >= max(1, units // 20) and low_nuls <= 1 + high_nuls // 4


def _legacy(data: bytes, declared: str | None) -> Decoded | None:
    """A non-UTF encoding for ``data``, or None if nothing fits."""
    if declared:
        encoding = codec_name(declared)
        # A declared UTF-16/32 without a BOM or NULs is a wrong declaration.
        if encoding and not encoding.startswith(("utf-16", "utf-32", "utf-8")):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                pass
            else:
                if _clean(text):
                    return Decoded(text, encoding)

    korean = _korean(data)
    if korean is not None:
        return korean

    western = _western(data)
    if western is None:
        # Lowest chaos first (mojibake looks messy), then the decoding that
        # reads most like a known language.
        best = min(_detected(data), key=lambda c: (round(c.chaos, 2), -round(c.coherence, 2)), default=None)
        return None if best is None else Decoded(best.text, best.encoding)

    # Windows-1252 is by far the most common legacy encoding of English and
    # Western European text, and charset-normalizer regularly prefers a sibling
    # code page for it: typographic quotes and dashes look "chaotic" to it, and
    # on short texts its language coherence is noise ("third “line”" came out
    # as Baltic cp775 "third ōlineö"). So a plausible Windows-1252 reading wins,
    # except over a long enough text where another Latin code page reads as
    # clearly more coherent language (Turkish in cp1254, Czech in cp1250).
    if _letters(western) >= _COHERENCE_MIN_LETTERS:
        own = max((match.coherence for match in from_bytes(data, cp_isolation=["cp1252"])), default=0.0)
        rivals = sorted((c for c in _detected(data) if c.coherence > own + _COHERENCE_MARGIN and c.text != western),
                        key=lambda c: -c.coherence)
        for rival in rivals:
            if _plausibly_western(rival.text):
                return Decoded(rival.text, rival.encoding)
    return Decoded(western, "cp1252")


class _Candidate(NamedTuple):
    text: str
    encoding: str
    chaos: float
    coherence: float


def _detected(data: bytes) -> list[_Candidate]:
    """charset-normalizer's readings of ``data`` that decode it cleanly."""
    candidates: list[_Candidate] = []
    for match in from_bytes(data):
        encoding = codec_name(match.encoding)
        if encoding is None or encoding.startswith(("utf-16", "utf-32")):
            # BOM-less UTF-16/32 is recognised above from its NUL bytes; detection
            # proposes it for short legacy texts far more often than it is right.
            continue
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _clean(text):
            candidates.append(_Candidate(text, encoding, match.chaos, match.coherence))
    return candidates


def _western(data: bytes) -> str | None:
    """``data`` decoded as Windows-1252 if that reads as Western European text."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        # Five bytes (0x81, 0x8D, 0x8F, 0x90, 0x9D) are unassigned in cp1252.
        return None
    return text if _clean(text) and _plausibly_western(text) else None


def _korean(data: bytes) -> Decoded | None:
    """CP949 (EUC-KR) when the decoded text is overwhelmingly Hangul.

    CP949's Hangul byte pairs are also valid GB2312/Big5/EUC-JP, so detection
    cannot tell them apart in a short text; but decoded as CP949 a Chinese or
    Japanese text turns into a mixture of Hangul, Hanja and symbols, while Korean
    text is nearly all Hangul syllables. Most of them must come from the
    KS X 1001 (EUC-KR) block: CP949's extension also maps a byte 0x80-0xFE
    followed by an ASCII letter to a syllable, which is how Windows-1252 "It’s"
    (0x92 0x73) would otherwise become "It뭩".
    """
    try:
        text = data.decode("cp949")
    except UnicodeDecodeError:
        return None
    if not _clean(text):
        return None
    # Distinct characters with their counts: a long text has few distinct ones.
    counts = Counter(text)
    letters = sum(n for char, n in counts.items() if ord(char) > 0x7F and char.isalpha())
    hangul = {char: n for char, n in counts.items() if "\uac00" <= char <= "\ud7a3" or "\u3131" <= char <= "\u318e"}
    total_hangul = sum(hangul.values())
    if not total_hangul or total_hangul < 0.9 * letters:
        return None
    ks_x_1001 = sum(n for char, n in hangul.items() if char.encode("cp949")[-1] >= 0xA1)
    if ks_x_1001 * 2 < total_hangul:
        return None
    return Decoded(text, "cp949")


def _plausibly_western(text: str) -> bool:
    """True if ``text`` reads like Western European text, not mojibake of another script.

    Accented letters in Western languages sit among plain ASCII letters (café,
    Außen, coração); text in another script decoded as Windows-1252 turns whole
    words into runs of accented letters and symbols ("Ìèíèñòð", "ÖÐ¹ú").
    """
    foreign_letters = 0
    # Only words with a non-ASCII character can be suspect, and each distinct
    # word needs checking once: this keeps a long text fast.
    for word, count in Counter(word for word in text.split() if not word.isascii()).items():
        run = 0
        for index, char in enumerate(word):
            if char.isalpha() and ord(char) > 0x7F:
                foreign_letters += count
                run += 1
                if run >= 3:
                    return False
                continue
            run = 0
            if ord(char) > 0x7F and not char.isalpha() and char not in _IN_WORD_PUNCTUATION \
                    and 0 < index < len(word) - 1 and word[index - 1].isalpha() and word[index + 1].isalpha():
                return False
    letters = _letters(text)
    # The share test needs a few letters to mean anything ("Où" is half accents).
    return letters < 4 or foreign_letters * 2 <= letters


def _letters(text: str) -> int:
    """How many letters ``text`` has (fast for long texts that are mostly ASCII)."""
    ascii_letters = len(text.encode("ascii", "ignore").translate(None, _NOT_ASCII_LETTERS))
    others = "".join(_NON_ASCII.findall(text))
    return ascii_letters + sum(1 for char in others if char.isalpha())
