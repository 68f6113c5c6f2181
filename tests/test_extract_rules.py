"""The extractor on sentences written for these tests: numbers, dates, countries,
direction, status, events, and pairs other than Cambodia and Korea."""

from __future__ import annotations

import pytest

import bilateral
from bilateral.extract.countries import find_mentions, parse_pair
from bilateral.extract.dates import find_dates, parse_published
from bilateral.extract.quantities import find_quantities
from tests.helpers import claims, events


@pytest.mark.parametrize("written, value, unit", [
    ("$1.5bn", 1.5e9, "USD"), ("US$ 890 million", 890e6, "USD"), ("USD1.05 billion", 1.05e9, "USD"),
    ("1 billion US dollars", 1e9, "USD"), ("700 million dollars", 700e6, "USD"),
    ("2.3 trillion won", 2.3e12, "KRW"), ("KRW 1.2 trillion", 1.2e12, "KRW"), ("¥40 billion", 40e9, "JPY"),
    ("8.4 per cent", 8.4, "percent"), ("twentyfold", 20, "times"), ("doubled", 2, "times"),
])
def test_quantities_as_the_press_writes_them(written, value, unit):
    text = f"The figure was {written} last year."
    found = find_quantities(text, 0, len(text))
    assert [(q.value, q.unit) for q in found if q.unit == unit] == [(pytest.approx(value), unit)]


def test_ranges_give_low_and_high():
    text = "Growth of 6-7% and between $2 billion and $3 billion."
    found = find_quantities(text, 0, len(text))
    assert [(q.low, q.high) for q in found] == [(6, 7), (2e9, 3e9)]


@pytest.mark.parametrize("phrase, lo, hi, kind", [
    ("in 2024", "2024", "2024", "date"),
    ("in the first half of 2025", "2025-01", "2025-06", "date"),
    ("in January-October 2022", "2022-01", "2022-10", "date"),
    ("from 1996 to 2022", "1996", "2022", "date"),
    ("as of 2024", None, "2024", "asof"),
    ("to March 2008", None, "2008-03", "asof"),
    ("since 1997", "1997", None, "since"),
    ("in the 1970s", "197X", "197X", "date"),
    ("last year", "2023", "2023", "date"),
    ("on Thursday", "2024-05-16", "2024-05-16", "date"),
    ("in the first eight months of the year", "2024-01", "2024-08", "date"),
])
def test_dates_and_periods(phrase, lo, hi, kind):
    text = f"Trade grew {phrase}."
    found = find_dates(text, 0, len(text), parse_published("2024-05-17"))  # a Friday
    assert [(d.lo, d.hi, d.kind) for d in found] == [(lo, hi, kind)]


def test_relative_dates_stay_null_without_a_published_date():
    assert find_dates("It rose last year.", 0, 18, None) == []


@pytest.mark.parametrize("surface, code", [
    ("ROK", "KR"), ("RoK", "KR"), ("S. Korea", "KR"), ("Korean", "KR"), ("Seoul", "KR"),
    ("Phnom Penh", "KH"), ("Khmer", "KH"), ("Cambodians", "KH"), ("North Korea", "KP"), ("DPRK", "KP"),
    ("Tokyo", "JP"), ("Kenyan", "KE"), ("the PRC", "CN"), ("Hanoi", "VN"),
])
def test_country_mentions(surface, code):
    text = f"Officials from {surface} spoke."
    assert [m.code for m in find_mentions(text)] == [code]


def test_us_dollar_is_not_the_united_states():
    assert find_mentions("It cost US$5 million and 3 US dollars.") == []


def test_pair_option_is_checked_and_sorted():
    assert parse_pair("KR,KH") == ("KH", "KR")
    with pytest.raises(bilateral.UsageError):
        parse_pair("KH")
    with pytest.raises(bilateral.UsageError):
        parse_pair("KH,Atlantis")


def test_trade_claim_with_period_and_approx():
    text = "Cambodia and Korea saw two-way trade of roughly $1.2 billion in 2023, customs data show."
    [c] = claims(text)
    assert (c.indicator, c.value, c.unit, c.period.start, c.period.end) == ("trade.total", 1.2e9, "USD", "2023", "2023")
    assert (c.from_, c.to, c.approx, c.status) == ("KH", "KR", "about", "actual")
    assert text[c.evidence.start:c.evidence.end] == c.evidence.text


