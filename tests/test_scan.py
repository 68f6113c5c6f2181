"""The pattern index finds exactly what the plain regular expressions find.

Speed work must not change what is extracted: ``PatternIndex.finditer`` is
compared with ``re.finditer`` of each group's alternation, over the sample
documents and over generated text that mixes rule words, hyphens, case and
the few characters that fold to ASCII letters.
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bilateral.extract import dates, events, quantities, rules, sentences
from bilateral.extract.scan import (
    FOLDS,
    PatternIndex,
    index_of,
    plain_literal,
    prefixes,
    required,
    split_leading,
    word_start,
)

extract = importlib.import_module("bilateral.extract")  # the module, not bilateral.extract()
SAMPLES = Path(__file__).resolve().parents[1] / "examples" / "en"
BEFORE, AFTER = r"(?<![\w-])", r"(?![\w-])"


def _event_groups() -> list[tuple[str, list[str]]]:
    table = rules.load("events")["event"]
    return [(name, sorted(spec["triggers"], key=len, reverse=True)) for name, spec in table.items()]


def _plain(groups: list[tuple[str, list[str]]], flags: int) -> dict[str, re.Pattern[str]]:
    return {name: re.compile(BEFORE + "(?:" + "|".join(alts) + ")" + AFTER, flags) for name, alts in groups}


def _same(index: PatternIndex, plain: dict, text: str, start: int, end: int, combined: bool = True) -> None:
    found = index.finditer(text, start, end)
    for name, rx in plain.items():
        want = [(m.span(), m.groupdict()) for m in rx.finditer(text, start, end)]
        assert [(m.span(), m.groupdict()) for m in found.get(name, [])] == want, (name, text[start:end])
    assert index.search(text, start, end) == any(rx.search(text, start, end) for rx in plain.values())
    if combined:
        rx = re.compile("|".join(f"(?:{rx.pattern})" for rx in plain.values()), next(iter(plain.values())).flags)
        assert [m.span() for m in index.finditer_any(text, start, end)] == \
            [m.span() for m in rx.finditer(text, start, end)]


EVENTS = _event_groups()
EVENT_INDEX = PatternIndex(EVENTS, flags=re.I, before=BEFORE, after=AFTER)
EVENT_PLAIN = _plain(EVENTS, re.I)
# The extractor's own indexes: triggers (context written into each pattern), and the
# one scan that decides whether a sentence naming no country is read.
TRIGGERS = {name: re.compile("|".join(alts), re.I) for name, alts in events.trigger_groups()}
DECIDERS = {extract._ONE_COUNTRY_WORDS: extract._ONE_COUNTRY, **TRIGGERS}


def _same_extractor_indexes(text: str, start: int, end: int) -> None:
    _same(events._trigger_index(), TRIGGERS, text, start, end)
    assert extract._deciders().groups_in(text, start, end) == \
        {name for name, rx in DECIDERS.items() if rx.search(text, start, end)}


DATE_PLAIN = {i: re.compile(p, re.I) for i, (_, p) in enumerate(dates._PATTERNS)}
FIGURE_PLAIN = {k: rx for k, rx in quantities._patterns().items() if k != "approx"}


def test_event_triggers_and_dates_on_the_samples():
    for path in sorted(SAMPLES.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for a, b in sentences.split(text):
            _same(EVENT_INDEX, EVENT_PLAIN, text, a, b)
            _same_extractor_indexes(text, a, b)
            _same(dates._index(), DATE_PLAIN, text, a, b, combined=False)
            _same(quantities._index(), FIGURE_PLAIN, text, a, b, combined=False)
        _same(EVENT_INDEX, EVENT_PLAIN, text, 0, len(text))


PIECES = ["visit", "Visit", "VISITED", "state visit to", "three-day visit to", "signed", "ſigned", "Visıted",
          "İn force since", "summit talks", "talks with President", "upgraded to", "re-established",
          "Export-Import", "embassy opens", "opened its embassy", "the", "of", "-", " ", "  ", "\n", ".",
          "\u00a0", "K", "’", "in", "force", "relations", "restored", "ties were severed"]
TEXTS = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), max_size=30).map(
    lambda parts: "".join(p if i % 3 == 2 else p + " " for i, p in enumerate(parts)))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXTS, cut=st.integers(0, 5))
def test_event_triggers_on_generated_text(text, cut):
    start = min(cut, len(text))
    _same(EVENT_INDEX, EVENT_PLAIN, text, start, len(text))
    _same(EVENT_INDEX, EVENT_PLAIN, text, 0, max(0, len(text) - cut))
    _same_extractor_indexes(text, start, len(text))
    _same_extractor_indexes(text, 0, max(0, len(text) - cut))  # (a second span of one text: read in one pass)


DATE_PIECES = ["in", "In", "the", "same", "period", "of", "year", "last year", "March", "MARCH", "May", "may",
               "15", "3rd", "1997", "2024", "2019-20", "Q1", "h2", "first", "half", "quarter", "to", "by",
               "end", "since", "from", "between", "and", "-", "–", ",", " ", "  ", "\n", "\t", "\u00a0",
               "\u2009", "\u0661\u0669\u0669\u0667", "\u0663", "ſince", "İn", "Monday", "on", "next", "that",
               "1990s", "mid-", "fiscal", "(", ")", "%", "million", "y-o-y", "a year earlier"]
DATE_TEXTS = st.lists(st.one_of(st.sampled_from(DATE_PIECES), st.text(max_size=4)), max_size=30).map(
    lambda parts: "".join(p if i % 3 == 2 else p + " " for i, p in enumerate(parts)))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=DATE_TEXTS, cut=st.integers(0, 5))
def test_dates_on_generated_text(text, cut):
    _same(dates._index(), DATE_PLAIN, text, min(cut, len(text)), len(text), combined=False)
    for rx in (dates._ANY, extract._PREFILTER, extract._ONE_COUNTRY):
        assert index_of(rx).search(text, cut, len(text)) == (rx.search(text, cut, len(text)) is not None)


FIGURE_PIECES = ["$", "US$", "US $", "USD", "€", "₩", "KRW", "1.5", "1,250", "890", "bn", "million", "m", "M",
                 "a", "an", "A", "one", "twenty", "twenty-five", "dollars", "US dollars", "won", "per cent", "%",
                 "pct", "between", "and", "to", "-", "–", "doubled", "twofold", "ten-fold", "3-fold", "times",
                 "by", "a third", "half", "second", "largest", "top", "No. 1", "ranked", "fifth", "place", "only",
                 "its", "Korea's", "the", ".", ",", " ", "\u00a0", "\u0663", "ſecond", "İn", "x", "Export-Import"]
FIGURE_TEXTS = st.lists(st.one_of(st.sampled_from(FIGURE_PIECES), st.text(max_size=4)), max_size=30).map(
    lambda parts: "".join(p if i % 3 == 2 else p + " " for i, p in enumerate(parts)))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=FIGURE_TEXTS, cut=st.integers(0, 5))
def test_figures_on_generated_text(text, cut):
    _same(quantities._index(), FIGURE_PLAIN, text, min(cut, len(text)), len(text), combined=False)


def test_word_start():
    assert word_start(r"(?<![\w.,])\d+")
    assert word_start(r"\b(?:the\s+)?year", re.I)
    assert not word_start(r"\b\$\d")  # "\b" before a non-word character: a word character before it
    assert not word_start(r"(?:between\s+)?(?<![\w.,])\d+")
    assert not word_start(r"\s*year")


def test_case_sensitive_groups_and_unindexable_patterns():
    groups = [("month", [r"(?-i:May|June)\s+\d+", r"\d{1,2}\s+(?-i:May)"]), ("any", [r"\w+-fold", "x+y"])]
    index = PatternIndex(groups, flags=re.I)
    plain = {name: re.compile("(?:" + "|".join(alts) + ")", re.I) for name, alts in groups}
    for text in ["on May 5 and 12 May, may 3", "ten-fold xxy", "MAY 5 May 5 ſeven-fold", "x", "May\u00a0٣",
                 "May \u0663\u0663 and \u0661\u0662 May", "İn ıt"]:
        _same(index, plain, text, 0, len(text))


def test_prefixes():
    assert prefixes("visit(?:ed|s)?", re.I) == {"vis"}
    assert prefixes("(?:state|official) visit", re.I) == {"sta", "off"}
    assert prefixes("(?:formal |full )?diplomatic", re.I) == {"for", "ful", "dip"}
    assert prefixes("PM", re.I) == {"pm"}
    assert prefixes("re-?open", re.I) == {"re-", "reo"}
    assert prefixes(r"\w+-day visit", re.I) is None  # may begin with any letter
    assert {"1 t", "12 ", "123"} <= prefixes(r"\d+ times")  # other scripts' digits: UNSURE
    assert prefixes("€ ?\\d", re.I) >= {"€ 1", "€1"}
    assert prefixes("é", re.I) is None  # a cased letter beyond ASCII
    assert prefixes("[ab]c") == {"ac", "bc"}
    assert prefixes("(?:ab)*c") == {"c", "abc", "aba"}
    assert prefixes("a{2,}b") == {"aab", "aaa"}
    # White space is " " in a prefix (the gates match any of it there); a
    # look-ahead says how the text goes on, and ends the prefix.
    assert prefixes(r"to\s+\d") == {"to "}
    assert prefixes(r"an?(?=\s+million)", re.I) == {"a m", "a  ", "an "}
    assert prefixes(r"a(?!\s+million)", re.I) == {"a"}
    assert index_of(re.compile(r"to\s+\d")).search("rose\tto\n5 per cent", 0, 20)
    assert required(r"\w+-day visits? to", re.I) == ("-day visit",)
    assert required(r"\b(?:that|the same) year\b", re.I) == (" year",)
    assert required(r"(?:ended|lapsed) ties", re.I) == ("ed ties",)  # the branches end alike
    assert required(r"(?:embassy|consulate) opens?", re.I) == ("consulate", "embassy")
    assert required(r"\d+") is None


def test_split_leading():
    assert split_leading(r"(?:state|\w+-day) visit") == ["state visit", r"\w+-day visit"]
    assert split_leading("(?:a|(?:b|c)d)e") == ["ae", "(?:b|c)de"]
    assert split_leading("(?:a|b)?c") == ["(?:a|b)c", "c"]
    assert split_leading("(?:a|b)??c") is None  # lazy: "c" first
    assert split_leading("(?:a|b)*c") is None
    assert split_leading("a|b|(?:c|d)") == ["a", "b", "(?:c|d)"]
    assert split_leading(r"\b(?:one|two)\b") == [r"\bone\b", r"\btwo\b"]
    assert split_leading(r"(?<![\w-])(?:x|y)z") == [r"(?<![\w-])xz", r"(?<![\w-])yz"]
    assert split_leading(r"[|(]a") is None
    assert split_leading(r"\(a|b") == [r"\(a", "b"]
    assert split_leading("[(]a") is None


def test_split_patterns_with_named_groups():
    """By name, a split pattern's parts keep every group name (unmatched ones None)."""
    groups = [("rank", [r"\b(?:(?:the|\w+'s)\s+)?(?P<ord>first|second)\s+(?P<what>largest|top)\b"
                        r"|\b(?P<ord2>first|second)\s+place\b"])]
    index = PatternIndex(groups, flags=re.I, by_name=True)
    plain = {"rank": re.compile(groups[0][1][0], re.I)}
    for text in ["Korea's second largest", "the first top and second place", "its first largest", "x"]:
        _same(index, plain, text, 0, len(text), combined=False)


