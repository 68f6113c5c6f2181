"""The extractor on forms the fourth held-out set brought out: plans and hopes
as goals, figures spelled out with a decimal point, and a date range whose
year is written once at its end. Sentences written for these tests, on pairs
other than the held-out documents'."""

from __future__ import annotations

import bilateral
from bilateral.extract.tables import read_lists
from tests.helpers import claims, events


def test_a_plan_to_raise_a_figure_is_a_target():
    text = "The Thai government plans to lift two-way trade with Vietnam to $25 billion by 2027."
    [c] = [c for c in claims(text) if c.value == 25e9]
    assert (c.indicator, c.status) == ("trade.total", "target")


def test_a_hope_that_a_figure_will_change_is_a_target():
    text = "Nairobi hopes Kenya's exports to China will triple by 2030."
    [c] = [c for c in claims(text) if c.measure == "change_factor"]
    assert (c.value, c.status, c.from_, c.to) == (3, "target", "KE", "CN")


def test_a_plan_to_attend_is_no_target():
    # "plans to" without a verb of raising is a plan for an event, not a goal for the figure
    text = "Vietnam's exports to Japan reached $24 billion in 2023; its minister plans to attend the fair in Osaka."
    [c] = [c for c in claims(text) if c.value == 24e9]
    assert c.status == "actual"


def test_a_spelled_out_figure_with_a_decimal_point():
    text = "Indonesia's exports to Australia were worth two point seven billion dollars in 2022."
    [c] = [c for c in claims(text) if c.measure == "level"]
    assert (c.value, c.unit, c.from_, c.to) == (2.7e9, "USD", "ID", "AU")


def test_a_date_range_takes_the_year_written_at_its_end():
    text = ("Mongolia and Korea held their first joint committee in 2011.\n"
            "Mongolian President Ukhnaagiin Khurelsukh paid a state visit to Seoul from October 26 to October 28, 2024.")
    [v] = [e for e in events(text, published="2024-11-20") if e.event == "visit"]
    assert (v.date, v.from_, v.to) == ("2024-10-26", "MN", "KR")


def test_a_monthly_series_listed_under_a_lead_line():
    text = ("Visitors from Japan to Thailand numbered 512,000 in the first quarter of 2024.\n"
            "Arrivals from Japan by month were as follows:\n"
            "April: 88,410\n"
            "May: 92,035\n"
            "June: 79,870\n"
            "The figures exclude cruise passengers.")
    found = {(c.value, c.period.start, c.period.end, c.from_, c.to, c.evidence.text)
             for c in claims(text, published="2024-07-15") if c.evidence.text[0] in "AMJ"}
    assert found == {(88410, "2024-04", "2024-04", "JP", "TH", "April: 88,410"),
                     (92035, "2024-05", "2024-05", "JP", "TH", "May: 92,035"),
                     (79870, "2024-06", "2024-06", "JP", "TH", "June: 79,870")}


def test_lines_of_figures_without_dates_are_no_series():
    # Only lines labelled by a month or a year are read as a series of the lead's figure.
    text = ("Thailand and Japan: key facts as follows:\n"
            "Japanese firms: 6,000\n"
            "Japanese residents: 78,000\n")
    assert read_lists(text, None, None, bilateral.extract) == []


def test_a_label_before_a_colon_names_the_figure_after_it():
    text = ("Thailand and Laos: the numbers\n"
            "- Thai visitors to Laos: 1.2 million in 2023\n"
            "- Thai investment in Laos since 1988: over US$5 billion")
    found = {(c.indicator, c.value, c.from_, c.to) for c in claims(text)}
    assert ("tourism.arrivals", 1.2e6, "TH", "LA") in found
    assert ("investment.fdi", 5e9, "TH", "LA") in found


def test_a_colon_after_a_clause_still_ends_it():
    # the clause before the colon has its own verb: it is no label of the figure after
    text = "Thai officials were blunt about visitors to Laos: 40 of them complained."
    assert not [c for c in claims(text) if c.value == 40]


def test_days_written_as_the_nth_of_a_month():
    text = ("Seoul, Vietnam and Korea: the two countries' trade deal, which took effect on the 20th of last month, "
            "was discussed again.\n"
            "President Yoon visited Hanoi on the 22nd of June last year.")
    found = {(e.event, e.date) for e in events(text, published="2024-03-05")}
    assert ("agreement.in_force", "2024-02-20") in found
    assert ("visit", "2023-06-22") in found


def test_a_past_day_later_in_the_year_than_publication_is_last_years():
    # the year of the paragraph before is no year of this one
    text = ("Indonesia and Australia signed a security treaty in 2006.\n"
            "When Australia's prime minister met Indonesia's president in Jakarta on December 5, "
            "the two raised ties to a comprehensive strategic partnership.")
    [e] = [e for e in events(text, published="2024-02-10") if e.event == "partnership.upgraded"]
    assert e.date == "2023-12-05"


def test_a_coming_day_later_in_the_year_keeps_the_publication_year():
    text = "Indonesia's president will visit Australia on December 5, officials in Jakarta said."
    [e] = [e for e in events(text, published="2024-02-10") if e.event == "visit"]
    assert (e.date, e.status) == ("2024-12-05", "planned")


def test_a_year_heading_dates_the_days_under_it():
    text = ("Indonesia and Australia: a chronology\n"
            "2006\n"
            "On November 13, the two countries signed a security treaty in Lombok.")
    [e] = [e for e in events(text, published="2024-02-10") if e.event == "agreement.signed"]
    assert e.date == "2006-11-13"


def test_a_reopened_embassy_is_a_mission_opened():
    text = "When Tokyo reopened its embassy in Kabul in 2002, Japan was Afghanistan's second-largest donor."
    found = {(e.event, e.date, e.from_, e.to) for e in events(text, published="2021-08-20")}
    assert ("mission.opened", "2002", "JP", "AF") in found


def test_an_agreement_in_force_since_a_date_between_its_verb_and_since():
    text = "A double taxation agreement has been in force between Vietnam and Korea since 1994."
    found = {(e.event, e.date) for e in events(text, published="2023-05-02")}
    assert ("agreement.in_force", "1994") in found


def test_relations_lifted_to_a_partnership_by_a_pronoun():
    text = "Thailand and Laos established relations in 1950 and lifted them to a comprehensive strategic partnership in 2015."
    found = {(e.event, e.date) for e in events(text, published="2023-05-02")}
    assert ("partnership.upgraded", "2015") in found
