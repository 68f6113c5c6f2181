"""Which language a document, and each paragraph of it, is written in.

Script-based, without a model: Korean is written in Hangul, Khmer in the Khmer
script, and both scripts are used by one language each in this domain, so
counting letters decides. English is the default for Latin text (the English
pipeline is the only one for Latin script). A paragraph is a line; a line with
no letters (a date, a figure, a rule) takes the language of the one before it.

``dispatch`` is the one place where ``bilateral.extract`` hands text that is
not all English to the table-driven engine of ``bilateral.extract.native``.
"""

from __future__ import annotations

import re
from collections import Counter

from ..model import Record

LANGUAGES = ("en", "ko", "km")

_HANGUL = r"\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f"
_KHMER = r"\u1780-\u17ff\u19e0-\u19ff"
_NON_LATIN = re.compile(f"[{_HANGUL}{_KHMER}]")
# A Hangul syllable carries two or three Latin letters' worth of sound; a
# Khmer code point (consonant, vowel sign, subscript mark) about one.
_WEIGHT = {"ko": 2.5, "km": 1.0, "en": 1.0}


# One scan per script (in C) instead of a Python step per word.
_RUNS = {code: re.compile(f"[{chars}]+") for code, chars in
         (("ko", _HANGUL), ("km", _KHMER), ("en", "A-Za-z\u00c0-\u024f"))}


def paragraph_language(text: str, start: int = 0, end: int | None = None) -> str | None:
    """The language of ``text[start:end]`` by its letters, or None if it has none;
    of two with the same weight, the one whose letters come first."""
    stop = len(text) if end is None else end
    best: tuple[float, int, str] | None = None
    for code, rx in _RUNS.items():
        first = rx.search(text, start, stop)
        if first is None:
            continue
        weight = sum(map(len, rx.findall(text, first.start(), stop))) * _WEIGHT[code]
        if best is None or (weight, -first.start()) > best[:2]:
            best = (weight, -first.start(), code)
    return None if best is None else best[2]


def segments(text: str) -> list[tuple[int, int, str]]:
    """Runs of paragraphs in one language: ``(start, end, language)``, covering the text."""
    spans: list[tuple[int, int, str | None]] = []
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        spans.append((pos, end, paragraph_language(text, pos, end)))
        pos = end + 1
    first = next((lang for _, _, lang in spans if lang), "en")
    out: list[tuple[int, int, str]] = []
    current = first
    for a, b, lang in spans:
        current = lang or current
        if out and out[-1][2] == current:
            out[-1] = (out[-1][0], b, current)
        else:
            out.append((a, b, current))
    return out


def identify(text: str) -> str:
    """The main language of a document: "en", "ko" or "km"."""
    if not _NON_LATIN.search(text):
        return "en"
    weights: Counter[str] = Counter()
    for a, b, lang in segments(text):
        weights[lang] += b - a
    return weights.most_common(1)[0][0]


def mask(text: str, keep: list[tuple[int, int]]) -> str:
    """``text`` with everything outside ``keep`` blanked (line breaks kept), so
    that offsets into the result are offsets into ``text``."""
    out = []
    pos = 0
    for a, b in keep:
        out.append(re.sub(r"[^\n]", " ", text[pos:a]))
        out.append(text[a:b])
        pos = b
    out.append(re.sub(r"[^\n]", " ", text[pos:]))
    return "".join(out)


def dispatch(text: str, *, published: str | None, doc_id: str | None,
             pair: tuple[str, str] | None) -> list[Record] | None:
    """Records of a text that is not all English, or None to let the English
    pipeline read it as it always has.

    English paragraphs of a bilingual page go through the English pipeline
    (over a copy of the text with the other paragraphs blanked, so offsets hold);
    Korean and Khmer paragraphs through the native engine. A document reports
    an event once, whichever language says it.
    """
    if text.isascii() or not _NON_LATIN.search(text):
        return None
    runs = segments(text)
    if all(lang == "en" for _, _, lang in runs):
        return None
    from . import _in_pair, _one_report_per_event
    from . import extract as extract_english
    from .native import extract_native

    records: list[Record] = []
    english = [(a, b) for a, b, lang in runs if lang == "en"]
    if english:
        records.extend(extract_english(mask(text, english), published=published, doc_id=doc_id))
    records.extend(extract_native(text, runs, published=published, doc_id=doc_id))
    records.sort(key=lambda r: r.evidence.start)
    records = _one_report_per_event(records)
    if pair:
        wanted = set(pair)
        records = [r for r in records if _in_pair(r, wanted)]
    return records
