"""The Khmer tables and parsers: Khmer digits, numbers with លាន/ពាន់លាន,
dates with ខែ/ឆ្នាំ, country names in unspaced text, and whole sentences."""

from __future__ import annotations

import datetime as dt

import pytest

import bilateral
from bilateral.extract.km import normalize
from bilateral.extract.km.dates import find_dates
from bilateral.extract.km.numbers import find_quantities, parse_digits
from bilateral.extract.native.countries import find_mentions
from bilateral.extract.native.language import get
from bilateral.model import Event

KM = get("km")
assert KM is not None
PUB = dt.date(2024, 5, 17)


@pytest.mark.parametrize("written, value", [
    ("250.000", 250000), ("250,000", 250000), ("1,5", 1.5), ("12,3", 12.3), ("12.3", 12.3), ("916", 916),
    ("1.250.000", 1250000), ("38,311", 38311),
])
def test_digit_groups_and_decimal_marks(written, value):
    assert parse_digits(written) == pytest.approx(value)


@pytest.mark.parametrize("written, kind, value, unit, approx", [
    ("៩១៦ លានដុល្លារអាមេរិក", "money", 916e6, "USD", None), ("១,៥ ពាន់លានដុល្លារ", "money", 1.5e9, "USD", None),
    ("៤៥ ពាន់លានវ៉ុន", "money", 45e9, "KRW", None), ("២០.០០០ រៀល", "money", 2e4, "KHR", None),
    ("ប្រមាណ ៤៥.០០០ នាក់", "number", 45e3, "count", "about"), ("ជាង ២០០ ក្រុមហ៊ុន", "number", 200, "count", "over"),
    ("១២,៣%", "percent", 12.3, "percent", None), ("៨,៤ ភាគរយ", "percent", 8.4, "percent", None),
    ("២០ដង", "factor", 20, "times", None), ("ទ្វេដង", "factor", 2, "times", None),
    ("ធំជាងគេទី២", "rank", 2, "rank", None),
])
def test_quantities(written, kind, value, unit, approx):
    text = normalize(written)
    found = find_quantities(text, 0, len(text))
    assert [(q.kind, q.value, q.unit, q.approx) for q in found] == [(kind, pytest.approx(value), unit, approx)]


@pytest.mark.parametrize("written, kind, lo, hi", [
    ("ថ្ងៃទី១៤ ខែមីនា ឆ្នាំ២០១៩", "date", "2019-03-14", "2019-03-14"), ("ខែមីនា ឆ្នាំ២០១៩", "date", "2019-03", "2019-03"),
    ("ឆ្នាំ២០២៣", "date", "2023", "2023"), ("ពីខែមករា ដល់ខែតុលា ឆ្នាំ២០២២", "date", "2022-01", "2022-10"),
    ("៨ខែដើមឆ្នាំ២០២៣", "date", "2023-01", "2023-08"), ("ឆមាសទី១ ឆ្នាំ២០២៥", "date", "2025-01", "2025-06"),
    ("ពីឆ្នាំ១៩៩៦ ដល់ឆ្នាំ២០២២", "date", "1996", "2022"), ("គិតត្រឹមឆ្នាំ២០២៤", "asof", None, "2024"),
    ("គិតត្រឹមចុងឆ្នាំ២០២៤", "asof", None, "2024-12"), ("ចាប់តាំងពីឆ្នាំ១៩៩៧", "since", "1997", None),
    ("ឆ្នាំមុន", "date", "2023", "2023"), ("បើធៀបនឹងឆ្នាំមុន", "comparison", None, None),
    ("ទសវត្សរ៍ឆ្នាំ១៩៧០", "date", "197X", "197X"), ("ឆ្នាំ២០២៤-២០២៨", "date", "2024", "2028"),
    ("ថ្ងៃនេះ", "date", "2024-05-17", "2024-05-17"),
])
def test_dates(written, kind, lo, hi):
    text = normalize(written)
    assert [(d.kind, d.lo, d.hi) for d in find_dates(text, 0, len(text), PUB)] == [(kind, lo, hi)]


