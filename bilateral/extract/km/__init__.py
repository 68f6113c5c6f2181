"""Khmer: rule tables in ``rules/km/``, Khmer digits, numbers with លាន and
ពាន់លាន, dates with ខែ and ឆ្នាំ.

Khmer writes no spaces between words; nothing here segments words: the
tables are matched as substrings, kept from the middle of another word by
the script's boundaries (no match starts under a subscript sign or ends
before a vowel sign). Sentences end at the Khmer full stop ។ (or ៕, ?, !)
and at line breaks.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..native.language import Language
from ..native.text import WIDE, spans
from .dates import find_dates
from .numbers import find_quantities

_DIGITS = str.maketrans({chr(0x17E0 + i): str(i) for i in range(10)})
_SENTENCE = re.compile(r"[^។៕?!\n]*[។៕?!]+|[^។៕?!\n]+")


def normalize(text: str) -> str:
    return text.translate(WIDE).translate(_DIGITS)


def _split(text: str) -> Iterator[tuple[int, int]]:
    for m in _SENTENCE.finditer(text):
        a, b = m.span()
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            yield a, b


def split(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    return spans(_split, text, start, end)


LANGUAGE = Language("km", normalize, split, find_quantities, find_dates)