def test_direction_of_investment_and_pledged_aid():
    text = ("Japanese companies have invested $2.6 billion in Vietnam as of 2022. "
            "Tokyo pledged $500 million in concessional loans to Hanoi in 2023.")
    fdi, aid = claims(text)
    assert (fdi.indicator, fdi.from_, fdi.to, fdi.scope, fdi.period.end) == (
        "investment.fdi", "JP", "VN", "cumulative", "2022")
    assert (aid.indicator, aid.from_, aid.to, aid.status) == ("aid.oda", "JP", "VN", "pledged")


def test_other_pair_kenya_china():
    text = ("Kenya's exports to China rose 12 per cent in 2023, while Chinese tourists to Kenya "
            "numbered about 60,000 in the same year.")
    found = {(c.indicator, c.measure): c for c in claims(text)}
    exports = found[("trade.exports", "change_pct")]
    assert (exports.value, exports.from_, exports.to) == (12, "KE", "CN")
    tourists = found[("tourism.arrivals", "level")]
    assert (tourists.value, tourists.from_, tourists.to) == (60000, "CN", "KE")


def test_context_from_the_previous_sentence():
    text = ("Between January and August 2023, trade between Laos and Thailand reached $3.1 billion. "
            "Lao exports fell by almost 5 per cent.")
    change = [c for c in claims(text) if c.measure == "change_pct"]
    assert len(change) == 1
    c = change[0]
    assert (c.indicator, c.value, c.from_, c.to, c.approx) == ("trade.exports", -5, "LA", "TH", "under")
    assert (c.period.start, c.period.end) == ("2023-01", "2023-08")
    assert c.evidence.text == "Lao exports fell by almost 5 per cent."


def test_respectively_lists():
    text = ("Indonesian exports to Australia and imports from Australia were $3.2 billion "
            "and $5.9 billion respectively in 2022.")
    got = {(c.from_, c.to): c.value for c in claims(text)}
    assert got == {("ID", "AU"): 3.2e9, ("AU", "ID"): 5.9e9}


def test_counts_rank_and_factor():
    text = ("More than 300 Japanese firms operate in the Philippines. Japan is the Philippines' "
            "largest source of development assistance. Bilateral trade has tripled since 2005.")
    found = {c.indicator + ":" + c.measure: c for c in claims(text)}
    assert found["companies.count:level"].value == 300
    assert found["companies.count:level"].approx == "over"
    assert found["aid.oda:rank"].value == 1
    assert found["trade.total:change_factor"].value == 3
    assert found["trade.total:change_factor"].period.start == "2005"


def test_projected_gdp_range():
    [c] = claims("The economy of Laos is forecast to expand by 4-5% next year.", published="2024-03-01")
    assert (c.indicator, c.low, c.high, c.status, c.from_, c.to) == (
        "economy.gdp_growth", 4, 5, "projected", "LA", None)
    assert c.period.start == "2025"


def test_out_of_scope_figures_are_not_claims():
    text = ("Cambodia has a population of 17 million and Korea sent 120 volunteers. "
            "The bridge across the Mekong is 2,000 metres long and cost less than the Korean budget.")
    assert claims(text) == []


def test_events_with_their_own_dates():
    text = ("Vietnam and Japan established diplomatic relations in September 1973. "
            "In 2023 the two countries elevated ties to a Comprehensive Strategic Partnership, "
            "when Japanese Prime Minister Kishida Fumio held talks in Hanoi.")
    got = {(e.event, e.date) for e in events(text, published="2024-01-10")}
    assert ("relations.established", "1973-09") in got
    assert ("partnership.upgraded", "2023") in got


def test_visit_direction_and_planned_status():
    text = "Kenyan President William Ruto will pay a state visit to China in October 2025."
    [e] = [e for e in events(text, published="2025-09-01") if e.event == "visit"]
    assert (e.from_, e.to, e.date, e.status) == ("KE", "CN", "2025-10", "planned")
    assert "William Ruto" in e.actors


def test_background_fact_is_not_dated_by_publication():
    text = "Ties between the two kingdoms, Cambodia and Thailand, were restored in 1999 after a row."
    [e] = events(text, published="2023-06-01")
    assert (e.event, e.date) == ("relations.restored", "1999")


def test_pair_filter():
    text = ("Korea's aid to Cambodia reached $50 million in 2020. "
            "Japan's aid to Cambodia reached $120 million in 2020.")
    only = bilateral.extract(text, pair="KH,KR")
    assert [(r.from_, r.to) for r in only] == [("KR", "KH")]


