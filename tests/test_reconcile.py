"""Reconciliation rules on reports built by hand: agreement, conflict kinds, canonical events."""

from __future__ import annotations

import itertools

import pytest

from bilateral.reconcile import reconcile_claims, reconcile_events
from bilateral.reconcile.claims import ClaimReport
from bilateral.reconcile.events import EventReport, dates_compatible
from bilateral.reconcile.values import (
    Figure,
    agree,
    is_official,
    magnitude_ratio,
    significant_digits,
    transposed,
)

_ids = itertools.count(1)


def claim(value: float | None, *, doc: int | None = None, period=("2023", "2023"), status="actual",
          source: str | None = None, approx: str | None = None, scope="flow", published="2024-01-01",
          low: float | None = None, high: float | None = None, unit: str = "USD",
          measure: str = "level") -> ClaimReport:
    rid = next(_ids)
    key = "|".join(map(str, ("KH-KR", "trade.total", measure, "KH", "KR", *period, status, unit)))
    return ClaimReport(
        record_id=rid, document_id=doc if doc is not None else rid, published=published, fact_key=key,
        group_key="claim|KH-KR|trade.total", pair="KH-KR", indicator="trade.total", measure=measure, from_c="KH",
        to_c="KR", period_start=period[0], period_end=period[1], scope=scope, status=status, unit=unit,
        figure=Figure(value, low, high, approx), attributed_to=source,
    )


@pytest.mark.parametrize(("value", "digits"), [(890e6, 2), (892.3e6, 4), (8.4, 2), (0.25, 2), (1000, 1), (0, 1)])
def test_significant_digits(value, digits):
    assert significant_digits(value) == digits


@pytest.mark.parametrize(("a", "b", "same"), [
    (Figure(890e6), Figure(892.3e6), True),       # 892.3 rounds to 890
    (Figure(890e6), Figure(896e6), False),        # 896 rounds to 900
    (Figure(9e8), Figure(890e6), True),           # "$0.9 billion"
    (Figure(700e6, approx="about"), Figure(720e6), True),
    (Figure(100_000, approx="over"), Figure(120_000), True),
    (Figure(100_000, approx="over"), Figure(90_000), False),
    (Figure(None, 6, 7), Figure(6.5), True),
    (Figure(None, 6, 7), Figure(8), False),
])
def test_agreement_allows_rounding_and_approximation(a, b, same):
    assert agree(a, b) is same and agree(b, a) is same


def test_digit_and_magnitude_slips():
    assert transposed(892e6, 829e6) and not transposed(892e6, 928e6) and not transposed(890e6, 890e6)
    assert magnitude_ratio(890e6, 89e6) == 10 and magnitude_ratio(1.2e9, 1.2e6) == 1000
    assert magnitude_ratio(890e6, 450e6) is None


def test_official_sources_come_from_the_rules_table():
    assert is_official("General Department of Customs and Excise")
    assert is_official("the Ministry of Commerce")
    assert not is_official("Korea International Trade Association")
    assert not is_official(None)


def test_reports_that_agree_are_one_fact_with_all_their_sources():
    facts, conflicts = reconcile_claims([claim(890e6), claim(892.3e6), claim(9e8)])
    assert len(facts) == 1 and conflicts == []
    fact = facts[0]
    assert fact.value == 892.3e6  # the most precise report speaks for them
    assert fact.n_reports == 3 and fact.rule == "agreement" and all(agrees for _, agrees in fact.reports)


def test_official_statistics_win_over_more_reports():
    official = claim(890e6, source="General Department of Customs and Excise")
    others = [claim(1.05e9), claim(1.05e9), claim(1.05e9)]
    facts, conflicts = reconcile_claims([official, *others])
    assert facts[0].value == 890e6 and facts[0].rule == "official"
    assert [c.kind for c in conflicts] == ["disagreement"]


def test_more_independent_reports_win_then_the_latest():
    facts, _ = reconcile_claims([claim(890e6), claim(980e6, doc=50), claim(981e6, doc=51)])
    assert facts[0].value in (980e6, 981e6) and facts[0].rule == "most_reports"
    # Two reports in one document count as one source.
    facts, _ = reconcile_claims([claim(890e6, published="2024-06-01"), claim(980e6, doc=60, published="2024-01-01"),
                                 claim(980e6, doc=60, published="2024-01-01")])
    assert facts[0].value == 890e6 and facts[0].rule == "latest"


