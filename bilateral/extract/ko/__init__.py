"""Korean: rule tables in ``rules/ko/``, numbers with 만/억/조, dates with 년/월/일.

Sentences end at ". ", "? " or "! " (Korean prose ends them with "다.") and at
line breaks, as in English, so the English splitter serves; a headline's "…"
ends one too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .. import sentences
from ..native.language import Language
from ..native.text import WIDE, spans
from .dates import find_dates
from .numbers import find_quantities


def normalize(text: str) -> str:
    return text.translate(WIDE)


def split(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    # A headline's "…" separates statements as a full stop does.
    for a, b in spans(sentences.split, text, start, end):
        for part in re.finditer(r"[^…]+", text[a:b]):
            if part.group(0).strip():
                lead = len(part.group(0)) - len(part.group(0).lstrip())
                trail = len(part.group(0).rstrip())
                yield a + part.start() + lead, a + part.start() + trail


LANGUAGE = Language("ko", normalize, split, find_quantities, find_dates)