# Where a summit takes place: a city the sentence names, a country a leader
# travels to, or the dateline of a story filed as it happens.
@pytest.mark.parametrize("text, host", [
    ("Tanzania and India held talks in Mumbai on 3 March 2021 on port investment.", "IN"),
    ("The Kenyan president travelled to Beijing for the summit with China's leaders on 4 May 2022.", "CN"),
    ("Peru and Chile's presidents met at a summit on 5 June 2019 at the Kremlin, far from home.", "RU"),
    ("LIMA, Peru, June 6 (Andes Wire) - The leaders of Peru and Chile held a summit on Tuesday.", "PE"),
])
def test_summit_host_from_place_or_dateline(text, host):
    found = [e for e in events(text, published="2019-06-06") if e.event == "summit"]
    assert [e.from_ for e in found] == [host]


def test_a_summit_long_before_the_dateline_takes_no_host_from_it():
    text = "LIMA, Peru, June 6 (Andes Wire) - Peru and Chile held their first summit in March 2001."
    assert [e.from_ for e in events(text, published="2019-06-06") if e.event == "summit"] == [None]


def test_a_city_names_where_a_visitor_arrived():
    text = "Ghana and Nigeria: President Tinubu of Nigeria arrived in Kumasi on 2 May 2023 for a state visit."
    found = [e for e in events(text) if e.event == "visit"]
    assert [(e.from_, e.to) for e in found] == [("NG", "GH")]


def test_places_resolve_among_the_countries_a_document_names():
    from bilateral.extract.countries import find_places

    text = "They met in Bali and later in Sydney."
    assert [(m.surface, m.code) for m in find_places(text, 0, len(text), {"ID", "AU"})] == [
        ("Bali", "ID"), ("Sydney", "AU")]
    text = "They met in Sydney."
    assert [m.code for m in find_places(text, 0, len(text), {"CA"})] == ["CA"]  # Sydney, Nova Scotia


def test_two_visits_in_one_sentence_go_both_ways():
    text = ("Nepal and Bhutan: King Jigme visited Nepal in May 2008, while Prime Minister "
            "Koirala became the first Nepali leader to visit Bhutan, on 3 June 2009.")
    found = sorted((e.from_, e.to, e.date) for e in events(text) if e.event == "visit")
    assert found == [("BT", "NP", "2008-05"), ("NP", "BT", "2009-06-03")]


def test_a_date_by_another_event_word_is_that_events_date():
    text = ("Ghana and Togo: President Faure flew in to Ghana on 4 March 2018 and held talks "
            "with President Akufo-Addo on 5 March 2018.")
    found = {e.event: e.date for e in events(text)}
    assert found == {"visit": "2018-03-04", "summit": "2018-03-05"}


def test_a_pronoun_visit_continues_the_visit_just_reported():
    text = ("Prime Minister Rutte of the Netherlands visited Belgium in May 2019. "
            "He flew in on 2 May 2019 from Paris.")
    found = sorted((e.from_, e.to, e.date) for e in events(text) if e.event == "visit")
    assert found == [("NL", "BE", "2019-05"), ("NL", "BE", "2019-05-02")]


def test_an_arrival_in_a_datelined_story_ends_in_the_dateline_country():
    text = ("NAIROBI, Kenya, March 3 (Wire) - Tanzania and Kenya agreed to build a road.\n"
            "President Samia arrived on Thursday from Dodoma for a two-day state visit.")
    found = [(e.from_, e.to, e.date) for e in events(text, published="2022-03-03") if e.event == "visit"]
    assert found == [("TZ", "KE", "2022-03-03")]


@pytest.mark.parametrize("text", [
    "President Lula met Xi on the sidelines of the G20 in Brasília on 19 November 2024, where China and Brazil agreed on trade.",
    "President Lula meets President Xi Jinping of China in Brasília on 19 November 2024 to discuss Brazil's trade.",
])
def test_leaders_meeting_is_a_summit(text):
    found = [(e.date, e.from_) for e in events(text) if e.event == "summit"]
    assert found == [("2024-11-19", "BR")]


def test_a_day_range_dates_from_its_first_day():
    found = find_dates("The summit runs on 18-19 November.", 0, 35, parse_published("2024-10-15"))
    assert [(d.lo, d.kind) for d in found] == [("2024-11-18", "date")]


def test_choosing_a_capital_for_a_visit_makes_it_the_destination():
    text = "Peru and Chile: President Boric chose Lima for his first bilateral visit as president in May 2022."
    assert [(e.from_, e.to) for e in events(text) if e.event == "visit"] == [("CL", "PE")]


def test_interleaved_flows_take_the_parties_named_before_their_own_cue():
    text = "Japanese exports to Peru amounted to $748 million in 2018 and imports from Peru to $302 million."
    found = sorted((c.value, c.from_, c.to) for c in claims(text) if c.indicator == "trade.exports")
    assert found == [(302e6, "PE", "JP"), (748e6, "JP", "PE")]


