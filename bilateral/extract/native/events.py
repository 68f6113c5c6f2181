"""Events in Korean and Khmer sentences: trigger words from the language's
``events.toml``, dated, directed and marked planned the way the English
pipeline does it (a background fact keeps its own date; "이날", "전날" and a
list under a dated lead take theirs from the context)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ...model import Event, Evidence
from ..context import DocContext, Sentence
from ..dates import DateExpr, parse_published
from ..direction import other_country
from ..events import EventState, _shift_day
from .direction import found_roles
from .language import Language
from .lexicon import Lexicon, alternation


@dataclass(frozen=True)
class _Type:
    name: str
    trigger: re.Pattern[str]
    requires: re.Pattern[str] | None
    actor: re.Pattern[str] | None
    excludes: re.Pattern[str] | None
    direction: str


@dataclass(frozen=True)
class _Rules:
    types: tuple[_Type, ...]
    any_trigger: re.Pattern[str]
    planned: re.Pattern[str]
    planned_after: int
    titles: re.Pattern[str] | None
    not_names: frozenset[str]
    not_name_ending: re.Pattern[str] | None
    host: re.Pattern[str] | None


@cache
def _rules(lang: Language) -> _Rules:
    t = lang.table("events")
    script = t.get("script", {})
    before, after = script.get("before", ""), script.get("after", "")
    types = []
    for name, spec in t["event"].items():
        trig = alternation(spec["triggers"], escape=False)
        types.append(_Type(
            name, re.compile(f"{before}(?:{trig}){after}"),
            re.compile(spec["requires"]) if spec.get("requires") else None,
            re.compile(spec["actor"]) if spec.get("actor") else None,
            re.compile(spec["excludes"]) if spec.get("excludes") else None,
            spec["direction"],
        ))
    titles = t.get("titles", {})
    title_rx = None
    if titles:
        words = alternation(titles["words"])
        if titles.get("position") == "before_title":
            title_rx = re.compile(f"(?P<name>{titles['name']})\\s?(?:{words})")
        else:
            title_rx = re.compile(f"(?:{words})\\s?(?P<name>{titles['name']})")
    # Any trigger of any type, in one pattern that passes over places where no
    # trigger can begin (the prefilter runs it on every sentence).
    any_trigger = Lexicon.build({name: spec["triggers"] for name, spec in t["event"].items()}, before, after).rx
    return _Rules(
        tuple(types), any_trigger,
        re.compile(alternation(t["planned"]["cues"], escape=False)), t["planned"].get("after", 0), title_rx,
        frozenset(titles.get("not_names", [])),
        re.compile(titles["not_name_ending"]) if titles.get("not_name_ending") else None,
        re.compile(t["host"]["pattern"]) if t.get("host") else None,
    )


def _date_for(trig: re.Match[str], s: Sentence) -> DateExpr | None:
    """The date nearest the event words, in their clause before any other: an
    event happens at a point, so spans of years and "as of" ends are no dates."""
    for d in s.dates:
        if d.kind == "since" and d.start <= trig.start() and trig.end() <= d.end:
            return d  # "1997년 양국 국교 재개 이후": the event is the start itself
    points = [d for d in s.dates if d.kind not in ("comparison", "sameperiod", "asof", "since")
              and not (d.kind == "date" and d.lo != d.hi and d.lo and d.hi and len(d.lo) == 4)]
    ta, tb = s.clause_of(trig.start())

    def distance(d: DateExpr) -> int:
        gap = trig.start() - d.end if d.end <= trig.start() else max(d.start - trig.end(), 0)
        return gap + (0 if ta <= d.start < tb else 45) + (6 if d.end <= trig.start() else 0)

    return min(points, key=distance, default=None)


def _listed_dates(lang: Language, text: str, s: Sentence, first: DateExpr) -> list[DateExpr]:
    """Dates listed before the event words, each with its own subject: "이명박
    대통령이 2009년 10월, 문재인 대통령이 2019년 3월 캄보디아를 국빈방문했다"."""
    before = [d for d in s.dates if d.kind == "date" and d.end <= first.start and d.lo == d.hi]
    out: list[DateExpr] = []
    nxt = first
    for d in reversed(before):
        between = text[d.end:nxt.start]
        if len(between) > 30 or "," not in between or _rules(lang).any_trigger.search(between):
            break
        out.insert(0, d)
        nxt = d
    return out


