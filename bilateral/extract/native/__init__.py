"""The table-driven engine for languages other than English (Korean, Khmer).

It runs the same chain as the English pipeline, sentence by sentence over the
paragraphs of its language: sentences → country mentions → prefilter → dates
→ quantities → cues → claims and events, with the English pipeline's records,
document context (pair, "the Kingdom"), topic carried from sentence to
sentence, period, status and scope rules. What differs by language is data
(``rules/<code>/*.toml``) and three parsers per language (sentence ends,
numbers, dates) in ``bilateral/extract/<code>/``.
"""

from __future__ import annotations

import bisect
import dataclasses
import re

from ...model import Evidence, Record
from ..claims import Topic
from ..context import DocContext, Sentence, infer_pair, resolve_kingdom
from ..countries import Mention
from ..countries import find_mentions as find_english_mentions
from ..dates import parse_published
from ..events import EventState
from . import claims, countries, events
from .language import Language, get

__all__ = ["extract_native"]

_DIGIT = re.compile(r"\d")
# Marks that separate or join words without being seen: Khmer text often puts
# a zero-width space between words ("ភ្ញៀវ\u200bទេសចរ"), which the tables,
# written as unspaced Khmer, would not match across.
_INVISIBLE_MARKS = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_INVISIBLE = re.compile(f"[{_INVISIBLE_MARKS}]")


def extract_native(text: str, runs: list[tuple[int, int, str]], *, published: str | None,
                   doc_id: str | None) -> list[Record]:
    """Records of the non-English runs of ``text`` (``runs`` from ``lang.segments``)."""
    if _INVISIBLE.search(text):
        return _without_invisible(text, runs, published=published, doc_id=doc_id)
    pub = parse_published(published)
    by_lang: dict[str, list[tuple[int, int]]] = {}
    for a, b, code in runs:
        by_lang.setdefault(code, []).append((a, b))
    normalized: dict[str, str] = {}
    mentions: list[Mention] = []
    for code, spans in by_lang.items():
        if code == "en":
            for a, b in spans:
                mentions.extend(find_english_mentions(text, a, b))
            continue
        lang = get(code)
        if lang is None:
            continue
        normalized[code] = ntext = lang.normalize(text)
        for a, b in spans:
            mentions.extend(countries.find_mentions(lang, ntext, a, b))
    mentions.sort(key=lambda m: m.start)
    doc_pair, counts = infer_pair(mentions, text)
    kingdom = resolve_kingdom(mentions, counts)
    records: list[Record] = []
    for code, spans in by_lang.items():
        if code not in normalized:
            continue
        ctx = DocContext(text=normalized[code], doc=doc_id, published=pub, pair=doc_pair,
                         kingdom=kingdom, counts=counts)
        records.extend(_extract_runs(get(code), ctx, text, spans, mentions))
    return records


def _without_invisible(text: str, runs: list[tuple[int, int, str]], *, published: str | None,
                       doc_id: str | None) -> list[Record]:
    """Records of ``text`` read without its invisible marks, their evidence
    spans put back into ``text`` (the marks inside them kept)."""
    removed = [m.start() for m in _INVISIBLE.finditer(text)]
    kept = [i for i, ch in enumerate(text) if ch not in _INVISIBLE_MARKS]

    def inward(pos: int) -> int:
        return pos - bisect.bisect_left(removed, pos)

    stripped = "".join(text[i] for i in kept)
    inner = [(inward(a), inward(b), code) for a, b, code in runs]
    out = []
    for r in extract_native(stripped, inner, published=published, doc_id=doc_id):
        a, b = kept[r.evidence.start], kept[r.evidence.end - 1] + 1
        out.append(dataclasses.replace(r, evidence=Evidence(a, b, text[a:b])))
    return out


def _extract_runs(lang: Language, ctx: DocContext, original: str, spans: list[tuple[int, int]],
                  mentions: list[Mention]) -> list[Record]:
    ntext = ctx.text
    line_starts = [0] + [m.end() for m in re.finditer("\n", ntext)]
    records: list[Record] = []
    topic: Topic | None = None
    state = EventState()
    index = 0
    m_index = 0
    for run_start, run_end in spans:
        for a, b in lang.split(ntext, run_start, run_end):
            i = index
            index += 1
            while m_index < len(mentions) and mentions[m_index].start < a:
                m_index += 1
            j = m_index
            while j < len(mentions) and mentions[j].start < b:
                j += 1
            # The English prefilter: a sentence is read closely only if it
            # holds a figure (and names a country, or continues the topic or
            # an event of the sentences just before) or an event word.
            live = (topic is not None and topic.sentence >= i - 2) or state.sentence >= i - 2
            numeric = _DIGIT.search(ntext, a, b) is not None or claims.has_number_word(lang, ntext, a, b)
            numeric = numeric and (j > m_index or live or claims.names_pair_or_economy(lang, ntext, a, b))
            if not numeric and not events.has_trigger(lang, ntext, a, b):
                continue
            s = Sentence(i, a, b, bisect.bisect_right(line_starts, a) - 1, mentions[m_index:j])
            s.dates = lang.find_dates(ntext, a, b, ctx.published)
            s.clauses = claims.clauses(lang, ntext, a, b)
            if numeric:
                found, new_topic = claims.extract_claims(lang, ctx, original, s, topic)
                records.extend(found)
                if new_topic is not None:
                    topic = new_topic
                elif topic is not None and topic.sentence == i - 1 and not found:
                    topic = Topic(i, topic.paragraph, topic.indicator, topic.period, topic.from_, topic.to)
            records.extend(events.extract_events(lang, ctx, original, s, state))
    return records
