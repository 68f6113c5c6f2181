"""Khmer dates and periods (after Khmer digits are read as ASCII):
"ថ្ងៃទី១៤ ខែមីនា ឆ្នាំ២០១៩", "ខែមីនា ឆ្នាំ២០១៩", "ឆ្នាំ២០២៣"; periods
"ពីខែមករា ដល់ខែតុលា ឆ្នាំ២០២២", "៨ខែដើមឆ្នាំ២០២៣", "ឆមាសទី១", "ត្រីមាសទី១",
"ពីឆ្នាំ១៩៩៦ ដល់ឆ្នាំ២០២២"; ends "គិតត្រឹមឆ្នាំ២០២៤"; starts
"ចាប់តាំងពីឆ្នាំ១៩៩៧"; bases "បើធៀបនឹងឆ្នាំមុន"; relative dates
"ឆ្នាំមុន", "ឆ្នាំនេះ", "ខែមុន", "ថ្ងៃនេះ", "ម្សិលមិញ"; years of the Common Era
marked as such ("គ.ស.២០២៤"); and years of the Buddhist era ("ព.ស.២៥៦៧",
"ពុទ្ធសករាជ ២៥៦៧"), which begins at Visak Bochea, in April or May: ព.ស. ២៥៦៧
is May 2023 to April 2024 (the civil year + 544 from May, + 543 before). The
heading of an official text gives the lunar date, its era year and the civil
date it falls on ("... ព.ស.២៥៦៧ ត្រូវនឹងថ្ងៃទី៨ ខែមេសា ឆ្នាំ២០២៤"): the civil
date is the date."""

from __future__ import annotations

import datetime as dt

from ..dates import DateExpr
from ..native.dates import Dates, Grammar

MONTHS = {"មករា": 1, "កុម្ភៈ": 2, "មីនា": 3, "មេសា": 4, "ឧសភា": 5, "មិថុនា": 6, "កក្កដា": 7,
          "សីហា": 8, "កញ្ញា": 9, "តុលា": 10, "វិច្ឆិកា": 11, "ធ្នូ": 12}
NUMBERS = {"មួយ": 1, "ពីរ": 2, "បី": 3, "បួន": 4, "ប្រាំ": 5, "ប្រាំមួយ": 6, "ប្រាំពីរ": 7, "ប្រាំបី": 8,
           "ប្រាំបួន": 9, "ដប់": 10}
# Lunar months by the civil month they mostly fall in (ពិសាខ, in which the Buddhist era
# turns, and បុស្ស straddle two civil years: their year may be one off).
LUNAR_MONTHS = {"មិគសិរ": 12, "បុស្ស": 1, "មាឃ": 2, "ផល្គុន": 3, "ចេត្រ": 4, "ពិសាខ": 5, "ជេស្ឋ": 6,
                "អាសាឍ": 7, "បឋមាសាឍ": 7, "ទុតិយាសាឍ": 7, "ស្រាពណ៍": 8, "ភទ្របទ": 9, "អស្សុជ": 10,
                "កត្តិក": 11}
WEEKDAYS = {"ច័ន្ទ": 0, "អង្គារ": 1, "ពុធ": 2, "ព្រហស្បតិ៍": 3, "សុក្រ": 4, "សៅរ៍": 5, "អាទិត្យ": 6}

