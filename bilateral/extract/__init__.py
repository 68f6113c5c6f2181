"""Extraction: from a document's text, the events and claims it states.

The pipeline is a chain of small steps over sentence spans:
sentences → countries → (prefilter) → dates → claims and events → document
level clean-up (one report of an event per document; the ``--pair`` filter).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from functools import cache, partial

from ..model import Claim, Event, Record
from . import countries, lang, rules, sentences
from .claims import Topic, extract_claims
from .context import DocContext, Sentence, clauses, infer_pair, resolve_kingdom
from .countries import parse_pair
from .dates import DateExpr, find_dates, parse_published, resolve_backrefs
from .events import EventState, extract_events, has_trigger, month_heading, trigger_groups
from .scan import PatternIndex, index_of
from .tables import read_lists, read_tables

__all__ = ["extract", "parse_pair"]

# Most sentences state nothing in scope: one cheap test before any parsing.
# A sentence is looked at closely only if it holds a digit, a number word, a
# change word or an event word.
_PREFILTER = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|"
    r"hundred|dozen|double|doubled|triple|tripled|trebled|quadrupled|halved|\w+fold|largest|biggest|top|leading|"
    r"second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|twice|thrice|quarter|half)\b",
    re.I,
)

_DIGIT = re.compile(r"\d")
_NUMBER_WORD = re.compile(_PREFILTER.pattern.removeprefix("\\d|"), _PREFILTER.flags)


def _numeric(text: str, a: int, b: int) -> bool:
    """``_PREFILTER.search``: a digit (re finds one at once), else a number word."""
    return _DIGIT.search(text, a, b) is not None or index_of(_NUMBER_WORD).search(text, a, b)


# One-country indicators (GDP growth) are often stated without naming the country.
_ONE_COUNTRY = re.compile(r"\b(?:economy|GDP|economic growth|growth|expansion|forecast|outlook)\b|\b(?:the )?two (?:countries|governments|sides|nations|leaders)\b|\b(?:bilateral|two-way)\b", re.I)

_ONE_COUNTRY_WORDS = "one-country words"


_MONTH_INITIALS = frozenset("JFMASOND")
# Words every withdrawn-figure cue holds: a cheap test before the cues themselves.
_RETRACTED_GATE = re.compile(r"version|incorrect|wrongly|erroneous|mistaken|misstat|misreport", re.I)


@cache
def _retracted() -> re.Pattern[str]:
    """What a correction withdraws (rules/indicators.toml, [retracted])."""
    return re.compile(r"\b(?:" + "|".join(rules.load("indicators")["retracted"]["cues"]) + r")\b", re.I)


@cache
def _deciders() -> PatternIndex:
    """What decides whether a sentence that names no country is read: the
    one-country words and the event triggers, found in one scan."""
    return PatternIndex([(_ONE_COUNTRY_WORDS, [_ONE_COUNTRY.pattern]), *trigger_groups()], flags=re.I, whole_text=True)


def extract(text: str, *, published: str | None = None, doc_id: str | None = None,
            pair: tuple[str, str] | str | None = None) -> list[Record]:
    """The events and claims ``text`` states, each with its evidence span.

    ``published`` (a partial ISO date) anchors relative dates ("last year",
    "on Thursday"); without it they stay null. ``pair`` ("KH,KR" or a tuple)
    keeps only the records of that country pair; by default the document's
    pair is inferred from the countries it mentions most.
    """
    if isinstance(pair, str):
        pair = parse_pair(pair)
    # Korean and Khmer text (whole documents or paragraphs) go to their own engine.
    routed = lang.dispatch(text, published=published, doc_id=doc_id, pair=pair)
    if routed is not None:
        return routed
    pub = parse_published(published)
    mentions = countries.find_mentions(text)
    doc_pair, counts = infer_pair(mentions, text)
    # The document's own pair is the context for reading it; --pair only filters.
    ctx = DocContext(text=text, doc=doc_id, published=pub, pair=doc_pair,
                     kingdom=None, counts=counts)
    ctx.kingdom = resolve_kingdom(mentions, counts)
    ctx.dateline = countries.dateline_country(text, frozenset(counts))

    paragraph_of = _paragraph_index(text)
    records: list[Record] = []
    topic: Topic | None = None
    event_state = EventState()
    m_index = 0
    spans = list(sentences.split(text))
    found_dates: dict[int, list[DateExpr]] = {}

    def dates_of(k: int) -> list[DateExpr]:
        """The dates of sentence ``k``, found once (later sentences look back)."""
        if k not in found_dates:
            found_dates[k] = find_dates(text, spans[k][0], spans[k][1], pub)
        return found_dates[k]

    def sentence_dates(i: int) -> list[DateExpr]:
        dates = list(dates_of(i))
        if any(d.kind == "backref" for d in dates):
            # "the month" is the one just named; "the eight months" may be further back.
            back = 3 if any(d.kind == "backref" and not (d.lo or "").isdigit() for d in dates) else i
            earlier = [d for k in range(max(0, i - back), i) for d in dates_of(k)]
            dates = resolve_backrefs(dates, earlier)
        return dates

    for i, (a, b) in enumerate(spans):
        while m_index < len(mentions) and mentions[m_index].start < a:
            m_index += 1
        j = m_index
        while j < len(mentions) and mentions[j].start < b:
            j += 1
        # A sentence that names no country can only continue the topic of the
        # sentence before it (or date a bullet under a dated lead): in news,
        # most figures in such sentences are scores, crowds and temperatures.
        live = (topic is not None and topic.sentence >= i - 2) or event_state.sentence >= i - 2
        if b - a <= 20 and j == m_index and text[a] in _MONTH_INITIALS:
            heading = month_heading(ctx, a, b)
            if heading is not None:
                event_state.heading = heading
                continue
        listed = event_state.listing is not None and event_state.listing_sentence == i - 1
        if j > m_index or live or listed:
            numeric = _numeric(text, a, b)
            if not numeric and not listed and not has_trigger(text, a, b):
                continue
        else:
            # (Most sentences: one scan for the one-country words and the triggers.)
            found = _deciders().groups_in(text, a, b)
            numeric = _ONE_COUNTRY_WORDS in found and _numeric(text, a, b)
            if not numeric and not found - {_ONE_COUNTRY_WORDS}:
                continue
        s = Sentence(i, a, b, paragraph_of(a), mentions[m_index:j],
                     find_dates=partial(sentence_dates, i), find_clauses=partial(clauses, text, a, b))
        found, new_topic = extract_claims(ctx, s, topic) if numeric else ([], None)
        happened = extract_events(ctx, s, event_state)
        if (found or happened) and index_of(_RETRACTED_GATE).search(text, a, b) and _retracted().search(text, a, b):
            continue  # "An earlier version of this article said ...": withdrawn
        if numeric:
            records.extend(found)
            carried = topic is not None and topic.sentence == i - 1 and not found
            # A sentence with no figure sets the topic only where none runs on
            # (a list item's date does not replace the figures of the list).
            if new_topic is not None and not carried:
                topic = new_topic
            elif carried:
                # A sentence that states no figure still carries the topic on.
                topic = Topic(i, s.paragraph, topic.indicator, topic.period, topic.from_, topic.to)
        records.extend(happened)
    table = read_tables(text, published, doc_id, extract) + read_lists(text, published, doc_id, extract)
    if table:
        # A row is read by its table's rules: what the sentence rules made of it goes.
        rows = {(c.evidence.start, c.evidence.end) for c in table}
        records = [r for r in records if not isinstance(r, Claim) or (r.evidence.start, r.evidence.end) not in rows]
        records.extend(table)
    records = _one_report_per_event(records)
    if pair:
        wanted = set(pair)
        records = [r for r in records if _in_pair(r, wanted)]
    return records


def _in_pair(r: Record, wanted: set[str]) -> bool:
    codes = {r.from_, r.to} - {None}
    return bool(codes) and codes <= wanted


def _one_report_per_event(records: list[Record]) -> list[Record]:
    seen: set[tuple] = set()
    out: list[Record] = []
    for r in records:
        # Several agreements are often signed on one day, in one sentence each or
        # listed in one sentence: each is its own report.
        if isinstance(r, Event) and r.event != "agreement.signed":
            key = (r.event, r.date, r.from_, r.to)
            if key in seen:
                continue
            seen.add(key)
        out.append(r)
    return out


_NEWLINE = re.compile(r"\n")


def _paragraph_index(text: str) -> Callable[[int], int]:
    starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]

    def index(pos: int) -> int:
        return bisect.bisect_right(starts, pos) - 1

    return index
