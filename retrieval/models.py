"""The shapes of the policy corpus: documents, clauses, indicator rows and search hits."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

ClauseKind = Literal["preamble", "section", "subsection", "task", "article", "table", "table_row", "paragraph"]
Value = int | float | str


class IndicatorRow(BaseModel):
    """One printed row of an indicator table; qualitative targets stay text (e.g. 持续增长)."""

    row: int
    indicator: str
    unit: str = ""
    values: dict[str, Value] = Field(default_factory=dict)


class Clause(BaseModel):
    doc_id: str = ""
    clause_id: str
    label: str
    title: str = ""
    breadcrumb: str = ""
    text: str = ""
    lead_units: list[str] = Field(default_factory=list)
    support_units: list[str] = Field(default_factory=list)
    parent_id: str | None = None
    children: list[str] = Field(default_factory=list)
    kind: ClauseKind = "paragraph"
    table_row: IndicatorRow | None = None

    @property
    def is_task(self) -> bool:
        return bool(self.lead_units)

    def index_text(self) -> str:
        """What retrieval sees: where the clause sits, its title, its words and who leads it."""
        if self.table_row is not None:  # the row text already names the indicator; the caption is shared by all rows
            return "\n".join(p for p in (self.breadcrumb.split(" > ")[0], self.text) if p)
        parts = [self.breadcrumb, self.label, self.title, self.text]
        if self.lead_units:
            parts.append("牵头单位 " + " ".join(self.lead_units))
        return "\n".join(p for p in parts if p)


class DocumentMeta(BaseModel):
    doc_id: str
    title: str = ""
    issuer: str = ""
    date: str = ""
    addressees: str = ""
    cc: str = ""
    source: str = ""  # where the document was published (a web address), from the sidecar
    source_file: str = ""
    content_hash: str = ""
    origin: Literal["shipped", "ingested"] = "ingested"


class PolicyDocument(BaseModel):
    meta: DocumentMeta
    clauses: list[Clause] = Field(default_factory=list)

    def clause(self, clause_id: str) -> Clause | None:
        for clause in self.clauses:
            if clause.clause_id == clause_id:
                return clause
        return None


class SearchHit(BaseModel):
    """One search result; its JSON is the search contract of the architecture doc."""

    doc_id: str
    clause_id: str
    label: str
    title: str = ""
    breadcrumb: str
    score: float
    text: str
    lead_units: list[str] = Field(default_factory=list)
    support_units: list[str] = Field(default_factory=list)
