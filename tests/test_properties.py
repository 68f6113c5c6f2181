"""Properties that hold for any text: extraction never raises, and every
evidence span is exactly the document slice it claims to be."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import bilateral

# Words the extractor reacts to, so that generated texts reach its deep paths
# (numbers, currencies, dates, countries, cues, event triggers) and not only
# the prefilter.
WORDS = [
    "Cambodia", "Korea", "Korean", "Japan's", "Vietnam", "the Kingdom", "Seoul", "Phnom Penh", "US$",
    "$1.5bn", "700 million dollars", "8.4 per cent", "6-7%", "twentyfold", "doubled", "second largest",
    "trade", "exports", "imports", "investment", "aid", "ODA", "tourists", "workers", "students",
    "companies", "visits", "flights a week", "economy", "grew", "fell", "pledged", "expected",
    "in 2024", "first half of 2025", "January-October 2022", "from 1996 to 2022", "as of 2024",
    "since 1997", "last year", "on Thursday", "the same period last year", "respectively",
    "established diplomatic relations", "severed", "restored", "state visit", "summit", "signed",
    "agreement", "entered into force", "elevated", "strategic partnership", "credentials",
    "President Moon Jae-in", "Prime Minister Hun Sen", "will", "and", "of", "to", "in", "by",
    ".", ",", ";", "(", ")", "\n", "- ", "“", "”", "’s", "1970s", "40,000", "3", "2019", "15 May 2024",
]

texts = st.one_of(
    st.text(max_size=400),
    st.lists(st.sampled_from(WORDS), max_size=60).map(" ".join),
    st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=8)), max_size=40).map("".join),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts, published=st.one_of(st.none(), st.sampled_from(["2024", "2024-05", "2024-05-16", "junk"])))
def test_extract_never_raises_and_evidence_is_the_slice(text, published):
    for r in bilateral.extract(text, published=published, doc_id="x"):
        ev = r.evidence
        assert 0 <= ev.start < ev.end <= len(text)
        assert text[ev.start:ev.end] == ev.text
        d = r.to_dict()
        assert d["type"] in ("claim", "event")
        if d["type"] == "claim":
            assert d["value"] is not None or (d["low"] is not None and d["high"] is not None)
