"""Which way a figure or an event goes, from the words attached to each mention.

The language's ``[roles]`` table says what a prefix, preposition or particle
makes of a mention: "to" (the host: "캄보디아에", "ទៅកូរ៉េ", "주캄보디아"),
"from" ("한국으로부터", "មកពីកូរ៉េ", "한국산"), "toward" ("대캄보디아 수출":
the partner of a flow), "at" (a place: "한국에서", "នៅកូរ៉េ"), "agent" (a
subject: "한국은"), "poss" (a possessor: "캄보디아의"), "attr" (the origin of
people or things: "한국 기업", "한국인", "ពលករកម្ពុជា") and "with". The
assignment of roles to from/to is the English pipeline's (investor→host,
donor→recipient, origin→host; the side left open is the document's other
country).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..context import DocContext, Sentence
from ..countries import Mention
from ..cues import Cue, indicator_table
from ..direction import fill_sides, other_country
from ..quantities import Quantity
from .language import Language
from .lexicon import alternation


@dataclass(frozen=True)
class _Roles:
    before: re.Pattern[str] | None
    before_roles: dict[str, str]
    after: re.Pattern[str] | None
    after_roles: dict[str, str]
    orgs_after: re.Pattern[str] | None
    orgs_before: re.Pattern[str] | None
    default: str
    bare: str  # a mention followed by a space or punctuation and no particle


@cache
def _roles(lang: Language) -> _Roles:
    t = lang.table("countries").get("roles", {})
    before = t.get("before", {})
    after = t.get("after", {})
    gap = t.get("gap_before", "")
    skip = t.get("skip_after", [])
    orgs = t.get("orgs", {})
    return _Roles(
        re.compile(f"(?:{alternation(before)}){gap}$") if before else None, before,
        re.compile(f"(?:{alternation(skip)})?(?P<p>{alternation(after)})") if after else None, after,
        re.compile(orgs["after"]) if orgs.get("after") else None,
        re.compile(orgs["before"] + "$") if orgs.get("before") else None,
        t.get("default", "agent"), t.get("bare", "agent"),
    )


_PLACE_AT = re.compile(r" [^\s\d]+에서")


def mention_role(lang: Language, text: str, m: Mention, floor: int) -> str:
    r = _roles(lang)
    if m.kind == "org":
        return "from"
    if r.before is not None:
        found = r.before.search(text, max(floor, m.start - 24), m.start)
        if found is not None:
            return r.before_roles[found.group(0).strip()]
    if r.after is not None:
        found = r.after.match(text, m.end)
        if found is not None:
            return r.after_roles[found.group("p")]
    if m.kind == "demonym":
        return "attr"
    if m.kind == "capital" and _PLACE_AT.match(text, m.end):
        return "at"  # "프놈펜 평화궁에서": a place in the capital
    if m.end >= len(text) or not text[m.end].isalnum():
        return r.bare
    return r.default


def is_org(lang: Language, text: str, m: Mention) -> bool:
    """ "캄보디아 관세청", "អគ្គនាយកដ្ឋានគយកម្ពុជា": a source of figures, not a party."""
    r = _roles(lang)
    return (r.orgs_after is not None and r.orgs_after.match(text, m.end) is not None) or \
        (r.orgs_before is not None and r.orgs_before.search(text, max(0, m.start - 40), m.start) is not None)


def code_of(ctx: DocContext, m: Mention) -> str | None:
    return ctx.kingdom if m.kind == "kingdom" else m.code


def found_roles(lang: Language, ctx: DocContext, s: Sentence, a: int, b: int, *,
                skip_orgs: bool) -> list[tuple[Mention, str, str]]:
    """(mention, code, role) of the mentions in ``[a, b)``; "at" reads as "from"
    when another mention is the destination ("캄보디아에서 한국으로")."""
    text = ctx.text
    out = []
    for m in s.mentions:
        if not (a <= m.start < b) or (skip_orgs and (m.kind == "leader" or is_org(lang, text, m))):
            continue  # leaders name the side of an event, not of a figure
        code = code_of(ctx, m)
        if code:
            out.append((m, code, mention_role(lang, text, m, s.start)))
    has_to = any(r in ("to", "toward") for _, _, r in out)
    return [(m, c, ("from" if has_to else "to") if r == "at" else r) for m, c, r in out]


def region(s: Sentence, q: Quantity, quantities: list[Quantity], cue: Cue | None) -> tuple[int, int]:
    """The words that name a figure's parties: its clause (or its cue's), else the
    sentence up to it; for counts, the words up to the next count."""
    if q.kind != "number":
        anchor = cue.start if cue is not None and cue.end > cue.start and q.kind in ("percent", "factor") else q.start
        a, b = s.clause_of(anchor)
        if any(a <= m.start < b for m in s.mentions):
            return a, b
        return s.start, b
    counts = [x for x in quantities if x.kind == "number" and (x is q or not any(
        d.start <= x.start < d.end for d in s.dates))]  # a year or a day is no count
    i = counts.index(q)
    a = s.start if i == 0 else counts[i - 1].end
    b = counts[i + 1].start if i + 1 < len(counts) else s.end
    ca, cb = s.clause_of(q.start)
    if any(max(a, ca) <= m.start < min(b, cb) for m in s.mentions):
        return max(a, ca), min(b, cb)
    return a, b


def resolve_direction(lang: Language, ctx: DocContext, s: Sentence, q: Quantity, indicator: str, *,
                      reverse: bool, cue: Cue | None, quantities: list[Quantity],
                      span: tuple[int, int] | None = None) -> tuple[str | None, str | None]:
    spec = indicator_table()[indicator]
    a, b = span or region(s, q, quantities, cue)
    found = []
    third = False
    for m, code, role in found_roles(lang, ctx, s, a, b, skip_orgs=True):
        if ctx.pair is not None and code not in ctx.pair:
            if role in ("agent", "poss", "attr"):
                third = True  # "중국은 ... 50억달러": a third country's figure
                found.append((m, code, role))
            continue
        found.append((m, code, role))
    in_pair = [f for f in found if ctx.pair is None or f[1] in ctx.pair]

    if spec.get("one_country"):
        anchor = cue.start if cue is not None else q.start
        near = sorted(found, key=lambda f: abs(f[0].start - anchor))
        if near:
            return near[0][1], None
        if ctx.pair is None:
            return None, None
        return (ctx.pair[0] if ctx.counts[ctx.pair[0]] >= ctx.counts[ctx.pair[1]] else ctx.pair[1]), None

    if spec.get("symmetric"):
        codes = sorted({c for _, c, _ in in_pair})
        if third and len(codes) < 2:
            return None, None
        if ctx.pair and (len(codes) == 2 or not codes or codes[0] in ctx.pair):
            return ctx.pair
        return (codes[0], codes[1]) if len(codes) >= 2 else (None, None)

    roles = [(m, c, "to" if r == "with" else r) for m, c, r in found]
    if cue is not None and not reverse:
        # "우리나라 ODA", "한국 투자": a name qualifying the cue owns the flow.
        roles = [(m, c, "from" if r == "attr" and 0 <= cue.start - m.end <= 2 else r) for m, c, r in roles]
    rank = cue is not None and cue.kind in ("rank_role", "reverse_rank_role")
    if rank:
        # "한국은 캄보디아의 2위 투자국": the possessor is the host.
        roles = [(m, c, "to" if r == "poss" else r) for m, c, r in roles]
    from_roles = [c for _, c, r in roles if r == "from"]
    to_roles = [c for _, c, r in roles if r in ("to", "toward")]
    agents = [(m, c, r) for m, c, r in roles if r in ("agent", "poss", "attr")]

    from_: str | None
    to: str | None
    if reverse:
        # "캄보디아의 한국산 수입", "대한 수입": the importer is the agent, the partner the exporter.
        from_ = from_roles[0] if from_roles else next((c for _, c, r in roles if r == "toward"), None)
        to = next((c for _, c, _ in agents if c != from_), None) or next(
            (c for _, c, r in roles if r == "to" and c != from_), None)
    elif spec.get("people") and not rank:
        # The origin of people: a demonym ("한국인") first, else the name
        # qualifying them nearest the count ("캄보디아 근로자 4만명").
        attrs = sorted((f for f in agents if f[2] == "attr"),
                       key=lambda f: (f[0].kind != "demonym", abs(f[0].start - q.start)))
        from_ = from_roles[0] if from_roles else (attrs[0][1] if attrs else None)
        to = next((c for c in to_roles if c != from_), None) or next(
            (c for _, c, _ in agents if c != from_), None)
        if from_ is None and to is not None:
            from_ = next((c for _, c, _ in agents if c != to), None)
    else:
        from_ = from_roles[0] if from_roles else next((c for _, c, _ in agents if c not in to_roles), None)
        to = next((c for c in to_roles if c != from_), None) or next(
            (c for _, c, _ in agents if c != from_), None)
    if from_ is None and to is None and not found and indicator == "trade.exports":
        # "수출 6억 달러" with no country anywhere near: the press's own country's.
        home = lang.table("countries").get("press", {}).get("home")
        if ctx.pair is not None and home in ctx.pair:
            from_, to = (other_country(ctx, home), home) if reverse else (home, other_country(ctx, home))
    return fill_sides(ctx, from_, to)
