"""Claims: a figure, the indicator it measures, its period, direction and status.

Each quantity found in a sentence is tied to the nearest cue that can take
it (a money figure to "trade", "investment" or "aid"; a count to the noun that
follows it; a percentage to the change verb and indicator around it). A figure
whose sentence names no indicator or period takes them from the sentence
before, when that one set the topic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..model import Claim, Evidence, Period
from . import rules
from .context import STATEMENT_VERB, DocContext, Sentence
from .cues import NAMING, Cue, count_noun_index, count_nouns, find_cues, indicator_table
from .dates import DateExpr
from .direction import resolve_direction
from .quantities import Quantity, find_quantities
from .scan import index_of

# The largest gap, in characters, between a figure and the cue that names it.
_MAX_CUE_DISTANCE = 140


@dataclass(slots=True)
class Topic:
    """What a sentence said, for the sentence after it."""

    sentence: int
    paragraph: int
    indicator: str | None
    period: Period | None
    from_: str | None
    to: str | None
    # (indicator, reverse?) -> (from, to) of the figures the sentence stated, so
    # "Exports rose 21 per cent, while imports fell" can follow "Cambodian
    # exports to and imports from Korea were ...".
    directions: dict[tuple[str, bool], tuple[str | None, str | None]] | None = None
    # The money figures of the sentence in order, for "The corresponding figures
    # for 2007 were $X and $Y."
    sequence: list[tuple[str, bool, str | None, str | None]] | None = None

    def direction(self, indicator: str, reverse: bool, sides: tuple[str | None, str | None], *,
                  inherited: bool, uncued: int, symmetric: bool) -> tuple[str | None, str | None]:
        """The sides of a figure of the next sentence whose own ``sides`` name no
        origin: the n-th uncued figure takes the n-th of the list ("The
        corresponding figures for 2007 were $X and $Y"); a flow, the sides just
        named for it or its reverse ("Imports went the other way"); an
        inherited figure, the topic's own; else ``sides`` as they are."""
        if inherited and self.sequence and uncued and uncued <= len(self.sequence) and \
                self.sequence[uncued - 1][0] == indicator:
            sides = self.sequence[uncued - 1][2:]
            if sides[0] is not None:
                return sides
        if symmetric:
            return sides
        known = (self.directions or {}).get((indicator, reverse))
        if known is None and (indicator, not reverse) in (self.directions or {}):
            known = tuple(reversed(self.directions[(indicator, not reverse)]))  # (the other side of the flow)
        if known is not None:
            return known
        return (self.from_, self.to) if inherited else sides


def _distance(q: Quantity, c: Cue) -> int:
    if c.end <= q.start:
        return q.start - c.end
    if c.start >= q.end:
        # A cue before the figure is the usual order, the more so for changes:
        # "arrivals fall 12.5% as flights hold steady".
        return c.start - q.end + (16 if q.kind in ("percent", "fraction", "factor") else 4)
    return 0


def _nearest(q: Quantity, cues: list[Cue], kinds: set[str], indicators: set[str] | frozenset[str] | None = None,
             limit: int = _MAX_CUE_DISTANCE, clause: tuple[int, int] | None = None) -> Cue | None:
    best, best_d = None, limit + 1
    for c in cues:
        if c.kind not in kinds:
            continue
        if indicators is not None and c.indicator is not None and c.indicator not in indicators:
            continue
        d = _distance(q, c)
        if clause is not None and not (clause[0] <= c.start < clause[1]):
            d += 40  # a cue in the figure's own clause names it before one in another
        if d < best_d:
            best, best_d = c, d
    return best


@cache
def _money_indicators() -> frozenset[str]:
    return frozenset(n for n, s in indicator_table().items() if s.get("money"))


_NOT_PAIR = re.compile(r"\b(?:foreign|international|overseas|total|all|other)\b", re.I)
NOT_A_COUNT = "-"


def _count_indicator(ctx: DocContext, s: Sentence, q: Quantity) -> str | None:
    """The indicator a count noun after the figure names; ``NOT_A_COUNT`` when the
    noun says the figure is something else ("5.9 days", "6.2 million foreign tourists")."""
    rx, names = count_nouns()
    if any(d.kind == "offset" and 0 <= d.start - q.end <= 2 for d in s.dates):
        return None  # "up from 1,100 five years earlier": a time, not the count's noun
    lo = max(s.start, q.start - 40)
    if _COUNT_BEFORE_GATE.search(ctx.text, lo, q.start) and _count_before().search(ctx.text, lo, q.start):
        return NOT_A_COUNT
    clause_end = s.clause_of(q.start)[1]
    m = rx.match(ctx.text, q.end, min(s.end, clause_end + 1))
    if m is not None:
        ind = names[m.lastgroup]
        if ind is None and m.group(m.lastgroup).lower() in ("people", "persons", "individuals"):
            return None  # "numbered around 150 people": the noun before says who
        if ind is None or _NOT_PAIR.search(ctx.text, q.end, m.start(m.lastgroup)):
            return NOT_A_COUNT
        spec = indicator_table()[ind]
        if spec.get("requires") and not re.search(spec["requires"], ctx.text[s.start:s.end], re.I):
            return None
        return ind
    return None


@cache
def _superseded_rx() -> tuple[re.Pattern[str], re.Pattern[str]]:
    spec = rules.load("indicators")["retracted"]
    return re.compile(spec["superseded_before"], re.I), re.compile(spec["superseded_after"], re.I)


def _superseded(text: str, q: Quantity, s: Sentence) -> bool:
    """A figure the sentence says its new figure replaces ("up from the 176,000 it
    announced earlier")."""
    before, after = _superseded_rx()
    return before.search(text, max(s.start, q.start - 30), q.start) is not None and \
        after.match(text, q.end, min(s.end, q.end + 60)) is not None


_COUNT_BEFORE_GATE = re.compile(r"delegation|mission|add|another|an additional|an extra|expansion|merger|acquisition|sale|closure", re.I)


@cache
def _count_before() -> re.Pattern[str]:
    words = "|".join(rules.load("indicators")["distractors"]["count_before"])
    return re.compile(rf"\b(?:{words})\s+(?:[\w-]+\s+)?$", re.I)


_DEMONYM_PLURAL = re.compile(r"\s+(?:of\s+(?:his|her|their)\s+)?(?=[A-Z])")


def _verb_after(ctx: DocContext, s: Sentence, q: Quantity) -> str | None:
    window = ctx.text[q.end:min(s.end, q.end + 60)]
    found = [(rx.search(window), name) for name, rx in _people_verbs().items()]
    found = [(m.start(), name) for m, name in found if m]
    return min(found)[1] if found else None


_OF_THEM = re.compile(r"\s+(?:of (?:them|those|whom)\b|of (?:his|her|their|its) (?:compatriots|citizens|nationals|countrymen)\b|"
                      r"(?:were|are|had|have)\b|(?=(?:arrived|visited|came|travell?ed|worked|studied|lived)\b))", re.I)


def _demonym_count(ctx: DocContext, s: Sentence, q: Quantity) -> str | None:
    """ "121,000 Koreans arrived", "47,000 Cambodians were working", "14,000 of them held
    work visas": the verb names the indicator."""
    gap = _DEMONYM_PLURAL.match(ctx.text, q.end, s.end)
    m = None if gap is None else next(
        (m for m in s.mentions if m.start == gap.end() and m.kind == "demonym"
         and (ctx.text[m.end - 1] == "s" or m.surface.endswith("ese"))), None)  # "Koreans", "Japanese"
    if m is not None:
        after = m.end
    else:
        them = _OF_THEM.match(ctx.text, q.end, s.end)
        if them is None:
            return None
        after = them.end()
    window = ctx.text[after:min(s.end, after + 80)]
    best, best_at = None, len(window) + 1
    for name, rx in _people_verbs().items():
        found = rx.search(window)
        if found and found.start() < best_at:
            best, best_at = name, found.start()
    if best is None and m is None:
        # "which currently employs some 48,000 of his compatriots": the verb came first
        before = ctx.text[max(s.clause_of(q.start)[0], q.start - 50):q.start]
        best = next((name for name, rx in _people_verbs().items() if rx.search(before)), None)
    return best


@cache
def _people_verbs() -> dict[str, re.Pattern[str]]:
    return {name: re.compile(r"\b(?:" + "|".join(spec["verbs"]) + r")\b", re.I)
            for name, spec in indicator_table().items() if spec.get("verbs")}


# "..., numbering 462,384", "arrivals rose 14 percent in the first quarter, to 61,300"
# A bare count whose verb says people came, continuing the sentence before.
_CAME = re.compile(r"\s+(?:came|arrived|visited|followed)\b", re.I)
_PARTICIPLE = re.compile(r"\s*(?:numbering|totall?ing|reaching|to)\b", re.I)


# "Chinese visitors to Laos: 580,000 in 2023": a label and its colon stand for the verb
_LABEL_COLON = re.compile(r"\w:\s*(?:(?:over|about|around|some|nearly|almost|roughly|more than|less than|under)\s+)?$", re.I)


def _count_indicator_before(ctx: DocContext, s: Sentence, q: Quantity, cues: list[Cue]) -> str | None:
    """ "the number of Korean tourists reached 300,000", "arrivals totalled 250,000"."""
    a, _ = s.clause_of(q.start)
    if _PARTICIPLE.match(ctx.text, a) or re.match(r"\s*(?:which|who|whose)\b", ctx.text[a:a + 8]):
        # "Vietnamese are the largest group of workers in Japan, numbering 462,384";
        # "workers in Korea, whose number reached 51,000": the people before the clause
        a = s.start
    window = ctx.text[max(a, q.start - 90):q.start]
    if not re.search(r"\b(?:reach(?:es|ed)?|totall?ed|stood at|stands at|numbered|numbering|totall?ing|reaching|"
                     r"hits?|was|were|is|are|of|at|tops?|topped|exceeded|to|from|surpassed|crossed|passed)\s+(?:\w+\s+){0,2}$",
                     window) and not (a == s.start and _LABEL_COLON.search(window) and not STATEMENT_VERB.search(ctx.text, a, q.start)):
        return None
    best = None
    for c in cues:
        if c.kind in ("indicator", "rank_role") and c.end <= q.start and q.start - c.end < 90 and c.start >= a:
            spec = indicator_table()[c.indicator]
            if spec.get("nouns"):
                best = c.indicator
            elif c.indicator not in ("economy.gdp_growth",):
                best = None
    number_of = None if best else _NUMBER_OF.search(window)
    if number_of is not None:
        # "the number of Cambodians working in Korea had passed 47,000": the verb
        # after the people counted names them
        found = [(rx.search(window, number_of.end()), name) for name, rx in _people_verbs().items()]
        best = min(((m.start(), name) for m, name in found if m), default=(0, None))[1]
    if best:
        spec = indicator_table()[best]
        if spec.get("requires") and not re.search(spec["requires"], ctx.text[s.start:s.end], re.I):
            return None
    return best


def _change_sign(q: Quantity, cues: list[Cue], s: Sentence) -> int | None:
    a, b = s.clause_of(q.start)
    c = _nearest(q, [x for x in cues if a - 60 <= x.start and x.end <= b + 40], {"up", "down"}, limit=60)
    if c is None:
        return None
    return 1 if c.kind == "up" else -1


_BASE = re.compile(r"\b(?:from|than|compared|against|versus)\b|\bon\s+(?:the\s+)?$", re.I)


_FUTURE_BEFORE = re.compile(r"\b(?:will|would|shall|to)\s+(?:\w+ly\s+)?$", re.I)
_BASE_BEFORE = re.compile(r"\b(?:from|than|against|compared (?:with|to))\s+(?:\w+\s+){0,2}$", re.I)


def _dates_a_base(text: str, d: DateExpr, q: Quantity, others: list[Quantity]) -> bool:
    """Whether ``d`` dates the base figure of a change ("to $4.6bn in 2023 from
    $5.1bn in 2022, a fall of 9.8 per cent": 2022 is the base's year)."""
    return any(x is not q and x.kind == "money" and x.end <= d.start and d.start - x.end <= 4
               and _BASE_BEFORE.search(text, max(0, x.start - 30), x.start) for x in others)


def _shift_year(d: str | None, years: int) -> str | None:
    if d is None or not d[:4].isdigit():
        return d
    return f"{int(d[:4]) + years}{d[4:]}"


def _period_for(text: str, q: Quantity, s: Sentence, measure: str,
                topic_period: Period | None = None,
                others: list[Quantity] = ()) -> tuple[Period | None, DateExpr | None]:
    period, date = _period_of(text, q, s, measure, topic_period, others)
    if measure == "level" and period is not None and (offset := next(
            (d for d in s.dates if d.kind == "offset" and 0 <= d.start - q.end <= 2), None)) is not None:
        # "308 member companies at the end of last year, against 150 a decade earlier":
        # the second figure is the sentence's time, that many years before.
        years = -int(offset.lo)
        period = Period(_shift_year(period.start, years), _shift_year(period.end, years))
    return period, date


def _period_of(text: str, q: Quantity, s: Sentence, measure: str,
               topic_period: Period | None = None,
               others: list[Quantity] = ()) -> tuple[Period | None, DateExpr | None]:
    offset = next((d for d in s.dates if d.kind == "offset"), None)
    dates = [d for d in s.dates if d.kind not in ("comparison", "offset")]
    if measure == "change_factor":
        # "climbed from 128,423 in 2004 to 329,909 in 2007, more than doubling",
        # "three times as many as a decade earlier": from the base to the figure
        # ("a fivefold jump in a single year": that year).
        years = sorted({d.lo[:4] for d in dates if d.kind == "date" and d.lo and d.lo[:4].isdigit()})
        if len(years) >= 2 and re.search(r"\bin (?:a single|one) year\b", text[s.start:s.end]):
            return Period(years[-1], years[-1]), None
        if len(years) >= 2:
            return Period(years[0], years[-1]), None
        if len(years) == 1 and offset is not None:
            return Period(str(int(years[0]) - int(offset.lo)), years[0]), None
    if measure != "level":
        # The base of a change is not its period: "the same period last year",
        # "a drop of 54 per cent from the record $2.7bn approved in 2007".
        dates = [d for d in dates if d.kind != "sameperiod" and not (
            d.start >= q.end and _BASE.search(text, q.end, d.start)) and not _dates_a_base(text, d, q, others)]
    elif changes := [x for x in others if x.kind in ("percent", "factor") and q.end <= x.start]:
        # Nor is it the period of the level before the change: "reached $322
        # million, an increase of 9.5 percent on 2022".
        dates = [d for d in dates if not any(
            x.end <= d.start and _BASE.search(text, x.end, d.start) for x in changes)]
    if not dates:
        return None, None
    qa, qb = s.clause_of(q.start)
    # "rose 16 per cent in 2024, and the agreement in force since December 2022":
    # a since-date in a later clause is another subject's.
    since = next((d for d in dates if d.kind == "since" and d.start < qb), None)

    def score(d: DateExpr) -> int:
        gap = q.start - d.end if d.end <= q.start else d.start - q.end
        same = qa <= d.start < qb or qa < d.end <= qb
        # "the same period last year" is mostly a comparison's base: last resort.
        # "$276 million, compared with $178 million in the same period of 2016": a date
        # beyond another figure of the same kind is that figure's.
        beyond = any(x is not q and x.kind == q.kind and q.end <= x.start and x.end <= d.start for x in others)
        return gap + (0 if same else 45) + (6 if d.end <= q.start else 0) + (30 if d.kind == "sameperiod" else 0) \
            + (60 if beyond else 0)

    points = [d for d in dates if d.kind in ("date", "asof", "sameperiod")]
    best = min(points, key=score) if points else None
    if best is not None and best.kind == "sameperiod":
        # "the same period last year": the sentence's own period, a year earlier.
        own = [d for d in dates if d.kind == "date"]
        base = Period(own[0].lo, own[0].hi) if own else topic_period
        if base is None or base.start is None:
            return None, None
        years = int(best.lo) - int(base.start[:4]) if best.lo else -1
        return Period(_shift_year(base.start, years), _shift_year(base.end, years)), best
    if measure in ("change_pct", "change_factor") and since is not None:
        end = best.hi if best is not None else None
        return Period(since.lo, end), since
    if best is None:
        if since is not None:
            return Period(since.lo, None), since
        return None, None
    if since is not None and qa <= since.start < qb and not (qa <= best.start < qb) and best.kind == "date":
        # "invested $1.73 billion in 2023, ..., taking the cumulative total since 2007 to $73.3 billion"
        return Period(since.lo, best.hi), since
    if measure == "rank" and best.kind == "date" and best.lo and (until := next(
            (d for d in dates if d.kind == "asof" and d.start >= best.end and _UNTIL.match(text, d.start)
             and s.clause_of(d.start) == s.clause_of(best.start)), None)) is not None:
        # "became Cambodia's largest source of visitors in 2004 and kept that position until 2008"
        return Period(best.lo, until.hi), best
    if best.kind == "asof":
        return Period(None, best.hi), best
    return Period(best.lo, best.hi), best


def _status(ctx: DocContext, s: Sentence, q: Quantity, cues: list[Cue]) -> str:
    a, b = s.clause_of(q.start)
    # Status words bind to their clause: "... reaching $890 million in 2024, with
    # projections for growth" states an actual figure.
    for c in cues:
        if c.kind in ("pledged", "target", "projected") and a <= c.start and c.end <= b:
            return c.kind
    # A verb phrase before the figure in the sentence's main clause ("Korea
    # pledged to provide, over five years, $X").
    for c in cues:
        if c.kind in ("pledged", "target", "projected") and s.start <= c.start < q.start \
                and q.start - c.end < 60:
            return c.kind
    return "actual"


def _committed(ctx: DocContext, s: Sentence, q: Quantity, spec: dict) -> bool:
    """Whether a donor's sum is told as committed by its sentence (a signing or an
    approval anywhere in it) and not as paid out in its own clause."""
    committed, paid_out = _indicator_patterns(spec["committed"], spec["paid_out"])
    signed = committed.search(ctx.text, s.start, s.end)
    # from the figure's clause on: "US$ 7.9 million, or 93% of the commitment, had been disbursed"
    return bool(signed) and not paid_out.search(ctx.text, s.clause_of(q.start)[0], s.end)


@cache
def _indicator_patterns(*patterns: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.I) for p in patterns)