def test_more_than_a_year_earlier_is_a_rise_of_the_topic():
    text = "Trade between Chile and Peru reached $2 billion in 2018. That was 12% more than a year earlier."
    found = [(c.indicator, c.measure, c.value, c.period.start) for c in claims(text) if c.measure == "change_pct"]
    assert found == [("trade.total", "change_pct", 12, "2018")]


def test_since_takes_the_end_of_the_period_just_stated():
    text = ("Trade between Chile and Peru reached $2 billion in 2018. "
            "Trade has grown twentyfold since 1997, when the two countries resumed relations.")
    found = [(c.period.start, c.period.end) for c in claims(text) if c.measure == "change_factor"]
    assert found == [("1997", "2018")]


@pytest.mark.parametrize("text, expected", [
    ("Chile's economy expanded 7.5 per cent in 2018, against 2.7 per cent growth in Peru.", [("CL", 7.5), ("PE", 2.7)]),
    ("We forecast Chilean GDP growth of 3.0% in 2024 and Peruvian growth of 4.8%.", [("CL", 3.0), ("PE", 4.8)]),
])
def test_growth_belongs_to_the_country_named_with_it(text, expected):
    found = [(c.from_, c.value) for c in claims(text) if c.indicator == "economy.gdp_growth"]
    assert found == expected


def test_a_projection_by_a_year_is_for_that_year():
    text = "Trade between Chile and Peru could reach between $2 billion and $3 billion by 2025."
    assert [(c.status, c.period.start, c.period.end) for c in claims(text)] == [("projected", "2025", "2025")]


@pytest.mark.parametrize("text, rank", [
    ("Japanese investors, who rank second only to China in Peru, are building mines.", 2),
    ("Japan was the top investor in Peru in 2006, and last year it ranked third behind China.", 3),
    ("Japan slipped to fifth place among investors in Peru in 2018, behind China and Spain.", 5),
])
def test_ranks_without_a_role_noun_after_them(text, rank):
    found = [(c.value, c.indicator, c.from_, c.to) for c in claims("Peru and Japan. " + text) if c.measure == "rank"]
    assert (rank, "investment.fdi", "JP", "PE") in found


def test_a_possessive_before_a_rank_is_the_host():
    text = "Japan, with investment of $5.6 billion, was Peru's second largest investor in 2018."
    found = [(c.measure, c.value, c.from_, c.to) for c in claims(text)]
    assert ("rank", 2, "JP", "PE") in found and ("level", 5.6e9, "JP", "PE") in found


def test_a_country_overtaken_or_trailed_is_not_a_party():
    text = "Peru's exports to Japan rose 12% in 2019, ahead of Chile, and overtook Mexico."
    assert [(c.from_, c.to) for c in claims(text)] == [("PE", "JP")]


def test_a_period_that_points_back_takes_the_period_just_named():
    text = ("Peru's trade with Japan fell to $500 million in the first eight months of the year. August on its own was weaker. "
            "Trade for the month came to $56 million. Japan ranked as Peru's 12th largest trading partner over the eight months.")
    found = {(c.measure, c.period.start, c.period.end) for c in claims(text, published="2023-09-12")}
    assert found == {("level", "2023-01", "2023-08"), ("level", "2023-08", "2023-08"), ("rank", "2023-01", "2023-08")}


def test_tourists_who_visited_are_not_a_state_visit():
    text = "Some 300,000 Japanese visited Peru in 2018, while President Vizcarra visited Japan in April 2019."
    assert [(e.from_, e.to) for e in events(text) if e.event == "visit"] == [("PE", "JP")]


def test_during_the_visit_refers_to_the_visit_already_reported():
    text = ("President Boric of Chile paid a state visit to Peru on 4 May 2022. "
            "During the visit, ministers of Peru and Chile signed a loan agreement.")
    assert len([e for e in events(text) if e.event == "visit"]) == 1


def test_a_date_after_since_is_not_the_events():
    text = "Peru's president will pay his first visit to Chile since taking office last August, officials said."
    found = [(e.date, e.status) for e in events(text, published="2024-05-13") if e.event == "visit"]
    assert found == [(None, "planned")]


def test_words_read_by_a_specific_event_are_not_read_again():
    text = "Peru and Chile normalised relations in 1997, and the Chilean mission was upgraded to an embassy on 28 February 1998."
    assert "partnership.upgraded" not in {e.event for e in events(text)}


