"""The word-list patterns of the Korean and Khmer engine: the characters a
match can begin with, and patterns guarded by them, which must find exactly
what the unguarded pattern finds."""

from __future__ import annotations

import random
import re

import pytest

from bilateral.extract.km.dates import GRAMMAR as KM_DATES
from bilateral.extract.ko.dates import GRAMMAR as KO_DATES
from bilateral.extract.native.lexicon import Lexicon, first_chars, guarded


@pytest.mark.parametrize("pattern, firsts", [
    ("수출", {"수"}), ("(?:외국인 |해외 |직접 )?투자국", {"외", "해", "직", "투"}),
    ("(?<!재)수교", {"수"}), ("(?:a|)b", {"a", "b"}), ("[1-3]월", {"1", "2", "3"}),
    (r"\d+년", {r"\d"}), (r"\s?x", {r"\s", "x"}),
    ("a?", None), ("[가-힣]+", None), (".x", None), ("(?=a)", None),
])
def test_first_characters(pattern, firsts):
    assert first_chars(pattern) == firsts


def _texts() -> list[str]:
    rng = random.Random(7)
    pieces = ["2019년 ", "3월", "14일", "지난해 ", "1~6월", "상반기", "이날", "ឆ្នាំ២០១៩", "ខែមីនា ", "ថ្ងៃទី១៤ ",
              "2024-2028", " ", "\u3000", "\u00a0", "\n", "수교", "재수교", "ខែ", "12", "9", "a", "x"]
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 12))) for _ in range(400)]


@pytest.mark.parametrize("grammar", [KO_DATES, KM_DATES], ids=["ko", "km"])
def test_guarded_date_patterns_find_what_the_patterns_find(grammar):
    texts = _texts()
    for _, pattern in grammar.patterns:
        plain, fast = re.compile(pattern), re.compile(guarded(pattern))
        for text in texts:
            assert [m.span() for m in plain.finditer(text)] == [m.span() for m in fast.finditer(text)], pattern


def test_a_lexicon_match_says_its_list_and_the_longest_word_wins():
    lex = Lexicon.build({"exports": ["수출"], "trade": ["수출입", "교역"], "none": []}, "", "")
    found = [(m.group(0), lex.key(m)) for m in lex.finditer("대캄 수출입과 수출, 교역", 0, 100)]
    assert found == [("수출입", "trade"), ("수출", "exports"), ("교역", "trade")]