def _scope(ctx: DocContext, s: Sentence, q: Quantity, cues: list[Cue], measure: str,
           period: Period | None, date: DateExpr | None, indicator: str) -> str:
    if measure in ("rank",) or q.kind == "number":
        return "point"
    if measure != "level":
        return "flow"
    cumulative = any(c.kind == "cumulative" for c in cues)
    if date is not None and date.kind in ("asof", "since"):
        return "cumulative"
    multi_year = period is not None and period.start and period.end and period.start[:4] != period.end[:4]
    if cumulative and (period is None or multi_year):
        return "cumulative"
    if indicator in ("investment.fdi", "aid.oda") and period is None:
        return "cumulative"
    return "flow"


_UNTIL = re.compile(r"(?:until|till|through)\b", re.I)
_YEAR_EARLIER = re.compile(r"\s*(?:A year (?:earlier|before)|The (?:year|previous year) before|In the previous year)\b", re.I)
_NUMBER_OF = re.compile(r"\bthe number of\b", re.I)
_THE_NUMBER = re.compile(r"\bthe (?:figure|number|total|tally|count)\b")
# "121,000 Koreans arrived ..., against roughly 181,000 in the same period last year"
_BASE_COUNT = re.compile(r"\b(?:against|compared (?:with|to)|versus|vs\.?|from|than)\s+(?:\w+\s+){0,2}$", re.I)
# "\brespectively\b", case aside, written to begin with a class re skips to.
_RESPECTIVELY = re.compile(r"[Rr](?<!\w.)(?i:espectively)\b")
_ANAPHOR = re.compile(r"(?:The|That|This) (?:figure|number|total|tally|count|level)\b|(?:It|They|This|That) ")


