"""A document's text cut into segments at its evidence spans, for highlighting.

Evidence spans overlap (two claims from one sentence share it; a date range
and a visit overlap), and HTML elements cannot, so the text is cut at every
span boundary: each segment knows which records cover it and which records
start at it. The template escapes each segment's text, so a document is shown
exactly as written and nothing in it is markup.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Segment:
    text: str
    start: int
    records: tuple[int, ...]   # records whose evidence covers this segment, in id order (empty: plain text)
    anchors: tuple[int, ...]   # records whose evidence starts here


def segments(text: str, spans: Iterable[tuple[int, int, int]]) -> list[Segment]:
    """Cut ``text`` at the ``(record_id, start, end)`` spans (clipped to the text; empty ones dropped)."""
    n = len(text)
    clipped = [(rid, max(0, min(s, n)), max(0, min(e, n))) for rid, s, e in spans]
    clipped = [(rid, s, e) for rid, s, e in clipped if s < e]
    cuts = sorted({0, n, *(s for _, s, _ in clipped), *(e for _, _, e in clipped)})
    starts: dict[int, list[int]] = {}
    for rid, s, _ in clipped:
        starts.setdefault(s, []).append(rid)
    by_start = sorted(clipped, key=lambda x: x[1])
    active: dict[int, int] = {}  # record id -> end
    out: list[Segment] = []
    i = 0
    for a, b in zip(cuts, cuts[1:], strict=False):
        while i < len(by_start) and by_start[i][1] <= a:
            active[by_start[i][0]] = by_start[i][2]
            i += 1
        for rid in [r for r, end in active.items() if end <= a]:
            del active[rid]
        out.append(Segment(text[a:b], a, tuple(sorted(active)), tuple(sorted(starts.get(a, ())))))
    return out