@pytest.mark.parametrize(("a", "b", "kind"), [
    (claim(892e6), claim(829e6), "digits"),
    (claim(890e6), claim(89e6), "magnitude"),
    (claim(890e6, source="General Department of Customs and Excise"),
     claim(1.05e9, source="Korea International Trade Association"), "source"),
    (claim(890e6), claim(905e6), "rounding"),
    (claim(890e6), claim(1.3e9), "disagreement"),
])
def test_conflicts_are_classified(a, b, kind):
    _, conflicts = reconcile_claims([a, b])
    assert [c.kind for c in conflicts] == [kind]
    assert conflicts[0].explanation and set(conflicts[0].record_ids) == {a.record_id, b.record_id}


def test_two_figures_inside_one_document_are_not_two_sources_disagreeing():
    # A release gives a $67 million loan and a $27 million one for the same year: two things, not a dispute.
    _, conflicts = reconcile_claims([claim(67e6, doc=7), claim(27e6, doc=7)])
    assert [c.kind for c in conflicts] == ["same_document"]
    assert "One document gives both $67 million and $27 million for 2023" in conflicts[0].explanation
    # Another source agreeing with one of them changes nothing: the document still gives both.
    _, conflicts = reconcile_claims([claim(67e6, doc=8), claim(67e6, doc=9), claim(27e6, doc=8)])
    assert [c.kind for c in conflicts] == ["same_document"]
    # A second document alone with the other figure is a disagreement between sources.
    _, conflicts = reconcile_claims([claim(67e6, doc=10), claim(67e6, doc=11), claim(27e6, doc=12)])
    assert [c.kind for c in conflicts] == ["disagreement"]
    # Slips and named statistics sources keep their own explanation inside one document.
    _, conflicts = reconcile_claims([claim(892e6, doc=13), claim(829e6, doc=13)])
    assert [c.kind for c in conflicts] == ["digits"]
    _, conflicts = reconcile_claims([claim(890e6, doc=14, source="the customs department"),
                                     claim(1.05e9, doc=14, source="a trade association")])
    assert [c.kind for c in conflicts] == ["source"]


def test_explanations_speak_in_the_unit_of_the_figures():
    _, conflicts = reconcile_claims([claim(1, unit="rank", measure="rank"), claim(2, unit="rank", measure="rank")])
    assert conflicts[0].kind == "disagreement" and "%" not in conflicts[0].explanation
    assert "#1 against #2" in conflicts[0].explanation
    _, conflicts = reconcile_claims([claim(5.5, unit="percent", measure="change_pct"),
                                     claim(-19.2, unit="percent", measure="change_pct")])
    assert "24.7 percentage points apart" in conflicts[0].explanation
    _, conflicts = reconcile_claims([claim(20e6, status="pledged", period=("2002-11-05", "2002-11-05")),
                                     claim(67e6, period=("2002-11-05", "2002-11-05"))])
    assert "$20 million was pledged on 5 November 2002" in conflicts[0].explanation
    _, conflicts = reconcile_claims([claim(20e6, status="pledged"), claim(67e6)])
    assert "$20 million was pledged for 2023;" in conflicts[0].explanation
    # Without a period, a pledge and an actual figure may be of different years: no conflict.
    _, conflicts = reconcile_claims([claim(245.9e6, status="pledged", period=(None, None)),
                                     claim(1e9, period=(None, None))])
    assert conflicts == []


def test_pledged_against_actual():
    facts, conflicts = reconcile_claims([claim(700e6, status="pledged", period=("2024", "2024")),
                                         claim(431e6, period=("2024", "2024"))])
    assert len(facts) == 2
    assert [c.kind for c in conflicts] == ["pledged_vs_actual"]
    assert "$700 million" in conflicts[0].explanation and "$431 million" in conflicts[0].explanation