@cache
def _people_after_number() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """A count's end (a digit, a number word or a scale word) followed by the
    demonym (``_DEMONYM_PLURAL``, up to the demonym); where the words after a
    count (``_OF_THEM``) may be, and a count's end just before them: what lets
    ``_demonym_count`` name the people counted."""
    words = sorted([*rules.load("quantities")["number_words"], "million", "thousand", "billion", "hundred"],
                   key=len, reverse=True)
    end = rf"(?:\d|\b(?:{'|'.join(words)}))"
    # (written to begin with one class, which re skips to)
    assert _OF_THEM.pattern.startswith(r"\s+")
    after = re.compile(r"\s\s*" + _OF_THEM.pattern[len(r"\s+"):], re.I)
    return (re.compile(rf"{end}\s+(?:of\s+(?:his|her|their)\s+)?\Z", re.I), re.compile(end + r"\Z", re.I), after)


# The longest number or scale word, with a character before it.
_COUNT_WORD = 12


def _may_count(text: str, s: Sentence) -> bool:
    """Whether a count of ``s`` could be named by the sentence itself (not by a
    cue, nor by the topic before it): a count noun, or the people after a count."""
    demonym, count_end, after = _people_after_number()
    for m in s.mentions:
        if m.kind == "demonym" and (text[m.end - 1] == "s" or m.surface.endswith("ese")) \
                and (demonym.search(text, s.start, m.start) or _NUMBER_OF.search(text, max(s.start, m.start - 20), m.start)):
            return True
    if count_noun_index().search(text, s.start, s.end):
        return True
    return any(count_end.search(text, max(s.start, m.start() - _COUNT_WORD), m.start())
               for m in after.finditer(text, s.start, s.end))