def test_folds_and_lower_case():
    """The index reads lower-cased text: only FOLDS may match an ASCII letter
    when case is ignored, and lower-casing keeps every other character's
    length and whether it is a word character or a hyphen."""
    letter, word, w = re.compile("[a-z]", re.I), re.compile(r"[\w-]"), re.compile(r"\w")
    for code in range(0x110000):
        ch = chr(code)
        # cues.py reads "\w" where the extractor wrote isalnum() or "_".
        assert bool(w.match(ch)) == (ch.isalnum() or ch == "_"), hex(code)
        if code >= 128 and letter.fullmatch(ch):
            assert FOLDS.match(ch), hex(code)
        if not FOLDS.match(ch):
            low = ch.lower()
            assert len(low) == 1 and bool(word.match(ch)) == bool(word.match(low)), hex(code)


def test_cue_words_on_generated_text():
    from bilateral.extract import cues

    for text in ["Exports-imports rose; ſeveral exports, İmports and %imports", "x", "trade", "Export-Import Bank"]:
        for start in range(0, min(len(text), 6)):
            want = [m.span() for m in cues._WORD.finditer(text, start, len(text))
                    if not (m.start() > 0 and (text[m.start() - 1].isalnum() or text[m.start() - 1] in "-_"))
                    and any(m.group(0).lower().startswith(k) for k in cues._scanner())]
            span = text[start:]
            got = [m.span() for m in cues._words(text, start, len(text), None if cues.FOLDS.search(span) else span.lower())
                   if not (m.start() > 0 and (text[m.start() - 1].isalnum() or text[m.start() - 1] in "-_"))]
            assert set(want) <= set(got), (text, start)


