"""The Korean tables and parsers: numbers with 만/억/조, dates with 년/월/일,
country names with particles and abbreviations, and whole sentences."""

from __future__ import annotations

import datetime as dt

import pytest

import bilateral
from bilateral.extract.ko.dates import find_dates
from bilateral.extract.ko.numbers import find_quantities, parse_number
from bilateral.extract.native.countries import find_mentions
from bilateral.extract.native.language import get
from bilateral.model import Claim, Event

KO = get("ko")
assert KO is not None
PUB = dt.date(2024, 5, 17)


@pytest.mark.parametrize("written, value", [
    ("9억1600만", 916e6), ("1,000억", 1e11), ("8억 9천만", 890e6), ("4만5천", 45e3), ("1조2천억", 1.2e12),
    ("3백만", 3e6), ("1.5조", 1.5e12), ("20만2천", 202e3), ("두", 2), ("12.3", 12.3),
])
def test_parse_number(written, value):
    assert parse_number(written) == pytest.approx(value)


@pytest.mark.parametrize("written, kind, value, unit, approx", [
    ("9억1600만달러", "money", 916e6, "USD", None), ("1,000억원을", "money", 1e11, "KRW", None),
    ("8억 9천만 달러", "money", 890e6, "USD", None), ("미화 5억 달러 이상", "money", 5e8, "USD", "over"),
    ("약 300억엔", "money", 3e10, "JPY", "about"), ("최대 20억달러", "money", 2e9, "USD", "under"),
    ("12.3% 증가", "percent", 12.3, "percent", None), ("20배", "factor", 20, "times", None),
    ("두 배로", "factor", 2, "times", None), ("2위", "rank", 2, "rank", None), ("두 번째로 큰", "rank", 2, "rank", None),
    ("4만5천여 명", "number", 45e3, "count", "over"), ("200여 개 기업", "number", 200, "count", "over"),
])
def test_quantities(written, kind, value, unit, approx):
    found = find_quantities(written, 0, len(written))
    assert [(q.kind, q.value, q.unit, q.approx) for q in found] == [(kind, pytest.approx(value), unit, approx)]


def test_ranges_and_words_that_are_no_figures():
    text = "6~7% 성장, 1억~2억 달러, 3원칙, 원조 10년"
    found = find_quantities(text, 0, len(text))
    assert [(q.kind, q.low, q.high) for q in found] == [("percent", 6, 7), ("money", 1e8, 2e8)]


@pytest.mark.parametrize("written, kind, lo, hi", [
    ("2019년 3월 14일", "date", "2019-03-14", "2019-03-14"), ("2019년 3월", "date", "2019-03", "2019-03"),
    ("지난해 5월", "date", "2023-05", "2023-05"), ("이날", "date", "2024-05-17", "2024-05-17"),
    ("올해 1~6월", "date", "2024-01", "2024-06"), ("지난해 상반기", "date", "2023-01", "2023-06"),
    ("2024년 1분기", "date", "2024-01", "2024-03"), ("2024~2028년", "date", "2024", "2028"),
    ("1996년부터 2022년까지", "date", "1996", "2022"), ("2024년 말 기준", "asof", None, "2024-12"),
    ("2008년 3월까지", "asof", None, "2008-03"), ("1997년 재수교 이후", "since", "1997", None),
    ("1970년대", "date", "197X", "197X"), ("전년 대비", "comparison", None, None),
    ("지난해 같은 기간보다", "comparison", None, None), ("14일", "date", "2024-05-14", "2024-05-14"),
    ("올해 들어 8월까지", "date", "2024-01", "2024-08"), ("지난달", "date", "2024-04", "2024-04"),
])
def test_dates(written, kind, lo, hi):
    found = find_dates(written, 0, len(written), PUB)
    assert [(d.kind, d.lo, d.hi) for d in found] == [(kind, lo, hi)]


def test_relative_dates_need_the_published_date():
    assert find_dates("지난해 교역", 0, 6, None) == []


@pytest.mark.parametrize("text, codes", [
    ("캄보디아는 한국과", ["KH", "KR"]), ("대캄보디아 수출", ["KH"]), ("주캄보디아 한국대사관", ["KH", "KR"]),
    ("우리나라의 ODA", ["KR"]), ("북한과 캄보디아", ["KP", "KH"]), ("한·캄 정상회담", ["KR", "KH"]),
    ("훈센 총리가 방한했다", ["KH", "KR"]), ("대캄 투자", ["KH"]), ("한국인 관광객", ["KR"]),
    ("캄보디아에 대한 투자", ["KH"]), ("인도적 지원", []), ("인도네시아와 인도", ["ID", "IN"]),
    ("베트남전 참전", []), ("한국전쟁", []),
])
def test_country_mentions(text, codes):
    assert [m.code for m in find_mentions(KO, KO.normalize(text))] == codes


