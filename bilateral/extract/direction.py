"""Which way a figure goes: investor→host, donor→recipient, origin→host.

Each country mention near the figure gets a role from the words around it:
"to/into/in Cambodia" names the host, "from/by Korea" the origin, "Korean
tourists" (a demonym) the origin of people, a subject ("Korea has provided")
the actor. A side the sentence leaves open is the document's other country.
"""

from __future__ import annotations

import re

from .context import DocContext, Sentence
from .countries import Mention
from .cues import Cue, indicator_table
from .quantities import Quantity

_TO = {"to", "into", "in", "for", "toward", "towards", "at", "inside", "within", "visiting", "visited", "visits", "visit",
       "entering", "entered", "across", "throughout", "on", "with", "chose", "choose", "chosen"}
_FROM = {"from", "by"}
_RECEIVE = re.compile(r"\s*(?:has\s+|have\s+|had\s+)?(?:received|receives|receive|got|obtained|attracted|"
                      r"attracts|welcomed|welcomes|hosted|hosts|imported|imports|drew|draws|accepted|accepts)\b",
                      re.I)


# The word before a mention, articles aside. Searched in the window alone: the
# leftmost match begins a word (or the window), so re need not try a match at
# every letter.
_PREP_BEFORE = re.compile(
    r"(?<![A-Za-z-])([A-Za-z-]+)\s+(?:(?:the|a|an|neighbouring|neighboring|southern|northern|rural|urban)\s+)*$", re.I)


# "second behind China", "ahead of Japan", "overtook China as", "second only to China":
# a country the figure is compared with, not a party to it.
_COMPARED = re.compile(r"\b(?:behind|than|ahead of|only to|overt[ao]\w+|surpass\w*|outpac\w*|trail\w*|unlike|"
                       r"compared (?:with|to))\s+(?:the\s+)?$", re.I)


# "behind South Korea and Singapore": the second of a compared list is compared too.
_COMPARED_LIST = re.compile(r"\b(?:behind|than|ahead of|only to|unlike|compared (?:with|to))\s+(?:the\s+)?"
                            r"(?:[A-Z][\w.'’-]*,?\s+){1,3}(?:and|or)\s+(?:the\s+)?$")
_LIST_AND = re.compile(r"\s(?:and|or)\s+(?:the\s+)?$")


_RELATIVE = re.compile(r"\s*(?:which|who|whose|where)\b", re.I)
_FOR_BEFORE = re.compile(r"\bfor\s+(?:the\s+)?$")


def _antecedent(text: str, s: Sentence, a: int, b: int) -> tuple[int, str] | None:
    """The mention a relative clause in ``[a, b)`` hangs on, and its role there:
    "Vietnam, which had 27,000 students" (the subject), "Thailand, where one
    million Cambodians are employed" (the place)."""
    for ca, _ in s.clauses:
        if not (a <= ca < b):
            continue
        rel = _RELATIVE.match(text, ca)
        if rel is None:
            continue
        before = [m for m in s.mentions if ca - 25 <= m.end <= ca]
        if before:
            return before[-1].start, "to" if rel.group(0).strip().lower() == "where" else "agent"
    return None


# The roles of one text's mentions, worked out once: a sentence with three
# figures asks about each of its mentions three times.
_roles: tuple[str, dict[tuple[int, int, str, int, bool], str]] | None = None


def mention_role(text: str, m: Mention, floor: int, *, of_is_from: bool = False) -> str:
    """ "to"/"from" when a preposition stands right before the mention, "recv" when
    a receiving verb follows it ("Cambodia received ..."), "compared" after "behind"
    or "ahead of", else "agent"."""
    global _roles
    held = _roles
    if held is None or held[0] is not text:
        held = _roles = (text, {})
    key = (m.start, m.end, m.kind, floor, of_is_from)
    role = held[1].get(key)
    if role is None:
        role = held[1][key] = _role(text, m, floor, of_is_from)
    return role


def _role(text: str, m: Mention, floor: int, of_is_from: bool) -> str:
    if _COMPARED.search(text, max(floor, m.start - 30), m.start) or (
            _LIST_AND.search(text, max(floor, m.start - 9), m.start) and
            _COMPARED_LIST.search(text, max(floor, m.start - 70), m.start)):
        return "compared"
    before = _PREP_BEFORE.search(text[max(floor, m.start - 30):m.start])
    prev = before.group(1).lower() if before else ""
    if m.kind == "demonym" and prev in ("in", "at", "for", "on", "within"):
        prev = ""  # "$2.6 billion in Korean investment": an adjective, not a place
    if prev in _TO:
        return "to"
    if prev in _FROM or (of_is_from and prev == "of"):
        return "from"
    if not m.surface.endswith(("'s", "’s")) and _RECEIVE.match(text, m.end):
        return "recv"
    return "agent"


_HOST_OF_RANK = re.compile(r"['’]s\s+(?:(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th))[- ])?"
                           r"(?:largest|biggest|top|leading|main|most important)\s+(?:\w+\s+){0,2}?(?:source|investor|donor|"
                           r"partner|market|lender|supplier|buyer|destination)", re.I)
