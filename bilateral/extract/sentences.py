"""Sentence spans with character offsets into the original text.

Rules, not a model: a sentence ends at ., ! or ? (or the Khmer ។) followed by
white space and a capital, digit or quote, unless the word before the stop is
an abbreviation or an initial ("S. Korea", "Dr. Seun"); a line break always
ends one, so headlines, bullets and datelines stand alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

ABBREVIATIONS = frozenset({
    "Mr", "Mrs", "Ms", "Dr", "Prof", "St", "Jr", "Sr", "No", "Nos", "Gen", "Lt", "Col", "Capt",
    "Rep", "Gov", "Pres", "vs", "etc", "e.g", "i.e", "Inc", "Co", "Corp", "Ltd", "Jan",
    "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "U.S", "U.K",
    "U.N", "H.E", "approx", "est", "Fig", "Vol", "Dept", "Univ", "Amb", "Hon", "Rev", "Mt",
    "Ft", "a.m", "p.m", "Messrs", "Bros", "P.R.C", "R.O.K", "D.P.R.K",
})
# A line break, or r"[.!?។]+[\"”’')\]]*" before white space and a capital, digit or
# quote (``_NEXT``), written to begin with one class of characters, which re skips
# to without trying the pattern at every place.
_NEXT = r"[ \t]+[\"“‘'(\[]?(?=[A-Z0-9\u00C0-\uFFFF])"
_STOP = re.compile(rf"[.!?។\n](?:(?<=\n)|[.!?។]*[\"”’')\]]*(?={_NEXT}))")
_WORD_BEFORE = re.compile(r"([\w.]+)[.!?]*$")
_BULLET = re.compile(r"[ \t]*(?:[-•*·–—▪◦]|\d{1,2}[.)])[ \t]+")
_BULLET_FIRST = frozenset("-•*·–—▪◦0123456789")  # (what a stripped sentence's bullet begins with)


def split(text: str) -> Iterator[tuple[int, int]]:
    """Yield (start, end) of each sentence, stripped of surrounding white space."""
    start = 0
    for m in _STOP.finditer(text):
        if m.group(0) != "\n":
            # (from the last space on: the word cannot begin before it)
            lo = max(start, m.start() - 20)
            before = _WORD_BEFORE.search(text, max(lo, text.rfind(" ", lo, m.start()) + 1), m.start() + 1)
            word = before.group(1).rstrip(".") if before else ""
            if word in ABBREVIATIONS or (len(word) == 1 and word.isupper()):
                continue
        yield from _strip(text, start, m.end())
        start = m.end()
    yield from _strip(text, start, len(text))


def _strip(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        if text[start] in _BULLET_FIRST:
            bullet = _BULLET.match(text, start, end)
            if bullet and bullet.end() < end:
                start = bullet.end()
        yield start, end


def is_bullet(text: str, start: int) -> bool:
    """Whether the sentence at ``start`` is an item of a list ("- ...", "• ...", "2) ...")."""
    line = text.rfind("\n", 0, start) + 1
    bullet = _BULLET.match(text, line, start + 1)
    return bullet is not None and bullet.end() == start


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph spans (separated by line breaks): context does not cross them."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
