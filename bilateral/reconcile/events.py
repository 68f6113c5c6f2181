"""Event reports become canonical events.

Reports of one pair and event type are the same event when their dates are
compatible (one is a prefix of the other, "2019" and "2019-03-14"; or two
days at most ``event_day_window`` apart, which is flagged as a date
conflict), their directions do not contradict each other, and the actors
they name overlap (when both name any). Reports without a date join the one
dated event whose actors they share, or stand alone.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache

from bilateral.reconcile.values import rules


@dataclass(frozen=True, slots=True)
class EventReport:
    record_id: int
    document_id: int
    published: str | None
    group_key: str
    pair: str | None
    event: str
    date: str | None
    from_c: str | None
    to_c: str | None
    actors: tuple[str, ...]
    status: str


@dataclass(slots=True)
class CanonicalEvent:
    id: str
    group_key: str
    pair: str | None
    event: str
    date: str | None
    from_c: str | None
    to_c: str | None
    actors: list[str]
    status: str
    n_reports: int
    n_documents: int
    date_conflict: str | None
    best_record_id: int
    record_ids: list[int] = field(default_factory=list)


@cache
def _stopwords() -> frozenset[str]:
    return frozenset(rules()["actor_stopwords"])


def actor_words(actors: Iterable[str]) -> frozenset[str]:
    """The words that identify the actors: names, without titles ("President Moon" -> {"moon"})."""
    words = (w for a in actors for w in re.findall(r"[^\W\d_][\w'-]*", a.lower()))
    return frozenset(w for w in words if len(w) > 2 and w not in _stopwords())


def _day(iso: str) -> date | None:
    try:
        return date.fromisoformat(iso) if len(iso) == 10 else None
    except ValueError:
        return None


def dates_compatible(a: str, b: str) -> tuple[bool, bool]:
    """(compatible, conflicting): prefixes are compatible; near days are compatible but conflicting."""
    a, b = a.replace("X", ""), b.replace("X", "")
    if a.startswith(b) or b.startswith(a):
        return True, False
    da, db = _day(a), _day(b)
    if da and db and abs((da - db).days) <= rules()["event_day_window"]:
        return True, True
    return False, False


@dataclass(slots=True)
class _Cluster:
    reports: list[EventReport]
    words: set[str]
    conflict: bool = False
    # Kept as reports join (``add``): a busy pair's visits are tens of thousands of reports, and
    # reading them all for every candidate report made a group's reconciliation quadratic.
    dates: dict[str, int] = field(default_factory=dict)  # date -> how many reports give it
    directions: set[tuple[str, str | None]] = field(default_factory=set)  # (from, to) of directed reports

    def __post_init__(self) -> None:
        reports, self.reports = self.reports, []
        for r in reports:
            self.add(r)

    def add(self, r: EventReport) -> None:
        self.reports.append(r)
        if r.date:
            self.dates[r.date] = self.dates.get(r.date, 0) + 1
        if r.from_c:
            self.directions.add((r.from_c, r.to_c))

    def date(self) -> str | None:
        if not self.dates:
            return None
        # The most precise date, and among those the one most reports give.
        best = max(len(d) for d in self.dates)
        return max((d for d in self.dates if len(d) == best), key=lambda d: (self.dates[d], d))

    def accepts(self, r: EventReport, symmetric_direction: bool) -> tuple[bool, bool]:
        here = self.date()
        if here is None or r.date is None:
            return False, False
        ok, conflict = dates_compatible(here, r.date)
        if not ok:
            return False, False
        if not symmetric_direction and r.from_c and self.directions - {(r.from_c, r.to_c)}:
            return False, False
        words = actor_words(r.actors)
        if words and self.words and not words & self.words:
            return False, False
        return True, conflict


def _canonical(cluster: _Cluster) -> CanonicalEvent:
    reports = cluster.reports
    first = min(reports, key=lambda r: r.record_id)
    when = cluster.date()
    days = sorted({r.date for r in reports if r.date and len(r.date) == 10})
    conflict = None
    if cluster.conflict and len(days) > 1:
        conflict = "Reports give different dates: " + ", ".join(days) + "."
    # Direction and status: the most common stated value; "actual" once any report says it happened.
    directed = [(r.from_c, r.to_c) for r in reports if r.from_c]
    from_c, to_c = max(set(directed), key=directed.count) if directed else (first.from_c, first.to_c)
    actors: list[str] = []
    for r in sorted(reports, key=lambda r: r.record_id):
        for a in r.actors:
            if a not in actors and not any(a.lower() in b.lower() for b in actors):
                actors.append(a)
    best = max(reports, key=lambda r: (len(r.date or ""), len(r.actors), -r.record_id))
    return CanonicalEvent(
        id="e-" + hashlib.sha1(f"{first.group_key}|{first.record_id}".encode()).hexdigest()[:16],
        group_key=first.group_key, pair=first.pair, event=first.event, date=when, from_c=from_c, to_c=to_c,
        actors=actors, status="actual" if any(r.status == "actual" for r in reports) else "planned",
        n_reports=len(reports), n_documents=len({r.document_id for r in reports}), date_conflict=conflict,
        best_record_id=best.record_id,
        record_ids=[best.record_id, *sorted(r.record_id for r in reports if r is not best)],
    )


def _merge_neighbours(clusters: list[_Cluster], symmetric: bool) -> list[_Cluster]:
    """Join clusters of the same event that reports arrived in the wrong order to join.

    Reports join clusters in date order, so a report naming only the host
    (14 March: "Hun Sen") can come before the one that names both leaders
    (16 March: "Moon Jae-in and Hun Sen") and start an event of its own. Once
    every report is placed, clusters whose days are within the window, whose
    directions agree and whose actors overlap are one event. Only clusters of
    nearby days are compared, so a busy group stays linear.
    """
    window = rules()["event_day_window"]
    by_day: dict[date, list[_Cluster]] = defaultdict(list)
    out: list[_Cluster] = []
    for c in sorted(clusters, key=lambda c: c.date() or ""):
        day = _day(c.date() or "")
        home = None
        if day is not None:
            near = (k for d in range(-window, window + 1) for k in by_day.get(day + timedelta(days=d), ()))
            home = next((k for k in near if c.words and k.words and c.words & k.words
                         and (symmetric or len(c.directions | k.directions) <= 1)), None)
        if home is None:
            out.append(c)
            if day is not None:
                by_day[day].append(c)
            continue
        for r in c.reports:
            home.add(r)
        home.words |= c.words
        home.conflict = home.conflict or c.conflict or len({d for d in home.dates if len(d) == 10}) > 1
    return out


def reconcile_events(reports: Iterable[EventReport], *, symmetric: bool) -> list[CanonicalEvent]:
    """The canonical events of one group's event reports (one pair and event type)."""
    dated = sorted((r for r in reports if r.date), key=lambda r: (-len(r.date or ""), r.date, r.record_id))
    undated = sorted((r for r in reports if not r.date), key=lambda r: r.record_id)
    clusters: list[_Cluster] = []
    for r in dated:
        for c in clusters:
            ok, conflict = c.accepts(r, symmetric)
            if ok:
                c.add(r)
                c.words |= actor_words(r.actors)
                c.conflict |= conflict
                break
        else:
            clusters.append(_Cluster([r], set(actor_words(r.actors))))
    clusters = _merge_neighbours(clusters, symmetric)
    loose: dict[tuple, _Cluster] = {}
    for r in undated:
        words = actor_words(r.actors)
        homes = [c for c in clusters if words and words & c.words]
        if len(homes) == 1:
            homes[0].add(r)
            continue
        # Undated reports of the same actors and direction are one event among themselves.
        key = (r.from_c, r.to_c, words)
        loose.setdefault(key, _Cluster([], set(words))).add(r)
    return [_canonical(c) for c in [*clusters, *loose.values()]]