_OF_AFTER = re.compile(r"\s+of\b")
# "270,000 Vietnamese live in Korea, among them some 23,000 students": a part of the group just counted
_AMONG_THEM = re.compile(r"\b(?:among|including|of) (?:them|whom|these)\s+(?:\w+\s+){0,2}$", re.I)
_GROWTH = re.compile(r"\b(?:grew|grow|grows|growing|growth|expand\w*|contract\w*|shr[iau]nk\w*)\b", re.I)


def extract_claims(ctx: DocContext, s: Sentence, topic: Topic | None) -> tuple[list[Claim], Topic | None]:
    text = ctx.text
    same_topic = topic is not None and (topic.sentence == s.index - 1) and topic.paragraph >= s.paragraph - 1
    cues = find_cues(text, s.start, s.end)
    # Every indicator comes from a naming cue, a count noun, the people after a
    # count, or the topic: without any of them, no figure is worth parsing
    # (many sentences have figures that are only dates, days and years).
    if not same_topic and not any(c.kind in NAMING for c in cues) and not _may_count(text, s):
        return [], None
    quantities = find_quantities(text, s.start, s.end)
    # (a replaced figure follows "the": a string test before any pattern)
    quantities = [q for q in quantities if not (text.startswith("the ", q.start - 4) and _superseded(text, q, s))]
    if not quantities:
        return [], _setting(s, cues)
    table = indicator_table()
    money_inds = _money_indicators()
    claims: list[Claim] = []
    last: Topic | None = None

    # "exports and imports were $X and $Y respectively": the n-th cue names the n-th figure.
    listed: dict[int, Cue] = {}
    regions: dict[int, tuple[int, int]] = {}
    listed_dates: dict[int, DateExpr] = {}
    if _RESPECTIVELY.search(text, s.start, s.end):
        # "6.1 per cent and 6.2 per cent in 2025 and 2026 respectively": the n-th
        # date of a list after the figures dates the n-th figure.
        for kind in ("money", "percent", "number"):
            figs = [q for q in quantities if q.kind == kind and not any(d.start <= q.start < d.end for d in s.dates)]
            after = [d for d in s.dates if d.kind == "date" and figs and d.start > figs[-1].end]
            if len(figs) >= 2 and len(after) == len(figs):
                listed_dates.update({id(q): d for q, d in zip(figs, after, strict=True)})
        # Each kind of figure is its own list: "exports and imports were $X and
        # $Y, up 8.4 per cent and 22 per cent respectively".
        for kind in ("money", "percent", "number"):
            listed_kind = [q for q in quantities if q.kind == kind]
            if len(listed_kind) < 2:
                continue
            first = listed_kind[0].start
            named = [c for c in cues if c.kind in ("indicator", "reverse") and c.end <= first]
            if len(named) < 2:
                continue
            for i, (q, c) in enumerate(zip(listed_kind, named, strict=False)):
                listed[id(q)] = c
                # Each listed cue owns the words up to the next one ("Cambodian
                # exports to Korea and imports from Korea were $X and $Y").
                end = named[i + 1].start if i + 1 < len(named) else first
                regions[id(q)] = (s.start if i == 0 else c.start, end)
    uncued = 0
    counted: list[tuple[str, str | None, str | None]] = []  # the counts this sentence stated
    money_ind: str | None = None  # the indicator of the sentence's last money figure
    # "The figure almost tripled in 2023 to 177,600": the subject is the topic.
    anaphoric = same_topic and topic.indicator is not None and (
        _ANAPHOR.match(text, s.start) is not None or _THE_NUMBER.search(text, s.start, min(s.end, s.start + 40)))
    for q in quantities:
        measure = "level"
        value, low, high, unit = q.value, q.low, q.high, q.unit
        indicator: str | None = None
        cue: Cue | None = listed.get(id(q))
        inherited = False
        base_of = None
        own_level: Claim | None = None
        if q.kind == "money":
            if cue is None:
                # A cue after this figure that leads into the next figure is that
                # one's: "exports amounted to $748m and imports to $302m".
                following = [x for x in quantities if x.kind == "money" and x.start > q.end]
                own = [c for c in cues if c.start < q.start or not any(
                    c.end <= x.start and x.start - c.end < 40 for x in following)]
                cue = _nearest(q, own, {"indicator", "reverse", "distractor"}, money_inds,
                               clause=s.clause_of(q.start))
                leading = [c for c in cues if c not in own and c.start > q.end and c.kind in ("indicator", "reverse")]
                if leading and id(q) not in regions:
                    # "Korean exports to Cambodia amounted to $748m and imports from
                    # Cambodia to $302m": each figure's parties are named before the
                    # cue that leads into the next figure.
                    nxt = next(x for x in following if x.start > leading[0].start)
                    # (up to the clause that leads into the next figure: "$5.1 billion, while
                    # Cambodia's total trade reached $23.6 billion" names no party of the first)
                    lead_clause = s.clause_of(leading[0].start)[0]
                    first_end = lead_clause if q.end <= lead_clause < leading[0].start else leading[0].start
                    for x, span in ((q, (s.start if cue is None or cue.start >= q.start else
                                         min(cue.start, s.clause_of(q.start)[0]), first_end)),
                                    (nxt, (leading[0].start, s.clause_of(nxt.start)[1]))):
                        if any(span[0] <= m.start < span[1] for m in s.mentions):
                            regions[id(x)] = span
            if cue is not None and cue.kind == "distractor":
                continue
            if cue is not None and cue.indicator in money_inds:
                indicator = cue.indicator
            elif money_ind is not None and not (same_topic and topic.sequence and len(topic.sequence) > 1):
                indicator = money_ind  # "..., taking the cumulative total since 2007 to $73.3 billion"
            elif same_topic and topic.sequence and uncued < len(topic.sequence):
                ind, rev, f, t = topic.sequence[uncued]
                uncued += 1
                indicator, inherited = ind, True
                cue = Cue(q.start, q.start, "reverse" if rev else "indicator", ind)
            elif same_topic and topic.indicator in money_inds:
                indicator, inherited = topic.indicator, True
        elif q.kind in ("percent", "fraction"):
            if q.kind == "percent" and _OF_AFTER.match(text[q.end:q.end + 6]):
                continue  # "36% of Brazil's sales": a share, not a change
            sign = _change_sign(q, cues, s)
            # (a cue after the figure that leads into the next figure is that one's:
            # "exports climbed to $104bn, up 16.5%, while imports slipped to $53bn")
            own = [c for c in cues if c.start < q.start or not any(
                x.start > q.end and c.end <= x.start and x.start - c.end < 40 for x in quantities)]
            near = cue or _nearest(q, own, {"indicator", "reverse", "distractor"}, clause=s.clause_of(q.start))
            if near is not None and near.kind == "distractor" and (_distance(q, near) < 12 or (
                    _distance(q, near) < 40 and (s.clause_of(near.start) == s.clause_of(q.start) or near.end <= q.start))):
                # "30 per cent of", "a share of", "the Selic rate ending the year at 11.75%";
                # "2.13 million foreign visitors in 2008, up 5.5 per cent": all visitors' change
                continue
            if near is not None and near.kind != "distractor" and table[near.indicator].get("percent_level") \
                    and _distance(q, near) < 80:
                indicator, cue = near.indicator, near
                if sign is not None and _GROWTH.search(text[s.start:s.end]) is None:
                    continue
                if sign == -1 and q.value is not None and re.search(
                        r"\b(?:contract\w*|shr[iau]nk\w*|negative)\b", text[s.start:s.end], re.I):
                    value = -q.value  # the economy itself shrank
            elif sign is None and same_topic and topic.indicator and \
                    table[topic.indicator].get("percent_level") and (near is None or near.kind == "distractor"):
                indicator, inherited = topic.indicator, True  # "It projected 6.1 per cent for 2025"
            elif sign is not None and same_topic and topic.indicator and \
                    table[topic.indicator].get("percent_level") and (near is None or near.kind == "distractor"
                                                                       or _distance(q, near) > 60):
                indicator, inherited = topic.indicator, True  # "projected expansion of 6.1 per cent"
            elif sign is not None:
                measure = "change_pct"
                value = q.value * sign if q.value is not None else None
                if q.low is not None:
                    low, high = sorted((q.low * sign, q.high * sign))
                unit = "percent"
                if near is not None and near.kind != "distractor":
                    indicator, cue = near.indicator, near
                elif own_level := next((c for c in claims if c.measure == "level"
                                        and not table[c.indicator].get("percent_level")), None):
                    # "exports declined to $12.2bn in 2022-23 from $16.2bn in 2021-22, a
                    # fall of 24.5 per cent": the change of the sentence's own figure
                    indicator = own_level.indicator
                elif same_topic and topic.indicator:
                    indicator, inherited = topic.indicator, True
            else:
                continue
        elif q.kind == "factor":
            measure = "change_factor"
            near = _nearest(q, cues, {"indicator", "reverse"})
            other = _nearest(q, cues, {"indicator", "reverse", "distractor"}, limit=60)
            if other is not None and other.kind == "distractor" and other.end <= q.start and (
                    near is None or near.end <= other.start):
                continue  # "Korea's total aid budget, about 3.2 trillion won, has doubled": not aid to a country
            if anaphoric and (near is None or near.start > q.start):
                indicator, inherited = topic.indicator, True
            elif near is not None:
                indicator, cue = near.indicator, near
            elif same_topic and topic.indicator:
                indicator, inherited = topic.indicator, True
        elif q.kind == "rank":
            measure, unit = "rank", "rank"
            a, b = s.clause_of(q.start)
            role = next((c for c in cues if c.kind in ("rank_role", "reverse_rank_role")
                         and q.end <= c.start <= q.end + 45), None)
            if role is None and q.role == "bare":
                # "Korean investors, who rank second only to China", "it ranked second
                # behind China" after "the top investor": the role named just before,
                # or anywhere in the sentence, or the topic's indicator.
                roles = [c for c in cues if c.kind in ("rank_role", "reverse_rank_role", "indicator")
                         and c.end <= q.start and q.start - c.end <= 60]
                role = roles[-1] if roles else next(
                    (c for c in cues if c.kind in ("rank_role", "reverse_rank_role")), None)
                if role is None and same_topic and topic.indicator:
                    indicator, inherited = topic.indicator, True
            if role is not None:
                indicator, cue = role.indicator, role
            elif not inherited:
                continue
        elif q.kind == "number":
            after = _count_indicator(ctx, s, q)
            if q.value is None or after == NOT_A_COUNT or (
                    1800 <= q.value <= 2100 and "," not in text[q.start:q.end] and not after):
                continue
            if any(d.start <= q.start < d.end for d in s.dates):
                continue  # "from 19 to 22 November": days, not a count
            if after == "people.residents":
                # "280,000 Lao nationals held Thai work permits": the verb says workers
                verb = _demonym_count(ctx, s, q) or _verb_after(ctx, s, q)
                after = verb if verb in ("people.workers", "people.students") else after
            indicator = after or _demonym_count(ctx, s, q)
            if indicator is not None and not after and same_topic and _OF_THEM.match(text, q.end):
                inherited = True  # "14,000 of them held work visas": the group just counted
            if indicator is None and anaphoric and indicator_table()[topic.indicator].get("nouns"):
                indicator, inherited = topic.indicator, True
            elif indicator is None and same_topic and topic.indicator and \
                    indicator_table()[topic.indicator].get("people") and _CAME.match(text, q.end, s.end):
                indicator, inherited = topic.indicator, True  # "256,000 Korean visitors in 2019. Last year about 181,000 came"
            elif indicator is None and counted and _BASE_COUNT.search(text, max(s.start, q.start - 40), q.start):
                indicator, base_of = counted[-1][0], counted[-1]
            q.role = "noun_after"
            if indicator is None:
                indicator = _count_indicator_before(ctx, s, q, cues)
                q.role = "noun_before"
            if indicator is None:
                continue
            unit = "count"
        if indicator is None:
            continue
        spec = table[indicator]
        if q.kind == "money" and not spec.get("money"):
            continue

        period, date = _period_for(text, q, s, measure, topic.period if same_topic else None, quantities)
        if own_level is not None:
            period = own_level.period
        if id(q) in listed_dates:
            date = listed_dates[id(q)]
            period = Period(date.lo, date.hi)
        if period is None and same_topic and topic.period is not None and (
                inherited or (topic.indicator and table[topic.indicator].get("family") == spec.get("family"))):
            period = topic.period
            if _YEAR_EARLIER.match(text, s.start):
                # "A year earlier, bilateral trade had peaked at $18.1 billion": the topic's period, shifted
                period = Period(_shift_year(period.start, -1), _shift_year(period.end, -1))
        if measure == "change_pct" and period is not None and period.end and period.end[:4].isdigit():
            base = next((d for d in s.dates if d.kind == "date" and d.lo and d.start >= q.end
                         and _BASE.search(text, q.end, d.start) and d.lo[:4].isdigit()), None)
            if base is not None and int(base.lo[:4]) < int(period.end[:4]) - 1:
                # "down by a third from their peak of 435,009 in 2013": since the peak
                period = Period(base.lo[:4], period.end)
        reverse = cue is not None and cue.kind in ("reverse", "reverse_rank_role")
        from_, to = resolve_direction(ctx, s, q, indicator, reverse=reverse, cue=cue,
                                      quantities=quantities, region=regions.get(id(q)))
        if from_ is None and same_topic:
            from_, to = topic.direction(indicator, reverse, (from_, to), inherited=inherited, uncued=uncued,
                                        symmetric=bool(spec.get("symmetric")))
        if from_ is None and to is None and not spec.get("symmetric") and not spec.get("one_country"):
            if (indicator, reverse) in ctx.directions:
                from_, to = ctx.directions[(indicator, reverse)]
            elif (indicator, not reverse) in ctx.directions:  # "imports from it": the other way
                to, from_ = ctx.directions[(indicator, not reverse)]
        if own_level is not None:
            from_, to = own_level.from_, own_level.to
        if base_of is not None:
            from_, to = base_of[1], base_of[2]
        elif q.kind == "number" and counted and (_OF_THEM.match(text, q.end) or _AMONG_THEM.search(
                text, max(s.start, q.start - 30), q.start)):
            from_, to = counted[-1][1], counted[-1][2]  # "322,046 Filipinos lived in Japan, while 226,846 were employed"
        elif q.kind == "number" and _OF_THEM.match(text, q.end) and same_topic and topic.from_ and \
                table[topic.indicator].get("people"):
            from_, to = topic.from_, topic.to  # "14,000 of them held work visas"
        if measure == "rank" and inherited and topic.from_ and {from_, to} == {topic.from_, topic.to}:
            from_, to = topic.from_, topic.to  # "Korea slipped to second place": as a source, as before
        if spec.get("one_country"):
            to = None
            if from_ is None:
                continue
        elif from_ is None or to is None or from_ == to:
            continue
        status = _status(ctx, s, q, cues)
        if q.kind == "factor" and spec.get("future") and \
                (will := _FUTURE_BEFORE.search(text, max(s.start, q.start - 20), q.start)):
            # "Korea to double soft loans to Cambodia": a donor's commitment; "a sum
            # that would roughly double the pace of lending": a projection
            status = "projected" if will.group(0).lower().startswith("would") else \
                spec["future"] if status == "actual" else status
        if status == "actual" and measure == "level" and spec.get("committed") and _committed(ctx, s, q, spec):
            status = spec["future"]
        if status in ("target", "projected") and date is not None and date.kind == "asof":
            period = Period(date.hi, date.hi)  # "10,000 workers a year by 2020": the target year
        if period is not None and period.start and period.end is None and date is not None and \
                measure != "level" and date.kind == "since" and same_topic and topic.period is not None and topic.period.end:
            # "trade has grown twentyfold since 1997", after a sentence on 2018: to 2018.
            period = Period(period.start, topic.period.end)
        if status == "projected" and period is not None and period.end and ctx.published is not None and \
                period.end[:4].isdigit() and int(period.end[:4]) < ctx.published.year:
            status = "actual"  # "expects a contraction this year after growth of 6.7 per cent in 2008"
        if status == "actual" and measure == "level" and period is not None and period.end and \
                ctx.published is not None and period.end[:4].isdigit() and int(period.end[:4]) > ctx.published.year:
            # Years still to come have no actual figure: "up to $2 billion for 2024-2028" in 2025.
            status = spec.get("future", "projected")
        scope = _scope(ctx, s, q, cues, measure, period, date, indicator)
        claims.append(Claim(
            doc=ctx.doc, indicator=indicator, measure=measure, value=value, low=low, high=high,
            unit=unit, evidence=Evidence(s.start, s.end, text[s.start:s.end]), period=period,
            scope=scope, from_=from_, to=to, status=status, approx=q.approx,
            attributed_to=attribution(text, s),
        ))
        if unit == "count":
            counted.append((indicator, from_, to))
        if q.kind == "money":
            money_ind = indicator
        if to is not None:
            ctx.directions[(indicator, reverse)] = (from_, to)
        if last is None:
            last = Topic(s.index, s.paragraph, indicator, period, from_, to, {}, [])
        last.directions.setdefault((indicator, reverse), (from_, to))
        if q.kind == "money":
            last.sequence.append((indicator, reverse, from_, to))
    if not claims:
        return [], _setting(s, cues)
    return claims, last


