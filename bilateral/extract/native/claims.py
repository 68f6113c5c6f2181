"""Claims in Korean and Khmer sentences: the English pipeline's rules over the
language's quantities, cues and roles.

Each figure is tied to the nearest cue that can take it (money to trade,
investment or aid; a percentage to a change verb and its indicator; a count
to the noun it counts, which these languages write before the number:
"관광객 20만명", "ភ្ញៀវទេសចរ ២៥០.០០០ នាក់"). Period, status and scope are
decided by the English pipeline's own functions; a figure whose sentence
names no indicator or period takes them from the sentence before.
"""

from __future__ import annotations

import re
from functools import cache

from ...model import Claim, Evidence, Period
from ..claims import Topic, _change_sign, _distance, _period_for, _scope, _status
from ..context import DocContext, Sentence
from ..context import clauses as english_clauses
from ..cues import Cue, indicator_table
from ..quantities import Quantity
from .cues import find_cues, find_nouns
from .direction import resolve_direction
from .language import Language
from .lexicon import alternation

_MAX_NOUN_GAP = 70
_MAX_CUE_DISTANCE = 140


@cache
def _extras(lang: Language) -> dict[str, re.Pattern[str] | None]:
    t = lang.table("indicators")
    pre = t.get("prefilter", {})
    return {
        "respectively": re.compile(alternation(t.get("respectively", {}).get("words", [])) or "(?!)"),
        "anaphora": re.compile(alternation(t.get("anaphora", {}).get("starts", [])) or "(?!)"),
        "source": re.compile(t["sources"]["pattern"]) if t.get("sources") else None,
        "number_words": re.compile(pre["number_words"]) if pre.get("number_words") else None,
        "one_country": re.compile(pre["one_country"]) if pre.get("one_country") else None,
        "clauses": re.compile(t.get("clauses", {}).get("breaks", r"[,;:()\[\]—]")),
        "contraction": re.compile(t.get("contraction", {}).get("pattern", "(?!)")),
        "counted": re.compile(t.get("counted", {}).get("before", "(?!)") + "$"),
    }


def has_number_word(lang: Language, text: str, start: int, end: int) -> bool:
    rx = _extras(lang)["number_words"]
    return rx is not None and rx.search(text, start, end) is not None


def names_pair_or_economy(lang: Language, text: str, start: int, end: int) -> bool:
    rx = _extras(lang)["one_country"]
    return rx is not None and rx.search(text, start, end) is not None


