"""Text shown with marks (evidence spans, search matches), escaped piece by piece.

Every character of stored text goes through ``markupsafe.escape``; the only
markup is ours. A document that contains ``<script>`` shows those characters.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from markupsafe import Markup, escape

from bilateral.serve.spans import segments


def document_text(text: str, spans: Iterable[tuple[int, int, int]], *, current: int | None = None,
                  labels: Mapping[int, str] | None = None) -> Markup:
    """The text with each evidence span a link to its record (``#rec-ID``) and an anchor (``#ev-ID``)
    where it starts; the spans of record ``current`` get the class ``current``."""
    labels = labels or {}
    out: list[str] = []
    for s in segments(text, spans):
        out.extend(f'<span class="anchor" id="ev-{rid}"></span>' for rid in s.anchors)
        if not s.records:
            out.append(escape(s.text))
            continue
        classes = "ev current" if current in s.records else "ev"
        title = "; ".join(labels.get(rid, f"record {rid}") for rid in s.records)
        out.append(f'<a class="{classes}" href="#rec-{s.records[0]}" data-records="{" ".join(map(str, s.records))}"'
                   f' title="{escape(title)}">{escape(s.text)}</a>')
    return Markup("".join(out))


def marked(text: str, marks: Iterable[Iterable[int]]) -> Markup:
    """``text`` with each ``[start, end]`` of ``marks`` in ``<mark>`` (overlaps merged)."""
    merged: list[list[int]] = []
    for start, end in sorted((max(0, s), min(len(text), e)) for s, e in marks):
        if start >= end:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out: list[str] = []
    at = 0
    for start, end in merged:
        out.append(escape(text[at:start]))
        out.append(Markup("<mark>") + escape(text[start:end]) + Markup("</mark>"))
        at = end
    out.append(escape(text[at:]))
    return Markup("".join(out))