@pytest.mark.parametrize("text, status", [
    ("Japan will receive up to 7,200 workers from Peru under this year's quota.", "target"),
    ("The Japanese pipeline of loans to Peru includes a $245 million loan for a bridge.", "pledged"),
    ("Peru's budget still assumes annual growth of 6-7% for Peru.", "projected"),
    ("Lima, which has set a growth target of 6% for Peru next year, is counting on Japan.", "target"),
])
def test_statuses_of_quotas_pipelines_assumptions_and_targets(text, status):
    assert {c.status for c in claims("Peru and Japan. " + text, published="2024-01-01")} == {status}


def test_a_forecast_article_states_past_growth_as_actual():
    text = "The IMF expects Peru's economy to contract by 2.75 percent this year after growth of 6.7 per cent in 2008."
    found = {(c.value, c.status) for c in claims(text, published="2009-10-23")}
    assert found == {(2.75, "projected"), (6.7, "actual")} or found == {(-2.75, "projected"), (6.7, "actual")}


def test_trade_with_a_bloc_is_not_the_pairs():
    text = "Peru and Japan. Japan's trade with the ten ASEAN members reached $160 billion last year."
    assert claims(text, published="2019-01-01") == []


@pytest.mark.parametrize("text, indicator, value", [
    ("Peruvians are the largest group of foreign workers in Japan, numbering 48,123 as of October 2022.", "people.workers", 48123),
    ("2007: Japanese arrivals in Peru reach a record 29,909.", "tourism.arrivals", 29909),
    ("The small Japanese community in Peru, which had numbered around 150 people in 1974, left.", "people.residents", 150),
    ("The President met members of the roughly 12,000-strong Japanese community in Peru.", "people.residents", 12000),
])
def test_counts_named_before_or_around_the_number(text, indicator, value):
    found = [(c.indicator, c.value) for c in claims("Peru and Japan. " + text) if c.unit == "count"]
    assert (indicator, value) in found


def test_a_base_count_takes_the_indicator_of_the_count_it_is_compared_with():
    text = "About 121,000 Japanese visited Peru between January and August, against roughly 181,000 in the same period last year."
    found = sorted((c.value, c.period.start, c.from_, c.to) for c in claims(text, published="2009-10-05"))
    assert found == [(121000, "2009-01", "JP", "PE"), (181000, "2008-01", "JP", "PE")]


def test_of_them_continues_the_group_just_counted():
    text = ("At the end of 2023 about 48,000 Peruvian nationals lived in Japan. "
            "Roughly 14,000 of them held work visas, and some 9,500 were enrolled at Japanese universities.")
    found = sorted((c.indicator, c.value, c.from_, c.to, c.period.end) for c in claims(text))
    assert ("people.workers", 14000, "PE", "JP", "2023-12") in found
    assert ("people.students", 9500, "PE", "JP", "2023-12") in found


def test_days_of_a_date_range_are_not_counts():
    text = "Peru has had three official visits from Japan; the last ran from 19 to 22 November 2006."
    assert {c.value for c in claims(text)} <= {3}


def test_years_ago():
    found = find_dates("up from 1,200 a decade ago", 0, 26, parse_published("2025-08-29"))
    assert [(d.lo, d.kind) for d in found] == [("2015", "date")]


def test_a_figure_without_a_country_goes_the_way_the_document_last_gave_its_indicator():
    text = ("Japan has given Peru $431 million in aid since 1996. Both numbers can be defended. "
            "That ceiling for loans was later raised to $1.5bn for 2022-2026.")
    found = [(c.value, c.from_, c.to, c.status) for c in claims(text)]
    assert (1.5e9, "JP", "PE", "pledged") in found


def test_loan_agreements_and_sums_made_available_are_pledges():
    text = "Japan will make available up to $2 billion in concessional loans to Peru for 2024-2028."
    assert [c.status for c in claims(text)] == ["pledged"]


@pytest.mark.parametrize("text, start, end", [
    ("Japanese arrivals in Peru climbed from 12,423 in 2004 to 32,909 in 2007, more than doubling in three years.", "2004", "2007"),
    ("About 1,100 Peruvian students were in Japan in 2018, roughly three times as many as a decade earlier.", "2008", "2018"),
])
def test_a_factor_runs_from_its_base_to_its_figure(text, start, end):
    found = [(c.period.start, c.period.end) for c in claims(text) if c.measure == "change_factor"]
    assert found == [(start, end)]


def test_a_date_beyond_the_compared_figure_is_that_figures():
    text = ("In the first eight months of the year, Peru approved Japanese investment of $276 million, "
            "compared with $178 million in the same period of 2016.")
    found = sorted((c.value, c.period.start) for c in claims(text, published="2017-09-12"))
    assert found == [(178e6, "2016-01"), (276e6, "2017-01")]


