"""The extractor on the forms of text the third held-out set brought out: lists of
signed documents, years in review under month headings, correction notices,
transcripts and digests. Sentences written for these tests, on several pairs."""

from __future__ import annotations

import bilateral
from bilateral.model import Claim
from tests.helpers import claims, events


def test_items_listed_under_a_signing_lead_are_each_a_signed_agreement():
    text = ("Hanoi, 5 June 2024\n"
            "Vietnam and Japan held their annual strategic dialogue in Hanoi on 4 June 2024.\n"
            "After the talks, the two foreign ministers witnessed the signing of the following documents:\n"
            "- Memorandum of Understanding on Semiconductor Supply Chains;\n"
            "- Exchange of Notes on a Japanese ODA loan for the Ho Chi Minh City metro;\n"
            "- Framework Agreement on Disaster Relief Cooperation.\n"
            "- A joint press conference followed.\n"
            "Vietnam's trade with Japan reached $46 billion in 2023.")
    signed = [e for e in events(text, published="2024-06-05") if e.event == "agreement.signed"]
    items = [e for e in signed if e.evidence.text.startswith(("Memorandum", "Exchange", "Framework"))]
    assert len(items) == 3
    assert {e.date for e in items} == {"2024-06-04"}
    assert {(e.from_, e.to) for e in items} == {("JP", "VN")}
    # The press conference is listed but is no document; the list ends with it.
    assert not any("press conference" in e.evidence.text for e in signed)


def test_a_list_without_a_signing_lead_reports_no_agreements():
    text = ("Kenya and China reviewed their cooperation in Nairobi on 3 May 2024. The agenda:\n"
            "- Agreement on the Standard Gauge Railway extension;\n"
            "- Memorandum on Avocado Exports.")
    assert not [e for e in events(text, published="2024-05-03") if e.event == "agreement.signed"]


def test_month_headings_date_the_events_under_them():
    text = ("2023 in review: Laos and Thailand\n"
            "February\n"
            "The Thai Prime Minister paid an official visit to Laos, his first of the year.\n"
            "September\n"
            "The joint commission of Laos and Thailand met in Bangkok.\n")
    found = {e.event: e.date for e in events(text, published="2023-12-28")}
    assert found == {"visit": "2023-02", "meeting": "2023-09"}


def test_a_line_that_only_starts_with_a_month_is_no_heading():
    text = "March 2024 saw Kenya and China sign a trade protocol.\nThe two sides held talks in Nairobi in 2024."
    dates = sorted(e.date for e in events(text, published="2024-12-01"))
    assert "2024-03" in dates and all(d in ("2024", "2024-03") for d in dates)


def test_a_correction_notice_withdraws_the_figure_it_repeats():
    text = ("Japan to fund flood control in the Philippines\n"
            "An earlier version of this article said Japan had given the Philippines $900 million in grant "
            "aid in 2023. The correct figure is $600 million.\n"
            "Japan gave the Philippines $600 million in grants in 2023 for flood control, officials said.")
    values = sorted(c.value for c in claims(text, published="2024-03-01") if c.indicator == "aid.oda")
    assert 900e6 not in values and 600e6 in values


def test_a_since_date_in_a_later_clause_does_not_date_a_signing():
    text = ("Kenyan President William Ruto arrived in Beijing on Tuesday for a state visit. "
            "The two leaders witnessed the signing of a protocol to the investment treaty between Kenya "
            "and China, which has been in force since March 2015.")
    found = {e.event: e.date for e in events(text, published="2024-10-18")}
    assert found["agreement.signed"] == "2024-10-15"
    assert found["agreement.in_force"] == "2015-03"


def test_a_change_against_a_base_year_leaves_the_level_its_own_year():
    text = "In 2023, Vietnam's exports to Japan reached $23.4 billion, an increase of 3.1 percent on 2022."
    found = {c.measure: c.period.start for c in claims(text)}
    assert found == {"level": "2023", "change_pct": "2023"}


def test_a_group_of_the_largest_is_no_rank():
    text = "Japan has long been among the Philippines' five largest donors, and Japan is its largest donor today."
    ranks = [c for c in claims(text) if c.measure == "rank"]
    assert [c.evidence.text for c in ranks] == [text]
    assert len(ranks) == 1 and ranks[0].value == 1