def _setting(s: Sentence, cues: list[Cue]) -> Topic | None:
    """A sentence with no figure that names an indicator and one period sets
    the topic of the next: "Brazil's trade with China hit a record in 2023.
    Exports climbed to $104.3 billion" (the spec's "sentence before it that
    sets the topic")."""
    named = next((c for c in cues if c.kind in ("indicator", "reverse")), None)
    if named is None:
        return None
    dates = [d for d in s.dates if d.kind != "comparison"]
    if len(dates) != 1 or dates[0].kind != "date" or not (dates[0].lo and dates[0].hi):
        return None
    return Topic(s.index, s.paragraph, named.indicator, Period(dates[0].lo, dates[0].hi), None, None)


_ATTRIBUTION = re.compile(
    r"\b(?:according to|data (?:from|by)|figures (?:from|by)|statistics (?:from|by)|reported by|released by|compiled by|cited by)\s+"
    r"(?:(?:data|figures|statistics|a report) (?:from|by|of)\s+)?(?:the\s+)?(?P<org>(?:[A-Z][\w&'’.-]*|of|and|for|the|on)(?:\s+(?:[A-Z][\w&'’.-]*|of|and|for|the|on))*)"
)


def attribution(text: str, s: Sentence) -> str | None:
    """The statistics source a sentence names ("according to the General Department of Customs")."""
    # (most sentences name none: the index settles them without the pattern's scan)
    m = _ATTRIBUTION.search(text, s.start, s.end) if index_of(_ATTRIBUTION).search(text, s.start, s.end) else None
    if not m:
        return None
    org = re.sub(r"\s+(?:of|and|for|the|on)$", "", m.group("org").strip().rstrip(".,;:"))
    return org if org and org[0].isupper() else None