def _side_span(text: str, s: Sentence, trig: re.Match[str]) -> tuple[int, int]:
    """The words that name who goes where for one event: from the last comma
    before its trigger to the end of its clause."""
    comma = text.rfind(",", s.start, trig.start())
    return (comma + 1 if comma >= 0 else s.start), s.clause_of(trig.start())[1]


def has_trigger(lang: Language, text: str, start: int, end: int) -> bool:
    return _rules(lang).any_trigger.search(text, start, end) is not None


def actors(lang: Language, text: str, start: int, end: int, s: Sentence | None = None) -> list[str]:
    """People a sentence names with a title ("문재인 대통령", "លោក មុន ជេអ៊ីន"), and
    the leaders of the language's table it names without one."""
    r = _rules(lang)
    out: list[str] = [m.surface for m in (s.mentions if s is not None else []) if m.kind == "leader"
                      and not m.surface.endswith(("대통령", "총리"))]
    if r.titles is None:
        return out
    for m in r.titles.finditer(text, start, end):
        words: list[str] = []
        for w in m.group("name").split():
            if w in r.not_names or (r.not_name_ending is not None and r.not_name_ending.search(w)):
                words = []  # a name is the run of name-like words right before the title
            else:
                words.append(w)
        name = " ".join(words)
        if len(name) >= 2 and not any(name in o or o in name for o in out):
            out.append(name)
    return out


def _direction(lang: Language, ctx: DocContext, s: Sentence, kind: str,
               trig: re.Match[str]) -> tuple[str | None, str | None]:
    ca, cb = s.clause_of(trig.start())
    found = found_roles(lang, ctx, s, s.start, s.end, skip_orgs=False)
    if kind == "symmetric":
        in_clause = {c for m, c, _ in found if ca <= m.start < cb}
        third = sorted(c for c in in_clause if ctx.pair is not None and c not in ctx.pair)
        members = sorted(c for c in in_clause if ctx.pair is None or c in ctx.pair)
        if third and len(members) <= 1:
            partner = members[0] if members else other_country(ctx, third[0])
            if partner is None and ctx.pair is not None:
                partner = ctx.pair[0] if ctx.counts[ctx.pair[0]] >= ctx.counts[ctx.pair[1]] else ctx.pair[1]
            return tuple(sorted((third[0], partner))) if partner else (None, None)
        codes = sorted({c for _, c, _ in found if ctx.pair is None or c in ctx.pair})
        if ctx.pair and len(codes) <= 1 and (not codes or codes[0] in ctx.pair):
            return ctx.pair
        return (codes[0], codes[1]) if len(codes) >= 2 else (None, None)
    pair_found = [f for f in found if ctx.pair is None or f[1] in ctx.pair]
    if kind != "host":
        a, b = _side_span(ctx.text, s, trig)
        narrow = [f for f in pair_found if a <= f[0].start < b]
        pair_found = narrow if len({c for _, c, _ in narrow}) >= 1 else pair_found
    if kind == "host":
        r = _rules(lang)
        for m, code, role in pair_found:
            if role in ("to", "at") or (r.host is not None and r.host.match(ctx.text, m.end)):
                return code, None
        return None, None
    near = sorted(pair_found, key=lambda f: abs(f[0].start - trig.start()))
    if kind == "visit":
        # "캄보디아 방문": a bare name right before the visit is where it goes;
        # "국빈방문한 베트남 국가주석": the visitor follows a relative clause.
        roles = [(m, c, "to" if r == "attr" and 0 <= trig.start() - m.end <= 1 else r) for m, c, r in near]
        to = next((c for _, c, r in roles if r in ("to", "toward")), None)
        after = [c for m, c, r in roles if r in ("attr", "agent") and 0 <= m.start - trig.end() <= 20 and c != to]
        if after and re.search(r"(?:한|중인)$", trig.group(0)):
            return after[0], to if to is not None else other_country(ctx, after[0])
        frm = next((c for _, c, r in roles if r in ("attr", "agent", "poss", "from") and c != to), None)
    else:  # mission, envoy: "주캄보디아 한국대사관", "ស្ថានទូតកូរ៉េប្រចាំកម្ពុជា"
        frm = next((c for _, c, r in near if r in ("from", "agent", "attr", "poss")), None)
        to = next((c for _, c, r in near if r in ("to", "toward") and c != frm), None)
    if to is None and frm is not None:
        to = other_country(ctx, frm)
    if frm is None and to is not None:
        frm = other_country(ctx, to)
    return frm, to


