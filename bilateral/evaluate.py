"""Score extracted records against hand-made gold records.

The matching rules are those of the project's evaluation (``shared/eval``):
a prediction matches a gold record of the same document when every field the
gold states agrees (values within 0.5%, dates at the gold's precision, symmetric
pairs as sets, statuses) and the evidence spans overlap. Optional gold records
neither count for recall nor penalise a match.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .model import SYMMETRIC


@dataclass(slots=True)
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[dict[str, Any]] = field(default_factory=list)
    false_positives: list[dict[str, Any]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _close(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    try:
        return math.isclose(float(a), float(b), rel_tol=0.005, abs_tol=1e-9)
    except (TypeError, ValueError):
        return False


def _date_ok(gold: str | None, pred: Any) -> bool:
    return gold is None or (isinstance(pred, str) and pred.startswith(gold))


def matches(g: dict[str, Any], p: dict[str, Any]) -> bool:
    """Whether prediction ``p`` matches gold record ``g``."""
    if g["type"] != p.get("type") or g.get("doc") != p.get("doc"):
        return False
    if g["type"] == "claim":
        if any(g[k] != p.get(k) for k in ("indicator", "measure", "unit")):
            return False
        for k in ("value", "low", "high"):
            if g.get(k) is not None and not _close(g[k], p.get(k)):
                return False
        gp, pp = g.get("period"), p.get("period") or {}
        if gp and not (_date_ok(gp.get("start"), pp.get("start")) and _date_ok(gp.get("end"), pp.get("end"))):
            return False
        kind = g["indicator"]
    else:
        if g["event"] != p.get("event") or not _date_ok(g.get("date"), p.get("date")):
            return False
        kind = g["event"]
    if g.get("from") is not None or g.get("to") is not None:
        if kind in SYMMETRIC:
            if not ({g.get("from"), g.get("to")} - {None}) <= {p.get("from"), p.get("to")}:
                return False
        elif any(g.get(k) is not None and g.get(k) != p.get(k) for k in ("from", "to")):
            return False
    if g.get("status", "actual") != p.get("status", "actual"):
        return False
    a, b = g["evidence"], p.get("evidence") or {}
    return a["start"] < b.get("end", -1) and b.get("start", 1 << 62) < a["end"]


def score(gold: Iterable[dict[str, Any]], predicted: Iterable[dict[str, Any]]) -> Score:
    """Precision, recall and F1 of ``predicted`` against ``gold`` (spec dictionaries)."""
    gold = list(gold)
    docs = {g["doc"] for g in gold}
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for p in predicted:
        if p.get("doc") in docs:
            by_doc.setdefault(p["doc"], []).append(p)
    used: set[int] = set()
    result = Score()
    for g in sorted(gold, key=lambda g: bool(g.get("optional"))):
        hit = next((p for p in by_doc.get(g["doc"], []) if id(p) not in used and matches(g, p)), None)
        if hit is not None:
            used.add(id(hit))
            if not g.get("optional"):
                result.tp += 1
        elif not g.get("optional"):
            result.fn += 1
            result.misses.append(g)
    for preds in by_doc.values():
        for p in preds:
            if id(p) not in used:
                result.fp += 1
                result.false_positives.append(p)
    return result
