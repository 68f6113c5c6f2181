"""The shapes of the API's answers, for the OpenAPI document.

The endpoints return what ``bilateral.query`` returns (plain dictionaries,
encoded as they are); these models describe it for readers of ``/api`` and
for client generators. ``tests/test_serve_api.py`` checks real answers
against them.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class _Model(BaseModel):
    model_config = ConfigDict(populate_by_name=True)


class Evidence(_Model):
    start: int = Field(description="Offset of the first character in the document text.")
    end: int = Field(description="Offset after the last character.")
    text: str = Field(description="The sentence: document.text[start:end].")


class Period(_Model):
    start: str | None = Field(description="Partial ISO date: 2019, 2019-03, 2019-03-14.")
    end: str | None


class Source(_Model):
    record_id: int
    doc: str = Field(description="The document's id (its file name or URL).")
    document_id: int = Field(description="The stored version: /api/documents/{document_id}.")
    title: str | None
    publisher: str | None
    published: str | None
    url: str | None
    value: float | None
    low: float | None
    high: float | None
    approx: str | None = Field(description="about, over or under.")
    attributed_to: str | None = Field(description="The statistics source named in the text.")
    evidence: Evidence
    agrees: bool | None = Field(None, description="Facts: whether this report agrees with the fact's value.")
    date: str | None = Field(None, description="Events: the date this report gives.")


class Fact(_Model):
    id: str
    pair: str = Field(description="Two ISO 3166 codes in alphabetical order: KH-KR.")
    indicator: str
    measure: str
    from_: str | None = Field(alias="from")
    to: str | None
    period: Period
    scope: str | None
    status: str
    unit: str
    value: float | None
    low: float | None
    high: float | None
    approx: str | None
    rule: str | None = Field(description="Why this value was chosen among the reports.")
    n_reports: int
    n_documents: int
    conflict: str | None = Field(description="The kind of disagreement among the reports, if any.")
    sources: list[Source] | None = None


class Conflict(_Model):
    id: str
    pair: str
    indicator: str
    kind: str
    explanation: str
    fact_id: str | None
    other_fact_id: str | None
    record_ids: list[int]
    reports: list[Source] | None = None


class FactWithConflicts(Fact):
    conflicts: list[Conflict]


class SeriesLine(_Model):
    indicator: str
    measure: str
    status: str
    pair: str
    from_: str | None = Field(alias="from")
    to: str | None
    unit: str
    points: list[Fact]


class Event(_Model):
    id: str
    pair: str
    event: str
    date: str | None
    from_: str | None = Field(alias="from")
    to: str | None
    actors: list[str]
    status: str
    n_reports: int
    n_documents: int
    date_conflict: str | None
    best_record_id: int | None
    reports: list[Source]


class Pair(_Model):
    pair: str
    facts: int
    events: int
    documents: int


class Record(_Model):
    id: int
    type: str = Field(description="claim or event (records.md).")
    doc: str | None
    evidence: Evidence
    fact_id: str | None
    event_id: str | None
    document_id: int | None = Field(None, description="/api/records/{id} only: the document version.")


class Document(_Model):
    id: int
    doc: str
    version: int
    current: bool
    title: str | None
    publisher: str | None
    published: str | None
    url: str | None
    language: str | None
    media_type: str | None
    metadata: dict
    ingested_at: str | None
    text: str
    records: list[Record] = Field(description="Spec records (records.md) with their fact or event.")


class DocumentMatch(_Model):
    id: int
    doc: str
    title: str | None
    publisher: str | None
    published: str | None
    url: str | None
    snippet: str
    snippet_start: int
    marks: list[list[int]] = Field(description="[start, end] of each match inside the snippet.")


class EvidenceMatch(_Model):
    record_id: int
    type: str
    kind: str
    pair: str | None
    document_id: int
    doc: str
    title: str | None
    published: str | None
    evidence: Evidence
    marks: list[list[int]]


class SearchResult(_Model):
    query: str
    documents: list[DocumentMatch]
    evidence: list[EvidenceMatch]


class IngestResult(_Model):
    added: int
    new_versions: int
    unchanged: int
    records: int
    skipped: list[str]
    documents: list[dict] = Field(description="What became of each document: doc, outcome, document_id.")


class Problem(_Model):
    detail: str | list
