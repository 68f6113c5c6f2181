"""Extraction quality on our Korean and Khmer sample corpora (examples/<lang>/,
gold in examples/gold/<lang>/), scored like the English one."""

from __future__ import annotations

import pytest

from bilateral.evaluate import score
from tests.helpers import EXAMPLES, extract_folder, load_jsonl

F1_FLOOR = 0.85
LANGUAGES = [code for code in ("ko", "km") if (EXAMPLES / "gold" / code).is_dir()]


@pytest.mark.parametrize("code", LANGUAGES)
def test_corpus_f1(code):
    gold = load_jsonl(*sorted((EXAMPLES / "gold" / code).glob("*.jsonl")))
    assert len({g["doc"] for g in gold}) >= 15
    result = score(gold, extract_folder(EXAMPLES / code))
    print(f"{code}: P={result.precision:.3f} R={result.recall:.3f} F1={result.f1:.3f}")
    assert result.f1 >= F1_FLOOR, (result.f1, result.misses[:5], result.false_positives[:5])


@pytest.mark.parametrize("code", LANGUAGES)
def test_gold_evidence_is_the_document_slice(code):
    for g in load_jsonl(*sorted((EXAMPLES / "gold" / code).glob("*.jsonl"))):
        text = (EXAMPLES / code / g["doc"]).read_text(encoding="utf-8")
        ev = g["evidence"]
        assert text[ev["start"]:ev["end"]] == ev["text"], g["doc"]
