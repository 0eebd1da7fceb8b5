"""Typed policy tools: their signatures and docstrings are the tool schemas of the LLM agent.

Registered like every other tool (`tools.registry`): `tool(inp: InputModel, settings) -> OutputModel`.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from clusterbot.config import Settings
from clusterbot.errors import InputError
from clusterbot.retrieval.corpus import load_corpus
from clusterbot.retrieval.models import Clause, IndicatorRow, SearchHit
from clusterbot.retrieval.search import search
from clusterbot.tools.registry import tool


class ClauseRef(BaseModel):
    """A clause in short: enough to cite it."""

    doc_id: str
    clause_id: str = Field(description="Dotted id such as 3.2.1, 4.1 or 2.table.3")
    label: str = Field(description="How officials write it, e.g. 三（二）1, 四（一）, 第四条")
    title: str
    lead_units: list[str] = Field(default_factory=list)
    support_units: list[str] = Field(default_factory=list)


class ClauseView(ClauseRef):
    """A whole clause with its place in the document."""

    doc_title: str
    breadcrumb: str = ""
    text: str = ""
    parent_id: str | None = None
    children: list[ClauseRef] = Field(default_factory=list)
    table_row: IndicatorRow | None = None


class GetClauseInput(BaseModel):
    """Fetch one clause of a policy document by its id or label."""

    clause_id: str = Field(description="Clause id (3.2.1, 4.1, 2.table.3) or label (三（二）1, 四（一）)")
    doc_id: str | None = Field(default=None, description="Document id; omit for the 2024 Anhui guidance")


class TasksForUnitInput(BaseModel):
    """List the tasks a responsible unit leads (牵头) and those it supports (配合)."""

    unit: str = Field(description="Unit name as the user wrote it, e.g. 发改委, 省工业和信息化厅, 工信厅, 市县政府")


class UnitTasksView(BaseModel):
    """Tasks led and tasks supported by one unit, kept apart."""

    unit: str = Field(description="The canonical unit name as printed in the policy")
    led: list[ClauseRef] = Field(default_factory=list)
    supported: list[ClauseRef] = Field(default_factory=list)


class SearchPolicyInput(BaseModel):
    """Search the policy clauses (Chinese or English query)."""

    query: str = Field(max_length=500, description="What to look for, e.g. 数字化改造谁牵头")
    k: int = Field(default=5, ge=1, le=20)


class SearchPolicyResult(BaseModel):
    """The best-matching clauses, best first."""

    query: str
    hits: list[SearchHit] = Field(default_factory=list)


def _ref(clause: Clause) -> ClauseRef:
    return ClauseRef(doc_id=clause.doc_id, clause_id=clause.clause_id, label=clause.label, title=clause.title,
                     lead_units=clause.lead_units, support_units=clause.support_units)


@tool
def get_clause(inp: GetClauseInput, settings: Settings) -> ClauseView:
    """Fetch one clause of a policy document (default: the 2024 Anhui county-cluster guidance) by id or label,
    with its text, breadcrumb, lead and supporting units, and its child clauses."""
    corpus = load_corpus(settings)
    clause = corpus.clause(inp.clause_id, inp.doc_id)
    if clause is None:
        raise InputError("retrieval.clause_unknown", doc_id=inp.doc_id or corpus.default_doc_id, clause_id=inp.clause_id)
    doc = corpus.document(clause.doc_id)
    return ClauseView(**_ref(clause).model_dump(), doc_title=doc.meta.title, breadcrumb=clause.breadcrumb,
                      text=clause.text, parent_id=clause.parent_id, table_row=clause.table_row,
                      children=[_ref(c) for c in corpus.children(clause.clause_id, clause.doc_id)])


@tool
def tasks_for_unit(inp: TasksForUnitInput, settings: Settings) -> UnitTasksView:
    """List the policy tasks a responsible unit leads (牵头单位) and, separately, those it supports (配合单位).
    Accepts short names and aliases (发改委, 工信厅, 经信厅, 市县政府)."""
    result = load_corpus(settings).tasks_for_unit(inp.unit)
    return UnitTasksView(unit=result.unit, led=[_ref(c) for c in result.led],
                         supported=[_ref(c) for c in result.supported])


@tool
def search_policy(inp: SearchPolicyInput, settings: Settings) -> SearchPolicyResult:
    """Search the policy clauses by meaning and keywords (Chinese or English); returns the k best clauses
    with their ids, labels, titles, text and responsible units."""
    return SearchPolicyResult(query=inp.query, hits=search(settings, inp.query, k=inp.k))
