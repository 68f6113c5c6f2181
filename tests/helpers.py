"""Shared test helpers: the project's sample corpus and the shared dev set."""

from __future__ import annotations

import json
from pathlib import Path

import bilateral
from bilateral.evaluate import Score, score
from bilateral.model import Claim, Event

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
SHARED = REPO.parent / "shared"


def load_jsonl(*paths: Path) -> list[dict]:
    rows = []
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rows.append(json.loads(line))
    return rows


def extract_folder(folder: Path) -> list[dict]:
    """Extract every .txt of a folder as the CLI would (UTF-8 text, sidecar dates)."""
    out = []
    for path in sorted(folder.glob("*.txt")):
        meta_path = path.with_name(path.name + ".meta.json")
        meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
        text = path.read_text(encoding="utf-8")
        for r in bilateral.extract(text, published=meta.get("published"), doc_id=path.name):
            out.append(r.to_dict())
    return out


def score_folder(folder: Path, gold: list[dict]) -> Score:
    return score(gold, extract_folder(folder))


def claims(text: str, **kw) -> list[Claim]:
    """The claims ``bilateral.extract`` finds in ``text``."""
    return [r for r in bilateral.extract(text, **kw) if isinstance(r, Claim)]


def events(text: str, **kw) -> list[Event]:
    """The events ``bilateral.extract`` finds in ``text``."""
    return [r for r in bilateral.extract(text, **kw) if isinstance(r, Event)]
