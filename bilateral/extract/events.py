"""Events: relations established, severed, restored; visits, summits,
meetings, agreements, partnership upgrades, missions and envoys.

A trigger phrase from ``rules/events.toml`` reports an event; its date is the
date expression nearest the trigger (a background fact keeps its own year,
never the publication date); direction and actors come from the words around
it. A document reports an event once: a later mention of the same event is
not a new report.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from ..model import Event, Evidence
from . import countries, rules
from .context import DocContext, Sentence
from .dates import MONTHS, DateExpr, parse_published
from .direction import mention_role, other_country
from .scan import PatternIndex
from .sentences import is_bullet


@dataclass(frozen=True, slots=True)
class _Type:
    name: str
    requires: re.Pattern[str] | None
    actor: re.Pattern[str] | None
    direction: str


def _triggers(spec: dict) -> list[str]:
    return sorted(spec["triggers"], key=len, reverse=True)


@cache
def _types() -> list[_Type]:
    table = rules.load("events")
    out = []
    for name, spec in table["event"].items():
        out.append(_Type(
            name,
            re.compile(spec["requires"], re.I) if spec.get("requires") else None,
            re.compile(spec["actor"]) if spec.get("actor") else None,
            spec["direction"],
        ))
    return out


@cache
def _planned() -> re.Pattern[str]:
    cues = "|".join(rules.load("events")["planned"]["cues"])
    return re.compile(rf"\b(?:{cues})\b", re.I)


@cache
def _titles() -> re.Pattern[str]:
    words = sorted(rules.load("events")["titles"]["words"], key=len, reverse=True)
    alt = "|".join(re.escape(w) for w in words)
    # ("Jae-in", "Frank-Walter": a hyphen joins the parts of one given name)
    name = r"[A-Z][a-z’']+(?:-[A-Za-z][a-z’']*)*"
    return re.compile(rf"\b(?:{alt})\.?\s+(?P<name>{name}(?:\s+{name}){{0,3}})")


def trigger_groups() -> list[tuple[str, list[str]]]:
    """Each event type's triggers as patterns (case aside): at word starts, not
    inside a compound ("Export-Import")."""
    table = rules.load("events")["event"]
    return [(name, [rf"(?<![\w-])(?:{t})(?![\w-])" for t in _triggers(spec)]) for name, spec in table.items()]


@cache
def _trigger_index() -> PatternIndex:
    """The triggers, found through an index of their first letters: one
    alternation per type tried at every position was the slowest step of the
    extraction."""
    return PatternIndex(trigger_groups(), flags=re.I)


def has_trigger(text: str, start: int, end: int) -> bool:
    return _trigger_index().search(text, start, end)


def actors(text: str, start: int, end: int) -> list[str]:
    """Named people in a span, introduced by a title ("President Moon Jae-in")."""
    out: list[str] = []
    for m in _titles().finditer(text, start, end):
        name = m.group("name")
        # Drop trailing words that are not part of a name ("Hun Sen In").
        parts = [p for p in name.split() if p not in ("The", "In", "On", "And", "Of")]
        name = " ".join(parts)
        if name and name not in out and not re.fullmatch(r"(?:Minister|Prime|President|Majesty|King)", name):
            out.append(name)
    return out


# "Some 300,000 South Koreans visited Cambodia": tourists, not a state visit.
# ("who took office in August 2023, paid a visit": a year and a comma count no one)
_COUNTED = re.compile(r"(?:\d[\d,.]*\d|\d)(?:\s+(?:million|thousand))?\s+(?:[\w-]+\s+){0,2}(?:have\s+|had\s+)?$")
# "During the visit, ...": the visit just reported, not a new one.
_REFERENCE = re.compile(r"\b(?:during|after|before|on|at|for)\s+(?:the|this|that|his|her|their)\s+$", re.I)
_LISTED_AGREEMENTS = re.compile(r"\b(?:an?|one)\s+(?:[\w-]+\s+){0,3}?(?:agreement|arrangement|memorandum|MoU|MOU|treaty|"
                                r"accord|convention|protocol|waiver|contract|pact)\b")
# "Hun Manet, who is on a three-day state visit to Thailand": a visit under way when
# the story was filed (its own words for a date, "since taking office in August",
# are another event's).
_ON_VISIT = re.compile(r"\b(?:is|are)\s+(?:now\s+|currently\s+)?on\s+(?:his|her|their|its|an?|the)\s+(?:[\w-]+\s+){0,3}$", re.I)
_SEASON = re.compile(r"\b(?P<w>in|this|next)\s+(?:the\s+)?(?:spring|summer|autumn|winter)\b(?!\s+of\b)", re.I)
_SEQUENCE = re.compile(r"\b(?:following|after|before|since|when|while|during)\b", re.I)
# "pays an official visit to Korea and meets President Roh on 21 March": a second
# verb, whose date is its own, not words in the first event's object.
_AND_VERB = re.compile(r"\s+and\s+$", re.I)
_SINCE = re.compile(r"\bsince\b[^,.;]{0,60}$", re.I)
# "elevated them to a strategic partnership when the president visited in April
# 2019": an event told with "when" right after it happened at the time of that clause.
_WHEN = re.compile(r",?\s+when\b[^.;]*", re.I)


def _date_for(trigger: re.Match[str], s: Sentence, others: list[tuple[int, int]] = (),
              text: str | None = None, since_ok: bool = False) -> DateExpr | None:
    # An event happens at a point: a period ("for 2024-2028", "by 2024") is a
    # figure's time, not an event's.
    dates = [d for d in s.dates if d.kind not in ("comparison", "sameperiod", "asof")
             and not (d.kind == "date" and d.lo != d.hi and d.lo and d.hi and len(d.lo) == 4)
             # "since taking office last August", "since ties were restored in 1997"
             # (but "in force since 1 December": the trigger's own "since")
             # ("has been in force for a year, since last December": when it took effect)
             and not (text and not since_ok and
                      _SINCE.search(text, trigger.end() if d.start >= trigger.end() else s.start, d.start))
             # "signed a protocol upgrading the FTA, which has been in force since March 2010"
             and not (d.kind == "since" and d.start >= trigger.end() + 3)]
    if not dates:
        return None
    ta, tb = s.clause_of(trigger.start())
    when = _WHEN.match(text, trigger.end(), s.end) if text else None
    # the first date of that clause only ("when ties were cut in 1975 and restored in 1997")
    at_when = next((d for d in dates if when.start() <= d.start < when.end()), None) if when else None

    def gap_to(a: int, b: int, d: DateExpr) -> int:
        return max(a - d.end if d.end <= a else d.start - b, 0)

    def theirs(d: DateExpr) -> bool:
        # "He flew in on Sunday ... and held talks on Monday": a date right by
        # another event's words is that event's date.
        gap = gap_to(trigger.start(), trigger.end(), d)
        return any(gap_to(a, b, d) < gap or b <= d.start < d.end <= trigger.start()
                   for a, b in others if (a, b) != trigger.span() and not inside(a, b, d))

    def inside(a: int, b: int, d: DateExpr) -> bool:
        # "signed the Hanoi Declaration on a strategic partnership in October 2011":
        # event words in this one's object (a few words on, no date of their own
        # before the date) share it; "resumed ties following the opening of an
        # office in 1996" is another event.
        return trigger.end() <= a <= trigger.end() + 20 and b <= d.start and \
            not _SEQUENCE.search(text or "", trigger.end(), a) and not _AND_VERB.search(text or "", trigger.end(), a) and \
            not any(trigger.end() <= e.start and e.end <= d.start and e is not d for e in dates)

    def score(d: DateExpr) -> int:
        if d is at_when:
            return 0
        gap = gap_to(trigger.start(), trigger.end(), d)
        same = ta <= d.start < tb
        return gap + (0 if same else 45) + (6 if d.end <= trigger.start() else 0) + (40 if theirs(d) else 0)

    # "we will give $40 million next year, and we signed a loan on Tuesday": a date
    # in the event's own clause dates it before one in the clause next door.
    own = [d for d in dates if ta <= d.start < tb and (d is at_when or not theirs(d))]
    return min(own or dates, key=score)


def _direction(ctx: DocContext, s: Sentence, kind: str, trig: re.Match[str]) -> tuple[str | None, str | None]:
    text = ctx.text
    found = []
    for m in s.mentions:
        code = ctx.kingdom if m.kind == "kingdom" else m.code
        if code:
            found.append((m, code, mention_role(text, m, s.start, of_is_from=True)))
    if kind == "symmetric":
        ca, cb = s.clause_of(trig.start())
        in_clause = {c for m, c, _ in found if ca <= m.start < cb}
        third = sorted(c for c in in_clause if ctx.pair is not None and c not in ctx.pair)
        members = sorted(c for c in in_clause if ctx.pair is None or c in ctx.pair)
        if third and len(members) <= 1:
            # "Cambodia signed an FTA with China in 2020": another pair's event.
            partner = members[0] if members else (other_country(ctx, third[0]) or None)
            if partner is None and ctx.pair is not None:
                partner = ctx.pair[0] if ctx.counts[ctx.pair[0]] >= ctx.counts[ctx.pair[1]] else ctx.pair[1]
            return tuple(sorted((third[0], partner))) if partner else (None, None)
        codes = sorted({c for _, c, _ in found if ctx.pair is None or c in ctx.pair})
        if ctx.pair and (len(codes) <= 1 and (not codes or codes[0] in ctx.pair)):
            return ctx.pair
        if len(codes) >= 2:
            return codes[0], codes[1]
        return None, None
    pair_found = [f for f in found if ctx.pair is None or f[1] in ctx.pair]
    def other(c: str | None) -> str | None:
        return other_country(ctx, c)
    if kind == "host":
        return _host(ctx, s, trig, found), None
    if kind == "visit":
        # "arrived in Busan": a city names the host country too.
        pair_found = pair_found + [(m, m.code, mention_role(text, m, s.start))
                                   for m in _places(ctx, s) if ctx.pair is None or m.code in ctx.pair]
    near = sorted(pair_found, key=lambda f: abs(f[0].start - trig.start()))
    if kind == "visit":
        # "Pol Pot visited Pyongyang": a destination right after the visit words that is
        # not one of the pair makes it another pair's visit.
        dest = next((m for m, c, r in sorted(found, key=lambda f: f[0].start)
                     if r in ("to", "agent") and trig.end() <= m.start <= trig.end() + 25 and m.kind != "demonym"), None)
        if dest is not None and ctx.pair is not None and (ctx.kingdom if dest.kind == "kingdom" else dest.code) not in ctx.pair:
            frm = next((c for m, c, r in near if r in ("agent", "from")), None)
            return (frm, dest.code) if frm else (None, None)
        # (a place after the visit words in its own clause: "chose Jakarta for his first
        # visit ..., and President Widodo travelled to Sydney" is two visits)
        cb = s.clause_of(trig.start())[1]
        to = next((c for m, c, r in near if r == "to" and trig.start() - 5 < m.start < cb), None)
        if to is None:
            to = next((c for m, c, r in near if r == "to"), None)
        frm = next((c for m, c, r in near if r in ("agent", "from") and c != to and m.kind == "demonym"), None)
        frm = frm or next((c for m, c, r in near if r in ("agent", "from") and c != to), None)
        if to is None and frm is not None:
            to = other(frm)
        if frm is None and to is not None:
            frm = other(to)
        return frm, to
    # mission / envoy: "an office of Korea in Phnom Penh", "Korean ambassador ... to the King"
    frm = next((c for m, c, r in near if r in ("from", "agent") and c), None)
    to = next((c for m, c, r in near if r == "to" and c != frm), None)
    if frm is None and to is not None:
        frm = other(to)
    if to is None and frm is not None:
        to = other(frm)
    return frm, to


def _places(ctx: DocContext, s: Sentence):
    return countries.find_places(ctx.text, s.start, s.end, frozenset(ctx.counts))


# Where a meeting takes place: "in Busan", "at the White House", "on Jeju Island",
# "travelled to Sydney for", "his second trip to China".
_AT = re.compile(r"\b(?:in|at|on|to|into|(?:leave|left|depart\w*|head\w*|bound)\s+for)\s+(?:(?:the|a|an)\s+)?(?:[\w-]+\s+){0,4}$", re.I)
_AT_COUNTRY = re.compile(r"(?:\b(?:in|at)|\b(?:trip|travel\w*|visit\w*|flew|flying|came|come|went|go(?:ing)?|arriv\w+|way|"
                         r"return\w*|leave|left|head\w*|journey\w*)\s+(?:\w+\s+)?(?:to|in|for)|\bto)\s+"
                         r"(?:(?:the|a|an)\s+)?(?:[\w-]+\s+){0,2}$", re.I)


def _news(date: str | None, ctx: DocContext) -> bool:
    """Whether ``date`` falls in the week around the publication date."""
    if ctx.dateline is None or ctx.published is None or not date or len(date) != 10:
        return False
    return abs((dt.date.fromisoformat(date) - ctx.published).days) <= 7


def _host(ctx: DocContext, s: Sentence, trig: re.Match[str], found: list) -> str | None:
    """The country a summit takes place in: the place the sentence puts it ("talks in
    Phnom Penh", "a summit that Korea will host"), else the dateline's country for a
    summit reported when it happens."""
    text = ctx.text
    for m, code, _ in found:
        if re.match(r"\s*(?:has\s+|had\s+|will\s+)?host", text[m.end:m.end + 30], re.I):
            return code
    located = []
    for m in _places(ctx, s):
        if _AT.search(text, max(s.start, m.start - 40), m.start):
            located.append(m)
    for m, _code, _ in found:
        if m.kind != "demonym" and _AT_COUNTRY.search(text, max(s.start, m.start - 40), m.start):
            located.append(m)
    if located:
        near = min(located, key=lambda m: abs(m.start - trig.start()))
        return ctx.kingdom if near.kind == "kingdom" else near.code
    return None


@dataclass(slots=True)
class EventState:
    """The last dated event of a document: "During the visit", "the following day"
    and a bulleted list of outcomes take their date from it."""

    date: str | None = None
    sentence: int = -10
    # The last visit's direction: "He flew in on Sunday" continues it.
    visit: tuple[str, str] | None = None
    visit_sentence: int = -10
    # A month heading of a year in review or a chronology ("March" on its own
    # line): the events under it happened that month.
    heading: str | None = None
    # A lead that reports a signing and ends with a colon: the (date, from, to)
    # the items listed under it take, and the last sentence of the list so far.
    listing: tuple[str | None, str, str] | None = None
    listing_sentence: int = -10

    def lists(self, index: int) -> bool:
        """Whether sentence ``index`` may be an item of a list of signed documents."""
        return self.listing is not None and self.listing_sentence == index - 1


_MONTH_HEADING = re.compile(r"(?P<m>January|February|March|April|May|June|July|August|September|October|"
                            r"November|December)(?:\s+(?P<y>1[89]\d\d|20\d\d))?\s*[:.]?", re.I)
_TITLE_YEAR = re.compile(r"\b(?:1[89]\d\d|20\d\d)\b")


def month_heading(ctx: DocContext, start: int, end: int) -> str | None:
    """ "March" or "March 2019" alone on a line: the month (YYYY-MM) it heads, its year
    taken from the heading, else the title, else the publication date."""
    m = _MONTH_HEADING.fullmatch(ctx.text, start, end)
    if m is None or (start > 0 and ctx.text[start - 1] != "\n"):
        return None
    year = m.group("y")
    if year is None:
        title = _TITLE_YEAR.search(ctx.text, 0, max(0, ctx.text.find("\n")))
        year = title.group(0) if title else (str(ctx.published.year) if ctx.published else None)
    if year is None:
        return None
    return f"{year}-{MONTHS[m.group('m').lower()]:02d}"


@cache
def _listed_agreement() -> re.Pattern[str]:
    return re.compile(rules.load("events")["listed"]["agreement"])


def _listed(ctx: DocContext, s: Sentence, state: EventState) -> list[Event]:
    """An item of a list of signed documents: "- Memorandum of Understanding on ..."."""
    if not is_bullet(ctx.text, s.start):
        state.listing = None
        return []
    state.listing_sentence = s.index
    if not _listed_agreement().match(ctx.text, s.start, s.end):
        return []
    date, frm, to = state.listing
    return [Event(doc=ctx.doc, event="agreement.signed", date=date, evidence=Evidence(s.start, s.end, ctx.text[s.start:s.end]),
                  from_=frm, to=to, actors=[], status="actual")]


_PRONOUN_SUBJECT = re.compile(r"(?:He|She|They)\b")


def _visit_fallback(ctx: DocContext, s: Sentence, date: str | None,
                    state: EventState) -> tuple[str | None, str | None]:
    """A visit whose sentence names neither country: "He flew in on Sunday" goes on
    with the visit just reported; "Moon arrived on Thursday" in a story filed from
    Phnom Penh as it happens ends in Cambodia."""
    if state.visit is not None and s.index - state.visit_sentence <= 2 and \
            _PRONOUN_SUBJECT.match(ctx.text, s.start):
        return state.visit
    if _news(date, ctx) and ctx.dateline in (ctx.pair or ()):
        return other_country(ctx, ctx.dateline), ctx.dateline
    return None, None


def _shift_day(date: str | None, rel: str) -> str | None:
    """The date ``rel`` after ``date``: "the following day", or "+6m" ("six months
    later") at the precision both can give ("2022-12" and six months: "2023-06")."""
    if not date:
        return None
    if rel.startswith("+"):
        n, unit = int(rel[1:-1]), rel[-1]
        if unit == "y" and date[:4].isdigit():
            return str(int(date[:4]) + n)
        if unit == "m" and len(date) >= 7:
            months = int(date[:4]) * 12 + int(date[5:7]) - 1 + n
            return f"{months // 12}-{months % 12 + 1:02d}"
        if unit in "dw" and len(date) == 10:
            return (dt.date.fromisoformat(date) + dt.timedelta(days=n * (7 if unit == "w" else 1))).isoformat()
        return None
    if len(date) != 10:
        return None
    d = dt.date.fromisoformat(date)
    delta = 1 if rel in ("the following day", "the next day") else -1
    return (d + dt.timedelta(days=delta)).isoformat()


def _also_dated(text: str, s: Sentence, first: DateExpr) -> list[DateExpr]:
    """Further dates joined to the first by "and": "in April 2001 and March 2006"."""
    out = []
    prev = first
    for d in s.dates:
        if d.start <= prev.start or d.kind != "date":
            continue
        between = text[prev.end:d.start]
        # "in 1996, 2001 and 2006"; "Kim Dae-jung in 1999, Roh Moo-hyun in 2006"
        if len(between) > 40 or not re.fullmatch(
                r"[\s,]*(?:and\s+)?(?:[A-Z][\w.-]*\s+){0,3}(?:in\s+|on\s+)?", between) or \
                has_trigger(between, 0, len(between)):
            break
        if len(d.lo or "") == 10 and len(prev.lo or "") == 10 and \
                0 < (dt.date.fromisoformat(d.lo) - dt.date.fromisoformat(prev.lo)).days <= 3:
            break  # "on Monday and Tuesday": one event over two days
        out.append(d)
        prev = d
    return out


# (a plural trigger word: "visits"; a verb in the past: "signed")
_PLURAL = re.compile(r"(?<!talk)s$")
_PAST = re.compile(r"[\w-]+ed\b")
_PAST_WORD = re.compile(r"\b\w+ed\b")


def extract_events(ctx: DocContext, s: Sentence, state: EventState | None = None) -> list[Event]:
    text = ctx.text
    state = state if state is not None else EventState()
    out: list[Event] = []
    taken: list[tuple[int, int]] = []
    listed: list[Event] = []
    if state.lists(s.index):
        listed = _listed(ctx, s, state)
        if listed:
            return listed
    triggers = _trigger_index().finditer(text, s.start, s.end)
    if not triggers:
        return out
    spans: list[tuple[int, int]] | None = None  # all trigger words, read when dating one
    for t in _types():
        if t.name not in triggers or t.requires is not None and not t.requires.search(text, s.start, s.end):
            continue
        for trig in triggers[t.name]:
            if any(trig.start() < b and a < trig.end() for a, b in taken):
                continue
            if t.actor is not None and not t.actor.search(text, s.start, s.end):
                continue
            if t.direction == "visit" and _COUNTED.search(text, s.start, trig.start()):
                continue
            # Words a more specific event type has read ("upgraded to an embassy") are
            # not read again by another, whether or not that event is reported.
            taken.append((trig.start(), trig.end()))
            if spans is None:
                spans = [m.span() for m in _trigger_index().finditer_any(text, s.start, s.end)]
            date = _date_for(trig, s, spans, text, since_ok=t.name == "agreement.in_force")
            ta, tb = s.clause_of(trig.start())
            if state.heading is not None and (date is None or (
                    date.kind == "date" and date.lo == date.hi == state.heading[:4])):
                # Under "June" in a year in review: "The committee met in Phnom Penh"
                date = DateExpr(s.start, s.start, "date", state.heading, state.heading)
            if t.direction == "visit" and _REFERENCE.search(text, s.start, trig.start()) and \
                    (date is None or not ta <= date.start < tb):
                continue  # "During the visit, ministers signed ...": the visit already reported
            as_filed = False
            if date is not None and date.kind == "relative":
                values = [_shift_day(state.date, date.lo)]
            elif date is not None:
                values = [date.lo or date.hi] + [d.lo for d in _also_dated(text, s, date)]
            elif t.direction == "visit" and ctx.published is not None and \
                    _ON_VISIT.search(text, max(s.start, trig.start() - 40), trig.start()):
                values, as_filed = [ctx.published.isoformat()], True  # "who is on his first official visit to"
            elif state.date is not None and s.index - state.sentence <= 2 and \
                    not _PLURAL.search(trig.group(0).lower()) and \
                    not (ctx.published is not None and state.date < ctx.published.isoformat()[:len(state.date)]
                         and _planned().search(text, ta, tb)) and \
                    t.name not in ("relations.established", "relations.severed", "relations.restored"):
                values = [state.date]  # "During the visit, ...", a bullet under a dated lead
            elif _planned().search(text, s.clause_of(trig.start())[0], s.clause_of(trig.start())[1]):
                # a plan without a date is still news: "will open an office"; "is
                # expected in Seoul in the autumn" is this year's (next year's: "next spring")
                season = _SEASON.search(text, ta, tb) if ctx.published is not None else None
                values = [None if season is None else
                          str(ctx.published.year + (1 if season.group("w").lower() == "next" else 0))]
            else:
                continue  # an undated mention of a past event is a reference, not a report
            if not values[0] and date is not None:
                continue
            frm, to = _direction(ctx, s, t.direction, trig)
            if t.direction == "host" and frm is None and _news(values[0], ctx):
                frm = ctx.dateline  # a summit reported as it happens: where the story is filed
            if t.direction == "visit" and frm is None and to is None:
                frm, to = _visit_fallback(ctx, s, values[0], state)
            if t.direction != "host" and (frm is None or to is None):
                continue
            ca, cb = s.clause_of(trig.start())
            planned = _planned().search(text, max(s.start, min(ca, trig.start() - 40)), cb) is not None
            if not planned and not _PAST.match(trig.group(0)):
                # "The 2026 establishment of a partnership ... will solidify ties":
                # a noun phrase whose verb comes later in the sentence.
                later = _planned().search(text, trig.end(), s.end)
                planned = later is not None and not _PAST_WORD.search(text[trig.end():later.start()])
            pub = ctx.published
            people = actors(text, s.start, s.end)
            same_type = [e for e in out if e.event == t.name and (e.from_, e.to) == (frm, to)]
            if same_type and (date is None or date.lo == same_type[0].date) and \
                    set(actors(text, ca, cb)) <= set(same_type[0].actors):
                continue  # "an official visit ..., his first trip to Seoul": one report
            for value in values:
                if any(e.event == t.name and e.date == value for e in out):
                    continue  # "a state visit ... the visit": one report
                future = pub is not None and value is not None and value[:4].isdigit() and \
                    (int(value[:4]) > pub.year or (len(value) >= len("YYYY-MM") and (parse_published(value) or pub) > pub))
                # (a day before publication is past: "will give $40 million next year, and
                # we signed a loan on Tuesday")
                past = pub is not None and value is not None and value[:4].isdigit() and (
                    value[:7] < pub.isoformat()[:len(value[:7])] or
                    len(value) == 10 and value < pub.isoformat() and date is not None and ta <= date.start < tb
                    and not _planned().search(text, ta, tb))
                # "an air services agreement and an agreement on loans are signed": one
                # report per document signed
                copies = len(_LISTED_AGREEMENTS.findall(text, s.start, s.end)) if t.name == "agreement.signed" else 1
                for _ in range(max(1, copies)):
                    out.append(Event(
                        doc=ctx.doc, event=t.name, date=value,
                        evidence=Evidence(s.start, s.end, text[s.start:s.end]), from_=frm, to=to,
                        actors=people, status="planned" if (planned or future) and not past else "actual",
                    ))
            if t.direction == "visit" and frm and to:
                state.visit, state.visit_sentence = (frm, to), s.index
            if (as_filed or date is not None and date.kind == "date") and values[-1]:
                state.date, state.sentence = values[-1], s.index
            elif values[0]:
                state.sentence = s.index
            if t.name == "agreement.signed" and text[s.end - 1] == ":":
                # "... witnessed the signing of the following documents:"
                state.listing, state.listing_sentence = (values[0], frm, to), s.index
    return out
