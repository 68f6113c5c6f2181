"""The extractor on forms the sample's remaining errors share: an upgrade told
after the ties it raised ("established ties in 1992 and elevated them to a
partnership when ... in 2019"). Sentences written for these tests, on pairs
the sample documents do not use for these forms."""

from __future__ import annotations

import bilateral
from bilateral.model import Claim, Event


def claims(text: str, **kw) -> list[Claim]:
    return [r for r in bilateral.extract(text, **kw) if isinstance(r, Claim)]


def events(text: str, **kw) -> list[Event]:
    return [r for r in bilateral.extract(text, **kw) if isinstance(r, Event)]


def test_an_upgrade_after_the_ties_it_raised_takes_its_own_date():
    text = ("Chile and Thailand established diplomatic relations on 16 March 1962 and upgraded them to a "
            "strategic partnership in November 2023, when the Chilean president came to Bangkok.")
    got = {(e.event, e.date) for e in events(text)}
    assert ("relations.established", "1962-03-16") in got
    assert ("partnership.upgraded", "2023-11") in got
    assert ("partnership.upgraded", "1962-03-16") not in got


def test_an_upgrade_dated_by_the_when_clause_after_it():
    text = ("Egypt and India set up diplomatic ties in August 1947 and elevated them to a strategic "
            "partnership when Prime Minister Narendra Modi visited Cairo in June 2023.")
    got = {(e.event, e.date) for e in events(text)}
    assert ("partnership.upgraded", "2023-06") in got
    assert ("partnership.upgraded", "1947-08") not in got