def _records(text: str, **kw) -> list[dict]:
    out = []
    for r in bilateral.extract(text, doc_id="t", **kw):
        d = r.to_dict()
        assert text[d["evidence"]["start"]:d["evidence"]["end"]] == d["evidence"]["text"]
        out.append(d)
    return out


def test_claims_with_direction_period_and_status():
    text = ("한국과 캄보디아의 교역액은 지난해 9억1600만달러로 전년 대비 12.3% 증가했다. "
            "한국은 캄보디아에 2024~2028년 최대 20억달러의 EDCF를 지원하기로 했다. "
            "캄보디아 근로자 약 4만5천명이 고용허가제로 한국에서 일하고 있다. "
            "한국은 캄보디아의 2위 투자국이다.")
    got = {(r["indicator"], r["measure"], r["value"], r["from"], r["to"], r["status"],
            (r["period"] or {}).get("start")) for r in _records(text, published="2024-05-17")}
    assert got == {
        ("trade.total", "level", 916e6, "KH", "KR", "actual", "2023"),
        ("trade.total", "change_pct", 12.3, "KH", "KR", "actual", "2023"),
        ("aid.oda", "level", 2e9, "KR", "KH", "pledged", "2024"),
        ("people.workers", "level", 45e3, "KH", "KR", "actual", None),
        ("investment.fdi", "rank", 2, "KR", "KH", "actual", None),
    }


def test_plans_to_raise_a_figure_are_targets_and_a_donors_plan_is_a_pledge():
    text = ("정부는 캄보디아와의 교역 규모를 2030년까지 30억 달러로 늘릴 계획이다. "
            "캄보디아를 찾는 한국인 관광객을 2026년 40만명으로 확대할 계획이다. "
            "한국 기업의 대캄보디아 투자를 연간 5억 달러로 끌어올린다는 방침이다. "
            "캄보디아는 한국에서 일하는 자국 근로자를 1만5천명으로 늘리기를 희망한다. "
            "외교부는 캄보디아에 대한 무상원조를 내년 6000만 달러로 확대할 계획이다. "
            "지난해 한국과 캄보디아의 교역액은 8억9000만 달러로 늘었다.")
    got = {(r["indicator"], r["value"], r["status"], (r["period"] or {}).get("end"))
           for r in _records(text, published="2024-06-05")}
    assert got == {
        ("trade.total", 3e9, "target", "2030"),  # "by 2030": the year the target is for
        ("tourism.arrivals", 4e5, "target", "2026"),
        ("investment.fdi", 5e8, "target", None),
        ("people.workers", 15e3, "target", None),
        ("aid.oda", 6e7, "pledged", "2025"),
        ("trade.total", 8.9e8, "actual", "2023"),
    }


def test_partner_prefixes_and_imports():
    text = "캄보디아의 대한 수출은 3억달러, 한국의 대캄 수입은 2억달러였다."
    got = {(r["indicator"], r["value"], r["from"], r["to"]) for r in _records(text)}
    assert got == {("trade.exports", 3e8, "KH", "KR"), ("trade.exports", 2e8, "KH", "KR")}


def test_events_and_their_dates():
    text = ("한국과 캄보디아는 1970년 5월 외교관계를 수립했으나 1975년 단교했고, 1997년 국교를 재개했다.\n"
            "훈 마넷 총리는 지난 16일 방한해 윤석열 대통령과 정상회담을 가졌다.\n"
            "문재인 대통령은 내년 캄보디아를 국빈방문할 예정이다.")
    records = [r for r in bilateral.extract(text, published="2024-05-17", doc_id="t") if isinstance(r, Event)]
    got = {(e.event, e.date, e.from_, e.to, e.status) for e in records}
    assert {("relations.established", "1970-05", "KH", "KR", "actual"),
            ("relations.severed", "1975", "KH", "KR", "actual"),
            ("relations.restored", "1997", "KH", "KR", "actual"),
            ("visit", "2024-05-16", "KH", "KR", "actual"),
            ("visit", "2025", "KR", "KH", "planned")} <= got
    visit = next(e for e in records if e.event == "visit" and e.date == "2024-05-16")
    assert "훈 마넷" in visit.actors


def test_topic_carries_to_the_next_sentence():
    text = "올해 1~8월 한국과 캄보디아의 교역액은 5억달러였다. 이는 전년 동기 대비 8.4% 감소한 것이다."
    claims = [r for r in bilateral.extract(text, published="2023-09-12", doc_id="t") if isinstance(r, Claim)]
    change = next(c for c in claims if c.measure == "change_pct")
    assert (change.indicator, change.value, change.period.start, change.period.end) == (
        "trade.total", -8.4, "2023-01", "2023-08")


def test_day_of_a_relative_month():
    found = find_dates("다음 달 1일 발효", 0, 9, PUB)
    assert [(d.kind, d.lo) for d in found] == [("date", "2024-06-01")]