def clauses(lang: Language, text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Clause spans of a sentence, split at the language's clause marks."""
    return english_clauses(text, start, end, _extras(lang)["clauses"])


def _money_indicators() -> set[str]:
    return {n for n, s in indicator_table().items() if s.get("money")}


def _count_indicator(lang: Language, ctx: DocContext, s: Sentence, q: Quantity,
                     nouns: list[tuple[int, int, str | None]]) -> str | None:
    """The indicator the noun of a count names: the nearest before it in its
    clause ("한국 기업 200여 개"), or right after it ("20만명의 관광객")."""
    a, b = s.clause_of(q.start)
    best, gap = None, _MAX_NOUN_GAP + 1
    for start, end, ind in nouns:
        if end <= q.start:
            d = q.start - end + (0 if a <= start else 20)  # "재캄 교민: 약 1만 2천 명"
            if a <= start and d > 40:
                continue
        elif q.end <= start < b and (start <= q.end + 4 or ctx.text.startswith("의 ", q.end) and start <= q.end + 14):
            d = start - q.end  # "20만명의 관광객", "9600명의 캄보디아 근로자"
        else:
            continue
        if d < gap:
            best, gap = (start, ind), d
    if best is None:
        return None
    ind = best[1]
    if ind is None:
        return "-"
    spec = lang.table("indicators")["indicator"][ind]
    if q.role is not None and spec.get("classifiers") and q.role not in spec["classifiers"]:
        return None
    if spec.get("requires") and not re.search(spec["requires"], ctx.text[s.start:s.end]):
        return None
    return ind


def _demonym_count(lang: Language, ctx: DocContext, s: Sentence, q: Quantity) -> str | None:
    """ "한국인 20만명이 캄보디아를 찾았다": a demonym next to the count, and the
    verb that says what they do."""
    if q.role not in (None, "people"):
        return None
    near = [m for m in s.mentions if m.kind == "demonym" and (0 <= q.start - m.end <= 6 or 0 <= m.start - q.end <= 6)]
    if not near:
        return None
    a, b = s.clause_of(q.start)
    best, best_gap = None, 1 << 30
    for name, spec in lang.table("indicators")["indicator"].items():
        for verb in spec.get("verbs", []):
            for found in re.finditer(verb, ctx.text[a:b]):
                at = a + found.start()
                gap = at - q.end if at >= q.end else q.start - at + 10  # after the count first
                if gap < best_gap:
                    best, best_gap = name, gap
    return best


def _nearest(lang: Language, q: Quantity, cues: list[Cue], kinds: set[str], indicators: set[str] | None,
             clause: tuple[int, int]) -> Cue | None:
    """The cue that names a figure: the nearest, in its clause before another;
    a cue after the figure counts ``after_penalty`` more (Korean and Khmer name
    the subject first: "교역(2024년): 총 9억달러(수출 ...)")."""
    after = lang.table("indicators").get("cue", {}).get("after_penalty", 4)
    best, best_d = None, _MAX_CUE_DISTANCE + 1
    for c in cues:
        if c.kind not in kinds or (indicators is not None and c.indicator is not None and c.indicator not in indicators):
            continue
        d = q.start - c.end if c.end <= q.start else max(c.start - q.end, 0) + after
        d += 0 if clause[0] <= c.start < clause[1] else 40
        if d < best_d:
            best, best_d = c, d
    return best


def extract_claims(lang: Language, ctx: DocContext, original: str, s: Sentence,
                   topic: Topic | None) -> tuple[list[Claim], Topic | None]:
    text = ctx.text
    quantities = lang.find_quantities(text, s.start, s.end)
    if not quantities:
        return [], None
    cues = find_cues(lang, text, s.start, s.end)
    table = indicator_table()
    native = lang.table("indicators")["indicator"]
    money_inds = _money_indicators()
    extras = _extras(lang)
    claims: list[Claim] = []
    last: Topic | None = None
    same_topic = topic is not None and topic.sentence == s.index - 1 and topic.paragraph >= s.paragraph - 1

    # "수출과 수입은 각각 2억달러와 4억달러": the n-th cue names the n-th figure.
    listed: dict[int, Cue] = {}
    spans: dict[int, tuple[int, int]] = {}
    if extras["respectively"].search(text, s.start, s.end):
        for kind in ("money", "percent", "number"):
            of_kind = [q for q in quantities if q.kind == kind]
            if len(of_kind) < 2:
                continue
            named = [c for c in cues if c.kind in ("indicator", "reverse") and c.end <= of_kind[0].start]
            if len(named) < 2:
                continue
            for i, (q, c) in enumerate(zip(of_kind, named, strict=False)):
                listed[id(q)] = c
                spans[id(q)] = (s.start if i == 0 else c.start,
                                named[i + 1].start if i + 1 < len(named) else of_kind[0].start)
    anaphoric = same_topic and topic.indicator is not None and extras["anaphora"].match(text, s.start) is not None
    nouns = find_nouns(lang, text, s.start, s.end) if any(q.kind == "number" for q in quantities) else []
    uncued = 0
    for q in quantities:
        measure = "level"
        value, low, high, unit = q.value, q.low, q.high, q.unit
        indicator: str | None = None
        cue: Cue | None = listed.get(id(q))
        inherited = False
        if q.kind == "money":
            if cue is None:
                cue = _nearest(lang, q, cues, {"indicator", "reverse", "distractor"}, money_inds,
                               s.clause_of(q.start))
            if cue is not None and cue.kind == "distractor":
                continue
            if cue is not None and cue.indicator in money_inds:
                indicator = cue.indicator
            elif same_topic and topic.sequence and uncued < len(topic.sequence):
                ind, rev, _, _ = topic.sequence[uncued]
                uncued += 1
                indicator, inherited = ind, True
                cue = Cue(q.start, q.start, "reverse" if rev else "indicator", ind)
            elif same_topic and topic.indicator in money_inds:
                indicator, inherited = topic.indicator, True
        elif q.kind == "percent":
            sign = _change_sign(q, cues, s)
            near = cue or _nearest(lang, q, cues, {"indicator", "reverse", "distractor"}, None, s.clause_of(q.start))
            if near is not None and near.kind == "distractor" and _distance(q, near) < 16:
                continue  # "비중 12%": a share, not a change
            if near is not None and near.kind != "distractor" and table[near.indicator].get("percent_level") \
                    and _distance(q, near) < 80:
                indicator, cue = near.indicator, near
                if sign == -1 and q.value is not None and extras["contraction"].search(text, s.start, s.end):
                    value = -q.value  # the economy itself shrank
            elif sign is None and same_topic and topic.indicator and table[topic.indicator].get("percent_level"):
                indicator, inherited = topic.indicator, True
            elif sign is not None:
                measure = "change_pct"
                value = q.value * sign if q.value is not None else None
                if q.low is not None:
                    low, high = sorted((q.low * sign, q.high * sign))
                if near is not None and near.kind != "distractor":
                    indicator, cue = near.indicator, near
                elif same_topic and topic.indicator:
                    indicator, inherited = topic.indicator, True
            else:
                continue
        elif q.kind == "factor":
            measure = "change_factor"
            near = _nearest(lang, q, cues, {"indicator", "reverse"}, None, s.clause_of(q.start))
            if anaphoric and (near is None or near.start > q.start):
                indicator, inherited = topic.indicator, True
            elif near is not None:
                indicator, cue = near.indicator, near
            elif same_topic and topic.indicator:
                indicator, inherited = topic.indicator, True
        elif q.kind == "rank":
            measure, unit = "rank", "rank"
            role = _rank_role(lang, text, q, cues)
            if role is None:
                continue
            indicator, cue = role.indicator, role
        elif q.kind == "number":
            if q.value is None or (q.role is None and 1800 <= q.value <= 2100) or \
                    any(d.start <= q.start < d.end for d in s.dates):
                continue  # a year, or the day of a date ("ថ្ងៃទី១៥")
            found = _count_indicator(lang, ctx, s, q, nouns)
            if found == "-":
                continue
            indicator = found or _demonym_count(lang, ctx, s, q)
            if indicator is None and same_topic and topic.indicator and native.get(topic.indicator, {}).get("nouns") \
                    and q.role in native[topic.indicator].get("classifiers", [q.role]):
                # Korean and Khmer leave out a subject the sentence before named:
                # "2023년에는 17만7600명으로 세 배 가까이 늘었다".
                indicator, inherited = topic.indicator, True
            if indicator is None:
                continue
            unit = "count"
        if indicator is None:
            continue
        spec = table[indicator]
        if q.kind == "money" and not spec.get("money"):
            continue

        period, date = _period_for(text, q, s, measure, topic.period if same_topic else None)
        if period is None and same_topic and topic.period is not None and (
                inherited or (topic.indicator and table[topic.indicator].get("family") == spec.get("family"))):
            period = topic.period
        reverse = cue is not None and cue.kind in ("reverse", "reverse_rank_role")
        from_, to = resolve_direction(lang, ctx, s, q, indicator, reverse=reverse, cue=cue,
                                      quantities=quantities, span=spans.get(id(q)))
        if from_ is None and same_topic:
            from_, to = topic.direction(indicator, reverse, (from_, to), inherited=inherited, uncued=uncued,
                                        symmetric=bool(spec.get("symmetric")))
        if spec.get("one_country"):
            to = None
            if from_ is None:
                continue
        elif from_ is None or to is None or from_ == to:
            continue
        status = _status(ctx, s, q, cues)
        if status == "target" and date is not None and date.kind == "asof":
            period = Period(date.hi, date.hi)
        if status == "target":
            status = lang.table("indicators")["indicator"].get(indicator, {}).get("target_status", "target")
        if measure == "change_factor" and status == "pledged":
            status = "actual"
        scope = _scope(ctx, s, q, cues, measure, period, date, indicator)
        claims.append(Claim(
            doc=ctx.doc, indicator=indicator, measure=measure, value=value, low=low, high=high,
            unit=unit, evidence=Evidence(s.start, s.end, original[s.start:s.end]), period=period,
            scope=scope, from_=from_, to=to, status=status, approx=q.approx,
            attributed_to=_source(lang, text, s),
        ))
        if last is None:
            last = Topic(s.index, s.paragraph, indicator, period, from_, to, {}, [])
        last.directions.setdefault((indicator, reverse), (from_, to))
        if q.kind == "money":
            last.sequence.append((indicator, reverse, from_, to))
    return claims, last


def _rank_role(lang: Language, text: str, q: Quantity, cues: list[Cue]) -> Cue | None:
    """The role a rank names: Korean writes it after ("2위 투자국"), Khmer before
    ("ប្រទេសវិនិយោគធំជាងគេទី២")."""
    t = lang.table("indicators").get("rank", {})
    roles = [c for c in cues if c.kind in ("rank_role", "reverse_rank_role")]
    if t.get("role_side", "after") == "after":
        role = next((c for c in roles if q.end <= c.start <= q.end + 12), None)
        if role is not None and t.get("not_after") and re.match(t["not_after"], text[role.end:role.end + 12]):
            return None  # "최대 공여국 가운데 하나": one of the largest, no rank
        if t.get("not_before") and re.search(t["not_before"], text[max(0, q.start - 6):q.start]):
            return None  # "사상 최대": a record, no rank
        if role is None:
            # "관광객은 약 28만명으로 국가별 1위였다": the indicator named before it.
            role = next((c for c in reversed(cues) if c.kind == "indicator" and c.end <= q.start
                         and q.start - c.end <= 40), None)
        return role
    return next((c for c in reversed(roles) if c.end <= q.start and q.start - c.end <= 16), None)


def _source(lang: Language, text: str, s: Sentence) -> str | None:
    rx = _extras(lang)["source"]
    if rx is None:
        return None
    m = rx.search(text, s.start, s.end)
    return m.group("org").strip() if m else None