def extract_events(lang: Language, ctx: DocContext, original: str, s: Sentence,
                   state: EventState | None = None) -> list[Event]:
    text = ctx.text
    r = _rules(lang)
    state = state if state is not None else EventState()
    out: list[Event] = []
    taken: list[tuple[int, int]] = []
    for t in r.types:
        if t.requires is not None and not t.requires.search(text, s.start, s.end):
            continue
        if t.actor is not None and not t.actor.search(text, s.start, s.end) and \
                not any(m.kind == "leader" for m in s.mentions):
            continue  # a visit by a leader, not by tourists
        for trig in t.trigger.finditer(text, s.start, s.end):
            if any(trig.start() < b and a < trig.end() for a, b in taken):
                continue
            ca, cb = s.clause_of(trig.start())
            if t.excludes is not None and t.excludes.search(text, ca, cb):
                continue
            date = _date_for(trig, s)
            if date is not None and date.kind == "relative":
                values = [_shift_day(state.date, date.lo)]
            elif date is not None:
                listed = _listed_dates(lang, text, s, date) if t.direction == "visit" else []
                values = [d.lo for d in listed] + [date.lo or date.hi]
            elif state.date is not None and s.index - state.sentence <= 3 and t.name not in (
                    "relations.established", "relations.severed", "relations.restored"):
                values = [state.date]  # "방문 기간 중", a bullet under a dated lead
            elif r.planned.search(text, ca, cb):
                values = [None]  # a plan without a date is still news
            else:
                continue  # an undated mention of a past event is a reference, not a report
            if not values[0] and date is not None:
                continue
            frm, to = _direction(lang, ctx, s, t.direction, trig)
            if t.direction != "host" and (frm is None or to is None):
                continue
            # Korean puts the tense after the verb ("방문할 예정이다"), Khmer before it ("នឹងចុះហត្ថលេខា").
            planned = r.planned.search(text, max(s.start, trig.start() - 20), min(s.end, cb + r.planned_after)) is not None
            pub = ctx.published
            people = actors(lang, text, s.start, s.end, s)
            for value in values:
                if any(e.event == t.name and e.date == value for e in out):
                    continue
                future = pub is not None and value is not None and value[:4].isdigit() and (
                    int(value[:4]) > pub.year or (len(value) >= 7 and (parse_published(value) or pub) > pub))
                past = pub is not None and value is not None and value[:4].isdigit() and \
                    value[:7] < pub.isoformat()[:len(value[:7])]
                out.append(Event(
                    doc=ctx.doc, event=t.name, date=value,
                    evidence=Evidence(s.start, s.end, original[s.start:s.end]), from_=frm, to=to,
                    actors=people, status="planned" if (planned or future) and not past else "actual",
                ))
            if date is not None and date.kind == "date" and values[-1]:
                state.date, state.sentence = values[-1], s.index
            elif values[0]:
                state.sentence = s.index
            taken.append((trig.start(), trig.end()))
    return out