def test_plain_symbols_match_only_themselves():
    """Non-ASCII literals kept in prefixes ("€", "–") match no other character, case aside."""
    everything = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    plain = [chr(c) for c in range(128, 0x110000) if not 0xD800 <= c < 0xE000 and plain_literal(chr(c))]
    cls = re.compile("[" + "".join(re.escape(c) for c in plain) + "]", re.I)
    assert set(cls.findall(everything)) == set(plain)


BREAK_PIECES = ["while", "whereas", "but", "butter", "awhile", "But", "_but", "1,000", ",", ";", ":", "(", ")",
                "[", "]", "—", "–", "-", " – ", " - ", "\t-\n", "x", "Korea", "Mr.", " ", "  ", "\u00a0", "é",
                "the Kingdom", "Kingdom", "U.S.", "-Korea", "respectively", "RESPECTIVELY", "Reſpectively",
                "irrespectively", "respectively_", "R", "!?", "។", ".\" ", ".’) ", "\n", "\t", ". A", ".\tB", "?\" C"]
BREAK_TEXTS = st.lists(st.one_of(st.sampled_from(BREAK_PIECES), st.text(max_size=3)), max_size=25).map("".join)


@settings(max_examples=400, deadline=None)
@given(text=BREAK_TEXTS, cut=st.integers(0, 4), trim=st.integers(0, 4))
def test_clause_breaks_and_country_words_read_as_written(text, cut, trim):
    """The clause breaks, the capitalised-word scan of the countries, the
    sentence stops and "respectively", each rewritten to begin with a character re can skip to,
    split and find as the plain patterns do (also at a span's edges)."""
    from bilateral.extract import claims, context, countries

    start, end = min(cut, len(text)), max(min(cut, len(text)), len(text) - trim)
    plain = re.compile(context._CLAUSE_BREAK.pattern)  # not the default: read through as written
    assert context.clauses(text, start, end) == context.clauses(text, start, end, plain)
    assert [m.span() for m in claims._RESPECTIVELY.finditer(text, start, end)] == \
        [m.span() for m in re.finditer(r"\brespectively\b", text[:end], re.I) if m.start() >= start]
    # (and the second word of a hyphenated pair: "Japan-Vietnam", "while-Korea")
    words = re.compile(r"(?:(?<![\w\-.])|(?<=[a-z]-)(?=[A-Z]))(?:[A-Z][\w.'’\-]*|the Kingdom)")
    assert [m.span() for m in countries._WORD.finditer(text, start, end)] == \
        [m.span() for m in words.finditer(text, start, end)]
    stops = re.compile(r"[.!?។]+[\"”’')\]]*(?=[ \t]+[\"“‘'(\[]?[A-Z0-9\u00C0-\uFFFF])|\n")
    assert [m.span() for m in sentences._STOP.finditer(text, start, end)] == \
        [m.span() for m in stops.finditer(text, start, end)]


