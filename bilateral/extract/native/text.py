"""Text helpers the languages share: same-length normalisation and sentence
spans inside a paragraph run."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from ..quantities import Quantity

# Wide forms and look-alikes the press mixes with the ASCII ones: one code
# point for one, so that offsets into the normalised text are offsets into
# the document.
WIDE = str.maketrans({
    **{chr(0xFF10 + i): str(i) for i in range(10)},
    "\u223c": "~", "\uff5e": "~", "\u301c": "~", "\uff05": "%", "\uff0c": ",", "\uff0e": ".",
    "\u318d": "·", "\u30fb": "·", "\uff65": "·", "\u2027": "·", "\uff04": "$",
})

_LEAD = re.compile(r"[\s▲△▶▷■□◆◇○●※☞\-•*·–—▪◦]+")


def spans(split: Callable[[str], Iterator[tuple[int, int]]], text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """``split`` over ``text[start:end]``, as offsets into ``text``, without list marks in front."""
    for a, b in split(text[start:end]):
        lead = _LEAD.match(text, start + a, start + b)
        a2 = lead.end() if lead is not None and lead.end() < start + b else start + a
        yield a2, start + b


class Found:
    """Quantities of a sentence, found pattern by pattern, never overlapping."""

    def __init__(self) -> None:
        self.out: list[Quantity] = []

    def overlaps(self, start: int, end: int) -> bool:
        return any(start < q.end and q.start < end for q in self.out)

    def add(self, q: Quantity) -> None:
        self.out.append(q)

    def sorted(self) -> list[Quantity]:
        return sorted(self.out, key=lambda q: q.start)