_VISITED = re.compile(r"\bvisit(?:ed|ing|s)?\s+$", re.I)
_ORG_AFTER = re.compile(
    r"\s+(?:government (?:release|report|data|figures|statistics)|consultancy|think tank|research|economists?|analysts?|Ministry|Department|Bureau|Agency|Office|Embassy|embassy|Council|Customs|customs|Statistics|"
    r"statistics|Institute|Association|Chamber|Corporation|Service|Trade Association|Tourism Organi[sz]ation)\b")

# "the Council for the Development of Cambodia approved Korean investment": the
# country in an institution's name is where the figure was counted, not a party.
_OF_BEFORE = re.compile(r"\b(?:of|for)\s+(?:the\s+)?$")
_ORG_BEFORE = re.compile(
    r"\b(?:Council|Ministry|Department|Bureau|Agency|Office|Institute|Board|Commission|Authority|Chamber|"
    r"Association|Federation|University)\s+(?:[\w-]+\s+){0,4}?(?:of|for)\s+(?:the\s+)?$")


def _code(ctx: DocContext, m: Mention) -> str | None:
    return ctx.kingdom if m.kind == "kingdom" else m.code


def _region(text: str, s: Sentence, q: Quantity, quantities: list[Quantity], cue: Cue | None) -> tuple[int, int]:
    if q.kind != "number":
        # A figure's parties are named in its own clause (or its cue's: "approvals
        # from Korea ..., with a Phnom Penh firm forecasting a decline of 30%"),
        # else before it, not in a trailing clause ("..., where Korean firms
        # employ thousands of Cambodians").
        anchor = cue.start if cue is not None and cue.end > cue.start and q.kind in (
            "percent", "fraction", "factor") else q.start
        a, b = s.clause_of(anchor)
        if _RELATIVE.match(text, a):
            # "Japan, which has provided $3 billion in aid to Cambodia": the antecedent
            a = s.clause_of(max(s.start, a - 2))[0]
        if any(a <= m.start < b and not _COMPARED.search(text, max(s.start, m.start - 30), m.start)
               for m in s.mentions):
            return a, b
        return s.start, b
    if _RELATIVE.match(text, s.clause_of(q.start)[0]):
        # "next to Vietnam, which had more than 27,000 students in Korea"
        a = s.clause_of(max(s.start, s.clause_of(q.start)[0] - 2))[0]
        return a, s.clause_of(q.start)[1]
    # Counts: "three visits by Korean presidents and six by the Cambodian prime
    # minister": each count owns the words up to the next count.
    counts = [x for x in quantities if x.kind == "number" and (x is q or not 1800 <= (x.value or 0) <= 2100)]
    i = counts.index(q)
    if i == 0:
        a = s.start
    elif q.role == "noun_after":
        a = q.start
    else:  # "Chinese tourists to Kenya numbered 60,000": the noun came first
        a = max(counts[i - 1].end, s.clause_of(q.start)[0])
    b = counts[i + 1].start if i + 1 < len(counts) else s.end
    ca, cb = s.clause_of(q.start)
    if any(max(a, ca) <= m.start < min(b, cb) for m in s.mentions):
        return max(a, ca), min(b, cb)
    return a, b


def other_country(ctx: DocContext, code: str | None) -> str | None:
    if ctx.pair is None or code not in ctx.pair:
        return None
    return ctx.pair[1] if ctx.pair[0] == code else ctx.pair[0]


