"""Language identification and the dispatch of Korean and Khmer text."""

from __future__ import annotations

import bilateral
from bilateral.extract import lang


def test_script_decides_the_language_of_documents_and_paragraphs():
    assert lang.identify("Korea and Cambodia restored ties in 1997.") == "en"
    assert lang.identify("한국과 캄보디아는 1997년 국교를 재개했다.") == "ko"
    assert lang.identify("កម្ពុជា និងកូរ៉េ បានស្តារទំនាក់ទំនងការទូតឡើងវិញនៅឆ្នាំ១៩៩៧ ។") == "km"
    # Latin acronyms inside Korean prose do not make it English.
    assert lang.paragraph_language("KOICA와 EDCF를 통한 ODA 지원이 늘었다") == "ko"
    text = "한국어 문단입니다.\n2024\nAn English paragraph.\n"
    assert [(text[a:b], code) for a, b, code in lang.segments(text)] == [
        ("한국어 문단입니다.\n2024", "ko"), ("An English paragraph.\n", "en")]


def test_english_text_never_reaches_the_native_engine():
    assert lang.dispatch("Trade rose 5% in 2023.", published=None, doc_id=None, pair=None) is None


def test_masking_keeps_offsets():
    text = "가나다\nabc\n라마"
    masked = lang.mask(text, [(4, 7)])
    assert len(masked) == len(text) and masked[4:7] == "abc" and masked.count("\n") == 2


def test_bilingual_page_reads_each_paragraph_in_its_language():
    text = ("Korea and Cambodia restored diplomatic relations in 1997.\n"
            "한국과 캄보디아의 교역액은 2023년 9억1600만달러를 기록했다.\n")
    records = [r.to_dict() for r in bilateral.extract(text, doc_id="page")]
    kinds = {(r["type"], r.get("event") or r.get("indicator")) for r in records}
    assert ("event", "relations.restored") in kinds
    assert ("claim", "trade.total") in kinds
    for r in records:
        ev = r["evidence"]
        assert text[ev["start"]:ev["end"]] == ev["text"]
