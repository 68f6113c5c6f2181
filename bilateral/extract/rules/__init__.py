"""Rule tables (TOML): the data the extractor reads, so that a new indicator,
currency or event type is a table edit plus its tests."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any


@cache
def load(name: str) -> dict[str, Any]:
    """The parsed table ``rules/<name>.toml``."""
    text = resources.files(__name__).joinpath(f"{name}.toml").read_text("utf-8")
    return tomllib.loads(text)
