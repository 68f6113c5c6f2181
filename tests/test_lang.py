"""Language identification and the dispatch of Korean and Khmer text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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


# Korean and Khmer words the native engine reacts to, so that generated texts
# reach its deep paths: numbers with units, dates, countries, cues, triggers.
NATIVE_WORDS = [
    "캄보디아", "한국", "캄보디아는", "한국에", "대캄", "방한", "한·캄", "주캄보디아", "한국인", "북한", "우리나라",
    "교역액은", "수출", "수입", "투자", "원조", "EDCF", "관광객", "근로자", "기업", "9억1600만달러", "1,000억원",
    "8억 9천만 달러", "12.3%", "6~7%", "20배", "두 배", "2위", "4만5천여 명", "200여 개", "약", "이상",
    "2019년 3월", "지난해 5월", "이날", "1~6월", "상반기", "2024~2028년", "전년 대비", "증가했다", "감소",
    "국교를 재개했다", "수교", "단교", "국빈방문", "정상회담", "서명했다", "발효", "격상", "예정이다",
    "កម្ពុជា", "កូរ៉េ", "កូរ៉េខាងត្បូង", "ពាណិជ្ជកម្ម", "ការនាំចេញ", "ការវិនិយោគ", "ជំនួយ", "ភ្ញៀវទេសចរ",
    "ពលករ", "៩១៦ លានដុល្លារ", "១,៥ ពាន់លាន", "១២,៣%", "ខែមីនា ឆ្នាំ២០១៩", "ឆ្នាំ២០២៣", "កើនឡើង",
    "ទស្សនកិច្ចផ្លូវរដ្ឋ", "ចុះហត្ថលេខា", "។", ".", ",", "\n", " ", "(", ")", "…", "○ ",
]
native_texts = st.one_of(
    st.lists(st.sampled_from(NATIVE_WORDS), max_size=60).map(" ".join),
    st.lists(st.one_of(st.sampled_from(NATIVE_WORDS), st.text(max_size=6)), max_size=40).map("".join),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=native_texts, published=st.one_of(st.none(), st.sampled_from(["2024", "2024-05-16", "junk"])))
def test_native_evidence_is_always_the_document_slice(text, published):
    for r in bilateral.extract(text, published=published, doc_id="x"):
        ev = r.evidence
        assert 0 <= ev.start < ev.end <= len(text)
        assert text[ev.start:ev.end] == ev.text
        d = r.to_dict()
        if d["type"] == "claim":
            assert d["value"] is not None or (d["low"] is not None and d["high"] is not None)