def test_a_count_after_a_change_and_to():
    text = "Japanese arrivals in Vietnam rose 9 percent in the first half, to 320,500, the tourism office said."
    levels = [c for c in claims(text, published="2024-07-10") if c.measure == "level"]
    assert [(c.indicator, c.value, c.from_, c.to) for c in levels] == [("tourism.arrivals", 320500, "JP", "VN")]


def test_a_bare_count_of_people_who_came_continues_the_topic():
    text = "Thailand received 1,100,000 Lao visitors in 2019. Last year roughly 900,000 came."
    found = [(c.value, c.period.start if c.period else None) for c in claims(text, published="2024-02-01")
             if c.indicator == "tourism.arrivals"]
    assert found == [(1100000, "2019"), (900000, "2023")]


def test_flights_so_many_times_a_week():
    text = "Two Japanese airlines now fly 21 times a week between Tokyo and Hanoi, linking Japan and Vietnam."
    found = [(c.indicator, c.value, c.measure) for c in claims(text)]
    assert found == [("flights.weekly", 21, "level")]


def test_sold_goods_are_exports_and_this_week_is_a_month():
    text = "Kenya sold $85 million worth of goods to China this week, traders said."
    found = [(c.indicator, c.value, c.from_, c.to, c.period.start) for c in claims(text, published="2024-05-17")]
    assert found == [("trade.exports", 85e6, "KE", "CN", "2024-05")]


def test_places_for_workers_are_a_target():
    text = "Japan has confirmed places for 6,000 Vietnamese caregivers in 2025."
    assert [(c.value, c.status) for c in claims(text)] == [(6000, "target")]


def test_meeting_forms_of_talks_and_partners():
    text = ("Laos and Thailand concluded two days of development cooperation talks in Vientiane on 12 March 2024. "
            "The next round of talks will be held in Bangkok in 2025. "
            "The two countries became strategic partners in July 2015.")
    found = sorted((e.event, e.date, e.status) for e in events(text, published="2024-03-14"))
    assert found == [("meeting", "2024-03-12", "actual"), ("meeting", "2025", "planned"),
                     ("partnership.upgraded", "2015-07", "actual")]


def test_an_embassy_opened_in_a_year_and_a_minister_leading_a_delegation():
    text = ("Japan's embassy in Hanoi, opened in 1973, is one of its largest in Asia. "
            "Vietnam's trade minister led a delegation of 30 Vietnamese companies to Tokyo in May 2024.")
    found = {e.event: (e.date, e.from_, e.to) for e in events(text, published="2024-06-01")}
    assert found == {"mission.opened": ("1973", "JP", "VN"), "visit": ("2024-05", "VN", "JP")}
    assert not [c for c in claims(text, published="2024-06-01") if c.indicator == "companies.count"]


def test_a_year_and_a_comma_before_a_visit_count_no_visitors():
    text = ("Philippine President Ferdinand Marcos Jr, who took office in June 2022, paid a state visit to Japan in February 2023, "
            "his second trip to Tokyo.")
    found = [(e.event, e.date, e.from_, e.to) for e in events(text)]
    assert ("visit", "2023-02", "PH", "JP") in found


def test_an_institution_named_after_a_country_is_no_party():
    text = ("In 2023 the Board of Investment of Thailand approved Lao investment projects worth $95 million, "
            "a record for Laos.")
    found = [(c.indicator, c.from_, c.to) for c in claims(text)]
    assert found == [("investment.fdi", "LA", "TH")]


def test_a_signing_dated_in_its_own_clause_is_past_though_the_clause_before_plans():
    text = ("Through JICA we will provide about $50 million in grants next year, and we signed a loan agreement "
            "of $200 million for a bridge in Vietnam on Monday, the Japanese ambassador said.")
    signed = [(e.date, e.status) for e in events(text, published="2024-04-18") if e.event == "agreement.signed"]
    assert signed == [("2024-04-15", "actual")]


def test_in_force_for_a_while_since_last_month():
    text = "The Japan-Vietnam agreement has been in force for less than a year, since last December."
    found = [(e.event, e.date) for e in events(text, published="2024-10-01")]
    assert found == [("agreement.in_force", "2023-12")]


TABLE = ("Vietnam and Japan: people and money\n"
         "Table 2. Visitors, workers and investment\n"
         "Year\tJapanese visitors to Vietnam\tVietnamese workers in Japan\tJapanese investment in Vietnam (US$ million)\n"
         "2022\t205,000\t462,384\t2,450\n"
         "2023\t590,000\t518,364\t6,570\n"
         "Source: national statistics.\n")