def test_cumulative_totals_that_fall_and_totals_from_different_starts():
    facts, conflicts = reconcile_claims([
        claim(700e6, period=("1991", "2019"), scope="cumulative"),
        claim(431e6, period=("1996", "2022"), scope="cumulative"),
    ])
    assert [c.kind for c in conflicts] == ["cumulative_decrease"]
    _, conflicts = reconcile_claims([
        claim(700e6, period=("1991", "2022"), scope="cumulative"),
        claim(431e6, period=("1996", "2022"), scope="cumulative"),
    ])
    assert [c.kind for c in conflicts] == ["different_period"]
    # Growing totals are consistent.
    _, conflicts = reconcile_claims([claim(431e6, period=("1996", "2019"), scope="cumulative"),
                                     claim(700e6, period=("1996", "2022"), scope="cumulative")])
    assert conflicts == []


def test_figures_without_a_period_do_not_contradict_each_other():
    facts, conflicts = reconcile_claims([claim(245e6, period=(None, None)), claim(67e6, period=(None, None))])
    assert len(facts) == 2 and conflicts == []


def event(date: str | None, *, actors=("Yoon Suk Yeol",), direction=("KR", "KH"), status="actual",
          kind="visit") -> EventReport:
    rid = next(_ids)
    return EventReport(record_id=rid, document_id=rid, published="2024-06-01", group_key=f"event|KH-KR|{kind}",
                       pair="KH-KR", event=kind, date=date, from_c=direction[0], to_c=direction[1],
                       actors=tuple(actors), status=status)


def test_reports_of_one_visit_become_one_event_and_conflicting_days_are_flagged():
    reports = [event("2019-11-24", actors=("President Moon Jae-in",)), event("2019-11-25", actors=("Moon Jae-in",)),
               event("2019-11-25"), event("2019-11", actors=())]
    found = reconcile_events(reports, symmetric=False)
    by_size = sorted(found, key=lambda e: -e.n_reports)
    moon = by_size[0]
    assert moon.n_reports == 3 and moon.date == "2019-11-25"
    assert "2019-11-24" in moon.date_conflict and "2019-11-25" in moon.date_conflict
    assert len(found) == 2  # Yoon's report (other actors) is another event


def test_direction_date_and_planned_status():
    found = reconcile_events([event("2024-05-14"), event("2024-05-14", direction=("KH", "KR")),
                              event("2023-05-14")], symmetric=False)
    assert len(found) == 3
    planned_then_done = reconcile_events([event("2024-05", status="planned"), event("2024-05-15")], symmetric=False)
    assert len(planned_then_done) == 1 and planned_then_done[0].status == "actual"


def test_a_report_naming_only_the_host_joins_the_visit_once_another_names_both():
    # Date order puts the host-only report (15 March) before the one that names both leaders (16 March).
    reports = [event("2019-03-14", actors=("Moon Jae-in",)), event("2019-03-15", actors=("Hun Sen",)),
               event("2019-03-16", actors=("Moon Jae-in", "Hun Sen"))]
    [one] = reconcile_events(reports, symmetric=False)
    assert one.n_reports == 3 and one.date_conflict and "2019-03-15" in one.date_conflict
    # Without a report that links them, different people on nearby days stay apart.
    apart = reconcile_events([event("2019-03-14", actors=("Moon Jae-in",)), event("2019-03-15", actors=("Hun Sen",))],
                             symmetric=False)
    assert len(apart) == 2
    # Nor do the same people travelling the other way.
    apart = reconcile_events([event("2019-03-14", actors=("Moon Jae-in",)), event("2019-03-15", actors=("Hun Sen",)),
                              event("2019-03-16", actors=("Moon Jae-in", "Hun Sen"), direction=("KH", "KR"))],
                             symmetric=False)
    assert len(apart) == 3


def test_undated_reports_join_the_one_event_of_their_actors():
    found = reconcile_events([event("2024-05-14"), event(None)], symmetric=False)
    assert len(found) == 1 and found[0].n_reports == 2


def test_dates_compatible():
    assert dates_compatible("2019", "2019-03-14") == (True, False)
    assert dates_compatible("2019-11-24", "2019-11-27") == (True, True)
    assert dates_compatible("2019-11-20", "2019-11-27") == (False, False)
    assert dates_compatible("197X", "1975-04") == (True, False)