def test_that_year_is_the_year_written_before():
    text = "Japanese investment in Peru reached $1.46 billion to March 2008, including $238 million in the first quarter of that year."
    found = {c.value: (c.period.start, c.period.end) for c in claims(text, published="2009-02-18")}
    assert found[238e6] == ("2008-01", "2008-03")


def test_a_fraction_with_an_approximation():
    text = "Arrivals from Japan in Peru are down by nearly a third since 2013."
    assert [(c.measure, round(c.value, 1)) for c in claims(text)] == [("change_pct", -33.3)]


def test_a_day_without_a_year_in_a_sentence_about_this_year():
    text = "Peru's leader met Japan's in 2014. This is their second encounter this year after a visit to Lima on 15 March."
    found = find_dates(text, 34, len(text), parse_published("2019-11-27"))
    assert [d.lo for d in found if d.lo and d.lo.endswith("03-15")] == ["2019-03-15"]


def test_a_visit_to_a_third_country_is_not_the_pairs():
    text = ("Peru kept its ties with Japan, and Japan with Peru. "
            "The Peruvian president visited Seoul in October 1977, a rare trip abroad for him.")
    assert [(e.from_, e.to) for e in events(text) if e.event == "visit"] == [("PE", "KR")]


def test_consecutive_days_are_one_event():
    text = "PHNOM PENH, Nov. 27 (Wire) - Cambodia and Korea held a summit on Monday and Tuesday."
    assert len([e for e in events(text, published="2019-11-27") if e.event == "summit"]) == 1


def test_a_name_that_starts_with_a_demonym_is_not_the_country():
    from bilateral.extract.countries import find_mentions

    assert [m.code for m in find_mentions("The Khmer Rouge seized Phnom Penh.") if m.code] == ["KH"]


def test_growth_without_a_country_in_a_datelined_story_is_the_datelines():
    text = "LIMA, Oct 30 - Peru and Japan signed a deal. The government expects the economy to grow by 2 per cent this year."
    assert [c.from_ for c in claims(text, published="1997-10-30")] == ["PE"]


def test_imports_from_it_reverse_the_last_direction():
    text = ("Japanese exports to Peru and imports from it stood at $144 million and $6 million respectively in 2005.")
    found = sorted((c.value, c.from_, c.to) for c in claims(text))
    assert found == [(6e6, "PE", "JP"), (144e6, "JP", "PE")]


def test_a_fiscal_year_with_its_months_in_brackets():
    text = "Japan gave Peru A$344.5 million in aid in the 2023-24 financial year (July to June)."
    assert [(c.period.start, c.period.end) for c in claims(text, published="2024-08-30")] == [("2023-07", "2024-06")]


@pytest.mark.parametrize("text, indicator, value, direction", [
    ("Direct flights between Lima and Tokyo, now about 20 a week, are expected to increase.", "flights.weekly", 20, ("JP", "PE")),
    ("Peruvians are the largest group of foreign tourists in Japan: 2.12 million arrived in 2023.", "tourism.arrivals", 2.12e6, ("PE", "JP")),
    ("Peru urged Japan to hire more Peruvians, as it already employs some 48,000 of his compatriots.", "people.workers", 48000, ("PE", "JP")),
    ("Only about 30,000 Japanese had made the trip to Peru in 2022.", "tourism.arrivals", 30000, ("JP", "PE")),
    ("Three Japanese prime ministers have visited Peru: in 1999, 2006 and 2011.", "visits.count", 3, ("JP", "PE")),
    ("Some 1,200 Japanese firms are registered in Peru, but only about 250 are actively operating.", "companies.count", 250, ("JP", "PE")),
    ("In 2004 Japan overtook Chile as Peru's largest source of tourists, with 128,423 arrivals.", "tourism.arrivals", 128423, ("JP", "PE")),
])
def test_more_ways_counts_are_written(text, indicator, value, direction):
    found = [(c.indicator, c.value, (c.from_, c.to)) for c in claims("Peru and Japan. " + text)]
    assert (indicator, value, direction) in found


def test_an_uncued_figure_takes_its_sentences_money_indicator():
    text = ("Japanese companies invested $1.73 billion in Peru in 2023, the lowest since 2009, according to a council, "
            "taking the cumulative total since 2007 to $73.3 billion.")
    assert {c.indicator for c in claims(text)} == {"investment.fdi"}