def test_a_table_row_states_a_figure_per_column_named_by_its_header():
    found = {(c.indicator, c.value, c.period.start, c.from_, c.to) for c in claims(TABLE)}
    assert found == {
        ("tourism.arrivals", 205000, "2022", "JP", "VN"), ("people.workers", 462384, "2022", "VN", "JP"),
        ("investment.fdi", 2450e6, "2022", "JP", "VN"), ("tourism.arrivals", 590000, "2023", "JP", "VN"),
        ("people.workers", 518364, "2023", "VN", "JP"), ("investment.fdi", 6570e6, "2023", "JP", "VN")}
    for c in claims(TABLE):
        assert TABLE[c.evidence.start:c.evidence.end] == c.evidence.text and c.evidence.text.startswith("20")


def test_a_caption_gives_the_unit_of_a_table_with_bars():
    text = ("Kenya-China merchandise trade (US$ billion)\n"
            "Year | Kenya exports to China | Total trade\n"
            "2021 | 0.20 | 6.8\n"
            "2022 | 0.22 | 7.1\n")
    found = sorted((c.indicator, c.value, c.period.start) for c in claims(text))
    assert found == [("trade.exports", 0.20e9, "2021"), ("trade.exports", 0.22e9, "2022"),
                     ("trade.total", 6.8e9, "2021"), ("trade.total", 7.1e9, "2022")]


def test_rows_of_words_and_blocks_without_a_header_are_no_table_of_figures():
    chronology = ("Laos-Thailand relations\nDate | Event\n1950 | Laos and Thailand establish diplomatic relations.\n"
                  "2024 | The Thai prime minister visits Vientiane.\n")
    assert not claims(chronology)
    assert {e.event for e in events(chronology)} == {"relations.established", "visit"}
    headless = "Laos and Thailand\n2021 | 1,200 | 3,400\n2022 | 1,300 | 3,500\n"
    assert not claims(headless)


def test_the_fiscal_year_ended_a_month_is_the_twelve_months_to_it():
    text = "Trade between India and Japan stood at $22.1 billion in the fiscal year ended March 2023."
    assert [(c.period.start, c.period.end) for c in claims(text)] == [("2022-04", "2023-03")]


def test_more_ways_to_declare_a_partnership_cut_ties_and_plan_a_meeting():
    text = ("Laos and Vietnam declared a special partnership in 1977. "
            "Trade ministers from both countries are due to meet in Vientiane in December.")
    found = {e.event: (e.date, e.status) for e in events(text, published="2024-06-01")}
    assert found["partnership.upgraded"] == ("1977", "actual")
    assert found["meeting"] == ("2024-12", "planned")


def test_people_who_came_are_visitors():
    text = "Vietnam's tourism office said that last year only 410,000 Japanese came, fewer than before the pandemic."
    assert [(c.indicator, c.value, c.from_, c.to) for c in claims(text, published="2024-03-01")] == \
        [("tourism.arrivals", 410000, "JP", "VN")]


def test_ties_broken_off_with_a_pronoun():
    text = "Laos and Thailand first established diplomatic relations in 1950 and broke them off in 1976."
    found = {e.event: e.date for e in events(text)}
    assert found == {"relations.established": "1950", "relations.severed": "1976"}


def test_flights_added_are_no_count_of_flights():
    text = "A Japanese airline will add four weekly flights between Osaka and Hanoi, linking Japan and Vietnam."
    assert not claims(text)


def test_wanting_to_double_a_figure_is_a_target():
    text = "Vietnam and Japan want to double bilateral trade within five years."
    assert [(c.measure, c.value, c.status) for c in claims(text)] == [("change_factor", 2, "target")]


def test_a_figure_for_years_still_to_come_is_not_actual():
    aid = "A government release last month put Korean development aid to Cambodia at $700 million for 2025-2029."
    [claim] = [r for r in bilateral.extract(aid, published="2025-06-01") if isinstance(r, Claim)]
    assert (claim.indicator, claim.status) == ("aid.oda", "pledged")  # aid's table says a donor's commitment
    # Read after those years, the same sentence reports what happened.
    [claim] = [r for r in bilateral.extract(aid, published="2031-02-01") if isinstance(r, Claim)]
    assert claim.status == "actual"
    trade = "A ministry paper puts trade between Cambodia and South Korea at $2 billion in 2027."
    [claim] = [r for r in bilateral.extract(trade, published="2025-06-01") if isinstance(r, Claim)]
    assert (claim.indicator, claim.status) == ("trade.total", "projected")
