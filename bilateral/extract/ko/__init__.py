"""Korean: rule tables in ``rules/ko/``, numbers with 만/억/조, dates with 년/월/일.

Sentences end at ". ", "? " or "! " (Korean prose ends them with "다.") and at
line breaks, as in English, so the English splitter serves.
"""

from __future__ import annotations

from collections.abc import Iterator

from .. import sentences
from ..native.language import Language
from ..native.text import WIDE, spans
from .dates import find_dates
from .numbers import find_quantities


def normalize(text: str) -> str:
    return text.translate(WIDE)


def split(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    return spans(sentences.split, text, start, end)


LANGUAGE = Language("ko", normalize, split, find_quantities, find_dates)
