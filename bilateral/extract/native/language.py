"""What the native engine needs from one language: its rule tables and the few
parsers that cannot be tables (sentence ends, numbers, dates).

Each language package (``bilateral.extract.ko``, ``bilateral.extract.km``)
builds one ``Language``; the engine never branches on the language code.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from .. import rules
from ..dates import DateExpr
from ..quantities import Quantity


@dataclass(frozen=True)
class Language:
    code: str
    # Same-length rewrite of the text (native digits to ASCII, wide forms to
    # narrow), so that the parsers see one alphabet and offsets still hold.
    normalize: Callable[[str], str]
    split: Callable[[str, int, int], Iterator[tuple[int, int]]]
    find_quantities: Callable[[str, int, int], list[Quantity]]
    find_dates: Callable[[str, int, int, dt.date | None], list[DateExpr]]

    def table(self, name: str) -> dict[str, Any]:
        """The rule table ``rules/<code>/<name>.toml``."""
        return rules.load(f"{self.code}/{name}")


@cache
def get(code: str) -> Language | None:
    """The ``Language`` of a code ("ko", "km"), or None when there is no engine for it."""
    try:
        return importlib.import_module(f"bilateral.extract.{code}").LANGUAGE
    except (ImportError, AttributeError):
        return None