@pytest.mark.parametrize("written, lo, hi", [
    # Marked as of the Common Era.
    ("ថ្ងៃទី១០ ខែកុម្ភៈ គ.ស.២០២១", "2021-02-10", "2021-02-10"), ("ឆ្នាំ គ.ស. ២០១៩", "2019", "2019"),
    # The Buddhist era turns at Visak Bochea (April or May): ព.ស. ២៥៦៧ is May 2023 to April 2024.
    ("ក្នុងឆ្នាំ ព.ស. ២៥៦៧", "2023-05", "2024-04"), ("ពុទ្ធសករាជ ២៥៦៨", "2024-05", "2025-04"),
    ("ព.ស ២៥៦៥", "2021-05", "2022-04"),
    ("ខែមីនា ព.ស.២៥៦៧", "2024-03", "2024-03"),  # before Visak Bochea: CE + 543
    ("ថ្ងៃទី២០ ខែកក្កដា ព.ស. ២៥៦៧", "2023-07-20", "2023-07-20"),  # after it: CE + 544
    ("ខែធ្នូ ព.ស.២៥៦៦", "2022-12", "2022-12"),
    # A lunar month gives the civil year (កត្តិក: October-November; មាឃ: January-February).
    ("ថ្ងៃពុធ ៥កើត ខែកត្តិក ឆ្នាំថោះ បញ្ចស័ក ព.ស.២៥៦៧", "2023", "2023"), ("ខែមាឃ ព.ស.២៥៦៧", "2024", "2024"),
    # The heading of an official text: the civil date it falls on is the date, and it is one date.
    ("ថ្ងៃច័ន្ទ ១២រោច ខែចេត្រ ឆ្នាំថោះ បញ្ចស័ក ព.ស.២៥៦៧ ត្រូវនឹងថ្ងៃទី៨ ខែមេសា ឆ្នាំ២០២៤", "2024-04-08", "2024-04-08"),
    ("ព.ស ២៥៦៦ ត្រូវនឹង ឆ្នាំ២០២២", "2022", "2022"),
])
def test_dates_of_the_common_and_buddhist_eras(written, lo, hi):
    text = normalize(written)
    assert [(d.kind, d.lo, d.hi) for d in find_dates(text, 0, len(text), PUB)] == [("date", lo, hi)]


def test_a_figure_in_a_buddhist_year_and_an_event_on_a_buddhist_date():
    text = ("ក្នុងឆ្នាំ ព.ស.២៥៦៦ សាធារណរដ្ឋកូរ៉េបានផ្តល់ជំនួយឥតសំណងចំនួន ៤៥ លានដុល្លារ ដល់កម្ពុជា ។\n"
            "កិច្ចព្រមព្រៀងពាណិជ្ជកម្មសេរីកម្ពុជា-កូរ៉េ ត្រូវបានចុះហត្ថលេខានៅថ្ងៃទី២៦ ខែតុលា ព.ស.២៥៦៥ ។")
    aid, signed = bilateral.extract(text, published="2024-05-17", doc_id="t")
    assert (aid.indicator, aid.value, aid.period.start, aid.period.end) == ("aid.oda", 45e6, "2022-05", "2023-04")
    assert (signed.event, signed.date) == ("agreement.signed", "2021-10-26")


@pytest.mark.parametrize("text, codes", [
    ("កម្ពុជានិងកូរ៉េខាងត្បូង", ["KH", "KR"]), ("សាធារណរដ្ឋកូរ៉េ", ["KR"]), ("កូរ៉េខាងជើង", ["KP"]),
    ("ដុល្លារអាមេរិក", []), ("សហរដ្ឋអាមេរិក", ["US"]), ("ពលករខ្មែរ", ["KH"]), ("ព្រះរាជាណាចក្រកម្ពុជា", ["KH"]),
    ("ទីក្រុងភ្នំពេញ", ["KH"]),
])
def test_country_mentions_without_spaces(text, codes):
    assert [m.code for m in find_mentions(KM, normalize(text))] == codes


