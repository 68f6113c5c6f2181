"""Short documents written for the store, ingest and reconcile tests (our own words)."""

from __future__ import annotations

import json
from pathlib import Path

CUSTOMS = (
    "Trade between Cambodia and South Korea reached $890 million in 2023, according to the General Department "
    "of Customs and Excise. President Yoon Suk Yeol of South Korea visited Phnom Penh on 14 May 2024."
)
ROUNDED = "Two-way trade between Cambodia and Korea came to $892.3 million in 2023."
ASSOCIATION = (
    "Bilateral trade between Cambodia and South Korea was $1.05 billion in 2023, according to the Korea "
    "International Trade Association. Korean President Yoon Suk Yeol arrived in Phnom Penh on 15 May 2024 "
    "for a state visit."
)
TYPO = "Trade between Cambodia and South Korea reached $89 million in 2023."
AID = ("South Korea pledged $700 million in aid to Cambodia for 2024. Korea disbursed $431 million in aid to "
       "Cambodia in 2024.")
KOREAN = "캄보디아와 한국의 교역액은 2023년 8억9000만 달러였다."
KHMER = "ពាណិជ្ជកម្មរវាងកម្ពុជានិងកូរ៉េមានតម្លៃ ៨៩០ លានដុល្លារ។"
HOSTILE = '<script>alert("x")</script> Cambodia and Korea; DROP TABLE documents; -- onerror=alert(1)'


def write_docs(folder: Path, docs: dict[str, str], published: str = "2024-05-20") -> Path:
    """Write ``name -> text`` as .txt files with sidecars giving the published date."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in docs.items():
        (folder / name).write_text(text, encoding="utf-8")
        (folder / (name + ".meta.json")).write_text(json.dumps({"published": published, "title": name}))
    return folder