AUTOMATON_PIECES = ["to", "to the", "the", "th", "visit", "Visit", "-", "_", "’", " ", "\t", "\n", "\u00a0", "é", "1", ".",
                    "k", "talks", "tal"]


@given(st.lists(st.one_of(st.sampled_from(AUTOMATON_PIECES), st.text(max_size=3)), max_size=25).map("".join))
@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
def test_automaton_finds_what_the_trie_does(text):
    """The automaton behind the gates finds the places a trie of its keys
    finds with ``re``, " " standing for any ASCII white space; ``spans``
    reads the keys as written."""
    from bilateral.extract.scan import _SPACE_CLASS, Automaton, _trie

    keys = ["to th", "to", "th", "visit", "tal", "talks", "-"]
    automaton = Automaton(keys)
    low = text.lower()
    for joiners in ("_", "_-"):
        trie = re.compile(rf"(?<![\w{re.escape(joiners)}])(?={_trie(sorted(keys), _SPACE_CLASS)})")
        assert automaton.word_starts(low, joiners) == [m.start() for m in trie.finditer(low)]
    anywhere = re.compile(f"(?={_trie(sorted(keys), _SPACE_CLASS)})")
    assert sorted(automaton.places(low)) == [m.start() for m in anywhere.finditer(low)]
    # A gate's two tables in one pass: prefixes at word starts, and prefixes anywhere.
    also = ["o", "is", "k ", "visit"]
    gate = Automaton(keys, anywhere=also)
    both = re.compile(rf"(?<!\w)(?P<w>)(?={_trie(sorted(keys), _SPACE_CLASS)})|(?={_trie(sorted(also), _SPACE_CLASS)})")
    assert gate.gate_places(low, True) == [(m.start(), m.lastindex is not None) for m in both.finditer(low)]
    assert gate.gate_places(low, False) == [(pos, True) for pos in automaton.word_starts(low)]
    assert bool(automaton.spans(low)) == any(key in low for key in keys)


PREP_PIECES = ["to", "in", "the", "a", "an", "southern", "Korea", "K", "ſ", "-", "x-", " ", "  ", "\t", "\n", "é", "1", ",",
               "Invested in", "from the", "by"]


@settings(max_examples=400, deadline=None)
@given(text=st.lists(st.one_of(st.sampled_from(PREP_PIECES), st.text(max_size=3)), max_size=20).map("".join),
       cut=st.integers(0, 6))
def test_the_word_before_a_mention_as_written(text, cut):
    """The word before a mention is looked for in its window alone, at word
    starts only: it is the word the plain pattern finds in the text."""
    from bilateral.extract import direction

    plain = re.compile(r"([A-Za-z-]+)\s+(?:(?:the|a|an|neighbouring|neighboring|southern|northern|rural|urban)\s+)*$",
                       re.I)
    start = min(cut, len(text))
    want = plain.search(text, start, len(text))
    got = direction._PREP_BEFORE.search(text[start:])
    assert (got and got.group(1)) == (want and want.group(1))