def test_a_consultancy_is_a_source_and_trade_policy_is_no_trade():
    text = ("Analysts expect investment from Japan in Peru to fall in 2009, with one Lima consultancy forecasting a decline of 30-40%. "
            "The bank cut its 2025 forecast for Peru's growth to 4.0 per cent from 5.5 per cent, citing trade policy uncertainty.")
    found = {(c.indicator, c.from_, c.to) for c in claims(text, published="2009-02-18")}
    assert ("investment.fdi", "JP", "PE") in found and not any(i == "trade.total" for i, _, _ in found)


def test_dates_listed_respectively():
    text = "The bank projected GDP growth for Peru of 6.1 per cent and 6.2 per cent in 2025 and 2026 respectively."
    found = sorted((c.value, c.period.start) for c in claims(text))
    assert found == [(6.1, "2025"), (6.2, "2026")]


def test_a_change_from_a_peak_years_before_runs_from_the_peak():
    text = ("Peru received 301,770 visitors from Japan last year, a drop of 12.5 per cent. "
            "Arrivals from Japan are now down by nearly a third from their peak of 435,009 in 2013.")
    found = [(c.period.start, c.period.end) for c in claims(text, published="2019-02-18") if c.value and c.value < -30]
    assert found == [("2013", "2018")]


def test_a_since_date_in_a_later_clause_is_not_the_figures():
    text = "Two-way trade between Peru and Japan rose 16 per cent in 2024, and the trade agreement in force since December 2022 helps."
    assert [(c.period.start, c.period.end) for c in claims(text)] == [("2024", "2024")]


def test_a_year_earlier_shifts_the_topic_period():
    text = ("Trade between India and Nepal was $8 billion in the 2022-23 fiscal year (April to March). "
            "A year earlier, bilateral trade had peaked at $9.1 billion.")
    found = sorted((c.value, c.period.start, c.period.end) for c in claims(text))
    assert found == [(8e9, "2022-04", "2023-03"), (9.1e9, "2021-04", "2022-03")]


def test_a_year_of_months_named_in_the_sentence():
    text = "Nepal's central bank, which works on a July-June year, recorded imports from India of $13.69 billion for 2021-22."
    assert [(c.period.start, c.period.end) for c in claims(text)] == [("2021-07", "2022-06")]


def test_a_shared_demonym_is_the_most_populous_countrys():
    assert [m.code for m in find_mentions("Indian data show Dominican growth.")] == ["IN", "DO"]


def test_each_listed_agreement_is_reported():
    text = "April 2001: Peru and Chile agree; an air services agreement and an agreement on loans are signed."
    assert len([e for e in events(text) if e.event == "agreement.signed"]) == 2


@pytest.mark.parametrize("text, event", [
    ("5 April 1975: Peru withdraws its ambassador from Chile, and diplomatic relations are suspended.", "relations.severed"),
    ("1996: The Mission of the Republic of Peru in Chile opens in Santiago.", "mission.opened"),
])
def test_chronologies_in_the_present_tense(text, event):
    assert event in {e.event for e in events(text)}


@pytest.mark.parametrize("text, expected", [
    ("Students in Peru: the numbers remain modest next to Chile, which had more than 27,000 students in Japan in 2018.",
     ("CL", "JP")),
    ("Japan is the second destination for Peruvian workers after Chile, where an estimated one million Peruvians are employed.",
     ("PE", "CL")),
])
def test_a_relative_clause_hangs_on_its_antecedent(text, expected):
    found = [(c.from_, c.to) for c in claims("Peru and Japan. Peru and Japan. " + text) if c.unit == "count"]
    assert found == [expected] or found == []  # another pair's figure is never given to Peru and Japan
    assert all(pair != ("PE", "JP") for pair in found)


def test_the_people_are_the_plural_demonym():
    text = "He urged Japanese employers to hire more Peruvians, as the scheme already employs some 48,000 of his compatriots."
    assert [(c.from_, c.to) for c in claims(text)] == [("PE", "JP")]


def test_nationals_with_work_permits_are_workers():
    text = "Some 280,000 Peruvian nationals held Chilean work permits as of 2023."
    assert [c.indicator for c in claims(text)] == ["people.workers"]


def test_a_rate_in_the_figures_clause_is_no_growth():
    text = "We forecast Peruvian GDP growth of 3.0% in 2024, with the policy rate ending the year at 11.75%."
    assert [c.value for c in claims(text)] == [3.0]


def test_a_cumulative_total_since_a_year_in_the_figures_clause():
    text = ("Japanese companies invested $1.73 billion in Peru in 2023, according to a council, "
            "taking the cumulative total since 2007 to $73.3 billion.")
    found = {c.value: (c.period.start, c.period.end) for c in claims(text)}
    assert found == {1.73e9: ("2023", "2023"), 73.3e9: ("2007", "2023")}