_Y = r"(?:19|20)\d\d"
_MN = "|".join(sorted(MONTHS, key=len, reverse=True))
_N = "|".join(sorted(NUMBERS, key=len, reverse=True))
_M = rf"ខែ\s?(?P<m>{_MN})"
_RY = r"(?:ឆ្នាំកន្លងទៅ|ឆ្នាំមុន|ឆ្នាំទៅ|ឆ្នាំនេះ|ឆ្នាំក្រោយ|ឆ្នាំខាងមុខ|ឆ្នាំបន្ទាប់|ឆ្នាំដដែល|ឆ្នាំនោះ)"
_CE = r"គ\.\s?ស\.?\s?"  # of the Common Era
_BE = r"(?:ព\.\s?ស\.?|ពុទ្ធសករាជ)\s?"  # of the Buddhist era
_YEAR = rf"(?:(?:ឆ្នាំ\s?(?:{_CE})?|{_CE})(?P<y>{_Y})|(?P<ry>{_RY}))"
_OF = r"\s?(?:នៃ\s?|ក្នុង\s?)?"
_WD = rf"ថ្ងៃ\s?(?:{'|'.join(WEEKDAYS)})\s?"
# A lunar date: weekday, day of the waxing (កើត) or waning (រោច) moon, lunar month,
# animal year and the year of the decade ("ថ្ងៃច័ន្ទ ១២រោច ខែចេត្រ ឆ្នាំថោះ បញ្ចស័ក").
_LUNAR = (rf"(?:{_WD})?(?:\d{{1,2}}\s?(?:កើត|រោច)\s?)?ខែ\s?(?P<lm>{'|'.join(sorted(LUNAR_MONTHS, key=len, reverse=True))})\s?"
          r"(?:ឆ្នាំ\s?(?:ជូត|ឆ្លូវ|ខាល|ថោះ|រោង|ម្សាញ់|មមី|មមែ|វក|រកា|ច|កុរ)\s?)?(?:\S{1,8}ស័ក\s?)?")
# The civil date an era date falls on.
_FALLS_ON = (rf"\s?(?:ត្រូវនឹង|ស្មើនឹង)\s?(?:{_WD})?(?:ថ្ងៃទី\s?(?P<gd>\d{{1,2}})\s?)?(?:ខែ\s?(?P<gm>{_MN})\s?)?"
             rf"(?:ឆ្នាំ\s?)?(?:{_CE})?(?P<gy>{_Y})")
_TO = r"\s?(?:ដល់|-|–|រហូតដល់)\s?"

