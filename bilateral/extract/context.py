"""What the extraction steps share about one document: its text, sentences,
country mentions, the country pair it is about, and the publication date."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from . import countries
from .countries import Mention
from .dates import DateExpr


@dataclass(slots=True)
class Sentence:
    index: int
    start: int
    end: int
    paragraph: int
    mentions: list[Mention]
    # Dates and clauses are worked out when a step first asks for them (many
    # sentences that pass the prefilter state no figure and no event):
    # ``find_dates`` and ``find_clauses`` give them; or they are set.
    find_dates: Callable[[], list[DateExpr]] | None = None
    find_clauses: Callable[[], list[tuple[int, int]]] | None = None
    _dates: list[DateExpr] | None = None
    _clauses: list[tuple[int, int]] | None = None

    @property
    def dates(self) -> list[DateExpr]:
        if self._dates is None:
            self._dates = self.find_dates() if self.find_dates is not None else []
        return self._dates

    @dates.setter
    def dates(self, value: list[DateExpr]) -> None:
        self._dates = value

    @property
    def clauses(self) -> list[tuple[int, int]]:
        if self._clauses is None:
            self._clauses = self.find_clauses() if self.find_clauses is not None else []
        return self._clauses

    @clauses.setter
    def clauses(self, value: list[tuple[int, int]]) -> None:
        self._clauses = value

    def clause_of(self, pos: int) -> tuple[int, int]:
        for a, b in self.clauses:
            if a <= pos < b:
                return a, b
        return self.start, self.end


_CLAUSE_BREAK = re.compile(r"[,;:()\[\]—]|\s–\s|\s-\s|\bwhile\b|\bwhereas\b|\bbut\b")
# The same breaks written so that every alternative begins with its own character,
# which re skips to instead of trying the pattern at every place; a dash
# between spaces is matched alone (``clauses`` widens it by its spaces).
_FAST_BREAK = re.compile(r",|;|:|\(|\)|\[|\]|—|–(?<=\s–)(?=\s)|-(?<=\s-)(?=\s)|w(?<!\ww)(?:hile|hereas)\b|b(?<!\wb)ut\b")


# What follows a label's colon when the label names the figure after it
_LABELLED_FIGURE = re.compile(r"\s*(?:(?:over|about|around|some|nearly|almost|roughly|more than|less than|under)\s+)?"
                              r"(?:US\$|USD|[$€£¥₩]|\d)", re.I)

# A clause with one of these is a statement, not a label
STATEMENT_VERB = re.compile(r"\b(?:is|are|was|were|be|been|has|have|had|said|says|say|told|added|noted|stated|will|would)\b", re.I)


def clauses(text: str, start: int, end: int, breaks: re.Pattern[str] = _CLAUSE_BREAK) -> list[tuple[int, int]]:
    """Clause spans of a sentence, split at punctuation (not inside numbers: "1,000");
    ``breaks`` is another language's clause marks."""
    fast = breaks is _CLAUSE_BREAK
    out = []
    a = start
    for m in (_FAST_BREAK if fast else breaks).finditer(text, start, end):
        b, e = m.start(), m.end()
        mark = m.group(0)
        if fast and mark in "–-":
            b, e = b - 1, e + 1
            if b < a:
                continue  # its space ended the break before: "\s–\s" would not match here
        if mark == "," and 0 < b < len(text) - 1 and text[b - 1].isdigit() and text[b + 1].isdigit():
            continue
        if mark == ":" and a == start and _LABELLED_FIGURE.match(text, e, end) and not STATEMENT_VERB.search(text, a, b):
            continue  # "Chinese visitors to Laos: 580,000 in 2023": the label names the figure
        out.append((a, b))
        a = e
    out.append((a, end))
    return [c for c in out if c[1] > c[0]]


@dataclass(slots=True)
class DocContext:
    text: str
    doc: str | None
    published: dt.date | None
    pair: tuple[str, str] | None
    kingdom: str | None
    counts: Counter[str]
    # The country of the story's dateline ("BUSAN, South Korea, Nov. 27 -"), if any.
    dateline: str | None = None
    # The last direction the document gave each indicator: a figure whose sentence
    # names no country ("That ceiling was later raised to $1.5bn") goes the same way.
    directions: dict[tuple[str, bool], tuple[str, str]] = field(default_factory=dict)


def infer_pair(mentions: list[Mention], text: str) -> tuple[tuple[str, str] | None, Counter[str]]:
    """The two countries a document is mostly about (title mentions count twice)."""
    counts: Counter[str] = Counter()
    first_line_end = text.find("\n")
    for m in mentions:
        if not m.code:
            continue
        # (the headline names what the story is about: "Council for the Development
        # of Cambodia" over a bulletin that names China at every turn)
        counts[m.code] += 4 if 0 <= m.start < first_line_end else 1
    top = [c for c, _ in counts.most_common(2)]
    if len(top) < 2:
        return None, counts
    a, b = sorted(top)
    return (a, b), counts


def resolve_kingdom(mentions: list[Mention], counts: Counter[str]) -> str | None:
    """ "the Kingdom" means the most mentioned monarchy in the document, if any."""
    kings = countries.kingdoms()
    for code, _ in counts.most_common():
        if code in kings:
            return code
    return None