def test_sentences_that_cannot_name_an_indicator_are_skipped_without_loss(monkeypatch):
    """The early test in ``extract_claims`` (no naming cue, count noun, people after
    a count or topic: no claim) changes nothing on the sample documents."""
    from pathlib import Path

    from bilateral.extract import claims as claims_module

    samples = sorted((Path(__file__).resolve().parents[1] / "examples" / "en").glob("*.txt"))
    assert samples
    texts = [p.read_text(encoding="utf-8") for p in samples]
    skipped = []
    real = claims_module._may_count

    def watched(text, s):
        found = real(text, s)
        if not found:
            skipped.append(s)
        return found

    monkeypatch.setattr(claims_module, "_may_count", watched)
    gated = [bilateral.extract(t, published="2024-06-01") for t in texts]
    assert skipped  # the test is in use
    monkeypatch.setattr(claims_module, "_may_count", lambda text, s: True)
    assert [bilateral.extract(t, published="2024-06-01") for t in texts] == gated


def test_country_words_are_the_capitalised_words_that_begin_with_a_form():
    """The word scan of ``find_mentions`` (an automaton over the forms, then the
    edge of ``_WORD`` where one occurs) stops at the words the plain scan stops
    at and that some form begins, and nowhere else."""
    import random

    from bilateral.extract import countries

    forms = [form for form in countries.gazetteer() if "A" <= form[0] <= "Z"] + ["US", "the Kingdom"]

    def plain(text):
        return [m.span() for m in countries._WORD.finditer(text)
                if any(text.startswith(form, m.start()) for form in forms)]

    def gated(text):
        out, pos = [], 0
        places = countries._word_places(text, 0, len(text))
        while True:
            for at, word in countries._words_from(text, pos, len(text), places):
                taken = None
                if at > 0 and text[at - 1] in countries._INNER:
                    taken = countries._taken_until(text, 0, at, len(text))
                if taken is not None:
                    pos = taken
                    break
                out.append((at, at + len(word)))
            else:
                return out

    pieces = ["Korea", "Koreans", "Inter", "inter", "-", "'", "’", "O", "Sino", "Japan", "the Kingdom", "the",
              "Kingdom", " ", ".", "US", "U.S.", "Phnom Penh", "Lao", "Thai", "St.", "x", "Åland", "Côte", "\n"]
    rng = random.Random(7)
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 12))) for _ in range(3000)]
    texts += ["the Inter-Korean summit", "talks on inter-Korean ties", "the Japan-Vietnam deal", "O'Korea"]
    for text in texts:
        assert gated(text) == plain(text), text
    assert [m.surface for m in find_mentions("the Inter-Korean summit, inter-Korean ties")] == ["Korean"]


@pytest.mark.parametrize(("text", "donor", "recipient"), [
    ("JICA will provide $20 million in grants to Laos next year, the agency said.", "JP", "LA"),
    ("USAID signed a grant of $15 million with Kenya on Monday.", "US", "KE"),
])
def test_an_aid_agency_stands_for_its_country(text, donor, recipient):
    [claim] = [c for c in claims(text, published="2024-03-04") if c.indicator == "aid.oda"]
    assert (claim.from_, claim.to, claim.status) == (donor, recipient, "pledged")


def test_an_average_a_month_is_no_level_of_the_year():
    text = ("Vietnamese exports to Japan reached $2.1 billion in 2023, a monthly average of $175 million, "
            "the customs office said.")
    found = [(c.indicator, c.value) for c in claims(text, published="2024-01-15")]
    assert ("trade.exports", 2.1e9) in found and all(value != 175e6 for _, value in found)


def test_a_clause_that_leads_into_the_next_figure_names_no_party_of_the_one_before():
    """ "China stayed far ahead, with trade of $80 billion ..., while Vietnam's total
    trade ... came to $330 billion": Vietnam owns the second figure, and the first
    is a third country's, not Japan and Vietnam's."""
    text = ("Trade between Vietnam and Japan reached $23 billion in January-September 2023. "
            "China stayed far ahead, with trade of $80 billion over the same six months, "
            "while Vietnam's total trade with the world came to $330 billion.")
    found = [(c.value, c.from_, c.to) for c in claims(text, published="2023-10-20") if c.indicator == "trade.total"]
    assert (23e9, "JP", "VN") in found
    assert not [f for f in found if f[0] == 80e9 and {f[1], f[2]} == {"JP", "VN"}]
