"""Tables rendered as text lines: reports and embassy pages set figures out as
rows of cells ("2021-22 | 1,350 | 2,412 | 3,762") under a header row that names
each column ("Fiscal year | Bangladesh exports to Japan | ...") and a caption
that gives the unit ("(US$ million)").

A row's figures are read by writing each cell out as the sentence the table
abbreviates ("Bangladesh exports to Japan was US$ 1,350 million in 2021-22")
and reading that sentence with the ordinary rules; each claim found keeps the
row as its evidence. Rows whose cells are words (a chronology) are sentences
already and are left to the ordinary reading.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ..model import Claim, Evidence, Record

# Cells are separated by a vertical bar or a tab.
_SPLIT = re.compile(r"\s*\|\s*|\t+")
_NUMBER = re.compile(r"[-–]?\(?\d[\d,]*(?:\.\d+)?\)?%?")
# "(US$ million)", "(USD bn)", "in millions of US dollars", "(KRW billion)", "(%)"
_UNIT = re.compile(
    r"\(\s*(?:in\s+)?(?P<cur>US\$|USD|\$|€|EUR|£|GBP|¥|JPY|KRW|won|yen|RMB|CNY|yuan)?\s*"
    r"(?P<scale>thousands?|millions?|billions?|trillions?|bn|mn|m)?\s*(?P<cur2>US dollars|dollars|USD|yen|won|yuan|euros)?\s*\)"
    r"|\bin\s+(?P<scale3>thousands|millions|billions)\s+of\s+(?P<cur3>US dollars|dollars|yen|won|yuan|euros)",
    re.I)
_SCALES = {"thousand": "thousand", "thousands": "thousand", "million": "million", "millions": "million",
           "m": "million", "mn": "million", "billion": "billion", "billions": "billion", "bn": "billion",
           "trillion": "trillion", "trillions": "trillion"}


@dataclass(frozen=True, slots=True)
class _Row:
    start: int
    end: int
    cells: list[str]


def _rows(text: str) -> Iterator[list[_Row]]:
    """Blocks of consecutive lines that split into the same number (two or more) of cells."""
    block: list[_Row] = []
    for m in re.finditer(r"[^\n]+", text):
        line = m.group(0)
        cells = [c.strip() for c in _SPLIT.split(line.strip().strip("|"))] if ("|" in line or "\t" in line) else []
        if len(cells) >= 2 and (not block or len(cells) == len(block[0].cells)):
            block.append(_Row(m.start(), m.end(), cells))
            continue
        if len(block) >= 2:
            yield block
        block = [_Row(m.start(), m.end(), cells)] if len(cells) >= 2 else []
    if len(block) >= 2:
        yield block


def _unit(*texts: str) -> tuple[str, str]:
    """The money prefix and scale word a caption or header gives ("US$", "million")."""
    for t in texts:
        m = _UNIT.search(t)
        if m is None:
            continue
        cur = m.group("cur") or m.group("cur2") or m.group("cur3") or ""
        scale = (m.group("scale") or m.group("scale3") or "").lower()
        if cur or scale:
            return cur, _SCALES.get(scale, "")
    return "", ""


def _plain(cell: str) -> str:
    return _UNIT.sub("", cell).strip(" :")


def read_tables(text: str, published: str | None, doc: str | None,
                extract: Callable[..., list[Record]]) -> list[Claim]:
    """The claims the tables of ``text`` state, each with its row as evidence.
    ``extract`` reads the sentences the cells are written out as."""
    if "|" not in text and "\t" not in text:
        return []
    title = text[:max(0, text.find("\n"))]
    out: list[Claim] = []
    for block in _rows(text):
        header, rows = block[0], block[1:]
        if any(_NUMBER.fullmatch(c.replace(" ", "")) for c in header.cells[1:]):
            continue  # no header row: the columns are not named
        before = text[:header.start].rstrip("\n")
        caption = before[before.rfind("\n") + 1:]
        lines: list[tuple[_Row, str]] = []
        for row in rows:
            label = row.cells[0]
            for name, cell in zip(header.cells[1:], row.cells[1:], strict=False):
                value = cell.replace(" ", "")
                if not _NUMBER.fullmatch(value) or not name:
                    continue
                cur, scale = _unit(name, caption)
                figure = f"{cur} {value} {scale}".strip() if cur or scale else value
                subject = f"{_plain(caption)}: {_plain(name)}" if caption else _plain(name)
                verb = "was" if cur else "numbered"
                lines.append((row, f"{subject} {verb} {figure} in {label}."))
        if not lines:
            continue
        written = title + "\n" + "\n".join(line for _, line in lines)
        starts = []
        pos = len(title) + 1
        for _, line in lines:
            starts.append(pos)
            pos += len(line) + 1
        for r in extract(written, published=published, doc_id=doc):
            if not isinstance(r, Claim) or r.evidence.start < len(title):
                continue
            k = max(i for i, s in enumerate(starts) if s <= r.evidence.start)
            row = lines[k][0]
            r.evidence = Evidence(row.start, row.end, text[row.start:row.end])
            out.append(r)
    return out


# A series set out as lines under a lead ("Monthly arrivals from Korea were as
# follows:" then "January: 22,145"): each line is read as the sentence it
# abbreviates ("Monthly arrivals from Korea numbered 22,145 in January."), after
# the text before the lead, which names the pair and the year.
_LIST_HINT = re.compile(r":[ \t]*[$€£¥₩]?\d[\d,.]*[ \t]*(?:%|million|billion)?[ \t]*(?:\n|$)")
_MONTHS = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
           r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?")
_LIST_LINE = re.compile(
    rf"[ \t]*[-•*]?[ \t]*(?P<label>{_MONTHS}(?:\s+(?:19|20)\d\d)?|(?:19|20)\d\d):[ \t]*"
    r"(?P<fig>[$€£¥₩]?\s?\d[\d,]*(?:\.\d+)?(?:\s?%|\s(?:thousand|million|billion))?)[ \t]*")
_LEAD = re.compile(r"(?:\d+\.|[-•*])?\s*(?P<lead>.*?\w.*?)\s*(?:(?:were|are|was|is)\s+)?(?:as follows|as below|by month)?\s*:\s*")
_CONTEXT = 1500  # characters before the lead read with the lines


def read_lists(text: str, published: str | None, doc: str | None,
               extract: Callable[..., list[Record]]) -> list[Claim]:
    """The claims a series of dated lines under a lead states, each with its line as evidence."""
    if _LIST_HINT.search(text) is None:
        return []
    out: list[Claim] = []
    lines = [(m.start(), m.end(), m.group(0)) for m in re.finditer(r"[^\n]+", text)]
    i = 1
    while i < len(lines):
        run = []
        while i + len(run) < len(lines) and (m := _LIST_LINE.fullmatch(lines[i + len(run)][2])):
            run.append((lines[i + len(run)], m))
        lead = _LEAD.fullmatch(lines[i - 1][2]) if len(run) >= 2 else None
        if lead is None:
            i += max(1, len(run))
            continue
        lead_start = lines[i - 1][0]
        begin = text.rfind("\n", 0, max(0, lead_start - _CONTEXT)) + 1
        written = text[begin:lead_start]
        starts = []
        for (start, end, _), m in run:
            starts.append((len(written), start, end))
            verb = "was" if m.group("fig")[0] in "$€£¥₩" else "numbered"
            written += f"{lead.group('lead')} {verb} {m.group('fig')} in {m.group('label')}.\n"
        for r in extract(written, published=published, doc_id=doc):
            if not isinstance(r, Claim) or r.evidence.start < starts[0][0]:
                continue
            _, start, end = max(s for s in starts if s[0] <= r.evidence.start)
            r.evidence = Evidence(start, end, text[start:end])
            out.append(r)
        i += len(run)
    return out