def test_khmer_sentences():
    text = ("ទំហំពាណិជ្ជកម្មទ្វេភាគីរវាងកម្ពុជា និងកូរ៉េខាងត្បូង មានចំនួន ៩១៦ លានដុល្លារអាមេរិក ក្នុងឆ្នាំ២០២៣ "
            "កើនឡើង ១២,៣% បើធៀបនឹងឆ្នាំមុន ។ ពលករកម្ពុជាប្រមាណ ៤៥.០០០ នាក់ កំពុងធ្វើការនៅកូរ៉េ ។"
            "កូរ៉េជាប្រទេសវិនិយោគធំជាងគេទី២ នៅកម្ពុជា ។\n"
            "ប្រធានាធិបតីកូរ៉េ មុន ជេអ៊ីន បានបំពេញទស្សនកិច្ចផ្លូវរដ្ឋនៅកម្ពុជា នៅខែមីនា ឆ្នាំ២០១៩ ។")
    records = bilateral.extract(text, published="2024-05-17", doc_id="t")
    for r in records:
        assert text[r.evidence.start:r.evidence.end] == r.evidence.text
    got = {(r.indicator, r.measure, r.value, r.from_, r.to) for r in records if not isinstance(r, Event)}
    assert got == {("trade.total", "level", 916e6, "KH", "KR"), ("trade.total", "change_pct", 12.3, "KH", "KR"),
                   ("people.workers", "level", 45e3, "KH", "KR"), ("investment.fdi", "rank", 2, "KR", "KH")}
    visit = next(r for r in records if isinstance(r, Event))
    assert (visit.event, visit.date, visit.from_, visit.to) == ("visit", "2019-03", "KR", "KH")


# Whole sentences with no space anywhere (figures run into their words too):
# what each states, as (indicator or event, value or date, from, to, period).
UNSPACED = [
    ("ពាណិជ្ជកម្មរវាងកម្ពុជានិងកូរ៉េមានតម្លៃ៨៩០លានដុល្លារក្នុងឆ្នាំ២០២៣។",
     ("trade.total", 890e6, "KH", "KR", ("2023", "2023"))),
    ("ក្នុងឆ្នាំ២០២២កូរ៉េខាងត្បូងបានវិនិយោគនៅកម្ពុជាចំនួន៣២០លានដុល្លារអាមេរិក។",
     ("investment.fdi", 320e6, "KR", "KH", ("2022", "2022"))),
    ("រដ្ឋាភិបាលកូរ៉េបានផ្តល់ជំនួយឥតសំណងចំនួន៤៥លានដុល្លារដល់កម្ពុជាក្នុងឆ្នាំ២០២១។",
     ("aid.oda", 45e6, "KR", "KH", ("2021", "2021"))),
    ("ភ្ញៀវទេសចរកូរ៉េចំនួន២០០.០០០នាក់បានមកទស្សនាកម្ពុជាក្នុងឆ្នាំ២០២៣។",
     ("tourism.arrivals", 2e5, "KR", "KH", ("2023", "2023"))),
    ("មានពលករកម្ពុជាប្រមាណ៤៥.០០០នាក់កំពុងធ្វើការនៅកូរ៉េខាងត្បូងគិតត្រឹមឆ្នាំ២០២៤។",
     ("people.workers", 45e3, "KH", "KR", (None, "2024"))),
    ("កម្ពុជាបាននាំចេញទំនិញទៅកូរ៉េមានតម្លៃ៣៥០លានដុល្លារក្នុងឆ្នាំ២០២៣។",
     ("trade.exports", 350e6, "KH", "KR", ("2023", "2023"))),
    ("ក្រុមហ៊ុនកូរ៉េជាង២០០កំពុងវិនិយោគនៅកម្ពុជា។", ("companies.count", 200, "KR", "KH", None)),
    ("នាយករដ្ឋមន្ត្រីហ៊ុនម៉ាណែតបានធ្វើទស្សនកិច្ចផ្លូវការនៅសាធារណរដ្ឋកូរ៉េនៅថ្ងៃទី១៦ខែឧសភាឆ្នាំ២០២៤។",
     ("visit", "2024-05-16", "KH", "KR", None)),
    ("កម្ពុជានិងកូរ៉េបានចុះហត្ថលេខាលើកិច្ចព្រមព្រៀងពាណិជ្ជកម្មសេរីនៅថ្ងៃទី១០ខែតុលាឆ្នាំ២០២១។",
     ("agreement.signed", "2021-10-10", "KH", "KR", None)),
]


