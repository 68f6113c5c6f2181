"""Comparing the figures of two reports: agreement within rounding, and why they differ."""

from __future__ import annotations

import math
import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any


@cache
def rules() -> dict[str, Any]:
    """The table ``reconcile/rules.toml``."""
    return tomllib.loads(resources.files("bilateral.reconcile").joinpath("rules.toml").read_text("utf-8"))


@cache
def _official() -> re.Pattern[str]:
    return re.compile("|".join(rules()["official_sources"]), re.I)


def is_official(source: str | None) -> bool:
    """Whether a named source is official statistics (customs, a ministry, a central bank...)."""
    return bool(source) and _official().search(source) is not None


def significant_digits(value: float) -> int:
    """How many significant digits a stated figure has: 890000000 -> 2, 8.45 -> 3."""
    if value == 0 or not math.isfinite(value):
        return 1
    digits = f"{abs(value):.12g}".replace(".", "").split("e")[0].lstrip("0").rstrip("0")
    return max(1, len(digits))


def round_to(value: float, digits: int) -> float:
    if value == 0 or not math.isfinite(value):
        return value
    return round(value, digits - 1 - math.floor(math.log10(abs(value))))


@dataclass(frozen=True, slots=True)
class Figure:
    """A reported figure: a value, or a range, with its approximation word."""

    value: float | None
    low: float | None = None
    high: float | None = None
    approx: str | None = None

    @property
    def point(self) -> float | None:
        if self.value is not None:
            return self.value
        if self.low is not None and self.high is not None:
            return (self.low + self.high) / 2
        return self.low if self.low is not None else self.high


def _interval(f: Figure) -> tuple[float, float] | None:
    """The values a figure admits, for ranges and approximate figures."""
    r = rules()
    if f.value is None:
        if f.low is None or f.high is None:
            return None
        return f.low, f.high
    v = abs(f.value)
    if f.approx == "about":
        return f.value - v * r["about_fraction"], f.value + v * r["about_fraction"]
    if f.approx == "over":
        return f.value, f.value + v * r["over_fraction"]
    if f.approx == "under":
        return f.value - v * r["under_fraction"], f.value
    return None


def agree(a: Figure, b: Figure) -> bool:
    """Whether two figures state the same quantity, allowing for rounding and approximation."""
    if a.point is None or b.point is None:
        return False
    if a.value is not None and b.value is not None:
        if a.value == b.value:
            return True
        digits = min(significant_digits(a.value), significant_digits(b.value))
        if round_to(a.value, digits) == round_to(b.value, digits):
            return True
    for one, other in ((a, b), (b, a)):
        span = _interval(one)
        if span is not None and other.point is not None and span[0] <= other.point <= span[1]:
            return True
    return False


def _digits(value: float) -> str:
    return f"{abs(value):.12g}".replace(".", "").split("e")[0].strip("0")


def transposed(a: float, b: float) -> bool:
    """Whether the significant digits of ``b`` are those of ``a`` with two neighbours swapped."""
    da, db = _digits(a), _digits(b)
    if len(da) != len(db) or da == db or len(da) < 2:
        return False
    diff = [i for i in range(len(da)) if da[i] != db[i]]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and da[diff[0]] == db[diff[1]] and da[diff[1]] == db[diff[0]]


def magnitude_ratio(a: float, b: float) -> int | None:
    """10, 100, 1000 or 1e6 when one figure is that multiple of the other (a likely slip)."""
    if a == 0 or b == 0:
        return None
    ratio = max(abs(a), abs(b)) / min(abs(a), abs(b))
    r = rules()
    for m in r["magnitudes"]:
        if abs(ratio / m - 1) <= r["magnitude_tolerance"]:
            return int(m)
    return None


def relative_difference(a: float, b: float) -> float:
    return abs(a - b) / max(abs(a), abs(b)) if max(abs(a), abs(b)) else 0.0
