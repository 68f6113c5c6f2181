"""Claims become facts; facts that disagree become explained conflicts.

A fact is one quantity: the same indicator, measure, direction, period,
status and unit. Every report of it from any document is one of its sources.
Reports whose figures agree within rounding reinforce each other (a
*cluster*); when a fact's reports fall into more than one cluster, the best
cluster gives the fact its value and each other cluster is a conflict,
classified by the most specific explanation that fits.

The best cluster (the rule, documented in the README):
1. official statistics named in the text (customs, a ministry, a central bank);
2. then the most independent reports (distinct documents);
3. then the latest published.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from bilateral import format as fmt
from bilateral.reconcile.values import (
    Figure,
    agree,
    is_official,
    magnitude_ratio,
    relative_difference,
    rules,
    significant_digits,
    transposed,
)

MAX_CONFLICT_REPORTS = 20
CONFLICT_KINDS = ("rounding", "source", "magnitude", "digits", "pledged_vs_actual", "cumulative_decrease",
                  "different_period", "same_document", "disagreement")


@dataclass(frozen=True, slots=True)
class ClaimReport:
    """One claim record with what reconciliation needs of its document."""

    record_id: int
    document_id: int
    published: str | None
    fact_key: str
    group_key: str
    pair: str | None
    indicator: str
    measure: str
    from_c: str | None
    to_c: str | None
    period_start: str | None
    period_end: str | None
    scope: str | None
    status: str
    unit: str
    figure: Figure
    attributed_to: str | None = None

    @property
    def official(self) -> bool:
        return is_official(self.attributed_to)

    @property
    def precision(self) -> int:
        return significant_digits(self.figure.point) if self.figure.point is not None else 0


@dataclass(slots=True)
class Fact:
    id: str
    group_key: str
    pair: str | None
    indicator: str
    measure: str
    from_c: str | None
    to_c: str | None
    period_start: str | None
    period_end: str | None
    scope: str | None
    status: str
    unit: str
    value: float | None
    low: float | None
    high: float | None
    approx: str | None
    best_record_id: int
    rule: str
    n_reports: int
    n_documents: int
    conflict: str | None = None
    sort_date: str | None = None
    reports: list[tuple[int, bool]] = field(default_factory=list)  # (record id, agrees with the value)

    @property
    def figure(self) -> Figure:
        return Figure(self.value, self.low, self.high, self.approx)


@dataclass(slots=True)
class Conflict:
    id: str
    group_key: str
    pair: str | None
    indicator: str
    kind: str
    explanation: str
    fact_id: str
    other_fact_id: str | None
    record_ids: list[int]
    sort_date: str | None


def fact_id(fact_key: str) -> str:
    return "f-" + hashlib.sha1(fact_key.encode()).hexdigest()[:16]


def _conflict_id(kind: str, *parts: object) -> str:
    return "c-" + hashlib.sha1("|".join(map(str, (kind, *parts))).encode()).hexdigest()[:16]


def _listing_order(reports: list[ClaimReport], agreeing: set[int]) -> list[ClaimReport]:
    """Agreeing reports first, then the newest (undated last), then the first written."""
    ordered = sorted(reports, key=lambda r: r.record_id)
    ordered.sort(key=lambda r: r.published or "", reverse=True)  # stable: ties keep record order
    ordered.sort(key=lambda r: r.record_id not in agreeing)
    return ordered


def _show(f: Figure, unit: str) -> str:
    if f.value is None:
        return f"{fmt.figure(f.low, unit)}–{fmt.figure(f.high, unit)}"
    return {"about": "about ", "over": "over ", "under": "under "}.get(f.approx or "", "") + fmt.figure(f.value, unit)


@dataclass(slots=True)
class _Cluster:
    reports: list[ClaimReport]

    @property
    def lead(self) -> ClaimReport:
        """The report that speaks for the cluster: official, then most precise, then latest."""
        return max(self.reports, key=lambda r: (r.official, r.precision, r.published or ""))

    def rank(self) -> tuple[bool, int, str]:
        return (any(r.official for r in self.reports), len({r.document_id for r in self.reports}),
                max((r.published or "" for r in self.reports), default=""))


def _clusters(reports: list[ClaimReport]) -> list[_Cluster]:
    # Precise figures first, so that each cluster is led by a figure the
    # rounded ones agree with ("$890 million" joins "$892.3 million").
    clusters: list[_Cluster] = []
    for r in sorted(reports, key=lambda r: (-r.precision, r.record_id)):
        home = next((c for c in clusters if agree(c.reports[0].figure, r.figure)), None)
        if home is None:
            clusters.append(_Cluster([r]))
        else:
            home.reports.append(r)
    return sorted(clusters, key=_Cluster.rank, reverse=True)


def _rule(clusters: list[_Cluster]) -> str:
    if len(clusters) == 1:
        return "only" if len(clusters[0].reports) == 1 else "agreement"
    best, runner = clusters[0].rank(), clusters[1].rank()
    return "official" if best[0] != runner[0] else "most_reports" if best[1] != runner[1] else "latest"


def _for_period(start: str | None, end: str | None) -> str:
    """ "for 2023", "for January–June 2025", "on 5 November 2002" (a day), "with no period given"."""
    if start is None and end is None:
        return "with no period given"
    if start == end and start is not None and len(start) == 10:
        return f"on {fmt.date(start)}"
    return f"for {fmt.period(start, end)}"


def _apart(a: float, b: float, unit: str) -> str:
    """How far apart two figures are, in the terms of their unit (percentages in points)."""
    if unit == "percent":
        return f"{abs(a - b):.3g} percentage points apart"
    return f"{relative_difference(a, b):.0%} apart"


def classify(best: ClaimReport, other: ClaimReport) -> tuple[str, str]:
    """The kind of a disagreement between two reports of one fact, and its explanation."""
    a, b = best.figure.point, other.figure.point
    sa, sb = _show(best.figure, best.unit), _show(other.figure, other.unit)
    assert a is not None and b is not None
    if best.unit == "rank":
        # A rank has no digits to swap or zeros to drop: second against sixth is a plain disagreement.
        return "disagreement", f"The sources rank it differently: {sa} against {sb}."
    if best.figure.value is not None and other.figure.value is not None and transposed(a, b):
        return "digits", f"{sa} and {sb} have the same digits with two swapped: a likely typing error in one source."
    ratio = magnitude_ratio(a, b)
    if ratio:
        return "magnitude", (f"{sa} and {sb} differ by a factor of {ratio:,}: a likely magnitude error "
                             "(a zero, or million for billion) in one source.")
    if best.attributed_to and other.attributed_to and best.attributed_to.lower() != other.attributed_to.lower():
        return "source", (f"{best.attributed_to} gives {sa}; {other.attributed_to} gives {sb}: "
                          "different statistics sources count differently.")
    diff = relative_difference(a, b)
    if diff <= rules()["near_fraction"]:
        by = f"{abs(a - b):.3g} percentage points" if best.unit == "percent" else f"{diff:.1%}"
        return "rounding", f"{sa} and {sb} differ by {by}: rounded or revised figures."
    return "disagreement", f"The sources disagree: {sa} against {sb} ({_apart(a, b, best.unit)})."


def _within_documents(best: _Cluster, other: _Cluster) -> tuple[str, str] | None:
    """When every document giving the other figure also gives the best one, the documents are not
    disagreeing with each other: each names two figures for what the record takes as one fact,
    most often two different things (two loans, two components of a total)."""
    if not {r.document_id for r in other.reports} <= {r.document_id for r in best.reports}:
        return None
    lead, second = best.lead, other.lead
    where = "One document gives" if len({r.document_id for r in other.reports}) == 1 else "The same documents give"
    return "same_document", (
        f"{where} both {_show(lead.figure, lead.unit)} and {_show(second.figure, second.unit)} "
        f"{_for_period(lead.period_start, lead.period_end)}: most likely two different things (two loans, two "
        "parts of a total, two counts), not two sources that disagree; read the sentences.")


def _facts_of(reports: list[ClaimReport], salt: str = "") -> tuple[Fact, list[Conflict]]:
    first = reports[0]
    clusters = _clusters(reports)
    lead = clusters[0].lead
    agreeing = {r.record_id for r in clusters[0].reports}
    fid = fact_id(first.fact_key + salt)
    fact = Fact(
        id=fid, group_key=first.group_key, pair=first.pair, indicator=first.indicator, measure=first.measure,
        from_c=first.from_c, to_c=first.to_c, period_start=first.period_start, period_end=first.period_end,
        scope=lead.scope, status=first.status, unit=first.unit, value=lead.figure.value, low=lead.figure.low,
        high=lead.figure.high, approx=lead.figure.approx, best_record_id=lead.record_id, rule=_rule(clusters),
        n_reports=len(reports), n_documents=len({r.document_id for r in reports}),
        sort_date=first.period_end or first.period_start,
        reports=[(r.record_id, r.record_id in agreeing) for r in _listing_order(reports, agreeing)],
    )
    conflicts = []
    for other in clusters[1:]:
        kind, why = classify(lead, other.lead)
        if kind == "disagreement":
            # Slips and named sources explain themselves; a bare difference inside documents is two things.
            kind, why = _within_documents(clusters[0], other) or (kind, why)
        # The lead reports and a sample of the other side; n_reports of the fact says how many there are.
        ids = sorted({lead.record_id, *(r.record_id for r in other.reports[:MAX_CONFLICT_REPORTS])})
        conflicts.append(Conflict(_conflict_id(kind, fid, ids), fact.group_key, fact.pair, fact.indicator, kind,
                                  why, fid, None, ids, fact.sort_date))
    if conflicts:
        # The fact's badge names the most telling kind of its conflicts.
        fact.conflict = min((c.kind for c in conflicts), key=CONFLICT_KINDS.index)
    return fact, conflicts


def _between(kind: str, why: str, a: Fact, b: Fact) -> Conflict:
    return Conflict(_conflict_id(kind, a.id, b.id), a.group_key, a.pair, a.indicator, kind, why, a.id, b.id,
                    sorted({a.best_record_id, b.best_record_id}), a.sort_date or b.sort_date)


def _across(facts: list[Fact]) -> list[Conflict]:
    """Conflicts between facts of one indicator: pledged vs actual, cumulative totals."""
    out: list[Conflict] = []
    series: dict[tuple, list[Fact]] = defaultdict(list)
    for f in facts:
        series[(f.measure, f.from_c, f.to_c, f.unit)].append(f)
    for same in series.values():
        by_period: dict[tuple, dict[str, Fact]] = defaultdict(dict)
        for f in same:
            by_period[(f.period_start, f.period_end)][f.status] = f
        for (start, end), statuses in by_period.items():
            if start is None and end is None:
                continue  # figures without a period may be of different years: they contradict nothing
            pledged, actual = statuses.get("pledged"), statuses.get("actual")
            if pledged and actual and not agree(pledged.figure, actual.figure):
                out.append(_between("pledged_vs_actual", (
                    f"{_show(pledged.figure, pledged.unit)} was pledged "
                    f"{_for_period(pledged.period_start, pledged.period_end)}; {_show(actual.figure, actual.unit)} "
                    "is reported as actual: a pledge is not a disbursement."), actual, pledged))
        for status in ("actual", "pledged"):
            totals = sorted((f for f in same if f.status == status and f.scope == "cumulative" and f.period_end),
                            key=lambda f: (f.period_end, f.period_start or ""))
            for earlier, later in zip(totals, totals[1:], strict=False):
                if agree(earlier.figure, later.figure) or earlier.figure.point is None or later.figure.point is None:
                    continue
                if later.period_end == earlier.period_end and later.period_start != earlier.period_start:
                    out.append(_between("different_period", (
                        f"{_show(earlier.figure, earlier.unit)} for {fmt.period(earlier.period_start, earlier.period_end)}"
                        f" and {_show(later.figure, later.unit)} for {fmt.period(later.period_start, later.period_end)}"
                        " count from different years."), later, earlier))
                elif later.period_end > earlier.period_end and later.figure.point < earlier.figure.point:
                    out.append(_between("cumulative_decrease", (
                        f"A cumulative total cannot fall: {_show(earlier.figure, earlier.unit)} up to "
                        f"{fmt.date(earlier.period_end)} but {_show(later.figure, later.unit)} up to "
                        f"{fmt.date(later.period_end)}; the sources count different things (approved vs "
                        "disbursed, or from a different start)."), later, earlier))
            undated = [f for f in same if f.status == status and f.scope == "cumulative"
                       and f.period_start is None and f.period_end is None]
            if totals:
                latest = totals[-1]
                for f in undated:
                    if f.figure.point is not None and not any(agree(f.figure, t.figure) for t in totals):
                        out.append(_between("different_period", (
                            f"{_show(f.figure, f.unit)} is given without a period; "
                            f"{_show(latest.figure, latest.unit)} covers "
                            f"{fmt.period(latest.period_start, latest.period_end)}: the figures likely cover "
                            "different periods."), latest, f))
    return out


def reconcile_claims(reports: Iterable[ClaimReport]) -> tuple[list[Fact], list[Conflict]]:
    """The facts and conflicts of one group's claim reports (one pair and indicator)."""
    by_fact: dict[str, list[ClaimReport]] = defaultdict(list)
    for r in reports:
        if r.figure.point is not None:
            by_fact[r.fact_key].append(r)
    facts: list[Fact] = []
    conflicts: list[Conflict] = []
    for key in sorted(by_fact):
        reports_of = by_fact[key]
        if reports_of[0].period_start is None and reports_of[0].period_end is None:
            # Figures without a period may be of different years or totals:
            # each agreeing cluster is a fact of its own, none contradicts another.
            for cluster in _clusters(reports_of):
                facts.append(_facts_of(cluster.reports, salt=f"|{cluster.lead.record_id}")[0])
            continue
        fact, found = _facts_of(reports_of)
        facts.append(fact)
        conflicts.extend(found)
    conflicts.extend(_across(facts))
    return facts, conflicts