def _what(r) -> tuple:
    if isinstance(r, Event):
        return (r.event, r.date, r.from_, r.to, None)
    return (r.indicator, r.value, r.from_, r.to, r.period and (r.period.start, r.period.end))


@pytest.mark.parametrize("text, expected", UNSPACED)
def test_unspaced_sentences(text, expected):
    records = bilateral.extract(text, published="2024-05-17", doc_id="t")
    assert [_what(r) for r in records] == [expected]
    assert records[0].evidence.text == text


@pytest.mark.parametrize("text, expected", UNSPACED[:4] + UNSPACED[7:8])
def test_words_parted_by_zero_width_spaces(text, expected):
    # The same sentence with a zero-width space after every word the tables
    # hold as one (ភ្ញៀវ​ទេសចរ, ទស្សនកិច្ច​ផ្លូវការ, ហ៊ុន​ម៉ាណែត): the same record,
    # its evidence the document's own characters, marks included.
    parted = text
    for word in ("ភ្ញៀវ", "ជំនួយ", "ពាណិជ្ជកម្ម", "ទស្សនកិច្ច", "ហ៊ុន", "កូរ៉េ", "មាន", "ចំនួន", "លាន", "ឆ្នាំ"):
        parted = parted.replace(word, word + "\u200b")
    assert parted != text
    records = bilateral.extract("ចំណងជើង\n" + parted, published="2024-05-17", doc_id="t")
    assert [_what(r) for r in records] == [expected]
    ev = records[0].evidence
    assert ev.text == parted and ("ចំណងជើង\n" + parted)[ev.start:ev.end] == ev.text


def test_a_leader_named_without_a_space_is_the_tables_name():
    visit, = bilateral.extract(UNSPACED[7][0], published="2024-05-17")
    assert visit.actors == ["ហ៊ុន ម៉ាណែត"]
    assert [m.surface for m in find_mentions(KM, "ហ៊ុនសែន ហ៊ុន សែន") if m.kind == "leader"] == ["ហ៊ុន សែន"] * 2


@pytest.mark.parametrize("text, value", [
    ("ពាណិជ្ជកម្មរវាងកម្ពុជានិងកូរ៉េមានតម្លៃ ៨៩០ លានដុល្លារ។", 890e6),  # "worth": the figure's value
    ("កម្ពុជានាំចេញអង្ករទៅកូរ៉េក្នុងតម្លៃ ៨០០ ដុល្លារ។", None),  # "at a price of": no trade figure
])
def test_worth_is_no_price(text, value):
    assert [r.value for r in bilateral.extract(text)] == ([value] if value else [])


def test_a_conjunction_parts_clauses_without_a_space():
    # Cambodia exported to Korea 375 and imported from Korea 608 (million dollars):
    # each figure goes the way of its own clause.
    text = "ក្នុងឆ្នាំ២០២៤កម្ពុជាបាននាំចេញទៅកូរ៉េមានតម្លៃ៣៧៥លានដុល្លារហើយបាននាំចូលពីកូរ៉េមានតម្លៃ៦០៨លានដុល្លារ។"
    got = [(r.indicator, r.value, r.from_, r.to) for r in bilateral.extract(text)]
    assert got == [("trade.exports", 375e6, "KH", "KR"), ("trade.exports", 608e6, "KR", "KH")]