GRAMMAR = Grammar(
    patterns=[
        ("era", rf"(?:{_LUNAR}|(?:ថ្ងៃទី\s?(?P<d>\d{{1,2}})\s?)?{_M}\s?)?(?:ឆ្នាំ\s?)?{_BE}(?P<era>2[4-6]\d\d)(?:{_FALLS_ON})?"),
        ("comparison", rf"(?:បើ\s?)?(?:ប្រៀបធៀប|ធៀប)(?:\s?(?:នឹង|ទៅនឹង|ជាមួយ|ទៅ))?\s?(?:រយៈពេលដូចគ្នា{_OF})?(?:{_RY}|ឆ្នាំ\s?{_Y})"),
        ("sameperiod", rf"(?:ក្នុង\s?)?រយៈពេលដូចគ្នា{_OF}(?:ឆ្នាំមុន|ឆ្នាំ\s?(?P<y>{_Y}))"),
        ("dayrange", rf"ថ្ងៃទី\s?(?P<d>\d{{1,2}}){_TO}(?:ថ្ងៃទី\s?)?(?P<d2>\d{{1,2}})\s?{_M}(?:\s?{_YEAR})?"),
        ("yearrange", rf"(?:ពី\s?)?(?:ឆ្នាំ\s?)?(?P<y1>{_Y}){_TO}(?:ឆ្នាំ\s?)?(?P<y2>{_Y})"),
        ("monthrange", rf"(?:ពី\s?)?ខែ\s?(?P<m1>{_MN}){_TO}(?:ខែ\s?)?(?P<m2>{_MN})(?:\s?{_YEAR})?"),
        ("firstmonths", rf"(?:រយៈពេល\s?)?(?P<n>\d{{1,2}}|{_N})\s?ខែ\s?(?:ដើម|ដំបូង){_OF}(?:{_YEAR})?"),
        ("half", rf"ឆមាស\s?ទី\s?(?P<h>1|2|មួយ|ពីរ){_OF}(?:{_YEAR})?"),
        ("quarter", rf"ត្រីមាស\s?ទី\s?(?P<q>[1-4]|{_N}){_OF}(?:{_YEAR})?"),
        ("asof", rf"(?:គិតត្រឹម|គិតមកដល់|គិតដល់|ត្រឹម|រហូតដល់)\s?(?P<end>ចុង)?\s?(?:{_M}\s?)?{_YEAR}"),
        ("since", rf"(?:ចាប់តាំងពី|តាំងពី|ចាប់ពី|ក្រោយ)\s?(?:{_M}\s?)?ឆ្នាំ\s?(?P<y>{_Y})"),
        ("daymonthyear", rf"ថ្ងៃទី\s?(?P<d>\d{{1,2}})\s?{_M}(?:\s?{_YEAR})?"),
        ("monthyear", rf"{_M}\s?{_YEAR}"),
        ("decade", rf"ទសវត្សរ៍\s?(?:ឆ្នាំ\s?)?(?P<y>{_Y})"),
        ("yearend", rf"ចុង\s?{_YEAR}"),
        ("relmonthday", r"ថ្ងៃទី\s?(?P<d>\d{1,2})\s?(?P<r>ខែមុន|ខែនេះ|ខែក្រោយ|ខែខាងមុខ)"),
        ("relmonth", r"(?P<r>ខែមុន|ខែនេះ|ខែក្រោយ|ខែខាងមុខ)"),
        ("month", rf"{_M}(?:\s?(?P<w>ខាងមុខ|កន្លងទៅ))?"),
        ("relday", r"(?P<r>ថ្ងៃនេះ|ម្សិលមិញ|ថ្ងៃស្អែក|ថ្ងៃបន្ទាប់|ថ្ងៃមុន|ថ្ងៃដដែល)"),
        ("weekday", rf"ថ្ងៃ(?P<wd>{'|'.join(WEEKDAYS)})"),
        ("relyear", rf"(?<!\d)(?<!\d )(?P<ry>{_RY})"),  # not "១០ឆ្នាំក្រោយ", ten years later
        ("year", rf"(?:ឆ្នាំ\s?(?:{_CE})?|{_CE})(?P<y>{_Y})"),
        ("year", rf"(?<![\d,.$])(?P<y>{_Y})(?![\d,.%])"),
    ],
    prefilter=r"\d|ឆ្នាំ|ខែ|ថ្ងៃ|ម្សិលមិញ|ទសវត្សរ៍|ឆមាស|ត្រីមាស",
    year_before=rf"(?:ឆ្នាំ\s?(?:{_CE})?|{_CE})(?P<y>{_Y})",
    years={"ឆ្នាំមុន": -1, "ឆ្នាំទៅ": -1, "ឆ្នាំកន្លងទៅ": -1, "ឆ្នាំនេះ": 0, "ឆ្នាំក្រោយ": 1, "ឆ្នាំខាងមុខ": 1,
           "ឆ្នាំបន្ទាប់": 1, "ឆ្នាំដដែល": "anaphor", "ឆ្នាំនោះ": "anaphor"},
    words={**MONTHS, **NUMBERS, **WEEKDAYS, **LUNAR_MONTHS},
    halves={"1": 1, "មួយ": 1, "2": 2, "ពីរ": 2},
    months={"ខែមុន": -1, "ខែនេះ": 0, "ខែក្រោយ": 1, "ខែខាងមុខ": 1},
    days={"ថ្ងៃនេះ": 0, "ម្សិលមិញ": -1, "ថ្ងៃស្អែក": 1, "ថ្ងៃដដែល": 0,
          "ថ្ងៃបន្ទាប់": "the following day", "ថ្ងៃមុន": "the previous day"},
    last=frozenset({"កន្លងទៅ"}), coming=frozenset({"ខាងមុខ"}),
    era=(544, 5),
)
_DATES = Dates(GRAMMAR)


def find_dates(text: str, start: int, end: int, published: dt.date | None) -> list[DateExpr]:
    """Date expressions in ``text[start:end]`` (normalised text), left to right, never overlapping."""
    return _DATES.find(text, start, end, published)