def resolve_direction(ctx: DocContext, s: Sentence, q: Quantity, indicator: str, *, reverse: bool,
                      cue: Cue | None, quantities: list[Quantity],
                      region: tuple[int, int] | None = None) -> tuple[str | None, str | None]:
    spec = indicator_table()[indicator]
    a, b = region or _region(ctx.text, s, q, quantities, cue)
    third = False
    third_agents: list[str] = []
    text = ctx.text
    found: list[tuple[Mention, str, str]] = []
    antecedent = _antecedent(text, s, a, b)
    for m in s.mentions:
        if not (a <= m.start < b) or _ORG_AFTER.match(text, m.end) or \
                _OF_BEFORE.search(text, max(s.start, m.start - 9), m.start) and \
                _ORG_BEFORE.search(text, max(s.start, m.start - 60), m.start):
            continue  # "Korea's Ministry of Education show ...": a source, not a party
        code = _code(ctx, m)
        if not code:
            continue
        role = mention_role(text, m, s.start)
        if antecedent is not None and m.start == antecedent[0]:
            role = antecedent[1]
        if spec.get("family") == "aid":
            if m.kind == "agency":
                role = "from"  # "loans signed with the Japan International Cooperation Agency"
            elif m.kind == "demonym" and _FOR_BEFORE.search(text, max(s.start, m.start - 12), m.start):
                role = "to"  # "a soft loan for the Lao approach roads": what the aid pays for
        if role == "compared" or (not spec.get("people") and _VISITED.search(text, max(s.start, m.start - 12), m.start)):
            continue  # "doubled again when Hun Manet visited Seoul": the visit's place, not a party
        if (q.kind == "rank" and m.start == q.start and text[m.end - 2:m.end] in ("'s", "’s") and
                cue is not None and cue.kind == "rank_role") or _HOST_OF_RANK.match(text, m.end - 2):
            role = "to"  # "Cambodia's second largest investor", "as Cambodia's largest source of tourists": the host
        in_pair = ctx.pair is None or code in ctx.pair
        if not in_pair and role not in ("to", "from"):
            if role == "agent" and code != "":
                third = True  # "China remained far ahead, with trade of $5.1 billion"
                if m.surface.endswith(("'s", "’s")) or m.kind == "demonym" or _RECEIVE.match(text, m.end) is None:
                    third_agents.append(code)
            continue  # "second only to China", "after Japan": a comparison, not a party
        found.append((m, code, role))

    if spec.get("one_country"):
        # "Cambodia grew 7.5 per cent, against 2.7 per cent growth in Korea", "Vietnam,
        # by comparison, is forecast to grow 5.8 per cent": the country named with the
        # figure in its clause, before it by preference, any country at all.
        qa, qb = s.clause_of(q.start)
        own = [m for m in s.mentions if qa <= m.start < qb and _code(ctx, m) and not _ORG_AFTER.match(text, m.end)]
        if own:
            m = min(own, key=lambda m: q.start - m.end if m.end <= q.start else m.start - q.end + 1000)
            return _code(ctx, m), None
        anchor = cue.start if cue is not None else q.start
        near = sorted(found, key=lambda f: abs(f[0].start - anchor))
        if near:
            return near[0][1], None
        if third_agents:
            return third_agents[0], None
        if ctx.dateline and ctx.pair and ctx.dateline in ctx.pair:
            return ctx.dateline, None  # "The government expects the economy to grow", filed from Phnom Penh
        return (ctx.pair[0] if ctx.pair and ctx.counts[ctx.pair[0]] >= ctx.counts[ctx.pair[1]] else
                ctx.pair[1]) if ctx.pair else None, None

    if spec.get("symmetric"):
        codes = sorted({c for _, c, _ in found})
        if third and len(codes) < 2:
            return None, None  # a third country's figure: not this pair's
        if len(codes) >= 2:
            if ctx.pair and set(ctx.pair) <= set(codes):
                return ctx.pair
            return codes[0], codes[1]
        if ctx.pair and (not codes or codes[0] in ctx.pair):
            return ctx.pair
        if codes and ctx.pair is None:
            return None, None
        return None, None

    from_roles = [c for _, c, r in found if r == "from"]
    to_roles = [c for _, c, r in found if r in ("to", "recv")]
    agents = [(m, c) for m, c, r in found if r == "agent"]
    demonyms = [c for m, c in agents if m.kind == "demonym"]
    names = [c for m, c in agents if m.kind != "demonym"]

    from_: str | None = None
    to: str | None = None
    if reverse:
        # "Cambodia's imports from Korea": the actor imports, "from" names the exporter.
        from_ = from_roles[0] if from_roles else None
        to = next((c for _, c in agents if c != from_), None) or (to_roles[0] if to_roles else None)
    elif spec.get("people") and not (cue is not None and cue.kind == "rank_role"):
        # "250,000 Korean visitors": a demonym right after the count names the origin.
        adjacent = next((c for m, c, r in found if m.kind == "demonym" and q.end <= m.start <= q.end + 30), None)
        # "Korean employers to hire more Cambodians": the people are the plural noun
        demonyms = sorted(demonyms, key=lambda c: not any(
            m.kind == "demonym" and cc == c and text[m.end - 1:m.end] == "s" for m, cc, _ in found))
        from_ = from_roles[0] if from_roles else (adjacent or next((c for c in demonyms if c not in to_roles), None))
        if adjacent:
            to_roles = [c for c in to_roles if c != adjacent]
        to = to_roles[0] if to_roles else next((c for c in names if c != from_), None)
        if from_ is None and to is not None:
            from_ = next((c for _, c in agents if c != to), None)
    else:
        from_ = from_roles[0] if from_roles else next((c for _, c in agents if c not in to_roles), None)
        to = to_roles[0] if to_roles else next((c for _, c in agents if c != from_), None)
    if from_ is None and third_agents and not reverse:
        from_ = third_agents[0]  # "Japan's aid to Cambodia", "Thailand accounted for 1.91 million arrivals"
    return fill_sides(ctx, from_, to)


def fill_sides(ctx: DocContext, from_: str | None, to: str | None) -> tuple[str | None, str | None]:
    """A side the text leaves open is the document's other country."""
    if from_ == to:
        to = None
    if from_ is None and to is not None:
        from_ = other_country(ctx, to)
    elif to is None and from_ is not None:
        to = other_country(ctx, from_)
    return from_, to
